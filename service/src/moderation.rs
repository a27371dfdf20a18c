//! Moderation: readers' reports and authors' appeals, the moderators' queue, decisions and
//! "contested" labels, and the log every step writes.

use crate::{signed_in, with_role, Actor, Conflict, Error, Result};
use domain::moderation::{ContestLabel, ItemKind, ModerationError, ReportReason, Visibility};
use domain::{CommentId, ProposalId};
use storage::Db;

pub use storage::moderation::{ItemRow, LogRow, QueueRow, ReportRow};

/// Where an item is read in context (empty for accounts and the convention's settings).
pub fn item_url(kind: ItemKind, id: i64, proposal: Option<ProposalId>, topic_slug: &str) -> String {
    match (kind, proposal) {
        (ItemKind::Proposal, _) => format!("/proposals/{id}"),
        (ItemKind::Comment, Some(p)) => format!("/proposals/{p}#comment-{id}"),
        (ItemKind::Comment, None) => format!("/topics/{topic_slug}#comment-{id}"),
        (ItemKind::Topic, _) => format!("/topics/{topic_slug}"),
        (ItemKind::Round, _) => format!("/rounds/{id}"),
        (ItemKind::Report, _) => "/report".to_owned(),
        (ItemKind::Account, _) => format!("/moderation/people/{id}"),
        (ItemKind::Convention, _) => String::new(),
    }
}

/// A reportable kind (proposal or comment), or `NotFound` for anything else: nothing else
/// can be reported, so nothing else is found to report.
fn reportable_kind(kind: ItemKind) -> Result<ItemKind> {
    if kind.is_reportable() {
        Ok(kind)
    } else {
        Err(Error::NotFound)
    }
}

/// An item the reporter may report: published, visible to them, written by someone else.
/// Answers where it is read.
async fn reportable(db: &Db, me: Actor, kind: ItemKind, id: i64) -> Result<String> {
    let (author, visibility, url) = match kind {
        ItemKind::Proposal => {
            let p = crate::proposals::visible(db, Some(me), ProposalId(id)).await?;
            (p.author_id, p.visibility, format!("/proposals/{id}"))
        }
        _ => {
            let c = storage::comments::find_comment(db, CommentId(id)).await?;
            if let Some(pid) = c.proposal_id {
                crate::proposals::visible(db, Some(me), pid).await?;
            }
            let topic = storage::topics::find_topic(db, c.topic_id).await?;
            let url = item_url(ItemKind::Comment, id, c.proposal_id, &topic.slug);
            (c.author_id, c.state()?, url)
        }
    };
    if visibility != Visibility::Published {
        return Err(Error::NotFound);
    }
    if author == me.id {
        return Err(Error::Forbidden);
    }
    Ok(url)
}

/// Reports a proposal or comment with a reason and a note (required for "other"). One report
/// per person and item; enough reports hide the item until a moderator decides. Signed-in
/// accounts, on others' published items. Answers where the item is read.
pub async fn report(
    db: &Db,
    actor: Option<Actor>,
    kind: ItemKind,
    id: i64,
    reason: &str,
    note: &str,
) -> Result<String> {
    let me = signed_in(actor)?;
    let kind = reportable_kind(kind)?;
    let (reason, note) = ReportReason::parse(reason, note)?;
    let url = reportable(db, me, kind, id).await?;
    let report = storage::moderation::NewReport {
        kind,
        item_id: id,
        reporter_id: me.id,
        reason: reason.as_str(),
        note: &note,
    };
    let settings = storage::convention::moderation_settings(db).await?;
    storage::moderation::add_report(db, &report, &settings)
        .await
        .map_err(|e| match e {
            storage::StorageError::Conflict(_) => ModerationError::AlreadyReported.into(),
            other => Error::from(other),
        })?;
    Ok(url)
}

