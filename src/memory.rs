//! How the process asks the allocator for memory, and how it holds large files it reads
//! whole ([`FileBytes`]).
//!
//! Opening a large catalogue reads and parses tens of thousands of files on two threads;
//! each read buffer is freed a moment later. glibc's malloc raises its mmap threshold
//! each time such a block is freed (up to 32 MiB), after which blocks of a few hundred
//! kilobytes come from the heap and stay resident once freed: at 100,000 records that
//! was about 80 MiB of peak memory holding nothing. Fixing both thresholds at 128 KiB
//! (glibc's own starting value) keeps big blocks in mmap, returned to the system as soon
//! as they are freed, and trims the heap top when it grows idle.

/// Call once, first thing in `main`, before other threads start.
#[allow(unsafe_code)] // the one call into the C allocator; see SAFETY below
pub fn return_freed_memory_promptly() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any other
    // thread exists, and the values are glibc's documented defaults made fixed.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
}

/// The bytes of a file read whole, for a reader that checks every byte it takes (the
/// snapshot and its index, `store::snapshot`). On unix a file that only this user may
/// write is mapped into memory: its pages are the system's file cache itself, not zeroed
/// and copied into a buffer first (at a million records, 1.3 GB read that way took
/// 0.69 s, 0.55 s of it system time; mapped and checked, 0.13 s). Anything else, and
/// every file on Windows (where a mapped file cannot be replaced by a rename, as each new
/// snapshot replaces the last), is read into a buffer. Mapping lets only a program of this
/// user's change the bytes after they were checked, and such a program can already read
/// the snapshot's key in the user's data folder and sign a snapshot of its own: what an
/// opening trusts is no weaker.
#[derive(Clone, Default)]
pub struct FileBytes {
    inner: Inner,
    /// How many of the bytes are the file's as this value holds it (see `truncate`).
    len: usize,
}

#[derive(Clone)]
enum Inner {
    Owned(Vec<u8>),
    #[cfg(unix)]
    Mapped(std::sync::Arc<memmap2::Mmap>),
}

impl Default for Inner {
    fn default() -> Self {
        Inner::Owned(Vec::new())
    }
}

impl FileBytes {
    /// The bytes of the file at `path`.
    pub fn read(path: &std::path::Path) -> std::io::Result<FileBytes> {
        #[cfg(unix)]
        if let Some(mapped) = map(path)? {
            let len = mapped.len();
            let inner = Inner::Mapped(std::sync::Arc::new(mapped));
            return Ok(FileBytes { inner, len });
        }
        std::fs::read(path).map(FileBytes::from)
    }

    /// True when the bytes are the file mapped, not a copy.
    pub fn is_mapped(&self) -> bool {
        !matches!(self.inner, Inner::Owned(_))
    }

    /// Keeps the first `len` bytes and gives the memory of the rest back to the system.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        self.len = len;
        match &mut self.inner {
            Inner::Owned(bytes) => {
                bytes.truncate(len);
                bytes.shrink_to_fit();
            }
            #[cfg(unix)]
            Inner::Mapped(map) => forget_after(map, len),
        }
    }

    /// Gives back to the system the memory of the whole pages within `range`, keeping
    /// every byte readable: a mapped file's pages are read from the file again if touched.
    /// A copy keeps its memory. For bytes read once, front to back, while others may
    /// still read any of them.
    pub fn forget(&self, range: std::ops::Range<usize>) {
        #[cfg(unix)]
        if let Inner::Mapped(map) = &self.inner {
            forget_pages(map, range.start..range.end.min(self.len));
        }
        #[cfg(not(unix))]
        let _ = range;
    }
}

impl From<Vec<u8>> for FileBytes {
    fn from(bytes: Vec<u8>) -> FileBytes {
        let len = bytes.len();
        FileBytes {
            inner: Inner::Owned(bytes),
            len,
        }
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.inner {
            Inner::Owned(bytes) => &bytes[..self.len],
            #[cfg(unix)]
            Inner::Mapped(map) => &map[..self.len],
        }
    }
}

impl std::fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = if self.is_mapped() { "mapped" } else { "read" };
        write!(f, "FileBytes({} bytes, {how})", self.len)
    }
}

