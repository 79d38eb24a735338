//! A shortcut through the whole pipeline for short plain-ASCII names.
//!
//! Most names a registry holds are short, plain ASCII and innocent. For them the screen does
//! in one pass over the bytes what the three stages do in turn, and keeps nothing it does
//! not need:
//!
//! - it reproduces the normalizer's skeleton byte for byte, from the same tables and with
//!   the same word, camelCase, repeat and leetspeak rules ([`crate::normalize`]);
//! - it steps each skeleton byte through the matcher's [`Finder`] of every term and
//!   exception pattern (one DFA, or with thousands of patterns a small DFA of the short
//!   ones and a filter of the others' last bytes), so a name in which no pattern occurs at
//!   all needs no scope or exception judgement;
//! - it looks each run of up to three words up in the typo-squat index, behind filters:
//!   with a few terms, each word's byte signature against theirs; with more, the run's two
//!   ends and then its one-byte deletions against Bloom filters. Like the pipeline, it
//!   skips runs with a symbol that is not what was written (a collapsed repeat, decoded
//!   leetspeak) or a letter two of their words share;
//! - it checks the structural rules that apply to ASCII (length, control characters,
//!   whitespace, a letter).
//!
//! It answers "clean" (the name is allowed, exactly as the full pipeline would say),
//! "denied" (a term hit inside one word that no exception can cover, and whose last symbol
//! no later word shares; or, when the pass keeps the skeleton, a typo-squat of a term that
//! no exception applies to) or "unsure". Anything rare (another pattern occurrence, a
//! plausible typo-squat, a control character, a leetspeak symbol before an invisible
//! character, any non-ASCII byte) is "unsure", and the full pipeline decides. Tests check
//! that the screen's skeleton, words and runs are the normalizer's, and that its answers
//! are the pipeline's.

use std::ops::{ControlFlow, Range};
use std::sync::LazyLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::Anchored;

use crate::matcher::structure::Structure;
use crate::matcher::{Finder, Grams, Matcher, PatternHit, ShortDfa, TypoIndex};
use crate::normalize::{
    bmp_index, leet_digit, range_index, range_index_in, Info, Kind, Normalizer,
};
use crate::tables;

/// The longest name the screen takes, in bytes. An ASCII letter yields at most two
/// skeleton bytes.
pub(crate) const MAX_SCREEN_LEN: usize = 128;

/// What the screen does with one byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    /// Something the screen does not model: the full pipeline decides.
    Unsure,
    /// A letter (or a digit that stands for itself): emits `syms`.
    Letter,
    /// A digit that stands for a letter: emits `syms[0]`.
    Leet,
    /// A leetspeak symbol (`$`, `@`): a letter when a letter follows, else a separator.
    Symbol,
    /// A separator: a hard word boundary.
    Separator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    None,
    Upper,
    Lower,
}

/// Eight bytes, so that a byte's class is one shift away.
#[derive(Clone, Copy, Debug)]
#[repr(align(8))]
struct Class {
    act: Act,
    /// One skeleton symbol, or two (`m` is `rn`); the second is 0 when there is one.
    syms: [u8; 2],
    case: Case,
    /// An ASCII letter, for the rule that a name needs one.
    alpha: bool,
    /// Reads as a letter when it follows a leetspeak symbol.
    letter: bool,
    /// A lowercase [`Act::Letter`] of one symbol.
    plain: bool,
    space: bool,
}

const UNSURE: Class = Class {
    act: Act::Unsure,
    syms: [0; 2],
    case: Case::None,
    alpha: false,
    letter: false,
    plain: false,
    space: false,
};

/// Census flags, in bits that the skeleton symbols of ASCII bytes (lowercase letters,
/// digits, leetspeak markers) never use. Were a term's symbols to use them, the census
/// would only rule out fewer names.
const ALPHA: u64 = 1 << 59;
const SPACE: u64 = 1 << 60;
const ODD: u64 = 1 << 61;
/// The census bit of every skeleton symbol longer than one byte.
const WIDE: u64 = 1 << 62;
/// Flags of ASCII bytes only, in bits of bytes that are never one-byte symbols: a
/// separator, an uppercase letter, a leetspeak symbol, a letter of two symbols.
const SEP: u64 = 1 << 3;
const UPPER: u64 = 1 << 4;
const SYMBOL: u64 = 1 << 5;
const TWO: u64 = 1 << 6;

/// With up to this many term patterns, names are first screened by census (with more,
/// too few names lack a symbol of each for the census to pay).
const MAX_CENSUS_TERMS: usize = 16;

/// The census bit of one skeleton symbol: its own for one-byte symbols (letters, digits,
/// leetspeak markers), one shared bit for the others.
fn symbol_bit(sym: &[u8]) -> u64 {
    match sym {
        [b] => 1 << (b & 63),
        _ => WIDE,
    }
}

/// Whether `x` has at most one bit set (`count_ones` without a `popcnt` instruction is
/// a dozen instructions; this is two).
#[inline(always)]
fn at_most_one_bit(x: u64) -> bool {
    x & x.wrapping_sub(1) == 0
}

/// The census bits of skeleton bytes.
fn skeleton_bits(mut bytes: &[u8]) -> u64 {
    let mut m = 0;
    while let Some(&lead) = bytes.first() {
        let len = match lead {
            0x00..=0xBF => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        }
        .min(bytes.len());
        m |= symbol_bit(&bytes[..len]);
        bytes = &bytes[len..];
    }
    m
}

/// The census bits of every symbol a code point with `info` may yield: its skeleton, the
/// letters its digits stand for, and its leetspeak letter.
fn info_bits(normalizer: &Normalizer, info: &Info<'_>) -> u64 {
    let mut m = 0;
    if info.kind == Kind::Letter {
        let bytes = info.bytes();
        m |= skeleton_bits(bytes);
        for &b in bytes {
            m |= skeleton_bits(leet_digit(normalizer.is_leet(), &[b]));
        }
    }
    if info.leet != 0 {
        m |= symbol_bit(&[info.leet]);
    }
    m
}

/// For each range of [`tables::RANGES`], the census bits of its code points; one table
/// per leetspeak setting, built on first use.
static RANGE_BITS: [LazyLock<Box<[u64]>>; 2] = [
    LazyLock::new(|| range_bits(Normalizer::new().leet(false))),
    LazyLock::new(|| range_bits(Normalizer::new())),
];

fn range_bits(normalizer: Normalizer) -> Box<[u64]> {
    let mut bits: Vec<u64> = tables::RANGES
        .iter()
        .map(|&(start, ..)| {
            char::from_u32(start).map_or(0, |c| info_bits(&normalizer, &normalizer.general_info(c)))
        })
        .collect();
    // Leetspeak letters belong to single code points, not to whole ranges.
    for &(cp, off, on) in &tables::LEET {
        let letter = if normalizer.is_leet() { on } else { off };
        if letter != 0 {
            bits[range_index(cp)] |= symbol_bit(&[letter]);
        }
    }
    bits.into_boxed_slice()
}

