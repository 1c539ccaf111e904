//! What each field is called, what kind of answer it takes and whether it is required by
//! default. One table serves the required-answer check, the words of field-level messages, the
//! CLI and the widget's labels. Patterns are JSON Pointers with `*` for any list index; a
//! profile can make a field required, optional or hidden (`fields` in the profile): what a
//! profile makes of a field is `rules::field_specs`'s.

use crate::text::Catalogue;

/// The kind of answer a field takes; it decides the wording of messages ("Enter…", "Select…").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    LongText,
    Email,
    Phone,
    Postcode,
    /// A number of digits, e.g. a URN.
    Digits(u8),
    Date,
    Choice,
    Choices,
    YesNo,
    Money,
    Number,
    List,
}

/// One field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's JSON Pointer pattern; its label is the catalogue's `label.<pattern>`.
    pub pattern: &'static str,
    pub kind: Kind,
    /// Required unless the profile says otherwise.
    pub required: bool,
}

use Kind::*;

const fn f(pattern: &'static str, kind: Kind, required: bool) -> FieldSpec {
    FieldSpec {
        pattern,
        kind,
        required,
    }
}

impl FieldSpec {
    /// The catalogue's id of the field's label (`label./child/dob`).
    pub fn label_id(&self) -> String {
        format!("label.{}", self.pattern)
    }

    /// The field's label in English (a noun phrase, for messages and check your answers).
    pub fn label(&self) -> &'static str {
        crate::text::english(&self.label_id()).unwrap_or(self.pattern)
    }
}

