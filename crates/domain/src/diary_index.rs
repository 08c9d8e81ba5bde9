//! Every diary entry a station holds, kept small enough for a county (200,000 entries): each
//! entry's facts (`Diary`, what lists and counts read) and its texts in one arena, so a search
//! for any run of characters reads memory, not the store. The arena is UTF-16: Chinese takes two
//! bytes a character there against three in UTF-8 (a third less for a county's 160 MB of text). The records themselves stay in the
//! store, read one by one when an entry is opened for editing.
//!
//! Built from records as the store hands them over (`put`); a record seen again replaces the
//! entry (the store hands over the merged record when a diary was changed).

use super::diary::{Diary, DiaryTexts, ACTION, COMPANIONS, REQUEST, SITUATION};
use super::record::{kind, IdKey, IdKeyMap, Record, RecordId};

/// Where one entry's texts are in the arena: companions, situation, request and action, one
/// after another from `start` in one block.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Span {
    pub(crate) block: u32,
    pub(crate) start: u32,
    pub(crate) lens: [u32; 4],
}

impl Span {
    pub(crate) fn len(&self) -> usize {
        self.lens.iter().map(|l| *l as usize).sum::<usize>()
    }
}

/// Units of text a block of the arena holds (2 MB), unless one entry's texts need more.
pub(crate) const BLOCK: usize = 1 << 20;

/// The texts, in blocks: the arena grows a block at a time and never copies what it holds (one
/// growing vector would hold its old copy beside a new one of twice the size while it grows:
/// 192 MB at once for a county's 107 MB of texts, and wasm memory never shrinks).
#[derive(Clone, Debug, Default)]
struct Arena {
    blocks: Vec<Vec<u16>>,
    /// Blocks still to come, in order: their places in `blocks` (empty until they come) and their
    /// lengths. An index kept between sessions is read with its first block of texts only (the
    /// entries the list shows first); the rest come after the first screen (`take_text_block`).
    to_come: std::collections::VecDeque<(u32, u32)>,
}

impl Arena {
    fn push(&mut self, texts: [&str; 4]) -> Span {
        // Counted first and encoded straight into the block: no copy of each text on the way
        // (this runs for every diary at start).
        let lens = texts.map(|t| t.encode_utf16().count());
        let (block, start) = self.room_for(lens.iter().sum());
        let b = &mut self.blocks[block];
        for t in texts {
            b.extend(t.encode_utf16());
        }
        Span { block: block as u32, start: start as u32, lens: lens.map(|l| l as u32) }
    }

    fn push_units(&mut self, parts: [&[u16]; 4]) -> Span {
        let (block, start) = self.room_for(parts.iter().map(|p| p.len()).sum());
        for p in parts {
            self.blocks[block].extend_from_slice(p);
        }
        Span { block: block as u32, start: start as u32, lens: parts.map(|p| p.len() as u32) }
    }

    /// The block `len` more units go into (a new one when the last is full or still to come),
    /// and where in it.
    fn room_for(&mut self, len: usize) -> (usize, usize) {
        let last_to_come = self.to_come.back().is_some_and(|&(b, _)| b as usize + 1 == self.blocks.len());
        if last_to_come || self.blocks.last().is_none_or(|b| b.len() + len > b.capacity()) {
            self.blocks.push(Vec::with_capacity(BLOCK.max(len)));
        }
        let block = self.blocks.len() - 1;
        (block, self.blocks[block].len())
    }

    /// The span's units; `None` while its block is still to come.
    fn get(&self, span: &Span) -> Option<&[u16]> {
        if self.to_come.iter().any(|&(b, _)| b == span.block) {
            return None;
        }
        let start = span.start as usize;
        self.blocks.get(span.block as usize)?.get(start..start + span.len())
    }

    fn units(&self) -> usize {
        self.blocks.iter().map(Vec::len).sum()
    }
}

/// Room a list of a county's entries keeps beyond those it holds, and grows by when full: a save
/// adds one, and a full list grown by doubling held its old copy and one twice its size at once
/// (a county's facts: 30 MB more for good, as wasm memory never shrinks). An eighth: a list
/// built entry by entry is copied some 70 times on its way to a county's size, not 260.
pub fn room_to_grow(len: usize) -> usize {
    len / 8 + 64
}

/// Gives back a list's room beyond `room_to_grow`, or makes that room.
fn keep_room<T>(list: &mut Vec<T>) {
    let room = room_to_grow(list.len());
    list.shrink_to(list.len() + room);
    list.reserve_exact(room);
}

