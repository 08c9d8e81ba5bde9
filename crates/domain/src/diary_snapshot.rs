//! The diaries' index and the steps' facts, kept between sessions so that 民情日记 opens without
//! reading every diary again (`index_parts` writes them, `IndexFromParts` reads them back). The
//! store keeps beside them the seed of the read they were made from (`IndexSeed`): together they
//! stand for the chunks that read covered, and the app reads only chunks written since.
//!
//! In parts of a few megabytes, each held in memory alone while written or read. The first part
//! counts what follows: the lists are made at their size at once (growing by doubling would
//! hold a county's facts twice over while growing, and wasm memory never shrinks), and a
//! snapshot cut short is never taken for a whole one.

use crate::diary::{Diary, MatterCategory, Roles};
use crate::diary_index::{room_to_grow, DiaryIndex, Span};
use crate::diary_search::newest_first;
use crate::diary_step::{Satisfaction, StepFacts, StepKind};
use crate::record::RecordId;
use chrono::{Datelike, NaiveDate};
use dangjian_core::bin::{BinReader, BinWriter};

const DIARIES: u8 = b'D';
const TEXTS: u8 = b'T';
const STEPS: u8 = b'S';
const COUNTS: u8 = b'C';

/// Entries a part holds (about 5 MB of facts).
const DIARIES_PER_PART: usize = 50_000;
/// Steps a part holds (about 5 MB).
const STEPS_PER_PART: usize = 100_000;

/// The index and the steps, in parts handed to `emit` one at a time.
pub fn index_parts(index: &DiaryIndex, steps: &[StepFacts], emit: &mut dyn FnMut(Vec<u8>)) {
    let (diaries, spans, blocks, dead) = index.parts();
    let mut w = BinWriter::default();
    w.u8(COUNTS);
    for n in [diaries.len(), blocks.len(), steps.len(), dead] {
        w.u64(n as u64);
    }
    emit(w.into_bytes());
    // Newest first, as the list shows them: read back, the index sorts them in one pass.
    for part in newest_first(index).chunks(DIARIES_PER_PART) {
        let mut w = BinWriter::with_capacity(part.len() * 128);
        w.u8(DIARIES);
        w.len_of(part.len());
        for &i in part {
            write_diary(&mut w, &diaries[i], &spans[i]);
        }
        emit(w.into_bytes());
    }
    for block in blocks {
        let mut w = BinWriter::with_capacity(block.len() * 2 + 8);
        w.u8(TEXTS);
        w.units(block);
        emit(w.into_bytes());
    }
    for part in steps.chunks(STEPS_PER_PART) {
        let mut w = BinWriter::with_capacity(part.len() * 56);
        w.u8(STEPS);
        w.len_of(part.len());
        for s in part {
            write_step(&mut w, s);
        }
        emit(w.into_bytes());
    }
}

/// An index and steps read back from the parts `index_parts` wrote, in their order.
#[derive(Default)]
pub struct IndexFromParts {
    diaries: Vec<Diary>,
    spans: Vec<Span>,
    blocks: Vec<Vec<u16>>,
    steps: Vec<StepFacts>,
    /// From the first part: the counts, and the dead units.
    counts: Option<[u64; 4]>,
    /// Bytes of all the parts to come.
    room: usize,
}

impl IndexFromParts {
    /// To be read from parts of `bytes` bytes in all: its lists are made at their size at once.
    pub fn with_room(bytes: usize) -> IndexFromParts {
        IndexFromParts { room: bytes, ..IndexFromParts::default() }
    }

