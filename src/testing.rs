//! Proptest strategies for property tests in downstream CI (feature `proptest`).
//!
//! "Every disguise of every term in OUR policy is denied; none of our customers' names
//! is":
//!
//! ```
//! use name_policy::testing::{assert_evasions_denied, innocent_names};
//! use name_policy::Policy;
//! use name_policy::testing::proptest::prelude::*;
//!
//! // Three lines: every deny term of the policy, disguised every way the engine claims to
//! // see through, 64 times each.
//! let policy = Policy::from_toml_str("version = 1\n[[terms]]\ntext = \"Globex\"\n")?;
//! assert_evasions_denied(&policy, 64);
//!
//! // Or drive the strategies yourself.
//! proptest!(|(name in innocent_names())| {
//!     prop_assert!(policy.is_allowed(&name), "{}", policy.check(&name));
//! });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// The `proptest` crate these strategies are built with, for tests that do not depend on
/// it themselves (`use name_policy::testing::proptest::prelude::*;`).
pub use proptest;

use std::collections::HashMap;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::matcher::MatchScope;
use crate::policy::Policy;
use crate::rule::Severity;
use crate::tables;
use crate::verdict::ViolationKind;
use unicode_normalization::UnicodeNormalization;

/// Which disguises [`evasions_with`] may use. [`Evasions::all`] is what the engine claims
/// to defeat with leetspeak on; change its fields to leave techniques out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Evasions {
    /// Digits and symbols for letters (`M1cr0$oft`). Turn off for policies without
    /// leetspeak.
    pub leet: bool,
    /// Separators between letters (`A z u r e`, `Micro-soft`).
    pub separators: bool,
    /// Where the disguised term may sit in a longer name.
    pub embedding: Embedding,
}

/// Where a disguised term sits in the generated name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Embedding {
    /// Alone, or between other words, or glued to other letters (substring terms).
    Anywhere,
    /// Alone or between other words separated by spaces (word-scoped terms).
    Words,
    /// At the start, possibly followed by other words (prefix terms).
    Start,
    /// Alone (exact terms).
    Alone,
}

impl Evasions {
    /// Every technique, embedded anywhere.
    pub fn all() -> Evasions {
        Evasions {
            leet: true,
            separators: true,
            embedding: Embedding::Anywhere,
        }
    }

    /// The techniques a term of `policy` with `scope` must withstand.
    pub fn for_term(policy: &Policy, scope: MatchScope) -> Evasions {
        Evasions {
            leet: policy.normalizer().is_leet(),
            separators: true,
            embedding: match scope {
                MatchScope::Substring => Embedding::Anywhere,
                MatchScope::Word => Embedding::Words,
                MatchScope::Prefix => Embedding::Start,
                _ => Embedding::Alone,
            },
        }
    }
}

/// Disguises of `term` using every technique the engine claims to defeat: case changes,
/// fullwidth, mathematical and circled forms, look-alikes from the UTS #39 confusables
/// data, diacritics and Zalgo stacks, invisible characters, separators, leetspeak and
/// repeated letters, alone and combined, embedded among other words. Shrinks toward the
/// plain term.
pub fn evasions_of(term: &str) -> impl Strategy<Value = String> {
    evasions_with(term, Evasions::all())
}

/// Disguises of `term` with the chosen techniques.
pub fn evasions_with(term: &str, evasions: Evasions) -> impl Strategy<Value = String> {
    let chars: Vec<char> = term.chars().collect();
    let n = chars.len();
    // Per character: (disguise, which variant, what follows it, which one). Zero is
    // "leave it alone" everywhere, so shrinking leads back to the plain term.
    let per_char = proptest::collection::vec((0u8..10, any::<u8>(), 0u8..3, any::<u8>()), n..=n);
    let embedding = (0u8..5, any::<u8>(), any::<u8>());
    (per_char, embedding).prop_map(move |(plan, (embed, a, b))| {
        let mut core = String::new();
        let mut has_separator = false;
        for (i, (&c, &(how, pick, after, after_pick))) in chars.iter().zip(&plan).enumerate() {
            let last = i + 1 == n;
            let separator_after = evasions.separators && !last && after == 2;
            disguise(
                &mut core,
                c,
                how,
                pick,
                evasions.leet,
                last || separator_after,
            );
            if !last {
                match after {
                    1 => core.push(INVISIBLES[usize::from(after_pick) % INVISIBLES.len()]),
                    2 if evasions.separators => {
                        has_separator = true;
                        core.push(SEPARATORS[usize::from(after_pick) % SEPARATORS.len()]);
                    }
                    _ => {}
                }
            }
        }
        embed_term(core, evasions.embedding, embed, a, b, has_separator)
    })
}

