//! What the reader's symbols are recorded in: the [`Skeleton`] with spans, a stack buffer
//! without them, and the borrowed [`View`] the matcher reads either through, with the one
//! definition of a word.
//!
//! A skeleton's flags (word starts and ends, shared and modified symbols) are kept as
//! bitsets, one bit per skeleton position (and one for the position just past the end),
//! so that the next word boundary or a modified symbol in a run is a few bit operations
//! away.

use std::ops::Range;

use super::{
    boundary_flags, Boundary, How, Sink, Symbol, END, HARD_END, HARD_START, MODIFIED, REPEATED,
    SHARED, START, TURNED,
};

/// How many flags a position has (each flag constant is one bit of a `u8`).
const KINDS: usize = 8;

/// The flags of 64 positions: bit `p % 64` of word `k` is flag `1 << k` of position `p`.
pub(crate) type Block = [u64; KINDS];

/// Sets `flags` (a mask of flag bits) on position `at` of `blocks`.
#[inline(always)]
fn set(blocks: &mut [Block], at: usize, flags: u8) {
    if flags == 0 {
        return;
    }
    let block = &mut blocks[at >> 6];
    let bit = 1u64 << (at & 63);
    for (k, word) in block.iter_mut().enumerate() {
        if flags & (1 << k) != 0 {
            *word |= bit;
        }
    }
}

/// The matching skeleton of a name, with a map back to the original.
///
/// Produced by [`normalize`](crate::normalize) or
/// [`Normalizer::normalize`](crate::Normalizer::normalize). Every skeleton byte knows the
/// byte range of the original name it came from; a symbol produced by several original
/// characters (a collapsed repeat) spans all of them.
#[derive(Clone, Debug, Default)]
pub struct Skeleton {
    text: Vec<u8>,
    /// Source span of each skeleton byte.
    spans: Vec<Span>,
    /// Flags of each skeleton byte, and of the end.
    flags: Vec<Block>,
    /// How the reader read the name, by original byte range in order: the record that
    /// explains a disguise.
    notes: Vec<Note>,
}

/// How the reader read the original bytes `start..end`.
#[derive(Clone, Copy, Debug)]
struct Note {
    start: u32,
    end: u32,
    how: How,
}

impl PartialEq for Skeleton {
    /// Skeletons are equal when their text, spans and flags are: the flags of positions up
    /// to the length (storage past it is always clear).
    fn eq(&self, other: &Skeleton) -> bool {
        let blocks = self.text.len() / 64 + 1;
        let flags = |s: &Skeleton, i: usize| s.flags.get(i).copied().unwrap_or_default();
        self.text == other.text
            && self.spans == other.spans
            && (0..blocks).all(|i| flags(self, i) == flags(other, i))
    }
}

