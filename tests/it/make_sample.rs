//! Builds `assets/sample/`, the bundled sample catalogue, from the facts in DOMAIN.md (in our
//! own words; every person in it is fictional) and generated images.
//!
//! Run by hand when the sample should change, then commit the result:
//!     cargo test --test it make_sample -- --ignored

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dossier::media;
use dossier::model::*;
use dossier::store::{Catalogue, LOCK_FILE};
use image::{Rgb, RgbImage};

const ACTOR: &str = "Sample Editor";

fn date(s: &str) -> Option<FuzzyDate> {
    Some(s.parse().expect("sample dates parse"))
}

struct Builder {
    cat: Catalogue,
    files: PathBuf,
}

impl Builder {
    fn record(&mut self, kind: RecordKind, title: &str, f: impl FnOnce(&mut Record)) -> RecordId {
        let mut r = Record::new(kind, title, ACTOR);
        f(&mut r);
        self.cat.save(r, ACTOR).expect("sample record saves")
    }

    fn attach(&mut self, id: RecordId, name: &str, bytes: &[u8], f: impl FnOnce(&mut Attachment)) {
        let path = self.files.join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut r = self.cat.get(&id).unwrap().clone();
        let mut a = media::import_file(&self.cat.blobs(), &path, ACTOR, r.label, &mut |_| {})
            .unwrap()
            .attachment;
        a.original_path = format!("/home/researcher/Evidence/{name}");
        f(&mut a);
        r.attachments.push(a);
        self.cat.save(r, ACTOR).unwrap();
    }

    fn link(&mut self, from: RecordId, kind: LinkKind, to: RecordId) {
        let mut r = self.cat.get(&from).unwrap().clone();
        r.links.push(Link {
            kind,
            target: to,
            note: String::new(),
            extra: Default::default(),
        });
        self.cat.save(r, ACTOR).unwrap();
    }
}

/// A timeline entry: date, status, basis, verification, sources, note.
fn step(
    d: &str,
    status: PersonStatus,
    basis: Option<EvidenceBasis>,
    verification: Verification,
    sources: &[RecordId],
    note: &str,
) -> StatusEntry {
    StatusEntry {
        basis,
        date: date(d),
        sources: sources.to_vec(),
        verification,
        note: note.into(),
        ..StatusEntry::new(status)
    }
}

/// Birth, sex, category, residence, unit and rank.
fn details(
    p: &mut Person,
    birth: &str,
    sex: Sex,
    category: PersonCategory,
    residence: &str,
    unit_rank: Option<(&str, &str)>,
) {
    p.birth = date(birth);
    p.sex = Some(sex);
    p.category = Some(category);
    p.residence = residence.into();
    if let Some((unit, rank)) = unit_rank {
        p.unit = unit.into();
        p.rank = rank.into();
    }
}

fn warnings(list: &[ContentWarning]) -> BTreeSet<ContentWarning> {
    list.iter().copied().collect()
}

fn names(list: &[(&str, &str)]) -> Vec<PersonName> {
    list.iter()
        .enumerate()
        .map(|(i, (text, lang))| PersonName {
            text: text.to_string(),
            lang: lang.to_string(),
            primary: i == 0,
            extra: Default::default(),
        })
        .collect()
}

const SENT_TO: &str = "Not published because of its graphic content. Sent to: the UN Office of the High Commissioner for Human Rights, the International Committee of the Red Cross (ICRC), the OSCE, the Council of Europe, and the government agencies concerned.";

#[test]
#[ignore = "rebuilds assets/sample; run by hand"]
fn make_sample() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let work = tempfile::tempdir().unwrap();
    let cat_dir = work.path().join("sample");
    let files = work.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let cat = Catalogue::create(&cat_dir, "Sample: Artsakh 2020 case files", ACTOR).unwrap();
    let mut b = Builder { cat, files };
    let reports = reports(&mut b);
    let persons = persons(&mut b, &reports);
    let incidents = incidents(&mut b);
    let statements = statements(&mut b);
    let media = media(&mut b, statements.ombudsman);
    let sample = Sample {
        reports,
        persons,
        incidents,
        statements,
        media,
    };
    links(&mut b, &sample);
    review(&mut b, &sample);
    recipients(&mut b);
    views(&mut b);
    trash(&mut b);

    // Replace assets/sample with the new catalogue (without its lock or cache).
    drop(b);
    if root.exists() {
        make_writable(&root);
        std::fs::remove_dir_all(&root).unwrap();
    }
    copy_tree(&cat_dir, &root);
    println!("wrote {}", root.display());
}

/// Every record the links and the review refer to.
struct Sample {
    reports: Vec<RecordId>,
    persons: Persons,
    incidents: Incidents,
    statements: Statements,
    media: Media,
}

