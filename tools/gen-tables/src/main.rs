//! Generates `src/tables.rs`, the per-code-point skeleton tables of name-policy.
//!
//! Run from the repository root:
//!
//! ```text
//! cargo run --manifest-path tools/gen-tables/Cargo.toml            # rewrite src/tables.rs
//! cargo run --manifest-path tools/gen-tables/Cargo.toml -- --check # fail if it is stale
//! ```
//!
//! Sources, all pinned:
//! - UTS #39 confusable prototypes and default-ignorable code points: `unicode-security`
//!   0.1.3 (Unicode 18.0.0), through its public `skeleton()`; and the prototypes of
//!   Unicode 13.0 (`unicode-security` 0.0.5), for letters read two ways;
//! - compatibility decomposition (NFKD) and the combining-mark property:
//!   `unicode-normalization` 0.1.26 (Unicode 18.0.0);
//! - full case folding: `data/CaseFolding.txt` (Unicode 18.0.0, vendored);
//! - look-alikes beyond UTS #39, the letters of fancy-text styles: `data/lookalikes.txt`
//!   (its header names its sources);
//! - leetspeak, single characters and runs: `data/leet.txt` (its header names its
//!   sources);
//! - upside-down letters: `data/upside-down.txt` (its header names its sources);
//! - how letters sound, for the sound-alike check: `data/sounds.txt`;
//! - how other scripts write Latin spellings by sound: `data/respellings.txt`;
//! - General Category (letters, digits, unassigned, private use): `unicode-properties`
//!   0.1.5 (Unicode 18.0.0);
//! - scripts and script extensions, for the mixed-script rule's script groups:
//!   `unicode-script` 0.5.9 through `unicode-security`'s augmented script sets (Unicode
//!   18.0.0);
//! - bidi classes, for right-to-left names: `unicode-bidi` 0.3.18 (Unicode 16.0.0, the
//!   newest it carries; its defaults cover the right-to-left blocks assigned since).
//!
//! The mapping of one code point is the fixed point of
//! `compatibility form (NFKD), or else look-alike → NFKD → drop marks and ignorables →
//! full case fold`, after which the
//! output symbols that case folding forces together (UTS #39 maps `I` to `l` while case
//! folding maps it to `i`, so a case-insensitive skeleton must merge `i` and `l`) are
//! merged into one representative, preferring ASCII lowercase letters.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::process::ExitCode;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

const OUTPUT: &str = "src/tables.rs";
const CASE_FOLDING: &str = "data/CaseFolding.txt";
const LOOKALIKES: &str = "data/lookalikes.txt";

const LEET: &str = "data/leet.txt";

/// Leetspeak, from `data/leet.txt`: the forms of one character (a character people type
/// for a letter, applied to every code point whose compatibility form is the key, so `４`
/// and `𝟒` count as `4`; a key with two letters is read both ways) and the runs of
/// several characters drawn as one letter (`|\/|` is `m`, `ph` is `f`), each with its one
/// or two letters.
struct Leet {
    single: Vec<(char, String)>,
    multi: Vec<(String, char)>,
}

fn load_leet() -> Leet {
    let text = std::fs::read_to_string(LEET)
        .unwrap_or_else(|e| panic!("cannot read {LEET}: {e} (run from the repository root)"));
    let mut leet = Leet {
        single: Vec::new(),
        multi: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let at = || format!("{LEET}:{}", n + 1);
        if line.is_empty() || line.starts_with("# ") || line == "#" {
            continue;
        }
        let (form, letters) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{}: expected `form<TAB>letters`", at()));
        assert!(
            !letters.is_empty()
                && letters.len() <= 2
                && letters.bytes().all(|b| b.is_ascii_lowercase()),
            "{}: letters must be one or two of a-z",
            at()
        );
        assert_eq!(
            form,
            form.to_lowercase(),
            "{}: write forms in lowercase",
            at()
        );
        let mut chars = form.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => leet.single.push((c, letters.to_owned())),
            (Some(_), Some(_)) => {
                assert!(
                    form.is_ascii() && letters.len() == 1,
                    "{}: a run is ASCII and draws one letter",
                    at()
                );
                leet.multi
                    .push((form.to_owned(), letters.chars().next().unwrap_or('?')));
            }
            _ => panic!("{}: empty form", at()),
        }
    }
    leet
}

const TRANSLITERATION: &str = "data/transliteration.txt";

/// Transliteration beyond any_ascii, from `data/transliteration.txt`: (letters in
/// lowercase, Latin letters), one letter or two.
fn load_transliteration() -> Vec<(Vec<char>, String)> {
    let text = std::fs::read_to_string(TRANSLITERATION).unwrap_or_else(|e| {
        panic!("cannot read {TRANSLITERATION}: {e} (run from the repository root)")
    });
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{TRANSLITERATION}:{}", n + 1);
        let mut fields = line.split('\t');
        let (Some(letters), Some(latin), Some(_why)) =
            (fields.next(), fields.next(), fields.next())
        else {
            panic!("{}: expected `letters<TAB>Latin letters<TAB>why`", at());
        };
        let letters: Vec<char> = letters.chars().collect();
        assert!(
            (1..=2).contains(&letters.len()) && letters.iter().all(|c| c.is_alphabetic()),
            "{}: one or two letters",
            at()
        );
        assert!(
            !latin.is_empty() && latin.bytes().all(|b| b.is_ascii_lowercase()),
            "{}: Latin letters are a-z",
            at()
        );
        out.push((letters, latin.to_owned()));
    }
    out
}

const SOUNDS: &str = "data/sounds.txt";

/// The records of a data file of `left<TAB>right` lines (`#` comments and blank lines
/// aside), each with where it is (`path:line`), for messages.
fn tab_records(path: &str, format: &str) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {path}: {e} (run from the repository root)"));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(n, line)| {
            let at = format!("{path}:{}", n + 1);
            let (left, right) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{at}: expected `{format}`"));
            (at, left.to_owned(), right.to_owned())
        })
        .collect()
}

/// How spellings sound, from `data/sounds.txt`: (spelling, sound), the spellings of two
/// letters first; every letter a-z has one.
fn load_sounds() -> Vec<(String, String)> {
    let mut sounds = Vec::new();
    for (at, spelling, sound) in tab_records(SOUNDS, "spelling<TAB>sound") {
        assert!(
            (1..=2).contains(&spelling.len()) && spelling.bytes().all(|b| b.is_ascii_lowercase()),
            "{at}: a spelling is one or two of a-z"
        );
        assert!(
            sound == "-"
                || (1..=2).contains(&sound.len()) && sound.bytes().all(|b| b.is_ascii_uppercase()),
            "{at}: a sound is one or two of A-Z, or `-`"
        );
        let sound = if sound == "-" { String::new() } else { sound };
        sounds.push((spelling, sound));
    }
    for letter in 'a'..='z' {
        assert!(
            sounds
                .iter()
                .any(|(s, _)| s.len() == 1 && s.starts_with(letter)),
            "{SOUNDS}: no rule for `{letter}`"
        );
    }
    sounds.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    sounds
}

const RESPELLINGS: &str = "data/respellings.txt";

