//! 公信度调查 (seed 001): a village 两委 team and its members (kind `survey`) rated by 基层干部,
//! 党代表, 人大代表, 政协委员 and 群众; each respondent's answers (kind `survey_sheet`, one record
//! each, naming the group only) are 满意, 基本满意, 不满意 or 不了解 per question and person. Rates
//! per group and overall; the team or a person below the scheme's bar is flagged for 甄别.
//!
//! 不了解 is counted but left out of the rates' base: a respondent who does not know a cadre has
//! not judged them.

use super::explain::{permille_text, sorted_ids, SchemeRef};
use super::scheme::{Family, Scheme, SCHEME_FIELD};
use crate::date::{iso, parse_iso};
use crate::kinds::{KindInfo, Reference};
use crate::person::permille;
use crate::record::{kind, Record, RecordId};
use crate::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub const ORG: &str = "org";
pub const YEAR: &str = "year";
/// `target:<cadre id>` → true: the person is surveyed (the team always is).
pub const TARGET_PREFIX: &str = "target:";
pub const SURVEY: &str = "survey";
pub const GROUP: &str = "group";
pub const DATE: &str = "date";
/// `answer:<target>:<question id>` → an `Answer` label; the target is `team` or a cadre id.
pub const ANSWER_PREFIX: &str = "answer:";
/// The target that names the whole 两委 team.
pub const TEAM: &str = "team";

pub const KIND: KindInfo = KindInfo {
    name: kind::SURVEY,
    label: "公信度调查",
    references: &[Reference::to(ORG, kind::ORG).required(), Reference::to(SCHEME_FIELD, kind::SCHEME)],
    other_links: Some(target_links),
    rank: 3,
    read_at_start: false,
};

pub const SHEET_KIND: KindInfo = KindInfo {
    name: kind::SURVEY_SHEET,
    label: "公信度调查表",
    references: &[Reference::to(SURVEY, kind::SURVEY).required()],
    other_links: None,
    rank: 4,
    read_at_start: false,
};

/// The cadres a survey names: by its field keys.
fn target_links(r: &Record, visit: &mut dyn FnMut(&str)) {
    for key in r.fields.keys() {
        if let Some(id) = key.strip_prefix(TARGET_PREFIX) {
            visit(id);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Answer {
    Satisfied,
    Basic,
    Dissatisfied,
    Unknown,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Satisfied, Answer::Basic, Answer::Dissatisfied, Answer::Unknown];

    pub fn label(self) -> &'static str {
        match self {
            Answer::Satisfied => "满意",
            Answer::Basic => "基本满意",
            Answer::Dissatisfied => "不满意",
            Answer::Unknown => "不了解",
        }
    }

    pub fn from_label(text: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.label() == text)
    }
}

/// Who an answer is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Team,
    Cadre(RecordId),
}

impl Target {
    /// The target as records name it: `team`, or the cadre's id.
    pub fn key(&self) -> &str {
        match self {
            Target::Team => TEAM,
            Target::Cadre(id) => id.as_str(),
        }
    }

    fn parse(text: &str) -> Option<Target> {
        if text == TEAM {
            Some(Target::Team)
        } else {
            RecordId::parse(text).map(Target::Cadre)
        }
    }
}

pub fn answer_key(target: &Target, question: &str) -> String {
    format!("{ANSWER_PREFIX}{}:{question}", target.key())
}

#[derive(Clone, Debug, PartialEq)]
pub struct Survey {
    pub id: RecordId,
    pub org: Option<RecordId>,
    pub year: i32,
    pub scheme: Option<RecordId>,
    /// The team first, then the cadres in id order.
    pub targets: Vec<Target>,
}

