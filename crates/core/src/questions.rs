//! The question the form asks for each field, and a short hint where a person needs one (a
//! format, an example, what counts), in GOV.UK style. Keyed by the same patterns as the field
//! table (`rules/field_specs.rs`), whose noun-phrase labels stay for messages ("Enter the
//! child's date of birth") and for check your answers. A profile's relabel of a field still
//! wins in the form. Fields the form works out itself (`form::is_computed`) have no question.

use crate::profile::Profile;
use crate::rules::field_specs::{label_for, pattern_of};

/// One field's question and optional hint.
struct Question {
    pattern: &'static str,
    question: &'static str,
    hint: Option<&'static str>,
}

const fn q(pattern: &'static str, question: &'static str) -> Question {
    Question {
        pattern,
        question,
        hint: None,
    }
}

const fn qh(pattern: &'static str, question: &'static str, hint: &'static str) -> Question {
    Question {
        pattern,
        question,
        hint: Some(hint),
    }
}

/// The question a field's pattern is asked by, if the form asks it.
pub fn question(pattern: &str) -> Option<&'static str> {
    QUESTIONS
        .iter()
        .find(|x| x.pattern == pattern)
        .map(|x| x.question)
}

/// The hint shown under a field's question, if it has one.
pub fn hint(pattern: &str) -> Option<&'static str> {
    QUESTIONS
        .iter()
        .find(|x| x.pattern == pattern)
        .and_then(|x| x.hint)
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

/// Every pattern with a question, with its question and hint (for tests and tools).
pub fn all() -> impl Iterator<Item = (&'static str, &'static str, Option<&'static str>)> {
    QUESTIONS.iter().map(|x| (x.pattern, x.question, x.hint))
}