/// How other scripts write Latin spellings by sound, from `data/respellings.txt`:
/// (spelling, respelling), longest spelling first.
fn load_respellings() -> Vec<(String, String)> {
    let mut respellings = Vec::new();
    for (at, spelling, respelling) in tab_records(RESPELLINGS, "spelling<TAB>respelling") {
        for part in [&spelling, &respelling] {
            assert!(
                !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()),
                "{at}: spellings are lowercase ASCII letters"
            );
        }
        respellings.push((spelling, respelling));
    }
    respellings.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    respellings
}

const EMOJI_TAG_SEQUENCES: &str = "data/emoji-tag-sequences.txt";

/// The RGI emoji tag sequences (subdivision flags), from `data/emoji-tag-sequences.txt`:
/// each as its code points.
fn load_emoji_tag_sequences() -> Vec<Vec<u32>> {
    let mut sequences = Vec::new();
    for (n, fields) in data_records(EMOJI_TAG_SEQUENCES) {
        let at = || format!("{EMOJI_TAG_SEQUENCES}:{n}");
        assert!(
            fields.len() >= 2 && fields[1] == "RGI_Emoji_Tag_Sequence",
            "{}: expected `code points ; RGI_Emoji_Tag_Sequence ; name`",
            at()
        );
        let sequence: Vec<u32> = fields[0]
            .split_whitespace()
            .map(|cp| {
                u32::from_str_radix(cp, 16)
                    .ok()
                    .filter(|&cp| char::from_u32(cp).is_some())
                    .unwrap_or_else(|| panic!("{}: bad code point {cp:?}", at()))
            })
            .collect();
        assert!(
            sequence.len() > 2 && sequence.last() == Some(&0xE007F),
            "{}: a tag sequence is a base, tags and U+E007F",
            at()
        );
        sequences.push(sequence);
    }
    sequences
}

const UPSIDE_DOWN: &str = "data/upside-down.txt";

/// Upside-down text, from `data/upside-down.txt`: each glyph and the letter it is turned
/// from, in the file's order.
fn load_upside_down() -> Vec<(char, char)> {
    let text = std::fs::read_to_string(UPSIDE_DOWN).unwrap_or_else(|e| {
        panic!("cannot read {UPSIDE_DOWN}: {e} (run from the repository root)")
    });
    let mut glyphs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{UPSIDE_DOWN}:{}", n + 1);
        let (glyph, letter) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{}: expected `glyph<TAB>letter`", at()));
        let (mut g, mut l) = (glyph.chars(), letter.chars());
        match (g.next(), g.next(), l.next(), l.next()) {
            (Some(g), None, Some(l), None) if !g.is_whitespace() && l.is_ascii_lowercase() => {
                glyphs.push((g, l));
            }
            _ => panic!("{}: a glyph is one character, turned from one of a-z", at()),
        }
    }
    glyphs
}

/// Kinds of a code point in `RANGES`, as the generated `Kind` enum names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Emits itself.
    Letter,
    /// Emits its pool string.
    Mapped,
    /// Emits nothing, marks a word boundary.
    Separator,
    /// Emits nothing, leaves words intact.
    Ignorable,
    /// A combining mark: emits nothing, belongs to the letter before it.
    Mark,
}

fn all_chars() -> impl Iterator<Item = char> {
    (0..=0x10FFFFu32).filter_map(char::from_u32)
}

/// The records of a data file in the Unicode format (`field ; field ; ...  # comment`):
/// each with its line number, its fields trimmed; blank and comment lines left out.
fn data_records(path: &str) -> Vec<(usize, Vec<String>)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {path}: {e} (run from the repository root)"));
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let line = line.split('#').next().unwrap_or("").trim();
            (!line.is_empty()).then(|| {
                (
                    n + 1,
                    line.split(';').map(|f| f.trim().to_owned()).collect(),
                )
            })
        })
        .collect()
}

fn load_case_folding() -> HashMap<char, String> {
    let mut map = HashMap::new();
    for (_, fields) in data_records(CASE_FOLDING) {
        // C (common) and F (full) make up full case folding; S and T are alternatives.
        if fields.len() < 3 || !(fields[1] == "C" || fields[1] == "F") {
            continue;
        }
        let parse = |h: &str| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap();
        let from = parse(&fields[0]);
        let to: String = fields[2].split_whitespace().map(parse).collect();
        map.insert(from, to);
    }
    map
}

/// `data/lookalikes.txt`: `code point ; letters`, then a `#` comment (the character and
/// its name).
fn load_lookalikes() -> HashMap<char, String> {
    let mut map = HashMap::new();
    for (n, fields) in data_records(LOOKALIKES) {
        let at = || format!("{LOOKALIKES}:{n}");
        assert!(
            fields.len() >= 2,
            "{}: expected `code point ; letters`",
            at()
        );
        let cp = u32::from_str_radix(&fields[0], 16)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or_else(|| panic!("{}: bad code point {:?}", at(), fields[0]));
        let to = &fields[1];
        assert!(
            !to.is_empty() && to.chars().all(|c| c.is_ascii_lowercase()),
            "{}: a look-alike reads as ASCII lowercase letters, not {to:?}",
            at()
        );
        assert!(
            map.insert(cp, to.to_owned()).is_none(),
            "{}: U+{:04X} listed twice",
            at(),
            cp as u32
        );
    }
    map
}

/// UTS #39 identifier type Not_Character: unassigned, private use, noncharacters.
fn not_a_character(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Unassigned | GeneralCategory::PrivateUse
    )
}

/// A symbol (General Category S) whose compatibility form is two or more capital ASCII
/// letters: a sign such as `™` (`TM`) or `㏚` (`PR`).
fn is_abbreviation_sign(c: char) -> bool {
    let compat: String = c.to_string().nfkd().collect();
    c.general_category_group() == GeneralCategoryGroup::Symbol
        && compat.chars().count() >= 2
        && compat.chars().all(|l| l.is_ascii_uppercase())
}

/// A punctuation mark, symbol or space character (General Category P, S or Z): it
/// separates words even where UTS #39 drops it from skeletons (`႞`).
fn is_punctuation_symbol_or_space(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Punctuation
            | GeneralCategoryGroup::Symbol
            | GeneralCategoryGroup::Separator
    )
}