/// The cheapest screen: the set of skeleton symbols a name could yield at all, taken with
/// one table lookup per character. A term cannot occur unless each of its symbols is
/// there, and a word one edit from a term lacks at most one of them; most names fail both
/// tests for every term, and then no term and no typo-squat needs looking for.
#[derive(Clone, Debug)]
struct Census {
    /// ASCII byte → the census bits of every symbol it may yield, and flags. Other bytes
    /// are `ODD`.
    bits: Box<[u64; 256]>,
    /// Range of [`tables::RANGES`] → the census bits of its code points.
    ranges: &'static [u64],
    /// Census bits of each term pattern.
    terms: Vec<u64>,
    /// Census bits and skeleton length of each term checked for typo-squats.
    typos: Vec<(u64, usize)>,
    /// Bit `n` set: a run of `n` bytes (below 63) may be one edit from some typo-squat
    /// term.
    typo_lengths: u64,
}

impl Census {
    fn build(normalizer: &Normalizer, classes: &[Class; 256], matcher: &Matcher) -> Option<Census> {
        let terms: Vec<u64> = matcher
            .term_patterns()
            .iter()
            .map(|p| skeleton_bits(p))
            .collect();
        let typos: Vec<(u64, usize)> = matcher
            .typo()
            .few_terms()?
            .map(|t| (skeleton_bits(t), t.len()))
            .collect();
        if terms.len() > MAX_CENSUS_TERMS {
            return None;
        }
        // Other bytes are odd, and end the census at once (as separators do a word).
        let mut bits = Box::new([ODD | SEP; 256]);
        for (b, (slot, c)) in bits.iter_mut().zip(classes.iter()).enumerate().take(0x80) {
            let flags = match c.act {
                Act::Unsure => ODD | SEP,
                Act::Separator if c.space => SPACE | SEP,
                Act::Separator => SEP,
                Act::Symbol => SYMBOL,
                _ if c.case == Case::Upper => ALPHA | UPPER,
                _ if c.alpha => ALPHA,
                _ => 0,
            } | if c.syms[1] != 0 { TWO } else { 0 };
            *slot = flags | info_bits(normalizer, &normalizer.ascii_info(b as u8));
        }
        let ranges = &**RANGE_BITS[usize::from(normalizer.is_leet())];
        let typo_lengths = typos
            .iter()
            .flat_map(|&(_, n)| n.saturating_sub(1)..=n + 1)
            .filter(|&n| n < 64)
            .fold(0u64, |m, n| m | 1 << n);
        Some(Census {
            bits,
            ranges,
            terms,
            typos,
            typo_lengths,
        })
    }

    /// The census of an ASCII `name`, with flags; `ODD` when some byte is not ASCII.
    ///
    /// Eight bytes at a time, and the last eight (or four) overlapping the chunks before:
    /// a census is a union, so counting a byte twice changes nothing.
    #[inline(always)]
    fn take_ascii(&self, name: &[u8]) -> u64 {
        let bits = &*self.bits;
        let of = |chunk: &[u8]| chunk.iter().fold(0, |m, &b| m | bits[usize::from(b)]);
        let n = name.len();
        if n < 4 {
            return of(name);
        }
        if n < 8 {
            return of(&name[..4]) | of(&name[n - 4..]);
        }
        let mut m = 0;
        let mut chunks = name.chunks_exact(8);
        for chunk in &mut chunks {
            m |= of(chunk);
            if m & ODD != 0 {
                // Not a name the screen takes: stop here.
                return m;
            }
        }
        m | of(&name[n - 8..])
    }

    /// Whether a name with census `m` could hold a typo-squat: a run one edit from a term
    /// lacks at most one of its symbols, and so does the whole name.
    #[inline(always)]
    fn typo_possible(&self, m: u64) -> bool {
        self.typos.iter().any(|&(t, _)| at_most_one_bit(t & !m))
    }

    /// Whether some run of up to three words of the ASCII `name` (census `m`, which has
    /// no `ODD` byte and is [`typo_possible`](Census::typo_possible)) could be a typo-squat
    /// by its symbols and length.
    ///
    /// Without uppercase letters and
    /// leetspeak symbols, the words of an ASCII name are the runs of bytes between
    /// separators, and a word (or run of words) that the typo-squat check judges (no
    /// collapsed repeat, no decoded leetspeak) has one skeleton byte per letter or digit
    /// (two for `m`); so a run one edit from a term also has about the term's length.
    #[inline(never)]
    fn may_hold_typo(&self, name: &[u8], m: u64) -> bool {
        if m & (UPPER | SYMBOL) != 0 {
            return true;
        }
        let (mut word, mut len) = (0u64, 0usize);
        // The two words before, oldest first: census and length.
        let mut before = [(0u64, 0usize); 2];
        let mut words = 0usize;
        for &b in name {
            let e = self.bits[usize::from(b)];
            if e & SEP == 0 {
                word |= e;
                len += 1 + usize::from(e & TWO != 0);
            } else if len > 0 {
                if self.may_be_near(len, &before, words)
                    && self.near_runs(word, len, &before, words)
                {
                    return true;
                }
                before = [before[1], (word, len)];
                words += 1;
                (word, len) = (0, 0);
            }
        }
        len > 0
            && self.may_be_near(len, &before, words)
            && self.near_runs(word, len, &before, words)
    }

    /// Whether a run of up to three words ending with a word of `len` bytes has a length
    /// some typo-squat term allows: the cheap half of [`near_runs`](Census::near_runs).
    #[inline(always)]
    fn may_be_near(&self, len: usize, before: &[(u64, usize); 2], words: usize) -> bool {
        let fits = |len: usize| len >= 63 || (self.typo_lengths >> len) & 1 != 0;
        let two = len + before[1].1;
        fits(len) || (words >= 1 && fits(two)) || (words >= 2 && fits(two + before[0].1))
    }

    /// Whether a run of up to three words ending with `word` (census and length) could be
    /// one edit from a typo-squat term.
    #[inline]
    fn near_runs(&self, word: u64, len: usize, before: &[(u64, usize); 2], words: usize) -> bool {
        let near = |bits: u64, len: usize| {
            (len >= 63 || (self.typo_lengths >> len) & 1 != 0)
                && self
                    .typos
                    .iter()
                    .any(|&(t, n)| len.abs_diff(n) <= 1 && at_most_one_bit(t & !bits))
        };
        let [(b0, l0), (b1, l1)] = *before;
        near(word, len)
            || (words >= 1 && near(word | b1, len + l1))
            || (words >= 2 && near(word | b1 | b0, len + l1 + l0))
    }

    /// The census of any `name` (flags are meaningless).
    fn take(&self, name: &str) -> u64 {
        let bmp = bmp_index();
        name.chars().fold(0, |m, c| {
            m | match u8::try_from(c) {
                Ok(b) if b.is_ascii() => self.bits[usize::from(b)],
                _ => self.ranges[range_index_in(bmp, u32::from(c))],
            }
        })
    }

    /// Whether a name with census `m` can hold no term and no typo-squat.
    #[inline]
    fn rules_out(&self, m: u64) -> bool {
        self.rules_out_terms(m) && !self.typo_possible(m)
    }

    /// Whether a name with census `m` can hold no term.
    #[inline]
    fn rules_out_terms(&self, m: u64) -> bool {
        self.terms.iter().all(|&t| m & t != t)
    }
}

/// The screen of one policy.
#[derive(Clone, Debug)]
pub(crate) struct Screen {
    classes: Box<[Class; 256]>,
    census: Option<Census>,
    min_len: usize,
    max_len: usize,
    whitespace: bool,
    letter: bool,
}

