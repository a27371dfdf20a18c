//! Moderation: who sees a proposal or comment in each moderation state, and how moderators,
//! reports and appeals move it between states.
//!
//! The rule every page, server function, search result and count must follow is
//! [`Visibility::shown_to`]: content that is pending, awaiting review or hidden is absent for
//! everyone but its author and the moderators; a hidden item shows the public only the
//! moderators' reason.

use serde::{Deserialize, Serialize};

/// What a moderation-log entry, a report or an appeal is about: every kind the log records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A proposal.
    Proposal,
    /// A comment.
    Comment,
    /// A topic (curated).
    Topic,
    /// A voting round.
    Round,
    /// The recommendations report (its settings, pins and dissent notes).
    Report,
    /// An account (suspended, banned, reinstated, role changed, deleted, purged).
    Account,
    /// The convention's settings.
    Convention,
}

/// A stored kind name that names no [`ItemKind`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown item kind {0:?}")]
pub struct UnknownItemKind(pub String);

impl ItemKind {
    /// Every kind, in the order the audit page lists them.
    pub const ALL: [ItemKind; 7] = [
        ItemKind::Proposal,
        ItemKind::Comment,
        ItemKind::Topic,
        ItemKind::Round,
        ItemKind::Report,
        ItemKind::Account,
        ItemKind::Convention,
    ];

    /// The name stored in `item_kind` columns. Accounts are stored as `user`, the name the
    /// log has always used.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Proposal => "proposal",
            ItemKind::Comment => "comment",
            ItemKind::Topic => "topic",
            ItemKind::Round => "round",
            ItemKind::Report => "report",
            ItemKind::Account => "user",
            ItemKind::Convention => "convention",
        }
    }

    /// Whether readers may report it and moderators hide it (proposals and comments).
    pub fn is_reportable(self) -> bool {
        matches!(self, ItemKind::Proposal | ItemKind::Comment)
    }
}

impl std::str::FromStr for ItemKind {
    type Err = UnknownItemKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ItemKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownItemKind(s.to_owned()))
    }
}

/// How new contributions in a topic are handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Published at once, moderated afterwards.
    #[default]
    PostModeration,
    /// Waits in the queue until a moderator approves it.
    PreModeration,
}

/// Settings of moderation that organisers tune.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Distinct counted reports after which an item is marked "under review" until a
    /// moderator decides.
    pub report_threshold: u32,
    /// Accounts younger than this (milliseconds) are pre-moderated everywhere; `None`: off.
    pub new_account_premoderation_ms: Option<i64>,
    /// A report counts toward the threshold only from an account at least this old
    /// (milliseconds)...
    pub reporter_min_age_ms: i64,
    /// ...with at least this many published contributions: three accounts made a minute ago
    /// cannot flag anything. Moderators' and organisers' reports always count; every report
    /// reaches the queue.
    pub reporter_min_contributions: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            report_threshold: 3,
            new_account_premoderation_ms: None,
            reporter_min_age_ms: 48 * HOUR_MS,
            reporter_min_contributions: 1,
        }
    }
}

const HOUR_MS: i64 = 3_600_000;

/// The moderation settings as a form and the database hold them: whole numbers, hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    /// Counted reports that put an item under review, 1 to [`THRESHOLD_MAX`].
    pub report_threshold: i64,
    /// Accounts younger than this many hours are pre-moderated everywhere (0: off).
    pub young_account_hours: i64,
    /// Reports count from accounts at least this many hours old (0: any).
    pub reporter_min_hours: i64,
    /// Reports count from accounts with at least this many published contributions.
    pub reporter_min_contributions: i64,
}

impl SettingsForm {
    /// The settings as the moderation log keeps them in its reason column (stored text, so its
    /// shape never changes).
    ///
    /// ```
    /// use domain::moderation::SettingsForm;
    /// let f = SettingsForm { report_threshold: 3, young_account_hours: 24, reporter_min_hours: 0, reporter_min_contributions: 1 };
    /// assert_eq!(f.log_reason(), "report_threshold=3 young_account_hours=24 reporter_min_hours=0 reporter_min_contributions=1");
    /// assert_eq!(SettingsForm::from_log_reason(&f.log_reason()), Some(f));
    /// assert_eq!(SettingsForm::from_log_reason("report_threshold=3"), None);
    /// ```
    pub fn log_reason(&self) -> String {
        format!(
            "report_threshold={} young_account_hours={} reporter_min_hours={} \
             reporter_min_contributions={}",
            self.report_threshold,
            self.young_account_hours,
            self.reporter_min_hours,
            self.reporter_min_contributions
        )
    }

