//! The reader: the one state machine that turns a name into skeleton symbols.
//!
//! Every reading rule is written here, once, and every consumer of a skeleton (the
//! recorded [`Skeleton`](super::Skeleton) of `check`, the stack buffer of `is_allowed`, the
//! prefilter's pass) receives the same symbols through a [`Sink`]:
//!
//! - [`Class`]: what the tables say a code point is (a letter with its skeleton symbols, a
//!   separator, a combining mark, an ignorable), with the ASCII bytes read from their own
//!   tables;
//! - leetspeak: a digit or symbol (`$`, `@`) stands for its letter or is a separator, a
//!   choice point of the [readings](super::readings) (the letter first for a digit, and
//!   for a symbol that a letter follows); one that stands for two letters (`6`: `b` or
//!   `g`) is a choice between them; a digit inside a skeleton (Cyrillic `З` is `3`)
//!   stands for its letter too;
//! - camelCase: `aB`, and the `C` of `ABCdef`, start words (a soft boundary);
//! - combining marks belong to the letter before them, so spans cover a Zalgo stack whole;
//! - repeats: a symbol equal to the previous one collapses into it, even across a word
//!   boundary (`Pizza Azure` shares its `a`), and so does a repeat of a letter's whole
//!   expansion (`MM` is `rnrn`, which collapses to `rn`).

use std::ops::Range;

use super::readings::{Choices, SEPARATOR};
use super::{Boundary, Normalizer};
use crate::tables::{self, Kind};

/// What a code point is to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A letter or digit: its skeleton symbols.
    Letter,
    /// A space, punctuation mark or symbol: a word boundary (or leetspeak for a letter).
    Separator,
    /// A default-ignorable code point: nothing at all.
    Ignorable,
    /// A combining mark: part of the letter before it.
    Mark,
}

/// What the tables say about one code point.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Info<'t> {
    pub(crate) class: Class,
    /// Skeleton bytes of a mapped code point.
    skeleton: &'t [u8],
    /// UTF-8 of a code point that is its own skeleton.
    own: [u8; 4],
    own_len: u8,
    /// The one or two letters this code point stands for as leetspeak (the second 0 when
    /// there is one), or else a separator (see [`Normalizer::leet`](super::Normalizer::leet)).
    /// `[0, 0]` when none.
    pub(crate) leet: [u8; 2],
    /// The skeleton of the letter a person may also read this letter as (`ſ` is `s`, and
    /// looks like `f`; `ɯ` turned is `m`, `rn`), zero-padded: a choice point after its
    /// own skeleton; zeros when none.
    pub(crate) also: [u8; 2],
    /// Whether `also` is the letter it is turned from, as upside-down text writes it.
    pub(crate) also_turned: bool,
}

impl Info<'_> {
    fn new(kind: Kind, skeleton: &[u8], leet: [u8; 2]) -> Info<'_> {
        let class = match kind {
            Kind::Letter | Kind::Mapped => Class::Letter,
            Kind::Separator => Class::Separator,
            Kind::Mark => Class::Mark,
            Kind::Ignorable => Class::Ignorable,
        };
        Info {
            class,
            skeleton,
            own: [0; 4],
            own_len: 0,
            leet,
            also: [0; 2],
            also_turned: false,
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

    /// Whether it reads as a letter (a letter or digit, or a leetspeak symbol before a
    /// letter).
    pub(crate) fn is_letter(&self) -> bool {
        self.class == Class::Letter || self.leet[0] != 0
    }
}

