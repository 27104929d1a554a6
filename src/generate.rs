//! `dossier generate`: a synthetic catalogue with the real mix, for measuring Dossier at the
//! size of an office that has documented a war (100,000 records, 10,000 photographs).
//!
//! Persons with status timelines, incidents with victims and witnesses, reports,
//! statements and media records; titles and text in Armenian, Russian and English; labels
//! and content warnings in the proportions the office's own catalogue has; links between
//! records; and JPEG photographs a few thousand pixels wide with EXIF (camera, time, GPS
//! position and an embedded 512x384 preview, as phones write them).
//!
//! Everything is fictional and follows from the seed: the same seed gives the same
//! records, ids and photographs. Records are saved through the catalogue like any other
//! edit (audit entries first, files fsynced), in batches, and photographs are imported
//! through the same path as `dossier import`.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{RgbImage, imageops::FilterType};

use crate::media;
use crate::model::{
    CollectionMethod, ContentWarning, EvidenceBasis, FuzzyDate, GeoPoint, Label, Link, LinkKind,
    PersonCategory, PersonName, PersonStatus, Record, RecordId, RecordKind, ReviewState, Sex,
    StatusEntry, Verification,
};
use crate::store::{Catalogue, StoreError};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub records: usize,
    pub attachments: usize,
    pub seed: u64,
    /// Width of the photographs (height is three quarters of it). 4000 gives 12 megapixels.
    pub image_width: u32,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            records: 1000,
            attachments: 100,
            seed: 1,
            image_width: 4000,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    pub records: usize,
    pub attachments: usize,
    pub attachment_bytes: u64,
}

/// Records saved per batch (one audit append and one folder sync per batch).
const BATCH: usize = 2000;
/// Distinct pictures drawn; each photograph is one of them with its own EXIF, so every
/// file has different bytes (and hash) without drawing thousands of pictures.
const PICTURES: usize = 12;
/// Side of the preview embedded in the EXIF, as phones write it.
pub const EXIF_PREVIEW: (u32, u32) = (512, 384);

const ACTOR: &str = "generator";

/// Makes a new catalogue at `root` (which must not exist or be empty) and fills it.
/// `progress` is called with what is being done and (done, total).
pub fn generate(
    root: &Path,
    options: &GenerateOptions,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<Generated, StoreError> {
    let mut cat = Catalogue::create(
        root,
        &format!(
            "Generated: {} records, {} photographs (seed {})",
            options.records, options.attachments, options.seed
        ),
        ACTOR,
    )?;
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let records = plan_records(&mut rng, options.records);
    let mut generated = Generated::default();

    // Photographs go to media records first, then to statements, several each when
    // there are more photographs than such records.
    let holders: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RecordKind::Media)
        .chain(
            records
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == RecordKind::Statement),
        )
        .map(|(i, _)| i)
        .collect();
    let mut records = records;
    if options.attachments > 0 && !holders.is_empty() {
        let scratch = scratch_dir(root);
        fs::create_dir_all(&scratch).map_err(|e| StoreError::io("create", &scratch, e))?;
        let pictures = draw_pictures(&mut rng, options.image_width, options.attachments);
        let blobs = cat.blobs();
        for n in 0..options.attachments {
            progress("Importing photographs", n, options.attachments);
            let holder = holders[n % holders.len()];
            let picture = &pictures[n % pictures.len()];
            let record = &mut records[holder];
            let name = format!("IMG_{:05}.jpg", n + 1);
            let bytes = photograph(&mut rng, picture, n, record)?;
            let file = scratch.join(&name);
            fs::write(&file, &bytes).map_err(|e| StoreError::io("write", &file, e))?;
            let imported = media::import_file(&blobs, &file, ACTOR, record.label, &mut |_| {});
            let _ = fs::remove_file(&file);
            let (mut attachment, _) = imported?;
            attachment.original_path = format!("/media/field-phone/DCIM/{name}");
            attachment.description = record.title.clone();
            attachment.warnings = record.warnings.clone();
            generated.attachment_bytes += attachment.size;
            generated.attachments += 1;
            record.attachments.push(attachment);
        }
        let _ = fs::remove_dir_all(&scratch);
        progress(
            "Importing photographs",
            options.attachments,
            options.attachments,
        );
    }

    let total = records.len();
    let mut done = 0;
    let mut pending = records.into_iter().peekable();
    while pending.peek().is_some() {
        progress("Saving records", done, total);
        let batch: Vec<Record> = pending.by_ref().take(BATCH).collect();
        done += batch.len();
        cat.put_many(batch, ACTOR)?.apply()?;
    }
    progress("Saving records", total, total);
    generated.records = total;
    Ok(generated)
}

