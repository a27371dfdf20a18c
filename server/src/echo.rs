//! A form refused by the server, posted without JavaScript, comes back as it was typed.
//!
//! Without JavaScript a form is a plain POST to its server function, which answers a refusal by
//! sending the browser back to the page with the error in the address
//! (`?__path=…&__err=…`), and the fields come back empty. [`keep_refused_forms`] instead
//! keeps what was typed (passwords excepted) for the next page load, under a one-time cookie,
//! and sends the browser to the page's own clean address; that page then shows the error
//! (Leptos' [`ServerActionError`] context, read by every `ServerAction`) and its form is filled
//! in again by [`refill`], which rewrites the rendered HTML. Rewriting the HTML serves every
//! form of the site (inputs, text areas, selects, check boxes, ballots) with no code in each.

use crate::ServerState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server::ServerActionError;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The cookie naming the refused form kept for the next page.
pub const ECHO_COOKIE: &str = "convention_form";

/// How long a refused form waits for its page to be loaded again.
const KEPT_FOR: Duration = Duration::from_secs(600);

/// The most the kept forms may weigh together; the oldest go first beyond it (each form is at
/// most a request body, and a flood of refused posts must not grow the process).
const MAX_BYTES: usize = 32 * 1024 * 1024;

/// One refused submission.
#[derive(Clone, Debug)]
pub struct Echo {
    /// The server function's path, as `ServerAction`s know it.
    pub path: String,
    /// The error, encoded as server_fn puts it in an address; `None` when the post worked.
    pub err: Option<String>,
    /// The submitted fields in order, passwords left out.
    pub fields: Vec<(String, String)>,
    kept_at: Instant,
}

impl Echo {
    fn weight(&self) -> usize {
        self.path.len()
            + self.err.as_ref().map_or(0, String::len)
            + self
                .fields
                .iter()
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>()
    }
}

/// The refused forms waiting for their page, by one-time token. In memory: a form kept across
/// a restart is not worth a table, and each is read once within minutes.
#[derive(Default)]
pub struct Echoes(Mutex<Kept>);

#[derive(Default)]
struct Kept {
    by_token: HashMap<String, Echo>,
    order: VecDeque<String>,
    bytes: usize,
}

impl Echoes {
    fn keep(&self, echo: Echo) -> String {
        let token = leptos::nonce::Nonce::new().to_string();
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.bytes += echo.weight();
        kept.by_token.insert(token.clone(), echo);
        kept.order.push_back(token.clone());
        while kept.bytes > MAX_BYTES
            || kept
                .order
                .front()
                .and_then(|t| kept.by_token.get(t))
                .is_some_and(|e| e.kept_at.elapsed() > KEPT_FOR)
        {
            let Some(oldest) = kept.order.pop_front() else {
                break;
            };
            if let Some(gone) = kept.by_token.remove(&oldest) {
                kept.bytes -= gone.weight();
            }
        }
        token
    }

    fn take(&self, token: &str) -> Option<Echo> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let echo = kept.by_token.remove(token)?;
        kept.bytes -= echo.weight();
        kept.order.retain(|t| t != token);
        (echo.kept_at.elapsed() <= KEPT_FOR).then_some(echo)
    }
}

/// The refused form this page load carries, for the Leptos context (see [`provide`]).
#[derive(Clone)]
pub struct PendingEcho(pub Echo);

/// Gives the page's `ServerAction`s the error of the refused form it brings back, or its
/// forms the one that just worked.
pub fn provide(echo: &Echo) {
    use leptos::prelude::provide_context;
    match &echo.err {
        Some(err) => provide_context(ServerActionError::new(&echo.path, err)),
        None => provide_context(app::components::form::DoneForm {
            path: echo.path.clone(),
            id: echo
                .fields
                .iter()
                .find(|(k, _)| k == "id")
                .map(|(_, v)| v.clone()),
        }),
    }
}

