//! The census: the set of skeleton symbols a name could yield in any reading, taken with
//! one table lookup per character. A term cannot occur unless each of its symbols is
//! there, and a run of words one edit from a term lacks at most one of them; most names
//! fail both tests for every term, and then no term and no typo-squat needs looking for.

use crate::matcher::structure::ascii_shape;
use crate::matcher::{leading_sounds, sound_of_spelling, starts_a_spelling, Key, OsaPattern};
use crate::matcher::{Matcher, RunSums, LETTER_M, MAX_RUN_WORDS, MIN_GLUED_TERM_LEN};
use crate::normalize::{
    bmp_index, camel_starts, is_digit_read_as_letter, pair_after, range_index_in, reads_as_nothing,
    transliterated_range, transliteration, Case, Class, Info, Normalizer,
};
use crate::tables;

use super::near::{Near, Symbol};

/// Census flags, in bits that the skeleton symbols of ASCII bytes (lowercase letters,
/// digits) never use. Were a term's symbols to use them, the census would only rule out
/// fewer names.
const ODD: u64 = 1 << 61;
/// The census bits of skeleton symbols longer than one byte (other scripts), which one
/// of these holds by a hash of the symbol: bits that one-byte symbols (lowercase letters,
/// digits) and the flags never use, so that an alias written in another script rules out
/// names that lack its symbols.
const WIDE_FIRST: u32 = 16;
const WIDE_BITS: u32 = 17;
const WIDE_MASK: u64 = ((1 << WIDE_BITS) - 1) << WIDE_FIRST;
/// Of a code point: a turned letter (`ɐ`), which a term upside down needs. One of the
/// wide bits, which ASCII bytes never set, so that an ASCII name never holds a term
/// upside down (its plain letters, `ernza`, are no term).
const TURNABLE: u64 = 1 << WIDE_FIRST;
/// In the bits of a range: its code points are letters that are their own skeleton.
const OWN: u64 = 1 << 7;
/// Flags of ASCII bytes only, in bits of bytes that are never one-byte symbols: a
/// separator (or a leetspeak symbol), an uppercase and a lowercase letter, a letter of two
/// symbols, and the bits the structural rules' quick check looks at (shifted up by
/// `SHAPE_SHIFT`).
const SEP: u64 = 1 << 3;
const UPPER: u64 = 1 << 4;
const LOWER: u64 = 1 << 5;
const TWO: u64 = 1 << 6;
/// Of a range only (ASCII bytes but control characters never set `ODD`): its letter reads
/// as other Latin letters in the transliterated reading than its skeleton.
const LATIN: u64 = ODD;
/// Of a range only (ASCII bytes use the bit for `LOWER`): its code points yield exactly
/// its symbols in the plain reading (one code point, read as its skeleton, with no digit
/// or second letter that may be read otherwise).
const SURE: u64 = 1 << 5;
const SHAPE_SHIFT: u32 = 8;
/// Of an ASCII byte only (ranges use the bit for `OWN`): a digit read as a letter (`0` is
/// `o`), which may also be noise between the letters of a term (`A1z$u0r@e`), but splits
/// no word that the typo-squat check judges.
const NOISE: u64 = 1 << 7;
/// Every flag bit of an ASCII byte's census entry: the rest are its symbols' bits, and
/// (in [`WIDE_MASK`], which no symbol of an ASCII byte uses, and which no term that an
/// ASCII name is screened for has) the slots of the letters it stands for as a byte of a
/// multi-character leetspeak run (`f` of the `h` of `ph`).
const FLAGS: u64 = SEP | UPPER | LOWER | TWO | NOISE | 0xFF << SHAPE_SHIFT | ODD | FAR;
/// Of an ASCII byte: it may start a misspelling further than one edit from a term (see
/// [`Census::far_letters`]). The bit of the letter `m`, which is no skeleton symbol (its
/// skeleton is `rn`).
const FAR: u64 = 1 << (b'm' & 63);

/// The words a name's census walk keeps for runs of more than [`MAX_RUN_WORDS`] words that
/// case splits a stretch between separators into (`mICrosOTf`): as many as one letter
/// each may take before such a run is longer than any term.
const LONG_RUN_WORDS: usize = 16;

/// The census bits of `r` and `n`, which a run holds where it may hold `rn` (an `m`).
const RN: u64 = 1 << (b'r' & 63) | 1 << (b'n' & 63);

/// The longest word (in bytes) whose runs a walk also cuts at the digits the reader may
/// read as separators (see [`Census::words_may_hold_typo`]); a longer one with leetspeak
/// is left to the pipeline, so that a walk stays linear in the name.
const MAX_CUT_WORD: usize = 64;

/// The column of [`Census::far_pairs`] for a byte at the end of a name.
const FAR_END: usize = 128;

/// With up to this many term patterns, names are first screened by census (with more,
/// too few names lack a symbol of each for the census to pay).
const MAX_CENSUS_TERMS: usize = 16;
/// The same for names that are not ASCII, which the census reads more slowly (by code
/// point), so that a few more sets cost little: a term's forms written partly in another
/// script (`マイクロsoft`) need their own.
const MAX_CENSUS_TERMS_ANY: usize = 48;

/// The bits of digit symbols: bits that letters (`b & 63` of `a..=z` is 33 to 58) and the
/// flags never use, digit `d` in `DIGIT_BITS[d % 7]`. (Digits in the bits of their
/// `b & 63` would share them with `p..=y`: the `2` of a hash would stand for an `r`.)
const DIGIT_BITS: [u64; 7] = [1 << 0, 1 << 1, 1 << 2, 1 << 59, 1 << 60, 1 << 62, 1 << 63];

/// How often names hold ASCII byte `b`, as a rank (lower is rarer): other symbols, then
/// digits, then letters from the rarest to the most frequent (by the share of the names
/// of the shared corpora that hold each), then the separators of package names.
fn commonness(b: u8) -> usize {
    const LETTERS: &[u8] = b"qzjxwvfkbhygumdpclnsroitae";
    const COMMON: &[u8] = b" ._-";
    let b = b.to_ascii_lowercase();
    if let Some(at) = COMMON.iter().position(|&c| c == b) {
        40 + at
    } else if let Some(at) = LETTERS.iter().position(|&c| c == b) {
        12 + at
    } else if b.is_ascii_digit() {
        1
    } else {
        0
    }
}

/// The census bit of one skeleton symbol: its own for a letter, one of [`DIGIT_BITS`] for
/// a digit, one of [`WIDE_BITS`] by a hash for the others.
fn symbol_bit(sym: &[u8]) -> u64 {
    match sym {
        [b] if b.is_ascii_lowercase() => 1 << (b & 63),
        [d] if d.is_ascii_digit() => DIGIT_BITS[usize::from(d - b'0') % DIGIT_BITS.len()],
        _ => {
            let hash = sym
                .iter()
                .fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
            1 << (WIDE_FIRST + hash % WIDE_BITS)
        }
    }
}

/// The second census bit of one skeleton symbol longer than one byte (another script's):
/// one of all 64, by another hash than [`symbol_bit`]'s, so that a group of patterns
/// whose symbols are few and all of other scripts (`微软`) rules out names whose
/// characters share only the first hash's 17 bits with them; none for a one-byte symbol.
fn wide_bit2(sym: &[u8]) -> u64 {
    match sym {
        [_] => 0,
        _ => {
            let hash = sym.iter().fold(0x811c_9dc5_u32, |h, &b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            });
            1 << (hash >> 26)
        }
    }
}

/// The second census bits of skeleton `bytes` (see [`wide_bit2`]).
fn skeleton_bits2(bytes: &[u8]) -> u64 {
    crate::normalize::symbols(bytes).fold(0, |m, sym| m | wide_bit2(sym))
}

/// The census bits a position of a term in letter form wants: its symbol's, or for its
/// `m` those of `rn` (read from an `m`, or the `rn` of one).
fn letter_form_bits(sym: u8) -> u64 {
    if sym == LETTER_M {
        RN
    } else {
        symbol_bit(&[sym])
    }
}

/// The case of an ASCII byte, from its census entry's flags.
#[inline(always)]
fn case_of(e: u64) -> Case {
    if e & UPPER != 0 {
        Case::Upper
    } else if e & LOWER != 0 {
        Case::Lower
    } else {
        Case::None
    }
}

/// Whether `x` has at most one bit set (`count_ones` without a `popcnt` instruction is
/// a dozen instructions; this is two).
#[inline(always)]
fn at_most_one_bit(x: u64) -> bool {
    x & x.wrapping_sub(1) == 0
}

/// The census sets of the patterns `all` (with their second bits, see [`wide_bit2`]),
/// grouped: a name that cannot hold a pattern's symbols cannot hold those of any pattern
/// whose symbols include them, so each group is the patterns whose symbols include one of
/// the least sets; with each, the second bits every pattern of it has.
fn least_sets(mut all: Vec<(u64, u64)>) -> Vec<(Set, u64)> {
    all.sort_unstable();
    all.dedup();
    let mut least: Vec<u64> = all
        .iter()
        .map(|&(t, _)| t)
        .filter(|&t| !all.iter().any(|&(s, _)| s != t && s & t == s))
        .collect();
    least.dedup();
    least
        .into_iter()
        .map(|need| {
            let group = || all.iter().filter(move |&&(u, _)| u & need == need);
            let set = Set {
                need,
                allow: group().fold(0, |m, &(u, _)| m | u),
            };
            (set, group().fold(u64::MAX, |m, &(_, u2)| m & u2))
        })
        .collect()
}

/// The groups `sets`, merged until at most `max` are left: the two whose patterns share
/// the most symbols become one, which needs the symbols both need and allows those
/// either allows (a term and its forms written partly in another script share most).
/// `None` when the merged groups would rule out no name.
fn merged(mut sets: Vec<(Set, u64)>, max: usize) -> Option<Vec<(Set, u64)>> {
    while sets.len() > max {
        let mut best = (0, 1, 0u64);
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let shared = sets[i].0.need & sets[j].0.need;
                if shared.count_ones() > best.2.count_ones() {
                    best = (i, j, shared);
                }
            }
        }
        if best.2 == 0 {
            return None;
        }
        let gone = sets.swap_remove(best.1);
        let kept = &mut sets[best.0];
        *kept = (
            Set {
                need: best.2,
                allow: kept.0.allow | gone.0.allow,
            },
            kept.1 & gone.1,
        );
        // A group that needs all another needs and more joins it.
        let mut k = 0;
        while k < sets.len() {
            let (set, need2) = sets[k];
            let into =
                (0..sets.len()).find(|&i| i != k && set.need & sets[i].0.need == sets[i].0.need);
            if let Some(i) = into {
                sets[i].0.allow |= set.allow;
                sets[i].1 &= need2;
                sets.swap_remove(k);
            } else {
                k += 1;
            }
        }
    }
    Some(sets)
}

/// Whether `x` has at most `n` bits set, `n` being 1 or 2 (see [`at_most_one_bit`]).
#[inline(always)]
fn at_most_bits(x: u64, n: u32) -> bool {
    if n == 1 {
        at_most_one_bit(x)
    } else {
        at_most_one_bit(x & x.wrapping_sub(1))
    }
}

/// The census bits of skeleton bytes.
fn skeleton_bits(bytes: &[u8]) -> u64 {
    crate::normalize::symbols(bytes).fold(0, |m, sym| m | symbol_bit(sym))
}

/// The census bits of every symbol a code point with `info` may yield, in any reading: its
/// skeleton, every letter its digits stand for, and its leetspeak letters.
fn info_bits(normalizer: &Normalizer, info: &Info<'_>) -> u64 {
    let mut m = 0;
    if info.class == Class::Letter {
        for sym in crate::normalize::symbols(info.bytes()) {
            m |= symbol_bit(sym);
            for letter in normalizer.letters_of_symbol(sym) {
                m |= symbol_bit(&[letter]);
            }
        }
    }
    for &letter in info.leet.iter().chain(&info.also).filter(|&&l| l != 0) {
        m |= symbol_bit(&[letter]);
    }
    if info.also_turned {
        m |= TURNABLE;
    }
    m
}

/// For each range of [`tables::RANGES`], the second census bits (see [`wide_bit2`]) of
/// the symbols its code points' skeletons may have; those of a range of letters that are
/// their own skeleton are each letter's own, which [`Census::char_bits2`] works out.
static RANGE_BITS2: std::sync::LazyLock<Box<[u64]>> = std::sync::LazyLock::new(|| {
    let normalizer = Normalizer::new();
    tables::RANGES
        .iter()
        .map(|&(start, kind, ..)| match char::from_u32(start) {
            Some(c) if kind == tables::Kind::Letter && !c.is_ascii() => 0,
            Some(c) => {
                let info = normalizer.general_info(c);
                if info.class == Class::Letter {
                    skeleton_bits2(info.bytes())
                } else {
                    0
                }
            }
            None => 0,
        })
        .collect()
});

/// For each range of [`tables::RANGES`], the census bits of its code points; one table
/// per leetspeak setting, without and with the letters of transliterated readings, built
/// on first use.
static RANGE_BITS: [std::sync::LazyLock<Box<[u64]>>; 4] = [
    std::sync::LazyLock::new(|| range_bits(Normalizer::new().leet(false), false)),
    std::sync::LazyLock::new(|| range_bits(Normalizer::new(), false)),
    std::sync::LazyLock::new(|| range_bits(Normalizer::new().leet(false), true)),
    std::sync::LazyLock::new(|| range_bits(Normalizer::new(), true)),
];

/// The census bits of the Latin letters of `c`, when its transliterated reading differs
/// from its skeleton (a letter that has one starts a range of its own).
fn transliteration_bits(c: char) -> u64 {
    match transliteration(c) {
        Some((_, latin, true)) => latin
            .bytes()
            .fold(LATIN | pair_bits(c), |m, b| m | symbol_bit(&[b])),
        _ => 0,
    }
}

/// The census bits of what the pairs of [`tables::TRANSLIT_PAIRS`] that hold `c` read as
/// (`u` of `ο` and of `υ`). A letter spoken after the next one and that one are no such
/// pair here: the census reads them in spoken order (see [`spoken_order`]), each as its
/// own letters.
fn pair_bits(c: char) -> u64 {
    let cp = u32::from(c);
    tables::TRANSLIT_PAIRS
        .iter()
        .filter(|p| (p.0 == cp || p.1 == cp) && !is_spoken_after(p.0))
        .fold(0, |m, p| m | skeleton_bits(p.3.as_bytes()))
}

/// Whether the letters `first` and `second`, side by side, may read as one letter in the
/// transliterated reading (a pair of [`tables::TRANSLIT_PAIRS`] whose letters are read as
/// one, not in spoken order).
fn reads_as_one(first: char, second: char) -> bool {
    let pair = (u32::from(first), u32::from(second));
    !is_spoken_after(pair.0)
        && tables::TRANSLIT_PAIRS
            .binary_search_by_key(&pair, |&(a, b, ..)| (a, b))
            .is_ok()
}

/// Whether code point `cp` is a letter of [`tables::SPOKEN_AFTER`] (Thai `ไ`).
#[inline(always)]
fn is_spoken_after(cp: u32) -> bool {
    let (first, last) = (
        tables::SPOKEN_AFTER[0],
        tables::SPOKEN_AFTER[tables::SPOKEN_AFTER.len() - 1],
    );
    (first..=last).contains(&cp) && tables::SPOKEN_AFTER.binary_search(&cp).is_ok()
}

/// The characters of `name` in the order its transliterated reading reads them: a letter
/// written before the one it is spoken after (Thai `ไม` is `mai`) comes after that one,
/// where the reader reads the two as a pair.
fn spoken_order(name: &str) -> SpokenOrder<'_> {
    SpokenOrder {
        rest: name.chars(),
        after: None,
    }
}

/// The iterator of [`spoken_order`].
struct SpokenOrder<'a> {
    rest: std::str::Chars<'a>,
    /// A letter spoken after the one just given.
    after: Option<char>,
}

impl Iterator for SpokenOrder<'_> {
    type Item = char;

    #[inline(always)]
    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.after.take() {
            return Some(c);
        }
        let c = self.rest.next()?;
        if is_spoken_after(u32::from(c)) {
            // The pair's letters, as the reader takes them (what reads as nothing between
            // them left out).
            let rest = self.rest.as_str();
            if let Some((k, len)) = pair_after(c, rest) {
                self.rest = rest[len..].chars();
                self.after = Some(c);
                return char::from_u32(tables::TRANSLIT_PAIRS[k].1);
            }
        }
        Some(c)
    }
}

/// For each letter of [`tables::TRANSLIT`] whose transliteration is not its skeleton, its
/// census bits in every reading but the transliterated one, and in that one, and the
/// symbols it surely yields there (none for a letter of a pair, which may be read with
/// the letter beside it: `ου` is `u`); one table per leetspeak setting, built on first use.
static LATIN_ENTRIES: [std::sync::LazyLock<Box<[Latin]>>; 2] = [
    std::sync::LazyLock::new(|| latin_entries(false)),
    std::sync::LazyLock::new(|| latin_entries(true)),
];

fn latin_entries(leet: bool) -> Box<[Latin]> {
    let plain = &RANGE_BITS[usize::from(leet)];
    let bmp = bmp_index();
    tables::TRANSLIT
        .iter()
        .map(|&(cp, ..)| match char::from_u32(cp) {
            Some(c) => {
                let bits = plain[range_index_in(bmp, cp)];
                let bits = if bits & OWN != 0 {
                    bits & !OWN | symbol_bit(c.encode_utf8(&mut [0; 4]).as_bytes())
                } else {
                    bits
                };
                let latin = transliteration_bits(c) & !LATIN;
                Latin {
                    plain: bits,
                    may: latin,
                    sure: if pair_bits(c) == 0 { latin } else { 0 },
                    upper: c.is_uppercase(),
                }
            }
            None => Latin {
                plain: 0,
                may: 0,
                sure: 0,
                upper: false,
            },
        })
        .collect()
}

