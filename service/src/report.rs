//! The recommendations report, built from the database as it is: visible content, the
//! chosen topics and closed rounds (their stored results), pinned arguments and dissent notes.

use crate::{with_role, Actor, Result};
use domain::{CommentId, ProposalId, RoundId, TopicId};
use storage::Db;

/// The title shown for a round's candidate that is no longer visible.
pub const MASKED: &str = "(proposition retirée par la modération)";

/// Builds the report from the database as it is now.
pub async fn build_report(
    st: &crate::AppState,
    lang: domain::report::Lang,
) -> Result<domain::report::Report> {
    use domain::report::{Minority, Recommendation, TopicSection};
    let db = &st.db;
    let convention = storage::convention::get_convention(db).await?;
    let settings = storage::report::settings(db).await?;
    let figures = storage::report::figures(db).await?;
    let rounds = round_sections(st, settings.rounds.as_deref()).await?;

    // Proposals: adopted ones, those a round rejected narrowly, those with dissent notes.
    let dissents = storage::report::dissents(db).await?;
    let adopted = storage::report::adopted_ids(db).await?;
    let narrow = narrowly_rejected(&rounds, lang);
    let mut wanted: Vec<ProposalId> = adopted.clone();
    wanted.extend(narrow.iter().map(|(id, _)| *id));
    wanted.extend(dissents.iter().map(|d| d.proposal_id));
    wanted.sort_unstable();
    wanted.dedup();
    let proposals = storage::report::proposals(db, &wanted).await?;
    let coauthors = storage::report::coauthors(db, &adopted).await?;
    let arguments = storage::report::arguments(db, &adopted, 0).await?;
    let notes_of = |id: ProposalId| -> Vec<String> {
        dissents
            .iter()
            .filter(|d| d.proposal_id == id)
            .map(|d| d.body.clone())
            .collect()
    };

    let topics = storage::topics::list_topics(db, true).await?;
    let mut sections = Vec::new();
    for topic in topics
        .iter()
        .filter(|t| settings.topics.as_ref().is_none_or(|c| c.contains(&t.id)))
    {
        let mut recommendations = Vec::new();
        let mut minority = Vec::new();
        for p in proposals.iter().filter(|p| p.topic_id == topic.id) {
            if p.status == "adopted" {
                let mut authors = vec![lang.author(&p.author_name)];
                authors.extend(
                    coauthors
                        .iter()
                        .filter(|(id, _)| *id == p.id)
                        .map(|(_, n)| lang.author(n)),
                );
                recommendations.push(Recommendation {
                    id: p.id,
                    title: p.title.clone(),
                    summary: p.summary.clone(),
                    body: p.body.clone(),
                    authors,
                    arguments_for: pinned(&arguments, p.id, "for", lang),
                    arguments_against: pinned(&arguments, p.id, "against", lang),
                    dissents: notes_of(p.id),
                    votes: votes_for(&rounds, p.id),
                });
            } else {
                let reason = narrow
                    .iter()
                    .find(|(id, _)| *id == p.id)
                    .map(|(_, why)| why.clone())
                    .unwrap_or_else(|| lang.dissent_only().to_owned());
                minority.push(Minority {
                    id: p.id,
                    title: p.title.clone(),
                    reason,
                    dissents: notes_of(p.id),
                });
            }
        }
        recommendations.sort_by_key(|r| (best_rank(&rounds, r.id), r.id));
        sections.push(TopicSection {
            title: topic.title.clone(),
            question: topic.question.clone(),
            recommendations,
            minority,
        });
    }
    Ok(domain::report::Report {
        lang,
        convention: convention.name,
        question: convention.question,
        period: figures.first.zip(figures.last).map(|(a, b)| (a, b.max(a))),
        members: u64::try_from(figures.members).unwrap_or(0),
        participants: u64::try_from(figures.participants).unwrap_or(0),
        introduction: settings.introduction,
        topics: sections,
        rounds,
    })
}

