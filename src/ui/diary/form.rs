//! The notebook page (走访记录): a new entry or an edit of one. Made for entering a stack of
//! pages by keyboard: the last writer, village and date are kept for the next page, households
//! are picked by name or pinyin initials (Enter takes the first), a household not on the
//! register is added on the spot, Ctrl+Enter saves from anywhere, and a new page's draft is kept
//! while it is typed, so a closed tab loses nothing.

use crate::domain::diary::{
    check_diary, diary_edit, writer_choices, Context, Diary, DiaryDraft, Field, MatterCategory, Role, WriterSources,
};
use crate::domain::household::{
    check_household, household_edit, Context as HouseholdContext, Household, HouseholdDraft,
};
use crate::domain::record::RecordId;
use crate::domain::replica::Edit;
use crate::domain::search::{Person, SearchIndex};
use crate::ui::diary::households::village_choices;
use crate::ui::diary::text::{diary_problem, rt};
use crate::ui::diary::{head_and_group, DiaryData};
use crate::ui::kit::fields::{
    day_text, error_of, go, has_error, message_line, new_id, save_and, select_field, text_area, text_field, FieldError,
    Message,
};
use crate::ui::kit::when::When;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const DATE: &str = "dy-date";
const WRITER: &str = "dy-writer";
const COMPANIONS: &str = "dy-companions";
const VILLAGE: &str = "dy-village";
const HOUSEHOLDS: &str = "dy-households";
const ROLES: &str = "dy-roles";
const CATEGORY: &str = "dy-category";
const SITUATION: &str = "dy-situation";
const REQUEST: &str = "dy-request";
const ACTION: &str = "dy-action";

/// Where the last page's writer, village and date are kept for the next one.
const LAST_KEY: &str = "dangjian.diary.last";
/// Where a new page's draft is kept while it is typed.
const DRAFT_KEY: &str = "dangjian.diary.draft";

/// A page as kept in the browser between visits (ids and labels as text).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Kept {
    date: String,
    writer: String,
    companions: String,
    village: String,
    households: Vec<String>,
    roles: Vec<String>,
    category: String,
    situation: String,
    request: String,
    action: String,
    follow_up: bool,
    /// Households added on the spot, not yet saved: (id, 户主, 村民小组).
    added: Vec<(String, String, String)>,
}

fn input_of(field: Field) -> &'static str {
    match field {
        Field::Date => DATE,
        Field::Writer => WRITER,
        Field::Companions => COMPANIONS,
        Field::Village => VILLAGE,
        Field::Households => HOUSEHOLDS,
        Field::Roles => ROLES,
        Field::Category => CATEGORY,
        Field::Situation => SITUATION,
        Field::Request => REQUEST,
        Field::Action => ACTION,
    }
}

/// The page's inputs, one signal each.
#[derive(Clone, Copy)]
struct Inputs {
    date: RwSignal<String>,
    writer: RwSignal<String>,
    companions: RwSignal<String>,
    village: RwSignal<String>,
    households: RwSignal<Vec<String>>,
    roles: RwSignal<Vec<String>>,
    category: RwSignal<String>,
    situation: RwSignal<String>,
    request: RwSignal<String>,
    action: RwSignal<String>,
    follow_up: RwSignal<bool>,
    added: RwSignal<Vec<(String, String, String)>>,
}

impl Inputs {
    fn new(k: Kept) -> Inputs {
        Inputs {
            date: RwSignal::new(k.date),
            writer: RwSignal::new(k.writer),
            companions: RwSignal::new(k.companions),
            village: RwSignal::new(k.village),
            households: RwSignal::new(k.households),
            roles: RwSignal::new(k.roles),
            category: RwSignal::new(k.category),
            situation: RwSignal::new(k.situation),
            request: RwSignal::new(k.request),
            action: RwSignal::new(k.action),
            follow_up: RwSignal::new(k.follow_up),
            added: RwSignal::new(k.added),
        }
    }

    fn kept(&self) -> Kept {
        Kept {
            date: self.date.get(),
            writer: self.writer.get(),
            companions: self.companions.get(),
            village: self.village.get(),
            households: self.households.get(),
            roles: self.roles.get(),
            category: self.category.get(),
            situation: self.situation.get(),
            request: self.request.get(),
            action: self.action.get(),
            follow_up: self.follow_up.get(),
            added: self.added.get(),
        }
    }

