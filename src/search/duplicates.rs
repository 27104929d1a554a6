//! Possible duplicate persons: the same name in any script (Armenian, Russian, Latin
//! transliterations) and the same or a close date of birth.
//!
//! Every name is transliterated to a plain Latin key (`Պետրոսյան`, `Петросян` and
//! `Petrosian` all become `petrosian`), then the names of two persons are compared word by
//! word, in any order. Only persons who share the first letters of some word are compared,
//! so the work grows with the catalogue, not with its square.

use std::collections::{BTreeSet, HashMap};

use crate::model::{FuzzyDate, Record, RecordId};

/// How alike two names must be (0 to 1) to be suggested.
pub const THRESHOLD: f64 = 0.86;

/// Two persons who may be one.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicatePair {
    /// One of the two records.
    pub a: RecordId,
    /// The other.
    pub b: RecordId,
    /// How alike the closest names are, 0 to 1.
    pub score: f64,
    /// The two names that matched.
    pub names: (String, String),
    /// Why they are suggested, for people.
    pub reason: String,
}

/// What finding duplicates needs of one person, owned so the search can run on another
/// thread while the catalogue goes on being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonNames {
    /// The person's record.
    pub id: RecordId,
    /// The person's names (the title when there are none).
    pub names: Vec<String>,
    /// The date of birth, when known.
    pub birth: Option<FuzzyDate>,
    /// Records a person has said are not this one.
    pub distinct_from: Vec<RecordId>,
}

impl PersonNames {
    /// The persons among `records` (not in the trash) who have a name.
    pub fn of(records: &[Record]) -> Vec<PersonNames> {
        records
            .iter()
            .filter(|r| r.trashed.is_none())
            .filter_map(|r| {
                let person = r.person.as_ref()?;
                let mut names: Vec<String> = person.names.iter().map(|n| n.text.clone()).collect();
                if names.is_empty() && !r.title.trim().is_empty() {
                    names.push(r.title.clone());
                }
                (!names.is_empty()).then(|| PersonNames {
                    id: r.id,
                    names,
                    birth: person.birth,
                    distinct_from: person.distinct_from.clone(),
                })
            })
            .collect()
    }
}

/// The possible duplicates among `records`, most alike first. Pairs marked as different
/// persons (`distinct_from`) are left out.
pub fn find_duplicates(records: &[Record]) -> Vec<DuplicatePair> {
    find_among(&PersonNames::of(records))
}

/// The possible duplicates among `persons`, most alike first.
///
/// Only persons who share the first three letters of two words of one name (first name
/// and surname, in any order) are compared, and among those only persons born within
/// about a year of each other (or with an unknown birth), so the work grows with the
/// number of namesakes, not with the square of the catalogue. A misspelling in the first
/// three letters of a word is therefore not found.
pub fn find_among(persons: &[PersonNames]) -> Vec<DuplicatePair> {
    let mut candidates = candidates(persons);
    let blocks = assign_blocks(&mut candidates);
    let mut found = Vec::new();
    for (block, members) in blocks.iter().enumerate() {
        let block = block as u32;
        for_pairs_born_near(&candidates, members, |i, j| {
            // The one earlier in the catalogue first, whatever order the block met them in.
            let (a, b) = (&candidates[i.min(j)], &candidates[i.max(j)]);
            if !first_shared(&a.blocks, &b.blocks, block) {
                return;
            }
            if let Some(pair) = judge_pair(a.person, &a.names, b.person, &b.names) {
                found.push(pair);
            }
        });
    }
    found.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    found
}

/// A person who may be compared: one with a name of two words or more.
struct Candidate<'a> {
    person: &'a PersonNames,
    /// Per name: its text and its words' keys.
    names: Vec<(&'a str, Vec<String>)>,
    /// The blocks this person is in, sorted.
    blocks: Vec<u32>,
}

fn candidates(persons: &[PersonNames]) -> Vec<Candidate<'_>> {
    persons
        .iter()
        .filter_map(|p| {
            let names: Vec<(&str, Vec<String>)> = p
                .names
                .iter()
                .map(|n| (n.as_str(), words(n)))
                // A one-word name never matches (see name_similarity).
                .filter(|(_, w)| w.len() >= 2)
                .collect();
            (!names.is_empty()).then_some(Candidate {
                person: p,
                names,
                blocks: Vec::new(),
            })
        })
        .collect()
}