struct Persons {
    captive_ack: RecordId,
    captive_evidence: RecordId,
    captive_indirect: RecordId,
    returned: RecordId,
    died: RecordId,
    killed: RecordId,
    missing: RecordId,
    injured: RecordId,
}

struct Incidents {
    strike: RecordId,
    capture: RecordId,
    civilians_killed: RecordId,
}

struct Statements {
    civil: RecordId,
    ombudsman: RecordId,
    ru: RecordId,
}

struct Media {
    photo: RecordId,
    graphic: RecordId,
    scan: RecordId,
    map: RecordId,
}

fn reports(b: &mut Builder) -> Vec<RecordId> {
    // --- Reports: six compiled from open sources, held back for their graphic content.
    let report_topics = [
        (
            "Strikes on civilian areas, 27 September - 9 November 2020",
            "2020-09-27..2020-11-09",
        ),
        (
            "Treatment of prisoners of war and captured civilians",
            "2020-10..2020-12",
        ),
        (
            "Civilians killed in captivity and in occupied areas",
            "2020-10..2020-12",
        ),
        ("Videos of abuse circulated online", "2020-10..2020-11"),
        ("Missing civilians and servicemen", "2020-11..2020-12"),
        (
            "Consolidated report for international organisations",
            "2020-12",
        ),
    ];
    let mut reports = Vec::new();
    for (i, (topic, when)) in report_topics.iter().enumerate() {
        let id = b.record(
            RecordKind::Report,
            &format!("Report {}: {topic}", i + 1),
            |r| {
                r.date = date(when);
                r.author =
                    "Human Rights Defender of Artsakh, with the Human Rights Defender of Armenia"
                        .into();
                r.body = format!(
                    "Compiled from open sources, media reports and material found online. {SENT_TO}"
                );
                r.language = "hy".into();
                r.label = Label::AmberStrict;
                r.warnings = warnings(&[
                    ContentWarning::GraphicViolence,
                    ContentWarning::IdentifiableVictim,
                ]);
                r.verification = Verification::Verified;
                r.review = ReviewState::Approved;
                r.tags = vec!["not published".into(), "open sources".into()];
                r.source = Source {
                    name: "Open sources, media, online material".into(),
                    url: String::new(),
                    method: Some(CollectionMethod::OpenSource),
                    extra: Default::default(),
                };
                r.private_notes =
                    "Distribution list kept by the office; ask before forwarding.".into();
            },
        );
        reports.push(id);
    }
    reports
}

fn persons(b: &mut Builder, reports: &[RecordId]) -> Persons {
    let (captive_ack, captive_evidence, captive_indirect) = captives(b, reports);
    let (returned, died, killed, missing, injured) = others(b, reports);
    relatives_entry(b);
    Persons {
        captive_ack,
        captive_evidence,
        captive_indirect,
        returned,
        died,
        killed,
        missing,
        injured,
    }
}