    fn set(&self, k: Kept) {
        self.date.set(k.date);
        self.writer.set(k.writer);
        self.companions.set(k.companions);
        self.village.set(k.village);
        self.households.set(k.households);
        self.roles.set(k.roles);
        self.category.set(k.category);
        self.situation.set(k.situation);
        self.request.set(k.request);
        self.action.set(k.action);
        self.follow_up.set(k.follow_up);
        self.added.set(k.added);
    }

    fn draft(&self) -> DiaryDraft {
        DiaryDraft {
            date: self.date.get_untracked(),
            writer: RecordId::parse(&self.writer.get_untracked()),
            companions: self.companions.get_untracked(),
            village: RecordId::parse(&self.village.get_untracked()),
            households: self.households.get_untracked().iter().filter_map(|h| RecordId::parse(h)).collect(),
            roles: self.roles.get_untracked().iter().filter_map(|r| Role::from_label(r)).collect(),
            category: MatterCategory::from_label(&self.category.get_untracked()),
            situation: self.situation.get_untracked(),
            request: self.request.get_untracked(),
            action: self.action.get_untracked(),
            follow_up: self.follow_up.get_untracked(),
        }
    }
}

fn kept_of(d: &DiaryDraft) -> Kept {
    Kept {
        date: d.date.clone(),
        writer: d.writer.as_ref().map(|w| w.to_string()).unwrap_or_default(),
        companions: d.companions.clone(),
        village: d.village.as_ref().map(|v| v.to_string()).unwrap_or_default(),
        households: d.households.iter().map(|h| h.to_string()).collect(),
        roles: d.roles.iter().map(|r| r.label().to_string()).collect(),
        category: d.category.map(|c| c.label().to_string()).unwrap_or_default(),
        situation: d.situation.clone(),
        request: d.request.clone(),
        action: d.action.clone(),
        follow_up: d.follow_up,
        added: Vec::new(),
    }
}

/// A fresh page: the last writer, village and date kept, the rest empty.
fn fresh() -> Kept {
    let last: Kept = browser::kept(LAST_KEY).unwrap_or_default();
    Kept {
        date: if last.date.is_empty() { day_text(Some(browser::today())) } else { last.date },
        writer: last.writer,
        village: last.village,
        ..Kept::default()
    }
}

#[component]
pub fn DiaryFormPage(editing: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(id) = editing else { return diary_form(state, None).into_any() };
    // An entry is edited with its texts: while they are still being read, the page waits.
    let key = id.clone();
    let waiting =
        Memo::new(move |_| state.read_diaries(|index| index.position(&key).is_some_and(|i| !index.has_texts(i))));
    (move || {
        if waiting.get() {
            view! { <p class="empty" role="status">{state.texts_wait_note()}</p> }.into_any()
        } else {
            untrack(|| diary_form(state, Some(id.clone())))
        }
    })
    .into_any()
}

