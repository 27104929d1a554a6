//! The command line: the same core as the app, for scripts and tests.
//!
//! Commands write their results to the given output and return an error for the caller to
//! print on stderr (exit code 1). Commands that only read open the catalogue read-only, so
//! they work while the app has it open.

mod args;
mod integrity;
mod persons;
mod sharing;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use args::{
    AddArgs, Cli, Command, FilterArgs, RecipientsAction, SetArgs, ShareArgs, ViewsAction,
};

use crate::media;
use crate::model::{Label, Record, RecordKind};
use crate::settings::{Paths, Settings, actor_name};
use crate::store::{Catalogue, OpenOptions, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Failed(String),
    #[error("could not write the output: {0}")]
    Output(#[from] std::io::Error),
}

/// Runs one command (not `open`, which the binary handles by starting the app).
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let settings = Settings::load(&Paths::from_env());
    let actor = actor_name(cli.user.as_deref(), &settings);
    let Some(command) = &cli.command else {
        return Err(CliError::Failed(
            "no command given; see dossier --help".into(),
        ));
    };
    match command {
        Command::Open { path } => Err(CliError::Failed(format!(
            "'open' starts the desktop app; run it as `dossier open {}`",
            path.display()
        ))),
        Command::New { path, title } => {
            let cat = Catalogue::create(path, title, &actor)?;
            writeln!(
                out,
                "Created catalogue '{}' in {}",
                cat.title(),
                path.display()
            )?;
            Ok(())
        }
        Command::Generate {
            path,
            records,
            attachments,
            seed,
            image_width,
        } => generate(path, *records, *attachments, *seed, *image_width, out),
        Command::Add(args) => add(args, &actor, out),
        Command::Import {
            path,
            files,
            record,
            label,
        } => import(path, files, record.as_deref(), *label, &actor, out),
        Command::List { path, filter, json } => persons::list(path, filter, *json, out),
        Command::Stats { path, filter, json } => persons::stats(path, filter, *json, out),
        Command::ExportCsv {
            path,
            out: file,
            filter,
            columns,
            max_label,
        } => persons::export_csv(path, file, filter, columns, *max_label, &actor, out),
        Command::ImportCsv {
            path,
            file,
            dry_run,
            skip_errors,
        } => persons::import_csv(path, file, *dry_run, *skip_errors, &actor, out),
        Command::Columns => persons::columns(out),
        Command::Duplicates { path, json } => persons::duplicates(path, *json, out),
        Command::Merge {
            path,
            keep,
            duplicate,
        } => persons::merge(path, keep, duplicate, &actor, out),
        Command::Distinct { path, a, b } => persons::distinct(path, a, b, &actor, out),
        Command::Views { path, action } => persons::views(path, action, &actor, out),
        Command::Status {
            path,
            id,
            status,
            basis,
            date,
            sources,
            verification,
            note,
        } => {
            let entry = crate::model::StatusEntry {
                basis: *basis,
                date: Some(*date),
                verification: verification.unwrap_or(crate::model::Verification::Unverified),
                note: note.clone().unwrap_or_default(),
                ..crate::model::StatusEntry::new(*status)
            };
            add_status(path, id, entry, sources, &actor, out)
        }
        Command::Show { path, id, json } => show(path, id, *json, out),
        Command::Check { path } => check(path, out),
        Command::Verify {
            path,
            json,
            against,
        } => integrity::verify(path, *json, against.as_deref(), &actor, out),
        Command::Catalogue {
            path,
            title,
            office,
        } => catalogue_details(path, title.as_deref(), office.as_deref(), &actor, out),
        Command::Resolve {
            path,
            ids,
            all,
            accept: _,
            restore,
        } => integrity::resolve(path, ids, *all, restore.as_deref(), &actor, out),
        Command::Relink { path, folder } => integrity::relink(path, folder, &actor, out),
        Command::History { path, id, json } => integrity::history(path, id, *json, out),
        Command::Log {
            path,
            actor: who,
            action,
            since,
            until,
            json,
        } => integrity::log(
            path,
            &crate::audit::LogFilter {
                actor: who.clone().unwrap_or_default(),
                action: *action,
                since: *since,
                until: *until,
            },
            *json,
            out,
        ),
        Command::Set(args) => sharing::set(args, &actor, out),
        Command::Review {
            path,
            ids,
            submit,
            approve,
            request_changes,
            comment,
        } => {
            let step = match (submit, approve, request_changes) {
                (true, _, _) => crate::model::ReviewAction::Submit,
                (_, true, _) => crate::model::ReviewAction::Approve,
                (_, _, true) => crate::model::ReviewAction::RequestChanges,
                _ => unreachable!("clap requires one step"),
            };
            sharing::review(path, ids, step, comment.as_deref(), &actor, out)
        }
        Command::Queue { path, json } => sharing::queue(path, *json, out),
        Command::Recipients { path, action } => sharing::recipients(path, action, &actor, out),
        Command::Share(args) => sharing::share(args, &actor, out),
        Command::ShareVerify { package, json } => sharing::share_verify(package, *json, out),
        Command::Receive {
            package,
            dest,
            merge,
        } => sharing::receive(package, dest, *merge, &actor, out),
    }
}