fn captives(b: &mut Builder, reports: &[RecordId]) -> (RecordId, RecordId, RecordId) {
    // --- Persons: fictional people in the categories the lists use.
    let captive_ack = b.record(RecordKind::Person, "Արամ Գևորգյան", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Արամ Գևորգյան", "hy"), ("Aram Gevorgyan", "hy-Latn"), ("Арам Геворгян", "ru")]);
        details(p, "1999-05-12", Sex::Male, PersonCategory::Serviceman, "Goris", Some(("Unit 3 (fictional)", "Private")));
        p.identifying = "Tattoo of a cross on the right forearm (fictional).".into();
        p.add_status(step("2020-10-27", PersonStatus::Missing, None, Verification::Verified, &[], "Last contact with his unit"));
        p.add_status(step("2020-11-03", PersonStatus::Captured, Some(EvidenceBasis::Acknowledged), Verification::Verified, &[reports[1]], "Named in a list the detaining state passed through the ICRC"));
        r.date = date("2020-11-03");
        r.place = "Hadrut district".into();
        r.body = "Serviceman. Captivity acknowledged by the detaining state in a list passed through the ICRC. (Fictional person for the sample.)".into();
        r.label = Label::Red;
        r.warnings = warnings(&[ContentWarning::PersonalData]);
        r.verification = Verification::Verified;
        r.tags = vec!["captive".into(), "serviceman".into()];
    });
    let captive_evidence = b.record(RecordKind::Person, "Սերգեյ Հակոբյան", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Սերգեյ Հակոբյան", "hy"), ("Sergey Hakobyan", "hy-Latn"), ("Сергей Акопян", "ru")]);
        details(p, "1961", Sex::Male, PersonCategory::Civilian, "Hadrut", None);
        p.add_status(step("2020-10-18", PersonStatus::Missing, None, Verification::Verified, &[], "Stayed in his village when it was taken"));
        p.add_status(step("2020-12?", PersonStatus::Captured, Some(EvidenceBasis::NotAcknowledged), Verification::BeingVerified, &[], "Seen alive in a video after capture; not acknowledged"));
        r.date = date("2020-12?");
        r.place = "near a village in Hadrut district".into();
        r.body = "Civilian. Seen alive in a video after capture; the detaining state has not acknowledged holding him. (Fictional person.)".into();
        r.label = Label::Red;
        r.warnings = warnings(&[ContentWarning::PersonalData, ContentWarning::IdentifiableVictim]);
        r.verification = Verification::BeingVerified;
        r.tags = vec!["captive".into(), "civilian".into()];
    });
    let captive_indirect = b.record(RecordKind::Person, "Davit Martirosyan", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Davit Martirosyan", "hy-Latn"), ("Դավիթ Մարտիրոսյան", "hy")]);
        details(p, "2001", Sex::Male, PersonCategory::Serviceman, "Sisian", Some(("Unit 7 (fictional)", "Sergeant")));
        p.add_status(step("2020-12-11..2020-12-13", PersonStatus::Missing, None, Verification::Verified, &[], "Went missing with his group"));
        p.add_status(step("2020-12-20~", PersonStatus::Captured, Some(EvidenceBasis::Indirect), Verification::Unverified, &[], "Fellow soldiers say he was taken"));
        r.date = date("2020-12~");
        r.body = "Serviceman missing after fighting near a village; fellow soldiers report he was taken. Only indirect signs of captivity. (Fictional person.)".into();
        r.label = Label::Red;
        r.warnings = warnings(&[ContentWarning::PersonalData]);
        r.verification = Verification::Unverified;
        r.tags = vec!["captive".into(), "serviceman".into()];
    });
    (captive_ack, captive_evidence, captive_indirect)
}

fn others(
    b: &mut Builder,
    reports: &[RecordId],
) -> (RecordId, RecordId, RecordId, RecordId, RecordId) {
    let (returned, died, killed) = returned_and_dead(b, reports);
    let (missing, injured) = missing_and_injured(b, reports);
    (returned, died, killed, missing, injured)
}

fn returned_and_dead(b: &mut Builder, reports: &[RecordId]) -> (RecordId, RecordId, RecordId) {
    let returned = b.record(RecordKind::Person, "Կարեն Սահակյան", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Կարեն Սահակյան", "hy"), ("Karen Sahakyan", "hy-Latn")]);
        details(p, "1995-02", Sex::Male, PersonCategory::Serviceman, "Vardenis", Some(("Unit 3 (fictional)", "Junior sergeant")));
        p.add_status(step("2020-10-29", PersonStatus::Missing, None, Verification::Verified, &[], ""));
        p.add_status(step("2020-11-15", PersonStatus::Captured, Some(EvidenceBasis::Acknowledged), Verification::Verified, &[reports[1]], "Acknowledged in an exchange list"));
        p.add_status(step("2020-12-28", PersonStatus::Returned, None, Verification::Verified, &[reports[1]], "Returned in an exchange"));
        r.date = date("2020-12-28");
        r.body = "Returned from captivity; gave an account of beatings during interrogation. (Fictional person.)".into();
        r.label = Label::AmberStrict;
        r.warnings = warnings(&[ContentWarning::PersonalData]);
        r.verification = Verification::Verified;
        r.tags = vec!["returned".into()];
    });
    let died = b.record(RecordKind::Person, "Гарик Мкртчян", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Гарик Мкртчян", "ru"), ("Գարիկ Մկրտչյան", "hy"), ("Garik Mkrtchyan", "hy-Latn")]);
        details(p, "1988", Sex::Male, PersonCategory::Serviceman, "Martuni", Some(("Unit 5 (fictional)", "Private")));
        p.add_status(step("2020-11-02", PersonStatus::Captured, Some(EvidenceBasis::NotAcknowledged), Verification::Verified, &[], "Seen in a photo among prisoners"));
        p.add_status(step("2020-12?", PersonStatus::DiedInCustody, None, Verification::BeingVerified, &[reports[2]], "Body returned with the last group"));
        r.date = date("2020-12?");
        r.body = "Body returned with the last group of prisoners; cause of death still being verified. (Fictional person.)".into();
        r.label = Label::Red;
        r.warnings = warnings(&[ContentWarning::PersonalData, ContentWarning::GraphicViolence]);
        r.verification = Verification::BeingVerified;
        r.tags = vec!["returned".into(), "died in custody".into()];
    });
    let killed = b.record(RecordKind::Person, "Անահիտ Բաբայան", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Անահիտ Բաբայան", "hy"), ("Anahit Babayan", "hy-Latn")]);
        details(
            p,
            "1979",
            Sex::Female,
            PersonCategory::Civilian,
            "Stepanakert",
            None,
        );
        p.add_status(step(
            "2020-10-04",
            PersonStatus::Killed,
            None,
            Verification::Verified,
            &[reports[0]],
            "Killed by a strike on her street",
        ));
        r.date = date("2020-10-04");
        r.place = "Stepanakert".into();
        r.body = "Civilian, killed by a strike on a residential street. (Fictional person.)".into();
        r.label = Label::Amber;
        r.warnings = warnings(&[ContentWarning::IdentifiableVictim]);
        r.verification = Verification::Verified;
        r.tags = vec!["civilian".into(), "killed".into()];
    });
    (returned, died, killed)
}

