//! 考核评分 (issue 12), the pure domain layer: schemes as versioned rule sets (`scheme`),
//! 组织生活 (`meeting`), 党员积分 and 评星定级 (`ledger`), 民主评议党员 with its quota and 处置
//! (`review`), cadre appraisal 德能勤绩廉 by 双述双评 (`appraisal`), 公信度调查 (`credibility`),
//! organization rating, 软弱涣散 signs and rectification (`org_rating`), and what every score
//! carries to explain itself (`explain`), results an import changed since a page showed them
//! (`seen`); the branches ranked by their members' points (`branch_points`) and the 公示 of a
//! result (`notice`).
//!
//! Every score is a pure function of records and a scheme version, computed the same at every
//! station whatever order files were imported in; results are never stored, so a changed record
//! changes the score that counts it. Histories two stations may extend (ballots, score sheets,
//! points entries, commitments, survey answers) are one record each.

pub mod appraisal;
pub mod branch_points;
pub mod credibility;
pub mod explain;
pub mod ledger;
pub mod meeting;
pub mod notice;
#[cfg(test)]
mod order_free;
pub mod org_rating;
pub mod review;
pub mod scheme;
pub mod seen;
