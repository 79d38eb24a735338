//! The policy: configuration, compiled once, and the checks that run the pipeline.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::{Arc, LazyLock};

use crate::error::{Entry, Error, Repr};
use crate::grant::Grant;
use crate::matcher::regex_rules::{RegexRule, RegexRules};
use crate::matcher::structure::Structure;
use crate::matcher::{ExceptionSpec, MatchScope, Matcher, TermSpec, MAX_PATTERN_LEN};
use crate::normalize::{each_tape, Choices, Normalizer, Skeleton, StackSkeleton};
use crate::prefilter::{Prefilter, Screened};
use crate::rule::{Category, Level, Severity};
use crate::verdict::{self, Judge, Report, Rule, TermForm, Violation};

/// A forbidden or suspicious term, with where it may match and what it means.
///
/// ```
/// use name_policy::{Category, MatchScope, Severity, Term};
///
/// let term = Term::review("ms")
///     .with_scope(MatchScope::Word)
///     .with_category(Category::Trademark)
///     .with_reason("abbreviation of Microsoft")
///     .except("MS Dhoni Fan Club");
/// assert_eq!(term.severity(), Severity::Review);
/// assert_eq!(term.scope(), MatchScope::Word);
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
    aliases: Vec<String>,
    typo_squats: bool,
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
            aliases: Vec::new(),
            typo_squats: true,
        }
    }

    /// Whether words one edit away from the term are typo-squats of it (default true,
    /// for terms of five letters or more). Off for a term that is an ordinary word, whose
    /// misspellings are innocent (`support`, `supports`).
    #[must_use]
    pub fn with_typo_squats(mut self, yes: bool) -> Term {
        self.typo_squats = yes;
        self
    }

    /// Whether typo-squats of the term are looked for (see
    /// [`with_typo_squats`](Term::with_typo_squats)).
    pub fn has_typo_squats(&self) -> bool {
        self.typo_squats
    }

    /// Sets the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Term {
        self.severity = severity;
        self
    }

    /// Sets where the term may match (default [`MatchScope::Substring`]).
    #[must_use]
    pub fn with_scope(mut self, scope: MatchScope) -> Term {
        self.scope = scope;
        self
    }

    /// Sets the category (default [`Category::Custom`]).
    #[must_use]
    pub fn with_category(mut self, category: Category) -> Term {
        self.category = category;
        self
    }

    /// Sets the human reason shown in violation messages.
    #[must_use]
    pub fn with_reason(mut self, reason: impl Into<String>) -> Term {
        self.reason = Some(reason.into());
        self
    }

    /// Sets the rule id shown in reports (default: `category.term`, as in
    /// `trademark.azure`). Ids are 1 to 64 ASCII letters, digits, `.`, `-` or `_`.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Term {
        self.id = Some(id.into());
        self
    }

    /// Adds an allow-phrase for this term: a match of the term that lies inside an
    /// occurrence of the phrase that starts the name or follows a separator is ignored
    /// (`Windows` inside `Windows and Doors`; `Lazuren` excepts the word `lazuren`, not
    /// the `azure` that `pulumi-azure-native` reads as `...iazuren...` across its words,
    /// nor the one in `MyLazuren`, which reads as `mylazuren` whatever its case).
    #[must_use]
    pub fn except(mut self, phrase: impl Into<String>) -> Term {
        self.exceptions.push(phrase.into());
        self
    }

    /// Adds another form of the term, such as the way another script writes it
    /// (`Term::deny("Microsoft").alias("マイクロソフト")`): it is read like the term, in any
    /// disguise, and a match counts as the term, with its rule id, severity and scope.
    /// Typo-squats are looked for only of the term itself.
    #[must_use]
    pub fn alias(mut self, text: impl Into<String>) -> Term {
        self.aliases.push(text.into());
        self
    }

    /// Adds several other forms of the term (see [`alias`](Term::alias)).
    #[must_use]
    pub fn with_aliases<S: Into<String>>(mut self, texts: impl IntoIterator<Item = S>) -> Term {
        self.aliases.extend(texts.into_iter().map(Into::into));
        self
    }

    /// The term's other forms (see [`alias`](Term::alias)).
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The term as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The term's severity.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Where the term may match.
    pub fn scope(&self) -> MatchScope {
        self.scope
    }

    /// The term's category.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The reason shown in violation messages, if one was set.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The rule id, if one was set (otherwise reports show one derived from the category
    /// and the term).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The term's allow-phrases.
    pub fn exceptions(&self) -> &[String] {
        &self.exceptions
    }

    fn default_id(&self) -> String {
        let mut slug = String::new();
        for c in self.text.trim().chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if let Some(letters) = verdict::plain_letters(c) {
                // `Ünïcödé` is `unicode`, `Straße` is `strasse`.
                slug.push_str(&letters);
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

/// "Microsoft" as the company writes it in the scripts of its largest markets: the names
/// of its subsidiaries and its localized pages (日本マイクロソフト株式会社, 微软(中国)有限公司,
/// 台灣微軟, 한국마이크로소프트, ООО «Майкрософт Рус», and the Arabic, Hebrew, Thai and Hindi
/// editions of microsoft.com). Azure keeps its Latin name in every market.
/// The reserved preset's whole names, each group with what it is.
const RESERVED_WHOLE: &[(&[&str], &str)] = &[
    (
        &[
            "admin",
            "administrator",
            "root",
            "superuser",
            "sysadmin",
            "support",
            "help",
            "helpdesk",
            "security",
            "billing",
            "official",
            "staff",
            "moderator",
            "mod",
            "system",
            "owner",
            "team",
        ],
        "the platform or its staff",
    ),
    (
        // RFC 2142, "Mailbox names for common services, roles and functions".
        &[
            "postmaster",
            "hostmaster",
            "webmaster",
            "abuse",
            "noc",
            "info",
            "marketing",
            "sales",
            "usenet",
            "news",
            "uucp",
            "ftp",
        ],
        "an RFC 2142 mailbox name",
    ),
    (
        &[
            "www", "api", "mail", "smtp", "imap", "pop3", "ns1", "ns2", "dns", "cdn", "status",
        ],
        "a host name of the platform",
    ),
    (
        &[
            "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
            "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        ],
        "a Windows device name, which no file or folder may be called",
    ),
];

/// The reserved preset's words that claim authority inside a longer name.
const RESERVED_WORDS: &[&str] = &["admin", "administrator", "moderator", "official", "staff"];

const MICROSOFT_ALIASES: [&str; 9] = [
    "マイクロソフト",
    "微软",
    "微軟",
    "마이크로소프트",
    "Майкрософт",
    "مايكروسوفت",
    "מיקרוסופט",
    "ไมโครซอฟท์",
    "माइक्रोसॉफ्ट",
];

/// Builds a [`Policy`]. Obtain one with [`Policy::builder`].
#[derive(Clone, Debug)]
pub struct PolicyBuilder {
    max_input_bytes: usize,
    terms: Vec<Term>,
    exceptions: Vec<String>,
    regexes: Vec<RegexRule>,
    structure: Structure,
    normalizer: Normalizer,
    typo_squats: Level,
    disguised: Severity,
    grants: Vec<Grant>,
    /// Off only in tests, to hold the prefilter to the pipeline.
    prefilter: bool,
}

impl Default for PolicyBuilder {
    fn default() -> Self {
        PolicyBuilder {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            terms: Vec::new(),
            exceptions: Vec::new(),
            regexes: Vec::new(),
            structure: Structure::recommended(),
            normalizer: Normalizer::new(),
            typo_squats: Level::Review,
            disguised: Severity::Review,
            grants: Vec::new(),
            prefilter: true,
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
                    .with_category(Category::Trademark)
                    .with_id("trademark.microsoft")
                    .with_reason("names must not contain the Microsoft trademark")
                    .with_aliases(MICROSOFT_ALIASES),
            )
            .term(
                Term::deny("Azure")
                    .with_category(Category::Trademark)
                    .with_id("trademark.azure")
                    .with_reason("names must not contain the Azure trademark")
                    // Ordinary words one edit away from "azure": French and Italian for
                    // sky blue ("Côte d'Azur", "Azzurra") are not typo-squats.
                    .except("Azur")
                    .except("Azura")
                    // Ordinary words that hold "azure" only across a morpheme boundary,
                    // where a reader never sees it (`examples/audit.rs` over Debian's word
                    // lists found them): German "dazu|rechnen" and "dazu|rechenbar", Dutch
                    // "gla|zuren" and "la|zuren" (glazes). The French "azuré" and Italian
                    // "azzurre" are the word itself and stay denied.
                    .except("Dazurech")
                    .except("Glazuren")
                    .except("Lazuren"),
            )
            .grant(
                Grant::new(
                    "verified-microsoft",
                    ["trademark.microsoft", "trademark.azure"],
                )
                .with_reason(
                    "Microsoft's own verified publisher accounts: check their names with \
                         this grant (`Policy::grants([\"verified-microsoft\"])`, `check \
                         --grant verified-microsoft`) to let them use the marks",
                ),
            )
            .structure(Structure::recommended())
    }

    /// A builder that starts from the reserved-names preset (see [`Policy::reserved`]).
    pub fn reserved() -> PolicyBuilder {
        let reason = |what: &str| format!("reserved: {what}");
        let mut builder = Policy::builder();
        // Whole names that impersonate the platform, its staff or its mail and host
        // names: denied as the whole name, in any disguise (`Adm1n`, `ＲＯＯＴ`).
        for (names, what) in RESERVED_WHOLE {
            for name in *names {
                builder = builder.term(
                    Term::deny(*name)
                        .with_scope(MatchScope::Exact)
                        .with_category(Category::Reserved)
                        .with_id(format!("reserved.{}", name.to_ascii_lowercase()))
                        .with_reason(reason(what))
                        .with_typo_squats(false),
                );
            }
        }
        // Words that claim authority inside a longer name (`The Admin Team`, `Official
        // Support`): a person decides.
        for name in RESERVED_WORDS {
            builder = builder.term(
                Term::review(*name)
                    .with_scope(MatchScope::Word)
                    .with_category(Category::Reserved)
                    .with_id(format!("reserved.word.{name}"))
                    .with_reason(reason("a word that claims to speak for the platform"))
                    .with_typo_squats(false),
            );
        }
        builder
    }

    /// Adds the terms, exceptions, regex rules and grants of `other` (a preset) to this
    /// builder's; this builder's other settings stay.
    #[must_use]
    pub fn extend(mut self, other: PolicyBuilder) -> PolicyBuilder {
        self.terms.extend(other.terms);
        self.exceptions.extend(other.exceptions);
        self.regexes.extend(other.regexes);
        self.grants.extend(other.grants);
        self
    }

    /// Adds a grant: an exemption for an identity, lifting the rules it lists when a
    /// name is checked on its behalf ([`Policy::grants`], [`Policy::check_granted`]).
    #[must_use]
    pub fn grant(mut self, grant: Grant) -> PolicyBuilder {
        self.grants.push(grant);
        self
    }

    /// How many grants the builder holds, in the order an [`Error`] counts them.
    pub fn grant_count(&self) -> usize {
        self.grants.len()
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

    /// Adds an allow-phrase for every term: a match inside an occurrence of the phrase (one
    /// that starts a word) is ignored. Exceptions are normalized like names, so `Windows &
    /// Doors` covers `WINDOWS AND DOORS` only if written with the same words.
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

    /// Sets the structural rules (default: [`Structure::recommended`]; a policy of terms
    /// alone takes [`Structure::none`]).
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

    /// Sets the level of typo-squat violations (words one edit away from a term of at
    /// least five letters), or [`Level::Off`] to turn the detection off. Default: review.
    #[must_use]
    pub fn typo_squats(mut self, level: Level) -> PolicyBuilder {
        self.typo_squats = level;
        self
    }

    /// Sets the least severity of a term or typo-squat found only through a disguise (see
    /// [`Violation::is_disguised`](crate::Violation::is_disguised)). Default
    /// [`Severity::Review`], which changes nothing; [`Severity::Deny`] raises a disguised
    /// review to deny, since disguise is a sign of bad faith: a typo-squat `Mircosoft`
    /// stays at review, `Mircos0ft` is denied.
    ///
    /// ```
    /// use name_policy::{Policy, Severity, Term, Verdict};
    ///
    /// let policy = Policy::builder()
    ///     .term(Term::review("Contoso"))
    ///     .disguised(Severity::Deny)
    ///     .build()?;
    /// assert_eq!(policy.check("Contoso Labs").verdict(), Verdict::Review);
    /// assert_eq!(policy.check("C0nt0so Labs").verdict(), Verdict::Deny);
    /// # Ok::<(), name_policy::Error>(())
    /// ```
    #[must_use]
    pub fn disguised(mut self, severity: Severity) -> PolicyBuilder {
        self.disguised = severity;
        self
    }

    /// Sends every name down the whole pipeline, without the prefilter: to test that
    /// both ways agree.
    #[cfg(any(test, fuzzing))]
    #[doc(hidden)]
    #[must_use]
    pub fn without_prefilter(mut self) -> PolicyBuilder {
        self.prefilter = false;
        self
    }

    /// Reads every character through the general table lookup, to test that the ASCII
    /// fast path agrees with it.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn without_ascii_fast_path(mut self) -> PolicyBuilder {
        self.normalizer = self.normalizer.without_ascii_fast_path();
        self
    }

    /// The structural rules the builder holds so far (a preset's), to adjust some of them.
    pub fn current_structure(&self) -> &Structure {
        &self.structure
    }

    /// How many terms the builder holds. A build [`Error`] names a term by its index in
    /// this order ([`Error::entry`]).
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// How many policy-wide exceptions the builder holds, in the order an [`Error`]
    /// counts them.
    pub fn exception_count(&self) -> usize {
        self.exceptions.len()
    }

    /// How many regex rules the builder holds, in the order an [`Error`] counts them.
    pub fn regex_count(&self) -> usize {
        self.regexes.len()
    }

    /// Compiles the policy.
    ///
    /// # Errors
    ///
    /// When a term is empty or has no letters or digits, two rules share an id, a term or
    /// exception is empty or too long, a regex does not compile or exceeds its size
    /// limit, or the length limits are inverted. The error names the offending entry
    /// ([`Error::entry`]) and says what to change.
    pub fn build(self) -> Result<Policy, Error> {
        let normalizer = self.normalizer;
        let mut rules = Vec::with_capacity(self.terms.len());
        let mut specs = Vec::with_capacity(self.terms.len());
        let mut exceptions = Vec::new();
        let mut ids = HashSet::new();
        for (index, term) in self.terms.iter().enumerate() {
            let entry = Entry::Term(index);
            if term.text.trim().is_empty() {
                return Err(Error::at(entry, Repr::EmptyTerm { number: index + 1 }));
            }
            // The term's own forms first (typo-squats are looked for of these), then its
            // aliases and its upside-down form, each with the letters it doubles as
            // written.
            let mut skeletons = Vec::new();
            let mut repeats = Vec::new();
            let mut turned = Vec::new();
            let mut own = 0;
            let upside_down = upside_down(&term.text);
            let texts = std::iter::once((&term.text, false))
                .chain(term.aliases.iter().map(|a| (a, false)))
                .chain(upside_down.as_ref().map(|u| (u, true)));
            // Each form's readings, kept for the verdict stage to explain hits by.
            let mut term_forms = Vec::new();
            for (k, (text, is_turned)) in texts.enumerate() {
                let readings = normalizer.readings(text, MAX_FORM_READINGS);
                let forms = pattern_forms(&readings);
                let Some(longest) = forms.iter().map(|(f, _)| f.len()).max().filter(|&n| n > 0)
                else {
                    return Err(Error::at(
                        entry,
                        Repr::TermNormalizesToNothing { term: text.clone() },
                    ));
                };
                if longest > MAX_PATTERN_LEN {
                    return Err(Error::at(
                        entry,
                        Repr::TermTooLong {
                            len: longest,
                            max: MAX_PATTERN_LEN,
                            term: text.clone(),
                        },
                    ));
                }
                for (form, doubled) in forms {
                    if !skeletons.contains(&form) {
                        skeletons.push(form);
                        repeats.push(doubled);
                        turned.push(is_turned);
                        own += usize::from(k == 0);
                    }
                }
                term_forms.push(TermForm {
                    text: text.clone(),
                    readings,
                    turned: is_turned,
                });
            }
            let (id, derived) = match &term.id {
                Some(id) => (id.clone(), false),
                None => (term.default_id(), true),
            };
            validate_id(&id).map_err(|repr| Error::at(entry, repr))?;
            if !ids.insert(id.clone()) {
                let term = derived.then(|| term.text.clone());
                return Err(Error::at(entry, Repr::DuplicateRuleId { id, term }));
            }
            for (k, phrase) in term.exceptions.iter().enumerate() {
                let entry = Entry::TermException {
                    term: index,
                    index: k,
                };
                exceptions.push(exception_spec(
                    &normalizer,
                    phrase,
                    entry,
                    Some(rules.len()),
                )?);
            }
            let letters = term.text.chars().filter(|c| c.is_alphanumeric()).count();
            specs.push(TermSpec {
                skeletons,
                repeats,
                turned,
                own,
                scope: term.scope,
                typo: self.typo_squats.is_on() && term.typo_squats && letters >= 5,
            });
            rules.push(Rule {
                id,
                term: Some(term.text.clone()),
                forms: term_forms,
                category: term.category,
                severity: term.severity,
                reason: term.reason.clone(),
            });
        }
        for (index, rule) in self.regexes.iter().enumerate() {
            let entry = Entry::Regex(index);
            validate_id(rule.id()).map_err(|repr| Error::at(entry, repr))?;
            if !ids.insert(rule.id().to_owned()) {
                let id = rule.id().to_owned();
                return Err(Error::at(entry, Repr::DuplicateRuleId { id, term: None }));
            }
        }
        let regexes = RegexRules::build(&self.regexes, rules.len())?;
        rules.extend(self.regexes.iter().map(|r| Rule {
            id: r.id().to_owned(),
            term: None,
            forms: Vec::new(),
            category: r.category(),
            severity: r.severity(),
            reason: r.reason().map(str::to_owned),
        }));
        if self.structure.limits_inverted() {
            return Err(Error::at(
                Entry::Structure,
                Repr::InvalidLimit {
                    min: self.structure.min_length(),
                    max: self.structure.max_length(),
                },
            ));
        }
        for (index, phrase) in self.exceptions.iter().enumerate() {
            let entry = Entry::Exception(index);
            exceptions.push(exception_spec(&normalizer, phrase, entry, None)?);
        }
        let mut grant_ids = HashSet::new();
        for (index, grant) in self.grants.iter().enumerate() {
            let entry = Entry::Grant(index);
            if validate_id(&grant.id).is_err() || !grant_ids.insert(grant.id.clone()) {
                let id = grant.id.clone();
                return Err(Error::at(entry, Repr::DuplicateGrantId { id }));
            }
            let known = |rule: &str| {
                rules.iter().any(|r| r.id == rule) || verdict::STRUCTURAL_RULES.contains(&rule)
            };
            if let Some(rule) = grant.rules.iter().find(|r| !known(r.as_str())) {
                return Err(Error::at(
                    entry,
                    Repr::UnknownGrantRule {
                        grant: grant.id.clone(),
                        rule: rule.clone(),
                    },
                ));
            }
        }
        let matcher = Matcher::build(&specs, &exceptions)?;
        // The prefilter does not judge regex rules, so a policy with some has none.
        let prefilter =
            (self.prefilter && regexes.is_empty()).then(|| Prefilter::build(&normalizer, &matcher));
        let relevant = if regexes.reads_skeleton() {
            u64::MAX
        } else {
            matcher.letters()
        };
        Ok(Policy {
            inner: Arc::new(Inner {
                max_input_bytes: self.max_input_bytes,
                normalizer,
                terms: self.terms,
                grants: self.grants,
                judge: Judge {
                    rules,
                    typo_severity: self.typo_squats.severity().unwrap_or(Severity::Review),
                    disguised: self.disguised,
                },
                matcher,
                regexes,
                structure: self.structure,
                prefilter,
                relevant,
            }),
        })
    }
}

/// The skeleton of each reading of a term or exception phrase (as
/// [`Normalizer::readings`] gives them, each once), with the positions below 64 whose
/// symbol stands for a letter doubled as written (`Office` is `ofice`, its `f` doubled),
/// as bits.
fn pattern_forms(readings: &[Skeleton]) -> Vec<(Vec<u8>, u64)> {
    readings
        .iter()
        .map(|r| (r.as_str().as_bytes().to_vec(), r.view().repeat_mask()))
        .collect()
}

/// `text` written upside down as fancy-text generators do (each letter turned half round,
/// in reverse order: `Azure` is `ǝɹnzɐ`), as the reader reads it letter by letter: a
/// turned letter as the letter it was turned from, a glyph that is itself an ASCII letter
/// as written (`u` turned is `n`): `ernza`. A match of it must hold a turned letter.
/// `None` unless `text` is ASCII letters, digits and spaces.
fn upside_down(text: &str) -> Option<String> {
    let ok = text.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
    ok.then(|| {
        text.chars()
            .rev()
            .map(|c| {
                let lower = c.to_ascii_lowercase();
                if !lower.is_ascii_lowercase() {
                    return c;
                }
                match crate::tables::UPSIDE_DOWN[usize::from(lower as u8 - b'a')] {
                    glyph if glyph.is_ascii() => glyph,
                    _ => lower,
                }
            })
            .collect()
    })
}

/// The matcher's view of an exception `phrase` of `rule` (all rules: `None`): each reading's
/// skeleton and where its words break.
/// The most readings of one term or exception phrase that become patterns: a policy's
/// author writes those, and each reading is a pattern of the automaton.
const MAX_FORM_READINGS: usize = 64;

fn exception_spec(
    normalizer: &Normalizer,
    phrase: &str,
    entry: Entry,
    rule: Option<usize>,
) -> Result<ExceptionSpec, Error> {
    let readings = normalizer.readings(phrase, MAX_FORM_READINGS);
    let skeletons: Vec<Vec<u8>> = readings
        .iter()
        .map(|r| r.as_str().as_bytes().to_vec())
        .collect();
    let breaks = readings
        .iter()
        .map(|r| r.view().breaks_inside(0, r.len()).collect())
        .collect();
    let longest = skeletons.iter().map(Vec::len).max().unwrap_or(0);
    if longest == 0 {
        return Err(Error::at(
            entry,
            Repr::EmptyException {
                phrase: phrase.to_owned(),
            },
        ));
    }
    if longest > MAX_PATTERN_LEN {
        return Err(Error::at(
            entry,
            Repr::ExceptionTooLong {
                phrase: phrase.to_owned(),
                len: longest,
                max: MAX_PATTERN_LEN,
            },
        ));
    }
    Ok(ExceptionSpec {
        skeletons,
        breaks,
        rule,
    })
}

fn validate_id(id: &str) -> Result<(), Repr> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Repr::InvalidRuleId { id: id.to_owned() })
    }
}

