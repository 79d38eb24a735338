//! Readings: a name whose characters can be read more than one way is read every way.
//!
//! Some characters stand for more than one thing: `6` may be `b` or `g`, `9` may be `g`
//! or `q`, and a digit or symbol that stands for a letter may also be just a digit or
//! symbol, which separates words (`Micr0s0f+` ends in `t`, `Az#ure` is `Az ure`). The
//! reader does not guess. Each such character is a *choice point*: the
//! reader asks a [`Choices`] which letter to read there, and the name is read once per
//! combination of choices. Every reading is an ordinary, linear skeleton, so everything
//! after the reader (the matcher, the typo-squat index, the prefilter's pass) handles one
//! reading at a time with no notion of ambiguity, and a term found in any reading counts.
//!
//! The first reading takes the first alternative everywhere and counts the choice points
//! on the way; a name without any (almost every name) is read once. Choice points are
//! met in the same order in every reading, because a choice changes only which symbol the
//! reader emits, never how it splits the name into characters.
//!
//! A policy reads only the choices that can matter to it: a choice between two letters
//! that no term, exception or typo-squat term holds cannot change a hit (a term match
//! holds none of them, and a run of words holding one is a mismatch either way, and
//! never one edit from a term with a second one next to it), so it takes its first
//! alternative without making another reading. [`Choices::relevant`] says which letters
//! matter.
//!
//! The combinations grow as a product, so past [`MAX_READINGS`] the choices are tied:
//! every choice point with the same alternatives (every `6`, say) takes the same one,
//! and past that budget too, the remaining choice points keep their first alternative.
//! A hostile name of thousands of ambiguous digits is therefore read a bounded number of
//! times; a disguise that needs two `6`s read differently, in a name with more than
//! [`MAX_READINGS`] combinations, is the price.

/// The alternative of a choice point that reads a symbol as a separator instead of a
/// letter (`+` is `t`, or nothing between two words).
pub(crate) const SEPARATOR: u8 = b' ';

/// The most readings of one name.
pub(crate) const MAX_READINGS: usize = 64;

/// Choice points tracked; later ones keep their first alternative.
const MAX_POINTS: usize = 64;

/// How the current reading picks at each choice point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// The first reading: first alternatives, and record every point.
    First,
    /// One pick per point.
    EachPoint,
    /// One pick per distinct set of alternatives.
    ByAlternatives,
}

/// The choices of one reading of a name, and the plan for the next ones.
#[derive(Clone, Debug)]
pub(crate) struct Choices {
    mode: Mode,
    /// The letters (as bits of `b & 63`) whose choice matters; `u64::MAX` for all.
    relevant: u64,
    /// Choice points met so far in this reading.
    met: usize,
    /// The alternatives at each point met in the first reading.
    points: [[u8; 2]; MAX_POINTS],
    /// How many points the first reading met (at most `MAX_POINTS` are recorded).
    recorded: usize,
    /// The distinct alternatives, in [`Mode::ByAlternatives`].
    groups: [[u8; 2]; MAX_POINTS],
    group_count: usize,
    /// The current pick (0 or 1) of each point, or of each group.
    picks: [u8; MAX_POINTS],
    /// How many of `picks` vary (the others stay 0).
    varying: usize,
}

impl Default for Choices {
    fn default() -> Self {
        Choices::first()
    }
}

impl Choices {
    /// The choices of a first reading: the first alternative everywhere.
    pub(crate) fn first() -> Choices {
        Choices::relevant(u64::MAX)
    }

    /// The choices of a first reading, for a policy to which only choices between letters
    /// of `letters` (as bits of `b & 63`) matter.
    pub(crate) fn relevant(letters: u64) -> Choices {
        Choices {
            relevant: letters,
            mode: Mode::First,
            met: 0,
            points: [[0; 2]; MAX_POINTS],
            recorded: 0,
            groups: [[0; 2]; MAX_POINTS],
            group_count: 0,
            picks: [0; MAX_POINTS],
            varying: 0,
        }
    }

    /// A reading starts over.
    #[inline]
    pub(crate) fn rewind(&mut self) {
        self.met = 0;
    }

