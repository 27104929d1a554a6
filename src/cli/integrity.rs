//! The command line's integrity commands: verify, relink, history, log.

use std::io::Write;
use std::path::Path;

use super::args::Command;
use super::{CliError, open_as, open_for_writing};
use crate::audit::{self, AuditEntry, LogFilter};
use crate::integrity::VerifyReport;
use crate::model::RecordId;
use crate::store::{StoreError, find_logged_version};
use crate::text::one_line;

/// Runs one of this file's commands.
pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Verify {
            path,
            json,
            against,
        } => verify(path, *json, against.as_deref(), actor, out),
        Command::Resolve {
            path,
            ids,
            all,
            accept: _,
            restore,
        } => resolve(path, ids, *all, restore.as_deref(), actor, out),
        Command::Relink { path, folder } => relink(path, folder, actor, out),
        Command::History { path, id, json } => history(path, id, *json, out),
        Command::Log {
            path,
            actor: who,
            action,
            since,
            until,
            json,
        } => log(
            path,
            &LogFilter {
                actor: who.clone().unwrap_or_default(),
                action: *action,
                since: *since,
                until: *until,
            },
            *json,
            out,
        ),
        other => unreachable!("{other:?} is not an integrity command"),
    }
}

/// `dossier verify`: everything checked, every problem listed, the result logged. It only
/// reports: what it finds stays a problem until a person resolves it.
pub fn verify(
    path: &Path,
    json: bool,
    against: Option<&str>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let against = against
        .map(|text| text.parse::<audit::ChainHead>())
        .transpose()
        .map_err(CliError::Usage)?;
    // Holding the catalogue while verifying keeps other commands from saving halfway
    // through. A catalogue open in the app is verified all the same (saves in progress
    // are waited for), and the result is only printed.
    let cat = open_as(path, actor)?;
    let mut report = crate::integrity::verify(path, cat.secret_to_reopen(), &|_| {})?;
    if let Some(head) = &against {
        report.check_against(cat.vault(), head);
    }
    let logged = match cat.read_only_reason() {
        None => {
            cat.log(vec![report.draft(actor)])?.apply()?;
            true
        }
        Some(_) => false,
    };
    // The head to keep: it includes this verification's own entry when it was logged.
    let head = if logged {
        cat.audit().head()
    } else {
        report.head.clone()
    };
    if json {
        print_verify_json(&report, logged, &head, against.as_ref(), out)?;
    } else {
        print_verify_text(&report, logged, &head, against.as_ref(), out)?;
    }
    if report.is_ok() {
        if !json {
            writeln!(out, "OK: no problems found.")?;
        }
        return Ok(());
    }
    let listing: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    Err(CliError::Found(format!(
        "{} problem{} found:\n{}",
        listing.len(),
        if listing.len() == 1 { "" } else { "s" },
        listing.join("\n")
    )))
}

/// The verification as JSON, for scripts.
fn print_verify_json(
    report: &VerifyReport,
    logged: bool,
    head: &audit::ChainHead,
    against: Option<&audit::ChainHead>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let problems: Vec<_> = report
        .problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "path": p.path.to_string_lossy(),
                "what": p.what,
                "expected": p.expected,
                "found": p.found,
            })
        })
        .collect();
    let value = serde_json::json!({
        "ok": report.is_ok(),
        "records": report.records,
        "attachments": report.attachments,
        "bytes_hashed": report.bytes_hashed,
        "audit_entries": report.entries,
        "seconds": report.seconds,
        "logged": logged,
        "chain_head": head.to_string(),
        "extends": against.map(|h| serde_json::json!({
            "head": h.to_string(),
            "ok": !report.problems.iter().any(|p| p.what.contains("does not extend")),
        })),
        "problems": problems,
    });
    serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}

/// The verification in words: what was checked, how fast, and the chain head to keep.
fn print_verify_text(
    report: &VerifyReport,
    logged: bool,
    head: &audit::ChainHead,
    against: Option<&audit::ChainHead>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(
        out,
        "Checked {} records, {} originals ({} MB, {:.0} MB/s) and {} audit entries in {:.1} s.",
        report.records,
        report.attachments,
        report.bytes_hashed / 1_000_000,
        report.throughput_mb_s(),
        report.entries,
        report.seconds
    )?;
    if !logged {
        writeln!(
            out,
            "(The catalogue is open elsewhere, so this result was not logged.)"
        )?;
    }
    writeln!(
        out,
        "Chain head: {head}\n    Keep it (or give it to someone you trust): `dossier verify PATH --against {head}` later proves the log was only added to, never rewritten."
    )?;
    if let Some(h) = against
        && report.is_ok()
    {
        writeln!(out, "The log extends the chain head {h}.")?;
    }
    Ok(())
}

