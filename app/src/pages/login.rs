//! `/login`: sign in; a suspended person is told until when and why, and may appeal.

use crate::api::auth::AppealSuspension;
use crate::components::form::{action_error, done_form, FormError, Outcome, TextArea, TextField};
use crate::error::AppError;
use crate::i18n::{use_texts, CONTENT_LANG};
use crate::AuthActions;
use domain::account::PASSWORD_MAX;
use domain::moderation::NOTE_MAX;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

/// The sign-in page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let tr = use_texts();
    let login = expect_context::<AuthActions>().login;
    let appeal = ServerAction::<AppealSuspension>::new();
    let login_error = action_error(login);
    let appeal_error = action_error(appeal);
    // The appeal form stays in view while it is being answered (refused, or sent), not only
    // right after the refused sign-in that offered it.
    let appeal_came_back =
        done_form().is_some_and(|d| d.path == <AppealSuspension as ServerFn>::PATH);
    let suspension = move || match login_error.get() {
        Some(AppError::SuspendedAccount {
            reason, appealed, ..
        }) => Some((reason, appealed)),
        _ => None,
    };
    let offer_appeal = move || {
        appeal_came_back
            || appeal_error.get().is_some()
            || appeal.value().with(|v| v.is_some())
            || suspension().is_some_and(|(_, appealed)| !appealed)
    };
    view! {
        <h1>{tr.login_title}</h1>
        <ActionForm action=login attr:class="form" attr:novalidate=true>
            <FormError error=login_error/>
            {move || suspension().map(|(reason, appealed)| view! {
                {(!reason.is_empty()).then(|| view! {
                    <p class="notice">{tr.suspension_reason}" " <span lang=CONTENT_LANG>{reason}</span></p>
                })}
                {appealed.then(|| view! { <p class="notice">{tr.suspension_already_appealed}</p> })}
            })}
            <TextField name="username" label=tr.field_username autocomplete="username"/>
            <TextField name="password" label=tr.field_password kind="password"
                autocomplete="current-password" maxlength=PASSWORD_MAX/>
            <button type="submit">{tr.login_submit}</button>
        </ActionForm>
        {move || offer_appeal().then(|| view! {
            <section class="appeal" aria-labelledby="appeal-title">
                <h2 id="appeal-title">{tr.suspension_appeal_title}</h2>
                <p>{tr.suspension_appeal_intro}</p>
                <Outcome action=appeal done=tr.suspension_appeal_sent>
                    <ActionForm action=appeal attr:class="form" attr:novalidate=true>
                        <FormError error=appeal_error/>
                        <div class="field">
                            <label for="appeal-username">{tr.field_username}</label>
                            <input id="appeal-username" name="username" autocomplete="username" required/>
                        </div>
                        <div class="field">
                            <label for="appeal-password">{tr.field_password}</label>
                            <input id="appeal-password" name="password" type="password"
                                autocomplete="current-password" maxlength=PASSWORD_MAX required/>
                        </div>
                        <TextArea name="text" id="appeal-text" label=tr.suspension_appeal_field
                            rows=5 maxlength=NOTE_MAX/>
                        <button type="submit">{tr.suspension_appeal_submit}</button>
                    </ActionForm>
                </Outcome>
            </section>
        })}
        <p><A href="/register">{tr.login_no_account}</A></p>
    }
}
