//! Finding many patterns by their last bytes, for the prefilter's pass.
//!
//! The pass steps each skeleton byte through a DFA of every pattern, which is the fastest
//! way to find them while the DFA's tables stay in cache. Ten thousand terms make a DFA of
//! tens of megabytes, and then nearly every step misses the caches. So past a few thousand
//! DFA states the patterns are split: those shorter than [`GRAM`] bytes stay in a (small)
//! DFA, and each longer one is found by its last [`GRAM`] bytes. The last [`GRAM`]
//! skeleton bytes go through a Bloom filter of those endings at each step, which a few
//! kilobytes per thousand patterns hold; only when the filter passes are the patterns with
//! that ending looked up and compared with the skeleton.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::ControlFlow;

use super::bloom::{mix, Bloom};
use super::typo::IdentityHasher;

/// How many trailing bytes of a pattern find it.
pub(crate) const GRAM: usize = 5;

/// The low [`GRAM`] bytes of a window.
const GRAM_MASK: u64 = (1 << (8 * GRAM)) - 1;

/// The oldest of the [`GRAM`] bytes of a window.
const OLDEST: u64 = 0xFF << (8 * (GRAM - 1));

/// The patterns of at least [`GRAM`] bytes, by their last [`GRAM`] bytes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Grams {
    /// The [`filter_key`] of each pattern's last bytes.
    filter: Bloom,
    /// The [`mix`] of last bytes → the id of each pattern that ends so.
    table: HashMap<u64, Vec<u32>, BuildHasherDefault<IdentityHasher>>,
}

/// The [`Bloom`] key of the last [`GRAM`] bytes, probed at every skeleton byte: one fold
/// and one product, not [`mix`]'s two. The fold brings the older bytes down to the low
/// bits, which (with the top ones) pick the key's bits in the filter.
#[inline(always)]
fn filter_key(gram: u64) -> u64 {
    (gram ^ (gram >> 21)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The last [`GRAM`] bytes of `bytes` (at least that many), oldest in the highest byte,
/// as [`Grams::shift`] keeps them.
fn window_of(bytes: &[u8]) -> u64 {
    bytes[bytes.len() - GRAM..]
        .iter()
        .fold(0, |w, &b| w << 8 | u64::from(b))
}

impl Grams {
    /// The index of `patterns` (id, bytes), each at least [`GRAM`] bytes long.
    pub(crate) fn build<'a>(patterns: impl Iterator<Item = (usize, &'a [u8])>) -> Grams {
        let mut grams = Grams::default();
        let mut keys = Vec::new();
        for (id, pattern) in patterns {
            debug_assert!(pattern.len() >= GRAM);
            let window = window_of(pattern);
            keys.push(filter_key(window));
            grams.table.entry(mix(window)).or_default().push(id as u32);
        }
        keys.sort_unstable();
        keys.dedup();
        // About one false pass in a hundred probes (16 bits a key, three set in a block),
        // each a table lookup; the filter stays small enough for the second-level cache.
        grams.filter = Bloom::new(&keys, 16);
        grams
    }

    /// The bytes its Bloom filter takes.
    #[cfg(test)]
    pub(crate) fn filter_bytes(&self) -> usize {
        self.filter.bytes()
    }

    /// The window of the last eight skeleton bytes after `sym`; a window starts at 0.
    #[inline(always)]
    pub(crate) fn shift(window: u64, sym: u8) -> u64 {
        window << 8 | u64::from(sym)
    }

    /// Whether some pattern may end with the last [`GRAM`] bytes of `window`; always when
    /// one does. A window of fewer than [`GRAM`] bytes (its oldest byte still 0, which is
    /// never a skeleton byte) ends no pattern, and skips the filter.
    #[inline(always)]
    pub(crate) fn may_end(&self, window: u64) -> bool {
        window & OLDEST != 0 && self.filter.holds(filter_key(window & GRAM_MASK))
    }

    /// Calls `f(pattern)` for each pattern that ends with the last [`GRAM`] bytes of
    /// `window`, until it breaks. (Whether the skeleton ends with the whole pattern is
    /// for the caller to check.)
    #[inline(never)]
    pub(crate) fn each_end<B>(
        &self,
        window: u64,
        mut f: impl FnMut(usize) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        for id in self
            .table
            .get(&mix(window & GRAM_MASK))
            .into_iter()
            .flatten()
        {
            f(*id as usize)?;
        }
        ControlFlow::Continue(())
    }
}

#[cfg(all(test, feature = "proptest"))]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Stepping a skeleton byte by byte finds each pattern at each place it ends, and
        /// nothing else.
        #[test]
        fn finds_every_pattern_where_it_ends(
            patterns in proptest::collection::vec("[abc]{5,8}", 1..30),
            skeleton in "[abc]{0,40}",
        ) {
            let grams = Grams::build(patterns.iter().map(|p| p.as_bytes()).enumerate());
            let skeleton = skeleton.as_bytes();
            let mut window = 0;
            for end in 1..=skeleton.len() {
                window = Grams::shift(window, skeleton[end - 1]);
                let mut found = Vec::new();
                if grams.may_end(window) {
                    let _ = grams.each_end::<()>(window, |id| {
                        let pattern = patterns[id].as_bytes();
                        if skeleton[..end].ends_with(pattern) {
                            found.push((id, pattern.len()));
                        }
                        ControlFlow::Continue(())
                    });
                }
                found.sort_unstable();
                let expected: Vec<(usize, usize)> = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| skeleton[..end].ends_with(p.as_bytes()))
                    .map(|(id, p)| (id, p.len()))
                    .collect();
                proptest::prop_assert_eq!(found, expected);
            }
        }
    }
}