impl Normalizer {
    /// What the ASCII tables say about the byte `b`.
    #[inline]
    pub(crate) fn ascii_info(&self, b: u8) -> Info<'static> {
        let i = usize::from(b & 0x7F);
        let (off, on) = tables::ASCII_LEET[i];
        let leet = if self.leet { on } else { [off, 0] };
        let sk = &tables::ASCII_SKELETON[i];
        let len = if sk[0] == 0 {
            0
        } else if sk[1] == 0 {
            1
        } else {
            2
        };
        Info::new(tables::ASCII_KIND[i], &sk[..len], leet)
    }

    /// What the general tables say about `c`.
    pub(crate) fn general_info(&self, c: char) -> Info<'static> {
        let cp = c as u32;
        let (_, kind, off, len) = tables::RANGES[range_index(cp)];
        let skeleton: &'static [u8] = match kind {
            Kind::Mapped => &tables::POOL.as_bytes()[off as usize..off as usize + usize::from(len)],
            _ => &[],
        };
        let leet = tables::LEET
            .binary_search_by_key(&cp, |e| e.0)
            .map_or([0; 2], |k| {
                let (_, off, on) = tables::LEET[k];
                if self.leet {
                    on
                } else {
                    [off, 0]
                }
            });
        let mut info = Info::new(kind, skeleton, leet);
        if matches!(kind, Kind::Letter | Kind::Mapped) {
            match second_reading(cp) {
                Some((_, crate::verdict::ReadingKind::Leetspeak)) if !self.leet => {}
                Some((letter, why)) => {
                    info.also = letter;
                    info.also_turned = why == crate::verdict::ReadingKind::UpsideDown;
                }
                None => {}
            }
        }
        if kind == Kind::Letter {
            // Identity letters are not in the pool: the code point is its own skeleton.
            info.own_len = c.encode_utf8(&mut info.own).len() as u8;
        }
        info
    }

    /// Classifies the code point at byte `i` of `name` (a char boundary); with its length.
    #[inline]
    fn info_at(&self, name: &str, i: usize) -> (Info<'static>, usize) {
        let b = name.as_bytes()[i];
        if b < 0x80 && self.ascii_fast_path {
            return (self.ascii_info(b), 1);
        }
        let c = name[i..].chars().next().unwrap_or('\u{FFFD}');
        (self.general_info(c), c.len_utf8())
    }

    /// A multi-character leetspeak letter at byte `i` (`|\/|` is `m`, `ph` is `f`), if
    /// the reading takes one: each form that matches there (longest first) is a choice
    /// point between the form and reading on character by character. A form of symbols
    /// only is taken first when a letter is next to it; a form that holds letters or digits
    /// (`ph`, `vv`, `12`) is read as written first. Returns where reading goes on
    /// (`usize::MAX` when the sink is full), or `None` to read the character at `i` on its
    /// own.
    #[inline(never)]
    fn multi_leet<S: Sink>(
        &self,
        name: &str,
        i: usize,
        stream: &mut Stream,
        choices: &mut Choices,
        sink: &mut S,
    ) -> Option<usize> {
        // The run as written, in ASCII or fullwidth forms (`（）`), or a mix, in any case.
        let matches = |run: &[u8]| {
            let mut at = i;
            for &want in run {
                let (b, len) = ascii_form(name, at)?;
                if b.to_ascii_lowercase() != want {
                    return None;
                }
                at += len;
            }
            Some(at)
        };
        if choices.is_plain() {
            return None;
        }
        // Only the runs whose first two bytes are these (in fullwidth forms too) can match.
        let (first, len) = ascii_form(name, i)?;
        let (second, _) = ascii_form(name, i + len)?;
        let mut candidates = MULTI_BY_BYTE[0][usize::from(first.to_ascii_lowercase() & 0x7F)]
            & MULTI_BY_BYTE[1][usize::from(second.to_ascii_lowercase() & 0x7F)];
        while candidates != 0 {
            let (run, letter) = tables::MULTI_LEET[candidates.trailing_zeros() as usize];
            candidates &= candidates - 1;
            let Some(next) = matches(run) else { continue };
            if !choices.matters(letter) {
                continue;
            }
            let symbols_only = run.iter().all(|b| !b.is_ascii_alphanumeric());
            let form_first = symbols_only
                && (stream.boundary == Boundary::None || self.letter_follows(name, next));
            // Read as its letter where the pick says, and a run of symbols always in the
            // lettered reading (a run of letters, `ph`, is read there as it is first).
            if choices.branch() == form_first && !(choices.is_lettered() && symbols_only) {
                if symbols_only {
                    choices.run_unlettered();
                }
                continue;
            }
            stream.letter_at = NO_LETTER;
            // Not a letter as written: no doubled letter with its neighbours.
            stream.written(u32::MAX - 1);
            let info = self.ascii_info(letter);
            let skeleton = info.bytes();
            let ok = stream.emit_letter(sink, skeleton, i..next, Symbol::of);
            if ok {
                sink.flag_last(skeleton.len(), super::MODIFIED);
                sink.note(i..next, How::Leet);
            }
            stream.case = Case::None;
            return Some(if ok { next } else { usize::MAX });
        }
        None
    }

    /// A digit or symbol that leetspeak reads as `letters` (one letter, or a choice of
    /// two): a choice point between the letter and a separator (the letter first for a
    /// digit and for a symbol before a letter), and one between the two letters.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn emit_symbol<S: Sink>(
        &self,
        name: &str,
        stream: &mut Stream,
        sink: &mut S,
        choices: &mut Choices,
        letters: [u8; 2],
        kind: Leet,
        src: Range<usize>,
    ) -> bool {
        let letter_first = kind != Leet::SymbolBeforeOther;
        // A digit (read as its letter first) is also read as a separator only beside a
        // letter: a digit among digits (`2023`), or letter-spaced (`M 1 c r 0`), is read
        // as its letter, without a choice. A symbol is read both ways wherever it stands.
        let digit = kind == Leet::Digit;
        let beside_letter = !digit
            || stream.letter_at != NO_LETTER && is_alphabetic_at(name, stream.letter_at)
            || self.alphabetic_follows(name, src.end);
        // A digit of two letters (`6`: b or g) is two choice points, both met in every
        // reading (so that every reading meets the same points in the same order): the
        // letters' first or a separator, then which letter.
        let (letters, second) = match letters {
            [first, second] if second != 0 && beside_letter => ([first, 0], Some(second)),
            _ => (letters, None),
        };
        let alternatives = match letters {
            [letter, 0] if !beside_letter => [letter, 0],
            [letter, 0] if letter_first => [letter, SEPARATOR],
            [letter, 0] => [SEPARATOR, letter],
            two => two,
        };
        let mut picked = choices.pick(alternatives);
        if let Some(second) = second {
            let letter = choices.pick([letters[0], second]);
            if picked != SEPARATOR {
                picked = letter;
            }
        }
        match picked {
            SEPARATOR => {
                sink.note(src, How::Separator);
                stream.separator();
                true
            }
            letter => {
                sink.note(src.clone(), How::Leet);
                stream.emit_leet(sink, letter, src)
            }
        }
    }

    /// Whether a digit that the tables read as a letter (`0` is `o`, `1` is `l`) is read
    /// as noise between letters instead (`A1z$u0r@e`): beside a letter, a choice point
    /// between its letter (first) and a separator, as for the digits of leetspeak.
    #[inline(never)]
    fn digit_is_noise(
        &self,
        name: &str,
        stream: &Stream,
        next: usize,
        choices: &mut Choices,
    ) -> bool {
        let beside_letter = stream.letter_at != NO_LETTER
            && is_alphabetic_at(name, stream.letter_at)
            || self.alphabetic_follows(name, next);
        self.leet && beside_letter && !choices.is_plain() && choices.branch()
    }

    /// The next code point from byte `at` that is not invisible (an ignorable or a mark):
    /// what the tables say of it, and where it is.
    fn next_visible(&self, name: &str, mut at: usize) -> Option<(Info<'static>, usize)> {
        while at < name.len() {
            let (info, len) = self.info_at(name, at);
            match info.class {
                Class::Ignorable | Class::Mark => at += len,
                _ => return Some((info, at)),
            }
        }
        None
    }

    /// Whether the next visible code point from byte `at` is a letter of an alphabet (not
    /// a digit, nor a symbol read as a letter).
    fn alphabetic_follows(&self, name: &str, at: usize) -> bool {
        self.next_visible(name, at).is_some_and(|(info, at)| {
            info.class == Class::Letter && info.leet[0] == 0 && is_alphabetic_at(name, at)
        })
    }

    /// Whether the next visible code point from byte `at` reads as a letter.
    fn letter_follows(&self, name: &str, at: usize) -> bool {
        self.next_visible(name, at)
            .is_some_and(|(info, _)| info.is_letter())
    }

    /// Every letter the skeleton symbol `sym` may stand for in some reading, besides
    /// itself (for the prefilter's census).
    pub(crate) fn letters_of_symbol(&self, sym: &[u8]) -> impl Iterator<Item = u8> {
        self.leet_of_symbol(sym)
            .unwrap_or_default()
            .into_iter()
            .filter(|&l| l != 0)
    }

    /// The letters a skeleton symbol stands for: a digit (from a look-alike: `З` is `3`)
    /// its leetspeak letters when leetspeak is on, anything else itself.
    #[inline]
    fn leet_of_symbol(&self, sym: &[u8]) -> Option<[u8; 2]> {
        match sym {
            [d] if self.leet && d.is_ascii_digit() => {
                let letters = tables::ASCII_LEET[usize::from(*d)].1;
                (letters[0] != 0).then_some(letters)
            }
            _ => None,
        }
    }

    /// Reads `name` into `sink`, taking the reading that `choices` picks at each choice
    /// point. Returns false when the sink stopped it early (it is full, or has seen all it
    /// needs).
    pub(crate) fn read<S: Sink>(&self, name: &str, choices: &mut Choices, sink: &mut S) -> bool {
        choices.rewind();
        let mut stream = Stream::new();
        let mut i = 0;
        while i < name.len() {
            match self.step(name, i, &mut stream, choices, sink) {
                Some(next) => i = next,
                None => return false,
            }
        }
        true
    }

    /// Reads the character at byte `i` of `name` (or a run of characters that draws one
    /// letter) in the state `stream`, taking the alternatives that `choices` picks, into
    /// `sink`. Returns where reading goes on, or `None` when the sink stopped it.
    ///
    /// Every rule of reading is here; [`read`](Normalizer::read) calls it for each
    /// character of one reading, the matcher's search for each live reading at once.
    #[inline(always)]
    pub(crate) fn step<S: Sink>(
        &self,
        name: &str,
        i: usize,
        stream: &mut Stream,
        choices: &mut Choices,
        sink: &mut S,
    ) -> Option<usize> {
        let bytes = name.as_bytes();
        let ascii = &ASCII[usize::from(self.leet)];
        let b = bytes[i];
        if self.leet && may_start_multi(bytes, i) {
            if let Some(next) = self.multi_leet(name, i, stream, choices, sink) {
                return (next != usize::MAX).then_some(next);
            }
        }
        if b < 0x80 && self.ascii_fast_path {
            // ASCII, straight from the byte's class: what the general path below reads
            // from the tables, worked out once per byte value.
            let c = ascii[usize::from(b)];
            let next = i + 1;
            stream.written(u32::from(b.to_ascii_lowercase()));
            let ok = match c.act {
                Act::Separator => {
                    sink.note(i..next, How::Separator);
                    stream.separator();
                    true
                }
                Act::Letter
                    if b.is_ascii_digit() && self.digit_is_noise(name, stream, next, choices) =>
                {
                    sink.note(i..next, How::Separator);
                    stream.separator();
                    true
                }
                Act::Letter => {
                    // Only an uppercase letter may start a camelCase word.
                    if c.case == Case::Upper {
                        stream.camel(c.case, || next_is_lower(name, next));
                    }
                    sink.note(i..next, How::Read);
                    stream.emit(sink, Symbol::byte(c.syms[0]), i..next)
                }
                // `m` is `rn`.
                Act::Pair => {
                    if c.case == Case::Upper {
                        stream.camel(c.case, || next_is_lower(name, next));
                    }
                    sink.note(i..next, How::Read);
                    stream.emit_letter(sink, &c.syms, i..next, Symbol::of)
                }
                Act::Leet => {
                    let kind = Leet::Digit;
                    self.emit_symbol(name, stream, sink, choices, c.syms, kind, i..next)
                }
                Act::Symbol => {
                    let kind = Leet::symbol(self.letter_follows(name, next));
                    self.emit_symbol(name, stream, sink, choices, c.syms, kind, i..next)
                }
            };
            if !ok {
                return None;
            }
            stream.case = c.case;
            stream.letter_at = if b.is_ascii_alphabetic() {
                i
            } else {
                NO_LETTER
            };
            return Some(next);
        }
        let (info, len) = self.info_at(name, i);
        let next = i + len;
        if choices.transliterates() {
            // A letter of another script with Latin letters, whatever its skeleton, or
            // two read together.
            let c = name[i..next].chars().next().unwrap_or('\u{FFFD}');
            let (latin, next) = match pair_after(c, &name[next..]) {
                Some((k, len)) => (Some(tables::TRANSLIT_PAIRS[k].3), next + len),
                None => (latin_skeleton(c), next),
            };
            if let Some(latin) = latin {
                let case = case_of(name, i, b);
                stream.camel(case, || next_is_lower(name, next));
                // Written as it reads: a letter whose Latin letters start with the one
                // the letter before ends with repeats it as written (the vowel sign and
                // the letter that carries it, `ައ` in Thaana; Myanmar `က်ခ`, `k`, `kh`).
                let bytes = latin.as_bytes();
                stream.written(bytes.first().map_or(u32::from(c), |&b| u32::from(b)));
                sink.note(i..next, How::Transliterated);
                if !stream.emit_letter(sink, bytes, i..next, Symbol::of) {
                    return None;
                }
                stream.written = bytes.last().map_or(u32::from(c), |&b| u32::from(b));
                stream.case = case;
                stream.letter_at = i;
                return Some(next);
            }
        }
        let letter = match info.class {
            Class::Letter => true,
            // A leetspeak symbol is a letter, or a separator.
            Class::Separator => info.leet[0] != 0,
            Class::Mark => {
                // Combining marks belong to the letter before them, so that spans
                // cover a Zalgo stack whole.
                if stream.boundary == Boundary::None {
                    sink.extend_last(next);
                }
                sink.note(i..next, How::Mark);
                false
            }
            Class::Ignorable => {
                sink.note(i..next, How::Invisible);
                false
            }
        };
        if !letter {
            if info.class == Class::Separator {
                sink.note(i..next, How::Separator);
                stream.separator();
                stream.letter_at = NO_LETTER;
            }
            return Some(next);
        }
        let c = name[i..next].chars().next().unwrap_or('\u{FFFD}');
        if info.leet[0] == 0
            && is_digit_read_as_letter(c, &info)
            && self.digit_is_noise(name, stream, next, choices)
        {
            sink.note(i..next, How::Separator);
            stream.separator();
            stream.letter_at = NO_LETTER;
            return Some(next);
        }
        let case = case_of(name, i, b);
        stream.camel(case, || next_is_lower(name, next));
        stream.written(u32::from(c.to_ascii_lowercase()));
        let ok = if info.leet[0] != 0 {
            // Leetspeak: a digit reads as its letter first, a symbol only when a
            // letter follows it; the other reading is a separator.
            let kind = if info.class == Class::Letter {
                Leet::Digit
            } else {
                Leet::symbol(self.letter_follows(name, next))
            };
            self.emit_symbol(name, stream, sink, choices, info.leet, kind, i..next)
        } else if info.also[0] != 0 && choices.other_letter(info.also[0]) {
            // Its second reading (`ſ` as `f`); a turned letter (`ɐ` as `a`) is marked, as
            // a term's upside-down form must hold one.
            sink.note(i..next, How::Also);
            let ok = stream.emit_letter(sink, padded(&info.also), i..next, Symbol::of);
            if ok && info.also_turned {
                sink.flag_last(1, super::TURNED);
            }
            ok
        } else {
            sink.note(i..next, How::Read);
            // A digit inside a skeleton (`З` is `3`) stands for its letter too.
            stream.emit_letter(sink, info.bytes(), i..next, |sym| {
                match self.leet_of_symbol(sym) {
                    Some(letters) => Symbol::byte(choices.pick(letters)),
                    None => Symbol::of(sym),
                }
            })
        };
        if !ok {
            return None;
        }
        stream.case = case;
        // Whether it is alphabetic (a slow lookup) is asked only beside a digit.
        stream.letter_at = if info.leet[0] == 0 { i } else { NO_LETTER };
        Some(next)
    }
}

