//! Possible duplicate persons: the same name in any script (Armenian, Russian, Latin
//! transliterations) and the same or a close date of birth.
//!
//! Every name is transliterated to a plain Latin key (`Պետրոսյան`, `Петросян` and
//! `Petrosian` all become `petrosian`), then the names of two persons are compared word by
//! word, in any order. Only persons who share the first letters of some word are compared,
//! so the work grows with the catalogue, not with its square.

use std::collections::{BTreeSet, HashMap};

use crate::model::{FuzzyDate, Person, Record, RecordId};

/// How alike two names must be (0 to 1) to be suggested.
pub const THRESHOLD: f64 = 0.86;

/// Two persons who may be one.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicatePair {
    pub a: RecordId,
    pub b: RecordId,
    /// How alike the closest names are, 0 to 1.
    pub score: f64,
    /// The two names that matched.
    pub names: (String, String),
    /// Why they are suggested, for people.
    pub reason: String,
}

/// The possible duplicates among `records`, most alike first. Pairs marked as different
/// persons (`distinct_from`) are left out.
pub fn find_duplicates(records: &[Record]) -> Vec<DuplicatePair> {
    struct Candidate<'a> {
        record: &'a Record,
        person: &'a Person,
        /// Per name: its text and its words' keys.
        names: Vec<(&'a str, Vec<String>)>,
    }
    let candidates: Vec<Candidate> = records
        .iter()
        .filter(|r| r.trashed.is_none())
        .filter_map(|r| {
            let person = r.person.as_ref()?;
            let mut names: Vec<(&str, Vec<String>)> = person
                .names
                .iter()
                .map(|n| (n.text.as_str(), words(&n.text)))
                .collect();
            if names.is_empty() && !r.title.trim().is_empty() {
                names.push((r.title.as_str(), words(&r.title)));
            }
            names.retain(|(_, w)| !w.is_empty());
            (!names.is_empty()).then_some(Candidate {
                record: r,
                person,
                names,
            })
        })
        .collect();
    // Block on the first three letters of every word.
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let keys: BTreeSet<String> = c
            .names
            .iter()
            .flat_map(|(_, w)| w.iter())
            .filter(|w| w.chars().count() >= 3)
            .map(|w| w.chars().take(3).collect())
            .collect();
        for k in keys {
            blocks.entry(k).or_default().push(i);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for members in blocks.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut found = Vec::new();
    for (i, j) in pairs {
        let (a, b) = (&candidates[i], &candidates[j]);
        if a.person.distinct_from.contains(&b.record.id)
            || b.person.distinct_from.contains(&a.record.id)
        {
            continue;
        }
        let mut best: Option<(f64, &str, &str)> = None;
        for (ta, wa) in &a.names {
            for (tb, wb) in &b.names {
                let s = name_similarity(wa, wb);
                if best.is_none_or(|(bs, _, _)| s > bs) {
                    best = Some((s, ta, tb));
                }
            }
        }
        let Some((score, na, nb)) = best else {
            continue;
        };
        if score < THRESHOLD {
            continue;
        }
        let births = match (&a.person.birth, &b.person.birth) {
            (Some(x), Some(y)) if births_close(x, y) => {
                if x == y {
                    format!("both born {x}")
                } else {
                    format!("born {x} and {y}")
                }
            }
            (Some(_), Some(_)) => continue,
            (Some(x), None) | (None, Some(x)) => {
                format!("one born {x}, the other's birth date unknown")
            }
            (None, None) => "birth dates unknown".to_string(),
        };
        let how = if score >= 0.999 {
            "the same name"
        } else {
            "alike names"
        };
        found.push(DuplicatePair {
            a: a.record.id,
            b: b.record.id,
            score,
            names: (na.to_string(), nb.to_string()),
            reason: format!("{how} ('{na}' and '{nb}'), {births}"),
        });
    }
    found.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.a.cmp(&y.a)));
    found
}

/// Births at most about a year apart (or overlapping, for partial dates).
fn births_close(a: &FuzzyDate, b: &FuzzyDate) -> bool {
    let gap = if a.latest() < b.earliest() {
        (b.earliest() - a.latest()).get_days()
    } else if b.latest() < a.earliest() {
        (a.earliest() - b.latest()).get_days()
    } else {
        0
    };
    gap.abs() <= 366
}

/// How alike two names are, 0 to 1: each word of the shorter name is paired with its
/// closest word in the other (order does not matter: "Petrosyan Aram" is "Aram Petrosyan");
/// a one-word name never counts as a match (too many people share a first name).
fn name_similarity(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 2 {
        return 0.0;
    }
    let total: f64 = short
        .iter()
        .map(|w| {
            long.iter()
                .map(|v| strsim::normalized_levenshtein(w, v))
                .fold(0.0, f64::max)
        })
        .sum();
    total / short.len() as f64
}

