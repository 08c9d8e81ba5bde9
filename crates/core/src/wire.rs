//! The JSON form of a record, as stored in chunks and carried in exchange files.
//!
//! Most records are written at one stamp (one station, one clock: created in one go). The record
//! names that stamp once (`t`, `s`), and the fields written at it appear as plain values in `d`;
//! only the rest (later edits, conflicts) carry their own stamps in `f`. A freshly created member
//! is then plain JSON plus an envelope, a third smaller than writing every stamp out:
//!
//! ```json
//! {"id":"…","k":"member","o":"0a1b…","c":{"0a1b…":3681…},"t":3681…,"s":"0a1b…",
//!  "d":{"name":"张三","sex":"男"},
//!  "f":{"phone":[{"v":"13800000000","t":3699…,"r":3681…}]}}
//! ```
//!
//! The form is canonical: the same record always gives the same text (the stamp chosen is the one
//! most writes share, the greatest on a tie), so a checksum over records means something.

use super::clock::Hlc;
use super::record::{Record, RecordId, Write};
use super::station::StationId;
use crate::field_name::FieldName;
use crate::sorted_map::SortedMap;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

type Stamp = (Hlc, StationId);

impl Record {
    /// The stamp most writes share (the greatest on a tie).
    fn common_stamp(&self) -> Option<Stamp> {
        let mut counts: Vec<(Stamp, usize)> = Vec::with_capacity(2);
        for w in self.fields.values().flatten() {
            let stamp = (w.clock, w.station);
            match counts.iter_mut().find(|(s, _)| *s == stamp) {
                Some((_, n)) => *n += 1,
                None => counts.push((stamp, 1)),
            }
        }
        counts.into_iter().max_by(|(a, na), (b, nb)| na.cmp(nb).then(a.cmp(b))).map(|(s, _)| s)
    }
}

fn is_plain(ws: &[Write], stamp: Option<Stamp>) -> bool {
    matches!(ws, [w] if Some((w.clock, w.station)) == stamp && w.replaced.is_zero())
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let stamp = self.common_stamp();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("k", &self.kind)?;
        map.serialize_entry("o", &self.origin)?;
        map.serialize_entry("c", &self.seen)?;
        if let Some((clock, station)) = stamp {
            map.serialize_entry("t", &clock)?;
            map.serialize_entry("s", &station)?;
        }
        if self.fields.values().any(|ws| is_plain(ws, stamp)) {
            map.serialize_entry("d", &PlainFields { record: self, stamp })?;
        }
        if self.fields.values().any(|ws| !is_plain(ws, stamp)) {
            map.serialize_entry("f", &StampedFields { record: self, stamp })?;
        }
        map.end()
    }
}

struct PlainFields<'a> {
    record: &'a Record,
    stamp: Option<Stamp>,
}

impl Serialize for PlainFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, ws) in self.record.fields.iter().filter(|(_, ws)| is_plain(ws, self.stamp)) {
            map.serialize_entry(name, &ws[0].value)?;
        }
        map.end()
    }
}

struct StampedFields<'a> {
    record: &'a Record,
    stamp: Option<Stamp>,
}

impl Serialize for StampedFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, ws) in self.record.fields.iter().filter(|(_, ws)| !is_plain(ws, self.stamp)) {
            map.serialize_entry(name, &Writes { writes: ws, stamp: self.stamp })?;
        }
        map.end()
    }
}

struct Writes<'a> {
    writes: &'a [Write],
    stamp: Option<Stamp>,
}

impl Serialize for Writes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.writes.len()))?;
        for w in self.writes {
            seq.serialize_element(&WriteOut { write: w, stamp: self.stamp })?;
        }
        seq.end()
    }
}

struct WriteOut<'a> {
    write: &'a Write,
    stamp: Option<Stamp>,
}

impl Serialize for WriteOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let w = self.write;
        let (default_clock, default_station) = self.stamp.unzip();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("v", &w.value)?;
        if Some(w.clock) != default_clock {
            map.serialize_entry("t", &w.clock)?;
        }
        if Some(w.station) != default_station {
            map.serialize_entry("s", &w.station)?;
        }
        if !w.replaced.is_zero() {
            map.serialize_entry("r", &w.replaced)?;
        }
        map.end()
    }
}

