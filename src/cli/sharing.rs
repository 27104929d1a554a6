//! The sharing commands: set, review, queue, recipients, share, share-verify, receive.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use serde_json::json;

use super::args::{RecipientsAction, SetArgs, ShareArgs};
use super::{CliError, open_for_reading, open_for_writing};
use crate::model::{FuzzyDate, Recipient, ReviewAction};
use crate::search::{Filter, SearchIndex};
use crate::share;
use crate::text::one_line;

pub fn set(args: &SetArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut cat = open_for_writing(&args.path, actor)?;
    let id = cat.resolve(&args.id)?;
    let mut record = cat.get(&id).cloned().expect("resolved ids exist");
    let before = record.review;
    if let Some(l) = args.label {
        record.label = l;
    }
    if let Some(t) = &args.title {
        record.title = t.trim().to_string();
    }
    if let Some(b) = &args.body {
        record.body = b.clone();
    }
    if let Some(d) = &args.date {
        record.date = if d.trim().is_empty() {
            None
        } else {
            Some(
                d.parse::<FuzzyDate>()
                    .map_err(|e| CliError::Failed(format!("--date '{d}': {e}")))?,
            )
        };
    }
    if let Some(p) = &args.place {
        record.place = p.trim().to_string();
    }
    if let Some(a) = &args.author {
        record.author = a.trim().to_string();
    }
    if let Some(l) = &args.language {
        record.language = l.trim().to_string();
    }
    if let Some(v) = args.verification {
        record.verification = v;
    }
    record.tags.extend(args.add_tags.iter().cloned());
    record
        .tags
        .retain(|t| !args.remove_tags.iter().any(|r| r.eq_ignore_ascii_case(t)));
    record.warnings.extend(args.add_warnings.iter().copied());
    for w in &args.remove_warnings {
        record.warnings.remove(w);
    }
    if let Some(n) = &args.private_notes {
        record.private_notes = n.clone();
    }
    let batch = cat.put(record, actor)?;
    if batch.is_empty() {
        writeln!(out, "Nothing changed.")?;
        return Ok(());
    }
    batch.apply()?;
    let now = cat.get(&id).map(|r| r.review);
    writeln!(out, "Saved {id}.")?;
    if now != Some(before) {
        writeln!(
            out,
            "It was approved; the change returns it to review (the approval covered the old content)."
        )?;
    }
    Ok(())
}

pub fn review(
    path: &Path,
    ids: &[String],
    step: ReviewAction,
    comment: Option<&str>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = open_for_writing(path, actor)?;
    let ids = ids
        .iter()
        .map(|i| cat.resolve(i))
        .collect::<Result<Vec<_>, _>>()?;
    let batch = cat.review(&ids, step, comment.unwrap_or_default(), actor)?;
    batch.apply()?;
    writeln!(out, "{}.", batch.summary)?;
    Ok(())
}

