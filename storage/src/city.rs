//! Bulk writes of a city-sized convention for benchmarks (`convention demo --scale city`):
//! rows made by the database itself from a counter, so a million comments take seconds, not
//! the hours of a million single-row transactions.
//!
//! Ids are given explicitly from the table's highest id on, so that a reply can name its
//! parent and a supporter an account in the same statement; PostgreSQL's sequences are moved
//! past them afterwards. Every row is what the application itself would have written:
//! versions, counters, thread roots and search entries (through the tables' own triggers).

use crate::{with_pool, Db, Result};
use domain::{ProposalId, RoundId, TopicId, UserId};

/// The rows counted from 0 to `$1 - 1`, as `seq(i)`: a recursive query both backends run.
const SEQ: &str =
    "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < $1) ";

/// A well-formed argon2id hash of no password: nobody signs in as a generated account.
pub const NO_PASSWORD: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

/// The first id a bulk insert into `table` may use.
async fn next_id(db: &Db, table: &str) -> Result<i64> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
    Ok(with_pool!(db, p => sqlx::query_scalar::<_, i64>(&sql).fetch_one(p).await?))
}

/// On PostgreSQL, moves `table`'s id sequence past the ids given explicitly.
async fn catch_up(db: &Db, table: &str) -> Result<()> {
    if let Db::Postgres(p) = db {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        ))
        .execute(p)
        .await?;
    }
    Ok(())
}

/// Runs one generating statement with its bound numbers.
async fn run(db: &Db, sql: &str, numbers: &[i64]) -> Result<()> {
    with_pool!(db, p => {
        let mut q = sqlx::query(sql);
        for n in numbers {
            q = q.bind(*n);
        }
        q.execute(p).await?;
    });
    Ok(())
}

/// `n` citizens `habitant0`… (every twentieth a drawn member), active `now`; returns the
/// first id (the others follow).
pub async fn users(db: &Db, n: i64, now: i64) -> Result<UserId> {
    let first = next_id(db, "users").await?;
    let sql = format!(
        "{SEQ}INSERT INTO users (id, username, username_key, username_skeleton, display_name, \
         password_hash, role, name_public, created_at, last_active_at) \
         SELECT $2 + i, 'habitant' || i, 'habitant' || i, 'habitant' || i, 'Habitant ' || i, \
         '{NO_PASSWORD}', CASE WHEN i % 20 = 0 THEN 'member' ELSE 'citizen' END, \
         (i % 3 = 0), $3, $3 FROM seq"
    );
    run(db, &sql, &[n, first, now]).await?;
    catch_up(db, "users").await?;
    Ok(UserId(first))
}

/// Where generated content goes and who writes it.
pub struct Authors<'a> {
    /// The topics proposals are spread over, in turn.
    pub topics: &'a [TopicId],
    /// The first generated account ([`users`]).
    pub first_user: UserId,
    /// How many accounts follow it.
    pub users: i64,
    /// The moment the content is written up to.
    pub now: i64,
}

/// Which of `topics` the proposal numbered `expr` belongs to, as SQL.
fn topic_of(topics: &[TopicId], expr: &str) -> String {
    let arms: String = topics
        .iter()
        .enumerate()
        .map(|(k, t)| format!(" WHEN {k} THEN {}", t.0))
        .collect();
    format!("CASE ({expr}) % {}{arms} END", topics.len().max(1))
}

/// `n` published proposals spread over the topics, written by the generated accounts, each with its first version and up to four supports; returns the first id.
pub async fn proposals(db: &Db, n: i64, a: &Authors<'_>) -> Result<ProposalId> {
    let (topics, first_user, users, now) = (a.topics, a.first_user, a.users, a.now);
    let first = next_id(db, "proposals").await?;
    let sql = format!(
        "{SEQ}INSERT INTO proposals (id, topic_id, author_id, title, summary, body, status, \
         visibility, created_at, updated_at) \
         SELECT $2 + i, {topic}, $3 + (i * 7) % $4, \
         'Proposition ' || i || CASE i % 4 WHEN 0 THEN ' : former les agents publics à l’IA' \
           WHEN 1 THEN ' : publier les algorithmes de la Métropole' \
           WHEN 2 THEN ' : mesurer l’empreinte des centres de données' \
           ELSE ' : un fonds pour les métiers transformés' END, \
         'Un résumé d’une ou deux phrases, comme en écrivent les citoyens pour présenter \
          leur proposition.', \
         'Un texte plus long, en **Markdown**, avec une liste :\n\n- un\n- deux\n', \
         'published', 'published', $5 - ($1 - i) * 60000, $5 - ($1 - i) * 60000 FROM seq",
        topic = topic_of(topics, "i"),
    );
    run(db, &sql, &[n, first, first_user.0, users, now]).await?;
    catch_up(db, "proposals").await?;
    run(
        db,
        "INSERT INTO proposal_versions (proposal_id, version, title, summary, body, editor_id, \
         created_at) SELECT id, 1, title, summary, body, author_id, created_at FROM proposals \
         WHERE id >= $1",
        &[first],
    )
    .await?;
    // Supporter k of proposal q: k steps of a fifth of the accounts apart, so never twice the
    // same; proposal q has q % 5 of them.
    let sql = format!(
        "{SEQ}INSERT INTO supports (proposal_id, user_id, created_at) \
         SELECT $2 + i / 4, $3 + ((i / 4) * 31 + (i % 4) * ($4 / 5)) % $4, $5 FROM seq \
         WHERE i % 4 < (i / 4) % 5"
    );
    run(db, &sql, &[n * 4, first, first_user.0, users, now]).await?;
    run(
        db,
        "UPDATE proposals SET support_count = \
         (SELECT COUNT(*) FROM supports s WHERE s.proposal_id = proposals.id) WHERE id >= $1",
        &[first],
    )
    .await?;
    Ok(ProposalId(first))
}

