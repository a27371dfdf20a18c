//! HTTP details the pages and the `convention` binary share: cookie names and reading,
//! the request's language, the client's address. No use case lives here.

use crate::i18n::Locale;
use http::header::{ACCEPT_LANGUAGE, COOKIE};
use http::request::Parts;

/// The name of the session cookie over plain http (development, tests).
pub const SESSION_COOKIE: &str = "convention_session";

/// The session cookie's name: under https, with the `__Host-` prefix, which browsers accept
/// only when set by a secure origin with `Path=/` and no `Domain`, so no sibling sub-domain can
/// plant or shadow a session.
pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        "__Host-convention_session"
    } else {
        SESSION_COOKIE
    }
}

/// The session token a request carries, under the cookie name `secure` calls for.
pub fn session_token(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    cookie_value(headers, session_cookie(secure))
}
/// The name of the language cookie.
pub const LANG_COOKIE: &str = "lang";

/// A cookie's value from request headers.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The locale for this request: the `lang` cookie, else `Accept-Language`, else French.
pub fn locale_of(headers: &http::HeaderMap) -> Locale {
    cookie_value(headers, LANG_COOKIE)
        .and_then(|v| Locale::from_tag(&v))
        .unwrap_or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::negotiate)
                .unwrap_or_default()
        })
}

/// The client's address: with a trusted proxy, the right-most `X-Forwarded-For` entry (the one
/// the proxy itself added: every entry to its left was written by the client and proves
/// nothing), else the peer address; `None` when neither is known (in-process requests, as in
/// tests).
pub fn client_address(parts: &Parts, trust_proxy: bool) -> Option<std::net::IpAddr> {
    if trust_proxy {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}
