//! The message a person reads for each error, in their language.

use super::Locale;
use crate::error::AppError;
use domain::AccountError;

pub(crate) fn error_message(e: &AppError, locale: Locale) -> String {
    use AccountError as A;
    let t = locale.texts();
    let plain = match e {
        AppError::Unauthenticated => t.error_unauthenticated,
        AppError::Forbidden => t.error_forbidden,
        AppError::Suspended => t.error_suspended,
        AppError::SuspendedAccount { until, .. } => {
            return match until {
                Some(end) => t.error_suspended_until(domain::time::paris_datetime(*end)),
                None => t.error_banned.to_owned(),
            }
        }
        AppError::NotFound => t.error_not_found,
        AppError::BadCredentials => t.error_bad_credentials,
        AppError::WrongCurrentPassword => t.error_wrong_current_password,
        AppError::UsernameTaken => t.error_username_taken,
        AppError::UsernameLookalike => t.error_username_lookalike,
        AppError::OwnAccount => t.error_own_account,
        AppError::LastOrganiser => t.error_last_organiser,
        AppError::BadRequest => t.error_bad_request,
        AppError::Network => t.error_network,
        AppError::Stale => t.error_stale,
        AppError::Closed => t.error_closed,
        AppError::TopicClosed => t.error_topic_closed,
        AppError::Internal { reference } => return t.error_internal(reference),
        AppError::Proposal(p) => return proposal_error(p, locale),
        AppError::Comment(c) => return comment_error(c, locale),
        AppError::Moderation(m) => return moderation_error(m, locale),
        AppError::Topic(e) => return topic_error(e, locale),
        AppError::Round(r) => return round_error(r, locale),
        AppError::Report(r) => {
            use domain::report::ReportError as E;
            return match r {
                E::Introduction { max } => t.error_report_introduction(max),
                E::Dissent { max } => t.error_report_dissent(max),
                E::Side => t.error_report_side.to_owned(),
            };
        }
        AppError::RateLimited { retry_after_secs } => {
            return t.error_rate_limited(retry_after_secs.div_ceil(60));
        }
        AppError::Invalid(a) => match a {
            A::UsernameLength { min, max, actual } => {
                return t.error_username_length(actual, max, min)
            }
            A::UsernameCharacters => t.error_username_characters,
            A::UsernameMixedScripts => t.error_username_scripts,
            A::DisplayNameLength { max, actual } => {
                return t.error_display_name_length(actual, max)
            }
            A::DisplayNameCharacters => t.error_display_name_characters,
            A::PasswordLength { min, max, actual } => {
                return t.error_password_length(actual, max, min)
            }
            A::PasswordNul => t.error_password_nul,
        },
    };
    plain.to_owned()
}

fn proposal_error(e: &domain::proposal::ProposalError, locale: Locale) -> String {
    use domain::proposal::{ProposalError as P, ProposalField as F};
    let t = locale.texts();
    let field = |f: &F| match f {
        F::Title => t.field_the_title,
        F::Summary => t.field_the_summary,
        F::Body => t.field_the_text,
    };
    match e {
        P::NotAllowed { .. } => t.error_proposal_not_allowed.to_owned(),
        P::WrongStatus { .. } => t.error_proposal_wrong_status.to_owned(),
        P::FieldLength {
            field: f,
            max,
            actual: 0,
        } if *f != F::Body => t.error_field_required(field(f), max),
        P::FieldLength {
            field: f,
            max,
            actual,
        } => t.error_field_length(actual, field(f), max),
        P::FieldCharacters { field: f } => t.error_field_characters(field(f)),
        P::FieldNesting { field: f, max } => t.error_field_nesting(field(f), max),
    }
}

fn comment_error(e: &domain::comment::CommentError, locale: Locale) -> String {
    use domain::comment::CommentError as C;
    let t = locale.texts();
    match e {
        C::Length { max, actual: 0 } => t.error_comment_empty(max),
        C::Length { max, actual } => t.error_comment_length(actual, max),
        C::Characters => t.error_comment_characters.to_owned(),
        C::Nesting { max } => t.error_comment_nesting(max),
        C::UnknownStance => t.error_comment_stance.to_owned(),
        C::StanceWithoutProposal => t.error_comment_stance_without_proposal.to_owned(),
        C::EditWindowClosed => t.error_comment_edit_window.to_owned(),
    }
}

fn round_error(e: &domain::voting::round::RoundError, locale: Locale) -> String {
    use domain::voting::round::{RoundError as R, GRADES_MAX, GRADE_LEN_MAX};
    let t = locale.texts();
    let plain = match e {
        R::Title { max } => return t.error_round_title(max),
        R::Grades => return t.error_round_grades(GRADE_LEN_MAX, GRADES_MAX),
        R::Candidates { max } => return t.error_round_candidates(max),
        R::BallotOverBudget { spent, budget } => return t.error_ballot_over_budget(budget, spent),
        R::Method => t.error_round_method,
        R::Budget => t.error_round_budget,
        R::Threshold => t.error_round_threshold,
        R::Electorate => t.error_round_electorate,
        R::Times => t.error_round_times,
        R::Rule => t.error_round_rule,
        R::Frozen => t.error_round_frozen,
        R::NotOpen => t.error_round_not_open,
        R::Closed => t.error_round_closed,
        R::HasBallots => t.error_round_has_ballots,
        R::NotCancelled => t.error_round_not_cancelled,
        R::Cancelled => t.error_round_cancelled,
        R::NotClosed => t.error_round_not_closed,
        R::NotEligible => t.error_round_not_eligible,
        R::Locked => t.error_round_locked,
        R::BallotIncomplete => t.error_ballot_incomplete,
        R::BallotField => t.error_ballot_field,
        R::BallotAmount => t.error_ballot_amount,
    };
    plain.to_owned()
}

fn topic_error(e: &domain::topic::TopicError, locale: Locale) -> String {
    use domain::topic::{TopicError as T, TopicField as F};
    let t = locale.texts();
    match e {
        T::Slug => t.error_topic_slug.to_owned(),
        T::SlugTaken => t.error_topic_slug_taken.to_owned(),
        T::Field { field, min, max } => {
            let name = match field {
                F::Slug => t.field_the_address,
                F::Title => t.field_the_title,
                F::Description => t.field_the_description,
                F::Question => t.field_the_question,
            };
            t.error_topic_field(name, max, min)
        }
    }
}

fn moderation_error(e: &domain::moderation::ModerationError, locale: Locale) -> String {
    use domain::moderation::ModerationError as M;
    let t = locale.texts();
    match e {
        M::WrongState(_) => t.error_moderation_wrong_state.to_owned(),
        M::ReasonRequired { max } => t.error_moderation_reason(max),
        M::AlreadyAppealed => t.error_already_appealed.to_owned(),
        M::UnknownReason => t.error_unknown_reason.to_owned(),
        M::NoteRequired { max } => t.error_note_required(max),
        M::AlreadyReported => t.error_already_reported.to_owned(),
        M::ContestNote { max } => t.error_contest_note(max),
        M::ContestSources { max } => t.error_contest_sources(max),
        M::SuspensionLength { max_days } => t.error_suspension_length(max_days),
        M::SettingOutOfRange {
            max_threshold,
            max_hours,
            max_contributions,
        } => t.error_moderation_settings(max_contributions, max_hours, max_threshold),
    }
}
