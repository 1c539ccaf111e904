//! What a form needs to ask each field, beyond its label and kind (spec/fields.rs): the
//! options of a choice, whether a number may have decimals, which values the form computes by
//! itself and how list items are identified. Pure data, so the widget's pages and the tests
//! that check every field can be answered read the same table.

use crate::codes::*;
use crate::rules::field_specs::FIELDS;

/// Where the options of a choice come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Options {
    /// A fixed code list: (code, label).
    Codes(&'static [(&'static str, &'static str)]),
    /// The outcomes recorded in this application (by id).
    Outcomes,
    /// The provision rows recorded in this application (by id).
    ProvisionRows,
    /// The parents and carers recorded in this application (by id).
    Parents,
    /// The supporting documents listed in this application (by id).
    Attachments,
}

/// The options a choice field offers.
pub fn options_for(pattern: &str) -> Option<Options> {
    use Options::*;
    let codes = match pattern {
        "/requestType" => RequestType::options(),
        "/setting/phase" => Phase::options(),
        "/setting/type" => SettingType::options(),
        "/setting/senco/nasencoStatus" => NasencoStatus::options(),
        "/child/sex" => Sex::options(),
        "/child/ncy" => Ncy::options(),
        "/sen/provision" => SenProvision::options(),
        "/sen/primaryArea" | "/outcomes/*/area" => AreaOfNeed::options(),
        "/sen/primaryNeedType" | "/sen/secondaryNeedType" => SenType::options(),
        "/provisionMap/rows/*/area" => ProvisionArea::options(),
        "/provisionMap/rows/*/category" => ProvisionCategory::options(),
        "/provisionMap/rows/*/staffRole" => StaffRole::options(),
        "/provisionMap/rows/*/frequency" => Frequency::options(),
        "/provisionMap/rows/*/fundingSource" => FundingSource::options(),
        "/provisionMap/rows/*/impact" => Impact::options(),
        "/apdrCycles/*/status" => CycleStatus::options(),
        "/apdrCycles/*/review/outcomeStatus" => ReviewStatus::options(),
        "/specialists/*/type" => ServiceType::options(),
        "/specialists/*/status" => SpecialistStatus::options(),
        "/pupilVoice/method" => VoiceMethod::options(),
        "/parents/*/relationship" | "/consents/*/relationship" => Relationship::options(),
        "/consents/*/method" => ConsentMethod::options(),
        "/consents/*/scopes" => ConsentScope::options(),
        "/attachments/*/type" => AttachmentType::options(),
        "/provisionMap/rows/*/linkedOutcomeIds" | "/apdrCycles/*/outcomeIds" => {
            return Some(Outcomes)
        }
        "/apdrCycles/*/provisionIds" => return Some(ProvisionRows),
        "/consents/*/givenByPersonId" => return Some(Parents),
        "/specialists/*/reportAttachmentId"
        | "/consents/*/signatureAttachmentId"
        | "/pupilVoice/attachmentId"
        | "/parentViews/attachmentId" => return Some(Attachments),
        _ => return None,
    };
    Some(Codes(codes))
}

/// Numbers that may have decimals; every other number is a whole number.
pub fn allows_decimals(pattern: &str) -> bool {
    matches!(
        pattern,
        "/child/attendancePct12m"
            | "/child/daysAttendedPerWeek"
            | "/outcomes/*/measure/baseline"
            | "/outcomes/*/measure/target"
            | "/provisionMap/rows/*/sessionsPerWeek"
    )
}

/// The unit a number is given in, shown after its box and its answer (`93.4%`).
pub fn unit_of(pattern: &str) -> Option<&'static str> {
    match pattern {
        "/child/attendancePct12m" => Some("%"),
        _ => None,
    }
}

/// Values the form works out itself (see [`crate::derive`]) and never asks for.
pub fn is_computed(pattern: &str) -> bool {
    pattern.starts_with("/provisionMap/subtotals/")
        || matches!(
            pattern,
            "/provisionMap/rows/*/annualCostPence"
                | "/provisionMap/rows/*/staffRatio"
                | "/attachments/*/mimeType"
                | "/consents/*/relationship"
                | "/consents/*/hasParentalResponsibility"
                | "/request/amountRequestedPence"
                | "/request/durationTerms"
                | "/provisionMap/totalPence"
                | "/provisionMap/schoolContributionPence"
                | "/provisionMap/otherFundingPence"
                | "/provisionMap/requestedTopUpPence"
                | "/apdrCycles/*/cycleNo"
                | "/outcomes/*/id"
                | "/provisionMap/rows/*/id"
                | "/parents/*/id"
                | "/specialists/*/id"
                | "/attachments/*/id"
        )
}