fn scratch_dir(root: &Path) -> PathBuf {
    root.join("cache").join("generate")
}

fn id(rng: &mut fastrand::Rng) -> RecordId {
    let bytes: [u8; 16] = std::array::from_fn(|_| rng.u8(..));
    RecordId(uuid::Builder::from_random_bytes(bytes).into_uuid())
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// Picks by weights (out of their sum).
fn weighted<T: Copy>(rng: &mut fastrand::Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut at = rng.u32(..total);
    for (item, w) in items {
        if at < *w {
            return *item;
        }
        at -= w;
    }
    items[0].0
}

// Names and places, in the three scripts the office works in (all fictional combinations).
const FIRST_HY: &[&str] = &[
    "Արամ",
    "Սերգեյ",
    "Նարեկ",
    "Գոռ",
    "Դավիթ",
    "Արմեն",
    "Տիգրան",
    "Հայկ",
    "Անի",
    "Մարիամ",
    "Լիլիթ",
    "Նունե",
    "Արթուր",
    "Վահե",
    "Էդգար",
    "Սամվել",
];
const FIRST_LATN: &[&str] = &[
    "Aram", "Sergey", "Narek", "Gor", "Davit", "Armen", "Tigran", "Hayk", "Ani", "Mariam", "Lilit",
    "Nune", "Artur", "Vahe", "Edgar", "Samvel",
];
const FIRST_RU: &[&str] = &[
    "Арам",
    "Сергей",
    "Нарек",
    "Гор",
    "Давид",
    "Армен",
    "Тигран",
    "Айк",
    "Ани",
    "Мариам",
    "Лилит",
    "Нуне",
    "Артур",
    "Ваэ",
    "Эдгар",
    "Самвел",
];
const LAST_HY: &[&str] = &[
    "Գևորգյան",
    "Հակոբյան",
    "Պետրոսյան",
    "Սարգսյան",
    "Հարությունյան",
    "Ավետիսյան",
    "Մկրտչյան",
    "Գրիգորյան",
    "Խաչատրյան",
    "Բաղդասարյան",
    "Առաքելյան",
    "Մարտիրոսյան",
];
const LAST_LATN: &[&str] = &[
    "Gevorgyan",
    "Hakobyan",
    "Petrosyan",
    "Sargsyan",
    "Harutyunyan",
    "Avetisyan",
    "Mkrtchyan",
    "Grigoryan",
    "Khachatryan",
    "Baghdasaryan",
    "Arakelyan",
    "Martirosyan",
];
const LAST_RU: &[&str] = &[
    "Геворгян",
    "Акопян",
    "Петросян",
    "Саркисян",
    "Арутюнян",
    "Аветисян",
    "Мкртчян",
    "Григорян",
    "Хачатрян",
    "Багдасарян",
    "Аракелян",
    "Мартиросян",
];
const PLACES: &[(&str, f64, f64)] = &[
    ("Stepanakert", 39.8153, 46.7519),
    ("Hadrut", 39.5200, 47.0306),
    ("Shushi", 39.7581, 46.7497),
    ("Martuni", 39.7953, 47.1150),
    ("Martakert", 40.2128, 46.8136),
    ("Askeran", 39.9333, 46.8333),
    ("Berdzor", 39.6075, 46.5406),
    ("Goris", 39.5111, 46.3411),
    ("Kapan", 39.2075, 46.4058),
    ("Vardenis", 40.1819, 45.7208),
];
const EN_TOPICS: &[&str] = &[
    "Shelling of a residential street",
    "Strike on a school building",
    "Detention of civilians at a checkpoint",
    "Video of prisoners published online",
    "Testimony of a returned prisoner",
    "Destruction of a church",
    "Missing servicemen after the battle",
    "Ambulance hit near the hospital",
    "Evacuation of the elderly",
    "Cluster munitions found in a garden",
];
const HY_TOPICS: &[&str] = &[
    "Բնակելի թաղամասի հրետակոծություն",
    "Հարված դպրոցի շենքին",
    "Խաղաղ բնակիչների ձերբակալում անցակետում",
    "Գերիների տեսանյութ համացանցում",
    "Վերադարձած գերու ցուցմունք",
    "Եկեղեցու ավերում",
    "Անհետ կորած զինծառայողներ",
];
const RU_TOPICS: &[&str] = &[
    "Обстрел жилого квартала",
    "Удар по зданию школы",
    "Задержание мирных жителей на блокпосту",
    "Видео с пленными в сети",
    "Показания вернувшегося пленного",
    "Разрушение церкви",
    "Пропавшие без вести военнослужащие",
];
const EN_SENTENCES: &[&str] = &[
    "The witness saw the strike from the window of a neighbouring house.",
    "Two residents were taken to the hospital with shrapnel wounds.",
    "The video was first posted on a messaging channel and later removed.",
    "The family last spoke to him by telephone in the evening.",
    "The soldiers wore insignia of the other side, according to the witness.",
    "Several houses on the street were burnt; the church roof collapsed.",
    "The statement was recorded in the office and read back to the witness.",
    "Coordinates were taken from the photographs and checked against satellite images.",
    "The detaining state has not acknowledged holding him.",
    "The remains were identified by DNA comparison with a relative.",
];
const HY_SENTENCES: &[&str] = &[
    "Վկան հարվածը տեսել է հարևան տան պատուհանից։",
    "Երկու բնակիչ տեղափոխվել են հիվանդանոց բեկորային վնասվածքներով։",
    "Տեսանյութն առաջին անգամ հրապարակվել է հաղորդագրությունների ալիքում։",
    "Ընտանիքը վերջին անգամ նրա հետ խոսել է երեկոյան։",
    "Ցուցմունքը գրանցվել է գրասենյակում և ընթերցվել վկային։",
];
const RU_SENTENCES: &[&str] = &[
    "Свидетель видел удар из окна соседнего дома.",
    "Двое жителей доставлены в больницу с осколочными ранениями.",
    "Видео впервые опубликовано в канале мессенджера и позже удалено.",
    "Семья последний раз говорила с ним по телефону вечером.",
    "Показания записаны в офисе и зачитаны свидетелю.",
];
const TAGS: &[&str] = &[
    "captive",
    "returned",
    "civilian",
    "serviceman",
    "shelling",
    "open sources",
    "not published",
    "ICRC",
    "ECHR",
    "video",
    "hospital",
    "church",
];

fn date_in_war(rng: &mut fastrand::Rng) -> String {
    // 27 September 2020 to the end of 2021, with most records in the 44 days of the war.
    let day = if rng.u8(..10) < 7 {
        rng.u16(0..44)
    } else {
        rng.u16(44..460)
    };
    let start = jiff::civil::date(2020, 9, 27);
    let d = start
        .checked_add(jiff::Span::new().days(i64::from(day)))
        .unwrap_or(start);
    match rng.u8(..10) {
        0 => format!("{}-{:02}", d.year(), d.month()),
        1 => format!("{d}?"),
        2 => format!("{d}~"),
        _ => d.to_string(),
    }
}

fn fuzzy(text: &str) -> Option<FuzzyDate> {
    text.parse().ok()
}

fn sentences(rng: &mut fastrand::Rng, lang: &str, n: std::ops::Range<usize>) -> String {
    let n = rng.usize(n);
    let pool = match lang {
        "hy" => HY_SENTENCES,
        "ru" => RU_SENTENCES,
        _ => EN_SENTENCES,
    };
    (0..n)
        .map(|_| *pick(rng, pool))
        .collect::<Vec<_>>()
        .join(" ")
}

fn topic(rng: &mut fastrand::Rng, lang: &str) -> &'static str {
    let pool: &[&'static str] = match lang {
        "hy" => HY_TOPICS,
        "ru" => RU_TOPICS,
        _ => EN_TOPICS,
    };
    pool[rng.usize(..pool.len())]
}