/// `n` published comments by the generated accounts on the `proposals` proposals from
/// `first_proposal` (made by [`proposals`] with the same topics), in threads of a root and three nested replies, with their
/// proposals' counters; returns the first id.
pub async fn comments(
    db: &Db,
    n: i64,
    first_proposal: ProposalId,
    proposals: i64,
    a: &Authors<'_>,
) -> Result<()> {
    let (topics, first_user, users, now) = (a.topics, a.first_user, a.users, a.now);
    let first = next_id(db, "comments").await?;
    // Comment i is the (i / P)th on proposal i % P, at place (i / P) % 4 of its thread: the
    // root, then each a reply to the one before (P ids earlier).
    let sql = format!(
        "{SEQ}INSERT INTO comments (id, topic_id, proposal_id, parent_id, depth, author_id, body, \
         stance, visibility, created_at, root_id) \
         SELECT $2 + i, {topic}, $3 + i % $4, \
         CASE WHEN (i / $4) % 4 = 0 THEN NULL ELSE $2 + i - $4 END, (i / $4) % 4, \
         $5 + (i * 13) % $6, \
         CASE i % 3 WHEN 0 THEN 'Un commentaire de quelques lignes, avec un [lien](https://example.org) \
           et un peu de *mise en forme*, comme dans un vrai débat.' \
           WHEN 1 THEN 'Je partage l’objectif, mais qui paiera la formation des agents ?' \
           ELSE 'Il faudrait d’abord mesurer ce que cela coûte en énergie et en eau.' END, \
         CASE WHEN (i / $4) % 4 = 0 THEN CASE (i / $4 / 4) % 4 WHEN 0 THEN 'pour' \
           WHEN 1 THEN 'contre' WHEN 2 THEN 'neutre' END END, \
         'published', $7 - ($1 - i) * 1000, $2 + i - ((i / $4) % 4) * $4 FROM seq",
        topic = topic_of(topics, &format!("i % {proposals}")),
    );
    run(
        db,
        &sql,
        &[
            n,
            first,
            first_proposal.0,
            proposals,
            first_user.0,
            users,
            now,
        ],
    )
    .await?;
    catch_up(db, "comments").await?;
    let count = |stance: &str| {
        format!("(SELECT COUNT(*) FROM comments c WHERE c.proposal_id = proposals.id{stance})")
    };
    let sql = format!(
        "UPDATE proposals SET comment_count = {}, for_count = {}, against_count = {}, \
         neutral_count = {} WHERE id >= $1",
        count(""),
        count(" AND c.stance = 'pour'"),
        count(" AND c.stance = 'contre'"),
        count(" AND c.stance = 'neutre'"),
    );
    run(db, &sql, &[first_proposal.0]).await
}

/// `n` ballots of the public side in a closed round, one of `contents` each in turn, by the
/// accounts from `first_user` taken `step` apart (a step prime to `users`, so none twice).
pub async fn ballots(
    db: &Db,
    round: RoundId,
    n: i64,
    contents: &[String],
    first_user: UserId,
    users: i64,
    step: i64,
) -> Result<()> {
    let arms: String = (0..contents.len())
        .map(|k| format!(" WHEN {k} THEN ${}", k + 3))
        .collect();
    let sql = format!(
        "{SEQ}INSERT INTO ballots (round_id, slot, side, receipt, content) \
         SELECT $2, 'slot-' || $2 || '-' || i, 'public', 'CITY-' || $2 || '-' || i, \
         CASE i % {}{arms} END FROM seq",
        contents.len().max(1)
    );
    let participation = format!(
        "{SEQ}INSERT INTO round_participation (round_id, user_id, side) \
         SELECT $2, $3 + ((i + $2) * $4) % $5, 'public' FROM seq"
    );
    with_pool!(db, p => {
        let mut tx = crate::BeginWrite::begin_write(p).await?;
        let mut q = sqlx::query(&sql).bind(n).bind(round.0);
        for c in contents {
            q = q.bind(c);
        }
        q.execute(&mut *tx).await?;
        sqlx::query(&participation)
            .bind(n)
            .bind(round.0)
            .bind(first_user.0)
            .bind(step)
            .bind(users)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(())
}

/// Gathers the planner's statistics after a bulk fill. PostgreSQL plans without them as if
/// tables were tiny: a topic's list then sorted its thousands of proposals instead of walking
/// their index (0.3 ms against 70 ms), until autovacuum got round to it. SQLite needs none to
/// choose its indexes here (its plans are checked by the suite without statistics).
pub async fn analyze(db: &Db) -> Result<()> {
    if let Db::Postgres(p) = db {
        sqlx::query("ANALYZE").execute(p).await?;
    }
    Ok(())
}
