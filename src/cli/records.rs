//! The command line's commands on the catalogue and its records: new, generate, add,
//! import, show, check and the catalogue's details.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::{self, AddArgs, Command};
use super::{CliError, open_for_new_records, open_for_reading, open_for_writing};
use crate::media;
use crate::model::{Label, Record, RecordKind};
use crate::store::{Catalogue, StoreError};

/// Runs one of this file's commands.
pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Open { path } => Err(CliError::Usage(format!(
            "'open' starts the desktop app; run it as `dossier open {}`",
            path.display()
        ))),
        Command::New { path, title, plain } => new(path, title, *plain, actor, out),
        Command::Generate {
            path,
            records,
            attachments,
            seed,
            image_width,
            plain,
        } => {
            let options = crate::generate::GenerateOptions {
                records: *records,
                attachments: *attachments,
                seed: *seed,
                image_width: *image_width,
            };
            generate(path, &options, *plain, out)
        }
        Command::Add(args) => add(args, actor, out),
        Command::Import {
            path,
            files,
            record,
            label,
        } => import(path, files, record.as_deref(), *label, actor, out),
        Command::Show { path, id, json } => show(path, id, *json, out),
        Command::Check { path } => check(path, out),
        Command::Catalogue {
            path,
            title,
            office,
            two_people,
        } => {
            let change = Details {
                title: title.as_deref(),
                office: office.as_deref(),
                two_people: two_people.as_deref().map(|v| v == "on"),
            };
            catalogue_details(path, change, actor, out)
        }
        other => unreachable!("{other:?} is not a command on records"),
    }
}

/// What `dossier catalogue` was asked to change.
struct Details<'a> {
    title: Option<&'a str>,
    office: Option<&'a str>,
    two_people: Option<bool>,
}