const SEPARATORS: &[char] = &[
    ' ', '-', '.', '_', '/', '·', '\u{00A0}', '\u{3000}', '—', '•',
];

const INVISIBLES: &[char] = &[
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{2060}',
    '\u{00AD}',
    '\u{FEFF}',
    '\u{180E}',
    '\u{2061}',
    '\u{2062}',
    '\u{2063}',
    '\u{2064}',
    '\u{FE0F}',
    '\u{FE00}',
    '\u{E0020}',
    '\u{E0041}',
    '\u{202A}',
    '\u{202E}',
    '\u{2066}',
    '\u{2069}',
    '\u{200E}',
    '\u{200F}',
    '\u{034F}',
    '\u{115F}',
    '\u{3164}',
];

const WORDS: &[&str] = &[
    "Contoso", "Labs", "Cloud", "Tools", "Global", "Team", "Studio",
];

fn disguise(out: &mut String, c: char, how: u8, pick: u8, leet: bool, before_separator: bool) {
    let lower = c.to_ascii_lowercase();
    let pick = usize::from(pick);
    match how {
        1 => out.push(flip_case(c)),
        2 if c.is_ascii_alphanumeric() => out.push(fullwidth(c)),
        3 if c.is_ascii_alphanumeric() => out.push(math_bold(c)),
        4 if c.is_ascii_alphabetic() => out.push(circled(c)),
        5 => match HOMOGLYPHS.get(&lower) {
            Some(list) if !list.is_empty() => out.push(list[pick % list.len()]),
            _ => out.push(c),
        },
        6 => {
            // Diacritics, up to a Zalgo stack.
            out.push(c);
            let marks = 1 + pick % 12;
            for k in 0..marks {
                out.push(
                    char::from_u32(0x300 + ((pick + k * 7) % 0x70) as u32).unwrap_or('\u{301}'),
                );
            }
        }
        7 if leet => {
            let sources = leet_sources(lower);
            // A symbol stands for a letter only when a letter follows it.
            let usable: Vec<char> = sources
                .iter()
                .copied()
                .filter(|s| s.is_ascii_digit() || !before_separator)
                .collect();
            out.push(if usable.is_empty() {
                c
            } else {
                usable[pick % usable.len()]
            });
        }
        8 => {
            out.push(c);
            out.push(c);
        }
        9 if c.is_ascii_alphabetic() => out.push(fancy(lower, pick)),
        _ => out.push(c),
    }
}

/// The letter `c` (ASCII lowercase) in one of the styles of fancy-text generators, chosen
/// by `pick`: the mathematical alphabets, negative circled and squared letters, regional
/// indicators, squared and parenthesized letters, small capitals and the currency-sign
/// alphabet. Written here from the Unicode code charts, independently of the crate's
/// tables.
fn fancy(c: char, pick: usize) -> char {
    let i = c as u32 - 'a' as u32;
    let at = |base: u32| char::from_u32(base + i);
    // Mathematical alphanumerics: bold, italic, bold italic, script, bold script,
    // fraktur, double-struck, bold fraktur, sans-serif (and bold, italic, bold italic),
    // monospace; capitals at each base, small letters 26 later.
    const MATH: [u32; 13] = [
        0x1D400, 0x1D434, 0x1D468, 0x1D49C, 0x1D4D0, 0x1D504, 0x1D538, 0x1D56C, 0x1D5A0, 0x1D5D4,
        0x1D608, 0x1D63C, 0x1D670,
    ];
    const SMALL_CAPS: [char; 26] = [
        'ᴀ', 'ʙ', 'ᴄ', 'ᴅ', 'ᴇ', 'ꜰ', 'ɢ', 'ʜ', 'ɪ', 'ᴊ', 'ᴋ', 'ʟ', 'ᴍ', 'ɴ', 'ᴏ', 'ᴘ', 'ꞯ', 'ʀ',
        'ꜱ', 'ᴛ', 'ᴜ', 'ᴠ', 'ᴡ', 'x', 'ʏ', 'ᴢ',
    ];
    const CURRENCY: [char; 26] = [
        '₳', '฿', '₵', 'Đ', 'Ɇ', '₣', '₲', 'Ⱨ', 'ł', 'J', '₭', 'Ⱡ', '₥', '₦', 'Ø', '₱', 'Q', 'Ɽ',
        '₴', '₮', 'Ʉ', 'V', '₩', 'Ӿ', 'Ɏ', 'Ⱬ',
    ];
    let style = pick % (MATH.len() * 2 + 7);
    let fancy = if style < MATH.len() * 2 {
        at(MATH[style / 2] + if style % 2 == 1 { 26 } else { 0 })
    } else {
        match style - MATH.len() * 2 {
            0 => at(0x1F150), // negative circled
            1 => at(0x1F170), // negative squared
            2 => at(0x1F1E6), // regional indicators
            3 => at(0x1F130), // squared
            4 => at(0x249C),  // parenthesized
            5 => Some(SMALL_CAPS[i as usize]),
            _ => Some(CURRENCY[i as usize]),
        }
    };
    // A few code points of the mathematical alphabets are holes (the letter is an older
    // letterlike symbol, such as script `e`, `ℯ`): the plain letter stands in.
    fancy
        .filter(|&f| !crate::matcher::structure::is_unassigned(f as u32))
        .unwrap_or(c)
}

