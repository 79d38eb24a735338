//! Stage 1 of the pipeline: turn a name into its matching skeleton.
//!
//! The skeleton is what the matcher sees. Every evasion a person can type lands on the same
//! skeleton as the plain word, while every skeleton byte remembers the bytes of the original
//! name it came from:
//!
//! - each code point is looked up in generated tables ([`crate::UNICODE_VERSION`]) that
//!   compose UTS #39 confusable prototypes, compatibility decomposition (NFKD), removal of
//!   combining marks and full case folding, to a fixed point: `Ａ`, `𝐀`, `Ⓐ`, Cyrillic `А`
//!   and `á` all become `a`;
//! - default-ignorable code points (zero-width characters, bidi controls, variation
//!   selectors, tag characters) and combining marks vanish without a trace;
//! - separators (spaces, punctuation, symbols) vanish too, but leave a word boundary, as do
//!   camelCase transitions (`ContosoAzure` has two words);
//! - a letter repeated within a word collapses to one (`Azzzure`);
//! - optionally, leetspeak digits and symbols become the letters they stand for (`M1cr0$oft`).
//!
//! Because UTS #39 says `I` looks like `l` while case folding says it is `i`, the skeleton
//! merges `i` and `l` into one symbol, `i`; for the same reason `0` is `o` and `m` is `rn`.
//! The skeleton is a matching key, not a display form.

use std::ops::Range;

use crate::tables;

/// Options for turning names into skeletons.
///
/// A [`Policy`](crate::Policy) carries one and applies it to names and terms alike, so that
/// both sides of every comparison are normalized the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Normalizer {
    leet: bool,
    ascii_fast_path: bool,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    /// A normalizer with leetspeak decoding enabled.
    pub const fn new() -> Normalizer {
        Normalizer {
            leet: true,
            ascii_fast_path: true,
        }
    }

    /// Turns leetspeak decoding on or off.
    ///
    /// When on, digits and symbols that people type for letters become those letters:
    /// `3`→e, `4`/`@`→a, `5`/`$`→s, `7`/`+`→t, `!`/`|`→i, `8`→b, `2`→z, and the same for
    /// their fullwidth and other compatibility forms. `6` may be `b` or `g`, and `9` may be
    /// `g` or `q`: both readings match. A symbol only stands for a letter when a letter
    /// follows it (`M!crosoft`, not `Yahoo!`). `0`→o and `1`→l hold even without leetspeak,
    /// because UTS #39 lists them as look-alikes.
    #[must_use]
    pub const fn leet(mut self, yes: bool) -> Normalizer {
        self.leet = yes;
        self
    }

    /// Whether leetspeak decoding is on.
    pub const fn is_leet(&self) -> bool {
        self.leet
    }

    /// Disables the ASCII fast path, so that every byte goes through the general table
    /// lookup. Only useful to test that both paths agree.
    #[doc(hidden)]
    #[must_use]
    pub const fn without_ascii_fast_path(mut self) -> Normalizer {
        self.ascii_fast_path = false;
        self
    }

    /// Normalizes `name` into a [`Skeleton`].
    ///
    /// ```
    /// use name_policy::Normalizer;
    ///
    /// let sk = Normalizer::new().normalize("Ｍｉｃｒｏ-$oft");
    /// assert_eq!(sk.as_str(), "rnicrosoft");
    /// // The first skeleton byte came from the fullwidth `Ｍ`, bytes 0..3 of the name.
    /// assert_eq!(sk.source_span(0..1), 0..3);
    /// ```
    pub fn normalize(&self, name: &str) -> Skeleton {
        let mut sk = Skeleton::default();
        self.run(name, &mut sk);
        sk
    }

    /// Feeds the skeleton of `name` into `sink`; stops early when the sink is full.
    /// Returns false when it stopped early.
    pub(crate) fn run<S: Sink>(&self, name: &str, sink: &mut S) -> bool {
        let bytes = name.as_bytes();
        let mut state = Stream::default();
        let mut i = 0;
        while i < bytes.len() {
            let (info, len) = self.info_at(name, i);
            let next = i + len;
            let keep = match info.kind {
                Kind::Letter => true,
                Kind::Separator => {
                    // A leetspeak symbol is a letter only when a letter follows it.
                    if info.leet != 0
                        && next < bytes.len()
                        && self.info_at(name, next).0.is_letter()
                    {
                        true
                    } else {
                        state.separator();
                        false
                    }
                }
                Kind::Ignorable => {
                    // Marks and invisible characters inside a word belong to the letter
                    // before them, so that spans cover a Zalgo stack whole.
                    if state.started && !state.boundary {
                        sink.extend_last(next);
                    }
                    false
                }
            };
            if keep {
                let case = case_of(name, i, bytes[i]);
                if state.camel_boundary(case, || self.next_is_lower(name, next)) {
                    state.boundary = true;
                }
                let full = if info.leet != 0 {
                    state.emit(sink, &[info.leet], i..next)
                } else {
                    let mut ok = true;
                    for sym in SymbolIter(info.bytes()) {
                        ok &= state.emit(sink, sym, i..next);
                    }
                    ok
                };
                if !full {
                    return false;
                }
                state.case = case;
            }
            i = next;
        }
        true
    }

    /// Classifies the code point at byte `i` of `name` (a char boundary).
    #[inline]
    fn info_at<'t>(&self, name: &'t str, i: usize) -> (Info<'t>, usize) {
        let b = name.as_bytes()[i];
        if b < 0x80 && self.ascii_fast_path {
            return (self.ascii_info(b), 1);
        }
        let c = name[i..].chars().next().unwrap_or('\u{FFFD}');
        (self.general_info(c), c.len_utf8())
    }

    #[inline]
    fn ascii_info(&self, b: u8) -> Info<'static> {
        let i = usize::from(b);
        let leet = if self.leet { tables::ASCII_LEET[i] } else { 0 };
        let kind = tables::ASCII_KIND[i];
        let sk = &tables::ASCII_SKELETON[i];
        let len = if sk[0] == 0 {
            0
        } else if sk[1] == 0 {
            1
        } else {
            2
        };
        Info::new(kind, &sk[..len], leet)
    }

    fn general_info(&self, c: char) -> Info<'static> {
        let cp = c as u32;
        let at = tables::RANGES.partition_point(|r| r.0 <= cp) - 1;
        let (_, kind, off, len) = tables::RANGES[at];
        let skeleton: &'static [u8] = match kind {
            tables::KIND_MAPPED => {
                &tables::POOL.as_bytes()[off as usize..off as usize + usize::from(len)]
            }
            _ => &[],
        };
        let leet = if self.leet {
            tables::LEET
                .binary_search_by_key(&cp, |e| e.0)
                .map_or(0, |k| tables::LEET[k].1)
        } else {
            0
        };
        let mut info = Info::new(kind, skeleton, leet);
        if kind == tables::KIND_LETTER {
            // Identity letters are not in the pool: the code point is its own skeleton.
            info.own_len = c.encode_utf8(&mut info.own).len() as u8;
        }
        info
    }

    fn next_is_lower(&self, name: &str, at: usize) -> bool {
        name[at..].chars().next().is_some_and(|c| c.is_lowercase())
    }
}

