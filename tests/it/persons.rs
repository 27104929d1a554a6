//! Persons, lists and statistics: counts equal list lengths, CSV round trips, the import
//! preview, duplicate suggestions and logged merges, saved views.

use std::collections::BTreeSet;
use std::path::Path;

use dossier::audit::Action;
use dossier::lists::{self, LineAction};
use dossier::model::{
    EvidenceBasis, FuzzyDate, Label, Link, LinkKind, PersonCategory, PersonName, PersonStatus,
    Record, RecordKind, Sex, StatusEntry,
};
use dossier::search::{self, Filter, SavedView};
use dossier::stats::Stats;
use dossier::store::Catalogue;

const ACTOR: &str = "Test Researcher";

fn open(path: &Path) -> Catalogue {
    crate::common::open_as(path, ACTOR)
}

/// A small deterministic random source, so the catalogue is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// Persons of every status, basis and category, some without; incidents and reports.
fn varied_catalogue(dir: &Path) -> Catalogue {
    let path = dir.join("cat");
    let mut cat = Catalogue::create(&path, "Lists", ACTOR).unwrap();
    let mut rng = Lcg(7);
    let mut records = Vec::new();
    for i in 0..240 {
        let mut r = Record::new(RecordKind::Person, format!("Person {i}"), ACTOR);
        r.label = Label::ALL[rng.next(Label::ALL.len())];
        let p = r.person.as_mut().unwrap();
        p.names.push(PersonName {
            text: format!("Person {i}"),
            lang: "en".into(),
            primary: true,
            ..PersonName::default()
        });
        p.category = match rng.next(3) {
            0 => None,
            1 => Some(PersonCategory::Civilian),
            _ => Some(PersonCategory::Serviceman),
        };
        let steps = rng.next(4);
        let mut day = 1 + rng.next(20);
        for _ in 0..steps {
            let status = PersonStatus::ALL[rng.next(PersonStatus::ALL.len())];
            let basis = (status == PersonStatus::Captured)
                .then(|| EvidenceBasis::ALL[rng.next(EvidenceBasis::ALL.len())]);
            let month = 9 + rng.next(4);
            p.add_status(StatusEntry {
                basis,
                date: Some(format!("2020-{month:02}-{day:02}").parse().unwrap()),
                ..StatusEntry::new(status)
            });
            day = (day + 3).min(28);
        }
        records.push(r);
    }
    for i in 0..30 {
        let kind = if i % 2 == 0 {
            RecordKind::Incident
        } else {
            RecordKind::Report
        };
        let mut r = Record::new(kind, format!("{} {i}", kind.name()), ACTOR);
        r.date = Some(
            format!("2020-{:02}-{:02}", 9 + i % 4, 1 + i % 27)
                .parse()
                .unwrap(),
        );
        records.push(r);
    }
    cat.put_many(records, ACTOR).unwrap().apply().unwrap();
    cat
}

fn range(from: &str, until: &str) -> (Option<jiff::civil::Date>, Option<jiff::civil::Date>) {
    (Some(from.parse().unwrap()), Some(until.parse().unwrap()))
}