fn missing_and_injured(b: &mut Builder, reports: &[RecordId]) -> (RecordId, RecordId) {
    let missing = b.record(RecordKind::Person, "Լուսինե Առաքելյան", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Լուսինե Առաքելյան", "hy"), ("Lusine Arakelyan", "hy-Latn")]);
        details(p, "1941", Sex::Female, PersonCategory::Civilian, "Hadrut", None);
        p.add_status(step("2020-10~", PersonStatus::Missing, None, Verification::Unverified, &[reports[4]], "No news since the town was taken"));
        r.date = date("2020-10~");
        r.place = "Hadrut".into();
        r.body = "Elderly civilian who stayed behind when the town was taken; no news since. (Fictional person.)".into();
        r.label = Label::AmberStrict;
        r.warnings = warnings(&[ContentWarning::PersonalData]);
        r.verification = Verification::Unverified;
        r.tags = vec!["civilian".into(), "missing".into()];
    });
    let injured = b.record(RecordKind::Person, "Tigran Hovhannisyan", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Tigran Hovhannisyan", "hy-Latn"), ("Տիգրան Հովհաննիսյան", "hy")]);
        details(p, "2005", Sex::Male, PersonCategory::Civilian, "Shushi", None);
        p.add_status(step("2020-10-08", PersonStatus::Injured, None, Verification::Verified, &[], "Treated in hospital"));
        r.date = date("2020-10-08");
        r.place = "Shushi".into();
        r.body = "Civilian, injured in a strike; treated in hospital. A minor at the time. (Fictional person.)".into();
        r.label = Label::Red;
        r.warnings = warnings(&[ContentWarning::Minor, ContentWarning::PersonalData]);
        r.verification = Verification::Verified;
        r.tags = vec!["civilian".into(), "injured".into()];
    });
    (missing, injured)
}

fn relatives_entry(b: &mut Builder) {
    // The same man as captive_ack, entered again from his relatives' submission in Latin
    // letters: the app suggests merging the two.
    let _relatives_entry = b.record(RecordKind::Person, "Aram Gevorgyan", |r| {
        let p = r.person.as_mut().unwrap();
        p.names = names(&[("Aram Gevorgyan", "hy-Latn")]);
        p.birth = date("1999");
        p.category = Some(PersonCategory::Serviceman);
        p.add_status(step(
            "2020-10-27",
            PersonStatus::Missing,
            None,
            Verification::Unverified,
            &[],
            "Reported missing by his mother",
        ));
        r.body = "Entered from a relatives' submission. (Fictional person.)".into();
        r.label = Label::AmberStrict;
        r.warnings = warnings(&[ContentWarning::PersonalData]);
        r.tags = vec!["submitted by relatives".into()];
    });
}

fn incidents(b: &mut Builder) -> Incidents {
    // --- Incidents.
    let strike = b.record(RecordKind::Incident, "Strike on a residential street", |r| {
        r.date = date("2020-10-04");
        r.place = "Stepanakert".into();
        r.coordinates = Some(Box::new("39.8156, 46.7519".parse().unwrap()));
        r.body = "A residential street was hit; one civilian was killed and several houses destroyed.".into();
        r.label = Label::Amber;
        r.verification = Verification::Verified;
        r.tags = vec!["strike".into()];
    });
    let capture = b.record(RecordKind::Incident, "Servicemen missing after fighting near a village", |r| {
        r.date = date("2020-12-11..2020-12-13");
        r.place = "Hadrut district".into();
        r.body = "A group of 62 servicemen went missing after fighting near one village. Some are believed captured; the fate of the others is unknown.".into();
        r.label = Label::AmberStrict;
        r.verification = Verification::BeingVerified;
        r.tags = vec!["missing".into(), "captives".into()];
    });
    let civilians_killed = b.record(RecordKind::Incident, "Civilians killed, 27 September - 9 November 2020", |r| {
        r.date = date("2020-09-27..2020-11-09");
        r.body = "At least 60 civilians killed: 39 by strikes, the others in captivity or in occupied areas. Some details are still being verified.".into();
        r.label = Label::Green;
        r.verification = Verification::BeingVerified;
        r.tags = vec!["killed".into(), "summary".into()];
    });
    Incidents {
        strike,
        capture,
        civilians_killed,
    }
}

