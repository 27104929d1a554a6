//! Large files (originals) sealed in chunks, so a video of several gigabytes is sealed,
//! verified and read back with flat memory.
//!
//! The STREAM construction (as `aead-stream`'s `StreamBE32`, over AES-256-GCM): each
//! chunk is sealed with its position, and the last one with a flag saying it is the
//! last. A chunk moved, swapped or changed fails at its own position; a file cut at a
//! chunk boundary is caught because its final chunk was not sealed as the last. Every
//! file has a key of its own, derived (HKDF-SHA-256) from the catalogue's and a random
//! 32-byte salt, so nonces can never repeat between files. The layout: `DSC2`, the chunk
//! length (4 bytes, big-endian), the salt, then each chunk's ciphertext and tag. The
//! catalogue's id and the file's path are bound into every chunk, as for small files.
//!
//! AES-256-GCM rather than the XChaCha20-Poly1305 of small files: with the AES and
//! carry-less multiply instructions of office desktops it opens originals several times
//! as fast (BENCHMARKS.md), and verify reads every byte of every original; the per-file
//! key takes away GCM's short nonce as a concern. The cipher is `ring`'s (BoringSSL's
//! code, which computes AES and GHASH in one pass: 5 GB/s a core here against the 2 GB/s
//! of RustCrypto's `aes-gcm`); the bytes are the same as `aead-stream` over `aes-gcm`
//! makes, which a test holds.

use std::io::{self, Read, Seek, SeekFrom, Write};

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

use super::seal::{FileKeys, SealError, TAG_LEN, check_magic, random_bytes};

/// What starts every file sealed in chunks.
pub const CHUNKED_MAGIC: &[u8; 4] = b"DSC2";
/// The plain length of every chunk but the last.
pub const CHUNK_LEN: usize = 256 * 1024;
const SALT_LEN: usize = 32;
const HEADER_LEN: usize = 4 + 4 + SALT_LEN;

/// One file's AES-256-GCM key, and STREAM's nonces under it.
struct ChunkKey(LessSafeKey);

impl ChunkKey {
    fn new(keys: &FileKeys, salt: &[u8; SALT_LEN]) -> io::Result<ChunkKey> {
        let key = keys.chunk_key(salt);
        // A 32-byte key is always a valid AES-256 key: this fails only without a cipher.
        let key = UnboundKey::new(&AES_256_GCM, key.as_ref())
            .map_err(|_| io::Error::other("AES-256-GCM is not available"))?;
        Ok(ChunkKey(LessSafeKey::new(key)))
    }

    /// STREAM's nonce (big-endian 32-bit counter): seven zero bytes (the key is the
    /// file's own), the chunk's position, and whether it is the last.
    fn nonce(position: u32, last: bool) -> Nonce {
        let mut nonce = [0u8; 12];
        nonce[7..11].copy_from_slice(&position.to_be_bytes());
        nonce[11] = u8::from(last);
        Nonce::assume_unique_for_key(nonce)
    }

    /// Seals the chunk in `buf` where it lies and appends its tag.
    fn seal(&self, position: u32, last: bool, aad: &[u8], buf: &mut Vec<u8>) -> io::Result<()> {
        self.0
            .seal_in_place_append_tag(Self::nonce(position, last), Aad::from(aad), buf)
            .map_err(|_| io::Error::other("sealing a chunk failed"))
    }

    /// Opens the sealed chunk (ciphertext and tag) in `buf` where it lies, leaving its
    /// plain bytes; false when it does not authenticate (`buf` is then unspecified).
    fn open(&self, position: u32, last: bool, aad: &[u8], buf: &mut Vec<u8>) -> bool {
        match self
            .0
            .open_in_place(Self::nonce(position, last), Aad::from(aad), buf)
        {
            Ok(plain) => {
                let len = plain.len();
                buf.truncate(len);
                true
            }
            Err(_) => false,
        }
    }
}

fn position(index: u64) -> io::Result<u32> {
    u32::try_from(index).map_err(|_| io::Error::other("a file of more than 2^32 chunks"))
}

