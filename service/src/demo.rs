//! `convention demo`: a living convention to look at, in French (the demo seeds the database
//! directly: its content is fixed and trusted, and a seed must not depend on who is signed in).
//!
//! Idempotent: accounts that already exist are left as they are, so running it twice (or on a
//! database people already use) changes nothing that was there.

use crate::{internal, AppState, Result};
use domain::comment::MAX_DEPTH;
use domain::{DisplayName, Password, Role, Username};
use domain::{ProposalId, UserId};
use storage::users::find_user_by_key;

/// The password of every demo account, printed by the command and in the README.
pub const DEMO_PASSWORD: &str = "convention-demo-2026";

/// The demo accounts: username, display name, role.
pub const DEMO_USERS: &[(&str, &str, Role)] = &[
    ("organisation", "Équipe d’organisation", Role::Organiser),
    ("moderation", "Samia Benali (modération)", Role::Moderator),
    ("helene.m", "Hélène Marty", Role::Member),
    ("karim34", "Karim Haddad", Role::Member),
    ("lucie-p", "Lucie Perrin", Role::Member),
    ("thomas_r", "Thomas Roux", Role::Member),
    ("ines.v", "Inès Vidal", Role::Citizen),
    ("jean-baptiste", "Jean-Baptiste Fabre", Role::Citizen),
];

/// A demo proposal: topic slug, author, title, summary, body, who supports it, its comments.
struct DemoProposal {
    topic: &'static str,
    author: &'static str,
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    supporters: &'static [&'static str],
    /// (author, stance, text, replies as (author, text)).
    comments: &'static [DemoComment],
}

type DemoComment = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const DEMO_PROPOSALS: &[DemoProposal] = &[
    DemoProposal {
        topic: "education",
        author: "helene.m",
        title: "Former les enseignants aux outils d’IA avant de les déployer en classe",
        summary: "Un module de formation de vingt heures, co-construit avec l’académie, pour \
                  chaque enseignant de la Métropole avant tout usage pédagogique d’une IA.",
        body: "## Constat\n\nLes outils d’IA arrivent dans les classes par les élèves, \
               pas par l’institution.\n\n## Proposition\n\n- un module de **vingt heures** \
               sur le temps de service ;\n- des ressources libres, publiées sous licence \
               ouverte ;\n- un bilan public après un an.",
        supporters: &["karim34", "lucie-p", "ines.v", "jean-baptiste"],
        comments: &[
            (
                "karim34",
                Some("pour"),
                "Indispensable : sans formation, chacun bricole dans son coin.",
                &[(
                    "thomas_r",
                    "D’accord, mais qui finance les remplacements pendant la formation ?",
                )],
            ),
            (
                "jean-baptiste",
                Some("neutre"),
                "Vingt heures, est-ce suffisant pour des usages aussi variés ?",
                &[],
            ),
        ],
    },
    DemoProposal {
        topic: "education",
        author: "ines.v",
        title: "Un atelier d’esprit critique face aux contenus générés en collège",
        summary: "Apprendre aux collégiens à reconnaître un texte, une image ou une voix \
                  générés, et à vérifier une source.",
        body: "Des ateliers animés avec les médiathèques de la Métropole, une heure par \
               trimestre, de la sixième à la troisième.",
        supporters: &["helene.m", "lucie-p"],
        comments: &[],
    },
    DemoProposal {
        topic: "transition-ecologique",
        author: "lucie-p",
        title: "Publier la consommation énergétique des services d’IA de la Métropole",
        summary: "Chaque service numérique utilisant de l’IA publie chaque année sa \
                  consommation d’énergie et d’eau.",
        body: "La sobriété commence par la mesure. Les chiffres sont publiés en données \
               ouvertes, service par service.",
        supporters: &["helene.m", "karim34", "thomas_r"],
        comments: &[(
            "thomas_r",
            Some("pour"),
            "Et qu’on y ajoute l’empreinte de fabrication du matériel.",
            &[],
        )],
    },
    DemoProposal {
        topic: "emploi",
        author: "karim34",
        title: "Un fonds de reconversion pour les métiers transformés par l’IA",
        summary: "Accompagner les salariés des secteurs les plus exposés, en priorité les \
                  centres d’appel et le secrétariat.",
        body: "Abondé par la Métropole et les entreprises bénéficiaires, géré avec la \
               Région et France Travail.",
        supporters: &["jean-baptiste"],
        comments: &[(
            "ines.v",
            Some("contre"),
            "La formation professionnelle relève de la Région : la Métropole n’est pas le \
             bon échelon.",
            &[(
                "karim34",
                "Elle peut co-financer, comme elle le fait déjà pour l’apprentissage.",
            )],
        )],
    },
    DemoProposal {
        topic: "desinformation",
        author: "thomas_r",
        title: "Signaler clairement les images générées dans la communication publique",
        summary: "Toute image ou vidéo générée utilisée par la Métropole porte une mention \
                  visible.",
        body: "Une mention « image générée par IA » lisible, dans le visuel lui-même et dans \
               son texte alternatif.",
        supporters: &["helene.m", "lucie-p", "ines.v"],
        comments: &[],
    },
];

