//! The report as an OpenDocument text (ODT), the French administration's reference format.

use super::{
    blocks, french, period_text, result_table, Block, Lang, Report, RoundSection, Span,
    TopicSection,
};
use crate::zip::ZipWriter;
use std::fmt::Write;

/// Escapes text for XML text and attributes.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text with French typography, escaped, whitespace runs kept as ODF says.
fn x(text: &str) -> String {
    xml(&french(text)).replace(['\n', '\r', '\t'], " ")
}

fn spans(s: &[Span]) -> String {
    let mut out = String::new();
    for span in s {
        match span {
            Span::Text(t) => out.push_str(&x(t)),
            Span::Strong(t) => {
                let _ = write!(
                    out,
                    "<text:span text:style-name=\"Strong\">{}</text:span>",
                    x(t)
                );
            }
            Span::Emph(t) => {
                let _ = write!(
                    out,
                    "<text:span text:style-name=\"Emph\">{}</text:span>",
                    x(t)
                );
            }
            Span::Code(t) => {
                let _ = write!(
                    out,
                    "<text:span text:style-name=\"Mono\">{}</text:span>",
                    xml(t)
                );
            }
            Span::Link { text, url } => {
                let _ = write!(
                    out,
                    "<text:a xlink:type=\"simple\" xlink:href=\"{}\">{}</text:a>",
                    xml(url),
                    x(text)
                );
            }
        }
    }
    out
}

fn p(out: &mut String, style: &str, content: &str) {
    let _ = write!(
        out,
        "<text:p text:style-name=\"{style}\">{content}</text:p>"
    );
}

fn h(out: &mut String, level: u8, content: &str) {
    let _ = write!(
        out,
        "<text:h text:style-name=\"Heading_20_{level}\" text:outline-level=\"{level}\">{content}</text:h>"
    );
}

fn body(out: &mut String, source: &str, style: &str) {
    for b in blocks(source) {
        match b {
            Block::Para(s) => p(out, style, &spans(&s)),
            Block::Quote(s) => p(out, "Quote", &spans(&s)),
            Block::List { ordered, items } => {
                let _ = write!(
                    out,
                    "<text:list text:style-name=\"{}\">",
                    if ordered { "Numbers" } else { "Bullets" }
                );
                for i in items {
                    out.push_str("<text:list-item>");
                    p(out, "List", &spans(&i));
                    out.push_str("</text:list-item>");
                }
                out.push_str("</text:list>");
            }
            Block::Code(c) => {
                for line in c.lines() {
                    p(out, "Code", &xml(line));
                }
            }
        }
    }
}

/// Width and height in pixels of an SVG, read from its first tag.
fn svg_size(svg: &str) -> (f64, f64) {
    let head = svg.split('>').next().unwrap_or("");
    let attr = |name: &str| {
        head.split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
    };
    (
        attr("width").unwrap_or(640.0),
        attr("height").unwrap_or(320.0),
    )
}

const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" \
xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" \
xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" \
office:version=\"1.3\"";

