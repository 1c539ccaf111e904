//! Reading and validating a profile. A broken profile gets an error naming the key.

use std::fmt;

use super::{Mode, Profile};
use crate::date::Date;
use crate::sections;
use crate::spec::{catalogue, fields as field_specs};

/// What is wrong with a profile, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// Dotted path of the offending key, e.g. `rules.V-10.severity` ("" for the whole file).
    pub key: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ProfileError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        ProfileError {
            key: key.into(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("profile")?;
        if self.line > 0 {
            write!(f, " line {}, column {}", self.line, self.column)?;
        }
        if !self.key.is_empty() {
            write!(f, ", key `{}`", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ProfileError {}

/// Parses a profile and checks what the types cannot.
pub fn parse(json: &str) -> Result<Profile, ProfileError> {
    let profile: Profile = crate::wire::from_json(json).map_err(|e| ProfileError {
        key: dotted(&e.pointer),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    validate(&profile)?;
    Ok(profile)
}

/// A JSON Pointer as the dotted path people read: `/fields/~1child~1upn` → `fields./child/upn`.
fn dotted(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .map(crate::json::pointer::unescape)
        .collect::<Vec<_>>()
        .join(".")
}

/// Why a profile cannot make a council's evidence an error in EHCNA mode.
const STATUTORY: &str = "a council evidence criterion cannot be an error for a statutory EHC needs assessment request (Children and Families Act 2014 s36(8))";

fn err<T>(key: impl Into<String>, message: impl Into<String>) -> Result<T, ProfileError> {
    Err(ProfileError::new(key, message))
}

fn non_negative(key: &str, v: i64) -> Result<(), ProfileError> {
    if v < 0 {
        return err(key, format!("must be 0 or more, not {v}"));
    }
    Ok(())
}

/// The fields every listed document has: it is a file delivered with the application.
const DELIVERED: &[&str] = &["/attachments/*/sha256", "/attachments/*/sizeBytes"];

/// `attachments.required`: each case once, a reference's document of the type it names, and
/// the section the documents are attached in asked.
fn required_documents(p: &Profile) -> Result<(), ProfileError> {
    let required = &p.attachments.required;
    for (i, r) in required.iter().enumerate() {
        let key = format!("attachments.required.{i}");
        if required.iter().take(i).any(|x| x == r) {
            return err(
                key,
                format!(
                    "lists {} when {} twice",
                    r.document_type.code(),
                    r.when.code()
                ),
            );
        }
        if let Some(t) = r.when.referenced_type().filter(|t| *t != r.document_type) {
            return err(
                format!("{key}.type"),
                format!(
                    "must be {} for when {}: that is the document the reference names",
                    t.code(),
                    r.when.code()
                ),
            );
        }
    }
    if !required.is_empty() && !p.has_section("attachments") {
        return err(
            "attachments.required",
            "asks for documents, but the attachments section is not in sections",
        );
    }
    for key in DELIVERED {
        if p.field(key)
            .is_some_and(|r| r != super::FieldRequirement::Required)
        {
            return err(
                format!("fields.{key}"),
                "every listed document is a file delivered with the application, so its checksum and size are always required",
            );
        }
    }
    Ok(())
}

/// The checks on a parsed profile.
/// A contact has a name and at least one way to reach it, each of them words.
fn contact(p: &Profile) -> Result<(), ProfileError> {
    let Some(c) = &p.contact else { return Ok(()) };
    if c.name.trim().is_empty() {
        return err("contact.name", "must not be empty");
    }
    let ways = [
        ("email", &c.email),
        ("telephone", &c.telephone),
        ("web", &c.web),
        ("address", &c.address),
    ];
    for (key, value) in ways {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return err(format!("contact.{key}"), "must not be empty");
        }
    }
    if ways.iter().all(|(_, v)| v.is_none()) {
        return err(
            "contact",
            "must give an email, telephone, web or address to reach the council by",
        );
    }
    if c.email
        .as_deref()
        .is_some_and(|e| !crate::model::is_email(e))
    {
        return err(
            "contact.email",
            "must be an email address, like sen@example.gov.uk",
        );
    }
    Ok(())
}

pub fn validate(p: &Profile) -> Result<(), ProfileError> {
    let id_ok = !p.id.is_empty()
        && p.id.len() <= 64
        && p.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        return err(
            "id",
            "must be 1 to 64 lower-case letters, digits or hyphens",
        );
    }
    if p.version.trim().is_empty() {
        return err("version", "must not be empty");
    }
    if let Some(code) = &p.la_code {
        if !crate::model::is_digits(code, 3) {
            return err("laCode", "must be a three-digit DfE local authority code");
        }
    }
    let a = &p.attachments;
    if !(1..=1024 * 1024 * 1024).contains(&a.max_bytes) {
        return err("attachments.maxBytes", "must be between 1 byte and 1 GB");
    }
    if !(1..=1000).contains(&a.max_files) {
        return err("attachments.maxFiles", "must be between 1 and 1000");
    }
    if a.allowed_types.is_empty() {
        return err(
            "attachments.allowedTypes",
            "must allow at least one kind of file",
        );
    }
    for (i, kind) in a.allowed_types.iter().enumerate() {
        if a.allowed_types.iter().take(i).any(|k| k == kind) {
            return err(
                format!("attachments.allowedTypes.{i}"),
                format!("lists {} twice", kind.code()),
            );
        }
    }
    required_documents(p)?;
    contact(p)?;
    for (i, la) in p.local_authorities.iter().enumerate() {
        if !crate::model::is_digits(&la.code, 3) {
            return err(
                format!("localAuthorities.{i}.code"),
                "must be a three-digit DfE local authority code",
            );
        }
        if la.name.trim().is_empty() {
            return err(format!("localAuthorities.{i}.name"), "must not be empty");
        }
        if p.local_authorities
            .iter()
            .take(i)
            .any(|x| x.code == la.code)
        {
            return err(
                format!("localAuthorities.{i}.code"),
                format!("lists {} twice", la.code),
            );
        }
    }
    if p.sections.is_empty() {
        return err("sections", "must list at least one section");
    }
    for (i, s) in p.sections.iter().enumerate() {
        if sections::by_id(s).is_none() {
            let known: Vec<&str> = sections::SECTIONS.iter().map(|d| d.id).collect();
            return err(
                format!("sections.{i}"),
                format!("unknown section `{s}`; sections are {}", known.join(", ")),
            );
        }
        if p.sections.iter().take(i).any(|x| x == s) {
            return err(
                format!("sections.{i}"),
                format!("section `{s}` is listed twice"),
            );
        }
    }
    for (key, requirement) in &p.fields {
        if !field_specs::FIELDS.iter().any(|f| f.pattern == key) {
            return err(
                format!("fields.{key}"),
                "no such field (use a JSON Pointer with * for list indices, e.g. /parents/*/email)",
            );
        }
        if p.mode == Mode::Ehcna
            && *requirement == super::FieldRequirement::Required
            && field_specs::is_council_evidence(key)
        {
            return err(
                format!("fields.{key}"),
                format!("{STATUTORY}; make it optional"),
            );
        }
    }
    for key in p.labels.keys() {
        let ok = match key.strip_prefix("section.") {
            Some(id) => sections::by_id(id).is_some(),
            None => field_specs::FIELDS.iter().any(|f| f.pattern == key),
        };
        if !ok {
            return err(
                format!("labels.{key}"),
                "not a section (section.<id>) or a field pointer",
            );
        }
    }
    for (id, text) in &p.texts {
        if let Err(e) = crate::text::check_text(id, text) {
            return err(format!("texts.{id}"), e.problem);
        }
    }
    for (id, over) in &p.rules {
        let Some(def) = catalogue::get(id) else {
            return err(format!("rules.{id}"), "no rule has this id");
        };
        if p.mode == Mode::Ehcna
            && def.evidence
            && over.severity == Some(crate::report::Severity::Error)
        {
            return err(
                format!("rules.{id}.severity"),
                format!("{STATUTORY}; use warning or info"),
            );
        }
    }
    let e = &p.eligibility;
    if let Some(d) = &e.ehcp_issued_before {
        if Date::parse(d).is_none() {
            return err("eligibility.ehcpIssuedBefore", "must be a date, YYYY-MM-DD");
        }
    }
    for (k, v) in &e.extension_max_weeks_by_ncy {
        if crate::codes::Ncy::from_code(k).is_none() {
            return err(
                format!("eligibility.extensionMaxWeeksByNcy.{k}"),
                "not a national curriculum year",
            );
        }
        non_negative(&format!("eligibility.extensionMaxWeeksByNcy.{k}"), *v)?;
    }
    for (key, v) in [
        ("eligibility.maxDurationMonths", e.max_duration_months),
        ("eligibility.extensionMaxMonths", e.extension_max_months),
    ] {
        if let Some(v) = v {
            non_negative(key, v)?;
        }
    }
    let a = &p.apdr;
    non_negative("apdr.minCompletedCycles", a.min_completed_cycles)?;
    non_negative("apdr.minEvidenceTerms", a.min_evidence_terms)?;
    if !(1..=366).contains(&a.days_per_term) {
        return err("apdr.daysPerTerm", "must be between 1 and 366");
    }
    non_negative("apdr.overlapToleranceDays", a.overlap_tolerance_days)?;
    non_negative("apdr.minCycleWeeks", a.min_cycle_weeks)?;
    non_negative("apdr.maxReviewAgeMonths", a.max_review_age_months)?;
    if a.max_cycle_weeks < a.min_cycle_weeks {
        return err(
            "apdr.maxCycleWeeks",
            "must not be less than apdr.minCycleWeeks",
        );
    }
    non_negative(
        "involvement.minParentMeetingsPer12m",
        p.involvement.min_parent_meetings_per12m,
    )?;
    non_negative("consent.maxAgeMonths", p.consent.max_age_months)?;
    non_negative("outcomes.maxPerCycle", p.outcomes.max_per_cycle)?;
    non_negative(
        "outcomes.byDateToleranceDays",
        p.outcomes.by_date_tolerance_days,
    )?;
    let f = &p.funding;
    non_negative("funding.thresholdElement2Pence", f.threshold_element2_pence)?;
    if !(1..=52).contains(&f.weeks_per_year) {
        return err("funding.weeksPerYear", "must be between 1 and 52");
    }
    if !(1..=super::MAX_AMOUNT_BOUND_PENCE).contains(&f.max_amount_pence) {
        return err(
            "funding.maxAmountPence",
            format!(
                "must be between 1 and {}",
                crate::money::grouped(super::MAX_AMOUNT_BOUND_PENCE.unsigned_abs())
            ),
        );
    }
    if let Some(list) = &f.threshold_sources {
        let pp = list.contains(&crate::codes::FundingSource::PupilPremium);
        if f.pp_counts_toward_threshold && !pp {
            return err(
                "funding.thresholdSources",
                "leaves out PUPIL_PREMIUM, but funding.ppCountsTowardThreshold counts it",
            );
        }
    }
    for (i, b) in f.bands.iter().enumerate() {
        non_negative(&format!("funding.bands.{i}.minPence"), b.min_pence)?;
        if b.max_pence.is_some_and(|m| m < b.min_pence) {
            return err(
                format!("funding.bands.{i}.maxPence"),
                "must not be less than minPence",
            );
        }
        if f.bands.iter().take(i).any(|x| x.id == b.id) {
            return err(
                format!("funding.bands.{i}.id"),
                format!("band `{}` is listed twice", b.id),
            );
        }
    }
    let pr = &p.provision;
    for (role, r) in &pr.rates {
        let key = format!("provision.rates.{}", role.code());
        non_negative(&format!("{key}.minPence"), r.min_pence)?;
        if r.max_pence < r.min_pence {
            return err(format!("{key}.maxPence"), "must not be less than minPence");
        }
    }
    if !(1..=10_080).contains(&pr.school_week_minutes) {
        return err("provision.schoolWeekMinutes", "must be between 1 and 10080");
    }
    if !(1..=52).contains(&pr.max_weeks) {
        return err("provision.maxWeeks", "must be between 1 and 52");
    }
    non_negative("provision.entryDataAfterWeeks", pr.entry_data_after_weeks)?;
    non_negative("provision.oneToOneHoursWarn", pr.one_to_one_hours_warn)?;
    let s = &p.specialist;
    non_negative("specialist.minSpecialists", s.min_specialists)?;
    non_negative("specialist.reportMaxAgeMonths", s.report_max_age_months)?;
    if let Some(band) = &s.required_from_band {
        if !f.bands.is_empty() && !f.bands.iter().any(|b| &b.id == band) {
            return err(
                "specialist.requiredFromBand",
                format!("`{band}` is not one of funding.bands"),
            );
        }
    }
    if !(1..=365).contains(&p.drafts.expiry_days) {
        return err("drafts.expiryDays", "must be between 1 and 365");
    }
    Ok(())
}
