//! Threaded comments on proposals and on topics: reading, writing, editing, deleting, upvoting.

use crate::error::AppError;
use domain::comment::Stance;
use domain::{CommentId, ProposalId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::{self, state};

/// How a comment appears to the reader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentState {
    /// Published.
    Published,
    /// Waiting for a moderator (only its author and moderators see it).
    Pending,
    /// Hidden by the moderators: only their reason is shown, except to the author and moderators.
    Hidden(String),
    /// Deleted by its author: a tombstone.
    Deleted,
}

/// A comment as shown in a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentDto {
    /// Id.
    pub id: CommentId,
    /// Nesting level in the thread, from 0.
    pub depth: u32,
    /// Author's display name (empty for a tombstone).
    pub author_name: String,
    /// Rendered, sanitised body (empty unless the reader sees the content).
    pub body_html: String,
    /// Markdown source, for its author's edit form (empty otherwise).
    pub body: String,
    /// The stance taken.
    pub stance: Option<Stance>,
    /// Upvotes.
    pub upvotes: i64,
    /// The reader upvoted it.
    pub upvoted: bool,
    /// Written, Unix ms.
    pub created_at: i64,
    /// Edited after posting.
    pub edited: bool,
    /// Moderation state as the reader sees it.
    pub state: CommentState,
    /// The reader may upvote it.
    pub can_upvote: bool,
    /// The reader may answer it.
    pub can_reply: bool,
    /// The reader may still edit it (its author, within 15 minutes).
    pub can_edit: bool,
    /// The reader may delete it (its author).
    pub can_delete: bool,
    /// The reader may report it (signed in, someone else's, published).
    pub can_report: bool,
    /// The reader may hide it (a moderator).
    pub can_hide: bool,
    /// For moderators: the author, whose moderation page the item links to.
    pub moderate_author: Option<domain::UserId>,
    /// The reader may appeal its hiding (its author, once).
    pub can_appeal: bool,
    /// For its author: 0 never appealed, 1 appeal waiting, 2 appeal answered.
    pub appeal: i64,
    /// The moderators' "contested" label, shown beside the content.
    pub contested: Option<domain::moderation::ContestLabel>,
    /// The reader may label it contested (a moderator).
    pub can_contest: bool,
    /// Enough counted reports put it under review: shown with a notice until a moderator
    /// decides.
    pub under_review: bool,
    /// Its author's role when it is a staff one (moderator, organiser), shown beside the name
    /// so that no one can pass for them by a display name.
    pub author_badge: Option<domain::Role>,
}

/// A thread: a proposal's comments or a topic's own discussion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadDto {
    /// The topic's URL segment.
    pub topic: String,
    /// The proposal, for a proposal's thread.
    pub proposal: Option<ProposalId>,
    /// The comments in reading order (each followed by its replies).
    pub comments: Vec<CommentDto>,
    /// The thread takes new comments (from anyone signed in).
    pub open: bool,
    /// The reader may write a comment here.
    pub can_comment: bool,
    /// This page starts at a later root (not the first page).
    pub from: Option<CommentId>,
    /// The first root of the next page.
    pub next_from: Option<CommentId>,
}

/// A thread, as the reader may see it. Public.
#[server(prefix = "/api", endpoint = "thread")]
pub async fn get_thread(
    topic: String,
    proposal: Option<ProposalId>,
    from: Option<CommentId>,
) -> Result<ThreadDto, AppError> {
    use domain::moderation::{Shown, Viewer, Visibility};
    let viewer = server::current_user().await?;
    let st = state()?;
    let service::comments::Thread {
        topic: topic_row,
        open,
        rows,
        next_from,
        upvoted,
    } = service::comments::thread(
        &st.db,
        server::actor(viewer.as_ref()),
        &topic,
        proposal,
        from,
    )
    .await?;
    let now = service::now_ms();
    let is_moderator = viewer.as_ref().is_some_and(|v| v.role.can_moderate());
    // Apply the visibility rule first, so that replies to a comment the reader may not see
    // are dropped with it by the thread ordering.
    let visible: Vec<(service::comments::CommentRow, Shown)> = rows
        .into_iter()
        .filter_map(|r| {
            let is_author = viewer.as_ref().is_some_and(|v| v.id == r.author_id);
            let shown = Visibility::from_stored(&r.visibility, r.hidden_reason.as_deref())
                .shown_to(Viewer {
                    is_author,
                    is_moderator,
                });
            (shown != Shown::Nothing).then_some((r, shown))
        })
        .collect();
    let links: Vec<(CommentId, Option<CommentId>)> =
        visible.iter().map(|(r, _)| (r.id, r.parent_id)).collect();
    let order = domain::comment::thread_order(&links);
    let mut comments: Vec<CommentDto> = order
        .into_iter()
        .map(|(i, depth)| {
            let (r, shown) = &visible[i];
            comment_dto(r, shown, depth, viewer.as_ref(), open, now, &upvoted)
        })
        .collect();
    // Every body of the page rendered at once, off the async workers.
    let sources = comments
        .iter_mut()
        .map(|c| std::mem::take(&mut c.body_html))
        .collect();
    let rendered = service::markup::render_all(sources).await;
    for (c, html) in comments.iter_mut().zip(rendered) {
        c.body_html = html;
    }
    Ok(ThreadDto {
        topic: topic_row.slug,
        proposal,
        comments,
        open,
        can_comment: viewer.is_some() && open,
        from: from.filter(|f| f.get() > 0),
        next_from,
    })
}

