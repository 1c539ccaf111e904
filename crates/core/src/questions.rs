//! The question the form asks for each field, and a short hint where a person needs one (a
//! format, an example, what counts), in GOV.UK style, from the message catalogue
//! (`question.<pattern>`, `hint.<pattern>`). Keyed by the same patterns as the field
//! table (`spec/fields.rs`), whose noun-phrase labels stay for messages ("Enter the
//! child's date of birth") and for check your answers. A profile's relabel of a field still
//! wins in the form. Fields the form works out itself (`form::is_computed`) have no question.

use crate::profile::Profile;
use crate::rules::field_specs::{label_for, pattern_of};

/// The question a field's pattern is asked by, if the form asks it.
pub fn question(pattern: &str) -> Option<&'static str> {
    if !ASKED.contains(&pattern) {
        return None;
    }
    crate::text::english(&format!("question.{pattern}"))
}

/// The hint shown under a field's question, if it has one.
pub fn hint(pattern: &str) -> Option<&'static str> {
    if !ASKED.contains(&pattern) {
        return None;
    }
    crate::text::english(&format!("hint.{pattern}"))
}

/// What the form shows as a field's label: the profile's relabel first, then the question,
/// then the field table's label (`rules::field_specs::label_for`).
pub fn shown_for(pointer: &str, profile: &Profile) -> String {
    let pattern = pattern_of(pointer);
    if profile.label(&pattern).is_some() {
        return label_for(pointer, profile);
    }
    match question(&pattern) {
        Some(q) => q.to_owned(),
        None => label_for(pointer, profile),
    }
}

/// [`question`] in a catalogue's words.
pub fn question_in(pattern: &str, texts: &crate::text::Catalogue) -> Option<String> {
    question(pattern)?;
    Some(texts.get(&format!("question.{pattern}")).to_owned())
}

/// [`hint`] in a catalogue's words.
pub fn hint_in(pattern: &str, texts: &crate::text::Catalogue) -> Option<String> {
    hint(pattern)?;
    Some(texts.get(&format!("hint.{pattern}")).to_owned())
}

/// [`shown_for`] in a catalogue's words (a profile's relabel still wins).
pub fn shown_for_in(pointer: &str, profile: &Profile, texts: &crate::text::Catalogue) -> String {
    let pattern = pattern_of(pointer);
    if profile.label(&pattern).is_some() {
        return crate::rules::field_specs::label_for_in(pointer, profile, texts);
    }
    match question_in(&pattern, texts) {
        Some(q) => q,
        None => crate::rules::field_specs::label_for_in(pointer, profile, texts),
    }
}

/// Every pattern with a question, with its question and hint (for tests and tools).
pub fn all() -> impl Iterator<Item = (&'static str, &'static str, Option<&'static str>)> {
    ASKED
        .iter()
        .map(|&p| (p, question(p).unwrap_or(p), hint(p)))
}