#[test]
fn every_count_equals_the_length_of_its_list() {
    let dir = tempfile::tempdir().unwrap();
    let cat = varied_catalogue(dir.path());
    let ranges = [
        (None, None),
        range("2020-09-27", "2020-11-09"),
        range("2020-10-01", "2020-10-31"),
        (None, Some("2020-10-15".parse().unwrap())),
    ];
    let mut bases = vec![Filter::default()];
    for c in PersonCategory::ALL {
        bases.push(Filter {
            categories: [*c].into(),
            ..Filter::default()
        });
    }
    bases.push(Filter {
        labels: [Label::Amber, Label::Green].into(),
        ..Filter::default()
    });
    let mut checked = 0;
    for base in &bases {
        for (from, until) in ranges {
            let filter = Filter {
                from,
                until,
                ..base.clone()
            };
            let listed = search::list(cat.records(), &filter);
            let stats = Stats::compute(listed.iter().copied(), &filter);
            assert_eq!(stats.records, listed.len());
            let count = |f: Filter| search::list(cat.records(), &f).len();
            let persons = count(Filter {
                kinds: [RecordKind::Person].into(),
                ..filter.clone()
            });
            assert_eq!(stats.persons, persons);
            for s in PersonStatus::ALL {
                let n = count(Filter {
                    statuses: [*s].into(),
                    ..filter.clone()
                });
                assert_eq!(
                    stats.by_status.get(s).copied().unwrap_or(0),
                    n,
                    "{s:?} {filter:?}"
                );
                for b in EvidenceBasis::ALL {
                    let n = count(Filter {
                        statuses: [*s].into(),
                        bases: [*b].into(),
                        ..filter.clone()
                    });
                    let got = stats
                        .by_status_and_basis
                        .get(s)
                        .and_then(|m| m.get(b))
                        .copied()
                        .unwrap_or(0);
                    assert_eq!(got, n, "{s:?} {b:?}");
                    checked += 1;
                }
            }
            for b in EvidenceBasis::ALL {
                let n = count(Filter {
                    bases: [*b].into(),
                    ..filter.clone()
                });
                assert_eq!(stats.by_basis.get(b).copied().unwrap_or(0), n);
            }
            for c in PersonCategory::ALL {
                // Narrowing a list of civilians to servicemen leaves nobody.
                let n = if filter.categories.is_empty() || filter.categories.contains(c) {
                    count(Filter {
                        categories: [*c].into(),
                        ..filter.clone()
                    })
                } else {
                    0
                };
                assert_eq!(stats.by_category.get(c).copied().unwrap_or(0), n);
            }
            let by_status: usize = stats.by_status.values().sum();
            assert_eq!(by_status + stats.no_status, stats.persons);
            // Incidents per week add up to the incidents in the list.
            let incidents = count(Filter {
                kinds: [RecordKind::Incident].into(),
                ..filter.clone()
            });
            assert_eq!(
                stats.weeks.iter().map(|w| w.incidents).sum::<usize>(),
                incidents
            );
        }
    }
    assert!(checked > 100);
    // The filters are not vacuous: the range cuts the list, and captives exist.
    let all = search::list(cat.records(), &Filter::default()).len();
    let (from, until) = range("2020-10-01", "2020-10-31");
    let october = search::list(
        cat.records(),
        &Filter {
            from,
            until,
            ..Filter::default()
        },
    )
    .len();
    assert!(october > 0 && october < all, "{october} of {all}");
}

#[test]
fn a_date_range_keeps_what_may_fall_inside_it() {
    let d = |t: &str| -> FuzzyDate { t.parse().unwrap() };
    let (from, until) = range("2020-09-27", "2020-11-09");
    assert!(search::in_range(Some(&d("2020-09-27")), from, until));
    assert!(search::in_range(Some(&d("2020-11-09")), from, until));
    assert!(!search::in_range(Some(&d("2020-11-10")), from, until));
    // A month that overlaps the range may fall inside it.
    assert!(search::in_range(Some(&d("2020-09")), from, until));
    assert!(!search::in_range(Some(&d("2020-08")), from, until));
    assert!(!search::in_range(None, from, until));
}

fn person(name_hy: &str, name_latn: &str, birth: &str) -> Record {
    let mut r = Record::new(RecordKind::Person, "", ACTOR);
    let p = r.person.as_mut().unwrap();
    p.names = vec![
        PersonName {
            text: name_hy.into(),
            lang: "hy".into(),
            primary: true,
            ..PersonName::default()
        },
        PersonName {
            text: name_latn.into(),
            lang: "hy-Latn".into(),
            ..PersonName::default()
        },
    ];
    p.birth = Some(birth.parse().unwrap());
    p.sex = Some(Sex::Male);
    p.category = Some(PersonCategory::Serviceman);
    p.unit = "Unit 5".into();
    p.rank = "Private".into();
    p.residence = "Goris, \"old town\"".into();
    p.identifying = "=scar on the left hand".into();
    p.add_status(StatusEntry {
        date: Some("2020-10-05".parse().unwrap()),
        ..StatusEntry::new(PersonStatus::Missing)
    });
    p.add_status(StatusEntry {
        date: Some("2020-10-20".parse().unwrap()),
        basis: Some(EvidenceBasis::NotAcknowledged),
        verification: dossier::model::Verification::Verified,
        ..StatusEntry::new(PersonStatus::Captured)
    });
    r
}