/// What a code point yields: its census bits in every reading but the transliterated
/// one, and in that one (a superset), and the symbols it surely yields in that one (a
/// subset: none when unsure).
#[derive(Clone, Copy, Debug)]
struct Latin {
    plain: u64,
    may: u64,
    sure: u64,
    /// Whether it is an uppercase letter (which may start a word).
    upper: bool,
}

fn range_bits(normalizer: Normalizer, transliterates: bool) -> Box<[u64]> {
    let translit = |c: char| {
        if transliterates {
            transliteration_bits(c)
        } else {
            0
        }
    };
    let mut bits: Vec<u64> = tables::RANGES
        .iter()
        .map(|&(start, kind, ..)| match char::from_u32(start) {
            // Each letter of a range of letters that are their own skeleton has its own
            // symbol, whose bit `take_any` works out (and the letter of a second reading,
            // which starts a range of its own, here).
            Some(c) if kind == tables::Kind::Letter && !c.is_ascii() => {
                let info = normalizer.general_info(c);
                OWN | info_bits(&normalizer, &info) & !WIDE_MASK
                    | if info.also_turned { TURNABLE } else { 0 }
                    | translit(c)
            }
            // A separator, an invisible or a mark, a letter of no symbol, or a digit or
            // symbol that leetspeak reads (a separator in one reading), as for ASCII
            // bytes: a window of a term's symbols passes over it.
            Some(c) => {
                let info = normalizer.general_info(c);
                let sep = info.class != Class::Letter
                    || info.leet[0] != 0
                    || info.bytes().is_empty()
                    || normalizer.is_leet() && is_digit_read_as_letter(c, &info);
                let sure = !sep
                    && kind == tables::Kind::Mapped
                    && info.also[0] == 0
                    && !is_digit_read_as_letter(c, &info)
                    && !info.bytes().iter().any(u8::is_ascii_digit);
                info_bits(&normalizer, &info)
                    | if sep { SEP } else { 0 }
                    | if sure { SURE } else { 0 }
                    | translit(c)
            }
            None => 0,
        })
        .collect();
    // Leetspeak letters belong to single code points, not to whole ranges.
    let bmp = bmp_index();
    for &(cp, off, on) in &tables::LEET {
        let letters = if normalizer.is_leet() { on } else { [off, 0] };
        for &letter in letters.iter().filter(|&&l| l != 0) {
            let at = range_index_in(bmp, cp);
            bits[at] = (bits[at] | symbol_bit(&[letter]) | SEP) & !SURE;
        }
    }
    // The fullwidth forms of the characters of multi-character leetspeak (`（）`), which
    // a run may mix with ASCII ones: each of its characters carries the letter's bits.
    if normalizer.is_leet() {
        for &(run, letter) in &tables::MULTI_LEET {
            let letter = info_bits(&normalizer, &normalizer.ascii_info(letter));
            for &b in run {
                // (A run is read in either case: `(Ｖ)`.)
                for b in [b, b.to_ascii_uppercase()] {
                    let at = range_index_in(bmp, u32::from(b) + 0xFEE0);
                    // (And is no longer surely its own letter: `Ｖ` may be the `m` of `(Ｖ)`.)
                    bits[at] = (bits[at] | letter) & !SURE;
                }
            }
        }
    }
    bits.into_boxed_slice()
}

/// The census of term patterns, for a window to hold: the symbols every pattern of a group
/// has (`need`), and those any of them has (`allow`). A match of a pattern of the group
/// reads each character of its span as a separator or as symbols of the pattern, so some
/// window of characters, each a separator or one with a symbol in `allow`, holds `need`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Set {
    need: u64,
    allow: u64,
}

impl Set {
    /// Whether census bits `m` hold the symbols every pattern of the group has.
    #[inline(always)]
    fn in_bits(self, m: u64) -> bool {
        m & self.need == self.need
    }
}

/// Whether byte `d` of the ASCII `word` is a digit the reader may read as a separator,
/// parting the word: one beside a letter (`7` of `r050f7dumb`; a digit among digits or
/// standing alone is read as its letter).
#[inline]
fn may_part_words(word: &[u8], d: usize) -> bool {
    word[d].is_ascii_digit()
        && (d > 0 && word[d - 1].is_ascii_alphabetic()
            || word.get(d + 1).is_some_and(u8::is_ascii_alphabetic))
}

/// The ASCII character `c` is, or whose fullwidth form it is (`ｈ` is `h`).
#[inline(always)]
fn ascii_form_of(c: char) -> Option<u8> {
    match u32::from(c) {
        cp @ 0..0x80 => Some(cp as u8),
        cp @ 0xFF01..=0xFF5E => Some((cp - 0xFEE0) as u8),
        _ => None,
    }
}

/// One step of a window of a group of patterns (`set`) over the census bits `e` of the
/// next byte or code point: a separator, or a digit that may be noise between letters
/// (`A1z$u0r@e`), is passed over; a symbol of a pattern of the group widens the window;
/// anything else closes it. Whether the window now holds every symbol the group needs.
#[inline(always)]
fn widens(window: &mut u64, e: u64, set: Set) -> bool {
    let (symbols, keep) = window_step(e, set);
    *window = (*window | symbols) & keep;
    *window & set.need == set.need
}

/// What a character of census bits `e` adds to a window for the group `set`, and the
/// mask that keeps the window (all ones) or empties it (none): it goes on over a
/// separator or a character with a symbol the group allows. Without a branch: whether the
/// window goes on is as the name says.
#[inline(always)]
fn window_step(e: u64, set: Set) -> (u64, u64) {
    let symbols = e & !FLAGS & set.allow;
    let goes_on = (e & (SEP | NOISE) != 0) | (symbols != 0);
    (symbols, 0u64.wrapping_sub(u64::from(goes_on)))
}

/// [`widens`], with the second census bits `e2` of the character (see [`wide_bit2`]) in
/// the window's second half, which must hold those the group needs too (`need2`).
#[inline(always)]
fn widens2(window: &mut (u64, u64), (e, e2): (u64, u64), (set, need2): (Set, u64)) -> bool {
    let (symbols, keep) = window_step(e, set);
    window.0 = (window.0 | symbols) & keep;
    window.1 = (window.1 | e2) & keep;
    window.0 & set.need == set.need && window.1 & need2 == need2
}

/// Whether some run of the last `counted` letters (ring buffers of [`LATIN_WINDOW`]: the
/// census bits of each, `may`, and the symbols it surely is, `sure`) that ends with the
/// last and is at most `max_len` long may be a misspelling: `test`, given the symbols
/// the run surely has and the bits it may have (and the index of its first letter in the
/// ring buffers), says whether it fits the misspelling (no longer run does if it does
/// not) and whether it holds what the misspelling needs.
#[inline(always)]
fn runs_ending(
    may: &[u64; LATIN_WINDOW],
    sure: &[u64; LATIN_WINDOW],
    counted: usize,
    max_len: usize,
    test: impl Fn(u64, u64, usize) -> (bool, bool),
) -> bool {
    let (mut held, mut surely) = (0, 0);
    for j in 0..max_len.min(counted).min(LATIN_WINDOW) {
        let at = (counted - 1 - j) % LATIN_WINDOW;
        held |= may[at];
        surely |= sure[at];
        match test(surely, held, at) {
            (false, _) => return false,
            (true, true) => return true,
            (true, false) => {}
        }
    }
    false
}

/// The most letters [`Census::latin_may_hold_typo`] keeps: as many as any window it looks
/// at (typo-squat terms are shorter than [`Typos::MAX_LEN`], and at most two edits from
/// a run).
const LATIN_WINDOW: usize = 64;

/// The slots of run letters, in [`WIDE_BITS`] bits: the low ones index `low`, the rest
/// `high`.
const SLOTS_LOW_BITS: u32 = 9;
const SLOTS_LOW: usize = (1 << SLOTS_LOW_BITS) - 1;

/// The census bits of the run letters of any set of slots, by its low and its high bits.
#[derive(Clone, Debug)]
struct FormSlots {
    low: [u64; 1 << SLOTS_LOW_BITS],
    high: [u64; 1 << (WIDE_BITS - SLOTS_LOW_BITS)],
}

/// Code points below this have an entry in [`Census::ascii_forms`]: Latin-1, the Latin
/// Extended blocks, the combining diacritical marks and General Punctuation, which hold
/// what most Latin names that are not ASCII (`Vũ và đối tác`, `Němeček Soukupová`)
/// write.
const ASCII_FORMS_END: usize = 0x2070;
/// Of [`Census::ascii_forms`]: the code point is read as no ASCII byte is.
const NO_FORM: u8 = 0;
/// Of [`Census::ascii_forms`]: a combining mark, which the reader reads as part of the
/// letter before it (nothing of its own, and no word boundary).
const MARK_FORM: u8 = 1;
/// Of [`Census::ascii_forms`]: a lowercase (or uppercase) letter of another script (`щ`,
/// `λ`), when every term checked for misspellings is ASCII: a run that holds it is as
/// far from such a term as one with an inert ASCII letter in its place, which the ASCII
/// form holds instead, in its case (see [`inert_letter`]).
const FOREIGN_LOWER: u8 = 2;
/// [`FOREIGN_LOWER`] for an uppercase letter.
const FOREIGN_UPPER: u8 = 3;
/// The longest name (in bytes) that the census reads in its ASCII form.
const ASCII_FORM_MAX: usize = 128;

/// For each code point below [`ASCII_FORMS_END`] that is not ASCII, the ASCII byte the
/// reader reads exactly as it, in every reading: a letter whose one skeleton symbol an
/// ASCII letter of the same case yields (`é` is `e`, `Ş` is `S`), with no leetspeak or
/// second reading for either; a separator that stands for no letter (`«`, a no-break
/// space) is a space. A combining mark is [`MARK_FORM`]; a cased letter of another script
/// that yields none of `typo_bits` (the symbols of the terms checked for misspellings,
/// when letters of other scripts have a form) is [`FOREIGN_LOWER`] or [`FOREIGN_UPPER`];
/// anything else [`NO_FORM`]. A name written in those is screened as the ASCII name of
/// their forms would be, words and all: the reader reads both alike, but where the form
/// may hold more (which only ever makes the census say "maybe" more often).
fn ascii_forms(normalizer: &Normalizer, bits: &[u64; 256], typo_bits: Option<u64>) -> Box<[u8]> {
    // The skeleton of an ASCII letter that reads only as it, in both cases.
    let plain_letter = |b: u8| {
        let [lower, upper] = [b, b.to_ascii_uppercase()].map(|b| {
            let (info, ascii) = (
                normalizer.general_info(char::from(b)),
                normalizer.ascii_info(b),
            );
            let plain = info.class == Class::Letter
                && info.bytes() == ascii.bytes()
                && info.leet == [0; 2]
                && ascii.leet == [0; 2]
                && info.also == [0; 2];
            plain.then(|| info.bytes().to_vec())
        });
        if lower == upper {
            lower
        } else {
            None
        }
    };
    let letters: Vec<(u8, Vec<u8>)> = (b'a'..=b'z')
        .filter_map(|b| Some((b, plain_letter(b)?)))
        .collect();
    let space_is_plain =
        bits[usize::from(b' ')] & SEP != 0 && normalizer.ascii_info(b' ').leet == [0; 2];
    (0..ASCII_FORMS_END as u32)
        .map(|cp| {
            let Some(c) = char::from_u32(cp).filter(|c| !c.is_ascii()) else {
                return NO_FORM;
            };
            let info = normalizer.general_info(c);
            match info.class {
                Class::Mark => MARK_FORM,
                Class::Separator if info.leet == [0; 2] && space_is_plain => b' ',
                Class::Letter if info.leet == [0; 2] && info.also == [0; 2] => {
                    // `é` is `e`; `Μ` (Greek) is `rn`, as `M` is.
                    let letter = letters
                        .iter()
                        .find(|(_, skeleton)| skeleton.as_slice() == info.bytes())
                        .map(|&(b, _)| b);
                    // A letter of another script that no term checked for misspellings
                    // holds.
                    let foreign = || {
                        !info.bytes().is_ascii()
                            && typo_bits.is_some_and(|t| info_bits(normalizer, &info) & t == 0)
                    };
                    let (upper, lower) = (c.is_uppercase(), c.is_lowercase());
                    match letter {
                        Some(b) if upper && !lower => b.to_ascii_uppercase(),
                        Some(b) if lower && !upper => b,
                        Some(_) => NO_FORM,
                        None if upper && !lower && foreign() => FOREIGN_UPPER,
                        None if lower && !upper && foreign() => FOREIGN_LOWER,
                        None => NO_FORM,
                    }
                }
                _ => NO_FORM,
            }
        })
        .collect()
}

/// An ASCII letter that stands in an ASCII form for a letter of another script (see
/// [`FOREIGN_LOWER`]): one that reads only as itself, whose symbol no term checked for
/// misspellings has (`typo_bits`), that is part of no multi-character leetspeak run, and
/// may start no misspelling further than one edit; `None` when no letter is so inert.
fn inert_letter(normalizer: &Normalizer, bits: &[u64; 256], typo_bits: u64) -> Option<u8> {
    let in_run = |b: u8| tables::MULTI_LEET.iter().any(|(run, _)| run.contains(&b));
    [
        b'q', b'j', b'x', b'v', b'w', b'k', b'y', b'h', b'g', b'b', b'p', b'd',
    ]
    .into_iter()
    .find(|&b| {
        let info = normalizer.ascii_info(b);
        info.bytes() == [b]
            && info.leet == [0; 2]
            && !in_run(b)
            && !in_run(b.to_ascii_uppercase())
            && [b, b.to_ascii_uppercase()]
                .iter()
                .all(|&b| bits[usize::from(b)] & (FAR | typo_bits) == 0)
    })
}

/// The census of one policy.
#[derive(Clone, Debug)]
pub(crate) struct Census {
    /// ASCII byte → the census bits of every symbol it may yield on its own, and flags,
    /// with the slots (in [`WIDE_MASK`]) of the letters it may be part of in a
    /// multi-character leetspeak run. Other bytes are `ODD`.
    bits: Box<[u64; 256]>,
    /// ASCII byte → the census bits that only a run read as one letter gives it (`f` of
    /// the `p` and of the `h` of `ph`).
    form_bits: Box<[u64; 256]>,
    /// Slots → the census bits of the run letters that have them: the bits a name whose
    /// bytes have the slots may take from runs.
    form_slots: Box<FormSlots>,
    /// `bits` with `form_bits`: the census of an ASCII character in a name that is not
    /// ASCII (whose runs the census does not look for).
    any_bits: Box<[u64; 256]>,
    /// Bit `a << 7 | b` set when ASCII byte `b` may follow byte `a` inside such a run
    /// (in either case): a byte takes its `form_bits` only next to a byte it shares a
    /// run with, so `p` gives `f` only before `h`.
    run_pairs: Box<[u64; 256]>,
    /// ASCII byte → what a word that the typo-squat check judges takes from it: `SEP`
    /// alone for a separator, its own symbols and flags for any other byte.
    word_bits: Box<[u64; 256]>,
    /// ASCII letter → its skeleton bytes (`m` is `rn`, `l` is `i`), for the sounds of
    /// words; zero for any other byte.
    letter_skeleton: Box<[[u8; 2]; 128]>,
    /// ASCII letter → the first and (in the high byte) last byte of its skeleton, for the
    /// repeats the reader collapses: a letter whose key is the one before's is read as it
    /// (`ll`, `il`, `mm`), and one that starts as the one before ends collapses that
    /// symbol (`rm` is `r`, `n`). Zero for any other byte.
    repeat_keys: Box<[u16; 256]>,
    /// ASCII byte × the byte after it (`FAR_END`: nothing) → whether a word may start
    /// with them a misspelling two edits from a term.
    far_pairs: Box<[[bool; FAR_END + 1]; 128]>,
    /// ASCII byte → whether a word that starts with it may start a run that sounds like
    /// a term (by its first sound; the first two decide).
    far_sounds: Box<[bool; 128]>,
    /// The first skeleton symbols of the ASCII bytes that may start a misspelling further
    /// than one edit (`far_pairs` and `far_sounds`; `r` of `rn` for `m`): a letter of a
    /// transliterated reading that starts one may read as one of them.
    far_first: u64,
    /// The first two sounds of each term checked for sound-alikes.
    sound_starts: Vec<[u8; 2]>,
    /// ASCII letter → its sound (`Some(0)`: silent), when its skeleton is one spelling
    /// (`m`, whose skeleton is `rn`); `None` for any other byte.
    letter_sounds: Box<[Option<u8>; 128]>,
    /// ASCII letter → the bits of the letters after which the end of its skeleton and
    /// the start of theirs make one spelling (`p` and `h`).
    letter_pairs: Box<[u128; 128]>,
    /// The letters that may start a misspelling further than one edit (those of
    /// `far_pairs` and `far_sounds`), lowercase, each in every byte of a word, when there
    /// are at most four and both cases of each may (then a name is searched for them
    /// eight bytes at a time).
    far_letters: Option<Vec<u64>>,
    /// Range of [`tables::RANGES`] → the census bits of its code points (with those of
    /// their Latin letters when names are judged in their transliterated reading too).
    ranges: &'static [u64],
    /// Letter of [`tables::TRANSLIT`] → what it yields (see [`LATIN_ENTRIES`]).
    latin_entries: &'static [Latin],
    /// The same for ASCII bytes: their census bits, and their skeleton's symbols when
    /// they are letters.
    latin_ascii: Box<[(u64, u64); 128]>,
    /// Census bits of each group of term patterns, with the second bits (see
    /// [`wide_bit2`]) each needs; `None` when there are too many to screen.
    terms: Option<Vec<(Set, u64)>>,
    /// Those of `terms` that an ASCII name may hold (no symbol of another script).
    ascii_terms: Option<Vec<Set>>,
    /// The terms checked for typo-squats; `None` when there are too many to screen.
    typos: Option<Typos>,
    /// The same with the terms as other scripts write them by sound (`mikrosoft`), which
    /// the transliterated reading is checked against too; `None` when there are none
    /// (then `typos` is checked).
    latin_typos: Option<Typos>,
    /// ASCII byte → the census bits of the letters it reads as, when it is a leetspeak
    /// symbol or digit (see [`Word::leet`]).
    leet_bits: Box<[u64; 128]>,
    /// Code point below [`ASCII_FORMS_END`] → the ASCII byte the reader reads exactly as
    /// it (see [`ascii_forms`]), [`MARK_FORM`], [`FOREIGN_LOWER`], [`FOREIGN_UPPER`] or
    /// [`NO_FORM`].
    ascii_forms: Box<[u8]>,
    /// The letter an ASCII form holds for a letter of another script ([`inert_letter`]).
    inert: u8,
    /// ASCII byte → whether it is a leetspeak symbol for a letter of some term
    /// (`LEET_SYMBOL`: `3`, `$`), and whether it is part of a multi-character run of
    /// symbols (`RUN_BYTE`: `|` of `|\/|`). One beside a word's letters may be a letter
    /// of a typo-squat, which the words of `word_bits` do not hold. And whether it may
    /// read as more than one symbol (`MANY_SYMBOLS`).
    separator_class: Box<[u8; 128]>,
}

