//! The recommendations report: `/report` for everyone, `/admin/report` where organisers choose
//! what goes in, pin arguments, write dissent notes and download it.

use crate::api::report::{
    report_admin, report_html, AddDissent, DeleteDissent, PinArgument, PublishReport,
    ReportAdminDto, SaveReport,
};
use crate::components::form::{action_error, Confirm, ErrorBox, FormError, TextArea};
use crate::i18n::{use_locale, Locale, CONTENT_LANG};
use domain::report::{DISSENT_MAX, INTRODUCTION_MAX};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/report`: the report as it stands, built from the database on each visit.
#[component]
pub fn ReportPage() -> impl IntoView {
    let locale = use_locale();
    let html = Resource::new(|| (), |_| report_html());
    view! {
        <Title text=locale.texts().recommendations_report/>
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match html.await {
                    // Built by domain::report, where every piece of user text is escaped.
                    Ok(r) => view! {
                        {r.published_at.map(|_| view! { <Downloads base="/report/download"/> })}
                        <div class="report-page" lang=CONTENT_LANG inner_html=r.html></div>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Links to the report's files under `base` (`?format=…`).
#[component]
fn Downloads(base: &'static str) -> impl IntoView {
    let locale = use_locale();
    let link = move |format: &'static str, label: &'static str| {
        view! { <a href=format!("{base}?format={format}") rel="external" download>{label}</a> }
    };
    view! {
        <p class="downloads">
            {locale.texts().download}" "
            {link("pdf", "PDF")}" · "{link("odt", "ODT")}" · "{link("md", "Markdown")}
        </p>
    }
}

/// `/admin/report`: the organisers' report editor.
#[component]
pub fn ReportAdminPage() -> impl IntoView {
    let locale = use_locale();
    let save = ServerAction::<SaveReport>::new();
    let pin = ServerAction::<PinArgument>::new();
    let add = ServerAction::<AddDissent>::new();
    let delete = ServerAction::<DeleteDissent>::new();
    let publish = ServerAction::<PublishReport>::new();
    let data = Resource::new(|| (), |_| report_admin());
    view! {
        <Title text=locale.texts().prepare_the_report/>
        <h1>{locale.texts().prepare_the_report}</h1>
        <p>
            <a href="/report">{locale.texts().preview_the_report}</a>
            " · "{locale.texts().download}" "
            <a href="/admin/report/download?format=pdf" rel="external" download>"PDF"</a>" · "
            <a href="/admin/report/download?format=odt" rel="external" download>"ODT"</a>" · "
            <a href="/admin/report/download?format=md" rel="external" download>"Markdown"</a>" · "
            <a href="/admin/report/download?format=html" rel="external" download>"HTML"</a>
        </p>
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! {
                        <Publication published_at=d.published_at action=publish/>
                        <Editor d save pin add delete/>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Whether the public may download the report, and the button that changes it.
#[component]
fn Publication(published_at: Option<i64>, action: ServerAction<PublishReport>) -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let (status, on, label) = match published_at {
        Some(t) => (
            view! {
                {tr.report_published_since}" "
                <time datetime=domain::time::iso_utc(t)>{domain::time::paris_datetime(t)}</time>
            }
            .into_any(),
            "false",
            tr.report_unpublish,
        ),
        None => (
            view! { {tr.report_not_published} }.into_any(),
            "true",
            tr.report_publish,
        ),
    };
    view! {
        <section aria-labelledby="report-publication" class="notice">
            <h2 id="report-publication">{tr.report_publication}</h2>
            <p role="status">{status}</p>
            <FormError error=action_error(action)/>
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="on" value=on/>
                <button type="submit">{label}</button>
            </ActionForm>
        </section>
    }
}

/// A comment that took a stance on an adopted proposal, with the choice of pinning it.
fn argument_item(
    a: crate::api::report::CandidateArgumentDto,
    pin: ServerAction<PinArgument>,
    locale: Locale,
) -> impl IntoView {
    let select_id = format!("side-{}", a.comment_id);
    let current = a.pinned.clone().unwrap_or_else(|| "none".into());
    let stance = match a.stance.as_deref() {
        Some("pour") => locale.texts().side_for,
        Some("contre") => locale.texts().side_against,
        _ => "",
    };
    view! {
        <li>
            <blockquote lang=CONTENT_LANG>{a.body}</blockquote>
            <p>"— "{a.author}{(!stance.is_empty()).then(|| format!(" ({stance})"))}</p>
            <ActionForm action=pin attr:class="inline-form">
                <input type="hidden" name="comment" value=a.comment_id.to_string()/>
                <label for=select_id.clone()>{locale.texts().in_the_report}</label>
                <select id=select_id name="side">
                    <option value="none" selected=current == "none">{locale.texts().not_used}</option>
                    <option value="for" selected=current == "for">{locale.texts().argument_for}</option>
                    <option value="against" selected=current == "against">{locale.texts().argument_against}</option>
                </select>
                <button type="submit">{locale.texts().apply}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn Editor(
    d: ReportAdminDto,
    save: ServerAction<SaveReport>,
    pin: ServerAction<PinArgument>,
    add: ServerAction<AddDissent>,
    delete: ServerAction<DeleteDissent>,
) -> impl IntoView {
    let locale = use_locale();
    fn choices<Id: std::fmt::Display>(
        prefix: &'static str,
        list: Vec<crate::api::report::ChoiceDto<Id>>,
    ) -> impl IntoView {
        list.into_iter()
            .map(|c| {
                let name = format!("choice[{prefix}-{}]", c.id);
                let id = format!("choice-{prefix}-{}", c.id);
                view! {
                    <div class="check">
                        <input type="checkbox" id=id.clone() name=name checked=c.chosen/>
                        <label for=id>{c.title}</label>
                    </div>
                }
            })
            .collect_view()
    }
    let has_notable = !d.notable.is_empty();
    view! {
        <section aria-labelledby="report-contents">
            <h2 id="report-contents">{locale.texts().contents}</h2>
            <ActionForm action=save attr:class="form" attr:novalidate=true>
                <FormError error=action_error(save)/>
                <TextArea name="introduction" required=false rows=8 maxlength=INTRODUCTION_MAX
                    label=locale.texts().introduction_markdown
                    hint=locale.texts().placed_before_the_recommendations_may
                    value=d.introduction/>
                <fieldset>
                    <legend>{locale.texts().closed_rounds_to_include}</legend>
                    {choices("round", d.rounds)}
                </fieldset>
                <fieldset>
                    <legend>{locale.texts().topics_to_include}</legend>
                    {choices("topic", d.topics)}
                </fieldset>
                <button type="submit">{locale.texts().save}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="arguments">
            <h2 id="arguments">{locale.texts().pinned_arguments}</h2>
            <p>{locale.texts().for_each_adopted_proposal_pinned}</p>
            <FormError error=action_error(pin)/>
            {if d.adopted.is_empty() {
                view! { <p>{locale.texts().no_adopted_proposal_yet}</p> }.into_any()
            } else {
                d.adopted.into_iter().map(|p| view! {
                    <h3>{format!("n° {} — {}", p.id, p.title)}</h3>
                    {if p.arguments.is_empty() {
                        view! { <p>{locale.texts().no_comment_took_a_stance}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="report-candidates">
                                {p.arguments.into_iter().map(|a| argument_item(a, pin, locale)).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }).collect_view().into_any()
            }}
        </section>
        <section aria-labelledby="dissents">
            <h2 id="dissents">{locale.texts().nuances_and_dissent}</h2>
            <FormError error=action_error(delete)/>
            <ul class="report-dissents">
                {d.dissents.into_iter().map(|n| view! {
                    <li>
                        <p><strong>{format!("n° {} — {}", n.proposal_id, n.proposal_title)}</strong></p>
                        <blockquote lang=CONTENT_LANG>{n.body}</blockquote>
                        <Confirm label=locale.texts().delete_this_note warning=locale.texts().delete_note_warning>
                            <ActionForm action=delete attr:class="inline-form">
                                <input type="hidden" name="id" value=n.id.to_string()/>
                                <button type="submit" class="danger">{locale.texts().delete_note_confirm}</button>
                            </ActionForm>
                        </Confirm>
                    </li>
                }).collect_view()}
            </ul>
            {if has_notable {
                view! {
                    <ActionForm action=add attr:class="form" attr:novalidate=true>
                        <FormError error=action_error(add)/>
                        <div class="field">
                            <label for="dissent-proposal">{locale.texts().item_proposal}</label>
                            <select id="dissent-proposal" name="proposal">
                                {d.notable.into_iter().map(|p| view! {
                                    <option value=p.id.to_string()>{format!("n° {} — {}", p.id, p.title)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <TextArea name="body" rows=4 maxlength=DISSENT_MAX
                            label=locale.texts().dissent_note_markdown
                            hint=locale.texts().a_minority_position_to_keep/>
                        <button type="submit">{locale.texts().add_the_note}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p>{locale.texts().notes_attach_to_proposals_of}</p> }.into_any()
            }}
        </section>
    }
}
