//! 党员积分: a branch's members of a year ranked under the year's scheme, and one member's
//! ledger (基础分, every entry with its source, each item's points) with the forms to type a
//! 加分/扣分 entry and to set the year's exemption.
//!
//! A station with no member-points scheme for the year is shown the built-in template, and the
//! template is stored as the year's scheme with the first entry typed (in the same commit), so
//! every entry names a stored scheme version.

use crate::domain::record::RecordId;
use crate::domain::scoring::ledger::{
    create_entry, create_exemption, exemptions_of, member_ledger, withdraw_exemption, EntryDraft, EntryProblem,
    Exemption, ExemptionRecord, DATE, ITEM, POINTS, REASON,
};
use crate::domain::scoring::scheme::{Family, Fill, Scheme};
use crate::domain::scoring::seen::SeenRow;
use crate::ui::cadres::trainings::org_name;
use crate::ui::kit::export::xlsx_button;
use crate::ui::kit::fields::{
    day_text, form_error, message_line, new_id, plain_options, save, saved_and_cleared, select_field, text_field,
    year_options, FieldError, Message,
};
use crate::ui::kit::shown::while_shown;
use crate::ui::kit::table::{cell, cell_of, data_table, keyed, keyed_body, link, tr};
use crate::ui::kit::tree::org_select;
use crate::ui::scoring::changed::changed_notice;
use crate::ui::scoring::notice::{notice_page, NoticeContent, NoticeOf};
use crate::ui::scoring::text as st;
use crate::ui::scoring::{scheme_line, scheme_to_store, year_scheme, ScoringData};
use crate::ui::text::t;
use crate::ui::AppState;
use crate::web::browser;
use chrono::Datelike;
use leptos::prelude::*;

/// The year's member-points scheme (`year_scheme`).
fn points_scheme(schemes: &[Scheme], year: i32) -> (Scheme, bool) {
    year_scheme(schemes, Family::MemberPoints, year)
}

fn points_scheme_line(scheme: &Scheme, stored: bool) -> String {
    scheme_line(scheme, stored, st::TEMPLATE_IN_USE)
}

/// A ranked member as the row shows them.
#[derive(Clone, PartialEq, Eq, Hash)]
struct RankRow {
    member: String,
    href: String,
    rank: String,
    name: String,
    items: Vec<String>,
    total: String,
    stars: String,
}

fn rank_row(r: &RankRow) -> AnyView {
    let mut cells = vec![cell("num", r.rank.clone()), cell_of("name", vec![link(r.href.clone(), r.name.clone())])];
    cells.extend(r.items.iter().map(|i| cell("num", i.clone())));
    cells.push(cell("num total", r.total.clone()));
    cells.push(cell("", r.stars.clone()));
    tr(None, cells)
}

fn stars_of(stars: Option<u8>) -> String {
    stars.map_or_else(|| st::NOT_RATED.to_string(), st::stars_text)
}

/// A branch's members ranked under the year's scheme.
fn ranking_rows(data: ScoringData, org: &RecordId, year: i32, scheme: &Scheme) -> Vec<RankRow> {
    let ranked = data.ledger.with(&data, scheme, |ledger| ledger.ranking(org));
    // The branch's names, found in one pass over the county's members.
    let names: std::collections::HashMap<RecordId, String> = data.members.with(|all| {
        all.iter().filter(|m| m.org.as_ref() == Some(org)).map(|m| (m.id.clone(), m.name.clone())).collect()
    });
    ranked
        .into_iter()
        .map(|(rank, total)| RankRow {
            member: total.member.to_string(),
            href: format!("#/scoring/points/{}/{year}", total.member),
            rank: rank.map(|r| r.to_string()).unwrap_or_default(),
            name: names.get(&total.member).cloned().unwrap_or_default(),
            items: total.items.iter().map(|p| p.text()).collect(),
            total: total.total.text(),
            stars: stars_of(total.stars),
        })
        .collect()
}

