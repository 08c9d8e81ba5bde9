//! 干部与培训: the sub-pages (任职, 后备干部, 包村干部, 培训) and the first of them, the posts held
//! in each village (村"两委") and in the township, with their terms and the 届中考察 due.

pub mod pools;
pub mod text;
pub mod trainings;

use crate::domain::cadre::{
    create_cadre, end_holding, midterm_findings, midterm_review_state, record_midterm_review, roster_choices,
    village_orgs, Cadre, CadreDraft, CadreError, Level, Liaison, Post, ReserveCadre, ReviewState,
};
use crate::domain::member::Member;
use crate::domain::org::{Org, OrgCategory};
use crate::domain::pinyin::Pinyin;
use crate::domain::record::{kind, Record, RecordId};
use crate::domain::training::Training;
use crate::ui::cadres::pools::{LiaisonPage, ReservePage};
use crate::ui::cadres::text::ct;
use crate::ui::cadres::trainings::TrainingsPage;
use crate::ui::kit::fields::checkbox_choice;
use crate::ui::kit::fields::{
    checkbox_list, date_action_card, day_text, form_error, message_line, new_id, person_error_at, person_fields, save,
    saved_and_cleared, select_field, sorted, text_field, Apply, FieldError, KindsGate, Message, PersonInputs,
};
use crate::ui::kit::table::{
    cell, cell_of, data_table, flag, keyed_body, keyed_lines, row_button, tr, warn_box, warn_list, Line,
};
use crate::ui::members::text::mt;
use crate::ui::orgs::text::ot;
use crate::ui::state::{Collected, Collection};
use crate::ui::text::{cadre_error, end_error, review_error, t};
use crate::ui::AppState;
use crate::web::browser;
use chrono::NaiveDate;
use leptos::prelude::*;

const KINDS: &[&str] = &[kind::CADRE, kind::RESERVE_CADRE, kind::LIAISON, kind::TRAINING];

/// `subpath` is what follows `#/cadres`: empty (任职), `/reserve`, `/liaison` or `/trainings`.
/// The records the sub-pages read, shared so each list is read once.
#[derive(Clone, Copy)]
pub struct CadreData {
    pub orgs: Collection<Org>,
    pub members: Collection<Member>,
    pub cadres: Collection<Cadre>,
    pub reserves: Collection<ReserveCadre>,
    pub liaisons: Collection<Liaison>,
    pub trainings: Collection<Training>,
}

#[component]
pub fn CadresSection(subpath: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    provide_context(CadreData {
        orgs: state.collection::<Org>(),
        members: state.collection::<Member>(),
        cadres: state.collection::<Cadre>(),
        reserves: state.collection::<ReserveCadre>(),
        liaisons: state.collection::<Liaison>(),
        trainings: state.collection::<Training>(),
    });
    let tab = Memo::new(move |_| subpath.get().trim_matches('/').to_string());
    let tabs = move || {
        [
            ("", ct().cadres_tab_posts),
            ("reserve", ct().cadres_tab_reserve),
            ("liaison", ct().cadres_tab_liaison),
            ("trainings", ct().cadres_tab_trainings),
        ]
        .into_iter()
        .map(|(path, label)| {
            let href = if path.is_empty() { "#/cadres".to_string() } else { format!("#/cadres/{path}") };
            view! { <a href=href aria-current=move || (tab.get() == path).then_some("page")>{label}</a> }
        })
        .collect_view()
    };
    view! {
        <section class="page wide">
            <h2>{ct().cadres_title}</h2>
            <nav class="tabs" aria-label=ct().cadres_title>{tabs}</nav>
            <KindsGate kinds=KINDS>
                {move || match tab.get().as_str() {
                    "reserve" => view! { <ReservePage /> }.into_any(),
                    "liaison" => view! { <LiaisonPage /> }.into_any(),
                    "trainings" => view! { <TrainingsPage /> }.into_any(),
                    _ => view! { <PostsPage /> }.into_any(),
                }}
            </KindsGate>
        </section>
    }
}

pub fn posts_text(c: &Cadre) -> String {
    c.posts.iter().map(|p| p.label()).collect::<Vec<_>>().join("、")
}

/// Villages (a 党总支 or 党支部 directly under the township) in the order the tree shows them, as
/// (id, name) options.
pub fn village_options(orgs: &[Org], pinyin: &Pinyin) -> Vec<(String, String)> {
    village_orgs(orgs, pinyin).into_iter().filter(|o| o.is_open()).map(|o| (o.id.to_string(), o.name.clone())).collect()
}

