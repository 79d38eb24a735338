//! The blocked Bloom filter that keeps most lookups of the screen's indexes away from
//! their tables.

/// A blocked Bloom filter: each key (a hash whose top and middle bits depend on every
/// input bit) sets three bits of one 64-bit block, so a probe reads one word (and one
/// mask).
#[derive(Clone, Debug)]
pub(crate) struct Bloom {
    blocks: Box<[u64]>,
}

impl Default for Bloom {
    /// A filter of no keys.
    fn default() -> Bloom {
        Bloom::new(&[], 0)
    }
}

impl Bloom {
    /// The filter of `keys`, with about `bits_per_key` bits a key.
    pub(crate) fn new(keys: &[u64], bits_per_key: usize) -> Bloom {
        let blocks = (keys.len() * bits_per_key / 64).max(16);
        let mut bloom = Bloom {
            blocks: vec![0u64; blocks].into_boxed_slice(),
        };
        for &x in keys {
            let (block, bits) = bloom.slot(x);
            bloom.blocks[block] |= bits;
        }
        bloom
    }

    /// The block of key `x` (its top 32 bits, scaled to the number of blocks) and the
    /// three bits it sets there (the mask that a middle field picks).
    #[inline(always)]
    fn slot(&self, x: u64) -> (usize, u64) {
        let block = (((x >> 32) * self.blocks.len() as u64) >> 32) as usize;
        (block, MASKS[(x >> 8) as usize % MASKS.len()])
    }

    /// The bytes the filter takes.
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> usize {
        std::mem::size_of_val(&*self.blocks)
    }

    /// Whether the filter may hold `x`; always when `x` went in.
    #[inline(always)]
    pub(crate) fn holds(&self, x: u64) -> bool {
        let (block, bits) = self.slot(x);
        self.blocks[block] & bits == bits
    }
}

/// Masks of three distinct bits, from a fixed pseudo-random sequence: one load picks a
/// key's bits, where computing three shifts would take a dozen instructions.
static MASKS: [u64; 1024] = {
    let mut masks = [0u64; 1024];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut i = 0;
    while i < masks.len() {
        let mut mask = 0u64;
        while mask.count_ones() < 3 {
            // xorshift64
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            mask |= 1 << (state >> 58);
        }
        masks[i] = mask;
        i += 1;
    }
    masks
};

/// Two rounds of multiply and fold (the finalizer of SplitMix64, less its last fold): every
/// bit of the result depends on every bit of `x`, as [`Bloom`] and hash-table keys need,
/// even when `x` is a few packed bytes.
#[inline(always)]
pub(crate) fn mix(x: u64) -> u64 {
    let x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x ^ (x >> 32)).wrapping_mul(0x94D0_49BB_1331_11EB)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_have_three_bits_and_vary() {
        assert!(MASKS.iter().all(|m| m.count_ones() == 3));
        let mut distinct = MASKS.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert!(distinct.len() > MASKS.len() * 9 / 10, "{}", distinct.len());
    }

    /// At 16 bits a key, as the typo-squat and gram filters take, a key that did not go
    /// in passes about one time in a hundred, as the docs say.
    #[test]
    fn sixteen_bits_a_key_pass_about_one_other_key_in_a_hundred() {
        let keys: Vec<u64> = (0..20_000u64).map(mix).collect();
        let bloom = Bloom::new(&keys, 16);
        assert!(keys.iter().all(|&x| bloom.holds(x)));
        let others = (0..100_000u64)
            .filter(|&k| bloom.holds(mix(k | 1 << 40)))
            .count();
        assert!(others < 2_000, "{others} of 100000 held");
    }

    #[cfg(feature = "proptest")]
    proptest::proptest! {
        /// A key that went in is always held; few others are.
        #[test]
        fn holds_what_went_in(keys in proptest::collection::vec(0u64.., 1..500)) {
            let mixed: Vec<u64> = keys.iter().map(|&k| mix(k)).collect();
            let bloom = Bloom::new(&mixed, 32);
            proptest::prop_assert!(mixed.iter().all(|&x| bloom.holds(x)));
            let others = (0..10_000u64).filter(|&k| bloom.holds(mix(k ^ 0xA5A5_0000_0000_0000))).count();
            proptest::prop_assert!(others < 200, "{others} of 10000 held");
        }
    }
}
