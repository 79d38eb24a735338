//! Every reading at once: the search that finds a term in any reading of a name, with no
//! cap on how many readings a name has.
//!
//! A name with choice points (`6` is `b` or `g`, `$` is `s` or a separator, `ph` is `f`
//! or `p` and `h`) has a number of readings that grows as a product of its choice points.
//! The search does not list them. Like a Pike VM simulating an NFA (regex-automata's
//! `PikeVM` keeps a current and a next set of states, steps every live state on each
//! input, and merges states that become equal), it keeps the set of live readings at the
//! current character of the name, each a *thread*:
//!
//! - the reader's state between two characters ([`Stream`]: word boundary, case, the
//!   previous symbol for collapsing repeats);
//! - the state of an Aho–Corasick automaton over every term and exception pattern;
//! - the last skeleton bytes and their word flags, as far back as a match could still
//!   reach: the automaton state's depth (the longest suffix of the skeleton that starts a
//!   pattern), or, while a term found on this thread waits for its judgement, back to the
//!   start of every pattern that was under way when the term ended (an exception that
//!   may cover it);
//! - the path that led here, as a node of a tree of picks.
//!
//! Each character steps every thread on each of its alternatives (the few tapes of that
//! character's choice points, [`each_tape`](crate::normalize)); threads that end in equal
//! states read the rest of the name alike and find the same terms, so only the first of
//! them (the one with the earlier alternatives) lives on. The live set is bounded by the
//! automaton and the reader, not by the name: a name with no choice point has one thread
//! and costs one reading.
//!
//! A thread that completes a term pattern carries it until the skeleton has grown past
//! everything the term's judgement looks at (its scope's boundaries, an exception that
//! may cover it), and then hands it to the caller ([`Due`]): its path as a *tape*, the
//! picks that replay exactly that reading, and the window, on which the matcher judges
//! the term with its own rules (no second reading of the name). The pipeline replays the
//! tape of a violation into a skeleton to explain it, as regex finds a match with a DFA
//! and then recovers its captures with a slower engine.

use std::hash::{Hash, Hasher};
use std::ops::ControlFlow;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa, nfa, Anchored};

use super::Pattern;
use super::{Hit, HitKind};
use crate::normalize::{
    boundary_flags, Block, Boundary, Choices, Normalizer, Sink, Stream, Symbol, View, END,
    HARD_END, HARD_START, REPEATED, SHARED, START, TURNED,
};

/// Skeleton bytes a thread remembers: a match or a judgement reaching further back does
/// not keep two threads apart (only patterns longer than this are affected).
const WINDOW: usize = 64;

/// The flags that judgements read (the others only explain a violation), as the bit
/// planes of a window.
const JUDGED_PLANES: [usize; 7] = [
    START.trailing_zeros() as usize,
    HARD_START.trailing_zeros() as usize,
    END.trailing_zeros() as usize,
    HARD_END.trailing_zeros() as usize,
    SHARED.trailing_zeros() as usize,
    REPEATED.trailing_zeros() as usize,
    TURNED.trailing_zeros() as usize,
];

/// The root of the tree of picks: a path with no choice.
const ROOT: u32 = u32::MAX;

/// Patterns at most this long in all are compiled to a DFA; more to a compact NFA.
const MAX_DFA_BYTES: usize = 1 << 14;

/// The automaton of the search.
#[derive(Clone, Debug)]
enum Machine {
    Dfa(dfa::DFA),
    Nfa(nfa::contiguous::NFA),
}

impl Machine {
    #[inline(always)]
    fn next(&self, sid: StateID, byte: u8) -> StateID {
        match self {
            Machine::Dfa(a) => a.next_state(Anchored::No, sid, byte),
            Machine::Nfa(a) => a.next_state(Anchored::No, sid, byte),
        }
    }

    fn automaton(&self) -> &dyn Automaton {
        match self {
            Machine::Dfa(a) => a,
            Machine::Nfa(a) => a,
        }
    }
}

/// The search of one matcher: its patterns compiled for stepping, and what each is.
#[derive(Clone, Debug)]
pub(crate) struct Paths {
    machine: Machine,
    start: StateID,
    /// The depth of each state (by `StateID::as_usize`): the length of the pattern prefix
    /// it stands for.
    depth: Vec<u8>,
    /// Whether each pattern is a term's (else an exception's).
    is_term: Vec<bool>,
    /// The length of each pattern.
    lens: Vec<u32>,
    /// How far around each term pattern an exception may cover it.
    cover: Vec<Cover>,
    /// The flags that matches still under way may read, by state (an index into
    /// `flag_sets`; see [`Relevant`]).
    relevant: Vec<u32>,
    flag_sets: Vec<Relevant>,
}

/// For an automaton state of depth `d`, the flags of its last `d + 1` positions that a
/// match under way may still read, per flag plane (bit `i`: position `len - d + i`, as
/// [`Window::plane`] gives them). Two readings that differ only in other flags find and
/// judge the same terms, and merge. A term no exception holds reads the word start where
/// it starts, the separators inside it, its turned letters if it is a term upside down,
/// and the repeats (or shared symbols) at its doubled letters; an exception, and a term an
/// exception may cover, read every flag.
type Relevant = [u64; 8];

