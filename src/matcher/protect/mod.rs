//! Protected names: does a name pass for one of a registry's existing names as a whole?
//!
//! A registry protects its popular names (most popular first) against newcomers that
//! imitate them: the same name once normalized (`cross_env` for `cross-env`, `rеact` with
//! a Cyrillic `е`), a typo-squat (`requst`), a scope game (`angular-cli` for
//! `@angular/cli`), or a combo-squat (`node-fabric`, `mssql.js`).
//!
//! Every name gets two keys. Its *literal key* is its letters and digits lower-cased,
//! with the separators of package names left out: equal literal keys are the same name
//! (`cross_env`), and slips are judged on it, since a typo is made on the keyboard. Its
//! *skeleton key* is the reader's first reading (look-alikes, fullwidth forms and
//! invisible characters set aside; the scope kept apart), for names that are not ASCII;
//! ASCII leetspeak (`l0dash`) is read with the reader's digit table. The literal keys and
//! their one-byte deletions go into one fingerprint table (a deletion neighbourhood, as
//! SymSpell builds): two keys one slip apart always share an entry, so a name's own key
//! and deletions find every protected name one slip away, and each candidate is verified
//! byte by byte. The table stores twelve bytes an entry, so a million names fit in a few
//! hundred megabytes. Two slips on a long name count when one swaps letters: the name
//! then holds the letters of the protected key in another order, less one or with one
//! doubled, and a second table of the long keys' letters as multisets finds it.
//!
//! What keeps the innocent out (see `README.md`, "Protecting a registry's names", and
//! `Slip::counts_for`): only the slips of real typo-squats count, on names long enough
//! for a slip to leave them recognisable; a slip that spells a word of another protected
//! name (`preact` beside `react`) is that word; a scope is owned; and a combo-squat needs a
//! generic word from `data/generic-words.txt`.

mod edit;
mod table;

use std::fmt;
use std::ops::ControlFlow;
use std::sync::Arc;

use crate::normalize::{Choices, Normalizer, StackSkeleton};
use crate::tables;

use edit::digit_stands_for;
use edit::{Key, MAX_KEY, MIN_TWO};
pub(crate) use edit::{Near, Slip};
use table::{deletions, fingerprint, Fingerprint, Table};
use table::{letter_sets_sought, letter_sets_stored};

/// The shortest bare name of a scoped protected name (`@babel/core`) that a name may not
/// take without the scope: shorter ones (`core`, `cli`) are ordinary words.
const MIN_UNSCOPED: usize = 8;
/// The shortest protected key that a combo-squat may add a generic word to.
const MIN_COMBO: usize = 4;
/// The shortest protected key that leetspeak may spell (`d3` is not `de`).
const MIN_LEET: usize = 4;
/// The shortest token that, spelt by a slip, makes the slip another word.
const MIN_WORD: usize = 3;

/// One way a name imitates a protected name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Imitation {
    /// The same name once normalized; `literal` when even the literal keys are equal
    /// (only case or separators differ).
    Same { literal: bool },
    /// One slip away.
    Typo(Slip),
    /// Two slips away, on a long name, when the slips are those of a hurried hand
    /// (`mogobd` for `mongodb`; see `Slip::two_between`), in the order made.
    TwoSlips([Slip; 2]),
    /// A scoped protected name with its scope dropped (`user-event` for
    /// `@testing-library/user-event`) or folded into the name (`angular-cli`).
    Unscoped { joined: bool },
    /// A protected name put under a scope that imitates it (`@lodash/lodash`).
    Rescoped,
    /// The protected name with a generic word added (`node-fabric`), or in place of
    /// another (`python3-dateutil` for `python-dateutil`).
    Combo {
        word: &'static str,
        instead: Option<&'static str>,
    },
    /// The protected name with a generic word added and one slip (`node-opensl`).
    ComboTypo { word: &'static str, slip: Slip },
    /// The protected name with two generic words added, each a word of its own
    /// (`request-js-node`, `node-request-js`).
    Combos { words: [&'static str; 2] },
}

/// A generic word of a combo-squat and where it may go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Generic {
    word: &'static str,
    prefix: bool,
    suffix: bool,
    glued: bool,
    /// Whether adding it makes a combo-squat (or only makes a name less distinctive).
    combo: bool,
}

/// The generic words of `data/generic-words.txt`.
fn generic_words() -> Vec<Generic> {
    include_str!("../../../data/generic-words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let word = fields.next()?;
            let (prefix, suffix) = match fields.next()? {
                "prefix" => (true, false),
                "suffix" => (false, true),
                "both" => (true, true),
                _ => return None,
            };
            let (mut glued, mut combo) = (false, true);
            for flag in fields {
                match flag {
                    "glued" => glued = true,
                    "affix" => combo = false,
                    _ => return None,
                }
            }
            Some(Generic {
                word,
                prefix,
                suffix,
                glued,
                combo,
            })
        })
        .collect()
}