/// The first and the last code point with a transliteration.
const TRANSLIT_FIRST: u32 = tables::TRANSLIT[0].0;
const TRANSLIT_LAST: u32 = tables::TRANSLIT[tables::TRANSLIT.len() - 1].0;

/// The Latin letters of `c`, their skeleton, and whether that is not `c`'s own skeleton
/// ([`tables::TRANSLIT`]), when `c` is a letter of a script that a name may spell a term
/// in by sound (`ф` is `f`; `マ` is `ma`, whose skeleton is `rna`; `м` is `m`, as its own
/// skeleton is).
#[inline]
pub(crate) fn transliteration(c: char) -> Option<(&'static str, &'static str, bool)> {
    let cp = u32::from(c);
    if !(TRANSLIT_FIRST..=TRANSLIT_LAST).contains(&cp) {
        return None;
    }
    let k = tables::TRANSLIT.binary_search_by_key(&cp, |e| e.0).ok()?;
    let (_, latin, skeleton, differs) = tables::TRANSLIT[k];
    Some((latin, skeleton, differs))
}

/// Range of [`tables::RANGES`] → one more than the index in [`tables::TRANSLIT`] of its
/// first code point, when that has a transliteration that is not its skeleton (such a
/// letter starts a range of its own); 0 otherwise.
static TRANSLIT_OF_RANGE: std::sync::LazyLock<Box<[u16]>> = std::sync::LazyLock::new(|| {
    tables::RANGES
        .iter()
        .map(
            |&(start, ..)| match tables::TRANSLIT.binary_search_by_key(&start, |e| e.0) {
                Ok(k) if tables::TRANSLIT[k].3 => u16::try_from(k + 1).unwrap_or(0),
                _ => 0,
            },
        )
        .collect()
});

