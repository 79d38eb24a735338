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
        // Most names keep about their length; reserving it avoids regrowing four vectors.
        let cap = name.len() + 4;
        let mut sk = Skeleton {
            text: Vec::with_capacity(cap),
            spans: Vec::with_capacity(cap),
            flags: Vec::with_capacity(cap + 1),
        };
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
            let b = bytes[i];
            if b.is_ascii_alphabetic() && self.ascii_fast_path {
                // The common case, straight from the ASCII tables: a letter.
                let case = if b.is_ascii_uppercase() {
                    Case::Upper
                } else {
                    Case::Lower
                };
                if state.boundary == Boundary::None
                    && state.camel_boundary(case, || {
                        bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase)
                            || (bytes.get(i + 1).is_some_and(|n| !n.is_ascii())
                                && self.next_is_lower(name, i + 1))
                    })
                {
                    state.boundary = Boundary::Soft;
                }
                let sk = &tables::ASCII_SKELETON[usize::from(b)];
                let ok = if sk[1] == 0 {
                    state.emit(sink, &sk[..1], i..i + 1)
                } else {
                    // `m` is `rn`; letters have no leetspeak digits to decode.
                    state.emit_letter(sink, sk, i..i + 1, false)
                };
                if !ok {
                    return false;
                }
                state.case = case;
                i += 1;
                continue;
            }
            let (info, len) = self.info_at(name, i);
            let next = i + len;
            let keep = match info.kind {
                Kind::Letter => true,
                Kind::Separator => {
                    // A leetspeak symbol is a letter only when a letter follows it.
                    if info.leet != 0 && self.letter_follows(name, next) {
                        true
                    } else {
                        state.separator();
                        false
                    }
                }
                Kind::Mark => {
                    // Combining marks belong to the letter before them, so that spans
                    // cover a Zalgo stack whole.
                    if state.started && state.boundary == Boundary::None {
                        sink.extend_last(next);
                    }
                    false
                }
                Kind::Ignorable => false,
            };
            if keep {
                let case = case_of(name, i, bytes[i]);
                if state.boundary == Boundary::None
                    && state.camel_boundary(case, || self.next_is_lower(name, next))
                {
                    state.boundary = Boundary::Soft;
                }
                let full = if info.leet != 0 {
                    let ok = state.emit(sink, &[info.leet], i..next);
                    if ok {
                        sink.flag_last(1, MODIFIED);
                    }
                    ok
                } else {
                    state.emit_letter(sink, info.bytes(), i..next, self.leet)
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
    pub(crate) fn ascii_info(&self, b: u8) -> Info<'static> {
        let i = usize::from(b);
        let leet = tables::ASCII_LEET[i][usize::from(self.leet)];
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

    pub(crate) fn general_info(&self, c: char) -> Info<'static> {
        let cp = c as u32;
        let (_, kind, off, len) = tables::RANGES[range_index(cp)];
        let skeleton: &'static [u8] = match kind {
            tables::KIND_MAPPED => {
                &tables::POOL.as_bytes()[off as usize..off as usize + usize::from(len)]
            }
            _ => &[],
        };
        let leet = tables::LEET
            .binary_search_by_key(&cp, |e| e.0)
            .map_or(0, |k| {
                let (_, off, on) = tables::LEET[k];
                if self.leet {
                    on
                } else {
                    off
                }
            });
        let mut info = Info::new(kind, skeleton, leet);
        if kind == tables::KIND_LETTER {
            // Identity letters are not in the pool: the code point is its own skeleton.
            info.own_len = c.encode_utf8(&mut info.own).len() as u8;
        }
        info
    }

    /// Whether the next code point from byte `at` that is not invisible (an ignorable or a
    /// mark) is a letter.
    fn letter_follows(&self, name: &str, mut at: usize) -> bool {
        while at < name.len() {
            let (info, len) = self.info_at(name, at);
            match info.kind {
                Kind::Ignorable | Kind::Mark => at += len,
                _ => return info.is_letter(),
            }
        }
        false
    }

    fn next_is_lower(&self, name: &str, at: usize) -> bool {
        name[at..].chars().next().is_some_and(|c| c.is_lowercase())
    }
}

