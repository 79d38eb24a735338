//! Normalizing any string: no panic, spans inside the input on char boundaries, a
//! skeleton that is its own skeleton, and the same readings from the ASCII tables as
//! from the general ones.
#![no_main]

use libfuzzer_sys::fuzz_target;
use name_policy::Normalizer;

fuzz_target!(|name: &str| {
    for normalizer in [Normalizer::new(), Normalizer::new().leet(false)] {
        let sk = normalizer.normalize(name);
        for (_, span) in sk.chars() {
            assert!(span.start < span.end && span.end <= name.len());
            assert!(name.is_char_boundary(span.start) && name.is_char_boundary(span.end));
        }
        assert_eq!(normalizer.normalize(sk.as_str()).as_str(), sk.as_str());
        if name.is_ascii() {
            assert_eq!(
                normalizer.without_ascii_fast_path().readings(name, 256),
                normalizer.readings(name, 256)
            );
        }
    }
});
