//! Attachments: importing files into a catalogue, telling what they are, and thumbnails.
//!
//! Importing goes through `store::BlobStore` (the only writer of originals); this module
//! adds what an attachment record needs around the bytes.

pub mod audio;
pub mod embedded;
pub mod faces;
pub mod metadata;
pub mod pdf;
pub mod redact;
pub mod thumbs;
pub mod video;
pub mod worker;

use std::path::Path;

use jiff::Timestamp;

use crate::model::{Attachment, Extra, Label};
use crate::store::{BlobStore, StoreError};

/// Broad classes of media, for icons and for the kind of preview to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaClass {
    /// A still image.
    Photo,
    /// A video.
    Video,
    /// An audio recording.
    Audio,
    /// A document (PDF, text, office files).
    Document,
    /// Anything else.
    Other,
}

impl MediaClass {
    /// The class of a MIME type such as `image/jpeg`.
    pub fn of(media_type: &str) -> MediaClass {
        let top = media_type.split('/').next().unwrap_or("");
        match top {
            "image" => MediaClass::Photo,
            "video" => MediaClass::Video,
            "audio" => MediaClass::Audio,
            "text" => MediaClass::Document,
            _ if media_type == "application/pdf"
                || media_type.contains("document")
                || media_type.contains("msword")
                || media_type.contains("opendocument")
                || media_type == "application/rtf" =>
            {
                MediaClass::Document
            }
            _ => MediaClass::Other,
        }
    }

    /// The class's name, as shown and as written in lists.
    pub fn name(self) -> &'static str {
        match self {
            MediaClass::Photo => "Photo",
            MediaClass::Video => "Video",
            MediaClass::Audio => "Audio",
            MediaClass::Document => "Document",
            MediaClass::Other => "File",
        }
    }
}

/// The media type of a file, from its first bytes where they tell, else from its name.
pub fn detect_media_type(head: &[u8], name: &str) -> String {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type().to_string();
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let by_name = match ext.as_str() {
        "txt" | "md" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "html" | "htm" => "text/html",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "srt" | "vtt" => "text/plain",
        _ => "application/octet-stream",
    };
    by_name.to_string()
}

/// A file copied into the catalogue's originals.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The file described as an attachment (not yet on any record).
    pub attachment: Attachment,
    /// Identical bytes were already stored (the file is a duplicate of an original).
    pub already_stored: bool,
}

/// Copies `path` into the catalogue's originals and describes it as an attachment with the
/// given label.
pub fn import_file(
    blobs: &BlobStore,
    path: &Path,
    actor: &str,
    label: Label,
    progress: &mut dyn FnMut(u64),
) -> Result<Imported, StoreError> {
    let ingested = blobs.ingest(path, progress)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ingested.sha256.to_string());
    let media_type = detect_media_type(&ingested.head, &name);
    let stored = blobs.path_of(&ingested.sha256);
    let metadata = metadata::read_metadata(
        crate::durable::vault::Source::stored(blobs.vault(), &stored),
        &media_type,
    );
    let attachment = Attachment {
        media_type,
        sha256: ingested.sha256,
        name,
        size: ingested.size,
        label,
        warnings: Default::default(),
        description: String::new(),
        original_path: path.to_string_lossy().into_owned(),
        imported_at: Timestamp::now(),
        imported_by: actor.to_string(),
        derived_from: None,
        redaction: None,
        metadata,
        provenance: Default::default(),
        extra: Extra::new(),
    };
    Ok(Imported {
        attachment,
        already_stored: ingested.already_stored,
    })
}

/// A size in bytes as people read it: `532 KB`, `1.4 GB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    match unit {
        0 => format!("{bytes} bytes"),
        _ if value < 10.0 => format!("{value:.1} {}", UNITS[unit]),
        _ => format!("{value:.0} {}", UNITS[unit]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_beats_the_extension() {
        let png_head = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(detect_media_type(png_head, "photo.jpg"), "image/png");
        assert_eq!(detect_media_type(b"hello", "notes.txt"), "text/plain");
        assert_eq!(detect_media_type(b"", "x.bin"), "application/octet-stream");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(532), "532 bytes");
        assert_eq!(human_size(1_400_000_000), "1.4 GB");
        assert_eq!(human_size(53_000), "53 KB");
    }
}
