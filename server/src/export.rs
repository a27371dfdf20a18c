//! Files the site hands out: the recommendations report in four formats (organisers) and the
//! open-data datasets in three (anyone). The web downloads and `convention export` share these
//! functions, so a file from the command line is the file the site serves.

use domain::opendata::{Cell, Dataset, Format, Table};
use service::public::Slice;
use service::{AppState, Db};

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// PDF, typeset by Typst.
    Pdf,
    /// OpenDocument text.
    Odt,
    /// Markdown.
    Md,
    /// A standalone HTML page.
    Html,
}

impl ReportFormat {
    /// From the `format` query parameter.
    pub fn parse(s: &str) -> Option<ReportFormat> {
        match s {
            "pdf" => Some(ReportFormat::Pdf),
            "odt" => Some(ReportFormat::Odt),
            "md" => Some(ReportFormat::Md),
            "html" => Some(ReportFormat::Html),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Odt => "odt",
            ReportFormat::Md => "md",
            ReportFormat::Html => "html",
        }
    }

    /// The media type to serve it with.
    pub fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "application/pdf",
            ReportFormat::Odt => "application/vnd.oasis.opendocument.text",
            ReportFormat::Md => "text/markdown; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
        }
    }
}

/// A file ready to hand out.
pub struct Export {
    /// Content.
    pub bytes: Vec<u8>,
    /// Media type.
    pub media_type: &'static str,
    /// The file name the server chooses.
    pub file_name: String,
}

/// The report in `format` and `lang`, as the database stands now.
pub async fn report(
    st: &AppState,
    format: ReportFormat,
    lang: domain::report::Lang,
) -> Result<Export, service::Error> {
    let report = service::report::build_report(st, lang).await?;
    let now = service::now_ms();
    let bytes = match format {
        ReportFormat::Md => domain::report::markdown(&report).into_bytes(),
        ReportFormat::Html => domain::report::html_document(&report).into_bytes(),
        ReportFormat::Odt => domain::report::odt(&report, now),
        // Typesetting takes a core for a while: keep it off the async workers.
        ReportFormat::Pdf => {
            tokio::task::spawn_blocking(move || crate::pdf::report_pdf(&report, now))
                .await
                .map_err(service::internal)?
                .map_err(service::internal)?
        }
    };
    Ok(Export {
        bytes,
        media_type: format.media_type(),
        file_name: format!(
            "rapport-convention-{}.{}",
            &domain::time::iso_utc(now)[..10],
            format.extension()
        ),
    })
}

/// A dataset in `format`: visible content only, no e-mail, address or voter link (none is
/// even read).
pub async fn dataset(
    st: &AppState,
    dataset: Dataset,
    format: Format,
) -> Result<Export, service::Error> {
    let table = table(st, dataset).await?;
    Ok(Export {
        bytes: domain::opendata::write(&table, format),
        media_type: format.media_type(),
        file_name: domain::opendata::file_name(&table, format),
    })
}

async fn table(st: &AppState, dataset: Dataset) -> Result<Table, service::Error> {
    let db = &st.db;
    if matches!(
        dataset,
        Dataset::Proposals | Dataset::Rounds | Dataset::Ballots
    ) {
        // Rounds past their close are counted (their sealed ballots mixed in) first.
        service::rounds::count_due(st).await?;
    }
    let publisher = service::public::convention(db).await?.name;
    let generated_at = service::now_ms();
    let (columns, rows) = match dataset {
        Dataset::Topics => topics(db).await?,
        Dataset::Proposals => proposals(st).await?,
        Dataset::Comments => comments(db).await?,
        Dataset::Rounds => rounds(st).await?,
        Dataset::Ballots => ballots(db, generated_at).await?,
    };
    Ok(Table {
        dataset,
        publisher,
        generated_at,
        columns,
        rows,
    })
}

