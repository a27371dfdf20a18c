//! Compiles the interface's translation files (`locales/<tag>.ftl`, Fluent syntax) into Rust.
//!
//! Translators edit Fluent files, the format of Mozilla's Pontoon and of most open-source
//! translation tools; the pages read typed fields and methods, so a key the code uses but a file
//! lacks, a key one language has and another lacks, or a variable a translation invents, all
//! fail the build here with the file and key named. The Fluent runtime (`fluent-bundle`) is not
//! shipped in the WASM: parsing the files at build time keeps the browser's download as small as
//! the old hand-written tables, and the few features used (text, variables, plural selection by
//! CLDR category or exact number, references to other plain messages) compile to plain code.
//! The plural categories themselves come from CLDR through `intl_pluralrules` at run time.

use fluent_syntax::ast;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Plural categories Fluent variant keys may name, with `intl_pluralrules`' constant for each.
const CATEGORIES: [(&str, &str); 6] = [
    ("zero", "ZERO"),
    ("one", "ONE"),
    ("two", "TWO"),
    ("few", "FEW"),
    ("many", "MANY"),
    ("other", "OTHER"),
];

/// Words Rust reserves, which cannot name a text's field.
const KEYWORDS: [&str; 51] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

fn main() {
    let dir =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let tags = languages(&dir);
    let mut files = Vec::new();
    for tag in &tags {
        let path = dir.join(format!("{tag}.ftl"));
        println!("cargo:rerun-if-changed={}", path.display());
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        files.push((tag.clone(), messages(&path, &source)));
    }
    check_same_keys(&files);
    let code = generate(&files);
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets it")).join("locales.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}

fn fail(message: &str) -> ! {
    // A panic's backtrace would bury the one line a translator needs.
    eprintln!("error: translations: {message}");
    std::process::exit(1);
}

/// The interface's languages, default first, from `locales/languages.txt`.
fn languages(dir: &Path) -> Vec<String> {
    let path = dir.join("languages.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let tags: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if tags.is_empty() {
        fail("locales/languages.txt names no language");
    }
    for tag in &tags {
        if tag.len() < 2 || !tag.chars().all(|c| c.is_ascii_lowercase()) {
            fail(&format!(
                "locales/languages.txt: `{tag}` is not a lower-case language code such as `fr`"
            ));
        }
    }
    tags
}

/// One message: its text pattern, and the variables it uses with whether any selects a plural.
struct Message {
    pattern: ast::Pattern<String>,
    variables: BTreeMap<String, bool>,
}

fn messages(path: &Path, source: &str) -> BTreeMap<String, Message> {
    let resource = match fluent_syntax::parser::parse(source.to_owned()) {
        Ok(r) => r,
        Err((_, errors)) => {
            let first = &errors[0];
            let line = source[..first.pos.start.min(source.len())]
                .lines()
                .count()
                .max(1);
            fail(&format!("{}:{line}: {:?}", path.display(), first.kind));
        }
    };
    let mut found = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let key = m.id.name;
                if KEYWORDS.contains(&key.as_str()) || key.contains('-') {
                    fail(&format!(
                        "{}: `{key}`: keys are Rust names (letters, digits, `_`), not a Rust keyword",
                        path.display()
                    ));
                }
                if !m.attributes.is_empty() {
                    fail(&format!(
                        "{}: `{key}` has attributes, which the site does not use",
                        path.display()
                    ));
                }
                let Some(pattern) = m.value else {
                    fail(&format!("{}: `{key}` has no text", path.display()));
                };
                let mut variables = BTreeMap::new();
                collect_variables(&pattern, &mut variables, path, &key);
                if found
                    .insert(key.clone(), Message { pattern, variables })
                    .is_some()
                {
                    fail(&format!("{}: `{key}` is defined twice", path.display()));
                }
            }
            ast::Entry::Term(t) => fail(&format!(
                "{}: term `-{}`: terms are not supported, write the text or reference a message",
                path.display(),
                t.id.name
            )),
            ast::Entry::Junk { content } => fail(&format!(
                "{}: cannot read `{}`",
                path.display(),
                content.trim()
            )),
            _ => {}
        }
    }
    found
}

