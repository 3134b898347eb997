//! One record file through the loader: the first byte picks the record kind
//! (and so the path it is checked as), the rest are the file's bytes.
//!
//! `PATHS` is shared with `tests/it/fuzz_regress.rs`, which replays the
//! saved inputs of `tests/fixtures/fuzz/` in CI.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../../tests/fixtures/fuzz/paths.rs");

/// The loader reads files on rayon's worker threads, whose stacks are 2 MiB
/// (not the 8 MiB of a main thread): check on such a stack, so deep recursion
/// shows as the crash it would be in `gongshi check`.
const LOADER_STACK: usize = 2 << 20;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let path = PATHS[usize::from(selector) % PATHS.len()];
    let diagnostics = std::thread::scope(|s| {
        let worker = std::thread::Builder::new().stack_size(LOADER_STACK);
        let handle = worker.spawn_scoped(s, || gongshi::load::check_file(path, bytes)).expect("spawn");
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    // Every path above is a record path, so the loader must always answer.
    assert!(diagnostics.is_some(), "{path} was not classified as a record");
});
