//! What a package will hold, taken from the catalogue at once (`prepare`) so that the
//! writing can run on another thread: the records as the package holds them, the files
//! (each original, or a copy to be stripped of its embedded metadata), who it is from, the
//! chain head, and the disclosure entries to log when it is complete.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::error::ShareError;
use super::manifest::ManifestRecipient;
use super::plan::{IncludedRecord, SharePlan};
use super::record::{PackageRecord, attachment_path};
use crate::audit::{Action, AuditDraft, AuditLog, ChainHead};
use crate::durable::vault::{Source, Vault};
use crate::model::{Label, Record, Sha256};
use crate::store::{Catalogue, RECORDS_DIR};

/// One original that goes into a package.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageFile {
    /// Where the original is in the catalogue.
    pub source: PathBuf,
    /// SHA-256 of the bytes that go into the package.
    pub sha256: Sha256,
    /// Their size.
    pub size: u64,
    /// Where it goes in the package.
    pub path: String,
    /// The file's type, to strip embedded metadata by format.
    pub media_type: String,
    /// It goes as a copy without its embedded metadata.
    pub strip: bool,
    /// For a redacted copy: the SHA-256 of its original (named in the manifest; the
    /// original's bytes never go).
    pub derived_from: Option<Sha256>,
    /// How the catalogue's originals are read (opened from their sealed chunks when it is
    /// encrypted).
    pub vault: Vault,
}

impl PackageFile {
    /// The original, to read its plain bytes.
    pub fn original(&self) -> Source<'_> {
        Source::stored(&self.vault, &self.source)
    }
}

/// Everything needed to write a package, taken from the catalogue at once so the writing
/// can run on another thread.
#[derive(Debug, Clone)]
pub struct PackageJob {
    /// The new package's id.
    pub package_id: String,
    /// Who it is for.
    pub recipient: ManifestRecipient,
    /// The sending catalogue's id.
    pub catalogue_id: String,
    /// Who writes it (logged).
    pub actor: String,
    /// Who the package says it comes from: the office's name, or the actor's when the
    /// recipient is set to be told who made it.
    pub sender: String,
    /// The catalogue's audit chain head when the package was prepared: the manifest and
    /// the report carry it, and the disclosure entries keep it.
    pub chain_head: ChainHead,
    /// The records as they go.
    pub records: Vec<PackageRecord>,
    /// The files that go.
    pub files: Vec<PackageFile>,
    /// Where thumbnails for the package's pages are kept.
    pub cache_dir: PathBuf,
    /// The most restricted label among what goes.
    pub highest_label: Option<Label>,
    /// Each record file that goes in, with the SHA-256 it had when the package was
    /// planned: checked again as the package is written, so that a file changed on disk
    /// since (outside Dossier) stops the package instead of going out unreviewed.
    pub(super) record_files: Vec<(PathBuf, Sha256)>,
    /// The "disclosed" entries, one per record, appended when the package is complete
    /// (naming the bytes that actually went).
    pub(super) disclosures: Vec<AuditDraft>,
    pub(super) log: AuditLog,
    /// How the catalogue's record files are read.
    pub(super) vault: Vault,
    /// Encrypt the package for its recipient under this passphrase (a zip only).
    pub protect: Option<super::protect::PackagePassphrase>,
}

impl PackageJob {
    /// What signs the chain head in the manifest (an encrypted catalogue's log key).
    pub fn signer(&self) -> Option<&crate::durable::signing::LogSigner> {
        self.vault.signer()
    }

    /// Bytes of all the files, for progress.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// What the records of one package share: its id, whom it is for and from, the head.
struct Context<'a> {
    cat: &'a Catalogue,
    plan: &'a SharePlan,
    package_id: String,
    sender: String,
    chain_head: ChainHead,
    actor: &'a str,
}

