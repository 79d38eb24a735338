//! The public API: builder, preset, reports, errors, thread safety.

use name_policy::{
    Category, ErrorKind, MatchScope, Policy, Report, Severity, Term, Verdict, Violation,
    ViolationKind,
};

fn assert_send_sync_clone<
    T: Send + Sync + Clone + std::panic::UnwindSafe + std::panic::RefUnwindSafe,
>() {
}

#[test]
fn public_types_are_thread_safe() {
    assert_send_sync_clone::<Policy>();
    assert_send_sync_clone::<Report>();
    assert_send_sync_clone::<Violation>();
    assert_send_sync_clone::<name_policy::Error>();
    assert_send_sync_clone::<name_policy::Skeleton>();
    assert_send_sync_clone::<name_policy::PolicyBuilder>();
}

#[test]
fn one_policy_serves_many_threads() {
    let policy = Policy::marketplace();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let policy = policy.clone();
            std::thread::spawn(move || {
                let name = format!("Team {i} Azure");
                (
                    policy.is_allowed(&name),
                    policy.check(&format!("Team {i}")).verdict(),
                )
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), (false, Verdict::Allow));
    }
}

/// The parallel batch API gives what the one-thread one gives, in order, whatever the
/// number of threads, and over more names than one thread takes at a time.
#[cfg(feature = "rayon")]
#[test]
fn parallel_batches_agree_with_one_thread() {
    let policy = Policy::marketplace();
    let text = include_str!("../benches/data/ascii.txt");
    let mut names: Vec<String> = text.lines().map(str::to_owned).collect();
    names.extend(["Аzure Tools", "Micro-Soft Partners", "", "Mircosoft"].map(String::from));
    assert!(names.len() > 3 * 1024, "several chunks");
    let allowed = policy.is_allowed_all(&names);
    let reports = policy.check_all(&names);
    assert!(allowed.contains(&true) && allowed.contains(&false));
    for threads in [1, 2, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            assert_eq!(
                policy.par_is_allowed_all(&names),
                allowed,
                "{threads} threads"
            );
            assert_eq!(policy.par_check_all(&names), reports, "{threads} threads");
            assert!(policy.par_is_allowed_all::<&str>(&[]).is_empty());
        });
    }
    // From outside any pool too.
    assert_eq!(policy.par_is_allowed_all(&names), allowed);
}

#[test]
fn marketplace_denies_azure_with_original_span() {
    let report = Policy::marketplace().check("Contoso Azure Labs");
    assert_eq!(report.verdict(), Verdict::Deny);
    assert_eq!(report.name(), "Contoso Azure Labs");
    let [v] = report.violations() else {
        panic!("expected one violation: {report:?}")
    };
    assert_eq!(v.span(), 8..13);
    assert_eq!(v.matched(), "Azure");
    assert_eq!(v.rule(), "trademark.azure");
    assert_eq!(v.term(), Some("Azure"));
    assert_eq!(v.category(), Category::Trademark);
    assert_eq!(v.severity(), Severity::Deny);
    assert_eq!(v.kind(), ViolationKind::Term);
    assert!(v.message().contains("Azure"), "{}", v.message());
}

#[test]
fn marketplace_examples_from_the_guideline() {
    let p = Policy::marketplace();
    for (name, verdict) in [
        ("Contoso Labs", Verdict::Allow),
        ("Micro-Soft Partners", Verdict::Deny),
        ("A z u r e", Verdict::Deny),
        ("Microsoft", Verdict::Deny),
        ("azure", Verdict::Deny),
        ("Azores Travel", Verdict::Allow),
        ("Micromax", Verdict::Allow),
        ("株式会社山田", Verdict::Allow),
    ] {
        assert_eq!(p.check(name).verdict(), verdict, "{name}");
        assert_eq!(p.is_allowed(name), verdict == Verdict::Allow, "{name}");
    }
}

#[test]
fn span_of_a_separated_match_covers_the_separators() {
    let report = Policy::marketplace().check("Best Micro-Soft Partners");
    assert_eq!(report.violations()[0].span(), 5..15);
    assert_eq!(report.violations()[0].matched(), "Micro-Soft");
}

