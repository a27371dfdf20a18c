//! Moderation: reports from readers, the moderators' queue and decisions, the audit log.

use crate::error::AppError;
use domain::UserId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::{self, state};

pub use domain::moderation::ItemKind;

/// A reportable kind from its submitted name (proposal or comment), else 400.
#[cfg(feature = "ssr")]
fn parse_kind(kind: &str) -> Result<ItemKind, AppError> {
    kind.parse::<ItemKind>()
        .ok()
        .filter(|k| k.is_reportable())
        .ok_or(AppError::BadRequest)
}

#[cfg(feature = "ssr")]
use service::moderation::item_url;

/// Reports a proposal or comment (`kind`: proposal, comment) with a reason (spam, injurieux,
/// hors_sujet, trompeur, donnees_personnelles, autre) and a note (required for autre). One
/// report per person and item; enough reports hide the item until a moderator decides.
/// Signed-in accounts, on others' published items.
#[server(prefix = "/api", endpoint = "report")]
pub async fn report(
    kind: String,
    id: i64,
    reason: String,
    note: Option<String>,
) -> Result<(), AppError> {
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Report, Some(&user.id.to_string())).await?;
    let kind = parse_kind(&kind)?;
    let note = note.unwrap_or_default();
    let db = &state()?.db;
    let url = service::moderation::report(db, Some(user.actor()), kind, id, &reason, &note).await?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// Asks the moderators to look again at a hidden item, once, with a few words (`text`). Its
/// author only.
#[server(prefix = "/api", endpoint = "appeal")]
pub async fn appeal(kind: String, id: i64, text: String) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let kind = parse_kind(&kind)?;
    let url =
        service::moderation::appeal(&state()?.db, Some(user.actor()), kind, id, &text).await?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// One report, as moderators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDto {
    /// Reason.
    pub reason: Option<domain::moderation::ReportReason>,
    /// Free text.
    pub note: String,
    /// Reporter's display name.
    pub reporter: String,
}

/// An item waiting for a moderator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    /// Proposal or comment.
    pub kind: ItemKind,
    /// Its id.
    pub id: i64,
    /// Where it is read.
    pub url: String,
    /// A proposal's title; empty for comments.
    pub title: String,
    /// A proposal's summary or a comment's text (Markdown source, shown as plain text).
    pub text: String,
    /// Author's display name.
    pub author_name: String,
    /// Author's id (for a suspension).
    pub author_id: UserId,
    /// Moderation state.
    pub visibility: domain::moderation::Visibility,
    /// The "contested" label, if any.
    pub contested: Option<domain::moderation::ContestLabel>,
    /// Its open reports.
    pub reports: Vec<ReportDto>,
    /// The author's appeal waiting for an answer.
    pub appeal: Option<String>,
    /// Written, Unix ms.
    pub created_at: i64,
    /// Counted reports put it under review (still shown to everyone until a decision).
    pub under_review: bool,
}

/// The moderation queue, or the hidden items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueDto {
    /// The items, newest first.
    pub items: Vec<QueueItem>,
    /// Whether this is the list of hidden items.
    pub hidden: bool,
}

/// Items shown at most in the queue.
pub const QUEUE_LIMIT: i64 = 200;

