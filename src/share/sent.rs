//! What actually went into a package: stripped copies (files without their embedded
//! metadata) in place of their originals, in `records.json` and in the disclosure entries.

use std::collections::HashMap;

use super::job::PackageJob;
use super::record::PackageRecord;
use crate::audit::AuditDraft;
use crate::model::Sha256;

/// A copy sent instead of an original: its bytes without the embedded metadata.
#[derive(Debug, Clone)]
pub(super) struct SentCopy {
    pub sha256: Sha256,
    pub size: u64,
    pub path: String,
    pub removed: Vec<String>,
}

/// The disclosure entries, naming the bytes that went: a stripped copy's hash, with the
/// original it was made from.
pub(super) fn disclosures(job: &PackageJob, sent: &HashMap<Sha256, SentCopy>) -> Vec<AuditDraft> {
    job.disclosures
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if let Some(serde_json::Value::Array(list)) = d.details.get("attachments").cloned() {
                let mut went = Vec::new();
                let mut copies = serde_json::Map::new();
                for v in list {
                    let Some(original) = v.as_str().and_then(|s| s.parse::<Sha256>().ok()) else {
                        continue;
                    };
                    match sent.get(&original) {
                        Some(copy) => {
                            went.push(serde_json::json!(copy.sha256));
                            copies.insert(copy.sha256.to_string(), serde_json::json!(original));
                        }
                        None => went.push(serde_json::json!(original)),
                    }
                }
                d.details
                    .insert("attachments".into(), serde_json::Value::Array(went));
                if !copies.is_empty() {
                    d.details
                        .insert("stripped_from".into(), serde_json::Value::Object(copies));
                }
            }
            d
        })
        .collect()
}

/// The package's records with each stripped copy in place of its original: its hash,
/// size and path, the original as `derived_from`, and none of the original's embedded
/// metadata (position, camera, capture time).
pub(super) fn records_as_sent(
    job: &PackageJob,
    sent: &HashMap<Sha256, SentCopy>,
) -> Vec<PackageRecord> {
    let mut records = job.records.clone();
    for r in &mut records {
        for a in &mut r.attachments {
            let Some(copy) = sent.get(&a.sha256) else {
                continue;
            };
            a.derived_from = Some(a.sha256.clone());
            a.sha256 = copy.sha256.clone();
            a.size = copy.size;
            a.path = copy.path.clone();
            a.removed_metadata = copy.removed.clone();
            a.metadata.captured_at = None;
            a.metadata.camera = None;
            a.metadata.gps = None;
        }
    }
    records
}
