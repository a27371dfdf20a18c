//! CSV as spreadsheets read it: one quoted cell per field, and no cell a spreadsheet would run
//! as a formula.

/// The byte-order mark a CSV file starts with: without it, Excel set to French reads UTF-8 as
/// Windows-1252 and garbles every accent; LibreOffice and CSV parsers skip it.
pub const BOM: &str = "\u{feff}";

/// One cell: always quoted, quotes doubled, and text that a spreadsheet would take for a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) prefixed with `'`.
///
/// ```
/// use domain::csv::cell;
/// assert_eq!(cell("Hors \"sujet\""), "\"Hors \"\"sujet\"\"\"");
/// assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(cell("42"), "\"42\"");
/// ```
pub fn cell(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let mut out = String::with_capacity(text.len() + 3);
    out.push('"');
    if risky {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// One line: the cells joined with commas, ended by CRLF (RFC 4180).
///
/// ```
/// assert_eq!(domain::csv::line(&["a", "b,c"]), "\"a\",\"b,c\"\r\n");
/// ```
pub fn line(cells: &[&str]) -> String {
    let mut out = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}
