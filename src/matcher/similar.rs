//! Misspellings further than one edit: runs of words two edits from a long term
//! (`Micrsfot`, `Mircosfoft`), and runs that sound like one (`Mykrosawft`, `Maikrosofte`).
//!
//! Both are looked for where typo-squats are (runs of up to three words of the first and
//! the plain reading, no decoded leetspeak), only for terms long enough that a run so far
//! from them still reads as them, and only where the run is not within one edit (a
//! typo-squat). Two edits are measured as optimal string alignment (Damerau–Levenshtein
//! with no substring edited twice). A run sounds like a term when their sound keys are
//! equal: the consonant skeleton of `data/sounds.txt`, as the Metaphone family of phonetic
//! codes computes one (`Microsoft`, `Mycrowsoft` and `Mykrosawft` are all `MKRSFT`).
//!
//! The terms are few (each is compared with each run), so a policy of thousands of terms
//! leaves the checks to those of them long enough.

use std::ops::Range;

use crate::normalize::View;
use crate::tables::SOUNDS;

/// Terms shorter than this many skeleton bytes are not checked for misspellings two edits
/// away: two edits from an eight-letter word are too many ordinary words (`Microsoft`, of
/// nine, is checked; `Azure` is not).
pub(crate) const MIN_TWO_EDIT_TERM_LEN: usize = 9;

/// Terms whose sound key is shorter than this are not checked for sound-alikes: a key of
/// five consonant sounds is specific (`MKRSFT`); one of three (`SR`, for `Azure`) is not.
pub(crate) const MIN_SOUND_KEY: usize = 5;

/// In the transliterated reading, a word that sounds like a term but for the term's last
/// sound is a sound-alike too, when the term's key has at least this many sounds:
/// scripts that end a syllable with few consonants drop a final one (Khmer
/// `ម៉ៃក្រូសូហ្វ`, `maikrousouhv`, and katakana `マイクロソフ` sound MKRSF for Microsoft's
/// MKRSFT), and what is left is still a key of [`MIN_SOUND_KEY`] sounds.
pub(crate) const MIN_TRUNCATED_KEY: usize = MIN_SOUND_KEY + 1;

/// The longest sound key kept.
const MAX_KEY: usize = 32;

/// What kind of misspelling a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Similarity {
    /// Two edits from the term.
    TwoEdits,
    /// Sounds like the term.
    SoundAlike,
}

/// The sounds of a spelling: how many (up to two), and which.
type Sounds = Option<(u8, [u8; 2])>;

/// `SOUNDS` as lookup tables: the sound of each letter, and of each pair of letters that
/// has one of its own.
struct SoundTable {
    /// Letter `a`.. → (length of its sound, up to two sounds); `None` when not a letter.
    single: [Sounds; 26],
    /// First letter × second letter → the pair's sound, if it has one.
    pairs: [[Sounds; 26]; 26],
}

static SOUND_TABLE: std::sync::LazyLock<SoundTable> = std::sync::LazyLock::new(|| {
    let mut table = SoundTable {
        single: [None; 26],
        pairs: [[None; 26]; 26],
    };
    for (spelling, sound) in SOUNDS {
        let mut s = [0; 2];
        s[..sound.len()].copy_from_slice(sound);
        let entry = Some((sound.len() as u8, s));
        match *spelling {
            [a] => table.single[usize::from(a - b'a')] = entry,
            [a, b] => table.pairs[usize::from(a - b'a')][usize::from(b - b'a')] = entry,
            _ => {}
        }
    }
    table
});

impl SoundTable {
    /// The spelling that starts `rest`: its length, and its sounds; `None` when `rest`
    /// starts with a byte that is not a letter.
    #[inline]
    fn at<'a>(&'a self, rest: &[u8]) -> Option<(usize, &'a [u8])> {
        let letter = |b: u8| b.is_ascii_lowercase().then(|| usize::from(b - b'a'));
        let first = letter(*rest.first()?)?;
        if let Some(second) = rest.get(1).copied().and_then(letter) {
            if let Some((n, sound)) = &self.pairs[first][second] {
                return Some((2, &sound[..usize::from(*n)]));
            }
        }
        let (n, sound) = self.single[first].as_ref()?;
        Some((1, &sound[..usize::from(*n)]))
    }
}

/// A sound key: up to [`MAX_KEY`] sounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    sounds: [u8; MAX_KEY],
    len: u8,
}

impl Key {
    /// No sound yet.
    pub(crate) fn new() -> Key {
        Key {
            sounds: [0; MAX_KEY],
            len: 0,
        }
    }

    /// The sound key of the skeleton bytes `word`; `None` when a byte is not a letter
    /// (a digit has no sound) or the key outgrows [`MAX_KEY`].
    pub(crate) fn of(word: &[u8]) -> Option<Key> {
        let mut key = Key::new();
        key.push_word(word)?;
        Some(key)
    }

    /// The sound key of the run of words `words` (ranges of `bytes`): the sounds of each
    /// word in turn (a spelling does not reach across words: `up hill` has no `ph`).
    pub(crate) fn of_words(bytes: &[u8], words: &[Range<usize>]) -> Option<Key> {
        let mut key = Key::new();
        for word in words {
            key.push_word(bytes.get(word.clone())?)?;
        }
        Some(key)
    }

