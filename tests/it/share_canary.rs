//! The proof that a label holds: random catalogues and recipients, a unique canary string
//! in every field that must not reach the recipient, and a scan of every byte of the
//! package (zip entries decompressed) for any of them.
//!
//! Beyond what Dossier itself writes, each case may also bring what enters from outside:
//! record files edited on disk between runs (a label lowered, an approval forged, a new
//! file added), before or after the package is planned, and a package received from
//! another office and merged in. Persons carry status timelines whose sources and notes
//! may be held back; photos carry EXIF naming a canary camera where the recipient must
//! get them stripped; the person who makes the package is a canary (packages name the
//! office).
//!
//! `cargo test` runs a few dozen cases; the full run of 10,000 is
//! `cargo test --release --test it share_canary -- --ignored`.

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use dossier::model::{
    ContentWarning, Label, Link, LinkKind, PersonName, PersonStatus, Recipient, RecipientKind,
    Record, RecordId, RecordKind, ReviewState, StatusEntry,
};
use dossier::share;
use dossier::store::{Catalogue, OpenOptions, RECORDS_DIR};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct AttachmentSpec {
    label: Label,
    graphic: bool,
    /// A JPEG with EXIF, rather than a text file.
    photo: bool,
    /// A redacted copy of the photo with this label is on the record too.
    copy: Option<Label>,
}

/// A change made to a record's file outside Dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outside {
    None,
    /// The label rewritten as TLP:CLEAR.
    LowerLabel,
    /// The review state rewritten as approved.
    ForgeApproval,
}

#[derive(Debug, Clone)]
struct RecordSpec {
    kind: RecordKind,
    label: Label,
    review: ReviewState,
    attachments: Vec<AttachmentSpec>,
    links: Vec<usize>,
    private_notes: bool,
    /// Timeline entries (persons only): the records each rests on, by index.
    timeline: Vec<Vec<usize>>,
    outside: Outside,
}

#[derive(Debug, Clone)]
struct Scenario {
    specs: Vec<RecordSpec>,
    max: Label,
    zip: bool,
    /// Record files added outside Dossier, each claiming approval and TLP:CLEAR.
    added: usize,
    /// The outside edits land after the package is planned (instead of before opening).
    edits_after_plan: bool,
    /// Records of another office's package, merged in before sharing.
    received: Vec<RecordSpec>,
}

fn label() -> impl Strategy<Value = Label> {
    prop::sample::select(Label::ALL.to_vec())
}

fn record_spec() -> impl Strategy<Value = RecordSpec> {
    (
        prop::sample::select(RecordKind::ALL.to_vec()),
        label(),
        prop::sample::select(ReviewState::ALL.to_vec()),
        prop::collection::vec(
            (
                label(),
                any::<bool>(),
                prop::bool::weighted(0.3),
                prop::option::weighted(0.5, label()),
            )
                .prop_map(|(label, graphic, photo, copy)| AttachmentSpec {
                    label,
                    graphic,
                    photo,
                    copy: copy.filter(|_| photo),
                }),
            0..3,
        ),
        prop::collection::vec(0usize..8, 0..4),
        any::<bool>(),
        prop::collection::vec(prop::collection::vec(0usize..8, 0..3), 0..3),
        prop::sample::select(vec![
            Outside::None,
            Outside::None,
            Outside::None,
            Outside::LowerLabel,
            Outside::ForgeApproval,
        ]),
    )
        .prop_map(
            |(kind, label, review, attachments, links, private_notes, timeline, outside)| {
                RecordSpec {
                    kind,
                    label,
                    review,
                    attachments,
                    links,
                    private_notes,
                    timeline,
                    outside,
                }
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(record_spec(), 1..8),
        label(),
        any::<bool>(),
        0usize..2,
        prop::bool::weighted(0.25),
        prop::collection::vec(record_spec(), 0..3),
    )
        .prop_map(
            |(specs, max, zip, added, edits_after_plan, received)| Scenario {
                specs,
                max,
                zip,
                added,
                edits_after_plan,
                received,
            },
        )
}

static CASE: AtomicU64 = AtomicU64::new(0);

/// Canaries for one case: unique strings, every one of which must stay out of the package.
struct Canaries {
    case: u64,
    all: std::cell::RefCell<Vec<String>>,
}

impl Canaries {
    fn new(case: u64) -> Self {
        Canaries {
            case,
            all: Default::default(),
        }
    }

    fn make(&self, what: &str) -> String {
        let mut all = self.all.borrow_mut();
        let c = format!("CANARY{}x{}x{what}", self.case, all.len());
        all.push(c.clone());
        c
    }

    fn add(&self, text: String) {
        self.all.borrow_mut().push(text);
    }
}

/// How many photos were made: each takes the next of 512 colours (see [`photo`]).
static PHOTOS: AtomicU64 = AtomicU64::new(0);

/// A small JPEG of one colour (the `pixels`th of 512, each 32 or more away from the
/// others in a channel, so that no two survive JPEG as the same bytes) whose EXIF names
/// `make` as the camera and gives a position.
fn photo(make: &str, pixels: u64) -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let level = |n: u64| ((n % 8) * 32 + 16) as u8;
    let colour = [level(pixels), level(pixels / 8), level(pixels / 64)];
    let img = image::RgbImage::from_pixel(16, 12, image::Rgb(colour));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&img)
        .unwrap();
    let r = |n: u32| Rational { num: n, denom: 1 };
    let fields = [
        Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![make.as_bytes().to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![r(39), r(48), r(55)]),
        },
    ];
    let mut w = exif::experimental::Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    w.write(&mut tiff, false).unwrap();
    dossier::generate::with_exif(&jpeg, &tiff.into_inner())
}