/// For each code point of the Basic Multilingual Plane, the index of its range in
/// `RANGES`: one load instead of a binary search, for the planes where names live.
/// Built once, on the first lookup (128 KiB).
static BMP_INDEX: std::sync::LazyLock<Box<[u16]>> = std::sync::LazyLock::new(|| {
    let mut index = vec![0u16; 0x1_0000];
    let mut at = 0;
    for (cp, slot) in index.iter_mut().enumerate() {
        while at + 1 < tables::RANGES.len() && tables::RANGES[at + 1].0 as usize <= cp {
            at += 1;
        }
        *slot = at as u16;
    }
    index.into_boxed_slice()
});

/// The index in `RANGES` of the range that holds `cp`.
#[inline]
pub(crate) fn range_index(cp: u32) -> usize {
    range_index_in(&BMP_INDEX, cp)
}

/// The BMP index, for loops that look many code points up.
pub(crate) fn bmp_index() -> &'static [u16] {
    &BMP_INDEX
}

/// [`range_index`] with the BMP index at hand.
#[inline]
pub(crate) fn range_index_in(bmp: &[u16], cp: u32) -> usize {
    match bmp.get(cp as usize) {
        Some(&at) => usize::from(at),
        None => tables::RANGES.partition_point(|r| r.0 <= cp) - 1,
    }
}

/// With leetspeak on, a digit in a skeleton stands for its letter (`З` looks like `3`,
/// which stands for `e`).
#[inline]
pub(crate) fn leet_digit(leet: bool, sym: &[u8]) -> &[u8] {
    match sym {
        [d] if leet && d.is_ascii_digit() && tables::ASCII_LEET[usize::from(*d)][1] != 0 => {
            std::slice::from_ref(&tables::ASCII_LEET[usize::from(*d)][1])
        }
        _ => sym,
    }
}

/// What the tables say about one code point.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Info<'t> {
    pub(crate) kind: Kind,
    /// Skeleton bytes of a mapped code point.
    skeleton: &'t [u8],
    /// UTF-8 of a code point that is its own skeleton.
    own: [u8; 4],
    own_len: u8,
    /// The letter (or leetspeak ambiguity marker) this code point stands for: always for a
    /// letter or digit, only when a letter follows for a symbol; 0 when none.
    pub(crate) leet: u8,
}

impl Info<'_> {
    fn new(kind: u8, skeleton: &[u8], leet: u8) -> Info<'_> {
        let kind = match kind {
            tables::KIND_LETTER | tables::KIND_MAPPED => Kind::Letter,
            tables::KIND_SEPARATOR => Kind::Separator,
            tables::KIND_MARK => Kind::Mark,
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
    pub(crate) fn bytes(&self) -> &[u8] {
        if self.own_len > 0 {
            &self.own[..usize::from(self.own_len)]
        } else {
            self.skeleton
        }
    }

    pub(crate) fn is_letter(&self) -> bool {
        self.kind == Kind::Letter || self.leet != 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Letter,
    Separator,
    Ignorable,
    Mark,
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
        let len = symbol_len(*self.0.first()?).min(self.0.len());
        let (sym, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(sym)
    }
}

/// A word boundary: a separator (hard) or a camelCase transition (soft).
///
/// Substring matches judge only hard boundaries, so that changing the case of a name
/// never changes whether a term is found in it; word-scoped matches and typo-squat words
/// use both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) enum Boundary {
    #[default]
    None,
    Soft,
    Hard,
}

/// Word and repeat state carried across code points.
#[derive(Default)]
struct Stream {
    /// The boundary that precedes the next symbol.
    boundary: Boundary,
    /// Case of the previous letter, for camelCase.
    case: Case,
    /// The previous symbol, for collapsing repeats.
    last: [u8; 4],
    last_len: u8,
    /// All symbols of the previous letter, when it had several (`m` is `rn`).
    expansion: [u8; 8],
    expansion_len: u8,
    /// Bytes pushed (not collapsed) for the current code point.
    pushed: usize,
    started: bool,
}

