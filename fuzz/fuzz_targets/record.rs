//! A record file as a hand editor or an attacker might leave it: it parses or gives a
//! problem with a reason, never a panic; what parses saves and parses back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(record) = dossier::model::Record::from_json(data) {
        let saved = serde_json::to_vec_pretty(&record).expect("a parsed record serialises");
        let again = dossier::model::Record::from_json(&saved).expect("a saved record parses");
        assert_eq!(
            serde_json::to_value(&record).unwrap(),
            serde_json::to_value(&again).unwrap(),
            "saving and reading back changes nothing"
        );
    }
});
