//! 公示 notices on A4 portrait: a result's title, the sentence that says what was decided, the
//! table of names and results, the period and where to object, and the issuing organization
//! with the date at the bottom right. The clerk sets the period and the contact above the sheet;
//! the contact and the period's length are remembered for the next notice (a township objects
//! to the same office every time), the issuer and the start are not.
//!
//! The period's end and the names a 民主评议 notice makes public are
//! `domain::scoring::notice`'s; the pages that link here give the rows (`NoticeContent`).

use crate::domain::scoring::notice::{date_words, period, DayCount, Period, DAYS, DEFAULT_DAYS, START};
use crate::ui::kit::fields::{day_text, plain_options, select_field, text_field, FieldError};
use crate::ui::members::print::print_now;
use crate::ui::scoring::field_at;
use crate::ui::scoring::text as st;
use crate::ui::text::t;
use crate::web::browser;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Which result a notice makes public (`#/scoring/notice/…`).
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeOf {
    /// A branch's 民主评议党员.
    Review(crate::domain::record::RecordId),
    /// The year's 村干部考核.
    Appraisal,
    /// A branch's 党员评星定级.
    Stars(crate::domain::record::RecordId),
}

impl NoticeOf {
    /// The notice's address for a year.
    pub fn href(&self, year: i32) -> String {
        match self {
            NoticeOf::Review(org) => format!("#/scoring/notice/review/{org}/{year}"),
            NoticeOf::Appraisal => format!("#/scoring/notice/appraisal/{year}"),
            NoticeOf::Stars(org) => format!("#/scoring/notice/stars/{org}/{year}"),
        }
    }
}

/// What a notice says, from the page whose result it makes public.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoticeContent {
    pub title: String,
    /// What was decided, before the table.
    pub body: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// Said instead of the table when there are no rows.
    pub empty: &'static str,
    /// The issuing organization the notice starts with.
    pub issuer: String,
}

const KEPT_KEY: &str = "dangjian.scoring.notice";

/// What the station remembers for its next notice.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct KeptContact {
    office: String,
    phone: String,
    address: String,
    days: String,
    count: String,
}

const N_START: &str = "nt-start";
const N_DAYS: &str = "nt-days";
const N_COUNT: &str = "nt-count";
const N_OFFICE: &str = "nt-office";
const N_PHONE: &str = "nt-phone";
const N_ADDRESS: &str = "nt-address";
const N_ISSUER: &str = "nt-issuer";

/// The notice page: its settings above (not printed), the sheet below; `back` returns to the
/// result's page.
pub fn notice_page(back: String, back_label: &'static str, content: Signal<NoticeContent>) -> AnyView {
    let kept: KeptContact = browser::kept(KEPT_KEY).unwrap_or_default();
    let start = RwSignal::new(day_text(Some(browser::today())));
    let days = RwSignal::new(if kept.days.is_empty() { DEFAULT_DAYS.to_string() } else { kept.days.clone() });
    let count_label = DayCount::from_label(&kept.count).unwrap_or_default().label();
    let count = RwSignal::new(count_label.to_string());
    let office = RwSignal::new(kept.office);
    let phone = RwSignal::new(kept.phone);
    let address = RwSignal::new(kept.address);
    let issuer = RwSignal::new(untrack(|| content.with(|c| c.issuer.clone())));
    // The issuer follows the content until the records are read (the page may open cold).
    Effect::new(move |_| {
        let from = content.with(|c| c.issuer.clone());
        if untrack(|| issuer.with(String::is_empty)) {
            issuer.set(from);
        }
    });
    Effect::new(move |_| {
        let k = KeptContact {
            office: office.get(),
            phone: phone.get(),
            address: address.get(),
            days: days.get(),
            count: count.get(),
        };
        browser::keep(KEPT_KEY, &k);
    });
    let err: FieldError = RwSignal::new(None);
    let chosen = Memo::new(move |_| {
        let c = count.with(|c| DayCount::from_label(c).unwrap_or_default());
        start.with(|s| days.with(|d| period(s, d, c)))
    });
    Effect::new(move |_| {
        err.set(chosen.with(|p| {
            p.as_ref().err().map(|p| (field_at(p.field(), &[(DAYS, N_DAYS), (START, N_START)], ""), p.message()))
        }))
    });
    let counts = plain_options(&[DayCount::Working.label(), DayCount::Calendar.label()]);
    let none: FieldError = RwSignal::new(None);
    view! {
        <section class="print-doc notice-doc">
            <div class="print-bar no-print">
                <a href=back>{"‹ "}{back_label}</a>
                <button type="button" class="primary" on:click=move |_| print_now()>{t().print}</button>
            </div>
            <div class="card notice-settings no-print">
                <p class="muted">{st::NOTICE_HINT}</p>
                <div class="grid">
                    {text_field(N_START, st::NOTICE_START, start, err, t().date_hint)}
                    {text_field(N_DAYS, st::NOTICE_DAYS, days, err, "")}
                    {select_field(N_COUNT, st::NOTICE_COUNT, count, none, counts)}
                    {text_field(N_ISSUER, st::NOTICE_ISSUER, issuer, none, "")}
                    {text_field(N_OFFICE, st::NOTICE_OFFICE, office, none, "")}
                    {text_field(N_PHONE, st::NOTICE_PHONE, phone, none, "")}
                    {text_field(N_ADDRESS, st::NOTICE_ADDRESS, address, none, "")}
                </div>
            </div>
            {move || sheet(content.get(), chosen.get().ok(), [office, phone, address, issuer])}
        </section>
    }
    .into_any()
}

/// The notice as printed; the period's lines wait for a valid period.
fn sheet(c: NoticeContent, period: Option<Period>, [office, phone, address, issuer]: [RwSignal<String>; 4]) -> AnyView {
    let heads = c.columns.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view();
    let table = match c.rows.is_empty() {
        true => view! { <p class="notice-empty">{c.empty}</p> }.into_any(),
        false => {
            let rows = c
                .rows
                .into_iter()
                .map(|r| {
                    let cells = r.into_iter().map(|v| view! { <td>{v}</td> }).collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table class="print-table notice-table">
                    <thead><tr>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    let blank = |s: RwSignal<String>| {
        move || s.with(|v| if v.trim().is_empty() { st::NOTICE_BLANK.to_string() } else { v.trim().to_string() })
    };
    let term = period.map(|p| {
        view! {
            <p class="notice-text period">{st::notice_period(&p.words())}</p>
            <p class="notice-text">{move || st::notice_objection(&blank(office)())}</p>
            <p class="notice-text contact">{st::NOTICE_PHONE_WORDS}{blank(phone)}</p>
            <p class="notice-text contact">{st::NOTICE_ADDRESS_WORDS}{blank(address)}</p>
            <p class="notice-text">{st::NOTICE_REAL_NAME}</p>
        }
    });
    let signed = period.map(|p| date_words(p.start)).unwrap_or_default();
    view! {
        <article class="notice-sheet">
            <h2 class="doc-title notice-title">{c.title}</h2>
            <p class="notice-text">{c.body}</p>
            {table}
            {term}
            <div class="notice-sign">
                <p>{move || issuer.get()}</p>
                <p>{signed}</p>
            </div>
        </article>
    }
    .into_any()
}