fn common(rng: &mut fastrand::Rng, r: &mut Record) {
    r.label = weighted(
        rng,
        &[
            (Label::Clear, 15),
            (Label::Green, 20),
            (Label::Amber, 35),
            (Label::AmberStrict, 15),
            (Label::Red, 15),
        ],
    );
    if rng.u8(..10) < 3 {
        r.warnings
            .insert(*pick(rng, crate::model::ContentWarning::ALL));
        if rng.bool() {
            r.warnings.insert(ContentWarning::IdentifiableVictim);
        }
    }
    r.verification = weighted(
        rng,
        &[
            (Verification::Unverified, 35),
            (Verification::BeingVerified, 20),
            (Verification::Verified, 40),
            (Verification::Disputed, 5),
        ],
    );
    r.review = weighted(
        rng,
        &[
            (ReviewState::Draft, 40),
            (ReviewState::InReview, 15),
            (ReviewState::Approved, 40),
            (ReviewState::ChangesRequested, 5),
        ],
    );
    let tags = rng.usize(0..3);
    for _ in 0..tags {
        let tag = pick(rng, TAGS).to_string();
        if !r.tags.contains(&tag) {
            r.tags.push(tag);
        }
    }
    if rng.u8(..10) == 0 {
        r.private_notes = "Source asked not to be named; check before any use.".into();
    }
}

