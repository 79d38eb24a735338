"""Throughput of the Python package next to Rust's, interleaved in one run.

    python examples/throughput.py ../../../shared/corpora/package-names.txt
    RAYON_NUM_THREADS=1 taskset -c 0 python examples/throughput.py ...  # one core

Times, round by round, on the marketplace preset: Rust's `Policy::is_allowed_all` and
`Policy::check_all` (inside Rust, on one thread), then `Policy.is_allowed_many` and
`Policy.check_many` from Python (handing the list over and the results back included,
in parallel on every core the process may use), and with pyarrow installed
`name_policy.arrow.is_allowed` on the names as one Arrow array (as Spark and Polars
hold them). Prints each median and the ratios.
"""

import statistics
import sys
import time

from name_policy import Policy, _native

try:
    import pyarrow as pa

    from name_policy import arrow
except ImportError:
    pa = None


def timed(call):
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main(path, rounds=5):
    with open(path, encoding="utf-8", errors="replace") as f:
        names = f.read().splitlines()
    policy = Policy.marketplace()
    times = {"rust allowed": [], "rust check": [], "allowed": [], "check": [], "arrow": []}
    column = pa.array(names, pa.string()) if pa else None
    for _ in range(rounds):
        times["rust allowed"].append(_native._rust_all_seconds(names))
        times["allowed"].append(timed(lambda: policy.is_allowed_many(names)))
        if pa:
            times["arrow"].append(timed(lambda: arrow.is_allowed(policy, column)))
        times["rust check"].append(_native._rust_all_seconds(names, reports=True))
        times["check"].append(timed(lambda: policy.check_many(names)))
    n = len(names)
    t = {k: statistics.median(v) for k, v in times.items() if v}
    rate = {k: n / v / 1e6 for k, v in t.items()}
    print("%d names, %d rounds, medians:" % (n, rounds))
    print("  Rust is_allowed_all        %6.2f M names/s" % rate["rust allowed"])
    print("  Python is_allowed_many     %6.2f M names/s  (%.2fx Rust's is_allowed_all)"
          % (rate["allowed"], t["rust allowed"] / t["allowed"]))
    if pa:
        print("  Python arrow.is_allowed    %6.2f M names/s  (%.2fx Rust's is_allowed_all)"
              % (rate["arrow"], t["rust allowed"] / t["arrow"]))
    print("  Rust check_all             %6.2f M names/s" % rate["rust check"])
    print("  Python check_many          %6.2f M names/s  (%.2fx Rust's check_all)"
          % (rate["check"], t["rust check"] / t["check"]))


if __name__ == "__main__":
    main(sys.argv[1])