/// What a CSV round trip must keep of a person.
fn essence(r: &Record) -> String {
    lists::default_columns()
        .iter()
        .map(|c| format!("{}={}", c.key(), lists::cell(r, *c)))
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn exporting_then_importing_a_list_gives_the_same_persons() {
    let dir = tempfile::tempdir().unwrap();
    let mut cat = Catalogue::create(&dir.path().join("a"), "A", ACTOR).unwrap();
    let mut a = person("Արամ Պետրոսյան", "Aram Petrosyan", "1998-03-14");
    a.label = Label::Green;
    a.tags = vec!["list-1".into()];
    let b = person("Գուրգեն Սարգսյան", "Gurgen Sargsyan", "2001");
    let mut red = person("Կարեն Հովհաննիսյան", "Karen Hovhannisyan", "1990");
    red.label = Label::Red;
    for r in [a, b, red] {
        cat.save(r, ACTOR).unwrap();
    }
    let out = dir.path().join("list.csv");
    let filter = Filter {
        kinds: [RecordKind::Person].into(),
        ..Filter::default()
    };
    let summary = lists::export_list(
        &cat,
        &filter,
        &lists::default_columns(),
        Label::Amber,
        ACTOR,
        &out,
    )
    .unwrap();
    assert_eq!((summary.written, summary.held_back), (2, 1));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("Հովհաննիսյան"), "a RED person went out");
    assert!(
        text.contains("'=scar"),
        "a formula-like cell was not neutralised"
    );
    let logged = cat.audit().with_entries(|e| e.to_vec());
    assert!(logged.iter().any(|e| e.action == Action::Exported));
    // Exporting over an existing file is refused.
    assert!(
        lists::export_list(
            &cat,
            &filter,
            &[lists::Column::Id],
            Label::Amber,
            ACTOR,
            &out
        )
        .is_err()
    );

    let mut other = Catalogue::create(&dir.path().join("b"), "B", ACTOR).unwrap();
    let plan =
        lists::plan_import(text.as_bytes(), &out, other.records(), other.trash(), ACTOR).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(plan.creates(), 2);
    other
        .put_many(plan.records_to_save(), ACTOR)
        .unwrap()
        .apply()
        .unwrap();
    let reopened = open(&dir.path().join("b"));
    let originals: BTreeSet<String> = cat
        .records()
        .iter()
        .filter(|r| r.label <= Label::Amber)
        .map(essence)
        .collect();
    let imported: BTreeSet<String> = reopened.records().iter().map(essence).collect();
    assert_eq!(originals, imported);
    // The timeline came back entry by entry, verification included.
    let p = reopened.records()[0].person.as_ref().unwrap();
    assert_eq!(p.timeline.len(), 2);
    assert_eq!(
        p.current().unwrap().basis,
        Some(EvidenceBasis::NotAcknowledged)
    );

    // Importing the same file again changes nothing.
    let again = lists::plan_import(
        text.as_bytes(),
        &out,
        reopened.records(),
        reopened.trash(),
        ACTOR,
    )
    .unwrap();
    assert_eq!(again.unchanged(), 2, "{:?}", again.describe());
}

