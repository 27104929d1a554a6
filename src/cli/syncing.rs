//! `dossier remote`, `dossier clone` and `dossier sync`: several desktops, one catalogue.

use std::io::Write;
use std::path::Path;

use super::args::Command;
use super::args_keys::RemoteAction;
use super::{CliError, open_for_writing};
use crate::text::one_line;

/// Runs one of this file's commands.
pub(super) fn run(command: &Command, actor: &str, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Remote { path, action } => remote(path, action, actor, out),
        Command::Clone { url, path } => clone(url, path, actor, out),
        Command::Sync { path, name } => sync(path, name.as_deref(), actor, out),
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
    let report = crate::sync::sync(&cat, None, actor, &mut |_| {})?;
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
    let cat = open_for_writing(path, actor)?;
    let mut err = std::io::stderr();
    let s = crate::sync::sync(&cat, name, actor, &mut |step| {
        let _ = writeln!(err, "dossier: {step}...");
    })?;
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
            "A record in conflict keeps both values and cannot be shared until someone chooses (`dossier show {} ID` lists them).",
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
