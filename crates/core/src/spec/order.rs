//! Field order for sorting issues: the order in which keys are declared in the model, so that
//! issues read top to bottom as the form does; the wire name of each Rust field name; and the
//! model's keys as its derived `FromJson::keys` (`sen-json-derive`) list them. A key shared by several structs
//! takes its first place; only siblings are ever compared. `tests/schema.rs` checks that every
//! key of the JSON Schema is listed here; `tests/field_order.rs` that the list has exactly the
//! derive's keys, siblings in the derive's order (but `status`), and that every wire name is
//! the derive's.

use std::sync::LazyLock;

use crate::json::FromJson;
use crate::model::Application;

/// Every key of the document as `(Rust name, wire name)`, in declaration order (a struct's
/// fields, then those of each field's type), each pair once: made by the derive. The tests
/// hold [`FIELD_ORDER`] and [`wire_name`] to it; nothing in the widget reads it.
pub static KEYS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let mut all = Vec::new();
    Application::keys(&mut all);
    let mut once: Vec<(&'static str, &'static str)> = Vec::new();
    for pair in all {
        if !once.contains(&pair) {
            once.push(pair);
        }
    }
    once
});

/// Every key of the document, in declaration order. Written out because a key shared by
/// several structs takes its first place in the model's files (`status` the specialists', not
/// the APDR cycles'), which the derive cannot see; `tests/field_order.rs` holds it to the
/// derive's keys.
pub const FIELD_ORDER: &[&str] = &[
    "schemaVersion",
    "profile",
    "councilId",
    "schemeId",
    "requestType",
    "panelDate",
    "isReapplication",
    "previousApplicationRef",
    "dateCompleted",
    "submittedAt",
    "setting",
    "child",
    "context",
    "sen",
    "assessments",
    "outcomes",
    "provisionMap",
    "apdrCycles",
    "parentMeetings",
    "specialists",
    "pupilVoice",
    "parentViews",
    "parents",
    "request",
    "consents",
    "declarations",
    "attachments",
    "validation",
    "rulesetVersion",
    "warningsAcknowledged",
    "ruleId",
    "pointer",
    "justification",
    "name",
    "urn",
    "laEstab",
    "phase",
    "type",
    "locality",
    "notionalSenBudgetPence",
    "senco",
    "headteacher",
    "email",
    "phone",
    "nasencoStatus",
    "legalForename",
    "legalSurname",
    "preferredName",
    "dob",
    "sex",
    "upn",
    "ncy",
    "outOfYear",
    "address",
    "postcode",
    "residentLaCode",
    "homeLanguages",
    "interpreterNeeded",
    "ethnicity",
    "religion",
    "nhsNumber",
    "gp",
    "admissionDate",
    "previousSettings",
    "attendancePct12m",
    "daysAttendedPerWeek",
    "from",
    "to",
    "lookedAfter",
    "placingLa",
    "childInNeed",
    "childProtection",
    "earlyHelp",
    "youthOffending",
    "armedForcesFamily",
    "pupilPremium",
    "eal",
    "fsm",
    "medicalConditions",
    "exclusionsThisYear",
    "provision",
    "dateAddedToRegister",
    "primaryArea",
    "primaryNeedType",
    "secondaryNeedType",
    "diagnoses",
    "currentBand",
    "needsSummary",
    "ehcpIssuedDate",
    "ehcnaUnderWay",
    "condition",
    "diagnosedBy",
    "date",
    "measure",
    "value",
    "ageEquivalent",
    "peerComparison",
    "id",
    "area",
    "text",
    "byDate",
    "agreedWithParent",
    "agreedWithPupil",
    "baseline",
    "target",
    "unit",
    "professionalName",
    "role",
    "firstInvolvedDate",
    "latestReportDate",
    "reportAttached",
    "reportAttachmentId",
    "adviceSummary",
    "adviceImplemented",
    "adviceImplementedHow",
    "status",
    "method",
    "attachmentId",
    "filename",
    "mimeType",
    "sizeBytes",
    "sha256",
    "documentDate",
    "reference",
    "weeksPerYear",
    "periodWeeks",
    "rows",
    "subtotals",
    "totalPence",
    "schoolContributionPence",
    "otherFundingPence",
    "requestedTopUpPence",
    "notionalSenPence",
    "pupilPremiumPence",
    "topUpRequestedPence",
    "otherGrantPence",
    "freeServicePence",
    "intervention",
    "linkedOutcomeIds",
    "category",
    "staffRole",
    "adults",
    "groupSize",
    "staffRatio",
    "sessionMinutes",
    "sessionsPerWeek",
    "frequency",
    "weeks",
    "hourlyRatePence",
    "fixedCostPence",
    "quantity",
    "chargeFullGroupCost",
    "chargeFullGroupJustification",
    "annualCostPence",
    "fundingSource",
    "startDate",
    "endDate",
    "entryData",
    "exitData",
    "impact",
    "impactNotes",
    "isOrdinarilyAvailable",
    "cycleNo",
    "plannedReviewDate",
    "actualReviewDate",
    "assess",
    "outcomeIds",
    "provisionIds",
    "review",
    "summary",
    "sources",
    "outcomeStatus",
    "outcomeEvidence",
    "impactSummary",
    "nextSteps",
    "parentAttended",
    "parentMeetingDate",
    "parentContribution",
    "pupilVoiceCaptured",
    "attendees",
    "purpose",
    "title",
    "forename",
    "surname",
    "relationship",
    "hasParentalResponsibility",
    "preferredLanguage",
    "armedForces",
    "isMainContact",
    "givenByPersonId",
    "givenByYoungPerson",
    "scopes",
    "privacyNoticeVersion",
    "privacyNoticeAcknowledged",
    "discussedWithParentDate",
    "withdrawn",
    "withdrawnDate",
    "signatureAttachmentId",
    "capacityDecision",
    "additionalToOrdinarilyAvailable",
    "signed",
    "amountRequestedPence",
    "bandRequested",
    "durationTerms",
    "durationWeeks",
    "plannedImpactMeasures",
];

