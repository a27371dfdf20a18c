//! Edge cases of documents, ballots and methods.

use super::{run, Document};

fn doc(method: &str, extra: &str, ballots: &str) -> String {
    format!(r#"{{"method":"{method}","candidates":["a","b","c"]{extra},"ballots":[{ballots}]}}"#)
}

fn counted(out: &str) -> (usize, usize) {
    let grab = |key: &str| -> usize {
        let at = out.find(key).unwrap() + key.len();
        out[at..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (grab("\"ballots_counted\":"), grab("\"ballots_rejected\":"))
}

#[test]
fn fatal_documents() {
    for bad in [
        "",
        "NaN",
        "[]",
        r#"{"method":"borda","candidates":["a"],"ballots":[]} x"#,
        r#"{"method":"borda","method":"borda","candidates":["a"],"ballots":[]}"#,
        r#"{"method":"Borda","candidates":["a"],"ballots":[]}"#,
        r#"{"method":"borda","candidates":[],"ballots":[]}"#,
        r#"{"method":"borda","candidates":["a","a"],"ballots":[]}"#,
        r#"{"method":"borda","candidates":["a",1],"ballots":[]}"#,
        r#"{"method":"borda","candidates":["a"]}"#,
        r#"{"method":"borda","candidates":["a"],"ballots":{}}"#,
        r#"{"method":"majority_judgment","candidates":["a"],"ballots":[]}"#,
        r#"{"method":"majority_judgment","candidates":["a"],"grades":[],"ballots":[]}"#,
        r#"{"method":"cumulative","candidates":["a"],"ballots":[]}"#,
        r#"{"method":"cumulative","candidates":["a"],"budget":1000000001,"ballots":[]}"#,
        r#"{"method":"quadratic","candidates":["a"],"budget":-1,"ballots":[]}"#,
        r#"{"method":"quadratic","candidates":["a"],"budget":10.0,"ballots":[]}"#,
        r#"{"method":"measure","candidates":["a"],"ballots":[]}"#,
        r#"{"method":"measure","candidates":["a"],"threshold":"01/2","ballots":[]}"#,
        r#"{"method":"measure","candidates":["a"],"threshold":"3/2","ballots":[]}"#,
        r#"{"method":"measure","candidates":["a"],"threshold":"1/0","ballots":[]}"#,
        r#"{"method":"measure","candidates":["a"],"threshold":"1/2","strict":"yes","ballots":[]}"#,
        r#"{"method":"measure","candidates":["a"],"threshold":" 1/2","ballots":[]}"#,
        r#"{"method":"measure","candidates":["a"],"threshold":"1/1000000001","ballots":[]}"#,
        "{\"method\":\"borda\",\"candidates\":[\"\\ud800\"],\"ballots\":[]}",
    ] {
        assert!(run(bad).is_err(), "{bad}");
    }
    // Members a method does not use are ignored, whatever they hold.
    assert!(run(
        r#"{"method":"borda","candidates":["a"],"budget":"x","grades":3,"ballots":[],"extra":{}}"#
    )
    .is_ok());
    assert!(run(
        r#"{"method":"measure","candidates":["a"],"threshold":"0/1","strict":false,"ballots":[]}"#
    )
    .is_ok());
    assert!(run(r#"{"method":"measure","candidates":["a"],"threshold":"1000000000/1000000000","ballots":[]}"#).is_ok());
}

#[test]
fn ids_are_exact_code_points() {
    let out = run(r#"{"method":"approval","candidates":["","é","e\u0301","E"],"ballots":[{"approve":["\u00e9",""]}]}"#).unwrap();
    assert!(
        out.contains("\"ranking\":[[\"\",\"\u{e9}\"],[\"E\",\"e\u{301}\"]]"),
        "{out}"
    );
}

#[test]
fn invalid_ballots_are_counted_never_fatal() {
    let bad = [
        r#""a""#,
        "[]",
        "null",
        r#"{}"#,
        r#"{"ranking":["d"]}"#,
        r#"{"ranking":["a",["a"]]}"#,
        r#"{"ranking":[[]]}"#,
        r#"{"ranking":[["a",["b"]]]}"#,
        r#"{"ranking":["a"],"weight":0}"#,
        r#"{"ranking":["a"],"weight":-1}"#,
        r#"{"ranking":["a"],"weight":2.0}"#,
        r#"{"ranking":["a"],"weight":"2"}"#,
        r#"{"ranking":["a"],"weight":1000000001}"#,
        r#"{"ranking":["a"],"weight":1,"weight":1}"#,
        r#"{"ranking":["a"],"note":"x"}"#,
        r#"{"ranking":"a"}"#,
        r#"{"ranking":[1]}"#,
        r#"{"ranking":[["a"]],"ranking":[["b"]]}"#,
        r#"{"grades":{}}"#,
    ];
    let out = run(&doc("borda", "", &bad.join(","))).unwrap();
    assert_eq!(counted(&out), (0, bad.len()));
    assert!(
        out.contains(r#""ranking":[["a","b","c"]]"#),
        "zero valid ballots: one tier: {out}"
    );

    let mj = [
        r#"{"grades":{"a":"Bien","a":"Bien"}}"#,
        r#"{"grades":{"a":"bien"}}"#,
        r#"{"grades":{"d":"Bien"}}"#,
        r#"{"grades":{"a":1}}"#,
        r#"{"grades":["Bien"]}"#,
    ];
    let out = run(&doc(
        "majority_judgment",
        r#","grades":["Bien","Passable"]"#,
        &mj.join(","),
    ))
    .unwrap();
    assert_eq!(counted(&out), (0, mj.len()));
    assert!(
        out.contains(r#""scores":{"a":null,"b":null,"c":null}"#),
        "{out}"
    );

    let cumulative = [
        r#"{"points":{"a":-1}}"#,
        r#"{"points":{"a":1.0}}"#,
        r#"{"points":{"a":6,"b":5}}"#,
        r#"{"points":{"a":170141183460469231731687303715884105728}}"#,
        r#"{"points":{"a":99999999999999999999999999999999999999999999}}"#,
        r#"{"points":{"a":1,"a":1}}"#,
        r#"{"points":{"a":"1"}}"#,
    ];
    let out = run(&doc("cumulative", r#","budget":10"#, &cumulative.join(","))).unwrap();
    assert_eq!(counted(&out), (0, cumulative.len()));

    let quadratic = [
        r#"{"votes":{"a":4}}"#,
        r#"{"votes":{"a":-3,"b":-2}}"#,
        r#"{"votes":{"a":13043817825332782212}}"#,
        r#"{"votes":{"a":-99999999999999999999999999999999999999999999}}"#,
        r#"{"votes":{"a":1e0}}"#,
    ];
    let out = run(&doc("quadratic", r#","budget":12"#, &quadratic.join(","))).unwrap();
    assert_eq!(counted(&out), (0, quadratic.len()));
    let out = run(&doc(
        "quadratic",
        r#","budget":13"#,
        r#"{"votes":{"a":-3,"b":2}}"#,
    ))
    .unwrap();
    assert!(out.contains(r#""scores":{"a":-3,"b":2,"c":0}"#), "{out}");

    let measure = [
        r#"{"choices":{"a":"pour"}}"#,
        r#"{"choices":{"a":"for","a":"against"}}"#,
        r#"{"choices":["a"]}"#,
    ];
    let out = run(&doc("measure", r#","threshold":"1/2""#, &measure.join(","))).unwrap();
    assert_eq!(counted(&out), (0, measure.len()));
}

#[test]
fn weights_count_as_copies() {
    let weighted = run(&doc(
        "schulze",
        "",
        r#"{"ranking":["b","a"],"weight":3},{"ranking":["a"]}"#,
    ))
    .unwrap();
    let copies = run(&doc(
        "schulze",
        "",
        r#"{"ranking":["b","a"]},{"ranking":["b","a"]},{"ranking":["b","a"]},{"ranking":["a"]}"#,
    ))
    .unwrap();
    let strip = |s: &str| s[..s.find("\"ballots_counted\"").unwrap()].to_owned();
    assert_eq!(strip(&weighted), strip(&copies));
    assert!(weighted.contains("\"weight_counted\":4"));
}

#[test]
fn a_single_candidate_wins_alone() {
    for (method, extra, ballot) in [
        ("borda", "", r#"{"ranking":["a"]}"#),
        ("schulze", "", r#"{"ranking":[]}"#),
        (
            "majority_judgment",
            r#","grades":["Oui","Non"]"#,
            r#"{"grades":{}}"#,
        ),
        ("approval", "", r#"{"approve":[]}"#),
        ("cumulative", r#","budget":0"#, r#"{"points":{"a":0}}"#),
        ("quadratic", r#","budget":0"#, r#"{"votes":{}}"#),
        ("measure", r#","threshold":"0/1""#, r#"{"choices":{}}"#),
    ] {
        let d =
            format!(r#"{{"method":"{method}","candidates":["a"]{extra},"ballots":[{ballot}]}}"#);
        let out = run(&d).unwrap();
        assert!(
            out.contains(r#""ranking":[["a"]],"winners":["a"]"#),
            "{method}: {out}"
        );
        assert_eq!(counted(&out), (1, 0), "{method}");
    }
}

#[test]
fn schulze_peels_tiers_instead_of_recomputing() {
    // d: a>b by 1 directly; b>c strongly; c>d strongly; d>a weakly. Peeling with paths
    // computed once on all four keeps the widest paths through the removed candidates.
    let ballots = r#"{"ranking":["a","b","c","d"],"weight":3},{"ranking":["b","c","d","a"],"weight":2},{"ranking":["c","d","a","b"],"weight":2}"#;
    let d =
        format!(r#"{{"method":"schulze","candidates":["a","b","c","d"],"ballots":[{ballots}]}}"#);
    let out = run(&d).unwrap();
    // d[a][b]=5 d[b][a]=2: a→b 3; d[b][c]=5: b→c 3; d[c][d]=7: c→d 7; d[d][a]=4 vs 3: d→a 1;
    // d[a][c]=3 vs 4: c→a 1; d[b][d]=5 vs 2: b→d 3; d[a][d]=3 vs 4 → d→a 1.
    // Paths: p[a][b]=3, p[b][a]=min(3,7,1)=1 → a beats b; p[a][c]=3 vs p[c][a]=1 → a beats c;
    // p[a][d]=3 vs p[d][a]=1 → a beats d; b beats c (3 vs 1), b beats d (3 vs 1); c beats d.
    assert!(
        out.contains(r#""ranking":[["a"],["b"],["c"],["d"]]"#),
        "{out}"
    );
    assert!(
        out.contains(r#""scores":{"a":3,"b":2,"c":1,"d":0}"#),
        "{out}"
    );
}

#[test]
fn measure_ties_share_a_tier_and_undecided_come_last() {
    let ballots = r#"{"choices":{"a":"for","b":"for","c":"abstain"}},{"choices":{"a":"against","b":"against"}}"#;
    let out = run(&doc(
        "measure",
        r#","threshold":"1/2","strict":false"#,
        ballots,
    ))
    .unwrap();
    assert!(out.contains(r#""ranking":[["a","b"],["c"]]"#), "{out}");
    assert!(
        out.contains(r#""a":{"for":1,"against":1,"abstain":0,"adopted":true}"#),
        "{out}"
    );
    let strict = run(&doc("measure", r#","threshold":"1/2""#, ballots)).unwrap();
    assert!(strict.contains(r#""adopted":false"#), "{strict}");
}

#[test]
fn huge_weights_stay_exact() {
    let many: Vec<String> = (0..50)
        .map(|_| r#"{"points":{"a":1000000000},"weight":1000000000}"#.to_owned())
        .collect();
    let out = run(&doc(
        "cumulative",
        r#","budget":1000000000"#,
        &many.join(","),
    ))
    .unwrap();
    assert!(out.contains(r#""a":50000000000000000000"#), "{out}");
    let mj: Vec<String> = (0..3)
        .map(|i| format!(r#"{{"grades":{{"a":"g{i}"}},"weight":1000000000}}"#))
        .collect();
    let out = run(&doc(
        "majority_judgment",
        r#","grades":["g0","g1","g2"]"#,
        &mj.join(","),
    ))
    .unwrap();
    assert!(out.contains(r#""a":"g1""#), "{out}");
}

#[test]
fn the_output_is_byte_identical_for_the_same_input() {
    let d = doc("borda", "", r#"{"ranking":[["b","c"],"a"]}"#);
    assert_eq!(run(&d).unwrap(), run(&d).unwrap());
    assert!(Document::read(&d).is_ok());
}