#[test]
fn most_severe_violation_wins() {
    let p = Policy::builder()
        .review("contoso")
        .deny("fabrikam")
        .build()
        .unwrap();
    assert_eq!(p.check("Contoso").verdict(), Verdict::Review);
    assert_eq!(p.check("Fabrikam Contoso").verdict(), Verdict::Deny);
    let r = p.check("Fabrikam Contoso");
    // sorted by span
    assert_eq!(r.violations()[0].matched(), "Fabrikam");
    assert_eq!(r.violations()[1].matched(), "Contoso");
    assert!(!p.is_allowed("Contoso"));
}

#[test]
fn term_builder_sets_every_field() {
    let p = Policy::builder()
        .term(
            Term::review("admin")
                .with_scope(MatchScope::Word)
                .with_category(Category::Reserved)
                .with_reason("reserved for the platform")
                .with_id("reserved.admin"),
        )
        .build()
        .unwrap();
    let r = p.check("Admin Team");
    let v = &r.violations()[0];
    assert_eq!(v.rule(), "reserved.admin");
    assert_eq!(v.category(), Category::Reserved);
    assert_eq!(v.severity(), Severity::Review);
    assert_eq!(v.message(), "contains \"admin\": reserved for the platform");
    assert_eq!(p.check("Badminton").verdict(), Verdict::Allow);
}

#[test]
fn build_errors_name_what_to_fix() {
    let err = Policy::builder().deny("  ").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EmptyTerm);
    assert!(err.to_string().contains("empty"), "{err}");
    // Terms are numbered from 1, as added.
    let err = Policy::builder()
        .deny("Contoso")
        .deny(" ")
        .build()
        .unwrap_err();
    assert!(err.to_string().starts_with("term 2 is empty"), "{err}");

    let err = Policy::builder().deny("--\u{200B}--").build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TermNormalizesToNothing);
    assert!(err.to_string().contains("no letters or digits"), "{err}");

    let err = Policy::builder()
        .term(Term::deny("a").with_id("x"))
        .term(Term::deny("b").with_id("x"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateRuleId);
    assert!(err.to_string().contains("\"x\""), "{err}");

    let err = Policy::builder()
        .term(Term::deny("a").with_id("has space"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRuleId);

    let err = Policy::builder()
        .deny("ab".repeat(200))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TermTooLong);

    let err = Policy::builder()
        .deny("a")
        .exception("- -")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EmptyException);
}

#[test]
fn default_rule_ids_are_derived_from_category_and_term() {
    let p = Policy::builder()
        .term(Term::deny("Visual Studio").with_category(Category::Trademark))
        .term(Term::deny("Ромашка"))
        .build()
        .unwrap();
    assert_eq!(
        p.check("Visual Studio Fans").violations()[0].rule(),
        "trademark.visual-studio"
    );
    assert_eq!(
        p.check("Ромашка").violations()[0].rule(),
        "custom.u420-43e-43c-430-448-43a-430"
    );
}

/// A Latin term with diacritics, compatibility or case forms gets a readable id: its
/// letters without them.
#[test]
fn default_ids_of_latin_terms_with_diacritics_are_readable() {
    let terms = [
        ("Ünïcödé", "custom.unicode"),
        ("Unic\u{30C}ode", "custom.unicode"),
        ("Straße", "custom.strasse"),
        ("Ｃｏｎｔｏｓｏ Café", "custom.contoso-cafe"),
        ("Crème Brûlée", "custom.creme-brulee"),
    ];
    for (text, id) in terms {
        let p = Policy::builder().term(Term::deny(text)).build().unwrap();
        assert_eq!(p.check(text).violations()[0].rule(), id, "{text}");
    }
}

#[test]
fn a_policy_without_rules_allows_everything() {
    let p = Policy::builder()
        .structure(name_policy::Structure::none())
        .build()
        .unwrap();
    assert!(p.is_allowed("Microsoft"));
    assert!(p.check("").is_allowed());
    assert!(p.check("\0").is_allowed());
}

/// A builder starts from the recommended structural rules: a policy of one term does
/// not let the empty name or a NUL through.
#[test]
fn a_builder_starts_from_the_recommended_structural_rules() {
    let p = Policy::builder().deny("Contoso").build().unwrap();
    assert_eq!(p.structure(), &name_policy::Structure::recommended());
    for name in ["", "\0", "x", "12345", "Fabrikam\u{202E}"] {
        assert_eq!(p.check(name).verdict(), Verdict::Deny, "{name:?}");
    }
    assert!(p.is_allowed("Fabrikam Labs"));
    let file = Policy::from_toml_str("version = 1\n[[terms]]\ntext = \"Contoso\"\n").unwrap();
    assert_eq!(file.structure(), p.structure());
}