#[derive(Clone, Debug, Default)]
pub struct DiaryIndex {
    diaries: Vec<Diary>,
    spans: Vec<Span>,
    at: IdKeyMap<u64>,
    arena: Arena,
    /// Arena units no entry points at any more (replaced or removed entries).
    dead: usize,
}

impl DiaryIndex {
    pub fn new() -> DiaryIndex {
        DiaryIndex::default()
    }

    /// An empty index with room for `records` entries (the store's listing tells how many before
    /// a chunk is read) and `room_to_grow` beyond: its lists are made once, never grown while a
    /// county's diaries come in.
    pub fn with_room_for(records: usize) -> DiaryIndex {
        let room = records + room_to_grow(records);
        let mut at = IdKeyMap::default();
        at.reserve(records);
        DiaryIndex { diaries: Vec::with_capacity(room), spans: Vec::with_capacity(room), at, ..DiaryIndex::default() }
    }

    /// Takes a diary record in: a new entry, or the one it replaces. A deleted record removes its
    /// entry; records of other kinds are ignored.
    pub fn put(&mut self, r: &Record) {
        if r.kind != kind::DIARY {
            return;
        }
        if r.is_deleted() {
            self.remove(&r.id);
            return;
        }
        let diary = Diary::from_record(r);
        let span = self.arena.push([COMPANIONS, SITUATION, REQUEST, ACTION].map(|f| r.text(f).unwrap_or_default()));
        match self.at.get(&r.id.key()) {
            Some(&i) => {
                let i = i as usize;
                self.dead += self.spans[i].len();
                self.diaries[i] = diary;
                self.spans[i] = span;
            }
            None => {
                if self.diaries.len() == self.diaries.capacity() {
                    let more = room_to_grow(self.diaries.len());
                    self.diaries.reserve_exact(more);
                    self.spans.reserve_exact(more);
                }
                self.at.insert(r.id.key(), self.diaries.len() as u64);
                self.diaries.push(diary);
                self.spans.push(span);
            }
        }
        if self.dead > self.arena.units() / 2 && self.dead > BLOCK && self.texts_ready() {
            self.repack();
        }
    }

    pub fn remove(&mut self, id: &RecordId) {
        let Some(i) = self.at.remove(&id.key()) else { return };
        let i = i as usize;
        self.dead += self.spans[i].len();
        self.diaries.swap_remove(i);
        self.spans.swap_remove(i);
        if let Some(moved) = self.diaries.get(i) {
            self.at.insert(moved.id.key(), i as u64);
        }
    }

    /// Copies the live texts into a new arena (after many edits or removals); not while texts are
    /// still to come (`put` waits for them).
    fn repack(&mut self) {
        let old = std::mem::take(&mut self.arena);
        for span in &mut self.spans {
            let text = old.get(span).unwrap_or_default();
            let [a, b, c] = [span.lens[0], span.lens[1], span.lens[2]].map(|l| l as usize);
            let parts = [&text[..a], &text[a..a + b], &text[a + b..a + b + c], &text[a + b + c..]];
            *span = self.arena.push_units(parts);
        }
        self.dead = 0;
    }

    /// Gives back the room an index grows into while it is built (the arena's blocks are
    /// filled as they come, all but the last), keeping `room_to_grow` for the entries to come.
    pub fn trim_room(&mut self) {
        if let Some(last) = self.arena.blocks.last_mut() {
            last.shrink_to_fit();
        }
        keep_room(&mut self.diaries);
        keep_room(&mut self.spans);
    }

    pub fn len(&self) -> usize {
        self.diaries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.diaries.is_empty()
    }

    /// Every entry's facts, in no particular order (`position` finds one).
    pub fn diaries(&self) -> &[Diary] {
        &self.diaries
    }

    pub fn position(&self, id: &RecordId) -> Option<usize> {
        self.position_of(id.key())
    }

    pub fn position_of(&self, key: IdKey) -> Option<usize> {
        self.at.get(&key).map(|&i| i as usize)
    }

    pub fn get(&self, id: &RecordId) -> Option<&Diary> {
        self.position(id).map(|i| &self.diaries[i])
    }

    /// The texts of the entry at `i` (a position in `diaries()`); `None` while they are still to
    /// come (`texts_ready`).
    pub fn texts(&self, i: usize) -> Option<DiaryTexts> {
        let span = self.spans[i];
        let all = self.arena.get(&span)?;
        let mut from = 0;
        let [companions, situation, request, action] = span.lens.map(|len| {
            let text = String::from_utf16_lossy(&all[from..from + len as usize]);
            from += len as usize;
            text
        });
        Some(DiaryTexts { companions, situation, request, action })
    }