/// What [`Census::skip_separators`] passed over.
#[derive(Default)]
struct Stretch {
    /// Whether it holds leetspeak at all (when not, the rest is all false).
    leet: bool,
    /// How many stretches of leetspeak that may be letters stand apart from words.
    leet_runs: usize,
    /// Whether one starts right after the word before (if any).
    touches_before: bool,
    /// Whether one ends right before the next word.
    touches_after: bool,
    /// Whether one is all of it.
    whole: bool,
    /// Whether it holds two bytes of a multi-character run side by side (`|\/|`).
    run: bool,
}

/// Of [`Census::separator_class`].
const LEET_SYMBOL: u8 = 1;
const RUN_BYTE: u8 = 2;
/// A byte that may read as two symbols (`m` is `rn`) or sounds (`x` is KS).
const MANY_SYMBOLS: u8 = 4;

/// How the census's word walk reads leetspeak symbols and digits (`3`, `$`): as
/// separators (the plain reading, and every other but for typo-squats that hold one),
/// as letters (the lettered reading), or as the first reading does (a digit as its
/// letter, a symbol only before a letter).
const LEET_APART: u8 = 0;
const LEET_LETTERS: u8 = 1;
const LEET_FIRST: u8 = 2;
/// [`LEET_APART`] for a name that holds no leetspeak symbol for a letter of a term, nor a
/// byte of a multi-character run of symbols but separators (`-` of `/-\`): its
/// separators need no closer look.
const LEET_NONE: u8 = 3;
/// Digits as letters and other symbols as separators (a reading the walks look at too:
/// `micrs07|x`, `modern$40ure`).
const LEET_DIGITS: u8 = 4;

/// Of an ASCII byte's census (a bit of its shape byte that the structural rules do not
/// use): a leetspeak symbol for a letter of a term, or a byte of a multi-character run of
/// symbols other than a common separator.
const LEETISH: u64 = 1 << (SHAPE_SHIFT + 7);

/// The census of the terms checked for typo-squats and for misspellings two edits away
/// (at most 64, each shorter than [`Typos::MAX_LEN`] bytes), and of those checked for
/// sound-alikes.
#[derive(Clone, Debug)]
struct Typos {
    /// Census bits of each term's skeleton: those checked one edit away (`ones` of them)
    /// first, then those checked two edits away. A term's letter form (its skeleton with
    /// each `rn` as one `m`, which typo-squats are counted in) stands for its `m` by the
    /// census bits of `rn`: its bits lack the `m`, and `extra` holds those of `rn`.
    bits: Vec<u64>,
    /// The bits of each term's run that are no edit when the term lacks them: those of
    /// `rn`, for a term in letter form (its `m`), and none for the others.
    extra: Vec<u64>,
    /// The length of each term's skeleton, in bytes.
    lens: Vec<usize>,
    ones: usize,
    /// The skeleton of each term of `bits`, compiled for distances (those checked two
    /// edits away).
    patterns: Vec<Option<OsaPattern>>,
    /// Run length `n` → bit `i` set when term `i`, checked one edit away, is within one
    /// byte of `n` long: the terms a run of `n` bytes may be one edit from. A run of 256
    /// bytes or more takes the entry of its length modulo 256 (which only ever says
    /// "maybe" more often), so that a lookup needs no bound.
    by_len: [u64; 256],
    /// The same for runs that hold `r` and `n`, and so perhaps `rn` (these and more): a
    /// misspelling is counted in letters (an `m` is one), and such a run is longer in
    /// skeleton bytes than in letters by each `rn`, of which it holds at most one more
    /// than the term.
    by_len_rn: [u64; 256],
    /// The longest run `by_len_rn` holds a term for.
    longest_one: usize,
    /// The same for the terms checked two edits away, within two bytes.
    two_by_len: [u64; 256],
    /// The terms checked for sound-alikes.
    sounds: Vec<Sounds>,
    /// Whether any term is checked two edits away or for sound-alikes.
    far: bool,
    /// The longest run that may be a misspelling further than one edit.
    max_far_len: usize,
    /// The terms' symbols, for the longest common subsequence of a name and each term
    /// (see [`Lcs`]); `None` until the census's byte table is known, or when the terms
    /// do not fit one word.
    lcs: Option<Lcs>,
    /// The skeleton (or letter form) of each term of `bits`.
    skeletons: Vec<Vec<u8>>,
    /// The terms checked one edit away that are long enough for a typo-squat glued to
    /// other letters in a word (see [`MIN_GLUED_TERM_LEN`]), as bits of their indices.
    glued: u64,
}

/// The longest common subsequences of an ASCII name with every term checked one or two
/// edits away, at once: a run one edit from a term holds all of its symbols but one in
/// order (a slip leaves the rest as they were), and two edits all but two, so a name
/// whose subsequence in common with each term is shorter holds no misspelling of it. The
/// terms lie side by side in one word, a guard bit above each, and the bit-vector
/// algorithm of Hyyrö (2004) steps all of them with one addition per byte: `v` starts
/// all ones, and each byte `b` makes `u = v & masks[b]`, `v = (v + u) | (v - u)`; the
/// zeros of a term's bits then count its common subsequence. A byte's mask holds the
/// positions of every symbol some reading of it may give (its census bits, and the
/// letters of the multi-character runs it may be part of), so the count is never too
/// low; a letter of two symbols (`m` is `rn`) is fed twice.
#[derive(Clone, Debug)]
struct Lcs {
    /// Byte → the positions of the term symbols it may read as.
    masks: Box<[u64; 256]>,
    /// Census bit → the positions of the term symbols it may be, and the bits that are
    /// any (for characters that are not ASCII).
    by_bit: [u64; 64],
    relevant: u64,
    /// Whether the sound keys are placed too (after the terms), or did not fit.
    sounds: bool,
    /// A guard bit, set in the mask of each ASCII byte read as two symbols (`m`): a
    /// step never sees it (`v` holds no guard bit), and one test tells to step again.
    twice: u64,
    /// The guard bits (kept clear, so that no carry passes from one term to the next).
    guards: u64,
    /// Each term of `Typos::bits` in turn: its bits in the word, and how many of its
    /// symbols a misspelling of it may lack in order at most (its edits; none for a
    /// sound key, whose every sound a sound-alike holds).
    terms: Vec<(u64, u32)>,
    /// The automaton of stretches one edit from a term checked one edit away (see
    /// [`Near`]); `None` when the terms do not fit it.
    near: Option<Near>,
}

impl Lcs {
    /// The common subsequences of the ASCII `name` with every term: the final `v`.
    #[inline(always)]
    fn of(&self, name: &[u8]) -> u64 {
        name.iter().fold(!self.guards, |v, &b| self.step_byte(v, b))
    }

    /// `v` after the ASCII byte `b` (twice for a letter of two symbols, `m`).
    #[inline(always)]
    fn step_byte(&self, v: u64, b: u8) -> u64 {
        let step = |v: u64, mask: u64| {
            let u = v & mask;
            (v.wrapping_add(u) | (v & !u)) & !self.guards
        };
        let mask = self.masks[usize::from(b)];
        let v = step(v, mask);
        if mask & self.twice != 0 {
            step(v, mask)
        } else {
            v
        }
    }

    /// The positions of the term symbols that census bits `bits` may be.
    #[inline]
    fn mask_of(&self, bits: u64) -> u64 {
        let mut bits = bits & self.relevant;
        let mut mask = 0;
        while bits != 0 {
            mask |= self.by_bit[bits.trailing_zeros() as usize];
            bits &= bits - 1;
        }
        mask
    }

    /// [`of`](Lcs::of) for a name that is not ASCII, read character by character:
    /// `bits` gives the census bits of a character that is not ASCII in the reading
    /// looked at. A character may read as several symbols (a ligature, or a letter that
    /// transliterates as several, `щ` as `shch`), so each is stepped until it adds no
    /// more, as though it could read as any sequence of its symbols.
    #[inline(never)]
    fn of_chars(&self, name: impl Iterator<Item = char>, bits: impl Fn(char) -> u64) -> u64 {
        let mut v = !self.guards;
        for c in name {
            let mask = match u8::try_from(c) {
                Ok(b) if b.is_ascii() => self.masks[usize::from(b)],
                _ => self.mask_of(bits(c)),
            };
            loop {
                let u = v & mask;
                let next = (v.wrapping_add(u) | (v & !u)) & !self.guards;
                if next == v {
                    break;
                }
                v = next;
            }
        }
        v
    }

    /// Whether term `i` may have a misspelling in a name whose final `v` is `v`.
    #[inline(always)]
    fn holds(&self, i: usize, v: u64) -> bool {
        // The positions of the term that no common subsequence reaches, less one for
        // each edit (`count_ones` without a `popcnt` instruction is a dozen
        // instructions; clearing the lowest bit is two).
        let (bits, edits) = self.terms[i];
        let mut missing = v & bits;
        for _ in 0..edits {
            missing &= missing.wrapping_sub(1);
        }
        missing == 0
    }

    /// Whether a name whose final `v` is `v` may hold a typo-squat of a term of `typos`
    /// glued to other letters in a word (`micorsoftstore`).
    #[inline]
    fn may_hold_glued(&self, typos: &Typos, v: u64) -> bool {
        let mut glued = typos.glued;
        while glued != 0 {
            if self.holds(glued.trailing_zeros() as usize, v) {
                return true;
            }
            glued &= glued - 1;
        }
        false
    }

    /// Whether a name whose final `v` is `v` (and census `m`) may hold a misspelling of
    /// a term of `typos`: one edit away (`one`), or further (`far`).
    #[inline]
    fn may_hold(&self, typos: &Typos, v: u64, m: u64, one: bool, far: bool) -> bool {
        let n = typos.bits.len();
        let any = |terms: std::ops::Range<usize>| terms.into_iter().any(|i| self.holds(i, v));
        one && any(0..typos.ones)
            || far
                && (any(typos.ones..n)
                    || if self.sounds {
                        any(n..self.terms.len())
                    } else {
                        typos.may_sound(m)
                    })
    }
}

/// What a run of words that sounds like a term holds (see
/// [`Key`](crate::matcher::Key)): census bits of the letters whose spellings sound only
/// sounds of the term's key, and, for each sound of the key, the bits of the letters that
/// may sound it (a run holds one of each).
#[derive(Clone, Debug)]
struct Sounds {
    key: Key,
    letters: u64,
    each: Vec<u64>,
}

impl Sounds {
    /// Whether a name or run with census bits `m` holds a letter of each sound.
    #[inline(always)]
    fn possible(&self, m: u64) -> bool {
        self.each.iter().all(|&letters| m & letters != 0)
    }

    /// Whether a word with census bits `bits` may be part of a run that sounds like the
    /// term: every letter of it sounds only sounds of the term's key, or nothing.
    #[inline(always)]
    fn fits(&self, bits: u64) -> bool {
        bits & !FLAGS & !self.letters == 0
    }
}

impl Typos {
    const MAX_LEN: usize = 62;

