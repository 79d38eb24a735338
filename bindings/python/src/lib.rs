//! `name_policy._native`: the compiled half of the Python package. The Python half
//! (`python/name_policy/__init__.py`) builds a policy from its TOML text, so that a
//! policy is always rebuilt from text (pickling, Spark executors) with the same verdicts
//! as the Rust crate and the `check` binary.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use std::sync::Mutex;

use arrow_array::cast::AsArray;
use arrow_array::{Array, StringViewArray};
use arrow_data::ArrayData;
use arrow_schema::DataType;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use pyo3_arrow::input::AnyArray;
use rayon::prelude::*;

create_exception!(
    _native,
    PolicyError,
    PyException,
    "A policy could not be built; the message is the Rust one (`line:column: ...`)."
);

/// One step from the name as written to the term.
#[pyclass(frozen, get_all, module = "name_policy")]
#[derive(Clone)]
struct Reading {
    /// `(start, end)` in Python string indices (code points).
    span: (usize, usize),
    from_: String,
    to: String,
    why: &'static str,
}

#[pymethods]
impl Reading {
    fn __repr__(&self) -> String {
        format!(
            "Reading(span={:?}, from_={:?}, to={:?}, why={:?})",
            self.span, self.from_, self.to, self.why
        )
    }
}

/// One reason a name is not simply allowed.
#[pyclass(frozen, get_all, module = "name_policy")]
#[derive(Clone)]
struct Violation {
    rule: String,
    kind: &'static str,
    category: &'static str,
    severity: &'static str,
    term: Option<String>,
    /// `(start, end)` in Python string indices: `name[start:end] == matched`.
    span: (usize, usize),
    matched: String,
    message: String,
    disguised: bool,
    readings: Vec<Reading>,
    edit: Option<String>,
}

#[pymethods]
impl Violation {
    fn __repr__(&self) -> String {
        format!(
            "Violation(rule={:?}, kind={:?}, severity={:?}, span={:?}, matched={:?})",
            self.rule, self.kind, self.severity, self.span, self.matched
        )
    }
}

/// The verdict on a name and every violation, sorted by span.
#[pyclass(frozen, get_all, module = "name_policy")]
#[derive(Default)]
struct Report {
    name: String,
    verdict: &'static str,
    violations: Vec<Violation>,
}

#[pymethods]
impl Report {
    fn __repr__(&self) -> String {
        format!(
            "Report(name={:?}, verdict={:?}, violations={})",
            self.name,
            self.verdict,
            self.violations.len()
        )
    }
}

/// The byte range `span` of `name` in Python string indices (code points). Counted
/// afresh for each span: names are short, violations few, and the names without any (most
/// of them) cost nothing.
fn code_points(name: &str, span: std::ops::Range<usize>) -> (usize, usize) {
    let count = |s: Option<&str>| s.map_or(0, |s| s.chars().count());
    let start = count(name.get(..span.start));
    (start, start + count(name.get(span)))
}

fn report(r: &name_policy::Report) -> Report {
    let name = r.name();
    Report {
        name: name.to_owned(),
        verdict: r.verdict().as_str(),
        violations: r
            .violations()
            .iter()
            .map(|v| Violation {
                rule: v.rule().to_owned(),
                kind: v.kind().as_str(),
                category: v.category().as_str(),
                severity: v.severity().as_str(),
                term: v.term().map(str::to_owned),
                span: code_points(name, v.span()),
                matched: v.matched().to_owned(),
                message: v.message().to_owned(),
                disguised: v.is_disguised(),
                readings: v
                    .readings()
                    .iter()
                    .map(|x| Reading {
                        span: code_points(name, x.span()),
                        from_: x.from().to_owned(),
                        to: x.to().to_owned(),
                        why: x.kind().as_str(),
                    })
                    .collect(),
                edit: v.edit().map(ToString::to_string),
            })
            .collect(),
    }
}

/// A compiled policy: immutable and shared between threads.
#[pyclass(frozen, module = "name_policy")]
struct NativePolicy {
    policy: name_policy::Policy,
}

/// Grants resolved against a policy.
#[pyclass(frozen, module = "name_policy")]
struct NativeGrants {
    grants: name_policy::Grants,
}

#[pymethods]
impl NativePolicy {
    /// Builds a policy from the TOML policy format, its lists of protected names
    /// (`protect = [...]`) found in `base` (the working directory when `None`).
    #[staticmethod]
    #[pyo3(signature = (text, base=None))]
    fn from_toml(text: &str, base: Option<std::path::PathBuf>) -> PyResult<NativePolicy> {
        let base = base.unwrap_or_else(|| std::path::PathBuf::from("."));
        name_policy::Policy::from_toml_str_in(text, base)
            .map(|policy| NativePolicy { policy })
            .map_err(|e| PolicyError::new_err(e.to_string()))
    }