/// Asks the moderators to look again at a hidden item, once, with a few words. Its author
/// only. Answers where the item is read.
pub async fn appeal(
    db: &Db,
    actor: Option<Actor>,
    kind: ItemKind,
    id: i64,
    text: &str,
) -> Result<String> {
    let me = signed_in(actor)?;
    let kind = reportable_kind(kind)?;
    let text = domain::moderation::parse_note(text, true)?;
    let item = storage::moderation::item(db, kind, id).await?;
    if item.author_id != me.id {
        return Err(Error::Forbidden);
    }
    item.state()?.check_appeal(item.appeal != 0)?;
    storage::moderation::add_appeal(db, kind, id, me.id, &text)
        .await
        .map_err(|e| match e {
            storage::StorageError::Conflict(_) => ModerationError::AlreadyAppealed.into(),
            other => Error::from(other),
        })?;
    Ok(item_url(kind, id, item.proposal_id, &item.topic_slug))
}

/// A moderator's decision on a proposal or comment: `approve` (publish a pending or reported
/// item, closing its reports), `hide` (with a reason shown publicly in its place) or
/// `restore`; written to the log with the change. `Conflict::Stale` when the item changed
/// meanwhile. Moderators and organisers.
pub async fn decide(
    db: &Db,
    actor: Option<Actor>,
    kind: ItemKind,
    id: i64,
    action: &str,
    reason: &str,
) -> Result<()> {
    use domain::moderation::Decision;
    let me = with_role(actor, domain::Role::can_moderate)?;
    let kind = reportable_kind(kind)?;
    let decision = match action {
        "approve" => Decision::Approve,
        "hide" => Decision::Hide(reason.to_owned()),
        "restore" => Decision::Restore,
        _ => return Err(Error::NotFound),
    };
    let item = storage::moderation::item(db, kind, id).await?;
    let from = item.state()?;
    // Approving a published item dismisses its reports: the item stays as it is.
    let to = match (&from, &decision) {
        (Visibility::Published, Decision::Approve) => Visibility::Published,
        _ => from.decide(decision)?,
    };
    let logged_reason = match &to {
        Visibility::Hidden(r) => r.clone(),
        _ => reason.trim().to_owned(),
    };
    let d = storage::moderation::Decision {
        kind,
        item_id: id,
        actor_id: me.id,
        action,
        from: &from,
        to: &to,
        reason: &logged_reason,
    };
    storage::moderation::decide(db, &d)
        .await
        .map_err(|e| match e {
            storage::StorageError::Conflict(_) => Error::Conflict(Conflict::Stale),
            other => other.into(),
        })
}

/// Labels a proposal or comment "contested" (or takes the label off with `None`); on a
/// published item this answers its open reports. Logged. Moderators and organisers. Answers
/// where the item is read.
pub async fn contest(
    db: &Db,
    actor: Option<Actor>,
    kind: ItemKind,
    id: i64,
    label: Option<(&str, &str)>,
) -> Result<String> {
    let me = with_role(actor, domain::Role::can_moderate)?;
    let kind = reportable_kind(kind)?;
    let label = match label {
        Some((note, sources)) => Some(ContestLabel::parse(note, sources)?),
        None => None,
    };
    let item = storage::moderation::item(db, kind, id).await?;
    storage::moderation::set_contest(db, kind, id, label.as_ref(), me.id).await?;
    Ok(item_url(kind, id, item.proposal_id, &item.topic_slug))
}

/// Pending, awaiting-review and reported items, newest first (with `hidden`, the hidden ones
/// instead), at most `limit`, with their open reports. Moderators and organisers.
pub async fn queue(
    db: &Db,
    actor: Option<Actor>,
    hidden: bool,
    limit: i64,
) -> Result<(Vec<QueueRow>, Vec<ReportRow>)> {
    with_role(actor, domain::Role::can_moderate)?;
    let rows = storage::moderation::queue(db, hidden, limit).await?;
    fn ids_of<T: From<i64>>(rows: &[QueueRow], kind: &str) -> Vec<T> {
        rows.iter()
            .filter(|r| r.item_kind == kind)
            .map(|r| T::from(r.item_id))
            .collect()
    }
    let reports = storage::moderation::open_reports(
        db,
        &ids_of(&rows, "proposal"),
        &ids_of(&rows, "comment"),
    )
    .await?;
    Ok((rows, reports))
}

/// A page of the moderation log for the audit page, newest first, before the entry `before`.
/// Moderators and organisers.
pub async fn audit_log(
    db: &Db,
    actor: Option<Actor>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<storage::moderation::LogRow>> {
    with_role(actor, domain::Role::can_moderate)?;
    crate::public::moderation_log(db, before, limit).await
}
