//! 民情日记: a cadre's visit to a household, written up as the seeds describe it (五个必到, 五员),
//! in text assembled from phrase variants so that entries differ in wording, length and facts.

use super::households::{Household, HouseholdKind};
use super::members::full_name;
use super::orgs::Village;
use super::rng::Rng;
use super::vocab::{
    CHINESE_NUMBERS, CROPS, DISEASES, ENTERPRISES, FIRM_BRANDS, PLACE_FIRST, PLACE_LAST, RELATIVES_OF_ADULTS,
    RELATIVES_OF_ELDERS, VISIT_COMPANIONS, WORK_PLACES,
};
use super::{day_number, from_day_number, iso, AS_OF};
use crate::record::{kind, RecordId};
use crate::replica::Edit;
use chrono::{Datelike, NaiveDate};
use serde_json::json;

pub(super) use crate::diary::{
    ACTION, CATEGORY as PROBLEM_CATEGORY, COMPANIONS, DATE, FOLLOW_UP, HOUSEHOLDS, REQUEST, ROLES, SITUATION, VILLAGE,
    WRITER,
};

/// The length of the 民情 text in characters: a page of a cadre's notebook.
pub(super) const SITUATION_CHARS: std::ops::RangeInclusive<usize> = 150..=400;

/// Diaries cover the last three years.
const DAYS_COVERED: usize = 3 * 365;

const PROPAGANDIST: &str = "政策法规宣传员";
const TECHNICIAN: &str = "农业生产技术员";
const MEDIATOR: &str = "矛盾纠纷调解员";
const NAVIGATOR: &str = "发展经济领航员";
const SERVANT: &str = "为民办事服务员";

pub(super) const PROBLEM_CATEGORIES: [&str; 6] =
    ["矛盾纠纷", "生产生活困难", "政策咨询", "基础设施", "医疗教育", "其他"];

/// A diary's facts without its text: drawn from the diaries' stream, so the steps of its matter
/// can be streamed without writing the text again. The text and the steps each draw from a
/// generator of their own, seeded here.
pub(super) struct Outline<'a> {
    pub id: RecordId,
    pub village: &'a Village,
    pub writer: RecordId,
    pub date: NaiveDate,
    /// Places in `village.households`: the household the entry is about, then any visited with it.
    pub households: Vec<usize>,
    /// Its place in `PROBLEM_CATEGORIES`.
    pub category: usize,
    pub text_seed: u64,
    pub steps_seed: u64,
}

impl Outline<'_> {
    pub fn category(&self) -> &'static str {
        PROBLEM_CATEGORIES[self.category]
    }

    pub fn follow_up(&self) -> bool {
        needs_follow_up(self.category())
    }

    /// The household the entry is about.
    pub fn household(&self) -> &Household {
        &self.village.households[self.households[0]]
    }
}

/// Draws a diary's outline: the date, then the households visited (open on that day; the
/// 五个必到 more often), then what was raised.
pub(super) fn outline<'a>(rng: &mut Rng, village: &'a Village, writer: RecordId) -> Outline<'a> {
    let id = RecordId::from_random(rng.bytes16());
    let date = from_day_number(day_number(AS_OF) - rng.below(DAYS_COVERED) as i64);
    let first = visited(rng, village, date, None);
    let mut households = vec![first];
    // Now and then a round takes in a neighbour or two of the same 组.
    let more = *rng.weighted(&[(0usize, 80), (1, 15), (2, 5)]);
    for _ in 0..more {
        let h = visited(rng, village, date, Some(village.households[first].group));
        if !households.contains(&h) {
            households.push(h);
        }
    }
    let category = category(rng, village.households[first].kind);
    Outline { id, village, writer, date, households, category, text_seed: rng.next_u64(), steps_seed: rng.next_u64() }
}

/// A household of `village` on its register on `date`, by the visits' weights, preferably of
/// `group`. The first household of a register never leaves it.
fn visited(rng: &mut Rng, village: &Village, date: NaiveDate, group: Option<usize>) -> usize {
    let total = *village.visit_weights.last().expect("a village with households");
    for _ in 0..20 {
        let r = rng.below(total as usize) as u64;
        let h = village.visit_weights.partition_point(|&c| c <= r);
        let household = &village.households[h];
        if household.open_on(date) && group.is_none_or(|g| household.group == g) {
            return h;
        }
    }
    0
}

