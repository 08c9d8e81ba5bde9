//! The diaries' index and the steps' facts, kept between sessions so that 民情日记 opens without
//! reading every diary again (`index_parts` writes them, `IndexFromParts` reads them back). The
//! store keeps beside them the seed of the read they were made from (`IndexSeed`): together they
//! stand for the chunks that read covered, and the app reads only chunks written since.
//!
//! In parts of a few megabytes, each held in memory alone while written or read. The first part
//! counts what follows: the lists are made at their size at once (growing by doubling would
//! hold a county's facts twice over while growing, and wasm memory never shrinks), and a
//! snapshot cut short is never taken for a whole one.
//!
//! The texts come last, laid out anew newest first (`TextLayout`): the first block holds the
//! texts of the entries the list shows first, so 民情日记 can draw its first screen from the facts
//! and that block, and read the other blocks (most of the bytes) after it.

use crate::diary::{Diary, MatterCategory, Roles};
use crate::diary_index::{room_to_grow, DiaryIndex, Span, BLOCK};
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

/// Where the texts go when kept: entry after entry, in blocks of `BLOCK` units (more for one
/// entry that needs more), as the arena fills its blocks.
#[derive(Default)]
struct TextLayout {
    /// The length of each block, the last still filling.
    lengths: Vec<u32>,
}

impl TextLayout {
    /// Places `len` more units: the block and where in it.
    fn place(&mut self, len: usize) -> (u32, u32) {
        match self.lengths.last_mut() {
            Some(used) if *used == 0 || *used as usize + len <= BLOCK => {
                let start = *used;
                *used += len as u32;
                (self.lengths.len() as u32 - 1, start)
            }
            _ => {
                self.lengths.push(len as u32);
                (self.lengths.len() as u32 - 1, 0)
            }
        }
    }
}

