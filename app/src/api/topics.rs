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
impl From<storage::topics::TopicRow> for TopicAdminDto {
    fn from(r: storage::topics::TopicRow) -> Self {
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
    server::require_role(domain::Role::can_moderate).await?;
    let rows = storage::topics::list_topics(&state()?.db, true).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One topic's fields, for its edit form. Moderators and organisers.
#[server(prefix = "/api", endpoint = "topic_fields")]
pub async fn topic_fields(slug: String) -> Result<TopicAdminDto, AppError> {
    server::require_role(domain::Role::can_moderate).await?;
    Ok(storage::topics::find_topic_by_slug(&state()?.db, &slug)
        .await?
        .into())
}

#[cfg(feature = "ssr")]
fn slug_taken(e: storage::StorageError) -> AppError {
    match e {
        storage::StorageError::Conflict(_) => domain::topic::TopicError::SlugTaken.into(),
        other => other.into(),
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
    let user = server::require_role(domain::Role::can_moderate).await?;
    let t = domain::topic::TopicText::parse(
        &slug,
        &title,
        &description,
        question.as_deref().unwrap_or(""),
    )?;
    let st = state()?;
    storage::topics::create_topic(&st.db, &fields(&t, premoderated.as_deref()), user.id)
        .await
        .map_err(slug_taken)?;
    leptos_axum::redirect(&format!("/topics/{}", t.slug));
    Ok(())
}

/// A topic's checked text and its pre-moderation checkbox (present, with any value but
/// "false", means checked), as storage takes them.
#[cfg(feature = "ssr")]
fn fields<'a>(
    t: &'a domain::topic::TopicText,
    premoderated: Option<&str>,
) -> storage::topics::TopicFields<'a> {
    storage::topics::TopicFields {
        slug: &t.slug,
        title: &t.title,
        description: &t.description,
        question: &t.question,
        premoderated: premoderated.is_some_and(|v| v != "false"),
    }
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
    let user = server::require_role(domain::Role::can_moderate).await?;
    let t = domain::topic::TopicText::parse(
        &slug,
        &title,
        &description,
        question.as_deref().unwrap_or(""),
    )?;
    let st = state()?;
    let topic = storage::topics::find_topic_by_slug(&st.db, &current).await?;
    storage::topics::update_topic(
        &st.db,
        topic.id,
        &fields(&t, premoderated.as_deref()),
        user.id,
    )
    .await
    .map_err(slug_taken)?;
    leptos_axum::redirect(&format!("/topics/{}", t.slug));
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
    use storage::topics::Flag;
    let user = server::require_role(domain::Role::can_moderate).await?;
    let flag = match flag.as_str() {
        "open" => Flag::Open,
        "pinned" => Flag::Pinned,
        "archived" => Flag::Archived,
        _ => return Err(AppError::BadRequest),
    };
    let st = state()?;
    let topic = storage::topics::find_topic_by_slug(&st.db, &slug).await?;
    storage::topics::set_flag(&st.db, topic.id, flag, on, user.id).await?;
    leptos_axum::redirect(back_to(back.as_deref(), &slug).as_str());
    Ok(())
}

/// Moves a topic one place `up` or `down` in the list. Moderators and organisers.
#[server(prefix = "/api", endpoint = "move_topic")]
pub async fn move_topic(slug: String, direction: String) -> Result<(), AppError> {
    let user = server::require_role(domain::Role::can_moderate).await?;
    let m = domain::topic::Move::parse(&direction).ok_or(AppError::BadRequest)?;
    let st = state()?;
    let topic = storage::topics::find_topic_by_slug(&st.db, &slug).await?;
    storage::topics::move_topic(&st.db, topic.id, m, user.id).await?;
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
    /// Distinct reports that hide an item until review.
    pub report_threshold: u32,
    /// Accounts younger than this many hours are pre-moderated everywhere; 0: off.
    pub young_account_hours: i64,
}

/// The moderation settings. Organisers.
#[server(prefix = "/api", endpoint = "moderation_settings")]
pub async fn moderation_settings() -> Result<SettingsDto, AppError> {
    server::require_role(domain::Role::can_manage_accounts).await?;
    let s = storage::convention::moderation_settings(&state()?.db).await?;
    Ok(SettingsDto {
        report_threshold: s.report_threshold,
        young_account_hours: s.young_account_hours(),
    })
}

/// Sets the report threshold (1 to 100) and the young-account age in hours (0 to 8,760; 0
/// turns it off). Logged. Organisers.
#[server(prefix = "/api", endpoint = "set_moderation_settings")]
pub async fn set_moderation_settings(
    report_threshold: String,
    young_account_hours: String,
) -> Result<(), AppError> {
    use domain::moderation::{ModerationError, Settings, THRESHOLD_MAX, YOUNG_HOURS_MAX};
    let user = server::require_role(domain::Role::can_manage_accounts).await?;
    let out_of_range = || {
        AppError::from(ModerationError::SettingOutOfRange {
            max_threshold: THRESHOLD_MAX,
            max_hours: YOUNG_HOURS_MAX,
        })
    };
    let threshold: i64 = report_threshold
        .trim()
        .parse()
        .map_err(|_| out_of_range())?;
    let hours: i64 = young_account_hours
        .trim()
        .parse()
        .map_err(|_| out_of_range())?;
    let settings = Settings::parse(threshold, hours)?;
    storage::convention::set_moderation_settings(&state()?.db, &settings, user.id).await?;
    leptos_axum::redirect("/admin/settings");
    Ok(())
}
