//! The catalogue key, wrapped for each way in: a person's passphrase (Argon2id, its
//! parameters stored beside it) or the printed recovery key (random, so a plain key
//! derivation is enough). The wrapped keys are the public part of `dossier.json`: they
//! say nothing without a passphrase or the recovery key.
//!
//! Each wrap is XChaCha20-Poly1305 over the 32 key bytes, with the catalogue's id, the
//! kind of wrap and its label as associated data, so a wrap cannot be moved to another
//! catalogue or relabelled. Removing a wrap does not re-encrypt anything: whoever had the
//! passphrase may have kept the key (rotating the key is a separate, whole-catalogue step).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::seal::{CatalogueKey, NONCE_LEN, SealError, derive, random_bytes};

/// How hard a passphrase is made to guess: Argon2id's memory (KiB), passes and lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub passes: u32,
    /// Lanes.
    pub lanes: u32,
}

impl KdfParams {
    /// What new catalogues use: 64 MiB, 4 passes, 1 lane (0.3 s on the machines these
    /// benchmarks run on: `cargo bench --bench crypt`).
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        passes: 4,
        lanes: 1,
    };

    /// Fast and weak, for tests only.
    pub const FOR_TESTS: KdfParams = KdfParams {
        memory_kib: 64,
        passes: 1,
        lanes: 1,
    };
}

/// One way in: the catalogue key wrapped by a passphrase or by the recovery key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    /// `passphrase` or `recovery`.
    pub kind: String,
    /// Whose passphrase (a name the office chooses), or `recovery`.
    pub label: String,
    /// The passphrase's Argon2id parameters (none for the recovery key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kdf: Option<KdfParams>,
    /// The salt (base64).
    pub salt: String,
    /// The nonce (base64).
    pub nonce: String,
    /// The wrapped key and its tag (base64).
    pub sealed: String,
}

const PASSPHRASE: &str = "passphrase";
const RECOVERY: &str = "recovery";

fn aad(catalogue_id: &str, kind: &str, label: &str) -> Vec<u8> {
    format!("dossier key wrap v1\0{catalogue_id}\0{kind}\0{label}").into_bytes()
}

fn passphrase_kek(
    passphrase: &str,
    salt: &[u8],
    params: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, SealError> {
    let argon_params =
        argon2::Params::new(params.memory_kib, params.passes, params.lanes, Some(32))
            .map_err(|_| SealError::Tampered)?;
    let argon = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon_params,
    );
    let mut kek = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, kek.as_mut())
        .map_err(|_| SealError::Tampered)?;
    Ok(kek)
}

fn recovery_kek(recovery: &[u8; 32], salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut ikm = Zeroizing::new(Vec::with_capacity(64));
    ikm.extend_from_slice(recovery);
    ikm.extend_from_slice(salt);
    Zeroizing::new(derive(&ikm, b"dossier recovery key v1"))
}

fn wrap(
    key: &CatalogueKey,
    kek: &[u8; 32],
    catalogue_id: &str,
    (kind, label): (&str, &str),
    salt: &[u8],
    kdf: Option<KdfParams>,
) -> Result<WrappedKey, SealError> {
    let mut nonce = [0u8; NONCE_LEN];
    random_bytes(&mut nonce)?;
    let aad = aad(catalogue_id, kind, label);
    let sealed = XChaCha20Poly1305::new(&(*kek).into())
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: key.as_bytes(),
                aad: &aad,
            },
        )
        .map_err(|_| SealError::Tampered)?;
    Ok(WrappedKey {
        kind: kind.to_string(),
        label: label.to_string(),
        kdf,
        salt: B64.encode(salt),
        nonce: B64.encode(nonce),
        sealed: B64.encode(sealed),
    })
}

fn unwrap(w: &WrappedKey, kek: &[u8; 32], catalogue_id: &str) -> Option<CatalogueKey> {
    let nonce: [u8; NONCE_LEN] = B64.decode(&w.nonce).ok()?.try_into().ok()?;
    let sealed = B64.decode(&w.sealed).ok()?;
    let aad = aad(catalogue_id, &w.kind, &w.label);
    let plain = Zeroizing::new(
        XChaCha20Poly1305::new(&(*kek).into())
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &sealed,
                    aad: &aad,
                },
            )
            .ok()?,
    );
    let bytes: [u8; 32] = plain.as_slice().try_into().ok()?;
    Some(CatalogueKey::from_bytes(bytes))
}