/// Creates what is missing of the demo content; returns how many accounts were created.
pub async fn seed(state: &AppState) -> Result<usize> {
    let password = Password::parse(DEMO_PASSWORD)?;
    let mut created = 0;
    for (i, (username, display_name, role)) in DEMO_USERS.iter().enumerate() {
        let username = Username::parse(username)?;
        if find_user_by_key(&state.db, &username.key())
            .await?
            .is_some()
        {
            continue;
        }
        let display_name = DisplayName::parse(display_name)?;
        // The staff and every other citizen agreed to be named: the open data shows both cases.
        let name_public = *role != domain::Role::Citizen || i % 2 == 0;
        crate::accounts::create_account(
            state,
            &username,
            &display_name,
            &password,
            *role,
            name_public,
        )
        .await
        .map_err(|e| internal(format!("cannot create {}: {e}", username.as_str())))?;
        created += 1;
    }
    for p in DEMO_PROPOSALS {
        seed_proposal(state, p).await?;
    }
    seed_rounds(state).await?;
    Ok(created)
}

async fn user_id(state: &AppState, username: &str) -> Result<UserId> {
    Ok(find_user_by_key(&state.db, username)
        .await?
        .ok_or_else(|| internal(format!("demo account {username} is missing")))?
        .id)
}

/// Writes a demo proposal, its supports and its comments, unless a proposal with its title is
/// already in its topic.
async fn seed_proposal(state: &AppState, p: &DemoProposal) -> Result<()> {
    use storage::comments::{create_comment, NewComment};
    use storage::proposals::{create_proposal, find_by_title, set_support, NewProposal};
    let db = &state.db;
    let topic = storage::topics::find_topic_by_slug(db, p.topic).await?;
    if find_by_title(db, topic.id, p.title).await?.is_some() {
        return Ok(());
    }
    let text = domain::proposal::ProposalText::parse(p.title, p.summary, p.body)
        .map_err(|e| internal(format!("demo proposal {}: {e}", p.title)))?;
    let id = create_proposal(
        db,
        &NewProposal {
            topic_id: topic.id,
            author_id: user_id(state, p.author).await?,
            title: &text.title,
            summary: &text.summary,
            body: &text.body,
            status: "published",
            visibility: "published",
        },
    )
    .await?;
    for who in p.supporters {
        set_support(db, id, user_id(state, who).await?, true).await?;
    }
    for (author, stance, body, replies) in p.comments {
        let parent = create_comment(
            db,
            &NewComment {
                topic_id: topic.id,
                proposal_id: Some(id),
                parent_id: None,
                depth: 0,
                author_id: user_id(state, author).await?,
                body,
                stance: *stance,
                visibility: "published",
                root_id: None,
            },
        )
        .await?;
        for (author, body) in *replies {
            create_comment(
                db,
                &NewComment {
                    topic_id: topic.id,
                    proposal_id: Some(id),
                    parent_id: Some(parent),
                    depth: 1,
                    author_id: user_id(state, author).await?,
                    body,
                    stance: None,
                    visibility: "published",
                    root_id: Some(parent),
                },
            )
            .await?;
        }
    }
    Ok(())
}

const OPEN_ROUND: &str = "Priorités de la convention : jugement majoritaire";
const CLOSED_ROUND: &str = "Premier scrutin d’orientation (Schulze)";