fn styles_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles {NS}>\
<office:font-face-decls/>\
<office:styles>\
<style:default-style style:family=\"paragraph\"><style:paragraph-properties fo:hyphenation-ladder-count=\"no-limit\"/>\
<style:text-properties style:font-name=\"Liberation Serif\" fo:font-family=\"'Liberation Serif', 'DejaVu Serif', serif\" fo:font-size=\"11pt\" fo:language=\"fr\" fo:country=\"FR\" fo:hyphenate=\"true\" fo:hyphenation-remain-char-count=\"2\" fo:hyphenation-push-char-count=\"2\"/></style:default-style>\
<style:style style:name=\"Standard\" style:family=\"paragraph\"/>\
<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"justify\" fo:margin-top=\"0cm\" fo:margin-bottom=\"0.2cm\"/></style:style>\
<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\"><style:paragraph-properties fo:margin-top=\"0.5cm\" fo:margin-bottom=\"0.25cm\" fo:keep-with-next=\"always\"/><style:text-properties fo:font-family=\"'Liberation Sans', 'DejaVu Sans', sans-serif\" fo:font-weight=\"bold\" fo:hyphenate=\"false\"/></style:style>\
<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"1\"><style:paragraph-properties fo:break-before=\"page\"/><style:text-properties fo:font-size=\"18pt\"/></style:style>\
<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"2\"><style:text-properties fo:font-size=\"14pt\"/></style:style>\
<style:style style:name=\"Heading_20_3\" style:display-name=\"Heading 3\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"3\"><style:text-properties fo:font-size=\"12pt\"/></style:style>\
<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"4cm\" fo:margin-bottom=\"1cm\"/><style:text-properties fo:font-size=\"24pt\" fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"Subtitle\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"center\" fo:margin-bottom=\"0.5cm\"/><style:text-properties fo:font-size=\"14pt\" fo:font-style=\"italic\"/></style:style>\
<style:style style:name=\"Centered\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"center\"/></style:style>\
<style:style style:name=\"Quote\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\"><style:paragraph-properties fo:margin-left=\"0.8cm\" fo:border-left=\"1.5pt solid #777777\" fo:padding-left=\"0.3cm\"/></style:style>\
<style:style style:name=\"By\" style:family=\"paragraph\" style:parent-style-name=\"Quote\"><style:paragraph-properties fo:text-align=\"end\"/><style:text-properties fo:font-style=\"italic\"/></style:style>\
<style:style style:name=\"Vote\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\"><style:paragraph-properties fo:background-color=\"#eeeeee\" fo:padding=\"0.15cm\"/></style:style>\
<style:style style:name=\"List\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\"/>\
<style:style style:name=\"Code\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:text-properties fo:font-family=\"'DejaVu Sans Mono', monospace\" fo:font-size=\"9pt\"/></style:style>\
<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:text-properties fo:font-size=\"9pt\" fo:hyphenate=\"false\"/></style:style>\
<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"Contents_20_Heading\" style:display-name=\"Contents Heading\" style:family=\"paragraph\" style:parent-style-name=\"Heading\"><style:text-properties fo:font-size=\"16pt\"/></style:style>\
<style:style style:name=\"Contents_20_1\" style:display-name=\"Contents 1\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:margin-top=\"0.15cm\"><style:tab-stops><style:tab-stop style:position=\"16cm\" style:type=\"right\" style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"Contents_20_2\" style:display-name=\"Contents 2\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:margin-left=\"0.6cm\"><style:tab-stops><style:tab-stop style:position=\"15.4cm\" style:type=\"right\" style:leader-style=\"dotted\" style:leader-text=\".\"/></style:tab-stops></style:paragraph-properties></style:style>\
<style:style style:name=\"Footer\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"center\"/><style:text-properties fo:font-size=\"9pt\"/></style:style>\
<style:style style:name=\"Strong\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"Emph\" style:family=\"text\"><style:text-properties fo:font-style=\"italic\"/></style:style>\
<style:style style:name=\"Mono\" style:family=\"text\"><style:text-properties fo:font-family=\"'DejaVu Sans Mono', monospace\"/></style:style>\
<text:list-style style:name=\"Bullets\"><text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\"><style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" fo:text-indent=\"-0.4cm\" fo:margin-left=\"0.8cm\"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>\
<text:list-style style:name=\"Numbers\"><text:list-level-style-number text:level=\"1\" style:num-format=\"1\" style:num-suffix=\".\"><style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" fo:text-indent=\"-0.5cm\" fo:margin-left=\"0.9cm\"/></style:list-level-properties></text:list-level-style-number></text:list-style>\
</office:styles>\
<office:automatic-styles><style:page-layout style:name=\"A4\"><style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" fo:margin-top=\"2cm\" fo:margin-bottom=\"1.5cm\" fo:margin-left=\"2.3cm\" fo:margin-right=\"2.3cm\"/><style:footer-style><style:header-footer-properties fo:min-height=\"0.8cm\" fo:margin-top=\"0.4cm\"/></style:footer-style></style:page-layout></office:automatic-styles>\
<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"A4\"><style:footer><text:p text:style-name=\"Footer\"><text:page-number text:select-page=\"current\">1</text:page-number></text:p></style:footer></style:master-page></office:master-styles>\
</office:document-styles>"
    )
}

fn table(out: &mut String, name: &str, header: &[String], rows: &[Vec<String>]) {
    let _ = write!(
        out,
        "<table:table table:name=\"{}\" table:style-name=\"Tbl\"><table:table-column table:style-name=\"ColNarrow\"/><table:table-column table:style-name=\"ColWide\"/><table:table-column table:style-name=\"ColNarrow\" table:number-columns-repeated=\"{}\"/>",
        xml(name),
        header.len().saturating_sub(2).max(1)
    );
    out.push_str("<table:table-header-rows><table:table-row>");
    for hd in header {
        let _ = write!(
            out,
            "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Heading\">{}</text:p></table:table-cell>",
            x(hd)
        );
    }
    out.push_str("</table:table-row></table:table-header-rows>");
    for row in rows {
        out.push_str("<table:table-row>");
        for c in row {
            let _ = write!(
                out,
                "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">{}</text:p></table:table-cell>",
                x(c)
            );
        }
        out.push_str("</table:table-row>");
    }
    out.push_str("</table:table>");
}

