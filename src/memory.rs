//! How the process asks the allocator for memory.
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
