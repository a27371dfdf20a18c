//! Topic curation by moderators and organisers (create, edit, pin, archive, reorder, open or
//! close) and the moderation settings organisers tune. Every change is logged.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::server::{self, state};

/// A topic as curators see it in the management list and the edit form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicAdminDto {
    /// URL segment.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Description, Markdown source.
    pub description: String,
    /// Framing question.
    pub question: String,
    /// Takes new proposals.
    pub open: bool,
    /// Shown first.
    pub pinned: bool,
    /// Out of the lists, read-only.
    pub archived: bool,
    /// New contributions wait for a moderator.
    pub premoderated: bool,
}

#[cfg(feature = "ssr")]
impl From<service::topics::TopicRow> for TopicAdminDto {
    fn from(r: service::topics::TopicRow) -> Self {
        Self {
            slug: r.slug,
            title: r.title,
            description: r.description,
            question: r.question,
            open: r.open_for_proposals,
            pinned: r.pinned,
            archived: r.archived,
            premoderated: r.premoderated,
        }
    }
}

/// Every topic, archived ones included, in display order. Moderators and organisers.
#[server(prefix = "/api", endpoint = "manage_topics")]
pub async fn manage_topics() -> Result<Vec<TopicAdminDto>, AppError> {
    let me = server::require_user().await?;
    let rows = service::topics::manage(&state()?.db, Some(me.actor())).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One topic's fields, for its edit form. Moderators and organisers.
#[server(prefix = "/api", endpoint = "topic_fields")]
pub async fn topic_fields(slug: String) -> Result<TopicAdminDto, AppError> {
    let me = server::require_user().await?;
    Ok(
        service::topics::for_edit(&state()?.db, Some(me.actor()), &slug)
            .await?
            .into(),
    )
}

/// A topic form's fields; the pre-moderation checkbox counts as checked when present with
/// any value but "false".
#[cfg(feature = "ssr")]
fn input<'a>(
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    question: Option<&'a str>,
    premoderated: Option<&str>,
) -> service::topics::TopicInput<'a> {
    service::topics::TopicInput {
        slug,
        title,
        description,
        question: question.unwrap_or(""),
        premoderated: crate::server::ticked(premoderated),
    }
}

/// Creates a topic at the end of the list (`premoderated`: new contributions wait for a
/// moderator). Moderators and organisers.
#[server(prefix = "/api", endpoint = "create_topic")]
pub async fn create_topic(
    slug: String,
    title: String,
    description: String,
    question: Option<String>,
    premoderated: Option<String>,
) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let fields = input(
        &slug,
        &title,
        &description,
        question.as_deref(),
        premoderated.as_deref(),
    );
    let slug = service::topics::create(&state()?.db, Some(me.actor()), &fields).await?;
    leptos_axum::redirect(&format!("/topics/{slug}"));
    Ok(())
}

/// Changes a topic's address, title, description, question and moderation policy (`current`:
/// its address now). Moderators and organisers.
#[server(prefix = "/api", endpoint = "edit_topic")]
pub async fn edit_topic(
    current: String,
    slug: String,
    title: String,
    description: String,
    question: Option<String>,
    premoderated: Option<String>,
) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let fields = input(
        &slug,
        &title,
        &description,
        question.as_deref(),
        premoderated.as_deref(),
    );
    let slug = service::topics::edit(&state()?.db, Some(me.actor()), &current, &fields).await?;
    leptos_axum::redirect(&format!("/topics/{slug}"));
    Ok(())
}

/// Switches a topic's `flag` (open, pinned, archived) to `on`; `back` is where the browser
/// returns (the topic or the management list). Moderators and organisers.
#[server(prefix = "/api", endpoint = "topic_flag")]
pub async fn topic_flag(
    slug: String,
    flag: String,
    on: bool,
    back: Option<String>,
) -> Result<(), AppError> {
    use service::topics::Flag;
    let me = server::require_user().await?;
    let flag = match flag.as_str() {
        "open" => Flag::Open,
        "pinned" => Flag::Pinned,
        "archived" => Flag::Archived,
        _ => return Err(AppError::BadRequest),
    };
    service::topics::set_flag(&state()?.db, Some(me.actor()), &slug, flag, on).await?;
    leptos_axum::redirect(back_to(back.as_deref(), &slug).as_str());
    Ok(())
}

/// Moves a topic one place `up` or `down` in the list. Moderators and organisers.
#[server(prefix = "/api", endpoint = "move_topic")]
pub async fn move_topic(slug: String, direction: String) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let m = domain::topic::Move::parse(&direction).ok_or(AppError::BadRequest)?;
    service::topics::reorder(&state()?.db, Some(me.actor()), &slug, m).await?;
    leptos_axum::redirect("/curation");
    Ok(())
}

/// Only the two pages a curator acts from are accepted as a return address.
#[cfg(feature = "ssr")]
fn back_to(back: Option<&str>, slug: &str) -> String {
    match back {
        Some("manage") => "/curation".to_owned(),
        _ => format!("/topics/{slug}"),
    }
}

/// The moderation settings, as organisers edit them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsDto {
    /// Counted reports that put an item under review.
    pub report_threshold: i64,
    /// Accounts younger than this many hours are pre-moderated everywhere; 0: off.
    pub young_account_hours: i64,
    /// Reports count from accounts at least this many hours old...
    pub reporter_min_hours: i64,
    /// ...with at least this many published contributions.
    pub reporter_min_contributions: i64,
}

/// The moderation settings. Organisers.
#[server(prefix = "/api", endpoint = "moderation_settings")]
pub async fn moderation_settings() -> Result<SettingsDto, AppError> {
    let me = server::require_user().await?;
    let s = service::topics::moderation_settings(&state()?.db, Some(me.actor()))
        .await?
        .form();
    Ok(SettingsDto {
        report_threshold: s.report_threshold,
        young_account_hours: s.young_account_hours,
        reporter_min_hours: s.reporter_min_hours,
        reporter_min_contributions: s.reporter_min_contributions,
    })
}

/// Sets the report threshold (1 to 100), the young-account age in hours (0 to 8,760; 0 turns
/// it off), and which reporters count: accounts at least `reporter_min_hours` old (0 to
/// 8,760) with `reporter_min_contributions` published contributions (0 to 100). Logged.
/// Organisers.
#[server(prefix = "/api", endpoint = "set_moderation_settings")]
pub async fn set_moderation_settings(
    report_threshold: String,
    young_account_hours: String,
    reporter_min_hours: String,
    reporter_min_contributions: String,
) -> Result<(), AppError> {
    let me = server::require_user().await?;
    let db = &state()?.db;
    let typed = service::topics::TypedSettings {
        report_threshold: &report_threshold,
        young_account_hours: &young_account_hours,
        reporter_min_hours: &reporter_min_hours,
        reporter_min_contributions: &reporter_min_contributions,
    };
    service::topics::set_moderation_settings(db, Some(me.actor()), &typed).await?;
    leptos_axum::redirect("/admin/settings");
    Ok(())
}
