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

/// No pending term.
const NONE: u32 = u32::MAX;

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
    /// How far past a term's end its judgement looks: the longest exception, and the
    /// word boundary after it.
    reach: u32,
}

impl Paths {
    /// The search for `needles`, of which `is_term` says which are terms'.
    pub(crate) fn build(
        needles: &[Vec<u8>],
        is_term: Vec<bool>,
        max_exception_len: usize,
    ) -> Option<Paths> {
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
        Some(Paths {
            machine,
            start,
            depth,
            is_term,
            reach: max_exception_len as u32 + 1,
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
        let mut tape = Small::<u8, 128>::new();
        let mut seen = Seen::default();
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
                    for k in 0..met {
                        tree.push((t.path, local.get(k).copied().unwrap_or(0)));
                        t.path = (tree.len() - 1) as u32;
                    }
                    t.stream.settle();
                    if hit && eager {
                        path_tape(&tree, t.path, &mut tape);
                        found(&Due::new(tape.as_slice(), &t.window, false, false))?;
                    }
                    match at {
                        Some(at) => {
                            if t.window.due(self.reach, self.depth(t.window.sid)) {
                                path_tape(&tree, t.path, &mut tape);
                                let due = Due::new(tape.as_slice(), &t.window, true, false);
                                t.window.hit_start = NONE;
                                t.window.hit_end = NONE;
                                found(&due)?;
                            }
                            if at == after {
                                self.settle_last(&mut next, &mut seen);
                            } else {
                                later.push((at, *t));
                                next.pop();
                            }
                        }
                        None => next.pop(),
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
            #[cfg(test)]
            MOST_LIVE.with(|most| most.set(most.get().max(cur.len() + later.len())));
        }
        for k in 0..cur.len() {
            let t = cur.get(k);
            if t.window.hit_end != NONE {
                path_tape(&tree, t.path, &mut tape);
                found(&Due::new(tape.as_slice(), &t.window, true, true))?;
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
    /// one is in the same state.
    #[inline]
    fn settle_last(&self, threads: &mut Small<Thread, 8>, seen: &mut Seen) {
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
        if w.hit_start != NONE {
            h = mix(
                h,
                u64::from(w.len - w.hit_start) << 32 | u64::from(w.len - w.hit_end),
            );
        }
        if w.len <= extent {
            h = mix(h, u64::from(w.len));
        }
        for k in JUDGED_PLANES {
            h = mix(h, w.plane(k, extent));
        }
        h
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
        let pending = if w.hit_start == NONE {
            0
        } else {
            w.len - w.hit_start
        };
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
            || (x.hit_start == NONE) != (y.hit_start == NONE)
            || x.hit_start != NONE
                && (x.len - x.hit_start != y.len - y.hit_start
                    || x.len - x.hit_end != y.len - y.hit_end)
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
        JUDGED_PLANES
            .iter()
            .all(|&k| x.plane(k, extent) == y.plane(k, extent))
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
                hit_start: NONE,
                hit_end: NONE,
                hit_at: 0,
            },
            path: ROOT,
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
    /// For the terms found and not yet handed over: where the earliest pattern under way
    /// when one of them ended starts (the term, or an exception that may cover it), and
    /// where the first of them ends; `NONE` when none.
    hit_start: u32,
    hit_end: u32,
    /// Where in the name the first of them ends (not compared: two readings that merge
    /// judge their terms alike).
    hit_at: u32,
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

    /// Whether a waiting term's judgement can be made: a symbol follows it (its scope
    /// looks at where its word ends), and no exception can still cover it: the skeleton
    /// has grown past the longest exception's reach, or no pattern under way (the
    /// automaton state's `depth`) started at or before the term.
    #[inline(always)]
    fn due(&self, reach: u32, depth: u32) -> bool {
        self.hit_end != NONE
            && self.len > self.hit_end + 1
            && (self.len - self.hit_start > depth || self.len > self.hit_end + reach)
    }
}

/// A reading that the search hands over: the tape that replays it, and the window of
/// skeleton bytes and flags that the judgement of its waiting terms reads.
pub(crate) struct Due<'a> {
    tape: &'a [u8],
    /// The window's bytes from where its judgement looks (after a byte no pattern holds,
    /// when that is not the start of the name), and their flags.
    bytes: [u8; WINDOW + 1],
    flags: [Block; 2],
    len: usize,
    /// Where the first waiting term ends in `bytes`; `None` when the window does not
    /// reach back to where its judgement looks.
    from: Option<usize>,
    /// Whether the name has been read to its end.
    complete: bool,
    /// Where in the name the first waiting term ends.
    at: usize,
}

impl<'a> Due<'a> {
    /// The reading of `tape`, whose thread has the window `w`; with `judged`, the
    /// window its judgement reads is kept.
    fn new(tape: &'a [u8], w: &Window, judged: bool, complete: bool) -> Due<'a> {
        let mut due = Due {
            tape,
            bytes: [0; WINDOW + 1],
            flags: [Block::default(); 2],
            len: 0,
            from: None,
            complete,
            at: w.hit_at as usize,
        };
        if !judged || w.hit_end == NONE {
            return due;
        }
        let extent = w.len - w.hit_start;
        if extent >= WINDOW as u32 {
            return due;
        }
        // A byte that no pattern holds stands for what comes before, so that the window
        // does not look like the start of the name (prefix and exact scopes).
        let lead = usize::from(w.hit_start > 0);
        for p in 0..extent {
            due.bytes[lead + p as usize] = w.byte(w.hit_start + p);
        }
        due.len = lead + extent as usize;
        for k in 0..w.planes.len() {
            // The flags of positions `hit_start..=len`, shifted past the lead byte.
            let bits = w.plane(k, extent);
            due.flags[0][k] = bits << lead;
            due.flags[1][k] = if lead == 1 { bits >> 63 } else { 0 };
        }
        due.from = Some(lead + (w.hit_end - w.hit_start) as usize);
        due
    }

    /// The picks that replay the reading.
    pub(crate) fn tape(&self) -> &[u8] {
        self.tape
    }

    /// What tells the hit `start..end` of the [`window`](Due::window) from a hit of the
    /// same term elsewhere or read otherwise: where in the name the first waiting term
    /// ends, and the hit's bytes and flags.
    pub(crate) fn key(&self, start: usize, end: usize) -> (usize, Vec<u8>) {
        let mut key = self.bytes[start.min(self.len)..end.min(self.len)].to_vec();
        for p in start..=end.min(WINDOW) {
            key.extend(
                self.flags[p >> 6]
                    .iter()
                    .map(|plane| (plane >> (p & 63)) as u8 & 1),
            );
        }
        (self.at, key)
    }

    /// The window, where the first waiting term ends in it, and whether the name has
    /// been read to its end; `None` when the window does not reach back far enough.
    pub(crate) fn window(&self) -> Option<(View<'_>, usize, bool)> {
        let from = self.from?;
        Some((
            View::new(&self.bytes[..self.len], &self.flags),
            from,
            self.complete,
        ))
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
                        // Every pattern under way here (an exception that may cover the
                        // term) started within the state's depth, which holds the term.
                        let start = w.len - self.paths.depth(w.sid);
                        self.hit = true;
                        if w.hit_end == NONE {
                            w.hit_end = w.len;
                            w.hit_at = src.end as u32;
                        }
                        w.hit_start = w.hit_start.min(start);
                    }
                }
            }
        }
        true
    }

    #[inline(always)]
    fn extend_last(&mut self, end: usize) {
        // A repeat or a mark that extends the first waiting term's last symbol.
        let w = &mut *self.window;
        if w.hit_end == w.len {
            w.hit_at = end as u32;
        }
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