/// A letter or a digit (General Category L or N).
fn is_alnum(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

struct Gen {
    fold: HashMap<char, String>,
    /// Look-alikes beyond UTS #39, from `data/lookalikes.txt`.
    lookalikes: HashMap<char, String>,
    /// Compatibility forms before look-alikes; false only to report what the order changes.
    compat_first: bool,
}

impl Gen {
    fn new(compat_first: bool) -> Gen {
        Gen {
            fold: load_case_folding(),
            lookalikes: load_lookalikes(),
            compat_first,
        }
    }

    fn is_ignorable(c: char) -> bool {
        // UTS #39 drops default-ignorable code points from skeletons; a code point whose
        // skeleton is empty is one of them. Unassigned code points, private use and
        // noncharacters carry no letter either; structural rules report them.
        is_combining_mark(c)
            || unicode_security::skeleton(c.encode_utf8(&mut [0; 4]))
                .next()
                .is_none()
            || not_a_character(c)
    }

    /// NFKD, drop combining marks and ignorables, full case fold.
    fn base(&self, s: &str) -> String {
        let mut out = String::new();
        for c in s.nfkd() {
            if Self::is_ignorable(c) {
                continue;
            }
            match self.fold.get(&c) {
                Some(f) => out.push_str(f),
                None => out.push(c),
            }
        }
        out
    }

    /// One step: a character listed in `data/lookalikes.txt` becomes its entry; any other
    /// compatibility character becomes its compatibility form first (`ſ` is `s`, `ᶻ` is
    /// `z`, whatever UTS #39 likens them to), and only a character without one (on the
    /// next step, that form) becomes its UTS #39 prototype; then NFKD, marks and
    /// ignorables dropped, case folded.
    fn step(&self, s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            let compat = c.to_string().nfkd().ne(std::iter::once(c));
            if let Some(extra) = self.lookalikes.get(&c) {
                out.push_str(&self.base(extra));
            } else if compat && self.compat_first {
                // Not case folded yet: the look-alikes of the next step are those of the
                // form as written (`𝚩` is `Β`, which looks like `B`; its lowercase `β`
                // looks like `ß`).
                out.extend(c.to_string().nfkd().filter(|&d| !Self::is_ignorable(d)));
            } else {
                let proto: String =
                    unicode_security::skeleton(c.encode_utf8(&mut [0; 4])).collect();
                let latin = proto.chars().all(|p| p.is_ascii_alphanumeric());
                if compat && !latin {
                    out.push_str(&self.base(&c.to_string()));
                } else {
                    out.push_str(&self.base(&proto));
                }
            }
        }
        out
    }

    /// How a mapped code point came to its skeleton, as a `ReadingKind` variant: a
    /// compatibility form (`ſ`, `Ａ`, `𝐀`, `Ⓜ`, and canonical singletons such as the
    /// Kelvin sign), a letter with a diacritic (`á`), a case form whose fold is ASCII
    /// (`ẞ`), or else a look-alike (Cyrillic `А`).
    fn read_as(&self, c: char) -> &'static str {
        let nfd: String = c.to_string().nfd().collect();
        let nfkd: String = c.to_string().nfkd().collect();
        if nfkd != nfd {
            "Compatibility"
        } else if nfd.chars().any(is_combining_mark) {
            "Diacritic"
        } else if nfd != c.to_string() {
            "Compatibility"
        } else if self.fold.get(&c).is_some_and(|f| f.is_ascii()) {
            "Case"
        } else {
            "Lookalike"
        }
    }

    fn fixed_point(&self, c: char) -> String {
        let mut s = c.to_string();
        for _ in 0..16 {
            let next = self.step(&s);
            if next == s {
                return s;
            }
            s = next;
        }
        panic!("no fixed point for U+{:04X}", c as u32);
    }
}

/// Union-find over output symbols.
struct Classes {
    parent: BTreeMap<char, char>,
}

impl Classes {
    fn find(&mut self, c: char) -> char {
        let p = *self.parent.get(&c).unwrap_or(&c);
        if p == c {
            return c;
        }
        let r = self.find(p);
        self.parent.insert(c, r);
        r
    }
    fn rank(c: char) -> (u8, char) {
        if c.is_ascii_lowercase() {
            (0, c)
        } else if c.is_ascii_digit() {
            (1, c)
        } else {
            (2, c)
        }
    }
    fn union(&mut self, a: char, b: char) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (keep, other) = if Self::rank(ra) <= Self::rank(rb) {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent.insert(other, keep);
    }
}