/// The closed rounds the report covers (all, or those chosen), in the order they closed, with
/// their stored results.
async fn round_sections(
    st: &crate::AppState,
    chosen: Option<&[RoundId]>,
) -> Result<Vec<domain::report::RoundSection>> {
    use domain::report::{ResultLine, RoundSection, SideSection};
    let db = &st.db;
    let rows = crate::public::closed_rounds(db, chosen).await?;
    let mut rounds = Vec::new();
    for r in &rows {
        let Some(spec) = r.spec() else { continue };
        let counted = crate::rounds::result(st, r).await?;
        let candidates = r.candidates();
        let titles = crate::public::candidate_titles(db, &candidates).await?;
        let title_of = |id: ProposalId| {
            titles
                .iter()
                .find(|t| t.0 == id)
                .map(|t| t.1.clone())
                .unwrap_or_default()
        };
        let side = |c: domain::voting::round::SideResult| SideSection {
            side: c.side,
            official: c.official,
            voters: c.voters,
            counted: c.ballots_counted,
            rejected: c.ballots_rejected,
            lines: c
                .summary
                .lines
                .iter()
                .map(|l| ResultLine {
                    id: candidates[l.index],
                    title: title_of(candidates[l.index]),
                    rank: l.rank,
                    score: l.score.clone(),
                    detail: l.detail.clone(),
                    adopted: l.adopted,
                })
                .collect(),
            chart: c.summary.chart,
        };
        rounds.push(RoundSection {
            id: r.id,
            title: r.title.clone(),
            method: spec.method,
            electorate: spec.electorate,
            rule: spec.rule,
            grades: spec.grades.clone(),
            budget: spec.budget,
            threshold: (spec.threshold.0, spec.threshold.1, spec.strict),
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            sides: counted.sides.into_iter().map(side).collect(),
        });
    }
    Ok(rounds)
}

/// The proposals some round rejected narrowly, each with why (every round's reason, joined).
fn narrowly_rejected(
    rounds: &[domain::report::RoundSection],
    lang: domain::report::Lang,
) -> Vec<(ProposalId, String)> {
    let mut narrow: Vec<(ProposalId, String)> = Vec::new();
    for round in rounds {
        for (id, why) in round.narrowly_rejected(lang) {
            match narrow.iter_mut().find(|(p, _)| *p == id) {
                Some((_, text)) => {
                    text.push_str(lang.separator());
                    text.push_str(&why);
                }
                None => narrow.push((id, why)),
            }
        }
    }
    narrow
}

/// How a proposal fared in each round that had it on the ballot, per side.
fn votes_for(rounds: &[domain::report::RoundSection], id: ProposalId) -> Vec<domain::report::Vote> {
    use domain::report::{SideVote, Vote};
    rounds
        .iter()
        .filter_map(|round| {
            let sides: Vec<SideVote> = round
                .sides
                .iter()
                .filter_map(|s| {
                    let l = s.lines.iter().find(|l| l.id == id)?;
                    Some(SideVote {
                        side: s.side,
                        voters: s.voters,
                        rank: l.rank,
                        of: s.lines.len(),
                        score: l.score.clone(),
                    })
                })
                .collect();
            (!sides.is_empty()).then(|| Vote {
                round_id: round.id,
                round_title: round.title.clone(),
                method: round.method,
                sides,
            })
        })
        .collect()
}

/// The arguments pinned to a proposal on one side ("for" or "against").
fn pinned(
    arguments: &[storage::report::ArgumentRow],
    id: ProposalId,
    side: &str,
    lang: domain::report::Lang,
) -> Vec<domain::report::Argument> {
    arguments
        .iter()
        .filter(|a| a.proposal_id == id && a.pinned.as_deref() == Some(side))
        .map(|a| domain::report::Argument {
            author: lang.author(&a.author_name),
            body: a.body.clone(),
        })
        .collect()
}

/// A proposal's best official place over the chosen rounds, which orders recommendations.
fn best_rank(rounds: &[domain::report::RoundSection], id: ProposalId) -> usize {
    rounds
        .iter()
        .filter_map(|r| r.sides.first())
        .filter_map(|s| s.lines.iter().find(|l| l.id == id).map(|l| l.rank))
        .min()
        .unwrap_or(usize::MAX)
}

