"""Re-vet a whole registry inside Spark: read names from Parquet or CSV, check them with
`mapInArrow` on the executors, and write verdicts and violations as a Parquet table.

    python examples/spark_revet.py INPUT OUTPUT [--policy policy.toml] [--protect names.txt ...] [--column name]

INPUT is a Parquet file or directory, or a CSV file with a header (by its `.csv`
suffix); OUTPUT a Parquet directory with the columns `name`, `verdict` and `violations`
(a list of rule, kind, severity, start, end, matched and message; spans in code points).
The policy is pickled as its policy text (with the names `--protect` gave) and rebuilt
once per Python worker.
"""

import argparse

from name_policy.arrow import SCHEMA, checked
from name_policy.jobs import add_policy_arguments, policy_from_arguments


def revet(spark, input_path, output_path, policy, column="name"):
    """Reads `input_path`, checks column `column` with `policy`, writes `output_path`."""
    if input_path.endswith(".csv"):
        # RFC 4180: a quote inside a quoted field is doubled, and a field may span lines.
        frame = (
            spark.read.option("header", True)
            .option("escape", '"')
            .option("multiLine", True)
            .csv(input_path)
        )
    else:
        frame = spark.read.parquet(input_path)
    names = frame.select(frame[column].alias("name"))

    def check_batches(batches):
        for batch in batches:
            yield checked(policy, batch.column(0))

    result = names.mapInArrow(check_batches, schema=_spark_schema())
    result.write.mode("overwrite").parquet(output_path)


def _spark_schema():
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(SCHEMA)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    add_policy_arguments(parser)
    parser.add_argument("--column", default="name")
    args = parser.parse_args()
    policy = policy_from_arguments(parser, args)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("name-policy revet").getOrCreate()
    revet(spark, args.input, args.output, policy, args.column)
    spark.stop()


if __name__ == "__main__":
    main()
