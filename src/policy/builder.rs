//! The builder: a policy's configuration, checked and compiled once into a [`Policy`].

use std::collections::HashSet;
use std::sync::Arc;

use super::{Inner, Policy, Term, DEFAULT_MAX_INPUT_BYTES};
use crate::error::{Entry, Error, Repr};
use crate::grant::Grant;
use crate::matcher::protect::Protected;
use crate::matcher::regex_rules::{RegexRule, RegexRules};
use crate::matcher::structure::Structure;
use crate::matcher::{ExceptionSpec, Key, Matcher, TermSpec, MAX_PATTERN_LEN};
use crate::normalize::{has_transliteration, latin_letters, Normalizer, Skeleton};
use crate::prefilter::Prefilter;
use crate::rule::{Level, Severity};
use crate::tables;
use crate::verdict::{self, Judge, Rule, TermForm};

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
    two_edits: Level,
    sound_alikes: Level,
    transliteration: Level,
    disguised: Severity,
    grants: Vec<Grant>,
    protected: Vec<String>,
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
            two_edits: Level::Off,
            sound_alikes: Level::Off,
            transliteration: Level::Off,
            disguised: Severity::Review,
            grants: Vec::new(),
            protected: Vec::new(),
            prefilter: true,
        }
    }
}

impl PolicyBuilder {
    /// Adds the terms, exceptions, regex rules and grants of `other` (a preset) to this
    /// builder's; this builder's other settings stay.
    #[must_use]
    pub fn extend(mut self, other: PolicyBuilder) -> PolicyBuilder {
        self.terms.extend(other.terms);
        self.exceptions.extend(other.exceptions);
        self.regexes.extend(other.regexes);
        self.grants.extend(other.grants);
        self.protected.extend(other.protected);
        self
    }

    /// Protects a registry's existing names, most popular first (after any protected
    /// already): a name that passes for one of them as a whole is a violation, reported
    /// against the most popular one first, with the protected name as listed as its
    /// [`term`](crate::Violation::term):
    ///
    /// | kind | example | severity |
    /// | --- | --- | --- |
    /// | [`ProtectedName`](crate::ViolationKind::ProtectedName): the same name once case, separators, look-alikes, leetspeak and invisible characters are set aside | `crossenv`, `rеact` for `cross-env`, `react` | deny |
    /// | [`ProtectedTypo`](crate::ViolationKind::ProtectedTypo): one slip away (a letter left out, doubled, swapped, a key or a bit away), or two on a long name when one swaps letters | `requst`, `buffer-8or`, `regenraotr` | review |
    /// | [`ScopeGame`](crate::ViolationKind::ScopeGame): a scoped name without its scope, or a name under a scope that imitates it | `angular-cli`, `@lodash/lodash` | review |
    /// | [`ComboSquat`](crate::ViolationKind::ComboSquat): the name with a generic word added | `node-fabric`, `mssql.js` | review |
    ///
    /// A protected name itself is allowed, and is held only to more popular ones.
    /// Matching a name costs about the same for a million protected names as for ten:
    /// the names and their one-letter deletions go into a fingerprint table, and the
    /// letters of the long ones, as multisets, into another.
    ///
    /// ```
    /// use name_policy::{Policy, Verdict};
    ///
    /// let policy = Policy::builder().protect(["lodash", "express", "fabric"]).build()?;
    /// assert_eq!(policy.check("l0dash").verdict(), Verdict::Deny);
    /// assert_eq!(policy.check("expres").verdict(), Verdict::Review);
    /// assert_eq!(policy.check("node-fabric").verdict(), Verdict::Review);
    /// assert!(policy.is_allowed("express"));
    /// assert!(policy.is_allowed("fabricator"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn protect<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> PolicyBuilder {
        self.protected.extend(names.into_iter().map(Into::into));
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

    /// Sets the input limit in bytes (default 4 KiB). A longer name is denied with the
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

