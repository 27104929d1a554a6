//! Hostile and awkward paths: file names that are not UTF-8, very long names (in scripts
//! of 2 to 4 bytes a character), names full of `..`, and symbolic links pointing outside.
//! Imports keep the bytes and a readable name, packages and received catalogues never write
//! outside their folder or a name longer than the file system allows, and links are never
//! followed.

#![cfg(unix)]

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use dossier::store::{Catalogue, OpenOptions};

struct Env(tempfile::TempDir);

impl Env {
    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn run(&self, args: &[&OsStr]) -> Output {
        crate::common::dossier_in(self.0.path(), "Ani", args)
    }

    fn ok(&self, args: &[&OsStr]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Every file under `dir`, with the longest name's length in bytes.
fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn odd_names_import_share_and_receive_without_escaping_or_overlong_names() {
    let env = Env(tempfile::tempdir().unwrap());
    let cat = env.path("cat");
    env.ok(&[
        os("new"),
        cat.as_os_str(),
        os("--title"),
        os("Paths"),
        os("--plain"),
    ]);
    let inbox = env.path("inbox");
    fs::create_dir(&inbox).unwrap();
    let names: Vec<Vec<u8>> = vec![
        // Latin-1 bytes from an old camera card: not UTF-8.
        b"Fotograf\xeda del \xe1rea.jpg".to_vec(),
        // 60 Armenian letters (2 bytes), 60 CJK (3 bytes), 50 emoji (4 bytes): 255 bytes max.
        "Ա".repeat(120).into_bytes(),
        format!("{}.txt", "証".repeat(80)).into_bytes(),
        format!("{}.txt", "📷".repeat(62)).into_bytes(),
        b"..".repeat(100),
        b"...evil..txt".to_vec(),
    ];
    let mut files = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let p = inbox.join(OsStr::from_bytes(name));
        fs::write(&p, format!("file {i}")).unwrap();
        files.push(p);
    }
    let mut args: Vec<&OsStr> = vec![os("import"), cat.as_os_str(), os("--label"), os("clear")];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let printed = env.ok(&args);
    assert_eq!(printed.lines().count(), names.len(), "{printed}");

    let c = Catalogue::open(&cat, OpenOptions::default()).unwrap();
    assert_eq!(c.records().len(), names.len());
    let shown: Vec<String> = c
        .records()
        .iter()
        .map(|r| r.attachments[0].name.clone())
        .collect();
    assert!(
        shown
            .iter()
            .any(|n| n.starts_with("Fotograf") && n.ends_with(".jpg")),
        "a readable name for the Latin-1 file: {shown:?}"
    );
    let ids: Vec<String> = c.records().iter().map(|r| r.id.to_string()).collect();
    drop(c);

    // Approve and share them all with the public, as a folder and as a zip.
    env.ok(&[
        os("recipients"),
        cat.as_os_str(),
        os("add"),
        os("Public"),
        os("--kind"),
        os("public"),
        os("--max-label"),
        os("clear"),
    ]);
    let mut review: Vec<&OsStr> = vec![os("review"), cat.as_os_str()];
    review.extend(ids.iter().map(|s| os(s)));
    let mut submit = review.clone();
    submit.push(os("--submit"));
    env.ok(&submit);
    review.extend([os("--approve"), os("--user"), os("Second Reviewer")]);
    env.ok(&review);
    let folder = env.path("package");
    env.ok(&[
        os("share"),
        cat.as_os_str(),
        os("--recipient"),
        os("Public"),
        os("--out"),
        folder.as_os_str(),
    ]);
    let mut written = Vec::new();
    all_files(&folder, &mut written);
    assert!(written.len() > names.len(), "{written:?}");
    for p in &written {
        assert!(
            p.starts_with(&folder),
            "{} escapes the package",
            p.display()
        );
        let name = p.file_name().unwrap().as_bytes();
        assert!(name.len() <= 255, "{} bytes: {}", name.len(), p.display());
        assert!(!name.starts_with(b".."), "{}", p.display());
    }
    let zip = env.path("package.zip");
    env.ok(&[
        os("share"),
        cat.as_os_str(),
        os("--recipient"),
        os("Public"),
        os("--out"),
        zip.as_os_str(),
    ]);
    env.ok(&[os("share-verify"), zip.as_os_str()]);

    // Received elsewhere: every file lands inside the new catalogue and verifies.
    let received = env.path("received");
    env.ok(&[
        os("receive"),
        zip.as_os_str(),
        received.as_os_str(),
        os("--plain"),
    ]);
    let mut landed = Vec::new();
    all_files(&received, &mut landed);
    assert!(landed.iter().all(|p| p.starts_with(&received)));
    let report = dossier::integrity::verify(&received, None, &|_| {}).unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems);
}

#[test]
fn symbolic_links_are_never_followed_on_import() {
    let env = Env(tempfile::tempdir().unwrap());
    let cat = env.path("cat");
    env.ok(&[
        os("new"),
        cat.as_os_str(),
        os("--title"),
        os("Paths"),
        os("--plain"),
    ]);
    let secret = env.path("secret-key");
    fs::write(&secret, "not evidence").unwrap();
    let link = env.path("holiday.jpg");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let out = env.run(&[os("import"), cat.as_os_str(), link.as_os_str()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(err.contains("holiday.jpg"), "{err}");
    let c = Catalogue::open(&cat, OpenOptions::default()).unwrap();
    assert!(c.records().is_empty());
    drop(c);

    // A folder of originals to relink from, with a link pointing outside: not followed.
    let originals = env.path("usb");
    fs::create_dir(&originals).unwrap();
    std::os::unix::fs::symlink("/etc", originals.join("etc")).unwrap();
    let out = env.run(&[os("relink"), cat.as_os_str(), originals.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
