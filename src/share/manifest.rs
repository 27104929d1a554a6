//! `manifest.json`: what a package is, for whom, and every file in it with its SHA-256.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::audit::ChainHead;
use crate::model::{Label, RecipientKind, Sha256};

/// The manifest's name in a package.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The records' file in a package.
pub const RECORDS_FILE: &str = "records.json";
/// The persons list in a package (for a spreadsheet).
pub const PERSONS_FILE: &str = "persons.csv";
/// The page a recipient opens first.
pub const INDEX_FILE: &str = "index.html";
/// What `format` says in every Dossier package.
pub const PACKAGE_FORMAT: &str = "dossier-share-package";
/// The package format's version this Dossier writes and reads.
pub const PACKAGE_VERSION: u32 = 1;

/// A package's `manifest.json`: who it is for, what it holds and each file's hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `dossier-share-package`.
    pub format: String,
    /// The package format's version.
    pub version: u32,
    /// The package's own id, also in every disclosure entry of the sender's log.
    pub package_id: String,
    /// Who the package is for.
    pub recipient: ManifestRecipient,
    /// When it was written.
    pub created: Timestamp,
    /// Who the package comes from: the office, or (when the recipient is set to be told)
    /// the person who made it.
    pub created_by: String,
    /// The sending catalogue's id.
    pub catalogue_id: String,
    /// The most restricted label of anything in the package.
    pub highest_label: Option<Label>,
    /// How many records it holds.
    pub records: usize,
    /// Every file of the package with its SHA-256 and size.
    pub files: Vec<ManifestFile>,
    /// The sending catalogue's audit chain head when the package was made. The sender's
    /// `dossier verify --against` it later proves their log was only added to since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_head: Option<ChainHead>,
    /// From an encrypted catalogue: the public half of the key its log is signed with
    /// (base64 Ed25519)...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// ...and its signature of [`Manifest::signed_text`]: the catalogue, its chain head and
    /// this package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_head_signature: Option<String>,
}

impl Manifest {
    /// What the sending catalogue signs: its id, its chain head and the package's id.
    pub fn signed_text(&self) -> String {
        let head = self
            .chain_head
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        format!(
            "dossier package v1\n{}\n{head}\n{}",
            self.catalogue_id, self.package_id
        )
    }

    /// What is wrong with the chain head's signature, if the package carries one.
    pub fn signature_problem(&self) -> Option<String> {
        match (&self.signer, &self.chain_head_signature) {
            (None, None) => None,
            (Some(public), Some(sig)) => {
                let ok = crate::durable::signing::verify_signature(
                    public,
                    self.signed_text().as_bytes(),
                    sig,
                );
                (!ok).then(|| {
                    "manifest.json: the chain head's signature does not match the sending catalogue's key (the manifest was changed after it was signed)".to_string()
                })
            }
            _ => Some(
                "manifest.json: a signer without a signature, or a signature without a signer"
                    .into(),
            ),
        }
    }

    /// Parses a package's manifest.json; the error says what is wrong, for a person.
    pub fn from_json(bytes: &[u8]) -> Result<Manifest, String> {
        let manifest: Manifest = serde_json::from_slice(bytes)
            .map_err(|e| format!("its manifest.json cannot be read ({e})"))?;
        if manifest.format != PACKAGE_FORMAT {
            return Err(format!(
                "its manifest says format '{}'",
                manifest.format.escape_debug()
            ));
        }
        if manifest.version != PACKAGE_VERSION {
            return Err(format!(
                "its manifest says package format version {}, and this Dossier reads version {PACKAGE_VERSION} only{}",
                manifest.version,
                if manifest.version > PACKAGE_VERSION {
                    ": it was made by a newer Dossier. Update Dossier to read it"
                } else {
                    ""
                }
            ));
        }
        Ok(manifest)
    }
}

/// The recipient as named in a manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestRecipient {
    /// The recipient's name.
    pub name: String,
    /// What kind of recipient it is.
    pub kind: RecipientKind,
    /// The most restricted label the recipient may receive.
    pub max_label: Label,
}

/// One file in a package, with its size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// The path inside the package, with `/` between folders.
    pub path: String,
    /// SHA-256 of its bytes.
    pub sha256: Sha256,
    /// Size in bytes.
    pub size: u64,
    /// For a copy made without embedded metadata: the SHA-256 of the original it was made
    /// from (which stays in the sender's catalogue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<Sha256>,
    /// What such a copy leaves out, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

/// True for a relative path of plain names: no `..`, no root, no drive, no backslash.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_safe() {
        assert!(is_safe_relative("attachments/ab/photo 1.jpg"));
        assert!(is_safe_relative("records.json"));
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:/x",
            "a\\..\\x",
            "",
            "a//b",
            "./a",
        ] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }
}
