//! Rate limits: how often an account, a username or a client address may repeat an action.
//!
//! Counting is done in fixed windows stored in the database (so several servers share them);
//! this module says which limits apply, where a window starts and when to retry.

use serde::{Deserialize, Serialize};

/// An action that is rate limited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Creating an account.
    Register,
    /// Logging in with a wrong password: only failures count, so the right password is never
    /// refused because someone else guessed (see [`login_delay_ms`]).
    Login,
    /// Writing a proposal.
    Propose,
    /// Writing a comment.
    Comment,
    /// Supporting or unsupporting a proposal.
    Support,
    /// Reporting an item.
    Report,
    /// Changing one's password (each costs a full password hash).
    PasswordChange,
    /// Deleting one's account (each costs a full password hash).
    AccountDeletion,
    /// Editing a proposal or a comment.
    Edit,
    /// Upvoting or un-upvoting a comment.
    Upvote,
}

/// At most `max` times per `window_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// Most actions in a window.
    pub max: u32,
    /// Window length, milliseconds.
    pub window_ms: i64,
}

const MINUTE: i64 = 60_000;

impl Action {
    /// Every limited action.
    pub const ALL: [Action; 10] = [
        Action::Register,
        Action::Login,
        Action::Propose,
        Action::Comment,
        Action::Support,
        Action::Report,
        Action::PasswordChange,
        Action::AccountDeletion,
        Action::Edit,
        Action::Upvote,
    ];

    /// A short name, used as the stored bucket.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Register => "register",
            Action::Login => "login",
            Action::Propose => "propose",
            Action::Comment => "comment",
            Action::Support => "support",
            Action::Report => "report",
            Action::PasswordChange => "password_change",
            Action::AccountDeletion => "account_deletion",
            Action::Edit => "edit",
            Action::Upvote => "upvote",
        }
    }

    /// The limit per signed-in account (per username for logins); `None` where the action has
    /// no account yet (registering).
    pub fn per_account(self) -> Option<Limit> {
        let (max, minutes) = match self {
            Action::Register => return None,
            Action::Login => (10, 15),
            Action::Propose => (10, 60),
            Action::Comment => (20, 10),
            Action::Support => (100, 10),
            Action::Report => (20, 60),
            Action::PasswordChange => (5, 60),
            Action::AccountDeletion => (5, 60),
            Action::Edit => (30, 10),
            Action::Upvote => (100, 10),
        };
        Some(Limit {
            max,
            window_ms: minutes * MINUTE,
        })
    }

    /// The limit per client address: looser than per account, since a household, a school or
    /// a public meeting may share one address.
    pub fn per_address(self) -> Limit {
        let (max, minutes) = match self {
            Action::Register => (30, 60),
            Action::Login => (60, 15),
            Action::Propose => (30, 60),
            Action::Comment => (60, 10),
            Action::Support => (300, 10),
            Action::Report => (60, 60),
            Action::PasswordChange => (20, 60),
            Action::AccountDeletion => (20, 60),
            Action::Edit => (90, 10),
            Action::Upvote => (300, 10),
        };
        Limit {
            max,
            window_ms: minutes * MINUTE,
        }
    }
}

impl Limit {
    /// The start of the window holding `now_ms`.
    ///
    /// ```
    /// use domain::rate::Limit;
    /// let l = Limit { max: 3, window_ms: 600_000 };
    /// assert_eq!(l.window_start(1_234_567), 1_200_000);
    /// ```
    pub fn window_start(self, now_ms: i64) -> i64 {
        now_ms - now_ms.rem_euclid(self.window_ms.max(1))
    }

    /// Whether the `count`-th action of a window is allowed.
    pub fn allows(self, count: i64) -> bool {
        count <= i64::from(self.max)
    }

    /// Whole seconds until the window holding `now_ms` ends (at least 1).
    ///
    /// ```
    /// use domain::rate::Limit;
    /// let l = Limit { max: 3, window_ms: 600_000 };
    /// assert_eq!(l.retry_after_secs(1_234_567), 566);
    /// ```
    pub fn retry_after_secs(self, now_ms: i64) -> u64 {
        let end = self.window_start(now_ms) + self.window_ms.max(1);
        u64::try_from((end - now_ms + 999) / 1000)
            .unwrap_or(1)
            .max(1)
    }
}

/// How long to hold a sign-in to an account that `failures` wrong passwords targeted in the
/// current window of `limit`: nothing up to the limit, then half a second doubling with each
/// further failure, at most eight seconds. Guessing spread over many addresses slows to a
/// crawl, while the owner, who cannot be locked out, waits a few seconds at worst.
///
/// ```
/// use domain::rate::{login_delay_ms, Limit};
/// let l = Limit { max: 10, window_ms: 900_000 };
/// assert_eq!(login_delay_ms(10, l), 0);
/// assert_eq!(login_delay_ms(11, l), 500);
/// assert_eq!(login_delay_ms(13, l), 2000);
/// assert_eq!(login_delay_ms(1000, l), 8000);
/// ```
pub fn login_delay_ms(failures: i64, limit: Limit) -> u64 {
    const FIRST_MS: u64 = 500;
    const MAX_MS: u64 = 8000;
    let excess = failures - i64::from(limit.max);
    if excess <= 0 {
        return 0;
    }
    let doublings = u32::try_from(excess - 1).unwrap_or(u32::MAX).min(16);
    (FIRST_MS << doublings).min(MAX_MS)
}

/// The key an address is counted under: IPv4 as is, IPv6 by its /64 (one household or device
/// holds a whole /64, so counting single addresses would not limit anything).
pub fn address_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_sane_limit() {
        for a in Action::ALL {
            let addr = a.per_address();
            assert!(addr.max > 0 && addr.window_ms > 0, "{a:?}");
            if let Some(acc) = a.per_account() {
                assert!(
                    acc.max <= addr.max,
                    "{a:?}: an address allows at least one account"
                );
            }
        }
    }

    #[test]
    fn windows_tile_time_and_retry_points_at_the_next_one() {
        let l = Limit {
            max: 2,
            window_ms: 1000,
        };
        assert!(l.allows(1) && l.allows(2) && !l.allows(3));
        for now in [0_i64, 1, 999, 1000, 1001, 123_456_789] {
            let start = l.window_start(now);
            assert!(start <= now && now < start + 1000);
            let retry = l.retry_after_secs(now);
            assert!((1..=1).contains(&retry), "{now}: {retry}");
        }
        assert_eq!(l.window_start(-1), -1000, "negative clocks still tile");
    }
}
