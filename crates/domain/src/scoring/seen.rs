//! A result an import changed is shown as changed, not silently replaced (issue 12, point 10).
//! A page notes the results it shows (`SeenResults`) with how many imports the station had taken
//! by then. Shown again after another import, the results that differ are listed with before and
//! after until the user says they have seen them (`SeenNow::Changed`, then `noted`). Between
//! imports the station's own saves change results quietly: the person saving watches them change.

use super::explain::{changed_totals, Changed};
use serde::{Deserialize, Serialize};

/// One result as a page showed it: whose (a record id), their name then, and the result in words
/// (a total and stars, a grade, a rate).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenRow {
    pub key: String,
    pub name: String,
    pub result: String,
}

/// The results a page last showed, and the imports taken by then.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenResults {
    pub imports: u64,
    pub rows: Vec<SeenRow>,
}

/// A changed result, named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedRow {
    pub name: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a page does with the results it shows now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeenNow {
    /// Nothing to point out; keep these as seen (the first showing, or only this station's own
    /// saves, or an import that changed nothing here).
    Note(SeenResults),
    /// As noted already.
    Same,
    /// An import since the last showing changed these (in key order).
    Changed(Vec<ChangedRow>),
}

/// The results as noted once seen (a page's "知道了").
pub fn noted(rows: Vec<SeenRow>, imports: u64) -> SeenResults {
    SeenResults { imports, rows }
}

/// Compares what a page shows now with what it noted (`seen`), `imports` being the imports taken
/// so far.
pub fn compare(seen: Option<&SeenResults>, now: Vec<SeenRow>, imports: u64) -> SeenNow {
    let Some(seen) = seen else { return SeenNow::Note(noted(now, imports)) };
    let pairs = |rows: &[SeenRow]| rows.iter().map(|r| (r.key.clone(), r.result.clone())).collect::<Vec<_>>();
    let changed: Vec<Changed<String, String>> = changed_totals(&pairs(&seen.rows), &pairs(&now));
    if changed.is_empty() {
        return if seen.imports == imports && seen.rows == now {
            SeenNow::Same
        } else {
            SeenNow::Note(noted(now, imports))
        };
    }
    if seen.imports == imports {
        return SeenNow::Note(noted(now, imports));
    }
    let name =
        |key: &str| now.iter().chain(&seen.rows).find(|r| r.key == key).map(|r| r.name.clone()).unwrap_or_default();
    SeenNow::Changed(
        changed.into_iter().map(|c| ChangedRow { name: name(&c.key), before: c.before, after: c.after }).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, name: &str, result: &str) -> SeenRow {
        SeenRow { key: key.into(), name: name.into(), result: result.into() }
    }

    #[test]
    fn the_first_showing_and_own_saves_are_noted_quietly() {
        let first = vec![row("a", "张三", "85.00 ★★★★")];
        assert_eq!(compare(None, first.clone(), 0), SeenNow::Note(noted(first.clone(), 0)));
        let seen = noted(first.clone(), 0);
        assert_eq!(compare(Some(&seen), first.clone(), 0), SeenNow::Same);
        // A save here, no import between: the person saving sees it change.
        let saved = vec![row("a", "张三", "87.00 ★★★★")];
        assert_eq!(compare(Some(&seen), saved.clone(), 0), SeenNow::Note(noted(saved, 0)));
    }

    #[test]
    fn after_an_import_the_changed_results_are_listed_with_before_and_after() {
        let seen = noted(vec![row("a", "张三", "85.00"), row("b", "李四", "70.00"), row("c", "王五", "60.00")], 2);
        let now = vec![row("b", "李四", "72.50"), row("a", "张三", "85.00"), row("d", "赵六", "61.00")];
        let SeenNow::Changed(rows) = compare(Some(&seen), now.clone(), 3) else { panic!("changed") };
        assert_eq!(
            rows,
            vec![
                ChangedRow { name: "李四".into(), before: Some("70.00".into()), after: Some("72.50".into()) },
                ChangedRow { name: "王五".into(), before: Some("60.00".into()), after: None },
                ChangedRow { name: "赵六".into(), before: None, after: Some("61.00".into()) },
            ]
        );
        // Until noted: then the same results after the same imports are as seen.
        assert_eq!(compare(Some(&noted(now.clone(), 3)), now, 3), SeenNow::Same);
    }

    #[test]
    fn an_import_that_changed_nothing_here_only_moves_the_mark() {
        let rows = vec![row("a", "张三", "85.00")];
        let seen = noted(rows.clone(), 1);
        assert_eq!(compare(Some(&seen), rows.clone(), 2), SeenNow::Note(noted(rows, 2)));
    }
}
