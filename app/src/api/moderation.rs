//! Moderation: reports from readers, the moderators' queue and decisions, the audit log.

use crate::error::AppError;
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

/// Where an item is read in context.
#[cfg(feature = "ssr")]
fn item_url(kind: ItemKind, id: i64, proposal: Option<i64>, topic_slug: &str) -> String {
    match (kind, proposal) {
        (ItemKind::Proposal, _) => format!("/proposals/{id}"),
        (ItemKind::Comment, Some(p)) => format!("/proposals/{p}#comment-{id}"),
        (ItemKind::Comment, None) => format!("/topics/{topic_slug}#comment-{id}"),
        (ItemKind::Topic, _) => format!("/topics/{topic_slug}"),
        (ItemKind::Round, _) => format!("/rounds/{id}"),
        (ItemKind::Report, _) => "/report".to_owned(),
        (ItemKind::Account | ItemKind::Convention, _) => String::new(),
    }
}

/// Loads an item a reader may report: published and visible to them, written by someone else.
/// Returns where it is read.
#[cfg(feature = "ssr")]
async fn reportable(
    st: &server::AppState,
    kind: ItemKind,
    id: i64,
    user: &server::CurrentUser,
) -> Result<String, AppError> {
    use ItemKind as K;
    let (author, visibility, url) = match kind {
        K::Proposal => {
            let p = service::proposals::visible(&st.db, Some(user.actor()), id).await?;
            (p.author_id, p.visibility, format!("/proposals/{id}"))
        }
        K::Comment => {
            let c = storage::comments::find_comment(&st.db, id).await?;
            if let Some(pid) = c.proposal_id {
                service::proposals::visible(&st.db, Some(user.actor()), pid).await?;
            }
            let topic = storage::topics::find_topic(&st.db, c.topic_id).await?;
            let url = item_url(ItemKind::Comment, id, c.proposal_id, &topic.slug);
            (c.author_id, c.state()?, url)
        }
        _ => return Err(AppError::BadRequest),
    };
    if visibility != domain::moderation::Visibility::Published {
        return Err(AppError::NotFound);
    }
    if author == user.id {
        return Err(AppError::Forbidden);
    }
    Ok(url)
}

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
    use domain::moderation::{ModerationError, ReportReason};
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Report, Some(&user.id.to_string())).await?;
    let kind = parse_kind(&kind)?;
    let (reason, note) = ReportReason::parse(&reason, note.as_deref().unwrap_or(""))?;
    let st = state()?;
    let url = reportable(&st, kind, id, &user).await?;
    storage::moderation::add_report(
        &st.db,
        &storage::moderation::NewReport {
            kind,
            item_id: id,
            reporter_id: user.id,
            reason: reason.as_str(),
            note: &note,
        },
        &storage::convention::moderation_settings(&st.db).await?,
    )
    .await
    .map_err(|e| match e {
        storage::StorageError::Conflict(_) => ModerationError::AlreadyReported.into(),
        other => AppError::from(other),
    })?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// Asks the moderators to look again at a hidden item, once, with a few words (`text`). Its
