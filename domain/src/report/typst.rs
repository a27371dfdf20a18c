//! The report as a Typst document, typeset into the PDF by the server.
//!
//! Every piece of user text enters the source as a Typst string literal (`#"…"`), never as
//! markup, so nothing a citizen writes can run as Typst code or change the layout.

use super::{
    blocks, french, period_text, result_table, Block, Lang, Recommendation, Report, RoundSection,
    Span,
};
use std::fmt::Write;

/// A Typst source and the files it reads (the SVG charts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypstInput {
    /// `main.typ`.
    pub source: String,
    /// Other files by name.
    pub files: Vec<(String, Vec<u8>)>,
}

/// A Typst string literal of `text`, with French typography.
fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in french(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text as markup content.
fn t(text: &str) -> String {
    format!("#{}", lit(text))
}

fn spans(s: &[Span]) -> String {
    let mut out = String::new();
    for span in s {
        match span {
            Span::Text(x) => out.push_str(&t(x)),
            Span::Strong(x) => {
                let _ = write!(out, "#strong({})", lit(x));
            }
            Span::Emph(x) => {
                let _ = write!(out, "#emph({})", lit(x));
            }
            Span::Code(x) => {
                let _ = write!(out, "#raw({})", lit(x));
            }
            Span::Link { text, url } => {
                let _ = write!(out, "#link({})[{}]", lit(url), t(text));
            }
        }
    }
    out
}

fn body(out: &mut String, source: &str) {
    for b in blocks(source) {
        match b {
            Block::Para(s) => {
                let _ = writeln!(out, "{}\n", spans(&s));
            }
            Block::Quote(s) => {
                let _ = writeln!(out, "#cited[{}]\n", spans(&s));
            }
            Block::List { ordered, items } => {
                for i in items {
                    let _ = writeln!(out, "{} {}", if ordered { "+" } else { "-" }, spans(&i));
                }
                out.push('\n');
            }
            Block::Code(c) => {
                let _ = writeln!(out, "#raw(block: true, {})\n", lit(&c));
            }
        }
    }
}

const PREAMBLE: &str = r#"#set text(lang: "fr", region: "FR", font: "Libertinus Serif", size: 11pt, hyphenate: true)
#set par(justify: true, leading: 0.62em)
#set page(paper: "a4", margin: (x: 2.3cm, top: 2.4cm, bottom: 2.6cm))
#set heading(numbering: "1.1")
#show heading.where(level: 1): it => { pagebreak(weak: true); v(0.5em); it; v(0.3em) }
#show heading: set block(above: 1.4em, below: 0.8em)
#show link: underline
#set table(stroke: 0.5pt + luma(140), inset: 4pt)
#show table: set text(size: 9pt, hyphenate: false)
#show table: set par(justify: false)
#let cited(body, by: none) = block(inset: (left: 0.9em, y: 0.2em), stroke: (left: 1.5pt + luma(120)), width: 100%, {
  body
  if by != none { align(right, emph[— #by]) }
})
"#;

/// The report as a Typst document with its charts.
pub fn typst_source(r: &Report) -> TypstInput {
    let lang = r.lang;
    let mut o = String::new();
    let mut files = Vec::new();
    let _ = writeln!(
        o,
        "#set document(title: {}, author: \"Convention\")",
        lit(&lang.document_title(&r.convention))
    );
    o.push_str(PREAMBLE);
    // Cover, without a page number.
    o.push_str("#page(numbering: none)[\n#set text(hyphenate: false)\n#set par(justify: false)\n#v(3.5cm)\n#align(center)[\n");
    let _ = writeln!(
        o,
        "#text(size: 13pt, tracking: 0.08em)[{}]\n#v(1.2cm)",
        t(lang.cover())
    );
    let _ = writeln!(
        o,
        "#text(size: 24pt, weight: \"bold\")[{}]\n#v(1cm)",
        t(&r.convention)
    );
    let _ = writeln!(
        o,
        "#text(size: 14pt, style: \"italic\")[{}]\n#v(2cm)",
        t(&r.question)
    );
    if let Some(p) = period_text(r) {
        let _ = writeln!(o, "#text(size: 12pt)[{}]\\", t(&p));
    }
    let _ = writeln!(
        o,
        "#text(size: 12pt)[{}]\n]\n]",
        t(&lang.people(r.members, r.participants))
    );
    o.push_str("#set page(numbering: \"1\", number-align: center)\n#counter(page).update(1)\n");
    let _ = writeln!(o, "#outline(title: [{}], depth: 2)\n", t(lang.contents()));
    if !r.introduction.trim().is_empty() {
        let _ = writeln!(o, "#heading(numbering: none)[{}]\n", t(lang.introduction()));
        body(&mut o, &r.introduction);
    }
    for topic in &r.topics {
        let _ = writeln!(o, "#heading(level: 1)[{}]\n", t(&topic.title));
        if !topic.question.is_empty() {
            let _ = writeln!(o, "#emph({})\n", lit(&topic.question));
        }
        if topic.recommendations.is_empty() {
            let _ = writeln!(o, "{}\n", t(lang.no_recommendation()));
        }
        for rec in &topic.recommendations {
            recommendation(&mut o, lang, rec);
        }
        if !topic.minority.is_empty() {
            let _ = writeln!(
                o,
                "#heading(level: 2, numbering: none)[{}]\n",
                t(lang.minority())
            );
            for m in &topic.minority {
                let _ = writeln!(
                    o,
                    "- #strong({}){} {}",
                    lit(&lang.numbered(m.id, &m.title)),
                    lang.colon(),
                    t(&m.reason)
                );
                for d in &m.dissents {
                    let mut inner = String::new();
                    body(&mut inner, d);
                    let _ = writeln!(o, "  #cited[\n{inner}]");
                }
            }
            o.push('\n');
        }
    }
    if !r.rounds.is_empty() {
        let _ = writeln!(
            o,
            "#heading(level: 1, numbering: none)[{}]\n",
            t(lang.annex())
        );
    }
    for round in &r.rounds {
        round_annex(&mut o, &mut files, lang, round);
    }
    TypstInput { source: o, files }
}

/// One recommendation: authors, summary, text, votes, pinned arguments and dissent notes.
fn recommendation(o: &mut String, lang: Lang, rec: &Recommendation) {
    let _ = writeln!(
        o,
        "#heading(level: 2)[{}]\n",
        t(&lang.numbered(rec.id, &rec.title))
    );
    let _ = writeln!(
        o,
        "#strong({}) {}\n",
        lit(lang.authors()),
        t(&rec.authors.join(", "))
    );
    if !rec.summary.is_empty() {
        let _ = writeln!(o, "#emph({})\n", lit(&rec.summary));
    }
    body(o, &rec.body);
    for v in &rec.votes {
        let _ = writeln!(
            o,
            "#block(fill: luma(240), inset: 6pt, width: 100%)[#strong({}) {}]\n",
            lit(lang.vote_label()),
            t(&lang.vote(v))
        );
    }
    for (label, args) in [
        (lang.arguments(true), &rec.arguments_for),
        (lang.arguments(false), &rec.arguments_against),
    ] {
        if args.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "#heading(level: 3, numbering: none, outlined: false)[{}]\n",
            t(label)
        );
        for a in args {
            let mut inner = String::new();
            body(&mut inner, &a.body);
            let _ = writeln!(o, "#cited(by: [{}])[\n{}]\n", t(&a.author), inner);
        }
    }
    if !rec.dissents.is_empty() {
        let _ = writeln!(
            o,
            "#heading(level: 3, numbering: none, outlined: false)[{}]\n",
            t(lang.nuances())
        );
        for d in &rec.dissents {
            let mut inner = String::new();
            body(&mut inner, d);
            let _ = writeln!(o, "#cited[\n{inner}]\n");
        }
    }
}

/// One round of the annex: its facts and rules, then per count a chart and a result table.
fn round_annex(
    o: &mut String,
    files: &mut Vec<(String, Vec<u8>)>,
    lang: Lang,
    round: &RoundSection,
) {
    let _ = writeln!(
        o,
        "#heading(level: 2, numbering: none)[{}]\n",
        t(&lang.round_heading(round.id, &round.title))
    );
    let _ = writeln!(o, "{}\n", t(&lang.round_facts(round)));
    let _ = writeln!(
        o,
        "#emph({}) {}\n",
        lit(lang.rules_label()),
        t(&lang.method_rules(round))
    );
    for (k, side) in round.sides.iter().enumerate() {
        let caption = lang.count_caption(side);
        let _ = writeln!(
            o,
            "#heading(level: 3, numbering: none, outlined: false)[{}]\n",
            t(&caption)
        );
        let name = format!("chart-{}-{k}.svg", round.id);
        files.push((name.clone(), side.chart.as_bytes().to_vec()));
        let _ = writeln!(
            o,
            "#align(center)[#image({}, width: 90%, alt: {})]\n",
            lit(&name),
            lit(&caption)
        );
        let (header, rows) = result_table(lang, round, side);
        let mut columns = vec!["auto"; header.len()];
        columns[1] = "1fr";
        let _ = write!(o, "#table(columns: ({}), table.header(", columns.join(", "));
        let cells: Vec<String> = header
            .iter()
            .map(|h| format!("[#strong({})]", lit(h)))
            .collect();
        o.push_str(&cells.join(", "));
        o.push(')');
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| format!("[{}]", t(c))).collect();
            let _ = write!(o, ",\n  {}", cells.join(", "));
        }
        o.push_str(")\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_stays_a_string() {
        assert_eq!(lit("a\"b\\c #set page()"), "\"a\\\"b\\\\c #set page()\"");
        assert_eq!(spans(&[Span::Strong("x] #y".into())]), "#strong(\"x] #y\")");
    }
}
