use std::time::Instant;
fn terms(n: usize) -> Vec<name_policy::Term> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..n)
        .map(|i| {
            let text: String = (0..5 + i % 8)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    char::from(b'a' + (state % 26) as u8)
                })
                .collect();
            name_policy::Term::deny(text).id(format!("t{i}"))
        })
        .collect()
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let names: Vec<&str> = text.lines().collect();
    for typo in [true, false] {
        for n in [0usize, 50, 1000, 10000] {
            let mut b = name_policy::PolicyBuilder::marketplace().terms(terms(n));
            if !typo {
                b = b.typo_squats(None);
            }
            let policy = b.build().unwrap();
            let mut best = f64::MAX;
            let mut c = 0;
            for _ in 0..5 {
                let t = Instant::now();
                for _ in 0..20 {
                    c += names.iter().filter(|n| policy.is_allowed(n)).count();
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            println!(
                "typo {typo} terms {n}: {:.2} M/s {c}",
                (names.len() * 20) as f64 / best / 1e6
            );
        }
    }
}
