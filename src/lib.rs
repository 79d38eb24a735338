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
//! | byte-scan floor (touch every byte) | 53.7 | 0.438 | 43.0 | 0.0542 |
//! | `aho-corasick`, ASCII case-insensitive, raw name | 27.0 | 0.871 | 14.3 | 0.164 |
//! | `regex` `(?i)` alternation | 14.5 | 1.62 | 16.3 | 0.143 |
//! | `to_lowercase` + `contains` | 8.41 | 2.8 | 2.98 | 0.782 |
//! | `unicode-security` skeleton + `contains` | 0.728 | 32.3 | 0.493 | 4.73 |
//! | `rustrict` with the terms added | 0.147 | 160 | 0.0787 | 29.6 |
//! | `decancer::cure` + `contains` | 0.15 | 157 | 0.104 | 22.5 |
//! | **name-policy `is_allowed`** | **23.5** | 1 | **2.33** | 1 |
//! | name-policy `check` | 12.4 | | 1.73 | |
//! | name-policy `normalize` | 2.19 | | 0.914 | |
//! | name-policy `is_allowed_all` (batch, one thread) | 19.1 | | 1.95 | |
//! | name-policy `par_is_allowed_all` (2 threads) | 31.0 | | 3.62 | |
//!
//! The floor and the raw matchers see through no disguise at all; every other peer sees
//! through fewer than name-policy, which also runs the typo-squat, structural and
//! mixed-script rules of the preset. On the names `is_allowed` allows, `check` costs 1.30×
//! (package names) and 1.31× (company names) `is_allowed`; `par_is_allowed_all` on two
//! threads gives 1.62× and 1.85× the one-thread `is_allowed_all`. Scaling (generated ASCII
//! corpus, the preset plus generated terms of 5 to 12 random letters): 2 terms 14.1 M
//! names/s, 50 terms 5.97, 1,000 terms 6.95, 10,000 terms 4.67 (3.02× from 2 to 10,000);
//! building a 10,000-term policy takes 209 ms. Cost grows linearly with name length
//! (`is_allowed` 408, 231 and 232 MiB/s at 16 B, 256 B and 4 KiB) and stays linear on
//! hostile input (`check` of a letter with 10,000 or 100,000 combining marks: 18.5 and 13.8
//! MiB/s; 10,000 or 100,000 zero-width characters: 6.8 and 6.3 MiB/s). `is_allowed` makes no
//! heap allocation, nor does `check` on a short clean name (`tests/alloc.rs`, a counting
//! global allocator).
//!
//! The machine is a shared virtual one and its speed drifts by half within minutes, which
//! moves any ratio of two criterion figures taken one after the other: above, 1,000 terms ran
//! faster than 50, and `is_allowed_all` (the same work as `is_allowed`) 19% slower than it on
//! package names; a run of only the scaling group right after gave 3.44× from 2 to 10,000
//! terms, with 10,000 terms faster than 1,000. `examples/ratios.rs` times each contender once
//! per round, back to back, and takes the ratio within the round
//! (`cargo run --release --all-features --example ratios -- ../shared/corpora/package-names.txt ../shared/corpora/company-names-intl.txt`,
//! medians over 31 rounds). Four runs of it on the final code gave 2.71×, 2.97×, 3.11× and
//! 2.71× from 2 to 10,000 terms, and a parallel speedup of 1.41× to 1.66× on package names and
//! 1.27× to 2.02× on company names; in the last two runs two threads gave 1.52× and 1.47× on
//! a plain byte scan of the package names, and 1.59× and 1.79× on the company names, in the
//! same rounds, so the second core was worth that much then. callgrind, which does not
//! drift, counts 380 instructions a name with the preset plus 2 terms and 1,072 with 10,000
//! more (2.83×): `valgrind --tool=callgrind --toggle-collect='profile::check_names*'` on
//! `examples/profile.rs` over `benches/data/ascii.txt`, with `TERMS=2` and `TERMS=10000`;
//! with `--cache-sim=yes --LL=524288,8,64` (a core's second-level cache) it adds 0.48 and
//! 10.5 first-level data misses and 0.15 and 0.50 second-level misses a name. Read only large
//! ratios from one run.
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
//! Another run is a typo-squat candidate only if some term's length is within one of its
//! own, one of three keys of its ends is among those that a word one edit from a term keeps
//! (where that screens words of its length; for a handful of terms: if its byte set is close
//! to a term's), and its key or one of its one-byte deletions' is among the index's keys,
//! tested in Bloom filters first; a candidate the index confirms, of a term no exception
//! applies to, denies the name there and then. The Bloom filters take 16 bits a key (about
//! one false pass in a hundred), so that with 10,000 terms all three (37, 148 and 183 KB) fit
//! a core's second-level cache. The shortcuts answer only "clean", "denied" or "unsure";
//! tests and a fuzz target hold them to the full pipeline's verdicts (`src/screen.rs`,
//! `tests/data_files.rs`, `fuzz/fuzz_targets/screen.rs`). With thousands of terms the census
//! cannot rule names out, and every name pays for the fused pass and the typo-squat lookups
//! (callgrind as above: 380 instructions a name with the preset plus 2 terms, 794 with 50,
//! 1,093 with 1,000, 1,072 with 10,000; with typo-squat detection off (`TYPO=off`), 698 with
//! 10,000). The parallel batch API starts on the calling thread at once, and the pool's
//! threads join as they wake, each taking the next 1,024 names: handing all the work to the
//! pool, as a rayon parallel iterator does, left the caller asleep and cost up to a third of
//! the second core on 100,000 package names.
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
