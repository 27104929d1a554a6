//! The arguments of `dossier redact` and `dossier preview` (apart from `args.rs`, which is
//! long enough).

use std::path::PathBuf;

use clap::Args;

use crate::model::{Area, Label, Region};

/// `dossier redact`: a redacted copy of a picture on the same record.
#[derive(Debug, Args)]
pub struct RedactArgs {
    pub path: PathBuf,
    /// The original's SHA-256 (as `dossier show` lists it).
    pub sha256: String,
    /// Make a region unrecognisable (pixelated, then blurred): X,Y,W,H in pixels of the
    /// picture as it is shown. Repeat for more regions.
    #[arg(long, value_name = "X,Y,W,H")]
    pub blur: Vec<Region>,
    /// Fill a region with black. Repeat for more regions.
    #[arg(long, value_name = "X,Y,W,H")]
    pub fill: Vec<Region>,
    /// Make a freehand area unrecognisable: the points of its outline, X1,Y1,X2,Y2,X3,Y3...
    /// (at least three). Repeat for more areas.
    #[arg(long, value_name = "X1,Y1,X2,Y2,...")]
    pub blur_area: Vec<Area>,
    /// Fill a freehand area with black (its outline as for --blur-area).
    #[arg(long, value_name = "X1,Y1,X2,Y2,...")]
    pub fill_area: Vec<Area>,
    /// Keep only this region (applied after the blurs and fills).
    #[arg(long, value_name = "X,Y,W,H")]
    pub crop: Option<Region>,
    /// Leave out embedded metadata (EXIF, XMP, IPTC). A copy with blurs, fills or a crop
    /// never carries any; alone, this keeps the original's format and pixels.
    #[arg(long)]
    pub strip_metadata: bool,
    /// The copy's own label (usually lower than the original's).
    #[arg(long)]
    pub label: Label,
    /// The record, when several hold the same original (id or a unique beginning).
    #[arg(long, value_name = "ID")]
    pub record: Option<String>,
}

/// `dossier preview`: the picture the app shows for an attachment, as PNG.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    pub path: PathBuf,
    /// The attachment's SHA-256.
    pub sha256: String,
    /// Where to write the PNG.
    #[arg(long, value_name = "FILE.png")]
    pub out: PathBuf,
    /// The longest side, in pixels.
    #[arg(long, value_name = "PX", default_value_t = 256)]
    pub size: u32,
}