impl Screen {
    /// The screen for a policy, or `None` when the policy has rules the screen does not
    /// model (regular expressions) or no pattern DFA.
    pub(crate) fn build(
        normalizer: &Normalizer,
        structure: &Structure,
        max_input_bytes: usize,
        has_regexes: bool,
        matcher: &Matcher,
    ) -> Option<Screen> {
        if has_regexes || matcher.finder().is_none() {
            return None;
        }
        let mut classes = Box::new([UNSURE; 256]);
        for b in 0x20..0x7Fu8 {
            classes[usize::from(b)] = class_of(normalizer, b);
        }
        let (min_len, max_len) = match structure.length {
            Some(_) => (structure.min_chars, structure.max_chars),
            None => (0, usize::MAX),
        };
        let census = Census::build(normalizer, &classes, matcher);
        Some(Screen {
            census,
            classes,
            min_len,
            max_len: max_len.min(max_input_bytes).min(MAX_SCREEN_LEN),
            whitespace: structure.whitespace.is_some(),
            letter: structure.letter.is_some(),
        })
    }

    /// Whether no term and no typo-squat can be in `name`, whatever its characters, as
    /// its census shows; false when unsure.
    #[inline]
    pub(crate) fn holds_no_term(&self, name: &str) -> bool {
        self.census
            .as_ref()
            .is_some_and(|census| census.rules_out(census.take(name)))
    }

    /// Whether `name` is certainly allowed; false means the full pipeline must decide.
    #[inline]
    pub(crate) fn is_clean(&self, name: &str, matcher: &Matcher) -> bool {
        self.screen(name, matcher) == Screened::Clean
    }

    /// What the screen can tell of `name` for certain.
    #[inline]
    pub(crate) fn screen(&self, name: &str, matcher: &Matcher) -> Screened {
        self.run(name.as_bytes(), matcher, &mut ())
    }

    /// The census first (inlined into callers: most names end here), then the pass.
    #[inline(always)]
    fn run<O: Observer>(&self, name: &[u8], matcher: &Matcher, observer: &mut O) -> Screened {
        let n = name.len();
        if n > self.max_len || n < self.min_len {
            return Screened::Unsure;
        }
        if let Some(census) = &self.census {
            let m = census.take_ascii(name);
            if m & ODD != 0 || (self.letter && m & ALPHA == 0) {
                return Screened::Unsure;
            }
            if m & SPACE != 0 && self.whitespace && has_stray_spaces(name) {
                return Screened::Unsure;
            }
            if census.rules_out_terms(m)
                && !(census.typo_possible(m) && census.may_hold_typo(name, m))
                && !O::WANTS_PASS
            {
                return Screened::Clean;
            }
        }
        self.run_pass(name, matcher, observer)
    }

    #[inline(never)]
    fn run_pass<O: Observer>(&self, name: &[u8], matcher: &Matcher, observer: &mut O) -> Screened {
        let typo = matcher.typo();
        match matcher.finder() {
            None => Screened::Unsure,
            // Plausible runs are rare with few terms: no need to keep the skeleton to look
            // them up.
            Some(Finder::Dfa(dfa, start)) if typo.screens_by_signature() => {
                self.pass::<0, _, O>(name, &WholeDfa(dfa, *start), typo, matcher, observer)
            }
            Some(Finder::Dfa(dfa, start)) => {
                self.keeping(name, &WholeDfa(dfa, *start), typo, matcher, observer)
            }
            Some(Finder::Split(None, grams)) => {
                self.keeping(name, &OnlyGrams(grams), typo, matcher, observer)
            }
            Some(Finder::Split(Some(short), grams)) => {
                self.keeping(name, &ShortAndGrams(short, grams), typo, matcher, observer)
            }
        }
    }

    /// The pass that keeps the skeleton, in a buffer that fits it: the buffer is zeroed
    /// for every name, and most names are short.
    #[inline(always)]
    fn keeping<F: Find, O: Observer>(
        &self,
        name: &[u8],
        finder: &F,
        typo: &TypoIndex,
        matcher: &Matcher,
        observer: &mut O,
    ) -> Screened {
        const SHORT: usize = 32;
        if name.len() <= SHORT {
            self.pass::<{ 2 * SHORT }, _, O>(name, finder, typo, matcher, observer)
        } else {
            self.pass::<{ 2 * MAX_SCREEN_LEN }, _, O>(name, finder, typo, matcher, observer)
        }
    }

    /// The one pass over a short ASCII name. The normalizer's stream state lives in locals
    /// (the common case touches nothing else); word ends go to [`Words`].
    #[inline(always)]
    fn pass<const N: usize, F: Find, O: Observer>(
        &self,
        name: &[u8],
        finder: &F,
        typo: &TypoIndex,
        matcher: &Matcher,
        observer: &mut O,
    ) -> Screened {
        let n = name.len();
        let mut words = Words::<N>::new(typo, matcher);
        let mut state = finder.start();
        // The boundary before the next symbol; a name starts with one.
        let mut boundary = Boundary::Hard;
        let mut case = Case::None;
        // The previous symbol; 0 (never a symbol) before the first.
        let mut last = 0u8;
        // The last letter of two symbols that pushed both, and the skeleton's length
        // after them: the last symbols are that pair while the length stays.
        let mut expansion = [0u8; 2];
        let mut expansion_end = 0usize;
        let mut len = 0usize;
        // Byte signature of the current word.
        let mut sig = 0u64;
        // Where the skeleton after the last separator starts: a term pattern that ends
        // here and starts no earlier lies inside one word.
        let mut hard_start = 0usize;

        // Emits one symbol (of the byte at `$at`; decoded leetspeak when `$leet`) as
        // `Stream::emit` does; returns from the pass when a pattern ends here (denied, when
        // the hit certainly counts) or a word may be a typo-squat (denied, when it
        // certainly is one).
        macro_rules! emit {
            ($sym:expr, $at:expr, $leet:expr) => {{
                let sym: u8 = $sym;
                if sym == last {
                    // A repeat collapses; across a boundary, two words share it. The
                    // symbol is no longer what was written when it collapses inside a
                    // word or decodes leetspeak (as the word before it ends).
                    if $leet || boundary == Boundary::None {
                        words.mark_modified(len);
                    }
                    if boundary != Boundary::None {
                        if boundary == Boundary::Hard {
                            // The repeat shares the symbol before `len` across the
                            // separator, which lies just after it.
                            hard_start = len;
                        }
                        if let ControlFlow::Break(screened) =
                            words.merge(len, last, &mut sig, observer)
                        {
                            return screened;
                        }
                    }
                    boundary = Boundary::None;
                } else {
                    if boundary != Boundary::None {
                        if boundary == Boundary::Hard {
                            hard_start = len;
                        }
                        boundary = Boundary::None;
                        if len > 0 {
                            if let ControlFlow::Break(screened) =
                                words.boundary(len, &mut sig, observer)
                            {
                                return screened;
                            }
                        }
                    }
                    last = sym;
                    observer.symbol(sym);
                    words.store(len, sym);
                    len += 1;
                    if $leet {
                        words.mark_modified(len);
                    }
                    if N == 0 {
                        // Only the signature screen, which keeps no skeleton, needs it.
                        sig |= 1 << (sym & 63);
                    }
                    if finder.step(&mut state, sym) {
                        let skeleton = words.skeleton(len);
                        match judge_hits(finder, state, skeleton, matcher, len, hard_start) {
                            Some(Screened::Denied) if self.may_share(name, $at, sym) => {
                                return Screened::Unsure;
                            }
                            Some(screened) => return screened,
                            None => {}
                        }
                    }
                }
            }};
        }

        for (i, &b) in name.iter().enumerate() {
            let c = &self.classes[usize::from(b)];
            if c.plain {
                // The most common case: a lowercase letter of one symbol, which starts no
                // camelCase word.
                case = Case::Lower;
                emit!(c.syms[0], i, false);
                continue;
            }
            match c.act {
                Act::Letter => {
                    // The common case: a letter, perhaps starting a camelCase word.
                    if c.case == Case::Upper
                        && boundary == Boundary::None
                        && (case == Case::Lower
                            || (case == Case::Upper
                                && name.get(i + 1).is_some_and(u8::is_ascii_lowercase)))
                    {
                        boundary = Boundary::Soft;
                    }
                    case = c.case;
                    if c.syms[1] == 0 {
                        emit!(c.syms[0], i, false);
                    } else if expansion == c.syms && expansion_end == len {
                        // A repeat of the previous letter's pair collapses; across a
                        // boundary (`m-m`) the pipeline's words are rare: it decides.
                        if boundary != Boundary::None {
                            return Screened::Unsure;
                        }
                        // The normalizer flags the pair as one symbol, at its first byte.
                        words.mark_modified(len - 1);
                    } else {
                        let before = len;
                        emit!(c.syms[0], i, false);
                        emit!(c.syms[1], i, false);
                        if len == before + 2 {
                            expansion = c.syms;
                            expansion_end = len;
                        }
                    }
                }
                Act::Leet => {
                    case = Case::None;
                    emit!(c.syms[0], i, true);
                }
                Act::Symbol => {
                    let follows = match name.get(i + 1) {
                        None => false,
                        Some(&next) => {
                            let next = &self.classes[usize::from(next)];
                            if next.act == Act::Unsure {
                                return Screened::Unsure;
                            }
                            next.letter
                        }
                    };
                    if follows {
                        case = Case::None;
                        emit!(c.syms[0], i, true);
                    } else {
                        boundary = Boundary::Hard;
                        case = Case::None;
                    }
                }
                Act::Separator => {
                    if c.space && self.whitespace && (i == 0 || i + 1 == n || name[i + 1] == b' ') {
                        return Screened::Unsure;
                    }
                    boundary = Boundary::Hard;
                    case = Case::None;
                }
                Act::Unsure => return Screened::Unsure,
            }
        }
        if self.letter && !name.iter().any(u8::is_ascii_alphabetic) {
            return Screened::Unsure;
        }
        if len == 0 {
            return Screened::Clean;
        }
        match words.finish(len, sig, WordEnd::Name, observer) {
            ControlFlow::Continue(()) => Screened::Clean,
            ControlFlow::Break(screened) => screened,
        }
    }
}

