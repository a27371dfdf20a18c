//! The interface's languages and texts: the locale of a request, and the texts of
//! `app/locales/<tag>.ftl` (Fluent files translators edit), compiled by `app/build.rs`.
//!
//! A plain text is a `&'static str` field of [`Texts`], a text with values a method taking them
//! (in alphabetical order of their names); a key the code uses that a file lacks fails the
//! build. The locale is chosen per request (the `lang` cookie, then `Accept-Language`) and
//! written into `<html lang>`, which the browser reads back when it hydrates so that both render
//! the same text.

use leptos::prelude::*;

/// The language of the convention's own content (its question, topics, and what people
/// write), marked on that content so screen readers pronounce it right in an English page.
pub const CONTENT_LANG: &str = "fr";

mod generated {
    // The code generated from the translation files; its shape depends on what translators
    // write (a variant-only plural, say), so style lints are not applied to it.
    #![allow(clippy::all, clippy::pedantic, unused_mut, unused_imports)]
    use super::{plural_category, Count};
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}
mod errors;
mod names;

pub(crate) use errors::error_message;
pub use generated::{Locale, Texts};
pub use names::{
    count_of, moderation_action_name, report_reason_name, role_name, stance_name, status_name,
    Counted,
};

impl Locale {
    /// Parses a tag such as `fr`, `en-GB`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// Picks the best supported locale from an `Accept-Language` header, by quality.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(Locale, f32)> = None;
        for part in accept_language.split(',') {
            let mut fields = part.split(';');
            let tag = fields.next().unwrap_or("");
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(l) = Locale::from_tag(tag) {
                if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((l, q));
                }
            }
        }
        best.map(|(l, _)| l).unwrap_or_default()
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        self.texts().language_name
    }
}

/// The locale of the current page (provided by [`crate::App`]).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The UI texts of the current page.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

/// A number a text counts, which picks the text's plural form.
pub trait Count: Copy + std::fmt::Display {
    /// The number, as plural rules take it.
    fn count(self) -> u64;
}

macro_rules! count_for {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(self) -> u64 {
                // Counts are never negative; a negative one would be a bug shown as "0".
                u64::try_from(self).unwrap_or(0)
            }
        }
    )*};
}
count_for!(i32, i64, u32, u64, usize);

/// The CLDR plural category of `n` in a locale's language (`intl_pluralrules` holds CLDR's
/// rules; French puts 0 and 1 in "one", English only 1).
fn plural_category(locale: Locale, n: u64) -> intl_pluralrules::PluralCategory {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    use std::sync::OnceLock;
    // A page renders dozens of counts: the rules are looked up once per language, not once a
    // count.
    static RULES: OnceLock<Vec<Option<PluralRules>>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        Locale::ALL
            .iter()
            .map(|l| {
                let id = l.tag().parse::<unic_langid::LanguageIdentifier>().ok()?;
                PluralRules::create(id, PluralRuleType::CARDINAL).ok()
            })
            .collect()
    });
    rules
        .get(locale as usize)
        .and_then(Option::as_ref)
        .and_then(|r| r.select(n).ok())
        .unwrap_or(PluralCategory::OTHER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality_and_defaults_to_french() {
        assert_eq!(Locale::negotiate("en-GB,en;q=0.9,fr;q=0.8"), Locale::En);
        assert_eq!(Locale::negotiate("de-DE,fr;q=0.5,en;q=0.7"), Locale::En);
        assert_eq!(Locale::negotiate("de-DE"), Locale::Fr);
        assert_eq!(Locale::negotiate(""), Locale::Fr);
        assert_eq!(Locale::negotiate("en;q=0"), Locale::Fr);
    }

    #[test]
    fn plurals_follow_each_language_s_cldr_rules() {
        let (fr, en) = (Locale::Fr.texts(), Locale::En.texts());
        assert_eq!(fr.count_supports(0), "0 soutien");
        assert_eq!(fr.count_supports(1), "1 soutien");
        assert_eq!(fr.count_supports(2), "2 soutiens");
        assert_eq!(en.count_supports(0), "0 supports");
        assert_eq!(en.count_supports(1), "1 support");
        assert_eq!(en.count_supports(2), "2 supports");
        // CLDR puts a French million in "many", which the file leaves to "other".
        assert_eq!(fr.count_comments(1_000_000), "1000000 commentaires");
        assert_eq!(fr.characters_typed(1usize), "1 caractère saisi");
        assert_eq!(en.characters_typed(0usize), "0 characters typed");
    }

    #[test]
    fn exact_numbers_win_over_plural_categories() {
        let (fr, en) = (Locale::Fr.texts(), Locale::En.texts());
        assert_eq!(
            fr.error_rate_limited(1u64),
            "Trop de tentatives en peu de temps : réessayez dans une minute."
        );
        assert_eq!(
            fr.error_rate_limited(5u64),
            "Trop de tentatives en peu de temps : réessayez dans 5 minutes."
        );
        assert_eq!(
            en.error_rate_limited(1u64),
            "Too many attempts in a short time: try again in a minute."
        );
    }

    #[test]
    fn values_and_literals_land_where_the_files_put_them() {
        let en = Locale::En.texts();
        assert_eq!(
            en.error_username_length(2, 32, 3),
            "The username must be 3 to 32 characters long (it has 2)."
        );
        assert_eq!(
            en.rule_grade("Good"),
            "Adopted with a majority grade of “Good” or better."
        );
        // `{" "}` keeps a space Fluent would otherwise trim.
        assert!(en.your_receipt.ends_with(' '));
        for l in Locale::ALL {
            assert!(!l.native_name().is_empty());
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
    }
}
