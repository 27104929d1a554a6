//! What the person can ask for. Panels only record requests, as `Command`s, while they
//! draw; the app carries them out after the panels (egui's demo and rerun's viewer do the
//! same), so no panel ever changes the catalogue in the middle of a frame.

use std::path::PathBuf;

use crate::model::{Label, Recipient, RecordId, RecordKind, ReviewAction, Sha256};
use crate::search::SortColumn;

/// Something the person asked for during a frame, applied after the panels are drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    NewCatalogue {
        path: PathBuf,
        title: String,
    },
    OpenCatalogue(PathBuf),
    CloseCatalogue,
    /// Open the catalogue of the unlock dialog with what was typed there.
    Unlock,
    /// Forget an encrypted catalogue's keys and show the unlock screen (Ctrl+L).
    Lock,
    /// File > Passphrases...
    ShowPassphrases,
    /// File > Sync...: the remotes, when last synced, and Sync now.
    ShowSync,
    /// Show the native folder dialog for a folder (a USB stick) to sync through.
    ChooseSyncFolder,
    /// Sync through this folder from now on (a repository is made in it when empty).
    AddSyncFolder(PathBuf),
    /// Sync with the first remote now.
    SyncNow,
    /// Settle a conflict a sync left: the field's value chosen or combined.
    ResolveConflict {
        id: RecordId,
        field: String,
        value: serde_json::Value,
    },
    /// Add the passphrase typed in the passphrases dialog.
    AddPassphrase,
    /// Remove the passphrase with this label.
    RemovePassphrase(String),
    /// Show the native folder dialog, then open what was chosen.
    ChooseCatalogue,
    /// Show the native file dialog, then import what was chosen.
    ChooseFilesToImport {
        into: Option<RecordId>,
    },
    Import {
        files: Vec<PathBuf>,
        into: Option<RecordId>,
    },
    NewRecord(RecordKind),
    /// A plain click or arrow: this record alone (or none).
    Select(Option<RecordId>),
    /// Ctrl+click: the record joins the chosen ones or leaves them.
    ToggleMark(RecordId),
    /// Shift+click: every record from the last clicked one to this one.
    MarkRange(RecordId),
    /// Ctrl+A in the list.
    MarkAll,
    /// Shift+Up or Shift+Down.
    ExtendMarks(isize),
    MoveSelection(isize),
    SaveNow,
    /// Undo the last change of this session (Ctrl+Z), itself a logged change.
    Undo,
    /// Do again what the last undo undid (Ctrl+Shift+Z).
    Redo,
    TrashSelected,
    Restore(RecordId),
    EmptyTrash,
    RetrySave,
    SavePreferences {
        name: String,
        verify_reminder_days: u32,
        lock_after_minutes: u32,
        /// "Two people for every approval" for the open catalogue (None: leave it).
        two_people: Option<bool>,
    },
    /// Verify the open catalogue in the background.
    VerifyCatalogue,
    /// Show the native folder dialog, then look there for missing originals.
    ChooseRelinkFolder,
    Relink(PathBuf),
    OpenAttachment {
        sha256: Sha256,
        name: String,
    },
    /// Open the viewer on one attachment of a record.
    ViewAttachment {
        record: RecordId,
        sha256: Sha256,
    },
    /// Make a redacted copy of an attachment (in the background) and add it to its record.
    SaveRedactedCopy {
        record: RecordId,
        sha256: Sha256,
        ops: Vec<crate::model::RedactOp>,
        label: Label,
    },
    ShowPlace(Place),
    SortBy(SortColumn),
    /// Back to the first order: last changed first.
    DefaultOrder,
    FocusSearch,
    /// Submit, approve or request changes to records, with the reviewer's comment.
    Review {
        ids: Vec<RecordId>,
        action: ReviewAction,
        comment: String,
    },
    SetLabel {
        ids: Vec<RecordId>,
        label: Label,
    },
    AddTag {
        ids: Vec<RecordId>,
        tag: String,
    },
    /// Move the chosen records to the trash.
    TrashMany(Vec<RecordId>),
    /// Set up a CSV export: of these records, or (None) of the list shown.
    ExportCsv(Option<Vec<RecordId>>),
    /// Show the native save dialog for the CSV export being set up.
    ChooseCsvDestination,
    /// Write the CSV export being set up to this new file.
    WriteCsv(PathBuf),
    /// Show the native file dialog for a list (CSV) to import.
    ChooseCsvToImport,
    /// Read this list (CSV) and show what importing it would do.
    PlanCsvImport(PathBuf),
    /// Import the list that was planned and shown.
    ImportPlannedCsv,
    ShowRecipients,
    SaveRecipients(Vec<Recipient>),
    OpenShareWizard,
    /// Show the native save dialog, then write the wizard's package there.
    ChooseShareDestination,
    StartShare(PathBuf),
    CancelShare,
    ShowSharingLog,
    /// Show the native file dialog, then receive the chosen package.
    ChoosePackageToReceive,
    /// Receive the encrypted package of the package passphrase dialog with what was typed.
    ReceiveProtected,
    /// Ask where (and how encrypted) this package is to be received.
    Receive(PathBuf),
    /// Receive the package of the new-catalogue dialog where it says.
    ReceiveNew,
    /// Save the current filter as a named view.
    SaveView(String),
    RemoveView(String),
    RenameView {
        from: String,
        to: String,
    },
    /// Ask before merging the duplicate person `other` into `keep`.
    ConfirmMerge {
        keep: RecordId,
        other: RecordId,
    },
    /// Merge the duplicate person `other` into `keep`.
    MergePersons {
        keep: RecordId,
        other: RecordId,
    },
    MarkDistinct {
        a: RecordId,
        b: RecordId,
    },
    /// Accept changes made outside Dossier for review.
    AcceptOutsideChanges(Vec<RecordId>),
    /// Show the native folder dialog, then look there for the record's logged version.
    ChooseLoggedVersion(RecordId),
    /// Look in this file or folder for the record's logged version, and restore it.
    RestoreLoggedVersion {
        id: RecordId,
        from: PathBuf,
    },
    /// Show the interface in this language (remembered in settings.json).
    SetLanguage(crate::i18n::Language),
    /// Set the office packages are sent in the name of.
    SetOffice(String),
}

/// Which part of the catalogue the centre shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Place {
    #[default]
    Records,
    Trash,
    ReviewQueue,
    Statistics,
    Duplicates,
    /// Records two desktops changed differently, waiting for a person.
    Conflicts,
}

/// A window over the main one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKind {
    Problems,
    AuditLog,
    About,
    Shortcuts,
    Guide,
    ShareWizard,
    Recipients,
    SharingLog,
    VerifyReport,
    RelinkReport,
    Viewer,
}

impl WindowKind {
    pub const ALL: [WindowKind; 11] = [
        WindowKind::Problems,
        WindowKind::AuditLog,
        WindowKind::About,
        WindowKind::Shortcuts,
        WindowKind::Guide,
        WindowKind::ShareWizard,
        WindowKind::Recipients,
        WindowKind::SharingLog,
        WindowKind::VerifyReport,
        WindowKind::RelinkReport,
        WindowKind::Viewer,
    ];
}