impl Stream {
    fn separator(&mut self) {
        self.boundary = Boundary::Hard;
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

    /// Whether `bytes`, a multi-symbol expansion, repeats the previous letter's.
    fn repeats_expansion(&self, bytes: &[u8]) -> bool {
        self.started
            && self.expansion_len > 0
            && &self.expansion[..usize::from(self.expansion_len)] == bytes
    }

    fn remember_expansion(&mut self, bytes: &[u8]) {
        if bytes.len() > 1 && bytes.len() <= self.expansion.len() {
            self.expansion[..bytes.len()].copy_from_slice(bytes);
            self.expansion_len = bytes.len() as u8;
        } else {
            self.expansion_len = 0;
        }
    }

    /// Emits the symbols of one letter. A repeat of the previous letter's whole expansion
    /// collapses like a repeated symbol (`MM` is `rnrn`, which collapses to `rn`).
    fn emit_letter<S: Sink>(
        &mut self,
        sink: &mut S,
        bytes: &[u8],
        src: Range<usize>,
        leet: bool,
    ) -> bool {
        if self.repeats_expansion(bytes) {
            self.collapse_expansion(sink, bytes.len(), src);
            return true;
        }
        self.pushed = 0;
        let mut ok = true;
        for sym in SymbolIter(bytes) {
            ok &= self.emit(sink, leet_digit(leet, sym), src.clone());
        }
        // Only an expansion pushed whole can be collapsed whole later (`ᄄ` is `ᄃᄃ`,
        // which already collapsed to one symbol).
        if self.pushed == bytes.len() {
            self.remember_expansion(bytes);
        }
        ok
    }

    /// Collapses a repeated multi-symbol expansion of `len` bytes, like `emit` does for
    /// one symbol.
    fn collapse_expansion<S: Sink>(&mut self, sink: &mut S, len: usize, src: Range<usize>) {
        if self.boundary == Boundary::None {
            sink.extend_last(src.end);
            sink.flag_last(len, MODIFIED);
        } else {
            sink.merge_across(len, src, self.boundary);
        }
        self.boundary = Boundary::None;
    }

    #[inline]
    fn repeats_last(&self, sym: &[u8]) -> bool {
        match sym {
            [b] => self.last_len == 1 && self.last[0] == *b,
            _ => &self.last[..usize::from(self.last_len)] == sym,
        }
    }

    #[inline]
    fn emit<S: Sink>(&mut self, sink: &mut S, sym: &[u8], src: Range<usize>) -> bool {
        if self.started && self.repeats_last(sym) {
            // A repeat collapses, even across a word boundary ("Pizza Azure" is
            // "pizazure"), so that a skeleton is its own skeleton. The shared symbol then
            // ends the earlier word and starts the later one.
            let len = usize::from(self.last_len);
            if self.boundary == Boundary::None {
                sink.extend_last(src.end);
                sink.flag_last(len, MODIFIED);
            } else {
                sink.merge_across(len, src, self.boundary);
            }
            self.boundary = Boundary::None;
            return true;
        }
        let boundary = if self.started {
            self.boundary
        } else {
            Boundary::Hard
        };
        self.expansion_len = 0;
        if let [b] = sym {
            self.last[0] = *b;
        } else {
            self.last[..sym.len()].copy_from_slice(sym);
        }
        self.last_len = sym.len() as u8;
        self.boundary = Boundary::None;
        self.started = true;
        self.pushed += sym.len();
        sink.push(sym, src, boundary)
    }
}

/// Per-byte flags of a skeleton. Position `len` (just past the end) has flags too.
pub(crate) const START: u8 = 1; // a word starts here
pub(crate) const END: u8 = 1 << 1; // a word ends just before here
pub(crate) const HARD_START: u8 = 1 << 2; // ... after a separator
pub(crate) const HARD_END: u8 = 1 << 3; // ... before a separator
pub(crate) const SHARED: u8 = 1 << 4; // the symbol here is shared by two words
pub(crate) const MODIFIED: u8 = 1 << 5; // the symbol here is not what was written

fn boundary_flags(boundary: Boundary) -> (u8, u8) {
    match boundary {
        Boundary::None => (0, 0),
        Boundary::Soft => (START, END),
        Boundary::Hard => (START | HARD_START, END | HARD_END),
    }
}

/// Receives skeleton symbols. The [`Skeleton`] keeps spans; the matcher's stack buffer
/// keeps only bytes and flags.
pub(crate) trait Sink {
    /// Appends one symbol that came from the original bytes `src`, after `boundary`.
    /// Returns false when the sink is full (nothing is appended).
    fn push(&mut self, sym: &[u8], src: Range<usize>, boundary: Boundary) -> bool;
    /// Extends the source span of the last symbol to `end` (a collapsed repeat, or marks
    /// that follow it).
    fn extend_last(&mut self, end: usize);
    /// The last symbol (`len` bytes) is repeated at `src` after `boundary`: it now ends the
    /// earlier word and starts the later one, and a match that starts with it starts at
    /// `src`.
    fn merge_across(&mut self, len: usize, src: Range<usize>, boundary: Boundary);
    /// Sets `flag` on the last symbol (`len` bytes).
    fn flag_last(&mut self, len: usize, flag: u8);
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
    spans: Vec<Span>,
    /// Flags of each skeleton byte, and of the end.
    flags: Vec<u8>,
}

/// Where a skeleton byte came from: where a match starting with it starts, where a match
/// ending with it ends, and everything it came from. The first two differ from the last
/// only for a symbol shared by two words (`Pizza Azure`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
    full_start: u32,
    full_end: u32,
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
        let first = self.spans[skeleton.start];
        let last = self.spans[skeleton.end - 1];
        if first.start <= last.end {
            first.start as usize..last.end as usize
        } else {
            // One symbol shared by two words: all of it.
            first.full_start as usize..last.full_end as usize
        }
    }

    /// Each skeleton character with the original byte range it came from, in order.
    pub fn chars(&self) -> impl Iterator<Item = (char, Range<usize>)> + '_ {
        self.as_str().char_indices().map(|(i, c)| {
            let s = self.spans[i];
            (c, s.full_start as usize..s.full_end as usize)
        })
    }

    /// Whether a word starts at skeleton byte `at` (always true at 0).
    pub fn is_word_start(&self, at: usize) -> bool {
        self.view().is_start(at)
    }

    /// Whether a word ends just before skeleton byte `at` (always true at the end).
    pub fn is_word_end(&self, at: usize) -> bool {
        self.view().is_end(at)
    }

    /// The skeleton byte ranges of the words of the name, in order. Words are split at
    /// separators and camelCase transitions; two words that share a collapsed letter
    /// (`Pizza Azure`) overlap by it.
    pub fn words(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.view().words()
    }

    pub(crate) fn view(&self) -> View<'_> {
        let len = self.text.len();
        View {
            bytes: &self.text,
            flags: self.flags.get(..len).unwrap_or_default(),
            end_flags: self.flags.get(len).copied().unwrap_or(0),
        }
    }
}

