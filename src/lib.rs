//! name-policy decides whether a proposed account or publisher name may be registered,
//! seeing through the disguises people use to slip a trademark past a filter: fullwidth
//! letters (`ＡＺＵＲＥ`), look-alikes from other scripts (`Аzure` in Cyrillic), leetspeak
//! (`M1cr0$oft`, `|\/|icrosoft`), separators and invisible characters (`Micro-soft`,
//! `Az\u{200B}ure`), text upside down (`ǝɹnzɐ`) and misspellings (`Mircosoft`). It reduces
//! each name to a matching skeleton, checks it against a rule set, and explains every
//! violation with the span of the **original** name that caused it.
//!
//! ```
//! use name_policy::{Category, MatchScope, Policy, Term, Verdict};
//!
//! // The built-in preset: no "Microsoft" or "Azure", in any disguise.
//! let policy = Policy::marketplace();
//! let report = policy.check("Contoso Azure Labs");
//! assert_eq!(report.verdict(), Verdict::Deny);
//! assert_eq!(report.violations()[0].span(), 8..13); // bytes of the name as given
//! assert!(policy.is_allowed("Azores Travel"));
//! assert!(!policy.is_allowed("Ｍｉｃｒｏ-soft Partners"));
//!
//! // Or your own: build once, share across threads (Policy is Send + Sync, cheap to clone).
//! let policy = Policy::builder()
//!     .term(Term::deny("Contoso").with_category(Category::Trademark))
//!     .term(Term::review("admin").with_scope(MatchScope::Word).with_category(Category::Reserved))
//!     .build()?;
//! assert_eq!(policy.check("C0nt0so Cloud").verdict(), Verdict::Deny);
//! assert_eq!(policy.check("Badminton Club").verdict(), Verdict::Allow);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Policy::is_allowed`] is the hot path: no heap allocation for ordinary names, and it
//! stops at the first violation. [`Policy::check`] returns a [`Report`] with every
//! [`Violation`]: rule id, kind, category, severity, span, the matched original text, a
//! message, and the [`Reading`]s that disguised it. [`PolicyBuilder`] configures terms,
//! exceptions, scopes, typo-squat detection, regex rules, [`Structure`] rules and
//! [`Grant`]s; a policy compiles once and matches many names.
//!
//! # Features
//!
//! | feature | what it adds | crates it brings |
//! | --- | --- | --- |
//! | `serde` | policy files (`Policy::from_toml_str`), `Serialize` and `Deserialize` for reports | `serde`, `toml` |
//! | `rayon` | `Policy::par_check_all` and `Policy::par_is_allowed_all` | `rayon` |
//! | `proptest` | `testing`: strategies of disguised names and `check_evasions_denied` for your CI | `proptest`, `unicode-normalization` |
//! | `cli` | the `name-policy` binary, which vets names from arguments, stdin or files | `clap`, `serde_json`, `annotate-snippets`, `unicode_names2` |
//!
//! The minimum supported Rust version is 1.88.
//!
//! # How it works
//!
//! The pipeline is normalize → match → verdict. One reader, a state machine stepped one
//! character at a time, maps each character through generated Unicode tables
//! (compatibility forms, UTS #39 confusables, fancy-text letters, case folding) and the
//! leet alphabet; where a character reads more than one way, the matcher steps every
//! reading at once, as a Pike VM steps an NFA, so padding a name with ambiguous symbols
//! exhausts nothing. A prefilter clears most innocent names before the pipeline, and only
//! ever says "clean" or "not sure". The repository's README has the command-line tool, the
//! policy-file format, the Python bindings, and measurements.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

mod error;
#[cfg(feature = "serde")]
mod file;
mod grant;
mod matcher;
mod normalize;
mod policy;
mod prefilter;
mod rule;
mod tables;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod testing;
mod verdict;

#[cfg(test)]
mod tests;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use error::{Entry, Error, ErrorKind};
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub use file::{read_name_list, POLICY_FILE_VERSION};
pub use grant::{Grant, GrantError, Grants};
pub use matcher::regex_rules::{RegexRule, RegexTarget, REGEX_SIZE_LIMIT};
pub use matcher::structure::Structure;
pub use matcher::MatchScope;
pub use normalize::{normalize, Normalizer, Skeleton};
pub use policy::{Policy, PolicyBuilder, Term, DEFAULT_MAX_INPUT_BYTES};
pub use rule::{Category, Level, ParseError, Severity};
pub use tables::UNICODE_VERSION;
pub use verdict::{Edit, Reading, ReadingKind, Report, Verdict, Violation, ViolationKind};

/// Words that look like brand names to a matcher, for the tests of policies with
/// thousands of terms (`support/terms.rs`, shared with the benchmarks and fuzz targets).
#[cfg(any(test, fuzzing))]
#[doc(hidden)]
#[path = "../support/terms.rs"]
pub mod generated;

/// Every public type can be shared between threads and survives a panic elsewhere.
const _: () = {
    const fn thread_safe<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    thread_safe::<Policy>();
    thread_safe::<PolicyBuilder>();
    thread_safe::<Term>();
    thread_safe::<Grant>();
    thread_safe::<Grants>();
    thread_safe::<GrantError>();
    thread_safe::<Report>();
    thread_safe::<Violation>();
    thread_safe::<Verdict>();
    thread_safe::<ViolationKind>();
    thread_safe::<Reading>();
    thread_safe::<ReadingKind>();
    thread_safe::<Edit>();
    thread_safe::<Severity>();
    thread_safe::<Level>();
    thread_safe::<Category>();
    thread_safe::<MatchScope>();
    thread_safe::<RegexRule>();
    thread_safe::<RegexTarget>();
    thread_safe::<Structure>();
    thread_safe::<Normalizer>();
    thread_safe::<Skeleton>();
    thread_safe::<Error>();
    thread_safe::<ErrorKind>();
    thread_safe::<Entry>();
};
