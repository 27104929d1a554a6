//! An original sealed in chunks, as found on disk: reading any bytes gives an error or
//! the plain file, never a panic or unbounded memory; a flipped byte in a valid sealing
//! is always caught.
#![no_main]

use std::io::{Read, Write};

use dossier::durable::chunks::{OpeningReader, SealingWriter};
use dossier::durable::seal::CatalogueKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = CatalogueKey::from_bytes([5; 32]).keys("fuzz");
    let mut out = Vec::new();
    if let Ok(mut r) = OpeningReader::new(&keys, "attachments/x", data) {
        let _ = r.read_to_end(&mut out);
    }
    let mut w = SealingWriter::new(&keys, "attachments/x", Vec::new()).unwrap();
    w.write_all(data).unwrap();
    let mut sealed = w.finish().unwrap();
    if let Some(first) = data.first() {
        let at = 27 + usize::from(*first) % (sealed.len() - 27);
        sealed[at] ^= 0x40;
        let mut r = OpeningReader::new(&keys, "attachments/x", sealed.as_slice()).unwrap();
        let mut back = Vec::new();
        assert!(r.read_to_end(&mut back).is_err(), "a changed byte at {at} went unseen");
    }
});
