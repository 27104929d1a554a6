//! The list's search, kept off the frame at scale. A keystroke in the search box changes
//! the filter; at 100,000 records a search that must scan all the text takes 4-7 ms,
//! with sorting more, which would hold that frame past its budget. So a big catalogue is
//! searched on a thread of its own (the index is shared, not copied: an edit made while
//! a search runs copies it once) and the list keeps showing the last results until the
//! new ones come, a frame or two later. A small catalogue (or a session without a window,
//! in tests) is searched on the frame, where it takes well under a millisecond.
//!
//! Whatever must act on exactly what the filter finds (a package of the listed records,
//! an export) asks for [`LiveSearch::exact`], which waits for the search or runs it.

use std::sync::Arc;
use std::time::Duration;

use eframe::egui;

use super::task::Task;
use crate::model::RecordId;
use crate::search::{Facets, Filter, SearchIndex, SortColumn};

/// What a search is of: the catalogue's generation, the filter, the sort and its direction.
pub type SearchKey = (u64, Filter, SortColumn, bool);

/// What a search found: the records in order, and the facet counts.
pub type Found = (Vec<RecordId>, Facets);

/// Indexes of fewer records are searched on the frame.
pub const ON_FRAME_BELOW: usize = 20_000;

/// The results shown, and the search running for newer ones.
pub struct LiveSearch {
    shown: Option<(SearchKey, Found)>,
    running: Option<(SearchKey, Task<Found>)>,
    /// Where finished searches wake the window; without one, searches run on the frame.
    ctx: Option<egui::Context>,
    /// Indexes with fewer records than this are searched on the frame.
    pub on_frame_below: usize,
    /// How many searches ran off the frame, this session.
    pub started_off_frame: usize,
}

impl Default for LiveSearch {
    fn default() -> Self {
        LiveSearch {
            shown: None,
            running: None,
            ctx: None,
            on_frame_below: ON_FRAME_BELOW,
            started_off_frame: 0,
        }
    }
}

impl LiveSearch {
    /// Lets big searches run off the frame, waking this window when they finish.
    pub fn set_context(&mut self, ctx: egui::Context) {
        self.ctx = Some(ctx);
    }

    /// What the list shows for `key`: its results once found, until then the last ones
    /// (starting the search if it is not running yet).
    pub fn shown(&mut self, key: SearchKey, index: &Arc<SearchIndex>) -> &Found {
        self.take_finished();
        if !self.is_shown(&key) {
            match &self.ctx {
                Some(ctx) if index.len() >= self.on_frame_below => {
                    self.start(key, index, &ctx.clone());
                }
                _ => self.shown = Some(found_now(key, index)),
            }
        }
        self.shown_or_empty()
    }

    /// Shows `found` as the results for `key` (found elsewhere, before this session had a
    /// list), unless results are shown already.
    pub fn show(&mut self, key: SearchKey, found: Found) {
        if self.shown.is_none() && self.running.is_none() {
            self.shown = Some((key, found));
        }
    }

    /// The results for exactly `key`: waited for, or found now.
    pub fn exact(&mut self, key: SearchKey, index: &Arc<SearchIndex>) -> &Found {
        self.take_finished();
        if !self.is_shown(&key) {
            if let Some((k, task)) = self.running.take_if(|(k, _)| *k == key)
                && let Some(Ok(found)) = task.wait(Duration::from_secs(60))
            {
                self.shown = Some((k, found));
            }
            if !self.is_shown(&key) {
                self.shown = Some(found_now(key, index));
            }
        }
        self.shown_or_empty()
    }

    /// True while a search runs off the frame (the list may show the last results).
    pub fn is_searching(&self) -> bool {
        self.running.is_some()
    }

    /// Waits for the running search (tests, and closing).
    pub fn wait(&mut self, timeout: Duration) {
        if let Some((key, task)) = self.running.take()
            && let Some(Ok(found)) = task.wait(timeout)
        {
            self.shown = Some((key, found));
        }
    }

    fn is_shown(&self, key: &SearchKey) -> bool {
        self.shown.as_ref().is_some_and(|(k, _)| k == key)
    }

    fn shown_or_empty(&self) -> &Found {
        static EMPTY: std::sync::OnceLock<Found> = std::sync::OnceLock::new();
        match &self.shown {
            Some((_, found)) => found,
            None => EMPTY.get_or_init(Found::default),
        }
    }

    /// Shows a finished search's results: they are newer than those shown, whatever they
    /// were for (a search for an older key then gives way to one for the current key).
    fn take_finished(&mut self) {
        let Some((k, task)) = &self.running else {
            return;
        };
        match task.poll() {
            Some(Ok(found)) => {
                self.shown = Some((k.clone(), found));
                self.running = None;
            }
            // A search cannot fail; a thread that could not start is searched again.
            Some(Err(_)) => self.running = None,
            None => {}
        }
    }

    /// Starts searching for `key` unless a search for it is running. One search runs at a
    /// time: while another runs, this one starts when it ends (the next frame after).
    fn start(&mut self, key: SearchKey, index: &Arc<SearchIndex>, ctx: &egui::Context) {
        if self.running.is_some() {
            return;
        }
        let index = Arc::clone(index);
        let for_thread = key.clone();
        let task = Task::spawn(crate::t!("task-search"), "search", ctx, move |_| {
            Ok(found_now(for_thread, &index).1)
        });
        self.running = Some((key, task));
        self.started_off_frame += 1;
    }
}

/// The index, to change (an edit, a move to the trash): a running search is waited for
/// first (a few milliseconds at 100,000 records), so that the index is not copied on the
/// UI thread (60 MiB and more) only because that search still reads it.
pub fn index_mut<'a>(
    search: &mut LiveSearch,
    index: &'a mut Arc<SearchIndex>,
) -> &'a mut SearchIndex {
    search.wait(Duration::from_secs(5));
    Arc::make_mut(index)
}

/// Searches `index` for `key` on this thread.
fn found_now(key: SearchKey, index: &SearchIndex) -> (SearchKey, Found) {
    let (_, filter, sort, ascending) = &key;
    let result = index.search_sorted(filter, *sort, *ascending);
    let found = (result.ids, result.facets);
    (key, found)
}
