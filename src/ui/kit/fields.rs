//! What forms share: an input with its label and the error that belongs to it, a checkbox, the
//! message line under a form, the person fields (the ID number fills birth date and sex, as on the member form),
//! checkbox lists, the one-date action card, reading the kinds a section needs before anything
//! there can be edited, and the one path a save takes. Read-only tables are in `table`.
//!
//! Size: every `view!` and every reactive closure in one compiles to its own rendering code, and
//! every `sort_by` closure to its own copy of the sort. So these helpers take signals rather than
//! closures and return `AnyView` (each exists once in the wasm however many forms use it), lists
//! are sorted by `sorted` (one sort).

use crate::domain::date::iso;
use crate::domain::member::{Member, EDUCATIONS, SEXES};
use crate::domain::member_form::{derived_from_id, Item};
use crate::domain::person::{PersonDraft, PersonError};
use crate::domain::record::{kind, RecordId};
use crate::domain::replica::Edit;
use crate::ui::kit::when::When;
use crate::ui::members::form::COMMON_ETHNICITIES;
use crate::ui::text::{member_item_label, person_error, t};
use crate::ui::AppState;
use crate::web::browser;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The error of a form: the id of the input it belongs to ("" for the form as a whole) and its
/// words. Domain checks stop at the first problem, so a form has one at a time.
pub type FieldError = RwSignal<Option<(&'static str, String)>>;
/// A form's outcome line: (succeeded, words).
pub type Message = RwSignal<Option<(bool, String)>>;

/// For a form that reports its errors on its message line (`message_line`), not beside an input.
pub fn no_field_error() -> FieldError {
    RwSignal::new(None)
}

#[inline(never)]
pub fn day_text(d: Option<NaiveDate>) -> String {
    d.map(iso).unwrap_or_default()
}

/// A share in tenths of a percent as 66.7%; "—" when there is no whole to share.
#[inline(never)]
pub fn percent(permille: Option<u32>) -> String {
    permille.map_or_else(|| "—".to_string(), |p| format!("{}.{}%", p / 10, p % 10))
}

/// The words of `err` if it belongs to the input `id`.
pub fn error_of(err: FieldError, id: &'static str) -> Option<String> {
    err.with(|e| e.as_ref().filter(|(k, _)| *k == id).map(|(_, m)| m.clone()))
}

/// Whether the form's error is the input `id`'s (read in a view, it redraws when that changes).
pub fn has_error(err: FieldError, id: &'static str) -> bool {
    err.with(|e| e.as_ref().is_some_and(|(k, _)| *k == id))
}

/// Takes the error off the input `id` once its value changes: it said what was wrong with the
/// value the clerk has just changed (the form checks again when saved).
pub fn clear_error_of(err: FieldError, id: &'static str) {
    if untrack(|| has_error(err, id)) {
        err.set(None);
    }
}

/// A labelled one-line input. `hint` is the placeholder ("" for none).
pub fn text_field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    err: FieldError,
    hint: &'static str,
) -> AnyView {
    let invalid = move || has_error(err, id);
    let err_id = format!("{id}-err");
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}</label>
            <input id=id type="text" autocomplete="off" placeholder=hint aria-invalid=move || invalid().to_string()
                aria-describedby=err_id.clone() prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    clear_error_of(err, id);
                } />
            <p class="field-msg" id=err_id>{move || error_of(err, id)}</p>
        </div>
    }
    .into_any()
}

/// A labelled text box of `rows` lines, across the form's grid.
pub fn text_area(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    err: FieldError,
    rows: u32,
) -> AnyView {
    let invalid = move || has_error(err, id);
    let err_id = format!("{id}-err");
    view! {
        <div class="field wide-field" class:invalid=invalid>
            <label for=id>{label}</label>
            <textarea id=id rows=rows aria-invalid=move || invalid().to_string() aria-describedby=err_id.clone()
                prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    clear_error_of(err, id);
                }></textarea>
            <p class="field-msg" id=err_id>{move || error_of(err, id)}</p>
        </div>
    }
    .into_any()
}