/// One comment of a thread as the viewer sees it, with what they may do to it.
#[cfg(feature = "ssr")]
fn comment_dto(
    r: &service::comments::CommentRow,
    shown: &domain::moderation::Shown,
    depth: u32,
    viewer: Option<&server::CurrentUser>,
    open: bool,
    now: i64,
    upvoted: &[CommentId],
) -> CommentDto {
    use domain::moderation::{Shown, Visibility};
    let mine = viewer.is_some_and(|v| v.id == r.author_id);
    let state = match shown {
        Shown::Tombstone => CommentState::Deleted,
        Shown::Placeholder(reason) => CommentState::Hidden(reason.clone()),
        _ => match Visibility::from_stored(&r.visibility, r.hidden_reason.as_deref()) {
            Visibility::Published => CommentState::Published,
            Visibility::Hidden(reason) => CommentState::Hidden(reason),
            _ => CommentState::Pending,
        },
    };
    let rights = domain::access::comment(
        viewer.map(|v| domain::access::Reader {
            role: v.role,
            is_author: mine,
            is_coauthor: false,
        }),
        &domain::access::CommentFacts {
            visibility: Visibility::from_stored(&r.visibility, r.hidden_reason.as_deref()),
            appealed: r.appeal != 0,
            thread_open: open,
            editable: domain::moderation::comment_editable(r.created_at, now),
        },
    );
    let content = rights.content;
    CommentDto {
        id: r.id,
        depth,
        author_name: if *shown == Shown::Tombstone {
            String::new()
        } else {
            r.author_name.clone()
        },
        // The Markdown source until the thread renders every body at once.
        body_html: if content {
            r.body.clone()
        } else {
            String::new()
        },
        body: if content && mine {
            r.body.clone()
        } else {
            String::new()
        },
        stance: if content {
            r.stance
                .as_deref()
                .and_then(|s| Stance::parse(s).ok().flatten())
        } else {
            None
        },
        upvotes: r.upvote_count,
        upvoted: upvoted.contains(&r.id),
        created_at: r.created_at,
        edited: r.edited_at.is_some(),
        can_upvote: rights.upvote,
        can_reply: rights.reply,
        can_edit: rights.edit,
        can_delete: rights.delete,
        can_report: rights.report,
        can_hide: rights.hide,
        moderate_author: rights.hide.then_some(r.author_id),
        can_appeal: rights.appeal,
        appeal: if mine { r.appeal } else { 0 },
        contested: if content { r.contest() } else { None },
        can_contest: rights.contest,
        under_review: content && r.under_review,
        author_badge: if *shown == Shown::Tombstone {
            None
        } else {
            staff_badge(r.author_role)
        },
        state,
    }
}

/// The badge an author's role earns: moderators' and organisers' only.
#[cfg(feature = "ssr")]
pub(crate) fn staff_badge(role: domain::Role) -> Option<domain::Role> {
    role.can_moderate().then_some(role)
}

/// Writes a comment on a proposal or on a topic, possibly in reply to `parent`, with an
/// optional stance (pour, contre, neutre; proposals only), and returns its id. Signed-in
/// accounts.
#[server(prefix = "/api", endpoint = "post_comment")]
pub async fn post_comment(
    topic: String,
    proposal: Option<ProposalId>,
    parent: Option<CommentId>,
    body: String,
    stance: Option<String>,
) -> Result<CommentId, AppError> {
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Comment, Some(&user.id.to_string())).await?;
    let new = service::comments::NewComment {
        topic: &topic,
        proposal,
        parent,
        body: &body,
        stance: stance.as_deref().unwrap_or(""),
    };
    let (id, url) = service::comments::post(&state()?.db, Some(user.actor()), &new).await?;
    leptos_axum::redirect(&url);
    Ok(id)
}

/// Changes a comment's text, within 15 minutes of posting. Its author.
#[server(prefix = "/api", endpoint = "edit_comment")]
pub async fn edit_comment(id: CommentId, body: String) -> Result<(), AppError> {
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Edit, Some(&user.id.to_string())).await?;
    let url = service::comments::edit(&state()?.db, Some(user.actor()), id, &body).await?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// Deletes a comment, leaving a tombstone in the thread. Its author.
#[server(prefix = "/api", endpoint = "delete_comment")]
pub async fn delete_comment(id: CommentId) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let url = service::comments::delete(&state()?.db, Some(user.actor()), id).await?;
    leptos_axum::redirect(&url);
    Ok(())
}

/// Upvotes a comment (`on` = true) or takes the upvote back. One per person; not one's own.
/// Signed-in accounts, on published comments.
#[server(prefix = "/api", endpoint = "upvote")]
pub async fn set_upvote(id: CommentId, on: bool) -> Result<i64, AppError> {
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Upvote, Some(&user.id.to_string())).await?;
    let (count, url) = service::comments::upvote(&state()?.db, Some(user.actor()), id, on).await?;
    leptos_axum::redirect(&url);
    Ok(count)
}
