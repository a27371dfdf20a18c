//! `/login`: sign in.

use crate::components::form::{action_error, FormError, TextField};
use crate::i18n::use_texts;
use crate::AuthActions;
use domain::account::PASSWORD_MAX;
use leptos::prelude::*;
use leptos_router::components::A;

/// The sign-in page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let tr = use_texts();
    let login = expect_context::<AuthActions>().login;
    view! {
        <h1>{tr.login_title}</h1>
        <ActionForm action=login attr:class="form" attr:novalidate=true>
            <FormError error=action_error(login)/>
            <TextField name="username" label=tr.field_username autocomplete="username"/>
            <TextField name="password" label=tr.field_password kind="password"
                autocomplete="current-password" maxlength=PASSWORD_MAX/>
            <button type="submit">{tr.login_submit}</button>
        </ActionForm>
        <p><A href="/register">{tr.login_no_account}</A></p>
    }
}
