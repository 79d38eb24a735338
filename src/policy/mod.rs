//! The policy: configuration, compiled once (`builder`, `presets`), and the checks that
//! send a name down the pipeline: structural rules, the prefilter, the reader and the
//! matcher's search, the verdict.

mod batch;
mod builder;
mod presets;
mod term;

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::Arc;

use crate::grant::Grant;
use crate::matcher::protect::Protected;
use crate::matcher::regex_rules::RegexRules;
use crate::matcher::structure::Structure;
use crate::matcher::Matcher;
use crate::normalize::{
    each_tape, has_transliteration, Choices, Normalizer, Skeleton, StackSkeleton,
};
use crate::prefilter::{Prefilter, Screened};
use crate::verdict::{self, Judge, Report, Violation};

pub use builder::PolicyBuilder;
pub use term::Term;

#[derive(Debug)]
pub(crate) struct Inner {
    pub(super) max_input_bytes: usize,
    pub(crate) normalizer: Normalizer,
    /// The terms as given, for introspection.
    pub(super) terms: Vec<Term>,
    pub(crate) grants: Vec<Grant>,
    pub(super) judge: Judge,
    pub(crate) matcher: Matcher,
    pub(super) regexes: RegexRules,
    pub(super) structure: Structure,
    pub(crate) prefilter: Option<Prefilter>,
    /// The letters whose reading matters (see [`Choices::relevant`]
    /// (crate::normalize::Choices::relevant)): those of the patterns, or all of them when a
    /// regex rule reads the skeleton.
    pub(super) relevant: u64,
}

/// The small stack skeleton of `is_allowed`, in bytes.
const SMALL_BUFFER: usize = 64;
/// The next one.
const MEDIUM_BUFFER: usize = 256;
/// The largest one: any name within the marketplace length limit fits.
const LARGE_BUFFER: usize = 4096;

/// The default input limit of a policy: 4 KiB, eight times what the longest name of
/// the marketplace preset (128 characters of up to four bytes) may take. A name built to
/// have many readings at every character costs time in proportion to its length, as much
/// as half a millisecond a byte (`benches/README.md`): the limit bounds that.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 4 << 10;

/// A compiled name policy: build once, check many names, from many threads.
///
/// `Policy` is `Send + Sync`, and cloning it is cheap (it shares the compiled automaton).
#[derive(Clone, Debug)]
pub struct Policy {
    pub(crate) inner: Arc<Inner>,
    /// The registry's names that a name may not pass for, when it protects any.
    pub(crate) protected: Option<Arc<Protected>>,
}

impl Policy {
    /// Starts building a policy: no terms, typo-squats of terms at review, and the
    /// recommended structural rules ([`Structure::recommended`]), so that a policy of a
    /// few terms still turns away the empty name, control characters and the like.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// Whether `name` may be registered as it is: true exactly when
    /// [`check`](Policy::check) would return [`Verdict::Allow`](crate::Verdict::Allow).
    ///
    /// This is the hot path: it stops at the first violation, checks the length before
    /// anything else, and does not allocate for names whose skeleton fits its stack
    /// buffers (4 KiB: any name within the marketplace length limit). The very first call
    /// in a process builds a 128 KiB lookup index once.
    #[inline]
    pub fn is_allowed(&self, name: &str) -> bool {
        let inner = &*self.inner;
        if name.len() > inner.max_input_bytes {
            return false;
        }
        let Some(prefilter) = &inner.prefilter else {
            return self.structure_allows(name, None)
                && self.matcher_allows(name)
                && self.protected_allows(name);
        };
        let taken = prefilter.take(name);
        self.structure_allows(name, taken.ascii_shape())
            && (prefilter.screen(&inner.normalizer, &inner.matcher, name, taken) == Screened::Clean
                || self.matcher_allows(name))
            && self.protected_allows(name)
    }

    /// Whether `name` passes for none of the protected names.
    #[inline]
    fn protected_allows(&self, name: &str) -> bool {
        self.protected.as_ref().is_none_or(|protected| {
            protected
                .imitations(&self.inner.normalizer, name, |_, _| ControlFlow::Break(()))
                .is_continue()
        })
    }