impl Eq for Skeleton {}

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
    pub(crate) fn with_capacity(cap: usize) -> Skeleton {
        Skeleton {
            text: Vec::with_capacity(cap),
            spans: Vec::with_capacity(cap),
            flags: vec![Block::default(); cap / 64 + 1],
            notes: Vec::with_capacity(cap),
        }
    }

    /// How the reader read the character of the original name at byte `at`, in the
    /// reading this skeleton is of.
    pub(crate) fn how_at(&self, at: usize) -> Option<How> {
        self.note_at(at).map(|(_, how)| how)
    }

    /// How the reader read the original text at byte `at`, with all the text it read
    /// so at once (a run such as `|\/|` is one letter).
    pub(crate) fn note_at(&self, at: usize) -> Option<(Range<usize>, How)> {
        let at = u32::try_from(at).ok()?;
        let k = self
            .notes
            .partition_point(|n| n.start <= at)
            .checked_sub(1)?;
        let note = self.notes[k];
        (at < note.end).then_some((note.start as usize..note.end as usize, note.how))
    }

    /// The skeleton text: lowercase prototypes of letters and digits, separators removed.
    pub fn as_str(&self) -> &str {
        // Symbols are pushed whole and are valid UTF-8.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The skeleton text's bytes, without the UTF-8 check of [`as_str`](Skeleton::as_str),
    /// which reads the whole text: for the pipeline's look at one hit of many.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.text
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

    /// Everything of the original name that skeleton byte `at` came from.
    pub(crate) fn full_span_at(&self, at: usize) -> Range<usize> {
        let s = self.spans[at];
        s.full_start as usize..s.full_end as usize
    }

    /// Whether the symbol at skeleton byte `at` stands for a letter written twice or
    /// more (a collapsed repeat).
    pub(crate) fn is_repeat(&self, at: usize) -> bool {
        self.view().is_repeat(at)
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

    /// How many bytes the first `n` characters of the original give the skeleton.
    pub(crate) fn leading_characters_len(&self, n: usize) -> usize {
        let mut characters = 0;
        let mut last = None;
        for (i, s) in self.spans.iter().enumerate() {
            if last != Some((s.full_start, s.full_end)) {
                if characters == n {
                    return i;
                }
                characters += 1;
                last = Some((s.full_start, s.full_end));
            }
        }
        self.text.len()
    }

    pub(crate) fn view(&self) -> View<'_> {
        View {
            bytes: &self.text,
            flags: &self.flags,
        }
    }

    /// Makes room for the flags of positions up to `end`.
    fn reserve_flags(&mut self, end: usize) {
        if end >> 6 >= self.flags.len() {
            self.flags.resize((end >> 6) + 1, Block::default());
        }
    }
}

impl Sink for Skeleton {
    fn push(&mut self, sym: Symbol, src: Range<usize>, boundary: Boundary) -> bool {
        let sym = &sym.to_bytes()[..sym.len()];
        let (start_flags, end_flags) = boundary_flags(boundary);
        let at = self.text.len();
        self.reserve_flags(at + sym.len());
        set(
            &mut self.flags,
            at,
            start_flags | if at > 0 { end_flags } else { 0 },
        );
        self.text.extend_from_slice(sym);
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
        set(&mut self.flags, from, start_flags | SHARED);
        set(&mut self.flags, self.text.len(), end_flags);
        for s in &mut self.spans[from..] {
            s.start = src.start as u32;
            s.full_end = src.end as u32;
        }
    }

    fn flag_last(&mut self, len: usize, flag: u8) {
        let at = self.text.len() - len;
        set(&mut self.flags, at, flag);
    }

    fn note(&mut self, src: Range<usize>, how: How) {
        self.notes.push(Note {
            start: src.start as u32,
            end: src.end as u32,
            how,
        });
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
/// skeleton fit, with the flags of their positions in `B` blocks (`B` is `N / 64 + 1`);
/// pushing more fails.
pub(crate) struct StackSkeleton<const N: usize, const B: usize> {
    bytes: [u8; N],
    flags: [Block; B],
    len: usize,
}

impl<const N: usize, const B: usize> StackSkeleton<N, B> {
    #[inline(always)]
    pub(crate) fn new() -> StackSkeleton<N, B> {
        const { assert!(B == N / 64 + 1) };
        StackSkeleton {
            bytes: [0; N],
            flags: [Block::default(); B],
            len: 0,
        }
    }

    #[inline(always)]
    pub(crate) fn view(&self) -> View<'_> {
        View {
            bytes: &self.bytes[..self.len],
            flags: &self.flags,
        }
    }

    /// The skeleton's length so far.
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

impl<const N: usize, const B: usize> Sink for StackSkeleton<N, B> {
    #[inline(always)]
    fn push(&mut self, sym: Symbol, _src: Range<usize>, boundary: Boundary) -> bool {
        let at = self.len;
        let len = sym.len();
        let end = at + len;
        if end > N {
            return false;
        }
        if boundary != Boundary::None {
            let (start_flags, end_flags) = boundary_flags(boundary);
            set(
                &mut self.flags,
                at,
                start_flags | if at > 0 { end_flags } else { 0 },
            );
        }
        // Most symbols are one ASCII byte: no memcpy call for them.
        if len == 1 {
            self.bytes[at] = sym.first_byte();
        } else {
            self.bytes[at..end].copy_from_slice(&sym.to_bytes()[..len]);
        }
        self.len = end;
        true
    }

    #[inline(always)]
    fn extend_last(&mut self, _end: usize) {}

    #[inline]
    fn merge_across(&mut self, len: usize, _src: Range<usize>, boundary: Boundary) {
        let (start_flags, end_flags) = boundary_flags(boundary);
        set(&mut self.flags, self.len - len, start_flags | SHARED);
        set(&mut self.flags, self.len, end_flags);
    }

    #[inline(always)]
    fn flag_last(&mut self, len: usize, flag: u8) {
        set(&mut self.flags, self.len - len, flag);
    }
}

/// Borrowed skeleton bytes and flags: what the matcher needs.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub(crate) bytes: &'a [u8],
    /// The flags of every position up to the length (and perhaps beyond, all clear).
    flags: &'a [Block],
}

impl<'a> View<'a> {
    /// The view of `bytes` with the flags of their positions in `flags` (bit `p % 64` of
    /// word `k` of block `p / 64` is flag `1 << k` of position `p`).
    pub(crate) fn new(bytes: &'a [u8], flags: &'a [Block]) -> View<'a> {
        View { bytes, flags }
    }

