//! The conformance corpus (`tests/data/conformance/*.txt`, format in its README), run
//! against every configuration of each policy it names.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use super::generated_terms;
use crate::{Level, Policy, PolicyBuilder, Severity, Verdict, Violation, ViolationKind};

/// One expected violation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    rule: String,
    /// A misspelling (`~typo`, `~two`, `~sound`), not the term.
    miss: Miss,
    /// Start and end, in bytes.
    span: (usize, usize),
    /// Found only by leetspeak decoding.
    leet: bool,
}

/// What kind of misspelling an expected violation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Miss {
    No,
    Typo,
    TwoEdits,
    Sound,
    Transliterated,
}

impl Miss {
    const MARKS: [(&'static str, Miss); 4] = [
        ("~typo", Miss::Typo),
        ("~two", Miss::TwoEdits),
        ("~sound", Miss::Sound),
        ("~translit", Miss::Transliterated),
    ];

    fn of(kind: ViolationKind) -> Miss {
        match kind {
            ViolationKind::TypoSquat => Miss::Typo,
            ViolationKind::TwoEdits => Miss::TwoEdits,
            ViolationKind::SoundAlike => Miss::Sound,
            ViolationKind::Transliterated => Miss::Transliterated,
            _ => Miss::No,
        }
    }

    fn is_some(self) -> bool {
        self != Miss::No
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let typo = Miss::MARKS
            .iter()
            .find(|(_, m)| *m == self.miss)
            .map_or("", |(mark, _)| mark);
        let leet = if self.leet { "+leet" } else { "" };
        write!(
            f,
            "{}{typo}@{}..{}{leet}",
            self.rule, self.span.0, self.span.1
        )
    }
}

/// One case: a line of a corpus file.
#[derive(Debug)]
struct Case {
    at: String,
    policy: String,
    verdict: Verdict,
    name: String,
    expected: Vec<Expected>,
}

/// A configuration the whole corpus runs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Config {
    AsBuilt,
    WithoutPrefilter,
    WithoutAsciiFastPath,
    LeetOff,
    TypoSquatsOff,
    /// 3,000 more terms: the split finder.
    ManyTerms,
    ManyTermsWithoutPrefilter,
    /// The slow oracle: every combination of alternatives, read one by one.
    Oracle,
}

const CONFIGS: [Config; 8] = [
    Config::AsBuilt,
    Config::WithoutPrefilter,
    Config::WithoutAsciiFastPath,
    Config::LeetOff,
    Config::TypoSquatsOff,
    Config::ManyTerms,
    Config::ManyTermsWithoutPrefilter,
    Config::Oracle,
];

impl Config {
    fn apply(self, builder: PolicyBuilder) -> PolicyBuilder {
        match self {
            Config::AsBuilt | Config::Oracle => builder,
            Config::WithoutPrefilter => builder.without_prefilter(),
            Config::WithoutAsciiFastPath => builder.without_ascii_fast_path(),
            Config::LeetOff => builder.leet(false),
            Config::TypoSquatsOff => builder
                .typo_squats(Level::Off)
                .two_edits(Level::Off)
                .sound_alikes(Level::Off),
            Config::ManyTerms => builder.terms(generated_terms(3000)),
            Config::ManyTermsWithoutPrefilter => {
                builder.terms(generated_terms(3000)).without_prefilter()
            }
        }
    }
}

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/conformance")
}

/// Parses `rule[~typo]@start..end[+leet]`.
fn parse_expected(token: &str) -> Result<Expected, String> {
    let (token, leet) = match token.strip_suffix("+leet") {
        Some(t) => (t, true),
        None => (token, false),
    };
    let (rule, span) = token
        .rsplit_once('@')
        .ok_or_else(|| format!("{token:?}: expected rule@start..end"))?;
    let (rule, miss) = Miss::MARKS
        .iter()
        .find_map(|&(mark, miss)| Some((rule.strip_suffix(mark)?, miss)))
        .unwrap_or((rule, Miss::No));
    let (start, end) = span
        .split_once("..")
        .ok_or_else(|| format!("{span:?}: expected start..end"))?;
    let number = |s: &str| {
        s.parse::<usize>()
            .map_err(|e| format!("{s:?} in {token:?}: {e}"))
    };
    Ok(Expected {
        rule: rule.to_owned(),
        miss,
        span: (number(start)?, number(end)?),
        leet,
    })
}