/// Every field with a label, in form order.
pub const FIELDS: &[FieldSpec] = &[
    // About this application
    f("/requestType", Choices, true),
    f("/panelDate", Date, false),
    f("/isReapplication", YesNo, false),
    f("/previousApplicationRef", Text, false),
    f("/dateCompleted", Date, false),
    // Setting and applicant
    f("/setting/name", Text, true),
    f("/setting/urn", Digits(6), true),
    f("/setting/laEstab", Digits(7), false),
    f("/setting/phase", Choice, true),
    f("/setting/type", Choice, true),
    f("/setting/locality", Text, false),
    f("/setting/notionalSenBudgetPence", Money, false),
    f("/setting/senco/name", Text, true),
    f("/setting/senco/email", Email, true),
    f("/setting/senco/phone", Phone, false),
    f("/setting/senco/nasencoStatus", Choice, false),
    f("/setting/headteacher/name", Text, true),
    f("/setting/headteacher/email", Email, false),
    // Child
    f("/child/legalForename", Text, true),
    f("/child/legalSurname", Text, true),
    f("/child/preferredName", Text, false),
    f("/child/dob", Date, true),
    f("/child/sex", Choice, true),
    f("/child/upn", Text, true),
    f("/child/ncy", Choice, true),
    f("/child/outOfYear", YesNo, false),
    f("/child/address", LongText, true),
    f("/child/postcode", Postcode, true),
    f("/child/residentLaCode", Digits(3), true),
    f("/child/homeLanguages", List, false),
    f("/child/interpreterNeeded", YesNo, false),
    f("/child/ethnicity", Text, false),
    f("/child/religion", Text, false),
    f("/child/nhsNumber", Text, false),
    f("/child/gp", Text, false),
    f("/child/admissionDate", Date, false),
    f("/child/previousSettings/*/name", Text, true),
    f("/child/previousSettings/*/from", Date, false),
    f("/child/previousSettings/*/to", Date, false),
    f("/child/attendancePct12m", Number, true),
    f("/child/daysAttendedPerWeek", Number, false),
    // Context
    f("/context/lookedAfter", YesNo, true),
    f("/context/placingLa", Text, false),
    f("/context/childInNeed", YesNo, false),
    f("/context/childProtection", YesNo, false),
    f("/context/earlyHelp", YesNo, false),
    f("/context/youthOffending", YesNo, false),
    f("/context/armedForcesFamily", YesNo, false),
    f("/context/pupilPremium", YesNo, false),
    f("/context/eal", YesNo, false),
    f("/context/fsm", YesNo, false),
    f("/context/medicalConditions", YesNo, false),
    f("/context/exclusionsThisYear", YesNo, false),
    // SEN
    f("/sen/provision", Choice, true),
    f("/sen/dateAddedToRegister", Date, true),
    f("/sen/primaryArea", Choice, true),
    f("/sen/primaryNeedType", Choice, true),
    f("/sen/secondaryNeedType", Choice, false),
    f("/sen/diagnoses/*/condition", Text, true),
    f("/sen/diagnoses/*/diagnosedBy", Text, false),
    f("/sen/diagnoses/*/date", Date, false),
    f("/sen/currentBand", Text, false),
    f("/sen/needsSummary", LongText, true),
    f("/sen/ehcpIssuedDate", Date, false),
    f("/sen/ehcnaUnderWay", YesNo, false),
    // Attainment
    f("/assessments/*/date", Date, true),
    f("/assessments/*/measure", Text, true),
    f("/assessments/*/value", Text, true),
    f("/assessments/*/ageEquivalent", Text, false),
    f("/assessments/*/peerComparison", Text, false),
    // Outcomes
    f("/outcomes/*/id", Text, true),
    f("/outcomes/*/area", Choice, true),
    f("/outcomes/*/text", LongText, true),
    f("/outcomes/*/measure/baseline", Number, false),
    f("/outcomes/*/measure/target", Number, false),
    f("/outcomes/*/measure/unit", Text, false),
    f("/outcomes/*/byDate", Date, false),
    f("/outcomes/*/agreedWithParent", YesNo, false),
    f("/outcomes/*/agreedWithPupil", YesNo, false),
    // Provision map
    f("/provisionMap/weeksPerYear", Number, false),
    f("/provisionMap/periodWeeks", Number, false),
    f("/provisionMap/rows/*/id", Text, true),
    f("/provisionMap/rows/*/intervention", Text, true),
    f("/provisionMap/rows/*/area", Choice, true),
    f("/provisionMap/rows/*/linkedOutcomeIds", Choices, false),
    f("/provisionMap/rows/*/category", Choice, true),
    f("/provisionMap/rows/*/staffRole", Choice, false),
    f("/provisionMap/rows/*/adults", Number, false),
    f("/provisionMap/rows/*/groupSize", Number, false),
    f("/provisionMap/rows/*/staffRatio", Text, false),
    f("/provisionMap/rows/*/sessionMinutes", Number, false),
    f("/provisionMap/rows/*/sessionsPerWeek", Number, false),
    f("/provisionMap/rows/*/frequency", Choice, false),
    f("/provisionMap/rows/*/weeks", Number, false),
    f("/provisionMap/rows/*/hourlyRatePence", Money, false),
    f("/provisionMap/rows/*/fixedCostPence", Money, false),
    f("/provisionMap/rows/*/quantity", Number, false),
    f("/provisionMap/rows/*/chargeFullGroupCost", YesNo, false),
    f(
        "/provisionMap/rows/*/chargeFullGroupJustification",
        LongText,
        false,
    ),
    f("/provisionMap/rows/*/annualCostPence", Money, false),
    f("/provisionMap/rows/*/fundingSource", Choice, true),
    f("/provisionMap/rows/*/startDate", Date, true),
    f("/provisionMap/rows/*/endDate", Date, true),
    f("/provisionMap/rows/*/entryData/measure", Text, false),
    f("/provisionMap/rows/*/entryData/value", Text, false),
    f("/provisionMap/rows/*/entryData/date", Date, false),
    f("/provisionMap/rows/*/exitData/measure", Text, false),
    f("/provisionMap/rows/*/exitData/value", Text, false),
    f("/provisionMap/rows/*/exitData/date", Date, false),
    f("/provisionMap/rows/*/impact", Choice, false),
    f("/provisionMap/rows/*/impactNotes", LongText, false),
    f("/provisionMap/rows/*/isOrdinarilyAvailable", YesNo, true),
    f("/provisionMap/subtotals/notionalSenPence", Money, false),
    f("/provisionMap/subtotals/pupilPremiumPence", Money, false),
    f("/provisionMap/subtotals/topUpRequestedPence", Money, false),
    f("/provisionMap/subtotals/otherGrantPence", Money, false),
    f("/provisionMap/subtotals/freeServicePence", Money, false),
    f("/provisionMap/totalPence", Money, false),
    f("/provisionMap/schoolContributionPence", Money, false),
    f("/provisionMap/otherFundingPence", Money, false),
    f("/provisionMap/requestedTopUpPence", Money, false),
    // APDR
    f("/apdrCycles/*/cycleNo", Number, false),
    f("/apdrCycles/*/startDate", Date, true),
    f("/apdrCycles/*/plannedReviewDate", Date, true),
    f("/apdrCycles/*/actualReviewDate", Date, false),
    f("/apdrCycles/*/status", Choice, true),
    f("/apdrCycles/*/assess/summary", LongText, true),
    f("/apdrCycles/*/assess/sources", List, false),
    f("/apdrCycles/*/outcomeIds", Choices, true),
    f("/apdrCycles/*/provisionIds", Choices, true),
    f("/apdrCycles/*/review/outcomeStatus", Choice, false),
    f("/apdrCycles/*/review/outcomeEvidence", LongText, false),
    f("/apdrCycles/*/review/impactSummary", LongText, false),
    f("/apdrCycles/*/review/nextSteps", LongText, false),
    f("/apdrCycles/*/review/parentAttended", YesNo, false),
    f("/apdrCycles/*/review/parentMeetingDate", Date, false),
    f("/apdrCycles/*/review/parentContribution", LongText, false),
    f("/apdrCycles/*/review/pupilVoiceCaptured", YesNo, false),
    f("/apdrCycles/*/review/pupilVoice", LongText, false),
    f("/apdrCycles/*/review/attendees", List, false),
    f("/parentMeetings/*/date", Date, true),
    f("/parentMeetings/*/purpose", Text, false),
    // Specialists
    f("/specialists/*/id", Text, false),
    f("/specialists/*/type", Choice, true),
    f("/specialists/*/professionalName", Text, false),
    f("/specialists/*/role", Text, false),
    f("/specialists/*/firstInvolvedDate", Date, false),
    f("/specialists/*/latestReportDate", Date, false),
    f("/specialists/*/reportAttached", YesNo, false),
    f("/specialists/*/reportAttachmentId", Choice, false),
    f("/specialists/*/adviceSummary", LongText, false),
    f("/specialists/*/adviceImplemented", YesNo, false),
    f("/specialists/*/adviceImplementedHow", LongText, false),
    f("/specialists/*/status", Choice, true),
    // Pupil voice and parent views
    f("/pupilVoice/method", Choice, false),
    f("/pupilVoice/text", LongText, false),
    f("/pupilVoice/date", Date, false),
    f("/pupilVoice/attachmentId", Choice, false),
    f("/parentViews/text", LongText, false),
    f("/parentViews/date", Date, false),
    f("/parentViews/attachmentId", Choice, false),
    // Parents
    f("/parents", List, true),
    f("/parents/*/id", Text, true),
    f("/parents/*/title", Text, false),
    f("/parents/*/forename", Text, true),
    f("/parents/*/surname", Text, true),
    f("/parents/*/relationship", Choice, true),
    f("/parents/*/hasParentalResponsibility", YesNo, true),
    f("/parents/*/address", LongText, false),
    f("/parents/*/postcode", Postcode, false),
    f("/parents/*/phone", Phone, false),
    f("/parents/*/email", Email, false),
    f("/parents/*/preferredLanguage", Text, false),
    f("/parents/*/interpreterNeeded", YesNo, false),
    f("/parents/*/armedForces", YesNo, false),
    f("/parents/*/isMainContact", YesNo, false),
    // Request
    f("/request/summary", LongText, true),
    f("/request/amountRequestedPence", Money, false),
    f("/request/bandRequested", Text, false),
    f("/request/startDate", Date, true),
    f("/request/endDate", Date, false),
    f("/request/durationTerms", Number, false),
    f("/request/durationWeeks", Number, false),
    f("/request/plannedImpactMeasures", LongText, false),
    // Consent
    f("/consents/*/givenByPersonId", Choice, false),
    f("/consents/*/givenByYoungPerson", YesNo, false),
    f("/consents/*/relationship", Choice, false),
    f("/consents/*/hasParentalResponsibility", YesNo, false),
    f("/consents/*/date", Date, true),
    f("/consents/*/method", Choice, true),
    f("/consents/*/scopes", Choices, true),
    f("/consents/*/privacyNoticeVersion", Text, false),
    f("/consents/*/privacyNoticeAcknowledged", YesNo, false),
    f("/consents/*/discussedWithParentDate", Date, false),
    f("/consents/*/withdrawn", YesNo, false),
    f("/consents/*/withdrawnDate", Date, false),
    f("/consents/*/signatureAttachmentId", Choice, false),
    f("/consents/*/capacityDecision", LongText, false),
    // Attachments
    f("/attachments/*/id", Text, true),
    f("/attachments/*/type", Choice, true),
    f("/attachments/*/filename", Text, true),
    f("/attachments/*/mimeType", Text, false),
    // Each listed document is a file delivered with the application: its size and checksum
    // say which (the widget works them out; a file written by hand must give them).
    f("/attachments/*/sizeBytes", Number, true),
    f("/attachments/*/sha256", Text, true),
    f("/attachments/*/documentDate", Date, false),
    f("/attachments/*/reference", Text, false),
    // Declarations
    f("/declarations/senco/name", Text, false),
    f("/declarations/senco/signed", YesNo, false),
    f("/declarations/senco/date", Date, false),
    f("/declarations/headteacher/name", Text, false),
    f("/declarations/headteacher/signed", YesNo, false),
    f("/declarations/headteacher/date", Date, false),
    f(
        "/declarations/additionalToOrdinarilyAvailable",
        YesNo,
        false,
    ),
    f("/validation/warningsAcknowledged/*/ruleId", Text, false),
    f("/validation/warningsAcknowledged/*/pointer", Text, false),
    f(
        "/validation/warningsAcknowledged/*/justification",
        LongText,
        false,
    ),
];