    fn build<'a>(
        terms: impl Iterator<Item = &'a [u8]>,
        similar: &crate::matcher::SimilarIndex,
        spoken: bool,
    ) -> Option<Typos> {
        let mut typos = Typos {
            bits: Vec::new(),
            extra: Vec::new(),
            lens: Vec::new(),
            patterns: Vec::new(),
            by_len: [0; 256],
            by_len_rn: [0; 256],
            longest_one: 0,
            two_by_len: [0; 256],
            sounds: Vec::new(),
            far: !similar.is_empty(),
            max_far_len: similar.max_len(),
            ones: 0,
            lcs: None,
            skeletons: Vec::new(),
            glued: 0,
        };
        // (In the transliterated reading, two edits from a term's spoken form count too.)
        let spoken_far = similar.spoken_two_edit_terms().filter(|_| spoken);
        let near = terms
            .map(|t| (t, 1))
            .chain(similar.two_edit_terms().chain(spoken_far).map(|t| (t, 2)));
        for (i, (term, edits)) in near.enumerate() {
            if i >= 64 || term.len() >= Typos::MAX_LEN {
                return None;
            }
            // A term in letter form stands for its `m` by `rn`. A run one letter from a
            // term is as long in letters, within one, and holds at most one `m` more than
            // the term, each `rn` in skeleton bytes: as many more bytes, which only a run
            // that holds `r` and `n` may have.
            let ms = term.iter().filter(|&&b| b == LETTER_M).count();
            let (bits, extra) = if ms > 0 {
                let rn = skeleton_bits(b"rn");
                (skeleton_bits(term) & !symbol_bit(&[LETTER_M]), rn)
            } else {
                (skeleton_bits(term), 0)
            };
            typos.bits.push(bits);
            typos.skeletons.push(term.to_vec());
            typos.extra.push(extra);
            typos.lens.push(term.len());
            typos
                .patterns
                .push((edits == 2).then(|| OsaPattern::new(term)).flatten());
            typos.ones += usize::from(edits == 1);
            if edits == 1 && term.len() + ms >= MIN_GLUED_TERM_LEN {
                typos.glued |= 1 << i;
            }
            let by_len = if edits == 2 {
                &mut typos.two_by_len
            } else {
                &mut typos.by_len
            };
            for terms in &mut by_len[term.len().saturating_sub(edits)..=term.len() + edits] {
                *terms |= 1 << i;
            }
            if edits == 1 {
                for terms in &mut typos.by_len_rn[term.len() - 1..=term.len() + ms + 2] {
                    *terms |= 1 << i;
                }
                typos.longest_one = typos.longest_one.max(term.len() + ms + 2);
            }
        }
        let bits_of =
            |letters: &mut dyn Iterator<Item = u8>| letters.fold(0, |m, b| m | symbol_bit(&[b]));
        let keys: Vec<Key> = if spoken {
            similar.spoken_sound_keys().collect()
        } else {
            similar.sound_keys().collect()
        };
        for key in keys {
            typos.sounds.push(Sounds {
                key,
                letters: bits_of(&mut key.letters()),
                each: key
                    .letters_of_each_sound()
                    .map(|letters| bits_of(&mut letters.into_iter()))
                    .collect(),
            });
        }
        Some(typos)
    }

    /// Sets up the common-subsequence gate (see [`Lcs`]) of the terms `terms` (as built),
    /// with `symbols` giving the census bits an ASCII byte may read as.
    fn with_lcs(mut self, symbols: impl Fn(u8) -> u64, twice: u128) -> Typos {
        // Census bit → the positions of the term symbols (and sounds) it may be.
        let mut by_bit = [0u64; 64];
        let place = |by_bit: &mut [u64; 64], want: u64, at: u32| {
            for (bit, positions) in by_bit.iter_mut().enumerate() {
                if want >> bit & 1 != 0 {
                    *positions |= 1 << at;
                }
            }
        };
        let mut guards = 0u64;
        let mut placed = Vec::new();
        let mut at = 0u32;
        // The place of each term checked two edits away, by length: another of its length
        // (a term as other scripts write it by sound, `mikrosoft`) shares it, each of its
        // positions then any symbol of either (which only lengthens a common subsequence).
        let mut far_at: Vec<(u32, u32)> = Vec::new();
        for (i, term) in self.skeletons.iter().enumerate() {
            let edits = if i < self.ones { 1 } else { 2 };
            let len = term.len() as u32;
            if !term.is_ascii() {
                return self;
            }
            let shared = far_at
                .iter()
                .find(|&&(l, _)| edits == 2 && l == len)
                .map(|&(_, a)| a);
            let start = shared.unwrap_or(at);
            if shared.is_none() && at + len + 1 > 64 {
                return self;
            }
            for (j, &sym) in term.iter().enumerate() {
                place(&mut by_bit, letter_form_bits(sym), start + j as u32);
            }
            placed.push((((1u64 << len) - 1) << start, edits));
            if shared.is_some() {
                continue;
            }
            if edits == 2 {
                far_at.push((len, at));
            }
            guards |= 1 << (at + len);
            at += len + 1;
        }
        // Then the sound keys, where they fit: a run that sounds like a term holds a
        // letter of each of its sounds in order.
        let fits = at
            + self
                .sounds
                .iter()
                .map(|s| s.each.len() as u32 + 1)
                .sum::<u32>()
            <= 64;
        if fits {
            for sounds in &self.sounds {
                let len = sounds.each.len() as u32;
                for (k, &letters) in sounds.each.iter().enumerate() {
                    place(&mut by_bit, letters, at + k as u32);
                }
                placed.push((((1u64 << len) - 1) << at, 0));
                guards |= 1 << (at + len);
                at += len + 1;
            }
        }
        let relevant = (0..64)
            .filter(|&bit| by_bit[bit] != 0)
            .fold(0u64, |m, bit| m | 1 << bit);
        // The terms one edit away, for the automaton of stretches near them.
        let wants: Vec<Vec<u64>> = self.skeletons[..self.ones]
            .iter()
            .map(|term| term.iter().map(|&sym| letter_form_bits(sym)).collect())
            .collect();
        let mut lcs = Lcs {
            masks: Box::new([0; 256]),
            by_bit,
            relevant,
            twice: guards & guards.wrapping_neg(),
            guards,
            terms: placed,
            sounds: fits,
            near: Near::build(wants.iter().map(Vec::as_slice), &symbols),
        };
        for b in 0..=255u8 {
            let again = b < 128 && twice >> b & 1 != 0;
            lcs.masks[usize::from(b)] = lcs.mask_of(symbols(b)) | if again { lcs.twice } else { 0 };
        }
        self.lcs = Some(lcs);
        self
    }

    /// Whether a name with census bits `m` may hold a run one edit from some term checked
    /// only one edit away: the run lacks at most one of the term's symbols, and so does
    /// the name.
    #[inline(always)]
    fn possible_one(&self, m: u64) -> bool {
        self.bits[..self.ones]
            .iter()
            .enumerate()
            .any(|(i, &t)| self.may_lack(i, t & !m, m))
    }

    /// Whether a run one edit from term `i` (checked one edit away) may lack its symbols
    /// `lacks` where it (or the name) holds the census bits `held`: at most one; but none
    /// for a term in letter form where `held` lacks `r` or `n`, since a run without `rn`
    /// has no `m`, so that its one edit leaves out or replaces the term's `m`, and every
    /// other letter of the term is there.
    #[inline(always)]
    fn may_lack(&self, i: usize, lacks: u64, held: u64) -> bool {
        let extra = self.extra[i];
        if held & extra == extra {
            at_most_one_bit(lacks)
        } else {
            lacks == 0
        }
    }

    /// Whether a name with census bits `m` may hold a run two edits from some term: the
    /// run lacks at most two of the term's symbols, and so does the name.
    #[inline(always)]
    fn possible_two(&self, m: u64) -> bool {
        self.bits[self.ones..].iter().any(|&t| {
            let lacks = t & !m;
            at_most_one_bit(lacks & lacks.wrapping_sub(1))
        })
    }

    /// Whether a name with census bits `m` may hold a run that sounds like some term: it
    /// holds a letter of each of the term's sounds.
    #[inline(always)]
    fn may_sound(&self, m: u64) -> bool {
        self.sounds.iter().any(|s| s.possible(m))
    }

    /// Whether a name with census bits `m` may hold a misspelling further than one edit
    /// from some term: two edits away, or sounding like it.
    #[inline(always)]
    fn possible_far(&self, m: u64) -> bool {
        self.far && (self.possible_two(m) || self.may_sound(m))
    }

    /// Whether a name with census bits `m` may hold any misspelling of a term.
    #[inline(always)]
    fn possible(&self, m: u64) -> bool {
        self.possible_one(m) || self.possible_far(m)
    }

    /// Whether a run of words with census bits `bits`, and `leet` of the letters its
    /// leetspeak reads as, could be one edit from one of the terms `terms` (bits) by its
    /// symbols: it lacks at most one symbol of the term, and has at most one the term
    /// lacks (the edit's, which no decoded letter is).
    #[inline(always)]
    fn held(&self, mut terms: u64, bits: u64, leet: u64) -> bool {
        let symbols = bits & !FLAGS;
        while terms != 0 {
            let i = terms.trailing_zeros() as usize;
            let t = self.bits[i];
            if self.may_lack(i, t & !(bits | leet), bits | leet)
                && at_most_one_bit(symbols & !t & !self.extra[i])
            {
                return true;
            }
            terms &= terms - 1;
        }
        false
    }

    /// Whether a run of words with census bits `bits` could be two edits from one of the
    /// terms `terms` (bits, of terms checked two edits away): it lacks at most two
    /// symbols of the term and has at most two the term lacks, and `two_apart` (given
    /// the term's skeleton) says so too.
    #[inline(always)]
    fn held_two(
        &self,
        mut terms: u64,
        bits: u64,
        leet: u64,
        two_apart: impl Fn(&OsaPattern) -> bool,
    ) -> bool {
        let symbols = bits & !FLAGS;
        while terms != 0 {
            let i = terms.trailing_zeros() as usize;
            let t = self.bits[i];
            if (t & !(bits | leet)).count_ones() <= 2
                && (symbols & !t).count_ones() <= 2
                && self.patterns[i].as_ref().is_none_or(&two_apart)
            {
                return true;
            }
            terms &= terms - 1;
        }
        false
    }

    /// Whether a word with census bits `bits` may be part of a run one edit from a term
    /// checked only one edit away: it has at most one symbol the term lacks.
    #[inline(always)]
    fn may_be_in_typo(&self, bits: u64) -> bool {
        let symbols = bits & !FLAGS;
        self.bits[..self.ones]
            .iter()
            .zip(&self.extra)
            .any(|(&t, &extra)| at_most_one_bit(symbols & !t & !extra))
    }

    /// Whether one of the runs `runs` could be one edit from a term checked only one edit
    /// away: as written, or with its doubled letters collapsed (see
    /// [`TypoRun`](crate::matcher::TypoRun)).
    #[inline(always)]
    fn runs_near(&self, runs: &[Word; MAX_RUN_WORDS]) -> bool {
        runs.iter().any(|run| self.run_near(run))
    }

    /// Whether the run `run` could be one edit from a term checked only one edit away (see
    /// [`runs_near`](Typos::runs_near)).
    #[inline(always)]
    fn run_near(&self, run: &Word) -> bool {
        // A run judged as written has one doubled letter (of at most two bytes), however
        // often it was written.
        let collapsed = run.lens >> 32;
        let written = (run.lens & u64::from(u32::MAX)).min(collapsed + 2);
        let at = |n: u64| usize::from(n as u8);
        let by_len = if run.bits & RN == RN {
            &self.by_len_rn
        } else {
            &self.by_len
        };
        let terms = by_len[at(written)] | by_len[at(collapsed)] | slack_lens(by_len, run);
        self.held(terms, run.bits, run.leet)
    }

    /// Whether some run of more than [`MAX_RUN_WORDS`] of the last words `last` (a ring of
    /// [`LONG_RUN_WORDS`] whose next slot is `next`, `count` of them filled) could be one
    /// edit from a term checked only one edit away: a stretch between separators that
    /// case splits into more words (see [`Stretch`](crate::matcher::Stretch)) is such a
    /// run. "Maybe" when the ring cannot tell where such a run starts.
    #[inline(never)]
    fn long_runs_near(&self, last: &[Word; LONG_RUN_WORDS], next: usize, count: usize) -> bool {
        let mut run = Word::default();
        for k in 0..count {
            run = run + last[(next + LONG_RUN_WORDS - 1 - k) % LONG_RUN_WORDS];
            if (run.lens >> 32) as usize > self.longest_one {
                return false;
            }
            if k >= MAX_RUN_WORDS && self.run_near(&run) {
                return true;
            }
        }
        count == LONG_RUN_WORDS
    }

    /// Whether the run `run`, whose first word starts as a misspelling further than one
    /// edit does, could be one: two edits from a term, where `two_apart` (given the
    /// term's skeleton) must say so too, or sounding like one, when every letter of it
    /// sounds only sounds of the term's key, it holds a letter of each, and `sounds_like`
    /// (given the key) says its sounds are the key.
    #[inline(always)]
    fn far_near(
        &self,
        run: &Word,
        two_apart: impl Fn(&OsaPattern) -> bool,
        sounds_like: impl Fn(&Key) -> bool,
    ) -> bool {
        let at = |n: u64| usize::from(n as u8);
        let terms = self.two_by_len[at(run.lens)]
            | self.two_by_len[at(run.lens >> 32)]
            | slack_lens(&self.two_by_len, run);
        // Letters that leetspeak reads (`run.leet`) may be held, but are no letter the
        // term lacks.
        let held = run.bits | run.leet;
        self.held_two(terms, run.bits, run.leet, two_apart)
            || self
                .sounds
                .iter()
                .any(|s| s.fits(run.bits) && s.possible(held) && sounds_like(&s.key))
    }
}

/// The terms of `by_len` (run length → terms) for each length `run` may have once its
/// leetspeak letters collapse with their neighbours (see `Word::slack`), shorter than its
/// collapsed length.
#[inline(always)]
fn slack_lens(by_len: &[u64; 256], run: &Word) -> u64 {
    if run.slack == 0 {
        return 0;
    }
    let collapsed = (run.lens >> 32) as usize;
    (collapsed.saturating_sub(run.slack as usize)..collapsed).fold(0, |t, n| t | by_len[n & 0xFF])
}

/// A word of an ASCII name, or a run of words, as the census sees it.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    /// Census bits of its bytes.
    bits: u64,
    /// Census bits of the letters its leetspeak symbols read as, in the walks that read
    /// them so: letters of the term where a typo-squat holds them (decoded leetspeak is
    /// never the edit), never a symbol the term lacks.
    leet: u64,
    /// Its length in skeleton bytes as written (the low 32 bits) and with its doubled
    /// letters collapsed (the high 32 bits): one sum adds both (a name is shorter than
    /// 4 GiB).
    lens: u64,
    /// How many bytes shorter it may be once collapsed: a letter that leetspeak reads
    /// may repeat the letter before or after it (`@a@` is `a`), which the walk does not
    /// tell; two for each.
    slack: u32,
}

impl Word {
    /// The lengths of a letter of `bytes` skeleton bytes, `kept` of which are left once
    /// repeats collapse (none of a doubled letter).
    #[inline(always)]
    fn letter(bytes: u64, kept: u64) -> u64 {
        bytes | kept << 32
    }
}

impl std::ops::Add for Word {
    type Output = Word;

    #[inline(always)]
    fn add(self, other: Word) -> Word {
        Word {
            bits: self.bits | other.bits,
            leet: self.leet | other.leet,
            lens: self.lens + other.lens,
            slack: self.slack + other.slack,
        }
    }
}

/// The readings of a name that the census has not ruled out (those that may hold what
/// its [`Ruling`] leaves open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Readings {
    /// Every reading but the transliterated one (which the name has not, or which holds
    /// nothing).
    Others,
    /// Every reading.
    All,
    /// The transliterated reading alone.
    Latin,
}

/// What the census rules out in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ruling {
    /// No term and no typo-squat, in any reading.
    Clean,
    /// No term, in any reading; a typo-squat maybe.
    NoTerm,
    /// Nothing.
    Unsure,
}

/// What the census of a name says.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Taken {
    bits: u64,
    /// Whether the name is ASCII (and the ASCII flags are meaningful).
    ascii: bool,
}

impl Taken {
    /// The structural rules' shape bits of an ASCII name (`None` for any other).
    #[inline]
    pub(crate) fn ascii_shape(self) -> Option<u8> {
        self.ascii.then_some((self.bits >> SHAPE_SHIFT) as u8)
    }
}