/// The index in [`tables::TRANSLIT`] of the letter that is range `range` of
/// [`tables::RANGES`] on its own, when its transliteration is not its skeleton.
#[inline]
pub(crate) fn transliterated_range(range: usize) -> Option<usize> {
    TRANSLIT_OF_RANGE[range].checked_sub(1).map(usize::from)
}

/// The skeleton of the Latin letters of `c`, when its [`transliteration`] is not its
/// skeleton: what the transliterated reading reads it as. One table lookup.
#[inline]
pub(crate) fn latin_skeleton(c: char) -> Option<&'static str> {
    let cp = u32::from(c);
    if !(TRANSLIT_FIRST..=TRANSLIT_LAST).contains(&cp) {
        return None;
    }
    let k = TRANSLIT_OF_RANGE[range_index(cp)].checked_sub(1)?;
    let (start, _, skeleton, _) = tables::TRANSLIT[usize::from(k)];
    (start == cp).then_some(skeleton)
}

/// The pair of [`tables::TRANSLIT_PAIRS`] (Greek `ου` is `u`) that letter `c` makes with
/// the next letter of `rest`, the text after it: its index, and the bytes of `rest` it
/// takes. Marks and invisible characters that read as nothing may stand between the two
/// (`ο̈υ`, `ο\u{200B}υ` are `ου`), as they may inside any word.
#[inline]
pub(crate) fn pair_after(c: char, rest: &str) -> Option<(usize, usize)> {
    let cp = u32::from(c) as usize;
    if PAIR_FIRSTS
        .get(cp >> 6)
        .is_none_or(|bits| bits >> (cp & 63) & 1 == 0)
    {
        return None;
    }
    let bmp = bmp_index();
    let (at, next) = rest
        .char_indices()
        .find(|&(_, d)| !reads_as_nothing(bmp, d))?;
    let key = (u32::from(c), u32::from(next));
    let k = tables::TRANSLIT_PAIRS
        .binary_search_by_key(&key, |e| (e.0, e.1))
        .ok()?;
    Some((k, at + next.len_utf8()))
}

/// Whether `c` is a mark or an invisible character with no Latin letters of its own (a
/// virama, a diaeresis, a zero width space), which the transliterated reading reads as
/// nothing.
#[inline]
pub(crate) fn reads_as_nothing(bmp: &[u16], c: char) -> bool {
    matches!(kind_in(bmp, c), Kind::Mark | Kind::Ignorable) && latin_skeleton(c).is_none()
}

/// Bit `cp` is set for each code point `cp` that starts a pair of
/// [`tables::TRANSLIT_PAIRS`]: one load tells most letters from those. Every such code
/// point is below U+1000 (one that is not fails the build, here).
static PAIR_FIRSTS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut k = 0;
    while k < tables::TRANSLIT_PAIRS.len() {
        let cp = tables::TRANSLIT_PAIRS[k].0 as usize;
        bits[cp >> 6] |= 1 << (cp & 63);
        k += 1;
    }
    bits
};

