//! `/topics/{slug}`: one topic of the debate, its proposals and its own discussion.

use crate::api::proposals::{get_topic_page, ProposalCard, SetTopicOpen};
use crate::components::form::{action_error, ErrorBox, FormError};
use crate::components::thread::CommentThread;
use crate::i18n::{count_of, status_name, use_locale, Counted, Locale, CONTENT_LANG};
use domain::proposal::ProposalStatus;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A topic's page.
#[component]
pub fn TopicPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let curate = ServerAction::<SetTopicOpen>::new();
    let page = Resource::new(
        move || {
            let q = query.read();
            (slug(), q.get("sort"), q.get("status"), q.get("after"))
        },
        |(slug, sort, status, after)| get_topic_page(slug, sort, status, after),
    );
    view! {
        <FormError error=action_error(curate)/>
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(t) => {
                        let sort = query.read_untracked().get("sort").unwrap_or_default();
                        let status = query.read_untracked().get("status").unwrap_or_default();
                        let base = format!("/topics/{}", t.slug);
                        let next = t.next.clone().map(|n| {
                            let href = format!("{base}?sort={sort}&status={status}&after={n}");
                            view! { <p class="pager"><A href=href>{tr.proposals_next}</A></p> }
                        });
                        let new_link = if t.can_propose {
                            view! { <p><A href=format!("{base}/new") attr:class="button">{tr.new_proposal}</A></p> }.into_any()
                        } else if !t.open {
                            view! { <p class="notice">{tr.topic_closed_notice}</p> }.into_any()
                        } else {
                            view! { <p class="notice"><a href="/login">{tr.login_to_take_part}</a></p> }.into_any()
                        };
                        let (topic_slug, open) = (t.slug.clone(), t.open);
                        let edit_href = format!("{base}/edit");
                        let curate_form = t.can_curate.then(move || view! {
                            <A href=edit_href attr:class="button secondary">{locale.texts().edit_the_topic}</A>" "
                            <ActionForm action=curate attr:class="inline-form">
                                <input type="hidden" name="slug" value=topic_slug/>
                                <input type="hidden" name="open" value=(!open).to_string()/>
                                <button type="submit" class="secondary">
                                    {if open { tr.topic_close_submit } else { tr.topic_open_submit }}
                                </button>
                            </ActionForm>
                        });
                        let empty = t.proposals.is_empty().then(|| view! { <p class="empty">{tr.proposals_empty}</p> });
                        view! {
                            <p class="breadcrumb"><A href="/">{tr.topic_back}</A></p>
                            <h1 lang=CONTENT_LANG>{t.title.clone()}</h1>
                            {(!t.question.is_empty()).then(|| view! { <p class="question-text" lang=CONTENT_LANG>{t.question.clone()}</p> })}
                            // Description headings start at h3 (see domain::markup): an h2 keeps the outline.
                            <h2 class="visually-hidden">{locale.texts().about_this_topic}</h2>
                            <div class="lead markdown" lang=CONTENT_LANG inner_html=t.description_html.clone()></div>
                            {t.archived.then(|| view! { <p class="notice">{locale.texts().this_topic_is_archived_it}</p> })}
                            {(t.premoderated && !t.archived).then(|| view! { <p class="notice">{locale.texts().new_contributions_to_this_topic}</p> })}
                            <section aria-labelledby="proposals-heading">
                                <h2 id="proposals-heading">{tr.topic_proposals}</h2>
                                {new_link}
                                {curate_form}
                                <ListControls base=base.clone() sort=sort.clone() status=status.clone() locale=locale/>
                                {empty}
                                <ol class="cards">
                                    {t.proposals.into_iter().map(|p| view! { <ProposalCardView card=p locale=locale/> }).collect_view()}
                                </ol>
                                {next}
                            </section>
                            <section aria-labelledby="comments-heading" id="comments">
                                <h2 id="comments-heading">{tr.topic_discussion}</h2>
                                <CommentThread topic=t.slug.clone() proposal=None/>
                            </section>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Sort and status links: plain links, so they work without JavaScript and can be shared.
#[component]
fn ListControls(base: String, sort: String, status: String, locale: Locale) -> impl IntoView {
    let tr = locale.texts();
    let sorts = [
        ("newest", tr.sort_newest),
        ("supported", tr.sort_supported),
        ("discussed", tr.sort_discussed),
    ];
    let current_sort = if sort.is_empty() {
        "newest".to_owned()
    } else {
        sort.clone()
    };
    let sort_links = sorts
        .into_iter()
        .map(|(key, label)| {
            let href = format!("{base}?sort={key}&status={status}");
            let current = (current_sort == key).then_some("page");
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let statuses = std::iter::once(("", tr.filter_all)).chain(
        ProposalStatus::ALL
            .into_iter()
            .filter(|s| s.is_public())
            .map(|s| (s.as_str(), status_name(s, locale))),
    );
    let status_links = statuses
        .map(|(key, label)| {
            let href = format!("{base}?sort={current_sort}&status={key}");
            let current = (status == key).then_some("page");
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="list-controls" aria-label=tr.sort_label>
            <span class="controls-label" aria-hidden="true">{tr.sort_label}" :"</span>
            <ul>{sort_links}</ul>
        </nav>
        <nav class="list-controls" aria-label=tr.filter_label>
            <span class="controls-label" aria-hidden="true">{tr.filter_label}" :"</span>
            <ul>{status_links}</ul>
        </nav>
    }
}

/// One proposal in a list.
#[component]
pub fn ProposalCardView(card: ProposalCard, locale: Locale) -> impl IntoView {
    let tr = locale.texts();
    let href = format!("/proposals/{}", card.id);
    let body = match card.hidden_reason.clone() {
        Some(reason) if card.title.is_empty() => view! {
            <p class="moderated">{tr.hidden_by_moderation}" " <span lang=CONTENT_LANG>{reason}</span></p>
        }.into_any(),
        _ => view! {
            <h3 lang=CONTENT_LANG><A href=href>{card.title.clone()}</A></h3>
            <p lang=CONTENT_LANG>{card.summary.clone()}</p>
        }.into_any(),
    };
    let pending = card
        .pending
        .then(|| view! { <span class="badge pending">{tr.pending_badge}</span> });
    // Closed discussions (adopted, rejected, withdrawn, merged) come after the open ones and
    // are marked so.
    let closed = card.status.is_public() && !card.status.is_open();
    view! {
        <li class="card" class:closed=closed>
            {body}
            <p class="meta">
                <span class="badge">{status_name(card.status, locale)}</span>
                {pending}
                " " {tr.by_author} " " {card.author_name.clone()}
                " · " <span class="supports">{count_of(card.support_count, Counted::Supports, locale)}</span>
                " · " <span class="comments">{count_of(card.comment_count, Counted::Comments, locale)}</span>
            </p>
        </li>
    }
}
