//! Protecting a registry's names, measured on real typo-squats: one run prints, for
//! name-policy's protected names and for a naive reference, the right-target recall on
//! the dev squats, the share of other real package names flagged, build time and peak
//! memory at 100,000 and 1,000,000 protected names, and throughput.
//!
//! ```sh
//! cargo run -p name-policy-bench --release --example protect
//! ```
//!
//! Reads `../shared/registry/` and `../shared/corpora/package-names.txt` (override the
//! folder with `SHARED=`). `protect build N` and `protect naive-build N` build one index of
//! the first N package names and print its build time and peak memory; the main run runs
//! them as child processes, so that each peak is its own.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use name_policy::{Category, Policy, Severity};

fn shared() -> String {
    std::env::var("SHARED")
        .unwrap_or_else(|_| format!("{}/../../shared", env!("CARGO_MANIFEST_DIR")))
}

fn lines(path: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The naive reference of the issue: fold case, drop the npm scope, delete `-_.`; flag an
/// exact match, or one edit (Damerau) for names of four or more characters.
struct Naive {
    names: Vec<String>,
    keys: HashMap<String, Vec<u32>>,
    deletions: HashMap<String, Vec<u32>>,
}

fn naive_key(name: &str) -> String {
    let name = name.to_lowercase();
    let bare = match name.strip_prefix('@').and_then(|r| r.split_once('/')) {
        Some((_, bare)) => bare.to_owned(),
        None => name,
    };
    bare.chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .collect()
}

fn deletions_of(key: &str) -> impl Iterator<Item = String> + '_ {
    key.char_indices()
        .map(move |(i, c)| format!("{}{}", &key[..i], &key[i + c.len_utf8()..]))
}

fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (long, short) = if a.len() >= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let i = long
        .iter()
        .zip(short.iter())
        .take_while(|(x, y)| x == y)
        .count();
    match long.len() - short.len() {
        0 => {
            i == long.len()
                || long[i + 1..] == short[i + 1..]
                || (i + 1 < long.len()
                    && long[i] == short[i + 1]
                    && long[i + 1] == short[i]
                    && long[i + 2..] == short[i + 2..])
        }
        1 => long[i + 1..] == short[i..],
        _ => false,
    }
}

impl Naive {
    fn new(names: &[String]) -> Naive {
        let mut keys: HashMap<String, Vec<u32>> = HashMap::new();
        let mut deletions: HashMap<String, Vec<u32>> = HashMap::new();
        for (rank, name) in names.iter().enumerate() {
            let key = naive_key(name);
            for d in deletions_of(&key) {
                deletions.entry(d).or_default().push(rank as u32);
            }
            keys.entry(key).or_default().push(rank as u32);
        }
        Naive {
            names: names.to_vec(),
            keys,
            deletions,
        }
    }

    /// The protected names `name` is flagged against.
    fn targets(&self, name: &str) -> Vec<u32> {
        let key = naive_key(name);
        let mut out: Vec<u32> = self.keys.get(&key).cloned().unwrap_or_default();
        let mut near: Vec<u32> = self.deletions.get(&key).cloned().unwrap_or_default();
        for d in deletions_of(&key) {
            near.extend(self.keys.get(&d).into_iter().flatten());
            near.extend(self.deletions.get(&d).into_iter().flatten());
        }
        out.extend(near.into_iter().filter(|&r| {
            let target = naive_key(&self.names[r as usize]);
            target.chars().count() >= 4 && one_edit(&key, &target)
        }));
        out.retain(|&r| self.names[r as usize] != name);
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Peak resident memory of this process so far, in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn build_child(which: &str, n: usize) {
    let names: Vec<String> = lines(&format!("{}/corpora/package-names.txt", shared()))
        .into_iter()
        .take(n)
        .collect();
    let before = peak_mb();
    let start = Instant::now();
    let kept = if which == "build" {
        let policy = Policy::builder().protect(names).build().expect("builds");
        let secs = start.elapsed().as_secs_f64();
        println!("{secs:.2} {:.0} {:.0}", peak_mb(), before);
        policy.protected_names().count()
    } else {
        let naive = Naive::new(&names);
        let secs = start.elapsed().as_secs_f64();
        println!("{secs:.2} {:.0} {:.0}", peak_mb(), before);
        naive.names.len()
    };
    assert_eq!(kept, n.min(kept));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [which, n] = &args[..] {
        build_child(which, n.parse().expect("a count"));
        return;
    }
    let dir = format!("{}/registry", shared());
    let pypi = lines(&format!("{dir}/top-pypi.txt"));
    let npm = lines(&format!("{dir}/top-npm.txt"));
    let squats: Vec<(String, String, String)> = lines(&format!("{dir}/squats-dev.tsv"))
        .into_iter()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t').map(str::to_owned);
            Some((f.next()?, f.next()?, f.next()?))
        })
        .collect();
    // Most popular first: the two top lists interleaved by rank, then the squats'
    // targets that neither holds.
    let mut protected: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let longest = pypi.len().max(npm.len());
    let interleaved = (0..longest)
        .flat_map(|i| [pypi.get(i), npm.get(i)])
        .flatten();
    for name in interleaved.chain(squats.iter().map(|s| &s.1)) {
        if seen.insert(name.clone()) {
            protected.push(name.clone());
        }
    }
    let start = Instant::now();
    let policy = Policy::builder()
        .protect(protected.clone())
        .build()
        .expect("builds");
    let ours_build = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let naive = Naive::new(&protected);
    let naive_build = start.elapsed().as_secs_f64();
    println!(
        "{} protected names (top PyPI and npm interleaved, then the dev squats' targets)",
        protected.len()
    );
    println!("built in {ours_build:.2} s (naive reference {naive_build:.2} s)\n");

