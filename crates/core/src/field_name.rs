//! A record's field name, held once for the whole app: a county's 60,000 records at start hold
//! some 970,000 fields, and a name of its own for each (a `String`, 12 bytes and an allocation of
//! 16 in wasm) was 19 MB for a few hundred distinct names.
//!
//! Names are interned for the life of the page (`FieldName::new`): the app's kinds have a few
//! hundred, and a file's unknown fields add theirs (at most what the file itself held).

use crate::hash::FastHash;
use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldName(&'static str);

thread_local! {
    // Looked up for every field of every record read (a county's start: some 970,000).
    static NAMES: RefCell<HashSet<&'static str, FastHash>> = RefCell::new(HashSet::default());
}

impl FieldName {
    pub fn new(name: &str) -> FieldName {
        NAMES.with(|names| {
            let mut names = names.borrow_mut();
            if let Some(held) = names.get(name) {
                return FieldName(held);
            }
            let held: &'static str = Box::leak(name.to_owned().into_boxed_str());
            names.insert(held);
            FieldName(held)
        })
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl std::ops::Deref for FieldName {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl Borrow<str> for FieldName {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl From<&str> for FieldName {
    fn from(name: &str) -> FieldName {
        FieldName::new(name)
    }
}

impl From<String> for FieldName {
    fn from(name: String) -> FieldName {
        FieldName::new(&name)
    }
}

impl PartialEq<str> for FieldName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FieldName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Debug for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for FieldName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_held_once_and_reads_as_its_text() {
        let a = FieldName::new("name");
        let b = FieldName::from(String::from("name"));
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()), "the same name, held once");
        assert_eq!(a, "name");
        assert!(FieldName::new("a") < FieldName::new("b"));
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"name\"");
    }
}
