//! 基层党建工作台: see ARCHITECTURE.md for the layers and the rules between them.

pub mod domain;
pub mod exchange;
pub mod store;

#[cfg(any(test, feature = "bench", not(target_arch = "wasm32")))]
pub mod sample;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
