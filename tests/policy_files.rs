//! TOML policy files: the examples load, errors are located, and a file describes the
//! same policy as the builder.

mod common;

use std::path::Path;

use name_policy::{
    Category, ErrorKind, Level, MatchScope, Policy, RegexRule, RegexTarget, Structure, Term,
    Verdict,
};

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/policies")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Names that exercise every rule kind.
fn corpus() -> Vec<String> {
    let mut names: Vec<String> = [
        "Contoso Azure Labs",
        "Contoso Labs",
        "Micro-Soft Partners",
        "Mircosoft",
        "Azur Events",
        "Côte d'Azur",
        "A",
        "12345",
        " Contoso",
        "Contoso  Labs",
        "Con\u{200B}toso",
        "Contoso Аpps",
        "Con\u{202E}toso",
        "Windows and Doors",
        "Windows Store",
        "Box Office",
        "The Office Team",
        "Admin",
        "Badminton",
        "Support",
        "Tech Support",
        "Official Store",
        "Verified Publisher",
        "Staff Augmentation",
        "Staff Picks",
        "Call 5551234567",
        "Contoso Security",
        "GitHub Tools",
        "L1nked1n",
        "XB0X Games",
        "Marketplace Heroes",
        "𝐌𝐢𝐜𝐫𝐨𝐬𝐨𝐟𝐭",
        "ＡＺＵＲＥ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    names.extend(common::corpus_names("marketplace.txt"));
    names
}

#[test]
fn marketplace_toml_is_the_preset() {
    let from_file = Policy::from_toml_str(&example("marketplace.toml")).unwrap();
    let preset = Policy::marketplace();
    for name in corpus() {
        assert_eq!(from_file.check(&name), preset.check(&name), "{name:?}");
    }
}

#[test]
fn publisher_toml_loads_and_applies_every_rule_kind() {
    let p = Policy::from_toml_str(&example("publisher.toml")).unwrap();
    let cases: &[(&str, Verdict)] = &[
        ("Contoso Azure Labs", Verdict::Deny), // from the preset
        ("Windows Store", Verdict::Deny),
        ("Windows and Doors", Verdict::Allow),
        ("Box Office", Verdict::Allow),
        ("The Office Team", Verdict::Review),
        ("Admin Tools", Verdict::Deny),
        ("Badminton Club", Verdict::Allow),
        ("Support", Verdict::Deny),
        ("Tech Support Heroes", Verdict::Allow),
        ("Official Store", Verdict::Review),
        ("Verified Apps", Verdict::Deny),
        ("Staff Augmentation", Verdict::Allow),
        ("Staff Picks", Verdict::Deny),
        ("Call 5551234567", Verdict::Review),
        ("Contoso Security", Verdict::Review),
        ("XB0X Games", Verdict::Deny),
        ("Contoso Labs", Verdict::Allow),
    ];
    for &(name, want) in cases {
        assert_eq!(p.check(name).verdict(), want, "{}", p.check(name));
    }
}

#[test]
fn a_policy_in_code_and_in_toml_give_the_same_reports() {
    let code = Policy::builder()
        .term(
            Term::deny("Contoso")
                .with_category(Category::Trademark)
                .with_reason("Contoso is a trademark")
                .except("Contoso Bay"),
        )
        .term(
            Term::review("admin")
                .with_scope(MatchScope::Word)
                .with_category(Category::Reserved)
                .with_id("reserved.admin"),
        )
        .term(Term::deny("support").with_scope(MatchScope::Exact))
        .term(
            Term::deny("official")
                .with_scope(MatchScope::Prefix)
                .with_category(Category::Impersonation),
        )
        .exception("Box Office")
        .leet(false)
        .typo_squats(Level::Deny)
        .regex(RegexRule::review("custom.digits", r"\d{6,}"))
        .regex(RegexRule::deny("custom.store", "store$").with_target(RegexTarget::Skeleton))
        // A file's `[structure]` changes the builder's, which starts recommended.
        .structure(
            Structure::recommended()
                .length(2, 40)
                .whitespace(Level::Review),
        )
        .build()
        .unwrap();
    let toml = r#"
        version = 1
        leet = false
        exceptions = ["Box Office"]

        [typo_squats]
        severity = "deny"

        [structure]
        min_length = 2
        max_length = 40
        whitespace = "review"

        [[terms]]
        text = "Contoso"
        category = "trademark"
        reason = "Contoso is a trademark"
        exceptions = ["Contoso Bay"]

        [[terms]]
        text = "admin"
        severity = "review"
        scope = "word"
        category = "reserved"
        id = "reserved.admin"

        [[terms]]
        text = "support"
        scope = "exact"

        [[terms]]
        text = "official"
        scope = "prefix"
        category = "impersonation"

        [[regex]]
        id = "custom.digits"
        pattern = '\d{6,}'
        severity = "review"

        [[regex]]
        id = "custom.store"
        pattern = "store$"
        target = "skeleton"
    "#;
    let file = Policy::from_toml_str(toml).unwrap();
    let mut names = corpus();
    names.extend(
        [
            "Contoso Bay",
            "C0ntoso",
            "Cotnoso",
            "Official Store",
            "Store",
            "ADMIN",
            "x",
        ]
        .map(String::from),
    );
    for name in names {
        assert_eq!(file.check(&name), code.check(&name), "{name:?}");
    }
}

#[test]
fn errors_name_line_column_and_what_to_fix() {
    let text = "version = 1\n\n[[terms]]\ntext = \"Contoso\"\nseverty = \"deny\"\n";
    let err = Policy::from_toml_str(text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PolicyFile);
    assert_eq!(err.location(), Some((5, 1)));
    let msg = err.to_string();
    assert!(
        msg.starts_with("5:1: unknown field `severty`, expected one of"),
        "{msg}"
    );
    assert!(msg.contains("`severity`"), "{msg}");

    let cases: &[(&str, (usize, usize), &str)] = &[
        ("version = 2\n", (1, 11), "unsupported version 2"),
        ("leet = true\n", (1, 1), "missing field `version`"),
        (
            "version = 1\nextends = \"strict\"\n",
            (2, 11),
            "unknown preset",
        ),
        (
            "version = 1\n[[terms]]\ntext = \"x\"\nscope = \"everywhere\"\n",
            (4, 9),
            "unknown variant",
        ),
        (
            "version = 1\n[[terms]]\ntext = \"--\"\n",
            (3, 8),
            "no letters or digits",
        ),
        (
            "version = 1\n\n[[regex]]\nid = \"custom.bad\"\npattern = \"(\"\n",
            (5, 11),
            "custom.bad",
        ),
        (
            "version = 1\n[structure]\nlength = \"maybe\"\n",
            (3, 10),
            "unknown variant",
        ),
        ("version = = 1\n", (1, 11), ""),
        (
            "version = 1\n[terms]\ntext = \"Contoso\"\n",
            (2, 1),
            "`[terms]` makes one table, but `terms` is a list: write `[[terms]]` above each entry",
        ),
        (
            "version = 1\nextends = \"marketplace\"\n[[terms]]\ntext = \"Foo\"\n[[terms]]\ntext = \" \"\n",
            (6, 8),
            "term 2 is empty",
        ),
        (
            "version = 1\n[structure]\nmin_length = -5\n",
            (3, 14),
            "expected a whole number, 0 or more",
        ),
    ];
    for &(text, at, needle) in cases {
        let err = Policy::from_toml_str(text).unwrap_err();
        assert_eq!(err.location(), Some(at), "{text:?}: {err}");
        assert!(err.to_string().contains(needle), "{text:?}: {err}");
        // No Rust type names.
        for rust in ["usize", "u32", "u64", "i64", "f64"] {
            assert!(!err.to_string().contains(rust), "{text:?}: {err}");
        }
    }
}

#[test]
fn extends_marketplace_keeps_the_preset() {
    let p = Policy::from_toml_str("version = 1\nextends = \"marketplace\"\n").unwrap();
    for name in corpus() {
        assert_eq!(
            p.check(&name),
            Policy::marketplace().check(&name),
            "{name:?}"
        );
    }
    let off = Policy::from_toml_str(
        "version = 1\nextends = \"marketplace\"\n[typo_squats]\nseverity = \"off\"\n[structure]\nwhitespace = \"off\"\n",
    )
    .unwrap();
    assert_eq!(off.check("Mircosoft").verdict(), Verdict::Allow);
    assert_eq!(off.check("Contoso  Labs").verdict(), Verdict::Allow);
    assert_eq!(off.check("Azure").verdict(), Verdict::Deny);
}

/// An error the builder finds keeps its kind, and points at the entry of the file it is
/// about: a duplicate id at its second use (regression: it was reported at 1:1), an id
/// derived from a term at that term, an exception at the phrase.
#[test]
fn builder_errors_keep_their_kind_and_point_at_the_entry() {
    let cases: &[(&str, ErrorKind, (usize, usize), &str)] = &[
        (
            "version = 1\n[[terms]]\ntext = \"Contoso\"\nid = \"x\"\n\n[[terms]]\ntext = \"Fabrikam\"\nid = \"x\"\n",
            ErrorKind::DuplicateRuleId,
            (8, 6),
            "rule id \"x\" is used twice",
        ),
        (
            "version = 1\nextends = \"marketplace\"\n[[terms]]\ntext = \"Contoso\"\nid = \"trademark.azure\"\n",
            ErrorKind::DuplicateRuleId,
            (5, 6),
            "trademark.azure",
        ),
        (
            "version = 1\n[[terms]]\ntext = \"Contoso\"\n[[terms]]\ntext = \"CONTOSO\"\n",
            ErrorKind::DuplicateRuleId,
            (5, 8),
            "derived from the term \"CONTOSO\"",
        ),
        (
            "version = 1\n[[terms]]\ntext = \"Contoso\"\nid = \"has space\"\n",
            ErrorKind::InvalidRuleId,
            (4, 6),
            "has space",
        ),
        (
            "version = 1\n[[terms]]\ntext = \"Contoso\"\nexceptions = [\"ok\", \"--\"]\n",
            ErrorKind::EmptyException,
            (4, 21),
            "no letters or digits",
        ),
        (
            "version = 1\nexceptions = [\"Box Office\", \"- -\"]\n",
            ErrorKind::EmptyException,
            (2, 29),
            "\"- -\"",
        ),
        (
            "version = 1\n[structure]\nmin_length = 9\nmax_length = 3\n",
            ErrorKind::InvalidLimit,
            (3, 14),
            "minimum length 9 is above the maximum length 3",
        ),
        (
            "version = 1\n[[regex]]\nid = \"custom.x\"\npattern = \"x\"\n[[regex]]\nid = \"custom.x\"\npattern = \"y\"\n",
            ErrorKind::DuplicateRuleId,
            (6, 6),
            "custom.x",
        ),
    ];
    for &(text, kind, at, needle) in cases {
        let err = Policy::from_toml_str(text).unwrap_err();
        assert_eq!(err.kind(), kind, "{text:?}: {err}");
        assert_eq!(err.location(), Some(at), "{text:?}: {err}");
        assert!(err.to_string().contains(needle), "{text:?}: {err}");
    }
}

/// The README's policy file, which documents every key, is a valid policy that does what
/// its comments say.
#[test]
fn the_readme_policy_file_loads_and_means_what_it_says() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Policy files")
        .expect("README has the section")..];
    let start = section
        .find("```toml\n")
        .expect("the section shows a policy file")
        + 8;
    let text = &section[start..start + section[start..].find("```").unwrap()];
    // Its list of protected names is one of examples/policies.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policies");
    let policy = Policy::from_toml_str_in(text, dir).unwrap();
    assert_eq!(policy.check("C0nt0so Cloud").verdict(), Verdict::Deny);
    assert_eq!(policy.check("crossenv").verdict(), Verdict::Deny);
    assert_eq!(policy.check("requst").verdict(), Verdict::Review);
    assert_eq!(
        policy.check("Contoso Bay Fishing").verdict(),
        Verdict::Allow
    );
    assert_eq!(policy.check("Azure Box Office").verdict(), Verdict::Deny);
    assert_eq!(policy.check("Box Office").verdict(), Verdict::Allow);
    let phone = policy.check("Call 5551234");
    assert_eq!(phone.verdict(), Verdict::Review);
    assert_eq!(phone.violations()[0].rule(), "custom.phone");
    assert_eq!(policy.check("Mircosoft").verdict(), Verdict::Review);
    let alias = policy.check("コントソ株式会社");
    assert_eq!(alias.verdict(), Verdict::Deny);
    assert_eq!(alias.violations()[0].rule(), "trademark.contoso");
    assert_eq!(policy.check(&"a".repeat(70_000)).verdict(), Verdict::Deny);
}

