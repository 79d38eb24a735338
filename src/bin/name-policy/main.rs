//! `name-policy`: vet proposed account names against a name policy.
//!
//! ```text
//! cargo install --path . --features cli
//! name-policy [OPTIONS] [NAME]...
//! ```
//!
//! The same tool as the `check` example (`cargo run --release --example check`); see the
//! README for its options and output.

use std::process::ExitCode;

mod tool;

fn main() -> ExitCode {
    tool::main("name-policy")
}
