use super::column::{names_cell, timeline_cell};
use super::import::uncell;
use super::line::{parse_names, parse_timeline};
use super::*;
use crate::model::{EvidenceBasis, Verification};

#[test]
fn names_and_timelines_read_back_what_they_wrote() {
    let names = parse_names("Արամ Պետրոսյան (hy)*; Aram Petrosyan (hy-Latn); Арам").unwrap();
    assert_eq!(names.len(), 3);
    assert!(names[0].primary);
    assert_eq!(names[1].lang, "hy-Latn");
    assert_eq!(
        names_cell(&names),
        "Արամ Պետրոսյան (hy)*; Aram Petrosyan (hy-Latn); Арам"
    );
    let t = parse_timeline(
        "2020-10-05 missing; 2020-10-20 captured (acknowledged) [verified]; undated returned",
    )
    .unwrap();
    assert_eq!(t.len(), 3);
    assert_eq!(t[1].basis, Some(EvidenceBasis::Acknowledged));
    assert_eq!(t[1].verification, Verification::Verified);
    assert_eq!(t[2].date, None);
    assert_eq!(
        timeline_cell(&t),
        "2020-10-05 missing; 2020-10-20 captured (acknowledged) [verified]; undated returned"
    );
    assert!(
        parse_timeline("2020-10-05 kiled")
            .unwrap_err()
            .contains("kiled")
    );
}

#[test]
fn a_cell_that_looks_like_a_formula_survives_the_round_trip() {
    assert_eq!(uncell(&csv_cell("=HYPERLINK(1)")), "=HYPERLINK(1)");
    assert_eq!(uncell("'plain"), "'plain");
}

#[test]
fn columns_are_read_from_any_spelling_of_their_key_and_each_kept_once() {
    let chosen = check_columns(&[
        "Status date".into(),
        "status-date".into(),
        "names".into(),
        " ".into(),
    ])
    .unwrap();
    assert_eq!(chosen, vec![Column::StatusDate, Column::Names]);
    let err = check_columns(&["nmae".into()]).unwrap_err().to_string();
    assert!(err.contains("'nmae' is not a column") && err.contains("status_date"));
    assert!(check_columns(&[]).is_err());
    assert!(Column::Unit.is_person_only() && !Column::Place.is_person_only());
}
