//! Many names at once: in order on the calling thread, or on a rayon pool.

use super::Policy;
use crate::verdict::Report;

impl Policy {
    /// [`is_allowed`](Policy::is_allowed) for many names, in order.
    pub fn is_allowed_all<S: AsRef<str>>(&self, names: &[S]) -> Vec<bool> {
        names.iter().map(|n| self.is_allowed(n.as_ref())).collect()
    }

    /// [`check`](Policy::check) for many names, in order.
    pub fn check_all<S: AsRef<str>>(&self, names: &[S]) -> Vec<Report> {
        names.iter().map(|n| self.check(n.as_ref())).collect()
    }

    /// [`is_allowed_all`](Policy::is_allowed_all) on the threads of the current rayon
    /// thread pool and the calling thread; the results keep the order of `names`.
    #[cfg(feature = "rayon")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_is_allowed_all<S: AsRef<str> + Sync>(&self, names: &[S]) -> Vec<bool> {
        par_map(names, |n| self.is_allowed(n))
    }

    /// [`check_all`](Policy::check_all) on the threads of the current rayon thread pool
    /// and the calling thread; the reports keep the order of `names`.
    #[cfg(feature = "rayon")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_check_all<S: AsRef<str> + Sync>(&self, names: &[S]) -> Vec<Report> {
        par_map(names, |n| self.check(n))
    }
}

/// `f` of each name, in order, on the threads of the current rayon pool: the calling thread
/// starts at once, and the others join as they wake, each taking the next chunk of names
/// from a shared list. (A rayon parallel iterator hands all the work to the pool and puts
/// the caller to sleep: on a virtual machine, where waking a thread can take a tenth of a
/// millisecond, that cost up to a third of the second core on 100,000 package names.)
#[cfg(feature = "rayon")]
fn par_map<S, T, F>(names: &[S], f: F) -> Vec<T>
where
    S: AsRef<str> + Sync,
    T: Send,
    F: Fn(&str) -> T + Sync,
{
    use std::sync::{Mutex, PoisonError};
    /// Names a thread takes at a time: tens of microseconds of work, against a lock.
    const CHUNK: usize = 1024;
    let threads = rayon::current_num_threads();
    if threads < 2 || names.len() <= CHUNK {
        return names.iter().map(|n| f(n.as_ref())).collect();
    }
    let mut parts: Vec<Vec<T>> = std::iter::repeat_with(Vec::new)
        .take(names.len().div_ceil(CHUNK))
        .collect();
    let work = Mutex::new(names.chunks(CHUNK).zip(parts.iter_mut()));
    let run = || loop {
        // A panic in `f` poisons nothing that matters: the chunks left are still whole.
        let next = work.lock().unwrap_or_else(PoisonError::into_inner).next();
        let Some((chunk, part)) = next else { break };
        *part = chunk.iter().map(|n| f(n.as_ref())).collect();
    };
    rayon::in_place_scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|_| run());
        }
        run();
    });
    parts.into_iter().flatten().collect()
}