/// The catalogue key wrapped by `passphrase` for the person `label`.
pub fn wrap_with_passphrase(
    key: &CatalogueKey,
    catalogue_id: &str,
    label: &str,
    passphrase: &str,
    params: KdfParams,
) -> Result<WrappedKey, SealError> {
    let mut salt = [0u8; 16];
    random_bytes(&mut salt)?;
    let kek = passphrase_kek(passphrase, &salt, params)?;
    wrap(
        key,
        &kek,
        catalogue_id,
        (PASSPHRASE, label),
        &salt,
        Some(params),
    )
}

/// The recovery key: 32 random bytes, shown once as words of four letters and digits.
pub struct RecoveryKey(Zeroizing<[u8; 32]>);

impl RecoveryKey {
    /// A new random recovery key.
    pub fn generate() -> Result<RecoveryKey, SealError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random_bytes(bytes.as_mut())?;
        Ok(RecoveryKey(bytes))
    }

    /// The key as a person copies it: Crockford base32 (no I, L, O or U), in groups of
    /// four, e.g. `7Q2M-...`: 52 characters, 13 groups.
    pub fn to_words(&self) -> String {
        let mut bits = 0u32;
        let mut nbits = 0;
        let mut chars = String::new();
        for b in self.0.iter() {
            bits = (bits << 8) | u32::from(*b);
            nbits += 8;
            while nbits >= 5 {
                nbits -= 5;
                chars.push(CROCKFORD[((bits >> nbits) & 31) as usize] as char);
            }
        }
        if nbits > 0 {
            chars.push(CROCKFORD[((bits << (5 - nbits)) & 31) as usize] as char);
        }
        let groups: Vec<String> = chars
            .as_bytes()
            .chunks(4)
            .map(|g| String::from_utf8_lossy(g).into_owned())
            .collect();
        groups.join("-")
    }

    /// The key from what a person typed: case, spaces and dashes do not matter, and O, I
    /// and L are read as 0, 1 and 1.
    pub fn from_words(text: &str) -> Option<RecoveryKey> {
        let mut bits = 0u32;
        let mut nbits = 0;
        let mut out = Zeroizing::new(Vec::with_capacity(33));
        for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            let v = CROCKFORD.iter().position(|&x| x as char == c)? as u32;
            bits = (bits << 5) | v;
            nbits += 5;
            if nbits >= 8 {
                nbits -= 8;
                out.push((bits >> nbits) as u8);
            }
        }
        let bytes: [u8; 32] = out.as_slice().try_into().ok()?;
        Some(RecoveryKey(Zeroizing::new(bytes)))
    }
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The catalogue key wrapped by the recovery key.
pub fn wrap_with_recovery(
    key: &CatalogueKey,
    catalogue_id: &str,
    recovery: &RecoveryKey,
) -> Result<WrappedKey, SealError> {
    let mut salt = [0u8; 16];
    random_bytes(&mut salt)?;
    let kek = recovery_kek(&recovery.0, &salt);
    wrap(key, &kek, catalogue_id, (RECOVERY, RECOVERY), &salt, None)
}

/// The catalogue key, from the first passphrase wrap that `passphrase` opens (each
/// tried costs one Argon2id run). `None` says only that it is not the passphrase: never
/// which part was wrong, nor whose it might be.
pub fn unwrap_with_passphrase(
    wraps: &[WrappedKey],
    catalogue_id: &str,
    passphrase: &str,
) -> Option<CatalogueKey> {
    wraps.iter().filter(|w| w.kind == PASSPHRASE).find_map(|w| {
        let salt = B64.decode(&w.salt).ok()?;
        let kek = passphrase_kek(passphrase, &salt, w.kdf?).ok()?;
        unwrap(w, &kek, catalogue_id)
    })
}