fn statements(b: &mut Builder) -> Statements {
    // --- Statements (2024).
    let st_civil = b.record(RecordKind::Statement, "Statement on detained former leaders shown on state television", |r| {
        r.date = date("2024-01?");
        r.author = "A civil-society initiative (sample)".into();
        r.body = "The initiative says the detained former leaders were interviewed on state television under coercion, and appeals to the UN human-rights bodies, the ICRC and the Council of Europe to obtain access to them.".into();
        r.language = "en".into();
        r.label = Label::Clear;
        r.verification = Verification::Verified;
        r.review = ReviewState::Approved;
        r.tags = vec!["statement".into(), "coercion".into()];
        r.source = Source {
            name: "The initiative's public page".into(),
            url: "https://example.org/statement".into(),
            method: Some(CollectionMethod::OpenSource),
            extra: Default::default(),
        };
    });
    let st_ombudsman = b.record(RecordKind::Statement, "Հայտարարություն՝ կալանավորների նկատմամբ հարկադրանքի մասին", |r| {
        r.date = date("2024");
        r.author = "Former Human Rights Defender".into();
        r.body = "Նախկին օմբուդսմենը հայտարարում է, որ պետական հեռուստատեսությամբ ցուցադրված հարցազրույցները տրվել են հարկադրանքի ներքո։".into();
        r.language = "hy".into();
        r.label = Label::Clear;
        r.verification = Verification::Verified;
        r.tags = vec!["statement".into(), "coercion".into()];
    });
    let st_ru = b.record(RecordKind::Statement, "Заявление о судьбе пропавших без вести", |r| {
        r.date = date("2021-02");
        r.author = "Правозащитная группа (пример)".into();
        r.body = "Группа призывает посредников добиться информации о судьбе пропавших без вести военнослужащих и гражданских лиц.".into();
        r.language = "ru".into();
        r.label = Label::Green;
        r.verification = Verification::Unverified;
        r.review = ReviewState::InReview;
        r.tags = vec!["statement".into(), "missing".into()];
    });
    Statements {
        civil: st_civil,
        ombudsman: st_ombudsman,
        ru: st_ru,
    }
}

fn media(b: &mut Builder, st_ombudsman: RecordId) -> Media {
    let (photo, graphic) = photo_and_still(b);
    let (scan, map) = scan_and_map(b, st_ombudsman);
    Media {
        photo,
        graphic,
        scan,
        map,
    }
}

fn photo_and_still(b: &mut Builder) -> (RecordId, RecordId) {
    // --- Media items with generated pictures.
    let photo = b.record(
        RecordKind::Media,
        "Photo: damaged houses after the strike",
        |r| {
            r.date = date("2020-10-04");
            r.place = "Stepanakert".into();
            r.body = "Taken the morning after the strike by a local resident.".into();
            r.label = Label::Amber;
            r.verification = Verification::Verified;
            r.source = Source {
                name: "Local resident (submitted)".into(),
                url: String::new(),
                method: Some(CollectionMethod::Submitted),
                extra: Default::default(),
            };
        },
    );
    let street = common::jpeg_with_exif(
        &street_photo(),
        &common::CameraExif {
            captured: "2020:10:05 08:41:17",
            make: "Samsung",
            model: "SM-A505F",
            lat: 39.8177,
            lon: 46.7528,
            orientation: 1,
        },
    );
    b.attach(photo, "street-after-strike.jpg", &street, |a| {
        a.provenance = Provenance {
            source: "A resident of the street (name withheld)".into(),
            source_kind: Some(SourceKind::Witness),
            collected_by: "Field team, Stepanakert".into(),
            collected_at: date("2020-10-06"),
            method: Some(CollectionMethod::Submitted),
            extra: Default::default(),
        };
    });
    let graphic = b.record(RecordKind::Media, "Still from a video of abuse of a captive", |r| {
        r.date = date("2020-11~");
        r.body = "Still from a video posted on a messaging channel. In this sample the picture is an abstract stand-in; it is marked graphic so that its preview stays blurred.".into();
        r.label = Label::Red;
        r.warnings = warnings(&[ContentWarning::GraphicViolence, ContentWarning::IdentifiableVictim]);
        r.verification = Verification::BeingVerified;
        r.source = Source {
            name: "Messaging channel: «Əsir götürülmüş hərbçilər»".into(),
            url: String::new(),
            method: Some(CollectionMethod::OpenSource),
            extra: Default::default(),
        };
        r.language = "az".into();
    });
    b.attach(
        graphic,
        "video-still-0412.jpg",
        &jpeg(&abstract_graphic()),
        |a| {
            a.warnings.insert(ContentWarning::GraphicViolence);
            a.provenance = Provenance {
                source: "https://t.me/example_channel/412 (channel since removed)".into(),
                source_kind: Some(SourceKind::Channel),
                collected_by: "Open-source monitoring desk".into(),
                collected_at: date("2020-11-14"),
                method: Some(CollectionMethod::OpenSource),
                extra: Default::default(),
            };
        },
    );
    (photo, graphic)
}

