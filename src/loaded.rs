//! Pure: what the form does with the values a loaded file held that could not be read (the
//! core's lenient reading, `sen_core::wire::read_leniently`). Each is named as people read the
//! form (the field's label, and which item of a list), and where the form has that question,
//! the file's text is put back in the field with a message, as if typed, so nothing is lost and
//! Continue holds there until it is put right. Tested natively.

use std::collections::{BTreeMap, BTreeSet};

use sen_core::form::{is_computed, LISTS};
use sen_core::rules::field_specs::{is_hidden, label_for_in, spec_for, Kind};
use sen_core::text::Catalogue;
use sen_core::wire::{Unread, UnreadKind};
use sen_core::Profile;

/// One value that could not be read, as the banner lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What it is, in the form's words: "Child's sex", "Relationship to the child (parent or
    /// carer 2)", "An answer this form does not ask for: ‘favouriteColour’".
    pub label: String,
    /// What the file had and why it could not be read, written to follow the label (it starts
    /// with its own ": " or " (").
    pub detail: String,
    /// The field to move to (a JSON Pointer in the form as loaded), where there is one.
    pub target: Option<String>,
}

/// Text put back in fields: pointer → (text, message), as `Form::unread` holds typed text.
pub type InFields = BTreeMap<String, (String, String)>;

/// The fields the form shows a question for, which a person can answer again: drawn as a
/// field, not computed, not hidden by the profile.
fn asked(pointer: &str, profile: &Profile) -> Option<Kind> {
    let spec = spec_for(pointer)?;
    (crate::route::has_field(spec.pattern)
        && !is_computed(spec.pattern)
        && !is_hidden(spec.pattern, profile))
    .then_some(spec.kind)
}

