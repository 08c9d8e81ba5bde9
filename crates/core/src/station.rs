//! A station (站点) is one PC's browser running the app: it has a random id made on first run,
//! a name and a level (乡镇 or 村).

use serde::{Deserialize, Serialize};
use std::fmt;

/// 64 random bits, written as 16 lowercase hex digits: short, because it is stored with every
/// write, and a plain number in memory, because there is one in every write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StationId(u64);

impl StationId {
    pub fn from_random(bytes: [u8; 8]) -> StationId {
        StationId(u64::from_be_bytes(bytes))
    }

    pub fn raw(self) -> u64 {
        self.0
    }

    /// Accepts only what `Display` writes, so a damaged entry is noticed.
    pub fn parse(text: &str) -> Option<StationId> {
        let ok = text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| u64::from_str_radix(text, 16).ok().map(StationId)).flatten()
    }
}

impl fmt::Display for StationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for StationId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for StationId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        StationId::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a station id: {text}")))
    }
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// Which kind of office the station is: it decides what the station sees first and how it
/// names its exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StationLevel {
    /// 乡镇 (the township's organization office)
    Township,
    /// 村 (a village's distance-education station)
    Village,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationProfile {
    pub id: StationId,
    pub name: String,
    pub level: StationLevel,
}

/// Why a station name was refused; the UI words it in Chinese.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StationNameError {
    Empty,
    TooLong,
}

pub const STATION_NAME_MAX_CHARS: usize = 40;

/// Trims the name a user typed and checks it is usable in a title and a file name.
pub fn normalize_station_name(raw: &str) -> Result<String, StationNameError> {
    let name: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(StationNameError::Empty)
    } else if name.chars().count() > STATION_NAME_MAX_CHARS {
        Err(StationNameError::TooLong)
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn station_id_round_trips_through_parse() {
        let id = StationId::from_random([0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 0xff]);
        assert_eq!(id.to_string(), "deadbeef000102ff");
        assert_eq!(StationId::parse(&id.to_string()), Some(id));
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"deadbeef000102ff\"");
        assert_eq!(serde_json::from_str::<StationId>("\"deadbeef000102ff\"").unwrap(), id);
        assert!(StationId::from_random([0; 8]) < StationId::from_random([0, 0, 0, 0, 0, 0, 0, 0x10]));
        assert_eq!(StationId::parse("DEADBEEF000102FF"), None);
        assert_eq!(StationId::parse("deadbeef"), None);
    }

    #[test]
    fn station_names_are_trimmed_and_bounded() {
        assert_eq!(normalize_station_name("  坪塘镇  党委 "), Ok("坪塘镇 党委".to_string()));
        assert_eq!(normalize_station_name("   "), Err(StationNameError::Empty));
        let long: String = "镇".repeat(STATION_NAME_MAX_CHARS + 1);
        assert_eq!(normalize_station_name(&long), Err(StationNameError::TooLong));
    }
}