    /// Appends the sounds of the skeleton bytes `word`, a run of one sound kept once
    /// (across words too); `None` when a byte has no sound or the key outgrows
    /// [`MAX_KEY`].
    pub(crate) fn push_word(&mut self, word: &[u8]) -> Option<()> {
        let table = &*SOUND_TABLE;
        let mut i = 0;
        while i < word.len() {
            let (len, sound) = table.at(&word[i..])?;
            for &s in sound {
                if self.last() == Some(s) {
                    continue;
                }
                if usize::from(self.len) == MAX_KEY {
                    return None;
                }
                self.sounds[usize::from(self.len)] = s;
                self.len += 1;
            }
            i += len;
        }
        Some(())
    }

    /// The letters (a-z) that a word with this key may hold: those of every spelling that
    /// sounds only sounds of the key, or nothing.
    pub(crate) fn letters(&self) -> impl Iterator<Item = u8> + '_ {
        SOUNDS
            .iter()
            .filter(|(_, sound)| sound.iter().all(|s| self.as_bytes().contains(s)))
            .flat_map(|(spelling, _)| spelling.iter().copied())
    }

    /// For each sound of the key, the letters (a-z) of the spellings that sound it: a word
    /// with this key holds one of each.
    pub(crate) fn letters_of_each_sound(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        self.as_bytes().iter().map(|s| {
            SOUNDS
                .iter()
                .filter(|(_, sound)| sound.contains(s))
                .flat_map(|(spelling, _)| spelling.iter().copied())
                .collect()
        })
    }

    fn last(&self) -> Option<u8> {
        self.as_bytes().last().copied()
    }

    /// The key without its last sound, when it has at least [`MIN_TRUNCATED_KEY`].
    pub(crate) fn truncated(&self) -> Option<Key> {
        (usize::from(self.len) >= MIN_TRUNCATED_KEY).then(|| {
            let mut key = *self;
            key.len -= 1;
            key.sounds[usize::from(key.len)] = 0;
            key
        })
    }

    /// The key as a script without an `f` writes it, each F a P (Hangul writes Microsoft
    /// `마이크로소프트`, Tamil `மைக்ரோசாப்ட்`: MKRSPT); `None` when it has no F.
    pub(crate) fn without_f(&self) -> Option<Key> {
        self.as_bytes().contains(&b'F').then(|| {
            let mut key = Key::new();
            for &s in self.as_bytes() {
                let s = if s == b'F' { b'P' } else { s };
                // (A P beside the F's P is one run of one sound.)
                if key.last() != Some(s) {
                    key.sounds[usize::from(key.len)] = s;
                    key.len += 1;
                }
            }
            key
        })
    }

    /// Whether a run of `words` words whose key is `self`, read in Latin letters, sounds
    /// like a term of key `term`: as it, or, in one word, as a script without an `f`
    /// writes it or without the last sound of either (a run of words of Greek or
    /// Cyrillic, which have an f, is no such spelling: `Μακρής Πέτα` is MKRSPT).
    pub(crate) fn sounds_like_spoken(&self, term: &Key, words: usize) -> bool {
        let mut forms = [Some(*term), term.without_f()].into_iter().flatten();
        *self == *term
            || words == 1 && forms.any(|form| *self == form || form.truncated() == Some(*self))
    }

    /// How this key, of a run that sounds like a term of key `term` in the transliterated
    /// reading (see [`sounds_like_spoken`](Key::sounds_like_spoken)), differs from it:
    /// whether with P for F, and whether without the last sound.
    pub(crate) fn spoken_difference(&self, term: &Key) -> (bool, bool) {
        match term.without_f() {
            Some(p) if *self == p || p.truncated() == Some(*self) => (true, *self != p),
            _ => (false, self != term),
        }
    }

    /// The sounds, in order.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.sounds[..usize::from(self.len)]
    }
}

/// The first sound of the skeleton bytes `word`, if its first spelling sounds.
fn first_sound(word: &[u8]) -> Option<u8> {
    SOUND_TABLE
        .at(word)
        .and_then(|(_, sound)| sound.first().copied())
}

/// The sound of the skeleton bytes `spelling` when they are one spelling (`rn`, `f`, or
/// a silent `e`): `None` when they are not, or the spelling has more than one sound.
pub(crate) fn sound_of_spelling(spelling: &[u8]) -> Option<Option<u8>> {
    match SOUND_TABLE.at(spelling) {
        Some((len, sound)) if len == spelling.len() && sound.len() <= 1 => {
            Some(sound.first().copied())
        }
        _ => None,
    }
}

/// Whether some spelling of two letters starts with the skeleton byte `b` (`p` of `ph`).
pub(crate) fn starts_a_spelling(b: u8) -> bool {
    SOUNDS
        .iter()
        .any(|(spelling, _)| spelling.len() == 2 && spelling[0] == b)
}

/// The first two sounds of the skeleton bytes `word` (its first spelling must sound: no
/// silent letter before the first), and how many bytes were read to know them: `None`
/// when the first spelling is silent, a byte has no sound, or the word ends first (then
/// the bytes read are all of them).
pub(crate) fn leading_sounds(word: &[u8]) -> (Option<[u8; 2]>, usize) {
    let table = &*SOUND_TABLE;
    let mut sounds = [0u8; 2];
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        let Some((len, sound)) = table.at(&word[i..]) else {
            return (None, i);
        };
        if n == 0 && sound.is_empty() {
            return (None, i + len);
        }
        i += len;
        for &s in sound {
            if n > 0 && sounds[n - 1] == s {
                continue;
            }
            sounds[n] = s;
            n += 1;
            if n == 2 {
                return (Some(sounds), i);
            }
        }
    }
    (None, i)
}

