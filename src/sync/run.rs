//! One sync, start to end (commit, fetch, merge, commit, push), and a new desktop's copy.

use std::collections::BTreeSet;
use std::path::Path;

use super::apply::{Incoming, incoming, write_incoming};
use super::git::{Engine, Pushed, SystemGit};
use super::originals::{receive, remote_dir, send};
use super::ssh::SshRemote;
use super::target::SyncTarget;
use super::{SyncError, SyncSummary, repo_of};
use crate::audit::{Action, AuditDraft};
use crate::model::Sha256;
use crate::store::{Device, META_FILE};

/// One sync's fixed parts: the repository, the catalogue, this desktop, the remote's
/// URL and who syncs.
#[derive(Clone, Copy)]
struct Run<'a> {
    git: &'a SystemGit,
    cat: &'a SyncTarget,
    device: &'a Device,
    url: &'a str,
    actor: &'a str,
}

/// The setting that remembers how many originals the last sync could not fetch: a sync
/// after one that could not opens the whole catalogue (`light.rs`).
pub(super) const MISSING_KEY: &str = "dossier.originals-missing";

/// How many times a sync fetches and merges again when another desktop pushed meanwhile.
const ATTEMPTS: usize = 5;

/// Syncs the open catalogue with a remote (the only one, or `remote`): commits this
/// desktop's changes, fetches, merges record by record, commits and pushes. The
/// catalogue in memory is not changed: open it again to see what came.
pub fn sync(
    cat: &SyncTarget,
    remote: Option<&str>,
    actor: &str,
    progress: &mut dyn FnMut(&str),
) -> Result<SyncSummary, SyncError> {
    sync_from(cat, remote, actor, progress, None)
}

/// [`sync`], given the tree of the folder as it is when it was just made (`light.rs`
/// makes one to look at what changed): the first commit uses it instead of asking git
/// to look at every file again.
pub(super) fn sync_from(
    cat: &SyncTarget,
    remote: Option<&str>,
    actor: &str,
    progress: &mut dyn FnMut(&str),
    mut tree: Option<String>,
) -> Result<SyncSummary, SyncError> {
    let (git, device) = repo_of(cat.root())?;
    let (name, url) = pick_remote(&git, cat, remote)?;
    let mut summary = SyncSummary::default();
    let mut done = false;
    for _ in 0..ATTEMPTS {
        progress("committing this desktop's changes");
        let ours = commit_local(&git, tree.take())?;
        progress("fetching");
        let theirs = git.fetch(&name)?;
        if let Some(theirs) = &theirs {
            check_same_catalogue(&git, cat, &name, theirs)?;
        }
        let head = match (&ours, &theirs) {
            (_, None) => ours.clone(),
            (Some(o), Some(t)) if git.is_ancestor(t, o)? => ours.clone(),
            (_, Some(t)) => {
                let run = Run {
                    git: &git,
                    cat,
                    device: &device,
                    url: &url,
                    actor,
                };
                Some(merge_in(&run, ours.as_deref(), t, &mut summary, progress)?)
            }
        };
        let Some(head) = head else { return Ok(summary) };
        let up_to_date = theirs.as_deref() == Some(head.as_str());
        let sending = match up_to_date {
            true => Vec::new(),
            false => git.changed_paths(theirs.as_deref(), &head)?,
        };
        progress("sending originals");
        send_originals(cat, &url, &sending, &mut summary)?;
        if up_to_date {
            done = true;
            break;
        }
        progress("pushing");
        if git.push(&name, &head)? == Pushed::Done {
            summary.sent = count_records(&sending);
            done = true;
            break;
        }
    }
    if !done {
        // What came is merged and committed here; the next sync sends it.
        return Err(SyncError::RemoteBusy(name));
    }
    // Originals still missing here (a new copy has none yet) that the remote may have.
    let missing: BTreeSet<Sha256> = cat.missing_originals();
    receive_originals(cat, &url, &missing, &mut summary)?;
    // A sync that could not fetch some has the next one open the whole catalogue (which
    // looks for every original its records name).
    git.set_config(MISSING_KEY, &summary.originals_missing.len().to_string())?;
    git.set_config(
        &format!("dossier.{name}.synced"),
        &jiff::Timestamp::now().to_string(),
    )?;
    Ok(summary)
}

/// The remote named `remote`, or the only one: its name and URL.
fn pick_remote(
    git: &SystemGit,
    cat: &SyncTarget,
    remote: Option<&str>,
) -> Result<(String, String), SyncError> {
    let remotes = git.remotes()?;
    match remote {
        Some(r) => remotes
            .into_iter()
            .find(|(n, _)| n == r)
            .ok_or_else(|| SyncError::NoSuchRemote(r.into())),
        None => remotes
            .into_iter()
            .next()
            .ok_or_else(|| SyncError::NotSetUp(cat.root().display().to_string())),
    }
}

/// Commits what changed in the folder since the last commit; the branch's tip after.
fn commit_local(git: &SystemGit, tree: Option<String>) -> Result<Option<String>, SyncError> {
    let tree = match tree {
        Some(t) => t,
        None => git.snapshot_tree()?,
    };
    let head = git.head()?;
    if let Some(h) = &head
        && git.tree_of(h)? == tree
    {
        return Ok(head);
    }
    let parents: Vec<&str> = head.iter().map(String::as_str).collect();
    let commit = git.commit(&tree, &parents)?;
    git.set_head(&commit, head.as_deref())?;
    Ok(Some(commit))
}

