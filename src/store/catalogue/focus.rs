//! Opening for a few records (`OpenOptions::only`): a command about one record (`show`,
//! `set`) reads its file, or takes it from the snapshot when the file is provably the one
//! the snapshot read, and the files of the records it links to; nothing else is listed,
//! read or decoded. What opening finds (a file changed outside, a save cut short) is
//! found and logged for those records exactly as a whole opening would; the rest is left
//! for the next whole opening, which finds it as it always has.
//!
//! Only ever used with a snapshot whose log mark the log still goes on from: then every
//! record's last logged state is known without reading the log, and a record whose file
//! and state did not change is the snapshot's.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use super::listing::{ReadRecord, read_one_file};
use super::place::Placing;
use super::warm::{Warmth, warmth};
use super::*;
use crate::audit::Loaded;
use crate::durable::stat::FileStat;
use crate::store::layout::RECORDS_DIR;
use crate::store::snapshot::Snapshot;

impl Catalogue {
    /// True when the catalogue was opened for a few records only (`OpenOptions::only`):
    /// `records()`, `trash()` and everything that counts or lists them see only those.
    pub fn is_focused(&self) -> bool {
        self.focused
    }

    /// The record the catalogue at `root` holds under `text` (a full id, or a unique
    /// beginning of one as `resolve` takes it), found by its file's name in `records/`
    /// without opening anything; `None` when no single file answers (opening whole then
    /// says why).
    pub fn id_named(root: &Path, text: &str) -> Option<RecordId> {
        if let Ok(id) = text.trim().parse::<RecordId>() {
            return Some(id);
        }
        let wanted = text.trim().to_ascii_lowercase().replace('-', "");
        if wanted.len() < 4 {
            return None;
        }
        let mut found = None;
        for entry in fs::read_dir(root.join(RECORDS_DIR)).ok()?.flatten() {
            let name = entry.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if stem.replace('-', "").starts_with(&wanted)
                && let Ok(id) = stem.parse::<RecordId>()
            {
                if found.is_some() {
                    return None;
                }
                found = Some(id);
            }
        }
        found
    }

    /// Opens `only` (and what they link to) from `snap` and the files, the log having
    /// gone on from the snapshot's mark with `tail`.
    pub(super) fn open_focused(
        &mut self,
        options: &OpenOptions<'_>,
        only: &[RecordId],
        snap: Snapshot,
        tail: crate::audit::Tail,
        read_from: i128,
    ) -> Result<(), StoreError> {
        self.focused = true;
        let mut placing = self.placing(only.len());
        for id in only {
            self.load_one(*id, &snap, read_from, &mut placing);
        }
        let links: Vec<RecordId> = placing
            .records
            .iter()
            .chain(placing.trash.iter())
            .flat_map(|r| r.links.iter().map(|l| l.target))
            .collect();
        for id in links {
            self.load_one(id, &snap, read_from, &mut placing);
        }
        self.placed(placing);
        let (_, warmth) = warmth(snap.head, snap.generation, tail);
        self.finish_focused(options, only, warmth);
        Ok(())
    }

    /// Puts record `id` in the records or the trash from whichever folder holds its file:
    /// the snapshot's record when the file's stat vouches for it or its bytes hash to the
    /// snapshot's, otherwise the file parsed.
    fn load_one(&mut self, id: RecordId, snap: &Snapshot, read_from: i128, placing: &mut Placing) {
        if self.file_hashes.contains_key(&id) || self.quarantined.contains(&id) {
            return;
        }
        for in_trash in [false, true] {
            let path = self.record_path(&id, in_trash);
            // The stat of the name itself, as the folder listing gives it.
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let files = &snap.head.files;
            let at = files
                .iter()
                .position(|f| f.id == id && f.in_trash == in_trash);
            let known = at.map(|at| &files[at]);
            let now = FileStat::of(&meta);
            let vouched = at
                .filter(|_| known.and_then(|f| f.stat) == Some(now))
                .and_then(|at| snap.record(at).ok());
            let result: ReadRecord = match (vouched, known) {
                (Some(record), Some(f)) => Ok((Some(record), f.sha256.clone(), f.stat)),
                _ => self.read_one(&path, at, snap, read_from),
            };
            self.place_record(&(path, in_trash), result, placing);
        }
    }

    /// Reads the file at `path` (the snapshot's file `at`): the snapshot's record when its
    /// bytes still hash to the snapshot's, otherwise the file parsed.
    fn read_one(
        &self,
        path: &Path,
        at: Option<usize>,
        snap: &Snapshot,
        read_from: i128,
    ) -> ReadRecord {
        let known = at.map(|at| &snap.head.files[at].sha256);
        let (record, sha, stat) = read_one_file(&self.vault, path, known)?;
        let stat = stat.filter(|s| s.vouches(read_from));
        match record.or_else(|| at.and_then(|at| snap.record(at).ok())) {
            Some(record) => Ok((Some(record), sha, stat)),
            // The snapshot's copy will not decode: the file, parsed.
            None => read_one_file(&self.vault, path, None),
        }
    }

    /// What opening does once the focused records are in: recipients and views, the
    /// outside changes and last logged states of those records, compared with their files.
    fn finish_focused(&mut self, options: &OpenOptions<'_>, only: &[RecordId], warmth: Warmth) {
        let Warmth {
            mut states,
            mut outside,
            recipients,
            saw,
            ..
        } = warmth;
        self.load_recipients(&recipients);
        self.load_views();
        let here: HashSet<RecordId> = self
            .file_hashes
            .keys()
            .chain(&self.quarantined)
            .chain(only)
            .copied()
            .collect();
        states.retain(|id, _| here.contains(id));
        outside.retain(|c| here.contains(&c.record));
        self.load_logged_outside_changes(&states, &outside);
        let writable = self.is_writable();
        let states = (states, self.last_append(Some(&saw)));
        let loaded = Loaded::default();
        let reconciled = self.reconcile(&options.user, &loaded, writable, states, (true, None));
        if let Err(e) = reconciled {
            self.notices.push(format!(
                "What was found on opening could not be written to the audit log ({e}); it will be logged the next time the catalogue opens."
            ));
        }
    }
}