#[test]
fn reserved_toml_is_the_preset() {
    let from_file = Policy::from_toml_str(&example("reserved.toml")).unwrap();
    let preset = Policy::reserved();
    assert_eq!(from_file.terms(), preset.terms());
    let mut names = corpus();
    for term in preset.terms() {
        let t = term.text();
        names.extend([
            t.to_owned(),
            t.to_uppercase(),
            format!("{t} Labs"),
            format!("The {t}"),
        ]);
    }
    for name in names {
        assert_eq!(from_file.check(&name), preset.check(&name), "{name:?}");
    }
}

/// The reserved preset: whole names that impersonate the platform denied in any
/// disguise; words of authority sent to review inside a name; ordinary names that hold
/// them allowed.
#[test]
fn the_reserved_preset_reserves_names_not_words() {
    let policy = Policy::reserved();
    for name in [
        "admin",
        "Administrator",
        "ROOT",
        "support",
        "Help",
        "security",
        "billing",
        "official",
        "staff",
        "moderator",
        "system",
        "postmaster",
        "abuse",
        "noc",
        "webmaster",
        "hostmaster",
        "www",
        "api",
        "mail",
        "CON",
        "prn",
        "Aux",
        "NUL",
        "COM1",
        "COM9",
        "LPT1",
        "lpt9",
        "Adm1n",
        "ＡＤＭＩＮ",
        "r00t",
        "S u p p o r t",
        "\u{430}dmin",
    ] {
        assert_eq!(
            policy.check(name).verdict(),
            Verdict::Deny,
            "{name}: {}",
            policy.check(name)
        );
    }
    for name in [
        "The Admin Team",
        "Official Store",
        "Staff Picks",
        "Moderator Tools",
    ] {
        assert_eq!(policy.check(name).verdict(), Verdict::Review, "{name}");
    }
    for name in [
        "Contoso Support",
        "Badminton Club",
        "Rooted Cafe",
        "Systematic Labs",
        "Helpful Apps",
        "Mailchimp Fans",
        "Apiary",
        "Console Games",
        "Auxiliary Power",
        "Null Island",
        "Administrative Law Partners",
        "Supports",
        "Securities Ltd",
        "COM10",
    ] {
        assert_eq!(
            policy.check(name).verdict(),
            Verdict::Allow,
            "{name}: {}",
            policy.check(name)
        );
    }
}