/// Current members of an organization and those below it, as options (for taking a person's
/// fields from the roster), in the member list's order of names.
pub fn member_options(members: &[Member], orgs: &[Org], org: &str, pinyin: &Pinyin) -> Vec<(String, String)> {
    let Some(root) = RecordId::parse(org) else { return Vec::new() };
    roster_choices(members, orgs, &root, pinyin).into_iter().map(|m| (m.id.to_string(), m.name.clone())).collect()
}

/// When a member is chosen, the person fields take the member's values.
pub fn fill_from_member(member: RwSignal<String>, person: PersonInputs, members: Collection<Member>) {
    Effect::new(move |_| {
        let Some(id) = RecordId::parse(&member.get()) else { return };
        if let Some(m) = members.get_untracked().iter().find(|m| m.id == id).cloned() {
            person.fill_from(&m);
        }
    });
}

/// How a holding's 届中考察 stands, as its cell shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Review {
    /// No review belongs to the holding.
    None,
    NotYet(String),
    /// Due (amber) or overdue (red), by the date.
    Owed(bool, String),
    Done(String),
}

/// A holding as its row shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct PostRow {
    id: RecordId,
    name: String,
    one_shoulder: bool,
    posts: String,
    term: String,
    review: Review,
    serving: bool,
    reviewable: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum PostAct {
    Review,
    End,
}

fn review_of(c: &Cadre, today: NaiveDate) -> Review {
    let due = day_text(c.midterm_due());
    match midterm_review_state(c, today) {
        None => Review::None,
        Some(ReviewState::NotYet) => Review::NotYet(due),
        Some(ReviewState::Due) => Review::Owed(false, due),
        Some(ReviewState::Overdue) => Review::Owed(true, due),
        Some(ReviewState::Done(d)) => Review::Done(day_text(Some(d))),
    }
}

fn review_view(r: Review) -> AnyView {
    match r {
        Review::None => "—".into_any(),
        Review::NotYet(due) => ct().review_not_yet(&due).into_any(),
        Review::Owed(true, due) => flag(true, ct().review_overdue(&due)),
        Review::Owed(false, due) => flag(false, ct().review_due(&due)),
        Review::Done(d) => view! { <span class="ok">{ct().review_done(&d)}</span> }.into_any(),
    }
}

/// The organizations posts are held in: the villages in tree order, then the township committee.
fn post_groups(orgs: &[Org], pinyin: &Pinyin) -> Vec<(String, String)> {
    let mut g = village_options(orgs, pinyin);
    g.extend(
        orgs.iter()
            .filter(|x| x.is_open() && x.category == Some(OrgCategory::TownshipCommittee))
            .map(|x| (x.id.to_string(), format!("{}（{}）", x.name, ct().cadres_township))),
    );
    g
}

/// 届中考察 due or overdue.
fn posts_warnings(cadres: &[Cadre], orgs: &[Org], today: NaiveDate) -> Option<AnyView> {
    let due = midterm_findings(cadres, today);
    if due.is_empty() {
        return None;
    }
    let name_of = |id: &Option<RecordId>| {
        id.as_ref().and_then(|i| orgs.iter().find(|o| &o.id == i)).map(|o| o.name.clone()).unwrap_or_default()
    };
    let holder = |id: &RecordId| cadres.iter().find(|x| &x.id == id).map(|x| x.person.name.clone()).unwrap_or_default();
    let items = due
        .iter()
        .map(|f| {
            let who = format!("{}（{}） ", holder(&f.cadre), name_of(&f.org));
            let words = if f.overdue {
                ct().review_overdue(&day_text(Some(f.due)))
            } else {
                ct().review_due(&day_text(Some(f.due)))
            };
            (who, f.overdue, words)
        })
        .collect();
    Some(warn_box(ct().review_findings(due.len()), Some(warn_list(items))))
}

