//! Policy files: a versioned TOML format for everything the builder can express.
//!
//! ```toml
//! version = 1                  # required
//! extends = "marketplace"      # optional: start from the built-in preset
//! leet = true                  # leetspeak decoding (default true)
//! max_input_bytes = 65536      # longer names are denied unread (default 64 KiB)
//! exceptions = ["Box Office"]  # allow-phrases for every term
//!
//! [typo_squats]
//! severity = "review"          # "review", "deny" or "off" (default "review")
//!
//! [structure]                  # every key optional; severities are "deny", "review", "off"
//! min_length = 2
//! max_length = 128
//! length = "deny"
//! forbidden_characters = "deny"
//! whitespace = "review"
//! require_letter = "deny"
//! invisible_characters = "review"
//! mixed_scripts = "review"
//!
//! [[terms]]
//! text = "Contoso"             # required
//! severity = "deny"            # "deny" (default) or "review"
//! scope = "substring"          # "substring" (default), "word", "prefix" or "exact"
//! category = "trademark"       # trademark, reserved, profanity, impersonation, custom
//! reason = "Contoso is a trademark of Contoso Ltd"
//! id = "trademark.contoso"     # default: category.term
//! exceptions = ["Contoso Bay Fishing"]
//!
//! [[regex]]
//! id = "custom.phone"          # required
//! pattern = '\d{6,}'           # required, `regex` crate syntax
//! target = "original"          # "original" (default) or "skeleton"
//! severity = "review"
//! category = "custom"
//! reason = "looks like a phone number"
//! ```
//!
//! Unknown keys are rejected, and every error says where it is and what to fix:
//! `12:5: unknown field `severty`, expected one of `text`, `severity`, ...`. Callers that
//! read the file put its name in front (`policy.toml:12:5: ...`).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Repr};
use crate::matcher::regex_rules::{RegexRule, RegexTarget};
use crate::matcher::structure::Structure;
use crate::matcher::MatchScope;
use crate::policy::{Policy, PolicyBuilder, Term};
use crate::verdict::{Category, Severity};

/// The only format version so far.
pub const POLICY_FILE_VERSION: u32 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: Spanned<u32>,
    max_input_bytes: Option<usize>,
    extends: Option<Spanned<String>>,
    leet: Option<bool>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    typo_squats: Option<TypoSquats>,
    structure: Option<StructureFile>,
    #[serde(default)]
    terms: Vec<Spanned<TermFile>>,
    #[serde(default)]
    regex: Vec<Spanned<RegexFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypoSquats {
    severity: Setting,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StructureFile {
    min_length: Option<usize>,
    max_length: Option<usize>,
    length: Option<Setting>,
    forbidden_characters: Option<Setting>,
    whitespace: Option<Setting>,
    require_letter: Option<Setting>,
    invisible_characters: Option<Setting>,
    mixed_scripts: Option<Setting>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    text: String,
    severity: Option<Severity>,
    scope: Option<MatchScope>,
    category: Option<Category>,
    reason: Option<String>,
    id: Option<String>,
    #[serde(default)]
    exceptions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegexFile {
    id: String,
    pattern: String,
    target: Option<RegexTarget>,
    severity: Option<Severity>,
    category: Option<Category>,
    reason: Option<String>,
}

/// A severity, or off.
#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Setting {
    Off,
    Review,
    Deny,
}

impl Setting {
    fn severity(self) -> Option<Severity> {
        match self {
            Setting::Off => None,
            Setting::Review => Some(Severity::Review),
            Setting::Deny => Some(Severity::Deny),
        }
    }
}

impl Policy {
    /// Builds a policy from the TOML policy format (see [`crate::file`]).
    ///
    /// ```
    /// use name_policy::{Policy, Verdict};
    ///
    /// let policy = Policy::from_toml_str(r#"
    ///     version = 1
    ///     extends = "marketplace"
    ///
    ///     [[terms]]
    ///     text = "Contoso"
    ///     category = "trademark"
    /// "#)?;
    /// assert_eq!(policy.check("C0nt0so").verdict(), Verdict::Deny);
    /// assert_eq!(policy.check("Azure Fans").verdict(), Verdict::Deny);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When the text is not valid TOML, has an unknown key or a value of the wrong type,
    /// has an unsupported version, or describes a policy the builder rejects. The message
    /// starts with `line:column:`.
    pub fn from_toml_str(text: &str) -> Result<Policy, Error> {
        let file: File = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            located(text, at, e.message().trim_end())
        })?;
        if *file.version.get_ref() != POLICY_FILE_VERSION {
            return Err(located(
                text,
                file.version.span().start,
                &format!(
                    "unsupported version {}; this crate reads version {POLICY_FILE_VERSION}",
                    file.version.get_ref()
                ),
            ));
        }
        let mut builder = match &file.extends {
            None => Policy::builder(),
            Some(name) if name.get_ref() == "marketplace" => PolicyBuilder::marketplace(),
            Some(name) => {
                return Err(located(
                    text,
                    name.span().start,
                    &format!(
                        "unknown preset {:?}; the only preset is \"marketplace\"",
                        name.get_ref()
                    ),
                ))
            }
        };
        if let Some(limit) = file.max_input_bytes {
            builder = builder.max_input_bytes(limit);
        }
        if let Some(leet) = file.leet {
            builder = builder.leet(leet);
        }
        if let Some(typo) = &file.typo_squats {
            builder = builder.typo_squats(typo.severity.severity());
        }
        if let Some(s) = &file.structure {
            let base = builder.current_structure();
            builder = builder.structure(structure(base, s));
        }
        // Where each entry is, to locate errors the builder finds.
        let mut places: Vec<(Place, Range<usize>)> = Vec::new();
        for phrase in &file.exceptions {
            places.push((Place::Exception(phrase.get_ref().clone()), phrase.span()));
            builder = builder.exception(phrase.get_ref().clone());
        }
        for (index, entry) in file.terms.iter().enumerate() {
            let t = entry.get_ref();
            let mut term = Term::new(t.text.clone(), t.severity.unwrap_or(Severity::Deny))
                .scope(t.scope.unwrap_or_default())
                .category(t.category.unwrap_or_default());
            if let Some(reason) = &t.reason {
                term = term.reason(reason.clone());
            }
            if let Some(id) = &t.id {
                term = term.id(id.clone());
            }
            for phrase in &t.exceptions {
                places.push((Place::Exception(phrase.clone()), entry.span()));
                term = term.except(phrase.clone());
            }
            places.push((
                Place::Term(index, t.text.clone(), t.id.clone()),
                entry.span(),
            ));
            builder = builder.term(term);
        }
        for entry in &file.regex {
            let r = entry.get_ref();
            let mut rule = RegexRule::new(
                r.id.clone(),
                r.pattern.clone(),
                r.severity.unwrap_or(Severity::Deny),
            )
            .target(r.target.unwrap_or_default())
            .category(r.category.unwrap_or_default());
            if let Some(reason) = &r.reason {
                rule = rule.reason(reason.clone());
            }
            places.push((Place::Regex(r.id.clone()), entry.span()));
            builder = builder.regex(rule);
        }
        let base_terms = builder.term_count() - file.terms.len();
        builder.build().map_err(|e| {
            let at = places
                .iter()
                .find(|(place, _)| place.caused(&e, base_terms))
                .map_or(0, |(_, span)| span.start);
            located(text, at, &e.to_string())
        })
    }
}

