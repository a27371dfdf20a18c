//! `/admin/users`: organisers give roles and suspend accounts.

use crate::api::admin::{list_users, SetUserRole, SetUserSuspended, UserSummary};
use crate::components::form::{action_error, Confirm, ErrorBox, FormError};
use crate::components::scroll::ScrollBox;
use crate::i18n::{role_name, use_locale, Locale};
use domain::Role;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The accounts page.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let set_role = ServerAction::<SetUserRole>::new();
    let set_suspended = ServerAction::<SetUserSuspended>::new();
    let query = use_query_map();
    let users = Resource::new(
        move || {
            query
                .read()
                .get("after")
                .and_then(|a| a.parse::<domain::UserId>().ok())
        },
        list_users,
    );
    view! {
        <h1>{tr.admin_users_title}</h1>
        <p>{tr.admin_users_intro}</p>
        <FormError error=action_error(set_role)/>
        <FormError error=action_error(set_suspended)/>
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(page) => {
                        let next = page.next_after.map(|n| view! {
                            <p><A href=format!("/admin/users?after={n}")>{tr.users_next_page}</A></p>
                        });
                        view! {
                            <ScrollBox label=tr.admin_users_title>
                                <table class="users">
                                    <thead><tr>
                                        <th scope="col">{tr.col_username}</th>
                                        <th scope="col">{tr.col_display_name}</th>
                                        <th scope="col">{tr.col_role}</th>
                                        <th scope="col">{tr.col_status}</th>
                                        <th scope="col">{tr.col_actions}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.users.into_iter().map(|u| view! {
                                            <UserRow is_me=u.id == page.me user=u locale=locale
                                                set_role=set_role set_suspended=set_suspended/>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </ScrollBox>
                            {next}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserRow(
    user: UserSummary,
    locale: Locale,
    is_me: bool,
    set_role: ServerAction<SetUserRole>,
    set_suspended: ServerAction<SetUserSuspended>,
) -> impl IntoView {
    let tr = locale.texts();
    let select_id = format!("role-{}", user.id);
    let status = if user.suspended {
        tr.status_suspended
    } else {
        tr.status_active
    };
    let role_label = format!("{} : {}", tr.col_role, user.username);
    let actions =
        (!is_me).then(|| {
            let options = Role::ALL
            .into_iter()
            .map(|r| view! {
                <option value=r.as_str() selected=r == user.role>{role_name(r, locale)}</option>
            })
            .collect_view();
            view! {
                <ActionForm action=set_role attr:class="inline-form">
                    <input type="hidden" name="user_id" value=user.id.get()/>
                    <label class="visually-hidden" for=select_id.clone()>
                        {role_label}
                    </label>
                    <select id=select_id name="role">{options}</select>
                    <button type="submit">{tr.action_set_role}</button>
                </ActionForm>
                {if user.suspended {
                    view! {
                        <ActionForm action=set_suspended attr:class="inline-form">
                            <input type="hidden" name="user_id" value=user.id.get()/>
                            <input type="hidden" name="suspended" value="false"/>
                            <button type="submit" class="secondary">{tr.action_reinstate}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <Confirm label=tr.action_suspend warning=tr.suspend_warning>
                            <ActionForm action=set_suspended attr:class="inline-form">
                                <input type="hidden" name="user_id" value=user.id.get()/>
                                <input type="hidden" name="suspended" value="true"/>
                                <button type="submit" class="danger">{tr.suspend_confirm}</button>
                            </ActionForm>
                        </Confirm>
                    }.into_any()
                }}
            }
        });
    view! {
        <tr>
            <td><a href=format!("/moderation/people/{}", user.id)>{user.username.clone()}</a>{is_me.then(|| format!(" ({})", tr.you))}</td>
            <td>{user.display_name.clone()}</td>
            <td>{role_name(user.role, locale)}</td>
            <td>{status}</td>
            <td>{actions}</td>
        </tr>
    }
}