pub fn queue(path: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = open_for_reading(path)?;
    let items = share::review_queue(&cat);
    if json {
        let rows: Vec<_> = items
            .iter()
            .map(|i| {
                json!({
                    "id": i.id,
                    "title": i.title,
                    "kind": i.kind,
                    "label": i.label,
                    "since": i.since,
                    "submitted_by": i.submitted_by,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    if items.is_empty() {
        writeln!(out, "Nothing is waiting for review.")?;
    }
    for i in items {
        writeln!(
            out,
            "{}  {}  {:<16}  {:<9}  {}  (by {})",
            i.since.strftime("%Y-%m-%d %H:%M"),
            i.id,
            i.label.as_str(),
            i.kind.key(),
            one_line(&i.title),
            one_line(&i.submitted_by)
        )?;
    }
    Ok(())
}

pub fn recipients(
    path: &Path,
    action: &RecipientsAction,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match action {
        RecipientsAction::List { json } => {
            let cat = open_for_reading(path)?;
            if *json {
                serde_json::to_writer_pretty(&mut *out, cat.recipients())
                    .map_err(std::io::Error::other)?;
                writeln!(out)?;
                return Ok(());
            }
            if cat.recipients().is_empty() {
                writeln!(out, "No recipients yet.")?;
            }
            for r in cat.recipients() {
                writeln!(
                    out,
                    "{:<40}  {:<28}  up to {}",
                    one_line(&r.name),
                    r.kind.name(),
                    r.max_label.as_str()
                )?;
            }
            Ok(())
        }
        RecipientsAction::Add {
            name,
            kind,
            max_label,
            contact,
            notes,
            name_sender,
        } => {
            let mut cat = open_for_writing(path, actor)?;
            if cat.recipient(name).is_some() {
                return Err(CliError::Failed(format!(
                    "There is already a recipient named '{}'.",
                    name.trim()
                )));
            }
            let mut r = Recipient::new(name.trim(), *kind, *max_label);
            r.contact = contact.clone().unwrap_or_default();
            r.notes = notes.clone().unwrap_or_default();
            r.name_sender = *name_sender;
            let mut all = cat.recipients().to_vec();
            all.push(r);
            cat.set_recipients(all, actor)?.apply()?;
            writeln!(
                out,
                "Added recipient '{}' ({}, up to {}).",
                name.trim(),
                kind.name(),
                max_label.as_str()
            )?;
            Ok(())
        }
        RecipientsAction::Remove { name } => {
            let mut cat = open_for_writing(path, actor)?;
            let Some(found) = cat.recipient(name).map(|r| r.name.clone()) else {
                return Err(CliError::Failed(
                    share::ShareError::UnknownRecipient(name.clone()).to_string(),
                ));
            };
            let all = cat
                .recipients()
                .iter()
                .filter(|r| r.name != found)
                .cloned()
                .collect();
            cat.set_recipients(all, actor)?.apply()?;
            writeln!(out, "Removed recipient '{found}'.")?;
            Ok(())
        }
    }
}

pub fn share(args: &ShareArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = if args.dry_run {
        open_for_reading(&args.path)?
    } else {
        open_for_writing(&args.path, actor)?
    };
    let fail = |e: share::ShareError| CliError::Failed(e.to_string());
    let recipient = cat
        .recipient(&args.recipient)
        .cloned()
        .ok_or_else(|| fail(share::ShareError::UnknownRecipient(args.recipient.clone())))?;
    if let Some(why) = share::recipient_refusal(&cat, &recipient) {
        return Err(CliError::Failed(format!(
            "Nothing may go to {}: {why} Nothing was written.",
            recipient.name
        )));
    }
    let scope = if args.records.is_empty() && args.query.is_none() && args.kind.is_none() {
        None
    } else {
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
        Some(ids)
    };
    let options = share::PlanOptions {
        keep_metadata: match (args.keep_metadata, args.strip_metadata) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    let plan = share::plan_with(&cat, &recipient, scope.as_deref(), options);
    let files = plan.attachment_count();
    if args.json && args.dry_run {
        let held: Vec<_> = plan
            .held
            .iter()
            .map(|h| json!({"id": h.id, "title": h.title, "label": h.label, "reason": h.reason.to_string()}))
            .collect();
        let included: Vec<_> = plan
            .included
            .iter()
            .map(|i| {
                let record = cat.get(&i.id);
                let metadata: Vec<_> = i
                    .metadata
                    .iter()
                    .map(|m| {
                        json!({
                            "file": record.and_then(|r| r.attachments.get(m.attachment)).map(|a| a.name.clone()),
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
        let persons = plan.includes_persons().then(
            || json!({"shared": share::PERSON_FIELDS_SHARED, "kept": share::PERSON_FIELDS_KEPT}),
        );
        serde_json::to_writer_pretty(
            &mut *out,
            &json!({
                "recipient": recipient.name,
                "sent_as": if recipient.name_sender { actor.to_string() } else { cat.office_name().to_string() },
                "included": included,
                "held_back": held,
                "person_fields": persons,
                "embedded_metadata": if plan.strip_metadata { "removed" } else { "kept" },
                "embedded_metadata_by_choice": plan.metadata_choice_deliberate,
            }),
        )
        .map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
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
        files
    )?;
    writeln!(
        out,
        "  held back: {} records, {} files",
        plan.held.len(),
        plan.held_attachment_count()
    )?;
    writeln!(
        out,
        "  sent as:   {}",
        one_line(if recipient.name_sender {
            actor
        } else {
            cat.office_name()
        })
    )?;
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
    if args.dry_run {
        for i in &plan.included {
            writeln!(
                out,
                "  + {}  {}  {}",
                i.id,
                i.label.as_str(),
                one_line(&i.title)
            )?;
            for (idx, reason) in &i.held_attachments {
                let name = cat
                    .get(&i.id)
                    .and_then(|r| r.attachments.get(*idx))
                    .map(|a| a.name.clone())
                    .unwrap_or_default();
                writeln!(out, "      - file {}: {reason}", one_line(&name))?;
            }
            if i.private_notes_held {
                writeln!(out, "      - private notes: never shared")?;
            }
            for m in &i.metadata {
                let name = cat
                    .get(&i.id)
                    .and_then(|r| r.attachments.get(m.attachment))
                    .map(|a| a.name.clone())
                    .unwrap_or_default();
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
        writeln!(out, "Dry run: nothing was written.")?;
        return Ok(());
    }
    if plan.included.is_empty() {
        return Err(CliError::Failed(format!(
            "Nothing may go to {}: no record in scope is both approved and within {}. Nothing was written.",
            recipient.name,
            recipient.max_label.as_str()
        )));
    }
    let out_path = args
        .out
        .as_ref()
        .expect("clap requires --out without --dry-run");
    let job = share::prepare(&cat, &plan, actor).map_err(fail)?;
    let summary =
        share::write_package(&job, out_path, &|_, _| {}, &AtomicBool::new(false)).map_err(fail)?;
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
        recipient.name
    )?;
    Ok(())
}

pub fn share_verify(package: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let report = share::verify_package(package).map_err(|e| CliError::Failed(e.to_string()))?;
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
        Err(CliError::Failed(format!(
            "{}: {} problem{} found (listed above); do not rely on this package.",
            package.display(),
            report.problems.len(),
            if report.problems.len() == 1 { "" } else { "s" }
        )))
    }
}

pub fn receive(
    package: &Path,
    dest: &Path,
    merge: bool,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let summary =
        share::receive(package, dest, merge, actor).map_err(|e| CliError::Failed(e.to_string()))?;
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
        writeln!(out, "It opens read-only, as the record of what was sent.")?;
    }
    Ok(())
}