    /// Reads [`SettingsForm::log_reason`] back; `None` for any other text.
    pub fn from_log_reason(reason: &str) -> Option<SettingsForm> {
        let mut values = [None; 4];
        let keys = [
            "report_threshold",
            "young_account_hours",
            "reporter_min_hours",
            "reporter_min_contributions",
        ];
        for pair in reason.split_whitespace() {
            let (key, value) = pair.split_once('=')?;
            let at = keys.iter().position(|k| *k == key)?;
            values[at] = Some(value.parse().ok()?);
        }
        Some(SettingsForm {
            report_threshold: values[0]?,
            young_account_hours: values[1]?,
            reporter_min_hours: values[2]?,
            reporter_min_contributions: values[3]?,
        })
    }
}

/// The moderation state of a proposal or comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "reason")]
pub enum Visibility {
    /// Waiting for approval (pre-moderation).
    Pending,
    /// Visible to all.
    Published,
    /// Hidden automatically after enough reports, until a moderator decides: what reports did
    /// before items stayed visible under review; older items may still be in this state.
    AwaitingReview,
    /// Hidden by a moderator, who gave a reason shown in its place.
    Hidden(String),
    /// Deleted by its author: a tombstone keeps the thread's shape.
    Deleted,
}

/// Who is looking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewer {
    /// The viewer wrote the item.
    pub is_author: bool,
    /// The viewer is a moderator or organiser.
    pub is_moderator: bool,
}

impl Viewer {
    /// Someone not signed in, or anyone without a tie to the item.
    pub const PUBLIC: Viewer = Viewer {
        is_author: false,
        is_moderator: false,
    };
}

/// What a viewer gets of an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// The content (with its state, for authors and moderators).
    Content,
    /// Only the moderators' reason, in place of the content.
    Placeholder(String),
    /// A tombstone: "deleted", without content.
    Tombstone,
    /// Nothing at all: the item does not exist for this viewer, not even in counts.
    Nothing,
}

/// A moderator's or author's decision about an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Publish a pending or reported item.
    Approve,
    /// Hide with a reason.
    Hide(String),
    /// Put a hidden item back.
    Restore,
    /// The author deletes their own item.
    Delete,
}

/// Why a moderation step was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ModerationError {
    /// The step does not apply to an item in this state.
    #[error("cannot do this to an item that is {0}")]
    WrongState(String),
    /// Hiding needs a reason, which is shown publicly.
    #[error("a reason of 1 to {max} characters is required")]
    ReasonRequired {
        /// Most characters in a reason.
        max: usize,
    },
    /// An author appeals a hidden item once only.
    #[error("this item was already appealed")]
    AlreadyAppealed,
    /// The report's reason is not one of [`ReportReason`].
    #[error("unknown report reason")]
    UnknownReason,
    /// "Autre" needs a few words; every note has a length limit.
    #[error("a note of at most {max} characters is required for this reason")]
    NoteRequired {
        /// Most characters in a note.
        max: usize,
    },
    /// One report per person and item.
    #[error("already reported")]
    AlreadyReported,
    /// A "contested" label needs a note saying what is disputed.
    #[error("a note of 1 to {max} characters is required")]
    ContestNote {
        /// Most characters in the note.
        max: usize,
    },
    /// A "contested" label cites 1 to `max` sources, each an http(s) link.
    #[error("1 to {max} http or https links are required, one per line")]
    ContestSources {
        /// Most sources.
        max: usize,
    },
    /// A suspension lasts whole days, 1 to `max_days`, or is a ban.
    #[error("a suspension lasts 1 to {max_days} days, or is a ban")]
    SuspensionLength {
        /// Longest suspension short of a ban.
        max_days: u32,
    },
    /// A moderation setting is outside its range.
    #[error(
        "report threshold 1 to {max_threshold}, ages 0 to {max_hours} hours, \
         contributions 0 to {max_contributions}"
    )]
    SettingOutOfRange {
        /// Highest report threshold.
        max_threshold: u32,
        /// Longest young-account period or reporter age, in hours.
        max_hours: u32,
        /// Most contributions a reporter may be asked for.
        max_contributions: u32,
    },
}

