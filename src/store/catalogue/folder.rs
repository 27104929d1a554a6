//! A records folder's names, read as fast as a million of them allow, and the stat of each
//! file through the folder already open.
//!
//! Nearly every name is `<id>.json` as Dossier writes it: such a name is kept as its id
//! alone (16 bytes, no allocation) and sorted as one, which orders it as its name would be.
//! On Linux the folder is read with `getdents64` into one buffer and each file's stat is
//! taken relative to the open folder (`statx`): at a million files the listing took 1.1 to
//! 2.6 s through the standard library's entries, each holding its name on the heap. Any other
//! name (a sync tool's copy, a file someone named by hand) is kept whole, and the
//! folder's order is that of the names, as before.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::durable::stat::FileStat;
use crate::model::RecordId;

/// The marker in the name of a sync tool's copy of a file both desktops changed.
pub(super) const CONFLICT_COPY: &str = ".sync-conflict-";

/// The length of `<id>.json` as Dossier writes it.
const NAME_LEN: usize = 41;

/// A records folder: where it is and, on Linux, open, so that each file's stat is a lookup
/// in it rather than along the whole path again.
#[derive(Debug)]
pub(super) struct Folder {
    pub path: PathBuf,
    #[cfg(target_os = "linux")]
    handle: Option<fs::File>,
}

/// What a records folder holds, in the order of the names.
pub(super) struct FolderNames {
    pub folder: Arc<Folder>,
    /// Each record file: the id its name gives, and its name when it is not `<id>.json`
    /// as Dossier writes it.
    pub files: Vec<(Option<RecordId>, Option<Box<OsStr>>)>,
    /// Temp files that interrupted saves left.
    pub temps: Vec<PathBuf>,
    /// Copies a sync tool made of files two desktops changed.
    pub copies: Vec<PathBuf>,
}

impl Folder {
    /// Where the file named `odd`, or else `<id>.json`, is.
    pub fn path_of(&self, id: Option<RecordId>, odd: Option<&OsStr>) -> PathBuf {
        match (odd, id) {
            (Some(name), _) => self.path.join(name),
            (None, Some(id)) => self.path.join(canonical_name(id, &mut [0; NAME_LEN])),
            (None, None) => self.path.clone(),
        }
    }

    /// The stat of the file named `odd`, or else `<id>.json` (not following a link).
    pub fn stat(&self, id: Option<RecordId>, odd: Option<&OsStr>) -> io::Result<FileStat> {
        #[cfg(target_os = "linux")]
        if let (Some(handle), Some(id), None) = (&self.handle, id, odd) {
            use rustix::fs::{AtFlags, StatxFlags};
            let mut buf = [0; NAME_LEN];
            let name = canonical_name(id, &mut buf);
            let wanted = StatxFlags::SIZE | StatxFlags::MTIME | StatxFlags::CTIME | StatxFlags::INO;
            // Any failure (an old kernel without statx too) is said by the usual path below.
            if let Ok(st) = rustix::fs::statx(handle, name, AtFlags::SYMLINK_NOFOLLOW, wanted) {
                let time = |t: rustix::fs::StatxTimestamp| (t.tv_sec, t.tv_nsec);
                return Ok(FileStat::from_parts(
                    st.stx_size,
                    time(st.stx_mtime),
                    time(st.stx_ctime),
                    st.stx_ino,
                ));
            }
        }
        fs::symlink_metadata(self.path_of(id, odd)).map(|m| FileStat::of(&m))
    }
}

/// `<id>.json` as Dossier writes it, in `buf`.
fn canonical_name(id: RecordId, buf: &mut [u8; NAME_LEN]) -> &str {
    id.0.hyphenated().encode_lower(&mut buf[..36]);
    buf[36..].copy_from_slice(b".json");
    std::str::from_utf8(buf).unwrap_or_default()
}

/// The id of a name that is `<id>.json` as Dossier writes it (lower case, with hyphens).
fn canonical_id(name: &[u8]) -> Option<RecordId> {
    let stem = name.strip_suffix(b".json")?;
    if stem.len() != 36 || stem.iter().any(u8::is_ascii_uppercase) {
        return None;
    }
    uuid::Uuid::try_parse_ascii(stem).ok().map(RecordId)
}

/// Reads the names in the records folder `dir` (none when it is not there).
pub(super) fn read(dir: &Path) -> io::Result<FolderNames> {
    let mut sorter = Sorter::default();
    let handle = match read_names(dir, &mut sorter) {
        Ok(handle) => handle,
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    #[cfg(not(target_os = "linux"))]
    let _ = handle;
    let folder = Arc::new(Folder {
        path: dir.to_path_buf(),
        #[cfg(target_os = "linux")]
        handle,
    });
    let at = |names: Vec<OsString>| -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
        paths.sort();
        paths
    };
    let (temps, copies) = (
        at(std::mem::take(&mut sorter.temps)),
        at(std::mem::take(&mut sorter.copies)),
    );
    Ok(FolderNames {
        folder,
        files: sorter.finish(),
        temps,
        copies,
    })
}

