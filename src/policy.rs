//! The policy: configuration, compiled once, and the checks that run the pipeline.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::{Arc, LazyLock};

use crate::error::{Error, Repr};
use crate::matcher::regex_rules::{RegexRule, RegexRules};
use crate::matcher::structure::{Issue, Structure};
use crate::matcher::{ExceptionSpec, Hit, MatchScope, Matcher, TermSpec, MAX_PATTERN_LEN};
use crate::normalize::{Normalizer, Skeleton, StackSkeleton};
use crate::screen::{Screen, Screened};
use crate::verdict::{Category, Report, Severity, Violation, ViolationKind};

/// A forbidden or suspicious term, with where it may match and what it means.
///
/// ```
/// use name_policy::{Category, MatchScope, Severity, Term};
///
/// let term = Term::review("ms")
///     .scope(MatchScope::Word)
///     .category(Category::Trademark)
///     .reason("abbreviation of Microsoft")
///     .except("MS Dhoni Fan Club");
/// assert_eq!(term.severity_level(), Severity::Review);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    text: String,
    severity: Severity,
    scope: MatchScope,
    category: Category,
    reason: Option<String>,
    id: Option<String>,
    exceptions: Vec<String>,
}

impl Term {
    /// A term that denies any name containing it (substring scope, custom category).
    pub fn deny(text: impl Into<String>) -> Term {
        Term::new(text, Severity::Deny)
    }

    /// A term that sends any name containing it to review.
    pub fn review(text: impl Into<String>) -> Term {
        Term::new(text, Severity::Review)
    }

    /// A term with the given severity.
    pub fn new(text: impl Into<String>, severity: Severity) -> Term {
        Term {
            text: text.into(),
            severity,
            scope: MatchScope::Substring,
            category: Category::Custom,
            reason: None,
            id: None,
            exceptions: Vec::new(),
        }
    }

    /// Sets the severity.
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Term {
        self.severity = severity;
        self
    }

    /// Sets where the term may match (default [`MatchScope::Substring`]).
    #[must_use]
    pub fn scope(mut self, scope: MatchScope) -> Term {
        self.scope = scope;
        self
    }

    /// Sets the category (default [`Category::Custom`]).
    #[must_use]
    pub fn category(mut self, category: Category) -> Term {
        self.category = category;
        self
    }

    /// Sets the human reason shown in violation messages.
    #[must_use]
    pub fn reason(mut self, reason: impl Into<String>) -> Term {
        self.reason = Some(reason.into());
        self
    }

    /// Sets the rule id shown in reports (default: `category.term`, as in
    /// `trademark.azure`). Ids are 1 to 64 ASCII letters, digits, `.`, `-` or `_`.
    #[must_use]
    pub fn id(mut self, id: impl Into<String>) -> Term {
        self.id = Some(id.into());
        self
    }

    /// Adds an allow-phrase for this term: a match of the term that lies inside an
    /// occurrence of the phrase is ignored (`Windows` inside `Windows and Doors`).
    #[must_use]
    pub fn except(mut self, phrase: impl Into<String>) -> Term {
        self.exceptions.push(phrase.into());
        self
    }

    /// The term as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The term's severity.
    pub fn severity_level(&self) -> Severity {
        self.severity
    }

    /// The term's scope.
    pub fn match_scope(&self) -> MatchScope {
        self.scope
    }

    /// The term's category.
    pub fn category_kind(&self) -> Category {
        self.category
    }

    fn default_id(&self) -> String {
        let mut slug = String::new();
        for c in self.text.trim().chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        if slug.is_empty() {
            // Non-Latin terms get an id from their code points, stable across runs.
            let hex: Vec<String> = self
                .text
                .trim()
                .chars()
                .take(8)
                .map(|c| format!("{:x}", c as u32))
                .collect();
            format!("{}.u{}", self.category, hex.join("-"))
        } else {
            format!("{}.{}", self.category, &slug[..slug.len().min(48)])
        }
    }
}

/// Builds a [`Policy`]. Obtain one with [`Policy::builder`].
#[derive(Clone, Debug)]
pub struct PolicyBuilder {
    max_input_bytes: usize,
    terms: Vec<Term>,
    exceptions: Vec<String>,
    regexes: Vec<RegexRule>,
    structure: Structure,
    normalizer: Normalizer,
    typo_squats: Option<Severity>,
    screen: bool,
}

