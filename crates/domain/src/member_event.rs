//! A member's history (党员档案): dated events such as 转入, 转出, 处分 or 奖励. Each is its own
//! record (kind `member_event`), so events written at two stations both survive a merge. An
//! event that changes where the member stands (转出, 出党, 去世, 开除党籍, 失联, 流动) also
//! updates the member record in the same save, so lists and statistics need not replay history.

use super::date::{iso, parse_iso, parse_user_date};
use super::kinds::{KindInfo, Reference};
use super::member::{self as m, Member};
use super::record::{kind, Record, RecordId};
use super::replica::Edit;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub const MEMBER: &str = "member";
pub const TYPE: &str = "type";
pub const DATE: &str = "date";
/// 处分's level, 转入's origin, 转出's and 流动's destination.
pub const DETAIL: &str = "detail";
pub const NOTE: &str = "note";

pub const KIND: KindInfo = KindInfo {
    name: kind::MEMBER_EVENT,
    label: "党员事项",
    references: &[Reference::to(MEMBER, kind::MEMBER).required()],
    other_links: None,
    rank: 3,
    // The member pages show a member's history without waiting.
    read_at_start: true,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    TransferIn,
    TransferOut,
    LeftParty,
    Died,
    Discipline,
    Award,
    Lost,
    Flowing,
    Hardship,
}

impl EventType {
    pub const ALL: [EventType; 9] = [
        EventType::TransferIn,
        EventType::TransferOut,
        EventType::LeftParty,
        EventType::Died,
        EventType::Discipline,
        EventType::Award,
        EventType::Lost,
        EventType::Flowing,
        EventType::Hardship,
    ];

    /// Stored in records; the Chinese name, which is also what the office calls it.
    pub fn label(self) -> &'static str {
        match self {
            EventType::TransferIn => "转入",
            EventType::TransferOut => "转出",
            EventType::LeftParty => "出党",
            EventType::Died => "去世",
            EventType::Discipline => "处分",
            EventType::Award => "奖励",
            EventType::Lost => "失联",
            EventType::Flowing => "流动",
            EventType::Hardship => "困难党员",
        }
    }

    pub fn from_label(text: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.label() == text)
    }

    /// What the detail field means for this type, if it has one.
    pub fn needs_detail(self) -> bool {
        matches!(self, EventType::Discipline | EventType::Flowing | EventType::TransferOut)
    }
}

/// 处分 levels, mildest first (党纪处分 of the party's disciplinary regulations).
pub const DISCIPLINE_LEVELS: [&str; 5] = ["警告", "严重警告", "撤销党内职务", "留党察看", "开除党籍"];
pub const EXPELLED: &str = "开除党籍";

#[derive(Clone, Debug, PartialEq)]
pub struct MemberEvent {
    pub id: RecordId,
    pub member: Option<RecordId>,
    pub event_type: Option<EventType>,
    pub date: Option<NaiveDate>,
    pub detail: String,
    pub note: String,
}