/// Why someone reports a proposal or comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// Spam or advertising.
    Spam,
    /// Abusive or hateful words.
    Abuse,
    /// Not about the topic.
    OffTopic,
    /// Misleading or false information.
    Misleading,
    /// Someone's personal data.
    PersonalData,
    /// Anything else, said in the note.
    Other,
}

/// Most characters in a report's note.
pub const NOTE_MAX: usize = 1_000;

impl ReportReason {
    /// Every reason, in the order forms offer them.
    pub const ALL: [ReportReason; 6] = [
        ReportReason::Spam,
        ReportReason::Abuse,
        ReportReason::OffTopic,
        ReportReason::Misleading,
        ReportReason::PersonalData,
        ReportReason::Other,
    ];

    /// The name stored and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Abuse => "injurieux",
            ReportReason::OffTopic => "hors_sujet",
            ReportReason::Misleading => "trompeur",
            ReportReason::PersonalData => "donnees_personnelles",
            ReportReason::Other => "autre",
        }
    }

    /// A reason and its note from a form: the note is trimmed, at most [`NOTE_MAX`]
    /// characters, free of control characters, and required for [`ReportReason::Other`].
    ///
    /// ```
    /// use domain::moderation::ReportReason;
    /// assert_eq!(ReportReason::parse("trompeur", ""), Ok((ReportReason::Misleading, String::new())));
    /// assert!(ReportReason::parse("autre", "  ").is_err());
    /// assert!(ReportReason::parse("bof", "").is_err());
    /// ```
    pub fn parse(reason: &str, note: &str) -> Result<(ReportReason, String), ModerationError> {
        let reason = ReportReason::ALL
            .into_iter()
            .find(|r| r.as_str() == reason)
            .ok_or(ModerationError::UnknownReason)?;
        Ok((reason, parse_note(note, reason == ReportReason::Other)?))
    }
}

/// A free-text note (a report's details, an appeal): trimmed, at most [`NOTE_MAX`] characters,
/// no control characters but line breaks and tabs, and not empty when `required`.
///
/// ```
/// use domain::moderation::parse_note;
/// assert_eq!(parse_note("  La source citée dit le contraire. ", true).unwrap(), "La source citée dit le contraire.");
/// assert!(parse_note("", true).is_err());
/// assert_eq!(parse_note("", false).unwrap(), "");
/// ```
pub fn parse_note(note: &str, required: bool) -> Result<String, ModerationError> {
    let note = note.trim();
    let n = note.chars().count();
    let bad_chars = note
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if n > NOTE_MAX || bad_chars || (required && n == 0) {
        return Err(ModerationError::NoteRequired { max: NOTE_MAX });
    }
    Ok(note.to_owned())
}

/// A moderator's answer to a disputed claim: instead of deleting it, the claim is labelled
/// "contested" with a note and the sources that inform the reader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestLabel {
    /// What is disputed, in the moderators' words (plain text).
    pub note: String,
    /// Links to the sources, http or https only.
    pub sources: Vec<String>,
}

/// Most characters in a contested label's note.
pub const CONTEST_NOTE_MAX: usize = 1_000;
/// Most sources on a contested label.
pub const CONTEST_SOURCES_MAX: usize = 5;
/// Most characters in one source link.
pub const SOURCE_MAX: usize = 500;

