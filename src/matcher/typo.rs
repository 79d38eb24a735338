//! Typo-squat detection: words one edit away from a term.
//!
//! A word of the name (or a run of up to three adjacent words) is a typo-squat of a term
//! when its skeleton is at Damerau–Levenshtein distance exactly 1 from the term's skeleton:
//! one transposition (`Mircosoft`), deletion (`Microsft`), insertion (`Micxrosoft`) or
//! substitution (`Azrue` is a transposition, `Micrisoft` a substitution). Edits are
//! counted in letters: the skeleton of `m` is `rn`, two bytes, so a term or word with
//! `rn` is also compared in its letter form, with each `rn` as one `m` (`Bicrosoft` and
//! `Amure` are one letter from `Microsoft` and `Azure`); the index holds both forms of
//! such a term.
//!
//! Lookup uses deletion neighbourhoods (as in SymSpell): at build time every term and each
//! of its one-byte deletions is hashed into a table; at check time the word and each of its
//! one-byte deletions are looked up, and the few candidates found are verified exactly. Two
//! strings within one edit always share an entry, so nothing is missed, and the cost per
//! word does not depend on the number of terms.
//!
//! A table by word length says what a word of that length needs (see `Lookup`): nothing,
//! when no term's length is within one of it; only its own key, when every such term is
//! one byte longer; or its deletions' keys too. Two filters then keep most words away from
//! the table, and neither ever turns away a word one edit from a term. The first looks at
//! a word's ends: one edit leaves a term's first and
//! last few bytes as they were, or else all of its bytes after the edit (near the start)
//! or before it (near the end). So three keys of the word's bytes, with its length, go
//! through a Bloom filter of the keys that terms may leave (see `Ends`; for a handful of
//! terms, the set of a word's bytes is compared with each term's instead). The second
//! probes every deletion key of the word, without branches, in a blocked Bloom filter of
//! the table's keys.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::{ControlFlow, Range};

use super::bloom::Bloom;

/// Terms shorter than this many skeleton bytes are not checked for typo-squats: one edit
/// away from a four-letter word is too many ordinary words.
pub(crate) const MIN_TYPO_TERM_LEN: usize = 5;

#[derive(Clone, Debug, Default)]
pub(crate) struct TypoIndex {
    /// Hash of a term or of one of its deletions → indices into `terms`.
    table: HashMap<u64, Vec<u32>, BuildHasherDefault<IdentityHasher>>,
    /// Each term: its rule, skeleton (or letter form, see [`letter_form`]), the positions
    /// of letters it doubles as written, and which of its forms it is.
    terms: Vec<(usize, Box<[u8]>, u64, Form)>,
    /// What a word of each length up to the longest term's plus one needs looked up.
    lookups: Box<[Lookup]>,
    /// For a few terms, (length, set of bytes modulo 64) of each: a word one edit away
    /// has a length within one and at most two bytes in or out of the set, which rules
    /// out almost every word without hashing it.
    signatures: Vec<(usize, u64)>,
    /// The table's keys (as [`mixed`] hashes), so that most lookups of keys that are
    /// not there touch no hash table.
    filter: Bloom,
    /// The ends that a word one edit from a term may have: see
    /// [`plausible_ends`](TypoIndex::plausible_ends).
    ends: Bloom,
}

/// Which form of a term an indexed entry is (see [`letter_form`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// A skeleton without `rn`: its own letter form, judged against words in either form.
    Both,
    /// A skeleton with `rn`, judged against words in skeleton form.
    Skeleton,
    /// The letter form of such a skeleton, judged against words in letter form.
    Letters,
}

impl Form {
    /// Whether a term entry of this form is judged against `word`: a word with `rn` is a
    /// skeleton, one with [`M`] a letter form, and one with neither is both.
    #[inline(always)]
    fn judges(self, word: &[u8]) -> bool {
        match self {
            Form::Both => true,
            Form::Skeleton => !word.contains(&M),
            Form::Letters => !has_rn(word),
        }
    }
}

/// The byte that stands for `rn` in the letter form of a skeleton: `m`, whose skeleton is
/// `rn`, so that no skeleton holds it.
pub(crate) const M: u8 = b'm';

