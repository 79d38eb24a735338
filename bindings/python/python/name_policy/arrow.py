"""Arrow batches of verdicts (`pip install pyarrow`): what the Spark and Polars re-vetting
jobs (`examples/spark_revet.py`, `examples/polars_revet.py`) write, one call of
`Policy.check_many` per batch."""

import pyarrow as pa

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


def checked(policy, names):
    """The verdicts and violations of `names` (a list of str, None for a null name, which
    is checked as the empty name) as one Arrow record batch of `SCHEMA`."""
    names = ["" if n is None else n for n in names]
    reports = policy.check_many(names)
    return pa.RecordBatch.from_arrays(
        [
            pa.array(names, pa.string()),
            pa.array([r.verdict for r in reports], pa.string()),
            pa.array(
                [
                    [
                        {
                            "rule": v.rule,
                            "kind": v.kind,
                            "severity": v.severity,
                            "start": v.span[0],
                            "end": v.span[1],
                            "matched": v.matched,
                            "message": v.message,
                        }
                        for v in r.violations
                    ]
                    for r in reports
                ],
                pa.list_(VIOLATION),
            ),
        ],
        schema=SCHEMA,
    )
