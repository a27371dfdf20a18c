//! Proposals: a topic's list, one proposal with its history, writing, editing, supporting.

use crate::error::AppError;
use domain::diff::Span;
use domain::proposal::ProposalStatus;
use domain::ProposalId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::{self, state};

/// Proposals shown per page of a topic's list.
pub const PROPOSALS_PER_PAGE: i64 = 20;

/// A proposal in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalCard {
    /// Id.
    pub id: ProposalId,
    /// Title (empty when hidden).
    pub title: String,
    /// Summary (empty when hidden).
    pub summary: String,
    /// Author's display name.
    pub author_name: String,
    /// Status.
    pub status: ProposalStatus,
    /// Supports.
    pub support_count: i64,
    /// Comments.
    pub comment_count: i64,
    /// Created, Unix ms.
    pub created_at: i64,
    /// Waiting for a moderator: shown to its author only.
    pub pending: bool,
    /// Hidden by the moderators, with their reason (the content is withheld).
    pub hidden_reason: Option<String>,
}

/// A topic's page: the topic and one page of its proposals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicPageDto {
    /// URL segment.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Description, rendered from Markdown and sanitised.
    pub description_html: String,
    /// The framing question; may be empty.
    pub question: String,
    /// Archived: read-only, out of the lists.
    pub archived: bool,
    /// New contributions wait for a moderator.
    pub premoderated: bool,
    /// The proposals of this page.
    pub proposals: Vec<ProposalCard>,
    /// Cursor of the next page.
    pub next: Option<String>,
    /// Whether the reader may write a proposal here (signed in, topic open).
    pub can_propose: bool,
    /// The topic takes new proposals.
    pub open: bool,
    /// The reader may open or close it (a moderator or organiser).
    pub can_curate: bool,
}

/// A list order, from the `sort` query value.
#[cfg(feature = "ssr")]
fn parse_sort(sort: Option<&str>) -> Result<service::proposals::Sort, AppError> {
    use service::proposals::Sort;
    match sort.unwrap_or("") {
        "" | "newest" => Ok(Sort::Newest),
        "supported" => Ok(Sort::MostSupported),
        "discussed" => Ok(Sort::MostDiscussed),
        _ => Err(AppError::BadRequest),
    }
}

/// A cursor `key.id` from the query.
#[cfg(feature = "ssr")]
fn parse_cursor(after: Option<&str>) -> Result<Option<(i64, i64)>, AppError> {
    match after.filter(|a| !a.is_empty()) {
        None => Ok(None),
        Some(a) => {
            let (k, id) = a.split_once('.').ok_or(AppError::BadRequest)?;
            Ok(Some((
                k.parse().map_err(|_| AppError::BadRequest)?,
                id.parse().map_err(|_| AppError::BadRequest)?,
            )))
        }
    }
}

#[cfg(feature = "ssr")]
fn card(
    r: service::proposals::ProposalRow,
    viewer: Option<&server::CurrentUser>,
) -> Option<ProposalCard> {
    use domain::moderation::Shown;
    use domain::moderation::Visibility;
    let is_author = viewer.is_some_and(|v| v.id == r.author_id);
    let status = ProposalStatus::parse(&r.status)?;
    if status == ProposalStatus::Draft && !is_author {
        return None;
    }
    let visibility = Visibility::from_stored(&r.visibility, r.hidden_reason.as_deref());
    let pending = matches!(visibility, Visibility::Pending | Visibility::AwaitingReview);
    let (title, summary, hidden_reason) =
        match service::proposals::shown(&visibility, is_author, server::actor(viewer)) {
            Shown::Content => (
                r.title,
                r.summary,
                match visibility {
                    Visibility::Hidden(reason) => Some(reason),
                    _ => None,
                },
            ),
            Shown::Placeholder(reason) => (String::new(), String::new(), Some(reason)),
            Shown::Tombstone | Shown::Nothing => return None,
        };
    Some(ProposalCard {
        id: r.id,
        title,
        summary,
        author_name: r.author_name,
        status,
        support_count: r.support_count,
        comment_count: r.comment_count,
        created_at: r.created_at,
        pending,
        hidden_reason,
    })
}

