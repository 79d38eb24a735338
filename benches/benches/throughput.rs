//! Bulk throughput of name-policy and of the peers a user would pick instead, on the same
//! names and the same terms as the marketplace preset, in one run.
//!
//! ```text
//! cargo bench -p name-policy-bench                            # generated corpora only
//! NAME_POLICY_CORPUS=$PWD/../shared/corpora/package-names.txt:$PWD/../shared/corpora/company-names-intl.txt \
//!     cargo bench -p name-policy-bench
//! ```
//!
//! `NAME_POLICY_CORPUS` is a `:`-separated list of files (absolute paths: cargo runs a bench
//! in its package directory, `benches/`), one name a line; at most
//! `NAME_POLICY_CORPUS_LIMIT` names (default 200,000) are read from each.

use std::hint::black_box;
use std::time::Duration;

use aho_corasick::AhoCorasick;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use name_policy::{Policy, PolicyBuilder, Structure};

const TERMS: [&str; 2] = ["microsoft", "azure"];

struct Corpus {
    name: String,
    names: Vec<String>,
}

fn corpora() -> Vec<Corpus> {
    let mut out = Vec::new();
    for file in ["ascii", "intl", "adversarial"] {
        let path = format!("{}/{file}.txt", name_policy_bench::DATA);
        out.push(load(&format!("gen-{file}"), &path, usize::MAX));
    }
    let limit = std::env::var("NAME_POLICY_CORPUS_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    if let Ok(list) = std::env::var("NAME_POLICY_CORPUS") {
        for path in list.split(':').filter(|p| !p.is_empty()) {
            let stem = std::path::Path::new(path)
                .file_stem()
                .map_or("corpus".into(), |s| s.to_string_lossy().into_owned());
            out.push(load(&stem, path, limit));
        }
    }
    out
}

fn load(name: &str, path: &str, limit: usize) -> Corpus {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Corpus {
        name: name.to_owned(),
        names: text.lines().take(limit).map(str::to_owned).collect(),
    }
}

fn peers(c: &mut Criterion) {
    let policy = Policy::marketplace();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(TERMS)
        .unwrap();
    let re = regex::Regex::new("(?i)microsoft|azure").unwrap();
    let skeleton_terms: Vec<String> = TERMS
        .iter()
        .map(|t| unicode_security::skeleton(t).collect())
        .collect();
    let trie: &'static rustrict::Trie = {
        let mut trie = rustrict::Trie::default();
        for t in TERMS {
            trie.set(t, rustrict::Type::PROFANE | rustrict::Type::SEVERE);
        }
        Box::leak(Box::new(trie))
    };
    for corpus in corpora() {
        let names = &corpus.names;
        let mut group = c.benchmark_group(format!("peers/{}", corpus.name));
        group.throughput(Throughput::Elements(names.len() as u64));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        group.bench_function("floor-byte-scan", |b| {
            b.iter(|| {
                names
                    .iter()
                    .map(|n| n.bytes().fold(0u8, |a, x| a ^ x) as usize)
                    .sum::<usize>()
            })
        });
        group.bench_function("aho-corasick-raw", |b| {
            b.iter(|| names.iter().filter(|n| ac.is_match(n.as_str())).count())
        });
        group.bench_function("regex-alternation", |b| {
            b.iter(|| names.iter().filter(|n| re.is_match(n)).count())
        });
        group.bench_function("lowercase-contains", |b| {
            b.iter(|| {
                names
                    .iter()
                    .filter(|n| {
                        let l = n.to_lowercase();
                        TERMS.iter().any(|t| l.contains(t))
                    })
                    .count()
            })
        });
        group.bench_function("decancer-contains", |b| {
            b.iter(|| {
                names
                    .iter()
                    .filter(|n| {
                        decancer::cure(n, decancer::Options::default())
                            .is_ok_and(|cured| TERMS.iter().any(|t| cured.contains(t)))
                    })
                    .count()
            })
        });
        group.bench_function("rustrict", |b| {
            b.iter(|| {
                names
                    .iter()
                    .filter(|n| {
                        rustrict::Censor::from_str(n)
                            .with_trie(trie)
                            .analyze()
                            .is(rustrict::Type::SEVERE)
                    })
                    .count()
            })
        });
        group.bench_function("unicode-security-skeleton", |b| {
            b.iter(|| {
                names
                    .iter()
                    .filter(|n| {
                        let sk: String = unicode_security::skeleton(&n.to_lowercase()).collect();
                        skeleton_terms.iter().any(|t| sk.contains(t.as_str()))
                    })
                    .count()
            })
        });
        // The target for `check` is on clean names: a report on a name with violations
        // builds its explanations, which `is_allowed` never does.
        let all: Vec<&str> = names.iter().map(String::as_str).collect();
        let clean: Vec<&str> = all
            .iter()
            .copied()
            .filter(|n| policy.is_allowed(n))
            .collect();
        for (suffix, set) in [("", &all), ("-clean", &clean)] {
            group.throughput(Throughput::Elements(set.len() as u64));
            group.bench_function(format!("name-policy-is_allowed{suffix}"), |b| {
                b.iter(|| set.iter().filter(|n| policy.is_allowed(n)).count())
            });
            group.bench_function(format!("name-policy-check{suffix}"), |b| {
                b.iter(|| {
                    set.iter()
                        .map(|n| policy.check(n).violations().len())
                        .sum::<usize>()
                })
            });
        }
        group.throughput(Throughput::Elements(names.len() as u64));
        group.bench_function("name-policy-normalize", |b| {
            b.iter(|| {
                names
                    .iter()
                    .map(|n| policy.normalize(n).len())
                    .sum::<usize>()
            })
        });
        // The batch API on one thread, the baseline of the parallel one.
        group.bench_function("name-policy-is_allowed_all", |b| {
            b.iter(|| {
                policy
                    .is_allowed_all(names)
                    .into_iter()
                    .filter(|&a| a)
                    .count()
            })
        });
        group.bench_function("name-policy-par_is_allowed_all", |b| {
            b.iter(|| {
                policy
                    .par_is_allowed_all(names)
                    .into_iter()
                    .filter(|&a| a)
                    .count()
            })
        });
        group.finish();
    }
}

