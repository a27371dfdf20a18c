//! User-written Markdown turned into HTML that is safe to put in any page.
//!
//! Two layers, so that one mistake is not enough: HTML typed inside the Markdown is never
//! passed through (it is shown as the text it is), and the rendered HTML then goes through an
//! allow-list sanitiser (ammonia) that keeps only plain formatting, links to `http`, `https`
//! and `mailto`, and no images, SVG, MathML, styles or event handlers. A bare `http(s)://`
//! address in the text becomes a link, as readers of any forum expect.

use pulldown_cmark::{html, Event, Options, Parser};
use std::collections::HashSet;

/// Tags that survive sanitising: text formatting, lists, quotes, code, tables and links.
const ALLOWED_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Escapes text for an HTML text context (`&`, `<`, `>`), for the few places where the
/// renderer does not (the children of a `<textarea>`).
///
/// ```
/// assert_eq!(domain::markup::escape_text("</textarea>&"), "&lt;/textarea&gt;&amp;");
/// ```
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders Markdown to sanitised HTML.
///
/// ```
/// use domain::markup::render_markdown;
/// assert_eq!(render_markdown("**Oui** à l’[école](https://ecole.fr)"),
///     "<p><strong>Oui</strong> à l’<a href=\"https://ecole.fr\" rel=\"nofollow ugc noopener noreferrer\">école</a></p>\n");
/// assert_eq!(render_markdown("Voir https://www.montpellier3m.fr/ia."),
///     "<p>Voir <a href=\"https://www.montpellier3m.fr/ia\" rel=\"nofollow ugc noopener noreferrer\">https://www.montpellier3m.fr/ia</a>.</p>\n");
/// assert_eq!(render_markdown("Voir <script>alert(1)</script>"),
///     "<p>Voir &lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
/// ```
pub fn render_markdown(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let mut nesting = Nesting::default();
    let events = Parser::new_ext(source, options)
        .filter(|event| nesting.keeps(event))
        .map(|event| match event {
            // Raw HTML in the source is shown as text, never interpreted.
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            // Headings of comments and proposals sit below the page's own h1 and h2.
            Event::Start(pulldown_cmark::Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(pulldown_cmark::Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            }),
            Event::End(pulldown_cmark::TagEnd::Heading(level)) => {
                Event::End(pulldown_cmark::TagEnd::Heading(demote(level)))
            }
            other => other,
        });
    let events = autolink(events);
    let mut rendered = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut rendered, events);
    sanitizer().clean(&rendered).to_string()
}

/// Turns bare `http://` and `https://` addresses in text into links, except inside links and
/// code blocks (where they are meant as written). Addresses without a scheme (`www.…`) stay
/// text: too many ordinary words with dots would become links.
fn autolink<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    use pulldown_cmark::{CowStr, LinkType, Tag, TagEnd};
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    // Open links and code blocks: text inside them is left alone.
    let mut inside = 0usize;
    events.flat_map(move |event| {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_)) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::CodeBlock) => inside = inside.saturating_sub(1),
            Event::Text(text) if inside == 0 => {
                let mut out = Vec::new();
                for span in finder.spans(text) {
                    let piece = CowStr::from(span.as_str().to_owned());
                    if span.kind().is_some() {
                        out.push(Event::Start(Tag::Link {
                            link_type: LinkType::Autolink,
                            dest_url: piece.clone(),
                            title: CowStr::Borrowed(""),
                            id: CowStr::Borrowed(""),
                        }));
                        out.push(Event::Text(piece));
                        out.push(Event::End(TagEnd::Link));
                    } else {
                        out.push(Event::Text(piece));
                    }
                }
                return out;
            }
            _ => {}
        }
        vec![event]
    })
}

/// How deep quotes and lists render. Parsing is linear, but the sanitiser's HTML tree builder
/// slows with the square of the depth: 20,000 nested `>` took 1.25 s to render. Deeper
/// containers are flattened into the one at this depth, so no input costs more than a few
/// milliseconds, and none that a person writes changes.
pub const NESTING_MAX: usize = 12;