/// Every question, in the field table's order.
const QUESTIONS: &[Question] = &[
    // About this application
    q("/requestType", "What are you asking for?"),
    qh("/panelDate", "Which panel meeting are you applying to?", "The date of the meeting, for example 12 6 2025"),
    q("/isReapplication", "Does this application continue or extend an earlier award?"),
    qh("/previousApplicationRef", "What was the reference of the earlier application?", "As the council gave it, if you know it"),
    q("/dateCompleted", "When was this application completed?"),
    // Setting and applicant
    q("/setting/name", "What is the name of your school or setting?"),
    qh("/setting/urn", "What is your school's unique reference number (URN)?", "6 digits, as shown on Get Information about Schools, for example 123456"),
    qh("/setting/laEstab", "What is your school's LA establishment number?", "7 digits: the council's 3-digit code and the school's 4-digit number, for example 8084321"),
    q("/setting/phase", "What phase of education is your school?"),
    q("/setting/type", "What type of setting is your school?"),
    qh("/setting/locality", "Which locality is your school in?", "The council's name for the area or group of schools yours belongs to"),
    qh("/setting/notionalSenBudgetPence", "What is your school's notional SEN budget this year?", "It is shown on the budget statement the council sends the school"),
    q("/setting/senco/name", "What is the SENCo's name?"),
    q("/setting/senco/email", "What is the SENCo's email address?"),
    qh("/setting/senco/phone", "What is the SENCo's telephone number?", "For international numbers include the country code"),
    qh("/setting/senco/nasencoStatus", "Has the SENCo achieved the national SENCo qualification?", "The National Award for SEN Coordination, or the national professional qualification that replaced it"),
    q("/setting/headteacher/name", "What is the headteacher's name?"),
    q("/setting/headteacher/email", "What is the headteacher's email address?"),
    // Child
    qh("/child/legalForename", "What is the child's legal first name?", "As it is on the school's records"),
    qh("/child/legalSurname", "What is the child's legal last name?", "As it is on the school's records"),
    qh("/child/preferredName", "What does the child like to be called?", "If it is different from their legal name"),
    qh("/child/dob", "What is the child's date of birth?", "For example, 27 3 2015"),
    qh("/child/sex", "What is the child's sex?", "As recorded in the school census"),
    qh("/child/upn", "What is the child's unique pupil number (UPN)?", "A letter followed by 12 digits, for example P823123400101"),
    qh("/child/ncy", "Which national curriculum year is the child in?", "The year group they are taught in"),
    q("/child/outOfYear", "Is the child taught in a different year group from their age?"),
    q("/child/address", "What is the child's address?"),
    qh("/child/postcode", "What is the child's postcode?", "For example, TS18 1AA"),
    qh("/child/residentLaCode", "Which local authority does the child live in?", "The council's 3-digit code, for example 808 for Stockton-on-Tees"),
    qh("/child/homeLanguages", "Which languages does the child speak at home?", "Put each language on a new line"),
    q("/child/interpreterNeeded", "Does the child need an interpreter?"),
    qh("/child/ethnicity", "What is the child's ethnicity?", "As recorded in the school census"),
    q("/child/religion", "What is the child's religion?"),
    qh("/child/nhsNumber", "What is the child's NHS number?", "10 digits, for example 485 777 3456"),
    qh("/child/gp", "Who is the child's GP?", "The name of the doctor and their surgery"),
    qh("/child/admissionDate", "When did the child join your school?", "For example, 4 9 2023"),
    q("/child/previousSettings/*/name", "What was the name of the school or setting?"),
    q("/child/previousSettings/*/from", "When did the child start there?"),
    q("/child/previousSettings/*/to", "When did the child leave?"),
    qh("/child/attendancePct12m", "What was the child's attendance over the last 12 months?", "As a percentage, for example 94.5"),
    qh("/child/daysAttendedPerWeek", "How many days a week does the child attend?", "For example, 5, or 2.5 on a part-time timetable"),
    // Context
    qh("/context/lookedAfter", "Is the child looked after by a local authority?", "Also called a child in care, for example in foster care"),
    qh("/context/placingLa", "Which local authority placed the child?", "The council responsible for the child's care"),
    qh("/context/childInNeed", "Is the child a child in need?", "Supported by children's social care under a child in need plan"),
    q("/context/childProtection", "Does the child have a child protection plan?"),
    q("/context/earlyHelp", "Is there an early help assessment for the child or their family?"),
    q("/context/youthOffending", "Is the youth offending service involved with the child?"),
    qh("/context/armedForcesFamily", "Is the child from an armed forces family?", "A parent serves in the armed forces, or has served"),
    q("/context/pupilPremium", "Does the school get pupil premium for the child?"),
    q("/context/eal", "Does the child speak English as an additional language?"),
    q("/context/fsm", "Does the child get free school meals?"),
    q("/context/medicalConditions", "Does the child have any medical conditions?"),
    qh("/context/exclusionsThisYear", "Has the child been excluded this school year?", "Include suspensions"),
    // SEN
    q("/sen/provision", "What SEN provision does the child have on the school census?"),
    qh("/sen/dateAddedToRegister", "When was the child added to the school's SEN register?", "For example, 5 9 2023"),
    q("/sen/primaryArea", "What is the child's primary area of need?"),
    qh("/sen/primaryNeedType", "What is the child's primary type of need?", "As recorded in the school census"),
    q("/sen/secondaryNeedType", "What is the child's secondary type of need?"),
    q("/sen/diagnoses/*/condition", "What condition was diagnosed?"),
    qh("/sen/diagnoses/*/diagnosedBy", "Who made the diagnosis?", "For example, a community paediatrician"),
    q("/sen/diagnoses/*/date", "When was the diagnosis made?"),
    qh("/sen/currentBand", "Which funding band is the child in now?", "If the council funds the child in bands"),
    qh("/sen/needsSummary", "What are the child's needs?", "What the child finds hard, and what helps"),
    q("/sen/ehcpIssuedDate", "When was the EHC plan issued?"),
    q("/sen/ehcnaUnderWay", "Is an EHC needs assessment under way?"),
    // Attainment
    q("/assessments/*/date", "When was the assessment done?"),
    qh("/assessments/*/measure", "What was measured?", "For example, reading age, or a standardised spelling score"),
    qh("/assessments/*/value", "What was the result?", "For example, 7 years 2 months, or 82"),
    qh("/assessments/*/ageEquivalent", "What age is the result equivalent to?", "For example, 6 years 9 months"),
    q("/assessments/*/peerComparison", "How does the result compare with the child's peers?"),
    // Outcomes
    q("/outcomes/*/area", "Which area of need is this outcome for?"),
    qh("/outcomes/*/text", "What is the outcome?", "What the child will be able to do, for example: read 60 words a minute aloud"),
    qh("/outcomes/*/measure/baseline", "Where is the child starting from?", "A number, for example 32 correct words a minute"),
    qh("/outcomes/*/measure/target", "What is the target?", "A number in the same unit as the starting point, for example 60"),
    qh("/outcomes/*/measure/unit", "What are the starting point and the target measured in?", "For example, correct words a minute"),
    q("/outcomes/*/byDate", "When should the outcome be met by?"),
    q("/outcomes/*/agreedWithParent", "Was this outcome agreed with the child's parents?"),
    q("/outcomes/*/agreedWithPupil", "Was this outcome agreed with the child?"),
    // Provision map
    qh("/provisionMap/weeksPerYear", "How many weeks a year is provision delivered?", "For example, 38"),
    q("/provisionMap/periodWeeks", "How many weeks are you applying for?"),
    qh("/provisionMap/rows/*/intervention", "What is the intervention called?", "For example, precision teaching, or a social skills group"),
    q("/provisionMap/rows/*/area", "Which area of need is this provision for?"),
    q("/provisionMap/rows/*/linkedOutcomeIds", "Which outcomes does this provision work towards?"),
    q("/provisionMap/rows/*/category", "What type of cost is it?"),
    q("/provisionMap/rows/*/staffRole", "What is the role of the staff leading it?"),
    q("/provisionMap/rows/*/adults", "How many adults lead each session?"),
    qh("/provisionMap/rows/*/groupSize", "How many pupils are in the group?", "Include this child: enter 1 for one-to-one support"),
    q("/provisionMap/rows/*/sessionMinutes", "How long is each session, in minutes?"),
    qh("/provisionMap/rows/*/sessionsPerWeek", "How many sessions are there each week?", "For example, 5, or 0.5 for one session a fortnight"),
    q("/provisionMap/rows/*/frequency", "How often does it happen?"),
    qh("/provisionMap/rows/*/weeks", "How many weeks does it run for?", "For example, 38 for a whole school year"),
    qh("/provisionMap/rows/*/hourlyRatePence", "What is the hourly rate?", "What an hour of the staff's time costs the school"),
    qh("/provisionMap/rows/*/fixedCostPence", "How much does it cost?", "The price of one, for example of a resource, a service or a course"),
    q("/provisionMap/rows/*/quantity", "How many are you paying for?"),
    qh("/provisionMap/rows/*/chargeFullGroupCost", "Was the group set up only for this child?", "If it was, the whole group's cost is charged to this child"),
    q("/provisionMap/rows/*/chargeFullGroupJustification", "Why was the group set up only for this child?"),
    q("/provisionMap/rows/*/fundingSource", "Who pays for it?"),
    q("/provisionMap/rows/*/startDate", "When does the provision start?"),
    q("/provisionMap/rows/*/endDate", "When does the provision end?"),
    qh("/provisionMap/rows/*/entryData/measure", "What was measured when it started?", "For example, reading age"),
    q("/provisionMap/rows/*/entryData/value", "What was the result when it started?"),
    q("/provisionMap/rows/*/entryData/date", "When was that measure taken?"),
    qh("/provisionMap/rows/*/exitData/measure", "What was measured at the end?", "For example, reading age"),
    q("/provisionMap/rows/*/exitData/value", "What was the result at the end?"),
    q("/provisionMap/rows/*/exitData/date", "When was the measure at the end taken?"),
    q("/provisionMap/rows/*/impact", "What impact did it have?"),
    q("/provisionMap/rows/*/impactNotes", "How do you know what impact it had?"),
    qh("/provisionMap/rows/*/isOrdinarilyAvailable", "Is this ordinarily available provision?", "Support every school is expected to provide from its own budget"),
    // APDR
    q("/apdrCycles/*/startDate", "When was the plan agreed?"),
    q("/apdrCycles/*/plannedReviewDate", "When was the review planned for?"),
    q("/apdrCycles/*/actualReviewDate", "When did the review take place?"),
    q("/apdrCycles/*/status", "Is this cycle completed or still in progress?"),
    q("/apdrCycles/*/assess/summary", "What did the assessment find?"),
    qh("/apdrCycles/*/assess/sources", "What information did the assessment use?", "For example, a reading test, an observation or the class teacher's assessment, each on a new line"),
    q("/apdrCycles/*/outcomeIds", "Which outcomes were worked on in this cycle?"),
    q("/apdrCycles/*/provisionIds", "Which provision was delivered in this cycle?"),
    q("/apdrCycles/*/review/outcomeStatus", "Was each outcome achieved?"),
    q("/apdrCycles/*/review/outcomeEvidence", "What shows whether each outcome was achieved?"),
    qh("/apdrCycles/*/review/impactSummary", "What impact did the support have?", "What worked and what did not"),
    qh("/apdrCycles/*/review/nextSteps", "What are the next steps?", "What you will change as a result of the review"),
    q("/apdrCycles/*/review/parentAttended", "Did the parents attend the review?"),
    q("/apdrCycles/*/review/parentMeetingDate", "When did you meet the parents?"),
    q("/apdrCycles/*/review/parentContribution", "What did the parents contribute to the review?"),
    q("/apdrCycles/*/review/pupilVoiceCaptured", "Were the child's views gathered for the review?"),
    qh("/apdrCycles/*/review/pupilVoice", "What did the child say at the review?", "In their own words, where you can"),
    qh("/apdrCycles/*/review/attendees", "Who attended the review?", "Put each person on a new line, with their role"),
    q("/parentMeetings/*/date", "When did you meet the parents?"),
    q("/parentMeetings/*/purpose", "What was the meeting for?"),
    // Specialists
    q("/specialists/*/type", "Which service is involved?"),
    q("/specialists/*/professionalName", "What is the professional's name?"),
    qh("/specialists/*/role", "What is their role?", "For example, senior educational psychologist"),
    q("/specialists/*/firstInvolvedDate", "When did they first become involved?"),
    q("/specialists/*/latestReportDate", "What is the date of their latest report?"),
    q("/specialists/*/reportAttached", "Is their report attached?"),
    qh("/specialists/*/reportAttachmentId", "Which supporting document is their report?", "Add it under Supporting documents first"),
    q("/specialists/*/adviceSummary", "What did they advise?"),
    q("/specialists/*/adviceImplemented", "Has their advice been put in place?"),
    q("/specialists/*/adviceImplementedHow", "How has their advice been put in place?"),
    q("/specialists/*/status", "What is the status of their involvement?"),
    // Pupil voice and parent views
    q("/pupilVoice/method", "How were the child's views gathered?"),
    qh("/pupilVoice/text", "What are the child's views?", "In their own words, where you can"),
    q("/pupilVoice/date", "When were the child's views gathered?"),
    qh("/pupilVoice/attachmentId", "Which supporting document records the child's views?", "Add it under Supporting documents first"),
    qh("/parentViews/text", "What are the parents' or carers' views?", "In their own words, where you can"),
    q("/parentViews/date", "When did the parents or carers give their views?"),
    qh("/parentViews/attachmentId", "Which supporting document has the parents' or carers' views?", "Add it under Supporting documents first"),
    // Parents
    qh("/parents/*/title", "What is their title?", "For example, Ms, Mr or Dr"),
    q("/parents/*/forename", "What is their first name?"),
    q("/parents/*/surname", "What is their last name?"),
    q("/parents/*/relationship", "What is their relationship to the child?"),
    q("/parents/*/hasParentalResponsibility", "Do they have parental responsibility for the child?"),
    qh("/parents/*/address", "What is their address?", "If it is different from the child's"),
    q("/parents/*/postcode", "What is their postcode?"),
    qh("/parents/*/phone", "What is their telephone number?", "For international numbers include the country code"),
    q("/parents/*/email", "What is their email address?"),
    q("/parents/*/preferredLanguage", "Which language would they like to use?"),
    q("/parents/*/interpreterNeeded", "Do they need an interpreter?"),
    q("/parents/*/armedForces", "Do they serve in the armed forces?"),
    q("/parents/*/isMainContact", "Are they the main contact?"),
    // Request
    qh("/request/summary", "Why can the child's needs not be met from ordinarily available provision?", "What the school has tried, what difference it made, and what more the child needs"),
    q("/request/bandRequested", "Which funding band are you asking for?"),
    q("/request/startDate", "When should the support start?"),
    q("/request/endDate", "When should the support end?"),
    q("/request/durationWeeks", "How many weeks is the support for?"),
    q("/request/plannedImpactMeasures", "How will you measure the impact?"),
    // Consent
    q("/consents/*/givenByPersonId", "Who gave consent?"),
    q("/consents/*/givenByYoungPerson", "Did the young person give consent themselves?"),
    q("/consents/*/date", "When was consent given?"),
    q("/consents/*/method", "How was consent recorded?"),
    q("/consents/*/scopes", "What does the consent cover?"),
    qh("/consents/*/privacyNoticeVersion", "Which version of the council's privacy notice were they given?", "As printed on the notice"),
    q("/consents/*/privacyNoticeAcknowledged", "Have they read the council's privacy notice?"),
    q("/consents/*/discussedWithParentDate", "When did you discuss the application with the parent?"),
    q("/consents/*/withdrawn", "Has consent been withdrawn?"),
    q("/consents/*/withdrawnDate", "When was consent withdrawn?"),
    qh("/consents/*/signatureAttachmentId", "Which supporting document is the signed consent?", "Add it under Supporting documents first"),
    qh("/consents/*/capacityDecision", "What was decided about the young person's capacity to consent?", "Who decided, when, and why"),
    // Attachments
    q("/attachments/*/type", "What type of document is it?"),
    q("/attachments/*/filename", "What is the file called?"),
    q("/attachments/*/sizeBytes", "How big is the file, in bytes?"),
    qh("/attachments/*/sha256", "What is the file's checksum?", "Only if your system gives one"),
    q("/attachments/*/documentDate", "What is the date of the document?"),
    qh("/attachments/*/reference", "Where is the file held?", "For example, the secure file transfer service you sent it by"),
    // Declarations
    q("/declarations/senco/name", "What is the name of the SENCo signing the declaration?"),
    q("/declarations/senco/signed", "Has the SENCo signed the declaration?"),
    q("/declarations/senco/date", "When did the SENCo sign the declaration?"),
    q("/declarations/headteacher/name", "What is the name of the headteacher signing the declaration?"),
    q("/declarations/headteacher/signed", "Has the headteacher signed the declaration?"),
    q("/declarations/headteacher/date", "When did the headteacher sign the declaration?"),
    q("/declarations/additionalToOrdinarilyAvailable", "Is the provision in this application additional to or different from ordinarily available provision?"),
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