/// A list the form fills with "add another", and the prefix of the ids it gives new items
/// (`o1`, `o2`, …) where items are referred to from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListDef {
    /// JSON Pointer of the list.
    pub pointer: &'static str,
    /// What one item is called ("provision", "outcome").
    pub item: &'static str,
    /// What the list is called (a profile can relabel it by its pointer).
    pub title: &'static str,
    /// Prefix of generated ids, if items have ids.
    pub id_prefix: Option<&'static str>,
}

/// Every "add another" list, in form order.
pub const LISTS: &[ListDef] = &[
    ListDef {
        pointer: "/child/previousSettings",
        title: "Previous schools and settings",
        item: "previous setting",
        id_prefix: None,
    },
    ListDef {
        pointer: "/sen/diagnoses",
        title: "Diagnoses",
        item: "diagnosis",
        id_prefix: None,
    },
    ListDef {
        pointer: "/assessments",
        title: "Assessments of attainment and progress",
        item: "assessment",
        id_prefix: None,
    },
    ListDef {
        pointer: "/outcomes",
        title: "Outcomes",
        item: "outcome",
        id_prefix: Some("o"),
    },
    ListDef {
        pointer: "/provisionMap/rows",
        title: "Provision",
        item: "provision",
        id_prefix: Some("r"),
    },
    ListDef {
        pointer: "/apdrCycles",
        title: "Assess, plan, do, review cycles",
        item: "cycle",
        id_prefix: None,
    },
    ListDef {
        pointer: "/parentMeetings",
        title: "Meetings with parents",
        item: "meeting with parents",
        id_prefix: None,
    },
    ListDef {
        pointer: "/specialists",
        title: "Specialists involved",
        item: "specialist",
        id_prefix: Some("s"),
    },
    ListDef {
        pointer: "/parents",
        title: "Parents and carers",
        item: "parent or carer",
        id_prefix: Some("p"),
    },
    ListDef {
        pointer: "/consents",
        title: "Consents",
        item: "consent",
        id_prefix: None,
    },
    ListDef {
        pointer: "/attachments",
        title: "Supporting documents",
        item: "document",
        id_prefix: Some("a"),
    },
];

/// The list a pattern's item fields belong to (`/outcomes/*/text` → the outcomes list): the
/// longest list pointer that, followed by `/*/`, starts the pattern.
pub fn list_of(pattern: &str) -> Option<&'static ListDef> {
    LISTS
        .iter()
        .filter(|l| {
            pattern
                .strip_prefix(l.pointer)
                .is_some_and(|rest| rest.starts_with("/*/"))
        })
        .max_by_key(|l| l.pointer.len())
}

/// The fields a form asks directly (not inside a list item) for a top-level key, in form order.
pub fn fields_under(
    prefix: &str,
) -> impl Iterator<Item = &'static crate::rules::field_specs::FieldSpec> + '_ {
    FIELDS.iter().filter(move |f| {
        (f.pattern == prefix || f.pattern.starts_with(&format!("{prefix}/")))
            && !f.pattern.contains('*')
            && !is_computed(f.pattern)
            && !LISTS.iter().any(|l| l.pointer == f.pattern)
            && f.pattern != "/parents"
    })
}

/// The fields of one item of a list, in form order.
pub fn item_fields(
    list: &ListDef,
) -> impl Iterator<Item = &'static crate::rules::field_specs::FieldSpec> + '_ {
    FIELDS.iter().filter(move |f| {
        list_of(f.pattern).is_some_and(|l| l.pointer == list.pointer) && !is_computed(f.pattern)
    })
}

/// Whether an item field is asked on the item's own page (the per-outcome review of an APDR
/// cycle is drawn by its own component, one answer per outcome).
pub fn asked_on_item_page(pattern: &str) -> bool {
    !pattern.starts_with("/apdrCycles/*/review/outcome")
}

/// The pages a long list item is asked over, one topic each (GOV.UK: one thing per page): a
/// provision row's cost, what it works towards with its funding and dates, and how its impact is
/// measured; an APDR cycle's assessment and plan, its review, and who took part in the review; a
/// consent's who and what, and its privacy notice and signed form. Other items have one page.
pub fn item_parts(list: &str) -> &'static [&'static str] {
    match list {
        "/provisionMap/rows" => &[
            "What it is and what it costs",
            "What it works towards, who pays and when",
            "Measuring its impact",
        ],
        "/apdrCycles" => &["Assess and plan", "Review", "Who took part in the review"],
        "/consents" => &[
            "Who gave consent and to what",
            "Discussion, privacy notice and signed form",
        ],
        _ => &[""],
    }
}

