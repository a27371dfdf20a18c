//! User Markdown read into the few shapes a report prints: paragraphs, lists, quotes, code.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// A run of inline text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Strong emphasis.
    Strong(String),
    /// Emphasis.
    Emph(String),
    /// Inline code.
    Code(String),
    /// A link to `http`, `https` or `mailto` (others are kept as plain text).
    Link {
        /// Visible text.
        text: String,
        /// Target.
        url: String,
    },
}

/// A block of a user's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A paragraph (headings inside user text become bold paragraphs).
    Para(Vec<Span>),
    /// A list; nested lists are flattened into their parent.
    List {
        /// Numbered.
        ordered: bool,
        /// One run of spans per item.
        items: Vec<Vec<Span>>,
    },
    /// A quotation.
    Quote(Vec<Span>),
    /// Preformatted text.
    Code(String),
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// Reads Markdown into blocks. Raw HTML is kept as the text it is; images become their alt
/// text; tables become one paragraph per row with cells separated by " | ".
///
/// ```
/// use domain::report::{blocks, Block, Span};
/// assert_eq!(blocks("Un **fort** <b>x</b>"), vec![Block::Para(vec![
///     Span::Text("Un ".into()), Span::Strong("fort".into()), Span::Text(" <b>x</b>".into())])]);
/// ```
pub fn blocks(source: &str) -> Vec<Block> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let mut out = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut strong = 0usize;
    let mut emph = 0usize;
    let mut link: Option<(String, String)> = None;
    let mut list: Option<(bool, Vec<Vec<Span>>)> = None;
    let mut list_depth = 0usize;
    let mut quote = 0usize;
    let mut code: Option<String> = None;
    let mut heading = false;

    for event in Parser::new_ext(source, options) {
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(c) = code.as_mut() {
                    c.push_str(&t);
                } else if let Some((text, _)) = link.as_mut() {
                    text.push_str(&t);
                } else {
                    push_text(&mut spans, &t, strong > 0 || heading, emph > 0);
                }
            }
            Event::Code(t) => spans.push(Span::Code(t.to_string())),
            Event::SoftBreak | Event::HardBreak => push_text(&mut spans, " ", strong > 0, emph > 0),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((String::new(), dest_url.to_string()))
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, url)) = link.take() {
                    if safe_url(&url) {
                        spans.push(Span::Link { text, url });
                    } else {
                        push_text(&mut spans, &text, strong > 0, emph > 0);
                    }
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = true,
            Event::End(TagEnd::Heading(_)) => {
                heading = false;
                flush_para(&mut out, &mut spans, &mut list, quote);
            }
            Event::Start(Tag::CodeBlock(_)) => code = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(c) = code.take() {
                    out.push(Block::Code(c.trim_end().to_owned()));
                }
            }
            Event::Start(Tag::List(first)) => {
                if list_depth == 0 {
                    flush_para(&mut out, &mut spans, &mut None, quote);
                    list = Some((first.is_some(), Vec::new()));
                }
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    if let Some((ordered, items)) = list.take() {
                        out.push(Block::List { ordered, items });
                    }
                }
            }
            // An item nested in an item starts a new item of the flattened list.
            Event::Start(Tag::Item) | Event::End(TagEnd::Item) => {
                if let Some((_, items)) = list.as_mut() {
                    if !spans.is_empty() {
                        items.push(std::mem::take(&mut spans));
                    }
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                flush_para(&mut out, &mut spans, &mut list, quote);
                quote = quote.saturating_sub(1);
            }
            // Inside a list, a paragraph's text belongs to the item, flushed at the item's end.
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::TableRow)
            | Event::End(TagEnd::TableHead)
                if list.is_none() =>
            {
                flush_para(&mut out, &mut spans, &mut list, quote);
            }
            Event::End(TagEnd::TableCell) => push_text(&mut spans, " | ", false, false),
            _ => {}
        }
    }
    flush_para(&mut out, &mut spans, &mut list, quote);
    out
}

/// Appends text to the paragraph, merging it into the last span when that has the same style.
fn push_text(spans: &mut Vec<Span>, text: &str, strong: bool, emph: bool) {
    let make: fn(String) -> Span = if strong {
        Span::Strong
    } else if emph {
        Span::Emph
    } else {
        Span::Text
    };
    match (spans.last_mut(), make(String::new())) {
        (Some(Span::Text(t)), Span::Text(_))
        | (Some(Span::Strong(t)), Span::Strong(_))
        | (Some(Span::Emph(t)), Span::Emph(_)) => t.push_str(text),
        _ => spans.push(make(text.to_owned())),
    }
}

fn flush_para(
    out: &mut Vec<Block>,
    spans: &mut Vec<Span>,
    list: &mut Option<(bool, Vec<Vec<Span>>)>,
    quote: usize,
) {
    if spans.is_empty() {
        return;
    }
    // Table rows end with the separator pushed after their last cell.
    if let Some(Span::Text(t)) = spans.last_mut() {
        if let Some(stripped) = t.strip_suffix(" | ") {
            *t = stripped.to_owned();
        }
    }
    let taken = std::mem::take(spans);
    if let Some((_, items)) = list.as_mut() {
        items.push(taken);
    } else if quote > 0 {
        out.push(Block::Quote(taken));
    } else {
        out.push(Block::Para(taken));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let b = blocks("# Titre\n\nTexte *doux*.\n\n- un\n- deux\n  1. sous\n\n> cité\n\n```\ncode\n```\n\n[lien](javascript:alert(1)) [ok](https://a.fr)");
        assert_eq!(
            b,
            vec![
                Block::Para(vec![Span::Strong("Titre".into())]),
                Block::Para(vec![
                    Span::Text("Texte ".into()),
                    Span::Emph("doux".into()),
                    Span::Text(".".into())
                ]),
                Block::List {
                    ordered: false,
                    items: vec![
                        vec![Span::Text("un".into())],
                        vec![Span::Text("deux".into())],
                        vec![Span::Text("sous".into())]
                    ]
                },
                Block::Quote(vec![Span::Text("cité".into())]),
                Block::Code("code".into()),
                Block::Para(vec![
                    Span::Text("lien ".into()),
                    Span::Link {
                        text: "ok".into(),
                        url: "https://a.fr".into()
                    }
                ]),
            ]
        );
    }

    #[test]
    fn tables_become_rows() {
        let b = blocks("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(
            b,
            vec![
                Block::Para(vec![Span::Text("a | b".into())]),
                Block::Para(vec![Span::Text("1 | 2".into())])
            ]
        );
    }
}
