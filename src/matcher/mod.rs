//! Stage 2 of the pipeline: find rule hits in a skeleton.
//!
//! All term skeletons and exception phrases are compiled into one Aho–Corasick automaton,
//! so the cost of scanning a name does not grow with the number of terms. Each raw match is
//! then judged against its term's [`MatchScope`] using the word boundaries the reader
//! recorded, and dropped when an exception phrase covers it. Typo-squats are runs of
//! words (`runs.rs`) one edit from a term, found with a deletion-neighbourhood index
//! (`typo.rs`). Regex rules (`regex_rules.rs`) and the structural rules (`structure.rs`),
//! which judge the original text, are the other matchers of this stage.
//!
//! The matcher reports [`Hit`]s in skeleton coordinates; the verdict stage turns them into
//! violations.

mod bloom;
mod emoji;
mod finder;
mod grams;
mod paths;
pub(crate) mod protect;
pub(crate) mod regex_rules;
mod runs;
mod similar;
pub(crate) mod structure;
mod typo;

#[cfg(test)]
pub(crate) use paths::MOST_LIVE;

use std::ops::{ControlFlow, Range};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::{Error, Repr};
use crate::normalize::{View, Words};

pub(crate) use finder::{Find, Finder, Visit};
pub(crate) use paths::Due;
pub(crate) use paths::Paths;
pub(crate) use runs::{
    RunSums, Runs, Spelled, Stretch, Words as StretchWords, MAX_RUN_WORDS, MAX_STRETCH_WORDS,
};
pub(crate) use similar::{
    leading_sounds, sound_of_spelling, starts_a_spelling, two_edits_of, Key, OsaPattern,
    SimilarIndex, Similarity,
};
pub(crate) use typo::{one_edit_apart, TypoIndex, M as LETTER_M};

/// Where in a name a term may match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum MatchScope {
    /// Anywhere: inside a word (`MyAzureApp`), or across separators when the pieces look
    /// like a split word (`A z u r e`, `Micro-Soft`, `Micro Softworks`) rather than the end
    /// of one word and the start of the next (`Kazu Research`, `Azur Events`).
    #[default]
    Substring,
    /// Whole words only: `ms` hits `MS Partners` and `ContosoMS` but not `Adams`.
    Word,
    /// At the start of the name.
    Prefix,
    /// The whole name and nothing else.
    Exact,
}

crate::rule::vocabulary!(MatchScope, "scope", {
    Substring => "substring",
    Word => "word",
    Prefix => "prefix",
    Exact => "exact",
});

/// The longest term or exception skeleton, in bytes.
pub(crate) const MAX_PATTERN_LEN: usize = 256;

/// The fewest skeleton symbols of a term whose typo-squats are looked for glued to other
/// letters in one word (`micorsoftstore`): a slip in a shorter term glued to a word is
/// too often an innocent word (`mazurek` holds `azure` less its `e`).
pub(crate) const MIN_GLUED_TERM_LEN: usize = 9;

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum HitKind {
    /// A term's skeleton, within its scope.
    Term,
    /// A run of words one edit from a term's skeleton.
    TypoSquat,
    /// A run of words two edits from a long term's skeleton, or sounding like it.
    Similar(Similarity),
}

/// A rule hit in skeleton coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) rule: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: HitKind,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Pattern {
    /// A skeleton of a term, the positions of its doubled letters (see
    /// [`TermSpec::repeats`]), and whether it is the term upside down (see
    /// [`TermSpec::turned`]).
    Term {
        rule: usize,
        repeats: u64,
        turned: bool,
    },
    /// An exception phrase's skeleton, and where in `breaks` the positions of its word
    /// breaks are.
    Exception { rule: Option<usize>, form: usize },
}

/// What the matcher needs to know about a term rule.
#[derive(Clone, Debug)]
pub(crate) struct TermSpec {
    /// The skeleton of each reading of the term, its own (`own` of them) first, then
    /// those of its aliases; typo-squats are looked for of its own.
    pub(crate) skeletons: Vec<Vec<u8>>,
    /// The skeletons of its spoken form, as other scripts write it by sound
    /// (`mikrosoft`), with the positions of the letters each doubles: typo-squats are
    /// looked for of these too.
    pub(crate) spoken: Vec<(Vec<u8>, u64)>,
    /// For each skeleton, how many of its bytes its first character gives (two for the
    /// `rn` of `M`).
    pub(crate) start_lens: Vec<usize>,
    /// For each skeleton, the positions (below 64) of letters doubled as written: a match
    /// holds a repeat at each.
    pub(crate) repeats: Vec<u64>,
    /// For each skeleton, whether it is the term written upside down, which a match must
    /// read through at least one turned letter (`ǝɹnzɐ`, not `Ernza`).
    pub(crate) turned: Vec<bool>,
    pub(crate) own: usize,
    pub(crate) scope: MatchScope,
    /// Whether typo-squats of this term are looked for.
    pub(crate) typo: bool,
    /// Whether runs two edits from it are looked for (if it is long enough).
    pub(crate) two_edits: bool,
    /// Whether runs that sound like it are looked for (if its sound key is long enough).
    pub(crate) sound: bool,
    /// Whether it and its misspellings are looked for in a name's transliterated reading.
    pub(crate) transliterated: bool,
}