/// Two unrelated catalogues never sync: the remote's `dossier.json` must name this id.
fn check_same_catalogue(
    git: &SystemGit,
    cat: &SyncTarget,
    remote: &str,
    theirs: &str,
) -> Result<(), SyncError> {
    let found = git.read_files(&[(theirs.to_string(), META_FILE.to_string())])?;
    let id = found
        .into_iter()
        .next()
        .flatten()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string))
        .unwrap_or_default();
    let ours = cat.id().to_string();
    match id == ours {
        true => Ok(()),
        false => Err(SyncError::Unrelated {
            remote: remote.to_string(),
            theirs: crate::text::one_line(&id).into_owned(),
            ours,
        }),
    }
}

/// Brings the other desktops' changes in, merges, and commits the result on top of both.
fn merge_in(
    run: &Run<'_>,
    ours: Option<&str>,
    theirs: &str,
    summary: &mut SyncSummary,
    progress: &mut dyn FnMut(&str),
) -> Result<String, SyncError> {
    let Run {
        git,
        cat,
        device,
        url,
        actor,
    } = *run;
    let base = match ours {
        Some(o) => git.merge_base(o, theirs)?,
        None => None,
    };
    progress("merging");
    let found: Incoming = incoming(git, cat, device, base.as_deref(), ours, theirs)?;
    receive_originals(cat, url, &found.attachments, summary)?;
    let touched = found.changed.clone();
    // Only what this sync writes needs staging: the rest was staged when it began.
    let mut written = found.paths();
    written.push(cat.audit().file());
    write_incoming(cat, found, actor, summary)?;
    let settled = super::persons::settle(cat, &touched, actor, summary)?;
    written.extend(super::apply::record_paths(&settled));
    let tree = git.stage_tree(&written)?;
    let fast_forward = match ours {
        None => true,
        Some(o) => git.is_ancestor(o, theirs)?,
    };
    let commit = if fast_forward && git.tree_of(theirs)? == tree {
        theirs.to_string()
    } else if fast_forward {
        git.commit(&tree, &[theirs])?
    } else {
        git.commit(&tree, &[ours.unwrap_or(theirs), theirs])?
    };
    git.set_head(&commit, ours)?;
    Ok(commit)
}

fn count_records(paths: &[String]) -> usize {
    let ids: BTreeSet<&str> = paths
        .iter()
        .filter(|p| p.starts_with("records/") || p.starts_with("trash/"))
        .filter_map(|p| p.rsplit('/').next())
        .collect();
    ids.len()
}

/// Copies to the remote at `url` (a folder, or over ssh) the originals it lacks: every one
/// the records name, or, opened without its records, those the records at the paths
/// being sent name.
fn send_originals(
    cat: &SyncTarget,
    url: &str,
    sending: &[String],
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let named;
    let originals = match cat.is_files_only() {
        false => cat.originals(),
        true => {
            named = cat.originals_named(sending);
            &named
        }
    };
    summary.originals_out += match (remote_dir(url), SshRemote::parse(url)) {
        (Some(dir), _) => send(&cat.blobs(), originals, &dir)?,
        (None, Some(ssh)) => ssh.send(&cat.blobs(), originals)?,
        (None, None) => 0,
    };
    Ok(())
}

/// Copies from the remote at `url` (a folder, or over ssh) the originals in `wanted`
/// this desktop lacks.
fn receive_originals(
    cat: &SyncTarget,
    url: &str,
    wanted: &BTreeSet<Sha256>,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let (came, absent) = match (remote_dir(url), SshRemote::parse(url)) {
        (Some(dir), _) => receive(&cat.blobs(), wanted, &dir)?,
        (None, Some(ssh)) => ssh.receive(&cat.blobs(), wanted)?,
        (None, None) => return Ok(()),
    };
    summary.originals_in += came;
    summary.originals_missing.extend(absent);
    Ok(())
}

/// Makes a new desktop's copy of a synced catalogue: the repository cloned from `url`
/// into `dest` (a new folder), its originals copied from a folder remote, and this
/// desktop given its own pseudonym and log. Nothing is merged: the copy is the remote's.
pub fn clone_catalogue(url: &str, dest: &Path) -> Result<Device, SyncError> {
    let program = SystemGit::find()?;
    if dest.exists()
        && std::fs::read_dir(dest)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(SyncError::Git(format!(
            "{} exists and is not empty: clone into a new folder",
            dest.display()
        )));
    }
    let out = std::process::Command::new(&program)
        .args([
            "-c",
            "core.autocrlf=false",
            "clone",
            "-q",
            // Git would write the split folders as they are in its trees: Dossier writes
            // them flat below.
            "--no-checkout",
            "-b",
            super::BRANCH,
            "--",
            url,
        ])
        .arg(dest)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| SyncError::Git(e.to_string()))?;
    if !out.status.success() {
        return Err(SyncError::Git(format!(
            "git clone: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let device = Device::joined();
    let git = SystemGit::at(dest, &device.device)?;
    git.init()?;
    git.check_out_flat()?;
    for dir in [crate::store::RECORDS_DIR, crate::store::TRASH_DIR] {
        std::fs::create_dir_all(dest.join(dir)).map_err(|e| SyncError::io(dest, e))?;
    }
    device.write(dest)?;
    Ok(device)
}

/// The entry that says this desktop joined: the first of its own log, appended when the
/// copy is first opened after [`clone_catalogue`].
pub fn joined_draft(actor: &str, device: &Device) -> AuditDraft {
    AuditDraft::new(actor, Action::SyncSetUp)
        .note(format!("this desktop joined as {}", device.device))
        .detail("device", device.device.clone())
}