fn generate() -> String {
    let gen = Gen::new(true);

    // 1. The directed fixed point of every code point.
    let raw: Vec<(char, String)> = all_chars().map(|c| (c, gen.fixed_point(c))).collect();
    let raw_of: HashMap<char, &str> = raw.iter().map(|(c, s)| (*c, s.as_str())).collect();

    // 2. Merge output symbols that case folding forces together. Only ASCII letters are
    //    constrained: a case-insensitive matcher must treat `I` and `i` alike, and UTS #39
    //    maps `I` to `l`, so `i` and `l` become one symbol. Constraining every cased code
    //    point would chain unrelated letters together through rare case pairs.
    let mut classes = Classes {
        parent: BTreeMap::new(),
    };
    for c in 'A'..='Z' {
        let upper = &raw_of[&c];
        let lower = gen.fixed_point_of_str(&gen.base(&c.to_string()), &raw_of);
        let mut a = upper.chars();
        let mut b = lower.chars();
        if let (Some(x), None, Some(y), None) = (a.next(), a.next(), b.next(), b.next()) {
            classes.union(x, y);
        }
    }
    let mut rep = |s: &str| -> String { s.chars().map(|c| classes.find(c)).collect() };

    // 2a. Second readings: a letter a person may also take for another letter than its
    //     skeleton's (`ſ` is `s` by its compatibility form and looks like `f`, as UTS #39
    //     says; Warang Citi `𑣄` was `z` in UTS #39 before it became `y`; leetspeak writes
    //     `ß` for `b`). Candidates, first found kept: a leetspeak form whose key is a
    //     letter, the prototype in the confusables of Unicode 13.0 and of the current
    //     version, and the compatibility form; one counts when it is a single ASCII letter
    //     other than every letter of the skeleton.
    let leet_data = load_leet();
    let upside_down = load_upside_down();
    let also = second_readings(&gen, &raw, &raw_of, &leet_data, &upside_down, &mut rep);

    // 2b. Transliteration: the Latin letters of each letter of the scripts a name may
    //     spell a term in by sound (`Мікрософт`, `マイクロ`), from any_ascii, with their
    //     skeleton and whether that differs from the letter's own.
    let Transliterations {
        letters: translit,
        pairs: translit_pairs,
        spoken_after,
    } = transliterations(&raw, &mut rep);
    let translit_differs: std::collections::HashSet<u32> =
        translit.iter().filter(|t| t.3).map(|t| t.0).collect();

    // 3. Classify and build ranges.
    let mut pool = String::new();
    let mut pool_index: HashMap<String, (u32, u8)> = HashMap::new();
    let mut ranges: Vec<(u32, Kind, u32, u8)> = Vec::new();
    let mut ascii = Vec::new();
    let mut read_as: Vec<(u32, &str)> = Vec::new();
    for (c, s) in &raw {
        let mut mapped: String = rep(s).chars().filter(|c| is_alnum(*c)).collect();
        // The reader collapses a repeated letter within one code point's skeleton, but a
        // repeated expansion (`㎜` is `rnrn`) only across code points: collapse it here, so
        // that `㎜` reads as `mm` does.
        while let Some(at) = mapped.find("rnrn") {
            mapped.replace_range(at..at + 2, "");
        }
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            mapped.clear();
        }
        // A symbol or punctuation mark whose compatibility form holds no letter counts as a
        // letter only when it looks like ASCII letters or digits (`∪` is `U`); otherwise it
        // separates words, even where UTS #39 likens it to a letter of some script (`—` to
        // the katakana `ー`).
        let compat_has_alnum = gen.base(&c.to_string()).chars().any(is_alnum);
        if !is_alnum(*c) && !compat_has_alnum && !mapped.chars().all(|m| m.is_ascii_alphanumeric())
        {
            mapped.clear();
        }
        // A sign written with capital letters (`™` is `TM`, `℠`, `℡`, `㏚`, `🅪`) is a sign
        // between words, not letters: `Micro™soft` is `Micro soft`.
        if is_abbreviation_sign(*c) {
            mapped.clear();
        }
        let (kind, off, len) = if c.is_ascii() && !c.is_ascii_alphanumeric() {
            // ASCII punctuation always separates words; leetspeak may turn some into letters.
            (Kind::Separator, 0, 0)
        } else if mapped.is_empty() {
            // Nothing visible is left: an ignorable or a mark stays invisible to word
            // segmentation, anything else (space, punctuation, symbol) separates words.
            if is_combining_mark(*c) {
                (Kind::Mark, 0, 0)
            } else if s.is_empty() && !c.is_whitespace() && !is_punctuation_symbol_or_space(*c) {
                (Kind::Ignorable, 0, 0)
            } else {
                (Kind::Separator, 0, 0)
            }
        } else if mapped.len() == c.len_utf8() && mapped.starts_with(*c) {
            (Kind::Letter, 0, 0)
        } else {
            let (off, len) = *pool_index.entry(mapped.clone()).or_insert_with(|| {
                let off = pool.len() as u32;
                pool.push_str(&mapped);
                (off, mapped.len() as u8)
            });
            (Kind::Mapped, off, len)
        };
        if c.is_ascii() {
            let b = mapped.as_bytes();
            ascii.push((
                kind,
                [
                    b.first().copied().unwrap_or(0),
                    b.get(1).copied().unwrap_or(0),
                ],
            ));
            assert!(mapped.len() <= 2, "ASCII skeleton longer than 2 bytes");
        }
        let cp = *c as u32;
        if kind == Kind::Mapped && !c.is_ascii() {
            let why = gen.read_as(*c);
            if read_as.last().is_none_or(|&(_, last)| last != why) {
                read_as.push((cp, why));
            }
        }
        // A letter with a second reading starts a range of its own, so that the census
        // (which reads each range's first code point) sees its second letter; a letter
        // with a transliteration is a range of its own, so that the census sees its Latin
        // letters, and only its.
        let extends = match ranges.last() {
            Some(&(_, k, _, _)) => {
                k == kind
                    && kind != Kind::Mapped
                    && !also.contains_key(&(*c as u32))
                    && !translit_differs.contains(&(*c as u32))
                    && !translit_differs.contains(&(*c as u32 - 1))
            }
            None => false,
        };
        // Surrogates are not chars; a range may span them harmlessly.
        if !extends {
            ranges.push((cp, kind, off, len));
        }
    }

    // 4. Leetspeak, over compatibility variants of each key: the one or two letters each
    //    stands for. A key that is a letter (`ß`) is a second reading, above.
    //    Turned glyphs that are symbols (`∀`, `∩`) are read so too.
    let turned_symbols = upside_down
        .iter()
        .filter(|(glyph, _)| !glyph.is_alphabetic())
        .map(|(glyph, letter)| (*glyph, letter.to_string()));
    let mut leet_target: HashMap<char, [u8; 2]> = HashMap::new();
    for (key, letters) in leet_data.single.iter().cloned().chain(turned_symbols) {
        if key.is_alphabetic() {
            continue;
        }
        let letters = rep(&letters);
        let b = letters.as_bytes();
        assert!(b.len() <= 2 && b.iter().all(u8::is_ascii_lowercase));
        leet_target
            .entry(key)
            .or_insert([b[0], b.get(1).copied().unwrap_or(0)]);
    }
    // Each entry holds the letter without leetspeak (only ASCII punctuation that UTS #39
    // likens to a letter has one: `|` is `l`) and the letters with it.
    let mut leet: Vec<(u32, u8, [u8; 2])> = Vec::new();
    let mut ascii_leet = [(0u8, [0u8; 2]); 128];
    for c in all_chars() {
        let compat: String = c
            .to_string()
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .collect();
        let single = |s: &str| {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(k), None) => Some(k),
                _ => None,
            }
        };
        // Keyed on the compatibility form (`＄` is `$`). Letters whose skeleton holds a digit
        // (`З` is `3`) are handled per skeleton symbol at run time.
        let on = single(&compat)
            .and_then(|k| leet_target.get(&k))
            .copied()
            .unwrap_or([0; 2]);
        let off = if c.is_ascii_punctuation() {
            let proto: String = unicode_security::skeleton(c.encode_utf8(&mut [0; 4])).collect();
            match single(&proto) {
                Some(p) if p.is_ascii_alphanumeric() => {
                    rep(&gen.base(&p.to_string())).as_bytes()[0]
                }
                _ => 0,
            }
        } else {
            0
        };
        if on[0] == 0 && off == 0 {
            continue;
        }
        let on = if on[0] == 0 { [off, 0] } else { on };
        if c.is_ascii() {
            ascii_leet[c as usize] = (off, on);
        }
        leet.push((c as u32, off, on));
    }

    // 5. Unassigned code points (UTS #39 Not_Character, less private use, noncharacters
    //    and surrogates, which structural rules name separately).
    let mut unassigned: Vec<(u32, u32)> = Vec::new();
    for c in all_chars() {
        let cp = c as u32;
        let nonchar = (0xFDD0..=0xFDEF).contains(&cp) || (cp & 0xFFFE) == 0xFFFE;
        if c.general_category() == GeneralCategory::Unassigned && !nonchar {
            match unassigned.last_mut() {
                Some(last) if last.1 + 1 == cp || (last.1 == 0xD7FF && cp == 0xE000) => last.1 = cp,
                _ => unassigned.push((cp, cp)),
            }
        }
    }

    // 6. Script groups and right-to-left letters, for the structural rules.
    let groups = script_groups();
    let rtl = right_to_left();
    let emoji = emoji();

    // 7. Emit.
    let version = unicode_version();
    let mut out = String::new();
    let _ = write!(
        out,
        "// @generated by tools/gen-tables; do not edit by hand.\n\
         //\n\
         // Regenerate: cargo run --manifest-path tools/gen-tables/Cargo.toml\n\
         // Sources: unicode-security 0.1.3 (UTS #39 confusables, default ignorables and\n\
         // augmented script sets), unicode-security 0.0.5 (the confusables of Unicode 13.0, for\n\
         // second readings), unicode-normalization 0.1.26 (NFKD and combining marks),\n\
         // data/CaseFolding.txt (full case folding), data/lookalikes.txt (look-alikes\n\
         // beyond UTS #39), data/leet.txt (leetspeak),\n\
         // data/upside-down.txt (upside-down letters), data/sounds.txt (how letters sound),\n\
         // data/respellings.txt (spellings by sound), any_ascii 0.3.3\n\
         // (transliteration), data/transliteration.txt (transliteration beyond it), unicode-properties 0.1.5 (General Category, emoji properties)\n\
         // and unicode-script 0.5.9 (scripts), all Unicode {v}; unicode-bidi 0.3.18 (bidi\n\
         // classes, Unicode {bidi}).\n\
         // Unicode data is subject to the Unicode License v3 (data/LICENSE-UNICODE).\n\n",
        v = dotted(version),
        bidi = dotted(unicode_bidi::UNICODE_VERSION),
    );
    out.push_str("use crate::verdict::ReadingKind;\n\n");
    let _ = writeln!(
        out,
        "/// The version of Unicode whose data the skeleton tables were generated from.\n\
         pub const UNICODE_VERSION: (u8, u8, u8) = ({}, {}, {});\n",
        version.0, version.1, version.2
    );
    out.push_str(
        "/// What a code point is to the reader.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
         pub(crate) enum Kind {\n    \
             /// A letter or digit that is its own skeleton.\n    \
             Letter,\n    \
             /// A letter or digit whose skeleton is a string of [`POOL`].\n    \
             Mapped,\n    \
             /// A space, punctuation mark or symbol: nothing in the skeleton, and a word boundary.\n    \
             Separator,\n    \
             /// A default-ignorable or unassigned code point: nothing at all.\n    \
             Ignorable,\n    \
             /// A combining mark: nothing in the skeleton; it belongs to the letter before it.\n    \
             Mark,\n\
         }\n\n",
    );
    let _ = writeln!(out, "/// Kind of each ASCII byte.\n#[rustfmt::skip]\npub(crate) const ASCII_KIND: [Kind; 128] = [");
    rows(&mut out, &ascii, 8, |(k, _)| format!("Kind::{k:?}"));
    out.push('\n');
    let _ = writeln!(out, "/// Skeleton of each ASCII byte: up to two bytes, zero-padded.\n#[rustfmt::skip]\npub(crate) const ASCII_SKELETON: [[u8; 2]; 128] = [");
    rows(&mut out, &ascii, 8, |(_, s)| {
        format!("[{}, {}]", s[0], s[1])
    });
    out.push('\n');
    let _ = writeln!(out, "/// The letter each ASCII byte stands for without leetspeak, and the one or two letters it\n/// stands for with it (the second 0 when there is one); 0 when none.\n#[rustfmt::skip]\npub(crate) const ASCII_LEET: [(u8, [u8; 2]); 128] = [");
    rows(&mut out, &ascii_leet, 8, |(off, on)| {
        format!("({off}, [{}, {}])", on[0], on[1])
    });
    out.push('\n');
    let _ = writeln!(out, "/// Leetspeak: (code point, letter without leetspeak, one or two letters with it),\n/// sorted.\n#[rustfmt::skip]\npub(crate) static LEET: [(u32, u8, [u8; 2]); {}] = [", leet.len());
    rows(&mut out, &leet, 6, |(c, off, on)| {
        format!("(0x{c:X}, {off}, [{}, {}])", on[0], on[1])
    });
    out.push('\n');
    let flipped: Vec<char> = ('a'..='z')
        .map(|letter| {
            let first = upside_down.iter().find(|(_, l)| *l == letter);
            first
                .unwrap_or_else(|| panic!("{UPSIDE_DOWN}: no glyph for {letter}"))
                .0
        })
        .collect();
    let _ = writeln!(out, "/// Upside-down text: the letters `a` to `z` turned half round, as fancy-text generators\n/// write them (in reverse order).\n#[rustfmt::skip]\npub(crate) const UPSIDE_DOWN: [char; 26] = {flipped:?};\n");
    let _ = writeln!(out, "/// Second readings: (code point, the skeleton of the letter it is also read as, zero-padded,\n/// and how), sorted; a letter a person may take for another letter than its skeleton's (UTS #39 prototypes old and\n/// new, compatibility forms, leetspeak letters in `data/leet.txt`).\n#[rustfmt::skip]\npub(crate) static ALSO: [(u32, [u8; 2], ReadingKind); {}] = [", also.len());
    let also: Vec<(u32, ([u8; 2], &str))> = also.into_iter().collect();
    rows(&mut out, &also, 4, |(c, (l, why))| {
        format!("(0x{c:X}, [{}, {}], ReadingKind::{why})", l[0], l[1])
    });
    out.push('\n');
    let _ = writeln!(out, "/// Transliteration (any_ascii): (code point, its Latin letters, their skeleton, whether\n/// that is not the letter's own skeleton), sorted; letters of the scripts a name may spell\n/// a term in by sound.\n#[rustfmt::skip]\npub(crate) static TRANSLIT: [(u32, &str, &str, bool); {}] = [", translit.len());
    rows(&mut out, &translit, 4, |(c, latin, skeleton, differs)| {
        format!("(0x{c:X}, {latin:?}, {skeleton:?}, {differs})")
    });
    out.push('\n');
    let _ = writeln!(out, "/// Two letters read together in the transliterated reading (data/transliteration.txt,\n/// and each letter of [`SPOKEN_AFTER`] with the letter after it): (first, second, their\n/// Latin letters, the skeleton of those), sorted.\n#[rustfmt::skip]\npub(crate) static TRANSLIT_PAIRS: [(u32, u32, &str, &str); {}] = [", translit_pairs.len());
    rows(&mut out, &translit_pairs, 4, |(a, b, latin, skeleton)| {
        format!("(0x{a:X}, 0x{b:X}, {latin:?}, {skeleton:?})")
    });
    out.push('\n');
    let _ = writeln!(out, "/// The transliterated letters written before the letter they are spoken after (Unicode's\n/// Logical_Order_Exception: Thai `ไม` is `mai`), sorted: each is read after the letter\n/// that follows it, as a pair of [`TRANSLIT_PAIRS`].\n#[rustfmt::skip]\npub(crate) static SPOKEN_AFTER: [u32; {}] = [", spoken_after.len());
    rows(&mut out, &spoken_after, 8, |c| format!("0x{c:X}"));
    out.push('\n');
    let hangul = hangul_latin();
    let _ = writeln!(out, "/// The Latin letters of the parts of a Hangul syllable (any_ascii, the Revised\n/// Romanization read part by part): its 19 leading consonants, 21 vowels and 28 trailing\n/// consonants (the first none), for an alias's parts (see `mixed_forms`); Hangul is not\n/// transliterated in a name's readings.\n#[rustfmt::skip]\npub(crate) static HANGUL_LATIN: [&[&str]; 3] = [");
    for part in &hangul {
        let quoted: Vec<String> = part.iter().map(|l| format!("{l:?}")).collect();
        let _ = writeln!(out, "    &[{}],", quoted.join(", "));
    }
    out.push_str("];\n\n");
    let mut multi: Vec<(&str, char)> = leet_data
        .multi
        .iter()
        .map(|(run, letter)| (run.as_str(), *letter))
        .collect();
    // Longest first, so that the first that matches is the longest.
    multi.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    let _ = writeln!(out, "/// Multi-character leetspeak (`data/leet.txt`): (ASCII run in lowercase, the letter it\n/// draws), longest first.\n#[rustfmt::skip]\npub(crate) const MULTI_LEET: [(&[u8], u8); {}] = [", multi.len());
    for (run, letter) in &multi {
        assert!(run.is_ascii() && run.len() >= 2 && letter.is_ascii_lowercase());
        let _ = writeln!(out, "    (b{run:?}, b'{letter}'),");
    }
    out.push_str("];\n\n");
    let _ = writeln!(out, "/// Skeleton strings of mapped code points, concatenated.\n#[rustfmt::skip]\npub(crate) static POOL: &str = {pool:?};\n");
    let _ = writeln!(out, "/// Every code point, as sorted ranges: (first code point, kind, pool offset, pool length).\n/// A range runs to the next range's first code point.\n#[rustfmt::skip]\npub(crate) static RANGES: [(u32, Kind, u32, u8); {}] = [", ranges.len());
    rows(&mut out, &ranges, 4, |(c, k, o, l)| {
        format!("(0x{c:X}, Kind::{k:?}, {o}, {l})")
    });
    out.push('\n');
    let _ = writeln!(out, "/// How each mapped code point beyond ASCII came to its skeleton, for the readings of a\n/// violation: sorted (first code point, how), each up to the next; a code point that is\n/// not mapped may fall anywhere.\n#[rustfmt::skip]\npub(crate) static READ_AS: [(u32, ReadingKind); {}] = [", read_as.len());
    rows(&mut out, &read_as, 4, |(c, why)| {
        format!("(0x{c:X}, ReadingKind::{why})")
    });
    out.push('\n');
    let _ = writeln!(out, "/// Unassigned code points, as sorted inclusive ranges.\n#[rustfmt::skip]\npub(crate) static UNASSIGNED: [(u32, u32); {}] = [", unassigned.len());
    rows(&mut out, &unassigned, 6, |(a, b)| {
        format!("(0x{a:X}, 0x{b:X})")
    });
    out.push('\n');
    emit_script_groups(&mut out, &groups);
    let _ = writeln!(out, "/// Letters written right to left (bidi class R or AL), as sorted inclusive ranges.\n#[rustfmt::skip]\npub(crate) static RIGHT_TO_LEFT: [(u32, u32); {}] = [", rtl.len());
    rows(&mut out, &rtl, 6, |(a, b)| format!("(0x{a:X}, 0x{b:X})"));
    out.push('\n');
    let _ = writeln!(
        out,
        "/// A class of [`EMOJI`] (class {EMOJI_PLAIN} is any other emoji): Emoji_Modifier_Base,\n\
         /// which a skin-tone modifier may follow.\n\
         pub(crate) const EMOJI_MODIFIER_BASE: u8 = {EMOJI_MODIFIER_BASE};\n\
         /// Emoji_Modifier: a skin-tone modifier.\n\
         pub(crate) const EMOJI_MODIFIER: u8 = {EMOJI_MODIFIER};\n"
    );
    let _ = writeln!(out, "/// Emoji characters (UTS #51 Emoji=Yes), as sorted inclusive ranges with their class.\n#[rustfmt::skip]\npub(crate) static EMOJI: [(u32, u32, u8); {}] = [", emoji.len());
    rows(&mut out, &emoji, 6, |(a, b, k)| {
        format!("(0x{a:X}, 0x{b:X}, {k})")
    });
    out.push('\n');
    let tags = load_emoji_tag_sequences();
    let _ = writeln!(out, "/// The RGI emoji tag sequences (subdivision flags), from `{EMOJI_TAG_SEQUENCES}`: the\n/// only tag sequences that are emoji.\n#[rustfmt::skip]\npub(crate) static RGI_EMOJI_TAG_SEQUENCES: [&str; {}] = [", tags.len());
    for sequence in &tags {
        let text: String = sequence
            .iter()
            .map(|&cp| format!("\\u{{{cp:X}}}"))
            .collect();
        let _ = writeln!(out, "    \"{text}\",");
    }
    out.push_str("];\n");
    let sounds = load_sounds();
    let _ = writeln!(out, "\n/// How spellings sound (`{SOUNDS}`): (spelling, sound), the spellings of two letters\n/// first; the sound is empty for a silent letter.\n#[rustfmt::skip]\npub(crate) static SOUNDS: [(&[u8], &[u8]); {}] = [", sounds.len());
    for (spelling, sound) in &sounds {
        let _ = writeln!(out, "    (b\"{spelling}\", b\"{sound}\"),");
    }
    out.push_str("];\n");
    let respellings = load_respellings();
    let _ = writeln!(out, "\n/// How other scripts write Latin spellings by sound (`{RESPELLINGS}`): (spelling,\n/// respelling), the longest spellings first.\n#[rustfmt::skip]\npub(crate) static RESPELLINGS: [(&[u8], &[u8]); {}] = [", respellings.len());
    for (spelling, respelling) in &respellings {
        let _ = writeln!(out, "    (b\"{spelling}\", b\"{respelling}\"),");
    }
    out.push_str("];\n");
    out
}

