use super::*;

fn rec(kind: RecordKind, title: &str) -> Record {
    Record::new(kind, title, "t")
}

/// What a search for `text` finds, as if it were the first search.
fn found(index: &SearchIndex, text: &str) -> SearchResult {
    index.forget_recent_searches();
    index.search(&Filter {
        text: text.into(),
        ..Filter::default()
    })
}

#[test]
fn replaced_and_removed_records_are_found_by_their_new_text_only() {
    let mut a = rec(RecordKind::Report, "a long first title about a hospital");
    let b = rec(RecordKind::Report, "school");
    let mut index = SearchIndex::build([&a, &b]);
    let find = |index: &SearchIndex, text: &str| found(index, text).ids;
    a.title = "short: clinic".into();
    index.upsert(&a);
    assert!(find(&index, "hospital").is_empty());
    assert_eq!(find(&index, "clinic"), vec![a.id]);
    a.title = "a much longer title than before: a field clinic near the river".into();
    index.upsert(&a);
    assert_eq!(find(&index, "river"), vec![a.id]);
    index.remove(&b.id);
    assert!(find(&index, "school").is_empty());
    assert_eq!(index.len(), 1);
}

#[test]
fn a_persons_unit_residence_marks_and_timeline_notes_are_searchable() {
    let mut r = rec(RecordKind::Person, "");
    let mut p = crate::model::Person {
        unit: "Military unit 12345".into(),
        residence: "Martuni".into(),
        identifying: "Tattoo of an eagle on the left arm".into(),
        ..Default::default()
    };
    let mut entry = crate::model::StatusEntry::new(PersonStatus::Captured);
    entry.note = "Seen in a video from Hadrut".into();
    p.timeline.push(entry);
    r.person = Some(Box::new(p));
    let index = SearchIndex::build([&r]);
    for text in ["12345", "martuni", "EAGLE", "hadrut"] {
        let found = index.search(&Filter {
            text: text.into(),
            ..Filter::default()
        });
        assert_eq!(found.ids, vec![r.id], "'{text}'");
    }
}

#[test]
fn narrowing_and_repeated_searches_find_what_a_first_search_finds() {
    let titles = [
        "hospital shelled",
        "field hospital",
        "hospice",
        "school",
        "clinic near the hospital",
    ];
    let records: Vec<Record> = titles.iter().map(|t| rec(RecordKind::Report, t)).collect();
    let index = SearchIndex::build(&records);
    let fresh = |text: &str| {
        let index = SearchIndex::build(&records);
        index.search(&text_filter(text)).ids
    };
    for text in [
        "hos",
        "hosp",
        "hospital",
        "hospital clinic",
        "hos",
        "hospice",
        "x",
    ] {
        assert_eq!(
            index.search(&text_filter(text)).ids,
            fresh(text),
            "'{text}'"
        );
    }
    assert_eq!(index.search(&text_filter("hospital")).ids.len(), 3);
}

fn text_filter(text: &str) -> Filter {
    Filter {
        text: text.into(),
        ..Filter::default()
    }
}

#[test]
fn a_large_index_searches_and_sorts_in_parts_like_a_small_one() {
    let records: Vec<Record> = (0..PARALLEL_FROM * 2 + 7)
        .map(|i| {
            let mut r = rec(RecordKind::Report, &format!("record {i:05}"));
            r.label = if i % 3 == 0 { Label::Red } else { Label::Green };
            r
        })
        .collect();
    let index = SearchIndex::build(&records);
    let filter = Filter {
        labels: [Label::Red].into(),
        ..Filter::default()
    };
    let found = index.search_sorted(&filter, SortColumn::Title, false);
    let mut expected: Vec<&Record> = records.iter().filter(|r| r.label == Label::Red).collect();
    expected.reverse();
    assert_eq!(found.ids, expected.iter().map(|r| r.id).collect::<Vec<_>>());
    assert_eq!(
        found.facets.labels[&Label::Green],
        records.len() - expected.len()
    );
    assert_eq!(index.search(&Filter::default()).ids.len(), records.len());
}

fn person(names: &[&str]) -> Record {
    let mut r = rec(RecordKind::Person, names[0]);
    let mut p = crate::model::Person::default();
    for n in names {
        p.names.push(crate::model::PersonName {
            text: n.to_string(),
            ..Default::default()
        });
    }
    r.person = Some(Box::new(p));
    r
}

