//! The command line, as clap parses it. The spellings here are a public interface that
//! people's scripts rely on: add to them, never rename.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use super::args_share::ShareArgs;

use crate::model::{
    ContentWarning, EvidenceBasis, FuzzyDate, Label, LinkKind, PersonCategory, PersonStatus,
    RecipientKind, RecordKind, Sex, Verification,
};

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
    /// A file whose first line is a new passphrase (`dossier new`, `passphrase add` and
    /// `change`, `encrypt`); without it, the terminal asks twice.
    #[arg(
        long,
        global = true,
        env = "DOSSIER_NEW_PASSPHRASE_FILE",
        value_name = "FILE"
    )]
    pub new_passphrase_file: Option<PathBuf>,

    /// The name recorded as the author of changes (default: the name set in the app, or
    /// the system user name).
    #[arg(long, global = true, env = "DOSSIER_USER", value_name = "NAME")]
    pub user: Option<String>,

    /// A file whose first line is the passphrase of an encrypted catalogue (for scripts;
    /// a passphrase is never given on the command line itself). Without it, and without
    /// DOSSIER_PASSPHRASE_FILE, a command asks on the terminal. Plain catalogues ignore it.
    #[arg(
        long,
        global = true,
        env = "DOSSIER_PASSPHRASE_FILE",
        value_name = "FILE"
    )]
    pub passphrase_file: Option<PathBuf>,

    /// A file holding an encrypted catalogue's printed recovery key: opens it when every
    /// passphrase is lost.
    #[arg(
        long,
        global = true,
        env = "DOSSIER_RECOVERY_KEY_FILE",
        value_name = "FILE"
    )]
    pub recovery_key_file: Option<PathBuf>,

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
        /// Make it unencrypted (a public archive): whoever can read the folder reads
        /// everything in it. New catalogues are encrypted unless this is given.
        #[arg(long)]
        plain: bool,
    },
    /// Make a synthetic catalogue of fictional records and photographs, for measuring
    /// Dossier at scale: persons with timelines, incidents, reports, statements, media, in
    /// Armenian, Russian and English, linked, with 12-megapixel JPEGs carrying EXIF.
    Generate {
        /// A new or empty folder.
        path: PathBuf,
        /// How many records.
        #[arg(long, default_value_t = 1000)]
        records: usize,
        /// How many JPEG photographs, attached to media records and statements.
        #[arg(long, default_value_t = 100)]
        attachments: usize,
        /// The same seed gives the same records, ids and photographs.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Width of the photographs in pixels (height is 3/4 of it; 4000 is 12 megapixels).
        #[arg(long, default_value_t = 4000, value_name = "PIXELS")]
        image_width: u32,
        /// Make it unencrypted (measuring the plain format, or a public demo).
        #[arg(long)]
        plain: bool,
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
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON (an array of records) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Counts for a list: persons by status, evidence basis and category, and status
    /// changes and incidents per week. Every count is the length of a list.
    Stats {
        path: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Write a list as CSV, with chosen columns. Records above --max-label are left out.
    ExportCsv {
        path: PathBuf,
        /// The CSV file to write (it must not exist yet).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        /// Columns, comma-separated (default: all but `name`). See `dossier columns`.
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
        /// The most restricted label that may go into the file (default: amber).
        #[arg(long = "max-label", default_value = "amber")]
        max_label: Label,
    },
    /// Import a CSV list: shows line by line what will be created or updated and every
    /// error; when any line is wrong nothing is created (unless --skip-errors).
    ImportCsv {
        path: PathBuf,
        file: PathBuf,
        /// Only show what would happen.
        #[arg(long)]
        dry_run: bool,
        /// Import the good lines even when others are wrong.
        #[arg(long)]
        skip_errors: bool,
    },
    /// The columns export-csv and import-csv know.
    Columns,
    /// Persons who may be the same person (same name in any script, close birth dates).
    Duplicates {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Merge a duplicate person into another: both histories are kept, the duplicate goes
    /// to the trash, and the merge is logged.
    Merge {
        path: PathBuf,
        /// The person to keep (id or a unique beginning of one).
        keep: String,
        /// The duplicate to merge into it.
        duplicate: String,
    },
    /// Mark two persons as different people, so they are no longer suggested as duplicates.
    Distinct { path: PathBuf, a: String, b: String },
    /// Saved views: named lists shown in the app's left panel.
    Views {
        path: PathBuf,
        #[command(subcommand)]
        action: ViewsAction,
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
        /// Also prove that the log extends a chain head given out earlier (ENTRIES:SHA256,
        /// as an earlier verify or a package's manifest printed it): a log rewritten since
        /// fails.
        #[arg(long, value_name = "HEAD")]
        against: Option<String>,
    },
    /// Show the catalogue's details (title, office, id, chain head), or change them.
    Catalogue {
        path: PathBuf,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        /// The office packages are sent in the name of (by default the title).
        #[arg(long)]
        office: Option<String>,
        /// "Two people for every approval" (on by default): whoever submitted a record
        /// may not approve it. A single-person office may turn it off; logged.
        #[arg(long, value_name = "on|off", value_parser = ["on", "off"])]
        two_people: Option<String>,
    },
    /// Decide about records changed outside Dossier (see `dossier check`): accept the
    /// change for review, or restore the version Dossier last logged from a copy.
    Resolve {
        path: PathBuf,
        /// The records (ids or unique beginnings).
        ids: Vec<String>,
        /// Every record changed outside Dossier.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Accept the change: the record goes to review as it now is.
        #[arg(long, required_unless_present = "restore", conflicts_with = "restore")]
        accept: bool,
        /// Restore the logged version from FROM: that file, or a folder (a backup, another
        /// desktop's catalogue) searched for a copy whose SHA-256 the log vouches for.
        #[arg(long, value_name = "FROM")]
        restore: Option<PathBuf>,
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
    /// Add an entry to a person's status timeline (the latest entry is the current status).
    Status {
        path: PathBuf,
        /// A person's id, or a unique beginning of one.
        id: String,
        /// missing, captured, returned, died-in-custody, killed, injured, found-alive,
        /// remains-identified.
        #[arg(long)]
        status: PersonStatus,
        /// acknowledged, not-acknowledged, indirect.
        #[arg(long)]
        basis: Option<EvidenceBasis>,
        #[arg(long)]
        date: FuzzyDate,
        /// A record the entry rests on (repeat for more).
        #[arg(long = "source", value_name = "ID")]
        sources: Vec<String>,
        #[arg(long)]
        verification: Option<Verification>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Change plain fields of a record. Changing an approved record's content or label
    /// returns it to review.
    Set(Box<SetArgs>),
    /// Move a record through review: submit it, approve it for sharing, or request changes.
    #[command(group(clap::ArgGroup::new("step").required(true).args(["submit", "approve", "request_changes"])))]
    Review {
        path: PathBuf,
        /// A record id, or a unique beginning of one (repeat for several).
        #[arg(required = true)]
        ids: Vec<String>,
        /// Ask for review.
        #[arg(long)]
        submit: bool,
        /// Approve for sharing (logged with your name).
        #[arg(long)]
        approve: bool,
        /// Send back with a comment saying what to change.
        #[arg(long)]
        request_changes: bool,
        #[arg(long, value_name = "C")]
        comment: Option<String>,
    },
    /// The records waiting for review, the longest-waiting first.
    Queue {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The people and organisations packages may be made for.
    Recipients {
        path: PathBuf,
        #[command(subcommand)]
        action: RecipientsAction,
    },
    /// The passphrases of an encrypted catalogue: list, add one for a colleague, change
    /// one, remove one (new passphrases come from --new-passphrase-file or the terminal).
    Passphrase {
        path: PathBuf,
        #[command(subcommand)]
        action: super::args_keys::PassphraseAction,
    },
    /// The places this catalogue syncs with: add (a folder or an ssh URL), list, remove.
    Remote {
        path: PathBuf,
        #[command(subcommand)]
        action: super::args_keys::RemoteAction,
    },
    /// List the records in conflict after a sync, or settle one field: keep this
    /// desktop's value (--ours), take the other's (--theirs), or give one (--value).
    Conflicts(Box<super::args_keys::ConflictArgs>),
    /// Make a redacted copy of a picture on the same record (regions blurred or filled, a
    /// crop, embedded metadata left out), with its own label; prints its SHA-256. The
    /// original is never changed.
    Redact(Box<super::args_media::RedactArgs>),
    /// Write the preview the app shows for an attachment (a picture's thumbnail) as PNG.
    /// Graphic items too: the command line is deliberate.
    Preview(super::args_media::PreviewArgs),
    /// The preview worker (run by Dossier itself): a file's bytes on standard input, a
    /// PNG on standard output.
    #[command(hide = true)]
    PreviewWorker {
        #[arg(long)]
        kind: String,
        #[arg(long, default_value_t = 256)]
        size: u32,
        #[arg(long, default_value_t = 0)]
        page: usize,
    },
    /// Make this desktop's copy of a synced catalogue from a remote (a new folder).
    Clone { url: String, path: PathBuf },
    /// Sync with a remote (the only one, or NAME): send this desktop's changes, receive
    /// the others', merge each record both changed, and report conflicts.
    Sync { path: PathBuf, name: Option<String> },
    /// Encrypt a plain catalogue in place (resumable: run it again after a crash).
    Encrypt { path: PathBuf },
    /// Turn an encrypted catalogue back into plain files (resumable).
    Decrypt { path: PathBuf },
    /// Seal every file again under a new key, wrapped only by your passphrase and a new
    /// recovery key: removed colleagues, and anyone who kept the old key, are shut out.
    RotateKey { path: PathBuf },
    /// Make a package for a recipient: only approved records within their clearance go in.
    Share(Box<ShareArgs>),
    /// Check a received package (folder or .zip) against its manifest. Exits 1 on any problem.
    ShareVerify {
        package: PathBuf,
        #[arg(long)]
        json: bool,
        /// An encrypted package's passphrase, in a file (or the terminal asks).
        #[arg(long, env = "DOSSIER_PACKAGE_PASSPHRASE_FILE", value_name = "FILE")]
        package_passphrase_file: Option<PathBuf>,
    },
    /// Receive a package from another office: into a new read-only catalogue at DEST
    /// (encrypted, as `new` makes them, unless --plain), or with --merge into the existing
    /// catalogue DEST (labels kept, records start as drafts).
    Receive {
        package: PathBuf,
        dest: PathBuf,
        #[arg(long)]
        merge: bool,
        /// Make the new catalogue plain, not encrypted.
        #[arg(long, conflicts_with = "merge")]
        plain: bool,
        /// An encrypted package's passphrase, in a file (or the terminal asks).
        #[arg(long, env = "DOSSIER_PACKAGE_PASSPHRASE_FILE", value_name = "FILE")]
        package_passphrase_file: Option<PathBuf>,
    },
}

/// Which records a list holds. Every part narrows the list; repeat a flag for alternatives.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Start from a saved view (see `dossier views PATH list`).
    #[arg(long)]
    pub view: Option<String>,
    #[arg(long)]
    pub kind: Vec<RecordKind>,
    #[arg(long)]
    pub label: Vec<Label>,
    /// Persons whose current status is this: missing, captured, returned, died-in-custody,
    /// killed, injured, found-alive, remains-identified.
    #[arg(long)]
    pub status: Vec<PersonStatus>,
    /// Persons whose current status rests on this: acknowledged, not-acknowledged, indirect.
    #[arg(long)]
    pub basis: Vec<EvidenceBasis>,
    /// civilian or serviceman.
    #[arg(long)]
    pub category: Vec<PersonCategory>,
    /// Records dated (persons: current status dated) on or after this day, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<jiff::civil::Date>,
    /// ... on or before this day.
    #[arg(long)]
    pub until: Option<jiff::civil::Date>,
    #[arg(long)]
    pub tag: Vec<String>,
    /// Text to search for; every word must match.
    #[arg(long, short)]
    pub query: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ViewsAction {
    /// List the saved views with how many records each shows.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Save a view (replacing one of the same name).
    Add {
        name: String,
        #[command(flatten)]
        filter: Box<FilterArgs>,
    },
    /// Remove a saved view.
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum RecipientsAction {
    /// Add a recipient.
    Add {
        name: String,
        /// government-agency, international-organisation, ngo, mediator, public.
        #[arg(long)]
        kind: RecipientKind,
        /// The most restricted label they may receive (public: clear only).
        #[arg(long = "max-label")]
        max_label: Label,
        #[arg(long)]
        contact: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// Packages for them name the person who makes each one (by default only the
        /// office's name goes out; see `dossier catalogue PATH --office`).
        #[arg(long)]
        name_sender: bool,
    },
    /// List the recipients.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a recipient (packages already made stay in the log).
    Remove { name: String },
}

#[derive(Debug, clap::Args)]
pub struct SetArgs {
    pub path: PathBuf,
    /// A record id, or a unique beginning of one.
    pub id: String,
    #[arg(long)]
    pub label: Option<Label>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub body: Option<String>,
    /// A date; an empty value clears it.
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub language: Option<String>,
    #[arg(long)]
    pub verification: Option<Verification>,
    #[arg(long = "add-tag", value_name = "TAG")]
    pub add_tags: Vec<String>,
    #[arg(long = "remove-tag", value_name = "TAG")]
    pub remove_tags: Vec<String>,
    #[arg(long = "add-warning", value_name = "W")]
    pub add_warnings: Vec<ContentWarning>,
    #[arg(long = "remove-warning", value_name = "W")]
    pub remove_warnings: Vec<ContentWarning>,
    /// Never leaves the catalogue; only a salted hash of it is logged.
    #[arg(long = "private-notes")]
    pub private_notes: Option<String>,
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
    /// For a person: the first status of their timeline.
    #[arg(long)]
    pub status: Option<PersonStatus>,
    /// For a person: what the status rests on.
    #[arg(long, requires = "status")]
    pub basis: Option<EvidenceBasis>,
    /// For a person: when the status began.
    #[arg(long = "status-date", requires = "status")]
    pub status_date: Option<FuzzyDate>,
    /// For a person: another name, as TEXT or TEXT:LANG (e.g. "Aram Petrosyan:hy-Latn").
    #[arg(long = "name", value_name = "TEXT[:LANG]")]
    pub names: Vec<String>,
    /// For a person: date of birth (may be partial, e.g. 1998).
    #[arg(long)]
    pub birth: Option<FuzzyDate>,
    #[arg(long)]
    pub sex: Option<Sex>,
    /// For a person: civilian or serviceman.
    #[arg(long)]
    pub category: Option<PersonCategory>,
    /// Coordinates of the place, as "LAT,LON" in decimal degrees.
    #[arg(long, value_name = "LAT,LON")]
    pub coordinates: Option<String>,
    /// A link to another record, as KIND:ID (repeat). For incidents the roles of persons:
    /// victim:ID, witness:ID, perpetrator:ID.
    #[arg(long = "link", value_name = "KIND:ID")]
    pub links: Vec<String>,
}

/// Parses "KIND:ID" for `--link`.
pub fn split_link(text: &str) -> Result<(LinkKind, &str), String> {
    let (kind, id) = text
        .split_once(':')
        .ok_or_else(|| format!("'{text}' should be KIND:ID, e.g. victim:0190a8c4"))?;
    Ok((
        kind.parse()
            .map_err(|e: crate::model::UnknownValue| e.to_string())?,
        id.trim(),
    ))
}
