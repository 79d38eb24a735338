//! How the matched text of a violation became its term: the [`Reading`]s that undo each
//! disguise, and the [`Edit`] that makes a word a typo-squat.
//!
//! Worked out only for the violations `check` reports, after the matcher has found them:
//! the skeleton of the name (the reading that holds the hit, replayed) and the skeleton
//! of the term's form that matched are laid side by side, symbol by symbol, and each
//! stretch of the original name that is not the term as written is told by the reader's
//! record of that reading ([`Skeleton::how_at`]: leetspeak, a second letter, a separator
//! skipped, an invisible dropped, a mark) and, for a character read through the tables,
//! by how the tables came to its skeleton (a look-alike, a compatibility form, a
//! diacritic). `is_allowed` never gets here.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

use crate::matcher::protect::Slip;
use crate::normalize::{second_reading, symbol_len, Class, How, Normalizer, Skeleton};
use crate::tables::{self, Kind};

/// What one reading undid: the kind of disguise it saw through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum ReadingKind {
    /// A letter of another script, or a sign, that looks like the term's letter
    /// (`U+0410 CYRILLIC CAPITAL LETTER A` for `a`; `rn` for `m`).
    Lookalike,
    /// A compatibility form of the letter: fullwidth, mathematical, circled, small
    /// capital or a ligature (`Ａ`, `𝐀`, `Ⓜ`, `ſ` for `s`).
    Compatibility,
    /// A case form that folds to other letters (`ẞ` for `ss`).
    Case,
    /// A letter with diacritics (`á` for `a`), or combining marks on it.
    Diacritic,
    /// A digit or symbol typed for a letter (`0` for `o`, `$` for `s`, `|\/|` for `m`).
    Leetspeak,
    /// An invisible character that was removed (`U+200B ZERO WIDTH SPACE`).
    Invisible,
    /// A separator inside the term that was skipped (`-` in `Micro-soft`).
    Separator,
    /// A letter written more often than the term writes it (`zz` for `z`).
    Repeat,
    /// A letter turned half round, as upside-down text writes it (`ɐ` for `a`), or a
    /// whole term so written (`ǝɹnzɐ` for `Azure`).
    UpsideDown,
    /// Another form of the term that the policy lists (`マイクロソフト` for
    /// `Microsoft`).
    Alias,
    /// Letters of another script read as the Latin letters they are written for
    /// (`Мікрософт` for `mikrosoft`): the name's transliterated reading.
    Transliteration,
}

crate::rule::vocabulary!(ReadingKind, "reading", {
    Lookalike => "lookalike",
    Compatibility => "compatibility",
    Case => "case",
    Diacritic => "diacritic",
    Leetspeak => "leetspeak",
    Invisible => "invisible",
    Separator => "separator",
    Repeat => "repeat",
    UpsideDown => "upside-down",
    Alias => "alias",
    Transliteration => "transliteration",
});

/// One step from the name as written to the term: the original text at a span, what it
/// was read as, and why.
///
/// ```
/// use name_policy::{Policy, ReadingKind};
///
/// let report = Policy::marketplace().check("\u{410}zure Labs");
/// let reading = &report.violations()[0].readings()[0];
/// assert_eq!(reading.kind(), ReadingKind::Lookalike);
/// assert_eq!((reading.from(), reading.to(), reading.span()), ("\u{410}", "a", 0..2));
/// assert_eq!(reading.code_points(), "U+0410");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reading {
    #[cfg_attr(feature = "serde", serde(with = "super::span_as_pair"))]
    pub(crate) span: Range<usize>,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) why: ReadingKind,
}

impl Reading {
    /// The byte range of the original name this reading covers.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
    /// The original text at [`span`](Reading::span).
    pub fn from(&self) -> &str {
        &self.from
    }
    /// What it was read as: the term's letters, or nothing for a removed invisible or a
    /// skipped separator.
    pub fn to(&self) -> &str {
        &self.to
    }
    /// The kind of disguise.
    pub fn kind(&self) -> ReadingKind {
        self.why
    }
    /// The code points of [`from`](Reading::from), as `U+0410 U+0301`.
    pub fn code_points(&self) -> String {
        let mut out = String::new();
        for c in self.from.chars() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&format!("U+{:04X}", c as u32));
        }
        out
    }
}

