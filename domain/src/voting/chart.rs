//! Result charts as SVG text, drawn on the server (and in the report) so they need no script:
//! bars for scores, merit profiles for majority judgment, for/against/abstain bars for
//! measures, and the pairwise matrix for Schulze. Each carries a `<title>` and is meant to sit
//! beside a data table holding the same numbers.
//!
//! Sizes are whole pixels computed in integers, so the same result always draws the same bytes.

use crate::markup::escape_text;

const WIDTH: u128 = 640;
const LABEL: u128 = 200;
/// Characters of a row label that fit in [`LABEL`] at the charts' font size.
const LABEL_CHARS: usize = 27;
const ROW: u128 = 30;
const PLOT: u128 = WIDTH - LABEL - 70;

/// Grade colours, best (dark green) to worst (dark red) through yellow: one ramp (ColorBrewer
/// RdYlGn), so that no middle grade stands out in a hue of its own.
const GRADE_COLOURS: [&str; 7] = [
    "#1a9850", "#66bd63", "#a6d96a", "#fee08b", "#fdae61", "#f46d43", "#d73027",
];

/// Grades per legend row: four fit the width at the labels' size.
const LEGEND_COLUMNS: usize = 4;

fn open(title: &str, height: u128) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
         height=\"{height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"13\"><title>{}</title>",
        escape_text(title)
    )
}

fn label(y: u128, text: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        LABEL - 8,
        y + 19,
        escape_text(text)
    )
}

fn scale(v: u128, max: u128, span: u128) -> u128 {
    (v * span).checked_div(max).unwrap_or(0)
}

/// Horizontal bars, one per candidate; negative values (quadratic votes) go left of a zero
/// line.
///
/// ```
/// let svg = domain::voting::chart::bars("Points", &["n° 1".into(), "n° 2".into()], &[10, -5]);
/// assert!(svg.starts_with("<svg") && svg.contains("<title>Points</title>"));
/// ```
pub fn bars(title: &str, labels: &[String], values: &[i128]) -> String {
    let height = ROW * labels.len() as u128 + 10;
    let pos = values.iter().copied().filter(|v| *v > 0).max().unwrap_or(0) as u128;
    let neg = values
        .iter()
        .copied()
        .filter(|v| *v < 0)
        .map(|v| v.unsigned_abs())
        .max()
        .unwrap_or(0);
    let total = (pos + neg).max(1);
    let zero = LABEL + scale(neg, total, PLOT);
    let mut out = open(title, height);
    for (i, (l, v)) in labels.iter().zip(values).enumerate() {
        let y = ROW * i as u128 + 4;
        out.push_str(&label(y, l));
        let w = scale(v.unsigned_abs(), total, PLOT);
        let x = if *v < 0 { zero - w } else { zero };
        let fill = if *v < 0 { "#b2182b" } else { "#2166ac" };
        // A zero-width rect is invalid SVG (renderers skip it with a warning): no bar at all.
        if w > 0 {
            out.push_str(&format!(
                "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"20\" fill=\"{fill}\"/>",
                y + 4
            ));
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{v}</text>",
            zero.max(x + w) + 6,
            y + 19
        ));
    }
    out.push_str(&format!(
        "<line x1=\"{zero}\" y1=\"0\" x2=\"{zero}\" y2=\"{height}\" stroke=\"#333\"/></svg>"
    ));
    out
}

