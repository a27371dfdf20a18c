//! `/moderation`: the queue of items waiting for a moderator; `/moderation/users`: suspended
//! accounts; `/moderation/people/:id`: one person, their history and the steps on their
//! account; `/admin/audit`: the log of every moderation action.

use crate::api::admin::{person, suspended_users, ReinstateUser, SuspendUser};
use crate::api::moderation::{
    get_audit_log, get_queue, Contest, ItemKind, LogEntry, Moderate, QueueItem,
};
use crate::components::form::{action_error, ErrorBox, FormError};
use crate::components::report::{
    ContestForm, ContestedNotice, DecisionButton, HideForm, SuspendForm,
};
use crate::components::scroll::ScrollBox;
use crate::i18n::{
    moderation_action_name, report_reason_name, role_name, status_name, use_locale, Locale,
    CONTENT_LANG,
};
use domain::moderation::Visibility;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn kind_name(kind: ItemKind, locale: Locale) -> &'static str {
    match kind {
        ItemKind::Proposal => locale.texts().item_proposal,
        ItemKind::Comment => locale.texts().item_comment,
        ItemKind::Topic => locale.texts().item_topic,
        ItemKind::Round => locale.texts().voting_round,
        ItemKind::Report => locale.texts().report,
        ItemKind::Account => locale.texts().account,
        ItemKind::Convention => locale.texts().settings,
    }
}