impl Sink for Skeleton {
    fn push(&mut self, sym: &[u8], src: Range<usize>, boundary: Boundary) -> bool {
        let (start_flags, end_flags) = boundary_flags(boundary);
        if self.flags.is_empty() {
            self.flags.push(0);
        }
        let at = self.text.len();
        self.flags[at] |= start_flags | if at > 0 { end_flags } else { 0 };
        self.text.extend_from_slice(sym);
        self.flags.resize(self.text.len() + 1, 0);
        let (start, end) = (src.start as u32, src.end as u32);
        let span = Span {
            start,
            end,
            full_start: start,
            full_end: end,
        };
        self.spans.extend(std::iter::repeat_n(span, sym.len()));
        true
    }

    fn extend_last(&mut self, end: usize) {
        let from = self.text.len() - last_symbol_len(&self.text);
        for s in &mut self.spans[from..] {
            if s.end == s.full_end {
                s.end = end as u32;
            }
            s.full_end = end as u32;
        }
    }

    fn merge_across(&mut self, len: usize, src: Range<usize>, boundary: Boundary) {
        let (start_flags, end_flags) = boundary_flags(boundary);
        let from = self.text.len() - len;
        self.flags[from] |= start_flags | SHARED;
        let end = self.text.len();
        self.flags[end] |= end_flags;
        for s in &mut self.spans[from..] {
            s.start = src.start as u32;
            s.full_end = src.end as u32;
        }
    }

    fn flag_last(&mut self, len: usize, flag: u8) {
        let at = self.text.len() - len;
        self.flags[at] |= flag;
    }
}

fn last_symbol_len(text: &[u8]) -> usize {
    let mut n = 1;
    while n < text.len() && n < 4 && (text[text.len() - n] & 0xC0) == 0x80 {
        n += 1;
    }
    n.min(text.len())
}

/// A skeleton without spans, on the stack, for the allocation-free hot path. `N` bytes of
/// skeleton fit; pushing more fails.
pub(crate) struct StackSkeleton<const N: usize> {
    bytes: [u8; N],
    flags: [u8; N],
    end_flags: u8,
    len: usize,
}

