use super::*;
use crate::voting::round::{Electorate, Rule};
use crate::{ProposalId, RoundId};

pub(crate) fn sample() -> Report {
    let line = |id, title: &str, rank, score: &str, adopted| ResultLine {
        id,
        title: title.into(),
        rank,
        score: score.into(),
        detail: Vec::new(),
        adopted,
    };
    Report {
        lang: Lang::Fr,
        convention: "Convention citoyenne sur l’IA".into(),
        question: "Quelle place pour l'IA ?".into(),
        period: Some((1_784_023_200_000, 1_786_023_200_000)),
        members: 3,
        participants: 7,
        introduction: "Nous avons *délibéré*.".into(),
        topics: vec![TopicSection {
            title: "Éducation".into(),
            question: "Comment apprendre ?".into(),
            recommendations: vec![Recommendation {
                id: ProposalId(4),
                title: "Former les <enseignants>".into(),
                summary: "Un résumé".into(),
                body: "Texte **fort**.\n\n- un\n- deux\n\n#set page(width: 1cm)".into(),
                authors: vec!["Karim".into(), "Lucie".into()],
                votes: vec![Vote {
                    round_id: RoundId(2),
                    round_title: "Priorités".into(),
                    method: Method::Schulze,
                    sides: vec![SideVote {
                        side: Side::Members,
                        voters: 3,
                        rank: 1,
                        of: 3,
                        score: "2".into(),
                    }],
                }],
                arguments_for: vec![Argument {
                    author: "Thomas".into(),
                    body: "Indispensable \"vraiment\"".into(),
                }],
                arguments_against: vec![Argument {
                    author: "compte supprimé".into(),
                    body: "Trop cher".into(),
                }],
                dissents: vec!["Une minorité craint la *surveillance*.".into()],
            }],
            minority: vec![Minority {
                id: ProposalId(5),
                title: "Interdire".into(),
                reason: "2e sur 3".into(),
                dissents: Vec::new(),
            }],
        }],
        rounds: vec![RoundSection {
            id: RoundId(2),
            title: "Priorités".into(),
            method: Method::Schulze,
            electorate: Electorate::Members,
            rule: Rule::Top(1),
            grades: Vec::new(),
            budget: 0,
            threshold: (1, 2, true),
            opens_at: 1_784_023_200_000,
            closes_at: 1_786_023_200_000,
            sides: vec![SideSection {
                side: Side::Members,
                official: true,
                voters: 3,
                counted: 3,
                rejected: 0,
                lines: vec![
                    line(ProposalId(4), "Former les <enseignants>", 1, "2", true),
                    line(ProposalId(5), "Interdire", 2, "1", false),
                    line(ProposalId(6), "Autre", 3, "0", false),
                ],
                chart: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"200\"><title>t</title></svg>".into(),
            }],
        }],
    }
}

#[test]
fn markdown_is_stable_and_escaped() {
    let r = sample();
    let md = markdown(&r);
    assert_eq!(md, markdown(&r.clone()));
    assert!(md.contains("### Recommandation 1.1 — n° 4 — Former les \\<enseignants\\>"));
    assert!(md.contains("**Vote.** Scrutin n° 2"));
    assert!(md.contains("Scrutin n° 2 « Priorités », méthode de Schulze : 1re sur 3 chez les membres tirés au sort (3 votants, score 2)."));
    assert!(md.contains("> — compte supprimé"));
    assert!(md.contains("\\#set page(width: 1cm)"));
    assert!(md.contains("| 1re | n° 4 — Former les \\<enseignants\\> | 2 | oui |"));
}

