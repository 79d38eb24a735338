//! The preset against the labelled adversarial corpus (`tools/gen-adversarial.py`): the
//! gates of issue 17, per technique. `benches/examples/score.rs` prints the same figures
//! next to rustrict's and decancer's.

use std::collections::BTreeMap;

use name_policy::{Policy, Severity, ViolationKind};

#[test]
fn the_preset_meets_the_gates_on_the_adversarial_corpus() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/data/adversarial-labelled.tsv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let policy = Policy::marketplace();
    // (label, technique) -> (hits, total)
    let mut tally: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(label), Some(technique), Some(name)) =
            (fields.next(), fields.next(), fields.next())
        else {
            panic!("bad line {line:?}");
        };
        let report = policy.check(name);
        let flagged = report
            .violations()
            .iter()
            .any(|v| matches!(v.kind(), ViolationKind::Term | ViolationKind::TypoSquat));
        let denied = report
            .violations()
            .iter()
            .any(|v| v.kind() == ViolationKind::Term && v.severity() == Severity::Deny);
        let hit = if label == "disguise" { denied } else { flagged };
        let technique = match technique.split('+').count() {
            1 => technique.to_owned(),
            n if label == "disguise" => format!("combination of {n}"),
            _ => "under a disguise".to_owned(),
        };
        let entry = tally.entry((label.to_owned(), technique)).or_default();
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