/// Whether skeleton bytes `bytes` hold `rn`.
#[inline]
pub(crate) fn has_rn(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"rn")
}

/// The letter form of skeleton `bytes`, written to `out`: each `rn` (the skeleton of `m`,
/// and the two letters that look like it) as the one byte [`M`], so that a misspelling
/// is counted in letters. `Bicrosoft` and `Amure` are one letter from `Microsoft` and
/// `Azure`, but two skeleton bytes (`rnicrosoft`, `azurne`). Its length; `None` when
/// `bytes` hold no `rn` (the letter form is the skeleton) or the form does not fit.
#[inline]
pub(crate) fn letter_form(bytes: &[u8], out: &mut [u8]) -> Option<usize> {
    if !has_rn(bytes) {
        return None;
    }
    let (mut i, mut len) = (0, 0);
    while i < bytes.len() {
        let pair = bytes[i] == b'r' && bytes.get(i + 1) == Some(&b'n');
        *out.get_mut(len)? = if pair { M } else { bytes[i] };
        len += 1;
        i += 1 + usize::from(pair);
    }
    Some(len)
}

/// `mask` (positions of skeleton `bytes`, below 64, as bits) at the positions of the
/// letter form of `bytes`: a bit of either byte of an `rn` at its [`M`].
pub(crate) fn letter_form_mask(bytes: &[u8], mask: u64) -> u64 {
    let (mut i, mut at, mut out) = (0, 0, 0u64);
    while i < bytes.len().min(64) {
        let pair = bytes[i] == b'r' && bytes.get(i + 1) == Some(&b'n');
        let width = 1 + usize::from(pair);
        if (mask >> i) & ((1u64 << width) - 1) != 0 {
            out |= 1 << at;
        }
        at += 1;
        i += width;
    }
    out
}

/// What a word of some length needs looked up: one table entry per length, so that a
/// lookup takes one branch on the length, not one per question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Lookup {
    /// Nothing: no term has a length within one of the word's.
    #[default]
    Nothing,
    /// The word's own key. Every term of a length within one of the word's is one byte
    /// longer, and the word is then one of its deletions.
    Own,
    /// The keys of the word and of each of its one-byte deletions: some term has the
    /// word's length or one byte less.
    Deletions,
    /// [`Own`](Lookup::Own), for words whose ends (split `a`, see [`Ends`]) the ends
    /// filter holds.
    EndsThenOwn(u8),
    /// [`Deletions`](Lookup::Deletions), for words whose ends the ends filter holds.
    EndsThenDeletions(u8),
}

impl Lookup {
    /// Whether the word's deletions are looked up.
    fn deletions(self) -> bool {
        matches!(self, Lookup::Deletions | Lookup::EndsThenDeletions(_))
    }

    /// The split of the ends filter, when it screens words of this length.
    fn split(self) -> Option<u8> {
        match self {
            Lookup::EndsThenOwn(a) | Lookup::EndsThenDeletions(a) => Some(a),
            _ => None,
        }
    }
}

/// The ends filter costs about half as much as the deletion probes that a word it lets
/// pass goes on to: for word lengths where it would pass more than this share of words, it
/// is not probed. The share is estimated for words of bytes drawn evenly from the terms'
/// own bytes; with thousands of terms, nearly every two-byte end occurs.
const MAX_ENDS_PASS: f64 = 0.5;

/// Up to this many terms, words are screened by signature before the hash lookups.
const MAX_SIGNATURES: usize = 64;
/// Up to this many terms, the screen looks a word up only when its signature is close.
const FEW_TERMS: usize = 8;

/// The set of a word's bytes, modulo 64.
pub(crate) fn signature(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |m, &b| m | 1 << (b & 63))
}