/// Every record, with links between them, before photographs are added.
fn plan_records(rng: &mut fastrand::Rng, n: usize) -> Vec<Record> {
    // The mix of the office's catalogue: persons and statements are the bulk.
    let count = |share: usize| n * share / 100;
    let persons = count(40);
    let incidents = count(12);
    let reports = count(6);
    let media_n = count(17);
    let statements = n - persons - incidents - reports - media_n;
    let mut out = Vec::with_capacity(n);

    for i in 0..persons {
        out.push(person(rng, i));
    }
    let person_ids: Vec<RecordId> = out.iter().map(|r| r.id).collect();
    let linked = |rng: &mut fastrand::Rng, r: &mut Record, kinds: &[LinkKind], max: usize| {
        if person_ids.is_empty() {
            return;
        }
        for _ in 0..rng.usize(1..=max) {
            r.links.push(Link {
                kind: *pick(rng, kinds),
                target: *pick(rng, &person_ids),
                note: String::new(),
                extra: Default::default(),
            });
        }
    };
    let mut incident_ids = Vec::with_capacity(incidents);
    for _ in 0..incidents {
        let lang = *pick(rng, &["en", "hy", "ru"]);
        let (place, lat, lon) = *pick(rng, PLACES);
        let mut r = Record::new(RecordKind::Incident, topic(rng, lang), ACTOR);
        r.id = id(rng);
        r.title = format!("{}, {place}", r.title);
        r.language = lang.into();
        r.body = sentences(rng, lang, 2..6);
        r.date = fuzzy(&date_in_war(rng));
        r.place = place.into();
        r.coordinates = Some(GeoPoint {
            lat: lat + rng.f64() * 0.02,
            lon: lon + rng.f64() * 0.02,
            alt: None,
        });
        common(rng, &mut r);
        linked(
            rng,
            &mut r,
            &[LinkKind::Victim, LinkKind::Witness, LinkKind::Perpetrator],
            4,
        );
        incident_ids.push(r.id);
        out.push(r);
    }
    let to_incident = |rng: &mut fastrand::Rng, r: &mut Record, kind: LinkKind| {
        if !incident_ids.is_empty() {
            r.links.push(Link {
                kind,
                target: *pick(rng, &incident_ids),
                note: String::new(),
                extra: Default::default(),
            });
        }
    };
    for i in 0..reports {
        let lang = *pick(rng, &["en", "hy", "ru"]);
        let mut r = Record::new(
            RecordKind::Report,
            format!("Report {}: {}", i + 1, topic(rng, lang)),
            ACTOR,
        );
        r.id = id(rng);
        r.language = lang.into();
        r.author = "Human Rights Defender's Office".into();
        r.body = sentences(rng, lang, 4..10);
        r.date = fuzzy(&date_in_war(rng));
        r.source.name = "Open sources, media reports and online material".into();
        r.source.method = Some(CollectionMethod::OpenSource);
        common(rng, &mut r);
        for _ in 0..rng.usize(1..4) {
            to_incident(rng, &mut r, LinkKind::Documents);
        }
        out.push(r);
    }
    for i in 0..statements {
        let lang = *pick(rng, &["en", "hy", "ru", "hy"]);
        let (place, _, _) = *pick(rng, PLACES);
        let mut r = Record::new(
            RecordKind::Statement,
            format!("Statement {}: {}", i + 1, topic(rng, lang)),
            ACTOR,
        );
        r.id = id(rng);
        r.language = lang.into();
        r.body = sentences(rng, lang, 3..12);
        r.date = fuzzy(&date_in_war(rng));
        r.place = place.into();
        r.source.name = "Taken in the office".into();
        r.source.method = Some(CollectionMethod::FieldCapture);
        common(rng, &mut r);
        linked(rng, &mut r, &[LinkKind::Witness, LinkKind::AboutPerson], 2);
        to_incident(rng, &mut r, LinkKind::Documents);
        out.push(r);
    }
    for i in 0..media_n {
        let lang = *pick(rng, &["en", "hy", "ru"]);
        let (place, lat, lon) = *pick(rng, PLACES);
        let mut r = Record::new(
            RecordKind::Media,
            format!("Photographs {}: {place}", i + 1),
            ACTOR,
        );
        r.id = id(rng);
        r.language = lang.into();
        r.body = sentences(rng, lang, 1..3);
        r.date = fuzzy(&date_in_war(rng));
        r.place = place.into();
        r.coordinates = Some(GeoPoint {
            lat: lat + rng.f64() * 0.02,
            lon: lon + rng.f64() * 0.02,
            alt: None,
        });
        r.source.method = Some(CollectionMethod::Submitted);
        common(rng, &mut r);
        to_incident(rng, &mut r, LinkKind::Documents);
        out.push(r);
    }
    out
}

