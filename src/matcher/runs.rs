//! The runs-of-words rule of typo-squats, written once: a typo-squat is a word, or up to
//! [`MAX_RUN_WORDS`] adjacent words read as one (`Micro Sotf`), or a run of more words of
//! one letter each, spelt out (`M-i-c-r-o-s-f-t`), or the words between two separators,
//! however many case splits them into (`mICrosOTf`). The pipeline's typo-squat scan and
//! the prefilter's pass take their runs from [`Runs`], [`Spelled`] and [`Stretch`]; the
//! prefilter's census sums the same runs with [`RunSums`], counts the letters spelt out,
//! and sums longer runs of words where case splits them.

use std::ops::Range;

use crate::normalize::View;

/// The most words one typo-squat may span.
pub(crate) const MAX_RUN_WORDS: usize = 3;

/// The last few words of a name, as they come: each new word ends one run per word
/// before it, up to [`MAX_RUN_WORDS`] words long.
///
/// Each word is written twice, at `next` and `next + MAX_RUN_WORDS`, so that the last
/// words are always one slice, oldest first, without moving any (moving them would also
/// make the processor wait on each word just written).
#[derive(Clone, Debug, Default)]
pub(crate) struct Runs<W: Clone + Default> {
    recent: [W; 2 * MAX_RUN_WORDS],
    /// Where the next word goes, below `MAX_RUN_WORDS`.
    next: usize,
    /// How many words came, up to `MAX_RUN_WORDS`.
    count: usize,
}

impl<W: Clone + Default> Runs<W> {
    /// Takes the next word, and returns the words of the runs that end with it, oldest
    /// first: every suffix of the slice that holds `word` is a run, the whole slice the
    /// longest.
    #[inline]
    pub(crate) fn push(&mut self, word: W) -> &[W] {
        let at = self.next;
        self.recent[at] = word.clone();
        self.recent[at + MAX_RUN_WORDS] = word;
        self.next = if at + 1 == MAX_RUN_WORDS { 0 } else { at + 1 };
        self.count = (self.count + 1).min(MAX_RUN_WORDS);
        let end = at + MAX_RUN_WORDS + 1;
        &self.recent[end - self.count..end]
    }
}

/// The runs that end with the latest word as sums of their words, for words that add up
/// (the census of a word) and whose default adds nothing: each new word is added to the
/// runs that end before it, with nothing kept but the sums.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RunSums<W> {
    /// `sums[k]`: the run of the last `k + 1` words.
    sums: [W; MAX_RUN_WORDS],
}

impl<W: Copy + Default + std::ops::Add<Output = W>> RunSums<W> {
    /// Takes the next word, and returns the runs that end with it, shortest first. Near
    /// the start of a name, where fewer words came, the longest runs are the run of every
    /// word so far again (a fixed number of sums, in registers, costs less than a count).
    #[inline(always)]
    pub(crate) fn push(&mut self, word: W) -> &[W; MAX_RUN_WORDS] {
        for k in (1..MAX_RUN_WORDS).rev() {
            self.sums[k] = self.sums[k - 1] + word;
        }
        self.sums[0] = word;
        &self.sums
    }
}

/// The words between two separators (or an end of the name), which case may split into
/// more words than a run holds: random case (`mICrosOTf` is `m`, `I`, `Cros`, `O`, `Tf`)
/// is no word boundary a writer meant. Such a stretch of more than [`MAX_RUN_WORDS`]
/// words is judged as one run too.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stretch {
    /// The words of the current stretch, the first [`MAX_STRETCH_WORDS`] of them kept.
    words: Words,
}

/// The most words of a stretch that are kept, for the misspellings further than one edit
/// (each word is a letter at least, so a longer stretch is longer than any term).
pub(crate) const MAX_STRETCH_WORDS: usize = 16;

/// The words of a stretch: where each starts and ends, the first [`MAX_STRETCH_WORDS`]
/// of them, and how many there are.
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    kept: [Range<usize>; MAX_STRETCH_WORDS],
    count: usize,
    end: usize,
}

impl Words {
    /// The span of the stretch.
    pub(crate) fn span(&self) -> Range<usize> {
        self.kept[0].start..self.end
    }

    /// Its words, when all of them are kept.
    pub(crate) fn all(&self) -> Option<&[Range<usize>]> {
        self.kept.get(..self.count)
    }
}

impl Stretch {
    /// Takes the next word of `view`, at `word`, and returns the stretch that ended before
    /// it (where a separator precedes it), if it holds more than [`MAX_RUN_WORDS`] words.
    #[inline]
    pub(crate) fn push_word(&mut self, view: View<'_>, word: Range<usize>) -> Option<Words> {
        let ended = if view.is_hard_start(word.start) {
            self.finish()
        } else {
            None
        };
        let words = &mut self.words;
        if let Some(slot) = words.kept.get_mut(words.count) {
            *slot = word.clone();
        }
        words.count += 1;
        words.end = word.end;
        ended
    }