/// The file at `path` mapped, when it is a regular file of this user's that no one else
/// may write; `None` when it should be read instead.
///
/// Every page is mapped at once (`MAP_POPULATE`): each file mapped here is read whole
/// (its tag is checked first), and taking its pages one fault at a time cost 0.5 s of
/// CPU for the 1.3 GB of a million records' snapshot and index, of about 4.7 s to the
/// list; mapped at once, the opening's CPU fell to 4.0-4.3 s.
#[cfg(unix)]
#[allow(unsafe_code)] // mapping a file; see SAFETY below
fn map(path: &std::path::Path) -> std::io::Result<Option<memmap2::Mmap>> {
    use std::os::unix::fs::MetadataExt;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    // SAFETY: geteuid cannot fail and touches no memory.
    let me = unsafe { libc::geteuid() };
    let ours = meta.is_file() && meta.uid() == me && meta.mode() & 0o022 == 0;
    if !ours || meta.len() == 0 {
        return Ok(None);
    }
    // SAFETY: the bytes must not change while mapped. The file is this user's and no
    // other user may write it; Dossier never writes a snapshot in place (each is written
    // to a temp file and renamed over the last, which leaves this mapping on the old
    // file); and every reader of these bytes checks every length and place it takes, so
    // bytes changed under it by another program of this user's would be refused as
    // damaged, not read out of bounds. This is the bargain ripgrep makes for its maps.
    // A file cut short in place by such a program would stop Dossier with SIGBUS.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file)? };
    Ok(Some(map))
}

/// Gives the pages of `map` after its first `len` bytes back to the system.
#[cfg(unix)]
fn forget_after(map: &memmap2::Mmap, len: usize) {
    forget_pages(map, len..map.len());
}

/// Gives the whole pages of `map` within `range` back to the system.
#[cfg(unix)]
#[allow(unsafe_code)] // advising the system to drop pages; see SAFETY below
fn forget_pages(map: &memmap2::Mmap, range: std::ops::Range<usize>) {
    const PAGE: usize = 4096;
    let from = range.start.div_ceil(PAGE) * PAGE;
    let to = range.end.min(map.len()) / PAGE * PAGE;
    if from >= to {
        return;
    }
    // SAFETY: the map is private and read-only, so its pages are only ever the file's:
    // dropped, they are read from the file again if touched, with the same bytes. So
    // whoever reads them after (`forget` lets another holder read on) reads what was
    // there before.
    let _ =
        unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_whole_and_keeps_what_truncate_leaves() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("snapshot.bin");
        let content: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &content).unwrap();
        #[cfg(unix)]
        {
            // Whatever the umask: only its owner may write it.
            use std::os::unix::fs::PermissionsExt;
            let only_mine = std::fs::Permissions::from_mode(0o644);
            std::fs::set_permissions(&path, only_mine).unwrap();
        }
        let mut bytes = FileBytes::read(&path).unwrap();
        assert_eq!(&bytes[..], &content[..]);
        // A file only its owner may write is mapped (unix); elsewhere it is read.
        assert_eq!(bytes.is_mapped(), cfg!(unix));
        let copy = bytes.clone();
        bytes.truncate(10_000);
        assert_eq!(&bytes[..], &content[..10_000]);
        assert_eq!(&copy[..], &content[..], "a clone keeps its own length");
        bytes.truncate(20_000);
        assert_eq!(bytes.len(), 10_000, "truncate never lengthens");
        assert_eq!(&bytes[..], &content[..10_000]);
        assert_eq!(
            &copy[15_000..],
            &content[15_000..],
            "dropped pages read again"
        );
        copy.forget(1_000..19_000);
        assert_eq!(&copy[..], &content[..], "forgotten pages read again");
    }

    #[test]
    fn an_empty_file_and_a_buffer_are_bytes_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty");
        std::fs::write(&path, b"").unwrap();
        let empty = FileBytes::read(&path).unwrap();
        assert!(empty.is_empty() && !empty.is_mapped());
        let mut owned = FileBytes::from(b"hello world".to_vec());
        owned.truncate(5);
        assert_eq!(&owned[..], b"hello");
        assert!(FileBytes::read(&dir.path().join("missing")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_others_may_write_is_read_not_mapped() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("snapshot.bin");
        std::fs::write(&path, b"shared bytes").unwrap();
        for mode in [0o664, 0o646] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            let bytes = FileBytes::read(&path).unwrap();
            assert!(!bytes.is_mapped(), "mode {mode:o}");
            assert_eq!(&bytes[..], b"shared bytes");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(FileBytes::read(&path).unwrap().is_mapped());
    }
}