/// Every field the form asks by a question, in the field table's order; its question is the
/// catalogue's `question.<pattern>` and its hint, if it has one, `hint.<pattern>`.
#[rustfmt::skip]
const ASKED: &[&str] = &[
    // About this application
    "/requestType",
    "/panelDate",
    "/isReapplication",
    "/previousApplicationRef",
    "/dateCompleted",
    // Setting and applicant
    "/setting/name",
    "/setting/urn",
    "/setting/laEstab",
    "/setting/phase",
    "/setting/type",
    "/setting/locality",
    "/setting/notionalSenBudgetPence",
    "/setting/senco/name",
    "/setting/senco/email",
    "/setting/senco/phone",
    "/setting/senco/nasencoStatus",
    "/setting/headteacher/name",
    "/setting/headteacher/email",
    // Child
    "/child/legalForename",
    "/child/legalSurname",
    "/child/preferredName",
    "/child/dob",
    "/child/sex",
    "/child/upn",
    "/child/ncy",
    "/child/outOfYear",
    "/child/address",
    "/child/postcode",
    "/child/residentLaCode",
    "/child/homeLanguages",
    "/child/interpreterNeeded",
    "/child/ethnicity",
    "/child/religion",
    "/child/nhsNumber",
    "/child/gp",
    "/child/admissionDate",
    "/child/previousSettings/*/name",
    "/child/previousSettings/*/from",
    "/child/previousSettings/*/to",
    "/child/attendancePct12m",
    "/child/daysAttendedPerWeek",
    // Context
    "/context/lookedAfter",
    "/context/placingLa",
    "/context/childInNeed",
    "/context/childProtection",
    "/context/earlyHelp",
    "/context/youthOffending",
    "/context/armedForcesFamily",
    "/context/pupilPremium",
    "/context/eal",
    "/context/fsm",
    "/context/medicalConditions",
    "/context/exclusionsThisYear",
    // SEN
    "/sen/provision",
    "/sen/dateAddedToRegister",
    "/sen/primaryArea",
    "/sen/primaryNeedType",
    "/sen/secondaryNeedType",
    "/sen/diagnoses/*/condition",
    "/sen/diagnoses/*/diagnosedBy",
    "/sen/diagnoses/*/date",
    "/sen/currentBand",
    "/sen/needsSummary",
    "/sen/ehcpIssuedDate",
    "/sen/ehcnaUnderWay",
    // Attainment
    "/assessments/*/date",
    "/assessments/*/measure",
    "/assessments/*/value",
    "/assessments/*/ageEquivalent",
    "/assessments/*/peerComparison",
    // Outcomes
    "/outcomes/*/area",
    "/outcomes/*/text",
    "/outcomes/*/measure/baseline",
    "/outcomes/*/measure/target",
    "/outcomes/*/measure/unit",
    "/outcomes/*/byDate",
    "/outcomes/*/agreedWithParent",
    "/outcomes/*/agreedWithPupil",
    // Provision map
    "/provisionMap/weeksPerYear",
    "/provisionMap/periodWeeks",
    "/provisionMap/rows/*/intervention",
    "/provisionMap/rows/*/area",
    "/provisionMap/rows/*/linkedOutcomeIds",
    "/provisionMap/rows/*/category",
    "/provisionMap/rows/*/staffRole",
    "/provisionMap/rows/*/adults",
    "/provisionMap/rows/*/groupSize",
    "/provisionMap/rows/*/sessionMinutes",
    "/provisionMap/rows/*/sessionsPerWeek",
    "/provisionMap/rows/*/frequency",
    "/provisionMap/rows/*/weeks",
    "/provisionMap/rows/*/hourlyRatePence",
    "/provisionMap/rows/*/fixedCostPence",
    "/provisionMap/rows/*/quantity",
    "/provisionMap/rows/*/chargeFullGroupCost",
    "/provisionMap/rows/*/chargeFullGroupJustification",
    "/provisionMap/rows/*/fundingSource",
    "/provisionMap/rows/*/startDate",
    "/provisionMap/rows/*/endDate",
    "/provisionMap/rows/*/entryData/measure",
    "/provisionMap/rows/*/entryData/value",
    "/provisionMap/rows/*/entryData/date",
    "/provisionMap/rows/*/exitData/measure",
    "/provisionMap/rows/*/exitData/value",
    "/provisionMap/rows/*/exitData/date",
    "/provisionMap/rows/*/impact",
    "/provisionMap/rows/*/impactNotes",
    "/provisionMap/rows/*/isOrdinarilyAvailable",
    // APDR
    "/apdrCycles/*/startDate",
    "/apdrCycles/*/plannedReviewDate",
    "/apdrCycles/*/actualReviewDate",
    "/apdrCycles/*/status",
    "/apdrCycles/*/assess/summary",
    "/apdrCycles/*/assess/sources",
    "/apdrCycles/*/outcomeIds",
    "/apdrCycles/*/provisionIds",
    "/apdrCycles/*/review/outcomeStatus",
    "/apdrCycles/*/review/outcomeEvidence",
    "/apdrCycles/*/review/impactSummary",
    "/apdrCycles/*/review/nextSteps",
    "/apdrCycles/*/review/parentAttended",
    "/apdrCycles/*/review/parentMeetingDate",
    "/apdrCycles/*/review/parentContribution",
    "/apdrCycles/*/review/pupilVoiceCaptured",
    "/apdrCycles/*/review/pupilVoice",
    "/apdrCycles/*/review/attendees",
    "/parentMeetings/*/date",
    "/parentMeetings/*/purpose",
    // Specialists
    "/specialists/*/type",
    "/specialists/*/professionalName",
    "/specialists/*/role",
    "/specialists/*/firstInvolvedDate",
    "/specialists/*/latestReportDate",
    "/specialists/*/reportAttached",
    "/specialists/*/reportAttachmentId",
    "/specialists/*/adviceSummary",
    "/specialists/*/adviceImplemented",
    "/specialists/*/adviceImplementedHow",
    "/specialists/*/status",
    // Pupil voice and parent views
    "/pupilVoice/method",
    "/pupilVoice/text",
    "/pupilVoice/date",
    "/pupilVoice/attachmentId",
    "/parentViews/text",
    "/parentViews/date",
    "/parentViews/attachmentId",
    // Parents
    "/parents/*/title",
    "/parents/*/forename",
    "/parents/*/surname",
    "/parents/*/relationship",
    "/parents/*/hasParentalResponsibility",
    "/parents/*/address",
    "/parents/*/postcode",
    "/parents/*/phone",
    "/parents/*/email",
    "/parents/*/preferredLanguage",
    "/parents/*/interpreterNeeded",
    "/parents/*/armedForces",
    "/parents/*/isMainContact",
    // Request
    "/request/summary",
    "/request/bandRequested",
    "/request/startDate",
    "/request/endDate",
    "/request/durationWeeks",
    "/request/plannedImpactMeasures",
    // Consent
    "/consents/*/givenByPersonId",
    "/consents/*/givenByYoungPerson",
    "/consents/*/date",
    "/consents/*/method",
    "/consents/*/scopes",
    "/consents/*/privacyNoticeVersion",
    "/consents/*/privacyNoticeAcknowledged",
    "/consents/*/discussedWithParentDate",
    "/consents/*/withdrawn",
    "/consents/*/withdrawnDate",
    "/consents/*/signatureAttachmentId",
    "/consents/*/capacityDecision",
    // Attachments
    "/attachments/*/type",
    "/attachments/*/filename",
    "/attachments/*/sizeBytes",
    "/attachments/*/sha256",
    "/attachments/*/documentDate",
    "/attachments/*/reference",
    // Declarations
    "/declarations/senco/name",
    "/declarations/senco/signed",
    "/declarations/senco/date",
    "/declarations/headteacher/name",
    "/declarations/headteacher/signed",
    "/declarations/headteacher/date",
    "/declarations/additionalToOrdinarilyAvailable",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{fields_under, is_computed, item_fields, LISTS};
    use crate::rules::field_specs::FIELDS;
    use crate::sections::SECTIONS;

    /// Every field a page of the form shows: the fields of each section and of each list item.
    fn asked() -> Vec<&'static str> {
        let mut out: Vec<&str> = SECTIONS
            .iter()
            .flat_map(|s| s.keys.iter())
            .flat_map(|k| {
                fields_under(&format!("/{k}"))
                    .map(|f| f.pattern)
                    .collect::<Vec<_>>()
            })
            .collect();
        for l in LISTS {
            out.extend(item_fields(l).map(|f| f.pattern));
        }
        out
    }

    #[test]
    fn every_asked_field_has_a_question() {
        let asked = asked();
        assert!(asked.len() > 150, "{}", asked.len());
        for p in asked {
            let q = question(p).unwrap_or_else(|| panic!("{p} has no question"));
            assert!(q.ends_with('?'), "{p}: {q:?} is not a question");
            assert!(!q.contains("Please"), "{p}: {q:?}");
        }
    }

    #[test]
    fn questions_are_for_fields_the_form_asks() {
        for (p, q, h) in all() {
            let spec = FIELDS.iter().find(|f| f.pattern == p);
            assert!(spec.is_some(), "{p} is not in the field table");
            assert!(!is_computed(p), "{p} is computed: the form does not ask it");
            assert!(
                q.chars().next().is_some_and(|c| c.is_ascii_uppercase()),
                "{p}: {q:?}"
            );
            if let Some(h) = h {
                assert!(!h.is_empty() && !h.ends_with('.'), "{p}: hint {h:?}");
                assert!(!h.contains("Please"), "{p}: hint {h:?}");
            }
        }
        for (i, (a, _, _)) in all().enumerate() {
            assert!(all().skip(i + 1).all(|(b, _, _)| a != b), "{a} twice");
        }
    }

    #[test]
    fn questions_follow_the_field_table_order() {
        let order = |p: &str| FIELDS.iter().position(|f| f.pattern == p);
        let positions: Vec<_> = all().map(|(p, _, _)| order(p)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    }

    #[test]
    fn looks_up_by_pattern() {
        assert_eq!(
            question("/context/lookedAfter"),
            Some("Is the child looked after by a local authority?")
        );
        assert_eq!(hint("/child/dob"), Some("For example, 27 3 2015"));
        assert_eq!(question("/provisionMap/totalPence"), None);
        assert_eq!(hint("/setting/senco/name"), None);
    }

    #[test]
    fn a_profile_relabel_wins_then_the_question_then_the_label() {
        let croydon = crate::profile::builtin("croydon-lss").unwrap();
        assert_eq!(shown_for("/setting/locality", &croydon), "Croydon locality");
        assert_eq!(
            shown_for("/setting/senco/name", &croydon),
            "What is the SENCo's name?"
        );
        assert_eq!(
            shown_for("/parents/2/forename", &croydon),
            "What is their first name?"
        );
        assert_eq!(
            shown_for("/provisionMap/totalPence", &croydon),
            "Total cost of provision"
        );
    }
}
