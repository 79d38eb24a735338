"""Re-vet a table of names with Polars: `map_batches` hands each batch of the name
column to `name_policy.arrow.checked` and gets back verdicts and violations.

    python examples/polars_revet.py INPUT OUTPUT [--policy policy.toml] [--protect names.txt ...] [--column name]

INPUT is Parquet or CSV (by its `.csv` suffix); OUTPUT a Parquet file with the columns of
the Spark job (`spark_revet.py`).
"""

import argparse

import polars as pl

from name_policy.arrow import checked
from name_policy.jobs import add_policy_arguments, policy_from_arguments


def revet(frame, policy, column="name"):
    """`frame` with its column `column` checked: columns `name`, `verdict`, `violations`."""

    def check(names):
        batch = checked(policy, names.to_arrow())
        return pl.from_arrow(batch).to_struct("checked")

    return (
        frame.lazy()
        .select(pl.col(column).map_batches(check, return_dtype=None).alias("checked"))
        .unnest("checked")
        .collect()
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    add_policy_arguments(parser)
    parser.add_argument("--column", default="name")
    args = parser.parse_args()
    policy = policy_from_arguments(parser, args)
    read = pl.read_csv if args.input.endswith(".csv") else pl.read_parquet
    revet(read(args.input), policy, args.column).write_parquet(args.output)


if __name__ == "__main__":
    main()