impl ContestLabel {
    /// A label from a form: the note, and the sources one per line (blank lines ignored).
    /// Links must be absolute http(s) URLs without spaces, quotes or angle brackets, so that
    /// they are safe as `href` values.
    ///
    /// ```
    /// use domain::moderation::ContestLabel;
    /// let l = ContestLabel::parse("Le chiffre cité date de 2019.", "https://insee.fr/a\n\n https://b.org ").unwrap();
    /// assert_eq!(l.sources, ["https://insee.fr/a", "https://b.org"]);
    /// assert!(ContestLabel::parse("note", "javascript:alert(1)").is_err());
    /// assert!(ContestLabel::parse(" ", "https://b.org").is_err());
    /// ```
    pub fn parse(note: &str, sources: &str) -> Result<ContestLabel, ModerationError> {
        let note = parse_note(note, true).map_err(|_| ModerationError::ContestNote {
            max: CONTEST_NOTE_MAX,
        })?;
        let sources: Vec<String> = sources
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let bad = ModerationError::ContestSources {
            max: CONTEST_SOURCES_MAX,
        };
        if sources.is_empty() || sources.len() > CONTEST_SOURCES_MAX {
            return Err(bad);
        }
        if !sources.iter().all(|s| is_web_link(s)) {
            return Err(bad);
        }
        Ok(ContestLabel { note, sources })
    }

    /// The sources as stored: one per line.
    pub fn stored_sources(&self) -> String {
        self.sources.join("\n")
    }

    /// The label from its stored columns; `None` when the item is not contested.
    pub fn from_stored(note: Option<&str>, sources: &str) -> Option<ContestLabel> {
        note.map(|note| ContestLabel {
            note: note.to_owned(),
            sources: sources
                .lines()
                .filter(|l| is_web_link(l))
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// An absolute http(s) link with a host, and nothing that could break out of an attribute.
fn is_web_link(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|r| {
        r.split(['/', '?', '#'])
            .next()
            .is_some_and(|h| !h.is_empty())
    });
    host_ok
        && s.chars().count() <= SOURCE_MAX
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
        })
}

/// How long a suspension lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuspensionLength {
    /// This many days from now.
    Days(u32),
    /// Until lifted.
    Ban,
}

/// Longest suspension short of a ban, in days.
pub const SUSPENSION_MAX_DAYS: u32 = 365;

impl SuspensionLength {
    /// From a form: a number of days, or "ban".
    ///
    /// ```
    /// use domain::moderation::SuspensionLength;
    /// assert_eq!(SuspensionLength::parse("7"), Ok(SuspensionLength::Days(7)));
    /// assert_eq!(SuspensionLength::parse("ban"), Ok(SuspensionLength::Ban));
    /// assert!(SuspensionLength::parse("0").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<SuspensionLength, ModerationError> {
        let s = s.trim();
        if s == "ban" {
            return Ok(SuspensionLength::Ban);
        }
        match s.parse::<u32>() {
            Ok(d) if (1..=SUSPENSION_MAX_DAYS).contains(&d) => Ok(SuspensionLength::Days(d)),
            _ => Err(ModerationError::SuspensionLength {
                max_days: SUSPENSION_MAX_DAYS,
            }),
        }
    }

    /// When it ends (Unix ms) if it starts at `now_ms`; `None` for a ban.
    pub fn ends_at(self, now_ms: i64) -> Option<i64> {
        match self {
            SuspensionLength::Days(d) => Some(now_ms + i64::from(d) * 86_400_000),
            SuspensionLength::Ban => None,
        }
    }
}

/// Whether an account is suspended at `now_ms`, from its stored flag and end time (`None`: a
/// ban). A suspension past its end lapses by itself, with nothing to clean up.
///
/// ```
/// use domain::moderation::is_suspended;
/// assert!(is_suspended(true, None, 5));
/// assert!(is_suspended(true, Some(10), 5));
/// assert!(!is_suspended(true, Some(10), 10));
/// assert!(!is_suspended(false, None, 5));
/// ```
pub fn is_suspended(flag: bool, until_ms: Option<i64>, now_ms: i64) -> bool {
    flag && until_ms.is_none_or(|end| now_ms < end)
}

/// The reason a suspension is logged with: its end first (`until=<Unix ms>`), then the
/// moderator's words; a ban or a reinstatement keeps the words alone. Read back by
/// [`read_suspension_reason`].
///
/// ```
/// use domain::moderation::{read_suspension_reason, suspension_reason};
/// let logged = suspension_reason(Some(1_797_148_580_383), "insultes répétées");
/// assert_eq!(read_suspension_reason(&logged), (Some(1_797_148_580_383), "insultes répétées"));
/// assert_eq!(read_suspension_reason(&suspension_reason(None, "spam")), (None, "spam"));
/// assert_eq!(read_suspension_reason("until=demain"), (None, "until=demain"));
/// ```
pub fn suspension_reason(until_ms: Option<i64>, words: &str) -> String {
    match until_ms {
        Some(t) => format!("until={t} {words}").trim().to_owned(),
        None => words.trim().to_owned(),
    }
}

