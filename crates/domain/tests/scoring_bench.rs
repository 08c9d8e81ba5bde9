//! 党员积分 at county scale (issue 12, point 12: 50,000 members, 200,000 diaries, a year of
//! meetings and trainings), natively:
//! `cargo test --release -p dangjian-domain --features sample --test scoring_bench -- --ignored --nocapture`.
//! Each step is printed with its budget, beside a baseline measured in the same run: one plain
//! pass over the same inputs counting every mark, attendee, visit and entry per person.
#![cfg(not(target_arch = "wasm32"))]

use dangjian_domain::diary::Diary;
use dangjian_domain::hash::IdMap;
use dangjian_domain::member::Member;
use dangjian_domain::record::{Record, RecordId};
use dangjian_domain::replica::Edit;
use dangjian_domain::sample::{roster, scoring_year, Scale};
use dangjian_domain::scoring::ledger::{member_ledger, ExemptionRecord, Ledger, PointsEntry, Source, Sources};
use dangjian_domain::scoring::meeting::{Attendance, Meeting};
use dangjian_domain::scoring::scheme::Scheme;
use dangjian_domain::training::Training;
use std::time::Instant;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("{what:<66} {ms:>9.1} ms");
    (out, ms)
}

fn budget(what: &str, ms: f64, limit: f64) {
    let verdict = if ms <= limit { "met" } else { "OVER" };
    println!("  budget {what}: {ms:.1} ms of {limit:.0} ms ({verdict})");
}

fn record(e: &Edit) -> Record {
    let Edit::Create { id, kind, fields } = e else { panic!("a creating edit") };
    Record::unstamped(id, kind, fields)
}

#[test]
#[ignore]
fn county_scale_member_points() {
    let (r, _) = timed("generate the county roster", || roster(&Scale::COUNTY, 7));
    let (year, _) = timed("generate a year of meetings, trainings, entries, exemptions", || scoring_year(&r, 7));
    let ((members, meetings, trainings, diaries, entries, exemptions), _) = timed("decode the records", || {
        (
            r.members.iter().map(|e| Member::from_record(&record(e))).collect::<Vec<_>>(),
            year.meetings.iter().map(|e| Meeting::from_record(&record(e))).collect::<Vec<_>>(),
            year.trainings.iter().map(|e| Training::from_record(&record(e))).collect::<Vec<_>>(),
            r.diaries().map(|e| Diary::from_record(&record(&e))).collect::<Vec<_>>(),
            year.entries.iter().map(|e| PointsEntry::from_record(&record(e))).collect::<Vec<_>>(),
            year.exemptions.iter().map(|e| ExemptionRecord::from_record(&record(e))).collect::<Vec<_>>(),
        )
    });
    let scheme = Scheme::from_record(&record(&year.scheme));
    let marks: usize = meetings.iter().map(|m| m.marks.len()).sum();
    println!(
        "members {}, meetings {} ({} attendance marks), trainings {}, diaries {}, entries {}, exemptions {}",
        members.len(),
        meetings.len(),
        marks,
        trainings.len(),
        diaries.len(),
        entries.len(),
        exemptions.len()
    );
    let sources = Sources {
        meetings: &meetings,
        trainings: &trainings,
        diaries: &diaries,
        entries: &entries,
        exemptions: &exemptions,
    };

    let (_, baseline) = timed("baseline: one plain pass counting per person", || {
        let mut per: IdMap<i64> = IdMap::default();
        for m in &meetings {
            for k in &m.marks {
                *per.entry(k.member.clone()).or_default() += i64::from(k.attendance == Attendance::Present);
            }
        }
        for t in &trainings {
            for p in &t.attended {
                *per.entry(p.clone()).or_default() += 2;
            }
        }
        for d in &diaries {
            if let Some(w) = &d.writer {
                *per.entry(w.clone()).or_default() += d.households.len() as i64;
            }
        }
        for e in &entries {
            if let Some(m) = &e.member {
                *per.entry(m.clone()).or_default() += e.points;
            }
        }
        per.len()
    });
    let ((mut ledger, totals), all_ms) = timed("every member's points and stars (Ledger::build + totals)", || {
        let l = Ledger::build(&scheme, &members, &[], &sources);
        let t = l.totals();
        (l, t)
    });
    let mut stars = [0usize; 6];
    for t in &totals {
        stars[t.stars.map_or(0, usize::from)] += 1;
    }
    println!(
        "  stars: not rated {}, 1★ {}, 2★ {}, 3★ {}, 4★ {}, 5★ {}",
        stars[0], stars[1], stars[2], stars[3], stars[4], stars[5]
    );

    // One new record: a branch's 主题党日 with all its members (the largest meeting), then one
    // typed entry, one diary, and an attendance corrected on an existing meeting.
    let biggest = meetings.iter().max_by_key(|m| m.marks.len()).unwrap();
    let new_meeting = Meeting { id: RecordId::from_random([0xee; 16]), ..biggest.clone() };
    let (touched, meeting_ms) = timed("update after one new meeting (put + totals it touches)", || {
        let touched = ledger.put(Source::Meeting(&new_meeting));
        touched.iter().filter_map(|m| ledger.total(m)).count()
    });
    println!("  members touched: {touched}");
    let entry = PointsEntry { id: RecordId::from_random([0xef; 16]), ..entries[0].clone() };
    let (_, entry_ms) = timed("update after one new points entry", || {
        ledger.put(Source::Entry(&entry)).iter().filter_map(|m| ledger.total(m)).count()
    });
    let diary = Diary { id: RecordId::from_random([0xf0; 16]), ..diaries[diaries.len() - 1].clone() };
    let (_, diary_ms) = timed("update after one new diary", || {
        ledger.put(Source::Diary(&diary)).iter().filter_map(|m| ledger.total(m)).count()
    });
    let mut corrected = biggest.clone();
    for k in &mut corrected.marks {
        k.attendance = Attendance::Present;
    }
    let (_, corrected_ms) = timed("update after one meeting's attendance corrected", || {
        ledger.put(Source::Meeting(&corrected)).iter().filter_map(|m| ledger.total(m)).count()
    });
    let member = &members[members.len() / 2];
    let (page, page_ms) = timed("one member's ledger page (entries read off every source)", || {
        member_ledger(&scheme, member, &[], &sources)
    });
    println!("  that member: {} entries, total {}", page.entries.len(), page.explained.total.text());
    assert_eq!(
        Some(page.explained.total),
        Ledger::build(&scheme, &members, &[], &sources).total(&member.id).map(|t| t.total)
    );

    println!();
    println!("all points and stars / baseline pass:   {:.2}x", all_ms / baseline);
    budget("every member's points and stars", all_ms, 1000.0);
    let worst_update = meeting_ms.max(entry_ms).max(diary_ms).max(corrected_ms);
    budget("update after one new record (worst of the four)", worst_update, 100.0);
    budget("one member's ledger page", page_ms, 100.0);
}
