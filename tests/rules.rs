//! Table-driven tests for every rule kind and scope of the rule engine.

use name_policy::{
    Category, ErrorKind, Level, MatchScope, Policy, RegexRule, RegexTarget, Severity, Structure,
    Term, Verdict, ViolationKind,
};

/// Asserts the verdict, and that `is_allowed` agrees with it.
fn verdict(policy: &Policy, name: &str) -> Verdict {
    let report = policy.check(name);
    assert_eq!(
        policy.is_allowed(name),
        report.is_allowed(),
        "is_allowed disagrees on {name:?}"
    );
    report.verdict()
}

#[test]
fn match_scopes() {
    let cases: &[(MatchScope, &str, &str, Verdict)] = &[
        (MatchScope::Substring, "contoso", "Contoso", Verdict::Deny),
        (
            MatchScope::Substring,
            "contoso",
            "MyContosoApp",
            Verdict::Deny,
        ),
        (
            MatchScope::Substring,
            "contoso",
            "mycontosoapp",
            Verdict::Deny,
        ),
        (MatchScope::Substring, "contoso", "Con-to-so", Verdict::Deny),
        (
            MatchScope::Substring,
            "contoso",
            "Cont Osolab",
            Verdict::Deny,
        ),
        (MatchScope::Substring, "contoso", "Fabrikam", Verdict::Allow),
        (MatchScope::Word, "ms", "MS Partners", Verdict::Deny),
        (MatchScope::Word, "ms", "Partners of MS", Verdict::Deny),
        (MatchScope::Word, "ms", "ContosoMS", Verdict::Deny),
        (MatchScope::Word, "ms", "M.S. Partners", Verdict::Deny), // a dotted acronym
        (MatchScope::Word, "ms", "Adams Family", Verdict::Allow),
        (MatchScope::Word, "ms", "msft", Verdict::Allow),
        (MatchScope::Word, "ms", "Items", Verdict::Allow),
        (MatchScope::Word, "admin", "Admin", Verdict::Deny),
        (MatchScope::Word, "admin", "Badminton", Verdict::Allow),
        (MatchScope::Word, "admin", "The ADMIN team", Verdict::Deny),
        (
            MatchScope::Prefix,
            "official",
            "Official Store",
            Verdict::Deny,
        ),
        (
            MatchScope::Prefix,
            "official",
            "OfficialStore",
            Verdict::Deny,
        ),
        (
            MatchScope::Prefix,
            "official",
            "The Official Store",
            Verdict::Allow,
        ),
        (MatchScope::Exact, "support", "Support", Verdict::Deny),
        (MatchScope::Exact, "support", "S U P P O R T", Verdict::Deny),
        (MatchScope::Exact, "support", "Support Team", Verdict::Allow),
        (MatchScope::Exact, "support", "Tech Support", Verdict::Allow),
    ];
    for &(scope, term, name, want) in cases {
        let policy = Policy::builder()
            .term(Term::deny(term).with_scope(scope))
            .build()
            .unwrap();
        assert_eq!(
            verdict(&policy, name),
            want,
            "{scope:?} {term:?} on {name:?}"
        );
    }
}

#[test]
fn severity_and_category_reach_the_report() {
    let policy = Policy::builder()
        .term(
            Term::review("support")
                .with_category(Category::Reserved)
                .with_reason("reserved word"),
        )
        .term(Term::deny("official").with_category(Category::Impersonation))
        .term(Term::deny("darn").with_category(Category::Profanity))
        .build()
        .unwrap();
    let r = policy.check("Support");
    assert_eq!(r.verdict(), Verdict::Review);
    assert_eq!(r.violations()[0].category(), Category::Reserved);
    assert_eq!(r.violations()[0].rule(), "reserved.support");
    let r = policy.check("Official Support");
    assert_eq!(r.verdict(), Verdict::Deny);
    assert_eq!(r.violations()[0].rule(), "impersonation.official");
    assert_eq!(r.violations()[1].rule(), "reserved.support");
    assert_eq!(
        policy.check("darn it").violations()[0].category(),
        Category::Profanity
    );
}

