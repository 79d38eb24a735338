//! Policy files: a versioned TOML format for everything the builder can express.
//!
//! The format, every key of it, is in the crate docs (README.md, "Policy files"); a test
//! parses that example, so the two cannot drift apart.
//!
//! Unknown keys are rejected, and every error says where it is and what to fix:
//! `12:5: unknown field `severty`, expected one of `text`, `severity`, ...`. Callers that
//! read the file put its name in front (`policy.toml:12:5: ...`).

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Entry, Error, Repr};
use crate::grant::Grant;
use crate::matcher::regex_rules::{RegexRule, RegexTarget};
use crate::matcher::structure::Structure;
use crate::matcher::MatchScope;
use crate::policy::{Policy, PolicyBuilder, Term};
use crate::rule::{Category, Level, Severity};

/// The only format version so far.
pub const POLICY_FILE_VERSION: u32 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: Spanned<u32>,
    max_input_bytes: Option<usize>,
    extends: Option<Spanned<Extends>>,
    leet: Option<bool>,
    disguised: Option<Severity>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    typo_squats: Option<TypoSquats>,
    two_edits: Option<TypoSquats>,
    sound_alikes: Option<TypoSquats>,
    transliteration: Option<TypoSquats>,
    structure: Option<StructureFile>,
    #[serde(default)]
    terms: Vec<Spanned<TermFile>>,
    #[serde(default)]
    regex: Vec<Spanned<RegexFile>>,
    #[serde(default)]
    grants: Vec<Spanned<GrantFile>>,
    /// Files of protected names, one name a line, most popular first; paths relative to
    /// the policy file.
    #[serde(default)]
    protect: Vec<Spanned<String>>,
}

/// `extends = "marketplace"` or `extends = ["marketplace", "reserved"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Extends {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrantFile {
    id: Spanned<String>,
    rules: Vec<Spanned<String>>,
    reason: Option<String>,
}

/// `[typo_squats]`, `[two_edits]`, `[sound_alikes]` and `[transliteration]`: the level of
/// each check.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypoSquats {
    severity: Level,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StructureFile {
    min_length: Option<Spanned<usize>>,
    max_length: Option<Spanned<usize>>,
    length: Option<Level>,
    forbidden_characters: Option<Level>,
    whitespace: Option<Level>,
    require_letter: Option<Level>,
    invisible_characters: Option<Level>,
    mixed_scripts: Option<Level>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    text: Spanned<String>,
    severity: Option<Severity>,
    scope: Option<MatchScope>,
    category: Option<Category>,
    reason: Option<String>,
    id: Option<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    typo_squats: Option<bool>,
    two_edits: Option<bool>,
    sound_alikes: Option<bool>,
    transliteration: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegexFile {
    id: Spanned<String>,
    pattern: Spanned<String>,
    target: Option<RegexTarget>,
    severity: Option<Severity>,
    category: Option<Category>,
    reason: Option<String>,
}

impl Policy {
    /// Builds a policy from the TOML policy format (see [the crate docs](crate#policy-files)).
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
    /// starts with `line:column:` ([`Error::location`]); an error the builder found keeps
    /// its [`kind`](Error::kind).
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn from_toml_str(text: &str) -> Result<Policy, Error> {
        Policy::from_toml_str_in(text, Path::new("."))
    }

    /// Builds a policy from a TOML policy file at `path`:
    /// [`from_toml_str`](Policy::from_toml_str) of its text, with the files of protected
    /// names it lists (`protect = ["names.txt"]`) found beside it.
    ///
    /// # Errors
    ///
    /// When the file or a file of protected names it lists cannot be read, or as
    /// [`from_toml_str`](Policy::from_toml_str). The message starts with the path, line
    /// and column (`policy.toml:12:5: ...`).
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn from_file(path: impl AsRef<Path>) -> Result<Policy, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::new(Repr::PolicyFile {
                message: format!("cannot read policy {}: {e}", path.display()),
            })
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        Policy::from_toml_str_in(&text, dir).map_err(|e| e.in_file(path))
    }

    /// [`from_toml_str`](Policy::from_toml_str), with the files of protected names that
    /// the text lists (`protect = ["names.txt"]`) found in `dir`: for a policy text kept
    /// apart from its file.
    ///
    /// # Errors
    ///
    /// As [`from_toml_str`](Policy::from_toml_str), and when a file of protected names
    /// cannot be read.
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn from_toml_str_in(text: &str, dir: impl AsRef<Path>) -> Result<Policy, Error> {
        let dir = dir.as_ref();
        let (builder, file, base) = read(text, dir)?;
        builder.build().map_err(|e| {
            let at = e.entry().and_then(|entry| file.span_of(entry, &e, base));
            match at {
                Some(at) => {
                    let (line, column) = line_column(text, at.start);
                    e.located(line, column, base.terms)
                }
                None => e,
            }
        })
    }
}