impl Default for PolicyBuilder {
    fn default() -> Self {
        PolicyBuilder {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            terms: Vec::new(),
            exceptions: Vec::new(),
            regexes: Vec::new(),
            structure: Structure::none(),
            normalizer: Normalizer::new(),
            typo_squats: Some(Severity::Review),
            screen: true,
        }
    }
}

impl PolicyBuilder {
    /// A builder that starts from the marketplace preset (see [`Policy::marketplace`]),
    /// to extend it with terms and rules of your own.
    pub fn marketplace() -> PolicyBuilder {
        Policy::builder()
            .term(
                Term::deny("Microsoft")
                    .category(Category::Trademark)
                    .id("trademark.microsoft")
                    .reason("names must not contain the Microsoft trademark"),
            )
            .term(
                Term::deny("Azure")
                    .category(Category::Trademark)
                    .id("trademark.azure")
                    .reason("names must not contain the Azure trademark")
                    // Ordinary words one edit away from "azure": French and Italian for
                    // sky blue ("Côte d'Azur", "Azzurra") are not typo-squats.
                    .except("Azur")
                    .except("Azura"),
            )
            .structure(Structure::recommended())
    }

    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn current_structure(&self) -> Structure {
        self.structure.clone()
    }

    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Adds a term.
    #[must_use]
    pub fn term(mut self, term: Term) -> PolicyBuilder {
        self.terms.push(term);
        self
    }

    /// Adds several terms.
    #[must_use]
    pub fn terms(mut self, terms: impl IntoIterator<Item = Term>) -> PolicyBuilder {
        self.terms.extend(terms);
        self
    }

    /// Adds a deny term with default scope and category: shorthand for
    /// `.term(Term::deny(text))`.
    #[must_use]
    pub fn deny(self, text: impl Into<String>) -> PolicyBuilder {
        self.term(Term::deny(text))
    }

    /// Adds a review term with default scope and category.
    #[must_use]
    pub fn review(self, text: impl Into<String>) -> PolicyBuilder {
        self.term(Term::review(text))
    }

    /// Adds an allow-phrase for every term: a match inside an occurrence of the phrase is
    /// ignored. Exceptions are normalized like names, so `Windows & Doors` covers
    /// `WINDOWS AND DOORS` only if written with the same words.
    #[must_use]
    pub fn exception(mut self, phrase: impl Into<String>) -> PolicyBuilder {
        self.exceptions.push(phrase.into());
        self
    }

    /// Adds a regex rule.
    #[must_use]
    pub fn regex(mut self, rule: RegexRule) -> PolicyBuilder {
        self.regexes.push(rule);
        self
    }

    /// Sets the input limit in bytes (default 64 KiB). A longer name is denied with the
    /// single violation `structure.input-limit`, before any other work, so that hostile
    /// input costs nothing.
    #[must_use]
    pub fn max_input_bytes(mut self, limit: usize) -> PolicyBuilder {
        self.max_input_bytes = limit;
        self
    }

    /// Sends every name down the whole pipeline, without the one-pass shortcut that
    /// short ASCII names take. Only useful to test that both ways agree.
    #[doc(hidden)]
    #[must_use]
    pub fn without_screen(mut self) -> PolicyBuilder {
        self.screen = false;
        self
    }

    /// Sets the structural rules (default: [`Structure::none`]).
    #[must_use]
    pub fn structure(mut self, structure: Structure) -> PolicyBuilder {
        self.structure = structure;
        self
    }

    /// Turns leetspeak decoding on (the default) or off. See [`Normalizer::leet`].
    #[must_use]
    pub fn leet(mut self, yes: bool) -> PolicyBuilder {
        self.normalizer = self.normalizer.leet(yes);
        self
    }

    /// Sets the severity of typo-squat violations (words one edit away from a term of at
    /// least five letters), or `None` to turn the detection off. Default: review.
    #[must_use]
    pub fn typo_squats(mut self, severity: Option<Severity>) -> PolicyBuilder {
        self.typo_squats = severity;
        self
    }

