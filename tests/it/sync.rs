//! Several desktops, one catalogue (issue 18), with the real `git` and the real binary:
//! a bare repository in a folder stands for the USB stick; each desktop is a folder.

use std::fs;
use std::path::PathBuf;

use crate::common::{Cli, assert_same_synced, open_as, open_read_only};
use dossier::model::{Label, RecordId};

const PASSPHRASE: &str = "correct horse battery staple";

/// The desktops' folders and the "USB stick", with a user per desktop.
struct Office {
    cli: Cli,
}

impl Office {
    fn new() -> Office {
        let office = Office { cli: Cli::new() };
        // A stand-in for `ssh` (there is no ssh server in CI): runs the command line it
        // is given here, whatever the host. Git and Dossier both use it.
        let fake = office.path("fake-ssh");
        fs::write(
            &fake,
            "#!/bin/sh\nfor a; do last=$a; done\nexec sh -c \"$last\"\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
        }
        office
    }

    fn path(&self, name: &str) -> PathBuf {
        self.cli.path(name)
    }

    fn p(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    /// Runs dossier as `user` (an encrypted catalogue opens with the passphrase file);
    /// expects success; returns stdout.
    fn ok(&self, user: &str, args: &[&str]) -> String {
        let out = self.run(user, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "dossier {args:?} failed: {err}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn run(&self, user: &str, args: &[&str]) -> std::process::Output {
        fs::write(self.path("passphrase"), format!("{PASSPHRASE}\n")).unwrap();
        let home = self.cli.path("");
        std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .env("DOSSIER_CONFIG_DIR", home.join("config"))
            .env("DOSSIER_DATA_DIR", home.join("data"))
            .env("DOSSIER_USER", user)
            .env("DOSSIER_TEST_FAST_KDF", "1")
            .env("DOSSIER_PASSPHRASE_FILE", self.path("passphrase"))
            .env("GIT_SSH_COMMAND", self.path("fake-ssh"))
            .env("GIT_SSH_VARIANT", "simple")
            .env("DOSSIER_SSH", self.path("fake-ssh"))
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    }

    fn fails(&self, user: &str, args: &[&str]) -> String {
        let out = self.run(user, args);
        assert_eq!(out.status.code(), Some(1), "dossier {args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Desktop `a` with one record holding an original, synced to `usb.git`, and desktop
    /// `b` cloned from it. Returns the record's id.
    fn two_desktops(&self) -> RecordId {
        self.ok(
            "Ana",
            &["new", &self.p("a"), "--plain", "--title", "Office"],
        );
        fs::write(
            self.path("photo.bin"),
            b"the bytes of an original, unchanged",
        )
        .unwrap();
        let out = self.ok(
            "Ana",
            &[
                "add",
                &self.p("a"),
                "--kind",
                "media",
                "--title",
                "First",
                "--attach",
                &self.p("photo.bin"),
            ],
        );
        let id: RecordId = out.trim().parse().unwrap();
        let usb = self.p("usb.git");
        self.ok(
            "Ana",
            &["remote", &self.p("a"), "add", "usb", &usb, "--init"],
        );
        let said = self.ok("Ana", &["sync", &self.p("a")]);
        assert!(said.contains("1 sent"), "{said}");
        let said = self.ok("Ben", &["clone", &usb, &self.p("b")]);
        assert!(said.contains("Cloned 1 records"), "{said}");
        id
    }

    fn sync(&self, user: &str, desktop: &str) -> String {
        self.ok(user, &["sync", &self.p(desktop)])
    }

    /// One more sync on each desktop, the last saying nothing new: then both hold the
    /// same files, byte for byte.
    fn settle(&self) {
        self.sync("Ana", "a");
        let last = self.sync("Ben", "b");
        assert!(
            last.contains("0 received, 0 sent, 0 merged"),
            "quiet at the end: {last}"
        );
        assert_same_files(self, "a", "b");
    }
}

/// The two desktops hold the same files, byte for byte (names the ones that differ).
fn assert_same_files(office: &Office, a: &str, b: &str) {
    assert_same_synced(&[office.path(a), office.path(b)]);
}

fn assert_verifies(office: &Office, desktop: &str) {
    let said = office.ok("Ana", &["verify", &office.p(desktop)]);
    assert!(said.contains("OK: no problems found"), "{desktop}: {said}");
}

#[test]
fn a_new_desktop_clones_the_records_and_their_originals_and_verifies() {
    let office = Office::new();
    let id = office.two_desktops();
    let b = open_read_only(&office.path("b"));
    let record = b.get(&id).expect("the record came");
    assert_eq!(record.title, "First");
    let sha = &record.attachments[0].sha256;
    assert!(
        b.blobs().contains(sha),
        "the original came beside the repository"
    );
    assert!(
        office
            .path("usb.git/dossier-originals")
            .join(sha.as_str())
            .is_file()
    );
    // Each desktop its own log; the clone's begins with it joining.
    let device: serde_json::Value =
        serde_json::from_slice(&fs::read(office.path("b/device.json")).unwrap()).unwrap();
    let log = device["log"].as_str().unwrap();
    assert!(log.starts_with("audit/d-"), "{log}");
    assert!(
        fs::read_to_string(office.path("b").join(log))
            .unwrap()
            .contains("sync-set-up")
    );
    assert_verifies(&office, "a");
    assert_verifies(&office, "b");
    // What a commit says of the person: nothing (a pseudonym, a generic message).
    let git_log = std::process::Command::new("git")
        .args(["log", "--format=%an %ae %s"])
        .current_dir(office.path("b"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&git_log.stdout);
    assert!(!said.contains("Ana") && !said.contains("Ben"), "{said}");
    assert!(said.lines().all(|l| l.ends_with("Dossier sync")), "{said}");
}

#[test]
fn edits_on_two_desktops_merge_field_by_field_and_both_end_identical() {
    let office = Office::new();
    let id = office.two_desktops();
    let (a, b) = (office.p("a"), office.p("b"));
    let rid = id.to_string();
    office.ok(
        "Ana",
        &[
            "set",
            &a,
            &rid,
            "--title",
            "Title from A",
            "--place",
            "Shushi",
            "--add-tag",
            "from-a",
        ],
    );
    office.ok(
        "Ben",
        &[
            "set",
            &b,
            &rid,
            "--title",
            "Title from B",
            "--label",
            "red",
            "--add-tag",
            "from-b",
        ],
    );
    office.sync("Ana", "a");
    let said = office.sync("Ben", "b");
    assert!(said.contains("1 merged, 1 conflict"), "{said}");
    assert!(
        said.contains(&format!("In conflict: {rid} (title)")),
        "{said}"
    );
    office.settle();
    for desktop in ["a", "b"] {
        let cat = open_read_only(&office.path(desktop));
        let r = cat.get(&id).unwrap();
        assert_eq!(r.place, "Shushi", "one side's field merges");
        assert_eq!(r.label, Label::Red, "the stricter label wins");
        assert!(
            r.tags.contains(&"from-a".into()) && r.tags.contains(&"from-b".into()),
            "{:?}",
            r.tags
        );
        let c = &r.conflicts[0];
        assert_eq!(c.field, "title");
        let values = [c.ours.as_str().unwrap(), c.theirs.as_str().unwrap()];
        assert!(
            values.contains(&"Title from A") && values.contains(&"Title from B"),
            "{values:?}"
        );
        assert_verifies(&office, desktop);
    }
    let shown = office.ok("Ana", &["show", &a, &rid]);
    assert!(
        shown.contains("Conflict")
            && shown.contains("Title from A")
            && shown.contains("Title from B"),
        "{shown}"
    );
    // Held back from sharing until someone chooses.
    {
        let cat = open_read_only(&office.path("a"));
        let everyone = dossier::model::Recipient::new(
            "Partner",
            dossier::model::RecipientKind::Ngo,
            Label::Red,
        );
        let plan = dossier::share::plan(&cat, &everyone, None);
        let held = plan.held.iter().find(|h| h.id == id).expect("held back");
        assert!(
            held.reason.to_string().contains("in conflict"),
            "{}",
            held.reason
        );
    }
    // Every desktop's history holds both desktops' edits.
    let history = office.ok("Ana", &["history", &a, &rid]);
    for words in [
        "Title from A",
        "Title from B",
        "Merged with another desktop",
    ] {
        assert!(history.contains(words), "{words} missing from {history}");
    }
}

#[test]
fn an_edit_survives_a_move_to_the_trash_on_the_other_desktop() {
    let office = Office::new();
    let id = office.two_desktops();
    {
        let mut cat = open_as(&office.path("a"), "Ana");
        cat.trash_record(&id, "Ana").unwrap().apply().unwrap();
    }
    office.ok(
        "Ben",
        &[
            "set",
            &office.p("b"),
            &id.to_string(),
            "--body",
            "new testimony",
        ],
    );
    office.sync("Ana", "a");
    let said = office.sync("Ben", "b");
    assert!(said.contains("stays out of the trash"), "{said}");
    office.settle();
    for desktop in ["a", "b"] {
        let cat = open_read_only(&office.path(desktop));
        let r = cat
            .get(&id)
            .unwrap_or_else(|| panic!("{desktop}: the record is live"));
        assert_eq!(r.body, "new testimony");
        assert!(cat.get_trashed(&id).is_none());
        assert_verifies(&office, desktop);
    }
}

#[test]
fn unrelated_catalogues_refuse_to_sync_and_remotes_are_listed_and_removed() {
    let office = Office::new();
    office.two_desktops();
    let c = office.p("c");
    office.ok("Cem", &["new", &c, "--plain", "--title", "Another office"]);
    office.ok("Cem", &["remote", &c, "add", "usb", &office.p("usb.git")]);
    let listed = office.ok("Cem", &["remote", &c, "list"]);
    assert!(
        listed.starts_with("usb\t") && listed.contains("never synced"),
        "{listed}"
    );
    let err = office.fails("Cem", &["sync", &c]);
    assert!(err.contains("another catalogue"), "{err}");
    assert!(
        open_read_only(&office.path("c")).records().is_empty(),
        "nothing came"
    );
    office.ok("Cem", &["remote", &c, "remove", "usb"]);
    assert_eq!(office.ok("Cem", &["remote", &c, "list"]), "");
    let err = office.fails("Cem", &["sync", &c]);
    assert!(err.contains("add a remote first"), "{err}");
    let listed = office.ok("Ana", &["remote", &office.p("a"), "list"]);
    assert!(listed.contains("last synced"), "{listed}");
}

#[test]
fn an_encrypted_catalogue_syncs_as_ciphertext_and_merges_in_memory() {
    // Long names: three letters turn up by chance in megabytes of ciphertext and hashes.
    const ANA: &str = "Anahit-Canary-Writer";
    const BEN: &str = "Benik-Canary-Writer";
    let office = Office::new();
    let (a, b, usb) = (office.p("a"), office.p("b"), office.p("usb.git"));
    office.ok(ANA, &["new", &a, "--title", "Sealed office"]);
    let canary = "CANARY-7f3a-testimony";
    let out = office.ok(ANA, &["add", &a, "--kind", "statement", "--title", canary]);
    let id = out.trim().to_string();
    office.ok(ANA, &["remote", &a, "add", "usb", &usb, "--init"]);
    office.sync(ANA, "a");
    office.ok(BEN, &["clone", &usb, &b]);
    office.ok(ANA, &["set", &a, &id, "--place", "Shushi"]);
    office.ok(BEN, &["set", &b, &id, "--author", "HRD-Yerevan-office"]);
    office.sync(ANA, "a");
    let said = office.sync(BEN, "b");
    assert!(said.contains("1 merged, 0 conflicts"), "{said}");
    office.settle();
    let shown = office.ok(ANA, &["show", &a, &id]);
    assert!(
        shown.contains("Shushi") && shown.contains("HRD-Yerevan-office"),
        "{shown}"
    );
    assert_verifies(&office, "b");
    // What git carries and keeps: ciphertext only (loose objects and packs unpacked).
    for repo in [
        office.path("usb.git"),
        office.path("a/.git"),
        office.path("b/.git"),
    ] {
        let out = std::process::Command::new("git")
            .args(["cat-file", "--batch-all-objects", "--batch"])
            .current_dir(&repo)
            .output()
            .unwrap();
        assert!(out.status.success());
        let all = String::from_utf8_lossy(&out.stdout);
        assert!(!all.is_empty());
        for secret in [canary, "Shushi", "HRD-Yerevan-office", ANA, BEN] {
            assert!(!all.contains(secret), "{secret} in {}", repo.display());
        }
    }
}

#[test]
fn a_syncthing_conflict_copy_becomes_a_record_conflict_and_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    let id = {
        let mut cat = dossier::store::Catalogue::create(&root, "Office", "Ana").unwrap();
        let mut r = dossier::model::Record::new(dossier::model::RecordKind::Report, "Ours", "Ana");
        r.tags = vec!["shared".into()];
        cat.save(r, "Ana").unwrap()
    };
    // What Syncthing leaves when two desktops changed the file: the other version beside.
    let file = root.join("records").join(format!("{id}.json"));
    let mut theirs: dossier::model::Record =
        dossier::model::Record::from_json(&fs::read(&file).unwrap()).unwrap();
    theirs.title = "Theirs".into();
    theirs.tags.push("from-laptop".into());
    theirs.label = Label::Red;
    theirs.modified_by = "Ben".into();
    let copy_name = format!("{id}.sync-conflict-20261202-101010-ABCDEFG.json");
    fs::write(root.join("records").join(&copy_name), theirs.to_json()).unwrap();
    let cat = open_as(&root, "Ana");
    let r = cat.get(&id).unwrap();
    assert_eq!(r.title, "Ours");
    assert_eq!(r.label, Label::Red, "the stricter label");
    assert!(r.tags.contains(&"from-laptop".to_string()) && r.tags.contains(&"shared".to_string()));
    let c = r
        .conflicts
        .iter()
        .find(|c| c.field == "title")
        .expect("title in conflict");
    assert_eq!(
        (c.ours.as_str(), c.theirs.as_str()),
        (Some("Ours"), Some("Theirs"))
    );
    assert_eq!(c.theirs_by, "Ben");
    assert!(!root.join("records").join(&copy_name).exists());
    assert!(
        root.join("recovered").join(&copy_name).is_file(),
        "set aside, not deleted"
    );
    let logged = cat.audit().for_record(&id);
    assert!(
        logged[0].note.contains("sync tool's copy"),
        "{:?}",
        logged[0]
    );
    drop(cat);
    let report = dossier::integrity::verify(&root, None, &|_| {}).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn without_git_sync_says_how_to_install_it_and_the_rest_works() {
    let office = Office::new();
    let a = office.p("a");
    office.ok("Ana", &["new", &a, "--plain", "--title", "Office"]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["remote", &a, "add", "usb", &office.p("usb.git"), "--init"])
        .env("DOSSIER_CONFIG_DIR", office.path("config"))
        .env("DOSSIER_DATA_DIR", office.path("data"))
        .env("DOSSIER_USER", "Ana")
        .env("DOSSIER_GIT", office.path("no-such-git"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sync needs git") && err.contains("apt install git"),
        "{err}"
    );
    assert!(!office.path("a/device.json").exists(), "nothing was set up");
    office.ok(
        "Ana",
        &["add", &a, "--kind", "report", "--title", "Still works"],
    );
}

#[test]
fn a_synced_catalogue_is_not_encrypted_in_place() {
    let office = Office::new();
    office.two_desktops();
    let err = office.fails("Ana", &["encrypt", &office.p("a")]);
    assert!(err.contains("syncs with other desktops"), "{err}");
}

#[test]
fn over_ssh_records_and_originals_travel_and_a_damaged_original_is_refused() {
    let office = Office::new();
    office.ok(
        "Ana",
        &["new", &office.p("a"), "--plain", "--title", "Office"],
    );
    fs::write(office.path("photo.bin"), b"an original that goes over ssh").unwrap();
    let add = |who: &str, desktop: &str, file: &str| {
        office.ok(
            who,
            &[
                "add",
                &office.p(desktop),
                "--kind",
                "media",
                "--title",
                file,
                "--attach",
                &office.p(file),
            ],
        )
    };
    add("Ana", "a", "photo.bin");
    let server = office.path("server.git");
    let made = std::process::Command::new("git")
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(&server)
        .status()
        .unwrap();
    assert!(made.success());
    let url = format!("ssh://office-server{}", server.display());
    office.ok("Ana", &["remote", &office.p("a"), "add", "office", &url]);
    let said = office.sync("Ana", "a");
    assert!(
        said.contains("1 sent") && said.contains("Originals: 0 received, 1 sent."),
        "{said}"
    );
    let there = fs::read_dir(server.join("dossier-originals"))
        .unwrap()
        .count();
    assert_eq!(
        there, 1,
        "the original is on the server, beside the repository"
    );
    let said = office.ok("Ben", &["clone", &url, &office.p("b")]);
    assert!(said.contains("Originals: 1 received"), "{said}");
    assert_verifies(&office, "b");
    // Ben adds one; on the server it is damaged before Ana's desktop fetches it.
    fs::write(
        office.path("statement.bin"),
        b"a statement recorded on the laptop",
    )
    .unwrap();
    add("Ben", "b", "statement.bin");
    office.sync("Ben", "b");
    let names: Vec<PathBuf> = fs::read_dir(server.join("dossier-originals"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for path in &names {
        let mut perms = fs::metadata(path).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        fs::set_permissions(path, perms).unwrap();
        let mut bytes = fs::read(path).unwrap();
        bytes[0] ^= 1;
        fs::write(path, bytes).unwrap();
    }
    let err = office.fails("Ana", &["sync", &office.p("a")]);
    assert!(err.contains("hashes to"), "{err}");
    assert_verifies(&office, "a");
}