/// Names the rows of a stored chart: each row label `n° {id}` (how charts are drawn at the
/// count, by proposal id) becomes `n° {id} · {title}`, cut to fit. Charts are stored, titles
/// are not: they are read when the page is shown, so that a proposal hidden since the count
/// shows no title. Column headings (the pairwise matrix) keep the short `n° {id}`.
///
/// ```
/// use domain::voting::chart::{bars, relabel};
/// let svg = bars("Points", &["n° 7".into()], &[3]);
/// let named = relabel(&svg, &[(7, "Former <les> enseignants à l’IA".into())]);
/// assert!(named.contains(">n° 7 · Former &lt;les&gt; enseig…</text>"), "{named}");
/// assert_eq!(relabel(&svg, &[(7, String::new())]), svg);
/// ```
pub fn relabel(svg: &str, titles: &[(i64, String)]) -> String {
    let mut out = svg.to_owned();
    for (id, title) in titles {
        if title.is_empty() {
            continue;
        }
        let short = format!("n° {id}");
        let mut long = format!("{short} · {title}");
        if long.chars().count() > LABEL_CHARS {
            long = long
                .chars()
                .take(LABEL_CHARS - 1)
                .collect::<String>()
                .trim_end()
                .to_owned()
                + "…";
        }
        out = out.replace(
            &format!("text-anchor=\"end\">{short}</text>"),
            &format!("text-anchor=\"end\">{}</text>", escape_text(&long)),
        );
    }
    out
}

/// Merit profiles: per candidate a bar split by grade, best on the left, with the median line.
pub fn merit_profiles(
    title: &str,
    labels: &[String],
    grades: &[String],
    counts: &[Vec<u128>],
) -> String {
    let legend_rows = grades.len().div_ceil(LEGEND_COLUMNS).max(1) as u128;
    let height = ROW * (labels.len() as u128 + legend_rows) + 10;
    let mut out = open(title, height);
    let colour = |g: usize| {
        let i = if grades.len() <= 1 {
            0
        } else {
            g * (GRADE_COLOURS.len() - 1) / (grades.len() - 1)
        };
        GRADE_COLOURS[i]
    };
    for (i, (l, row)) in labels.iter().zip(counts).enumerate() {
        let y = ROW * i as u128 + 4;
        out.push_str(&label(y, l));
        let total: u128 = row.iter().sum();
        let mut x = LABEL;
        let mut seen = 0u128;
        for (g, n) in row.iter().enumerate() {
            seen += n;
            // Cumulative edges, so rounding never leaves a gap or overflows the plot.
            let end = LABEL + scale(seen, total, PLOT);
            if end > x {
                out.push_str(&format!(
                    "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{}\"/>",
                    y + 4,
                    end - x,
                    colour(g)
                ));
            }
            x = end;
        }
    }
    let mid = LABEL + PLOT / 2;
    let plot_h = ROW * labels.len() as u128;
    out.push_str(&format!(
        "<line x1=\"{mid}\" y1=\"0\" x2=\"{mid}\" y2=\"{plot_h}\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
    ));
    // Legend: one swatch per grade, best first, in rows of LEGEND_COLUMNS under the bars, at
    // the labels' size (the page keeps the chart at its own width, scrolling if need be).
    let step = (WIDTH - 10) / LEGEND_COLUMNS as u128;
    for (g, name) in grades.iter().enumerate() {
        let x = 5 + step * (g % LEGEND_COLUMNS) as u128;
        let y = plot_h + 6 + ROW * (g / LEGEND_COLUMNS) as u128;
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#555\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y + 3,
            colour(g),
            x + 20,
            y + 15,
            escape_text(name)
        ));
    }
    out.push_str("</svg>");
    out
}

/// For / against / abstain per measure, as shares of one bar each.
pub fn measure_bars(title: &str, labels: &[String], counts: &[(u128, u128, u128)]) -> String {
    let height = ROW * labels.len() as u128 + 10;
    let mut out = open(title, height);
    for (i, (l, (f, a, n))) in labels.iter().zip(counts).enumerate() {
        let y = ROW * i as u128 + 4;
        out.push_str(&label(y, l));
        let total = f + a + n;
        let edges = [(*f, "#1b7837"), (f + a, "#b2182b"), (total, "#bbbbbb")];
        let mut x = LABEL;
        for (cum, fill) in edges {
            let end = LABEL + scale(cum, total, PLOT);
            if end > x {
                out.push_str(&format!(
                    "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{fill}\"/>",
                    y + 4,
                    end - x
                ));
            }
            x = end;
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{f} / {a} / {n}</text>",
            LABEL + PLOT + 6,
            y + 19
        ));
    }
    out.push_str("</svg>");
    out
}

