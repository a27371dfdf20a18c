//! A discussion thread: comments with their replies, and the forms to write, answer, edit,
//! delete and upvote. Every form is a plain form post that also works without JavaScript.

use crate::api::comments::{
    get_thread, CommentDto, CommentState, DeleteComment, EditComment, PostComment, SetUpvote,
};
use crate::api::moderation::{Appeal, Contest, Moderate, Report};
use crate::components::form::{action_error, Confirm, ErrorBox, FormError, TextArea};
use crate::components::report::{
    AppealView, AuthorName, ContestForm, ContestedNotice, HideForm, PersonLink, ReportForm,
    UnderReviewNotice,
};
use crate::i18n::{count_of, stance_name, use_locale, Counted, Locale, CONTENT_LANG};
use domain::comment::{Stance, COMMENT_MAX};
use domain::{CommentId, ProposalId};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// The actions of a thread, shared by all its comments.
#[derive(Clone, Copy)]
struct ThreadActions {
    post: ServerAction<PostComment>,
    edit: ServerAction<EditComment>,
    delete: ServerAction<DeleteComment>,
    upvote: ServerAction<SetUpvote>,
    report: ServerAction<Report>,
    moderate: ServerAction<Moderate>,
    appeal: ServerAction<Appeal>,
    contest: ServerAction<Contest>,
}