/// What a household raised: the kind of household makes some problems likelier (poor
/// households: hardship and medical bills; deputies: roads and water).
fn category(rng: &mut Rng, kind: HouseholdKind) -> usize {
    // Weights of PROBLEM_CATEGORIES.
    let weights: [u32; 6] = match kind {
        HouseholdKind::LargeFarm => [2, 5, 3, 3, 1, 4],
        HouseholdKind::Poor => [1, 6, 4, 1, 5, 1],
        HouseholdKind::OldMember => [2, 2, 4, 3, 3, 3],
        HouseholdKind::Deputy => [3, 1, 2, 5, 2, 3],
        HouseholdKind::Entrepreneur => [1, 2, 2, 4, 1, 5],
        HouseholdKind::Ordinary => [3, 3, 4, 3, 3, 2],
    };
    let weighted: Vec<(usize, u32)> = weights.into_iter().enumerate().collect();
    *rng.weighted(&weighted)
}

/// The diary of an outline, its text drawn from the outline's own seed.
pub(super) fn diary(o: &Outline) -> Edit {
    let household = o.household();
    let rng = &mut Rng::new(o.text_seed);
    let others: Vec<&Household> = o.households[1..].iter().map(|&h| &o.village.households[h]).collect();
    let visit = Visit {
        rng,
        village: o.village,
        household,
        others: &others,
        date: o.date,
        he: if household.male { "他" } else { "她" },
        companion: None,
    };
    let (situation, issue, companion) = visit.write(o.category);
    let households: Vec<&str> = o.households.iter().map(|&h| o.village.households[h].id.as_str()).collect();
    let mut fields = vec![(DATE, json!(iso(o.date))), (WRITER, json!(o.writer.as_str()))];
    if let Some(c) = companion {
        fields.push((COMPANIONS, json!(c)));
    }
    fields.extend([
        (VILLAGE, json!(o.village.org.as_str())),
        (HOUSEHOLDS, json!(households)),
        (ROLES, json!([issue.role])),
        (PROBLEM_CATEGORY, json!(issue.category)),
        (SITUATION, json!(situation)),
        (REQUEST, json!(issue.request)),
        (ACTION, json!(issue.action)),
        (FOLLOW_UP, json!(o.follow_up())),
    ]);
    Edit::Create {
        id: o.id.clone(),
        kind: kind::DIARY.to_string(),
        fields: fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    }
}

/// Disputes, hardship and infrastructure need others to act; advice is given on the spot.
pub(super) fn needs_follow_up(category: &str) -> bool {
    matches!(category, "矛盾纠纷" | "生产生活困难" | "基础设施")
}

struct Visit<'a, 'r> {
    rng: &'r mut Rng,
    village: &'a Village,
    household: &'a Household,
    /// Neighbours visited on the same round.
    others: &'a [&'a Household],
    date: NaiveDate,
    /// 他 or 她: the household head.
    he: &'static str,
    /// Who came along, when the opening says so.
    companion: Option<&'static str>,
}

/// What the household raised: the 民情 sentence and the diary's classified fields.
struct Issue {
    category: &'static str,
    role: &'static str,
    text: String,
    request: String,
    action: String,
}

