//! What the benchmarks and the measuring examples share: the corpora and the generated
//! terms of the scaling measurements.

use name_policy::Term;

#[path = "../../support/terms.rs"]
mod words;

/// The directory of the generated benchmark corpora (`ascii.txt`, `intl.txt`,
/// `adversarial.txt`), written by `examples/gen_corpus.rs`.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

/// `count` deny terms that look like brand names to a matcher (words of 5 to 12 random
/// letters, the same every time), with ids `generated.0`, `generated.1`, ...
pub fn generated_terms(count: usize) -> Vec<Term> {
    words::words(count)
        .into_iter()
        .enumerate()
        .map(|(i, w)| Term::deny(w).with_id(format!("generated.{i}")))
        .collect()
}

/// The names of a corpus file, one a line, at most `limit` of them.
///
/// # Panics
///
/// When the file cannot be read: a benchmark without its input measures nothing.
pub fn names(path: &str, limit: usize) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().take(limit).map(str::to_owned).collect()
}