/// The holdings by village (and the township), with term and 届中考察.
fn post_lines(cadres: &[Cadre], orgs: &[Org], all: bool, today: NaiveDate, pinyin: &Pinyin) -> Vec<Line<PostRow>> {
    let mut lines = Vec::new();
    for (org, name) in post_groups(orgs, pinyin) {
        let mine: Vec<&Cadre> = cadres
            .iter()
            .filter(|c| c.org.as_ref().map(RecordId::as_str) == Some(org.as_str()))
            .filter(|c| all || c.until().is_none_or(|u| today < u))
            .collect();
        let mine = sorted(mine, |c| (c.posts.first().map_or(99, |p| *p as i64), c.person.name.clone()));
        lines.push(Line::Group(org.clone(), name));
        if mine.is_empty() {
            lines.push(Line::Note(org, "muted", ct().cadres_none.to_string()));
        }
        for c in mine {
            let serving = c.serves_on(today) || c.term_start.is_some_and(|s| s > today);
            let mut term = format!("{} {} {}", day_text(c.term_start), t().to, day_text(c.term_end));
            if let Some(e) = c.ended {
                term = format!("{term}（{}{}）", day_text(Some(e)), ct().cadres_left_on);
            }
            let reviewable = matches!(
                midterm_review_state(c, today),
                Some(ReviewState::NotYet | ReviewState::Due | ReviewState::Overdue)
            );
            lines.push(Line::Row(PostRow {
                id: c.id.clone(),
                name: c.person.name.clone(),
                one_shoulder: c.is_one_shoulder(),
                posts: posts_text(c),
                term,
                review: review_of(c, today),
                serving,
                reviewable,
            }));
        }
    }
    lines
}

fn post_row(c: &PostRow, act: Callback<(PostAct, RecordId)>) -> AnyView {
    let mut buttons = Vec::new();
    if c.serving && c.reviewable {
        let aria = format!("{}：{}", ct().review_record, c.name);
        buttons.push(row_button(ct().review_record, aria, act, (PostAct::Review, c.id.clone())));
    }
    if c.serving {
        let aria = format!("{}：{}", ct().cadres_end, c.name);
        buttons.push(row_button(ct().cadres_end, aria, act, (PostAct::End, c.id.clone())));
    }
    let mut name = vec![c.name.clone().into_any()];
    if c.one_shoulder {
        name.push(" ".into_any());
        name.push(view! { <span class="tag">{ct().cadres_one_shoulder}</span> }.into_any());
    }
    tr(
        (!c.serving).then_some("left"),
        vec![
            cell_of("", name),
            cell("", c.posts.clone()),
            cell("num", c.term.clone()),
            cell_of("", vec![review_view(c.review.clone())]),
            cell_of("actions-cell", buttons),
        ],
    )
}

#[component]
fn PostsPage() -> impl IntoView {
    let CadreData { orgs, cadres, members, .. } = expect_context::<CadreData>();
    let pinyin = expect_context::<AppState>().pinyin;
    let show_ended = RwSignal::new(false);
    let action = RwSignal::new(None::<(PostAct, RecordId)>);
    let message: Message = RwSignal::new(None);
    let today = browser::today();
    let act = Callback::new(move |a: (PostAct, RecordId)| {
        message.set(None);
        action.set(Some(a));
    });
    let lines = Memo::new(move |_| {
        let all = show_ended.get();
        keyed_lines(post_lines(&cadres.get(), &orgs.get(), all, today, &pinyin.get()), 5, move |r| post_row(r, act))
    });
    let close = Callback::new(move |()| action.set(None));
    let card = move || {
        let (act, id) = action.get()?;
        let c = cadres.get_untracked().iter().find(|c| c.id == id).cloned()?;
        let name = c.person.name.clone();
        let (label, confirm, apply): (&'static str, &'static str, Apply) = if act == PostAct::Review {
            let apply: Apply = Box::new(move |d: &str| {
                record_midterm_review(&c, d, browser::today()).map_err(|e| review_error(&e).to_string())
            });
            (ct().review_date, ct().review_record, apply)
        } else {
            let apply: Apply =
                Box::new(move |d: &str| end_holding(&c, d, browser::today()).map_err(|e| end_error(&e).to_string()));
            (ct().cadres_end_date, ct().cadres_end, apply)
        };
        Some(date_action_card(format!("{}：{}", confirm, name), label, confirm, apply, close, message))
    };
    let columns = [mt().col_name, ct().cadres_posts, ct().cadres_term, ct().review_title, ot().org_actions];
    let body = keyed_body(lines);
    view! {
        <p class="intro">{ct().cadres_posts_intro}</p>
        {move || posts_warnings(&cadres.get(), &orgs.get(), today)}
        {message_line(message)}
        <div class="toolbar">
            {checkbox_choice(ct().cadres_show_ended, show_ended)}
        </div>
        {data_table("posts", &columns, body)}
        {card}
        <NewCadreForm orgs members />
    }
}

const C_ORG: &str = "cadre-org";
const C_MEMBER: &str = "cadre-member";
const C_POSTS: &str = "cadre-posts";
const C_START: &str = "cadre-start";
const C_END: &str = "cadre-end";

