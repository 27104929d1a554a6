//! The engine under sync: the system `git`, driven through its plumbing commands
//! (`write-tree`, `commit-tree`, `update-ref`, `cat-file --batch`, `merge-base`), behind
//! the small [`Engine`] trait so that another engine (`git2`) could take its place. Git
//! never merges text here and never writes a catalogue file: it stores and carries
//! versions; Dossier reads them, merges records itself and writes the files.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::SyncError;
use super::layout::{both_forms, parse_listing, to_folder};

/// A commit or blob id, as git prints it (hex).
pub type Oid = String;

/// The branch every catalogue's history is on.
pub const BRANCH: &str = "main";

/// What a push did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    /// The remote now has the commit.
    Done,
    /// The remote moved on meanwhile (another desktop pushed): fetch and merge again.
    Rejected,
}

/// What sync needs from a version store. Paths are relative to the catalogue, with `/`.
pub trait Engine {
    /// Records everything under the catalogue's tracked files as the next tree (the
    /// staging `git add -A` does) and returns the tree's id.
    fn snapshot_tree(&self) -> Result<Oid, SyncError>;
    /// As [`Engine::snapshot_tree`], looking only at `paths` (those Dossier itself just
    /// wrote or removed): the rest is as last staged.
    fn stage_tree(&self, paths: &[String]) -> Result<Oid, SyncError>;
    /// The tree of a commit.
    fn tree_of(&self, commit: &str) -> Result<Oid, SyncError>;
    /// Makes a commit of `tree` with these parents, with nothing about the person in it.
    fn commit(&self, tree: &str, parents: &[&str]) -> Result<Oid, SyncError>;
    /// The tip of this desktop's branch, if it has one yet.
    fn head(&self) -> Result<Option<Oid>, SyncError>;
    /// Moves this desktop's branch to `to`, only if it is still at `from`.
    fn set_head(&self, to: &str, from: Option<&str>) -> Result<(), SyncError>;
    /// Fetches a remote's branch; its tip, or `None` when the remote has none yet.
    fn fetch(&self, remote: &str) -> Result<Option<Oid>, SyncError>;
    /// Pushes `commit` as the remote's branch (never forced).
    fn push(&self, remote: &str, commit: &str) -> Result<Pushed, SyncError>;
    /// The best common ancestor of two commits.
    fn merge_base(&self, a: &str, b: &str) -> Result<Option<Oid>, SyncError>;
    /// True when `a` is `b` or an ancestor of it.
    fn is_ancestor(&self, a: &str, b: &str) -> Result<bool, SyncError>;
    /// The paths whose content differs between two commits (`None`: the empty tree).
    fn changed_paths(&self, from: Option<&str>, to: &str) -> Result<Vec<String>, SyncError>;
    /// The commits after `from` up to `to` that changed any of `paths`, newest first (one
    /// that only moved a file from a flat tree into a split one counts too).
    fn commits_touching(
        &self,
        from: &str,
        to: &str,
        paths: &[String],
    ) -> Result<Vec<Oid>, SyncError>;
    /// The bytes at `commit:path` for each pair, `None` where there is no such file; in
    /// one pass over the object store.
    fn read_files(&self, wanted: &[(String, String)]) -> Result<Vec<Option<Vec<u8>>>, SyncError>;
    /// The remotes: name and URL.
    fn remotes(&self) -> Result<Vec<(String, String)>, SyncError>;
    /// Adds a remote.
    fn add_remote(&self, name: &str, url: &str) -> Result<(), SyncError>;
    /// Removes a remote.
    fn remove_remote(&self, name: &str) -> Result<(), SyncError>;
    /// A setting of this desktop's repository.
    fn config(&self, key: &str) -> Result<Option<String>, SyncError>;
    /// Sets one.
    fn set_config(&self, key: &str, value: &str) -> Result<(), SyncError>;
}

/// The files a catalogue's history holds, as an exclude list: everything else in the
/// folder (originals, thumbnails, the lock, this desktop's `device.json`, temp files)
/// stays out. Originals travel beside the repository, not in it.
pub const TRACKED: &str = "/*
!/dossier.json
!/records/
!/trash/
!/audit.jsonl
!/audit/
!/recipients.json
!/views.json
.*.tmp
*.sync-conflict-*
";

