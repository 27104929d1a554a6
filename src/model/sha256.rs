//! `Sha256`: a SHA-256 digest as 64 lower-case hexadecimal digits, checked once when it is
//! read (from a record file, the audit log, a package, a file name) and trusted after.
//!
//! Every hash that reaches a path, a comparison or a package is this type: a string that
//! is not a digest (`../../x`, `/etc/hostname`, a hand-shortened hash) can never become
//! one. It serialises as the same plain string the files have always held.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A SHA-256 digest, as 64 lower-case hex digits, held inline: no allocation of its own
/// (a catalogue holds a few for every record and every log entry: at 100,000 records,
/// a heap string each cost about 20 MiB more).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sha256([u8; 64]);

/// Each byte's two lower-case hex digits.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut pairs = [[0u8; 2]; 256];
    let mut b = 0;
    while b < 256 {
        pairs[b] = [DIGITS[b >> 4], DIGITS[b & 0xf]];
        b += 1;
    }
    pairs
};

/// Why a text is not a SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{shown}' is not a SHA-256 (64 lower-case hexadecimal digits)")]
pub struct NotASha256 {
    /// The text, shortened and with control characters escaped, for messages.
    pub shown: String,
}

impl Sha256 {
    /// Checks that `text` is 64 lower-case hex digits.
    pub fn parse(text: &str) -> Result<Sha256, NotASha256> {
        if is_sha256_text(text) {
            let mut digits = [0u8; 64];
            digits.copy_from_slice(text.as_bytes());
            Ok(Sha256(digits))
        } else {
            let shown: String = text.chars().take(80).collect();
            Err(NotASha256 {
                shown: shown.escape_debug().to_string(),
            })
        }
    }

    /// A digest's 32 bytes, as hex (two digits a byte from one table: a snapshot's
    /// reader makes two million of these at a million records).
    pub fn from_digest(bytes: &[u8; 32]) -> Sha256 {
        let mut out = [0u8; 64];
        for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
            pair.copy_from_slice(&HEX_PAIRS[*b as usize]);
        }
        Sha256(out)
    }

    /// The digest's 32 bytes (the hex digits read back).
    pub fn digest(&self) -> [u8; 32] {
        let value = |c: u8| match c {
            b'0'..=b'9' => c - b'0',
            _ => c.wrapping_sub(b'a').wrapping_add(10) & 0xf,
        };
        let mut out = [0u8; 32];
        for (o, pair) in out.iter_mut().zip(self.0.chunks_exact(2)) {
            *o = (value(pair[0]) << 4) | value(pair[1]);
        }
        out
    }

    /// The 64 hex digits.
    pub fn as_str(&self) -> &str {
        // Only ever hex digits (`parse` and `from_digest` are the only ways in).
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The first `n` digits, for display.
    pub fn short(&self, n: usize) -> &str {
        let all = self.as_str();
        all.get(..n).unwrap_or(all)
    }
}

/// True for exactly 64 lower-case hex digits (a file name in `attachments/`, say).
pub fn is_sha256_text(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl fmt::Display for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256({})", self.as_str())
    }
}

impl FromStr for Sha256 {
    type Err = NotASha256;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sha256::parse(s)
    }
}

impl AsRef<str> for Sha256 {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Sha256 {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for Sha256 {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sha256 {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Sha256 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Sha256 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Sha256::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sixty_four_lower_case_hex_digits_are_a_sha256() {
        let good = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(Sha256::parse(good).unwrap().as_str(), good);
        for bad in [
            "../../x",
            "/etc/hostname",
            "",
            &good[..63],
            &good.to_uppercase(),
            &format!("{good}0"),
            &format!("{}/", &good[..63]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a\u{1b}",
        ] {
            assert!(Sha256::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn it_reads_and_writes_as_a_plain_string_and_refuses_a_path() {
        let good = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let sha: Sha256 = serde_json::from_str(&format!("\"{good}\"")).unwrap();
        assert_eq!(serde_json::to_string(&sha).unwrap(), format!("\"{good}\""));
        let err = serde_json::from_str::<Sha256>("\"../../etc/passwd\"").unwrap_err();
        assert!(err.to_string().contains("not a SHA-256"), "{err}");
    }

    #[test]
    fn a_digest_is_written_as_lower_case_hex() {
        let mut bytes = [0u8; 32];
        bytes[0] = 0xab;
        bytes[31] = 0x01;
        let sha = Sha256::from_digest(&bytes);
        assert!(sha.as_str().starts_with("ab00") && sha.as_str().ends_with("0001"));
        assert_eq!(Sha256::parse(sha.as_str()).unwrap(), sha);
        // Every byte value, against the formatter's digits, and back.
        let all: Vec<u8> = (0..=255).collect();
        for chunk in all.chunks(32) {
            let bytes: [u8; 32] = chunk.try_into().unwrap();
            let hex: String = chunk.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(Sha256::from_digest(&bytes).as_str(), hex);
            assert_eq!(Sha256::from_digest(&bytes).digest(), bytes);
        }
    }
}
