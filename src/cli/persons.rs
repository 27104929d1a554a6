//! Lists, statistics, CSV, duplicates and saved views on the command line.

use std::io::Write;
use std::path::Path;

use super::args::{Command, FilterArgs, ViewsAction};
use super::{CliError, open_for_reading, open_for_writing};
use crate::lists;
use crate::model::{Label, StatusEntry, Verification};
use crate::search::{self, Filter, SavedView};
use crate::stats::{Figure, Stats};
use crate::store::{Catalogue, StoreError};

/// Runs one of this file's commands.
pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::List { path, filter, json } => list(path, filter, *json, out),
        Command::Stats { path, filter, json } => stats(path, filter, *json, out),
        Command::ExportCsv {
            path,
            out: file,
            filter,
            columns: names,
            max_label,
        } => export_csv(path, file, filter, names, *max_label, actor, out),
        Command::ImportCsv {
            path,
            file,
            dry_run,
            skip_errors,
        } => import_csv(path, file, *dry_run, *skip_errors, actor, out),
        Command::Columns => columns(out),
        Command::Duplicates { path, json } => duplicates(path, *json, out),
        Command::Merge {
            path,
            keep,
            duplicate,
        } => merge(path, keep, duplicate, actor, out),
        Command::Distinct { path, a, b } => distinct(path, a, b, actor, out),
        Command::Views { path, action } => views(path, action, actor, out),
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
            let entry = StatusEntry {
                basis: *basis,
                date: Some(*date),
                verification: verification.unwrap_or(Verification::Unverified),
                note: note.clone().unwrap_or_default(),
                ..StatusEntry::new(*status)
            };
            add_status(path, id, entry, sources, actor, out)
        }
        other => unreachable!("{other:?} is not a command on persons"),
    }
}

