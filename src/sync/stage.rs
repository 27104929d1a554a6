//! The folder's tree for the next commit, written without `git write-tree`: git's index
//! keeps the folder's flat paths (it finds what changed by each file's stat, as
//! `git add` does), and the tree is built from the last one by rewriting only the folders
//! that hold a changed file (`layout.rs` says where each file sits in git).
//!
//! The index and the last tree built from it are tied by a note in `.git`: that tree's id
//! and a fingerprint of the index file as it was then. When the index is still the one
//! the note names, only what is staged now needs writing; otherwise (a copy just cloned,
//! a catalogue synced before the split, a sync stopped between staging and the note, a
//! person who ran git by hand) the whole index is written out once, which is always
//! right.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use super::SyncError;
use super::git::{Oid, STAGE_AT_MOST, SystemGit};
use super::layout::{Entry, NOTE, NOTE_FILE, mktree_input, parse_listing, parse_tree, to_git};

/// The note in `.git` that ties the index to the tree last built from it.
const MARK_FILE: &str = "dossier-staged";

/// Past this many paths, the whole index is listed once rather than path by path.
const LIST_AT_MOST: usize = 400;

/// What is to change in the tree, by the folder's path: the new entry, or `None` when
/// the file is gone.
type Changes = BTreeMap<String, Option<Entry>>;

impl SystemGit {
    /// Stages what changed in the folder (every file when `named` is `None`, else only
    /// those paths, which Dossier itself just wrote or removed) and returns the tree of
    /// the index as it then is.
    pub(super) fn staged_tree(&self, named: Option<&[String]>) -> Result<Oid, SyncError> {
        let base = self.marked_tree();
        let staged = match named {
            Some(paths) if paths.len() <= STAGE_AT_MOST => {
                self.update_index(paths)?;
                paths.to_vec()
            }
            _ => match self.stage_all()? {
                Some(paths) => paths,
                // `git add -A` staged what it found, maybe more than was listed a moment
                // before: only the whole index is sure to be the tree.
                None => {
                    let tree = self.whole_tree()?;
                    self.mark(&tree);
                    return Ok(tree);
                }
            },
        };
        let built = match base {
            Some(base) if staged.is_empty() && self.run(&["cat-file", "-e", &base]).is_ok() => {
                Ok(base)
            }
            Some(base) => self
                .changes_of(&staged)
                .and_then(|changes| self.build_tree(Some(&base), changes)),
            None => Err(SyncError::Git("no tree to build on".into())),
        };
        let tree = match built {
            Ok(tree) => tree,
            Err(_) => self.whole_tree()?,
        };
        self.mark(&tree);
        Ok(tree)
    }

    /// Stages every change git sees in the folder (by stat, against the index); the paths,
    /// or `None` when they were so many that git staged the whole folder itself.
    fn stage_all(&self) -> Result<Option<Vec<String>>, SyncError> {
        // Files changed or gone, and files new: two passes over the folder, on two cores.
        let others = ["ls-files", "-z", "--others", "--exclude-standard"];
        let (changed, new) = std::thread::scope(|s| {
            let new = std::thread::Builder::new()
                .name("git-ls-files".into())
                .spawn_scoped(s, || self.run(&others));
            let changed = self.run(&["diff-files", "-z", "--name-only"]);
            let new = match new {
                Ok(handle) => handle.join().unwrap_or_else(|_| self.run(&others)),
                Err(_) => self.run(&others),
            };
            (changed, new)
        });
        let mut paths = split_nul(&changed?);
        paths.extend(split_nul(&new?));
        if paths.len() > STAGE_AT_MOST {
            self.run(&["add", "-A", "--", "."])?;
            return Ok(None);
        }
        self.update_index(&paths)?;
        Ok(Some(paths))
    }

    /// Stages exactly these paths: added, changed or removed as the folder has them.
    fn update_index(&self, paths: &[String]) -> Result<(), SyncError> {
        if paths.is_empty() {
            return Ok(());
        }
        let mut input = Vec::new();
        for p in paths {
            input.extend_from_slice(p.as_bytes());
            input.push(0);
        }
        let args = ["update-index", "--add", "--remove", "-z", "--stdin"];
        self.run_input(&args, input).map(|_| ())
    }

