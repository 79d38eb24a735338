//! Checking any bytes: no panic, `is_allowed` agrees with `check`, spans match.
#![no_main]

use libfuzzer_sys::fuzz_target;
use name_policy::Policy;

fuzz_target!(|data: &[u8]| {
    let policy = Policy::marketplace();
    let report = policy.check_bytes(data);
    if let Ok(name) = std::str::from_utf8(data) {
        assert_eq!(policy.is_allowed(name), report.is_allowed());
        for v in report.violations() {
            assert_eq!(&name[v.span()], v.matched());
        }
    }
});