fn flip_case(c: char) -> char {
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c.to_ascii_uppercase()
    }
}

fn fullwidth(c: char) -> char {
    char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
}

fn math_bold(c: char) -> char {
    let cp = c as u32;
    let mapped = match c {
        'A'..='Z' => 0x1D400 + cp - 'A' as u32,
        'a'..='z' => 0x1D41A + cp - 'a' as u32,
        '0'..='9' => 0x1D7CE + cp - '0' as u32,
        _ => cp,
    };
    char::from_u32(mapped).unwrap_or(c)
}

fn circled(c: char) -> char {
    let cp = c as u32;
    let mapped = match c {
        'A'..='Z' => 0x24B6 + cp - 'A' as u32,
        'a'..='z' => 0x24D0 + cp - 'a' as u32,
        _ => cp,
    };
    char::from_u32(mapped).unwrap_or(c)
}

/// The skeleton bytes of an ASCII character (none for any other).
fn ascii_skeleton(c: char) -> &'static [u8] {
    let Some(sk) = u8::try_from(c)
        .ok()
        .and_then(|b| tables::ASCII_SKELETON.get(usize::from(b)))
    else {
        return &[];
    };
    match (sk[0], sk[1]) {
        (0, _) => &[],
        (_, 0) => &sk[..1],
        _ => &sk[..],
    }
}

/// Look-alikes of each ASCII letter and digit, from the UTS #39 confusables as
/// `unicode-security` carries them, independently of the crate's tables (so that a
/// look-alike the tables miss is a failing test, not a case never tried): every code
/// point past ASCII whose UTS #39 prototype is the prototype of the letter, upper or
/// lower case.
static HOMOGLYPHS: LazyLock<HashMap<char, Vec<char>>> = LazyLock::new(|| {
    let prototype = |c: char| -> String { unicode_security::skeleton(&c.to_string()).collect() };
    let mut by_prototype: HashMap<String, Vec<char>> = HashMap::new();
    for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        // A compatibility character reads as its compatibility form (`ſ` is `s`, though
        // UTS #39 likens it to `f`).
        let compat: String = c.to_string().nfkc().collect();
        let p = match compat.chars().next() {
            Some(f) if compat.chars().count() == 1 => prototype(f),
            _ if compat.chars().ne(std::iter::once(c)) => continue,
            _ => prototype(c),
        };
        if p.chars().count() == 1 && p.chars().all(|p| p.is_ascii_alphanumeric()) {
            by_prototype.entry(p).or_default().push(c);
        }
    }
    let mut out = HashMap::new();
    for c in ('a'..='z').chain('0'..='9') {
        let mut list = Vec::new();
        for form in [c, c.to_ascii_uppercase()] {
            list.extend(by_prototype.get(&prototype(form)).into_iter().flatten());
        }
        list.sort_unstable();
        list.dedup();
        out.insert(c, list);
    }
    out
});