    /// Whether position `at` has `flag` (one flag bit).
    #[inline(always)]
    fn flag(&self, at: usize, flag: u8) -> bool {
        let k = flag.trailing_zeros() as usize;
        self.flags
            .get(at >> 6)
            .is_some_and(|b| b[k] >> (at & 63) & 1 != 0)
    }

    /// The first position in `from..to` with `flag` (one flag bit).
    #[inline]
    fn next_with(&self, flag: u8, from: usize, to: usize) -> Option<usize> {
        let k = flag.trailing_zeros() as usize;
        let mut at = from;
        while at < to {
            let word = self.flags.get(at >> 6)?[k] >> (at & 63);
            if word != 0 {
                let found = at + word.trailing_zeros() as usize;
                return (found < to).then_some(found);
            }
            at = (at | 63) + 1;
        }
        None
    }

    /// Whether the symbol at byte `at` stands for a collapsed repeat.
    pub(crate) fn is_repeat(&self, at: usize) -> bool {
        self.flag(at, REPEATED)
    }

    /// Whether a word starts at byte `at`.
    #[inline]
    pub(crate) fn is_start(&self, at: usize) -> bool {
        at == 0 || self.flag(at, START)
    }

    /// Whether a word starts at byte `at` after a separator (or the name starts there):
    /// a start that no change of case moves.
    #[inline]
    pub(crate) fn is_hard_start(&self, at: usize) -> bool {
        at == 0 || self.flag(at, HARD_START)
    }

    /// Whether a word ends just before byte `at`.
    #[inline]
    pub(crate) fn is_end(&self, at: usize) -> bool {
        at >= self.bytes.len() || self.flag(at, END)
    }

