//! Ordering lists by a byte key, through the one compiled sort of `sort` (each `sort_by` over its
//! own element type would be its own copy of the standard sort, about 3.5 KB of wasm).
//!
//! A `Key` orders as the tuple of its parts would: numbers by value, texts by their UTF-8 bytes
//! (as `str` compares) with a terminator so a shorter text sorts before its extensions, and a
//! missing value before any present one.

use chrono::{Datelike, NaiveDate};

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key(Vec<u8>);

impl Key {
    pub fn new() -> Key {
        Key(Vec::new())
    }

    pub fn num(mut self, n: i64) -> Key {
        // Flipping the sign bit makes the big-endian bytes of an i64 compare as the number does.
        self.0.extend_from_slice(&((n as u64) ^ (1 << 63)).to_be_bytes());
        self
    }

    pub fn text(mut self, s: &str) -> Key {
        self.0.extend_from_slice(s.as_bytes());
        self.0.push(0);
        self
    }

    pub fn date(self, d: NaiveDate) -> Key {
        self.num(i64::from(d.num_days_from_ce()))
    }

    /// An optional text: absent before any present text, as `Option` orders.
    pub fn opt_text(mut self, s: Option<&str>) -> Key {
        match s {
            None => {
                self.0.push(0);
                self
            }
            Some(s) => {
                self.0.push(1);
                self.text(s)
            }
        }
    }
}

/// Sorts `items` by `key`; items with equal keys keep their order.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Key) {
    crate::sort::sort_by_cached_key(items, key);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_as_their_tuples() {
        let k = |n: i64, s: &str| Key::new().num(n).text(s);
        assert!(k(-5, "b") < k(3, "a"));
        assert!(k(3, "a") < k(3, "ab"));
        assert!(k(3, "ab") < k(3, "b"));
        assert!(Key::new().text("a").text("bc") < Key::new().text("ab").text("c"));
        assert!(Key::new().opt_text(None) < Key::new().opt_text(Some("")));
        assert!(Key::new().num(i64::MIN) < Key::new().num(i64::MAX));
        let d = |s: &str| Key::new().date(crate::date::parse_iso(s).unwrap());
        assert!(d("2025-12-31") < d("2026-01-01"));
        let mut v = vec![(2, "x"), (1, "b"), (2, "a"), (1, "b")];
        sort_by_key(&mut v, |(n, s)| Key::new().num(*n).text(s));
        assert_eq!(v, vec![(1, "b"), (1, "b"), (2, "a"), (2, "x")]);
        let mut same = vec![(1, 'z'), (1, 'a')];
        sort_by_key(&mut same, |(n, _)| Key::new().num(*n));
        assert_eq!(same, vec![(1, 'z'), (1, 'a')], "stable");
    }
}