/// The middleware: keeps plain form posts for the next page load, which refills a refused
/// one and says that one worked.
pub async fn keep_refused_forms(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    if is_plain_form_post(&req) {
        return keep_submission(&state, req, next).await;
    }
    let token = app::request::cookie_value(req.headers(), ECHO_COOKIE);
    let Some(token) = token.filter(|_| is_page_load(&req)) else {
        return next.run(req).await;
    };
    let echo = state.echoes.take(&token);
    let mut req = req;
    if let Some(echo) = &echo {
        req.extensions_mut().insert(PendingEcho(echo.clone()));
    }
    let mut res = next.run(req).await;
    res.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("convention_form=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    match echo {
        Some(echo) if echo.err.is_some() && is_html(&res) => refill_response(res, &echo).await,
        _ => res,
    }
}

fn is_plain_form_post(req: &Request) -> bool {
    let h = req.headers();
    let text = |name| h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && text(header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded")
        && text(header::ACCEPT).contains("text/html")
}

fn is_page_load(req: &Request) -> bool {
    req.method() == Method::GET
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"))
}

fn is_html(res: &Response) -> bool {
    res.status() == StatusCode::OK
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
}

async fn keep_submission(state: &ServerState, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let req_path = parts.uri.path().to_owned();
    let Ok(bytes) = to_bytes(body, crate::BODY_LIMIT).await else {
        let locale = app::request::locale_of(&parts.headers);
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("{}\n", locale.texts().error_too_large),
        )
            .into_response();
    };
    let mut res = next
        .run(Request::from_parts(parts, Body::from(bytes.clone())))
        .await;
    if !res.status().is_redirection() {
        return res;
    }
    let Some((clean, err)) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(split_redirect)
    else {
        return res;
    };
    let (path, err) = match err {
        Some((path, err)) => (path, Some(err)),
        None => (req_path, None),
    };
    let fields = url::form_urlencoded::parse(&bytes)
        .filter(|(name, _)| !name.contains("password"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let token = state.echoes.keep(Echo {
        path,
        err,
        fields,
        kept_at: Instant::now(),
    });
    let cookie = format!("{ECHO_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600");
    if let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(&clean),
        HeaderValue::from_str(&cookie),
    ) {
        let headers = res.headers_mut();
        headers.insert(header::LOCATION, location);
        headers.append(header::SET_COOKIE, cookie);
    }
    res
}

/// Splits a form post's redirect into the page's clean address (path and the rest of its
/// query) and, when server_fn put one there, the server function's path and encoded error.
fn split_redirect(location: &str) -> Option<(String, Option<(String, String)>)> {
    let url = url::Url::parse(location)
        .or_else(|_| url::Url::parse("http://localhost").and_then(|b| b.join(location)))
        .ok()?;
    let mut path = None;
    let mut err = None;
    let mut rest = url::form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (k, v) in url.query_pairs() {
        match k.as_ref() {
            "__path" => path = Some(v.into_owned()),
            "__err" => err = Some(v.into_owned()),
            _ => {
                rest.append_pair(&k, &v);
                any = true;
            }
        }
    }
    let mut clean = url.path().to_owned();
    if any {
        clean.push('?');
        clean.push_str(&rest.finish());
    }
    Some((clean, path.zip(err)))
}

async fn refill_response(res: Response, echo: &Echo) -> Response {
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = String::from_utf8_lossy(&bytes);
    let refilled = refill(&html, echo).unwrap_or_else(|| html.into_owned());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(refilled))
}

