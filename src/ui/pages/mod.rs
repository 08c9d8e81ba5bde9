//! One module per section of the navigation.

pub mod coming;
pub mod orgs;
pub mod settings;