/// The moderation queue (`?hidden=true`: the hidden items).
#[component]
pub fn ModerationPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let query = use_query_map();
    let moderate = ServerAction::<Moderate>::new();
    let contest = ServerAction::<Contest>::new();
    let suspend = ServerAction::<SuspendUser>::new();
    let hidden = move || query.read().get("hidden").as_deref() == Some("true");
    let queue = Resource::new(hidden, |hidden| get_queue(Some(hidden)));
    let actions = QueueActions {
        moderate,
        contest,
        suspend,
    };
    view! {
        <FormError error=action_error(moderate)/>
        <FormError error=action_error(contest)/>
        <FormError error=action_error(suspend)/>
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(q) => {
                        let (title, switch) = if q.hidden {
                            (tr.moderation_hidden_title, view! { <A href="/moderation">{tr.moderation_show_queue}</A> })
                        } else {
                            (tr.moderation_title, view! { <A href="/moderation?hidden=true">{tr.moderation_show_hidden}</A> })
                        };
                        let empty = q.items.is_empty().then(|| view! { <p class="empty">{tr.moderation_empty}</p> });
                        view! {
                            <h1>{title}</h1>
                            <p>{switch}" · " <A href="/moderation/users">{locale.texts().suspended_accounts}</A>
                                " · " <A href="/curation">{locale.texts().debate_topics}</A></p>
                            {empty}
                            <ul class="cards queue">
                                {q.items.into_iter().map(|item| view! {
                                    <QueueCard item=item actions=actions locale=locale/>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The moderators' actions on queue items.
#[derive(Clone, Copy)]
struct QueueActions {
    moderate: ServerAction<Moderate>,
    contest: ServerAction<Contest>,
    suspend: ServerAction<SuspendUser>,
}

#[component]
fn QueueCard(item: QueueItem, actions: QueueActions, locale: Locale) -> impl IntoView {
    let tr = locale.texts();
    let moderate = actions.moderate;
    let kind = item.kind.as_str();
    let state = match &item.visibility {
        Visibility::Pending => view! { <span class="badge pending">{tr.pending_badge}</span> }.into_any(),
        Visibility::AwaitingReview => {
            view! { <span class="badge pending">{tr.awaiting_review_badge}</span> }.into_any()
        }
        Visibility::Hidden(reason) => view! {
            <span class="badge">{tr.hidden_badge}</span>
            <span class="moderated">{tr.hidden_by_moderation}" " <span lang=CONTENT_LANG>{reason.clone()}</span></span>
        }
        .into_any(),
        _ if item.under_review => {
            view! { <span class="badge pending">{tr.under_review_notice}</span> }.into_any()
        }
        _ => view! { <span class="badge">{tr.published_badge}</span> }.into_any(),
    };
    let reports = (!item.reports.is_empty()).then(|| {
        view! {
            <h3 class="small-heading">{tr.open_reports_label}" (" {item.reports.len()} ")"</h3>
            <ul class="reports">
                {item.reports.iter().map(|r| view! {
                    <li>
                        <strong>{r.reason.map(|x| report_reason_name(x, locale)).unwrap_or_default()}</strong>
                        " — " {r.reporter.clone()}
                        {(!r.note.is_empty()).then(|| view! { " : " <q lang=CONTENT_LANG>{r.note.clone()}</q> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    });
    let approve = matches!(
        item.visibility,
        Visibility::Pending | Visibility::AwaitingReview | Visibility::Published
    )
    .then(|| {
        view! { <DecisionButton action=moderate kind=kind id=item.id decision="approve" label=tr.approve_submit/> }.into_any()
    });
    let restore = matches!(item.visibility, Visibility::Hidden(_) | Visibility::AwaitingReview)
        .then(|| {
            view! { <DecisionButton action=moderate kind=kind id=item.id decision="restore" label=tr.restore_submit/> }.into_any()
        });
    let hide = (!matches!(item.visibility, Visibility::Hidden(_))).then(|| {
        view! { <HideForm action=moderate kind=kind id=item.id locale=locale/> }.into_any()
    });
    let title = (!item.title.is_empty())
        .then(|| view! { " : " <span lang=CONTENT_LANG>{item.title.clone()}</span> });
    view! {
        <li class="card">
            <h2 class="small-heading">
                <a href=item.url.clone()>{kind_name(item.kind, locale)}" n° " {item.id}</a>
                {title}
            </h2>
            <p class="meta">{state}" " {tr.by_author}" "
                <a href=format!("/moderation/people/{}", item.author_id)>{item.author_name.clone()}</a>" · "
                <time datetime=domain::time::iso_utc(item.created_at)>{domain::time::paris_datetime(item.created_at)}</time></p>
            <blockquote class="quoted" lang=CONTENT_LANG>{item.text.clone()}</blockquote>
            {reports}
            {item.appeal.clone().map(|text| view! {
                <h3 class="small-heading">{tr.appeal_label}</h3>
                <blockquote class="quoted" lang=CONTENT_LANG>{text}</blockquote>
            }.into_any())}
            {item.contested.clone().map(|label| view! { <ContestedNotice label=label locale=locale/> }.into_any())}
            <div class="actions">{approve}{restore}{hide}
                <ContestForm action=actions.contest kind=kind id=item.id contested=item.contested.is_some() locale=locale back="queue"/>
                <SuspendForm action=actions.suspend user_id=item.author_id field=format!("suspend-{kind}-{}", item.id) locale=locale/>
            </div>
        </li>
    }
    .into_any()
}

/// `/admin/audit`: every moderation action, newest first.
#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let query = use_query_map();
    let log = Resource::new(
        move || {
            query
                .read()
                .get("before")
                .and_then(|b| b.parse::<i64>().ok())
        },
        get_audit_log,
    );
    view! {
        <h1>{tr.audit_title}</h1>
        <p><a href="/admin/audit.csv" rel="external" download="journal-moderation.csv">{tr.audit_export}</a></p>
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(page) if page.entries.is_empty() => view! { <p class="empty">{tr.audit_empty}</p> }.into_any(),
                    Ok(page) => {
                        let older = page.next_before.map(|b| view! {
                            <p><A href=format!("/admin/audit?before={b}")>{tr.audit_older}</A></p>
                        });
                        view! {
                            <AuditTable entries=page.entries label=tr.audit_title/>
                            {older}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Moderation log entries as a table: when, who, what, on which item, why.
#[component]
fn AuditTable(entries: Vec<LogEntry>, label: &'static str) -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    view! {
        <ScrollBox label=label>
            <table class="users audit">
                <thead><tr>
                    <th scope="col">{tr.audit_when}</th>
                    <th scope="col">{tr.audit_who}</th>
                    <th scope="col">{tr.audit_action}</th>
                    <th scope="col">{tr.audit_item}</th>
                    <th scope="col">{tr.audit_reason}</th>
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td><time datetime=domain::time::iso_utc(e.created_at)>{domain::time::paris_datetime(e.created_at)}</time></td>
                            <td>{e.actor.clone().unwrap_or_else(|| {
                                // Steps without a person: hiding past the report threshold, a round's count
                                // adopting proposals, or the operator's command line (seal, purge).
                                match e.action.as_str() {
                                    "auto_hide" | "under_review" => tr.audit_automatic,
                                    "status" => tr.audit_automatic_count,
                                    _ => tr.audit_operator,
                                }
                                .to_owned()
                            })}</td>
                            <td>{moderation_action_name(&e.action, locale)}</td>
                            <td><AuditItem entry=e.clone()/></td>
                            <td><AuditReason entry=e/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollBox>
    }
    .into_any()
}

/// An audit entry's item: its kind, then its name (linked while it can be read), or its number
/// once it is gone.
#[component]
fn AuditItem(entry: LogEntry) -> impl IntoView {
    let locale = use_locale();
    let kind = kind_name(entry.kind, locale);
    let name = entry
        .item_name
        .clone()
        .unwrap_or_else(|| format!("n° {}", entry.item_id));
    let shown = match entry.kind {
        // One report and one set of settings: the kind names them.
        ItemKind::Report | ItemKind::Convention => None,
        _ => Some(name),
    };
    view! {
        <span class="meta">{kind}</span>
        {shown.map(|name| match entry.url.clone() {
            Some(url) => view! { " " <a href=url lang=CONTENT_LANG>{name}</a> }.into_any(),
            None => view! { " " <span lang=CONTENT_LANG>{name}</span> }.into_any(),
        })}
    }
}

/// An audit entry's reason, in words: a role or a voting method by its name, a status step
/// by its statuses (and the round or proposal it came from, linked), a seal by its count of
/// ballots, new settings by their labels, a suspension's end as a date, a moderator's own
/// words as written.
#[component]
fn AuditReason(entry: LogEntry) -> impl IntoView {
    use domain::proposal::LoggedStep;
    let locale = use_locale();
    let t = locale.texts();
    let named = match entry.action.as_str() {
        "role" => entry
            .reason
            .parse::<domain::Role>()
            .ok()
            .map(|r| role_name(r, locale)),
        "round_create" => domain::voting::Method::parse(&entry.reason)
            .map(|m| crate::pages::rounds::method_label(m, locale)),
        "report_pin" => match entry.reason.as_str() {
            "for" => Some(t.argument_for),
            "against" => Some(t.argument_against),
            _ => None,
        },
        _ => None,
    };
    if let Some(name) = named {
        return view! { <span>{name}</span> }.into_any();
    }
    match (entry.action.as_str(), LoggedStep::parse(&entry.reason)) {
        ("status", Some(LoggedStep::AdoptedBy(round))) => {
            return view! {
                <span>{t.audit_adopted_by}" " <a href=format!("/rounds/{round}")>{format!("n° {round}")}</a></span>
            }
            .into_any();
        }
        (
            "status",
            Some(LoggedStep::Changed {
                from,
                to,
                merged_into,
            }),
        ) => {
            let merged = merged_into.map(|target| view! {
                " (" {t.audit_merged_into}" " <a href=format!("/proposals/{target}")>{format!("n° {target}")}</a> ")"
            });
            return view! {
                <span>{status_name(from, locale)}" → "{status_name(to, locale)}{merged}</span>
            }
            .into_any();
        }
        _ => {}
    }
    if let ("round_seal", Ok(n)) = (entry.action.as_str(), entry.reason.parse::<u64>()) {
        return view! { <span>{t.audit_ballots_sealed(n)}</span> }.into_any();
    }
    if let (true, Some(f)) = (
        entry.action == "settings",
        domain::moderation::SettingsForm::from_log_reason(&entry.reason),
    ) {
        let said = [
            (t.reports_that_hide_an_item, f.report_threshold),
            (
                t.pre_moderate_everywhere_accounts_younger,
                f.young_account_hours,
            ),
            (t.reporter_min_hours_label, f.reporter_min_hours),
            (
                t.reporter_min_contributions_label,
                f.reporter_min_contributions,
            ),
        ]
        .map(|(label, value)| t.audit_setting(label, value))
        .join(" · ");
        return view! { <span>{said}</span> }.into_any();
    }
    let until = entry.until.map(|t| {
        view! {
            {locale.texts().until}" "
            <time datetime=domain::time::iso_utc(t)>{domain::time::paris_datetime(t)}</time>
            {(!entry.reason.is_empty()).then_some(" — ")}
        }
    });
    view! { <span>{until}<span lang=CONTENT_LANG>{entry.reason.clone()}</span></span> }.into_any()
}

/// `/moderation/users`: the accounts suspended or banned now, with the button that lifts it.
#[component]
pub fn SuspendedPage() -> impl IntoView {
    let locale = use_locale();
    let texts = locale.texts();
    let reinstate = ServerAction::<ReinstateUser>::new();
    let list = Resource::new(|| (), |_| suspended_users());
    view! {
        <h1>{locale.texts().suspended_accounts}</h1>
        <p><A href="/moderation">{texts.moderation_show_queue}</A></p>
        <FormError error=action_error(reinstate)/>
        <Suspense fallback=move || view! { <p>{texts.loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(users) if users.is_empty() => view! {
                        <p class="empty">{locale.texts().no_account_is_suspended}</p>
                    }.into_any(),
                    Ok(users) => view! {
                        <ul class="cards">
                            {users.into_iter().map(|u| {
                                let until = match u.until {
                                    Some(t) => view! {
                                        {locale.texts().until}" "
                                        <time datetime=domain::time::iso_utc(t)>{domain::time::paris_datetime(t)}</time>
                                    }.into_any(),
                                    None => view! { <span class="badge">{locale.texts().banned}</span> }.into_any(),
                                };
                                view! {
                                    <li class="card">
                                        <p><a href=format!("/moderation/people/{}", u.id)><strong>{u.display_name}</strong>" (" {u.username} ")"</a>" · " {until}
                                            {u.appealed.then(|| view! { " " <span class="badge pending">{locale.texts().suspension_appealed_badge}</span> })}</p>
                                        <ActionForm action=reinstate attr:class="inline-form">
                                            <input type="hidden" name="user_id" value=u.id.get()/>
                                            <button type="submit" class="secondary">{locale.texts().action_reinstate}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/moderation/people/:id`: one person as moderators see them: role, since when, whether and
/// why suspended, what the log says about them and what they wrote, and the steps on their
/// account (suspend or ban with a reason, reinstate) where the reader may take them.
#[component]
pub fn PersonPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let params = use_params_map();
    let suspend = ServerAction::<SuspendUser>::new();
    let reinstate = ServerAction::<ReinstateUser>::new();
    let file = Resource::new(
        move || params.read().get("id").and_then(|i| i.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => person(domain::UserId(id)).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                let p = match file.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorBox error=e/> }.into_any(),
                };
                let a = p.account.clone();
                let state = match (a.suspended, a.suspended_until) {
                    (false, _) => view! { <span>{tr.person_active}</span> }.into_any(),
                    (true, Some(t)) => view! {
                        <span class="badge">{tr.status_suspended}</span>" " {tr.until}" "
                        <time datetime=domain::time::iso_utc(t)>{domain::time::paris_datetime(t)}</time>
                    }.into_any(),
                    (true, None) => view! { <span class="badge">{tr.banned}</span> }.into_any(),
                };
                let reason = p.reason.clone().filter(|r| !r.is_empty()).map(|r| view! {
                    <dt>{tr.suspension_reason}</dt><dd lang=CONTENT_LANG>{r}</dd>
                });
                let steps = if p.may_act {
                    let lift = a.suspended.then(|| view! {
                        <ActionForm action=reinstate attr:class="inline-form">
                            <input type="hidden" name="user_id" value=a.id.get()/>
                            <input type="hidden" name="back" value="person"/>
                            <button type="submit" class="secondary">{tr.action_reinstate}</button>
                        </ActionForm>
                    });
                    view! {
                        <div class="actions">
                            {lift}
                            <SuspendForm action=suspend user_id=a.id field="suspend-person".to_owned()
                                locale=locale summary=tr.person_suspend back="person"/>
                        </div>
                    }.into_any()
                } else {
                    view! { <p class="hint">{tr.person_no_action}</p> }.into_any()
                };
                let history = if p.history.is_empty() {
                    view! { <p class="empty">{tr.person_history_empty}</p> }.into_any()
                } else {
                    view! { <AuditTable entries=p.history label=tr.person_history/> }.into_any()
                };
                view! {
                    <p class="breadcrumb"><A href="/moderation">{tr.moderation_show_queue}</A></p>
                    <h1><span lang=CONTENT_LANG>{a.display_name.clone()}</span>" (" {a.username.clone()} ")"</h1>
                    <dl class="facts">
                        <dt>{tr.person_role}</dt><dd>{role_name(a.role, locale)}</dd>
                        <dt>{tr.person_since}</dt>
                        <dd><time datetime=domain::time::iso_utc(p.created_at)>{domain::time::paris_datetime(p.created_at)}</time></dd>
                        <dt>{tr.person_state}</dt><dd>{state}</dd>
                        {reason}
                    </dl>
                    <FormError error=action_error(suspend)/>
                    <FormError error=action_error(reinstate)/>
                    {steps}
                    <h2>{tr.person_history}</h2>
                    {history}
                }.into_any()
            })}
        </Suspense>
    }
}
