//! Scores name-policy, rustrict and decancer on a labelled corpus of disguised, typo-squat
//! and innocent names, in one run, with the marketplace terms (Microsoft and Azure):
//!
//! ```text
//! cargo run -p name-policy-bench --release --example score [-- FILE]
//! ```
//!
//! FILE (default `benches/data/adversarial-labelled.tsv`, written by
//! `tools/gen-adversarial.py`) holds `label<TAB>technique<TAB>name` lines. A disguise is
//! caught when the name is denied for a term (name-policy), flagged severe (rustrict, with
//! the terms added to its trie) or its cure contains a term (decancer); a typo-squat when
//! it is flagged for a term or a typo-squat of one; a misspelling further than one edit
//! likewise; an innocent name is a false positive when it is flagged so. name-policy is
//! scored twice: the preset, and the preset with the checks for misspellings further than
//! one edit and for names in other scripts off (`one-edit`). Printed: recall per technique (each alone, and
//! combinations of two to four together), deny recall over all disguises, typo-squat and
//! misspelling recall, and the false-positive rate (and on names with emoji).

use std::collections::BTreeMap;

use name_policy::{Level, Policy, PolicyBuilder};

#[path = "../../support/adversarial.rs"]
mod adversarial;

const TERMS: [&str; 2] = ["microsoft", "azure"];

/// What each contender says of a name: (caught as a disguise, flagged at all).
type Judge<'a> = Box<dyn Fn(&str) -> (bool, bool) + 'a>;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        format!(
            "{}/data/adversarial-labelled.tsv",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases: Vec<adversarial::Case> = adversarial::cases(&text).collect();

    let policy = Policy::marketplace();
    // The preset with the checks for misspellings further than one edit and for names in
    // other scripts off: typo-squats one edit away only.
    let one_edit = PolicyBuilder::marketplace()
        .two_edits(Level::Off)
        .sound_alikes(Level::Off)
        .transliteration(Level::Off)
        .build()
        .expect("the preset builds");
    let trie: &'static rustrict::Trie = {
        let mut trie = rustrict::Trie::default();
        for t in TERMS {
            trie.set(t, rustrict::Type::PROFANE | rustrict::Type::SEVERE);
        }
        Box::leak(Box::new(trie))
    };
    let judges: Vec<(&str, Judge)> = vec![
        (
            "name-policy",
            Box::new(|name: &str| adversarial::judge(&policy, name)),
        ),
        (
            "one-edit",
            Box::new(|name: &str| adversarial::judge(&one_edit, name)),
        ),
        (
            "rustrict",
            Box::new(move |name: &str| {
                let severe = rustrict::Censor::from_str(name)
                    .with_trie(trie)
                    .analyze()
                    .is(rustrict::Type::SEVERE);
                (severe, severe)
            }),
        ),
        (
            "decancer",
            Box::new(|name: &str| {
                let hit = decancer::cure(name, decancer::Options::default())
                    .is_ok_and(|cured| TERMS.iter().any(|t| cured.contains(t)));
                (hit, hit)
            }),
        ),
    ];

    // (label, technique) -> per contender: (hits, total).
    let mut tally: BTreeMap<(String, String), Vec<(usize, usize)>> = BTreeMap::new();
    let mut failures: Vec<Vec<String>> = vec![Vec::new(); judges.len()];
    for case in &cases {
        let (label, technique, name) = (case.label, &case.group, case.name);
        let row = tally
            .entry((label.to_owned(), technique.clone()))
            .or_insert_with(|| vec![(0, 0); judges.len()]);
        for (j, (_, judge)) in judges.iter().enumerate() {
            let hit = adversarial::hit(label, judge(name));
            row[j].0 += usize::from(hit);
            row[j].1 += 1;
            let wrong = if label == "innocent" { hit } else { !hit };
            if wrong && failures[j].len() < 40 {
                failures[j].push(format!("{label}/{technique}: {name:?}"));
            }
        }
    }

    println!("{} names from {path}\n", cases.len());
    print!("{:<36}", "label / technique");
    for (name, _) in &judges {
        print!("{name:>13}");
    }
    println!("{:>8}", "names");
    let mut totals: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for ((label, technique), row) in &tally {
        let mut keys = vec![match label.as_str() {
            "disguise" => "disguises: deny recall",
            "typo" => "typo-squats: recall",
            "misspelling" => "misspellings: recall",
            _ => "innocent: false positives",
        }];
        if technique == "emoji" {
            keys.push("innocent with emoji: false positives");
        }
        for key in keys {
            let total = totals
                .entry(key)
                .or_insert_with(|| vec![(0, 0); judges.len()]);
            for (t, r) in total.iter_mut().zip(row) {
                t.0 += r.0;
                t.1 += r.1;
            }
        }
        print!("{:<36}", format!("{label} / {technique}"));
        for &(hits, n) in row {
            print!("{:>13}", format!("{:.4}", hits as f64 / n as f64));
        }
        println!("{:>8}", row[0].1);
    }
    println!();
    for (key, row) in &totals {
        print!("{key:<36}");
        for &(hits, n) in row {
            print!("{:>13}", format!("{:.4}", hits as f64 / n as f64));
        }
        println!("{:>8}", row[0].1);
    }
    if std::env::var_os("SHOW_FAILURES").is_some() {
        for ((name, _), fails) in judges.iter().zip(&failures) {
            println!("\n{name}: first misses");
            for f in fails {
                println!("  {f}");
            }
        }
    }
}
