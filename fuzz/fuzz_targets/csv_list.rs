//! A CSV list to import: every line is planned or given an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dossier::lists::plan_import(data, Path::new("list.csv"), &[], &[], "Fuzz");
});
