//! Conformance of the generated tables with the data they were generated from.

use name_policy::Normalizer;

/// Wherever UTS #39 (as carried by `unicode-security` 0.1.3, the generator's source) maps
/// a code point to Latin letters or digits, our skeleton of the code point equals our
/// skeleton of that prototype: `𝐀` and `A`, `Ꮇ` and `M`, `ｍ` and `rn` match alike.
#[test]
fn uts39_latin_prototypes_are_respected_for_every_code_point() {
    for normalizer in [Normalizer::new(), Normalizer::new().leet(false)] {
        let mut checked = 0;
        let mut failures = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let prototype: String = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
            if prototype.is_empty()
                || prototype.chars().eq(std::iter::once(c))
                || !prototype.chars().all(|p| p.is_ascii_alphanumeric())
            {
                continue;
            }
            checked += 1;
            // Between letters, as in a name: a symbol such as `|` is only read as a letter
            // when a letter follows it.
            let ours = normalizer.normalize(&format!("q{c}q"));
            let theirs = normalizer.normalize(&format!("q{prototype}q"));
            if ours.as_str() != theirs.as_str() {
                failures.push(format!(
                    "U+{:04X} {c}: prototype {prototype:?} -> {:?}, ours {:?}",
                    c as u32,
                    theirs.as_str(),
                    ours.as_str()
                ));
            }
        }
        assert!(checked > 1500, "only {checked} code points checked");
        assert!(
            failures.is_empty(),
            "{} of {checked} code points disagree with UTS #39:\n{}",
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
