//! The state the window's chrome shows and changes (menus, toolbar, status bar, the
//! small dialogs and report windows), and [`Chrome`], the small context those panels get
//! each frame instead of the whole app.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::command::Command;
use super::session::Session;
use crate::integrity::{RelinkReport, VerifyReport};
use crate::lists::{Column, default_columns};
use crate::model::{Label, RecordId};
use crate::settings::Settings;

/// What the chrome may read and change during a frame.
pub struct Chrome<'a> {
    pub session: Option<&'a mut Session>,
    pub commands: &'a mut Vec<Command>,
    pub dialogs: &'a mut Dialogs,
    pub prefs: &'a mut Prefs,
    pub settings: &'a Settings,
    pub status: &'a mut Status,
    pub busy: &'a Busy,
}

/// What the app tells the person outside the panels, and results shown until closed.
#[derive(Debug, Default)]
pub struct Status {
    pub save: SaveStatus,
    /// A message for the person (an error that is not about saving), shown until dismissed.
    pub message: Option<String>,
    /// The search box takes the focus on the next frame (Ctrl+F).
    pub focus_search: bool,
    /// The File menu takes the keyboard on the next frame (F10).
    pub focus_menu: bool,
    /// Closing was put off because changes could not be saved; the person chose to close.
    pub close_anyway: bool,
    /// The last verification's result, shown until closed.
    pub verify_report: Option<VerifyReport>,
    pub relink_report: Option<RelinkReport>,
    /// When the open catalogue last synced with its remote (None: it does not sync).
    pub last_synced: Option<jiff::Timestamp>,
}

/// Background work as the chrome shows it, gathered once per frame before drawing.
#[derive(Debug, Default)]
pub struct Busy {
    /// What is going on and how far (None: no fraction known), for the status bar.
    pub progress: Option<(String, Option<f32>)>,
    pub verifying: bool,
    pub relinking: bool,
    pub receiving: bool,
    /// Write batches not yet on disk.
    pub pending_writes: usize,
    /// Days since the last verification (and whether there was one), when overdue.
    pub overdue: Option<(i64, bool)>,
}

/// What the app remembers between runs (in eframe's storage). The catalogue itself never
/// goes there.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    /// Never show graphic previews, not even blurred.
    pub hide_graphic_previews: bool,
    /// The list's columns and the panels' sizes.
    pub layout: super::layout::LayoutPrefs,
    /// Light, dark, or as the system is.
    pub theme: super::theme::ThemeChoice,
    /// The size of all text, as a zoom factor (1.0: egui's own).
    pub text_zoom: Option<f32>,
}

/// What the status bar says about saving.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveStatus {
    pub last: Option<String>,
    pub error: Option<String>,
}

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    Import {
        into: Option<RecordId>,
    },
    Relink,
    /// Where to write a share package (a new `.zip` file or folder).
    SharePackage,
    /// A package (zip or folder) received from another office.
    Receive,
    /// A file or folder holding the logged version of a record changed outside Dossier.
    LoggedVersion(RecordId),
    /// Where to write a CSV export (a new file).
    ExportCsv,
    /// A list (CSV) to import.
    ImportCsv,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedPath {
    pub purpose: PathPurpose,
    pub text: String,
}

/// The preferences being edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrefsForm {
    pub name: String,
    pub reminder_days: String,
    pub lock_minutes: String,
    /// "Two people for every approval" in the open catalogue (None: none open, or it is
    /// read-only).
    pub two_people: Option<bool>,
}

#[derive(Clone, Default, PartialEq, Eq)]
pub struct NewCatalogueForm {
    pub title: String,
    pub folder: String,
    /// A plain catalogue, on purpose (a public archive). Off: encrypted.
    pub plain: bool,
    /// The passphrase, typed twice (wiped from memory when dropped).
    pub passphrase: Zeroizing<String>,
    pub again: Zeroizing<String>,
    /// The package this new catalogue receives (its title then comes from the package).
    pub receiving: Option<PathBuf>,
}

impl std::fmt::Debug for NewCatalogueForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewCatalogueForm({:?}, {:?})", self.title, self.folder)
    }
}

/// Why a new passphrase typed twice cannot be used yet (too short, the two differ).
fn passphrase_problem(passphrase: &str, again: &str) -> Option<String> {
    if passphrase.chars().count() < crate::store::MIN_PASSPHRASE {
        return Some(crate::t!(
            "error-short-passphrase",
            count = crate::store::MIN_PASSPHRASE
        ));
    }
    (passphrase != again).then(|| crate::t!("newcat-passphrases-differ"))
}

impl NewCatalogueForm {
    /// Why the passphrase cannot be used yet (too short, the two differ), if so.
    pub fn passphrase_problem(&self) -> Option<String> {
        if self.plain {
            return None;
        }
        passphrase_problem(&self.passphrase, &self.again)
    }
}

