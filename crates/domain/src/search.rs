//! Search-as-you-type over members: by name (a Chinese substring), by pinyin, by 公民身份号码
//! and by 联系电话.
//!
//! **Pinyin.** A query of Latin letters finds a name when it splits into prefixes of the
//! syllables of consecutive characters: 张三 is found by `z`, `zs`, `zhang`, `zhangs`, `zsan`
//! and `zhangsan`, but not by `zx` or `sz`. A polyphone matches on any of its readings (单 by
//! `d`, `s` and `c`), and `u` also stands for ü (吕 by `lv` and `lu`). Matches that start at the
//! first character (the surname) rank above matches that start later (`san` finds 张三, lower).
//! Chinese characters may be mixed in (`张s`). Case, spaces, apostrophes and full-width letters
//! and digits make no difference.
//!
//! **Numbers.** Digits, with or without a final `x` or `X`, match as a substring of the
//! identity number; digits alone also match as a substring of the phone number.
//!
//! **Ranking.** [`MatchKind`] in its order; within one kind, by name in Chinese collation
//! ([`Pinyin::name_key`]), then by position in the slice the index was built from.
//!
//! **Speed.** A county has 50,000 members. The index keeps each distinct name once, in
//! collation order, as ids of distinct characters in one flat array; each character's readings
//! are ids into the syllables that occur in the names. A query first works out, for every such
//! syllable and every query position, how many query letters the syllable covers from there (a
//! few hundred small entries). Matching a name is then a walk over its characters that carries
//! the set of reachable query positions as bits of a `u64`: no allocation and no string
//! comparison per candidate. Build it once for the members shown, and again when they change.

use super::hash::FastHash;
use super::member::Member;
use super::pinyin::{is_han, NameKey, Pinyin};
use std::collections::HashMap;

/// How a member matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The whole name is the query.
    ExactName,
    /// The name starts with the query.
    NamePrefix,
    /// The name has the query further in.
    NameInside,
    /// Pinyin from the first character (the surname).
    PinyinStart,
    /// Pinyin from a later character.
    PinyinInside,
    IdNumber,
    Phone,
}

const KINDS: usize = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into the slice the index was built from.
    pub member: usize,
    pub kind: MatchKind,
}

/// The longest query matched by pinyin, in letters and characters: one bit per query position,
/// and one for "all of it", in a `u64`. No name has that much pinyin.
pub const MAX_PINYIN_QUERY: usize = 63;

/// A query unit that is a Chinese character: this bit, or'ed with the character's id.
const HAN_UNIT: u32 = 1 << 31;
/// A Chinese character that no name has: matches nothing.
const UNKNOWN_HAN: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CharClass {
    /// A character with readings (a Latin letter reads as itself).
    Readings,
    /// Punctuation and spaces inside a name (阿依古丽·买买提): pinyin passes over them.
    Skip,
    /// A digit, or a rare character without a reading: matched only by itself.
    Opaque,
}

/// What the index reads of a person.
#[derive(Clone, Copy, Debug)]
pub struct Person<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub phone: &'a str,
}

pub struct SearchIndex {
    /// Syllables that occur in the names, as ASCII, one after another.
    syllable_text: Vec<u8>,
    syllable_start: Vec<u32>,
    /// Distinct characters of the names.
    char_id: HashMap<char, u32, FastHash>,
    char_class: Vec<CharClass>,
    char_syllables: Vec<u16>,
    char_syllables_start: Vec<u32>,
    /// Distinct names, in collation order, as character ids.
    name_chars: Vec<u32>,
    name_start: Vec<u32>,
    /// The members of each distinct name, by position in the input. Read in order, this is
    /// every member in result order.
    name_members: Vec<u32>,
    name_members_start: Vec<u32>,
    /// Per member (input order): the identity number as typed for search (digits and X).
    ids: Vec<u8>,
    id_start: Vec<u32>,
    /// Per member: which digits and pairs of digits the identity number has ([`digit_mask`]).
    id_masks: Vec<u128>,
    /// Per member: the phone number's digits.
    phones: Vec<u8>,
    phone_start: Vec<u32>,
    phone_masks: Vec<u128>,
}

impl SearchIndex {
    /// Builds the index of `members`, reading names with `pinyin`: with [`Pinyin::none`] names
    /// are found by their characters only, and ranked by character.
    pub fn build(members: &[Member], pinyin: &Pinyin) -> SearchIndex {
        let people: Vec<Person<'_>> =
            members.iter().map(|m| Person { name: &m.name, id_number: &m.id_number, phone: &m.phone }).collect();
        SearchIndex::build_people(&people, pinyin)
    }