impl Census {
    pub(crate) fn build(normalizer: &Normalizer, matcher: &Matcher) -> Census {
        let terms = least_sets(
            matcher
                .term_patterns()
                .map(|(n, turned)| {
                    let bits = skeleton_bits(n) | if turned { TURNABLE } else { 0 };
                    (bits, skeleton_bits2(n))
                })
                .collect(),
        );
        // The groups an ASCII name may hold (no symbol of another script), before merging.
        let ascii_terms: Vec<Set> = terms
            .iter()
            .map(|&(t, _)| t)
            .filter(|t| t.need & WIDE_MASK == 0)
            .collect();
        let terms = merged(terms, MAX_CENSUS_TERMS_ANY);
        let typos = matcher
            .typo()
            .few_terms()
            .and_then(|terms| Typos::build(terms, matcher.similar(), false));
        let spoken = matcher.spoken_typo();
        let latin_typos = (!spoken.is_empty())
            .then(|| matcher.typo().few_terms().zip(spoken.few_terms()))
            .flatten()
            .and_then(|(own, spoken)| Typos::build(own.chain(spoken), matcher.similar(), true));
        let letter_skeleton: Box<[[u8; 2]; 128]> = Box::new(std::array::from_fn(|b| {
            let b = b as u8;
            let mut sk = [0; 2];
            if b.is_ascii_alphabetic() {
                let text = normalizer.normalize(std::str::from_utf8(&[b]).unwrap_or(""));
                for (to, from) in sk.iter_mut().zip(text.as_str().bytes()) {
                    *to = from;
                }
            }
            sk
        }));
        // The starts of words that may start a misspelling further than one edit, as
        // pairs of ASCII bytes: the first letter of a term checked two edits away (`m`, or
        // `rn`, for `Microsoft`), or a spelling that sounds the first sound of one checked
        // for sound-alikes (`m`, `rn`).
        let mut far_pairs = Box::new([[false; FAR_END + 1]; 128]);
        let mut far_sounds = Box::new([false; 128]);
        let similar = matcher.similar();
        if !similar.is_empty() {
            let skeleton_of = |bytes: &[u8]| -> Vec<u8> {
                bytes
                    .iter()
                    .flat_map(|&b| letter_skeleton[usize::from(b & 0x7F)])
                    .filter(|&b| b != 0)
                    .collect()
            };
            for a in (b'a'..=b'z').chain(b'A'..=b'Z') {
                for (b, pair) in far_pairs[usize::from(a)].iter_mut().enumerate() {
                    // Anything but a letter (the end, a separator) adds no skeleton here.
                    let start = skeleton_of(&[a, b as u8]);
                    *pair = similar.may_start_two_edits(&start);
                    far_sounds[usize::from(a)] |= similar.may_start_sound_alike(&start);
                }
            }
        }
        let skeleton_of = |b: usize| {
            let skeleton = &letter_skeleton[b & 0x7F];
            &skeleton[..skeleton.iter().take_while(|&&s| s != 0).count()]
        };
        let letter_sounds = Box::new(std::array::from_fn(|b| {
            sound_of_spelling(skeleton_of(b)).map(|sound| sound.unwrap_or(0))
        }));
        let letter_pairs = Box::new(std::array::from_fn(|a| {
            (0..128).fold(0u128, |pairs, b| {
                let (first, second) = (skeleton_of(a), skeleton_of(b));
                let spelling = first.last().zip(second.first()).map(|(&x, &y)| [x, y]);
                let pair = spelling
                    .is_some_and(|s| starts_a_spelling(s[0]) && sound_of_spelling(&s).is_some());
                pairs | u128::from(pair) << b
            })
        }));
        let far_bytes: Vec<u8> = (0..128u8)
            .filter(|&b| far_sounds[usize::from(b)] || far_pairs[usize::from(b)].contains(&true))
            .collect();
        let mut bits = Box::new([ODD | SEP; 256]);
        for (b, slot) in bits.iter_mut().enumerate().take(0x80) {
            let b = b as u8;
            let info = normalizer.ascii_info(b);
            let flags = match info.class {
                // Control characters: not a name the census takes.
                _ if b.is_ascii_control() => ODD | SEP,
                // A leetspeak symbol or digit is a separator, or a letter that is not
                // what was written: either way no run of words that the typo-squat
                // check judges holds it.
                Class::Separator => SEP,
                _ if info.leet[0] != 0 => SEP,
                _ if normalizer.is_leet() && is_digit_read_as_letter(char::from(b), &info) => NOISE,
                _ if b.is_ascii_uppercase() => UPPER,
                _ if b.is_ascii_lowercase() => LOWER,
                _ => 0,
            } | if info.bytes().len() > 1 { TWO } else { 0 };
            *slot = flags | u64::from(ascii_shape(b)) << SHAPE_SHIFT | info_bits(normalizer, &info);
        }
        // A name holds a byte that may start a misspelling further than one edit only if
        // its census has `FAR`, which no symbol of an ASCII byte sets.
        debug_assert!(bits[..0x80].iter().all(|&e| e & FAR == 0));
        for &b in &far_bytes {
            bits[usize::from(b)] |= FAR;
        }
        let far_first = far_bytes.iter().fold(0, |m, &b| {
            let first = letter_skeleton[usize::from(b)][0];
            m | if first == 0 {
                !FLAGS
            } else {
                symbol_bit(&[first])
            }
        });
        // A multi-character leetspeak letter (`|\/|`, `ph`) may yield its letter, but
        // only where the run's bytes stand side by side: the letter's bits are kept apart
        // (`form_bits`), and a byte takes them in a window only next to a byte it shares
        // a run with (`run_pairs`), so that `p` is no `f` but before `h`. The census of a
        // whole name takes, instead of the letters, a slot for them from the byte of the
        // run that names hold least often, which a name that holds the run holds. In no
        // run of words that the typo-squat check judges is a run read as a letter (that
        // is not what was written), so the words' census (`word_bits`) has none of them.
        let mut form_bits = Box::new([0u64; 256]);
        let mut run_pairs = Box::new([0u64; 256]);
        // The letter bits of the runs that each byte stands for (the byte of the run that
        // names hold least often): a name holds a run only if it holds that byte.
        let mut stands_for = [0u64; 128];
        if normalizer.is_leet() {
            for &(run, letter) in &tables::MULTI_LEET {
                let letter = info_bits(normalizer, &normalizer.ascii_info(letter));
                let rarest = run
                    .iter()
                    .copied()
                    .min_by_key(|&b| commonness(b))
                    .unwrap_or(0);
                for b in [rarest, rarest.to_ascii_uppercase()] {
                    stands_for[usize::from(b & 0x7F)] |= letter;
                }
                for &b in run {
                    for b in [b, b.to_ascii_uppercase()] {
                        let b = usize::from(b);
                        form_bits[b] |= letter & !bits[b];
                    }
                }
                for pair in run.windows(2) {
                    for a in [pair[0], pair[0].to_ascii_uppercase()] {
                        for b in [pair[1], pair[1].to_ascii_uppercase()] {
                            let at = usize::from(a) << 7 | usize::from(b);
                            run_pairs[at >> 6] |= 1 << (at & 63);
                        }
                    }
                }
            }
        }
        let any_bits = Box::new(std::array::from_fn(|b| bits[b] | form_bits[b]));
        let latin_ascii = Box::new(std::array::from_fn(|b| {
            let info = normalizer.ascii_info(b as u8);
            let letter = (b as u8).is_ascii_alphabetic() && info.leet[0] == 0;
            let sure = if letter {
                skeleton_bits(info.bytes())
            } else {
                0
            };
            (any_bits[b], sure)
        }));
        // Each census bit of a run's letter has a slot (several share one if there are
        // more bits than slots), which the byte that stands for the run has.
        let mut by_slot = [0; WIDE_BITS as usize];
        let form_letters = stands_for.iter().fold(0, |m, &b| m | b);
        let slot_of = |bit: u32| (form_letters & ((1 << bit) - 1)).count_ones() % WIDE_BITS;
        for bit in (0..64).filter(|&bit| form_letters >> bit & 1 != 0) {
            by_slot[slot_of(bit) as usize] |= 1 << bit;
        }
        let letters_of = |slots: usize| {
            (0..WIDE_BITS as usize)
                .filter(|&i| slots >> i & 1 != 0)
                .fold(0, |m, i| m | by_slot[i])
        };
        let form_slots = Box::new(FormSlots {
            low: std::array::from_fn(letters_of),
            high: std::array::from_fn(|i| letters_of(i << SLOTS_LOW_BITS)),
        });
        for (entry, &letters) in bits.iter_mut().zip(stands_for.iter()) {
            for bit in (0..64).filter(|&bit| letters >> bit & 1 != 0) {
                *entry |= 1 << (WIDE_FIRST + slot_of(bit));
            }
        }
        // The symbols that stand for letters: leetspeak, and without it the one symbol
        // read as a letter all the same (`|` is `i`), as `ascii_info` tells for the
        // normalizer's setting.
        let mut leet_letters = 0u128;
        let mut leet_bits = Box::new([0u64; 128]);
        let relevant = |letter: u8| matcher.letters() >> (letter & 63) & 1 != 0;
        for b in 0..0x80u8 {
            let info = normalizer.ascii_info(b);
            if b.is_ascii_alphabetic() || info.leet[0] == 0 {
                continue;
            }
            if info.leet.iter().any(|&l| l != 0 && relevant(l)) {
                leet_letters |= 1 << b;
            }
            leet_bits[usize::from(b)] = info
                .leet
                .iter()
                .filter(|&&l| l != 0)
                .fold(0, |m, &l| m | symbol_bit(&[l]));
        }
        let separator_class: Box<[u8; 128]> = Box::new(std::array::from_fn(|b| {
            // (A run of symbols only: one with a letter, `ph`, is not read so in the
            // readings whose typo-squats are looked for.)
            let run = tables::MULTI_LEET.iter().any(|(run, _)| {
                run.iter().all(|r| !r.is_ascii_alphanumeric())
                    && run.iter().any(|&r| usize::from(r) == b)
            });
            u8::from(leet_letters >> b & 1 != 0) * LEET_SYMBOL + u8::from(run) * RUN_BYTE
        }));
        for (b, &class) in separator_class.iter().enumerate() {
            let common = matches!(b as u8, b'-' | b'_' | b'.' | b' ');
            if class & LEET_SYMBOL != 0 || class & RUN_BYTE != 0 && !common {
                bits[b] |= LEETISH;
            }
        }
        let word_bits = Box::new(std::array::from_fn(|b| {
            if bits[b] & SEP != 0 {
                SEP
            } else {
                bits[b] & !WIDE_MASK
            }
        }));
        // Letters of other scripts have an ASCII form only when the terms checked for
        // misspellings are one edit away (the others' sounds are not screened so) and
        // all ASCII, and some ASCII letter is as inert. (A term with a letter of another
        // script is one byte edit from a run with a letter whose encoding differs from
        // it in one byte, and that run's form is shorter than the run by the letter's
        // other bytes: its length would rule out what the run is.)
        let typo_bits = latin_typos
            .as_ref()
            .or(typos.as_ref())
            .filter(|typos| !typos.far)
            .map(|typos| typos.bits.iter().fold(0, |m, &t| m | t))
            .filter(|bits| bits & WIDE_MASK == 0);
        let inert = typo_bits.and_then(|t| inert_letter(normalizer, &bits, t));
        let ascii_forms = ascii_forms(normalizer, &bits, typo_bits.filter(|_| inert.is_some()));
        let mut census = Census {
            ascii_forms,
            inert: inert.unwrap_or(0),
            bits,
            form_slots,
            form_bits,
            any_bits,
            run_pairs,
            word_bits,
            // A letter of another script has the bits of its Latin letters as well when
            // names are judged in their transliterated reading too.
            ranges: &RANGE_BITS
                [usize::from(normalizer.is_leet()) | usize::from(matcher.transliterates()) << 1],
            latin_entries: &LATIN_ENTRIES[usize::from(normalizer.is_leet())],
            latin_ascii,
            ascii_terms: (ascii_terms.len() <= MAX_CENSUS_TERMS).then_some(ascii_terms),
            terms,
            typos,
            latin_typos,
            repeat_keys: Box::new(std::array::from_fn(|b| {
                let sym = letter_skeleton.get(b).copied().unwrap_or_default();
                let last = if sym[1] != 0 { sym[1] } else { sym[0] };
                u16::from(sym[0]) | u16::from(last) << 8
            })),
            letter_skeleton,
            far_pairs,
            far_sounds,
            far_first,
            far_letters: {
                let mut letters: Vec<u8> = far_bytes.iter().map(|b| b | 0x20).collect();
                letters.sort_unstable();
                letters.dedup();
                let both_cases = far_bytes.iter().all(|b| {
                    b.is_ascii_alphabetic()
                        && far_bytes.contains(&b.to_ascii_lowercase())
                        && far_bytes.contains(&b.to_ascii_uppercase())
                });
                (both_cases && letters.len() <= 4).then(|| {
                    letters
                        .iter()
                        .map(|&l| u64::from_le_bytes([l; 8]))
                        .collect()
                })
            },
            letter_sounds,
            letter_pairs,
            leet_bits,
            separator_class,
            sound_starts: similar
                .sound_keys()
                .filter_map(|k| k.as_bytes().first_chunk().copied())
                .collect(),
        };
        // The common-subsequence gates, from what each ASCII byte may read as.
        let symbols: Vec<u64> = census
            .bits
            .iter()
            .map(|&e| e | census.run_letters(e))
            .collect();
        // Fed twice: a letter of two symbols (`m` is `rn`), and what may read as a letter
        // of two sounds (`x` is KS).
        let two_sounds = tables::SOUNDS
            .iter()
            .filter(|(spelling, sound)| spelling.len() == 1 && sound.len() > 1)
            .fold(0, |m, (spelling, _)| m | symbol_bit(spelling));
        let twice = (0..128u8)
            .filter(|&b| {
                census.bits[usize::from(b)] & TWO != 0 || symbols[usize::from(b)] & two_sounds != 0
            })
            .fold(0u128, |m, b| m | 1 << b);
        for (b, class) in census.separator_class.iter_mut().enumerate() {
            if twice >> b & 1 != 0 {
                *class |= MANY_SYMBOLS;
            }
        }
        let with_lcs = |typos: Typos| typos.with_lcs(|b| symbols[usize::from(b)], twice);
        census.typos = census.typos.take().map(with_lcs);
        census.latin_typos = census.latin_typos.take().map(with_lcs);
        census
    }

    /// The census of `name`: eight ASCII bytes at a time, and the last eight (or four)
    /// overlapping the chunks before (a census is a union, so counting a byte twice
    /// changes nothing); for a name that is not ASCII, by code point.
    #[inline(always)]
    pub(crate) fn take(&self, name: &str) -> Taken {
        let bits = self.take_ascii(name.as_bytes());
        if bits & ODD == 0 {
            return Taken { bits, ascii: true };
        }
        Taken {
            bits: self.take_any(name),
            ascii: false,
        }
    }

    #[inline(always)]
    fn take_ascii(&self, name: &[u8]) -> u64 {
        let bits = &*self.bits;
        // Fixed-size chunks, so that each is one unrolled run of lookups.
        let of4 = |chunk: &[u8; 4]| chunk.iter().fold(0, |m, &b| m | bits[usize::from(b)]);
        let of8 = |chunk: &[u8; 8]| chunk.iter().fold(0, |m, &b| m | bits[usize::from(b)]);
        let n = name.len();
        if n < 4 {
            return name.iter().fold(0, |m, &b| m | bits[usize::from(b)]);
        }
        if n < 8 {
            let (head, tail) = (name.first_chunk().unwrap(), name.last_chunk().unwrap());
            return of4(head) | of4(tail);
        }
        let (chunks, _) = name.as_chunks::<8>();
        let mut m = 0;
        for chunk in chunks {
            m |= of8(chunk);
            if m & ODD != 0 {
                return m;
            }
        }
        m | of8(name.last_chunk().unwrap())
    }

    /// The census of any `name` (the ASCII flags but `SEP` are meaningless).
    #[inline(never)]
    fn take_any(&self, name: &str) -> u64 {
        let bmp = bmp_index();
        name.chars().fold(0, |m, c| m | self.char_bits(bmp, c))
    }