/// Two rounds: one closed, with the members' ballots and its results, and one open for two
/// weeks to members and public side by side. Skipped when rounds with these titles exist.
async fn seed_rounds(state: &AppState) -> Result<()> {
    use domain::voting::round::{Electorate, RoundSpec, Rule, FRENCH_SCALE};
    use domain::voting::Method;
    use storage::rounds::{Cast, RoundFields};
    let db = &state.db;
    let existing = storage::rounds::list_rounds(db).await?;
    if existing
        .iter()
        .any(|r| r.title == OPEN_ROUND || r.title == CLOSED_ROUND)
    {
        return Ok(());
    }
    let mut ids = Vec::new();
    for p in DEMO_PROPOSALS {
        let topic = storage::topics::find_topic_by_slug(db, p.topic).await?;
        if let Some(id) = storage::proposals::find_by_title(db, topic.id, p.title).await? {
            ids.push(id);
        }
    }
    let organiser = user_id(state, "organisation").await?;
    let now = storage::now_ms();
    let day = 86_400_000;
    let open = RoundSpec {
        method: Method::MajorityJudgment,
        grades: FRENCH_SCALE.iter().map(|g| (*g).to_owned()).collect(),
        budget: 0,
        threshold: (0, 1),
        strict: true,
        electorate: Electorate::Both,
        rule: Rule::Grade(3),
    };
    storage::rounds::create_round(
        db,
        &RoundFields {
            title: OPEN_ROUND,
            spec: &open,
            candidates: &ids,
            opens_at: now - day,
            closes_at: now + 14 * day,
        },
        organiser,
    )
    .await?;
    let closed = RoundSpec {
        method: Method::Schulze,
        rule: Rule::Top(2),
        grades: Vec::new(),
        electorate: Electorate::Members,
        ..open
    };
    let round = storage::rounds::create_round(
        db,
        &RoundFields {
            title: CLOSED_ROUND,
            spec: &closed,
            candidates: &ids,
            opens_at: now - 3 * day,
            closes_at: now + day,
        },
        organiser,
    )
    .await?;
    let ranking = |order: &[usize]| {
        let listed: Vec<String> = order
            .iter()
            .filter_map(|i| ids.get(*i))
            .map(|id| format!("\"{id}\""))
            .collect();
        format!("{{\"ranking\":[{}]}}", listed.join(","))
    };
    for (who, order) in [
        ("helene.m", vec![0, 2, 1, 4, 3]),
        ("karim34", vec![2, 0, 4]),
        ("lucie-p", vec![0, 4, 2, 3, 1]),
        ("thomas_r", vec![4, 2, 0]),
    ] {
        let voter = user_id(state, who).await?;
        let receipt = crate::rounds::receipt();
        let sealed = crate::rounds::seal_ballot(
            &state.ballot_key,
            round,
            voter,
            &receipt,
            &ranking(&order),
        )?;
        storage::rounds::cast_ballot(
            db,
            &Cast {
                round_id: round,
                voter_id: voter,
                side: "members",
                sealed: &sealed,
            },
        )
        .await?;
    }
    // Closing counts the round, which marks the two first proposals adopted.
    // Closing a round asks only for the role; the account's age matters to contributions.
    let actor = crate::Actor {
        id: organiser,
        role: Role::Organiser,
        registered_at: 0,
    };
    crate::rounds::close(state, Some(actor), round)
        .await
        .map_err(|e| internal(format!("cannot close the demo round: {e}")))?;
    seed_report(state, organiser, &ids).await
}

/// The organisers' first work on the report: an introduction, the best argument for and
/// against each adopted proposal, and a dissent note on the first proposal left out.
async fn seed_report(state: &AppState, organiser: UserId, candidates: &[ProposalId]) -> Result<()> {
    let db = &state.db;
    let adopted = storage::report::adopted_ids(db).await?;
    storage::report::set_settings(
        db,
        &storage::report::Settings {
            introduction: "Tirés au sort parmi les habitantes et habitants de la Métropole, les \
                membres de la convention ont entendu des experts, débattu en ligne avec le public \
                puis voté. Ce rapport présente leurs **recommandations**, les arguments échangés \
                et les positions restées minoritaires."
                .into(),
            rounds: None,
            topics: None,
        },
        organiser,
    )
    .await?;
    let arguments = storage::report::arguments(db, &adopted, 8).await?;
    for id in &adopted {
        for (stance, side) in [("pour", "for"), ("contre", "against")] {
            if let Some(a) = arguments
                .iter()
                .find(|a| a.proposal_id == *id && a.stance.as_deref() == Some(stance))
            {
                storage::report::pin(db, a.comment_id, side, organiser).await?;
            }
        }
    }
    if let Some(left_out) = candidates.iter().find(|id| !adopted.contains(id)) {
        storage::report::add_dissent(
            db,
            *left_out,
            "Une partie des membres tenait à cette proposition : elle n’a pas été retenue, mais \
             ses arguments méritent d’être entendus par la Métropole.",
            organiser,
        )
        .await?;
    }
    Ok(())
}

