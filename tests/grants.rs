//! Grants: exemptions scoped to an identity, lifting exactly the rules they list for the
//! check made on that identity's behalf.

use name_policy::{ErrorKind, Grant, Grants, Policy, Term, Verdict};

#[test]
fn a_grant_lifts_exactly_its_rules_for_that_call() {
    let policy = Policy::marketplace();
    let verified = policy.grants(["verified-microsoft"]).unwrap();
    for name in [
        "Microsoft Azure Labs",
        "Micr0soft",
        "Mircosoft Tools",
        "Azure Fans",
    ] {
        assert_ne!(policy.check(name).verdict(), Verdict::Allow, "{name}");
        let granted = policy.check_granted(name, &verified);
        assert_eq!(granted.verdict(), Verdict::Allow, "{name}: {granted}");
        assert!(policy.is_allowed_granted(name, &verified));
        // The same policy, without the grant, in the same process: unchanged.
        assert!(!policy.is_allowed(name));
        assert!(!policy.is_allowed_granted(name, &Grants::none()));
    }
    // Structural rules are not lifted: the verdict is that of the rest.
    let report = policy.check_granted("Microsoft  Labs", &verified);
    assert_eq!(report.verdict(), Verdict::Review, "{report}");
    assert!(report
        .violations()
        .iter()
        .all(|v| v.rule() == "structure.whitespace"));
}

#[test]
fn an_unknown_grant_is_an_error_never_ignored() {
    let policy = Policy::marketplace();
    let err = policy
        .grants(["verified-microsoft", "verified-google"])
        .unwrap_err();
    assert_eq!(err.id(), "verified-google");
    assert_eq!(
        err.to_string(),
        r#"unknown grant "verified-google": the policy names verified-microsoft"#
    );
    let bare = Policy::builder()
        .term(Term::deny("Contoso"))
        .build()
        .unwrap();
    assert_eq!(
        bare.grants(["x"]).unwrap_err().to_string(),
        r#"unknown grant "x": the policy names no grants"#
    );
    assert!(bare.grants(Vec::<String>::new()).unwrap().is_empty());
}

#[test]
fn a_grant_must_name_rules_of_the_policy() {
    let err = Policy::builder()
        .term(Term::deny("Contoso").with_id("trademark.contoso"))
        .grant(Grant::new(
            "contoso-ltd",
            ["trademark.contoso", "trademark.fabrikam"],
        ))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownGrantRule);
    assert!(err.to_string().contains(r#""trademark.fabrikam""#), "{err}");
    let err = Policy::builder()
        .grant(Grant::new("a", ["structure.length"]))
        .grant(Grant::new("a", ["structure.whitespace"]))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateGrantId);
    // A structural rule may be granted.
    let policy = Policy::builder()
        .grant(Grant::new("short-names", ["structure.length"]))
        .build()
        .unwrap();
    let short = policy.grants(["short-names"]).unwrap();
    assert_eq!(policy.check("X").verdict(), Verdict::Deny);
    assert_eq!(policy.check_granted("X", &short).verdict(), Verdict::Allow);
}

#[test]
fn grants_in_a_policy_file() {
    let text = r#"version = 1
extends = "marketplace"

[[terms]]
text = "Contoso"
id = "trademark.contoso"

[[grants]]
id = "contoso-ltd"
rules = ["trademark.contoso"]
reason = "Contoso Ltd's verified accounts"
"#;
    let policy = Policy::from_toml_str(text).unwrap();
    let contoso = policy.grants(["contoso-ltd"]).unwrap();
    assert_eq!(
        policy.check_granted("Contoso Labs", &contoso).verdict(),
        Verdict::Allow
    );
    assert_eq!(
        policy.check_granted("Contoso Azure", &contoso).verdict(),
        Verdict::Deny
    );
    let both = policy
        .grants(["contoso-ltd", "verified-microsoft"])
        .unwrap();
    assert_eq!(
        policy.check_granted("Contoso Azure", &both).verdict(),
        Verdict::Allow
    );
    assert_eq!(policy.grant_list().len(), 2);
    assert_eq!(
        policy.grant_list()[1].reason(),
        Some("Contoso Ltd's verified accounts")
    );
    // An unknown rule is reported at its place in the list.
    let bad = text.replace(
        r#"rules = ["trademark.contoso"]"#,
        r#"rules = ["trademark.contoso", "trademark.fabrikam"]"#,
    );
    let err = Policy::from_toml_str(&bad).unwrap_err();
    assert_eq!(err.location(), Some((10, 31)), "{err}");
    assert!(
        err.to_string()
            .starts_with(r#"10:31: grant "contoso-ltd" lifts "trademark.fabrikam""#),
        "{err}"
    );
    // A duplicate grant id at its id.
    let dup = format!("{text}\n[[grants]]\nid = \"contoso-ltd\"\nrules = []\n");
    let err = Policy::from_toml_str(&dup).unwrap_err();
    assert_eq!(err.location(), Some((14, 6)), "{err}");
}

/// Granted checks agree with filtering the full report, name by name.
#[test]
fn is_allowed_granted_agrees_with_check_granted() {
    let policy = Policy::marketplace();
    let verified = policy.grants(["verified-microsoft"]).unwrap();
    let names = [
        "Contoso Labs",
        "Microsoft",
        "Azure\u{200B}",
        "Micro Soft  Labs",
        "X",
        "Mircosoft",
        "\u{30DE}\u{30A4}\u{30AF}\u{30ED}\u{30BD}\u{30D5}\u{30C8}",
        "Аzure",
        "",
    ];
    for name in names {
        let report = policy.check_granted(name, &verified);
        assert_eq!(
            policy.is_allowed_granted(name, &verified),
            report.is_allowed(),
            "{name:?}"
        );
        assert!(report
            .violations()
            .iter()
            .all(|v| !verified.lifts(v.rule())));
    }
}
