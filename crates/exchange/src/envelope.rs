//! Passphrase protection (密码保护) of an exchange file: the file's bytes encrypted with AES-256-GCM
//! under a key derived from the passphrase by PBKDF2 (SHA-256, 600,000 iterations), wrapped in a
//! small JSON object. This module is the wrapper (writing, reading, base64) and the passphrase
//! rule; the cryptography itself is the browser's WebCrypto, called by the shell
//! (`store::crypto`), 30× faster than doing it in wasm and no bytes of code.
//!
//! ```text
//! {"format":"dangjian-station-exchange-encrypted","version":1,"encrypted":true,
//!  "kdf":"PBKDF2-SHA256","iterations":600000,"salt":"…base64, 16 bytes…",
//!  "cipher":"AES-256-GCM","iv":"…base64, 12 bytes…","ciphertext":"…base64…"}
//! ```
//!
//! The plaintext is the exchange file exactly as exported, so once decrypted it goes through
//! `read::parse` like any other file, and its checksum is its identity in the import log. The
//! wrapper names nothing about the station: without the passphrase the file says only that it is
//! one of ours. GCM's tag makes a wrong passphrase and a changed byte of the ciphertext look the
//! same (`ImportError::WrongPassphrase`); a cut-off file is caught earlier, as JSON.
//!
//! Decrypt before opening any IndexedDB transaction: awaiting WebCrypto inside one lets it commit.

use super::read::{ImportError, Place};
use serde::Deserialize;
use std::borrow::Cow;

/// What the `format` field of a protected file says.
pub const ENCRYPTED_FORMAT: &str = "dangjian-station-exchange-encrypted";
/// The wrapper version this program writes and the newest it reads.
pub const ENVELOPE_VERSION: u64 = 1;
pub const KDF: &str = "PBKDF2-SHA256";
pub const CIPHER: &str = "AES-256-GCM";
/// PBKDF2 iterations written (OWASP's figure for PBKDF2-HMAC-SHA256); fewer are refused.
pub const ITERATIONS: u32 = 600_000;
/// More are refused too: a file could otherwise keep an old PC deriving a key for minutes.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
pub const MIN_PASSPHRASE_CHARS: usize = 6;

/// A protected file, read and decoded: what the shell needs to derive the key and decrypt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// AES-GCM output: the encrypted file followed by the 16-byte tag.
    pub ciphertext: Vec<u8>,
}

#[derive(Deserialize)]
struct Wire<'a> {
    #[serde(borrow)]
    format: Cow<'a, str>,
    version: u64,
    encrypted: bool,
    #[serde(borrow)]
    kdf: Cow<'a, str>,
    iterations: u32,
    #[serde(borrow)]
    salt: Cow<'a, str>,
    #[serde(borrow)]
    cipher: Cow<'a, str>,
    #[serde(borrow)]
    iv: Cow<'a, str>,
    /// Borrowed from the file's bytes when it has no escapes (base64 never needs one), so a
    /// 100 MB file is not copied before it is decoded.
    #[serde(borrow)]
    ciphertext: Cow<'a, str>,
}

/// The protected file: the wrapper around `ciphertext` (AES-GCM output, tag included).
pub fn seal(salt: &[u8], iv: &[u8], iterations: u32, ciphertext: &[u8]) -> Vec<u8> {
    let head = format!(
        r#"{{"format":"{ENCRYPTED_FORMAT}","version":{ENVELOPE_VERSION},"encrypted":true,"kdf":"{KDF}","iterations":{iterations},"salt":"{}","cipher":"{CIPHER}","iv":"{}","ciphertext":""#,
        base64_encode(salt),
        base64_encode(iv),
    );
    let mut out = Vec::with_capacity(head.len() + ciphertext.len() / 3 * 4 + 8);
    out.extend_from_slice(head.as_bytes());
    base64_encode_into(ciphertext, &mut out);
    out.extend_from_slice(b"\"}\n");
    out
}

