//! How the prefilter's pass finds term and exception patterns as it reads a skeleton byte
//! by byte, without keeping it: the same patterns as the matcher's automaton, in a form
//! that can be stepped.
//!
//! Up to [`MAX_DFA_STATES`] trie states, one `aho-corasick` DFA of every pattern. Past that,
//! its tables (a row per state) would outgrow the caches and miss them at nearly every
//! byte, so the patterns are split: those shorter than [`GRAM`] bytes stay in a small DFA,
//! and the others are found by their last [`GRAM`] bytes (`grams.rs`).

use std::ops::ControlFlow;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use super::grams::{Grams, GRAM};

/// With up to this many states in the trie of all patterns, one DFA of them all: a few
/// hundred kilobytes of tables, which stay in cache.
pub(crate) const MAX_DFA_STATES: usize = 2048;

/// Above this many bytes of short patterns there is no finder (their DFA would outgrow
/// the caches that make it fast), and the prefilter's pass is not built.
const MAX_DFA_PATTERN_BYTES: usize = 1 << 20;

/// How the pass finds every pattern (ids as in the matcher).
#[derive(Clone, Debug)]
pub(crate) enum Finder {
    /// A DFA of every pattern, with its start state.
    Dfa(DFA, StateID),
    /// Too many patterns for that: the ones shorter than [`GRAM`] bytes in a DFA, if any,
    /// and the others by their last bytes.
    Split(Option<ShortDfa>, Grams),
}

/// The DFA of the short patterns of a [`Finder::Split`].
#[derive(Clone, Debug)]
pub(crate) struct ShortDfa {
    dfa: DFA,
    start: StateID,
    /// DFA pattern id → the matcher's pattern id.
    ids: Box<[u32]>,
}

impl Finder {
    /// The finder of `needles`: one DFA while the trie of them all is small, else a split;
    /// `None` without needles, or with too many short ones.
    pub(crate) fn build(needles: &[Vec<u8>]) -> Option<Finder> {
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
            .partition(|(_, n)| n.len() < GRAM);
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

    /// Runs `visit` with this finder as a [`Find`] of its own shape, so that the code that
    /// steps it is compiled for that shape.
    #[inline]
    pub(crate) fn visit<V: Visit>(&self, visit: V) -> V::Output {
        match self {
            Finder::Dfa(dfa, start) => visit.visit(&WholeDfa(dfa, *start)),
            Finder::Split(None, grams) => visit.visit(&OnlyGrams(grams)),
            Finder::Split(Some(short), grams) => visit.visit(&ShortAndGrams(short, grams)),
        }
    }

    /// The bytes the split finder's filter takes.
    #[cfg(test)]
    pub(crate) fn filter_bytes(&self) -> Option<usize> {
        match self {
            Finder::Dfa(..) => None,
            Finder::Split(_, grams) => Some(grams.filter_bytes()),
        }
    }

    /// The finder's shape, for tests.
    #[cfg(test)]
    pub(crate) fn shape(&self) -> &'static str {
        match self {
            Finder::Dfa(..) => "dfa",
            Finder::Split(Some(_), _) => "short and grams",
            Finder::Split(None, _) => "grams",
        }
    }
}

/// Code that steps a [`Find`], whatever the finder's shape.
pub(crate) trait Visit {
    type Output;
    fn visit<F: Find>(self, finder: &F) -> Self::Output;
}

/// A way to find the patterns that end at each skeleton byte.
pub(crate) trait Find {
    /// What the finder keeps from one byte to the next.
    type State: Copy;

    fn start(&self) -> Self::State;

    /// Steps over the skeleton byte `sym`; true when some pattern may end with it.
    fn step(&self, state: &mut Self::State, sym: u8) -> bool;

    /// Calls `f(pattern)` for each pattern that may end at `state`, until it breaks: all
    /// of them, and (for the long patterns of a split finder, which are found by their
    /// last bytes) perhaps others that end with the same bytes.
    fn each_end(
        &self,
        state: Self::State,
        f: impl FnMut(usize) -> ControlFlow<()>,
    ) -> ControlFlow<()>;
}

/// [`Finder::Dfa`].
struct WholeDfa<'a>(&'a DFA, StateID);

