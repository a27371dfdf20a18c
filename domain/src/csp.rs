//! The Content-Security-Policy answers carry: what a page may load and run if some user text
//! ever slipped past the sanitiser.

/// The policy of a page whose only inline scripts are those whose SHA-256 digests (base64) are
/// `script_hashes`: the islands' bootstrap, the same on every page. Everything else comes from
/// this site: `'self'` lets the bootstrap import the app's JS module, `'wasm-unsafe-eval'`
/// compile its WASM; no inline style, plugin, `<base>` or framing by another site. Hashes
/// rather than a nonce drawn per answer: a page is then the same bytes for every reader, so it
/// can be kept compressed once.
///
/// ```
/// let p = domain::csp::page(&["abc=".to_owned()]);
/// assert!(p.contains("script-src 'self' 'sha256-abc=' 'wasm-unsafe-eval'"));
/// assert!(p.contains("frame-ancestors 'none'"));
/// ```
pub fn page(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes
        .iter()
        .map(|h| format!("'sha256-{h}' "))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' {hashes}'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
}

/// The policy of every other answer (data, downloads, static files, errors in plain text): a
/// document opened from one may load and run nothing.
pub const OTHER: &str = "default-src 'none'; form-action 'none'; object-src 'none'; \
                         base-uri 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_digest_is_the_only_way_an_inline_script_runs() {
        let p = page(&["ZGlnZXN0".to_owned()]);
        let script = p
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert!(!script.contains("unsafe-inline"), "{script}");
        assert!(!script.contains("'unsafe-eval'"), "{script}");
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(
                p.contains(directive) && OTHER.contains(directive),
                "{directive}"
            );
        }
    }
}
