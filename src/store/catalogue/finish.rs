//! What opening does once the records are loaded (`warm.rs`): recipients and views
//! checked against the log, the outside changes it holds, the next snapshot's state taken,
//! every file compared with the log (`repair.rs`), the sync tool's conflict copies.

use std::collections::{HashMap, HashSet};

use super::warm::{LoadedFiles, Warmth};
use super::*;
use crate::audit::Loaded;
use crate::durable::stat::FileStat;

/// The only records whose files opening must compare with the log, when a snapshot's
/// states were moved on by the log's new entries: those the snapshot found unsettled,
/// those the new entries name, and (for files logged and missing) those whose files
/// changed or went since.
struct Candidates {
    /// Records left in the snapshot that may not be the logged version.
    unsettled: Vec<RecordId>,
    /// Records that may be logged with no file.
    unfiled: Vec<RecordId>,
}

impl Candidates {
    /// From what the snapshot `known` (see `LoadedFiles::known`), the records the log's
    /// new entries name (`touched`), and the records whose files changed or went: none
    /// unless both the first two are there.
    fn new(
        known: Option<&(Vec<RecordId>, Vec<RecordId>)>,
        touched: Option<Vec<RecordId>>,
        changed: &HashSet<RecordId>,
    ) -> Option<Candidates> {
        let ((unsettled, unfiled), touched) = known.zip(touched)?;
        let unsettled = unsettled.iter().chain(&touched).copied().collect();
        let unfiled = (unfiled.iter().chain(&touched).chain(changed))
            .copied()
            .collect();
        Some(Candidates { unsettled, unfiled })
    }
}

impl Catalogue {
    /// What opening does once the records are loaded: recipients and views checked
    /// against the log, the outside changes it holds, the next snapshot's state taken,
    /// every file compared with the log (`reconcile`), the sync tool's conflict copies.
    pub(super) fn finish_opening(
        &mut self,
        options: &OpenOptions<'_>,
        loaded: Loaded,
        warmth: Result<Warmth, Option<[u8; 16]>>,
        files: LoadedFiles,
        read_from: i128,
    ) {
        let writable = self.is_writable();
        let (states, outside, attachments, recipients, tail, generation, saw) = match warmth {
            Ok(w) => (
                w.states,
                w.outside,
                w.attachments,
                w.recipients,
                Some(w.tail.touched()),
                Some(w.generation),
                Some(w.saw),
            ),
            Err(generation) => {
                let (states, recipients) = (self.audit.record_states(), self.logged_recipients());
                (states, Vec::new(), None, recipients, None, generation, None)
            }
        };
        // How many entries the logs gained since the snapshot's mark, and the records named.
        let (tail_len, touched) = tail.unzip();
        let candidates = Candidates::new(files.known.as_ref(), touched, &files.changed);
        let last = self.last_append(saw.as_ref());
        self.load_recipients(&recipients);
        self.load_views();
        self.say_log_problems(&loaded);
        self.load_logged_outside_changes(&states, &outside);
        // A snapshot is made again unless this one served every file and the log as it was.
        let served = tail_len == Some(0) && files.reread == 0;
        let whole = self.deferred.is_none();
        let head = (options.snapshot && loaded.problems.is_empty() && !served && whole)
            .then(|| self.snapshot_head(&states, &recipients, (read_from, last.clone())))
            .flatten();
        // The lists are taken for the snapshot only after the comparison with the log: a
        // record changed while they are shared would copy them whole (100 ms at 100,000).
        self.loaded_as = head.as_ref().map(|_| HashMap::new());
        let folder = self.root.join(crate::store::ATTACHMENTS_DIR);
        let attachments_unchanged =
            attachments.is_some_and(|a| FileStat::at(&folder).is_ok_and(|n| n == a));
        self.load_unsettled(&states, candidates.as_ref().map(|c| c.unsettled.as_slice()));
        let unfiled = candidates.as_ref().map(|c| c.unfiled.as_slice());
        let files_found = (attachments_unchanged, unfiled);
        let reconciled = self.reconcile(
            &options.user,
            &loaded,
            writable,
            (states, last),
            files_found,
        );
        let loaded_as = self.loaded_as.take().unwrap_or_default();
        self.snapshot_parts = head.map(|head| {
            let (records, trash) = (self.records.clone(), self.trash.clone());
            (
                head,
                records,
                trash,
                loaded_as,
                files.reread,
                tail_len.is_none(),
            )
        });
        self.say_if_unlogged(reconciled);
        self.snapshot_index = generation.map(|generation| {
            let mut changed = files.changed;
            changed.extend(self.outside.keys().copied());
            (generation, changed)
        });
        self.take_conflict_copies_or_say(&options.user, &files.copies);
        self.audit_problems = loaded.problems;
    }

    /// Says so when what opening found could not be written to the log: a full disk must
    /// not lock people out of what they saved, so it opens, and logs the repairs the next
    /// time there is room.
    fn say_if_unlogged(&mut self, reconciled: Result<(), StoreError>) {
        if let Err(e) = reconciled {
            self.notices.push(format!(
                "What was found on opening could not be written to the audit log ({e}); it will be logged the next time the catalogue opens."
            ));
        }
    }
}
