use super::records::plan_records;
use crate::model::{Label, Record, RecordKind};

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
