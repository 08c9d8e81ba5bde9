//! 基层党建工作台, the app: the Leptos shell and its sections (`ui`), over the layers below it,
//! each a crate of its own (see ARCHITECTURE.md): `dangjian-core` (records and merge),
//! `dangjian-domain` (the model), `dangjian-exchange` (files between stations), `dangjian-store`
//! (chunks and the workspace) and `dangjian-web` (browser adapters). They are re-exported under
//! short names so the app and its tests name them one way.

pub use dangjian_domain as domain;
pub use dangjian_exchange as exchange;
pub use dangjian_store as store;
#[cfg(target_arch = "wasm32")]
pub use dangjian_web as web;

#[cfg(any(test, feature = "bench", not(target_arch = "wasm32")))]
pub use dangjian_domain::sample;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
