//! Typo-squat detection: words one edit away from a term.
//!
//! A word of the name (or a run of up to three adjacent words) is a typo-squat of a term
//! when its skeleton is at Damerau–Levenshtein distance exactly 1 from the term's skeleton:
//! one transposition (`Mircosoft`), deletion (`Microsft`), insertion (`Micxrosoft`) or
//! substitution (`Azrue` is a transposition, `Micrisoft` a substitution).
//!
//! Lookup uses deletion neighbourhoods (as in SymSpell): at build time every term and each
//! of its one-byte deletions is hashed into a table; at check time the word and each of its
//! one-byte deletions are looked up, and the few candidates found are verified exactly. Two
//! strings within one edit always share an entry, so nothing is missed, and the cost per
//! word does not depend on the number of terms.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::{ControlFlow, Range};

use crate::normalize::View;

/// Terms shorter than this many skeleton bytes are not checked for typo-squats: one edit
/// away from a four-letter word is too many ordinary words.
pub(crate) const MIN_TYPO_TERM_LEN: usize = 5;

#[derive(Clone, Debug, Default)]
pub(crate) struct TypoIndex {
    /// Hash of a term or of one of its deletions → indices into `terms`.
    table: HashMap<u64, Vec<u32>, BuildHasherDefault<IdentityHasher>>,
    /// (rule, skeleton) of each indexed term.
    terms: Vec<(usize, Box<[u8]>)>,
    /// Bit `n` set: some term has a skeleton of length `n - 1`, `n` or `n + 1`.
    lengths: [u64; 5],
    max_len: usize,
    /// For a few terms, (length, set of bytes modulo 64) of each: a word one edit away
    /// has a length within one and at most two bytes in or out of the set, which rules
    /// out almost every word without hashing it.
    signatures: Vec<(usize, u64)>,
}

/// Up to this many terms, words are screened by signature before the hash lookups.
const MAX_SIGNATURES: usize = 64;

/// The set of a word's bytes, modulo 64.
pub(crate) fn signature(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |m, &b| m | 1 << (b & 63))
}

