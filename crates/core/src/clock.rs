//! Hybrid logical clock (HLC): wall-clock milliseconds plus a counter, packed into one number.
//!
//! A station's stamps strictly increase even when its PC clock stands still or steps back, so a
//! (station, stamp) pair names one write for ever. The packing keeps every stamp below 2^53, so
//! the number survives a trip through JavaScript or any other JSON reader unchanged.

use serde::{Deserialize, Serialize};

/// A stamp more than this far ahead of the receiving PC's clock is treated as coming from a PC
/// whose clock is wrong (an old PC set to 2035): it is quarantined, never merged, never observed.
pub const MAX_CLOCK_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

const COUNTER_BITS: u32 = 11;
const COUNTER_MAX: u64 = (1 << COUNTER_BITS) - 1;
/// 2^42 ms after 1970 is in the year 2109: far enough for wall time, and 42 + 11 = 53 bits.
const WALL_MAX: u64 = (1 << 42) - 1;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hlc(u64);

impl Hlc {
    pub const ZERO: Hlc = Hlc(0);

    pub fn new(wall_ms: u64, counter: u64) -> Hlc {
        Hlc((wall_ms.min(WALL_MAX) << COUNTER_BITS) | counter.min(COUNTER_MAX))
    }

    pub fn from_raw(raw: u64) -> Hlc {
        Hlc(raw)
    }

    pub fn raw(self) -> u64 {
        self.0
    }

    pub fn is_zero(&self) -> bool {
        self.0 == 0
    }

    pub fn wall_ms(self) -> u64 {
        self.0 >> COUNTER_BITS
    }

    /// The stamp for a local event at physical time `now_ms`, strictly after `self`.
    pub fn tick(self, now_ms: u64) -> Hlc {
        let now = now_ms.min(WALL_MAX);
        if now > self.wall_ms() {
            Hlc::new(now, 0)
        } else if self.0 & COUNTER_MAX < COUNTER_MAX {
            Hlc(self.0 + 1)
        } else {
            // The counter is spent within one millisecond: borrow the next millisecond.
            Hlc::new(self.wall_ms() + 1, 0)
        }
    }

    /// Whether this stamp is further ahead of `now_ms` than any honest clock would be.
    pub fn is_ahead_of(self, now_ms: u64) -> bool {
        self.wall_ms() > now_ms.saturating_add(MAX_CLOCK_AHEAD_MS)
    }

    /// Takes in a stamp seen in data from elsewhere, so that later local stamps come after it.
    /// A stamp too far ahead of this PC's clock is not taken in: it would drag every later local
    /// stamp into the future with it.
    pub fn observe(self, seen: Hlc, now_ms: u64) -> Hlc {
        if seen.is_ahead_of(now_ms) {
            self
        } else {
            self.max(seen)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_moves_with_the_wall_clock() {
        let a = Hlc::ZERO.tick(1_000);
        assert_eq!(a.wall_ms(), 1_000);
        let b = a.tick(2_000);
        assert_eq!(b.wall_ms(), 2_000);
        assert!(b > a);
    }

    #[test]
    fn tick_increases_when_the_clock_stands_still_or_steps_back() {
        let a = Hlc::ZERO.tick(5_000);
        let b = a.tick(5_000);
        let c = b.tick(4_000);
        assert!(a < b && b < c);
        assert_eq!(c.wall_ms(), 5_000);
    }

    #[test]
    fn a_spent_counter_borrows_the_next_millisecond() {
        let mut h = Hlc::new(7, COUNTER_MAX - 1);
        h = h.tick(7);
        assert_eq!(h, Hlc::new(7, COUNTER_MAX));
        h = h.tick(7);
        assert_eq!(h, Hlc::new(8, 0));
    }

    #[test]
    fn stamps_fit_in_a_javascript_number() {
        let far = Hlc::new(u64::MAX, u64::MAX);
        assert!(far.raw() < (1u64 << 53));
    }

    #[test]
    fn observe_refuses_a_stamp_from_a_clock_far_ahead() {
        let now = 1_800_000_000_000; // 2027
        let local = Hlc::new(now, 0);
        let from_2035 = Hlc::new(2_051_000_000_000, 0);
        assert!(from_2035.is_ahead_of(now));
        assert_eq!(local.observe(from_2035, now), local);
        let an_hour_ahead = Hlc::new(now + 3_600_000, 3);
        assert!(!an_hour_ahead.is_ahead_of(now));
        assert_eq!(local.observe(an_hour_ahead, now), an_hour_ahead);
    }
}
