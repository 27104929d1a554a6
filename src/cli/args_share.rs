//! The arguments of `dossier share` (apart from `args.rs`, which is long enough).

use std::path::PathBuf;

use crate::model::RecordKind;

#[derive(Debug, clap::Args)]
pub struct ShareArgs {
    pub path: PathBuf,
    /// The recipient's name (see `dossier recipients PATH list`).
    #[arg(long)]
    pub recipient: String,
    /// A new folder, or a new file ending in .zip.
    #[arg(long, required_unless_present = "dry_run")]
    pub out: Option<PathBuf>,
    /// Only show what would go in and what is held back, and why.
    #[arg(long)]
    pub dry_run: bool,
    /// Only these records (repeat); default: every record that may go.
    #[arg(long = "record", value_name = "ID")]
    pub records: Vec<String>,
    /// Only records matching this search (every word must match).
    #[arg(long, short)]
    pub query: Option<String>,
    #[arg(long)]
    pub kind: Option<RecordKind>,
    /// Send files with their embedded metadata (GPS positions, camera serial numbers,
    /// capture times, names), deliberately: by default it is removed for the public and
    /// for TLP:CLEAR and TLP:GREEN recipients. Logged.
    #[arg(long, conflicts_with = "strip_metadata")]
    pub keep_metadata: bool,
    /// Send files without their embedded metadata whatever the recipient. Logged.
    #[arg(long)]
    pub strip_metadata: bool,
    /// The language of the package's report, index.html: en (the default), hy or ru.
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = report_language)]
    pub report_language: crate::i18n::Language,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Encrypt the package (an AES-256 zip that 7-Zip opens; needs --out FILE.zip) under
    /// a strong passphrase Dossier makes and prints: give it to the recipient another way.
    #[arg(long)]
    pub encrypt: bool,
    /// Encrypt the package under the passphrase in this file (at least 16 characters).
    #[arg(long, value_name = "FILE", conflicts_with = "encrypt")]
    pub encrypt_passphrase_file: Option<PathBuf>,
}

/// `--report-language`: one of the interface's languages.
fn report_language(code: &str) -> Result<crate::i18n::Language, String> {
    crate::i18n::Language::from_code(code)
        .ok_or_else(|| format!("'{code}' is not a report language; use en, hy or ru"))
}
