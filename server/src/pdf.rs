//! The report typeset into PDF by Typst, in process and offline: the fonts are built into the
//! binary (Libertinus Serif, New Computer Modern, DejaVu Sans Mono from `typst-assets`), the
//! charts are the SVGs drawn for the results pages, and nothing is read from disk or network.

use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Parsed once per process: parsing the fonts costs more than typesetting a short report.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn file_id(name: &str) -> Option<FileId> {
    let path = VirtualPath::new(format!("/{name}")).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, path).intern())
}

struct ReportWorld {
    main: Source,
    files: Vec<(FileId, Bytes)>,
    today: Datetime,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, b)| b.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// (year, month, day, hour, minute, second) in UTC of Unix milliseconds.
fn utc_parts(ms: i64) -> Option<Datetime> {
    let iso = domain::time::iso_utc(ms);
    let n = |a: usize, b: usize| iso.get(a..b)?.parse::<u8>().ok();
    Datetime::from_ymd_hms(
        iso.get(0..4)?.parse().ok()?,
        n(5, 7)?,
        n(8, 10)?,
        n(11, 13)?,
        n(14, 16)?,
        n(17, 19)?,
    )
}

/// Typesets a report into PDF. `created` (Unix ms) is the creation date in the metadata, the
/// only thing that differs between two exports of the same data. The error is Typst's own
/// diagnostics: they concern our template, never the user's text (which is only ever a string).
pub fn report_pdf(report: &domain::report::Report, created: i64) -> Result<Vec<u8>, String> {
    let input = domain::report::typst_source(report);
    let main_id = file_id("main.typ").ok_or("main file id")?;
    let mut files = Vec::new();
    for (name, data) in input.files {
        let id = file_id(&name).ok_or("chart file id")?;
        files.push((id, Bytes::new(data)));
    }
    let today = utc_parts(created).ok_or("creation date")?;
    let world = ReportWorld {
        main: Source::new(main_id, input.source),
        files,
        today,
    };
    let document = typst::compile::<typst_layout::PagedDocument>(&world)
        .output
        .map_err(|errors| {
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom("convention-report".to_owned()),
        timestamp: Some(typst_pdf::Timestamp::new_utc(today)),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })
}