    /// `build` for anyone with a name, identity number and phone (民情户's 户主 too): hits are
    /// positions in `people`.
    pub fn build_people(members: &[Person<'_>], pinyin: &Pinyin) -> SearchIndex {
        let mut index = SearchIndex {
            syllable_text: Vec::new(),
            syllable_start: vec![0],
            char_id: HashMap::default(),
            char_class: Vec::new(),
            char_syllables: Vec::new(),
            char_syllables_start: vec![0],
            name_chars: Vec::new(),
            name_start: vec![0],
            name_members: vec![0; members.len()],
            name_members_start: Vec::new(),
            ids: Vec::with_capacity(members.len() * 18),
            id_start: Vec::with_capacity(members.len() + 1),
            id_masks: Vec::with_capacity(members.len()),
            phones: Vec::with_capacity(members.len() * 11),
            phone_start: Vec::with_capacity(members.len() + 1),
            phone_masks: Vec::with_capacity(members.len()),
        };
        // Everything is read from the members in input order, once: their texts are scattered
        // over the heap, and reading them in name order cost more than all the rest.
        let mut slot_of: HashMap<&str, u32, FastHash> =
            HashMap::with_capacity_and_hasher(members.len(), FastHash::default());
        let mut names: Vec<&str> = Vec::new();
        let mut slot_chars: Vec<u32> = Vec::new();
        let mut slot_start: Vec<u32> = vec![0];
        // Local syllable id of each table syllable, then of each Latin letter; u16::MAX: none yet.
        let mut syllable_ids = vec![u16::MAX; pinyin.syllable_count() + 26];
        let mut slots: Vec<u32> = Vec::with_capacity(members.len());
        index.id_start.push(0);
        index.phone_start.push(0);
        for m in members {
            let name = m.name.trim();
            let slot = *slot_of.entry(name).or_insert_with(|| {
                names.push(name);
                for c in name.chars() {
                    slot_chars.push(index.intern_char(c, pinyin, &mut syllable_ids));
                }
                slot_start.push(slot_chars.len() as u32);
                names.len() as u32 - 1
            });
            slots.push(slot);
            let at = index.ids.len();
            push_digits(&mut index.ids, m.id_number, true);
            index.id_start.push(index.ids.len() as u32);
            index.id_masks.push(digit_mask(&index.ids[at..]));
            let at = index.phones.len();
            push_digits(&mut index.phones, m.phone, false);
            index.phone_start.push(index.phones.len() as u32);
            index.phone_masks.push(digit_mask(&index.phones[at..]));
        }

        // Distinct names in collation order.
        let mut by_key: Vec<(NameKey, u32)> =
            names.iter().enumerate().map(|(slot, name)| (pinyin.name_key(name), slot as u32)).collect();
        by_key.sort_unstable();
        let mut rank = vec![0u32; names.len()];
        for (r, &(_, slot)) in by_key.iter().enumerate() {
            rank[slot as usize] = r as u32;
            let chars = &slot_chars[slot_start[slot as usize] as usize..slot_start[slot as usize + 1] as usize];
            index.name_chars.extend_from_slice(chars);
            index.name_start.push(index.name_chars.len() as u32);
        }
        // Members grouped by the rank of their name, in input order within a name.
        let mut start = vec![0u32; names.len() + 1];
        for &slot in &slots {
            start[rank[slot as usize] as usize + 1] += 1;
        }
        for r in 0..names.len() {
            start[r + 1] += start[r];
        }
        index.name_members_start = start.clone();
        for (member, &slot) in slots.iter().enumerate() {
            let r = rank[slot as usize] as usize;
            index.name_members[start[r] as usize] = member as u32;
            start[r] += 1;
        }
        index
    }

    fn intern_char(&mut self, c: char, pinyin: &Pinyin, syllable_ids: &mut [u16]) -> u32 {
        if let Some(&id) = self.char_id.get(&c) {
            return id;
        }
        let id = self.char_class.len() as u32;
        self.char_id.insert(c, id);
        let letter = half_width(c).to_ascii_lowercase();
        // (slot in `syllable_ids`, text): a Latin letter reads as itself.
        let readings: Vec<(usize, &str)> = if letter.is_ascii_lowercase() {
            let n = usize::from(letter as u8 - b'a');
            vec![(pinyin.syllable_count() + n, ASCII_LOWERCASE[n])]
        } else {
            pinyin.readings(c).iter().map(|&s| (s.index(), pinyin.text(s))).collect()
        };
        let class = if !readings.is_empty() {
            CharClass::Readings
        } else if is_han(c) || c.is_alphanumeric() {
            CharClass::Opaque
        } else {
            CharClass::Skip
        };
        for (slot, text) in readings {
            if syllable_ids[slot] == u16::MAX {
                syllable_ids[slot] = (self.syllable_start.len() - 1) as u16;
                self.syllable_text.extend_from_slice(text.as_bytes());
                self.syllable_start.push(self.syllable_text.len() as u32);
            }
            self.char_syllables.push(syllable_ids[slot]);
        }
        self.char_syllables_start.push(self.char_syllables.len() as u32);
        self.char_class.push(class);
        id
    }

    /// How many members the index was built from.
    pub fn len(&self) -> usize {
        self.id_start.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every member the query finds, best first (see the module notes). An empty query (or one
    /// of spaces and punctuation) finds nothing: the caller shows the whole list instead.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let units: Vec<char> = query
            .chars()
            .map(half_width)
            .filter(|c| c.is_ascii_alphanumeric() || is_han(*c))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let mut buckets: [Vec<u32>; KINDS] = Default::default();
        let digits = units.iter().take_while(|c| c.is_ascii_digit()).count();
        if units.is_empty() {
            return Vec::new();
        } else if digits > 0 && (digits == units.len() || (digits + 1 == units.len() && units[digits] == 'x')) {
            self.search_numbers(&units, &mut buckets);
        } else if units.iter().any(char::is_ascii_alphabetic) {
            self.search_pinyin(&units, &mut buckets);
        } else if units.iter().all(|c| is_han(*c)) {
            self.search_name(&units, &mut buckets);
        }
        let mut hits = Vec::with_capacity(buckets.iter().map(Vec::len).sum());
        for (kind, bucket) in ALL_KINDS.into_iter().zip(&buckets) {
            hits.extend(bucket.iter().map(|&m| Hit { member: m as usize, kind }));
        }
        hits
    }

    fn names(&self) -> impl Iterator<Item = (&[u32], &[u32])> {
        (0..self.name_start.len().saturating_sub(1)).map(|n| {
            let chars = &self.name_chars[self.name_start[n] as usize..self.name_start[n + 1] as usize];
            let members =
                &self.name_members[self.name_members_start[n] as usize..self.name_members_start[n + 1] as usize];
            (chars, members)
        })
    }

    fn search_name(&self, query: &[char], buckets: &mut [Vec<u32>; KINDS]) {
        let Some(wanted) = query.iter().map(|c| self.char_id.get(c).copied()).collect::<Option<Vec<u32>>>() else {
            return; // a character no name has
        };
        for (chars, members) in self.names() {
            let kind = if chars.starts_with(&wanted) {
                if chars.len() == wanted.len() {
                    MatchKind::ExactName
                } else {
                    MatchKind::NamePrefix
                }
            } else if contains(&chars[1.min(chars.len())..], &wanted) {
                MatchKind::NameInside
            } else {
                continue;
            };
            buckets[kind as usize].extend_from_slice(members);
        }
    }

    fn search_pinyin(&self, query: &[char], buckets: &mut [Vec<u32>; KINDS]) {
        let m = query.len();
        if m > MAX_PINYIN_QUERY || query.iter().any(char::is_ascii_digit) {
            return;
        }
        let units: Vec<u32> = query
            .iter()
            .map(|&c| match self.char_id.get(&c) {
                _ if c.is_ascii_lowercase() => c as u32,
                Some(&id) => HAN_UNIT | id,
                None => UNKNOWN_HAN,
            })
            .collect();
        // reach[s * m + p]: how many query letters from position p syllable s covers.
        let syllables = self.syllable_start.len() - 1;
        let mut reach = vec![0u8; syllables * m];
        for s in 0..syllables {
            let text = &self.syllable_text[self.syllable_start[s] as usize..self.syllable_start[s + 1] as usize];
            for p in 0..m {
                let covered = text.iter().zip(&units[p..]).take_while(|(&letter, &unit)| matches(letter, unit)).count();
                reach[s * m + p] = covered as u8;
            }
        }
        let walk = Walk { index: self, units: &units, reach: &reach, m };
        // Which characters can begin a match: most names are passed over on this alone.
        let can_start: Vec<bool> = (0..self.char_class.len() as u32).map(|c| walk.step(c, 1) != 0).collect();
        for (chars, members) in self.names() {
            if let Some(kind) = walk.name(chars, &can_start) {
                buckets[kind as usize].extend_from_slice(members);
            }
        }
    }

    fn search_numbers(&self, query: &[char], buckets: &mut [Vec<u32>; KINDS]) {
        let wanted: Vec<u8> = query.iter().map(|&c| if c == 'x' { b'X' } else { c as u8 }).collect();
        // A number without every digit and digit pair of the query cannot contain it: that
        // passes over nearly all members with one comparison. For one or two characters the
        // test is exact.
        let need = digit_mask(&wanted);
        let exact = wanted.len() <= 2;
        let has = |masks: &[u128], text: &[u8], start: &[u32], m: usize| {
            masks[m] & need == need && (exact || contains(&text[start[m] as usize..start[m + 1] as usize], &wanted))
        };
        // Decided in input order, where the numbers are stored; read out in name order.
        const BY_ID: u8 = 1;
        const BY_PHONE: u8 = 2;
        let phone_too = !wanted.ends_with(b"X");
        let how: Vec<u8> = (0..self.len())
            .map(|m| {
                if has(&self.id_masks, &self.ids, &self.id_start, m) {
                    BY_ID
                } else if phone_too && has(&self.phone_masks, &self.phones, &self.phone_start, m) {
                    BY_PHONE
                } else {
                    0
                }
            })
            .collect();
        for &m in &self.name_members {
            match how[m as usize] {
                BY_ID => buckets[MatchKind::IdNumber as usize].push(m),
                BY_PHONE => buckets[MatchKind::Phone as usize].push(m),
                _ => {}
            }
        }
    }
}

/// The digits (bits 0-9), X (bit 10) and pairs of adjacent characters (bit 11 + 11·first +
/// second, the first a digit) that occur in `text`: 121 bits. X only ends an identity number,
/// in the data and in a query, so a pair that starts with X is never needed.
fn digit_mask(text: &[u8]) -> u128 {
    // Two u64 halves: a 128-bit shift is a library call in a wasm built for size.
    let (mut low, mut high) = (0u64, 0u64);
    let mut set = |bit: u32| {
        if bit < 64 {
            low |= 1 << bit;
        } else {
            high |= 1 << (bit - 64);
        }
    };
    let mut previous = 10; // no digit before the first character
    for &b in text {
        let symbol = if b == b'X' { 10 } else { u32::from(b - b'0') };
        set(symbol);
        if previous < 10 {
            set(11 + 11 * previous + symbol);
        }
        previous = symbol;
    }
    u128::from(high) << 64 | u128::from(low)
}

const ALL_KINDS: [MatchKind; KINDS] = [
    MatchKind::ExactName,
    MatchKind::NamePrefix,
    MatchKind::NameInside,
    MatchKind::PinyinStart,
    MatchKind::PinyinInside,
    MatchKind::IdNumber,
    MatchKind::Phone,
];

const ASCII_LOWERCASE: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z",
];

/// One pinyin query, prepared, walked over names.
struct Walk<'a> {
    index: &'a SearchIndex,
    units: &'a [u32],
    reach: &'a [u8],
    m: usize,
}

