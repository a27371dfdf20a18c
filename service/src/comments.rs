//! Threads of comments on a topic or a proposal: reading them as the viewer may, writing,
//! replying, editing within 15 minutes, deleting, upvoting.

use crate::{signed_in, Actor, Conflict, Error, Result};
use domain::comment::Stance;
use domain::moderation::Visibility;
use domain::{CommentId, ProposalId};
use storage::topics::TopicRow;
use storage::Db;

pub use storage::comments::CommentRow;

/// Root comments per page of a thread (each with all its replies).
pub const ROOTS_PER_PAGE: i64 = 50;

/// Where a comment is read, for redirects after a form post: its thread's page, at the page
/// of the thread that holds its branch when that is not the first.
async fn comment_url(
    db: &Db,
    topic: &TopicRow,
    proposal: Option<ProposalId>,
    comment: CommentId,
    root: CommentId,
) -> Result<String> {
    let page = match proposal {
        Some(p) => format!("/proposals/{p}"),
        None => format!("/topics/{}", topic.slug),
    };
    let before = storage::comments::roots_before(db, topic.id, proposal, root).await?;
    Ok(if before < ROOTS_PER_PAGE {
        format!("{page}#comment-{comment}")
    } else {
        format!("{page}?from={root}#comment-{comment}")
    })
}

/// Where an existing comment is read.
async fn url_of(db: &Db, c: &CommentRow) -> Result<String> {
    let topic = storage::topics::find_topic(db, c.topic_id).await?;
    comment_url(db, &topic, c.proposal_id, c.id, c.root_id.unwrap_or(c.id)).await
}

/// Resolves a thread's topic and checks the viewer may see it; answers whether it takes
/// comments and upvotes.
pub async fn thread_target(
    db: &Db,
    viewer: Option<Actor>,
    topic: &str,
    proposal: Option<ProposalId>,
) -> Result<(TopicRow, bool)> {
    let topic = storage::topics::find_topic_by_slug(db, topic).await?;
    let open = takes_contributions(db, viewer, &topic, proposal).await?;
    Ok((topic, open))
}

/// Whether a thread (on `topic`, or on its `proposal`) takes comments and upvotes; a
/// proposal of another topic, or one the viewer may not see, is not found.
async fn takes_contributions(
    db: &Db,
    viewer: Option<Actor>,
    topic: &TopicRow,
    proposal: Option<ProposalId>,
) -> Result<bool> {
    // An archived topic is kept for reading only.
    if topic.archived {
        return Ok(false);
    }
    match proposal {
        None => Ok(true),
        Some(id) => {
            let p = crate::proposals::visible(db, viewer, id).await?;
            if p.topic_id != topic.id {
                return Err(Error::NotFound);
            }
            Ok(p.open_for_comments)
        }
    }
}

/// A page of a thread as stored, before the visibility rule is applied per comment.
pub struct Thread {
    /// The thread's topic.
    pub topic: TopicRow,
    /// Whether it takes comments and upvotes.
    pub open: bool,
    /// The page's comments (the viewer's own pending ones included).
    pub rows: Vec<CommentRow>,
    /// The root comment the next page starts from.
    pub next_from: Option<CommentId>,
    /// The comments of the thread the viewer upvoted.
    pub upvoted: Vec<CommentId>,
}

/// A page of the thread on `topic` (or on its `proposal`), from the root comment `from`.
pub async fn thread(
    db: &Db,
    viewer: Option<Actor>,
    topic: &str,
    proposal: Option<ProposalId>,
    from: Option<CommentId>,
) -> Result<Thread> {
    let (topic, open) = thread_target(db, viewer, topic, proposal).await?;
    let viewer_id = viewer.map(|v| v.id);
    let (rows, next_from) =
        storage::comments::list_thread(db, topic.id, proposal, viewer_id, from, ROOTS_PER_PAGE)
            .await?;
    let upvoted = match viewer {
        Some(v) => storage::comments::upvoted_in_thread(db, topic.id, proposal, v.id).await?,
        None => Vec::new(),
    };
    Ok(Thread {
        topic,
        open,
        rows,
        next_from,
        upvoted,
    })
}

/// A comment as its author writes it.
pub struct NewComment<'a> {
    /// The thread's topic.
    pub topic: &'a str,
    /// The proposal it is about, or none for the topic's discussion.
    pub proposal: Option<ProposalId>,
    /// The comment it answers.
    pub parent: Option<CommentId>,
    /// Markdown.
    pub body: &'a str,
    /// pour, contre, neutre (proposals only), or empty.
    pub stance: &'a str,
}