    /// The same policy, protecting `names` too (most popular first).
    fn with_protected(&self, names: Vec<String>) -> NativePolicy {
        NativePolicy {
            policy: self.policy.with_protected(names),
        }
    }

    /// The protected names, most popular first.
    fn protected_names(&self) -> Vec<String> {
        self.policy.protected_names().map(str::to_owned).collect()
    }

    /// Resolves grant ids; an unknown one raises `ValueError`.
    fn grants(&self, ids: Vec<String>) -> PyResult<NativeGrants> {
        self.policy
            .grants(&ids)
            .map(|grants| NativeGrants { grants })
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    #[pyo3(signature = (name, grants=None))]
    fn check(&self, name: &str, grants: Option<&NativeGrants>) -> Report {
        report(&self.policy.check_granted(name, lifted(grants)))
    }

    #[pyo3(signature = (name, grants=None))]
    fn is_allowed(&self, name: &str, grants: Option<&NativeGrants>) -> bool {
        self.policy.is_allowed_granted(name, lifted(grants))
    }

    /// Every name of `names` checked in parallel (see [`batch`]).
    #[pyo3(signature = (names, grants=None))]
    fn check_many(
        &self,
        py: Python<'_>,
        names: &Bound<'_, PyList>,
        grants: Option<&NativeGrants>,
    ) -> PyResult<Vec<Report>> {
        let grants = lifted(grants);
        batch(py, names, |name| {
            report(&self.policy.check_granted(name, grants))
        })
    }

    /// Whether each string of an Arrow array of strings is allowed, read where the array
    /// holds it, in parallel, without the GIL: for each chunk (one for an array, one per
    /// array of a stream), a bitmap, one bit per string (Arrow's boolean layout), and
    /// its length. `names` is anything that exports the Arrow PyCapsule interface
    /// (`__arrow_c_array__` or `__arrow_c_stream__`: pyarrow, Polars, DuckDB, nanoarrow)
    /// of `string`, `large_string`, `string_view` or `null`, or a table of one such
    /// column (a DuckDB relation); a null is checked as the empty name. Other types raise
    /// `TypeError`.
    #[pyo3(signature = (names, grants=None))]
    fn _is_allowed_arrow(
        &self,
        py: Python<'_>,
        names: AnyArray,
        grants: Option<&NativeGrants>,
    ) -> PyResult<Vec<(Py<PyBytes>, usize)>> {
        let grants = lifted(grants);
        let mut out = Vec::new();
        for chunk in names.into_reader()? {
            let chunk = chunk.map_err(|e| PyValueError::new_err(e.to_string()))?;
            // A table of one column (a DuckDB relation's stream): that column.
            let chunk = match chunk.as_struct_opt() {
                Some(table) if table.num_columns() == 1 && table.null_count() == 0 => {
                    table.column(0).clone()
                }
                _ => chunk,
            };
            let allowed = |name: &str| self.policy.is_allowed_granted(name, grants);
            let data = chunk.to_data();
            let bits = match chunk.data_type() {
                DataType::Utf8 => py.detach(|| offsets_bitmap(&data, false, allowed))?,
                DataType::LargeUtf8 => py.detach(|| offsets_bitmap(&data, true, allowed))?,
                DataType::Utf8View => {
                    // Views point anywhere in their buffers: checked whole before any is read.
                    data.validate_full().map_err(|e| {
                        PyValueError::new_err(format!("the string_view array is broken: {e}"))
                    })?;
                    py.detach(|| bitmap(chunk.as_string_view(), allowed))
                }
                DataType::Null => {
                    let empty = allowed("");
                    vec![if empty { u8::MAX } else { 0 }; chunk.len().div_ceil(8)]
                }
                other => {
                    return Err(PyTypeError::new_err(format!(
                        "expected an Arrow array of strings, got one of {other}"
                    )))
                }
            };
            out.push((PyBytes::new(py, &bits).unbind(), chunk.len()));
        }
        Ok(out)
    }

    /// Whether each name of `names` is allowed, in parallel (see [`batch`]).
    #[pyo3(signature = (names, grants=None))]
    fn is_allowed_many(
        &self,
        py: Python<'_>,
        names: &Bound<'_, PyList>,
        grants: Option<&NativeGrants>,
    ) -> PyResult<Vec<bool>> {
        let grants = lifted(grants);
        batch(py, names, |name| {
            self.policy.is_allowed_granted(name, grants)
        })
    }
}

/// A bitmap of `allowed` over `count` strings, `string(i)` giving the `i`th (`None`: not
/// a string, never allowed), one bit per string (Arrow's boolean layout); in parallel,
/// each task filling whole bytes of it.
fn fill<'a>(
    count: usize,
    string: impl Fn(usize) -> Option<&'a str> + Sync,
    allowed: impl Fn(&str) -> bool + Sync,
) -> Vec<u8> {
    let mut bits = vec![0u8; count.div_ceil(8)];
    // 8,192 strings a task.
    bits.par_chunks_mut(1024).enumerate().for_each(|(k, out)| {
        for (j, byte) in out.iter_mut().enumerate() {
            let first = (k * 1024 + j) * 8;
            for bit in 0..8.min(count - first) {
                if string(first + bit).is_some_and(&allowed) {
                    *byte |= 1 << bit;
                }
            }
        }
    });
    bits
}