/// Opens for writing if it can (it may still open read-only; the caller decides).
pub(crate) fn open_as(path: &Path, actor: &str) -> Result<Catalogue, CliError> {
    let cat = Catalogue::open(
        path,
        OpenOptions {
            user: actor.to_string(),
            ..OpenOptions::default()
        },
    )?;
    report_opening(&cat, path);
    Ok(cat)
}

/// Says on standard error what opening found and logged (repairs, changes made outside
/// Dossier), and which records still wait for a decision: standard output stays what the
/// command prints, for scripts.
fn report_opening(cat: &Catalogue, path: &Path) {
    let mut err = crate::text::InertWriter::new(std::io::stderr().lock());
    for line in cat.opening_report() {
        let _ = writeln!(err, "dossier: {line}");
    }
    let waiting = cat.outside_changes().len();
    if waiting > 0 {
        let _ = writeln!(
            err,
            "dossier: {waiting} record{} changed outside Dossier wait{} for a decision and cannot be shared: see `dossier check {}`, then `dossier resolve {} ID --accept` or `--restore FROM`.",
            if waiting == 1 { "" } else { "s" },
            if waiting == 1 { "s" } else { "" },
            path.display(),
            path.display()
        );
    }
}

/// Opens for writing, or says why it cannot be written.
pub(crate) fn open_for_writing(path: &Path, actor: &str) -> Result<Catalogue, CliError> {
    let cat = open_as(path, actor)?;
    match cat.read_only_reason() {
        Some(reason) => Err(StoreError::ReadOnly(reason.clone()).into()),
        None => Ok(cat),
    }
}

pub(crate) fn open_for_reading(path: &Path) -> Result<Catalogue, CliError> {
    let cat = Catalogue::open(
        path,
        OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        },
    )?;
    report_opening(&cat, path);
    Ok(cat)
}

/// `dossier catalogue`: the catalogue's details, changed first when asked.
fn catalogue_details(
    path: &Path,
    title: Option<&str>,
    office: Option<&str>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let cat = if title.is_some() || office.is_some() {
        let mut cat = open_for_writing(path, actor)?;
        cat.set_details(title, office, actor)?;
        cat
    } else {
        open_for_reading(path)?
    };
    let meta = cat.meta();
    writeln!(out, "Title:       {}", crate::text::one_line(&meta.title))?;
    writeln!(
        out,
        "Office:      {}{}",
        crate::text::one_line(cat.office_name()),
        if meta.office.trim().is_empty() {
            " (the title; set one with --office)"
        } else {
            ""
        }
    )?;
    writeln!(out, "Id:          {}", meta.id)?;
    writeln!(
        out,
        "Created:     {} by {}",
        meta.created.strftime("%Y-%m-%d %H:%M UTC"),
        crate::text::one_line(&meta.created_by)
    )?;
    writeln!(
        out,
        "Records:     {} ({} in the trash)",
        cat.records().len(),
        cat.trash().len()
    )?;
    writeln!(out, "Chain head:  {}", cat.audit().head())?;
    Ok(())
}