/// A term checked for misspellings further than one edit.
#[derive(Clone, Debug)]
struct Similar {
    rule: usize,
    skeleton: Box<[u8]>,
    /// How many bytes of `skeleton` its first character gives.
    start_len: usize,
    /// Whether runs two edits from it are looked for.
    two_edits: bool,
    /// The skeleton of its spoken form, as other scripts write it by sound
    /// (`mikrosoft`), where it differs: runs two edits from it are looked for in the
    /// transliterated reading too.
    spoken: Option<Box<[u8]>>,
    /// Its sound key, when sound-alikes of it are looked for.
    key: Option<Key>,
}

impl Similar {
    /// Whether a run whose first word's skeleton is `word` starts as a misspelling of
    /// this term further than one edit does (a typist rarely misses a word's first
    /// letter): with the term's first letter, two edits away, or with its first two
    /// sounds, sounding like it.
    fn starts(&self, word: &[u8]) -> bool {
        self.two_edits && word.starts_with(&self.skeleton[..self.start_len])
            || self.key.is_some_and(|k| {
                leading_sounds(word)
                    .0
                    .is_some_and(|s| k.as_bytes().starts_with(&s))
            })
    }

    /// Whether a word that starts with the skeleton bytes `start` (perhaps more to come)
    /// may start as a misspelling of this term two edits away does.
    fn may_start_two_edits(&self, start: &[u8]) -> bool {
        let prefix = &self.skeleton[..self.start_len];
        self.two_edits && (start.starts_with(prefix) || prefix.starts_with(start))
    }
}

/// The terms checked for misspellings further than one edit, and what each needs.
#[derive(Clone, Debug)]
pub(crate) struct SimilarIndex {
    terms: Vec<Similar>,
    /// The shortest and the longest run (in skeleton bytes) that may be two edits from
    /// some term.
    two_edit_lens: (usize, usize),
    /// The longest run (in skeleton bytes) that may be a misspelling of some term.
    max_len: usize,
}

/// The longest run (in skeleton bytes) that may sound like a term of `len` skeleton bytes:
/// half as long again (`Maikrosofte`, `Mykrowsawft` for `Microsoft`), so that a stretch
/// of words that only holds the term's sounds among many others is no sound-alike.
fn max_sound_alike_len(len: usize) -> usize {
    len + len / 2
}

