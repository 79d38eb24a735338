//! The preset against the labelled adversarial corpus (`tools/gen-adversarial.py`): the
//! gates of issue 17, per technique. `benches/examples/score.rs` prints the same figures
//! next to rustrict's and decancer's.

use std::collections::BTreeMap;

use name_policy::Policy;

#[path = "../support/adversarial.rs"]
mod adversarial;

/// The labelled corpus.
fn corpus() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/data/adversarial-labelled.tsv"
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_preset_meets_the_gates_on_the_adversarial_corpus() {
    let text = corpus();
    let policy = Policy::marketplace();
    // (label, technique) -> (hits, total)
    let mut tally: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for case in adversarial::cases(&text) {
        let hit = adversarial::hit(case.label, adversarial::judge(&policy, case.name));
        let entry = tally
            .entry((case.label.to_owned(), case.group))
            .or_default();
        entry.0 += usize::from(hit);
        entry.1 += 1;
    }
    let rate = |label: &str, technique: Option<&str>| {
        let (hits, total) = tally
            .iter()
            .filter(|((l, t), _)| l == label && technique.is_none_or(|x| x == t))
            .fold((0, 0), |(h, n), (_, &(a, b))| (h + a, n + b));
        assert!(total > 0, "no {label} cases");
        hits as f64 / total as f64
    };
    let mut failures = Vec::new();
    for ((label, technique), &(hits, total)) in &tally {
        let r = hits as f64 / total as f64;
        if label == "disguise" && r < 0.99 {
            failures.push(format!("disguise / {technique}: {r:.4} < 0.99"));
        }
    }
    if rate("disguise", None) < 0.995 {
        failures.push(format!("deny recall {:.4} < 0.995", rate("disguise", None)));
    }
    if rate("typo", None) < 0.95 {
        failures.push(format!(
            "typo-squat recall {:.4} < 0.95",
            rate("typo", None)
        ));
    }
    // Typo-squats spelt out, in leetspeak, or both (issue 26).
    if rate("typo", Some("disguised-typo")) < 0.9 {
        failures.push(format!(
            "typo / disguised-typo: {:.4} < 0.9",
            rate("typo", Some("disguised-typo"))
        ));
    }
    if rate("innocent", None) > 0.005 {
        failures.push(format!(
            "false positives {:.4} > 0.005",
            rate("innocent", None)
        ));
    }
    if rate("innocent", Some("emoji")) > 0.0 {
        failures.push("a name with emoji is flagged".to_owned());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_misspelling_checks_meet_the_gates_on_the_adversarial_corpus() {
    let text = corpus();
    // The preset has the checks on; without them it finds far fewer.
    let policy = Policy::marketplace();
    let without = name_policy::PolicyBuilder::marketplace()
        .two_edits(name_policy::Level::Off)
        .sound_alikes(name_policy::Level::Off)
        .transliteration(name_policy::Level::Off)
        .build()
        .unwrap();
    // technique -> (hits, total) over the misspellings; false positives over the rest.
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut innocent, mut flagged, mut missed_without) = (0, 0, 0);
    for case in adversarial::cases(&text) {
        let hit = adversarial::hit(case.label, adversarial::judge(&policy, case.name));
        match case.label {
            "misspelling" => {
                let entry = tally.entry(case.group).or_default();
                entry.0 += usize::from(hit);
                entry.1 += 1;
                let by_one_edit =
                    adversarial::hit(case.label, adversarial::judge(&without, case.name));
                missed_without += usize::from(!by_one_edit);
            }
            "innocent" => {
                innocent += 1;
                flagged += usize::from(hit);
            }
            _ => {}
        }
    }
    let mut failures = Vec::new();
    for (name, gate) in [
        ("two-edits", 0.9),
        ("sound-alike", 0.9),
        ("transliterated", 0.8),
    ] {
        let Some(&(hits, total)) = tally.get(name) else {
            panic!("no {name} cases");
        };
        let recall = hits as f64 / total as f64;
        if recall < gate {
            failures.push(format!("misspelling / {name}: {recall:.4} < {gate}"));
        }
    }
    // The checks find what the typo-squat check alone does not (most of these are no
    // typo-squat).
    if missed_without < 300 {
        failures.push(format!(
            "without the checks, the preset flags all but {missed_without} misspellings"
        ));
    }
    if flagged as f64 / innocent as f64 > 0.005 {
        failures.push(format!("false positives {flagged} of {innocent}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