    /// Takes the next part; `None` if it is not one, is damaged, or is more than the first part
    /// counted.
    pub fn take_part(&mut self, bytes: &[u8]) -> Option<()> {
        let mut r = BinReader::new(bytes);
        let tag = r.u8()?;
        if tag == COUNTS {
            if self.counts.is_some() {
                return None;
            }
            let counts = [r.u64()?, r.u64()?, r.u64()?, r.u64()?];
            // Not more than the bytes to come could hold (`with_room`): a damaged count asks for
            // no memory.
            let [diaries, blocks, steps, _] = counts.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
            let (diaries, blocks, steps) =
                (diaries.min(self.room / 60), blocks.min(self.room / 4), steps.min(self.room / 40));
            // With room for the entries and steps saved after the index was kept.
            self.diaries.reserve_exact(diaries + room_to_grow(diaries));
            self.spans.reserve_exact(diaries + room_to_grow(diaries));
            self.blocks.reserve_exact(blocks);
            self.steps.reserve_exact(steps + room_to_grow(steps));
            self.counts = Some(counts);
            return r.is_done().then_some(());
        }
        let [diaries, blocks, steps, _] = self.counts?;
        match tag {
            DIARIES => {
                let n = r.len_of(60)?;
                if (self.diaries.len() + n) as u64 > diaries {
                    return None;
                }
                for _ in 0..n {
                    let (d, span) = read_diary(&mut r)?;
                    self.diaries.push(d);
                    self.spans.push(span);
                }
            }
            TEXTS => {
                if self.blocks.len() as u64 >= blocks {
                    return None;
                }
                let mut block = Vec::new();
                r.units_into(&mut block)?;
                self.blocks.push(block);
            }
            STEPS => {
                let n = r.len_of(40)?;
                if (self.steps.len() + n) as u64 > steps {
                    return None;
                }
                for _ in 0..n {
                    self.steps.push(read_step(&mut r)?);
                }
            }
            _ => return None,
        }
        r.is_done().then_some(())
    }

    /// Takes a part of texts as its units, read past `take_part` (`text_block_units` tells such
    /// a part by its first bytes): a county's 107 MB of texts are then copied once, not decoded.
    pub fn take_text_block(&mut self, block: Vec<u16>) -> Option<()> {
        let [_, blocks, _, _] = self.counts?;
        if self.blocks.len() as u64 >= blocks {
            return None;
        }
        self.blocks.push(block);
        Some(())
    }

    /// The index and the steps (in the order they were held), if every part came.
    pub fn finish(self) -> Option<(DiaryIndex, Vec<StepFacts>)> {
        let [diaries, blocks, steps, dead] = self.counts?;
        let counted = [self.diaries.len(), self.blocks.len(), self.steps.len()].map(|n| n as u64);
        if counted != [diaries, blocks, steps] {
            return None;
        }
        let index = DiaryIndex::from_parts(self.diaries, self.spans, self.blocks, dead as usize)?;
        Some((index, self.steps))
    }
}

/// Bytes a part of texts has before its units.
pub const TEXT_BLOCK_HEAD: usize = 5;

/// If a part's first `TEXT_BLOCK_HEAD` bytes start a part of texts: how many UTF-16 units follow
/// them, little-endian (`take_text_block`).
pub fn text_block_units(head: &[u8]) -> Option<usize> {
    let mut r = BinReader::new(head.get(..TEXT_BLOCK_HEAD)?);
    (r.u8()? == TEXTS).then_some(())?;
    r.u32().map(|n| n as usize)
}

fn write_date(w: &mut BinWriter, date: Option<NaiveDate>) {
    w.i32(date.map_or(i32::MIN, |d| d.num_days_from_ce()));
}

fn read_date(r: &mut BinReader) -> Option<Option<NaiveDate>> {
    match r.i32()? {
        i32::MIN => Some(None),
        days => NaiveDate::from_num_days_from_ce_opt(days).map(Some),
    }
}

/// One of a fixed list as its place in it plus one, none as 0.
fn write_choice<T: PartialEq>(w: &mut BinWriter, value: Option<T>, all: &[T]) {
    w.u8(value.and_then(|v| all.iter().position(|a| *a == v)).map_or(0, |i| i as u8 + 1));
}

fn read_choice<T: Copy>(r: &mut BinReader, all: &[T]) -> Option<Option<T>> {
    match r.u8()? {
        0 => Some(None),
        i => all.get(usize::from(i) - 1).copied().map(Some),
    }
}

