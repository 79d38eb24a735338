use super::*;

fn protected(names: &[&str]) -> Protected {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    Protected::new(&Normalizer::new(), &names)
}

/// Every (protected name, imitation) of `name`, most popular first.
fn imitations(p: &Protected, name: &str) -> Vec<(String, Imitation)> {
    let mut out = Vec::new();
    let _ = p.imitations(&Normalizer::new(), name, |rank, imitation| {
        out.push((rank, imitation));
        ControlFlow::Continue(())
    });
    out.sort_by_key(|&(rank, _)| rank);
    out.into_iter()
        .map(|(rank, i)| (p.name(rank).to_owned(), i))
        .collect()
}

fn kinds(p: &Protected, name: &str) -> Vec<String> {
    imitations(p, name)
        .into_iter()
        .map(|(n, i)| {
            format!(
                "{n}:{}",
                match i {
                    Imitation::Same { literal: true } => "same",
                    Imitation::Same { literal: false } => "same-disguised",
                    Imitation::Typo(_) => "typo",
                    Imitation::TwoSlips(_) => "two-slips",
                    Imitation::Unscoped { .. } => "unscoped",
                    Imitation::Rescoped => "rescoped",
                    Imitation::Combo { .. } | Imitation::Combos { .. } => "combo",
                    Imitation::ComboTypo { .. } => "combo-typo",
                }
            )
        })
        .collect()
}

#[test]
fn the_same_name_in_any_disguise() {
    let p = protected(&["cross-env", "react", "lodash"]);
    assert_eq!(kinds(&p, "crossenv"), ["cross-env:same"]);
    assert_eq!(kinds(&p, "Cross_Env"), ["cross-env:same"]);
    assert_eq!(kinds(&p, "r\u{435}act"), ["react:same-disguised"]);
    assert_eq!(kinds(&p, "l0dash"), ["lodash:same-disguised"]);
    assert_eq!(kinds(&p, "lo\u{200b}dash"), ["lodash:same-disguised"]);
    assert!(kinds(&p, "react").is_empty(), "a protected name is itself");
    assert!(kinds(&p, "vue").is_empty());
}

#[test]
fn a_protected_name_imitates_only_more_popular_ones() {
    let p = protected(&["express", "expres"]);
    assert!(kinds(&p, "express").is_empty());
    // `expres` is protected too, but less popular than `express`: it is reported as a
    // newcomer would be.
    assert_eq!(kinds(&p, "expres"), ["express:typo"]);
}

#[test]
fn typo_squats_of_the_slips_people_make() {
    let p = protected(&[
        "request",
        "babel-loader",
        "buffer-xor",
        "jquery",
        "react",
        "preact",
        "vite",
    ]);
    assert_eq!(kinds(&p, "requst"), ["request:typo"]);
    assert_eq!(kinds(&p, "requestt"), ["request:typo"]);
    assert_eq!(kinds(&p, "babel-loadre"), ["babel-loader:typo"]);
    assert_eq!(kinds(&p, "buffer-8or"), ["buffer-xor:typo"]);
    assert_eq!(
        kinds(&p, "buffer-xoe"),
        ["buffer-xor:typo"],
        "{:?}",
        imitations(&p, "buffer-xoe")
    );
    // A letter replaced by one neither near nor a bit away, on a short name: another word.
    assert!(kinds(&p, "jquerz").is_empty());
    // Too short for a slip to be telling.
    assert_eq!(kinds(&p, "reac"), ["react:typo"]);
    assert!(kinds(&p, "vit").is_empty() && kinds(&p, "vitte").is_empty());
    // A slip that spells another protected word is that word.
    assert!(kinds(&p, "react-preact")
        .iter()
        .all(|k| !k.starts_with("react:")));
}

