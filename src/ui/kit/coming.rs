//! A section whose work has not been built yet says plainly what it will hold.

use crate::ui::text::t;
use leptos::prelude::*;

#[component]
pub fn ComingSoon(title: &'static str, items: &'static [&'static str]) -> impl IntoView {
    view! {
        <section class="page">
            <h2>{title}</h2>
            <div class="notice">
                <p>{t().coming_lead}</p>
                <ul>{items.iter().map(|i| view! { <li>{*i}</li> }).collect_view()}</ul>
            </div>
        </section>
    }
}
