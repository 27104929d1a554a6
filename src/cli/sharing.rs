//! The sharing commands: set (labels, warnings), review, queue and recipients; the package
//! commands are in `packages`.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::args::{Command, RecipientsAction, SetArgs};
use super::{CliError, open_for_writing, packages};
use crate::model::{FuzzyDate, Recipient, ReviewAction, ReviewState};
use crate::share;
use crate::store::StoreError;
use crate::text::one_line;

/// Runs one of this file's commands.
pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Set(args) => set(args, actor, out),
        Command::Review {
            path,
            ids,
            submit,
            approve,
            request_changes,
            comment,
        } => {
            let step = match (submit, approve, request_changes) {
                (true, _, _) => ReviewAction::Submit,
                (_, true, _) => ReviewAction::Approve,
                (_, _, true) => ReviewAction::RequestChanges,
                _ => unreachable!("clap requires one step"),
            };
            review(path, ids, step, comment.as_deref(), actor, out)
        }
        Command::Queue { path, json } => queue(path, *json, out),
        Command::Recipients { path, action } => recipients(path, action, actor, out),
        Command::Share(args) => packages::share(args, actor, out),
        Command::ShareVerify {
            package,
            json,
            package_passphrase_file,
        } => {
            let opened = packages::opened(package, package_passphrase_file.as_deref())?;
            packages::share_verify(opened.path(package), *json, out)
        }
        Command::Receive {
            package,
            dest,
            merge,
            plain,
            package_passphrase_file,
        } => {
            let opened = packages::opened(package, package_passphrase_file.as_deref())?;
            let into = if *merge {
                share::ReceiveInto::Merge(dest.clone(), super::unlock::secret_for(dest)?)
            } else if *plain {
                share::ReceiveInto::New(dest.clone(), None)
            } else {
                let passphrase = super::unlock::new_passphrase(dest)?;
                share::ReceiveInto::New(dest.clone(), Some((passphrase, super::unlock::kdf())))
            };
            packages::receive(opened.path(package), into, actor, out)
        }
        other => unreachable!("{other:?} is not a sharing command"),
    }
}

pub fn set(args: &SetArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut cat = super::open_for_records(&args.path, Some(actor), &[&args.id])?;
    let id = cat.resolve(&args.id)?;
    let mut record = cat
        .get(&id)
        .cloned()
        .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
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
                    .map_err(|e| CliError::Usage(format!("--date '{d}': {e}")))?,
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
    let texts: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut cat = super::open_for_records(path, Some(actor), &texts)?;
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
    // Only the records in review are decoded, found in the snapshot's index as `list`
    // finds them; the queue is made of them as the app makes it.
    let mut cat = super::open_for_listing(path)?;
    let in_review = crate::search::Filter {
        review: [ReviewState::InReview].into(),
        ..crate::search::Filter::default()
    };
    let ids = crate::search::list_ids(&cat.take_index(), &in_review);
    cat.load_also(&ids);
    let items = share::review_queue(&cat);
    super::buffered(out, |out| print_queue(&items, json, out))
}

fn print_queue(
    items: &[share::QueueItem],
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
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
            let cat = super::open_for_details(path)?;
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
                return Err(StoreError::NameTaken {
                    what: "recipient",
                    name: name.trim().to_string(),
                }
                .into());
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
                return Err(share::ShareError::UnknownRecipient(name.clone()).into());
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
