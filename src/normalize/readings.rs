//! Choice points: where a name can be read more than one way, and how one reading is told
//! apart from another.
//!
//! Some characters stand for more than one thing: `6` may be `b` or `g`, `9` may be `g`
//! or `q`, a digit or symbol that stands for a letter may also be just a digit or symbol,
//! which separates words (`Micr0s0f+` ends in `t`, `Az#ure` is `Az ure`), and a run of
//! characters may draw one letter (`|\/|` is `m`, `ph` is `f`) or be read character by
//! character. The reader does not guess. At each such place, a *choice point*, it asks a
//! [`Choices`] which alternative to take; a reading is the sequence of picks, its *tape*.
//! The reader is deterministic given the picks, so a tape replays exactly one reading.
//!
//! Nothing here enumerates readings for a verdict. The matcher's search
//! (`matcher/paths.rs`) steps every live reading of a name at once, one character at a
//! time, and merges readings that reach the same state, so its cost has no cap to
//! exhaust; it asks [`each_tape`] only for the few alternatives of one character. The
//! first reading ([`Choices::first`]) takes the first alternative everywhere: it is the
//! skeleton a person most likely means, the one [`Normalizer::normalize`]
//! (super::Normalizer::normalize) returns.
//!
//! A policy reads only the choices that can matter to it: a choice between two letters
//! that no term or exception holds cannot change a hit, so it takes its first alternative
//! without being a choice point. [`Choices::relevant`] says which letters matter.

use std::ops::ControlFlow;

/// The alternative of a choice point that reads a symbol as a separator instead of a
/// letter (`+` is `t`, or nothing between two words).
pub(crate) const SEPARATOR: u8 = b' ';

/// The picks of one reading of a name: at choice point `k`, the `k`th pick of the tape,
/// or the first alternative past its end.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Choices<'t> {
    /// The letters (as bits of `b & 63`) whose choice matters; `u64::MAX` for all.
    relevant: u64,
    /// The picks (0 for the first alternative, 1 for the second), point by point.
    tape: &'t [u8],
    /// Choice points met so far in this reading.
    met: usize,
    /// The plain reading: every symbol and run read as what it is written as.
    plain: bool,
    /// The transliterated reading: the plain reading, with each letter of another script
    /// that has Latin letters read as them (`Мікрософт` is `mikrosoft`).
    transliterated: bool,
    /// The lettered reading: every digit, symbol and run that stands for a letter read as
    /// it (its first letter, when two).
    lettered: bool,
    /// Whether this reading read a symbol or run as a separator, or as what it is
    /// written as, where the lettered reading reads a letter.
    unlettered: bool,
}

impl Default for Choices<'_> {
    fn default() -> Self {
        Choices::first()
    }
}

