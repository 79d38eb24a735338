//! Runs `is_allowed` over a file of names many times, for profilers (`valgrind --tool=callgrind`).
//!
//! `cargo run -p name-policy-bench --release --example profile -- FILE [ROUNDS] [check]`; with `TERMS=n` in the
//! environment, the marketplace preset gets `n` more generated terms (as in the scaling
//! bench), and with `TYPO=off` no typo-squat detection. To count the checks alone:
//! `TERMS=10000 valgrind --tool=callgrind --toggle-collect='profile::check_names*' target/release/examples/profile benches/data/ascii.txt 3`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile FILE [ROUNDS] [check]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let check = args.next().as_deref() == Some("check");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let names: Vec<&str> = text.lines().collect();
    let extra: usize = std::env::var("TERMS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // `TYPO=off`: without typo-squat detection, to see what it costs.
    let typo = std::env::var("TYPO").as_deref() != Ok("off");
    let policy = name_policy::PolicyBuilder::marketplace()
        .terms(name_policy_bench::generated_terms(extra))
        .typo_squats(if typo {
            name_policy::Level::Review
        } else {
            name_policy::Level::Off
        })
        .build()
        .expect("valid policy");
    let allowed = check_names(&policy, &names, rounds, check);
    println!("{allowed} of {} allowed", names.len() * rounds);
}

/// The checks alone, apart from building the policy and reading the file: give
/// `--toggle-collect=profile::check_names` to callgrind to count only them.
#[inline(never)]
fn check_names(policy: &name_policy::Policy, names: &[&str], rounds: usize, check: bool) -> usize {
    let mut allowed = 0usize;
    for _ in 0..rounds {
        for name in names {
            allowed += if check {
                usize::from(policy.check(name).is_allowed())
            } else {
                usize::from(policy.is_allowed(name))
            };
        }
    }
    allowed
}