/// The protected names of a policy, compiled.
#[derive(Clone, Default)]
pub(crate) struct Protected {
    /// The names as listed, most popular first: a name's index is its rank.
    names: Vec<Box<str>>,
    /// Literal keys, concatenated: name `r`'s is `keys[ends[r - 1]..ends[r]]`.
    keys: Vec<u8>,
    ends: Vec<u32>,
    /// The names as listed, to know a name that is itself protected.
    listed: Table,
    /// Skeleton keys.
    skeletons: Table,
    /// Literal keys and each of their one-byte deletions.
    variants: Table,
    /// The letters of each literal key long enough for two slips, as a multiset and less
    /// each of its letters once (see `letter_sets_stored`): a name two slips away, one
    /// of which swaps letters, shares one with it.
    letters: Table,
    /// The literal bare keys of scoped names, long enough to be distinctive.
    bare: Table,
    /// The tokens of every protected name, of at least `MIN_WORD` bytes, with its rank.
    words: Table,
    generic: Vec<Generic>,
}

impl fmt::Debug for Protected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Protected")
            .field("names", &self.names.len())
            .field("heap_bytes", &self.heap_bytes())
            .finish_non_exhaustive()
    }
}

/// `name` split into its scope and bare name (`@types/node` → `types`, `node`).
fn split_scope(name: &str) -> (Option<&str>, &str) {
    match name.strip_prefix('@').and_then(|rest| rest.split_once('/')) {
        Some((scope, bare)) => (Some(scope), bare),
        None => (None, name),
    }
}

/// The literal key of `name`: a scoped name's scope and bare name as one.
fn literal_key(name: &str) -> Key {
    let (scope, bare) = split_scope(name);
    match scope {
        Some(scope) => {
            let mut key = Key::of(scope);
            key.append(bare);
            key
        }
        None => Key::of(bare),
    }
}

