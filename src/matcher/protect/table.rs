//! A compact multimap from 64-bit fingerprints to name ranks: one sorted array of
//! fingerprints, one of ranks beside it, and a directory by the fingerprint's top bits, so
//! a lookup touches about two cache lines and a million names with their one-deletion
//! variants fit in twelve bytes an entry.

/// Fingerprints of byte strings: FNV-style mixing, one multiply a byte, finished so that
/// the top bits (the directory's) depend on every byte.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fingerprint(u64);

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

impl Fingerprint {
    pub(super) const fn new() -> Fingerprint {
        Fingerprint(SEED)
    }

    #[inline]
    pub(super) fn push(self, byte: u8) -> Fingerprint {
        Fingerprint((self.0 ^ u64::from(byte)).wrapping_mul(PRIME))
    }

    #[inline]
    pub(super) fn extend(self, bytes: &[u8]) -> Fingerprint {
        bytes.iter().fold(self, |h, &b| h.push(b))
    }

    /// The fingerprint, mixed (a murmur3 finalizer).
    #[inline]
    pub(super) fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// The fingerprint of `bytes`.
#[inline]
pub(super) fn fingerprint(bytes: &[u8]) -> u64 {
    Fingerprint::new().extend(bytes).finish()
}

/// Fingerprints of `key` with one byte left out, one for each position, in order.
pub(super) fn deletions(key: &[u8], mut each: impl FnMut(usize, u64)) {
    let mut prefix = Fingerprint::new();
    for (i, &b) in key.iter().enumerate() {
        each(i, prefix.extend(&key[i + 1..]).finish());
        prefix = prefix.push(b);
    }
}

/// A random value for each byte (splitmix64 of it), to add up as a multiset's fingerprint.
const LETTER_VALUES: [u64; 256] = {
    let mut values = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut z = (b as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        values[b] = z ^ (z >> 31);
        b += 1;
    }
    values
};

/// The fingerprint of the bytes of `key` as a multiset (their order aside), with that of
/// the multiset less one `b` for each distinct byte `b` that `less` picks, in turn.
fn letter_sets(key: &[u8], less: impl Fn(usize) -> bool, mut each: impl FnMut(u64)) {
    let sum = key
        .iter()
        .fold(0u64, |h, &b| h.wrapping_add(LETTER_VALUES[usize::from(b)]));
    each(Fingerprint(sum).finish());
    let mut seen = [0u64; 4];
    for (i, &b) in key.iter().enumerate() {
        let (word, bit) = (usize::from(b >> 6), 1u64 << (b & 63));
        if seen[word] & bit == 0 && less(i) {
            seen[word] |= bit;
            each(Fingerprint(sum.wrapping_sub(LETTER_VALUES[usize::from(b)])).finish());
        }
    }
}

/// The letter sets a protected key is stored under: its bytes as a multiset, and that
/// multiset less each of its bytes once. A name whose bytes are the key's in another
/// order, or less one of them, shares one.
pub(super) fn letter_sets_stored(key: &[u8], each: impl FnMut(u64)) {
    letter_sets(key, |_| true, each);
}

/// The letter sets a name's key is looked up under: its bytes as a multiset, and that
/// multiset less each byte it doubles (`ee`) once. With [`letter_sets_stored`], a name
/// whose bytes are a protected key's in another order, less one of them, or with one of
/// them doubled shares one with it.
pub(super) fn letter_sets_sought(key: &[u8], each: impl FnMut(u64)) {
    letter_sets(key, |i| i > 0 && key[i - 1] == key[i], each);
}

#[derive(Clone, Debug, Default)]
pub(super) struct Table {
    fingerprints: Vec<u64>,
    ranks: Vec<u32>,
    /// `directory[b]..directory[b + 1]` holds the entries whose top `bits` bits are `b`.
    directory: Vec<u32>,
    shift: u32,
}

impl Table {
    /// The table of `entries` (fingerprint, rank); a pair given twice is kept once.
    pub(super) fn new(mut entries: Vec<(u64, u32)>) -> Table {
        entries.sort_unstable();
        entries.dedup();
        let bits = (usize::BITS - entries.len().leading_zeros()).clamp(1, 30);
        let shift = 64 - bits;
        let mut directory = vec![0u32; (1 << bits) + 1];
        for &(fp, _) in &entries {
            directory[(fp >> shift) as usize + 1] += 1;
        }
        for b in 1..directory.len() {
            directory[b] += directory[b - 1];
        }
        let (fingerprints, ranks) = entries.into_iter().unzip();
        Table {
            fingerprints,
            ranks,
            directory,
            shift,
        }
    }

    /// The ranks stored under `fp`, most popular first.
    #[inline]
    pub(super) fn get(&self, fp: u64) -> &[u32] {
        if self.fingerprints.is_empty() {
            return &[];
        }
        let bucket = (fp >> self.shift) as usize;
        let (lo, hi) = (
            self.directory[bucket] as usize,
            self.directory[bucket + 1] as usize,
        );
        let in_bucket = &self.fingerprints[lo..hi];
        let start = in_bucket.partition_point(|&f| f < fp);
        let end = start + in_bucket[start..].iter().take_while(|&&f| f == fp).count();
        &self.ranks[lo + start..lo + end]
    }

    /// Bytes held, for the benchmark's account of memory.
    pub(super) fn heap_bytes(&self) -> usize {
        self.fingerprints.capacity() * 8 + self.ranks.capacity() * 4 + self.directory.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_rank_under_a_fingerprint_and_nothing_else() {
        let entries: Vec<(u64, u32)> = (0..5000u32)
            .map(|i| (fingerprint(format!("name{}", i % 1000).as_bytes()), i))
            .collect();
        let table = Table::new(entries);
        assert_eq!(
            table.get(fingerprint(b"name7")),
            &[7, 1007, 2007, 3007, 4007]
        );
        assert!(table.get(fingerprint(b"name1000")).is_empty());
        assert!(Table::new(Vec::new()).get(1).is_empty());
    }

    #[test]
    fn letter_sets_meet_when_letters_are_scrambled_or_one_is_left_out_or_doubled() {
        let sets = |key: &[u8], stored: bool| {
            let mut out = Vec::new();
            if stored {
                letter_sets_stored(key, |fp| out.push(fp));
            } else {
                letter_sets_sought(key, |fp| out.push(fp));
            }
            out
        };
        let meet = |name: &[u8], protected: &[u8]| {
            let stored = sets(protected, true);
            sets(name, false).iter().any(|fp| stored.contains(fp))
        };
        assert_eq!(
            sets(b"abca", true).len(),
            4,
            "the whole, less each distinct byte"
        );
        assert_eq!(
            sets(b"abbcaa", false).len(),
            3,
            "the whole, less each doubled byte"
        );
        assert!(meet(b"dbmongo", b"mongodb"), "scrambled");
        assert!(meet(b"mogobd", b"mongodb"), "one left out");
        assert!(meet(b"moongdob", b"mongodb"), "one doubled");
        assert!(!meet(b"mangdob", b"mongodb"), "one for another");
        assert!(!meet(b"moxngdob", b"mongodb"), "one added, not doubled");
        assert!(!meet(b"express", b"mongodb"));
    }

    #[test]
    fn deletions_are_the_fingerprints_of_the_shorter_strings() {
        let mut seen = Vec::new();
        deletions(b"abc", |i, fp| seen.push((i, fp)));
        assert_eq!(
            seen,
            [
                (0, fingerprint(b"bc")),
                (1, fingerprint(b"ac")),
                (2, fingerprint(b"ab"))
            ]
        );
    }
}
