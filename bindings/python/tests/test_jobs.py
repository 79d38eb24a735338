"""The Spark and Polars re-vetting jobs over 100,000 real package names: every verdict
equals the `check` binary's for the same name."""

import collections
import ctypes
import json
import os
import pathlib
import subprocess
import sys

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE.parent / "examples"))

from name_policy import Policy, read_names  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "package-names.txt"
COUNT = 100_000


@pytest.fixture(scope="module")
def names():
    assert CORPUS.exists(), "%s is missing: the jobs are tested on the shared corpus" % CORPUS
    with open(CORPUS, encoding="utf-8") as f:
        out = [line.rstrip("\n") for _, line in zip(range(COUNT), f)]
    assert len(out) == COUNT
    return out


def _binary_verdicts(names, tmp_path_factory, *args):
    """The `check` binary's verdict of each name (`NAME_POLICY_CHECK`, or the release
    example that `.ci/run` builds), with `args` added to its command line."""
    binary = os.environ.get("NAME_POLICY_CHECK", str(REPO / "target" / "release" / "examples" / "check"))
    assert os.path.exists(binary), "%s is missing: cargo build --release --example check" % binary
    path = tmp_path_factory.mktemp("input") / "names.txt"
    path.write_text("".join(n + "\n" for n in names), encoding="utf-8")
    out = subprocess.run(
        [binary, "--format", "json", "--quiet", "--input", str(path), *args],
        stdout=subprocess.PIPE,
        check=False,
    )
    assert out.returncode in (0, 1)
    lines = out.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(names)
    return collections.Counter((json.loads(l)["name"], json.loads(l)["verdict"]) for l in lines)


@pytest.fixture(scope="module")
def expected(names, tmp_path_factory):
    return _binary_verdicts(names, tmp_path_factory)


@pytest.fixture(scope="module")
def protect_list(tmp_path_factory):
    """The top PyPI and npm names of `../shared/registry`, as one list."""
    registry = REPO.parent / "shared" / "registry"
    names = []
    for top in ("top-pypi.txt", "top-npm.txt"):
        names += read_names(registry / top)
    assert len(names) > 20000
    path = tmp_path_factory.mktemp("protect") / "protected.txt"
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected_protected(names, protect_list, tmp_path_factory):
    verdicts = _binary_verdicts(names, tmp_path_factory, "--protect", str(protect_list))
    # The protected names are a real part of the verdicts: hundreds of names change.
    assert sum(1 for (_, v), n in verdicts.items() if v != "allow") > 1000
    return verdicts


@pytest.fixture(scope="module")
def parquet_input(names, tmp_path_factory):
    path = tmp_path_factory.mktemp("parquet") / "names.parquet"
    pq.write_table(pa.table({"name": names}), path)
    return path