fn collect_variables(
    pattern: &ast::Pattern<String>,
    into: &mut BTreeMap<String, bool>,
    path: &Path,
    key: &str,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expression(expression, into, path, key);
        }
    }
}

fn collect_expression(
    expression: &ast::Expression<String>,
    into: &mut BTreeMap<String, bool>,
    path: &Path,
    key: &str,
) {
    match expression {
        ast::Expression::Inline(inline) => collect_inline(inline, into, path, key),
        ast::Expression::Select { selector, variants } => {
            let ast::InlineExpression::VariableReference { id } = selector else {
                fail(&format!(
                    "{}: `{key}`: only a variable can select a variant",
                    path.display()
                ));
            };
            into.insert(id.name.clone(), true);
            for variant in variants {
                if let ast::VariantKey::Identifier { name } = &variant.key {
                    if !CATEGORIES.iter().any(|(c, _)| c == name) {
                        fail(&format!(
                            "{}: `{key}`: variant `[{name}]` is neither a number nor a plural category (zero, one, two, few, many, other)",
                            path.display()
                        ));
                    }
                }
                collect_variables(&variant.value, into, path, key);
            }
        }
    }
}

fn collect_inline(
    inline: &ast::InlineExpression<String>,
    into: &mut BTreeMap<String, bool>,
    path: &Path,
    key: &str,
) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.entry(id.name.clone()).or_insert(false);
        }
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
        ast::InlineExpression::MessageReference {
            attribute: None, ..
        } => {}
        ast::InlineExpression::Placeable { expression } => {
            collect_expression(expression, into, path, key)
        }
        _ => fail(&format!(
            "{}: `{key}`: functions, terms and attributes are not supported",
            path.display()
        )),
    }
}

/// Every language must define exactly the default language's keys, with no variable the
/// default does not have (a translation may leave one out, as "a minute" for `{ $n }`).
fn check_same_keys(files: &[(String, BTreeMap<String, Message>)]) {
    let (default_tag, default) = &files[0];
    for (tag, messages) in &files[1..] {
        let missing: Vec<&String> = default
            .keys()
            .filter(|k| !messages.contains_key(*k))
            .collect();
        if !missing.is_empty() {
            fail(&format!(
                "locales/{tag}.ftl lacks {missing:?}, which locales/{default_tag}.ftl has"
            ));
        }
        let extra: Vec<&String> = messages
            .keys()
            .filter(|k| !default.contains_key(*k))
            .collect();
        if !extra.is_empty() {
            fail(&format!(
                "locales/{tag}.ftl has {extra:?}, which locales/{default_tag}.ftl lacks"
            ));
        }
    }
    for (key, message) in default {
        let mut all: BTreeMap<String, bool> = message.variables.clone();
        for (tag, messages) in &files[1..] {
            for (var, selects) in &messages[key].variables {
                if !message.variables.contains_key(var) {
                    fail(&format!(
                        "locales/{tag}.ftl: `{key}` uses `${var}`, which locales/{default_tag}.ftl's `{key}` does not"
                    ));
                }
                *all.get_mut(var).expect("checked") |= selects;
            }
        }
        for (_, messages) in files {
            for element in &messages[key].pattern.elements {
                check_references(element, default, key);
            }
        }
    }
}

fn check_references(
    element: &ast::PatternElement<String>,
    all: &BTreeMap<String, Message>,
    key: &str,
) {
    let ast::PatternElement::Placeable { expression } = element else {
        return;
    };
    let mut refs = Vec::new();
    references(expression, &mut refs);
    for r in refs {
        match all.get(&r) {
            None => fail(&format!("`{key}` refers to `{r}`, which no file defines")),
            Some(m) if !m.variables.is_empty() => {
                fail(&format!("`{key}` refers to `{r}`, which has variables: only plain messages can be referred to"))
            }
            Some(_) => {}
        }
    }
}