    /// Whether the entry at `i`'s texts are here (`texts` gives them).
    pub fn has_texts(&self, i: usize) -> bool {
        self.arena.get(&self.spans[i]).is_some()
    }

    /// Whether every entry's texts are here: an index kept between sessions reads most of them
    /// after its first screen (`take_text_block`).
    pub fn texts_ready(&self) -> bool {
        self.arena.to_come.is_empty()
    }

    /// Takes the next block of texts still to come; `None`, taking nothing, if none is to come or
    /// the block is not as long as the index was told (damage).
    pub fn take_text_block(&mut self, block: Vec<u16>) -> Option<()> {
        let &(at, len) = self.arena.to_come.front()?;
        if block.len() != len as usize {
            return None;
        }
        self.arena.blocks[at as usize] = block;
        self.arena.to_come.pop_front();
        Some(())
    }

    /// Whether every one of the words occurs in the entry's texts; `false` while they are still
    /// to come (a search waits for `texts_ready`).
    pub fn texts_contain(&self, i: usize, words: &SearchWords) -> bool {
        let Some(all) = self.arena.get(&self.spans[i]) else { return false };
        words.0.iter().all(|w| contains_folded(all, w))
    }

    /// The units of the entry at `i`'s texts, one after another (to keep the index); `None` while
    /// they are still to come.
    pub(crate) fn text_units(&self, i: usize) -> Option<&[u16]> {
        self.arena.get(&self.spans[i])
    }

    /// What the index is made of, to keep it between sessions (`diary_snapshot`): the facts and
    /// where each entry's texts are (`units` reads them).
    pub(crate) fn parts(&self) -> (&[Diary], &[Span]) {
        (&self.diaries, &self.spans)
    }

    /// An index made of the parts `parts` gave: the facts, the spans, the length of each block of
    /// texts, and the first of those blocks (the rest to come, `take_text_block`). `None` if a
    /// span points past its block or a block is not as long as told.
    pub(crate) fn from_parts(
        diaries: Vec<Diary>,
        spans: Vec<Span>,
        lengths: &[u32],
        mut blocks: Vec<Vec<u16>>,
    ) -> Option<DiaryIndex> {
        // In u64: four damaged lengths must not wrap round a 32-bit usize.
        let end = |s: &Span| u64::from(s.start) + s.lens.iter().map(|&l| u64::from(l)).sum::<u64>();
        let fits = |s: &Span| lengths.get(s.block as usize).is_some_and(|&len| end(s) <= u64::from(len));
        let as_told = blocks.len() <= lengths.len() && blocks.iter().zip(lengths).all(|(b, &l)| b.len() == l as usize);
        if diaries.len() != spans.len() || !as_told || !spans.iter().all(fits) {
            return None;
        }
        let to_come = (blocks.len()..lengths.len()).map(|b| (b as u32, lengths[b])).collect();
        blocks.resize_with(lengths.len(), Vec::new);
        let mut at = IdKeyMap::default();
        at.reserve(diaries.len());
        for (i, d) in diaries.iter().enumerate() {
            if at.insert(d.id.key(), i as u64).is_some() {
                return None;
            }
        }
        Some(DiaryIndex { diaries, spans, at, arena: Arena { blocks, to_come }, dead: 0 })
    }

    /// The arena's size in bytes (for the benchmark's memory line).
    pub fn text_bytes(&self) -> usize {
        self.arena.units() * 2
    }
}

/// The words of a search box, ready to search the arena: split at spaces (full-width too);
/// each matches as a run of characters anywhere (Chinese has no spaces between words), Latin
/// letters in either case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchWords(Vec<Vec<u16>>);

