//! Errors from building a policy.
//!
//! A denied name is not an error: it is a [`Report`](crate::Report). An [`Error`] means the
//! policy itself cannot be built, and its message says what to fix.

use std::fmt;

use thiserror::Error as ThisError;

/// A policy could not be built.
///
/// The message names the offending rule and says what to change; [`Error::kind`] lets
/// code branch on the cause, [`Error::entry`] tells which of the builder's entries it is
/// about, and for a policy file [`Error::location`] where in the file.
#[derive(Debug, Clone)]
pub struct Error {
    repr: Repr,
    entry: Option<Entry>,
    location: Option<(usize, usize)>,
    file: Option<Box<std::path::Path>>,
}

impl std::error::Error for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
            if self.location.is_none() {
                f.write_str(" ")?;
            }
        }
        if let Some((line, column)) = self.location {
            write!(f, "{line}:{column}: ")?;
        }
        fmt::Display::fmt(&self.repr, f)
    }
}

/// Which entry of a [`PolicyBuilder`](crate::PolicyBuilder) an [`Error`] is about. Indices
/// count from 0 in the order the entries were added
/// ([`term_count`](crate::PolicyBuilder::term_count) and its siblings tell how many there
/// are).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Entry {
    /// A term.
    Term(usize),
    /// Allow-phrase `index` of term `term`.
    TermException {
        /// The term.
        term: usize,
        /// The phrase, among the term's.
        index: usize,
    },
    /// A policy-wide allow-phrase.
    Exception(usize),
    /// A regex rule.
    Regex(usize),
    /// The structural rules.
    Structure,
    /// A grant.
    Grant(usize),
}

impl Error {
    /// What went wrong, for code that needs to branch on it.
    pub fn kind(&self) -> ErrorKind {
        match &self.repr {
            Repr::EmptyTerm { .. } => ErrorKind::EmptyTerm,
            Repr::TermNormalizesToNothing { .. } => ErrorKind::TermNormalizesToNothing,
            Repr::DuplicateRuleId { .. } => ErrorKind::DuplicateRuleId,
            Repr::InvalidRuleId { .. } => ErrorKind::InvalidRuleId,
            Repr::TermTooLong { .. } => ErrorKind::TermTooLong,
            Repr::EmptyException { .. } => ErrorKind::EmptyException,
            Repr::ExceptionTooLong { .. } => ErrorKind::ExceptionTooLong,
            Repr::Automaton { .. } => ErrorKind::Automaton,
            Repr::InvalidRegex { .. } => ErrorKind::InvalidRegex,
            Repr::InvalidLimit { .. } => ErrorKind::InvalidLimit,
            Repr::PolicyFile { .. } => ErrorKind::PolicyFile,
            Repr::UnknownGrantRule { .. } => ErrorKind::UnknownGrantRule,
            Repr::DuplicateGrantId { .. } => ErrorKind::DuplicateGrantId,
        }
    }

    /// The builder entry the error is about, when it is about one.
    pub fn entry(&self) -> Option<Entry> {
        self.entry
    }

    /// Where in a policy file the error is, as 1-based (line, column), for errors from
    /// `Policy::from_toml_str` (with the `serde` feature).
    pub fn location(&self) -> Option<(usize, usize)> {
        self.location
    }

    /// The rule an [`ErrorKind::UnknownGrantRule`] error names.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn unknown_grant_rule(&self) -> Option<&str> {
        match &self.repr {
            Repr::UnknownGrantRule { rule, .. } => Some(rule),
            _ => None,
        }
    }

    pub(crate) fn new(repr: Repr) -> Error {
        Error {
            repr,
            entry: None,
            location: None,
            file: None,
        }
    }

    /// An error about builder entry `entry`.
    pub(crate) fn at(entry: Entry, repr: Repr) -> Error {
        Error {
            repr,
            entry: Some(entry),
            location: None,
            file: None,
        }
    }

    /// The policy file the error is in, when it was read from one (`Policy::from_file`,
    /// feature `serde`).
    pub fn file(&self) -> Option<&std::path::Path> {
        self.file.as_deref()
    }

    /// The same error, in the policy file at `path`.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn in_file(mut self, path: &std::path::Path) -> Error {
        self.file = Some(path.into());
        self
    }

    /// The same error, located at (line, column) of a policy file whose terms follow
    /// `preset_terms` of the preset it extends: a term is numbered among the file's.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn located(mut self, line: usize, column: usize, preset_terms: usize) -> Error {
        self.location = Some((line, column));
        if let Repr::EmptyTerm { number } = &mut self.repr {
            *number = number.saturating_sub(preset_terms);
        }
        self
    }
}