    /// Positions strictly inside `start..end` where a separator starts or ends a word.
    #[inline]
    pub(crate) fn hard_boundaries_inside(
        &self,
        start: usize,
        end: usize,
    ) -> impl DoubleEndedIterator<Item = usize> + '_ {
        (start + 1..end).filter(|&i| self.flag(i, HARD_START) || self.flag(i, HARD_END))
    }

    /// Positions strictly inside `start..end` where a separator ends a word: where the
    /// text is broken (a word ending in a symbol the next word shares ends after it).
    /// A phrase that starts with such a symbol (`Azur` in `Villa Azur`, `villazur`) starts
    /// the later word: the end of the earlier word after that symbol breaks nothing of it.
    #[inline]
    pub(crate) fn breaks_inside(
        &self,
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = usize> + '_ {
        let earlier_end = self.flag(start, SHARED).then(|| self.shared_end(start));
        (start + 1..end).filter(move |&i| self.flag(i, HARD_END) && Some(i) != earlier_end)
    }

    /// Whether at least `n` symbols in `range` are letters read as turned upside down
    /// (`ɐ` as `a`).
    #[inline]
    pub(crate) fn turned_at_least(&self, range: Range<usize>, n: usize) -> bool {
        let mut from = range.start;
        for _ in 0..n {
            match self.next_with(TURNED, from, range.end) {
                Some(at) => from = at + 1,
                None => return false,
            }
        }
        true
    }

    /// Where `range` holds decoded leetspeak: the positions of its letters not written as
    /// such, as bits counted from its start, and of a repeat by another letter (`il` is
    /// `i`, `ée` is `e`), which is not what was written either. `None` when such a
    /// symbol lies past its first 64 bytes.
    #[inline]
    pub(crate) fn decoded(&self, range: Range<usize>) -> Option<u64> {
        let (start, end) = (range.start, range.end);
        let mut mask = 0;
        let mut from = start;
        while let Some(at) = self.next_with(MODIFIED, from, end) {
            let len = super::reader::symbol_len(self.bytes[at]);
            if at + len - start > 64 {
                return None;
            }
            mask |= (u64::MAX >> (64 - len)) << (at - start);
            from = at + len;
        }
        Some(mask)
    }

    /// The symbols in `range` shared by two of its words (so that it misses a letter):
    /// where the first is, and how many there are.
    #[inline]
    pub(crate) fn joined_inside(&self, range: Range<usize>) -> (Option<usize>, usize) {
        let end = range.end;
        let (mut first, mut count) = (None, 0);
        // A shared symbol (one byte, or a whole expansion such as `rn`) may start the
        // range or end it; one that ends a word inside the range joins two of its words.
        let mut from = range.start + 1;
        while let Some(at) = self.next_with(SHARED, from, end) {
            if self.shared_end(at) != end {
                first = first.or(Some(at));
                count += 1;
            }
            from = at + 1;
        }
        (first, count)
    }

    /// Whether some word in `range` has all its positions in `mask` (bits counted from
    /// the start of `range`).
    pub(crate) fn any_word_in(&self, range: Range<usize>, mask: u64) -> bool {
        let mut start = range.start;
        while start < range.end {
            let end = self
                .next_with(END, start + 1, range.end)
                .unwrap_or(range.end);
            let (off, n) = (start - range.start, end - start);
            if off + n <= 64 {
                let word = (u64::MAX >> (64 - n)) << off;
                if mask & word == word {
                    return true;
                }
            }
            start = self.next_with(START, end, range.end).unwrap_or(range.end);
        }
        false
    }

    /// The letter that the word at `range` is, when it is one: one symbol, or the two of
    /// `m` (`rn`). A letter spelt out twice (`o-o`) is one symbol that two words share:
    /// the later word starts with it and ends where the next does, and is that letter
    /// when the next word starts right after it.
    #[inline]
    pub(crate) fn one_letter(&self, range: Range<usize>) -> Option<Range<usize>> {
        let bytes = &self.bytes[range.clone()];
        let len = match bytes {
            [b'r', b'n', ..] => 2,
            [b, ..] => super::reader::symbol_len(*b),
            [] => return None,
        };
        let letter = range.start..range.start + len;
        let shared = || self.flag(range.start, SHARED) && self.flag(letter.end, START);
        (len == bytes.len() || shared()).then_some(letter)
    }

    /// The collapsed repeats inside a word in `range`: where the first one is (the
    /// position of the symbol that stands for the repeat), and how many there are.
    #[inline]
    pub(crate) fn repeats(&self, range: Range<usize>) -> (Option<usize>, usize) {
        let Some(first) = self.next_with(REPEATED, range.start, range.end) else {
            return (None, 0);
        };
        let mut count = 1;
        let mut from = first + 1;
        while let Some(at) = self.next_with(REPEATED, from, range.end) {
            count += 1;
            from = at + 1;
        }
        (Some(first), count)
    }

    /// How many of the positions `mask` (bits, counted from `start`) of the match at
    /// `start..end` hold no repeat: a symbol that stands for a letter written twice or
    /// more, or one that two words share with more of the match after it (`Go-ogle`; in
    /// `Del Lamp` the shared `l` ends a match of `dell`). A term's doubled letter matches
    /// only a repeat.
    pub(crate) fn missing_repeats(&self, start: usize, end: usize, mut mask: u64) -> u32 {
        let mut missing = 0;
        while mask != 0 {
            let at = start + mask.trailing_zeros() as usize;
            let shared_inside =
                self.flag(at, SHARED) && at + super::reader::symbol_len(self.bytes[at]) < end;
            missing += u32::from(!self.flag(at, REPEATED) && !shared_inside);
            mask &= mask - 1;
        }
        missing
    }

    /// The positions below 64 that stand for a collapsed repeat, as bits.
    pub(crate) fn repeat_mask(&self) -> u64 {
        let mut mask = 0;
        let mut from = 0;
        while let Some(at) = self.next_with(REPEATED, from, self.bytes.len().min(64)) {
            mask |= 1 << at;
            from = at + 1;
        }
        mask
    }

    /// Where the shared symbol that starts at `at` ends: at the end of the earlier of the
    /// two words that share it, the first end after it.
    #[inline]
    fn shared_end(&self, at: usize) -> usize {
        let len = self.bytes.len();
        self.next_with(END, at + 1, len + 1).unwrap_or(len)
    }

    /// The byte ranges of the words, in order (see [`Words`]).
    pub(crate) fn words(self) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut words = Words::default();
        std::iter::from_fn(move || words.next(self, self.bytes.len()))
    }
}