impl Paths {
    /// The search for `needles`, each the skeleton of the pattern of `patterns` at its
    /// index.
    pub(crate) fn build(needles: &[Vec<u8>], patterns: &[Pattern]) -> Option<Paths> {
        let is_term: Vec<bool> = patterns
            .iter()
            .map(|p| matches!(p, Pattern::Term { .. }))
            .collect();
        if needles.is_empty() {
            return None;
        }
        let total: usize = needles.iter().map(Vec::len).sum();
        let machine = if total <= MAX_DFA_BYTES {
            Machine::Dfa(
                dfa::DFA::builder()
                    .prefilter(false)
                    .start_kind(aho_corasick::StartKind::Unanchored)
                    .build(needles)
                    .ok()?,
            )
        } else {
            Machine::Nfa(
                nfa::contiguous::NFA::builder()
                    .prefilter(false)
                    .build(needles)
                    .ok()?,
            )
        };
        let start = machine.automaton().start_state(Anchored::No).ok()?;
        // Every state is a prefix of some pattern: walking each pattern from the start
        // visits every state at its depth.
        let mut depths: Vec<(usize, u8)> = vec![(start.as_usize(), 0)];
        for needle in needles {
            let mut sid = start;
            for (k, &b) in needle.iter().enumerate() {
                sid = machine.next(sid, b);
                depths.push((sid.as_usize(), (k + 1).min(usize::from(u8::MAX)) as u8));
            }
        }
        let size = depths.iter().map(|&(s, _)| s + 1).max().unwrap_or(1);
        let mut depth = vec![0u8; size];
        for (sid, d) in depths {
            depth[sid] = depth[sid].max(d);
        }
        // The terms each exception holds, found by walking it through the automaton.
        let mut cover = vec![Cover::default(); needles.len()];
        let automaton = machine.automaton();
        for (needle, _) in needles.iter().zip(&is_term).filter(|(_, &term)| !term) {
            let mut sid = start;
            for (k, &b) in needle.iter().enumerate() {
                sid = machine.next(sid, b);
                if !automaton.is_match(sid) {
                    continue;
                }
                for m in 0..automaton.match_len(sid) {
                    let pid = automaton.match_pattern(sid, m).as_usize();
                    if is_term[pid] {
                        let end = k + 1;
                        let c = &mut cover[pid];
                        c.before = c.before.max((end - needles[pid].len()) as u32);
                        c.after = c.after.max((needle.len() - end) as u32);
                    }
                }
            }
        }
        let (relevant, flag_sets) =
            relevant_flags(&machine, start, &depth, needles, patterns, &cover);
        Some(Paths {
            machine,
            start,
            depth,
            is_term,
            lens: needles.iter().map(|n| n.len() as u32).collect(),
            cover,
            relevant,
            flag_sets,
        })
    }