/// The comments of a proposal, or of a topic itself when `proposal` is `None`.
#[component]
pub fn CommentThread(topic: String, proposal: Option<ProposalId>) -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let actions = ThreadActions {
        post: ServerAction::new(),
        edit: ServerAction::new(),
        delete: ServerAction::new(),
        upvote: ServerAction::new(),
        report: ServerAction::new(),
        moderate: ServerAction::new(),
        appeal: ServerAction::new(),
        contest: ServerAction::new(),
    };
    let query = use_query_map();
    let location = use_location();
    #[cfg(feature = "ssr")]
    let request = crate::server::RequestContext::capture();
    let thread = Resource::new(
        move || {
            query
                .read()
                .get("from")
                .and_then(|f| f.parse::<CommentId>().ok())
        },
        move |from| {
            let topic = topic.clone();
            #[cfg(feature = "ssr")]
            return request.run(move || get_thread(topic, proposal, from));
            #[cfg(not(feature = "ssr"))]
            get_thread(topic, proposal, from)
        },
    );
    view! {
        <FormError error=action_error(actions.post)/>
        <FormError error=action_error(actions.edit)/>
        <FormError error=action_error(actions.delete)/>
        <FormError error=action_error(actions.upvote)/>
        <FormError error=action_error(actions.report)/>
        <FormError error=action_error(actions.moderate)/>
        <FormError error=action_error(actions.appeal)/>
        <FormError error=action_error(actions.contest)/>
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match thread.await {
                    Ok(t) => {
                        let empty = t.comments.is_empty().then(|| view! { <p class="empty">{tr.comments_empty}</p> });
                        let form = if t.can_comment {
                            view! {
                                <CommentForm actions=actions topic=t.topic.clone() proposal=t.proposal
                                    parent=None locale=locale/>
                            }.into_any()
                        } else if t.open {
                            view! { <p class="notice"><a href="/login">{tr.login_to_take_part}</a></p> }.into_any()
                        } else {
                            view! { <p class="notice">{tr.comments_closed}</p> }.into_any()
                        };
                        let topic = t.topic.clone();
                        let proposal = t.proposal;
                        let path = location.pathname.get_untracked();
                        let first = t.from.map(|_| view! {
                            <p class="pager"><a href=format!("{path}#comments")>{locale.texts().start_of_the_discussion}</a></p>
                        });
                        let next = t.next_from.map(|n| view! {
                            <p class="pager"><a href=format!("{path}?from={n}#comments")>{locale.texts().more_of_the_discussion}</a></p>
                        });
                        view! {
                            {empty}
                            {first}
                            <ol class="thread">
                                {t.comments.into_iter().map(|c| view! {
                                    <CommentView comment=c actions=actions topic=topic.clone() proposal=proposal locale=locale/>
                                }).collect_view()}
                            </ol>
                            {next}
                            {form}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form for a new comment or a reply.
#[component]
fn CommentForm(
    actions: ThreadActions,
    topic: String,
    proposal: Option<ProposalId>,
    parent: Option<CommentId>,
    locale: Locale,
) -> impl IntoView {
    let tr = locale.texts();
    let id = match parent {
        Some(p) => format!("reply-{p}"),
        None => "new-comment".to_owned(),
    };
    let stance = (proposal.is_some() && parent.is_none()).then(|| {
        view! {
            <fieldset class="stance">
                <legend>{tr.comment_stance}</legend>
                <label><input type="radio" name="stance" value="" checked=true/>{tr.stance_none}</label>
                {Stance::ALL.into_iter().map(|s| view! {
                    <label><input type="radio" name="stance" value=s.as_str()/>{stance_name(s, locale)}</label>
                }).collect_view()}
            </fieldset>
        }
    });
    let (label, submit) = if parent.is_some() {
        (tr.comment_field, tr.reply_submit)
    } else {
        (tr.comment_field, tr.comment_submit)
    };
    view! {
        <ActionForm action=actions.post attr:class="form comment-form">
            <input type="hidden" name="topic" value=topic/>
            {proposal.map(|p| view! { <input type="hidden" name="proposal" value=p.get()/> })}
            {parent.map(|p| view! { <input type="hidden" name="parent" value=p.get()/> })}
            <TextArea name="body" id=format!("{id}-body") label=label hint=tr.comment_hint rows=4 maxlength=COMMENT_MAX/>
            {stance}
            <button type="submit">{submit}</button>
        </ActionForm>
    }
}

/// One comment, with its actions.
#[component]
fn CommentView(
    comment: CommentDto,
    actions: ThreadActions,
    topic: String,
    proposal: Option<ProposalId>,
    locale: Locale,
) -> impl IntoView {
    let tr = locale.texts();
    let c = comment;
    let anchor = format!("comment-{}", c.id);
    let when = domain::time::paris_datetime(c.created_at);
    let iso = domain::time::iso_utc(c.created_at);
    let depth_class = format!("comment depth-{}", c.depth.min(domain::comment::MAX_DEPTH));
    let content = match &c.state {
        CommentState::Deleted => view! { <p class="tombstone">{tr.deleted_comment}</p> }.into_any(),
        CommentState::Hidden(reason) if c.body_html.is_empty() => view! {
            <p class="moderated">{tr.hidden_by_moderation}" " <span lang=CONTENT_LANG>{reason.clone()}</span></p>
        }.into_any(),
        state => {
            let note = match state {
                CommentState::Pending => Some(view! { <p class="badge pending">{tr.pending_badge}</p> }.into_any()),
                CommentState::Hidden(reason) => Some(view! {
                    <p class="moderated">{tr.hidden_by_moderation}" " <span lang=CONTENT_LANG>{reason.clone()}</span></p>
                }.into_any()),
                _ => None,
            };
            let contested = c.contested.clone().map(|label| view! { <ContestedNotice label=label locale=locale/> });
            let under_review = c.under_review.then(|| view! { <UnderReviewNotice locale=locale/> });
            view! {
                {note}
                {under_review}
                <div class="prose" lang=CONTENT_LANG inner_html=c.body_html.clone()></div>
                {contested}
            }.into_any()
        }
    };
    let header = (c.state != CommentState::Deleted).then(|| {
        let stance = c.stance.map(|s| view! { <span class=format!("badge stance-{}", s.as_str())>{stance_name(s, locale)}</span> });
        let edited = c.edited.then(|| view! { <span class="edited">" (" {tr.edited_mark} ")"</span> });
        view! {
            <p class="comment-meta">
                <AuthorName name=c.author_name.clone() badge=c.author_badge locale=locale/>" · "
                <a href=format!("#{anchor}")><time datetime=iso>{when}</time></a>
                {edited}
                " " {stance}
            </p>
        }
    });
    let upvote = (c.state == CommentState::Published).then(|| {
        let count = count_of(c.upvotes, Counted::Upvotes, locale);
        if c.can_upvote {
            view! {
                <ActionForm action=actions.upvote attr:class="inline-form">
                    <input type="hidden" name="id" value=c.id.get()/>
                    <input type="hidden" name="on" value=(!c.upvoted).to_string()/>
                    <button type="submit" class="link-button" aria-pressed=c.upvoted.to_string()>
                        {if c.upvoted { tr.unupvote } else { tr.upvote }}
                    </button>
                </ActionForm>
                <span class="count">{count}</span>
            }
            .into_any()
        } else {
            view! { <span class="count">{count}</span> }.into_any()
        }
    });
    let reply = c.can_reply.then(|| view! {
        <details class="inline-details">
            <summary>{tr.reply}</summary>
            <CommentForm actions=actions topic=topic.clone() proposal=proposal parent=Some(c.id) locale=locale/>
        </details>
    });
    let edit = c.can_edit.then(|| view! {
        <details class="inline-details">
            <summary>{tr.edit_comment}</summary>
            <ActionForm action=actions.edit attr:class="form">
                <input type="hidden" name="id" value=c.id.get()/>
                <TextArea name="body" id=format!("edit-{}-body", c.id) label=tr.comment_field rows=4
                    maxlength=COMMENT_MAX value=c.body.clone()/>
                <button type="submit">{tr.edit_comment_submit}</button>
            </ActionForm>
        </details>
    });
    let delete = c.can_delete.then(|| {
        view! {
            <Confirm label=tr.delete_comment warning=tr.delete_comment_warning>
                <ActionForm action=actions.delete attr:class="inline-form">
                    <input type="hidden" name="id" value=c.id.get()/>
                    <button type="submit" class="danger">{tr.delete_comment_confirm}</button>
                </ActionForm>
            </Confirm>
        }
    });
    let appeal = (c.can_appeal || c.appeal != 0).then(|| {
        view! {
            <AppealView action=actions.appeal kind="comment" id=c.id can_appeal=c.can_appeal
                appeal=c.appeal locale=locale/>
        }
    });
    let report = c.can_report.then(|| {
        view! { <ReportForm action=actions.report kind="comment" id=c.id locale=locale/> }
    });
    let hide = c.can_hide.then(
        || view! { <HideForm action=actions.moderate kind="comment" id=c.id locale=locale/> },
    );
    let person = c.moderate_author.map(|id| view! { <PersonLink id=id/> });
    let contest = c.can_contest.then(|| {
        view! { <ContestForm action=actions.contest kind="comment" id=c.id contested=c.contested.is_some() locale=locale/> }
    });
    view! {
        <li class=depth_class id=anchor>
            <article>
                {header}
                {content}
                <div class="comment-actions">{upvote}{reply}{edit}{delete}{report}{hide}{person}{contest}</div>
                {appeal}
            </article>
        </li>
    }
}