/// The system `git`, run in a catalogue's folder.
#[derive(Debug, Clone)]
pub struct SystemGit {
    root: PathBuf,
    program: PathBuf,
    device: String,
}

impl SystemGit {
    /// Finds `git` (or what `DOSSIER_GIT` names) and checks that it runs; says how to
    /// install it when it does not.
    pub fn find() -> Result<PathBuf, SyncError> {
        let program =
            std::env::var_os("DOSSIER_GIT").map_or_else(|| PathBuf::from("git"), PathBuf::from);
        match Command::new(&program).arg("--version").output() {
            Ok(out) if out.status.success() => Ok(program),
            _ => Err(SyncError::NoGit),
        }
    }

    /// The repository in `root` (the catalogue's folder), committing as `device`.
    pub fn at(root: &Path, device: &str) -> Result<SystemGit, SyncError> {
        Ok(SystemGit {
            root: root.to_path_buf(),
            program: SystemGit::find()?,
            device: device.to_string(),
        })
    }

    /// Makes the catalogue's folder a repository (once) with the tracked files listed.
    pub fn init(&self) -> Result<(), SyncError> {
        if !self.root.join(".git").exists() {
            self.run(&["init", "-q", "-b", BRANCH])?;
        }
        let info = self.root.join(".git").join("info");
        std::fs::create_dir_all(&info).map_err(|e| SyncError::io(&info, e))?;
        let exclude = info.join("exclude");
        crate::durable::write_atomic(&exclude, TRACKED.as_bytes())
            .map_err(|e| SyncError::io(&exclude, e))
    }

    /// Makes an empty bare repository at `path` (a folder on a USB stick or a share).
    pub fn init_bare(program: &Path, path: &Path) -> Result<(), SyncError> {
        let mut out = Command::new(program)
            .args(["init", "-q", "--bare", "-b", BRANCH])
            .arg(path)
            .output()
            .map_err(|e| SyncError::Git(e.to_string()))?;
        if out.status.success() {
            // What other desktops push is unpacked there: at the same fast level.
            out = Command::new(program)
                .arg("--git-dir")
                .arg(path)
                .args(["config", "core.looseCompression", "1"])
                .output()
                .map_err(|e| SyncError::Git(e.to_string()))?;
        }
        match out.status.success() {
            true => Ok(()),
            false => Err(SyncError::Git(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            )),
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        let email = format!("{}@dossier.invalid", self.device);
        c.current_dir(&self.root)
            .args(["-c", "core.autocrlf=false", "-c", "core.quotepath=off"])
            .args(["-c", "gc.auto=0", "-c", "core.fsmonitor=false"])
            // `records/` is one tree of every record (100,000 entries: 6 MB): written at
            // zlib's fastest level it takes two thirds of the time (and about as much room:
            // its object ids do not compress).
            .args(["-c", "core.looseCompression=1", "-c", "pack.compression=1"])
            .env("GIT_AUTHOR_NAME", &self.device)
            .env("GIT_AUTHOR_EMAIL", &email)
            .env("GIT_COMMITTER_NAME", &self.device)
            .env("GIT_COMMITTER_EMAIL", &email)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        c
    }

    /// Runs git once, waiting out a lock another git holds for a moment (a sync cut short
    /// can leave its git running to the end) and clearing one of this repository's own
    /// that outlived it: the catalogue's lock, which the caller holds, keeps every other
    /// Dossier out, so a lock file still there after a few seconds is a leftover.
    fn output(&self, args: &[&str]) -> Result<std::process::Output, SyncError> {
        let mut waited = 0;
        loop {
            let out = self
                .command()
                .args(args)
                .stdin(Stdio::null())
                .output()
                .map_err(|e| SyncError::Git(e.to_string()))?;
            let said = String::from_utf8_lossy(&out.stderr);
            let Some(lock) = locked_file(&said) else {
                return Ok(out);
            };
            waited += 1;
            if waited < 30 {
                std::thread::sleep(std::time::Duration::from_millis(100));
                continue;
            }
            let own = std::fs::canonicalize(self.root.join(".git")).unwrap_or_default();
            let lock = match lock.is_absolute() {
                true => lock,
                false => self.root.join(lock),
            };
            let in_own = lock
                .parent()
                .and_then(|p| std::fs::canonicalize(p).ok())
                .is_some_and(|p| p.starts_with(&own));
            if waited > 30 || !in_own {
                return Ok(out);
            }
            let _ = std::fs::remove_file(&lock);
        }
    }

    /// Runs git and returns its output; a failure carries git's own words.
    pub(super) fn run(&self, args: &[&str]) -> Result<String, SyncError> {
        let out = self.output(args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(SyncError::Git(format!(
                "git {}: {}",
                args.first().copied().unwrap_or_default(),
                String::from_utf8_lossy(&out.stderr).trim()
            )))
        }
    }

    /// Runs git where exit code 1 means "no" rather than a failure.
    fn run_yes_no(&self, args: &[&str]) -> Result<Option<String>, SyncError> {
        let out = self.output(args)?;
        match out.status.code() {
            Some(0) => Ok(Some(
                String::from_utf8_lossy(&out.stdout).trim().to_string(),
            )),
            Some(1) => Ok(None),
            _ => Err(SyncError::Git(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            )),
        }
    }
}

impl Engine for SystemGit {
    fn snapshot_tree(&self) -> Result<Oid, SyncError> {
        self.staged_tree(None)
    }