/// A topic and one page of its proposals, sorted by `sort` (newest, supported, discussed),
/// optionally only those of `status`, starting after the cursor `after`. Public.
#[server(prefix = "/api", endpoint = "topic")]
pub async fn get_topic_page(
    slug: String,
    sort: Option<String>,
    status: Option<String>,
    after: Option<String>,
) -> Result<TopicPageDto, AppError> {
    let viewer = server::current_user().await?;
    let sort = parse_sort(sort.as_deref())?;
    let after = parse_cursor(after.as_deref())?;
    let status = match status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(ProposalStatus::parse(s).ok_or(AppError::BadRequest)?),
    };
    let st = state()?;
    let (topic, mut rows) = service::proposals::topic_page(
        &st.db,
        server::actor(viewer.as_ref()),
        &slug,
        sort,
        status,
        after,
        PROPOSALS_PER_PAGE + 1,
    )
    .await?;
    let next = if rows.len() as i64 > PROPOSALS_PER_PAGE {
        rows.truncate(PROPOSALS_PER_PAGE as usize);
        rows.last().map(|r| format!("{}.{}", sort.key_of(r), r.id))
    } else {
        None
    };
    let open = topic.open_for_proposals && !topic.archived;
    Ok(TopicPageDto {
        description_html: service::markup::render(&topic.description).await,
        question: topic.question,
        archived: topic.archived,
        premoderated: topic.premoderated,
        slug: topic.slug,
        title: topic.title,
        proposals: rows
            .into_iter()
            .filter_map(|r| card(r, viewer.as_ref()))
            .collect(),
        next,
        can_propose: viewer.is_some() && open,
        open,
        can_curate: viewer.as_ref().is_some_and(|v| v.role.can_moderate()),
    })
}

/// Opens (`open` = true) or closes a topic to new proposals; its discussion stays open. Logged.
/// Moderators and organisers.
#[server(prefix = "/api", endpoint = "topic_open")]
pub async fn set_topic_open(slug: String, open: bool) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let flag = service::topics::Flag::Open;
    service::topics::set_flag(&state()?.db, Some(user.actor()), &slug, flag, open).await?;
    leptos_axum::redirect(&format!("/topics/{slug}"));
    Ok(())
}

/// One version in a proposal's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionMeta {
    /// Number, from 1.
    pub version: i64,
    /// Who saved it.
    pub editor_name: String,
    /// When, Unix ms.
    pub created_at: i64,
}