def _local_spark(name):
    """A Spark session on two local cores, its workers on this Python."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    return SparkSession.builder.master("local[2]").appName(name).config("spark.ui.enabled", "false").getOrCreate()


def test_spark_job_gives_the_binary_s_verdicts(parquet_input, expected, tmp_path):
    import spark_revet

    spark = _local_spark("name-policy test")
    try:
        out = tmp_path / "verdicts"
        spark_revet.revet(spark, str(parquet_input), str(out), Policy.marketplace())
        # The same job over CSV: names with commas and quotes, quoted as RFC 4180 says.
        csv_names = pq.read_table(parquet_input).column("name").to_pylist()[:3000]
        csv_names += ['Contoso, "Azure" Labs', "Fine Name", 'Quote "only"']
        csv_path = tmp_path / "names.csv"
        pa_csv.write_csv(pa.table({"name": csv_names}), csv_path)
        csv_out = tmp_path / "csv-verdicts"
        spark_revet.revet(spark, str(csv_path), str(csv_out), Policy.marketplace())
    finally:
        spark.stop()
    policy = Policy.marketplace()
    csv_table = pq.read_table(csv_out)
    assert collections.Counter(
        zip(csv_table.column("name").to_pylist(), csv_table.column("verdict").to_pylist())
    ) == collections.Counter((n, policy.check(n).verdict) for n in csv_names)
    table = pq.read_table(out)
    got = collections.Counter(zip(table.column("name").to_pylist(), table.column("verdict").to_pylist()))
    assert got == expected
    # Violations come as a table too, spans slicing the name.
    for row in table.slice(0, 20000).to_pylist():
        for v in row["violations"]:
            assert row["name"][v["start"]:v["end"]] == v["matched"]


def test_polars_job_gives_the_binary_s_verdicts(parquet_input, expected):
    import polars as pl

    import polars_revet

    frame = polars_revet.revet(pl.read_parquet(parquet_input), Policy.marketplace())
    got = collections.Counter(zip(frame["name"].to_list(), frame["verdict"].to_list()))
    assert got == expected
    assert set(frame.columns) == {"name", "verdict", "violations"}


def test_spark_and_polars_jobs_protect_names_as_the_binary_does(
    parquet_input, protect_list, expected, expected_protected, tmp_path
):
    import polars as pl

    import polars_revet
    import spark_revet

    assert expected_protected != expected
    policy = Policy.marketplace().with_protected(read_names(protect_list))
    spark = _local_spark("name-policy protect test")
    try:
        out = tmp_path / "verdicts"
        spark_revet.revet(spark, str(parquet_input), str(out), policy)
    finally:
        spark.stop()
    table = pq.read_table(out)
    assert collections.Counter(zip(table.column("name").to_pylist(), table.column("verdict").to_pylist())) == expected_protected
    frame = polars_revet.revet(pl.read_parquet(parquet_input), policy)
    assert collections.Counter(zip(frame["name"].to_list(), frame["verdict"].to_list())) == expected_protected


def test_the_jobs_take_protect_on_the_command_line(tmp_path):
    names = tmp_path / "top.txt"
    names.write_text("request\ncross-env\n", encoding="utf-8")
    source = tmp_path / "names.csv"
    source.write_text("name\nrequst\ncrossenv\nFine Name\n", encoding="utf-8")
    for script in ("polars_revet.py", "spark_revet.py"):
        out = tmp_path / ("out-" + script)
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
        subprocess.run(
            [sys.executable, str(HERE.parent / "examples" / script), str(source), str(out), "--protect", str(names)],
            check=True,
            env=env,
        )
        table = pq.read_table(out)
        verdicts = dict(zip(table.column("name").to_pylist(), table.column("verdict").to_pylist()))
        assert verdicts == {"requst": "review", "crossenv": "deny", "Fine Name": "allow"}, script
    failed = subprocess.run(
        [sys.executable, str(HERE.parent / "examples" / "polars_revet.py"), str(source), str(out), "--protect", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
    )
    assert failed.returncode != 0 and "missing.txt" in failed.stderr and "Traceback" not in failed.stderr


def test_checked_batches_agree_with_check_whatever_arrow_hands_over():
    from name_policy.arrow import SCHEMA, checked

    policy = Policy.marketplace()
    names = ["Contoso", None, "Ａｚｕｒｅ Labs", "", "Mircosoft", "株式会社山田", "A z u r e"]
    plain = ["" if n is None else n for n in names]
    expected_verdicts = [policy.check(n).verdict for n in plain]
    inputs = [
        names,
        pa.array(names, pa.string()),
        pa.array(names, pa.large_string()),
        pa.chunked_array([names[:3], names[3:]], pa.string()),
    ]
    for given in inputs:
        batch = checked(policy, given)
        assert batch.schema == SCHEMA
        assert batch.column("name").to_pylist() == plain
        assert batch.column("verdict").to_pylist() == expected_verdicts
        for name, row in zip(plain, batch.column("violations").to_pylist()):
            report = policy.check(name)
            assert [(v["rule"], v["start"], v["end"]) for v in row] == [
                (v.rule, v.span[0], v.span[1]) for v in report.violations
            ]
            assert all(name[v["start"]:v["end"]] == v["matched"] for v in row)
    granted = checked(policy, names, grants=["verified-microsoft"])
    assert granted.column("verdict").to_pylist() == [
        policy.check(n, grants=["verified-microsoft"]).verdict for n in plain
    ]


def test_arrow_screening_reads_every_layout_of_strings():
    from name_policy.arrow import is_allowed

    policy = Policy.marketplace()
    names = ["Contoso", None, "Ａｚｕｒｅ Labs", "", "Mircosoft", "株式会社山田", "A z u r e", "Fine Name"]
    expected = [policy.is_allowed("" if n is None else n) for n in names]
    layouts = [
        pa.array(names, pa.string()),
        pa.array(names, pa.large_string()),
        pa.array(names, pa.string_view()),
        pa.array(["x"] * 3 + names + ["y"], pa.string()).slice(3, len(names)),
        pa.array(["x"] * 5 + names, pa.large_string()).slice(5),
    ]
    for array in layouts:
        got = is_allowed(policy, array)
        assert got.type == pa.bool_()
        assert got.to_pylist() == expected, array.type
    chunked = is_allowed(policy, pa.chunked_array([names[:3], names[3:]], pa.string()))
    assert chunked.to_pylist() == expected
    assert is_allowed(policy, pa.array([], pa.string())).to_pylist() == []
    assert is_allowed(policy, pa.array([None, None])).to_pylist() == [False, False]
    granted = is_allowed(policy, layouts[0], grants=["verified-microsoft"])
    assert granted.to_pylist() == [policy.is_allowed("" if n is None else n, grants=["verified-microsoft"]) for n in names]
    with pytest.raises(TypeError):
        is_allowed(policy, pa.array([1, 2]))
    with pytest.raises(TypeError):
        is_allowed(policy, ["Contoso"])


def test_arrow_screening_takes_any_library_s_arrays_through_the_pycapsule_interface():
    import duckdb
    import polars as pl
    from name_policy.arrow import is_allowed

    policy = Policy.marketplace()
    names = ["Contoso", None, "Ａｚｕｒｅ Labs", "Mircosoft", "株式会社山田", "Fine Name"]
    expected = [policy.is_allowed("" if n is None else n) for n in names]
    # A Polars series (string_view chunks) gives a chunked array.
    series = pl.concat([pl.Series("name", names[:2]), pl.Series("name", names[2:])], rechunk=False)
    got = is_allowed(policy, series)
    assert isinstance(got, pa.ChunkedArray)
    assert got.to_pylist() == expected
    # A DuckDB relation of one column, as a stream of record batches.
    table = pa.table({"name": pa.array(names, pa.string())})
    relation = duckdb.from_arrow(table).select("name")
    assert is_allowed(policy, relation).to_pylist() == expected
    # A full report of each, as the re-vetting jobs write.
    from name_policy.arrow import checked

    assert checked(policy, series).column("verdict").to_pylist() == [policy.check("" if n is None else n).verdict for n in names]
    # A relation of two columns is no column of strings.
    with pytest.raises(TypeError):
        is_allowed(policy, duckdb.from_arrow(pa.table({"a": names, "b": names})))


def test_arrow_screening_rejects_broken_buffers_without_crashing():
    from name_policy.arrow import is_allowed

    policy = Policy.marketplace()
    offsets = pa.py_buffer(offsets32([0, 7, 8]))
    # Bytes that are not UTF-8 are never allowed.
    broken = pa.Array.from_buffers(pa.string(), 2, [None, offsets, pa.py_buffer(b"Contoso\xff")])
    assert is_allowed(policy, broken).to_pylist() == [True, False]
    # Nor are strings cut inside a character, though all their bytes together are UTF-8.
    split = pa.Array.from_buffers(pa.string(), 3, [None, pa.py_buffer(offsets32([0, 7, 8, 9])), pa.py_buffer("Contosoé".encode())])
    assert is_allowed(policy, split).to_pylist() == [True, False, False]
    # pyarrow refuses to build arrays with falling offsets, but other producers of Arrow
    # data may not, and Arrow data crosses the PyCapsule interface unvalidated: the
    # native reader checks the offsets itself, and raises instead of reading strings of
    # negative length. (The C Data Interface carries no buffer sizes: a consumer takes
    # the data buffer to be as long as the last offset says, so a producer whose offsets
    # run past its data is broken beyond what any consumer can see.)
    for bad in ([0, 7, 3], [0, 7, 3, 8], [5, 2, 8]):
        with pytest.raises(ValueError, match="broken"):
            is_allowed(policy, RawStrings(offsets32(bad), b"Contoso!", len(bad) - 1))
    # The same producer with good offsets is read as pyarrow's arrays are.
    assert is_allowed(policy, RawStrings(offsets32([0, 7, 12]), b"ContosoAzure", 2)).to_pylist() == [True, False]


class RawStrings:
    """An Arrow `string` array from its raw offsets and data bytes, exported through the
    Arrow PyCapsule interface (`__arrow_c_array__`) with ctypes, as a producer that
    checks nothing would: the C Data Interface's two structs, each released by setting
    its `release` to NULL."""

    def __init__(self, offsets, data, count):
        self.buffers = (ctypes.create_string_buffer(offsets, len(offsets)), ctypes.create_string_buffer(data, len(data)))
        self.count = count

    def __arrow_c_array__(self, requested_schema=None):
        schema = ArrowSchema(format=b"u", name=b"", flags=2, release=RELEASE_SCHEMA)
        pointers = (ctypes.c_void_p * 3)(None, ctypes.addressof(self.buffers[0]), ctypes.addressof(self.buffers[1]))
        array = ArrowArray(length=self.count, n_buffers=3, buffers=ctypes.addressof(pointers), release=RELEASE_ARRAY)
        # The structs and the buffer list live as long as this object (the test's).
        self.kept = (schema, array, pointers)
        return (capsule(schema, b"arrow_schema"), capsule(array, b"arrow_array"))


class ArrowSchema(ctypes.Structure):
    pass


ArrowSchema._fields_ = [
    ("format", ctypes.c_char_p),
    ("name", ctypes.c_char_p),
    ("metadata", ctypes.c_char_p),
    ("flags", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("children", ctypes.c_void_p),
    ("dictionary", ctypes.c_void_p),
    ("release", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ("private_data", ctypes.c_void_p),
]


class ArrowArray(ctypes.Structure):
    _fields_ = [
        ("length", ctypes.c_int64),
        ("null_count", ctypes.c_int64),
        ("offset", ctypes.c_int64),
        ("n_buffers", ctypes.c_int64),
        ("n_children", ctypes.c_int64),
        ("buffers", ctypes.c_void_p),
        ("children", ctypes.c_void_p),
        ("dictionary", ctypes.c_void_p),
        ("release", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
        ("private_data", ctypes.c_void_p),
    ]


def _released(kind):
    @ctypes.CFUNCTYPE(None, ctypes.c_void_p)
    def release(address):
        kind.from_address(address).release = ctypes.CFUNCTYPE(None, ctypes.c_void_p)()

    return release


RELEASE_SCHEMA = _released(ArrowSchema)
RELEASE_ARRAY = _released(ArrowArray)


def capsule(struct, name):
    """A PyCapsule named `name` of the address of `struct`."""
    new = ctypes.pythonapi.PyCapsule_New
    new.restype = ctypes.py_object
    new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
    return new(ctypes.addressof(struct), name, None)


def offsets32(values):
    """32-bit little-endian Arrow offsets."""
    import struct

    return struct.pack("<%di" % len(values), *values)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text()), max_size=40), st.integers(0, 5), st.booleans())
def test_arrow_screening_agrees_with_single_calls(names, skip, wide):
    from name_policy.arrow import is_allowed

    policy = Policy.marketplace()
    array = pa.array(names, pa.large_string() if wide else pa.string()).slice(min(skip, len(names)))
    expected = [policy.is_allowed("" if n is None else n) for n in names[min(skip, len(names)):]]
    assert is_allowed(policy, array).to_pylist() == expected


def test_the_polars_job_runs_from_the_command_line_with_a_policy_file(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text('version = 1\nextends = "marketplace"\n[[terms]]\ntext = "Contoso"\n', encoding="utf-8")
    source = tmp_path / "names.csv"
    source.write_text('name\nContoso Labs\n"Fine, ""Quoted"" Name"\nAzure Fans\n', encoding="utf-8")
    out = tmp_path / "out.parquet"
    script = HERE.parent / "examples" / "polars_revet.py"
    subprocess.run([sys.executable, str(script), str(source), str(out), "--policy", str(policy)], check=True)
    table = pq.read_table(out)
    assert table.column("name").to_pylist() == ["Contoso Labs", 'Fine, "Quoted" Name', "Azure Fans"]
    assert table.column("verdict").to_pylist() == ["deny", "allow", "deny"]
    broken = tmp_path / "broken.toml"
    broken.write_text('version = 1\n[[terms]]\ntxt = "Contoso"\n', encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, str(script), str(source), str(out), "--policy", str(broken)],
        capture_output=True,
        text=True,
    )
    assert failed.returncode != 0
    assert failed.stderr.startswith("polars_revet.py: %s:3:1: " % broken), failed.stderr
    assert "Traceback" not in failed.stderr