    /// Reads every reading of `name` at once and calls `found` with each reading that
    /// holds a term pattern ([`Due`]: its tape, and the window its judgement reads), once
    /// that judgement can be made (or, when `eager`, as soon as the pattern ends), until
    /// `found` breaks. Readings that reach the same state are merged, so the same term
    /// may be handed over once for many readings; every term pattern that some reading
    /// holds is handed over in at least one of them.
    pub(crate) fn search<B>(
        &self,
        normalizer: &Normalizer,
        relevant: u64,
        name: &str,
        eager: bool,
        mut found: impl FnMut(&Due<'_>) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        let mut tree = Small::<(u32, u8), 128>::new();
        let mut cur = Small::<Thread, 8>::new();
        let mut next = Small::<Thread, 8>::new();
        // Threads that read a run of characters as one letter, by where they go on.
        let mut later = Small::<(usize, Thread), 4>::new();
        let mut seen = Seen::default();
        let mut compact_at = COMPACT_FROM;
        cur.push(Thread::start(self.start));
        let mut i = 0;
        while i < name.len() {
            next.clear();
            seen.clear();
            // Where the next character starts: most threads go on there.
            let after = i + name[i..].chars().next().map_or(1, char::len_utf8);
            for k in 0..cur.len() {
                let thread = cur.get(k);
                let mut local = [0u8; MAX_LOCAL];
                let mut len = 0;
                // The tapes of this character's choice points, depth first (see
                // `each_tape`), without allocating. Each alternative is stepped in the
                // slot it would take in the next set, and leaves it if it merges.
                loop {
                    next.push(*thread);
                    let t = next.last_mut();
                    let mut choices = Choices::replay(relevant, &local[..len]);
                    let mut probe = Probe {
                        paths: self,
                        window: &mut t.window,
                        hit: false,
                    };
                    let at = normalizer.step(name, i, &mut t.stream, &mut choices, &mut probe);
                    let hit = probe.hit;
                    // Every point met goes on the path, so that its tape replays it; the
                    // alternatives of points past `MAX_LOCAL` are not tried.
                    let met = choices.met();
                    let tried = met.min(MAX_LOCAL);
                    if tried > len {
                        local[len..tried].fill(0);
                    }
                    // The picks of a reading that merges are dropped with it.
                    let mark = tree.len();
                    for k in 0..met {
                        let pick = local.get(k).copied().unwrap_or(0);
                        t.first &= pick == 0;
                        tree.push((t.path, pick));
                        t.path = (tree.len() - 1) as u32;
                    }
                    t.stream.settle();
                    if hit && eager {
                        found(&Due::new(&tree, t, false))?;
                    }
                    match at {
                        Some(at) => {
                            // Each waiting term in turn, as soon as it can be judged.
                            while t.window.due(self.depth(t.window.sid)) {
                                let due = Due::new(&tree, t, true);
                                t.window.pending.pop();
                                found(&due)?;
                            }
                            if at == after {
                                if !self.settle_last(&mut next, &mut seen) {
                                    tree.truncate(mark);
                                }
                            } else {
                                later.push((at, *t));
                                next.pop();
                            }
                        }
                        None => {
                            next.pop();
                            tree.truncate(mark);
                        }
                    }
                    match local[..tried].iter().rposition(|&p| p == 0) {
                        Some(p) => {
                            local[p] = 1;
                            len = p + 1;
                        }
                        None => break,
                    }
                }
            }
            i = after;
            // Threads that read a run as one letter rejoin where it ends.
            let mut k = 0;
            while k < later.len() {
                let (at, t) = *later.get(k);
                if at == i {
                    self.merge(&mut next, &mut seen, t);
                    later.swap_remove(k);
                } else {
                    k += 1;
                }
            }
            std::mem::swap(&mut cur, &mut next);
            if tree.len() >= compact_at {
                compact(&mut tree, &mut cur, &mut later);
                compact_at = (4 * tree.len()).max(COMPACT_FROM);
            }
            #[cfg(test)]
            MOST_LIVE.with(|most| most.set(most.get().max(cur.len() + later.len())));
        }
        for k in 0..cur.len() {
            let mut t = *cur.get(k);
            while !t.window.pending.is_empty() {
                let due = Due::new(&tree, &t, true);
                t.window.pending.pop();
                found(&due)?;
            }
        }
        ControlFlow::Continue(())
    }

    /// Adds `t` to the set `threads` unless a thread there is in the same state.
    #[inline]
    fn merge(&self, threads: &mut Small<Thread, 8>, seen: &mut Seen, t: Thread) {
        threads.push(t);
        self.settle_last(threads, seen);
    }

    /// Keeps the last thread of the set `threads`, its key worked out, unless an earlier
    /// one is in the same state; whether it is kept.
    #[inline]
    fn settle_last(&self, threads: &mut Small<Thread, 8>, seen: &mut Seen) -> bool {
        let (last, earlier) = threads.split_last_mut();
        let extent = self.extent(last);
        last.key = self.key(last, extent);
        let duplicate = if earlier.len() < Seen::FROM {
            earlier
                .iter()
                .any(|e| e.key == last.key && self.same(e, last, extent))
        } else {
            // Many live threads (a policy of thousands of terms, a name of many choice
            // points): look up those of the same key, not every one.
            if seen.is_empty() {
                for k in 0..earlier.len() {
                    seen.insert(earlier, k);
                }
            }
            let duplicate = seen.any(last.key, earlier, |e| self.same(e, last, extent));
            if !duplicate {
                let k = earlier.len();
                seen.insert(threads.as_slice(), k);
            }
            duplicate
        };
        if duplicate {
            threads.pop();
        }
        !duplicate
    }

    /// A hash of what [`same`](Paths::same) compares, so that most threads in different
    /// states are told apart at a glance.
    #[inline]
    fn key(&self, t: &Thread, extent: u32) -> u64 {
        let w = &t.window;
        let mut stream = Mixer(0);
        t.stream.hash(&mut stream);
        let mut h = mix(u64::from(w.sid.as_u32()), u64::from(extent));
        h = mix(h, stream.finish());
        let p = &w.pending;
        h = mix(h, u64::from(p.len) << 1 | u64::from(p.overflow));
        for waiting in &p.queue[..usize::from(p.len)] {
            h = mix(
                h,
                u64::from(w.len - waiting.start) << 32 | u64::from(w.len - waiting.end),
            );
        }
        if w.len <= extent {
            h = mix(h, u64::from(w.len));
        }
        let relevant = self.relevant(w, extent);
        for k in JUDGED_PLANES {
            h = mix(h, w.plane(k, extent) & relevant[k]);
        }
        h
    }

    /// The flags of the last `extent + 1` positions of `w` that its future judgements may
    /// read (see [`Relevant`]): those that matches under way read, every flag of the
    /// current position (where a word may end or start, whatever comes next), and every
    /// flag of a waiting term's window.
    #[inline]
    fn relevant(&self, w: &Window, extent: u32) -> Relevant {
        let full = u64::MAX >> (WINDOW as u32 - 1 - extent);
        let depth = self.depth(w.sid);
        let mut relevant = match self.relevant.get(w.sid.as_usize()) {
            Some(&set) if depth <= extent => {
                self.flag_sets[set as usize].map(|bits| bits << (extent - depth))
            }
            _ => [full; 8],
        };
        let from = match w.pending.first() {
            Some(first) => extent - (w.len - first.start).min(extent),
            None => extent,
        };
        let kept = full & !((1u64 << from) - 1);
        for bits in &mut relevant {
            *bits |= kept;
        }
        relevant
    }

    /// The depth of state `sid`: how many of the last skeleton bytes start a pattern.
    #[inline]
    fn depth(&self, sid: StateID) -> u32 {
        u32::from(self.depth.get(sid.as_usize()).copied().unwrap_or(u8::MAX))
    }

    /// How many of the last skeleton positions a match or judgement may still look at.
    #[inline]
    fn extent(&self, t: &Thread) -> u32 {
        let w = &t.window;
        let depth = self.depth(w.sid);
        let pending = w.pending.first().map_or(0, |waiting| w.len - waiting.start);
        depth.max(pending).min(WINDOW as u32 - 1)
    }

    /// Whether two threads at the same character read the rest of the name alike, as far
    /// as finding and judging terms goes.
    #[inline]
    fn same(&self, a: &Thread, b: &Thread, extent: u32) -> bool {
        let (x, y) = (&a.window, &b.window);
        if a.stream != b.stream
            || x.sid != y.sid
            || self.extent(a) != extent
            || !x.pending.same(x.len, &y.pending, y.len)
        {
            return false;
        }
        // Near the start of the name, where the name starts matters (prefix and exact
        // scopes, exceptions that start it).
        if (x.len <= extent || y.len <= extent) && x.len != y.len {
            return false;
        }
        // Equal states of the automaton stand for equal bytes as far back as their
        // depth; a waiting term's span beyond it is compared byte by byte.
        let depth = self.depth(x.sid);
        let relevant = self.relevant(x, extent);
        JUDGED_PLANES
            .iter()
            .all(|&k| (x.plane(k, extent) ^ y.plane(k, extent)) & relevant[k] == 0)
            && (depth + 1..=extent.min(x.len)).all(|back| {
                let (p, q) = (x.len - back, y.len - back);
                x.byte(p) == y.byte(q)
            })
    }
}

#[cfg(test)]
thread_local! {
    /// The most threads live at once in this thread's searches, for the tests.
    pub(crate) static MOST_LIVE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many choice points one character may have (forms that start at it, a letter or a
/// separator, one letter or another, digits in its skeleton); past this the rest take
/// their first alternative.
const MAX_LOCAL: usize = 16;

/// The flags that matches under way may read at each state of `machine` (see
/// [`Relevant`]), as an index into a list of the distinct sets.
fn relevant_flags(
    machine: &Machine,
    start: StateID,
    depth: &[u8],
    needles: &[Vec<u8>],
    patterns: &[Pattern],
    cover: &[Cover],
) -> (Vec<u32>, Vec<Relevant>) {
    const ALL: u64 = u64::MAX;
    let bit = |plane: u8| plane.trailing_zeros() as usize;
    // What the patterns under each prefix read of it, its positions from 0 up, and a
    // prefix (one state of the walk) of each.
    let mut own = vec![[0u64; 8]; depth.len()];
    let mut prefix: Vec<Option<(usize, usize)>> = vec![None; depth.len()];
    for (id, (needle, pattern)) in needles.iter().zip(patterns).enumerate() {
        let mut sid = start;
        for d in 1..=needle.len() {
            sid = machine.next(sid, needle[d - 1]);
            let state = sid.as_usize();
            prefix[state].get_or_insert((id, d));
            let reads = &mut own[state];
            let upto = if d >= 63 { ALL } else { (1u64 << (d + 1)) - 1 };
            match *pattern {
                Pattern::Term {
                    repeats, turned, ..
                } if cover[id].before == 0 && cover[id].after == 0 => {
                    reads[bit(START)] |= 1;
                    // Separators strictly inside it (the far end is the current position).
                    reads[bit(HARD_START)] |= upto & !1;
                    reads[bit(HARD_END)] |= upto & !1;
                    if turned {
                        reads[bit(TURNED)] |= upto;
                    }
                    let doubled = repeats & upto;
                    reads[bit(REPEATED)] |= doubled;
                    reads[bit(SHARED)] |= doubled;
                }
                _ => *reads = [upto; 8],
            }
        }
    }
    // A state also holds every shorter prefix that is a suffix of it: its failure chain,
    // the state that its bytes after the first lead to. Shallower states first.
    let mut order: Vec<usize> = (0..depth.len()).filter(|&s| prefix[s].is_some()).collect();
    order.sort_by_key(|&s| depth[s]);
    let mut all = vec![[0u64; 8]; depth.len()];
    for &state in &order {
        let (id, d) = prefix[state].unwrap_or_default();
        let mut reads = own[state];
        if d >= 64 {
            reads = [ALL; 8];
        } else if d > 1 {
            let mut fail = start;
            for &b in &needles[id][1..d] {
                fail = machine.next(fail, b);
            }
            let shift = d - usize::from(depth[fail.as_usize()]);
            for (r, f) in reads.iter_mut().zip(all[fail.as_usize()]) {
                *r |= f << shift;
            }
        }
        all[state] = reads;
    }
    let mut sets: Vec<Relevant> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let relevant = all
        .into_iter()
        .map(|reads| {
            *index.entry(reads).or_insert_with(|| {
                sets.push(reads);
                (sets.len() - 1) as u32
            })
        })
        .collect();
    (relevant, sets)
}

/// The tree of picks is compacted once it holds this many nodes, and again whenever it has
/// grown fourfold since: the paths of merged readings are garbage.
const COMPACT_FROM: usize = 1 << 16;

/// Keeps only the nodes of the tree on the paths of live threads (`cur` and `later`),
/// renumbered in the same order (a parent before its children).
fn compact(
    tree: &mut Small<(u32, u8), 128>,
    cur: &mut Small<Thread, 8>,
    later: &mut Small<(usize, Thread), 4>,
) {
    const DEAD: u32 = u32::MAX;
    let mut renumber = vec![DEAD; tree.len()];
    let mut mark = |mut at: u32| {
        while at != ROOT && renumber[at as usize] == DEAD {
            renumber[at as usize] = 0;
            at = tree.get(at as usize).0;
        }
    };
    for t in cur.as_slice() {
        mark(t.path);
    }
    for (_, t) in later.as_slice() {
        mark(t.path);
    }
    let mut kept = Vec::new();
    for (old, &(parent, pick)) in tree.as_slice().iter().enumerate() {
        if renumber[old] != DEAD {
            renumber[old] = kept.len() as u32;
            let parent = if parent == ROOT {
                ROOT
            } else {
                renumber[parent as usize]
            };
            kept.push((parent, pick));
        }
    }
    let moved = |at: u32| {
        if at == ROOT {
            ROOT
        } else {
            renumber[at as usize]
        }
    };
    for t in cur.as_mut_slice() {
        t.path = moved(t.path);
    }
    for (_, t) in later.as_mut_slice() {
        t.path = moved(t.path);
    }
    tree.clear();
    for node in kept {
        tree.push(node);
    }
}

/// The picks of the path ending at node `at`, in order, into `tape`.
fn path_tape(tree: &Small<(u32, u8), 128>, mut at: u32, tape: &mut Small<u8, 128>) {
    tape.clear();
    while at != ROOT {
        let (parent, pick) = *tree.get(at as usize);
        tape.push(pick);
        at = parent;
    }
    tape.reverse();
}

/// One step of the threads' keys: a multiply-rotate hash, enough to tell most states
/// apart (equal states always have equal keys).
#[inline(always)]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A [`Hasher`] of [`mix`] steps, for the reader's state (`Stream` derives `Hash`).
struct Mixer(u64);

impl Hasher for Mixer {
    #[inline(always)]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = mix(self.0, u64::from_le_bytes(word));
        }
    }

    #[inline(always)]
    fn write_u8(&mut self, x: u8) {
        self.0 = mix(self.0, u64::from(x));
    }

    #[inline(always)]
    fn write_u32(&mut self, x: u32) {
        self.0 = mix(self.0, u64::from(x));
    }

    #[inline(always)]
    fn write_u64(&mut self, x: u64) {
        self.0 = mix(self.0, x);
    }

    #[inline(always)]
    fn write_usize(&mut self, x: usize) {
        self.0 = mix(self.0, x as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The threads of the next set by key, once it holds [`Seen::FROM`] or more: a table of
/// their indices by open addressing, kept from one character to the next (none until
/// then, so that an ordinary name allocates nothing).
#[derive(Default)]
struct Seen {
    /// Slot → a thread's index plus one (0: empty); a power of two long.
    slots: Vec<u32>,
    /// How many slots are taken.
    len: usize,
}

impl Seen {
    /// Threads in a set from which a new one is looked up by key, not compared with each.
    const FROM: usize = 32;

    fn clear(&mut self) {
        if self.len > 0 {
            self.slots.fill(0);
            self.len = 0;
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first slot to look at for `key`: its top bits, spread by a multiply.
    fn home(&self, key: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// Adds thread `k` of `threads` (one not there yet).
    fn insert(&mut self, threads: &[Thread], k: usize) {
        if (self.len + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(128);
            let old = std::mem::replace(&mut self.slots, vec![0; size]);
            self.len = 0;
            for j in old.into_iter().filter(|&j| j != 0) {
                self.insert(threads, j as usize - 1);
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(threads[k].key);
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = k as u32 + 1;
        self.len += 1;
    }

    /// Whether `is_same` holds for a thread of `threads` with key `key`.
    fn any(&self, key: u64, threads: &[Thread], mut is_same: impl FnMut(&Thread) -> bool) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        while self.slots[at] != 0 {
            let t = &threads[self.slots[at] as usize - 1];
            if t.key == key && is_same(t) {
                return true;
            }
            at = (at + 1) & mask;
        }
        false
    }
}

/// One live reading.
#[derive(Clone, Copy, Debug, Default)]
struct Thread {
    stream: Stream,
    window: Window,
    /// The node of its last pick in the tree of picks.
    path: u32,
    /// Whether every pick on its path is a first alternative: the first reading.
    first: bool,
    /// A hash of its state (see [`Paths::key`]), once it is in a set.
    key: u64,
}

impl Thread {
    fn start(sid: StateID) -> Thread {
        Thread {
            stream: Stream::new(),
            window: Window {
                sid,
                len: 0,
                bytes: [0; WINDOW],
                planes: [0; 8],
                pending: Pending::default(),
            },
            path: ROOT,
            first: true,
            key: 0,
        }
    }
}

/// What a thread's skeleton looks like at its end: the automaton's state, the last bytes
/// and their flags (rings indexed by position), and the term waiting for its judgement.
#[derive(Clone, Copy, Debug)]
struct Window {
    sid: StateID,
    /// The skeleton's length.
    len: u32,
    bytes: [u8; WINDOW],
    /// The flags of positions `len - WINDOW + 1 ..= len`, as bit planes: bit `p % WINDOW`
    /// of plane `k` is flag `1 << k` of position `p`.
    planes: [u64; 8],
    /// The terms found and not yet handed over.
    pending: Pending,
}

impl Default for Window {
    fn default() -> Window {
        Thread::start(StateID::ZERO).window
    }
}

impl Window {
    #[inline(always)]
    fn byte(&self, at: u32) -> u8 {
        self.bytes[at as usize % WINDOW]
    }

    #[inline(always)]
    fn set(&mut self, at: u32, flag: u8) {
        let bit = 1u64 << (at as usize % WINDOW);
        for (k, plane) in self.planes.iter_mut().enumerate() {
            if flag >> k & 1 != 0 {
                *plane |= bit;
            }
        }
    }

    /// Position `at` has no flags.
    #[inline(always)]
    fn clear(&mut self, at: u32) {
        let keep = !(1u64 << (at as usize % WINDOW));
        for plane in &mut self.planes {
            *plane &= keep;
        }
    }

    /// Flag `1 << k` of the last `extent + 1` positions, as bits from `len - extent` up.
    #[inline(always)]
    fn plane(&self, k: usize, extent: u32) -> u64 {
        let from = self.len.wrapping_sub(extent) as usize % WINDOW;
        let mask = u64::MAX >> (WINDOW as u32 - 1 - extent);
        self.planes[k].rotate_right(from as u32) & mask
    }

    /// Whether the first waiting term's judgement can be made: a symbol follows it (its
    /// scope looks at where its word ends), and no exception can still cover it: the
    /// skeleton has grown past every exception that holds it, or every pattern under way
    /// (the automaton state's `depth`) started after the term (the shortest of those
    /// that end there).
    #[inline(always)]
    fn due(&self, depth: u32) -> bool {
        self.pending.first().is_some_and(|w| {
            self.len > w.end + 1 && (self.len - depth > w.term_start || self.len > w.due_by)
        })
    }
}

/// How many terms a thread keeps waiting for their judgement at once; a reading with more
/// is judged whole when the last of them is handed over.
const PENDING: usize = 4;

/// A term found and not handed over yet, by skeleton positions (and `at`, in the name).
#[derive(Clone, Copy, Debug, Default)]
struct Waiting {
    /// Where its judgement starts looking: the earliest term pattern that ends at `end`,
    /// or an exception that may cover one (see [`Cover`]).
    start: u32,
    /// Where the shortest term pattern that ends at `end` starts: an exception covers a
    /// term only if it starts at or before it.
    term_start: u32,
    end: u32,
    /// The skeleton length by which no exception can still cover it.
    due_by: u32,
    /// Where it ends in the name (not compared: two readings that merge judge their
    /// terms alike).
    at: u32,
}

/// The terms a thread has found and not handed over yet, in the order they end (a run of
/// short terms, or a term inside another).
#[derive(Clone, Copy, Debug, Default)]
struct Pending {
    queue: [Waiting; PENDING],
    len: u8,
    /// Whether a term ended while the queue was full: it is not handed over by itself.
    overflow: bool,
}

impl Pending {
    #[inline(always)]
    fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline(always)]
    fn first(&self) -> Option<&Waiting> {
        self.queue[..usize::from(self.len)].first()
    }

    /// Notes a term pattern found at `term`; patterns that end where the last noted one
    /// ends are judged with it. (Every field of a later one is at least that of an
    /// earlier one: a pattern under way at a later end that started before an earlier
    /// end was under way there.)
    #[inline]
    fn push(&mut self, term: Waiting) {
        let n = usize::from(self.len);
        if let Some(last) = self.queue[..n].last_mut().filter(|w| w.end == term.end) {
            last.start = last.start.min(term.start);
            last.term_start = last.term_start.max(term.term_start);
            last.due_by = last.due_by.max(term.due_by);
            return;
        }
        if n == PENDING {
            self.overflow = true;
            return;
        }
        self.queue[n] = term;
        self.len += 1;
    }

    /// The last waiting term ends at `end` and now at `at` in the name (a repeat or a mark
    /// extends its last symbol).
    #[inline(always)]
    fn extend(&mut self, end: u32, at: u32) {
        let n = usize::from(self.len);
        if let Some(last) = self.queue[..n].last_mut().filter(|w| w.end == end) {
            last.at = at;
        }
    }

    /// Whether the first waiting term is the last one noted while others were not.
    #[inline(always)]
    fn lost_after_first(&self) -> bool {
        self.overflow && self.len == 1
    }

    /// Drops the first waiting term, once handed over.
    #[inline]
    fn pop(&mut self) {
        let n = usize::from(self.len);
        if n == 0 {
            return;
        }
        self.queue.copy_within(1..n, 0);
        self.len -= 1;
        if self.len == 0 {
            self.overflow = false;
        }
    }

    /// Whether two threads with skeletons `len` and `other_len` long wait for the same
    /// terms at the same distances back (the rest of each [`Waiting`] follows from the
    /// window's bytes, compared with it).
    #[inline(always)]
    fn same(&self, len: u32, other: &Pending, other_len: u32) -> bool {
        self.len == other.len
            && self.overflow == other.overflow
            && self.queue[..usize::from(self.len)]
                .iter()
                .zip(&other.queue)
                .all(|(a, b)| {
                    len - a.start == other_len - b.start && len - a.end == other_len - b.end
                })
    }
}

/// How far around a term pattern an exception may cover it: the most bytes an exception
/// that holds the term has before it and after it. A term that no exception holds is
/// judged as soon as the word boundary after it is known, and its window starts at it.
#[derive(Clone, Copy, Debug, Default)]
struct Cover {
    before: u32,
    after: u32,
}

/// A reading that the search hands over: the tape that replays it, and the window of
/// skeleton bytes and flags that the judgement of its waiting terms reads.
pub(crate) struct Due<'a> {
    /// The tree of picks, and the node of the reading's last pick.
    tree: &'a Small<(u32, u8), 128>,
    path: u32,
    /// Whether it is the first reading.
    first: bool,
    /// The window's bytes from where its judgement looks (after a byte no pattern holds,
    /// when that is not the start of the name), and their flags.
    bytes: [u8; WINDOW + 1],
    flags: [Block; 2],
    len: usize,
    /// Where the first waiting term ends in `bytes`; `None` when the window does not
    /// reach back to where its judgement looks.
    from: Option<usize>,
    /// Where in the name the first waiting term ends.
    at: usize,
}

impl<'a> Due<'a> {
    /// The reading of thread `t`, whose path is in `tree`; with `judged`, the window its
    /// judgement reads is kept.
    fn new(tree: &'a Small<(u32, u8), 128>, t: &Thread, judged: bool) -> Due<'a> {
        let w = &t.window;
        let mut due = Due {
            tree,
            path: t.path,
            first: t.first,
            bytes: [0; WINDOW + 1],
            flags: [Block::default(); 2],
            len: 0,
            from: None,
            at: 0,
        };
        let Some(&Waiting { start, end, at, .. }) = w.pending.first() else {
            return due;
        };
        due.at = at as usize;
        // Terms the thread could not keep are found by judging the whole reading.
        let extent = w.len - start;
        if !judged || extent >= WINDOW as u32 || w.pending.lost_after_first() {
            return due;
        }
        // A byte that no pattern holds stands for what comes before, so that the window
        // does not look like the start of the name (prefix and exact scopes).
        let lead = usize::from(start > 0);
        for p in 0..extent {
            due.bytes[lead + p as usize] = w.byte(start + p);
        }
        due.len = lead + extent as usize;
        for k in 0..w.planes.len() {
            // The flags of positions `start..=len`, shifted past the lead byte.
            let bits = w.plane(k, extent);
            due.flags[0][k] = bits << lead;
            due.flags[1][k] = if lead == 1 { bits >> 63 } else { 0 };
        }
        due.from = Some(lead + (end - start) as usize);
        due
    }

    /// Calls `f` with the picks that replay the reading (worked out now: most readings
    /// handed over are judged on their window and never replayed).
    pub(crate) fn with_tape<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        let mut tape = Small::<u8, 128>::new();
        path_tape(self.tree, self.path, &mut tape);
        f(tape.as_slice())
    }

    /// Whether it is the first reading (the first alternative at every choice point).
    pub(crate) fn is_first(&self) -> bool {
        self.first
    }

    /// What tells `hit`, found in the [`window`](Due::window), from another violation
    /// of its rule: where in the name it ends, how many skeleton bytes it holds, and its
    /// kind. Readings that differ only in how they spell the same violation (which
    /// symbol is read as a separator, which letter as a look-alike) are explained once.
    pub(crate) fn key(&self, hit: &Hit) -> (usize, usize, usize, HitKind) {
        (hit.rule, self.at, hit.end - hit.start, hit.kind)
    }

    /// The window, and where the first waiting term ends in it; `None` when the window
    /// does not reach back far enough, or the thread lost terms after this one.
    pub(crate) fn window(&self) -> Option<(View<'_>, usize)> {
        let from = self.from?;
        Some((View::new(&self.bytes[..self.len], &self.flags), from))
    }
}

/// The sink of one thread's step: steps the automaton on each symbol and keeps the
/// window, as a skeleton would keep its bytes and flags.
struct Probe<'a> {
    paths: &'a Paths,
    window: &'a mut Window,
    /// Whether a term pattern ended.
    hit: bool,
}

impl Sink for Probe<'_> {
    #[inline(always)]
    fn push(&mut self, sym: Symbol, src: std::ops::Range<usize>, boundary: Boundary) -> bool {
        let w = &mut *self.window;
        let at = w.len;
        if boundary != Boundary::None {
            let (start_flags, end_flags) = boundary_flags(boundary);
            w.set(at, start_flags | if at > 0 { end_flags } else { 0 });
        }
        let bytes = sym.to_bytes();
        let automaton = self.paths.machine.automaton();
        for &b in &bytes[..sym.len()] {
            w.bytes[w.len as usize % WINDOW] = b;
            w.len += 1;
            w.clear(w.len);
            w.sid = self.paths.machine.next(w.sid, b);
            if automaton.is_match(w.sid) {
                for k in 0..automaton.match_len(w.sid) {
                    let pid = automaton.match_pattern(w.sid, k);
                    if self.paths.is_term[pid.as_usize()] {
                        self.hit = true;
                        let paths = self.paths;
                        let (id, end) = (pid.as_usize(), w.len);
                        let term_start = end - paths.lens[id];
                        let cover = paths.cover[id];
                        // Every pattern under way here (an exception that may cover the
                        // term) started within the state's depth, which holds the term.
                        let under_way = end - paths.depth(w.sid);
                        w.pending.push(Waiting {
                            start: under_way.max(term_start.saturating_sub(cover.before)),
                            term_start,
                            end,
                            due_by: end + cover.after + 1,
                            at: src.end as u32,
                        });
                    }
                }
            }
        }
        true
    }

    #[inline(always)]
    fn extend_last(&mut self, end: usize) {
        // A repeat or a mark that extends the last waiting term's last symbol.
        let w = &mut *self.window;
        w.pending.extend(w.len, end as u32);
    }

    #[inline]
    fn merge_across(&mut self, len: usize, _src: std::ops::Range<usize>, boundary: Boundary) {
        let (start_flags, end_flags) = boundary_flags(boundary);
        let w = &mut *self.window;
        w.set(w.len - len as u32, start_flags | SHARED);
        w.set(w.len, end_flags);
    }

    #[inline(always)]
    fn flag_last(&mut self, len: usize, flag: u8) {
        let w = &mut *self.window;
        w.set(w.len - len as u32, flag);
    }
}

/// A vector that keeps its first `N` items inline and allocates only past them, so that
/// the search of an ordinary name allocates nothing.
struct Small<T: Copy + Default, const N: usize> {
    inline: [T; N],
    len: usize,
    /// Every item, once there are more than `N`.
    heap: Vec<T>,
}

impl<T: Copy + Default, const N: usize> Small<T, N> {
    fn new() -> Self {
        Small {
            inline: [T::default(); N],
            len: 0,
            heap: Vec::new(),
        }
    }

    #[inline(always)]
    fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    fn push(&mut self, item: T) {
        if self.len < N {
            self.inline[self.len] = item;
        } else {
            if self.len == N {
                self.heap.clear();
                self.heap.extend_from_slice(&self.inline);
            }
            self.heap.push(item);
        }
        self.len += 1;
    }

    #[inline(always)]
    fn get(&self, k: usize) -> &T {
        &self.as_slice()[k]
    }

    #[inline(always)]
    fn as_slice(&self) -> &[T] {
        if self.len <= N {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }

    fn as_mut_slice(&mut self) -> &mut [T] {
        if self.len <= N {
            &mut self.inline[..self.len]
        } else {
            &mut self.heap
        }
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    /// Keeps the first `len` items.
    #[inline(always)]
    fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        if self.len > N {
            self.heap.truncate(len.max(N));
            if len <= N {
                self.inline[..len].copy_from_slice(&self.heap[..len]);
            }
        }
        self.len = len;
    }

    #[inline(always)]
    fn last_mut(&mut self) -> &mut T {
        let k = self.len - 1;
        &mut self.as_mut_slice()[k]
    }

    #[inline(always)]
    fn split_last_mut(&mut self) -> (&mut T, &mut [T]) {
        match self.as_mut_slice().split_last_mut() {
            Some(split) => split,
            None => unreachable!("split_last_mut of an empty set"),
        }
    }

    #[inline(always)]
    fn pop(&mut self) {
        if self.len > N {
            self.heap.pop();
            if self.heap.len() == N {
                self.inline.copy_from_slice(&self.heap);
            }
        }
        self.len -= 1;
    }

    fn swap_remove(&mut self, k: usize) {
        let last = *self.get(self.len - 1);
        self.as_mut_slice()[k] = last;
        if self.len > N {
            self.heap.pop();
            if self.heap.len() == N {
                self.inline.copy_from_slice(&self.heap);
            }
        }
        self.len -= 1;
    }

    fn reverse(&mut self) {
        self.as_mut_slice().reverse();
    }
}
