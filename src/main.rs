//! The browser entry point of index.html: everything is in the library; on the native target there
//! is no app. `src/bin/cadres.rs` is the other page's.

fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "bench"))]
    if dangjian::bench::is_bench_page() {
        return;
    }
    #[cfg(target_arch = "wasm32")]
    dangjian::ui::start(dangjian::ui::sections::Entry::Main, dangjian::ui::sections::main_sections);
}