impl fmt::Display for Reading {
    /// `"А" (U+0410) read as "a": lookalike`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let points = self.code_points();
        match self.to.as_str() {
            "" => write!(f, "{:?} ({points}) removed: {}", self.from, self.why),
            to => write!(f, "{:?} ({points}) read as {to:?}: {}", self.from, self.why),
        }
    }
}

/// The one edit that turns a term into a typo-squat of it, in the term's letters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "op",
        rename_all = "kebab-case",
        rename_all_fields = "kebab-case"
    )
)]
#[non_exhaustive]
pub enum Edit {
    /// Two adjacent letters of the term written the other way round (`Mircosoft`:
    /// `"cr" swapped`).
    Swapped {
        /// The two letters, as the term writes them.
        letters: String,
    },
    /// A letter of the term left out (`Micrsoft`: `"o" missing`).
    Missing {
        /// The letter.
        letter: String,
    },
    /// A letter the term does not have (`Microsofft` is a repeat, `Microsgoft` adds `"g"`).
    Added {
        /// The letter.
        letter: String,
    },
    /// A letter of the term written as another (`Microzoft`: `"z" for "s"`).
    Replaced {
        /// The letter written.
        written: String,
        /// The term's letter.
        expected: String,
    },
    /// A letter the term doubles written once (`Gogle`: `"o" not doubled`).
    NotDoubled {
        /// The letter.
        letter: String,
    },
    /// A letter moved two or three places (`rceat` for the protected name `react`:
    /// `"c" moved`).
    Moved {
        /// The letter.
        letter: String,
    },
}

impl From<Slip> for Edit {
    fn from(slip: Slip) -> Edit {
        let letter = |b: u8| char::from(b).to_string();
        match slip {
            Slip::Missing {
                letter: l,
                doubled: true,
                ..
            } => Edit::NotDoubled { letter: letter(l) },
            Slip::Missing { letter: l, .. } => Edit::Missing { letter: letter(l) },
            Slip::Added { letter: l, .. } => Edit::Added { letter: letter(l) },
            Slip::Swapped { letters, .. } => Edit::Swapped {
                letters: letters.iter().map(|&b| char::from(b)).collect(),
            },
            Slip::Moved { letter: l, .. } => Edit::Moved { letter: letter(l) },
            Slip::Replaced {
                written, expected, ..
            } => Edit::Replaced {
                written: letter(written),
                expected: letter(expected),
            },
        }
    }
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edit::Swapped { letters } => write!(f, "{letters:?} swapped"),
            Edit::Missing { letter } => write!(f, "{letter:?} missing"),
            Edit::Added { letter } => write!(f, "{letter:?} added"),
            Edit::Replaced { written, expected } => write!(f, "{written:?} for {expected:?}"),
            Edit::NotDoubled { letter } => write!(f, "{letter:?} not doubled"),
            Edit::Moved { letter } => write!(f, "{letter:?} moved"),
        }
    }
}

/// The form of a term that a hit matched: its text, and the reading of it whose skeleton
/// the hit is.
pub(crate) struct Form<'a> {
    pub(crate) text: &'a str,
    pub(crate) skeleton: &'a Skeleton,
}

