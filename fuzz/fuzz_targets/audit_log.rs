//! audit.jsonl as found on disk: entries, chain problems and a torn tail are reported,
//! never a panic, and the whole-line length never exceeds the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = dossier::audit::parse_log(data);
    assert!(parsed.whole_len as usize <= data.len());
});