/// What the tables say about one code point.
#[derive(Clone, Copy, Debug)]
struct Info<'t> {
    kind: Kind,
    /// Skeleton bytes of a mapped code point.
    skeleton: &'t [u8],
    /// UTF-8 of a code point that is its own skeleton.
    own: [u8; 4],
    own_len: u8,
    /// Leetspeak letter or ambiguity marker, 0 when none (or leetspeak is off).
    leet: u8,
}

impl Info<'_> {
    fn new(kind: u8, skeleton: &[u8], leet: u8) -> Info<'_> {
        let kind = match kind {
            tables::KIND_LETTER | tables::KIND_MAPPED => Kind::Letter,
            tables::KIND_SEPARATOR => Kind::Separator,
            _ => Kind::Ignorable,
        };
        Info {
            kind,
            skeleton,
            own: [0; 4],
            own_len: 0,
            leet,
        }
    }

    /// The skeleton bytes this code point emits as a letter.
    fn bytes(&self) -> &[u8] {
        if self.own_len > 0 {
            &self.own[..usize::from(self.own_len)]
        } else {
            self.skeleton
        }
    }

    fn is_letter(&self) -> bool {
        self.kind == Kind::Letter || self.leet != 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Letter,
    Separator,
    Ignorable,
}

/// Letter case of an original character, for camelCase word boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Case {
    #[default]
    None,
    Upper,
    Lower,
}