/// [`fill`] over a `string_view` array, validated; a null is the empty name.
fn bitmap(strings: &StringViewArray, allowed: impl Fn(&str) -> bool + Sync) -> Vec<u8> {
    let string = |i| {
        Some(if strings.is_null(i) {
            ""
        } else {
            strings.value(i)
        })
    };
    fill(strings.len(), string, allowed)
}

/// [`fill`] over a `string` (or, when `wide`, `large_string`) array, read from its
/// buffers as bytes: Arrow data from another library is not validated on import, so its
/// offsets are checked here (an offset that falls or leaves the data buffer raises
/// `ValueError`), and a string that is not UTF-8 is not allowed. A null is the empty
/// name.
fn offsets_bitmap(
    data: &ArrayData,
    wide: bool,
    allowed: impl Fn(&str) -> bool + Sync,
) -> PyResult<Vec<u8>> {
    let broken = |what: &str| PyValueError::new_err(format!("the string array is broken: {what}"));
    let (start, count) = (data.offset(), data.len());
    let [offsets, values, ..] = data.buffers() else {
        return Err(broken("it has no offsets and data buffers"));
    };
    let (offsets, values) = (offsets.as_slice(), values.as_slice());
    let width = if wide { 8 } else { 4 };
    let needed = start
        .checked_add(count)
        .and_then(|n| n.checked_add(1))
        .and_then(|n| n.checked_mul(width));
    if count > 0 && needed.is_none_or(|n| n > offsets.len()) {
        return Err(broken(
            "its offsets buffer is shorter than its strings need",
        ));
    }
    let offset = |i: usize| -> usize {
        let at = (start + i) * width;
        if wide {
            let bytes: [u8; 8] = offsets[at..at + 8].try_into().unwrap_or_default();
            usize::try_from(i64::from_le_bytes(bytes)).unwrap_or(usize::MAX)
        } else {
            let bytes: [u8; 4] = offsets[at..at + 4].try_into().unwrap_or_default();
            usize::try_from(i32::from_le_bytes(bytes)).unwrap_or(usize::MAX)
        }
    };
    if count == 0 {
        return Ok(Vec::new());
    }
    let first = offset(0);
    let mut last = first;
    for i in 1..=count {
        let at = offset(i);
        if at < last || at > values.len() {
            return Err(broken("an offset falls, or leaves its data buffer"));
        }
        last = at;
    }
    // The strings' bytes are checked as UTF-8 once as a whole (one check costs less than
    // one a string this short); each string is then a slice of that text, which holds
    // only where both its ends are character boundaries.
    let whole = std::str::from_utf8(&values[first..last]).ok();
    let string = |i: usize| -> Option<&str> {
        if data.is_null(i) {
            return Some("");
        }
        let (from, to) = (offset(i), offset(i + 1));
        match whole {
            Some(text) => text.get(from - first..to - first),
            None => std::str::from_utf8(&values[from..to]).ok(),
        }
    };
    Ok(fill(count, string, allowed))
}