/// Authors of the city-sized debate ([`city`]).
pub const CITY_AUTHORS: usize = 50;
/// Proposals of the city-sized debate.
pub const CITY_PROPOSALS: usize = 1_000;
/// Comments on the city-sized debate's first proposal.
pub const CITY_COMMENTS: usize = 2_000;

/// Adds a city-sized debate to the topic `education`, for benchmarks and for trying the site
/// at scale: [`CITY_PROPOSALS`] published proposals by [`CITY_AUTHORS`] citizens (`auteur0`…,
/// who cannot sign in: their password hash matches no password), up to six supports each, and
/// [`CITY_COMMENTS`] comments on the first, in threads of replies up to the deepest level.
/// Returns that proposal, or `None` when the debate is there already (the command is safe to
/// run again).
pub async fn city(db: &storage::Db) -> Result<Option<ProposalId>> {
    use storage::comments::{create_comment, NewComment};
    use storage::proposals::{create_proposal, set_support, NewProposal};
    if find_user_by_key(db, "auteur0").await?.is_some() {
        return Ok(None);
    }
    let topic = storage::topics::find_topic_by_slug(db, "education")
        .await?
        .id;
    let mut authors = Vec::with_capacity(CITY_AUTHORS);
    for i in 0..CITY_AUTHORS {
        let name = format!("auteur{i}");
        let user = storage::users::create_user(
            db,
            &storage::users::NewUser {
                username: &name,
                username_key: &name,
                username_skeleton: &name,
                display_name: &format!("Auteur {i}"),
                // A well-formed hash of no password: nobody signs in as these accounts.
                password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                role: Role::Citizen,
                name_public: false,
            },
        )
        .await?;
        authors.push(user.id);
    }
    let mut target = None;
    for i in 0..CITY_PROPOSALS {
        let title = format!("Proposition n° {i} : former, informer et équiper les écoles");
        let id = create_proposal(
            db,
            &NewProposal {
                topic_id: topic,
                author_id: authors[i % authors.len()],
                title: &title,
                summary: "Un résumé d’une ou deux phrases, comme en écrivent les citoyens pour \
                          présenter leur proposition.",
                body: "Un texte plus long, en **Markdown**, avec une liste :\n\n- un\n- deux\n",
                status: "published",
                visibility: "published",
            },
        )
        .await?;
        for fan in authors.iter().take(i % 7) {
            set_support(db, id, *fan, true).await?;
        }
        target.get_or_insert(id);
    }
    let target = target.ok_or_else(|| internal("no proposal was created"))?;
    // (comment, depth, thread root) of the comments so far.
    let mut written: Vec<(i64, i64, i64)> = Vec::with_capacity(CITY_COMMENTS);
    for i in 0..CITY_COMMENTS {
        // Every fourth comment opens a thread; the others answer one of the last three, at
        // most at the deepest level.
        let (parent, depth, root) = if i % 4 == 0 || written.is_empty() {
            (None, 0, None)
        } else {
            let (p, d, r) = written[written.len() - 1 - (i % written.len().min(3))];
            (Some(p), (d + 1).min(i64::from(MAX_DEPTH)), Some(r))
        };
        let stance = [Some("pour"), Some("contre"), Some("neutre"), None][i % 4];
        let id = create_comment(
            db,
            &NewComment {
                topic_id: topic,
                proposal_id: Some(target),
                parent_id: parent.map(domain::CommentId),
                depth,
                author_id: authors[i % authors.len()],
                body: "Un commentaire de quelques lignes, avec un [lien](https://example.org) \
                       et un peu de *mise en forme*, comme dans un vrai débat.",
                stance: if parent.is_none() { stance } else { None },
                visibility: "published",
                root_id: root.map(domain::CommentId),
            },
        )
        .await?;
        let id = i64::from(id);
        written.push((id, depth, root.unwrap_or(id)));
    }
    Ok(Some(target))
}

/// The volumes of the whole city of issue 16, for `convention demo --scale city`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Registered people (`habitant0`…).
    pub users: i64,
    /// Published proposals, over every topic.
    pub proposals: i64,
    /// Comments on them, in threads.
    pub comments: i64,
    /// Closed rounds, counted.
    pub rounds: i64,
    /// Ballots in them, all together.
    pub ballots: i64,
}

