//! Encrypted catalogues (issue 17), through the real binary: made by default, opened with
//! a passphrase file or the recovery key, refused plainly without one, and a scan of
//! every byte of the folder for what it must hide.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use dossier::durable::keyring::Secret;
use dossier::store::{Catalogue, OpenOptions};

const PASSPHRASE: &str = "correct horse battery staple";

/// The binary run with a passphrase file (or none), fast key derivation, no terminal.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::write(env.path("passphrase"), format!("{PASSPHRASE}\n")).unwrap();
        fs::write(env.path("wrong"), "correct horse battery stapler\n").unwrap();
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, passphrase_file: Option<&str>, args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(args)
            .env("DOSSIER_CONFIG_DIR", self.path("config"))
            .env("DOSSIER_DATA_DIR", self.path("data"))
            .env("DOSSIER_USER", "Anna")
            .env("DOSSIER_TEST_FAST_KDF", "1")
            .env_remove("DOSSIER_PASSPHRASE_FILE")
            .env_remove("DOSSIER_RECOVERY_KEY_FILE")
            .env_remove("DISPLAY")
            .stdin(Stdio::null());
        if let Some(file) = passphrase_file {
            c.env("DOSSIER_PASSPHRASE_FILE", self.path(file));
        }
        c.output().unwrap()
    }

    /// Runs with these environment variables naming files in the test's folder (and no
    /// passphrase file unless one of them is it).
    fn with(&self, files: &[(&str, &str)], args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(args)
            .env("DOSSIER_CONFIG_DIR", self.path("config"))
            .env("DOSSIER_USER", "Anna")
            .env("DOSSIER_TEST_FAST_KDF", "1")
            .env_remove("DOSSIER_PASSPHRASE_FILE")
            .env_remove("DOSSIER_RECOVERY_KEY_FILE")
            .stdin(Stdio::null());
        for (var, file) in files {
            c.env(var, self.path(file));
        }
        c.output().unwrap()
    }

    /// [`Env::with`], expecting success.
    fn ok_with(&self, files: &[(&str, &str)], args: &[&str]) -> String {
        let out = self.with(files, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "dossier {args:?} failed: {err}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.command(Some("passphrase"), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "dossier {args:?} failed: {err}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails_with(&self, passphrase_file: Option<&str>, args: &[&str]) -> String {
        let out = self.command(passphrase_file, args);
        assert_eq!(out.status.code(), Some(1), "dossier {args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}

fn every_file(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            every_file(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn open_with(root: &Path, secret: Option<Secret>) -> Result<Catalogue, String> {
    Catalogue::open(
        root,
        OpenOptions {
            read_only: true,
            secret,
            ..OpenOptions::default()
        },
    )
    .map_err(|e| e.to_string())
}

/// Asserts that no file in `folder` holds or is named with any of `canaries`; how many
/// files were scanned.
fn assert_no_canary(folder: &Path, canaries: &[&str]) -> usize {
    let mut files = Vec::new();
    every_file(folder, &mut files);
    for file in &files {
        let name = file.to_string_lossy();
        let bytes = fs::read(file).unwrap();
        for canary in canaries {
            assert!(!name.contains(canary), "{name}");
            let canary = canary.as_bytes();
            assert!(
                !bytes.windows(canary.len()).any(|w| w == canary),
                "{} holds {:?}",
                file.display(),
                String::from_utf8_lossy(canary)
            );
        }
    }
    files.len()
}

#[test]
fn a_new_catalogue_without_a_passphrase_or_terminal_fails_at_once_naming_both_ways() {
    let env = Env::new();
    let cat = env.path("cat");
    let started = std::time::Instant::now();
    let err = env.fails_with(None, &["new", cat.to_str().unwrap(), "--title", "T"]);
    assert!(
        started.elapsed().as_secs() < 10,
        "it must not wait for input"
    );
    assert!(err.contains("--passphrase-file"), "{err}");
    assert!(err.contains("DOSSIER_PASSPHRASE_FILE"), "{err}");
    assert!(err.contains("--plain"), "{err}");
    assert!(!cat.join("dossier.json").exists(), "nothing was created");
}

#[test]
fn a_plain_catalogue_ignores_a_passphrase_source_and_says_it_is_plain() {
    let env = Env::new();
    let cat = env.path("cat");
    let c = cat.to_str().unwrap();
    let out = env.ok(&["new", c, "--title", "Public archive", "--plain"]);
    assert!(out.contains("not encrypted"), "{out}");
    // A passphrase file that does not exist is never read for a plain catalogue.
    let out = env.command(
        Some("no such file"),
        &["add", c, "--kind", "report", "--title", "Open report"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!Catalogue::is_encrypted_at(&cat).unwrap());
}

/// Creates an encrypted catalogue with canaries in a record and an imported file, and
/// returns (catalogue, recovery key, the original's SHA-256, the record's id).
fn canary_catalogue(env: &Env) -> (PathBuf, String, String, String) {
    let cat = env.path("cat");
    let c = cat.to_str().unwrap();
    let out = env.ok(&["new", c, "--title", "CANARY-TITLE-CATALOGUE"]);
    assert!(out.contains("(encrypted)"), "{out}");
    let recovery = out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 64 && l.matches('-').count() == 12)
        .unwrap_or_else(|| panic!("a recovery key in: {out}"))
        .to_string();
    let id = env
        .ok(&[
            "add",
            c,
            "--kind",
            "statement",
            "--title",
            "CANARY-TITLE-Գագիկ",
            "--body",
            "CANARY-BODY-witnessed at the checkpoint",
            "--label",
            "amber",
        ])
        .trim()
        .to_string();
    env.ok(&["set", c, &id, "--private-notes", "CANARY-NOTE-call back"]);
    let file = env.path("CANARY-FILENAME.txt");
    let content = b"CANARY-CONTENT of a statement taken in the field\n".repeat(20_000);
    fs::write(&file, &content).unwrap();
    env.ok(&["import", c, file.to_str().unwrap(), "--record", &id]);
    let sha = dossier::durable::hash_bytes(&content).to_string();
    (cat, recovery, sha, id)
}

#[test]
fn an_encrypted_catalogue_hides_every_canary_and_opens_only_with_its_keys() {
    let env = Env::new();
    let (cat, recovery, sha, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    // Everything works through the passphrase file.
    let shown = env.ok(&["show", c, &id]);
    assert!(shown.contains("CANARY-TITLE-Գագիկ"), "{shown}");
    assert!(env.ok(&["list", c, "--query", "checkpoint"]).contains(&id));
    let verified = env.ok(&["verify", c]);
    assert!(verified.contains("no problems found"), "{verified}");
    // Thumbnails and a package's sharing log are written into the catalogue too.
    let unlocked = open_with(&cat, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    let a = &unlocked.get(&id.parse().unwrap()).unwrap().attachments[0];
    assert_eq!(a.sha256.to_string(), sha);
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut unlocked.blobs().open(&a.sha256).unwrap(), &mut bytes).unwrap();
    assert!(bytes.starts_with(b"CANARY-CONTENT"));
    drop(unlocked);

    // The scan: no canary and no plain SHA-256 anywhere in the folder, names included.
    let canaries = ["CANARY", "Գագիկ", "checkpoint", "call back", &sha, "Anna"];
    let files = assert_no_canary(&cat, &canaries);
    assert!(files >= 5, "{files} files");
    // What stays visible: the public part of dossier.json.
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(cat.join("dossier.json")).unwrap()).unwrap();
    assert_eq!(meta["format"], "dossier-catalogue");
    assert!(meta["encryption"]["keys"].as_array().unwrap().len() == 2);
    assert!(meta.get("title").is_none());

    // Without a secret, a wrong passphrase, the recovery key.
    let err = open_with(&cat, None).unwrap_err();
    assert!(err.contains("is encrypted"), "{err}");
    let err = env.fails_with(None, &["show", c, &id]);
    assert!(
        err.contains("--passphrase-file") && err.contains("terminal"),
        "{err}"
    );
    let err = env.fails_with(Some("wrong"), &["show", c, &id]);
    assert!(
        err.contains("That passphrase does not open"),
        "a wrong passphrase is said plainly: {err}"
    );
    fs::write(env.path("recovery"), &recovery).unwrap();
    env.ok_with(
        &[("DOSSIER_RECOVERY_KEY_FILE", "recovery")],
        &["show", c, &id],
    );
    let words = recovery.to_lowercase().replace('-', " ");
    assert!(open_with(&cat, Some(Secret::Recovery(words.into()))).is_ok());
}

#[test]
fn tampered_swapped_and_truncated_files_are_named_with_what_is_wrong() {
    let env = Env::new();
    let (cat, _, _, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    let other = env
        .ok(&["add", c, "--kind", "report", "--title", "Second"])
        .trim()
        .to_string();
    let secret = || Some(Secret::passphrase(PASSPHRASE));
    let record = cat.join("records").join(format!("{id}.json"));
    let second = cat.join("records").join(format!("{other}.json"));
    let original_bytes = fs::read(&record).unwrap();

    // One byte changed in a record: the record does not open, and is named.
    let mut bad = original_bytes.clone();
    let at = bad.len() / 2;
    bad[at] ^= 1;
    fs::write(&record, &bad).unwrap();
    let opened = open_with(&cat, secret()).unwrap();
    let problem = opened
        .problems()
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>();
    assert!(
        problem.iter().any(|p| p.contains(&format!("{id}.json"))
            && p.contains("does not open with this catalogue's key")),
        "{problem:?}"
    );
    drop(opened);

    // The second record's file under the first one's name: refused the same way.
    fs::write(&record, fs::read(&second).unwrap()).unwrap();
    let opened = open_with(&cat, secret()).unwrap();
    assert!(
        opened.problems().iter().any(|p| p.path == record),
        "{:?}",
        opened.problems()
    );
    drop(opened);
    fs::write(&record, &original_bytes).unwrap();
    assert!(open_with(&cat, secret()).unwrap().problems().is_empty());

    // The original: a changed chunk, then cut short; verify names the file and the part.
    let mut originals = Vec::new();
    every_file(&cat.join("attachments"), &mut originals);
    let [stored] = originals.as_slice() else {
        panic!("{originals:?}")
    };
    let whole = fs::read(stored).unwrap();
    let mut perms = fs::metadata(stored).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(stored, perms).unwrap();
    let mut changed = whole.clone();
    changed[300_000] ^= 0x40;
    fs::write(stored, &changed).unwrap();
    let out = env.command(Some("passphrase"), &["verify", c]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("part 2 of it was changed"), "{text}");
    fs::write(stored, &whole[..whole.len() - 100]).unwrap();
    let out = env.command(Some("passphrase"), &["verify", c]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains(&stored.file_name().unwrap().to_string_lossy().to_string()),
        "{text}"
    );
    assert!(text.contains("changed, moved or swapped"), "{text}");
}

#[test]
fn a_record_file_from_another_catalogue_does_not_open_in_this_one() {
    let env = Env::new();
    let (cat, _, _, id) = canary_catalogue(&env);
    let other = env.path("other");
    let o = other.to_str().unwrap();
    env.ok(&["new", o, "--title", "Other"]);
    let theirs = env
        .ok(&["add", o, "--kind", "report", "--title", "Theirs"])
        .trim()
        .to_string();
    // Their file put in place of ours, under our record's name.
    let ours = cat.join("records").join(format!("{id}.json"));
    fs::copy(
        other.join("records").join(format!("{theirs}.json")),
        cat.join("records").join(format!("{theirs}.json")),
    )
    .unwrap();
    let opened = open_with(&cat, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    let problems: Vec<String> = opened.problems().iter().map(|p| p.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&theirs) && p.contains("comes from another catalogue")),
        "{problems:?}"
    );
    assert!(
        opened.get(&id.parse().unwrap()).is_some(),
        "{}",
        ours.display()
    );
}

#[test]
fn encrypt_then_decrypt_converts_every_file_and_logs_both() {
    let env = Env::new();
    let cat = env.path("cat");
    let c = cat.to_str().unwrap();
    env.ok(&["new", c, "--title", "Archive", "--plain"]);
    let id = env
        .ok(&["add", c, "--kind", "report", "--title", "CANARY-REPORT"])
        .trim()
        .to_string();
    let file = env.path("CANARY-PHOTO.txt");
    let content = b"CANARY-BYTES of an original\n".repeat(30_000);
    fs::write(&file, &content).unwrap();
    env.ok(&["import", c, file.to_str().unwrap(), "--record", &id]);
    env.ok(&[
        "recipients",
        c,
        "add",
        "CANARY-RECIPIENT",
        "--kind",
        "ngo",
        "--max-label",
        "amber",
    ]);
    env.ok(&["views", c, "add", "CANARY-VIEW", "--query", "report"]);
    let sha = dossier::durable::hash_bytes(&content).to_string();
    assert!(cat.join("attachments").join(&sha).is_file());

    // Encrypt: every file sealed, the recovery key shown, the change logged.
    let out = env.ok(&["encrypt", c]);
    assert!(out.contains("Recovery key"), "{out}");
    assert!(Catalogue::is_encrypted_at(&cat).unwrap());
    let mut files = Vec::new();
    every_file(&cat, &mut files);
    for f in &files {
        let bytes = fs::read(f).unwrap();
        for canary in [b"CANARY".as_slice(), sha.as_bytes()] {
            assert!(
                !bytes.windows(canary.len()).any(|w| w == canary)
                    && !f.to_string_lossy().contains(&sha),
                "{} still holds plain content after encrypt",
                f.display()
            );
        }
    }
    let opened = open_with(&cat, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    assert!(opened.problems().is_empty(), "{:?}", opened.problems());
    assert_eq!(opened.recipients()[0].name, "CANARY-RECIPIENT");
    assert_eq!(opened.views()[0].name, "CANARY-VIEW");
    let last = opened.audit().with_entries(|e| e.last().cloned()).unwrap();
    assert_eq!(last.action, dossier::audit::Action::Encrypted);
    drop(opened);
    assert!(env.ok(&["verify", c]).contains("no problems found"));
    assert!(env.ok(&["show", c, &id]).contains("CANARY-REPORT"));
    // A second run has nothing to do and says so.
    let again = env.fails_with(Some("passphrase"), &["encrypt", c]);
    assert!(again.contains("encrypted already"), "{again}");

    // Decrypt: plain files again, the original under its SHA-256, both steps in the log.
    env.ok(&["decrypt", c]);
    assert!(!Catalogue::is_encrypted_at(&cat).unwrap());
    let record = fs::read_to_string(cat.join("records").join(format!("{id}.json"))).unwrap();
    assert!(record.contains("CANARY-REPORT"));
    assert_eq!(
        fs::read(cat.join("attachments").join(&sha)).unwrap(),
        content
    );
    let opened = open_with(&cat, None).unwrap();
    let actions: Vec<_> = opened
        .audit()
        .with_entries(|e| e.iter().map(|e| e.action).collect());
    use dossier::audit::Action;
    let at = |a: Action| actions.iter().position(|x| *x == a);
    assert!(at(Action::Encrypted) < at(Action::Decrypted), "{actions:?}");
    assert_eq!(actions.last(), Some(&Action::Decrypted));
    drop(opened);
    assert!(env.ok(&["verify", c]).contains("no problems found"));
}

#[test]
fn passphrases_are_added_changed_and_removed_and_each_change_is_logged() {
    let env = Env::new();
    let (cat, _, _, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    add_colleague(&env, c);
    let list = env.ok(&["passphrase", c, "list"]);
    assert!(
        list.contains("passphrase-1") && list.contains("G.H.") && list.contains("recovery"),
        "{list}"
    );
    // The colleague's passphrase opens it.
    assert!(
        env.command(Some("colleague"), &["show", c, &id])
            .status
            .success()
    );
    // Removing the last passphrase is refused; removing one of two is not.
    env.ok(&["passphrase", c, "remove", "passphrase-1"]);
    let err = env.fails_with(Some("colleague"), &["passphrase", c, "remove", "G.H."]);
    assert!(err.contains("last passphrase"), "{err}");
    let err = env.fails_with(Some("passphrase"), &["show", c, &id]);
    assert!(
        err.contains("does not open"),
        "a removed passphrase no longer opens it: {err}"
    );
    // Change the colleague's own: the old one stops working.
    fs::write(env.path("changed"), "quite different words now\n").unwrap();
    env.ok_with(
        &[
            ("DOSSIER_PASSPHRASE_FILE", "colleague"),
            ("DOSSIER_NEW_PASSPHRASE_FILE", "changed"),
        ],
        &["passphrase", c, "change", "G.H."],
    );
    assert!(
        env.command(Some("changed"), &["show", c, &id])
            .status
            .success()
    );
    assert!(
        !env.command(Some("colleague"), &["show", c, &id])
            .status
            .success()
    );
    let opened = open_with(&cat, Some(Secret::passphrase("quite different words now"))).unwrap();
    let notes: Vec<String> = opened.audit().with_entries(|e| {
        e.iter()
            .filter(|e| e.action == dossier::audit::Action::KeysChanged)
            .map(|e| e.note.clone())
            .collect()
    });
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(
        notes[1].contains("removed") && notes[1].contains("rotate"),
        "{notes:?}"
    );
}

#[test]
fn rotating_the_key_shuts_out_other_passphrases_and_the_old_recovery_key() {
    let env = Env::new();
    let (cat, old_recovery, sha, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    add_colleague(&env, c);
    let before = fs::read(cat.join("records").join(format!("{id}.json"))).unwrap();
    let out = env.ok(&["rotate-key", c]);
    assert!(out.contains("Recovery key"), "{out}");
    let new_recovery = out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 64 && l.matches('-').count() == 12)
        .unwrap()
        .to_string();
    assert_ne!(new_recovery, old_recovery);
    // Every file sealed again: the record's bytes changed; it still says the same.
    assert_ne!(
        fs::read(cat.join("records").join(format!("{id}.json"))).unwrap(),
        before
    );
    assert!(env.ok(&["show", c, &id]).contains("CANARY-TITLE"));
    assert!(env.ok(&["verify", c]).contains("no problems found"));
    let err = env.fails_with(Some("colleague"), &["show", c, &id]);
    assert!(err.contains("does not open"), "{err}");
    for (words, opens) in [(old_recovery, false), (new_recovery, true)] {
        let opened = open_with(&cat, Some(Secret::Recovery(words.into())));
        assert_eq!(opened.is_ok(), opens);
    }
    let opened = open_with(&cat, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    let last = opened.audit().with_entries(|e| {
        e.iter()
            .rev()
            .find(|e| e.action == dossier::audit::Action::KeyRotated)
            .cloned()
    });
    assert!(last.is_some(), "the rotation is logged");
    assert_eq!(
        opened.keys().len(),
        2,
        "one passphrase and the new recovery key"
    );
    drop(opened);
    let mut files = Vec::new();
    every_file(&cat, &mut files);
    for f in files {
        let bytes = fs::read(&f).unwrap();
        assert!(!bytes.windows(6).any(|w| w == b"CANARY"), "{}", f.display());
        assert!(!f.to_string_lossy().contains(&sha));
    }
}

/// Adds the passphrase "a colleague's own words" (file `colleague`) labelled G.H.
fn add_colleague(env: &Env, c: &str) {
    fs::write(env.path("colleague"), "a colleague's own words\n").unwrap();
    env.ok_with(
        &[
            ("DOSSIER_PASSPHRASE_FILE", "passphrase"),
            ("DOSSIER_NEW_PASSPHRASE_FILE", "colleague"),
        ],
        &["passphrase", c, "add", "G.H."],
    );
}

/// The record submitted by Anna and approved by a second reviewer, and ICRC (up to
/// TLP:AMBER) a recipient: ready to share.
fn approve_for_icrc(env: &Env, c: &str, id: &str) {
    env.ok(&["review", c, id, "--submit"]);
    env.ok(&["review", c, id, "--approve", "--user", "Second Reviewer"]);
    env.ok(&[
        "recipients",
        c,
        "add",
        "ICRC",
        "--kind",
        "international-organisation",
        "--max-label",
        "amber",
    ]);
}

/// A photograph as a JPEG's bytes.
fn jpeg_bytes() -> Vec<u8> {
    let img = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

#[test]
fn a_working_day_in_an_encrypted_catalogue_leaves_nothing_plain_in_its_folder() {
    let env = Env::new();
    let (cat, _, text_sha, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    // A photograph, its thumbnail made and cached.
    let photo = env.path("CANARY-PHOTO.jpg");
    let jpeg = jpeg_bytes();
    fs::write(&photo, &jpeg).unwrap();
    env.ok(&["import", c, photo.to_str().unwrap(), "--label", "green"]);
    let photo_sha = dossier::durable::hash_bytes(&jpeg);
    let opened = open_with(&cat, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    let stored = opened.blobs().path_of(&photo_sha);
    let source = dossier::durable::vault::Source::stored(opened.vault(), &stored);
    let thumb = dossier::media::thumbs::thumbnail(source, &photo_sha, Some(&opened.cache_dir()));
    assert!(thumb.is_ok(), "{thumb:?}");
    let cached = dossier::media::thumbs::cache_path(
        &opened.cache_dir(),
        &photo_sha,
        256,
        Some(opened.vault()),
    );
    assert!(cached.is_file(), "the thumbnail is cached (sealed)");
    drop(opened);
    // Reviewed by two people and shared: the package leaves; the catalogue keeps its log.
    approve_for_icrc(&env, c, &id);
    let package = env.path("outside/package.zip");
    env.ok(&[
        "share",
        c,
        "--recipient",
        "ICRC",
        "--out",
        package.to_str().unwrap(),
    ]);
    assert!(package.is_file());
    // Saves cut short at random moments.
    #[cfg(unix)]
    for delay in [1u64, 3, 7, 15, 30] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["set", c, &id, "--title", "CANARY-KILLED-TITLE"])
            .env("DOSSIER_CONFIG_DIR", env.path("config"))
            .env("DOSSIER_USER", "Anna")
            .env("DOSSIER_PASSPHRASE_FILE", env.path("passphrase"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
    }
    env.ok(&["verify", c]);

    assert_no_canary(
        &cat,
        &[
            "CANARY",
            "Գագիկ",
            "checkpoint",
            "Anna",
            "Second Reviewer",
            "ICRC",
            text_sha.as_str(),
            photo_sha.as_str(),
        ],
    );
}

#[test]
fn the_log_of_an_encrypted_catalogue_is_signed_and_a_re_signed_entry_is_found() {
    let env = Env::new();
    let (cat, _, _, _) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    let opened = open_with(&cat, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    let entries = opened.audit().with_entries(|e| e.to_vec());
    assert!(entries.len() >= 4);
    assert!(
        entries.iter().all(|e| e.sig.is_some()),
        "every entry is signed"
    );
    let vault = opened.vault().clone();
    drop(opened);
    // The last entry rewritten, its chain hash made right again, and signed with another
    // key (or not at all): verify names it.
    let log = cat.join("audit.jsonl");
    let whole = fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = whole.lines().collect();
    let mut forged = entries.last().unwrap().clone();
    forged.note = "nothing happened here".into();
    forged.hash = forged.compute_hash();
    for (sig, says) in [
        (
            Some(
                dossier::durable::signing::LogSigner::generate()
                    .unwrap()
                    .sign(forged.hash.as_str().as_bytes()),
            ),
            "is not signed by this catalogue's key",
        ),
        (None, "is not signed, though the entries before it are"),
    ] {
        forged.sig = sig;
        let line = vault.seal_line(&log, forged.to_line().trim_end()).unwrap();
        let mut text = lines[..lines.len() - 1].join("\n");
        text.push('\n');
        text.push_str(&line);
        text.push('\n');
        fs::write(&log, text).unwrap();
        let out = env.command(Some("passphrase"), &["verify", c]);
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(says), "{said}");
    }
    fs::write(&log, whole).unwrap();
    assert!(env.ok(&["verify", c]).contains("no problems found"));
}

#[test]
fn a_package_from_an_encrypted_catalogue_carries_a_signed_chain_head() {
    let env = Env::new();
    let (cat, _, _, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    approve_for_icrc(&env, c, &id);
    let out = env.path("package");
    env.ok(&[
        "share",
        c,
        "--recipient",
        "ICRC",
        "--out",
        out.to_str().unwrap(),
    ]);
    let manifest_path = out.join("manifest.json");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    assert!(manifest["signer"].is_string() && manifest["chain_head_signature"].is_string());
    let said = env.ok(&["share-verify", out.to_str().unwrap()]);
    assert!(
        said.contains("signed with the sending catalogue's key"),
        "{said}"
    );
    // The chain head changed by hand: the signature no longer matches.
    let mut changed = manifest.clone();
    let head = changed["chain_head"]["entries"].as_u64().unwrap();
    changed["chain_head"]["entries"] = serde_json::json!(head + 1);
    fs::write(&manifest_path, serde_json::to_vec_pretty(&changed).unwrap()).unwrap();
    let out_run = env.command(None, &["share-verify", out.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out_run.stdout).into_owned()
        + &String::from_utf8_lossy(&out_run.stderr);
    assert!(said.contains("signature does not match"), "{said}");
}

#[test]
fn an_encrypted_package_hides_its_contents_and_opens_only_with_its_passphrase() {
    let env = Env::new();
    let (cat, _, _, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    approve_for_icrc(&env, c, &id);
    let package = env.path("out/sealed.zip");
    let p = package.to_str().unwrap();
    let said = env.ok(&["share", c, "--recipient", "ICRC", "--out", p, "--encrypt"]);
    let passphrase = said
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 24 && l.matches('-').count() == 4)
        .unwrap_or_else(|| panic!("a passphrase in: {said}"))
        .to_string();
    // Nothing readable in the package's bytes: not the record, not a file name.
    let bytes = fs::read(&package).unwrap();
    for canary in [
        b"CANARY".as_slice(),
        b"manifest.json",
        b"records.json",
        "Գագիկ".as_bytes(),
    ] {
        assert!(!bytes.windows(canary.len()).any(|w| w == canary));
    }
    assert!(dossier::share::is_protected(&package));
    // Without the passphrase: refused at once; with a wrong one: said plainly.
    let err = env.fails_with(None, &["share-verify", p]);
    assert!(err.contains("--package-passphrase-file"), "{err}");
    fs::write(env.path("wrong-package"), "AAAA-BBBB-CCCC-DDDD-EEEE\n").unwrap();
    let run =
        |file: &str, args: &[&str]| env.with(&[("DOSSIER_PACKAGE_PASSPHRASE_FILE", file)], args);
    let wrong = run("wrong-package", &["share-verify", p]);
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("does not open the package"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    // 7-Zip, as a recipient without Dossier has it, opens it with the passphrase (and
    // finds the package zip inside); with another, it does not.
    let seven = |pass: &str| {
        Command::new("7z")
            .args(["t", &format!("-p{pass}"), p])
            .stdin(Stdio::null())
            .output()
            .expect("7-Zip (`7z`, Debian: p7zip-full) is needed by this test; .ci/run installs it")
    };
    let tested = seven(&passphrase);
    let listing = String::from_utf8_lossy(&tested.stdout);
    assert!(
        tested.status.success() && listing.contains("Everything is Ok"),
        "{listing}"
    );
    assert!(!seven("AAAA-BBBB-CCCC-DDDD-EEEE").status.success());
    fs::write(env.path("right-package"), format!("{passphrase}\n")).unwrap();
    let verified = run("right-package", &["share-verify", p]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    // Received with the package's passphrase into a new catalogue, encrypted (as every
    // new catalogue) under the passphrase given for it: the record arrives, sealed.
    let dest = env.path("received");
    let d = dest.to_str().unwrap();
    let received = env.with(
        &[
            ("DOSSIER_PACKAGE_PASSPHRASE_FILE", "right-package"),
            ("DOSSIER_PASSPHRASE_FILE", "passphrase"),
        ],
        &["receive", p, d],
    );
    let said = String::from_utf8_lossy(&received.stdout);
    assert!(received.status.success(), "{said}");
    assert!(
        said.contains("(encrypted)") && said.contains("Recovery key"),
        "{said}"
    );
    assert!(open_with(&dest, None).unwrap_err().contains("is encrypted"));
    let opened = open_with(&dest, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    assert!(
        opened
            .records()
            .iter()
            .any(|r| r.title.contains("CANARY-TITLE"))
    );
    assert!(opened.read_only_reason().is_some());
    drop(opened);
    assert_no_canary(&dest, &["CANARY", "Գագիկ", "checkpoint", "ICRC"]);
    // Without a passphrase for the new catalogue it stops at once, naming the ways, and
    // makes nothing; --plain makes a plain one on purpose.
    let elsewhere = env.path("elsewhere");
    let e = elsewhere.to_str().unwrap();
    let refused = run("right-package", &["receive", p, e]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && err.contains("--plain"),
        "{err}"
    );
    assert!(!elsewhere.exists());
    let plain = run("right-package", &["receive", p, e, "--plain"]);
    assert!(plain.status.success());
    assert!(open_with(&elsewhere, None).is_ok());
    // A folder cannot be an encrypted package.
    let err = env.fails_with(
        Some("passphrase"),
        &[
            "share",
            c,
            "--recipient",
            "ICRC",
            "--out",
            env.path("folder").to_str().unwrap(),
            "--encrypt",
        ],
    );
    assert!(err.contains(".zip"), "{err}");
}

#[test]
fn a_generated_encrypted_catalogue_holds_only_sealed_files() {
    let env = Env::new();
    let cat = env.path("generated");
    let c = cat.to_str().unwrap();
    env.ok(&[
        "generate",
        c,
        "--records",
        "40",
        "--attachments",
        "3",
        "--image-width",
        "320",
    ]);
    let mut files = Vec::new();
    every_file(&cat, &mut files);
    assert!(files.len() > 40, "{}", files.len());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = fs::read(file).unwrap();
        match name.as_str() {
            "dossier.json" | "dossier.lock" => {}
            "audit.jsonl" => assert!(
                bytes
                    .split(|&b| b == b'\n')
                    .all(|l| l.first() != Some(&b'{')),
                "a plain log line"
            ),
            _ => assert!(
                bytes.starts_with(b"DSE1") || bytes.starts_with(b"DSC2"),
                "{} is not sealed",
                file.display()
            ),
        }
    }
    assert!(env.ok(&["verify", c]).contains("no problems found"));
}

#[test]
fn a_package_merged_into_an_encrypted_catalogue_arrives_sealed() {
    let env = Env::new();
    let (cat, _, sha, id) = canary_catalogue(&env);
    let c = cat.to_str().unwrap();
    approve_for_icrc(&env, c, &id);
    let package = env.path("out/package.zip");
    let p = package.to_str().unwrap();
    env.ok(&["share", c, "--recipient", "ICRC", "--out", p]);
    let ours = env.path("ours");
    let o = ours.to_str().unwrap();
    env.ok(&["new", o, "--title", "Our office"]);
    // Merging needs our catalogue's passphrase, as every command that opens it.
    let err = env.fails_with(None, &["receive", p, o, "--merge"]);
    assert!(err.contains("--passphrase-file"), "{err}");
    let said = env.ok(&["receive", p, o, "--merge"]);
    assert!(said.contains("1 records added"), "{said}");
    let opened = open_with(&ours, Some(Secret::passphrase(PASSPHRASE))).unwrap();
    let got = opened
        .get(&id.parse().unwrap())
        .expect("the record arrived");
    assert!(got.title.contains("CANARY-TITLE"));
    assert_eq!(got.attachments[0].sha256.to_string(), sha);
    drop(opened);
    assert!(env.ok(&["verify", o]).contains("no problems found"));
    assert_no_canary(&ours, &["CANARY", "Գագիկ", "checkpoint", "ICRC", &sha]);
}
