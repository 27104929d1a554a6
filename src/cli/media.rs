//! `dossier redact` and `dossier preview`: redacted copies and previews of attachments,
//! for scripts and batch work.

use std::io::Write;

use super::args_media::{PreviewArgs, RedactArgs};
use super::{CliError, Command, open_for_reading, open_for_writing};
use crate::media::redact::{RedactError, redact};
use crate::model::{Attachment, RecordId, RedactOp};
use crate::store::Catalogue;

pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Redact(args) => redact_copy(args, actor, out),
        Command::Preview(args) => preview(args, out),
        Command::PreviewWorker { kind, size, page } => {
            let kind = crate::media::worker::Kind::parse(kind)
                .ok_or_else(|| CliError::Usage(format!("no preview worker for '{kind}'")))?;
            // The PNG's bytes as they are: `out` makes text inert for a terminal.
            let mut raw = std::io::stdout().lock();
            let stdin = &mut std::io::stdin().lock();
            let notes = &mut std::io::stderr().lock();
            crate::media::worker::serve(kind, (*size, *page), stdin, &mut raw, notes)
                .map_err(CliError::Found)?;
            raw.flush().map_err(CliError::Output)
        }
        _ => unreachable!("not a media command"),
    }
}

/// The record holding the attachment `sha` (its full SHA-256 or a unique beginning of at
/// least 8 characters), and the attachment. With `record`, only that record is looked at.
fn find_attachment(
    cat: &Catalogue,
    sha: &str,
    record: Option<&str>,
) -> Result<(RecordId, Attachment), CliError> {
    let sha = sha.trim().to_ascii_lowercase();
    if sha.len() < 8 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(CliError::Usage(format!(
            "'{}' is not a SHA-256: give the attachment's hash as `dossier show` lists it (at least its first 8 characters)",
            crate::text::one_line(&sha)
        )));
    }
    let only = record.map(|r| cat.resolve(r)).transpose()?;
    let mut found: Vec<(RecordId, Attachment)> = Vec::new();
    for r in cat.records() {
        if only.is_some_and(|id| id != r.id) {
            continue;
        }
        for a in &r.attachments {
            if a.sha256.as_str().starts_with(&sha) {
                found.push((r.id, a.clone()));
            }
        }
    }
    let distinct: std::collections::BTreeSet<&str> =
        found.iter().map(|(_, a)| a.sha256.as_str()).collect();
    let records: std::collections::BTreeSet<RecordId> = found.iter().map(|(id, _)| *id).collect();
    match (distinct.len(), records.len()) {
        (0, _) => Err(CliError::Usage(format!(
            "no attachment {sha} in {}",
            cat.root().display()
        ))),
        (1, 1) => Ok(found.swap_remove(0)),
        (1, _) => Err(CliError::Usage(format!(
            "{sha} is attached to {} records ({}): say which with --record ID",
            records.len(),
            records
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        _ => Err(CliError::Usage(format!(
            "{sha} is the beginning of {} attachments' hashes: give more of it",
            distinct.len()
        ))),
    }
}

fn redact_copy(args: &RedactArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut ops: Vec<RedactOp> = args
        .blur
        .iter()
        .map(|&region| RedactOp::Blur { region })
        .collect();
    ops.extend(args.fill.iter().map(|&region| RedactOp::Fill { region }));
    ops.extend(
        args.blur_area
            .iter()
            .map(|a| RedactOp::BlurArea { area: a.clone() }),
    );
    ops.extend(
        args.fill_area
            .iter()
            .map(|a| RedactOp::FillArea { area: a.clone() }),
    );
    ops.extend(args.crop.map(|region| RedactOp::Crop { region }));
    if args.strip_metadata {
        ops.push(RedactOp::StripMetadata);
    }
    if ops.is_empty() {
        return Err(CliError::Usage(
            "say what to do: --blur, --fill, --blur-area, --fill-area, --crop or --strip-metadata"
                .into(),
        ));
    }
    // With --record, that record alone when the snapshot allows it.
    let mut cat = match args.record.as_deref() {
        Some(record) => super::open_for_records(&args.path, Some(actor), &[record])?,
        None => open_for_writing(&args.path, actor)?,
    };
    let (record, original) = find_attachment(&cat, &args.sha256, args.record.as_deref())?;
    let (sha, batch) = redact(&mut cat, &record, &original.sha256, &ops, args.label, actor)
        .map_err(|e| match e {
            RedactError::Store(e) => CliError::Store(e),
            e => CliError::Usage(e.to_string()),
        })?;
    batch.apply()?;
    writeln!(out, "{sha}")?;
    Ok(())
}

fn preview(args: &PreviewArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if !(16..=4096).contains(&args.size) {
        return Err(CliError::Usage(format!(
            "--size {} is outside 16 to 4096 pixels",
            args.size
        )));
    }
    let cat = open_for_reading(&args.path)?;
    let (_, a) = find_attachment(&cat, &args.sha256, None)?;
    let blobs = cat.blobs();
    let stored = blobs.path_of(&a.sha256);
    let source = crate::durable::vault::Source::stored(blobs.vault(), &stored);
    let img = crate::media::thumbs::preview(source, &a.media_type, args.size).map_err(|e| {
        CliError::Found(format!("{}: {}", crate::text::one_line(&a.name), e.reason))
    })?;
    img.save_with_format(&args.out, image::ImageFormat::Png)
        .map_err(|e| CliError::Found(format!("could not write {}: {e}", args.out.display())))?;
    writeln!(out, "{}", args.out.display())?;
    Ok(())
}