fn person(rng: &mut fastrand::Rng, i: usize) -> Record {
    let first = rng.usize(..FIRST_LATN.len());
    let last = rng.usize(..LAST_LATN.len());
    let hy = format!("{} {}", FIRST_HY[first], LAST_HY[last]);
    let latn = format!("{} {}", FIRST_LATN[first], LAST_LATN[last]);
    let ru = format!("{} {}", FIRST_RU[first], LAST_RU[last]);
    let mut r = Record::new(RecordKind::Person, hy.clone(), ACTOR);
    r.id = id(rng);
    r.language = "hy".into();
    common(rng, &mut r);
    // Persons carry personal data, and most are RED or AMBER+STRICT.
    r.warnings.insert(ContentWarning::PersonalData);
    if r.label < Label::Amber {
        r.label = Label::AmberStrict;
    }
    let (place, _, _) = *pick(rng, PLACES);
    r.place = place.into();
    let serviceman = rng.u8(..10) < 6;
    let p = r.person.get_or_insert_with(Default::default);
    p.names = vec![
        PersonName {
            text: hy,
            lang: "hy".into(),
            primary: true,
            extra: Default::default(),
        },
        PersonName {
            text: latn,
            lang: "hy-Latn".into(),
            primary: false,
            extra: Default::default(),
        },
        PersonName {
            text: ru,
            lang: "ru".into(),
            primary: false,
            extra: Default::default(),
        },
    ];
    p.birth = fuzzy(&format!(
        "{}-{:02}-{:02}",
        rng.u16(1950..2003),
        rng.u8(1..13),
        rng.u8(1..29)
    ));
    p.sex = Some(if rng.u8(..10) < 8 {
        Sex::Male
    } else {
        Sex::Female
    });
    p.residence = place.into();
    if serviceman {
        p.category = Some(PersonCategory::Serviceman);
        p.unit = format!("Unit {} (fictional)", rng.u8(1..40));
        p.rank = pick(rng, &["Private", "Sergeant", "Lieutenant", "Captain"]).to_string();
    } else {
        p.category = Some(PersonCategory::Civilian);
    }
    // A timeline: missing first, then (often) what became of them.
    let first_date = date_in_war(rng);
    let mut entry = StatusEntry::new(PersonStatus::Missing);
    entry.date = fuzzy(&first_date);
    entry.note = format!("Reported by the family (generated person {})", i + 1);
    p.add_status(entry);
    if rng.u8(..10) < 7 {
        let status = weighted(
            rng,
            &[
                (PersonStatus::Captured, 35),
                (PersonStatus::Killed, 25),
                (PersonStatus::Returned, 15),
                (PersonStatus::Injured, 10),
                (PersonStatus::RemainsIdentified, 8),
                (PersonStatus::DiedInCustody, 4),
                (PersonStatus::FoundAlive, 3),
            ],
        );
        let mut entry = StatusEntry::new(status);
        entry.date = fuzzy(&date_in_war(rng))
            .filter(|d| fuzzy(&first_date).is_none_or(|f| d.earliest() >= f.earliest()));
        if status == PersonStatus::Captured {
            entry.basis = Some(weighted(
                rng,
                &[
                    (EvidenceBasis::Acknowledged, 40),
                    (EvidenceBasis::NotAcknowledged, 35),
                    (EvidenceBasis::Indirect, 25),
                ],
            ));
        }
        entry.verification = r.verification;
        p.add_status(entry);
    }
    r.date = p.timeline.last().and_then(|e| e.date);
    r.body = format!(
        "{} {}",
        sentences(rng, "en", 1..2),
        if serviceman {
            "Serviceman."
        } else {
            "Civilian."
        }
    );
    r.tags.retain(|t| t != "serviceman" && t != "civilian");
    r.tags
        .push(if serviceman { "serviceman" } else { "civilian" }.into());
    r
}