/// The pairwise matrix d[x][y] (ballots ranking x above y): a cell is green where x beats y
/// head to head, red where it loses.
pub fn pairwise(title: &str, labels: &[String], d: &[Vec<u128>]) -> String {
    let n = labels.len() as u128;
    let cell = ((WIDTH - LABEL) / n.max(1)).clamp(24, 70);
    let width = LABEL + cell * n + 10;
    let height = 30 + cell * n + 10;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" \
         height=\"{height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\"><title>{}</title>",
        escape_text(title)
    );
    for (j, l) in labels.iter().enumerate() {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"20\" text-anchor=\"middle\">{}</text>",
            LABEL + cell * j as u128 + cell / 2,
            escape_text(l)
        ));
    }
    for (i, l) in labels.iter().enumerate() {
        let y = 30 + cell * i as u128;
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8,
            y + cell / 2 + 4,
            escape_text(l)
        ));
        for (j, &a) in d[i].iter().enumerate().take(labels.len()) {
            let x = LABEL + cell * j as u128;
            let (fill, text) = if i == j {
                ("#eeeeee", String::new())
            } else {
                let b = d[j][i];
                let fill = match a.cmp(&b) {
                    std::cmp::Ordering::Greater => "#a6dba0",
                    std::cmp::Ordering::Less => "#f4a582",
                    std::cmp::Ordering::Equal => "#ffffff",
                };
                (fill, a.to_string())
            };
            out.push_str(&format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#666\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{text}</text>",
                x + cell / 2,
                y + cell / 2 + 4
            ));
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_titles_are_escaped() {
        let svg = bars("<b>&", &["<script>".into()], &[3]);
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        let svg = merit_profiles(
            "t",
            &["a".into()],
            &["<x>".into(), "y".into()],
            &[vec![1, 1]],
        );
        assert!(!svg.contains("<x>"));
    }

    #[test]
    fn profiles_fill_the_plot_exactly() {
        let svg = merit_profiles(
            "t",
            &["a".into()],
            &["x".into(), "y".into(), "z".into()],
            &[vec![1, 1, 1]],
        );
        // 370 px in thirds: 123 + 123 + 124, cumulative edges.
        assert!(
            svg.contains("width=\"123\"") && svg.contains("width=\"124\""),
            "{svg}"
        );
        let empty = merit_profiles("t", &["a".into()], &["x".into()], &[vec![0]]);
        assert!(!empty.contains("<rect x=\"200\" y=\"8\""));
    }

    #[test]
    fn negative_bars_go_left_of_zero() {
        let svg = bars("t", &["a".into(), "b".into()], &[10, -10]);
        // Zero sits halfway: 200 + 185.
        assert!(svg.contains("x1=\"385\""), "{svg}");
        assert!(
            svg.contains("<rect x=\"200\" y=\"38\" width=\"185\""),
            "{svg}"
        );
    }

    #[test]
    fn no_chart_draws_an_empty_rect() {
        let labels: Vec<String> = vec!["a".into(), "b".into()];
        for svg in [
            bars("t", &labels, &[0, 5]),
            bars("t", &labels, &[0, 0]),
            merit_profiles(
                "t",
                &labels,
                &["x".into(), "y".into()],
                &[vec![0, 2], vec![0, 0]],
            ),
            measure_bars("t", &labels, &[(0, 3, 0), (0, 0, 0)]),
            pairwise("t", &labels, &[vec![0, 0], vec![0, 0]]),
        ] {
            assert!(
                !svg.contains("width=\"0\"") && !svg.contains("height=\"0\""),
                "{svg}"
            );
        }
        assert!(bars("t", &labels, &[0, 5]).contains("width=\"370\""));
    }
}
