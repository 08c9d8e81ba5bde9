//! The stored form of records: a chunk is one JSON array of record envelopes of one kind.
//!
//! Records are written in chunks, not one by one: one IndexedDB put per record costs far more
//! than the bytes it writes (DESIGN.md). A station's state is the merge of all its chunks, so a
//! chunk is both a snapshot segment and a journal entry, and replaying them in any order, even
//! twice, gives the same records.

use dangjian_core::record::{Record, RecordId};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Records per chunk when writing many at once: large enough that per-put costs vanish, small
/// enough that one chunk's text stays a few megabytes.
pub const RECORDS_PER_CHUNK: usize = 2_000;

/// A chunk as the store holds it. `key` orders chunks by when they were written; `body` is the
/// JSON text in UTF-8 (kept as bytes: no conversion to and from the browser's UTF-16 strings).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredChunk {
    pub key: u64,
    pub kind: String,
    pub count: u32,
    pub body: Vec<u8>,
}

/// A chunk about to be written; the store gives it its key.
#[derive(Clone, Debug, PartialEq)]
pub struct NewChunk {
    pub kind: String,
    pub count: u32,
    pub body: Vec<u8>,
}

/// A stored record that could not be read. It is reported by id and left in the store as it is,
/// so a newer version of the app (or a person) can still recover it.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeFailure {
    pub chunk: u64,
    /// The record's id if that much could be read.
    pub record_id: Option<String>,
    pub reason: String,
}

/// Encodes records into chunks of one kind each, at most `RECORDS_PER_CHUNK` records apiece.
pub fn encode_chunks(records: &[Record]) -> Vec<NewChunk> {
    let mut out = Vec::new();
    encode_chunks_into::<std::convert::Infallible>(records, &mut |c| {
        out.push(c);
        Ok(())
    })
    .unwrap_or_else(|never| match never {});
    out
}

/// Encodes records chunk by chunk, handing each to `sink` as soon as it is made, so the store can
/// be writing one chunk while the next is encoded.
pub fn encode_chunks_into<E>(records: &[Record], sink: &mut dyn FnMut(NewChunk) -> Result<(), E>) -> Result<(), E> {
    let mut kinds: Vec<&str> = records.iter().map(|r| r.kind.as_str()).collect();
    dangjian_core::sort::sort_by(&mut kinds, |a, b| a.cmp(b));
    kinds.dedup();
    for kind in kinds {
        let of_kind: Vec<&Record> = records.iter().filter(|r| r.kind == kind).collect();
        for part in of_kind.chunks(RECORDS_PER_CHUNK) {
            // Sized near the result up front: a chunk is megabytes, and growing by doubling copies it.
            let mut body = Vec::with_capacity(part.len() * 1_400);
            serde_json::to_writer(&mut body, part).expect("records serialize to JSON");
            sink(NewChunk { kind: kind.to_string(), count: part.len() as u32, body })?;
        }
    }
    Ok(())
}

/// The result of reading one chunk: the records that decoded, and a report for each that did not.
#[derive(Debug, Default)]
pub struct DecodedChunk {
    pub records: Vec<Record>,
    pub failures: Vec<DecodeFailure>,
}

/// Decodes a chunk record by record, so one damaged record does not hide the others.
pub fn decode_chunk(chunk: &StoredChunk) -> DecodedChunk {
    let items: Vec<&RawValue> = match serde_json::from_slice(&chunk.body) {
        Ok(items) => items,
        Err(e) => {
            return DecodedChunk {
                records: Vec::new(),
                failures: vec![DecodeFailure {
                    chunk: chunk.key,
                    record_id: None,
                    reason: format!("整块无法读取：{e}"),
                }],
            }
        }
    };
    let mut out = DecodedChunk { records: Vec::with_capacity(items.len()), failures: Vec::new() };
    for item in items {
        match serde_json::from_str::<Record>(item.get()) {
            Ok(r) if r.kind != chunk.kind => out.failures.push(DecodeFailure {
                chunk: chunk.key,
                record_id: Some(r.id.to_string()),
                reason: format!("记录类别 {} 与数据块类别 {} 不一致", r.kind, chunk.kind),
            }),
            Ok(r) => out.records.push(r),
            Err(e) => out.failures.push(DecodeFailure {
                chunk: chunk.key,
                record_id: id_of(item.get()),
                reason: e.to_string(),
            }),
        }
    }
    out
}

/// Decodes only the records whose id `wanted` accepts, reading no more of the others than their
/// id: for picking a few records out of a chunk read before. Records that do not decode are
/// skipped (`decode_chunk` reported them when the chunk was first read).
pub fn decode_where(chunk: &StoredChunk, wanted: &mut dyn FnMut(&RecordId) -> bool) -> Vec<Record> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: RecordId,
    }
    let Ok(items) = serde_json::from_slice::<Vec<&RawValue>>(&chunk.body) else { return Vec::new() };
    items
        .into_iter()
        .filter(|item| serde_json::from_str::<IdOnly>(item.get()).is_ok_and(|x| wanted(&x.id)))
        .filter_map(|item| serde_json::from_str::<Record>(item.get()).ok())
        .filter(|r| r.kind == chunk.kind)
        .collect()
}

