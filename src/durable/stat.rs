//! What a file's metadata says of its content without reading it: size, modification and
//! change times, and (on Unix) its inode. The snapshot in `cache/` trusts a record file it
//! holds only while these are unchanged, and only when the file was last changed clearly
//! before it was read (the "racy" case, as git's index has it).

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// How long before a file was read its last change must lie for its metadata to vouch for
/// its content: a change within the same tick of the file system's clock (two seconds on
/// FAT, one on some network shares) could leave size and times as they were.
pub const RACY_MARGIN_NS: i128 = 2_000_000_000;

/// A file's size, times and identity, as the operating system gives them. Held for every
/// record file, so kept small: times as 64-bit nanoseconds (32 bytes in all instead of 48:
/// at a million records, 32 MiB less).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileStat {
    /// Size in bytes.
    pub size: u64,
    /// Last modification, nanoseconds since 1970; [`OUT_OF_RANGE`] outside 1678-2261.
    pub modified_ns: i64,
    /// Last change of the file's metadata (Unix `ctime`); 0 where there is none;
    /// [`OUT_OF_RANGE`] outside 1678-2261.
    pub changed_ns: i64,
    /// The file's inode (Unix); 0 elsewhere.
    pub inode: u64,
}

/// A time 64-bit nanoseconds since 1970 cannot hold (before 1678, after 2261: a clock or
/// a tool set it so). Two such times cannot be told apart, so a stat holding one never
/// vouches for a file's content (the file is always read).
pub const OUT_OF_RANGE: i64 = i64::MIN;

fn in_range(ns: i128) -> i64 {
    i64::try_from(ns)
        .ok()
        .filter(|&n| n != OUT_OF_RANGE)
        .unwrap_or(OUT_OF_RANGE)
}

fn nanos(t: io::Result<SystemTime>) -> i128 {
    match t.map(|t| t.duration_since(UNIX_EPOCH)) {
        Ok(Ok(d)) => d.as_nanos() as i128,
        Ok(Err(before)) => -(before.duration().as_nanos() as i128),
        Err(_) => 0,
    }
}

impl FileStat {
    /// The stat of `meta`.
    pub fn of(meta: &Metadata) -> FileStat {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileStat {
                size: meta.len(),
                modified_ns: in_range(
                    i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
                ),
                changed_ns: in_range(
                    i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                ),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            FileStat {
                size: meta.len(),
                modified_ns: in_range(nanos(meta.modified())),
                changed_ns: 0,
                inode: 0,
            }
        }
    }

    /// The stat of a file from its parts as Linux's `statx` gives them: size, last
    /// modification and change (seconds and nanoseconds since 1970), inode. The same as
    /// [`FileStat::of`] gives for the file's metadata.
    #[cfg(target_os = "linux")]
    pub fn from_parts(
        size: u64,
        modified: (i64, u32),
        changed: (i64, u32),
        inode: u64,
    ) -> FileStat {
        let ns = |(s, n): (i64, u32)| i128::from(s) * 1_000_000_000 + i128::from(n);
        FileStat {
            size,
            modified_ns: in_range(ns(modified)),
            changed_ns: in_range(ns(changed)),
            inode,
        }
    }

    /// The stat of the file at `path` (not following a link at the end).
    pub fn at(path: &Path) -> io::Result<FileStat> {
        std::fs::symlink_metadata(path).map(|m| FileStat::of(&m))
    }

    /// True when this stat, taken by a read that began at `read_from` (nanoseconds since
    /// 1970, by this computer's clock), can vouch for the content read: the file was last
    /// changed well before, so any later change moves its times.
    pub fn vouches(&self, read_from: i128) -> bool {
        self.vouches_with(read_from, RACY_MARGIN_NS)
    }

    /// As [`FileStat::vouches`], with another margin than [`RACY_MARGIN_NS`].
    pub fn vouches_with(&self, read_from: i128, margin_ns: i128) -> bool {
        let before = |ns: i64| ns != OUT_OF_RANGE && i128::from(ns) < read_from - margin_ns;
        before(self.modified_ns) && before(self.changed_ns)
    }
}

/// Now, in nanoseconds since 1970 (by this computer's clock).
pub fn now_ns() -> i128 {
    nanos(Ok(SystemTime::now()))
}

/// Reads a whole file and gives the stat of what was read (taken from the open file,
/// before reading it).
pub fn read_with_stat(path: &Path) -> io::Result<(Vec<u8>, FileStat)> {
    let mut file = File::open(path)?;
    let meta = file.metadata()?;
    let stat = FileStat::of(&meta);
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes)?;
    Ok((bytes, stat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_just_before_it_was_read_cannot_vouch_for_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        std::fs::write(&path, b"{}").unwrap();
        let (bytes, stat) = read_with_stat(&path).unwrap();
        assert_eq!(bytes, b"{}");
        assert_eq!(stat, FileStat::at(&path).unwrap());
        assert!(!stat.vouches(now_ns()), "changed a moment ago");
        assert!(stat.vouches(now_ns() + 3 * RACY_MARGIN_NS));
    }

    #[test]
    fn a_time_out_of_range_never_vouches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        std::fs::write(&path, b"{}").unwrap();
        // The year 2300: past what 64-bit nanoseconds since 1970 hold.
        let far = UNIX_EPOCH + std::time::Duration::from_secs(330 * 365 * 86_400);
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(far)
            .unwrap();
        let stat = FileStat::at(&path).unwrap();
        assert_eq!(stat.modified_ns, OUT_OF_RANGE);
        assert!(!stat.vouches(i128::MAX / 2), "never, however late the read");
        let mut fine = stat;
        fine.modified_ns = 1;
        assert!(fine.vouches(now_ns() + 3 * RACY_MARGIN_NS));
        assert_eq!(in_range(i128::from(i64::MIN)), OUT_OF_RANGE);
        assert_eq!(in_range(-1), -1);
    }
}