    /// Compiles the policy.
    ///
    /// # Errors
    ///
    /// When a term is empty or has no letters or digits, two rules share an id, a term is
    /// too long, an exception is empty, a regex does not compile or exceeds its size
    /// limit, or the length limits are inverted. The error names the offending rule.
    pub fn build(self) -> Result<Policy, Error> {
        let normalizer = self.normalizer;
        let mut rules = Vec::with_capacity(self.terms.len());
        let mut specs = Vec::with_capacity(self.terms.len());
        let mut exceptions = Vec::new();
        let mut ids = HashSet::new();
        let mut terms = Vec::with_capacity(self.terms.len());
        for (index, term) in self.terms.into_iter().enumerate() {
            if term.text.trim().is_empty() {
                return Err(Error::new(Repr::EmptyTerm { index }));
            }
            let skeleton = normalizer.normalize(&term.text);
            if skeleton.is_empty() {
                return Err(Error::new(Repr::TermNormalizesToNothing {
                    term: term.text,
                }));
            }
            if skeleton.len() > MAX_PATTERN_LEN {
                return Err(Error::new(Repr::TermTooLong {
                    len: skeleton.len(),
                    max: MAX_PATTERN_LEN,
                    term: term.text,
                }));
            }
            let id = term.id.clone().unwrap_or_else(|| term.default_id());
            validate_id(&id)?;
            if !ids.insert(id.clone()) {
                return Err(Error::new(Repr::DuplicateRuleId { id }));
            }
            for phrase in &term.exceptions {
                exceptions.push(ExceptionSpec {
                    skeleton: exception_skeleton(&normalizer, phrase)?,
                    rule: Some(rules.len()),
                });
            }
            let letters = term.text.chars().filter(|c| c.is_alphanumeric()).count();
            specs.push(TermSpec {
                skeleton: skeleton.as_str().as_bytes().to_vec(),
                scope: term.scope,
                typo: self.typo_squats.is_some() && letters >= 5,
            });
            terms.push(term.clone());
            rules.push(Rule {
                id,
                term: Some(term.text),
                category: term.category,
                severity: term.severity,
                reason: term.reason,
            });
        }
        for rule in &self.regexes {
            validate_id(&rule.id)?;
            if !ids.insert(rule.id.clone()) {
                return Err(Error::new(Repr::DuplicateRuleId {
                    id: rule.id.clone(),
                }));
            }
        }
        let regexes = RegexRules::build(&self.regexes, rules.len())?;
        rules.extend(self.regexes.into_iter().map(|r| Rule {
            id: r.id,
            term: None,
            category: r.category,
            severity: r.severity,
            reason: r.reason,
        }));
        if self.structure.min_chars > self.structure.max_chars {
            return Err(Error::new(Repr::InvalidLimit {
                message: format!(
                    "minimum length {} is above maximum length {}: lower the minimum",
                    self.structure.min_chars, self.structure.max_chars
                ),
            }));
        }
        for phrase in &self.exceptions {
            exceptions.push(ExceptionSpec {
                skeleton: exception_skeleton(&normalizer, phrase)?,
                rule: None,
            });
        }
        let matcher = Matcher::build(&specs, &exceptions)?;
        let screen = self
            .screen
            .then(|| {
                Screen::build(
                    &normalizer,
                    &self.structure,
                    self.max_input_bytes,
                    !regexes.is_empty(),
                    &matcher,
                )
            })
            .flatten();
        Ok(Policy {
            inner: Arc::new(Inner {
                max_input_bytes: self.max_input_bytes,
                normalizer,
                terms,
                rules,
                matcher,
                regexes,
                structure: self.structure,
                typo_severity: self.typo_squats.unwrap_or(Severity::Review),
                screen,
            }),
        })
    }
}

fn exception_skeleton(normalizer: &Normalizer, phrase: &str) -> Result<Vec<u8>, Error> {
    let sk = normalizer.normalize(phrase);
    if sk.is_empty() || sk.len() > MAX_PATTERN_LEN {
        return Err(Error::new(Repr::EmptyException {
            phrase: phrase.to_owned(),
        }));
    }
    Ok(sk.as_str().as_bytes().to_vec())
}

fn validate_id(id: &str) -> Result<(), Error> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::new(Repr::InvalidRuleId { id: id.to_owned() }))
    }
}