/// Reads just the `id` of a record that failed to decode, if it has a readable one.
fn id_of(raw: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: String,
    }
    serde_json::from_str::<IdOnly>(raw).ok().map(|x| x.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dangjian_core::clock::Hlc;
    use dangjian_core::record::{kind, RecordId};
    use dangjian_core::station::StationId;
    use serde_json::json;

    fn record(n: u16, k: &str) -> Record {
        let s = StationId::from_random([1; 8]);
        let mut bytes = [0u8; 16];
        bytes[..2].copy_from_slice(&n.to_be_bytes());
        let mut r = Record::new(RecordId::from_random(bytes), k, s);
        r.set("name", json!(format!("记录{n}")), Hlc::new(10 + n as u64, 0), &s);
        r
    }

    fn stored(key: u64, c: &NewChunk) -> StoredChunk {
        StoredChunk { key, kind: c.kind.clone(), count: c.count, body: c.body.clone() }
    }

    #[test]
    fn chunks_hold_one_kind_and_a_bounded_count() {
        let mut records: Vec<Record> = (0..(RECORDS_PER_CHUNK as u16 + 5)).map(|n| record(n, kind::MEMBER)).collect();
        records.push(record(60_000, kind::ORG));
        let chunks = encode_chunks(&records);
        assert_eq!(chunks.len(), 3);
        assert!(chunks.iter().all(|c| c.count as usize <= RECORDS_PER_CHUNK));
        let back: Vec<Record> =
            chunks.iter().enumerate().flat_map(|(i, c)| decode_chunk(&stored(i as u64, c)).records).collect();
        assert_eq!(back.len(), records.len());
        assert!(chunks.iter().all(|c| decode_chunk(&stored(0, c)).records.iter().all(|r| r.kind == c.kind)));
    }

    #[test]
    fn a_damaged_record_is_reported_by_id_and_the_rest_still_load() {
        let good = serde_json::to_string(&record(1, kind::ORG)).unwrap();
        let body = format!(r#"[{good},{{"id":"0000-broken","k":"org","f":17}}]"#);
        let chunk = StoredChunk { key: 4, kind: kind::ORG.into(), count: 2, body: body.into_bytes() };
        let d = decode_chunk(&chunk);
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.failures.len(), 1);
        assert_eq!(d.failures[0].record_id.as_deref(), Some("0000-broken"));
        assert_eq!(d.failures[0].chunk, 4);
    }

    #[test]
    fn records_that_break_the_envelope_rules_or_hold_unknown_keys_are_damage_not_data() {
        // A newer build's key, and a `c` that covers none of the writes: both reported by id, and
        // neither read (so never written back without what it held).
        let good = record(1, kind::ORG);
        let mut newer = serde_json::to_value(record(2, kind::ORG)).unwrap();
        newer["x"] = json!({ "kept": true });
        let mut uncovered = serde_json::to_value(record(3, kind::ORG)).unwrap();
        uncovered["c"] = json!({});
        let body = serde_json::to_vec(&json!([good, newer, uncovered])).unwrap();
        let d = decode_chunk(&StoredChunk { key: 5, kind: kind::ORG.into(), count: 3, body });
        assert_eq!(d.records, [good]);
        let ids: Vec<_> = d.failures.iter().map(|f| f.record_id.clone().unwrap()).collect();
        assert_eq!(ids, [record(2, kind::ORG).id.to_string(), record(3, kind::ORG).id.to_string()]);
        assert!(d.failures[0].reason.contains("unknown field `x`"), "{}", d.failures[0].reason);
        assert!(d.failures[1].reason.contains("newer than what the record has seen"), "{}", d.failures[1].reason);
    }

    #[test]
    fn a_few_records_are_picked_out_of_a_chunk() {
        let records: Vec<Record> = (0..5).map(|n| record(n, kind::DIARY)).collect();
        let chunk = stored(3, &encode_chunks(&records)[0]);
        let picked = decode_where(&chunk, &mut |id| *id == records[1].id || *id == records[4].id);
        assert_eq!(picked, [records[1].clone(), records[4].clone()]);
    }

    #[test]
    fn a_chunk_that_is_not_json_is_reported_whole() {
        let chunk = StoredChunk { key: 9, kind: kind::ORG.into(), count: 1, body: b"[{\"id\":".to_vec() };
        let d = decode_chunk(&chunk);
        assert!(d.records.is_empty());
        assert_eq!(d.failures.len(), 1);
        assert_eq!(d.failures[0].record_id, None);
    }
}