/// The cause of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A term was empty or only whitespace.
    EmptyTerm,
    /// A term had no letters or digits left after normalization (`"--"`, `"\u{200B}"`).
    TermNormalizesToNothing,
    /// Two rules share an id.
    DuplicateRuleId,
    /// A rule id was empty or had characters other than ASCII letters, digits, `.`, `-`, `_`.
    InvalidRuleId,
    /// A term's skeleton is longer than the matcher supports.
    TermTooLong,
    /// An exception phrase had no letters or digits.
    EmptyException,
    /// An exception phrase's skeleton is longer than the matcher supports.
    ExceptionTooLong,
    /// The term automaton could not be built (too many or too long terms).
    Automaton,
    /// A regex rule did not compile or exceeded its size limit.
    InvalidRegex,
    /// A structural limit was inconsistent (a minimum length above the maximum).
    InvalidLimit,
    /// A policy file could not be read: bad TOML, an unknown key, a wrong value.
    PolicyFile,
    /// A grant lifts a rule the policy does not have.
    UnknownGrantRule,
    /// Two grants share an id, or a grant id is not valid.
    DuplicateGrantId,
}

#[derive(Debug, Clone, ThisError)]
pub(crate) enum Repr {
    /// `number` counts terms from 1: those added to the builder, or those of the policy
    /// file (not the preset's it extends).
    #[error("term {number} is empty: give it at least one letter or digit")]
    EmptyTerm { number: usize },
    #[error(
        "term {term:?} has no letters or digits once normalized (separators, marks and \
         invisible characters are ignored): give it at least one letter or digit"
    )]
    TermNormalizesToNothing { term: String },
    #[error(
        "rule id {id:?}{} is used twice: give each rule its own id",
        derived_from(term)
    )]
    DuplicateRuleId { id: String, term: Option<String> },
    #[error("rule id {id:?} is not valid: use 1 to 64 ASCII letters, digits, '.', '-' or '_'")]
    InvalidRuleId { id: String },
    #[error("term {term:?} is too long ({len} skeleton bytes, at most {max}): shorten it")]
    TermTooLong {
        term: String,
        len: usize,
        max: usize,
    },
    #[error("exception {phrase:?} has no letters or digits once normalized")]
    EmptyException { phrase: String },
    #[error("exception {phrase:?} is too long ({len} skeleton bytes, at most {max}): shorten it")]
    ExceptionTooLong {
        phrase: String,
        len: usize,
        max: usize,
    },
    #[error("regex rule {rule:?} is invalid: {message}")]
    InvalidRegex { rule: String, message: String },
    #[error("the minimum length {min} is above the maximum length {max}: lower the minimum")]
    InvalidLimit { min: usize, max: usize },
    #[error("{message}")]
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    PolicyFile { message: String },
    #[error(
        "grant {grant:?} lifts {rule:?}, which is no rule of this policy: name a term, \
         regex or structure rule id"
    )]
    UnknownGrantRule { grant: String, rule: String },
    #[error("grant id {id:?} is used twice or is not valid: give each grant its own id of 1 to 64 ASCII letters, digits, '.', '-' or '_'")]
    DuplicateGrantId { id: String },
    #[error("cannot build the term automaton: {message}")]
    Automaton { message: String },
}

/// ` (derived from the term "Contoso")` for an id the term did not set.
fn derived_from(term: &Option<String>) -> String {
    match term {
        Some(term) => format!(" (derived from the term {term:?})"),
        None => String::new(),
    }
}
