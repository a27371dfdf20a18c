//! Managing accounts: organisers list accounts, set roles and ban; moderators suspend and
//! reinstate participants. Nobody acts on their own account.

use crate::{with_role, Actor, Conflict, Error, Result};
use domain::UserId;
use storage::users::Suspension;
use storage::Db;

/// Accounts listed per page.
pub const USERS_PER_PAGE: i64 = 100;

/// One account as the organisers' list shows it.
pub struct UserSummary {
    /// Account id.
    pub id: domain::UserId,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: domain::Role,
    /// Whether suspended now.
    pub suspended: bool,
    /// When the suspension ends, Unix ms; `None` while suspended is a ban.
    pub suspended_until: Option<i64>,
}

/// A page of accounts, by id.
pub struct UserPage {
    /// The accounts.
    pub users: Vec<UserSummary>,
    /// The cursor of the next page, if there is one.
    pub next_after: Option<domain::UserId>,
}

/// An account suspended or banned now.
pub struct Suspended {
    /// Account id.
    pub id: domain::UserId,
    /// Display name.
    pub display_name: String,
    /// Username.
    pub username: String,
    /// End of the suspension, Unix ms; `None`: banned.
    pub until: Option<i64>,
    /// Whether the person has appealed it (and waits for an answer).
    pub appealed: bool,
}

/// Accounts after the id `after` (keyset pagination). Organisers only.
pub async fn list_users(db: &Db, actor: Option<Actor>, after: domain::UserId) -> Result<UserPage> {
    with_role(actor, domain::Role::can_manage_accounts)?;
    let now = storage::now_ms();
    let mut rows = storage::users::list_users(db, after, USERS_PER_PAGE + 1).await?;
    let page = usize::try_from(USERS_PER_PAGE).unwrap_or(usize::MAX);
    let next_after = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let users = rows
        .into_iter()
        .map(|r| UserSummary {
            suspended: r.is_suspended(now),
            suspended_until: r.suspended_until,
            role: r.role(),
            id: r.id,
            username: r.username,
            display_name: r.display_name,
        })
        .collect();
    Ok(UserPage { users, next_after })
}

/// Gives an account a role. Organisers only, never on their own account.
pub async fn set_role(
    db: &Db,
    actor: Option<Actor>,
    user_id: UserId,
    role: domain::Role,
) -> Result<()> {
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    if me.id == user_id {
        return Err(Error::Conflict(Conflict::OwnAccount));
    }
    Ok(storage::users::set_role(db, user_id, role, Some(me.id)).await?)
}

/// Bans an account (ending its sessions at once) or lifts its ban, logged. Organisers only.
pub async fn set_banned(
    db: &Db,
    actor: Option<Actor>,
    user_id: UserId,
    banned: bool,
) -> Result<()> {
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    if me.id == user_id {
        return Err(Error::Conflict(Conflict::OwnAccount));
    }
    let s = if banned {
        Suspension::Ban
    } else {
        Suspension::Lifted
    };
    Ok(storage::users::set_suspended(db, user_id, s, me.id, "").await?)
}

/// Suspends an account for `length` days (1 to 365) or bans it (`length` = "ban"), with a
/// reason kept in the moderation log; its sessions end at once and its pending items stay in
/// the queue. Moderators suspend citizens and members; organisers anyone but themselves.
pub async fn suspend(
    db: &Db,
    actor: Option<Actor>,
    user_id: UserId,
    length: &str,
    reason: &str,
) -> Result<()> {
    use domain::moderation::{parse_note, SuspensionLength};
    let me = with_role(actor, domain::Role::can_moderate)?;
    let length = SuspensionLength::parse(length)?;
    let reason = parse_note(reason, false)?;
    check_target(db, me, user_id).await?;
    let s = match length.ends_at(storage::now_ms()) {
        Some(t) => Suspension::Until(t),
        None => Suspension::Ban,
    };
    Ok(storage::users::set_suspended(db, user_id, s, me.id, &reason).await?)
}

/// Lifts a suspension or ban, logged. Moderators for citizens and members; organisers.
pub async fn reinstate(db: &Db, actor: Option<Actor>, user_id: UserId) -> Result<()> {
    let me = with_role(actor, domain::Role::can_moderate)?;
    check_target(db, me, user_id).await?;
    Ok(storage::users::set_suspended(db, user_id, Suspension::Lifted, me.id, "").await?)
}

/// Moderators act on participants only; nobody acts on their own account.
async fn check_target(db: &Db, me: Actor, user_id: UserId) -> Result<()> {
    if me.id == user_id {
        return Err(Error::Conflict(Conflict::OwnAccount));
    }
    let target = storage::users::find_user(db, user_id).await?;
    if !may_act_on(me, target.role()) {
        return Err(Error::Forbidden);
    }
    Ok(())
}

/// Moderators act on citizens and members; organisers on anyone (but never on themselves,
/// checked apart).
fn may_act_on(me: Actor, target: domain::Role) -> bool {
    !target.can_moderate() || me.role.can_manage_accounts()
}

/// Accounts suspended or banned now, most recent first (at most 500). Moderators and
/// organisers.
pub async fn suspended(db: &Db, actor: Option<Actor>) -> Result<Vec<Suspended>> {
    with_role(actor, domain::Role::can_moderate)?;
    let rows = storage::users::list_suspended(db, storage::now_ms(), 500).await?;
    let appealed = storage::users::appealed_suspensions(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| Suspended {
            appealed: appealed.contains(&r.id),
            id: r.id,
            display_name: r.display_name,
            username: r.username,
            until: r.suspended_until,
        })
        .collect())
}

/// Log entries a person's moderation page shows.
pub const PERSON_HISTORY: i64 = 200;

/// What moderators see of one person: their account, the latest suspension's reason, and
/// what the log says about them and what they wrote.
pub struct Person {
    /// The account as listed.
    pub account: UserSummary,
    /// When the account was created, Unix ms.
    pub created_at: i64,
    /// While suspended or banned: the stated reason of that decision (possibly empty).
    pub reason: Option<String>,
    /// Whether the actor may suspend, ban or reinstate this person (moderators act on
    /// citizens and members, organisers on anyone but themselves).
    pub may_act: bool,
    /// The log's entries about them, newest first (at most [`PERSON_HISTORY`]).
    pub history: Vec<storage::moderation::LogRow>,
}

/// One person's moderation page. Moderators and organisers.
pub async fn person(db: &Db, actor: Option<Actor>, user_id: UserId) -> Result<Person> {
    let me = with_role(actor, domain::Role::can_moderate)?;
    let row = storage::users::find_user(db, user_id).await?;
    let now = storage::now_ms();
    let suspended = row.is_suspended(now);
    let reason = if suspended {
        let (logged, _) = storage::users::latest_suspension(db, user_id)
            .await?
            .unwrap_or_default();
        Some(
            domain::moderation::read_suspension_reason(&logged)
                .1
                .to_owned(),
        )
    } else {
        None
    };
    let may_act = me.id != user_id && may_act_on(me, row.role());
    let history = storage::moderation::log_of_user(db, user_id, PERSON_HISTORY).await?;
    Ok(Person {
        created_at: row.created_at,
        account: UserSummary {
            id: row.id,
            suspended,
            suspended_until: row.suspended_until,
            role: row.role(),
            username: row.username,
            display_name: row.display_name,
        },
        reason,
        may_act,
        history,
    })
}