/// Pending, awaiting-review and reported items, those under review first, then newest first,
/// with their reports; with
/// `hidden`, the hidden items instead. Moderators and organisers.
#[server(prefix = "/api", endpoint = "moderation_queue")]
pub async fn get_queue(hidden: Option<bool>) -> Result<QueueDto, AppError> {
    use domain::moderation::{ReportReason, Visibility};
    let me = server::require_user().await?;
    let hidden = hidden.unwrap_or(false);
    let (rows, reports) =
        service::moderation::queue(&state()?.db, Some(me.actor()), hidden, QUEUE_LIMIT).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let kind = r.kind().map_err(service::Error::from)?;
            Ok(QueueItem {
                kind,
                id: r.item_id,
                url: item_url(kind, r.item_id, r.proposal_id, &r.topic_slug),
                title: r.title,
                text: r.body,
                author_name: r.author_name,
                author_id: r.author_id,
                visibility: Visibility::from_stored(&r.visibility, r.hidden_reason.as_deref()),
                contested: domain::moderation::ContestLabel::from_stored(
                    r.contested_note.as_deref(),
                    &r.contested_sources,
                ),
                reports: reports
                    .iter()
                    .filter(|p| p.item_kind == r.item_kind && p.item_id == r.item_id)
                    .map(|p| ReportDto {
                        reason: ReportReason::ALL
                            .into_iter()
                            .find(|x| x.as_str() == p.reason),
                        note: p.note.clone(),
                        reporter: p.reporter_name.clone(),
                    })
                    .collect(),
                created_at: r.created_at,
                appeal: r.appeal,
                under_review: r.under_review,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(QueueDto { items, hidden })
}

/// A moderator's decision on an item: `action` approve (publish a pending or reported item,
/// closing its reports), hide (with `reason`, shown publicly in its place) or restore. Written
/// to the moderation log with the change. Moderators and organisers.
#[server(prefix = "/api", endpoint = "moderate")]
pub async fn moderate(
    kind: String,
    id: i64,
    action: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let kind = parse_kind(&kind)?;
    if !matches!(action.as_str(), "approve" | "hide" | "restore") {
        return Err(AppError::BadRequest);
    }
    let reason = reason.unwrap_or_default();
    let db = &state()?.db;
    service::moderation::decide(db, Some(user.actor()), kind, id, &action, &reason).await?;
    leptos_axum::redirect("/moderation");
    Ok(())
}

/// Labels a proposal or comment "contested" with a moderator's `note` and `sources` (http(s)
/// links, one per line), shown beside the content; with `remove`, takes the label off. On a
/// published item this answers its open reports. Logged. `back` = "queue" returns to the
/// moderation queue, else to the item. Moderators and organisers.
#[server(prefix = "/api", endpoint = "contest")]
pub async fn contest(
    kind: String,
    id: i64,
    note: Option<String>,
    sources: Option<String>,
    remove: Option<bool>,
    back: Option<String>,
) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let kind = parse_kind(&kind)?;
    let (note, sources) = (note.unwrap_or_default(), sources.unwrap_or_default());
    let label = (!remove.unwrap_or(false)).then_some((note.as_str(), sources.as_str()));
    let url =
        service::moderation::contest(&state()?.db, Some(user.actor()), kind, id, label).await?;
    if back.as_deref() == Some("queue") {
        leptos_axum::redirect("/moderation");
    } else {
        leptos_axum::redirect(&url);
    }
    Ok(())
}

/// A row of the moderation log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Row id.
    pub id: i64,
    /// The moderator; None for an automatic step.
    pub actor: Option<String>,
    /// approve, hide, restore, auto_hide, under_review.
    pub action: String,
    /// What the entry is about.
    pub kind: ItemKind,
    /// Item id.
    pub item_id: i64,
    /// Where the item is read, while it still exists (none for accounts and settings).
    pub url: Option<String>,
    /// What the item is called (a title, or an account's name), while it exists.
    pub item_name: Option<String>,
    /// Why: the moderator's words, or what changed (a role's or a method's stored name).
    pub reason: String,
    /// For a suspension, when it ends, Unix ms.
    pub until: Option<i64>,
    /// When, Unix ms.
    pub created_at: i64,
}

/// A page of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPage {
    /// Newest first.
    pub entries: Vec<LogEntry>,
    /// Cursor of the next (older) page.
    pub next_before: Option<i64>,
}

/// Log rows per page.
pub const LOG_PER_PAGE: i64 = 100;

/// The moderation log, newest first, before the row `before`. Moderators and organisers.
#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn get_audit_log(before: Option<i64>) -> Result<LogPage, AppError> {
    let me = server::require_user().await?;
    let db = &state()?.db;
    let mut rows =
        service::moderation::audit_log(db, Some(me.actor()), before, LOG_PER_PAGE + 1).await?;
    let next_before = if rows.len() as i64 > LOG_PER_PAGE {
        rows.truncate(LOG_PER_PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(LogPage {
        entries: log_entries(rows)?,
        next_before,
    })
}

/// Log rows as pages show them: each item's address while it exists, a suspension's end
/// apart from its reason.
#[cfg(feature = "ssr")]
pub(crate) fn log_entries(
    rows: Vec<service::moderation::LogRow>,
) -> Result<Vec<LogEntry>, AppError> {
    rows.into_iter()
        .map(|r| {
            let kind = r.kind().map_err(service::Error::from)?;
            let url = (r.present > 0)
                .then(|| {
                    item_url(
                        kind,
                        r.item_id,
                        r.proposal_id,
                        r.topic_slug.as_deref().unwrap_or(""),
                    )
                })
                .filter(|u| !u.is_empty());
            let (until, reason) = match r.action.as_str() {
                "suspend" => {
                    let (until, words) = domain::moderation::read_suspension_reason(&r.reason);
                    (until, words.to_owned())
                }
                _ => (None, r.reason),
            };
            Ok(LogEntry {
                id: r.id,
                actor: r.actor_name,
                action: r.action,
                kind,
                item_id: r.item_id,
                url,
                item_name: r.item_name,
                reason,
                until,
                created_at: r.created_at,
            })
        })
        .collect()
}