#[test]
fn empty_and_odd_names_get_a_verdict() {
    let p = Policy::marketplace();
    for name in ["", " ", "\0", "\u{200B}", "🙂", &"a".repeat(100_000)] {
        assert_eq!(p.is_allowed(name), p.check(name).is_allowed(), "{name:?}");
    }
}

#[test]
fn report_display_is_one_line() {
    let r = Policy::marketplace().check("Contoso Azure Labs");
    let line = r.to_string();
    assert!(!line.contains('\n'));
    assert!(line.starts_with("deny"), "{line}");
    assert!(line.contains("8..13"), "{line}");
}

#[test]
fn reports_serialize_to_the_json_lines_shape() {
    let r = Policy::marketplace().check("Contoso Azure Labs");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["verdict"], "deny");
    assert_eq!(json["name"], "Contoso Azure Labs");
    let v = &json["violations"][0];
    assert_eq!(v["span"], serde_json::json!([8, 13]));
    for key in ["rule", "category", "severity", "term", "matched", "message"] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    let back: Report = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
}

/// An alias is read like its term, in any disguise, and reported as the term; typo-squats
/// are of the term alone.
#[test]
fn aliases_count_as_their_term() {
    let policy = Policy::builder()
        .term(
            Term::deny("Contoso")
                .alias("コントソ")
                .with_aliases(["Контосо"])
                .with_id("trademark.contoso"),
        )
        .build()
        .unwrap();
    for name in [
        "コントソ株式会社",
        "ｺﾝﾄｿ Labs",
        "ООО Контосо",
        "OOO Кoнтосо",
    ] {
        let report = policy.check(name);
        assert_eq!(report.verdict(), Verdict::Deny, "{name:?}");
        assert_eq!(
            report.violations()[0].rule(),
            "trademark.contoso",
            "{name:?}"
        );
        assert_eq!(report.violations()[0].term(), Some("Contoso"), "{name:?}");
    }
    assert_eq!(policy.check("Cnotoso").verdict(), Verdict::Review);
    assert_eq!(policy.check("Кнотосо").verdict(), Verdict::Allow);
    let term = Term::deny("Contoso").alias("コントソ");
    assert_eq!(term.aliases(), ["コントソ"]);
}

/// Every vocabulary word parses to a value that prints as that word, the same word serde
/// writes; any other word is an error that lists the words.
#[test]
fn vocabulary_words_parse_print_and_serialize_alike() {
    use name_policy::{
        Category, Level, MatchScope, ParseError, ReadingKind, Severity, Verdict, ViolationKind,
    };
    use std::fmt::Display;
    use std::str::FromStr;

    fn check<T>(words: &[&str])
    where
        T: FromStr<Err = ParseError> + Display + serde::Serialize,
    {
        assert!(!words.is_empty());
        for &word in words {
            let value: T = word.parse().unwrap_or_else(|e| panic!("{word}: {e}"));
            assert_eq!(value.to_string(), word);
            assert_eq!(format!("{value:>20}"), format!("{word:>20}"));
            assert_eq!(
                serde_json::to_string(&value).unwrap(),
                format!("\"{word}\"")
            );
        }
        let err = "no-such-word".parse::<T>().err().expect("an unknown word");
        assert_eq!(err.value(), "no-such-word");
        assert_eq!(err.expected(), words);
        assert!(err.to_string().contains(&words.join(", ")), "{err}");
    }
    check::<Severity>(Severity::NAMES);
    check::<Level>(Level::NAMES);
    check::<Category>(Category::NAMES);
    check::<MatchScope>(MatchScope::NAMES);
    check::<Verdict>(Verdict::NAMES);
    check::<ViolationKind>(ViolationKind::NAMES);
    check::<ReadingKind>(ReadingKind::NAMES);
    for &word in Category::NAMES {
        assert_eq!(word.parse::<Category>().unwrap().as_str(), word);
    }
    assert_eq!(ViolationKind::NAMES.len(), 19);
    assert_eq!(ReadingKind::NAMES.len(), 11);
    assert_eq!(
        "Deny".parse::<Severity>().unwrap_err().to_string(),
        r#"unknown severity "Deny": expected one of review, deny"#
    );
}
