//! The names of domain values as the interface shows them: roles, statuses, stances, report
//! reasons, moderation-log actions, and counts with their noun.

use super::Locale;
use domain::Role;

/// The name of a role in a locale.
pub fn role_name(role: Role, locale: Locale) -> &'static str {
    let t = locale.texts();
    match role {
        Role::Citizen => t.role_citizen,
        Role::Member => t.role_member,
        Role::Moderator => t.role_moderator,
        Role::Organiser => t.role_organiser,
    }
}

/// A proposal status, as shown.
pub fn status_name(s: domain::proposal::ProposalStatus, locale: Locale) -> &'static str {
    use domain::proposal::ProposalStatus as S;
    let t = locale.texts();
    match s {
        S::Draft => t.status_draft,
        S::Published => t.status_published,
        S::UnderVote => t.status_under_vote,
        S::Adopted => t.status_adopted,
        S::Rejected => t.status_rejected,
        S::Withdrawn => t.status_withdrawn,
        S::Merged => t.status_merged,
    }
}

/// A stance, as shown.
pub fn stance_name(s: domain::comment::Stance, locale: Locale) -> &'static str {
    use domain::comment::Stance as S;
    let t = locale.texts();
    match s {
        S::For => t.stance_for,
        S::Against => t.stance_against,
        S::Neutral => t.stance_neutral,
    }
}

/// "N supports", "N comments", "N upvotes": a count with its noun, in the locale's plural.
pub fn count_of(n: i64, what: Counted, locale: Locale) -> String {
    let t = locale.texts();
    match what {
        Counted::Supports => t.count_supports(n),
        Counted::Comments => t.count_comments(n),
        Counted::Upvotes => t.count_upvotes(n),
    }
}

/// What [`count_of`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// Supports of a proposal.
    Supports,
    /// Comments.
    Comments,
    /// Upvotes of a comment.
    Upvotes,
}

/// A report reason's name.
pub fn report_reason_name(r: domain::moderation::ReportReason, locale: Locale) -> &'static str {
    use domain::moderation::ReportReason as R;
    let t = locale.texts();
    match r {
        R::Spam => t.reason_spam,
        R::Abuse => t.reason_abuse,
        R::OffTopic => t.reason_off_topic,
        R::Misleading => t.reason_misleading,
        R::PersonalData => t.reason_personal_data,
        R::Other => t.reason_other,
    }
}

/// A moderation log action's name; an action this version does not know shows as stored.
pub fn moderation_action_name(action: &str, locale: Locale) -> String {
    let t = locale.texts();
    let name = match action {
        "approve" => t.log_approve,
        "hide" => t.log_hide,
        "restore" => t.log_restore,
        "auto_hide" => t.log_auto_hide,
        "under_review" => t.log_under_review,
        "appeal" => t.log_appeal,
        "close_topic" => t.log_close_topic,
        "contest" => t.log_contest,
        "uncontest" => t.log_uncontest,
        "suspend" => t.log_suspend,
        "ban" => t.log_ban,
        "suspension_appeal" => t.log_suspension_appeal,
        "role" => t.log_role,
        "reinstate" => t.log_reinstate,
        "create_topic" => t.log_create_topic,
        "edit_topic" => t.log_edit_topic,
        "pin_topic" => t.log_pin_topic,
        "unpin_topic" => t.log_unpin_topic,
        "archive_topic" => t.log_archive_topic,
        "unarchive_topic" => t.log_unarchive_topic,
        "move_topic_up" | "move_topic_down" => t.log_move_topic,
        "premoderate_topic" => t.log_premoderate_topic,
        "postmoderate_topic" => t.log_postmoderate_topic,
        "settings" => t.log_settings,
        "status" => t.log_status,
        "open_topic" => t.log_open_topic,
        "round_create" => t.log_round_create,
        "round_edit" => t.log_round_edit,
        "round_close" => t.log_round_close,
        "round_seal" => t.log_round_seal,
        "round_open" => t.log_round_open,
        "round_cancel" => t.log_round_cancel,
        "round_delete" => t.log_round_delete,
        "report_settings" => t.log_report_settings,
        "report_pin" => t.log_report_pin,
        "report_unpin" => t.log_report_unpin,
        "report_dissent" => t.log_report_dissent,
        "report_dissent_delete" => t.log_report_dissent_delete,
        "report_publish" => t.log_report_publish,
        "report_unpublish" => t.log_report_unpublish,
        "account_delete" => t.log_account_delete,
        "account_purge" => t.log_account_purge,
        other => other,
    };
    name.to_owned()
}