/// The second reading of each letter that has one: see step 2a of [`generate`].
fn second_readings(
    gen: &Gen,
    raw: &[(char, String)],
    raw_of: &HashMap<char, &str>,
    leet: &Leet,
    upside_down: &[(char, char)],
    rep: &mut impl FnMut(&str) -> String,
) -> BTreeMap<u32, ([u8; 2], &'static str)> {
    let single = |s: &str| {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        }
    };
    let leet_letter: HashMap<char, char> = leet
        .single
        .iter()
        .filter(|(key, letters)| key.is_alphabetic() && letters.len() == 1)
        .map(|(key, letters)| (*key, letters.chars().next().unwrap_or('?')))
        .collect();
    let mut also = BTreeMap::new();
    for (c, s) in raw {
        if c.is_ascii() || !is_alnum(*c) {
            continue;
        }
        let skeleton: String = rep(s).chars().filter(|c| is_alnum(*c)).collect();
        if skeleton.is_empty() {
            continue;
        }
        let mut buf = [0; 4];
        let now: String = unicode_security::skeleton(c.encode_utf8(&mut buf)).collect();
        let then: String = unicode_security_13::skeleton(c.encode_utf8(&mut buf)).collect();
        let compat: String = c.to_string().nfkd().collect();
        let candidates = [
            (leet_letter.get(c).map(|l| l.to_string()), "Leetspeak"),
            (Some(then), "Lookalike"),
            (Some(now), "Lookalike"),
            (Some(compat), "Compatibility"),
            (
                upside_down
                    .iter()
                    .find(|(glyph, _)| glyph == c)
                    .map(|(_, letter)| letter.to_string()),
                "UpsideDown",
            ),
        ];
        let second = candidates.into_iter().find_map(|(text, why)| {
            let k = single(&text?)?;
            // The skeleton of the letter (`m` is `rn`).
            let letter = rep(&gen.fixed_point_of_str(&k.to_string(), raw_of));
            let ok = k.is_alphabetic()
                && (1..=2).contains(&letter.len())
                && letter.bytes().all(|b| b.is_ascii_lowercase())
                && !skeleton.contains(&letter);
            let b = letter.as_bytes();
            ok.then(|| ([b[0], b.get(1).copied().unwrap_or(0)], why))
        });
        if let Some(letter) = second {
            also.insert(*c as u32, letter);
        }
    }
    also
}