    /// The last stretch, at the end of the name, if it holds more than [`MAX_RUN_WORDS`]
    /// words.
    #[inline]
    pub(crate) fn finish(&mut self) -> Option<Words> {
        // (Copied only then: most stretches are a word or two, and end at every separator.)
        let words = &mut self.words;
        let ended = (words.count > MAX_RUN_WORDS).then(|| words.clone());
        words.count = 0;
        ended
    }
}

/// The most words of one letter a spelt-out run holds: no term is as long.
const MAX_SPELLED: usize = 64;

/// The last words of one letter each of a name, as they come: a spelt-out run is more
/// than [`MAX_RUN_WORDS`] of them in a row (fewer make runs of words already).
#[derive(Clone, Debug)]
pub(crate) struct Spelled {
    /// Where each of the last words of one letter starts, in a ring.
    starts: [usize; MAX_SPELLED],
    /// Where the next start goes.
    next: usize,
    /// How many words of one letter in a row came last, up to `MAX_SPELLED`.
    count: usize,
}

impl Default for Spelled {
    fn default() -> Self {
        Spelled {
            starts: [0; MAX_SPELLED],
            next: 0,
            count: 0,
        }
    }
}

impl Spelled {
    /// Takes the next word of `view`, at `word`, and returns the spelt-out runs that end
    /// with it, the shortest first: each from the start of a one-letter word to the end
    /// of this one's letter (see [`View::one_letter`]).
    #[inline]
    pub(crate) fn push_word(
        &mut self,
        view: View<'_>,
        word: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> + '_ {
        let letter = view.one_letter(word.clone());
        let end = letter.as_ref().map_or(word.end, |l| l.end);
        self.push(word.start, letter.is_some())
            .map(move |start| start..end)
    }

    /// Takes the next word, which starts at `start` and is one letter or not (`single`),
    /// and returns where the spelt-out runs that end with it start, the shortest run
    /// first.
    #[inline]
    pub(crate) fn push(&mut self, start: usize, single: bool) -> impl Iterator<Item = usize> + '_ {
        if single {
            self.starts[self.next] = start;
            self.next = (self.next + 1) % MAX_SPELLED;
            self.count = (self.count + 1).min(MAX_SPELLED);
        } else {
            self.count = 0;
        }
        (MAX_RUN_WORDS + 1..=self.count)
            .map(|k| self.starts[(self.next + MAX_SPELLED - k) % MAX_SPELLED])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_word_ends_runs_of_up_to_three_words() {
        let mut runs = Runs::<u8>::default();
        assert_eq!(runs.push(1), [1]);
        assert_eq!(runs.push(2), [1, 2]);
        assert_eq!(runs.push(3), [1, 2, 3]);
        assert_eq!(runs.push(4), [2, 3, 4]);
        assert_eq!(runs.push(5), [3, 4, 5]);
        assert_eq!(runs.push(6), [4, 5, 6]);
        assert_eq!(runs.push(7), [5, 6, 7]);
    }

    #[test]
    fn run_sums_are_the_sums_of_the_same_runs() {
        let mut runs = Runs::<u32>::default();
        let mut sums = RunSums::<u32>::default();
        for word in [1, 20, 300, 4_000, 50_000] {
            let mut expected: Vec<u32> = Vec::new();
            let words = runs.push(word);
            for first in (0..words.len()).rev() {
                expected.push(words[first..].iter().sum());
            }
            // Fewer words than the longest run: the run of them all, again.
            let all = *expected.last().unwrap();
            expected.resize(MAX_RUN_WORDS, all);
            assert_eq!(sums.push(word).to_vec(), expected);
        }
    }

    #[test]
    fn a_stretch_between_separators_of_more_than_three_words_is_a_run() {
        let skeleton = crate::normalize::normalize("mICrosOTf AcmeCorp aZrUe");
        let view = skeleton.view();
        let mut stretch = Stretch::default();
        let mut runs: Vec<Range<usize>> = view
            .words()
            .filter_map(|word| stretch.push_word(view, word))
            .map(|words| words.span())
            .collect();
        runs.extend(stretch.finish().map(|words| words.span()));
        let texts: Vec<&[u8]> = runs.iter().map(|r| &view.bytes[r.clone()]).collect();
        // `AcmeCorp` is two words, `aZrUe` three: runs of words already.
        assert_eq!(texts, [&b"rnicrosotf"[..]]);
    }

    #[test]
    fn spelt_out_runs_are_more_than_three_words_of_one_letter() {
        let mut spelled = Spelled::default();
        let mut push = |start, single| spelled.push(start, single).collect::<Vec<_>>();
        assert!(push(0, false).is_empty());
        for (start, expected) in [(4, vec![]), (6, vec![]), (8, vec![]), (10, vec![4])] {
            assert_eq!(push(start, true), expected);
        }
        assert_eq!(push(12, true), [6, 4]);
        // A longer word ends the letters spelt out.
        assert!(push(14, false).is_empty());
        assert!(push(20, true).is_empty());
    }
}