#[test]
fn an_import_with_a_bad_line_names_it_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cat");
    let mut cat = Catalogue::create(&path, "C", ACTOR).unwrap();
    let known = person("Արամ Պետրոսյան", "Aram Petrosyan", "1998-03-14");
    let known_id = known.id;
    cat.save(known, ACTOR).unwrap();
    let csv = String::from(
        "names,status,basis,status_date,birth\n\
         Anna Grigoryan (hy-Latn)*,missing,,2020-10-05,1985\n\
         Hayk Melkonyan,kiled,,2020-10-06,\n\
         Davit Avagyan,captured,acknowledged,2020-13-01,\n\
         Anna Grigoryan,returned,,2020-12-28,1985\n\
         Aram Petrosyan,returned,,2020-12-28,\n\
         Levon Ghazaryan,captured,not-acknowledged,2020-10-21,1979\n",
    );
    let file = dir.path().join("list.csv");
    std::fs::write(&file, &csv).unwrap();
    let plan =
        lists::plan_import(csv.as_bytes(), &file, cat.records(), cat.trash(), ACTOR).unwrap();
    let errors: Vec<String> = plan.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(
        errors[0].starts_with("line 3, column 'status'"),
        "{errors:?}"
    );
    assert!(errors[0].contains("'kiled' is not a person status"));
    assert!(
        errors[1].starts_with("line 4, column 'status_date'"),
        "{errors:?}"
    );
    assert!(errors[2].starts_with("line 5") && errors[2].contains("duplicate of line 2"));
    assert!(errors[3].starts_with("line 6") && errors[3].contains(&known_id.to_string()));
    assert_eq!(plan.creates(), 2);
    let preview = plan.describe();
    assert!(
        preview[0].starts_with("line 2: create person 'Anna Grigoryan'"),
        "{preview:?}"
    );

    drop(cat);
    // The command line: a dry run and a real run both create nothing and exit 1.
    let cli = crate::common::Cli::new();
    let run = |args: &[&str]| cli.run(args);
    let p = path.to_str().unwrap();
    let f = file.to_str().unwrap();
    for args in [
        vec!["import-csv", p, f, "--dry-run"],
        vec!["import-csv", p, f],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stdout.contains("error: line 3, column 'status'"),
            "{stdout} / {stderr}"
        );
        assert!(
            stderr.contains("Nothing was imported"),
            "{args:?}: {stderr} / {stdout}"
        );
        assert_eq!(open(&path).records().len(), 1);
    }
    // Told to skip, the two good lines go in.
    let out = run(&["import-csv", p, f, "--skip-errors"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cat = open(&path);
    assert_eq!(cat.records().len(), 3);
    let levon = cat
        .records()
        .iter()
        .find(|r| r.display_title() == "Levon Ghazaryan")
        .unwrap();
    let lp = levon.person.as_ref().unwrap();
    assert_eq!(lp.status, Some(PersonStatus::Captured));
    assert_eq!(lp.basis, Some(EvidenceBasis::NotAcknowledged));
}

#[test]
fn an_import_updates_by_id_and_adds_to_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut cat = Catalogue::create(&dir.path().join("cat"), "C", ACTOR).unwrap();
    let p = person("Արամ Պետրոսյան", "Aram Petrosyan", "1998-03-14");
    let id = p.id;
    cat.save(p, ACTOR).unwrap();
    let csv = format!("id,status,status_date,rank\n{id},returned,2020-12-28,Sergeant\n");
    let plan = lists::plan_import(
        csv.as_bytes(),
        Path::new("u.csv"),
        cat.records(),
        cat.trash(),
        ACTOR,
    )
    .unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    let LineAction::Update(changes) = &plan.lines[0].action else {
        panic!("{:?}", plan.lines[0].action)
    };
    assert!(
        changes.iter().any(|c| c == "status: captured → returned"),
        "{changes:?}"
    );
    assert!(
        changes.iter().any(|c| c == "rank: Private → Sergeant"),
        "{changes:?}"
    );
    let updated = &plan.lines[0].record;
    assert_eq!(updated.person.as_ref().unwrap().timeline.len(), 3);
}