    /// The index's entries for `paths` (`None` where the index has none).
    fn changes_of(&self, paths: &[String]) -> Result<Changes, SyncError> {
        if paths.is_empty() {
            return Ok(Changes::new());
        }
        let listed = match paths.len() > LIST_AT_MOST {
            true => self.index_entries(&[])?,
            false => self.index_entries(paths)?,
        };
        Ok(paths
            .iter()
            .map(|p| (p.clone(), listed.get(p).cloned()))
            .collect())
    }

    /// The index's entries (all when `paths` is empty), by path.
    fn index_entries(&self, paths: &[String]) -> Result<HashMap<String, Entry>, SyncError> {
        let mut args = vec!["--literal-pathspecs", "ls-files", "-s", "-z"];
        if !paths.is_empty() {
            args.push("--");
            args.extend(paths.iter().map(String::as_str));
        }
        let out = self.run(&args)?;
        let mut found = HashMap::new();
        for line in out.split('\0') {
            // "<mode> <oid> <stage>\t<path>"
            let Some((head, path)) = line.split_once('\t') else {
                continue;
            };
            let mut fields = head.split(' ');
            if let (Some(mode), Some(oid)) = (fields.next(), fields.next()) {
                let entry = Entry {
                    mode: mode.to_string(),
                    oid: oid.to_string(),
                };
                found.insert(path.to_string(), entry);
            }
        }
        Ok(found)
    }

    /// The tree of the whole index, built from nothing.
    fn whole_tree(&self) -> Result<Oid, SyncError> {
        let changes = self
            .index_entries(&[])?
            .into_iter()
            .map(|(p, e)| (p, Some(e)))
            .collect();
        self.build_tree(None, changes)
    }

    /// `base` with `changes` made: only the folders on the way to a changed file are read
    /// and written again (one `cat-file` and one `mktree` per level).
    fn build_tree(&self, base: Option<&str>, changes: Changes) -> Result<Oid, SyncError> {
        let mut dirs: BTreeSet<String> = BTreeSet::from([String::new()]);
        let mut files: Vec<(String, String, Option<Entry>)> = Vec::new();
        for (path, entry) in changes {
            let git_path = to_git(&path).into_owned();
            let (dir, name) = match git_path.rsplit_once('/') {
                Some((d, n)) => (d.to_string(), n.to_string()),
                None => (String::new(), git_path.clone()),
            };
            let mut up = dir.as_str();
            while !up.is_empty() && dirs.insert(up.to_string()) {
                up = up.rsplit_once('/').map_or("", |(d, _)| d);
            }
            files.push((dir, name, entry));
        }
        let mut listing = self.read_dirs(base, &dirs)?;
        for (dir, name, entry) in files {
            let at = listing.entry(dir).or_default();
            match entry {
                Some(e) => at.insert(name, e),
                None => at.remove(&name),
            };
        }
        let root = listing.entry(String::new()).or_default();
        if !root.contains_key(NOTE_FILE) {
            let oid =
                self.run_input(&["hash-object", "-w", "--stdin"], NOTE.as_bytes().to_vec())?;
            let note = Entry {
                mode: "100644".into(),
                oid: oid.trim().to_string(),
            };
            root.insert(NOTE_FILE.to_string(), note);
        }
        self.write_dirs(dirs, listing)
    }

    /// Each folder's entries in `base` (empty where `base` has no such folder).
    fn read_dirs(
        &self,
        base: Option<&str>,
        dirs: &BTreeSet<String>,
    ) -> Result<HashMap<String, BTreeMap<String, Entry>>, SyncError> {
        let Some(base) = base else {
            return Ok(HashMap::new());
        };
        let names: Vec<String> = dirs
            .iter()
            .map(|d| match d.is_empty() {
                true => base.to_string(),
                false => format!("{base}:{d}"),
            })
            .collect();
        let read = self.cat_batch(&names)?;
        let mut listing = HashMap::new();
        for (dir, bytes) in dirs.iter().zip(read) {
            match bytes {
                Some(b) => {
                    listing.insert(dir.clone(), parse_tree(&b, base.len() / 2));
                }
                None if dir.is_empty() => {
                    return Err(SyncError::Git(format!("git has no tree {base}")));
                }
                None => {}
            }
        }
        Ok(listing)
    }