/// The words of a skeleton, found from its flags: the one definition of a word, for the
/// pipeline (over a whole skeleton) and the prefilter's pass (as the skeleton grows).
///
/// A word runs from a start (a boundary before it) to the next end. Words that share a
/// collapsed symbol (`Pizza Azure`) overlap by that symbol: the earlier one ends after
/// it, and the later one, which starts with it, does not end right there, unless a word
/// starts after it (then the later word is that symbol alone: `ser RNy`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Words {
    /// Where to look for the next word's start from.
    start: usize,
}

impl Words {
    /// The words from the first that starts at `at` or after.
    pub(crate) fn from(at: usize) -> Words {
        Words { start: at }
    }

    /// The next word of `view`, if its extent is final. `settled` is the length of a whole
    /// skeleton, or, for one that is still growing, where its last symbol starts: the
    /// flags before it are final, and so is the end flag at it (a later repeat may still
    /// make that symbol start a word).
    #[inline]
    pub(crate) fn next(&mut self, view: View<'_>, settled: usize) -> Option<Range<usize>> {
        let len = view.bytes.len();
        let whole = settled >= len;
        let start = if self.start == 0 {
            0
        } else {
            view.next_with(START, self.start, settled)?
        };
        if start >= settled {
            self.start = start;
            return None;
        }
        // A word that starts with a shared symbol does not end where the previous word
        // does, right after that symbol, unless another word starts there: then it is
        // that symbol alone (`ser RNy` is `ser`, `r`, `ny`, the `R` a word that the `r`
        // of `ser` repeats).
        let mut from = start + 1;
        if view.flag(start, SHARED) {
            let after = view.shared_end(start);
            if !whole && after >= settled {
                self.start = start;
                return None;
            }
            let alone = after < len && view.flag(after, START) && !view.flag(after, SHARED);
            if !alone {
                from = (after + 1).min(len);
            }
        }
        let end = view.next_with(END, from, len).unwrap_or(len);
        // An end before the last symbol, or at it, is final; one after it only when the
        // skeleton is whole, or a shared symbol put it there.
        let known = if end < len {
            end <= settled
        } else {
            whole || view.flag(len, END)
        };
        if !known {
            self.start = start;
            return None;
        }
        self.start = start + 1;
        Some(start..end.min(len))
    }
}
