"""Times the Spark job (`spark_revet.py`) in local mode over a list of names:

    python examples/spark_throughput.py ../../../shared/corpora/package-names.txt

Writes the names as Parquet, runs the job once to warm up, then times one run (read,
check on the executors, write), and prints names a second.
"""

import os
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import spark_revet  # noqa: E402
from name_policy import Policy  # noqa: E402


def main(path):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    with open(path, encoding="utf-8", errors="replace") as f:
        names = f.read().splitlines()
    work = tempfile.mkdtemp()
    source = os.path.join(work, "names.parquet")
    pq.write_table(pa.table({"name": names}), source)
    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    try:
        spark_revet.revet(spark, source, os.path.join(work, "warm-up"), Policy.marketplace())
        started = time.perf_counter()
        spark_revet.revet(spark, source, os.path.join(work, "verdicts"), Policy.marketplace())
        seconds = time.perf_counter() - started
    finally:
        spark.stop()
    print("%d names in %.1f s: %.0f names/s (local[2]: read, check, write)" % (len(names), seconds, len(names) / seconds))


if __name__ == "__main__":
    main(sys.argv[1])
