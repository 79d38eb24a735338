//! `is_allowed` allocates nothing for names within the length limit: a counting global
//! allocator proves it (no timing involved).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use name_policy::Policy;

struct Counting;

thread_local! {
    /// Allocations made by this thread: the test harness allocates on its own threads
    /// while a test runs, and those must not count.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// Counts one allocation of the calling thread (none while its thread-locals are torn
/// down).
fn count() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

/// How many allocations the calling thread has made.
fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwards the caller's layout to the system allocator unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as for `dealloc`; `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn is_allowed_does_not_allocate() {
    let policy = Policy::marketplace();
    let names: Vec<String> = [
        "Contoso Labs",
        "Contoso Azure Labs",
        "Micro-Soft Partners",
        "Mircosoft",
        "ＡＺＵＲＥ",
        "Аzure",
        "A z u r e",
        "M1cr0$oft",
        "Az\u{200B}ure",
        "Ⓜⓘⓒⓡⓞⓢⓞⓕⓣ",
        "株式会社山田電気",
        "ООО Ромашка",
        "Ελληνική Εταιρεία",
        "Contoso Аpps",
        "Z\u{301}\u{302}\u{303}alg\u{300}o",
        " Contoso",
        "12345",
        "x",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([
        "y".repeat(128),  // at the length limit
        "漢".repeat(128), // 384 bytes: the large stack buffer
        "ﷺ".repeat(128),  // the longest expansions there are
        "a".repeat(5000), // over the limit: stops at the length rule
    ])
    .collect();
    // Warm up: the preset is built once per process.
    let expected: Vec<bool> = names.iter().map(|n| policy.is_allowed(n)).collect();
    let mut got = Vec::with_capacity(names.len());
    let mut allocating = Vec::with_capacity(names.len());
    let before = allocations();
    for name in &names {
        let start = allocations();
        got.push(policy.is_allowed(name));
        if allocations() != start {
            allocating.push(name.chars().take(8).collect::<String>());
        }
    }
    let after = allocations();
    assert_eq!(got, expected);
    assert_eq!(after - before, 0, "is_allowed allocated for {allocating:?}");
    // The counter does count: check() allocates the violations of its report.
    let before = allocations();
    let _ = policy.check("Contoso Azure Labs");
    assert!(allocations() > before);
}

/// The report on a short clean name keeps the name inline and has no violations: `check`
/// costs about what `is_allowed` does, with no allocation.
#[test]
fn check_on_short_clean_names_does_not_allocate() {
    let policy = Policy::marketplace();
    let names = ["Contoso Labs", "ООО Ромашка", "株式会社山田電気"];
    let reports: Vec<_> = names.iter().map(|n| policy.check(n)).collect();
    assert!(reports.iter().all(|r| r.is_allowed()), "{reports:?}");
    let before = allocations();
    for name in &names {
        let report = policy.check(name);
        assert_eq!(report.name(), *name);
    }
    assert_eq!(allocations() - before, 0);
}