impl Scale {
    /// The city: 100,000 people, 20,000 proposals, a million comments, 200 rounds and a
    /// million ballots.
    pub const CITY: Scale = Scale {
        users: 100_000,
        proposals: 20_000,
        comments: 1_000_000,
        rounds: 200,
        ballots: 1_000_000,
    };

    /// The city times `factor` (a hundredth makes a database the test suite fills in
    /// seconds), at least one of each.
    pub fn times(self, factor: f64) -> Scale {
        let of = |n: i64| ((n as f64 * factor).round() as i64).max(1);
        Scale {
            users: of(self.users).max(10),
            proposals: of(self.proposals),
            comments: of(self.comments),
            rounds: of(self.rounds),
            ballots: of(self.ballots),
        }
    }
}

/// Fills the database with a convention of `scale` around the demo (run [`seed`] first: its
/// organiser opens the rounds): generated citizens who cannot sign in (their password hash
/// matches no password), proposals over every topic with versions and supports, comments in
/// threads of a root and three replies, and closed rounds of Borda and Schulze counts with
/// their ballots and stored results. Returns what was written, or `None` when a city is there
/// already (the command is safe to run again).
pub async fn city_scale(state: &AppState, scale: Scale) -> Result<Option<Scale>> {
    use domain::voting::round::{Electorate, RoundSpec, Rule};
    use domain::voting::Method;
    use storage::city::Authors;
    let db = &state.db;
    if find_user_by_key(db, "habitant0").await?.is_some() {
        return Ok(None);
    }
    let topics: Vec<_> = storage::topics::list_topics(db, false)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let organiser = user_id(state, "organisation").await?;
    let now = storage::now_ms();
    let first_user = storage::city::users(db, scale.users, now).await?;
    let authors = Authors {
        topics: &topics,
        first_user,
        users: scale.users,
        now,
    };
    let first = storage::city::proposals(db, scale.proposals, &authors).await?;
    storage::city::comments(db, scale.comments, first, scale.proposals, &authors).await?;
    // Each round puts five proposals to the vote; its voters are distinct accounts.
    let per_round = (scale.ballots / scale.rounds).clamp(1, scale.users);
    let step = [7919, 7907, 7901]
        .into_iter()
        .find(|p| scale.users % p != 0)
        .unwrap_or(1);
    let day = 86_400_000;
    for r in 0..scale.rounds {
        let candidates: Vec<ProposalId> = (0..5)
            .map(|k| ProposalId(first.0 + (r * 5 + k) % scale.proposals))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let spec = RoundSpec {
            method: if r % 2 == 0 {
                Method::Borda
            } else {
                Method::Schulze
            },
            grades: Vec::new(),
            budget: 0,
            threshold: (0, 1),
            strict: true,
            electorate: Electorate::Citizens,
            rule: Rule::Top(1),
        };
        let opens_at = now - (scale.rounds - r + 8) * day;
        let round = storage::rounds::create_round(
            db,
            &storage::rounds::RoundFields {
                title: &format!("Vote n° {r} de la convention"),
                spec: &spec,
                candidates: &candidates,
                opens_at,
                closes_at: opens_at + 7 * day,
            },
            organiser,
        )
        .await?;
        // Six orders of the candidates, cast in turn: rankings of all, or of the first few.
        let contents: Vec<String> = (0..6)
            .map(|k| {
                let listed: Vec<String> = (0..candidates.len())
                    .map(|j| candidates[(j + k) % candidates.len()])
                    .take(candidates.len() - k % 3)
                    .map(|id| format!("\"{id}\""))
                    .collect();
                format!("{{\"ranking\":[{}]}}", listed.join(","))
            })
            .collect();
        storage::city::ballots(
            db,
            round,
            per_round,
            &contents,
            first_user,
            scale.users,
            step,
        )
        .await?;
        // Counted once, as the close would; no sealed ballot was ever written, so nothing is
        // left to erase.
        let row = storage::rounds::find_round(db, round).await?;
        let result = crate::rounds::recount(db, &row).await?;
        let json = serde_json::to_string(&result).map_err(internal)?;
        storage::rounds::store_result(db, round, &json, &result.adopted).await?;
    }
    Ok(Some(Scale {
        ballots: per_round * scale.rounds,
        ..scale
    }))
}

/// Gathers the planner's statistics after [`city_scale`] (see `storage::city::analyze`). Kept
/// apart so that the suite's plan checks see the tables as the planner sees fresh ones, not as
/// the few rows of a test database that statistics would describe.
pub async fn analyze(state: &AppState) -> Result<()> {
    Ok(storage::city::analyze(&state.db).await?)
}