/// A dataset's column names and rows.
type Columns = (Vec<&'static str>, Vec<Vec<Cell>>);

/// Every topic, archived ones included.
async fn topics(db: &Db) -> Result<Columns, service::Error> {
    Ok((
        vec![
            "id",
            "slug",
            "title",
            "question",
            "description",
            "position",
            "archived",
        ],
        service::public::all_topics(db)
            .await?
            .into_iter()
            .map(|t| {
                vec![
                    t.id.into(),
                    t.slug.into(),
                    t.title.into(),
                    t.question.into(),
                    t.description.into(),
                    t.position.into(),
                    i64::from(t.archived).into(),
                ]
            })
            .collect(),
    ))
}

/// The published proposals, with their official results in closed rounds.
async fn proposals(st: &AppState) -> Result<Columns, service::Error> {
    let db = &st.db;
    let results = round_lines(st).await?;
    Ok((
        vec![
            "id",
            "topic",
            "title",
            "summary",
            "body",
            "status",
            "author",
            "supports",
            "comments",
            "comments_for",
            "comments_against",
            "created_at_utc",
            "updated_at_utc",
            "vote_results",
        ],
        service::public::proposals(db, &Slice::ALL)
            .await?
            .into_iter()
            .map(|p| {
                let votes: Vec<String> = results
                    .iter()
                    .filter(|l| l.proposal_id == p.id && l.official)
                    .map(|l| {
                        format!(
                            "scrutin {} : {} sur {}, score {}{}",
                            l.round_id,
                            domain::report::ordinal(usize::try_from(l.rank).unwrap_or(0)),
                            l.of,
                            l.score,
                            if l.adopted { ", adoptée" } else { "" }
                        )
                    })
                    .collect();
                vec![
                    p.id.into(),
                    p.topic_slug.into(),
                    p.title.into(),
                    p.summary.into(),
                    p.body.into(),
                    p.status.into(),
                    p.author_name.into(),
                    p.support_count.into(),
                    p.comment_count.into(),
                    p.for_count.into(),
                    p.against_count.into(),
                    domain::time::iso_utc(p.created_at).into(),
                    domain::time::iso_utc(p.updated_at).into(),
                    votes.join(" ; ").into(),
                ]
            })
            .collect(),
    ))
}

/// The published comments.
async fn comments(db: &Db) -> Result<Columns, service::Error> {
    Ok((
        vec![
            "id",
            "topic",
            "proposal_id",
            "parent_id",
            "author",
            "stance",
            "body",
            "upvotes",
            "created_at_utc",
        ],
        service::public::comments(db, &Slice::ALL)
            .await?
            .into_iter()
            .map(|c| {
                vec![
                    c.id.into(),
                    c.topic_slug.into(),
                    c.proposal_id.into(),
                    c.parent_id.into(),
                    c.author_name.into(),
                    c.stance.map_or(Cell::Empty, Cell::Text),
                    c.body.into(),
                    c.upvote_count.into(),
                    domain::time::iso_utc(c.created_at).into(),
                ]
            })
            .collect(),
    ))
}

/// One line per proposal and side of every closed round.
async fn rounds(st: &AppState) -> Result<Columns, service::Error> {
    Ok((
        vec![
            "round_id",
            "round_title",
            "method",
            "opens_at_utc",
            "closes_at_utc",
            "side",
            "official",
            "voters",
            "ballots_counted",
            "ballots_rejected",
            "proposal_id",
            "proposal_title",
            "rank",
            "score",
            "adopted",
        ],
        round_lines(st)
            .await?
            .into_iter()
            .map(|l| {
                vec![
                    l.round_id.into(),
                    l.round_title.into(),
                    l.method.into(),
                    domain::time::iso_utc(l.opens_at).into(),
                    domain::time::iso_utc(l.closes_at).into(),
                    l.side.into(),
                    i64::from(l.official).into(),
                    l.voters.into(),
                    l.counted.into(),
                    l.rejected.into(),
                    l.proposal_id.into(),
                    l.proposal_title.into(),
                    l.rank.into(),
                    l.score.into(),
                    i64::from(l.adopted).into(),
                ]
            })
            .collect(),
    ))
}

/// The ballots of closed rounds, with their receipts and nothing about voters.
async fn ballots(db: &Db, generated_at: i64) -> Result<Columns, service::Error> {
    Ok((
        vec!["round_id", "side", "receipt", "ballot"],
        service::public::ballots(db, generated_at)
            .await?
            .into_iter()
            .map(|b| {
                vec![
                    b.round_id.into(),
                    b.side.into(),
                    b.receipt.into(),
                    b.content.into(),
                ]
            })
            .collect(),
    ))
}

/// One proposal's line in one side's count of a closed round.
pub struct RoundLine {
    /// The round.
    pub round_id: domain::RoundId,
    /// Its title.
    pub round_title: String,
    /// Its method's name.
    pub method: String,
    /// Opening, Unix ms.
    pub opens_at: i64,
    /// Close, Unix ms.
    pub closes_at: i64,
    /// The count: "members" or "public".
    pub side: String,
    /// Whether this count decides adoption.
    pub official: bool,
    /// People who voted on this side.
    pub voters: i64,
    /// Ballots counted.
    pub counted: i64,
    /// Ballots set aside as invalid.
    pub rejected: i64,
    /// The proposal.
    pub proposal_id: domain::ProposalId,
    /// Its title, or [`service::report::MASKED`] when moderation withdrew it.
    pub proposal_title: String,
    /// 1 for the first; tied lines share a rank.
    pub rank: i64,
    /// Lines in this count.
    pub of: usize,
    /// The score as the method states it.
    pub score: String,
    /// Adopted by this count.
    pub adopted: bool,
}

/// Every closed round's results, line by line, in the order the rounds closed.
async fn round_lines(st: &AppState) -> Result<Vec<RoundLine>, service::Error> {
    let rounds = service::public::closed_rounds(&st.db, None).await?;
    let mut out = Vec::new();
    for r in &rounds {
        out.extend(round_result_lines(st, r).await?);
    }
    Ok(out)
}

/// One closed round's results, line by line, the official count first.
pub async fn round_result_lines(
    st: &AppState,
    r: &service::public::RoundRow,
) -> Result<Vec<RoundLine>, service::Error> {
    let db = &st.db;
    let counted = service::rounds::result(st, r).await?;
    let candidates = r.candidates();
    let titles = service::public::candidate_titles(db, &candidates).await?;
    let mut out = Vec::new();
    for c in counted.sides {
        let of = c.summary.lines.len();
        for l in &c.summary.lines {
            let id = candidates[l.index];
            out.push(RoundLine {
                round_id: r.id,
                round_title: r.title.clone(),
                method: r.method.clone(),
                opens_at: r.opens_at,
                closes_at: r.closes_at,
                side: c.side.as_str().to_owned(),
                official: c.official,
                voters: i64::try_from(c.voters).unwrap_or(i64::MAX),
                counted: i64::try_from(c.ballots_counted).unwrap_or(i64::MAX),
                rejected: i64::try_from(c.ballots_rejected).unwrap_or(i64::MAX),
                proposal_id: id,
                proposal_title: titles
                    .iter()
                    .find(|t| t.0 == id)
                    .map(|t| t.1.clone())
                    .unwrap_or_default(),
                rank: i64::try_from(l.rank).unwrap_or(i64::MAX),
                of,
                score: l.score.clone(),
                adopted: l.adopted,
            });
        }
    }
    Ok(out)
}

/// Everything the platform holds about one person, as JSON (RGPD access right). Ballots are
/// not in it: nothing links them to anyone.
pub async fn my_data(db: &Db, user_id: domain::UserId) -> Result<Export, service::Error> {
    let data = service::accounts::my_data(db, user_id).await?;
    let document = serde_json::json!({
        "generated_at": domain::time::iso_utc(service::now_ms()),
        "note": "Vos bulletins de vote ne figurent pas ici : ils ne sont liés à aucun compte.",
        "data": data,
    });
    Ok(Export {
        bytes: serde_json::to_vec_pretty(&document).map_err(service::internal)?,
        media_type: "application/json",
        file_name: format!(
            "mes-donnees-{}.json",
            &domain::time::iso_utc(service::now_ms())[..10]
        ),
    })
}