    /// Sets the level of misspellings two edits away from a term of at least nine letters
    /// (`Micrsfot Labs`, `Mircosfoft Cloud`, `Mikrosof`, `Micr5ft` for `Microsoft`), or
    /// [`Level::Off`] to turn the check off. Both edits are slips of the hand (a letter
    /// left out, doubled, swapped, or a key beside it) or of the ear (a letter of the same
    /// sound, `k` for `c`, from `data/respellings.txt`); leetspeak is read as its letter
    /// and is never one of them. Default: off ([`Level::Review`] in the marketplace preset). A name
    /// that holds a word starting with such a term's first letter is looked at closely,
    /// so the check (with [`sound_alikes`](PolicyBuilder::sound_alikes)) makes
    /// `is_allowed` take about 1.3 times the instructions on the shared corpus of package
    /// names.
    #[must_use]
    pub fn two_edits(mut self, level: Level) -> PolicyBuilder {
        self.two_edits = level;
        self
    }

    /// Sets the level of runs of words that sound like a term whose sound key has five
    /// consonant sounds or more (`Mykrosawft`, `Maikrosofte` for `Microsoft`; in the
    /// transliterated reading, a word that lacks only the last sound of a key of six,
    /// `ម៉ៃក្រូសូហ្វ`, and one with a P for each F, as scripts without an f write it,
    /// `மைக்ரோசாப்ட்`, too), or [`Level::Off`] to turn the check off. Default: off
    /// ([`Level::Review`] in the marketplace preset); it costs what
    /// [`two_edits`](PolicyBuilder::two_edits) does.
    #[must_use]
    pub fn sound_alikes(mut self, level: Level) -> PolicyBuilder {
        self.sound_alikes = level;
        self
    }

