//! Sorting with one compiled sort for every list. Each `sort_by` over its own element type or
//! closure compiles to its own copy of the standard sort (about 3.5 KB of wasm each; seventeen of
//! them were 60 KB of the page's first load). Here the standard sort runs once, over positions,
//! with the comparison behind a reference.

use std::cmp::Ordering;

/// Sorts `items` by `compare`; items that compare equal keep their order (as `sort_by`).
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

/// Sorts `items` by a key computed once for each item (as `sort_by_cached_key`).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|at| slots[at].take()));
}

/// The positions `0..len` in the order `compare` gives them, equal ones in their own order.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        let words = ["丙", "甲", "乙", "甲", "丁", "乙", "甲"];
        let mut ours: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        let mut std_sorted = ours.clone();
        sort_by(&mut ours, |a, b| a.1.cmp(b.1));
        std_sorted.sort_by(|a, b| a.1.cmp(b.1));
        assert_eq!(ours, std_sorted, "equal words keep their order");
        let mut cached: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        sort_by_cached_key(&mut cached, |w| std::cmp::Reverse(w.1));
        std_sorted.sort_by_key(|w| std::cmp::Reverse(w.1));
        assert_eq!(cached, std_sorted);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