/// A stretch of the hit that the name and the term each wrote at once: symbols that came
/// from one original character on either side (`m` is `rn`; `zz` is `z`).
struct Group {
    name: Range<usize>,
    /// The term's text, when the hit is laid against a form of the term.
    term: Option<Range<usize>>,
    /// Skeleton bytes, relative to the hit.
    symbols: Range<usize>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Every reading that turns the text at `span` of `name` into the hit `hit` of
/// `skeleton`, laid against `form` (for a term or alias hit); without a form (a
/// typo-squat), against the skeleton itself.
pub(crate) fn readings(
    normalizer: &Normalizer,
    name: &str,
    span: Range<usize>,
    skeleton: &Skeleton,
    hit: Range<usize>,
    form: Option<&Form<'_>>,
) -> Vec<Reading> {
    let symbols = skeleton
        .as_bytes()
        .get(hit.clone())
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default();
    let mut groups: Vec<Group> = Vec::new();
    for (at, c) in symbols.char_indices() {
        // A symbol that two words share (`Team Microsoft`) counts only within the span.
        let full = skeleton.full_span_at(hit.start + at);
        let name_span = full.start.max(span.start)..full.end.min(span.end);
        let term_span = form.map(|f| f.skeleton.full_span_at(at));
        let end = at + c.len_utf8();
        if let Some(last) = groups.last_mut() {
            let same_term = match (&last.term, &term_span) {
                (Some(a), Some(b)) => overlaps(a, b),
                _ => false,
            };
            if overlaps(&last.name, &name_span) || same_term {
                last.name = last.name.start.min(name_span.start)..last.name.end.max(name_span.end);
                if let (Some(t), Some(b)) = (&mut last.term, term_span) {
                    *t = t.start.min(b.start)..t.end.max(b.end);
                }
                last.symbols.end = end;
                continue;
            }
        }
        groups.push(Group {
            name: name_span,
            term: term_span,
            symbols: at..end,
        });
    }
    let mut out = Vec::new();
    let mut at = span.start;
    let mut term_at = None;
    for group in &groups {
        // The term writes a separator here too (`Contoso Cloud`): none was skipped.
        let term_gap = match (term_at, &group.term, form) {
            (Some(end), Some(t), Some(f)) => {
                f.text.get(end..t.start).is_some_and(|g| !g.is_empty())
            }
            _ => false,
        };
        if group.name.start > at {
            gap(skeleton, name, at..group.name.start, term_gap, &mut out);
        }
        let to = match (&group.term, form) {
            (Some(t), Some(f)) => f.text.get(t.clone()).unwrap_or_default(),
            _ => symbols.get(group.symbols.clone()).unwrap_or_default(),
        };
        stretch(
            normalizer,
            skeleton,
            name,
            group.name.clone(),
            to,
            form.is_some(),
            &mut out,
        );
        at = at.max(group.name.end);
        term_at = group.term.as_ref().map(|t| t.end);
    }
    if span.end > at {
        gap(skeleton, name, at..span.end, false, &mut out);
    }
    out
}

/// The class of the character `c` by the tables (of a term's text, which is not read).
fn class_of(normalizer: &Normalizer, c: char) -> Class {
    if c.is_ascii() {
        normalizer.ascii_info(c as u8).class
    } else {
        normalizer.general_info(c).class
    }
}

/// The readings of original text between the symbols of a hit: invisibles removed and
/// separators skipped (none when the term has a separator there too), each run of one
/// kind as one reading.
fn gap(
    skeleton: &Skeleton,
    name: &str,
    range: Range<usize>,
    term_gap: bool,
    out: &mut Vec<Reading>,
) {
    let Some(text) = name.get(range.clone()) else {
        return;
    };
    let mut last: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let start = range.start + i;
        // Between the symbols of a hit the reader read nothing as a letter.
        let why = match skeleton.how_at(start) {
            Some(How::Invisible) => ReadingKind::Invisible,
            Some(How::Mark) => ReadingKind::Diacritic,
            _ if term_gap => continue,
            _ => ReadingKind::Separator,
        };
        let end = start + c.len_utf8();
        match last.map(|k| &mut out[k]) {
            Some(r) if r.why == why && r.span.end == start => {
                r.span.end = end;
                r.from.push(c);
            }
            _ => {
                last = Some(out.len());
                out.push(Reading {
                    span: start..end,
                    from: c.to_string(),
                    to: String::new(),
                    why,
                });
            }
        }
    }
}

/// The characters of `text`, each with the combining marks after it; an invisible
/// character on its own. `class` tells each character's class by its offset in `text`.
fn clusters(text: &str, class: impl Fn(usize, char) -> Class) -> Vec<(Range<usize>, Class)> {
    let mut out: Vec<(Range<usize>, Class)> = Vec::new();
    for (i, c) in text.char_indices() {
        let class = class(i, c);
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some((r, base)) if class == Class::Mark && *base != Class::Ignorable => r.end = end,
            _ => out.push((i..end, class)),
        }
    }
    out
}