#[test]
fn exceptions_suppress_the_matches_they_cover_and_nothing_else() {
    let policy = Policy::builder()
        .term(
            Term::deny("Windows")
                .with_category(Category::Trademark)
                .except("Windows and Doors"),
        )
        .term(Term::deny("Office"))
        .exception("Box Office")
        .build()
        .unwrap();
    let cases: &[(&str, Verdict)] = &[
        ("Windows", Verdict::Deny),
        ("Windows and Doors", Verdict::Allow),
        ("WINDOWS & DOORS", Verdict::Deny), // "&" is not "and": different words
        ("Windows-and-Doors Ltd", Verdict::Allow),
        // An exception elsewhere in the name does not hide a real match.
        ("Windows and Doors by Windows Inc", Verdict::Deny),
        ("Windows Store, Windows and Doors", Verdict::Deny),
        ("Office", Verdict::Deny),
        ("Box Office Tickets", Verdict::Allow),
        // A policy-wide exception covers every term it contains; a term exception only
        // its own term.
        ("Box Office Windows", Verdict::Deny),
        ("Office Windows and Doors", Verdict::Deny),
    ];
    for &(name, want) in cases {
        assert_eq!(
            verdict(&policy, name),
            want,
            "{name:?}: {}",
            policy.check(name)
        );
    }
    let r = policy.check("Windows and Doors by Windows Inc");
    assert_eq!(r.violations().len(), 1);
    assert_eq!(r.violations()[0].span(), 21..28);
}

#[test]
fn exceptions_are_normalized_like_terms() {
    let policy = Policy::builder()
        .term(
            Term::deny("ms")
                .with_scope(MatchScope::Word)
                .except("ＭＳ Ｄｈｏｎｉ"),
        )
        .build()
        .unwrap();
    assert_eq!(verdict(&policy, "MS Dhoni Fans"), Verdict::Allow);
    assert_eq!(verdict(&policy, "MS Partners"), Verdict::Deny);
}

#[test]
fn typo_squats_are_their_own_kind_of_violation() {
    let policy = Policy::marketplace();
    let cases: &[(&str, &str, &str)] = &[
        ("Mircosoft", "Mircosoft", "transposition"),
        ("Microsft Tools", "Microsft", "deletion"),
        ("Micxrosoft", "Micxrosoft", "insertion"),
        ("Micrisoft", "Micrisoft", "substitution"),
        ("Azrue Cloud", "Azrue", "transposition"),
        ("Best Micro Sotf", "Micro Sotf", "split over two words"),
        ("Mi Cro Sotf", "Mi Cro Sotf", "split over three words"),
        ("ContosoMircosoftApp", "Mircosoft", "camelCase word"),
    ];
    for &(name, matched, what) in cases {
        let r = policy.check(name);
        assert_eq!(r.verdict(), Verdict::Review, "{what}: {r}");
        let v = &r.violations()[0];
        assert_eq!(v.kind(), ViolationKind::TypoSquat, "{what}: {r}");
        assert_eq!(v.matched(), matched, "{what}");
        assert!(
            v.message().starts_with("looks like a misspelling of "),
            "{}",
            v.message()
        );
        assert!(!policy.is_allowed(name));
    }
    assert_eq!(
        policy.check("Mircosoft").violations()[0].message(),
        r#"looks like a misspelling of Microsoft ("cr" swapped)"#
    );
}

