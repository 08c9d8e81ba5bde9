//! Making an exchange file: the whole station, or one organization's sub-tree (`scope`).

use super::format::{
    count_kinds, file_name, write_file, Header, ScopeRef, StationRef, APP_VERSION, FORMAT_NAME, FORMAT_VERSION,
};
use super::scope::{select, ScopeError};
use chrono::NaiveDate;
use dangjian_domain::date::iso;
use dangjian_domain::org::Org;
use dangjian_domain::record::{kind, Record, RecordId};
use dangjian_domain::station::StationProfile;

/// What to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Station,
    Org(RecordId),
}

/// A file ready to be offered as a download.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    pub file_name: String,
    /// UTF-8 JSON.
    pub bytes: Vec<u8>,
    pub header: Header,
}

/// Exports from `records` (every record of the station: every kind must be loaded first).
/// `now_ms` is stamped in the header, `today` (the PC's local date) names the file.
pub fn export<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    station: &StationProfile,
    scope: &Scope,
    now_ms: u64,
    today: NaiveDate,
) -> Result<Exported, ScopeError> {
    let all: Vec<&Record> = records.into_iter().collect();
    let (mut chosen, scope_ref) = match scope {
        Scope::Station => (all, ScopeRef::Station),
        Scope::Org(root) => {
            let name = all
                .iter()
                .find(|r| &r.id == root && r.kind == kind::ORG)
                .map(|r| Org::from_record(r).name)
                .ok_or(ScopeError::UnknownOrg)?;
            (select(&all, root)?, ScopeRef::Org { org: root.clone(), name })
        }
    };
    super::format::sort_by_id(&mut chosen);
    let mut header = Header {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        app_version: APP_VERSION.into(),
        station: StationRef::of(station),
        scope: scope_ref,
        created_ms: now_ms,
        created: iso(today),
        counts: count_kinds(chosen.iter().copied()),
        sha256: String::new(),
    };
    let bytes = write_file(&mut header, &chosen);
    Ok(Exported { file_name: file_name(&station.name, &header.scope, today), bytes, header })
}
