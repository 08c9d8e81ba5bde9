//! The follow-up of a diary's matter (kind `diary_step`): 阅批, 督办 (an assignee, the 督办人, a
//! deadline), one to three 办理 notes, 办结, 反馈 (mostly 满意; 不满意 sends it back to 办理),
//! 公开 and 销号. Some matters end in 解释说明 (policy does not allow it) or 上交; some stall on
//! the way. Every step is made by `diary_step::add_step`, so each chain passes the same checks a
//! typed step does; steps are dated one day or more apart, after the visit and never after
//! `AS_OF`, so a chain cut by `AS_OF` leaves recent matters open.

use super::diary::Outline;
use super::members::full_name;
use super::orgs::Township;
use super::rng::Rng;
use super::{iso, AS_OF};
use crate::clock::Hlc;
use crate::date::parse_iso;
use crate::diary::{Diary, MatterCategory};
use crate::diary_step::{add_step, FeedbackWay, Satisfaction, Step, StepDraft, StepKind};
use crate::record::RecordId;
use crate::replica::Edit;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// How a matter's chain goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Through to 销号 (unless `AS_OF` comes first).
    Full,
    /// Ended by 解释说明.
    Explained,
    /// Ended by 上交.
    HandedUp,
    /// Left where it stands after so many stages (0: never read).
    Stalls(u8),
}

/// Who is assigned by the 督办.
enum Assignee {
    /// The village's 两委 (its organization).
    Village,
    /// A village cadre (their member record).
    Cadre(RecordId, String),
    /// A township office, by name.
    Office(String),
}

