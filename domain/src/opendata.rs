//! Open data: the convention's public datasets as tables, written as CSV, ODS or JSON under the
//! Licence Ouverte / Open Licence 2.0 (Etalab).
//!
//! A dataset is built by the app from visible content only; here it is only written out, the
//! same table the same way in each format.

use crate::report::odt_package;
use crate::voting::json::quote;
use std::fmt::Write;

/// The licence every dataset is published under.
pub const LICENCE_NAME: &str = "Licence Ouverte / Open Licence 2.0 (Etalab)";
/// Where the licence's text is.
pub const LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

/// The published datasets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    /// Topics.
    Topics,
    /// Visible proposals, with status and vote results.
    Proposals,
    /// Visible comments, signed by display name only where the author agreed.
    Comments,
    /// Closed rounds with their results.
    Rounds,
    /// Anonymised ballots of closed rounds.
    Ballots,
}

impl Dataset {
    /// Every dataset, in the order `/open-data` lists them.
    pub const ALL: [Dataset; 5] = [
        Dataset::Topics,
        Dataset::Proposals,
        Dataset::Comments,
        Dataset::Rounds,
        Dataset::Ballots,
    ];

    /// Name in URLs, file names and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Topics => "topics",
            Dataset::Proposals => "proposals",
            Dataset::Comments => "comments",
            Dataset::Rounds => "rounds",
            Dataset::Ballots => "ballots",
        }
    }

    /// From its name.
    pub fn parse(s: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// French title.
    pub fn title(self) -> &'static str {
        match self {
            Dataset::Topics => "Thèmes",
            Dataset::Proposals => "Propositions",
            Dataset::Comments => "Commentaires",
            Dataset::Rounds => "Scrutins et résultats",
            Dataset::Ballots => "Bulletins anonymisés",
        }
    }
}

/// A file format for datasets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180, UTF-8.
    Csv,
    /// OpenDocument spreadsheet.
    Ods,
    /// JSON with the licence and date around the records.
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Csv, Format::Ods, Format::Json];

    /// File extension and name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ods => "ods",
            Format::Json => "json",
        }
    }

    /// From its name.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The media type to serve it with.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Format::Json => "application/json",
        }
    }
}

/// One value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
    /// Nothing (JSON null, an empty cell).
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}
impl From<Option<i64>> for Cell {
    fn from(n: Option<i64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Int)
    }
}

/// Ids go out as their number.
macro_rules! id_cells {
    ($($id:ty),*) => {$(
        impl From<$id> for Cell {
            fn from(id: $id) -> Cell {
                Cell::Int(id.get())
            }
        }
        impl From<Option<$id>> for Cell {
            fn from(id: Option<$id>) -> Cell {
                id.map_or(Cell::Empty, |id| Cell::Int(id.get()))
            }
        }
    )*};
}
id_cells!(
    crate::UserId,
    crate::TopicId,
    crate::ProposalId,
    crate::CommentId,
    crate::RoundId
);

/// A dataset's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Which dataset.
    pub dataset: Dataset,
    /// Who publishes it (the convention's name).
    pub publisher: String,
    /// When it was extracted, Unix ms.
    pub generated_at: i64,
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

/// The file name a download is given: `convention-proposals-2026-11-25.csv`.
pub fn file_name(table: &Table, format: Format) -> String {
    let date = &crate::time::iso_utc(table.generated_at)[..10];
    format!(
        "convention-{}-{date}.{}",
        table.dataset.as_str(),
        format.as_str()
    )
}

/// Writes a table in a format.
pub fn write(table: &Table, format: Format) -> Vec<u8> {
    match format {
        Format::Csv => csv(table).into_bytes(),
        Format::Json => json(table).into_bytes(),
        Format::Ods => ods(table),
    }
}

