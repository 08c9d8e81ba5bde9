//! The diaries' index kept between sessions, in the store's `meta`: the app's index (the
//! diaries' facts and texts, the steps' facts: `diary_snapshot`) with the seeds of the two reads
//! it was made from (`IndexSeed`). 民情日记 then opens by reading these parts, a few megabytes
//! each, and the chunks written since, instead of decoding every diary again. The texts but
//! their first block (the entries the list shows first) are read after the first screen
//! (`later_texts`): they are most of the bytes, and only a search or an older entry needs them.
//!
//! Kept only for the store's epoch and by a build that derives the index the same way (its
//! header names both); anything else is not read, and the index is made from the chunks and kept
//! anew. Written when the page is idle after the index was made from the chunks, or after many
//! chunks were written since the last one kept.

use crate::domain::diary_index::DiaryIndex;
use crate::domain::diary_snapshot::{index_parts, text_block_units, IndexFromParts, TEXT_BLOCK_HEAD};
use crate::domain::diary_step::StepFacts;
use crate::store::workspace::{IndexRead, IndexSeed};
use crate::store::StoreError;
use crate::web::idb::{IdbStore, LaterParts};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;

/// Where in `meta` the parts are kept.
pub(crate) const NAME: &str = "diary_index";
/// The form of the parts; a build that writes them otherwise changes it.
const FORMAT: u32 = 2;
/// Chunks written since the index was kept after which it is kept anew (each save writes one).
const KEEP_AGAIN_AFTER_CHUNKS: usize = 16;

/// What each part is, its first byte.
const DIARY_SEED: u8 = 0;
const STEP_SEED: u8 = 1;
const INDEX: u8 = 2;

fn header(epoch: &str) -> String {
    format!("{FORMAT}:{}:{epoch}", env!("DANGJIAN_INDEX_SOURCE"))
}

/// The index and the seeds as read back.
pub struct Kept {
    pub diary_seed: IndexSeed,
    pub step_seed: IndexSeed,
    /// With its first block of texts; the rest come by `later_texts`.
    pub index: DiaryIndex,
    pub steps: Vec<StepFacts>,
    pub later: LaterParts,
}

/// The kept index for the store's `epoch`, if there is a whole one. Damage reads as none.
pub async fn read(store: &IdbStore, epoch: &str) -> Result<Option<Kept>, StoreError> {
    let Some((parts, later)) = store.kept_parts(NAME, &header(epoch)).await? else { return Ok(None) };
    let bytes = parts.iter().filter_map(|p| p.dyn_ref::<Uint8Array>().map(|p| p.length() as usize)).sum();
    let mut diary_seed = IndexSeed::with_room(bytes);
    let mut step_seed = IndexSeed::with_room(bytes);
    let mut index = IndexFromParts::with_room(bytes);
    for part in parts.iter() {
        let Some(part) = part.dyn_ref::<Uint8Array>() else { return Ok(None) };
        let taken = match text_block(part) {
            Some(block) => index.take_text_block(block),
            None => {
                let bytes = part.to_vec();
                match bytes.split_first() {
                    Some((&DIARY_SEED, rest)) => diary_seed.take_part(rest),
                    Some((&STEP_SEED, rest)) => step_seed.take_part(rest),
                    Some((&INDEX, rest)) => index.take_part(rest),
                    _ => None,
                }
            }
        };
        if taken.is_none() {
            return Ok(None);
        }
    }
    Ok(index.finish().map(|(index, steps)| Kept { diary_seed, step_seed, index, steps, later }))
}

/// The blocks of texts `read` left for later, each copied into wasm memory; `None` if a part is
/// not one (damage).
pub async fn later_texts(later: LaterParts) -> Result<Option<Vec<Vec<u16>>>, StoreError> {
    let parts = later.take().await?;
    Ok(parts.iter().map(|p| p.dyn_ref::<Uint8Array>().and_then(text_block)).collect())
}