/// An exception phrase: suppresses the hits it covers, of one rule or of all.
#[derive(Clone, Debug)]
pub(crate) struct ExceptionSpec {
    /// The skeleton of each reading of the phrase.
    pub(crate) skeletons: Vec<Vec<u8>>,
    /// For each skeleton, the positions inside it where a separator breaks the phrase's
    /// words (`Windows and Doors`: 7 and 10), in order.
    pub(crate) breaks: Vec<Vec<usize>>,
    pub(crate) rule: Option<usize>,
}

/// The compiled matcher: immutable, shared by every check.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Each pattern's skeleton, and what it is.
    needles: Vec<Vec<u8>>,
    patterns: Vec<Pattern>,
    scopes: Vec<MatchScope>,
    /// Whether typo-squats of each term rule are looked for.
    typo_rules: Vec<bool>,
    /// Whether each term rule is looked for in the transliterated reading.
    transliterated_rules: Vec<bool>,
    /// Whether any is.
    transliterates: bool,
    max_exception_len: usize,
    /// The word breaks of each exception form (see [`ExceptionSpec::breaks`]).
    breaks: Vec<Vec<usize>>,
    typo: TypoIndex,
    /// The terms' spoken forms (as other scripts write them by sound), for typo-squats in
    /// transliterated readings.
    spoken_typo: TypoIndex,
    /// The terms long enough for a typo-squat of them glued to other letters in one word
    /// to be recognisable (`micorsoftstore`; see [`MIN_GLUED_TERM_LEN`]).
    glued: TypoIndex,
    /// Bit `n` set when a glued typo-squat is looked for `n` skeleton bytes long.
    glued_lens: u64,
    /// The ASCII bytes of those terms' skeletons, as bits: a part one edit from one holds
    /// at most one other symbol.
    glued_bytes: u128,
    /// The terms checked for runs two edits away or that sound like them.
    similar: SimilarIndex,
    /// The same patterns, for the prefilter's pass; `None` without patterns or with too
    /// many short ones.
    finder: Option<Finder>,
    /// The search of every reading of a name at once; `None` without patterns.
    paths: Option<Paths>,
    /// The bytes of every pattern, as bits of `b & 63`: a choice of reading between two
    /// letters outside them changes no hit.
    letters: u64,
}