/// A proposal's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDto {
    /// Id.
    pub id: ProposalId,
    /// Its topic's URL segment.
    pub topic_slug: String,
    /// Its topic's title.
    pub topic_title: String,
    /// Title (empty when hidden from the reader).
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Markdown source of the body, for the edit form (empty unless the reader may edit).
    pub body: String,
    /// The body rendered and sanitised.
    pub body_html: String,
    /// Author.
    pub author_name: String,
    /// Status.
    pub status: ProposalStatus,
    /// Current version.
    pub version: i64,
    /// Supports.
    pub support_count: i64,
    /// Published comments.
    pub comment_count: i64,
    /// Stances: pour, contre, neutre.
    pub stances: [i64; 3],
    /// Created, Unix ms.
    pub created_at: i64,
    /// Waiting for a moderator (shown to its author and moderators only).
    pub pending: bool,
    /// Hidden by the moderators, and why.
    pub hidden_reason: Option<String>,
    /// The moderators' "contested" label, shown beside the content.
    pub contested: Option<domain::moderation::ContestLabel>,
    /// The reader may label it contested (a moderator).
    pub can_contest: bool,
    /// Enough counted reports put it under review: shown with a notice until a moderator
    /// decides.
    pub under_review: bool,
    /// Its author's role when it is a staff one, shown beside the name.
    pub author_badge: Option<domain::Role>,
    /// The proposal it was merged into.
    pub merged_into: Option<ProposalId>,
    /// Its co-authors' display names.
    pub coauthors: Vec<String>,
    /// For its author: who was invited and has not answered yet.
    pub invitations: Vec<String>,
    /// The reader is invited to co-author it.
    pub invited: bool,
    /// The reader co-authors it.
    pub is_coauthor: bool,
    /// The reader may invite co-authors (its author, while it is a draft or published).
    pub can_invite: bool,
    /// The organiser's next steps open to the reader: open_vote, adopt, reject, merge.
    pub organiser_actions: Vec<String>,
    /// The reader supports it.
    pub supported: bool,
    /// The reader may support it (signed in, proposal open).
    pub can_support: bool,
    /// The reader is one of its authors.
    pub is_author: bool,
    /// The reader may edit its text.
    pub can_edit: bool,
    /// The reader may publish it (a draft of theirs).
    pub can_publish: bool,
    /// The reader may withdraw it.
    pub can_withdraw: bool,
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
    /// Its versions, oldest first.
    pub versions: Vec<VersionMeta>,
}

/// Loads a proposal as `viewer` may see it, with what they may do to it (see [`service::proposals::find_visible`]).
#[cfg(feature = "ssr")]
async fn load(
    st: &server::AppState,
    id: ProposalId,
    viewer: Option<&server::CurrentUser>,
) -> Result<ProposalDto, AppError> {
    use domain::moderation::{Shown, Visibility};
    let v = service::proposals::view(&st.db, server::actor(viewer), id).await?;
    let (row, rights) = (&v.row, &v.rights);
    let (content, hidden_reason) = match &v.shown {
        Shown::Content => (
            true,
            match &v.visibility {
                Visibility::Hidden(reason) => Some(reason.clone()),
                _ => None,
            },
        ),
        Shown::Placeholder(reason) => (false, Some(reason.clone())),
        Shown::Tombstone | Shown::Nothing => return Err(AppError::NotFound),
    };
    let names = |accepted: bool| -> Vec<String> {
        v.coauthors
            .iter()
            .filter(|c| c.accepted == accepted)
            .map(|c| c.display_name.clone())
            .collect()
    };
    Ok(ProposalDto {
        id: row.id,
        topic_slug: v.topic.slug.clone(),
        topic_title: v.topic.title.clone(),
        title: if content {
            row.title.clone()
        } else {
            String::new()
        },
        summary: if content {
            row.summary.clone()
        } else {
            String::new()
        },
        body: if rights.edit {
            row.body.clone()
        } else {
            String::new()
        },
        body_html: if content {
            service::markup::render(&row.body).await
        } else {
            String::new()
        },
        author_name: row.author_name.clone(),
        status: v.status,
        version: row.version,
        support_count: row.support_count,
        comment_count: row.comment_count,
        stances: [row.for_count, row.against_count, row.neutral_count],
        created_at: row.created_at,
        pending: matches!(
            v.visibility,
            Visibility::Pending | Visibility::AwaitingReview
        ),
        hidden_reason,
        contested: if content { row.contest() } else { None },
        can_contest: rights.contest,
        under_review: content && row.under_review,
        author_badge: crate::api::comments::staff_badge(row.author_role),
        merged_into: row.merged_into,
        coauthors: names(true),
        invitations: if v.is_author {
            names(false)
        } else {
            Vec::new()
        },
        invited: v.invited,
        is_coauthor: v.is_coauthor,
        can_invite: rights.invite,
        organiser_actions: organiser_actions(rights),
        supported: v.supported,
        can_support: rights.support,
        is_author: v.is_author,
        can_edit: rights.edit,
        can_publish: rights.publish,
        can_withdraw: rights.withdraw,
        can_report: rights.report,
        can_hide: rights.hide,
        moderate_author: rights.hide.then_some(row.author_id),
        can_appeal: rights.appeal,
        appeal: if v.is_author { row.appeal } else { 0 },
        versions: v
            .versions
            .iter()
            .map(|x| VersionMeta {
                version: x.version,
                editor_name: x.editor_name.clone(),
                created_at: x.created_at,
            })
            .collect(),
    })
}

