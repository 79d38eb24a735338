//! The README tells the truth: every command it shows in a `text` block (`$ ...`) is run,
//! with the `check` and `audit` examples this `cargo test` built, and its output compared
//! with the lines the README shows under it (the timing of a summary line aside).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::example;

/// One shown command and the output shown under it.
struct Shown {
    line: usize,
    command: String,
    output: Vec<String>,
}

/// The `$ ` commands of each `text` block of the README, block by block.
fn blocks() -> Vec<Vec<Shown>> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<Vec<Shown>> = None;
    for (n, line) in readme.lines().enumerate() {
        match (&mut current, line) {
            (None, "```text") => current = Some(Vec::new()),
            (Some(_), "```") => {
                let block = current.take().unwrap();
                if !block.is_empty() {
                    blocks.push(block);
                }
            }
            (Some(block), line) => match line.strip_prefix("$ ") {
                Some(command) => block.push(Shown {
                    line: n + 1,
                    command: command.to_owned(),
                    output: Vec::new(),
                }),
                None => {
                    if let Some(last) = block.last_mut() {
                        last.output.push(line.to_owned());
                    }
                }
            },
            _ => {}
        }
    }
    blocks
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A summary line without its timing (`...; 0.1 s, 7546699 names/s`), and no trailing
/// blank lines.
fn normalized(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .map(|l| match l.rfind("; ") {
            Some(at) if l.ends_with(" names/s") => l[..at].to_owned(),
            _ => l.clone(),
        })
        .collect();
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out
}

/// Runs each block as one shell script (so that `cd` and `echo $?` see what came before)
/// and compares each command's output with the README's. Returns how many were run.
fn check_blocks(external: bool) -> usize {
    let mut ran = 0;
    let mut failures = Vec::new();
    let (check, audit) = (example("check"), example("audit"));
    for block in blocks() {
        let needs_data = block
            .iter()
            .any(|s| s.command.contains("../shared/") || s.command.contains("/usr/share/dict"));
        if needs_data != external {
            continue;
        }
        let mut script = String::from("exec 2>&1\n");
        for (k, shown) in block.iter().enumerate() {
            let command = shown
                .command
                .replace("cargo run --release --example check --", "\"$CHECK\"")
                .replace("cargo run --release --example audit --", "\"$AUDIT\"");
            assert!(
                !command.contains("cargo "),
                "README.md:{}: a command this test cannot run: {}",
                shown.line,
                shown.command
            );
            script.push_str(&format!(
                "__status=$?; echo '@@@ {k}'; (exit $__status)\n{command}\n"
            ));
        }
        let out = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(root())
            .env("CHECK", &check)
            .env("AUDIT", &audit)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let mut outputs: Vec<Vec<String>> = Vec::new();
        for line in text.lines() {
            if line.starts_with("@@@ ") {
                outputs.push(Vec::new());
            } else if let Some(last) = outputs.last_mut() {
                last.push(line.to_owned());
            }
        }
        for (shown, actual) in block.iter().zip(&outputs) {
            ran += 1;
            let (want, got) = (normalized(&shown.output), normalized(actual));
            if want != got {
                failures.push(format!(
                    "README.md:{}: $ {}\n--- the README shows:\n{}\n--- a fresh run prints:\n{}\n",
                    shown.line,
                    shown.command,
                    want.join("\n"),
                    got.join("\n")
                ));
            }
        }
        assert_eq!(
            outputs.len(),
            block.len(),
            "README.md:{}: the script stopped",
            block[0].line
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    ran
}

#[test]
fn the_readme_shows_what_its_commands_print() {
    let ran = check_blocks(false);
    // The first command, the intro's names, JSON Lines, --explain, policy files, grants.
    assert!(ran >= 12, "only {ran} README commands were found");
}

/// The commands over the shared corpora and Debian's word lists (CI installs them).
#[test]
#[ignore = "reads ../shared/corpora and /usr/share/dict: run with `cargo test --all-features -- --ignored`, as CI does"]
fn the_readme_shows_what_its_commands_over_corpora_print() {
    for path in [
        "../shared/corpora/package-names.txt",
        "/usr/share/dict/american-english",
        "/usr/share/dict/ngerman",
    ] {
        let path = root().join(path);
        assert!(Path::new(&path).exists(), "{} is missing", path.display());
    }
    assert!(check_blocks(true) >= 3);
}
