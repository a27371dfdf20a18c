//! Topic curation by moderators and organisers (create, edit, pin, archive, reorder, open or
//! close) and the moderation settings organisers tune. Every change is logged.

use crate::{with_role, Actor, Error, Result};
use storage::Db;

pub use storage::topics::{Flag, TopicRow};

/// A topic's fields as a curator submits them.
pub struct TopicInput<'a> {
    /// URL segment.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Description, Markdown.
    pub description: &'a str,
    /// Framing question, may be empty.
    pub question: &'a str,
    /// New contributions wait for a moderator.
    pub premoderated: bool,
}

/// Another topic already has the address: the curator's form says so.
fn slug_taken(e: storage::StorageError) -> Error {
    match e {
        storage::StorageError::Conflict(_) => domain::topic::TopicError::SlugTaken.into(),
        other => other.into(),
    }
}

fn checked(input: &TopicInput<'_>) -> Result<domain::topic::TopicText> {
    Ok(domain::topic::TopicText::parse(
        input.slug,
        input.title,
        input.description,
        input.question,
    )?)
}

fn fields<'a>(
    t: &'a domain::topic::TopicText,
    premoderated: bool,
) -> storage::topics::TopicFields<'a> {
    storage::topics::TopicFields {
        slug: &t.slug,
        title: &t.title,
        description: &t.description,
        question: &t.question,
        premoderated,
    }
}

/// Every topic, archived ones included, in display order. Moderators and organisers.
pub async fn manage(db: &Db, actor: Option<Actor>) -> Result<Vec<TopicRow>> {
    with_role(actor, domain::Role::can_moderate)?;
    Ok(storage::topics::list_topics(db, true).await?)
}

/// One topic, for its edit form. Moderators and organisers.
pub async fn for_edit(db: &Db, actor: Option<Actor>, slug: &str) -> Result<TopicRow> {
    with_role(actor, domain::Role::can_moderate)?;
    Ok(storage::topics::find_topic_by_slug(db, slug).await?)
}

/// Creates a topic at the end of the list and answers its address. Moderators and organisers.
pub async fn create(db: &Db, actor: Option<Actor>, input: &TopicInput<'_>) -> Result<String> {
    let me = with_role(actor, domain::Role::can_moderate)?;
    let t = checked(input)?;
    storage::topics::create_topic(db, &fields(&t, input.premoderated), me.id)
        .await
        .map_err(slug_taken)?;
    Ok(t.slug)
}

/// Changes the topic now at `current`, and answers its (possibly new) address. Moderators and
/// organisers.
pub async fn edit(
    db: &Db,
    actor: Option<Actor>,
    current: &str,
    input: &TopicInput<'_>,
) -> Result<String> {
    let me = with_role(actor, domain::Role::can_moderate)?;
    let t = checked(input)?;
    let topic = storage::topics::find_topic_by_slug(db, current).await?;
    storage::topics::update_topic(db, topic.id, &fields(&t, input.premoderated), me.id)
        .await
        .map_err(slug_taken)?;
    Ok(t.slug)
}

/// Switches a topic's flag (open, pinned, archived). Moderators and organisers.
pub async fn set_flag(
    db: &Db,
    actor: Option<Actor>,
    slug: &str,
    flag: Flag,
    on: bool,
) -> Result<()> {
    let me = with_role(actor, domain::Role::can_moderate)?;
    let topic = storage::topics::find_topic_by_slug(db, slug).await?;
    Ok(storage::topics::set_flag(db, topic.id, flag, on, me.id).await?)
}

/// Moves a topic one place up or down the list. Moderators and organisers.
pub async fn reorder(
    db: &Db,
    actor: Option<Actor>,
    slug: &str,
    m: domain::topic::Move,
) -> Result<()> {
    let me = with_role(actor, domain::Role::can_moderate)?;
    let topic = storage::topics::find_topic_by_slug(db, slug).await?;
    Ok(storage::topics::move_topic(db, topic.id, m, me.id).await?)
}

/// The moderation settings. Organisers.
pub async fn moderation_settings(
    db: &Db,
    actor: Option<Actor>,
) -> Result<domain::moderation::Settings> {
    with_role(actor, domain::Role::can_manage_accounts)?;
    Ok(storage::convention::moderation_settings(db).await?)
}

/// The moderation settings as typed in the organisers' form.
pub struct TypedSettings<'a> {
    /// Counted reports that put an item under review (1 to 100).
    pub report_threshold: &'a str,
    /// Pre-moderate accounts younger than this many hours (0 to 8,760; 0: off).
    pub young_account_hours: &'a str,
    /// Count reports from accounts at least this many hours old (0 to 8,760).
    pub reporter_min_hours: &'a str,
    /// ...with at least this many published contributions (0 to 100).
    pub reporter_min_contributions: &'a str,
}

/// Sets the moderation settings, as typed in the form; a field that is not a whole number in
/// its range refuses them all. Logged. Organisers.
pub async fn set_moderation_settings(
    db: &Db,
    actor: Option<Actor>,
    typed: &TypedSettings<'_>,
) -> Result<()> {
    use domain::moderation::{
        ModerationError, Settings, SettingsForm, CONTRIBUTIONS_MAX, THRESHOLD_MAX, YOUNG_HOURS_MAX,
    };
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    let number = |field: &str| {
        field.trim().parse::<i64>().map_err(|_| {
            Error::from(ModerationError::SettingOutOfRange {
                max_threshold: THRESHOLD_MAX,
                max_hours: YOUNG_HOURS_MAX,
                max_contributions: CONTRIBUTIONS_MAX,
            })
        })
    };
    let settings = Settings::parse(SettingsForm {
        report_threshold: number(typed.report_threshold)?,
        young_account_hours: number(typed.young_account_hours)?,
        reporter_min_hours: number(typed.reporter_min_hours)?,
        reporter_min_contributions: number(typed.reporter_min_contributions)?,
    })?;
    Ok(storage::convention::set_moderation_settings(db, &settings, me.id).await?)
}
