//! Browser adapters: everything that talks to the browser other than the Leptos views. The
//! IndexedDB `ChunkStore`, settings in localStorage, the clock, random bytes, messages between
//! tabs, the storage quota, and WebCrypto for passphrase-protected exchange files. Only compiled
//! for wasm32; on the native target this crate is empty.

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod crypto;
#[cfg(target_arch = "wasm32")]
pub mod idb;