fn scan_and_map(b: &mut Builder, st_ombudsman: RecordId) -> (RecordId, RecordId) {
    let scan = b.record(RecordKind::Media, "Scan: cover page of Report 1", |r| {
        r.date = date("2020-11");
        r.label = Label::AmberStrict;
        r.verification = Verification::Verified;
    });
    b.attach(scan, "report-1-cover.jpg", &jpeg(&document_scan()), |_| {});
    let map = b.record(RecordKind::Media, "Map of the area near the village", |r| {
        r.date = date("2020-12");
        r.place = "Hadrut district".into();
        r.label = Label::Green;
        r.verification = Verification::Unverified;
    });
    b.attach(map, "area-map.png", &png(&area_map()), |_| {});
    b.attach(
        st_ombudsman,
        "statement-hy.txt",
        "Նախկին օմբուդսմենի հայտարարության ամբողջական տեքստը (նմուշ).\n".as_bytes(),
        |a| {
            a.label = Label::Clear;
        },
    );
    (scan, map)
}

fn links(b: &mut Builder, sample: &Sample) {
    let Sample {
        reports,
        persons: p,
        incidents: i,
        statements: st,
        media: m,
    } = sample;
    // --- Links.
    b.link(reports[0], LinkKind::Documents, i.strike);
    b.link(reports[0], LinkKind::Documents, i.civilians_killed);
    b.link(reports[1], LinkKind::AboutPerson, p.captive_ack);
    b.link(reports[1], LinkKind::AboutPerson, p.returned);
    b.link(reports[2], LinkKind::AboutPerson, p.died);
    b.link(reports[3], LinkKind::Mentions, m.graphic);
    b.link(reports[4], LinkKind::Documents, i.capture);
    b.link(reports[4], LinkKind::AboutPerson, p.missing);
    b.link(i.strike, LinkKind::Victim, p.killed);
    b.link(i.strike, LinkKind::Victim, p.injured);
    b.link(i.capture, LinkKind::Victim, p.captive_evidence);
    b.link(i.capture, LinkKind::Victim, p.captive_indirect);
    b.link(i.capture, LinkKind::Witness, p.returned);
    b.link(m.photo, LinkKind::Documents, i.strike);
    b.link(m.map, LinkKind::Documents, i.capture);
    b.link(m.scan, LinkKind::PartOf, reports[0]);
    b.link(m.graphic, LinkKind::AboutPerson, p.captive_evidence);
    b.link(st.ru, LinkKind::RelatedTo, i.capture);
    b.link(st.civil, LinkKind::RelatedTo, st.ombudsman);
}

fn review(b: &mut Builder, sample: &Sample) {
    let Sample {
        reports,
        persons: p,
        incidents: i,
        statements: st,
        media: m,
    } = sample;
    // --- Review: what has been approved for sharing, what waits in the queue, and what
    // was sent back.
    let reviewer = "Reviewer (sample)";
    // The reports and the civil-society statement were approved before they went out.
    // (Adding links above changed them, which by itself returns an approved record to
    // review; approve them again as they now are.)
    let mut approved_before = reports.clone();
    approved_before.push(st.civil);
    b.cat
        .review(
            &approved_before,
            ReviewAction::Approve,
            "Approved for the named agencies; not for publication",
            reviewer,
        )
        .unwrap()
        .apply()
        .unwrap();
    b.cat
        .review(
            &[st.ru, i.civilians_killed, st.ombudsman, m.scan],
            ReviewAction::Submit,
            "",
            ACTOR,
        )
        .unwrap()
        .apply()
        .unwrap();
    b.cat
        .review(
            &[m.photo, i.strike, p.returned],
            ReviewAction::Submit,
            "",
            ACTOR,
        )
        .unwrap()
        .apply()
        .unwrap();
    b.cat
        .review(
            &[m.photo, i.strike, p.returned],
            ReviewAction::Approve,
            "Checked against the original file and the witness account",
            reviewer,
        )
        .unwrap()
        .apply()
        .unwrap();
    b.cat
        .review(&[m.map], ReviewAction::Submit, "", ACTOR)
        .unwrap()
        .apply()
        .unwrap();
    b.cat
        .review(
            &[m.map],
            ReviewAction::RequestChanges,
            "Say who drew the m.map and from which source",
            reviewer,
        )
        .unwrap()
        .apply()
        .unwrap();
}