impl SimilarIndex {
    /// The index of `terms`: (rule, skeleton of one of its own forms, how many bytes of
    /// it the form's first character gives, whether two edits are looked for, whether
    /// sound-alikes are, the skeleton of its spoken form). Forms too short for either are
    /// left out.
    pub(crate) fn build<'a>(
        terms: impl Iterator<Item = (usize, &'a [u8], usize, bool, bool, Option<&'a [u8]>)>,
    ) -> Self {
        let mut index = SimilarIndex {
            terms: Vec::new(),
            two_edit_lens: (usize::MAX, 0),
            max_len: 0,
        };
        for (rule, skeleton, start_len, two_edits, sound, spoken) in terms {
            let two_edits = two_edits && skeleton.len() >= MIN_TWO_EDIT_TERM_LEN;
            let key = Key::of(skeleton).filter(|k| sound && k.as_bytes().len() >= MIN_SOUND_KEY);
            if !two_edits && key.is_none() {
                continue;
            }
            let spoken = spoken.filter(|s| two_edits && *s != skeleton && s.len() >= 2);
            if two_edits {
                for form in [Some(skeleton), spoken].into_iter().flatten() {
                    let (lo, hi) = index.two_edit_lens;
                    index.two_edit_lens = (lo.min(form.len() - 2), hi.max(form.len() + 2));
                    index.max_len = index.max_len.max(form.len() + 2);
                }
            }
            if key.is_some() {
                index.max_len = index.max_len.max(max_sound_alike_len(skeleton.len()));
            }
            index.terms.push(Similar {
                rule,
                skeleton: skeleton.into(),
                start_len: start_len.min(skeleton.len()),
                two_edits,
                spoken: spoken.map(Into::into),
                key,
            });
        }
        index
    }

    /// The longest run (in skeleton bytes, repeats collapsed) that may be a misspelling
    /// further than one edit from some term.
    pub(crate) fn max_len(&self) -> usize {
        self.max_len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether a word that starts with the skeleton bytes `start` (perhaps more to come)
    /// may start a misspelling two edits from a term.
    pub(crate) fn may_start_two_edits(&self, start: &[u8]) -> bool {
        self.terms.iter().any(|t| t.may_start_two_edits(start))
    }

    /// Whether a word whose first spelling is the start of the skeleton bytes `start` may
    /// start a run that sounds like a term: it sounds the term's first sound.
    pub(crate) fn may_start_sound_alike(&self, start: &[u8]) -> bool {
        let sound = first_sound(start);
        self.terms.iter().any(|t| {
            t.key
                .is_some_and(|k| sound.is_some() && k.as_bytes().first().copied() == sound)
        })
    }

    /// The skeletons of the terms checked two edits away.
    pub(crate) fn two_edit_terms(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.terms
            .iter()
            .filter(|t| t.two_edits)
            .map(|t| &t.skeleton[..])
    }

    /// The skeletons of the spoken forms checked two edits away in the transliterated
    /// reading.
    pub(crate) fn spoken_two_edit_terms(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.terms.iter().filter_map(|t| t.spoken.as_deref())
    }

    /// The sound keys of the terms checked for sound-alikes.
    pub(crate) fn sound_keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.terms.iter().filter_map(|t| t.key)
    }

    /// The sound keys a run may have to sound like a term in the transliterated reading:
    /// each term's and its form without an F (see [`Key::without_f`]), and each without
    /// its last sound (see [`MIN_TRUNCATED_KEY`]).
    pub(crate) fn spoken_sound_keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.sound_keys()
            .flat_map(|key| [Some(key), key.without_f()])
            .flatten()
            .flat_map(|key| [Some(key), key.truncated()])
            .flatten()
    }

    /// The rule of a term that the run `run` (skeleton bytes, collapsed repeats; the
    /// words `words`, ranges of `bytes`, of which `run` is the span) is a misspelling of,
    /// two edits away or sounding like it, and which; `None` when it is the term, one edit
    /// from it, or neither. Where `spoken` (in the transliterated reading), two edits from
    /// a term's spoken form count too.
    pub(crate) fn find(
        &self,
        view: View<'_>,
        range: Range<usize>,
        words: &[Range<usize>],
        spoken: bool,
    ) -> Option<(usize, Similarity)> {
        if view.joined_inside(range.clone()).1 > 0 {
            return None;
        }
        // Decoded leetspeak is judged two edits away where no edit writes it, in the run
        // as read, when the run starts with a letter as written (as a typist's run starts
        // with the term's first letter: `M1cr5ft`, not `|\/|rosoft`); a letter repeated
        // by another (`rm` is `r`, `n`) is not judged.
        let decoded = view.decoded(range.clone())?;
        let mut bits = decoded;
        while bits != 0 {
            if view.is_repeat(range.start + bits.trailing_zeros() as usize) {
                return None;
            }
            bits &= bits - 1;
        }
        let run = view.bytes.get(range.clone())?;
        let repeats = view.repeats(range.clone()).1;
        let mut buffer = [0; 2 * MAX_WRITTEN];
        // (Most runs have no repeat, and so no other form as written.)
        let written = (repeats > 0 && decoded == 0)
            .then(|| as_written(view, range, &mut buffer))
            .flatten();
        // The typo-squat check judges a run as read, or as written when it has a repeat
        // (none with two): one edit away there is its to judge.
        let judged_for_typos = match repeats {
            0 => Some(run),
            1 => written,
            _ => None,
        };
        let key = std::cell::OnceCell::new();
        self.terms.iter().find_map(|term| {
            let first = words.first().cloned().unwrap_or(0..0);
            let first_word = view.bytes.get(first).unwrap_or(run);
            if !term.starts(first_word) {
                return None;
            }
            let forms = [
                Some(&term.skeleton),
                term.spoken.as_ref().filter(|_| spoken),
            ];
            if term.two_edits
                && forms.into_iter().flatten().any(|skeleton| {
                    self.two_edits_apart(skeleton, run, written)
                        .is_some_and(|form| {
                            decoded == 0 || decoded & 1 == 0 && spares(form, skeleton, decoded)
                        })
                })
            {
                return Some((term.rule, Similarity::TwoEdits));
            }
            // (Sound-alikes are judged on letters as written.)
            let sounds = term.key.filter(|_| decoded == 0)?;
            if run.len() > max_sound_alike_len(term.skeleton.len()) {
                return None;
            }
            let same = key
                .get_or_init(|| Key::of_words(view.bytes, words))
                .is_some_and(|k| {
                    // (Without its last sound, in one word: `Μακρής Α.Β.` is no `Microsoft`.)
                    k == sounds || spoken && k.sounds_like_spoken(&sounds, words.len())
                });
            let one_edit = || {
                judged_for_typos
                    .is_some_and(|form| osa_distance_at_most(form, &term.skeleton, 1).is_some())
            };
            (same && !one_edit()).then_some((term.rule, Similarity::SoundAlike))
        })
    }
}

/// The longest run (skeleton bytes) written out with its repeats.
const MAX_WRITTEN: usize = 64;

/// The run `range` of `view` as written: each symbol that stands for a collapsed repeat
/// twice (`Miccrosofft`), in `buffer`; `None` when it has no repeat or is too long.
fn as_written<'b>(view: View<'_>, range: Range<usize>, buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let bytes = view.bytes.get(range.clone())?;
    if bytes.len() > MAX_WRITTEN || view.repeats(range.clone()).1 == 0 {
        return None;
    }
    let mut len = 0;
    let mut i = 0;
    while i < bytes.len() {
        // `m` is two bytes, `rn`, and repeats whole.
        let n = if bytes[i..].starts_with(b"rn") { 2 } else { 1 };
        let symbol = &bytes[i..(i + n).min(bytes.len())];
        let times = 1 + usize::from(view.is_repeat(range.start + i));
        for _ in 0..times {
            buffer[len..len + symbol.len()].copy_from_slice(symbol);
            len += symbol.len();
        }
        i += n;
    }
    Some(&buffer[..len])
}

/// The edits, two slips of the hand, that turn a term checked two edits away into the
/// run `range` of `view`, as read or as written (repeats twice); `None` when it is not
/// such a misspelling of the term of skeleton `term`.
pub(crate) fn two_edits_of(view: View<'_>, range: Range<usize>, term: &[u8]) -> Option<Vec<Edit>> {
    let run = view.bytes.get(range.clone())?;
    let mut buffer = [0; 2 * MAX_WRITTEN];
    let written = as_written(view, range, &mut buffer);
    let form = [Some(run), written]
        .into_iter()
        .flatten()
        .find(|form| osa_distance_at_most(form, term, 2) == Some(2) && slips(form, term))?;
    Some(edits(form, term))
}

