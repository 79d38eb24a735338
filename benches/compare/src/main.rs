//! `is_allowed` of the marketplace preset: this checkout (`new`) against an earlier
//! revision (`old`, written by `compare.sh`), and raw aho-corasick (ASCII case-insensitive
//! "microsoft" and "azure", no normalization), interleaved in rounds in one process.
//!
//! Each round times old and new over a whole file (read as many times as takes about a
//! quarter of a second), the order alternating between rounds;
//! the ratio of their times in each round is one sample, and the median and quartiles of
//! the samples are reported. Before timing, the verdicts of both are compared name by name.

use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: name-policy-compare FILE...");
        std::process::exit(2);
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15)
        .max(1);
    let new = new::Policy::marketplace();
    let old = old::Policy::marketplace();
    let raw = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["microsoft", "azure"])
        .expect("two literal patterns");
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: {e}");
                std::process::exit(2);
            }
        };
        let names: Vec<&str> = text.lines().collect();
        let differ: Vec<&&str> = names
            .iter()
            .filter(|n| new.is_allowed(n) != old.is_allowed(n))
            .collect();
        for n in differ.iter().take(10) {
            println!("differ: new {} / old {}", new.check(n), old.check(n));
        }
        // Each timing reads the file `passes` times: long enough (about a quarter of a
        // second) that the timer and the machine's jitter matter little.
        let pass =
            |f: &dyn Fn(&str) -> bool| std::hint::black_box(names.iter().filter(|n| f(n)).count());
        let start = Instant::now();
        pass(&|n| new.is_allowed(n));
        let passes = (0.25 / start.elapsed().as_secs_f64().max(1e-6))
            .ceil()
            .clamp(1.0, 1e6) as usize;
        let time = |f: &dyn Fn(&str) -> bool| {
            let start = Instant::now();
            for _ in 0..passes {
                pass(f);
            }
            start.elapsed().as_secs_f64()
        };
        let (mut ratios, mut raw_ratios) = (Vec::new(), Vec::new());
        let (mut total_new, mut total_old) = (0.0, 0.0);
        for round in 0..rounds {
            let (t_old, t_new) = if round % 2 == 0 {
                let o = time(&|n| old.is_allowed(n));
                (o, time(&|n| new.is_allowed(n)))
            } else {
                let n = time(&|n| new.is_allowed(n));
                (time(&|n| old.is_allowed(n)), n)
            };
            let t_raw = time(&|n| !raw.is_match(n));
            ratios.push(t_old / t_new);
            raw_ratios.push(t_raw / t_new);
            total_new += t_new;
            total_old += t_old;
        }
        ratios.sort_by(f64::total_cmp);
        raw_ratios.sort_by(f64::total_cmp);
        let quartiles = |v: &[f64]| (v[v.len() / 4], v[v.len() / 2], v[3 * v.len() / 4]);
        let (q1, median, q3) = quartiles(&ratios);
        let per_second = |t: f64| (names.len() * rounds * passes) as f64 / t / 1e6;
        println!(
            "{file}: {} names, {} verdicts differ; new/old throughput {median:.3} \
             (quartiles {q1:.3}..{q3:.3}, {rounds} rounds); new {:.2} M/s, old {:.2} M/s; \
             new/raw aho-corasick {:.3}",
            names.len(),
            differ.len(),
            per_second(total_new),
            per_second(total_old),
            quartiles(&raw_ratios).1,
        );
    }
}
