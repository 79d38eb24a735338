//! Stretches near a term: a bit-parallel automaton that reads an ASCII name's symbols in
//! order and tells whether some stretch of them may be one edit from a term.
//!
//! The census's common subsequences (see `Lcs`) ask only whether a name holds enough of
//! a term's symbols in order, anywhere: `@inquirer/prompts` holds `a`, `u`, `r`, `e` of
//! Azure, far apart. A typo-squat is a run of words, and a run of words is a stretch of
//! the name: its symbols stand side by side once what may read as nothing (a separator,
//! a repeat, the rest of a multi-character run) is passed over. [`Near`] looks for such a
//! stretch with the automaton of Wu and Manber (1992) for one edit, a transposition
//! counted as one (the optimal string alignment distance, as the matcher counts edits):
//! a state set per term, every term side by side in half a word (a guard bit above
//! each), the exact states in one half and those of one edit in the other, one step per
//! symbol.
//!
//! A symbol is read as every reading may read it (its census bits), and one that may read
//! as nothing is both read and passed over, so a stretch that some reading makes one edit
//! from a term is always found: the automaton only ever says "maybe" too often.

/// One byte of an ASCII name, as [`Near`] reads it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Symbol {
    pub(super) byte: u8,
    /// Whether it may read as nothing: a separator, a leetspeak symbol beside others of
    /// its run, the rest of a multi-character run (`h` of `ph`).
    pub(super) may_vanish: bool,
    /// Whether it may read as two symbols (`m` is `rn`).
    pub(super) twice: bool,
}

/// The automaton of the terms checked one edit away: each term's positions side by side
/// in the low half of a word, a guard bit above each, and the states of one edit in the
/// high half, so that one shift steps both.
#[derive(Clone, Debug)]
pub(super) struct Near {
    /// ASCII byte → the positions of the term symbols it may be, in both halves.
    masks: Box<[u64; 128]>,
    /// The first position of each term, the last, and the guard bit above each, in
    /// both halves.
    starts: u64,
    ends: u64,
    guards: u64,
}

/// The low half of a word of [`Near`].
const LOW: u64 = u32::MAX as u64;