#[test]
fn extends_takes_a_list_of_presets() {
    let both =
        Policy::from_toml_str("version = 1\nextends = [\"marketplace\", \"reserved\"]\n").unwrap();
    assert_eq!(both.check("Azure Labs").verdict(), Verdict::Deny);
    assert_eq!(both.check("admin").verdict(), Verdict::Deny);
    assert!(both.grants(["verified-microsoft"]).is_ok());
    assert_eq!(
        both.terms().len(),
        Policy::marketplace().terms().len() + Policy::reserved().terms().len()
    );
    let err = Policy::from_toml_str("version = 1\nextends = [\"marketplace\", \"reserverd\"]\n")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"2:11: unknown preset "reserverd"; the presets are "marketplace" and "reserved""#
    );
    let err = Policy::from_toml_str("version = 1\nextends = 5\n").unwrap_err();
    assert!(
        err.to_string().contains("`extends` takes a preset name"),
        "{err}"
    );
    // A term's typo-squats may be turned off in a file.
    let off =
        Policy::from_toml_str("version = 1\n[[terms]]\ntext = \"Contoso\"\ntypo_squats = false\n")
            .unwrap();
    assert_eq!(off.check("Cnotoso").verdict(), Verdict::Allow);
    let on = Policy::from_toml_str("version = 1\n[[terms]]\ntext = \"Contoso\"\n").unwrap();
    assert_eq!(on.check("Cnotoso").verdict(), Verdict::Review);
}

