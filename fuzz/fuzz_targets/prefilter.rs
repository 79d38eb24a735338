//! The prefilter never changes a verdict: each policy built with it and without it gives
//! the same report and the same `is_allowed` on every name, and whenever the prefilter
//! says a name is clean, the pipeline finds no term and no typo-squat in it. Under the
//! preset, without leetspeak, with typo-squats off, with misspellings further than one
//! edit looked for, and with 3,000 more terms (too many patterns for one DFA, and for the
//! census's signature screen).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use name_policy::{Level, Policy, PolicyBuilder, Term};

#[path = "../../support/terms.rs"]
mod terms;

static POLICIES: LazyLock<[(Policy, Policy); 5]> = LazyLock::new(|| {
    let pair = |b: PolicyBuilder| {
        (
            b.clone().build().unwrap(),
            b.without_prefilter().build().unwrap(),
        )
    };
    // Words of 5 to 12 random letters, as in the scaling bench, and a few real ones.
    let mut many: Vec<Term> = terms::words(3000).into_iter().map(Term::deny).collect();
    many.extend(["contoso", "fabrikam", "tailspin", "spin"].map(Term::deny));
    [
        pair(PolicyBuilder::marketplace()),
        pair(PolicyBuilder::marketplace().leet(false)),
        pair(PolicyBuilder::marketplace().typo_squats(Level::Off)),
        pair(
            PolicyBuilder::marketplace()
                .two_edits(Level::Review)
                .sound_alikes(Level::Review)
                .transliteration(Level::Review)
                .terms(["Photoshop", "Kubernetes", "Cellophane Works"].map(Term::deny)),
        ),
        pair(PolicyBuilder::marketplace().terms(many)),
    ]
});

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    for (screened, full) in POLICIES.iter() {
        let expected = full.check(name);
        assert_eq!(screened.check(name), expected, "{name:?}");
        assert_eq!(screened.is_allowed(name), expected.is_allowed(), "{name:?}");
        assert_eq!(full.is_allowed(name), expected.is_allowed(), "{name:?}");
    }
});
