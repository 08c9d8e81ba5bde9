//! A minimal zip writer: deflated entries (with the `deflate` feature; else stored), no zip64
//! (a roster is far below 4 GB). Dates are fixed at 1980-01-01, so the same rows always give
//! the same bytes.

fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    !data.iter().fold(!0u32, |c, &b| table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

#[cfg(feature = "deflate")]
fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::with_capacity(data.len() / 4), flate2::Compression::default());
    encoder.write_all(data).ok()?;
    encoder.finish().ok()
}

#[cfg(not(feature = "deflate"))]
fn deflate(_: &[u8]) -> Option<Vec<u8>> {
    None
}

pub(crate) struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

const DOS_DATE_1980_01_01: u16 = (1 << 5) | 1;

impl ZipWriter {
    pub(crate) fn new() -> ZipWriter {
        ZipWriter { out: Vec::new(), central: Vec::new(), entries: 0 }
    }

    pub(crate) fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        let offset = self.out.len() as u32;
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        let (method, version, stored): (u16, u16, std::borrow::Cow<[u8]>) = match deflate(data) {
            Some(packed) if packed.len() < data.len() => (8, 20, packed.into()),
            _ => (0, 10, data.into()),
        };
        let packed_size = stored.len() as u32;
        // Local file header.
        let o = &mut self.out;
        o.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        o.extend_from_slice(&version.to_le_bytes()); // version needed: 2.0 deflate, 1.0 stored
        o.extend_from_slice(&0u16.to_le_bytes()); // flags
        o.extend_from_slice(&method.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // time
        o.extend_from_slice(&DOS_DATE_1980_01_01.to_le_bytes());
        o.extend_from_slice(&crc.to_le_bytes());
        o.extend_from_slice(&packed_size.to_le_bytes());
        o.extend_from_slice(&size.to_le_bytes());
        o.extend_from_slice(&name_len.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // extra
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(&stored);
        // Its central directory entry.
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
        c.extend_from_slice(&version.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&method.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&DOS_DATE_1980_01_01.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&packed_size.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&name_len.to_le_bytes());
        c.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        c.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    pub(crate) fn finish(mut self) -> Vec<u8> {
        let offset = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.append(&mut self.central);
        let o = &mut self.out;
        o.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        o.extend_from_slice(&[0; 4]); // disk numbers
        o.extend_from_slice(&self.entries.to_le_bytes());
        o.extend_from_slice(&self.entries.to_le_bytes());
        o.extend_from_slice(&size.to_le_bytes());
        o.extend_from_slice(&offset.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // comment
        self.out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_check_value() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }
}