    /// Writes the folders deepest first, each level in one `mktree`, and returns the
    /// root's id. A folder left empty is left out of its parent, as git does.
    fn write_dirs(
        &self,
        dirs: BTreeSet<String>,
        mut listing: HashMap<String, BTreeMap<String, Entry>>,
    ) -> Result<Oid, SyncError> {
        let depth = |d: &str| match d.is_empty() {
            true => 0,
            false => d.matches('/').count() + 1,
        };
        let deepest = dirs.iter().map(|d| depth(d)).max().unwrap_or(0);
        for level in (0..=deepest).rev() {
            let here: Vec<&String> = dirs.iter().filter(|d| depth(d) == level).collect();
            let mut input = Vec::new();
            let mut made: Vec<&String> = Vec::new();
            for dir in &here {
                let entries = listing.remove(*dir).unwrap_or_default();
                if entries.is_empty() && !dir.is_empty() {
                    let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
                    listing.entry(parent.to_string()).or_default().remove(name);
                    continue;
                }
                mktree_input(&entries, &mut input);
                made.push(dir);
            }
            if made.is_empty() {
                continue;
            }
            // Every entry names an object this repository has (read from its trees and
            // its index): `--missing` spares git looking each one up again.
            let out = self.run_input(&["mktree", "-z", "--batch", "--missing"], input)?;
            let ids: Vec<&str> = out.lines().map(str::trim).collect();
            if ids.len() != made.len() {
                return Err(SyncError::Git(format!(
                    "git mktree made {} trees of {}",
                    ids.len(),
                    made.len()
                )));
            }
            for (dir, id) in made.into_iter().zip(ids) {
                if dir.is_empty() {
                    return Ok(id.to_string());
                }
                let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
                let entry = Entry {
                    mode: "040000".into(),
                    oid: id.to_string(),
                };
                listing
                    .entry(parent.to_string())
                    .or_default()
                    .insert(name.to_string(), entry);
            }
        }
        Err(SyncError::Git("no tree was written".into()))
    }

    /// Writes the branch's files into a new copy's empty folder, `records/` and `trash/`
    /// flat, and makes the index hold them (with each file's stat, so the first sync
    /// finds nothing changed without reading them again).
    pub(super) fn check_out_flat(&self) -> Result<(), SyncError> {
        let listing = self.run(&["ls-tree", "-r", "-z", "--full-tree", "HEAD"])?;
        let mut input = Vec::new();
        for (path, e) in parse_listing(&listing) {
            input.extend_from_slice(format!("{} {}\t{path}\0", e.mode, e.oid).as_bytes());
        }
        self.run_input(&["update-index", "-z", "--index-info"], input)?;
        self.run(&["checkout-index", "-a", "-f", "-u"]).map(|_| ())
    }

    fn mark_path(&self) -> PathBuf {
        self.git_dir().join(MARK_FILE)
    }

    /// The tree the index was last built into, when the index has not changed since.
    fn marked_tree(&self) -> Option<Oid> {
        let said = std::fs::read_to_string(self.mark_path()).ok()?;
        let (tree, print) = said.trim().split_once(' ')?;
        (Some(print.to_string()) == self.index_print()).then(|| tree.to_string())
    }

    /// Notes that the index, as it is now, is `tree`. Losing the note costs one whole
    /// rebuild, never a wrong tree: nothing waits for it to reach the disk.
    fn mark(&self, tree: &str) {
        let note = match self.index_print() {
            Some(print) => format!("{tree} {print}\n"),
            None => String::new(),
        };
        let _ = crate::durable::write_scratch(&self.mark_path(), note.as_bytes());
    }

