//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The example binary `name` that `cargo test` builds next to the test executables.
#[allow(dead_code)] // not every test that shares this module runs an example
pub fn example(name: &str) -> PathBuf {
    let mut dir = std::env::current_exe().unwrap();
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    let bin = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} not built; run `cargo test` (it builds examples)",
        bin.display()
    );
    bin
}

/// The names of every case of the conformance corpus file `file` (under
/// `tests/data/conformance/`), in order.
#[allow(dead_code)] // not every test that shares this module reads the corpus
pub fn corpus_names(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/conformance")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|line| {
            let (verdict, rest) = line.split_once(char::is_whitespace)?;
            matches!(verdict, "allow" | "review" | "deny").then(|| {
                serde_json::Deserializer::from_str(rest.trim_start())
                    .into_iter::<String>()
                    .next()
                    .and_then(Result::ok)
                    .unwrap_or_else(|| panic!("{}: bad case line {line:?}", path.display()))
            })
        })
        .collect()
}