/// The readings of one stretch of the name, `range`, read as `to` (the term's letters
/// when `aligned`, else the skeleton's symbols).
fn stretch(
    normalizer: &Normalizer,
    skeleton: &Skeleton,
    name: &str,
    range: Range<usize>,
    to: &str,
    aligned: bool,
    out: &mut Vec<Reading>,
) {
    let Some(from) = name.get(range.clone()) else {
        return;
    };
    if same_letters(from, to) {
        return;
    }
    // A run of characters that the reader read as one letter (`|\/|`, `ph`, `(V)`).
    if let Some((run, How::Leet)) = skeleton.note_at(range.start) {
        if run.end >= range.end {
            out.push(reading(
                name,
                range,
                &to.to_lowercase(),
                ReadingKind::Leetspeak,
            ));
            return;
        }
    }
    // The name's characters as the reader read them; the term's by what they are.
    let parts = clusters(from, |i, _| match skeleton.how_at(range.start + i) {
        Some(How::Invisible) => Class::Ignorable,
        Some(How::Mark) => Class::Mark,
        _ => Class::Letter,
    });
    for (r, class) in &parts {
        if *class == Class::Ignorable {
            out.push(reading(
                name,
                range.start + r.start..range.start + r.end,
                "",
                ReadingKind::Invisible,
            ));
        }
    }
    let bases: Vec<Range<usize>> = parts
        .iter()
        .filter(|(_, class)| *class != Class::Ignorable)
        .map(|(r, _)| range.start + r.start..range.start + r.end)
        .collect();
    let targets: Vec<&str> = clusters(to, |_, c| class_of(normalizer, c))
        .into_iter()
        .filter(|(_, class)| *class != Class::Ignorable)
        .filter_map(|(r, _)| to.get(r))
        .collect();
    let whole = |why| reading(name, range.clone(), &to.to_lowercase(), why);
    let ascii = |s: &str, f: fn(&u8) -> bool| s.bytes().all(|b| f(&b));
    match (bases.len(), targets.len()) {
        (_, 0) | (0, _) => {}
        (n, m) if n == m => {
            for (b, t) in bases.iter().zip(&targets) {
                if let Some(r) = character(skeleton, name, b.clone(), t, aligned) {
                    out.push(r);
                }
            }
        }
        (n, m) if n > m => {
            let lower = to.to_lowercase();
            let repeat = bases.iter().all(|b| {
                name.get(b.clone()).is_some_and(|b| {
                    b.chars().all(|c| c.is_lowercase() || c.is_uppercase())
                        && lower.contains(&b.to_lowercase())
                })
            });
            if ascii(from, u8::is_ascii_punctuation) {
                out.push(whole(ReadingKind::Leetspeak));
            } else if repeat {
                // `zzz` for `z`: the letters as written, more of them.
                out.push(whole(ReadingKind::Repeat));
            } else if ascii(from, u8::is_ascii_alphabetic) && ascii(to, u8::is_ascii_alphabetic) {
                // `rn` for `m`, `vv` for `w`.
                if aligned {
                    out.push(whole(ReadingKind::Lookalike));
                }
            } else {
                for (k, b) in bases.iter().enumerate() {
                    let t = targets[k.min(m - 1)];
                    if let Some(r) = character(skeleton, name, b.clone(), t, aligned) {
                        out.push(r);
                    }
                }
                out.push(whole(ReadingKind::Repeat));
            }
        }
        _ => {
            // One character for several letters: `m` for `rn`, `ß` for `ss`, `ﬁ` for `fi`.
            if let Some(r) = character(skeleton, name, range.clone(), to, aligned) {
                out.push(r);
            }
        }
    }
}

