//! Helpers shared by the test files.

#![allow(dead_code)]

pub mod gui;

use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use image::{ImageEncoder, RgbImage};

/// What a camera writes into a photo.
pub struct CameraExif<'a> {
    /// EXIF form: `2020:10:04 09:12:00`.
    pub captured: &'a str,
    pub make: &'a str,
    pub model: &'a str,
    /// Degrees, negative for south and west.
    pub lat: f64,
    pub lon: f64,
    pub orientation: u16,
}

fn dms(value: f64) -> Vec<Rational> {
    let v = value.abs();
    let deg = v.trunc();
    let min = ((v - deg) * 60.0).trunc();
    let sec = ((v - deg) * 60.0 - min) * 60.0;
    vec![
        Rational {
            num: deg as u32,
            denom: 1,
        },
        Rational {
            num: min as u32,
            denom: 1,
        },
        Rational {
            num: (sec * 1000.0).round() as u32,
            denom: 1000,
        },
    ]
}

/// A real JPEG of `img` carrying EXIF written by kamadak-exif's writer.
pub fn jpeg_with_exif(img: &RgbImage, e: &CameraExif<'_>) -> Vec<u8> {
    let ascii = |s: &str| Value::Ascii(vec![s.as_bytes().to_vec()]);
    let fields = [
        Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: ascii(e.make),
        },
        Field {
            tag: Tag::Model,
            ifd_num: In::PRIMARY,
            value: ascii(e.model),
        },
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![e.orientation]),
        },
        Field {
            tag: Tag::DateTimeOriginal,
            ifd_num: In::PRIMARY,
            value: ascii(e.captured),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: ascii(if e.lat < 0.0 { "S" } else { "N" }),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(dms(e.lat)),
        },
        Field {
            tag: Tag::GPSLongitudeRef,
            ifd_num: In::PRIMARY,
            value: ascii(if e.lon < 0.0 { "W" } else { "E" }),
        },
        Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(dms(e.lon)),
        },
    ];
    let mut writer = Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).expect("EXIF writes");
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
    enc.set_exif_metadata(tiff.into_inner())
        .expect("the JPEG encoder takes EXIF");
    enc.write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
    .expect("the JPEG encodes");
    out
}

/// CRC-32 as PNG uses it (ISO 3309), so a crafted header passes the decoder's check.
pub fn png_crc(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A small, well-formed PNG whose header declares `w` x `h` pixels (a decompression bomb
/// when they are large).
pub fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    RgbImage::from_pixel(8, 8, image::Rgb([20, 90, 200]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    // IHDR's data starts after the 8-byte signature, 4-byte length and 4-byte type.
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = png_crc(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// The `dossier` binary run as a user's script runs it, in a folder of its own, with its
/// own settings and data folders and no display.
pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Default for Cli {
    fn default() -> Self {
        Self::new()
    }
}

impl Cli {
    pub fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        dossier_in(self.dir.path(), "Script User", args)
    }

    /// Runs and expects success; returns (stdout, stderr).
    pub fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "dossier {args:?} failed: {err}");
        (String::from_utf8(out.stdout).unwrap(), err)
    }

    /// Runs and expects exit code 1; returns (stdout, stderr).
    pub fn fails(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "dossier {args:?} should fail: {err}"
        );
        (String::from_utf8_lossy(&out.stdout).into_owned(), err)
    }
}

/// Runs the `dossier` binary as `user`, with settings and data folders under `home` and no
/// display (arguments may be any OS strings, names that are not UTF-8 included).
pub fn dossier_in<S: AsRef<std::ffi::OsStr>>(
    home: &std::path::Path,
    user: &str,
    args: &[S],
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_USER", user)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

/// Opens a catalogue for writing, as `user`.
pub fn open_as(path: &std::path::Path, user: &str) -> dossier::store::Catalogue {
    dossier::store::Catalogue::open(
        path,
        dossier::store::OpenOptions {
            user: user.into(),
            ..dossier::store::OpenOptions::default()
        },
    )
    .unwrap()
}

/// Opens a catalogue read-only, as the CLI's reading commands do.
pub fn open_read_only(path: &std::path::Path) -> dossier::store::Catalogue {
    dossier::store::Catalogue::open(
        path,
        dossier::store::OpenOptions {
            read_only: true,
            ..dossier::store::OpenOptions::default()
        },
    )
    .unwrap()
}

/// Every byte of a package, with zip entries decompressed, and every name in it.
pub fn package_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    if path.is_dir() {
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                all.extend(p.to_string_lossy().as_bytes());
                if p.is_dir() {
                    stack.push(p);
                } else {
                    all.extend(std::fs::read(&p).unwrap());
                }
            }
        }
    } else {
        all.extend(std::fs::read(path).unwrap());
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            all.extend(f.name_raw().to_vec());
            std::io::Read::read_to_end(&mut f, &mut all).unwrap();
        }
    }
    all
}

