//! Hunt false positives: run a policy over word or name lists and print every flagged
//! entry, grouped by rule and term, with counts, the readings that made it match, and a
//! ready-to-paste `exceptions = [...]` line for each term.
//!
//! ```text
//! cargo run --release --example audit -- [--policy FILE | --preset NAME] [--examples N] [FILE]...
//! ```
//!
//! Reads entries one per line from each FILE, or from stdin without any (lines that are
//! not UTF-8 are counted and skipped). Words of a dictionary that a term sits inside are
//! the usual false positives; the exceptions line names the word around each match, so
//! that pasting it under the term clears exactly those words.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use name_policy::{Policy, ReadingKind, Report, Violation, ViolationKind};

/// Run a policy over word or name lists and group what it flags.
#[derive(Parser, Debug)]
#[command(name = "audit", about, long_about = None)]
struct Args {
    /// Word or name lists, one entry per line (stdin without any).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// A TOML policy file.
    #[arg(long, short, value_name = "FILE", conflicts_with = "preset")]
    policy: Option<PathBuf>,

    /// A built-in preset: marketplace (the default) or reserved.
    #[arg(long, value_name = "NAME", default_value = "marketplace")]
    preset: String,

    /// Entries to show per group (all of them are counted, and all go in the
    /// exceptions line).
    #[arg(long, value_name = "N", default_value_t = 8)]
    examples: usize,

    /// Words to put in each exceptions line; the rest are counted in a comment after it.
    #[arg(long, value_name = "N", default_value_t = 40)]
    max_exceptions: usize,
}

/// The flagged entries of one rule, term and kind of violation.
#[derive(Default)]
struct Group {
    kind: Option<ViolationKind>,
    entries: Vec<(String, Violation)>,
    /// The words around the matches, lowercased, each once, in the order seen.
    words: Vec<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("audit: {message}");
            ExitCode::from(2)
        }
    }
}

fn load(args: &Args) -> Result<(Policy, String), String> {
    if let Some(path) = &args.policy {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read policy {}: {e}", path.display()))?;
        let policy = Policy::from_toml_str(&text).map_err(|e| format!("{}:{e}", path.display()))?;
        return Ok((policy, path.display().to_string()));
    }
    let policy = match args.preset.as_str() {
        "marketplace" => Policy::marketplace(),
        "reserved" => Policy::reserved(),
        other => {
            return Err(format!(
                "unknown preset {other:?}; the presets are marketplace and reserved"
            ))
        }
    };
    Ok((policy, format!("the {} preset", args.preset)))
}