#[test]
fn a_name_is_found_from_any_script_with_matches_as_typed_first() {
    let armenian = person(&["Գագիկ Պետրոսյան"]);
    let russian = person(&["Гагик Петросян"]);
    let latin = person(&["Gagik Petrossian"]);
    let tigran = person(&["Տիգրան Հովհաննիսյան"]);
    let report = rec(RecordKind::Report, "Shelling of Stepanakert");
    let records = [&armenian, &russian, &latin, &tigran, &report];
    let index = SearchIndex::build(records);
    let found = |text: &str| index.search(&text_filter(text)).ids;
    for (text, first) in [
        ("гагик", russian.id),
        ("Gagik", latin.id),
        ("Գագիկ", armenian.id),
        ("petrossian", latin.id),
        ("петросян", russian.id),
    ] {
        let ids = found(text);
        assert_eq!(ids.len(), 3, "'{text}' finds the three spellings: {ids:?}");
        assert_eq!(ids[0], first, "'{text}': the name as typed comes first");
    }
    assert_eq!(index.search(&text_filter("гагик")).other_spellings, 2);
    assert_eq!(index.search(&text_filter("shelling")).other_spellings, 0);
    assert_eq!(found("тигран"), vec![tigran.id]);
    assert_eq!(found("hovhannisyan"), vec![tigran.id]);
    assert_eq!(found("степанакерт"), vec![report.id]);
    assert!(found("арам").is_empty());
    // Sorted by a column, the exact matches still lead.
    let sorted = index.search_sorted(&text_filter("гагик"), SortColumn::Title, true);
    assert_eq!(sorted.ids[0], russian.id);
}

#[test]
fn narrowing_across_scripts_finds_what_a_first_search_finds() {
    let records = [
        person(&["Երևան"]),
        person(&["Yerevan"]),
        person(&["Ереван"]),
        person(&["Гагик Петросян"]),
        person(&["Գագիկ"]),
        rec(RecordKind::Report, "yeast"),
    ];
    let index = SearchIndex::build(&records);
    let fresh = |text: &str| {
        let mut ids = SearchIndex::build(&records).search(&text_filter(text)).ids;
        ids.sort();
        ids
    };
    for text in [
        "y",
        "ye",
        "yer",
        "yere",
        "yerevan",
        "е",
        "ер",
        "ереван",
        "г",
        "га",
        "гаг",
        "гагик",
        "gag",
        "gagik p",
        "gagik pet",
        "ye",
        "ереван",
    ] {
        let mut ids = index.search(&text_filter(text)).ids;
        ids.sort();
        assert_eq!(ids, fresh(text), "'{text}'");
    }
    assert_eq!(fresh("yerevan").len(), 3);
}

/// The ids of `records` ordered as a sort by title should order them: by the lower-case
/// shown title, then by id.
fn by_title(records: &[&Record]) -> Vec<RecordId> {
    let mut sorted: Vec<&&Record> = records.iter().collect();
    sorted.sort_by_key(|r| (r.display_title().to_lowercase(), r.id));
    sorted.iter().map(|r| r.id).collect()
}

#[test]
fn titles_sort_from_the_text_before_and_after_freezing_and_editing() {
    let mut beta = rec(RecordKind::Report, "Beta report");
    let blank = rec(RecordKind::Report, "   ");
    let mut named = person(&["Ани Мартиросян"]);
    named.title.clear();
    named.body = "Returned in 2021; the name comes after this in the text.".into();
    let armenian = rec(RecordKind::Statement, "Ստեփանակերտ");
    let alpha = rec(RecordKind::Report, "alpha");
    let same = rec(RecordKind::Report, "ALPHA");
    let records = [&beta, &blank, &named, &armenian, &alpha, &same];
    let index = SearchIndex::build(records);
    let sorted = |index: &SearchIndex| {
        index
            .search_sorted(&Filter::default(), SortColumn::Title, true)
            .ids
    };
    assert_eq!(sorted(&index), by_title(&records));

    // Frozen behind a header, as in the index file, and read back.
    let mut w = crate::model::binary::Writer::with_capacity(1024);
    w.raw(b"HEAD");
    index.freeze(&mut w);
    let file = w.bytes;
    let mut r = crate::model::binary::Reader::new(&file[4..]);
    let thawed = SearchIndex::thaw(&mut r, 4).unwrap();
    assert!(r.is_done());
    let mut index = thawed.keep_text_in(file.clone().into());
    match &index.text[..] {
        [Chunk::Shared(bytes, range)] => {
            assert_eq!(&bytes[range.clone()], &*SearchIndex::build(records).text[0]);
            assert_eq!(
                bytes.len(),
                range.end,
                "the rows after the text are let go of"
            );
            assert!(range.end < file.len());
        }
        other => panic!("one buffer shared with the file, not {other:?}"),
    }
    assert_eq!(sorted(&index), by_title(&records));

    // Edited: a title that fits where the old text was, one that does not, one removed.
    beta.title = "aardvark".into();
    index.upsert(&beta);
    named.person.as_mut().unwrap().names[0].text = "Զարուհի, a much longer name than before".into();
    index.upsert(&named);
    index.remove(&same.id);
    let records = [&beta, &blank, &named, &armenian, &alpha];
    assert_eq!(sorted(&index), by_title(&records));
    assert_eq!(
        sorted(&index)[..2],
        [blank.id, beta.id],
        "'(untitled)', then 'aardvark'"
    );
}

