//! Hostile input: the input limit, raw bytes, and inputs that would be slow for a
//! careless engine (their linear cost is measured in `benches/hostile.rs`).

use name_policy::{Policy, Severity, Verdict, ViolationKind, DEFAULT_MAX_INPUT_BYTES};

#[test]
fn input_limit_denies_before_any_other_work() {
    let policy = Policy::marketplace();
    let huge = "Azure ".repeat(DEFAULT_MAX_INPUT_BYTES);
    let r = policy.check(&huge);
    assert_eq!(r.verdict(), Verdict::Deny);
    assert_eq!(r.violations().len(), 1);
    let v = &r.violations()[0];
    assert_eq!(v.kind(), ViolationKind::InputLimit);
    assert_eq!(v.rule(), "structure.input-limit");
    assert!(v.message().contains("input limit"), "{}", v.message());
    assert!(!policy.is_allowed(&huge));
    // Exactly at the limit, the name is checked as usual.
    let at_limit = "a".repeat(DEFAULT_MAX_INPUT_BYTES);
    assert_eq!(
        policy.check(&at_limit).violations()[0].rule(),
        "structure.length"
    );
}

#[test]
fn input_limit_is_configurable() {
    let small = Policy::builder()
        .deny("contoso")
        .structure(name_policy::Structure::none())
        .max_input_bytes(10)
        .build()
        .unwrap();
    assert_eq!(small.check("0123456789").verdict(), Verdict::Allow);
    assert_eq!(
        small.check("0123456789a").violations()[0].kind(),
        ViolationKind::InputLimit
    );
    let file = Policy::from_toml_str("version = 1\nmax_input_bytes = 4\n").unwrap();
    assert!(!file.is_allowed("abcde"));
    assert!(file.is_allowed("abcd"));
}

#[test]
fn check_bytes_reports_invalid_utf8_as_a_violation() {
    let policy = Policy::marketplace();
    let r = policy.check_bytes(b"Contoso \xff\xfe Labs");
    assert_eq!(r.verdict(), Verdict::Deny);
    let bad: Vec<_> = r
        .violations()
        .iter()
        .filter(|v| v.kind() == ViolationKind::InvalidUtf8)
        .collect();
    assert_eq!(bad.len(), 2);
    assert_eq!(bad[0].severity(), Severity::Deny);
    assert_eq!(&r.name()[bad[0].span()], "\u{FFFD}");
    // Valid bytes are simply checked.
    assert_eq!(
        policy.check_bytes(b"Contoso Labs"),
        policy.check("Contoso Labs")
    );
    // A term is still found around the invalid bytes.
    let r = policy.check_bytes(b"Azure\x80");
    assert!(r
        .violations()
        .iter()
        .any(|v| v.kind() == ViolationKind::Term));
}

/// A policy without limits, so that the whole pipeline runs on huge names.
fn unlimited() -> Policy {
    name_policy::PolicyBuilder::marketplace()
        .max_input_bytes(usize::MAX)
        .structure(name_policy::Structure::recommended().length(2, usize::MAX))
        .build()
        .unwrap()
}

#[test]
fn huge_hostile_names_get_a_verdict() {
    let policy = unlimited();
    let mega = format!("{}Labs", "Contoso ".repeat(1 << 17)); // 1 MiB
    assert!(
        policy.is_allowed(&mega),
        "{}",
        policy.check(&mega).verdict()
    );
    let marks = format!("A{}zure", "\u{301}".repeat(100_000));
    assert_eq!(policy.check(&marks).verdict(), Verdict::Deny);
    assert!(policy
        .check(&marks)
        .violations()
        .iter()
        .any(|v| v.kind() == ViolationKind::Term));
    let zw = format!("Az{}ure", "\u{200B}".repeat(100_000));
    let r = policy.check(&zw);
    assert!(r
        .violations()
        .iter()
        .any(|v| v.kind() == ViolationKind::Term && v.span() == (0..zw.len())));
    let words = format!("{}Azur", "Azur ".repeat(200_000));
    assert_eq!(policy.check(&words).verdict(), Verdict::Allow);
}

/// Every crash the fuzzers found, and every input on which `check` once took seconds
/// (thousands of paths to the same hit, each replayed and judged whole), kept as a
/// regression test.
#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let policy = Policy::marketplace();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        seen += 1;
        let report = policy.check_bytes(&bytes);
        if let Ok(name) = std::str::from_utf8(&bytes) {
            assert_eq!(policy.is_allowed(name), report.is_allowed());
            for n in [
                name_policy::Normalizer::new(),
                name_policy::Normalizer::new().leet(false),
            ] {
                let sk = n.normalize(name);
                assert_eq!(n.normalize(sk.as_str()).as_str(), sk.as_str(), "{name:?}");
            }
        }
    }
    assert!(seen > 0);
}