impl Visit<'_, '_> {
    /// The 民情 text and the issue it records. The opening, the issue and a closing are always
    /// there; season, household background, what was asked and done, and side remarks are
    /// added up to a drawn length.
    fn write(mut self, category: usize) -> (String, Issue, Option<&'static str>) {
        let issue = self.issue(category);
        let he = self.he;
        // In the order they are told.
        let parts = [
            self.opening(),
            self.season(),
            self.background(),
            issue.text.clone(),
            format!("{he}{}", issue.request),
            format!("我{}", issue.action),
            self.remark(),
            self.remark(),
            self.remark(),
            self.neighbours(),
            self.closing(),
        ];
        const ALWAYS: [usize; 4] = [0, 3, 9, 10];
        const BY_PRIORITY: [usize; 7] = [2, 4, 5, 1, 6, 7, 8];
        let lengths = parts.each_ref().map(|p| p.chars().count());
        let mut keep = [false; 11];
        let mut length = 0;
        for i in ALWAYS {
            keep[i] = true;
            length += lengths[i];
        }
        let target = self.rng.between(170, 380) as usize;
        for i in BY_PRIORITY {
            if length + lengths[i] <= target {
                keep[i] = true;
                length += lengths[i];
            }
        }
        // Long parts and a short target can leave the text under the minimum: top it up.
        for i in BY_PRIORITY {
            if length < *SITUATION_CHARS.start() && !keep[i] {
                keep[i] = true;
                length += lengths[i];
            }
        }
        let mut text = String::with_capacity(parts.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| p.len()).sum());
        for (part, _) in parts.iter().zip(keep).filter(|(_, k)| *k) {
            text.push_str(part);
        }
        (text, issue, self.companion)
    }

    /// The neighbours visited on the same round, if any.
    fn neighbours(&mut self) -> String {
        let names: Vec<&str> = self.others.iter().map(|h| h.head.as_str()).collect();
        if names.is_empty() {
            return String::new();
        }
        let names = names.join("、");
        match self.rng.below(3) {
            0 => format!("随后又顺路走访了同组的{names}家。"),
            1 => format!("从{}家出来，我又到{names}家坐了坐，了解了家里的近况。", self.household.head),
            _ => format!("同组的{names}家也去看了看，家里情况总体平稳。"),
        }
    }

    /// A relative living with the household head, by the head's age.
    fn relative(&mut self) -> &'static str {
        let age = self.date.year() - self.household.born;
        let relatives = if age >= 65 { RELATIVES_OF_ELDERS } else { RELATIVES_OF_ADULTS };
        relatives[self.rng.below(relatives.len())]
    }

    fn opening(&mut self) -> String {
        let Household { head, group, kind, .. } = self.household;
        let place = format!("{}{}组", self.village.name, chinese_number(*group));
        // Since 2021 the poor households of the diaries are called 脱贫户 in writing.
        let who = match kind {
            HouseholdKind::Poor => "脱贫户",
            HouseholdKind::Ordinary => "村民",
            other => other.label(),
        };
        let when = *self.rng.pick(&["今天上午", "今天下午", "上午", "下午", "吃过早饭后"]);
        let he = self.he;
        match self.rng.below(7) {
            0 => {
                let companion = *self.rng.pick(VISIT_COMPANIONS);
                self.companion = Some(companion);
                format!("{when}，我和{companion}一起来到{place}，走访了{who}{head}家。")
            }
            1 => format!("按照“五个必到”的要求，今天到{place}走访{who}{head}。"),
            2 => format!("{when}，我骑摩托车到{place}，入户走访了{head}家。"),
            3 => format!("利用住镇的晚上，我到{place}{head}家走访，和{he}拉了拉家常。"),
            4 => format!("{when}，我沿着新修的水泥路走到{place}，看望了{who}{head}。"),
            5 => format!("趁着{head}在家，我到{place}{he}家坐了坐，了解家里的生产生活情况。"),
            _ => format!("今天是下村走访的日子，我先到了{place}的{who}{head}家。"),
        }
    }

    fn season(&mut self) -> String {
        let he = self.he;
        let options: [&str; 4] = match self.date.month() {
            12 | 1 | 2 => [
                "天气阴冷，一家人正围着火炉烤火。",
                "这几天寒潮来袭，早上田里结了一层薄冰。",
                "临近春节，在外打工的年轻人陆续回来了，组里比平时热闹。",
                "刚下过一场雪，进组的路有些滑，车子只能停在村口。",
            ],
            3..=5 => [
                "正值春耕时节，田里的旋耕机来回忙着翻地。",
                "连续下了一个星期的雨，早稻秧苗长势一般。",
                "油菜花刚谢，家家户户忙着浸种育秧。",
                "天气转暖，组里的茶园开始采春茶了。",
            ],
            6..=8 => [
                "天气炎热，中午气温超过了三十五度。",
                "正是“双抢”最忙的时候，早稻收割和晚稻插秧挤在一起。",
                "前几天下了一场暴雨，组里有几处田埂被冲垮了。",
                "入伏以来一直没怎么下雨，不少稻田开始干裂。",
            ],
            _ => [
                "晚稻已经黄了，再过几天就可以开镰收割。",
                "秋高气爽，家家户户都在晒谷坪上翻晒稻谷。",
                "今年秋旱比较严重，已经一个多月没下雨了。",
                "田里的晚稻刚收完，准备接着种一季油菜。",
            ],
        };
        let line = *self.rng.pick(&options);
        if self.rng.chance(0.3) {
            format!("{line}{he}说今年的天气对庄稼影响不小。")
        } else {
            line.to_string()
        }
    }

    fn background(&mut self) -> String {
        let Household { head, size, land, stock, born, .. } = self.household;
        let he = self.he;
        let age = self.date.year() - born;
        let relative = self.relative();
        let rng = &mut *self.rng;
        match self.household.kind {
            HouseholdKind::LargeFarm => match rng.below(3) {
                0 => format!("{head}是组里有名的种养大户，流转了{land}亩水田种双季稻，还养了{stock}头生猪。"),
                1 => format!("{head}这几年搞规模种植，种了{land}亩{}，农忙时要请十几个人帮工。", rng.pick(CROPS)),
                _ => format!("{head}种了{land}亩田，还承包了村里的山塘养鱼，是远近有名的养殖能手。"),
            },
            // A household of one cannot have a sick relative at home.
            HouseholdKind::Poor => match if *size == 1 { 2 } else { rng.below(3) } {
                0 => format!("{head}家{size}口人，{relative}身体不好，家里主要靠几亩责任田和低保过日子。"),
                1 => format!("{head}家{size}口人，{relative}常年吃药，脱贫后被列为防止返贫监测户。"),
                _ => format!("{head}今年{age}岁，子女都在外地，{he}一个人守着老屋，靠养老金和低保生活。"),
            },
            HouseholdKind::OldMember => {
                // The roster's 入党 date where the head is a member.
                let years = match self.household.joined {
                    Some(joined) => i64::from(self.date.year() - joined),
                    None => rng.between(30, i64::from((age - 20).max(31))),
                };
                match rng.below(3) {
                    0 => {
                        format!("{head}今年{age}岁，是有{years}年党龄的老党员，身体还算硬朗，支部开会每次都按时参加。")
                    }
                    1 => format!("{head}是一位{age}岁的老党员，年轻时当过生产队长，对村里的情况很熟悉。"),
                    _ => format!("{head}入党已经{years}年了，虽然年事已高，还经常帮组里调解邻里纠纷。"),
                }
            }
            HouseholdKind::Deputy => match rng.below(2) {
                0 => format!("{head}是镇人大代表，在组里威信较高，平时很关心村里的公共事务。"),
                _ => format!("{head}是县人大代表，经常收集群众意见，这次又给我们带来了几条建议。"),
            },
            HouseholdKind::Entrepreneur => {
                let business = rng.pick(ENTERPRISES);
                match rng.below(2) {
                    0 => format!("{head}在村里办了一家{business}，雇了{stock}个本村村民，年产值有几百万元。"),
                    _ => format!("{head}早年在外地做生意，前几年回乡办起了{business}，带动了不少乡亲就业。"),
                }
            }
            HouseholdKind::Ordinary => match rng.below(3) {
                0 => format!(
                    "{head}家{size}口人，种了{land}亩田，{}在{}打工。",
                    rng.pick(&["儿子", "女儿", "儿子儿媳", "孙子"]),
                    rng.pick(WORK_PLACES)
                ),
                1 => format!("{head}家{size}口人，年轻人都外出务工了，家里只剩老人和孩子。"),
                _ => format!("{head}家主要靠种田和农闲时打零工维持生活，今年收入比去年略有增加。"),
            },
        }
    }

    /// A side remark from the conversation (the same one twice in an entry is rare and harmless).
    fn remark(&mut self) -> String {
        let he = self.he;
        let rng = &mut *self.rng;
        match rng.below(20) {
            0 => format!("{he}家屋前屋后打扫得干干净净，院子里种了些蔬菜。"),
            1 => "家里电视、冰箱、洗衣机一应俱全，日子比前几年好多了。".to_string(),
            2 => format!("交谈中{he}对村里这几年的变化很满意，说路修好了，出门方便多了。"),
            3 => format!("{he}还提到组里有几位独居老人没人照顾，希望村里多关心。"),
            4 => format!("{he}说今年{}的收成比去年好一些，就是价格不太理想。", rng.pick(CROPS)),
            5 => format!("我顺便向{he}宣传了森林防火和防溺水的注意事项。"),
            6 => format!("我还提醒{he}按时缴纳城乡居民医保，防止因病返贫。"),
            7 => format!("{he}对镇里开展的人居环境整治很支持，主动拆除了自家的旱厕。"),
            8 => format!("临走时，{he}一定要留我们吃饭，我们婉言谢绝了。"),
            9 => format!("{he}说现在党的政策好，种田有补贴，看病能报销，老百姓心里踏实。"),
            10 => format!("我把自己的手机号码写在了{he}家的民情联系卡上。"),
            11 => format!("{he}家今年新买了一台{}，农忙时还帮邻居代耕。", rng.pick(&["旋耕机", "插秧机", "收割机"])),
            12 => format!("说起在{}打工的子女，{he}说一年只回来一次，家里的事都靠老人操心。", rng.pick(WORK_PLACES)),
            13 => format!("{he}家栏里的{}头猪长势不错，年底准备出栏。", rng.between(2, 9)),
            14 => format!("{he}说村里红白喜事大操大办的风气有所收敛，大家都觉得负担轻了。"),
            15 => format!("我们还一起去看了{he}家的{}地，长势还可以。", rng.pick(CROPS)),
            16 => format!("{he}说村里的卫生室离家近，小病小痛不用往镇上跑了。"),
            17 => format!("我向{he}介绍了镇里近期组织的农村实用技术培训，{he}表示有空会去听。"),
            18 => format!(
                "{he}的孙子在镇中心学校读{}，成绩在班上排前几名。",
                rng.pick(&["三年级", "五年级", "初一", "初二"])
            ),
            _ => format!("{he}关心村里换届选举的事，说要选真正为群众办事的人。"),
        }
    }

    fn closing(&mut self) -> String {
        let he = self.he;
        match self.rng.below(8) {
            0 => format!("临走时，我把电话号码留给了{he}，让{he}有事随时打电话。"),
            6 => format!("临走前，我叮嘱组长多关注{he}家的情况。"),
            7 => "这件事我记在了民情日记上，作为下次走访的重点。".to_string(),
            1 => format!("下一步，我将跟踪落实处理情况，及时向{he}反馈。"),
            2 => "这件事要在本周的镇村干部例会上汇报。".to_string(),
            3 => "群众的事无小事，回去后要尽快落实。".to_string(),
            4 => "回到镇里后，我把情况向分管领导作了汇报。".to_string(),
            _ => "约定下次走访时再看看事情办得怎么样。".to_string(),
        }
    }

    /// The problem raised (its category drawn with the outline), with the household's request and
    /// what was done on the spot.
    fn issue(&mut self, category: usize) -> Issue {
        let (role, text, request, action) = match category {
            0 => self.dispute(),
            1 => self.hardship(),
            2 => self.policy(),
            3 => self.infrastructure(),
            4 => self.health_and_school(),
            _ => self.other(),
        };
        Issue { category: PROBLEM_CATEGORIES[category], role, text, request: request.to_string(), action }
    }

    fn neighbor(&mut self) -> String {
        let male = self.rng.chance(0.85);
        let born = self.rng.between(1945, 1985) as i32;
        full_name(self.rng, Some(self.village.clans), male, born)
    }

    fn dispute(&mut self) -> (&'static str, String, &'static str, String) {
        let he = self.he;
        let neighbor = self.neighbor();
        let rng = &mut *self.rng;
        match rng.below(6) {
            0 => (
                MEDIATOR,
                format!("{he}反映，和邻居{neighbor}家因为宅基地界址问题闹了矛盾，两家为砌围墙的事吵过好几次，关系一直很僵。"),
                "希望村里出面调解，把两家的界址重新划清楚。",
                "当场约两家到村部，请组长和老党员一起做调解，双方初步同意以原来的界桩为准。".to_string(),
            ),
            1 => (
                MEDIATOR,
                format!("{he}家和同组{neighbor}家为一片{}亩责任山的边界有争议，去年砍树时差点动了手。", rng.between(3, 30)),
                "希望村里组织双方现场核对林权证，把边界定下来。",
                "向双方讲解了林权纠纷的处理办法，约定下周请镇林业站一起到现场勘界。".to_string(),
            ),
            2 => (
                MEDIATOR,
                format!("{he}说为了放水灌田，和上丘田的{neighbor}发生了争执，双方都说对方截了水。"),
                "希望村里统一安排放水顺序，避免再起争执。",
                format!("当场和组长商量，按田块远近排出轮灌时间表，{he}和{neighbor}都表示同意。"),
            ),
            3 => (
                *rng.pick(&[MEDIATOR, SERVANT]),
                format!(
                    "{he}家流转给{}农业开发公司的{}亩田，租金已经拖欠了{}个月，对方负责人一直联系不上。",
                    rng.pick(FIRM_BRANDS),
                    rng.between(5, 40),
                    rng.between(3, 14)
                ),
                "希望村里帮忙催讨拖欠的流转租金。",
                "记下了流转合同的有关情况，答应联系镇农经站核实后督促对方尽快支付。".to_string(),
            ),
            4 => (
                MEDIATOR,
                format!("{he}反映，同组一位{}岁的老人，几个子女为赡养费分摊的事互相推诿，老人的生活没人照顾。", rng.between(78, 93)),
                "希望村里出面做做几个子女的工作。",
                "当天下午找到老人的两个儿子，讲解了赡养老人的法定义务，双方答应每月按时给生活费。".to_string(),
            ),
            _ => (
                *rng.pick(&[MEDIATOR, SERVANT]),
                format!("{he}反映，附近{neighbor}家的养猪场排污没有处理好，气味很大，夏天苍蝇蚊子特别多。"),
                "希望督促养猪场整改，把排污问题解决好。",
                "当场察看了养猪场的排污情况，要求场主限期整改，并向镇环保办作了反映。".to_string(),
            ),
        }
    }

    fn hardship(&mut self) -> (&'static str, String, &'static str, String) {
        let he = self.he;
        let Household { land, stock, .. } = *self.household;
        let relative = self.relative();
        let rng = &mut *self.rng;
        match rng.below(7) {
            0 => {
                let cost = rng.between(3, 25) * 10_000;
                let own = cost / 100 * rng.between(25, 45);
                (
                    SERVANT,
                    format!("{he}家{relative}去年查出{}，在县人民医院住院花了{cost}多元，医保报销后自付部分还有{own}元，家里欠了不少外债。", rng.pick(DISEASES)),
                    "希望能申请临时救助，帮助家里渡过难关。",
                    format!("当场帮{he}填写了临时救助申请表，答应尽快报镇民政办审核。"),
                )
            }
            1 => (
                SERVANT,
                format!(
                    "{he}家的房子是上世纪{}十年代建的土砖房，墙体已经开裂，一下大雨就漏水。",
                    rng.pick(&["六", "七", "八"])
                ),
                "希望能纳入农村危房改造计划。",
                "实地察看了房屋状况并拍照留存，答应请镇建设站派人做危房鉴定。".to_string(),
            ),
            2 => (
                SERVANT,
                format!(
                    "家里的主要劳动力{}在工地上摔伤了腿，半年干不了重活，{land}亩田眼看没人种。",
                    rng.pick(&["儿子", "丈夫", "女婿"])
                ),
                "希望村里帮忙联系农机合作社代耕代收。",
                "当场联系了村里的农机合作社，约定由合作社帮助完成耕种和收割。".to_string(),
            ),
            3 => (
                *rng.pick(&[TECHNICIAN, PROPAGANDIST]),
                format!("{he}说今年化肥价格涨得厉害，一包复合肥要{}元，种田基本不赚钱。", rng.between(140, 210)),
                "希望能争取一些农资补贴，降低种田成本。",
                format!("向{he}宣传了稻谷补贴和耕地地力保护补贴政策，并介绍了测土配方施肥技术。"),
            ),
            4 => {
                let pigs = stock.max(rng.between(8, 40) as u32);
                (
                    TECHNICIAN,
                    format!(
                        "{he}家养的{pigs}头生猪前段时间发病，死了{}头，损失不小，{he}对继续养下去没了信心。",
                        pigs / rng.between(3, 8) as u32
                    ),
                    "希望镇畜牧站派技术员来指导防疫。",
                    "当场联系了镇畜牧兽医站，约好明天派技术员上门查看，指导做好消毒和免疫。".to_string(),
                )
            }
            5 => (
                NAVIGATOR,
                format!(
                    "今年{}丰收，但收购商压价厉害，{}一斤都没人要，堆在家里干着急。",
                    rng.pick(&["柑橘", "黄桃", "西瓜", "辣椒", "红薯"]),
                    rng.pick(&["五毛钱", "八毛钱", "一块钱", "一块二"])
                ),
                "希望帮忙联系销路。",
                format!("帮{he}在镇里的电商服务站登记了产品信息，并在村民微信群里发布了销售信息。"),
            ),
            _ => {
                let (crop, pest) = *rng.pick(&[
                    ("水稻", "稻飞虱"),
                    ("水稻", "纹枯病"),
                    ("水稻", "稻瘟病"),
                    ("油菜", "蚜虫"),
                    ("柑橘", "红蜘蛛"),
                    ("油茶", "炭疽病"),
                    ("辣椒", "疫病"),
                    ("黄桃", "流胶病"),
                ]);
                (
                    TECHNICIAN,
                    format!("{he}家的{crop}出现了{pest}，打了两次药效果都不明显。"),
                    "希望有技术员来看看，教一教怎么防治。",
                    "现场查看了病虫害情况，建议选用对路的农药并注意用药间隔，回去后再请农技站跟进。".to_string(),
                )
            }
        }
    }

    fn policy(&mut self) -> (&'static str, String, &'static str, String) {
        let he = self.he;
        let size = self.household.size;
        let relative = self.relative();
        let rng = &mut *self.rng;
        match rng.below(7) {
            0 => (
                PROPAGANDIST,
                format!(
                    "{he}问今年城乡居民医保（原新农合）的缴费标准是多少，听说又涨了，家里{size}口人一年要交{}元。",
                    size * 380
                ),
                "希望村里把缴费标准和报销比例讲清楚。",
                format!("当场给{he}讲解了今年的缴费标准和住院报销比例，并帮{he}在手机上完成了缴费。"),
            ),
            1 => (
                PROPAGANDIST,
                format!(
                    "{he}帮{}咨询城乡居民养老保险能不能补缴，缴费年限还差{}年。",
                    rng.pick(&["儿子", "女儿", "儿媳", "老伴"]),
                    rng.between(2, 9)
                ),
                "希望能帮忙查一下缴费记录，看怎么补缴划算。",
                "记下了身份证号，答应回镇里到社保站查询缴费记录后再给答复。".to_string(),
            ),
            2 => (
                SERVANT,
                format!("{he}问耕地地力保护补贴什么时候发，今年的钱还没看到到账。"),
                "希望帮忙查一下补贴到账情况。",
                format!("记下了{he}的一卡通账号，回镇里后到财政所查询，三天内给{he}回话。"),
            ),
            3 => (
                PROPAGANDIST,
                format!("{he}想了解低保的申请条件，家里{relative}常年生病，不知道符不符合条件。"),
                "希望村里帮忙评估一下能不能申请低保。",
                format!("向{he}讲解了低保的申请条件和办理流程，答应把情况提交村民代表会议评议。"),
            ),
            4 => (
                PROPAGANDIST,
                format!("{he}家儿子准备结婚，想在自家宅基地上翻建新房，{he}问农村建房审批要走哪些程序。"),
                "希望把建房审批的材料和流程一次讲清楚。",
                format!("当场给{he}讲解了农村建房“一户一宅”的规定和审批流程，列出了需要准备的材料清单。"),
            ),
            5 => (
                PROPAGANDIST,
                format!("{he}问老党员生活补贴的标准今年有没有调整，什么时候发放。"),
                "希望按时发放老党员生活补贴。",
                format!("向{he}解释了今年的补贴标准，答应回去核实发放时间后告诉{he}。"),
            ),
            _ => (
                PROPAGANDIST,
                format!("{he}家孙子明年要上初中，{he}问寄宿生生活补助怎么申请。"),
                "希望学校和村里提前告知申请材料。",
                format!("向{he}讲解了义务教育寄宿生生活补助政策，答应联系中心学校确认申请时间。"),
            ),
        }
    }

    fn infrastructure(&mut self) -> (&'static str, String, &'static str, String) {
        let rng = &mut *self.rng;
        let spot = format!("{}{}", rng.pick(PLACE_FIRST), rng.pick(PLACE_LAST));
        match rng.below(8) {
            0 => (
                SERVANT,
                format!(
                    "组里通往{spot}的{}公里机耕道坑坑洼洼，一下雨就泥泞难走，农用车开不进去。",
                    rng.pick(&["一", "一点五", "两", "三"])
                ),
                "希望把这段路列入通组公路硬化计划。",
                format!("当场和组长一起到{spot}察看了路况并拍照记录，回村后向村支两委汇报。"),
            ),
            1 => (
                *rng.pick(&[SERVANT, TECHNICIAN]),
                format!("组里{spot}的山塘堤坝渗水严重，多年没有清淤，下游{}亩田的灌溉受到影响。", rng.between(20, 150)),
                "希望镇水利站派人看看，争取冬修水利时清淤加固。",
                "现场察看了山塘堤坝的渗漏情况，答应列入村里今冬明春的水利建设计划。".to_string(),
            ),
            2 => (
                SERVANT,
                format!("组里有{}户人家吃的是井水，天一旱井就见底，要到一里多外去挑水。", rng.between(6, 30)),
                "希望把自来水管网延伸到组里。",
                "记录了用水户数和位置，答应向镇里争取农村饮水安全项目。".to_string(),
            ),
            3 => (
                SERVANT,
                "村道上没有路灯，晚上老人小孩出门很不安全。".to_string(),
                "希望在主要路口安装几盏太阳能路灯。",
                "和村干部一起确定了需要安装路灯的位置，答应纳入村级公益事业一事一议。".to_string(),
            ),
            4 => (
                SERVANT,
                format!("用电高峰时电压不稳，家里的{}经常带不动。", rng.pick(&["空调", "打米机", "抽水机", "冰箱"])),
                "希望供电所检查一下线路，解决电压低的问题。",
                "当场联系了镇供电所，约定本周内派人检测线路和变压器。".to_string(),
            ),
            5 => (
                SERVANT,
                "组里手机信号差，孩子上网课经常掉线，老人打电话也要跑到屋外。".to_string(),
                "希望协调通信公司在附近增设基站。",
                "把情况记录下来，答应通过镇里向通信公司反映。".to_string(),
            ),
            6 => (
                SERVANT,
                "组里的垃圾收集点清运不及时，天一热就有异味。".to_string(),
                "希望增加垃圾清运的次数。",
                "当场联系了保洁员，要求每两天清运一次，并安排村干部督查。".to_string(),
            ),
            _ => (
                SERVANT,
                format!("组前面{spot}的小桥桥面破损，护栏也掉了，学生上学要从桥上过，很危险。"),
                "希望尽快维修小桥，加装护栏。",
                "在桥头设置了临时警示标志，答应向镇交通站申报危桥改造。".to_string(),
            ),
        }
    }

    fn health_and_school(&mut self) -> (&'static str, String, &'static str, String) {
        let he = self.he;
        let relative = self.relative();
        let rng = &mut *self.rng;
        match rng.below(6) {
            0 => (
                SERVANT,
                format!("{he}家{relative}患有{}，每个月都要吃药，{he}问门诊慢特病怎么办理报销。", rng.pick(DISEASES)),
                "希望帮忙办理慢特病门诊的认定手续。",
                "讲解了慢特病认定需要的材料，答应联系镇卫生院帮助办理。".to_string(),
            ),
            1 => (
                SERVANT,
                format!(
                    "{he}家{relative}有{}，一直没有办理残疾证，享受不到相关补贴。",
                    rng.pick(&["听力残疾", "肢体残疾", "视力残疾", "智力残疾"])
                ),
                "希望帮忙联系残联办理残疾评定。",
                "帮助预约了县残联的评残时间，并安排村干部陪同前往。".to_string(),
            ),
            2 => (
                SERVANT,
                format!("{he}家孙子孙女都是留守儿童，在村小读书，爷爷奶奶辅导不了功课，孩子的作业常常完不成。"),
                "希望学校和村里多关心留守儿童的学习。",
                "联系了村小的老师，把孩子纳入“留守儿童之家”的课后辅导。".to_string(),
            ),
            3 => (
                PROPAGANDIST,
                format!(
                    "{he}家{}今年考上了大学，一年学费加生活费要{}元左右。",
                    rng.pick(&["女儿", "儿子", "孙女", "孙子"]),
                    rng.between(12, 25) * 1000
                ),
                "希望帮忙办理生源地信用助学贷款。",
                format!("向{he}讲解了生源地信用助学贷款和雨露计划的申请办法，并帮{he}准备了材料。"),
            ),
            4 => (
                SERVANT,
                format!("{he}说自己年纪大了，常常头晕，到镇卫生院看病来回不方便。"),
                "希望家庭医生能定期上门看看。",
                "联系了签约的家庭医生，约定每月上门随访一次，量血压、送药。".to_string(),
            ),
            _ => (
                PROPAGANDIST,
                format!("{he}家{relative}前段时间住院做了手术，{he}问大病保险的二次报销要准备什么材料。"),
                "希望帮忙把大病保险报销办下来。",
                format!("帮{he}整理了住院发票和出院小结，答应送到县医保局办理。"),
            ),
        }
    }

    fn other(&mut self) -> (&'static str, String, &'static str, String) {
        let he = self.he;
        let rng = &mut *self.rng;
        let crop = rng.pick(CROPS);
        match rng.below(6) {
            0 => (
                NAVIGATOR,
                format!("{he}想扩大{crop}种植规模，准备再流转{}亩地，但缺少启动资金。", rng.between(10, 80)),
                "希望帮忙协调小额贷款。",
                format!("向{he}介绍了脱贫人口小额信贷和创业担保贷款政策，约好带{he}到信用社咨询。"),
            ),
            1 => (
                NAVIGATOR,
                format!(
                    "{he}对村里的产业发展很关心，建议把闲置的{}亩荒地统一流转出来发展{crop}。",
                    rng.between(20, 200)
                ),
                "希望村支两委研究一下这个建议。",
                format!("把{he}的建议记录下来，答应提交下次村民代表会议讨论。"),
            ),
            2 => (
                PROPAGANDIST,
                format!("{he}反映，组里有人往河沟里乱倒建筑垃圾，影响排水。"),
                "希望村里加强人居环境整治，制止乱倒乱扔。",
                "和组长一起察看了现场，通知倒垃圾的农户限期清理。".to_string(),
            ),
            3 => (
                NAVIGATOR,
                format!("{he}家儿子今年{}岁，在家没有固定工作，想学一门技术。", rng.between(19, 35)),
                "希望能参加镇里组织的职业技能培训。",
                format!("帮{he}儿子报名参加了下一期的{}培训班。", rng.pick(&["电工", "挖掘机", "家政", "电商"])),
            ),
            4 => (
                PROPAGANDIST,
                format!("{he}说前几天接到一个自称医保局的电话，让{he}转账，差点上当。"),
                "希望多宣传防诈骗知识。",
                format!("向{he}讲解了常见的电信诈骗手段，并帮{he}在手机上安装了国家反诈中心APP。"),
            ),
            _ => (
                SERVANT,
                format!("{he}说组里的老人晚上没什么活动，村里的文化广场也没有健身器材。"),
                "希望添置一些健身器材，组织广场舞等文体活动。",
                "答应向镇文化站申请一批健身器材，并请村妇女主任组织文体活动。".to_string(),
            ),
        }
    }
}

/// 三, 十二: how group numbers (up to 18 in a village) are written in prose.
fn chinese_number(n: usize) -> String {
    match n {
        1..=10 => CHINESE_NUMBERS[n - 1].to_string(),
        11..=19 => format!("十{}", CHINESE_NUMBERS[n - 11]),
        _ => n.to_string(),
    }
}