/// A labelled choice among (value, label) options, "请选择" first.
pub fn select_field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    err: FieldError,
    options: Signal<Vec<(String, String)>>,
) -> AnyView {
    let invalid = move || has_error(err, id);
    let err_id = format!("{id}-err");
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}</label>
            <select id=id aria-invalid=move || invalid().to_string() aria-describedby=err_id.clone()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    clear_error_of(err, id);
                }>
                // Selectedness as a property: once the clerk has picked, the `selected`
                // attribute no longer moves the choice, and a form cleared for the next page
                // would still show the last one (while holding none).
                <option value="" prop:selected=move || value.with(String::is_empty)>{t().choose}</option>
                {move || {
                    let chosen = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == chosen;
                            view! { <option value=v prop:selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <p class="field-msg" id=err_id>{move || error_of(err, id)}</p>
        </div>
    }
    .into_any()
}

/// Options whose value is their label (a closed list).
pub fn plain_options(list: &[&'static str]) -> Signal<Vec<(String, String)>> {
    Signal::stored(list.iter().map(|s| (s.to_string(), s.to_string())).collect())
}

/// An error that belongs to no one input goes to the form's line.
pub fn form_error(err: FieldError) -> AnyView {
    view! { <p class="error" role="alert">{move || error_of(err, "")}</p> }.into_any()
}

/// Saves edits in one commit; on success reports `ok` and runs `then` (the form's next state:
/// cleared, or the saved record's page).
pub fn save(
    state: AppState,
    edits: Vec<Edit>,
    saving: RwSignal<bool>,
    message: Message,
    ok: String,
    then: Box<dyn FnOnce()>,
) {
    save_and(state, edits, saving, message, ok, Box::new(|| {}), then);
}

/// `save`, with `saved` run once the edits are stored even if the form has left the page
/// meanwhile (the clerk moved on while it saved): what the form keeps outside itself, such as a
/// draft to forget. `then` and the message belong to the form, and are skipped once it is gone.
pub fn save_and(
    state: AppState,
    edits: Vec<Edit>,
    saving: RwSignal<bool>,
    message: Message,
    ok: String,
    saved: Box<dyn FnOnce()>,
    then: Box<dyn FnOnce()>,
) {
    if saving.get_untracked() {
        return;
    }
    saving.set(true);
    // The last save's line goes as this one starts: two pages saved one after the other must not
    // read as one (the same words would stand there before the second is stored).
    message.set(None);
    spawn_local(async move {
        let result = state.commit(edits).await;
        if result.is_ok() {
            saved();
        }
        // The form's signals are gone with it: touching them would abort the page.
        if saving.is_disposed() {
            return;
        }
        match result {
            Ok(_) => {
                message.set(Some((true, ok)));
                then();
            }
            Err(e) => message.set(Some((false, e))),
        }
        saving.set(false);
    });
}

/// What a form says after a save that emptied it for the next entry: what was saved, and that
/// the form is empty now.
pub fn saved_and_cleared(saved: &str) -> String {
    format!("{saved}。{}", t().form_cleared)
}

pub fn new_id() -> RecordId {
    RecordId::from_random(browser::random_bytes())
}

pub fn go(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Person fields as typed: one signal each, so the inputs are plain text fields.
#[derive(Clone, Copy)]
pub struct PersonInputs {
    pub name: RwSignal<String>,
    pub id_number: RwSignal<String>,
    pub sex: RwSignal<String>,
    pub birth_date: RwSignal<String>,
    pub ethnicity: RwSignal<String>,
    pub education: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub address: RwSignal<String>,
    /// Birth date and sex as last filled from the ID number, so a later number refills them
    /// unless the user typed something else.
    derived: RwSignal<Option<(String, &'static str)>>,
}

impl PersonInputs {
    pub fn new(d: &PersonDraft) -> PersonInputs {
        let ethnicity = if d.ethnicity.is_empty() && d.name.is_empty() { NEW_ETHNICITY } else { d.ethnicity.as_str() };
        PersonInputs {
            name: RwSignal::new(d.name.clone()),
            id_number: RwSignal::new(d.id_number.clone()),
            sex: RwSignal::new(d.sex.clone()),
            birth_date: RwSignal::new(d.birth_date.clone()),
            ethnicity: RwSignal::new(ethnicity.to_string()),
            education: RwSignal::new(d.education.clone()),
            phone: RwSignal::new(d.phone.clone()),
            address: RwSignal::new(d.address.clone()),
            derived: RwSignal::new(None),
        }
    }

    /// Every field back to what a new form shows (a form emptied after a save: none of the
    /// last person's values stays behind).
    pub fn clear(&self) {
        self.name.set(String::new());
        self.id_number.set(String::new());
        self.sex.set(String::new());
        self.birth_date.set(String::new());
        self.ethnicity.set(NEW_ETHNICITY.to_string());
        self.education.set(String::new());
        self.phone.set(String::new());
        self.address.set(String::new());
        self.derived.set(None);
    }

    pub fn draft(&self) -> PersonDraft {
        PersonDraft {
            name: self.name.get_untracked(),
            sex: self.sex.get_untracked(),
            ethnicity: self.ethnicity.get_untracked(),
            id_number: self.id_number.get_untracked(),
            birth_date: self.birth_date.get_untracked(),
            education: self.education.get_untracked(),
            phone: self.phone.get_untracked(),
            address: self.address.get_untracked(),
        }
    }

    /// Takes the fields from a member chosen from the roster.
    pub fn fill_from(&self, m: &Member) {
        self.name.set(m.name.clone());
        self.id_number.set(m.id_number.clone());
        self.sex.set(m.sex.clone());
        self.birth_date.set(day_text(m.birth_date));
        self.ethnicity.set(m.ethnicity.clone());
        self.education.set(m.education.clone());
        self.phone.set(m.phone.clone());
        self.address.set(m.address.clone());
    }

    /// Takes a typed ID number, filling the birth date and sex from it where they were empty or
    /// filled from it before; an error under a field so filled goes, as under one mended by hand.
    fn on_id_input(&self, value: String, err: FieldError) {
        self.id_number.set(value.clone());
        if let Some((birth, sex)) = derived_from_id(&value, browser::today()) {
            let previous = self.derived.get_untracked();
            let was_derived = |field: &str, of: Option<&str>| field.is_empty() || Some(field) == of;
            if was_derived(&self.birth_date.get_untracked(), previous.as_ref().map(|p| p.0.as_str())) {
                self.birth_date.set(birth.clone());
                clear_error_of(err, P_BIRTH);
            }
            if was_derived(&self.sex.get_untracked(), previous.as_ref().map(|p| p.1)) {
                self.sex.set(sex.to_string());
                clear_error_of(err, P_SEX);
            }
            self.derived.set(Some((birth, sex)));
        }
    }
}

/// What a new person's 民族 starts as: most people the forms take are 汉族.
const NEW_ETHNICITY: &str = "汉族";

pub const P_NAME: &str = "p-name";
pub const P_ID: &str = "p-idnumber";
pub const P_SEX: &str = "p-sex";
pub const P_BIRTH: &str = "p-birth";
pub const P_ETHNICITY: &str = "p-ethnicity";
pub const P_EDUCATION: &str = "p-education";
pub const P_PHONE: &str = "p-phone";
pub const P_ADDRESS: &str = "p-address";

/// The input a person error belongs to, and its words.
pub fn person_error_at(e: &PersonError) -> (&'static str, String) {
    use PersonError::*;
    let at = match e {
        NameEmpty | NameTooLong => P_NAME,
        IdNumber(_) => P_ID,
        SexMissing | SexUnknown | SexDiffersFromIdNumber => P_SEX,
        BirthDateMissing | BirthDate(_) | BirthDateDiffersFromIdNumber => P_BIRTH,
        EducationUnknown => P_EDUCATION,
        EthnicityTooLong => P_ETHNICITY,
        PhoneInvalid => P_PHONE,
        AddressTooLong => P_ADDRESS,
    };
    (at, person_error(e))
}

/// The person's inputs (to sit in a `.grid` with the form's other fields), labelled as the
/// member form labels them.
pub fn person_fields(p: PersonInputs, err: FieldError) -> AnyView {
    let id_invalid = move || has_error(err, P_ID);
    view! {
        {text_field(P_NAME, member_item_label(Item::Name), p.name, err, "")}
        <div class="field" class:invalid=id_invalid>
            <label for=P_ID>{member_item_label(Item::IdNumber)}</label>
            <input id=P_ID type="text" autocomplete="off" maxlength="22" class="mono"
                aria-invalid=move || id_invalid().to_string() aria-describedby="p-idnumber-err"
                prop:value=p.id_number on:input=move |ev| {
                    p.on_id_input(event_target_value(&ev), err);
                    clear_error_of(err, P_ID);
                } />
            <p class="field-msg" id="p-idnumber-err">{move || error_of(err, P_ID)}</p>
        </div>
        {select_field(P_SEX, member_item_label(Item::Sex), p.sex, err, plain_options(&SEXES))}
        {text_field(P_BIRTH, member_item_label(Item::BirthDate), p.birth_date, err, t().date_hint)}
        <div class="field">
            <label for=P_ETHNICITY>{member_item_label(Item::Ethnicity)}</label>
            <input id=P_ETHNICITY type="text" list="p-ethnicities" autocomplete="off"
                prop:value=p.ethnicity on:input=move |ev| {
                    p.ethnicity.set(event_target_value(&ev));
                    clear_error_of(err, P_ETHNICITY);
                } />
            <datalist id="p-ethnicities">
                {COMMON_ETHNICITIES.iter().map(|e| view! { <option value=*e></option> }).collect_view()}
            </datalist>
            <p class="field-msg">{move || error_of(err, P_ETHNICITY)}</p>
        </div>
        {select_field(P_EDUCATION, member_item_label(Item::Education), p.education, err, plain_options(&EDUCATIONS))}
        {text_field(P_PHONE, member_item_label(Item::Phone), p.phone, err, "")}
        {text_field(P_ADDRESS, member_item_label(Item::Address), p.address, err, "")}
    }
    .into_any()
}

/// Reads the kinds a section needs (they are not read at start) before its pages show, so
/// nothing can be edited on part of a kind's records. Diaries and their steps are indexed, not
/// read whole (`AppState::index_diaries`).
#[component]
pub fn KindsGate(kinds: &'static [&'static str], children: ChildrenFn) -> impl IntoView {
    let state = expect_context::<AppState>();
    let is_ready = move |k: &str| match k {
        kind::DIARY | kind::DIARY_STEP => state.diaries_indexed(),
        _ => state.read_now(|ws| ws.is_loaded(k)),
    };
    let ready = RwSignal::new(untrack(|| kinds.iter().all(|k| is_ready(k))));
    let failed = RwSignal::new(None::<String>);
    if !ready.get_untracked() {
        spawn_local(async move {
            for kind in kinds {
                let read = match *kind {
                    kind::DIARY | kind::DIARY_STEP => state.index_diaries().await,
                    _ => state.load_kind(kind).await,
                };
                if let Err(e) = read {
                    failed.set(Some(e));
                    return;
                }
            }
            ready.set(true);
        });
    }
    view! {
        <When when=move || ready.get()
            fallback=move || view! {
                <section class="page">
                    <p class="muted" role="status">{move || failed.get().unwrap_or_else(|| t().kinds_loading.to_string())}</p>
                </section>
            }>
            {children()}
        </When>
    }
}

/// Sorts by a (number, text) key, through the one sort the domain's lists use too.
pub fn sorted<T>(mut items: Vec<T>, key: impl Fn(&T) -> (i64, String)) -> Vec<T> {
    crate::domain::order::sort_by_key(&mut items, |x| {
        let (n, s) = key(x);
        crate::domain::order::Key::new().num(n).text(&s)
    });
    items
}

/// The years a year filter offers: this year and every year something was dated in, newest first.
pub fn year_options(dates: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> Vec<(String, String)> {
    use chrono::Datelike;
    let mut list = vec![today.year()];
    list.extend(dates.map(|d| d.year()));
    let mut list = sorted(list, |y| (-i64::from(*y), String::new()));
    list.dedup();
    list.into_iter().map(|y| (y.to_string(), format!("{y}年"))).collect()
}

/// A date as a sort key (days since year 1; 0 when unknown).
pub fn day_key(d: Option<NaiveDate>) -> i64 {
    use chrono::Datelike;
    d.map_or(0, |d| i64::from(d.num_days_from_ce()))
}

/// Checkboxes for (key, label) items; `chosen` holds the keys ticked.
pub fn checkbox_list(
    class: &'static str,
    legend: &'static str,
    items: Signal<Vec<(String, String)>>,
    chosen: RwSignal<Vec<String>>,
    err: FieldError,
    id: &'static str,
) -> AnyView {
    let invalid = move || has_error(err, id);
    let boxes = move || {
        items
            .get()
            .into_iter()
            .map(|(key, label)| {
                let k = key.clone();
                view! {
                    <label class="choice">
                        <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&k))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|x| x != &key);
                                    if on {
                                        c.push(key.clone());
                                    }
                                });
                                clear_error_of(err, id);
                            } />
                        {label}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset id=id class=format!("field choices {class}") class:invalid=invalid aria-describedby=format!("{id}-err")>
            <legend>{legend}</legend>
            {boxes}
        </fieldset>
        <p class="field-msg" id=format!("{id}-err")>{move || error_of(err, id)}</p>
    }
    .into_any()
}

/// Turns the date typed into the edit, or says why not.
pub type Apply = Box<dyn Fn(&str) -> Result<Edit, String>>;

/// The card for a one-date action on a row (离任, 届中考察, 退出, 结束包村), below the table, as
/// the organization page does its actions.
pub fn date_action_card(
    title: String,
    label: &'static str,
    confirm: &'static str,
    apply: Apply,
    close: Callback<()>,
    message: Message,
) -> AnyView {
    let state = expect_context::<AppState>();
    let date = RwSignal::new(day_text(Some(browser::today())));
    let err: FieldError = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let done = title.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match apply(&date.get_untracked()) {
            Ok(edit) => {
                let ok = format!("{}：{}", done, date.get_untracked().trim());
                save(state, vec![edit], saving, message, ok, Box::new(move || close.run(())));
            }
            Err(words) => err.set(Some(("act-date", words))),
        }
    };
    Effect::new(move |_| crate::ui::shell::focus_by_id("act-date"));
    view! {
        <form class="card action-card" on:submit=submit novalidate>
            <h3>{title}</h3>
            <div class="inline-form">
                {text_field("act-date", label, date, err, t().date_hint)}
                <div class="actions">
                    <button type="submit" class="primary" prop:disabled=saving>{confirm}</button>
                    <button type="button" on:click=move |_| close.run(())>{t().cancel}</button>
                </div>
            </div>
        </form>
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