impl TypoIndex {
    pub(crate) fn build<'a>(terms: impl Iterator<Item = (usize, &'a [u8], u64)>) -> TypoIndex {
        let mut index = TypoIndex::default();
        let mut mixed_keys = Vec::new();
        let mut lookups = Vec::new();
        // Each term in skeleton form, and in letter form where that differs.
        let mut forms = Vec::new();
        for (rule, skeleton, doubled) in terms {
            if skeleton.len() < MIN_TYPO_TERM_LEN {
                continue;
            }
            let mut letters = [0; 256];
            match letter_form(skeleton, &mut letters) {
                Some(len) => {
                    forms.push((rule, skeleton.to_vec(), doubled, Form::Skeleton));
                    let doubled = letter_form_mask(skeleton, doubled);
                    forms.push((rule, letters[..len].to_vec(), doubled, Form::Letters));
                }
                None => forms.push((rule, skeleton.to_vec(), doubled, Form::Both)),
            }
        }
        for (rule, skeleton, doubled, form) in forms {
            let skeleton = &skeleton[..];
            let id = index.terms.len() as u32;
            index.terms.push((rule, skeleton.into(), doubled, form));
            let mut keys: Vec<u64> = Vec::with_capacity(skeleton.len() + 1);
            let _ = for_each_hash(skeleton, |hash, len| {
                keys.push(mixed(hash, len));
                ControlFlow::Continue(())
            });
            mixed_keys.extend_from_slice(&keys);
            for k in &mut keys {
                *k = finish_key(*k);
            }
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                index.table.entry(key).or_default().push(id);
            }
            let m = skeleton.len();
            if lookups.len() < m + 2 {
                lookups.resize(m + 2, Lookup::Nothing);
            }
            // A word one byte shorter is one of the term's deletions; a word as long or
            // one byte longer shares a deletion with it.
            if lookups[m - 1] == Lookup::Nothing {
                lookups[m - 1] = Lookup::Own;
            }
            lookups[m] = Lookup::Deletions;
            lookups[m + 1] = Lookup::Deletions;
            index.signatures.push((m, signature(skeleton)));
        }
        index.lookups = lookups.into_boxed_slice();
        if index.signatures.len() > MAX_SIGNATURES {
            index.signatures.clear();
        }
        // About 16 bits per key, three of them set in one block: a key that is not there
        // passes about one time in a hundred, and each such pass costs one table lookup.
        // At 32 bits it passes one time in 300, but ten thousand terms then take 370 KB,
        // most of a core's second-level cache.
        mixed_keys.sort_unstable();
        mixed_keys.dedup();
        index.filter = Bloom::new(&mixed_keys, 16);
        // A word of n bytes one edit from a term has, for a split `a` (see `Ends`), the
        // term's first and last `a` bytes, or its last `k`, or its first `k`. For each
        // length a word one edit from a term may have, the split that screens best and
        // the keys of the terms' ends there; only the lengths where the filter pays go in.
        let mut alphabet = [false; 256];
        for (_, term, _, _) in &index.terms {
            for &b in term.iter() {
                alphabet[usize::from(b)] = true;
            }
        }
        let alphabet = alphabet.iter().filter(|&&b| b).count() as f64;
        let mut by_length: HashMap<usize, Vec<&[u8]>> = HashMap::new();
        for (_, term, _, _) in &index.terms {
            for n in term.len() - 1..=term.len() + 1 {
                by_length.entry(n).or_default().push(term);
            }
        }
        let mut end_keys = Vec::new();
        for (n, terms) in by_length {
            let best = (1..=Ends::max_split(n))
                .map(|a| {
                    let ends = Ends::new(n, a);
                    let keys: [HashSet<u64>; 3] = std::array::from_fn(|side| {
                        terms.iter().map(|t| ends.key_of(t, side)).collect()
                    });
                    let miss = |side: usize| {
                        let space = alphabet.powi(ends.key_bytes(side) as i32);
                        (1.0 - keys[side].len() as f64 / space).max(0.0)
                    };
                    let pass = 1.0 - miss(0) * miss(1) * miss(2);
                    (pass, a, keys)
                })
                .min_by(|x, y| x.0.total_cmp(&y.0));
            if let Some((pass, a, keys)) = best {
                if pass <= MAX_ENDS_PASS {
                    let lookup = &mut index.lookups[n];
                    *lookup = if lookup.deletions() {
                        Lookup::EndsThenDeletions(a as u8)
                    } else {
                        Lookup::EndsThenOwn(a as u8)
                    };
                    end_keys.extend(keys.into_iter().flatten());
                }
            }
        }
        index.ends = Bloom::new(&end_keys, 16);
        index
    }

    /// Whether there are so few terms that [`plausible_signature`]
    /// (TypoIndex::plausible_signature) is quick and rules out almost every word by itself.
    pub(crate) fn screens_by_signature(&self) -> bool {
        self.terms.len() <= FEW_TERMS
    }

    /// The skeleton of each indexed term, and its letter form where that differs (the one
    /// that holds [`M`]), when there are few enough to screen by them.
    pub(crate) fn few_terms(&self) -> Option<impl Iterator<Item = &[u8]> + '_> {
        if self.signatures.is_empty() && !self.terms.is_empty() {
            return None;
        }
        Some(self.terms.iter().map(|(_, t, _, _)| &t[..]))
    }

    /// Whether no term is indexed.
    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The bytes its two Bloom filters take.
    #[cfg(test)]
    pub(crate) fn filter_bytes(&self) -> usize {
        self.filter.bytes() + self.ends.bytes()
    }

    /// The lookup that words of `n` bytes need.
    #[inline(always)]
    fn lookup(&self, n: usize) -> Lookup {
        self.lookups.get(n).copied().unwrap_or_default()
    }

    /// Whether some run of `len` skeleton bytes may be judged: collapsed, or as written
    /// with a doubled letter of up to two bytes (`rn`) twice.
    #[inline(always)]
    pub(crate) fn may_judge_len(&self, len: usize) -> bool {
        (len..=len + 2).any(|n| !matches!(self.lookup(n), Lookup::Nothing))
    }

    /// Whether the filters let `word` through: always when it is one edit from a term,
    /// and for almost no other word. With few terms, by length and byte set; with more,
    /// by length, ends (where they screen) and the keys of the word and its deletions.
    #[inline(always)]
    pub(crate) fn passes_filters(&self, word: &[u8]) -> bool {
        let n = word.len();
        let lookup = self.lookup(n);
        let plausible = match lookup {
            Lookup::Nothing => return false,
            _ if self.screens_by_signature() => self.plausible_signature(n, signature(word)),
            _ => lookup.split().is_none_or(|a| self.plausible_ends(word, a)),
        };
        plausible && self.may_be_near(word, lookup.deletions())
    }

    /// Whether some term could be one edit from `word` by its first and last bytes and
    /// its length (of at least 4 bytes, as the terms' lengths ensure), for the split `a`
    /// of words of its length.
    #[inline(always)]
    fn plausible_ends(&self, word: &[u8], a: u8) -> bool {
        let ends = Ends::new(word.len(), usize::from(a));
        self.ends.holds(ends.word_key(word, PAIR))
            | self.ends.holds(ends.word_key(word, TAIL))
            | self.ends.holds(ends.word_key(word, HEAD))
    }

    /// Whether one of a few terms (when [`screens_by_signature`]
    /// (TypoIndex::screens_by_signature)) could be one edit from a word of `len` bytes
    /// whose [`signature`] is `sig`.
    #[inline]
    pub(crate) fn plausible_signature(&self, len: usize, sig: u64) -> bool {
        if self.lookup(len) == Lookup::Nothing {
            return false;
        }
        self.signatures.iter().any(|&(n, s)| {
            n.abs_diff(len) <= 1 && {
                // At most two bits differ (`count_ones` without `popcnt` is slow).
                let x = sig ^ s;
                let y = x & x.wrapping_sub(1);
                y & y.wrapping_sub(1) == 0
            }
        })
    }

    /// The rule of a term one edit from `word`, if there is one: the filters, then the
    /// index.
    #[cfg(all(test, feature = "proptest"))]
    pub(crate) fn near(&self, word: &[u8]) -> Option<usize> {
        if self.passes_filters(word) {
            self.find_where(word, |_, _| true)
        } else {
            None
        }
    }

    /// Whether the filter holds the key of `word` or (with `deletions`) of one of its
    /// one-byte deletions: a word one edit from a term always passes, almost every other
    /// word fails. Every key is probed without a branch, so the probes overlap.
    #[inline(always)]
    fn may_be_near(&self, word: &[u8], deletions: bool) -> bool {
        let mut hit = false;
        let _ = for_each_hash(word, |hash, len| {
            hit |= self.filter.holds(mixed(hash, len));
            if deletions {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        });
        hit
    }

    /// The rule of a term one edit from `word` (which passed the filters), if there is one
    /// that `accept` takes: the word itself, then (when a term may be found so) each of
    /// its one-byte deletions, looked up in the table and verified (`accept` is given the
    /// term's skeleton and the positions of the letters it doubles as written).
    #[inline(never)]
    pub(crate) fn find_where(
        &self,
        word: &[u8],
        accept: impl Fn(&[u8], u64) -> bool,
    ) -> Option<usize> {
        let mut found = None;
        let deletions = self.lookup(word.len()).deletions();
        let _ = for_each_hash(word, |hash, len| {
            if len < word.len() && !deletions {
                return ControlFlow::Break(());
            }
            let x = mixed(hash, len);
            if !self.filter.holds(x) {
                return ControlFlow::Continue(());
            }
            for &id in self.table.get(&finish_key(x)).into_iter().flatten() {
                let (rule, term, doubled, form) = &self.terms[id as usize];
                if form.judges(word) && one_edit_apart(word, term) && accept(term, *doubled) {
                    found = Some(*rule);
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        });
        found
    }
}

/// The multiplier of the polynomial hash of the table's keys, and its inverse modulo 2^64.
const P: u64 = 0x0000_0100_0000_01b3;
const P_INV: u64 = {
    // Newton's iteration doubles the correct low bits each step, from 3 (any odd p).
    let mut x = P;
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(P.wrapping_mul(x)));
        i += 1;
    }
    x
};

