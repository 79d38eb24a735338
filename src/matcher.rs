//! Stage 2 of the pipeline: find rule hits in a skeleton.
//!
//! All term skeletons and exception phrases are compiled into one Aho–Corasick automaton,
//! so the cost of scanning a name does not grow with the number of terms. Each raw match is
//! then judged against its term's [`MatchScope`] using the word boundaries the normalizer
//! recorded, and dropped when an exception phrase covers it. Typo-squats are found per
//! word with a deletion-neighbourhood index (`typo.rs`).

mod bloom;
mod grams;
pub mod regex_rules;
pub mod structure;
mod typo;

use std::ops::ControlFlow;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, Anchored, MatchKind, StartKind};

use crate::error::{Error, Repr};
use crate::normalize::View;
use crate::tables;
use crate::verdict::ViolationKind;

pub(crate) use grams::Grams;
#[cfg(test)]
pub(crate) use grams::GRAM;
pub(crate) use typo::TypoIndex;

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

/// The longest term or exception skeleton, in bytes.
pub(crate) const MAX_PATTERN_LEN: usize = 256;
/// Ambiguous leetspeak expands a term into at most this many patterns.
const MAX_VARIANTS: usize = 64;

/// A rule hit in skeleton coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) rule: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: ViolationKind,
}

#[derive(Clone, Copy, Debug)]
enum Pattern {
    Term { rule: usize },
    Exception { rule: Option<usize> },
}

/// What the matcher needs to know about a term rule.
#[derive(Clone, Debug)]
pub(crate) struct TermSpec {
    pub(crate) skeleton: Vec<u8>,
    pub(crate) scope: MatchScope,
    /// Whether typo-squats of this term are looked for.
    pub(crate) typo: bool,
}

/// An exception phrase: suppresses the hits it covers, of one rule or of all.
#[derive(Clone, Debug)]
pub(crate) struct ExceptionSpec {
    pub(crate) skeleton: Vec<u8>,
    pub(crate) rule: Option<usize>,
}

/// The compiled matcher: immutable, shared by every check.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    scopes: Vec<MatchScope>,
    max_exception_len: usize,
    typo: TypoIndex,
    /// How the screen finds the same patterns; `None` without patterns or when there are
    /// too many short ones.
    finder: Option<Finder>,
    /// The skeleton of each term pattern.
    term_patterns: Vec<Vec<u8>>,
    /// For each pattern, where a hit of it that lies inside one word certainly counts
    /// (no exception can cover it).
    certain: Vec<Certain>,
    /// For each rule, whether no exception applies to it, so that a typo-squat of its
    /// term always counts.
    typo_certain: Vec<bool>,
}

/// Where a hit of a pattern inside one word counts whatever else the name holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Certain {
    /// An exception pattern: its hit alone changes nothing.
    Exception,
    /// A term pattern whose hit may not count: its scope needs word boundaries, or an
    /// exception holds it.
    Never,
    /// A substring term no exception holds: any hit counts.
    Anywhere,
    /// A prefix term no exception holds: a hit at the start of the skeleton counts.
    AtStart,
}

/// What a pattern hit inside one word means, whatever else the name holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PatternHit {
    /// An exception: alone, it changes no verdict.
    Exception,
    /// A term hit that may or may not count.
    Maybe,
    /// A term hit that counts.
    Counts,
}

/// How the screen finds term and exception patterns as it emits a skeleton byte by byte.
#[derive(Clone, Debug)]
pub(crate) enum Finder {
    /// A DFA of every pattern (ids as in the matcher), with its start state, while its
    /// tables are small enough to stay in cache.
    Dfa(DFA, StateID),
    /// Too many patterns for that: the ones shorter than [`grams::GRAM`] bytes in a DFA,
    /// if any, and the others by their last bytes.
    Split(Option<ShortDfa>, Grams),
}

/// The DFA of the short patterns of a [`Finder::Split`].
#[derive(Clone, Debug)]
pub(crate) struct ShortDfa {
    pub(crate) dfa: DFA,
    pub(crate) start: StateID,
    /// DFA pattern id → the matcher's pattern id.
    pub(crate) ids: Box<[u32]>,
}

/// With up to this many states in the trie of all patterns, the screen steps one DFA of
/// them all: a few hundred kilobytes of tables, which stay in cache.
const MAX_DFA_STATES: usize = 2048;

/// Above this many bytes of short patterns the screen is not built (their DFA would
/// outgrow the caches that make it fast).
const MAX_DFA_PATTERN_BYTES: usize = 1 << 20;

