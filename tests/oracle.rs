//! The search that reads every reading of a name at once, held to the slow, obvious
//! oracle that reads each combination of alternatives one by one
//! (`Policy::check_every_reading`), on names built to have many choice points around a
//! disguised term: words of ambiguous symbols before and after it, leetspeak for its
//! letters (from `data/leet.txt`, the reader's own data) and noise between them.

use std::collections::BTreeSet;

use name_policy::testing::proptest::prelude::*;
use name_policy::{Policy, Report, ViolationKind};

/// Readings the oracle reads at most; names with more are the search's alone.
const MAX_READINGS: usize = 1 << 12;

/// The forms of each letter in `data/leet.txt`.
fn leet_forms(letter: char) -> Vec<String> {
    let data = include_str!("../data/leet.txt");
    data.lines()
        .filter(|l| !l.starts_with('#') || l.starts_with("#\t"))
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, letters)| letters.contains(letter))
        .map(|(form, _)| form.to_owned())
        .collect()
}

/// The turned glyphs of each letter in `data/upside-down.txt` that are not ASCII (read
/// as the letter by their second reading), and letters read two ways across UTS #39
/// versions (`ſ` as s or f, `𑣄` as y or z).
fn second_readings(letter: char) -> Vec<String> {
    let data = include_str!("../data/upside-down.txt");
    let across = [
        ('s', "ſ"),
        ('f', "ſ"),
        ('z', "\u{118C4}"),
        ('c', "\u{1051C}"),
    ];
    data.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter(|(glyph, l)| !glyph.is_ascii() && l.starts_with(letter))
        .map(|(glyph, _)| glyph.to_owned())
        .chain(
            across
                .iter()
                .filter(|(l, _)| *l == letter)
                .map(|(_, g)| (*g).to_owned()),
        )
        .collect()
}

/// A letter of `term` as written, in leetspeak, read through its second reading, or with
/// noise after it.
fn letter(c: char) -> BoxedStrategy<String> {
    let mut forms = leet_forms(c.to_ascii_lowercase());
    forms.extend(second_readings(c.to_ascii_lowercase()));
    forms.push(c.to_string());
    forms.push(c.to_ascii_uppercase().to_string());
    let noise = prop_oneof![
        4 => Just(String::new()),
        1 => prop::sample::select(vec!["$", "+", "!", "|", "0", "1", "6", "9", " ", "-", "@", "3"])
            .prop_map(str::to_owned),
    ];
    (prop::sample::select(forms), noise)
        .prop_map(|(form, noise)| form + &noise)
        .boxed()
}

/// `term` disguised letter by letter.
fn disguised(term: &'static str) -> BoxedStrategy<String> {
    term.chars()
        .map(letter)
        .collect::<Vec<_>>()
        .prop_map(|parts| parts.concat())
        .boxed()
}

/// `term` upside down: its letters in reverse order, each a glyph it is turned into
/// (`data/upside-down.txt`), any of a letter's glyphs.
fn upside_down(term: &'static str) -> BoxedStrategy<String> {
    let data = include_str!("../data/upside-down.txt");
    term.chars()
        .rev()
        .map(|c| {
            let glyphs: Vec<String> = data
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .filter(|(_, l)| l.starts_with(c.to_ascii_lowercase()))
                .map(|(glyph, _)| glyph.to_owned())
                .collect();
            prop::sample::select(glyphs)
        })
        .collect::<Vec<_>>()
        .prop_map(|parts| parts.concat())
        .boxed()
}

/// A word of symbols and digits that each read more than one way.
fn padding_word() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "e3", "a4", "b8", "z2", "g9", "s5", "$", "+", "6", "9", "|", "!", "ph", "vv", "()",
            "ſ", "ɐ", "ß",
        ]),
        1..3,
    )
    .prop_map(|parts| parts.concat())
}

/// A name of padding, a disguised term, and padding.
fn ambiguous_name() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(padding_word(), 0..3),
        prop_oneof![
            4 => disguised("Microsoft"),
            4 => disguised("Azure"),
            1 => upside_down("Microsoft"),
            1 => upside_down("Azure"),
        ],
        prop::collection::vec(padding_word(), 0..2),
    )
        .prop_map(|(before, term, after)| {
            let mut words = before;
            words.push(term);
            words.extend(after);
            words.join(" ")
        })
}

/// The rules of the terms a report holds, as term matches.
fn term_rules(report: &Report) -> BTreeSet<String> {
    report
        .violations()
        .iter()
        .filter(|v| matches!(v.kind(), ViolationKind::Term | ViolationKind::Alias))
        .map(|v| v.rule().to_owned())
        .collect()
}

/// What the search finds of `name`'s terms, and what the oracle finds, when it can read
/// every reading.
fn both(policy: &Policy, name: &str) -> Option<(BTreeSet<String>, BTreeSet<String>)> {
    let oracle = policy.check_every_reading(name, MAX_READINGS)?;
    Some((term_rules(&policy.check(name)), term_rules(&oracle)))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        max_global_rejects: 3000,
        ..ProptestConfig::default()
    })]

    /// A term found in any reading is found: the search agrees with the oracle.
    #[test]
    fn the_search_finds_what_every_reading_holds(name in ambiguous_name()) {
        let policy = Policy::marketplace();
        let found = both(&policy, &name);
        prop_assume!(found.is_some());
        let (search, oracle) = found.unwrap_or_default();
        prop_assert_eq!(&search, &oracle, "{}", policy.check(&name));
        prop_assert_eq!(
            policy.is_allowed(&name),
            policy.check(&name).is_allowed(),
            "is_allowed disagrees"
        );
    }
}

/// Padding spends no budget: the same term behind ever more ambiguous words is still
/// found, where a reader that listed up to 64 readings ran out after six.
#[test]
fn padding_never_hides_a_term() {
    let policy = Policy::marketplace();
    for term in ["Mic!ro+soft", "A$z$u$r$e", "M|!|c|r|0|s|o|f|t"] {
        for n in [0, 6, 7, 20, 40] {
            let name = format!("{}{term}", "e3e a4a b8b z2z g9g s5s 6 9 ".repeat(n / 8 + 1));
            let name = name.trim_start().to_owned();
            assert!(!policy.is_allowed(&name), "{name}");
            let padding = "+".repeat(n * 3);
            let name = format!("{padding} {term}");
            assert!(!policy.is_allowed(&name), "{name}");
        }
    }
}

/// The oracle agrees with the conformance cases it can read: a small name with many
/// choice points, both ways.
#[test]
fn the_oracle_reads_every_combination() {
    let policy = Policy::marketplace();
    let (search, oracle) = both(&policy, "6o9 A$z$u$r$e").expect("few readings");
    assert_eq!(search, oracle);
    assert!(oracle.contains("trademark.azure"));
    let (search, oracle) = both(&policy, "C++ (Re)Design <3").expect("few readings");
    assert_eq!(search, oracle);
    assert!(oracle.is_empty());
    assert!(policy.check_every_reading(&"6".repeat(40), 64).is_none());
}

/// Found by the `oracle` fuzz target: the search must find what the oracle finds.
#[test]
fn fuzz_regressions_agree_with_the_oracle() {
    let policy = Policy::marketplace();
    // A digit that may be noise between letters of another script (the census took it
    // for a letter there, and ruled the alias 微软 out).
    for name in ["微1软zԫ9^\u{1c}z", "微1软"] {
        let (search, oracle) = both(&policy, name).expect("few readings");
        assert_eq!(search, oracle, "{name:?}\n{}", policy.check(name));
        assert!(oracle.contains("trademark.microsoft"), "{name:?}");
    }
}
