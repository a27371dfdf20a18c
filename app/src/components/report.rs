//! The form to report a proposal or comment to the moderators.

use crate::api::moderation::{Appeal, Moderate, Report};
use crate::components::form::TextArea;
use crate::i18n::{report_reason_name, Locale};
use domain::moderation::{ReportReason, NOTE_MAX, REASON_MAX};
use leptos::prelude::*;

/// A "Signaler" disclosure holding the report form for one item (`kind`: proposal, comment).
#[component]
pub fn ReportForm(
    action: ServerAction<Report>,
    kind: &'static str,
    id: i64,
    locale: Locale,
) -> impl IntoView {
    let tr = locale.texts();
    let field = format!("report-{kind}-{id}");
    view! {
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
    }
}

/// A moderator's "Masquer" disclosure: the public reason, then hide.
#[component]
pub fn HideForm(
    action: ServerAction<Moderate>,
    kind: &'static str,
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