    fn stage_tree(&self, paths: &[String]) -> Result<Oid, SyncError> {
        self.staged_tree(Some(paths))
    }

    fn tree_of(&self, commit: &str) -> Result<Oid, SyncError> {
        Ok(self
            .run(&["rev-parse", &format!("{commit}^{{tree}}")])?
            .trim()
            .to_string())
    }

    fn commit(&self, tree: &str, parents: &[&str]) -> Result<Oid, SyncError> {
        let mut args = vec!["commit-tree", tree, "-m", "Dossier sync"];
        for p in parents {
            args.extend(["-p", p]);
        }
        Ok(self.run(&args)?.trim().to_string())
    }

    fn head(&self) -> Result<Option<Oid>, SyncError> {
        let branch = format!("refs/heads/{BRANCH}");
        self.run_yes_no(&[
            "rev-parse",
            "-q",
            "--verify",
            &format!("{branch}^{{commit}}"),
        ])
    }

    fn set_head(&self, to: &str, from: Option<&str>) -> Result<(), SyncError> {
        let branch = format!("refs/heads/{BRANCH}");
        let mut args = vec!["update-ref", "-m", "Dossier sync", branch.as_str(), to];
        let zero = "0".repeat(40);
        args.push(from.unwrap_or(&zero));
        self.run(&args).map(|_| ())
    }

    fn fetch(&self, remote: &str) -> Result<Option<Oid>, SyncError> {
        let spec = format!("+refs/heads/*:refs/remotes/{remote}/*");
        self.run(&["fetch", "-q", "--no-tags", remote, &spec])?;
        let tip = format!("refs/remotes/{remote}/{BRANCH}^{{commit}}");
        self.run_yes_no(&["rev-parse", "-q", "--verify", &tip])
    }