fn scaling(c: &mut Criterion) {
    let names = load(
        "gen-ascii",
        &format!("{}/ascii.txt", name_policy_bench::DATA),
        usize::MAX,
    )
    .names;
    let mut group = c.benchmark_group("scaling/terms");
    group.throughput(Throughput::Elements(names.len() as u64));
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in [2usize, 50, 1_000, 10_000] {
        let policy = PolicyBuilder::marketplace()
            .terms(name_policy_bench::generated_terms(n))
            .build()
            .unwrap();
        group.bench_with_input(BenchmarkId::new("is_allowed", n), &policy, |b, p| {
            b.iter(|| names.iter().filter(|n| p.is_allowed(n)).count())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("scaling/build");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(3));
    for n in [2usize, 50, 1_000, 10_000] {
        let terms = name_policy_bench::generated_terms(n);
        group.bench_with_input(BenchmarkId::new("terms", n), &terms, |b, terms| {
            b.iter(|| {
                Policy::builder()
                    .terms(terms.iter().cloned())
                    .build()
                    .unwrap()
            })
        });
    }
    group.finish();

    // Without a length limit, so long names go through the whole pipeline.
    let policy = PolicyBuilder::marketplace()
        .structure(Structure::recommended().length(2, usize::MAX))
        .max_input_bytes(usize::MAX)
        .build()
        .unwrap();
    let mut group = c.benchmark_group("scaling/length");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    let unit = "Contoso Cloud-Ops ";
    for len in [16usize, 256, 4096] {
        let name: String = unit.repeat(len / unit.len() + 1)[..len]
            .trim_end()
            .to_owned();
        group.throughput(Throughput::Bytes(name.len() as u64));
        group.bench_with_input(BenchmarkId::new("is_allowed", len), &name, |b, n| {
            b.iter(|| policy.is_allowed(black_box(n)))
        });
        group.bench_with_input(BenchmarkId::new("check", len), &name, |b, n| {
            b.iter(|| policy.check(black_box(n)))
        });
    }
    group.finish();

    // Hostile input: cost per byte stays flat as the input grows tenfold.
    let mut group = c.benchmark_group("hostile");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for n in [10_000usize, 100_000] {
        let cases = [
            ("letters", "a".repeat(n)),
            ("marks-on-one-letter", format!("A{}", "\u{301}".repeat(n))),
            ("zero-width", format!("Az{}ure", "\u{200B}".repeat(n))),
            ("words", "Azur ".repeat(n / 5)),
        ];
        for (what, name) in cases {
            group.throughput(Throughput::Bytes(name.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(format!("check/{what}"), n),
                &name,
                |b, n| b.iter(|| policy.check(black_box(n))),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, peers, scaling);
criterion_main!(benches);
