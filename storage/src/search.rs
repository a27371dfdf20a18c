//! Full-text search over topics and published proposals and comments: FTS5 on SQLite (the
//! query stemmed by `domain::search`), French text search with unaccent on PostgreSQL. Only
//! what everyone may see is ever returned.

use crate::{Db, Result};
use domain::search::{MARK_END, MARK_START};
use domain::ProposalId;

/// One result.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Hit {
    /// topic, proposal or comment.
    pub kind: String,
    /// Item id.
    pub item_id: i64,
    /// The proposal it is or belongs to.
    #[sqlx(try_from = "crate::ids::NullableId")]
    pub proposal_id: Option<ProposalId>,
    /// Its topic's slug.
    pub topic_slug: String,
    /// The topic's or proposal's title (for a comment, its proposal's title or its topic's).
    pub title: String,
    /// An excerpt with matches between [`MARK_START`] and [`MARK_END`].
    pub excerpt: String,
}

/// Topics on the home page; archived ones are kept out of the results as out of the list.
const VISIBLE_TOPIC: &str = "NOT t.archived";
/// Everyone may see an item that is published, not a draft, and (for a comment) on a
/// proposal that everyone may see.
const VISIBLE_PROPOSAL: &str = "p.visibility = 'published' AND p.status <> 'draft'";
const VISIBLE_COMMENT: &str = "c.visibility = 'published' AND (c.proposal_id IS NULL \
    OR (pp.visibility = 'published' AND pp.status <> 'draft'))";

/// Up to `limit` results for `query`: topics first, then proposals and comments best first.
/// SQLite takes an FTS5 expression (see `domain::search::fts5_query`); PostgreSQL the words as
/// typed (`websearch_to_tsquery`).
pub async fn search(db: &Db, fts5: &str, words: &str, limit: i64) -> Result<Vec<Hit>> {
    Ok(match db {
        Db::Sqlite(p) => {
            // Every match is ranked and excerpted: FTS5 cannot excerpt a few chosen rows
            // without running the query again for each (tried: ten times slower), so a word
            // in a third of a city's comments takes about two seconds (BENCHMARKS.md).
            let sql = format!(
                "SELECT kind, item_id, proposal_id, topic_slug, title, excerpt FROM ( \
                   SELECT 'topic' AS kind, t.id AS item_id, NULL AS proposal_id, \
                          t.slug AS topic_slug, t.title AS title, \
                          snippet(topic_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24) AS excerpt, \
                          topic_fts.rank AS rank \
                     FROM topic_fts JOIN topics t ON t.id = topic_fts.rowid \
                    WHERE topic_fts MATCH $1 AND {VISIBLE_TOPIC} \
                   UNION ALL \
                   SELECT 'proposal', p.id, p.id, t.slug, p.title, \
                          snippet(search_fts, -1, '{MARK_START}', '{MARK_END}', '…', 24), \
                          search_fts.rank \
                     FROM search_fts JOIN proposals p \
                       ON search_fts.rowid % 2 = 0 AND p.id = search_fts.rowid / 2 \
                     JOIN topics t ON t.id = p.topic_id \
                    WHERE search_fts MATCH $1 AND {VISIBLE_PROPOSAL} \
                   UNION ALL \
                   SELECT 'comment', c.id, c.proposal_id, t.slug, COALESCE(pp.title, t.title), \
                          snippet(search_fts, 1, '{MARK_START}', '{MARK_END}', '…', 24), \
                          search_fts.rank \
                     FROM search_fts JOIN comments c \
                       ON search_fts.rowid % 2 = 1 AND c.id = search_fts.rowid / 2 \
                     JOIN topics t ON t.id = c.topic_id \
                     LEFT JOIN proposals pp ON pp.id = c.proposal_id \
                    WHERE search_fts MATCH $1 AND {VISIBLE_COMMENT} \
                 ) r ORDER BY kind = 'topic' DESC, rank, item_id DESC LIMIT $2"
            );
            sqlx::query_as::<_, Hit>(&sql)
                .bind(fts5)
                .bind(limit)
                .fetch_all(p)
                .await?
        }
        Db::Postgres(p) => {
            let options = format!(
                "StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, \
                 MaxFragments=2, FragmentDelimiter=\" … \""
            );
            // Ranked first on the matching rows alone, and only the best `4 × limit` of
            // proposals and of comments are joined and excerpted: a common word matches a
            // third of a city's million comments, and joining and excerpting each took
            // seconds. The excerpt is computed after the final LIMIT (PostgreSQL defers a
            // costly output expression past it). A comment whose proposal is not visible
            // drops out after the cut, so a page may list fewer than `limit` in that case.
            let sql = format!(
                "WITH q AS (SELECT websearch_to_tsquery('convention_fr', $1) AS query), \
                 best_p AS (SELECT p.id, ts_rank(p.search, q.query) AS rank FROM proposals p, q \
                    WHERE p.search @@ q.query AND {VISIBLE_PROPOSAL} \
                    ORDER BY rank DESC, p.id DESC LIMIT $4), \
                 best_c AS (SELECT c.id, ts_rank(c.search, q.query) AS rank FROM comments c, q \
                    WHERE c.search @@ q.query AND c.visibility = 'published' \
                    ORDER BY rank DESC, c.id DESC LIMIT $4) \
                 SELECT kind, item_id, proposal_id, topic_slug, title, \
                        ts_headline('convention_fr', doc, q.query, $3) AS excerpt FROM ( \
                   SELECT 'topic' AS kind, t.id AS item_id, NULL::BIGINT AS proposal_id, \
                          t.slug AS topic_slug, t.title AS title, \
                          t.title || ' — ' || t.description || ' ' || t.question AS doc, \
                          ts_rank(t.search, q.query) AS rank \
                     FROM topics t, q \
                    WHERE t.search @@ q.query AND {VISIBLE_TOPIC} \
                   UNION ALL \
                   SELECT 'proposal', p.id, p.id, t.slug, p.title, \
                          p.title || ' — ' || p.summary || ' ' || p.body, best_p.rank \
                     FROM best_p JOIN proposals p ON p.id = best_p.id \
                     JOIN topics t ON t.id = p.topic_id \
                   UNION ALL \
                   SELECT 'comment', c.id, c.proposal_id, t.slug, COALESCE(pp.title, t.title), \
                          c.body, best_c.rank \
                     FROM best_c JOIN comments c ON c.id = best_c.id \
                     JOIN topics t ON t.id = c.topic_id \
                     LEFT JOIN proposals pp ON pp.id = c.proposal_id \
                    WHERE {VISIBLE_COMMENT} \
                 ) r, q ORDER BY kind = 'topic' DESC, rank DESC, item_id DESC LIMIT $2"
            );
            sqlx::query_as::<_, Hit>(&sql)
                .bind(words)
                .bind(limit)
                .bind(options)
                .bind(limit.saturating_mul(4))
                .fetch_all(p)
                .await?
        }
    })
}
