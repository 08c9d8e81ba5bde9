//! One module per section of the navigation (a section's sub-pages beside it).

pub mod cadre_pools;
pub mod cadres;
pub mod candidate_form;
pub mod candidate_page;
pub mod coming;
pub mod development;
pub mod exchange;
pub mod exchange_conflicts;
pub mod exchange_export;
pub mod exchange_import;
pub mod exchange_log;
pub mod fields;
pub mod import;
pub mod member_form;
pub mod member_page;
pub mod members;
pub mod org_page;
pub mod orgs;
pub mod print;
pub mod settings;
pub mod stats;
pub mod trail;
pub mod trainings;