/// `dossier resolve`: accept changes made outside Dossier for review, or restore the
/// logged version of one record from a copy.
pub fn resolve(
    path: &Path,
    ids: &[String],
    all: bool,
    restore: Option<&Path>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = open_for_writing(path, actor)?;
    let ids: Vec<RecordId> = if all {
        cat.outside_changes().iter().map(|c| c.record).collect()
    } else {
        ids.iter()
            .map(|text| {
                cat.resolve(text).or_else(|e| {
                    // A record in the trash is resolved by its full id.
                    text.parse::<RecordId>()
                        .ok()
                        .filter(|id| cat.get_trashed(id).is_some())
                        .ok_or(e)
                })
            })
            .collect::<Result<_, _>>()?
    };
    if ids.is_empty() {
        writeln!(
            out,
            "No record changed outside Dossier waits for a decision."
        )?;
        return Ok(());
    }
    let Some(from) = restore else {
        let batch = cat.accept_outside_changes(&ids, actor)?;
        batch.apply()?;
        writeln!(
            out,
            "{}; a reviewer must approve {} before {} shared.",
            batch.summary,
            if ids.len() == 1 { "it" } else { "them" },
            if ids.len() == 1 { "it is" } else { "they are" }
        )?;
        return Ok(());
    };
    let [id] = ids.as_slice() else {
        return Err(CliError::Usage(
            "--restore takes one record at a time.".into(),
        ));
    };
    let change = cat
        .outside_change(id)
        .cloned()
        .ok_or(StoreError::NoOutsideChange(*id))?;
    let Some((seq, expected)) = &change.previous else {
        return Err(StoreError::NoLoggedVersion(*id).into());
    };
    let Some((file, bytes)) = find_logged_version(from, id, expected, cat.vault())? else {
        return Err(CliError::Found(format!(
            "No copy of record {id} as logged at entry {seq} (SHA-256 {expected}) was found in {}. Nothing was changed.",
            from.display()
        )));
    };
    let batch = cat.restore_logged_version(id, &bytes, &file.display().to_string(), actor)?;
    batch.apply()?;
    writeln!(
        out,
        "Restored record {id} as logged at entry {seq}, from {}.",
        file.display()
    )?;
    Ok(())
}

/// `dossier relink`: restore missing originals found in a folder, by hash.
pub fn relink(
    path: &Path,
    folder: &Path,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let cat = open_for_writing(path, actor)?;
    let missing = cat.missing_originals();
    if missing.is_empty() {
        writeln!(out, "No originals are missing.")?;
        return Ok(());
    }
    let report =
        crate::integrity::relink(&cat.blobs(), cat.audit(), &missing, folder, actor, &|_| {})?;
    for (sha, from) in &report.restored {
        writeln!(out, "restored  {sha}  from {}", from.display())?;
    }
    for (file, why) in &report.refused {
        writeln!(out, "refused   {}: {why}", file.display())?;
    }
    writeln!(
        out,
        "Looked at {} files: restored {}, still missing {}.",
        report.files_seen,
        report.restored.len(),
        report.still_missing.len()
    )?;
    if report.still_missing.is_empty() {
        Ok(())
    } else {
        let names: Vec<String> = report
            .still_missing
            .iter()
            .map(|(sha, name)| format!("  {} (sha256 {sha})", one_line(name)))
            .collect();
        Err(CliError::Found(format!(
            "{} original{} still missing:\n{}",
            names.len(),
            if names.len() == 1 { " is" } else { "s are" },
            names.join("\n")
        )))
    }
}

fn print_entries(entries: &[AuditEntry], json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        serde_json::to_writer_pretty(&mut *out, entries).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    for e in entries {
        let what = match (&e.record, &e.attachment) {
            (_, Some(sha)) => format!("  [file {}]", sha.short(12)),
            (Some(id), None) => format!("  [record {}]", id.short()),
            _ => String::new(),
        };
        writeln!(
            out,
            "{:>6}  {}  {:<20}  {}{what}",
            e.seq,
            e.time.strftime("%Y-%m-%d %H:%M:%S UTC"),
            one_line(&e.actor),
            one_line(&e.summary())
        )?;
    }
    Ok(())
}

/// `dossier history`: one record's entries, newest first.
pub fn history(path: &Path, id: &str, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    // The record alone is opened (when the snapshot allows); its entries are read from
    // the logs without holding them whole.
    let cat = super::open_for_records(path, None, &[id])?;
    let id = match cat.resolve(id) {
        Ok(id) => id,
        // A record in the trash, or deleted for good, still has a history.
        Err(e) => match id.parse() {
            Ok(full) => full,
            Err(_) => return Err(e.into()),
        },
    };
    let entries = cat.audit().for_record(&id);
    if entries.is_empty() {
        return Err(StoreError::UnknownRecord(format!("{id} (nothing in the audit log)")).into());
    }
    super::buffered(out, |out| print_entries(&entries, json, out))
}

/// `dossier log`: the whole log, newest first, filtered.
pub fn log(
    path: &Path,
    filter: &LogFilter,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // The log alone: no record is read or decoded when the snapshot allows it.
    let cat = super::open_for_details(path)?;
    let entries = cat.audit().filtered(filter);
    super::buffered(out, |out| print_entries(&entries, json, out))
}