/// `work` on each name of `names`, in parallel, in order. Python joins the names by `\n`
/// and encodes them a chunk at a time (in C, holding the GIL) while Rust works on the
/// chunks before, without it: the conversion overlaps the work instead of preceding it.
/// A chunk that does not split back into its names (a name held a newline) is done name
/// by name; one that cannot be joined or encoded (an item is no `str`, or holds a lone
/// surrogate) raises the error that extracting its names raises.
fn batch<T: Default + Send>(
    py: Python<'_>,
    names: &Bound<'_, PyList>,
    work: impl Fn(&str) -> T + Sync,
) -> PyResult<Vec<T>> {
    let work = &work;
    let list = names.clone().unbind();
    let mut out: Vec<T> = std::iter::repeat_with(T::default)
        .take(names.len())
        .collect();
    // Chunks to do name by name.
    let missed = Mutex::new(Vec::new());
    // The joined chunks: alive until all work that reads them has ended.
    let mut texts: Vec<Py<PyBytes>> = Vec::new();
    py.detach(|| {
        rayon::in_place_scope(|scope| {
            for (k, slots) in out.chunks_mut(CHUNK).enumerate() {
                let joined = Python::attach(|py| -> PyResult<(usize, usize)> {
                    let lo = k * CHUNK;
                    let chunk = list.bind(py).get_slice(lo, lo + slots.len());
                    let text = intern!(py, "\n").call_method1(intern!(py, "join"), (chunk,))?;
                    let bytes = text.cast_into::<PyString>()?.encode_utf8()?;
                    let raw = bytes.as_bytes();
                    let at = (raw.as_ptr() as usize, raw.len());
                    texts.push(bytes.unbind());
                    Ok(at)
                });
                let missed = &missed;
                match joined {
                    Ok((ptr, len)) => scope.spawn(move |_| {
                        // SAFETY: `texts` holds the bytes object until the scope has ended,
                        // after this work; a bytes object's buffer never moves or changes.
                        let text = unsafe { std::slice::from_raw_parts(ptr as *const u8, len) };
                        if !fill_from_joined(text, slots, work) {
                            lock(missed).push(k);
                        }
                    }),
                    Err(_) => lock(missed).push(k),
                }
            }
        });
    });
    let missed = missed.into_inner().unwrap_or_else(|e| e.into_inner());
    for k in missed {
        let lo = k * CHUNK;
        let hi = (lo + CHUNK).min(out.len());
        let chunk: Vec<String> = names.get_slice(lo, hi).extract()?;
        let slots = &mut out[lo..hi];
        py.detach(|| {
            slots
                .par_iter_mut()
                .zip(&chunk)
                .for_each(|(slot, name)| *slot = work(name));
        });
    }
    drop(texts);
    Ok(out)
}

/// Names per chunk of [`batch`]: small enough that work starts soon after the call,
/// large enough that joining a chunk costs Python little.
const CHUNK: usize = 1 << 14;

/// `work` on each name of `text`, joined by `\n`, into `slots`; false when `text` does
/// not hold exactly `slots.len()` names.
fn fill_from_joined<T>(text: &[u8], slots: &mut [T], work: impl Fn(&str) -> T) -> bool {
    let Ok(text) = std::str::from_utf8(text) else {
        return false;
    };
    // memchr finds the newlines several times faster than `str::split` does between
    // names this short (about 16 bytes), and a newline always ends a whole character.
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    for slot in slots.iter_mut() {
        let Some(end) = ends.next() else {
            return false;
        };
        *slot = work(&text[start..end]);
        start = end + 1;
    }
    ends.next().is_none()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// No grant: a check with it is the plain check.
static NO_GRANTS: name_policy::Grants = name_policy::Grants::none();

/// The rules `grants` lift (none without grants).
fn lifted(grants: Option<&NativeGrants>) -> &name_policy::Grants {
    grants.map_or(&NO_GRANTS, |g| &g.grants)
}

/// Seconds that Rust's own `Policy::is_allowed_all` (or, with `reports`, `check_all`)
/// takes over `names` of the marketplace preset, timed inside Rust on one thread (for
/// `examples/throughput.py`, which sets it beside the Python calls in one run).
#[pyfunction]
#[pyo3(signature = (names, reports=false))]
fn _rust_all_seconds(py: Python<'_>, names: Vec<String>, reports: bool) -> f64 {
    let policy = name_policy::Policy::marketplace();
    py.detach(|| {
        let started = std::time::Instant::now();
        if reports {
            std::hint::black_box(policy.check_all(&names));
        } else {
            std::hint::black_box(policy.is_allowed_all(&names));
        }
        started.elapsed().as_secs_f64()
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativePolicy>()?;
    m.add_class::<NativeGrants>()?;
    m.add_class::<Report>()?;
    m.add_class::<Violation>()?;
    m.add_class::<Reading>()?;
    m.add("PolicyError", m.py().get_type::<PolicyError>())?;
    m.add_function(wrap_pyfunction!(_rust_all_seconds, m)?)?;
    Ok(())
}