fn cadre_error_at(e: &CadreError) -> (&'static str, String) {
    use CadreError::*;
    let at = match e {
        Person(p) => return person_error_at(p),
        MemberUnknown => C_MEMBER,
        OrgMissing | OrgUnknown | OrgNotVillage | OrgNotTownship => C_ORG,
        PostsEmpty | PostsMixLevels | TwoPostsInOneBody(_) | SupervisionWithVillageCommittee => C_POSTS,
        TermStartMissing | TermStart(_) => C_START,
        TermEnd(_) | TermEndNotAfterStart => C_END,
    };
    (at, cadre_error(e))
}

#[component]
fn NewCadreForm(orgs: Collection<Org>, members: Collection<Member>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let org = RwSignal::new(String::new());
    let member = RwSignal::new(String::new());
    let person = PersonInputs::new(&Default::default());
    let posts = RwSignal::new(Vec::<String>::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let err: FieldError = RwSignal::new(None);
    let message: Message = RwSignal::new(None);
    let saving = RwSignal::new(false);
    fill_from_member(member, person, members);

    let org_choices = Signal::derive(move || {
        orgs.with(|o| {
            let mut list = village_options(o, &state.pinyin.get());
            list.extend(
                o.iter()
                    .filter(|x| x.is_open() && x.category == Some(OrgCategory::TownshipCommittee))
                    .map(|x| (x.id.to_string(), x.name.clone())),
            );
            list
        })
    });
    let member_choices =
        Signal::derive(move || member_options(&members.get(), &orgs.get(), &org.get(), &state.pinyin.get()));
    let level = move || {
        let chosen = RecordId::parse(&org.get());
        let township = orgs.with(|o| {
            o.iter().any(|x| Some(&x.id) == chosen.as_ref() && x.category == Some(OrgCategory::TownshipCommittee))
        });
        if township {
            Level::Township
        } else {
            Level::Village
        }
    };
    let post_items = Signal::derive(move || {
        let lv = level();
        Post::ALL.iter().filter(|p| p.level() == lv).map(|p| (p.label().to_string(), p.label().to_string())).collect()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lv = level();
        let draft = CadreDraft {
            person: person.draft(),
            member: RecordId::parse(&member.get_untracked()),
            org: RecordId::parse(&org.get_untracked()),
            posts: posts
                .with_untracked(|l| l.iter().filter_map(|p| Post::from_label(p)).filter(|p| p.level() == lv).collect()),
            term_start: start.get_untracked(),
            term_end: end.get_untracked(),
        };
        err.set(None);
        let result = create_cadre(&draft, new_id(), &orgs.get_untracked(), &members.get_untracked(), browser::today());
        match result {
            Ok(edit) => {
                let ok = saved_and_cleared(&format!("{}{}", ct().cadres_saved, draft.person.name.trim()));
                // The whole form emptied: a roster choice or 学历 left from the last person would
                // go with the next one's name.
                save(
                    state,
                    vec![edit],
                    saving,
                    message,
                    ok,
                    Box::new(move || {
                        for s in [org, member, start, end] {
                            s.set(String::new());
                        }
                        person.clear();
                        posts.set(Vec::new());
                    }),
                );
            }
            Err(e) => {
                let (at, words) = cadre_error_at(&e);
                err.set(Some((at, words)));
                message.set(None);
            }
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h3>{ct().cadres_new}</h3>
            <p class="muted">{ct().cadres_new_intro}</p>
            <div class="grid">
                {select_field(C_ORG, ct().cadres_org, org, err, org_choices)}
                {select_field(C_MEMBER, ct().cadres_member, member, err, member_choices)}
            </div>
            {checkbox_list("posts-choices", ct().cadres_posts, post_items, posts, err, C_POSTS)}
            <div class="grid">
                {person_fields(person, err)}
                {text_field(C_START, ct().cadres_term_start, start, err, t().date_hint)}
                {text_field(C_END, ct().cadres_term_end, end, err, ct().cadres_term_end_hint)}
            </div>
            {form_error(err)}
            {message_line(message)}
            <button type="submit" class="primary" prop:disabled=saving>{t().save}</button>
        </form>
    }
}

impl Collected for Cadre {
    const KIND: &'static str = kind::CADRE;
    fn decode(record: &Record) -> Cadre {
        Cadre::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}

impl Collected for ReserveCadre {
    const KIND: &'static str = kind::RESERVE_CADRE;
    fn decode(record: &Record) -> ReserveCadre {
        ReserveCadre::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}

impl Collected for Liaison {
    const KIND: &'static str = kind::LIAISON;
    fn decode(record: &Record) -> Liaison {
        Liaison::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}

impl Collected for Training {
    const KIND: &'static str = kind::TRAINING;
    fn decode(record: &Record) -> Training {
        Training::from_record(record)
    }
    fn id(&self) -> &RecordId {
        &self.id
    }
}