/// The steps of `o`'s matter (none when the diary needs no follow-up).
pub(super) fn chain(o: &Outline, township: &Township, names: &HashMap<RecordId, String>) -> Vec<Edit> {
    if !o.follow_up() {
        return Vec::new();
    }
    let mut rng = Rng::new(o.steps_seed);
    let village = o.village;
    let diary = Diary {
        id: o.id.clone(),
        date: Some(o.date),
        writer: Some(o.writer.clone()),
        village: Some(village.org.clone()),
        households: o.households.iter().map(|&h| village.households[h].id.clone()).collect(),
        roles: Default::default(),
        category: MatterCategory::from_label(o.category()),
        follow_up: true,
        written: crate::clock::Hlc::ZERO,
    };
    let name_of = |id: &RecordId| names.get(id).cloned().unwrap_or_default();
    let writer = name_of(&o.writer);
    let cadres: Vec<(RecordId, String)> = village.writers.iter().map(|id| (id.clone(), name_of(id))).collect();
    let reviewer = township.reviewers.get(rng.below(township.reviewers.len().max(1))).cloned().unwrap_or_default();
    let supervisor = township.supervisors.first().cloned().unwrap_or_else(|| reviewer.clone());
    let kind = Kind::of(o.category());
    let head = o.household().head.clone();

    let fate = *rng.weighted(&[(Fate::Full, 80), (Fate::Explained, 7), (Fate::HandedUp, 5), (Fate::Stalls(0), 8)]);
    let fate = match fate {
        Fate::Stalls(_) => Fate::Stalls(*rng.weighted(&[(0, 15), (1, 15), (2, 25), (3, 25), (4, 8), (5, 7), (6, 5)])),
        other => other,
    };
    let stalls_at = |stage: u8| fate == Fate::Stalls(stage);
    let mut c = Chain { rng, diary, steps: Vec::new(), edits: Vec::new(), last: o.date };

    // The assignee is chosen first: the 阅批 names them.
    let township_office = |rng: &mut Rng| format!("{}{}", township.name, rng.pick(kind.offices()));
    let assignee = match c.rng.below(10) {
        0..=3 => Assignee::Village,
        4..=6 if !cadres.is_empty() => {
            let (id, name) = c.rng.pick(&cadres).clone();
            Assignee::Cadre(id, name)
        }
        _ => Assignee::Office(township_office(&mut c.rng)),
    };
    let village_committee = if village.name.ends_with('村') {
        format!("{}支两委", village.name)
    } else {
        format!("{}两委", village.name)
    };
    let assignee_name = match &assignee {
        Assignee::Village => village_committee.clone(),
        Assignee::Cadre(_, name) | Assignee::Office(name) => name.clone(),
    };
    // Who does the work and reports it.
    let handler = match &assignee {
        Assignee::Cadre(_, name) | Assignee::Office(name) => name.clone(),
        _ if !cadres.is_empty() => c.rng.pick(&cadres).1.clone(),
        _ => writer.clone(),
    };

    // 阅批: leaders read the week's entries.
    if stalls_at(0) {
        return c.edits;
    }
    let wait = *c.rng.weighted(&[((1, 3), 60), ((4, 7), 30), ((8, 20), 10)]);
    let days = c.rng.between(wait.0, wait.1);
    let mut review = c.draft(StepKind::Review, &reviewer);
    match c.rng.below(3) {
        0 => review.note = (*c.rng.pick(&["已阅。", "情况属实，请抓紧处理。", "已阅，请跟踪落实。"])).to_string(),
        1 => review.instruction = format!("请{assignee_name}牵头核实处理，按时限办结并反馈群众。"),
        _ => {
            review.note = "已阅。".to_string();
            review.instruction = format!(
                "请{assignee_name}{}",
                c.rng.pick(&["抓紧落实。", "妥善处理，及时回复。", "依规办理，限期办结。"])
            );
        }
    }
    if !c.add(days, review) {
        return c.edits;
    }
    // Now and then a second leader adds a comment.
    if c.rng.chance(0.05) {
        let other = township.reviewers.iter().find(|r| **r != reviewer).cloned().unwrap_or_else(|| supervisor.clone());
        let mut again = c.draft(StepKind::Review, &other);
        again.instruction = format!("同意{reviewer}同志意见，请抓紧落实。");
        let days = c.rng.between(1, 3);
        if !c.add(days, again) {
            return c.edits;
        }
    }
    if fate == Fate::Explained && c.rng.chance(0.6) {
        c.explain(kind, &writer, &head);
        return c.edits;
    }
    if stalls_at(1) {
        return c.edits;
    }

    // 督办: an assignee and a deadline.
    let mut supervise = c.draft(StepKind::Supervise, &supervisor);
    supervise.assignee = assignee_name.clone();
    match &assignee {
        Assignee::Village => supervise.assignee_org = Some(village.org.clone()),
        Assignee::Cadre(id, _) => supervise.assignee_person = Some(id.clone()),
        Assignee::Office(_) => {}
    }
    let days = c.rng.between(1, 3);
    let (lo, hi) = kind.days_to_deadline();
    let allowed = c.rng.between(lo, hi);
    let on = c.last + Days::new(days as u64);
    let deadline = on + Days::new(allowed as u64);
    supervise.deadline = iso(deadline);
    if !c.add(days, supervise) {
        return c.edits;
    }
    if fate == Fate::HandedUp && c.rng.chance(0.5) {
        c.hand_up(kind, &handler, township);
        return c.edits;
    }
    if stalls_at(2) {
        return c.edits;
    }

    // 办理: progress notes spread over the time allowed; most matters are 办结 in time.
    let notes = *c.rng.weighted(&[(1, 45), (2, 35), (3, 20)]);
    let in_time = c.rng.chance(0.85);
    let finish_by = if in_time { deadline } else { deadline + Days::new(c.rng.between(1, 30) as u64) };
    for n in 0..notes {
        let left = (finish_by - c.last).num_days();
        let days = c.rng.between(1, (left / 2).max(1));
        let mut handle = c.draft(StepKind::Handle, &handler);
        handle.note = kind.progress(&mut c.rng, n);
        if c.rng.chance(0.5) {
            handle.offices = township_office(&mut c.rng);
        }
        if !c.add(days, handle) {
            return c.edits;
        }
        if n == 0 && fate == Fate::HandedUp {
            c.hand_up(kind, &handler, township);
            return c.edits;
        }
    }
    if fate == Fate::Explained {
        c.explain(kind, &writer, &head);
        return c.edits;
    }
    if stalls_at(3) {
        return c.edits;
    }

    // 办结, then 反馈 to the household; 不满意 sends it back once.
    let left = (finish_by - c.last).num_days();
    let days = c.rng.between(1, left.max(1));
    let mut done = c.draft(StepKind::Done, &handler);
    done.note = kind.outcome(&mut c.rng);
    if !c.add(days, done) {
        return c.edits;
    }
    if stalls_at(4) {
        return c.edits;
    }
    let view = *c.rng.weighted(&[
        (Satisfaction::Satisfied, 78),
        (Satisfaction::FairlySatisfied, 17),
        (Satisfaction::Dissatisfied, 5),
    ]);
    if !c.feedback(&writer, &head, view) {
        return c.edits;
    }
    if view == Satisfaction::Dissatisfied {
        let mut again = c.draft(StepKind::Handle, &handler);
        again.note = format!("根据{head}的意见，重新协调处理。");
        let days = c.rng.between(2, 10);
        if !c.add(days, again) {
            return c.edits;
        }
        let mut done = c.draft(StepKind::Done, &handler);
        done.note = kind.outcome(&mut c.rng);
        let days = c.rng.between(3, 20);
        if !c.add(days, done) {
            return c.edits;
        }
        let view = *c.rng.weighted(&[(Satisfaction::Satisfied, 60), (Satisfaction::FairlySatisfied, 40)]);
        if !c.feedback(&writer, &head, view) {
            return c.edits;
        }
    }
    if stalls_at(5) {
        return c.edits;
    }

    // 公开 on the village's notice board, except what concerns one family's private affairs.
    let private = c.rng.chance(kind.private_share());
    if !private {
        let by = cadres.first().map_or(writer.clone(), |(_, n)| n.clone());
        let mut publish = c.draft(StepKind::Publish, &by);
        publish.note = "在村务公开栏公示办理结果。".to_string();
        let days = c.rng.between(1, 15);
        if !c.add(days, publish) {
            return c.edits;
        }
        if stalls_at(6) {
            return c.edits;
        }
    }

    // 销号.
    let mut close = c.draft(StepKind::Close, &supervisor);
    close.note = (*c.rng.pick(&["经回访核实，问题已解决，予以销号。", "群众满意，同意销号。", "已办结反馈，销号。"]))
        .to_string();
    if private {
        close.skip_reason = "涉及群众个人隐私，不宜公开。".to_string();
    }
    let days = c.rng.between(1, 20);
    c.add(days, close);
    c.edits
}