impl Screen {
    /// Whether the symbol `sym`, just emitted for the byte at `at` of `name`, may be shared
    /// with a word after a separator (`acryl-iceberg` is `acryi` and `iceberg` sharing
    /// an `i`): a term hit that ends with it may then read as spanning two words, and
    /// count or not by the pipeline's rules for those. False when certainly not.
    #[cold]
    #[inline(never)]
    fn may_share(&self, name: &[u8], at: usize, sym: u8) -> bool {
        let mut separated = false;
        for &b in &name[at + 1..] {
            let c = &self.classes[usize::from(b)];
            match c.act {
                Act::Letter | Act::Leet => {
                    let pair = c.syms[1] != 0;
                    // A letter of two symbols that ends with `sym` may repeat the pair
                    // that `sym` ended (`M:M` is one `rn`); a letter that repeats `sym`
                    // itself collapses into it. Across a separator either shares `sym`;
                    // in the same word it collapses, and the next byte decides.
                    let repeats = if pair {
                        c.syms[1] == sym
                    } else {
                        c.syms[0] == sym
                    };
                    if repeats {
                        if separated {
                            return true;
                        }
                    } else if c.syms[0] == sym {
                        // `sym` again, then a new symbol.
                        return separated;
                    } else {
                        return false;
                    }
                }
                Act::Separator => separated = true,
                Act::Symbol | Act::Unsure => return true,
            }
        }
        false
    }
}

/// Whether spaces in `name` break the whitespace rule: at either end, or two in a row.
#[inline(never)]
fn has_stray_spaces(name: &[u8]) -> bool {
    name.first() == Some(&b' ') || name.last() == Some(&b' ') || name.windows(2).any(|w| w == b"  ")
}

/// What the screen can tell of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Screened {
    /// Allowed, exactly as the full pipeline would say.
    Clean,
    /// Not allowed: a term pattern certainly counts in it.
    Denied,
    /// The full pipeline must decide.
    Unsure,
}

/// What the patterns that end at finder `state` (the skeleton, `len` bytes long so far)
/// tell: denied when one is a term hit that counts whatever follows (it lies after
/// `hard_start`, so no separator is inside it, and the matcher says such a hit always
/// counts); unsure when another term hit may count; nothing when all are exceptions,
/// which alone change no verdict (nor does a false pass of a filter).
#[inline(never)]
fn judge_hits<F: Find>(
    finder: &F,
    state: F::State,
    skeleton: &[u8],
    matcher: &Matcher,
    len: usize,
    hard_start: usize,
) -> Option<Screened> {
    let mut unsure = false;
    let judged = finder.each_end(state, skeleton, |pattern, pattern_len| {
        let start = len - pattern_len;
        match matcher.pattern_hit(pattern, start) {
            PatternHit::Exception => ControlFlow::Continue(()),
            PatternHit::Counts if start >= hard_start => ControlFlow::Break(()),
            _ => {
                unsure = true;
                ControlFlow::Continue(())
            }
        }
    });
    if judged.is_break() {
        Some(Screened::Denied)
    } else {
        unsure.then_some(Screened::Unsure)
    }
}

/// How the pass finds the patterns that end at each skeleton byte: the matcher's
/// [`Finder`], one type for each of its shapes so that each pass is compiled for one.
trait Find {
    /// What the finder keeps from one byte to the next.
    type State: Copy;

    fn start(&self) -> Self::State;

    /// Steps over the skeleton byte `sym`; true when some pattern may end with it.
    fn step(&self, state: &mut Self::State, sym: u8) -> bool;

    /// Calls `f(pattern, pattern_len)` for each pattern that ends at `state`, where the
    /// skeleton is `skeleton` (which the pass keeps whenever the finder needs it), until
    /// it breaks.
    fn each_end(
        &self,
        state: Self::State,
        skeleton: &[u8],
        f: impl FnMut(usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()>;
}

/// [`Finder::Dfa`].
struct WholeDfa<'a>(&'a DFA, StateID);

impl Find for WholeDfa<'_> {
    type State = StateID;

    #[inline(always)]
    fn start(&self) -> StateID {
        self.1
    }

    #[inline(always)]
    fn step(&self, state: &mut StateID, sym: u8) -> bool {
        *state = self.0.next_state(Anchored::No, *state, sym);
        self.0.is_match(*state)
    }

    #[inline]
    fn each_end(
        &self,
        state: StateID,
        _skeleton: &[u8],
        f: impl FnMut(usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        each_dfa_end(self.0, state, f)
    }
}

/// Calls `f(pattern, pattern_len)` for each pattern of `dfa` that ends at `state`, until
/// it breaks.
#[inline(always)]
fn each_dfa_end(
    dfa: &DFA,
    state: StateID,
    mut f: impl FnMut(usize, usize) -> ControlFlow<()>,
) -> ControlFlow<()> {
    for i in 0..dfa.match_len(state) {
        let pattern = dfa.match_pattern(state, i);
        f(pattern.as_usize(), dfa.pattern_len(pattern))?;
    }
    ControlFlow::Continue(())
}

/// [`Finder::Split`] without short patterns.
struct OnlyGrams<'a>(&'a Grams);

