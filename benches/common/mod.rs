//! What the benches that import 1 GiB share: the files, cleaning up, peak memory.

#![allow(dead_code)]

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use dossier::model::{Label, Record, RecordKind};
use dossier::store::Catalogue;

/// How many files make the gibibyte, and their size.
pub const FILES: usize = 8;
pub const FILE_SIZE: usize = 128 << 20;

/// Pseudo-random bytes (xorshift): nothing compresses or repeats, as with real media.
pub fn make_files(dir: &Path) -> Vec<PathBuf> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..FILES)
        .map(|i| {
            let path = dir.join(format!("video-{i}.mp4"));
            let mut f = File::create(&path).unwrap();
            let mut buf = vec![0u8; 1 << 20];
            for _ in 0..FILE_SIZE / buf.len() {
                for chunk in buf.chunks_mut(8) {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    chunk.copy_from_slice(&state.to_le_bytes()[..chunk.len()]);
                }
                f.write_all(&buf).unwrap();
            }
            f.sync_all().unwrap();
            path
        })
        .collect()
}

/// Writable attachments so a finished run can be removed.
pub fn remove(root: &Path) {
    if let Ok(entries) = std::fs::read_dir(root.join("attachments")) {
        for e in entries.flatten() {
            let mut p = e.metadata().unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            p.set_readonly(false);
            let _ = std::fs::set_permissions(e.path(), p);
        }
    }
    let _ = std::fs::remove_dir_all(root);
}

pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// What importing in the app does: each file copied (and sealed, in an encrypted
/// catalogue) and hashed, then a media record for it.
pub fn import_into(cat: &mut Catalogue, files: &[PathBuf]) {
    for f in files {
        let a = dossier::media::import_file(&cat.blobs(), f, "bench", Label::Amber, &mut |_| {})
            .unwrap()
            .attachment;
        let mut r = Record::new(RecordKind::Media, a.name.clone(), "bench");
        r.attachments.push(a);
        cat.save(r, "bench").unwrap();
    }
}
