//! Invariants of the normalizer and of the verdict, as property tests.

use name_policy::testing::proptest::prelude::*;
use std::collections::BTreeSet;

use name_policy::{normalize, Normalizer, Policy, Severity, Skeleton, Verdict, ViolationKind};

/// Default-ignorable code points of several kinds.
const IGNORABLES: &[char] = &[
    '\u{00AD}',
    '\u{034F}',
    '\u{061C}',
    '\u{115F}',
    '\u{17B4}',
    '\u{180B}',
    '\u{180E}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2060}',
    '\u{2061}',
    '\u{2064}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{206F}',
    '\u{3164}',
    '\u{FE00}',
    '\u{FE0F}',
    '\u{FEFF}',
    '\u{FFA0}',
    '\u{1D173}',
    '\u{E0001}',
    '\u{E0020}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{E0100}',
    '\u{E01EF}',
    '\u{E0FFF}',
];

/// Where the words of a skeleton start (`(i, true)`) and end (`(i, false)`).
fn word_edges(sk: &Skeleton) -> BTreeSet<(usize, bool)> {
    let starts = (0..=sk.len()).filter(|&i| sk.is_word_start(i));
    let ends = (0..=sk.len()).filter(|&i| sk.is_word_end(i));
    starts
        .map(|i| (i, true))
        .chain(ends.map(|i| (i, false)))
        .collect()
}

/// Names of many shapes: arbitrary text, ASCII words, the preset's terms in disguise
/// embedded in other words, and near its exceptions.
fn names() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,30}",
        "[a-zA-Z0-9 ._-]{0,12}(Azure|Microsoft|AZURE|micro soft|M1cr0\\$oft|4zur3)[a-zA-Z0-9 ._-]{0,12}",
        "\\PC{0,8}(Аzure|Μicrοsοft|ＡＺＵＲＥ|𝐀𝐳𝐮𝐫𝐞|A z u r e|Az\u{200B}ure)\\PC{0,8}",
        // Around the edges of the preset's exceptions (`Lazuren`, `Glazuren`, `Dazurech`).
        "[a-zA-Z ._-]{0,6}(l|I|L|gl|G L|d|D )(azure|AZURE|ＡＺＵＲＥ|a-zure)( ?n|N|ch|-CH)[a-zA-Z ._-]{0,6}",
    ]
}

fn ascii_case_flips(name: &str, mask: u64) -> String {
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask & (1 << (i % 64)) != 0 {
                if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            } else {
                c
            }
        })
        .collect()
}

