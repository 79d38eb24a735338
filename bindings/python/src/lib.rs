//! `name_policy._native`: the compiled half of the Python package. The Python half
//! (`python/name_policy/__init__.py`) builds a policy from its TOML text, so that a
//! policy is always rebuilt from text (pickling, Spark executors) with the same verdicts
//! as the Rust crate and the `check` binary.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use std::sync::Mutex;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
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

    /// Whether each string of an Arrow string array is allowed, read where the array's
    /// buffers lie, in parallel, without the GIL: a bitmap, one bit per string (Arrow's
    /// boolean layout). `offsets` and `data` are the `(address, size)` of the array's
    /// offsets buffer (32-bit offsets, or 64-bit when `wide`) and data buffer; `start` and
    /// `count` pick its strings. Only `name_policy.arrow` calls it, with the buffers of an
    /// array it holds until the call returns; offsets that leave the data buffer raise
    /// `ValueError`, and a string that is not UTF-8 is not allowed.
    #[pyo3(signature = (offsets, data, start, count, wide, grants=None))]
    #[allow(clippy::too_many_arguments)]
    fn _is_allowed_arrow(
        &self,
        py: Python<'_>,
        offsets: (usize, usize),
        data: (usize, usize),
        start: usize,
        count: usize,
        wide: bool,
        grants: Option<&NativeGrants>,
    ) -> PyResult<Py<PyBytes>> {
        let grants = lifted(grants);
        let width = if wide { 8 } else { 4 };
        let needed = start
            .checked_add(count)
            .and_then(|n| n.checked_add(1))
            .and_then(|n| n.checked_mul(width));
        if count > 0 && needed.is_none_or(|n| n > offsets.1) {
            return Err(PyValueError::new_err(
                "the offsets buffer is shorter than the array's strings need",
            ));
        }
        // SAFETY: the caller holds the array, so both buffers stay alive and unchanged
        // during this call, and each is `size` bytes at `address`.
        let view = |(address, size): (usize, usize)| -> &[u8] {
            if size == 0 {
                &[]
            } else {
                unsafe { std::slice::from_raw_parts(address as *const u8, size) }
            }
        };
        let (offsets, data) = (view(offsets), view(data));
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
        // Every string lies inside the data buffer: offsets never fall, nor pass its end.
        // When the strings' bytes are UTF-8 as a whole and every offset is a character
        // boundary, each string is UTF-8: one validation instead of one a string, which
        // costs more than checking strings this short.
        let mut whole = true;
        if count > 0 {
            let mut last = offset(0);
            let first = last;
            for i in 1..=count {
                let at = offset(i);
                if at < last || at > data.len() {
                    return Err(PyValueError::new_err(
                        "an offset of the array falls, or leaves its data buffer",
                    ));
                }
                whole &= data.get(at).is_none_or(|&b| (b as i8) >= -0x40);
                last = at;
            }
            whole &= std::str::from_utf8(&data[first..last]).is_ok();
        }
        let string = |i: usize| -> Option<&str> {
            let bytes = &data[offset(i)..offset(i + 1)];
            if whole {
                // SAFETY: `bytes` lies in UTF-8 text and starts and ends at character
                // boundaries of it (checked above).
                Some(unsafe { std::str::from_utf8_unchecked(bytes) })
            } else {
                std::str::from_utf8(bytes).ok()
            }
        };
        let mut bits = vec![0u8; count.div_ceil(8)];
        py.detach(|| {
            // Each task fills whole bytes of the bitmap: 8,192 strings.
            bits.par_chunks_mut(1024).enumerate().for_each(|(k, out)| {
                for (j, byte) in out.iter_mut().enumerate() {
                    let first = (k * 1024 + j) * 8;
                    for bit in 0..8.min(count - first) {
                        let name = string(first + bit);
                        if name.is_some_and(|name| self.policy.is_allowed_granted(name, grants)) {
                            *byte |= 1 << bit;
                        }
                    }
                }
            });
        });
        Ok(PyBytes::new(py, &bits).unbind())
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
