//! Every rule the core checks: id, default severity in panel and EHCNA mode, whether it is a
//! council evidence criterion (never an error for a statutory request, domain.md §0.1) and its
//! source. The ids are those of domain.md §4; `F-xx` are field-level checks and `D-xx` the
//! checks on documents (`documents.rs`).

use crate::report::Severity::{self, Error as E, Info as I, Warning as W};

/// One rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDef {
    pub id: &'static str,
    pub title: &'static str,
    /// Default severity for a council panel; `None`: not checked.
    pub panel: Option<Severity>,
    /// Default severity for an EHC needs assessment request; `None`: not checked.
    pub ehcna: Option<Severity>,
    /// A council evidence criterion: at most a warning in EHCNA mode.
    pub evidence: bool,
    pub source: &'static str,
}

const fn rule(
    id: &'static str,
    title: &'static str,
    panel: Option<Severity>,
    ehcna: Option<Severity>,
    evidence: bool,
    source: &'static str,
) -> RuleDef {
    RuleDef {
        id,
        title,
        panel,
        ehcna,
        evidence,
        source,
    }
}

/// The catalogue, in id order.
pub const RULES: &[RuleDef] = &[
    rule("D-01", "Documents the council asks for attached", Some(E), Some(W), true, "Council mandatory attachments (West Northamptonshire: SEN support plans, costed provision map, quotes)"),
    rule("D-02", "Referenced document of the right type", Some(W), Some(W), false, "Data quality"),
    rule("D-03", "File checksum in the right form", Some(E), Some(E), false, "Data integrity"),
    rule("D-04", "File not empty and within the size limit", Some(E), Some(E), false, "Council file limits (10 MB a file is common)"),
    rule("D-05", "No more files than the council accepts", Some(E), Some(E), false, "Council file limits"),
    rule("D-06", "Each file attached once", Some(E), Some(E), false, "Data integrity"),
    rule("D-07", "A kind of file the council accepts", Some(E), Some(E), false, "Council file limits"),
    rule("D-08", "Document date not in the future", Some(E), Some(E), false, "Data integrity"),
    rule("F-01", "Required answer missing", Some(E), Some(E), false, "Council application form"),
    rule("F-02", "Answer too long", Some(E), Some(E), false, "Service limit"),
    rule("F-03", "Email or telephone format", Some(E), Some(E), false, "Data quality"),
    rule("F-04", "Reference number format", Some(E), Some(E), false, "DfE establishment and LA codes"),
    rule("F-05", "Amount of money not negative and not above the council's bound", Some(E), Some(E), false, "Data quality"),
    rule("F-06", "Real calendar date", Some(E), Some(E), false, "Data quality"),
    rule("F-07", "Unique ids and references that exist", Some(E), Some(E), false, "Data integrity"),
    rule("V-01", "No current EHC plan", Some(E), None, true, "Croydon LSS; Redcar & Cleveland RSP; West Northamptonshire inclusion funding"),
    rule("V-02", "No EHC needs assessment under way", Some(E), Some(W), true, "West Northamptonshire; SEND Regulations 2014 (repeat requests within 6 months)"),
    rule("V-03", "On the SEN register (SEN support)", Some(E), Some(I), true, "Redcar & Cleveland RSP"),
    rule("V-04", "Setting type allowed", Some(E), None, true, "Croydon LSS; West Northamptonshire"),
    rule("V-05", "Child lives in the council's area", Some(W), Some(W), true, "Top-up is paid by the LA where the pupil lives (DfE high needs funding)"),
    rule("V-06", "Year group allowed", Some(W), None, true, "Oxfordshire additional funding; Leeds FFI"),
    rule("V-07", "Funding duration within the maximum", Some(E), None, true, "Oxfordshire additional funding"),
    rule("V-08", "Request type offered by this scheme", Some(E), None, true, "Council scheme definitions (e.g. Somerset: no non-statutory top-up)"),
    rule("V-10", "Enough completed APDR cycles", Some(E), Some(W), true, "SEND Code of Practice 6.44-6.56; West Northamptonshire; Hampshire; Stockton"),
    rule("V-11", "Evidence over at least two terms", Some(E), Some(W), true, "Generic HNF application; Milton Keynes"),
    rule("V-12", "Each cycle starts before it is reviewed", Some(E), Some(E), false, "Data integrity"),
    rule("V-13", "Cycles in order and not overlapping", Some(E), Some(E), false, "SEND Code of Practice 6.44 (revisited, refined and revised)"),
    rule("V-14", "Cycle length", Some(W), Some(I), true, "Kirklees and Solihull termly reviews"),
    rule("V-15", "Dates not in the future or before birth", Some(E), Some(E), false, "Data integrity"),
    rule("V-16", "Recent review", Some(W), Some(W), true, "Panels want current evidence (generic HNF: reports in the last 12 months)"),
    rule("V-17", "Completed cycles reviewed in full", Some(E), Some(W), true, "Stockton One Point (what have they done, has it worked, what have they adapted); Islington"),
    rule("V-18", "Adaptation between cycles", Some(W), Some(I), true, "Sutton APDR; Islington (subsequent adaptations)"),
    rule("V-19", "At most one cycle in progress, and it is the last", Some(E), Some(E), false, "Data integrity"),
    rule("V-20", "Parents met at least three times a year", Some(W), Some(W), true, "SEND Code of Practice 6.65"),
    rule("V-21", "Parents involved in each review", Some(W), Some(W), true, "SEND Code of Practice 6.48; Hampshire SEN support plan checklist"),
    rule("V-22", "Parents' views included", Some(E), Some(W), true, "EHCNA forms (parent/carer views); Croydon RP forms"),
    rule("V-23", "Pupil's views included", Some(E), Some(W), true, "SEND Code of Practice 6.65; Kirklees"),
    rule("V-30", "Consent to share with the panel", Some(E), Some(E), false, "Stockton One Point (signed consent); Redcar & Cleveland (returned without consent)"),
    rule("V-31", "Consent from someone with parental responsibility", Some(E), Some(E), false, "Generic HNF application"),
    rule("V-32", "Young person's own consent", Some(E), Some(E), false, "IPSEA: mental capacity and decision making"),
    rule("V-33", "Consent dated, not in the future", Some(E), Some(E), false, "EHCNA consent block (dated consent)"),
    rule("V-34", "Consent not out of date", Some(W), Some(W), true, "Council forms are refreshed yearly (profile setting)"),
    rule("V-35", "Consent obtained before the application was signed", Some(E), Some(W), true, "Stockton One Point (consent before the referral)"),
    rule("V-36", "Consent from every person with parental responsibility", Some(E), None, true, "Milton Keynes (signed by all parents)"),
    rule("V-37", "Consent covers every service requested", Some(E), Some(W), true, "UK GDPR Art 4(11): consent must be specific"),
    rule("V-38", "Consent not withdrawn", Some(E), Some(E), false, "UK GDPR Art 7(3)"),
    rule("V-39", "Privacy notice acknowledged", Some(E), Some(E), false, "UK GDPR transparency; ICO"),
    rule("V-40", "Signed consent attached", Some(E), Some(W), true, "Stockton; Redcar & Cleveland"),
    rule("V-50", "Number of outcomes per cycle", Some(W), Some(I), true, "Redcar & Cleveland (usually three outcomes)"),
    rule("V-51", "Outcome has a measure", Some(W), Some(I), true, "SMART outcomes (SEND Code of Practice 9.64)"),
    rule("V-52", "Outcome is time-bound", Some(W), Some(I), true, "SMART outcomes"),
    rule("V-53", "Outcome is not a resource or service", Some(W), Some(I), true, "Islington and Bradford outcomes guidance"),
    rule("V-54", "Vague outcome wording", Some(I), Some(I), true, "Bradford SMART outcomes"),
    rule("V-55", "Golden thread: outcomes and provision linked", Some(E), Some(W), true, "Durham costed provision map; EHCP golden thread"),
    rule("V-56", "Outcome agreed with parents", Some(W), Some(I), true, "Redcar & Cleveland SEND support plans"),
    rule("V-60", "Costed provision map present", Some(E), Some(W), true, "Stockton One Point; West Northamptonshire (fully costed)"),
    rule("V-61", "Provision row complete for its category", Some(E), Some(W), true, "Costed provision map columns (domain.md §3.1)"),
    rule("V-62", "Row cost matches the formula", Some(E), Some(E), false, "Costed provision map formula (domain.md §3.2)"),
    rule("V-63", "Totals equal the sum of the rows", Some(E), Some(E), false, "West Northamptonshire (fully costed, including the school's contribution)"),
    rule("V-64", "Provision reaches the notional SEN threshold", Some(E), Some(W), true, "DfE high needs funding: £6,000 per pupil from the notional SEN budget; SEND Code of Practice 6.99"),
    rule("V-65", "School contribution shown correctly", Some(E), Some(I), true, "West Northamptonshire; Redcar & Cleveland costed provision map"),
    rule("V-66", "Requested top-up correct", Some(E), None, true, "Top-up decision guidance (bands)"),
    rule("V-67", "Hourly rates within the council's bounds", Some(W), Some(I), true, "Durham (LA-provided costings)"),
    rule("V-68", "Weeks and weekly minutes possible", Some(E), Some(E), false, "Durham costed provision map (38 weeks)"),
    rule("V-69", "Staff ratio consistent with group size", Some(E), Some(E), false, "Costed provision map"),
    rule("V-70", "No unstructured support or breaks costed", Some(W), Some(I), true, "SENCo forum costing practice"),
    rule("V-71", "Ordinarily available provision not costed", Some(E), Some(W), true, "Surrey provision mapping; Wirral"),
    rule("V-72", "Entry and exit data for interventions", Some(W), Some(I), true, "The Key (progress data before and after); Solihull"),
    rule("V-73", "Provision dates in order and in the evidence window", Some(E), Some(E), false, "Data integrity"),
    rule("V-74", "Pupil premium kept apart from the £6,000", Some(W), Some(I), true, "Top-up decision guidance (PP additional to SEND spend)"),
    rule("V-75", "Many hours of 1:1 support", Some(I), Some(I), true, "Durham guidance on 1:1 support"),
    rule("V-76", "Free services shown at no cost", Some(W), Some(W), false, "Free services cost the school nothing (domain.md §3.1)"),
    rule("V-80", "Recent specialist report", Some(W), Some(W), true, "Generic HNF application (Band C and above)"),
    rule("V-81", "Educational psychologist involved", Some(W), Some(W), true, "Islington EHCNA evidence"),
    rule("V-82", "Specialist advice implemented", Some(W), Some(I), true, "SEND Code of Practice 6.59; top-up panel feedback"),
    rule("V-83", "Waiting list is not involvement", Some(I), Some(I), true, "Referral practice"),
    rule("V-90", "UPN format and check letter", Some(E), Some(E), false, "DfE UPN guide 1.2"),
    rule("V-91", "UPN local authority code", Some(W), Some(W), false, "DfE children in need validation rule 1530"),
    rule("V-92", "Year group matches date of birth", Some(W), Some(W), false, "EHCNA request forms (placed out of chronological year)"),
    rule("V-93", "SEN type rules", Some(E), Some(E), false, "DfE school census validations 2175, 2166, 2160"),
    rule("V-94", "Need type belongs to the area of need", Some(E), Some(E), false, "DfE SEN type list"),
    rule("V-95", "Looked-after child: placing LA and PEP", Some(W), Some(W), true, "Generic HNF application (include PEP)"),
    rule("V-96", "Postcode format", Some(E), Some(E), false, "Royal Mail postcode format"),
    rule("V-97", "Attendance between 0 and 100", Some(E), Some(E), false, "Data quality"),
    rule("V-98", "Declarations signed and dated", Some(E), Some(E), false, "Generic HNF application"),
    rule("V-99", "Documents correlate", Some(W), Some(W), false, "Top-up decision guidance (all documents must correlate)"),
];

/// Rules whose answer may lie in a later section of the journey (an attachment added under
/// "Supporting documents", provision linked to an outcome on the next page). A form does not
/// hold a person on a page for these: they show on the task list and before sending. The
/// `journey_order` test checks that no other rule fires early when S01 is answered in order.
pub const LATER_SECTION_RULES: &[&str] = &["D-01", "F-07", "V-40", "V-55"];

/// Whether a rule's answer may lie in a later section (see [`LATER_SECTION_RULES`]).
pub fn waits_for_later_sections(id: &str) -> bool {
    LATER_SECTION_RULES.contains(&id)
}

/// The rule with this id.
pub fn get(id: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sorted_and_unique() {
        for pair in RULES.windows(2) {
            assert!(
                pair[0].id < pair[1].id,
                "{} then {}",
                pair[0].id,
                pair[1].id
            );
        }
    }

    #[test]
    fn evidence_criteria_are_never_errors_for_ehcna() {
        for r in RULES.iter().filter(|r| r.evidence) {
            assert_ne!(r.ehcna, Some(Severity::Error), "{}", r.id);
        }
    }
}