impl<const N: usize> StackSkeleton<N> {
    pub(crate) fn new() -> StackSkeleton<N> {
        StackSkeleton {
            bytes: [0; N],
            flags: [0; N],
            end_flags: 0,
            len: 0,
        }
    }

    pub(crate) fn view(&self) -> View<'_> {
        View {
            bytes: &self.bytes[..self.len],
            flags: &self.flags[..self.len],
            end_flags: self.end_flags,
        }
    }

    #[inline]
    fn set(&mut self, at: usize, flag: u8) {
        if at < self.len {
            self.flags[at] |= flag;
        } else {
            self.end_flags |= flag;
        }
    }
}

impl<const N: usize> Sink for StackSkeleton<N> {
    #[inline]
    fn push(&mut self, sym: &[u8], _src: Range<usize>, boundary: Boundary) -> bool {
        let end = self.len + sym.len();
        if end > N {
            return false;
        }
        let (start_flags, end_flags) = boundary_flags(boundary);
        let at = self.len;
        self.flags[at] = self.end_flags | start_flags | if at > 0 { end_flags } else { 0 };
        self.end_flags = 0;
        // Most symbols are one ASCII byte: no memcpy call for them.
        if let [b] = sym {
            self.bytes[at] = *b;
        } else {
            self.flags[at + 1..end].fill(0);
            self.bytes[at..end].copy_from_slice(sym);
        }
        self.len = end;
        true
    }

    #[inline]
    fn extend_last(&mut self, _end: usize) {}

    #[inline]
    fn merge_across(&mut self, len: usize, _src: Range<usize>, boundary: Boundary) {
        let (start_flags, end_flags) = boundary_flags(boundary);
        self.set(self.len - len, start_flags | SHARED);
        self.set(self.len, end_flags);
    }

    #[inline]
    fn flag_last(&mut self, len: usize, flag: u8) {
        self.set(self.len - len, flag);
    }
}

/// Borrowed skeleton bytes and flags: what the matcher needs.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub(crate) bytes: &'a [u8],
    /// Flags of each byte.
    flags: &'a [u8],
    /// Flags of the position just past the end.
    end_flags: u8,
}

impl<'a> View<'a> {
    #[inline]
    pub(crate) fn flag(&self, at: usize, flag: u8) -> bool {
        let flags = match self.flags.get(at) {
            Some(f) => *f,
            None if at == self.bytes.len() => self.end_flags,
            None => 0,
        };
        flags & flag != 0
    }

    /// Whether a word starts at byte `at`.
    #[inline]
    pub(crate) fn is_start(&self, at: usize) -> bool {
        at == 0 || self.flag(at, START)
    }

    /// Whether a word ends just before byte `at`.
    #[inline]
    pub(crate) fn is_end(&self, at: usize) -> bool {
        at >= self.bytes.len() || self.flag(at, END)
    }

    /// Whether a separator (not a mere camelCase transition) precedes byte `at`.
    #[inline]
    pub(crate) fn is_hard_start(&self, at: usize) -> bool {
        at == 0 || self.flag(at, HARD_START)
    }

    /// Whether a separator follows the byte before `at`.
    #[inline]
    pub(crate) fn is_hard_end(&self, at: usize) -> bool {
        at >= self.bytes.len() || self.flag(at, HARD_END)
    }

    /// Positions strictly inside `start..end` where a separator starts or ends a word.
    #[inline]
    pub(crate) fn hard_boundaries_inside(
        &self,
        start: usize,
        end: usize,
    ) -> impl DoubleEndedIterator<Item = usize> + '_ {
        (start + 1..end).filter(|&i| self.flag(i, HARD_START | HARD_END))
    }

    /// Whether any symbol in `range` is not what was written (a collapsed repeat or
    /// decoded leetspeak), or `range` spans a symbol shared by two of its words (so that
    /// it misses a letter).
    #[inline]
    pub(crate) fn any_modified(&self, range: Range<usize>) -> bool {
        let (start, end) = (range.start, range.end);
        range
            .into_iter()
            .any(|i| self.flag(i, MODIFIED) || (i > start && i + 1 < end && self.flag(i, SHARED)))
    }

    /// The byte ranges of the words, in order. Words that share a collapsed symbol
    /// (`Pizza Azure`) overlap by that symbol.
    pub(crate) fn words(self) -> impl Iterator<Item = Range<usize>> + 'a {
        let len = self.bytes.len();
        let mut start = 0;
        std::iter::from_fn(move || {
            if start >= len {
                return None;
            }
            // A word that starts with a shared symbol does not end where the previous
            // word does, right after that symbol.
            let mut end = start + 1;
            if self.flag(start, SHARED) {
                end = start + symbol_len(self.bytes[start]);
                if end < len {
                    end += 1;
                }
            }
            while !self.is_end(end) {
                end += 1;
            }
            let word = start..end.min(len);
            start += 1;
            while start < len && !self.is_start(start) {
                start += 1;
            }
            Some(word)
        })
    }
}