impl Matcher {
    pub(crate) fn build(
        terms: &[TermSpec],
        exceptions: &[ExceptionSpec],
    ) -> Result<Matcher, Error> {
        let mut needles: Vec<Vec<u8>> = Vec::new();
        let mut patterns = Vec::new();
        for (rule, term) in terms.iter().enumerate() {
            for variant in ambiguous_variants(&term.skeleton) {
                needles.push(variant);
                patterns.push(Pattern::Term { rule });
            }
        }
        let mut max_exception_len = 0;
        for ex in exceptions {
            max_exception_len = max_exception_len.max(ex.skeleton.len());
            needles.push(ex.skeleton.clone());
            patterns.push(Pattern::Exception { rule: ex.rule });
        }
        let finder = build_finder(&needles);
        let certain = needles
            .iter()
            .zip(&patterns)
            .map(|(needle, pattern)| {
                let Pattern::Term { rule } = *pattern else {
                    return Certain::Exception;
                };
                // An exception covers a hit only if it holds the pattern.
                let coverable = needle.is_empty()
                    || exceptions.iter().any(|ex| {
                        ex.rule.is_none_or(|r| r == rule)
                            && ex.skeleton.windows(needle.len()).any(|w| w == needle)
                    });
                match terms[rule].scope {
                    _ if coverable => Certain::Never,
                    MatchScope::Substring => Certain::Anywhere,
                    MatchScope::Prefix => Certain::AtStart,
                    MatchScope::Word | MatchScope::Exact => Certain::Never,
                }
            })
            .collect();
        let typo_certain = (0..terms.len())
            .map(|rule| {
                !exceptions
                    .iter()
                    .any(|ex| ex.rule.is_none_or(|r| r == rule))
            })
            .collect();
        let term_patterns = needles
            .iter()
            .zip(&patterns)
            .filter(|(_, p)| matches!(p, Pattern::Term { .. }))
            .map(|(n, _)| n.clone())
            .collect();
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
        let typo = TypoIndex::build(
            terms
                .iter()
                .enumerate()
                .filter(|(_, t)| t.typo)
                .map(|(rule, t)| (rule, t.skeleton.as_slice())),
        );
        Ok(Matcher {
            automaton,
            patterns,
            scopes: terms.iter().map(|t| t.scope).collect(),
            max_exception_len,
            typo,
            finder,
            term_patterns,
            certain,
            typo_certain,
        })
    }

    /// What a hit of pattern `pattern` (a DFA pattern id) that starts at skeleton byte
    /// `start` and has no separator inside it means, whatever the rest of the name holds:
    /// it counts when its term's scope accepts it inside a word and no exception can
    /// cover it.
    #[inline]
    pub(crate) fn pattern_hit(&self, pattern: usize, start: usize) -> PatternHit {
        match self.certain.get(pattern) {
            Some(Certain::Exception) => PatternHit::Exception,
            Some(Certain::Anywhere) => PatternHit::Counts,
            Some(Certain::AtStart) if start == 0 => PatternHit::Counts,
            _ => PatternHit::Maybe,
        }
    }

    /// Whether a typo-squat of rule `rule`'s term counts wherever it is: no exception
    /// applies to the rule, so none can cover it.
    #[inline]
    pub(crate) fn typo_counts(&self, rule: usize) -> bool {
        self.typo_certain.get(rule).copied().unwrap_or(false)
    }

    /// How the screen finds every term and exception pattern.
    pub(crate) fn finder(&self) -> Option<&Finder> {
        self.finder.as_ref()
    }

    /// The skeleton of each term pattern (with every ambiguous leetspeak variant).
    pub(crate) fn term_patterns(&self) -> &[Vec<u8>] {
        &self.term_patterns
    }

    /// The typo-squat index.
    pub(crate) fn typo(&self) -> &TypoIndex {
        &self.typo
    }

    /// Calls `on_hit` for every term hit, then every typo-squat hit, in skeleton order
    /// within each pass, until it breaks.
    pub(crate) fn scan(
        &self,
        view: View<'_>,
        mut on_hit: impl FnMut(Hit) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let Some(ac) = &self.automaton else {
            return ControlFlow::Continue(());
        };
        // Term hits seen so far, so that a typo-squat inside a real hit of the same rule
        // is not reported twice. Only the first few are kept; more is a pathological name.
        let mut seen = [(usize::MAX, 0usize, 0usize); 16];
        let mut nseen = 0;
        for m in ac.find_overlapping_iter(view.bytes) {
            let Pattern::Term { rule } = self.patterns[m.pattern().as_usize()] else {
                continue;
            };
            let (start, end) = (m.start(), m.end());
            if !scope_allows(self.scopes[rule], view, start, end)
                || self.covered(view, rule, start, end)
            {
                continue;
            }
            if nseen < seen.len() {
                seen[nseen] = (rule, start, end);
                nseen += 1;
            }
            on_hit(Hit {
                rule,
                start,
                end,
                kind: ViolationKind::Term,
            })?;
        }
        self.typo.scan(view, |rule, start, end| {
            let overlaps_hit = seen[..nseen]
                .iter()
                .any(|&(r, s, e)| r == rule && s < end && start < e);
            if overlaps_hit || self.covered(view, rule, start, end) {
                return ControlFlow::Continue(());
            }
            on_hit(Hit {
                rule,
                start,
                end,
                kind: ViolationKind::TypoSquat,
            })
        })
    }