#[derive(Debug)]
pub(crate) struct Inner {
    max_input_bytes: usize,
    pub(crate) normalizer: Normalizer,
    /// The terms as given, for introspection.
    terms: Vec<Term>,
    pub(crate) grants: Vec<Grant>,
    judge: Judge,
    pub(crate) matcher: Matcher,
    regexes: RegexRules,
    structure: Structure,
    pub(crate) prefilter: Option<Prefilter>,
    /// The letters whose reading matters (see [`Choices::relevant`]
    /// (crate::normalize::Choices::relevant)): those of the patterns, or all of them when a
    /// regex rule reads the skeleton.
    relevant: u64,
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
    pub(crate) inner: Arc<Inner>,
}

static MARKETPLACE: LazyLock<Policy> = LazyLock::new(|| {
    PolicyBuilder::marketplace()
        .build()
        .expect("the marketplace preset is valid")
});

impl Policy {
    /// Starts building a policy: no terms, typo-squats of terms at review, and the
    /// recommended structural rules ([`Structure::recommended`]), so that a policy of a
    /// few terms still turns away the empty name, control characters and the like.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// The built-in preset from the marketplace guideline: names must not contain
    /// "Microsoft" or "Azure", in any disguise; near-misspellings go to review.
    ///
    /// Microsoft's own verified publishers may use the marks: the preset names the grant
    /// `verified-microsoft`, which lifts `trademark.microsoft` and `trademark.azure`. A
    /// registry checks those publishers' names with it and everyone else's without:
    ///
    /// ```
    /// use name_policy::{Policy, Verdict};
    ///
    /// let policy = Policy::marketplace();
    /// let verified = policy.grants(["verified-microsoft"])?;
    /// assert_eq!(policy.check_granted("Azure Partner Labs", &verified).verdict(), Verdict::Allow);
    /// assert_eq!(policy.check("Azure Partner Labs").verdict(), Verdict::Deny);
    /// # Ok::<(), name_policy::GrantError>(())
    /// ```
    ///
    /// Built once per process; each call returns a cheap clone.
    pub fn marketplace() -> Policy {
        MARKETPLACE.clone()
    }