impl Find for OnlyGrams<'_> {
    /// The last eight skeleton bytes.
    type State = u64;

    #[inline(always)]
    fn start(&self) -> u64 {
        0
    }

    #[inline(always)]
    fn step(&self, window: &mut u64, sym: u8) -> bool {
        *window = Grams::shift(*window, sym);
        self.0.may_end(*window)
    }

    #[inline]
    fn each_end(
        &self,
        window: u64,
        skeleton: &[u8],
        f: impl FnMut(usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.0.each_end(window, skeleton, f)
    }
}

/// [`Finder::Split`] with short patterns.
struct ShortAndGrams<'a>(&'a ShortDfa, &'a Grams);

impl Find for ShortAndGrams<'_> {
    type State = (StateID, u64);

    #[inline(always)]
    fn start(&self) -> (StateID, u64) {
        (self.0.start, 0)
    }

    #[inline(always)]
    fn step(&self, (state, window): &mut (StateID, u64), sym: u8) -> bool {
        *state = self.0.dfa.next_state(Anchored::No, *state, sym);
        *window = Grams::shift(*window, sym);
        self.0.dfa.is_match(*state) | self.1.may_end(*window)
    }

    #[inline]
    fn each_end(
        &self,
        (state, window): (StateID, u64),
        skeleton: &[u8],
        mut f: impl FnMut(usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let short = self.0;
        if short.dfa.is_match(state) {
            each_dfa_end(&short.dfa, state, |pattern, len| {
                f(short.ids[pattern] as usize, len)
            })?;
        }
        self.1.each_end(window, skeleton, f)
    }
}

/// What the normalizer does with the printable ASCII byte `b`, as the screen models it.
fn class_of(normalizer: &Normalizer, b: u8) -> Class {
    let info = normalizer.ascii_info(b);
    let case = if b.is_ascii_uppercase() {
        Case::Upper
    } else if b.is_ascii_lowercase() {
        Case::Lower
    } else {
        Case::None
    };
    let mut class = Class {
        act: Act::Unsure,
        syms: [0; 2],
        case,
        alpha: b.is_ascii_alphabetic(),
        letter: info.is_letter(),
        plain: false,
        space: b == b' ',
    };
    match info.kind {
        Kind::Letter if info.leet != 0 && !class.alpha => {
            class.act = Act::Leet;
            class.syms[0] = info.leet;
        }
        Kind::Letter => {
            // Letters take the skeleton as it is; other letters (digits standing for
            // themselves) go through leetspeak digit mapping, as in the normalizer.
            let syms: Vec<u8> = match info.bytes() {
                [one] if !class.alpha => leet_digit(normalizer.is_leet(), &[*one]).to_vec(),
                bytes => bytes.to_vec(),
            };
            match syms[..] {
                [one] if one != 0 && one.is_ascii() => {
                    class.act = Act::Letter;
                    class.syms[0] = one;
                }
                [x, y] if class.alpha && x.is_ascii() && y.is_ascii() && x != 0 && y != 0 => {
                    class.act = Act::Letter;
                    class.syms = [x, y];
                }
                _ => {}
            }
        }
        Kind::Separator if info.leet != 0 => {
            class.act = Act::Symbol;
            class.syms[0] = info.leet;
        }
        Kind::Separator => class.act = Act::Separator,
        Kind::Mark | Kind::Ignorable => {}
    }
    class.plain = class.act == Act::Letter && class.case == Case::Lower && class.syms[1] == 0;
    class
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Boundary {
    None,
    Soft,
    Hard,
}

/// The words of the pass, for the typo-squat check; with `N > 0`, the skeleton too, to
/// look runs up in the index.
struct Words<'m, const N: usize> {
    typo: &'m TypoIndex,
    matcher: &'m Matcher,
    on: bool,
    /// Where the current word starts.
    start: usize,
    /// The current word started with a symbol shared with the word before.
    shared: bool,
    /// Start and `shared` of the word before it and of the one before that, and how many
    /// words there were.
    before: [(usize, bool); 2],
    count: usize,
    /// The signatures of those two words, when the pass screens by signature (`N == 0`).
    before_sig: [u64; 2],
    /// One past the last symbol that is not what was written (the normalizer's
    /// `MODIFIED`); 0 when there is none.
    modified: usize,
    buf: [u8; N],
}

