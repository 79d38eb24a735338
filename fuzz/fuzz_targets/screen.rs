//! The screens never change a verdict: the preset with them and without them agree on
//! every name, for `is_allowed` and `check`, with and without leetspeak.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use name_policy::{Policy, PolicyBuilder};

static POLICIES: LazyLock<[(Policy, Policy); 2]> = LazyLock::new(|| {
    let pair = |b: PolicyBuilder| (b.clone().build().unwrap(), b.without_screen().build().unwrap());
    [
        pair(PolicyBuilder::marketplace()),
        pair(PolicyBuilder::marketplace().leet(false)),
    ]
});

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    for (screened, full) in POLICIES.iter() {
        let expected = full.check(name);
        assert_eq!(screened.check(name), expected, "{name:?}");
        assert_eq!(screened.is_allowed(name), expected.is_allowed(), "{name:?}");
    }
});
