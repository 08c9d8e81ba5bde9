//! Labelled inputs that forms share. One function per kind of input, taking plain signals, so
//! each is compiled once however many forms use it (every distinct closure in a view costs the
//! wasm its own copy of the rendering code).

use crate::ui::text::t;
use leptos::prelude::*;

/// A text input with its label, bound to `value`. `kind` is the input type (text, tel, search).
pub fn text_input(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    placeholder: &'static str,
    value: RwSignal<String>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type=kind autocomplete="off" placeholder=placeholder
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
    .into_any()
}

/// A date typed as text (1985-03-12, 1985.3.12, 1985年3月12日 all read): a text input with the
/// date hint, so it works the same in every browser and locale.
pub fn date_input(id: &'static str, label: &'static str, value: RwSignal<String>) -> AnyView {
    text_input(id, label, "text", t().date_hint, value)
}

/// A select with its label: `(value, text)` options after an empty "请选择" one.
pub fn select_input(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    value: RwSignal<String>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=value on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{t().choose}</option>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// A checkbox with its text beside it, bound to `on` ("含已离任的", "显示已撤销的组织"…).
pub fn checkbox_choice(label: &'static str, on: RwSignal<bool>) -> AnyView {
    view! {
        <label class="choice">
            <input type="checkbox" prop:checked=on on:change=move |ev| on.set(event_target_checked(&ev)) />
            {label}
        </label>
    }
    .into_any()
}

/// The one message line under a form: green when the step worked, red when it did not.
pub fn message_line(message: RwSignal<Option<(bool, String)>>) -> AnyView {
    view! {
        <p role="alert" class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "done" } else { "error" }>
            {move || message.get().map(|m| m.1)}
        </p>
    }
    .into_any()
}