/// The list item a pointer is in, as people count it: ("parent or carer", 2).
fn item_of(pointer: &str) -> Option<(&'static sen_core::form::ListDef, usize)> {
    // The innermost list: the longest list pointer the pointer starts with.
    let mut found: Option<(usize, &'static sen_core::form::ListDef, usize)> = None;
    for l in LISTS {
        let index = pointer
            .strip_prefix(l.pointer)
            .and_then(|r| r.strip_prefix('/'))
            .and_then(|r| r.split('/').next())
            .and_then(|n| n.parse::<usize>().ok());
        if let Some(index) = index {
            if found.is_none_or(|(len, ..)| l.pointer.len() > len) {
                found = Some((l.pointer.len(), l, index.saturating_add(1)));
            }
        }
    }
    found.map(|(_, item, n)| (item, n))
}

/// The last reference token of a pointer, unescaped.
fn last_key(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .next()
        .unwrap_or("")
        .replace("~1", "/")
        .replace("~0", "~")
}

/// The pointer of the enclosing value.
fn parent(pointer: &str) -> &str {
    pointer
        .rfind('/')
        .and_then(|i| pointer.get(..i))
        .unwrap_or("")
}

/// What a place in the document is called on the form, with the list item it is in.
pub fn describe(pointer: &str, profile: &Profile, texts: &Catalogue) -> String {
    let name = |list, n: usize| {
        let id = format!("display.list.{}", crate::route::list_key(list));
        texts.format(&id, &[("n", &n)])
    };
    let label_for = |p: &str, profile: &Profile| label_for_in(p, profile, texts);
    let with_item = |label: String| match item_of(pointer) {
        Some((list, n)) if !is_whole_item(pointer) => texts.format(
            "widget.loaded.in-item",
            &[
                ("label", &label),
                ("item", &sen_core::rules::lower_first(&name(list, n))),
            ],
        ),
        _ => label,
    };
    if pointer.is_empty() {
        return texts.get("widget.loaded.other-parts").to_owned();
    }
    if spec_for(pointer).is_some() {
        return with_item(label_for(pointer, profile));
    }
    if is_whole_item(pointer) {
        if let Some((list, n)) = item_of(pointer) {
            return name(list, n);
        }
    }
    if let Some(list) = LISTS.iter().find(|l| l.pointer == pointer) {
        return profile.label(list.pointer).unwrap_or(list.title).to_owned();
    }
    let up = parent(pointer);
    if !up.is_empty() && spec_for(up).is_some() {
        // One of a field's several values: a code in a list of choices, an outcome's status.
        return with_item(label_for(up, profile));
    }
    if up.is_empty() {
        // A whole part of the document: the section it is answered in.
        return profile.section_title_in(sen_core::sections::section_of(pointer), texts);
    }
    with_item(label_for(pointer, profile))
}

/// Whether a pointer is a whole item of an "add another" list (`/parents/1`).
fn is_whole_item(pointer: &str) -> bool {
    let up = parent(pointer);
    LISTS.iter().any(|l| l.pointer == up) && last_key(pointer).parse::<usize>().is_ok()
}

/// The field a value belongs to in the form as loaded: the field itself, or the field whose
/// values it is one of.
fn field_of(unread: &Unread, profile: &Profile) -> Option<String> {
    if unread.kind != UnreadKind::Value {
        return None;
    }
    let here = unread.kept_pointer.as_str();
    if asked(here, profile).is_some() {
        return Some(here.to_owned());
    }
    let up = parent(here);
    (!up.is_empty() && asked(up, profile).is_some()).then(|| up.to_owned())
}

/// The message a field shows for the file's value it could not read.
fn field_message(kind: Kind, why: &str, texts: &Catalogue) -> String {
    let what_to_do = match kind {
        Kind::Choice | Kind::Choices | Kind::YesNo => texts.get("widget.loaded.select-again"),
        _ => texts.get("widget.loaded.enter-again"),
    };
    texts.format(
        "widget.loaded.field",
        &[("why", &why), ("what_to_do", &what_to_do)],
    )
}

/// The banner's list: each value that could not be read, named, with what the file had.
pub fn items(unread: &[Unread], profile: &Profile, texts: &Catalogue) -> Vec<Item> {
    unread
        .iter()
        .map(|u| match u.kind {
            UnreadKind::Unknown => {
                let key = last_key(&u.pointer);
                let label = match item_of(&u.pointer) {
                    Some((list, n)) => {
                        let id = format!("display.list.{}", crate::route::list_key(list));
                        let item = sen_core::rules::lower_first(&texts.format(&id, &[("n", &n)]));
                        texts.format(
                            "widget.loaded.unknown-in",
                            &[("key", &key), ("item", &item)],
                        )
                    }
                    None => texts.format("widget.loaded.unknown", &[("key", &key)]),
                };
                Item {
                    label,
                    detail: texts.format("widget.loaded.file-had", &[("text", &u.text)]),
                    target: None,
                }
            }
            UnreadKind::Rest => Item {
                label: describe(&u.pointer, profile, texts),
                detail: if u.text.is_empty() {
                    format!(": {}", u.problem.words(texts))
                } else {
                    format!(": {}: {}", u.problem.words(texts), u.text)
                },
                target: None,
            },
            UnreadKind::Value => Item {
                label: describe(&u.pointer, profile, texts),
                detail: texts.format(
                    "widget.loaded.file-had-why",
                    &[("text", &u.text), ("why", &u.problem.words(texts))],
                ),
                target: field_of(u, profile),
            },
        })
        .collect()
}

/// The file's text put back in the fields the form asks, with their messages; and those
/// fields, whose messages show at once.
pub fn in_fields(
    unread: &[Unread],
    profile: &Profile,
    texts: &Catalogue,
) -> (InFields, BTreeSet<String>) {
    let mut fields = InFields::new();
    for u in unread {
        if u.kind != UnreadKind::Value {
            continue;
        }
        let here = u.kept_pointer.as_str();
        if let Some(kind) = asked(here, profile) {
            fields.insert(
                here.to_owned(),
                (
                    u.text.clone(),
                    field_message(kind, &u.problem.words(texts), texts),
                ),
            );
        }
    }
    let touched = fields.keys().cloned().collect();
    (fields, touched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sen_core::text::Message;
    use sen_core::wire::read_leniently;
    use serde_json::json;

    fn profile() -> Profile {
        sen_core::profile::builtin("stockton-one-point").unwrap()
    }

    #[test]
    fn names_fields_items_and_unknown_answers() {
        let p = profile();
        let doc = json!({
            "child": {"favouriteColour": "blue", "attendancePct12m": "ninety", "sex": "X"},
            "parents": [{"id": "p1"}, {"id": "p2", "relationship": "AUNT", "nickname": "Ade"}],
            "requestType": ["TOP_UP_FUNDING", "MONEY"],
            "assessments": [3],
            "provisionMap": {"rows": [{"id": "r1", "annualCostPence": "lots"}]}
        });
        let l = read_leniently(&doc).unwrap();
        let items = items(&l.unread, &p, &Catalogue::english());
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Assessment 1",
                "Attendance over the last 12 months",
                "An answer this form does not ask for: \u{2018}favouriteColour\u{2019}",
                "Child's sex",
                "An answer this form does not ask for: \u{2018}nickname\u{2019} (parent or carer 2)",
                "Relationship to the child (parent or carer 2)",
                "Annual cost (provision 1)",
                "What you are asking for",
            ]
        );
        assert_eq!(
            items[1].detail,
            ": the file had \u{2018}ninety\u{2019} (expected a number, not text)"
        );
        assert_eq!(items[2].detail, " (the file had \u{2018}blue\u{2019})");
        let targets: Vec<Option<&str>> = items.iter().map(|i| i.target.as_deref()).collect();
        assert_eq!(
            targets,
            [
                None,
                Some("/child/attendancePct12m"),
                None,
                Some("/child/sex"),
                None,
                Some("/parents/1/relationship"),
                None,
                Some("/requestType"),
            ]
        );
        // No internal ids or pointers on screen.
        for i in &items {
            assert!(!i.label.contains('/'), "{}", i.label);
        }
    }

    #[test]
    fn the_file_s_text_goes_back_in_the_fields_the_form_asks() {
        let p = profile();
        let doc = json!({
            "assessments": [3, {"measure": 5}],
            "child": {"attendancePct12m": "ninety", "favouriteColour": "blue"},
            "provisionMap": {"rows": [{"annualCostPence": "lots"}]},
            "requestType": ["MONEY"],
            "parents": {"p1": {}},
            "apdrCycles": [{"review": {"outcomeStatus": "MET"}}]
        });
        let l = read_leniently(&doc).unwrap();
        assert_eq!(l.unread.len(), 8);
        let (fields, touched) = in_fields(&l.unread, &p, &Catalogue::english());
        let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        // The second assessment is the first kept; a computed figure, one code of a list of
        // choices, a list and the per-outcome review have no field of their own to hold them.
        assert_eq!(keys, ["/assessments/0/measure", "/child/attendancePct12m"]);
        assert_eq!(
            fields["/child/attendancePct12m"],
            (
                "ninety".to_owned(),
                "This answer from the file could not be read: expected a number, not text. Check it and enter it again".to_owned()
            )
        );
        assert_eq!(fields["/assessments/0/measure"].0, "5");
        assert_eq!(touched.len(), 2);
    }

    #[test]
    fn parts_left_out_past_the_limit_are_named() {
        let p = profile();
        let rest = Unread {
            pointer: "/assessments".into(),
            kept_pointer: "/assessments".into(),
            text: String::new(),
            message: "more than 500 answers in the file could not be read, so the rest of this part was not loaded".into(),
            problem: Message::new("read.rest").data("max", 500),
            kind: UnreadKind::Rest,
        };
        let others = Unread {
            pointer: String::new(),
            kept_pointer: String::new(),
            text: "\u{2018}sen\u{2019}".into(),
            message: "more than 500 answers in the file could not be read, so 1 more part of the file was not loaded".into(),
            problem: Message::new("read.rest-parts.one")
                .data("max", 500)
                .data("n", 1),
            kind: UnreadKind::Rest,
        };
        let items = items(&[rest, others], &p, &Catalogue::english());
        assert_eq!(items[0].label, "Assessments of attainment and progress");
        assert_eq!(items[1].label, "Other parts of the file");
        assert!(items[1].detail.ends_with(": \u{2018}sen\u{2019}"));
        assert!(items.iter().all(|i| i.target.is_none()));
        let (fields, _) = in_fields(&[], &p, &Catalogue::english());
        assert!(fields.is_empty());
    }
}
