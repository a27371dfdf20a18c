//! Pieces of forms: fields with their label and hint, and the error of the last submission.

use crate::error::AppError;
use crate::i18n::use_locale;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The error of a form's last submission, announced to screen readers. Given the form's
/// fields as children, it also hands the error to them, and the field the error is about
/// ([`AppError::fields`]) says it again under itself and is marked invalid: the summary at
/// the top is read first, the field is where the eye goes to correct it.
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let locale = use_locale();
    let summary = move || {
        error.get().map(|e| {
            view! { <p class="form-error" role="alert">{e.message(locale)}</p> }
        })
    };
    match children {
        Some(fields) => view! {
            <Provider value=FieldErrors(error)>
                {summary}
                {fields()}
            </Provider>
        }
        .into_any(),
        None => summary.into_any(),
    }
}

/// The error a [`FormError`] hands to the fields it wraps.
#[derive(Clone, Copy)]
pub struct FieldErrors(Signal<Option<AppError>>);

/// The message of the wrapping form's error when it is about the field `name`, for the field
/// to show under itself.
pub fn field_error(name: &'static str) -> Signal<Option<String>> {
    let locale = use_locale();
    let errors = use_context::<FieldErrors>();
    Signal::derive(move || {
        errors
            .and_then(|FieldErrors(e)| e.get())
            .filter(|e| e.fields().contains(&name))
            .map(|e| e.message(locale))
    })
}

/// A field's own error message, under it (see [`FormError`]); `id` is the field's id, and the
/// message's id is `{id}-error`, which the field names in `aria-describedby`.
#[component]
pub fn FieldError(name: &'static str, #[prop(into)] id: String) -> impl IntoView {
    let message = field_error(name);
    let id = format!("{id}-error");
    move || {
        message
            .get()
            .map(|m| view! { <p class="field-error" id=id.clone()>{m}</p> })
    }
}

/// A field's `aria-describedby`: its hint ids (when it has any) and, while the form's error is
/// about it, that error's message.
pub fn described_by(
    id: &str,
    hint: Option<String>,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let error_id = format!("{id}-error");
    move || {
        let parts: Vec<&str> = hint
            .as_deref()
            .into_iter()
            .chain(error.with(Option::is_some).then_some(error_id.as_str()))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// An error as a page-level message (for loads rather than form submissions).
#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let locale = use_locale();
    let tr = locale.texts();
    crate::set_page_status(error.status());
    let login_link = (error == AppError::Unauthenticated)
        .then(|| view! { <p><a href="/login">{tr.nav_login}</a></p> });
    view! {
        <div class="error-box" role="alert">
            <h1>{tr.error_title}</h1>
            <p>{error.message(locale)}</p>
            {login_link}
        </div>
    }
}

/// A plain form post that succeeded just before this page load: the server
/// keeps it for that one load (server/src/echo.rs), so the form can say it worked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoneForm {
    /// The server function's path.
    pub path: String,
    /// The `id` field it was sent with, for forms repeated once per item.
    pub id: Option<String>,
}

/// The [`DoneForm`] of this page load, which the server provides (pages are rendered there
/// only; the islands the browser hydrates hold no form outcome).
pub fn done_form() -> Option<DoneForm> {
    use_context::<DoneForm>()
}

/// Wraps a form (or the disclosure holding it) and says, where the eye is and to screen
/// readers, that its last submission worked, on the page the form post came back to (forms are
/// plain posts, with JavaScript too: pages are not hydrated). `action` names the form's server
/// function; `id` tells apart forms repeated once per item (a report form under each comment):
/// only the one sent says it worked.
#[component]
pub fn Outcome<S>(
    action: ServerAction<S>,
    #[prop(optional, into)] id: Option<i64>,
    done: &'static str,
    children: Children,
) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let _ = action;
    let shown = done_form()
        .is_some_and(|d| d.path == S::PATH && (id.is_none() || d.id == id.map(|i| i.to_string())))
        .then_some(done);
    view! {
        <div class="outcome">
            {children()}
            <p class="form-done" role="status">{shown}</p>
        </div>
    }
    // Erased: wrapped around forms deep in a thread, the nested view type outgrew the
    // compiler's recursion limit in the WASM build.
    .into_any()
}

/// An action that cannot be undone behind a second step: the button opens a disclosure that
/// says what will happen, and only its own button acts. A `<details>` element, so the step
/// works the same without JavaScript.
#[component]
pub fn Confirm(
    /// The first button's words (the action's name).
    label: &'static str,
    /// What will happen, said before it does.
    warning: &'static str,
    /// The form whose button carries out the action.
    children: Children,
) -> impl IntoView {
    view! {
        <details class="inline-details confirm">
            <summary>{label}</summary>
            <div class="confirm-box">
                <p>{warning}</p>
                {children()}
            </div>
        </details>
    }
    .into_any()
}

/// A labelled text field with a hint linked by `aria-describedby`.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error = field_error(name);
    let described = described_by(name, hint.map(|_| hint_id.clone()), error);
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                maxlength=maxlength
                required=required
                value=value
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldError name=name id=name/>
        </div>
    }
}

/// A labelled multi-line field. `id` defaults to `name`; give one when the same form appears
/// several times on a page (a reply form under each comment).
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] id: Option<String>,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_owned());
    let hint_id = format!("{id}-hint");
    let error = field_error(name);
    let described = described_by(&id, hint.map(|_| hint_id.clone()), error);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                name=name
                rows=rows
                maxlength=maxlength
                required=required
                aria-describedby=described
                aria-invalid=move || error.with(Option::is_some).then_some("true")
            >{textarea_text(value.unwrap_or_default())}</textarea>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldError name=name id=id/>
        </div>
    }
}

/// tachys writes a `<textarea>`'s children unescaped (as raw text), so on the server a value
/// holding `</textarea><script>` would end the element and run: escape it there. In the
/// browser the text goes into a DOM text node, where escaping would show the entities.
fn textarea_text(value: String) -> String {
    #[cfg(feature = "ssr")]
    let value = domain::markup::escape_text(&value);
    value
}

/// The error of the form post this page was loaded after, as a signal: from the action, which
/// Leptos starts with the refusal the server kept for this load (server/src/echo.rs), else
/// from the URL, where server functions redirect a refused plain form post with the error
/// encoded in `__err` (when the kept refusal was lost: another server process, or expired).
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let query = use_query_map();
    Signal::derive(move || {
        if let Some(result) = action.value().get() {
            return result.err();
        }
        let q = query.read();
        match (q.get_str("__path"), q.get_str("__err")) {
            (Some(path), Some(err)) if path == S::PATH => {
                Some(ServerFnUrlError::<AppError>::decode_err(err))
            }
            _ => None,
        }
    })
}
