//! The command line, as clap parses it. The spellings here are a public interface that
//! people's scripts rely on: add to them, never rename.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::model::{ContentWarning, FuzzyDate, Label, RecordKind, Verification};

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "An offline catalogue for sensitive human-rights evidence.",
    long_about = "An offline catalogue for sensitive human-rights evidence.\n\n\
        With no command, opens the desktop app on the last catalogue (or, the first time, \
        on a copy of the sample catalogue).",
    after_help = "Labels: clear, green, amber, amber-strict, red (TLP 2.0).\n\
        Kinds: report, statement, media, person, incident.\n\
        Dates: 2020-09-27, 2020-09, 2020, 2020-09-27..2020-11-09; add ? if uncertain, ~ if approximate."
)]
pub struct Cli {
    /// The name recorded as the author of changes (default: the name set in the app, or
    /// the system user name).
    #[arg(long, global = true, env = "DOSSIER_USER", value_name = "NAME")]
    pub user: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a catalogue in the desktop app.
    Open {
        /// The catalogue folder.
        path: PathBuf,
    },
    /// Create a new, empty catalogue.
    New {
        /// A new or empty folder.
        path: PathBuf,
        #[arg(long)]
        title: String,
    },
    /// Add a record and print its id.
    Add(Box<AddArgs>),
    /// Import files as new media records, or attach them to a record with --record.
    Import {
        path: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Attach the files to this record (id or a unique beginning of it).
        #[arg(long, value_name = "ID")]
        record: Option<String>,
        /// The label of new media records and attachments (default: amber, or the record's).
        #[arg(long)]
        label: Option<Label>,
    },
    /// List records, optionally filtered.
    List {
        path: PathBuf,
        #[arg(long)]
        kind: Option<RecordKind>,
        #[arg(long)]
        label: Option<Label>,
        /// Text to search for; every word must match.
        #[arg(long, short)]
        query: Option<String>,
        /// Print JSON (an array of records) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one record.
    Show {
        path: PathBuf,
        /// A record id, or a unique beginning of one.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Check every file of a catalogue; exits 1 and lists the problems if there are any.
    Check { path: PathBuf },
    /// Verify fixity and custody: re-hash every original, parse every record, check the
    /// audit chain end to end. Exits 1 on any problem. The result is logged.
    Verify {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Look through FOLDER for missing originals and restore those whose SHA-256 matches.
    Relink { path: PathBuf, folder: PathBuf },
    /// A record's chain of custody, newest first.
    History {
        path: PathBuf,
        /// A record id, or a unique beginning of one.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The catalogue's audit log, newest first, optionally filtered.
    Log {
        path: PathBuf,
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        action: Option<crate::audit::Action>,
        /// Only entries on or after this day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<jiff::civil::Date>,
        /// Only entries on or before this day (YYYY-MM-DD).
        #[arg(long)]
        until: Option<jiff::civil::Date>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    pub path: PathBuf,
    #[arg(long)]
    pub kind: RecordKind,
    #[arg(long)]
    pub title: String,
    /// Default: amber.
    #[arg(long)]
    pub label: Option<Label>,
    #[arg(long)]
    pub date: Option<FuzzyDate>,
    /// A file to attach (repeat for more).
    #[arg(long = "attach", value_name = "FILE")]
    pub attach: Vec<PathBuf>,
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long)]
    pub place: Option<String>,
    /// The author or issuing body.
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub language: Option<String>,
    /// A tag (repeat for more).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// A content warning (repeat for more): graphic-violence, identifiable-victim, minor,
    /// personal-data.
    #[arg(long = "warning")]
    pub warnings: Vec<ContentWarning>,
    #[arg(long)]
    pub verification: Option<Verification>,
    #[arg(long = "source-name")]
    pub source_name: Option<String>,
    #[arg(long = "source-url")]
    pub source_url: Option<String>,
}
