//! Vet proposed account names against a name policy.
//!
//! ```text
//! cargo run --release --example check -- [OPTIONS] [NAME]...
//! ```
//!
//! Checks each NAME; with no NAME, reads names one per line from each `--input FILE`, or
//! else from stdin. Prints exactly one line per input line, in input order, as text or JSON
//! Lines; `--explain` follows each verdict line with a diagnostic per violation, carets
//! under the span and each reading as a note. Exit status: 0 when every name is allowed,
//! 1 when any is denied or flagged for review, 2 for usage, I/O or policy errors.
//!
//! The same tool installs as the binary `name-policy`: `cargo install --path . --features
//! cli`.

use std::process::ExitCode;

#[path = "../src/bin/name-policy/tool.rs"]
mod tool;

fn main() -> ExitCode {
    tool::main("check")
}