/// Splits a logged suspension reason into its end, if any, and the moderator's words.
pub fn read_suspension_reason(logged: &str) -> (Option<i64>, &str) {
    logged
        .strip_prefix("until=")
        .and_then(|rest| {
            let (ms, words) = rest.split_once(' ').unwrap_or((rest, ""));
            Some((Some(ms.parse().ok()?), words))
        })
        .unwrap_or((None, logged))
}

/// Highest report threshold an organiser may set.
pub const THRESHOLD_MAX: u32 = 100;
/// Longest young-account period or reporter age an organiser may set, in hours (a year).
pub const YOUNG_HOURS_MAX: u32 = 8_760;
/// Most published contributions an organiser may ask of a reporter.
pub const CONTRIBUTIONS_MAX: u32 = 100;

impl Settings {
    /// Settings from an organiser's form, each number in its range (see [`SettingsForm`]).
    ///
    /// ```
    /// use domain::moderation::{Settings, SettingsForm};
    /// let form = SettingsForm {
    ///     report_threshold: 5,
    ///     young_account_hours: 48,
    ///     reporter_min_hours: 72,
    ///     reporter_min_contributions: 2,
    /// };
    /// let s = Settings::parse(form).unwrap();
    /// assert_eq!(s.new_account_premoderation_ms, Some(48 * 3_600_000));
    /// assert_eq!(s.form(), form);
    /// assert!(Settings::parse(SettingsForm { report_threshold: 0, ..form }).is_err());
    /// ```
    pub fn parse(form: SettingsForm) -> Result<Settings, ModerationError> {
        let bad = ModerationError::SettingOutOfRange {
            max_threshold: THRESHOLD_MAX,
            max_hours: YOUNG_HOURS_MAX,
            max_contributions: CONTRIBUTIONS_MAX,
        };
        let within = |n: i64, low: u32, high: u32| {
            u32::try_from(n)
                .ok()
                .filter(|n| (low..=high).contains(n))
                .ok_or_else(|| bad.clone())
        };
        let threshold = within(form.report_threshold, 1, THRESHOLD_MAX)?;
        let young = within(form.young_account_hours, 0, YOUNG_HOURS_MAX)?;
        let reporter_hours = within(form.reporter_min_hours, 0, YOUNG_HOURS_MAX)?;
        let contributions = within(form.reporter_min_contributions, 0, CONTRIBUTIONS_MAX)?;
        Ok(Settings {
            report_threshold: threshold,
            new_account_premoderation_ms: (young > 0).then(|| i64::from(young) * HOUR_MS),
            reporter_min_age_ms: i64::from(reporter_hours) * HOUR_MS,
            reporter_min_contributions: contributions,
        })
    }

    /// The settings as a form and the database hold them.
    pub fn form(&self) -> SettingsForm {
        SettingsForm {
            report_threshold: i64::from(self.report_threshold),
            young_account_hours: self.new_account_premoderation_ms.unwrap_or(0) / HOUR_MS,
            reporter_min_hours: self.reporter_min_age_ms / HOUR_MS,
            reporter_min_contributions: i64::from(self.reporter_min_contributions),
        }
    }
}

/// Most characters in a moderator's public reason.
pub const REASON_MAX: usize = 500;

impl Visibility {
    /// The state of a new contribution.
    ///
    /// ```
    /// use domain::moderation::{Policy, Settings, Visibility};
    /// let settings = Settings { new_account_premoderation_ms: Some(86_400_000), ..Settings::default() };
    /// assert_eq!(Visibility::initial(Policy::PostModeration, 90_000_000, &settings), Visibility::Published);
    /// // An account less than a day old is pre-moderated even in a post-moderated topic.
    /// assert_eq!(Visibility::initial(Policy::PostModeration, 1_000, &settings), Visibility::Pending);
    /// ```
    pub fn initial(policy: Policy, account_age_ms: i64, settings: &Settings) -> Visibility {
        let young = settings
            .new_account_premoderation_ms
            .is_some_and(|limit| account_age_ms < limit);
        if policy == Policy::PreModeration || young {
            Visibility::Pending
        } else {
            Visibility::Published
        }
    }