/// The 公示 of a branch's 评星定级: its members in rank order with their points and stars.
#[component]
pub fn StarsNotice(org: RecordId, year: i32) -> impl IntoView {
    let data = expect_context::<ScoringData>();
    // Back on the ranking, the same branch and year show (a notice opened cold sets them).
    data.points_branch.set(org.to_string());
    data.points_year.set(year.to_string());
    let content = Memo::new(move |_| {
        let (scheme, _) = data.schemes.with(|all| points_scheme(all, year));
        let branch = data.orgs.with(|orgs| org_name(orgs, &Some(org.clone())));
        let rows = ranking_rows(data, &org, year, &scheme)
            .into_iter()
            .map(|r| vec![r.rank, r.name, r.total, r.stars])
            .collect();
        NoticeContent {
            title: st::stars_notice_title(&branch, year),
            body: st::stars_notice_body(&branch, year),
            columns: vec![st::RANK, st::NAME, st::NOTICE_POINTS, st::STARS],
            rows,
            empty: st::NOTICE_NO_MEMBERS,
            issuer: branch,
        }
    });
    notice_page("#/scoring/points".to_string(), st::NOTICE_BACK_POINTS, content.into())
}

#[component]
pub fn PointsRanking() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let today = browser::today();
    // Kept by the section (the page is kept while a member's ledger shows): back from it, the
    // same branch's ranking shows, brought up to date.
    let (branch, year) = (data.points_branch, data.points_year);
    let y = move || year.get().parse::<i32>().unwrap_or(today.year());
    let years = Signal::derive(move || {
        let meetings = data.meetings.get();
        let entries = data.entries.get();
        year_options(meetings.iter().filter_map(|m| m.date).chain(entries.iter().filter_map(|e| e.date)), today)
    });
    let scheme = Memo::new(move |_| {
        let (s, stored) = points_scheme(&data.schemes.get(), y());
        (points_scheme_line(&s, stored), s)
    });
    // Computed while the page is shown: a save on the ledger page patches the points once, when
    // the ranking comes back.
    let ranking = while_shown(move || {
        let org = RecordId::parse(&branch.get())?;
        Some(scheme.with(|s| ranking_rows(data, &org, y(), &s.1)))
    });
    // Results an import changed since the branch's ranking was last shown (point 10).
    let scope =
        Signal::derive(move || ranking.with(|r| r.is_some().then(|| format!("points.{}.{}", branch.get(), y()))));
    let seen_rows = Signal::derive(move || {
        ranking.with(|r| {
            let rows = r.iter().flatten();
            rows.map(|r| SeenRow {
                key: r.member.clone(),
                name: r.name.clone(),
                result: st::total_with_stars(&r.total, &r.stars),
            })
            .collect()
        })
    });
    let table = move || {
        let Some(rows) = Option::clone(&ranking.get()) else {
            return view! { <p class="muted">{st::CHOOSE_BRANCH_FIRST}</p> }.into_any();
        };
        if rows.is_empty() {
            return view! { <p class="muted">{st::NO_MEMBERS}</p> }.into_any();
        }
        let labels: Vec<String> = scheme.with(|s| s.1.leaves().iter().map(|i| i.label.clone()).collect());
        let heads = labels.into_iter().map(|l| view! { <th scope="col" class="item text">{l}</th> }).collect_view();
        let body = keyed_body(Memo::new(move |_| {
            ranking.with(|r| r.iter().flatten().map(|r| keyed(r.clone(), rank_row)).collect())
        }));
        let export = xlsx_button(st::TAB_POINTS, move || {
            let org = RecordId::parse(&branch.get_untracked());
            let title = st::ranking_title(&org_name(&data.orgs.get_untracked(), &org), &year.get_untracked());
            let mut head = vec![st::RANK.to_string(), st::NAME.to_string()];
            head.extend(scheme.with_untracked(|s| s.1.leaves().iter().map(|i| i.label.clone()).collect::<Vec<_>>()));
            head.extend([st::TOTAL.to_string(), st::STARS.to_string()]);
            let mut rows = vec![vec![title.clone()], head];
            ranking.with_untracked(|r| {
                for r in r.iter().flatten() {
                    let mut line = vec![r.rank.clone(), r.name.clone()];
                    line.extend(r.items.iter().cloned());
                    line.extend([r.total.clone(), r.stars.clone()]);
                    rows.push(line);
                }
            });
            (title, rows)
        });
        let notice_link = move || {
            let org = RecordId::parse(&branch.get())?;
            Some(view! { <a class="button" href=NoticeOf::Stars(org).href(y())>{st::PRINT_NOTICE}</a> })
        };
        view! {
            <div class="toolbar no-print">{export}{notice_link}</div>
            <table class="data ranking">
                <thead><tr>
                    <th scope="col">{st::RANK}</th><th scope="col">{st::NAME}</th>{heads}
                    <th scope="col">{st::TOTAL}</th><th scope="col">{st::STARS}</th>
                </tr></thead>
                {body}
            </table>
        }
        .into_any()
    };
    view! {
        <p class="intro">{st::POINTS_INTRO}</p>
        <div class="toolbar">
            <div class="field">
                <label for="pt-branch">{st::BRANCH}</label>
                {org_select("pt-branch", st::CHOOSE_BRANCH, branch, data.orgs, state.pinyin)}
            </div>
            {select_field("pt-year", st::YEAR, year, RwSignal::new(None), years)}
            <p class="count">{move || scheme.with(|s| s.0.clone())}</p>
        </div>
        {changed_notice(scope, seen_rows)}
        <div class="wide-table">{table}</div>
    }
}

