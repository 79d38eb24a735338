//! Writes the benchmark corpora under `benches/data/`, deterministically:
//! `cargo run -p name-policy-bench --example gen_corpus`. The files are checked in, so benches run on a fresh
//! clone; rerunning this rewrites them byte for byte.

use std::fmt::Write as _;

/// A small deterministic generator (xorshift64*), so the corpus never changes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ASCII_WORDS: &[&str] = &[
    "data",
    "cloud",
    "fast",
    "json",
    "http",
    "client",
    "server",
    "utils",
    "core",
    "web",
    "api",
    "sdk",
    "test",
    "tools",
    "parser",
    "react",
    "vue",
    "py",
    "lib",
    "async",
    "auth",
    "cache",
    "config",
    "db",
    "graph",
    "log",
    "ml",
    "net",
    "plugin",
    "queue",
    "stream",
    "azure",
    "microsoft",
    "azores",
    "micro",
    "soft",
    "allure",
    "measure",
    "contoso",
];
const INTL_WORDS: &[&str] = &[
    "Ромашка",
    "Северный",
    "Технологии",
    "Ελληνική",
    "Εταιρεία",
    "株式会社",
    "山田",
    "電気",
    "شركة",
    "البرمجيات",
    "שירותי",
    "תוכנה",
    "भारतीय",
    "सेवा",
    "บริษัท",
    "서울",
    "전자",
    "Müller",
    "Société",
    "Łódź",
    "Çelik",
    "Nguyễn",
    "Ørsted",
    "Ñandú",
    "GmbH",
    "Ltd",
    "S.A.",
];
const DISGUISES: &[&str] = &[
    "ＡＺＵＲＥ",
    "Аzure",
    "A z u r e",
    "M1cr0$oft",
    "Micro-soft",
    "Az\u{200B}ure",
    "Ⓜⓘⓒⓡⓞⓢⓞⓕⓣ",
    "Mircosoft",
    "𝐌𝐢𝐜𝐫𝐨𝐬𝐨𝐟𝐭",
    "Μіcrоѕоft",
    "A\u{301}\u{302}zure",
    "Az\u{202E}ure",
    "4zur3",
    "Miiicrosoft",
    "Azrue",
    "Micro Sotf",
];

fn main() -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut ascii = String::new();
    for _ in 0..5000 {
        let n = 1 + rng.below(3);
        let words: Vec<&str> = (0..n).map(|_| rng.pick(ASCII_WORDS)).collect();
        let sep = ["-", "_", "", "."][rng.below(4) as usize];
        let _ = writeln!(ascii, "{}", words.join(sep));
    }
    let mut intl = String::new();
    for _ in 0..5000 {
        let n = 1 + rng.below(3);
        let words: Vec<&str> = (0..n).map(|_| rng.pick(INTL_WORDS)).collect();
        let _ = writeln!(intl, "{}", words.join(" "));
    }
    let mut adversarial = String::new();
    for _ in 0..5000 {
        let name = match rng.below(4) {
            0 => format!("{} {}", rng.pick(ASCII_WORDS), rng.pick(DISGUISES)),
            1 => format!("{}{}", rng.pick(DISGUISES), rng.pick(INTL_WORDS)),
            2 => format!(
                "{} {}",
                rng.pick(DISGUISES),
                "\u{200B}".repeat(rng.below(20) as usize)
            ),
            _ => rng.pick(DISGUISES).to_owned(),
        };
        let _ = writeln!(adversarial, "{name}");
    }
    std::fs::write(format!("{}/ascii.txt", name_policy_bench::DATA), ascii)?;
    std::fs::write(format!("{}/intl.txt", name_policy_bench::DATA), intl)?;
    std::fs::write(
        format!("{}/adversarial.txt", name_policy_bench::DATA),
        adversarial,
    )?;
    Ok(())
}
