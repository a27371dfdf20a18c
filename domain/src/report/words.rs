//! The words the report itself is written in: its headings, the sentences it builds about
//! votes and dates, in each language a reader may ask it in.
//!
//! The report is a document rather than the interface: its sentences are built from the
//! counts (places, voters, thresholds, dates), and every rendering (HTML, Markdown, Typst,
//! OpenDocument) must say exactly the same, so they are written here once per language, next
//! to the rules they describe, and tested with them.

use super::{RoundSection, SideSection, Vote};
use crate::voting::round::{Electorate, Rule, Side};
use crate::voting::Method;
use serde::{Deserialize, Serialize};

/// A language the report is written in. French is the convention's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The language of a BCP 47 tag ("en", "en-GB"…); French for anything else.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.eq_ignore_ascii_case("en") || tag.to_ascii_lowercase().starts_with("en-") {
            Lang::En
        } else {
            Lang::Fr
        }
    }

    /// Its BCP 47 tag, for `lang` attributes and the typesetter.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language with its region, as document metadata writes it.
    pub fn document_language(self) -> &'static str {
        match self {
            Lang::Fr => "fr-FR",
            Lang::En => "en-GB",
        }
    }

    /// The words on the cover above the title.
    pub fn cover(self) -> &'static str {
        match self {
            Lang::Fr => "RAPPORT DE RECOMMANDATIONS",
            Lang::En => "RECOMMENDATIONS REPORT",
        }
    }

    /// The table of contents' heading.
    pub fn contents(self) -> &'static str {
        match self {
            Lang::Fr => "Sommaire",
            Lang::En => "Contents",
        }
    }

    /// The organisers' introduction's heading.
    pub fn introduction(self) -> &'static str {
        "Introduction"
    }

    /// The annex's heading.
    pub fn annex(self) -> &'static str {
        match self {
            Lang::Fr => "Annexe : résultats des scrutins",
            Lang::En => "Annex: results of the voting rounds",
        }
    }

    /// Said in a topic no proposal of which was adopted.
    pub fn no_recommendation(self) -> &'static str {
        match self {
            Lang::Fr => "Aucune proposition adoptée dans ce thème.",
            Lang::En => "No proposal was adopted in this topic.",
        }
    }

    /// The label before a recommendation's authors, with its colon.
    pub fn authors(self) -> &'static str {
        match self {
            Lang::Fr => "Auteurs :",
            Lang::En => "Authors:",
        }
    }

    /// A colon as the language sets it after a word: " :" in French, ":" in English.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Fr => " :",
            Lang::En => ":",
        }
    }

    /// The label before a vote's sentence, with its full stop.
    pub fn vote_label(self) -> &'static str {
        "Vote."
    }

    /// The label before a method's rules, with its full stop.
    pub fn rules_label(self) -> &'static str {
        match self {
            Lang::Fr => "Règles.",
            Lang::En => "Rules.",
        }
    }

    /// The downloaded document's title.
    pub fn document_title(self, convention: &str) -> String {
        match self {
            Lang::Fr => format!("Rapport — {convention}"),
            Lang::En => format!("Report — {convention}"),
        }
    }

    /// A count table's caption: "Scrutin n° 3 — membres tirés au sort".
    pub fn count_table(self, id: impl std::fmt::Display, side: Side) -> String {
        self.round_heading(id, self.side(side))
    }

    /// The minority positions' heading.
    pub fn minority(self) -> &'static str {
        match self {
            Lang::Fr => "Positions minoritaires",
            Lang::En => "Minority positions",
        }
    }

    /// The heading of the arguments on one side.
    pub fn arguments(self, for_it: bool) -> &'static str {
        match (self, for_it) {
            (Lang::Fr, true) => "Arguments pour",
            (Lang::Fr, false) => "Arguments contre",
            (Lang::En, true) => "Arguments for",
            (Lang::En, false) => "Arguments against",
        }
    }

    /// The dissent notes' heading under a recommendation.
    pub fn nuances(self) -> &'static str {
        match self {
            Lang::Fr => "Nuances et dissensus",
            Lang::En => "Nuances and dissent",
        }
    }

    /// "Dissensus sur n° 12 — Titre".
    pub fn dissent_on(self, what: &str) -> String {
        match self {
            Lang::Fr => format!("Dissensus sur {what}"),
            Lang::En => format!("Dissent on {what}"),
        }
    }

    /// Why a proposal that was not adopted has a dissent note only.
    pub fn dissent_only(self) -> &'static str {
        match self {
            Lang::Fr => "non adoptée ; une note de dissensus l’accompagne",
            Lang::En => "not adopted; a dissent note comes with it",
        }
    }

    /// "12 membres tirés au sort, 340 participants."
    pub fn people(self, members: u64, participants: u64) -> String {
        match self {
            Lang::Fr => format!("{members} membres tirés au sort, {participants} participants"),
            Lang::En => format!("{members} members drawn by lot, {participants} participants"),
        }
    }

    /// "Recommandation 2.1 — Titre".
    pub fn recommendation(self, topic: usize, n: usize, title: &str) -> String {
        match self {
            Lang::Fr => format!("Recommandation {topic}.{n} — {title}"),
            Lang::En => format!("Recommendation {topic}.{n} — {title}"),
        }
    }

    /// "Scrutin n° 3 — Titre".
    pub fn round_heading(self, id: impl std::fmt::Display, title: &str) -> String {
        match self {
            Lang::Fr => format!("Scrutin n° {id} — {title}"),
            Lang::En => format!("Voting round no. {id} — {title}"),
        }
    }

    /// A proposal by number and title: "n° 12 — Titre".
    pub fn numbered(self, id: crate::ProposalId, title: &str) -> String {
        match self {
            Lang::Fr => format!("n° {id} — {title}"),
            Lang::En => format!("no. {id} — {title}"),
        }
    }

    /// A place: "1re", "2e" in French, "1st", "2nd" in English.
    pub fn ordinal(self, n: usize) -> String {
        match self {
            Lang::Fr if n == 1 => "1re".to_owned(),
            Lang::Fr => format!("{n}e"),
            Lang::En => {
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                format!("{n}{suffix}")
            }
        }
    }

    /// A long date in Paris time: "1er décembre 2026", "1 December 2026".
    pub fn long_date(self, ms: i64) -> String {
        const MOIS: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        // paris_input gives "YYYY-MM-DDTHH:MM" in Paris time.
        let s = crate::time::paris_input(ms);
        let year = &s[0..4];
        let month = s[5..7].parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
        let day: u32 = s[8..10].parse().unwrap_or(1);
        match self {
            Lang::Fr if day == 1 => format!("1er {} {year}", MOIS[month]),
            Lang::Fr => format!("{day} {} {year}", MOIS[month]),
            Lang::En => format!("{day} {} {year}", MONTHS[month]),
        }
    }

    /// "Du 3 novembre 2026 au 24 novembre 2026".
    pub fn period(self, from: i64, to: i64) -> String {
        match self {
            Lang::Fr => format!("Du {} au {}", self.long_date(from), self.long_date(to)),
            Lang::En => format!("From {} to {}", self.long_date(from), self.long_date(to)),
        }
    }

    /// Who voted on a side of a round.
    pub fn side(self, side: Side) -> &'static str {
        match (self, side) {
            (Lang::Fr, Side::Members) => "membres tirés au sort",
            (Lang::Fr, Side::Public) => "public",
            (Lang::En, Side::Members) => "members drawn by lot",
            (Lang::En, Side::Public) => "public",
        }
    }

    /// A voting method's name.
    pub fn method(self, m: Method) -> &'static str {
        match (self, m) {
            (Lang::Fr, Method::Borda) => "méthode de Borda",
            (Lang::Fr, Method::Schulze) => "méthode de Schulze",
            (Lang::Fr, Method::MajorityJudgment) => "jugement majoritaire",
            (Lang::Fr, Method::Approval) => "vote par approbation",
            (Lang::Fr, Method::Cumulative) => "vote cumulatif",
            (Lang::Fr, Method::Quadratic) => "vote quadratique",
            (Lang::Fr, Method::Measure) => "vote sur mesure (pour, contre, abstention)",
            (Lang::En, Method::Borda) => "Borda count",
            (Lang::En, Method::Schulze) => "Schulze method",
            (Lang::En, Method::MajorityJudgment) => "majority judgment",
            (Lang::En, Method::Approval) => "approval voting",
            (Lang::En, Method::Cumulative) => "cumulative voting",
            (Lang::En, Method::Quadratic) => "quadratic voting",
            (Lang::En, Method::Measure) => "vote on each measure (for, against, abstain)",
        }
    }

    /// Who votes in a round.
    pub fn electorate(self, e: Electorate) -> &'static str {
        match (self, e) {
            (Lang::Fr, Electorate::Members) => "les membres tirés au sort",
            (Lang::Fr, Electorate::Citizens) => "tous les participants inscrits",
            (Lang::Fr, Electorate::Both) => {
                "les membres tirés au sort (décompte officiel) et le public (décompte \
                 consultatif, présenté à côté)"
            }
            (Lang::En, Electorate::Members) => "the members drawn by lot",
            (Lang::En, Electorate::Citizens) => "every registered participant",
            (Lang::En, Electorate::Both) => {
                "the members drawn by lot (official count) and the public (advisory count, \
                 shown beside it)"
            }
        }
    }

    /// An adoption rule; `grades` name majority judgment's scale, best first.
    pub fn adoption_rule(self, rule: Rule, grades: &[String]) -> String {
        let grade = |g: u16| grades.get(usize::from(g)).map_or("?", String::as_str);
        match (self, rule) {
            (Lang::Fr, Rule::None) => {
                "scrutin consultatif : aucune proposition n’est adoptée par ce seul vote".into()
            }
            (Lang::Fr, Rule::Top(1)) => "la proposition classée première est adoptée".into(),
            (Lang::Fr, Rule::Top(k)) => {
                format!("les {k} premières propositions sont adoptées (ex aequo compris)")
            }
            (Lang::Fr, Rule::Grade(g)) => format!(
                "les propositions dont la mention majoritaire est au moins « {} » sont adoptées",
                grade(g)
            ),
            (Lang::Fr, Rule::Measure) => {
                "chaque proposition qui atteint le seuil est adoptée".into()
            }
            (Lang::En, Rule::None) => {
                "advisory round: no proposal is adopted by this vote alone".into()
            }
            (Lang::En, Rule::Top(1)) => "the proposal ranked first is adopted".into(),
            (Lang::En, Rule::Top(k)) => {
                format!("the first {k} proposals are adopted (ties included)")
            }
            (Lang::En, Rule::Grade(g)) => format!(
                "proposals whose majority grade is at least “{}” are adopted",
                grade(g)
            ),
            (Lang::En, Rule::Measure) => {
                "each proposal that reaches the threshold is adopted".into()
            }
        }
    }

    /// A threshold as a percentage: "66,67 %", "66.67%".
    pub fn threshold(self, p: u64, q: u64) -> String {
        if q == 0 {
            return "—".to_owned();
        }
        let hundredths = u128::from(p) * 10_000 / u128::from(q);
        let (whole, part) = (hundredths / 100, hundredths % 100);
        match (self, part) {
            (Lang::Fr, 0) => format!("{whole} %"),
            (Lang::Fr, _) => format!("{whole},{part:02} %"),
            (Lang::En, 0) => format!("{whole}%"),
            (Lang::En, _) => format!("{whole}.{part:02}%"),
        }
    }

    /// A round's method in plain words, for readers who did not vote.
    pub fn method_rules(self, r: &RoundSection) -> String {
        match self {
            Lang::Fr => french_rules(r),
            Lang::En => english_rules(r),
        }
    }

    /// "Du … au …. Méthode : …. Votants : …. Règle d’adoption : …."
    pub fn round_facts(self, r: &RoundSection) -> String {
        let rule = self.adoption_rule(r.rule, &r.grades);
        let (from, to) = (self.long_date(r.opens_at), self.long_date(r.closes_at));
        let (method, electorate) = (self.method(r.method), self.electorate(r.electorate));
        match self {
            Lang::Fr => format!(
                "Du {from} au {to}. Méthode : {method}. Votants : {electorate}. Règle \
                 d’adoption : {rule}."
            ),
            Lang::En => format!(
                "From {from} to {to}. Method: {method}. Voters: {electorate}. Adoption rule: \
                 {rule}."
            ),
        }
    }

    /// "Scrutin n° 3 « Titre », méthode de Borda : 1re sur 5 chez les membres tirés au sort
    /// (12 votants, score 30)."
    pub fn vote(self, v: &Vote) -> String {
        let sides: Vec<String> = v
            .sides
            .iter()
            .map(|s| {
                let (place, side) = (self.ordinal(s.rank), self.side(s.side));
                match self {
                    Lang::Fr => format!(
                        "{place} sur {} chez les {side} ({} votant{}, score {})",
                        s.of,
                        s.voters,
                        plural(s.voters),
                        s.score
                    ),
                    Lang::En => format!(
                        "{place} of {} among the {side} ({} voter{}, score {})",
                        s.of,
                        s.voters,
                        plural(s.voters),
                        s.score
                    ),
                }
            })
            .collect();
        match self {
            Lang::Fr => format!(
                "Scrutin n° {} « {} », {} : {}.",
                v.round_id,
                v.round_title,
                self.method(v.method),
                sides.join(" ; ")
            ),
            Lang::En => format!(
                "Voting round no. {} “{}”, {}: {}.",
                v.round_id,
                v.round_title,
                self.method(v.method),
                sides.join("; ")
            ),
        }
    }

    /// The heading of one side's count: "Décompte officiel — membres tirés au sort : 12
    /// votants, 12 bulletins valides, 0 rejeté".
    pub fn count_caption(self, side: &SideSection) -> String {
        let (voters, counted, rejected) = (side.voters, side.counted as u64, side.rejected as u64);
        let who = self.side(side.side);
        match self {
            Lang::Fr => format!(
                "Décompte {} — {who} : {voters} votant{}, {counted} bulletin{} valide{}, \
                 {rejected} rejeté{}",
                if side.official {
                    "officiel"
                } else {
                    "consultatif"
                },
                plural(voters),
                plural(counted),
                plural(counted),
                plural(rejected)
            ),
            Lang::En => format!(
                "{} count — {who}: {voters} voter{}, {counted} valid ballot{}, {rejected} \
                 rejected",
                if side.official {
                    "Official"
                } else {
                    "Advisory"
                },
                plural(voters),
                plural(counted),
            ),
        }
    }

    /// A count table's fixed column headers: place, proposal, score, adopted.
    pub fn table_headers(self) -> [&'static str; 4] {
        match self {
            Lang::Fr => ["Rang", "Proposition", "Score", "Adoptée"],
            Lang::En => ["Place", "Proposal", "Score", "Adopted"],
        }
    }

    /// A measure's columns: for, against, abstain.
    pub fn measure_headers(self) -> [&'static str; 3] {
        match self {
            Lang::Fr => ["Pour", "Contre", "Abstention"],
            Lang::En => ["For", "Against", "Abstain"],
        }
    }

    /// Yes or no, in a table cell.
    pub fn yes_no(self, yes: bool) -> &'static str {
        match (self, yes) {
            (Lang::Fr, true) => "oui",
            (Lang::Fr, false) => "non",
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
        }
    }

    /// Why a ranked proposal counts as narrowly rejected: "2e sur 6 au scrutin n° 3 « Titre »
    /// (méthode de Borda), juste après les propositions adoptées".
    pub fn narrow_rank(self, rank: usize, of: usize, r: &RoundSection) -> String {
        let (place, method) = (self.ordinal(rank), self.method(r.method));
        match self {
            Lang::Fr => format!(
                "{place} sur {of} au scrutin n° {} « {} » ({method}), juste après les \
                 propositions adoptées",
                r.id, r.title
            ),
            Lang::En => format!(
                "{place} of {of} in voting round no. {} “{}” ({method}), just below the \
                 adopted proposals",
                r.id, r.title
            ),
        }
    }

    /// Why a measure counts as narrowly rejected: "48 % « pour » au scrutin n° 3 « Titre »,
    /// seuil 50 % : non adoptée de peu".
    pub fn narrow_measure(self, score: &str, r: &RoundSection) -> String {
        let (p, q, _) = r.threshold;
        let threshold = self.threshold(p, q);
        match self {
            Lang::Fr => format!(
                "{score} « pour » au scrutin n° {} « {} », seuil {threshold} : non adoptée de peu",
                r.id, r.title
            ),
            Lang::En => format!(
                "{score} “for” in voting round no. {} “{}”, threshold {threshold}: narrowly \
                 rejected",
                r.id, r.title
            ),
        }
    }

    /// How several reasons are joined.
    pub fn separator(self) -> &'static str {
        match self {
            Lang::Fr => " ; ",
            Lang::En => "; ",
        }
    }

    /// An author's published name in this language: the query writes the French words for a
    /// deleted account and an author who did not agree to be named (see storage's
    /// `public_author!`); a display name stays as written.
    pub fn author(self, published: &str) -> String {
        match (self, published) {
            (Lang::En, "compte supprimé") => "deleted account".to_owned(),
            (Lang::En, "participant·e") => "participant".to_owned(),
            _ => published.to_owned(),
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

fn french_rules(r: &RoundSection) -> String {
    match r.method {
        Method::Borda => "Chaque votant classe les propositions. Sur n propositions classées, la \
            première reçoit n − 1 points, la suivante n − 2, et ainsi de suite jusqu’à 0 ; des \
            propositions classées ex aequo se partagent les points de leurs places ; une \
            proposition non classée ne reçoit rien. Le classement suit le total des points."
            .to_owned(),
        Method::Schulze => "Chaque votant classe les propositions. On compte, pour chaque paire, \
            combien de votants préfèrent l’une à l’autre. Une proposition A bat B s’il existe \
            une chaîne de victoires de A à B dont le maillon le plus faible est plus fort que \
            celui de toute chaîne de B à A (méthode de Schulze, dite des « chemins les plus \
            larges »). Le score indiqué est le nombre de propositions battues ; la gagnante bat \
            toutes les autres."
            .to_owned(),
        Method::MajorityJudgment => format!(
            "Chaque votant attribue à chaque proposition une mention parmi : {}. La mention \
             majoritaire d’une proposition est celle qu’une majorité de votants lui accorde au \
             moins (la médiane). Les propositions sont classées par mention majoritaire ; à \
             mention égale, on retire une à une les mentions médianes jusqu’à les départager \
             (jugement majoritaire de Balinski et Laraki).",
            r.grades.join(", ")
        ),
        Method::Approval => "Chaque votant approuve autant de propositions qu’il le souhaite. \
            Le classement suit le nombre d’approbations."
            .to_owned(),
        Method::Cumulative => format!(
            "Chaque votant répartit au plus {} points entre les propositions, en nombres \
             entiers positifs. Le classement suit le total des points reçus.",
            r.budget
        ),
        Method::Quadratic => format!(
            "Chaque votant donne à chaque proposition un nombre de voix, pour (positif) ou \
             contre (négatif) ; le coût d’un vote est le carré de ses voix, et la somme des \
             coûts ne dépasse pas {} crédits. Le classement suit le total des voix.",
            r.budget
        ),
        Method::Measure => {
            let (p, q, strict) = r.threshold;
            format!(
                "Chaque votant se prononce pour, contre ou s’abstient sur chaque proposition. \
                 Une proposition est adoptée quand la part des « pour » parmi les « pour » et \
                 « contre » est {} {} ; les abstentions ne comptent pas.",
                if strict {
                    "strictement supérieure à"
                } else {
                    "au moins égale à"
                },
                Lang::Fr.threshold(p, q)
            )
        }
    }
}

fn english_rules(r: &RoundSection) -> String {
    match r.method {
        Method::Borda => "Each voter ranks the proposals. Of n ranked proposals, the first gets \
            n − 1 points, the next n − 2, and so on down to 0; proposals ranked equal share the \
            points of their places; an unranked proposal gets nothing. The ranking follows the \
            total of points."
            .to_owned(),
        Method::Schulze => "Each voter ranks the proposals. For each pair, we count how many \
            voters prefer one to the other. A proposal A beats B if there is a chain of wins \
            from A to B whose weakest link is stronger than that of every chain from B to A \
            (the Schulze method, or “widest paths”). The score shown is the number of \
            proposals beaten; the winner beats all the others."
            .to_owned(),
        Method::MajorityJudgment => format!(
            "Each voter gives each proposal a grade among: {}. A proposal's majority grade is \
             the one a majority of voters give it at least (the median). Proposals are ranked \
             by majority grade; on equal grades, median grades are removed one at a time until \
             they differ (Balinski and Laraki's majority judgment).",
            r.grades.join(", ")
        ),
        Method::Approval => "Each voter approves as many proposals as they wish. The ranking \
            follows the number of approvals."
            .to_owned(),
        Method::Cumulative => format!(
            "Each voter shares at most {} points among the proposals, in whole positive \
             numbers. The ranking follows the total of points received.",
            r.budget
        ),
        Method::Quadratic => format!(
            "Each voter gives each proposal a number of votes, for (positive) or against \
             (negative); a vote costs the square of its votes, and the costs add up to at most \
             {} credits. The ranking follows the total of votes.",
            r.budget
        ),
        Method::Measure => {
            let (p, q, strict) = r.threshold;
            format!(
                "Each voter is for, against or abstains on each proposal. A proposal is \
                 adopted when the share of “for” among “for” and “against” is {} {}; \
                 abstentions do not count.",
                if strict { "strictly above" } else { "at least" },
                Lang::En.threshold(p, q)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_dates_and_thresholds_read_right_in_each_language() {
        let fr: Vec<String> = [1, 2, 11].iter().map(|&n| Lang::Fr.ordinal(n)).collect();
        assert_eq!(fr, ["1re", "2e", "11e"]);
        let en: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .iter()
            .map(|&n| Lang::En.ordinal(n))
            .collect();
        assert_eq!(
            en,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
        // 2026-12-01T12:00:00Z is the 1st in Paris too.
        let first = 1_796_126_400_000;
        assert_eq!(Lang::Fr.long_date(first), "1er décembre 2026");
        assert_eq!(Lang::En.long_date(first), "1 December 2026");
        assert_eq!(Lang::Fr.threshold(2, 3), "66,66 %");
        assert_eq!(Lang::En.threshold(1, 2), "50%");
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de"), Lang::Fr);
        assert_eq!(Lang::En.author("participant·e"), "participant");
        assert_eq!(Lang::Fr.author("participant·e"), "participant·e");
    }
}
