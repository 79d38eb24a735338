//! `name_policy._native`: the compiled half of the Python package. The Python half
//! (`python/name_policy/__init__.py`) builds a policy from its TOML text, so that a
//! policy is always rebuilt from text (pickling, Spark executors) with the same verdicts
//! as the Rust crate and the `check` binary.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
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
    why: String,
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
    kind: String,
    category: String,
    severity: String,
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
struct Report {
    name: String,
    verdict: String,
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

/// Byte offsets of `name` as code-point offsets.
struct Offsets(Vec<usize>);

impl Offsets {
    fn new(name: &str) -> Offsets {
        let mut at = vec![0; name.len() + 1];
        let mut k = 0;
        for (i, c) in name.char_indices() {
            for slot in &mut at[i..i + c.len_utf8()] {
                *slot = k;
            }
            k += 1;
        }
        at[name.len()] = k;
        Offsets(at)
    }

    fn span(&self, span: std::ops::Range<usize>) -> (usize, usize) {
        let get = |b: usize| self.0.get(b).copied().unwrap_or(0);
        (get(span.start), get(span.end))
    }
}

fn report(r: &name_policy::Report) -> Report {
    let offsets = Offsets::new(r.name());
    Report {
        name: r.name().to_owned(),
        verdict: r.verdict().to_string(),
        violations: r
            .violations()
            .iter()
            .map(|v| Violation {
                rule: v.rule().to_owned(),
                kind: v.kind().to_string(),
                category: v.category().to_string(),
                severity: v.severity().to_string(),
                term: v.term().map(str::to_owned),
                span: offsets.span(v.span()),
                matched: v.matched().to_owned(),
                message: v.message().to_owned(),
                disguised: v.is_disguised(),
                readings: v
                    .readings()
                    .iter()
                    .map(|x| Reading {
                        span: offsets.span(x.span()),
                        from_: x.from().to_owned(),
                        to: x.to().to_owned(),
                        why: x.kind().to_string(),
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
    /// Builds a policy from the TOML policy format.
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<NativePolicy> {
        name_policy::Policy::from_toml_str(text)
            .map(|policy| NativePolicy { policy })
            .map_err(|e| PolicyError::new_err(e.to_string()))
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

    /// Every name checked in parallel, without the GIL.
    #[pyo3(signature = (names, grants=None))]
    fn check_many(
        &self,
        py: Python<'_>,
        names: Vec<String>,
        grants: Option<&NativeGrants>,
    ) -> Vec<Report> {
        let grants = lifted(grants);
        py.detach(|| {
            names
                .par_iter()
                .map(|n| report(&self.policy.check_granted(n, grants)))
                .collect()
        })
    }

    /// Whether each of `count` names, joined by `\n` into UTF-8 `joined`, is allowed: in
    /// parallel, without the GIL, reading the names where they lie. `None` when `joined`
    /// does not split into `count` names (a name held a newline), for the caller to take
    /// the name-by-name way.
    #[pyo3(signature = (joined, count, grants=None))]
    fn is_allowed_joined(
        &self,
        py: Python<'_>,
        joined: &Bound<'_, pyo3::types::PyBytes>,
        count: usize,
        grants: Option<&NativeGrants>,
    ) -> PyResult<Option<Vec<bool>>> {
        let grants = lifted(grants);
        let text = std::str::from_utf8(joined.as_bytes())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(py.detach(|| {
            if count == 0 {
                return text.is_empty().then(Vec::new);
            }
            // Split and checked in parallel; rayon's collect keeps the order.
            let allowed: Vec<bool> = text
                .par_split('\n')
                .map(|n| self.policy.is_allowed_granted(n, grants))
                .collect();
            (allowed.len() == count).then_some(allowed)
        }))
    }

    /// Whether each name is allowed, in parallel, without the GIL.
    #[pyo3(signature = (names, grants=None))]
    fn is_allowed_many(
        &self,
        py: Python<'_>,
        names: Vec<String>,
        grants: Option<&NativeGrants>,
    ) -> Vec<bool> {
        let grants = lifted(grants);
        py.detach(|| {
            names
                .par_iter()
                .map(|n| self.policy.is_allowed_granted(n, grants))
                .collect()
        })
    }
}

/// No grant: a check with it is the plain check.
static NO_GRANTS: name_policy::Grants = name_policy::Grants::none();

/// The rules `grants` lift (none without grants).
fn lifted(grants: Option<&NativeGrants>) -> &name_policy::Grants {
    grants.map_or(&NO_GRANTS, |g| &g.grants)
}

/// Seconds that Rust's own `Policy::is_allowed_all` takes over `names` of the
/// marketplace preset, timed inside Rust (for `examples/throughput.py`, which sets it
/// beside the Python calls in one run).
#[pyfunction]
fn _rust_is_allowed_all_seconds(py: Python<'_>, names: Vec<String>) -> f64 {
    let policy = name_policy::Policy::marketplace();
    py.detach(|| {
        let started = std::time::Instant::now();
        let allowed = policy.is_allowed_all(&names);
        let seconds = started.elapsed().as_secs_f64();
        std::hint::black_box(allowed);
        seconds
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
    m.add_function(wrap_pyfunction!(_rust_is_allowed_all_seconds, m)?)?;
    Ok(())
}