impl Protected {
    /// Compiles `names`, most popular first. Blank names are skipped.
    pub(crate) fn new(normalizer: &Normalizer, names: &[String]) -> Protected {
        let mut p = Protected {
            generic: generic_words(),
            ..Protected::default()
        };
        let (mut listed, mut skeletons, mut variants, mut bare, mut words, mut letters) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let rank = p.names.len() as u32;
            let key = literal_key(name);
            listed.push((fingerprint(name.as_bytes()), rank));
            if let Some(fp) = skeleton_key(normalizer, name) {
                skeletons.push((fp, rank));
            }
            let bytes = key.bytes();
            variants.push((fingerprint(bytes), rank));
            if key.is_complete() {
                deletions(bytes, |_, fp| variants.push((fp, rank)));
                if p.distinctive_len(bytes) >= MIN_TWO {
                    letter_sets_stored(bytes, |fp| letters.push((fp, rank)));
                }
            }
            let (scope, bare_name) = split_scope(name);
            let bare_key = Key::of(bare_name);
            if scope.is_some() && bare_key.bytes().len() >= MIN_UNSCOPED {
                bare.push((fingerprint(bare_key.bytes()), rank));
            }
            for token in bare_key.tokens().filter(|t| t.len() >= MIN_WORD) {
                words.push((fingerprint(&bare_key.bytes()[token]), rank));
            }
            p.keys.extend_from_slice(bytes);
            p.ends.push(p.keys.len() as u32);
            p.names.push(name.into());
        }
        p.listed = Table::new(listed);
        p.skeletons = Table::new(skeletons);
        p.variants = Table::new(variants);
        p.letters = Table::new(letters);
        p.bare = Table::new(bare);
        p.words = Table::new(words);
        p.keys.shrink_to_fit();
        p
    }

    /// The compiled names, or `None` when there are none.
    pub(crate) fn compile(normalizer: &Normalizer, names: &[String]) -> Option<Arc<Protected>> {
        let protected = Protected::new(normalizer, names);
        (!protected.names.is_empty()).then(|| Arc::new(protected))
    }

    /// The names, most popular first.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.names.iter().map(|n| &**n)
    }

    /// The protected name of rank `rank`, as listed.
    pub(crate) fn name(&self, rank: u32) -> &str {
        &self.names[rank as usize]
    }

    /// Bytes held on the heap, roughly (the benchmark reports it beside peak memory).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.names.iter().map(|n| n.len() + 16).sum::<usize>()
            + self.keys.capacity()
            + self.ends.capacity() * 4
            + [
                &self.listed,
                &self.skeletons,
                &self.variants,
                &self.letters,
                &self.bare,
                &self.words,
            ]
            .iter()
            .map(|t| t.heap_bytes())
            .sum::<usize>()
    }

    fn key(&self, rank: u32) -> &[u8] {
        let r = rank as usize;
        let start = if r == 0 { 0 } else { self.ends[r - 1] as usize };
        &self.keys[start..self.ends[r] as usize]
    }

    fn is_scoped(&self, rank: u32) -> bool {
        self.names[rank as usize].starts_with('@')
    }

    /// Every protected name `name` imitates, with how, each once (its closest
    /// imitation), in no particular order; `found` may stop the search.
    pub(crate) fn imitations(
        &self,
        normalizer: &Normalizer,
        name: &str,
        mut found: impl FnMut(u32, Imitation) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if self.names.is_empty() {
            return ControlFlow::Continue(());
        }
        let name = name.trim();
        // A protected name is not an imitation of itself, nor of a less popular name.
        let own = self
            .listed
            .get(fingerprint(name.as_bytes()))
            .iter()
            .copied()
            .find(|&r| self.name(r) == name);
        let may_imitate = |rank: u32| own.is_none_or(|own| rank < own);
        let mut seen = Seen::default();
        let mut report = |rank: u32, imitation: Imitation| {
            if may_imitate(rank) && seen.first(rank) {
                found(rank, imitation)
            } else {
                ControlFlow::Continue(())
            }
        };

        let key = literal_key(name);
        let bytes = key.bytes();
        if name.is_ascii() {
            // Leetspeak: `l0dash`, `r3act`, read with the reader's leet alphabet.
            if let Some(decoded) = leet_decoded(bytes) {
                for &rank in self.variants.get(fingerprint(decoded.bytes())) {
                    let protected = self.key(rank);
                    if protected.len() >= MIN_LEET && stands_for(bytes, protected) {
                        report(rank, Imitation::Same { literal: false })?;
                    }
                }
            }
        } else if let Some(fp) = skeleton_key(normalizer, name) {
            // Look-alikes from other scripts, fullwidth forms, invisible characters: the
            // reader's skeleton. (ASCII names are compared as written: in a registry,
            // `grlp` and `grip` or `d3` and `de` are different names.)
            for &rank in self.skeletons.get(fp) {
                if skeleton_key(normalizer, self.name(rank)) == Some(fp) {
                    report(
                        rank,
                        Imitation::Same {
                            literal: self.key(rank) == bytes,
                        },
                    )?;
                }
            }
        }

        let (scope, bare_name) = split_scope(name);
        // The bare name's key: the literal key itself when there is no scope.
        let bare = match scope {
            Some(_) => Key::of(bare_name),
            None => key,
        };
        match scope {
            None => {
                for &rank in self.bare.get(fingerprint(bytes)) {
                    // A bare name of one word that other names use too (`compiler` of
                    // `@angular/compiler`) is that word.
                    let one_word =
                        bare.tokens().count() == 1 && self.is_word(bytes, [own, Some(rank)]);
                    if !one_word && Key::of(split_scope(self.name(rank)).1).bytes() == bytes {
                        report(rank, Imitation::Unscoped { joined: false })?;
                    }
                }
            }
            Some(scope) => {
                // `@lodash/lodash`, `@official/react`: a scope that imitates the name.
                let scope = Key::of(scope);
                for &rank in self.variants.get(fingerprint(bare.bytes())) {
                    let protected = self.key(rank);
                    let imitates = protected == scope.bytes()
                        || Slip::between(scope.bytes(), protected).is_some()
                        || self
                            .generic
                            .iter()
                            .any(|g| g.combo && g.word.as_bytes() == scope.bytes());
                    if !self.is_scoped(rank) && protected == bare.bytes() && imitates {
                        report(rank, Imitation::Rescoped)?;
                    }
                }
            }
        }

        // Slips, and the literal key of a scoped name written without its scope.
        if key.is_complete() {
            let mut judge = |rank: u32| {
                let protected = self.key(rank);
                if protected == bytes {
                    // `angular-cli` for `@angular/cli`, `@babel/core` for `babelcore`.
                    return report(
                        rank,
                        match (self.is_scoped(rank), scope.is_some()) {
                            (true, false) => Imitation::Unscoped { joined: true },
                            // A scope is owned: `@azure/storage-blob` comes from the
                            // owners of `azure-storage-blob`, or from no one.
                            (false, true) => return ControlFlow::Continue(()),
                            _ => Imitation::Same { literal: true },
                        },
                    );
                }
                match Slip::between(bytes, protected) {
                    Some(slip)
                        if slip.counts_for(self.distinctive_len(protected))
                            && !self.spells_a_word(&key, slip, own) =>
                    {
                        report(rank, Imitation::Typo(slip))
                    }
                    _ => ControlFlow::Continue(()),
                }
            };
            // Every protected key one slip away shares the key or a one-byte deletion of
            // it.
            let mut result = judge_all(&self.variants, fingerprint(bytes), &mut judge);
            deletions(bytes, |_, fp| {
                if result.is_continue() {
                    result = judge_all(&self.variants, fp, &mut judge);
                }
            });
            result?;
            // Two slips, on long names: one swaps letters, so the name has the letters of
            // the protected key in another order, less one, or with one doubled.
            if bytes.len() + 1 >= MIN_TWO {
                let mut judge_two = |rank: u32| {
                    let protected = self.key(rank);
                    match Slip::two_between(bytes, protected, self.distinctive_len(protected)) {
                        Some(slips) if !slips.iter().any(|&s| self.spells_a_word(&key, s, own)) => {
                            report(rank, Imitation::TwoSlips(slips))
                        }
                        _ => ControlFlow::Continue(()),
                    }
                };
                let mut result = ControlFlow::Continue(());
                letter_sets_sought(bytes, |fp| {
                    if result.is_continue() {
                        result = judge_all(&self.letters, fp, &mut judge_two);
                    }
                });
                result?;
            }
        }

        // A combo-squat under a scope is the scope owner's name (`@abp/prismjs`).
        if scope.is_some() {
            return ControlFlow::Continue(());
        }
        self.combos(&bare, &mut report)
    }

    /// Whether the token of `key` that `slip` touches is a word of some protected name:
    /// `preact` is not a slip of `react` when `preact` is a word of the registry too.
    /// (`own`, the name's own rank when it is protected itself, does not count.)
    fn spells_a_word(&self, key: &Key, slip: Slip, own: Option<u32>) -> bool {
        let bytes = key.bytes();
        if bytes.is_empty() {
            return false;
        }
        // Where the slip may be: a letter left out of or added to a run of that letter
        // (`babe-loader`, `babel-loader`) may be any of the run's.
        let (mut lo, mut hi) = (slip.at(), slip.at());
        if let Slip::Missing { letter, .. } | Slip::Added { letter, .. } = slip {
            while lo > 0 && bytes[lo - 1] == letter {
                lo -= 1;
            }
            while hi + 1 < bytes.len() && bytes[hi + 1] == letter {
                hi += 1;
            }
        }
        // A letter missing where a token starts may be the previous token's last
        // (`coffe-script`).
        if matches!(slip, Slip::Missing { .. }) && lo > 0 && key.starts_at(lo) {
            lo -= 1;
        }
        let (lo, hi) = (lo.min(bytes.len() - 1), hi.min(bytes.len() - 1));
        let mut at = lo;
        while at <= hi {
            let token = key.token_at(at);
            if !self.is_word(&bytes[token.clone()], [own, None]) {
                return false;
            }
            at = token.end;
        }
        true
    }

    /// Whether `token` is long enough to be a word, and a word of a protected name other
    /// than those of `besides`.
    fn is_word(&self, token: &[u8], besides: [Option<u32>; 2]) -> bool {
        token.len() >= MIN_WORD
            && self
                .words
                .get(fingerprint(token))
                .iter()
                .any(|&rank| !besides.contains(&Some(rank)))
    }

    /// The length of `key` without an affix that many names share (`pygame` is `game`):
    /// what a slip must leave recognisable.
    fn distinctive_len(&self, key: &[u8]) -> usize {
        key.len().saturating_sub(self.generic_len(key))
    }

    /// The length of the affixes of `key` that many names share.
    fn generic_len(&self, key: &[u8]) -> usize {
        let longest = |fits: &dyn Fn(&Generic) -> bool| {
            self.generic
                .iter()
                .filter(|g| !g.combo && fits(g) && g.word.len() < key.len())
                .map(|g| g.word.len())
                .max()
                .unwrap_or(0)
        };
        let prefix = longest(&|g| g.prefix && key.starts_with(g.word.as_bytes()));
        let suffix = longest(&|g| g.suffix && key.ends_with(g.word.as_bytes()));
        prefix + suffix
    }

    /// Combo-squats: `bare` as a protected name with a generic word before or after it.
    fn combos(
        &self,
        bare: &Key,
        report: &mut impl FnMut(u32, Imitation) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let bytes = bare.bytes();
        let first = bare.tokens().next().unwrap_or(0..0);
        let last = bare.tokens().last().unwrap_or(0..0);
        for g in self.generic.iter().filter(|g| g.combo) {
            let word = g.word.as_bytes();
            let rests = [
                // node-X, nodeX
                (g.prefix
                    && (bytes[first.clone()] == *word
                        || (g.glued && first.len() > word.len() && bytes.starts_with(word))))
                .then(|| &bytes[word.len()..]),
                // X-js, Xjs
                (g.suffix
                    && (bytes[last.clone()] == *word
                        || (g.glued && last.len() > word.len() && bytes.ends_with(word))))
                .then(|| &bytes[..bytes.len() - word.len()]),
            ];
            for (at_start, rest) in [(true, rests[0]), (false, rests[1])] {
                let Some(rest) = rest else { continue };
                // A separate word may go with a short name (`d3.js`, `node-ftp`); a word
                // glued on only with a longer one (`nodefabric`).
                let separate = if at_start { first.len() } else { last.len() } == word.len();
                if rest.len() < if separate { MIN_WORD - 1 } else { MIN_COMBO } {
                    continue;
                }
                let added = Imitation::Combo {
                    word: g.word,
                    instead: None,
                };
                self.combo_of(rest, added, report)?;
                if separate {
                    self.stacked(bare, at_start, g.word, report)?;
                }
                // With a slip in the name as well: `node-opensl`.
                self.combo_slip_of(rest, g.word, report)?;
                if !at_start {
                    continue;
                }
                // One generic word for another before the name: `python3-dateutil` for
                // `python-dateutil`. (After it, `X-js` beside `X-sdk` is a project's port.)
                for other in self.generic.iter().filter(|o| o.prefix && o.word != g.word) {
                    let mut buf = [0u8; 2 * MAX_KEY];
                    let (word, len) = (other.word.as_bytes(), rest.len() + other.word.len());
                    if len > buf.len() {
                        continue;
                    }
                    buf[..word.len()].copy_from_slice(word);
                    buf[word.len()..len].copy_from_slice(rest);
                    let instead = Imitation::Combo {
                        word: g.word,
                        instead: Some(other.word),
                    };
                    self.combo_of(&buf[..len], instead, report)?;
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// Combo-squats of two generic words, each a word of its own: `word`, the first or
    /// (`at_start` false) the last word of `bare`, and another beside it or at the other
    /// end (`request-js-node`, `node-request-js`, `python-request-official`).
    fn stacked(
        &self,
        bare: &Key,
        at_start: bool,
        word: &'static str,
        report: &mut impl FnMut(u32, Imitation) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let n = bare.tokens().count();
        if n < 3 {
            return ControlFlow::Continue(());
        }
        let bytes = bare.bytes();
        let nth = |k: usize| bare.tokens().nth(k).unwrap_or(0..0);
        let (first, second, before_last, last) = (nth(0), nth(1), nth(n - 2), nth(n - 1));
        // (the other word, whether it goes before the name, what is left of the name)
        let others = if at_start {
            [
                (second.clone(), true, second.end..bytes.len()),
                (last.clone(), false, first.end..last.start),
            ]
        } else {
            [
                (before_last.clone(), false, 0..before_last.start),
                (first.clone(), true, first.end..last.start),
            ]
        };
        for (other, before, rest) in others {
            let other = &bytes[other];
            let Some(g) = self.generic.iter().find(|g| {
                g.combo && g.word.as_bytes() == other && if before { g.prefix } else { g.suffix }
            }) else {
                continue;
            };
            let rest = &bytes[rest];
            if g.word == word || rest.len() < MIN_WORD - 1 {
                continue;
            }
            // In the order they are written.
            let words = if at_start {
                [word, g.word]
            } else {
                [g.word, word]
            };
            self.combo_of(rest, Imitation::Combos { words }, report)?;
        }
        ControlFlow::Continue(())
    }

    /// Reports the unscoped protected names one slip from `key` (a slip that counts on
    /// its own), as combo-squats adding `word`.
    fn combo_slip_of(
        &self,
        key: &[u8],
        word: &'static str,
        report: &mut impl FnMut(u32, Imitation) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let mut judge = |rank: u32| {
            let protected = self.key(rank);
            match Slip::between(key, protected) {
                Some(slip)
                    if !self.is_scoped(rank)
                        && slip.counts_for(self.distinctive_len(protected)) =>
                {
                    report(rank, Imitation::ComboTypo { word, slip })
                }
                _ => ControlFlow::Continue(()),
            }
        };
        let mut result = judge_all(&self.variants, fingerprint(key), &mut judge);
        deletions(key, |_, fp| {
            if result.is_continue() {
                result = judge_all(&self.variants, fp, &mut judge);
            }
        });
        result
    }

    /// Reports the unscoped protected names whose key is `key` as the combo-squat
    /// `imitation` (the generic words it adds).
    fn combo_of(
        &self,
        key: &[u8],
        imitation: Imitation,
        report: &mut impl FnMut(u32, Imitation) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        for &rank in self.variants.get(fingerprint(key)) {
            if self.key(rank) == key && !self.is_scoped(rank) {
                report(rank, imitation)?;
            }
        }
        ControlFlow::Continue(())
    }
}

/// The letter the leet digit `d` stands for first (`3`: `e`, `0`: `o`), from the
/// reader's tables.
fn leet_letter(d: u8) -> Option<u8> {
    let leet = tables::ASCII_LEET[usize::from(d)].1[0];
    let skeleton = tables::ASCII_SKELETON[usize::from(d)][0];
    if leet.is_ascii_lowercase() {
        Some(leet)
    } else {
        skeleton.is_ascii_lowercase().then_some(skeleton)
    }
}

/// `key` with each leet digit read as the letter it stands for first; `None` when it has
/// none.
fn leet_decoded(key: &[u8]) -> Option<Key> {
    // As the reader's first reading has it, a digit is a letter only before a letter
    // (`r3act`); trailing digits are numbers (`path3`, `json3`).
    let is_leet = |i: usize| {
        key[i].is_ascii_digit()
            && leet_letter(key[i]).is_some()
            && key[i + 1..]
                .iter()
                .find(|b| !b.is_ascii_digit())
                .is_some_and(u8::is_ascii_lowercase)
    };
    if !(0..key.len()).any(is_leet) {
        return None;
    }
    let mut decoded = [0u8; MAX_KEY];
    for (i, d) in decoded[..key.len()].iter_mut().enumerate() {
        *d = match is_leet(i).then(|| leet_letter(key[i])).flatten() {
            Some(letter) => letter,
            None => key[i],
        };
    }
    std::str::from_utf8(&decoded[..key.len()]).ok().map(Key::of)
}

/// Whether `name` is `protected` with some of its letters written as leet digits.
fn stands_for(name: &[u8], protected: &[u8]) -> bool {
    name.len() == protected.len()
        && name.iter().zip(protected).all(|(&n, &p)| {
            n == p || (n.is_ascii_digit() && p.is_ascii_lowercase() && digit_stands_for(n, p))
        })
}

/// `judge` of every rank stored under `fp` in `table`, until it breaks.
fn judge_all(
    table: &Table,
    fp: u64,
    judge: &mut impl FnMut(u32) -> ControlFlow<()>,
) -> ControlFlow<()> {
    for &rank in table.get(fp) {
        judge(rank)?;
    }
    ControlFlow::Continue(())
}

/// The ranks reported so far for one name: a few, kept on the stack.
#[derive(Default)]
struct Seen {
    ranks: [u32; 16],
    len: usize,
}

impl Seen {
    /// Whether `rank` is new (once sixteen are kept, every rank is: a rank may then be
    /// reported twice, which the verdict stage folds).
    fn first(&mut self, rank: u32) -> bool {
        if self.ranks[..self.len].contains(&rank) {
            return false;
        }
        if self.len < self.ranks.len() {
            self.ranks[self.len] = rank;
            self.len += 1;
        }
        true
    }
}

/// The fingerprint of `name`'s skeleton key: its first reading, the scope apart from the
/// bare name; `None` when the name reads as nothing.
fn skeleton_key(normalizer: &Normalizer, name: &str) -> Option<u64> {
    let (scope, bare) = split_scope(name);
    let mut fp = Fingerprint::new();
    if let Some(scope) = scope {
        fp = skeleton_into(normalizer, scope, fp)?.push(0xff);
    }
    let fp = skeleton_into(normalizer, bare, fp)?;
    Some(fp.finish())
}

fn skeleton_into(normalizer: &Normalizer, text: &str, fp: Fingerprint) -> Option<Fingerprint> {
    // A letter written twice is collapsed in a skeleton, with a flag: `requestt` is a
    // slip of `request`, not the same name, so the flag is part of the key.
    let key = |bytes: &[u8], repeat: &dyn Fn(usize) -> bool| {
        (!bytes.is_empty()).then(|| {
            bytes.iter().enumerate().fold(fp, |fp, (i, &b)| {
                let fp = fp.push(b);
                if repeat(i) {
                    fp.push(0xfe)
                } else {
                    fp
                }
            })
        })
    };
    let mut buf = StackSkeleton::<{ 2 * MAX_KEY }, 5>::new();
    if normalizer.read(text, &mut Choices::first(), &mut buf) {
        let view = buf.view();
        return key(view.bytes, &|i| view.is_repeat(i));
    }
    // Longer than the stack buffer: the heap, for the rare long name.
    let sk = normalizer.normalize(text);
    key(sk.as_str().as_bytes(), &|i| sk.is_repeat(i))
}

#[cfg(test)]
mod tests;
