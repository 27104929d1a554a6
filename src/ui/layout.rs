//! The window's layout: how wide each panel may be, which columns the record list shows,
//! and what was laid out last frame (for the tests that check nothing is cut off).
//!
//! The list must always keep room for a record's label, whole: it is the one column that
//! decides who may see a record. Panels have bounds that follow the window's width, so a
//! wide record in the editor can never squeeze the list, and View > Reset layout starts
//! every panel and column afresh.

use std::collections::BTreeSet;

use eframe::egui::{self, Rect, Ui};
use serde::{Deserialize, Serialize};

use crate::model::{Label, RecordId};
use crate::search::SortColumn;
use crate::t;

/// The filters panel on the left: (least, first, most) width in points.
pub const FACETS_WIDTH: (f32, f32, f32) = (150.0, 200.0, 260.0);
/// The editor on the right: least and first width; the most depends on the window.
pub const EDITOR_WIDTH: (f32, f32) = (300.0, 360.0);
/// The editor never takes more than this share of the window.
const EDITOR_SHARE: f32 = 0.45;
/// The list keeps at least this much room: the label, the kind and some of the title.
pub const LIST_MIN_WIDTH: f32 = 330.0;

/// A column of the record list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ListColumn {
    /// The TLP label: always shown, first, whole.
    Label,
    Kind,
    Title,
    /// A person's current status, its date and basis.
    Status,
    Date,
    Verification,
    Files,
}

impl ListColumn {
    /// Every column, in the order shown.
    pub const ALL: [ListColumn; 7] = [
        ListColumn::Label,
        ListColumn::Kind,
        ListColumn::Title,
        ListColumn::Status,
        ListColumn::Date,
        ListColumn::Verification,
        ListColumn::Files,
    ];

    /// The column's heading, in the interface's language.
    pub fn name(self) -> String {
        match self {
            ListColumn::Label => t!("column-label"),
            ListColumn::Kind => t!("column-kind"),
            ListColumn::Title => t!("column-title"),
            ListColumn::Status => t!("column-status"),
            ListColumn::Date => t!("column-date"),
            ListColumn::Verification => t!("column-verification"),
            ListColumn::Files => t!("column-files"),
        }
    }

    /// Whether the person may hide it (the label and the title always show).
    pub fn hideable(self) -> bool {
        !matches!(self, ListColumn::Label | ListColumn::Title)
    }

    pub fn sort(self) -> SortColumn {
        match self {
            ListColumn::Label => SortColumn::Label,
            ListColumn::Kind => SortColumn::Kind,
            ListColumn::Title => SortColumn::Title,
            ListColumn::Status => SortColumn::StatusDate,
            ListColumn::Date => SortColumn::Date,
            ListColumn::Verification => SortColumn::Verification,
            ListColumn::Files => SortColumn::Attachments,
        }
    }

    /// (first, least) width in points; the title takes what is left.
    pub fn widths(self) -> (f32, f32) {
        match self {
            ListColumn::Label => (0.0, 0.0), // measured: see `badge_width`
            ListColumn::Kind => (78.0, 50.0),
            ListColumn::Title => (220.0, 140.0),
            ListColumn::Status => (170.0, 80.0),
            ListColumn::Date => (100.0, 60.0),
            ListColumn::Verification => (104.0, 60.0),
            ListColumn::Files => (44.0, 34.0),
        }
    }
}

/// What the person chose about the layout, remembered between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayoutPrefs {
    /// Raised by View > Reset layout: panels and columns take new ids, so egui's
    /// remembered sizes no longer apply.
    pub generation: u32,
    pub hidden: BTreeSet<ListColumn>,
}

impl LayoutPrefs {
    /// The columns shown, in order.
    pub fn shown(&self) -> Vec<ListColumn> {
        ListColumn::ALL
            .into_iter()
            .filter(|c| !c.hideable() || !self.hidden.contains(c))
            .collect()
    }

    /// An id salt for a panel or table that forgets its remembered size on a reset.
    pub fn id(&self, name: &'static str) -> (&'static str, u32) {
        (name, self.generation)
    }

    pub fn reset(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.hidden.clear();
    }
}

/// The most the editor may take of a window `width` wide, with the filters `facets` wide:
/// what leaves the list its least width, and never more than a share of the window.
pub fn editor_max_width(width: f32, facets: f32) -> f32 {
    (width - facets - LIST_MIN_WIDTH)
        .min(width * EDITOR_SHARE)
        .max(EDITOR_WIDTH.0)
}

/// The width of the widest label badge at the current text size, with its margins.
pub fn badge_width(ui: &Ui) -> f32 {
    let font = egui::FontId::proportional(super::theme::BADGE_TEXT_SIZE);
    let widest = Label::ALL
        .iter()
        .map(|l| {
            ui.ctx().fonts_mut(|f| {
                f.layout_no_wrap(l.as_str().to_string(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            })
        })
        .fold(0.0, f32::max);
    // The badge has 5 points of margin each side, and the cell a little more.
    (widest + 16.0).ceil()
}

/// Where things were drawn last frame, for tests: nothing a person needs may be cut off.
#[derive(Debug, Clone)]
pub struct LayoutSeen {
    pub window: Rect,
    pub facets: Rect,
    pub editor: Rect,
    /// What the editor's content took (wider than `editor` when it does not wrap).
    pub editor_content: Rect,
    pub list: Rect,
    /// Each label badge drawn in the list: its record, its rect, and the part of the
    /// window its cell may draw in.
    pub badges: Vec<(RecordId, Rect, Rect)>,
    /// The ids of the list's column dividers (for the mouse; Tab passes over them).
    pub dividers: Vec<egui::Id>,
}

impl Default for LayoutSeen {
    fn default() -> Self {
        LayoutSeen {
            window: Rect::NOTHING,
            facets: Rect::NOTHING,
            editor: Rect::NOTHING,
            editor_content: Rect::NOTHING,
            list: Rect::NOTHING,
            badges: Vec::new(),
            dividers: Vec::new(),
        }
    }
}

impl LayoutSeen {
    /// The badges that are not wholly visible.
    pub fn clipped_badges(&self) -> Vec<RecordId> {
        self.badges
            .iter()
            .filter(|(_, rect, clip)| {
                let visible = clip.intersect(self.list);
                // Rows scrolled half out of view at the top or bottom are fine; cut
                // from the side is not.
                let vertical_edge = rect.min.y < visible.min.y || rect.max.y > visible.max.y;
                !vertical_edge && !visible.expand(0.5).contains_rect(*rect)
            })
            .map(|(id, _, _)| *id)
            .collect()
    }
}
