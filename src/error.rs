//! Errors from building a policy.
//!
//! A denied name is not an error: it is a [`Report`](crate::Report). An [`Error`] means the
//! policy itself cannot be built, and its message says what to fix.

use thiserror::Error as ThisError;

/// A policy could not be built.
///
/// The message names the offending rule and says what to change; [`Error::kind`] lets
/// code branch on the cause.
#[derive(Debug, Clone, ThisError)]
#[error(transparent)]
pub struct Error(#[from] Repr);

impl Error {
    /// What went wrong, for code that needs to branch on it.
    pub fn kind(&self) -> ErrorKind {
        match &self.0 {
            Repr::EmptyTerm { .. } => ErrorKind::EmptyTerm,
            Repr::TermNormalizesToNothing { .. } => ErrorKind::TermNormalizesToNothing,
            Repr::DuplicateRuleId { .. } => ErrorKind::DuplicateRuleId,
            Repr::InvalidRuleId { .. } => ErrorKind::InvalidRuleId,
            Repr::TermTooLong { .. } => ErrorKind::TermTooLong,
            Repr::EmptyException { .. } => ErrorKind::EmptyException,
            Repr::Automaton { .. } => ErrorKind::Automaton,
            Repr::InvalidRegex { .. } => ErrorKind::InvalidRegex,
            Repr::InvalidLimit { .. } => ErrorKind::InvalidLimit,
            Repr::PolicyFile { .. } => ErrorKind::PolicyFile,
        }
    }

    /// Where in a policy file the error is, as 1-based (line, column), for errors from
    /// [`Policy::from_toml_str`](crate::Policy::from_toml_str).
    pub fn location(&self) -> Option<(usize, usize)> {
        match &self.0 {
            Repr::PolicyFile { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    pub(crate) fn new(repr: Repr) -> Error {
        Error(repr)
    }

    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn repr(&self) -> &Repr {
        &self.0
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
    /// The term automaton could not be built (too many or too long terms).
    Automaton,
    /// A regex rule did not compile or exceeded its size limit.
    InvalidRegex,
    /// A structural limit was inconsistent (a minimum length above the maximum).
    InvalidLimit,
    /// A policy file could not be read: bad TOML, an unknown key, a wrong value.
    PolicyFile,
}

#[derive(Debug, Clone, ThisError)]
pub(crate) enum Repr {
    #[error("term {index} is empty: give it at least one letter or digit")]
    EmptyTerm { index: usize },
    #[error(
        "term {term:?} has no letters or digits once normalized (separators, marks and \
         invisible characters are ignored): give it at least one letter or digit"
    )]
    TermNormalizesToNothing { term: String },
    #[error("rule id {id:?} is used twice: give each rule its own id")]
    DuplicateRuleId { id: String },
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
    #[error("regex rule {rule:?} is invalid: {message}")]
    InvalidRegex { rule: String, message: String },
    #[error("invalid limit: {message}")]
    InvalidLimit { message: String },
    #[error("{line}:{column}: {message}")]
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    PolicyFile {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot build the term automaton: {message}")]
    Automaton { message: String },
}