    /// What `viewer` gets of an item in this state.
    pub fn shown_to(&self, viewer: Viewer) -> Shown {
        let privileged = viewer.is_author || viewer.is_moderator;
        match self {
            Visibility::Published => Shown::Content,
            Visibility::Deleted => Shown::Tombstone,
            Visibility::Pending | Visibility::AwaitingReview if privileged => Shown::Content,
            Visibility::Pending | Visibility::AwaitingReview => Shown::Nothing,
            Visibility::Hidden(_) if privileged => Shown::Content,
            Visibility::Hidden(reason) => Shown::Placeholder(reason.clone()),
        }
    }

    /// Whether the item counts in public numbers (supports, comments, stances).
    pub fn counts_publicly(&self) -> bool {
        *self == Visibility::Published
    }

    /// The state after `decision`.
    ///
    /// ```
    /// use domain::moderation::{Decision, Visibility};
    /// let hidden = Visibility::Published.decide(Decision::Hide("Propos injurieux".into())).unwrap();
    /// assert_eq!(hidden, Visibility::Hidden("Propos injurieux".into()));
    /// assert_eq!(hidden.decide(Decision::Restore), Ok(Visibility::Published));
    /// ```
    pub fn decide(&self, decision: Decision) -> Result<Visibility, ModerationError> {
        use Visibility as V;
        match (self, decision) {
            (V::Deleted, _) => Err(self.wrong_state()),
            (V::Pending | V::AwaitingReview, Decision::Approve) => Ok(V::Published),
            (_, Decision::Hide(reason)) => {
                let reason = reason.trim();
                let n = reason.chars().count();
                if n == 0 || n > REASON_MAX {
                    return Err(ModerationError::ReasonRequired { max: REASON_MAX });
                }
                Ok(V::Hidden(reason.to_owned()))
            }
            (V::Hidden(_) | V::AwaitingReview, Decision::Restore) => Ok(V::Published),
            (_, Decision::Delete) => Ok(V::Deleted),
            _ => Err(self.wrong_state()),
        }
    }

    /// Whether a published item goes under review now that `counted` distinct reports (from
    /// accounts [`Settings`] lets count) are open on it. It stays visible, with a notice,
    /// until a moderator decides: hiding it at once would let a few accounts silence anyone.
    ///
    /// ```
    /// use domain::moderation::{Settings, Visibility};
    /// let s = Settings::default(); // threshold 3
    /// assert!(!Visibility::Published.goes_under_review(2, &s));
    /// assert!(Visibility::Published.goes_under_review(3, &s));
    /// ```
    pub fn goes_under_review(&self, counted: u32, settings: &Settings) -> bool {
        *self == Visibility::Published && counted >= settings.report_threshold.max(1)
    }

    /// Checks that the author may appeal: the item is hidden and was not appealed before.
    pub fn check_appeal(&self, already_appealed: bool) -> Result<(), ModerationError> {
        match self {
            Visibility::Hidden(_) if already_appealed => Err(ModerationError::AlreadyAppealed),
            Visibility::Hidden(_) => Ok(()),
            _ => Err(self.wrong_state()),
        }
    }

