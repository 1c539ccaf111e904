//! Answers the form fills in from earlier ones, for the person to confirm or change: shown in
//! the field when its page opens, never over an answer already given. Most come from answers
//! asked on an earlier page; one asked on the same page fills the field in as it is typed,
//! until the person changes the field themselves.

use serde_json::Value;

use crate::codes::Ncy;
use crate::date::{ncy_number, Date};
use crate::rules::field_specs::pattern_of;
use crate::Profile;

/// Copied from another answer: (field pattern, pattern of the answer it comes from). A `*` in
/// the source stands for the same item as the field's.
const COPIED: &[(&str, &str)] = &[
    // Most children are called by their first name (asked on the same page: filled in as
    // the first name is typed, until the person changes it).
    ("/child/preferredName", "/child/legalForename"),
    // The declarations are the SENCo's and headteacher's given with the school, dated the day
    // the application was completed.
    ("/declarations/senco/name", "/setting/senco/name"),
    (
        "/declarations/headteacher/name",
        "/setting/headteacher/name",
    ),
    ("/declarations/senco/date", "/dateCompleted"),
    ("/declarations/headteacher/date", "/dateCompleted"),
    // A review's meeting with the parents is usually the review itself.
    (
        "/apdrCycles/*/review/parentMeetingDate",
        "/apdrCycles/*/actualReviewDate",
    ),
    // The application is usually discussed when consent is given.
    ("/consents/*/discussedWithParentDate", "/consents/*/date"),
];

/// Whether the form fills this field in from other answers (for the person to confirm).
pub fn is_prefilled(pattern: &str) -> bool {
    COPIED.iter().any(|(p, _)| *p == pattern)
        || matches!(
            pattern,
            "/child/ncy" | "/parents/*/preferredLanguage" | "/provisionMap/weeksPerYear"
        )
}

/// What the field at `pointer` is filled in with, from the answers in `doc` (the application
/// as JSON) or the council's profile, if the answers it comes from are given.
pub fn prefill(doc: &Value, pointer: &str, profile: &Profile) -> Option<Value> {
    let pattern = pattern_of(pointer);
    if let Some((_, source)) = COPIED.iter().find(|(p, _)| *p == pattern) {
        return doc.pointer(&same_item(source, pointer)).cloned();
    }
    match pattern.as_str() {
        // The year group a child of this age is in, on the day the application was completed
        // (a child taught out of their year group is changed by hand).
        "/child/ncy" => {
            let date = |p: &str| doc.pointer(p).and_then(Value::as_str).and_then(Date::parse);
            let year = ncy_number(date("/child/dob")?, date("/dateCompleted")?);
            Ncy::from_ordinal(year).map(|n| Value::from(n.code()))
        }
        // The council's school year, in delivery weeks.
        "/provisionMap/weeksPerYear" => Some(Value::from(profile.funding.weeks_per_year)),
        // A parent's language is the child's home language, when the child has one.
        "/parents/*/preferredLanguage" => match doc.pointer("/child/homeLanguages")? {
            Value::Array(languages) if languages.len() == 1 => languages.first().cloned(),
            _ => None,
        },
        _ => None,
    }
}

/// `source` with its `*` replaced by the item `pointer` is in (`/consents/2/…` → 2).
fn same_item(source: &str, pointer: &str) -> String {
    let Some((list, _)) = source.split_once("/*") else {
        return source.to_owned();
    };
    let index = pointer
        .strip_prefix(list)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("*");
    source.replacen('*', index, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stockton() -> Profile {
        crate::profile::builtin("stockton-one-point").expect("a built-in profile")
    }

    fn prefill(doc: &Value, pointer: &str) -> Option<Value> {
        super::prefill(doc, pointer, &stockton())
    }

    #[test]
    fn copies_from_the_same_item() {
        let doc = json!({"consents": [{"date": "2025-01-02"}, {"date": "2025-03-04"}]});
        assert_eq!(
            prefill(&doc, "/consents/1/discussedWithParentDate"),
            Some(json!("2025-03-04"))
        );
        assert_eq!(prefill(&doc, "/consents/2/discussedWithParentDate"), None);
    }

    #[test]
    fn year_group_from_date_of_birth() {
        let doc = json!({"dateCompleted": "2025-04-29", "child": {"dob": "2016-05-14"}});
        assert_eq!(prefill(&doc, "/child/ncy"), Some(json!("4")));
        let doc = json!({"dateCompleted": "2025-04-29", "child": {"dob": "2019-12-01"}});
        assert_eq!(prefill(&doc, "/child/ncy"), Some(json!("R")));
        assert_eq!(
            prefill(&json!({"child": {"dob": "2016-05-14"}}), "/child/ncy"),
            None
        );
        let doc = json!({"dateCompleted": "2025-04-29", "child": {"dob": "1990-01-01"}});
        assert_eq!(
            prefill(&doc, "/child/ncy"),
            None,
            "past year 14: not on the list"
        );
    }

    #[test]
    fn language_only_when_the_child_has_one() {
        let one = json!({"child": {"homeLanguages": ["Polish"]}});
        assert_eq!(
            prefill(&one, "/parents/0/preferredLanguage"),
            Some(json!("Polish"))
        );
        let two = json!({"child": {"homeLanguages": ["Polish", "English"]}});
        assert_eq!(prefill(&two, "/parents/0/preferredLanguage"), None);
    }

    #[test]
    fn weeks_from_the_profile() {
        let mut profile = stockton();
        profile.funding.weeks_per_year = 39;
        assert_eq!(
            super::prefill(&json!({}), "/provisionMap/weeksPerYear", &profile),
            Some(json!(39))
        );
    }

    #[test]
    fn every_prefilled_field_is_in_the_field_table() {
        for (p, s) in COPIED {
            assert!(crate::rules::field_specs::spec_for(p).is_some(), "{p}");
            assert!(crate::rules::field_specs::spec_for(s).is_some(), "{s}");
        }
    }
}