/// The byte length of the UTF-8 sequence (or marker byte) that starts with `lead`.
fn symbol_len(lead: u8) -> usize {
    match lead {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path reads the same facts from its tables as the general path reads
    /// from `RANGES` and `LEET`, for every ASCII byte and both leetspeak settings. The rest
    /// of the pipeline is shared, so the two paths agree on every ASCII string.
    #[test]
    fn ascii_fast_path_agrees_with_general_path_on_every_byte() {
        for normalizer in [Normalizer::new(), Normalizer::new().leet(false)] {
            for b in 0u8..0x80 {
                let fast = normalizer.ascii_info(b);
                let general = normalizer.general_info(char::from(b));
                assert_eq!(fast.kind, general.kind, "{b:#x}");
                assert_eq!(fast.bytes(), general.bytes(), "{b:#x}");
                assert_eq!(fast.leet, general.leet, "{b:#x}");
            }
        }
    }

    #[test]
    fn block_index_finds_the_same_range_as_a_full_search() {
        for cp in (0..0x11_0000u32)
            .step_by(7)
            .chain([0, 0xFF, 0x100, 0xFFFF, 0x10_FFFF])
        {
            let full = tables::RANGES.partition_point(|r| r.0 <= cp) - 1;
            assert_eq!(range_index(cp), full, "U+{cp:04X}");
        }
    }

    #[test]
    fn ranges_cover_every_code_point_in_order() {
        assert_eq!(tables::RANGES[0].0, 0);
        assert!(tables::RANGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tables::LEET.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn identity_letters_are_their_own_skeleton() {
        let sk = normalize("株式会社");
        assert_eq!(sk.as_str(), "株式会社");
        assert_eq!(sk.source_span(3..6), 3..6);
    }

    #[test]
    fn words_split_on_separators_and_camel_case() {
        let sk = normalize("XMLParser my-App");
        let words: Vec<&str> = sk.words().map(|r| &sk.as_str()[r]).collect();
        assert_eq!(words, ["xrni", "parser", "rny", "ap"]);
    }

    #[test]
    fn a_repeat_shared_by_two_words_belongs_to_both() {
        let sk = normalize("Pizza Azure");
        assert_eq!(sk.as_str(), "pizazure");
        let words: Vec<&str> = sk.words().map(|r| &sk.as_str()[r]).collect();
        assert_eq!(words, ["piza", "azure"]);
        assert_eq!(sk.source_span(3..8), 6..11);
        assert_eq!(sk.source_span(0..4), 0..5);
    }

    #[test]
    fn marks_extend_the_letter_before_them_but_invisibles_do_not() {
        let sk = normalize("e\u{301}\u{200B}");
        assert_eq!(sk.as_str(), "e");
        assert_eq!(sk.source_span(0..1), 0..3);
    }

    /// Regression, found by fuzzing: `ᄄ` expands to two equal symbols that collapse to
    /// one, and a second `ᄄ` after a separator tried to merge both.
    #[test]
    fn an_expansion_that_collapsed_itself_is_not_merged_whole() {
        let sk = normalize("ᄄ\u{1d}ᄄ\u{1d}");
        assert_eq!(normalize(sk.as_str()).as_str(), sk.as_str());
        let sk = normalize("MM icrosoft");
        assert_eq!(sk.as_str(), "rnicrosoft");
    }

    #[test]
    fn leet_symbols_need_a_following_letter() {
        assert_eq!(normalize("Yahoo!").as_str(), "yaho");
        assert_eq!(normalize("M!cro").as_str(), "rnicro");
        assert_eq!(
            Normalizer::new().leet(false).normalize("M!cro").as_str(),
            "rncro"
        );
        // `|` looks like `l` per UTS #39, with or without leetspeak.
        assert_eq!(
            Normalizer::new().leet(false).normalize("M|cro").as_str(),
            "rnicro"
        );
    }
}