/// A redacted copy of `original` (the whole picture blurred), labelled `label`.
fn redacted(
    cat: &Catalogue,
    original: &dossier::model::Attachment,
    label: Label,
    staff: &str,
) -> dossier::model::Attachment {
    let ops = [dossier::model::RedactOp::Blur {
        region: dossier::model::Region {
            x: 0,
            y: 0,
            w: 16,
            h: 12,
        },
    }];
    dossier::media::redact::redacted_copy(&cat.blobs(), original, &ops, label, staff).unwrap()
}

/// Builds records from `specs`: `open` text where the record may reach the recipient
/// (`may_go`), canaries everywhere else. Attachments are imported from `import_dir`.
#[allow(clippy::too_many_arguments)]
fn build_records(
    cat: &Catalogue,
    specs: &[RecordSpec],
    may_go: &dyn Fn(&RecordSpec) -> bool,
    max: Label,
    strips: bool,
    staff: &str,
    import_dir: &Path,
    canaries: &Canaries,
    prefix: &str,
) -> Vec<Record> {
    let case = canaries.case;
    let mut records: Vec<Record> = specs
        .iter()
        .map(|s| {
            let mut r = Record::new(s.kind, "", staff);
            r.label = s.label;
            r.review = s.review;
            r
        })
        .collect();
    let ids: Vec<_> = records.iter().map(|r| r.id).collect();
    for (i, s) in specs.iter().enumerate() {
        let allowed = may_go(s);
        let text = |what: &str| {
            if allowed {
                format!("open {what} {prefix}{i}")
            } else {
                canaries.make(what)
            }
        };
        let r = &mut records[i];
        r.title = text("title");
        r.body = text("body");
        r.place = text("place");
        r.author = text("author");
        r.language = text("lang");
        r.source.name = text("source");
        r.source.url = text("url");
        r.tags = vec![text("tag")];
        if let Some(p) = r.person.as_mut() {
            p.names = vec![PersonName {
                text: text("name"),
                lang: "hy".into(),
                primary: true,
                extra: Default::default(),
            }];
            p.residence = canaries.make("residence");
            p.identifying = canaries.make("identifying");
            for (n, sources) in s.timeline.iter().enumerate() {
                p.add_status(StatusEntry {
                    sources: sources
                        .iter()
                        .filter(|&&t| t < ids.len() && t != i)
                        .map(|&t| ids[t])
                        .collect(),
                    note: if allowed {
                        format!("open timeline note {prefix}{i}-{n}")
                    } else {
                        canaries.make("tlnote")
                    },
                    ..StatusEntry::new(PersonStatus::Captured)
                });
            }
        }
        if s.private_notes {
            r.private_notes = canaries.make("private");
        }
        r.review_comment = canaries.make("comment");
        r.extra.insert(
            "future_field".into(),
            serde_json::json!(canaries.make("extra")),
        );
        r.source.extra.insert(
            "future".into(),
            serde_json::json!(canaries.make("srcextra")),
        );
        for &t in &s.links {
            if t >= ids.len() || t == i {
                continue;
            }
            let target_allowed = may_go(&specs[t]);
            r.links.push(Link {
                kind: LinkKind::Mentions,
                target: ids[t],
                note: if allowed && target_allowed {
                    format!("note {prefix}{i}-{t}")
                } else {
                    canaries.make("linknote")
                },
                extra: Default::default(),
            });
        }
        for (j, a) in s.attachments.iter().enumerate() {
            let goes = allowed && a.label.max(s.label) <= max;
            // Pixels of its own for every photo: a redacted copy keeps only pixels, so
            // two photos alike but for their metadata would give one copy, sent with one
            // record (within clearance there) and a canary in the other (above it).
            // Colours one step apart were not enough: JPEG made them the same bytes.
            let pixels = PHOTOS.fetch_add(1, Ordering::Relaxed);
            let (name, bytes) = match (goes, a.photo) {
                (true, false) => (
                    format!("file-{prefix}{i}-{j}.txt"),
                    format!("open bytes {case} {prefix}{i} {j}").into_bytes(),
                ),
                (true, true) => {
                    // The camera's name is a canary where the recipient gets photos
                    // stripped of their metadata.
                    let make = if strips {
                        canaries.make("exifmake")
                    } else {
                        format!("open camera {case} {prefix}{i} {j}")
                    };
                    (format!("photo-{prefix}{i}-{j}.jpg"), photo(&make, pixels))
                }
                (false, false) => (
                    format!("{}.txt", canaries.make("filename")),
                    canaries.make("bytes").into_bytes(),
                ),
                (false, true) => (
                    format!("{}.jpg", canaries.make("filename")),
                    photo(&canaries.make("exifheld"), pixels),
                ),
            };
            let file = import_dir.join(&name);
            fs::write(&file, &bytes).unwrap();
            let mut att =
                dossier::media::import_file(&cat.blobs(), &file, staff, a.label, &mut |_| {})
                    .unwrap()
                    .attachment;
            if a.graphic {
                att.warnings.insert(ContentWarning::GraphicViolence);
            }
            att.description = if goes {
                format!("about file {prefix}{i}-{j}")
            } else {
                canaries.make("description")
            };
            att.provenance.collected_by = canaries.make("collector");
            att.provenance.source = if goes {
                format!("channel {prefix}{i}-{j}")
            } else {
                canaries.make("provenance")
            };
            // A redacted copy within clearance goes in its original's place, and the
            // manifest names the original's hash: that hash is then no leak.
            let copy = a.copy.map(|l| redacted(cat, &att, l, staff));
            let copy_goes = copy
                .as_ref()
                .is_some_and(|c| allowed && c.label.max(s.label) <= max);
            if !goes && !copy_goes {
                canaries.add(att.sha256.to_string());
            }
            r.attachments.push(att);
            if let Some(mut c) = copy {
                if copy_goes {
                    c.description = format!("redacted copy {prefix}{i}-{j}");
                } else {
                    c.description = canaries.make("copydescription");
                    canaries.add(c.sha256.to_string());
                }
                r.attachments.push(c);
            }
        }
        if !allowed {
            canaries.add(r.id.to_string());
            canaries.add(r.id.0.simple().to_string());
        }
    }
    records
}

