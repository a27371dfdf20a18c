//! Who sees which proposal: drafts only by their authors and invitees, hidden and pending ones
//! by their authors and the moderators (see `domain::moderation::Visibility::shown_to`).

use crate::{Actor, Error, Result};
use domain::moderation::{Shown, Viewer, Visibility};
use domain::proposal::ProposalStatus;
use domain::{ProposalId, TopicId, UserId};
use storage::Db;

pub use storage::proposals::{ProposalRow, Sort};

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
    id: ProposalId,
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
    pub topic_id: TopicId,
    /// Whether it takes new comments and upvotes (open status, visible to all).
    pub open_for_comments: bool,
    /// Its author.
    pub author_id: UserId,
    /// Its moderation state.
    pub visibility: Visibility,
}

/// The proposal `id` if the viewer may see it (`NotFound` otherwise).
pub async fn visible(db: &Db, viewer: Option<Actor>, id: ProposalId) -> Result<VisibleProposal> {
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

/// A proposal as one viewer may see it, with what they may do to it.
pub struct View {
    /// The row.
    pub row: ProposalRow,
    /// Its status.
    pub status: ProposalStatus,
    /// Its moderation state.
    pub visibility: Visibility,
    /// What the viewer may see of it (content, or a placeholder with the reason).
    pub shown: Shown,
    /// Its topic.
    pub topic: storage::topics::TopicRow,
    /// Its co-authors and the invitations waiting.
    pub coauthors: Vec<storage::proposals::CoauthorRow>,
    /// The viewer wrote it.
    pub is_author: bool,
    /// The viewer co-authors it.
    pub is_coauthor: bool,
    /// The viewer is invited to co-author it and has not answered.
    pub invited: bool,
    /// What the viewer may do to it (`domain::access::proposal`).
    pub rights: domain::access::ProposalRights,
    /// The viewer supports it.
    pub supported: bool,
    /// Its versions, oldest first, when the viewer may read its text (empty otherwise).
    pub versions: Vec<storage::proposals::VersionRow>,
}

/// The proposal `id` as `viewer` may see it (`NotFound` when they may see nothing).
pub async fn view(db: &Db, viewer: Option<Actor>, id: ProposalId) -> Result<View> {
    let (row, status, shown) = find_visible(db, viewer, id).await?;
    let visibility = row.state()?;
    let is_author = viewer.is_some_and(|v| v.id == row.author_id);
    let topic = storage::topics::find_topic(db, row.topic_id).await?;
    let coauthors = storage::proposals::coauthors(db, id).await?;
    let coauthor_state = viewer.and_then(|v| {
        coauthors
            .iter()
            .find(|c| c.user_id == v.id)
            .map(|c| c.accepted)
    });
    let is_coauthor = coauthor_state == Some(true);
    let rights = domain::access::proposal(
        viewer.map(|v| domain::access::Reader {
            role: v.role,
            is_author,
            is_coauthor,
        }),
        &domain::access::ProposalFacts {
            status,
            visibility: visibility.clone(),
            appealed: row.appeal != 0,
            topic_archived: topic.archived,
        },
    );
    let supported = match viewer {
        Some(v) => storage::proposals::supports(db, id, v.id).await?,
        None => false,
    };
    let versions = if shown == Shown::Content {
        storage::proposals::versions(db, id).await?
    } else {
        Vec::new()
    };
    Ok(View {
        row,
        status,
        visibility,
        shown,
        versions,
        topic,
        coauthors,
        is_author,
        is_coauthor,
        invited: coauthor_state == Some(false),
        rights,
        supported,
    })
}

/// A proposal's versions, oldest first, when the viewer may read its text (`NotFound`
/// otherwise).
pub async fn versions(
    db: &Db,
    viewer: Option<Actor>,
    id: ProposalId,
) -> Result<Vec<storage::proposals::VersionRow>> {
    let (_, _, shown) = find_visible(db, viewer, id).await?;
    if shown != Shown::Content {
        return Ok(Vec::new());
    }
    Ok(storage::proposals::versions(db, id).await?)
}

/// A topic and one page of its proposals as stored (drafts and hidden ones included: the
/// caller applies [`shown`] per row).
pub async fn topic_page(
    db: &Db,
    viewer: Option<Actor>,
    slug: &str,
    sort: storage::proposals::Sort,
    status: Option<ProposalStatus>,
    after: Option<(i64, i64)>,
    limit: i64,
) -> Result<(storage::topics::TopicRow, Vec<ProposalRow>)> {
    let topic = storage::topics::find_topic_by_slug(db, slug).await?;
    let rows = storage::proposals::list_proposals(
        db,
        &storage::proposals::ListQuery {
            topic_id: topic.id,
            sort,
            status: status.map(ProposalStatus::as_str),
            viewer_id: viewer.map(|v| v.id),
            after,
            limit,
            moderator: viewer.is_some_and(|v| v.role.can_moderate()),
        },
    )
    .await?;
    Ok((topic, rows))
}

/// Writes a proposal in a topic open to proposals, as a draft or published at once, and
/// answers its id. Signed-in accounts.
pub async fn create(
    db: &Db,
    actor: Option<Actor>,
    topic: &str,
    text: &domain::proposal::ProposalText,
    draft: bool,
) -> Result<ProposalId> {
    let me = crate::signed_in(actor)?;
    let topic = storage::topics::find_topic_by_slug(db, topic).await?;
    if !topic.open_for_proposals || topic.archived {
        return Err(Error::Conflict(crate::Conflict::TopicClosed));
    }
    let status = if draft {
        ProposalStatus::Draft
    } else {
        ProposalStatus::Published
    };
    let visibility = initial_visibility(db, &topic, me).await?;
    let new = storage::proposals::NewProposal {
        topic_id: topic.id,
        author_id: me.id,
        title: &text.title,
        summary: &text.summary,
        body: &text.body,
        status: status.as_str(),
        visibility: visibility.stored_name(),
    };
    Ok(storage::proposals::create_proposal(db, &new).await?)
}

/// An optimistic write refused because the row changed meanwhile: the form is stale.
fn stale(e: storage::StorageError) -> Error {
    match e {
        storage::StorageError::Conflict(_) => Error::Conflict(crate::Conflict::Stale),
        other => other.into(),
    }
}

/// Saves a new version of a proposal's text, starting from `version`. Its authors, while it
/// is a draft or published.
pub async fn edit(
    db: &Db,
    actor: Option<Actor>,
    id: ProposalId,
    version: i64,
    text: &domain::proposal::ProposalText,
) -> Result<()> {
    use domain::proposal::ProposalAction;
    let me = crate::signed_in(actor)?;
    let v = view(db, Some(me), id).await?;
    v.status.apply(
        ProposalAction::Edit,
        domain::proposal::Actor {
            role: me.role,
            is_author: v.is_author || v.is_coauthor,
        },
    )?;
    let edit = storage::proposals::Edit {
        id,
        expected_version: version,
        editor_id: me.id,
        title: &text.title,
        summary: &text.summary,
        body: &text.body,
    };
    storage::proposals::edit_proposal(db, &edit)
        .await
        .map_err(stale)?;
    Ok(())
}

/// Moves a proposal on: its author publishes a draft or withdraws it; an organiser puts it to
/// the vote, records the outcome, or merges it into the live, visible proposal `into` of the
/// same topic (logged).
pub async fn change_status(
    db: &Db,
    actor: Option<Actor>,
    id: ProposalId,
    action: domain::proposal::ProposalAction,
    into: Option<ProposalId>,
) -> Result<()> {
    use domain::proposal::ProposalAction;
    let me = crate::signed_in(actor)?;
    let v = view(db, Some(me), id).await?;
    let next = v.status.apply(
        action,
        domain::proposal::Actor {
            role: me.role,
            is_author: v.is_author,
        },
    )?;
    let merged_into = if action == ProposalAction::Merge {
        let target = into.ok_or(Error::NotFound)?;
        let t = storage::proposals::find_proposal(db, target)
            .await
            .map_err(|_| Error::NotFound)?;
        // Only into a live proposal that everyone can read.
        let live = matches!(
            ProposalStatus::parse(&t.status),
            Some(ProposalStatus::Published | ProposalStatus::UnderVote | ProposalStatus::Adopted)
        );
        if target == id
            || t.topic_id != v.row.topic_id
            || !live
            || t.state()? != Visibility::Published
        {
            return Err(Error::NotFound);
        }
        Some(target)
    } else {
        None
    };
    let organiser_step = !matches!(action, ProposalAction::Publish | ProposalAction::Withdraw);
    let change = storage::proposals::StatusChange {
        id,
        from: v.status,
        to: next,
        merged_into,
        logged_actor: organiser_step.then_some(me.id),
    };
    storage::proposals::set_status(db, &change)
        .await
        .map_err(stale)
}

/// Most co-authors and invitations a proposal has.
pub const COAUTHORS_MAX: usize = 10;

/// Invites the account `username` to co-author a proposal. Its author, while the proposal is a
/// draft or published; not oneself, not twice, at most [`COAUTHORS_MAX`].
pub async fn invite(db: &Db, actor: Option<Actor>, id: ProposalId, username: &str) -> Result<()> {
    let me = crate::signed_in(actor)?;
    let v = view(db, Some(me), id).await?;
    if !v.is_author {
        return Err(Error::Forbidden);
    }
    if !v.rights.invite {
        return Err(Error::Conflict(crate::Conflict::Closed));
    }
    let key = domain::Username::parse(username)?.key();
    let invitee = storage::users::find_user_by_key(db, &key)
        .await?
        .ok_or(Error::NotFound)?;
    if invitee.id == me.id {
        return Err(Error::Conflict(crate::Conflict::OwnAccount));
    }
    if v.coauthors.len() >= COAUTHORS_MAX {
        return Err(Error::Conflict(crate::Conflict::TooManyCoauthors));
    }
    storage::proposals::invite_coauthor(db, id, invitee.id, me.id)
        .await
        .map_err(stale)
}

/// Accepts or declines an invitation to co-author a proposal; a co-author who declines
/// leaves. The invited account only.
pub async fn answer_invitation(
    db: &Db,
    actor: Option<Actor>,
    id: ProposalId,
    accept: bool,
) -> Result<()> {
    let me = crate::signed_in(actor)?;
    Ok(storage::proposals::answer_invitation(db, id, me.id, accept).await?)
}

/// The actor's unanswered invitations to co-author.
pub async fn invitations(
    db: &Db,
    actor: Option<Actor>,
) -> Result<Vec<storage::proposals::InvitationRow>> {
    let me = crate::signed_in(actor)?;
    Ok(storage::proposals::invitations_for(db, me.id).await?)
}

/// Supports a proposal (`on`) or takes the support back, and answers the count. One support
/// per person. Signed-in accounts, on published proposals of live topics.
pub async fn support(db: &Db, actor: Option<Actor>, id: ProposalId, on: bool) -> Result<i64> {
    let me = crate::signed_in(actor)?;
    let v = view(db, Some(me), id).await?;
    v.status.apply(
        domain::proposal::ProposalAction::Support,
        domain::proposal::Actor {
            role: me.role,
            is_author: v.is_author,
        },
    )?;
    if !v.rights.support {
        return Err(if v.visibility == Visibility::Published {
            // Its topic is archived.
            Error::Conflict(crate::Conflict::Closed)
        } else {
            // Not visible to all (pending or hidden): nothing to support yet.
            Error::NotFound
        });
    }
    Ok(storage::proposals::set_support(db, id, me.id, on).await?)
}
