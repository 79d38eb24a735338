//! The pass: the reader with a sink that finds patterns as the first reading grows and
//! screens each run of words for typo-squats as it ends, then the matcher's search of
//! every reading for terms; it answers only "clean" or "unsure".

use std::ops::{ControlFlow, Range};

use super::Readings;
use crate::matcher::{
    Find, Matcher, Runs, Spelled, Stretch, StretchWords, TypoIndex, TypoRun, Visit,
};
use crate::normalize::{
    has_transliteration, Boundary, Choices, Normalizer, Sink, StackSkeleton, Symbol, View, Words,
};

/// The longest name the pass reads, in bytes: any name within the marketplace length
/// limit. Longer ones are left to the pipeline.
pub(crate) const MAX_PASS_LEN: usize = 128;

/// Whether no reading of `name` holds a term pattern and its first reading no run of words
/// that passes the typo-squat filters: then the matcher finds nothing in it. False when
/// unsure. Without `terms` (the census has ruled every term out), only the typo-squats
/// are looked for; only the `readings` that the census has not ruled out are read.
#[inline(never)]
pub(crate) fn clears(
    normalizer: &Normalizer,
    matcher: &Matcher,
    name: &str,
    terms: bool,
    readings: Readings,
) -> bool {
    let Some(finder) = matcher.finder() else {
        return false;
    };
    // A buffer that fits the skeleton of almost every name of its length (an ASCII letter
    // yields at most two bytes); a name whose skeleton outgrows it is left to the pipeline.
    if name.len() <= 32 {
        finder.visit(Pass::<64, 2> {
            normalizer,
            matcher,
            name,
            terms,
            readings,
        })
    } else if name.len() <= MAX_PASS_LEN {
        finder.visit(Pass::<{ 2 * MAX_PASS_LEN }, 5> {
            normalizer,
            matcher,
            name,
            terms,
            readings,
        })
    } else {
        false
    }
}

/// Whether the run `run` may be a typo-squat by the filters of the typo-squat index `typo`,
/// or (in the transliterated reading) of the terms' spoken forms, `spoken`.
#[inline]
fn near(typo: &TypoIndex, spoken: Option<&TypoIndex>, run: &TypoRun<'_>) -> bool {
    let passes = |typo: &TypoIndex| run.may_be_judged(typo) && run.passes_filters(typo);
    passes(typo) || spoken.is_some_and(passes)
}

/// Whether the stretch of words `words` (see [`Stretch`]) may be a typo-squat by the
/// filters, or a misspelling further away, as the pipeline judges it.
#[cold]
fn stretch_near(
    matcher: &Matcher,
    spoken: Option<&TypoIndex>,
    view: View<'_>,
    words: &StretchWords,
) -> bool {
    let run = words.span();
    let similar = matcher.similar();
    TypoRun::of(view, run.clone()).is_some_and(|r| near(matcher.typo(), spoken, &r))
        || !similar.is_empty()
            && words
                .all()
                .is_none_or(|all| similar.find(view, run, all, spoken.is_some()).is_some())
}

/// Names whose first reading meets more choice points than this are not searched here.
const MAX_SCREENED_POINTS: usize = 16;

/// Every reading of a name through a [`Screen`] of `N` bytes (and `B` blocks of flags),
/// with the finder's shape known at compile time.
struct Pass<'a, const N: usize, const B: usize> {
    normalizer: &'a Normalizer,
    matcher: &'a Matcher,
    name: &'a str,
    /// Whether a reading may hold a term (the census has not ruled them out).
    terms: bool,
    /// The readings that may hold a term or a misspelling.
    readings: Readings,
}

impl<const N: usize, const B: usize> Visit for Pass<'_, N, B> {
    type Output = bool;

    #[inline(always)]
    fn visit<F: Find>(self, finder: &F) -> bool {
        // The first, the plain and the lettered reading, for terms and typo-squats; then
        // every reading at once, for terms (the pipeline looks for typo-squats in those
        // three readings and in the readings whose term is a violation).
        let letters = self.matcher.letters();
        let mut first = Choices::relevant(letters);
        let others = self.readings != Readings::Latin;
        let mut screen = Screen::<F, N, B>::new(finder, self.matcher, false);
        if others && !(self.normalizer.read(self.name, &mut first, &mut screen) && screen.finish())
        {
            return false;
        }
        // The transliterated reading, for terms and misspellings alike.
        let latin = self.readings != Readings::Others;
        if latin && self.matcher.transliterates() && has_transliteration(self.name) {
            let mut translit = Screen::<F, N, B>::new(finder, self.matcher, true);
            let choices = &mut Choices::transliterated(letters);
            if !(self.normalizer.read(self.name, choices, &mut translit) && translit.finish()) {
                return false;
            }
        }
        if !others {
            return true;
        }
        // A name without choice points has one reading, screened now. A name of many
        // (padded with ambiguous symbols) is left to the pipeline, whose search reads
        // every reading once: searching here too would double its cost whenever a term
        // is there.
        match first.met() {
            0 => return true,
            n if n > MAX_SCREENED_POINTS && self.terms => return false,
            _ => {}
        }
        let mut plain = Screen::<F, N, B>::new(finder, self.matcher, false);
        let mut lettered = Screen::<F, N, B>::new(finder, self.matcher, false);
        self.normalizer
            .read(self.name, &mut Choices::plain(letters), &mut plain)
            && plain.finish()
            && (!first.unlettered()
                || self
                    .normalizer
                    .read(self.name, &mut Choices::lettered(letters), &mut lettered)
                    && lettered.finish())
            && (!self.terms
                || self.matcher.paths().is_none_or(|paths| {
                    paths
                        .search(self.normalizer, letters, self.name, true, |_| {
                            ControlFlow::Break(())
                        })
                        .is_continue()
                }))
    }
}

