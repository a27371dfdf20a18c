//! `/register`: create an account.

use crate::components::form::{action_error, field_error, FormError, TextField};
use crate::i18n::{use_locale, Locale};
use crate::AuthActions;
use domain::account::{DISPLAY_NAME_MAX, PASSWORD_MAX, USERNAME_MAX};
use leptos::prelude::*;
use leptos_router::components::A;

/// The registration page.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    let register = expect_context::<AuthActions>().register;
    view! {
        <h1>{tr.register_title}</h1>
        <p>{tr.register_intro}</p>
        <ActionForm action=register attr:class="form" attr:novalidate=true>
            <FormError error=action_error(register)>
                <TextField name="username" label=tr.field_username hint=tr.field_username_hint
                    autocomplete="username" maxlength=USERNAME_MAX/>
                <TextField name="display_name" label=tr.field_display_name
                    hint=tr.field_display_name_hint autocomplete="nickname" maxlength=DISPLAY_NAME_MAX/>
                <PasswordField name="password" label=tr.field_password hint=tr.field_password_hint
                    autocomplete="new-password"/>
                <NamePublicField checked=false/>
            </FormError>
            <button type="submit">{tr.register_submit}</button>
        </ActionForm>
        <p><A href="/login">{tr.register_have_account}</A></p>
    }
}

/// The consent to be named in the open data, the read API and the report: unticked unless the
/// person chose it, at registration or later on their account page.
#[component]
pub fn NamePublicField(checked: bool) -> impl IntoView {
    let tr = use_locale().texts();
    view! {
        <div class="field checkbox">
            <input type="checkbox" id="name_public" name="name_public" value="on" checked=checked
                aria-describedby="name_public-hint"/>
            <div>
                <label for="name_public">{tr.name_public_label}</label>
                <p class="hint" id="name_public-hint">{tr.name_public_hint}</p>
            </div>
        </div>
    }
}

/// A password field with a live count of the characters typed (see [`PasswordInput`]).
#[component]
pub fn PasswordField(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    autocomplete: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    // Read here, on the server: an island sees only its own props in the browser, not the
    // form's context.
    let error = field_error(name).get_untracked();
    view! {
        <PasswordInput
            name=name.to_owned()
            label=label.to_owned()
            hint=hint.to_owned()
            autocomplete=autocomplete.to_owned()
            error=error
            locale=locale
        />
    }
}

/// The password field itself, an island: its count appears once the page is live (without
/// JavaScript it could not update, so it is not shown at all). `error` is the form's refusal
/// when it is about this field.
#[island]
fn PasswordInput(
    name: String,
    label: String,
    hint: String,
    autocomplete: String,
    error: Option<String>,
    locale: Locale,
) -> impl IntoView {
    let (typed, set_typed) = signal(0usize);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let hint_id = format!("{name}-hint");
    let count_id = format!("{name}-count");
    let error_id = format!("{name}-error");
    let invalid = error.is_some().then_some("true");
    let described = match error {
        Some(_) => format!("{hint_id} {count_id} {error_id}"),
        None => format!("{hint_id} {count_id}"),
    };
    view! {
        <div class="field">
            <label for=name.clone()>{label}</label>
            <input
                id=name.clone()
                name=name
                type="password"
                autocomplete=autocomplete
                maxlength=PASSWORD_MAX
                required=true
                aria-describedby=described
                aria-invalid=invalid
                on:input=move |ev| set_typed.set(event_target_value(&ev).chars().count())
            />
            <p class="hint" id=hint_id>{hint}</p>
            <p class="hint counter" id=count_id aria-live="polite">
                {move || hydrated.get().then(|| locale.texts().characters_typed(typed.get()))}
            </p>
            {error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}