/// The keys of a name's words.
pub fn words(name: &str) -> Vec<String> {
    name_key(name)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A name as plain lower-case Latin, the same for its Armenian, Russian and Latin forms:
/// transliterated, with `y` and `i`, doubled letters and word-initial `ye`/`vo` folded.
pub fn name_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut latin = String::with_capacity(lower.len());
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at_word_start = i == 0 || !chars[i - 1].is_alphabetic();
        // Armenian ու is one sound, u.
        if c == 'ո' && chars.get(i + 1) == Some(&'ւ') {
            latin.push('u');
            i += 2;
            continue;
        }
        match c {
            // Word-initial ե and ո are said ye and vo; the Latin spellings vary, so drop them.
            'ե' if at_word_start => latin.push('e'),
            'ո' if at_word_start => latin.push('o'),
            _ => latin.push_str(transliterate(c)),
        }
        i += 1;
    }
    let mut key = String::with_capacity(latin.len());
    for word in latin.split(|c: char| !c.is_ascii_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        let mut w = word.replace('y', "i").replace("ph", "p").replace("th", "t");
        for (from, to) in [("ye", "e"), ("ie", "e"), ("vo", "o")] {
            if w.starts_with(from) && w.len() > 3 {
                w = format!("{to}{}", &w[from.len()..]);
            }
        }
        // "Petrossian" is "Petrosian".
        let mut folded = String::with_capacity(w.len());
        for ch in w.chars() {
            if !folded.ends_with(ch) {
                folded.push(ch);
            }
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&folded);
    }
    key
}

/// One lower-case letter in Latin letters: Armenian (Eastern), Russian Cyrillic and the
/// Latin letters with marks used in Azerbaijani and transliterations.
fn transliterate(c: char) -> &'static str {
    match c {
        // Armenian
        'ա' => "a",
        'բ' => "b",
        'գ' => "g",
        'դ' => "d",
        'ե' => "e",
        'զ' => "z",
        'է' => "e",
        'ը' => "",
        'թ' => "t",
        'ժ' => "zh",
        'ի' => "i",
        'լ' => "l",
        'խ' => "kh",
        'ծ' => "ts",
        'կ' => "k",
        'հ' => "h",
        'ձ' => "dz",
        'ղ' => "gh",
        'ճ' => "ch",
        'մ' => "m",
        'յ' => "y",
        'ն' => "n",
        'շ' => "sh",
        'ո' => "o",
        'չ' => "ch",
        'պ' => "p",
        'ջ' => "j",
        'ռ' => "r",
        'ս' => "s",
        'վ' => "v",
        'տ' => "t",
        'ր' => "r",
        'ց' => "ts",
        'ւ' => "v",
        'փ' => "p",
        'ք' => "k",
        'և' => "ev",
        'օ' => "o",
        'ֆ' => "f",
        // Russian
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        // Latin with marks
        'ə' | 'é' | 'è' | 'ê' | 'ë' => "e",
        'ş' | 'š' => "sh",
        'ç' | 'č' => "ch",
        'ğ' => "gh",
        'ı' | 'í' | 'ì' | 'î' | 'ï' => "i",
        'ö' | 'ó' | 'ò' | 'ô' => "o",
        'ü' | 'ú' | 'ù' | 'û' => "u",
        'á' | 'à' | 'â' | 'ä' => "a",
        'ž' => "zh",
        'x' => "kh",
        _ => {
            if c.is_ascii_alphabetic() {
                // Every ASCII letter maps to itself; a static table keeps the return type.
                const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
                let i = (c as u8 - b'a') as usize;
                &LETTERS[i..i + 1]
            } else if c.is_alphabetic() {
                ""
            } else {
                " "
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonName, RecordKind};

    fn person(names: &[&str], birth: Option<&str>) -> Record {
        let mut r = Record::new(RecordKind::Person, "", "t");
        let p = r.person.as_mut().unwrap();
        p.names = names
            .iter()
            .map(|n| PersonName {
                text: n.to_string(),
                ..PersonName::default()
            })
            .collect();
        p.birth = birth.map(|b| b.parse().unwrap());
        r
    }

    #[test]
    fn one_name_in_three_scripts_has_one_key() {
        assert_eq!(name_key("Արամ Պետրոսյան"), "aram petrosian");
        assert_eq!(name_key("Арам Петросян"), "aram petrosian");
        assert_eq!(name_key("Aram Petrossian"), "aram petrosian");
        assert_eq!(name_key("Եղիշե Ոսկանյան"), name_key("Yeghishe Voskanyan"));
        assert_eq!(name_key("Գուրգեն"), "gurgen");
    }

    #[test]
    fn an_armenian_and_a_latin_record_of_one_person_are_suggested() {
        let records = vec![
            person(&["Արամ Պետրոսյան"], Some("1998-03-14")),
            person(&["Aram Petrosyan"], Some("1998")),
            person(&["Aram Sargsyan"], Some("1998-03-14")),
            person(&["Արամ Պետրոսյան"], Some("1960")),
        ];
        let found = find_duplicates(&records);
        assert_eq!(found.len(), 1, "{found:?}");
        let pair = &found[0];
        let ids: BTreeSet<_> = [pair.a, pair.b].into();
        assert_eq!(ids, [records[0].id, records[1].id].into());
        assert!(pair.reason.contains("born"), "{}", pair.reason);
    }

    #[test]
    fn word_order_and_unknown_births_still_match_but_first_names_alone_do_not() {
        let records = vec![
            person(&["Петросян Арам"], None),
            person(&["Aram Petrosyan"], None),
            person(&["Aram"], None),
        ];
        let found = find_duplicates(&records);
        assert_eq!(found.len(), 1);
        assert!(found[0].reason.contains("unknown"));
    }

    #[test]
    fn persons_marked_distinct_are_not_suggested_again() {
        let mut records = vec![
            person(&["Aram Petrosyan"], None),
            person(&["Aram Petrosyan"], None),
        ];
        let other = records[1].id;
        records[0]
            .person
            .as_mut()
            .unwrap()
            .distinct_from
            .push(other);
        assert!(find_duplicates(&records).is_empty());
    }
}
