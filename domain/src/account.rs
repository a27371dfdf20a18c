//! Account credentials: what makes a username, a display name and a password acceptable.
//!
//! Usernames are unique case-insensitively: [`Username::key`] is the lower-cased form the
//! database's unique index is built on, while the username keeps the case its owner chose.
//! Passwords follow NIST SP 800-63B: a length range and nothing else (no composition rules).

use serde::{Deserialize, Serialize};

/// Fewest characters in a username.
pub const USERNAME_MIN: usize = 3;
/// Most characters in a username.
pub const USERNAME_MAX: usize = 32;
/// Most characters in a display name.
pub const DISPLAY_NAME_MAX: usize = 64;
/// Fewest characters in a password.
pub const PASSWORD_MIN: usize = 12;
/// Most characters in a password: long passphrases are welcome, unbounded input is not.
pub const PASSWORD_MAX: usize = 1024;

/// Why a credential was refused. Each variant carries what the user needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AccountError {
    /// The username is shorter or longer than allowed.
    #[error("username must be {min} to {max} characters long, not {actual}")]
    UsernameLength {
        /// Allowed minimum.
        min: usize,
        /// Allowed maximum.
        max: usize,
        /// Characters given.
        actual: usize,
    },
    /// The username has a character other than letters, digits, `.`, `_` and `-`.
    #[error("username may only contain letters, digits, '.', '_' and '-'")]
    UsernameCharacters,
    /// The username mixes writing systems (a Cyrillic "а" among Latin letters), so it could
    /// pass for another account's.
    #[error("username may not mix writing systems")]
    UsernameMixedScripts,
    /// The display name is empty (after trimming) or too long.
    #[error("display name must be 1 to {max} characters long, not {actual}")]
    DisplayNameLength {
        /// Allowed maximum.
        max: usize,
        /// Characters given, after trimming.
        actual: usize,
    },
    /// The display name contains control or invisible formatting characters.
    #[error("display name may not contain control characters")]
    DisplayNameCharacters,
    /// The password is shorter or longer than allowed.
    #[error("password must be {min} to {max} characters long, not {actual}")]
    PasswordLength {
        /// Allowed minimum.
        min: usize,
        /// Allowed maximum.
        max: usize,
        /// Characters given.
        actual: usize,
    },
    /// The password contains a NUL character, which some systems truncate at.
    #[error("password may not contain a NUL character")]
    PasswordNul,
}

/// A username that passed validation.
///
/// ```
/// use domain::Username;
/// let name = Username::parse("Camille.D").unwrap();
/// assert_eq!(name.as_str(), "Camille.D");
/// assert_eq!(name.key(), "camille.d");
/// assert!(Username::parse("a b").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    /// Validates a username as typed (surrounding spaces are not trimmed: they are refused, so
    /// that what a person types is exactly what they log in with).
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let actual = raw.chars().count();
        if !(USERNAME_MIN..=USERNAME_MAX).contains(&actual) {
            return Err(AccountError::UsernameLength {
                min: USERNAME_MIN,
                max: USERNAME_MAX,
                actual,
            });
        }
        if !raw
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err(AccountError::UsernameCharacters);
        }
        Ok(Self(raw.to_owned()))
    }

    /// The username as its owner wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key two usernames collide on.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// A display name that passed validation, trimmed.
