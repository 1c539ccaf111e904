//! What each field is called, what kind of answer it takes and whether it is required by
//! default. One table serves the required-answer check, the words of field-level messages, the
//! CLI and the widget's labels. Patterns are JSON Pointers with `*` for any list index; a
//! profile can make a field required, optional or hidden (`fields` in the profile).

use crate::profile::{FieldRequirement, Profile};
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
    pub pattern: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// Required unless the profile says otherwise.
    pub required: bool,
}

use Kind::*;

const fn f(pattern: &'static str, label: &'static str, kind: Kind, required: bool) -> FieldSpec {
    FieldSpec {
        pattern,
        label,
        kind,
        required,
    }
}

/// Every field with a label, in form order.
pub const FIELDS: &[FieldSpec] = &[
    // About this application
    f("/requestType", "What you are asking for", Choices, true),
    f("/panelDate", "Panel date", Date, false),
    f("/isReapplication", "Whether this continues or extends an earlier award", YesNo, false),
    f("/previousApplicationRef", "Reference of the earlier application", Text, false),
    f("/dateCompleted", "Date the application was completed", Date, false),
    // Setting and applicant
    f("/setting/name", "School or setting name", Text, true),
    f("/setting/urn", "School URN", Digits(6), true),
    f("/setting/laEstab", "LA establishment number", Digits(7), false),
    f("/setting/phase", "School phase", Choice, true),
    f("/setting/type", "Type of setting", Choice, true),
    f("/setting/locality", "Locality", Text, false),
    f("/setting/notionalSenBudgetPence", "The school's notional SEN budget", Money, false),
    f("/setting/senco/name", "SENCo's name", Text, true),
    f("/setting/senco/email", "SENCo's email address", Email, true),
    f("/setting/senco/phone", "SENCo's telephone number", Phone, false),
    f("/setting/senco/nasencoStatus", "SENCo's national award status", Choice, false),
    f("/setting/headteacher/name", "Headteacher's name", Text, true),
    f("/setting/headteacher/email", "Headteacher's email address", Email, false),
    // Child
    f("/child/legalForename", "Child's legal first name", Text, true),
    f("/child/legalSurname", "Child's legal last name", Text, true),
    f("/child/preferredName", "Name the child likes to be called", Text, false),
    f("/child/dob", "Child's date of birth", Date, true),
    f("/child/sex", "Child's sex", Choice, true),
    f("/child/upn", "Unique pupil number (UPN)", Text, true),
    f("/child/ncy", "National curriculum year", Choice, true),
    f("/child/outOfYear", "Whether the child is taught out of their year group", YesNo, false),
    f("/child/address", "Child's address", LongText, true),
    f("/child/postcode", "Child's postcode", Postcode, true),
    f("/child/residentLaCode", "Local authority where the child lives", Digits(3), true),
    f("/child/homeLanguages", "Languages spoken at home", List, false),
    f("/child/interpreterNeeded", "Whether an interpreter is needed", YesNo, false),
    f("/child/ethnicity", "Ethnicity", Text, false),
    f("/child/religion", "Religion", Text, false),
    f("/child/nhsNumber", "NHS number", Text, false),
    f("/child/gp", "GP", Text, false),
    f("/child/admissionDate", "Date the child joined the school", Date, false),
    f("/child/previousSettings/*/name", "Name of the previous setting", Text, true),
    f("/child/previousSettings/*/from", "Date the child started there", Date, false),
    f("/child/previousSettings/*/to", "Date the child left", Date, false),
    f("/child/attendancePct12m", "Attendance over the last 12 months", Number, true),
    f("/child/daysAttendedPerWeek", "Days attended each week", Number, false),
    // Context
    f("/context/lookedAfter", "Whether the child is looked after", YesNo, true),
    f("/context/placingLa", "Placing local authority", Text, false),
    f("/context/childInNeed", "Whether the child is a child in need", YesNo, false),
    f("/context/childProtection", "Whether the child has a child protection plan", YesNo, false),
    f("/context/earlyHelp", "Whether there is an early help assessment", YesNo, false),
    f("/context/youthOffending", "Whether the youth offending service is involved", YesNo, false),
    f("/context/armedForcesFamily", "Whether the child is from an armed forces family", YesNo, false),
    f("/context/pupilPremium", "Whether the child receives pupil premium", YesNo, false),
    f("/context/eal", "Whether English is an additional language", YesNo, false),
    f("/context/fsm", "Whether the child has free school meals", YesNo, false),
    f("/context/medicalConditions", "Whether the child has medical conditions", YesNo, false),
    f("/context/exclusionsThisYear", "Whether the child has been excluded this year", YesNo, false),
    // SEN
    f("/sen/provision", "SEN provision", Choice, true),
    f("/sen/dateAddedToRegister", "Date added to the SEN register", Date, true),
    f("/sen/primaryArea", "Primary area of need", Choice, true),
    f("/sen/primaryNeedType", "Primary type of need", Choice, true),
    f("/sen/secondaryNeedType", "Secondary type of need", Choice, false),
    f("/sen/diagnoses/*/condition", "Condition diagnosed", Text, true),
    f("/sen/diagnoses/*/diagnosedBy", "Who made the diagnosis", Text, false),
    f("/sen/diagnoses/*/date", "Date of diagnosis", Date, false),
    f("/sen/currentBand", "Current band", Text, false),
    f("/sen/needsSummary", "Summary of the child's needs", LongText, true),
    f("/sen/ehcpIssuedDate", "Date the EHC plan was issued", Date, false),
    f("/sen/ehcnaUnderWay", "Whether an EHC needs assessment is under way", YesNo, false),
    // Attainment
    f("/assessments/*/date", "Date of the assessment", Date, true),
    f("/assessments/*/measure", "What was measured", Text, true),
    f("/assessments/*/value", "Result", Text, true),
    f("/assessments/*/ageEquivalent", "Age equivalent", Text, false),
    f("/assessments/*/peerComparison", "Comparison with peers", Text, false),
    // Outcomes
    f("/outcomes/*/id", "Outcome reference", Text, true),
    f("/outcomes/*/area", "Area of need of the outcome", Choice, true),
    f("/outcomes/*/text", "Outcome", LongText, true),
    f("/outcomes/*/measure/baseline", "Baseline", Number, false),
    f("/outcomes/*/measure/target", "Target", Number, false),
    f("/outcomes/*/measure/unit", "Unit of measure", Text, false),
    f("/outcomes/*/byDate", "Date the outcome should be met by", Date, false),
    f("/outcomes/*/agreedWithParent", "Whether the outcome was agreed with parents", YesNo, false),
    f("/outcomes/*/agreedWithPupil", "Whether the outcome was agreed with the child", YesNo, false),
    // Provision map
    f("/provisionMap/weeksPerYear", "Delivery weeks in the school year", Number, false),
    f("/provisionMap/periodWeeks", "Weeks applied for", Number, false),
    f("/provisionMap/rows/*/id", "Provision reference", Text, true),
    f("/provisionMap/rows/*/intervention", "Name of the intervention", Text, true),
    f("/provisionMap/rows/*/area", "Area of need of the provision", Choice, true),
    f("/provisionMap/rows/*/linkedOutcomeIds", "Outcomes this provision works towards", Choices, false),
    f("/provisionMap/rows/*/category", "Type of cost", Choice, true),
    f("/provisionMap/rows/*/staffRole", "Role of the staff leading it", Choice, false),
    f("/provisionMap/rows/*/adults", "Number of adults", Number, false),
    f("/provisionMap/rows/*/groupSize", "Number of pupils in the group", Number, false),
    f("/provisionMap/rows/*/staffRatio", "Staff ratio", Text, false),
    f("/provisionMap/rows/*/sessionMinutes", "Length of each session in minutes", Number, false),
    f("/provisionMap/rows/*/sessionsPerWeek", "Sessions each week", Number, false),
    f("/provisionMap/rows/*/frequency", "How often", Choice, false),
    f("/provisionMap/rows/*/weeks", "Number of weeks", Number, false),
    f("/provisionMap/rows/*/hourlyRatePence", "Hourly rate", Money, false),
    f("/provisionMap/rows/*/fixedCostPence", "Fixed cost", Money, false),
    f("/provisionMap/rows/*/quantity", "Quantity", Number, false),
    f("/provisionMap/rows/*/chargeFullGroupCost", "Whether the group was set up only for this child", YesNo, false),
    f("/provisionMap/rows/*/chargeFullGroupJustification", "Why the whole group's cost is charged", LongText, false),
    f("/provisionMap/rows/*/annualCostPence", "Annual cost", Money, false),
    f("/provisionMap/rows/*/fundingSource", "Who pays for it", Choice, true),
    f("/provisionMap/rows/*/startDate", "Start date of the provision", Date, true),
    f("/provisionMap/rows/*/endDate", "End date of the provision", Date, true),
    f("/provisionMap/rows/*/entryData/measure", "Entry measure", Text, false),
    f("/provisionMap/rows/*/entryData/value", "Entry result", Text, false),
    f("/provisionMap/rows/*/entryData/date", "Date of the entry measure", Date, false),
    f("/provisionMap/rows/*/exitData/measure", "Exit measure", Text, false),
    f("/provisionMap/rows/*/exitData/value", "Exit result", Text, false),
    f("/provisionMap/rows/*/exitData/date", "Date of the exit measure", Date, false),
    f("/provisionMap/rows/*/impact", "Impact", Choice, false),
    f("/provisionMap/rows/*/impactNotes", "Notes on impact", LongText, false),
    f("/provisionMap/rows/*/isOrdinarilyAvailable", "Whether this is ordinarily available provision", YesNo, true),
    f("/provisionMap/subtotals/notionalSenPence", "Notional SEN budget subtotal", Money, false),
    f("/provisionMap/subtotals/pupilPremiumPence", "Pupil premium subtotal", Money, false),
    f("/provisionMap/subtotals/topUpRequestedPence", "Top-up requested subtotal", Money, false),
    f("/provisionMap/subtotals/otherGrantPence", "Other grant subtotal", Money, false),
    f("/provisionMap/subtotals/freeServicePence", "Free services subtotal", Money, false),
    f("/provisionMap/totalPence", "Total cost of provision", Money, false),
    f("/provisionMap/schoolContributionPence", "School contribution", Money, false),
    f("/provisionMap/otherFundingPence", "Other funding", Money, false),
    f("/provisionMap/requestedTopUpPence", "Top-up requested", Money, false),
    // APDR
    f("/apdrCycles/*/cycleNo", "Cycle number", Number, false),
    f("/apdrCycles/*/startDate", "Date the plan was agreed", Date, true),
    f("/apdrCycles/*/plannedReviewDate", "Planned review date", Date, true),
    f("/apdrCycles/*/actualReviewDate", "Date of the review", Date, false),
    f("/apdrCycles/*/status", "Whether the cycle is completed", Choice, true),
    f("/apdrCycles/*/assess/summary", "What the assessment found", LongText, true),
    f("/apdrCycles/*/assess/sources", "Sources of assessment information", List, false),
    f("/apdrCycles/*/outcomeIds", "Outcomes worked on in this cycle", Choices, true),
    f("/apdrCycles/*/provisionIds", "Provision delivered in this cycle", Choices, true),
    f("/apdrCycles/*/review/outcomeStatus", "Review status of each outcome", Choice, false),
    f("/apdrCycles/*/review/outcomeEvidence", "Evidence for each outcome's status", LongText, false),
    f("/apdrCycles/*/review/impactSummary", "Impact of the support", LongText, false),
    f("/apdrCycles/*/review/nextSteps", "Next steps and adaptations", LongText, false),
    f("/apdrCycles/*/review/parentAttended", "Whether parents attended the review", YesNo, false),
    f("/apdrCycles/*/review/parentMeetingDate", "Date of the meeting with parents", Date, false),
    f("/apdrCycles/*/review/parentContribution", "Parents' contribution to the review", LongText, false),
    f("/apdrCycles/*/review/pupilVoiceCaptured", "Whether the child's views were captured", YesNo, false),
    f("/apdrCycles/*/review/pupilVoice", "The child's views at the review", LongText, false),
    f("/apdrCycles/*/review/attendees", "Who attended the review", List, false),
    f("/parentMeetings/*/date", "Date of the meeting with parents", Date, true),
    f("/parentMeetings/*/purpose", "Purpose of the meeting", Text, false),
    // Specialists
    f("/specialists/*/id", "Specialist reference", Text, false),
    f("/specialists/*/type", "Service", Choice, true),
    f("/specialists/*/professionalName", "Name of the professional", Text, false),
    f("/specialists/*/role", "Role", Text, false),
    f("/specialists/*/firstInvolvedDate", "Date first involved", Date, false),
    f("/specialists/*/latestReportDate", "Date of the latest report", Date, false),
    f("/specialists/*/reportAttached", "Whether the report is attached", YesNo, false),
    f("/specialists/*/reportAttachmentId", "Attached report", Choice, false),
    f("/specialists/*/adviceSummary", "Summary of the advice", LongText, false),
    f("/specialists/*/adviceImplemented", "Whether the advice has been put in place", YesNo, false),
    f("/specialists/*/adviceImplementedHow", "How the advice has been put in place", LongText, false),
    f("/specialists/*/status", "Status of the involvement", Choice, true),
    // Pupil voice and parent views
    f("/pupilVoice/method", "How the child's views were gathered", Choice, false),
    f("/pupilVoice/text", "The child's views", LongText, false),
    f("/pupilVoice/date", "Date the child's views were gathered", Date, false),
    f("/pupilVoice/attachmentId", "Attached record of the child's views", Choice, false),
    f("/parentViews/text", "Parents' or carers' views", LongText, false),
    f("/parentViews/date", "Date of the parents' views", Date, false),
    f("/parentViews/attachmentId", "Attached parents' views", Choice, false),
    // Parents
    f("/parents", "Parents and carers", List, true),
    f("/parents/*/id", "Parent reference", Text, true),
    f("/parents/*/title", "Title", Text, false),
    f("/parents/*/forename", "Parent's first name", Text, true),
    f("/parents/*/surname", "Parent's last name", Text, true),
    f("/parents/*/relationship", "Relationship to the child", Choice, true),
    f("/parents/*/hasParentalResponsibility", "Whether they have parental responsibility", YesNo, true),
    f("/parents/*/address", "Parent's address", LongText, false),
    f("/parents/*/postcode", "Parent's postcode", Postcode, false),
    f("/parents/*/phone", "Parent's telephone number", Phone, false),
    f("/parents/*/email", "Parent's email address", Email, false),
    f("/parents/*/preferredLanguage", "Parent's preferred language", Text, false),
    f("/parents/*/interpreterNeeded", "Whether the parent needs an interpreter", YesNo, false),
    f("/parents/*/armedForces", "Whether the parent serves in the armed forces", YesNo, false),
    f("/parents/*/isMainContact", "Whether this is the main contact", YesNo, false),
    // Request
    f("/request/summary", "Why the child's needs cannot be met from ordinarily available provision", LongText, true),
    f("/request/amountRequestedPence", "Amount requested", Money, false),
    f("/request/bandRequested", "Band requested", Text, false),
    f("/request/startDate", "Start date of the support requested", Date, true),
    f("/request/endDate", "End date of the support requested", Date, false),
    f("/request/durationTerms", "Duration in terms", Number, false),
    f("/request/durationWeeks", "Duration in weeks", Number, false),
    f("/request/plannedImpactMeasures", "How you will measure the impact", LongText, false),
    // Consent
    f("/consents/*/givenByPersonId", "Who gave consent", Choice, false),
    f("/consents/*/givenByYoungPerson", "Whether the young person gave consent", YesNo, false),
    f("/consents/*/relationship", "Relationship of the person consenting", Choice, false),
    f("/consents/*/hasParentalResponsibility", "Whether the person consenting has parental responsibility", YesNo, false),
    f("/consents/*/date", "Date consent was given", Date, true),
    f("/consents/*/method", "How consent was recorded", Choice, true),
    f("/consents/*/scopes", "What the consent covers", Choices, true),
    f("/consents/*/privacyNoticeVersion", "Privacy notice version", Text, false),
    f("/consents/*/privacyNoticeAcknowledged", "Whether the privacy notice was read", YesNo, false),
    f("/consents/*/discussedWithParentDate", "Date the application was discussed with the parent", Date, false),
    f("/consents/*/withdrawn", "Whether consent has been withdrawn", YesNo, false),
    f("/consents/*/withdrawnDate", "Date consent was withdrawn", Date, false),
    f("/consents/*/signatureAttachmentId", "Attached signed consent", Choice, false),
    f("/consents/*/capacityDecision", "Record of the capacity decision", LongText, false),
    // Attachments
    f("/attachments/*/id", "Document reference", Text, true),
    f("/attachments/*/type", "Type of document", Choice, true),
    f("/attachments/*/filename", "File name", Text, true),
    f("/attachments/*/mimeType", "File type", Text, false),
    // Each listed document is a file delivered with the application: its size and checksum
    // say which (the widget works them out; a file written by hand must give them).
    f("/attachments/*/sizeBytes", "File size", Number, true),
    f("/attachments/*/sha256", "File checksum", Text, true),
    f("/attachments/*/documentDate", "Date of the document", Date, false),
    f("/attachments/*/reference", "Where the file is held", Text, false),
    // Declarations
    f("/declarations/senco/name", "SENCo's name for the declaration", Text, false),
    f("/declarations/senco/signed", "SENCo's declaration", YesNo, false),
    f("/declarations/senco/date", "Date of the SENCo's declaration", Date, false),
    f("/declarations/headteacher/name", "Headteacher's name for the declaration", Text, false),
    f("/declarations/headteacher/signed", "Headteacher's declaration", YesNo, false),
    f("/declarations/headteacher/date", "Date of the headteacher's declaration", Date, false),
    f("/declarations/additionalToOrdinarilyAvailable", "Declaration that the provision is additional to or different from ordinarily available provision", YesNo, false),
    f("/validation/warningsAcknowledged/*/ruleId", "Rule answered", Text, false),
    f("/validation/warningsAcknowledged/*/pointer", "Field answered", Text, false),
    f("/validation/warningsAcknowledged/*/justification", "Justification", LongText, false),
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

/// A field's label for people, relabelled where the profile says, else derived from its key.
pub fn label_for(pointer: &str, profile: &Profile) -> String {
    let pattern = pattern_of(pointer);
    if let Some(l) = profile.label(&pattern) {
        return l.to_owned();
    }
    match FIELDS.iter().find(|f| f.pattern == pattern) {
        Some(f) => f.label.to_owned(),
        None => humanise(pointer.rsplit('/').next().unwrap_or(pointer)),
    }
}

/// A field's label as it stands inside a sentence ("Enter the SENCo's name" needs "SENCo's
/// name", "Enter child's date of birth" needs "child's…"): the first letter in lower case
/// unless the first word is an abbreviation or a name (see [`super::lower_first_keeping`]). A
/// label the profile wrote keeps a first word that is part of the council's name.
pub fn label_in_sentence(pointer: &str, profile: &Profile) -> String {
    let label = label_for(pointer, profile);
    let names = if profile.label(&pattern_of(pointer)).is_some() {
        profile.name.as_str()
    } else {
        ""
    };
    super::lower_first_keeping(&label, names)
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

/// Whether a field is required under a profile.
pub fn is_required(spec: &FieldSpec, profile: &Profile) -> bool {
    match profile.field(spec.pattern) {
        Some(FieldRequirement::Required) => true,
        Some(FieldRequirement::Optional | FieldRequirement::Hidden) => false,
        None => spec.required,
    }
}

/// Whether a field is asked at all under a profile.
pub fn is_hidden(pattern: &str, profile: &Profile) -> bool {
    profile.field(pattern) == Some(FieldRequirement::Hidden)
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
