//! Words that look like brand names to a matcher: words of 5 to 12 random lowercase
//! letters (the length cycles through them), from a fixed sequence, so that every call
//! gives the same words. The scaling benchmarks, the profiling example, the tests of
//! policies with thousands of terms and the fuzz targets share this one file.

/// The first `count` generated words.
pub fn words(count: usize) -> Vec<String> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..count)
        .map(|i| {
            (0..5 + i % 8)
                .map(|_| {
                    // xorshift64
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    char::from(b'a' + (state % 26) as u8)
                })
                .collect()
        })
        .collect()
}