/// Replaces list indices in a concrete pointer by `*`: `/parents/0/email` → `/parents/*/email`.
pub fn pattern_of(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|seg| {
            if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The spec of the field a concrete pointer refers to.
pub fn spec_for(pointer: &str) -> Option<&'static FieldSpec> {
    let pattern = pattern_of(pointer);
    FIELDS.iter().find(|f| f.pattern == pattern)
}

/// F-01's message for a field of this kind, from its label as it stands inside a sentence:
/// "Enter the child's date of birth", "Select whether the child is looked after".
pub fn missing_message(texts: &Catalogue, kind: Kind, label_in_sentence: &str) -> String {
    let l = the(texts, label_in_sentence);
    let id = match kind {
        Kind::Choice | Kind::Choices | Kind::YesNo => "rule.F-01.select",
        Kind::List => "rule.F-01.add",
        _ => "rule.F-01.enter",
    };
    texts.format(id, &[("label", &l)])
}

/// A label inside a sentence with "the" before it where it needs one: "the child's date of
/// birth", "the SEN provision"; not before "whether…", "what…", "who…" and the like.
pub fn the(texts: &Catalogue, label_in_sentence: &str) -> String {
    const NO_ARTICLE: &[&str] = &[
        "whether", "what", "why", "how", "who", "where", "which", "when", "the", "a", "an", "any",
        "each", "every",
    ];
    let first = label_in_sentence
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    if label_in_sentence.is_empty() || NO_ARTICLE.contains(&first) {
        label_in_sentence.to_owned()
    } else {
        texts.format("grammar.the", &[("label", &label_in_sentence)])
    }
}

/// `hourlyRatePence` → `Hourly rate pence`.
pub fn humanise(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push(' ');
            }
            out.push(c.to_ascii_lowercase());
        } else if i == 0 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The parts of an application that are a council's evidence, not what a request for an EHC
