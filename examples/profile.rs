//! Runs `is_allowed` over a file of names many times, for profilers (`valgrind --tool=callgrind`).
//!
//! `cargo run --release --example profile -- FILE [ROUNDS] [check]`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile FILE [ROUNDS] [check]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let check = args.next().as_deref() == Some("check");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let names: Vec<&str> = text.lines().collect();
    let policy = name_policy::Policy::marketplace();
    let mut allowed = 0usize;
    for _ in 0..rounds {
        for name in &names {
            allowed += if check {
                usize::from(policy.check(name).is_allowed())
            } else {
                usize::from(policy.is_allowed(name))
            };
        }
    }
    println!("{allowed} of {} allowed", names.len() * rounds);
}
