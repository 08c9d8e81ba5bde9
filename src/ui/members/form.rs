//! The member form (党员基本信息采集表): a new member or an edit, with each item labelled as the
//! national form names it, problems shown at their inputs, and warnings the user may overrule.

use crate::domain::member::Member;
use crate::domain::member::{CATEGORIES, EDUCATIONS, SEXES, STATUSES, STATUS_NORMAL};
use crate::domain::member_form::{
    check_member, derived_from_id, holds_members, member_edit, Checked, Context, Item, MemberDraft, Problem,
};
use crate::domain::org::tree_order;
use crate::domain::org::Org;
use crate::domain::record::{kind, RecordId};
use crate::ui::kit::when::When;
use crate::ui::members::text::mt;
use crate::ui::text::{member_item_label, member_problem, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The ethnic groups most common in the townships we serve first; any other can be typed.
pub(crate) const COMMON_ETHNICITIES: [&str; 10] =
    ["汉族", "土家族", "苗族", "侗族", "瑶族", "壮族", "回族", "白族", "满族", "蒙古族"];

/// The items in the order the form shows them (the identity number early: it fills two others).
const FORM_ORDER: [Item; 16] = [
    Item::Name,
    Item::IdNumber,
    Item::Sex,
    Item::BirthDate,
    Item::Ethnicity,
    Item::Education,
    Item::Category,
    Item::Org,
    Item::Joined,
    Item::FullMemberDate,
    Item::Post,
    Item::Phone,
    Item::Address,
    Item::Status,
    Item::LostDate,
    Item::FlowingTo,
];

type Getter = fn(&MemberDraft) -> String;
type Setter = fn(&mut MemberDraft, String);

fn item_id(item: Item) -> String {
    format!("m-{item:?}").to_ascii_lowercase()
}

#[component]
pub fn MemberFormPage(editing: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let existing: Option<Member> = editing.as_ref().and_then(|id| {
        state.read_now(|ws| {
            ws.replica().get(id).filter(|r| r.kind == kind::MEMBER && !r.is_deleted()).map(Member::from_record)
        })
    });
    if editing.is_some() && existing.is_none() {
        return view! { <section class="page"><p class="empty">{mt().member_not_found}</p></section> }.into_any();
    }
    let initial = existing.as_ref().map(MemberDraft::from_member).unwrap_or_else(|| MemberDraft {
        status: STATUS_NORMAL.into(),
        ethnicity: "汉族".into(),
        ..Default::default()
    });
    let draft = RwSignal::new(initial);
    let checked = RwSignal::new(None::<Checked>);
    let message = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    // Once the user saw the warnings, the button saves anyway.
    let warnings_seen = RwSignal::new(false);
    // Birth date and sex filled from the ID number, until the user changes them.
    let derived = RwSignal::new(None::<(String, &'static str)>);

    let orgs = state.collection::<Org>();
    let editing_id = editing.clone();
    let run_check = move || {
        let members = state.collection::<Member>().get();
        let closed = move |id: &RecordId| orgs.with_untracked(|all| all.iter().any(|o| &o.id == id && !o.is_open()));
        orgs.with_untracked(|all| {
            let cx = Context { members: &members, orgs: all, is_closed: &closed, today: browser::today() };
            draft.with_untracked(|d| check_member(d, editing_id.as_ref(), &cx))
        })
    };

    // Once a save has shown what is wrong, each change checks again: an error goes as soon as
    // its item is put right, not at the next save.
    let check_again = run_check.clone();
    Effect::new(move |_| {
        draft.track();
        if checked.with_untracked(Option::is_some) {
            let result = check_again();
            if result.is_savable() {
                message.set(None);
            }
            checked.set(Some(result));
        }
    });

    let findings_for = move |item: Item| -> Vec<String> {
        checked.with(|c| {
            c.as_ref()
                .map(|c| c.findings.iter().filter(|f| f.item == item).map(|f| member_problem(&f.problem)).collect())
                .unwrap_or_default()
        })
    };
    let taken_link = move || {
        checked.with(|c| {
            c.as_ref().and_then(|c| {
                c.findings.iter().find_map(|f| match &f.problem {
                    Problem::IdNumberTaken { other, .. } => Some(format!("#/members/{other}")),
                    _ => None,
                })
            })
        })
    };

    let on_id_input = move |value: String| {
        draft.update(|d| d.id_number = value.clone());
        if let Some((birth, sex)) = derived_from_id(&value, browser::today()) {
            let previous = derived.get_untracked();
            draft.update(|d| {
                let was_derived = |field: &str, of: Option<&str>| field.is_empty() || Some(field) == of;
                if was_derived(&d.birth_date, previous.as_ref().map(|p| p.0.as_str())) {
                    d.birth_date = birth.clone();
                }
                if was_derived(&d.sex, previous.as_ref().map(|p| p.1)) {
                    d.sex = sex.to_string();
                }
            });
            derived.set(Some((birth, sex)));
        }
    };

    let editing_for_save = editing.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let result = run_check();
        let has_warnings = result.warnings().next().is_some();
        checked.set(Some(result.clone()));
        message.set(None);
        if !result.is_savable() {
            message.set(Some(mt().member_fix_errors.to_string()));
            let first = FORM_ORDER.iter().find(|item| result.errors().any(|f| f.item == **item));
            if let Some(item) = first {
                crate::ui::shell::focus_by_id(&item_id(*item));
            }
            warnings_seen.set(false);
            return;
        }
        if has_warnings && !warnings_seen.get_untracked() {
            warnings_seen.set(true);
            return;
        }
        let name = draft.with_untracked(|d| d.name.trim().to_string());
        let edit = member_edit(result, editing_for_save.clone(), RecordId::from_random(browser::random_bytes()));
        let target = edit.record_id().clone();
        saving.set(true);
        spawn_local(async move {
            match state.commit(vec![edit]).await {
                Ok(_) => {
                    message.set(Some(format!("{}{}", mt().member_saved, name)));
                    let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/members/{target}")));
                }
                Err(e) => message.set(Some(e)),
            }
            saving.set(false);
        });
    };

    let text_field =
        move |item: Item, get: Getter, set: Setter, input_type: &'static str, hint: Option<&'static str>| {
            let id = item_id(item);
            let err_id = format!("{id}-err");
            let problems = move || findings_for(item);
            let invalid = move || checked.with(|c| c.as_ref().is_some_and(|c| c.errors().any(|f| f.item == item)));
            view! {
                <div class="field" class:invalid=invalid>
                    <label for=id.clone()>{member_item_label(item)}</label>
                    <input id=id type=input_type autocomplete="off" placeholder=hint.unwrap_or_default()
                        aria-invalid=move || invalid().to_string() aria-describedby=err_id.clone()
                        prop:value=move || draft.with(get)
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| set(d, v));
                            warnings_seen.set(false);
                        } />
                    <p class="field-msg" id=err_id>{move || problems().join(" ")}</p>
                </div>
            }
        };
    let select_field = move |item: Item, get: Getter, set: Setter, options: Vec<(String, String)>| {
        let id = item_id(item);
        let err_id = format!("{id}-err");
        let problems = move || findings_for(item);
        let invalid = move || checked.with(|c| c.as_ref().is_some_and(|c| c.errors().any(|f| f.item == item)));
        view! {
            <div class="field" class:invalid=invalid>
                <label for=id.clone()>{member_item_label(item)}</label>
                <select id=id aria-invalid=move || invalid().to_string() aria-describedby=err_id.clone()
                    prop:value=move || draft.with(get)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| set(d, v));
                        warnings_seen.set(false);
                    }>
                    <option value="">{t().choose}</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
                <p class="field-msg" id=err_id>{move || problems().join(" ")}</p>
            </div>
        }
    };
    let plain = |list: &[&str]| list.iter().map(|s| (s.to_string(), s.to_string())).collect::<Vec<_>>();
    let org_options: Vec<(String, String)> = orgs.with_untracked(|all| {
        tree_order(all, &state.pinyin.get_untracked())
            .into_iter()
            .filter(|(_, o)| o.is_open() && holds_members(o.category))
            .map(|(_, o)| (o.id.to_string(), o.name.clone()))
            .collect()
    });

    let id_err = "m-idnumber-err".to_string();
    let id_invalid = move || checked.with(|c| c.as_ref().is_some_and(|c| c.errors().any(|f| f.item == Item::IdNumber)));
    let warnings = move || {
        checked.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.warnings()
                        .map(|f| format!("{}：{}", member_item_label(f.item), member_problem(&f.problem)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let title = if editing.is_some() { mt().member_edit_title } else { mt().member_new_title };
    let back = match &editing {
        Some(id) => format!("#/members/{id}"),
        None => "#/members".to_string(),
    };

    view! {
        <section class="page">
            <p class="crumb"><a href=back.clone()>{"‹ "}{mt().member_back}</a></p>
            <h2>{title}</h2>
            <form class="card member-form" on:submit=submit novalidate>
                <div class="grid">
                    {text_field(Item::Name, |d| d.name.clone(), |d, v| d.name = v, "text", None)}
                    <div class="field" class:invalid=id_invalid>
                        <label for="m-idnumber">{member_item_label(Item::IdNumber)}</label>
                        <input id="m-idnumber" type="text" autocomplete="off" maxlength="22" class="mono"
                            aria-invalid=move || id_invalid().to_string() aria-describedby=id_err.clone()
                            prop:value=move || draft.with(|d| d.id_number.clone())
                            on:input=move |ev| { on_id_input(event_target_value(&ev)); warnings_seen.set(false); } />
                        <p class="field-msg" id=id_err>
                            {move || findings_for(Item::IdNumber).join(" ")}
                            {move || taken_link().map(|href| view! { " " <a href=href>{mt().member_open_other}</a> })}
                        </p>
                    </div>
                    {select_field(Item::Sex, |d| d.sex.clone(), |d, v| d.sex = v, plain(&SEXES))}
                    {text_field(Item::BirthDate, |d| d.birth_date.clone(), |d, v| d.birth_date = v, "text", Some(t().date_hint))}
                    <div class="field">
                        <label for="m-ethnicity">{member_item_label(Item::Ethnicity)}</label>
                        <input id="m-ethnicity" type="text" list="ethnicities" autocomplete="off"
                            prop:value=move || draft.with(|d| d.ethnicity.clone())
                            on:input=move |ev| draft.update(|d| d.ethnicity = event_target_value(&ev)) />
                        <datalist id="ethnicities">
                            {COMMON_ETHNICITIES.iter().map(|e| view! { <option value=*e></option> }).collect_view()}
                        </datalist>
                        <p class="field-msg">{move || findings_for(Item::Ethnicity).join(" ")}</p>
                    </div>
                    {select_field(Item::Education, |d| d.education.clone(), |d, v| d.education = v, plain(&EDUCATIONS))}
                    {select_field(Item::Category, |d| d.category.clone(), |d, v| d.category = v, plain(&CATEGORIES))}
                    {select_field(Item::Org, |d| d.org.clone(), |d, v| d.org = v, org_options)}
                    {text_field(Item::Joined, |d| d.joined.clone(), |d, v| d.joined = v, "text", Some(t().date_hint))}
                    {text_field(Item::FullMemberDate, |d| d.full_member_date.clone(), |d, v| d.full_member_date = v, "text", Some(t().date_hint))}
                    {text_field(Item::Post, |d| d.post.clone(), |d, v| d.post = v, "text", None)}
                    {text_field(Item::Phone, |d| d.phone.clone(), |d, v| d.phone = v, "tel", None)}
                    {text_field(Item::Address, |d| d.address.clone(), |d, v| d.address = v, "text", None)}
                    {select_field(Item::Status, |d| d.status.clone(), |d, v| d.status = v, plain(&STATUSES))}
                </div>
                <div class="grid">
                    <div class="field">
                        <label class="choice">
                            <input id="m-lost" type="checkbox" prop:checked=move || draft.with(|d| d.lost)
                                on:change=move |ev| draft.update(|d| d.lost = event_target_checked(&ev)) />
                            "是否失联"
                        </label>
                        <When when=move || draft.with(|d| d.lost)>
                            {text_field(Item::LostDate, |d| d.lost_date.clone(), |d, v| d.lost_date = v, "text", Some(t().date_hint))}
                        </When>
                    </div>
                    <div class="field">
                        <label class="choice">
                            <input id="m-flowing" type="checkbox" prop:checked=move || draft.with(|d| d.flowing)
                                on:change=move |ev| draft.update(|d| d.flowing = event_target_checked(&ev)) />
                            "是否流动党员"
                        </label>
                        <When when=move || draft.with(|d| d.flowing)>
                            {text_field(Item::FlowingTo, |d| d.flowing_to.clone(), |d, v| d.flowing_to = v, "text", None)}
                        </When>
                    </div>
                </div>
                <When when=move || !warnings().is_empty()>
                    <div class="warn-box" role="alert">
                        <p>{mt().member_warnings}</p>
                        <ul>{move || warnings().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    </div>
                </When>
                <p class="error" role="alert">{move || message.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary" prop:disabled=saving>
                        {move || if saving.get() {
                            t().saving
                        } else if warnings_seen.get() {
                            mt().member_save_anyway
                        } else {
                            t().save
                        }}
                    </button>
                    <a class="button" href=back>{t().cancel}</a>
                </div>
            </form>
        </section>
    }
    .into_any()
}