/// An entry of the file, to find the one a build error is about.
enum Place {
    Term(usize, String, Option<String>),
    Regex(String),
    Exception(String),
}

impl Place {
    fn caused(&self, error: &Error, base_terms: usize) -> bool {
        match (self, error.repr()) {
            (Place::Term(i, ..), Repr::EmptyTerm { index }) => *index == base_terms + i,
            (Place::Term(_, text, _), Repr::TermNormalizesToNothing { term })
            | (Place::Term(_, text, _), Repr::TermTooLong { term, .. }) => text == term,
            (Place::Term(_, _, Some(id)), Repr::DuplicateRuleId { id: dup })
            | (Place::Term(_, _, Some(id)), Repr::InvalidRuleId { id: dup }) => id == dup,
            (Place::Regex(id), Repr::InvalidRegex { rule, .. })
            | (Place::Regex(id), Repr::DuplicateRuleId { id: rule })
            | (Place::Regex(id), Repr::InvalidRuleId { id: rule }) => id == rule,
            (Place::Exception(p), Repr::EmptyException { phrase }) => p == phrase,
            _ => false,
        }
    }
}

fn structure(base: Structure, s: &StructureFile) -> Structure {
    let mut out = base;
    if let Some(min) = s.min_length {
        out.min_chars = min;
        out.length = out.length.or(Some(Severity::Deny));
    }
    if let Some(max) = s.max_length {
        out.max_chars = max;
        out.length = out.length.or(Some(Severity::Deny));
    }
    let set = |slot: &mut Option<Severity>, v: Option<Setting>| {
        if let Some(v) = v {
            *slot = v.severity();
        }
    };
    set(&mut out.length, s.length);
    set(&mut out.forbidden, s.forbidden_characters);
    set(&mut out.whitespace, s.whitespace);
    set(&mut out.letter, s.require_letter);
    set(&mut out.invisible, s.invisible_characters);
    set(&mut out.mixed_scripts, s.mixed_scripts);
    out
}

/// An error at byte `at` of `text`, as `line:column: message` (both 1-based; the column
/// counts characters).
fn located(text: &str, at: usize, message: &str) -> Error {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Error::new(Repr::PolicyFile {
        line,
        column,
        message: message.to_owned(),
    })
}
