// The `check` tool: the example `check` (`cargo run --release --example check`) and the
// binary `name-policy` (`cargo install --path . --features cli`) are both this file.
//
// Checks each NAME; with no NAME, reads names one per line from each `--input FILE`, or
// else from stdin. Prints exactly one line per input line, in input order, as text or JSON
// Lines (with `--explain`, each verdict line is followed by a diagnostic per violation).
// Exit status: 0 when every name is allowed, 1 when any is denied or flagged for review,
// 2 for usage, I/O or policy errors.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, FromArgMatches, Parser, ValueEnum};
use name_policy::{Policy, Report, Verdict};

#[path = "explain.rs"]
mod explain;

/// Lines longer than this get an error instead of a verdict; reading stays bounded.
const MAX_LINE_BYTES: usize = 4 << 20;
/// Lines checked per batch: memory stays bounded however large the input.
const BATCH_LINES: usize = 8192;

/// Vet proposed account or publisher names against a name policy.
#[derive(Parser, Debug)]
#[command(
    name = "check",
    version,
    about,
    long_about = None,
    after_help = "Exit status:\n  0  every name is allowed\n  1  some name is denied, flagged for review, or invalid (not UTF-8, too long)\n  2  a usage, I/O or policy error"
)]
struct Args {
    /// Names to check. Without any, names are read one per line from --input or stdin.
    #[arg(value_name = "NAME")]
    names: Vec<String>,

    /// Read names from FILE, one per line (repeatable; `-` is stdin).
    #[arg(long, short, value_name = "FILE")]
    input: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Load the policy from a TOML file instead of the built-in marketplace preset.
    #[arg(long, short, value_name = "FILE")]
    policy: Option<PathBuf>,

    /// Protect the names in FILE (one a line, most popular first): a name that passes for
    /// one of them is denied or flagged (repeatable; added to the policy's own).
    #[arg(long, value_name = "FILE")]
    protect: Vec<PathBuf>,

    /// Check names on behalf of an identity that holds grant ID of the policy, lifting the
    /// rules it lists (repeatable). An unknown ID is an error.
    #[arg(long, value_name = "ID")]
    grant: Vec<String>,

    /// Print only names with this verdict, and invalid lines (the exit status still counts
    /// every name).
    #[arg(long, value_enum, value_name = "VERDICT")]
    only: Option<Only>,

    /// Check names on N threads (default: every available core); output keeps the input
    /// order.
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,

    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = When::Auto)]
    color: When,

    /// Do not print the summary or the progress bar on stderr.
    #[arg(long, short)]
    quiet: bool,

    /// After each verdict line, explain each violation as a compiler explains an error:
    /// the name with carets under the span, the message, and each reading that undid a
    /// disguise as a note (text output only).
    #[arg(long, conflicts_with = "format")]
    explain: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per name: verdict, name, violations.
    Text,
    /// JSON Lines: one object per input line.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Only {
    Deny,
    Review,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum When {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Counts per verdict, for the summary and the exit status.
#[derive(Default)]
struct Tally {
    allow: u64,
    review: u64,
    deny: u64,
    errors: u64,
}

impl Tally {
    fn total(&self) -> u64 {
        self.allow + self.review + self.deny + self.errors
    }
}

/// One input line's outcome.
enum Outcome {
    /// A name's report, and where the name came from (for `--explain`).
    Checked(Report, Origin),
    /// A line with no name: its number, and its file when several are read.
    Invalid {
        file: Option<String>,
        line: u64,
        error: String,
    },
}

/// Where a name came from: the argument (numbered from 1), or a line of a file or stdin.
#[derive(Clone, Debug)]
enum Origin {
    Argument(usize),
    Line { file: String, line: u64 },
}

struct Printer<W: Write> {
    out: W,
    format: Format,
    only: Option<Only>,
    color: bool,
    explain: bool,
    tally: Tally,
}

impl<W: Write> Printer<W> {
    fn print(&mut self, outcome: Outcome) -> io::Result<()> {
        let verdict = match &outcome {
            Outcome::Checked(report, _) => Some(report.verdict()),
            Outcome::Invalid { .. } => None,
        };
        match verdict {
            Some(Verdict::Allow) => self.tally.allow += 1,
            Some(Verdict::Review) => self.tally.review += 1,
            Some(Verdict::Deny) => self.tally.deny += 1,
            None => self.tally.errors += 1,
        }
        // `--only` never hides an invalid line: it has no verdict to filter by.
        let shown = matches!(
            (self.only, verdict),
            (None, _)
                | (_, None)
                | (Some(Only::Deny), Some(Verdict::Deny))
                | (Some(Only::Review), Some(Verdict::Review))
        );
        if !shown {
            return Ok(());
        }
        match (self.format, outcome) {
            (Format::Text, Outcome::Checked(report, origin)) => {
                if self.color {
                    let colour = match report.verdict() {
                        Verdict::Allow => "32",
                        Verdict::Review => "33",
                        Verdict::Deny => "31",
                    };
                    let line = report.to_string();
                    let (head, rest) = line.split_at(6.min(line.len()));
                    writeln!(self.out, "\x1b[1;{colour}m{head}\x1b[0m{rest}")?;
                } else {
                    writeln!(self.out, "{report}")?;
                }
                if self.explain && !report.violations().is_empty() {
                    write!(
                        self.out,
                        "{}",
                        explain::render(&report, &origin, self.color)
                    )?;
                }
                Ok(())
            }
            (
                Format::Text,
                Outcome::Invalid {
                    file: None,
                    line,
                    error,
                },
            ) => {
                writeln!(self.out, "error  line {line}: {error}")
            }
            (
                Format::Text,
                Outcome::Invalid {
                    file: Some(file),
                    line,
                    error,
                },
            ) => {
                writeln!(self.out, "error  {file}:{line}: {error}")
            }
            (Format::Json, Outcome::Checked(report, _)) => {
                serde_json::to_writer(&mut self.out, &report)?;
                writeln!(self.out)
            }
            (Format::Json, Outcome::Invalid { file, line, error }) => {
                // Keys in the order the README shows: where, then what.
                #[derive(serde::Serialize)]
                struct InvalidLine<'a> {
                    #[serde(skip_serializing_if = "Option::is_none")]
                    file: Option<&'a str>,
                    line: u64,
                    error: &'a str,
                }
                let obj = InvalidLine {
                    file: file.as_deref(),
                    line,
                    error: &error,
                };
                serde_json::to_writer(&mut self.out, &obj)?;
                writeln!(self.out)
            }
        }
    }
}

