//! The catalogue's signature on its log: an Ed25519 key made with the encrypted catalogue
//! and kept inside its sealed details (so only whoever opens the catalogue can sign).
//! Every entry appended to an encrypted catalogue's log is signed over its hash, and the
//! chain head a package carries is signed too: a history rewritten without the key no
//! longer verifies. The public half travels with packages, for recipients to check.
//! RustCrypto-family `ed25519-dalek`; nothing hand-made.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

use super::seal::{SealError, random_bytes};

/// The key that signs a catalogue's log (wiped from memory when dropped).
pub struct LogSigner {
    key: SigningKey,
}

impl std::fmt::Debug for LogSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LogSigner({})", self.public())
    }
}

impl LogSigner {
    /// A new random signing key.
    pub fn generate() -> Result<LogSigner, SealError> {
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        random_bytes(seed.as_mut())?;
        Ok(LogSigner {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// The key from its stored form (base64 of its 32-byte seed).
    pub fn from_stored(text: &str) -> Option<LogSigner> {
        let bytes = zeroize::Zeroizing::new(B64.decode(text).ok()?);
        let seed: [u8; 32] = bytes.as_slice().try_into().ok()?;
        Some(LogSigner {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// The stored form, for the sealed details only.
    pub fn to_stored(&self) -> String {
        B64.encode(self.key.to_bytes())
    }

    /// The public half, in base64: what a recipient checks signatures with.
    pub fn public(&self) -> String {
        B64.encode(self.key.verifying_key().to_bytes())
    }

    /// The signature of `message`, in base64.
    pub fn sign(&self, message: &[u8]) -> String {
        B64.encode(self.key.sign(message).to_bytes())
    }
}

/// Whether `signature` (base64) is `public`'s (base64) signature of `message`.
pub fn verify_signature(public: &str, message: &[u8], signature: &str) -> bool {
    let Some(key) = B64
        .decode(public)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    let Some(sig) = B64
        .decode(signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
    else {
        return false;
    };
    key.verify(message, &Signature::from_bytes(&sig)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() {
        let signer = LogSigner::generate().unwrap();
        let again = LogSigner::from_stored(&signer.to_stored()).unwrap();
        assert_eq!(again.public(), signer.public());
        let sig = signer.sign(b"12:abcdef");
        assert!(verify_signature(&signer.public(), b"12:abcdef", &sig));
        assert!(!verify_signature(&signer.public(), b"12:abcdeg", &sig));
        let other = LogSigner::generate().unwrap();
        assert!(!verify_signature(&other.public(), b"12:abcdef", &sig));
        assert!(!verify_signature("not base64", b"12:abcdef", &sig));
        assert!(LogSigner::from_stored("short").is_none());
    }
}