/// A typo-squat names its one edit from the term, in the term's letters: two letters
/// swapped, one missing, one added, one written for another, a doubled one written once.
#[test]
fn typo_squats_name_their_edit() {
    let policy = Policy::builder()
        .term(Term::deny("Microsoft"))
        .term(Term::deny("Google"))
        .term(Term::deny("Azure"))
        .build()
        .unwrap();
    let cases = [
        ("Mircosoft", r#""cr" swapped"#),
        ("Microsfot", r#""of" swapped"#),
        ("Micrsoft", r#""o" missing"#),
        ("Microsof Labs", r#""t" missing"#),
        ("Microsgoft", r#""g" added"#),
        ("Microzoft", r#""z" for "s""#),
        ("Micrasoft Labs", r#""a" for "o""#),
        ("Gogle", r#""o" not doubled"#),
        ("Gooogel", r#""le" swapped"#),
        // A letter two words share is one letter, written once.
        ("Azuro-org", r#""o" for "e""#),
        ("Azzuro Labs", r#""o" for "e""#),
    ];
    for (name, edit) in cases.iter().map(|(n, e)| (n.to_string(), *e)) {
        let report = policy.check(&name);
        let v = report
            .violations()
            .iter()
            .find(|v| v.kind() == ViolationKind::TypoSquat)
            .unwrap_or_else(|| panic!("{name}: {report}"));
        assert_eq!(
            v.edit().map(ToString::to_string).as_deref(),
            Some(edit),
            "{name}"
        );
        assert!(
            v.message().ends_with(&format!("({edit})")),
            "{}",
            v.message()
        );
    }
    // A term hit names no edit.
    assert!(policy.check("Microsoft").violations()[0].edit().is_none());
}

#[test]
fn typo_squats_judge_words_not_substrings() {
    let policy = Policy::marketplace();
    for name in [
        "Unmeasured Risk Advisors", // holds "asure"
        "Treasure Hunt",
        "Azores Travel", // two edits
        "Allure Beauty", // one edit only after collapsing "ll"
        "Assure Insurance",
        "Azur Events", // an exception of the preset
        "Micro Four Thirds",
    ] {
        assert_eq!(
            verdict(&policy, name),
            Verdict::Allow,
            "{}",
            policy.check(name)
        );
    }
}

#[test]
fn typo_squats_need_five_letters_and_can_be_configured() {
    let short = Policy::builder().deny("Bing").build().unwrap();
    assert_eq!(verdict(&short, "Bimg"), Verdict::Allow);
    let off = Policy::builder()
        .deny("Contoso")
        .typo_squats(Level::Off)
        .build()
        .unwrap();
    assert_eq!(verdict(&off, "Cotnoso"), Verdict::Allow);
    let deny = Policy::builder()
        .deny("Contoso")
        .typo_squats(Level::Deny)
        .build()
        .unwrap();
    assert_eq!(verdict(&deny, "Cotnoso"), Verdict::Deny);
    let review = Policy::builder().deny("Contoso").build().unwrap();
    assert_eq!(verdict(&review, "Cotnoso"), Verdict::Review);
    // A real match is not also reported as a misspelling.
    assert_eq!(review.check("Contosos").violations().len(), 1);
}

#[test]
fn typo_squats_scale_to_many_terms() {
    // Terms "brandaaa" .. "brandczz" (letters only: digits would be read as leetspeak).
    let letters = |i: usize| -> String {
        [i / 676, i / 26 % 26, i % 26]
            .iter()
            .map(|&d| char::from(b'a' + d as u8))
            .collect()
    };
    let terms: Vec<Term> = (0..2000)
        .map(|i| Term::deny(format!("brand{}", letters(i))))
        .collect();
    let policy = Policy::builder().terms(terms).build().unwrap();
    assert_eq!(verdict(&policy, "bradnbxy"), Verdict::Review);
    assert_eq!(verdict(&policy, "brandbxy"), Verdict::Deny);
    assert_eq!(verdict(&policy, "Contoso"), Verdict::Allow);
}

#[test]
fn regex_rules_on_the_original_and_the_skeleton() {
    let policy = Policy::builder()
        .regex(
            RegexRule::review("custom.digits", r"\d{6,}").with_reason("looks like a phone number"),
        )
        .regex(
            RegexRule::deny("impersonation.store", "store$")
                .with_target(RegexTarget::Skeleton)
                .with_category(Category::Impersonation),
        )
        .build()
        .unwrap();
    let r = policy.check("Call 5551234");
    assert_eq!(r.verdict(), Verdict::Review);
    assert_eq!(r.violations()[0].kind(), ViolationKind::Regex);
    assert_eq!(r.violations()[0].span(), 5..12);
    assert_eq!(
        r.violations()[0].message(),
        "matches rule custom.digits: looks like a phone number"
    );
    // On the skeleton: disguises are resolved, and the span maps back.
    let r = policy.check("Contoso S-T-O-R-E");
    assert_eq!(r.verdict(), Verdict::Deny);
    assert_eq!(r.violations()[0].matched(), "S-T-O-R-E");
    assert_eq!(r.violations()[0].category(), Category::Impersonation);
    assert_eq!(verdict(&policy, "Storefront Agency"), Verdict::Allow);
    assert_eq!(verdict(&policy, "Call 555"), Verdict::Allow);
}

#[test]
fn bad_regex_is_a_build_error_naming_the_rule() {
    let err = Policy::builder()
        .regex(RegexRule::deny("custom.broken", "(unclosed"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRegex);
    assert!(err.to_string().contains("custom.broken"), "{err}");
    // Too big for the size limit: an untrusted policy cannot exhaust memory.
    let err = Policy::builder()
        .regex(RegexRule::deny("custom.huge", r"\w{1000}{1000}"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRegex);
    assert!(err.to_string().contains("custom.huge"), "{err}");
    let err = Policy::builder()
        .deny("x")
        .regex(RegexRule::deny("custom.x", "x").with_target(RegexTarget::Skeleton))
        .term(Term::deny("y").with_id("custom.x"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateRuleId);
}

#[test]
fn structural_rules() {
    let policy = Policy::builder()
        .structure(Structure::recommended())
        .build()
        .unwrap();
    // (name, rule, severity, matched)
    let cases: &[(&str, &str, Severity, &str)] = &[
        ("A", "structure.length", Severity::Deny, "A"),
        (
            "A\u{200B}\u{200B}",
            "structure.length",
            Severity::Deny,
            "A\u{200B}\u{200B}",
        ),
        (
            "Contoso\u{0007}",
            "structure.forbidden-character",
            Severity::Deny,
            "\u{0007}",
        ),
        (
            "Con\u{202E}toso",
            "structure.forbidden-character",
            Severity::Deny,
            "\u{202E}",
        ),
        (
            "Contoso\u{E0041}",
            "structure.forbidden-character",
            Severity::Deny,
            "\u{E0041}",
        ),
        (
            "Contoso\u{E000}",
            "structure.forbidden-character",
            Severity::Deny,
            "\u{E000}",
        ),
        (
            "Contoso\u{FFFF}",
            "structure.forbidden-character",
            Severity::Deny,
            "\u{FFFF}",
        ),
        (
            "Contoso\u{0378}",
            "structure.forbidden-character",
            Severity::Deny,
            "\u{0378}",
        ),
        (
            "Contoso\u{2028}Labs",
            "structure.forbidden-character",
            Severity::Deny,
            "\u{2028}",
        ),
        (" Contoso", "structure.whitespace", Severity::Review, " "),
        ("Contoso ", "structure.whitespace", Severity::Review, " "),
        (
            "Contoso \t Labs",
            "structure.forbidden-character",
            Severity::Deny,
            "\t",
        ),
        (
            "Contoso   Labs",
            "structure.whitespace",
            Severity::Review,
            "   ",
        ),
        ("12345", "structure.no-letter", Severity::Deny, "12345"),
        (
            "Con\u{200B}toso",
            "structure.invisible-character",
            Severity::Review,
            "\u{200B}",
        ),
        (
            "Contoso Аpps",
            "structure.mixed-scripts",
            Severity::Review,
            "Аpps",
        ),
    ];
    for &(name, rule, severity, matched) in cases {
        let r = policy.check(name);
        let v = r
            .violations()
            .iter()
            .find(|v| v.rule() == rule)
            .unwrap_or_else(|| panic!("{name:?}: no {rule}: {r}"));
        assert_eq!(v.severity(), severity, "{name:?}");
        assert_eq!(v.matched(), matched, "{name:?}");
        assert_eq!(v.category(), Category::Structure);
        assert!(!policy.is_allowed(name), "{name:?}");
    }
    let r = policy.check("Con\u{202E}toso");
    assert!(
        r.violations()[0].message().contains("U+202E"),
        "{}",
        r.violations()[0].message()
    );
    assert_eq!(r.violations()[0].span(), 3..6);
    let long = "x".repeat(129);
    assert_eq!(
        policy.check(&long).violations()[0].rule(),
        "structure.length"
    );
}

#[test]
fn structural_rules_leave_ordinary_names_alone() {
    let policy = Policy::builder()
        .structure(Structure::recommended())
        .build()
        .unwrap();
    for name in [
        "Contoso Labs",
        "株式会社山田電気",
        "ООО Ромашка",
        "Ελληνική Εταιρεία",
        "Sony株式会社",
        "کافه‌کتاب", // Persian with a zero-width non-joiner between letters
        "नमस्‍ते",     // Devanagari with a zero-width joiner
        "Coffee ☕\u{FE0F}",
        "שלום\u{200F} Ltd",
        "Café Zoë",
        "O'Reilly & Sons",
    ] {
        assert_eq!(
            verdict(&policy, name),
            Verdict::Allow,
            "{}",
            policy.check(name)
        );
    }
}

#[test]
fn structure_is_configurable() {
    let policy = Policy::builder()
        .structure(
            Structure::none()
                .length(3, 10)
                .require_letter(Level::Review),
        )
        .build()
        .unwrap();
    assert_eq!(verdict(&policy, "ab"), Verdict::Deny);
    assert_eq!(verdict(&policy, "abcdefghijk"), Verdict::Deny);
    assert_eq!(verdict(&policy, "123"), Verdict::Review);
    assert_eq!(verdict(&policy, "ab\u{202E}c"), Verdict::Allow); // forbidden-character rule off
    let err = Policy::builder()
        .structure(Structure::none().length(5, 2))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidLimit);
}

#[test]
fn violations_are_sorted_by_span() {
    let policy = Policy::builder()
        .deny("fabrikam")
        .deny("contoso")
        .structure(Structure::recommended())
        .build()
        .unwrap();
    let r = policy.check("Contoso and Fabrikam ");
    let starts: Vec<usize> = r.violations().iter().map(|v| v.span().start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert_eq!(r.violations().len(), 3);
}