/// Runs the tool as `name` (`check` as the example, `name-policy` installed).
pub(crate) fn main(name: &'static str) -> ExitCode {
    let matches = Args::command().name(name).bin_name(name).get_matches();
    let args = match Args::from_arg_matches(&matches) {
        Ok(args) => args,
        Err(e) => e.exit(),
    };
    match run(&args) {
        Ok(tally) if tally.review + tally.deny + tally.errors == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(message) => {
            eprintln!("{name}: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_policy(path: Option<&PathBuf>, protect: &[PathBuf]) -> Result<Policy, String> {
    let policy = match path {
        None => Policy::marketplace(),
        // The library's errors start with "path:line:column:".
        Some(path) => Policy::from_file(path).map_err(|e| e.to_string())?,
    };
    if protect.is_empty() {
        return Ok(policy);
    }
    let mut names = Vec::new();
    for path in protect {
        names.extend(
            name_policy::read_name_list(path)
                .map_err(|e| format!("cannot read protected names {}: {e}", path.display()))?,
        );
    }
    Ok(policy.with_protected(names))
}

fn run(args: &Args) -> Result<Tally, String> {
    // A policy error ends the run before any input is read.
    let policy = load_policy(args.policy.as_ref(), &args.protect)?;
    let grants = policy
        .grants(&args.grant)
        .map_err(|e| format!("--grant: {e}"))?;
    // Without `--grant`, `check_granted` is `check`.
    let check_all = |names: &[&str], parallel: bool| -> Vec<Report> {
        use rayon::prelude::*;
        if parallel {
            names
                .par_iter()
                .map(|n| policy.check_granted(n, &grants))
                .collect()
        } else {
            names
                .iter()
                .map(|n| policy.check_granted(n, &grants))
                .collect()
        }
    };
    let stdout = io::stdout();
    let color = match args.color {
        When::Always => true,
        When::Never => false,
        When::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut printer = Printer {
        out: BufWriter::new(stdout.lock()),
        format: args.format,
        only: args.only,
        color,
        explain: args.explain,
        tally: Tally::default(),
    };
    let io_err = |e: io::Error| format!("cannot write output: {e}");

    if !args.names.is_empty() {
        let names: Vec<&str> = args.names.iter().map(String::as_str).collect();
        for (k, report) in check_all(&names, false).into_iter().enumerate() {
            let origin = Origin::Argument(k + 1);
            printer
                .print(Outcome::Checked(report, origin))
                .map_err(io_err)?;
        }
        printer.out.flush().map_err(io_err)?;
        return Ok(printer.tally);
    }

    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| format!("cannot start {jobs} threads: {e}"))?;
    let started = Instant::now();
    let inputs: Vec<PathBuf> = if args.input.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.input.clone()
    };
    let mut progress = progress_bar(args, &inputs);
    let mut done_bytes = 0;
    for path in &inputs {
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
        };
        let mut lines = Lines::new(BufReader::with_capacity(1 << 16, reader));
        loop {
            let batch = lines
                .next_batch(BATCH_LINES)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if batch.is_empty() {
                break;
            }
            let names: Vec<&str> = batch
                .iter()
                .filter_map(|l| l.text.as_deref().ok())
                .collect();
            let mut reports = if jobs > 1 {
                pool.install(|| check_all(&names, true))
            } else {
                check_all(&names, false)
            }
            .into_iter();
            for line in &batch {
                let outcome = match &line.text {
                    Ok(_) => Outcome::Checked(
                        reports.next().expect("one report per valid line"),
                        Origin::Line {
                            file: if path.as_os_str() == "-" {
                                "<stdin>".to_owned()
                            } else {
                                path.display().to_string()
                            },
                            line: line.number,
                        },
                    ),
                    Err(error) => Outcome::Invalid {
                        file: (inputs.len() > 1).then(|| path.display().to_string()),
                        line: line.number,
                        error: error.clone(),
                    },
                };
                printer.print(outcome).map_err(io_err)?;
            }
            if let Some(bar) = &mut progress {
                bar.set_position(done_bytes + lines.bytes_read);
            }
        }
        done_bytes += lines.bytes_read;
    }
    printer.out.flush().map_err(io_err)?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if !args.quiet {
        summary(&printer.tally, started.elapsed().as_secs_f64());
    }
    Ok(printer.tally)
}

/// A progress line over the total size of the input files, when stderr is a terminal.
fn progress_bar(args: &Args, inputs: &[PathBuf]) -> Option<Progress> {
    if args.quiet || !io::stderr().is_terminal() || inputs.iter().any(|p| p.as_os_str() == "-") {
        return None;
    }
    let total: u64 = inputs
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    Some(Progress {
        total,
        started: Instant::now(),
        drawn: None,
        width: 0,
    })
}

/// A progress line on stderr, redrawn in place at most ten times a second: the share of
/// the input read, its size, the rate and the time left.
struct Progress {
    total: u64,
    started: Instant,
    drawn: Option<Instant>,
    /// The length of the line last drawn.
    width: usize,
}

impl Progress {
    fn set_position(&mut self, done: u64) {
        let now = Instant::now();
        if self
            .drawn
            .is_some_and(|at| now.duration_since(at).as_millis() < 100)
        {
            return;
        }
        self.drawn = Some(now);
        let seconds = now.duration_since(self.started).as_secs_f64();
        let rate = done as f64 / seconds.max(1e-3);
        let left = self.total.saturating_sub(done) as f64 / rate.max(1.0);
        let share = done as f64 / self.total.max(1) as f64;
        let filled = (share * 40.0).round().clamp(0.0, 40.0) as usize;
        let line = format!(
            "{}{} {} / {} {}/s eta {:.0}s ",
            "#".repeat(filled),
            "-".repeat(40 - filled),
            mebibytes(done),
            mebibytes(self.total),
            mebibytes(rate as u64),
            left,
        );
        // A shorter line than the last leaves none of it behind.
        let pad = self.width.saturating_sub(line.len());
        self.width = line.len();
        let mut err = io::stderr().lock();
        // Progress is a courtesy: a terminal that cannot take it loses nothing else.
        let _ = write!(err, "\r{line}{:pad$}", "");
        let _ = err.flush();
    }

    fn finish_and_clear(self) {
        if self.width > 0 {
            let _ = write!(io::stderr().lock(), "\r{:width$}\r", "", width = self.width);
        }
    }
}

/// `bytes` in MiB, one decimal.
fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// One input line: its number and its text, or why it has none.
struct Line {
    number: u64,
    text: Result<String, String>,
}

/// Splits input into lines (`\n` or `\r\n`, the last one may lack its newline), holding at
/// most `MAX_LINE_BYTES` of any one line.
struct Lines<R> {
    reader: R,
    number: u64,
    bytes_read: u64,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R) -> Lines<R> {
        Lines {
            reader,
            number: 0,
            bytes_read: 0,
        }
    }

    fn next_batch(&mut self, max: usize) -> io::Result<Vec<Line>> {
        let mut batch = Vec::new();
        while batch.len() < max {
            match self.next_line()? {
                Some(line) => batch.push(line),
                None => break,
            }
        }
        Ok(batch)
    }

    fn next_line(&mut self) -> io::Result<Option<Line>> {
        let mut buf = Vec::new();
        let mut too_long = false;
        let mut seen_any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                if !seen_any {
                    return Ok(None);
                }
                break;
            }
            seen_any = true;
            let (take, done) = match memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if !too_long {
                if buf.len() + take > MAX_LINE_BYTES + 2 {
                    too_long = true;
                    buf = Vec::new();
                } else {
                    buf.extend_from_slice(&chunk[..take]);
                }
            }
            self.reader.consume(take);
            self.bytes_read += take as u64;
            if done {
                break;
            }
        }
        self.number += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        let text = if too_long {
            Err(format!(
                "line longer than {} MiB, not checked",
                MAX_LINE_BYTES >> 20
            ))
        } else {
            String::from_utf8(buf).map_err(|e| format!("not valid UTF-8: {}", e.utf8_error()))
        };
        Ok(Some(Line {
            number: self.number,
            text,
        }))
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn summary(tally: &Tally, seconds: f64) {
    let rate = if seconds > 0.0 {
        tally.total() as f64 / seconds
    } else {
        0.0
    };
    let total = tally.total();
    eprintln!(
        "{total} {}: {} allow, {} review, {} deny, {} invalid; {:.1} s, {:.0} names/s",
        if total == 1 { "name" } else { "names" },
        tally.allow,
        tally.review,
        tally.deny,
        tally.errors,
        seconds,
        rate
    );
}
