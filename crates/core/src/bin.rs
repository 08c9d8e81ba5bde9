//! A plain binary form for what the app keeps between sessions and derives from records (the
//! diaries' index: `Snapshot`s), never for records themselves, which travel as canonical JSON.
//! Little-endian fixed-width numbers, lengths before lists. Reading never panics: anything short
//! or out of range reads as `None`, and the whole snapshot is then thrown away and made again from
//! the records.

use crate::clock::Hlc;
use crate::record::IdKey;
use crate::station::StationId;

#[derive(Default)]
pub struct BinWriter {
    bytes: Vec<u8>,
}

impl BinWriter {
    pub fn with_capacity(n: usize) -> BinWriter {
        BinWriter { bytes: Vec::with_capacity(n) }
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn u8(&mut self, n: u8) {
        self.bytes.push(n);
    }

    pub fn u32(&mut self, n: u32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    pub fn u64(&mut self, n: u64) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    pub fn i32(&mut self, n: i32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }

    pub fn len_of(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    pub fn key(&mut self, k: IdKey) {
        let (high, low) = k.halves();
        self.u64(high);
        self.u64(low);
    }

    /// A key or none: a flag byte first.
    pub fn opt_key(&mut self, k: Option<IdKey>) {
        match k {
            Some(k) => {
                self.u8(1);
                self.key(k);
            }
            None => self.u8(0),
        }
    }

    pub fn hlc(&mut self, h: Hlc) {
        self.u64(h.raw());
    }

    pub fn station(&mut self, s: StationId) {
        self.u64(s.raw());
    }

    pub fn str(&mut self, s: &str) {
        self.len_of(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn units(&mut self, units: &[u16]) {
        self.len_of(units.len());
        self.bytes.reserve(units.len() * 2);
        for u in units {
            self.bytes.extend_from_slice(&u.to_le_bytes());
        }
    }
}

pub struct BinReader<'a> {
    rest: &'a [u8],
}

impl<'a> BinReader<'a> {
    pub fn new(bytes: &'a [u8]) -> BinReader<'a> {
        BinReader { rest: bytes }
    }

    pub fn is_done(&self) -> bool {
        self.rest.is_empty()
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.rest.split_first_chunk::<N>()?;
        self.rest = rest;
        Some(*head)
    }

    pub fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }

    pub fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    pub fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    pub fn i32(&mut self) -> Option<i32> {
        self.take().map(i32::from_le_bytes)
    }

    /// A length, refused if it could not fit in what is left (each item takes at least `min`
    /// bytes): a damaged length never asks for gigabytes.
    pub fn len_of(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.saturating_mul(min.max(1)) <= self.rest.len()).then_some(n)
    }

    pub fn key(&mut self) -> Option<IdKey> {
        Some(IdKey::from_halves(self.u64()?, self.u64()?))
    }

    pub fn opt_key(&mut self) -> Option<Option<IdKey>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.key().map(Some),
            _ => None,
        }
    }

    pub fn hlc(&mut self) -> Option<Hlc> {
        self.u64().map(Hlc::from_raw)
    }

    pub fn station(&mut self) -> Option<StationId> {
        self.u64().map(|raw| StationId::from_random(raw.to_be_bytes()))
    }

    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.len_of(1)?;
        let (text, rest) = self.rest.split_at(n);
        self.rest = rest;
        std::str::from_utf8(text).ok()
    }

    /// UTF-16 units, appended to `into`.
    pub fn units_into(&mut self, into: &mut Vec<u16>) -> Option<()> {
        let n = self.len_of(2)?;
        let (bytes, rest) = self.rest.split_at(n * 2);
        self.rest = rest;
        into.extend(bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])));
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let mut w = BinWriter::default();
        let key = crate::record::RecordId::from_random([7; 16]).key();
        w.u8(3);
        w.u32(70_000);
        w.u64(u64::MAX - 1);
        w.i32(-5);
        w.key(key);
        w.opt_key(None);
        w.opt_key(Some(key));
        w.hlc(Hlc::new(1_700_000_000_000, 3));
        w.station(StationId::from_random([9; 8]));
        w.str("向阳村");
        w.units(&"民情".encode_utf16().collect::<Vec<_>>());
        let bytes = w.into_bytes();
        let mut r = BinReader::new(&bytes);
        assert_eq!(r.u8(), Some(3));
        assert_eq!(r.u32(), Some(70_000));
        assert_eq!(r.u64(), Some(u64::MAX - 1));
        assert_eq!(r.i32(), Some(-5));
        assert_eq!(r.key(), Some(key));
        assert_eq!(r.opt_key(), Some(None));
        assert_eq!(r.opt_key(), Some(Some(key)));
        assert_eq!(r.hlc(), Some(Hlc::new(1_700_000_000_000, 3)));
        assert_eq!(r.station(), Some(StationId::from_random([9; 8])));
        assert_eq!(r.str(), Some("向阳村"));
        let mut units = Vec::new();
        assert_eq!(r.units_into(&mut units), Some(()));
        assert_eq!(String::from_utf16_lossy(&units), "民情");
        assert!(r.is_done());
    }

    #[test]
    fn short_or_damaged_input_reads_as_none_at_every_cut() {
        let mut w = BinWriter::default();
        w.str("党员");
        w.u64(42);
        w.opt_key(Some(IdKey::from_halves(1, 2)));
        let bytes = w.into_bytes();
        for cut in 0..bytes.len() {
            let mut r = BinReader::new(&bytes[..cut]);
            let whole = r.str().and_then(|_| r.u64()).and_then(|_| r.opt_key());
            assert_eq!(whole, None, "cut at {cut}");
        }
        let mut huge = BinWriter::default();
        huge.u32(u32::MAX);
        assert_eq!(BinReader::new(&huge.into_bytes()).str(), None, "a length past the end");
        assert_eq!(BinReader::new(&[2]).opt_key(), None, "a flag neither 0 nor 1");
    }
}