/// author only.
#[server(prefix = "/api", endpoint = "appeal")]
pub async fn appeal(kind: String, id: i64, text: String) -> Result<(), AppError> {
    use domain::moderation::{parse_note, ModerationError, Visibility};
    let user = server::require_user().await?;
    let kind = parse_kind(&kind)?;
    let text = parse_note(&text, true)?;
    let st = state()?;
    let item = storage::moderation::item(&st.db, kind, id).await?;
    if item.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    Visibility::from_stored(&item.visibility, item.hidden_reason.as_deref())
        .check_appeal(item.appeal != 0)?;
    let url = item_url(kind, id, item.proposal_id, &item.topic_slug);
    storage::moderation::add_appeal(&st.db, kind, id, user.id, &text)
        .await
        .map_err(|e| match e {
            storage::StorageError::Conflict(_) => ModerationError::AlreadyAppealed.into(),
            other => AppError::from(other),
        })?;
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
    pub author_id: i64,
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

/// Pending, awaiting-review and reported items, newest first, with their reports; with
/// `hidden`, the hidden items instead. Moderators and organisers.
#[server(prefix = "/api", endpoint = "moderation_queue")]
pub async fn get_queue(hidden: Option<bool>) -> Result<QueueDto, AppError> {
    use domain::moderation::{ReportReason, Visibility};
    server::require_role(domain::Role::can_moderate).await?;
    let hidden = hidden.unwrap_or(false);
    let st = state()?;
    let rows = storage::moderation::queue(&st.db, hidden, QUEUE_LIMIT).await?;
    let ids_of = |kind: &str| -> Vec<i64> {
        rows.iter()
            .filter(|r| r.item_kind == kind)
            .map(|r| r.item_id)
            .collect()
    };
    let reports =
        storage::moderation::open_reports(&st.db, &ids_of("proposal"), &ids_of("comment")).await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let kind = r.kind()?;
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
    use domain::moderation::{Decision, Visibility};
    let user = server::require_role(domain::Role::can_moderate).await?;
    let kind = parse_kind(&kind)?;
    let reason = reason.unwrap_or_default();
    let decision = match action.as_str() {
        "approve" => Decision::Approve,
        "hide" => Decision::Hide(reason.clone()),
        "restore" => Decision::Restore,
        _ => return Err(AppError::BadRequest),
    };
    let st = state()?;
    let item = storage::moderation::item(&st.db, kind, id).await?;
    let from = Visibility::from_stored(&item.visibility, item.hidden_reason.as_deref());
    // Approving a published item dismisses its reports: the item stays as it is.
    let to = match (&from, &decision) {
        (Visibility::Published, Decision::Approve) => Visibility::Published,
        _ => from.decide(decision)?,
    };
    let logged_reason = match &to {
        Visibility::Hidden(r) => r.clone(),
        _ => reason.trim().to_owned(),
    };
    storage::moderation::decide(
        &st.db,
        &storage::moderation::Decision {
            kind,
            item_id: id,
            actor_id: user.id,
            action: &action,
            from: &from,
            to: &to,
            reason: &logged_reason,
        },
    )
    .await
    .map_err(server::stale_on_conflict)?;
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
    use domain::moderation::ContestLabel;
    let user = server::require_role(domain::Role::can_moderate).await?;
    let kind = parse_kind(&kind)?;
    let label = if remove.unwrap_or(false) {
        None
    } else {
        Some(ContestLabel::parse(
            note.as_deref().unwrap_or(""),
            sources.as_deref().unwrap_or(""),
        )?)
    };
    let st = state()?;
    let item = storage::moderation::item(&st.db, kind, id).await?;
    storage::moderation::set_contest(&st.db, kind, id, label.as_ref(), user.id).await?;
    if back.as_deref() == Some("queue") {
        leptos_axum::redirect("/moderation");
    } else {
        leptos_axum::redirect(&item_url(kind, id, item.proposal_id, &item.topic_slug));
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
    /// approve, hide, restore, auto_hide.
    pub action: String,
    /// What the entry is about.
    pub kind: ItemKind,
    /// Item id.
    pub item_id: i64,
    /// Where the item is read, while it still exists (none for accounts and settings).
    pub url: Option<String>,
    /// Why.
    pub reason: String,
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

/// The moderation log, newest first, before the row `before`. Organisers.
#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn get_audit_log(before: Option<i64>) -> Result<LogPage, AppError> {
    server::require_role(domain::Role::can_manage_accounts).await?;
    let st = state()?;
    let mut rows = storage::moderation::log(&st.db, before, LOG_PER_PAGE + 1).await?;
    let next_before = if rows.len() as i64 > LOG_PER_PAGE {
        rows.truncate(LOG_PER_PAGE as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    Ok(LogPage {
        entries: rows
            .into_iter()
            .map(|r| {
                let kind = r.kind()?;
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
                Ok(LogEntry {
                    id: r.id,
                    actor: r.actor_name,
                    action: r.action,
                    kind,
                    item_id: r.item_id,
                    url,
                    reason: r.reason,
                    created_at: r.created_at,
                })
            })
            .collect::<Result<_, AppError>>()?,
        next_before,
    })
}
