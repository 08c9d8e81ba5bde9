//! A damaged .xls can make calamine run out of memory, which in the spreadsheet worker is a tab
//! that freezes, then dies: it follows the compound file's sector chains (MS-CFB) until their end
//! mark, and a chain that runs in a circle never ends; and it reserves room for every cell a
//! sheet's DIMENSIONS record declares (MS-XLS 2.4.90), believed whatever it says. So before
//! calamine reads one, it is checked here: the DIFAT chain ends within the file; the FAT and the
//! mini FAT hold no circle and no link outside themselves; and no sheet of the workbook stream
//! declares more than `MAX_CELLS` cells.

/// A sheet's declared cells at most: a county's roster is about 50,000 rows by 40 columns.
const MAX_CELLS: u64 = 4_000_000;

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Values from here up are marks (free, end of chain, FAT and DIFAT sectors), not links.
const MARKS: u32 = 0xFFFF_FFFA;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The compound file's sectors, by number (sector 0 follows the 512-byte header).
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
}

impl Sectors<'_> {
    fn count(&self) -> usize {
        self.bytes.len().saturating_sub(512).div_ceil(self.size)
    }

    /// The sector's 32-bit entries (a short last sector: the entries it holds).
    fn entries(&self, id: u32) -> Result<Vec<u32>, &'static str> {
        let start = (id as usize).checked_add(1).and_then(|n| n.checked_mul(self.size)).ok_or("sector number")?;
        let sector = self.bytes.get(start..).ok_or("a sector beyond the end of the file")?;
        let sector = &sector[..sector.len().min(self.size)];
        Ok(sector.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
}

/// Checks a compound file's allocation tables; the reason if they would send a reader in circles.
pub fn check(bytes: &[u8]) -> Result<(), &'static str> {
    let shift = bytes.get(0x1E..0x20).map(|b| u16::from_le_bytes([b[0], b[1]])).ok_or("header")?;
    if shift != 9 && shift != 12 {
        return Err("sector size");
    }
    let sectors = Sectors { bytes, size: 1 << shift };
    let header = |at| u32_at(bytes, at).ok_or("header");

    // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
    let mut fat_sectors: Vec<u32> =
        (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).filter(|&s| s < MARKS).collect();
    let mut next = header(0x44)?;
    let mut steps = 0;
    while next < MARKS {
        steps += 1;
        if steps > sectors.count() {
            return Err("the DIFAT chain runs in a circle");
        }
        let mut entries = sectors.entries(next)?;
        next = entries.pop().unwrap_or(END_OF_CHAIN);
        fat_sectors.extend(entries.into_iter().filter(|&s| s < MARKS));
    }
    let mut fat = Vec::new();
    for id in fat_sectors {
        fat.extend(sectors.entries(id)?);
    }
    no_circles(&fat)?;

    // The mini FAT: its sectors are a chain of the FAT (checked above), its links a table of their own.
    let mut mini_fat = Vec::new();
    let mut next = header(0x3C)?;
    while next < MARKS {
        mini_fat.extend(sectors.entries(next)?);
        next = *fat.get(next as usize).ok_or("a link outside the FAT")?;
    }
    no_circles(&mini_fat)?;

    // The workbook stream, found in the directory (itself a chain of the FAT).
    let tables = Tables { sectors, fat, mini_fat };
    let directory = tables.chain(header(0x30)?, u64::MAX)?;
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let root = entries.first().ok_or("no directory")?;
    let mini_stream = tables.chain(u32_at(root, 0x74).ok_or("directory")?, u64::MAX)?;
    // Found as calamine finds it: the name up to its first zero byte, in any case, of any type.
    let named = |e: &&[u8], name: &str| {
        let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let text = String::from_utf16_lossy(&units);
        text.split('\0').next().unwrap_or("").eq_ignore_ascii_case(name)
    };
    // No workbook stream: calamine says so itself.
    let Some(book) =
        entries.iter().find(|e| named(e, "Workbook")).or_else(|| entries.iter().find(|e| named(e, "Book")))
    else {
        return Ok(());
    };
    let size = u32_at(book, 0x78).ok_or("directory")? as u64;
    let start = u32_at(book, 0x74).ok_or("directory")?;
    let stream = if size < 4096 { tables.mini_chain(&mini_stream, start, size)? } else { tables.chain(start, size)? };
    declared_sizes(&stream)
}

/// The FAT and mini FAT, checked: following a chain of either ends.
struct Tables<'a> {
    sectors: Sectors<'a>,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
}

impl Tables<'_> {
    /// A stream of sectors from `start`, at most `size` bytes.
    fn chain(&self, start: u32, size: u64) -> Result<Vec<u8>, &'static str> {
        let mut out = Vec::new();
        let mut next = start;
        while next < MARKS && (out.len() as u64) < size {
            let from = (next as usize + 1) * self.sectors.size;
            let sector = self.sectors.bytes.get(from..).ok_or("a sector beyond the end of the file")?;
            out.extend_from_slice(&sector[..sector.len().min(self.sectors.size)]);
            next = *self.fat.get(next as usize).ok_or("a link outside the FAT")?;
        }
        out.truncate(size.min(out.len() as u64) as usize);
        Ok(out)
    }

    /// A stream of 64-byte mini sectors of the mini stream, from `start`, at most `size` bytes.
    fn mini_chain(&self, mini_stream: &[u8], start: u32, size: u64) -> Result<Vec<u8>, &'static str> {
        let mut out = Vec::new();
        let mut next = start;
        while next < MARKS && (out.len() as u64) < size {
            let from = next as usize * 64;
            let sector = mini_stream.get(from..).ok_or("a mini sector beyond the mini stream")?;
            out.extend_from_slice(&sector[..sector.len().min(64)]);
            next = *self.mini_fat.get(next as usize).ok_or("a link outside the mini FAT")?;
        }
        out.truncate(size.min(out.len() as u64) as usize);
        Ok(out)
    }
}

