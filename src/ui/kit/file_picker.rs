//! The one file chooser: a button in Chinese ("选择文件…") in place of the browser's own control,
//! which says "Choose File" in an English browser, the names of the files chosen beside it, and
//! files dropped onto it taken as chosen. The `<input type="file">` stays in the page, visually
//! hidden, with its label: the button opens it, and tests and assistive tools reach it by that label.

use crate::ui::text::t;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The files of a list, taken out of it: clearing the input (so that the same file can be
/// chosen again) empties the list.
pub fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// `label` names the input (its `<label>`), `accept` is the input's filter. `chosen` gets the
/// files picked or dropped; while `disabled`, neither is taken.
pub fn file_picker(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    multiple: bool,
    disabled: Signal<bool>,
    chosen: Callback<Vec<web_sys::File>>,
) -> AnyView {
    let input = NodeRef::<leptos::html::Input>::new();
    let names = RwSignal::new(String::new());
    let over = RwSignal::new(false);
    let take = move |files: Vec<web_sys::File>| {
        if files.is_empty() || disabled.get_untracked() {
            return;
        }
        names.set(files.iter().map(web_sys::File::name).collect::<Vec<_>>().join("、"));
        chosen.run(files);
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let files = el.files().map(|l| files_of(&l)).unwrap_or_default();
        el.set_value("");
        take(files);
    };
    let open = move |_| {
        if let Some(el) = input.get_untracked() {
            el.click();
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        // Taken here, not again by a page that takes files dropped anywhere on it.
        ev.prevent_default();
        ev.stop_propagation();
        over.set(false);
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            take(files_of(&list));
        }
    };
    let on_over = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(true);
    };
    let name_id = format!("{id}-chosen");
    view! {
        <div class="field file-picker" class:drag-over=move || over.get()
            on:dragover=on_over on:dragleave=move |_| over.set(false) on:drop=on_drop>
            <label for=id>{label}</label>
            <input id=id node_ref=input type="file" class="visually-hidden" tabindex="-1" accept=accept
                multiple=multiple prop:disabled=disabled on:change=on_change />
            <div class="file-picker-row">
                <button type="button" aria-describedby=name_id.clone() prop:disabled=disabled on:click=open>
                    {t().choose_file}
                </button>
                <span class="muted" id=name_id>
                    {move || names.with(|n| if n.is_empty() { t().no_file_chosen.to_string() } else { n.clone() })}
                </span>
            </div>
        </div>
    }
    .into_any()
}