/// A ledger line as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct EntryRow {
    date: String,
    label: String,
    points: String,
    reason: String,
    source: (String, String),
}

fn entry_row(r: &EntryRow) -> AnyView {
    let (href, words) = r.source.clone();
    let source = if href.is_empty() { words.into_any() } else { link(href, words) };
    tr(
        None,
        vec![
            cell("num", r.date.clone()),
            cell("", r.label.clone()),
            cell("num", r.points.clone()),
            cell("text", r.reason.clone()),
            cell_of("", vec![source]),
        ],
    )
}

fn signed(points: i64) -> String {
    if points > 0 {
        format!("+{points}")
    } else {
        points.to_string()
    }
}

const E_DATE: &str = "pe-date";
const E_ITEM: &str = "pe-item";
const E_POINTS: &str = "pe-points";
const E_REASON: &str = "pe-reason";

fn entry_problem_at(p: &EntryProblem) -> (&'static str, String) {
    let at = match p.field() {
        DATE => E_DATE,
        ITEM => E_ITEM,
        POINTS => E_POINTS,
        REASON => E_REASON,
        _ => "",
    };
    (at, p.message())
}

#[component]
pub fn MemberLedgerPage(member: RecordId, year: i32) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<ScoringData>();
    let Some(who) = data.members.get_untracked().iter().find(|m| m.id == member).cloned() else {
        return view! { <p class="error" role="alert">{st::MEMBER_NOT_FOUND}</p> }.into_any();
    };
    let scheme = Memo::new(move |_| points_scheme(&data.schemes.get(), year));
    let id = member.clone();
    let ledger = Memo::new(move |_| {
        let (scheme, _) = scheme.get();
        let aliases: Vec<RecordId> =
            data.cadres.get().iter().filter(|c| c.member.as_ref() == Some(&id)).map(|c| c.id.clone()).collect();
        let member = data.members.get().iter().find(|m| m.id == id).cloned();
        member.map(|m| data.with_sources(|sources| member_ledger(&scheme, &m, &aliases, sources)))
    });
    let heading = move || {
        let (s, stored) = scheme.get();
        let l = ledger.get();
        let total = l.as_ref().map(|l| st::total_line(&l.explained.total.text(), l.stars)).unwrap_or_default();
        let exemption = l.and_then(|l| l.exemption).map(|e| st::exemption_now(e.label()));
        view! {
            <p class="muted">{points_scheme_line(&s, stored)}</p>
            <p class="ledger-total" role="status">{total}{exemption}</p>
        }
    };
    let items = move || {
        let Some(l) = ledger.get() else { return ().into_any() };
        let mut rows = vec![tr(None, vec![cell("", st::BASE.to_string()), cell("num", l.base.text())])];
        for i in &l.explained.items {
            let limited = if i.limited_from.is_some() { st::LIMITED } else { "" };
            rows.push(tr(None, vec![cell("", i.label.clone()), cell("num", format!("{}{limited}", i.points.text()))]));
        }
        view! { <table class="data items"><tbody>{rows}</tbody></table> }.into_any()
    };
    let entry_rows = Memo::new(move |_| {
        let Some(l) = ledger.get() else { return Vec::new() };
        let (meetings, trainings) = (data.meetings.get(), data.trainings.get());
        l.entries
            .iter()
            .map(|e| {
                let source = if meetings.iter().any(|m| m.id == e.source) {
                    (format!("#/scoring/meetings/{}", e.source), st::SOURCE_MEETING.to_string())
                } else if trainings.iter().any(|x| x.id == e.source) {
                    (String::new(), st::SOURCE_TRAINING.to_string())
                } else if e.typed {
                    (String::new(), st::SOURCE_TYPED.to_string())
                } else {
                    (format!("#/diary/{}", e.source), st::SOURCE_DIARY.to_string())
                };
                EntryRow {
                    date: day_text(Some(e.date)),
                    label: e.label.clone(),
                    points: signed(e.points),
                    reason: e.reason.clone(),
                    source,
                }
            })
            .collect::<Vec<_>>()
    });
    let entries = Memo::new(move |_| entry_rows.get().into_iter().map(|r| keyed(r, entry_row)).collect::<Vec<_>>());
    let empty = move || entries.with(Vec::is_empty).then(|| view! { <p class="muted">{st::NO_ENTRIES}</p> });
    let columns = [st::ENTRY_DATE, st::ITEM, st::POINTS, st::WHY, st::SOURCE];
    let org = org_name(&data.orgs.get_untracked(), &who.org);
    // The ledger as shown: each entry, then each item's year sum and the total with its stars.
    let name = who.name.clone();
    let export = xlsx_button(st::TAB_POINTS, move || {
        let title = st::ledger_title(&name, year);
        let mut lines = vec![vec![title.clone()], columns.map(str::to_string).to_vec()];
        lines.extend(
            entry_rows.get_untracked().into_iter().map(|r| vec![r.date, r.label, r.points, r.reason, r.source.1]),
        );
        if let Some(l) = ledger.get_untracked() {
            lines.push(vec![]);
            lines.push(vec![st::BASE.to_string(), l.base.text()]);
            lines.extend(l.explained.items.iter().map(|i| vec![i.label.clone(), i.points.text()]));
            lines.push(vec![st::TOTAL.to_string(), l.explained.total.text(), stars_of(l.stars)]);
        }
        (title, lines)
    });
    view! {
        <div class="ledger">
            <div class="page-head">
                <h3>{format!("{}　{}　{}年{}", who.name, org, year, st::LEDGER_TITLE)}</h3>
                <a href="#/scoring/points">{st::BACK_TO_RANKING}</a>
            </div>
            {heading}
            {data_table("entries", &columns, keyed_body(entries))}
            {empty}
            <div class="toolbar no-print">{export}</div>
            <h4>{st::ITEM_TOTALS}</h4>
            {items}
            <div class="forms-grid">
                {entry_form(state, member.clone(), scheme)}
                {exemption_form(state, member, year)}
            </div>
        </div>
    }
    .into_any()
}

