//! Vet proposed account names against a name policy.
//!
//! ```text
//! cargo run --release --example check -- [OPTIONS] [NAME]...
//! ```
//!
//! Checks each NAME; with no NAME, reads names one per line from each `--input FILE`, or
//! else from stdin. Prints exactly one line per name, in input order, as text or JSON
//! Lines. Exit status: 0 when every name is allowed, 1 when any is denied or flagged for
//! review, 2 for usage, I/O or policy errors.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use name_policy::{Policy, Report, Verdict};

/// Vet proposed account or publisher names against a name policy.
#[derive(Parser, Debug)]
#[command(name = "check", version, about, long_about = None)]
struct Args {
    /// Names to check. Without any, names are read one per line from --input or stdin.
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

    /// Print only names with this verdict (the exit status still counts every name).
    #[arg(long, value_enum, value_name = "VERDICT")]
    only: Option<Only>,

    /// Do not print the summary on stderr.
    #[arg(long, short)]
    quiet: bool,
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
    Checked(Report),
    Invalid { line: u64, error: String },
}

struct Printer<W: Write> {
    out: W,
    format: Format,
    only: Option<Only>,
    tally: Tally,
}

impl<W: Write> Printer<W> {
    fn print(&mut self, outcome: Outcome) -> io::Result<()> {
        let verdict = match &outcome {
            Outcome::Checked(report) => Some(report.verdict()),
            Outcome::Invalid { .. } => None,
        };
        match verdict {
            Some(Verdict::Allow) => self.tally.allow += 1,
            Some(Verdict::Review) => self.tally.review += 1,
            Some(Verdict::Deny) => self.tally.deny += 1,
            None => self.tally.errors += 1,
        }
        let shown = matches!(
            (self.only, verdict),
            (None, _)
                | (Some(Only::Deny), Some(Verdict::Deny))
                | (Some(Only::Review), Some(Verdict::Review))
        );
        if !shown {
            return Ok(());
        }
        match (self.format, outcome) {
            (Format::Text, Outcome::Checked(report)) => writeln!(self.out, "{report}"),
            (Format::Text, Outcome::Invalid { line, error }) => {
                writeln!(self.out, "error  line {line}: {error}")
            }
            (Format::Json, Outcome::Checked(report)) => {
                serde_json::to_writer(&mut self.out, &report)?;
                writeln!(self.out)
            }
            (Format::Json, Outcome::Invalid { line, error }) => {
                let obj = serde_json::json!({ "line": line, "error": error });
                serde_json::to_writer(&mut self.out, &obj)?;
                writeln!(self.out)
            }
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(tally) if tally.review + tally.deny + tally.errors == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(message) => {
            eprintln!("check: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_policy(path: Option<&PathBuf>) -> Result<Policy, String> {
    match path {
        None => Ok(Policy::marketplace()),
        Some(path) => Err(format!(
            "{}: policy files are not supported yet; omit --policy to use the marketplace preset",
            path.display()
        )),
    }
}

fn run(args: &Args) -> Result<Tally, String> {
    let policy = load_policy(args.policy.as_ref())?;
    let stdout = io::stdout();
    let mut printer = Printer {
        out: BufWriter::new(stdout.lock()),
        format: args.format,
        only: args.only,
        tally: Tally::default(),
    };
    let io_err = |e: io::Error| format!("cannot write output: {e}");

    if !args.names.is_empty() {
        for name in &args.names {
            printer
                .print(Outcome::Checked(policy.check(name)))
                .map_err(io_err)?;
        }
        printer.out.flush().map_err(io_err)?;
        return Ok(printer.tally);
    }

    let started = Instant::now();
    let inputs: Vec<PathBuf> = if args.input.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.input.clone()
    };
    for path in &inputs {
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
        };
        check_lines(&policy, BufReader::new(reader), &mut printer)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    printer.out.flush().map_err(io_err)?;
    if !args.quiet {
        summary(&printer.tally, started.elapsed().as_secs_f64());
    }
    Ok(printer.tally)
}

/// Checks each line of `reader`, streaming: memory stays bounded by the longest line.
fn check_lines<R: BufRead, W: Write>(
    policy: &Policy,
    mut reader: R,
    printer: &mut Printer<W>,
) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        line += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        let outcome = match std::str::from_utf8(&buf) {
            Ok(name) => Outcome::Checked(policy.check(name)),
            Err(e) => Outcome::Invalid {
                line,
                error: format!("not valid UTF-8: {e}"),
            },
        };
        printer.print(outcome)?;
    }
}

fn summary(tally: &Tally, seconds: f64) {
    let rate = if seconds > 0.0 {
        tally.total() as f64 / seconds
    } else {
        0.0
    };
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "{} names: {} allow, {} review, {} deny, {} invalid; {:.1} s, {:.0} names/s",
        tally.total(),
        tally.allow,
        tally.review,
        tally.deny,
        tally.errors,
        seconds,
        rate
    );
}