proptest! {
    // Some properties keep only denied names, about half of them: allow that many
    // rejects at any case count.
    #![proptest_config(ProptestConfig {
        max_global_rejects: u32::MAX,
        ..ProptestConfig::with_cases(1000)
    })]

    #[test]
    fn normalizing_a_skeleton_changes_nothing(name in names()) {
        for n in [Normalizer::new(), Normalizer::new().leet(false)] {
            let sk = n.normalize(&name);
            let again = n.normalize(sk.as_str());
            prop_assert_eq!(again.as_str(), sk.as_str());
        }
    }

    #[test]
    fn spans_are_char_boundaries_monotonic_and_inside(name in names()) {
        let sk = normalize(&name);
        let mut last_start = 0;
        for (_, span) in sk.chars() {
            prop_assert!(span.start < span.end && span.end <= name.len(), "{span:?}");
            prop_assert!(name.is_char_boundary(span.start) && name.is_char_boundary(span.end));
            prop_assert!(span.start >= last_start, "not monotonic: {span:?}");
            last_start = span.start;
        }
        for a in 0..=sk.len() {
            for b in a..=sk.len() {
                let span = sk.source_span(a..b);
                prop_assert!(span.start <= span.end && span.end <= name.len());
                prop_assert!(name.is_char_boundary(span.start) && name.is_char_boundary(span.end));
            }
        }
        for w in sk.words() {
            prop_assert!(w.start < w.end && w.end <= sk.len(), "{w:?}");
        }
    }

    #[test]
    fn no_panic_and_check_agrees_with_is_allowed(name in names()) {
        let policy = Policy::marketplace();
        let report = policy.check(&name);
        prop_assert_eq!(policy.is_allowed(&name), report.is_allowed());
        for v in report.violations() {
            prop_assert_eq!(&name[v.span()], v.matched());
        }
    }

    /// Case changes nothing but camelCase word starts: the skeleton of a name is the same
    /// however its ASCII letters are cased, and its verdict only moves with its words. A
    /// word start lets a term split across words read as one (`MyAz-ureApp`) and never
    /// hides one, so a denied name stays denied when case adds word starts, and a name
    /// whose words stay the same keeps its verdict.
    #[test]
    fn case_only_moves_word_starts_and_they_never_hide_a_term(
        name in names(),
        mask in any::<u64>(),
    ) {
        let policy = Policy::marketplace();
        let denied = |name: &str| policy.check(name).verdict() == Verdict::Deny;
        let sk = normalize(&name);
        let edges = word_edges(&sk);
        let name_denied = denied(&name);
        for variant in [
            ascii_case_flips(&name, mask),
            name.to_ascii_uppercase(),
            name.to_ascii_lowercase(),
        ] {
            let other = normalize(&variant);
            prop_assert_eq!(sk.as_str(), other.as_str(), "{:?} vs {:?}", name, variant);
            let other_edges = word_edges(&other);
            let variant_denied = denied(&variant);
            if edges.is_subset(&other_edges) && name_denied {
                prop_assert!(variant_denied, "{:?} is denied, {:?} not", name, variant);
            }
            if other_edges.is_subset(&edges) && variant_denied {
                prop_assert!(name_denied, "{:?} is denied, {:?} not", variant, name);
            }
        }
    }

    /// More text never hides a term: each term a name is denied for, it is still denied
    /// for with a word put before or after it.
    #[test]
    fn a_term_stays_found_beside_another_word(
        name in names(),
        word in "[a-zA-Z0-9]{1,8}",
        separator in prop::sample::select(&[" ", "-", "_", ".", " & "][..]),
        before in any::<bool>(),
    ) {
        let policy = Policy::marketplace();
        let denied_terms = |name: &str| -> BTreeSet<String> {
            policy
                .check(name)
                .violations()
                .iter()
                .filter(|v| matches!(v.kind(), ViolationKind::Term | ViolationKind::Alias))
                .filter(|v| v.severity() == Severity::Deny)
                .map(|v| v.rule().to_owned())
                .collect()
        };
        let terms = denied_terms(&name);
        prop_assume!(!terms.is_empty());
        let longer = if before {
            format!("{word}{separator}{name}")
        } else {
            format!("{name}{separator}{word}")
        };
        let found = denied_terms(&longer);
        prop_assert!(terms.is_subset(&found), "{:?}: {:?}; {:?}: {:?}", name, terms, longer, found);
    }

    #[test]
    fn deny_is_invariant_under_inserted_ignorables(
        name in names(),
        at in any::<prop::sample::Index>(),
        ignorable in prop::sample::select(IGNORABLES),
        count in 1usize..4,
    ) {
        let policy = Policy::marketplace();
        let denied = policy.check(&name).verdict() == Verdict::Deny;
        prop_assume!(denied);
        let boundaries: Vec<usize> =
            (0..=name.len()).filter(|&i| name.is_char_boundary(i)).collect();
        let i = boundaries[at.index(boundaries.len())];
        let variant = format!("{}{}{}", &name[..i], ignorable.to_string().repeat(count), &name[i..]);
        // Inserting a forbidden character (a bidi control, a tag) may deny an allowed
        // name; a denied name stays denied.
        prop_assert_eq!(policy.check(&variant).verdict(), Verdict::Deny, "{:?} vs {:?}", name, variant);
    }
}

/// Whatever the reader ignores or reads into the letter before it moves no camelCase
/// boundary: `DAzure` holds the word `Azure`, and so does `DA` + any of them + `zure`
/// (the property above found a soft hyphen and a variation selector that did).
#[test]
fn ignorables_move_no_camel_case_boundary() {
    let policy = Policy::marketplace();
    for ignorable in IGNORABLES.iter().chain(&['\u{0301}']) {
        for name in ["DAzure", "a_0000_DAzure", "IAzure"] {
            let variant = name.replacen("Azure", &format!("A{ignorable}zure"), 1);
            assert_eq!(
                policy.check(&variant).verdict(),
                Verdict::Deny,
                "{variant:?} (U+{:04X})",
                u32::from(*ignorable)
            );
        }
    }
}
