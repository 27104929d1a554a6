//! One buffer of the index's text: the index's own, or a part of the snapshot's index
//! file it was read from, shared rather than copied (at 100,000 records that saves a copy
//! of about 60 MiB, and as much memory at the moment the index is read). A shared buffer
//! becomes the index's own, copied once, the first time it is written to.

use std::ops::{Deref, Range};
use std::sync::Arc;

use crate::memory::FileBytes;

/// A buffer of lower-case text (see `SearchIndex::text`).
#[derive(Debug, Clone)]
pub(super) enum Chunk {
    /// Written by this index.
    Own(Vec<u8>),
    /// These bytes of a file read whole (or mapped).
    Shared(Arc<FileBytes>, Range<usize>),
}

impl Default for Chunk {
    fn default() -> Self {
        Chunk::Own(Vec::new())
    }
}

impl Deref for Chunk {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Chunk::Own(v) => v,
            Chunk::Shared(bytes, range) => &bytes[range.clone()],
        }
    }
}

impl Chunk {
    /// The buffer to write to: a shared one is copied first.
    pub(super) fn make_mut(&mut self) -> &mut Vec<u8> {
        if let Chunk::Shared(bytes, range) = self {
            *self = Chunk::Own(bytes[range.clone()].to_vec());
        }
        match self {
            Chunk::Own(v) => v,
            Chunk::Shared(..) => unreachable!("made its own above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_chunk_reads_its_part_and_is_copied_when_written() {
        let file = Arc::new(FileBytes::from(b"headerhello world".to_vec()));
        let mut c = Chunk::Shared(file.clone(), 6..17);
        assert_eq!(&*c, b"hello world");
        c.make_mut()[0] = b'j';
        assert_eq!(&*c, b"jello world");
        assert_eq!(
            &file[6..],
            b"hello world",
            "the file's bytes are left alone"
        );
        assert!(matches!(c, Chunk::Own(_)));
    }
}