/// Puts each candidate in a block per pair of word beginnings that occur together in one
/// of their names; returns the members of each block.
fn assign_blocks(candidates: &mut [Candidate]) -> Vec<Vec<usize>> {
    let mut block_ids: HashMap<String, u32> = HashMap::new();
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for (i, c) in candidates.iter_mut().enumerate() {
        let mut keys = BTreeSet::new();
        for (_, w) in &c.names {
            let starts: Vec<String> = w.iter().map(|w| w.chars().take(3).collect()).collect();
            for x in 0..starts.len() {
                for y in x + 1..starts.len() {
                    let (a, b) = if starts[x] <= starts[y] {
                        (&starts[x], &starts[y])
                    } else {
                        (&starts[y], &starts[x])
                    };
                    keys.insert(format!("{a} {b}"));
                }
            }
        }
        for key in keys {
            let next = block_ids.len() as u32;
            let id = *block_ids.entry(key).or_insert(next);
            if id as usize == blocks.len() {
                blocks.push(Vec::new());
            }
            blocks[id as usize].push(i);
            c.blocks.push(id);
        }
        c.blocks.sort_unstable();
    }
    blocks
}

/// Whether `block` is the first block two persons share (so each pair is judged once).
fn first_shared(a: &[u32], b: &[u32], block: u32) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return a[i] == block,
        }
    }
    false
}

/// Calls `judge` for each pair of a block's members worth comparing: a person with an
/// unknown birth with everyone, a known birth with those born within about a year.
fn for_pairs_born_near(
    candidates: &[Candidate],
    members: &[usize],
    mut judge: impl FnMut(usize, usize),
) {
    let birth = |i: usize| candidates[i].person.birth;
    let (unknown, mut known): (Vec<usize>, Vec<usize>) =
        members.iter().partition(|&&i| birth(i).is_none());
    known.sort_by_key(|&i| birth(i).map(|d| d.earliest()));
    for (x, &i) in unknown.iter().enumerate() {
        for &j in unknown[x + 1..].iter().chain(&known) {
            judge(i, j);
        }
    }
    for (x, &i) in known.iter().enumerate() {
        let Some(born) = birth(i) else {
            continue;
        };
        let horizon = born
            .latest()
            .checked_add(jiff::Span::new().days(366))
            .unwrap_or(jiff::civil::Date::MAX);
        for &j in &known[x + 1..] {
            if birth(j).is_some_and(|d| d.earliest() > horizon) {
                break;
            }
            judge(i, j);
        }
    }
}

/// Whether two persons may be one, and why.
fn judge_pair(
    a: &PersonNames,
    a_names: &[(&str, Vec<String>)],
    b: &PersonNames,
    b_names: &[(&str, Vec<String>)],
) -> Option<DuplicatePair> {
    if a.distinct_from.contains(&b.id) || b.distinct_from.contains(&a.id) {
        return None;
    }
    let mut best: Option<(f64, &str, &str)> = None;
    for (ta, wa) in a_names {
        for (tb, wb) in b_names {
            let s = name_similarity(wa, wb);
            if best.is_none_or(|(bs, _, _)| s > bs) {
                best = Some((s, ta, tb));
            }
        }
    }
    let (score, na, nb) = best?;
    if score < THRESHOLD {
        return None;
    }
    let births = match (&a.birth, &b.birth) {
        (Some(x), Some(y)) if births_close(x, y) => {
            if x == y {
                format!("both born {x}")
            } else {
                format!("born {x} and {y}")
            }
        }
        (Some(_), Some(_)) => return None,
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
    Some(DuplicatePair {
        a: a.id,
        b: b.id,
        score,
        names: (na.to_string(), nb.to_string()),
        reason: format!("{how} ('{na}' and '{nb}'), {births}"),
    })
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
// shape: table (one letter per line)
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
    fn namesakes_born_years_apart_are_not_compared_and_each_pair_is_found_once() {
        // Three-word names share three blocks; the pair must still come once.
        let mut records: Vec<Record> = (0..400)
            .map(|i| {
                let year = 1950 + (i % 50);
                person(&["Aram Hovhannesi Petrosyan"], Some(&year.to_string()))
            })
            .collect();
        records.push(person(&["Արամ Պետրոսյան"], Some("9999-12-31")));
        let found = find_duplicates(&records);
        // Every pair whose births are close, as comparing all pairs finds them.
        let births: Vec<FuzzyDate> = records[..400]
            .iter()
            .map(|r| r.person.as_ref().unwrap().birth.unwrap())
            .collect();
        let all_pairs = (0..400)
            .flat_map(|i| (i + 1..400).map(move |j| (i, j)))
            .filter(|&(i, j)| births_close(&births[i], &births[j]))
            .count();
        assert_eq!(found.len(), all_pairs);
        assert!(all_pairs > 4000 && all_pairs < 10000, "{all_pairs}");
        let unique: BTreeSet<_> = found.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(unique.len(), found.len());
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