    /// The letter to read for a character that stands for `letters` (one letter, or two
    /// alternatives).
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
        let at = self.met;
        self.met += 1;
        let pick = match self.mode {
            Mode::First => {
                if at < MAX_POINTS {
                    self.points[at] = letters;
                    self.recorded = at + 1;
                }
                0
            }
            Mode::EachPoint => self.picks.get(at).copied().unwrap_or(0),
            Mode::ByAlternatives => {
                let group = self.groups[..self.group_count]
                    .iter()
                    .position(|&g| g == letters);
                group.map_or(0, |g| self.picks[g])
            }
        };
        letters[usize::from(pick)]
    }

    /// After the first reading: whether there are more, and if so, the choices of the
    /// second.
    fn plan(&mut self) -> bool {
        if self.recorded == 0 {
            return false;
        }
        let budget = MAX_READINGS.trailing_zeros() as usize;
        if self.recorded <= budget {
            self.mode = Mode::EachPoint;
            self.varying = self.recorded;
        } else {
            self.mode = Mode::ByAlternatives;
            for &letters in &self.points[..self.recorded] {
                if !self.groups[..self.group_count].contains(&letters) {
                    self.groups[self.group_count] = letters;
                    self.group_count += 1;
                }
            }
            self.varying = self.group_count.min(budget);
        }
        self.advance()
    }

    /// The choices of the next reading; false after the last.
    fn advance(&mut self) -> bool {
        for pick in &mut self.picks[..self.varying] {
            if *pick == 0 {
                *pick = 1;
                return true;
            }
            *pick = 0;
        }
        false
    }
}

/// Calls `read` once per reading of a name that matters to a policy whose patterns hold
/// the letters `relevant` (see [`Choices::relevant`]): first with the first alternatives
/// everywhere, then, if that reading met choice points, with each other combination (see
/// the module docs), until `read` breaks.
#[inline]
pub(crate) fn each_reading<B>(
    relevant: u64,
    mut read: impl FnMut(&mut Choices) -> std::ops::ControlFlow<B>,
) -> std::ops::ControlFlow<B> {
    let mut choices = Choices::relevant(relevant);
    read(&mut choices)?;
    if choices.plan() {
        each_further_reading(&mut choices, read)?;
    }
    std::ops::ControlFlow::Continue(())
}

#[inline(never)]
fn each_further_reading<B>(
    choices: &mut Choices,
    mut read: impl FnMut(&mut Choices) -> std::ops::ControlFlow<B>,
) -> std::ops::ControlFlow<B> {
    loop {
        read(choices)?;
        if !choices.advance() {
            return std::ops::ControlFlow::Continue(());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;

    /// The picks of every reading of a name whose choice points have `points` as their
    /// alternatives, in order.
    fn readings(points: &[[u8; 2]]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let _ = each_reading::<()>(u64::MAX, |choices| {
            choices.rewind();
            out.push(points.iter().map(|&p| choices.pick(p)).collect());
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn a_name_without_choice_points_is_read_once() {
        assert_eq!(readings(&[]), vec![Vec::<u8>::new()]);
        assert_eq!(readings(&[[b'a', 0]]), vec![vec![b'a']]);
    }

    #[test]
    fn every_combination_is_read_while_there_are_few() {
        let bg = [b'b', b'g'];
        let gq = [b'g', b'q'];
        let mut got = readings(&[bg, gq]);
        got.sort();
        assert_eq!(got, [b"bg", b"bq", b"gg", b"gq"].map(|r| r.to_vec()));
    }

    #[test]
    fn past_the_budget_equal_alternatives_are_read_alike() {
        let bg = [b'b', b'g'];
        let gq = [b'g', b'q'];
        let points = [bg, gq, bg, gq, bg, gq, bg, gq];
        let got = readings(&points);
        assert_eq!(got.len(), 4);
        for reading in &got {
            for (i, p) in reading.iter().enumerate() {
                assert_eq!(*p, reading[i % 2], "{reading:?}");
            }
        }
        assert!(got.iter().any(|r| r[0] == b'g' && r[1] == b'g'));
    }

    #[test]
    fn choices_that_cannot_matter_make_no_reading() {
        let bits = |s: &[u8]| s.iter().fold(0u64, |m, &b| m | 1 << (b & 63));
        let mut count = 0;
        let _ = each_reading::<()>(bits(b"azure"), |choices| {
            choices.rewind();
            assert_eq!(choices.pick([b'b', b'g']), b'b');
            count += 1;
            ControlFlow::Continue(())
        });
        assert_eq!(count, 1);
        let mut got = Vec::new();
        let _ = each_reading::<()>(bits(b"google"), |choices| {
            choices.rewind();
            got.push(choices.pick([b'b', b'g']));
            ControlFlow::Continue(())
        });
        assert_eq!(got, b"bg");
    }

    #[test]
    fn hostile_counts_of_choice_points_stay_bounded() {
        let points: Vec<[u8; 2]> = (0..10_000u32)
            .map(|i| [b'a' + (i % 26) as u8, b'A' + (i % 37) as u8])
            .collect();
        let got = readings(&points);
        assert!(got.len() <= MAX_READINGS, "{}", got.len());
        assert!(got.len() > 1);
    }
}