fn recipients(b: &mut Builder) {
    // --- Recipients: the bodies the office's reports went to, a mediator and the public.
    let recipient = |name: &str, kind, max, contact: &str, notes: &str| {
        let mut r = Recipient::new(name, kind, max);
        r.contact = contact.into();
        r.notes = notes.into();
        r
    };
    b.cat
        .set_recipients(
            vec![
                recipient(
                    "UN Working Group on Enforced or Involuntary Disappearances",
                    RecipientKind::InternationalOrganisation,
                    Label::AmberStrict,
                    "wgeid@example.org (sample)",
                    "Receives the missing-persons reports and lists.",
                ),
                recipient(
                    "International Committee of the Red Cross (ICRC)",
                    RecipientKind::InternationalOrganisation,
                    Label::AmberStrict,
                    "Delegation (sample contact)",
                    "Captives, returned prisoners and the missing.",
                ),
                recipient(
                    "OSCE Office for Democratic Institutions and Human Rights",
                    RecipientKind::InternationalOrganisation,
                    Label::Amber,
                    "",
                    "",
                ),
                recipient(
                    "Council of Europe Commissioner for Human Rights",
                    RecipientKind::InternationalOrganisation,
                    Label::Amber,
                    "",
                    "",
                ),
                recipient(
                    "Mediator for the exchange of prisoners",
                    RecipientKind::Mediator,
                    Label::Amber,
                    "",
                    "Receives the persons lists (persons.csv).",
                ),
                recipient(
                    "Public",
                    RecipientKind::Public,
                    Label::Clear,
                    "",
                    "Press releases and the public website.",
                ),
            ],
            ACTOR,
        )
        .unwrap()
        .apply()
        .unwrap();
}

fn views(b: &mut Builder) {
    // --- Saved views: the lists the office keeps.
    let view = |name: &str, filter: dossier::search::Filter| dossier::search::SavedView {
        name: name.into(),
        filter,
    };
    let persons = || dossier::search::Filter {
        kinds: [RecordKind::Person].into(),
        ..Default::default()
    };
    b.cat
        .set_views(vec![
            view(
                "Captives: acknowledged",
                dossier::search::Filter {
                    statuses: [PersonStatus::Captured].into(),
                    bases: [EvidenceBasis::Acknowledged].into(),
                    ..persons()
                },
            ),
            view(
                "Captives: held, not acknowledged",
                dossier::search::Filter {
                    statuses: [PersonStatus::Captured].into(),
                    bases: [EvidenceBasis::NotAcknowledged].into(),
                    ..persons()
                },
            ),
            view(
                "Captives: indirect information only",
                dossier::search::Filter {
                    statuses: [PersonStatus::Captured].into(),
                    bases: [EvidenceBasis::Indirect].into(),
                    ..persons()
                },
            ),
            view(
                "Returned prisoners",
                dossier::search::Filter {
                    statuses: [PersonStatus::Returned].into(),
                    ..persons()
                },
            ),
            view(
                "Civilians killed 27 Sep - 9 Nov 2020",
                dossier::search::Filter {
                    statuses: [PersonStatus::Killed].into(),
                    categories: [PersonCategory::Civilian].into(),
                    from: "2020-09-27".parse().ok(),
                    until: "2020-11-09".parse().ok(),
                    ..persons()
                },
            ),
            view(
                "Missing persons",
                dossier::search::Filter {
                    statuses: [PersonStatus::Missing].into(),
                    ..persons()
                },
            ),
        ])
        .unwrap()
        .apply()
        .unwrap();
}

fn trash(b: &mut Builder) {
    // --- One record in the trash, so the Trash view has something to restore.
    let dup = b.record(
        RecordKind::Media,
        "Duplicate of the street photo (entered twice)",
        |r| {
            r.label = Label::Amber;
        },
    );
    b.cat.trash_record(&dup, ACTOR).unwrap().apply().unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == LOCK_FILE || name == "cache" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let mut perms = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&target, perms).unwrap();
        }
    }
    // git keeps no empty folders; the loader makes missing ones.
}