/// Parts made while the index is made, kept until they are written: a copy outside wasm memory
/// (which never shrinks), made before `settle_indexed` takes the read.
#[derive(Default)]
pub struct SeedParts {
    parts: Vec<Uint8Array>,
    diary: bool,
    step: bool,
}

impl SeedParts {
    /// Takes a read's seed, if it can be one and is worth keeping: made from every chunk, or
    /// from a kept one and many chunks written since.
    pub fn take(&mut self, read: &IndexRead, is_step: bool) {
        if !read.can_seed() || read.seeded().is_some_and(|n| n < KEEP_AGAIN_AFTER_CHUNKS) {
            return;
        }
        let section = if is_step { STEP_SEED } else { DIARY_SEED };
        read.seed_parts(&mut |bytes| self.parts.push(framed(section, &bytes)));
        if is_step {
            self.step = true;
        } else {
            self.diary = true;
        }
    }

    /// Both kinds' seeds are here: the index can be kept.
    pub fn is_whole(&self) -> bool {
        self.diary && self.step
    }
}

/// Keeps the index with the seeds of the reads it was made from. Refused (`Stale`) if the store's
/// epoch is no longer `epoch`. Skipped, and any index kept before removed, when the disk has not
/// room for twice its size.
pub async fn write(
    store: &IdbStore,
    epoch: &str,
    seeds: SeedParts,
    index: &DiaryIndex,
    steps: &[StepFacts],
) -> Result<bool, StoreError> {
    if !index.texts_ready() {
        return Ok(false);
    }
    let mut parts = seeds.parts;
    let mut size = parts.iter().map(|p| p.length() as f64).sum::<f64>();
    // Read at once: the seeds, the facts and the first block of texts (the texts come last).
    let mut first = None;
    index_parts(index, steps, &mut |bytes| {
        size += bytes.len() as f64;
        let is_texts = text_block_units(&bytes).is_some();
        parts.push(framed(INDEX, &bytes));
        if is_texts && first.is_none() {
            first = Some(parts.len());
        }
    });
    let room = crate::web::browser::storage_state().await;
    if let (Some(usage), Some(quota)) = (room.usage_bytes, room.quota_bytes) {
        if quota - usage < 2.0 * size {
            // An index kept for an older state would only hold the space the disk lacks.
            store.forget_parts(NAME).await?;
            return Ok(false);
        }
    }
    let first = first.unwrap_or(parts.len());
    store.keep_parts(NAME, &header(epoch), epoch, &parts, first).await?;
    Ok(true)
}

/// The units of a part of texts, copied straight from the stored bytes into a list of units (the
/// bulk of the index: not copied as bytes and decoded).
fn text_block(part: &Uint8Array) -> Option<Vec<u16>> {
    let head = 1 + TEXT_BLOCK_HEAD as u32;
    if part.length() < head || part.get_index(0) != INDEX {
        return None;
    }
    let n = text_block_units(&part.subarray(1, head).to_vec())?;
    // A view of 16-bit units must start at an even byte: copy the bytes first otherwise.
    let offset = part.byte_offset() + head;
    if part.length() != head + 2 * n as u32 || !offset.is_multiple_of(2) {
        return None;
    }
    // Copied into memory not zeroed first: zeroing a county's 107 MB of texts cost 50 ms.
    let mut block: Vec<u16> = Vec::with_capacity(n);
    let units = js_sys::Uint16Array::new_with_byte_offset_and_length(&part.buffer(), offset, n as u32);
    let copied = units.copy_to_uninit(&mut block.spare_capacity_mut()[..n]).len();
    // SAFETY: `copy_to_uninit` initialized the first `n` units, all of them (`copied == n`).
    unsafe { block.set_len(copied) };
    Some(block)
}

/// A part as stored: what it is, then its bytes, copied out of wasm memory.
fn framed(section: u8, bytes: &[u8]) -> Uint8Array {
    let out = Uint8Array::new_with_length(bytes.len() as u32 + 1);
    out.set_index(0, section);
    out.subarray(1, bytes.len() as u32 + 1).copy_from(bytes);
    out
}
