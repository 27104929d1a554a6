//! One open catalogue in the app: the catalogue, its search index, what the person is
//! looking at (filter, sort, selection) and the record being edited.
//!
//! Edits go to a draft; the draft is committed to the catalogue (debounced, on Ctrl+S, on
//! selecting another record and on close), which yields a `WriteBatch` for the writer.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use eframe::egui;

use super::command::Place;
use super::editor::{DetailsState, Editor, EditorTab};
use super::live_search::{LiveSearch, SearchKey};
use super::marks::Marks;
use super::memo::Memo;
use super::task::Task;
use super::typeahead::Typeahead;
use super::undo::UndoHistory;
use crate::model::{Label, Record, RecordId, RecordKind, ReviewAction, ReviewState, Sha256};
use crate::search::duplicates::DuplicatePair;
use crate::search::{Facets, Filter, SearchIndex, SortColumn};
use crate::share::QueueItem;
use crate::stats::Stats;
use crate::store::{Catalogue, StoreError, WriteBatch};

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
    /// The rows for (catalogue generation, whether the log could be read without waiting).
    items: Memo<(u64, bool), Vec<QueueItem>>,
}

/// Possible duplicates: the last found (with the catalogue generation they are for) and
/// the search running in the background, if any.
#[derive(Default)]
struct DuplicatesState {
    found: Option<(u64, Vec<DuplicatePair>)>,
    task: Option<(u64, Task<Vec<DuplicatePair>>)>,
}

pub struct Session {
    pub cat: Catalogue,
    /// Shared with a search running off the frame (see `live_search`); changed through
    /// `Arc::make_mut`, which copies it first only while such a search still reads it.
    pub index: Arc<SearchIndex>,
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
    /// Keys typed after Ctrl+N or Ctrl+F, kept until their field takes the keyboard.
    pub typeahead: Typeahead,
    /// What Undo and Redo can bring back, this session.
    pub undo: UndoHistory,
    /// Records chosen together in the list, for bulk actions.
    pub marks: Marks,
    pub details: Option<DetailsState>,
    pub queue: QueueState,
    pub search: LiveSearch,
    pub range: RangeText,
    /// The name being typed for a new saved view (None: not saving).
    pub new_view: Option<String>,
    /// A saved view being renamed: its name, and the new name as typed.
    pub renaming_view: Option<(String, String)>,
    stats: Memo<(u64, Filter), Stats>,
    duplicates: DuplicatesState,
    /// The records being read off the UI thread after a lazy opening, and the commands
    /// that need them all, held until the last is in (`reading.rs`).
    pub(super) reading: Option<super::reading_thread::Reading>,
    pub held: Vec<super::command::Command>,
}

impl Session {
    pub fn new(cat: Catalogue, index: SearchIndex) -> Self {
        let (filter, sort, ascending) = Session::first_search();
        Session {
            cat,
            index: Arc::new(index),
            filter,
            sort,
            ascending,
            place: Place::Records,
            selected: None,
            editor: None,
            revealed: HashSet::new(),
            unsaved: BTreeSet::new(),
            scroll_to_selected: false,
            editor_tab: EditorTab::Record,
            typeahead: Typeahead::default(),
            undo: UndoHistory::default(),
            marks: Marks::default(),
            details: None,
            queue: QueueState::default(),
            search: LiveSearch::default(),
            range: RangeText::default(),
            new_view: None,
            renaming_view: None,
            stats: Memo::default(),
            duplicates: DuplicatesState::default(),
            reading: None,
            held: Vec::new(),
        }
    }

    /// The records the list shows, sorted: those found for the filter, or, while a big
    /// catalogue's search runs off the frame, the last found. Searched again only when
    /// something changed.
    pub fn results(&mut self) -> &[RecordId] {
        let key = self.search_key();
        &self.search.shown(key, &self.index).0
    }

