//! One fast hash for the app's own tables. The standard SipHash resists keys an attacker picks;
//! ours are record ids (random UUIDs), names and characters from the station's own records, and
//! hashing a county's hundreds of thousands of ids with SipHash cost more than the rest of the
//! maps' work.

use super::record::RecordId;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hash: each word rotated in and multiplied by an odd constant.
pub type FastHash = BuildHasherDefault<FastHasher>;

/// A map by record id with the fast hash (`RecordId` hashes its 16-byte key, not its text).
pub type IdMap<V> = HashMap<RecordId, V, FastHash>;
/// A set of record ids.
pub type IdSet = HashSet<RecordId, FastHash>;

#[derive(Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    #[test]
    fn equal_ids_hash_equal_and_different_ones_spread() {
        let a = RecordId::from_random([7; 16]);
        let again = RecordId::parse(a.as_str()).unwrap();
        let build = FastHash::default();
        assert_eq!(build.hash_one(&a), build.hash_one(&again));
        // Ids that differ in one byte land in different low bits (what a table's buckets use).
        let buckets: HashSet<u64> = (0..=255u8)
            .map(|b| {
                let mut bytes = [7u8; 16];
                bytes[15] = b;
                build.hash_one(RecordId::from_random(bytes)) & 0xfff
            })
            .collect();
        assert!(buckets.len() > 200, "{} distinct buckets of 256", buckets.len());
        let mut by_text = FastHasher::default();
        a.as_str().hash(&mut by_text);
        assert_ne!(by_text.finish(), build.hash_one(&a), "the id hashes its key, not its text");
    }
}