fn diary_form(state: AppState, editing: Option<RecordId>) -> AnyView {
    let data = expect_context::<DiaryData>();
    // Read once: the page must not be drawn again (losing what is typed) when diaries change.
    let existing: Option<(Diary, DiaryDraft)> = editing.as_ref().and_then(|id| {
        untrack(|| {
            state.read_diaries(|index| {
                let i = index.position(id)?;
                let d = index.diaries()[i].clone();
                let draft = DiaryDraft::from_diary(&d, &index.texts(i)?);
                Some((d, draft))
            })
        })
    });
    if editing.is_some() && existing.is_none() {
        return view! { <p class="empty">{rt().entry_not_found}</p> }.into_any();
    }
    let restored = existing.is_none().then(|| browser::kept::<Kept>(DRAFT_KEY)).flatten();
    let inputs = Inputs::new(match (&existing, &restored) {
        (Some((_, draft)), _) => kept_of(draft),
        (None, Some(draft)) => draft.clone(),
        (None, None) => fresh(),
    });
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(restored.map(|_| (true, rt().draft_restored.to_string())));
    let saving = RwSignal::new(false);
    let is_new = existing.is_none();
    // Keep a new page's draft as it is typed.
    if is_new {
        Effect::new(move |_| {
            let k = inputs.kept();
            if k.situation.is_empty() && k.request.is_empty() && k.action.is_empty() && k.households.is_empty() {
                browser::forget(DRAFT_KEY);
            } else {
                browser::keep(DRAFT_KEY, &k);
            }
        });
    }
    // The chosen village is read untracked: the options must not be drawn again when it changes
    // (a select whose options are redrawn after a choice shows none chosen). A closed village
    // kept from before its 撤销 is among them as the page opens.
    let villages = Memo::new(move |_| {
        let chosen = inputs.village.get_untracked();
        data.orgs.with(|orgs| village_choices(crate::domain::cadre::village_orgs(orgs, &state.pinyin.get()), &chosen))
    });
    let existing_writer = existing.as_ref().and_then(|(d, _)| d.writer.clone());
    let writers = Memo::new(move |_| {
        let village = RecordId::parse(&inputs.village.get());
        let (orgs, liaisons, cadres, members) =
            (data.orgs.get(), data.liaisons.get(), data.cadres.get(), data.members.get());
        // The writer of the entry edited stays offered, whoever can write for the village now.
        let chosen = existing_writer.clone();
        let people = WriterSources { orgs: &orgs, liaisons: &liaisons, cadres: &cadres, members: &members };
        writer_choices(village.as_ref(), chosen.as_ref(), people, &state.pinyin.get(), browser::today())
    });
    let editing_id = existing.as_ref().map(|(d, _)| d.id.clone());

    let submit = StoredValue::new_local(move || {
        let draft = inputs.draft();
        let (members, cadres) = (data.members.get_untracked(), data.cadres.get_untracked());
        let (orgs, on_register) = (data.orgs.get_untracked(), data.households.get_untracked());
        let register =
            HouseholdContext { households: &on_register, orgs: &orgs, members: &members, today: browser::today() };
        // Households added on the spot and still chosen, checked once: one that fails its check
        // is left out, so the diary's check reports it as not on the register.
        let added: Vec<(Edit, Household)> = inputs
            .added
            .get_untracked()
            .into_iter()
            .filter(|(id, _, _)| draft.households.iter().any(|h| h.as_str() == id))
            .filter_map(|(id, head, group)| {
                let hd = HouseholdDraft { village: draft.village.clone(), head, group, ..HouseholdDraft::default() };
                let fields = check_household(&hd, None, &register).ok()?;
                let edit = household_edit(fields, None, RecordId::parse(&id)?);
                let household = Household::from_edit(&edit)?;
                Some((edit, household))
            })
            .collect();
        let (mut edits, new_households): (Vec<Edit>, Vec<Household>) = added.into_iter().unzip();
        // The register copied only when households were added on the spot: a county's 12,000
        // are not copied for every entry saved.
        let with_added: Vec<Household>;
        let households: &[Household] = if new_households.is_empty() {
            &on_register
        } else {
            with_added = on_register.iter().cloned().chain(new_households).collect();
            &with_added
        };
        let writer_known =
            |id: &RecordId| members.iter().any(|m| &m.id == id) || cadres.iter().any(|c| c.is_person(id));
        let cx = Context { orgs: &orgs, households, writer_known: &writer_known, today: browser::today() };
        err.set(None);
        match check_diary(&draft, &cx) {
            Ok(fields) => {
                let edit = diary_edit(fields, editing_id.clone(), new_id());
                let target = format!("#/diary/{}", edit.record_id());
                edits.push(edit);
                let ok = if is_new { rt().entry_saved_next } else { rt().entry_saved };
                let keep_going = is_new;
                // The next page keeps writer, village and date, read now: the form may have
                // left the page by the time the entry is stored.
                let last = Kept {
                    date: inputs.date.get_untracked(),
                    writer: inputs.writer.get_untracked(),
                    village: inputs.village.get_untracked(),
                    ..Kept::default()
                };
                save_and(
                    state,
                    edits,
                    saving,
                    message,
                    ok.to_string(),
                    Box::new(move || {
                        if keep_going {
                            browser::keep(LAST_KEY, &last);
                            browser::forget(DRAFT_KEY);
                        }
                    }),
                    Box::new(move || {
                        if keep_going {
                            inputs.set(fresh());
                            crate::ui::shell::focus_by_id(HOUSEHOLDS);
                        } else {
                            go(&target);
                        }
                    }),
                );
            }
            Err(findings) => {
                if let Some(f) = findings.first() {
                    err.set(Some((input_of(f.field), diary_problem(&f.problem))));
                    message.set(Some((false, rt().fix_errors.to_string())));
                    crate::ui::shell::focus_by_id(input_of(f.field));
                }
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit.with_value(|f| f());
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            submit.with_value(|f| f());
        }
    };
    let back = match &editing {
        Some(id) => format!("#/diary/{id}"),
        None => "#/diary".to_string(),
    };
    let clear_draft = move |_| {
        browser::forget(DRAFT_KEY);
        inputs.set(fresh());
        message.set(None);
        err.set(None);
    };

    view! {
        <form class="card diary-form" on:submit=on_submit on:keydown=on_keydown novalidate>
            <h3>{if is_new { rt().new_title } else { rt().edit_title }}</h3>
            <p class="muted">{rt().form_intro}</p>
            <div class="grid">
                {text_field(DATE, rt().date, inputs.date, err, t().date_hint)}
                {select_field(VILLAGE, rt().village, inputs.village, err, Signal::derive(move || villages.get()))}
                {select_field(
                    WRITER,
                    rt().writer,
                    inputs.writer,
                    err,
                    Signal::derive(move || {
                        writers
                            .get()
                            .into_iter()
                            .map(|(id, name, liaison)| {
                                (id.to_string(), if liaison { format!("{name}{}", rt().liaison_mark) } else { name })
                            })
                            .collect()
                    }),
                )}
                {text_field(COMPANIONS, rt().companions, inputs.companions, err, "")}
            </div>
            <HouseholdPicker inputs err />
            <fieldset id=ROLES class="field choices" aria-describedby="dy-roles-err">
                <legend>{rt().roles}</legend>
                {Role::ALL
                    .into_iter()
                    .map(|r| {
                        let label = r.label();
                        view! {
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || inputs.roles.with(|rs| rs.iter().any(|x| x == label))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        inputs.roles.update(|rs| {
                                            rs.retain(|x| x != label);
                                            if on {
                                                rs.push(label.to_string());
                                            }
                                        });
                                    } />
                                {label}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <p class="field-msg" id="dy-roles-err">{move || error_of(err, ROLES)}</p>
            <div class="grid">
                {select_field(
                    CATEGORY,
                    rt().category,
                    inputs.category,
                    err,
                    Signal::stored(MatterCategory::ALL.iter().map(|c| (c.label().to_string(), c.label().to_string())).collect()),
                )}
            </div>
            {text_area(SITUATION, rt().situation, inputs.situation, err, 4)}
            {text_area(REQUEST, rt().request, inputs.request, err, 2)}
            {text_area(ACTION, rt().action, inputs.action, err, 2)}
            <label class="choice">
                <input id="dy-follow-up" type="checkbox" prop:checked=inputs.follow_up
                    on:change=move |ev| inputs.follow_up.set(event_target_checked(&ev)) />
                {rt().follow_up}
            </label>
            {message_line(message)}
            <div class="actions">
                <button type="submit" class="primary" prop:disabled=saving>
                    {move || if saving.get() { t().saving } else { t().save }}
                </button>
                <span class="muted">{rt().save_keys}</span>
                {is_new.then(|| view! { <button type="button" on:click=clear_draft>{rt().clear_page}</button> })}
                <a class="button" href=back>{t().cancel}</a>
            </div>
        </form>
    }
    .into_any()
}

/// The households visited: chosen ones as chips, a search box over the village's open
/// households (name or pinyin initials; Enter takes the first match), and adding one on the spot.
#[component]
fn HouseholdPicker(inputs: Inputs, err: FieldError) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<DiaryData>();
    let query = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    let adding = RwSignal::new(false);
    // The village's open households, with their search index.
    let in_village = Memo::new(move |_| {
        let village = RecordId::parse(&inputs.village.get());
        let list: Vec<(String, String, String)> = data.households.with(|hs| {
            hs.iter()
                .filter(|h| h.is_open() && h.village.is_some() && h.village == village)
                .map(|h| (h.id.to_string(), h.head.clone(), h.group.clone()))
                .collect()
        });
        list
    });
    let index = Memo::new_owning(move |_: Option<std::sync::Arc<SearchIndex>>| {
        in_village.with(|list| {
            let people: Vec<Person> =
                list.iter().map(|(_, head, _)| Person { name: head, id_number: "", phone: "" }).collect();
            (std::sync::Arc::new(SearchIndex::build_people(&people, &state.pinyin.get())), true)
        })
    });
    let matches = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        let chosen = inputs.households.get();
        in_village.with(|list| {
            index
                .get()
                .search(&q)
                .into_iter()
                .map(|hit| list[hit.member].clone())
                .filter(|(id, _, _)| !chosen.contains(id))
                .take(8)
                .collect::<Vec<_>>()
        })
    });
    let name_of = move |id: &str| -> String {
        inputs
            .added
            .with(|a| a.iter().find(|(x, _, _)| x == id).map(|(_, head, group)| head_and_group(head, group)))
            .or_else(|| {
                data.households
                    .with(|hs| hs.iter().find(|h| h.id.as_str() == id).map(|h| head_and_group(&h.head, &h.group)))
            })
            .unwrap_or_else(|| rt().unknown_household.to_string())
    };
    let pick = move |id: String| {
        inputs.households.update(|hs| {
            if !hs.contains(&id) {
                hs.push(id);
            }
        });
        query.set(String::new());
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.ctrl_key() && !ev.meta_key() {
            ev.prevent_default();
            if let Some((id, _, _)) = matches.get_untracked().into_iter().next() {
                pick(id);
            }
        }
    };
    let add_here = move |_| {
        let head = query.get_untracked().trim().to_string();
        if head.is_empty() || RecordId::parse(&inputs.village.get_untracked()).is_none() {
            err.set(Some((HOUSEHOLDS, rt().add_household_needs.to_string())));
            return;
        }
        let id = new_id().to_string();
        inputs.added.update(|a| a.push((id.clone(), head, group.get_untracked().trim().to_string())));
        pick(id);
        group.set(String::new());
        adding.set(false);
    };
    let invalid = move || has_error(err, HOUSEHOLDS);
    view! {
        <div class="field wide-field household-picker" class:invalid=invalid>
            <label for=HOUSEHOLDS>{rt().households}</label>
            <ul class="chips">
                {move || {
                    inputs
                        .households
                        .get()
                        .into_iter()
                        .map(|id| {
                            let name = name_of(&id);
                            let aria = format!("{}{}", rt().remove, name);
                            view! {
                                <li class="chip">
                                    {name}
                                    <button type="button" class="chip-x" aria-label=aria
                                        on:click=move |_| inputs.households.update(|hs| hs.retain(|h| h != &id))>"×"</button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <input id=HOUSEHOLDS type="text" autocomplete="off" placeholder=rt().household_hint
                aria-invalid=move || invalid().to_string() aria-describedby="dy-households-err"
                prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) on:keydown=on_key />
            <ul class="picks" role="listbox">
                {move || {
                    matches
                        .get()
                        .into_iter()
                        .map(|(id, head, group)| {
                            let words = head_and_group(&head, &group);
                            view! {
                                <li><button type="button" class="pick" on:click=move |_| pick(id.clone())>{words}</button></li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                let q = query.get();
                (!q.trim().is_empty() && matches.with(Vec::is_empty)).then(|| {
                    view! {
                        <p class="muted">
                            {rt().household_none_found}
                            <button type="button" on:click=move |_| adding.set(true)>{rt().add_household_here}</button>
                        </p>
                    }
                })
            }}
            <When when=move || adding.get()>
                <div class="inline-form">
                    <span>{move || format!("{}{}", rt().new_household_head, query.get())}</span>
                    <label for="dy-add-group">{rt().group}</label>
                    <input id="dy-add-group" type="text" prop:value=group on:input=move |ev| group.set(event_target_value(&ev)) />
                    <button type="button" class="primary" on:click=add_here>{rt().add_household_confirm}</button>
                </div>
            </When>
            <p class="field-msg" id="dy-households-err">{move || error_of(err, HOUSEHOLDS)}</p>
        </div>
    }
}