fn sealing_failed(e: SealError) -> io::Error {
    io::Error::other(e)
}

/// Seals what is written to it into `inner`, chunk by chunk; [`finish`](Self::finish)
/// seals the last chunk (a file is never whole without it).
pub struct SealingWriter<W: Write> {
    inner: W,
    key: ChunkKey,
    aad: Vec<u8>,
    buf: Vec<u8>,
    index: u64,
}

impl<W: Write> SealingWriter<W> {
    /// Starts the sealed file at `path` (relative to the catalogue) in `inner`.
    pub fn new(keys: &FileKeys, path: &str, mut inner: W) -> io::Result<SealingWriter<W>> {
        let mut prefix = [0u8; SALT_LEN];
        random_bytes(&mut prefix).map_err(sealing_failed)?;
        inner.write_all(CHUNKED_MAGIC)?;
        inner.write_all(&(CHUNK_LEN as u32).to_be_bytes())?;
        inner.write_all(&prefix)?;
        Ok(SealingWriter {
            inner,
            key: ChunkKey::new(keys, &prefix)?,
            aad: keys.aad(path),
            buf: Vec::with_capacity(CHUNK_LEN + TAG_LEN),
            index: 0,
        })
    }

    /// Seals the buffered chunk where it lies (one buffer for the whole file: no copy and
    /// no allocation per chunk) and writes it out.
    fn seal_chunk(&mut self, last: bool) -> io::Result<()> {
        self.key
            .seal(position(self.index)?, last, &self.aad, &mut self.buf)?;
        self.inner.write_all(&self.buf)?;
        self.buf.clear();
        self.index += 1;
        Ok(())
    }