/// Reads the names in `dir` with `getdents64`, into one buffer (the folder kept open).
#[cfg(target_os = "linux")]
fn read_names(dir: &Path, sorter: &mut Sorter) -> io::Result<Option<fs::File>> {
    use std::os::unix::ffi::OsStrExt;
    let handle = fs::File::open(dir)?;
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 1 << 16];
    let mut entries = rustix::fs::RawDir::new(&handle, &mut buf);
    while let Some(entry) = entries.next() {
        sorter.add(OsStr::from_bytes(entry?.file_name().to_bytes()));
    }
    Ok(Some(handle))
}

/// Reads the names in `dir` with the standard library.
#[cfg(not(target_os = "linux"))]
fn read_names(dir: &Path, sorter: &mut Sorter) -> io::Result<Option<()>> {
    for entry in fs::read_dir(dir)? {
        sorter.add(&entry?.file_name());
    }
    Ok(None)
}

/// The names of a folder, sorted out as they are read.
#[derive(Default)]
struct Sorter {
    ids: Vec<RecordId>,
    /// Other record files: the name as it shows (not UTF-8 shown lossily), and as it is.
    others: Vec<(String, OsString)>,
    temps: Vec<OsString>,
    copies: Vec<OsString>,
}

impl Sorter {
    fn add(&mut self, name: &OsStr) {
        if let Some(id) = canonical_id(name.as_encoded_bytes()) {
            self.ids.push(id);
            return;
        }
        // A name that is not UTF-8 is kept as it shows, to be said as a problem.
        let shown = name.to_string_lossy();
        if crate::durable::is_temp_name(&shown) {
            self.temps.push(name.to_owned());
        } else if shown.starts_with('.') || !shown.ends_with(".json") {
            // Neither a record file nor one of ours: left alone.
        } else if shown.contains(CONFLICT_COPY) {
            self.copies.push(name.to_owned());
        } else {
            self.others.push((shown.into_owned(), name.to_owned()));
        }
    }

    /// The record files in the order of their names (as they show).
    fn finish(mut self) -> Vec<(Option<RecordId>, Option<Box<OsStr>>)> {
        // Ids sort as their names do (lower-case hexadecimal, hyphens in the same places).
        self.ids.sort_unstable();
        self.others.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut files = Vec::with_capacity(self.ids.len() + self.others.len());
        let mut others = self.others.into_iter().peekable();
        let mut buf = [0; NAME_LEN];
        for id in self.ids {
            while let Some((shown, _)) = others.peek()
                && shown.as_str() < canonical_name(id, &mut buf)
            {
                files.extend(others.next().map(other));
            }
            files.push((Some(id), None));
        }
        files.extend(others.map(other));
        files
    }
}

/// A record file whose name is not `<id>.json` as Dossier writes it: the id it gives,
/// when it gives one, and the name.
fn other((shown, name): (String, OsString)) -> (Option<RecordId>, Option<Box<OsStr>>) {
    let id = shown
        .strip_suffix(".json")
        .and_then(|s| s.parse::<RecordId>().ok());
    (id, Some(name.into_boxed_os_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_in_the_order_of_their_text_and_each_stat_is_the_standard_librarys() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str| fs::write(dir.path().join(name), b"{}").unwrap();
        let ids: Vec<RecordId> = (0..50).map(|_| RecordId::new()).collect();
        for id in &ids {
            write(&format!("{id}.json"));
        }
        // Names Dossier does not write: an id in upper case, no id, before and after.
        let upper = RecordId::new();
        let upper_name = format!("{}.json", upper.to_string().to_uppercase());
        let odd = ["0-notes.json", "zz.json", upper_name.as_str(), "~x.json"];
        odd.iter().for_each(|name| write(name));
        // Not record files: a sync tool's copy, a save that never finished, not JSON.
        write(&format!("{}.sync-conflict-20260101-ABC.json", ids[0]));
        write(".a.tmp");
        write("readme.txt");
        let names = read(dir.path()).unwrap();
        let name_of = |(id, odd): &(Option<RecordId>, Option<Box<OsStr>>)| {
            let path = names.folder.path_of(*id, odd.as_deref());
            path.file_name().unwrap().to_string_lossy().into_owned()
        };
        let listed: Vec<String> = names.files.iter().map(name_of).collect();
        let mut expected: Vec<String> = ids.iter().map(|id| format!("{id}.json")).collect();
        expected.extend(odd.iter().map(|s| s.to_string()));
        expected.sort();
        assert_eq!(listed, expected);
        let id_of = |name: &str| names.files[listed.iter().position(|l| l == name).unwrap()].0;
        assert_eq!(id_of(&upper_name), Some(upper));
        assert_eq!(id_of("zz.json"), None);
        assert_eq!((names.copies.len(), names.temps.len()), (1, 1));
        for (id, odd) in &names.files {
            let path = names.folder.path_of(*id, odd.as_deref());
            let expected = FileStat::of(&fs::symlink_metadata(&path).unwrap());
            assert_eq!(names.folder.stat(*id, odd.as_deref()).unwrap(), expected);
        }
        let gone = dir.path().join(format!("{}.json", ids[7]));
        fs::remove_file(&gone).unwrap();
        assert!(names.folder.stat(Some(ids[7]), None).is_err());
        assert!(read(&dir.path().join("none")).unwrap().files.is_empty());
    }
}
