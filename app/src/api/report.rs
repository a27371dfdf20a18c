//! The recommendations report: anyone reads it at `/report`; organisers choose what goes in,
//! pin arguments and write dissent notes on `/admin/report`, and download it.
//!
//! The report is built from visible content and closed rounds only, so reading it needs no
//! role; every change to what it contains needs an organiser.

use crate::error::AppError;
use domain::{CommentId, ProposalId, RoundId, TopicId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use crate::server::{self, state};

/// A closed round or a topic the organiser may include.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceDto<Id> {
    /// Round, topic or proposal id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// Included now.
    pub chosen: bool,
}

/// A comment that can be pinned as an argument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateArgumentDto {
    /// The comment.
    pub comment_id: CommentId,
    /// Its author's display name.
    pub author: String,
    /// Its text (Markdown source, shown as text).
    pub body: String,
    /// The author's stance: "pour", "contre" or none.
    pub stance: Option<String>,
    /// "for" or "against" when pinned.
    pub pinned: Option<String>,
}

/// An adopted proposal with the comments that can argue for or against it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptedDto {
    /// The proposal.
    pub id: ProposalId,
    /// Its title.
    pub title: String,
    /// Pinned comments and the most upvoted ones that took a stance.
    pub arguments: Vec<CandidateArgumentDto>,
}

/// A dissent note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DissentDto {
    /// Id.
    pub id: i64,
    /// Its proposal.
    pub proposal_id: ProposalId,
    /// The proposal's title.
    pub proposal_title: String,
    /// Markdown.
    pub body: String,
}

/// Everything `/admin/report` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAdminDto {
    /// The introduction.
    pub introduction: String,
    /// Closed rounds.
    pub rounds: Vec<ChoiceDto<RoundId>>,
    /// Topics.
    pub topics: Vec<ChoiceDto<TopicId>>,
    /// Adopted proposals and their candidate arguments.
    pub adopted: Vec<AdoptedDto>,
    /// Proposals a dissent note can be attached to (visible, in a closed round or adopted).
    pub notable: Vec<ChoiceDto<ProposalId>>,
    /// Notes written so far.
    pub dissents: Vec<DissentDto>,
    /// When the report was published, if it is.
    pub published_at: Option<i64>,
}

/// The public report page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPageDto {
    /// The report as HTML (escaped and sanitised in `domain::report`).
    pub html: String,
    /// When the organisers published it (its files may then be downloaded), if they did.
    pub published_at: Option<i64>,
}

/// The report as it stands, and whether it is published. Anyone.
#[server(prefix = "/api", endpoint = "report_html")]
pub async fn report_html() -> Result<ReportPageDto, AppError> {
    let st = state()?;
    let lang = domain::report::Lang::from_tag(server::request_locale().tag());
    Ok(ReportPageDto {
        html: domain::report::html_fragment(&service::report::build_report(&st, lang).await?),
        published_at: service::report::published_at(&st.db).await?,
    })
}

/// Publishes the report (`on` = "true"), so that anyone may download it from `/report`, or
/// withdraws it from the public. Organisers.
#[server(prefix = "/api", endpoint = "publish_report")]
pub async fn publish_report(on: String) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let on = match on.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest),
    };
    service::report::publish(&state()?.db, Some(me.actor()), on).await?;
    server::redirect("/admin/report");
    Ok(())
}

/// What the report editor shows. Organisers.
#[server(prefix = "/api", endpoint = "report_admin")]
pub async fn report_admin() -> Result<ReportAdminDto, AppError> {
    let me = server::require_user().await?;
    let e = service::report::editor(&state()?.db, Some(me.actor())).await?;
    let settings = e.settings;
    let rounds = e
        .closed_rounds
        .iter()
        .map(|r| ChoiceDto {
            id: r.id,
            title: r.title.clone(),
            chosen: settings.rounds.as_ref().is_none_or(|c| c.contains(&r.id)),
        })
        .collect();
    let topics = e
        .topics
        .into_iter()
        .map(|t| ChoiceDto {
            id: t.id,
            chosen: settings.topics.as_ref().is_none_or(|c| c.contains(&t.id)),
            title: t.title,
        })
        .collect();
    let adopted = e
        .notable
        .iter()
        .filter(|p| p.status == "adopted")
        .map(|p| AdoptedDto {
            id: p.id,
            title: p.title.clone(),
            arguments: e
                .arguments
                .iter()
                .filter(|a| a.proposal_id == p.id)
                .map(|a| CandidateArgumentDto {
                    comment_id: a.comment_id,
                    author: a.author_name.clone(),
                    body: a.body.clone(),
                    stance: a.stance.clone(),
                    pinned: a.pinned.clone(),
                })
                .collect(),
        })
        .collect();
    let dissents = e
        .dissents
        .into_iter()
        .map(|d| DissentDto {
            proposal_title: e
                .notable
                .iter()
                .find(|p| p.id == d.proposal_id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            id: d.id,
            proposal_id: d.proposal_id,
            body: d.body,
        })
        .collect();
    Ok(ReportAdminDto {
        introduction: settings.introduction,
        rounds,
        topics,
        adopted,
        notable: e
            .notable
            .into_iter()
            .map(|p| ChoiceDto {
                id: p.id,
                title: p.title,
                chosen: false,
            })
            .collect(),
        dissents,
        published_at: e.published_at,
    })
}

/// Saves the introduction and which rounds and topics go in: `choice[round-ID]=on` and
/// `choice[topic-ID]=on` for each one ticked. Organisers.
#[server(prefix = "/api", endpoint = "save_report")]
pub async fn save_report(
    introduction: String,
    choice: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let choice = choice.unwrap_or_default();
    fn picked<Id: std::str::FromStr>(choice: &HashMap<String, String>, prefix: &str) -> Vec<Id> {
        choice
            .keys()
            .filter_map(|k| k.strip_prefix(prefix)?.parse().ok())
            .collect()
    }
    let (rounds, topics) = (picked(&choice, "round-"), picked(&choice, "topic-"));
    service::report::save(
        &state()?.db,
        Some(me.actor()),
        &introduction,
        &rounds,
        &topics,
    )
    .await?;
    server::redirect("/admin/report");
    Ok(())
}

/// Pins a comment as an argument "for" or "against" its proposal, or removes it ("none").
/// Organisers.
#[server(prefix = "/api", endpoint = "pin_argument")]
pub async fn pin_argument(comment: CommentId, side: String) -> Result<(), AppError> {
    let me = server::require_user().await?;
    service::report::pin(&state()?.db, Some(me.actor()), comment, &side).await?;
    server::redirect("/admin/report#arguments");
    Ok(())
}

/// Attaches a dissent note to a visible proposal. Organisers.
#[server(prefix = "/api", endpoint = "add_dissent")]
pub async fn add_dissent(proposal: ProposalId, body: String) -> Result<(), AppError> {
    let me = server::require_user().await?;
    service::report::add_dissent(&state()?.db, Some(me.actor()), proposal, &body).await?;
    server::redirect("/admin/report#dissents");
    Ok(())
}

/// Deletes a dissent note. Organisers.
#[server(prefix = "/api", endpoint = "delete_dissent")]
pub async fn delete_dissent(id: i64) -> Result<(), AppError> {
    let me = server::require_user().await?;
    service::report::delete_dissent(&state()?.db, Some(me.actor()), id).await?;
    server::redirect("/admin/report#dissents");
    Ok(())
}