    /// Exactly the records the filter finds now (waited for when a search is running): for
    /// what acts on the listed records.
    pub fn results_now(&mut self) -> &[RecordId] {
        let key = self.search_key();
        &self.search.exact(key, &self.index).0
    }

    /// The listed records together with the catalogue they come from.
    pub fn listing(&mut self) -> (&[RecordId], &Catalogue) {
        let key = self.search_key();
        (&self.search.shown(key, &self.index).0, &self.cat)
    }

    /// The facet counts of the listed records.
    pub fn facets(&mut self) -> &Facets {
        let key = self.search_key();
        &self.search.shown(key, &self.index).1
    }

    /// Shows `found` as the list's first results: the default search's, made while the
    /// catalogue opened (at a million records 0.35 s less before the list shows).
    pub fn show_first(&mut self, found: crate::search::SearchResult) {
        let key = self.search_key();
        self.search.show(key, (found.ids, found.facets));
    }

    /// The filter and sort a new session's list starts with.
    pub fn first_search() -> (Filter, SortColumn, bool) {
        (Filter::default(), SortColumn::Modified, false)
    }

    fn search_key(&self) -> SearchKey {
        (
            self.cat.generation(),
            self.filter.clone(),
            self.sort,
            self.ascending,
        )
    }

    /// The records waiting for review, longest-waiting first.
    pub fn queue_items(&mut self) -> &[QueueItem] {
        let cat = &self.cat;
        let ticked = &mut self.queue.ticked;
        let ready = cat.audit().history_ready();
        self.queue.items.get((cat.generation(), ready), |_| {
            // Until the log's record index is made (off the UI thread), a record's last
            // change stands for when it was submitted.
            let items = crate::share::review_queue_now(cat).unwrap_or_else(|| {
                cat.audit().build_record_index_in_background();
                crate::share::review_queue_unlogged(cat)
            });
            let live: HashSet<RecordId> = items.iter().map(|i| i.id).collect();
            ticked.retain(|id| live.contains(id));
            items
        })
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
    pub fn stats(&mut self) -> &Stats {
        let key = (self.cat.generation(), self.filter.clone());
        let search_key = self.search_key();
        let (cat, index) = (&self.cat, &self.index);
        let (ids, _) = self.search.exact(search_key, index);
        self.stats.get(key, |(_, filter)| {
            Stats::compute(ids.iter().filter_map(|id| cat.get(id)), filter)
        })
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
    pub fn find_duplicates(&mut self, ctx: &egui::Context) {
        self.poll_duplicates();
        let generation = self.cat.generation();
        let current = |g: Option<u64>| g == Some(generation);
        if current(self.duplicates.found.as_ref().map(|(g, _)| *g))
            || current(self.duplicates.task.as_ref().map(|(g, _)| *g))
        {
            return;
        }
        let persons = crate::search::duplicates::PersonNames::of(self.cat.records());
        let task = Task::spawn(crate::t!("task-duplicates"), "duplicates", ctx, move |_| {
            Ok(crate::search::duplicates::find_among(&persons))
        });
        self.duplicates.task = Some((generation, task));
    }

    fn poll_duplicates(&mut self) {
        if let Some((generation, task)) = &self.duplicates.task
            && let Some(result) = task.poll()
        {
            // A search that failed leaves the last result; the next look starts another.
            if let Ok(pairs) = result {
                self.duplicates.found = Some((*generation, pairs));
            }
            self.duplicates.task = None;
        }
    }

    /// Waits for a running search for duplicates (tests, and closing).
    pub fn wait_for_duplicates(&mut self, timeout: std::time::Duration) {
        if let Some((generation, task)) = &self.duplicates.task {
            if let Some(Ok(pairs)) = task.wait(timeout) {
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
        super::live_search::index_mut(&mut self.search, &mut self.index).remove(&other);
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
        batch.summary = crate::t!("done-distinct");
        batch.extend(marked);
        self.after_bulk(&[a]);
        Ok(batch)
    }

    pub(super) fn after_bulk(&mut self, ids: &[RecordId]) {
        for id in ids {
            if let Some(r) = self.cat.get(id) {
                super::live_search::index_mut(&mut self.search, &mut self.index).upsert(r);
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
        self.load_with_links(id);
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
            Some(stored) if same_but_for_order(stored, &editor.draft) => return Ok(None),
            None => return Ok(None), // in the trash: read-only
            Some(_) => {}
        }
        if !self.cat.is_writable() {
            return Ok(None);
        }
        let was_approved = self.cat.get(&id).map(|r| r.review) == Some(ReviewState::Approved);
        let draft = editor.draft.clone();
        let before = self.snapshot(&[id]);
        let batch = self.cat.put(draft, actor)?;
        let mut batch = batch;
        if let Some(stored) = self.cat.get(&id) {
            batch.summary = crate::t!("done-saved", title = stored.display_title());
        }
        if let [before] = &before[..] {
            self.undo.push_save(batch.summary.clone(), before.clone());
        }
        let Some(editor) = &mut self.editor else {
            return Ok(Some(batch));
        };
        if let Some(stored) = self.cat.get(&id) {
            if was_approved && stored.review == ReviewState::InReview {
                editor.withdrawn = true;
            }
            // The store puts a timeline in date order; the editor keeps the order on
            // screen until the record is opened again, so an entry whose date is being
            // typed does not move (and lose the keyboard) when an autosave lands.
            let on_screen = editor.draft.person.take().map(|p| p.timeline);
            editor.draft = stored.clone();
            if let (Some(p), Some(timeline)) = (editor.draft.person.as_mut(), on_screen) {
                p.timeline = timeline;
            }
            super::live_search::index_mut(&mut self.search, &mut self.index).upsert(stored);
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
            super::live_search::index_mut(&mut self.search, &mut self.index).upsert(stored);
        }
        self.place = Place::Records;
        self.selected = Some(id);
        self.editor = self.cat.get(&id).cloned().map(|r| {
            let mut e = Editor::new(r);
            e.focus_title = true;
            e
        });
        self.scroll_to_selected = true;
        batch.summary = crate::t!(
            "done-created",
            kind = crate::ui::words::kind(kind).to_lowercase()
        );
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
        super::live_search::index_mut(&mut self.search, &mut self.index).remove(&id);
        self.selected = None;
        self.editor = None;
        self.select(next, actor)?;
        Ok(Some(batch))
    }

    pub fn restore(&mut self, id: RecordId, actor: &str) -> Result<WriteBatch, StoreError> {
        let batch = self.cat.restore_record(&id, actor)?;
        if let Some(r) = self.cat.get(&id) {
            super::live_search::index_mut(&mut self.search, &mut self.index).upsert(r);
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
            Place::Statistics | Place::Duplicates | Place::Conflicts => return Ok(None),
        };
        let Some(next) = self.neighbour(&ids, delta) else {
            return Ok(None);
        };
        self.scroll_to_selected = true;
        self.select(Some(next), actor)
    }

    /// A batch that rewrites the stored version of records whose writes failed.
    pub fn retry_batch(&mut self, actor: &str) -> Option<(WriteBatch, Vec<RecordId>)> {
        if self.unsaved.is_empty() {
            return None;
        }
        let ids: Vec<RecordId> = std::mem::take(&mut self.unsaved).into_iter().collect();
        let mut batch = WriteBatch::new(crate::t!("done-saved-failed"));
        for id in &ids {
            if let Ok(b) = self.cat.rewrite(id, actor) {
                batch.extend(b);
            }
        }
        Some((batch, ids))
    }
}

/// Whether the editor's draft holds what is stored, its timeline perhaps in another order.
fn same_but_for_order(stored: &Record, draft: &Record) -> bool {
    if stored == draft {
        return true;
    }
    let mut sorted = draft.clone();
    if let Some(p) = sorted.person.as_mut() {
        p.sort_timeline();
    }
    *stored == sorted
}
