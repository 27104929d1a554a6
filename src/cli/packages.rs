//! The commands on packages: share (plan, dry run, write), share-verify and receive.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use serde_json::json;

use super::args_share::ShareArgs;
use super::{CliError, open_for_reading, open_for_writing};
use crate::model::{Recipient, RecordId};
use crate::search::{Filter, SearchIndex};
use crate::share;
use crate::store::Catalogue;
use crate::text::one_line;

/// `dossier share`: the plan for one recipient (a dry run prints it, as text or JSON),
/// then the package, with every disclosure logged.
pub fn share(args: &ShareArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = if args.dry_run {
        open_for_reading(&args.path)?
    } else {
        open_for_writing(&args.path, actor)?
    };
    let recipient = cat
        .recipient(&args.recipient)
        .cloned()
        .ok_or_else(|| share::ShareError::UnknownRecipient(args.recipient.clone()))?;
    if let Some(why) = share::recipient_refusal(&cat, &recipient) {
        return Err(CliError::Refused(format!(
            "Nothing may go to {}: {why} Nothing was written.",
            recipient.name
        )));
    }
    let scope = share_scope(&cat, args)?;
    let options = share::PlanOptions {
        keep_metadata: match (args.keep_metadata, args.strip_metadata) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    let plan = share::plan_with(&cat, &recipient, scope.as_deref(), options);
    let sender = if recipient.name_sender {
        actor
    } else {
        cat.office_name()
    };
    if args.json && args.dry_run {
        return print_plan_json(&cat, &plan, &recipient, sender, out);
    }
    print_plan_summary(&plan, &recipient, sender, out)?;
    if args.dry_run {
        print_plan_details(&cat, &plan, out)?;
        writeln!(out, "Dry run: nothing was written.")?;
        return Ok(());
    }
    if plan.included.is_empty() {
        return Err(CliError::Refused(format!(
            "Nothing may go to {}: no record in scope is both approved and within {}. Nothing was written.",
            recipient.name,
            recipient.max_label.as_str()
        )));
    }
    let out_path = args.out.as_ref().ok_or_else(|| {
        CliError::Usage("say where the package goes with --out FILE (or use --dry-run)".into())
    })?;
    let mut job = share::prepare(&cat, &plan, actor)?;
    let made = protection(args, &mut job)?;
    // The report speaks the chosen language; what this command prints stays English.
    crate::i18n::set_language(args.report_language);
    let written = share::write_package(&job, out_path, &|_, _| {}, &AtomicBool::new(false));
    crate::i18n::set_language(crate::i18n::Language::English);
    let summary = written?;
    print_written(&summary, &job, &recipient.name, made, out)
}

/// Whether the package goes encrypted, and under which passphrase: made by Dossier (given
/// back to be printed) or read from a file.
fn protection(
    args: &ShareArgs,
    job: &mut share::PackageJob,
) -> Result<Option<zeroize::Zeroizing<String>>, CliError> {
    Ok(match (&args.encrypt_passphrase_file, args.encrypt) {
        (Some(file), _) => {
            job.protect = Some(share::PackagePassphrase(share::read_package_passphrase(
                file,
            )?));
            None
        }
        (None, true) => {
            let passphrase = share::new_package_passphrase()?;
            job.protect = Some(share::PackagePassphrase(passphrase.clone()));
            Some(passphrase)
        }
        (None, false) => None,
    })
}

/// What `dossier share` says once the package is written.
fn print_written(
    summary: &share::PackageSummary,
    job: &share::PackageJob,
    recipient: &str,
    made: Option<zeroize::Zeroizing<String>>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(
        out,
        "Wrote package {} to {} ({} records, {} files, {}; highest label {}).",
        summary.package_id,
        summary.path.display(),
        summary.records,
        summary.files,
        crate::media::human_size(summary.bytes),
        summary.highest_label.map(|l| l.as_str()).unwrap_or("none")
    )?;
    writeln!(
        out,
        "Sent as {}; the audit chain stood at {} (in the manifest).",
        job.sender, job.chain_head
    )?;
    writeln!(
        out,
        "Each record's disclosure to {} is in the audit log.",
        recipient
    )?;
    if job.protect.is_some() {
        writeln!(
            out,
            "The package is encrypted (an AES-256 zip: 7-Zip or Dossier opens it; inside is the package as a zip)."
        )?;
    }
    if let Some(passphrase) = made {
        writeln!(
            out,
            "Its passphrase, to give {} another way (in person or by phone; never with the package):\n\n    {}\n",
            recipient,
            passphrase.as_str()
        )?;
    }
    Ok(())
}

/// The records `dossier share` was asked for (ids, a query, a kind), or `None` for every
/// record.
fn share_scope(cat: &Catalogue, args: &ShareArgs) -> Result<Option<Vec<RecordId>>, CliError> {
    if args.records.is_empty() && args.query.is_none() && args.kind.is_none() {
        return Ok(None);
    }
    let mut ids = args
        .records
        .iter()
        .map(|i| cat.resolve(i))
        .collect::<Result<Vec<_>, _>>()?;
    if args.query.is_some() || args.kind.is_some() {
        let filter = Filter {
            text: args.query.clone().unwrap_or_default(),
            kinds: args.kind.into_iter().collect(),
            ..Filter::default()
        };
        let index = SearchIndex::build(cat.records());
        let found = index.search(&filter).ids;
        if ids.is_empty() {
            ids = found;
        } else {
            ids.retain(|id| found.contains(id));
        }
    }
    Ok(Some(ids))
}

/// The name of attachment `index` of record `id`, for the plan's listing.
fn file_name(cat: &Catalogue, id: &RecordId, index: usize) -> String {
    cat.get(id)
        .and_then(|r| r.attachments.get(index))
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

/// A dry run's plan as JSON, for scripts.
fn print_plan_json(
    cat: &Catalogue,
    plan: &share::SharePlan,
    recipient: &Recipient,
    sender: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let held: Vec<_> = plan
        .held
        .iter()
        .map(|h| json!({"id": h.id, "title": h.title, "label": h.label, "reason": h.reason.to_string()}))
        .collect();
    let included: Vec<_> = plan
        .included
        .iter()
        .map(|i| {
            let metadata: Vec<_> = i
                .metadata
                .iter()
                .map(|m| {
                    json!({
                        "file": cat.get(&i.id).and_then(|r| r.attachments.get(m.attachment)).map(|a| a.name.clone()),
                        "found": m.found.iter().map(|k| k.name()).collect::<Vec<_>>(),
                        "details": m.details,
                        "stripped": m.stripped,
                        "unknown": m.unknown,
                    })
                })
                .collect();
            json!({"id": i.id, "title": i.title, "label": i.label, "attachments": i.attachments.len(), "attachments_held_back": i.held_attachments.len(), "embedded_metadata": metadata})
        })
        .collect();
    let persons = plan
        .includes_persons()
        .then(|| json!({"shared": share::PERSON_FIELDS_SHARED, "kept": share::PERSON_FIELDS_KEPT}));
    serde_json::to_writer_pretty(
        &mut *out,
        &json!({
            "recipient": recipient.name,
            "sent_as": sender,
            "included": included,
            "held_back": held,
            "person_fields": persons,
            "embedded_metadata": if plan.strip_metadata { "removed" } else { "kept" },
            "embedded_metadata_by_choice": plan.metadata_choice_deliberate,
        }),
    )
    .map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}

/// The plan in a few lines: who, how many records and files, as whom, and what happens
/// to embedded metadata and persons' details.
fn print_plan_summary(
    plan: &share::SharePlan,
    recipient: &Recipient,
    sender: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(
        out,
        "For {} ({}, up to {}):",
        recipient.name,
        recipient.kind.name(),
        recipient.max_label.as_str()
    )?;
    writeln!(
        out,
        "  included:  {} records, {} files",
        plan.included.len(),
        plan.attachment_count()
    )?;
    writeln!(
        out,
        "  held back: {} records, {} files",
        plan.held.len(),
        plan.held_attachment_count()
    )?;
    writeln!(out, "  sent as:   {}", one_line(sender))?;
    writeln!(
        out,
        "  metadata:  {}",
        match (plan.strip_metadata, plan.metadata_choice_deliberate) {
            (true, false) =>
                "embedded metadata (GPS, camera serial, capture time, names) is removed from the files, as for every public, TLP:CLEAR or TLP:GREEN recipient (--keep-metadata to send it deliberately)",
            (true, true) =>
                "embedded metadata is removed from the files, as you chose (--strip-metadata)",
            (false, false) =>
                "files go with their embedded metadata, listed below (--strip-metadata to remove it)",
            (false, true) =>
                "files go with their embedded metadata, DELIBERATELY (--keep-metadata); this is logged",
        }
    )?;
    if plan.includes_persons() {
        writeln!(
            out,
            "  persons:   {} go; {} stay",
            share::PERSON_FIELDS_SHARED.join(", "),
            share::PERSON_FIELDS_KEPT.join(", ")
        )?;
    }
    Ok(())
}

/// A dry run's listing: each record that goes (with its held-back files, private notes
/// and embedded metadata) and each one held back, with the reason.
fn print_plan_details(
    cat: &Catalogue,
    plan: &share::SharePlan,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    for i in &plan.included {
        writeln!(
            out,
            "  + {}  {}  {}",
            i.id,
            i.label.as_str(),
            one_line(&i.title)
        )?;
        for (idx, reason) in &i.held_attachments {
            let name = file_name(cat, &i.id, *idx);
            writeln!(out, "      - file {}: {reason}", one_line(&name))?;
        }
        if i.private_notes_held {
            writeln!(out, "      - private notes: never shared")?;
        }
        for m in &i.metadata {
            let name = file_name(cat, &i.id, m.attachment);
            writeln!(
                out,
                "      ~ file {}: {}",
                one_line(&name),
                one_line(&m.describe())
            )?;
        }
    }
    for h in &plan.held {
        writeln!(
            out,
            "  - {}  {}  {}: {}",
            h.id,
            h.label.as_str(),
            one_line(&h.title),
            h.reason
        )?;
    }
    Ok(())
}

/// `dossier share-verify`: a package checked against its manifest.
/// A package as it is read: the file itself, or (encrypted) its decrypted copy.
pub struct Opened(Option<share::Unprotected>);

impl Opened {
    /// The package to read: `given`, or the decrypted copy of it.
    pub fn path<'a>(&'a self, given: &'a Path) -> &'a Path {
        self.0.as_ref().map_or(given, share::Unprotected::path)
    }
}

/// Opens an encrypted package with its passphrase (from `passphrase_file` or the
/// terminal); any other package is read as it is.
pub fn opened(package: &Path, passphrase_file: Option<&Path>) -> Result<Opened, CliError> {
    if !share::is_protected(package) {
        return Ok(Opened(None));
    }
    let passphrase = match passphrase_file {
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| share::ShareError::io("read", file, e))?;
            zeroize::Zeroizing::new(text.lines().next().unwrap_or("").to_string())
        }
        None if std::io::IsTerminal::is_terminal(&std::io::stdin()) => zeroize::Zeroizing::new(
            rpassword::prompt_password("The package's passphrase: ").map_err(CliError::Output)?,
        ),
        None => {
            return Err(CliError::Usage(format!(
                "{} is encrypted. Give its passphrase in a file with --package-passphrase-file FILE or the DOSSIER_PACKAGE_PASSPHRASE_FILE environment variable, or run the command in a terminal to be asked for it.",
                package.display()
            )));
        }
    };
    Ok(Opened(Some(share::unprotect(package, &passphrase)?)))
}