/// The wire name of a field by its Rust name (as `validator` names it): camelCase, and three
/// fields renamed to `type`. Worked out rather than looked up in [`KEYS`], which in the widget
/// would cost 3.6 KB gzip more; `tests/field_order.rs` holds it to the derive's name for every
/// field of the model.
pub fn wire_name(field: &str) -> String {
    if matches!(field, "setting_type" | "service_type" | "attachment_type") {
        return "type".to_owned();
    }
    let mut out = String::new();
    let mut upper = false;
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A sort key for a JSON Pointer: array indices compare as numbers, keys by [`FIELD_ORDER`].
pub fn key(pointer: &str) -> Vec<(u8, usize, &str)> {
    pointer
        .split('/')
        .skip(1)
        .map(|seg| match seg.parse::<usize>() {
            Ok(n) => (0, n, ""),
            Err(_) => (
                1,
                FIELD_ORDER
                    .iter()
                    .position(|k| *k == seg)
                    .unwrap_or(FIELD_ORDER.len()),
                seg,
            ),
        })
        .collect()
}

/// [`key`] owning its text, to be worked out once per issue before sorting.
pub fn owned_key(pointer: &str) -> Vec<(u8, usize, String)> {
    key(pointer)
        .into_iter()
        .map(|(kind, n, seg)| (kind, n, seg.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_sort_numerically_and_keys_by_declaration() {
        assert!(key("/provisionMap/rows/2/weeks") < key("/provisionMap/rows/10/id"));
        assert!(key("/child/legalForename") < key("/child/dob"));
        assert!(key("/provisionMap/rows/0") < key("/provisionMap/totalPence"));
        assert!(key("/child") < key("/child/dob"));
    }
}
