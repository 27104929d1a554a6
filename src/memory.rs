//! How the process asks the allocator and the kernel for memory.
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

/// Reads the whole file at `path`, like `std::fs::read`, into a buffer that Linux may back
/// with huge pages (2 MiB on x86-64, where transparent huge pages are on "madvise", as
/// Debian and Ubuntu ship them, or "always"). Each 4 KiB page a fresh buffer touches is
/// a page fault, about 1.3 µs each on the machine the benchmarks run on: the 70 MiB
/// snapshot and 60 MiB index that every opening reads at 100,000 records took about
/// 33,000 of them, and 2 MiB pages take 65. Small files, and other systems, read as usual.
pub fn read_large_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len() as usize;
    let mut bytes = Vec::with_capacity(len);
    advise_huge_pages(&mut bytes);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Asks Linux to back the unused capacity of `bytes` with huge pages (advice only).
#[allow(unsafe_code)] // one call to madvise; see SAFETY below
fn advise_huge_pages(bytes: &mut Vec<u8>) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let spare = bytes.spare_capacity_mut();
        if spare.len() < 2 * HUGE {
            return;
        }
        let start = spare.as_mut_ptr() as usize;
        let aligned = start.next_multiple_of(4096);
        let len = (start + spare.len() - aligned) / 4096 * 4096;
        // SAFETY: the range lies inside this vector's own allocation, page-aligned; the
        // advice changes how the kernel backs those pages, never what they hold, and a
        // failure (huge pages off, or not supported) leaves them as they were.
        unsafe {
            libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = bytes;
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_large_file_reads_back_as_written_and_a_small_one_too() {
        let dir = tempfile::tempdir().unwrap();
        for len in [0, 10, 5 << 20, (9 << 20) + 3] {
            let path = dir.path().join(format!("f{len}"));
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + i / 4096) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(super::read_large_file(&path).unwrap(), bytes, "{len} bytes");
        }
        assert!(super::read_large_file(&dir.path().join("none")).is_err());
    }
}
