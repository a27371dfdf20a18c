//! The report as Markdown (CommonMark with pipe tables), byte-identical for the same report.

use super::{blocks, period_text, result_table, Block, Report, Span};
use std::fmt::Write;

/// Escapes text so that Markdown reads it as the text it is.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn spans(s: &[Span]) -> String {
    let mut out = String::new();
    for span in s {
        match span {
            Span::Text(t) => out.push_str(&esc(t)),
            Span::Strong(t) => {
                let _ = write!(out, "**{}**", esc(t));
            }
            Span::Emph(t) => {
                let _ = write!(out, "*{}*", esc(t));
            }
            Span::Code(t) => {
                let ticks = if t.contains('`') { "`` " } else { "`" };
                let close = if t.contains('`') { " ``" } else { "`" };
                let _ = write!(out, "{ticks}{}{close}", t.replace(['\n', '\r'], " "));
            }
            Span::Link { text, url } => {
                let _ = write!(
                    out,
                    "[{}](<{}>)",
                    esc(text),
                    url.replace(['<', '>', ' '], "")
                );
            }
        }
    }
    // A run that begins a line must not start a list or heading.
    line_start(out)
}

/// Escapes the start of a line, where `-`, `+`, `=` or "1." would start a list or a heading
/// underline.
fn line_start(out: String) -> String {
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if out.starts_with(['-', '+', '=']) {
        format!("\\{out}")
    } else if out[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &out[..digits], &out[digits..])
    } else {
        out
    }
}

/// User Markdown re-emitted from its blocks, each line prefixed by `prefix` (for quotes).
fn body(out: &mut String, source: &str, prefix: &str) {
    for (i, b) in blocks(source).iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
        match b {
            Block::Para(s) => {
                let _ = writeln!(out, "{prefix}{}", spans(s));
            }
            Block::Quote(s) => {
                let _ = writeln!(out, "{prefix}> {}", spans(s));
            }
            Block::List { ordered, items } => {
                for (n, item) in items.iter().enumerate() {
                    if *ordered {
                        let _ = writeln!(out, "{prefix}{}. {}", n + 1, spans(item));
                    } else {
                        let _ = writeln!(out, "{prefix}- {}", spans(item));
                    }
                }
            }
            Block::Code(c) => {
                let fence = if c.contains("```") { "~~~~" } else { "```" };
                let _ = writeln!(out, "{prefix}{fence}");
                for line in c.lines() {
                    let _ = writeln!(out, "{prefix}{line}");
                }
                let _ = writeln!(out, "{prefix}{fence}");
            }
        }
    }
}

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let lang = r.lang;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", esc(&r.convention));
    let _ = writeln!(o, "**{}**\n", esc(&r.question));
    if let Some(p) = period_text(r) {
        let _ = writeln!(o, "{p}.\n");
    }
    let _ = writeln!(o, "{}.\n", lang.people(r.members, r.participants));
    let _ = writeln!(o, "## {}\n", lang.contents());
    if !r.introduction.trim().is_empty() {
        let _ = writeln!(o, "- {}", lang.introduction());
    }
    for (n, t) in r.topics.iter().enumerate() {
        let _ = writeln!(o, "- {}. {}", n + 1, esc(&t.title));
    }
    if !r.rounds.is_empty() {
        let _ = writeln!(o, "- {}", lang.annex());
    }
    o.push('\n');
    if !r.introduction.trim().is_empty() {
        let _ = writeln!(o, "## {}\n", lang.introduction());
        body(&mut o, &r.introduction, "");
        o.push('\n');
    }
    for (n, t) in r.topics.iter().enumerate() {
        let _ = writeln!(o, "## {}. {}\n", n + 1, esc(&t.title));
        if !t.question.is_empty() {
            let _ = writeln!(o, "*{}*\n", esc(&t.question));
        }
        if t.recommendations.is_empty() {
            let _ = writeln!(o, "{}\n", lang.no_recommendation());
        }
        for (m, rec) in t.recommendations.iter().enumerate() {
            let heading = lang.recommendation(n + 1, m + 1, &lang.numbered(rec.id, &rec.title));
            let _ = writeln!(o, "### {}\n", esc(&heading));
            let _ = writeln!(
                o,
                "**{}** {}\n",
                lang.authors(),
                esc(&rec.authors.join(", "))
            );
            if !rec.summary.is_empty() {
                let _ = writeln!(o, "*{}*\n", esc(&rec.summary));
            }
            body(&mut o, &rec.body, "");
            o.push('\n');
            for v in &rec.votes {
                let _ = writeln!(o, "**{}** {}\n", lang.vote_label(), esc(&lang.vote(v)));
            }
            for (label, args) in [
                (lang.arguments(true), &rec.arguments_for),
                (lang.arguments(false), &rec.arguments_against),
            ] {
                if args.is_empty() {
                    continue;
                }
                let _ = writeln!(o, "**{label}**\n");
                for a in args {
                    body(&mut o, &a.body, "> ");
                    let _ = writeln!(o, ">\n> — {}\n", esc(&a.author));
                }
            }
            if !rec.dissents.is_empty() {
                let _ = writeln!(o, "**{}**\n", lang.nuances());
                for d in &rec.dissents {
                    body(&mut o, d, "> ");
                    o.push('\n');
                }
            }
        }
        if !t.minority.is_empty() {
            let _ = writeln!(o, "### {}\n", lang.minority());
            for m in &t.minority {
                let _ = writeln!(
                    o,
                    "- **{}**{} {}",
                    esc(&lang.numbered(m.id, &m.title)),
                    lang.colon(),
                    esc(&m.reason)
                );
            }
            o.push('\n');
            for m in t.minority.iter().filter(|m| !m.dissents.is_empty()) {
                let what = lang.numbered(m.id, &m.title);
                let _ = writeln!(o, "**{}**\n", esc(&lang.dissent_on(&what)));
                for d in &m.dissents {
                    body(&mut o, d, "> ");
                    o.push('\n');
                }
            }
        }
    }
    if !r.rounds.is_empty() {
        let _ = writeln!(o, "## {}\n", lang.annex());
    }
    for round in &r.rounds {
        let _ = writeln!(
            o,
            "### {}\n",
            esc(&lang.round_heading(round.id, &round.title))
        );
        let _ = writeln!(o, "{}\n", esc(&lang.round_facts(round)));
        let _ = writeln!(
            o,
            "*{}* {}\n",
            lang.rules_label(),
            esc(&lang.method_rules(round))
        );
        for side in &round.sides {
            let _ = writeln!(o, "#### {}\n", esc(&lang.count_caption(side)));
            let (header, rows) = result_table(lang, round, side);
            let header: Vec<String> = header.iter().map(|h| esc(h)).collect();
            let _ = writeln!(o, "| {} |", header.join(" | "));
            let _ = writeln!(o, "|{}", "---|".repeat(header.len()));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| esc(c)).collect();
                let _ = writeln!(o, "| {} |", cells.join(" | "));
            }
            o.push('\n');
        }
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_as_text() {
        assert_eq!(
            esc("a*b_c <script> [x](y) #1"),
            "a\\*b\\_c \\<script\\> \\[x\\](y) \\#1"
        );
        assert_eq!(
            spans(&[Span::Text("1. pas une liste".into())]),
            "1\\. pas une liste"
        );
        assert_eq!(spans(&[Span::Text("- non".into())]), "\\- non");
    }
}