/// Calls `f` with the hash and length of `word`, then of each of its one-byte deletions in
/// order, until it breaks. A polynomial hash gives each deletion's hash from the one
/// before, so all of them take time linear in the word's length.
#[inline(always)]
fn for_each_hash(word: &[u8], mut f: impl FnMut(u64, usize) -> ControlFlow<()>) -> ControlFlow<()> {
    let n = word.len();
    // The hash of `word` (each byte weighted by P^(bytes after it)), and P^(n - 1).
    let (mut h, mut power) = (0u64, 1u64);
    for (i, &b) in word.iter().enumerate() {
        h = h.wrapping_mul(P).wrapping_add(u64::from(b) + 1);
        if i > 0 {
            power = power.wrapping_mul(P);
        }
    }
    f(h, n)?;
    let Some(&first) = word.first() else {
        return ControlFlow::Continue(());
    };
    // Without byte 0, then without byte k + 1 from without byte k: the two differ only at
    // index k, which holds byte k + 1 in one and byte k in the other, weighted
    // P^(n - 2 - k).
    let mut deleted = h.wrapping_sub((u64::from(first) + 1).wrapping_mul(power));
    f(deleted, n - 1)?;
    for pair in word.windows(2) {
        power = power.wrapping_mul(P_INV);
        let change = u64::from(pair[0]).wrapping_sub(u64::from(pair[1]));
        deleted = deleted.wrapping_add(change.wrapping_mul(power));
        f(deleted, n - 1)?;
    }
    ControlFlow::Continue(())
}