impl Matcher {
    pub(crate) fn build(
        terms: &[TermSpec],
        exceptions: &[ExceptionSpec],
    ) -> Result<Matcher, Error> {
        let mut needles: Vec<Vec<u8>> = Vec::new();
        let mut patterns = Vec::new();
        for (rule, term) in terms.iter().enumerate() {
            let forms = term.skeletons.iter().zip(&term.repeats).zip(&term.turned);
            for ((skeleton, &repeats), &turned) in forms {
                needles.push(skeleton.clone());
                patterns.push(Pattern::Term {
                    rule,
                    repeats,
                    turned,
                });
            }
        }
        let mut max_exception_len = 0;
        let mut breaks = Vec::new();
        for ex in exceptions {
            for (skeleton, phrase_breaks) in ex.skeletons.iter().zip(&ex.breaks) {
                max_exception_len = max_exception_len.max(skeleton.len());
                needles.push(skeleton.clone());
                patterns.push(Pattern::Exception {
                    rule: ex.rule,
                    form: breaks.len(),
                });
                breaks.push(phrase_breaks.clone());
            }
        }
        let automaton = if needles.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&needles)
                .map_err(|e| {
                    Error::new(Repr::Automaton {
                        message: e.to_string(),
                    })
                })?;
            Some(ac)
        };
        let typo = TypoIndex::build(terms.iter().enumerate().filter(|(_, t)| t.typo).flat_map(
            |(rule, t)| {
                t.skeletons
                    .iter()
                    .zip(&t.repeats)
                    .take(t.own)
                    .map(move |(s, &d)| (rule, s.as_slice(), d))
            },
        ));
        let spoken_typo = TypoIndex::build(
            terms
                .iter()
                .enumerate()
                .filter(|(_, t)| t.typo)
                .flat_map(|(rule, t)| t.spoken.iter().map(move |(s, d)| (rule, s.as_slice(), *d))),
        );
        let glued_terms = || {
            terms
                .iter()
                .enumerate()
                .filter(|(_, t)| t.typo)
                .flat_map(|(rule, t)| {
                    t.skeletons
                        .iter()
                        .zip(&t.repeats)
                        .take(t.own)
                        .filter(|(s, _)| s.len() >= MIN_GLUED_TERM_LEN)
                        .map(move |(s, &d)| (rule, s.as_slice(), d))
                })
        };
        // Every length from one less than the shortest such term can be to one more than
        // the longest is (whatever the others are, so that a name's finding does not
        // depend on what other terms a policy has).
        let glued_lens = glued_terms()
            .map(|(_, s, _)| s.len().min(62) + 1)
            .max()
            .map_or(0, |longest| {
                (1u64 << (longest + 1)) - (1u64 << (MIN_GLUED_TERM_LEN - 1))
            });
        let glued_bytes = glued_terms()
            .flat_map(|(_, s, _)| s.iter())
            .filter(|b| b.is_ascii())
            .fold(0u128, |m, &b| m | 1 << b);
        let glued = TypoIndex::build(glued_terms());
        let similar = SimilarIndex::build(terms.iter().enumerate().flat_map(|(rule, t)| {
            t.skeletons
                .iter()
                .zip(&t.start_lens)
                .take(t.own)
                .map(move |(s, &first)| {
                    let spoken = t.spoken.first().map(|(s, _)| s.as_slice());
                    (rule, s.as_slice(), first, t.two_edits, t.sound, spoken)
                })
        }));
        let letters = needles
            .iter()
            .flatten()
            .fold(0u64, |m, &b| m | 1 << (b & 63));
        Ok(Matcher {
            paths: Paths::build(&needles, &patterns),
            finder: Finder::build(&needles),
            letters,
            automaton,
            needles,
            patterns,
            scopes: terms.iter().map(|t| t.scope).collect(),
            typo_rules: terms.iter().map(|t| t.typo).collect(),
            transliterated_rules: terms.iter().map(|t| t.transliterated).collect(),
            transliterates: terms.iter().any(|t| t.transliterated),
            max_exception_len,
            breaks,
            typo,
            spoken_typo,
            glued,
            glued_lens,
            glued_bytes,
            similar,
        })
    }

    /// The rule and span of a typo-squat glued to other letters at the start or the end of
    /// the word at `word` of `view` (`micorsoftstore`, `getmicrosfot`), of a term of at
    /// least [`MIN_GLUED_TERM_LEN`] symbols. Only the plain readings are searched: a
    /// transliterated one (`микорсофтстор`) is judged by runs of whole words, as the
    /// terms as other scripts write them by sound are.
    #[inline]
    pub(crate) fn glued_typo(
        &self,
        view: View<'_>,
        word: Range<usize>,
    ) -> Option<(usize, Range<usize>)> {
        // (A part as long as the word is the word, judged as a run.)
        let mut lens = self.glued_lens & (1u64 << word.len().min(63)).wrapping_sub(1);
        let at_symbol = |at: usize| view.bytes.get(at).is_none_or(|&b| b & 0xC0 != 0x80);
        let others = |part: Range<usize>| {
            view.bytes[part]
                .iter()
                .filter(|&&b| b >= 0x80 || self.glued_bytes >> b & 1 == 0)
                .count()
        };
        while lens != 0 {
            let len = lens.trailing_zeros() as usize;
            lens &= lens - 1;
            for part in [word.start..word.start + len, word.end - len..word.end] {
                if !at_symbol(part.start) || !at_symbol(part.end) || others(part.clone()) > 1 {
                    continue;
                }
                let rule =
                    TypoRun::part_of_word(view, part.clone()).and_then(|run| run.find(&self.glued));
                if let Some(rule) = rule {
                    return Some((rule, part));
                }
            }
        }
        None
    }

    /// The letters of the patterns (see [`Choices::relevant`]
    /// (crate::normalize::Choices::relevant)).
    pub(crate) fn letters(&self) -> u64 {
        self.letters
    }

    /// Whether any term rule is looked for in a name's transliterated reading
    /// ([`Choices::transliterated`](crate::normalize::Choices::transliterated)).
    #[inline]
    pub(crate) fn transliterates(&self) -> bool {
        self.transliterates
    }

    /// Whether a hit of term rule `rule` in the transliterated reading counts.
    #[inline]
    pub(crate) fn transliterates_rule(&self, rule: usize) -> bool {
        self.transliterated_rules
            .get(rule)
            .copied()
            .unwrap_or(false)
    }

    /// How the prefilter's pass finds every pattern.
    pub(crate) fn finder(&self) -> Option<&Finder> {
        self.finder.as_ref()
    }

    /// Whether pattern `id` (as the finder numbers them) is a term's, and its skeleton.
    #[inline]
    pub(crate) fn pattern(&self, id: usize) -> (bool, &[u8]) {
        (
            matches!(self.patterns[id], Pattern::Term { .. }),
            &self.needles[id],
        )
    }

    /// The skeleton of each term pattern, and whether it is a term upside down (which
    /// only a name with a turned letter can hold).
    pub(crate) fn term_patterns(&self) -> impl Iterator<Item = (&[u8], bool)> + '_ {
        self.needles
            .iter()
            .zip(&self.patterns)
            .filter_map(|(n, p)| match p {
                Pattern::Term { turned, .. } => Some((n.as_slice(), *turned)),
                Pattern::Exception { .. } => None,
            })
    }

    /// The search of every reading of a name at once; `None` without term patterns.
    pub(crate) fn paths(&self) -> Option<&Paths> {
        self.paths.as_ref()
    }

    /// The typo-squat index.
    pub(crate) fn typo(&self) -> &TypoIndex {
        &self.typo
    }

    /// The typo-squat index of the terms' spoken forms, for transliterated readings.
    pub(crate) fn spoken_typo(&self) -> &TypoIndex {
        &self.spoken_typo
    }

    /// The terms checked for misspellings further than one edit.
    pub(crate) fn similar(&self) -> &SimilarIndex {
        &self.similar
    }

    /// Whether runs of words are looked at: for typo-squats, or misspellings further.
    pub(crate) fn judges_runs(&self) -> bool {
        !(self.typo.is_empty() && self.similar.is_empty())
    }

    /// Calls `on_hit` for every term hit, then every typo-squat hit, in skeleton order
    /// within each pass, until it breaks. A typo-squat over a term hit of its rule is
    /// reported too; the verdict stage drops it, as it drops those other readings find.
    pub(crate) fn scan(
        &self,
        view: View<'_>,
        on_hit: impl FnMut(Hit) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.scan_reading(view, false, on_hit)
    }

    /// [`scan`](Matcher::scan) of a transliterated reading, where typo-squats of the terms
    /// as other scripts write them by sound (`mikrosoft`) count too.
    pub(crate) fn scan_transliterated(
        &self,
        view: View<'_>,
        on_hit: impl FnMut(Hit) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.scan_reading(view, true, on_hit)
    }

    /// [`scan`](Matcher::scan), with the terms as written by sound where `spoken`.
    fn scan_reading(
        &self,
        view: View<'_>,
        spoken: bool,
        mut on_hit: impl FnMut(Hit) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let Some(ac) = &self.automaton else {
            return ControlFlow::Continue(());
        };
        for m in ac.find_overlapping_iter(view.bytes) {
            if let Some(hit) = self.judge_term(view, m.pattern().as_usize(), m.start(), m.end()) {
                on_hit(hit)?;
            }
        }
        if !self.judges_runs() {
            return ControlFlow::Continue(());
        }
        let mut runs = Runs::default();
        let mut spelled = Spelled::default();
        let mut stretch = Stretch::default();
        for word in view.words() {
            let ended = stretch.push_word(view, word.clone());
            if let Some(hit) = ended.and_then(|words| self.stretch_hit(view, &words, spoken)) {
                on_hit(hit)?;
            }
            // Letters spelt out, each a word (`M-i-c-r-o-s-f-t`): runs of more words than
            // other runs.
            for run in spelled.push_word(view, word.clone()) {
                let typo = TypoRun::spelt(view, run.clone()).and_then(|r| self.typo_of(&r, spoken));
                let found = match typo {
                    Some(rule) => Some((rule, HitKind::TypoSquat)),
                    None => self
                        .spelled_far(view, run.clone(), spoken)
                        .map(|(rule, how)| (rule, HitKind::Similar(how))),
                };
                let Some((rule, kind)) = found else {
                    continue;
                };
                if !self.covered(view, rule, run.start, run.end) {
                    on_hit(Hit {
                        rule,
                        start: run.start,
                        end: run.end,
                        kind,
                    })?;
                }
            }
            let recent = runs.push(word.clone());
            // Whether the word on its own is a misspelling (which no glued one in it outdoes).
            let mut word_found = false;
            for (k, first) in recent.iter().enumerate() {
                let (start, end) = (first.start, word.end);
                // A run with two collapsed repeats is no typo-squat, but may be two edits
                // away as written (`Miicrosofft`), or sound like a term.
                let typo = TypoRun::of(view, start..end).and_then(|run| self.typo_of(&run, spoken));
                let found = match typo {
                    Some(rule) => Some((rule, HitKind::TypoSquat)),
                    None if self.similar.is_empty() => None,
                    None => self
                        .similar
                        .find(view, start..end, &recent[k..], spoken)
                        .map(|(rule, how)| (rule, HitKind::Similar(how))),
                };
                let Some((rule, kind)) = found else {
                    continue;
                };
                if self.covered(view, rule, start, end) {
                    continue;
                }
                word_found |= start == word.start;
                on_hit(Hit {
                    rule,
                    start,
                    end,
                    kind,
                })?;
            }
            // A typo-squat glued to other letters in the word (`micorsoftstore`).
            if let Some((rule, part)) = (!spoken && !word_found)
                .then(|| self.glued_typo(view, word.clone()))
                .flatten()
                .filter(|(rule, part)| !self.covered(view, *rule, part.start, part.end))
            {
                on_hit(Hit {
                    rule,
                    start: part.start,
                    end: part.end,
                    kind: HitKind::TypoSquat,
                })?;
            }
        }
        if let Some(hit) = stretch
            .finish()
            .and_then(|words| self.stretch_hit(view, &words, spoken))
        {
            on_hit(hit)?;
        }
        ControlFlow::Continue(())
    }

    /// The rule of a term `run` is a typo-squat of: of the term's own forms, or (where
    /// `spoken`, in a transliterated reading) of its spoken forms.
    #[inline]
    fn typo_of(&self, run: &TypoRun<'_>, spoken: bool) -> Option<usize> {
        run.find(&self.typo)
            .or_else(|| spoken.then(|| run.find(&self.spoken_typo)).flatten())
    }

    /// The term, if any, that letters spelt out one per word at `run` of `view`
    /// (`M-i-c-r-s-f-o-t`) are a misspelling of further than one edit, and which.
    #[cold]
    #[inline(never)]
    pub(crate) fn spelled_far(
        &self,
        view: View<'_>,
        run: Range<usize>,
        spoken: bool,
    ) -> Option<(usize, Similarity)> {
        // (A run longer than any such misspelling is none: a name of many letters spelt
        // out has a run ending at each of them.)
        if self.similar.is_empty() || run.len() > self.similar.max_len() {
            return None;
        }
        let mut words: [Range<usize>; MAX_STRETCH_WORDS] = Default::default();
        let mut count = 0;
        let mut from = Words::from(run.start);
        while let Some(word) = from.next(view, view.bytes.len()) {
            if word.start >= run.end {
                break;
            }
            *words.get_mut(count)? = word.start..word.end.min(run.end);
            count += 1;
        }
        self.similar.find(view, run, &words[..count], spoken)
    }

    /// The hit of a stretch of words between separators that case splits into more words
    /// than a run holds (`mICrosOTf`, `MyKrOsAwFt`; see [`Stretch`]), if it is a
    /// typo-squat or a misspelling further away.
    #[inline(never)]
    fn stretch_hit(&self, view: View<'_>, words: &StretchWords, spoken: bool) -> Option<Hit> {
        let run = words.span();
        let typo = TypoRun::of(view, run.clone()).and_then(|r| self.typo_of(&r, spoken));
        let (rule, kind) = match typo {
            Some(rule) => (rule, HitKind::TypoSquat),
            None if self.similar.is_empty() => return None,
            None => {
                let (rule, how) = self.similar.find(view, run.clone(), words.all()?, spoken)?;
                (rule, HitKind::Similar(how))
            }
        };
        (!self.covered(view, rule, run.start, run.end)).then_some(Hit {
            rule,
            start: run.start,
            end: run.end,
            kind,
        })
    }

    /// The hit of pattern `id` matched at `start..end` of `view`, if it is a term's and
    /// passes its judgement: an upside-down form holds two turned letters, its doubled
    /// letters are repeats (one missing makes a typo-squat), its scope allows it and no
    /// exception covers it.
    #[inline]
    fn judge_term(&self, view: View<'_>, id: usize, start: usize, end: usize) -> Option<Hit> {
        let Pattern::Term {
            rule,
            repeats,
            turned,
        } = self.patterns[id]
        else {
            return None;
        };
        // A term upside down is text turned as a whole: two of its letters at least are
        // turned glyphs (one `ə`, an Azerbaijani letter, before `mza` is no upside-down
        // `azure` in `Məhərrəmzadə`).
        if turned && !view.turned_at_least(start..end, MIN_TURNED) {
            return None;
        }
        // A doubled letter of the term matches a repeat only (`hell` is not `Hel`); with
        // one missing, the match is one edit from the term as written (`Gogle`).
        let kind = match view.missing_repeats(start, end, repeats) {
            0 => HitKind::Term,
            1 if self.typo_rules[rule] => HitKind::TypoSquat,
            _ => return None,
        };
        if !scope_allows(self.scopes[rule], view, start, end)
            || self.covered(view, rule, start, end)
        {
            return None;
        }
        Some(Hit {
            rule,
            start,
            end,
            kind,
        })
    }

    /// The judgement of the term that a reading of the search hands over, on the window
    /// it kept (see [`Due`]): calls `on_hit` with each violation among the term matches
    /// that end where it ends, until it breaks. `None` when the window does not reach
    /// back to where the judgement looks: the whole reading must be judged.
    pub(crate) fn judge_due(
        &self,
        due: &Due<'_>,
        mut on_hit: impl FnMut(Hit) -> ControlFlow<()>,
    ) -> Option<ControlFlow<()>> {
        let (view, from) = due.window()?;
        let ac = self.automaton.as_ref()?;
        for m in ac.find_overlapping_iter(view.bytes) {
            if m.end() != from {
                continue;
            }
            if let Some(hit) = self.judge_term(view, m.pattern().as_usize(), m.start(), m.end()) {
                if on_hit(hit).is_break() {
                    return Some(ControlFlow::Break(()));
                }
            }
        }
        Some(ControlFlow::Continue(()))
    }

    /// Whether an exception that applies to `rule` covers skeleton bytes `start..end`. An
    /// exception counts only where it is written as a phrase of words:
    /// - it starts the name or follows a separator: `Lazuren` excepts the word `lazuren`,
    ///   never `pulumi-azure-native`, whose skeleton holds `iazuren` across three words. A
    ///   camelCase start does not count, so that changing the case of a name never
    ///   changes whether it is excepted (`aIAZUREN` reads `alazuren` as `AIAZUREN` does);
    /// - no separator splits a word of it: `D Azure CH` holds `dazurech`, the exception
    ///   `Dazurech`, but as three words, the middle one `Azure`. Words of the phrase may
    ///   be joined (`WindowsAndDoors` is `Windows and Doors`).
    fn covered(&self, view: View<'_>, rule: usize, start: usize, end: usize) -> bool {
        if self.max_exception_len < end - start {
            return false;
        }
        let Some(ac) = &self.automaton else {
            return false;
        };
        // A covering exception starts at or before `start` and ends at or after `end`, and
        // is at most `max_exception_len` long: it lies inside this window.
        let lo = end.saturating_sub(self.max_exception_len);
        let hi = (start + self.max_exception_len).min(view.bytes.len());
        ac.find_overlapping_iter(&view.bytes[lo..hi]).any(|m| {
            let Pattern::Exception { rule: r, form } = self.patterns[m.pattern().as_usize()] else {
                return false;
            };
            let (from, to) = (lo + m.start(), lo + m.end());
            r.is_none_or(|r| r == rule)
                && from <= start
                && to >= end
                && view.is_hard_start(from)
                && view
                    .breaks_inside(from, to)
                    .all(|at| self.breaks[form].binary_search(&(at - from)).is_ok())
                // A term that the exception holds inside one of its words, written as a
                // word of its own (`dAzure`, `MAzure` against `Dazure`, `Mazure`), is not
                // the word the exception is.
                && (from == start
                    || !view.is_start(start)
                    || self.breaks[form].binary_search(&(start - from)).is_ok())
        })
    }
}