/// Reads a protected file. `Ok(None)`: the bytes are not one (an ordinary exchange file, or
/// anything else: `read::parse` says what). Looks only at the start unless it names our wrapper.
pub fn open(bytes: &[u8]) -> Result<Option<Envelope>, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(300)];
    if !head.windows(ENCRYPTED_FORMAT.len()).any(|w| w == ENCRYPTED_FORMAT.as_bytes()) {
        return Ok(None);
    }
    let malformed = |detail: &str| ImportError::Malformed { place: Place::Header, detail: detail.to_string() };
    let wire: Wire = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Eof => ImportError::Truncated,
        serde_json::error::Category::Data => malformed(&e.to_string()),
        _ => ImportError::Damaged { line: e.line(), column: e.column() },
    })?;
    if wire.format != ENCRYPTED_FORMAT {
        return Err(ImportError::ForeignFile);
    }
    if wire.version > ENVELOPE_VERSION {
        return Err(ImportError::NewerVersion { version: wire.version });
    }
    if !wire.encrypted || wire.kdf != KDF || wire.cipher != CIPHER {
        return Err(malformed("algorithm"));
    }
    if !(ITERATIONS..=MAX_ITERATIONS).contains(&wire.iterations) {
        return Err(malformed("iterations"));
    }
    let salt = base64_decode(&wire.salt).filter(|s| s.len() == SALT_BYTES).ok_or_else(|| malformed("salt"))?;
    let iv = base64_decode(&wire.iv).filter(|s| s.len() == IV_BYTES).ok_or_else(|| malformed("iv"))?;
    // At least the 16-byte tag.
    let ciphertext =
        base64_decode(&wire.ciphertext).filter(|c| c.len() >= 16).ok_or_else(|| malformed("ciphertext"))?;
    Ok(Some(Envelope { iterations: wire.iterations, salt, iv, ciphertext }))
}

/// `坪塘镇-全部-2026-11-23.json` → `坪塘镇-全部-2026-11-23-加密.json`: the name says a passphrase is
/// needed before anyone tries to open it.
pub fn sealed_file_name(file_name: &str) -> String {
    match file_name.strip_suffix(".json") {
        Some(stem) => format!("{stem}-加密.json"),
        None => format!("{file_name}-加密.json"),
    }
}

/// Why a passphrase chosen for an export was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseError {
    Empty,
    TooShort,
    /// The two entries differ.
    Mismatch,
}

impl PassphraseError {
    pub fn message(self) -> String {
        match self {
            PassphraseError::Empty => "请填写密码。".into(),
            PassphraseError::TooShort => format!("密码太短，请至少用 {MIN_PASSPHRASE_CHARS} 个字符。"),
            PassphraseError::Mismatch => "两次填写的密码不一样，请重新填写。".into(),
        }
    }
}

/// Checks a passphrase typed twice for an export. Kept exactly as typed (spaces count): the
/// importing side must type the same.
pub fn check_passphrase(passphrase: &str, again: &str) -> Result<(), PassphraseError> {
    if passphrase.is_empty() {
        Err(PassphraseError::Empty)
    } else if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        Err(PassphraseError::TooShort)
    } else if passphrase != again {
        Err(PassphraseError::Mismatch)
    } else {
        Ok(())
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648, with padding).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    base64_encode_into(bytes, &mut out);
    String::from_utf8(out).expect("base64 is ASCII")
}

fn base64_encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    let mut chunks = bytes.chunks_exact(3);
    for c in &mut chunks {
        let n = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        out.extend_from_slice(&[
            ALPHABET[(n >> 18) as usize & 63],
            ALPHABET[(n >> 12) as usize & 63],
            ALPHABET[(n >> 6) as usize & 63],
            ALPHABET[n as usize & 63],
        ]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend_from_slice(&[ALPHABET[(n >> 18) as usize & 63], ALPHABET[(n >> 12) as usize & 63], b'=', b'=']);
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend_from_slice(&[
                ALPHABET[(n >> 18) as usize & 63],
                ALPHABET[(n >> 12) as usize & 63],
                ALPHABET[(n >> 6) as usize & 63],
                b'=',
            ]);
        }
        _ => {}
    }
}