#[test]
fn an_armenian_and_a_latin_record_are_suggested_and_merged_with_both_histories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cat");
    let mut cat = Catalogue::create(&path, "C", ACTOR).unwrap();
    // One office wrote him in Armenian, another in Latin letters with a year of birth.
    let mut hy = Record::new(RecordKind::Person, "", ACTOR);
    {
        let p = hy.person.as_mut().unwrap();
        p.names.push(PersonName {
            text: "Արամ Պետրոսյան".into(),
            lang: "hy".into(),
            primary: true,
            ..PersonName::default()
        });
        p.birth = Some("1998-03-14".parse().unwrap());
        p.add_status(StatusEntry {
            date: Some("2020-10-05".parse().unwrap()),
            ..StatusEntry::new(PersonStatus::Missing)
        });
    }
    let mut latn = Record::new(RecordKind::Person, "Aram Petrosyan", ACTOR);
    latn.label = Label::Red;
    {
        let p = latn.person.as_mut().unwrap();
        p.names.push(PersonName {
            text: "Aram Petrosyan".into(),
            lang: "hy-Latn".into(),
            primary: true,
            ..PersonName::default()
        });
        p.birth = Some("1998".parse().unwrap());
        p.unit = "Unit 5".into();
        p.add_status(StatusEntry {
            date: Some("2020-10-20".parse().unwrap()),
            basis: Some(EvidenceBasis::Acknowledged),
            ..StatusEntry::new(PersonStatus::Captured)
        });
    }
    let other = Record::new(RecordKind::Person, "Aram Sargsyan", ACTOR);
    let mut incident = Record::new(RecordKind::Incident, "Capture near Hadrut", ACTOR);
    incident.links.push(Link {
        kind: LinkKind::Victim,
        target: latn.id,
        note: String::new(),
        extra: Default::default(),
    });
    let (hy_id, latn_id, inc_id) = (hy.id, latn.id, incident.id);
    for r in [hy, latn, other, incident] {
        cat.save(r, ACTOR).unwrap();
    }
    let pairs = search::duplicates::find_duplicates(cat.records());
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    let found: BTreeSet<_> = [pairs[0].a, pairs[0].b].into();
    assert_eq!(found, [hy_id, latn_id].into());

    cat.merge_persons(&hy_id, &latn_id, ACTOR)
        .unwrap()
        .apply()
        .unwrap();
    let cat = open(&path);
    let kept = cat.get(&hy_id).unwrap();
    let p = kept.person.as_ref().unwrap();
    let statuses: Vec<_> = p.timeline.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [PersonStatus::Missing, PersonStatus::Captured]);
    assert_eq!(p.names.len(), 2);
    assert_eq!(p.names.iter().filter(|n| n.primary).count(), 1);
    assert_eq!(p.unit, "Unit 5");
    assert_eq!(p.merged_from, vec![latn_id]);
    assert_eq!(kept.label, Label::Red, "the stricter label carries over");
    // The duplicate is in the trash, marked, with its own history intact.
    let gone = cat.get_trashed(&latn_id).unwrap();
    assert_eq!(gone.person.as_ref().unwrap().merged_into, Some(hy_id));
    // The incident now names the kept record as its victim.
    let inc = cat.get(&inc_id).unwrap();
    assert_eq!(inc.links[0].target, hy_id);
    let entries = cat.audit().with_entries(|e| e.to_vec());
    let merged: Vec<_> = entries
        .iter()
        .filter(|e| e.action == Action::Merged)
        .map(|e| e.record.unwrap())
        .collect();
    assert_eq!(merged, vec![hy_id, latn_id]);
    assert!(
        entries
            .iter()
            .any(|e| e.action == Action::Created && e.record == Some(latn_id))
    );
    assert!(
        dossier::integrity::verify(&path, None, &|_| {})
            .unwrap()
            .problems
            .is_empty()
    );
    // No more suggestions.
    assert!(search::duplicates::find_duplicates(cat.records()).is_empty());
}

#[test]
fn saved_views_persist_and_an_unreadable_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cat");
    let mut cat = Catalogue::create(&path, "C", ACTOR).unwrap();
    let view = SavedView {
        name: "Captives: held, not acknowledged".into(),
        filter: Filter {
            statuses: [PersonStatus::Captured].into(),
            bases: [EvidenceBasis::NotAcknowledged].into(),
            ..Filter::default()
        },
    };
    cat.set_views(vec![view.clone()]).unwrap().apply().unwrap();
    assert!(
        cat.set_views(vec![view.clone(), view.clone()]).is_err(),
        "two views of one name"
    );
    drop(cat);
    let cat = open(&path);
    assert_eq!(cat.views(), std::slice::from_ref(&view));
    assert!(cat.view("captives: HELD, not acknowledged").is_some());
    drop(cat);
    std::fs::write(path.join("views.json"), b"{\"views\": [ {\"name\": 3} ]}").unwrap();
    let mut cat = open(&path);
    assert!(cat.views().is_empty());
    assert!(
        cat.problems()
            .iter()
            .any(|p| p.to_string().contains("views"))
    );
    assert!(cat.set_views(vec![view]).is_err());
    assert!(
        std::fs::read_to_string(path.join("views.json"))
            .unwrap()
            .contains("\"name\": 3")
    );
}