/// Lexicons of words and names (data/lexicon-exceptions.txt) hold "azure" starting inside
/// a word. The preset excepts those, which a reader never sees (German "dazu|rechnen",
/// Dutch "gla|zuren", Polish "Mazurek" and the surnames built on it), and keeps those
/// that are the word itself (French "azuré", Italian "azzurre"), the term written as a
/// word of its own inside one (`dAzure`), and every disguise next to the exceptions.
#[test]
fn the_marketplace_preset_excepts_azure_across_a_morpheme_boundary_only() {
    let policy = Policy::marketplace();
    for word in [
        "dazurechnen",
        "Dazurechnen",
        "dazurechnete",
        "dazurechenbar",
        "dazurechenbaren",
        "glazuren",
        "lazuren",
        "Dazurechnen Consulting GmbH",
        "Glazuren en Lazuren BV",
        "Mazurek",
        "Mazurenko",
        "MAZURETS",
    ] {
        assert_eq!(
            policy.check(word).verdict(),
            Verdict::Allow,
            "{word}: {}",
            policy.check(word)
        );
    }
    for word in [
        "azuré",
        "azurer",
        "azzurre",
        "Azure Rechnen",
        "dAzure Labs",
        "MAzure Cloud",
        "GlAzure",
        // An exception counts only where it starts a word: `pulumi-azure-native` holds
        // `lazuren` read across three words, `Adazurechner` holds `dazurech` inside one.
        "pulumi-azure-native",
        "@pulumi/azure-native",
        "Adazurechner",
        "Pula-Azure-Nets",
        // ... and after a separator: a camelCase start moves with the case of a letter,
        // so `aIＡＺＵＲＥN` is no more excepted than `AIＡＺＵＲＥN` or `aiazuren`.
        "aIＡＺＵＲＥN",
        "AIＡＺＵＲＥN",
        "MyLazuren",
        // ... and where no separator splits a word of it: these hold `dazurech` and
        // `lazuren` as three words, the middle one `Azure`.
        "D Azure CH Consulting",
        "L Azure N",
        "Gl-Azure-N",
    ] {
        assert_eq!(policy.check(word).verdict(), Verdict::Deny, "{word}");
    }
}