/// Where the ends filter looks in words of `n` bytes, for a split `a`.
///
/// A word one edit from a term differs from it in one place: the term and the word are
/// `X e Y` and `X f Y`, where `e` and `f` are at most two bytes (a transposition), one of
/// them possibly empty. Where `f` starts `a` or more bytes into the word and ends `a` or
/// more bytes before its end, the word has the term's first `a` and last `a` bytes (the
/// `PAIR` key). Where it starts sooner, `Y` holds the word's bytes from `a + 1` on, so
/// the word ends with the term's last `n - a - 1` bytes (`TAIL`); where it ends later,
/// `X` holds at least the word's first `n - a - 1`, which the term starts with too
/// (`HEAD`). Keys take at most eight bytes (the `HEAD` and `TAIL` keys the last and first
/// eight of those), to fit a `u64`.
#[derive(Clone, Copy)]
struct Ends {
    n: usize,
    /// The bytes at each end of the `PAIR` key.
    a: usize,
    /// The bytes of the `HEAD` and `TAIL` keys.
    k: usize,
}

/// Which key an [`Ends`] key is.
const PAIR: usize = 0;
const TAIL: usize = 1;
const HEAD: usize = 2;

impl Ends {
    #[inline(always)]
    fn new(n: usize, a: usize) -> Ends {
        Ends {
            n,
            a,
            k: n.saturating_sub(a + 1).min(8),
        }
    }

