//! One open catalogue in the app: the catalogue, its search index, what the person is
//! looking at (filter, sort, selection) and the record being edited.
//!
//! Edits go to a draft; the draft is committed to the catalogue (debounced, on Ctrl+S, on
//! selecting another record and on close), which yields a `WriteBatch` for the writer.

use std::collections::{BTreeSet, HashSet};

use crate::model::{Label, LinkKind, Record, RecordId, RecordKind, ReviewAction, Sha256};
use crate::search::duplicates::DuplicatePair;
use crate::search::{Facets, Filter, SearchIndex, SortColumn};
use crate::share::QueueItem;
use crate::store::{Catalogue, StoreError, WriteBatch};

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
    pub timeline_dates: crate::ui::timeline_editor::DateTexts,
    /// The coordinates as typed.
    pub coords_text: String,
    pub coords_error: Option<String>,
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
}

/// The date range of the left panel, as typed.
#[derive(Debug, Clone, Default)]
pub struct RangeText {
    pub from: String,
    pub until: String,
    pub error: Option<String>,
}

/// The review queue: its rows (recomputed when the catalogue changes), the ticked ones and
/// the comment for bulk actions.
#[derive(Debug, Default)]
pub struct QueueState {
    pub ticked: BTreeSet<RecordId>,
    pub comment: String,
    cache: Option<(u64, Vec<QueueItem>)>,
}

/// Possible duplicates: the last found (with the catalogue generation they are for) and
/// the search running in the background, if any.
#[derive(Default)]
struct DuplicatesState {
    found: Option<(u64, Vec<DuplicatePair>)>,
    task: Option<(u64, std::sync::mpsc::Receiver<Vec<DuplicatePair>>)>,
}

pub struct Session {
    pub cat: Catalogue,
    pub index: SearchIndex,
    pub filter: Filter,
    pub sort: SortColumn,
    pub ascending: bool,
    pub place: Place,
    pub selected: Option<RecordId>,
    pub editor: Option<Editor>,
    /// Attachments (record id, sha256) whose graphic preview was revealed this session.
    pub revealed: HashSet<(RecordId, Sha256)>,
    /// Records whose last write failed: memory is ahead of disk until a retry succeeds.
    pub unsaved: BTreeSet<RecordId>,
    /// Scroll the list to the selection on the next frame.
    pub scroll_to_selected: bool,
    pub editor_tab: EditorTab,
    pub details: Option<DetailsState>,
    pub log_view: crate::ui::audit_log_window::LogView,
    pub queue: QueueState,
    pub sharing_log: crate::ui::sharing_log::SharingLogView,
    results: Vec<RecordId>,
    facets: Facets,
    results_for: Option<(u64, Filter, SortColumn, bool)>,
    pub range: RangeText,
    /// The name being typed for a new saved view (None: not saving).
    pub new_view: Option<String>,
    stats_for: Option<((u64, Filter), crate::stats::Stats)>,
    duplicates: DuplicatesState,
}

impl Session {
    pub fn new(cat: Catalogue, index: SearchIndex) -> Self {
        Session {
            cat,
            index,
            filter: Filter::default(),
            sort: SortColumn::Modified,
            ascending: false,
            place: Place::Records,
            selected: None,
            editor: None,
            revealed: HashSet::new(),
            unsaved: BTreeSet::new(),
            scroll_to_selected: false,
            editor_tab: EditorTab::Record,
            details: None,
            log_view: Default::default(),
            queue: QueueState::default(),
            sharing_log: Default::default(),
            results: Vec::new(),
            facets: Facets::default(),
            results_for: None,
            range: RangeText::default(),
            new_view: None,
            stats_for: None,
            duplicates: DuplicatesState::default(),
        }
    }

    /// The records the list shows, sorted. Recomputed only when something changed.
    pub fn results(&mut self) -> &[RecordId] {
        self.refresh();
        &self.results
    }

    /// The sorted results together with the catalogue they come from.
    pub fn listing(&mut self) -> (&[RecordId], &Catalogue) {
        self.refresh();
        (&self.results, &self.cat)
    }

    pub fn facets(&mut self) -> &Facets {
        self.refresh();
        &self.facets
    }

    fn refresh(&mut self) {
        let key = (
            self.cat.generation(),
            self.filter.clone(),
            self.sort,
            self.ascending,
        );
        if self.results_for.as_ref() == Some(&key) {
            return;
        }
        let found = self
            .index
            .search_sorted(&self.filter, self.sort, self.ascending);
        self.results = found.ids;
        self.facets = found.facets;
        self.results_for = Some(key);
    }