impl SearchWords {
    pub fn new(query: &str) -> SearchWords {
        SearchWords(
            query
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .map(|w| w.to_ascii_lowercase().encode_utf16().collect())
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `haystack` contains `word` (Latin letters lowered), ignoring the case of Latin letters.
fn contains_folded(haystack: &[u16], word: &[u16]) -> bool {
    let Some((&first, rest)) = word.split_first() else { return true };
    if haystack.len() < word.len() {
        return false;
    }
    let fold = |u: u16| if (b'A' as u16..=b'Z' as u16).contains(&u) { u + 32 } else { u };
    let last_start = haystack.len() - word.len();
    let mut i = 0;
    while i <= last_start {
        // Find the first unit, then compare the rest: most positions fail on the first unit.
        match haystack[i..=last_start].iter().position(|&u| fold(u) == first) {
            None => return false,
            Some(p) => i += p,
        }
        if haystack[i + 1..i + word.len()].iter().zip(rest).all(|(&u, &w)| fold(u) == w) {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::diary::{DATE, FOLLOW_UP};
    use crate::station::StationId;
    use crate::test_support::rid;
    use serde_json::json;

    fn record(n: u8, situation: &str, request: &str) -> Record {
        let station = StationId::from_random([1; 8]);
        let mut r = Record::new(rid(n), kind::DIARY, station);
        let t = Hlc::new(u64::from(n) + 1, 0);
        r.set(DATE, json!("2026-11-01"), t, &station);
        r.set(SITUATION, json!(situation), t, &station);
        r.set(REQUEST, json!(request), t, &station);
        r.set(FOLLOW_UP, json!(true), t, &station);
        r
    }

    #[test]
    fn an_index_made_with_room_for_its_records_is_never_grown_or_copied() {
        let mut index = DiaryIndex::with_room_for(100);
        let (list, spans) = (index.diaries.as_ptr(), index.spans.as_ptr());
        for n in 0..100 {
            index.put(&record(n, "漏水", ""));
        }
        index.trim_room();
        assert_eq!(index.diaries.capacity(), 100 + room_to_grow(100));
        assert_eq!((index.diaries.as_ptr(), index.spans.as_ptr()), (list, spans), "the lists made at first");
        assert_eq!(index.len(), 100);
    }

    #[test]
    fn a_trimmed_index_keeps_room_and_grows_by_it_not_by_doubling() {
        let mut index = DiaryIndex::new();
        for n in 0..100 {
            index.put(&record(n, "漏水", ""));
        }
        index.trim_room();
        let room = room_to_grow(100);
        assert_eq!(index.diaries.capacity(), 100 + room);
        for n in 100..100 + room as u8 {
            index.put(&record(n, "漏水", ""));
        }
        assert_eq!(index.diaries.capacity(), 100 + room, "the room kept took the new entries");
        index.put(&record(250, "漏水", ""));
        let len = index.len();
        assert_eq!(index.diaries.capacity(), len - 1 + room_to_grow(len - 1));
        assert_eq!(index.spans.capacity(), index.diaries.capacity());
    }

    #[test]
    fn entries_keep_facts_and_texts_and_are_replaced_by_id() {
        let mut index = DiaryIndex::new();
        index.put(&record(1, "村道塌方，出行不便", "修路"));
        index.put(&record(2, "低保申请", ""));
        assert_eq!(index.len(), 2);
        let i = index.position(&rid(1)).unwrap();
        assert_eq!(index.texts(i).unwrap().situation, "村道塌方，出行不便");
        assert_eq!(index.texts(i).unwrap().request, "修路");
        assert!(index.get(&rid(2)).unwrap().follow_up);

        index.put(&record(1, "村道已修好", ""));
        assert_eq!(index.len(), 2, "the same id replaces its entry");
        let i = index.position(&rid(1)).unwrap();
        assert_eq!(index.texts(i).unwrap().situation, "村道已修好");
        assert_eq!(index.texts(i).unwrap().request, "");
    }

    #[test]
    fn removing_keeps_the_other_entries_findable() {
        let mut index = DiaryIndex::new();
        for n in 1..=3 {
            index.put(&record(n, &format!("第{n}户"), ""));
        }
        let mut gone = record(1, "", "");
        gone.delete(Hlc::new(100, 0), &StationId::from_random([1; 8]));
        index.put(&gone);
        assert_eq!(index.len(), 2);
        assert_eq!(index.position(&rid(1)), None);
        for n in 2..=3 {
            let i = index.position(&rid(n)).unwrap();
            assert_eq!(index.texts(i).unwrap().situation, format!("第{n}户"));
        }
    }

    #[test]
    fn search_finds_any_run_of_characters_in_every_text() {
        let mut index = DiaryIndex::new();
        index.put(&record(1, "张大爷家屋顶漏水", "申请危房改造 Wi-Fi"));
        let i = index.position(&rid(1)).unwrap();
        let found = |q: &str| index.texts_contain(i, &SearchWords::new(q));
        assert!(found("漏水"));
        assert!(found("顶漏"), "a run inside a word");
        assert!(found("漏水　危房"), "every word, full-width space between");
        assert!(found("wi-fi"), "Latin letters in either case");
        assert!(!found("漏水 低保"));
        assert!(found(""), "no words: everything");
    }

    #[test]
    fn many_replacements_repack_the_arena() {
        let mut index = DiaryIndex::new();
        let long = "字".repeat(2000);
        for round in 0..1500u32 {
            index.put(&record(1, &format!("{long}{round}"), ""));
        }
        assert!(index.text_bytes() < 2_300_000, "dead texts were dropped: {}", index.text_bytes());
        assert!(index.texts(0).unwrap().situation.ends_with("1499"));
    }
}
