//! Encryption at rest for one file: a catalogue's key, the keys derived from it, and the
//! sealed form of a small file (a record, a list, an audit entry).
//!
//! A sealed file is `DSE1`, a random 24-byte nonce, then XChaCha20-Poly1305 ciphertext
//! with its 16-byte tag. The catalogue's id and the file's path inside the catalogue are
//! bound in as associated data: a file moved to another name, or copied from another
//! catalogue, fails to open, and the error names it. Nothing here is hand-made
//! cryptography: the AEAD is RustCrypto's `chacha20poly1305`, the derivations `hkdf` and
//! `hmac` over SHA-256, the randomness the system's (`getrandom`).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// What starts every sealed small file.
pub const SEALED_MAGIC: &[u8; 4] = b"DSE1";
/// The nonce's length (XChaCha20-Poly1305).
pub const NONCE_LEN: usize = 24;
/// The tag's length.
pub const TAG_LEN: usize = 16;

/// Why a sealed file could not be opened. The store says it to a person, naming the file
/// (in the thread's language: the command line's stays English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    /// The bytes do not start as a sealed file does (a plain file, or something else).
    NotSealed,
    /// A newer format than this Dossier knows.
    UnknownFormat(String),
    /// Authentication failed: changed, cut short, moved from another name, copied from
    /// another catalogue, or sealed under another key.
    Tampered,
    /// A chunk of a large file failed to authenticate.
    ChunkTampered(u64),
    /// A large file ends early: its last part is missing.
    Truncated(u64),
    /// No random numbers from the system (never expected).
    NoRandom,
}

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            SealError::NotSealed => crate::t!("seal-not-sealed"),
            SealError::UnknownFormat(v) => crate::t!("seal-unknown-format", version = v),
            SealError::Tampered => crate::t!("seal-tampered"),
            SealError::ChunkTampered(n) => crate::t!("seal-chunk-tampered", part = n.to_string()),
            SealError::Truncated(n) => crate::t!("seal-truncated", part = n.to_string()),
            SealError::NoRandom => crate::t!("seal-no-random"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SealError {}

/// Fills `buf` with the system's random bytes.
pub fn random_bytes(buf: &mut [u8]) -> Result<(), SealError> {
    getrandom::fill(buf).map_err(|_| SealError::NoRandom)
}

/// A catalogue's key: 32 random bytes, wiped from memory when dropped. Every other key
/// is derived from it; it is stored only wrapped (see `keyring`).
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct CatalogueKey([u8; 32]);

impl std::fmt::Debug for CatalogueKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CatalogueKey(..)")
    }
}

impl CatalogueKey {
    /// A new random key.
    pub fn generate() -> Result<CatalogueKey, SealError> {
        let mut bytes = [0u8; 32];
        random_bytes(&mut bytes)?;
        Ok(CatalogueKey(bytes))
    }

    /// The key from its bytes (unwrapping gives them).
    pub fn from_bytes(bytes: [u8; 32]) -> CatalogueKey {
        CatalogueKey(bytes)
    }

    /// The key's bytes, to be wrapped.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The keys for catalogue `catalogue_id`, derived from this one.
    pub fn keys(&self, catalogue_id: &str) -> FileKeys {
        FileKeys {
            seal: derive(&self.0, b"dossier file sealing v1"),
            names: derive(&self.0, b"dossier file names v1"),
            catalogue_id: catalogue_id.to_string(),
        }
    }
}

/// HKDF-SHA-256 of `ikm` for `info`: 32 bytes.
pub(crate) fn derive(ikm: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA-256 output length.
    let _ = hkdf::Hkdf::<sha2::Sha256>::new(None, ikm).expand(info, &mut out);
    out
}

/// The keys an open catalogue works with, derived from its [`CatalogueKey`].
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct FileKeys {
    seal: [u8; 32],
    names: [u8; 32],
    #[zeroize(skip)]
    catalogue_id: String,
}

impl std::fmt::Debug for FileKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileKeys({}, ..)", self.catalogue_id)
    }
}

impl FileKeys {
    /// The associated data of the file at `path` (relative, `/` between parts).
    pub(crate) fn aad(&self, path: &str) -> Vec<u8> {
        let mut aad = Vec::with_capacity(32 + path.len());
        aad.extend_from_slice(b"dossier v1\0");
        aad.extend_from_slice(self.catalogue_id.as_bytes());
        aad.push(0);
        aad.extend_from_slice(path.as_bytes());
        aad
    }

    /// The AES-256-GCM key of one original, from its random `salt`.
    pub(crate) fn chunk_key(&self, salt: &[u8; 32]) -> zeroize::Zeroizing<[u8; 32]> {
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        // 32 bytes is always a valid HKDF-SHA-256 output length.
        let _ = hkdf::Hkdf::<sha2::Sha256>::new(Some(salt), &self.seal)
            .expand(b"dossier original chunks v2", key.as_mut());
        key
    }