/// needs assessment legally needs (domain.md §0.1): the provision map, the APDR cycles, the
/// SEN register details, meetings with parents and the pupil's voice. In EHCNA mode nothing
/// at or under these is more than a warning, whichever check finds it.
pub const COUNCIL_EVIDENCE: &[&str] = &[
    "/provisionMap",
    "/apdrCycles",
    "/sen/provision",
    "/sen/dateAddedToRegister",
    "/sen/currentBand",
    "/parentMeetings",
    "/pupilVoice",
];

/// Whether a pointer (or a field pattern) is at or under a part of [`COUNCIL_EVIDENCE`].
pub fn is_council_evidence(pointer: &str) -> bool {
    COUNCIL_EVIDENCE.iter().any(|p| {
        pointer
            .strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(pattern_of("/parents/0/email"), "/parents/*/email");
        assert_eq!(
            pattern_of("/provisionMap/rows/12/entryData/date"),
            "/provisionMap/rows/*/entryData/date"
        );
        assert!(spec_for("/parents/3/surname").is_some());
    }

    #[test]
    fn patterns_are_unique() {
        for (i, a) in FIELDS.iter().enumerate() {
            assert!(
                FIELDS.iter().skip(i + 1).all(|b| b.pattern != a.pattern),
                "{}",
                a.pattern
            );
        }
    }

    #[test]
    fn humanises_keys() {
        assert_eq!(humanise("hourlyRatePence"), "Hourly rate pence");
    }
}