    /// The name stored in the `visibility` column.
    pub fn stored_name(&self) -> &'static str {
        match self {
            Visibility::Pending => "pending",
            Visibility::Published => "published",
            Visibility::AwaitingReview => "awaiting_review",
            Visibility::Hidden(_) => "hidden",
            Visibility::Deleted => "deleted",
        }
    }

    /// The state from its stored name and the stored reason. An unknown name reads as
    /// pending, the state that shows the least.
    ///
    /// ```
    /// use domain::moderation::Visibility;
    /// let v = Visibility::from_stored("hidden", Some("Hors sujet"));
    /// assert_eq!(v, Visibility::Hidden("Hors sujet".into()));
    /// assert_eq!(Visibility::from_stored(v.stored_name(), Some("Hors sujet")), v);
    /// ```
    pub fn from_stored(name: &str, reason: Option<&str>) -> Visibility {
        Visibility::parse_stored(name, reason).unwrap_or(Visibility::Pending)
    }

    /// The state stored under `name` (with the moderators' reason for a hidden item);
    /// `None` when the name is none of them.
    pub fn parse_stored(name: &str, reason: Option<&str>) -> Option<Visibility> {
        Some(match name {
            "pending" => Visibility::Pending,
            "published" => Visibility::Published,
            "awaiting_review" => Visibility::AwaitingReview,
            "hidden" => Visibility::Hidden(reason.unwrap_or_default().to_owned()),
            "deleted" => Visibility::Deleted,
            _ => return None,
        })
    }

    fn wrong_state(&self) -> ModerationError {
        ModerationError::WrongState(
            match self {
                Visibility::Pending => "pending",
                Visibility::Published => "published",
                Visibility::AwaitingReview => "awaiting review",
                Visibility::Hidden(_) => "hidden",
                Visibility::Deleted => "deleted",
            }
            .to_owned(),
        )
    }
}