/// Parses one case line: `verdict "name" violation...`.
fn parse_case(line: &str) -> Result<(Verdict, String, Vec<Expected>), String> {
    let (verdict, rest) = line
        .split_once(char::is_whitespace)
        .ok_or("expected a verdict and a name")?;
    let verdict = match verdict {
        "allow" => Verdict::Allow,
        "review" => Verdict::Review,
        "deny" => Verdict::Deny,
        other => return Err(format!("unknown verdict {other:?}")),
    };
    let rest = rest.trim_start();
    // The name is a JSON string; the stream deserializer says where it ends.
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<String>();
    let name = match stream.next() {
        Some(Ok(name)) => name,
        Some(Err(e)) => return Err(format!("the name is not a JSON string: {e}")),
        None => return Err("expected a name".into()),
    };
    let expected = rest[stream.byte_offset()..]
        .split_whitespace()
        .take_while(|token| !token.starts_with('#'))
        .map(parse_expected)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((verdict, name, expected))
}

/// Every case of every corpus file, in file order.
fn cases() -> Vec<Case> {
    let dir = corpus_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut policy = None;
        for (i, line) in text.lines().enumerate() {
            let at = format!("{file}:{}", i + 1);
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix("policy ") {
                policy = Some(name.trim().to_owned());
                continue;
            }
            let Some(policy) = &policy else {
                errors.push(format!("{at}: a case before any `policy` line"));
                continue;
            };
            match parse_case(line) {
                Ok((verdict, name, expected)) => cases.push(Case {
                    at,
                    policy: policy.clone(),
                    verdict,
                    name,
                    expected,
                }),
                Err(e) => errors.push(format!("{at}: {e}")),
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    cases
}

/// The builder of a policy the corpus names: `marketplace` (the preset), or a TOML file
/// under the corpus directory.
fn builder(policy: &str) -> PolicyBuilder {
    if policy == "marketplace" {
        return PolicyBuilder::marketplace();
    }
    let path = corpus_dir().join(policy);
    crate::file::builder_from_file(&path).unwrap_or_else(|e| panic!("{}:{e}", path.display()))
}

/// A reported violation, as the corpus writes it.
fn found(v: &Violation) -> Expected {
    Expected {
        rule: v.rule().to_owned(),
        miss: Miss::of(v.kind()),
        span: (v.span().start, v.span().end),
        leet: false,
    }
}

fn verdict_of(severities: impl Iterator<Item = Severity>) -> Verdict {
    match severities.max() {
        None => Verdict::Allow,
        Some(Severity::Review) => Verdict::Review,
        Some(Severity::Deny) => Verdict::Deny,
    }
}

/// What is wrong with `policy`'s judgement of `case` under `config`, if anything.
fn judge(case: &Case, config: Config, policy: &Policy) -> Option<String> {
    let report = if config == Config::Oracle {
        // Names of more readings than the oracle reads are the search's alone.
        policy.check_every_reading(&case.name, 1 << 14)?
    } else {
        policy.check(&case.name)
    };
    let mut problems = Vec::new();
    if config != Config::Oracle
        && policy.is_allowed(&case.name) != (report.verdict() == Verdict::Allow)
    {
        problems.push(format!(
            "is_allowed disagrees with check ({})",
            report.verdict()
        ));
    }
    let generated = |v: &&Violation| v.rule().starts_with("generated.");
    let actual: Vec<&Violation> = report
        .violations()
        .iter()
        .filter(|v| !generated(v))
        .collect();
    let mut found_now: Vec<Expected> = actual.iter().map(|v| found(v)).collect();
    found_now.sort();
    let mut want: Vec<Expected> = case
        .expected
        .iter()
        .filter(|e| !(config == Config::LeetOff && e.leet))
        .filter(|e| !(config == Config::TypoSquatsOff && e.miss.is_some()))
        .map(|e| Expected {
            leet: false,
            ..e.clone()
        })
        .collect();
    want.sort();
    if config == Config::LeetOff {
        // Without leetspeak a disguise that needed it may still read as itself, or as a
        // typo-squat of the same term within its span, or not at all; nothing else.
        let leet: Vec<&Expected> = case.expected.iter().filter(|e| e.leet).collect();
        let missing: Vec<&Expected> = want.iter().filter(|w| !found_now.contains(w)).collect();
        let extra: Vec<&Expected> = found_now
            .iter()
            .filter(|f| !want.contains(f))
            .filter(|f| {
                !leet.iter().any(|l| {
                    l.rule == f.rule
                        && (!l.miss.is_some() || f.miss.is_some())
                        && l.span.0 <= f.span.0
                        && f.span.1 <= l.span.1
                })
            })
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            problems.push(format!("missing {missing:?}, unexpected {extra:?}"));
        }
    } else if found_now != want {
        let show = |v: &[Expected]| {
            v.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        problems.push(format!(
            "expected [{}], found [{}]",
            show(&want),
            show(&found_now)
        ));
    }
    let literal = match config {
        Config::AsBuilt
        | Config::WithoutPrefilter
        | Config::WithoutAsciiFastPath
        | Config::Oracle => Some(case.verdict),
        // With typo-squats off, a name whose only violations were typo-squats is allowed.
        Config::TypoSquatsOff if want.is_empty() => Some(Verdict::Allow),
        Config::TypoSquatsOff if case.expected.iter().all(|e| !e.miss.is_some()) => {
            Some(case.verdict)
        }
        Config::ManyTerms | Config::ManyTermsWithoutPrefilter
            if actual.len() == report.violations().len() =>
        {
            Some(case.verdict)
        }
        _ => None,
    };
    let computed = verdict_of(report.violations().iter().map(Violation::severity));
    if report.verdict() != computed {
        problems.push(format!(
            "verdict {} but violations say {computed}",
            report.verdict()
        ));
    }
    if let Some(verdict) = literal {
        if report.verdict() != verdict {
            problems.push(format!("verdict {}, expected {verdict}", report.verdict()));
        }
    }
    (!problems.is_empty()).then(|| {
        format!(
            "{} [{config:?}] {:?}: {}\n    {report}",
            case.at,
            case.name,
            problems.join("; ")
        )
    })
}

#[test]
fn the_corpus_holds_under_every_configuration() {
    let cases = cases();
    let mut by_policy: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
    for case in &cases {
        by_policy.entry(&case.policy).or_default().push(case);
    }
    let mut failures = Vec::new();
    let mut runs = 0;
    for (name, cases) in &by_policy {
        let base = builder(name);
        for config in CONFIGS {
            let policy = config.apply(base.clone()).build().unwrap();
            for case in cases {
                runs += 1;
                failures.extend(judge(case, config, &policy));
            }
        }
    }
    assert_eq!(runs, cases.len() * CONFIGS.len());
    assert!(
        failures.is_empty(),
        "{} of {runs} case runs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases.len() >= 1500, "only {} cases", cases.len());
}

#[test]
fn case_lines_parse() {
    let (verdict, name, expected) =
        parse_case(r#"review "Micro \"Sotf\"" trademark.microsoft~typo@0..12 x@1..2+leet"#)
            .unwrap();
    assert_eq!(verdict, Verdict::Review);
    assert_eq!(name, "Micro \"Sotf\"");
    assert_eq!(
        expected.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
        ["trademark.microsoft~typo@0..12", "x@1..2+leet"]
    );
    let (_, _, expected) = parse_case(r#"allow "Azur Events"  # French"#).unwrap();
    assert!(expected.is_empty());
    assert!(parse_case(r#"deny Azure"#).is_err());
    assert!(parse_case(r#"maybe "Azure""#).is_err());
    assert!(parse_case(r#"deny "Azure" rule@1-2"#).is_err());
}