    pub(crate) fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.seal.into())
    }

    /// `plain` sealed as the file at `path` (relative to the catalogue, `/` between
    /// parts): a fresh random nonce every time, so a file written twice never repeats one.
    pub fn seal(&self, path: &str, plain: &[u8]) -> Result<Vec<u8>, SealError> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let aad = self.aad(path);
        let sealed = self
            .cipher()
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain,
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::Tampered)?;
        let mut out = Vec::with_capacity(4 + NONCE_LEN + sealed.len());
        out.extend_from_slice(SEALED_MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The plain bytes of the sealed file at `path`.
    pub fn open(&self, path: &str, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        let body = check_magic(sealed, SEALED_MAGIC)?;
        if body.len() < NONCE_LEN + TAG_LEN {
            return Err(SealError::Tampered);
        }
        let (nonce, ciphertext) = body.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| SealError::Tampered)?;
        let aad = self.aad(path);
        self.cipher()
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| SealError::Tampered)
    }

    /// The name an original is stored under: HMAC-SHA-256 of its plain SHA-256 (hex)
    /// under a key of this catalogue, in hex. Without the key nobody can test the disk
    /// for a known file; the plain SHA-256 stays inside the sealed records.
    pub fn stored_name(&self, sha256_hex: &str) -> String {
        let mut mac = <Hmac<sha2::Sha256>>::new_from_slice(&self.names)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(sha256_hex.as_bytes());
        let tag = mac.finalize().into_bytes();
        tag.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// `bytes` after `magic`, or why they are not a sealed file of that kind.
pub(crate) fn check_magic<'a>(bytes: &'a [u8], magic: &[u8; 4]) -> Result<&'a [u8], SealError> {
    match bytes.get(..4) {
        Some(head) if head == magic => Ok(&bytes[4..]),
        Some(head) if head[..3] == magic[..3] => {
            Err(SealError::UnknownFormat(format!("version {}", head[3])))
        }
        _ => Err(SealError::NotSealed),
    }
}

/// Whether `bytes` look like a sealed small file (its first four bytes).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED_MAGIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> FileKeys {
        CatalogueKey::from_bytes([7; 32]).keys("cat-1")
    }

    #[test]
    fn a_sealed_file_opens_under_its_own_name_and_nowhere_else() {
        let k = keys();
        let plain = br#"{"title":"Aram Petrosyan, captured 2020-10-20"}"#;
        let sealed = k.seal("records/a.json", plain).unwrap();
        assert!(is_sealed(&sealed));
        assert!(
            !sealed.windows(4).any(|w| w == b"Aram"),
            "no plain text in the sealed bytes"
        );
        assert_eq!(k.open("records/a.json", &sealed).unwrap(), plain);
        // Moved to another name, or to another catalogue, or another key: refused.
        assert_eq!(k.open("records/b.json", &sealed), Err(SealError::Tampered));
        let other = CatalogueKey::from_bytes([7; 32]).keys("cat-2");
        assert_eq!(
            other.open("records/a.json", &sealed),
            Err(SealError::Tampered)
        );
        let wrong = CatalogueKey::from_bytes([8; 32]).keys("cat-1");
        assert_eq!(
            wrong.open("records/a.json", &sealed),
            Err(SealError::Tampered)
        );
    }

    #[test]
    fn any_changed_or_missing_byte_is_caught() {
        let k = keys();
        let sealed = k.seal("records/a.json", b"the record").unwrap();
        for i in 4..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert_eq!(
                k.open("records/a.json", &bad),
                Err(SealError::Tampered),
                "{i}"
            );
        }
        for len in 0..sealed.len() {
            assert!(k.open("records/a.json", &sealed[..len]).is_err(), "{len}");
        }
        assert_eq!(k.open("x", b"{\"plain\": 1}"), Err(SealError::NotSealed));
        assert!(matches!(
            k.open("x", b"DSE9rest"),
            Err(SealError::UnknownFormat(_))
        ));
    }

    #[test]
    fn sealing_twice_never_repeats_a_nonce() {
        let k = keys();
        let a = k.seal("records/a.json", b"same").unwrap();
        let b = k.seal("records/a.json", b"same").unwrap();
        assert_ne!(a[4..4 + NONCE_LEN], b[4..4 + NONCE_LEN]);
        assert_ne!(a, b);
    }

    #[test]
    fn stored_names_are_keyed_and_hide_the_plain_hash() {
        let sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let a = keys().stored_name(sha);
        assert_eq!(a.len(), 64);
        assert_ne!(a, sha);
        assert_eq!(a, keys().stored_name(sha), "the same name every time");
        let other = CatalogueKey::from_bytes([9; 32])
            .keys("cat-1")
            .stored_name(sha);
        assert_ne!(a, other, "another catalogue's key gives another name");
    }
}
