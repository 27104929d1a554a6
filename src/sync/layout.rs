//! Where a catalogue's files sit in git's trees. On disk `records/` and `trash/` are flat
//! (one folder of every record: the public layout); in git each is split into 256
//! folders by the last two hex digits of the file's name (`records/3f/<id>.json`), so a
//! sync that changed ten records writes and sends ten small trees of a few hundred
//! entries instead of one tree of every record (5.7 MiB at 100,000 records, rebuilt,
//! packed, unpacked and checked at every sync). Everything sync asks of git names the
//! folder's paths; only this file and the tree builder know git's.
//!
//! Catalogues synced before the split hold flat trees in their history: reading maps
//! both forms to the folder's path, and the first commit after an upgrade is written
//! split.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// The folders split in git.
const SPLIT: [&str; 2] = [crate::store::RECORDS_DIR, crate::store::TRASH_DIR];

/// A file only git's trees hold (never the folder): it says the trees are split, for a
/// person who looks at the repository with git.
pub(super) const NOTE_FILE: &str = ".dossier-layout";

/// What the note says.
pub(super) const NOTE: &str = "records/ and trash/ are split here into folders named by the \
last two hex digits of each file's name; Dossier keeps them flat on disk.\n";

/// The two hex digits a split folder's file is kept under, when its name has them.
fn shard(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".json")?;
    let tail = stem.get(stem.len().checked_sub(2)?..)?;
    tail.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        .then_some(tail)
}

/// The path in git of the folder's `path` (relative, with `/`).
pub(super) fn to_git(path: &str) -> Cow<'_, str> {
    if let Some((dir, name)) = path.split_once('/')
        && SPLIT.contains(&dir)
        && !name.contains('/')
        && let Some(s) = shard(name)
    {
        return Cow::Owned(format!("{dir}/{s}/{name}"));
    }
    Cow::Borrowed(path)
}

/// The folder's path of git's `path`, split or flat; `None` for the note.
pub(super) fn to_folder(path: &str) -> Option<Cow<'_, str>> {
    if path == NOTE_FILE {
        return None;
    }
    let mut parts = path.splitn(3, '/');
    if let (Some(dir), Some(s), Some(name)) = (parts.next(), parts.next(), parts.next())
        && SPLIT.contains(&dir)
        && shard(name) == Some(s)
    {
        return Some(Cow::Owned(format!("{dir}/{name}")));
    }
    Some(Cow::Borrowed(path))
}

/// Both places a folder's path may have in a commit: split (now) and flat (before).
pub(super) fn both_forms(path: &str) -> Vec<String> {
    let split = to_git(path);
    match split == path {
        true => vec![path.to_string()],
        false => vec![split.into_owned(), path.to_string()],
    }
}

/// One entry of a tree: its mode (`100644`, `040000`...) and object id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub mode: String,
    pub oid: String,
}

impl Entry {
    /// The object type git's `mktree` wants for this mode.
    fn kind(&self) -> &'static str {
        match self.mode.as_str() {
            "40000" | "040000" => "tree",
            "160000" => "commit",
            _ => "blob",
        }
    }
}

/// What a listing of a commit's files (`ls-tree -r -z`: `<mode> <type> <id>\t<path>`)
/// says, by the folder's path.
pub(super) fn parse_listing(out: &str) -> BTreeMap<String, Entry> {
    let mut found = BTreeMap::new();
    for line in out.split('\0') {
        let Some((head, path)) = line.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = head.split(' ').collect();
        let (Some(mode), Some(oid)) = (fields.first(), fields.get(2)) else {
            continue;
        };
        if let Some(folder) = to_folder(path) {
            let entry = Entry {
                mode: mode.to_string(),
                oid: oid.to_string(),
            };
            found.insert(folder.into_owned(), entry);
        }
    }
    found
}

/// The entries of a tree object's bytes (`<mode> <name>\0<20 or 32 byte id>` each).
pub(super) fn parse_tree(bytes: &[u8], id_len: usize) -> BTreeMap<String, Entry> {
    let mut entries = BTreeMap::new();
    let mut rest = bytes;
    while let Some(space) = rest.iter().position(|&b| b == b' ') {
        let Some(nul) = rest.iter().position(|&b| b == 0) else {
            break;
        };
        if nul < space || rest.len() < nul + 1 + id_len {
            break;
        }
        let mode = String::from_utf8_lossy(&rest[..space]).into_owned();
        let name = String::from_utf8_lossy(&rest[space + 1..nul]).into_owned();
        let oid: String = rest[nul + 1..nul + 1 + id_len]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        entries.insert(name, Entry { mode, oid });
        rest = &rest[nul + 1 + id_len..];
    }
    entries
}

/// The input `git mktree -z --batch` takes for one tree: its entries, then an empty one.
pub(super) fn mktree_input(entries: &BTreeMap<String, Entry>, out: &mut Vec<u8>) {
    for (name, e) in entries {
        out.extend_from_slice(format!("{} {} {}\t{name}\0", e.mode, e.kind(), e.oid).as_bytes());
    }
    out.push(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_files_are_split_by_their_last_two_hex_digits_and_come_back_flat() {
        let id = "019ec1b6-8a2e-7c41-9d3f-0c1a2b3c4d5e";
        let flat = format!("records/{id}.json");
        let split = format!("records/5e/{id}.json");
        assert_eq!(to_git(&flat), split);
        assert_eq!(to_folder(&split).unwrap(), flat);
        assert_eq!(
            to_folder(&flat).unwrap(),
            flat,
            "the old flat form reads too"
        );
        assert_eq!(to_git("trash/x-0a.json"), "trash/0a/x-0a.json");
        assert_eq!(both_forms(&flat), vec![split, flat.clone()]);
        for other in [
            "dossier.json",
            "audit/d-3f9a1c2b.jsonl",
            "records/notes.txt",
            "records/UPPER-AB.json",
            "records/a.json",
        ] {
            assert_eq!(to_git(other), other, "{other} is not split");
            assert_eq!(to_folder(other).unwrap(), other);
        }
        // A folder in records/ that is not a record's shard stays as it is.
        assert_eq!(
            to_folder("records/5e/x-77.json").unwrap(),
            "records/5e/x-77.json"
        );
        assert!(to_folder(NOTE_FILE).is_none());
    }

    #[test]
    fn a_tree_object_reads_back_as_its_entries() {
        let mut bytes = b"100644 a.json\0".to_vec();
        bytes.extend([0xab; 20]);
        bytes.extend(b"40000 records\0");
        bytes.extend([0x01; 20]);
        let entries = parse_tree(&bytes, 20);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries["a.json"].oid, "ab".repeat(20));
        assert_eq!(entries["records"].mode, "40000");
        assert_eq!(entries["records"].kind(), "tree");
        let mut input = Vec::new();
        mktree_input(&entries, &mut input);
        let text = String::from_utf8(input).unwrap();
        assert!(text.starts_with("100644 blob abab"), "{text}");
        assert!(text.ends_with("\trecords\0\0"), "{text}");
    }
}
