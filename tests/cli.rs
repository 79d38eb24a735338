//! The bundled `check` binary, run as a process.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The `check` example that `cargo test` builds.
fn check_bin() -> PathBuf {
    common::example("check")
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

#[test]
fn every_input_line_gets_exactly_one_output_line_in_order() {
    let long = "x".repeat(1 << 20); // a 1 MB name
    let mut input = Vec::new();
    input.extend_from_slice(b"Contoso Labs\r\n"); // 1 CRLF
    input.extend_from_slice(b"\xC3\x28 broken\n"); // 2 invalid UTF-8
    input.extend_from_slice(b"\n"); // 3 empty
    input.extend_from_slice(long.as_bytes()); // 4 long
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"nul\0byte\n"); // 5 NUL
    input.extend_from_slice(b"Azure\r\n"); // 6
    input.extend_from_slice(b"\r\n"); // 7 empty CRLF
    input.extend_from_slice(b"last"); // 8 no final newline
    let out = run(&["--format", "json"], Some(&input));
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 8, "{}", &text[..text.len().min(2000)]);
    assert_eq!(lines[0]["name"], "Contoso Labs");
    assert_eq!(lines[0]["verdict"], "allow");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["name"], "");
    assert_eq!(lines[2]["verdict"], "deny"); // no letter, too short
    assert_eq!(lines[3]["verdict"], "deny"); // too long
    assert_eq!(lines[3]["name"].as_str().unwrap().len(), 1 << 20);
    assert_eq!(lines[4]["name"], "nul\0byte");
    assert_eq!(lines[4]["verdict"], "deny"); // a control character
    assert_eq!(lines[5]["name"], "Azure");
    assert_eq!(lines[6]["name"], "");
    assert_eq!(lines[7]["name"], "last");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_line_over_the_limit_gets_an_error_not_a_lost_line() {
    let mut input = "y".repeat(5 << 20).into_bytes();
    input.extend_from_slice(b"\nContoso\n");
    let out = run(&["--format", "json"], Some(&input));
    let text = stdout(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], 1);
    assert!(lines[0]["error"].as_str().unwrap().contains("longer than"));
    assert_eq!(lines[1]["name"], "Contoso");
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("name-policy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn policy_file_with_a_custom_term_denies_it() {
    let policy = temp_file(
        "custom.toml",
        b"version = 1\n[[terms]]\ntext = \"Contoso\"\ncategory = \"trademark\"\n",
    );
    let out = run(
        &[
            "--policy",
            policy.to_str().unwrap(),
            "C0nt0so Cloud",
            "Azure Fans",
        ],
        None,
    );
    let text = stdout(&out);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("deny"), "{text}");
    assert!(lines.next().unwrap().starts_with("allow"), "{text}"); // not extending the preset
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn malformed_policy_file_gives_a_located_error_and_exit_2_before_reading_input() {
    let policy = temp_file(
        "bad.toml",
        b"version = 1\n\n[[terms]]\ntext = \"Contoso\"\nseverty = \"deny\"\n",
    );
    let out = run(&["--policy", policy.to_str().unwrap()], Some(b"Contoso\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let want = format!(
        "{}:5:1: unknown field `severty`, expected one of",
        policy.display()
    );
    assert!(err.contains(&want), "{err}");
}

#[test]
fn example_policies_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policies");
    for name in ["marketplace.toml", "publisher.toml", "reserved.toml"] {
        let out = run(
            &["--policy", dir.join(name).to_str().unwrap(), "Contoso Labs"],
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn jobs_2_prints_exactly_what_jobs_1_prints() {
    let mut base = Vec::new();
    for name in common::corpus_names("marketplace.txt") {
        // Names with a newline of their own would be two input lines.
        if !name.contains(['\n', '\r']) {
            base.extend_from_slice(name.as_bytes());
            base.push(b'\n');
        }
    }
    let mut input = Vec::new();
    for i in 0..60 {
        input.extend_from_slice(&base);
        input.extend_from_slice(format!("Azure {i}\nM1cr0soft {i}\n").as_bytes());
        input.extend_from_slice(b"\xff invalid\n");
    }
    let one = run(&["--format", "json", "--jobs", "1"], Some(&input));
    let two = run(&["--format", "json", "--jobs", "2"], Some(&input));
    assert!(one.stdout.len() > 1_000_000);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.status.code(), two.status.code());
    let expected_lines = input.split(|&b| b == b'\n').count() - 1;
    assert_eq!(
        one.stdout.iter().filter(|&&b| b == b'\n').count(),
        expected_lines
    );
}

#[test]
fn only_prints_the_chosen_verdict_but_exit_status_counts_all() {
    let out = run(&["--only", "deny", "Contoso", "Azure", "Mircosoft"], None);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("deny"));
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["--only", "review", "Contoso", "Azure", "Mircosoft"], None);
    assert!(stdout(&out).starts_with("review"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = run(&["Azure"], None);
    assert!(!stdout(&plain).contains('\x1b'));
    let coloured = run(&["--color", "always", "Azure"], None);
    assert!(stdout(&coloured).starts_with("\x1b[1;31mdeny"));
}

#[test]
fn the_summary_counts_one_name_in_the_singular() {
    let one = run(&[], Some(b"Contoso Labs\n"));
    let err = String::from_utf8(one.stderr).unwrap();
    assert!(err.starts_with("1 name: 1 allow,"), "{err}");
    let two = run(&[], Some(b"Contoso Labs\nFabrikam\n"));
    let err = String::from_utf8(two.stderr).unwrap();
    assert!(err.starts_with("2 names: 2 allow,"), "{err}");
}

#[test]
fn help_lists_the_exit_codes() {
    let out = run(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for line in [
        "0  every name is allowed",
        "1  some name is denied, flagged for review, or invalid",
        "2  a usage, I/O or policy error",
    ] {
        assert!(help.contains(line), "{help}");
    }
}

#[test]
fn only_never_hides_an_invalid_line() {
    let out = run(
        &["--only", "deny"],
        Some(b"Contoso Azure\n\xff\xfe bad\nContoso\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("deny"), "{text}");
    assert!(lines[1].starts_with("error  line 2:"), "{text}");
}

#[test]
fn an_invalid_line_names_its_file_when_several_are_read() {
    let good = temp_file("several-good.txt", b"Contoso\n");
    let bad = temp_file("several-bad.txt", b"Fabrikam\n\xff\n");
    let (good, bad) = (good.to_str().unwrap(), bad.to_str().unwrap());
    let out = run(&["--input", good, "--input", bad], None);
    let text = stdout(&out);
    assert!(text.contains(&format!("error  {bad}:2:")), "{text}");
    let out = run(&["--format", "json", "--input", good, "--input", bad], None);
    let last = stdout(&out).lines().last().unwrap().to_owned();
    let obj: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(obj["file"], bad);
    assert_eq!(obj["line"], 2);
    // Keys in the README's order: where, then what.
    assert!(last.starts_with(r#"{"file":"#), "{last}");
    let single = run(&["--format", "json"], Some(b"\xff\n"));
    assert!(
        stdout(&single).starts_with(r#"{"line":1,"error":"#),
        "{}",
        stdout(&single)
    );
    // One file: the line alone, as before.
    let out = run(&["--input", bad], None);
    assert!(stdout(&out).contains("error  line 2:"), "{}", stdout(&out));
}

/// The README's usage line is the one `--help` prints, after `cargo run`'s prefix.
#[test]
fn the_readme_usage_line_is_the_binary_s() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let shown = readme
        .lines()
        .filter_map(|l| l.strip_prefix("cargo run --release --example check -- "))
        .find(|rest| rest.starts_with('['))
        .expect("a usage line in the README");
    let help = stdout(&run(&["--help"], None));
    let usage = help
        .lines()
        .find_map(|l| l.strip_prefix("Usage: check "))
        .expect("a usage line in --help");
    assert_eq!(shown, usage);
}

/// `--explain` draws each violation as a compiler draws an error: the name, carets under
/// the span in display columns (a CJK character or an emoji is two), the message, and each
/// reading as a note naming its characters.
#[test]
fn explain_draws_carets_under_the_span_and_readings_as_notes() {
    use unicode_width::UnicodeWidthStr;
    let names = [
        "株式会社 Ｍｉｃｒｏ-soft 🎉",
        "🎉🎉 \u{410}zure Labs",
        "Mircosoft 👨\u{200D}👩\u{200D}👧 Cloud",
    ];
    let out = run(
        &["--explain", names[0], names[1], names[2], "Fine Name"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    for (k, name) in names.iter().enumerate() {
        let number = k + 1;
        // The verdict line first, as without --explain.
        let verdict = lines
            .iter()
            .position(|l| l.contains(&format!("{name:?}")) && !l.starts_with(' '))
            .unwrap_or_else(|| panic!("no verdict line for {name}:\n{text}"));
        let source = format!("{number} | ");
        let at = lines[verdict..]
            .iter()
            .position(|l| l.starts_with(&source))
            .map(|p| p + verdict)
            .unwrap_or_else(|| panic!("no source line for {name}:\n{text}"));
        let carets = lines[at + 1];
        let start = carets.find('^').expect("carets") - source.len();
        let count = carets.matches('^').count();
        let report = name_policy::Policy::marketplace().check(name);
        let span = report.violations()[0].span();
        assert_eq!(start, name[..span.start].width(), "{name}:\n{text}");
        assert_eq!(count, name[span.clone()].width(), "{name}:\n{text}");
        assert!(
            lines[verdict..at]
                .iter()
                .any(|l| l.contains(&format!("--> <args>:{number}:"))),
            "{name}:\n{text}"
        );
    }
    assert!(text.contains(r#"= note: "Ｍ" (U+FF2D FULLWIDTH LATIN CAPITAL LETTER M) read as "m": a compatibility form"#), "{text}");
    assert!(
        text.contains(r#"= note: "-" (U+002D HYPHEN-MINUS) inside the term: skipped"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"= note: "А" (U+0410 CYRILLIC CAPITAL LETTER A) read as "a": a look-alike"#
        ),
        "{text}"
    );
    assert!(text.contains(r#"= note: the edit: "cr" swapped"#), "{text}");
    assert!(
        text.contains(r#"deny[trademark.azure]: contains "Azure""#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"review[trademark.microsoft]: looks like a misspelling of Microsoft ("cr" swapped)"#
        ),
        "{text}"
    );
    // An allowed name gets its verdict line and nothing else.
    let fine = lines
        .iter()
        .position(|l| l.starts_with("allow  \"Fine Name\""))
        .unwrap();
    assert!(
        lines[fine + 1..].iter().all(|l| l.trim().is_empty()),
        "{text}"
    );
}

/// Names read from a file are explained at their file and line.
#[test]
fn explain_names_the_file_and_line() {
    let file = temp_file("explain.txt", "Fine\nLabs Azure\n".as_bytes());
    let out = run(&["--explain", "--input", file.to_str().unwrap()], None);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("--> {}:2:6", file.display())),
        "{text}"
    );
    assert!(text.contains("2 | Labs Azure"), "{text}");
    // JSON Lines carry the readings already: --explain is for text.
    let out = run(&["--explain", "--format", "json", "Azure"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--explain"));
}

/// The text output says what kind of rule fired and why, not only its id.
#[test]
fn text_output_prints_kind_and_message() {
    let text = stdout(&run(&["Mircosoft Labs", "M1crosoft"], None));
    assert!(
        text.contains(r#"0..9 "Mircosoft" typo-squat trademark.microsoft: looks like a misspelling of Microsoft ("cr" swapped)"#),
        "{text}"
    );
    assert!(
        text.contains(r#"0..9 "M1crosoft" term trademark.microsoft: contains "Microsoft": names must not contain the Microsoft trademark (disguised)"#),
        "{text}"
    );
}

/// JSON Lines carry each violation's readings, whether it was disguised, and a
/// typo-squat's edit.
#[test]
fn json_carries_readings_and_disguise() {
    let out = run(&["--format", "json", "Az\u{200B}ure", "Mircosoft"], None);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let v = &lines[0]["violations"][0];
    assert_eq!(v["kind"], "term");
    assert_eq!(v["disguised"], true);
    assert_eq!(
        v["readings"],
        serde_json::json!([{"span": [2, 5], "from": "\u{200B}", "to": "", "why": "invisible"}])
    );
    let typo = &lines[1]["violations"][0];
    assert_eq!(
        typo["edit"],
        serde_json::json!({"op": "swapped", "letters": "cr"})
    );
}

/// `cargo install --path . --features cli` installs this same tool as `name-policy`.
#[cfg(feature = "cli")]
#[test]
fn the_installed_binary_is_the_same_tool() {
    let bin = env!("CARGO_BIN_EXE_name-policy");
    let names = ["Contoso Azure Labs", "Mircosoft", "Fine Name"];
    let installed = Command::new(bin).args(names).output().unwrap();
    let example = run(&names, None);
    assert_eq!(installed.stdout, example.stdout);
    assert_eq!(installed.status.code(), example.status.code());
    let help = String::from_utf8(Command::new(bin).arg("--help").output().unwrap().stdout).unwrap();
    assert!(
        help.contains("Usage: name-policy [OPTIONS] [NAME]..."),
        "{help}"
    );
}

/// `--grant ID` checks names on behalf of an identity holding that grant; an unknown
/// grant is a usage error, never ignored.
#[test]
fn grant_lifts_its_rules_and_an_unknown_one_is_an_error() {
    let names = ["Microsoft Azure Labs", "Contoso  Labs"];
    let plain = run(&names, None);
    assert!(stdout(&plain).starts_with("deny"), "{}", stdout(&plain));
    let granted = run(&["--grant", "verified-microsoft", names[0], names[1]], None);
    let text = stdout(&granted);
    assert!(
        text.starts_with("allow  \"Microsoft Azure Labs\""),
        "{text}"
    );
    // Only those rules: the whitespace rule still holds.
    assert!(text.contains("review \"Contoso  Labs\""), "{text}");
    assert_eq!(granted.status.code(), Some(1));
    let unknown = run(&["--grant", "verified-google", "Azure"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr).trim(),
        r#"check: --grant: unknown grant "verified-google": the policy names verified-microsoft"#
    );
    assert!(unknown.stdout.is_empty());
}

/// `examples/audit.rs` groups flagged entries by rule, term and kind, with counts, the
/// readings, and an exceptions line that names the word around each match.
#[test]
fn audit_groups_flagged_entries_with_an_exceptions_line() {
    let bin = common::example("audit");
    let mut child = Command::new(&bin)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = "azurer\nFine Words\nazurer\nMicr0soft's\nX\nMircosoft\nbleu azuré\n\u{ff}\n";
    let mut bytes = input.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\n");
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "the marketplace preset: 8 entries from 1 list, 7 flagged (87.500%), 1 line not UTF-8 skipped\n"
        ),
        "{text}"
    );
    let group = |head: &str| -> Vec<&str> {
        let start = text
            .find(head)
            .unwrap_or_else(|| panic!("no {head}:\n{text}"));
        text[start..]
            .lines()
            .take_while(|l| !l.is_empty())
            .collect()
    };
    let azure = group("trademark.azure \"Azure\" (term): 3 entries");
    assert!(
        azure
            .iter()
            .any(|l| l.contains("reading \"é\" as \"e\" (diacritic)")),
        "{azure:?}"
    );
    // "azuré" reads as the term itself: excepting it would except "Azure" everywhere.
    assert!(azure.contains(&r#"  exceptions = ["azurer"]"#), "{azure:?}");
    assert_eq!(
        azure.last(),
        Some(&r#"  # left out, as they read as the term itself: "azuré""#)
    );
    let microsoft = group("trademark.microsoft \"Microsoft\" (term): 1 entry");
    assert!(
        microsoft[1].contains(r#"reading "0" as "o" (leetspeak)"#),
        "{microsoft:?}"
    );
    assert_eq!(microsoft.last(), Some(&r#"  exceptions = ["micr0soft's"]"#));
    let typo = group("trademark.microsoft \"Microsoft\" (typo-squat): 1 entry");
    assert!(typo[1].contains(r#"("cr" swapped)"#), "{typo:?}");
    let length = group("structure.length (length): 2 entries");
    assert!(length.last().unwrap().contains("exceptions do not apply"));
}

#[test]
fn protect_adds_a_registry_s_names_to_the_policy() {
    let dir = std::env::temp_dir().join(format!("name-policy-protect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("names.txt");
    std::fs::write(
        &list,
        "# most popular first\nrequest\ncross-env\n\nfabric\n",
    )
    .unwrap();
    let list = list.to_str().unwrap();
    let out = run(
        &[
            "--protect",
            list,
            "-f",
            "json",
            "requst",
            "crossenv",
            "node-fabric",
            "request",
            "Azure Fabric",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = |i: usize| &lines[i]["violations"][0];
    assert_eq!(
        (lines[0]["verdict"].as_str(), first(0)["kind"].as_str()),
        (Some("review"), Some("protected-typo"))
    );
    assert_eq!(first(0)["term"], "request");
    assert_eq!(first(0)["edit"]["op"], "missing");
    assert_eq!(
        (lines[1]["verdict"].as_str(), first(1)["kind"].as_str()),
        (Some("deny"), Some("protected-name"))
    );
    assert_eq!(first(2)["kind"], "combo-squat");
    assert_eq!(lines[3]["verdict"], "allow");
    // The preset still applies.
    assert_eq!(first(4)["rule"], "trademark.azure");
    // A missing list is a usage error, before any name is read.
    let out = run(&["--protect", "/no/such/list.txt", "request"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read protected names /no/such/list.txt"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
