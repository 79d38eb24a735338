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


def is_allowed(policy, names, grants=()):
    """Whether each string of the Arrow array `names` is allowed, as an Arrow boolean
    array: Rust reads the strings where the array holds them, in parallel, without the
    GIL and without a Python object per name.

    `names` is anything that exports the Arrow PyCapsule interface: a pyarrow array or
    chunked array, a Polars series, a DuckDB relation's column, a nanoarrow array. Its
    type is `string`, `large_string` or `string_view` (or `null`); a null is checked as
    the empty name. An array (`__arrow_c_array__`) gives a `pyarrow.BooleanArray`, a
    stream (`__arrow_c_stream__`: a chunked array, a Polars series) a
    `pyarrow.ChunkedArray` with the same chunks."""
    single = hasattr(names, "__arrow_c_array__")
    if not (single or hasattr(names, "__arrow_c_stream__")):
        raise TypeError(
            "expected an Arrow array or stream (__arrow_c_array__ or __arrow_c_stream__), got %s"
            % type(names).__name__
        )
    chunks = [
        pa.Array.from_buffers(pa.bool_(), count, [None, pa.py_buffer(bits)])
        for bits, count in policy._native._is_allowed_arrow(names, policy._grants(grants))
    ]
    if single:
        return chunks[0]
    return pa.chunked_array(chunks, pa.bool_())


def _strings(names):
    """`names` as a `string` or `large_string` array without nulls; `TypeError` for an
    array of anything but strings (or only nulls)."""
    kind = names.type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        if not (_is_string_view(kind) or pa.types.is_null(kind)):
            raise TypeError("expected an Arrow array of strings, got one of %s" % kind)
        names = names.cast(pa.string())
    if names.null_count:
        names = pc.fill_null(names, "")
    return names


# `string_view` arrived in pyarrow 16.
_is_string_view = getattr(pa.types, "is_string_view", lambda kind: False)


def checked(policy, names, grants=()):
    """The verdicts and violations of `names` as one Arrow record batch of `SCHEMA`.

    `names` is an Arrow array or stream of strings (as Spark's `mapInArrow` and Polars
    hand over; anything with `__arrow_c_array__` or `__arrow_c_stream__`) or a list of
    str; a null name is checked as the empty name. Every name is screened by
    `is_allowed`, and only those not allowed get a full `check_many` report: in a
    registry most names are fine, and their rows need no report."""
    if not isinstance(names, (pa.Array, pa.ChunkedArray)):
        if hasattr(names, "__arrow_c_array__"):
            names = pa.array(names)
        elif hasattr(names, "__arrow_c_stream__"):
            names = pa.chunked_array(names)
        else:
            names = pa.array(names, pa.string())
    if isinstance(names, pa.ChunkedArray):
        names = names.combine_chunks()
    column = _strings(names).cast(pa.string())
    allowed = is_allowed(policy, column, grants)
    flagged = pc.indices_nonzero(pc.invert(allowed))
    reports = policy.check_many(column.take(flagged).to_pylist(), grants)
    verdicts = ["allow"] * len(column)
    violations = [[]] * len(column)
    for i, report in zip(flagged.to_pylist(), reports):
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