/// Writes `items`, `per_row` to a line, each as `item` formats it, and closes the array.
fn rows<T>(out: &mut String, items: &[T], per_row: usize, item: impl Fn(&T) -> String) {
    for chunk in items.chunks(per_row) {
        let row: Vec<String> = chunk.iter().map(&item).collect();
        let _ = writeln!(out, "    {},", row.join(", "));
    }
    out.push_str("];\n");
}

/// `(18, 0, 0)` as `18.0.0`.
fn dotted<T: std::fmt::Display>((a, b, c): (T, T, T)) -> String {
    format!("{a}.{b}.{c}")
}

/// The Unicode version of the sources, which must all agree: the skeleton tables mix them.
fn unicode_version() -> (u8, u8, u8) {
    let narrow = |(a, b, c): (u64, u64, u64)| (a as u8, b as u8, c as u8);
    let version = unicode_normalization::UNICODE_VERSION;
    assert_eq!(narrow(unicode_security::UNICODE_VERSION), version);
    assert_eq!(narrow(unicode_script::UNICODE_VERSION), version);
    let folding = std::fs::read_to_string(CASE_FOLDING).unwrap_or_default();
    let header = format!("# CaseFolding-{}.txt", dotted(version));
    assert!(
        folding.starts_with(&header),
        "{CASE_FOLDING} is not Unicode {}",
        dotted(version)
    );
    version
}

