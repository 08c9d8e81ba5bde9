//! Print views (A4, the browser's own print): a branch's 花名册 and a member's information card
//! (党员信息卡). On screen they show a "打印" button; on paper only the document.

use crate::domain::date::{iso, year_month};
use crate::domain::hash::IdMap;
use crate::domain::member::Member;
use crate::domain::org::{subtree, Org};
use crate::domain::record::{kind, RecordId};
use crate::ui::kit::fields::checkbox_choice;
use crate::ui::members::text::mt;
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;

pub fn print_now() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(iso).unwrap_or_default()
}

/// The bar above a print view: back, print, and the choice to show full ID numbers.
fn print_bar(back: String, full_ids: Option<RwSignal<bool>>) -> impl IntoView {
    view! {
        <div class="print-bar no-print">
            <a href=back>{"‹ "}{mt().print_back}</a>
            {full_ids.map(|f| view! {
                {checkbox_choice(mt().print_full_ids, f)}
            })}
            <button type="button" class="primary" on:click=move |_| print_now()>{t().print}</button>
        </div>
    }
}

/// 花名册: the current members of an organization and everything under it, by branch then name.
#[component]
pub fn RosterPrint(org: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let orgs = state.collection::<Org>().get();
    let Some(root) = orgs.iter().find(|o| o.id == org).cloned() else {
        return view! { <p class="empty">{mt().member_not_found}</p> }.into_any();
    };
    let within = subtree(&orgs, &root.id);
    let names: IdMap<String> = orgs.iter().map(|o| (o.id.clone(), o.name.clone())).collect();
    let mut members: Vec<Member> = state
        .collection::<Member>()
        .get()
        .iter()
        .filter(|m| m.is_current() && m.org.as_ref().is_some_and(|o| within.contains(o)))
        .cloned()
        .collect();
    let branch_name = |m: &Member| m.org.as_ref().and_then(|o| names.get(o)).cloned().unwrap_or_default();
    crate::domain::sort::sort_by_cached_key(&mut members, |m| (branch_name(m), m.name.clone()));
    let full_ids = RwSignal::new(false);
    let station = state.settings.with_untracked(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let count = members.len();
    let show_branch = within.len() > 1;
    let month = |d: Option<chrono::NaiveDate>| d.map(year_month).unwrap_or_default();
    let mut rows = Vec::with_capacity(count);
    let mut last_branch = None;
    for (i, m) in members.into_iter().enumerate() {
        let branch = branch_name(&m);
        // Under an organization with branches, each branch's members follow its name in a row
        // across the table: a column of long branch names would not leave room on A4 portrait.
        if show_branch && last_branch.as_ref() != Some(&branch) {
            rows.push(
                view! { <tr class="group"><th colspan="12" scope="colgroup">{branch.clone()}</th></tr> }.into_any(),
            );
            last_branch = Some(branch);
        }
        let full = m.id_number.clone();
        let masked = m.masked_id_number();
        rows.push(
            view! {
                <tr>
                    <td class="num">{i + 1}</td>
                    <td>{m.name.clone()}</td>
                    <td>{m.sex.clone()}</td>
                    <td>{m.ethnicity.clone()}</td>
                    <td class="num">{month(m.birth_date)}</td>
                    <td class="num">{move || if full_ids.get() { full.clone() } else { masked.clone() }}</td>
                    <td>{m.education.clone()}</td>
                    <td>{m.category.clone()}</td>
                    <td class="num">{month(m.joined)}</td>
                    <td class="num">{month(m.full_member_date)}</td>
                    <td>{m.post.clone()}</td>
                    <td class="num">{m.phone.clone()}</td>
                </tr>
            }
            .into_any(),
        );
    }
    // Portrait, as a station's printer prints unless told otherwise (old browsers ignore a page
    // size asked for by name): twelve columns in 186 mm, the long headings on two lines.
    view! {
        <section class="print-doc roster-print">
            {print_bar("#/members".into(), Some(full_ids))}
            <h2 class="doc-title">{format!("{}{}", root.name, mt().print_roster_title)}</h2>
            <p class="doc-meta">
                {format!("{}：{}　{} {} {}　{}：{}", mt().print_station, station, mt().print_total, count, mt().members_count, mt().print_date, iso(browser::today()))}
            </p>
            <table class="print-table">
                <thead>
                    <tr>
                        <th>"序号"</th><th>"姓名"</th><th>"性别"</th><th>"民族"</th><th>"出生"<wbr />"年月"</th>
                        <th>"公民身份号码"</th><th>"学历"</th><th>"人员"<wbr />"类别"</th><th>"入党"<wbr />"时间"</th>
                        <th>"转正"<wbr />"时间"</th><th>"工作"<wbr />"岗位"</th><th>"联系电话"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

/// 党员信息卡: the 16 items of one member on one A4 page, for the file (档案).
#[component]
pub fn MemberCard(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let member = state.read_now(|ws| {
        ws.replica().get(&id).filter(|r| r.kind == kind::MEMBER && !r.is_deleted()).map(Member::from_record)
    });
    let Some(m) = member else {
        return view! { <p class="empty">{mt().member_not_found}</p> }.into_any();
    };
    let orgs = state.collection::<Org>().get();
    let org = m.org.as_ref().and_then(|o| orgs.iter().find(|x| &x.id == o)).map(|o| o.name.clone()).unwrap_or_default();
    let yes_no = |b: bool| if b { t().yes } else { t().no };
    let cells: [(&str, String); 16] = [
        ("姓名", m.name.clone()),
        ("性别", m.sex.clone()),
        ("民族", m.ethnicity.clone()),
        ("公民身份号码", m.id_number.clone()),
        ("出生日期", date_text(m.birth_date)),
        ("学历", m.education.clone()),
        ("人员类别", m.category.clone()),
        ("所在党支部", org),
        ("加入党组织日期", date_text(m.joined)),
        ("转为正式党员日期", date_text(m.full_member_date)),
        ("工作岗位", m.post.clone()),
        ("联系电话", m.phone.clone()),
        ("家庭住址", m.address.clone()),
        ("党籍状态", m.status.clone()),
        ("是否失联", if m.lost { format!("{}（{}）", t().yes, date_text(m.lost_date)) } else { yes_no(false).into() }),
        ("是否流动党员", if m.flowing { format!("{}（{}）", t().yes, m.flowing_to) } else { yes_no(false).into() }),
    ];
    // Two label/value pairs per row, as on the paper form; the address takes a whole row.
    let rows = cells
        .chunks(2)
        .map(|pair| {
            let cells = pair.iter().map(|(k, v)| view! { <th>{*k}</th><td>{v.clone()}</td> }).collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section class="print-doc">
            {print_bar(format!("#/members/{}", m.id), None)}
            <h2 class="doc-title">{mt().print_card_title}</h2>
            <table class="print-table card-table">
                <tbody>{rows}</tbody>
            </table>
            <p class="doc-meta">{format!("{}：{}", mt().print_date, iso(browser::today()))}</p>
        </section>
    }
    .into_any()
}
