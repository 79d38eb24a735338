//! Conformance of the generated tables with the data they were generated from.

use name_policy::Normalizer;

/// The code points of `data/lookalikes.txt`, which read as the letters listed there
/// instead of their UTS #39 prototype or compatibility form.
fn listed_lookalikes() -> Vec<char> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lookalikes.txt");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let cp = l.split(';').next().unwrap().trim();
            char::from_u32(u32::from_str_radix(cp, 16).unwrap()).unwrap()
        })
        .collect()
}

/// Wherever UTS #39 (as carried by `unicode-security` 0.1.3, the generator's source) maps
/// a code point to Latin letters or digits, our skeleton of the code point equals our
/// skeleton of that prototype: `Ꮇ` and `M`, `ɑ` and `a` match alike. A compatibility
/// character reads as its compatibility form instead (`ſ` is `s`, though UTS #39 likens it
/// to `f`), and a character of `data/lookalikes.txt` as its entry there.
#[test]
fn uts39_latin_prototypes_and_compatibility_forms_are_respected_for_every_code_point() {
    use unicode_normalization::UnicodeNormalization;
    let listed = listed_lookalikes();
    assert!(
        listed.len() > 100,
        "data/lookalikes.txt: {} entries",
        listed.len()
    );
    for normalizer in [Normalizer::new(), Normalizer::new().leet(false)] {
        let (mut by_prototype, mut by_compatibility) = (0, 0);
        let mut failures = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if listed.contains(&c) {
                continue;
            }
            let mut buf = [0; 4];
            let compat: String = c.to_string().nfkc().collect();
            let prototype: String = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
            let expected = if compat.chars().ne(std::iter::once(c)) {
                // Compatibility characters whose form is all ASCII letters or digits
                // (`ｍ`, `𝐀`, `ſ`, `Ⓜ`), but signs written with capitals (`™` is `TM`),
                // which separate words.
                if compat.is_empty() || !compat.chars().all(|p| p.is_ascii_alphanumeric()) {
                    continue;
                }
                if !c.is_alphanumeric()
                    && compat.chars().count() >= 2
                    && compat.chars().all(|p| p.is_ascii_uppercase())
                {
                    continue;
                }
                by_compatibility += 1;
                compat
            } else {
                if prototype.is_empty()
                    || prototype.chars().eq(std::iter::once(c))
                    || !prototype.chars().all(|p| p.is_ascii_alphanumeric())
                {
                    continue;
                }
                by_prototype += 1;
                prototype
            };
            // Between letters, as in a name: a symbol such as `|` is only read as a letter
            // when a letter follows it.
            let ours = normalizer.normalize(&format!("q{c}q"));
            let theirs = normalizer.normalize(&format!("q{expected}q"));
            if ours.as_str() != theirs.as_str() {
                failures.push(format!(
                    "U+{:04X} {c}: {expected:?} -> {:?}, ours {:?}",
                    c as u32,
                    theirs.as_str(),
                    ours.as_str()
                ));
            }
        }
        assert!(by_prototype > 600, "only {by_prototype} prototypes checked");
        assert!(
            by_compatibility > 1000,
            "only {by_compatibility} compatibility forms checked"
        );
        assert!(
            failures.is_empty(),
            "{} code points disagree with UTS #39 or their compatibility form:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

#[test]
fn unicode_version_is_exported() {
    assert_eq!(name_policy::UNICODE_VERSION, (18, 0, 0));
    let (major, minor, patch) = unicode_security::UNICODE_VERSION;
    assert_eq!(
        name_policy::UNICODE_VERSION,
        (major as u8, minor as u8, patch as u8)
    );
}

/// Default-ignorable code points leave no trace in the skeleton.
#[test]
fn default_ignorables_vanish() {
    let n = Normalizer::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let mut buf = [0; 4];
        let s = c.encode_utf8(&mut buf);
        if unicode_security::skeleton(s).next().is_none() {
            let name = format!("ab{c}cd");
            assert_eq!(n.normalize(&name).as_str(), "abcd", "U+{:04X}", c as u32);
        }
    }
}