fn read_flag(r: &mut BinReader) -> Option<bool> {
    match r.u8()? {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

fn write_diary(w: &mut BinWriter, d: &Diary, span: &Span) {
    w.key(d.id.key());
    write_date(w, d.date);
    w.opt_key(d.writer.as_ref().map(RecordId::key));
    w.opt_key(d.village.as_ref().map(RecordId::key));
    w.len_of(d.households.len());
    for h in &d.households {
        w.key(h.key());
    }
    w.u8(d.roles.bits());
    write_choice(w, d.category, &MatterCategory::ALL);
    w.u8(u8::from(d.follow_up));
    w.hlc(d.written);
    w.u32(span.block);
    w.u32(span.start);
    for len in span.lens {
        w.u32(len);
    }
}

fn read_diary(r: &mut BinReader) -> Option<(Diary, Span)> {
    let id = r.key()?.id();
    let date = read_date(r)?;
    let writer = r.opt_key()?.map(|k| k.id());
    let village = r.opt_key()?.map(|k| k.id());
    let households = (0..r.len_of(16)?).map(|_| r.key().map(|k| k.id())).collect::<Option<Vec<_>>>()?;
    let roles = Roles::from_bits(r.u8()?)?;
    let category = read_choice(r, &MatterCategory::ALL)?;
    let follow_up = read_flag(r)?;
    let written = r.hlc()?;
    let span = Span { block: r.u32()?, start: r.u32()?, lens: [r.u32()?, r.u32()?, r.u32()?, r.u32()?] };
    Some((Diary { id, date, writer, village, households, roles, category, follow_up, written }, span))
}

fn write_step(w: &mut BinWriter, s: &StepFacts) {
    w.key(s.id);
    w.opt_key(s.diary);
    write_choice(w, s.kind, &StepKind::ALL);
    write_date(w, s.date);
    write_date(w, s.deadline);
    write_choice(w, s.view, &Satisfaction::ALL);
    w.u8(u8::from(s.has_reason));
    w.hlc(s.written);
}

fn read_step(r: &mut BinReader) -> Option<StepFacts> {
    Some(StepFacts {
        id: r.key()?,
        diary: r.opt_key()?,
        kind: read_choice(r, &StepKind::ALL)?,
        date: read_date(r)?,
        deadline: read_date(r)?,
        view: read_choice(r, &Satisfaction::ALL)?,
        has_reason: read_flag(r)?,
        written: r.hlc()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::diary::{CATEGORY, DATE, FOLLOW_UP, HOUSEHOLDS, ROLES, SITUATION, VILLAGE, WRITER};
    use crate::record::{kind, Record};
    use crate::station::StationId;
    use crate::test_support::rid;
    use serde_json::json;

    fn diary(n: u8) -> Record {
        let station = StationId::from_random([1; 8]);
        let mut r = Record::new(rid(n), kind::DIARY, station);
        let t = Hlc::new(u64::from(n) * 1000, 0);
        r.set(DATE, json!(format!("2026-11-{:02}", n % 28 + 1)), t, &station);
        r.set(SITUATION, json!(format!("第{n}户反映村道积水")), t, &station);
        r.set(WRITER, json!(rid(200).to_string()), t, &station);
        r.set(VILLAGE, json!(rid(201).to_string()), t, &station);
        r.set(HOUSEHOLDS, json!([rid(202).to_string(), rid(203).to_string()]), t, &station);
        r.set(ROLES, json!(["矛盾纠纷调解员", "为民办事服务员"]), t, &station);
        r.set(CATEGORY, json!("矛盾纠纷"), t, &station);
        r.set(FOLLOW_UP, json!(n.is_multiple_of(2)), t, &station);
        r
    }

    fn step(n: u8, diary: u8) -> StepFacts {
        StepFacts {
            id: rid(n).key(),
            diary: Some(rid(diary).key()),
            kind: Some(StepKind::ALL[usize::from(n) % StepKind::ALL.len()]),
            date: NaiveDate::from_ymd_opt(2026, 11, 3),
            deadline: n.is_multiple_of(2).then(|| NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            view: n.is_multiple_of(3).then_some(Satisfaction::Dissatisfied),
            has_reason: n.is_multiple_of(5),
            written: Hlc::new(u64::from(n), 1),
        }
    }

    fn parts_of(index: &DiaryIndex, steps: &[StepFacts]) -> Vec<Vec<u8>> {
        let mut parts = Vec::new();
        index_parts(index, steps, &mut |p| parts.push(p));
        parts
    }

    fn read_back(parts: &[Vec<u8>]) -> Option<(DiaryIndex, Vec<StepFacts>)> {
        let mut from = IndexFromParts::with_room(parts.iter().map(Vec::len).sum());
        for p in parts {
            from.take_part(p)?;
        }
        from.finish()
    }

    #[test]
    fn an_index_and_its_steps_read_back_as_they_were() {
        let mut index = DiaryIndex::new();
        for n in 1..=40 {
            index.put(&diary(n));
        }
        index.remove(&rid(7));
        let steps: Vec<StepFacts> = (100..130).map(|n| step(n, n - 99)).collect();
        let parts = parts_of(&index, &steps);
        let (back, back_steps) = read_back(&parts).expect("whole");
        assert_eq!(back_steps, steps);
        // The same entries, newest first.
        let by_id = |i: &DiaryIndex| {
            let mut all = i.diaries().to_vec();
            all.sort_by(|a, b| a.id.cmp(&b.id));
            all
        };
        assert_eq!(by_id(&back), by_id(&index));
        assert_eq!(newest_first(&back), (0..back.len()).collect::<Vec<_>>());
        assert!(back.diaries().iter().any(|d| d.roles.len() == 2 && d.category.is_some() && d.households.len() == 2));
        for n in (1..=40).filter(|n| *n != 7) {
            let i = back.position(&rid(n)).unwrap();
            assert_eq!(back.texts(i), index.texts(index.position(&rid(n)).unwrap()), "texts of {n}");
        }
        assert_eq!(back.position(&rid(7)), None);
        assert_eq!(back.text_bytes(), index.text_bytes());
        // The texts taken as units, as the page copies them, give the same index.
        let mut fast = IndexFromParts::default();
        for p in &parts {
            match text_block_units(p) {
                Some(n) => {
                    let units = p[TEXT_BLOCK_HEAD..].chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]]));
                    assert_eq!(units.len(), n);
                    fast.take_text_block(units.collect()).unwrap();
                }
                None => fast.take_part(p).unwrap(),
            }
        }
        let (fast, _) = fast.finish().unwrap();
        assert_eq!(fast.texts(0), back.texts(0));
        // It goes on like the index it was: a record replaces its entry.
        let mut back = back;
        let mut changed = diary(3);
        changed.set(SITUATION, json!("已修好"), Hlc::new(99_000, 0), &StationId::from_random([1; 8]));
        back.put(&changed);
        assert_eq!(back.texts(back.position(&rid(3)).unwrap()).situation, "已修好");
    }

    #[test]
    fn a_snapshot_cut_short_or_damaged_is_refused() {
        let mut index = DiaryIndex::new();
        for n in 1..=5 {
            index.put(&diary(n));
        }
        let steps: Vec<StepFacts> = (100..104).map(|n| step(n, 1)).collect();
        let parts = parts_of(&index, &steps);
        assert!(read_back(&parts).is_some());
        for missing in 0..parts.len() {
            let mut fewer = parts.clone();
            fewer.remove(missing);
            assert!(read_back(&fewer).is_none(), "without part {missing}");
        }
        for (at, part) in parts.iter().enumerate() {
            for cut in 0..part.len() {
                let mut cut_parts = parts.clone();
                cut_parts[at].truncate(cut);
                assert!(read_back(&cut_parts).is_none(), "part {at} cut at {cut}");
            }
        }
        for at in 0..parts.len() {
            let mut twice = parts.clone();
            twice.insert(at, parts[at].clone());
            assert!(read_back(&twice).is_none(), "part {at} twice");
        }
        // Counts far past what the parts hold ask for no memory, and are refused.
        let mut huge = parts.clone();
        assert_eq!(huge[0][0], COUNTS);
        huge[0][1..].copy_from_slice(&[0xff; 32]);
        assert!(read_back(&huge).is_none());
        // A span pointing past its block.
        let mut bad = parts.clone();
        assert_eq!(bad[1][0], DIARIES);
        let last_len = bad[1].len() - 4;
        bad[1][last_len..].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read_back(&bad).is_none());
    }
}
