//! The browser entry point of cadres.html (发展党员, 干部与培训): the same library, its own
//! sections, so index.html's wasm does not carry them (see `ui::sections`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    dangjian::ui::start(dangjian::ui::sections::Entry::Cadres, dangjian::ui::sections::cadre_sections);
}
