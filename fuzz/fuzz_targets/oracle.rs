//! Any name of few choice points: the search finds the same terms as the oracle that reads
//! every combination of alternatives one by one.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use name_policy::{Policy, Report, ViolationKind};

fn term_rules(report: &Report) -> BTreeSet<String> {
    report
        .violations()
        .iter()
        .filter(|v| matches!(v.kind(), ViolationKind::Term | ViolationKind::Alias))
        .map(|v| v.rule().to_owned())
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    if name.len() > 64 {
        return;
    }
    let policy = Policy::marketplace();
    if let Some(oracle) = policy.check_every_reading(name, 1 << 14) {
        let report = policy.check(name);
        assert_eq!(term_rules(&report), term_rules(&oracle), "{name:?}\n{report}");
    }
});