#[test]
fn protect_lists_are_read_beside_the_policy_file_and_errors_say_where() {
    let dir = std::env::temp_dir().join(format!("name-policy-protect-file-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("lists")).unwrap();
    std::fs::write(dir.join("lists/top.txt"), "lodash\nexpress\n").unwrap();
    let policy_path = dir.join("policy.toml");
    std::fs::write(
        &policy_path,
        "version = 1\nextends = \"marketplace\"\nprotect = [\"lists/top.txt\"]\n",
    )
    .unwrap();
    let policy = Policy::from_file(&policy_path).unwrap();
    assert_eq!(
        policy.protected_names().collect::<Vec<_>>(),
        ["lodash", "express"]
    );
    assert_eq!(policy.check("l0dash").verdict(), name_policy::Verdict::Deny);
    assert_eq!(
        policy.check("Azure Tools").verdict(),
        name_policy::Verdict::Deny
    );
    assert!(policy.is_allowed("lodash"));

    std::fs::write(
        &policy_path,
        "version = 1\n\nprotect = [\"lists/top.txt\", \"missing.txt\"]\n",
    )
    .unwrap();
    let err = Policy::from_file(&policy_path).unwrap_err().to_string();
    let expected_start = format!("{}:3:", policy_path.display());
    assert!(err.starts_with(&expected_start), "{err}");
    assert!(
        err.contains("cannot read protected names") && err.contains("missing.txt"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