    /// Whether an exception that applies to `rule` covers skeleton bytes `start..end`.
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
            matches!(self.patterns[m.pattern().as_usize()],
                Pattern::Exception { rule: r } if r.is_none_or(|r| r == rule))
                && lo + m.start() <= start
                && lo + m.end() >= end
        })
    }
}

/// The screen's finder of `needles`: one DFA while the trie of them all is small, else a
/// split.
fn build_finder(needles: &[Vec<u8>]) -> Option<Finder> {
    if needles.is_empty() {
        return None;
    }
    if trie_states(needles) <= MAX_DFA_STATES {
        let (dfa, start) = build_dfa(needles.iter().map(Vec::as_slice))?;
        return Some(Finder::Dfa(dfa, start));
    }
    let (short, long): (Vec<_>, Vec<_>) = needles
        .iter()
        .enumerate()
        .partition(|(_, n)| n.len() < grams::GRAM);
    if short.iter().map(|(_, n)| n.len()).sum::<usize>() > MAX_DFA_PATTERN_BYTES {
        return None;
    }
    let short = if short.is_empty() {
        None
    } else {
        let (dfa, start) = build_dfa(short.iter().map(|(_, n)| &n[..]))?;
        let ids = short.iter().map(|&(id, _)| id as u32).collect();
        Some(ShortDfa { dfa, start, ids })
    };
    let grams = Grams::build(long.into_iter().map(|(id, n)| (id, &n[..])));
    Some(Finder::Split(short, grams))
}

/// The number of states in the trie of `needles`: one for each distinct prefix.
fn trie_states(needles: &[Vec<u8>]) -> usize {
    let mut sorted: Vec<&[u8]> = needles.iter().map(Vec::as_slice).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut states = 1;
    let mut previous: &[u8] = &[];
    for needle in sorted {
        let shared = needle
            .iter()
            .zip(previous)
            .take_while(|(a, b)| a == b)
            .count();
        states += needle.len() - shared;
        previous = needle;
    }
    states
}

/// A DFA that reports whether any pattern ends at a byte (standard semantics: every match,
/// not only leftmost ones), built without a prefilter since the screen steps it itself.
fn build_dfa<'a>(needles: impl Iterator<Item = &'a [u8]>) -> Option<(DFA, StateID)> {
    let dfa = DFA::builder()
        .match_kind(MatchKind::Standard)
        .start_kind(StartKind::Unanchored)
        .prefilter(false)
        .byte_classes(true)
        .build(needles)
        .ok()?;
    let start = dfa.start_state(Anchored::No).ok()?;
    Some((dfa, start))
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
/// - at each end it either sits on a separator or takes at least three letters of the
///   word there (`Micro-Soft`, `Micro Softworks`, `myMicro-SoftApp`);
/// - or its inner words are single letters (`xa z u r e`).
///
/// So `Kazu Research` and `Azur Events` (both hold `azure` across a space) stay innocent.
/// Only separators count here, not camelCase transitions, so that changing the case of a
/// name never changes whether a term is found in it.
fn spans_words_plausibly(view: View<'_>, start: usize, end: usize) -> bool {
    let mut inside = view.hard_boundaries_inside(start, end);
    let Some(first) = inside.next() else {
        return true;
    };
    let last = inside.next_back().unwrap_or(first);
    // Each end either sits on a separator or holds a substantial piece of a word.
    let head_ok = view.is_hard_start(start) || first - start >= 3;
    let tail_ok = view.is_hard_end(end) || end - last >= 3;
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

/// The patterns a term skeleton stands for: itself, and every way ambiguous leetspeak
/// (`6` for `b` or `g`) could have written it.
fn ambiguous_variants(skeleton: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = vec![skeleton.to_vec()];
    for (i, &b) in skeleton.iter().enumerate() {
        let markers: Vec<u8> = tables::LEET_CLASSES
            .iter()
            .enumerate()
            .filter(|(_, letters)| letters.as_bytes().contains(&b))
            .map(|(k, _)| k as u8 + 1)
            .collect();
        if markers.is_empty() {
            continue;
        }
        let base = variants.len();
        for marker in markers {
            for v in 0..base {
                if variants.len() >= MAX_VARIANTS {
                    break;
                }
                let mut w = variants[v].clone();
                w[i] = marker;
                variants.push(w);
            }
        }
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_leet_expands_terms() {
        let v = ambiguous_variants(b"bag");
        // b -> {b, 6}, g -> {g, 6, 9}
        assert_eq!(v.len(), 6);
        assert!(v.contains(&vec![1, b'a', 2]));
    }
}
