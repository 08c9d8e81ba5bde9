//! The roster: search as you type, filters by organization, category, sex, age, 学历 and status,
//! sort by any column, a virtualized table, spreadsheet export.

use crate::domain::hash::{FastHash, IdMap};
use crate::domain::member::{Member, CATEGORIES, EDUCATIONS, SEXES};
use crate::domain::org::Org;
use crate::domain::record::RecordId;
use crate::domain::roster::{self, AgeBand, Column, Direction, RosterFilter, StatusFilter};
use crate::domain::search::SearchIndex;
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::tree::org_select;
use crate::ui::kit::when::When;
use crate::ui::members::text::mt;
use crate::ui::sheets::{self, ExportFormat};
use crate::ui::text::{age_band_label, status_filter_label, t};
use crate::ui::AppState;
use crate::web::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// A table row's height in CSS pixels at normal and large text (style/main.css sets the same),
/// so the list can draw only the rows in view.
const ROW_PX: f64 = 38.0;
const ROW_PX_LARGE: f64 = 46.0;
/// Rows drawn beyond the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

/// The roster's columns: header text and the sort they use.
const COLUMNS: [(&str, Column); 8] = [
    ("姓名", Column::Name),
    ("性别", Column::Sex),
    ("年龄", Column::Age),
    ("公民身份号码", Column::IdNumber),
    ("人员类别", Column::Category),
    ("所在党支部", Column::Org),
    ("学历", Column::Education),
    ("联系电话", Column::Phone),
];

/// The roster's rows: positions in `all`, the members list they were found in.
struct Shown {
    all: std::sync::Arc<Vec<Member>>,
    rows: Vec<usize>,
}

impl Shown {
    fn members(&self) -> impl Iterator<Item = &Member> {
        self.rows.iter().map(|&i| &self.all[i])
    }
}

fn some_text(value: String) -> Option<String> {
    Some(value).filter(|v| !v.is_empty())
}