#[test]
fn html_escapes_user_text() {
    let h = html_fragment(&sample());
    assert!(h.contains("Former les &lt;enseignants&gt;"));
    assert!(!h.contains("<enseignants>"));
    assert!(h.contains("<th scope=\"col\">Rang</th>"));
    let doc = html_document(&sample());
    assert!(doc.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
}

#[test]
fn typst_keeps_user_text_in_strings() {
    let t = typst_source(&sample());
    assert!(t.source.contains("#\"#set page(width: 1cm)\""));
    assert!(t.source.contains("#\"Indispensable \\\"vraiment\\\"\""));
    assert_eq!(t.files.len(), 1);
    assert_eq!(t.files[0].0, "chart-2-0.svg");
}

#[test]
fn odt_differs_only_in_its_date() {
    let (first, second) = (1_784_023_200_000, 1_794_023_200_000);
    let a = odt(&sample(), first);
    assert_eq!(
        a,
        odt(&sample(), first),
        "same report, same moment, same bytes"
    );
    let b = odt(&sample(), second);
    assert_ne!(a, b);
    assert_eq!(&a[30..38], b"mimetype");
    // Entry by entry: everything equal but the creation date in meta.xml.
    let (a, b) = (
        crate::zip::stored_entries(&a),
        crate::zip::stored_entries(&b),
    );
    assert_eq!(a.len(), b.len());
    assert!(a.iter().any(|(name, _)| name == "content.xml"));
    let date = |ms| crate::time::iso_utc(ms).trim_end_matches('Z').to_owned();
    for ((name_a, data_a), (name_b, data_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        let (text_a, text_b) = (
            String::from_utf8_lossy(data_a),
            String::from_utf8_lossy(data_b),
        );
        if name_a == "meta.xml" {
            assert!(text_a.contains(&date(first)) && text_b.contains(&date(second)));
            assert_eq!(
                text_a.replace(&date(first), "DATE"),
                text_b.replace(&date(second), "DATE")
            );
        } else {
            assert_eq!(data_a, data_b, "{name_a} changed with the date");
        }
    }
}

#[test]
fn narrow_rejections() {
    let r = sample();
    let narrow = r.rounds[0].narrowly_rejected(Lang::Fr);
    assert_eq!(narrow.len(), 1);
    assert_eq!(narrow[0].0, ProposalId(5));
    assert!(narrow[0].1.starts_with("2e sur 3 au scrutin n° 2"));

    let mut m = r.rounds[0].clone();
    m.method = Method::Measure;
    m.rule = Rule::Measure;
    m.threshold = (1, 2, true);
    m.sides[0].lines = vec![
        ResultLine {
            id: ProposalId(7),
            title: "a".into(),
            rank: 1,
            score: "45 %".into(),
            detail: vec![45, 55, 0],
            adopted: false,
        },
        ResultLine {
            id: ProposalId(8),
            title: "b".into(),
            rank: 2,
            score: "30 %".into(),
            detail: vec![30, 70, 0],
            adopted: false,
        },
        ResultLine {
            id: ProposalId(9),
            title: "c".into(),
            rank: 3,
            score: "80 %".into(),
            detail: vec![80, 20, 0],
            adopted: true,
        },
    ];
    let ids: Vec<ProposalId> = m
        .narrowly_rejected(Lang::Fr)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, vec![ProposalId(7)]);
}

#[test]
fn long_dates() {
    assert_eq!(long_date(1_784_023_200_000), "14 juillet 2026");
    assert_eq!(long_date(1_788_220_800_000), "1er septembre 2026");
}

#[test]
fn an_english_report_has_english_words_in_every_rendering_and_keeps_what_people_wrote() {
    let mut r = sample();
    r.lang = Lang::En;
    let md = markdown(&r);
    let html = html_document(&r);
    let typ = typst_source(&r).source;
    let content = crate::zip::stored_entries(&odt(&r, 0))
        .into_iter()
        .find(|(name, _)| name == "content.xml")
        .expect("content.xml")
        .1;
    let odt = String::from_utf8(content).unwrap();
    for (name, text) in [
        ("markdown", &md),
        ("html", &html),
        ("typst", &typ),
        ("odt", &odt),
    ] {
        for english in [
            "Contents",
            "Annex: results of the voting rounds",
            "Authors:",
        ] {
            assert!(text.contains(english), "{name} lacks {english}: {text}");
        }
        for french in [
            "Sommaire",
            "Recommandation",
            "Annexe",
            "Scrutin n°",
            "membres tirés",
        ] {
            assert!(!text.contains(french), "{name} still says {french}: {text}");
        }
        // What people wrote is theirs, in their words.
        assert!(text.contains("Karim"), "{name}");
    }
    // The typesetter and the word processor number the headings themselves.
    assert!(md.contains("### Recommendation 1.1 — no. 4"), "{md}");
    assert!(html.contains(">Recommendation 1.1 — no. 4"), "{html}");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(md.contains("From 14 July 2026 to"), "{md}");
    let narrow = r.rounds[0].narrowly_rejected(Lang::En);
    assert!(
        narrow[0].1.starts_with("2nd of 3 in voting round no. 2"),
        "{}",
        narrow[0].1
    );
    // French stays byte for byte what it was.
    r.lang = Lang::Fr;
    assert!(markdown(&r).contains("## Sommaire"));
}
