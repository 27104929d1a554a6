//! An encrypted catalogue's videos (issue 19): the poster frame, the viewer's strip and a
//! redacted still are made from the video decrypted into memory (Linux), and no plain copy
//! of it is ever written to disk.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier(home: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_USER", "Anna")
        .env("DOSSIER_TEST_FAST_KDF", "1")
        .env("DOSSIER_PASSPHRASE_FILE", home.join("passphrase"))
        .env("DOSSIER_NEW_PASSPHRASE_FILE", home.join("passphrase"))
        .env("TMPDIR", home.join("tmp"))
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dossier {args:?} failed: {err}");
    out
}

fn every_file(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            every_file(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_encrypted_catalogues_video_has_a_poster_and_a_redacted_still_and_no_plain_copy() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    std::fs::create_dir_all(home.join("tmp")).unwrap();
    std::fs::write(
        home.join("passphrase"),
        "a long passphrase for the field office\n",
    )
    .unwrap();
    let video = super::previews::test_video(home);
    let bytes = std::fs::read(&video).unwrap();
    let root = home.join("cat");
    let c = root.to_str().unwrap();
    let made = dossier(home, &["new", c, "--title", "Office"]);
    assert!(String::from_utf8_lossy(&made.stdout).contains("(encrypted)"));
    let imported = dossier(home, &["import", c, video.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&imported.stdout).into_owned();
    let sha = said.split('\t').nth(1).unwrap().to_string();
    assert_eq!(sha, dossier::durable::hash_bytes(&bytes).to_string());
    std::fs::remove_file(&video).unwrap();

    let poster = home.join("poster.png");
    let p = poster.to_str().unwrap();
    dossier(home, &["preview", c, &sha, "--out", p, "--size", "128"]);
    let img = image::open(&poster).unwrap().to_rgba8();
    assert_eq!(img.dimensions(), (128, 96));
    let colours: std::collections::HashSet<[u8; 3]> = img
        .pixels()
        .map(|p| [p[0] >> 4, p[1] >> 4, p[2] >> 4])
        .collect();
    assert!(colours.len() > 20, "the test pattern: {}", colours.len());

    let redacted = dossier(
        home,
        &[
            "redact",
            c,
            &sha,
            "--fill",
            "10,10,50,50",
            "--label",
            "green",
        ],
    );
    let copy = String::from_utf8_lossy(&redacted.stdout).trim().to_string();
    let still = home.join("still.png");
    let s = still.to_str().unwrap();
    dossier(home, &["preview", c, &copy, "--out", s, "--size", "320"]);
    let still = image::open(&still).unwrap().to_rgba8();
    assert_eq!(still.dimensions(), (320, 240));
    assert_eq!(still.get_pixel(30, 30).0, [0, 0, 0, 255]);

    // No file anywhere (the catalogue, its caches, the temporary folder) holds the video's
    // plain bytes.
    let middle = &bytes[bytes.len() / 2..bytes.len() / 2 + 64];
    let mut files = Vec::new();
    every_file(home, &mut files);
    for f in &files {
        let content = std::fs::read(f).unwrap();
        assert!(
            !content.windows(64).any(|w| w == middle),
            "{} holds the plain video",
            f.display()
        );
    }
}