/// The report as an ODT file. `created` is the creation time written in the metadata (Unix
/// ms): the only part of the file that changes from one export of the same data to the next.
pub fn odt(r: &Report, created: i64) -> Vec<u8> {
    let lang = r.lang;
    let mut pictures: Vec<(String, Vec<u8>)> = Vec::new();
    let mut o = String::new();
    // Cover.
    p(&mut o, "Centered", &x(lang.cover()));
    p(&mut o, "Title", &x(&r.convention));
    p(&mut o, "Subtitle", &x(&r.question));
    if let Some(per) = period_text(r) {
        p(&mut o, "Centered", &x(&per));
    }
    p(
        &mut o,
        "Centered",
        &x(&lang.people(r.members, r.participants)),
    );
    contents(&mut o, r);
    if !r.introduction.trim().is_empty() {
        h(&mut o, 1, &x(lang.introduction()));
        body(&mut o, &r.introduction, "Text_20_body");
    }
    for (n, t) in r.topics.iter().enumerate() {
        topic_section(&mut o, lang, n, t);
    }
    if !r.rounds.is_empty() {
        h(&mut o, 1, &x(lang.annex()));
    }
    for round in &r.rounds {
        round_annex(&mut o, &mut pictures, lang, round);
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content {NS}><office:automatic-styles>\
<style:style style:name=\"Tbl\" style:family=\"table\"><style:table-properties style:width=\"16.4cm\" table:align=\"margins\"/></style:style>\
<style:style style:name=\"ColNarrow\" style:family=\"table-column\"><style:table-column-properties style:rel-column-width=\"1*\"/></style:style>\
<style:style style:name=\"ColWide\" style:family=\"table-column\"><style:table-column-properties style:rel-column-width=\"4*\"/></style:style>\
<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.08cm\" fo:border=\"0.5pt solid #888888\"/></style:style>\
</office:automatic-styles><office:body><office:text>{o}</office:text></office:body></office:document-content>"
    );
    let meta = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta {NS}><office:meta><dc:title>{}</dc:title><dc:language>{}</dc:language><meta:generator>Convention</meta:generator><meta:creation-date>{}</meta:creation-date></office:meta></office:document-meta>",
        xml(&lang.document_title(&r.convention)),
        lang.document_language(),
        crate::time::iso_utc(created).trim_end_matches('Z')
    );
    let mut files = vec![
        ("content.xml".to_owned(), content.into_bytes()),
        ("styles.xml".to_owned(), styles_xml().into_bytes()),
        ("meta.xml".to_owned(), meta.into_bytes()),
    ];
    files.extend(pictures);
    package("application/vnd.oasis.opendocument.text", files)
}

/// The table of contents, filled in now (LibreOffice adds page numbers when it updates it).
fn contents(o: &mut String, r: &Report) {
    // The table of contents, filled in now (LibreOffice adds page numbers when it updates it).
    // The title LibreOffice writes again when it updates the table, in the report's language.
    let _ = write!(
        o,
        "<text:table-of-content text:name=\"{0}\"><text:table-of-content-source text:outline-level=\"2\"><text:index-title-template text:style-name=\"Contents_20_Heading\">{0}</text:index-title-template></text:table-of-content-source><text:index-body><text:index-title text:name=\"{0}_1\">",
        x(r.lang.contents())
    );
    let _ = write!(
        o,
        "<text:p text:style-name=\"Contents_20_Heading\">{}</text:p></text:index-title>",
        x(r.lang.contents())
    );
    if !r.introduction.trim().is_empty() {
        p(o, "Contents_20_1", &x(r.lang.introduction()));
    }
    for (n, t) in r.topics.iter().enumerate() {
        p(o, "Contents_20_1", &x(&format!("{}. {}", n + 1, t.title)));
        for (m, rec) in t.recommendations.iter().enumerate() {
            p(
                o,
                "Contents_20_2",
                &x(&format!(
                    "{}.{} {}",
                    n + 1,
                    m + 1,
                    r.lang.numbered(rec.id, &rec.title)
                )),
            );
        }
    }
    if !r.rounds.is_empty() {
        p(o, "Contents_20_1", &x(r.lang.annex()));
    }
    o.push_str("</text:index-body></text:table-of-content>");
}

