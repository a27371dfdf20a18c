//! Who sees which proposal: drafts only by their authors and invitees, hidden and pending ones
//! by their authors and the moderators (see `domain::moderation::Visibility::shown_to`).

use crate::{Actor, Error, Result};
use domain::moderation::{Shown, Viewer, Visibility};
use domain::proposal::ProposalStatus;
use storage::Db;

pub use storage::proposals::ProposalRow;

/// What `viewer` may see of an item in a moderation state.
pub fn shown(visibility: &Visibility, is_author: bool, viewer: Option<Actor>) -> Shown {
    visibility.clone().shown_to(Viewer {
        is_author,
        is_moderator: viewer.is_some_and(|v| v.role.can_moderate()),
    })
}

/// The proposal `id` with its status and what `viewer` may see of it; `NotFound` when they may
/// see nothing (another's draft, or an item hidden from them).
pub async fn find_visible(
    db: &Db,
    viewer: Option<Actor>,
    id: i64,
) -> Result<(ProposalRow, ProposalStatus, Shown)> {
    let row = storage::proposals::find_proposal(db, id).await?;
    let status = ProposalStatus::parse(&row.status).ok_or_else(|| {
        Error::from(storage::StorageError::Corrupt {
            column: "proposals.status",
            value: row.status.clone(),
        })
    })?;
    let is_author = viewer.is_some_and(|v| v.id == row.author_id);
    if status == ProposalStatus::Draft && !is_author {
        // A draft is also read by its co-authors and by those invited to become one.
        let invited = match viewer {
            Some(v) => storage::proposals::coauthors(db, id)
                .await?
                .iter()
                .any(|c| c.user_id == v.id),
            None => false,
        };
        if !invited {
            return Err(Error::NotFound);
        }
    }
    let shown = shown(&row.state()?, is_author, viewer);
    if matches!(shown, Shown::Tombstone | Shown::Nothing) {
        return Err(Error::NotFound);
    }
    Ok((row, status, shown))
}

/// What a thread or a report needs to know of a proposal the viewer may see.
pub struct VisibleProposal {
    /// Its topic.
    pub topic_id: i64,
    /// Whether it takes new comments and upvotes (open status, visible to all).
    pub open_for_comments: bool,
    /// Its author.
    pub author_id: i64,
    /// Its moderation state.
    pub visibility: Visibility,
}

/// The proposal `id` if the viewer may see it (`NotFound` otherwise).
pub async fn visible(db: &Db, viewer: Option<Actor>, id: i64) -> Result<VisibleProposal> {
    let (row, status, _) = find_visible(db, viewer, id).await?;
    let visibility = row.state()?;
    Ok(VisibleProposal {
        topic_id: row.topic_id,
        open_for_comments: status.is_open() && visibility == Visibility::Published,
        author_id: row.author_id,
        visibility,
    })
}

/// The state of a new contribution by `author` in `topic`: pending under the topic's
/// pre-moderation, or when the account is younger than the organisers' setting.
pub async fn initial_visibility(
    db: &Db,
    topic: &storage::topics::TopicRow,
    author: Actor,
) -> Result<Visibility> {
    use domain::moderation::Policy;
    let policy = if topic.premoderated {
        Policy::PreModeration
    } else {
        Policy::PostModeration
    };
    let settings = storage::convention::moderation_settings(db).await?;
    Ok(Visibility::initial(
        policy,
        storage::now_ms() - author.registered_at,
        &settings,
    ))
}