#[component]
pub fn MemberList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let members = state.collection::<Member>();
    let orgs = state.collection::<Org>();
    // Rebuilt only when the records change, not per keystroke.
    // Read only by `visible`, which stops reading it while the section is off the page.
    let index = Memo::new_owning(move |_: Option<SearchIndex>| {
        let pinyin = state.pinyin.get();
        (members.with(|m| SearchIndex::build(m, &pinyin)), true)
    });
    let query = RwSignal::new(String::new());
    let org_filter = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let sex = RwSignal::new(String::new());
    let age = RwSignal::new(String::new());
    let education = RwSignal::new(String::new());
    let status = RwSignal::new(0usize);
    // `None`: by name, or by relevance while searching.
    let sort = RwSignal::new(None::<(Column, Direction)>);
    let today = browser::today();

    // The rows shown, as positions in the members list they were found in, kept with it: while
    // the section is off the page the members may change (a merge in 数据交换) and the positions
    // then name other members.
    let visible = while_shown(move || {
        let filter = RosterFilter {
            org: RecordId::parse(&org_filter.get()),
            category: some_text(category.get()),
            sex: some_text(sex.get()),
            age: age.with(|a| a.parse::<usize>().ok().and_then(|i| AgeBand::ALL.get(i).copied())),
            education: some_text(education.get()),
            status: StatusFilter::ALL[status.get()],
        };
        let q = query.get();
        let pinyin = state.pinyin.get();
        let all = members.get();
        let rows = {
            let all = &all;
            orgs.with(|o| {
                let passing = roster::filter(all, o, &filter, today);
                let mut rows: Vec<usize> = if q.trim().is_empty() {
                    passing
                } else {
                    let keep: std::collections::HashSet<usize> = passing.into_iter().collect();
                    index.with(|ix| ix.search(&q)).into_iter().map(|h| h.member).filter(|i| keep.contains(i)).collect()
                };
                match sort.get() {
                    Some((column, direction)) => roster::sort(all, &mut rows, o, column, direction, &pinyin),
                    None if q.trim().is_empty() => {
                        roster::sort(all, &mut rows, o, Column::Name, Direction::Ascending, &pinyin)
                    }
                    None => {}
                }
                rows
            })
        };
        Shown { all, rows }
    });
    let exporting = RwSignal::new(false);
    let export_error = RwSignal::new(None::<String>);
    let export = move |format: ExportFormat| {
        let rows = visible.with_untracked(|v| orgs.with_untracked(|o| export_rows(v.members(), o)));
        let stem = state.settings.with_untracked(|s| s.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default());
        exporting.set(true);
        spawn_local(async move {
            let stem = format!("{stem}党员花名册{}", crate::domain::date::iso(browser::today()));
            export_error.set(sheets::export(&stem, "党员花名册", &rows, format).await.err());
            exporting.set(false);
        });
    };

    let scroll_top = RwSignal::new(0.0f64);
    // Until the list is scrolled, enough rows for the list's height on a 1080-line screen (it is
    // the window's less 24rem): measuring it now would lay the page out in the middle of drawing it.
    let viewport = RwSignal::new(700.0f64);
    let row_px = move || if state.settings.with(|s| s.large_text) { ROW_PX_LARGE } else { ROW_PX };
    let scroller = NodeRef::<leptos::html::Div>::new();
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height()));
        }
    };
    // Back to the top for a new search, filter or order (not when a record changes: the clerk
    // stays where they were); a new list starts there.
    Effect::new(move |ran: Option<()>| {
        for chosen in [query, org_filter, category, sex, age, education] {
            chosen.track();
        }
        status.track();
        sort.track();
        if ran.is_none() {
            return;
        }
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
            scroll_top.set(0.0);
            viewport.set(f64::from(el.client_height()).max(200.0));
        }
    });

    let org_names = Memo::new(move |_| {
        orgs.with(|all| all.iter().map(|o| (o.id.clone(), o.name.clone())).collect::<IdMap<String>>())
    });

    let rows = move || {
        let row = row_px();
        let total = visible.with(|v| v.rows.len());
        let first = ((scroll_top.get() / row) as usize).saturating_sub(OVERSCAN).min(total);
        let count = (viewport.get() / row) as usize + 2 * OVERSCAN;
        let last = (first + count).min(total);
        let top = first as f64 * row;
        let bottom = (total - last) as f64 * row;
        let body = visible.with(|v| {
            org_names.with(|names| {
                v.rows[first..last]
                    .iter()
                    .map(|&i| {
                        let m = &v.all[i];
                        let href = format!("#/members/{}", m.id);
                        let org = m.org.as_ref().and_then(|o| names.get(o)).cloned().unwrap_or_default();
                        let org_title = org.clone();
                        let age = m.age_on(today).map(|a| a.to_string()).unwrap_or_default();
                        let left = m.left.clone();
                        let is_left = left.is_some();
                        view! {
                            <tr class:left=is_left>
                                <td><a href=href>{m.name.clone()}</a></td>
                                <td>{m.sex.clone()}</td>
                                <td class="num">{age}</td>
                                <td class="id-number">{m.masked_id_number()}</td>
                                <td>{m.category.clone()} {left.map(|l| format!("（{l}）"))}</td>
                                <td class="org" title=org_title>{org}</td>
                                <td>{m.education.clone()}</td>
                                <td class="num">{m.phone.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        });
        view! {
            <tr aria-hidden="true" class="spacer" style=format!("height:{}px", top as u64)></tr>
            {body}
            <tr aria-hidden="true" class="spacer" style=format!("height:{}px", bottom as u64)></tr>
        }
    };

    view! {
        <section class="page wide">
            <div class="page-head">
                <h2>{mt().members_title}</h2>
                <span class="actions">
                    <a class="button" href="#/members/import">{mt().members_import}</a>
                    <a class="button primary" href="#/members/new">{mt().members_new}</a>
                </span>
            </div>
            <p class="intro">{mt().members_intro}</p>
            <div class="toolbar">
                <div class="field grow">
                    <label for="member-search">{mt().members_search}</label>
                    <input id="member-search" type="search" autocomplete="off" placeholder=mt().members_search_hint
                        prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="member-org">{mt().filter_org}</label>
                    {org_select("member-org", mt().filter_all, org_filter, orgs, state.pinyin)}
                </div>
                {filter_select(mt().filter_status, "member-status", status_options(), false, move || status.get().to_string(), move |v| status.set(v.parse().unwrap_or(0)))}
            </div>
            <div class="toolbar filters">
                {filter_select("人员类别", "member-category", plain_options(&CATEGORIES), true, move || category.get(), move |v| category.set(v))}
                {filter_select("性别", "member-sex", plain_options(&SEXES), true, move || sex.get(), move |v| sex.set(v))}
                {filter_select(mt().filter_age, "member-age", age_options(), true, move || age.get(), move |v| age.set(v))}
                {filter_select("学历", "member-education", plain_options(&EDUCATIONS), true, move || education.get(), move |v| education.set(v))}
                <button type="button" on:click=move |_| {
                    for s in [org_filter, category, sex, age, education, query] { s.set(String::new()); }
                    status.set(0);
                    sort.set(None);
                }>{t().filters_clear}</button>
                <button type="button" prop:disabled=exporting on:click=move |_| export(ExportFormat::Xlsx)>{t().export_xlsx}</button>
                <button type="button" prop:disabled=exporting on:click=move |_| export(ExportFormat::Csv)>{t().export_csv}</button>
                {move || match RecordId::parse(&org_filter.get()) {
                    Some(org) => view! { <a class="button" href=format!("#/members/roster/{org}")>{mt().print_roster}</a> }.into_any(),
                    None => view! { <span class="muted hint">{mt().print_roster_hint}</span> }.into_any(),
                }}
            </div>
            <When
                when=move || members.with(|m| !m.is_empty())
                fallback=|| view! { <p class="empty">{mt().members_empty}</p> }
            >
                <p class="error" role="alert">{move || export_error.get().map(|e| format!("{}{e}", t().export_failed))}</p>
                <p class="count" role="status">{move || visible.with(|v| v.rows.len())} " " {mt().members_count}</p>
                <div class="table-scroll" node_ref=scroller on:scroll=on_scroll>
                    <table class="data roster">
                        <thead>
                            <tr>
                                {COLUMNS.into_iter().map(|(label, column)| {
                                    let state_of = move || sort.get().filter(|(c, _)| *c == column).map(|(_, d)| d);
                                    let aria = move || match state_of() {
                                        Some(Direction::Ascending) => "ascending",
                                        Some(Direction::Descending) => "descending",
                                        None => "none",
                                    };
                                    let arrow = move || match state_of() {
                                        Some(Direction::Ascending) => " ▲",
                                        Some(Direction::Descending) => " ▼",
                                        None => "",
                                    };
                                    let click = move |_| sort.update(|s| {
                                        *s = match *s {
                                            Some((c, Direction::Ascending)) if c == column => Some((column, Direction::Descending)),
                                            Some((c, Direction::Descending)) if c == column => None,
                                            _ => Some((column, Direction::Ascending)),
                                        }
                                    });
                                    view! {
                                        <th scope="col" aria-sort=aria>
                                            <button type="button" class="sort" title=t().sort_by on:click=click>{label}{arrow}</button>
                                        </th>
                                    }
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <When when=move || visible.with(|v| v.rows.is_empty())>
                    <p class="empty">{mt().members_none_found}</p>
                </When>
            </When>
        </section>
    }
}

fn plain_options(list: &[&'static str]) -> Vec<(String, String)> {
    list.iter().map(|v| (v.to_string(), v.to_string())).collect()
}

fn age_options() -> Vec<(String, String)> {
    AgeBand::ALL.iter().enumerate().map(|(i, b)| (i.to_string(), age_band_label(*b).to_string())).collect()
}

/// The status filter's own choices: 在册党员 is the default, 全部 is one of them.
fn status_options() -> Vec<(String, String)> {
    StatusFilter::ALL.iter().enumerate().map(|(i, f)| (i.to_string(), status_filter_label(*f).to_string())).collect()
}

/// A labelled filter, with an empty choice (全部) first if `with_all`.
fn filter_select(
    label: &'static str,
    id: &'static str,
    options: Vec<(String, String)>,
    with_all: bool,
    value: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id prop:value=value on:change=move |ev| set(event_target_value(&ev))>
                {with_all.then(|| view! { <option value="">{mt().filter_all}</option> })}
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The roster as a spreadsheet: the 16 items, headed as the national form names them, full
/// identity numbers (an export is for the office's own files), dates as YYYY-MM-DD.
fn export_rows<'a>(members: impl Iterator<Item = &'a Member>, orgs: &[Org]) -> Vec<Vec<String>> {
    let names: HashMap<&RecordId, &str, FastHash> = orgs.iter().map(|o| (&o.id, o.name.as_str())).collect();
    let date = |d: Option<chrono::NaiveDate>| d.map(crate::domain::date::iso).unwrap_or_default();
    let yes_no = |b: bool| if b { t().yes } else { t().no }.to_string();
    let header = [
        "姓名",
        "性别",
        "民族",
        "公民身份号码",
        "出生日期",
        "学历",
        "人员类别",
        "所在党支部",
        "加入党组织日期",
        "转为正式党员日期",
        "工作岗位",
        "联系电话",
        "家庭住址",
        "党籍状态",
        "是否失联",
        "失联日期",
        "是否流动党员",
        "外出流向",
    ];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    rows.extend(members.map(|m| {
        vec![
            m.name.clone(),
            m.sex.clone(),
            m.ethnicity.clone(),
            m.id_number.clone(),
            date(m.birth_date),
            m.education.clone(),
            m.category.clone(),
            m.org.as_ref().and_then(|o| names.get(o)).map(|n| n.to_string()).unwrap_or_default(),
            date(m.joined),
            date(m.full_member_date),
            m.post.clone(),
            m.phone.clone(),
            m.address.clone(),
            m.status.clone(),
            yes_no(m.lost),
            date(m.lost_date),
            yes_no(m.flowing),
            m.flowing_to.clone(),
        ]
    }));
    rows
}