/// Every file a sync carries (records, the trash, the logs, the catalogue's own files), by
/// path relative to the catalogue, with its bytes; a write cut short (a temp file) is not one.
pub fn synced_files(root: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for dir in ["records", "trash", "audit"] {
        let Ok(read) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in read.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                continue;
            }
            files.insert(format!("{dir}/{name}"), std::fs::read(e.path()).unwrap());
        }
    }
    for name in [
        "dossier.json",
        "audit.jsonl",
        "recipients.json",
        "views.json",
    ] {
        if let Ok(bytes) = std::fs::read(root.join(name)) {
            files.insert(name.to_string(), bytes);
        }
    }
    files
}

/// Runs the real `git` in `dir`; its output, trimmed (the test fails when git does).
pub fn git_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Every desktop holds the files of the first, byte for byte (names those that differ).
pub fn assert_same_synced(desktops: &[std::path::PathBuf]) {
    let first = synced_files(&desktops[0]);
    for other in &desktops[1..] {
        let files = synced_files(other);
        let differ: Vec<&String> = first
            .keys()
            .chain(files.keys())
            .filter(|k| first.get(*k) != files.get(*k))
            .collect();
        assert!(differ.is_empty(), "the desktops differ in {differ:?}");
    }
}

/// Syncs the catalogue at `path` with its remote, as `who`, through the library.
pub fn sync_as(path: &std::path::Path, who: &str) -> dossier::sync::SyncSummary {
    let cat = open_as(path, who);
    let target = dossier::sync::SyncTarget::of(&cat).unwrap();
    dossier::sync::sync(&target, None, who, &mut |_| {}).unwrap()
}

/// `n` desktops of one synced catalogue in `dir` (`d0`, `d1`...), with a bare repository
/// `usb.git` between them: `d0` is made by `user(0)` holding what `make` saves, synced,
/// and each other desktop is cloned from it, joined as `user(d)` and synced; then `d0`
/// syncs once more to take the others' joining.
pub fn synced_desktops(
    dir: &std::path::Path,
    n: usize,
    user: impl Fn(usize) -> String,
    make: impl FnOnce(&mut dossier::store::Catalogue) -> Vec<dossier::model::RecordId>,
) -> (Vec<std::path::PathBuf>, Vec<dossier::model::RecordId>) {
    let a = dir.join("d0");
    let url = dir.join("usb.git").display().to_string();
    let ids = {
        let mut cat = dossier::store::Catalogue::create(&a, "Office", &user(0)).unwrap();
        let ids = make(&mut cat);
        dossier::sync::add_remote(&cat, "usb", &url, true, &user(0)).unwrap();
        drop(cat);
        sync_as(&a, &user(0));
        ids
    };
    let mut desktops = vec![a];
    for d in 1..n {
        let path = dir.join(format!("d{d}"));
        let device = dossier::sync::clone_catalogue(&url, &path).unwrap();
        let cat = open_as(&path, &user(d));
        cat.log(vec![dossier::sync::joined_draft(&user(d), &device)])
            .unwrap()
            .apply()
            .unwrap();
        drop(cat);
        sync_as(&path, &user(d));
        desktops.push(path);
    }
    sync_as(&desktops[0], &user(0));
    (desktops, ids)
}

/// A new catalogue at `dir`/cat holding one report titled `title` with `files` (name and
/// bytes, written to `dir` and imported, TLP:AMBER) attached, made by "Tester": the
/// catalogue's path and the attachments.
pub fn catalogue_with_files(
    dir: &std::path::Path,
    title: &str,
    files: &[(&str, Vec<u8>)],
) -> (std::path::PathBuf, Vec<dossier::model::Attachment>) {
    let root = dir.join("cat");
    let mut cat = dossier::store::Catalogue::create(&root, "Office", "Tester").unwrap();
    let mut r = dossier::model::Record::new(dossier::model::RecordKind::Report, title, "Tester");
    for (name, bytes) in files {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        let label = dossier::model::Label::Amber;
        let imported =
            dossier::media::import_file(&cat.blobs(), &file, "Tester", label, &mut |_| {});
        r.attachments.push(imported.unwrap().attachment);
    }
    let attachments = r.attachments.clone();
    cat.save(r, "Tester").unwrap();
    (root, attachments)
}

/// The desktops' users in the sync tests: Ana, Ben, Cem.
pub fn desk_user(d: usize) -> String {
    ["Ana", "Ben", "Cem"][d].to_string()
}

/// Sets record `id`'s title at `path`, as `who`, through the library.
pub fn set_title(path: &std::path::Path, who: &str, id: &dossier::model::RecordId, title: &str) {
    let mut cat = open_as(path, who);
    let mut r = cat.get(id).cloned().unwrap();
    r.title = title.into();
    cat.put(r, who).unwrap().apply().unwrap();
}

/// `n` synced desktops (see [`synced_desktops`]) of a catalogue of twelve reports made by
/// Ana, "Report 0" to "Report 11".
pub fn office_of_reports(
    dir: &std::path::Path,
    n: usize,
) -> (Vec<std::path::PathBuf>, Vec<dossier::model::RecordId>) {
    synced_desktops(dir, n, desk_user, |cat| {
        (0..12)
            .map(|i| {
                let kind = dossier::model::RecordKind::Report;
                let r = dossier::model::Record::new(kind, format!("Report {i}"), "Ana");
                cat.save(r, "Ana").unwrap()
            })
            .collect()
    })
}

/// Copies the folder `from`, with everything in it, to `to`.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}