fn add(args: &AddArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut cat = open_for_writing(&args.path, actor)?;
    let mut record = Record::new(args.kind, args.title.trim(), actor);
    record.label = args.label.unwrap_or(Label::DEFAULT_FOR_NEW);
    record.date = args.date;
    record.body = args.body.clone().unwrap_or_default();
    record.place = args.place.clone().unwrap_or_default();
    record.author = args.author.clone().unwrap_or_default();
    record.language = args.language.clone().unwrap_or_default();
    record.tags = args.tags.clone();
    record.warnings = args.warnings.iter().copied().collect();
    if let Some(v) = args.verification {
        record.verification = v;
    }
    record.source.name = args.source_name.clone().unwrap_or_default();
    record.source.url = args.source_url.clone().unwrap_or_default();
    if args.kind == RecordKind::Person
        && !record.title.is_empty()
        && let Some(person) = record.person.as_mut()
    {
        person.names.push(crate::model::PersonName {
            text: record.title.clone(),
            primary: true,
            ..Default::default()
        });
    }
    if let Some(c) = &args.coordinates {
        record.coordinates = Some(c.parse().map_err(CliError::Failed)?);
    }
    for link in &args.links {
        let (kind, target) = args::split_link(link).map_err(CliError::Failed)?;
        let target = cat.resolve(target)?;
        record.links.push(crate::model::Link {
            kind,
            target,
            note: String::new(),
            extra: Default::default(),
        });
    }
    let person_flags = args.birth.is_some()
        || args.sex.is_some()
        || args.category.is_some()
        || !args.names.is_empty();
    if person_flags {
        let Some(person) = record.person.as_mut() else {
            return Err(CliError::Failed(format!(
                "--name, --birth, --sex and --category are for persons; this record is a {}",
                args.kind.key()
            )));
        };
        person.birth = args.birth;
        person.sex = args.sex;
        person.category = args.category;
        for n in &args.names {
            let (text, lang) = match n.rsplit_once(':') {
                Some((t, l)) if !l.trim().is_empty() && !l.contains(' ') => (t.trim(), l.trim()),
                _ => (n.trim(), ""),
            };
            person.names.push(crate::model::PersonName {
                text: text.to_string(),
                lang: lang.to_string(),
                primary: person.names.is_empty(),
                ..Default::default()
            });
        }
    }
    if let Some(status) = args.status {
        let Some(person) = record.person.as_mut() else {
            return Err(CliError::Failed(format!(
                "--status is for persons; this record is a {}",
                args.kind.key()
            )));
        };
        person.add_status(crate::model::StatusEntry {
            basis: args.basis,
            date: args.status_date,
            ..crate::model::StatusEntry::new(status)
        });
    }
    // Store every attachment before the record, so a record never points at missing bytes.
    let blobs = cat.blobs();
    for file in &args.attach {
        let (mut attachment, _) =
            media::import_file(&blobs, file, actor, record.label, &mut |_| {})?;
        attachment.warnings = record.warnings.clone();
        record.attachments.push(attachment);
    }
    let id = cat.save(record, actor)?;
    writeln!(out, "{id}")?;
    Ok(())
}

fn import(
    path: &Path,
    files: &[PathBuf],
    record: Option<&str>,
    label: Option<Label>,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = open_for_writing(path, actor)?;
    let target = record.map(|r| cat.resolve(r)).transpose()?;
    let blobs = cat.blobs();
    let mut failures = Vec::new();
    for file in files {
        let label = label.unwrap_or_else(|| {
            target
                .and_then(|id| cat.get(&id))
                .map(|r| r.label)
                .unwrap_or(Label::DEFAULT_FOR_NEW)
        });
        let (attachment, duplicate) =
            match media::import_file(&blobs, file, actor, label, &mut |_| {}) {
                Ok(done) => done,
                Err(e) => {
                    failures.push(e.to_string());
                    continue;
                }
            };
        let sha = attachment.sha256.clone();
        let id = match target {
            Some(id) => {
                let mut rec = cat
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
                if !rec.attachments.iter().any(|a| a.sha256 == sha) {
                    rec.attachments.push(attachment);
                }
                cat.save(rec, actor)?
            }
            None => {
                let title = attachment.name.clone();
                let mut rec = Record::new(RecordKind::Media, title, actor);
                rec.label = label;
                rec.attachments.push(attachment);
                cat.save(rec, actor)?
            }
        };
        let note = if duplicate {
            "\t(bytes already stored)"
        } else {
            ""
        };
        writeln!(out, "{id}\t{sha}\t{}{note}", file.display())?;
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CliError::Failed(failures.join("\n")))
    }
}

