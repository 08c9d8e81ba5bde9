//! What every computed score carries so that anyone can check it (issue 12, point 8): the scheme
//! version it came from, its items, and each item's inputs — the records counted, the ballots
//! and sheets read, the entries typed — by record id. A page that shows a total can open it item
//! by item; two stations computing from the same records show the same numbers and the same ids.
//!
//! Points are whole hundredths (`Points`): averages and weights give fractions, and integers keep
//! every station's arithmetic identical (no float printing in the wasm either).

use crate::record::RecordId;

/// A score in hundredths of a point (87.25 is 8725).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub i64);

impl Points {
    pub const ZERO: Points = Points(0);

    pub fn whole(n: i64) -> Points {
        Points(n * 100)
    }

    /// `num / den` points, rounded half away from zero to a hundredth; zero for an empty whole.
    pub fn ratio(num: i64, den: i64) -> Points {
        Points(div_round(num * 100, den))
    }

    /// The whole points, rounded half away from zero.
    pub fn rounded(self) -> i64 {
        div_round(self.0, 100)
    }

    /// As people write it: `87.25`, `-3`, `60.5`.
    pub fn text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, frac) = (self.0.abs() / 100, self.0.abs() % 100);
        match frac {
            0 => format!("{sign}{whole}"),
            f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
            f => format!("{sign}{whole}.{f:02}"),
        }
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0 - o.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        Points(iter.map(|p| p.0).sum())
    }
}

/// `num / den` rounded half away from zero; 0 when `den` is 0. The one rounding every score uses.
pub fn div_round(num: i64, den: i64) -> i64 {
    if den == 0 {
        return 0;
    }
    let (n, d) = (num.unsigned_abs() as i128, den.unsigned_abs() as i128);
    let q = ((2 * n + d) / (2 * d)) as i64;
    if (num < 0) != (den < 0) {
        -q
    } else {
        q
    }
}

/// The scheme version a result came from: the record and its version number, so a result computed
/// years later names the rules it was computed by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SchemeRef {
    pub id: RecordId,
    pub version: u32,
}

/// What went into one item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Records counted from the station's data (meetings, trainings, diaries, commitments…):
    /// what was counted, in Chinese, and the records, in id order.
    Counted { what: String, ids: Vec<RecordId> },
    /// Ballots or score sheets read (anonymous records), in id order; `dropped` are the ones
    /// a trimmed mean left out.
    Sheets { ids: Vec<RecordId>, dropped: Vec<RecordId> },
    /// Entries typed by a person (points entries, a rating's item, a tally), in id order.
    Typed { ids: Vec<RecordId> },
}

/// One item of a score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemScore {
    /// The item's id in the scheme.
    pub item: String,
    pub label: String,
    pub points: Points,
    /// The item's cap or floor changed what its inputs gave (the uncapped sum).
    pub limited_from: Option<Points>,
    pub inputs: Vec<Input>,
}

/// A total with its items and the scheme version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub scheme: SchemeRef,
    pub items: Vec<ItemScore>,
    pub total: Points,
}

/// A result that an import changed (point 10): shown as changed, with before and after, rather
/// than silently replaced. `V` is what is compared: a total, or a result as shown (`seen`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed<K, V = Points> {
    pub key: K,
    pub before: Option<V>,
    pub after: Option<V>,
}

/// The results that differ between two computations, keyed alike (a member, a cadre, a branch);
/// both lists in any order, each key once; the answer in key order.
pub fn changed_totals<K: Ord + Clone, V: PartialEq + Clone>(before: &[(K, V)], after: &[(K, V)]) -> Vec<Changed<K, V>> {
    let (before, after) = (by_key(before), by_key(after));
    let (mut b, mut a) = (before.into_iter().peekable(), after.into_iter().peekable());
    let mut out = Vec::new();
    loop {
        let order = match (b.peek(), a.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => x.0.cmp(&y.0),
        };
        let (was, now) = match order {
            std::cmp::Ordering::Less => (b.next(), None),
            std::cmp::Ordering::Greater => (None, a.next()),
            std::cmp::Ordering::Equal => (b.next(), a.next()),
        };
        let key = was.or(now).map(|(k, _)| k.clone()).expect("one side has the key");
        let (before, after) = (was.map(|(_, v)| v.clone()), now.map(|(_, v)| v.clone()));
        if before != after {
            out.push(Changed { key, before, after });
        }
    }
    out
}

