//! Curating the debate: `/curation` (every topic, with pin, archive and order),
//! `/curation/new` and `/topics/{slug}/edit` (a topic's text and moderation policy), and
//! `/admin/settings` (the moderation settings organisers tune).

use crate::api::topics::{
    manage_topics, moderation_settings, topic_fields, CreateTopic, EditTopic, MoveTopic,
    SetModerationSettings, TopicAdminDto, TopicFlag,
};
use crate::components::form::{action_error, ErrorBox, FormError, TextArea, TextField};
use crate::i18n::{use_locale, Locale, CONTENT_LANG};
use domain::topic::{DESCRIPTION_MAX, QUESTION_MAX, SLUG_LEN, TITLE_MAX};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// `/curation`: every topic, archived ones included, with the curators' controls.
#[component]
pub fn CurationPage() -> impl IntoView {
    let locale = use_locale();
    let texts = locale.texts();
    let flag = ServerAction::<TopicFlag>::new();
    let moved = ServerAction::<MoveTopic>::new();
    let topics = Resource::new(|| (), |_| manage_topics());
    view! {
        <h1>{locale.texts().debate_topics}</h1>
        <p><A href="/curation/new" attr:class="button">{locale.texts().new_topic}</A></p>
        <FormError error=action_error(flag)/>
        <FormError error=action_error(moved)/>
        <Suspense fallback=move || view! { <p>{texts.loading}</p> }>
            {move || Suspend::new(async move {
                match topics.await {
                    Ok(list) => view! {
                        <ol class="cards curation">
                            {list.into_iter().map(|t| view! { <CurationRow t=t locale=locale flag=flag moved=moved/> }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CurationRow(
    t: TopicAdminDto,
    locale: Locale,
    flag: ServerAction<TopicFlag>,
    moved: ServerAction<MoveTopic>,
) -> impl IntoView {
    let badges = [
        (t.pinned, locale.texts().pinned),
        (t.archived, locale.texts().archived),
        (!t.open, locale.texts().closed_to_proposals),
        (t.premoderated, locale.texts().pre_moderated),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, label)| view! { <span class="badge">{label}</span>" " })
    .collect_view();
    let flag_button = |name: &'static str, on: bool, label: &'static str| {
        let slug = t.slug.clone();
        view! {
            <ActionForm action=flag attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="flag" value=name/>
                <input type="hidden" name="on" value=on.to_string()/>
                <input type="hidden" name="back" value="manage"/>
                <button type="submit" class="secondary">{label}</button>
            </ActionForm>
        }
    };
    let move_button = |direction: &'static str, label: &'static str, aria: String| {
        let slug = t.slug.clone();
        view! {
            <ActionForm action=moved attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class="secondary" aria-label=aria>{label}</button>
            </ActionForm>
        }
    };
    let title = t.title.clone();
    let up = format!("{} : {title}", locale.texts().move_up);
    let down = format!("{} : {title}", locale.texts().move_down);
    let href = format!("/topics/{}", t.slug);
    let edit_href = format!("/topics/{}/edit", t.slug);
    view! {
        <li class="card">
            <h2 class="card-title" lang=CONTENT_LANG><A href=href>{title}</A></h2>
            <p class="meta">{badges}</p>
            <div class="actions">
                {move_button("up", "↑", up)}
                {move_button("down", "↓", down)}
                {flag_button("pinned", !t.pinned, if t.pinned { locale.texts().unpin } else { locale.texts().pin })}
                {flag_button("open", !t.open, if t.open { locale.texts().close_to_proposals } else { locale.texts().reopen_to_proposals })}
                {flag_button("archived", !t.archived, if t.archived { locale.texts().unarchive } else { locale.texts().archive })}
                <A href=edit_href attr:class="button secondary">{locale.texts().edit_comment}</A>
            </div>
        </li>
    }
}

/// The fields of a topic, empty for a new one.
#[component]
fn TopicFields(locale: Locale, topic: Option<TopicAdminDto>) -> impl IntoView {
    let t = topic.unwrap_or(TopicAdminDto {
        slug: String::new(),
        title: String::new(),
        description: String::new(),
        question: String::new(),
        open: true,
        pinned: false,
        archived: false,
        premoderated: false,
    });
    view! {
        <TextField name="title" label=locale.texts().field_title maxlength=TITLE_MAX value=t.title/>
        <TextField name="slug" label=locale.texts().address
            hint=locale.texts().in_the_url_topics_lower
            maxlength=SLUG_LEN.1 value=t.slug/>
        <TextArea name="description" label=locale.texts().description
            hint=locale.texts().markdown_bold_italic_lists_links
            rows=8 maxlength=DESCRIPTION_MAX value=t.description required=false/>
        <TextField name="question" label=locale.texts().framing_question_optional
            maxlength=QUESTION_MAX value=t.question required=false/>
        <div class="field checkbox">
            <input type="checkbox" id="premoderated" name="premoderated" value="true" checked=t.premoderated/>
            <label for="premoderated">{locale.texts().pre_moderation_new_proposals_and}</label>
        </div>
    }
}

/// `/curation/new`: a new topic.
#[component]
pub fn NewTopicPage() -> impl IntoView {
    let locale = use_locale();
    let create = ServerAction::<CreateTopic>::new();
    // Loading the list checks the reader's role before showing a form they could not use.
    let allowed = Resource::new(|| (), |_| manage_topics());
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match allowed.await {
                    Ok(_) => view! {
                        <p class="breadcrumb"><A href="/curation">{locale.texts().debate_topics}</A></p>
                        <h1>{locale.texts().new_topic}</h1>
                        <ActionForm action=create attr:class="form wide" attr:novalidate=true>
                            <FormError error=action_error(create)>
                                <TopicFields locale=locale topic=None/>
                            </FormError>
                            <button type="submit">{locale.texts().create_the_topic}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/topics/{slug}/edit`: a topic's text and policy.
#[component]
pub fn EditTopicPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let edit = ServerAction::<EditTopic>::new();
    let topic = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        topic_fields,
    );
    view! {
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match topic.await {
                    Ok(t) => {
                        let back = format!("/topics/{}", t.slug);
                        let title = t.title.clone();
                        let current = t.slug.clone();
                        view! {
                        <p class="breadcrumb"><A href=back><span lang=CONTENT_LANG>{title}</span></A></p>
                        <h1>{locale.texts().edit_the_topic}</h1>
                        <ActionForm action=edit attr:class="form wide" attr:novalidate=true>
                            <input type="hidden" name="current" value=current/>
                            <FormError error=action_error(edit)>
                                <TopicFields locale=locale topic=Some(t)/>
                            </FormError>
                            <button type="submit">{locale.texts().save}</button>
                        </ActionForm>
                    }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/admin/settings`: the report threshold and the young-account rule.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let locale = use_locale();
    let save = ServerAction::<SetModerationSettings>::new();
    let settings = Resource::new(|| (), |_| moderation_settings());
    view! {
        <h1>{locale.texts().moderation_settings}</h1>
        <Suspense fallback=move || view! { <p>{locale.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(s) => view! {
                        <ActionForm action=save attr:class="form" attr:novalidate=true>
                            <FormError error=action_error(save)/>
                            <TextField name="report_threshold" kind="number"
                                label=locale.texts().reports_that_hide_an_item
                                hint=locale.texts().n1_to_100_reports_from
                                value=s.report_threshold.to_string()/>
                            <TextField name="young_account_hours" kind="number"
                                label=locale.texts().pre_moderate_everywhere_accounts_younger
                                hint=locale.texts().n0_turns_this_rule_off
                                value=s.young_account_hours.to_string()/>
                            <TextField name="reporter_min_hours" kind="number"
                                label=locale.texts().reporter_min_hours_label
                                hint=locale.texts().reporter_min_hours_hint
                                value=s.reporter_min_hours.to_string()/>
                            <TextField name="reporter_min_contributions" kind="number"
                                label=locale.texts().reporter_min_contributions_label
                                hint=locale.texts().reporter_min_contributions_hint
                                value=s.reporter_min_contributions.to_string()/>
                            <button type="submit">{locale.texts().save}</button>
                        </ActionForm>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
