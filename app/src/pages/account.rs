//! `/account`: who I am, change my password, sign out.

use crate::api::auth::{get_session_user, SetNamePublic};
use crate::api::proposals::my_invitations;
use crate::components::form::{action_error, ErrorBox, FormError, TextField};
use crate::error::AppError;
use crate::i18n::{role_name, use_locale, CONTENT_LANG};
use crate::pages::register::{NamePublicField, PasswordField};
use crate::AuthActions;
use domain::account::PASSWORD_MAX;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The account page; asks to sign in when nobody is.
#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let actions = expect_context::<AuthActions>();
    // Its own resource, not the app-wide `CurrentUser` that the header reads: one resource
    // read under two Suspense boundaries intermittently never resolves on the server
    // (leptos-rs/leptos#4851), which left some responses hanging.
    let set_name_public = ServerAction::<SetNamePublic>::new();
    let user = Resource::new(|| (), |_| get_session_user());
    let invitations = Resource::new(|| (), |_| my_invitations());
    let query = use_query_map();
    let changed = move || query.read().get("changed").is_some();
    view! {
        <Suspense fallback=move || view! { <p>{tr.loading}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) => view! {
                        <h1>{tr.account_title}</h1>
                        <dl class="account-facts">
                            <dt>{tr.account_signed_in_as}</dt>
                            <dd>{u.display_name.clone()}" (" {u.username.clone()} ")"</dd>
                            <dt>{tr.account_role}</dt>
                            <dd>{role_name(u.role, locale)}</dd>
                        </dl>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                invitations.await.ok().filter(|l| !l.is_empty()).map(|list| view! {
                                    <section aria-labelledby="invitations-heading">
                                        <h2 id="invitations-heading">{locale.texts().invitations_to_co_author}</h2>
                                        <ul>
                                            {list.into_iter().map(|i| view! {
                                                <li><A href=format!("/proposals/{}", i.proposal_id)><span lang=CONTENT_LANG>{i.title}</span></A>
                                                    " — " {locale.texts().from}" " {i.inviter_name}</li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                })
                            })}
                        </Suspense>
                        <section aria-labelledby="password-heading">
                            <h2 id="password-heading">{tr.change_password_title}</h2>
                            {move || changed().then(|| view! {
                                <p class="notice" role="status">{tr.password_changed}</p>
                            })}
                            <ActionForm action=actions.change_password attr:class="form" attr:novalidate=true>
                                <FormError error=action_error(actions.change_password)>
                                    <TextField name="current_password" label=tr.field_current_password
                                        kind="password" autocomplete="current-password" maxlength=PASSWORD_MAX/>
                                    <PasswordField name="new_password" label=tr.field_new_password
                                        hint=tr.field_password_hint autocomplete="new-password"/>
                                </FormError>
                                <button type="submit">{tr.change_password_submit}</button>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="name-public-heading">
                            <h2 id="name-public-heading">{tr.name_public_title}</h2>
                            <ActionForm action=set_name_public attr:class="form">
                                <FormError error=action_error(set_name_public)/>
                                <NamePublicField checked=u.name_public/>
                                <button type="submit" class="secondary">{tr.name_public_save}</button>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="data-heading">
                            <h2 id="data-heading">{locale.texts().my_data}</h2>
                            <p>
                                <a href="/account/data.json" rel="external" download>{locale.texts().download_everything_the_platform_holds}</a>
                            </p>
                            <p>{locale.texts().deleting_my_account_erases_my}</p>
                            <ActionForm action=actions.delete_account attr:class="form" attr:novalidate=true>
                                <FormError error=action_error(actions.delete_account)>
                                    <TextField name="password" label=locale.texts().password_to_confirm
                                        kind="password" autocomplete="current-password" maxlength=PASSWORD_MAX/>
                                </FormError>
                                <button type="submit" class="danger">{locale.texts().delete_my_account_for_good}</button>
                            </ActionForm>
                        </section>
                        <ActionForm action=actions.logout attr:class="form">
                            <button type="submit" class="secondary">{tr.logout_submit}</button>
                        </ActionForm>
                    }.into_any(),
                    Ok(None) => view! { <ErrorBox error=AppError::Unauthenticated/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