/// The catalogue key from the recovery key.
pub fn unwrap_with_recovery(
    wraps: &[WrappedKey],
    catalogue_id: &str,
    recovery: &RecoveryKey,
) -> Option<CatalogueKey> {
    wraps.iter().filter(|w| w.kind == RECOVERY).find_map(|w| {
        let salt = B64.decode(&w.salt).ok()?;
        unwrap(w, &recovery_kek(&recovery.0, &salt), catalogue_id)
    })
}

/// What a person gives to open an encrypted catalogue.
pub enum Secret {
    /// Their passphrase.
    Passphrase(Zeroizing<String>),
    /// The printed recovery key, as typed.
    Recovery(Zeroizing<String>),
    /// The catalogue key itself, already unwrapped (opening again what is open).
    Key(CatalogueKey),
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Secret::Passphrase(_) => "Secret::Passphrase(..)",
            Secret::Recovery(_) => "Secret::Recovery(..)",
            Secret::Key(_) => "Secret::Key(..)",
        })
    }
}

impl Secret {
    /// A passphrase.
    pub fn passphrase(text: impl Into<String>) -> Secret {
        Secret::Passphrase(Zeroizing::new(text.into()))
    }

    /// The catalogue key that this secret opens among `wraps`, if it opens one.
    pub fn unwrap_key(&self, wraps: &[WrappedKey], catalogue_id: &str) -> Option<CatalogueKey> {
        match self {
            Secret::Passphrase(p) => unwrap_with_passphrase(wraps, catalogue_id, p),
            Secret::Recovery(words) => {
                unwrap_with_recovery(wraps, catalogue_id, &RecoveryKey::from_words(words)?)
            }
            Secret::Key(key) => Some(key.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_opens_the_key_and_a_wrong_one_says_nothing_more() {
        let key = CatalogueKey::generate().unwrap();
        let anna =
            wrap_with_passphrase(&key, "cat-1", "Anna", "correct horse", KdfParams::FOR_TESTS)
                .unwrap();
        let gagik = wrap_with_passphrase(
            &key,
            "cat-1",
            "Gagik",
            "Գագիկի գաղտնաբառ",
            KdfParams::FOR_TESTS,
        )
        .unwrap();
        let wraps = vec![anna.clone(), gagik];
        let opened = unwrap_with_passphrase(&wraps, "cat-1", "Գագիկի գաղտնաբառ").unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        assert!(unwrap_with_passphrase(&wraps, "cat-1", "correct horse").is_some());
        assert!(unwrap_with_passphrase(&wraps, "cat-1", "correct hors").is_none());
        // Another catalogue's id, or a relabelled wrap: refused.
        assert!(unwrap_with_passphrase(&wraps, "cat-2", "correct horse").is_none());
        let mut relabelled = anna;
        relabelled.label = "Gagik".into();
        assert!(unwrap_with_passphrase(&[relabelled], "cat-1", "correct horse").is_none());
        // The wrap holds no plain key bytes and survives JSON.
        let json = serde_json::to_string(&wraps).unwrap();
        let back: Vec<WrappedKey> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, wraps);
        assert!(!json.contains(&B64.encode(key.as_bytes())));
    }

    #[test]
    fn the_recovery_key_is_words_a_person_can_copy_and_it_opens_the_key() {
        let key = CatalogueKey::generate().unwrap();
        let recovery = RecoveryKey::generate().unwrap();
        let words = recovery.to_words();
        assert_eq!(words.len(), 52 + 12, "{words}");
        let wraps = vec![wrap_with_recovery(&key, "cat-1", &recovery).unwrap()];
        // Typed back in lower case with spaces instead of dashes, O for 0 and l for 1.
        let typed = words
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        let back = RecoveryKey::from_words(&typed).expect("read back");
        let opened = unwrap_with_recovery(&wraps, "cat-1", &back).unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        // One character wrong: not a key that opens it.
        let mut wrong = words.clone().into_bytes();
        wrong[0] = if wrong[0] == b'A' { b'B' } else { b'A' };
        let wrong = RecoveryKey::from_words(std::str::from_utf8(&wrong).unwrap()).unwrap();
        assert!(unwrap_with_recovery(&wraps, "cat-1", &wrong).is_none());
        assert!(RecoveryKey::from_words("not a key").is_none());
        // A passphrase never opens a recovery wrap.
        assert!(unwrap_with_passphrase(&wraps, "cat-1", &words).is_none());
    }
}