impl<'m, const N: usize> Words<'m, N> {
    #[inline(always)]
    fn new(typo: &'m TypoIndex, matcher: &'m Matcher) -> Words<'m, N> {
        Words {
            typo,
            matcher,
            on: !typo.is_empty(),
            start: 0,
            shared: false,
            before: [(0, false); 2],
            count: 0,
            before_sig: [0; 2],
            modified: 0,
            buf: [0; N],
        }
    }

    /// The first `len` bytes of the skeleton; empty when the pass does not keep it.
    #[inline(always)]
    fn skeleton(&self, len: usize) -> &[u8] {
        &self.buf[..if N > 0 { len } else { 0 }]
    }

    #[inline(always)]
    fn store(&mut self, at: usize, sym: u8) {
        if N > 0 {
            // Names of up to `N / 2` bytes have at most `N` symbols: `at` is below `N`,
            // a power of two (which spares the bounds check).
            debug_assert!(at < N && N.is_power_of_two());
            self.buf[at % N] = sym;
        }
    }

    /// The symbol before `end` is not what was written: a collapsed repeat or decoded
    /// leetspeak.
    #[inline(always)]
    fn mark_modified(&mut self, end: usize) {
        self.modified = self.modified.max(end);
    }

    /// A new word starts at `len`; the current one (signature `sig`) ends there.
    #[inline(always)]
    fn boundary<O: Observer>(
        &mut self,
        len: usize,
        sig: &mut u64,
        observer: &mut O,
    ) -> ControlFlow<Screened> {
        self.finish(len, *sig, WordEnd::Boundary, observer)?;
        self.start = len;
        self.shared = false;
        *sig = 0;
        ControlFlow::Continue(())
    }

    /// The last symbol, `last`, ends the current word and starts the next one.
    #[cold]
    #[inline(never)]
    fn merge<O: Observer>(
        &mut self,
        len: usize,
        last: u8,
        sig: &mut u64,
        observer: &mut O,
    ) -> ControlFlow<Screened> {
        let start = len - 1;
        if self.start == start {
            // The current word is that one symbol: the pipeline sees one word, not two.
            self.shared = true;
            return ControlFlow::Continue(());
        }
        self.finish(len, *sig, WordEnd::Shared, observer)?;
        self.shared = true;
        self.start = start;
        *sig = 1 << (last & 63);
        ControlFlow::Continue(())
    }

    /// The current word (signature `sig`) ends at `end`, as `how` tells: looks up the
    /// runs of up to three words that end with it. Breaks when one may be a typo-squat:
    /// denied when it certainly is one, else unsure.
    #[inline(always)]
    fn finish<O: Observer>(
        &mut self,
        end: usize,
        sig: u64,
        how: WordEnd,
        observer: &mut O,
    ) -> ControlFlow<Screened> {
        if !self.on {
            return ControlFlow::Continue(());
        }
        let start = self.start;
        if self.shared && end - start == 1 && how != WordEnd::Name {
            // The pipeline reads a word that is a lone shared symbol as reaching into the
            // next word; such names are rare enough to leave to it.
            return ControlFlow::Break(Screened::Unsure);
        }
        let shared_end = how == WordEnd::Shared;
        // The runs of one, two and three words that end here, unrolled. The pipeline looks
        // a run up as it is (`View::any_modified`) when no symbol in it is modified and
        // none but its first and last is shared by two of its words.
        let inside = |at: usize, shared: bool, from: usize| shared && at > from && at + 1 < end;
        self.look_up(
            start,
            end,
            sig,
            shared_end,
            self.modified <= start,
            observer,
        )?;
        if self.count >= 1 {
            let [(prev, prev_shared), (first, _)] = self.before;
            let sig2 = sig | self.before_sig[0];
            let exact = self.modified <= prev && !inside(start, self.shared, prev);
            self.look_up(prev, end, sig2, shared_end, exact, observer)?;
            if self.count >= 2 {
                let exact = self.modified <= first
                    && !inside(start, self.shared, first)
                    && !inside(prev, prev_shared, first);
                let sig3 = sig2 | self.before_sig[1];
                self.look_up(first, end, sig3, shared_end, exact, observer)?;
            }
        }
        self.before = [(start, self.shared), self.before[0]];
        if N == 0 {
            self.before_sig = [sig, self.before_sig[0]];
        }
        self.count += 1;
        ControlFlow::Continue(())
    }

    /// Looks up the run `from..end` (signature `sig`), which the pipeline looks up as it
    /// is when `exact`, and whose last symbol is shared with the next word when
    /// `shared_end`. Breaks when it may be a typo-squat: denied when it certainly is one,
    /// else unsure.
    #[inline(always)]
    fn look_up<O: Observer>(
        &self,
        from: usize,
        end: usize,
        sig: u64,
        shared_end: bool,
        exact: bool,
        observer: &mut O,
    ) -> ControlFlow<Screened> {
        observer.run(from..end, exact, shared_end);
        if !exact {
            // The pipeline never takes such a run for a typo-squat.
            return ControlFlow::Continue(());
        }
        // With few terms, a close signature sends the name down the pipeline; with many,
        // the filtered index lookup is cheaper than comparing signatures, and finds the
        // term.
        if N == 0 {
            if self.typo.plausible_signature(end - from, sig) {
                return ControlFlow::Break(Screened::Unsure);
            }
        } else if !self.typo.any_term_near_length(end - from) {
            // Checked here, without a call: about one run in five.
        } else if let Some(rule) = self.typo.near(&self.buf[from..end]) {
            // A shared last symbol that the next word repeats again collapses there, and
            // then it is modified too (`labs-ss`): such a run is no certain hit.
            let counts = !shared_end && self.matcher.typo_counts(rule);
            return ControlFlow::Break(if counts {
                Screened::Denied
            } else {
                Screened::Unsure
            });
        }
        ControlFlow::Continue(())
    }
}

/// How a word of the pass ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordEnd {
    /// Before a boundary: the next word starts after it.
    Boundary,
    /// With a symbol that starts the next word too.
    Shared,
    /// With the name.
    Name,
}

/// Sees what the screen computes, for tests; `()` sees nothing and costs nothing.
trait Observer {
    /// Whether the pass must run even when the census rules a name out (tests compare
    /// both).
    const WANTS_PASS: bool = false;
    /// A skeleton symbol, as it is emitted.
    #[inline(always)]
    fn symbol(&mut self, _sym: u8) {}
    /// A run of words the typo-squat check looked at, whether the screen takes the
    /// pipeline to look it up as it is, and whether its last symbol is shared with the
    /// next word (which may yet make it modified).
    #[inline(always)]
    fn run(&mut self, _run: Range<usize>, _exact: bool, _shared_end: bool) {}
}