    fn push(&self, remote: &str, commit: &str) -> Result<Pushed, SyncError> {
        let spec = format!("{commit}:refs/heads/{BRANCH}");
        let out = self.output(&["push", "-q", "--porcelain", remote, &spec])?;
        let said = String::from_utf8_lossy(&out.stdout);
        if out.status.success() {
            Ok(Pushed::Done)
        } else if said.contains("[rejected]") || said.contains("non-fast-forward") {
            Ok(Pushed::Rejected)
        } else {
            Err(SyncError::Git(format!(
                "git push: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )))
        }
    }

    fn merge_base(&self, a: &str, b: &str) -> Result<Option<Oid>, SyncError> {
        self.run_yes_no(&["merge-base", a, b])
    }

    fn is_ancestor(&self, a: &str, b: &str) -> Result<bool, SyncError> {
        Ok(self
            .run_yes_no(&["merge-base", "--is-ancestor", a, b])?
            .is_some())
    }

    fn changed_paths(&self, from: Option<&str>, to: &str) -> Result<Vec<String>, SyncError> {
        let Some(from) = from else {
            let out = self.run(&["ls-tree", "-r", "-z", "--full-tree", to])?;
            return Ok(parse_listing(&out).into_keys().collect());
        };
        // The old and new ids of every path git says changed, by the folder's path: a
        // record moved from a flat tree to a split one is a change only if its bytes are.
        let out = self.run(&["diff-tree", "-r", "-z", "--no-renames", from, to])?;
        let mut sides: BTreeMap<String, [Option<String>; 2]> = BTreeMap::new();
        let mut fields = out.split('\0');
        while let (Some(head), Some(path)) = (fields.next(), fields.next()) {
            // ":<old mode> <new mode> <old id> <new id> <status>"
            let f: Vec<&str> = head.trim_start_matches(':').split(' ').collect();
            let (Some(folder), [old_mode, new_mode, old, new, ..]) = (to_folder(path), &f[..])
            else {
                continue;
            };
            let side = sides.entry(folder.into_owned()).or_default();
            if let Some(o) = real(old_mode, old) {
                side[0] = Some(o);
            }
            if let Some(n) = real(new_mode, new) {
                side[1] = Some(n);
            }
        }
        Ok(sides
            .into_iter()
            .filter(|(_, [old, new])| old != new)
            .map(|(path, _)| path)
            .collect())
    }

    fn commits_touching(
        &self,
        from: &str,
        to: &str,
        paths: &[String],
    ) -> Result<Vec<Oid>, SyncError> {
        let not_from = format!("^{from}");
        let both: Vec<String> = paths.iter().flat_map(|p| both_forms(p)).collect();
        let mut args = vec!["--literal-pathspecs", "rev-list", "--full-history", to];
        args.extend([not_from.as_str(), "--"]);
        args.extend(both.iter().map(String::as_str));
        Ok(self
            .run(&args)?
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect())
    }

    fn read_files(&self, wanted: &[(String, String)]) -> Result<Vec<Option<Vec<u8>>>, SyncError> {
        // By blob id: `commit:path` would make git read the commit's trees again for
        // every file.
        let blobs = self.blob_ids(wanted)?;
        let names: Vec<String> = blobs.iter().flatten().cloned().collect();
        let mut read = self.cat_batch(&names)?.into_iter();
        Ok(blobs
            .iter()
            .map(|b| b.as_ref().and_then(|_| read.next().flatten()))
            .collect())
    }

    fn remotes(&self) -> Result<Vec<(String, String)>, SyncError> {
        let out = self.run_yes_no(&["config", "--get-regexp", r"^remote\..*\.url$"])?;
        Ok(out
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let (key, url) = l.split_once(' ')?;
                let name = key.strip_prefix("remote.")?.strip_suffix(".url")?;
                Some((name.to_string(), url.to_string()))
            })
            .collect())
    }

    fn add_remote(&self, name: &str, url: &str) -> Result<(), SyncError> {
        self.run(&["remote", "add", "--", name, url]).map(|_| ())
    }

    fn remove_remote(&self, name: &str) -> Result<(), SyncError> {
        self.run(&["remote", "remove", name]).map(|_| ())
    }

    fn config(&self, key: &str) -> Result<Option<String>, SyncError> {
        self.run_yes_no(&["config", "--get", key])
    }

    fn set_config(&self, key: &str, value: &str) -> Result<(), SyncError> {
        self.run(&["config", key, value]).map(|_| ())
    }
}

/// The lock file git names when it could not take it (`Unable to create '<path>.lock':
/// File exists`).
fn locked_file(stderr: &str) -> Option<PathBuf> {
    let at = stderr.find("Unable to create '")?;
    let rest = &stderr[at + "Unable to create '".len()..];
    let end = rest.find(".lock'")?;
    Some(PathBuf::from(&rest[..end + ".lock".len()]))
}

/// A side of a changed path as `diff-tree` gives it: mode and id, `None` for no file.
fn real(mode: &str, id: &str) -> Option<String> {
    (!id.bytes().all(|b| b == b'0')).then(|| format!("{mode} {id}"))
}

/// Past this many paths, staging them one group at a time costs more than letting git
/// look at every file.
pub(super) const STAGE_AT_MOST: usize = 4000;

/// At most this many paths are named to one `git ls-tree` (Windows limits a command line
/// to 32,767 characters); past it, the whole tree is listed once.
const PATHS_PER_LISTING: usize = 400;

impl SystemGit {
    /// The blob id of each `(commit, path)`, `None` where the commit has no such file:
    /// one `git ls-tree` per commit (per few hundred paths), which finds a record's file
    /// where a split tree keeps it and where a flat one did.
    fn blob_ids(&self, wanted: &[(String, String)]) -> Result<Vec<Option<String>>, SyncError> {
        let mut by_commit: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (c, p) in wanted {
            by_commit.entry(c).or_default().push(p);
        }
        let mut found: HashMap<(String, String), String> = HashMap::new();
        for (commit, paths) in by_commit {
            let named: Vec<String> = match paths.len() > PATHS_PER_LISTING {
                true => Vec::new(),
                false => paths.iter().flat_map(|p| both_forms(p)).collect(),
            };
            let mut args = vec!["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree"];
            args.push(commit);
            if !named.is_empty() {
                args.push("--");
                args.extend(named.iter().map(String::as_str));
            }
            for (path, entry) in parse_listing(&self.run(&args)?) {
                found.insert((commit.to_string(), path), entry.oid);
            }
        }
        Ok(wanted.iter().map(|w| found.get(w).cloned()).collect())
    }

