//! Decide whether a proposed account or publisher name may be registered.
//!
//! Marketplaces, app stores and registries forbid names that contain someone else's
//! trademarks or contentious words. People evade naive filters with fullwidth letters
//! (`ＡＺＵＲＥ`), look-alikes from other scripts (`Аzure` with a Cyrillic `А`), spacing
//! (`A z u r e`), leetspeak (`M1cr0$oft`), invisible characters (`Az\u{200B}ure`) and
//! misspellings (`Mircosoft`). name-policy reduces every name to a matching skeleton that
//! defeats such tricks, checks it against a rule set, and explains each violation with the
//! span of the ORIGINAL name that caused it.
//!
//! The pipeline is the architecture:
//!
//! 1. [`normalize`](mod@normalize): name → skeleton, with a map back to the original bytes;
//! 2. [`matcher`]: one automaton over all terms and exceptions, scopes, typo-squats;
//! 3. [`verdict`]: violations, severities, and the [`Report`].
//!
//! Before the pipeline, a screen clears the names that cannot hold a term or typo-squat
//! (see [Performance](#performance)); it never changes a verdict, only how fast it comes.
//!
//! ```
//! use name_policy::{Policy, Verdict};
//!
//! let policy = Policy::marketplace();
//!
//! let report = policy.check("Contoso Azure Labs");
//! assert_eq!(report.verdict(), Verdict::Deny);
//! assert_eq!(report.violations()[0].span(), 8..13);
//! assert_eq!(report.violations()[0].matched(), "Azure");
//!
//! assert!(!policy.is_allowed("Ｍｉｃｒｏ-ｓｏｆｔ Partners"));
//! assert!(policy.is_allowed("Azores Travel"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Build your own policy once and share it between threads:
//!
//! ```
//! use name_policy::{Category, MatchScope, Policy, Term, Verdict};
//!
//! let policy = Policy::builder()
//!     .term(Term::deny("Contoso").category(Category::Trademark))
//!     .term(Term::review("admin").scope(MatchScope::Word).category(Category::Reserved))
//!     .build()?;
//!
//! assert_eq!(policy.check("C0nt0so Cloud").verdict(), Verdict::Deny);
//! assert_eq!(policy.check("The Admin Team").verdict(), Verdict::Review);
//! assert_eq!(policy.check("Badminton Club").verdict(), Verdict::Allow);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The marketplace preset
//!
//! [`Policy::marketplace`] encodes the partner-portal guideline "names must not contain
//! Microsoft or Azure", rule by rule:
//!
//! | rule id | what it catches | severity |
//! | --- | --- | --- |
//! | `trademark.microsoft` | "Microsoft" anywhere in the skeleton, in any disguise | deny |
//! | `trademark.azure` | "Azure" anywhere in the skeleton, in any disguise; the words "Azur" and "Azura" are exempt from its typo-squat check | deny |
//! | (typo-squat of either) | a word, or up to three adjacent words, one edit from a term: `Mircosoft`, `Azrue`, `Micro Sotf` | review |
//! | `structure.length` | fewer than 2 visible characters, or more than 128 characters | deny |
//! | `structure.forbidden-character` | controls, unassigned, private-use and noncharacter code points, bidi embeddings, overrides and isolates, tag characters, line and paragraph separators | deny |
//! | `structure.no-letter` | no letter at all (`2233`) | deny |
//! | `structure.whitespace` | leading, trailing or repeated whitespace | review |
//! | `structure.invisible-character` | zero-width characters, bidi marks and other default-ignorables, except joiners inside scripts that need them, bidi marks in right-to-left names and emoji variation selectors | review |
//! | `structure.mixed-scripts` | a word mixing look-alike letters of scripts UTS #39 keeps apart (`Аpps` with a Cyrillic `А`) | review |
//!
//! "Anywhere" means: inside a word (`MyAzureApp`), or across separators when the pieces
//! read as one word split apart (`A z u r e`, `Micro-Soft`, `Micro Softworks`), but not
//! when a term straddles the end of one word and the start of another (`Kazu Research`,
//! `Azur Events`).
//!
//! # Performance
//!
//! Measured on this project's 2-core machine in one run of
//! `NAME_POLICY_CORPUS=../shared/corpora/package-names.txt:../shared/corpora/company-names-intl.txt NAME_POLICY_CORPUS_LIMIT=100000 cargo bench --bench throughput --all-features`
//! (criterion medians, one thread unless noted; the same names and the preset's two terms for
//! every contender). Throughput in million names per second, and name-policy's `is_allowed`
//! as a multiple of each peer:
//!
//! | contender | package names (ASCII) | × | company names (64% non-ASCII) | × |
//! | --- | ---: | ---: | ---: | ---: |
//! | byte-scan floor (touch every byte) | 62.4 | 0.396 | 51.0 | 0.0472 |
//! | `aho-corasick`, ASCII case-insensitive, raw name | 24.1 | 1.03 | 14.5 | 0.166 |
//! | `regex` `(?i)` alternation | 13.6 | 1.82 | 14.3 | 0.169 |
//! | `to_lowercase` + `contains` | 8.5 | 2.91 | 3.08 | 0.783 |
//! | `unicode-security` skeleton + `contains` | 0.816 | 30.3 | 0.385 | 6.26 |
//! | `rustrict` with the terms added | 0.132 | 188 | 0.0851 | 28.3 |
//! | `decancer::cure` + `contains` | 0.141 | 175 | 0.0909 | 26.5 |
//! | **name-policy `is_allowed`** | **24.7** | 1 | **2.41** | 1 |
//! | name-policy `check` | 9.51 | | 2.5 | |
//! | name-policy `normalize` | 2.45 | | 0.927 | |
//! | name-policy `is_allowed_all` (batch, one thread) | 17.4 | | 2.66 | |
//! | name-policy `par_is_allowed_all` (2 threads) | 33.5 | | 3.93 | |
//!
//! The floor and the raw matchers see through no disguise at all; every other peer sees
//! through fewer than name-policy, which also runs the typo-squat, structural and
//! mixed-script rules of the preset. On the names `is_allowed` allows, `check` costs 1.28×
//! (package names) and 1.10× (company names) `is_allowed`; `par_is_allowed_all` on two
//! threads gives 1.93× and 1.48× the one-thread `is_allowed_all` (1.35× and 1.63× the
//! one-thread `is_allowed`). Scaling (generated ASCII corpus, the preset plus generated terms
//! of 5 to 12 random letters): 2 terms 15.2 M names/s, 50 terms 7.92, 1,000 terms 6.14,
//! 10,000 terms 7.21; building a 10,000-term policy takes 172 ms. Cost grows linearly with
//! name length (`is_allowed` 331, 306 and 237 MiB/s at 16 B, 256 B and 4 KiB) and stays
//! linear on hostile input (`check` of a letter with 10,000 or 100,000 combining marks: 15.7
//! and 19.4 MiB/s; 10,000 or 100,000 zero-width characters: 6.7 and 8.3 MiB/s).
//! `is_allowed` makes no heap allocation, nor does `check` on a short clean name
//! (`tests/alloc.rs`, a counting global allocator).
//!
//! The machine is a shared virtual one and its speed drifts: in the table above 10,000 terms
//! ran faster than 1,000, and `is_allowed_all` (the same work as `is_allowed`) ran 30% slower
//! than `is_allowed` on package names and 10% faster on company names. A run of only the scaling group
//! (`cargo bench --bench throughput --all-features -- scaling/terms`) right after, on the
//! same code, gave 13.6 M names/s with 2 terms, 4.66 with 1,000 and 5.48 with 10,000: 2.5×
//! from 2 to 10,000 terms, where the full run gave 2.1×. callgrind, which does not drift,
//! counts 397 instructions a name with the preset plus 2 terms and 1,292 with 10,000 more
//! (3.3×); cachegrind's model (`valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes`,
//! same program) adds 0.5 and 13.3 first-level data cache misses and 5.6 and 7.9
//! mispredicted branches a name. Read only large ratios from one run.
//!
//! Why it is fast: most names never reach the normalizer. A census of the skeleton symbols a
//! name could yield (one table lookup per character, eight ASCII bytes at a time) rules out
//! every term whose symbols are not all there and every typo-squat that lacks two of its
//! term's symbols, per run of up to three words for ASCII names. Short ASCII names it cannot
//! clear take one fused pass that reproduces the normalizer's skeleton, finds patterns as it
//! goes (a term found inside one word that no exception can cover denies the name there and
//! then) and screens each run of words for typo-squats. Up to 2,048 trie states, patterns
//! are found by an `aho-corasick` DFA of them all; past that, the DFA's tables (a row per
//! state) would outgrow the caches and miss them at nearly every byte, so the short
//! patterns stay in a small DFA and the others are found by their last five bytes, through
//! a Bloom filter and then a table. Runs of words with a collapsed repeat, decoded
//! leetspeak or a letter two of their words share are skipped, as the pipeline skips them.
//! Another run is a typo-squat candidate only if one of three keys of its ends is among
//! those that a word one edit from a term keeps (for a handful of terms: if its byte set is
//! close to a term's) and one of its one-byte deletions is among the index's keys, both
//! tested in Bloom filters first; a candidate the index confirms, of a term no exception
//! applies to, denies the name there and then. The shortcuts answer only "clean", "denied"
//! or "unsure"; tests and a fuzz target hold them to the full pipeline's verdicts
//! (`src/screen.rs`, `tests/data_files.rs`, `fuzz/fuzz_targets/screen.rs`). With thousands
//! of terms the census cannot rule names out, and every name pays for the fused pass and
//! the typo-squat lookups (`valgrind --tool=callgrind` on `examples/profile.rs` over
//! `benches/data/ascii.txt`: 397 instructions a name with the preset plus 2 terms, 1,017
//! with 50, 1,324 with 1,000, 1,292 with 10,000; with typo-squat detection off
//! (`TYPO=off`), 784 with 10,000).
//!
//! # Limitations
//!
//! - Look-alikes are those of UTS #39 plus leetspeak; a disguise that needs a reader's
//!   imagination (`/\/\icrosoft`, ASCII art, images) is not caught.
//! - Typo-squats are one edit from a term of five or more letters; two edits, phonetic
//!   spellings (`Maikrosoft`) and translations are not caught.
//! - A term split across words whose pieces are all short and not letter-spaced
//!   (`Az ure` inside longer words) is ignored on purpose, to keep innocent names innocent.
//! - Word boundaries in scripts written without spaces (Chinese, Japanese, Thai) are not
//!   found, so word-scoped terms match there only as whole runs of such text.
//! - The skeleton merges `i` with `l` and `m` with `rn`, as UTS #39 demands; a word-scoped
//!   term can therefore match a different word that looks the same (`mall` for `mail`).
//!
//! # Unicode version
//!
//! The skeleton tables are generated from Unicode [`UNICODE_VERSION`] data by
//! `tools/gen-tables`.
//!
//! # Crate features
//!
//! - `serde`: serialize [`Report`] and its parts; read TOML policy files
//!   ([`Policy::from_toml_str`], format in [`file`](mod@file)).
//! - `proptest`: export proptest strategies for downstream property tests.
//! - `rayon`: parallel batch checks ([`Policy::par_check_all`]).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
#[cfg(feature = "serde")]
pub mod file;
pub mod matcher;
pub mod normalize;
mod policy;
mod screen;
// Generated: not every table is used by every stage.
#[allow(dead_code)]
mod tables;
#[cfg(feature = "proptest")]
pub mod testing;
pub mod verdict;

pub use error::{Error, ErrorKind};
pub use matcher::regex_rules::{RegexRule, RegexTarget};
pub use matcher::structure::Structure;
pub use matcher::MatchScope;
pub use normalize::{normalize, Normalizer, Skeleton};
pub use policy::{Policy, PolicyBuilder, Term, DEFAULT_MAX_INPUT_BYTES};
pub use tables::UNICODE_VERSION;
pub use verdict::{Category, Report, Severity, Verdict, Violation, ViolationKind};

// The README's examples are tests too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