fn by_key<K: Ord, V>(list: &[(K, V)]) -> Vec<&(K, V)> {
    let mut refs: Vec<&(K, V)> = list.iter().collect();
    crate::sort::sort_by(&mut refs, |a, b| a.0.cmp(&b.0));
    refs
}

/// A share in ‰ as the app writes percentages (`stats::Share`: 200 is "20.0%").
pub fn permille_text(p: u32) -> String {
    crate::stats::Share { count: p as usize, total: 1000 }.to_string()
}

/// Rankings (by branch, village, cadre): highest total first, equal totals sharing a rank (1, 2,
/// 2, 4), then by record id so every station lists them alike.
pub fn ranked<T>(mut items: Vec<T>, key: impl Fn(&T) -> (Points, &RecordId)) -> Vec<(usize, T)> {
    crate::sort::sort_by(&mut items, |a, b| {
        let ((ta, ia), (tb, ib)) = (key(a), key(b));
        tb.cmp(&ta).then_with(|| ia.cmp(ib))
    });
    let mut out: Vec<(usize, T)> = Vec::with_capacity(items.len());
    for (i, t) in items.into_iter().enumerate() {
        let rank = match out.last() {
            Some((r, prev)) if key(prev).0 == key(&t).0 => *r,
            _ => i + 1,
        };
        out.push((rank, t));
    }
    out
}

/// Ids in id order, each once: how every `Input` lists its records, so equal inputs compare equal
/// whatever order the records arrived in.
pub fn sorted_ids(mut ids: Vec<RecordId>) -> Vec<RecordId> {
    crate::sort::sort_by(&mut ids, |a, b| a.cmp(b));
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_round_half_away_from_zero_and_print_without_floats() {
        assert_eq!(Points::ratio(2, 3), Points(67));
        assert_eq!(Points::ratio(-2, 3), Points(-67));
        assert_eq!(Points::ratio(1, 8), Points(13), "12.5 hundredths round up");
        assert_eq!(Points::ratio(5, 0), Points::ZERO);
        assert_eq!(Points(8725).text(), "87.25");
        assert_eq!(Points(6050).text(), "60.5");
        assert_eq!(Points(-300).text(), "-3");
        assert_eq!(Points(5).text(), "0.05");
        assert_eq!(Points(8750).rounded(), 88);
        assert_eq!(div_round(7, 2), 4);
        assert_eq!(div_round(-7, 2), -4);
    }

    #[test]
    fn equal_totals_share_a_rank() {
        let id = |n: u8| RecordId::from_random([n; 16]);
        let rows = vec![(id(3), Points(500)), (id(1), Points(900)), (id(4), Points(900)), (id(2), Points(100))];
        let r: Vec<(usize, u8)> = ranked(rows, |(i, p)| (*p, i))
            .into_iter()
            .map(|(rank, (i, _))| (rank, [1, 2, 3, 4].into_iter().find(|n| id(*n) == i).unwrap()))
            .collect();
        assert_eq!(r, [(1, 1), (1, 4), (3, 3), (4, 2)]);
    }

    #[test]
    fn only_changed_totals_are_listed() {
        let before = [("甲", Points(100)), ("乙", Points(200)), ("丙", Points(1))];
        let after = [("乙", Points(250)), ("甲", Points(100)), ("丁", Points(5))];
        let c = changed_totals(&before, &after);
        assert_eq!(
            c,
            vec![
                Changed { key: "丁", before: None, after: Some(Points(5)) },
                Changed { key: "丙", before: Some(Points(1)), after: None },
                Changed { key: "乙", before: Some(Points(200)), after: Some(Points(250)) },
            ]
        );
    }
}