/// Whether quotes and lists in `source` nest at most [`NESTING_MAX`] deep: what a new text
/// must respect (older texts render flattened). Parsing stops at the first container too
/// deep, so refusing a hostile text costs no more than reading up to it.
///
/// ```
/// use domain::markup::{nesting_ok, NESTING_MAX};
/// assert!(nesting_ok("> citation\n>\n> > réponse"));
/// assert!(!nesting_ok(&">".repeat(NESTING_MAX + 1)));
/// ```
pub fn nesting_ok(source: &str) -> bool {
    use pulldown_cmark::{Tag, TagEnd};
    let mut depth = 0usize;
    for event in Parser::new(source) {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                if depth > NESTING_MAX {
                    return false;
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    true
}

/// Drops the start and end of quotes and lists nested deeper than [`NESTING_MAX`] (their
/// content stays, in the container at that depth); a list's items go with their list.
#[derive(Default)]
struct Nesting {
    /// One entry per open quote, list or item: whether its tags are kept.
    open: Vec<bool>,
    /// Open quotes and lists (items do not count: they go with their list).
    depth: usize,
}

impl Nesting {
    fn keeps(&mut self, event: &Event<'_>) -> bool {
        use pulldown_cmark::{Tag, TagEnd};
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                self.depth += 1;
                let keep = self.depth <= NESTING_MAX;
                self.open.push(keep);
                keep
            }
            Event::Start(Tag::Item) => {
                let keep = self.depth <= NESTING_MAX;
                self.open.push(keep);
                keep
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                self.depth = self.depth.saturating_sub(1);
                self.open.pop().unwrap_or(true)
            }
            Event::End(TagEnd::Item) => self.open.pop().unwrap_or(true),
            _ => true,
        }
    }
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 | H2 | H3 => H3,
        H4 => H4,
        H5 => H5,
        H6 => H6,
    }
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    b.tags(ALLOWED_TAGS.iter().copied().collect::<HashSet<_>>())
        .add_tag_attributes("a", ["href"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        // Relative and protocol-relative links could point anywhere a reader did not expect.
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("nofollow ugc noopener noreferrer"))
        .strip_comments(true);
    b
}