/// A matter's steps so far.
struct Chain {
    rng: Rng,
    diary: Diary,
    steps: Vec<Step>,
    edits: Vec<Edit>,
    /// The day of the last step (the visit's before the first).
    last: NaiveDate,
}

impl Chain {
    fn draft(&self, kind: StepKind, by: &str) -> StepDraft {
        StepDraft { kind: Some(kind), by: by.to_string(), ..StepDraft::default() }
    }

    /// Adds `draft` `days` (one at least) after the last step, checked as a typed step is.
    /// Returns false, adding nothing, when that day is after `AS_OF`: the matter stands there.
    fn add(&mut self, days: i64, mut draft: StepDraft) -> bool {
        let day = self.last + Days::new(days.max(1) as u64);
        if day > AS_OF {
            return false;
        }
        draft.date = iso(day);
        let id = RecordId::from_random(self.rng.bytes16());
        let refs: Vec<&Step> = self.steps.iter().collect();
        let edit = add_step(&draft, &self.diary, &refs, id, AS_OF)
            .unwrap_or_else(|e| panic!("the sample's step {draft:?} fails its checks: {e:?}"));
        // What the next check reads of the step, without reading the edit back (a county
        // makes 600,000 steps); the tests read the edits back.
        self.steps.push(Step {
            id: edit.record_id().clone(),
            diary: Some(self.diary.id.clone()),
            kind: draft.kind,
            date: Some(day),
            by: String::new(),
            note: String::new(),
            instruction: String::new(),
            assignee: String::new(),
            assignee_person: None,
            assignee_org: None,
            deadline: parse_iso(&draft.deadline),
            offices: Vec::new(),
            way: draft.way,
            view: draft.view,
            skip_reason: draft.skip_reason,
            written: Hlc::ZERO,
        });
        self.edits.push(edit);
        self.last = day;
        true
    }

    fn feedback(&mut self, by: &str, head: &str, view: Satisfaction) -> bool {
        let mut fb = self.draft(StepKind::Feedback, by);
        fb.way = Some(*self.rng.weighted(&[
            (FeedbackWay::Visit, 55),
            (FeedbackWay::Phone, 35),
            (FeedbackWay::NoticeBoard, 10),
        ]));
        fb.view = Some(view);
        if view == Satisfaction::Dissatisfied {
            fb.note = format!("{head}对处理结果不满意，认为问题没有根本解决。");
        } else if self.rng.chance(0.3) {
            fb.note = format!("{head}对处理结果表示{}。", view.label());
        }
        let days = self.rng.between(1, 7);
        self.add(days, fb)
    }

    fn explain(&mut self, kind: Kind, by: &str, head: &str) {
        let mut explain = self.draft(StepKind::Explain, by);
        explain.note = format!("{}已向{head}当面解释说明，{head}表示理解。", kind.explanation(&mut self.rng));
        let days = self.rng.between(2, 15);
        self.add(days, explain);
    }

    fn hand_up(&mut self, kind: Kind, by: &str, township: &Township) {
        let mut up = self.draft(StepKind::HandUp, by);
        up.note =
            format!("{}，村级无力解决，已上交{}党委政府研究解决。", kind.beyond_village(&mut self.rng), township.name);
        let days = self.rng.between(2, 10);
        self.add(days, up);
    }
}

/// The categories that need follow-up, for the wording and timing of their steps.
#[derive(Clone, Copy)]
enum Kind {
    Dispute,
    Hardship,
    Infrastructure,
}

impl Kind {
    fn of(category: &str) -> Kind {
        match category {
            "矛盾纠纷" => Kind::Dispute,
            "基础设施" => Kind::Infrastructure,
            _ => Kind::Hardship,
        }
    }