// Unknown keys are refused, not dropped: a record a newer build wrote with more in it is kept as
// damage (reported, its chunk never rewritten) rather than stored again without what it held.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordIn {
    id: RecordId,
    k: String,
    o: StationId,
    c: BTreeMap<StationId, Hlc>,
    t: Option<Hlc>,
    s: Option<StationId>,
    #[serde(default)]
    d: BTreeMap<String, Value>,
    #[serde(default)]
    f: BTreeMap<String, Vec<WriteIn>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteIn {
    v: Value,
    t: Option<Hlc>,
    s: Option<StationId>,
    #[serde(default)]
    r: Hlc,
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let raw = RecordIn::deserialize(deserializer)?;
        let missing = || D::Error::custom("a field has no stamp (t, s) and the record names none");
        let mut fields: SortedMap<FieldName, Vec<Write>> = SortedMap::with_capacity(raw.d.len() + raw.f.len());
        for (name, value) in raw.d {
            let (clock, station) = raw.t.zip(raw.s).ok_or_else(missing)?;
            fields.insert(FieldName::new(&name), vec![Write { value, clock, station, replaced: Hlc::ZERO }]);
        }
        for (name, writes) in raw.f {
            let mut ws = Vec::with_capacity(writes.len());
            for w in writes {
                let clock = w.t.or(raw.t).ok_or_else(missing)?;
                let station = w.s.or(raw.s).ok_or_else(missing)?;
                ws.push(Write { value: w.v, clock, station, replaced: w.r });
            }
            if fields.insert(FieldName::new(&name), ws).is_some() {
                return Err(D::Error::custom("a field is both in d and in f"));
            }
        }
        let record = Record { id: raw.id, kind: raw.k, origin: raw.o, seen: raw.c.into_iter().collect(), fields };
        record.check().map_err(D::Error::custom)?;
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::kind;
    use serde_json::json;

    fn station(n: u8) -> StationId {
        StationId::from_random([n; 8])
    }

    fn member() -> Record {
        let a = station(1);
        let mut r = Record::new(RecordId::from_random([7; 16]), kind::MEMBER, a);
        r.set("name", json!("张三"), Hlc::new(10, 0), &a);
        r.set("sex", json!("男"), Hlc::new(10, 0), &a);
        r
    }

    #[test]
    fn a_record_written_at_one_stamp_is_plain_values() {
        let text = serde_json::to_string(&member()).unwrap();
        assert_eq!(
            text,
            r#"{"id":"07070707-0707-4707-8707-070707070707","k":"member","o":"0101010101010101","c":{"0101010101010101":20480},"t":20480,"s":"0101010101010101","d":{"name":"张三","sex":"男"}}"#
        );
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), member());
    }

    #[test]
    fn later_edits_and_conflicts_carry_their_own_stamps() {
        let (a, b) = (station(1), station(2));
        let base = member();
        let mut at_a = base.clone();
        at_a.set("phone", json!("13800000000"), Hlc::new(20, 0), &a);
        let mut at_b = base.clone();
        at_b.set("name", json!("张叁"), Hlc::new(30, 0), &b);
        let mut at_a2 = at_a.clone();
        at_a2.set("name", json!("张三丰"), Hlc::new(25, 0), &a);
        let merged = at_a2.merge(&at_b);
        assert_eq!(merged.conflicts().count(), 1);
        let text = serde_json::to_string(&merged).unwrap();
        // Every stamp occurs once, so the greatest (b's) is the record's, and only b's write omits it.
        assert!(text.contains(r#""t":61440,"s":"0202020202020202""#), "{text}");
        assert!(!text.contains(r#""d":"#), "{text}");
        assert!(
            text.contains(
                r#""name":[{"v":"张叁","r":20480},{"v":"张三丰","t":51200,"s":"0101010101010101","r":20480}]"#
            ),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), merged);
    }

    #[test]
    fn the_same_record_always_gives_the_same_text() {
        let r = member();
        let once = serde_json::to_string(&r).unwrap();
        let again = serde_json::to_string(&serde_json::from_str::<Record>(&once).unwrap()).unwrap();
        assert_eq!(once, again);
    }

    #[test]
    fn a_write_without_any_stamp_is_refused() {
        let text =
            r#"{"id":"07070707-0707-4707-8707-070707070707","k":"member","o":"0101010101010101","d":{"name":"张三"}}"#;
        assert!(serde_json::from_str::<Record>(text).is_err());
    }

    /// A member written at stamp 10 by station 01, as this code writes it, with `change` applied
    /// to its JSON: what a damaged or foreign record might hold.
    fn altered(change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Result<Record, String> {
        let mut value = serde_json::to_value(member()).unwrap();
        change(value.as_object_mut().unwrap());
        serde_json::from_value::<Record>(value).map_err(|e| e.to_string())
    }

    #[test]
    fn an_envelope_that_breaks_the_merge_rules_is_refused() {
        assert!(altered(|_| {}).is_ok(), "the record as written");
        let a = "0101010101010101";
        let b = "0202020202020202";
        // No `c`: its writes would look unseen to every merge.
        assert!(altered(|r| {
            r.remove("c");
        })
        .unwrap_err()
        .contains("missing field `c`"));
        // A `c` that does not cover a write.
        assert!(altered(|r| {
            r.insert("c".into(), json!({ a: 5 }));
        })
        .unwrap_err()
        .contains("newer than what the record has seen"));
        // An empty write list.
        assert!(altered(|r| {
            r.insert("f".into(), json!({ "phone": [] }));
        })
        .unwrap_err()
        .contains("no writes"));
        // One stamp twice in a field.
        assert!(altered(|r| {
            r.insert("f".into(), json!({ "phone": [{ "v": "1" }, { "v": "2" }] }));
        })
        .unwrap_err()
        .contains("out of order or a stamp is repeated"));
        // Writes not in winner order (the loser first).
        assert!(altered(|r| {
            r.insert("c".into(), json!({ a: 900_000, b: 900_000 }));
            r.insert(
                "f".into(),
                json!({ "phone": [{ "v": "1", "t": 800_000, "s": a }, { "v": "2", "t": 900_000, "s": b }] }),
            );
        })
        .unwrap_err()
        .contains("out of order"));
        // In winner order, it is read.
        assert!(altered(|r| {
            r.insert("c".into(), json!({ a: 900_000, b: 900_000 }));
            r.insert(
                "f".into(),
                json!({ "phone": [{ "v": "2", "t": 900_000, "s": b }, { "v": "1", "t": 800_000, "s": a }] }),
            );
        })
        .is_ok());
    }

    #[test]
    fn keys_this_build_does_not_know_are_refused_not_dropped() {
        // A newer build's addition, in the envelope or in a write: storing the record again
        // without it would lose it, so it is read as damage.
        assert!(altered(|r| {
            r.insert("x".into(), json!(1));
        })
        .unwrap_err()
        .contains("unknown field `x`"));
        assert!(altered(|r| {
            r.insert("f".into(), json!({ "phone": [{ "v": "1", "t": 20, "why": "?" }] }));
            r.insert("c".into(), json!({ "0101010101010101": 20 }));
        })
        .unwrap_err()
        .contains("unknown field `why`"));
    }
}
