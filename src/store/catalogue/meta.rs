//! `dossier.json`: what the catalogue is (format, id, title, the office packages are sent
//! in the name of) and, for a catalogue made from a received package, where it came from.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::*;
use crate::audit::{Action, AuditDraft};
use crate::model::Extra;
use crate::store::StoreError;

/// The contents of `dossier.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueMeta {
    /// Always `dossier-catalogue`.
    pub format: String,
    /// The format version the catalogue was written in.
    pub version: u32,
    /// The catalogue's own id (packages name it).
    pub id: Uuid,
    /// The catalogue's title.
    pub title: String,
    /// When it was made.
    pub created: Timestamp,
    /// Who created the catalogue.
    #[serde(default)]
    pub created_by: String,
    /// The office packages are sent in the name of (empty: the title).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub office: String,
    /// Set when the catalogue was made from a share package received from another office:
    /// it then opens read-only, as the sender's record of what was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
    /// "Two people for every approval": the person who submitted a record may not approve
    /// it. On unless a single-person office turned it off (logged).
    #[serde(default = "yes")]
    pub two_people_approve: bool,
    /// The key that signs the log (base64), in an encrypted catalogue's sealed details only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_signing_key: Option<String>,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

fn yes() -> bool {
    true
}

/// Where a received catalogue came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// The package it was made from.
    pub package_id: String,
    /// The sending catalogue's id.
    pub catalogue_id: String,
    /// Whom the package was made for.
    pub recipient: String,
    /// Who made the package, as the package says.
    pub sent_by: String,
    /// When the package was written.
    pub sent_at: Timestamp,
    /// When it was received here.
    pub received_at: Timestamp,
    /// Who received it.
    pub received_by: String,
    /// The sender's audit chain head when the package was made, as its manifest gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_head: Option<crate::audit::ChainHead>,
    /// Fields this version does not know, kept and written back as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Catalogue {
    /// The catalogue's details as stored in `dossier.json`.
    pub fn meta(&self) -> &CatalogueMeta {
        &self.meta
    }

    /// The catalogue's title.
    pub fn title(&self) -> &str {
        &self.meta.title
    }

    /// The name packages go out under when they do not name the person who made them: the
    /// office's, or the catalogue's title when no office is set.
    pub fn office_name(&self) -> &str {
        if self.meta.office.trim().is_empty() {
            &self.meta.title
        } else {
            &self.meta.office
        }
    }

    /// Changes the catalogue's title and the office it sends packages in the name of
    /// (`None` leaves one as it is), logged.
    pub fn set_details(
        &mut self,
        title: Option<&str>,
        office: Option<&str>,
        actor: &str,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let mut meta = self.meta.clone();
        let mut changes = Vec::new();
        if let Some(t) = title.map(str::trim) {
            if t.is_empty() {
                return Err(StoreError::NoTitle);
            }
            if t != meta.title {
                changes.push(format!("title '{}' -> '{t}'", meta.title));
                meta.title = t.to_string();
            }
        }
        if let Some(o) = office.map(str::trim)
            && o != meta.office
        {
            changes.push(format!("office '{}' -> '{o}'", meta.office));
            meta.office = o.to_string();
        }
        self.write_meta(meta, changes, actor)
    }

    /// Turns "two people for every approval" on or off, logged.
    pub fn set_two_people_approve(&mut self, on: bool, actor: &str) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let mut meta = self.meta.clone();
        let mut changes = Vec::new();
        if meta.two_people_approve != on {
            let word = |on| if on { "on" } else { "off" };
            changes.push(format!(
                "two people for every approval: {} -> {}",
                word(meta.two_people_approve),
                word(on)
            ));
            meta.two_people_approve = on;
        }
        self.write_meta(meta, changes, actor)
    }

    /// Logs `changes` and writes `meta` as dossier.json (nothing when no change).
    fn write_meta(
        &mut self,
        meta: CatalogueMeta,
        changes: Vec<String>,
        actor: &str,
    ) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        self.audit
            .append(&[AuditDraft::new(actor, Action::CatalogueChanged).note(changes.join("; "))])?;
        self.write_meta_file(&meta)?;
        self.meta = meta;
        Ok(())
    }

    /// Marks this catalogue as a received share package: from now on it opens read-only.
    pub fn mark_received(&mut self, received: Received, actor: &str) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let mut meta = self.meta.clone();
        meta.received = Some(received.clone());
        self.audit
            .append(&[AuditDraft::new(actor, Action::PackageReceived)
                .note(format!(
                    "package {} for '{}', made by {}",
                    received.package_id, received.recipient, received.sent_by
                ))
                .detail("package", received.package_id.clone())
                .detail("from_catalogue", received.catalogue_id.clone())])?;
        self.write_meta_file(&meta)?;
        self.meta = meta;
        Ok(())
    }
}

pub(super) fn meta_json(meta: &CatalogueMeta) -> Vec<u8> {
    #[allow(clippy::expect_used)] // plain structs with string keys: serialising cannot fail
    let mut bytes = serde_json::to_vec_pretty(meta).expect("metadata always serialises");
    bytes.push(b'\n');
    bytes
}