impl<'t> Choices<'t> {
    /// The choices of a first reading: the first alternative everywhere.
    pub(crate) const fn first() -> Choices<'static> {
        Choices::relevant(u64::MAX)
    }

    /// The choices of a first reading, for a policy to which only choices between letters
    /// of `letters` (as bits of `b & 63`) matter.
    pub(crate) const fn relevant(letters: u64) -> Choices<'static> {
        Choices {
            relevant: letters,
            tape: &[],
            met: 0,
            plain: false,
            transliterated: false,
            lettered: false,
            unlettered: false,
        }
    }

    /// The plain reading: every digit, symbol and run read as what it is written as
    /// (`@azuro` is `azuro`, where the first reading is `azuro` with its `a` doubled by
    /// leetspeak), the reading in which a misspelling shows as written.
    pub(crate) const fn plain(letters: u64) -> Choices<'static> {
        Choices {
            plain: true,
            ..Choices::relevant(letters)
        }
    }

    /// The transliterated reading: the plain reading, with each letter of another script
    /// that has Latin letters ([`transliteration`](super::transliteration)) read as them,
    /// the reading in which a term spelt by sound shows (`Мікрософт` is `mikrosoft`).
    pub(crate) const fn transliterated(letters: u64) -> Choices<'static> {
        Choices {
            plain: true,
            transliterated: true,
            ..Choices::relevant(letters)
        }
    }

    /// The lettered reading: every digit, symbol and run of symbols that stands for a
    /// letter read as it (a run of letters, `ph`, as in the first reading), wherever it
    /// stands (`Micosof+` is `micosoft`, `M ! c r o s f t`
    /// is `microsft`; the first reading reads a symbol as a letter only before a letter),
    /// the reading in which a misspelling written in leetspeak shows.
    pub(crate) const fn lettered(letters: u64) -> Choices<'static> {
        Choices {
            lettered: true,
            ..Choices::relevant(letters)
        }
    }

    /// Whether this is the lettered reading.
    #[inline]
    pub(crate) fn is_lettered(&self) -> bool {
        self.lettered
    }

    /// Whether this is the transliterated reading.
    #[inline]
    pub(crate) fn transliterates(&self) -> bool {
        self.transliterated
    }

    /// Whether this is the plain reading.
    #[inline]
    pub(crate) fn is_plain(&self) -> bool {
        self.plain
    }

    /// The reading that `tape` picks, for a policy to which `letters` matter.
    pub(crate) const fn replay(letters: u64, tape: &'t [u8]) -> Choices<'t> {
        Choices {
            tape,
            ..Choices::relevant(letters)
        }
    }

    /// A reading starts over.
    #[inline]
    pub(crate) fn rewind(&mut self) {
        self.met = 0;
    }

    /// How many choice points this reading has met so far.
    #[inline]
    pub(crate) fn met(&self) -> usize {
        self.met
    }

    /// Whether `letter` can matter to the policy.
    #[inline]
    pub(crate) fn matters(&self, letter: u8) -> bool {
        self.relevant >> (letter & 63) & 1 != 0
    }

    /// The letter to read for a character that stands for `letters` (one letter, or two
    /// alternatives, the first first).
    #[inline]
    pub(crate) fn pick(&mut self, letters: [u8; 2]) -> u8 {
        if letters[1] == 0 {
            return letters[0];
        }
        self.pick_between(letters)
    }

    #[inline(never)]
    fn pick_between(&mut self, letters: [u8; 2]) -> u8 {
        let bits = 1u64 << (letters[0] & 63) | 1u64 << (letters[1] & 63);
        // Reading a symbol as a separator may split or join words for any term.
        if self.relevant & bits == 0 && !letters.contains(&SEPARATOR) {
            return letters[0];
        }
        if self.plain || self.lettered {
            self.met += 1;
            // The plain reading takes the separator, the lettered one the letter.
            return match letters.iter().position(|&l| l == SEPARATOR) {
                Some(at) if !self.plain => letters[1 - at],
                Some(_) => SEPARATOR,
                None => letters[0],
            };
        }
        let picked = letters[usize::from(self.branch())];
        self.unlettered |= picked == SEPARATOR;
        picked
    }

    /// Whether this reading read a symbol or run as a separator, or as what it is
    /// written as, where the lettered reading reads a letter: only then does the lettered
    /// reading differ from it.
    #[inline]
    pub(crate) fn unlettered(&self) -> bool {
        self.unlettered
    }

    /// A run of symbols that may draw a letter (`|\/|`) is not read so.
    #[inline]
    pub(crate) fn run_unlettered(&mut self) {
        self.unlettered = true;
    }

    /// Whether a letter that a person may also read as `other` (`ſ` as `f`) is read so,
    /// a choice point after its own skeleton when `other` can matter; the plain reading
    /// keeps its own.
    #[inline(never)]
    pub(crate) fn other_letter(&mut self, other: u8) -> bool {
        if !self.matters(other) {
            return false;
        }
        if self.plain {
            self.met += 1;
            return false;
        }
        self.branch()
    }

    /// A choice point between two ways of reading: false for the first, true for the
    /// second.
    #[inline]
    pub(crate) fn branch(&mut self) -> bool {
        let pick = self.tape.get(self.met).copied().unwrap_or(0);
        self.met += 1;
        pick != 0
    }
}

