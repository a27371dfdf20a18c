//! The read API's voting rounds and, once closed, their stored results.

use super::*;

/// A voting round.
#[derive(Serialize, ToSchema)]
pub struct Round {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// `approval`, `borda`, `schulze`, `majority_judgment`, `cumulative`, `quadratic` or
    /// `measure`.
    pub method: String,
    /// Who votes: `members`, `public` or `both` (counted side by side).
    pub electorate: String,
    /// How proposals are adopted, in plain French.
    pub rule: String,
    /// Opening, UTC.
    #[schema(format = DateTime)]
    pub opens_at: String,
    /// Close, UTC.
    #[schema(format = DateTime)]
    pub closes_at: String,
    /// `upcoming`, `open` or `closed`; results are published once closed.
    pub state: String,
    /// The candidate proposals' ids, in ballot order.
    pub candidates: Vec<i64>,
}

fn round(r: &service::public::RoundRow, now: i64) -> Round {
    let rule = r
        .spec()
        .map(|spec| domain::report::adoption_rule(spec.rule, &spec.grades))
        .unwrap_or_default();
    Round {
        id: r.id.get(),
        title: r.title.clone(),
        method: r.method.clone(),
        electorate: r.electorate.clone(),
        rule,
        opens_at: domain::time::iso_utc(r.opens_at),
        closes_at: domain::time::iso_utc(r.closes_at),
        state: match r.phase(now) {
            domain::voting::round::Phase::Upcoming => "upcoming",
            domain::voting::round::Phase::Open => "open",
            domain::voting::round::Phase::Closed => "closed",
        }
        .to_owned(),
        candidates: r.candidates().iter().map(|c| c.get()).collect(),
    }
}

/// Voting rounds, by id.
#[utoipa::path(
    get,
    path = "/api/v1/rounds",
    tag = "votes",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of rounds.", body = Page<Round>,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 400, description = "Invalid parameters.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn list_rounds(
    State(state): State<ServerState>,
    headers: HeaderMap,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let (after, limit) = match page(q) {
        Ok(p) => p,
        Err(e) => return e.answer(&headers),
    };
    let now = service::now_ms();
    match service::public::rounds(&state.app.db, domain::RoundId(after), limit).await {
        Ok(rows) => {
            let path = "/api/v1/rounds";
            page_of(
                &headers,
                path,
                rows,
                |r| r.id,
                limit,
                &[],
                |r| round(&r, now),
            )
        }
        Err(e) => failure(&headers, e.into()),
    }
}

/// One voting round.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}",
    tag = "votes",
    params(("id" = i64, Path, description = "The round's id.", minimum = 1)),
    responses(
        (status = 200, description = "The round.", body = Round,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No such round.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn get_round(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    match service::public::round(&state.app.db, id).await {
        Ok(r) => json(&headers, &round(&r, service::now_ms())),
        Err(e) => failure(&headers, e.into()),
    }
}

/// One proposal's line in one count.
#[derive(Serialize, ToSchema)]
pub struct ResultLine {
    /// The proposal.
    pub proposal_id: i64,
    /// Its title, or "(proposition retirée par la modération)".
    pub title: String,
    /// 1 for the first; tied proposals share a rank.
    pub rank: i64,
    /// The score as the method states it.
    pub score: String,
    /// Adopted by this count (only the official count adopts).
    pub adopted: bool,
}

/// One side's count.
#[derive(Serialize, ToSchema)]
pub struct SideResult {
    /// `members` or `public`.
    pub side: String,
    /// Whether this count decides adoption.
    pub official: bool,
    /// People who voted on this side.
    pub voters: i64,
    /// Ballots counted.
    pub ballots_counted: i64,
    /// Ballots set aside as invalid.
    pub ballots_rejected: i64,
    /// Every candidate, best first.
    pub lines: Vec<ResultLine>,
}

/// A closed round's results.
#[derive(Serialize, ToSchema)]
pub struct RoundResults {
    /// The round.
    pub round_id: i64,
    /// The official count first, then the other side's, if both voted.
    pub sides: Vec<SideResult>,
}

/// A closed round's results.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/results",
    tag = "votes",
    params(("id" = i64, Path, description = "The round's id.", minimum = 1)),
    responses(
        (status = 200, description = "The results.", body = RoundResults,
            headers(("ETag" = String, description = "Identifies this answer."))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match."),
        (status = 404, description = "No such round, or not closed yet.", body = ApiError),
        (status = 429, description = "Too many requests from this address.", body = ApiError,
            headers(("Retry-After" = i64, description = "Seconds to wait.")))
    )
)]
pub(super) async fn round_results(
    State(state): State<ServerState>,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let Some(id) = path_id(id) else {
        return not_found(&headers);
    };
    let db = &state.app.db;
    let r = match service::public::closed_round(db, id).await {
        Ok(r) => r,
        Err(e) => return failure(&headers, e.into()),
    };
    let lines = match crate::export::round_result_lines(&state.app, &r).await {
        Ok(lines) => lines,
        Err(e) => return failure(&headers, e.into()),
    };
    let mut sides: Vec<SideResult> = Vec::new();
    for l in lines {
        if sides.last().is_none_or(|s| s.side != l.side) {
            sides.push(SideResult {
                side: l.side.clone(),
                official: l.official,
                voters: l.voters,
                ballots_counted: l.counted,
                ballots_rejected: l.rejected,
                lines: Vec::new(),
            });
        }
        if let Some(side) = sides.last_mut() {
            side.lines.push(ResultLine {
                proposal_id: l.proposal_id.get(),
                title: l.proposal_title,
                rank: l.rank,
                score: l.score,
                adopted: l.adopted,
            });
        }
    }
    json(
        &headers,
        &RoundResults {
            round_id: id.get(),
            sides,
        },
    )
}
