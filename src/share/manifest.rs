//! `manifest.json`: what a package is, for whom, and every file in it with its SHA-256.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::audit::ChainHead;
use crate::model::{Label, RecipientKind, Sha256};

pub const MANIFEST_FILE: &str = "manifest.json";
pub const RECORDS_FILE: &str = "records.json";
pub const PERSONS_FILE: &str = "persons.csv";
pub const INDEX_FILE: &str = "index.html";
pub const PACKAGE_FORMAT: &str = "dossier-share-package";
pub const PACKAGE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub package_id: String,
    pub recipient: ManifestRecipient,
    pub created: Timestamp,
    /// Who the package comes from: the office, or (when the recipient is set to be told)
    /// the person who made it.
    pub created_by: String,
    pub catalogue_id: String,
    /// The most restricted label of anything in the package.
    pub highest_label: Option<Label>,
    pub records: usize,
    pub files: Vec<ManifestFile>,
    /// The sending catalogue's audit chain head when the package was made. The sender's
    /// `dossier verify --against` it later proves their log was only added to since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_head: Option<ChainHead>,
}

impl Manifest {
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestRecipient {
    pub name: String,
    pub kind: RecipientKind,
    pub max_label: Label,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// The path inside the package, with `/` between folders.
    pub path: String,
    pub sha256: Sha256,
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