/// `text` in Latin letters, as the transliterated reading reads it (before skeletons):
/// each letter with a [`transliteration`] as its Latin letters, pairs as theirs, any other
/// letter that is not ASCII as its skeleton, any other mark or invisible character as
/// nothing (the virama of `क्र`, the zero width joiner of Sinhala `ක්‍ර`), any other
/// character in lowercase. For messages and for building forms of terms.
pub(crate) fn latin_letters(text: &str) -> String {
    let mut out = String::new();
    let normalizer = super::Normalizer::new();
    let bmp = bmp_index();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        at += c.len_utf8();
        if let Some((k, len)) = pair_after(c, &text[at..]) {
            out.push_str(tables::TRANSLIT_PAIRS[k].2);
            at += len;
        } else if let Some((latin, ..)) = transliteration(c) {
            out.push_str(latin);
        } else if c.is_alphabetic() && !c.is_ascii() {
            // A letter with no Latin letters of its own reads as its skeleton (Arabic
            // alef as `i`), as the reading does.
            out.push_str(normalizer.normalize(c.encode_utf8(&mut [0; 4])).as_str());
        } else if !reads_as_nothing(bmp, c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `name` holds a letter whose [`transliteration`] is not its skeleton: then its
/// transliterated reading ([`Choices::transliterated`]) differs from its plain one.
#[inline]
pub(crate) fn has_transliteration(name: &str) -> bool {
    !name.is_ascii() && name.chars().any(|c| latin_skeleton(c).is_some())
}

/// The skeleton of the letter the code point `cp` is also read as ([`tables::ALSO`],
/// zero-padded), and how a person comes to it.
#[inline]
pub(crate) fn second_reading(cp: u32) -> Option<([u8; 2], crate::verdict::ReadingKind)> {
    // Most letters have none: a bit per code point below U+0800 (Latin, Greek, Cyrillic)
    // and per block of 256 above it in the BMP says which may.
    let may = match cp {
        0..0x800 => ALSO_LOW[cp as usize / 64] >> (cp % 64) & 1 != 0,
        0x800..0x1_0000 => ALSO_BLOCKS[cp as usize / 256 / 64] >> (cp / 256 % 64) & 1 != 0,
        _ => cp >= ALSO_FIRST_ASTRAL,
    };
    if !may {
        return None;
    }
    let k = tables::ALSO.binary_search_by_key(&cp, |e| e.0).ok()?;
    Some((tables::ALSO[k].1, tables::ALSO[k].2))
}

/// The bytes of a zero-padded skeleton of one or two bytes (`Info::also`).
#[inline]
pub(crate) fn padded(bytes: &[u8; 2]) -> &[u8] {
    &bytes[..if bytes[1] == 0 { 1 } else { 2 }]
}

/// [`tables::ALSO`] code points below U+0800, a bit each.
static ALSO_LOW: [u64; 32] = also_low();
/// [`tables::ALSO`] code points of the BMP, a bit per block of 256.
static ALSO_BLOCKS: [u64; 4] = also_blocks();
/// The first [`tables::ALSO`] code point past the BMP.
const ALSO_FIRST_ASTRAL: u32 = also_first_astral();

const fn also_low() -> [u64; 32] {
    let mut bits = [0; 32];
    let mut k = 0;
    while k < tables::ALSO.len() {
        let cp = tables::ALSO[k].0 as usize;
        if cp < 0x800 {
            bits[cp / 64] |= 1 << (cp % 64);
        }
        k += 1;
    }
    bits
}

const fn also_blocks() -> [u64; 4] {
    let mut bits = [0; 4];
    let mut k = 0;
    while k < tables::ALSO.len() {
        let block = tables::ALSO[k].0 as usize / 256;
        if block < 256 {
            bits[block / 64] |= 1 << (block % 64);
        }
        k += 1;
    }
    bits
}

const fn also_first_astral() -> u32 {
    let mut k = 0;
    while k < tables::ALSO.len() {
        if tables::ALSO[k].0 >= 0x1_0000 {
            return tables::ALSO[k].0;
        }
        k += 1;
    }
    u32::MAX
}

/// Whether `c`, whose tables say `info`, is a digit read as a letter (`0` is `o`).
#[inline]
pub(crate) fn is_digit_read_as_letter(c: char, info: &Info<'_>) -> bool {
    info.class == Class::Letter
        && c.is_numeric()
        && info.bytes().first().is_some_and(u8::is_ascii_lowercase)
}

/// [`Stream::letter_at`] when the previous code point was no letter.
const NO_LETTER: usize = usize::MAX;

/// Whether the code point at byte `at` of `name` is alphabetic.
#[inline]
fn is_alphabetic_at(name: &str, at: usize) -> bool {
    match name.as_bytes()[at] {
        b if b < 0x80 => b.is_ascii_alphabetic(),
        _ => name[at..].chars().next().is_some_and(char::is_alphabetic),
    }
}

/// The ASCII character that the character at byte `at` of `name` is, as written or as a
/// fullwidth form (`（` is `(`), and its length in bytes.
#[inline]
fn ascii_form(name: &str, at: usize) -> Option<(u8, usize)> {
    match *name.as_bytes().get(at)? {
        b if b < 0x80 => Some((b, 1)),
        0xEF => {
            let cp = name.get(at..)?.chars().next()? as u32;
            (0xFF01..=0xFF5E)
                .contains(&cp)
                .then(|| ((cp - 0xFEE0) as u8, 3))
        }
        _ => None,
    }
}

/// Whether a run of [`tables::MULTI_LEET`] may start at byte `i`: its first two bytes are
/// those of some run (either may be the lead byte of a fullwidth form).
#[inline(always)]
fn may_start_multi(bytes: &[u8], i: usize) -> bool {
    let first = MULTI_BYTES[usize::from(bytes[i])];
    first & MULTI_FIRST != 0
        && (first & MULTI_SECOND != 0 && bytes[i] >= 0x80
            || bytes
                .get(i + 1)
                .is_some_and(|&b| MULTI_BYTES[usize::from(b)] & MULTI_SECOND != 0))
}

/// Byte → whether it is the first ([`MULTI_FIRST`]) or the second ([`MULTI_SECOND`]) byte
/// of some run of [`tables::MULTI_LEET`], or the lead byte of fullwidth forms, which may
/// be either.
static MULTI_BYTES: [u8; 256] = multi_bytes();
const MULTI_FIRST: u8 = 1;
const MULTI_SECOND: u8 = 2;

const fn multi_bytes() -> [u8; 256] {
    let mut bits = [0; 256];
    bits[0xEF] = MULTI_FIRST | MULTI_SECOND;
    let mut k = 0;
    while k < tables::MULTI_LEET.len() {
        // Forms are lowercase; a letter of one may be written in either case.
        let run = tables::MULTI_LEET[k].0;
        bits[run[0] as usize] |= MULTI_FIRST;
        bits[run[0].to_ascii_uppercase() as usize] |= MULTI_FIRST;
        bits[run[1] as usize] |= MULTI_SECOND;
        bits[run[1].to_ascii_uppercase() as usize] |= MULTI_SECOND;
        k += 1;
    }
    bits
}

/// For the first and the second byte of a run (ASCII, lowercase): the runs of
/// [`tables::MULTI_LEET`] that have it there, as bits of their indices (so that the
/// lowest set bit is the longest run).
static MULTI_BY_BYTE: [[u64; 128]; 2] = multi_by_byte();

const fn multi_by_byte() -> [[u64; 128]; 2] {
    assert!(tables::MULTI_LEET.len() <= 64);
    let mut bits = [[0; 128]; 2];
    let mut k = 0;
    while k < tables::MULTI_LEET.len() {
        let run = tables::MULTI_LEET[k].0;
        bits[0][run[0] as usize & 0x7F] |= 1 << k;
        bits[1][run[1] as usize & 0x7F] |= 1 << k;
        k += 1;
    }
    bits
}

/// What a character that leetspeak reads is: a digit, or a symbol before a letter or
/// before anything else (which sets which reading comes first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Leet {
    Digit,
    SymbolBeforeLetter,
    SymbolBeforeOther,
}

impl Leet {
    fn symbol(letter_follows: bool) -> Leet {
        if letter_follows {
            Leet::SymbolBeforeLetter
        } else {
            Leet::SymbolBeforeOther
        }
    }
}

/// What the reader does with an ASCII byte: the facts the general tables give, worked out
/// once per byte and leetspeak setting (`tests::ascii_classes_agree_with_the_tables`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    /// A letter or digit of one symbol.
    Letter,
    /// A letter of two symbols (`m` is `rn`).
    Pair,
    /// A digit that stands for a letter (or a choice of two).
    Leet,
    /// A leetspeak symbol (`$`, `@`): a letter or a separator, the letter first when a
    /// letter follows.
    Symbol,
    /// A separator.
    Separator,
}