/// RFC 4180 with a header line after a byte-order mark ([`crate::csv::BOM`]); text cells are
/// neutralised against formula injection, numbers are written bare.
pub fn csv(table: &Table) -> String {
    let mut out = String::from(crate::csv::BOM);
    out.push_str(&crate::csv::line(&table.columns));
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => crate::csv::cell(t),
                Cell::Int(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `{"dataset", "title", "publisher", "licence": {name, url}, "generated_at", "columns",
/// "records": [{column: value}]}`.
pub fn json(table: &Table) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"dataset\":{},\"title\":{},\"publisher\":{},\"licence\":{{\"name\":{},\"url\":{}}},\"generated_at\":{},\"columns\":[{}],\"records\":[",
        quote(table.dataset.as_str()),
        quote(table.dataset.title()),
        quote(&table.publisher),
        quote(LICENCE_NAME),
        quote(LICENCE_URL),
        quote(&crate::time::iso_utc(table.generated_at)),
        table.columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",")
    );
    for (i, row) in table.rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        for (k, (col, cell)) in table.columns.iter().zip(row).enumerate() {
            if k > 0 {
                out.push(',');
            }
            let v = match cell {
                Cell::Text(t) => quote(t),
                Cell::Int(n) => n.to_string(),
                Cell::Empty => "null".to_owned(),
            };
            let _ = write!(out, "{}:{v}", quote(col));
        }
        out.push('}');
    }
    out.push_str("]}\n");
    out
}

/// An ODS spreadsheet: the data sheet, then a sheet with the licence, the publisher and the
/// date. Text cells are string cells, so nothing in them is ever read as a formula.
pub fn ods(table: &Table) -> Vec<u8> {
    use crate::report::xml;
    let mut sheet = String::new();
    let _ = write!(
        sheet,
        "<table:table table:name=\"{}\"><table:table-header-rows><table:table-row>",
        xml(table.dataset.as_str())
    );
    for c in &table.columns {
        let _ = write!(
            sheet,
            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
            xml(c)
        );
    }
    sheet.push_str("</table:table-row></table:table-header-rows>");
    for row in &table.rows {
        sheet.push_str("<table:table-row>");
        for c in row {
            match c {
                Cell::Text(t) => {
                    sheet.push_str("<table:table-cell office:value-type=\"string\">");
                    for line in t.split('\n') {
                        let _ = write!(sheet, "<text:p>{}</text:p>", xml(line));
                    }
                    sheet.push_str("</table:table-cell>");
                }
                Cell::Int(n) => {
                    let _ = write!(
                        sheet,
                        "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
                    );
                }
                Cell::Empty => sheet.push_str("<table:table-cell/>"),
            }
        }
        sheet.push_str("</table:table-row>");
    }
    sheet.push_str("</table:table>");
    let about = [
        ("Jeu de données", table.dataset.title().to_owned()),
        ("Producteur", table.publisher.clone()),
        ("Licence", LICENCE_NAME.to_owned()),
        ("Texte de la licence", LICENCE_URL.to_owned()),
        ("Extrait le", crate::time::iso_utc(table.generated_at)),
    ];
    sheet.push_str("<table:table table:name=\"licence\">");
    for (k, v) in about {
        let _ = write!(
            sheet,
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell></table:table-row>",
            xml(k),
            xml(&v)
        );
    }
    sheet.push_str("</table:table>");
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\"><office:body><office:spreadsheet>{sheet}</office:spreadsheet></office:body></office:document-content>"
    );
    odt_package(
        "application/vnd.oasis.opendocument.spreadsheet",
        vec![("content.xml".to_owned(), content.into_bytes())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            dataset: Dataset::Comments,
            publisher: "Convention".into(),
            generated_at: 1_784_023_200_000,
            columns: vec!["id", "body"],
            rows: vec![
                vec![Cell::Int(-3), "=1+1".into()],
                vec![Cell::Empty, "a \"b\"\nc".into()],
            ],
        }
    }

    #[test]
    fn csv_neutralises_formulas_but_not_numbers() {
        assert_eq!(
            csv(&table()),
            "\u{feff}\"id\",\"body\"\r\n-3,\"'=1+1\"\r\n,\"a \"\"b\"\"\nc\"\r\n"
        );
    }

    #[test]
    fn json_carries_licence_and_date() {
        let j = json(&table());
        assert!(j.starts_with("{\"dataset\":\"comments\""));
        assert!(j.contains("\"licence\":{\"name\":\"Licence Ouverte / Open Licence 2.0 (Etalab)\""));
        assert!(j.contains("\"generated_at\":\"2026-07-14T10:00:00Z\""));
        assert!(j.contains("{\"id\":null,\"body\":\"a \\\"b\\\"\\nc\"}"));
    }

    #[test]
    fn names() {
        assert_eq!(
            file_name(&table(), Format::Ods),
            "convention-comments-2026-07-14.ods"
        );
        for d in Dataset::ALL {
            assert_eq!(Dataset::parse(d.as_str()), Some(d));
        }
    }
}
