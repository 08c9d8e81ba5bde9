//! The browser entry point: everything is in the library; on the native target there is no app.

fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "bench"))]
    if dangjian::bench::is_bench_page() {
        return;
    }
    #[cfg(target_arch = "wasm32")]
    dangjian::ui::start();
}