/// What reports say about a term or regex rule.
#[derive(Debug)]
struct Rule {
    id: String,
    /// The term as written; `None` for a regex rule.
    term: Option<String>,
    category: Category,
    severity: Severity,
    reason: Option<String>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    max_input_bytes: usize,
    pub(crate) normalizer: Normalizer,
    /// The terms as given, for introspection.
    terms: Vec<Term>,
    /// Term rules, then regex rules.
    rules: Vec<Rule>,
    pub(crate) matcher: Matcher,
    regexes: RegexRules,
    structure: Structure,
    typo_severity: Severity,
    /// The one-pass shortcut for short ASCII names, when the policy allows one.
    pub(crate) screen: Option<Screen>,
}

/// The small stack skeleton of `is_allowed`, in bytes.
const SMALL_BUFFER: usize = 64;
/// The next one.
const MEDIUM_BUFFER: usize = 256;
/// The largest one: any name within the marketplace length limit fits.
const LARGE_BUFFER: usize = 4096;

/// The default input limit of a policy: 64 KiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 << 10;

/// A compiled name policy: build once, check many names, from many threads.
///
/// `Policy` is `Send + Sync`, and cloning it is cheap (it shares the compiled automaton).
#[derive(Clone, Debug)]
pub struct Policy {
    inner: Arc<Inner>,
}

static MARKETPLACE: LazyLock<Policy> = LazyLock::new(|| {
    PolicyBuilder::marketplace()
        .build()
        .expect("the marketplace preset is valid")
});

impl Policy {
    #[cfg(test)]
    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    /// Starts building a policy.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// The built-in preset from the marketplace guideline: names must not contain
    /// "Microsoft" or "Azure", in any disguise; near-misspellings go to review.
    ///
    /// Built once per process; each call returns a cheap clone.
    pub fn marketplace() -> Policy {
        MARKETPLACE.clone()
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
        if let Some(screen) = &inner.screen {
            match screen.screen(name, &inner.matcher) {
                Screened::Clean => return true,
                Screened::Denied => return false,
                Screened::Unsure => {}
            }
        }
        self.is_allowed_unscreened(name)
    }

    /// [`is_allowed`](Policy::is_allowed) for a name the screen is unsure of.
    #[inline(never)]
    fn is_allowed_unscreened(&self, name: &str) -> bool {
        let inner = &*self.inner;
        if name.len() > inner.max_input_bytes {
            return false;
        }
        if inner
            .structure
            .scan(name, |_, _, _| ControlFlow::Break(()))
            .is_break()
        {
            return false;
        }
        if inner
            .screen
            .as_ref()
            .is_some_and(|screen| screen.holds_no_term(name))
        {
            return true;
        }
        // A buffer about twice the name's length, cheap to set up, holds almost every
        // skeleton (an ASCII letter yields at most two bytes, and other characters rarely
        // yield more bytes than they have); the largest one takes the rest.
        let fits = if name.len() <= SMALL_BUFFER / 2 {
            self.allowed_with::<SMALL_BUFFER>(name)
        } else if name.len() <= MEDIUM_BUFFER / 2 {
            self.allowed_with::<MEDIUM_BUFFER>(name)
        } else {
            None
        };
        if let Some(allowed) = fits.or_else(|| self.allowed_with::<LARGE_BUFFER>(name)) {
            return allowed;
        }
        self.check_full(name).is_allowed()
    }

    /// `is_allowed` past the structural rules, with an `N`-byte skeleton buffer; `None`
    /// when the skeleton does not fit.
    #[inline]
    fn allowed_with<const N: usize>(&self, name: &str) -> Option<bool> {
        let inner = &*self.inner;
        let mut buf = StackSkeleton::<N>::new();
        if !inner.normalizer.run(name, &mut buf) {
            return None;
        }
        let view = buf.view();
        if inner
            .matcher
            .scan(view, |_| ControlFlow::Break(()))
            .is_break()
        {
            return Some(false);
        }
        Some(inner.regexes.is_empty() || !inner.regexes.any_match(name, view.bytes))
    }

    /// Checks `name` and explains every violation with its span in the original name.
    #[inline]
    pub fn check(&self, name: &str) -> Report {
        let inner = &*self.inner;
        if let Some(screen) = &inner.screen {
            if screen.is_clean(name, &inner.matcher) {
                return Report::clean(name);
            }
        }
        self.check_full(name)
    }

