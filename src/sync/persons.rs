//! Person merges made on different desktops, settled after a sync through the
//! `merged_into` chains, so that every duplicate leads to one person and nothing either
//! desktop learnt about a person is lost:
//!
//! - a duplicate edited on one desktop after another merged it stays merged (in the
//!   trash), and what it gained is carried to the person at the end of its chain;
//! - a duplicate merged into two different persons on two desktops means both found it
//!   to be each of them: they are one person, so the one with the larger id is merged
//!   into the other (logged, with a notice to check it), and the duplicate leads there;
//! - two persons merged into each other on two desktops (a circle): the one with the
//!   smaller id stays, out of the trash, with what the other knew;
//! - records that arrived pointing at a duplicate point at the end of its chain.
//!
//! Which one stays depends only on the ids, so desktops settling the same merges apart
//! reach the same result.

use std::collections::{BTreeMap, BTreeSet};

use super::target::SyncTarget;
use super::{SyncError, SyncSummary};
use crate::audit::{Action, AuditDraft};
use crate::durable::hash_bytes;
use crate::model::{Record, RecordId, Trashed, merge_person, retarget};
use crate::store::{FsOp, RECORDS_DIR, TRASH_DIR, WriteBatch};

/// The field a merge conflict on a duplicate's target is kept under.
const MERGED_INTO: &str = "person.merged_into";

/// The longest chain followed; longer ones are left as they are (never met in practice).
const MAX_CHAIN: usize = 64;

/// Records read from the catalogue's folder as a sync left them, and those changed since.
struct Persons<'a> {
    cat: &'a SyncTarget,
    read: BTreeMap<RecordId, Option<Record>>,
    changed: BTreeMap<RecordId, Vec<String>>,
    actor: &'a str,
}

/// Settles the person merges among the records a sync wrote (`touched`): logs, then
/// writes, every record it changes (returned); tells the person what it decided in
/// `summary`.
pub(super) fn settle(
    cat: &SyncTarget,
    touched: &[RecordId],
    actor: &str,
    summary: &mut SyncSummary,
) -> Result<Vec<RecordId>, SyncError> {
    let mut p = Persons {
        cat,
        read: BTreeMap::new(),
        changed: BTreeMap::new(),
        actor,
    };
    for id in touched {
        p.two_targets(id, summary);
    }
    for id in touched {
        p.break_circle(id, summary);
    }
    for id in touched {
        p.carry_forward(id);
    }
    for id in touched {
        p.point_at_ends(id);
    }
    p.write()
}