/// A few distinct pictures at the requested size, drawn once.
fn draw_pictures(rng: &mut fastrand::Rng, width: u32, wanted: usize) -> Vec<Picture> {
    let width = width.clamp(64, 12_000);
    let height = width * 3 / 4;
    (0..PICTURES.min(wanted))
        .map(|k| {
            let seed = rng.u32(..);
            let img = street_scene(width, height, seed);
            let preview =
                image::imageops::resize(&img, EXIF_PREVIEW.0, EXIF_PREVIEW.1, FilterType::Triangle);
            Picture {
                jpeg: encode_jpeg(&img, 85),
                preview: encode_jpeg(&preview, 80),
                width,
                height,
                portrait: k % 4 == 3,
            }
        })
        .collect()
}

struct Picture {
    /// The whole picture, JPEG without metadata.
    jpeg: Vec<u8>,
    /// A 512x384 JPEG of it, for the EXIF preview.
    preview: Vec<u8>,
    width: u32,
    height: u32,
    /// Taken with the phone upright: EXIF orientation 6.
    portrait: bool,
}

fn encode_jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    // Encoding into memory cannot fail for an RGB image of a valid size.
    let _ = img.write_with_encoder(encoder);
    out
}

fn hash32(x: u32, y: u32, seed: u32) -> u32 {
    let mut h = x.wrapping_mul(374_761_393)
        ^ y.wrapping_mul(668_265_263)
        ^ seed.wrapping_mul(2_246_822_519);
    h = (h ^ (h >> 13)).wrapping_mul(1_274_126_177);
    h ^ (h >> 16)
}

/// A street under a hazy sky with buildings and rubble: smooth areas, edges and grain, so
/// it compresses about as a photograph does.
fn street_scene(w: u32, h: u32, seed: u32) -> RgbImage {
    let horizon = h * 55 / 100;
    let block_w = (w / 9).max(1);
    RgbImage::from_fn(w, h, |x, y| {
        let grain = (hash32(x, y, seed) % 9) as i32 - 4;
        let coarse = (hash32(x / 16, y / 16, seed ^ 7) % 21) as i32 - 10;
        let shade = |c: [i32; 3], d: i32| image::Rgb(c.map(|v| (v + d).clamp(0, 255) as u8));
        if y < horizon {
            let t = y as i32 * 70 / horizon.max(1) as i32;
            let smoke = (x as i32 * 50 / w as i32) * (seed as i32 & 1);
            let block = x / block_w;
            let top = horizon - (hash32(block, 0, seed) % (horizon / 2).max(1)) - horizon / 8;
            if y > top {
                let (bx, by) = (x % block_w, y - top);
                let cell = (block_w / 8).max(4);
                let window = bx % cell > cell / 4
                    && bx % cell < cell * 3 / 4
                    && by % (cell * 3 / 2) > cell / 3
                    && by % (cell * 3 / 2) < cell;
                if window {
                    shade([60, 70, 85], grain + coarse / 2)
                } else {
                    shade([176, 160, 138], grain + coarse)
                }
            } else {
                shade([150 + t, 170 + t * 6 / 7, 200 + t / 2], grain / 2 - smoke)
            }
        } else {
            let rubble = hash32(x / 12, y / 12, seed ^ 3).is_multiple_of(5);
            if rubble {
                shade([120, 110, 100], grain * 2 + coarse)
            } else {
                shade([92, 90, 88], grain + coarse / 2)
            }
        }
    })
}

