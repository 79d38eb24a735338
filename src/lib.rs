#![doc = include_str!("../README.md")]
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

pub use error::{Entry, Error, ErrorKind};
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub use file::POLICY_FILE_VERSION;
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
