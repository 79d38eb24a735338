//! The crate proven against its own property-testing kit (`name_policy::testing`).

use name_policy::testing::proptest::prelude::*;
use name_policy::testing::{check_evasions_denied, evasions_of, hostile_strings, innocent_names};
use name_policy::{Policy, Severity, Verdict, ViolationKind};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_evasion_of_microsoft_is_denied(name in evasions_of("Microsoft")) {
        assert_term_denied(&name, "Microsoft")?;
    }

    #[test]
    fn every_evasion_of_azure_is_denied(name in evasions_of("Azure")) {
        assert_term_denied(&name, "Azure")?;
    }

    #[test]
    fn innocent_names_are_allowed(name in innocent_names()) {
        let policy = Policy::marketplace();
        prop_assert!(policy.is_allowed(&name), "{}", policy.check(&name));
    }

    #[test]
    fn check_and_is_allowed_agree(
        name in prop_oneof![evasions_of("Azure"), innocent_names(), hostile_strings()]
    ) {
        let policy = Policy::marketplace();
        let report = policy.check(&name);
        prop_assert_eq!(policy.is_allowed(&name), report.is_allowed());
        for v in report.violations() {
            prop_assert_eq!(&name[v.span()], v.matched());
        }
    }

    /// Every reading of a violation lies inside its span and quotes the name there; a
    /// term is disguised exactly when the matched text is not the term in some case.
    #[test]
    fn readings_explain_the_matched_text(
        name in prop_oneof![evasions_of("Azure"), evasions_of("Microsoft"), hostile_strings()]
    ) {
        let report = Policy::marketplace().check(&name);
        for v in report.violations() {
            for r in v.readings() {
                let span = r.span();
                prop_assert!(v.span().start <= span.start && span.end <= v.span().end, "{}: {}", v, r);
                prop_assert_eq!(&name[span], r.from());
            }
            // A name written in another script and read in Latin letters is no disguise:
            // its one reading, the transliteration, is how such a name is written.
            let transliterated = v.kind() == ViolationKind::Transliterated;
            prop_assert_eq!(v.is_disguised(), !v.readings().is_empty() && !transliterated, "{}", v);
            if v.kind() == ViolationKind::Term {
                let term = v.term().unwrap_or_default().to_lowercase();
                prop_assert_eq!(
                    v.is_disguised(),
                    v.matched().to_lowercase() != term,
                    "{} {:?}", v, v.readings()
                );
            }
        }
    }
}

proptest! {
    // Hostile strings run up to hundreds of kilobytes each.
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_input_panics(name in hostile_strings()) {
        let policy = Policy::marketplace();
        let report = policy.check(&name);
        let _ = policy.is_allowed(&name);
        let _ = policy.normalize(&name);
        let _ = policy.check_bytes(name.as_bytes());
        prop_assert!(report.violations().iter().all(|v| v.span().end <= name.len()));
    }
}

fn assert_term_denied(name: &str, term: &str) -> Result<(), TestCaseError> {
    let policy = Policy::marketplace();
    let report = policy.check(name);
    prop_assert_eq!(report.verdict(), Verdict::Deny, "{}", report);
    prop_assert!(
        report
            .violations()
            .iter()
            .any(|v| v.kind() == ViolationKind::Term
                && v.severity() == Severity::Deny
                && v.term() == Some(term)),
        "{}",
        report
    );
    prop_assert!(!policy.is_allowed(name));
    Ok(())
}

#[test]
fn the_downstream_helper_passes_on_the_preset_and_on_a_custom_policy() {
    check_evasions_denied(&Policy::marketplace(), 200).unwrap();
    let custom = Policy::from_toml_str(
        "version = 1\nleet = false\n[[terms]]\ntext = \"Contoso\"\n[[terms]]\ntext = \"admin\"\nscope = \"word\"\n[[terms]]\ntext = \"support\"\nscope = \"exact\"\n",
    )
    .unwrap();
    check_evasions_denied(&custom, 200).unwrap();
}

#[test]
fn the_downstream_helper_fails_when_a_disguise_gets_through() {
    // An exception that covers the term hides the disguises that read as it (not those
    // whose reading the exception does not cover, which are most): the helper must say so
    // and name the term, with the smallest disguise that got through. With 50 cases, about
    // one run in fifty drew none that got through; with 1,000 none ever should.
    let blind = Policy::builder()
        .deny("Contoso")
        .exception("Contoso")
        .build()
        .unwrap();
    let err = check_evasions_denied(&blind, 1000).unwrap_err();
    assert!(err.contains("term \"Contoso\""), "{err}");
    assert!(err.contains("got through"), "{err}");
}

/// A small registry: names of several shapes, most popular first.
fn registry() -> Policy {
    Policy::builder()
        .protect([
            "requests",
            "babel-loader",
            "cross-env",
            "@angular/cli",
            "lodash",
            "beautifulsoup4",
            "django-rest-framework",
            "typescript",
        ])
        .build()
        .unwrap()
}

/// A protected name of `registry` with one slip that real typo-squats make: a letter left
/// out or doubled (not the first), two neighbours swapped, or a case or separator change.
fn slipped() -> impl Strategy<Value = (String, &'static str)> {
    let names: &[&'static str] = &[
        "requests",
        "babel-loader",
        "cross-env",
        "lodash",
        "typescript",
    ];
    (prop::sample::select(names.to_vec()), 1usize..64, 0u8..4).prop_map(|(name, at, how)| {
        let chars: Vec<char> = name.chars().collect();
        let letters: Vec<usize> = (1..chars.len())
            .filter(|&i| chars[i].is_ascii_alphanumeric())
            .collect();
        let i = letters[at % letters.len()];
        let mut out = chars.clone();
        match how {
            0 => {
                out.remove(i);
            }
            1 => out.insert(i, chars[i]),
            2 if i + 1 < chars.len()
                && chars[i + 1].is_ascii_alphanumeric()
                && chars[i] != chars[i + 1] =>
            {
                out.swap(i, i + 1);
            }
            _ => out = name.to_uppercase().replace('-', "_").chars().collect(),
        }
        (out.into_iter().collect(), name)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_slip_of_a_protected_name_is_flagged_against_it((name, target) in slipped()) {
        let policy = registry();
        let report = policy.check(&name);
        prop_assume!(name != target);
        prop_assert!(
            report.violations().iter().any(|v| v.term() == Some(target)),
            "{}", report
        );
        prop_assert!(!policy.is_allowed(&name));
    }

    #[test]
    fn check_and_is_allowed_agree_with_protected_names(
        name in prop_oneof![slipped().prop_map(|(n, _)| n), innocent_names(), hostile_strings()]
    ) {
        let policy = registry();
        let report = policy.check(&name);
        prop_assert_eq!(policy.is_allowed(&name), report.is_allowed(), "{}", report);
        for v in report.violations() {
            prop_assert_eq!(&name[v.span()], v.matched());
        }
    }
}

#[test]
fn a_protected_name_is_never_flagged_against_itself() {
    let policy = registry();
    for name in policy.protected_names() {
        assert!(
            policy
                .check(name)
                .violations()
                .iter()
                .all(|v| v.term() != Some(name)),
            "{}",
            policy.check(name)
        );
    }
}
