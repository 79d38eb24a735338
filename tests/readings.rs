//! How a violation was disguised: the readings that turn the matched text into the term,
//! whether it was disguised at all, and the policy option that denies disguised reviews.

use name_policy::{Policy, ReadingKind, Severity, Term, Verdict, ViolationKind};

/// The readings of the first term or alias violation of `name`, as `(kind, span, from,
/// to)`.
fn readings(
    policy: &Policy,
    name: &str,
) -> Vec<(ReadingKind, std::ops::Range<usize>, String, String)> {
    let report = policy.check(name);
    let v = report
        .violations()
        .iter()
        .find(|v| {
            matches!(
                v.kind(),
                ViolationKind::Term | ViolationKind::Alias | ViolationKind::TypoSquat
            )
        })
        .unwrap_or_else(|| panic!("no term violation: {report}"));
    assert_eq!(v.is_disguised(), !v.readings().is_empty(), "{name}");
    v.readings()
        .iter()
        .map(|r| (r.kind(), r.span(), r.from().to_owned(), r.to().to_owned()))
        .collect()
}

fn r(
    kind: ReadingKind,
    span: std::ops::Range<usize>,
    from: &str,
    to: &str,
) -> (ReadingKind, std::ops::Range<usize>, String, String) {
    (kind, span, from.to_owned(), to.to_owned())
}

#[test]
fn each_disguise_is_read_back_with_its_span() {
    use ReadingKind::*;
    let policy = Policy::marketplace();
    let cases = [
        ("\u{410}zure", vec![r(Lookalike, 0..2, "\u{410}", "a")]),
        (
            "Micro\u{17F}oft",
            vec![r(Compatibility, 5..7, "\u{17F}", "s")],
        ),
        (
            "\u{FF21}zure",
            vec![r(Compatibility, 0..3, "\u{FF21}", "a")],
        ),
        (
            "M1cr0$oft",
            vec![
                r(Leetspeak, 1..2, "1", "i"),
                r(Leetspeak, 4..5, "0", "o"),
                r(Leetspeak, 5..6, "$", "s"),
            ],
        ),
        ("Az\u{200B}ure", vec![r(Invisible, 2..5, "\u{200B}", "")]),
        ("Micro - soft", vec![r(Separator, 5..8, " - ", "")]),
        ("Azzzure", vec![r(Repeat, 1..4, "zzz", "z")]),
        ("Az\u{FA}re", vec![r(Diacritic, 2..4, "\u{FA}", "u")]),
        ("Azu\u{301}re", vec![r(Diacritic, 2..5, "u\u{301}", "u")]),
        ("rnicrosoft", vec![r(Lookalike, 0..2, "rn", "m")]),
        ("|\\/|icrosoft", vec![r(Leetspeak, 0..4, "|\\/|", "m")]),
        ("\u{1D00}zure", vec![r(Lookalike, 0..3, "\u{1D00}", "a")]),
        (
            "\u{30DE}\u{30A4}\u{30AF}\u{30ED}\u{30BD}\u{30D5}\u{30C8}",
            vec![r(
                Alias,
                0..21,
                "\u{30DE}\u{30A4}\u{30AF}\u{30ED}\u{30BD}\u{30D5}\u{30C8}",
                "Microsoft",
            )],
        ),
        ("Mirc0soft", vec![r(Leetspeak, 4..5, "0", "o")]),
        // A run that the reader read as one letter is one reading, whatever its
        // characters are (it was once a repeat, a look-alike and a letter each).
        ("(V)icrosoft", vec![r(Leetspeak, 0..3, "(V)", "m")]),
        (
            "M1c|2050ft",
            vec![
                r(Leetspeak, 1..2, "1", "i"),
                r(Leetspeak, 3..5, "|2", "r"),
                r(Leetspeak, 5..6, "0", "o"),
                r(Leetspeak, 6..7, "5", "s"),
                r(Leetspeak, 7..8, "0", "o"),
            ],
        ),
        (
            "Micr0s0ph7",
            vec![
                r(Leetspeak, 4..5, "0", "o"),
                r(Leetspeak, 6..7, "0", "o"),
                r(Leetspeak, 7..9, "ph", "f"),
                r(Leetspeak, 9..10, "7", "t"),
            ],
        ),
        // What the reading took: the second letter of `ſ`, and a digit as noise.
        ("microso\u{17F}t", vec![r(Lookalike, 7..9, "\u{17F}", "f")]),
        (
            "A1z$ure",
            vec![r(Separator, 1..2, "1", ""), r(Separator, 3..4, "$", "")],
        ),
    ];
    for (name, want) in cases {
        assert_eq!(readings(&policy, name), want, "{name:?}");
    }
}