/// Which dialogs are open, with their text buffers.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// First run: the name being typed.
    pub welcome: Option<String>,
    /// The welcome field has been given the keyboard once. Asking every frame would keep
    /// the X11 input-method path busy and starve the window of input.
    pub(super) welcome_focused: bool,
    pub preferences: Option<PrefsForm>,
    /// The catalogue-wide audit log window.
    pub audit_log: bool,
    pub new_catalogue: Option<NewCatalogueForm>,
    pub typed_path: Option<TypedPath>,
    pub problems: bool,
    pub confirm_empty_trash: bool,
    /// A CSV export being set up.
    pub csv_export: Option<CsvExportForm>,
    /// A CSV import planned and shown, waiting for a yes.
    pub csv_import: Option<CsvImportForm>,
    /// A merge of two persons waiting for a yes: (kept, merged into it).
    pub confirm_merge: Option<(RecordId, RecordId)>,
    pub about: bool,
    pub shortcuts: bool,
    /// Help > Getting started.
    pub guide: bool,
    pub unsaved_on_close: bool,
    /// An encrypted catalogue waiting for its passphrase.
    pub unlock: Option<UnlockForm>,
    /// An encrypted package waiting for its passphrase before it is received.
    pub package_passphrase: Option<PackagePassphraseForm>,
    /// File > Passphrases...: the form for a colleague's passphrase.
    pub passphrases: Option<PassphrasesForm>,
    /// A new catalogue's recovery key, shown once, and whether the person says they
    /// have written it down.
    pub recovery_key: Option<(Zeroizing<String>, bool)>,
}

impl Dialogs {
    /// True while a dialog that takes the keyboard is open.
    pub fn any_modal(&self) -> bool {
        self.welcome.is_some()
            || self.preferences.is_some()
            || self.new_catalogue.is_some()
            || self.confirm_empty_trash
            || self.confirm_merge.is_some()
            || self.csv_export.is_some()
            || self.csv_import.is_some()
            || self.unsaved_on_close
            || self.unlock.is_some()
            || self.recovery_key.is_some()
            || self.passphrases.is_some()
            || self.package_passphrase.is_some()
    }

    /// The native dialog gave nothing: it was cancelled, or none could be shown (no
    /// portal and no zenity). Offer a field to type the path, which the person may close.
    pub fn offer_typed_path(&mut self, purpose: PathPurpose) {
        self.typed_path = Some(TypedPath {
            purpose,
            text: String::new(),
        });
    }
}

/// The export being set up.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvExportForm {
    /// The chosen records (None: the list as shown).
    pub ids: Option<Vec<RecordId>>,
    /// Every column, and whether it goes in.
    pub columns: Vec<(Column, bool)>,
    /// Records above this label are left out.
    pub max_label: Label,
}

impl CsvExportForm {
    pub fn new(ids: Option<Vec<RecordId>>) -> CsvExportForm {
        let chosen = default_columns();
        CsvExportForm {
            ids,
            columns: Column::ALL
                .iter()
                .map(|c| (*c, chosen.contains(c)))
                .collect(),
            max_label: Label::Amber,
        }
    }

    /// The columns that go in, in order.
    pub fn chosen(&self) -> Vec<Column> {
        self.columns
            .iter()
            .filter(|(_, on)| *on)
            .map(|(c, _)| *c)
            .collect()
    }
}

/// A planned import waiting for a yes.
#[derive(Debug, Clone)]
pub struct CsvImportForm {
    pub file: PathBuf,
    pub plan: crate::lists::ImportPlan,
    /// Import the good lines though some are wrong.
    pub skip_errors: bool,
}

/// The catalogue being unlocked and what is typed (wiped from memory when dropped).
#[derive(Default)]
pub struct UnlockForm {
    pub path: PathBuf,
    pub secret: Zeroizing<String>,
    /// The recovery key is typed instead of a passphrase.
    pub recovery: bool,
    /// Why the last try did not open it.
    pub error: Option<String>,
    pub(super) focused: bool,
}

impl std::fmt::Debug for UnlockForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UnlockForm({})", self.path.display())
    }
}

impl UnlockForm {
    pub fn new(path: PathBuf, error: Option<String>) -> UnlockForm {
        UnlockForm {
            path,
            error,
            ..UnlockForm::default()
        }
    }
}

/// A colleague's passphrase being added (wiped from memory when dropped).
#[derive(Default)]
pub struct PassphrasesForm {
    pub label: String,
    pub passphrase: Zeroizing<String>,
    pub again: Zeroizing<String>,
    /// The key derivation is running.
    pub working: bool,
    /// Why the last try failed.
    pub error: Option<String>,
}

impl std::fmt::Debug for PassphrasesForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PassphrasesForm({:?})", self.label)
    }
}

impl PassphrasesForm {
    /// Why it cannot be added yet (no label, too short, the two differ).
    pub fn problem(&self) -> Option<String> {
        if self.label.trim().is_empty() {
            return Some(crate::t!(
                "error-no-name",
                what = crate::t!("error-item-passphrase")
            ));
        }
        passphrase_problem(&self.passphrase, &self.again)
    }
}

/// Where a package is received: a new catalogue's folder, and the passphrase that
/// encrypts it (none: plain, as asked for).
#[derive(Clone, Default)]
pub struct ReceiveTarget {
    pub folder: PathBuf,
    pub passphrase: Option<Zeroizing<String>>,
}

/// The passphrase of an encrypted package being received (wiped when dropped).
#[derive(Default)]
pub struct PackagePassphraseForm {
    pub package: PathBuf,
    /// Where it goes, as chosen before the passphrase was asked.
    pub target: ReceiveTarget,
    pub passphrase: Zeroizing<String>,
    /// Why the last try failed (a wrong passphrase, said plainly).
    pub error: Option<String>,
}

impl std::fmt::Debug for PackagePassphraseForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PackagePassphraseForm({})", self.package.display())
    }
}
