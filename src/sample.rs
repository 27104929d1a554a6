//! The bundled sample catalogue (`assets/sample/`), built into the program so that a first
//! run can open a copy of it without the source tree. The copy goes to the user's data
//! folder; `assets/` is never written.

use std::fs;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::store::{LOCK_FILE, StoreError};

static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/sample");

/// Copies the sample catalogue to `dest` unless something is already there. Returns true
/// when it made the copy.
pub fn install_sample(dest: &Path) -> Result<bool, StoreError> {
    if dest.exists() {
        return Ok(false);
    }
    let parent = dest.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| StoreError::io("create", parent, e))?;
    // Build the copy beside its final place and rename it in, so a crash never leaves half
    // a sample where the next run would open it.
    let staging = crate::durable::temp_path(parent, "sample");
    let result = make_folders(&staging)
        .and_then(|()| copy_files(&SAMPLE, &staging))
        .and_then(|()| {
            crate::durable::rename_durable(&staging, dest)
                .map_err(|e| StoreError::io("create", dest, e))
        });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| true)
}

fn make_folders(dest: &Path) -> Result<(), StoreError> {
    for sub in ["", "records", "trash", "attachments", "cache"] {
        let path = dest.join(sub);
        fs::create_dir_all(&path).map_err(|e| StoreError::io("create", &path, e))?;
    }
    Ok(())
}

/// Copies every file of `dir` (paths are relative to the sample's root) into `dest`.
fn copy_files(dir: &Dir<'_>, dest: &Path) -> Result<(), StoreError> {
    for file in dir.files() {
        let rel = file.path();
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let top = rel.components().next().and_then(|c| c.as_os_str().to_str());
        if name == LOCK_FILE || top == Some("cache") || crate::durable::is_temp_name(name) {
            continue;
        }
        let target = dest.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| StoreError::io("create", parent, e))?;
        }
        crate::durable::write_atomic(&target, file.contents())
            .map_err(|e| StoreError::io("save", &target, e))?;
        if top == Some("attachments") {
            let mut perms = fs::metadata(&target)
                .map_err(|e| StoreError::io("read", &target, e))?
                .permissions();
            perms.set_readonly(true);
            fs::set_permissions(&target, perms)
                .map_err(|e| StoreError::io("protect", &target, e))?;
        }
    }
    dir.dirs().try_for_each(|sub| copy_files(sub, dest))
}
