//! The shared corpora beside the repository (`../shared/corpora/`), run against the
//! marketplace preset. The conformance corpus under `tests/data/conformance/` is run by
//! the crate's own tests (`src/tests/conformance.rs`), under every configuration.

use name_policy::{Policy, ViolationKind};

/// Company names in 32 locales (`../shared/corpora/company-names-intl.txt`, beside the
/// repository in CI; `NAME_POLICY_INTL` overrides): no term or typo-squat violation except
/// in names that literally contain a term. (Structural rules do flag a few of these
/// generated names, rightly: trailing spaces, names that are a single digit.)
#[test]
#[ignore = "reads ../shared/corpora/company-names-intl.txt: run with `cargo test --all-features -- --ignored`, as CI does"]
fn international_company_names_raise_no_false_positives() {
    let path = std::env::var("NAME_POLICY_INTL").unwrap_or_else(|_| {
        format!(
            "{}/../shared/corpora/company-names-intl.txt",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}; set NAME_POLICY_INTL to the corpus"));
    let policy = Policy::marketplace();
    let mut checked = 0;
    let flagged: Vec<String> = text
        .lines()
        .inspect(|_| checked += 1)
        .filter(|n| !policy.is_allowed(n))
        .filter(|n| {
            let lower = n.to_lowercase();
            !lower.contains("microsoft") && !lower.contains("azure")
        })
        .map(|n| policy.check(n))
        .filter(|r| {
            r.violations()
                .iter()
                .any(|v| matches!(v.kind(), ViolationKind::Term | ViolationKind::TypoSquat))
        })
        .map(|r| r.to_string())
        .collect();
    assert!(checked > 100_000, "{path}: only {checked} lines");
    assert!(
        flagged.is_empty(),
        "{} false positives:\n{}",
        flagged.len(),
        flagged.join("\n")
    );
}