/// Calls `read` with every tape, depth first, first alternatives first: `read` reads with
/// the picks of the tape it is given (and first alternatives past its end) and returns how
/// many choice points it met, or breaks. Every reading is reached exactly once, even
/// though a pick may change which choice points come after it (a run read as one letter
/// has none inside it).
///
/// The number of readings is a product over the choice points: the matcher's search
/// calls this only for the alternatives of one character, and the slow oracle of the
/// tests for whole names of a few choice points.
pub(crate) fn each_tape<B>(mut read: impl FnMut(&[u8]) -> ControlFlow<B, usize>) -> ControlFlow<B> {
    let mut tape: Vec<u8> = Vec::new();
    loop {
        let met = read(&tape)?;
        // The full picks of this reading: the tape, then first alternatives.
        tape.resize(met.max(tape.len()), 0);
        tape.truncate(met);
        // The next reading: the last first alternative taken turns to the second, and
        // the points after it are met anew.
        match tape.iter().rposition(|&p| p == 0) {
            Some(at) => {
                tape.truncate(at);
                tape.push(1);
            }
            None => return ControlFlow::Continue(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The picks of every reading of a name whose choice points have `points` as their
    /// alternatives, in order.
    fn readings(points: &[[u8; 2]]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let _ = each_tape::<()>(|tape| {
            let mut choices = Choices::replay(u64::MAX, tape);
            out.push(points.iter().map(|&p| choices.pick(p)).collect());
            ControlFlow::Continue(choices.met())
        });
        out
    }

    #[test]
    fn a_name_without_choice_points_is_read_once() {
        assert_eq!(readings(&[]), vec![Vec::<u8>::new()]);
        assert_eq!(readings(&[[b'a', 0]]), vec![vec![b'a']]);
    }

    #[test]
    fn every_combination_is_read_once() {
        let bg = [b'b', b'g'];
        let gq = [b'g', b'q'];
        let got = readings(&[bg, gq, bg]);
        assert_eq!(got.len(), 8);
        let mut sorted = got.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 8);
        assert_eq!(got[0], b"bgb", "the first reading takes first alternatives");
    }

    /// A pick may decide whether later points are met at all: each tape is still read
    /// once.
    #[test]
    fn points_that_depend_on_picks_are_enumerated_once_each() {
        let mut seen = Vec::new();
        let _ = each_tape::<()>(|tape| {
            let mut c = Choices::replay(u64::MAX, tape);
            let mut path = Vec::new();
            if c.branch() {
                path.push(b'F');
            } else {
                path.push(if c.branch() { b'b' } else { b'a' });
                path.push(if c.branch() { b'd' } else { b'c' });
            }
            seen.push(path);
            ControlFlow::Continue(c.met())
        });
        assert_eq!(
            seen,
            [&b"ac"[..], b"ad", b"bc", b"bd", b"F"].map(|s| s.to_vec())
        );
    }

    #[test]
    fn choices_that_cannot_matter_are_no_points() {
        let bits = |s: &[u8]| s.iter().fold(0u64, |m, &b| m | 1 << (b & 63));
        let mut c = Choices::relevant(bits(b"azure"));
        assert_eq!(c.pick([b'b', b'g']), b'b');
        assert_eq!(c.met(), 0);
        let mut c = Choices::replay(bits(b"google"), &[1]);
        assert_eq!(c.pick([b'b', b'g']), b'g');
        assert_eq!(c.met(), 1);
        // A separator may always matter.
        let mut c = Choices::relevant(bits(b"azure"));
        assert_eq!(c.pick([b't', SEPARATOR]), b't');
        assert_eq!(c.met(), 1);
    }
}