    /// [`check`](Policy::check) without the screen: every stage of the pipeline.
    pub(crate) fn check_full(&self, name: &str) -> Report {
        let inner = &*self.inner;
        if name.len() > inner.max_input_bytes {
            let violation = Violation {
                rule: "structure.input-limit".to_owned(),
                kind: ViolationKind::InputLimit,
                category: Category::Structure,
                severity: Severity::Deny,
                term: None,
                span: 0..name.len(),
                matched: name.to_owned(),
                message: format!(
                    "is {} bytes, over the input limit of {} bytes; nothing else was checked",
                    name.len(),
                    inner.max_input_bytes
                ),
            };
            return Report::new(name, vec![violation]);
        }
        let mut violations = Vec::new();
        let _ = inner.structure.scan(name, |issue, severity, span| {
            violations.push(structural_violation(name, issue, severity, span));
            ControlFlow::Continue(())
        });
        if inner
            .screen
            .as_ref()
            .is_some_and(|screen| screen.holds_no_term(name))
        {
            return Report::new(name, violations);
        }
        let skeleton = inner.normalizer.normalize(name);
        let _ = inner.matcher.scan(skeleton.view(), |hit| {
            violations.push(self.violation(name, &skeleton, hit));
            ControlFlow::Continue(())
        });
        if !inner.regexes.is_empty() {
            let _ = inner.regexes.scan(
                name,
                skeleton.as_str().as_bytes(),
                |rule, range, on_skeleton| {
                    let span = if on_skeleton {
                        skeleton.source_span(range)
                    } else {
                        range
                    };
                    violations.push(self.regex_violation(name, rule, span));
                    ControlFlow::Continue(())
                },
            );
        }
        Report::new(name, violations)
    }