/// Which of its item's pages (see [`item_parts`]) asks the field at this pattern.
pub fn part_of(pattern: &str) -> usize {
    if let Some(field) = pattern.strip_prefix("/provisionMap/rows/*/") {
        return match field.split('/').next().unwrap_or_default() {
            "linkedOutcomeIds"
            | "fundingSource"
            | "startDate"
            | "endDate"
            | "isOrdinarilyAvailable" => 1,
            "entryData" | "exitData" | "impact" | "impactNotes" => 2,
            _ => 0,
        };
    }
    if let Some(field) = pattern.strip_prefix("/consents/*/") {
        return match field {
            "discussedWithParentDate"
            | "privacyNoticeVersion"
            | "privacyNoticeAcknowledged"
            | "withdrawn"
            | "withdrawnDate"
            | "signatureAttachmentId"
            | "capacityDecision" => 1,
            _ => 0,
        };
    }
    if let Some(field) = pattern.strip_prefix("/apdrCycles/*/") {
        return match field.split('/').next().unwrap_or_default() {
            "actualReviewDate" => 1,
            "review" => match field.split('/').nth(1).unwrap_or_default() {
                "parentAttended" | "parentMeetingDate" | "parentContribution"
                | "pupilVoiceCaptured" | "pupilVoice" | "attendees" => 2,
                _ => 1,
            },
            _ => 0,
        };
    }
    0
}

/// The pages a long section is asked over, one topic each, like [`item_parts`].
pub fn section_parts(section: &str) -> &'static [&'static str] {
    match section {
        "child" => &[
            "Name and date of birth",
            "Home and languages",
            "School, year group and attendance",
        ],
        "setting" => &["The school", "Its SENCo and headteacher"],
        _ => &[""],
    }
}

/// Which of its section's pages (see [`section_parts`]) asks the field or list at this pattern.
pub fn section_part_of(pattern: &str) -> usize {
    if pattern.starts_with("/setting/senco/") || pattern.starts_with("/setting/headteacher/") {
        return 1;
    }
    let Some(field) = pattern.strip_prefix("/child/") else {
        return 0;
    };
    match field.split('/').next().unwrap_or_default() {
        "address" | "postcode" | "residentLaCode" | "homeLanguages" | "interpreterNeeded"
        | "ethnicity" | "religion" | "nhsNumber" | "gp" => 1,
        "ncy"
        | "admissionDate"
        | "previousSettings"
        | "attendancePct12m"
        | "daysAttendedPerWeek" => 2,
        _ => 0,
    }
}

pub use crate::rules::required::is_required_now;

/// How a provision row is costed, which decides the questions it asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostKind {
    /// Staff time: rate, session length, sessions a week, weeks, adults and group size.
    StaffTime,
    /// A fixed cost and a quantity (a service, a resource, equipment, …).
    Fixed,
}

/// How a row is costed, from its type of cost; `None` until the type is chosen.
pub fn cost_kind(row: &crate::model::ProvisionRow) -> Option<CostKind> {
    row.category?;
    Some(if crate::cost::is_staff_time(row) {
        CostKind::StaffTime
    } else {
        CostKind::Fixed
    })
}

/// A staff-time row's own questions.
const STAFF_TIME_FIELDS: &[&str] = &[
    "staffRole",
    "adults",
    "groupSize",
    "sessionMinutes",
    "sessionsPerWeek",
    "weeks",
    "hourlyRatePence",
    "chargeFullGroupCost",
];

/// A fixed-cost row's own questions.
const FIXED_COST_FIELDS: &[&str] = &["fixedCostPence", "quantity"];

/// Whether a provision row's page asks a question, for the row as answered so far: each kind of
/// cost asks only for its own figures, the reason for charging a whole group only when it is
/// charged, and "how often" never (it is asked as sessions each week).
pub fn asked_for_row(pattern: &str, row: &crate::model::ProvisionRow) -> bool {
    let field = pattern
        .strip_prefix("/provisionMap/rows/*/")
        .unwrap_or_default();
    let kind = cost_kind(row);
    match field {
        "frequency" => false,
        "chargeFullGroupJustification" => {
            kind == Some(CostKind::StaffTime) && row.charge_full_group_cost == Some(true)
        }
        f if STAFF_TIME_FIELDS.contains(&f) => kind == Some(CostKind::StaffTime),
        f if FIXED_COST_FIELDS.contains(&f) => kind == Some(CostKind::Fixed),
        _ => true,
    }
}