    /// The records waiting for review, longest-waiting first.
    pub fn queue_items(&mut self) -> &[QueueItem] {
        let generation = self.cat.generation();
        if self
            .queue
            .cache
            .as_ref()
            .is_none_or(|(g, _)| *g != generation)
        {
            let items = crate::share::review_queue(&self.cat);
            let live: HashSet<RecordId> = items.iter().map(|i| i.id).collect();
            self.queue.ticked.retain(|id| live.contains(id));
            self.queue.cache = Some((generation, items));
        }
        self.queue
            .cache
            .as_ref()
            .map(|(_, i)| i.as_slice())
            .unwrap_or(&[])
    }

    /// Moves records through review (committing the draft first), keeping the editor in
    /// step with what was stored.
    pub fn review(
        &mut self,
        ids: &[RecordId],
        action: ReviewAction,
        comment: &str,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let reviewed = self.cat.review(ids, action, comment, actor)?;
        batch.summary = reviewed.summary.clone();
        batch.extend(reviewed);
        self.after_bulk(ids);
        Ok(batch)
    }

    /// Accepts changes made outside Dossier for review (committing the draft first).
    pub fn accept_outside(
        &mut self,
        ids: &[RecordId],
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let accepted = self.cat.accept_outside_changes(ids, actor)?;
        batch.summary = accepted.summary.clone();
        batch.extend(accepted);
        self.after_bulk(ids);
        Ok(batch)
    }

    /// Puts back a record's logged version from `bytes` (read from `source`), dropping any
    /// unsaved draft of it: the draft was made over the outside change being undone.
    pub fn restore_logged(
        &mut self,
        id: &RecordId,
        bytes: &[u8],
        source: &str,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let restored = self.cat.restore_logged_version(id, bytes, source, actor)?;
        batch.summary = restored.summary.clone();
        batch.extend(restored);
        self.after_bulk(std::slice::from_ref(id));
        Ok(batch)
    }

    /// Labels many records at once (committing the draft first).
    pub fn set_label(
        &mut self,
        ids: &[RecordId],
        label: Label,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let labelled = self.cat.set_label(ids, label, actor)?;
        batch.summary = labelled.summary.clone();
        batch.extend(labelled);
        self.after_bulk(ids);
        Ok(batch)
    }

    /// The statistics of the current list (the records the list shows), recomputed when
    /// the catalogue or the filter changes.
    pub fn stats(&mut self) -> &crate::stats::Stats {
        let key = (self.cat.generation(), self.filter.clone());
        if self.stats_for.as_ref().is_none_or(|(k, _)| *k != key) {
            self.refresh();
            let records = self.results.iter().filter_map(|id| self.cat.get(id));
            let stats = crate::stats::Stats::compute(records, &self.filter);
            self.stats_for = Some((key, stats));
        }
        &self.stats_for.as_ref().expect("just computed").1
    }

    /// Possible duplicate persons as last found, and whether they are still current (the
    /// catalogue has not changed since). None until a search has finished.
    pub fn duplicates(&mut self) -> Option<(&[DuplicatePair], bool)> {
        self.poll_duplicates();
        let generation = self.cat.generation();
        self.duplicates
            .found
            .as_ref()
            .map(|(g, pairs)| (pairs.as_slice(), *g == generation))
    }

    /// Whether a search for duplicates is running.
    pub fn finding_duplicates(&self) -> bool {
        self.duplicates.task.is_some()
    }

