//! Forms around moderation: reporting, hiding, deciding, appealing, labelling a claim
//! "contested", suspending an author; and the contested label as readers see it.

use crate::api::admin::SuspendUser;
use crate::api::moderation::{Appeal, Contest, Moderate, Report};
use crate::components::form::{Outcome, TextArea};
use crate::i18n::{report_reason_name, Locale, CONTENT_LANG};
use domain::moderation::{
    ContestLabel, ReportReason, CONTEST_NOTE_MAX, NOTE_MAX, REASON_MAX, SUSPENSION_MAX_DAYS,
};
use domain::UserId;
use leptos::prelude::*;

/// A "Signaler" disclosure holding the report form for one item (`kind`: proposal, comment).
#[component]
pub fn ReportForm(
    action: ServerAction<Report>,
    kind: &'static str,
    /// The item; a typed id of the item's kind converts into it.
    #[prop(into)]
    id: i64,
    locale: Locale,
) -> impl IntoView {
    let tr = locale.texts();
    let field = format!("report-{kind}-{id}");
    view! {
        <Outcome action=action id=id done=tr.report_sent>
        <details class="inline-details report">
            <summary>{tr.report_summary}</summary>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for=format!("{field}-reason")>{tr.report_reason}</label>
                    <select id=format!("{field}-reason") name="reason" required=true>
                        {ReportReason::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str()>{report_reason_name(r, locale)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <TextArea name="note" id=format!("{field}-note") label=tr.report_note rows=2
                    maxlength=NOTE_MAX required=false/>
                <button type="submit" class="secondary">{tr.report_submit}</button>
            </ActionForm>
        </details>
        </Outcome>
    }
}

/// A moderator's "Masquer" disclosure: the public reason, then hide.
#[component]
pub fn HideForm(
    action: ServerAction<Moderate>,
    kind: &'static str,
    /// The item; a typed id of the item's kind converts into it.
    #[prop(into)]
    id: i64,
    locale: Locale,
) -> impl IntoView {
    let tr = locale.texts();
    let field = format!("hide-{kind}-{id}-reason");
    view! {
        <details class="inline-details moderate">
            <summary>{tr.hide_submit}</summary>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value="hide"/>
                <div class="field">
                    <label for=field.clone()>{tr.hide_reason}</label>
                    <input id=field type="text" name="reason" required=true maxlength=REASON_MAX/>
                </div>
                <button type="submit" class="danger">{tr.hide_submit}</button>
            </ActionForm>
        </details>
    }
}

/// A one-button moderator decision (approve, restore) on an item.
#[component]
pub fn DecisionButton(
    action: ServerAction<Moderate>,
    kind: &'static str,
    /// The item; a typed id of the item's kind converts into it.
    #[prop(into)]
    id: i64,
    decision: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="kind" value=kind/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="action" value=decision/>
            <button type="submit" class="secondary">{label}</button>
        </ActionForm>
    }
}

/// The author's side of a hidden item: the appeal form while it can be made, else where the
/// appeal stands (`appeal`: 0 none, 1 waiting, 2 answered).
#[component]
pub fn AppealView(
    action: ServerAction<Appeal>,
    kind: &'static str,
    /// The item; a typed id of the item's kind converts into it.
    #[prop(into)]
    id: i64,
    can_appeal: bool,
    appeal: i64,
    locale: Locale,
) -> impl IntoView {
    let tr = locale.texts();
    let field = format!("appeal-{kind}-{id}");
    match (can_appeal, appeal) {
        (true, _) => view! {
            <details class="inline-details appeal">
                <summary>{tr.appeal_summary}</summary>
                <ActionForm action=action attr:class="form">
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="id" value=id/>
                    <TextArea name="text" id=field label=tr.appeal_text rows=3 maxlength=NOTE_MAX/>
                    <button type="submit" class="secondary">{tr.appeal_submit}</button>
                </ActionForm>
            </details>
        }
        .into_any(),
        (false, 1) => view! { <p class="notice">{tr.appeal_waiting}</p> }.into_any(),
        (false, 2) => view! { <p class="hint">{tr.appeal_answered}</p> }.into_any(),
        _ => ().into_any(),
    }
}

/// The moderators' "contested" label beside a claim: their note and the sources, as plain
/// links that carry no referrer and no endorsement.
#[component]
pub fn ContestedNotice(label: ContestLabel, locale: Locale) -> impl IntoView {
    view! {
        // A note, not an <aside>: it sits inside an article, where a landmark does not belong.
        <div class="contested" role="note">
            <p><strong class="badge contested-badge">{locale.texts().contested}</strong>" "
                <span class="contested-by">{locale.texts().moderators_note}</span>" "
                <span lang=CONTENT_LANG>{label.note}</span></p>
            <p class="sources">{locale.texts().sources}</p>
            <ul class="sources">
                {label.sources.into_iter().map(|href| {
                    let text = href.clone();
                    view! { <li><a href=href rel="nofollow noopener noreferrer external">{text}</a></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// An author's name, with their role beside it when they are a moderator or organiser: the
/// badge comes from the account, so a display name such as "Équipe d'organisation" earns none.
#[component]
pub fn AuthorName(name: String, badge: Option<domain::Role>, locale: Locale) -> impl IntoView {
    view! {
        <strong>{name}</strong>
        {badge.map(|role| view! {
            " " <span class="badge staff">{crate::i18n::role_name(role, locale)}</span>
        })}
    }
}

/// Shown on an item enough counted reports put under review: it stays readable until a
/// moderator decides.
#[component]
pub fn UnderReviewNotice(locale: Locale) -> impl IntoView {
    view! { <p class="badge pending" role="note">{locale.texts().under_review_notice}</p> }
}

/// A moderator's "Contester" disclosure: a note and sources; with a label already there, also
/// the button that takes it off.
#[component]
pub fn ContestForm(
    action: ServerAction<Contest>,
    kind: &'static str,
    /// The item; a typed id of the item's kind converts into it.
    #[prop(into)]
    id: i64,
    contested: bool,
    locale: Locale,
    /// Where the browser returns: "queue" for the moderation queue, else the item.
    #[prop(optional)]
    back: Option<&'static str>,
) -> impl IntoView {
    let field = format!("contest-{kind}-{id}");
    let back = back.unwrap_or("item");
    let remove = contested.then(|| {
        view! {
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="remove" value="true"/>
                <input type="hidden" name="back" value=back/>
                <button type="submit" class="secondary">{locale.texts().remove_the_contested_label}</button>
            </ActionForm>
        }
    });
    view! {
        <details class="inline-details contest">
            <summary>{locale.texts().label_contested}</summary>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="kind" value=kind/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="back" value=back/>
                <TextArea name="note" id=format!("{field}-note") rows=3 maxlength=CONTEST_NOTE_MAX
                    label=locale.texts().what_is_contested_shown_publicly/>
                <TextArea name="sources" id=format!("{field}-sources") rows=3
                    label=locale.texts().sources_2
                    hint=locale.texts().n1_to_5_http_or/>
                <button type="submit" class="secondary">{locale.texts().label_contested}</button>
            </ActionForm>
        </details>
        {remove}
    }
}

/// A moderator's "Suspendre l'auteur" disclosure: how long, and why (kept in the log).
#[component]
pub fn SuspendForm(
    action: ServerAction<SuspendUser>,
    user_id: UserId,
    field: String,
    locale: Locale,
    /// The disclosure's words ("suspend the author" unless said).
    #[prop(optional)]
    summary: Option<&'static str>,
    /// Where to come back after acting (see `api::admin::suspend_user`).
    #[prop(optional)]
    back: Option<&'static str>,
) -> impl IntoView {
    let days = [1u32, 7, 30, 90, SUSPENSION_MAX_DAYS];
    view! {
        <details class="inline-details suspend">
            <summary>{summary.unwrap_or(locale.texts().suspend_the_author)}</summary>
            <ActionForm action=action attr:class="form">
                <p class="hint">{locale.texts().suspend_form_warning}</p>
                <input type="hidden" name="user_id" value=user_id.get()/>
                {back.map(|b| view! { <input type="hidden" name="back" value=b/> })}
                <div class="field">
                    <label for=format!("{field}-length")>{locale.texts().length}</label>
                    <select id=format!("{field}-length") name="length">
                        {days.into_iter().map(|d| {
                            let label = locale.texts().suspension_days(d);
                            view! { <option value=d.to_string() selected=d == 7>{label}</option> }
                        }).collect_view()}
                        <option value="ban">{locale.texts().ban_no_end}</option>
                    </select>
                </div>
                <TextArea name="reason" id=format!("{field}-reason") rows=2 maxlength=NOTE_MAX required=false
                    label=locale.texts().reason_for_the_moderation_log/>
                <button type="submit" class="danger">{locale.texts().action_suspend}</button>
            </ActionForm>
        </details>
    }
}

/// For moderators, beside an item: the link to its author's moderation page.
#[component]
pub fn PersonLink(id: UserId) -> impl IntoView {
    let tr = crate::i18n::use_texts();
    view! { <a class="link-button" href=format!("/moderation/people/{id}")>{tr.moderate_person}</a> }
}
