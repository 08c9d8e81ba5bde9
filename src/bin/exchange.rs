//! The browser entry point of exchange.html (数据交换): the same library, its own sections, so
//! index.html's wasm does not carry them (see `ui::sections`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    dangjian::ui::start(dangjian::ui::sections::Entry::Exchange, dangjian::ui::sections::exchange_sections);
}