/// Plain text of some Markdown, for excerpts and search: formatting dropped, whitespace
/// folded.
///
/// ```
/// use domain::markup::plain_text;
/// assert_eq!(plain_text("# Titre\n\nDu **gras** et <b>du HTML</b>."), "Titre Du gras et <b>du HTML</b>.");
/// ```
pub fn plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for event in Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn deep_nesting_is_flattened_at_the_limit_and_shallow_text_is_untouched() {
        let count = |html: &str, tag: &str| html.matches(&format!("<{tag}>")).count();
        // The denial-of-service inputs: their tags stop at the limit, their text stays.
        let quotes = render_markdown(&format!("{}deep", ">".repeat(20_000)));
        assert_eq!(count(&quotes, "blockquote"), NESTING_MAX);
        assert_eq!(count(&quotes, "/blockquote"), NESTING_MAX);
        assert!(quotes.contains("deep"));
        let spaced = render_markdown(&"> ".repeat(10_000));
        assert_eq!(count(&spaced, "blockquote"), NESTING_MAX);
        let lists: String = (0..2000).map(|i| " ".repeat(i * 2) + "- x\n").collect();
        let lists = render_markdown(&lists);
        assert_eq!(count(&lists, "ul"), NESTING_MAX);
        assert_eq!(count(&lists, "ul"), count(&lists, "/ul"));
        assert_eq!(count(&lists, "li"), count(&lists, "/li"));
        assert_eq!(
            lists.matches('x').count(),
            2000,
            "every item's text is kept"
        );
        // What people write renders as before.
        let shallow = "> citation\n>> réponse\n\n- a\n  - b\n    - c\n";
        let html = render_markdown(shallow);
        assert_eq!(count(&html, "blockquote"), 2);
        assert_eq!(count(&html, "ul"), 3);
        assert_eq!(count(&html, "li"), 3);
    }

    /// The worst inputs found (20,000 characters each, the longest a proposal's text may be):
    /// every one renders in under 10 ms, the best of five runs so that a busy machine's
    /// pause is not counted (the flattening took 1.25 s to 2 ms for the first).
    #[test]
    #[cfg_attr(
        debug_assertions,
        ignore = "timed on the optimised build: scripts/test.sh runs it with --release"
    )]
    fn the_worst_inputs_render_in_under_ten_milliseconds() {
        let n = crate::proposal::BODY_MAX;
        let worst: Vec<(&str, String)> = vec![
            ("nested quotes", ">".repeat(n)),
            ("spaced quotes", "> ".repeat(n / 2)),
            (
                "nested lists",
                (0..135).map(|i| " ".repeat(i * 2) + "- x\n").collect(),
            ),
            ("list markers", "- ".repeat(n / 2)),
            ("emphasis", "*a **".repeat(n / 5)),
            ("brackets", "[".repeat(n)),
            ("links", "[a](".repeat(n / 4)),
            ("backticks", "`a``".repeat(n / 4)),
            (
                "table",
                format!("{}\n{}\n", "|a".repeat(n / 5), "|-".repeat(n / 5)),
            ),
            ("entities", "&#1;".repeat(n / 4)),
            ("html", "<div>".repeat(n / 5)),
        ];
        for (name, input) in &worst {
            assert!(input.chars().count() <= n + 1, "{name}");
            let best = (0..5)
                .map(|_| {
                    let start = std::time::Instant::now();
                    std::hint::black_box(render_markdown(input));
                    start.elapsed()
                })
                .min()
                .unwrap();
            println!("{name}: {best:?}");
            assert!(best.as_millis() < 10, "{name} took {best:?}");
        }
    }

    /// Payloads from the usual XSS catalogues, in several encodings.
    const CATALOGUE: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<body onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](%6Aavascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](//evil.example)",
        "![x](https://evil.example/pixel.png)",
        "![x](javascript:alert(1))",
        "<svg onload=alert(1)><circle/></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "</textarea><script>alert(1)</script>",
        "</script><script>alert(1)</script>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{display:none}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
        "[x](https://ok.example \"title\" onclick=alert(1))",
        "<details open ontoggle=alert(1)>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "<!-- <script>alert(1)</script> -->",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<<script>script>alert(1)<</script>/script>",
        "[<img src=x onerror=alert(1)>](https://ok.example)",
    ];

    fn assert_inert(html: &str, source: &str) {
        let lower = html.to_ascii_lowercase();
        for needle in [
            "<script",
            "<img",
            "<svg",
            "<math",
            "<iframe",
            "<style",
            "<body",
            "<div",
            "<details",
            "javascript:",
            "vbscript:",
            "data:",
            "onerror",
            "onload",
            "onclick",
            "ontoggle",
            "style=",
            "src=",
        ] {
            // Escaped text (&lt;script&gt;) is harmless; only live markup counts.
            // In sanitised output a literal `<` only ever opens a tag; other needles are
            // dangerous only inside a tag.
            let live = if needle.starts_with('<') {
                lower.contains(needle)
            } else {
                lower
                    .match_indices(needle)
                    .any(|(i, _)| in_attribute(&lower, i))
            };
            assert!(!live, "{needle} is live in {html:?} (from {source:?})");
        }
        for url in live_hrefs(&lower) {
            assert!(
                url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("mailto:"),
                "unexpected link {url:?} from {source:?}"
            );
        }
    }

    /// The values of `href` attributes in markup (not in text, where they are harmless).
    fn live_hrefs(html: &str) -> Vec<&str> {
        html.match_indices("href=\"")
            .filter(|(i, _)| in_attribute(html, *i))
            .map(|(i, m)| html[i + m.len()..].split('"').next().unwrap_or(""))
            .collect()
    }

    /// Whether byte `i` of `html` lies inside a tag (between `<` and `>`), i.e. in markup.
    fn in_attribute(html: &str, i: usize) -> bool {
        let before = &html[..i];
        match (before.rfind('<'), before.rfind('>')) {
            (Some(open), Some(close)) => open > close,
            (Some(_), None) => true,
            _ => false,
        }
    }

    #[test]
    fn every_catalogue_payload_renders_inert() {
        for source in CATALOGUE {
            assert_inert(&render_markdown(source), source);
        }
    }

    #[test]
    fn typed_html_is_shown_as_text() {
        assert_eq!(
            render_markdown("<b>gras</b>"),
            "<p>&lt;b&gt;gras&lt;/b&gt;</p>\n"
        );
    }

    #[test]
    fn keeps_ordinary_formatting() {
        let html = render_markdown(
            "# Titre\n\n- un\n- deux\n\n> citation\n\n~~barré~~ `code`\n\n| a | b |\n|---|--:|\n| 1 | 2 |",
        );
        for tag in [
            "<h3>",
            "<ul>",
            "<li>",
            "<blockquote>",
            "<del>",
            "<code>",
            "<table>",
            "<td>",
        ] {
            assert!(html.contains(tag), "{tag} missing from {html}");
        }
    }

    #[test]
    fn bare_addresses_become_links_except_in_links_and_code() {
        let html = render_markdown("Lire https://ia.example/rapport?a=1&b=2, puis www.exemple.fr.");
        assert!(
            html.contains("<a href=\"https://ia.example/rapport?a=1&amp;b=2\" rel=\"nofollow ugc noopener noreferrer\">https://ia.example/rapport?a=1&amp;b=2</a>, puis www.exemple.fr."),
            "{html}"
        );
        let linked = render_markdown("[le site](https://ia.example) et <https://ia.example/b>");
        assert_eq!(linked.matches("<a ").count(), 2, "{linked}");
        let code = render_markdown("`https://ia.example` et\n\n```\nhttps://ia.example/c\n```");
        assert!(!code.contains("<a "), "{code}");
        // A scheme the sanitiser refuses is not linked by the autolinker either.
        assert!(!render_markdown("javascript:alert(1)//https").contains("<a "));
    }

    #[test]
    fn links_get_a_safe_rel_and_images_are_dropped() {
        let html =
            render_markdown("[site](https://montpellier3m.fr) ![logo](https://x.example/a.png)");
        assert!(html.contains("rel=\"nofollow ugc noopener noreferrer\""));
        assert!(!html.contains("<img"));
        let html = render_markdown("[mail](mailto:contact@example.org)");
        assert!(html.contains("href=\"mailto:contact@example.org\""));
    }

    proptest! {
        #[test]
        fn arbitrary_input_never_yields_live_markup(source in "(\\PC|[<>\"'=:/&;#\\[\\]()!`*_~-]){0,200}") {
            let html = render_markdown(&source);
            prop_assert!(!html.to_ascii_lowercase().contains("<script"));
            for url in live_hrefs(&html) {
                prop_assert!(url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:"), "{}", url);
            }
            let tags: Vec<&str> = html.split('<').skip(1).map(|t| t.trim_start_matches('/').split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("")).collect();
            for tag in tags {
                prop_assert!(ALLOWED_TAGS.contains(&tag), "tag {} from {:?}", tag, source);
            }
        }

        #[test]
        fn catalogue_payloads_stay_inert_inside_any_text(prefix in "\\PC{0,20}", i in 0usize..32, suffix in "\\PC{0,20}") {
            let payload = CATALOGUE[i % CATALOGUE.len()];
            let source = format!("{prefix}{payload}{suffix}");
            assert_inert(&render_markdown(&source), &source);
        }
    }
}
