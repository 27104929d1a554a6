use super::*;

/// Every key the source looks up with the `t!` macro.
fn keys_used() -> std::collections::BTreeSet<String> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut used = std::collections::BTreeSet::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // The macro, not `format!` or `print!`.
                for (at, _) in text.match_indices("t!(") {
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    // The key may be on the next line (rustfmt splits long calls).
                    let Some(rest) = text[at + 3..].trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let key = rest.split('"').next().unwrap_or("");
                    let is_key = !key.is_empty()
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if is_key {
                        used.insert(key.to_string());
                    }
                }
            }
        }
    }
    used
}

#[test]
fn every_language_has_every_key_the_code_uses_and_no_other() {
    let used = keys_used();
    assert!(used.len() > 20, "the code uses {} keys", used.len());
    for language in Language::ALL {
        let file: std::collections::BTreeSet<String> = keys(language).into_iter().collect();
        let missing: Vec<_> = used.iter().filter(|k| !file.contains(*k)).collect();
        let unused: Vec<_> = file.iter().filter(|k| !used.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "{}.ftl lacks {missing:?}",
            language.code()
        );
        assert!(
            unused.is_empty(),
            "{}.ftl has keys the code does not use: {unused:?}",
            language.code()
        );
    }
}

#[test]
fn every_file_parses_and_every_message_formats() {
    for language in Language::ALL {
        if let Err((_, errors)) = FluentResource::try_new(language.source().to_string()) {
            panic!("{}.ftl does not parse: {errors:?}", language.code());
        }
        for key in keys(language) {
            let text = text_in(language, &key, &[("count", Arg::Number(3.0))]);
            assert!(!text.contains('\u{2068}'), "no bidi isolation marks");
            assert!(
                !text.trim().is_empty(),
                "{key} is empty in {}",
                language.code()
            );
        }
    }
}

#[test]
fn plurals_follow_each_languages_rules() {
    let n =
        |language, count: f64| text_in(language, "list-count", &[("count", Arg::Number(count))]);
    assert_eq!(n(Language::English, 1.0), "1 record");
    assert_eq!(n(Language::English, 5.0), "5 records");
    assert_eq!(n(Language::Russian, 1.0), "1 запись");
    assert_eq!(n(Language::Russian, 3.0), "3 записи");
    assert_eq!(n(Language::Russian, 5.0), "5 записей");
    assert_eq!(n(Language::Russian, 21.0), "21 запись");
    assert_eq!(n(Language::Armenian, 1.0), "1 գրառում");
    assert_eq!(n(Language::Armenian, 5.0), "5 գրառում");
}

#[test]
fn a_locale_names_its_language() {
    assert_eq!(
        Language::from_locale("hy_AM.UTF-8"),
        Some(Language::Armenian)
    );
    assert_eq!(Language::from_locale("ru-RU"), Some(Language::Russian));
    assert_eq!(Language::from_locale("en_GB"), Some(Language::English));
    assert_eq!(Language::from_locale("C"), None);
    assert_eq!(Language::from_locale("fr_FR"), None);
}

#[test]
fn a_history_of_one_entry_says_one_change_and_one_entry() {
    let intro = |count: usize, entries: usize| {
        let args = [("count", Arg::from(count)), ("entries", Arg::from(entries))];
        text_in(Language::English, "history-intro", &args)
    };
    assert!(
        intro(1, 1).starts_with("1 change (1 entry in the audit log), newest first."),
        "{}",
        intro(1, 1)
    );
    assert!(intro(2, 3).starts_with("2 changes (3 entries in the audit log)"));
}