/// The pass's sink: the skeleton so far, the finder's state, and the words and runs.
struct Screen<'a, F: Find, const N: usize, const B: usize> {
    skeleton: StackSkeleton<N, B>,
    finder: &'a F,
    state: F::State,
    matcher: &'a Matcher,
    words: Words,
    runs: Runs<Range<usize>>,
    spelled: Spelled,
    stretch: Stretch,
    /// The index of the terms' spoken forms, in the transliterated reading.
    spoken: Option<&'a TypoIndex>,
    /// Where the last symbol starts.
    last: usize,
}

impl<'a, F: Find, const N: usize, const B: usize> Screen<'a, F, N, B> {
    #[inline(always)]
    /// A screen of a reading, of the transliterated one where `spoken` (whose typo-squats
    /// the terms' spoken forms are looked for too).
    fn new(finder: &'a F, matcher: &'a Matcher, spoken: bool) -> Self {
        Screen {
            spoken: spoken.then_some(matcher.spoken_typo()),
            skeleton: StackSkeleton::new(),
            state: finder.start(),
            finder,
            matcher,
            words: Words::default(),
            runs: Runs::default(),
            spelled: Spelled::default(),
            stretch: Stretch::default(),
            last: 0,
        }
    }

    /// Whether no term pattern ends with the skeleton so far (the finder may end one).
    #[cold]
    #[inline(never)]
    fn no_term_ends(&self) -> bool {
        let bytes = self.skeleton.view().bytes;
        self.finder
            .each_end(self.state, |id| {
                let (term, pattern) = self.matcher.pattern(id);
                if term && bytes.ends_with(pattern) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
            .is_continue()
    }

    /// Screens the runs of words that end in the words whose extent is final (see
    /// [`Words::next`]); false when one may be a typo-squat.
    #[inline(never)]
    fn screen_runs(&mut self, settled: usize) -> bool {
        let typo = self.matcher.typo();
        let spoken = self.spoken;
        let view = self.skeleton.view();
        while let Some(word) = self.words.next(view, settled) {
            let stretch = self.stretch.push_word(view, word.clone());
            if stretch.is_some_and(|words| stretch_near(self.matcher, spoken, view, &words)) {
                return false;
            }
            // A typo-squat glued to other letters (`micorsoftstore`), in a plain reading.
            if spoken.is_none() && self.matcher.glued_typo(view, word.clone()).is_some() {
                return false;
            }
            for run in self.spelled.push_word(view, word.clone()) {
                if TypoRun::spelt(view, run.clone()).is_some_and(|r| near(typo, spoken, &r))
                    || self
                        .matcher
                        .spelled_far(view, run, spoken.is_some())
                        .is_some()
                {
                    return false;
                }
            }
            let recent = self.runs.push(word.clone());
            for (k, first) in recent.iter().enumerate() {
                let run = first.start..word.end;
                // As in the pipeline: a run with decoded leetspeak or two collapsed
                // repeats is not judged (and a symbol only turns so later, never back).
                let similar = self.matcher.similar();
                if TypoRun::of(view, run.clone()).is_some_and(|r| near(typo, spoken, &r))
                    || !similar.is_empty()
                        && similar
                            .find(view, run, &recent[k..], spoken.is_some())
                            .is_some()
                {
                    return false;
                }
            }
        }
        true
    }

    /// The name has been read: screens its last runs.
    #[inline]
    fn finish(&mut self) -> bool {
        !self.matcher.judges_runs()
            || self.screen_runs(self.skeleton.len()) && {
                let view = self.skeleton.view();
                let stretch = self.stretch.finish();
                !stretch.is_some_and(|words| stretch_near(self.matcher, self.spoken, view, &words))
            }
    }
}

impl<F: Find, const N: usize, const B: usize> Sink for Screen<'_, F, N, B> {
    #[inline(always)]
    fn push(&mut self, sym: Symbol, src: Range<usize>, boundary: Boundary) -> bool {
        let at = self.skeleton.len();
        if !self.skeleton.push(sym, src, boundary) {
            return false;
        }
        self.last = at;
        let mut ends = self.finder.step(&mut self.state, sym.first_byte());
        for &b in &sym.to_bytes()[1..sym.len()] {
            ends |= self.finder.step(&mut self.state, b);
        }
        if ends && !self.no_term_ends() {
            return false;
        }
        // A word ended before this symbol.
        boundary == Boundary::None || at == 0 || !self.matcher.judges_runs() || self.screen_runs(at)
    }

    #[inline(always)]
    fn extend_last(&mut self, end: usize) {
        self.skeleton.extend_last(end);
    }

    #[inline]
    fn merge_across(&mut self, len: usize, src: Range<usize>, boundary: Boundary) {
        self.skeleton.merge_across(len, src, boundary);
    }

    #[inline(always)]
    fn flag_last(&mut self, len: usize, flag: u8) {
        self.skeleton.flag_last(len, flag);
    }
}