    /// Sets the level of terms and misspellings found only in a name's transliterated
    /// reading, where each letter of another script (Cyrillic, Greek, Armenian, Georgian,
    /// Hebrew, Arabic, Thaana, Ethiopic, the Indic scripts from Devanagari to Sinhala,
    /// Thai, Lao, Myanmar, Khmer, katakana) is read as its Latin letters
    /// (`Мікрософт Україна` is `mikrosoft ukraina`, one edit from `Microsoft`), or
    /// [`Level::Off`] to turn the check off. Default: off ([`Level::Review`] in the
    /// marketplace preset). The checks that look for misspellings (typo-squats, two
    /// edits, sound-alikes) look in that reading as they are set; a term spelt exactly is
    /// found there too. A name that holds such letters is read once more where the census
    /// cannot clear it, and judged against the terms as those scripts write them by sound
    /// too (`mikrosoft`), so the check makes `is_allowed` spend about 1.6 times the
    /// instructions on the shared corpus of international company names (a third of them
    /// in those scripts); ASCII names cost nothing more.
    ///
    /// ```
    /// use name_policy::{Level, Policy, PolicyBuilder, Verdict, ViolationKind};
    ///
    /// let report = Policy::marketplace().check("Микрософт Македонија");
    /// assert_eq!(report.verdict(), Verdict::Review);
    /// assert_eq!(report.violations()[0].kind(), ViolationKind::Transliterated);
    ///
    /// let policy = PolicyBuilder::marketplace()
    ///     .transliteration(Level::Off)
    ///     .build()?;
    /// assert!(policy.is_allowed("Микрософт Македонија"));
    /// # Ok::<(), name_policy::Error>(())
    /// ```
    #[must_use]
    pub fn transliteration(mut self, level: Level) -> PolicyBuilder {
        self.transliteration = level;
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
            let (forms, term_forms) = compile_forms(&normalizer, term, entry)?;
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
            // Misspellings further than one edit only of a term whose misspellings are
            // looked for at all (five letters or more, not innocent).
            let misspelt = term.typo_squats && letters >= 5;
            let transliterated = self.transliteration.is_on() && term.transliteration;
            // A term read in other scripts is also looked for in its spoken form, as
            // those scripts write it by sound (`mikrosoft`), for typo-squats.
            let (spoken, spoken_form) = if transliterated {
                spoken_forms(&normalizer, &term.text, &forms.skeletons[..forms.own])
            } else {
                (Vec::new(), None)
            };
            specs.push(TermSpec {
                skeletons: forms.skeletons,
                spoken,
                start_lens: forms.start_lens,
                repeats: forms.repeats,
                turned: forms.turned,
                own: forms.own,
                scope: term.scope,
                typo: self.typo_squats.is_on() && term.typo_squats && letters >= 5,
                two_edits: self.two_edits.is_on() && misspelt && term.two_edits,
                sound: self.sound_alikes.is_on() && misspelt && term.sound_alikes,
                transliterated,
            });
            rules.push(Rule {
                id,
                term: Some(term.text.clone()),
                forms: term_forms,
                spoken: spoken_form,
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
            spoken: None,
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
        check_grants(&self.grants, &rules)?;
        let matcher = Matcher::build(&specs, &exceptions)?;
        // The prefilter does not judge regex rules, so a policy with some has none.
        let prefilter =
            (self.prefilter && regexes.is_empty()).then(|| Prefilter::build(&normalizer, &matcher));
        let relevant = if regexes.reads_skeleton() {
            u64::MAX
        } else {
            matcher.letters()
        };
        let protected = Protected::compile(&normalizer, &self.protected);
        Ok(Policy {
            protected,
            inner: Arc::new(Inner {
                max_input_bytes: self.max_input_bytes,
                normalizer,
                terms: self.terms,
                grants: self.grants,
                judge: Judge {
                    rules,
                    typo_severity: self.typo_squats.severity().unwrap_or(Severity::Review),
                    two_edit_severity: self.two_edits.severity().unwrap_or(Severity::Review),
                    sound_severity: self.sound_alikes.severity().unwrap_or(Severity::Review),
                    transliteration_severity: self
                        .transliteration
                        .severity()
                        .unwrap_or(Severity::Review),
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

/// A term's patterns: the skeletons of its own readings (typo-squats are looked for of
/// these, `own` of them), then of its aliases' and of its upside-down form's, each with
/// the positions of the letters it doubles as written and whether it is upside down.
struct Forms {
    skeletons: Vec<Vec<u8>>,
    start_lens: Vec<usize>,
    repeats: Vec<u64>,
    turned: Vec<bool>,
    own: usize,
}

/// The patterns of `term` (the builder's `entry`), and each form's readings, kept for
/// the verdict stage to explain hits by.
fn compile_forms(
    normalizer: &Normalizer,
    term: &Term,
    entry: Entry,
) -> Result<(Forms, Vec<TermForm>), Error> {
    // The term's own forms first (typo-squats are looked for of these), then its
    // aliases and its upside-down form, each with the letters it doubles as
    // written.
    let mut skeletons = Vec::new();
    let mut start_lens = Vec::new();
    let mut repeats = Vec::new();
    let mut turned = Vec::new();
    let mut own = 0;
    let upside_down = upside_down(&term.text);
    let mixed = mixed_forms(normalizer, &term.text, &term.aliases);
    let texts = std::iter::once((&term.text, false))
        .chain(term.aliases.iter().map(|a| (a, false)))
        .chain(mixed.iter().map(|m| (m, false)))
        .chain(upside_down.iter().map(|u| (u, true)));
    // Each form's readings, kept for the verdict stage to explain hits by.
    let mut term_forms = Vec::new();
    for (k, (text, is_turned)) in texts.enumerate() {
        let readings = normalizer.readings(text, MAX_FORM_READINGS);
        let forms = pattern_forms(&readings);
        let Some(longest) = forms
            .iter()
            .map(|(f, _, _)| f.len())
            .max()
            .filter(|&n| n > 0)
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
        for (form, start_len, doubled) in forms {
            if !skeletons.contains(&form) {
                skeletons.push(form);
                start_lens.push(start_len);
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
    let forms = Forms {
        skeletons,
        start_lens,
        repeats,
        turned,
        own,
    };
    Ok((forms, term_forms))
}

/// The forms of `term` written partly as one of its `aliases` (in another script) and
/// partly as itself: where the alias splits into two parts whose Latin letters start as
/// the term's two parts do and sound as they do, each part of the alias with the other
/// part of the term (`マイクロ|ソフト` reads `maikuro|sofuto`, which sounds as
/// `Micro|soft` does: `マイクロsoft` and `Microソフト`). Hangul, which a name's readings
/// leave as it is, is read here in the Revised Romanization, and heard as Korean writes
/// the sounds of other languages, with one letter for `l` and `r` and `p` for `f`
/// (`마이크로|소프트` reads `maikeuro|sopeuteu`: `마이크로soft` and `Micro소프트`).
fn mixed_forms(normalizer: &Normalizer, term: &str, aliases: &[String]) -> Vec<String> {
    /// A part sounds at least this many sounds, so that it stands for a part of the term.
    const MIN_PART_SOUNDS: usize = 2;
    let latin = |text: &str| latin_letters(&hangul_in_latin(text));
    let key = |latin: &str| {
        Key::of(normalizer.normalize(latin).as_str().as_bytes())
            .filter(|k| k.as_bytes().len() >= MIN_PART_SOUNDS)
            .map(|k| {
                // Korean writes `f` as `p`.
                k.as_bytes()
                    .iter()
                    .map(|&s| if s == b'P' { b'F' } else { s })
                    .collect::<Vec<u8>>()
            })
    };
    /// A text split in two at byte `at`: each part's first Latin letter and sound key.
    struct Split {
        at: usize,
        starts: [Option<char>; 2],
        keys: [Option<Vec<u8>>; 2],
    }
    let splits = |text: &str| -> Vec<Split> {
        text.char_indices()
            .skip(1)
            .map(|(at, _)| {
                let parts = [latin(&text[..at]), latin(&text[at..])];
                Split {
                    at,
                    starts: parts.each_ref().map(|p| p.chars().next()),
                    keys: parts.each_ref().map(|p| key(p)),
                }
            })
            .collect()
    };
    let term_splits = splits(term);
    let mut out = Vec::new();
    for alias in aliases
        .iter()
        .filter(|a| has_transliteration(a) || a.chars().any(|c| hangul_latin(c).is_some()))
    {
        for split in splits(alias) {
            if split.keys.contains(&None) {
                continue;
            }
            let (i, same) = (split.at, |t: &Split| {
                t.starts == split.starts && t.keys == split.keys
            });
            for j in term_splits.iter().filter(|t| same(t)).map(|t| t.at) {
                out.push(format!("{}{}", &alias[..i], &term[j..]));
                out.push(format!("{}{}", &term[..j], &alias[i..]));
            }
        }
    }
    // A form whose skeleton is all ASCII (`Майкроsoft` reads `rnaikposoft`: Cyrillic looks
    // Latin) is no form of the term a reader sees; the mixed-scripts rule and the
    // transliterated reading judge such names.
    out.retain(|form| !normalizer.normalize(form).as_str().is_ascii());
    out.sort();
    out.dedup();
    out
}

/// `text` with each Hangul syllable in the Latin letters of its parts
/// ([`tables::HANGUL_LATIN`]), the one letter Korean writes `l` and `r` with as `r` (a
/// skeleton reads `l` as `i`).
fn hangul_in_latin(text: &str) -> String {
    text.chars().fold(String::new(), |mut out, c| {
        match hangul_latin(c) {
            Some(parts) => out.extend(parts.iter().flat_map(|p| p.chars()).map(|l| match l {
                'l' => 'r',
                l => l,
            })),
            None => out.push(c),
        }
        out
    })
}

/// The Latin letters of the leading consonant, vowel and trailing consonant of `c`, when
/// it is a Hangul syllable.
fn hangul_latin(c: char) -> Option<[&'static str; 3]> {
    let s = u32::from(c)
        .checked_sub(0xAC00)
        .filter(|&s| s < 19 * 21 * 28)? as usize;
    let [leading, vowels, trailing] = &tables::HANGUL_LATIN;
    Some([
        leading[s / (21 * 28)],
        vowels[s / 28 % 21],
        trailing[s % 28],
    ])
}

/// Every grant has a valid id of its own and lifts only rules the policy has.
fn check_grants(grants: &[Grant], rules: &[Rule]) -> Result<(), Error> {
    let mut grant_ids = HashSet::new();
    for (index, grant) in grants.iter().enumerate() {
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
    Ok(())
}

/// The skeleton of each reading of a term or exception phrase (as
/// [`Normalizer::readings`] gives them, each once), with how many of its bytes the first
/// character gives, and the positions below 64 whose symbol stands for a letter doubled as
/// written (`Office` is `ofice`, its `f` doubled), as bits.
/// The skeletons of `text` respelled as other scripts write it by sound
/// (`data/respellings.txt`: `Microsoft` is `mikrosoft`), each with the positions of the
/// letters it doubles, where they differ from its own skeletons `own`, and the
/// respelling with its readings, to explain a hit by; none where the respelling is the
/// text itself.
fn spoken_forms(
    normalizer: &Normalizer,
    text: &str,
    own: &[Vec<u8>],
) -> (Vec<(Vec<u8>, u64)>, Option<TermForm>) {
    let lower = text.to_lowercase();
    let bytes = lower.as_bytes();
    let mut spoken = Vec::with_capacity(bytes.len() + 4);
    let mut i = 0;
    while i < bytes.len() {
        match crate::tables::RESPELLINGS
            .iter()
            .find(|(spelling, _)| bytes[i..].starts_with(spelling))
        {
            Some((spelling, respelling)) => {
                spoken.extend_from_slice(respelling);
                i += spelling.len();
            }
            None => {
                spoken.push(bytes[i]);
                i += 1;
            }
        }
    }
    let Some(spoken) = String::from_utf8(spoken)
        .ok()
        .filter(|s| s.as_bytes() != bytes)
    else {
        return (Vec::new(), None);
    };
    let readings = normalizer.readings(&spoken, MAX_FORM_READINGS);
    let forms: Vec<(Vec<u8>, u64)> = pattern_forms(&readings)
        .into_iter()
        .filter(|(form, _, _)| !own.contains(form))
        .map(|(form, _, doubled)| (form, doubled))
        .collect();
    if forms.is_empty() {
        return (forms, None);
    }
    let form = TermForm {
        text: spoken,
        readings,
        turned: false,
    };
    (forms, Some(form))
}

fn pattern_forms(readings: &[Skeleton]) -> Vec<(Vec<u8>, usize, u64)> {
    readings
        .iter()
        .map(|r| {
            let bytes = r.as_str().as_bytes().to_vec();
            (bytes, r.leading_characters_len(1), r.view().repeat_mask())
        })
        .collect()
}

/// `text` written upside down as fancy-text generators do (each letter turned half round,
/// in reverse order: `Azure` is `ǝɹnzɐ`), as the reader reads it letter by letter: a
/// turned letter as the letter it was turned from, a glyph that is itself an ASCII letter
/// as written (`u` turned is `n`): `ernza`; and, where that differs, as generators write
/// capitals, whose turned glyphs are never ASCII letters (`∩` for `U`): `eruza`. A match
/// of either must hold a turned letter. None unless `text` is ASCII letters, digits and
/// spaces.
fn upside_down(text: &str) -> Vec<String> {
    if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        return Vec::new();
    }
    let small: String = text
        .chars()
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
        .collect();
    let capitals: String = text.chars().rev().map(|c| c.to_ascii_lowercase()).collect();
    if capitals == small {
        vec![small]
    } else {
        vec![small, capitals]
    }
}

/// The most readings of one term or exception phrase that become patterns: a policy's
/// author writes those, and each reading is a pattern of the automaton.
const MAX_FORM_READINGS: usize = 64;

/// The matcher's view of an exception `phrase` of `rule` (all rules: `None`): each reading's
/// skeleton and where its words break.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A Hangul syllable reads as the Latin letters of its parts; anything else has none.
    #[test]
    fn hangul_syllables_read_as_their_parts() {
        assert_eq!(hangul_latin('가'), Some(["g", "a", ""]));
        assert_eq!(hangul_latin('힣'), Some(["h", "i", "h"]));
        assert_eq!(hangul_latin('ㄱ'), None);
        assert_eq!(hangul_latin('a'), None);
        assert_eq!(hangul_in_latin("마이크로 소프트"), "maikeuro sopeuteu");
    }

    /// The forms of a term partly as a Hangul alias, split where the parts sound alike.
    #[test]
    fn a_hangul_alias_gives_forms_partly_in_latin_letters() {
        let forms = mixed_forms(
            &Normalizer::new(),
            "Microsoft",
            &["마이크로소프트".to_owned()],
        );
        assert!(forms.contains(&"마이크로soft".to_owned()), "{forms:?}");
        assert!(forms.contains(&"Micro소프트".to_owned()), "{forms:?}");
        assert!(mixed_forms(&Normalizer::new(), "Microsoft", &["소프트".to_owned()]).is_empty());
    }
}
