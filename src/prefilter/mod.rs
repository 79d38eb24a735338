//! The prefilter: a quick check that the matcher would find nothing in a name.
//!
//! Most names a registry holds are innocent, and most of them cannot hold a term at all.
//! Like the quick check of Unicode normalization (which answers "yes" or "maybe") or the
//! prefilters of `aho-corasick` (which skip ahead but never decide a match), the
//! prefilter answers only [`Screened::Clean`] ("the matcher would find no term and no
//! typo-squat") or [`Screened::Unsure`]; the pipeline decides everything else, and never
//! calls into the prefilter. It has two steps:
//!
//! - the census (`census.rs`): the set of skeleton symbols a name could yield in any
//!   reading, taken with a table lookup per character; a term cannot occur unless each of
//!   its symbols is there, and a typo-squat lacks at most one of them;
//! - the pass (`pass.rs`): the reader itself, with a sink that steps the finder of every
//!   term and exception pattern as the skeleton grows, and screens each run of words
//!   against the typo-squat index's filters as it ends. It keeps the skeleton in a stack
//!   buffer, and stops at the first pattern or plausible run.
//!
//! It never judges scopes, exceptions or severities. Tests and a fuzz target hold it to
//! the pipeline: whenever it says clean, the pipeline finds no term and no typo-squat.

mod census;
mod near;
mod pass;

use crate::matcher::Matcher;
use crate::normalize::Normalizer;

pub(crate) use census::{Census, Readings, Ruling, Taken};

/// What the prefilter can tell of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Screened {
    /// The matcher would find no term and no typo-squat.
    Clean,
    /// The pipeline must look.
    Unsure,
}

/// The prefilter of one policy.
#[derive(Clone, Debug)]
pub(crate) struct Prefilter {
    census: Census,
}

impl Prefilter {
    pub(crate) fn build(normalizer: &Normalizer, matcher: &Matcher) -> Prefilter {
        Prefilter {
            census: Census::build(normalizer, matcher),
        }
    }

    /// The census of `name`, which [`screen`](Prefilter::screen) takes and the structural
    /// rules' quick check reads.
    #[inline(always)]
    pub(crate) fn take(&self, name: &str) -> Taken {
        self.census.take(name)
    }

    /// What the prefilter can tell of `name`, whose census is `taken`.
    #[inline(always)]
    pub(crate) fn screen(
        &self,
        normalizer: &Normalizer,
        matcher: &Matcher,
        name: &str,
        taken: Taken,
    ) -> Screened {
        let (ruling, readings) = self.census.rule(name, taken);
        let terms = match ruling {
            Ruling::Clean => return Screened::Clean,
            Ruling::NoTerm => false,
            Ruling::Unsure => true,
        };
        if pass::clears(normalizer, matcher, name, terms, readings) {
            Screened::Clean
        } else {
            Screened::Unsure
        }
    }
}
