//! Yes/no answers asked together as one question, "Which of these apply?", with a checkbox for
//! each and an exclusive "None of these" (the GOV.UK checkboxes pattern). A ticked box answers
//! Yes; once the question is answered every box left clear answers No; nothing ticked leaves
//! the answers unanswered. The document keeps one yes/no answer per field.

/// One question over several yes/no fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagGroup {
    /// The question.
    pub question: &'static str,
    /// Each field's pattern and the words on its checkbox, in the document's field order.
    pub members: &'static [(&'static str, &'static str)],
    /// The exclusive answer that says No to all.
    pub none: &'static str,
}

impl FlagGroup {
    /// The part of the document the group's fields are in (`context`, `outcomes`): its texts'
    /// ids are `flag.{key}.question`, `flag.{key}.none` and `flag.{key}.{field}`.
    fn key(&self) -> &'static str {
        self.members
            .first()
            .and_then(|(p, _)| p.split('/').nth(1))
            .unwrap_or_default()
    }

    /// The question, in the words of `texts`.
    pub fn question_in(&self, texts: &crate::text::Catalogue) -> String {
        texts
            .get(&format!("flag.{}.question", self.key()))
            .to_owned()
    }

    /// The answer that none applies, in the words of `texts`.
    pub fn none_in(&self, texts: &crate::text::Catalogue) -> String {
        texts.get(&format!("flag.{}.none", self.key())).to_owned()
    }

    /// The words of the box for the field at `pointer`, in the words of `texts`.
    pub fn words_in(&self, pointer: &str, texts: &crate::text::Catalogue) -> String {
        let field = pointer.rsplit('/').next().unwrap_or_default();
        texts
            .get(&format!("flag.{}.{field}", self.key()))
            .to_owned()
    }

    /// The group's fields in the same item as `pointer` (one of them, e.g.
    /// `/outcomes/2/agreedWithParent`), with the words on their boxes, in order.
    pub fn fields_beside(&self, pointer: &str) -> Vec<(String, &'static str)> {
        let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
        self.members
            .iter()
            .map(|(p, words)| {
                let field = p.rsplit('/').next().unwrap_or_default();
                (format!("{parent}/{field}"), *words)
            })
            .collect()
    }
}

/// Every question asked this way.
pub const GROUPS: &[FlagGroup] = &[
    FlagGroup {
        question: "Which of these apply to the child?",
        members: &[
            (
                "/context/lookedAfter",
                "Looked after by a local authority (in care)",
            ),
            (
                "/context/childInNeed",
                "A child in need, with a child in need plan",
            ),
            ("/context/childProtection", "Has a child protection plan"),
            (
                "/context/earlyHelp",
                "Has an early help assessment, for them or their family",
            ),
            (
                "/context/youthOffending",
                "The youth offending service is involved",
            ),
            ("/context/armedForcesFamily", "From an armed forces family"),
            (
                "/context/pupilPremium",
                "The school gets pupil premium for them",
            ),
            ("/context/eal", "Speaks English as an additional language"),
            ("/context/fsm", "Gets free school meals"),
            ("/context/medicalConditions", "Has medical conditions"),
            (
                "/context/exclusionsThisYear",
                "Excluded or suspended this school year",
            ),
        ],
        none: "None of these",
    },
    FlagGroup {
        question: "Who agreed this outcome?",
        members: &[
            (
                "/outcomes/*/agreedWithParent",
                "The child's parents or carers",
            ),
            ("/outcomes/*/agreedWithPupil", "The child"),
        ],
        none: "Neither of them yet",
    },
];

/// The question a yes/no field is asked in, if it is asked with others.
pub fn group_of(pattern: &str) -> Option<&'static FlagGroup> {
    GROUPS
        .iter()
        .find(|g| g.members.iter().any(|(p, _)| *p == pattern))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::field_specs::{spec_for, Kind};

    #[test]
    fn members_are_yes_no_fields_in_field_order() {
        for group in GROUPS {
            let order: Vec<usize> = group
                .members
                .iter()
                .map(|(p, _)| {
                    let spec =
                        spec_for(p).unwrap_or_else(|| panic!("{p} is not in the field table"));
                    assert_eq!(spec.kind, Kind::YesNo, "{p}");
                    crate::rules::field_specs::FIELDS
                        .iter()
                        .position(|f| f.pattern == spec.pattern)
                        .unwrap_or(usize::MAX)
                })
                .collect();
            assert!(order.windows(2).all(|w| w[0] < w[1]), "{}", group.question);
            assert_eq!(group_of(group.members[0].0), Some(group));
        }
        assert_eq!(group_of("/context/placingLa"), None);
        let agreed = group_of("/outcomes/*/agreedWithPupil").unwrap_or_else(|| panic!("a group"));
        assert_eq!(
            agreed.fields_beside("/outcomes/2/agreedWithPupil"),
            [
                (
                    "/outcomes/2/agreedWithParent".to_owned(),
                    "The child's parents or carers"
                ),
                ("/outcomes/2/agreedWithPupil".to_owned(), "The child"),
            ]
        );
    }
}
