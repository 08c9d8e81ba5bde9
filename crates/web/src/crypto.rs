//! Passphrase protection through the browser's WebCrypto: PBKDF2-SHA256 derives an AES-256-GCM
//! key, which encrypts or decrypts the exchange file's bytes. The wrapper around them is
//! `exchange::envelope` (pure, tested natively). WebCrypto is used rather than Rust in wasm: it is
//! about 30× faster on a 100 MB file and costs no wasm.
//!
//! Browsers give WebCrypto only to secure pages (https, `localhost`, `127.0.0.1`, `file://`); a
//! page served over plain http from another PC gets `Unavailable`. Never await these inside an
//! IndexedDB transaction: the transaction would commit while waiting.

use crate::browser;
use dangjian_exchange::envelope::{self, Envelope, ITERATIONS, IV_BYTES, SALT_BYTES};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// This page has no WebCrypto (not a secure context, or a very old browser).
    Unavailable,
    /// The passphrase does not open the file, or its ciphertext was changed.
    WrongPassphrase,
    /// Anything else the browser reported, in its own words.
    Failed(String),
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::Unavailable)?;
    let crypto = window.crypto().map_err(|_| CryptoError::Unavailable)?;
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).map_err(|_| CryptoError::Unavailable)?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err(CryptoError::Unavailable);
    }
    Ok(subtle.unchecked_into())
}

fn failed(e: JsValue) -> CryptoError {
    let text = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string());
    CryptoError::Failed(text.unwrap_or_else(|| format!("{e:?}")))
}

async fn derive_key(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    usage: &str,
) -> Result<CryptoKey, CryptoError> {
    let usages = Array::of1(&JsValue::from_str("deriveKey"));
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages).map_err(failed)?;
    let base: CryptoKey = JsFuture::from(base).await.map_err(failed)?.unchecked_into();
    let params = Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let aes = AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of1(&JsValue::from_str(usage));
    let key = subtle.derive_key_with_object_and_object(&params, &base, &aes, false, &usages).map_err(failed)?;
    Ok(JsFuture::from(key).await.map_err(failed)?.unchecked_into())
}

/// Encrypts an exchange file under `passphrase` and wraps it (`envelope::seal`), with a new
/// random salt and IV.
pub async fn seal(passphrase: &str, plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let salt: [u8; SALT_BYTES] = browser::random_bytes();
    let iv: [u8; IV_BYTES] = browser::random_bytes();
    let key = derive_key(&subtle, passphrase, &salt, ITERATIONS, "encrypt").await?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
    let sealed = subtle.encrypt_with_object_and_u8_array(&params, &key, plain).map_err(failed)?;
    let sealed = JsFuture::from(sealed).await.map_err(failed)?;
    Ok(envelope::seal(&salt, &iv, ITERATIONS, &Uint8Array::new(&sealed).to_vec()))
}

/// Decrypts a protected file's contents: the exchange file's bytes.
pub async fn open(envelope: &Envelope, passphrase: &str) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let key = derive_key(&subtle, passphrase, &envelope.salt, envelope.iterations, "decrypt").await?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(envelope.iv.as_slice()));
    let plain = subtle.decrypt_with_object_and_u8_array(&params, &key, &envelope.ciphertext).map_err(failed)?;
    match JsFuture::from(plain).await {
        Ok(plain) => Ok(Uint8Array::new(&plain).to_vec()),
        // AES-GCM's tag did not match: the key (so the passphrase) is wrong, or the bytes changed.
        Err(e)
            if js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).as_deref()
                == Some("OperationError") =>
        {
            Err(CryptoError::WrongPassphrase)
        }
        Err(e) => Err(failed(e)),
    }
}