impl Walk<'_> {
    /// The query positions reachable after character `c`, from the positions in `from` (bit p:
    /// the first p units are matched).
    fn step(&self, c: u32, from: u64) -> u64 {
        let i = self.index;
        let class = i.char_class[c as usize];
        if class == CharClass::Skip {
            return from;
        }
        let syllables = &i.char_syllables
            [i.char_syllables_start[c as usize] as usize..i.char_syllables_start[c as usize + 1] as usize];
        let mut to = 0u64;
        let mut rest = from;
        while rest != 0 {
            let p = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if p >= self.m {
                continue;
            }
            let unit = self.units[p];
            if unit & HAN_UNIT != 0 {
                if unit == HAN_UNIT | c {
                    to |= 1 << (p + 1);
                }
                continue;
            }
            let covered = syllables.iter().map(|&s| self.reach[usize::from(s) * self.m + p]).max().unwrap_or(0);
            // Any non-empty prefix of the covered letters ends this character: bits p+1..=p+covered.
            to |= ((1u64 << covered) - 1) << (p + 1);
        }
        to
    }

    /// How the name matches, if it does: from its first character, or from a later one.
    fn name(&self, chars: &[u32], can_start: &[bool]) -> Option<MatchKind> {
        let done = 1u64 << self.m;
        let mut first = true;
        for (i, &c) in chars.iter().enumerate() {
            if self.index.char_class[c as usize] == CharClass::Skip {
                continue;
            }
            let kind = if first { MatchKind::PinyinStart } else { MatchKind::PinyinInside };
            first = false;
            if !can_start[c as usize] {
                continue;
            }
            let mut at = 1u64;
            for &d in &chars[i..] {
                at = self.step(d, at);
                if at & done != 0 {
                    return Some(kind);
                }
                if at == 0 {
                    break;
                }
            }
        }
        None
    }
}

