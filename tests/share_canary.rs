//! The proof that a label holds: random catalogues and recipients, a unique canary string
//! in every field that must not reach the recipient, and a scan of every byte of the
//! package (zip entries decompressed) for any of them.
//!
//! `cargo test` runs a few dozen cases; the full run of 10,000 is
//! `cargo test --release --test share_canary -- --ignored`.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use dossier::model::{
    ContentWarning, Label, Link, LinkKind, PersonName, Recipient, RecipientKind, Record,
    RecordKind, ReviewState,
};
use dossier::share;
use dossier::store::Catalogue;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct AttachmentSpec {
    label: Label,
    graphic: bool,
}

#[derive(Debug, Clone)]
struct RecordSpec {
    kind: RecordKind,
    label: Label,
    review: ReviewState,
    attachments: Vec<AttachmentSpec>,
    links: Vec<usize>,
    private_notes: bool,
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
            (label(), any::<bool>()).prop_map(|(label, graphic)| AttachmentSpec { label, graphic }),
            0..3,
        ),
        prop::collection::vec(0usize..8, 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(kind, label, review, attachments, links, private_notes)| RecordSpec {
                kind,
                label,
                review,
                attachments,
                links,
                private_notes,
            },
        )
}

fn scenario() -> impl Strategy<Value = (Vec<RecordSpec>, Label, bool)> {
    (
        prop::collection::vec(record_spec(), 1..8),
        label(),
        any::<bool>(),
    )
}

fn all_bytes(path: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    if path.is_dir() {
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for e in fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                all.extend(p.to_string_lossy().as_bytes());
                if p.is_dir() {
                    stack.push(p);
                } else {
                    all.extend(fs::read(&p).unwrap());
                }
            }
        }
    } else {
        all.extend(fs::read(path).unwrap());
        let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            all.extend(f.name_raw().to_vec());
            f.read_to_end(&mut all).unwrap();
        }
    }
    all
}

static CASE: AtomicU64 = AtomicU64::new(0);

/// Builds the catalogue, makes the package and returns the canaries found in it.
fn leaks(specs: &[RecordSpec], max: Label, zip: bool) -> Vec<String> {
    let case = CASE.fetch_add(1, Ordering::Relaxed);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cat");
    let staff = format!("StaffCanary{case}");
    let mut cat = Catalogue::create(&root, "Canary", &staff).unwrap();
    let recipient = Recipient::new(
        "Recipient",
        if max == Label::Clear {
            RecipientKind::Public
        } else {
            RecipientKind::Ngo
        },
        max,
    );
    let may_go = |s: &RecordSpec| s.review == ReviewState::Approved && s.label <= max;
    let canaries = std::cell::RefCell::new(vec![staff.clone()]);
    let canary = |what: &str| {
        let mut all = canaries.borrow_mut();
        let c = format!("CANARY{case}x{}x{what}", all.len());
        all.push(c.clone());
        c
    };
    // Originals are imported from a folder whose name is a canary: the path on the
    // office's computer must never reach a package.
    let import_dir = dir.path().join(canary("path"));
    fs::create_dir(&import_dir).unwrap();
    let mut records: Vec<Record> = specs
        .iter()
        .map(|s| {
            let mut r = Record::new(s.kind, "", &staff);
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
                format!("open {what} {i}")
            } else {
                canary(what)
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
        }
        if s.private_notes {
            r.private_notes = canary("private");
        }
        r.review_comment = canary("comment");
        r.extra
            .insert("future_field".into(), serde_json::json!(canary("extra")));
        r.source
            .extra
            .insert("future".into(), serde_json::json!(canary("srcextra")));
        for &t in &s.links {
            if t >= ids.len() || t == i {
                continue;
            }
            let target_allowed = may_go(&specs[t]);
            r.links.push(Link {
                kind: LinkKind::Mentions,
                target: ids[t],
                note: if allowed && target_allowed {
                    format!("note {i}-{t}")
                } else {
                    canary("linknote")
                },
                extra: Default::default(),
            });
        }
        for (j, a) in s.attachments.iter().enumerate() {
            let goes = allowed && a.label.max(s.label) <= max;
            let (name, bytes) = if goes {
                (
                    format!("file-{i}-{j}.txt"),
                    format!("open bytes {case} {i} {j}"),
                )
            } else {
                (format!("{}.txt", canary("filename")), canary("bytes"))
            };
            let file = import_dir.join(&name);
            fs::write(&file, &bytes).unwrap();
            let (mut att, _) =
                dossier::media::import_file(&cat.blobs(), &file, &staff, a.label, &mut |_| {})
                    .unwrap();
            if a.graphic {
                att.warnings.insert(ContentWarning::GraphicViolence);
            }
            att.description = if goes {
                format!("about file {i}-{j}")
            } else {
                canary("description")
            };
            att.provenance.collected_by = canary("collector");
            att.provenance.source = if goes {
                format!("channel {i}-{j}")
            } else {
                canary("provenance")
            };
            if !goes {
                canaries.borrow_mut().push(att.sha256.to_string());
            }
            r.attachments.push(att);
        }
        if !allowed {
            canaries.borrow_mut().push(r.id.to_string());
            canaries.borrow_mut().push(r.id.0.simple().to_string());
        }
    }
    cat.put_many(records, &staff).unwrap().apply().unwrap();
    let plan = share::plan(&cat, &recipient, None);
    let job = share::prepare(&cat, &plan, "Packager").unwrap();
    let out = dir.path().join(if zip { "pkg.zip" } else { "pkg" });
    share::write_package(&job, &out, &|_, _| {}, &AtomicBool::new(false)).unwrap();
    assert!(share::verify_package(&out).unwrap().is_ok());
    let bytes = all_bytes(&out);
    canaries
        .into_inner()
        .into_iter()
        .filter(|c| memchr::memmem::find(&bytes, c.as_bytes()).is_some())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn nothing_above_clearance_reaches_a_package((specs, max, zip) in scenario()) {
        let found = leaks(&specs, max, zip);
        prop_assert!(found.is_empty(), "leaked: {:?}", found);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    #[ignore = "10,000 cases: run with --release --ignored"]
    fn nothing_above_clearance_reaches_a_package_10k((specs, max, zip) in scenario()) {
        let found = leaks(&specs, max, zip);
        prop_assert!(found.is_empty(), "leaked: {:?}", found);
    }
}