fn references(expression: &ast::Expression<String>, into: &mut Vec<String>) {
    let inline_refs = |inline: &ast::InlineExpression<String>, into: &mut Vec<String>| match inline
    {
        ast::InlineExpression::MessageReference { id, .. } => into.push(id.name.clone()),
        ast::InlineExpression::Placeable { expression } => references(expression, into),
        _ => {}
    };
    match expression {
        ast::Expression::Inline(inline) => inline_refs(inline, into),
        ast::Expression::Select { variants, .. } => {
            for v in variants {
                for e in &v.value.elements {
                    if let ast::PatternElement::Placeable { expression } = e {
                        references(expression, into);
                    }
                }
            }
        }
    }
}

fn variant_name(tag: &str) -> String {
    let mut c = tag.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn generate(files: &[(String, BTreeMap<String, Message>)]) -> String {
    let (_, default) = &files[0];
    // The signature of a message's method: its variables in alphabetical order (so that
    // rewording a translation never reorders arguments), counts for those that select.
    let mut signatures: BTreeMap<&String, BTreeMap<String, bool>> = BTreeMap::new();
    for (key, message) in default {
        let mut vars = message.variables.clone();
        for (_, messages) in &files[1..] {
            for (var, selects) in &messages[key].variables {
                *vars.get_mut(var).expect("checked") |= selects;
            }
        }
        signatures.insert(key, vars);
    }
    let plain: Vec<&String> = signatures
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(k, _)| *k)
        .collect();

    let mut out = String::new();
    out.push_str(
        "// Generated by app/build.rs from app/locales/*.ftl: edit those files, not this one.\n\n",
    );
    out.push_str("/// A language of the interface (`locales/languages.txt`, default first).\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, Default)]\npub enum Locale {\n");
    for (i, (tag, _)) in files.iter().enumerate() {
        if i == 0 {
            out.push_str("    #[default]\n");
        }
        let _ = writeln!(out, "    /// `{tag}`\n    {},", variant_name(tag));
    }
    out.push_str("}\n\nimpl Locale {\n    /// Every locale, default first.\n");
    let _ = writeln!(
        out,
        "    pub const ALL: [Locale; {}] = [{}];\n",
        files.len(),
        files
            .iter()
            .map(|(t, _)| format!("Locale::{}", variant_name(t)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str("    /// The BCP 47 tag, as in `<html lang>` and the `lang` cookie.\n    pub fn tag(self) -> &'static str {\n        match self {\n");
    for (tag, _) in files {
        let _ = writeln!(out, "            Locale::{} => {tag:?},", variant_name(tag));
    }
    out.push_str("        }\n    }\n\n    /// The UI texts of this locale.\n    pub fn texts(self) -> &'static Texts {\n        &TEXTS[self as usize]\n    }\n}\n\n");

    out.push_str("/// The UI texts of one locale: plain texts as fields, texts with values as methods.\npub struct Texts {\n    locale: Locale,\n");
    for key in &plain {
        let _ = writeln!(out, "    pub {key}: &'static str,");
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "static TEXTS: [Texts; {}] = [", files.len());
    for (tag, messages) in files {
        let _ = writeln!(
            out,
            "    Texts {{\n        locale: Locale::{},",
            variant_name(tag)
        );
        for key in &plain {
            let text = plain_text(&messages[*key].pattern, messages);
            let _ = writeln!(out, "        {key}: {text:?},");
        }
        out.push_str("    },\n");
    }
    out.push_str("];\n\nimpl Texts {\n");
    for (key, vars) in &signatures {
        if vars.is_empty() {
            continue;
        }
        let params: Vec<String> = vars
            .iter()
            .map(|(v, selects)| {
                if *selects {
                    format!("{v}: impl Count")
                } else {
                    format!("{v}: impl std::fmt::Display")
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "    pub fn {key}(&self, {}) -> String {{",
            params.join(", ")
        );
        out.push_str("        let mut s = String::new();\n        match self.locale {\n");
        for (tag, messages) in files {
            let mut body = String::new();
            pattern_code(&messages[*key].pattern, messages, vars, &mut body);
            let _ = writeln!(
                out,
                "            Locale::{} => {{\n{body}            }}",
                variant_name(tag)
            );
        }
        out.push_str("        }\n        s\n    }\n");
    }
    out.push_str("}\n");
    out
}

fn unescape(literal: &str) -> String {
    fluent_syntax::unicode::unescape_unicode_to_string(literal).into_owned()
}

/// The text of a message without variables (messages it refers to included).
fn plain_text(pattern: &ast::Pattern<String>, all: &BTreeMap<String, Message>) -> String {
    let mut s = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => s.push_str(value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                    s.push_str(&unescape(value))
                }
                ast::Expression::Inline(ast::InlineExpression::NumberLiteral { value }) => {
                    s.push_str(value)
                }
                ast::Expression::Inline(ast::InlineExpression::MessageReference { id, .. }) => {
                    s.push_str(&plain_text(&all[&id.name].pattern, all))
                }
                ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                    let inner = ast::Pattern {
                        elements: vec![ast::PatternElement::Placeable {
                            expression: (**expression).clone(),
                        }],
                    };
                    s.push_str(&plain_text(&inner, all));
                }
                _ => unreachable!("a message without variables has no selector"),
            },
        }
    }
    s
}

fn pattern_code(
    pattern: &ast::Pattern<String>,
    all: &BTreeMap<String, Message>,
    vars: &BTreeMap<String, bool>,
    out: &mut String,
) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => {
                let _ = writeln!(out, "                s.push_str({value:?});");
            }
            ast::PatternElement::Placeable { expression } => {
                expression_code(expression, all, vars, out)
            }
        }
    }
}