/// The turned glyphs a term upside down holds at least.
const MIN_TURNED: usize = 2;

/// A run of words as the typo-squat check judges it: its skeleton bytes with repeats
/// collapsed and, when one letter of it is doubled, the bytes as written too.
///
/// Runs with a letter two of their words share are no typo-squats, nor are runs with two
/// collapsed repeats (`azzurro`). Decoded leetspeak counts as the letter it stands for
/// (`Azr3` is `Azre`), but not as the edit: a digit or symbol read as the one letter that
/// differs from the term is more likely what it is (`Azur1`). A run with one is judged both
/// ways: collapsed (`Mircossoft` is `Mircosoft`), unless the doubled letter is the one
/// substituted or inserted (`allure` is one edit from `azure` only where its `ll`
/// collapsed; transposed, it is still the term's letter: `Mirrcosoft`), the term doubles
/// that letter too and the edit adds a letter at the end (`Offices` and `Officer` are
/// words made of `Office`; `Googel` is a typo-squat of `Google`), or the doubled letter
/// ends the run (`aztree`, `auree`: words end so); and as written (`Microoft`, one edit
/// from `Microsoft`, is `Microft` collapsed), against terms that double no letter. A run
/// without a doubled letter is judged against terms that double none (`Gogel` is two
/// edits from `Google` as written); one that lacks only a term's doubled letter (`Gogle`)
/// is the matcher's term match with a repeat missing.
pub(crate) struct TypoRun<'a> {
    /// Its skeleton bytes, with repeats collapsed.
    pub(crate) bytes: &'a [u8],
    /// Where the doubled letter is in `bytes`.
    repeat: Option<Range<usize>>,
    /// The positions of `bytes` that hold decoded leetspeak, as bits.
    decoded: u64,
    /// Whether `bytes` hold `rn`, so that the run's letter form differs from them (see
    /// [`typo::letter_form`]).
    rn: bool,
}

