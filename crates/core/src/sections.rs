//! The sections of the single application, in journey order, and which top-level keys of the
//! document belong to each. A profile chooses which sections it asks for.

/// One section of the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionDef {
    /// Stable id, used by profiles, the report and the widget's routes.
    pub id: &'static str,
    /// Default title; a profile can relabel it (`labels["section.<id>"]`).
    pub title: &'static str,
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
        title: "About this application",
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
        title: "Your school and contacts",
        keys: &["setting"],
    },
    SectionDef {
        id: "attachments",
        title: "Supporting documents",
        keys: &["attachments"],
    },
    SectionDef {
        id: "child",
        title: "The child or young person",
        keys: &["child"],
    },
    SectionDef {
        id: "context",
        title: "Vulnerability and context",
        keys: &["context"],
    },
    SectionDef {
        id: "sen",
        title: "Special educational needs",
        keys: &["sen"],
    },
    SectionDef {
        id: "assessments",
        title: "Attainment and progress",
        keys: &["assessments"],
    },
    SectionDef {
        id: "outcomes",
        title: "Outcomes",
        keys: &["outcomes"],
    },
    SectionDef {
        id: "provision",
        title: "Costed provision map",
        keys: &["provisionMap"],
    },
    SectionDef {
        id: "apdr",
        title: "Assess, plan, do, review cycles",
        keys: &["apdrCycles", "parentMeetings"],
    },
    SectionDef {
        id: "specialists",
        title: "Specialist involvement",
        keys: &["specialists"],
    },
    SectionDef {
        id: "pupil-voice",
        title: "The child's views",
        keys: &["pupilVoice"],
    },
    SectionDef {
        id: "parent-views",
        title: "Parents' and carers' views",
        keys: &["parentViews"],
    },
    SectionDef {
        id: "parents",
        title: "Parents and carers",
        keys: &["parents"],
    },
    SectionDef {
        id: "request",
        title: "What you are asking for",
        keys: &["request"],
    },
    SectionDef {
        id: "consent",
        title: "Consent",
        keys: &["consents"],
    },
    SectionDef {
        id: "declarations",
        title: "Declarations",
        keys: &["declarations", "validation"],
    },
];

/// The task list's groups, in order, each with its sections (GOV.UK task list pattern: a
/// long list of tasks is grouped under headings). A profile's sections fall into these groups
/// in the profile's order.
pub const GROUPS: &[(&str, &[&str])] = &[
    (
        "Your application and school",
        &["application", "setting", "attachments"],
    ),
    ("About the child", &["child", "context"]),
    ("Needs and outcomes", &["sen", "assessments", "outcomes"]),
    ("Support and its cost", &["provision", "request"]),
    ("The graduated approach", &["apdr", "specialists"]),
    (
        "Views and consent",
        &["pupil-voice", "parent-views", "parents", "consent"],
    ),
    ("Declarations", &["declarations"]),
];

/// The task list's group of a section.
pub fn group_of(id: &str) -> &'static str {
    GROUPS
        .iter()
        .find(|(_, ids)| ids.contains(&id))
        .map_or("Other sections", |(title, _)| title)
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