    /// Checks raw bytes that should be UTF-8, such as a line read from a file: each
    /// invalid sequence is a deny violation (`structure.invalid-utf8`) instead of an
    /// error, and the rest is checked as usual. The report's name is the lossy UTF-8
    /// conversion, with U+FFFD where the invalid bytes were; spans refer to it.
    pub fn check_bytes(&self, bytes: &[u8]) -> Report {
        let name = match std::str::from_utf8(bytes) {
            Ok(name) => return self.check(name),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        let mut report = self.check(&name);
        let mut invalid = Vec::new();
        for (at, c) in name.char_indices() {
            if c == '\u{FFFD}' {
                invalid.push(Violation {
                    rule: "structure.invalid-utf8".to_owned(),
                    kind: ViolationKind::InvalidUtf8,
                    category: Category::Structure,
                    severity: Severity::Deny,
                    term: None,
                    span: at..at + c.len_utf8(),
                    matched: c.to_string(),
                    message: "holds bytes that are not valid UTF-8".to_owned(),
                });
            }
        }
        report.violations.extend(invalid);
        Report::new(&name, report.violations)
    }

    /// [`is_allowed`](Policy::is_allowed) for many names, in order.
    pub fn is_allowed_all<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Vec<bool> {
        names.into_iter().map(|n| self.is_allowed(n)).collect()
    }

    /// [`check`](Policy::check) for many names, in order.
    pub fn check_all<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Vec<Report> {
        names.into_iter().map(|n| self.check(n)).collect()
    }

    /// [`is_allowed_all`](Policy::is_allowed_all) on the threads of the current rayon
    /// thread pool and the calling thread; the results keep the order of `names`.
    #[cfg(feature = "rayon")]
    pub fn par_is_allowed_all<S: AsRef<str> + Sync>(&self, names: &[S]) -> Vec<bool> {
        par_map(names, |n| self.is_allowed(n))
    }

    /// [`check_all`](Policy::check_all) on the threads of the current rayon thread pool
    /// and the calling thread; the reports keep the order of `names`.
    #[cfg(feature = "rayon")]
    pub fn par_check_all<S: AsRef<str> + Sync>(&self, names: &[S]) -> Vec<Report> {
        par_map(names, |n| self.check(n))
    }

    /// The policy's terms, as given to the builder (a term without an explicit id shows
    /// its default id only in reports).
    pub fn terms(&self) -> &[Term] {
        &self.inner.terms
    }

    /// The normalizer the policy applies to names and terms.
    pub fn normalizer(&self) -> Normalizer {
        self.inner.normalizer
    }

    /// The skeleton of `name` under this policy's normalization options.
    pub fn normalize(&self, name: &str) -> Skeleton {
        self.inner.normalizer.normalize(name)
    }

    fn violation(&self, name: &str, skeleton: &Skeleton, hit: Hit) -> Violation {
        let rule = &self.inner.rules[hit.rule];
        let term = rule.term.as_deref().unwrap_or_default();
        let span = skeleton.source_span(hit.start..hit.end);
        let matched = name.get(span.clone()).unwrap_or_default().to_owned();
        let (severity, message) = match hit.kind {
            ViolationKind::TypoSquat => (
                self.inner.typo_severity,
                format!("looks like a misspelling of {term}"),
            ),
            _ => (
                rule.severity,
                match &rule.reason {
                    Some(reason) => format!("contains {term:?}: {reason}"),
                    None => format!("contains the {} term {term:?}", rule.category),
                },
            ),
        };
        Violation {
            rule: rule.id.clone(),
            kind: hit.kind,
            category: rule.category,
            severity,
            term: rule.term.clone(),
            span,
            matched,
            message,
        }
    }

    fn regex_violation(&self, name: &str, rule: usize, span: std::ops::Range<usize>) -> Violation {
        let rule = &self.inner.rules[rule];
        let matched = name.get(span.clone()).unwrap_or_default().to_owned();
        let message = match &rule.reason {
            Some(reason) => format!("matches rule {}: {reason}", rule.id),
            None => format!("matches the {} pattern {}", rule.category, rule.id),
        };
        Violation {
            rule: rule.id.clone(),
            kind: ViolationKind::Regex,
            category: rule.category,
            severity: rule.severity,
            term: None,
            span,
            matched,
            message,
        }
    }
}

fn structural_violation(
    name: &str,
    issue: Issue,
    severity: Severity,
    span: std::ops::Range<usize>,
) -> Violation {
    let matched = name.get(span.clone()).unwrap_or_default().to_owned();
    let kind = match issue {
        Issue::TooShort { .. } | Issue::TooLong { .. } => ViolationKind::Length,
        Issue::Forbidden { .. } => ViolationKind::ForbiddenCharacter,
        Issue::LeadingWhitespace | Issue::TrailingWhitespace | Issue::WhitespaceRun => {
            ViolationKind::Whitespace
        }
        Issue::NoLetter => ViolationKind::NoLetter,
        Issue::Invisible { .. } => ViolationKind::InvisibleCharacter,
        Issue::MixedScripts => ViolationKind::MixedScripts,
    };
    Violation {
        rule: issue.rule().to_owned(),
        kind,
        category: Category::Structure,
        severity,
        term: None,
        message: issue.message(&matched),
        span,
        matched,
    }
}

/// `f` of each name, in order, on the threads of the current rayon pool: the calling thread
/// starts at once, and the others join as they wake, each taking the next chunk of names
/// from a shared list. (A rayon parallel iterator hands all the work to the pool and puts
/// the caller to sleep: on a virtual machine, where waking a thread can take a tenth of a
/// millisecond, that cost up to a third of the second core on 100,000 package names.)
#[cfg(feature = "rayon")]
fn par_map<S, T, F>(names: &[S], f: F) -> Vec<T>
where
    S: AsRef<str> + Sync,
    T: Send,
    F: Fn(&str) -> T + Sync,
{
    use std::sync::{Mutex, PoisonError};
    /// Names a thread takes at a time: tens of microseconds of work, against a lock.
    const CHUNK: usize = 1024;
    let threads = rayon::current_num_threads();
    if threads < 2 || names.len() <= CHUNK {
        return names.iter().map(|n| f(n.as_ref())).collect();
    }
    let mut parts: Vec<Vec<T>> = std::iter::repeat_with(Vec::new)
        .take(names.len().div_ceil(CHUNK))
        .collect();
    let work = Mutex::new(names.chunks(CHUNK).zip(parts.iter_mut()));
    let run = || loop {
        // A panic in `f` poisons nothing that matters: the chunks left are still whole.
        let next = work.lock().unwrap_or_else(PoisonError::into_inner).next();
        let Some((chunk, part)) = next else { break };
        *part = chunk.iter().map(|n| f(n.as_ref())).collect();
    };
    rayon::in_place_scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|_| run());
        }
        run();
    });
    parts.into_iter().flatten().collect()
}
