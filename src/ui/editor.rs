//! What the record editor holds besides the record: the draft being edited and the text
//! of fields that only reach the draft once they parse (dates, coordinates).

use crate::model::{LinkKind, Record, Sha256, StatusEntry};

/// Seconds after the last keystroke before an edit saves by itself.
pub const SAVE_DELAY: f64 = 1.0;

/// The record being edited and the editor's own text buffers.
pub struct Editor {
    pub draft: Record,
    /// The date as typed; it goes into the draft only when it parses.
    pub date_text: String,
    pub date_error: Option<String>,
    /// When (egui time) the draft last changed without being committed.
    pub changed_at: Option<f64>,
    pub new_tag: String,
    pub link_kind: LinkKind,
    pub link_query: String,
    /// Move keyboard focus to the title field on the next frame (new records).
    pub focus_title: bool,
    /// The reviewer's comment being typed.
    pub review_text: String,
    /// A person's date of birth as typed; it reaches the record only when it parses.
    pub birth_text: String,
    pub birth_error: Option<String>,
    /// The timeline's dates as typed.
    pub timeline_dates: DateTexts,
    /// The coordinates as typed.
    pub coords_text: String,
    pub coords_error: Option<String>,
    /// A save of this person's edit withdrew the record's approval: say so until another
    /// record is chosen.
    pub withdrawn: bool,
}

impl Editor {
    pub fn new(record: Record) -> Self {
        let birth_text = record
            .person
            .as_ref()
            .and_then(|p| p.birth)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let coords_text = record
            .coordinates
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default();
        Editor {
            date_text: record.date.map(|d| d.to_string()).unwrap_or_default(),
            date_error: None,
            draft: record,
            changed_at: None,
            new_tag: String::new(),
            link_kind: LinkKind::Mentions,
            link_query: String::new(),
            focus_title: false,
            review_text: String::new(),
            birth_text,
            birth_error: None,
            timeline_dates: Default::default(),
            coords_text,
            coords_error: None,
            withdrawn: false,
        }
    }
}

/// Which tab of the right panel is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EditorTab {
    #[default]
    Record,
    History,
}

/// The attachment whose details window is open, with its date being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsState {
    pub sha256: Sha256,
    pub collected_at_text: String,
    pub collected_at_error: Option<String>,
    /// Every embedded field the file carries (EXIF, XMP, IPTC, PNG text, video tags),
    /// read from its headers when the window opened.
    pub embedded: Vec<crate::media::embedded::Field>,
}

/// What the timeline's date fields hold as typed (one per entry, in order).
#[derive(Debug, Clone, Default)]
pub struct DateTexts {
    pub texts: Vec<(String, Option<String>)>,
}

impl DateTexts {
    /// Starts again from the entries when they no longer match what is typed (an entry
    /// added, removed, or moved into date order by a save).
    pub fn sync(&mut self, timeline: &[StatusEntry]) {
        let stale =
            self.texts.len() != timeline.len()
                || self.texts.iter().zip(timeline).any(|((text, error), e)| {
                    error.is_none() && text.trim().parse().ok() != e.date
                });
        if stale {
            self.texts = timeline
                .iter()
                .map(|e| (e.date.map(|d| d.to_string()).unwrap_or_default(), None))
                .collect();
        }
    }
}