/// Decodes standard base64; line breaks and spaces (an editor wrapping lines) are skipped.
/// `None` for any other character, a wrong length or misplaced padding.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const INVALID: u8 = 0xff;
    const TABLE: [u8; 256] = {
        let mut t = [INVALID; 256];
        let mut i = 0;
        while i < 64 {
            t[ALPHABET[i] as usize] = i as u8;
            i += 1;
        }
        t
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut held = 0u32;
    let mut padding = 0usize;
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            continue;
        }
        if b == b'=' {
            padding += 1;
            continue;
        }
        let v = TABLE[b as usize];
        if v == INVALID || padding > 0 {
            return None;
        }
        acc = acc << 6 | u32::from(v);
        held += 1;
        if held == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            held = 0;
        }
    }
    match (held, padding) {
        (0, 0) => {}
        (2, 2) => out.push((acc >> 4) as u8),
        (3, 1) => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        let vectors =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")];
        for (plain, coded) in vectors.into_iter().chain([("foobar", "Zm9vYmFy")]) {
            assert_eq!(base64_encode(plain.as_bytes()), coded);
            assert_eq!(base64_decode(coded).unwrap(), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64_decode(&base64_encode(&all)).unwrap(), all);
        assert_eq!(base64_decode("Zm9v\r\nYmFy").unwrap(), b"foobar", "line breaks are skipped");
        for bad in ["Zm9", "Zg=", "Zg===", "Zm9v!", "Zg==Zg==", "中文"] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    fn sealed() -> Vec<u8> {
        seal(&[7; SALT_BYTES], &[9; IV_BYTES], ITERATIONS, &[1, 2, 3, 250, 251, 252, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42])
    }

    #[test]
    fn a_sealed_file_opens_to_what_went_in() {
        let bytes = sealed();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["format"], ENCRYPTED_FORMAT);
        assert_eq!(value["encrypted"], true);
        assert_eq!(value["iterations"], 600_000);
        let envelope = open(&bytes).unwrap().unwrap();
        assert_eq!(envelope.salt, [7; SALT_BYTES]);
        assert_eq!(envelope.iv, [9; IV_BYTES]);
        assert_eq!(envelope.iterations, ITERATIONS);
        assert_eq!(envelope.ciphertext, [1, 2, 3, 250, 251, 252, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42]);
        // Re-indented by an editor, with `/` escaped: the same.
        let pretty = serde_json::to_vec_pretty(&value).unwrap();
        let escaped = String::from_utf8(pretty).unwrap().replace('/', "\\/");
        assert_eq!(open(escaped.as_bytes()).unwrap().unwrap(), envelope);
    }

    #[test]
    fn the_reader_says_a_sealed_file_needs_its_passphrase() {
        assert_eq!(super::super::read::parse(&sealed()), Err(ImportError::Encrypted));
        assert!(ImportError::Encrypted.message().contains("密码"));
        assert!(ImportError::WrongPassphrase.message().contains("本机数据没有任何改动"));
    }

    #[test]
    fn other_files_are_left_to_the_reader() {
        assert_eq!(open(br#"{"format":"dangjian-station-exchange","version":1}"#), Ok(None));
        assert_eq!(open(b"not json"), Ok(None));
        assert_eq!(open(b""), Ok(None));
    }

    #[test]
    fn a_damaged_wrapper_is_refused_with_the_reader_s_errors() {
        let bytes = sealed();
        assert_eq!(open(&bytes[..bytes.len() - 10]), Err(ImportError::Truncated));
        let text = String::from_utf8(bytes).unwrap();
        let newer = text.replacen(r#""version":1"#, r#""version":2"#, 1);
        assert_eq!(open(newer.as_bytes()), Err(ImportError::NewerVersion { version: 2 }));
        for (from, to) in [
            (r#""iterations":600000"#, r#""iterations":1000"#),
            (r#""iterations":600000"#, r#""iterations":99999999"#),
            (r#""kdf":"PBKDF2-SHA256""#, r#""kdf":"MD5""#),
            (r#""encrypted":true"#, r#""encrypted":false"#),
            (r#""salt":""#, r#""salt":"!"#),
            (r#""iv":""#, r#""iv":"AAAA"#),
            (r#""ciphertext":""#, r#""ciphertext":1,"x":""#),
        ] {
            let changed = text.replacen(from, to, 1);
            assert!(
                matches!(open(changed.as_bytes()), Err(ImportError::Malformed { place: Place::Header, .. })),
                "{to}"
            );
        }
        let broken = text.replacen(r#""cipher":"#, r#""cipher"="#, 1);
        assert!(matches!(open(broken.as_bytes()), Err(ImportError::Damaged { .. })));
    }

    #[test]
    fn passphrases_are_checked_and_protected_files_named_so() {
        assert_eq!(check_passphrase("", ""), Err(PassphraseError::Empty));
        assert_eq!(check_passphrase("12345", "12345"), Err(PassphraseError::TooShort));
        assert_eq!(check_passphrase("山塘村党支部", "山塘村党支部"), Ok(()), "six Chinese characters are enough");
        assert_eq!(check_passphrase("abcdef", "abcdeg"), Err(PassphraseError::Mismatch));
        assert!(PassphraseError::TooShort.message().contains('6'));
        assert_eq!(sealed_file_name("坪塘镇-全部-2026-11-23.json"), "坪塘镇-全部-2026-11-23-加密.json");
        assert_eq!(sealed_file_name("x"), "x-加密.json");
    }
}