/// One photograph: a drawn picture with its own EXIF (unique description and time, the
/// record's position, and the preview), so its bytes differ from every other.
fn photograph(
    rng: &mut fastrand::Rng,
    picture: &Picture,
    n: usize,
    record: &Record,
) -> Result<Vec<u8>, StoreError> {
    use exif::{Field, In, Rational, Tag, Value};
    let ascii = |tag: Tag, text: String| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.into_bytes()]),
    };
    let day = record
        .date
        .map(|d| d.earliest())
        .unwrap_or(jiff::civil::date(2020, 10, 1));
    let time = format!(
        "{:04}:{:02}:{:02} {:02}:{:02}:{:02}",
        day.year(),
        day.month(),
        day.day(),
        rng.u8(6..21),
        rng.u8(..60),
        rng.u8(..60)
    );
    let mut fields = vec![
        ascii(Tag::Make, "Samsung".into()),
        ascii(Tag::Model, "Galaxy A52 (generated)".into()),
        ascii(
            Tag::ImageDescription,
            format!("Generated photograph {} for {}", n + 1, record.id),
        ),
        ascii(Tag::DateTimeOriginal, time.clone()),
        ascii(Tag::DateTime, time),
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![if picture.portrait { 6 } else { 1 }]),
        },
        Field {
            tag: Tag::PixelXDimension,
            ifd_num: In::PRIMARY,
            value: Value::Long(vec![picture.width]),
        },
        Field {
            tag: Tag::PixelYDimension,
            ifd_num: In::PRIMARY,
            value: Value::Long(vec![picture.height]),
        },
    ];
    if let Some(at) = record.coordinates {
        let dms = |v: f64| {
            let v = v.abs();
            let deg = v.trunc();
            let min = ((v - deg) * 60.0).trunc();
            let sec = ((v - deg) * 60.0 - min) * 60.0;
            Value::Rational(vec![
                Rational::from((deg as u32, 1)),
                Rational::from((min as u32, 1)),
                Rational::from(((sec * 100.0) as u32, 100)),
            ])
        };
        let gps = |tag: Tag, value: Value| Field {
            tag,
            ifd_num: In::PRIMARY,
            value,
        };
        fields.push(gps(Tag::GPSLatitudeRef, Value::Ascii(vec![b"N".to_vec()])));
        fields.push(gps(Tag::GPSLatitude, dms(at.lat)));
        fields.push(gps(Tag::GPSLongitudeRef, Value::Ascii(vec![b"E".to_vec()])));
        fields.push(gps(Tag::GPSLongitude, dms(at.lon)));
    }
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    writer.set_jpeg(&picture.preview, In::THUMBNAIL);
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).map_err(|e| {
        StoreError::Invalid(format!(
            "cannot write the EXIF of a generated photograph: {e}"
        ))
    })?;
    Ok(with_exif(&picture.jpeg, &tiff.into_inner()))
}

/// The JPEG with an APP1 "Exif" segment holding `tiff` right after its start marker.
pub fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let body = jpeg.get(2..).unwrap_or_default();
    let len = (tiff.len() + 8) as u16;
    let mut out = Vec::with_capacity(jpeg.len() + tiff.len() + 10);
    out.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(tiff);
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_records() {
        let a = plan_records(&mut fastrand::Rng::with_seed(7), 200);
        let b = plan_records(&mut fastrand::Rng::with_seed(7), 200);
        assert_eq!(a.len(), 200);
        let ids = |v: &[Record]| v.iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        let c = plan_records(&mut fastrand::Rng::with_seed(8), 200);
        assert_ne!(ids(&a), ids(&c));
        let kinds = |k| a.iter().filter(|r| r.kind == k).count();
        assert_eq!(kinds(RecordKind::Person), 80);
        assert!(kinds(RecordKind::Statement) > 30);
        assert!(a.iter().any(|r| r.language == "ru"));
        assert!(a.iter().any(|r| r.label == Label::Red));
        assert!(a.iter().any(|r| !r.warnings.is_empty()));
    }
}