    /// The largest split worth trying for words of `n` bytes: both ends of the `PAIR`
    /// key fit in the word (and in four bytes each).
    fn max_split(n: usize) -> usize {
        (n.saturating_sub(1) / 2).clamp(1, 4)
    }

    /// How many bytes key `side` takes.
    fn key_bytes(self, side: usize) -> usize {
        if side == PAIR {
            2 * self.a
        } else {
            self.k
        }
    }

    /// Key `side` of `word` (of `n` bytes): [`key_of`](Ends::key_of), with two loads
    /// for the ends of a word of four bytes or more.
    #[inline(always)]
    fn word_key(self, word: &[u8], side: usize) -> u64 {
        let (head, tail) = if let (Some(head), Some(tail)) =
            (word.first_chunk::<8>(), word.last_chunk::<8>())
        {
            (u64::from_be_bytes(*head), u64::from_be_bytes(*tail))
        } else if let (Some(head), Some(tail)) = (word.first_chunk::<4>(), word.last_chunk::<4>()) {
            // Four to seven bytes: the two halves overlap, and where they do they agree,
            // so their union is the whole word, right-aligned; `head` is it left-aligned.
            let n = word.len();
            let whole = u64::from(u32::from_be_bytes(*head)) << (8 * (n - 4))
                | u64::from(u32::from_be_bytes(*tail));
            (whole << (8 * (8 - n)), whole)
        } else {
            return self.key_of(word, side);
        };
        let low = |bytes: usize| tail & (u64::MAX >> (64 - 8 * bytes));
        let packed = match side {
            PAIR => (head >> (64 - 8 * self.a)) << 32 | low(self.a),
            TAIL => low(self.k),
            _ => head >> (64 - 8 * self.k),
        };
        self.key(packed, side)
    }

    /// Key `side` of `bytes`: of a word of `n` bytes, or the key that a word one edit
    /// from the term `bytes` has, by the argument above.
    #[inline(always)]
    fn key_of(self, bytes: &[u8], side: usize) -> u64 {
        let (m, a, k) = (bytes.len(), self.a, self.k);
        let packed = match side {
            PAIR => pack(&bytes[..a]) << 32 | pack(&bytes[m - a..]),
            TAIL => pack(&bytes[m - k..]),
            _ => pack(&bytes[..k]),
        };
        self.key(packed, side)
    }