/// Writes a comment, possibly in reply to another, and answers its id and where it is read.
/// Signed-in accounts, on threads that take comments.
pub async fn post(
    db: &Db,
    actor: Option<Actor>,
    c: &NewComment<'_>,
) -> Result<(CommentId, String)> {
    use domain::comment::{parse_body, reply_position, CommentError};
    let me = signed_in(actor)?;
    let body = parse_body(c.body)?;
    let stance = Stance::parse(c.stance)?;
    if stance.is_some() && c.proposal.is_none() {
        return Err(CommentError::StanceWithoutProposal.into());
    }
    let (topic, open) = thread_target(db, Some(me), c.topic, c.proposal).await?;
    if !open {
        return Err(Error::Conflict(Conflict::Closed));
    }
    let (parent_id, depth, root) = match c.parent {
        None => (None, 0, None),
        Some(pid) => {
            let p = storage::comments::find_comment(db, pid).await?;
            // A reply stays in the thread of the comment it answers, and only answers what
            // the author can see.
            if p.topic_id != topic.id
                || p.proposal_id != c.proposal
                || p.state()? != Visibility::Published
            {
                return Err(Error::NotFound);
            }
            let (at, depth) =
                reply_position(p.id, p.parent_id, u32::try_from(p.depth).unwrap_or(0));
            (Some(at), i64::from(depth), Some(p.root_id.unwrap_or(p.id)))
        }
    };
    let visibility = crate::proposals::initial_visibility(db, &topic, me).await?;
    let new = storage::comments::NewComment {
        topic_id: topic.id,
        proposal_id: c.proposal,
        parent_id,
        depth,
        author_id: me.id,
        body: &body,
        stance: stance.map(Stance::as_str),
        visibility: visibility.stored_name(),
        root_id: root,
    };
    let id = storage::comments::create_comment(db, &new).await?;
    let url = comment_url(db, &topic, c.proposal, id, root.unwrap_or(id)).await?;
    Ok((id, url))
}

/// A comment its author acts on; `Forbidden` for anyone else's.
async fn own_comment(db: &Db, actor: Option<Actor>, id: CommentId) -> Result<CommentRow> {
    let me = signed_in(actor)?;
    let c = storage::comments::find_comment(db, id).await?;
    if c.author_id != me.id {
        return Err(Error::Forbidden);
    }
    Ok(c)
}

/// Changes a comment's text, within 15 minutes of posting; answers where it is read. Its
/// author.
pub async fn edit(db: &Db, actor: Option<Actor>, id: CommentId, body: &str) -> Result<String> {
    use domain::comment::{parse_body, CommentError};
    let c = own_comment(db, actor, id).await?;
    if matches!(c.state()?, Visibility::Deleted | Visibility::Hidden(_)) {
        return Err(Error::NotFound);
    }
    if !domain::moderation::comment_editable(c.created_at, storage::now_ms()) {
        return Err(CommentError::EditWindowClosed.into());
    }
    let body = parse_body(body)?;
    storage::comments::edit_comment(db, id, &body).await?;
    url_of(db, &c).await
}

/// Deletes a comment, leaving a tombstone in the thread; answers where it was. Its author.
pub async fn delete(db: &Db, actor: Option<Actor>, id: CommentId) -> Result<String> {
    let c = own_comment(db, actor, id).await?;
    storage::comments::delete_comment(db, id).await?;
    url_of(db, &c).await
}

/// Upvotes a comment (`on`) or takes the upvote back, and answers the new count and where the
/// comment is read. One per person; not one's own. Signed-in accounts, on published comments
/// of threads that take upvotes.
pub async fn upvote(
    db: &Db,
    actor: Option<Actor>,
    id: CommentId,
    on: bool,
) -> Result<(i64, String)> {
    let me = signed_in(actor)?;
    let c = storage::comments::find_comment(db, id).await?;
    if c.state()? != Visibility::Published {
        return Err(Error::NotFound);
    }
    let topic = storage::topics::find_topic(db, c.topic_id).await?;
    if !takes_contributions(db, Some(me), &topic, c.proposal_id).await? {
        return Err(Error::Conflict(Conflict::Closed));
    }
    if c.author_id == me.id {
        return Err(Error::Forbidden);
    }
    let count = storage::comments::set_upvote(db, id, me.id, on).await?;
    Ok((count, url_of(db, &c).await?))
}