impl Persons<'_> {
    fn path(&self, id: &RecordId, in_trash: bool) -> std::path::PathBuf {
        let dir = if in_trash { TRASH_DIR } else { RECORDS_DIR };
        self.cat.root().join(dir).join(format!("{id}.json"))
    }

    /// The record as the folder holds it (or as this settling left it); `None` when it
    /// is not there or cannot be read as that record.
    fn get(&mut self, id: &RecordId) -> Option<Record> {
        if !self.read.contains_key(id) {
            let found = [false, true].into_iter().find_map(|t| {
                let plain = self.cat.vault().read(&self.path(id, t)).ok()?;
                Record::from_json(&plain).ok().filter(|r| r.id == *id)
            });
            self.read.insert(*id, found);
        }
        self.read.get(id).cloned().flatten()
    }

    fn put(&mut self, record: Record, why: String) {
        let id = record.id;
        self.read.insert(id, Some(record));
        self.changed.entry(id).or_default().push(why);
    }

    fn merged_into(&mut self, id: &RecordId) -> Option<RecordId> {
        self.get(id)?.person?.merged_into
    }

    /// The person `id`'s chain leads to, and the chain on the way (`id` first); when the
    /// chain comes back on itself, the circle it runs into.
    fn follow(&mut self, id: &RecordId) -> (Vec<RecordId>, Option<Vec<RecordId>>) {
        let mut chain = vec![*id];
        while chain.len() < MAX_CHAIN {
            let Some(next) = chain.last().and_then(|last| self.merged_into(last)) else {
                break;
            };
            if let Some(at) = chain.iter().position(|c| *c == next) {
                let circle = chain[at..].to_vec();
                return (chain, Some(circle));
            }
            chain.push(next);
        }
        (chain, None)
    }

    /// The person at the end of `id`'s chain (itself when it was never merged).
    fn end(&mut self, id: &RecordId) -> RecordId {
        let (chain, circle) = self.follow(id);
        match circle {
            Some(c) => c.iter().min().copied().unwrap_or(*id),
            None => chain.last().copied().unwrap_or(*id),
        }
    }

    fn title(&mut self, id: &RecordId) -> String {
        self.get(id).map_or_else(
            || id.short().to_string(),
            |r| crate::text::one_line(r.display_title()).into_owned(),
        )
    }

    /// A duplicate merged into two persons: they are one; the duplicate leads to the one
    /// that stays.
    fn two_targets(&mut self, id: &RecordId, summary: &mut SyncSummary) {
        let Some(mut dup) = self.get(id) else { return };
        let parse = |v: &serde_json::Value| v.as_str().and_then(|s| s.parse::<RecordId>().ok());
        let mut targets: BTreeSet<RecordId> = BTreeSet::new();
        for c in dup.conflicts.iter().filter(|c| c.field == MERGED_INTO) {
            targets.extend(parse(&c.ours).into_iter().chain(parse(&c.theirs)));
        }
        if targets.is_empty() {
            return;
        }
        let ends: BTreeSet<RecordId> = targets
            .iter()
            .map(|t| self.end(t))
            .filter(|e| e != id)
            .collect();
        let Some(keep) = ends.first().copied() else {
            return;
        };
        for other in ends.iter().skip(1) {
            let why = format!(
                "'{}' had been merged into both on different desktops: they are one person",
                self.title(id)
            );
            summary.notices.push(format!(
                "'{}' and '{}' are now one person: '{}' had been merged into each on a different desktop (check that they are the same person)",
                self.title(&keep),
                self.title(other),
                self.title(id),
            ));
            self.merge(&keep, other, why);
        }
        dup.conflicts.retain(|c| c.field != MERGED_INTO);
        if let Some(p) = dup.person.as_mut() {
            p.merged_into = Some(keep);
        }
        let why = format!(
            "leads to '{}': merged there on two desktops",
            self.title(&keep)
        );
        self.put(dup, why);
    }

    /// Folds `other` into `keep`, as a merge on one desktop does (`other` to the trash,
    /// marked merged).
    fn merge(&mut self, keep: &RecordId, other: &RecordId, why: String) {
        let (Some(mut kept), Some(mut gone)) = (self.get(keep), self.get(other)) else {
            return;
        };
        merge_person(&mut kept, &gone);
        if let Some(p) = gone.person.as_mut() {
            p.merged_into = Some(*keep);
        }
        self.trash(&mut gone);
        let gone_title = crate::text::one_line(gone.display_title()).into_owned();
        self.put(
            gone,
            format!("merged into '{}': {why}", kept.display_title()),
        );
        self.put(
            kept,
            format!("'{gone_title}' merged into this record: {why}"),
        );
    }

    fn trash(&self, r: &mut Record) {
        if r.trashed.is_none() {
            r.trashed = Some(Box::new(Trashed {
                at: jiff::Timestamp::now(),
                by: self.actor.to_string(),
            }));
        }
    }

    /// Persons merged into each other on different desktops: the smallest id stays.
    fn break_circle(&mut self, id: &RecordId, summary: &mut SyncSummary) {
        let (_, Some(circle)) = self.follow(id) else {
            return;
        };
        let Some(keep) = circle.iter().min().copied() else {
            return;
        };
        let Some(mut kept) = self.get(&keep) else {
            return;
        };
        if let Some(p) = kept.person.as_mut() {
            p.merged_into = None;
        }
        kept.trashed = None;
        let names: Vec<String> = circle.iter().map(|c| self.title(c)).collect();
        summary.notices.push(format!(
            "{} had been merged into each other on different desktops: '{}' stays, with what each knew",
            names.join(", "),
            self.title(&keep),
        ));
        self.put(
            kept,
            "stays: it and the persons merged into it had been merged into each other on different desktops".into(),
        );
        for other in circle.iter().filter(|c| **c != keep) {
            self.merge(
                &keep,
                other,
                "merged into each other on different desktops".into(),
            );
        }
    }

    /// A duplicate a sync changed: what it holds is carried to the end of its chain, and
    /// it stays in the trash.
    fn carry_forward(&mut self, id: &RecordId) {
        if self.merged_into(id).is_none() {
            return;
        }
        let end = self.end(id);
        let (Some(mut dup), Some(mut target)) = (self.get(id), self.get(&end)) else {
            return;
        };
        if end == *id {
            return;
        }
        if dup.trashed.is_none() {
            self.trash(&mut dup);
            let why = format!("stays merged into '{}'", target.display_title());
            self.put(dup.clone(), why);
        }
        let before = target.to_json();
        merge_person(&mut target, &dup);
        if target.to_json() != before {
            let why = format!(
                "what '{}' gained on another desktop after it was merged into this record",
                crate::text::one_line(dup.display_title())
            );
            self.put(target, why);
        }
    }

    /// A record a sync brought that points at a duplicate points at its chain's end.
    fn point_at_ends(&mut self, id: &RecordId) {
        let Some(mut record) = self.get(id) else {
            return;
        };
        let mut targets: BTreeSet<RecordId> = record.links.iter().map(|l| l.target).collect();
        if let Some(p) = &record.person {
            targets.extend(p.timeline.iter().flat_map(|e| e.sources.iter().copied()));
        }
        let mut changed = false;
        for t in targets {
            if self.merged_into(&t).is_some() {
                let end = self.end(&t);
                if end != *id {
                    changed |= retarget(&mut record, t, end);
                }
            }
        }
        if changed {
            self.put(
                record,
                "points at the persons its duplicates were merged into".into(),
            );
        }
    }

    /// Logs, then writes, every record changed.
    fn write(mut self) -> Result<Vec<RecordId>, SyncError> {
        let changed = std::mem::take(&mut self.changed);
        let ids: Vec<RecordId> = changed.keys().copied().collect();
        if changed.is_empty() {
            return Ok(ids);
        }
        let mut drafts = Vec::new();
        let mut files = WriteBatch::new("sync");
        for (id, why) in changed {
            let Some(record) = self.get(&id) else {
                continue;
            };
            let bytes = record.to_json();
            drafts.push(
                AuditDraft::new(self.actor, Action::MergedBySync)
                    .record(id, Some(hash_bytes(&bytes)))
                    .note(why.join("; ")),
            );
            let in_trash = record.trashed.is_some();
            let stale = self.path(&id, !in_trash);
            files.push(FsOp::Write {
                path: self.path(&id, in_trash),
                bytes,
                vault: self.cat.vault().clone(),
            });
            if stale.exists() {
                files.push(FsOp::Remove { path: stale });
            }
        }
        let mut batch = self.cat.log(drafts);
        batch.extend(files);
        batch.apply()?;
        Ok(ids)
    }
}