impl SimilarIndex {
    /// The form of the run (`run` as read, `written` as written) that is two slips of
    /// the hand from `term`, if one is, and is as long as such a misspelling may be.
    fn two_edits_apart<'r>(
        &self,
        term: &[u8],
        run: &'r [u8],
        written: Option<&'r [u8]>,
    ) -> Option<&'r [u8]> {
        let lens = self.two_edit_lens.0..=self.two_edit_lens.1;
        // Two edits take at most two of the term's symbols away and bring at most two
        // others: a test of the symbols each has, before the table.
        let symbols = |bytes: &[u8]| bytes.iter().fold(0u128, |m, &b| m | 1 << (b & 0x7F));
        let of_term = symbols(term);
        [Some(run), written].into_iter().flatten().find(|form| {
            let of_form = symbols(form);
            lens.contains(&form.len())
                && (of_term & !of_form).count_ones() <= 2
                && (of_form & !of_term).count_ones() <= 2
                && osa_distance_at_most(form, term, 2) == Some(2)
                && slips(form, term)
        })
    }
}

/// The optimal string alignment distance between `a` and `b` (Damerau–Levenshtein with
/// no substring edited twice), if it is at most `max` (at most [`MAX_EDITS`]). Worked
/// out on the stack, in the band of the table within `max` of its diagonal, stopping as
/// soon as a row exceeds `max`.
pub(crate) fn osa_distance_at_most(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    const BAND: usize = 2 * MAX_EDITS + 1;
    if a.len().abs_diff(b.len()) > max || max > MAX_EDITS {
        return None;
    }
    let far = max as u8 + 1;
    // Cell `(i, j)` of the table, for `|i - j| <= max`, is `rows[i % 3][j + max - i]`.
    let mut rows = [[far; BAND]; 3];
    for j in 0..=b.len().min(max) {
        rows[0][j + max] = j as u8;
    }
    for i in 1..=a.len() {
        let (lo, hi) = (i.saturating_sub(max), (i + max).min(b.len()));
        let mut row = [far; BAND];
        let (prev, before) = (&rows[(i - 1) % 3], &rows[(i + 1) % 3]);
        let mut least = far;
        for j in lo..=hi {
            let k = j + max - i;
            let best = if j == 0 {
                (i as u8).min(far)
            } else {
                let cost = u8::from(a[i - 1] != b[j - 1]);
                let up = prev.get(k + 1).map_or(far, |&d| d + 1);
                let left = if k > 0 { row[k - 1] + 1 } else { far };
                let mut best = up.min(left).min(prev[k] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(before[k] + 1);
                }
                best.min(far)
            };
            row[k] = best;
            least = least.min(best);
        }
        if least > max as u8 {
            return None;
        }
        rows[i % 3] = row;
    }
    let distance = usize::from(rows[a.len() % 3][b.len() + max - a.len()]);
    (distance <= max).then_some(distance)
}

/// A term compiled for [`distance`](OsaPattern::distance): Hyyrö's bit-parallel optimal
/// string alignment ("A bit-vector algorithm for computing Levenshtein and Damerau edit
/// distances", 2003), one step of a few word operations per byte of the other string.
#[derive(Clone, Debug)]
pub(crate) struct OsaPattern {
    /// Byte → the positions of the term that hold it, as bits.
    positions: Box<[u64; 256]>,
    len: usize,
}

impl OsaPattern {
    /// The pattern of `term`; `None` when it is longer than 64 bytes.
    pub(crate) fn new(term: &[u8]) -> Option<OsaPattern> {
        if term.is_empty() || term.len() > 64 {
            return None;
        }
        let mut positions = Box::new([0u64; 256]);
        for (i, &b) in term.iter().enumerate() {
            positions[usize::from(b)] |= 1 << i;
        }
        Some(OsaPattern {
            positions,
            len: term.len(),
        })
    }

    /// The optimal string alignment distance between the term and `text`.
    pub(crate) fn distance(&self, text: &[u8]) -> usize {
        let last = 1u64 << (self.len - 1);
        let (mut vp, mut vn, mut d0, mut before) = (!0u64, 0u64, 0u64, 0u64);
        let mut distance = self.len;
        for &b in text {
            let eq = self.positions[usize::from(b)];
            let transposed = ((!d0 & eq) << 1) & before;
            d0 = (((eq & vp).wrapping_add(vp)) ^ vp) | eq | vn | transposed;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            if hp & last != 0 {
                distance += 1;
            } else if hn & last != 0 {
                distance -= 1;
            }
            let hp = (hp << 1) | 1;
            vp = (hn << 1) | !(d0 | hp);
            vn = d0 & hp;
            before = eq;
        }
        distance
    }
}

/// The most edits [`osa_distance_at_most`] counts.
const MAX_EDITS: usize = 3;

/// The longest strings whose table of distances [`each_edit`] works out.
const TABLE: usize = MAX_KEY * 2 + 1;

/// What replacing a letter costs in the tables of [`each_edit`]: as much as three edits
/// unless the keys are beside each other, so that a run that some alignment of slips of
/// the hand turns into the term is aligned so.
const NOT_A_SLIP: u8 = 3;