    /// The built-in reserved-names preset: names that impersonate the platform or its
    /// staff. Each of `admin`, `administrator`, `root`, `support`, `help`, `security`,
    /// `billing`, `official`, `staff`, `moderator`, `system` and a few more, the RFC 2142
    /// mailbox names (`postmaster`, `abuse`, `noc`...), common host names (`www`, `api`,
    /// `mail`...) and the Windows device names (`CON`, `PRN`, `AUX`, `NUL`, `COM1`-`COM9`,
    /// `LPT1`-`LPT9`) is denied as the whole name (rule `reserved.<name>`, in any
    /// disguise); `admin`, `administrator`, `moderator`, `official` and `staff` as a word
    /// of a longer name go to review (`reserved.word.<name>`). None has typo-squats:
    /// they are ordinary words. Combine it with another preset with
    /// [`PolicyBuilder::extend`], or `extends = ["marketplace", "reserved"]` in a file.
    ///
    /// ```
    /// use name_policy::{Policy, Verdict};
    ///
    /// let policy = Policy::reserved();
    /// assert_eq!(policy.check("Adm1n").verdict(), Verdict::Deny);
    /// assert_eq!(policy.check("LPT1").verdict(), Verdict::Deny);
    /// assert_eq!(policy.check("The Admin Team").verdict(), Verdict::Review);
    /// assert_eq!(policy.check("Contoso Support").verdict(), Verdict::Allow);
    /// assert_eq!(policy.check("Badminton Club").verdict(), Verdict::Allow);
    /// ```
    pub fn reserved() -> Policy {
        static RESERVED: LazyLock<Policy> = LazyLock::new(|| {
            PolicyBuilder::reserved()
                .build()
                .expect("the reserved preset is valid")
        });
        RESERVED.clone()
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
            return self.structure_allows(name, None) && self.matcher_allows(name);
        };
        let taken = prefilter.take(name);
        self.structure_allows(name, taken.ascii_shape())
            && (prefilter.screen(&inner.normalizer, &inner.matcher, name, taken) == Screened::Clean
                || self.matcher_allows(name))
    }

    /// Whether no structural rule fires on `name`; `shape` is its ASCII shape, when the
    /// census took it.
    #[inline]
    fn structure_allows(&self, name: &str, shape: Option<u8>) -> bool {
        let structure = &self.inner.structure;
        shape.is_some_and(|shape| structure.quick_check_ascii(name.as_bytes(), shape))
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
        if let (ControlFlow::Continue(()), Some(paths)) = (&verdict, inner.matcher.paths()) {
            verdict = paths.search(&inner.normalizer, inner.relevant, name, false, |tape| {
                let tape = first_alternatives_trimmed(tape);
                if tape.is_empty() {
                    // The first reading, judged already.
                    return ControlFlow::Continue(());
                }
                judge(&mut Choices::replay(inner.relevant, tape))
            });
        }
        match verdict {
            ControlFlow::Break(verdict) => verdict,
            ControlFlow::Continue(()) => Some(true),
        }
    }

    /// Checks `name` and explains every violation with its span in the original name.
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
        }
        if !clean {
            self.pipeline_violations(name, &mut violations);
        }
        Report::new(name, violations)
    }

    /// [`check`](Policy::check) without the prefilter: every stage of the pipeline.
    fn check_pipeline(&self, name: &str) -> Report {
        let mut violations = Vec::new();
        self.structural_violations(name, &mut violations);
        self.pipeline_violations(name, &mut violations);
        Report::new(name, violations)
    }

    fn structural_violations(&self, name: &str, violations: &mut Vec<Violation>) {
        let _ = self.inner.structure.scan(name, |issue, severity, span| {
            violations.push(verdict::structural(name, issue, severity, span));
            ControlFlow::Continue(())
        });
    }

    /// The violations the matcher and the regex rules find in the first reading of
    /// `name`, its plain reading (where misspellings show as written), and every reading
    /// that the matcher's search finds a term in.
    fn pipeline_violations(&self, name: &str, violations: &mut Vec<Violation>) {
        let inner = &*self.inner;
        let mut judge = |choices: &mut Choices| self.reading_violations(name, choices, violations);
        let mut first = Choices::relevant(inner.relevant);
        judge(&mut first);
        // A name without choice points has one reading, judged now.
        if first.met() == 0 {
            return;
        }
        judge(&mut Choices::plain(inner.relevant));
        if let Some(paths) = inner.matcher.paths() {
            // The first reading (first alternatives everywhere) is judged already.
            let mut seen: Vec<Vec<u8>> = vec![Vec::new()];
            let _ = paths.search::<()>(&inner.normalizer, inner.relevant, name, false, |tape| {
                let tape = first_alternatives_trimmed(tape);
                if !seen.iter().any(|t| t == tape) {
                    seen.push(tape.to_vec());
                    judge(&mut Choices::replay(inner.relevant, tape));
                }
                ControlFlow::Continue(())
            });
        }
    }

    /// The slow, obvious engine that the tests and a fuzz target hold the pipeline to:
    /// every combination of alternatives read one by one, each reading through the
    /// matcher and the regex rules. `None` when `name` has more than `max_readings`
    /// readings. Its typo-squats come from every reading, where the pipeline looks for
    /// them in the first and the plain reading and in the readings that hold a term.
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
        let _ = inner.regexes.scan(
            name,
            skeleton.as_str().as_bytes(),
            |rule, range, on_skeleton| {
                let span = if on_skeleton {
                    skeleton.source_span(range)
                } else {
                    range
                };
                violations.push(inner.judge.regex(name, rule, span));
                ControlFlow::Continue(())
            },
        );
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

    /// [`is_allowed`](Policy::is_allowed) for many names, in order.
    pub fn is_allowed_all<S: AsRef<str>>(&self, names: &[S]) -> Vec<bool> {
        names.iter().map(|n| self.is_allowed(n.as_ref())).collect()
    }

    /// [`check`](Policy::check) for many names, in order.
    pub fn check_all<S: AsRef<str>>(&self, names: &[S]) -> Vec<Report> {
        names.iter().map(|n| self.check(n.as_ref())).collect()
    }

    /// [`is_allowed_all`](Policy::is_allowed_all) on the threads of the current rayon
    /// thread pool and the calling thread; the results keep the order of `names`.
    #[cfg(feature = "rayon")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_is_allowed_all<S: AsRef<str> + Sync>(&self, names: &[S]) -> Vec<bool> {
        par_map(names, |n| self.is_allowed(n))
    }

    /// [`check_all`](Policy::check_all) on the threads of the current rayon thread pool
    /// and the calling thread; the reports keep the order of `names`.
    #[cfg(feature = "rayon")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_check_all<S: AsRef<str> + Sync>(&self, names: &[S]) -> Vec<Report> {
        par_map(names, |n| self.check(n))
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