/// An ASCII byte's class.
#[derive(Clone, Copy, Debug)]
struct Ascii {
    act: Act,
    /// The skeleton symbols of a letter, or the letters of leetspeak.
    syms: [u8; 2],
    case: Case,
}

/// The classes of the ASCII bytes, without leetspeak and with it.
static ASCII: [[Ascii; 128]; 2] = [ascii_classes(false), ascii_classes(true)];

const fn ascii_classes(leet: bool) -> [Ascii; 128] {
    let mut out = [Ascii {
        act: Act::Separator,
        syms: [0; 2],
        case: Case::None,
    }; 128];
    let mut b = 0;
    while b < 128 {
        let (off, on) = tables::ASCII_LEET[b];
        let letters = if leet { on } else { [off, 0] };
        let sk = tables::ASCII_SKELETON[b];
        let (act, syms) = match tables::ASCII_KIND[b] {
            Kind::Letter | Kind::Mapped if letters[0] != 0 => (Act::Leet, letters),
            Kind::Letter | Kind::Mapped if sk[1] != 0 => (Act::Pair, sk),
            Kind::Letter | Kind::Mapped => (Act::Letter, sk),
            _ if letters[0] != 0 => (Act::Symbol, letters),
            _ => (Act::Separator, [0; 2]),
        };
        let case = if (b as u8).is_ascii_uppercase() {
            Case::Upper
        } else if (b as u8).is_ascii_lowercase() {
            Case::Lower
        } else {
            Case::None
        };
        out[b] = Ascii { act, syms, case };
        b += 1;
    }
    out
}

/// Whether the next letter at or after byte `at` of `name` is lowercase: what the reader
/// ignores or reads as part of the letter before (a soft hyphen, a variation selector, a
/// combining accent) between `IA` and `zure` moves no word boundary.
#[inline]
fn next_is_lower(name: &str, at: usize) -> bool {
    match name.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
        Some(_) => name[at..]
            .chars()
            .find(|&c| {
                let kind = tables::RANGES[range_index(c as u32)].1;
                !matches!(kind, Kind::Ignorable | Kind::Mark)
            })
            .is_some_and(char::is_lowercase),
        None => false,
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

/// The table kind of the code point `c`.
#[inline]
pub(crate) fn kind_in(bmp: &[u16], c: char) -> Kind {
    if c.is_ascii() {
        return tables::ASCII_KIND[c as usize];
    }
    tables::RANGES[range_index_in(bmp, c as u32)].1
}

/// The camelCase rule: whether a letter of case `case`, right after one of case `prev`
/// (`Case::None` after anything but a letter), starts a word. `aB` does, and so does the
/// `C` of `ABCdef`, an uppercase letter after another when a lowercase one follows it.
#[inline(always)]
pub(crate) fn camel_starts(prev: Case, case: Case, next_is_lower: impl FnOnce() -> bool) -> bool {
    match (prev, case) {
        (Case::Lower, Case::Upper) => true,
        (Case::Upper, Case::Upper) => next_is_lower(),
        _ => false,
    }
}

/// Letter case of an original character, for camelCase word boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub(crate) enum Case {
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

/// One skeleton symbol: a UTF-8 sequence of up to four bytes, packed into a `u32`
/// (first byte lowest), so that comparing two symbols is one comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Symbol(u32);

impl Symbol {
    /// No symbol: what the reader's previous symbol is before the first (skeleton
    /// symbols are letters and digits, never NUL).
    const NONE: Symbol = Symbol(0);

    #[inline(always)]
    fn byte(b: u8) -> Symbol {
        Symbol(u32::from(b))
    }

    #[inline(always)]
    fn of(sym: &[u8]) -> Symbol {
        let mut bytes = [0; 4];
        let len = sym.len().min(4);
        bytes[..len].copy_from_slice(&sym[..len]);
        Symbol(u32::from_le_bytes(bytes))
    }

    /// The symbol's byte length: its UTF-8 sequence's.
    #[inline(always)]
    pub(crate) fn len(self) -> usize {
        symbol_len(self.0 as u8)
    }

    /// The symbol's bytes, in the first [`len`](Symbol::len) of four.
    #[inline(always)]
    pub(crate) fn to_bytes(self) -> [u8; 4] {
        self.0.to_le_bytes()
    }

    /// Its first byte: the whole of an ASCII symbol.
    #[inline(always)]
    pub(crate) fn first_byte(self) -> u8 {
        self.0 as u8
    }
}

/// Splits skeleton bytes into symbols (one UTF-8 sequence each).
pub(crate) fn symbols(bytes: &[u8]) -> SymbolIter<'_> {
    SymbolIter(bytes)
}