fn add_status(
    path: &Path,
    id: &str,
    mut entry: crate::model::StatusEntry,
    sources: &[String],
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = open_for_writing(path, actor)?;
    let id = cat.resolve(id)?;
    entry.sources = sources
        .iter()
        .map(|s| cat.resolve(s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut record = cat.get(&id).cloned().expect("resolved ids exist");
    let Some(person) = record.person.as_mut() else {
        return Err(CliError::Failed(format!(
            "{id} is a {}, not a person; only persons have a status timeline",
            record.kind.key()
        )));
    };
    let status = entry.status;
    person.add_status(entry);
    let current = person.status;
    cat.save(record, actor)?;
    writeln!(
        out,
        "Added '{}' to the timeline of {id}; the current status is now '{}'.",
        status.name(),
        current.map(|s| s.name()).unwrap_or("none")
    )?;
    Ok(())
}

fn show(path: &Path, id: &str, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = open_for_reading(path)?;
    let id = cat.resolve(id)?;
    let r = cat
        .get(&id)
        .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
    if json {
        out.write_all(&r.to_json())?;
        return Ok(());
    }
    let mut line = |name: &str, value: &str| -> std::io::Result<()> {
        if value.is_empty() {
            Ok(())
        } else {
            writeln!(out, "{name:<13}{value}")
        }
    };
    line("Id", &r.id.to_string())?;
    line("Kind", r.kind.name())?;
    line("Title", r.display_title())?;
    line("Label", r.label.as_str())?;
    line("Date", &r.date.map(|d| d.to_string()).unwrap_or_default())?;
    line("Place", &r.place)?;
    line("Author", &r.author)?;
    line("Language", &r.language)?;
    line("Verification", r.verification.name())?;
    line("Review", r.review.name())?;
    let warnings: Vec<&str> = r.warnings.iter().map(|w| w.name()).collect();
    line("Warnings", &warnings.join(", "))?;
    line("Tags", &r.tags.join(", "))?;
    line(
        "Source",
        [r.source.name.as_str(), r.source.url.as_str()]
            .join(" ")
            .trim(),
    )?;
    if let Some(p) = &r.person {
        for n in &p.names {
            let lang = if n.lang.is_empty() {
                String::new()
            } else {
                format!(" [{}]", n.lang)
            };
            line(
                "Name",
                &format!(
                    "{}{lang}{}",
                    n.text,
                    if n.primary { " (primary)" } else { "" }
                ),
            )?;
        }
        line("Status", p.status.map(|s| s.name()).unwrap_or(""))?;
        line("Basis", p.basis.map(|b| b.name()).unwrap_or(""))?;
    }
    for link in &r.links {
        let target = cat
            .get(&link.target)
            .map(|t| t.display_title().to_string())
            .unwrap_or_else(|| "(missing or in the trash)".into());
        line(
            "Link",
            &format!("{} {} ({})", link.kind.name(), target, link.target),
        )?;
    }
    for a in &r.attachments {
        line(
            "Attachment",
            &format!(
                "{}  {}  {}  {}  sha256:{}",
                a.name,
                a.media_type,
                media::human_size(a.size),
                r.effective_label(a),
                a.sha256
            ),
        )?;
    }
    line(
        "Created",
        &format!(
            "{} by {}",
            r.created.strftime("%Y-%m-%d %H:%M UTC"),
            r.created_by
        ),
    )?;
    line(
        "Modified",
        &format!(
            "{} by {}",
            r.modified.strftime("%Y-%m-%d %H:%M UTC"),
            r.modified_by
        ),
    )?;
    if !r.body.is_empty() {
        writeln!(out, "\n{}", r.body)?;
    }
    Ok(())
}

fn check(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = open_for_reading(path)?;
    let problems = crate::integrity::check_catalogue(&cat);
    let attachments: HashSet<&str> = cat
        .records()
        .iter()
        .chain(cat.trash())
        .flat_map(|r| r.attachments.iter().map(|a| a.sha256.as_str()))
        .collect();
    if problems.is_empty() {
        writeln!(
            out,
            "OK: {} records, {} in the trash, {} attachments; every file reads.",
            cat.records().len(),
            cat.trash().len(),
            attachments.len()
        )?;
        return Ok(());
    }
    Err(CliError::Failed(format!(
        "{} problem{} in {}:\n{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        path.display(),
        problems
            .iter()
            .map(|p| format!("  {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    )))
}

fn generate(
    path: &std::path::Path,
    records: usize,
    attachments: usize,
    seed: u64,
    image_width: u32,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let options = crate::generate::GenerateOptions {
        records,
        attachments,
        seed,
        image_width,
    };
    let started = std::time::Instant::now();
    let mut last = String::new();
    let made = crate::generate::generate(path, &options, &mut |what, done, total| {
        // One line per tenth, on standard error, so scripts can read standard output.
        let line = format!("{what}: {}%", done * 10 / total.max(1) * 10);
        if line != last {
            eprintln!("{line}");
            last = line;
        }
    })?;
    writeln!(
        out,
        "Generated {} records and {} photographs ({}) in {} in {:.1} s",
        made.records,
        made.attachments,
        crate::media::human_size(made.attachment_bytes),
        path.display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}