#[test]
fn two_slips_on_long_names_when_one_swaps_letters() {
    let p = protected(&[
        "regenerator",
        "requires-port",
        "mongodb",
        "babel-loader",
        "defined",
        "loader",
    ]);
    assert_eq!(kinds(&p, "regenraotr"), ["regenerator:two-slips"]);
    assert_eq!(kinds(&p, "require-ports"), ["requires-port:two-slips"]);
    assert_eq!(kinds(&p, "babel-laodre"), ["babel-loader:two-slips"]);
    assert_eq!(kinds(&p, "babell-loaedr"), ["babel-loader:two-slips"]);
    assert_eq!(
        imitations(&p, "regenraotr")[0].1,
        Imitation::TwoSlips([
            Slip::Missing {
                at: 5,
                letter: b'e',
                doubled: false,
                at_end: false
            },
            Slip::Swapped {
                at: 7,
                letters: *b"to"
            }
        ])
    );
    // One slip is still one.
    assert_eq!(kinds(&p, "regeneratorr"), ["regenerator:typo"]);
    // Short names, slips with no swap, a first or last letter, a word of another name.
    for innocent in ["mogobd", "defend", "regnerater", "ergenraotr", "regenerat"] {
        assert!(
            kinds(&p, innocent).is_empty(),
            "{innocent}: {:?}",
            imitations(&p, innocent)
        );
    }
}

#[test]
fn scope_games() {
    let p = protected(&[
        "@angular/cli",
        "@testing-library/user-event",
        "@babel/core",
        "lodash",
    ]);
    assert_eq!(kinds(&p, "angular-cli"), ["@angular/cli:unscoped"]);
    assert_eq!(
        kinds(&p, "user-event"),
        ["@testing-library/user-event:unscoped"]
    );
    assert!(
        kinds(&p, "core").is_empty(),
        "short bare names are ordinary words"
    );
    assert_eq!(kinds(&p, "@lodash/lodash"), ["lodash:rescoped"]);
    assert_eq!(kinds(&p, "@official/lodash"), ["lodash:rescoped"]);
    assert!(kinds(&p, "@types/lodash").is_empty());
}

#[test]
fn combo_squats_add_a_generic_word() {
    let p = protected(&["fabric", "mssql", "axios", "nodemailer"]);
    for name in [
        "node-fabric",
        "nodefabric",
        "fabric-js",
        "mssql.js",
        "axios-http",
        "nodemailer.js",
    ] {
        assert_eq!(kinds(&p, name).len(), 1, "{name}");
        assert!(
            matches!(imitations(&p, name)[0].1, Imitation::Combo { .. }),
            "{name}"
        );
    }
    assert!(kinds(&p, "fabricator").is_empty());
    assert!(kinds(&p, "fabric-utils").is_empty());
}

#[test]
fn generic_words_all_parse() {
    let lines = include_str!("../../../data/generic-words.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .count();
    assert_eq!(generic_words().len(), lines);
    assert!(lines > 5);
}

#[test]
fn hostile_names_end() {
    let p = protected(&["request", "@angular/cli"]);
    let long = "ab-".repeat(20_000);
    assert!(kinds(&p, &long).is_empty());
    assert!(kinds(&p, "@").is_empty());
    assert!(kinds(&p, "@/").is_empty());
    assert!(kinds(&p, "").is_empty());
    assert!(kinds(&p, "-._").is_empty());
}

#[test]
fn combos_with_a_slip_and_versions_left_off() {
    let p = protected(&["openssl", "sqlite3", "dbutils", "fabric"]);
    assert_eq!(kinds(&p, "node-opensl"), ["openssl:combo-typo"]);
    assert!(
        kinds(&p, "sqlite").is_empty(),
        "a version left off is another package"
    );
    assert!(kinds(&p, "dbutil").is_empty(), "`utils` is not distinctive");
    assert!(kinds(&p, "@abp/fabricjs").is_empty(), "a scope is owned");
    assert_eq!(kinds(&p, "fabricjs"), ["fabric:combo"]);
}