/// The builder of the policy file at `path`, its lists of protected names beside it.
#[cfg(test)]
pub(crate) fn builder_from_file(path: &Path) -> Result<PolicyBuilder, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(Repr::PolicyFile {
            message: format!("cannot read policy {}: {e}", path.display()),
        })
    })?;
    read(&text, path.parent().unwrap_or(Path::new("."))).map(|(builder, ..)| builder)
}

/// A parser's message in the words of a policy file: no Rust type names (`expected
/// usize` is "expected a whole number, 0 or more"), and a hint where a table of entries
/// is written as one table (`[terms]` for `[[terms]]`).
fn plain_message(text: &str, at: usize, message: &str) -> String {
    let rest = text.get(at..).unwrap_or_default();
    if message.contains("expected a sequence") && rest.starts_with('[') && !rest.starts_with("[[") {
        if let Some(name) = rest[1..].split(']').next().filter(|n| !n.contains('\n')) {
            let name = name.trim();
            return format!(
                "`[{name}]` makes one table, but `{name}` is a list: write `[[{name}]]` above \
                 each entry"
            );
        }
    }
    if message.contains("untagged enum Extends") {
        return "`extends` takes a preset name (\"marketplace\" or \"reserved\") or a list of \
                them"
            .to_owned();
    }
    let mut message = message.to_owned();
    for (rust, plain) in [
        ("usize", "a whole number, 0 or more"),
        ("u64", "a whole number, 0 or more"),
        ("u32", "a whole number, 0 or more"),
        ("u16", "a whole number, 0 or more"),
        ("u8", "a whole number, 0 or more"),
        ("i64", "a whole number"),
        ("i32", "a whole number"),
        ("f64", "a number"),
    ] {
        message = message.replace(&format!("expected {rust}"), &format!("expected {plain}"));
    }
    message
}

/// Reads a policy file into a builder (its lists of protected names relative to `dir`):
/// the file, and how many entries the preset it extends held, to locate the builder's
/// errors.
fn read(text: &str, dir: &Path) -> Result<(PolicyBuilder, File, Base), Error> {
    let file: File = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|s| s.start).unwrap_or(0);
        file_error(text, at, &plain_message(text, at, e.message().trim_end()))
    })?;
    if *file.version.get_ref() != POLICY_FILE_VERSION {
        return Err(file_error(
            text,
            file.version.span().start,
            &format!(
                "unsupported version {}; this crate reads version {POLICY_FILE_VERSION}",
                file.version.get_ref()
            ),
        ));
    }
    let (presets, at): (Vec<&String>, usize) = match &file.extends {
        None => (Vec::new(), 0),
        Some(extends) => match extends.get_ref() {
            Extends::One(name) => (vec![name], extends.span().start),
            Extends::Many(names) => (names.iter().collect(), extends.span().start),
        },
    };
    let mut builder: Option<PolicyBuilder> = None;
    for name in presets {
        let preset = match name.as_str() {
            "marketplace" => PolicyBuilder::marketplace(),
            "reserved" => PolicyBuilder::reserved(),
            other => {
                return Err(file_error(
                    text,
                    at,
                    &format!(
                        "unknown preset {other:?}; the presets are \"marketplace\" and \"reserved\""
                    ),
                ))
            }
        };
        builder = Some(match builder {
            None => preset,
            Some(b) => b.extend(preset),
        });
    }
    let mut builder = builder.unwrap_or_else(Policy::builder);
    // The builder counts entries from the preset's; errors name them so.
    let base = Base {
        terms: builder.term_count(),
        exceptions: builder.exception_count(),
        regexes: builder.regex_count(),
        grants: builder.grant_count(),
    };
    if let Some(limit) = file.max_input_bytes {
        builder = builder.max_input_bytes(limit);
    }
    if let Some(leet) = file.leet {
        builder = builder.leet(leet);
    }
    if let Some(severity) = file.disguised {
        builder = builder.disguised(severity);
    }
    if let Some(typo) = &file.typo_squats {
        builder = builder.typo_squats(typo.severity);
    }
    if let Some(two) = &file.two_edits {
        builder = builder.two_edits(two.severity);
    }
    if let Some(sound) = &file.sound_alikes {
        builder = builder.sound_alikes(sound.severity);
    }
    if let Some(translit) = &file.transliteration {
        builder = builder.transliteration(translit.severity);
    }
    if let Some(s) = &file.structure {
        let mut structure = builder.current_structure().clone();
        if s.min_length.is_some() || s.max_length.is_some() {
            let min = s
                .min_length
                .as_ref()
                .map_or(structure.min_length(), |m| *m.get_ref());
            let max = s
                .max_length
                .as_ref()
                .map_or(structure.max_length(), |m| *m.get_ref());
            structure = structure.length(min, max);
        }
        /// A setter of one rule's level.
        type SetLevel = fn(Structure, Level) -> Structure;
        let levels: [(Option<Level>, SetLevel); 6] = [
            (s.length, Structure::length_level),
            (s.forbidden_characters, Structure::forbidden_characters),
            (s.whitespace, Structure::whitespace),
            (s.require_letter, Structure::require_letter),
            (s.invisible_characters, Structure::invisible_characters),
            (s.mixed_scripts, Structure::mixed_scripts),
        ];
        for (level, set) in levels {
            if let Some(level) = level {
                structure = set(structure, level);
            }
        }
        builder = builder.structure(structure);
    }
    for phrase in &file.exceptions {
        builder = builder.exception(phrase.get_ref().clone());
    }
    for entry in &file.terms {
        let t = entry.get_ref();
        let mut term = Term::new(
            t.text.get_ref().clone(),
            t.severity.unwrap_or(Severity::Deny),
        )
        .with_scope(t.scope.unwrap_or_default())
        .with_category(t.category.unwrap_or_default());
        if let Some(reason) = &t.reason {
            term = term.with_reason(reason.clone());
        }
        if let Some(id) = &t.id {
            term = term.with_id(id.get_ref().clone());
        }
        for phrase in &t.exceptions {
            term = term.except(phrase.get_ref().clone());
        }
        for alias in &t.aliases {
            term = term.alias(alias.clone());
        }
        if let Some(yes) = t.typo_squats {
            term = term.with_typo_squats(yes);
        }
        if let Some(yes) = t.two_edits {
            term = term.with_two_edits(yes);
        }
        if let Some(yes) = t.sound_alikes {
            term = term.with_sound_alikes(yes);
        }
        if let Some(yes) = t.transliteration {
            term = term.with_transliteration(yes);
        }
        builder = builder.term(term);
    }
    for entry in &file.regex {
        let r = entry.get_ref();
        let mut rule = RegexRule::new(
            r.id.get_ref().clone(),
            r.pattern.get_ref().clone(),
            r.severity.unwrap_or(Severity::Deny),
        )
        .with_target(r.target.unwrap_or_default())
        .with_category(r.category.unwrap_or_default());
        if let Some(reason) = &r.reason {
            rule = rule.with_reason(reason.clone());
        }
        builder = builder.regex(rule);
    }
    for entry in &file.grants {
        let g = entry.get_ref();
        let mut grant = Grant::new(
            g.id.get_ref().clone(),
            g.rules.iter().map(|r| r.get_ref().clone()),
        );
        if let Some(reason) = &g.reason {
            grant = grant.with_reason(reason.clone());
        }
        builder = builder.grant(grant);
    }
    for list in &file.protect {
        let path = dir.join(list.get_ref());
        let names = read_name_list(&path).map_err(|e| {
            file_error(
                text,
                list.span().start,
                &format!("cannot read protected names {}: {e}", path.display()),
            )
        })?;
        builder = builder.protect(names);
    }
    Ok((builder, file, base))
}