///
/// ```
/// use domain::DisplayName;
/// assert_eq!(DisplayName::parse("  Camille Dupont ").unwrap().as_str(), "Camille Dupont");
/// assert!(DisplayName::parse("   ").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Validates and trims a display name.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let trimmed = raw.trim();
        let actual = trimmed.chars().count();
        if actual == 0 || actual > DISPLAY_NAME_MAX {
            return Err(AccountError::DisplayNameLength {
                max: DISPLAY_NAME_MAX,
                actual,
            });
        }
        if trimmed.chars().any(is_forbidden_in_name) {
            return Err(AccountError::DisplayNameCharacters);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The display name, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Control characters and the bidirectional overrides that let a name display as something
/// other than what it is.
fn is_forbidden_in_name(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A password that passed validation. Its `Debug` never shows the secret.
///
/// ```
/// use domain::Password;
/// assert!(Password::parse("correct horse battery").is_ok());
/// assert!(Password::parse("short").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Validates a new password: length in characters, and no NUL.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let actual = raw.chars().count();
        if !(PASSWORD_MIN..=PASSWORD_MAX).contains(&actual) {
            return Err(AccountError::PasswordLength {
                min: PASSWORD_MIN,
                max: PASSWORD_MAX,
                actual,
            });
        }
        if raw.contains('\0') {
            return Err(AccountError::PasswordNul);
        }
        Ok(Self(raw.to_owned()))
    }

    /// The secret, to be hashed.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn usernames_collide_case_insensitively() {
        let a = Username::parse("Camille").unwrap();
        let b = Username::parse("cAMILLE").unwrap();
        assert_eq!(a.key(), b.key());
        assert_ne!(a.as_str(), b.as_str());
    }

    #[test]
    fn accepts_accented_usernames() {
        assert!(Username::parse("Hélène_34").is_ok());
    }

    #[test]
    fn rejects_usernames_out_of_length() {
        assert!(matches!(
            Username::parse("ab"),
            Err(AccountError::UsernameLength { actual: 2, .. })
        ));
        assert!(matches!(
            Username::parse(&"a".repeat(1000)),
            Err(AccountError::UsernameLength { actual: 1000, .. })
        ));
        assert!(Username::parse(&"é".repeat(32)).is_ok());
    }

    #[test]
    fn rejects_markup_sql_and_nul_in_usernames() {
        for bad in [
            "<script>",
            "a'; DROP TABLE users;--",
            "ab\0c",
            "a b",
            " abc",
        ] {
            assert_eq!(
                Username::parse(bad),
                Err(AccountError::UsernameCharacters),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn display_names_keep_markup_as_text_but_refuse_controls() {
        assert!(DisplayName::parse("<b>Léa</b> & co").is_ok());
        assert_eq!(
            DisplayName::parse("Léa\0"),
            Err(AccountError::DisplayNameCharacters)
        );
        assert_eq!(
            DisplayName::parse("evil\u{202E}txt.exe"),
            Err(AccountError::DisplayNameCharacters)
        );
    }

    #[test]
    fn passwords_are_counted_in_characters_not_bytes() {
        assert!(Password::parse(&"é".repeat(12)).is_ok());
        assert!(Password::parse(&"é".repeat(11)).is_err());
        assert!(Password::parse(&"x".repeat(1024)).is_ok());
        assert!(Password::parse(&"x".repeat(1025)).is_err());
        assert_eq!(
            Password::parse("0123456789a\0b"),
            Err(AccountError::PasswordNul)
        );
    }

    #[test]
    fn password_debug_hides_the_secret() {
        let p = Password::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }

    proptest! {
        #[test]
        fn a_valid_username_has_only_allowed_characters(s in "\\PC{0,40}") {
            if let Ok(u) = Username::parse(&s) {
                let n = u.as_str().chars().count();
                prop_assert!((USERNAME_MIN..=USERNAME_MAX).contains(&n));
                prop_assert!(u.as_str().chars().all(|c| c.is_alphanumeric() || ".-_".contains(c)));
            }
        }

        #[test]
        fn a_valid_display_name_is_trimmed_and_bounded(s in "\\PC{0,80}") {
            if let Ok(d) = DisplayName::parse(&s) {
                prop_assert_eq!(d.as_str(), d.as_str().trim());
                prop_assert!(!d.as_str().is_empty());
                prop_assert!(d.as_str().chars().count() <= DISPLAY_NAME_MAX);
            }
        }

        #[test]
        fn usernames_differing_only_in_case_share_a_key(s in "[a-zA-Zé_.-]{3,32}") {
            let upper = Username::parse(&s.to_uppercase());
            let lower = Username::parse(&s.to_lowercase());
            if let (Ok(u), Ok(l)) = (upper, lower) {
                prop_assert_eq!(u.key(), l.key());
            }
        }
    }
}