impl Observer for () {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MatchScope, Policy, Term};

    #[derive(Default)]
    struct Record {
        runs: Vec<Range<usize>>,
        /// Each run the pass judged exact or not, and whether its last symbol was shared.
        exact: Vec<(Range<usize>, bool, bool)>,
        skeleton: Vec<u8>,
    }

    impl Observer for Record {
        const WANTS_PASS: bool = true;
        fn symbol(&mut self, sym: u8) {
            self.skeleton.push(sym);
        }
        fn run(&mut self, run: Range<usize>, exact: bool, shared_end: bool) {
            self.exact.push((run.clone(), exact, shared_end));
            self.runs.push(run);
        }
    }

    /// The runs the typo-squat scan of the full pipeline looks at.
    fn pipeline_runs(sk: &crate::Skeleton) -> Vec<Range<usize>> {
        let words: Vec<Range<usize>> = sk.words().collect();
        let mut runs = Vec::new();
        for (i, w) in words.iter().enumerate() {
            for first in &words[i.saturating_sub(2)..=i] {
                runs.push(first.start..w.end);
            }
        }
        runs
    }

    fn policy() -> Policy {
        Policy::marketplace()
    }

    /// The preset without the screen: every name through every stage.
    fn full() -> &'static Policy {
        static FULL: std::sync::LazyLock<Policy> = std::sync::LazyLock::new(|| {
            crate::PolicyBuilder::marketplace()
                .without_screen()
                .build()
                .unwrap()
        });
        &FULL
    }

    /// The census of any name never rules out a term or typo-squat the pipeline finds.
    fn census_agrees(name: &str) {
        let policy = policy();
        let screen = policy.inner().screen.as_ref().unwrap();
        if screen.holds_no_term(name) {
            let report = full().check(name);
            assert!(
                report.violations().iter().all(|v| !matches!(
                    v.kind(),
                    crate::ViolationKind::Term | crate::ViolationKind::TypoSquat
                )),
                "the census ruled out {report}"
            );
        }
    }

    fn agree(policy: &Policy, name: &str) {
        agree_with(policy, full(), name);
        census_agrees(name);
    }

    /// The screen of `policy` agrees with `full`, the same policy without a screen.
    fn agree_with(policy: &Policy, full: &Policy, name: &str) {
        let inner = policy.inner();
        let screen = inner.screen.as_ref().expect("the policy has a screen");
        let mut record = Record::default();
        let screened = screen.run(name.as_bytes(), &inner.matcher, &mut record);
        let sk = inner.normalizer.normalize(name);
        match screened {
            Screened::Clean => {
                assert_eq!(
                    record.skeleton,
                    sk.as_str().as_bytes(),
                    "skeleton of {name:?}"
                );
                let ours: std::collections::HashSet<_> = record.runs.iter().cloned().collect();
                for run in pipeline_runs(&sk) {
                    assert!(ours.contains(&run), "run {run:?} of {name:?} not screened");
                }
            }
            Screened::Denied | Screened::Unsure => {}
        }
        // Whatever the answer, every run the pass judged (they lie in the skeleton so
        // far) is exact just when the pipeline looks it up as it is.
        if screened != Screened::Unsure || record.skeleton.len() == sk.as_str().len() {
            let view = sk.view();
            for (run, exact, shared_end) in &record.exact {
                // Only the end of a run whose last symbol is shared may turn modified after
                // it was judged: that symbol, when the next word repeats it again, or the
                // symbol before it, when the next word repeats the pair the two spell
                // (`MNm` reads `rn`, `n` shared, then `rn` again collapses onto the first
                // pair). Such runs are never denied, only deferred.
                let modified = |at: usize| view.flag(at, crate::normalize::MODIFIED);
                let later = *shared_end
                    && (modified(run.end - 1) || (run.len() >= 2 && modified(run.end - 2)));
                assert!(
                    *exact != view.any_modified(run.clone()) || (*exact && later),
                    "run {run:?} of {name:?} ({:?}): exact {exact}",
                    sk.as_str()
                );
            }
        }
        match screened {
            Screened::Clean => {}
            Screened::Denied => assert!(
                sk.as_str().as_bytes().starts_with(&record.skeleton),
                "skeleton of {name:?}: {:?} does not start with {:?}",
                sk.as_str(),
                String::from_utf8_lossy(&record.skeleton)
            ),
            Screened::Unsure => {}
        }
        let full = full.check(name).is_allowed();
        match screened {
            Screened::Clean => assert!(full, "the pass passed {name:?}"),
            Screened::Denied => assert!(!full, "the pass denied {name:?}"),
            Screened::Unsure => {}
        }
        match screen.screen(name, &inner.matcher) {
            Screened::Clean => assert!(full, "the screen passed {name:?}"),
            Screened::Denied => assert!(!full, "the screen denied {name:?}"),
            Screened::Unsure => {}
        }
        assert_eq!(policy.is_allowed(name), full, "{name:?}");
    }

    /// What the screen says of `name` under `policy`.
    fn screened(policy: &Policy, name: &str) -> Screened {
        let inner = policy.inner();
        inner.screen.as_ref().unwrap().screen(name, &inner.matcher)
    }

    #[test]
    fn the_screen_denies_only_hits_that_certainly_count() {
        let builder = Policy::builder()
            .term(Term::deny("contoso").scope(MatchScope::Word))
            .term(Term::deny("fabrikam").scope(MatchScope::Prefix))
            .term(Term::deny("azure").except("azure stack"))
            .term(Term::review("tailspin"))
            .term(Term::deny("northwind").scope(MatchScope::Exact))
            .term(Term::deny("yllii"))
            .term(Term::deny("ecmmm"));
        let policy = builder.clone().build().unwrap();
        let full = builder.without_screen().build().unwrap();
        let names = [
            ("tailspin toys", Screened::Denied),
            ("mytailspintoys", Screened::Denied),
            ("tail spin", Screened::Unsure),
            ("fabrikam-app", Screened::Denied),
            ("my fabrikam", Screened::Unsure),
            ("contoso", Screened::Unsure),
            ("contosoapp", Screened::Unsure),
            ("wingtip toys", Screened::Clean),
            ("azure", Screened::Unsure),
            ("azurestack", Screened::Unsure),
            ("northwind", Screened::Unsure),
            ("northwind traders", Screened::Unsure),
            ("Pizza Azure", Screened::Unsure),
            // `yllii` is `yi`, which ends on the `i` that `acryl` and `iceberg` share:
            // the pipeline reads that hit as spanning two words.
            ("acryl", Screened::Denied),
            ("acryll", Screened::Denied),
            ("acryl-iceberg", Screened::Unsure),
            ("acryll-iceberg", Screened::Unsure),
            ("acryl-berg", Screened::Denied),
            // `ecmmm` is `ecrn`, which ends on the pair that a later `m` repeats.
            ("ecm", Screened::Denied),
            ("ecm-x", Screened::Denied),
            ("ecm-m", Screened::Unsure),
            ("eAecMM:M", Screened::Unsure),
            ("eAecM:MM", Screened::Unsure),
        ];
        for (name, expected) in names {
            agree_with(&policy, &full, name);
            assert_eq!(screened(&policy, name), expected, "{name:?}");
        }
        let marketplace = Policy::marketplace();
        for name in ["Microsoft", "MyAzureApp", "microsofft", "x-AZURE"] {
            assert_eq!(screened(&marketplace, name), Screened::Denied, "{name:?}");
        }
        for name in ["Micro Soft", "Azur Events", "Pizza Azure"] {
            assert_ne!(screened(&marketplace, name), Screened::Denied, "{name:?}");
        }
    }

    #[test]
    fn screen_agrees_with_the_pipeline_on_tricky_names() {
        let policy = policy();
        for name in [
            "Contoso Labs",
            "Pizza Azure",
            "pizza azzure",
            "a-a-a",
            "aa a",
            "XMLParser my-App",
            "MM icrosoft",
            "mnm mn m",
            "rm-m",
            "@types/node",
            "$$a",
            "a$",
            "Yahoo!",
            "M!crosoft",
            "python3-foo",
            "v2 6 9 x",
            "Azur Events",
            "Kazu Research",
            "Azores Travel",
            "Micromax",
            "allure",
            "azury",
            "ab",
            "a",
            "",
            " a",
            "a ",
            "a  b",
            "1234",
            "--",
            "Micro Softworks",
            // A shared letter that the next one collapses into: modified only after the
            // run before it was judged.
            "labs-ss",
            "EiIIAR",
            // A collapsed pair is modified at its first symbol only.
            "MmNr E",
        ] {
            agree(&policy, name);
        }
    }

    #[test]
    fn screen_defers_what_it_does_not_model() {
        let policy = policy();
        let inner = policy.inner();
        let screen = inner.screen.as_ref().unwrap();
        for name in [
            "Contoso\u{200B}",
            "Café",
            "a\tb",
            "Contoso Azure",
            "azrue cloud",
        ] {
            assert!(!screen.is_clean(name, &inner.matcher), "{name:?}");
        }
        assert!(screen.is_clean("Contoso Labs", &inner.matcher));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn screen_agrees_with_the_pipeline(name in "[aAzZuUrReEmMnNiIlLcCoOsSfFtT01345689 @$!|+._/-]{0,24}") {
            agree(&policy(), &name);
        }

        #[test]
        fn screen_agrees_on_pieces_of_terms(pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "azure", "Azur", "azrue", "AZURE", "zure", "4zur3", "a", "z", "u", "r", "e",
                "Micro", "soft", "Mircosoft", "rn", "m", "M", "1", "0", "$", "@", "!",
                "Contoso", "labs", "-", " ", "_", ".", "Pizza", "XML", "ss",
            ][..]),
            0..7,
        )) {
            agree(&policy(), &pieces.concat());
        }

        #[test]
        fn census_agrees_on_look_alikes(
            name in "[aаαᴀＡ4@ⓐzᴢＺ2ƶuυսＵµrгᴦＲeеεＥ3ёmｍМⓜnNпіiIl1|!oо0Оο○сcCϲѕs$5fƒtт7+ \u{200B}\u{301}_.-]{0,16}"
        ) {
            census_agrees(&name);
        }

        #[test]
        #[cfg(feature = "proptest")]
        fn census_agrees_on_evasions(
            name in crate::testing::evasions_of("Azure"),
            typo in crate::testing::evasions_of("Mircosoft"),
            innocent in crate::testing::innocent_names(),
        ) {
            census_agrees(&name);
            census_agrees(&typo);
            census_agrees(&innocent);
            census_agrees(&format!("{innocent} {typo}"));
            let policy = policy();
            let screen = policy.inner().screen.as_ref().unwrap();
            proptest::prop_assert!(!screen.holds_no_term(&name), "{name:?}");
        }

        #[test]
        fn screen_agrees_on_any_printable_ascii(name in "[ -~]{0,40}") {
            agree(&policy(), &name);
        }

        /// With too many patterns for one DFA, the split finder (short patterns in a DFA,
        /// long ones by their last bytes) finds what the pipeline finds.
        #[test]
        fn screens_that_keep_the_skeleton_agree_with_the_pipeline(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "azure", "Azur", "zur", "contoso", "Contoso", "fabrikam", "fabrikan", "wide",
                    "world", "tail", "spin", "north", "wind", "1", "0", "$", " ", "-", "_", "M",
                    "rn", "Micro", "soft", "labs", "xyzzy", "qwerty",
                ][..]),
                0..7,
            ),
        ) {
            let name = pieces.concat();
            for (policy, full) in split_policies().iter().chain([keep_policy()]) {
                agree_with(policy, full, &name);
            }
        }
    }

    /// Policies whose screen finds patterns with [`Finder::Split`] (with and without short
    /// patterns), each with the same policy unscreened.
    fn split_policies() -> &'static [(Policy, Policy); 2] {
        static POLICIES: std::sync::LazyLock<[(Policy, Policy); 2]> =
            std::sync::LazyLock::new(|| {
                let words = ["contoso", "fabrikam", "northwind", "tailspin", "worldwide"];
                // Every rotation and prefix of at least five letters of the words, and
                // enough generated terms to outgrow one DFA.
                let mut terms: Vec<Term> = Vec::new();
                for w in words {
                    for skip in 0..w.len() {
                        let rotated: String = w.chars().cycle().skip(skip).take(w.len()).collect();
                        for len in 5..=w.len() {
                            terms.push(Term::deny(&rotated[..len]));
                        }
                    }
                }
                // Without a repeat, which would collapse to a short pattern.
                terms.extend(
                    crate::testing::generated_terms(800)
                        .into_iter()
                        .filter(|t| !t.text().as_bytes().windows(2).any(|w| w[0] == w[1])),
                );
                // Some skeletons are shorter than their terms (`vv` is `w`).
                let normalizer = crate::Normalizer::new();
                let long = terms.iter().filter(|t| {
                    normalizer.normalize(t.text()).as_str().len() >= crate::matcher::GRAM
                });
                let builders = [
                    crate::PolicyBuilder::marketplace()
                        .terms(terms.iter().cloned())
                        .term(Term::deny("spin").scope(MatchScope::Word)),
                    Policy::builder().terms(long.cloned()),
                ];
                builders.map(|b| {
                    (
                        b.clone().build().unwrap(),
                        b.without_screen().build().unwrap(),
                    )
                })
            });
        let policies = &*POLICIES;
        assert!(matches!(
            policies[0].0.inner().matcher.finder(),
            Some(Finder::Split(Some(_), _))
        ));
        assert!(matches!(
            policies[1].0.inner().matcher.finder(),
            Some(Finder::Split(None, _))
        ));
        policies
    }

    /// The preset's patterns fit one DFA; with the scaling bench's 10,000 more terms they
    /// are split, the short ones (whose repeats collapse) in a small DFA.
    #[test]
    fn thousands_of_terms_split_the_finder() {
        let finder = |policy: &Policy| match policy.inner().matcher.finder() {
            Some(Finder::Dfa(..)) => "dfa",
            Some(Finder::Split(Some(_), _)) => "short and grams",
            Some(Finder::Split(None, _)) => "grams",
            None => "none",
        };
        assert_eq!(finder(&policy()), "dfa");
        let many = crate::PolicyBuilder::marketplace()
            .terms(crate::testing::generated_terms(10_000))
            .build()
            .unwrap();
        assert_eq!(finder(&many), "short and grams");
        // Their filters fit a core's 512 KB second-level cache, as the docs say (37, 148
        // and 183 KB).
        let matcher = &many.inner().matcher;
        let Some(Finder::Split(_, grams)) = matcher.finder() else {
            unreachable!("a split finder, as asserted above")
        };
        let bytes = matcher.typo().filter_bytes() + grams.filter_bytes();
        assert!(bytes < 400 << 10, "{} KiB", bytes >> 10);
    }

    /// The preset with a few more terms: one DFA, and enough typo-squat terms that the
    /// pass keeps the skeleton to look runs up; with the same policy unscreened.
    fn keep_policy() -> &'static (Policy, Policy) {
        static POLICY: std::sync::LazyLock<(Policy, Policy)> = std::sync::LazyLock::new(|| {
            let builder = crate::PolicyBuilder::marketplace()
                .terms(["worldwide", "contoso", "northwind", "fabrikam"].map(Term::deny))
                .terms(crate::testing::generated_terms(20));
            (
                builder.clone().build().unwrap(),
                builder.without_screen().build().unwrap(),
            )
        });
        let (policy, _) = &*POLICY;
        assert!(matches!(
            policy.inner().matcher.finder(),
            Some(Finder::Dfa(..))
        ));
        assert!(!policy.inner().matcher.typo().screens_by_signature());
        &POLICY
    }

    /// A run one edit from a term is a typo-squat that the screen denies when the pipeline
    /// looks it up as it is and no exception applies to the term.
    #[test]
    fn the_screen_denies_only_typo_squats_that_certainly_count() {
        let [(split, split_full), _] = split_policies();
        let (keep, keep_full) = keep_policy();
        for (policy, full) in [(keep, keep_full), (split, split_full)] {
            for (name, expected) in [
                ("Wordlwide", Screened::Denied),
                ("wordlwide-labs", Screened::Denied),
                ("W0rdlwide", Screened::Denied),
                ("Nortwind-Labs", Screened::Denied),
                ("Fabrikm", Screened::Denied),
                // Decoded leetspeak, a collapsed repeat, or a letter shared by two words
                // of the run: the pipeline does not take the run for a typo-squat, and
                // nor does the screen.
                ("Wordlwid3", Screened::Clean),
                ("Cont@so", Screened::Clean),
                ("Wordlwidde", Screened::Clean),
                ("Fabrikmm", Screened::Clean),
                ("Wordl-lwide", Screened::Clean),
                // The shared letter is decoded leetspeak, at the end of the earlier word.
                ("Wordlwide-3", Screened::Clean),
                ("Wordlwide-3labs", Screened::Clean),
                // The shared letter collapses with the next one after the run is judged.
                ("Wordlwide-eelabs", Screened::Unsure),
                // An exception applies to the term.
                ("Azrue", Screened::Unsure),
            ] {
                agree_with(policy, full, name);
                // The split policy's many prefixes of words are typo-squat terms too: it
                // may deny names for other runs.
                if expected == Screened::Denied || std::ptr::eq(policy, &keep_policy().0) {
                    assert_eq!(
                        screened(policy, name),
                        expected,
                        "{name:?}: {}",
                        full.check(name)
                    );
                }
            }
        }
    }

    #[test]
    fn split_screens_agree_on_tricky_names() {
        for name in [
            "Contoso Labs",
            "contoso",
            "ContosoWide",
            "con-toso",
            "Fabrikan",
            "soContosoFabrikam",
            "tail spin",
            "Tailspin Toys",
            "spin",
            "northwind-worldwide",
            "Azure",
            "Azur Events",
            "oswidew",
            "xyzzy",
            "Wordlwid3",
            "Wordl-lwide",
            "Wordlwide-3",
            "Wordlwide-3labs",
            "wordlwid$-$",
            "Nortwin-1nd",
            "labs-$pin",
        ] {
            for (policy, full) in split_policies() {
                agree_with(policy, full, name);
                assert_eq!(
                    policy.check(name).verdict(),
                    full.check(name).verdict(),
                    "{name:?}"
                );
            }
        }
    }
}