/// The table of optimal string alignment distances between the prefixes of `a` and `b`
/// (each shorter than [`TABLE`]), on the stack; when `slips`, a letter replaced by one
/// whose key is not beside it costs [`NOT_A_SLIP`].
fn osa_table(a: &[u8], b: &[u8], slips: bool) -> [[u8; TABLE]; TABLE] {
    let mut d = [[0u8; TABLE]; TABLE];
    for (i, row) in d.iter_mut().enumerate().take(a.len() + 1) {
        row[0] = i as u8;
    }
    for (j, cell) in d[0].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = replace_cost(a[i - 1], b[j - 1], slips);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d
}

/// What turning `b` into `a` costs in [`osa_table`].
fn replace_cost(a: u8, b: u8, slips: bool) -> u8 {
    match (a == b, slips) {
        (true, _) => 0,
        (false, true) if !keys_beside(b, a) && !sounds_as(b, a) => NOT_A_SLIP,
        _ => 1,
    }
}

/// Whether the letter `written` may stand for the term's `letter` by sound, as a slip of
/// the ear: one respelling of `data/respellings.txt` that writes one letter for another
/// (`k` for the `c` of `ca`, `co`, `cr`..., and for `q`). `Mikrosof` is then two slips
/// from `microsoft`, as `Mikrosoft` is one.
fn sounds_as(letter: u8, written: u8) -> bool {
    // (letter, written) of each such respelling, taken once from the table rather than in
    // every cell of a distance table.
    static PAIRS: std::sync::LazyLock<Vec<(u8, u8)>> = std::sync::LazyLock::new(|| {
        let mut pairs: Vec<(u8, u8)> = crate::tables::RESPELLINGS
            .iter()
            .filter(|(spelling, respelling)| spelling.len() == respelling.len())
            .filter_map(|(spelling, respelling)| {
                let mut differ = spelling.iter().zip(*respelling).filter(|(a, b)| a != b);
                match (differ.next(), differ.next()) {
                    (Some((&a, &b)), None) => Some((a, b)),
                    _ => None,
                }
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    });
    PAIRS.contains(&(letter, written))
}

/// One edit that turns a term into a misspelling of it, in the term's bytes and the run's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Edit {
    /// The term's byte at this position is missing.
    Missing(u8),
    /// A byte was added before the term's position (`None`: after its end).
    Added(u8),
    /// The term's byte was replaced.
    Replaced(u8, u8),
    /// Two neighbouring bytes of the term swapped.
    Swapped(u8, u8),
}

/// The rows of a QWERTY keyboard, each set off half a key to the right of the one above.
const KEYBOARD: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];

/// Whether the keys of letters `a` and `b` touch on a QWERTY keyboard.
fn keys_beside(a: u8, b: u8) -> bool {
    let at = |x: u8| {
        KEYBOARD.iter().enumerate().find_map(|(row, keys)| {
            let col = keys.iter().position(|&k| k == x)?;
            Some((row as isize, col as isize))
        })
    };
    let (Some((r, c)), Some((s, d))) = (at(a), at(b)) else {
        return false;
    };
    match s - r {
        0 => (d - c).abs() == 1,
        -1 => d == c || d == c + 1,
        1 => d == c || d == c - 1,
        _ => false,
    }
}

impl From<Edit> for crate::verdict::Edit {
    /// The edit as reported, its letters those of the skeleton.
    fn from(edit: Edit) -> crate::verdict::Edit {
        let letter = |b: u8| char::from(b).to_string();
        match edit {
            Edit::Missing(b) => crate::verdict::Edit::Missing { letter: letter(b) },
            Edit::Added(b) => crate::verdict::Edit::Added { letter: letter(b) },
            Edit::Replaced(was, now) => crate::verdict::Edit::Replaced {
                written: letter(now),
                expected: letter(was),
            },
            Edit::Swapped(x, y) => crate::verdict::Edit::Swapped {
                letters: [x, y].iter().map(|&b| char::from(b)).collect(),
            },
        }
    }
}

/// The edits of an optimal alignment that turns `term` into `run`, in order.
pub(crate) fn edits(run: &[u8], term: &[u8]) -> Vec<Edit> {
    let mut edits = Vec::new();
    each_edit(run, term, |edit, _| edits.push(edit));
    edits.reverse();
    edits
}

/// Calls `f` with each edit of an optimal alignment that turns `term` into `run`, last
/// first, and the byte of `run` it writes (for a letter missing, the one after it; for
/// letters swapped, the first); none when either is [`TABLE`] bytes or longer.
fn each_edit(run: &[u8], term: &[u8], mut f: impl FnMut(Edit, usize)) {
    if run.len() >= TABLE || term.len() >= TABLE {
        return;
    }
    let d = osa_table(run, term, true);
    let (mut i, mut j) = (run.len(), term.len());
    while i > 0 || j > 0 {
        let here = d[i][j];
        if i > 1
            && j > 1
            && run[i - 1] == term[j - 2]
            && run[i - 2] == term[j - 1]
            && run[i - 1] != run[i - 2]
            && here == d[i - 2][j - 2] + 1
        {
            f(Edit::Swapped(term[j - 2], term[j - 1]), i - 2);
            (i, j) = (i - 2, j - 2);
        } else if i > 0 && j > 0 && run[i - 1] == term[j - 1] && here == d[i - 1][j - 1] {
            (i, j) = (i - 1, j - 1);
        } else if i > 0
            && j > 0
            && here == d[i - 1][j - 1] + replace_cost(run[i - 1], term[j - 1], true)
        {
            f(Edit::Replaced(term[j - 1], run[i - 1]), i - 1);
            (i, j) = (i - 1, j - 1);
        } else if j > 0 && here == d[i][j - 1] + 1 {
            f(Edit::Missing(term[j - 1]), i);
            j -= 1;
        } else {
            f(Edit::Added(run[i - 1]), i - 1);
            i -= 1;
        }
    }
}