/// Script groups of the mixed-script rule: a cheap stand-in for the script of a word
/// character, such that characters of one group always share a script (so a word of one
/// group needs no further look). Group 0 is neutral (Common and Inherited characters, which
/// go with any script, in the augmented sense of UTS #39), group 1 is a group of its own
/// for each character (several scripts at once); Han, Kana (Hiragana with Katakana) and
/// Hangul have fixed groups, which Japanese and Korean names combine; every other script
/// has one of its own.
const GROUP_NEUTRAL: u8 = 0;
const GROUP_OWN: u8 = 1;
const GROUP_HAN: u8 = 2;
const GROUP_KANA: u8 = 3;
const GROUP_HANGUL: u8 = 4;

/// The scripts whose letters are transliterated: those a name may write a Latin term in by
/// sound (Cyrillic, Greek, Armenian, Georgian, Hebrew, Arabic, Thaana, Ethiopic, the
/// Brahmic scripts of South and Southeast Asia from Devanagari to Sinhala, Thai, Lao,
/// Myanmar and Khmer, and katakana, in which Japanese writes foreign names). Han and Hangul are left out: their
/// readings of a Latin name are far from its letters (`微软` is `Wei Ruan`,
/// `마이크로소프트` `maikeulosopeuteu`); so is hiragana, in which Japanese writes its own
/// words, whose syllables read as many a near miss of a short term (`はずれ` is `hazure`).
const TRANSLITERATED_SCRIPTS: &[unicode_script::Script] = {
    use unicode_script::Script::*;
    &[
        Cyrillic, Greek, Armenian, Georgian, Hebrew, Arabic, Thaana, Ethiopic, Devanagari,
        Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai,
        Lao, Myanmar, Khmer, Katakana,
    ]
};

/// The letters with the Unicode property Logical_Order_Exception: the vowels that Thai,
/// Lao and a few other scripts write before the consonant they are spoken after (Thai
/// `ไม` is `mai`, not `aim`).
fn logical_order_exceptions() -> Vec<char> {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::parse(r"\p{Logical_Order_Exception}")
        .expect("regex-syntax knows Logical_Order_Exception");
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        panic!("\\p{{Logical_Order_Exception}} is a class of code points");
    };
    class
        .iter()
        .flat_map(|range| range.start()..=range.end())
        .collect()
}

