//! `/proposals/{id}` and its sub-pages: reading a proposal, writing one, editing it, and the
//! history of its versions with the differences between them.

use crate::api::moderation::{Appeal, Contest, Moderate, Report};
use crate::api::proposals::{
    get_proposal, get_proposal_diff, get_topic_page, AnswerInvitation, ChangeProposalStatus,
    CreateProposal, EditProposal, InviteCoauthor, ProposalDto, SetSupport,
};
use crate::components::form::{action_error, Confirm, ErrorBox, FormError, TextArea, TextField};
use crate::components::report::{
    AppealView, AuthorName, ContestForm, ContestedNotice, HideForm, PersonLink, ReportForm,
    UnderReviewNotice,
};
use crate::components::thread::CommentThread;
use crate::i18n::{count_of, stance_name, status_name, use_locale, Counted, Locale, CONTENT_LANG};
use domain::comment::Stance;
use domain::diff::Span;
use domain::proposal::{ProposalStatus, BODY_MAX, SUMMARY_MAX, TITLE_MAX};
use domain::ProposalId;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A proposal's page.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let id = super::id_param::<ProposalId>();
    let support = ServerAction::<SetSupport>::new();
    let status = ServerAction::<ChangeProposalStatus>::new();
    let report = ServerAction::<Report>::new();
    let moderate = ServerAction::<Moderate>::new();
    let appeal = ServerAction::<Appeal>::new();
    let contest = ServerAction::<Contest>::new();
    let invite = ServerAction::<InviteCoauthor>::new();
    let answer = ServerAction::<AnswerInvitation>::new();
    let proposal = Resource::new(id, get_proposal);
    let actions = ProposalActions {
        support,
        status,
        report,
        moderate,
        appeal,
        contest,
        invite,
        answer,
    };
    view! {
        <FormError error=action_error(contest)/>
        <FormError error=action_error(invite)/>
        <FormError error=action_error(answer)/>
        <FormError error=action_error(support)/>
        <FormError error=action_error(status)/>
        <FormError error=action_error(report)/>
        <FormError error=action_error(moderate)/>
        <FormError error=action_error(appeal)/>
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match proposal.await {
                    Ok(p) => view! { <ProposalView p=p actions=actions/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The forms of a proposal's page.
#[derive(Clone, Copy)]
struct ProposalActions {
    support: ServerAction<SetSupport>,
    status: ServerAction<ChangeProposalStatus>,
    report: ServerAction<Report>,
    moderate: ServerAction<Moderate>,
    appeal: ServerAction<Appeal>,
    contest: ServerAction<Contest>,
    invite: ServerAction<InviteCoauthor>,
    answer: ServerAction<AnswerInvitation>,
}

#[component]
fn ProposalView(p: ProposalDto, actions: ProposalActions) -> impl IntoView {
    let ProposalActions {
        support,
        status,
        report,
        moderate,
        appeal,
        contest,
        invite,
        answer,
    } = actions;
    let locale = use_locale();
    let tr = locale.texts();
    let topic_href = format!("/topics/{}", p.topic_slug);
    let heading = proposal_heading(&p, appeal, locale);
    let supports = count_of(p.support_count, Counted::Supports, locale);
    let support_form = p.can_support.then(|| {
        let supported = p.supported;
        view! {
            {supported.then(|| view! { <p class="notice">{tr.you_support}</p> })}
            <ActionForm action=support attr:class="inline-form">
                <input type="hidden" name="id" value=p.id.get()/>
                <input type="hidden" name="on" value=(!supported).to_string()/>
                <button type="submit" class=if supported { "secondary" } else { "" }>
                    {if supported { tr.unsupport_submit } else { tr.support_submit }}
                </button>
            </ActionForm>
        }
    });
    let edit_link = p
        .can_edit
        .then(|| view! { <A href=format!("/proposals/{}/edit", p.id) attr:class="button secondary">{tr.edit_link}</A> });
    let history_link = (!p.versions.is_empty()).then(|| {
        view! { <A href=format!("/proposals/{}/history", p.id)>{tr.history_link}</A> }
    });
    let status_form = |action: &'static str, label: &'static str| {
        view! {
            <ActionForm action=status attr:class="inline-form">
                <input type="hidden" name="id" value=p.id.get()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="secondary">{label}</button>
            </ActionForm>
        }
    };
    let publish = p
        .can_publish
        .then(|| status_form("publish", tr.publish_submit));
    let withdraw = p.can_withdraw.then(|| {
        let form = status_form("withdraw", tr.withdraw_confirm);
        view! {
            <Confirm label=tr.withdraw_submit warning=tr.withdraw_warning>{form}</Confirm>
        }
    });
    let organiser = organiser_actions(&p, status, locale);
    let coauthors = (!p.coauthors.is_empty()).then(|| {
        view! {
            <dt>{locale.texts().co_authors}</dt>
            <dd>{p.coauthors.join(", ")}</dd>
        }
    });
    let (invite, invitation) = coauthor_forms(&p, invite, answer, locale);
    let merged = p
        .merged_into
        .filter(|_| p.status == ProposalStatus::Merged)
        .map(|target| {
            view! {
                <p class="notice">{locale.texts().merged_into_proposal}" "
                    <A href=format!("/proposals/{target}")>{format!("n° {target}")}</A></p>
            }
        });
    let report_form = p
        .can_report
        .then(|| view! { <ReportForm action=report kind="proposal" id=p.id locale=locale/> });
    let hide_form = p
        .can_hide
        .then(|| view! { <HideForm action=moderate kind="proposal" id=p.id locale=locale/> });
    let person_link = p.moderate_author.map(|id| view! { <PersonLink id=id/> });
    let contest_form = p.can_contest.then(|| {
        view! { <ContestForm action=contest kind="proposal" id=p.id contested=p.contested.is_some() locale=locale/> }
    });
    let stances = Stance::ALL
        .into_iter()
        .zip(p.stances)
        .map(|(s, n)| view! { <li><span class=format!("badge stance-{}", s.as_str())>{stance_name(s, locale)}</span>" " {n}</li> })
        .collect_view();
    view! {
        <p class="breadcrumb"><A href=topic_href>{tr.proposal_topic}" : " <span lang=CONTENT_LANG>{p.topic_title.clone()}</span></A></p>
        <article class="proposal">
            {heading}
            <dl class="facts">
                <dt>{tr.proposal_status}</dt><dd>{status_name(p.status, locale)}</dd>
                <dt>{tr.proposal_author}</dt><dd><AuthorName name=p.author_name.clone() badge=p.author_badge locale=locale/></dd>
                {coauthors}
                <dt>{tr.proposal_version}</dt><dd>{p.version}" · " {history_link}</dd>
                <dt>{tr.proposal_supports}</dt><dd>{supports}</dd>
            </dl>
            {merged}
            {invitation}
            <div class="actions">{support_form}{edit_link}{publish}{withdraw}{report_form}{hide_form}{person_link}{contest_form}{invite}</div>
            {organiser}
            <section aria-labelledby="stances-heading">
                <h2 id="stances-heading" class="small-heading">{tr.stances_label}</h2>
                <ul class="stances">{stances}</ul>
            </section>
        </article>
        <section aria-labelledby="comments-heading" id="comments">
            <h2 id="comments-heading">{tr.comments_title}" (" {p.comment_count} ")"</h2>
            <CommentThread topic=p.topic_slug.clone() proposal=Some(p.id)/>
        </section>
    }
}

/// A proposal's title, moderation notes, summary and text (or only why it is hidden).
fn proposal_heading(p: &ProposalDto, appeal: ServerAction<Appeal>, locale: Locale) -> AnyView {
    let tr = locale.texts();
    if p.title.is_empty() {
        view! {
            <h1>{tr.topic_proposals}</h1>
            <p class="moderated">{tr.hidden_by_moderation}" "
                <span lang=CONTENT_LANG>{p.hidden_reason.clone().unwrap_or_default()}</span></p>
        }
        .into_any()
    } else {
        let notes = view! {
            {p.pending.then(|| view! { <p class="badge pending">{tr.pending_badge}</p> })}
            {p.under_review.then(|| view! { <UnderReviewNotice locale=locale/> })}
            {p.hidden_reason.clone().map(|r| view! {
                <p class="moderated">{tr.hidden_by_moderation}" " <span lang=CONTENT_LANG>{r}</span></p>
            })}
            {(p.status == ProposalStatus::Draft).then(|| view! { <p class="notice">{tr.draft_notice}</p> })}
            {(p.can_appeal || p.appeal != 0).then(|| view! {
                <AppealView action=appeal kind="proposal" id=p.id can_appeal=p.can_appeal appeal=p.appeal
                    locale=locale/>
            })}
        };
        view! {
            <h1 lang=CONTENT_LANG>{p.title.clone()}</h1>
            {notes}
            <p class="lead" lang=CONTENT_LANG>{p.summary.clone()}</p>
            // The body's own headings start at h3 (domain::markup demotes them): this h2 keeps
            // the outline without a skipped level.
            {(!p.body_html.is_empty()).then(|| view! { <h2 class="visually-hidden">{locale.texts().field_body}</h2> })}
            <div class="prose" lang=CONTENT_LANG inner_html=p.body_html.clone()></div>
            {p.contested.clone().map(|label| view! { <ContestedNotice label=label locale=locale/> })}
        }
        .into_any()
    }
}

/// The organiser's decisions on a proposal: put to the vote, record the outcome, merge.
fn organiser_actions(
    p: &ProposalDto,
    status: ServerAction<ChangeProposalStatus>,
    locale: Locale,
) -> Option<impl IntoView> {
    let id = p.id;
    let status_form = move |action: &'static str, label: &'static str| {
        view! {
            <ActionForm action=status attr:class="inline-form">
                <input type="hidden" name="id" value=id.get()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="secondary">{label}</button>
            </ActionForm>
        }
    };
    (!p.organiser_actions.is_empty()).then(|| {
        let forms = p.organiser_actions.iter().map(|a| {
            let label = match a.as_str() {
                "open_vote" => locale.texts().put_to_the_vote,
                "adopt" => locale.texts().record_adopted,
                "reject" => locale.texts().record_rejected,
                _ => "",
            };
            if a == "merge" {
                let field = format!("merge-{}", id);
                view! {
                    <details class="inline-details">
                        <summary>{locale.texts().merge_into_another_proposal}</summary>
                        <ActionForm action=status attr:class="form">
                            <input type="hidden" name="id" value=id.get()/>
                            <input type="hidden" name="action" value="merge"/>
                            <div class="field">
                                <label for=field.clone()>{locale.texts().number_of_the_proposal_it}</label>
                                <input id=field type="number" name="into" required=true min="1"/>
                            </div>
                            <button type="submit" class="secondary">{locale.texts().merge}</button>
                        </ActionForm>
                    </details>
                }.into_any()
            } else {
                status_form(if a == "open_vote" { "open_vote" } else if a == "adopt" { "adopt" } else { "reject" }, label).into_any()
            }
        }).collect_view();
        view! { <div class="actions organiser">{forms}</div> }
    })
}

/// Inviting a co-author (for the authors), and answering an invitation (for the invited).
fn coauthor_forms(
    p: &ProposalDto,
    invite: ServerAction<InviteCoauthor>,
    answer: ServerAction<AnswerInvitation>,
    locale: Locale,
) -> (Option<impl IntoView>, Option<impl IntoView>) {
    let id = p.id;
    let invite = p.can_invite.then(|| {
        let field = format!("invite-{}", id);
        let waiting = (!p.invitations.is_empty()).then(|| view! {
            <p class="hint">{locale.texts().invitations_waiting}" " {p.invitations.join(", ")}</p>
        });
        view! {
            <details class="inline-details">
                <summary>{locale.texts().invite_a_co_author}</summary>
                <ActionForm action=invite attr:class="form">
                    <input type="hidden" name="id" value=id.get()/>
                    <div class="field">
                        <label for=field.clone()>{locale.texts().username_of_the_person_invited}</label>
                        <input id=field type="text" name="username" required=true maxlength="32" autocomplete="off"/>
                    </div>
                    <button type="submit" class="secondary">{locale.texts().invite}</button>
                </ActionForm>
                {waiting}
            </details>
        }
    });
    let invitation = p.invited.then(|| {
        let answer = |accept: bool, label: &'static str| view! {
            <ActionForm action=answer attr:class="inline-form">
                <input type="hidden" name="id" value=id.get()/>
                <input type="hidden" name="accept" value=accept.to_string()/>
                <button type="submit" class=if accept { "" } else { "secondary" }>{label}</button>
            </ActionForm>
        };
        view! {
            <div class="notice">
                <p>{locale.texts().you_are_invited_to_co}</p>
                <div class="actions">
                    {answer(true, locale.texts().accept)}
                    {answer(false, locale.texts().decline)}
                </div>
            </div>
        }
    });
    (invite, invitation)
}

/// `/topics/{slug}/new`: writing a proposal.
#[component]
pub fn NewProposalPage() -> impl IntoView {
    let tr = use_locale().texts();
    let params = use_params_map();
    let create = ServerAction::<CreateProposal>::new();
    // The topic is loaded to show its title and to answer 404 for an unknown slug.
    let topic = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        |slug| get_topic_page(slug, None, None, None),
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match topic.await {
                    Ok(t) if t.can_propose => view! {
                        <p class="breadcrumb"><A href=format!("/topics/{}", t.slug)>{tr.proposal_topic}" : " <span lang=CONTENT_LANG>{t.title.clone()}</span></A></p>
                        <h1>{tr.new_proposal_title}</h1>
                        <ActionForm action=create attr:class="form wide" attr:novalidate=true>
                            <FormError error=action_error(create)>
                                <input type="hidden" name="topic" value=t.slug.clone()/>
                                <TextField name="title" label=tr.field_title hint=tr.field_title_hint maxlength=TITLE_MAX/>
                                <TextArea name="summary" label=tr.field_summary hint=tr.field_summary_hint rows=3 maxlength=SUMMARY_MAX/>
                                <TextArea name="body" label=tr.field_body hint=tr.field_body_hint rows=12 maxlength=BODY_MAX required=false/>
                            </FormError>
                            <div class="actions">
                                <button type="submit" name="intent" value="publish">{tr.submit_publish}</button>
                                <button type="submit" name="intent" value="draft" class="secondary">{tr.submit_draft}</button>
                            </div>
                        </ActionForm>
                    }.into_any(),
                    Ok(_) => view! { <ErrorBox error=crate::error::AppError::Unauthenticated/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/proposals/{id}/edit`: a new version of the text.
#[component]
pub fn EditProposalPage() -> impl IntoView {
    let tr = use_locale().texts();
    let id = super::id_param::<ProposalId>();
    let edit = ServerAction::<EditProposal>::new();
    let proposal = Resource::new(id, get_proposal);
    view! {
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match proposal.await {
                    Ok(p) if p.can_edit => {
                        let back = format!("/proposals/{}", p.id);
                        let title = p.title.clone();
                        view! {
                        <p class="breadcrumb"><A href=back><span lang=CONTENT_LANG>{title}</span></A></p>
                        <h1>{tr.edit_proposal_title}</h1>
                        <ActionForm action=edit attr:class="form wide" attr:novalidate=true>
                            <FormError error=action_error(edit)>
                                <input type="hidden" name="id" value=p.id.get()/>
                                <input type="hidden" name="version" value=p.version/>
                                <TextField name="title" label=tr.field_title hint=tr.field_title_hint maxlength=TITLE_MAX value=p.title.clone()/>
                                <TextArea name="summary" label=tr.field_summary hint=tr.field_summary_hint rows=3 maxlength=SUMMARY_MAX value=p.summary.clone()/>
                                <TextArea name="body" label=tr.field_body hint=tr.field_body_hint rows=12 maxlength=BODY_MAX value=p.body.clone() required=false/>
                            </FormError>
                            <button type="submit">{tr.save_version}</button>
                        </ActionForm>
                    }.into_any()
                    },
                    Ok(_) => view! { <ErrorBox error=crate::error::AppError::Forbidden/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/proposals/{id}/history?from=&to=`: the versions and what changed between two of them.
#[component]
pub fn ProposalHistoryPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let id = super::id_param::<ProposalId>();
    let query = use_query_map();
    let num = move |k: &str| query.read().get(k).and_then(|v| v.parse::<i64>().ok());
    let proposal = Resource::new(id, get_proposal);
    let diff = Resource::new(
        move || (id(), num("from"), num("to")),
        |(id, from, to)| get_proposal_diff(id, from, to),
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                let (p, d) = (proposal.await, diff.await);
                match (p, d) {
                    (Ok(p), Ok(d)) => {
                        let versions = p.versions.clone();
                        let options = move |selected: i64| versions.iter().map(|v| view! {
                            <option value=v.version selected=v.version == selected>{locale.texts().version_n(v.version)}</option>
                        }).collect_view();
                        let rows = p.versions.iter().rev().map(|v| view! {
                            <li>{locale.texts().version_n(v.version)}" — " {v.editor_name.clone()}", "
                                <time datetime=domain::time::iso_utc(v.created_at)>{domain::time::paris_datetime(v.created_at)}</time></li>
                        }).collect_view();
                        view! {
                            <p class="breadcrumb"><A href=format!("/proposals/{}", p.id)><span lang=CONTENT_LANG>{p.title.clone()}</span></A></p>
                            <h1>{tr.history_title}</h1>
                            <ol class="versions">{rows}</ol>
                            <form method="get" class="form inline-fields">
                                <div class="field"><label for="from">{tr.compare_from}</label>
                                    <select id="from" name="from">{options(d.from)}</select></div>
                                <div class="field"><label for="to">{tr.compare_to}</label>
                                    <select id="to" name="to">{options(d.to)}</select></div>
                                <button type="submit">{tr.compare_submit}</button>
                            </form>
                            <h2>{locale.texts().version_n(d.from)}" → " {locale.texts().version_n(d.to)}</h2>
                            <p class="hint">{tr.diff_legend}</p>
                            <h3>{tr.field_title}</h3><DiffView spans=d.title/>
                            <h3>{tr.field_summary}</h3><DiffView spans=d.summary/>
                            <h3>{tr.field_body}</h3><DiffView spans=d.body/>
                        }.into_any()
                    }
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DiffView(spans: Vec<Span>) -> impl IntoView {
    let tr = use_locale().texts();
    if spans.iter().all(|s| matches!(s, Span::Same(_))) {
        return view! { <p class="diff-unchanged">{tr.diff_unchanged}</p> }.into_any();
    }
    view! {
        <pre class="diff" lang=CONTENT_LANG>
            {spans.into_iter().map(|s| match s {
                Span::Same(t) => view! { <span>{t}</span> }.into_any(),
                Span::Added(t) => view! { <ins>{t}</ins> }.into_any(),
                Span::Removed(t) => view! { <del>{t}</del> }.into_any(),
            }).collect_view()}
        </pre>
    }
    .into_any()
}