/// `dossier catalogue`: the catalogue's details, changed first when asked.
fn catalogue_details(
    path: &Path,
    change: Details,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let cat = if change.title.is_some() || change.office.is_some() || change.two_people.is_some() {
        let mut cat = open_for_writing(path, actor)?;
        cat.set_details(change.title, change.office, actor)?;
        if let Some(on) = change.two_people {
            cat.set_two_people_approve(on, actor)?;
        }
        cat
    } else {
        // The counts need every file checked, but no record decoded.
        super::open_for_listing(path)?
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
    writeln!(
        out,
        "Approval:    {}",
        if meta.two_people_approve {
            "two people (whoever submitted a record may not approve it)"
        } else {
            "one person may submit and approve (set with --two-people on)"
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
        cat.live_count(),
        cat.trash().len()
    )?;
    writeln!(out, "Chain head:  {}", cat.audit().head())?;
    Ok(())
}

/// `dossier add`: a new record from the flags, its files stored first.
fn add(args: &AddArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let links = args
        .links
        .iter()
        .map(|link| args::split_link(link).map_err(CliError::Usage))
        .collect::<Result<Vec<_>, _>>()?;
    let targets: Vec<&str> = links.iter().map(|(_, target)| *target).collect();
    let mut cat = open_for_new_records(&args.path, actor, &targets)?;
    let mut record = record_from(args, actor)?;
    for (kind, target) in links {
        let target = cat.resolve(target)?;
        record.links.push(crate::model::Link {
            kind,
            target,
            note: String::new(),
            extra: Default::default(),
        });
    }
    person_from(args, &mut record)?;
    // Store every attachment before the record, so a record never points at missing bytes.
    let blobs = cat.blobs();
    for file in &args.attach {
        let mut attachment =
            media::import_file(&blobs, file, actor, record.label, &mut |_| {})?.attachment;
        attachment.warnings = record.warnings.clone();
        record.attachments.push(attachment);
    }
    let id = cat.save(record, actor)?;
    writeln!(out, "{id}")?;
    Ok(())
}

/// The record the common flags of `dossier add` describe.
fn record_from(args: &AddArgs, actor: &str) -> Result<Record, CliError> {
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
    if let Some(c) = &args.coordinates {
        record.coordinates = Some(Box::new(c.parse().map_err(CliError::Usage)?));
    }
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
    Ok(record)
}

/// The person's flags of `dossier add` (names, birth, sex, category, status), refused
/// for a record that is not a person.
fn person_from(args: &AddArgs, record: &mut Record) -> Result<(), CliError> {
    let person_flags = args.birth.is_some()
        || args.sex.is_some()
        || args.category.is_some()
        || !args.names.is_empty();
    if person_flags {
        let Some(person) = record.person.as_mut() else {
            return Err(CliError::Usage(format!(
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
            return Err(CliError::Usage(format!(
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
    let mut cat = open_for_new_records(path, actor, record.as_slice())?;
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
        let media::Imported {
            attachment,
            already_stored: duplicate,
        } = match media::import_file(&blobs, file, actor, label, &mut |_| {}) {
            Ok(done) => done,
            Err(e) => {
                failures.push(e.to_string());
                continue;
            }
        };
        let sha = attachment.sha256.clone();
        let record = cat.record_for_import(target, attachment, label, actor)?;
        let id = cat.save(record, actor)?;
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
        Err(CliError::Found(failures.join("\n")))
    }
}

/// `dossier show`: one record, as JSON or one field per line.
fn show(path: &Path, id: &str, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = super::open_for_records(path, None, &[id])?;
    let id = cat.resolve(id)?;
    let r = cat
        .get(&id)
        .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
    if json {
        out.write_all(&r.to_json())?;
        return Ok(());
    }
    let mut lines = Lines(out);
    show_fields(r, &mut lines)?;
    show_person(r, &mut lines)?;
    show_links_and_files(&cat, r, &mut lines)?;
    for (name, when, who) in [
        ("Created", r.created, &r.created_by),
        ("Modified", r.modified, &r.modified_by),
    ] {
        lines.line(
            name,
            &format!("{} by {who}", when.strftime("%Y-%m-%d %H:%M UTC")),
        )?;
    }
    if !r.body.is_empty() {
        writeln!(lines.0, "\n{}", r.body)?;
    }
    Ok(())
}

/// `dossier show`'s output: a name, then the value; empty values are left out.
struct Lines<'a>(&'a mut dyn Write);

impl Lines<'_> {
    fn line(&mut self, name: &str, value: &str) -> std::io::Result<()> {
        if value.is_empty() {
            Ok(())
        } else {
            writeln!(self.0, "{name:<13}{value}")
        }
    }
}

fn show_fields(r: &Record, lines: &mut Lines) -> std::io::Result<()> {
    lines.line("Id", &r.id.to_string())?;
    lines.line("Kind", r.kind.name())?;
    lines.line("Title", r.display_title())?;
    lines.line("Label", r.label.as_str())?;
    lines.line("Date", &r.date.map(|d| d.to_string()).unwrap_or_default())?;
    lines.line("Place", &r.place)?;
    lines.line("Author", &r.author)?;
    lines.line("Language", &r.language)?;
    lines.line("Verification", r.verification.name())?;
    lines.line("Review", r.review.name())?;
    for c in &r.conflicts {
        let side = |v: &serde_json::Value, by: &str| {
            let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            format!("{v} (by {by})")
        };
        lines.line(
            "Conflict",
            &format!(
                "{}: this desktop {}; the other {}",
                c.field,
                side(&c.ours, &c.ours_by),
                side(&c.theirs, &c.theirs_by)
            ),
        )?;
    }
    let warnings: Vec<&str> = r.warnings.iter().map(|w| w.name()).collect();
    lines.line("Warnings", &warnings.join(", "))?;
    lines.line("Tags", &r.tags.join(", "))?;
    lines.line(
        "Source",
        [r.source.name.as_str(), r.source.url.as_str()]
            .join(" ")
            .trim(),
    )
}

fn show_person(r: &Record, lines: &mut Lines) -> std::io::Result<()> {
    let Some(p) = &r.person else {
        return Ok(());
    };
    for n in &p.names {
        let lang = if n.lang.is_empty() {
            String::new()
        } else {
            format!(" [{}]", n.lang)
        };
        let primary = if n.primary { " (primary)" } else { "" };
        lines.line("Name", &format!("{}{lang}{primary}", n.text))?;
    }
    lines.line("Status", p.status.map(|s| s.name()).unwrap_or(""))?;
    lines.line("Basis", p.basis.map(|b| b.name()).unwrap_or(""))
}

fn show_links_and_files(cat: &Catalogue, r: &Record, lines: &mut Lines) -> std::io::Result<()> {
    for link in &r.links {
        let target = cat
            .get(&link.target)
            .map(|t| t.display_title().to_string())
            .unwrap_or_else(|| "(missing or in the trash)".into());
        lines.line(
            "Link",
            &format!("{} {} ({})", link.kind.name(), target, link.target),
        )?;
    }
    for a in &r.attachments {
        lines.line(
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
    Err(CliError::Found(format!(
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

/// `dossier new`: an encrypted catalogue (its recovery key printed once), or a plain one.
fn new(
    path: &Path,
    title: &str,
    plain: bool,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if plain {
        let cat = Catalogue::create(path, title, actor)?;
        writeln!(
            out,
            "Created catalogue '{}' in {} (not encrypted: whoever can read the folder reads everything in it)",
            cat.title(),
            path.display()
        )?;
        return Ok(());
    }
    let passphrase = super::unlock::new_passphrase(path)?;
    let (cat, recovery) =
        Catalogue::create_encrypted(path, title, actor, &passphrase, super::unlock::kdf())?;
    writeln!(
        out,
        "Created catalogue '{}' in {} (encrypted)",
        cat.title(),
        path.display()
    )?;
    print_recovery_key(&recovery, out)
}

/// Shows a new catalogue's recovery key, the one time it is shown.
pub(super) fn print_recovery_key(
    recovery: &crate::durable::keyring::RecoveryKey,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(
        out,
        "Recovery key (shown only now): it opens the catalogue if every passphrase is lost. Print it or write it down, and keep it apart from this computer:\n\n    {}\n",
        recovery.to_words()
    )?;
    // Out now: a conversion that is stopped later has shown it all the same.
    out.flush()?;
    Ok(())
}

fn generate(
    path: &std::path::Path,
    options: &crate::generate::GenerateOptions,
    plain: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let started = std::time::Instant::now();
    let mut last = String::new();
    let mut progress = |what: &str, done: usize, total: usize| {
        // One line per tenth, on standard error, so scripts can read standard output.
        let line = format!("{what}: {}%", done * 10 / total.max(1) * 10);
        if line != last {
            eprintln!("{line}");
            last = line;
        }
    };
    let (made, recovery) = if plain {
        (
            crate::generate::generate(path, options, &mut progress)?,
            None,
        )
    } else {
        let passphrase = super::unlock::new_passphrase(path)?;
        let kdf = super::unlock::kdf();
        let (made, recovery) =
            crate::generate::generate_encrypted(path, options, &passphrase, kdf, &mut progress)?;
        (made, Some(recovery))
    };
    writeln!(
        out,
        "Generated {} records and {} photographs ({}) in {} in {:.1} s",
        made.records,
        made.attachments,
        crate::media::human_size(made.attachment_bytes),
        path.display(),
        started.elapsed().as_secs_f64()
    )?;
    match recovery {
        Some(recovery) => print_recovery_key(&recovery, out),
        None => Ok(()),
    }
}
