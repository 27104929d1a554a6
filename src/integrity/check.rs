//! `check`: every file of a catalogue readable, every original its records name present
//! with the size it had, every link resolving, and no change made outside Dossier waiting
//! for a decision. Quick (nothing is hashed): `verify` goes further.

use std::collections::HashSet;

use crate::store::{Catalogue, RECORDS_DIR, TRASH_DIR};

/// What `check` found wrong, one line each.
pub fn check_catalogue(cat: &Catalogue) -> Vec<String> {
    let mut problems: Vec<String> = cat.problems().iter().map(|p| p.to_string()).collect();
    for change in cat.outside_changes() {
        let dir = if cat.get(&change.record).is_some() {
            RECORDS_DIR
        } else {
            TRASH_DIR
        };
        problems.push(change.describe(&format!("{dir}/{}.json", change.record)));
    }
    let blobs = cat.blobs();
    let trashed: HashSet<_> = cat.trash().iter().map(|r| r.id).collect();
    let mut seen = HashSet::new();
    for r in cat.records().iter().chain(cat.trash()) {
        let file = format!("records/{}.json", r.id);
        for a in &r.attachments {
            if !seen.insert(a.sha256.clone()) {
                continue;
            }
            let path = blobs.path_of(&a.sha256);
            match std::fs::metadata(&path) {
                Err(_) => problems.push(format!(
                    "{file}: attachment '{}' is missing: expected {}",
                    a.name,
                    path.display()
                )),
                Ok(m) if m.len() != a.size => problems.push(format!(
                    "{}: size is {} bytes, but '{}' was {} bytes when imported",
                    path.display(),
                    m.len(),
                    a.name,
                    a.size
                )),
                Ok(_) => {}
            }
        }
        for link in &r.links {
            if cat.get(&link.target).is_none() && !trashed.contains(&link.target) {
                problems.push(format!(
                    "{file}: links to record {}, which is not in the catalogue",
                    link.target
                ));
            }
        }
    }
    problems
}