impl Survey {
    pub fn from_record(r: &Record) -> Survey {
        let mut targets = vec![Target::Team];
        for (id, value) in r.prefixed(TARGET_PREFIX) {
            if let (Some(id), Some(true)) = (RecordId::parse(id), value.as_bool()) {
                targets.push(Target::Cadre(id));
            }
        }
        Survey {
            id: r.id.clone(),
            org: r.text(ORG).and_then(RecordId::parse),
            year: r.value(YEAR).and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok()).unwrap_or(0),
            scheme: r.text(SCHEME_FIELD).and_then(RecordId::parse),
            targets,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SurveySheet {
    pub id: RecordId,
    pub survey: Option<RecordId>,
    pub group: String,
    pub date: Option<NaiveDate>,
    pub answers: Vec<(Target, String, Answer)>,
}

impl SurveySheet {
    pub fn from_record(r: &Record) -> SurveySheet {
        let mut answers = Vec::new();
        for (rest, value) in r.prefixed(ANSWER_PREFIX) {
            let Some((target, question)) = rest.split_once(':') else { continue };
            if let (Some(t), Some(a)) = (Target::parse(target), value.as_str().and_then(Answer::from_label)) {
                answers.push((t, question.to_string(), a));
            }
        }
        SurveySheet {
            id: r.id.clone(),
            survey: r.text(SURVEY).and_then(RecordId::parse),
            group: r.text(GROUP).unwrap_or_default().to_string(),
            date: r.text(DATE).and_then(parse_iso),
            answers,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SurveyProblem {
    OrgMissing,
    WrongScheme,
    GroupUnknown,
    NoAnswers,
    /// A person not among the survey's targets.
    TargetUnknown,
    QuestionUnknown(String),
}

impl SurveyProblem {
    pub fn field(&self) -> &'static str {
        match self {
            SurveyProblem::OrgMissing => ORG,
            SurveyProblem::WrongScheme => SCHEME_FIELD,
            SurveyProblem::GroupUnknown => GROUP,
            _ => "answers",
        }
    }

    pub fn message(&self) -> String {
        match self {
            SurveyProblem::OrgMissing => "请选择接受调查的村党组织。".into(),
            SurveyProblem::WrongScheme => "所选细则不是公信度调查。".into(),
            SurveyProblem::GroupUnknown => {
                "请选择调查对象的类别（基层干部、党代表、人大代表、政协委员或群众）。".into()
            }
            SurveyProblem::NoAnswers => "这张调查表没有作答。".into(),
            SurveyProblem::TargetUnknown => "被评价的人不在本次调查的名单中。".into(),
            SurveyProblem::QuestionUnknown(q) => format!("调查表中没有「{q}」这一项。"),
        }
    }
}

/// A survey of a village's team and the listed cadres under a 公信度 scheme.
pub fn create_survey(
    org: Option<&RecordId>,
    scheme: &Scheme,
    cadres: &[RecordId],
    id: RecordId,
) -> Result<Edit, Vec<SurveyProblem>> {
    let org = org.ok_or_else(|| vec![SurveyProblem::OrgMissing])?;
    if scheme.family != Some(Family::Credibility) {
        return Err(vec![SurveyProblem::WrongScheme]);
    }
    let mut fields = vec![
        (ORG.to_string(), json!(org.as_str())),
        (YEAR.to_string(), json!(scheme.year)),
        (SCHEME_FIELD.to_string(), json!(scheme.id.as_str())),
    ];
    fields.extend(sorted_ids(cadres.to_vec()).into_iter().map(|c| (format!("{TARGET_PREFIX}{c}"), json!(true))));
    Ok(Edit::Create { id, kind: kind::SURVEY.to_string(), fields })
}

/// One respondent's answers; nothing names the respondent.
pub fn create_sheet(
    survey: &Survey,
    scheme: &Scheme,
    group: &str,
    answers: &[(Target, String, Answer)],
    date: NaiveDate,
    id: RecordId,
) -> Result<Edit, Vec<SurveyProblem>> {
    let mut out = Vec::new();
    if !scheme.params.groups.iter().any(|g| g.id == group) {
        out.push(SurveyProblem::GroupUnknown);
    }
    if answers.is_empty() {
        out.push(SurveyProblem::NoAnswers);
    }
    for (t, q, _) in answers {
        if !survey.targets.contains(t) && !out.contains(&SurveyProblem::TargetUnknown) {
            out.push(SurveyProblem::TargetUnknown);
        }
        if scheme.item(q).is_none() {
            out.push(SurveyProblem::QuestionUnknown(q.clone()));
        }
    }
    if !out.is_empty() {
        return Err(out);
    }
    let mut fields = vec![
        (SURVEY.to_string(), json!(survey.id.as_str())),
        (GROUP.to_string(), json!(group)),
        (DATE.to_string(), json!(iso(date))),
    ];
    fields.extend(answers.iter().map(|(t, q, a)| (answer_key(t, q), json!(a.label()))));
    Ok(Edit::Create { id, kind: kind::SURVEY_SHEET.to_string(), fields })
}

/// Counts of answers and the rates they give.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rates {
    /// In `Answer::ALL` order.
    pub counts: [u32; 4],
}

impl Rates {
    fn judged(&self) -> usize {
        (self.counts[0] + self.counts[1] + self.counts[2]) as usize
    }

    /// 满意 + 基本满意 of those who judged, in ‰.
    pub fn satisfied(&self) -> Option<u32> {
        permille((self.counts[0] + self.counts[1]) as usize, self.judged())
    }

    /// 不满意 of those who judged, in ‰.
    pub fn dissatisfied(&self) -> Option<u32> {
        permille(self.counts[2] as usize, self.judged())
    }

    fn add(&mut self, o: &Rates) {
        for (a, b) in self.counts.iter_mut().zip(o.counts) {
            *a += b;
        }
    }
}

/// Why a team or person is flagged for 甄别.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    LowSatisfaction { permille: u32, bar: u32 },
    HighDissatisfaction { permille: u32, bar: u32 },
}

impl Flag {
    pub fn message(&self) -> String {
        match self {
            Flag::LowSatisfaction { permille, bar } => {
                format!("满意和基本满意合计{}，低于{}，列入甄别。", permille_text(*permille), permille_text(*bar))
            }
            Flag::HighDissatisfaction { permille, bar } => {
                format!("不满意{}，超过{}，列入甄别。", permille_text(*permille), permille_text(*bar))
            }
        }
    }
}

/// The scheme's bar applied to overall rates: the first reason found.
pub fn flag(rates: &Rates, scheme: &Scheme) -> Option<Flag> {
    let p = &scheme.params;
    if let Some(s) = rates.satisfied().filter(|s| *s < p.min_satisfied_permille) {
        return Some(Flag::LowSatisfaction { permille: s, bar: p.min_satisfied_permille });
    }
    rates
        .dissatisfied()
        .filter(|d| *d > p.max_dissatisfied_permille)
        .map(|d| Flag::HighDissatisfaction { permille: d, bar: p.max_dissatisfied_permille })
}

/// One target's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetResult {
    pub target: Target,
    /// In the scheme's group order.
    pub by_group: Vec<(String, Rates)>,
    pub overall: Rates,
    pub flag: Option<Flag>,
    /// The sheets that answered about the target.
    pub sheets: Vec<RecordId>,
    pub scheme: SchemeRef,
}

/// Every target's rates (the team first), each sheet counted once.
pub fn results(survey: &Survey, scheme: &Scheme, sheets: &[SurveySheet]) -> Vec<TargetResult> {
    let mut seen = crate::hash::IdSet::default();
    let mine: Vec<&SurveySheet> =
        sheets.iter().filter(|s| s.survey.as_ref() == Some(&survey.id) && seen.insert(s.id.clone())).collect();
    survey
        .targets
        .iter()
        .map(|t| {
            let mut by_group: Vec<(String, Rates)> =
                scheme.params.groups.iter().map(|g| (g.id.clone(), Rates::default())).collect();
            let mut overall = Rates::default();
            let mut ids = Vec::new();
            for s in &mine {
                let mut one = Rates::default();
                for (_, _, a) in s.answers.iter().filter(|(x, q, _)| x == t && scheme.item(q).is_some()) {
                    one.counts[*a as usize] += 1;
                }
                if one == Rates::default() {
                    continue;
                }
                ids.push(s.id.clone());
                overall.add(&one);
                if let Some((_, r)) = by_group.iter_mut().find(|(g, _)| *g == s.group) {
                    r.add(&one);
                }
            }
            TargetResult {
                target: t.clone(),
                by_group,
                overall,
                flag: flag(&overall, scheme),
                sheets: sorted_ids(ids),
                scheme: scheme.reference(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::scheme::{create_scheme, template};
    use super::*;
    use crate::test_support::{day, rid};

    fn scheme() -> Scheme {
        let Edit::Create { id, kind: k, fields } =
            create_scheme(&template(Family::Credibility, 2026), rid(90)).unwrap()
        else {
            panic!()
        };
        Scheme::from_record(&Record::unstamped(&id, &k, &fields))
    }

    fn survey() -> Survey {
        let Edit::Create { id, kind: k, fields } =
            create_survey(Some(&rid(2)), &scheme(), &[rid(31), rid(30)], rid(10)).unwrap()
        else {
            panic!()
        };
        Survey::from_record(&Record::unstamped(&id, &k, &fields))
    }

    fn sheet(n: u8, group: &str, team: Answer, cadre: Answer) -> SurveySheet {
        let Edit::Create { id, kind: k, fields } = create_sheet(
            &survey(),
            &scheme(),
            group,
            &[(Target::Team, "overall".into(), team), (Target::Cadre(rid(30)), "overall".into(), cadre)],
            day("2026-11-01"),
            rid(n),
        )
        .unwrap() else {
            panic!()
        };
        SurveySheet::from_record(&Record::unstamped(&id, &k, &fields))
    }

    #[test]
    fn rates_per_group_and_overall_with_the_bar() {
        use Answer::*;
        let s = survey();
        assert_eq!(s.targets, vec![Target::Team, Target::Cadre(rid(30)), Target::Cadre(rid(31))]);
        // Team: 3 满意, 2 基本满意, 4 不满意, 1 不了解 → 5 of 9 judged = 55.6% < 60%.
        let answers = [
            (Satisfied, Dissatisfied),
            (Satisfied, Dissatisfied),
            (Satisfied, Dissatisfied),
            (Basic, Dissatisfied),
            (Basic, Dissatisfied),
            (Dissatisfied, Satisfied),
            (Dissatisfied, Satisfied),
            (Dissatisfied, Satisfied),
            (Dissatisfied, Satisfied),
            (Unknown, Unknown),
        ];
        let groups = [
            "people",
            "people",
            "cadres",
            "npc_deputies",
            "people",
            "people",
            "party_deputies",
            "cppcc",
            "people",
            "people",
        ];
        let sheets: Vec<SurveySheet> =
            answers.iter().zip(groups).enumerate().map(|(i, ((t, c), g))| sheet(40 + i as u8, g, *t, *c)).collect();
        let r = results(&s, &scheme(), &sheets);
        let team = &r[0];
        assert_eq!(team.overall.counts, [3, 2, 4, 1]);
        assert_eq!(team.overall.satisfied(), Some(556));
        assert_eq!(team.flag.unwrap().message(), "满意和基本满意合计55.6%，低于60.0%，列入甄别。");
        let people = team.by_group.iter().find(|(g, _)| g == "people").unwrap().1;
        assert_eq!(people.counts, [2, 1, 2, 1]);
        assert_eq!(team.sheets.len(), 10);
        // The cadre: 4 满意 of 9 judged, 5 不满意 = 55.6% > 50% (and 44.4% < 60%: the first reason).
        let cadre = &r[1];
        assert_eq!(cadre.flag, Some(Flag::LowSatisfaction { permille: 444, bar: 600 }));
        let mut lenient = scheme();
        lenient.params.min_satisfied_permille = 400;
        assert_eq!(flag(&cadre.overall, &lenient).unwrap().message(), "不满意55.6%，超过50.0%，列入甄别。");
        // Nobody asked about the third: no rates, no flag.
        assert_eq!((r[2].overall.satisfied(), r[2].flag), (None, None));
        // A sheet read twice counts once.
        let mut twice = sheets.clone();
        twice.push(sheets[0].clone());
        assert_eq!(results(&s, &scheme(), &twice), r);
    }

    #[test]
    fn sheets_are_checked() {
        let (s, sc) = (survey(), scheme());
        let bad = create_sheet(
            &s,
            &sc,
            "tourists",
            &[(Target::Cadre(rid(99)), "x".into(), Answer::Basic)],
            day("2026-11-01"),
            rid(50),
        );
        let m: Vec<String> = bad.unwrap_err().iter().map(SurveyProblem::message).collect();
        assert_eq!(
            m,
            [
                "请选择调查对象的类别（基层干部、党代表、人大代表、政协委员或群众）。",
                "被评价的人不在本次调查的名单中。",
                "调查表中没有「x」这一项。"
            ]
        );
        assert_eq!(
            create_sheet(&s, &sc, "people", &[], day("2026-11-01"), rid(50)).unwrap_err(),
            vec![SurveyProblem::NoAnswers]
        );
    }
}