pub fn share_verify(package: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let report = share::verify_package(package)?;
    if json {
        serde_json::to_writer_pretty(
            &mut *out,
            &json!({
                "package_id": report.manifest.package_id,
                "recipient": report.manifest.recipient.name,
                "created_by": report.manifest.created_by,
                "chain_head": report.manifest.chain_head.as_ref().map(|h| h.to_string()),
                "files_checked": report.files_checked,
                "bytes_checked": report.bytes_checked,
                "problems": report.problems,
            }),
        )
        .map_err(std::io::Error::other)?;
        writeln!(out)?;
    } else {
        // Every field here is the package's own word: shown on one line, inert.
        writeln!(
            out,
            "Package {} for {} (made {} by {}): {} files, {} checked.",
            one_line(&report.manifest.package_id),
            one_line(&report.manifest.recipient.name),
            report.manifest.created.strftime("%Y-%m-%d %H:%M UTC"),
            one_line(&report.manifest.created_by),
            report.files_checked,
            crate::media::human_size(report.bytes_checked)
        )?;
        if let Some(head) = &report.manifest.chain_head {
            writeln!(
                out,
                "The sender's audit chain stood at {head} when it was made: their `dossier verify --against {head}` proves their log was not rewritten since."
            )?;
        }
        if let (Some(signer), None) = (&report.manifest.signer, report.manifest.signature_problem())
        {
            writeln!(
                out,
                "The chain head is signed with the sending catalogue's key {}: keep it to check their later packages.",
                one_line(signer)
            )?;
        }
        for p in &report.problems {
            writeln!(out, "  {}", one_line(p))?;
        }
    }
    if report.is_ok() {
        if !json {
            writeln!(out, "Every file matches the manifest.")?;
        }
        Ok(())
    } else {
        Err(CliError::Found(format!(
            "{}: {} problem{} found (listed above); do not rely on this package.",
            package.display(),
            report.problems.len(),
            if report.problems.len() == 1 { "" } else { "s" }
        )))
    }
}

/// `dossier receive`: a package unpacked into a new read-only catalogue, or merged.
pub fn receive(
    package: &Path,
    into: share::ReceiveInto,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let merge = matches!(into, share::ReceiveInto::Merge(..));
    let (summary, recovery) = share::receive_into(package, into, actor)?;
    writeln!(
        out,
        "Received package {}: {} records added{}, {} files, into {}.",
        one_line(&summary.package_id),
        summary.added,
        if summary.already_present > 0 {
            format!(
                " ({} already there, left as they were)",
                summary.already_present
            )
        } else {
            String::new()
        },
        summary.attachments,
        summary.catalogue.display()
    )?;
    if summary.kept_stricter_label > 0 {
        writeln!(
            out,
            "{} of its files were already in this catalogue under a stricter label, and keep it.",
            summary.kept_stricter_label
        )?;
    }
    if !merge {
        writeln!(
            out,
            "It opens read-only, as the record of what was sent{}.",
            if recovery.is_some() {
                " (encrypted)"
            } else {
                ""
            }
        )?;
    }
    match recovery {
        Some(recovery) => super::records::print_recovery_key(&recovery, out),
        None => Ok(()),
    }
}