impl Find for WholeDfa<'_> {
    type State = StateID;

    #[inline(always)]
    fn start(&self) -> StateID {
        self.1
    }

    #[inline(always)]
    fn step(&self, state: &mut StateID, sym: u8) -> bool {
        *state = self.0.next_state(Anchored::No, *state, sym);
        self.0.is_match(*state)
    }

    #[inline]
    fn each_end(&self, state: StateID, f: impl FnMut(usize) -> ControlFlow<()>) -> ControlFlow<()> {
        each_dfa_end(self.0, state, f)
    }
}

/// Calls `f(pattern)` for each pattern of `dfa` that ends at `state`, until it breaks.
#[inline(always)]
fn each_dfa_end(
    dfa: &DFA,
    state: StateID,
    mut f: impl FnMut(usize) -> ControlFlow<()>,
) -> ControlFlow<()> {
    for i in 0..dfa.match_len(state) {
        f(dfa.match_pattern(state, i).as_usize())?;
    }
    ControlFlow::Continue(())
}

/// [`Finder::Split`] without short patterns.
struct OnlyGrams<'a>(&'a Grams);

impl Find for OnlyGrams<'_> {
    /// The last eight skeleton bytes.
    type State = u64;

    #[inline(always)]
    fn start(&self) -> u64 {
        0
    }

    #[inline(always)]
    fn step(&self, window: &mut u64, sym: u8) -> bool {
        *window = Grams::shift(*window, sym);
        self.0.may_end(*window)
    }

    #[inline]
    fn each_end(&self, window: u64, f: impl FnMut(usize) -> ControlFlow<()>) -> ControlFlow<()> {
        self.0.each_end(window, f)
    }
}

/// [`Finder::Split`] with short patterns.
struct ShortAndGrams<'a>(&'a ShortDfa, &'a Grams);

impl Find for ShortAndGrams<'_> {
    type State = (StateID, u64);

    #[inline(always)]
    fn start(&self) -> (StateID, u64) {
        (self.0.start, 0)
    }

    #[inline(always)]
    fn step(&self, (state, window): &mut (StateID, u64), sym: u8) -> bool {
        *state = self.0.dfa.next_state(Anchored::No, *state, sym);
        *window = Grams::shift(*window, sym);
        self.0.dfa.is_match(*state) | self.1.may_end(*window)
    }

    #[inline]
    fn each_end(
        &self,
        (state, window): (StateID, u64),
        mut f: impl FnMut(usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let short = self.0;
        if short.dfa.is_match(state) {
            each_dfa_end(&short.dfa, state, |pattern| f(short.ids[pattern] as usize))?;
        }
        self.1.each_end(window, f)
    }
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
/// not only leftmost ones), built without a prefilter since the pass steps it itself.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape finds every pattern where it ends (and the split finder's long
    /// patterns perhaps others with the same last bytes, never fewer).
    #[test]
    fn every_shape_finds_every_pattern_where_it_ends() {
        struct Ends<'a>(&'a [u8]);
        impl Visit for Ends<'_> {
            type Output = Vec<(usize, usize)>;
            fn visit<F: Find>(self, finder: &F) -> Self::Output {
                let mut state = finder.start();
                let mut found = Vec::new();
                for (at, &b) in self.0.iter().enumerate() {
                    if finder.step(&mut state, b) {
                        let _ = finder.each_end(state, |p| {
                            found.push((p, at + 1));
                            ControlFlow::Continue(())
                        });
                    }
                }
                found
            }
        }
        let few: Vec<Vec<u8>> = ["azure", "zur", "rnicrosoft"]
            .map(|p| p.as_bytes().to_vec())
            .to_vec();
        let mut many = few.clone();
        // Enough patterns of distinct prefixes to outgrow one DFA.
        for i in 0..600u32 {
            let p: Vec<u8> = (0..6)
                .map(|k| b'a' + ((i * 7 + k * 13) % 26) as u8)
                .collect();
            many.push(p);
        }
        let text = b"myazurernicrosoftzurx";
        for needles in [few, many] {
            let finder = Finder::build(&needles).unwrap();
            let found = finder.visit(Ends(text));
            for (id, n) in needles.iter().enumerate() {
                for end in n.len()..=text.len() {
                    if &text[end - n.len()..end] == n.as_slice() {
                        assert!(found.contains(&(id, end)), "{} at {end}", finder.shape());
                    }
                }
            }
        }
    }
}