/// Whether `a` and `b` are the same letters, in any case.
fn same_letters(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

fn reading(name: &str, span: Range<usize>, to: &str, why: ReadingKind) -> Reading {
    Reading {
        from: name.get(span.clone()).unwrap_or_default().to_owned(),
        span,
        to: to.to_owned(),
        why,
    }
}

/// The reading of one character of the name (with its combining marks) at `span`, read
/// as `to`; `None` when it is `to` as written.
fn character(
    skeleton: &Skeleton,
    name: &str,
    span: Range<usize>,
    to: &str,
    aligned: bool,
) -> Option<Reading> {
    let from = name.get(span.clone())?;
    if same_letters(from, to) {
        return None;
    }
    let mut chars = from.chars();
    let base = chars.next()?;
    let marked = chars.next().is_some();
    let to = to.to_lowercase();
    let why = match skeleton.how_at(span.start) {
        _ if marked && same_letters(base.encode_utf8(&mut [0; 4]), &to) => ReadingKind::Diacritic,
        Some(How::Leet) => ReadingKind::Leetspeak,
        Some(How::Also) => {
            second_reading(base as u32).map_or(ReadingKind::Lookalike, |(_, why)| why)
        }
        // Through the tables: an ASCII letter read as another is a look-alike (`l` is the
        // skeleton's `i`: as written, in a typo-squat), a letter that is its own skeleton
        // one of another script, and any other character as its tables came to it.
        _ if base.is_ascii_alphabetic() || !base.is_ascii() && !mapped(base) => {
            if !aligned {
                return None;
            }
            ReadingKind::Lookalike
        }
        _ if base.is_ascii() => ReadingKind::Leetspeak,
        _ => read_as(base),
    };
    Some(reading(name, span, &to, why))
}

/// The ASCII letters a Latin letter with diacritics, a compatibility form or a case form
/// stands for (`Ü` is `u`, `ﬁ` is `fi`, `ß` is `ss`), for readable rule ids; `None` for a
/// look-alike or a letter of another script. A combining mark stands for nothing.
pub(crate) fn plain_letters(c: char) -> Option<String> {
    if !c.is_ascii() && class_of(&Normalizer::new(), c) == Class::Mark {
        return Some(String::new());
    }
    if c.is_ascii() || !mapped(c) || read_as(c) == ReadingKind::Lookalike {
        return None;
    }
    let info = Normalizer::new().general_info(c);
    let bytes = info.bytes();
    let ascii = !bytes.is_empty() && bytes.iter().all(u8::is_ascii_alphanumeric);
    ascii.then(|| String::from_utf8_lossy(bytes).into_owned())
}

/// Whether the tables map `c` to a skeleton other than itself.
fn mapped(c: char) -> bool {
    let cp = c as u32;
    let k = tables::RANGES
        .partition_point(|r| r.0 <= cp)
        .saturating_sub(1);
    tables::RANGES[k].1 == Kind::Mapped
}

/// How the tables came to the skeleton of the mapped character `c`.
fn read_as(c: char) -> ReadingKind {
    let cp = c as u32;
    match tables::READ_AS.partition_point(|r| r.0 <= cp) {
        0 => ReadingKind::Lookalike,
        k => tables::READ_AS[k - 1].1,
    }
}

/// The one edit from the term's form `term` (a reading of `text`) to the hit `hit` of
/// `skeleton` (a reading of `name`), in the letters as each wrote them: `None` when they
/// are not one edit apart.
pub(crate) fn edit(
    name: &str,
    skeleton: &Skeleton,
    hit: Range<usize>,
    text: &str,
    term: &Skeleton,
) -> Option<Edit> {
    let word = skeleton.as_bytes().get(hit.clone())?;
    let form = term.as_bytes();
    // The letters of skeleton bytes `range` as the name or the term wrote them.
    // The first character of the symbol: a repeat (`zz`) or a symbol two words share
    // (`o` in `azuro-org`) spans more.
    let written = |range: Range<usize>| -> Option<String> {
        let span = skeleton.source_span(hit.start + range.start..hit.start + range.end);
        let first = name.get(span)?.chars().next()?;
        Some(first.to_lowercase().collect())
    };
    let expected = |range: Range<usize>| -> Option<String> {
        Some(text.get(term.source_span(range))?.to_lowercase())
    };
    let len = |bytes: &[u8], at: usize| bytes.get(at).map_or(1, |&b| symbol_len(b));
    if word == form {
        // One doubled letter short.
        let mut mask = term.view().repeat_mask();
        while mask != 0 {
            let at = mask.trailing_zeros() as usize;
            if !skeleton.is_repeat(hit.start + at) {
                let letter = written(at..at + len(form, at))?;
                return Some(Edit::NotDoubled { letter });
            }
            mask &= mask - 1;
        }
        return None;
    }
    // In letters first, where an `m` is one (`Azume` has "m" for "r", not an "m" added).
    let (form_letters, form_at) = letters(form);
    let explain = |word: &[u8], written: &dyn Fn(Range<usize>) -> Option<String>| {
        let (word_letters, word_at) = letters(word);
        if (word_letters.len(), form_letters.len()) != (word.len(), form.len())
            && crate::matcher::one_edit_apart(&word_letters, &form_letters)
        {
            let at = |starts: &[usize], range: Range<usize>| starts[range.start]..starts[range.end];
            return one_edit(
                &word_letters,
                &form_letters,
                |range| written(at(&word_at, range)),
                &|range| expected(at(&form_at, range)),
            );
        }
        one_edit(word, form, written, &expected)
    };
    // A letter that repeats the symbol of another (`il` is `i`, `rm` is `r`, `n`) is
    // explained as written, each letter on its own (`Milrosoft` has "l" for "c").
    let by_another = (0..word.len()).find(|&at| {
        skeleton.is_repeat(hit.start + at) && {
            let span = skeleton.source_span(hit.start + at..hit.start + at + 1);
            let mut letters = name
                .get(span)
                .unwrap_or_default()
                .chars()
                .flat_map(char::to_lowercase);
            let first = letters.next();
            letters.any(|c| Some(c) != first)
        }
    });
    if let Some(at) = by_another {
        let n = len(word, at);
        let mut as_written = word[..at + n].to_vec();
        as_written.extend_from_slice(&word[at..]);
        // The second copy is the last letter of the repeat.
        let last = || -> Option<String> {
            let span = skeleton.source_span(hit.start + at..hit.start + at + n);
            Some(name.get(span)?.chars().last()?.to_lowercase().collect())
        };
        let written_apart = |range: Range<usize>| -> Option<String> {
            match range.start {
                s if s == at + n => last(),
                s if s > at + n => written(s - n..range.end - n),
                _ => written(range),
            }
        };
        if let Some(edit) = explain(&as_written, &written_apart) {
            return Some(edit);
        }
    }
    explain(word, &written)
}

/// The letter form of skeleton bytes `bytes` (each `rn` as one `m`, as typo-squats are
/// found), and where each of its bytes starts in `bytes` (with the end last).
fn letters(bytes: &[u8]) -> (Vec<u8>, Vec<usize>) {
    let (mut out, mut starts) = (Vec::with_capacity(bytes.len()), Vec::new());
    let mut i = 0;
    while i < bytes.len() {
        starts.push(i);
        if bytes[i..].starts_with(b"rn") {
            out.push(b'm');
            i += 2;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    starts.push(bytes.len());
    (out, starts)
}

/// The one edit from `form` to `word` (skeleton bytes, or both letter forms), named by
/// the letters that `written` and `expected` give for ranges of each: `None` when they
/// are not one edit apart.
fn one_edit(
    word: &[u8],
    form: &[u8],
    written: impl Fn(Range<usize>) -> Option<String>,
    expected: &dyn Fn(Range<usize>) -> Option<String>,
) -> Option<Edit> {
    if !crate::matcher::one_edit_apart(word, form) {
        return None;
    }
    let len = |bytes: &[u8], at: usize| bytes.get(at).map_or(1, |&b| symbol_len(b));
    let i = word.iter().zip(form).take_while(|(a, b)| a == b).count();
    Some(match word.len().cmp(&form.len()) {
        Ordering::Less => Edit::Missing {
            letter: expected(i..i + len(form, i))?,
        },
        Ordering::Greater => Edit::Added {
            letter: written(i..i + len(word, i))?,
        },
        Ordering::Equal => {
            let a = len(form, i);
            let b = len(form, i + a);
            let swapped = word.get(i..i + b) == form.get(i + a..i + a + b)
                && word.get(i + b..i + a + b) == form.get(i..i + a)
                && word.get(i + a + b..) == form.get(i + a + b..);
            if swapped {
                Edit::Swapped {
                    letters: expected(i..i + a + b)?,
                }
            } else {
                Edit::Replaced {
                    written: written(i..i + len(word, i))?,
                    expected: expected(i..i + a)?,
                }
            }
        }
    })
}