    /// The filter key of `packed` bytes of key `side`: one fold and one product (as the
    /// gram filter's keys), which is all the filter's bit picking needs.
    #[inline(always)]
    fn key(self, packed: u64, side: usize) -> u64 {
        const SIDES: [u64; 3] = [0, 0xD6E8_FEB8_6659_FD93, 0x8CB9_2BA7_2F3D_8DD7];
        let x = packed ^ len_mix(self.n) ^ SIDES[side];
        (x ^ (x >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// Up to eight bytes in a `u64`.
#[inline(always)]
fn pack(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |x, &b| x << 8 | u64::from(b))
}

/// The length's part of [`mixed`].
#[inline(always)]
fn len_mix(len: usize) -> u64 {
    (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The hash of `len` bytes and their length, in one product whose top and middle bits
/// depend on every input bit (the polynomial hash has mixed the bytes already): the
/// filter's key.
#[inline(always)]
fn mixed(hash: u64, len: usize) -> u64 {
    (hash ^ len_mix(len)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

/// The table key of a [`mixed`] hash: its high bits folded into the low ones too.
#[inline(always)]
fn finish_key(x: u64) -> u64 {
    x ^ (x >> 31)
}

/// The table key of the hash of `len` bytes.
#[cfg(all(test, feature = "proptest"))]
fn table_key(hash: u64, len: usize) -> u64 {
    finish_key(mixed(hash, len))
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

/// The bytes of `word` that its one edit from `term` changes: a substituted byte, two
/// transposed ones, an inserted one, or none (an empty range where a byte was deleted).
/// `None` when the two are not one edit apart.
pub(crate) fn edit_in(word: &[u8], term: &[u8]) -> Option<Range<usize>> {
    if !one_edit_apart(word, term) {
        return None;
    }
    let i = word.iter().zip(term).take_while(|(x, y)| x == y).count();
    Some(match word.len().cmp(&term.len()) {
        Ordering::Less => i..i,
        Ordering::Greater => i..i + 1,
        Ordering::Equal if word[i + 1..] == term[i + 1..] => i..i + 1,
        Ordering::Equal => i..i + 2,
    })
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
    use crate::tests::osa;

    #[test]
    fn the_letter_form_reads_rn_as_one_m() {
        let mut out = [0; 16];
        let len = letter_form(b"rnicrosoft", &mut out).unwrap();
        assert_eq!(&out[..len], b"microsoft");
        let len = letter_form(b"corner", &mut out).unwrap();
        assert_eq!(&out[..len], b"comer");
        assert_eq!(
            letter_form(b"azure", &mut out),
            None,
            "no `rn`: the skeleton itself"
        );
        assert_eq!(
            letter_form(b"rnrnrnrnrn", &mut [0; 4]),
            None,
            "does not fit"
        );
        // A position of either byte of an `rn` is its `m`'s.
        assert_eq!(letter_form_mask(b"rnab", 0b0010), 0b0001);
        assert_eq!(letter_form_mask(b"arnb", 0b1000), 0b0100);
    }

    /// A misspelling is counted in letters: an `m` written for a letter, or a letter for
    /// the `m`, is one edit, though the skeleton of `m` is two bytes.
    #[test]
    fn an_m_is_one_letter_of_a_misspelling() {
        let index =
            TypoIndex::build([(0, &b"rnicrosoft"[..], 0), (1, &b"azure"[..], 0)].into_iter());
        let mut out = [0; 64];
        let mut find = |word: &[u8]| {
            let len = letter_form(word, &mut out);
            let word = len.map_or(word, |len| &out[..len]);
            index
                .passes_filters(word)
                .then(|| index.find_where(word, |_, _| true))
                .flatten()
        };
        for (word, rule) in [
            (&b"bicrosoft"[..], 0), // `b` for `m`
            (b"icrosoft", 0),       // `m` missing
            (b"irncrosoft", 0),     // `m` and `i` swapped
            (b"rnicrornoft", 0),    // `m` for `s`
            (b"azurne", 1),         // `m` for `r`
            (b"arnure", 1),         // `m` for `z`
        ] {
            assert_eq!(find(word), Some(rule), "{}", String::from_utf8_lossy(word));
        }
        // Two letters away, in letters as in bytes.
        for word in [&b"bicrosofx"[..], b"icrosof", b"arnurne"] {
            assert_eq!(find(word), None, "{}", String::from_utf8_lossy(word));
        }
        // A word with `rn` is judged in letters against the letter forms only:
        // `rnicrnsoft` is `micmsoft`, two letters from `microsoft`.
        assert_eq!(find(b"rnicrnsoft"), None);
        assert_eq!(
            index.find_where(b"rnicrnsoft", |_, _| true),
            Some(0),
            "one byte away"
        );
    }

    #[test]
    fn edits_are_located_in_the_word() {
        assert_eq!(edit_in(b"aiure", b"azure"), Some(1..2)); // substituted
        assert_eq!(edit_in(b"azrue", b"azure"), Some(2..4)); // transposed
        assert_eq!(edit_in(b"azuret", b"azure"), Some(5..6)); // inserted
        assert_eq!(edit_in(b"azre", b"azure"), Some(2..2)); // deleted
        assert_eq!(edit_in(b"azure", b"azure"), None);
        assert_eq!(edit_in(b"azuuuu", b"azure"), None);
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

    /// `term` after edit `edit` (a substitution with `byte`, a deletion, an insertion of
    /// `byte`, or a transposition) at `at` (modulo its length).
    #[cfg(feature = "proptest")]
    fn edited(term: &[u8], edit: usize, at: usize, byte: u8) -> Vec<u8> {
        let mut word = term.to_vec();
        let k = at % word.len();
        match edit {
            0 => word[k] = byte,
            1 => {
                word.remove(k);
            }
            2 => word.insert(k, byte),
            _ => word.swap(k, (k + 1) % term.len()),
        }
        word
    }

    #[cfg(feature = "proptest")]
    fn all_keys(word: &[u8]) -> Vec<u64> {
        let mut keys = Vec::new();
        let _ = for_each_hash(word, |h, len| {
            keys.push(table_key(h, len));
            ControlFlow::Continue(())
        });
        keys
    }

    #[test]
    fn the_inverse_is_an_inverse() {
        assert_eq!(P.wrapping_mul(P_INV), 1);
    }

    #[cfg(feature = "proptest")]
    proptest::proptest! {
        /// The key of each deletion is the key of the word with that byte removed.
        #[test]
        fn deletion_keys_are_keys_of_deletions(word in proptest::collection::vec(0u8.., 0..40)) {
            let keys = all_keys(&word);
            proptest::prop_assert_eq!(keys.len(), word.len() + 1);
            for k in 0..word.len() {
                let mut shorter = word.clone();
                shorter.remove(k);
                proptest::prop_assert_eq!(keys[k + 1], all_keys(&shorter)[0]);
            }
        }

        /// The filters never turn away a word one edit from a term, with few terms
        /// (signatures compared one by one) and with many (ends, where they screen, and
        /// deletion keys in Bloom filters).
        #[test]
        fn the_filters_pass_every_word_one_edit_away(
            term in proptest::collection::vec(0u8.., 5..24),
            others in proptest::collection::vec("[a-z0-9]{5,12}", 0..40),
            edit in 0usize..4,
            at in 0usize..64,
            byte in 0u8..,
        ) {
            let word = edited(&term, edit, at, byte);
            proptest::prop_assume!(one_edit_apart(&word, &term));
            let terms = std::iter::once(&term[..]).chain(others.iter().map(|t| t.as_bytes()));
            let index = TypoIndex::build(terms.enumerate().map(|(i, t)| (i, t, 0)));
            let lookup = index.lookup(word.len());
            proptest::prop_assert!(lookup != Lookup::Nothing, "{word:?} {term:?}");
            if let Some(a) = lookup.split() {
                proptest::prop_assert!(index.plausible_ends(&word, a), "{word:?} {term:?}");
            }
            proptest::prop_assert!(index.may_be_near(&word, lookup.deletions()), "{word:?} {term:?}");
            proptest::prop_assert!(index.passes_filters(&word), "{word:?} {term:?}");
            proptest::prop_assert!(index.near(&word).is_some(), "{word:?} {term:?}");
        }

        /// A word one edit from a term has one of the term's three end keys, whatever the
        /// split.
        #[test]
        fn a_word_one_edit_away_shares_an_end_key(
            term in proptest::collection::vec(0u8..4, 5..24),
            edit in 0usize..4,
            at in 0usize..64,
            byte in 0u8..4,
        ) {
            let word = edited(&term, edit, at, byte);
            proptest::prop_assume!(one_edit_apart(&word, &term));
            // The word's keys, taken with two loads when it has eight bytes or more, are
            // the keys a term of the same bytes gives.
            for a in 1..=Ends::max_split(term.len()) {
                let ends = Ends::new(term.len(), a);
                for side in [PAIR, TAIL, HEAD] {
                    proptest::prop_assert_eq!(ends.word_key(&term, side), ends.key_of(&term, side));
                }
            }
            let n = word.len();
            for a in 1..=Ends::max_split(n) {
                let ends = Ends::new(n, a);
                proptest::prop_assert!(
                    [PAIR, TAIL, HEAD].iter().any(|&side| ends.word_key(&word, side) == ends.key_of(&term, side)),
                    "{word:?} {term:?} a={a}"
                );
            }
        }

        #[test]
        fn one_edit_agrees_on_random_words(a in "[abc]{0,6}", b in "[abc]{0,6}") {
            proptest::prop_assert_eq!(
                one_edit_apart(a.as_bytes(), b.as_bytes()),
                osa(a.as_bytes(), b.as_bytes()) == 1
            );
        }
    }
}