/// The index and the steps, in parts handed to `emit` one at a time: the counts, the facts, the
/// steps, then the blocks of texts. Nothing if some texts are still to come
/// (`DiaryIndex::texts_ready`): such an index is not kept.
pub fn index_parts(index: &DiaryIndex, steps: &[StepFacts], emit: &mut dyn FnMut(Vec<u8>)) {
    if !index.texts_ready() {
        return;
    }
    let (diaries, spans) = index.parts();
    // Newest first, as the list shows them: read back, the index sorts them in one pass, and the
    // first block of texts holds those of the first screen.
    let order = newest_first(index);
    let mut layout = TextLayout::default();
    for &i in &order {
        layout.place(spans[i].len());
    }
    let mut w = BinWriter::default();
    w.u8(COUNTS);
    for n in [diaries.len(), steps.len()] {
        w.u64(n as u64);
    }
    w.len_of(layout.lengths.len());
    for &len in &layout.lengths {
        w.u32(len);
    }
    emit(w.into_bytes());
    let mut placed = TextLayout::default();
    for part in order.chunks(DIARIES_PER_PART) {
        let mut w = BinWriter::with_capacity(part.len() * 128);
        w.u8(DIARIES);
        w.len_of(part.len());
        for &i in part {
            let (block, start) = placed.place(spans[i].len());
            write_diary(&mut w, &diaries[i], &Span { block, start, lens: spans[i].lens });
        }
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
    let mut placed = TextLayout::default();
    let mut filling = 0;
    let mut block: Vec<u16> = Vec::with_capacity(BLOCK);
    for &i in &order {
        // Every entry's texts are here (`texts_ready` above).
        let units = index.text_units(i).unwrap_or_default();
        let (at, _) = placed.place(units.len());
        if at != filling {
            emit(text_part(&block));
            block.clear();
            filling = at;
        }
        block.extend_from_slice(units);
    }
    if !placed.lengths.is_empty() {
        emit(text_part(&block));
    }
}

fn text_part(units: &[u16]) -> Vec<u8> {
    let mut w = BinWriter::with_capacity(units.len() * 2 + TEXT_BLOCK_HEAD);
    w.u8(TEXTS);
    w.units(units);
    w.into_bytes()
}

/// An index and steps read back from the parts `index_parts` wrote, in their order.
#[derive(Default)]
pub struct IndexFromParts {
    diaries: Vec<Diary>,
    spans: Vec<Span>,
    /// The blocks of texts taken, the first ones (the rest come to the index itself).
    blocks: Vec<Vec<u16>>,
    steps: Vec<StepFacts>,
    /// From the first part: how many entries and steps, and each block of texts' length.
    counts: Option<([u64; 2], Vec<u32>)>,
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
            let [diaries, steps] = [r.u64()?, r.u64()?];
            let lengths: Vec<u32> = (0..r.len_of(4)?).map(|_| r.u32()).collect::<Option<_>>()?;
            // Not more than the bytes to come could hold (`with_room`): a damaged count asks for
            // no memory.
            let [d, s] = [diaries, steps].map(|n| usize::try_from(n).unwrap_or(usize::MAX));
            let (d, s) = (d.min(self.room / 60), s.min(self.room / 40));
            // With room for the entries and steps saved after the index was kept.
            self.diaries.reserve_exact(d + room_to_grow(d));
            self.spans.reserve_exact(d + room_to_grow(d));
            self.steps.reserve_exact(s + room_to_grow(s));
            self.counts = Some(([diaries, steps], lengths));
            return r.is_done().then_some(());
        }
        let ([diaries, steps], _) = self.counts.as_ref()?;
        let (diaries, steps) = (*diaries, *steps);
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
                let mut block = Vec::new();
                r.units_into(&mut block)?;
                self.take_text_block(block)?;
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
    /// `None` if it is not the length the first part gave the next block.
    pub fn take_text_block(&mut self, block: Vec<u16>) -> Option<()> {
        let (_, lengths) = self.counts.as_ref()?;
        if lengths.get(self.blocks.len()).is_none_or(|&len| len as usize != block.len()) {
            return None;
        }
        self.blocks.push(block);
        Some(())
    }

    /// The index and the steps (in the order they were held), if every part came but the blocks
    /// of texts after those taken: the index takes those (`DiaryIndex::take_text_block`).
    pub fn finish(self) -> Option<(DiaryIndex, Vec<StepFacts>)> {
        let ([diaries, steps], lengths) = self.counts?;
        if [self.diaries.len(), self.steps.len()].map(|n| n as u64) != [diaries, steps] {
            return None;
        }
        let index = DiaryIndex::from_parts(self.diaries, self.spans, &lengths, self.blocks)?;
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
    use crate::diary_index::SearchWords;
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

    /// Read back whole: every part taken, the index with every text.
    fn read_back(parts: &[Vec<u8>]) -> Option<(DiaryIndex, Vec<StepFacts>)> {
        let mut from = IndexFromParts::with_room(parts.iter().map(Vec::len).sum());
        for p in parts {
            from.take_part(p)?;
        }
        from.finish().filter(|(index, _)| index.texts_ready())
    }

    /// The units of a part of texts, as the page copies them.
    fn units_of(part: &[u8]) -> Option<Vec<u16>> {
        let n = text_block_units(part)?;
        let units: Vec<u16> =
            part[TEXT_BLOCK_HEAD..].chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        (units.len() == n).then_some(units)
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
        assert!(back.text_bytes() < index.text_bytes(), "the texts of 7, removed, were not kept");
        // The texts taken as units, as the page copies them, give the same index.
        let mut fast = IndexFromParts::default();
        for p in &parts {
            match units_of(p) {
                Some(units) => fast.take_text_block(units).unwrap(),
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
        assert_eq!(back.texts(back.position(&rid(3)).unwrap()).unwrap().situation, "已修好");
    }

    #[test]
    fn texts_are_kept_newest_first_and_the_first_block_is_enough_to_show_the_newest() {
        // Texts long enough for several blocks: 6 entries of 400,000 characters each.
        let long = |n: u8| "民".repeat(400_000) + &n.to_string();
        let mut index = DiaryIndex::new();
        for n in 1..=6 {
            let mut r = diary(n);
            r.set(SITUATION, json!(long(n)), Hlc::new(u64::from(n) * 1000, 1), &StationId::from_random([1; 8]));
            index.put(&r);
        }
        let parts = parts_of(&index, &[]);
        let texts: Vec<&Vec<u8>> = parts.iter().filter(|p| p[0] == TEXTS).collect();
        assert_eq!(texts.len(), 3, "two entries a block");
        assert!(parts.iter().rev().take(3).all(|p| p[0] == TEXTS), "the texts come last");
        // Read with the first block only: the newest two entries have their texts, the others wait.
        let mut from = IndexFromParts::default();
        for p in &parts[..parts.len() - 2] {
            from.take_part(p).unwrap();
        }
        let (mut back, _) = from.finish().unwrap();
        assert!(!back.texts_ready());
        let order = newest_first(&back);
        let newest = |b: &DiaryIndex, k: usize| b.texts(order[k]).map(|t| t.situation);
        assert_eq!(newest(&back, 0), Some(long(6)));
        assert_eq!(newest(&back, 1), Some(long(5)));
        assert_eq!(newest(&back, 2), None);
        assert!(!back.texts_contain(order[5], &SearchWords::new("1")), "not searched while to come");
        let words = crate::diary_search::DiaryFilter { words: SearchWords::new("民"), ..Default::default() };
        assert!(crate::diary_search::search(&back, &[], &order, &words).is_empty(), "no search of part of the texts");
        // A save meanwhile goes into a block of its own, not into one still to come.
        let mut saved = diary(9);
        saved.set(SITUATION, json!("新记"), Hlc::new(99_000, 0), &StationId::from_random([1; 8]));
        back.put(&saved);
        assert_eq!(back.texts(back.position(&rid(9)).unwrap()).unwrap().situation, "新记");
        for p in &parts[parts.len() - 2..] {
            back.take_text_block(units_of(p).unwrap()).unwrap();
        }
        assert!(back.texts_ready());
        for n in 1..=6 {
            assert_eq!(back.texts(back.position(&rid(n)).unwrap()).unwrap().situation, long(n));
        }
        assert!(back.texts_contain(back.position(&rid(1)).unwrap(), &SearchWords::new("民民1")));
        assert_eq!(crate::diary_search::search(&back, &[], &newest_first(&back), &words).len(), 6);
        assert_eq!(back.texts(back.position(&rid(9)).unwrap()).unwrap().situation, "新记");
        // An index still waiting for texts is not kept.
        let mut waiting = IndexFromParts::default();
        for p in &parts[..parts.len() - 1] {
            waiting.take_part(p).unwrap();
        }
        assert!(parts_of(&waiting.finish().unwrap().0, &[]).is_empty());
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
        // The last part is the only block of texts: without it the index is read, waiting for it.
        assert_eq!(parts.last().unwrap()[0], TEXTS);
        let (mut waiting, _) = {
            let mut from = IndexFromParts::default();
            parts[..parts.len() - 1].iter().for_each(|p| from.take_part(p).unwrap());
            from.finish().unwrap()
        };
        assert!(!waiting.texts_ready());
        // A block of another length is damage, and taken for none.
        let block = units_of(parts.last().unwrap()).unwrap();
        assert!(waiting.take_text_block(block[1..].to_vec()).is_none());
        assert!(waiting.take_text_block(block.clone()).is_some());
        assert!(waiting.texts_ready());
        assert!(waiting.take_text_block(block).is_none(), "no block is to come");
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
        huge[0][1..21].copy_from_slice(&[0xff; 20]);
        assert!(read_back(&huge).is_none());
        // A span pointing past its block.
        let mut bad = parts.clone();
        assert_eq!(bad[1][0], DIARIES);
        let last_len = bad[1].len() - 4;
        bad[1][last_len..].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read_back(&bad).is_none());
    }
}