/// Characters that leetspeak reads as `c`: digits and signs, ASCII or not (`4`, `@`,
/// `©`, `°`), and their compatibility forms (`４`).
fn leet_sources(c: char) -> Vec<char> {
    // A letter of two symbols (`m` is `rn`) has none.
    let &[target] = ascii_skeleton(c) else {
        return Vec::new();
    };
    tables::LEET
        .iter()
        .filter(|(_, _, on)| on.contains(&target))
        .filter_map(|&(cp, _, _)| char::from_u32(cp))
        .collect()
}

fn embed_term(
    core: String,
    embedding: Embedding,
    how: u8,
    a: u8,
    b: u8,
    has_separator: bool,
) -> String {
    let w1 = WORDS[usize::from(a) % WORDS.len()];
    let w2 = WORDS[usize::from(b) % WORDS.len()];
    match (embedding, how) {
        (Embedding::Alone, _) | (_, 0) => core,
        (Embedding::Start, _) => format!("{core} {w2}"),
        (Embedding::Words, 1) | (Embedding::Anywhere, 1) => format!("{w1} {core}"),
        (Embedding::Words, 2) | (Embedding::Anywhere, 2) => format!("{core} {w2}"),
        (Embedding::Words, _) => format!("{w1} {core} {w2}"),
        // Glued to other letters only when the term itself holds no separator: a
        // separated term inside longer words reads as two words' ends.
        (Embedding::Anywhere, 3) if !has_separator => format!("{w1}{core}{w2}"),
        (Embedding::Anywhere, 4) if !has_separator => format!("my{core}"),
        (Embedding::Anywhere, _) => format!("{w1} {core} {w2}"),
    }
}

/// Realistic organization names in many scripts, built from ordinary words: none holds
/// a trademark, a misspelling of one, or a structural problem.
pub fn innocent_names() -> impl Strategy<Value = String> {
    let scripts: Vec<(&'static [&'static str], &'static [&'static str])> = vec![
        (LATIN, LATIN_SUFFIXES),
        (CYRILLIC, CYRILLIC_SUFFIXES),
        (GREEK, GREEK_SUFFIXES),
        (CJK, CJK_SUFFIXES),
        (ARABIC, ARABIC_SUFFIXES),
        (HEBREW, HEBREW_SUFFIXES),
        (DEVANAGARI, DEVANAGARI_SUFFIXES),
        (THAI, THAI_SUFFIXES),
        (KOREAN, KOREAN_SUFFIXES),
    ];
    (
        0..scripts.len(),
        proptest::collection::vec(any::<u8>(), 1..=3),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(move |(s, picks, suffix, with_suffix)| {
            let (words, suffixes) = scripts[s];
            let joiner = if std::ptr::eq(words, CJK) || std::ptr::eq(words, THAI) {
                ""
            } else {
                " "
            };
            let mut name: Vec<&str> = picks
                .iter()
                .map(|&p| words[usize::from(p) % words.len()])
                .collect();
            name.dedup();
            let mut out = name.join(joiner);
            if with_suffix {
                out.push_str(joiner);
                out.push_str(suffixes[usize::from(suffix) % suffixes.len()]);
            }
            out
        })
}