impl Near {
    /// The automaton of `terms`, each given as the census bits each of its positions
    /// wants, where `symbols` gives the census bits an ASCII byte may read as; `None`
    /// when they do not fit half a word.
    pub(super) fn build<'a>(
        terms: impl IntoIterator<Item = &'a [u64]>,
        symbols: impl Fn(u8) -> u64,
    ) -> Option<Near> {
        let (mut wants, mut starts, mut ends, mut guards) = (Vec::new(), 0u64, 0u64, 0u64);
        for term in terms {
            let at = wants.len();
            if term.is_empty() || at + term.len() + 1 > 32 {
                return None;
            }
            wants.extend_from_slice(term);
            wants.push(0);
            starts |= 1 << at;
            ends |= 1 << (at + term.len() - 1);
            guards |= 1 << (at + term.len());
        }
        let both = |m: u64| m | m << 32;
        let masks = Box::new(std::array::from_fn(|b| {
            let bits = symbols(b as u8);
            both(
                wants
                    .iter()
                    .enumerate()
                    .filter(|&(_, &want)| want & bits != 0)
                    .fold(0, |m, (at, _)| m | 1 << at),
            )
        }));
        Some(Near {
            masks,
            starts: both(starts),
            ends: both(ends),
            guards: both(guards),
        })
    }

    /// Whether some stretch of `symbols` may be one edit from a term.
    #[inline]
    pub(super) fn holds(&self, symbols: impl Iterator<Item = Symbol>) -> bool {
        // The prefixes of each term matched exactly (low half) and with one edit (high
        // half; the first symbol may be missing), and those whose next two symbols the
        // next two of the stretch may hold swapped (`swaps`, low half).
        let mut states = self.starts & !LOW;
        let mut swaps = 0;
        // The positions of the last byte that was any: one that may be a term's symbol
        // again is a repeat, which the reader may collapse (`rn` beside `m`, too).
        let mut last = 0u64;
        for s in symbols {
            let mask = self.masks[usize::from(s.byte & 0x7F)];
            let (mut next, mut next_swaps) = self.step(states, swaps, mask);
            if s.twice {
                let (again, again_swaps) = self.step(next, next_swaps, mask);
                next |= again;
                next_swaps |= again_swaps;
            }
            // (Without a branch: what may vanish follows no pattern.)
            let keep = 0u64.wrapping_sub(u64::from(s.may_vanish || mask & last != 0));
            states = next | states & keep;
            swaps = next_swaps | swaps & keep;
            if states & self.ends != 0 {
                return true;
            }
            last = if mask != 0 { mask } else { last };
        }
        false
    }

    /// The states and swaps after a symbol of positions `mask`.
    #[inline(always)]
    fn step(&self, states: u64, swaps: u64, mask: u64) -> (u64, u64) {
        // The prefixes the symbol may extend: those matched, and the empty one.
        let expects = ((states << 1) | self.starts) & !self.guards;
        // Matches, with and without an edit before.
        let matched = expects & mask;
        // One edit (low half, moved up): a substitution, an insertion, a deletion after
        // a match, or the second symbol of a transposition.
        let edited = (expects | states | matched << 1 | (swaps & mask) << 1) & LOW;
        let next = (matched | edited << 32) & !self.guards;
        (next, expects & mask >> 1 & LOW)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::osa;

    /// The automaton of `terms` (lowercase letters), each reading as itself.
    fn near(terms: &[&str]) -> Near {
        let letter = |b: u8| {
            if b.is_ascii_lowercase() {
                1 << (b - b'a')
            } else {
                0
            }
        };
        let wants: Vec<Vec<u64>> = terms
            .iter()
            .map(|t| t.bytes().map(letter).collect())
            .collect();
        Near::build(wants.iter().map(Vec::as_slice), letter).unwrap()
    }

    fn symbols(name: &str) -> impl Iterator<Item = Symbol> + '_ {
        name.bytes().map(|b| Symbol {
            byte: b,
            may_vanish: !b.is_ascii_lowercase(),
            twice: false,
        })
    }

    /// Whether some substring of `name` is at most one edit from `term`.
    fn near_by_table(name: &str, term: &str) -> bool {
        let n = name.as_bytes();
        (0..=n.len()).any(|i| (i..=n.len()).any(|j| osa(&n[i..j], term.as_bytes()) <= 1))
    }

    /// Names of the terms' letters and two others, from a fixed generator (no letter
    /// twice in a row: the automaton may collapse a repeat, as the reader does, which
    /// the table does not), and a few misspellings.
    fn names() -> Vec<String> {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet = b"azuremicrosftxy";
        let random = (0..3000).map(|_| {
            let len = 2 + next() % 12;
            let mut name = String::new();
            while name.len() < len as usize {
                let c = char::from(alphabet[(next() % alphabet.len() as u64) as usize]);
                if !name.ends_with(c) {
                    name.push(c);
                }
            }
            name
        });
        let slips = [
            "azure",
            "azur",
            "azrue",
            "zaure",
            "azxure",
            "feature",
            "measure",
            "inquirer",
            "mircosoft",
            "micrsfot",
            "mircosfoft",
            "msicrosoft",
            "microsotf",
            "mciroosft",
            "icrosoft",
            "micro",
            "soft",
            "ae",
        ];
        random.chain(slips.map(String::from)).collect()
    }

    #[test]
    fn finds_exactly_the_stretches_one_edit_from_a_term() {
        let near = near(&["azure", "microsoft"]);
        for name in names() {
            let by_table = near_by_table(&name, "azure") || near_by_table(&name, "microsoft");
            assert_eq!(near.holds(symbols(&name)), by_table, "{name}");
        }
    }

    #[test]
    fn passes_over_what_may_read_as_nothing() {
        let near = near(&["azure"]);
        assert!(near.holds(symbols("a-z-u-r")));
        assert!(near.holds(symbols("x.a_z-r-e.y")));
        assert!(!near.holds(symbols("a-z-x-y-r-e")));
        // A repeat may collapse.
        assert!(near.holds(symbols("aazzuuree")));
        assert!(!near.holds(symbols("axxzuxre")));
    }

    #[test]
    fn reads_a_letter_of_two_symbols_as_one_or_two() {
        // `m` reads as `rn`: either symbol, once or twice.
        let mut near = near(&["turner", "azure"]);
        near.masks[usize::from(b'm')] =
            near.masks[usize::from(b'r')] | near.masks[usize::from(b'n')];
        let read = |name: &'static str, twice: bool| {
            name.bytes().map(move |b| Symbol {
                byte: b,
                may_vanish: false,
                twice: twice && b == b'm',
            })
        };
        // `tumer` is `turner`, and one edit from it with `m` as one symbol (`tuner`).
        assert!(near.holds(read("tumer", true)));
        assert!(near.holds(read("tumer", false)));
        // `tumxr` is `turnxr`, one edit from `turner` only when `m` reads as two.
        assert!(near.holds(read("tumxr", true)));
        assert!(!near.holds(read("tumxr", false)));
    }
}
