//! A sealed small file as found on disk (a record, a list, an audit entry): any bytes
//! give the plain text only if they were sealed under this key and name, else an error,
//! never a panic. A valid sealing of the input itself always opens back to it.
#![no_main]

use dossier::durable::seal::CatalogueKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = CatalogueKey::from_bytes([5; 32]).keys("fuzz");
    let _ = keys.open("records/a.json", data);
    let sealed = keys.seal("records/a.json", data).unwrap();
    assert_eq!(keys.open("records/a.json", &sealed).unwrap(), data);
});