impl MemberEvent {
    pub fn from_record(r: &Record) -> MemberEvent {
        MemberEvent {
            id: r.id.clone(),
            member: r.text(MEMBER).and_then(RecordId::parse),
            event_type: r.text(TYPE).and_then(EventType::from_label),
            date: r.text(DATE).and_then(parse_iso),
            detail: r.text(DETAIL).unwrap_or_default().to_string(),
            note: r.text(NOTE).unwrap_or_default().to_string(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventDraft {
    pub event_type: Option<EventType>,
    pub date: String,
    pub detail: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventError {
    TypeMissing,
    DateMissing,
    DateInvalid,
    DateInFuture,
    DateBeforeBirth,
    DetailMissing,
    /// The member has already left (转出, 去世…); only 转入 brings them back.
    AlreadyLeft,
}

/// The edits that record an event for `member`: the event itself and, when the event changes
/// where the member stands, the member's update.
pub fn record_event(
    draft: &EventDraft,
    member: &Member,
    id: RecordId,
    today: NaiveDate,
) -> Result<Vec<Edit>, EventError> {
    use EventType::*;
    let event_type = draft.event_type.ok_or(EventError::TypeMissing)?;
    let date = match parse_user_date(&draft.date) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(EventError::DateMissing),
        Err(_) => return Err(EventError::DateInvalid),
    };
    if date > today {
        return Err(EventError::DateInFuture);
    }
    if member.birth_date.is_some_and(|b| date < b) {
        return Err(EventError::DateBeforeBirth);
    }
    let detail = draft.detail.trim();
    if event_type.needs_detail() && detail.is_empty() {
        return Err(EventError::DetailMissing);
    }
    if event_type == Discipline && !DISCIPLINE_LEVELS.contains(&detail) {
        return Err(EventError::DetailMissing);
    }
    if !member.is_current() && event_type != TransferIn {
        return Err(EventError::AlreadyLeft);
    }
    let day = json!(iso(date));
    let member_fields: Vec<(String, Value)> = match event_type {
        TransferIn if !member.is_current() => vec![(m::LEFT.into(), Value::Null), (m::LEFT_DATE.into(), Value::Null)],
        TransferOut | LeftParty | Died => {
            vec![(m::LEFT.into(), json!(event_type.label())), (m::LEFT_DATE.into(), day.clone())]
        }
        Discipline if detail == EXPELLED => vec![(m::LEFT.into(), json!(EXPELLED)), (m::LEFT_DATE.into(), day.clone())],
        Lost => vec![(m::LOST.into(), json!(true)), (m::LOST_DATE.into(), day.clone())],
        Flowing => vec![(m::FLOWING.into(), json!(true)), (m::FLOWING_TO.into(), json!(detail))],
        _ => vec![],
    };
    let mut fields = vec![
        (MEMBER.to_string(), json!(member.id.as_str())),
        (TYPE.to_string(), json!(event_type.label())),
        (DATE.to_string(), day),
    ];
    if !detail.is_empty() {
        fields.push((DETAIL.to_string(), json!(detail)));
    }
    if !draft.note.trim().is_empty() {
        fields.push((NOTE.to_string(), json!(draft.note.trim())));
    }
    let mut edits = vec![Edit::Create { id, kind: kind::MEMBER_EVENT.to_string(), fields }];
    if !member_fields.is_empty() {
        edits.push(Edit::Update { id: member.id.clone(), fields: member_fields });
    }
    Ok(edits)
}

/// A member's events, oldest first.
pub fn history_of<'a>(records: impl Iterator<Item = &'a Record>, member: &RecordId) -> Vec<MemberEvent> {
    let mut out: Vec<MemberEvent> = records
        .filter(|r| r.kind == kind::MEMBER_EVENT && !r.is_deleted())
        .map(MemberEvent::from_record)
        .filter(|e| e.member.as_ref() == Some(member))
        .collect();
    crate::sort::sort_by(&mut out, |a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Hlc;
    use crate::station::StationId;
    use crate::test_support::day;

    fn member() -> Member {
        let station = StationId::from_random([1; 8]);
        let mut r = Record::new(RecordId::from_random([1; 16]), kind::MEMBER, station);
        r.set(m::NAME, json!("张三"), Hlc::new(1, 0), &station);
        r.set(m::BIRTH_DATE, json!("1980-05-06"), Hlc::new(1, 1), &station);
        Member::from_record(&r)
    }

    fn draft(t: EventType, date: &str, detail: &str) -> EventDraft {
        EventDraft { event_type: Some(t), date: date.into(), detail: detail.into(), note: String::new() }
    }

    fn today() -> NaiveDate {
        day("2026-11-24")
    }

    #[test]
    fn leaving_events_take_the_member_off_the_roster() {
        for (t, detail, left) in [
            (EventType::TransferOut, "长沙市岳麓区", "转出"),
            (EventType::Died, "", "去世"),
            (EventType::Discipline, "开除党籍", "开除党籍"),
        ] {
            let edits =
                record_event(&draft(t, "2026-03-01", detail), &member(), RecordId::from_random([2; 16]), today())
                    .unwrap();
            assert_eq!(edits.len(), 2);
            let Edit::Update { fields, .. } = &edits[1] else { panic!() };
            assert_eq!(fields[0], (m::LEFT.to_string(), json!(left)));
        }
    }

    #[test]
    fn an_award_or_a_warning_changes_nothing_else() {
        for (t, detail) in [(EventType::Award, ""), (EventType::Discipline, "警告")] {
            let edits =
                record_event(&draft(t, "2026-03-01", detail), &member(), RecordId::from_random([2; 16]), today())
                    .unwrap();
            assert_eq!(edits.len(), 1);
        }
    }

    #[test]
    fn bad_events_are_refused() {
        let id = RecordId::from_random([2; 16]);
        let check = |d: EventDraft, mbr: &Member| record_event(&d, mbr, id.clone(), today()).unwrap_err();
        let mbr = member();
        assert_eq!(check(EventDraft::default(), &mbr), EventError::TypeMissing);
        assert_eq!(check(draft(EventType::Award, "", ""), &mbr), EventError::DateMissing);
        assert_eq!(check(draft(EventType::Award, "2026-13-01", ""), &mbr), EventError::DateInvalid);
        assert_eq!(check(draft(EventType::Award, "2027-01-01", ""), &mbr), EventError::DateInFuture);
        assert_eq!(check(draft(EventType::Award, "1970-01-01", ""), &mbr), EventError::DateBeforeBirth);
        assert_eq!(check(draft(EventType::Discipline, "2026-01-01", "批评"), &mbr), EventError::DetailMissing);
        let gone = Member { left: Some("去世".into()), ..member() };
        assert_eq!(check(draft(EventType::Award, "2026-01-01", ""), &gone), EventError::AlreadyLeft);
        let back =
            record_event(&draft(EventType::TransferIn, "2026-05-01", "长沙"), &gone, id.clone(), today()).unwrap();
        let Edit::Update { fields, .. } = &back[1] else { panic!() };
        assert_eq!(fields[0], (m::LEFT.to_string(), Value::Null));
    }
}
