//! The bundled `check` binary, run as a process.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The example binary that `cargo test` builds next to the test executables.
fn check_bin() -> PathBuf {
    let mut dir = std::env::current_exe().unwrap();
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    let bin = dir
        .join("examples")
        .join(format!("check{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} not built; run `cargo test` (it builds examples)",
        bin.display()
    );
    bin
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(check_bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn denied_name_exits_1_with_span() {
    let out = run(&["Contoso Azure Labs"], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("deny"), "{text}");
    assert!(text.contains("8..13"), "{text}");
    assert!(text.contains("\"Azure\""), "{text}");
}

#[test]
fn allowed_name_exits_0() {
    let out = run(&["Contoso Labs"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("allow"));
}

#[test]
fn micro_soft_partners_is_denied() {
    let out = run(&["Micro-Soft Partners"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("deny"));
}

#[test]
fn json_lines_one_object_per_name() {
    let out = run(
        &["--format", "json", "Contoso Azure Labs", "Contoso Labs"],
        None,
    );
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["verdict"], "deny");
    assert_eq!(
        lines[0]["violations"][0]["span"],
        serde_json::json!([8, 13])
    );
    assert_eq!(lines[0]["violations"][0]["rule"], "trademark.azure");
    assert_eq!(lines[1]["verdict"], "allow");
    assert_eq!(lines[1]["violations"], serde_json::json!([]));
}

#[test]
fn stdin_lines_keep_order_and_report_invalid_utf8() {
    let input = b"Contoso Labs\r\nbad \xff name\nAzure Fans\n\nlast without newline";
    let out = run(&["--format", "json"], Some(input));
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0]["name"], "Contoso Labs");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(lines[2]["verdict"], "deny");
    assert_eq!(lines[3]["name"], "");
    assert_eq!(lines[4]["name"], "last without newline");
    assert_eq!(out.status.code(), Some(1));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("5 names"), "{summary}");
    assert!(summary.contains("names/s"), "{summary}");
}

#[test]
fn input_file_is_read() {
    let dir = std::env::temp_dir().join(format!("name-policy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("names.txt");
    std::fs::write(&file, "Contoso\nFabrikam\n").unwrap();
    let out = run(&["--input", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 2);
    let missing = dir.join("missing.txt");
    let out = run(&["--input", missing.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn usage_error_exits_2() {
    let out = run(&["--format", "xml", "x"], None);
    assert_eq!(out.status.code(), Some(2));
}