    /// The township offices that take on such matters.
    fn offices(self) -> &'static [&'static str] {
        match self {
            Kind::Dispute => &["司法所", "综治中心", "林业站", "自然资源所", "农经站", "派出所"],
            Kind::Hardship => &["民政办", "农业综合服务中心", "畜牧兽医站", "建设站", "卫生院", "社保站"],
            Kind::Infrastructure => &["交通站", "水利站", "供电所", "建设站", "财政所", "环卫站"],
        }
    }

    /// The days a 督办 allows (fewest, most).
    fn days_to_deadline(self) -> (i64, i64) {
        match self {
            Kind::Dispute => (7, 30),
            Kind::Hardship => (10, 45),
            Kind::Infrastructure => (30, 120),
        }
    }

    /// Matters of one family that are not put on the notice board.
    fn private_share(self) -> f64 {
        match self {
            Kind::Dispute => 0.35,
            Kind::Hardship => 0.4,
            Kind::Infrastructure => 0.05,
        }
    }

    /// A 办理 note, the `n`th of the matter.
    fn progress(self, rng: &mut Rng, n: usize) -> String {
        let first = match self {
            Kind::Dispute => &[
                "已约双方当事人到村部面谈，初步了解了争议经过。",
                "已到现场查看，听取了双方的意见。",
                "已联系双方的亲属和组长，先做思想工作。",
            ],
            Kind::Hardship => &[
                "已入户核实家庭情况，收集了相关材料。",
                "已帮助填写申请表，材料已报送镇里审核。",
                "已联系相关站所，约定近期上门。",
            ],
            Kind::Infrastructure => &[
                "已到现场勘查，拍照测量并形成了初步方案。",
                "已向镇里申报项目，等待审批。",
                "已召开组民主议事会，商定了筹资筹劳办法。",
            ],
        };
        let later = match self {
            Kind::Dispute => &[
                "再次组织双方调解，已就主要分歧达成一致。",
                "请司法所工作人员参与调解，讲解了相关法律规定。",
                "双方同意按调解意见执行，正在落实。",
            ],
            Kind::Hardship => &[
                "审核已通过，正在办理发放手续。",
                "技术人员已上门指导，情况有所好转。",
                "帮扶措施已基本落实，继续跟踪。",
            ],
            Kind::Infrastructure => {
                &["资金已落实，施工队已进场。", "工程进度过半，预计近期完工。", "材料已运到现场，正在组织施工。"]
            }
        };
        (*rng.pick(if n == 0 { first } else { later })).to_string()
    }

    /// What a 办结 says.
    fn outcome(self, rng: &mut Rng) -> String {
        let options: &[&str] = match self {
            Kind::Dispute => {
                &["经调解，双方达成一致并签订了调解协议。", "纠纷已调处完毕，双方握手言和。", "已按调解意见履行完毕。"]
            }
            Kind::Hardship => {
                &["救助资金已发放到位。", "帮扶措施已落实到位，群众生产生活恢复正常。", "相关手续已办理完毕。"]
            }
            Kind::Infrastructure => &["工程已完工并通过验收。", "维修已完成，已恢复正常使用。", "问题已整改到位。"],
        };
        (*rng.pick(options)).to_string()
    }

    /// Why policy does not allow what was asked.
    fn explanation(self, rng: &mut Rng) -> String {
        let options: &[&str] = match self {
            Kind::Dispute => &[
                "经核实，争议属于法院受理范围，村里无权处理，已告知通过诉讼途径解决。",
                "经查阅原始档案，界址以原登记为准，诉求缺乏依据。",
            ],
            Kind::Hardship => &["经核实，家庭收入超过低保标准，不符合申请条件。", "按现行政策，该项补助已停止执行。"],
            Kind::Infrastructure => &[
                "该路段不在本年度项目计划内，将在下年度申报时优先考虑。",
                "经测算，项目资金需求超出村级一事一议的范围，暂缓实施。",
            ],
        };
        (*rng.pick(options)).to_string()
    }

    /// Why the village cannot settle it.
    fn beyond_village(self, rng: &mut Rng) -> String {
        let options: &[&str] = match self {
            Kind::Dispute => &["纠纷涉及邻村和外地企业", "双方分歧较大，多次调解未果"],
            Kind::Hardship => &["所需资金数额较大", "涉及多个部门的政策"],
            Kind::Infrastructure => &["工程量大、资金需求多", "涉及跨村线路改造"],
        };
        (*rng.pick(options)).to_string()
    }
}

/// Leaders for a township with too few cadres of its own (tiny custom scales).
pub(super) fn leader_name(rng: &mut Rng) -> String {
    let male = rng.chance(0.85);
    let born = rng.between(1968, 1985) as i32;
    full_name(rng, None, male, born)
}
