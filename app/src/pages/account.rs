//! `/account`: who I am, change my password, sign out.

use crate::api::auth::get_session_user;
use crate::api::proposals::my_invitations;
use crate::components::form::{action_error, ErrorBox, FormError, TextField};
use crate::error::AppError;
use crate::i18n::{role_name, tr as tr_, use_locale, CONTENT_LANG};
use crate::pages::register::PasswordField;
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
    let user = Resource::new(
        move || actions.change_password.version().get(),
        |_| get_session_user(),
    );
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
                                        <h2 id="invitations-heading">{tr_(locale, "Invitations à co-écrire", "Invitations to co-author")}</h2>
                                        <ul>
                                            {list.into_iter().map(|i| view! {
                                                <li><A href=format!("/proposals/{}", i.proposal_id)><span lang=CONTENT_LANG>{i.title}</span></A>
                                                    " — " {tr_(locale, "invitation de", "from")}" " {i.inviter_name}</li>
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
                                <FormError error=action_error(actions.change_password)/>
                                <TextField name="current_password" label=tr.field_current_password
                                    kind="password" autocomplete="current-password" maxlength=PASSWORD_MAX/>
                                <PasswordField name="new_password" label=tr.field_new_password
                                    hint=tr.field_password_hint autocomplete="new-password"/>
                                <button type="submit">{tr.change_password_submit}</button>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="data-heading">
                            <h2 id="data-heading">{tr_(locale, "Mes données", "My data")}</h2>
                            <p>
                                <a href="/account/data.json" rel="external" download>{tr_(locale, "Télécharger tout ce que la plateforme sait de moi (JSON)", "Download everything the platform holds about me (JSON)")}</a>
                            </p>
                            <p>{tr_(locale, "Supprimer mon compte efface mon identifiant, mon nom et mon mot de passe et ferme mes sessions. Mes propositions et commentaires restent visibles, signés « compte supprimé » ; mes bulletins déjà déposés restent comptés (ils ne sont liés à personne).", "Deleting my account erases my login, my name and my password and ends my sessions. My proposals and comments stay visible, signed “compte supprimé”; ballots already cast stay counted (they are linked to no one).")}</p>
                            <ActionForm action=actions.delete_account attr:class="form" attr:novalidate=true>
                                <FormError error=action_error(actions.delete_account)/>
                                <TextField name="password" label=tr_(locale, "Mot de passe, pour confirmer", "Password, to confirm")
                                    kind="password" autocomplete="current-password" maxlength=PASSWORD_MAX/>
                                <button type="submit" class="danger">{tr_(locale, "Supprimer définitivement mon compte", "Delete my account for good")}</button>
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
