//! The browser entry point: everything is in the library; on the native target there is no app.

fn main() {
    #[cfg(target_arch = "wasm32")]
    dangjian::ui::start();
}