/// How many entries of each kind the builder held before the file's.
#[derive(Clone, Copy)]
struct Base {
    terms: usize,
    exceptions: usize,
    regexes: usize,
    grants: usize,
}

impl File {
    /// Where in the file the builder entry `entry`, which `error` is about, is written:
    /// at the key the error is about where there is one.
    fn span_of(&self, entry: Entry, error: &Error, base: Base) -> Option<Range<usize>> {
        use crate::ErrorKind;
        let id_error = matches!(
            error.kind(),
            ErrorKind::DuplicateRuleId | ErrorKind::InvalidRuleId
        );
        Some(match entry {
            Entry::Term(i) => {
                let term = self.terms.get(i.checked_sub(base.terms)?)?;
                match &term.get_ref().id {
                    Some(id) if id_error => id.span(),
                    _ => term.get_ref().text.span(),
                }
            }
            Entry::TermException { term, index } => {
                let term = self.terms.get(term.checked_sub(base.terms)?)?;
                term.get_ref().exceptions.get(index)?.span()
            }
            Entry::Exception(i) => self.exceptions.get(i.checked_sub(base.exceptions)?)?.span(),
            Entry::Regex(i) => {
                let rule = self.regex.get(i.checked_sub(base.regexes)?)?.get_ref();
                if id_error {
                    rule.id.span()
                } else {
                    rule.pattern.span()
                }
            }
            Entry::Grant(i) => {
                let grant = self.grants.get(i.checked_sub(base.grants)?)?.get_ref();
                match error.kind() {
                    ErrorKind::UnknownGrantRule => {
                        let rule = error.unknown_grant_rule()?;
                        grant.rules.iter().find(|r| r.get_ref() == rule)?.span()
                    }
                    _ => grant.id.span(),
                }
            }
            Entry::Structure => {
                let s = self.structure.as_ref()?;
                s.min_length.as_ref().or(s.max_length.as_ref())?.span()
            }
        })
    }
}

/// The names of a file of names, one a line, in order: lines trimmed, blank lines and
/// lines starting with `#` skipped. The format of protected-name lists (`protect` in a
/// policy file, `--protect` of the command-line tool).
///
/// # Errors
///
/// When the file cannot be read or is not UTF-8.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub fn read_name_list(path: impl AsRef<Path>) -> std::io::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// A policy-file error at byte `at` of `text`.
fn file_error(text: &str, at: usize, message: &str) -> Error {
    let (line, column) = line_column(text, at);
    Error::new(Repr::PolicyFile {
        message: message.to_owned(),
    })
    .located(line, column, 0)
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}
