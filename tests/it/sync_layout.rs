//! Where records sit in git (issue 18's "not growing with catalogue size"): git's trees
//! split `records/` into folders by the last two hex digits of each file's name, so a
//! sync writes and sends only the small trees of what changed, while the folder on disk
//! stays flat. A catalogue whose history was written flat (before the split) syncs on:
//! its old commits read as they were, a copy cloned from them is flat, and its next
//! commit is split, with nothing received or sent twice.

use std::path::Path;

use dossier::model::RecordId;

use crate::common::{
    assert_same_synced, desk_user, git_in, office_of_reports, open_as, set_title, sync_as,
};

/// The names in a commit's `records/` tree, and whether each is a folder.
fn records_tree(dir: &Path, commit: &str) -> Vec<(bool, String)> {
    git_in(dir, &["ls-tree", &format!("{commit}:records")])
        .lines()
        .map(|l| {
            let (head, name) = l.split_once('\t').unwrap();
            (head.contains(" tree "), name.to_string())
        })
        .collect()
}

/// Every record's file is in the folder of its name's last two hex digits, and nowhere
/// else in git's `records/` tree.
fn assert_split(dir: &Path, ids: &[RecordId]) {
    let top = records_tree(dir, "HEAD");
    assert!(
        top.iter().all(|(is_dir, name)| *is_dir && name.len() == 2),
        "records/ in git holds only two-digit folders: {top:?}"
    );
    let all = git_in(dir, &["ls-tree", "-r", "--name-only", "HEAD", "records"]);
    for id in ids {
        let name = id.to_string();
        let want = format!("records/{}/{name}.json", &name[name.len() - 2..]);
        assert!(all.lines().any(|l| l == want), "{want} not in git");
    }
}

#[test]
fn git_keeps_records_in_split_folders_while_the_folder_on_disk_stays_flat() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office_of_reports(dir.path(), 2);
    for desk in &d {
        assert_split(desk, &ids);
        let on_disk = std::fs::read_dir(desk.join("records")).unwrap().count();
        assert_eq!(on_disk, ids.len(), "records/ on disk is flat");
        assert!(
            std::fs::read_dir(desk.join("records")).unwrap().all(|e| e
                .unwrap()
                .file_type()
                .unwrap()
                .is_file()),
            "no folder in records/ on disk"
        );
    }
    // A change of one record rewrites its folder's tree and the trees above it alone.
    set_title(&d[0], "Ana", &ids[3], "Shelling of the school");
    let before = git_in(&d[0], &["rev-parse", "HEAD"]);
    sync_as(&d[0], "Ana");
    let changed = git_in(
        &d[0],
        &["diff-tree", "-r", "-t", "--name-only", &before, "HEAD"],
    );
    let trees: Vec<&str> = changed
        .lines()
        .filter(|l| l.starts_with("records"))
        .collect();
    let name = ids[3].to_string();
    let shard = &name[name.len() - 2..];
    assert_eq!(
        trees,
        vec![
            "records".to_string(),
            format!("records/{shard}"),
            format!("records/{shard}/{name}.json"),
        ],
        "only the record's folder changed in git"
    );
    // The other desktop takes it, and both end identical.
    let got = sync_as(&d[1], "Ben");
    assert_eq!(got.received, 1, "{got:?}");
    sync_as(&d[0], "Ana");
    sync_as(&d[1], "Ben");
    assert_same_synced(&d);
    assert_eq!(
        git_in(&d[0], &["rev-parse", "HEAD^{tree}"]),
        git_in(&d[1], &["rev-parse", "HEAD^{tree}"])
    );
    // A record moved to the trash moves in git too, split the same way.
    {
        let mut cat = open_as(&d[1], "Ben");
        cat.trash_record(&ids[5], "Ben").unwrap().apply().unwrap();
    }
    sync_as(&d[1], "Ben");
    let got = sync_as(&d[0], "Ana");
    assert!(got.received >= 1, "{got:?}");
    let trashed = ids[5].to_string();
    let want = format!("trash/{}/{trashed}.json", &trashed[trashed.len() - 2..]);
    let in_git = git_in(&d[0], &["ls-tree", "-r", "--name-only", "HEAD", "trash"]);
    assert_eq!(in_git, want);
    assert!(d[0].join("trash").join(format!("{trashed}.json")).is_file());
    sync_as(&d[1], "Ben");
    assert_same_synced(&d);
}

/// What Dossier before the split committed: the folder's index written as it is (flat).
fn commit_flat(desk: &Path, remote: &Path) {
    git_in(desk, &["add", "-A", "--", "."]);
    let tree = git_in(desk, &["write-tree"]);
    let head = git_in(desk, &["rev-parse", "HEAD"]);
    let commit = git_in(
        desk,
        &["commit-tree", &tree, "-p", &head, "-m", "Dossier sync"],
    );
    git_in(desk, &["update-ref", "refs/heads/main", &commit]);
    git_in(desk, &["push", "-q", &remote.display().to_string(), "main"]);
    // Dossier before the split kept no note of what the index was built into.
    std::fs::remove_file(desk.join(".git").join("dossier-staged")).unwrap();
}

#[test]
fn a_history_written_flat_syncs_on_and_is_split_from_its_next_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (d, ids) = office_of_reports(dir.path(), 2);
    let usb = dir.path().join("usb.git");
    // Ana's desktop ran the old Dossier: its last commit, on the remote, is flat.
    set_title(&d[0], "Ana", &ids[0], "Written flat");
    commit_flat(&d[0], &usb);
    assert!(
        records_tree(&d[0], "HEAD")
            .iter()
            .all(|(is_dir, name)| !is_dir && name.ends_with(".json")),
        "the remote's tip is flat"
    );
    // A copy cloned from the flat tip is flat on disk and whole.
    let c = dir.path().join("d2");
    dossier::sync::clone_catalogue(&usb.display().to_string(), &c).unwrap();
    assert_eq!(
        std::fs::read_dir(c.join("records")).unwrap().count(),
        ids.len()
    );
    assert_eq!(
        open_as(&c, "Cem").get(&ids[0]).unwrap().title,
        "Written flat"
    );
    // Ben's split history merges the flat one: only the record that changed comes.
    set_title(&d[1], "Ben", &ids[1], "Edited on the split side");
    let got = sync_as(&d[1], "Ben");
    assert_eq!(
        (got.received, got.conflicts),
        (1, 0),
        "the flat tip is not every record changed: {got:?}"
    );
    assert_split(&d[1], &ids);
    // Ana's next sync (no note, a flat tip) writes a split tree and takes Ben's edit.
    let got = sync_as(&d[0], "Ana");
    assert_eq!((got.received, got.conflicts), (1, 0), "{got:?}");
    assert_split(&d[0], &ids);
    sync_as(&d[1], "Ben");
    assert_same_synced(&d[..2]);
    for desk in &d {
        let cat = open_as(desk, &desk_user(0));
        assert_eq!(cat.get(&ids[0]).unwrap().title, "Written flat");
        assert_eq!(cat.get(&ids[1]).unwrap().title, "Edited on the split side");
        assert!(
            dossier::integrity::check_catalogue(&cat).is_empty(),
            "{:?}",
            dossier::integrity::check_catalogue(&cat)
        );
    }
}
