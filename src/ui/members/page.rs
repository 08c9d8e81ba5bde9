//! A member's own page: the 16 items (the ID number masked until revealed), their history
//! (党员档案) with a form to record an event, and the audit trail of every change.

use crate::domain::date::iso;
use crate::domain::member::{self as m, Member};
use crate::domain::member_event::{history_of, record_event, EventDraft, EventType, DISCIPLINE_LEVELS};
use crate::domain::org::Org;
use crate::domain::record::{kind, RecordId};
use crate::ui::kit::fields::{message_line, no_field_error, select_field, text_field};
use crate::ui::kit::trail::TrailCard;
use crate::ui::kit::when::When;
use crate::ui::members::text::mt;
use crate::ui::text::{event_error, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A member field's name in the trail.
fn member_field_text(field: &str) -> String {
    member_field_label(field).to_string()
}

/// The Chinese name of a member field, as the form labels it.
pub fn member_field_label(field: &str) -> &str {
    match field {
        m::NAME => "姓名",
        m::SEX => "性别",
        m::ETHNICITY => "民族",
        m::ID_NUMBER => "公民身份号码",
        m::BIRTH_DATE => "出生日期",
        m::EDUCATION => "学历",
        m::CATEGORY => "人员类别",
        m::ORG => "所在党支部",
        m::JOINED => "加入党组织日期",
        m::FULL_MEMBER_DATE => "转为正式党员日期",
        m::POST => "工作岗位",
        m::PHONE => "联系电话",
        m::ADDRESS => "家庭住址",
        m::STATUS => "党籍状态",
        m::LOST => "是否失联",
        m::LOST_DATE => "失联日期",
        m::FLOWING => "是否流动党员",
        m::FLOWING_TO => "外出流向",
        m::LEFT => "在册情况",
        m::LEFT_DATE => "离册日期",
        other => other,
    }
}

#[component]
pub fn MemberPage(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let record_id = id.clone();
    let member = Memo::new(move |_| {
        state.read_kinds(&[kind::MEMBER], |ws| {
            ws.replica().get(&record_id).filter(|r| r.kind == kind::MEMBER && !r.is_deleted()).map(Member::from_record)
        })
    });
    let orgs = state.collection::<Org>();
    let org_name =
        move |oid: &str| orgs.with_untracked(|all| all.iter().find(|o| o.id.as_str() == oid).map(|o| o.name.clone()));
    let reveal = RwSignal::new(false);

    view! {
        <section class="page">
            <p class="crumb"><a href="#/members">{"‹ "}{mt().member_back}</a></p>
            {move || match member.get() {
                None => view! { <p class="empty">{mt().member_not_found}</p> }.into_any(),
                Some(mb) => {
                    let edit_href = format!("#/members/{}/edit", mb.id);
                    let date = |d: Option<chrono::NaiveDate>| d.map(iso).unwrap_or_default();
                    let org = mb.org.as_ref().and_then(|o| org_name(o.as_str())).unwrap_or_default();
                    let full_id = mb.id_number.clone();
                    let masked = mb.masked_id_number();
                    let facts: Vec<(&str, String)> = vec![
                        ("性别", mb.sex.clone()),
                        ("民族", mb.ethnicity.clone()),
                        ("出生日期", date(mb.birth_date)),
                        ("学历", mb.education.clone()),
                        ("人员类别", mb.category.clone()),
                        ("所在党支部", org),
                        ("加入党组织日期", date(mb.joined)),
                        ("转为正式党员日期", date(mb.full_member_date)),
                        ("工作岗位", mb.post.clone()),
                        ("联系电话", mb.phone.clone()),
                        ("家庭住址", mb.address.clone()),
                        ("党籍状态", mb.status.clone()),
                        ("是否失联", if mb.lost { format!("是（{}）", date(mb.lost_date)) } else { t().no.into() }),
                        ("是否流动党员", if mb.flowing { format!("是（{}）", mb.flowing_to) } else { t().no.into() }),
                    ];
                    view! {
                        <div class="page-head">
                            <h2>{mb.name.clone()}
                                {mb.left.clone().map(|l| view! { <span class="tag">{format!("{}：{}", mt().member_left, l)}</span> })}
                            </h2>
                            <span class="actions">
                                <a class="button" href=format!("#/members/{}/card", mb.id)>{mt().print_card}</a>
                                <a class="button" href=edit_href>{mt().member_edit}</a>
                            </span>
                        </div>
                        <dl class="facts member-facts">
                            <dt>"公民身份号码"</dt>
                            <dd>
                                <span class="mono" id="member-id-number">{move || if reveal.get() { full_id.clone() } else { masked.clone() }}</span>
                                " "
                                <button type="button" class="link" on:click=move |_| reveal.update(|r| *r = !*r)>
                                    {move || if reveal.get() { mt().member_id_hide } else { mt().member_id_reveal }}
                                </button>
                            </dd>
                            {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                        </dl>
                        <EventsCard member=mb.clone() />
                        <TrailCard id=mb.id.clone() label=member_field_text />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn EventsCard(member: Member) -> impl IntoView {
    let state = expect_context::<AppState>();
    let member_id = member.id.clone();
    let events = Memo::new(move |_| {
        state.read_kinds(&[kind::MEMBER_EVENT], |ws| history_of(ws.replica().of_kind(kind::MEMBER_EVENT), &member_id))
    });
    let event_type = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let detail = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let saving = RwSignal::new(false);
    let chosen = move || EventType::from_label(&event_type.get());
    let types: Vec<(String, String)> = EventType::ALL.iter().map(|e| (e.label().into(), e.label().into())).collect();
    let levels: Vec<(String, String)> = DISCIPLINE_LEVELS.iter().map(|l| (l.to_string(), l.to_string())).collect();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let draft = EventDraft {
            event_type: EventType::from_label(&event_type.get_untracked()),
            date: date.get_untracked(),
            detail: detail.get_untracked(),
            note: note.get_untracked(),
        };
        let edits =
            match record_event(&draft, &member, RecordId::from_random(browser::random_bytes()), browser::today()) {
                Ok(e) => e,
                Err(e) => return message.set(Some((false, event_error(&e).to_string()))),
            };
        saving.set(true);
        spawn_local(async move {
            match state.commit(edits).await {
                Ok(_) => {
                    message.set(Some((true, mt().event_saved.to_string())));
                    detail.set(String::new());
                    note.set(String::new());
                }
                Err(e) => message.set(Some((false, e))),
            }
            saving.set(false);
        });
    };

    view! {
        <div class="card">
            <h3>{mt().member_events}</h3>
            <When when=move || !events.with(Vec::is_empty) fallback=|| view! { <p class="muted">{mt().member_events_none}</p> }>
                <table class="data">
                    <thead><tr><th>{mt().event_date}</th><th>{mt().event_type}</th><th>{mt().event_detail}</th><th>{mt().event_note}</th></tr></thead>
                    <tbody>
                        {move || events.get().into_iter().map(|e| view! {
                            <tr>
                                <td class="num">{e.date.map(iso).unwrap_or_default()}</td>
                                <td>{e.event_type.map(|t| t.label()).unwrap_or_default()}</td>
                                <td>{e.detail}</td>
                                <td class="text">{e.note}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </When>
            <form class="inline-form" on:submit=submit novalidate>
                {select_field("event-type", mt().event_type, event_type, no_field_error(), Signal::stored(types))}
                {text_field("event-date", mt().event_date, date, no_field_error(), t().date_hint)}
                <When when=move || chosen() == Some(EventType::Discipline)>
                    {select_field("event-level", mt().event_detail_discipline, detail, no_field_error(), Signal::stored(levels.clone()))}
                </When>
                <When when=move || matches!(chosen(), Some(EventType::TransferOut | EventType::TransferIn | EventType::Flowing))>
                    {text_field("event-place", mt().event_detail_place, detail, no_field_error(), "")}
                </When>
                <div class="grow">{text_field("event-note", mt().event_note, note, no_field_error(), "")}</div>
                <button type="submit" prop:disabled=saving>{mt().member_event_add}</button>
            </form>
            {message_line(message)}
        </div>
    }
}