/// Whether what a row's page asks at this pattern depends on the row's other answers.
pub fn depends_on_row(pattern: &str) -> bool {
    pattern
        .strip_prefix("/provisionMap/rows/*/")
        .is_some_and(|f| {
            matches!(f, "frequency" | "chargeFullGroupJustification")
                || STAFF_TIME_FIELDS.contains(&f)
                || FIXED_COST_FIELDS.contains(&f)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::field_specs::Kind;

    #[test]
    fn every_choice_has_options() {
        for f in FIELDS {
            if matches!(f.kind, Kind::Choice | Kind::Choices) {
                assert!(
                    options_for(f.pattern).is_some(),
                    "{} has no options",
                    f.pattern
                );
            }
        }
    }

    #[test]
    fn list_items_are_found() {
        assert_eq!(
            list_of("/provisionMap/rows/*/entryData/date").map(|l| l.item),
            Some("provision")
        );
        assert_eq!(list_of("/child/dob"), None);
        let outcome: Vec<_> = LISTS
            .iter()
            .find(|l| l.pointer == "/outcomes")
            .map(|l| item_fields(l).map(|f| f.pattern).collect())
            .unwrap_or_default();
        assert_eq!(outcome.first(), Some(&"/outcomes/*/area"));
    }

    #[test]
    fn long_sections_have_parts() {
        assert_eq!(section_parts("child").len(), 3);
        assert_eq!(section_part_of("/child/dob"), 0);
        assert_eq!(section_part_of("/child/postcode"), 1);
        assert_eq!(section_part_of("/child/previousSettings"), 2);
        for f in FIELDS {
            let section = crate::sections::section_of(f.pattern);
            assert!(
                section_part_of(f.pattern) < section_parts(section).len(),
                "{}",
                f.pattern
            );
        }
    }

    #[test]
    fn long_items_have_parts() {
        assert_eq!(item_parts("/provisionMap/rows").len(), 3);
        assert_eq!(part_of("/provisionMap/rows/*/hourlyRatePence"), 0);
        assert_eq!(part_of("/provisionMap/rows/*/fundingSource"), 1);
        assert_eq!(part_of("/provisionMap/rows/*/entryData/date"), 2);
        assert_eq!(part_of("/apdrCycles/*/review/outcomeStatus/o1"), 1);
        assert_eq!(part_of("/apdrCycles/*/outcomeIds"), 0);
        assert_eq!(part_of("/apdrCycles/*/review/pupilVoice"), 2);
        assert_eq!(part_of("/consents/*/signatureAttachmentId"), 1);
        for f in FIELDS {
            if let Some(list) = list_of(f.pattern) {
                assert!(
                    part_of(f.pattern) < item_parts(list.pointer).len(),
                    "{}",
                    f.pattern
                );
            }
        }
    }

    #[test]
    fn a_row_asks_what_its_cost_needs() {
        use crate::codes::ProvisionCategory;
        let mut row = crate::model::ProvisionRow::default();
        let p = |f: &str| format!("/provisionMap/rows/*/{f}");
        assert!(!asked_for_row(&p("hourlyRatePence"), &row));
        assert!(!asked_for_row(&p("fixedCostPence"), &row));
        assert!(asked_for_row(&p("intervention"), &row));
        row.category = Some(ProvisionCategory::StaffTime);
        assert!(asked_for_row(&p("hourlyRatePence"), &row));
        assert!(!asked_for_row(&p("fixedCostPence"), &row));
        assert!(!asked_for_row(&p("frequency"), &row));
        assert!(!asked_for_row(&p("chargeFullGroupJustification"), &row));
        row.charge_full_group_cost = Some(true);
        assert!(asked_for_row(&p("chargeFullGroupJustification"), &row));
        row.category = Some(ProvisionCategory::Resource);
        assert!(asked_for_row(&p("fixedCostPence"), &row));
        assert!(!asked_for_row(&p("sessionMinutes"), &row));
        for f in FIELDS.iter().filter(|f| depends_on_row(f.pattern)) {
            assert!(
                f.pattern.starts_with("/provisionMap/rows/*/"),
                "{}",
                f.pattern
            );
        }
    }

    #[test]
    fn every_item_field_belongs_to_a_list() {
        for f in FIELDS {
            let starred = f.pattern.contains("/*/") && !f.pattern.starts_with("/validation/");
            assert_eq!(starred, list_of(f.pattern).is_some(), "{}", f.pattern);
        }
    }
}