/// Whether the edits that turn `term` into `run` (see [`each_edit`]) write none of the
/// bytes of `run` that are decoded leetspeak (bits of `decoded`): a digit read as a
/// letter is that letter, not a slip (`Micr5ft` leaves out two `o`, and reads `5` as the
/// `s` in their midst; in `Micro5ft`, the `5` would be an `s` written for an `o`).
fn spares(run: &[u8], term: &[u8], decoded: u64) -> bool {
    let mut spared = true;
    each_edit(run, term, |edit, at| {
        let written = |at: usize| at < 64 && decoded >> at & 1 != 0;
        spared &= match edit {
            Edit::Added(_) | Edit::Replaced(..) => !written(at),
            Edit::Swapped(..) => !written(at) && !written(at + 1),
            Edit::Missing(_) => true,
        };
    });
    spared
}

/// Whether some optimal alignment turns `term` into `run` by slips of the hand alone: a
/// letter left out, typed twice or one key off, two letters swapped, or a letter swapped
/// for a key beside it (`Microdot`, with `d` beside `s`, is a slip; `Microbot` and
/// `Microvolt` are other words), or for one that sounds as it does (`k` for `c`, see
/// [`sounds_as`]). An alignment that counts a replacement of a key not
/// beside the right one as [`NOT_A_SLIP`] edits is then no longer.
fn slips(run: &[u8], term: &[u8]) -> bool {
    if run.len() >= TABLE || term.len() >= TABLE {
        return false;
    }
    let (weighted, plain) = (osa_table(run, term, true), osa_table(run, term, false));
    weighted[run.len()][term.len()] == plain[run.len()][term.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str) -> String {
        String::from_utf8(Key::of(word.as_bytes()).unwrap().as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn spellings_of_one_sound_share_a_key() {
        for word in [
            "microsoft",
            "mycrowsoft",
            "mykrosawft",
            "maikrosofte",
            "mikrosoft",
        ] {
            assert_eq!(key(word), "MKRSFT", "{word}");
        }
        assert_eq!(key("azure"), "SR");
        assert_eq!(key("phone"), "FN");
        assert_eq!(key("box"), "PKS");
        assert_eq!(key("rnicrosoft"), "MKRSFT", "the skeleton of m");
        assert!(Key::of(b"m1crosoft").is_none());
    }

    #[test]
    fn a_long_key_may_lose_its_last_sound() {
        let of = |word: &str| Key::of(word.as_bytes()).unwrap();
        let truncated = of("microsoft").truncated().unwrap();
        assert_eq!(truncated.as_bytes(), b"MKRSF");
        assert_eq!(truncated, of("maikurosofu"), "katakana");
        assert_eq!(truncated, of("maikrousouhv"), "Khmer");
        assert_ne!(truncated, of("maikrosoft"));
        // A key of five sounds is as short as a sound-alike's may be.
        assert_eq!(of("mkrsf").truncated(), None);
        assert_eq!(of("photoshop").truncated(), None);
    }

    #[test]
    fn a_script_without_an_f_writes_it_as_a_p() {
        let of = |word: &str| Key::of(word.as_bytes()).unwrap();
        let microsoft = of("microsoft");
        assert_eq!(microsoft.without_f().unwrap().as_bytes(), b"MKRSPT");
        // A P beside the F's P is one sound; a key without an F has no such form.
        assert_eq!(of("upfront").without_f().unwrap().as_bytes(), b"PRNT");
        assert_eq!(of("azure").without_f(), None);
        // Tamil and Hangul, read in Latin letters; in one word without the last sound too.
        for (run, words) in [("maikrosapt", 1), ("maikeurosopeuteu", 1), ("maikrosap", 1)] {
            assert!(of(run).sounds_like_spoken(&microsoft, words), "{run}");
        }
        assert!(of("maikrosoft").sounds_like_spoken(&microsoft, 2));
        assert!(
            !of("maikrosap").sounds_like_spoken(&microsoft, 2),
            "two words"
        );
        assert!(
            !of("makrispeta").sounds_like_spoken(&microsoft, 2),
            "a P for the F in two words"
        );
        assert!(
            !of("maikrosat").sounds_like_spoken(&microsoft, 1),
            "a T for the F"
        );
        assert_eq!(
            of("maikrosapt").spoken_difference(&microsoft),
            (true, false)
        );
        assert_eq!(of("maikrosap").spoken_difference(&microsoft), (true, true));
        assert_eq!(
            of("maikurosofu").spoken_difference(&microsoft),
            (false, true)
        );
    }

    #[test]
    fn the_banded_distance_is_the_full_tables() {
        let words: [&[u8]; 9] = [
            b"",
            b"a",
            b"ab",
            b"ba",
            b"microsoft",
            b"micrsfot",
            b"mircosfoft",
            b"azure",
            b"zaure",
        ];
        for a in words {
            for b in words {
                let full = usize::from(osa_table(a, b, false)[a.len()][b.len()]);
                for max in 0..4 {
                    let want = (full <= max).then_some(full);
                    assert_eq!(osa_distance_at_most(a, b, max), want, "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn the_bit_parallel_distance_is_the_full_tables() {
        // Strings over a small alphabet, so that many letters repeat and swap.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..20_000 {
            let mut word = |max: u64| -> Vec<u8> {
                (0..next(max)).map(|_| b"abcd"[next(4) as usize]).collect()
            };
            let (term, text) = (word(12), word(14));
            if term.is_empty() {
                continue;
            }
            let full = usize::from(osa_table(&text, &term, false)[text.len()][term.len()]);
            let pattern = OsaPattern::new(&term).unwrap();
            assert_eq!(pattern.distance(&text), full, "{term:?} {text:?}");
        }
    }

    #[test]
    fn two_edits_are_counted_and_named() {
        let microsoft = OsaPattern::new(b"microsoft").unwrap();
        assert_eq!(microsoft.distance(b"micrsfot"), 2);
        assert_eq!(microsoft.distance(b"mircosfoft"), 2);
        assert_eq!(microsoft.distance(b"mircosoft"), 1);
        assert!(microsoft.distance(b"macrohard") > 2);
        let named: Vec<String> = edits(b"micrsfot", b"microsoft")
            .into_iter()
            .map(|edit| crate::verdict::Edit::from(edit).to_string())
            .collect();
        assert_eq!(named, [r#""o" missing"#, r#""of" swapped"#]);
        let named: Vec<String> = edits(b"mircosfoft", b"microsoft")
            .into_iter()
            .map(|edit| crate::verdict::Edit::from(edit).to_string())
            .collect();
        assert_eq!(named, [r#""cr" swapped"#, r#""f" added"#]);
    }

    #[test]
    fn slips_of_the_hand_are_keys_beside_each_other() {
        assert!(keys_beside(b's', b'd') && keys_beside(b'a', b'q') && keys_beside(b's', b'x'));
        assert!(keys_beside(b'i', b'o') && keys_beside(b'g', b'b'));
        assert!(!keys_beside(b's', b'b') && !keys_beside(b's', b'v') && !keys_beside(b'a', b'o'));
        assert!(!keys_beside(b'q', b'p') && !keys_beside(b'1', b'2'));
    }

    #[test]
    fn slips_of_the_ear_are_letters_of_one_sound() {
        assert!(sounds_as(b'c', b'k') && sounds_as(b'q', b'k'));
        assert!(!sounds_as(b'k', b'c') && !sounds_as(b'c', b's') && !sounds_as(b'a', b'o'));
        assert!(slips(b"mikrosof", b"microsoft"), "k for c, t left out");
        assert!(!slips(b"mibrosof", b"microsoft"), "b for c is no slip");
        let named: Vec<String> = edits(b"mikrosof", b"microsoft")
            .into_iter()
            .map(|edit| crate::verdict::Edit::from(edit).to_string())
            .collect();
        assert_eq!(named, [r#""k" for "c""#, r#""t" missing"#]);
    }

    #[test]
    fn the_index_finds_what_is_further_than_one_edit() {
        let index = SimilarIndex::build(
            [
                (0, &b"microsoft"[..], 1, true, true, Some(&b"mikrosoft"[..])),
                (1, &b"azure"[..], 1, true, true, None),
            ]
            .into_iter(),
        );
        assert_eq!(index.terms.len(), 1, "azure is too short for either");
        let find_in = |run: &[u8], spoken: bool| {
            let whole: Range<usize> = 0..run.len();
            index.find(
                View::new(run, &[]),
                whole.clone(),
                std::slice::from_ref(&whole),
                spoken,
            )
        };
        let find = |run: &[u8]| find_in(run, false);
        // Two edits from the spoken form, three from the term: only where read in Latin
        // letters.
        assert_eq!(find(b"mikroft"), None);
        assert_eq!(find_in(b"mikroft", true), Some((0, Similarity::TwoEdits)));
        assert_eq!(find(b"micrsfot"), Some((0, Similarity::TwoEdits)));
        assert_eq!(find(b"mykrosawft"), Some((0, Similarity::SoundAlike)));
        // One edit is a typo-squat, and the term itself is the term.
        assert_eq!(find(b"mikrosoft"), None);
        assert_eq!(find(b"microsoft"), None);
        assert_eq!(find(b"macrosoft"), None);
        assert_eq!(find(b"azur"), None);
        // Two edits that no hand makes: other words.
        assert_eq!(find(b"microbot"), None);
        assert_eq!(find(b"microvolt"), None);
        assert_eq!(find(b"microdot"), Some((0, Similarity::TwoEdits)));
        // A spelling does not reach across words: `rn` of two words is not `m`.
        let run = b"rnykrosawft";
        assert_eq!(
            index.find(View::new(run, &[]), 0..11, &[0..1, 1..11], false),
            None
        );
        // A misspelling starts as the term does: its first letter, two edits away; its
        // first two sounds, sounding like it.
        assert_eq!(find(b"imcrsoft"), None);
        assert_eq!(find(b"maikrosawft"), Some((0, Similarity::SoundAlike)));
        assert_eq!(find(b"makrosawft"), Some((0, Similarity::SoundAlike)));
        assert_eq!(find(b"emkrosawft"), None);
    }

    #[test]
    fn the_leading_sounds_are_known_once_a_spelling_ends() {
        assert_eq!(leading_sounds(b"rnykro"), (Some([b'M', b'K']), 4));
        assert_eq!(leading_sounds(b"phot"), (Some([b'F', b'T']), 4));
        // A silent first letter, a word of one sound, a byte with no sound.
        assert_eq!(leading_sounds(b"aikro").0, None);
        assert_eq!(leading_sounds(b"rnaa"), (None, 4));
        assert_eq!(leading_sounds(b"rn2k").0, None);
    }
}