/// The filter the flags describe, starting from a saved view when one is named.
pub(crate) fn filter_from(cat: &Catalogue, args: &FilterArgs) -> Result<Filter, CliError> {
    let mut f = match &args.view {
        None => Filter::default(),
        Some(name) => match cat.view(name) {
            Some(v) => v.filter.clone(),
            None => {
                let known: Vec<&str> = cat.views().iter().map(|v| v.name.as_str()).collect();
                return Err(CliError::Usage(format!(
                    "there is no saved view named '{name}'; the views are: {}",
                    if known.is_empty() {
                        "(none)".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        },
    };
    f.kinds.extend(args.kind.iter().copied());
    f.labels.extend(args.label.iter().copied());
    f.statuses.extend(args.status.iter().copied());
    f.bases.extend(args.basis.iter().copied());
    f.categories.extend(args.category.iter().copied());
    f.tags.extend(args.tag.iter().cloned());
    if args.from.is_some() {
        f.from = args.from;
    }
    if args.until.is_some() {
        f.until = args.until;
    }
    if let (Some(a), Some(b)) = (f.from, f.until)
        && a > b
    {
        return Err(CliError::Usage(format!("--from {a} is after --until {b}")));
    }
    if let Some(q) = &args.query {
        if !f.text.is_empty() {
            f.text.push(' ');
        }
        f.text.push_str(q);
    }
    Ok(f)
}

pub(crate) fn list(
    path: &Path,
    args: &FilterArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = super::open_for_listing(path)?;
    let filter = filter_from(&cat, args)?;
    let records = listed(&mut cat, &filter);
    super::buffered(out, |out| {
        if json {
            serde_json::to_writer_pretty(&mut *out, &records).map_err(std::io::Error::other)?;
            writeln!(out)?;
            return Ok(());
        }
        for r in records {
            writeln!(
                out,
                "{}  {:<9}  {:<16}  {:<23}  {}",
                r.id,
                r.kind.key(),
                r.label.as_str(),
                r.date.map(|d| d.to_string()).unwrap_or_default(),
                crate::text::one_line(r.display_title())
            )?;
        }
        Ok(())
    })
}

/// The records of the list `filter` gives, from the snapshot's index (see `search::list_in`).
fn listed<'a>(cat: &'a mut Catalogue, filter: &search::Filter) -> Vec<&'a crate::model::Record> {
    let ids = search::list_ids(&cat.take_index(), filter);
    cat.load_also(&ids);
    ids.iter().filter_map(|id| cat.get(id)).collect()
}

pub(crate) fn stats(
    path: &Path,
    args: &FilterArgs,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = super::open_for_listing(path)?;
    let filter = filter_from(&cat, args)?;
    let records = listed(&mut cat, &filter);
    let stats = Stats::compute(records.iter().copied(), &filter);
    if json {
        serde_json::to_writer_pretty(&mut *out, &stats).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "Records in the list\t{}", stats.records)?;
    for figure in Figure::ALL {
        writeln!(out)?;
        write!(out, "{}", stats.text(figure))?;
    }
    Ok(())
}

pub(crate) fn export_csv(
    path: &Path,
    file: &Path,
    args: &FilterArgs,
    columns: &[String],
    max_label: Label,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let cat = open_for_writing(path, actor)?;
    let filter = filter_from(&cat, args)?;
    let columns = if columns.is_empty() {
        lists::default_columns()
    } else {
        lists::check_columns(columns)?
    };
    let summary = lists::export_list(&cat, &filter, &columns, max_label, actor, file)?;
    writeln!(
        out,
        "Wrote {} records to {}.",
        summary.written,
        file.display()
    )?;
    if summary.held_back > 0 {
        writeln!(
            out,
            "Left out {} records labelled above {} (use --max-label to change the limit).",
            summary.held_back,
            max_label.as_str()
        )?;
    }
    Ok(())
}

pub(crate) fn import_csv(
    path: &Path,
    file: &Path,
    dry_run: bool,
    skip_errors: bool,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = if dry_run {
        open_for_reading(path)?
    } else {
        open_for_writing(path, actor)?
    };
    let bytes = std::fs::read(file).map_err(|e| StoreError::io("read", file, e))?;
    let plan = lists::plan_import(&bytes, file, cat.records(), cat.trash(), actor)?;
    for line in plan.describe() {
        writeln!(out, "{line}")?;
    }
    let summary = format!(
        "{} to create, {} to update, {} unchanged, {} with errors",
        plan.creates(),
        plan.updates(),
        plan.unchanged(),
        plan.errors.len()
    );
    if !plan.errors.is_empty() && !skip_errors {
        return Err(CliError::Found(format!(
            "{}: {summary}. Nothing was imported; fix the lines above, or use --skip-errors to import only the good lines.",
            file.display()
        )));
    }
    if dry_run {
        writeln!(out, "Dry run: {summary}. Nothing was changed.")?;
        return Ok(());
    }
    let records = plan.records_to_save();
    if !records.is_empty() {
        cat.put_many(records, actor)?.apply()?;
    }
    writeln!(
        out,
        "Imported {}: created {}, updated {}{}.",
        file.display(),
        plan.creates(),
        plan.updates(),
        if plan.errors.is_empty() {
            String::new()
        } else {
            format!(", skipped {} lines with errors", plan.errors.len())
        }
    )?;
    Ok(())
}

pub(crate) fn columns(out: &mut dyn Write) -> Result<(), CliError> {
    for column in lists::Column::ALL {
        writeln!(out, "{:<13}{}", column.key(), column.help())?;
    }
    Ok(())
}

pub(crate) fn duplicates(path: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let cat = open_for_reading(path)?;
    let pairs = search::duplicates::find_duplicates(cat.records());
    super::buffered(out, |out| print_pairs(&pairs, json, out))
}

fn print_pairs(
    pairs: &[search::duplicates::DuplicatePair],
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if json {
        let items: Vec<_> = pairs
            .iter()
            .map(|p| {
                serde_json::json!({
                    "a": p.a.to_string(),
                    "b": p.b.to_string(),
                    "score": (p.score * 1000.0).round() / 1000.0,
                    "reason": p.reason,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &items).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    if pairs.is_empty() {
        writeln!(out, "No possible duplicates.")?;
    }
    for p in pairs {
        writeln!(
            out,
            "{}  {}  {:.0}%  {}",
            p.a,
            p.b,
            p.score * 100.0,
            p.reason
        )?;
    }
    Ok(())
}

pub(crate) fn merge(
    path: &Path,
    keep: &str,
    duplicate: &str,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = open_for_writing(path, actor)?;
    let keep = cat.resolve(keep)?;
    let other = cat.resolve(duplicate)?;
    let batch = cat.merge_persons(&keep, &other, actor)?;
    batch.apply()?;
    writeln!(
        out,
        "{}. The duplicate {other} is in the trash; both histories are kept.",
        batch.summary
    )?;
    Ok(())
}

pub(crate) fn distinct(
    path: &Path,
    a: &str,
    b: &str,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut cat = open_for_writing(path, actor)?;
    let a = cat.resolve(a)?;
    let b = cat.resolve(b)?;
    cat.mark_distinct(&a, &b, actor)?.apply()?;
    writeln!(out, "Marked {a} and {b} as different persons.")?;
    Ok(())
}

pub(crate) fn views(
    path: &Path,
    action: &ViewsAction,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match action {
        ViewsAction::List { json } => {
            // Counted as `dossier list` counts: in the snapshot's index, no record decoded.
            let mut cat = super::open_for_listing(path)?;
            let index = cat.take_index();
            let rows: Vec<(&SavedView, usize)> = cat
                .views()
                .iter()
                .map(|v| (v, search::list_ids(&index, &v.filter).len()))
                .collect();
            if *json {
                let items: Vec<_> = rows
                    .iter()
                    .map(|(v, n)| serde_json::json!({"name": v.name, "filter": v.filter, "count": n}))
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &items).map_err(std::io::Error::other)?;
                writeln!(out)?;
            } else {
                for (v, n) in rows {
                    writeln!(out, "{n:>6}  {}", v.name)?;
                }
            }
            Ok(())
        }
        ViewsAction::Add { name, filter } => {
            let mut cat = open_for_writing(path, actor)?;
            let f = filter_from(&cat, filter)?;
            let mut views = cat.views().to_vec();
            let view = SavedView {
                name: name.trim().to_string(),
                filter: f,
            };
            match views
                .iter_mut()
                .find(|v| v.name.trim().eq_ignore_ascii_case(name.trim()))
            {
                Some(v) => *v = view,
                None => views.push(view),
            }
            cat.set_views(views)?.apply()?;
            let count = cat
                .view(name)
                .map(|v| search::list(cat.records(), &v.filter).len())
                .unwrap_or(0);
            writeln!(out, "Saved the view '{}' ({count} records).", name.trim())?;
            Ok(())
        }
        ViewsAction::Remove { name } => {
            let mut cat = open_for_writing(path, actor)?;
            let mut views = cat.views().to_vec();
            let before = views.len();
            views.retain(|v| !v.name.trim().eq_ignore_ascii_case(name.trim()));
            if views.len() == before {
                return Err(CliError::Usage(format!(
                    "there is no saved view named '{name}'"
                )));
            }
            cat.set_views(views)?.apply()?;
            writeln!(out, "Removed the view '{}'.", name.trim())?;
            Ok(())
        }
    }
}

fn add_status(
    path: &Path,
    id: &str,
    mut entry: StatusEntry,
    sources: &[String],
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // The person and the records given as sources alone, when the snapshot allows it.
    let named: Vec<&str> = std::iter::once(id)
        .chain(sources.iter().map(String::as_str))
        .collect();
    let mut cat = super::open_for_records(path, Some(actor), &named)?;
    let id = cat.resolve(id)?;
    entry.sources = sources
        .iter()
        .map(|s| cat.resolve(s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut record = cat
        .get(&id)
        .cloned()
        .ok_or_else(|| StoreError::UnknownRecord(id.to_string()))?;
    let Some(person) = record.person.as_mut() else {
        return Err(CliError::Usage(format!(
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