/// Whether an author may still edit a comment written at `created_ms`, at `now_ms`: for
/// 15 minutes, so that replies do not end up answering words that changed.
pub fn comment_editable(created_ms: i64, now_ms: i64) -> bool {
    const WINDOW_MS: i64 = 15 * 60 * 1000;
    (0..WINDOW_MS).contains(&(now_ms - created_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_kind_reads_back_from_its_stored_name() {
        for kind in ItemKind::ALL {
            assert_eq!(kind.as_str().parse::<ItemKind>(), Ok(kind));
        }
        assert_eq!(
            "ballot".parse::<ItemKind>(),
            Err(UnknownItemKind("ballot".into()))
        );
        let reportable: Vec<_> = ItemKind::ALL
            .into_iter()
            .filter(|k| k.is_reportable())
            .collect();
        assert_eq!(reportable, [ItemKind::Proposal, ItemKind::Comment]);
    }

    const AUTHOR: Viewer = Viewer {
        is_author: true,
        is_moderator: false,
    };
    const MODERATOR: Viewer = Viewer {
        is_author: false,
        is_moderator: true,
    };

    #[test]
    fn hidden_and_pending_content_reaches_only_author_and_moderators() {
        for v in [Visibility::Pending, Visibility::AwaitingReview] {
            assert_eq!(v.shown_to(Viewer::PUBLIC), Shown::Nothing);
            assert_eq!(v.shown_to(AUTHOR), Shown::Content);
            assert_eq!(v.shown_to(MODERATOR), Shown::Content);
            assert!(!v.counts_publicly());
        }
        let hidden = Visibility::Hidden("Hors sujet".into());
        assert_eq!(
            hidden.shown_to(Viewer::PUBLIC),
            Shown::Placeholder("Hors sujet".into())
        );
        assert_eq!(hidden.shown_to(AUTHOR), Shown::Content);
        assert!(!hidden.counts_publicly());
        assert_eq!(Visibility::Deleted.shown_to(MODERATOR), Shown::Tombstone);
        assert_eq!(
            Visibility::Published.shown_to(Viewer::PUBLIC),
            Shown::Content
        );
    }

    #[test]
    fn pre_moderation_holds_new_items() {
        let s = Settings::default();
        assert_eq!(
            Visibility::initial(Policy::PreModeration, i64::MAX, &s),
            Visibility::Pending
        );
        assert_eq!(
            Visibility::initial(Policy::PostModeration, 0, &s),
            Visibility::Published
        );
    }

    #[test]
    fn only_published_items_go_under_review_at_the_threshold() {
        let s = Settings {
            report_threshold: 2,
            ..Settings::default()
        };
        assert!(!Visibility::Published.goes_under_review(1, &s));
        assert!(Visibility::Published.goes_under_review(2, &s));
        let hidden = Visibility::Hidden("x".into());
        assert!(
            !hidden.goes_under_review(10, &s),
            "a moderator's decision stands"
        );
        assert!(!Visibility::Pending.goes_under_review(10, &s));
        let zero = Settings {
            report_threshold: 0,
            ..Settings::default()
        };
        assert!(!Visibility::Published.goes_under_review(0, &zero));
    }

    #[test]
    fn hiding_needs_a_reason() {
        assert_eq!(
            Visibility::Published.decide(Decision::Hide("  ".into())),
            Err(ModerationError::ReasonRequired { max: REASON_MAX })
        );
        assert!(Visibility::Published
            .decide(Decision::Hide("x".repeat(REASON_MAX + 1)))
            .is_err());
    }

    #[test]
    fn deleted_items_stay_deleted() {
        for d in [
            Decision::Approve,
            Decision::Restore,
            Decision::Hide("r".into()),
            Decision::Delete,
        ] {
            assert!(Visibility::Deleted.decide(d).is_err());
        }
        assert!(Visibility::Published.decide(Decision::Approve).is_err());
        assert!(Visibility::Published.decide(Decision::Restore).is_err());
    }

    #[test]
    fn an_author_appeals_a_hidden_item_once() {
        let hidden = Visibility::Hidden("r".into());
        assert_eq!(hidden.check_appeal(false), Ok(()));
        assert_eq!(
            hidden.check_appeal(true),
            Err(ModerationError::AlreadyAppealed)
        );
        assert!(Visibility::Published.check_appeal(false).is_err());
    }

    #[test]
    fn comments_are_editable_for_fifteen_minutes() {
        let t = 1_700_000_000_000;
        assert!(comment_editable(t, t));
        assert!(comment_editable(t, t + 15 * 60 * 1000 - 1));
        assert!(!comment_editable(t, t + 15 * 60 * 1000));
        assert!(
            !comment_editable(t, t - 1),
            "a clock running backwards grants nothing"
        );
    }

    #[test]
    fn contested_sources_are_plain_web_links() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "https://a.org/\"onmouseover=x",
            "https://a.org/<svg>",
            "http://",
            "//a.org",
            "https:///path",
            "ftp://a.org",
        ] {
            assert!(ContestLabel::parse("n", bad).is_err(), "{bad}");
        }
        let six = "https://a.org\n".repeat(CONTEST_SOURCES_MAX + 1);
        assert!(ContestLabel::parse("n", &six).is_err());
        let label = ContestLabel::parse("n", "HTTPS://A.org/x?y=1#z").unwrap();
        let back = ContestLabel::from_stored(Some("n"), &label.stored_sources());
        assert_eq!(back, Some(label));
        assert_eq!(ContestLabel::from_stored(None, "https://a.org"), None);
    }

    #[test]
    fn suspensions_last_days_or_forever() {
        let now = 1_000;
        let week = SuspensionLength::parse("7").unwrap();
        let end = week.ends_at(now).unwrap();
        assert_eq!(end - now, 7 * 86_400_000);
        assert!(is_suspended(true, Some(end), end - 1));
        assert!(!is_suspended(true, Some(end), end));
        assert_eq!(SuspensionLength::Ban.ends_at(now), None);
        for bad in ["", "-1", "366", "1.5", "bannir"] {
            assert!(SuspensionLength::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn settings_round_trip_through_hours() {
        let form = SettingsForm {
            report_threshold: 4,
            young_account_hours: 72,
            reporter_min_hours: 0,
            reporter_min_contributions: 0,
        };
        let s = Settings::parse(form).unwrap();
        assert_eq!(s.form(), form);
        assert_eq!(s.report_threshold, 4);
        assert_eq!(
            Settings::parse(Settings::default().form()),
            Ok(Settings::default())
        );
        let max_hours = i64::from(YOUNG_HOURS_MAX);
        for bad in [
            SettingsForm {
                report_threshold: 101,
                ..form
            },
            SettingsForm {
                young_account_hours: -1,
                ..form
            },
            SettingsForm {
                young_account_hours: max_hours + 1,
                ..form
            },
            SettingsForm {
                reporter_min_hours: max_hours + 1,
                ..form
            },
            SettingsForm {
                reporter_min_hours: -1,
                ..form
            },
            SettingsForm {
                reporter_min_contributions: 101,
                ..form
            },
        ] {
            assert!(Settings::parse(bad).is_err(), "{bad:?}");
        }
    }
}