/// Another office's catalogue of `specs`, all of whose content is canaries (merged in,
/// its records are drafts that must not go out), shared in full as a folder package.
fn received_package(dir: &Path, specs: &[RecordSpec], canaries: &Canaries) -> std::path::PathBuf {
    let root = dir.join("sender");
    let staff = canaries.make("senderstaff");
    let mut cat = Catalogue::create(&root, "Sender", &staff).unwrap();
    let import_dir = dir.join(canaries.make("senderpath"));
    fs::create_dir(&import_dir).unwrap();
    let mut specs = specs.to_vec();
    for s in &mut specs {
        s.review = ReviewState::Approved;
    }
    let records = build_records(
        &cat,
        &specs,
        &|_| false,
        Label::Red,
        false,
        &staff,
        &import_dir,
        canaries,
        "sent",
    );
    cat.put_many(records, &staff).unwrap().apply().unwrap();
    let everyone = Recipient::new("Partner", RecipientKind::Ngo, Label::Red);
    let plan = share::plan(&cat, &everyone, None);
    let job = share::prepare(&cat, &plan, &staff).unwrap();
    let out = dir.join("received-pkg");
    share::write_package(&job, &out, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    out
}

/// Edits record files on disk as a person or a sync tool would, and adds some.
fn outside_edits(
    root: &Path,
    specs: &[RecordSpec],
    ids: &[RecordId],
    added: usize,
    canaries: &Canaries,
) {
    for (s, id) in specs.iter().zip(ids) {
        let path = root.join(RECORDS_DIR).join(format!("{id}.json"));
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        match s.outside {
            Outside::None => continue,
            Outside::LowerLabel => v["label"] = serde_json::json!("TLP:CLEAR"),
            Outside::ForgeApproval => v["review"] = serde_json::json!("approved"),
        }
        fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    }
    for _ in 0..added {
        let mut r = Record::new(RecordKind::Report, canaries.make("addedtitle"), "Outsider");
        r.body = canaries.make("addedbody");
        r.label = Label::Clear;
        r.review = ReviewState::Approved;
        canaries.add(r.id.to_string());
        fs::write(
            root.join(RECORDS_DIR).join(format!("{}.json", r.id)),
            r.to_json(),
        )
        .unwrap();
    }
}

/// Builds the catalogue, brings in what comes from outside, makes the package and returns
/// the canaries found in it.
fn leaks(sc: &Scenario) -> Vec<String> {
    let case = CASE.fetch_add(1, Ordering::Relaxed);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let canaries = Canaries::new(case);
    let staff = canaries.make("staff");
    let packager = canaries.make("packager");
    let mut cat = Catalogue::create(&root, "Canary", &staff).unwrap();
    let recipient = Recipient::new(
        "Recipient",
        if sc.max == Label::Clear {
            RecipientKind::Public
        } else {
            RecipientKind::Ngo
        },
        sc.max,
    );
    // The policy, stated here on its own: the public and TLP:CLEAR or TLP:GREEN recipients
    // get photos without their embedded metadata.
    let strips = sc.max <= Label::Green;
    // A record's content may go only when it is approved, within clearance, and nothing
    // outside Dossier touches its file.
    let may_go = |s: &RecordSpec| {
        s.review == ReviewState::Approved && s.label <= sc.max && s.outside == Outside::None
    };
    // Originals are imported from a folder whose name is a canary: the path on the
    // office's computer must never reach a package.
    let import_dir = dir.path().join(canaries.make("path"));
    fs::create_dir(&import_dir).unwrap();
    let records = build_records(
        &cat,
        &sc.specs,
        &may_go,
        sc.max,
        strips,
        &staff,
        &import_dir,
        &canaries,
        "",
    );
    let ids: Vec<RecordId> = records.iter().map(|r| r.id).collect();
    cat.put_many(records, &staff).unwrap().apply().unwrap();
    cat.set_recipients(vec![recipient.clone()], &staff)
        .unwrap()
        .apply()
        .unwrap();
    drop(cat);
    if !sc.received.is_empty() {
        let pkg = received_package(dir.path(), &sc.received, &canaries);
        share::receive(&pkg, &root, true, &staff).unwrap();
    }
    if !sc.edits_after_plan {
        outside_edits(&root, &sc.specs, &ids, sc.added, &canaries);
    }
    let cat = Catalogue::open(
        &root,
        OpenOptions {
            user: staff.clone(),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    let plan = share::plan(&cat, &recipient, None);
    let job = share::prepare(&cat, &plan, &packager).unwrap();
    if sc.edits_after_plan {
        outside_edits(&root, &sc.specs, &ids, sc.added, &canaries);
    }
    let out = dir.path().join(if sc.zip { "pkg.zip" } else { "pkg" });
    match share::write_package(&job, &out, &|_, _| {}, &AtomicBool::new(false)) {
        Ok(_) => {}
        // An included record's file changed after planning: nothing is written.
        Err(share::ShareError::RecordChangedOnDisk { .. }) if sc.edits_after_plan => {
            assert!(!out.exists());
            return Vec::new();
        }
        Err(e) => panic!("the package failed: {e}"),
    }
    assert!(share::verify_package(&out).unwrap().is_ok());
    let bytes = crate::common::package_bytes(&out);
    canaries
        .all
        .into_inner()
        .into_iter()
        .filter(|c| memchr::memmem::find(&bytes, c.as_bytes()).is_some())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn nothing_above_clearance_reaches_a_package(sc in scenario()) {
        let found = leaks(&sc);
        prop_assert!(found.is_empty(), "leaked: {:?}", found);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    #[ignore = "10,000 cases: run with --release --ignored"]
    fn nothing_above_clearance_reaches_a_package_10k(sc in scenario()) {
        let found = leaks(&sc);
        prop_assert!(found.is_empty(), "leaked: {:?}", found);
    }
}