/// One topic: its recommendations with votes, arguments and dissent, then minority positions.
fn topic_section(o: &mut String, lang: Lang, n: usize, t: &TopicSection) {
    h(o, 1, &x(&format!("{}. {}", n + 1, t.title)));
    if !t.question.is_empty() {
        p(
            o,
            "Text_20_body",
            &format!(
                "<text:span text:style-name=\"Emph\">{}</text:span>",
                x(&t.question)
            ),
        );
    }
    if t.recommendations.is_empty() {
        p(o, "Text_20_body", &x(lang.no_recommendation()));
    }
    for (m, rec) in t.recommendations.iter().enumerate() {
        h(
            o,
            2,
            &x(&format!(
                "{}.{} {}",
                n + 1,
                m + 1,
                lang.numbered(rec.id, &rec.title)
            )),
        );
        p(
            o,
            "Text_20_body",
            &format!(
                "<text:span text:style-name=\"Strong\">{}</text:span> {}",
                x(lang.authors()),
                x(&rec.authors.join(", "))
            ),
        );
        if !rec.summary.is_empty() {
            p(
                o,
                "Text_20_body",
                &format!(
                    "<text:span text:style-name=\"Emph\">{}</text:span>",
                    x(&rec.summary)
                ),
            );
        }
        body(o, &rec.body, "Text_20_body");
        for v in &rec.votes {
            p(
                o,
                "Vote",
                &format!(
                    "<text:span text:style-name=\"Strong\">{}</text:span> {}",
                    x(lang.vote_label()),
                    x(&lang.vote(v))
                ),
            );
        }
        for (label, args) in [
            (lang.arguments(true), &rec.arguments_for),
            (lang.arguments(false), &rec.arguments_against),
        ] {
            if args.is_empty() {
                continue;
            }
            h(o, 3, &x(label));
            for a in args {
                body(o, &a.body, "Quote");
                p(o, "By", &x(&format!("— {}", a.author)));
            }
        }
        if !rec.dissents.is_empty() {
            h(o, 3, &x(lang.nuances()));
            for d in &rec.dissents {
                body(o, d, "Quote");
            }
        }
    }
    if !t.minority.is_empty() {
        h(o, 3, &x(lang.minority()));
        for m in &t.minority {
            p(
                o,
                "Text_20_body",
                &format!(
                    "<text:span text:style-name=\"Strong\">{}</text:span>{} {}",
                    x(&lang.numbered(m.id, &m.title)),
                    lang.colon(),
                    x(&m.reason)
                ),
            );
            for d in &m.dissents {
                body(o, d, "Quote");
            }
        }
    }
}

/// One round in the annex: its facts and rules, then per count a chart and a result table.
fn round_annex(
    o: &mut String,
    pictures: &mut Vec<(String, Vec<u8>)>,
    lang: Lang,
    round: &RoundSection,
) {
    h(o, 2, &x(&lang.round_heading(round.id, &round.title)));
    p(o, "Text_20_body", &x(&lang.round_facts(round)));
    p(
        o,
        "Text_20_body",
        &format!(
            "<text:span text:style-name=\"Emph\">{}</text:span> {}",
            x(lang.rules_label()),
            x(&lang.method_rules(round))
        ),
    );
    for (k, side) in round.sides.iter().enumerate() {
        let caption = lang.count_caption(side);
        h(o, 3, &x(&caption));
        let name = format!("Pictures/chart-{}-{k}.svg", round.id);
        let (w, hgt) = svg_size(&side.chart);
        let width_cm = (w * 2.54 / 96.0).min(16.0);
        let height_cm = width_cm * hgt / w.max(1.0);
        let _ = write!(
            o,
            "<text:p text:style-name=\"Centered\"><draw:frame draw:name=\"{}\" text:anchor-type=\"as-char\" svg:width=\"{width_cm:.2}cm\" svg:height=\"{height_cm:.2}cm\"><draw:image xlink:href=\"{}\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/><svg:title>{}</svg:title></draw:frame></text:p>",
            xml(&name),
            xml(&name),
            x(&caption)
        );
        pictures.push((name, side.chart.as_bytes().to_vec()));
        let (header, rows) = result_table(lang, round, side);
        table(
            o,
            &format!("Scrutin {} {}", round.id, k + 1),
            &header,
            &rows,
        );
    }
}

/// An OpenDocument package: `mimetype` first and stored, then the manifest and the files.
pub(crate) fn package(mimetype: &str, files: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let mut manifest = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"{mimetype}\"/>"
    );
    for (name, _) in &files {
        let media = if name.ends_with(".svg") {
            "image/svg+xml"
        } else {
            "text/xml"
        };
        let _ = write!(
            manifest,
            "<manifest:file-entry manifest:full-path=\"{}\" manifest:media-type=\"{media}\"/>",
            xml(name)
        );
    }
    manifest.push_str("</manifest:manifest>");
    let mut z = ZipWriter::new();
    z.add("mimetype", mimetype.as_bytes());
    z.add("META-INF/manifest.xml", manifest.as_bytes());
    for (name, data) in &files {
        z.add(name, data);
    }
    z.finish()
}