    /// The census bits of code point `c`, and `SEP` when it is a separator, an invisible
    /// or a mark, or reads as one.
    #[inline(always)]
    fn char_bits(&self, bmp: &[u16], c: char) -> u64 {
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => self.any_bits[usize::from(b)],
            _ => {
                let bits = self.ranges[range_index_in(bmp, u32::from(c))];
                if bits & OWN != 0 {
                    // With any leetspeak letters and Latin letters the range's code
                    // points add.
                    bits & !OWN | symbol_bit(c.encode_utf8(&mut [0; 4]).as_bytes())
                } else {
                    bits
                }
            }
        }
    }

    /// What a name with census `taken` cannot hold, in any reading: no term, and maybe no
    /// typo-squat either. For an ASCII name, runs of words are looked at too. With it,
    /// whether the name's transliterated reading may hold either (false when it is the
    /// name's plain reading).
    #[inline]
    pub(crate) fn rule(&self, name: &str, taken: Taken) -> (Ruling, Readings) {
        let m = taken.bits;
        // The letter of a run (`f` of `ph`) is in no byte's own bits: the slots of the
        // name's bytes tell which runs it may hold, and for the terms that need one of
        // them, the name's pairs of bytes tell which it does hold.
        let possible = if taken.ascii {
            let Some(terms) = &self.ascii_terms else {
                return (Ruling::Unsure, Readings::All);
            };
            let bytes = name.as_bytes();
            let held = m | self.run_letters(m);
            let mut pairs = None;
            terms.iter().any(|&t| {
                t.in_bits(held) && {
                    let runs = if t.in_bits(m) {
                        0
                    } else {
                        *pairs.get_or_insert_with(|| self.pair_letters(bytes))
                    };
                    t.in_bits(m | runs) && self.window_may_hold(bytes, t)
                }
            })
        } else {
            let Some(terms) = &self.terms else {
                return (Ruling::Unsure, Readings::All);
            };
            if m & LATIN != 0 {
                return self.rule_latin(name, m, terms);
            }
            terms
                .iter()
                .any(|&t| t.0.in_bits(m) && self.window_may_hold_any(name, t))
        };
        if possible {
            return (Ruling::Unsure, Readings::Others);
        }
        // A name that is not ASCII may be read in Latin letters too, and checked there
        // against the terms as written by sound.
        let typos = if taken.ascii {
            self.typos.as_ref()
        } else {
            self.latin_typos.as_ref().or(self.typos.as_ref())
        };
        let Some(typos) = typos else {
            return (Ruling::NoTerm, Readings::Others);
        };
        let maybe = if taken.ascii {
            self.ascii_may_hold_typo(typos, name.as_bytes(), m)
        } else {
            // A name in letters that each read as an ASCII letter does (`Němeček`) is
            // screened in that ASCII form, word by word.
            typos.possible(m)
                && match self.ascii_form(name, &mut [0; ASCII_FORM_MAX]) {
                    Some((form, m)) => self.ascii_may_hold_typo(typos, form, m),
                    None => self.chars_may_hold_typo(typos, name.chars(), m, |bmp, c| {
                        self.char_bits(bmp, c)
                    }),
                }
        };
        if maybe {
            (Ruling::NoTerm, Readings::Others)
        } else {
            (Ruling::Clean, Readings::Others)
        }
    }

    /// Whether a run of words of the ASCII `bytes` (census `m`) may be a typo-squat, or a
    /// misspelling further than one edit.
    #[inline(always)]
    fn ascii_may_hold_typo(&self, typos: &Typos, bytes: &[u8], m: u64) -> bool {
        let one = typos.possible_one(m);
        let far = m & FAR != 0 && typos.possible_far(m);
        // Most names hold too few of any term's symbols, even with runs of symbols.
        if !one && !far && (m & LEETISH == 0 || m & WIDE_MASK == 0) {
            return false;
        }
        // A run may read a multi-character leetspeak letter (`|_|`), in a word (which
        // the census's words cannot tell) or spelt out.
        // (A walk that finds no run near a term tells whether leetspeak touches a word.)
        let mut leet_touches = false;
        // A name that lacks two letters of each term may hold its missing letters in
        // runs of symbols (`|_|`).
        let leetish = m & LEETISH != 0;
        let runs = || {
            leetish
                && m & WIDE_MASK != 0
                && typos.possible_one(m | self.run_letters(m))
                && self.symbol_run(bytes, |_| true)
        };
        let walk = |touches: &mut bool| {
            if leetish {
                self.may_hold_typo::<LEET_APART>(typos, bytes, m, touches)
            } else {
                self.may_hold_typo::<LEET_NONE>(typos, bytes, m, touches)
            }
        };
        // The common subsequences with the terms, once a check may look (see `Lcs`).
        let mut common = None;
        let mut common_of = |lcs: &Lcs| *common.get_or_insert_with(|| lcs.of(bytes));
        let near = (one || runs()) && {
            // A typo-squat glued to other letters in a word (`micorsoftstore`), which the
            // walks do not weigh (they weigh runs of whole words), is left to the pass.
            // Its term is checked one edit away: the gate that lets the walks look lets it.
            let (gate, glued) = match &typos.lcs {
                None => (true, typos.glued != 0),
                Some(lcs) => {
                    let v = common_of(lcs);
                    // (A run of words is a stretch of the name: the automaton then asks
                    // whether the symbols in common stand side by side.)
                    let gate = lcs.may_hold(typos, v, m, true, false)
                        && lcs
                            .near
                            .as_ref()
                            .is_none_or(|near| near.holds(self.ascii_symbols(bytes)));
                    let glued = gate
                        && lcs.may_hold_glued(typos, v)
                        && self.words_may_hold_glued(typos, lcs, bytes);
                    (gate, glued)
                }
            };
            gate && (glued
                || walk(&mut leet_touches)
                || leet_touches && self.leet_in_word(typos, bytes, m))
        };
        if near {
            return true;
        }
        // The far walk reads no multi-character run of symbols (`|?` of `mip(|?[]s[]|=`,
        // two edits from Microsoft): a name whose runs may give what it lacks is left to
        // the pass.
        // (Asked only where no cheaper test settles it.)
        let runs_far = || {
            leetish
                && m & WIDE_MASK != 0
                && m & FAR != 0
                && typos.possible_far(m | self.run_letters(m))
        };
        (far || runs_far())
            && typos
                .lcs
                .as_ref()
                .is_none_or(|lcs| lcs.may_hold(typos, common_of(lcs), m, false, true))
            && (far && self.may_hold_far(typos, bytes, leetish)
                || runs_far() && self.symbol_run(bytes, |_| true))
    }

    /// The bytes of the ASCII `name` as [`Near`] reads them: one that is not a letter may
    /// read as nothing (a separator, or a leetspeak symbol beside others of its run), and
    /// so may a letter that continues a multi-character run (`h` of `ph`).
    #[inline(always)]
    fn ascii_symbols<'a>(&'a self, name: &'a [u8]) -> impl Iterator<Item = Symbol> + 'a {
        let mut prev = 0;
        name.iter().map(move |&b| {
            let symbol = Symbol {
                byte: b,
                may_vanish: !b.is_ascii_alphabetic() || self.is_run_pair(prev, b) != 0,
                twice: self.separator_class[usize::from(b & 0x7F)] & MANY_SYMBOLS != 0,
            };
            prev = b;
            symbol
        })
    }

    /// Whether a word of the ASCII `name` may hold a typo-squat glued to other letters
    /// (`micorsoftstore`): the common subsequence of each word with the terms (see
    /// [`Lcs`]), where a word ends at a byte that is a separator in every reading (no
    /// leetspeak letter, and no byte of a multi-character run beside another of it).
    #[inline(never)]
    fn words_may_hold_glued(&self, typos: &Typos, lcs: &Lcs, name: &[u8]) -> bool {
        let mut v = !lcs.guards;
        let (mut prev, mut last) = (0, None);
        for (i, &b) in name.iter().enumerate() {
            let next = name.get(i + 1).copied().unwrap_or(0);
            let parts = self.bits[usize::from(b)] & SEP != 0
                && self.separator_class[usize::from(b & 0x7F)] & LEET_SYMBOL == 0
                && self.is_run_pair(prev, b) | self.is_run_pair(b, next) == 0;
            if parts {
                if lcs.may_hold_glued(typos, v) {
                    return true;
                }
                // The next word may start with the last letter before the separator, a
                // repeat that both words share (`llm-m.ikros0oft`: the `m` of `llm`
                // starts `m.ikros0oft`).
                v = last.map_or(!lcs.guards, |l| lcs.step_byte(!lcs.guards, l));
            } else {
                v = lcs.step_byte(v, b);
                last = Some(b);
            }
            prev = b;
        }
        lcs.may_hold_glued(typos, v)
    }

    /// The ASCII form of `name` (see [`ascii_forms`]) in `buf`, with its census; `None`
    /// when a character has none, a mark follows no letter, or the form does not fit.
    #[inline(never)]
    fn ascii_form<'b>(
        &self,
        name: &str,
        buf: &'b mut [u8; ASCII_FORM_MAX],
    ) -> Option<(&'b [u8], u64)> {
        let mut len = 0;
        let mut after_letter = false;
        for c in name.chars() {
            let b = match u8::try_from(c) {
                Ok(b) if b.is_ascii() => b,
                _ => match *self.ascii_forms.get(c as usize)? {
                    NO_FORM => return None,
                    MARK_FORM if after_letter => continue,
                    MARK_FORM => return None,
                    FOREIGN_LOWER => self.inert,
                    FOREIGN_UPPER => self.inert.to_ascii_uppercase(),
                    b => b,
                },
            };
            after_letter = b.is_ascii_alphabetic();
            *buf.get_mut(len)? = b;
            len += 1;
        }
        let form = &buf[..len];
        let m = self.take_ascii(form);
        (m & ODD == 0).then_some((form, m))
    }

    /// [`rule`](Census::rule) for a name that is not ASCII and holds letters with Latin
    /// letters (its census `m` has `LATIN`): its transliterated reading and every other
    /// ruled on apart, where the census of the whole name cannot tell.
    #[inline(never)]
    fn rule_latin(&self, name: &str, m: u64, terms: &[(Set, u64)]) -> (Ruling, Readings) {
        let may_typo = |m: u64| self.typos.as_ref().is_some_and(|typos| typos.possible(m));
        // The transliterated reading is checked against the terms as written by sound too.
        let latin_typos = self.latin_typos.as_ref().or(self.typos.as_ref());
        let may_typo_latin = |m: u64| latin_typos.is_some_and(|typos| typos.possible(m));
        if !terms.iter().any(|&(t, _)| t.in_bits(m)) && !may_typo(m) && !may_typo_latin(m) {
            return (Ruling::Clean, Readings::Others);
        }
        let (plain, latin) = self.take_latin(name);

        let plain_term = terms
            .iter()
            .any(|&t| t.0.in_bits(plain) && self.plain_window_may_hold(name, t));
        let latin_term = terms
            .iter()
            .any(|&t| t.0.in_bits(latin) && self.latin_window_may_hold(name, t));
        let latin_typo = || {
            may_typo_latin(latin)
                && latin_typos.is_some_and(|typos| {
                    self.chars_may_hold_typo(typos, spoken_order(name), latin, |bmp, c| {
                        self.latin_bits(bmp, c).may
                    }) && self.latin_may_hold_typo(typos, name, latin)
                })
        };
        let latin_maybe = latin_term || latin_typo();
        let plain_typo = || {
            may_typo(plain)
                && self.typos.as_ref().is_some_and(|typos| {
                    self.chars_may_hold_typo(typos, name.chars(), plain, |bmp, c| {
                        self.latin_bits(bmp, c).plain
                    })
                })
        };
        let plain_maybe = plain_term || plain_typo();
        let ruling = if plain_term || latin_term {
            Ruling::Unsure
        } else if latin_maybe || plain_maybe {
            Ruling::NoTerm
        } else {
            Ruling::Clean
        };
        let readings = match (plain_maybe, latin_maybe) {
            (false, true) => Readings::Latin,
            (true, true) => Readings::All,
            (_, false) => Readings::Others,
        };
        (ruling, readings)
    }

    /// Whether the ASCII `name` has a window that could read as the term of census bits
    /// `t`. A match of the term reads every byte of its span as a separator or as
    /// symbols of the term, so some stretch of bytes, each a separator (a leetspeak symbol
    /// may be one) or one that may read as a symbol of the term (a digit in one of its
    /// readings; a letter of two symbols, `m`, at an end of the span, for one of them;
    /// a byte of a multi-character leetspeak run that stands beside another byte of the
    /// run, for the run's letter), must hold every symbol of the term.
    #[inline(never)]
    fn window_may_hold(&self, name: &[u8], t: Set) -> bool {
        // Without a branch a byte (but the one that ends the search): words and runs end
        // where the name says, which no predictor foresees.
        let mut window = 0;
        // Whether the byte is in a run with the one before it.
        let mut after = 0;
        for (i, &b) in name.iter().enumerate() {
            let next = name.get(i + 1).copied().unwrap_or(0);
            let before = self.is_run_pair(b, next);
            let form = self.form_bits[usize::from(b)] & 0u64.wrapping_sub(after | before);
            if widens(&mut window, self.bits[usize::from(b)] | form, t) {
                return true;
            }
            after = before;
        }
        false
    }

    /// 1 when ASCII byte `b` may follow byte `a` inside a multi-character leetspeak run.
    #[inline(always)]
    fn is_run_pair(&self, a: u8, b: u8) -> u64 {
        let at = usize::from(a & 0x7F) << 7 | usize::from(b & 0x7F);
        self.run_pairs[at >> 6] >> (at & 63) & 1
    }

    /// The census bits of the letters of the runs that the ASCII `name`'s pairs of
    /// adjacent bytes may be part of (none when no pair of its bytes is part of a run).
    #[inline(never)]
    fn pair_letters(&self, name: &[u8]) -> u64 {
        name.windows(2).fold(0, |m, pair| {
            let (a, b) = (pair[0], pair[1]);
            let letters = self.form_bits[usize::from(a)] | self.form_bits[usize::from(b)];
            m | letters & 0u64.wrapping_sub(self.is_run_pair(a, b))
        })
    }

    /// The census bits that the runs of an ASCII name of census `m` may give, by the
    /// slots its bytes have: two loads, no branch.
    #[inline(always)]
    fn run_letters(&self, m: u64) -> u64 {
        let slots = ((m & WIDE_MASK) >> WIDE_FIRST) as usize;
        self.form_slots.low[slots & SLOTS_LOW] | self.form_slots.high[slots >> SLOTS_LOW_BITS]
    }

    /// [`window_may_hold`](Census::window_may_hold) for any `name`, by code point: an
    /// invisible or a mark is passed over as a separator is.
    #[inline(never)]
    fn window_may_hold_any(&self, name: &str, t: (Set, u64)) -> bool {
        let bmp = bmp_index();
        let mut window = (0, 0);
        // As in an ASCII name, an ASCII character gives the letter of a multi-character
        // leetspeak run (`(V)`) only beside an ASCII character it shares a run with: the
        // `(주)` of a Korean company name is no `m`. (The fullwidth forms of a run's
        // characters carry its letter on their own.)
        let mut after = 0;
        let mut chars = name.chars().peekable();
        while let Some(c) = chars.next() {
            // Whether the character and the next are in a run, either in ASCII or in its
            // fullwidth form (a run may mix them: `pｈ`).
            let before = match (
                ascii_form_of(c),
                chars.peek().copied().and_then(ascii_form_of),
            ) {
                (Some(a), Some(b)) => self.is_run_pair(a, b),
                _ => 0,
            };
            let e = match u8::try_from(c) {
                Ok(b) if b.is_ascii() => {
                    let form = self.form_bits[usize::from(b)] & 0u64.wrapping_sub(after | before);
                    // (Its slots of run letters are no symbols.)
                    self.bits[usize::from(b)] & !WIDE_MASK | form
                }
                _ => self.char_bits(bmp, c),
            };
            after = before;
            if widens2(&mut window, (e, self.char_bits2(bmp, c)), t) {
                return true;
            }
        }
        false
    }

    /// [`window_may_hold_any`](Census::window_may_hold_any) in every reading but the
    /// transliterated one.
    #[inline(never)]
    fn plain_window_may_hold(&self, name: &str, t: (Set, u64)) -> bool {
        self.window_of(name, t, |bmp, c| self.latin_bits(bmp, c).plain)
    }

    /// [`window_may_hold_any`](Census::window_may_hold_any) in the transliterated reading.
    #[inline(never)]
    fn latin_window_may_hold(&self, name: &str, t: (Set, u64)) -> bool {
        self.window_of(name, t, |bmp, c| self.latin_bits(bmp, c).may)
    }

    /// Whether a window of `name`'s code points, each with the census bits `bits` gives
    /// it, holds what the group `t` needs (see [`widens`]).
    #[inline(always)]
    fn window_of(&self, name: &str, t: (Set, u64), bits: impl Fn(&[u16], char) -> u64) -> bool {
        let bmp = bmp_index();
        let mut window = (0, 0);
        name.chars()
            .any(|c| widens2(&mut window, (bits(bmp, c), self.char_bits2(bmp, c)), t))
    }

    /// The second census bits of code point `c` (see [`wide_bit2`]).
    #[inline(always)]
    fn char_bits2(&self, bmp: &[u16], c: char) -> u64 {
        if c.is_ascii() {
            return 0;
        }
        let at = range_index_in(bmp, u32::from(c));
        if self.ranges[at] & OWN != 0 {
            wide_bit2(c.encode_utf8(&mut [0; 4]).as_bytes())
        } else {
            RANGE_BITS2[at]
        }
    }

    /// Whether `name` (not ASCII; census `m` in the reading looked at, whose census bits of
    /// a character `bits` gives) may hold a misspelling of a term of `typos` by its
    /// common subsequences with them (see [`Lcs::of_chars`]); "maybe" without the gate.
    #[inline(never)]
    fn chars_may_hold_typo(
        &self,
        typos: &Typos,
        name: impl Iterator<Item = char>,
        m: u64,
        bits: impl Fn(&[u16], char) -> u64,
    ) -> bool {
        let Some(lcs) = &typos.lcs else {
            return true;
        };
        let bmp = bmp_index();
        let v = lcs.of_chars(name, |c| bits(bmp, c));
        lcs.may_hold(typos, v, m, true, typos.far)
    }

    /// The census of a name that is not ASCII in every reading but the transliterated one,
    /// and in that one.
    #[inline(never)]
    fn take_latin(&self, name: &str) -> (u64, u64) {
        let bmp = bmp_index();
        name.chars().fold((0, 0), |(plain, latin), c| {
            let bits = self.latin_bits(bmp, c);
            (plain | bits.plain, latin | bits.may)
        })
    }

    /// Whether the transliterated reading of `name` (not ASCII) may hold a misspelling of a
    /// term: whether some window of letters as long as such a misspelling may be, from
    /// where a word may start to where one may end, lacks no more of the term's symbols
    /// than the misspelling may. A window of the name's letters holds the symbols of the
    /// letters of that reading there and more (census bits are a union over readings, and
    /// a letter may read as several); separators, marks, digits and letters that add no
    /// symbol to the one before (a repeat, which the reading collapses) are passed over
    /// without counting, and so is the second letter of a pair read as one (`ου`).
    #[inline(never)]
    fn latin_may_hold_typo(&self, typos: &Typos, name: &str, latin: u64) -> bool {
        // The terms whose misspellings the reading's census allows: (its bits, the
        // longest misspelling, how many symbols it may lack and add).
        let mut live = [(0usize, 0u64, 0u64, 0usize, 0u32); 64];
        let mut n = 0;
        for (i, &t) in typos.bits.iter().enumerate() {
            let edits = if i < typos.ones { 1 } else { 2 };
            let possible = if edits == 1 {
                typos.may_lack(i, t & !latin, latin)
            } else {
                at_most_bits(t & !latin, edits)
            };
            if possible {
                // A misspelling is counted in letters, and an `m` added as `rn` is two
                // letters here (`aζρnüre` is `azrnure`, `azmure`, one from `azure`).
                let rn = usize::from(latin & RN == RN);
                live[n] = (
                    i,
                    t,
                    typos.extra[i],
                    typos.lens[i] + edits as usize + rn,
                    edits,
                );
                n += 1;
            }
        }
        let live = &live[..n];
        let sounds: &[Sounds] = if typos.sounds.iter().any(|s| s.possible(latin)) {
            if typos.max_far_len > LATIN_WINDOW {
                return true;
            }
            &typos.sounds
        } else {
            &[]
        };
        // Each run of the last letters, as long as it may be a misspelling of the term and
        // with no more symbols the term lacks than the misspelling may have: whether it
        // lacks no more of the term's than the misspelling may. Such a run is of whole
        // words, so it starts where a word may (`words`); one further than one edit starts
        // with a letter that may start it (`starts`), and none is looked for when no such
        // start is near enough (`newest`, the count of letters before the last).
        let runs_near = |may: &[u64; LATIN_WINDOW],
                         sure: &[u64; LATIN_WINDOW],
                         (words, starts): (&[bool; LATIN_WINDOW], &[bool; LATIN_WINDOW]),
                         counted: usize,
                         newest: Option<usize>| {
            let near = |max_len: usize| newest.is_some_and(|k| counted - k <= max_len);
            live.iter().any(|&(i, t, extra, max_len, edits)| {
                (edits == 1 || near(max_len))
                    && runs_ending(may, sure, counted, max_len, |s, m, at| {
                        let start = if edits == 1 { words[at] } else { starts[at] };
                        let lacks = if edits == 1 {
                            typos.may_lack(i, t & !m, m)
                        } else {
                            at_most_bits(t & !m, edits)
                        };
                        (at_most_bits(s & !t & !extra, edits), start && lacks)
                    })
            }) || near(typos.max_far_len)
                && sounds.iter().any(|s| {
                    runs_ending(may, sure, counted, typos.max_far_len, |b, m, at| {
                        (s.fits(b), starts[at] && s.possible(m))
                    })
                })
        };
        let bmp = bmp_index();
        // The bits of the last letters that may be read (and of what was passed over
        // before each), and the symbols each surely is.
        let mut may = [0u64; LATIN_WINDOW];
        let mut sure = [0u64; LATIN_WINDOW];
        // Whether a word of the reading may start at each (after a separator, or at an
        // uppercase letter, as camelCase starts one after a letter with case; see
        // `camel_starts`), or at a letter passed over right before it; and whether that
        // letter may also read as one that starts a misspelling further than one edit
        // (see `far_first`).
        let mut words = [false; LATIN_WINDOW];
        let mut starts = [false; LATIN_WINDOW];
        let (mut counted, mut pending, mut last) = (0usize, 0u64, 0u64);
        let (mut after_separator, mut pending_word, mut pending_start) = (true, false, false);
        let mut newest_start = None;
        // The letter counted last, when it is the character before.
        let mut previous = None;
        // Whether the runs that end with the last letter counted are still to be looked at:
        // a run of words ends only where a word does, before a separator or an uppercase
        // letter (or at the end).
        let mut ends_here = false;
        for c in spoken_order(name) {
            let Latin {
                may: bits,
                sure: surely,
                upper,
                ..
            } = self.latin_bits(bmp, c);
            let symbols = bits & !FLAGS;
            let separates = bits & (SEP | NOISE) != 0;
            if ends_here && (separates || upper) {
                ends_here = false;
                if runs_near(&may, &sure, (&words, &starts), counted, newest_start) {
                    return true;
                }
            }
            let word_start = after_separator || upper;
            let far_start = word_start && bits & self.far_first != 0;
            after_separator = separates;
            // What reads as nothing may stand inside a pair (`ο̈υ`, see `pair_after`).
            let after = if previous.is_some() && separates && reads_as_nothing(bmp, c) {
                previous
            } else {
                previous.take()
            };
            if surely == 0 && after.is_some_and(|a| reads_as_one(a, c)) {
                // The second letter of a pair that may read as one letter (`ου` is `u`):
                // read with the letter before (which then surely is no one symbol).
                let at = (counted - 1) % LATIN_WINDOW;
                may[at] |= bits;
                sure[at] = 0;
                last |= symbols;
                ends_here = true;
                continue;
            }
            if separates || symbols & !last == 0 {
                // A leetspeak symbol is a separator (its letter then counts with the
                // next letter's), or a letter that may end a run (and start one).
                if separates && symbols != 0 {
                    let at = counted % LATIN_WINDOW;
                    let kept = (may[at], sure[at], words[at], starts[at]);
                    (may[at], sure[at], words[at]) = (bits | pending, 0, true);
                    starts[at] = (bits | pending) & self.far_first != 0;
                    let newest = if starts[at] {
                        Some(counted)
                    } else {
                        newest_start
                    };
                    if runs_near(&may, &sure, (&words, &starts), counted + 1, newest) {
                        return true;
                    }
                    (may[at], sure[at], words[at], starts[at]) = kept;
                }
                pending |= bits;
                pending_word |= word_start;
                pending_start |= far_start;
                continue;
            }
            last = symbols;
            previous = Some(c);
            let at = counted % LATIN_WINDOW;
            may[at] = bits | pending;
            sure[at] = surely & !FLAGS;
            words[at] = word_start || pending_word;
            starts[at] = far_start || pending_start;
            if starts[at] {
                newest_start = Some(counted);
            }
            pending = 0;
            pending_word = false;
            pending_start = false;
            counted += 1;
            ends_here = true;
        }
        ends_here && runs_near(&may, &sure, (&words, &starts), counted, newest_start)
    }

    /// What code point `c` yields (see [`Latin`]).
    #[inline(always)]
    fn latin_bits(&self, bmp: &[u16], c: char) -> Latin {
        if let Ok(b) = u8::try_from(c) {
            if b.is_ascii() {
                let (may, sure) = self.latin_ascii[usize::from(b)];
                return Latin {
                    plain: may,
                    may,
                    sure,
                    upper: b.is_ascii_uppercase(),
                };
            }
        }
        let at = range_index_in(bmp, u32::from(c));
        let e = self.ranges[at];
        if e & LATIN != 0 {
            if let Some(k) = transliterated_range(at) {
                return self.latin_entries[k];
            }
        }
        let (e, sure) = if e & OWN != 0 {
            let own = symbol_bit(c.encode_utf8(&mut [0; 4]).as_bytes());
            (e & !OWN | own, if e & SEP == 0 { own } else { 0 })
        } else if e & SURE != 0 {
            (e, e & !FLAGS)
        } else {
            (e, 0)
        };
        Latin {
            plain: e,
            may: e,
            sure,
            upper: c.is_uppercase(),
        }
    }

    /// Whether some run of words of the ASCII `name` (census `m`) could be a typo-squat
    /// by its symbols and length.
    ///
    /// The words of an ASCII name are the runs of bytes between separators, split where
    /// the reader's camelCase rule starts a word; a leetspeak symbol counts as a
    /// separator (where one touches a letter, [`leet_in_word`](Census::leet_in_word)
    /// says "maybe" instead; a word of leetspeak alone is no letter of a typo-squat). A
    /// run of words that the typo-squat check judges has one skeleton byte per letter or
    /// digit (two for `m`), but for its doubled letters, so a run one edit from a term
    /// has about the term's length as written (a doubled letter twice, however often it
    /// was written) or with its doubled letters collapsed (the census checks both
    /// lengths, whatever the number of doubled letters: it only ever says "maybe" more
    /// often than the pipeline). More than [`MAX_RUN_WORDS`] words of one letter in a row,
    /// or runs of leetspeak symbols between them, may be letters spelt out: "maybe".
    #[inline(never)]
    fn may_hold_typo<const LEET: u8>(
        &self,
        typos: &Typos,
        name: &[u8],
        m: u64,
        leet_touches: &mut bool,
    ) -> bool {
        if m & UPPER != 0 {
            self.words_may_hold_typo::<true, LEET>(typos, name, leet_touches)
        } else {
            self.words_may_hold_typo::<false, LEET>(typos, name, leet_touches)
        }
    }

    /// Whether two bytes of a multi-character leetspeak run of symbols stand side by side
    /// at some `i` of the ASCII `name` where `at(i)` holds.
    #[inline]
    fn symbol_run(&self, name: &[u8], at: impl Fn(usize) -> bool) -> bool {
        let class = |b: u8| self.separator_class[usize::from(b & 0x7F)];
        name.windows(2).enumerate().any(|(i, w)| {
            class(w[0]) & class(w[1]) & RUN_BYTE != 0 && self.is_run_pair(w[0], w[1]) != 0 && at(i)
        })
    }

    /// Whether the ASCII `name` (census `m`), in which leetspeak touches a word (as the
    /// walk of [`may_hold_typo`](Census::may_hold_typo) tells), may hold a typo-squat
    /// that reads it as letters (`Azr3`): a multi-character run beside a letter
    /// (`|\/|icrosft`) may; otherwise the words of the lettered and the first reading
    /// tell.
    #[inline(never)]
    fn leet_in_word(&self, typos: &Typos, name: &[u8], m: u64) -> bool {
        let class = |b: u8| self.separator_class[usize::from(b & 0x7F)];
        let letter = |b: u8| b.is_ascii_alphanumeric() || class(b) & LEET_SYMBOL != 0;
        let beside_letter = |i: usize| {
            i.checked_sub(1).is_some_and(|j| letter(name[j]))
                || name.get(i + 2).is_some_and(|&b| letter(b))
        };
        if self.symbol_run(name, beside_letter) {
            return true;
        }
        // The words of the readings that read them as letters.
        // (Both read digits as letters, and differ only where a symbol is not before a
        // letter.)
        let ignored = &mut false;
        let symbols = || {
            name.iter()
                .any(|&b| !b.is_ascii_digit() && self.leet_bits[usize::from(b & 0x7F)] != 0)
        };
        // (And the readings that read digits as letters and symbols apart:
        // `modern$40ure` holds `40ure`.)
        self.may_hold_typo::<LEET_LETTERS>(typos, name, m, ignored)
            || symbols()
                && (self.may_hold_typo::<LEET_FIRST>(typos, name, m, ignored)
                    || self.may_hold_typo::<LEET_DIGITS>(typos, name, m, ignored))
    }

    /// Whether a run of words of the ASCII `name` whose first word starts at `i` may be a
    /// misspelling further than one edit (see [`may_hold_far`](Census::may_hold_far)).
    #[inline(always)]
    fn far_from(&self, typos: &Typos, name: &[u8], i: usize, leet: bool) -> bool {
        self.bits[usize::from(name[i])] & FAR != 0 && self.far_candidate(typos, name, i, leet)
    }

    /// [`far_from`](Census::far_from) past its first byte.
    #[inline(never)]
    fn far_candidate(&self, typos: &Typos, name: &[u8], i: usize, leet: bool) -> bool {
        self.starts_far(name, i)
            && (self.far_run_from::<LEET_APART>(typos, name, i)
                || leet
                    && (self.far_run_from::<LEET_LETTERS>(typos, name, i)
                        || self.far_run_from::<LEET_FIRST>(typos, name, i)
                        || self.far_run_from::<LEET_DIGITS>(typos, name, i)))
    }

    /// Whether a word that starts at `i` of the ASCII `name` may start a misspelling
    /// further than one edit: with the first letter of a term checked two edits away, or
    /// with the first two sounds of one checked for sound-alikes.
    #[inline(always)]
    fn starts_far(&self, name: &[u8], i: usize) -> bool {
        let a = usize::from(name[i] & 0x7F);
        let b = name.get(i + 1).map_or(FAR_END, |&b| usize::from(b & 0x7F));
        // The reader collapses a repeat: `rrn` starts as `rn` does (`m` in letter form).
        // (A longer repeat than a word the walks cut is "maybe": each word start looks
        // at no more than that.)
        let after_repeats = || {
            let repeats = name[i + 1..]
                .iter()
                .take(MAX_CUT_WORD)
                .take_while(|&&c| c.is_ascii_alphabetic() && c | 0x20 == name[i] | 0x20)
                .count();
            let b = name.get(i + 1 + repeats);
            repeats == MAX_CUT_WORD
                || repeats > 0 && self.far_pairs[a][b.map_or(FAR_END, |&b| usize::from(b & 0x7F))]
        };
        self.far_pairs[a][b]
            || self.far_sounds[a] && self.sounds_start_far(name, i)
            || name[i].is_ascii_alphabetic() && after_repeats()
    }

    /// Whether the word that starts at `i` of the ASCII `name` may start with the first
    /// two sounds of a term checked for sound-alikes: the sounds of its letters (repeats
    /// collapsed, as the reader does); "maybe" when the second sound is not known before
    /// an uppercase letter (which may start the next word), a separator (the run may go
    /// on in the next word), a digit or leetspeak symbol (which may be read as a letter),
    /// or the end of what is read here.
    #[inline(never)]
    fn sounds_start_far(&self, name: &[u8], i: usize) -> bool {
        // Most words are letters that each sound on their own: their sounds are read
        // here one by one, and any other word is read whole below.
        let sound = |b: u8| self.letter_sounds[usize::from(b & 0x7F)];
        let pairs = |a: u8, b: u8| self.letter_pairs[usize::from(a & 0x7F)] >> (b & 0x7F) & 1 != 0;
        let word = &name[i..];
        if let Some(first) = sound(word[0]).filter(|&s| s != 0) {
            let mut last = word[0] | 0x20;
            for (k, &b) in word.iter().enumerate() {
                let next = word.get(k + 1).copied().unwrap_or(0);
                if pairs(b, next) {
                    break;
                }
                if k == 0 {
                    continue;
                }
                if !b.is_ascii_alphabetic() {
                    // A digit or leetspeak symbol may be read as a letter
                    // (`ml0maikrosoft`, `m@ejkrosawft`), and after a separator the next
                    // word may hold the second sound (`M_IKROSAWFT`): unsure.
                    return true;
                }
                if b.is_ascii_uppercase() {
                    break;
                }
                if b | 0x20 == last {
                    continue;
                }
                last = b | 0x20;
                match sound(b) {
                    None => break,
                    Some(s) if s != 0 && s != first => {
                        return self.sound_starts.contains(&[first, s]);
                    }
                    _ => {}
                }
            }
        }
        self.sounds_start_far_slowly(name, i)
    }

    /// Whether the ASCII byte `b`, which no letter is, may be read as one: a digit, or a
    /// leetspeak symbol.
    #[inline]
    fn may_read_as_letter(&self, b: u8) -> bool {
        b.is_ascii_digit() || self.leet_bits[usize::from(b & 0x7F)] != 0
    }

    /// [`sounds_start_far`](Census::sounds_start_far) for any word.
    #[inline(never)]
    fn sounds_start_far_slowly(&self, name: &[u8], i: usize) -> bool {
        let mut skeleton = [0u8; 8];
        let mut len = 0;
        let mut last = [0u8; 2];
        // Whether the run may go on past what was read (an uppercase letter may or may
        // not start the next word; after a separator, the next word goes on with it).
        let mut cut = false;
        for (k, &b) in name[i..].iter().enumerate() {
            let sym = self.letter_skeleton[usize::from(b & 0x7F)];
            if sym[0] == 0 {
                // A digit or leetspeak symbol may be read as a letter (`maj1krosoft`):
                // unsure; after a separator, the next word may go on with the sounds.
                if self.may_read_as_letter(b) {
                    return true;
                }
                cut = true;
                break;
            }
            if k > 0 && b.is_ascii_uppercase() {
                cut = true;
                break;
            }
            if sym == last {
                continue;
            }
            last = sym;
            let n = 1 + usize::from(sym[1] != 0);
            if len + n > skeleton.len() {
                cut = true;
                break;
            }
            skeleton[len..len + n].copy_from_slice(&sym[..n]);
            len += n;
        }
        match leading_sounds(&skeleton[..len]) {
            (Some(sounds), read) => cut && read == len || self.sound_starts.contains(&sounds),
            (None, read) => cut && read == len,
        }
    }

    /// Whether the run of words `run` of an ASCII name could be two edits from the term
    /// skeleton `term`: its letters' skeletons, its separators left out, as read (repeats
    /// collapsed) or as written, are at most three edits from it (one more than the
    /// pipeline allows, for a symbol two words share); "maybe" when it holds a digit.
    #[inline(never)]
    fn may_be_two_apart(&self, run: &[u8], term: &OsaPattern) -> bool {
        // As read (repeats collapsed) and as written.
        let (mut read, mut written) = ([0u8; 64], [0u8; 64]);
        let (mut read_len, mut written_len) = (0, 0);
        let mut last = [0u8; 2];
        for &b in run {
            let sym = self.letter_skeleton[usize::from(b & 0x7F)];
            if sym[0] == 0 {
                // A digit or symbol in the run may be read as a letter (`M1crosft`,
                // `Mikro$oft`): unsure.
                if b.is_ascii_digit() || self.leet_bits[usize::from(b & 0x7F)] != 0 {
                    return true;
                }
                continue;
            }
            let n = 1 + usize::from(sym[1] != 0);
            if written_len + n > written.len() {
                return true;
            }
            written[written_len..written_len + n].copy_from_slice(&sym[..n]);
            written_len += n;
            if sym != last {
                read[read_len..read_len + n].copy_from_slice(&sym[..n]);
                read_len += n;
            }
            last = sym;
        }
        term.distance(&read[..read_len]) <= 3 || term.distance(&written[..written_len]) <= 3
    }

    /// Whether the run of the words `words` (spans of the ASCII `name`, in order)
    /// sounds like the key `key`: the sounds of its words' letters, one word after the
    /// other (see [`Key`]).
    #[inline(never)]
    fn sounds_like(&self, name: &[u8], words: &[(u32, u32)], key: &Key) -> bool {
        let mut sounds = Key::new();
        let mut skeleton = [0u8; 64];
        let mut last = [0u8; 2];
        for &(start, end) in words {
            let mut len = 0;
            for &b in &name[start as usize..end as usize] {
                let sym = self.letter_skeleton[usize::from(b & 0x7F)];
                let n = 1 + usize::from(sym[1] != 0);
                if sym[0] == 0 || len + n > skeleton.len() {
                    // Not a letter (no sound; but a digit may be read as one), or a word
                    // longer than any key's spelling need be looked at here.
                    return sym[0] != 0 || b.is_ascii_digit();
                }
                if sym == last {
                    // A repeat, which the reader collapses, and which may end a spelling
                    // of two letters (`ejj` reads `ej`): collapsed here too inside a
                    // word; one across words leaves the run unsure.
                    if len == 0 {
                        return true;
                    }
                    continue;
                }
                last = sym;
                skeleton[len..len + n].copy_from_slice(&sym[..n]);
                len += n;
            }
            if sounds.push_word(&skeleton[..len]).is_none() {
                return false;
            }
        }
        sounds == *key
    }

    /// [`may_hold_typo`](Census::may_hold_typo), looking for camelCase boundaries only
    /// when `CAMEL` (the name has an uppercase letter).
    #[inline(always)]
    fn words_may_hold_typo<const CAMEL: bool, const LEET: u8>(
        &self,
        typos: &Typos,
        name: &[u8],
        leet_touches: &mut bool,
    ) -> bool {
        let mut runs = RunSums::<Word>::default();
        // The last words, for runs of more words where case splits them.
        let mut last = [Word::default(); LONG_RUN_WORDS];
        let (mut next, mut count) = (0, 0);
        let mut case = Case::None;
        let mut rest = name;
        // Words of one letter in a row, and runs of leetspeak symbols between them (each
        // may be a letter): more than `MAX_RUN_WORDS` may be letters spelt out.
        let mut spelled = 0;
        // Whether leetspeak ends right before the next word, and the word it may join
        // that one to (as a letter, in the lettered reading) could be part of a
        // typo-squat.
        let mut joins_next = false;
        let mut touches = false;
        while !rest.is_empty() {
            let before = rest.len();
            let case_before = case;
            let w = self.next_word::<CAMEL, LEET>(&mut rest, &mut case);
            // Where digits are letters, a digit beside a letter may yet be read as a
            // separator (`45U$rE7repool` holds `4 U rE`, one from Azure; `pygoic745u3r53`
            // holds `45u3r53`): a run may end before it, and one word start after it.
            if matches!(LEET, LEET_LETTERS | LEET_FIRST | LEET_DIGITS) && w.leet != 0 {
                let word = &name[name.len() - before..name.len() - rest.len()];
                // (A word too long to cut in time is left to the pipeline.)
                if word.len() > MAX_CUT_WORD {
                    return true;
                }
                let apart = |d: usize| may_part_words(word, d);
                let starts = (0..word.len()).filter(|&d| d == 0 || apart(d - 1));
                for from in starts {
                    let ends = (from + 1..=word.len()).filter(|&d| d == word.len() || apart(d));
                    for to in ends.filter(|&to| (from, to) != (0, word.len())) {
                        let (mut part, mut case) = (&word[from..to], case_before);
                        let cut = self.next_word::<CAMEL, LEET>(&mut part, &mut case);
                        let mut cut_runs = if from == 0 { runs } else { RunSums::default() };
                        if typos.may_be_in_typo(cut.bits) && typos.runs_near(cut_runs.push(cut)) {
                            return true;
                        }
                    }
                }
            }
            if w.lens > 0 {
                // A run that holds a word with two symbols that a term lacks is near no such
                // term (see `Typos::held`): when every term is so, none of the runs is.
                let ending = runs.push(w);
                if typos.may_be_in_typo(w.bits) && typos.runs_near(ending) {
                    return true;
                }
            }
            if CAMEL && w.lens > 0 {
                last[next] = w;
                next = (next + 1) % LONG_RUN_WORDS;
                count = (count + 1).min(LONG_RUN_WORDS);
                if count > MAX_RUN_WORDS && typos.long_runs_near(&last, next, count) {
                    return true;
                }
            }
            // A word of one letter reads as at most two skeleton bytes (`m` is `rn`) once
            // its doubled letters collapse (`Aa` is one letter). (Without a branch: word
            // lengths follow no pattern a predictor sees.)
            let empty = before == rest.len();
            let one = !empty && w.lens >> 32 <= 2;
            spelled = (spelled + usize::from(one)) * usize::from(one || empty);
            let sep = self.skip_separators::<LEET>(&mut rest, &mut case, w.lens > 0);
            // A multi-character run among separators is a letter of its own (`azu |\/|`
            // is `azu m`) that the walk does not read: unsure.
            if sep.run {
                return true;
            }
            if joins_next | sep.leet {
                // A word with two letters that a term lacks is part of no typo-squat,
                // nor is leetspeak joined to it (a digit read as a letter may be noise
                // instead).
                let alive = || w.lens > 0 && (w.bits & NOISE != 0 || typos.may_be_in_typo(w.bits));
                touches |= joins_next && alive();
                spelled += sep.leet_runs;
                touches |= sep.touches_before && !sep.whole && alive();
                joins_next = sep.touches_after && (!sep.whole || w.lens == 0 || alive());
            }
            if matches!(LEET, LEET_APART | LEET_NONE) && spelled > MAX_RUN_WORDS {
                return true;
            }
        }
        *leet_touches = touches;
        false
    }

    /// Whether the byte `b` of an ASCII name, before `tail`, is a letter that leetspeak
    /// reads in the walk `LEET` (see [`LEET_APART`]): the census bits of its letters.
    #[inline(always)]
    fn leet_letter<const LEET: u8>(&self, b: u8, tail: &[u8]) -> u64 {
        if matches!(LEET, LEET_APART | LEET_NONE) {
            return 0;
        }
        let letters = self.leet_bits[usize::from(b & 0x7F)];
        if LEET == LEET_DIGITS {
            return if b.is_ascii_digit() { letters } else { 0 };
        }
        // The first reading reads a symbol as a letter only before a letter (or a digit
        // or symbol that may be one).
        let before_letter = || {
            tail.first().is_some_and(|&c| {
                c.is_ascii_alphanumeric() || self.leet_bits[usize::from(c & 0x7F)] != 0
            })
        };
        if LEET == LEET_LETTERS || b.is_ascii_digit() || before_letter() {
            letters
        } else {
            0
        }
    }

    /// Whether some run of words of the ASCII `name` could be a misspelling further than
    /// one edit from a term: two edits away, or sounding like it. Such a run's first word
    /// starts as the term does (see [`SimilarIndex::may_start_two_edits`] and
    /// [`SimilarIndex::may_start_sound_alike`]), which few words do: the runs of up to
    /// [`MAX_RUN_WORDS`] words from each word that starts so are looked at.
    ///
    /// [`SimilarIndex::may_start_two_edits`]: crate::matcher::SimilarIndex
    /// [`SimilarIndex::may_start_sound_alike`]: crate::matcher::SimilarIndex
    #[inline(never)]
    fn may_hold_far(&self, typos: &Typos, name: &[u8], leet: bool) -> bool {
        let from = |i: usize| self.starts_word(name, i) && self.far_from(typos, name, i, leet);
        let bytewise = |from_byte: usize| {
            (from_byte..name.len()).any(|i| self.bits[usize::from(name[i])] & FAR != 0 && from(i))
        };
        let Some(letters) = &self.far_letters else {
            return bytewise(0);
        };
        // Eight bytes at a time: the bytes equal to a letter, either case, are the zero
        // bytes of the chunk (case folded) XOR the letter's, found as in `memchr`; a
        // borrow may mark a byte after a true one too, which `from` rules out.
        const LOW: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        let (chunks, tail) = name.as_chunks::<8>();
        for (k, chunk) in chunks.iter().enumerate() {
            let folded = u64::from_le_bytes(*chunk) | u64::from_le_bytes([0x20; 8]);
            let mut hits = letters.iter().fold(0, |hits, &letter| {
                let x = folded ^ letter;
                hits | x.wrapping_sub(LOW) & !x & HIGH
            });
            while hits != 0 {
                if from(k * 8 + (hits.trailing_zeros() / 8) as usize) {
                    return true;
                }
                hits &= hits - 1;
            }
        }
        bytewise(name.len() - tail.len())
    }

    /// Whether a word of the ASCII `name` starts at `i`, as [`next_word`](Census::next_word)
    /// splits them: after a separator, or where the camelCase rule starts one. (Only
    /// words are walked from: from every uppercase letter of `MMMM…`, or every letter
    /// after a digit of `M1M1…`, the walks would take time quadratic in the name.)
    #[inline(always)]
    fn starts_word(&self, name: &[u8], i: usize) -> bool {
        let Some(&before) = i.checked_sub(1).and_then(|j| name.get(j)) else {
            return true;
        };
        let case = |b: u8| case_of(self.word_bits[usize::from(b)]);
        let next_is_lower = || name.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        self.word_bits[usize::from(before)] & SEP != 0
            || camel_starts(case(before), case(name[i]), next_is_lower)
    }

    /// Whether a run of words of the ASCII `name` that starts at `start` could be a
    /// misspelling further than one edit from a term (see
    /// [`may_hold_far`](Census::may_hold_far)).
    #[inline(never)]
    fn far_run_from<const LEET: u8>(&self, typos: &Typos, name: &[u8], start: usize) -> bool {
        let mut rest = &name[start..];
        let mut case = Case::None;
        let mut run = Word::default();
        // Up to the words of a stretch between separators that case splits into more
        // than a run holds (`MyKrOsAwFt`), which the pipeline judges too.
        let mut words = [(0u32, 0u32); LONG_RUN_WORDS];
        for n in 0..LONG_RUN_WORDS {
            let word_start = name.len() - rest.len();
            let case_before = case;
            let w = self.next_word::<true, LEET>(&mut rest, &mut case);
            let end = name.len() - rest.len();
            if w.lens == 0 {
                return false;
            }
            // Where digits are letters, a digit beside a letter may yet be read as a
            // separator (`mik_r050f7dumb` holds `mik r050f`, two edits from Microsoft):
            // the run may end before it.
            if matches!(LEET, LEET_LETTERS | LEET_FIRST | LEET_DIGITS) {
                let word = &name[word_start..end];
                // (A word too long to cut in time is left to the pipeline.)
                if word.len() > MAX_CUT_WORD {
                    return true;
                }
                for d in (1..word.len()).filter(|&d| may_part_words(word, d)) {
                    let d = word_start + d;
                    let (mut part, mut case) = (&name[word_start..d], case_before);
                    let cut = self.next_word::<true, LEET>(&mut part, &mut case);
                    let cut = if n == 0 { cut } else { run + cut };
                    words[n] = (word_start as u32, d as u32);
                    let two_apart =
                        |term: &OsaPattern| self.may_be_two_apart(&name[start..d], term);
                    let sounds_like = |key: &Key| self.sounds_like(name, &words[..=n], key);
                    if typos.far_near(&cut, two_apart, sounds_like) {
                        return true;
                    }
                }
            }
            run = if n == 0 { w } else { run + w };
            // Longer than any misspelling, even with a letter shared by each two words.
            if (run.lens >> 32) as usize > typos.max_far_len + MAX_RUN_WORDS {
                return false;
            }
            words[n] = (word_start as u32, end as u32);
            let two_apart = |term: &OsaPattern| self.may_be_two_apart(&name[start..end], term);
            let sounds_like = |key: &Key| self.sounds_like(name, &words[..=n], key);
            if typos.far_near(&run, two_apart, sounds_like) {
                return true;
            }
            self.skip_separators::<LEET>(&mut rest, &mut case, true);
        }
        // As many words as the walk keeps, and still short enough: it cannot tell.
        true
    }

    /// Takes the word of an ASCII name that `rest` starts with, up to a separator or to
    /// where the camelCase rule starts the next (looked for only when `CAMEL`), `case`
    /// being that of the letter before. A word of no bytes when `rest` starts with a
    /// separator.
    #[inline(always)]
    fn next_word<const CAMEL: bool, const LEET: u8>(
        &self,
        rest: &mut &[u8],
        case: &mut Case,
    ) -> Word {
        let bits = &*self.word_bits;
        let mut w = Word::default();
        // The repeat key of the letter before (see `Census::repeat_keys`).
        let mut prev = 0;
        while let [b, tail @ ..] = *rest {
            let e = bits[usize::from(*b)];
            if e & SEP != 0 {
                // A leetspeak letter: no case, no repeat of the letter before.
                let leet = self.leet_letter::<LEET>(*b, tail);
                if leet == 0 {
                    break;
                }
                *case = Case::None;
                w.leet |= leet;
                w.lens += Word::letter(1, 1);
                w.slack += 2;
                prev = 0;
                *rest = tail;
                continue;
            }
            if CAMEL {
                let this = case_of(e);
                let next_is_lower = || tail.first().is_some_and(u8::is_ascii_lowercase);
                if w.lens > 0 && camel_starts(*case, this, next_is_lower) {
                    break;
                }
                *case = this;
            }
            // A repeat (as the reader collapses it): a letter read as the one before
            // (`ll`, `il`, `mm`) collapses whole, and one whose first symbol is the last
            // of the one before collapses that (`rm` is `r`, `n`); the collapsed run
            // lacks those bytes.
            // (Without a branch: repeats follow no pattern a predictor sees.)
            let key = self.repeat_keys[usize::from(*b)];
            let bytes = 1 + u64::from(e & TWO != 0);
            let kept = (bytes - u64::from(key as u8 == (prev >> 8) as u8)) * u64::from(key != prev);
            w.lens += Word::letter(bytes, kept);
            prev = key;
            w.bits |= e;
            *rest = tail;
        }
        w
    }

    /// Skips the separators that `rest` starts with (after which no letter's case
    /// counts), and returns how many stretches of leetspeak among them may be letters (of
    /// symbols for letters of terms, and of bytes of multi-character runs side by side),
    /// and whether one touches a word (the one before, when `after_word`, or after).
    #[inline(always)]
    fn skip_separators<const LEET: u8>(
        &self,
        rest: &mut &[u8],
        case: &mut Case,
        after_word: bool,
    ) -> Stretch {
        if LEET == LEET_NONE {
            while let [b, tail @ ..] = *rest {
                if self.word_bits[usize::from(*b)] & SEP == 0 {
                    break;
                }
                *case = Case::None;
                *rest = tail;
            }
            return Stretch::default();
        }
        let stretch = *rest;
        // A leetspeak symbol, or two bytes of runs side by side (a run of symbols is
        // all separators).
        let (mut leet, mut last) = (0, 0);
        while let [b, tail @ ..] = *rest {
            let b = *b;
            if self.word_bits[usize::from(b)] & SEP == 0 || self.leet_letter::<LEET>(b, tail) != 0 {
                break;
            }
            let class = self.separator_class[usize::from(b & 0x7F)];
            leet |= class & LEET_SYMBOL | last & class & RUN_BYTE;
            last = class;
            *case = Case::None;
            *rest = tail;
        }
        // Most stretches hold no leetspeak.
        if leet == 0 {
            return Stretch::default();
        }
        let len = stretch.len() - rest.len();
        self.leet_stretch(&stretch[..len], rest, after_word)
    }

    /// [`skip_separators`](Census::skip_separators) of a stretch `stretch` of separators
    /// that holds leetspeak, before `rest`.
    #[inline(never)]
    fn leet_stretch(&self, stretch: &[u8], rest: &[u8], after_word: bool) -> Stretch {
        let mut leet_runs = 0;
        let mut in_leet = false;
        // Whether the stretch of leetspeak being read stands apart from words: after a
        // separator (one word of its own where it ends before a separator or where the
        // name ends).
        let mut apart = false;
        let mut touches_before = false;
        let mut stretches = 0;
        let mut run = false;
        // Where the stretch of leetspeak being read starts.
        let mut start = 0;
        for (i, &b) in stretch.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| stretch[j]);
            let next = stretch.get(i + 1).or(rest.first());
            let class = self.separator_class[usize::from(b & 0x7F)];
            let in_run = |a: u8, c: u8| self.is_run_pair(a, c) != 0;
            run |= prev.is_some_and(|a| in_run(a, b));
            let leet = class != 0
                && (class & LEET_SYMBOL != 0
                    || prev.is_some_and(|a| in_run(a, b))
                    || next.is_some_and(|&c| in_run(b, c)));
            if leet && !in_leet {
                start = i;
                apart = prev.is_some() || !after_word;
                touches_before |= prev.is_none();
                stretches += 1;
            }
            // (A stretch that touches the word before may still end a letter of its own
            // where its first symbol is read as a separator: `nin|4-z-u-r`.)
            leet_runs += usize::from(!leet && in_leet && (apart || i - start > 1));
            in_leet = leet;
        }
        leet_runs +=
            usize::from(in_leet && rest.is_empty() && (apart || stretch.len() - start > 1));
        let touches_after = in_leet && !rest.is_empty();
        Stretch {
            leet: true,
            leet_runs,
            touches_before,
            touches_after,
            // (A stretch of more bytes may also end the word before with a letter and
            // leave the rest apart: `7_` is a `z`, or a `t` and a separator.)
            whole: touches_before && touches_after && stretches == 1 && stretch.len() == 1,
            run,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PolicyBuilder;

    /// The census of the marketplace preset.
    fn preset_census() -> Census {
        let policy = PolicyBuilder::marketplace().build().unwrap();
        Census::build(&policy.inner.normalizer, &policy.inner.matcher)
    }

    /// Under the preset's census, none of `cleared` is left unsure (the census rules out a
    /// term in it), and each of `unsure` is.
    fn assert_rulings(cleared: &[&str], unsure: &[&str]) {
        let census = preset_census();
        let rule = |name: &str| census.rule(name, census.take(name)).0;
        for name in cleared {
            assert_ne!(rule(name), Ruling::Unsure, "{name:?}");
        }
        for name in unsure {
            assert_eq!(rule(name), Ruling::Unsure, "{name:?}");
        }
    }

    /// A name that is not ASCII takes the letter of a multi-character leetspeak run only
    /// where the run's characters stand side by side: the `(유)` of a Korean company
    /// name is no `(V)`, and with Hangul that shares census bits with the Korean alias,
    /// no form of the term partly in Hangul (`마이크로soft`) may be in it.
    #[test]
    fn a_run_of_leetspeak_is_read_only_where_its_characters_stand_together() {
        assert_rulings(
            &["(유) 마루정보통신", "(유) 국민유통", "(주) 마루 소프트"],
            &[
                "(V)icro소프트",
                "마이크로$()ft",
                "마이크로 |\\/|icrosoft",
                "(Ｖ)icrosoft 株式",
            ],
        );
    }

    /// A group of patterns whose symbols are few and all of other scripts (`微软`, two of
    /// the 17 bits of the first hash) needs the second bits of its symbols too: names
    /// whose characters share only the first hash's bits with them (`方传`, `רה`) hold no
    /// term, and the alias stays possible however it is written.
    #[test]
    fn a_short_alias_needs_the_second_bits_of_its_symbols_too() {
        assert_rulings(
            &[
                "九方传媒有限公司",
                "אברהם PLC",
                "Ազատ և Բարբարա Գրուպ",
                "জনতা ব্যাংক",
                "ხაჩიძე, გოგია and მგალობლიშვილი",
            ],
            &[
                "微软",
                "微 软",
                "台灣微軟公司",
                "微\u{200B}软中国",
                "마이크로 소프트",
            ],
        );
    }

    /// Every slip of the preset's terms, one edit away (any letter substituted, added or
    /// left out, two swapped), keeps its common subsequence with the one-edit terms long
    /// enough for the gate, and so does every misspelling further away (two edits, a
    /// sound-alike) with the others; names that share too little are turned away.
    #[test]
    fn the_common_subsequence_gate_keeps_every_misspelling() {
        let census = preset_census();
        let typos = census.typos.as_ref().unwrap();
        let lcs = typos.lcs.as_ref().expect("the preset's terms fit one word");
        let holds = |name: &str, terms: std::ops::Range<usize>| {
            let v = lcs.of(name.as_bytes());
            terms.clone().any(|i| lcs.holds(i, v))
        };
        let (ones, far) = (0..typos.ones, typos.ones..lcs.terms.len());
        for term in ["microsoft", "azure"] {
            let mut slips = Vec::new();
            for i in 0..=term.len() {
                for c in b'a'..=b'z' {
                    let c = char::from(c);
                    slips.push(format!("{}{c}{}", &term[..i], &term[i..]));
                    if i < term.len() {
                        slips.push(format!("{}{c}{}", &term[..i], &term[i + 1..]));
                    }
                }
                if i < term.len() {
                    slips.push(format!("{}{}", &term[..i], &term[i + 1..]));
                }
                if i + 1 < term.len() {
                    let swapped = [
                        &term[..i],
                        &term[i + 1..i + 2],
                        &term[i..i + 1],
                        &term[i + 2..],
                    ];
                    slips.push(swapped.concat());
                }
            }
            for slip in slips {
                for name in [slip.clone(), format!("xx-{}-yy", slip.to_uppercase())] {
                    assert!(holds(&name, ones.clone()), "{name}");
                }
            }
        }
        for name in [
            "Micrsfot",
            "Mircosfoft",
            "Mykrosawft",
            "Maikrosofte",
            "Mycrowsoft",
            "Mixrosoxt",
        ] {
            assert!(holds(name, far.clone()), "{name}");
        }
        for name in ["react-native", "lodash", "Contoso Labs", "zeta"] {
            assert!(!holds(name, 0..lcs.terms.len()), "{name}");
        }
        // Names in other scripts, in Latin letters: a letter may read as several
        // (`щ` is `shch`), and is stepped as often as it adds to a subsequence.
        let latin = census
            .latin_typos
            .as_ref()
            .or(census.typos.as_ref())
            .unwrap();
        let may_hold = |name: &str| {
            let (_, m) = census.take_latin(name);
            census.chars_may_hold_typo(latin, spoken_order(name), m, |bmp, c| {
                census.latin_bits(bmp, c).may
            })
        };
        for name in [
            "Микософт Групп",
            "Мікрософ Україна",
            "Μικτοσοφτ",
            "Мщкрософт",
            "Азуре",
        ] {
            assert!(may_hold(name), "{name}");
        }
        assert!(!may_hold("ООО Северный Ветер"));
    }
}
