//! The report as accessible HTML: one `<article>` for the site's `/report` page, or a whole
//! document with its own print stylesheet for download.

use super::{
    blocks, period_text, result_table, Block, Lang, Recommendation, Report, RoundSection, Span,
    TopicSection,
};
use crate::markup::escape_text;
use std::fmt::Write;

/// Escapes text for HTML text and double-quoted attributes.
fn esc(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

fn spans(s: &[Span]) -> String {
    let mut out = String::new();
    for span in s {
        match span {
            Span::Text(t) => out.push_str(&esc(t)),
            Span::Strong(t) => {
                let _ = write!(out, "<strong>{}</strong>", esc(t));
            }
            Span::Emph(t) => {
                let _ = write!(out, "<em>{}</em>", esc(t));
            }
            Span::Code(t) => {
                let _ = write!(out, "<code>{}</code>", esc(t));
            }
            Span::Link { text, url } => {
                let _ = write!(
                    out,
                    "<a href=\"{}\" rel=\"nofollow ugc noopener noreferrer\">{}</a>",
                    esc(url),
                    esc(text)
                );
            }
        }
    }
    out
}

fn body(out: &mut String, source: &str) {
    for b in blocks(source) {
        match b {
            Block::Para(s) => {
                let _ = write!(out, "<p>{}</p>", spans(&s));
            }
            Block::Quote(s) => {
                let _ = write!(out, "<blockquote><p>{}</p></blockquote>", spans(&s));
            }
            Block::List { ordered, items } => {
                let tag = if ordered { "ol" } else { "ul" };
                let _ = write!(out, "<{tag}>");
                for i in items {
                    let _ = write!(out, "<li>{}</li>", spans(&i));
                }
                let _ = write!(out, "</{tag}>");
            }
            Block::Code(c) => {
                let _ = write!(out, "<pre><code>{}</code></pre>", esc(&c));
            }
        }
    }
}

/// The report as an `<article class="report">`: headings h1–h4 in order, a table of contents
/// linking to every section, tables with captions and header cells, charts as SVG images with
/// their titles.
pub fn html_fragment(r: &Report) -> String {
    let lang = r.lang;
    let mut o = String::new();
    o.push_str("<article class=\"report\">");
    let _ = write!(
        o,
        "<header class=\"report-cover\"><h1>{}</h1><p class=\"report-question\">{}</p>",
        esc(&r.convention),
        esc(&r.question)
    );
    if let Some(p) = period_text(r) {
        let _ = write!(o, "<p>{}.</p>", esc(&p));
    }
    let _ = write!(
        o,
        "<p>{}.</p></header>",
        esc(&lang.people(r.members, r.participants))
    );
    let _ = write!(
        o,
        "<nav class=\"report-toc\" aria-labelledby=\"report-toc\"><h2 id=\"report-toc\">{}</h2><ol>",
        lang.contents()
    );
    if !r.introduction.trim().is_empty() {
        let _ = write!(
            o,
            "<li><a href=\"#introduction\">{}</a></li>",
            lang.introduction()
        );
    }
    for (n, t) in r.topics.iter().enumerate() {
        let _ = write!(
            o,
            "<li><a href=\"#theme-{}\">{}</a><ol>",
            n + 1,
            esc(&t.title)
        );
        for (m, rec) in t.recommendations.iter().enumerate() {
            let _ = write!(
                o,
                "<li><a href=\"#recommandation-{}-{}\">{}</a></li>",
                n + 1,
                m + 1,
                esc(&rec.title)
            );
        }
        o.push_str("</ol></li>");
    }
    if !r.rounds.is_empty() {
        let _ = write!(o, "<li><a href=\"#annexe\">{}</a></li>", esc(lang.annex()));
    }
    o.push_str("</ol></nav>");
    if !r.introduction.trim().is_empty() {
        let _ = write!(
            o,
            "<section aria-labelledby=\"introduction\"><h2 id=\"introduction\">{}</h2>",
            lang.introduction()
        );
        body(&mut o, &r.introduction);
        o.push_str("</section>");
    }
    for (n, t) in r.topics.iter().enumerate() {
        topic_section(&mut o, lang, n, t);
    }
    if !r.rounds.is_empty() {
        let _ = write!(
            o,
            "<section class=\"report-annex\" aria-labelledby=\"annexe\"><h2 id=\"annexe\">{}</h2>",
            esc(lang.annex())
        );
        for round in &r.rounds {
            round_annex(&mut o, lang, round);
        }
        o.push_str("</section>");
    }
    o.push_str("</article>");
    o
}

/// One topic's section: its recommendations, then its minority positions.
fn topic_section(o: &mut String, lang: Lang, n: usize, t: &TopicSection) {
    let _ = write!(
        o,
        "<section class=\"report-topic\" aria-labelledby=\"theme-{0}\"><h2 id=\"theme-{0}\">{0}. {1}</h2>",
        n + 1,
        esc(&t.title)
    );
    if !t.question.is_empty() {
        let _ = write!(o, "<p class=\"report-question\">{}</p>", esc(&t.question));
    }
    if t.recommendations.is_empty() {
        let _ = write!(o, "<p>{}</p>", lang.no_recommendation());
    }
    for (m, rec) in t.recommendations.iter().enumerate() {
        recommendation(o, lang, n, m, rec);
    }
    if !t.minority.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><ul class=\"report-minority\">",
            lang.minority()
        );
        for m in &t.minority {
            let _ = write!(
                o,
                "<li><strong>{}</strong>{} {}",
                esc(&lang.numbered(m.id, &m.title)),
                lang.colon(),
                esc(&m.reason)
            );
            for d in &m.dissents {
                o.push_str("<blockquote class=\"report-dissent\">");
                body(o, d);
                o.push_str("</blockquote>");
            }
            o.push_str("</li>");
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>");
}

/// One recommendation: authors, summary, text, votes, pinned arguments and dissent notes.
fn recommendation(o: &mut String, lang: Lang, n: usize, m: usize, rec: &Recommendation) {
    let _ = write!(
        o,
        "<section class=\"report-recommendation\"><h3 id=\"recommandation-{}-{}\">{}</h3>",
        n + 1,
        m + 1,
        esc(&lang.recommendation(n + 1, m + 1, &lang.numbered(rec.id, &rec.title)))
    );
    let _ = write!(
        o,
        "<p><strong>{}</strong> {}</p>",
        lang.authors(),
        esc(&rec.authors.join(", "))
    );
    if !rec.summary.is_empty() {
        let _ = write!(o, "<p class=\"report-summary\">{}</p>", esc(&rec.summary));
    }
    body(o, &rec.body);
    for v in &rec.votes {
        let _ = write!(
            o,
            "<p class=\"report-vote\"><strong>{}</strong> {}</p>",
            lang.vote_label(),
            esc(&lang.vote(v))
        );
    }
    for (class, label, args) in [
        ("for", lang.arguments(true), &rec.arguments_for),
        ("against", lang.arguments(false), &rec.arguments_against),
    ] {
        if args.is_empty() {
            continue;
        }
        let _ = write!(
            o,
            "<h4>{label}</h4><ul class=\"report-arguments report-{class}\">"
        );
        for a in args {
            o.push_str("<li><blockquote>");
            body(o, &a.body);
            let _ = write!(
                o,
                "</blockquote><p class=\"report-by\">— {}</p></li>",
                esc(&a.author)
            );
        }
        o.push_str("</ul>");
    }
    if !rec.dissents.is_empty() {
        let _ = write!(o, "<h4>{}</h4>", lang.nuances());
        for d in &rec.dissents {
            o.push_str("<blockquote class=\"report-dissent\">");
            body(o, d);
            o.push_str("</blockquote>");
        }
    }
    o.push_str("</section>");
}

/// One round of the annex: its facts and rules, then per count a chart and a result table.
fn round_annex(o: &mut String, lang: Lang, round: &RoundSection) {
    let _ = write!(
        o,
        "<section><h3 id=\"scrutin-{}\">{}</h3>",
        round.id,
        esc(&lang.round_heading(round.id, &round.title))
    );
    let _ = write!(
        o,
        "<p>{}</p><p><em>{}</em> {}</p>",
        esc(&lang.round_facts(round)),
        lang.rules_label(),
        esc(&lang.method_rules(round))
    );
    for side in &round.sides {
        let _ = write!(o, "<h4>{}</h4>", esc(&lang.count_caption(side)));
        let _ = write!(o, "<figure class=\"report-chart\">{}</figure>", side.chart);
        let (header, rows) = result_table(lang, round, side);
        let caption = esc(&lang.count_table(round.id, side.side));
        // Its own sideways scroll: a wide table never widens the page on a phone.
        let _ = write!(
            o,
            "<div class=\"scroll-box\" role=\"region\" aria-label=\"{caption}\" tabindex=\"0\">\
             <table><caption>{caption}</caption><thead><tr>"
        );
        for h in &header {
            let _ = write!(o, "<th scope=\"col\">{}</th>", esc(h));
        }
        o.push_str("</tr></thead><tbody>");
        for row in rows {
            o.push_str("<tr>");
            for (k, c) in row.iter().enumerate() {
                // The proposal names the row.
                if k == 1 {
                    let _ = write!(o, "<th scope=\"row\">{}</th>", esc(c));
                } else {
                    let _ = write!(o, "<td>{}</td>", esc(c));
                }
            }
            o.push_str("</tr>");
        }
        o.push_str("</tbody></table></div>");
    }
    o.push_str("</section>");
}

/// The stylesheet of the downloadable HTML file (the site's page uses the site's own).
const DOCUMENT_CSS: &str = "body{font:1rem/1.5 Georgia,'Libertinus Serif',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}\
h1,h2,h3,h4{font-family:system-ui,sans-serif;line-height:1.2}table{border-collapse:collapse;width:100%;margin:1rem 0}\
th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}caption{text-align:left;font-weight:bold}\
blockquote{border-left:3px solid #666;margin:.5rem 0;padding-left:1rem}svg{max-width:100%;height:auto}.scroll-box{overflow-x:auto}\
@media print{body{margin:0;max-width:none}.report-topic,.report-annex{break-before:page}h2,h3,h4{break-after:avoid}\
tr,figure,blockquote{break-inside:avoid}a{color:inherit}nav a::after{content:none}}";

/// The report as a complete HTML document in its language.
pub fn html_document(r: &Report) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{DOCUMENT_CSS}</style></head><body><main>{}</main></body></html>\n",
        r.lang.tag(),
        esc(&r.lang.document_title(&r.convention)),
        html_fragment(r)
    )
}