#[inline]
fn case_of(name: &str, i: usize, b: u8) -> Case {
    if b < 0x80 {
        if b.is_ascii_uppercase() {
            Case::Upper
        } else if b.is_ascii_lowercase() {
            Case::Lower
        } else {
            Case::None
        }
    } else {
        match name[i..].chars().next() {
            Some(c) if c.is_uppercase() => Case::Upper,
            Some(c) if c.is_lowercase() => Case::Lower,
            _ => Case::None,
        }
    }
}

/// Splits skeleton bytes into symbols (one UTF-8 sequence each).
struct SymbolIter<'a>(&'a [u8]);

impl<'a> Iterator for SymbolIter<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let first = *self.0.first()?;
        let len = match first {
            0x00..=0xBF => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        }
        .min(self.0.len());
        let (sym, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(sym)
    }
}

/// Word and repeat state carried across code points.
#[derive(Default)]
struct Stream {
    /// A word boundary precedes the next symbol.
    boundary: bool,
    /// Case of the previous letter, for camelCase.
    case: Case,
    /// The previous symbol, for collapsing repeats within a word.
    last: [u8; 4],
    last_len: u8,
    started: bool,
}

impl Stream {
    fn separator(&mut self) {
        self.boundary = true;
        self.case = Case::None;
    }

    /// `aB` and the `C` of `ABCdef` start words.
    fn camel_boundary(&self, case: Case, next_is_lower: impl FnOnce() -> bool) -> bool {
        match (self.case, case) {
            (Case::Lower, Case::Upper) => true,
            (Case::Upper, Case::Upper) => next_is_lower(),
            _ => false,
        }
    }

    fn emit<S: Sink>(&mut self, sink: &mut S, sym: &[u8], src: Range<usize>) -> bool {
        let boundary = self.boundary || !self.started;
        if !boundary && &self.last[..usize::from(self.last_len)] == sym {
            sink.extend_last(src.end);
            return true;
        }
        self.last[..sym.len()].copy_from_slice(sym);
        self.last_len = sym.len() as u8;
        self.boundary = false;
        self.started = true;
        sink.push(sym, src, boundary)
    }
}

/// Receives skeleton symbols. The [`Skeleton`] keeps spans; the matcher's stack buffer
/// keeps only bytes and boundaries.
pub(crate) trait Sink {
    /// Appends one symbol that came from the original bytes `src`; `boundary` says a word
    /// starts with it. Returns false when the sink is full (nothing is appended).
    fn push(&mut self, sym: &[u8], src: Range<usize>, boundary: bool) -> bool;
    /// Extends the source span of the last symbol to `end` (a collapsed repeat).
    fn extend_last(&mut self, end: usize);
}

/// The matching skeleton of a name, with a map back to the original.
///
/// Produced by [`normalize`] or [`Normalizer::normalize`]. Every skeleton byte knows the
/// byte range of the original name it came from; a symbol produced by several original
/// characters (a collapsed repeat) spans all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skeleton {
    text: Vec<u8>,
    /// Source span of each skeleton byte.
    spans: Vec<(u32, u32)>,
    /// Bit `i` set: a word starts at skeleton byte `i`.
    starts: Vec<u64>,
}

impl Skeleton {
    /// The skeleton text: lowercase prototypes of letters and digits, separators removed.
    ///
    /// It may contain the control bytes `\x01` and `\x02`, which stand for ambiguous
    /// leetspeak (`6`, `9`).
    pub fn as_str(&self) -> &str {
        // Symbols are pushed whole and are valid UTF-8 or ASCII markers.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The skeleton's length in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the name had no letters or digits at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The byte range of the original name that the skeleton byte range `skeleton` came
    /// from. An empty or out-of-range request yields an empty range.
    pub fn source_span(&self, skeleton: Range<usize>) -> Range<usize> {
        if skeleton.start >= skeleton.end || skeleton.end > self.spans.len() {
            return 0..0;
        }
        let start = self.spans[skeleton.start].0 as usize;
        let end = self.spans[skeleton.end - 1].1 as usize;
        start..end
    }

    /// Each skeleton character with the original byte range it came from, in order.
    pub fn chars(&self) -> impl Iterator<Item = (char, Range<usize>)> + '_ {
        self.as_str()
            .char_indices()
            .map(|(i, c)| (c, self.spans[i].0 as usize..self.spans[i].1 as usize))
    }

    /// Whether a word starts at skeleton byte `at` (always true at 0 and at the end).
    pub fn is_word_start(&self, at: usize) -> bool {
        at == 0 || at >= self.text.len() || bit(&self.starts, at)
    }

    /// The skeleton byte ranges of the words of the name, in order.
    pub fn words(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.view().words()
    }