    /// The bytes of each object named (an id, or `<tree>:<path>`), `None` where git has
    /// none: one `git cat-file --batch` for all.
    pub(super) fn cat_batch(&self, names: &[String]) -> Result<Vec<Option<Vec<u8>>>, SyncError> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = self
            .command()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| SyncError::Git(e.to_string()))?;
        let input: Vec<u8> = names
            .iter()
            .flat_map(|n| format!("{n}\n").into_bytes())
            .collect();
        let writer = feed(&mut child, input)?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| SyncError::Git("no stdout".into()))?;
        let mut reader = BufReader::new(stdout);
        let found = names
            .iter()
            .map(|_| read_one(&mut reader))
            .collect::<Result<Vec<_>, _>>();
        let _ = writer.join();
        let _ = child.wait();
        found
    }

    /// Runs git with `input` on its standard input; its output, or git's own words.
    pub(super) fn run_input(&self, args: &[&str], input: Vec<u8>) -> Result<String, SyncError> {
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| SyncError::Git(e.to_string()))?;
        let writer = feed(&mut child, input)?;
        let out = child
            .wait_with_output()
            .map_err(|e| SyncError::Git(e.to_string()))?;
        let _ = writer.join();
        match out.status.success() {
            true => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
            false => Err(SyncError::Git(format!(
                "git {}: {}",
                args.first().copied().unwrap_or_default(),
                String::from_utf8_lossy(&out.stderr).trim()
            ))),
        }
    }

    /// The repository's own folder (`.git`).
    pub(super) fn git_dir(&self) -> PathBuf {
        self.root.join(".git")
    }
}

/// Writes `input` to the child's standard input on a thread of its own (so that a child
/// that answers as it reads never waits on a full pipe), then closes it.
fn feed(
    child: &mut std::process::Child,
    input: Vec<u8>,
) -> Result<std::thread::JoinHandle<()>, SyncError> {
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| SyncError::Git("no stdin".into()))?;
    std::thread::Builder::new()
        .name("git-input".into())
        .spawn(move || {
            let _ = stdin.write_all(&input);
        })
        .map_err(|e| SyncError::Git(e.to_string()))
}

/// Reads one answer of `cat-file --batch`: a header, then the bytes and a newline, or
/// `<name> missing`.
fn read_one(reader: &mut impl BufRead) -> Result<Option<Vec<u8>>, SyncError> {
    let mut header = String::new();
    reader
        .read_line(&mut header)
        .map_err(|e| SyncError::Git(e.to_string()))?;
    let header = header.trim_end();
    if header.ends_with(" missing") || header.ends_with(" ambiguous") || header.is_empty() {
        return Ok(None);
    }
    let size: usize = header
        .rsplit(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| SyncError::Git(format!("git cat-file said '{header}'")))?;
    let mut bytes = vec![0; size + 1];
    reader
        .read_exact(&mut bytes)
        .map_err(|e| SyncError::Git(e.to_string()))?;
    bytes.pop();
    Ok(Some(bytes))
}
