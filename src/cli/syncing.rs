//! `dossier remote`, `dossier clone` and `dossier sync`: several desktops, one catalogue.

use std::io::Write;
use std::path::Path;

use super::args::Command;
use super::args_keys::{ConflictArgs, RemoteAction};
use super::{CliError, open_for_writing};
use crate::store::{Catalogue, OpenOptions};
use crate::text::one_line;

/// Runs one of this file's commands.
pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Remote { path, action } => remote(path, action, actor, out),
        Command::Clone { url, path } => clone(url, path, actor, out),
        Command::Sync { path, name } => sync(path, name.as_deref(), actor, out),
        Command::Conflicts(args) => conflicts(args, actor, out),
        other => unreachable!("{other:?} is not a sync command"),
    }
}

fn remote(
    path: &Path,
    action: &RemoteAction,
    actor: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match action {
        RemoteAction::Add { name, url, init } => {
            let cat = open_for_writing(path, actor)?;
            crate::sync::add_remote(&cat, name, url, *init, actor)?;
            writeln!(
                out,
                "Added the remote '{}' ({}).",
                one_line(name),
                one_line(url)
            )?;
            writeln!(out, "Sync with `dossier sync {}`.", path.display())?;
        }
        RemoteAction::List => {
            for (name, url) in crate::sync::remotes(path)? {
                let when = crate::sync::last_synced(path, &name).map_or_else(
                    || "never synced".to_string(),
                    |t| format!("last synced {}", t.strftime("%Y-%m-%d %H:%M UTC")),
                );
                writeln!(out, "{}\t{}\t{when}", one_line(&name), one_line(&url))?;
            }
        }
        RemoteAction::Remove { name } => {
            crate::sync::remove_remote(path, name)?;
            writeln!(out, "Removed the remote '{}'.", one_line(name))?;
        }
    }
    Ok(())
}

fn clone(url: &str, path: &Path, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let device = crate::sync::clone_catalogue(url, path)?;
    let cat = open_for_writing(path, actor)?;
    cat.log(vec![crate::sync::joined_draft(actor, &device)])?
        .apply()?;
    // The originals come beside the repository (from a folder remote).
    let report = crate::sync::sync(
        &crate::sync::SyncTarget::of(&cat)?,
        None,
        actor,
        &mut |_| {},
    )?;
    writeln!(
        out,
        "Cloned {} records into {} (this desktop is {}).",
        cat.records().len() + cat.trash().len(),
        path.display(),
        device.device
    )?;
    print_originals(&report, out)?;
    Ok(())
}

fn sync(path: &Path, name: Option<&str>, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let mut err = std::io::stderr();
    let mut progress = |step: &str| {
        let _ = writeln!(err, "dossier: {step}...");
    };
    // Without reading every record when nothing since the last sync needs it.
    let files = Catalogue::open_files_only(
        path,
        OpenOptions {
            user: actor.to_string(),
            secret: super::unlock::secret_for(path)?,
            ..OpenOptions::default()
        },
    )?;
    let light = match files {
        Some(files) => crate::sync::sync_files_only(files, name, actor, &mut progress)?,
        None => None,
    };
    let s = match light {
        Some(s) => s,
        None => {
            let cat = open_for_writing(path, actor)?;
            crate::sync::sync(
                &crate::sync::SyncTarget::of(&cat)?,
                name,
                actor,
                &mut progress,
            )?
        }
    };
    writeln!(
        out,
        "Synced: {} received, {} sent, {} merged, {} conflict{}.",
        s.received,
        s.sent,
        s.merged,
        s.conflicts,
        if s.conflicts == 1 { "" } else { "s" }
    )?;
    print_originals(&s, out)?;
    for (id, fields) in &s.conflicted {
        writeln!(out, "In conflict: {id} ({})", one_line(&fields.join(", ")))?;
    }
    if s.conflicts > 0 {
        writeln!(
            out,
            "A record in conflict keeps both values and cannot be shared until someone chooses: `dossier conflicts {}` lists them.",
            path.display()
        )?;
    }
    Ok(())
}

fn print_originals(s: &crate::sync::SyncSummary, out: &mut dyn Write) -> Result<(), CliError> {
    if s.originals_in + s.originals_out > 0 {
        writeln!(
            out,
            "Originals: {} received, {} sent.",
            s.originals_in, s.originals_out
        )?;
    }
    let missing = s.originals_missing.len();
    if missing > 0 {
        writeln!(
            out,
            "{} original{} named by records are not on the remote yet: they come with a later sync from the desktop that has them.",
            missing,
            if missing == 1 { "" } else { "s" }
        )?;
    }
    for notice in &s.notices {
        writeln!(out, "Note: {}", one_line(notice))?;
    }
    Ok(())
}

fn conflicts(args: &ConflictArgs, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let value = |v: &serde_json::Value| match v.as_str() {
        Some(s) => one_line(s).into_owned(),
        None => one_line(&v.to_string()).into_owned(),
    };
    let (Some(id), Some(field)) = (&args.id, &args.field) else {
        let cat = super::open_for_reading(&args.path)?;
        for r in cat.conflicted() {
            for c in &r.conflicts {
                writeln!(
                    out,
                    "{}\t{}\t{}\tours: {} (by {})\ttheirs: {} (by {})",
                    r.id,
                    one_line(r.display_title()),
                    one_line(&c.field),
                    value(&c.ours),
                    one_line(&c.ours_by),
                    value(&c.theirs),
                    one_line(&c.theirs_by)
                )?;
            }
        }
        return Ok(());
    };
    let mut cat = open_for_writing(&args.path, actor)?;
    let id = cat.resolve(id)?;
    let conflict = cat
        .get(&id)
        .and_then(|r| r.conflicts.iter().find(|c| &c.field == field).cloned())
        .ok_or_else(|| CliError::Usage(format!("{id} has no conflict on '{}'", one_line(field))))?;
    let chosen = match (&args.value, args.ours, args.theirs) {
        (Some(v), _, _) => {
            serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.clone()))
        }
        (None, true, _) => conflict.ours.clone(),
        (None, _, true) => conflict.theirs.clone(),
        _ => {
            return Err(CliError::Usage(
                "say which value to keep: --ours, --theirs or --value V".into(),
            ));
        }
    };
    cat.resolve_conflict(&id, field, chosen, actor)?.apply()?;
    writeln!(
        out,
        "Resolved the conflict on '{}' of {id}.",
        one_line(field)
    )?;
    Ok(())
}