    pub(crate) fn view(&self) -> View<'_> {
        View {
            bytes: &self.text,
            starts: &self.starts,
        }
    }
}

impl Sink for Skeleton {
    fn push(&mut self, sym: &[u8], src: Range<usize>, boundary: bool) -> bool {
        let at = self.text.len();
        if boundary {
            set_bit(&mut self.starts, at);
        }
        self.text.extend_from_slice(sym);
        let span = (src.start as u32, src.end as u32);
        self.spans.extend(std::iter::repeat_n(span, sym.len()));
        true
    }

    fn extend_last(&mut self, end: usize) {
        let n = self.spans.len();
        let start = self.text.len() - last_symbol_len(&self.text);
        for s in &mut self.spans[start..n] {
            s.1 = end as u32;
        }
    }
}

fn last_symbol_len(text: &[u8]) -> usize {
    let mut n = 1;
    while n < text.len() && n < 4 && (text[text.len() - n] & 0xC0) == 0x80 {
        n += 1;
    }
    n.min(text.len())
}

fn bit(bits: &[u64], at: usize) -> bool {
    bits.get(at / 64).is_some_and(|w| w & (1 << (at % 64)) != 0)
}

fn set_bit(bits: &mut Vec<u64>, at: usize) {
    let w = at / 64;
    if bits.len() <= w {
        bits.resize(w + 1, 0);
    }
    bits[w] |= 1 << (at % 64);
}

/// Capacity of the stack buffer used by [`StackSkeleton`]: names whose skeleton fits are
/// checked without touching the heap.
pub(crate) const STACK_CAPACITY: usize = 2048;

/// A skeleton without spans, on the stack, for the allocation-free hot path.
pub(crate) struct StackSkeleton {
    bytes: [u8; STACK_CAPACITY],
    len: usize,
    starts: [u64; STACK_CAPACITY / 64],
}

impl StackSkeleton {
    pub(crate) fn new() -> StackSkeleton {
        StackSkeleton {
            bytes: [0; STACK_CAPACITY],
            len: 0,
            starts: [0; STACK_CAPACITY / 64],
        }
    }

    pub(crate) fn view(&self) -> View<'_> {
        View {
            bytes: &self.bytes[..self.len],
            starts: &self.starts,
        }
    }
}

impl Sink for StackSkeleton {
    #[inline]
    fn push(&mut self, sym: &[u8], _src: Range<usize>, boundary: bool) -> bool {
        let end = self.len + sym.len();
        if end > STACK_CAPACITY {
            return false;
        }
        if boundary {
            self.starts[self.len / 64] |= 1 << (self.len % 64);
        }
        self.bytes[self.len..end].copy_from_slice(sym);
        self.len = end;
        true
    }

    #[inline]
    fn extend_last(&mut self, _end: usize) {}
}

/// Borrowed skeleton bytes and word starts: what the matcher needs.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub(crate) bytes: &'a [u8],
    starts: &'a [u64],
}

impl<'a> View<'a> {
    /// Whether a word starts (or the previous one ends) at byte `at`.
    #[inline]
    pub(crate) fn is_boundary(&self, at: usize) -> bool {
        at == 0 || at >= self.bytes.len() || bit(self.starts, at)
    }

    /// The first word boundary strictly inside `start..end`, if any.
    #[inline]
    pub(crate) fn first_boundary_inside(&self, start: usize, end: usize) -> Option<usize> {
        (start + 1..end).find(|&i| bit(self.starts, i))
    }

    /// The last word boundary strictly inside `start..end`, if any.
    #[inline]
    pub(crate) fn last_boundary_inside(&self, start: usize, end: usize) -> Option<usize> {
        (start + 1..end).rev().find(|&i| bit(self.starts, i))
    }

    pub(crate) fn words(self) -> impl Iterator<Item = Range<usize>> + 'a {
        let len = self.bytes.len();
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= len {
                return None;
            }
            let start = at;
            at += 1;
            while at < len && !bit(self.starts, at) {
                at += 1;
            }
            Some(start..at)
        })
    }
}

/// Normalizes `name` with the default [`Normalizer`] (leetspeak on).
///
/// ```
/// let sk = name_policy::normalize("A z u r e");
/// assert_eq!(sk.as_str(), "azure");
/// assert_eq!(sk.source_span(0..5), 0..9);
/// ```
pub fn normalize(name: &str) -> Skeleton {
    Normalizer::new().normalize(name)
}