impl<'a> TypoRun<'a> {
    /// Runs longer than this are not judged as written (no term is so long).
    const MAX_WRITTEN: usize = 64;

    /// The run of words at `range` of `view`, if the typo-squat check judges it: a word
    /// of it all decoded leetspeak is no letter of a misspelling (`Team 4 Sure`).
    #[inline]
    pub(crate) fn of(view: View<'a>, range: Range<usize>) -> Option<TypoRun<'a>> {
        if view.joined_inside(range.clone()).1 > 0 {
            return None;
        }
        let run = TypoRun::read(view, range.clone(), None)?;
        if run.decoded != 0 && view.any_word_in(range, run.decoded) {
            return None;
        }
        Some(run)
    }

    /// The part at `range` of a word of `view` (a typo-squat glued to other letters, see
    /// [`Matcher::glued_typo`]), if the typo-squat check judges it: as [`of`](TypoRun::of),
    /// but a letter doubled where the part meets the rest of the word is the rest's too
    /// (`micorsoft|teams`), no repeat of the part.
    #[inline]
    pub(crate) fn part_of_word(view: View<'a>, range: Range<usize>) -> Option<TypoRun<'a>> {
        let mut run = TypoRun::of(view, range)?;
        let len = run.bytes.len();
        if run
            .repeat
            .as_ref()
            .is_some_and(|r| r.start == 0 || r.end == len)
        {
            run.repeat = None;
        }
        Some(run)
    }

    /// The run at `range` of `view` of letters spelt out (see [`Spelled`]), if the
    /// typo-squat check judges it. A letter spelt out twice (`o-o`) is one symbol that
    /// two of its words share: a repeat.
    #[inline]
    pub(crate) fn spelt(view: View<'a>, range: Range<usize>) -> Option<TypoRun<'a>> {
        match view.joined_inside(range.clone()) {
            (_, 0) => TypoRun::read(view, range, None),
            (Some(at), 1) => TypoRun::read(view, range, Some(at)),
            _ => None,
        }
    }

    /// The run at `range`, with the symbol at `shared` (if any) a repeat too.
    #[inline]
    fn read(view: View<'a>, range: Range<usize>, shared: Option<usize>) -> Option<TypoRun<'a>> {
        let (repeat, repeats) = view.repeats(range.clone());
        let (repeat, repeats) = match shared {
            Some(at) => (Some(at), repeats + 1),
            None => (repeat, repeats),
        };
        if repeats > 1 {
            return None;
        }
        let decoded = view.decoded(range.clone())?;
        let bytes = &view.bytes[range.clone()];
        // A repeat of a whole `rn` (`mm`) is two bytes; a repeat by another letter may
        // collapse only its `r` (`rm` is `r`, `n`).
        let repeat = repeat.map(|at| {
            let whole = bytes[at - range.start..].starts_with(b"rn") && view.is_repeat(at + 1);
            let at = at - range.start;
            at..at + 1 + usize::from(whole)
        });
        Some(TypoRun {
            bytes,
            repeat,
            decoded,
            rn: typo::has_rn(bytes),
        })
    }

    /// Whether the edit that makes `bytes` (positions of decoded leetspeak `decoded`)
    /// from `term` is not a letter of decoded leetspeak added or substituted.
    fn edit_is_written(bytes: &[u8], decoded: u64, term: &[u8]) -> bool {
        decoded == 0
            || typo::edit_in(bytes, term)
                .is_some_and(|e| e.len() != 1 || decoded >> e.start & 1 == 0)
    }

    /// The positions of decoded leetspeak in the run as written (see
    /// [`as_written`](TypoRun::as_written)), whose doubled letter `r` is twice.
    fn decoded_as_written(&self, r: &Range<usize>) -> u64 {
        let low = |n: usize| if n >= 64 { u64::MAX } else { (1 << n) - 1 };
        let again = (self.decoded >> r.start)
            .checked_shl(r.end as u32)
            .unwrap_or(0);
        self.decoded & low(r.end) | again
    }

    /// `f` of the run as written (the doubled letter twice), when it differs from the
    /// skeleton; built on the stack only then.
    fn as_written<R>(&self, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
        let r = self.repeat.as_ref()?;
        let len = self.bytes.len() + r.len();
        if len > TypoRun::MAX_WRITTEN {
            return None;
        }
        let mut written = [0; TypoRun::MAX_WRITTEN];
        written[..r.end].copy_from_slice(&self.bytes[..r.end]);
        written[r.end..len].copy_from_slice(&self.bytes[r.start..]);
        Some(f(&written[..len]))
    }

    /// `f` of the letter form (see [`typo::letter_form`]) of the run (as written, when
    /// it has a doubled letter) and the positions of decoded leetspeak in it, when it
    /// differs from the skeleton; built on the stack only then.
    fn in_letters<R>(&self, f: impl FnOnce(&[u8], u64) -> R) -> Option<R> {
        if !self.rn {
            // (Writing the doubled letter twice makes no `rn` that the run lacks.)
            return None;
        }
        let mut letters = [0; TypoRun::MAX_WRITTEN];
        let Some(r) = &self.repeat else {
            let len = typo::letter_form(self.bytes, &mut letters)?;
            return Some(f(
                &letters[..len],
                typo::letter_form_mask(self.bytes, self.decoded),
            ));
        };
        let decoded = self.decoded_as_written(r);
        self.as_written(|written| {
            let len = typo::letter_form(written, &mut letters)?;
            Some(f(&letters[..len], typo::letter_form_mask(written, decoded)))
        })
        .flatten()
    }

    /// Whether the typo-squat index may judge the run by its length, in some form.
    #[inline]
    pub(crate) fn may_be_judged(&self, typo: &TypoIndex) -> bool {
        typo.may_judge_len(self.bytes.len()) || self.rn
    }

    /// Whether the typo-squat index's filters let some form of the run through.
    #[inline]
    pub(crate) fn passes_filters(&self, typo: &TypoIndex) -> bool {
        typo.passes_filters(self.bytes)
            || self.as_written(|w| typo.passes_filters(w)) == Some(true)
            || self.in_letters(|letters, _| typo.passes_filters(letters)) == Some(true)
    }

    /// The rule of a term the run is a typo-squat of.
    pub(crate) fn find(&self, typo: &TypoIndex) -> Option<usize> {
        let bytes = self.bytes;
        let collapsed = typo.passes_filters(bytes).then(|| {
            typo.find_where(bytes, |term, doubled| match &self.repeat {
                _ if !TypoRun::edit_is_written(bytes, self.decoded, term) => false,
                // Without a doubled letter, one edit from a term that doubles one is two
                // as written (`Gogel`; `Gogle` is a term match with its repeat missing).
                None => doubled == 0,
                Some(r) => typo::edit_in(bytes, term).is_some_and(|e| {
                    let at_repeat = e.len() == 1 && e.start < r.end && r.start < e.end;
                    // Where the repeat falls in the term: one byte off past an insertion
                    // or deletion before it.
                    let shift = term.len() as isize - bytes.len() as isize;
                    let at = r.start as isize;
                    let in_term = if e.start <= r.start { at + shift } else { at };
                    let term_doubles = (0..64).contains(&in_term) && doubled >> in_term & 1 != 0;
                    // A letter added after a term spelt as written is a word made of it
                    // (`Offices`, `Officer`), not a typo-squat (`Googel` is one).
                    let suffix = bytes.len() > term.len() && e.start + 1 == bytes.len();
                    let at_end = r.end == bytes.len();
                    !(at_repeat || at_end || term_doubles && suffix)
                }),
            })
        });
        collapsed
            .flatten()
            .or_else(|| {
                let decoded = self
                    .repeat
                    .as_ref()
                    .map_or(0, |r| self.decoded_as_written(r));
                self.as_written(|written| TypoRun::find_undoubled(typo, written, decoded))
                    .flatten()
            })
            // In letters: an `m` is one letter, not the two bytes of `rn`.
            .or_else(|| {
                self.in_letters(|letters, decoded| TypoRun::find_undoubled(typo, letters, decoded))
                    .flatten()
            })
    }

    /// The rule of a term that `form` (the run as written, or in letters; decoded
    /// leetspeak at `decoded`) is one edit from, judged as a run without a doubled letter:
    /// against the terms that double none.
    fn find_undoubled(typo: &TypoIndex, form: &[u8], decoded: u64) -> Option<usize> {
        if !typo.passes_filters(form) {
            return None;
        }
        typo.find_where(form, |term, doubled| {
            doubled == 0 && TypoRun::edit_is_written(form, decoded, term)
        })
    }
}

/// Whether a raw match at `start..end` counts under `scope`.
fn scope_allows(scope: MatchScope, view: View<'_>, start: usize, end: usize) -> bool {
    match scope {
        MatchScope::Exact => start == 0 && end == view.bytes.len(),
        MatchScope::Word => view.is_start(start) && view.is_end(end),
        MatchScope::Prefix => start == 0 && spans_words_plausibly(view, start, end),
        MatchScope::Substring => spans_words_plausibly(view, start, end),
    }
}

/// A match inside one word always counts. A match across separators counts when it reads
/// as one word split apart, not as the tail of one word and the head of the next:
/// - at each end it either sits on a word boundary or takes at least three letters of the
///   word there (`Micro-Soft`, `Micro Softworks`, `myMicro-SoftApp`, `MyAz-ureApp`), or
///   two of the last word when it starts a word (`Microso ftools`; `Microsof Tools`
///   reaches one letter into `Tools`, and is a typo-squat at most);
/// - or its inner words are single letters (`xa z u r e`).
///
/// So `Kazu Research` and `Azur Events` (both hold `azure` across a space) stay innocent.
/// The pieces are split by separators only, but a word's end may also be a camelCase
/// transition (`MyAz-ureApp`).
fn spans_words_plausibly(view: View<'_>, start: usize, end: usize) -> bool {
    let mut inside = view.hard_boundaries_inside(start, end);
    let Some(first) = inside.next() else {
        return true;
    };
    let last = inside.next_back().unwrap_or(first);
    // Each end either sits on a separator or holds a substantial piece of a word; a term
    // that starts a word may reach two letters into the next (`Microso ftools`).
    let head_ok = view.is_start(start) || first - start >= 3;
    let tail_ok = view.is_end(end) || end - last >= if view.is_start(start) { 2 } else { 3 };
    if head_ok && tail_ok {
        return true;
    }
    // Letter-spaced: two or more inner words, each a single byte.
    let mut inner = 0;
    let mut at = first;
    for next in view
        .hard_boundaries_inside(first, end)
        .chain(std::iter::once(end))
    {
        if next > last {
            break;
        }
        if next - at != 1 {
            return false;
        }
        inner += 1;
        at = next;
    }
    inner >= 2
}
