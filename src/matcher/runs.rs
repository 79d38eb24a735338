//! The runs-of-words rule of typo-squats, written once: a typo-squat is a word, or up to
//! [`MAX_RUN_WORDS`] adjacent words read as one (`Micro Sotf`). The pipeline's typo-squat
//! scan, the prefilter's pass and the prefilter's census all take their runs from
//! [`Runs`].

/// The most words one typo-squat may span.
pub(crate) const MAX_RUN_WORDS: usize = 3;

/// The last few words of a name, as they come: each new word ends one run per word
/// before it, up to [`MAX_RUN_WORDS`] words long.
#[derive(Clone, Debug, Default)]
pub(crate) struct Runs<W: Clone + Default> {
    recent: [W; MAX_RUN_WORDS],
    count: usize,
}

impl<W: Clone + Default> Runs<W> {
    /// Takes the next word, and returns the words of the runs that end with it, oldest
    /// first: every suffix of the slice that holds `word` is a run, the whole slice the
    /// longest.
    #[inline]
    pub(crate) fn push(&mut self, word: W) -> &[W] {
        self.recent.rotate_left(1);
        self.recent[MAX_RUN_WORDS - 1] = word;
        self.count += 1;
        &self.recent[MAX_RUN_WORDS - self.count.min(MAX_RUN_WORDS)..]
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
    }
}