/// Typing a 加分/扣分 entry: a typed item of the year's scheme, the date, points and reason.
fn entry_form(state: AppState, member: RecordId, scheme: Memo<(Scheme, bool)>) -> AnyView {
    let today = browser::today();
    let date = RwSignal::new(day_text(Some(today)));
    let item = RwSignal::new(String::new());
    let points = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let items = Signal::derive(move || {
        scheme.with(|(s, _)| {
            s.leaves()
                .into_iter()
                .filter(|i| i.fill == Fill::Typed)
                .map(|i| (i.id.clone(), format!("{}（{}）", i.label, signed(i.points))))
                .collect::<Vec<_>>()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        err.set(None);
        message.set(None);
        let draft = EntryDraft {
            member: Some(member.clone()),
            date: date.get_untracked(),
            item: item.get_untracked(),
            points: points.get_untracked(),
            reason: reason.get_untracked(),
        };
        let (scheme, stored) = scheme.get_untracked();
        let mut edits = match scheme_to_store(&scheme, stored) {
            Ok(e) => e.into_iter().collect::<Vec<_>>(),
            Err(words) => return err.set(Some(("", words))),
        };
        match create_entry(&draft, &scheme, new_id(), today) {
            Ok(e) => edits.push(e),
            Err(p) => return err.set(p.first().map(entry_problem_at)),
        }
        let ok = saved_and_cleared(&format!("{}{}", st::ENTRY_SAVED, draft.reason.trim()));
        save(
            state,
            edits,
            saving,
            message,
            ok,
            Box::new(move || {
                date.set(day_text(Some(today)));
                for s in [item, points, reason] {
                    s.set(String::new());
                }
            }),
        );
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h4>{st::NEW_ENTRY}</h4>
            <div class="grid">
                {text_field(E_DATE, st::ENTRY_DATE, date, err, t().date_hint)}
                {select_field(E_ITEM, st::ENTRY_ITEM, item, err, items)}
                {text_field(E_POINTS, st::ENTRY_POINTS, points, err, st::ENTRY_POINTS_HINT)}
                {text_field(E_REASON, st::ENTRY_REASON, reason, err, "")}
            </div>
            {form_error(err)}
            {message_line(message)}
            <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
        </form>
    }
    .into_any()
}

/// Setting the member's exemption for the year (流动党员, 年老体弱).
fn exemption_form(state: AppState, member: RecordId, year: i32) -> AnyView {
    let member_shown = member.clone();
    let kind = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let labels: Vec<&'static str> = Exemption::ALL.iter().map(|e| e.label()).collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        err.set(None);
        let Some(exemption) = Exemption::from_label(&kind.get_untracked()) else {
            return err.set(Some(("pe-exemption", st::EXEMPTION_MISSING.to_string())));
        };
        let edit = create_exemption(&member, year, exemption, &note.get_untracked(), new_id());
        let ok = saved_and_cleared(&format!("{}{}", st::EXEMPTION_SAVED, exemption.label()));
        save(
            state,
            vec![edit],
            saving,
            message,
            ok,
            Box::new(move || {
                kind.set(String::new());
                note.set(String::new());
            }),
        );
    };
    // What is set already, each with its way back (set by mistake, or no longer true).
    let data = expect_context::<ScoringData>();
    let withdrawing = RwSignal::new(false);
    let set_now = move || {
        let set: Vec<ExemptionRecord> =
            data.exemptions.with(|all| exemptions_of(&member_shown, year, all).into_iter().cloned().collect());
        set.into_iter()
            .map(|e| {
                let label = e.exemption.map_or("", |x| x.label());
                let words = st::exemption_set_line(label, &e.note);
                let ok = format!("{}{label}", st::EXEMPTION_WITHDRAWN);
                let withdraw = move |_| {
                    let edit = withdraw_exemption(&e);
                    save(state, vec![edit], withdrawing, message, ok.clone(), Box::new(|| {}));
                };
                view! {
                    <li>{words}" "
                        <button type="button" prop:disabled=withdrawing on:click=withdraw>{st::EXEMPTION_WITHDRAW}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h4>{st::EXEMPTION}</h4>
            <ul class="exemptions">{set_now}</ul>
            <div class="grid">
                {select_field("pe-exemption", st::EXEMPTION_KIND, kind, err, plain_options(&labels))}
                {text_field("pe-note", st::EXEMPTION_NOTE, note, err, "")}
            </div>
            {message_line(message)}
            <button type="submit" prop:disabled=saving>{st::EXEMPTION_SET}</button>
        </form>
    }
    .into_any()
}