/// What the report editor works on. Organisers.
pub struct Editor {
    /// The introduction and the rounds and topics chosen (`None`: all).
    pub settings: storage::report::Settings,
    /// The closed rounds, in the order they closed.
    pub closed_rounds: Vec<storage::rounds::RoundRow>,
    /// Every topic, archived ones included.
    pub topics: Vec<storage::topics::TopicRow>,
    /// Proposals a dissent note can be attached to: in a closed round, or adopted.
    pub notable: Vec<storage::report::ReportProposalRow>,
    /// Comments that took a stance on adopted proposals, pinned or candidates to be.
    pub arguments: Vec<storage::report::ArgumentRow>,
    /// The dissent notes written so far.
    pub dissents: Vec<storage::report::DissentRow>,
    /// When the report was published, if it is.
    pub published_at: Option<i64>,
}

/// What the report editor shows. Organisers.
pub async fn editor(db: &Db, actor: Option<Actor>) -> Result<Editor> {
    with_role(actor, domain::Role::can_manage_accounts)?;
    let settings = storage::report::settings(db).await?;
    let closed_rounds = crate::public::closed_rounds(db, None).await?;
    let topics = storage::topics::list_topics(db, true).await?;
    let adopted = storage::report::adopted_ids(db).await?;
    let mut notable: Vec<ProposalId> = closed_rounds.iter().flat_map(|r| r.candidates()).collect();
    notable.extend(&adopted);
    notable.sort_unstable();
    notable.dedup();
    Ok(Editor {
        settings,
        closed_rounds,
        topics,
        notable: storage::report::proposals(db, &notable).await?,
        arguments: storage::report::arguments(db, &adopted, 8).await?,
        dissents: storage::report::dissents(db).await?,
        published_at: storage::report::published_at(db).await?,
    })
}

/// Publishes the report, so that anyone may download it from `/report`, or withdraws it
/// (`on` false). Organisers.
pub async fn publish(db: &Db, actor: Option<Actor>, on: bool) -> Result<()> {
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    Ok(storage::report::set_published(db, on, me.id).await?)
}

/// When the report was published, if it is. Anyone.
pub async fn published_at(db: &Db) -> Result<Option<i64>> {
    Ok(storage::report::published_at(db).await?)
}

/// Saves the introduction and which closed rounds and topics go in. Unknown ids are dropped;
/// choosing everything means "everything, including what comes". Organisers.
pub async fn save(
    db: &Db,
    actor: Option<Actor>,
    introduction: &str,
    rounds: &[RoundId],
    topics: &[TopicId],
) -> Result<()> {
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    let introduction = domain::report::check_introduction(introduction)?;
    let closed: Vec<RoundId> = crate::public::closed_rounds(db, None)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let all_topics: Vec<TopicId> = storage::topics::list_topics(db, true)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let rounds = keep(rounds, &closed);
    let topics = keep(topics, &all_topics);
    let settings = storage::report::Settings {
        introduction,
        rounds: (rounds.len() != closed.len()).then_some(rounds),
        topics: (topics.len() != all_topics.len()).then_some(topics),
    };
    Ok(storage::report::set_settings(db, &settings, me.id).await?)
}

/// The picked ids that are known, sorted, each once.
fn keep<T: Copy + Ord>(picked: &[T], known: &[T]) -> Vec<T> {
    let mut v: Vec<T> = picked
        .iter()
        .copied()
        .filter(|id| known.contains(id))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Pins a comment as an argument "for" or "against" its proposal, or removes it ("none").
/// Organisers.
pub async fn pin(db: &Db, actor: Option<Actor>, comment: CommentId, side: &str) -> Result<()> {
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    match side {
        "for" | "against" => storage::report::pin(db, comment, side, me.id).await?,
        "none" => storage::report::unpin(db, comment, me.id).await?,
        _ => return Err(domain::report::ReportError::Side.into()),
    }
    Ok(())
}

/// Attaches a dissent note to a visible proposal. Organisers.
pub async fn add_dissent(
    db: &Db,
    actor: Option<Actor>,
    proposal: ProposalId,
    body: &str,
) -> Result<()> {
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    let body = domain::report::check_dissent(body)?;
    storage::report::add_dissent(db, proposal, &body, me.id).await?;
    Ok(())
}

/// Deletes a dissent note. Organisers.
pub async fn delete_dissent(db: &Db, actor: Option<Actor>, id: i64) -> Result<()> {
    let me = with_role(actor, domain::Role::can_manage_accounts)?;
    Ok(storage::report::delete_dissent(db, id, me.id).await?)
}