    /// The violations of `name` against the protected names, most popular first.
    fn protected_violations(&self, name: &str, violations: &mut Vec<Violation>) {
        let Some(protected) = &self.protected else {
            return;
        };
        let mut found = Vec::new();
        let _ = protected.imitations(&self.inner.normalizer, name, |rank, imitation| {
            found.push((rank, imitation));
            ControlFlow::Continue(())
        });
        found.sort_by_key(|&(rank, _)| rank);
        found.dedup_by_key(|&mut (rank, _)| rank);
        violations.extend(
            found
                .into_iter()
                .map(|(rank, imitation)| verdict::imitation(name, protected.name(rank), imitation)),
        );
    }

    /// Whether no structural rule fires on `name`; `shape` is its ASCII shape, when the
    /// census took it.
    #[inline]
    fn structure_allows(&self, name: &str, shape: Option<u8>) -> bool {
        let structure = &self.inner.structure;
        let quick = match shape {
            Some(shape) => structure.quick_check_ascii(name.as_bytes(), shape),
            None => structure.quick_check_any(name),
        };
        quick
            || structure
                .scan(name, |_, _, _| ControlFlow::Break(()))
                .is_continue()
    }

    /// [`is_allowed`](Policy::is_allowed) past the prefilter and the structural rules:
    /// every reading through the matcher, and the regex rules.
    #[inline(never)]
    fn matcher_allows(&self, name: &str) -> bool {
        // A buffer about twice the name's length, cheap to set up, holds almost every
        // skeleton (an ASCII letter yields at most two bytes, and other characters rarely
        // yield more bytes than they have); the largest one takes the rest.
        let fits = if name.len() <= SMALL_BUFFER / 2 {
            self.allowed_with::<SMALL_BUFFER, 2>(name)
        } else if name.len() <= MEDIUM_BUFFER / 2 {
            self.allowed_with::<MEDIUM_BUFFER, 5>(name)
        } else {
            None
        };
        if let Some(allowed) = fits.or_else(|| self.allowed_with::<LARGE_BUFFER, 65>(name)) {
            return allowed;
        }
        self.check_pipeline(name).is_allowed()
    }