#[test]
fn a_term_written_as_is_is_not_disguised() {
    let policy = Policy::marketplace();
    for name in [
        "Microsoft",
        "MICROSOFT",
        "Contoso-Azure",
        "azure",
        "Team Microsoft",
        "Mircosoft",
    ] {
        let report = policy.check(name);
        let v = &report.violations()[0];
        assert!(!v.is_disguised(), "{name}: {:?}", v.readings());
        assert!(v.readings().is_empty());
    }
    // The term's own separator is no disguise.
    let policy = Policy::builder()
        .term(Term::deny("Contoso Cloud"))
        .build()
        .unwrap();
    assert!(!policy.check("Contoso-Cloud").violations()[0].is_disguised());
    assert!(policy.check("Contoso-Cl0ud").violations()[0].is_disguised());
}

#[test]
fn structural_and_regex_violations_have_no_readings() {
    let report = Policy::marketplace().check("  Az\u{200B}ure");
    for v in report.violations() {
        let term = matches!(v.kind(), ViolationKind::Term);
        assert_eq!(!v.readings().is_empty(), term, "{v}");
    }
}

#[test]
fn disguised_deny_raises_disguised_reviews_only() {
    let build = |severity| {
        Policy::builder()
            .term(Term::review("Contoso"))
            .disguised(severity)
            .build()
            .unwrap()
    };
    let (lenient, strict) = (build(Severity::Review), build(Severity::Deny));
    for (name, lenient_verdict, strict_verdict) in [
        ("Contoso Labs", Verdict::Review, Verdict::Review),
        ("C0ntoso Labs", Verdict::Review, Verdict::Deny),
        ("\u{421}ontoso Labs", Verdict::Review, Verdict::Deny),
        ("Cnotoso Labs", Verdict::Review, Verdict::Review),
        ("Cn0toso Labs", Verdict::Review, Verdict::Deny),
    ] {
        assert_eq!(lenient.check(name).verdict(), lenient_verdict, "{name}");
        assert_eq!(strict.check(name).verdict(), strict_verdict, "{name}");
        assert!(!strict.is_allowed(name));
    }
    // The same from a policy file.
    let file = Policy::from_toml_str(
        "version = 1\ndisguised = \"deny\"\n[[terms]]\ntext = \"Contoso\"\nseverity = \"review\"\n",
    )
    .unwrap();
    assert_eq!(file.check("C0ntoso").verdict(), Verdict::Deny);
    assert_eq!(file.check("Contoso").verdict(), Verdict::Review);
    let err = Policy::from_toml_str("version = 1\ndisguised = \"always\"\n").unwrap_err();
    assert!(err.to_string().starts_with("2:13:"), "{err}");
}

#[test]
fn readings_serialize_as_the_json_contract() {
    let report = Policy::marketplace().check("\u{410}zure");
    let json = serde_json::to_value(&report.violations()[0]).unwrap();
    assert_eq!(json["disguised"], true);
    assert_eq!(
        json["readings"],
        serde_json::json!([{"span": [0, 2], "from": "\u{410}", "to": "a", "why": "lookalike"}])
    );
    let typo = Policy::marketplace().check("Mircosoft");
    let json = serde_json::to_value(&typo.violations()[0]).unwrap();
    assert_eq!(json["kind"], "typo-squat");
    assert_eq!(
        json["edit"],
        serde_json::json!({"op": "swapped", "letters": "cr"})
    );
    assert_eq!(json["disguised"], false);
}