/// Every letter of [`TRANSLITERATED_SCRIPTS`] that has Latin letters (any_ascii,
/// lowercased, letters only), the pairs read together, and the letters spoken after the
/// next one (see [`logical_order_exceptions`]); `raw` is every code point's skeleton
/// before merging, in code point order.
fn transliterations(
    raw: &[(char, String)],
    rep: &mut dyn FnMut(&str) -> String,
) -> Transliterations {
    use unicode_script::UnicodeScript;
    let extra = load_transliteration();
    // Each letter with its uppercase form.
    let cases = |c: char| -> Vec<char> {
        let mut v = vec![c];
        v.extend(c.to_uppercase().filter(|&u| u != c));
        v
    };
    // The skeleton of each ASCII letter (`m` is `rn`).
    let ascii: Vec<String> = (0u8..128)
        .map(|b| match char::from(b) {
            c if c.is_ascii_alphabetic() => rep(&raw[usize::from(b)].1)
                .chars()
                .filter(|c| is_alnum(*c))
                .collect(),
            _ => String::new(),
        })
        .collect();
    let mut out = Vec::new();
    for (c, s) in raw {
        if !c.is_alphabetic() || !TRANSLITERATED_SCRIPTS.contains(&c.script()) {
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(*c);
        let overridden = extra
            .iter()
            .find(|(letters, _)| letters == &[lower])
            .map(|(_, latin)| latin.clone());
        let latin: String = overridden.unwrap_or_else(|| {
            any_ascii::any_ascii_char(*c)
                .chars()
                .filter(char::is_ascii_alphabetic)
                .map(|l| l.to_ascii_lowercase())
                .collect()
        });
        if latin.is_empty() {
            continue;
        }
        let skeleton: String = latin
            .bytes()
            .map(|b| ascii[usize::from(b)].as_str())
            .collect();
        let own: String = rep(s).chars().filter(|c| is_alnum(*c)).collect();
        let differs = skeleton != own;
        out.push((*c as u32, latin, skeleton, differs));
    }
    // A vowel written before the consonant it is spoken after is read after it: each such
    // vowel and each letter of its script that follows it are a pair.
    let before = logical_order_exceptions();
    let mut extra = extra;
    for &(vowel, ref vowel_latin, ..) in out.iter().filter(|t| before.contains(&char_of(t.0))) {
        let vowel = char_of(vowel);
        for &(letter, ref latin, ..) in &out {
            let letter = char_of(letter);
            let listed = extra.iter().any(|(l, _)| l == &[vowel, letter]);
            if letter.script() == vowel.script() && !before.contains(&letter) && !listed {
                extra.push((vec![vowel, letter], format!("{latin}{vowel_latin}")));
            }
        }
    }
    // A letter of a pair is read apart from its own reading: a range of its own too.
    let in_pair = |c: u32| {
        let lower = char_of(c).to_lowercase().next().unwrap_or(char_of(c));
        extra
            .iter()
            .any(|(letters, _)| letters.len() == 2 && letters.contains(&lower))
    };
    for t in &mut out {
        t.3 |= in_pair(t.0);
    }
    let spoken_after = out
        .iter()
        .map(|t| t.0)
        .filter(|&c| before.contains(&char_of(c)))
        .collect();
    let mut pairs = Vec::new();
    for (letters, latin) in extra.iter().filter(|(l, _)| l.len() == 2) {
        let skeleton: String = latin
            .bytes()
            .map(|b| ascii[usize::from(b)].as_str())
            .collect();
        for a in cases(letters[0]) {
            for b in cases(letters[1]) {
                pairs.push((a as u32, b as u32, latin.clone(), skeleton.clone()));
            }
        }
    }
    pairs.sort();
    Transliterations {
        letters: out,
        pairs,
        spoken_after,
    }
}

/// What [`transliterations`] finds.
struct Transliterations {
    /// (code point, Latin letters, their skeleton, whether that differs from the letter's
    /// own skeleton).
    letters: Vec<(u32, String, String, bool)>,
    /// (first, second, Latin letters, skeleton) of two letters read together.
    pairs: Vec<(u32, u32, String, String)>,
    /// The letters spoken after the next one.
    spoken_after: Vec<u32>,
}

/// The script group of every code point, as sorted ranges (first code point, group).
fn script_groups() -> Vec<(u32, u8)> {
    use unicode_script::Script;
    use unicode_security::mixed_script::AugmentedScriptSet;
    let mut ids: HashMap<Script, u8> = HashMap::new();
    let mut ranges: Vec<(u32, u8)> = Vec::new();
    for c in all_chars() {
        let set = AugmentedScriptSet::for_char(c);
        let group = if set.is_all() {
            GROUP_NEUTRAL
        } else if set.base.len() == 1 {
            match set.base.iter().next() {
                Some(Script::Han) => GROUP_HAN,
                Some(Script::Hiragana | Script::Katakana) => GROUP_KANA,
                Some(Script::Hangul) => GROUP_HANGUL,
                Some(script) => {
                    let next = 5 + ids.len() as u8;
                    assert!(next < u8::MAX, "too many scripts for a byte");
                    *ids.entry(script).or_insert(next)
                }
                None => GROUP_OWN,
            }
        } else {
            GROUP_OWN
        };
        if ranges.last().is_none_or(|&(_, g)| g != group) {
            ranges.push((c as u32, group));
        }
    }
    ranges
}

fn emit_script_groups(out: &mut String, ranges: &[(u32, u8)]) {
    let _ = writeln!(
        out,
        "/// Script groups (see the mixed-script rule): characters of one group share a script.\n\
         pub(crate) const GROUP_NEUTRAL: u8 = {GROUP_NEUTRAL};\n\
         /// A group of its own for each character: it belongs to several scripts.\n\
         pub(crate) const GROUP_OWN: u8 = {GROUP_OWN};\n\
         /// Han ideographs.\n\
         pub(crate) const GROUP_HAN: u8 = {GROUP_HAN};\n\
         /// Hiragana and Katakana.\n\
         pub(crate) const GROUP_KANA: u8 = {GROUP_KANA};\n\
         /// Hangul.\n\
         pub(crate) const GROUP_HANGUL: u8 = {GROUP_HANGUL};\n"
    );
    let _ = writeln!(out, "/// The script group of every code point, as sorted ranges: (first code point, group).\n#[rustfmt::skip]\npub(crate) static SCRIPT_GROUPS: [(u32, u8); {}] = [", ranges.len());
    rows(out, ranges, 8, |(c, g)| format!("(0x{c:X}, {g})"));
    out.push('\n');
}

/// Emoji classes of `EMOJI`, as UTS #51 names the properties.
const EMOJI_PLAIN: u8 = 1;
const EMOJI_MODIFIER_BASE: u8 = 2;
const EMOJI_MODIFIER: u8 = 3;

/// Code points with Emoji=Yes, as inclusive ranges with their class: a modifier
/// (Emoji_Modifier), a base a modifier may follow (Emoji_Modifier_Base), or any other.
fn emoji() -> Vec<(u32, u32, u8)> {
    use unicode_properties::{EmojiStatus, UnicodeEmoji};
    let mut ranges: Vec<(u32, u32, u8)> = Vec::new();
    for c in all_chars() {
        let class = match c.emoji_status() {
            EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent => EMOJI_MODIFIER,
            EmojiStatus::EmojiModifierBase | EmojiStatus::EmojiPresentationAndModifierBase => {
                EMOJI_MODIFIER_BASE
            }
            _ if c.is_emoji_char() => EMOJI_PLAIN,
            _ => continue,
        };
        let cp = c as u32;
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == cp && last.2 == class => last.1 = cp,
            _ => ranges.push((cp, cp, class)),
        }
    }
    ranges
}

/// Code points of bidi class R or AL, as inclusive ranges.
fn right_to_left() -> Vec<(u32, u32)> {
    use unicode_bidi::BidiClass;
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in all_chars() {
        if !matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL) {
            continue;
        }
        let cp = c as u32;
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == cp => last.1 = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    ranges
}

impl Gen {
    /// The fixed point of a string whose code points all have known fixed points.
    fn fixed_point_of_str(&self, s: &str, raw_of: &HashMap<char, &str>) -> String {
        s.chars()
            .map(|c| {
                raw_of
                    .get(&c)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| self.fixed_point(c))
            })
            .collect()
    }
}

/// Prints every code point whose skeleton depends on the order of compatibility forms and
/// look-alikes: `code point, compatibility form first, look-alike first`.
fn order_report() {
    let (first, last) = (Gen::new(true), Gen::new(false));
    for c in all_chars() {
        let (a, b) = (first.fixed_point(c), last.fixed_point(c));
        if a != b {
            println!("{:04X}\t{a}\t{b}", c as u32);
        }
    }
}

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--order-report") {
        order_report();
        return ExitCode::SUCCESS;
    }
    let check = std::env::args().any(|a| a == "--check");
    let fresh = generate();
    if check {
        let current = std::fs::read_to_string(OUTPUT).unwrap_or_default();
        if current == fresh {
            println!("{OUTPUT} matches a fresh regeneration");
            ExitCode::SUCCESS
        } else {
            eprintln!(
                "{OUTPUT} is stale: run `cargo run --manifest-path tools/gen-tables/Cargo.toml`"
            );
            ExitCode::FAILURE
        }
    } else {
        std::fs::write(OUTPUT, fresh).expect("write src/tables.rs");
        println!("wrote {OUTPUT}");
        ExitCode::SUCCESS
    }
}

/// The character of code point `cp`, which a table of characters holds.
fn char_of(cp: u32) -> char {
    char::from_u32(cp).expect("a table of characters holds characters")
}

/// The Latin letters of the leading consonants, vowels and trailing consonants of Hangul
/// syllables, as any_ascii reads syllables made of each with the vowel `ㅏ` or the silent
/// leading `ㅇ` beside it, that letter's own Latin letters taken away.
fn hangul_latin() -> [Vec<String>; 3] {
    let syllable = |l: u32, v: u32, t: u32| {
        let c = char_of(0xAC00 + (l * 21 + v) * 28 + t);
        any_ascii::any_ascii_char(c).to_ascii_lowercase()
    };
    // `ㅇ` (11) leads silently; `ㅏ` (0) is `a`.
    let strip = |latin: String, prefix: &str, suffix: &str| -> String {
        let latin = latin.strip_prefix(prefix).unwrap_or(&latin).to_owned();
        latin.strip_suffix(suffix).unwrap_or(&latin).to_owned()
    };
    [
        (0..19).map(|l| strip(syllable(l, 0, 0), "", "a")).collect(),
        (0..21).map(|v| syllable(11, v, 0)).collect(),
        (0..28).map(|t| strip(syllable(11, 0, t), "a", "")).collect(),
    ]
}
