//! The command line: the same core as the app, for scripts and tests.
//!
//! Commands write their results to the given output and return an error for the caller to
//! print on stderr (exit code 1). Commands that only read open the catalogue read-only, so
//! they work while the app has it open.

mod args;
mod args_keys;
mod args_media;
mod args_share;
mod converting;
mod integrity;
mod keys;
mod media;
mod packages;
mod persons;
mod records;
mod sharing;
mod snapshots;
mod syncing;
mod unlock;

use std::io::Write;
use std::path::Path;

pub use args::{
    AddArgs, Cli, Command, FilterArgs, RecipientsAction, SetArgs, ShareArgs, ViewsAction,
};

use crate::settings::{Paths, Settings, actor_name};
use crate::store::{Catalogue, OpenOptions, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    List(#[from] crate::lists::ListError),
    #[error(transparent)]
    Share(#[from] crate::share::ShareError),
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    /// The command cannot do what was asked (a flag that does not apply, a name that is
    /// not there); nothing was changed.
    #[error("{0}")]
    Usage(String),
    /// The command ran and found problems, listed in the message.
    #[error("{0}")]
    Found(String),
    /// Sharing was refused: nothing may go to this recipient; nothing was written.
    #[error("{0}")]
    Refused(String),
    #[error("could not write the output: {0}")]
    Output(#[from] std::io::Error),
}

/// Runs one command (not `open`, which the binary handles by starting the app).
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let result = run_command(cli, out);
    snapshots::finish();
    result
}

fn run_command(cli: &Cli, out: &mut dyn Write) -> Result<(), CliError> {
    unlock::remember_sources(cli);
    let settings = Settings::load(&Paths::from_env());
    let actor = actor_name(cli.user.as_deref(), &settings);
    let Some(command) = &cli.command else {
        return Err(CliError::Usage(
            "no command given; see dossier --help".into(),
        ));
    };
    match command {
        Command::Open { .. }
        | Command::New { .. }
        | Command::Generate { .. }
        | Command::Add(_)
        | Command::Import { .. }
        | Command::Show { .. }
        | Command::Check { .. }
        | Command::Catalogue { .. } => records::run(command, &actor, out),
        Command::List { .. }
        | Command::Stats { .. }
        | Command::ExportCsv { .. }
        | Command::ImportCsv { .. }
        | Command::Columns
        | Command::Duplicates { .. }
        | Command::Merge { .. }
        | Command::Distinct { .. }
        | Command::Views { .. }
        | Command::Status { .. } => persons::run(command, &actor, out),
        Command::Passphrase { .. }
        | Command::Encrypt { .. }
        | Command::Decrypt { .. }
        | Command::RotateKey { .. } => keys::run(command, &actor, out),
        Command::Remote { .. }
        | Command::Clone { .. }
        | Command::Sync { .. }
        | Command::Conflicts(_) => syncing::run(command, &actor, out),
        Command::Redact(_) | Command::Preview(_) | Command::PreviewWorker { .. } => {
            media::run(command, &actor, out)
        }
        Command::Verify { .. }
        | Command::Resolve { .. }
        | Command::Relink { .. }
        | Command::History { .. }
        | Command::Log { .. } => integrity::run(command, &actor, out),
        Command::Set(_)
        | Command::Review { .. }
        | Command::Queue { .. }
        | Command::Recipients { .. }
        | Command::Share(_)
        | Command::ShareVerify { .. }
        | Command::Receive { .. } => sharing::run(command, &actor, out),
    }
}

/// Opens for writing if it can (it may still open read-only; the caller decides).
pub(crate) fn open_as(path: &Path, actor: &str) -> Result<Catalogue, CliError> {
    open_with(path, Some(actor), Opening::Whole)
}

/// What of the catalogue a command opens (see `OpenOptions::only` and `lazy`).
enum Opening {
    Whole,
    Only(Vec<crate::model::RecordId>),
    Lazy,
}

/// Opens the catalogue at `path` (for writing as `actor`, or read-only), from the
/// snapshot where it serves; with `only`, for those records alone when it can be.
fn open_with(path: &Path, actor: Option<&str>, opening: Opening) -> Result<Catalogue, CliError> {
    let mut cat = Catalogue::open(
        path,
        OpenOptions {
            read_only: actor.is_none(),
            user: actor.unwrap_or_default().to_string(),
            secret: unlock::secret_for(path)?,
            snapshot: true,
            snapshot_key: snapshots::key(),
            lazy: matches!(opening, Opening::Lazy),
            // A list searches the snapshot's index: it is read while the files are checked.
            index_ahead: matches!(opening, Opening::Lazy),
            only: match opening {
                Opening::Only(ids) => Some(ids),
                _ => None,
            },
            ..OpenOptions::default()
        },
    )?;
    snapshots::write_behind(&mut cat);
    report_opening(&cat, path);
    Ok(cat)
}

/// Opens the catalogue at `path` for the records `texts` name (and those they link to)
/// alone when the snapshot allows it, whole otherwise: for writing as `actor`, or
/// read-only. A command about a few records then costs about the same at 100 or 100,000.
pub(crate) fn open_for_records(
    path: &Path,
    actor: Option<&str>,
    texts: &[&str],
) -> Result<Catalogue, CliError> {
    open_named(path, actor, texts, false)
}

/// Opens for writing new records that link to (or go into) the records `texts` name:
/// those alone, none when there are none, since a new record needs nothing else of the
/// catalogue (`dossier add` and `import` at 100,000 records: 0.46 s whole, 0.085 s so).
pub(crate) fn open_for_new_records(
    path: &Path,
    actor: &str,
    texts: &[&str],
) -> Result<Catalogue, CliError> {
    open_named(path, Some(actor), texts, true)
}

/// Opens read-only for what the catalogue holds besides its records (its recipients, its
/// log): no record file is listed, read or decoded when the snapshot allows it, as for a
/// new record (`dossier recipients list` and `log` at 100,000 records: see BENCHMARKS.md).
pub(crate) fn open_for_details(path: &Path) -> Result<Catalogue, CliError> {
    open_named(path, None, &[], true)
}

/// Opens for the records `texts` name when each names one by itself (and, unless
/// `none_is_enough`, there is at least one), whole otherwise; an opening for writing
/// that can only read says why.
fn open_named(
    path: &Path,
    actor: Option<&str>,
    texts: &[&str],
    none_is_enough: bool,
) -> Result<Catalogue, CliError> {
    let ids: Option<Vec<_>> = texts.iter().map(|t| Catalogue::id_named(path, t)).collect();
    let opening = match ids {
        Some(ids) if none_is_enough || !ids.is_empty() => Opening::Only(ids),
        _ => Opening::Whole,
    };
    let cat = open_with(path, actor, opening)?;
    match cat.read_only_reason() {
        Some(reason) if actor.is_some() => Err(StoreError::ReadOnly(reason.clone()).into()),
        _ => Ok(cat),
    }
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
    open_with(path, None, Opening::Whole)
}

/// Runs `print` with `out` buffered, then writes what is left. Standard output writes each
/// line as it ends: a list of 9,000 records was 9,000 writes (18 ms of a 0.3 s `list` at
/// 100,000 records), and pretty JSON has a write per line of it. Prompts and progress are
/// written unbuffered, so they show at once.
pub(crate) fn buffered(
    out: &mut dyn Write,
    print: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let mut out = std::io::BufWriter::new(out);
    print(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Opens read-only for a list: the records the snapshot serves stay in it until the
/// list asks for them (`Catalogue::load_also`).
pub(crate) fn open_for_listing(path: &Path) -> Result<Catalogue, CliError> {
    open_with(path, None, Opening::Lazy)
}