    /// The matcher and regex rules on the first and the plain reading of `name` and every
    /// reading that may hold a term, with an `N`-byte skeleton buffer (`B` blocks of
    /// flags); `None` when a skeleton does not fit.
    #[inline]
    fn allowed_with<const N: usize, const B: usize>(&self, name: &str) -> Option<bool> {
        let inner = &*self.inner;
        let judge = |choices: &mut Choices| {
            let mut buf = StackSkeleton::<N, B>::new();
            if !inner.normalizer.read(name, choices, &mut buf) {
                return ControlFlow::Break(None);
            }
            let view = buf.view();
            let hit = inner
                .matcher
                .scan(view, |_| ControlFlow::Break(()))
                .is_break()
                || (!inner.regexes.is_empty() && inner.regexes.any_match(name, view.bytes));
            if hit {
                ControlFlow::Break(Some(false))
            } else {
                ControlFlow::Continue(())
            }
        };
        let mut first = Choices::relevant(inner.relevant);
        let mut verdict = judge(&mut first);
        if verdict.is_continue() && self.transliterates(name) {
            let mut buf = StackSkeleton::<N, B>::new();
            let translit = &mut Choices::transliterated(inner.relevant);
            if !inner.normalizer.read(name, translit, &mut buf) {
                return None;
            }
            let found = inner.matcher.scan_transliterated(buf.view(), |hit| {
                if inner.matcher.transliterates_rule(hit.rule) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            if found.is_break() {
                return Some(false);
            }
        }
        // A name without choice points has one reading, judged now.
        if first.met() == 0 {
            return match verdict {
                ControlFlow::Break(verdict) => verdict,
                ControlFlow::Continue(()) => Some(true),
            };
        }
        if verdict.is_continue() {
            verdict = judge(&mut Choices::plain(inner.relevant));
        }
        if verdict.is_continue() && first.unlettered() {
            verdict = judge(&mut Choices::lettered(inner.relevant));
        }
        if let (ControlFlow::Continue(()), Some(paths)) = (&verdict, inner.matcher.paths()) {
            verdict = paths.search(&inner.normalizer, inner.relevant, name, false, |due| {
                if due.is_first() {
                    // The first reading, judged already.
                    return ControlFlow::Continue(());
                }
                // Its terms judged on the window the search kept; the whole reading
                // only where that cannot tell.
                match inner.matcher.judge_due(due, |_| ControlFlow::Break(())) {
                    Some(ControlFlow::Break(())) => ControlFlow::Break(Some(false)),
                    Some(ControlFlow::Continue(())) => ControlFlow::Continue(()),
                    None => due.with_tape(|tape| judge(&mut Choices::replay(inner.relevant, tape))),
                }
            });
        }
        match verdict {
            ControlFlow::Break(verdict) => verdict,
            ControlFlow::Continue(()) => Some(true),
        }
    }

    /// Checks `name` and explains every violation with its span in the original name.
    ///
    /// A name longer than the input limit, or one that the length rule denies as too long,
    /// is reported for that alone: it is not read for terms, so that a name built to have
    /// many readings costs no more than one at the limit.
    #[inline]
    pub fn check(&self, name: &str) -> Report {
        let inner = &*self.inner;
        if name.len() > inner.max_input_bytes {
            return Report::new(
                name,
                vec![verdict::input_limit(name, inner.max_input_bytes)],
            );
        }
        let mut violations = Vec::new();
        let (shape, clean) = match &inner.prefilter {
            Some(prefilter) => {
                let taken = prefilter.take(name);
                let screened = prefilter.screen(&inner.normalizer, &inner.matcher, name, taken);
                (taken.ascii_shape(), screened == Screened::Clean)
            }
            None => (None, false),
        };
        if !shape.is_some_and(|shape| inner.structure.quick_check_ascii(name.as_bytes(), shape)) {
            self.structural_violations(name, &mut violations);
            // A name denied for its length is not read further: what a name built to have
            // many readings costs stays what a name at the limit costs.
            if inner.structure.denies_as_too_long(name) {
                return Report::new(name, violations);
            }
        }
        if !clean {
            self.pipeline_violations(name, &mut violations);
        }
        self.protected_violations(name, &mut violations);
        Report::new(name, violations)
    }

    /// [`check`](Policy::check) without the prefilter: every stage of the pipeline.
    fn check_pipeline(&self, name: &str) -> Report {
        let mut violations = Vec::new();
        self.structural_violations(name, &mut violations);
        if self.inner.structure.denies_as_too_long(name) {
            return Report::new(name, violations);
        }
        self.pipeline_violations(name, &mut violations);
        self.protected_violations(name, &mut violations);
        Report::new(name, violations)
    }

    fn structural_violations(&self, name: &str, violations: &mut Vec<Violation>) {
        if self.inner.structure.quick_check_any(name) {
            return;
        }
        let _ = self.inner.structure.scan(name, |issue, severity, span| {
            violations.push(verdict::structural(name, issue, severity, span));
            ControlFlow::Continue(())
        });
    }

    /// The violations the matcher and the regex rules find in the first reading of
    /// `name`, its plain reading (where misspellings show as written), its lettered
    /// reading (where misspellings written in leetspeak show), and every reading that the
    /// matcher's search finds a term in.
    fn pipeline_violations(&self, name: &str, violations: &mut Vec<Violation>) {
        let inner = &*self.inner;
        self.transliterated_violations(name, violations);
        let mut judge = |choices: &mut Choices| self.reading_violations(name, choices, violations);
        let mut first = Choices::relevant(inner.relevant);
        judge(&mut first);
        // A name without choice points has one reading, judged now.
        if first.met() == 0 {
            return;
        }
        judge(&mut Choices::plain(inner.relevant));
        if first.unlettered() {
            judge(&mut Choices::lettered(inner.relevant));
        }
        if let Some(paths) = inner.matcher.paths() {
            // The first reading (first alternatives everywhere) is judged already. A name
            // built to have many choice points may have thousands of paths to hits: each
            // hit is judged on the window the search kept, and the reading replayed to
            // explain it once per rule, place where it ends in the name, length and kind
            // (see `Due::key`), or, where the window cannot tell, replayed and judged
            // whole, once per path, found by hash.
            let mut seen: HashSet<Vec<u8>> = HashSet::from([Vec::new()]);
            let mut explained = HashSet::new();
            let _ = paths.search::<()>(&inner.normalizer, inner.relevant, name, false, |due| {
                if due.is_first() {
                    return ControlFlow::Continue(());
                }
                let mut replay = false;
                let judged = inner.matcher.judge_due(due, |hit| {
                    replay |= explained.insert(due.key(&hit));
                    ControlFlow::Continue(())
                });
                if replay || judged.is_none() {
                    due.with_tape(|tape| {
                        let tape = first_alternatives_trimmed(tape);
                        if !seen.contains(tape) {
                            seen.insert(tape.to_vec());
                            judge(&mut Choices::replay(inner.relevant, tape));
                        }
                    });
                }
                ControlFlow::Continue(())
            });
        }
    }

    /// Whether `name` is judged in its transliterated reading too: it holds a letter of
    /// another script with Latin letters, and some rule is looked for there.
    #[inline]
    fn transliterates(&self, name: &str) -> bool {
        self.inner.matcher.transliterates() && has_transliteration(name)
    }

    /// The violations the matcher finds in the transliterated reading of `name`, of the
    /// rules looked for there.
    fn transliterated_violations(&self, name: &str, violations: &mut Vec<Violation>) {
        let inner = &*self.inner;
        if !self.transliterates(name) {
            return;
        }
        let translit = &mut Choices::transliterated(inner.relevant);
        let skeleton = inner.normalizer.reading(name, translit);
        let mut found = Vec::new();
        let _ = inner.matcher.scan_transliterated(skeleton.view(), |hit| {
            if inner.matcher.transliterates_rule(hit.rule) {
                found.push(inner.judge.hit(&inner.normalizer, name, &skeleton, hit));
            }
            ControlFlow::Continue(())
        });
        // Each found once, the closest of a rule kept, before all are named alike.
        verdict::settle(&mut found);
        violations.extend(
            found
                .into_iter()
                .map(|v| inner.judge.transliterated(name, v)),
        );
    }

    /// The slow, obvious engine that the tests and a fuzz target hold the pipeline to:
    /// every combination of alternatives read one by one, each reading through the
    /// matcher and the regex rules. `None` when `name` has more than `max_readings`
    /// readings. Its typo-squats come from every reading, where the pipeline looks for
    /// them in the first and the plain reading and in the readings whose term is a
    /// violation.
    #[doc(hidden)]
    pub fn check_every_reading(&self, name: &str, max_readings: usize) -> Option<Report> {
        let inner = &*self.inner;
        let mut violations = Vec::new();
        self.structural_violations(name, &mut violations);
        let mut count = 0;
        let flow = each_tape(|tape| {
            count += 1;
            if count > max_readings {
                return ControlFlow::Break(());
            }
            let mut choices = Choices::replay(inner.relevant, tape);
            self.reading_violations(name, &mut choices, &mut violations);
            ControlFlow::Continue(choices.met())
        });
        self.transliterated_violations(name, &mut violations);
        self.protected_violations(name, &mut violations);
        flow.is_continue().then(|| Report::new(name, violations))
    }

    /// The violations the matcher and the regex rules find in the reading of `name` that
    /// `choices` picks.
    fn reading_violations(
        &self,
        name: &str,
        choices: &mut Choices,
        violations: &mut Vec<Violation>,
    ) {
        let inner = &*self.inner;
        let skeleton = inner.normalizer.reading(name, choices);
        let _ = inner.matcher.scan(skeleton.view(), |hit| {
            violations.push(inner.judge.hit(&inner.normalizer, name, &skeleton, hit));
            ControlFlow::Continue(())
        });
        self.regex_violations(name, &skeleton, violations);
    }

    fn regex_violations(&self, name: &str, skeleton: &Skeleton, violations: &mut Vec<Violation>) {
        let inner = &*self.inner;
        if inner.regexes.is_empty() {
            return;
        }
        let _ = inner
            .regexes
            .scan(name, skeleton.as_bytes(), |rule, range, on_skeleton| {
                let span = if on_skeleton {
                    skeleton.source_span(range)
                } else {
                    range
                };
                violations.push(inner.judge.regex(name, rule, span));
                ControlFlow::Continue(())
            });
    }

    /// Checks raw bytes that should be UTF-8, such as a line read from a file: each
    /// invalid sequence is a deny violation (`structure.invalid-utf8`) instead of an
    /// error, and the rest is checked as usual. The report's name is the lossy UTF-8
    /// conversion, with U+FFFD where the invalid bytes were; spans refer to it. A name
    /// over the input limit gets the input-limit violation alone.
    pub fn check_bytes(&self, bytes: &[u8]) -> Report {
        if let Ok(name) = std::str::from_utf8(bytes) {
            return self.check(name);
        }
        let mut name = String::with_capacity(bytes.len() + 2);
        let mut invalid = Vec::new();
        for chunk in bytes.utf8_chunks() {
            name.push_str(chunk.valid());
            if !chunk.invalid().is_empty() {
                invalid.push(verdict::invalid_utf8(name.len()));
                name.push(char::REPLACEMENT_CHARACTER);
            }
        }
        let report = self.check(&name);
        if report.violations().first().map(Violation::kind)
            == Some(crate::ViolationKind::InputLimit)
        {
            return report;
        }
        let mut violations = report.violations;
        violations.extend(invalid);
        Report::new(&name, violations)
    }

    /// The policy's terms, as given to the builder (a term without an explicit id shows
    /// its default id only in reports).
    pub fn terms(&self) -> &[Term] {
        &self.inner.terms
    }

    /// The policy's structural rules.
    pub fn structure(&self) -> &Structure {
        &self.inner.structure
    }

    /// The same policy, protecting `names` too (most popular first, after any it protects
    /// already): a name that passes for one of them, as a whole, is a violation (see
    /// [`PolicyBuilder::protect`]). Compiling a hundred thousand names takes a third of a
    /// second; the rest of the policy is shared, not rebuilt.
    ///
    /// ```
    /// use name_policy::{Policy, Verdict, ViolationKind};
    ///
    /// let policy = Policy::marketplace().with_protected(["request", "cross-env", "@angular/cli"]);
    /// assert_eq!(policy.check("crossenv").verdict(), Verdict::Deny);
    /// let report = policy.check("requst");
    /// assert_eq!(report.verdict(), Verdict::Review);
    /// assert_eq!(report.violations()[0].kind(), ViolationKind::ProtectedTypo);
    /// assert_eq!(report.violations()[0].term(), Some("request"));
    /// assert!(policy.is_allowed("requests-toolbelt-extra"));
    /// ```
    #[must_use]
    pub fn with_protected<S: Into<String>>(&self, names: impl IntoIterator<Item = S>) -> Policy {
        let mut all: Vec<String> = self
            .protected
            .as_ref()
            .map(|p| p.names().map(str::to_owned).collect())
            .unwrap_or_default();
        all.extend(names.into_iter().map(Into::into));
        Policy {
            inner: Arc::clone(&self.inner),
            protected: Protected::compile(&self.inner.normalizer, &all),
        }
    }

    /// The protected names, most popular first, as given.
    pub fn protected_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.protected.iter().flat_map(|p| p.names())
    }

    /// The normalizer the policy applies to names and terms.
    pub fn normalizer(&self) -> Normalizer {
        self.inner.normalizer
    }

    /// The skeleton of `name` under this policy's normalization options (its first
    /// reading: see [`Normalizer::readings`]).
    pub fn normalize(&self, name: &str) -> Skeleton {
        self.inner.normalizer.normalize(name)
    }
}

/// `tape` without the first alternatives it ends with, which a replay takes anyway: the
/// same reading, so that equal readings compare equal.
fn first_alternatives_trimmed(tape: &[u8]) -> &[u8] {
    let end = tape.iter().rposition(|&p| p != 0).map_or(0, |k| k + 1);
    &tape[..end]
}