/// Skeleton bytes, symbol by symbol.
pub(crate) struct SymbolIter<'a>(&'a [u8]);

impl<'a> Iterator for SymbolIter<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        let len = symbol_len(*self.0.first()?).min(self.0.len());
        let (sym, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(sym)
    }
}

/// The byte length of the UTF-8 sequence that starts with `lead`.
#[inline]
pub(crate) fn symbol_len(lead: u8) -> usize {
    match lead {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Word and repeat state carried across code points: the reader's state between two
/// characters. Two readings in equal states read the rest of a name alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Stream {
    /// The boundary that precedes the next symbol.
    boundary: Boundary,
    /// Case of the previous letter, for camelCase.
    case: Case,
    /// The previous symbol, for collapsing repeats.
    last: Symbol,
    /// All symbols of the previous letter, when it had several (`m` is `rn`).
    expansion: [u8; 8],
    expansion_len: u8,
    /// Bytes pushed (not collapsed) for the current code point.
    pushed: usize,
    /// The code point of the previous letter as written (ASCII lowercased), and whether
    /// the current one is the same: a repeat of it is a doubled letter, a repeat of
    /// another (`ée`) only a repeated symbol.
    written: u32,
    same_as_written: bool,
    /// Where the previous code point (invisible ones aside) starts, if it was a letter
    /// (not a digit or symbol that leetspeak reads); `NO_LETTER` if not. Whether it is
    /// alphabetic is asked only when a digit follows.
    letter_at: usize,
}

impl Default for Stream {
    fn default() -> Stream {
        Stream::new()
    }
}

impl Stream {
    /// Before the first symbol: a boundary (the name starts a word), and no previous
    /// symbol (`Symbol::NONE` is none, so nothing repeats it).
    pub(crate) fn new() -> Stream {
        Stream {
            boundary: Boundary::Hard,
            case: Case::None,
            last: Symbol::NONE,
            expansion: [0; 8],
            expansion_len: 0,
            pushed: 0,
            written: u32::MAX,
            same_as_written: false,
            letter_at: NO_LETTER,
        }
    }

    /// Forgets what only the character being read needed, so that equal states compare
    /// equal.
    #[inline(always)]
    pub(crate) fn settle(&mut self) {
        self.pushed = 0;
    }
    /// A letter written as code point `written` (ASCII lowercased) comes next.
    #[inline(always)]
    fn written(&mut self, written: u32) {
        self.same_as_written = written == self.written;
        self.written = written;
    }

    #[inline(always)]
    fn separator(&mut self) {
        self.boundary = Boundary::Hard;
        self.case = Case::None;
    }

    /// A letter of case `case` follows: it may start a word (see [`camel_starts`]).
    #[inline(always)]
    fn camel(&mut self, case: Case, next_is_lower: impl FnOnce() -> bool) {
        if self.boundary == Boundary::None && camel_starts(self.case, case, next_is_lower) {
            self.boundary = Boundary::Soft;
        }
    }

    /// Whether `bytes`, a multi-symbol expansion, repeats the previous letter's.
    #[inline(always)]
    fn repeats_expansion(&self, bytes: &[u8]) -> bool {
        self.expansion_len > 0 && &self.expansion[..usize::from(self.expansion_len)] == bytes
    }

    #[inline(always)]
    fn remember_expansion(&mut self, bytes: &[u8]) {
        if bytes.len() > 1 && bytes.len() <= self.expansion.len() {
            self.expansion[..bytes.len()].copy_from_slice(bytes);
            self.expansion_len = bytes.len() as u8;
        } else {
            self.forget_expansion();
        }
    }

    /// No expansion to repeat: its bytes cleared too, so that streams equal in what they
    /// read on are equal (and readings that differ only in an expansion long gone merge).
    #[inline(always)]
    fn forget_expansion(&mut self) {
        self.expansion = [0; 8];
        self.expansion_len = 0;
    }

    /// Emits a letter that leetspeak reads for a digit or symbol: it is not what was
    /// written.
    #[inline(always)]
    fn emit_leet<S: Sink>(&mut self, sink: &mut S, letter: u8, src: Range<usize>) -> bool {
        let ok = self.emit(sink, Symbol::byte(letter), src);
        if ok {
            sink.flag_last(1, super::MODIFIED);
        }
        ok
    }

    /// Emits the symbols of one letter's skeleton `bytes`, each as `read` reads it. A
    /// repeat of the previous letter's whole expansion collapses like a repeated symbol
    /// (`MM` is `rnrn`, which collapses to `rn`).
    #[inline(always)]
    fn emit_letter<S: Sink>(
        &mut self,
        sink: &mut S,
        bytes: &[u8],
        src: Range<usize>,
        mut read: impl FnMut(&[u8]) -> Symbol,
    ) -> bool {
        if self.repeats_expansion(bytes) {
            self.collapse(sink, bytes.len(), src);
            return true;
        }
        self.pushed = 0;
        let mut ok = true;
        for sym in SymbolIter(bytes) {
            ok &= self.emit(sink, read(sym), src.clone());
        }
        // Only an expansion pushed whole can be collapsed whole later (`ᄄ` is `ᄃᄃ`,
        // which already collapsed to one symbol).
        if self.pushed == bytes.len() {
            self.remember_expansion(bytes);
        }
        ok
    }

    /// The last `len` bytes (a symbol, or a whole expansion) are repeated at `src`: they
    /// collapse. Inside a word the repeat is no longer what was written; across a boundary
    /// the symbol then ends the earlier word and starts the later one (`Pizza Azure` is
    /// `pizazure`), so that a skeleton is its own skeleton.
    #[inline(always)]
    fn collapse<S: Sink>(&mut self, sink: &mut S, len: usize, src: Range<usize>) {
        if self.boundary == Boundary::None {
            sink.extend_last(src.end);
            // The symbol stands for a repeat (a term's doubled letter needs one); repeated
            // by another letter (`ée`, `Il`), it is not what was written either.
            sink.flag_last(len, super::REPEATED);
            if !self.same_as_written {
                sink.flag_last(len, super::MODIFIED);
            }
        } else {
            sink.merge_across(len, src, self.boundary);
        }
        self.boundary = Boundary::None;
    }

    #[inline(always)]
    fn emit<S: Sink>(&mut self, sink: &mut S, sym: Symbol, src: Range<usize>) -> bool {
        let len = sym.len();
        if self.last == sym {
            self.collapse(sink, len, src);
            // The letter collapsed still stands between the one before and the next:
            // `mnm` is `rn`, `n` (collapsed) and `rn`, and its second `m` repeats no
            // letter.
            self.forget_expansion();
            return true;
        }
        let boundary = self.boundary;
        self.forget_expansion();
        self.last = sym;
        self.boundary = Boundary::None;
        self.pushed += len;
        sink.push(sym, src, boundary)
    }
}

/// Receives skeleton symbols from the reader.
pub(crate) trait Sink {
    /// Appends one symbol that came from the original bytes `src`, after `boundary`.
    /// Returns false to stop the reader: the sink is full (nothing was appended), or has
    /// seen all it needs.
    fn push(&mut self, sym: Symbol, src: Range<usize>, boundary: Boundary) -> bool;
    /// Extends the source span of the last symbol to `end` (a collapsed repeat, or marks
    /// that follow it).
    fn extend_last(&mut self, end: usize);
    /// The last symbol (`len` bytes) is repeated at `src` after `boundary`: it now ends the
    /// earlier word and starts the later one, and a match that starts with it starts at
    /// `src`.
    fn merge_across(&mut self, len: usize, src: Range<usize>, boundary: Boundary);
    /// Sets `flag` on the last symbol (`len` bytes).
    fn flag_last(&mut self, len: usize, flag: u8);
    /// Records how the original bytes `src` were read. Only a sink that keeps the record
    /// of a reading for its explanation (the [`Skeleton`](super::Skeleton)) keeps it.
    #[inline(always)]
    fn note(&mut self, src: Range<usize>, how: How) {
        let _ = (src, how);
    }
}

/// How the reader read a character of a name (or a run of characters that draws one
/// letter): the record of a reading that explains a disguise, so that no explanation
/// works out again what the reader did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum How {
    /// Through its tables: its own letter, or the letters its skeleton is.
    Read,
    /// A digit or symbol, or a run of them, read as a letter: leetspeak.
    Leet,
    /// As its second letter ([`second_reading`]).
    Also,
    /// As its Latin letters ([`transliteration`]), in the transliterated reading.
    Transliterated,
    /// As a separator: a separator, or a digit or symbol of leetspeak taken as one.
    Separator,
    /// Dropped: an invisible character.
    Invisible,
    /// With the letter before it: a combining mark.
    Mark,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two readings in the same state between characters have equal streams, whatever
    /// letters they read before: an `m` (whose expansion `rn` a repeat would collapse)
    /// that a later letter has put out of reach leaves nothing behind, so the search
    /// merges readings that differ only there.
    #[test]
    fn a_stream_forgets_an_expansion_out_of_reach() {
        let normalizer = Normalizer::new();
        let after = |name: &str| {
            let mut stream = Stream::new();
            let mut sink = crate::normalize::Skeleton::with_capacity(16);
            let mut choices = Choices::first();
            let mut i = 0;
            while i < name.len() {
                i = normalizer
                    .step(name, i, &mut stream, &mut choices, &mut sink)
                    .unwrap();
                // (As the search settles each reading's stream between characters.)
                stream.settle();
            }
            stream
        };
        assert_eq!(after("mc"), after("nc"));
        assert_eq!(after("Mc"), after("Xc"));
        assert_eq!(after("m c"), after("a c"));
        // One still in reach is remembered: `mm` collapses, `nm` does not.
        assert!(after("m").repeats_expansion(b"rn"));
        assert!(!after("n").repeats_expansion(b"rn"));
        assert!(!after("mc").repeats_expansion(b"rn"));
    }

    /// The ASCII fast path reads the same facts from its tables as the general path reads
    /// from `RANGES` and `LEET`, for every ASCII byte and both leetspeak settings. The rest
    /// of the reader is shared, so the two paths agree on every ASCII string.
    #[test]
    fn ascii_fast_path_agrees_with_general_path_on_every_byte() {
        for normalizer in [Normalizer::new(), Normalizer::new().leet(false)] {
            for b in 0u8..0x80 {
                let fast = normalizer.ascii_info(b);
                let general = normalizer.general_info(char::from(b));
                assert_eq!(fast.class, general.class, "{b:#x}");
                assert_eq!(fast.bytes(), general.bytes(), "{b:#x}");
                assert_eq!(fast.leet, general.leet, "{b:#x}");
            }
        }
    }

    /// The ASCII classes are the general tables' facts: for every byte and both leetspeak
    /// settings, the same kind of reading with the same symbols or letters.
    #[test]
    fn ascii_classes_agree_with_the_tables() {
        for normalizer in [Normalizer::new(), Normalizer::new().leet(false)] {
            for b in 0u8..0x80 {
                let c = ASCII[usize::from(normalizer.leet)][usize::from(b)];
                let info = normalizer.general_info(char::from(b));
                let bytes = info.bytes();
                match c.act {
                    Act::Leet => {
                        assert_eq!(info.class, Class::Letter, "{b:#x}");
                        assert_eq!(c.syms, info.leet, "{b:#x}");
                    }
                    Act::Symbol => {
                        assert_eq!(info.class, Class::Separator, "{b:#x}");
                        assert_eq!(c.syms, info.leet, "{b:#x}");
                    }
                    Act::Separator => {
                        assert_eq!(info.class, Class::Separator, "{b:#x}");
                        assert_eq!(info.leet, [0; 2], "{b:#x}");
                    }
                    Act::Letter | Act::Pair => {
                        assert_eq!(info.class, Class::Letter, "{b:#x}");
                        assert_eq!(info.leet, [0; 2], "{b:#x}");
                        let n = if c.act == Act::Pair { 2 } else { 1 };
                        assert_eq!(&c.syms[..n], bytes, "{b:#x}");
                    }
                }
                assert_eq!(c.case, case_of(&char::from(b).to_string(), 0, b), "{b:#x}");
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
    fn the_quick_check_of_second_readings_misses_none() {
        for cp in 0..=0x10_FFFF {
            let listed = tables::ALSO.iter().find(|e| e.0 == cp);
            assert_eq!(
                second_reading(cp).map(|(letter, _)| letter),
                listed.map(|e| e.1),
                "U+{cp:04X}"
            );
        }
    }

    #[test]
    fn ranges_cover_every_code_point_in_order() {
        assert_eq!(tables::RANGES[0].0, 0);
        assert!(tables::RANGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(tables::LEET.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