/// Every turned glyph of `data/upside-down.txt` beyond ASCII reads as the letter it was
/// turned from: each term written upside down with that glyph wherever
/// its letter stands (the other letters in their first glyphs) is denied, each glyph
/// explained as a letter turned upside down; the same letters written plainly are no
/// term upside down.
#[test]
fn every_turned_glyph_reads_as_its_letter() {
    let policy = Policy::marketplace();
    let data = include_str!("../data/upside-down.txt");
    let glyphs: Vec<(char, char)> = data
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(g, l)| Some((g.chars().next()?, l.chars().next()?)))
        .collect();
    let first = |letter: char| glyphs.iter().find(|(_, l)| *l == letter).map(|(g, _)| *g);
    let mut tried = 0;
    for (glyph, letter) in glyphs.iter().copied().filter(|(g, _)| !g.is_ascii()) {
        for term in ["microsoft", "azure"] {
            if !term.contains(letter) {
                continue;
            }
            let name: String = term
                .chars()
                .rev()
                .map(|c| if c == letter { Some(glyph) } else { first(c) })
                .collect::<Option<_>>()
                .expect("a glyph for every letter");
            let report = policy.check(&name);
            assert_eq!(report.verdict(), Verdict::Deny, "{report}");
            let v = &report.violations()[0];
            assert_eq!(v.kind(), ViolationKind::Term, "{report}");
            // A glyph that is a symbol (`∀`) is read as leetspeak is.
            let kind = if glyph.is_alphabetic() {
                ReadingKind::UpsideDown
            } else {
                ReadingKind::Leetspeak
            };
            let turned = v
                .readings()
                .iter()
                .any(|r| r.kind() == kind && r.from() == glyph.to_string());
            assert!(
                turned || glyph == 'ı',
                "{glyph} not read as turned: {report}"
            );
            tried += 1;
        }
    }
    assert!(tried >= 12, "only {tried} glyphs tried");
    for plain in ["tfosorcim", "ernza", "Ernza Labs", "Tfosorcim"] {
        assert!(policy.is_allowed(plain), "{plain}");
    }
}

/// A letter read two ways across UTS #39 versions and compatibility forms reads as the
/// letter a person also takes it for, in a term, and as its own elsewhere.
#[test]
fn letters_read_two_ways_read_both() {
    let policy = Policy::marketplace();
    for (name, kind) in [
        ("microsoſt", ReadingKind::Lookalike), // ſ: s by NFKC, f by UTS #39
        ("Microſoft", ReadingKind::Compatibility), // and s
        ("A\u{118C4}ure", ReadingKind::Lookalike), // Warang Citi ya: z in Unicode 13
        ("Mi\u{1051C}rosoft", ReadingKind::Lookalike), // Elbasan she: c in Unicode 13
    ] {
        let got = readings(&policy, name);
        assert!(
            got.iter().any(|(k, ..)| *k == kind),
            "{name}: {got:?} has no {kind:?} reading"
        );
        assert_eq!(policy.check(name).verdict(), Verdict::Deny, "{name}");
    }
    let b = Policy::builder().term(Term::deny("Bob")).build().unwrap();
    assert!(!b.is_allowed("ßob Studio"), "ß is the leet alphabet's b");
    assert!(b.is_allowed("Straße"));
}

/// A name written in another script and read in Latin letters is no disguise, though its
/// violation says how it reads (`ȺZUՄ`, Armenian `Մ` for the `e`, is one the property
/// tests found).
#[test]
fn a_transliterated_name_reads_in_latin_letters_but_is_not_disguised() {
    let policy = Policy::marketplace();
    for name in ["Мікрософт Україна", "ȺZUՄ"] {
        let report = policy.check(name);
        let v = &report.violations()[0];
        assert_eq!(v.kind(), ViolationKind::Transliterated, "{report}");
        assert!(!v.is_disguised(), "{report}");
        let kinds: Vec<_> = v.readings().iter().map(|r| r.kind()).collect();
        assert_eq!(kinds, [ReadingKind::Transliteration], "{report}");
    }
}
