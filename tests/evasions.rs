//! One named case per evasion class: each must be denied, and the violation's span must
//! cover exactly the disguised term in the ORIGINAL name.

use name_policy::{Policy, Severity, Verdict, ViolationKind};

/// (evasion class, name, the original text the deny violation must span)
const CASES: &[(&str, &str, &str)] = &[
    ("plain", "Contoso Azure Labs", "Azure"),
    ("fullwidth", "ＡＺＵＲＥ Partners", "ＡＺＵＲＥ"),
    (
        "fullwidth lowercase",
        "ｍｉｃｒｏｓｏｆｔ",
        "ｍｉｃｒｏｓｏｆｔ",
    ),
    ("math bold", "𝐌𝐢𝐜𝐫𝐨𝐬𝐨𝐟𝐭 Fans", "𝐌𝐢𝐜𝐫𝐨𝐬𝐨𝐟𝐭"),
    ("math script", "Go 𝒜𝓏𝓊𝓇ℯ", "𝒜𝓏𝓊𝓇ℯ"),
    ("math fraktur", "𝔄𝔷𝔲𝔯𝔢 Cloud", "𝔄𝔷𝔲𝔯𝔢"),
    ("math double-struck", "𝕄𝕚𝕔𝕣𝕠𝕤𝕠𝕗𝕥", "𝕄𝕚𝕔𝕣𝕠𝕤𝕠𝕗𝕥"),
    ("math sans bold italic", "𝘼𝙯𝙪𝙧𝙚 Ops", "𝘼𝙯𝙪𝙧𝙚"),
    ("math monospace", "𝚊𝚣𝚞𝚛𝚎", "𝚊𝚣𝚞𝚛𝚎"),
    ("circled", "Ⓜⓘⓒⓡⓞⓢⓞⓕⓣ", "Ⓜⓘⓒⓡⓞⓢⓞⓕⓣ"),
    ("parenthesized", "⒜⒵⒰⒭⒠ team", "⒜⒵⒰⒭⒠"),
    ("squared", "🄰🅉🅄🅁🄴", "🄰🅉🅄🅁🄴"),
    ("superscript", "ᴬᶻᵘʳᵉ", "ᴬᶻᵘʳᵉ"),
    ("ligature", "Microso\u{FB00}t", "Microso\u{FB00}t"),
    ("cyrillic a", "Аzure Hub", "Аzure"),
    ("cyrillic i c o", "Місrоsоft", "Місrоsоft"),
    ("cyrillic dze", "Microѕoft", "Microѕoft"),
    ("greek", "Μicrοsοft", "Μicrοsοft"),
    ("greek capital", "ΑΖURΕ", "ΑΖURΕ"),
    ("armenian", "Microsօft", "Microsօft"),
    ("cherokee", "Ꮇicrosoft", "Ꮇicrosoft"),
    ("lisu and canadian syllabics", "ꓮzure", "ꓮzure"),
    ("letterlike", "ℳicrosoft", "ℳicrosoft"),
    ("mixed homoglyphs", "Μіcrоѕоft Store", "Μіcrоѕоft"),
    ("capital i for l", "MICROSOFT", "MICROSOFT"),
    ("l for i", "Mlcrosoft", "Mlcrosoft"),
    ("rn for m", "rnicrosoft", "rnicrosoft"),
    ("diacritics", "Ázúré Labs", "Ázúré"),
    (
        "diacritics precomposed and combining",
        "Mi\u{0301}cro\u{0308}soft",
        "Mi\u{0301}cro\u{0308}soft",
    ),
    (
        "zalgo",
        "A\u{0338}\u{0321}z\u{0337}u\u{0336}\u{0334}r\u{0335}e\u{0334}\u{0321}\u{0322}",
        "A\u{0338}\u{0321}z\u{0337}u\u{0336}\u{0334}r\u{0335}e\u{0334}\u{0321}\u{0322}",
    ),
    ("zero-width space", "Az\u{200B}ure", "Az\u{200B}ure"),
    (
        "zero-width joiner",
        "Micro\u{200D}soft",
        "Micro\u{200D}soft",
    ),
    ("word joiner", "Mi\u{2060}crosoft", "Mi\u{2060}crosoft"),
    ("soft hyphen", "Micro\u{00AD}soft", "Micro\u{00AD}soft"),
    ("bidi override", "Az\u{202E}ure", "Az\u{202E}ure"),
    ("bidi mark", "Micro\u{200F}soft", "Micro\u{200F}soft"),
    ("bidi isolate", "\u{2067}Azure\u{2069}", "Azure"),
    ("variation selector", "Azu\u{FE0F}re", "Azu\u{FE0F}re"),
    (
        "tag characters",
        "Az\u{E0041}\u{E0042}ure",
        "Az\u{E0041}\u{E0042}ure",
    ),
    ("hangul filler", "Azu\u{3164}re", "Azu\u{3164}re"),
    ("spaces", "A z u r e", "A z u r e"),
    ("hyphens", "A-z-u-r-e", "A-z-u-r-e"),
    ("dots", "M.i.c.r.o.s.o.f.t", "M.i.c.r.o.s.o.f.t"),
    ("underscores", "micro_soft", "micro_soft"),
    ("em dash", "Micro—soft", "Micro—soft"),
    (
        "ideographic space",
        "Micro\u{3000}soft",
        "Micro\u{3000}soft",
    ),
    ("no-break space", "Az\u{00A0}ure", "Az\u{00A0}ure"),
    ("slash and bullet", "Micro/so•ft", "Micro/so•ft"),
    ("katakana middle dot", "Micro・soft", "Micro・soft"),
    ("split word", "Micro Soft Partners", "Micro Soft"),
    ("letter spaced inside a word", "xa z u r e", "a z u r e"),
    ("leet digits", "M1cr0s0ft", "M1cr0s0ft"),
    ("leet symbols", "Micro$oft", "Micro$oft"),
    ("leet at sign", "@zure Tools", "@zure"),
    ("leet mixed", "4zur3", "4zur3"),
    ("leet fullwidth symbol", "Micro＄oft", "Micro＄oft"),
    ("leet pipe", "M|crosoft", "M|crosoft"),
    (
        "leet fullwidth digits",
        "Ｍ１ｃｒ０ｓ０ｆｔ",
        "Ｍ１ｃｒ０ｓ０ｆｔ",
    ),
    ("repeats", "Azzzuuurrreee", "Azzzuuurrreee"),
    ("repeats of i", "Miiiicrosoft", "Miiiicrosoft"),
    ("repeat across words", "Pizza Azure", "Azure"),
    ("camelCase", "MyAzureCloud", "Azure"),
    (
        "camelCase concatenation",
        "ContosoMicrosoftPartner",
        "Microsoft",
    ),
    ("lowercase concatenation", "myazureapp", "azure"),
    (
        "combination fullwidth leet zero-width",
        "Ｍ1ｃ\u{200B}ｒ0-$οft",
        "Ｍ1ｃ\u{200B}ｒ0-$οft",
    ),
    (
        "combination cyrillic diacritics spacing",
        "А z ú r e",
        "А z ú r e",
    ),
    ("combination math circled repeats", "𝐀ⓩⓩ𝓊𝓻𝓮", "𝐀ⓩⓩ𝓊𝓻𝓮"),
    (
        "combination zalgo leet tags",
        "4\u{0336}z\u{E0020}u\u{0337}r3",
        "4\u{0336}z\u{E0020}u\u{0337}r3",
    ),
];

#[test]
fn every_evasion_class_is_denied_with_its_original_span() {
    let policy = Policy::marketplace();
    let mut failures = Vec::new();
    for &(class, name, matched) in CASES {
        let start = name
            .find(matched)
            .expect("the case's matched text is in its name");
        let want = start..start + matched.len();
        let report = policy.check(name);
        let hit = report
            .violations()
            .iter()
            .find(|v| v.kind() == ViolationKind::Term && v.severity() == Severity::Deny);
        match hit {
            Some(v) if report.verdict() == Verdict::Deny && v.span() == want => {
                assert_eq!(v.matched(), matched);
                assert!(!policy.is_allowed(name), "{class}: is_allowed disagrees");
            }
            _ => failures.push(format!("{class}: {name:?} wanted {want:?}, got {report}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} evasions missed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