/// The organiser's decisions the proposal's state allows, by the names the status form posts.
#[cfg(feature = "ssr")]
fn organiser_actions(rights: &domain::access::ProposalRights) -> Vec<String> {
    [
        (rights.open_vote, "open_vote"),
        (rights.adopt, "adopt"),
        (rights.reject, "reject"),
        (rights.merge, "merge"),
    ]
    .into_iter()
    .filter(|(allowed, _)| *allowed)
    .map(|(_, name)| name.to_owned())
    .collect()
}

/// A proposal with what the reader may do to it. Public for published proposals.
#[server(prefix = "/api", endpoint = "proposal")]
pub async fn get_proposal(id: ProposalId) -> Result<ProposalDto, AppError> {
    let viewer = server::current_user().await?;
    let st = state()?;
    load(&st, id, viewer.as_ref()).await
}

/// The differences between two versions of a proposal, field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    /// The older version.
    pub from: i64,
    /// The newer version.
    pub to: i64,
    /// Title changes.
    pub title: Vec<Span>,
    /// Summary changes.
    pub summary: Vec<Span>,
    /// Body changes (Markdown source).
    pub body: Vec<Span>,
}

/// The word-level differences between versions `from` and `to` of a proposal (by default the
/// one before the latest, and the latest). Public for published proposals.
#[server(prefix = "/api", endpoint = "proposal_diff")]
pub async fn get_proposal_diff(
    id: ProposalId,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<VersionDiff, AppError> {
    use domain::diff::diff_words;
    let viewer = server::current_user().await?;
    let st = state()?;
    let versions = service::proposals::versions(&st.db, server::actor(viewer.as_ref()), id).await?;
    let Some(latest) = versions.iter().map(|v| v.version).max() else {
        return Err(AppError::NotFound);
    };
    let to = to.unwrap_or(latest);
    let from = from.unwrap_or((to - 1).max(1));
    let get = |n: i64| {
        versions
            .iter()
            .find(|v| v.version == n)
            .ok_or(AppError::NotFound)
    };
    let (a, b) = (get(from)?, get(to)?);
    Ok(VersionDiff {
        from,
        to,
        title: diff_words(&a.title, &b.title),
        summary: diff_words(&a.summary, &b.summary),
        body: diff_words(&a.body, &b.body),
    })
}

/// Writes a proposal in a topic, as a draft (`intent` = "draft") or published at once, and
/// returns its id. Signed-in accounts.
#[server(prefix = "/api", endpoint = "create_proposal")]
pub async fn create_proposal(
    topic: String,
    title: String,
    summary: String,
    body: String,
    intent: Option<String>,
) -> Result<ProposalId, AppError> {
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Propose, Some(&user.id.to_string())).await?;
    let text = domain::proposal::ProposalText::parse(&title, &summary, &body)?;
    let draft = intent.as_deref() == Some("draft");
    let id =
        service::proposals::create(&state()?.db, Some(user.actor()), &topic, &text, draft).await?;
    leptos_axum::redirect(&format!("/proposals/{id}"));
    Ok(id)
}

/// Saves a new version of a proposal's text, starting from `version`. Its authors, while it
/// is a draft or published.
#[server(prefix = "/api", endpoint = "edit_proposal")]
pub async fn edit_proposal(
    id: ProposalId,
    version: i64,
    title: String,
    summary: String,
    body: String,
) -> Result<(), AppError> {
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Edit, Some(&user.id.to_string())).await?;
    let text = domain::proposal::ProposalText::parse(&title, &summary, &body)?;
    service::proposals::edit(&state()?.db, Some(user.actor()), id, version, &text).await?;
    leptos_axum::redirect(&format!("/proposals/{id}"));
    Ok(())
}

