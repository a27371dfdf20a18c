//! Markdown rendered for reading: off the async workers, and remembered.
//!
//! Rendering is linear but not free (a hostile 20,000-character text costs a few
//! milliseconds, see `domain::markup`): done on the async workers, a burst of reads of such
//! texts would stall every other request. Texts are rendered on the blocking pool, and the
//! last 2,048 results are kept (keyed by the SHA-256 of the source), so a text read again
//! is not rendered again.

use sha2::{Digest, Sha256};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, OnceLock};

const REMEMBERED: usize = 2_048;

type Cache = Mutex<lru::LruCache<[u8; 32], Arc<str>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| {
        Mutex::new(lru::LruCache::new(
            NonZeroUsize::new(REMEMBERED).expect("non-zero"),
        ))
    })
}

fn key(source: &str) -> [u8; 32] {
    Sha256::digest(source.as_bytes()).into()
}

/// The HTML of each Markdown source, in order (an empty source gives an empty string).
pub async fn render_all(sources: Vec<String>) -> Vec<String> {
    let mut out: Vec<Option<String>> = Vec::with_capacity(sources.len());
    let mut missing = Vec::new();
    {
        // A poisoned lock only means a panic elsewhere mid-insert: the map is still sound.
        let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
        for (i, s) in sources.iter().enumerate() {
            if s.is_empty() {
                out.push(Some(String::new()));
            } else if let Some(html) = cache.get(&key(s)) {
                out.push(Some(html.to_string()));
            } else {
                out.push(None);
                missing.push(i);
            }
        }
    }
    if !missing.is_empty() {
        let texts: Vec<String> = missing.iter().map(|i| sources[*i].clone()).collect();
        let rendered = tokio::task::spawn_blocking(move || {
            texts
                .iter()
                .map(|t| (key(t), domain::markup::render_markdown(t)))
                .collect::<Vec<_>>()
        })
        .await
        // Rendering does not panic on any input (the domain's property tests); if the task
        // was cancelled at shutdown, render here rather than fail the read.
        .unwrap_or_else(|_| {
            missing
                .iter()
                .map(|i| {
                    let t = &sources[*i];
                    (key(t), domain::markup::render_markdown(t))
                })
                .collect()
        });
        let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
        for (i, (k, html)) in missing.into_iter().zip(rendered) {
            cache.put(k, Arc::from(html.as_str()));
            out[i] = Some(html);
        }
    }
    out.into_iter().map(Option::unwrap_or_default).collect()
}

/// The HTML of one Markdown source (see [`render_all`]).
pub async fn render(source: &str) -> String {
    render_all(vec![source.to_owned()])
        .await
        .pop()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn renders_in_order_and_remembers() {
        let sources = vec![
            "**a**".to_owned(),
            String::new(),
            "<script>x</script>".to_owned(),
        ];
        let html = render_all(sources.clone()).await;
        assert_eq!(html[0], domain::markup::render_markdown("**a**"));
        assert_eq!(html[1], "");
        assert!(!html[2].contains("<script"));
        assert!(cache().lock().unwrap().contains(&key("**a**")));
        assert_eq!(render_all(sources).await, html);
        assert_eq!(render("**a**").await, html[0]);
    }
}
