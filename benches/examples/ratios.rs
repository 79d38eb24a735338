//! The ratios that the Performance section reports, measured in interleaved rounds: the
//! slowdown of `is_allowed` from 2 to more generated terms, and the speedup of the
//! parallel batch API over the one-thread one.
//!
//! `cargo run -p name-policy-bench --release --example ratios -- [FILE...]`
//!
//! The criterion bench (`benches/throughput.rs`) measures each contender for seconds on
//! end, one after another; on a shared machine whose speed drifts by half within minutes,
//! a ratio of two such figures drifts with it. Here each round times every contender once,
//! back to back, and the ratio is taken within the round; the median and quartiles over
//! the rounds are printed. The term counts are those of the bench's scaling group, on the
//! repository's generated ASCII corpus; the parallel speedup is measured on each FILE (one
//! name a line; at most 100,000 names of each), or on the generated corpora without any,
//! next to what two threads give on a plain byte scan of the same names in the same rounds
//! (on a shared machine, that moves too). `ROUNDS` in the environment sets the number of
//! rounds (31).

use std::time::{Duration, Instant};

use name_policy::{Policy, PolicyBuilder};

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(31);
    let data = name_policy_bench::DATA;
    let ascii = read(&format!("{data}/ascii.txt"));

    let counts = [2, 50, 1_000, 10_000];
    let policies: Vec<Policy> = counts
        .iter()
        .map(|&n| {
            PolicyBuilder::marketplace()
                .terms(name_policy_bench::generated_terms(n))
                .build()
                .expect("generated terms make a valid policy")
        })
        .collect();
    let mut slowdown = vec![Vec::new(); counts.len()];
    for _ in 0..rounds {
        let times: Vec<Duration> = policies
            .iter()
            .map(|p| time(|| ascii.iter().filter(|n| p.is_allowed(n)).count(), 10))
            .collect();
        for (s, t) in slowdown.iter_mut().zip(&times) {
            s.push(t.as_secs_f64() / times[0].as_secs_f64());
        }
    }
    println!(
        "is_allowed on {} generated ASCII names, slowdown from 2 terms:",
        ascii.len()
    );
    for (n, s) in counts.iter().zip(&mut slowdown).skip(1) {
        println!("  {n:>6} terms: {}", quartiles(s));
    }

    let files: Vec<String> = std::env::args().skip(1).collect();
    let files = if files.is_empty() {
        vec![format!("{data}/ascii.txt"), format!("{data}/intl.txt")]
    } else {
        files
    };
    let policy = Policy::marketplace();
    for file in &files {
        let names = read(file);
        let (mut speedup, mut reference) = (Vec::new(), Vec::new());
        let (first, second) = names.split_at(names.len() / 2);
        for _ in 0..rounds {
            let one = time(|| policy.is_allowed_all(&names), 1);
            let two = time(|| policy.par_is_allowed_all(&names), 1);
            speedup.push(one.as_secs_f64() / two.as_secs_f64());
            // What two threads give on the same names in the same round: the byte scan
            // of the bench's floor, four times over, on one thread and then on two.
            let one = time(|| scan(&names), 4);
            let two = time(
                || {
                    std::thread::scope(|s| {
                        let other = s.spawn(|| scan(second));
                        scan(first) ^ other.join().expect("the scan does not panic")
                    })
                },
                4,
            );
            reference.push(one.as_secs_f64() / two.as_secs_f64());
        }
        println!(
            "par_is_allowed_all over is_allowed_all, {} names of {file}, {} threads: {}",
            names.len(),
            rayon::current_num_threads(),
            quartiles(&mut speedup)
        );
        println!(
            "  (a byte scan of the same names on two threads over one: {})",
            quartiles(&mut reference)
        );
    }
}

/// Touches every byte of `names`, as the bench's floor does.
fn scan(names: &[String]) -> u8 {
    names.iter().fold(0, |a, n| n.bytes().fold(a, |a, b| a ^ b))
}

/// Up to 100,000 names of `path`, one a line.
fn read(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().take(100_000).map(str::to_owned).collect()
}

/// The time `f` takes, run `times` times.
fn time<T>(mut f: impl FnMut() -> T, times: usize) -> Duration {
    let start = Instant::now();
    for _ in 0..times {
        std::hint::black_box(f());
    }
    start.elapsed()
}

/// "median (quartiles q1–q3)" of `values`.
fn quartiles(values: &mut [f64]) -> String {
    values.sort_by(f64::total_cmp);
    let at = |q: usize| values[(values.len() - 1) * q / 4];
    format!("{:.2}× (quartiles {:.2}–{:.2})", at(2), at(1), at(3))
}