/// Moves a proposal on: its author publishes a draft or withdraws it (`action` publish,
/// withdraw); an organiser puts it to the vote, records the vote's outcome, or merges it into
/// proposal `into` of the same topic (open_vote, adopt, reject, merge; logged).
#[server(prefix = "/api", endpoint = "proposal_status")]
pub async fn change_proposal_status(
    id: ProposalId,
    action: String,
    into: Option<ProposalId>,
) -> Result<(), AppError> {
    use domain::proposal::ProposalAction;
    let action = match action.as_str() {
        "publish" => ProposalAction::Publish,
        "withdraw" => ProposalAction::Withdraw,
        "open_vote" => ProposalAction::OpenVote,
        "adopt" => ProposalAction::Adopt,
        "reject" => ProposalAction::Reject,
        "merge" => ProposalAction::Merge,
        _ => return Err(AppError::BadRequest),
    };
    let user = server::require_user().await?;
    if action == ProposalAction::Merge && into.is_none() {
        return Err(AppError::BadRequest);
    }
    service::proposals::change_status(&state()?.db, Some(user.actor()), id, action, into).await?;
    leptos_axum::redirect(&format!("/proposals/{id}"));
    Ok(())
}

/// Invites the account `username` to co-author a proposal (see
/// [`service::proposals::invite`]).
#[server(prefix = "/api", endpoint = "invite_coauthor")]
pub async fn invite_coauthor(id: ProposalId, username: String) -> Result<(), AppError> {
    let user = server::require_user().await?;
    service::proposals::invite(&state()?.db, Some(user.actor()), id, &username).await?;
    leptos_axum::redirect(&format!("/proposals/{id}"));
    Ok(())
}

/// Accepts (`accept` = true) or declines an invitation to co-author a proposal; a co-author
/// who declines leaves. The invited account only.
#[server(prefix = "/api", endpoint = "answer_invitation")]
pub async fn answer_invitation(id: ProposalId, accept: bool) -> Result<(), AppError> {
    let user = server::require_user().await?;
    service::proposals::answer_invitation(&state()?.db, Some(user.actor()), id, accept).await?;
    let back = if accept {
        format!("/proposals/{id}")
    } else {
        "/account".to_owned()
    };
    leptos_axum::redirect(&back);
    Ok(())
}

/// An invitation to co-author, as its invitee sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDto {
    /// The proposal.
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// Who invited.
    pub inviter_name: String,
}

/// The reader's unanswered invitations to co-author. Signed-in accounts.
#[server(prefix = "/api", endpoint = "my_invitations")]
pub async fn my_invitations() -> Result<Vec<InvitationDto>, AppError> {
    let user = server::require_user().await?;
    let rows = service::proposals::invitations(&state()?.db, Some(user.actor())).await?;
    Ok(rows
        .into_iter()
        .map(|r| InvitationDto {
            proposal_id: r.proposal_id,
            title: r.title,
            inviter_name: r.inviter_name,
        })
        .collect())
}

/// Supports a proposal (`on` = true) or takes the support back. Idempotent: one support per
/// person. Signed-in accounts, on published proposals.
#[server(prefix = "/api", endpoint = "support")]
pub async fn set_support(id: ProposalId, on: bool) -> Result<i64, AppError> {
    let user = server::require_user().await?;
    server::check_rate(domain::rate::Action::Support, Some(&user.id.to_string())).await?;
    let count = service::proposals::support(&state()?.db, Some(user.actor()), id, on).await?;
    leptos_axum::redirect(&format!("/proposals/{id}"));
    Ok(count)
}