fn run(args: &Args) -> Result<(), String> {
    let (policy, what) = load(args)?;
    let mut groups: BTreeMap<(String, String, &'static str), Group> = BTreeMap::new();
    let (mut entries, mut flagged, mut invalid) = (0u64, 0u64, 0u64);
    let sources: Vec<(String, Box<dyn Read>)> = if args.files.is_empty() {
        vec![("stdin".to_owned(), Box::new(io::stdin().lock()))]
    } else {
        let mut out: Vec<(String, Box<dyn Read>)> = Vec::new();
        for path in &args.files {
            let file = std::fs::File::open(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            out.push((path.display().to_string(), Box::new(file)));
        }
        out
    };
    let count = sources.len();
    for (name, source) in sources {
        for line in BufReader::new(source).split(b'\n') {
            let line = line.map_err(|e| format!("{name}: {e}"))?;
            let Ok(text) = String::from_utf8(line) else {
                invalid += 1;
                continue;
            };
            let entry = text.trim_end_matches('\r');
            entries += 1;
            if policy.is_allowed(entry) {
                continue;
            }
            flagged += 1;
            let report = policy.check(entry);
            file(&mut groups, entry, &report);
        }
    }
    println!(
        "{what}: {entries} entries from {count} {}, {flagged} flagged ({:.3}%){}",
        if count == 1 { "list" } else { "lists" },
        100.0 * flagged as f64 / entries.max(1) as f64,
        if invalid > 0 {
            let lines = if invalid == 1 { "line" } else { "lines" };
            format!(", {invalid} {lines} not UTF-8 skipped")
        } else {
            String::new()
        }
    );
    let mut sorted: Vec<_> = groups.into_iter().collect();
    sorted.sort_by(|a, b| {
        b.1.entries
            .len()
            .cmp(&a.1.entries.len())
            .then(a.0.cmp(&b.0))
    });
    for ((rule, term, kind), group) in sorted {
        let n = group.entries.len();
        let about = if term.is_empty() {
            String::new()
        } else {
            format!(" {term:?}")
        };
        println!(
            "\n{rule}{about} ({kind}): {n} {}",
            if n == 1 { "entry" } else { "entries" }
        );
        for (entry, v) in group.entries.iter().take(args.examples) {
            let span = v.span();
            let mut line = format!(
                "  {entry:<24} {}..{} {:?}",
                span.start,
                span.end,
                v.matched()
            );
            if let Some(edit) = v.edit() {
                line.push_str(&format!(" ({edit})"));
            }
            let readings: Vec<String> = v
                .readings()
                .iter()
                .map(|r| format!("{:?} as {:?} ({})", r.from(), r.to(), r.kind()))
                .collect();
            if !readings.is_empty() {
                line.push_str(&format!("  reading {}", readings.join(", ")));
            }
            println!("{line}");
        }
        if n > args.examples {
            println!("  ... and {} more", n - args.examples);
        }
        match group.kind {
            Some(
                ViolationKind::Term
                | ViolationKind::Alias
                | ViolationKind::TypoSquat
                | ViolationKind::TwoEdits
                | ViolationKind::SoundAlike
                | ViolationKind::Transliterated,
            ) => {
                // A word that reads as the term itself (`azure`, `Azzure`) would except
                // the term everywhere: left out, and said so.
                let term_skeleton = policy.normalize(&term);
                let (itself, words): (Vec<&String>, Vec<&String>) = group
                    .words
                    .iter()
                    .partition(|w| policy.normalize(w).as_str() == term_skeleton.as_str());
                let quoted: Vec<String> = words
                    .iter()
                    .take(args.max_exceptions)
                    .map(|w| format!("{w:?}"))
                    .collect();
                let more = words.len().saturating_sub(args.max_exceptions);
                let rest = if more > 0 {
                    format!(
                        "  # and {more} more words: --max-exceptions {}",
                        words.len()
                    )
                } else {
                    String::new()
                };
                println!("  exceptions = [{}]{rest}", quoted.join(", "));
                if !itself.is_empty() {
                    let quoted: Vec<String> = itself.iter().map(|w| format!("{w:?}")).collect();
                    println!(
                        "  # left out, as they read as the term itself: {}",
                        quoted.join(", ")
                    );
                }
            }
            _ => println!("  (a {kind} rule: exceptions do not apply; adjust [structure])"),
        }
    }
    Ok(())
}

/// Files each violation of `report` under its rule, term and kind.
fn file(
    groups: &mut BTreeMap<(String, String, &'static str), Group>,
    entry: &str,
    report: &Report,
) {
    for v in report.violations() {
        let key = (
            v.rule().to_owned(),
            v.term().unwrap_or_default().to_owned(),
            v.kind().as_str(),
        );
        let group = groups.entry(key).or_default();
        group.kind = Some(v.kind());
        // An exception is written in the letters the rule reads: a name in another script
        // in its Latin reading.
        let word = match v
            .readings()
            .iter()
            .find(|r| r.kind() == ReadingKind::Transliteration)
        {
            Some(latin) if v.kind() == ViolationKind::Transliterated => latin.to().to_lowercase(),
            _ => word_around(entry, v.span()).to_lowercase(),
        };
        if !word.is_empty() && !group.words.contains(&word) {
            group.words.push(word);
        }
        group.entries.push((entry.to_owned(), v.clone()));
    }
}

/// The word of `entry` around `span`: the span grown to the letters and digits on either
/// side (`azure` in `azurer` is `azurer`).
fn word_around(entry: &str, span: std::ops::Range<usize>) -> &str {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let start = entry[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = entry[span.end..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(entry.len(), |(i, _)| span.end + i);
    entry.get(start..end).unwrap_or_default()
}