/// No sheet of the workbook stream declares (DIMENSIONS) or spans (its cells' first and last rows
/// and columns, from which calamine sizes the sheet) more than `MAX_CELLS` cells: read in order
/// from the start, and from where each BOUNDSHEET record says a sheet starts (calamine reads it
/// from there, even from the middle of a record when a damaged position says so).
fn declared_sizes(stream: &[u8]) -> Result<(), &'static str> {
    for start in records_from(stream, 0)? {
        records_from(stream.get(start as usize..).ok_or("a sheet starts beyond the workbook")?, 0)?;
    }
    Ok(())
}

/// Checks the records from `at` on; the sheet positions its BOUNDSHEET records give.
fn records_from(stream: &[u8], mut at: usize) -> Result<Vec<u32>, &'static str> {
    let mut sheets = Vec::new();
    const TOO_BIG: &str = "a sheet declares more cells than any roster holds";
    // The cells' bounding box in the current substream (a BOF record starts one).
    let mut span: Option<(u64, u64, u64, u64)> = None;
    let mut spans = Vec::new();
    while let (Some(kind), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let data = stream.get(at + 4..at + 4 + len as usize).unwrap_or(&[]);
        let (row, col) = (u16_at(data, 0).map(u64::from), u16_at(data, 2).map(u64::from));
        match kind {
            0x0809 => spans.push(span.take()),
            0x0085 => sheets.extend(u32_at(data, 0)),
            0x0200 => {
                let (first_row, last_row, first_col, last_col) = match data.len() {
                    10 => (
                        row.unwrap_or(0),
                        col.unwrap_or(0),
                        u16_at(data, 4).unwrap_or(0) as u64,
                        u16_at(data, 6).unwrap_or(0) as u64,
                    ),
                    14 | 16 => (
                        u32_at(data, 0).unwrap_or(0) as u64,
                        u32_at(data, 4).unwrap_or(0) as u64,
                        u16_at(data, 8).unwrap_or(0) as u64,
                        u16_at(data, 10).unwrap_or(0) as u64,
                    ),
                    _ => (0, 0, 0, 0),
                };
                // The last row and column are one past the end; calamine starts columns past 0xFF at 0.
                let first_col = if first_col > 0xFF || last_col < first_col { 0 } else { first_col };
                if last_row >= 1 && last_col >= 1 {
                    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1) & 0xFFFF_FFFF;
                    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1) & 0xFFFF_FFFF;
                    if rows.saturating_mul(cols) > MAX_CELLS {
                        return Err(TOO_BIG);
                    }
                }
            }
            // Cells: Number, Label, LabelSst, RK, Formula, BoolErr, RString (row, column first).
            0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0006 | 0x0205 | 0x00D6 => {
                if let (Some(r), Some(c)) = (row, col) {
                    widen(&mut span, r, c);
                }
            }
            // MulRk: a row, its first column, the values, and its last column.
            0x00BD => {
                if let (Some(r), Some(c), Some(last)) = (row, col, u16_at(data, data.len().saturating_sub(2))) {
                    widen(&mut span, r, c);
                    widen(&mut span, r, last as u64);
                }
            }
            _ => {}
        }
        at += 4 + len as usize;
    }
    spans.push(span);
    let too_big =
        |s: &Option<(u64, u64, u64, u64)>| s.is_some_and(|(r0, r1, c0, c1)| (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_CELLS);
    if spans.iter().any(too_big) {
        return Err(TOO_BIG);
    }
    Ok(sheets)
}

/// The bounding box of a substream's cells, taking in one more cell.
fn widen(span: &mut Option<(u64, u64, u64, u64)>, row: u64, col: u64) {
    let (r0, r1, c0, c1) = span.unwrap_or((row, row, col, col));
    *span = Some((r0.min(row), r1.max(row), c0.min(col), c1.max(col)));
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// A table of links (each entry the next in its chain, or a mark): every chain ends.
fn no_circles(table: &[u32]) -> Result<(), &'static str> {
    // 0: not yet seen, 1: on the chain being followed, 2: known to end.
    let mut state = vec![0u8; table.len()];
    let mut path = Vec::new();
    for start in 0..table.len() {
        let mut at = start;
        while state[at] == 0 {
            state[at] = 1;
            path.push(at);
            let link = table[at];
            if link >= MARKS {
                break;
            }
            at = link as usize;
            if at >= table.len() {
                return Err("a link outside its table");
            }
            if state[at] == 1 {
                return Err("a sector chain runs in a circle");
            }
        }
        for &p in &path {
            state[p] = 2;
        }
        path.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREE: u32 = 0xFFFF_FFFF;

    #[test]
    fn chains_that_end_pass_and_a_circle_or_a_stray_link_does_not() {
        assert_eq!(no_circles(&[1, 2, END_OF_CHAIN, FREE, 2]), Ok(()));
        assert_eq!(no_circles(&[1, 2, 0]), Err("a sector chain runs in a circle"));
        assert_eq!(no_circles(&[3, 3, END_OF_CHAIN, 3]), Err("a sector chain runs in a circle"));
        assert_eq!(no_circles(&[7, END_OF_CHAIN]), Err("a link outside its table"));
    }
}