#[test]
fn after_the_index_rewrites_its_text_records_are_found_by_text_and_by_name_keys() {
    // Long bodies replaced by longer ones, three times: more than half the text is dead,
    // over 1 MiB.
    let mut records: Vec<Record> = (0..24)
        .map(|i| {
            let mut r = person(&[if i % 2 == 0 {
                "Գագիկ"
            } else {
                "Петросян"
            }]);
            r.body = format!("{i} ").repeat(20_000);
            r
        })
        .collect();
    let mut index = SearchIndex::build(&records);
    for _ in 0..3 {
        for r in &mut records {
            r.body.push_str("hospital ");
            index.upsert(r);
        }
    }
    assert_eq!(index.text.len(), 1, "rewritten into one buffer");
    assert!(index.dead_text * 2 < index.text_bytes());
    let find = |text: &str| {
        let found = found(&index, text);
        (found.ids.len(), found.other_spellings)
    };
    assert_eq!(find("hospital"), (24, 0));
    assert_eq!(
        find("gagik"),
        (12, 12),
        "through the keys of the Armenian names"
    );
    assert_eq!(find("petrosian hospital"), (12, 12));
}

#[test]
fn a_term_whose_key_is_under_three_letters_finds_no_other_spellings() {
    let berdzor = person(&["Գագիկ Բերձոր"]);
    let index = SearchIndex::build([&berdzor]);
    let find = |text: &str| found(&index, text).ids.len();
    assert_eq!(find("zzz"), 0, "'zzz' folds to the key 'z'");
    assert_eq!(find("ga"), 0);
    assert_eq!(find("gag"), 1, "three letters find the Armenian name");
    assert_eq!(find("berdzor"), 1);
}

/// A sort from the column's ranks gives exactly the order comparing gives, before and
/// after records change, are added or removed, and once the ranks are made again.
mod ranked {
    use super::*;
    use crate::model::{FuzzyDate, Label};
    use proptest::prelude::*;

    const COLUMNS: [SortColumn; 8] = [
        SortColumn::Kind,
        SortColumn::Title,
        SortColumn::Date,
        SortColumn::Label,
        SortColumn::Verification,
        SortColumn::Attachments,
        SortColumn::Modified,
        SortColumn::StatusDate,
    ];

    /// A record from a few small numbers, so that keys often tie (and titles share their
    /// first 16 bytes).
    fn record(n: u8) -> Record {
        let kind = RecordKind::ALL[n as usize % RecordKind::ALL.len()];
        let title = format!("a title sixteen+ {}", n % 7);
        let mut r = Record::new(kind, &title, "t");
        r.modified = jiff::Timestamp::from_second(1_700_000_000 + i64::from(n % 5)).unwrap();
        let dates = ["", "2024", "2024-05", "2024-05-01", "2023-11-30"];
        r.date = dates[n as usize % 5].parse::<FuzzyDate>().ok();
        r.label = Label::ALL[n as usize % Label::ALL.len()];
        r
    }

    /// Every live slot that `pick` keeps.
    fn some_slots(index: &SearchIndex, pick: &[bool]) -> Vec<u32> {
        (0..index.docs.len() as u32)
            .filter(|&s| index.docs[s as usize].live && pick[s as usize % pick.len()])
            .collect()
    }

    fn same_order(index: &SearchIndex, pick: &[bool], column: SortColumn, ascending: bool) {
        let slots = some_slots(index, pick);
        let (mut compared, mut ranked) = (slots.clone(), slots);
        index.sort_compared(&mut compared, column, ascending);
        index.sort_ranked(&mut ranked, column, ascending);
        assert_eq!(ranked, compared, "{column:?} ascending {ascending}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn ranks_order_as_comparing_does(
            seeds in proptest::collection::vec(any::<u8>(), 200..400),
            edits in proptest::collection::vec((any::<u16>(), any::<u8>()), 0..6),
            pick in proptest::collection::vec(any::<bool>(), 1..9),
            (column, ascending) in (0..COLUMNS.len(), any::<bool>()),
        ) {
            let mut records: Vec<Record> = seeds.iter().map(|&n| record(n)).collect();
            let mut index = SearchIndex::build(&records);
            for c in COLUMNS {
                same_order(&index, &pick, c, !ascending);
            }
            let column = COLUMNS[column];
            same_order(&index, &pick, column, ascending);
            // Changed, added and removed records: the ranks still serve, the changed
            // records compared and merged in.
            for &(at, n) in &edits {
                let at = at as usize % records.len();
                let mut changed = record(n);
                changed.id = records[at].id;
                index.upsert(&changed);
                records[at] = changed;
                match n % 4 {
                    0 => index.upsert(&record(n)),
                    1 => index.remove(&records[(at + 1) % records.len()].id),
                    _ => {}
                }
            }
            same_order(&index, &pick, column, ascending);
            same_order(&index, &pick, column, !ascending);
            // Enough changes to make the ranks again.
            let many = records.len() / 8 + 1;
            for r in records.iter_mut().take(many) {
                r.title = format!("{} again", r.title);
                r.modified = r.modified.checked_add(jiff::SignedDuration::from_secs(7)).unwrap();
                index.upsert(r);
            }
            same_order(&index, &pick, column, ascending);
        }
    }
}
