"""Arrow batches of verdicts (`pip install pyarrow`): what the Spark and Polars re-vetting
jobs (`examples/spark_revet.py`, `examples/polars_revet.py`) write for each batch of
names."""

import pyarrow as pa
import pyarrow.compute as pc

VIOLATION = pa.struct(
    [
        ("rule", pa.string()),
        ("kind", pa.string()),
        ("severity", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("matched", pa.string()),
        ("message", pa.string()),
    ]
)

SCHEMA = pa.schema(
    [("name", pa.string()), ("verdict", pa.string()), ("violations", pa.list_(VIOLATION))]
)


def checked(policy, names, grants=()):
    """The verdicts and violations of `names` as one Arrow record batch of `SCHEMA`.

    `names` is an Arrow string array (as Spark's `mapInArrow` and Polars hand over) or a
    list of str; a null name is checked as the empty name. Every name is screened by
    `is_allowed_many`, and only those not allowed get a full `check_many` report: in a
    registry most names are fine, and their rows need no report."""
    if isinstance(names, pa.ChunkedArray):
        names = names.combine_chunks()
    if isinstance(names, pa.Array):
        column = pc.fill_null(names.cast(pa.string()), "")
        names = column.to_pylist()
    else:
        names = ["" if n is None else n for n in names]
        column = pa.array(names, pa.string())
    allowed = policy.is_allowed_many(names, grants)
    flagged = [i for i, ok in enumerate(allowed) if not ok]
    reports = policy.check_many([names[i] for i in flagged], grants)
    verdicts = ["allow"] * len(names)
    violations = [[]] * len(names)
    for i, report in zip(flagged, reports):
        verdicts[i] = report.verdict
        violations[i] = [
            {
                "rule": v.rule,
                "kind": v.kind,
                "severity": v.severity,
                "start": v.span[0],
                "end": v.span[1],
                "matched": v.matched,
                "message": v.message,
            }
            for v in report.violations
        ]
    return pa.RecordBatch.from_arrays(
        [column, pa.array(verdicts, pa.string()), pa.array(violations, pa.list_(VIOLATION))],
        schema=SCHEMA,
    )
