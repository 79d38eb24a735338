//! The screens never change a verdict: the preset with them and without them agree on
//! every name, for `is_allowed` and `check`, with and without leetspeak, and with 3,000
//! more terms (too many patterns for one DFA, and for the few-terms typo-squat screen).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use name_policy::{Policy, PolicyBuilder, Term};

static POLICIES: LazyLock<[(Policy, Policy); 3]> = LazyLock::new(|| {
    let pair = |b: PolicyBuilder| (b.clone().build().unwrap(), b.without_screen().build().unwrap());
    // Words of 5 to 12 random letters, as in the scaling bench, and a few real ones.
    let mut terms = name_policy::testing::generated_terms(3000);
    terms.extend(["contoso", "fabrikam", "tailspin", "spin"].map(Term::deny));
    [
        pair(PolicyBuilder::marketplace()),
        pair(PolicyBuilder::marketplace().leet(false)),
        pair(PolicyBuilder::marketplace().terms(terms)),
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
    }
});