const LATIN: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Tailspin",
    "Litware",
    "Alpine",
    "Coho",
    "Wingtip",
    "Proseware",
    "Woodgrove",
    "Lucerne",
    "Fourth",
    "Coffee",
    "Bakery",
    "Travel",
    "Garden",
    "Studio",
    "Labs",
    "Systems",
    "Consulting",
    "Partners",
    "Solutions",
    "Müller",
    "Zoë",
    "Ærø",
    "Øresund",
    "Ñandú",
    "Società",
    "Français",
    "Atelier",
    "Brücke",
    "Łódź",
    "Kraków",
    "Ísland",
    "Håkon",
    "Çelik",
    "Şahin",
    "Güneş",
    "Đà",
    "Nẵng",
    "Azores",
    "Micromax",
    "Softline",
    "Bazaar",
    "Europa",
    "Treasure",
    "Measure",
    "Leisure",
];
const LATIN_SUFFIXES: &[&str] = &[
    "Ltd", "GmbH", "Inc", "LLC", "S.A.", "AG", "Oy", "AB", "S.r.l.", "B.V.",
];
const CYRILLIC: &[&str] = &[
    "Ромашка",
    "Северный",
    "Ветер",
    "Технологии",
    "Будущего",
    "Прогресс",
    "Сибирь",
    "Волга",
    "Київ",
    "Світанок",
    "Рассвет",
    "Торговый",
    "Дом",
    "Снежинка",
    "Заря",
];
const CYRILLIC_SUFFIXES: &[&str] = &["ООО", "ЗАО", "АО", "ТОВ"];
const GREEK: &[&str] = &[
    "Ελληνική",
    "Εταιρεία",
    "Λογισμικού",
    "Θάλασσα",
    "Αθηνών",
    "Πελοπόννησος",
    "Ήλιος",
    "Δελφοί",
];
const GREEK_SUFFIXES: &[&str] = &["Α.Ε.", "Ε.Π.Ε."];
const CJK: &[&str] = &[
    "山田",
    "電気",
    "東京",
    "商事",
    "北京",
    "科技",
    "大阪",
    "上海",
    "銀行",
    "製作所",
];
const CJK_SUFFIXES: &[&str] = &["株式会社", "有限公司", "合同会社"];
const ARABIC: &[&str] = &[
    "شركة",
    "البرمجيات",
    "المتقدمة",
    "الخليج",
    "النور",
    "الرياض",
    "للتجارة",
];
const ARABIC_SUFFIXES: &[&str] = &["ذ.م.م", "المحدودة"];
const HEBREW: &[&str] = &["שירותי", "תוכנה", "ירושלים", "חיפה", "אור", "מערכות"];
const HEBREW_SUFFIXES: &[&str] = &["בע\"מ"];
const DEVANAGARI: &[&str] = &["भारतीय", "स्टेट", "बैंक", "विकास", "प्रकाश", "सेवा"];
const DEVANAGARI_SUFFIXES: &[&str] = &["लिमिटेड", "प्राइवेट"];
const THAI: &[&str] = &["บริษัท", "กรุงเทพ", "สยาม", "ไทย", "พัฒนา"];
const THAI_SUFFIXES: &[&str] = &["จำกัด"];
const KOREAN: &[&str] = &["서울", "전자", "한국", "부산", "기술", "무역"];
const KOREAN_SUFFIXES: &[&str] = &["주식회사", "유한회사"];

/// Hostile input: control characters, bidi overrides, huge combining-mark stacks, long
/// runs of invisible characters, noncharacters and very long strings, mixed with letters.
pub fn hostile_strings() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z\\x00-\\x1f\\x7f]{0,64}",
        "[a-z\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200E}\u{200F}]{0,64}",
        (any::<char>(), 1usize..20_000).prop_map(|(c, n)| {
            let mut s = String::from(c);
            s.extend(
                (0..n).map(|i| char::from_u32(0x300 + (i % 0x70) as u32).unwrap_or('\u{301}')),
            );
            s
        }),
        (0usize..100_000, "[a-z]{0,8}")
            .prop_map(|(n, word)| { format!("{word}{}{word}", "\u{200B}".repeat(n)) }),
        "[\u{FDD0}-\u{FDEF}\u{FFFE}\u{FFFF}\u{1FFFE}\u{10FFFF}a-z]{0,64}",
        (1usize..200_000, any::<u8>())
            .prop_map(|(n, b)| { char::from(b'a' + b % 26).to_string().repeat(n) }),
        "\\PC{0,2000}",
        any::<String>(),
    ]
}

/// Checks that every deny term of `policy` stays denied, by a violation of its own rule,
/// under `cases` disguises from [`evasions_with`] each. Panics with the smallest disguise
/// that got through.
pub fn assert_evasions_denied(policy: &Policy, cases: u32) {
    if let Err(message) = check_evasions_denied(policy, cases) {
        panic!("{message}");
    }
}

/// Like [`assert_evasions_denied`], returning the failure instead of panicking.
pub fn check_evasions_denied(policy: &Policy, cases: u32) -> Result<(), String> {
    for term in policy.terms() {
        if term.severity() != Severity::Deny {
            continue;
        }
        let evasions = Evasions::for_term(policy, term.scope());
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let text = term.text().to_owned();
        runner
            .run(&evasions_with(&text, evasions), |name| {
                let report = policy.check(&name);
                let found = report.violations().iter().any(|v| {
                    v.kind() == ViolationKind::Term
                        && v.severity() == Severity::Deny
                        && v.term() == Some(text.as_str())
                });
                if found {
                    Ok(())
                } else {
                    Err(TestCaseError::fail(format!(
                        "{name:?} got through: {report}"
                    )))
                }
            })
            .map_err(|e| format!("term {text:?}: {e}"))?;
    }
    Ok(())
}
