//! Where in the journey a person is: the task list, a section, one item of an "add another"
//! list, check your answers, or the confirmation.

use sen_core::form::ListDef;

/// One page of the journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The task list of the profile's sections.
    Tasks,
    /// One section, by id (its first page).
    Section(&'static str),
    /// A later page of a long section (`form::section_parts`).
    SectionPart(&'static str, usize),
    /// One item of a list (an outcome, a provision row, …).
    Item {
        list: &'static ListDef,
        index: usize,
        /// Which of the item's pages (`form::item_parts`): long items are asked over several.
        part: usize,
    },
    /// Check your answers, then send.
    Answers,
    /// Sent: the reference the backend returned.
    Sent(String),
}

/// The page that holds the field at a pointer: the item page of the innermost list item it is
/// in, else its section.
pub fn page_of(pointer: &str) -> Page {
    let pattern = sen_core::rules::field_specs::pattern_of(pointer);
    let item = sen_core::form::LISTS
        .iter()
        .filter(|l| {
            pattern
                .strip_prefix(l.pointer)
                .is_some_and(|r| r.starts_with("/*"))
        })
        .max_by_key(|l| l.pointer.len());
    if let Some(list) = item.filter(|l| l.pointer != crate::attach::LIST) {
        let index = pointer
            .strip_prefix(list.pointer)
            .and_then(|r| r.trim_start_matches('/').split('/').next())
            .and_then(|n| n.parse::<usize>().ok());
        if let Some(index) = index {
            let part = sen_core::form::part_of(&pattern);
            return Page::Item { list, index, part };
        }
    }
    section_page(sen_core::sections::section_of(pointer), &pattern)
}

/// The page of a section that asks the field or list at this pattern.
pub fn section_page(section: &'static str, pattern: &str) -> Page {
    match sen_core::form::section_part_of(pattern) {
        0 => Page::Section(section),
        part => Page::SectionPart(section, part),
    }
}

/// Item fields drawn by their own component (the per-outcome APDR review), not by `Field`,
/// and an attached file's details, which come from the file itself (`files.rs`).
pub fn drawn_elsewhere(pattern: &str) -> bool {
    pattern.starts_with("/apdrCycles/*/review/outcome") || from_the_file(pattern)
}

/// An attached file's details taken from the file, not asked: its name, kind, size and hash
/// (and the backend's reference, and its id).
pub fn from_the_file(pattern: &str) -> bool {
    pattern
        .strip_prefix("/attachments/*/")
        .is_some_and(|f| !matches!(f, "type" | "documentDate"))
}

/// The page of a list's item: its own page, except for an attached file, whose questions are
/// asked beside it in the list of files.
pub fn item_page(list: &'static ListDef, index: usize) -> Page {
    if list.pointer == crate::attach::LIST {
        Page::Section(sen_core::sections::section_of(list.pointer))
    } else {
        Page::Item {
            list,
            index,
            part: 0,
        }
    }
}

/// Whether the form draws a question of its own for a field pattern (on its section's page,
/// or on the item page of its list), which a person can answer again. "Add another" lists,
/// and the warnings' justifications (on check your answers), are not such questions.
pub fn has_field(pattern: &str) -> bool {
    if pattern.contains('*') {
        sen_core::form::list_of(pattern).is_some() && !drawn_elsewhere(pattern)
    } else {
        !sen_core::form::LISTS.iter().any(|l| l.pointer == pattern)
    }
}

/// The section a page belongs to.
pub fn section_of_page(page: &Page) -> Option<&'static str> {
    match page {
        Page::Section(id) | Page::SectionPart(id, _) => Some(id),
        Page::Item { list, .. } => Some(sen_core::sections::section_of(list.pointer)),
        _ => None,
    }
}

/// The catalogue's key for a list's words (`widget.list.{key}.add`): what one item is called,
/// with dashes for spaces (`previous-setting`).
pub fn list_key(list: &ListDef) -> String {
    list.item.replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_pointers() {
        assert_eq!(page_of("/child/dob"), Page::Section("child"));
        assert_eq!(page_of("/child/postcode"), Page::SectionPart("child", 1));
        match page_of("/provisionMap/rows/3/entryData/date") {
            Page::Item { list, index, part } => {
                assert_eq!(list.pointer, "/provisionMap/rows");
                assert_eq!(index, 3);
                assert_eq!(part, 2);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            page_of("/outcomes/0"),
            Page::Item { index: 0, .. }
        ));
        assert_eq!(page_of("/outcomes"), Page::Section("outcomes"));
        // An attached file's questions are in the list of files.
        assert_eq!(page_of("/attachments/2/type"), Page::Section("attachments"));
        assert!(from_the_file("/attachments/*/sha256"));
        assert!(!from_the_file("/attachments/*/documentDate"));
        assert_eq!(
            page_of("/apdrCycles/1/review/outcomeStatus/o1"),
            page_of("/apdrCycles/1/review/impactSummary")
        );
    }

    #[test]
    fn questions_the_form_draws() {
        assert!(has_field("/child/attendancePct12m"));
        assert!(has_field("/parents/*/relationship"));
        assert!(has_field("/requestType"));
        assert!(!has_field("/parents"));
        assert!(!has_field("/provisionMap/rows"));
        assert!(!has_field("/apdrCycles/*/review/outcomeStatus"));
        assert!(!has_field(
            "/validation/warningsAcknowledged/*/justification"
        ));
    }
}