    /// Starts looking for duplicates on another thread unless the last search is current
    /// or one is already running for this state of the catalogue (at 100,000 records it
    /// takes a second or two: the window must not wait).
    pub fn find_duplicates(&mut self, ctx: &eframe::egui::Context) {
        self.poll_duplicates();
        let generation = self.cat.generation();
        let current = |g: Option<u64>| g == Some(generation);
        if current(self.duplicates.found.as_ref().map(|(g, _)| *g))
            || current(self.duplicates.task.as_ref().map(|(g, _)| *g))
        {
            return;
        }
        let persons = crate::search::duplicates::PersonNames::of(self.cat.records());
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(crate::search::duplicates::find_among(&persons));
            ctx.request_repaint();
        });
        self.duplicates.task = Some((generation, rx));
    }

    fn poll_duplicates(&mut self) {
        if let Some((generation, rx)) = &self.duplicates.task {
            match rx.try_recv() {
                Ok(pairs) => {
                    self.duplicates.found = Some((*generation, pairs));
                    self.duplicates.task = None;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.duplicates.task = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
    }

    /// Waits for a running search for duplicates (tests, and closing).
    pub fn wait_for_duplicates(&mut self, timeout: std::time::Duration) {
        if let Some((generation, rx)) = &self.duplicates.task {
            if let Ok(pairs) = rx.recv_timeout(timeout) {
                self.duplicates.found = Some((*generation, pairs));
            }
            self.duplicates.task = None;
        }
    }

    /// Merges a duplicate person into another (committing the draft first).
    pub fn merge(
        &mut self,
        keep: RecordId,
        other: RecordId,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let merged = self.cat.merge_persons(&keep, &other, actor)?;
        batch.summary = merged.summary.clone();
        batch.extend(merged);
        self.index.remove(&other);
        if self.selected == Some(other) {
            self.selected = Some(keep);
            self.editor = self.cat.get(&keep).cloned().map(Editor::new);
        }
        let linked: Vec<RecordId> = self
            .cat
            .records()
            .iter()
            .filter(|r| r.links.iter().any(|l| l.target == keep))
            .map(|r| r.id)
            .chain([keep])
            .collect();
        self.after_bulk(&linked);
        Ok(batch)
    }

    pub fn mark_distinct(
        &mut self,
        a: RecordId,
        b: RecordId,
        actor: &str,
    ) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let marked = self.cat.mark_distinct(&a, &b, actor)?;
        batch.summary = "Marked as different persons".into();
        batch.extend(marked);
        self.after_bulk(&[a]);
        Ok(batch)
    }

    /// Saves the current filter as a view named `name` (replacing one of that name).
    pub fn save_view(&mut self, name: &str) -> Result<WriteBatch, StoreError> {
        let mut views = self.cat.views().to_vec();
        let view = crate::search::SavedView {
            name: name.trim().to_string(),
            filter: self.filter.clone(),
        };
        match views
            .iter_mut()
            .find(|v| v.name.trim().eq_ignore_ascii_case(name.trim()))
        {
            Some(v) => *v = view,
            None => views.push(view),
        }
        let mut batch = self.cat.set_views(views)?;
        batch.summary = format!("Saved the view '{}'", name.trim());
        Ok(batch)
    }

    pub fn remove_view(&mut self, name: &str) -> Result<WriteBatch, StoreError> {
        let mut views = self.cat.views().to_vec();
        views.retain(|v| v.name != name);
        let mut batch = self.cat.set_views(views)?;
        batch.summary = format!("Removed the view '{name}'");
        Ok(batch)
    }

    /// Shows a saved view's list.
    pub fn apply_view(&mut self, name: &str) {
        if let Some(v) = self.cat.view(name) {
            self.filter = v.filter.clone();
            self.range = RangeText {
                from: self.filter.from.map(|d| d.to_string()).unwrap_or_default(),
                until: self.filter.until.map(|d| d.to_string()).unwrap_or_default(),
                error: None,
            };
        }
    }

    fn after_bulk(&mut self, ids: &[RecordId]) {
        for id in ids {
            if let Some(r) = self.cat.get(id) {
                self.index.upsert(r);
            }
        }
        if let Some(editor) = &mut self.editor
            && ids.contains(&editor.draft.id)
            && let Some(stored) = self.cat.get(&editor.draft.id)
        {
            editor.draft = stored.clone();
            editor.review_text.clear();
        }
    }

    /// Selects a record (or none), committing the draft of the one being left.
    pub fn select(
        &mut self,
        id: Option<RecordId>,
        actor: &str,
    ) -> Result<Option<WriteBatch>, StoreError> {
        let batch = self.commit(actor)?;
        if self.selected != id {
            self.details = None;
        }
        self.selected = id;
        self.editor = id
            .and_then(|id| self.cat.get(&id).or_else(|| self.cat.get_trashed(&id)))
            .cloned()
            .map(Editor::new);
        Ok(batch)
    }

    /// Writes the draft into the catalogue if it differs from what is stored.
    pub fn commit(&mut self, actor: &str) -> Result<Option<WriteBatch>, StoreError> {
        let Some(editor) = &mut self.editor else {
            return Ok(None);
        };
        editor.changed_at = None;
        let id = editor.draft.id;
        match self.cat.get(&id) {
            Some(stored) if *stored == editor.draft => return Ok(None),
            None => return Ok(None), // in the trash: read-only
            Some(_) => {}
        }
        if !self.cat.is_writable() {
            return Ok(None);
        }
        let batch = self.cat.put(editor.draft.clone(), actor)?;
        if let Some(stored) = self.cat.get(&id) {
            editor.draft = stored.clone();
            self.index.upsert(stored);
        }
        Ok(Some(batch))
    }

    /// Makes a new record of `kind`, stores it and selects it.
    pub fn new_record(&mut self, kind: RecordKind, actor: &str) -> Result<WriteBatch, StoreError> {
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let record = Record::new(kind, "", actor);
        let id = record.id;
        batch.extend(self.cat.put(record, actor)?);
        if let Some(stored) = self.cat.get(&id) {
            self.index.upsert(stored);
        }
        self.place = Place::Records;
        self.selected = Some(id);
        self.editor = self.cat.get(&id).cloned().map(|r| {
            let mut e = Editor::new(r);
            e.focus_title = true;
            e
        });
        self.scroll_to_selected = true;
        batch.summary = format!("Created a new {}", kind.name().to_lowercase());
        Ok(batch)
    }

    /// Moves the selected record to the trash and selects the next one in the list.
    pub fn trash_selected(&mut self, actor: &str) -> Result<Option<WriteBatch>, StoreError> {
        let Some(id) = self.selected else {
            return Ok(None);
        };
        if self.place != Place::Records {
            return Ok(None);
        }
        let mut batch = self.commit(actor)?.unwrap_or_default();
        let next = {
            let results = self.results();
            let pos = results.iter().position(|r| *r == id);
            pos.and_then(|p| {
                results
                    .get(p + 1)
                    .or_else(|| p.checked_sub(1).and_then(|q| results.get(q)))
            })
            .copied()
        };
        let trashed = self.cat.trash_record(&id, actor)?;
        batch.summary = trashed.summary.clone();
        batch.extend(trashed);
        self.index.remove(&id);
        self.selected = None;
        self.editor = None;
        self.select(next, actor)?;
        Ok(Some(batch))
    }

    pub fn restore(&mut self, id: RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        let batch = self.cat.restore_record(&id, actor)?;
        if let Some(r) = self.cat.get(&id) {
            self.index.upsert(r);
        }
        if self.selected == Some(id) {
            self.editor = self.cat.get(&id).cloned().map(Editor::new);
        }
        Ok(batch)
    }

    pub fn empty_trash(&mut self, actor: &str) -> Result<WriteBatch, StoreError> {
        if self.place == Place::Trash {
            self.selected = None;
            self.editor = None;
        }
        self.cat.empty_trash(actor)
    }

    /// Moves the selection up or down the list by `delta` rows.
    pub fn move_selection(
        &mut self,
        delta: isize,
        actor: &str,
    ) -> Result<Option<WriteBatch>, StoreError> {
        let ids: Vec<RecordId> = match self.place {
            Place::Records => self.results().to_vec(),
            Place::Trash => self.cat.trash().iter().map(|r| r.id).collect(),
            Place::ReviewQueue => self.queue_items().iter().map(|i| i.id).collect(),
            Place::Statistics | Place::Duplicates => return Ok(None),
        };
        if ids.is_empty() {
            return Ok(None);
        }
        let current = self.selected.and_then(|s| ids.iter().position(|r| *r == s));
        let next = match current {
            Some(i) => (i as isize + delta).clamp(0, ids.len() as isize - 1) as usize,
            None if delta > 0 => 0,
            None => ids.len() - 1,
        };
        self.scroll_to_selected = true;
        self.select(Some(ids[next]), actor)
    }

    /// A batch that rewrites the stored version of records whose writes failed.
    pub fn retry_batch(&mut self, actor: &str) -> Option<(WriteBatch, Vec<RecordId>)> {
        if self.unsaved.is_empty() {
            return None;
        }
        let ids: Vec<RecordId> = std::mem::take(&mut self.unsaved).into_iter().collect();
        let mut batch = WriteBatch::new("Saved the changes that had failed");
        for id in &ids {
            if let Ok(b) = self.cat.rewrite(id, actor) {
                batch.extend(b);
            }
        }
        Some((batch, ids))
    }
}