    /// Seals the last chunk and gives back the writer (to be synced by its owner).
    pub fn finish(mut self) -> io::Result<W> {
        self.seal_chunk(true)?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for SealingWriter<W> {
    fn write(&mut self, mut data: &[u8]) -> io::Result<usize> {
        let n = data.len();
        while !data.is_empty() {
            // A full chunk is sealed only once more follows: the last waits for finish.
            if self.buf.len() == CHUNK_LEN {
                self.seal_chunk(false)?;
            }
            let take = (CHUNK_LEN - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Reads a file sealed in chunks as its plain bytes. Every chunk is authenticated
/// before any of its bytes are given out; a changed, moved or missing chunk is an error
/// naming its position (a [`SealError`] inside the `io::Error`).
pub struct OpeningReader<R: Read> {
    inner: R,
    key: ChunkKey,
    aad: Vec<u8>,
    chunk_len: usize,
    plain: Vec<u8>,
    at: usize,
    index: u64,
    ahead: Option<u8>,
    done: bool,
    /// Where the next byte given out is, in the plain file.
    pos: u64,
}

impl<R: Read> OpeningReader<R> {
    /// Opens the sealed file at `path` from `inner`, reading its header.
    pub fn new(keys: &FileKeys, path: &str, mut inner: R) -> io::Result<OpeningReader<R>> {
        let mut header = [0u8; HEADER_LEN];
        read_full(&mut inner, &mut header)?;
        let rest = check_magic(&header, CHUNKED_MAGIC).map_err(io::Error::other)?;
        let chunk_len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        if chunk_len == 0 || chunk_len > 16 * 1024 * 1024 {
            return Err(io::Error::other(SealError::Tampered));
        }
        let mut prefix = [0u8; SALT_LEN];
        prefix.copy_from_slice(&rest[4..]);
        Ok(OpeningReader {
            inner,
            key: ChunkKey::new(keys, &prefix)?,
            aad: keys.aad(path),
            chunk_len,
            plain: Vec::with_capacity(chunk_len + TAG_LEN),
            at: 0,
            index: 0,
            ahead: None,
            done: false,
            pos: 0,
        })
    }

    /// Reads and opens the next chunk into `plain`, in place (one buffer for the file).
    fn next_chunk(&mut self) -> io::Result<()> {
        let full = self.chunk_len + TAG_LEN;
        let mut sealed = std::mem::take(&mut self.plain);
        sealed.clear();
        sealed.extend(self.ahead.take());
        let start = sealed.len();
        sealed.resize(full, 0);
        let got = start + read_full(&mut self.inner, &mut sealed[start..])?;
        sealed.truncate(got);
        // A full chunk is the last when nothing follows it.
        let last = got < full || {
            let mut one = [0u8; 1];
            match read_full(&mut self.inner, &mut one)? {
                0 => true,
                _ => {
                    self.ahead = Some(one[0]);
                    false
                }
            }
        };
        let at = position(self.index)?;
        // A failed opening spoils the buffer: the last chunk (one a file) is kept, to be
        // tried again as "not the last".
        let kept = last.then(|| sealed.clone());
        if !self.key.open(at, last, &self.aad, &mut sealed) {
            // A whole chunk that opens as "not the last" where the file ends: the chunks
            // after it were cut off.
            if let Some(mut again) = kept
                && self.key.open(at, false, &self.aad, &mut again)
            {
                return Err(io::Error::other(SealError::Truncated(self.index + 1)));
            }
            return Err(io::Error::other(SealError::ChunkTampered(self.index + 1)));
        }
        self.plain = sealed;
        self.at = 0;
        self.index += 1;
        self.done = last;
        Ok(())
    }
}

impl<R: Read> OpeningReader<R> {
    /// The SHA-256 of every plain byte from here to the end, each chunk authenticated
    /// and hashed where it was opened (verify's way: no copy out of the buffer).
    pub fn hash_to_end(&mut self) -> io::Result<crate::model::Sha256> {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        loop {
            hasher.update(&self.plain[self.at..]);
            self.pos += (self.plain.len() - self.at) as u64;
            self.at = self.plain.len();
            if self.done {
                return Ok(super::digest(hasher));
            }
            self.next_chunk()?;
        }
    }
}

impl<R: Read> Read for OpeningReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at == self.plain.len() {
            if self.done {
                return Ok(0);
            }
            self.next_chunk()?;
        }
        let n = out.len().min(self.plain.len() - self.at);
        out[..n].copy_from_slice(&self.plain[self.at..self.at + n]);
        self.at += n;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read + Seek> OpeningReader<R> {
    /// The sealed file's length as the plain file's: its chunks less their tags.
    pub fn plain_len(&mut self) -> io::Result<u64> {
        let here = self.inner.stream_position()?;
        let len = self.inner.seek(SeekFrom::End(0))?;
        self.inner.seek(SeekFrom::Start(here))?;
        let body = len.saturating_sub(HEADER_LEN as u64);
        let full = (self.chunk_len + TAG_LEN) as u64;
        let chunks = body.div_ceil(full).max(1);
        let last = body.saturating_sub((chunks - 1) * full);
        Ok((chunks - 1) * self.chunk_len as u64 + last.saturating_sub(TAG_LEN as u64))
    }
}

impl<R: Read + Seek> Seek for OpeningReader<R> {
    /// Moves to a plain position: the chunk holding it is read and authenticated again
    /// (a seek never gives out a byte that was not checked).
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            SeekFrom::End(d) => self.plain_len()?.checked_add_signed(d),
        }
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        if target >= self.plain_len()? {
            // At or past the end: reads give nothing.
            self.done = true;
            self.plain.clear();
            self.at = 0;
            self.pos = target;
            return Ok(target);
        }
        let chunk = target / self.chunk_len as u64;
        let full = (self.chunk_len + TAG_LEN) as u64;
        self.inner
            .seek(SeekFrom::Start(HEADER_LEN as u64 + chunk * full))?;
        self.index = chunk;
        self.ahead = None;
        self.done = false;
        self.plain.clear();
        self.at = 0;
        self.pos = chunk * self.chunk_len as u64;
        if target > self.pos {
            self.next_chunk()?;
            self.at = ((target - self.pos) as usize).min(self.plain.len());
            self.pos += self.at as u64;
        }
        Ok(self.pos)
    }
}

/// Reads until `buf` is full or the input ends; how many bytes were read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match input.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// The [`SealError`] inside an error from [`OpeningReader`], if that is what it is.
pub fn seal_error(e: &io::Error) -> Option<&SealError> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<SealError>())
}

#[cfg(test)]
mod tests {
    use super::super::seal::CatalogueKey;
    use super::*;

    fn keys() -> FileKeys {
        CatalogueKey::from_bytes([3; 32]).keys("cat-1")
    }

    fn sealed(plain: &[u8]) -> Vec<u8> {
        let mut w = SealingWriter::new(&keys(), "attachments/ab/x", Vec::new()).unwrap();
        // Written in odd pieces, as a copy loop does.
        for piece in plain.chunks(100_003) {
            w.write_all(piece).unwrap();
        }
        w.finish().unwrap()
    }

    fn opened(bytes: &[u8], path: &str) -> io::Result<Vec<u8>> {
        let mut r = OpeningReader::new(&keys(), path, bytes)?;
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    fn error_of(result: io::Result<Vec<u8>>) -> SealError {
        let e = result.expect_err("it must not open");
        seal_error(&e).cloned().unwrap_or_else(|| panic!("{e}"))
    }

    #[test]
    fn files_of_every_size_come_back_whole() {
        for len in [
            0,
            1,
            CHUNK_LEN - 1,
            CHUNK_LEN,
            CHUNK_LEN + 1,
            3 * CHUNK_LEN + 17,
        ] {
            let plain: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            let bytes = sealed(&plain);
            let chunks = len.div_ceil(CHUNK_LEN).max(1);
            assert_eq!(bytes.len(), HEADER_LEN + len + chunks * TAG_LEN, "{len}");
            assert_eq!(opened(&bytes, "attachments/ab/x").unwrap(), plain, "{len}");
        }
    }

    #[test]
    fn the_bytes_are_streams_over_rustcrypto_aes_gcm() {
        // DSC2 files written before `ring` sealed them must open, and the reverse: the
        // same bytes, chunk for chunk, as `aead-stream`'s StreamBE32 over `aes-gcm`.
        use aead_stream::{NewStream, StreamBE32, StreamPrimitive};
        use aes_gcm::{Aes256Gcm, KeyInit};
        let plain: Vec<u8> = (0..2 * CHUNK_LEN + 99).map(|i| (i % 241) as u8).collect();
        let ours = sealed(&plain);
        let salt: [u8; SALT_LEN] = ours[8..HEADER_LEN].try_into().unwrap();
        let key = keys().chunk_key(&salt);
        let cipher = <Aes256Gcm as KeyInit>::new(&(*key).into());
        let theirs = StreamBE32::from_aead(cipher, &[0u8; 7].into());
        let aad = keys().aad("attachments/ab/x");
        let mut again = ours[..HEADER_LEN].to_vec();
        let pieces: Vec<&[u8]> = plain.chunks(CHUNK_LEN).collect();
        for (i, piece) in pieces.iter().enumerate() {
            let mut buf = piece.to_vec();
            let last = i + 1 == pieces.len();
            theirs
                .encrypt_in_place(i as u32, last, &aad, &mut buf)
                .unwrap();
            again.extend_from_slice(&buf);
        }
        assert_eq!(again, ours);
        let mut first = ours[HEADER_LEN..HEADER_LEN + CHUNK_LEN + TAG_LEN].to_vec();
        theirs.decrypt_in_place(0, false, &aad, &mut first).unwrap();
        assert_eq!(first, plain[..CHUNK_LEN]);
    }

    #[test]
    fn hashing_to_the_end_is_reading_and_hashing() {
        let plain: Vec<u8> = (0..2 * CHUNK_LEN + 5).map(|i| (i % 239) as u8).collect();
        let bytes = sealed(&plain);
        let mut r = OpeningReader::new(&keys(), "attachments/ab/x", &bytes[..]).unwrap();
        assert_eq!(r.hash_to_end().unwrap(), super::super::hash_bytes(&plain));
        let mut r = OpeningReader::new(&keys(), "attachments/ab/x", &bytes[..]).unwrap();
        let mut ten = [0u8; 10];
        r.read_exact(&mut ten).unwrap();
        assert_eq!(
            r.hash_to_end().unwrap(),
            super::super::hash_bytes(&plain[10..])
        );
        let mut bad = bytes.clone();
        bad[HEADER_LEN + CHUNK_LEN + TAG_LEN + 1] ^= 1;
        let mut r = OpeningReader::new(&keys(), "attachments/ab/x", &bad[..]).unwrap();
        let e = r.hash_to_end().unwrap_err();
        assert_eq!(seal_error(&e), Some(&SealError::ChunkTampered(2)));
    }

    #[test]
    fn a_changed_swapped_or_missing_chunk_is_named() {
        let plain = vec![42u8; 3 * CHUNK_LEN + 5];
        let bytes = sealed(&plain);
        let chunk = CHUNK_LEN + TAG_LEN;
        // A changed byte in the second chunk.
        let mut bad = bytes.clone();
        bad[HEADER_LEN + chunk + 10] ^= 1;
        assert_eq!(
            error_of(opened(&bad, "attachments/ab/x")),
            SealError::ChunkTampered(2)
        );
        // The first two chunks swapped.
        let mut swapped = bytes.clone();
        let (a, b) = (HEADER_LEN, HEADER_LEN + chunk);
        let first: Vec<u8> = bytes[a..b].to_vec();
        swapped.copy_within(b..b + chunk, a);
        swapped[b..b + chunk].copy_from_slice(&first);
        assert_eq!(
            error_of(opened(&swapped, "attachments/ab/x")),
            SealError::ChunkTampered(1)
        );
        // Cut after the third chunk (at a boundary), and inside the last one.
        let cut = &bytes[..HEADER_LEN + 3 * chunk];
        assert_eq!(
            error_of(opened(cut, "attachments/ab/x")),
            SealError::Truncated(3)
        );
        let cut = &bytes[..bytes.len() - 3];
        assert_eq!(
            error_of(opened(cut, "attachments/ab/x")),
            SealError::ChunkTampered(4)
        );
        // Under another name.
        assert_eq!(
            error_of(opened(&bytes, "attachments/cd/y")),
            SealError::ChunkTampered(1)
        );
    }

    #[test]
    fn seeking_gives_the_same_bytes_as_reading_through() {
        let plain: Vec<u8> = (0..3 * CHUNK_LEN + 77).map(|i| (i % 253) as u8).collect();
        let bytes = sealed(&plain);
        let mut r =
            OpeningReader::new(&keys(), "attachments/ab/x", io::Cursor::new(bytes)).unwrap();
        assert_eq!(r.plain_len().unwrap(), plain.len() as u64);
        for at in [
            0,
            5,
            CHUNK_LEN - 1,
            CHUNK_LEN,
            2 * CHUNK_LEN + 3,
            plain.len() - 1,
        ] {
            assert_eq!(r.seek(SeekFrom::Start(at as u64)).unwrap(), at as u64);
            let mut got = vec![0u8; 10.min(plain.len() - at)];
            r.read_exact(&mut got).unwrap();
            assert_eq!(got, plain[at..at + got.len()], "at {at}");
        }
        assert_eq!(r.seek(SeekFrom::End(-2)).unwrap(), plain.len() as u64 - 2);
        let mut rest = Vec::new();
        r.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, plain[plain.len() - 2..]);
        r.seek(SeekFrom::Start(plain.len() as u64 + 9)).unwrap();
        assert_eq!(r.read(&mut [0u8; 4]).unwrap(), 0);
        let mut empty =
            OpeningReader::new(&keys(), "attachments/ab/x", io::Cursor::new(sealed(b""))).unwrap();
        assert_eq!(empty.plain_len().unwrap(), 0);
    }

    #[test]
    fn a_plain_file_is_not_taken_for_a_sealed_one() {
        let e = opened(b"\x89PNG\r\n\x1a\n and the rest of a picture", "a").unwrap_err();
        assert_eq!(seal_error(&e), Some(&SealError::NotSealed));
    }
}