    /// The index file's size and closing checksum: git rewrites both whenever it changes.
    fn index_print(&self) -> Option<String> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(self.git_dir().join("index")).ok()?;
        let len = file.metadata().ok()?.len();
        let tail = len.min(32);
        file.seek(SeekFrom::Start(len - tail)).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Some(format!("{len}-{hex}"))
    }
}

fn split_nul(out: &str) -> Vec<String> {
    out.split('\0')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::git::Engine;
    use super::*;

    fn write(root: &std::path::Path, path: &str, text: &str) {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    fn commit(git: &SystemGit, tree: &str) -> String {
        let head = git.head().unwrap();
        let parents: Vec<&str> = head.iter().map(String::as_str).collect();
        let c = git.commit(tree, &parents).unwrap();
        git.set_head(&c, head.as_deref()).unwrap();
        c
    }

    #[test]
    fn a_tree_built_from_the_last_one_is_the_tree_built_from_nothing() {
        if SystemGit::find().is_err() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let git = SystemGit::at(root, "d-test").unwrap();
        git.init().unwrap();
        let ids = ["0001-aa", "0002-ab", "0003-0f", "0004-aa"];
        for id in ids {
            write(root, &format!("records/{id}.json"), id);
        }
        write(root, "dossier.json", "{}");
        // As Dossier wrote it before the split: the index as it is, flat.
        git.run(&["add", "-A", "--", "."]).unwrap();
        let flat = commit(&git, git.run(&["write-tree"]).unwrap().trim());
        let split = commit(&git, &git.snapshot_tree().unwrap());
        let listed = git.run(&["ls-tree", "-r", "--name-only", &split]).unwrap();
        assert!(listed.contains("records/aa/0001-aa.json"), "{listed}");
        assert!(listed.contains("records/0f/0003-0f.json"), "{listed}");
        assert!(
            git.changed_paths(Some(&flat), &split).unwrap().is_empty(),
            "the same files, split, are no change"
        );
        // Changed, removed, added, moved to the trash: built from the last tree.
        write(root, "records/0001-aa.json", "changed");
        std::fs::remove_file(root.join("records/0002-ab.json")).unwrap();
        write(root, "records/0005-ab.json", "new");
        std::fs::rename(
            root.join("records/0004-aa.json"),
            root.join("trash/0004-aa.json"),
        )
        .unwrap_or_else(|_| {
            write(root, "trash/0004-aa.json", "0004-aa");
            std::fs::remove_file(root.join("records/0004-aa.json")).unwrap();
        });
        let built = git.snapshot_tree().unwrap();
        let c2 = commit(&git, &built);
        let mut want = vec![
            "records/0001-aa.json",
            "records/0002-ab.json",
            "records/0004-aa.json",
            "records/0005-ab.json",
            "trash/0004-aa.json",
        ];
        want.sort();
        assert_eq!(git.changed_paths(Some(&split), &c2).unwrap(), want);
        assert_eq!(git.changed_paths(Some(&flat), &c2).unwrap(), want);
        // The same index written out whole gives the very same tree.
        std::fs::remove_file(root.join(".git").join(MARK_FILE)).unwrap();
        assert_eq!(git.snapshot_tree().unwrap(), built);
        // Old and new versions read back by the folder's paths, from either form.
        let p = "records/0001-aa.json".to_string();
        let read = git
            .read_files(&[(flat.clone(), p.clone()), (c2.clone(), p.clone())])
            .unwrap();
        assert_eq!(read[0].as_deref(), Some(&b"0001-aa"[..]));
        assert_eq!(read[1].as_deref(), Some(&b"changed"[..]));
        let touching = git.commits_touching(&flat, &c2, &[p]).unwrap();
        assert_eq!(touching.first(), Some(&c2), "newest first");
        assert!(!touching.contains(&flat), "{touching:?}");
        // Nothing changed: the tree is the last one, from the note alone.
        assert_eq!(git.snapshot_tree().unwrap(), built);
    }
}
