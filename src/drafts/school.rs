//! The school's own details remembered on this device, at the person's choice, so their next
//! application starts with them filled in. Only the answers under `/setting` (the school, its
//! SENCo and headteacher) are kept, never anything about a child, and only where drafts are
//! kept on this device. They are kept under their own key beside the drafts, encrypted like
//! them (`store.rs`), outlive a sent application, and are deleted (with the key that
//! encrypted them) when the person clears the box.

use serde_json::Value;

use crate::drafts::store::{self, Where};

/// The storage key (one per device and browser profile: a school's details are the same
/// whichever council's form asks for them).
pub const KEY: &str = "sen-support-form:school";

/// Reads what was remembered: the school's details as the form holds them, or `None` if there
/// are none or they cannot be read as the school's details (they are then not used).
pub fn read(text: Option<&str>) -> Option<Value> {
    let value: Value = serde_json::from_str(text?).ok()?;
    let read = sen_core::json::from_value::<sen_core::model::Setting>(&value).ok()?;
    let empty = read == sen_core::model::Setting::default();
    (!empty && value.is_object()).then_some(value)
}

/// Keeps the school's details from `doc` on this device (or deletes them if there are none).
pub fn remember(place: Where, doc: &Value) -> store::Pending {
    match doc.get("setting") {
        Some(setting @ Value::Object(o)) if !o.is_empty() => {
            store::save(place, KEY, &setting.to_string())
        }
        _ => store::remove(place, KEY),
    }
}

/// Deletes the remembered details.
pub fn forget(place: Where) -> store::Pending {
    store::remove(place, KEY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_school_is_read() {
        let school = r#"{"name":"Norton Primary","senco":{"name":"Jo Patel"}}"#;
        assert!(read(Some(school)).is_some());
        assert_eq!(
            read(Some(r#"{"legalForename":"Alex"}"#)),
            None,
            "not a school's details"
        );
        assert_eq!(read(Some("{}")), None);
        assert_eq!(read(Some("not json")), None);
        assert_eq!(read(None), None);
    }
}