/// `html` with the refused form filled in as it was sent: the first form posting to the same
/// server function whose hidden fields match the submission (a page may hold one report form
/// per comment). `None` when no form matches or the HTML cannot be rewritten.
pub fn refill(html: &str, echo: &Echo) -> Option<String> {
    let action = echo.path.as_str();
    let target = matching_form(html, echo)?;
    // How many values of each name were used, for names that repeat (a ranking's choices).
    let used: Rc<RefCell<HashMap<String, usize>>> = Rc::default();
    let form_index = Rc::new(RefCell::new(0usize));
    let inside = Rc::new(RefCell::new(false));
    let select: Rc<RefCell<Option<String>>> = Rc::default();
    let value_of = {
        let used = used.clone();
        move |name: &str| -> Option<String> {
            let mut used = used.borrow_mut();
            let n = used.entry(name.to_owned()).or_default();
            let v = echo
                .fields
                .iter()
                .filter(|(k, _)| k == name)
                .nth(*n)
                .map(|(_, v)| v.clone());
            *n += 1;
            v
        }
    };
    let sent = |name: &str, value: &str| echo.fields.iter().any(|(k, v)| k == name && v == value);
    let value_of = RefCell::new(value_of);
    let settings = lol_html::RewriteStrSettings::new()
        .append_element_content_handler(lol_html::element!("form", |el| {
            let mut i = form_index.borrow_mut();
            let this = el.get_attribute("action").as_deref() == Some(action);
            if this {
                *i += 1;
            }
            let is_target = this && *i == target;
            *inside.borrow_mut() = is_target;
            if is_target {
                let inside = inside.clone();
                el.on_end_tag(lol_html::end_tag!(move |_| {
                    *inside.borrow_mut() = false;
                    Ok(())
                }))?;
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("input[name]", |el| {
            if !*inside.borrow() {
                return Ok(());
            }
            let name = el.get_attribute("name").unwrap_or_default();
            let kind = el.get_attribute("type").unwrap_or_default().to_lowercase();
            match kind.as_str() {
                "checkbox" | "radio" => {
                    let value = el.get_attribute("value").unwrap_or_else(|| "on".into());
                    if sent(&name, &value) {
                        el.set_attribute("checked", "")?;
                    } else {
                        el.remove_attribute("checked");
                    }
                }
                "hidden" | "password" | "submit" | "button" | "file" | "image" | "reset" => {}
                _ => {
                    if let Some(v) = (value_of.borrow_mut())(&name) {
                        el.set_attribute("value", &attribute_text(&v))?;
                    }
                }
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("textarea[name]", |el| {
            if *inside.borrow() {
                let name = el.get_attribute("name").unwrap_or_default();
                if let Some(v) = (value_of.borrow_mut())(&name) {
                    el.set_inner_content(&v, lol_html::html_content::ContentType::Text);
                }
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("select[name]", |el| {
            if *inside.borrow() {
                let name = el.get_attribute("name").unwrap_or_default();
                let v = (value_of.borrow_mut())(&name);
                *select.borrow_mut() = v;
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("option", |el| {
            if !*inside.borrow() {
                return Ok(());
            }
            if let Some(chosen) = select.borrow().as_deref() {
                if el.get_attribute("value").as_deref() == Some(chosen) {
                    el.set_attribute("selected", "")?;
                } else {
                    el.remove_attribute("selected");
                }
            }
            Ok(())
        }));
    lol_html::rewrite_str(html, settings).ok()
}

/// The place (from 1) among the forms posting to the echo's server function of the first
/// whose hidden fields all hold what was sent.
fn matching_form(html: &str, echo: &Echo) -> Option<usize> {
    let action = echo.path.as_str();
    // For each form to this action: whether its hidden fields agree so far.
    let forms: Rc<RefCell<Vec<bool>>> = Rc::default();
    let inside = Rc::new(RefCell::new(false));
    let settings = lol_html::RewriteStrSettings::new()
        .append_element_content_handler(lol_html::element!("form", |el| {
            let this = el.get_attribute("action").as_deref() == Some(action);
            *inside.borrow_mut() = this;
            if this {
                forms.borrow_mut().push(true);
                let inside = inside.clone();
                el.on_end_tag(lol_html::end_tag!(move |_| {
                    *inside.borrow_mut() = false;
                    Ok(())
                }))?;
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("input[type=hidden][name]", |el| {
            if *inside.borrow() {
                let name = el.get_attribute("name").unwrap_or_default();
                let value = el.get_attribute("value").unwrap_or_default();
                let sent = echo.fields.iter().any(|(k, v)| *k == name && *v == value);
                if let Some(agrees) = forms.borrow_mut().last_mut() {
                    *agrees &= sent;
                }
            }
            Ok(())
        }));
    lol_html::rewrite_str(html, settings).ok()?;
    let forms = forms.borrow();
    forms.iter().position(|agrees| *agrees).map(|i| i + 1)
}

/// lol_html escapes only the double quote in an attribute it writes; an `&` typed by the
/// person must stay an `&` rather than start an entity.
fn attribute_text(v: &str) -> String {
    v.replace('&', "&amp;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo(path: &str, fields: &[(&str, &str)]) -> Echo {
        Echo {
            path: path.into(),
            err: Some("e".into()),
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            kept_at: Instant::now(),
        }
    }

    #[test]
    fn the_matching_form_gets_back_every_kind_of_field() {
        let html = r#"<form action="/api/report"><input type="hidden" name="id" value="1"><textarea name="reason"></textarea></form><form action="/api/report"><input type="hidden" name="id" value="2"><textarea name="reason"></textarea></form><form action="/api/new"><input name="title" value=""><select name="kind"><option value="a" selected>A</option><option value="b">B</option></select><input type="checkbox" name="c[1]" value="on" checked><input type="checkbox" name="c[2]" value="on"><input type="password" name="password"></form>"#;
        let out = refill(
            html,
            &echo(
                "/api/report",
                &[("id", "2"), ("reason", "<b>spam</b> & co")],
            ),
        )
        .unwrap();
        assert!(
            out.contains(r#"value="1"><textarea name="reason"></textarea>"#),
            "{out}"
        );
        assert!(
            out.contains("&lt;b&gt;spam&lt;/b&gt; &amp; co</textarea>"),
            "{out}"
        );
        let out = refill(
            html,
            &echo(
                "/api/new",
                &[
                    ("title", r#"Un "titre" & <plus>"#),
                    ("kind", "b"),
                    ("c[2]", "on"),
                ],
            ),
        )
        .unwrap();
        assert!(
            out.contains(r#"name="title" value="Un &quot;titre&quot; &amp; <plus>""#),
            "{out}"
        );
        assert!(
            out.contains(r#"<option value="a">A</option><option value="b" selected="">"#),
            "{out}"
        );
        assert!(out.contains(r#"name="c[1]" value="on">"#), "{out}");
        assert!(
            out.contains(r#"name="c[2]" value="on" checked="">"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<input type="password" name="password">"#),
            "{out}"
        );
        assert_eq!(refill(html, &echo("/api/other", &[])), None);
    }

    #[test]
    fn the_error_leaves_the_address_and_the_rest_stays() {
        let refused = |clean: &str, path: &str, err: &str| {
            Some((clean.to_owned(), Some((path.to_owned(), err.to_owned()))))
        };
        assert_eq!(
            split_redirect("http://h/register?__path=%2Fapi%2Fregister&__err=abc"),
            refused("/register", "/api/register", "abc")
        );
        assert_eq!(
            split_redirect("/search?q=ia&__path=/api/x&__err=e"),
            refused("/search?q=ia", "/api/x", "e")
        );
        assert_eq!(split_redirect("/account"), Some(("/account".into(), None)));
    }

    #[test]
    fn kept_forms_are_read_once_and_bounded() {
        let echoes = Echoes::default();
        let token = echoes.keep(echo("/api/x", &[("a", "b")]));
        assert!(echoes.take(&token).is_some());
        assert!(echoes.take(&token).is_none());
        let big = "x".repeat(MAX_BYTES / 3);
        let first = echoes.keep(echo("/api/x", &[("a", &big)]));
        for _ in 0..3 {
            echoes.keep(echo("/api/x", &[("a", &big)]));
        }
        assert!(echoes.take(&first).is_none(), "the oldest went first");
        assert!(echoes.0.lock().unwrap().bytes <= MAX_BYTES);
    }
}