/// Whether a syllable's letter matches a query letter: `u` is also typed for ü (written `v`).
fn matches(letter: u8, unit: u32) -> bool {
    u32::from(letter) == unit || (letter == b'v' && unit == u32::from(b'u'))
}

/// Whether `needle` occurs in `hay`. Both are short (a name, an identity number): plain loops
/// that stop at the first difference beat a call to memcmp per position.
fn contains<T: PartialEq>(hay: &[T], needle: &[T]) -> bool {
    let Some(last) = hay.len().checked_sub(needle.len()) else { return false };
    'start: for i in 0..=last {
        for (j, n) in needle.iter().enumerate() {
            if hay[i + j] != *n {
                continue 'start;
            }
        }
        return true;
    }
    false
}

/// Full-width ASCII (what Chinese input methods type in full-width mode) as ASCII.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Appends what search keeps of an identity number (digits, and X for the check digit 10) or
/// of a phone number (digits): people type neither spaces nor dashes, and paste full-width digits.
fn push_digits(out: &mut Vec<u8>, text: &str, x_too: bool) {
    if text.is_ascii() {
        for b in text.bytes() {
            match b {
                b'0'..=b'9' => out.push(b),
                b'x' | b'X' if x_too => out.push(b'X'),
                _ => {}
            }
        }
        return;
    }
    for c in text.chars().map(half_width) {
        match c {
            '0'..='9' => out.push(c as u8),
            'x' | 'X' if x_too => out.push(b'X'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::RecordId;

    fn member(n: usize, name: &str, id_number: &str, phone: &str) -> Member {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&(n as u64).to_le_bytes());
        Member {
            id: RecordId::from_random(bytes),
            name: name.into(),
            sex: String::new(),
            ethnicity: String::new(),
            id_number: id_number.into(),
            birth_date: None,
            education: String::new(),
            category: String::new(),
            org: None,
            joined: None,
            full_member_date: None,
            post: String::new(),
            phone: phone.into(),
            address: String::new(),
            status: String::new(),
            lost: false,
            lost_date: None,
            flowing: false,
            flowing_to: String::new(),
            left: None,
            left_date: None,
        }
    }

    fn people(names: &[&str]) -> Vec<Member> {
        names.iter().enumerate().map(|(i, n)| member(i, n, "", "")).collect()
    }

    /// The names found, in result order.
    fn found(members: &[Member], query: &str) -> Vec<String> {
        SearchIndex::build(members, &table()).search(query).iter().map(|h| members[h.member].name.clone()).collect()
    }

    fn kinds(members: &[Member], query: &str) -> Vec<(String, MatchKind)> {
        let index = SearchIndex::build(members, &table());
        index.search(query).iter().map(|h| (members[h.member].name.clone(), h.kind)).collect()
    }

    fn table() -> Pinyin {
        Pinyin::built_in().unwrap()
    }

    #[test]
    fn results_depend_on_the_table_passed_in_and_on_nothing_else() {
        let m = people(&["张三", "李张三", "王五"]);
        let with = SearchIndex::build(&m, &table());
        let without = SearchIndex::build(&m, &Pinyin::none());
        let names = |index: &SearchIndex, q: &str| -> Vec<(&str, MatchKind)> {
            index.search(q).iter().map(|h| (m[h.member].name.as_str(), h.kind)).collect()
        };
        assert_eq!(names(&with, "zs"), [("张三", MatchKind::PinyinStart), ("李张三", MatchKind::PinyinInside)]);
        assert_eq!(names(&without, "zs"), [], "no readings: no pinyin hits");
        assert_eq!(names(&with, "张s"), [("张三", MatchKind::PinyinStart), ("李张三", MatchKind::PinyinInside)]);
        assert_eq!(names(&without, "张s"), []);
        // Characters are found either way; only the order of equal kinds follows the readings
        // (by pinyin 李 li before 张 zhang, by character 张 U+5F20 before 李 U+674E).
        assert_eq!(names(&with, "张三"), [("张三", MatchKind::ExactName), ("李张三", MatchKind::NameInside)]);
        assert_eq!(names(&without, "张三"), [("张三", MatchKind::ExactName), ("李张三", MatchKind::NameInside)]);
        assert_eq!(names(&with, "三"), [("李张三", MatchKind::NameInside), ("张三", MatchKind::NameInside)]);
        assert_eq!(names(&without, "三"), [("张三", MatchKind::NameInside), ("李张三", MatchKind::NameInside)]);
        // The same inputs give the same answer every time.
        assert_eq!(names(&SearchIndex::build(&m, &table()), "zs"), names(&with, "zs"));
    }

    #[test]
    fn pinyin_prefixes_of_consecutive_syllables_find_a_name() {
        let m = people(&["张三"]);
        for q in ["z", "zh", "zha", "zhang", "zhangs", "zhangsa", "zhangsan", "zs", "zsa", "zsan", "zhs", "zhangsan"] {
            assert_eq!(kinds(&m, q), [("张三".to_string(), MatchKind::PinyinStart)], "{q}");
        }
        for q in ["zx", "sz", "zhangx", "zhangsanx", "hang", "zhsx", "zzs", "a", "zhan gsa x"] {
            assert!(found(&m, q).is_empty(), "{q} must not find 张三");
        }
    }

    #[test]
    fn case_spaces_apostrophes_and_full_width_do_not_matter() {
        let m = people(&["张三"]);
        for q in ["ZS", "Zhang San", " z s ", "ｚｓ", "ＺＨＡＮＧ", "zhang'san", "zhang\u{3000}san"] {
            assert_eq!(found(&m, q), ["张三"], "{q:?}");
        }
        for q in ["", "   ", "'", "。"] {
            assert!(found(&m, q).is_empty(), "{q:?}");
        }
    }

    #[test]
    fn a_match_can_start_at_a_later_character_and_ranks_lower() {
        let m = people(&["张三", "三毛", "李张三"]);
        assert_eq!(
            kinds(&m, "san"),
            [
                ("三毛".to_string(), MatchKind::PinyinStart),
                ("李张三".to_string(), MatchKind::PinyinInside),
                ("张三".to_string(), MatchKind::PinyinInside),
            ],
            "li before zhang"
        );
        assert_eq!(
            kinds(&m, "zs"),
            [("张三".to_string(), MatchKind::PinyinStart), ("李张三".into(), MatchKind::PinyinInside)]
        );
    }

    #[test]
    fn polyphones_match_on_any_reading() {
        let m = people(&["单田芳", "曾国藩", "吕布", "尉迟恭", "乐嘉", "长孙无忌", "解缙", "仇英", "区庄", "朴正"]);
        for (q, name) in [
            ("stf", "单田芳"),
            ("dtf", "单田芳"),
            ("shantianfang", "单田芳"),
            ("zgf", "曾国藩"),
            ("cgf", "曾国藩"),
            ("lvbu", "吕布"),
            ("lubu", "吕布"),
            ("ycg", "尉迟恭"),
            ("wcg", "尉迟恭"),
            ("yuejia", "乐嘉"),
            ("lejia", "乐嘉"),
            ("zhangsun", "长孙无忌"),
            ("changsun", "长孙无忌"),
            ("xiejin", "解缙"),
            ("qiuying", "仇英"),
            ("ouzhuang", "区庄"),
            ("piaozheng", "朴正"),
        ] {
            assert!(found(&m, q).contains(&name.to_string()), "{q} should find {name}: {:?}", found(&m, q));
        }
        assert_eq!(found(&m, "lvb"), ["吕布"]);
        assert!(found(&m, "vbu").is_empty(), "v is not a syllable start here");
    }

    #[test]
    fn chinese_queries_rank_exact_then_prefix_then_inside() {
        let m = people(&["李张三", "张三丰", "张三", "王五", "张山"]);
        assert_eq!(
            kinds(&m, "张三"),
            [
                ("张三".to_string(), MatchKind::ExactName),
                ("张三丰".to_string(), MatchKind::NamePrefix),
                ("李张三".to_string(), MatchKind::NameInside),
            ]
        );
        assert_eq!(found(&m, "张"), ["张三", "张三丰", "张山", "李张三"], "prefix hits sorted by name");
        assert!(found(&m, "赵").is_empty());
        assert!(found(&m, "三丰丰").is_empty());
        assert_eq!(found(&m, "张s"), ["张三", "张三丰", "张山", "李张三"], "characters and letters mixed");
        assert_eq!(found(&m, "张sf"), ["张三丰"]);
        assert!(found(&m, "赵s").is_empty());
    }

    #[test]
    fn pinyin_hits_sort_by_name_and_keep_input_order_for_namesakes() {
        let m = people(&["赵四", "张三", "张山", "张三", "周"]);
        let index = SearchIndex::build(&m, &table());
        let hits: Vec<usize> = index.search("z").iter().map(|h| h.member).collect();
        assert_eq!(hits, [1, 3, 2, 0, 4], "张三 (twice, input order), 张山, 赵四, 周");
    }

    #[test]
    fn names_with_separators_letters_and_rare_characters() {
        let m = people(&["阿依古丽·买买提", "Mary李", "王𬌗", "王兙"]);
        assert_eq!(found(&m, "ayglmmt"), ["阿依古丽·买买提"]);
        assert_eq!(kinds(&m, "maimaiti"), [("阿依古丽·买买提".to_string(), MatchKind::PinyinInside)]);
        assert_eq!(found(&m, "maryli"), ["Mary李"]);
        assert_eq!(found(&m, "wh"), ["王𬌗"], "an Extension E character by its reading");
        assert_eq!(found(&m, "兙"), ["王兙"], "a character without a reading by itself");
        assert_eq!(found(&m, "w兙"), ["王兙"]);
    }

    #[test]
    fn identity_numbers_match_as_substrings_with_either_x() {
        let m = vec![
            member(0, "甲", "11010519491231002X", "13800001111"),
            member(1, "乙", "430121199001011237", "13912311380"),
            member(2, "丙", "", "0731-84561380"),
        ];
        let index = SearchIndex::build(&m, &table());
        let hits = |q: &str| index.search(q).iter().map(|h| (h.member, h.kind)).collect::<Vec<_>>();
        assert_eq!(hits("4301"), [(1, MatchKind::IdNumber)]);
        assert_eq!(hits("002x"), [(0, MatchKind::IdNumber)]);
        assert_eq!(hits("002X"), [(0, MatchKind::IdNumber)]);
        assert_eq!(hits("２X"), [(0, MatchKind::IdNumber)], "full-width digit");
        assert_eq!(hits("11010519491231002x"), [(0, MatchKind::IdNumber)]);
        assert!(hits("1237x").is_empty(), "X only where the number has it");
        assert!(hits("x4301").is_empty(), "an x first is pinyin, and no name reads x4301");
        assert_eq!(hits("4301 2199"), [], "the number has 43012119, not 43012199");
        assert_eq!(hits("430121 1990"), [(1, MatchKind::IdNumber)], "spaces typed between groups");
        // 1380: 乙's phone ends with it, 丙's landline too; 甲's phone has 1380 as well.
        assert_eq!(hits("1380"), [(2, MatchKind::Phone), (0, MatchKind::Phone), (1, MatchKind::Phone)]);
        assert_eq!(hits("07318456"), [(2, MatchKind::Phone)], "the dash of a landline is not typed");
        // 13880 has every digit pair of 1380 (13, 38, 80) but not 1380 itself.
        let m = vec![member(0, "丁", "", "13880")];
        assert!(SearchIndex::build(&m, &table()).search("1380").is_empty());
        assert_eq!(SearchIndex::build(&m, &table()).search("88").len(), 1);
        assert!(SearchIndex::build(&m, &table()).search("83").is_empty());
        // 甲's number has 19491231; 乙's phone has 1231: identity numbers rank first.
        assert_eq!(hits("1231"), [(0, MatchKind::IdNumber), (1, MatchKind::Phone)]);
    }

    #[test]
    fn digit_masks_hold_digits_and_adjacent_pairs() {
        let bits = |bits: &[u32]| bits.iter().fold(0u128, |m, &b| m | 1 << b);
        // 1, 2, X; the pairs 12 (11 + 11·1 + 2) and 2X (11 + 11·2 + 10).
        assert_eq!(digit_mask(b"12X"), bits(&[1, 2, 10, 24, 43]));
        // 9 then 9: the highest pair sits at bit 11 + 99 + 9 = 119, below 128.
        assert_eq!(digit_mask(b"99"), bits(&[9, 119]));
        assert_eq!(digit_mask(b""), 0);
        assert_eq!(digit_mask(b"1") & digit_mask(b"21"), digit_mask(b"1"));
    }

    #[test]
    fn queries_that_mix_digits_and_letters_or_are_too_long_find_nothing() {
        let m = people(&["张三"]);
        assert!(found(&m, "zs1").is_empty());
        assert!(found(&m, "张3").is_empty());
        assert!(found(&m, &"z".repeat(100)).is_empty());
        assert!(SearchIndex::build(&[], &table()).search("z").is_empty());
        assert_eq!(SearchIndex::build(&m, &table()).len(), 1);
    }

    /// A direct reading of the rule, for comparison: the query splits into non-empty prefixes of
    /// a reading of consecutive characters, starting at `start`.
    fn reference(pinyin: &Pinyin, name: &[char], start: usize, q: &[u8]) -> bool {
        if q.is_empty() {
            return true;
        }
        let Some(&c) = name.get(start) else { return false };
        if c == '·' {
            return reference(pinyin, name, start + 1, q);
        }
        pinyin.readings(c).iter().any(|&s| {
            let s = pinyin.text(s).as_bytes();
            (1..=q.len().min(s.len()))
                .take_while(|&l| q[..l].iter().zip(s).all(|(a, b)| a == b || (*a == b'u' && *b == b'v')))
                .any(|l| reference(pinyin, name, start + 1, &q[l..]))
        })
    }

    #[test]
    fn the_index_agrees_with_a_direct_reading_of_the_rule_on_a_township() {
        use crate::record::Record;
        use crate::station::StationId;
        let generated =
            crate::sample::generate(&crate::sample::Scale { orgs: 40, members: 3_000, households: 0, diaries: 0 }, 7);
        let replica = crate::replica::Replica::new(StationId::from_random([1; 8]));
        let records: Vec<Record> = replica.stage(generated.members, 1, &[]).unwrap();
        let members: Vec<Member> = records.iter().map(Member::from_record).collect();
        let pinyin = table();
        let index = SearchIndex::build(&members, &pinyin);
        let queries = [
            "z",
            "zh",
            "zhang",
            "zj",
            "zjg",
            "wang",
            "wxy",
            "lm",
            "li",
            "xiu",
            "ying",
            "hong",
            "jianguo",
            "zhangjianguo",
            "oy",
            "ouyang",
            "chen",
            "cz",
            "zeng",
            "lu",
            "lv",
            "su",
            "rao",
            "ming",
            "gl",
            "jh",
            "xl",
        ];
        for q in queries {
            let hits = index.search(q);
            let mut expected: Vec<(usize, MatchKind)> = Vec::new();
            for (i, m) in members.iter().enumerate() {
                let name: Vec<char> = m.name.chars().collect();
                if reference(&pinyin, &name, 0, q.as_bytes()) {
                    expected.push((i, MatchKind::PinyinStart));
                } else if (1..name.len()).any(|s| reference(&pinyin, &name, s, q.as_bytes())) {
                    expected.push((i, MatchKind::PinyinInside));
                }
            }
            let mut got: Vec<(usize, MatchKind)> = hits.iter().map(|h| (h.member, h.kind)).collect();
            // Ranked: kind, then name order.
            for w in hits.windows(2) {
                let key = |h: &Hit| (h.kind, pinyin.name_key(&members[h.member].name), h.member);
                assert!(key(&w[0]) < key(&w[1]), "{q}: out of order");
            }
            got.sort_unstable();
            assert_eq!(got, expected, "{q}");
            assert!(!got.is_empty() || ["rao"].contains(&q), "{q} finds someone in a township");
        }
        // Every member is found by their own name, and by its initials from the start.
        for (i, m) in members.iter().enumerate().step_by(37) {
            assert!(index.search(&m.name).iter().any(|h| h.member == i && h.kind == MatchKind::ExactName));
            let initials: String =
                m.name.chars().map(|c| pinyin.text(pinyin.readings(c)[0]).chars().next().unwrap()).collect();
            assert!(index.search(&initials).iter().any(|h| h.member == i && h.kind == MatchKind::PinyinStart));
            let id_tail = &m.id_number[10..];
            assert!(index.search(id_tail).iter().any(|h| h.member == i && h.kind == MatchKind::IdNumber));
        }
    }
}