    // Right-target recall on the dev squats.
    let mut hits: HashMap<(&str, bool), (usize, usize)> = HashMap::new();
    let mut missed = Vec::new();
    for (squat, target, eco) in &squats {
        let group = if eco == "rubygems" {
            "RubyGems"
        } else {
            "npm + PyPI"
        };
        let ours = policy
            .check(squat)
            .violations()
            .iter()
            .any(|v| v.term() == Some(target.as_str()));
        let theirs = naive
            .targets(squat)
            .iter()
            .any(|&r| protected[r as usize] == *target);
        for (who, found) in [(true, ours), (false, theirs)] {
            let e = hits.entry((group, who)).or_default();
            e.0 += usize::from(found);
            e.1 += 1;
        }
        if !ours && group != "RubyGems" {
            missed.push(format!("{squat}>{target}"));
        }
    }
    println!("| right-target recall on the dev squats | name-policy | naive reference |");
    println!("| --- | ---: | ---: |");
    for group in ["npm + PyPI", "RubyGems"] {
        let (o, n) = (hits[&(group, true)], hits[&(group, false)]);
        println!(
            "| {group} ({}) | {:.3} | {:.3} |",
            o.1,
            o.0 as f64 / o.1 as f64,
            n.0 as f64 / n.1 as f64
        );
    }
    if std::env::var_os("MISSED").is_some() {
        println!("\nmissed: {}", missed.join(" "));
    }

    // False positives: every other real package name.
    let squat_names: HashSet<&str> = squats.iter().map(|s| s.0.as_str()).collect();
    let protected_set: HashSet<&str> = protected.iter().map(String::as_str).collect();
    let others: Vec<String> = lines(&format!("{}/corpora/package-names.txt", shared()))
        .into_iter()
        .filter(|n| !protected_set.contains(n.as_str()) && !squat_names.contains(n.as_str()))
        .collect();
    let (mut flagged, mut denied, mut naive_flagged) = (0usize, 0usize, 0usize);
    let mut by_kind: HashMap<String, usize> = HashMap::new();
    let mut dump = std::env::var("FLAGGED")
        .ok()
        .map(|p| std::fs::File::create(p).expect("FLAGGED file"));
    for name in &others {
        // Imitations only: the policy's structural rules judge names of any kind.
        let report = policy.check(name);
        let imitations: Vec<_> = report
            .violations()
            .iter()
            .filter(|v| v.category() == Category::Impersonation)
            .collect();
        if let Some(first) = imitations.first() {
            flagged += 1;
            denied += usize::from(imitations.iter().any(|v| v.severity() == Severity::Deny));
            *by_kind.entry(first.kind().to_string()).or_default() += 1;
            if let Some(f) = &mut dump {
                use std::io::Write;
                let _ = writeln!(
                    f,
                    "{}\t{name}\t{}\t{}",
                    first.kind(),
                    first.term().unwrap_or(""),
                    first.message()
                );
            }
        }
        naive_flagged += usize::from(!naive.targets(name).is_empty());
    }
    let share = |k: usize| 100.0 * k as f64 / others.len() as f64;
    println!(
        "\n| other real package names ({}) | name-policy | naive reference |",
        others.len()
    );
    println!("| --- | ---: | ---: |");
    println!(
        "| flagged (review or deny) | {:.2} % | {:.2} % |",
        share(flagged),
        share(naive_flagged)
    );
    println!("| denied | {:.3} % | - |", share(denied));
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
    println!(
        "\nflagged by kind: {}",
        kinds
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // Throughput on one thread, interleaved rounds.
    let sample: Vec<&str> = others.iter().map(String::as_str).collect();
    let (mut ours_t, mut naive_t) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let start = Instant::now();
        let n = sample.iter().filter(|n| policy.is_allowed(n)).count();
        ours_t.push(sample.len() as f64 / start.elapsed().as_secs_f64());
        std::hint::black_box(n);
        let start = Instant::now();
        let n = sample
            .iter()
            .filter(|n| naive.targets(n).is_empty())
            .count();
        naive_t.push(sample.len() as f64 / start.elapsed().as_secs_f64());
        std::hint::black_box(n);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "\nthroughput, one thread, is_allowed (median of 3): name-policy {:.0} names/s, naive reference {:.0} names/s",
        median(&mut ours_t),
        median(&mut naive_t)
    );

    // Build time and peak memory, each in a process of its own.
    println!("\n| protected names | name-policy build | peak memory | naive build | peak memory |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    let mut baseline = String::new();
    let exe = std::env::current_exe().expect("own path");
    for n in [100_000usize, 1_000_000] {
        let run = |which: &str| {
            let out = std::process::Command::new(&exe)
                .args([which, &n.to_string()])
                .output()
                .expect("runs");
            let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            let f: Vec<&str> = text.split(' ').collect();
            let field = |i: usize| f.get(i).copied().unwrap_or("?").to_owned();
            (field(0), field(1), field(2))
        };
        let (ob, om, before) = run("build");
        let (nb, nm, _) = run("naive-build");
        println!("| {n} | {ob} s | {om} MB | {nb} s | {nm} MB |");
        baseline = before;
    }
    println!("(peak resident memory of a process that first reads the 1.1M package names, {baseline} MB by itself)");
}
