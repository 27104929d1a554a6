//! One way to keep a value until what it was computed from changes: the search results
//! for a filter, the review queue for a state of the catalogue, a share plan for a
//! recipient. The key is usually the catalogue's generation (or the log's length) with
//! the inputs the person chose.

/// A value computed from `K`, recomputed only when the key differs.
#[derive(Debug)]
pub struct Memo<K, V> {
    kept: Option<(K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { kept: None }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`, computed by `compute` unless it is the key of the kept value.
    pub fn get(&mut self, key: K, compute: impl FnOnce(&K) -> V) -> &mut V {
        if self.kept.as_ref().is_none_or(|(k, _)| *k != key) {
            let value = compute(&key);
            self.kept = Some((key, value));
        }
        match &mut self.kept {
            Some((_, value)) => value,
            None => unreachable!("a value was just kept"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_computed_again_only_when_its_key_changes() {
        let mut memo: Memo<(u64, String), usize> = Memo::default();
        let mut runs = 0;
        let mut get = |memo: &mut Memo<_, _>, g: u64, text: &str| {
            *memo.get((g, text.to_string()), |(_, t)| {
                runs += 1;
                t.len()
            })
        };
        assert_eq!(get(&mut memo, 1, "abc"), 3);
        assert_eq!(get(&mut memo, 1, "abc"), 3);
        assert_eq!(get(&mut memo, 2, "abc"), 3);
        assert_eq!(get(&mut memo, 2, "ab"), 2);
        assert_eq!(runs, 3);
    }
}
