//! The generated records: persons with timelines, incidents with victims and witnesses,
//! reports, statements and media records, in the office's mix, all from one seeded
//! random generator (the order of its calls is what makes a seed repeat exactly).

use super::ACTOR;
use super::words::{
    EN_SENTENCES, EN_TOPICS, FIRST_HY, FIRST_LATN, FIRST_RU, HY_SENTENCES, HY_TOPICS, LAST_HY,
    LAST_LATN, LAST_RU, PLACES, RU_SENTENCES, RU_TOPICS, TAGS,
};
use crate::model::{
    CollectionMethod, ContentWarning, EvidenceBasis, FuzzyDate, GeoPoint, Label, Link, LinkKind,
    Person, PersonCategory, PersonName, PersonStatus, Record, RecordId, RecordKind, ReviewState,
    Sex, StatusEntry, Verification,
};

type Rng = fastrand::Rng;

fn id(rng: &mut Rng) -> RecordId {
    let bytes: [u8; 16] = std::array::from_fn(|_| rng.u8(..));
    RecordId(uuid::Builder::from_random_bytes(bytes).into_uuid())
}

pub(super) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// Picks by weights (out of their sum).
fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
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

/// A day of the war or the year after it, sometimes only a month or an uncertain day.
fn date_in_war(rng: &mut Rng) -> String {
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

/// `n` sentences in `lang` (a number drawn from the range).
fn sentences(rng: &mut Rng, lang: &str, n: std::ops::Range<usize>) -> String {
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

/// A title's topic in `lang`.
fn topic(rng: &mut Rng, lang: &str) -> &'static str {
    let pool: &[&'static str] = match lang {
        "hy" => HY_TOPICS,
        "ru" => RU_TOPICS,
        _ => EN_TOPICS,
    };
    pool[rng.usize(..pool.len())]
}

/// What every record gets: label, warnings, verification, review, tags and notes.
fn common(rng: &mut Rng, r: &mut Record) {
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
        r.warnings.insert(*pick(rng, ContentWarning::ALL));
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
pub(super) fn plan_records(rng: &mut Rng, n: usize) -> Vec<Record> {
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
    let mut links = Links {
        persons: out.iter().map(|r| r.id).collect(),
        incidents: Vec::with_capacity(incidents),
    };
    for _ in 0..incidents {
        let r = incident(rng, &links);
        links.incidents.push(r.id);
        out.push(r);
    }
    for i in 0..reports {
        out.push(report(rng, i, &links));
    }
    for i in 0..statements {
        out.push(statement(rng, i, &links));
    }
    for i in 0..media_n {
        out.push(media(rng, i, &links));
    }
    out
}

/// The records others link to: persons, then incidents as they are made.
struct Links {
    persons: Vec<RecordId>,
    incidents: Vec<RecordId>,
}

impl Links {
    /// One to `max` links of the given kinds to persons.
    fn to_persons(&self, rng: &mut Rng, r: &mut Record, kinds: &[LinkKind], max: usize) {
        if self.persons.is_empty() {
            return;
        }
        for _ in 0..rng.usize(1..=max) {
            r.links.push(Link {
                kind: *pick(rng, kinds),
                target: *pick(rng, &self.persons),
                note: String::new(),
                extra: Default::default(),
            });
        }
    }

    /// One link of `kind` to an incident.
    fn to_incident(&self, rng: &mut Rng, r: &mut Record, kind: LinkKind) {
        if !self.incidents.is_empty() {
            r.links.push(Link {
                kind,
                target: *pick(rng, &self.incidents),
                note: String::new(),
                extra: Default::default(),
            });
        }
    }
}

/// A position near `(lat, lon)`.
fn near(rng: &mut Rng, lat: f64, lon: f64) -> Option<GeoPoint> {
    Some(GeoPoint {
        lat: lat + rng.f64() * 0.02,
        lon: lon + rng.f64() * 0.02,
        alt: None,
    })
}

fn incident(rng: &mut Rng, links: &Links) -> Record {
    let lang = *pick(rng, &["en", "hy", "ru"]);
    let (place, lat, lon) = *pick(rng, PLACES);
    let mut r = Record::new(RecordKind::Incident, topic(rng, lang), ACTOR);
    r.id = id(rng);
    r.title = format!("{}, {place}", r.title);
    r.language = lang.into();
    r.body = sentences(rng, lang, 2..6);
    r.date = fuzzy(&date_in_war(rng));
    r.place = place.into();
    r.coordinates = near(rng, lat, lon).map(Box::new);
    common(rng, &mut r);
    links.to_persons(
        rng,
        &mut r,
        &[LinkKind::Victim, LinkKind::Witness, LinkKind::Perpetrator],
        4,
    );
    r
}

fn report(rng: &mut Rng, i: usize, links: &Links) -> Record {
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
        links.to_incident(rng, &mut r, LinkKind::Documents);
    }
    r
}

fn statement(rng: &mut Rng, i: usize, links: &Links) -> Record {
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
    links.to_persons(rng, &mut r, &[LinkKind::Witness, LinkKind::AboutPerson], 2);
    links.to_incident(rng, &mut r, LinkKind::Documents);
    r
}

fn media(rng: &mut Rng, i: usize, links: &Links) -> Record {
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
    r.coordinates = near(rng, lat, lon).map(Box::new);
    r.source.method = Some(CollectionMethod::Submitted);
    common(rng, &mut r);
    links.to_incident(rng, &mut r, LinkKind::Documents);
    r
}

/// A person with names in three scripts, details and a timeline.
fn person(rng: &mut Rng, i: usize) -> Record {
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
    let verification = r.verification;
    let p = r.person.get_or_insert_with(Default::default);
    let name = |text: String, lang: &str, primary: bool| PersonName {
        text,
        lang: lang.into(),
        primary,
        extra: Default::default(),
    };
    p.names = vec![
        name(hy, "hy", true),
        name(latn, "hy-Latn", false),
        name(ru, "ru", false),
    ];
    person_details(rng, p, place, serviceman);
    person_timeline(rng, p, i, verification);
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

/// Birth, sex, residence, and for servicemen a unit and a rank.
fn person_details(rng: &mut Rng, p: &mut Person, place: &str, serviceman: bool) {
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
}

/// A timeline: missing first, then (often) what became of them.
fn person_timeline(rng: &mut Rng, p: &mut Person, i: usize, verification: Verification) {
    let first_date = date_in_war(rng);
    let mut entry = StatusEntry::new(PersonStatus::Missing);
    entry.date = fuzzy(&first_date);
    entry.note = format!("Reported by the family (generated person {})", i + 1);
    p.add_status(entry);
    if rng.u8(..10) >= 7 {
        return;
    }
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
    entry.verification = verification;
    p.add_status(entry);
}