fn expression_code(
    expression: &ast::Expression<String>,
    all: &BTreeMap<String, Message>,
    vars: &BTreeMap<String, bool>,
    out: &mut String,
) {
    match expression {
        ast::Expression::Inline(inline) => match inline {
            ast::InlineExpression::VariableReference { id } => {
                let _ = writeln!(out, "                let _ = std::fmt::Write::write_fmt(&mut s, format_args!(\"{{}}\", {}));", id.name);
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_code(expression, all, vars, out)
            }
            other => {
                let p = ast::Pattern {
                    elements: vec![ast::PatternElement::Placeable {
                        expression: ast::Expression::Inline(other.clone()),
                    }],
                };
                let _ = writeln!(
                    out,
                    "                s.push_str({:?});",
                    plain_text(&p, all)
                );
            }
        },
        ast::Expression::Select { selector, variants } => {
            let ast::InlineExpression::VariableReference { id } = selector else {
                unreachable!("checked")
            };
            let name = &id.name;
            let _ = writeln!(
                out,
                "                match ({name}.count(), plural_category(self.locale, {name}.count())) {{"
            );
            let mut default = None;
            for variant in variants {
                if variant.default {
                    default = Some(variant);
                    continue;
                }
                let arm = match &variant.key {
                    ast::VariantKey::NumberLiteral { value } => {
                        let n: u64 = value.parse().unwrap_or_else(|_| {
                            fail(&format!("variant key `{value}` is not a whole number"))
                        });
                        format!("({n}, _)")
                    }
                    ast::VariantKey::Identifier { name } => {
                        let constant = CATEGORIES
                            .iter()
                            .find(|(c, _)| c == name)
                            .expect("checked")
                            .1;
                        format!("(_, intl_pluralrules::PluralCategory::{constant})")
                    }
                };
                let _ = writeln!(out, "                {arm} => {{");
                pattern_code(&variant.value, all, vars, out);
                out.push_str("                }\n");
            }
            let default = default.expect("the Fluent parser requires a default variant");
            out.push_str("                _ => {\n");
            pattern_code(&default.value, all, vars, out);
            out.push_str("                }\n                }\n");
        }
    }
}
