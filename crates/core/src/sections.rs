//! The sections of the single application, in journey order, and which top-level keys of the
//! document belong to each. A profile chooses which sections it asks for.

/// One section of the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionDef {
    /// Stable id, used by profiles, the report and the widget's routes.
    pub id: &'static str,
    /// Top-level document keys answered in this section.
    pub keys: &'static [&'static str],
}

/// Envelope keys the widget fills in by itself: they belong to the first section for issue
/// placement but do not make it "started".
pub const ENVELOPE_KEYS: &[&str] = &[
    "schemaVersion",
    "profile",
    "councilId",
    "schemeId",
    "submittedAt",
];

/// Every section, in the order the journey takes them.
pub const SECTIONS: &[SectionDef] = &[
    SectionDef {
        id: "application",
        keys: &[
            "requestType",
            "panelDate",
            "isReapplication",
            "previousApplicationRef",
            "dateCompleted",
        ],
    },
    SectionDef {
        id: "setting",
        keys: &["setting"],
    },
    SectionDef {
        id: "attachments",
        keys: &["attachments"],
    },
    SectionDef {
        id: "child",
        keys: &["child"],
    },
    SectionDef {
        id: "context",
        keys: &["context"],
    },
    SectionDef {
        id: "sen",
        keys: &["sen"],
    },
    SectionDef {
        id: "assessments",
        keys: &["assessments"],
    },
    SectionDef {
        id: "outcomes",
        keys: &["outcomes"],
    },
    SectionDef {
        id: "provision",
        keys: &["provisionMap"],
    },
    SectionDef {
        id: "apdr",
        keys: &["apdrCycles", "parentMeetings"],
    },
    SectionDef {
        id: "specialists",
        keys: &["specialists"],
    },
    SectionDef {
        id: "pupil-voice",
        keys: &["pupilVoice"],
    },
    SectionDef {
        id: "parent-views",
        keys: &["parentViews"],
    },
    SectionDef {
        id: "parents",
        keys: &["parents"],
    },
    SectionDef {
        id: "request",
        keys: &["request"],
    },
    SectionDef {
        id: "consent",
        keys: &["consents"],
    },
    SectionDef {
        id: "declarations",
        keys: &["declarations", "validation"],
    },
];

/// The task list's groups, in order, each with its sections (GOV.UK task list pattern: a
/// long list of tasks is grouped under headings), by id: its heading is the catalogue's
/// `group.<id>.title` ([`group_title`]). A profile's sections fall into these groups in the
/// profile's order.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("school", &["application", "setting", "attachments"]),
    ("child", &["child", "context"]),
    ("needs", &["sen", "assessments", "outcomes"]),
    ("support", &["provision", "request"]),
    ("graduated-approach", &["apdr", "specialists"]),
    (
        "views",
        &["pupil-voice", "parent-views", "parents", "consent"],
    ),
    ("declarations", &["declarations"]),
];

/// The task list's group of a section, by id (`other` for a section in none).
pub fn group_of(id: &str) -> &'static str {
    GROUPS
        .iter()
        .find(|(_, ids)| ids.contains(&id))
        .map_or("other", |(group, _)| group)
}

/// A task list group's heading, in English.
pub fn group_title(group: &str) -> &'static str {
    crate::text::english(&format!("group.{group}.title")).unwrap_or_default()
}

impl SectionDef {
    /// The catalogue's id of the section's title (`section.<id>.title`).
    pub fn title_id(&self) -> String {
        format!("section.{}.title", self.id)
    }

    /// The section's title in English; a profile can relabel it (`labels["section.<id>"]`).
    pub fn title(&self) -> &'static str {
        crate::text::english(&self.title_id()).unwrap_or(self.id)
    }
}

/// The section definition for an id.
pub fn by_id(id: &str) -> Option<&'static SectionDef> {
    SECTIONS.iter().find(|s| s.id == id)
}

/// Position of a section in journey order.
pub fn index_of(id: &str) -> usize {
    SECTIONS
        .iter()
        .position(|s| s.id == id)
        .unwrap_or(SECTIONS.len())
}

/// The top-level key of a JSON Pointer (`/child/dob` → `child`).
pub fn top_key(pointer: &str) -> &str {
    pointer
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("")
}

/// The section a JSON Pointer belongs to (`/child/dob` → `child`). Pointers to the envelope,
/// the root or an unknown key belong to the first section.
pub fn section_of(pointer: &str) -> &'static str {
    let key = top_key(pointer);
    SECTIONS
        .iter()
        .find(|s| s.keys.contains(&key))
        .map(|s| s.id)
        .unwrap_or("application")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_map_to_sections() {
        assert_eq!(section_of("/child/dob"), "child");
        assert_eq!(section_of("/provisionMap/rows/3/weeks"), "provision");
        assert_eq!(section_of("/parentMeetings/0/date"), "apdr");
        assert_eq!(section_of("/schemaVersion"), "application");
        assert_eq!(section_of(""), "application");
        assert_eq!(
            section_of("/validation/warningsAcknowledged/0"),
            "declarations"
        );
    }

    #[test]
    fn every_section_is_in_one_group() {
        for s in SECTIONS {
            let n = GROUPS.iter().filter(|(_, ids)| ids.contains(&s.id)).count();
            assert_eq!(n, 1, "{}", s.id);
        }
    }

    #[test]
    fn ids_are_unique() {
        for (i, s) in SECTIONS.iter().enumerate() {
            assert_eq!(index_of(s.id), i);
        }
    }
}