impl TypoIndex {
    pub(crate) fn build<'a>(terms: impl Iterator<Item = (usize, &'a [u8])>) -> TypoIndex {
        let mut index = TypoIndex::default();
        for (rule, skeleton) in terms {
            if skeleton.len() < MIN_TYPO_TERM_LEN || skeleton.len() + 1 >= 64 * 5 {
                continue;
            }
            let id = index.terms.len() as u32;
            index.terms.push((rule, skeleton.into()));
            let mut keys: Vec<u64> = (0..skeleton.len())
                .map(|i| hash_without(skeleton, i))
                .collect();
            keys.push(hash_without(skeleton, usize::MAX));
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                index.table.entry(key).or_default().push(id);
            }
            for n in skeleton.len() - 1..=skeleton.len() + 1 {
                index.lengths[n / 64] |= 1 << (n % 64);
            }
            index.max_len = index.max_len.max(skeleton.len() + 1);
            index.signatures.push((skeleton.len(), signature(skeleton)));
        }
        if index.signatures.len() > MAX_SIGNATURES {
            index.signatures.clear();
        }
        index
    }

    /// Whether [`plausible_signature`](TypoIndex::plausible_signature) looks at byte
    /// sets (few terms), so that it rules out almost every word by itself.
    pub(crate) fn screens_by_signature(&self) -> bool {
        !self.signatures.is_empty() || self.terms.is_empty()
    }

    /// The skeleton of each indexed term, when there are few enough to screen by them.
    pub(crate) fn few_terms(&self) -> Option<impl Iterator<Item = &[u8]> + '_> {
        if self.signatures.is_empty() && !self.terms.is_empty() {
            return None;
        }
        Some(self.terms.iter().map(|(_, t)| &t[..]))
    }

    /// Whether no term is indexed.
    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether some term could be one edit from `word`, by length and byte set.
    #[inline]
    fn plausible(&self, word: &[u8]) -> bool {
        self.plausible_signature(word.len(), signature(word))
    }

    /// [`plausible`](TypoIndex::plausible) for a word of `len` bytes whose
    /// [`signature`] is `sig`.
    #[inline]
    pub(crate) fn plausible_signature(&self, len: usize, sig: u64) -> bool {
        if !self.length_possible(len) {
            return false;
        }
        if self.signatures.is_empty() {
            return true;
        }
        self.signatures
            .iter()
            .any(|&(n, s)| n.abs_diff(len) <= 1 && (sig ^ s).count_ones() <= 2)
    }

    /// Whether some term is one edit from `word`.
    pub(crate) fn near(&self, word: &[u8]) -> bool {
        self.check_run(word, 0..word.len(), &mut |_, _, _| ControlFlow::Break(()))
            .is_break()
    }

    #[inline]
    fn length_possible(&self, n: usize) -> bool {
        n <= self.max_len && self.lengths[n / 64] & (1 << (n % 64)) != 0
    }

    /// Calls `on_hit(rule, start, end)` for each word run one edit away from a term.
    pub(crate) fn scan(
        &self,
        view: View<'_>,
        mut on_hit: impl FnMut(usize, usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if self.terms.is_empty() {
            return ControlFlow::Continue(());
        }
        // The last three words, oldest first.
        let mut recent: [Range<usize>; 3] = [0..0, 0..0, 0..0];
        let mut count = 0usize;
        for word in view.words() {
            recent.rotate_left(1);
            recent[2] = word.clone();
            count += 1;
            for first in &recent[3 - count.min(3)..] {
                let run = first.start..word.end;
                if self.plausible(&view.bytes[run.clone()]) && !view.any_modified(run.clone()) {
                    self.check_run(view.bytes, run, &mut on_hit)?;
                }
            }
        }
        ControlFlow::Continue(())
    }

    fn check_run(
        &self,
        bytes: &[u8],
        run: Range<usize>,
        on_hit: &mut impl FnMut(usize, usize, usize) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let word = &bytes[run.clone()];
        // The word itself, then each of its one-byte deletions.
        for skip in std::iter::once(usize::MAX).chain(0..word.len()) {
            let Some(ids) = self.table.get(&hash_without(word, skip)) else {
                continue;
            };
            for &id in ids {
                let (rule, term) = &self.terms[id as usize];
                if one_edit_apart(word, term) {
                    // One report per run and rule, however many keys found it.
                    return on_hit(*rule, run.start, run.end);
                }
            }
        }
        ControlFlow::Continue(())
    }
}

/// FNV-1a of `bytes` with the byte at `skip` left out (`usize::MAX`: none left out).
fn hash_without(bytes: &[u8], skip: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, &b) in bytes.iter().enumerate() {
        if i != skip {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    // Mix in the length, so that different deletions of different words rarely collide.
    h ^ (bytes.len() as u64 - u64::from(skip != usize::MAX))
}

/// Whether `a` and `b` are at optimal-string-alignment distance exactly 1.
pub(crate) fn one_edit_apart(a: &[u8], b: &[u8]) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let i = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 => {
            if i == long.len() {
                return false; // equal
            }
            // substitution at i, or transposition of i and i + 1
            long[i + 1..] == short[i + 1..]
                || (i + 1 < long.len()
                    && long[i] == short[i + 1]
                    && long[i + 1] == short[i]
                    && long[i + 2..] == short[i + 2..])
        }
        1 => long[i + 1..] == short[i..],
        _ => false,
    }
}

/// The table's keys are already hashes.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious dynamic-programming distance, to check the fast one against.
    fn osa(a: &[u8], b: &[u8]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn one_edit_agrees_with_dynamic_programming() {
        let words: &[&[u8]] = &[
            b"azure",
            b"azrue",
            b"zaure",
            b"azur",
            b"azuree",
            b"asure",
            b"azores",
            b"",
            b"a",
            b"ab",
            b"ba",
            b"abc",
            b"acb",
            b"bac",
            b"microsoft",
            b"mircosoft",
            b"microsft",
        ];
        for a in words {
            for b in words {
                assert_eq!(one_edit_apart(a, b), osa(a, b) == 1, "{a:?} {b:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn one_edit_agrees_on_random_words(a in "[abc]{0,6}", b in "[abc]{0,6}") {
            proptest::prop_assert_eq!(
                one_edit_apart(a.as_bytes(), b.as_bytes()),
                osa(a.as_bytes(), b.as_bytes()) == 1
            );
        }
    }
}
