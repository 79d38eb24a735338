"""Throughput of the Python package next to Rust's, interleaved in one run.

    RAYON_NUM_THREADS=1 python examples/throughput.py ../../../shared/corpora/package-names.txt

Times, round by round: Rust's `Policy::is_allowed_all` (inside Rust), then
`Policy.is_allowed_many` and `Policy.check_many` from Python (list conversion
included), on the marketplace preset. With RAYON_NUM_THREADS=1 the batch calls run on
one core, so the figures are per core. Prints each median and the ratio to Rust's.
"""

import statistics
import sys
import time

from name_policy import Policy, _native


def main(path, rounds=5):
    with open(path, encoding="utf-8", errors="replace") as f:
        names = f.read().splitlines()
    policy = Policy.marketplace()
    rust, many, checks = [], [], []
    for _ in range(rounds):
        rust.append(_native._rust_is_allowed_all_seconds(names))
        started = time.perf_counter()
        policy.is_allowed_many(names)
        many.append(time.perf_counter() - started)
        started = time.perf_counter()
        policy.check_many(names)
        checks.append(time.perf_counter() - started)
    n = len(names)
    r, m, c = (statistics.median(x) for x in (rust, many, checks))
    print("%d names, %d rounds, medians:" % (n, rounds))
    print("  Rust is_allowed_all        %6.2f M names/s" % (n / r / 1e6))
    print("  Python is_allowed_many     %6.2f M names/s  (%.2fx Rust's)" % (n / m / 1e6, r / m))
    print("  Python check_many          %6.2f M names/s  (%.2fx Rust's is_allowed_all)" % (n / c / 1e6, r / c))


if __name__ == "__main__":
    main(sys.argv[1])