/// Takes what a package needs from the catalogue. Refuses when the recipient may receive
/// nothing, and when the catalogue is read-only: a disclosure must be logged.
pub fn prepare(cat: &Catalogue, plan: &SharePlan, actor: &str) -> Result<PackageJob, ShareError> {
    if let Some(why) = super::plan::recipient_refusal(cat, &plan.recipient) {
        return Err(ShareError::RecipientRefused(why));
    }
    cat.ensure_writable()?;
    let ctx = Context {
        cat,
        plan,
        package_id: uuid::Uuid::now_v7().hyphenated().to_string(),
        sender: if plan.recipient.name_sender {
            actor.to_string()
        } else {
            cat.office_name().to_string()
        },
        chain_head: cat.audit().head(),
        actor,
    };
    let included = plan.included_ids();
    let titles: HashMap<_, _> = plan
        .included
        .iter()
        .map(|r| (r.id, r.title.clone()))
        .collect();
    let mut records = Vec::new();
    let mut files: BTreeMap<String, PackageFile> = BTreeMap::new();
    let mut disclosures = Vec::new();
    let mut record_files = Vec::new();
    for inc in &plan.included {
        let (Some(record), Some(sha)) = (cat.get(&inc.id), cat.file_hash(&inc.id)) else {
            continue;
        };
        let path = cat
            .root()
            .join(RECORDS_DIR)
            .join(format!("{}.json", record.id));
        record_files.push((path, sha.clone()));
        let pr = PackageRecord::from_record(record, &inc.attachments, &included, &titles);
        add_files(&ctx, record, inc, &mut files);
        disclosures.push(disclosure(&ctx, record, &pr));
        records.push(pr);
    }
    Ok(PackageJob {
        recipient: ManifestRecipient {
            name: plan.recipient.name.clone(),
            kind: plan.recipient.kind,
            max_label: plan.recipient.max_label,
        },
        catalogue_id: cat.meta().id.hyphenated().to_string(),
        actor: actor.to_string(),
        highest_label: plan.highest_label(cat),
        records,
        files: files.into_values().collect(),
        cache_dir: cat.cache_dir(),
        record_files,
        disclosures,
        log: cat.audit().clone(),
        vault: cat.vault().clone(),
        protect: None,
        package_id: ctx.package_id,
        sender: ctx.sender,
        chain_head: ctx.chain_head,
    })
}

/// The files of `record` that go in, each once per package path.
fn add_files(
    ctx: &Context<'_>,
    record: &Record,
    inc: &IncludedRecord,
    files: &mut BTreeMap<String, PackageFile>,
) {
    let blobs = ctx.cat.blobs();
    for &i in &inc.attachments {
        let Some(a) = record.attachments.get(i) else {
            continue;
        };
        let strip = inc.metadata.iter().any(|m| m.attachment == i && m.stripped);
        files
            .entry(attachment_path(a))
            .or_insert_with(|| PackageFile {
                source: blobs.path_of(&a.sha256),
                sha256: a.sha256.clone(),
                size: a.size,
                path: attachment_path(a),
                media_type: a.media_type.clone(),
                strip,
                derived_from: a.derived_from.clone(),
                vault: ctx.cat.vault().clone(),
            });
    }
}

/// The "disclosed" entry of one record: to whom, in which package, from whom, with which
/// files, the chain head given out, and the reviewer's choice about embedded metadata.
fn disclosure(ctx: &Context<'_>, record: &Record, pr: &PackageRecord) -> AuditDraft {
    let plan = ctx.plan;
    let mut note = format!(
        "disclosed to {} in package {}",
        plan.recipient.name, ctx.package_id
    );
    if plan.metadata_choice_deliberate {
        note.push_str(if plan.strip_metadata {
            "; embedded metadata removed, by the reviewer's choice"
        } else {
            "; embedded metadata kept, deliberately, by the reviewer's choice"
        });
    }
    let files: Vec<String> = pr
        .attachments
        .iter()
        .map(|a| a.sha256.to_string())
        .collect();
    AuditDraft::new(ctx.actor, Action::Disclosed)
        .record(record.id, ctx.cat.file_hash(&record.id).cloned())
        .note(note)
        .detail(
            "metadata",
            if plan.strip_metadata {
                "removed"
            } else {
                "kept"
            },
        )
        .detail("recipient", plan.recipient.name.clone())
        .detail("package", ctx.package_id.clone())
        .detail("chain_head", ctx.chain_head.to_string())
        .detail("sent_as", ctx.sender.clone())
        .detail("attachments", files)
}

/// Every record file that goes in must still be what the plan saw: a file changed on disk
/// since (by a sync tool, a person, a script) has not been reviewed in that form.
pub(super) fn check_record_files(job: &PackageJob) -> Result<(), ShareError> {
    for (path, expected) in &job.record_files {
        let bytes = job
            .vault
            .read(path)
            .map_err(|e| ShareError::io("read", path, e))?;
        let found = crate::durable::hash_bytes(&bytes);
        if found != *expected {
            return Err(ShareError::RecordChangedOnDisk {
                path: path.clone(),
                expected: Box::new(expected.clone()),
                found: Box::new(found),
            });
        }
    }
    Ok(())
}