fn make_writable(dir: &Path) {
    for entry in walk(dir) {
        let mut perms = std::fs::metadata(&entry).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&entry, perms).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

// --- Generated pictures --------------------------------------------------------------

/// A small deterministic noise source, so pictures look less flat.
fn noise(x: u32, y: u32, seed: u32) -> i32 {
    let mut h =
        x.wrapping_mul(374761393) ^ y.wrapping_mul(668265263) ^ seed.wrapping_mul(2246822519);
    h = (h ^ (h >> 13)).wrapping_mul(1274126177);
    ((h >> 24) as i32 % 17) - 8
}

fn shade(c: [u8; 3], d: i32) -> Rgb<u8> {
    Rgb(c.map(|v| (v as i32 + d).clamp(0, 255) as u8))
}

fn street_photo() -> RgbImage {
    let (w, h) = (1200, 800);
    RgbImage::from_fn(w, h, |x, y| {
        let n = noise(x / 4, y / 4, 1) / 2;
        let horizon = 430;
        if y < horizon {
            // Hazy morning sky with smoke towards the right.
            let t = y as f32 / horizon as f32;
            let smoke = ((x as f32 / w as f32) * 60.0) as i32;
            let base = [
                (150.0 + 70.0 * t) as u8,
                (170.0 + 60.0 * t) as u8,
                (200.0 + 40.0 * t) as u8,
            ];
            let mut c = shade(base, n / 2 - smoke / 3);
            // Buildings: blocks of different heights with window grids.
            let block = x / 150;
            let top = horizon - [220, 160, 260, 120, 200, 240, 150, 180][block as usize % 8];
            if y > top {
                let damaged = block == 3 && y < top + 90 && (x % 150) > 40;
                let window = (x % 30) > 8 && (x % 30) < 22 && (y % 40) > 10 && (y % 40) < 30;
                c = if damaged {
                    shade([40, 36, 34], n)
                } else if window {
                    shade([60, 70, 85], n)
                } else {
                    shade([176, 160, 138], n)
                };
            }
            c
        } else {
            // Street with rubble.
            let rubble = noise(x / 6, y / 6, 7).abs() > 6 && y > 560;
            if rubble {
                shade([120, 110, 100], n)
            } else {
                shade([92, 90, 88], n)
            }
        }
    })
}

fn abstract_graphic() -> RgbImage {
    let (w, h) = (960, 640);
    RgbImage::from_fn(w, h, |x, y| {
        let n = noise(x / 4, y / 4, 3) / 2;
        let cx = x as f32 / w as f32 - 0.55;
        let cy = y as f32 / h as f32 - 0.5;
        let d = (cx * cx + cy * cy).sqrt();
        let stripes = ((x as f32 * 0.05).sin() * 25.0) as i32;
        if d < 0.28 {
            shade([120, 18, 20], n + stripes)
        } else {
            shade([38, 30, 28], n)
        }
    })
}

fn document_scan() -> RgbImage {
    let (w, h) = (900, 1200);
    RgbImage::from_fn(w, h, |x, y| {
        let n = noise(x / 4, y / 4, 5) / 3;
        let paper = shade([242, 238, 228], n);
        let margin = x > 90 && x < w - 90;
        // Title block.
        if margin && (150..200).contains(&y) && x < 700 {
            return shade([40, 40, 60], n);
        }
        // Lines of text of varied length.
        let line = (y.saturating_sub(280)) / 34;
        let in_line = y >= 280 && (y - 280) % 34 < 14 && y < 1050;
        let len = 600 + (noise(line, 1, 9) * 30) as u32 % 120;
        if margin && in_line && x < 90 + len {
            let word_gap = (x / 7 + line) % 13 == 0;
            return if word_gap {
                paper
            } else {
                shade([70, 70, 75], n)
            };
        }
        // A round stamp.
        let (sx, sy) = (x as f32 - 690.0, y as f32 - 1080.0);
        let r = (sx * sx + sy * sy).sqrt();
        if (48.0..56.0).contains(&r) {
            return shade([60, 80, 170], n);
        }
        paper
    })
}

fn area_map() -> RgbImage {
    let (w, h) = (1000, 700);
    RgbImage::from_fn(w, h, |x, y| {
        let n = noise(x / 4, y / 4, 11) / 4;
        let (fx, fy) = (x as f32, y as f32);
        let road1 = (fy - (0.4 * fx + 150.0)).abs() < 5.0;
        let road2 = (fx - (500.0 + (fy * 0.02).sin() * 80.0)).abs() < 4.0;
        let river = (fy - (520.0 + (fx * 0.01).sin() * 40.0)).abs() < 8.0;
        let forest = noise(x / 40, y / 40, 13) > 3;
        let (mx, my) = (fx - 610.0, fy - 390.0);
        let marker = (mx * mx + my * my).sqrt();
        if (14.0..20.0).contains(&marker) {
            shade([220, 30, 30], 0)
        } else if road1 || road2 {
            shade([250, 250, 245], n)
        } else if river {
            shade([120, 170, 220], n)
        } else if forest {
            shade([150, 190, 140], n)
        } else {
            shade([236, 226, 200], n)
        }
    })
}

fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
    enc.encode_image(img).unwrap();
    out
}

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}
