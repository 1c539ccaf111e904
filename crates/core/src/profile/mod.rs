//! Council profiles: councils differ by data, not by code. A profile selects sections, required
//! fields, thresholds, severities, eligibility and consent policy, and labels. Built-in profiles
//! ship as JSON in `profiles/`; a council can load its own file. Every profile is validated and
//! a broken one gets an error naming the key.

mod builtin;
mod check;

use std::collections::BTreeMap;

use crate::json::FromJson;

use crate::codes::{FundingSource, Ncy, RequestType, SettingType, StaffRole};
use crate::report::Severity;

pub use builtin::{builtin, builtin_ids, BUILTIN_SOURCES};
pub use check::ProfileError;

/// Whether the scheme is a council's own panel or a statutory request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mode {
    /// A council's own (non-statutory) scheme: it may set hard eligibility criteria.
    Panel,
    /// A request for an EHC needs assessment: council evidence criteria are never errors.
    Ehcna,
}

/// Whether a field must be answered, may be, or is not asked at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "lowercase")]
pub enum FieldRequirement {
    Required,
    Optional,
    Hidden,
}

/// Who must consent when more than one person has parental responsibility (V-36).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "lowercase")]
pub enum ConsentFrom {
    Any,
    All,
}

/// How a council pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FundingModel {
    /// Cash top-up: total minus the school's contribution.
    Cash,
    /// A band with a range.
    Band,
    /// Services (outreach, EP time) instead of cash.
    Service,
}

/// A council profile.
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// Stable id, e.g. `stockton-one-point`.
    pub id: String,
    /// Version of this profile (goes into the report).
    pub version: String,
    /// Name shown to applicants.
    pub name: String,
    pub council_id: String,
    /// DfE local authority code of the council (residency, UPN checks).
    #[serde(default)]
    pub la_code: Option<String>,
    pub mode: Mode,
    /// Section ids asked, in journey order. Sections not listed are not asked or checked.
    pub sections: Vec<String>,
    /// Per-field requirement overrides, keyed by JSON Pointer pattern (`*` for any index).
    #[serde(default)]
    pub fields: BTreeMap<String, FieldRequirement>,
    /// Request types this scheme offers (V-08). Empty: any.
    #[serde(default)]
    pub request_types: Vec<RequestType>,
    /// Whether warnings need a written justification before submission (per rule overridable).
    #[serde(default)]
    pub warnings_need_justification: bool,
    #[serde(default)]
    pub eligibility: Eligibility,
    #[serde(default)]
    pub apdr: ApdrPolicy,
    #[serde(default)]
    pub involvement: InvolvementPolicy,
    #[serde(default)]
    pub consent: ConsentPolicy,
    #[serde(default)]
    pub outcomes: OutcomePolicy,
    #[serde(default)]
    pub funding: FundingPolicy,
    #[serde(default)]
    pub provision: ProvisionPolicy,
    #[serde(default)]
    pub specialist: SpecialistPolicy,
    /// Per-rule overrides, keyed by rule id (`V-34`).
    #[serde(default)]
    pub rules: BTreeMap<String, RuleOverride>,
    /// Wording overrides: `section.<id>` for section titles, a field pointer for its label.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Texts of the message catalogue worded the council's way, keyed by the catalogue's ids
    /// (`rule.V-31.who`): laid over English or the language chosen, and winning over both.
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
    #[serde(default)]
    pub drafts: DraftPolicy,
    /// What happens after an application is sent, in the council's words: who considers it,
    /// when, and how the school and the parents hear (shown on the confirmation page).
    #[serde(default)]
    pub next_steps: Option<String>,
    /// Who parents and schools contact at the council about an application (the summary for
    /// parents gives it). Without one, the summary sends parents to the school.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The local authorities children applying here usually live in, by DfE code and name:
    /// the form offers them by name, and any other by its code.
    #[serde(default)]
    pub local_authorities: Vec<LocalAuthority>,
    /// The documents the council accepts (issue: evidence documents).
    #[serde(default)]
    pub attachments: AttachmentPolicy,
}

/// Who to contact at the council about an application: a team's name and at least one way to
/// reach it.
#[derive(Debug, Clone, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Contact {
    /// The team or service ("The SEN team").
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub telephone: Option<String>,
    /// A web page about the scheme.
    #[serde(default)]
    pub web: Option<String>,
    /// A postal address, on one line.
    #[serde(default)]
    pub address: Option<String>,
}

/// A local authority by its DfE code and name.
#[derive(Debug, Clone, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocalAuthority {
    /// The three-digit DfE code (808).
    pub code: String,
    /// The name people know it by (Stockton-on-Tees).
    pub name: String,
}

/// Who may apply (domain.md §4.1).
#[derive(Debug, Clone, PartialEq, Default, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Eligibility {
    /// V-01: children with an EHC plan cannot apply.
    pub exclude_ehcp: bool,
    /// V-01: only plans issued before this date exclude (Croydon early phase: 2020-11-01).
    pub ehcp_issued_before: Option<String>,
    /// V-02: an EHC needs assessment under way excludes.
    pub exclude_open_ehcna: bool,
    /// V-04: setting types allowed; empty means any.
    pub setting_types: Vec<SettingType>,
    /// V-05: the child must live in the council's area.
    pub resident_only: bool,
    /// V-06: year groups allowed; empty means any.
    pub ncy_allowed: Vec<Ncy>,
    /// V-06: year groups allowed with a warning ("will not usually be considered").
    pub ncy_warn: Vec<Ncy>,
    /// V-07: longest award for a new request, in months.
    pub max_duration_months: Option<i64>,
    /// V-07: longest extension, in months.
    pub extension_max_months: Option<i64>,
    /// V-07: longest extension by year group, in weeks (Oxfordshire: Year 6, 20 weeks).
    pub extension_max_weeks_by_ncy: BTreeMap<String, i64>,
}

/// Graduated-approach evidence (domain.md §4.2).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ApdrPolicy {
    /// V-10.
    pub min_completed_cycles: i64,
    /// V-11: terms of evidence, from the first cycle's start to today.
    pub min_evidence_terms: i64,
    /// V-11, V-20: calendar days counted as one term (12 weeks, holidays included).
    pub days_per_term: i64,
    /// V-13.
    pub overlap_tolerance_days: i64,
    /// V-14.
    pub min_cycle_weeks: i64,
    pub max_cycle_weeks: i64,
    /// V-16.
    pub max_review_age_months: i64,
    /// V-23: pupil voice captured in every completed cycle.
    pub pupil_voice_every_cycle: bool,
}

impl Default for ApdrPolicy {
    fn default() -> Self {
        ApdrPolicy {
            min_completed_cycles: 2,
            min_evidence_terms: 2,
            days_per_term: 84,
            overlap_tolerance_days: 0,
            min_cycle_weeks: 6,
            max_cycle_weeks: 16,
            max_review_age_months: 4,
            pupil_voice_every_cycle: false,
        }
    }
}

/// Parent and pupil involvement (domain.md §4.3).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct InvolvementPolicy {
    /// V-20 (CoP 6.65: at least three a year).
    pub min_parent_meetings_per12m: i64,
}

impl Default for InvolvementPolicy {
    fn default() -> Self {
        InvolvementPolicy {
            min_parent_meetings_per12m: 3,
        }
    }
}

/// Consent policy (domain.md §4.4).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ConsentPolicy {
    /// V-36.
    pub required_from: ConsentFrom,
    /// V-40: a signature attachment is required for signed consent.
    pub signature_required: bool,
    /// V-34.
    pub max_age_months: i64,
    /// V-39: the privacy notice version applicants must acknowledge; none means any.
    pub privacy_notice_version: Option<String>,
    /// V-35: the date the application was discussed with the parent is asked for.
    pub discussed_date_required: bool,
}

impl Default for ConsentPolicy {
    fn default() -> Self {
        ConsentPolicy {
            required_from: ConsentFrom::Any,
            signature_required: false,
            max_age_months: 12,
            privacy_notice_version: None,
            discussed_date_required: true,
        }
    }
}

/// SMART outcome checks (domain.md §4.5).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct OutcomePolicy {
    /// V-50.
    pub max_per_cycle: i64,
    /// V-52: days an outcome's date may fall after its cycle's planned review.
    pub by_date_tolerance_days: i64,
}

impl Default for OutcomePolicy {
    fn default() -> Self {
        OutcomePolicy {
            max_per_cycle: 6,
            by_date_tolerance_days: 14,
        }
    }
}

/// A funding band (council-specific, domain.md §3.3).
#[derive(Debug, Clone, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Band {
    pub id: String,
    pub label: String,
    pub min_pence: i64,
    /// None: individually commissioned, no upper bound.
    #[serde(default)]
    pub max_pence: Option<i64>,
}

/// Funding arithmetic settings (domain.md §3.2, V-64…V-66, V-74).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct FundingPolicy {
    pub model: FundingModel,
    /// The notional SEN budget threshold (Element 2), in pence.
    pub threshold_element2_pence: i64,
    /// Pro-rate the threshold to the period when it is shorter than a school year.
    pub pro_rata_threshold: bool,
    /// Pupil-premium-funded rows count toward the threshold.
    pub pp_counts_toward_threshold: bool,
    /// The funding sources whose rows count toward the threshold, when the council lists them
    /// (rows with no source yet count). Not given: every source but pupil premium (unless
    /// `ppCountsTowardThreshold`) and free services, which cost the school nothing.
    pub threshold_sources: Option<Vec<FundingSource>>,
    /// The most any amount may be, in pence: one row's cost, a stated figure, the provision
    /// map's total (£10,000,000 unless the council sets another).
    pub max_amount_pence: i64,
    /// Delivery weeks in a school year.
    pub weeks_per_year: i64,
    /// Bands, in order, lowest first.
    pub bands: Vec<Band>,
}

impl Default for FundingPolicy {
    fn default() -> Self {
        FundingPolicy {
            model: FundingModel::Cash,
            threshold_element2_pence: 600_000,
            pro_rata_threshold: false,
            pp_counts_toward_threshold: false,
            threshold_sources: None,
            max_amount_pence: DEFAULT_MAX_AMOUNT_PENCE,
            weeks_per_year: 38,
            bands: Vec::new(),
        }
    }
}

/// The most an amount may be unless a profile says otherwise: £10,000,000.
pub const DEFAULT_MAX_AMOUNT_PENCE: i64 = 1_000_000_000;

/// The largest bound a profile may set on amounts: £100,000,000,000 (so that no sum of the
/// rows a document can hold leaves a 64-bit number).
pub const MAX_AMOUNT_BOUND_PENCE: i64 = 10_000_000_000_000;

impl FundingPolicy {
    /// Whether rows funded from `source` count toward the threshold (`None`: not yet said).
    pub fn counts_toward_threshold(&self, source: Option<FundingSource>) -> bool {
        let Some(source) = source else { return true };
        match &self.threshold_sources {
            Some(list) => list.contains(&source),
            None => match source {
                FundingSource::PupilPremium => self.pp_counts_toward_threshold,
                FundingSource::FreeService => false,
                _ => true,
            },
        }
    }
}

/// Bounds on an hourly rate for a staff role (V-67), in pence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateBounds {
    pub min_pence: i64,
    pub max_pence: i64,
}

/// Costed provision map checks (domain.md §4.6).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ProvisionPolicy {
    /// V-67: hourly rate bounds by staff role.
    pub rates: BTreeMap<StaffRole, RateBounds>,
    /// V-68: minutes in a school week (32.5 hours).
    pub school_week_minutes: i64,
    /// V-68: longest delivery, in weeks.
    pub max_weeks: i64,
    /// V-70: flag unstructured support and breaks or lunch that are not a named intervention.
    pub disallow_unstructured: bool,
    /// V-72: weeks after which a row needs entry data.
    pub entry_data_after_weeks: i64,
    /// V-75: hours a week of 1:1 adult support above which panels look closely.
    pub one_to_one_hours_warn: i64,
}

impl Default for ProvisionPolicy {
    fn default() -> Self {
        ProvisionPolicy {
            rates: BTreeMap::new(),
            school_week_minutes: 1950,
            max_weeks: 39,
            disallow_unstructured: true,
            entry_data_after_weeks: 6,
            one_to_one_hours_warn: 15,
        }
    }
}

/// Specialist evidence (domain.md §4.7).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SpecialistPolicy {
    /// V-80.
    pub min_specialists: i64,
    pub report_max_age_months: i64,
    /// V-80 is an error from this band up (band ids in `funding.bands` order, or letters).
    pub required_from_band: Option<String>,
    /// V-81: an educational psychologist must be involved.
    pub require_ep: bool,
}

impl Default for SpecialistPolicy {
    fn default() -> Self {
        SpecialistPolicy {
            min_specialists: 1,
            report_max_age_months: 12,
            required_from_band: None,
            require_ep: false,
        }
    }
}

/// A council's change to one rule.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleOverride {
    /// Off: the rule is not checked.
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub severity: Option<Severity>,
    /// A warning of this rule needs a written justification.
    #[serde(default)]
    pub justify: Option<bool>,
}

/// How the widget treats drafts for this scheme (design.md §7).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DraftPolicy {
    /// Save drafts on this device unless the person opts out.
    pub save_by_default: bool,
    /// Days before a saved draft expires.
    pub expiry_days: i64,
}

impl Default for DraftPolicy {
    fn default() -> Self {
        DraftPolicy {
            save_by_default: true,
            expiry_days: 30,
        }
    }
}

/// The files a council accepts as documents (`files::check_file`, `files::check_set`).
#[derive(Debug, Clone, PartialEq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AttachmentPolicy {
    /// The largest file accepted, in bytes (10 MB by default).
    pub max_bytes: u64,
    /// How many files one application may carry.
    pub max_files: u64,
    /// The kinds of file accepted, decided from their bytes (all of them by default).
    pub allowed_types: Vec<crate::codes::FileKind>,
    /// The documents the council asks for, each with the case it is asked for in (none by
    /// default). `consent.signatureRequired` asks for a signed consent form for each signed
    /// consent as well, whether or not it is listed here.
    pub required: Vec<RequiredDocument>,
}

/// A document a council asks for, and when (domain.md §6, mandatory attachments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequiredDocument {
    /// The type of document (domain.md §1.Q).
    #[serde(rename = "type")]
    pub document_type: crate::codes::AttachmentType,
    /// When it is asked for.
    pub when: RequiredWhen,
}

/// The case in which a council asks for a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema, serde::Serialize))]
#[serde(rename_all = "camelCase")]
pub enum RequiredWhen {
    /// With every application: one document of the type in the list.
    Always,
    /// When the child is looked after (`context.lookedAfter`): one document of the type (a
    /// personal education plan).
    LookedAfter,
    /// For each specialist whose report is said to be attached (`reportAttached`): the
    /// document their `reportAttachmentId` names (type `PROFESSIONAL_REPORT`).
    EachSpecialistReport,
    /// For each consent recorded with a signature (a scanned or electronic signature): the
    /// document its `signatureAttachmentId` names (type `CONSENT_SIGNATURE`).
    EachSignedConsent,
    /// When the provision map buys in a service (a row of category `SLA_SERVICE`, or staff
    /// role `EXTERNAL_SLA`, that is not a free service): one document of the type (a quote).
    BuysServices,
}

impl RequiredWhen {
    /// The document type a reference asked for in this case must name, if the case is about
    /// references (a specialist's report, a consent's signature).
    pub fn referenced_type(self) -> Option<crate::codes::AttachmentType> {
        use crate::codes::AttachmentType;
        match self {
            RequiredWhen::EachSpecialistReport => Some(AttachmentType::ProfessionalReport),
            RequiredWhen::EachSignedConsent => Some(AttachmentType::ConsentSignature),
            _ => None,
        }
    }

    /// The spelling in a profile.
    pub fn code(self) -> &'static str {
        match self {
            RequiredWhen::Always => "always",
            RequiredWhen::LookedAfter => "lookedAfter",
            RequiredWhen::EachSpecialistReport => "eachSpecialistReport",
            RequiredWhen::EachSignedConsent => "eachSignedConsent",
            RequiredWhen::BuysServices => "buysServices",
        }
    }
}

impl Default for AttachmentPolicy {
    fn default() -> Self {
        AttachmentPolicy {
            max_bytes: 10 * 1024 * 1024,
            max_files: 20,
            allowed_types: crate::codes::FileKind::ALL.to_vec(),
            required: Vec::new(),
        }
    }
}

impl Profile {
    /// The name of a local authority this profile lists, by its DfE code.
    pub fn local_authority_name(&self, code: &str) -> Option<&str> {
        self.local_authorities
            .iter()
            .find(|la| la.code == code)
            .map(|la| la.name.as_str())
    }

    /// Parses and validates a profile from JSON.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        check::parse(json)
    }

    /// Whether a section is asked.
    pub fn has_section(&self, id: &str) -> bool {
        self.sections.iter().any(|s| s == id)
    }

    /// A label override, if any.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels.get(key).map(String::as_str)
    }

    /// `base` (English, or a language's catalogue) with this profile's `texts` over it.
    pub fn catalogue(&self, base: crate::text::Catalogue) -> crate::text::Catalogue {
        // Checked when the profile was read; a text refused then is never laid over.
        let good: BTreeMap<String, String> = self
            .texts
            .iter()
            .filter(|(id, text)| crate::text::check_text(id, text).is_ok())
            .map(|(id, text)| (id.clone(), text.clone()))
            .collect();
        base.with_texts(&good).unwrap_or_default()
    }

    /// The title of a section, relabelled where the profile says.
    pub fn section_title(&self, id: &str) -> String {
        self.section_title_in(id, &crate::text::Catalogue::english())
    }

    /// [`Profile::section_title`], from `texts` where the profile does not relabel it.
    pub fn section_title_in(&self, id: &str, texts: &crate::text::Catalogue) -> String {
        let key = format!("section.{id}");
        match self.labels.get(&key) {
            Some(t) => t.clone(),
            None => match crate::sections::by_id(id) {
                Some(s) => texts.get(&s.title_id()).to_owned(),
                None => id.to_owned(),
            },
        }
    }

    /// The documents the council asks for: `attachments.required`, and a signed consent form
    /// for each signed consent where `consent.signatureRequired` (unless listed already).
    pub fn required_documents(&self) -> Vec<RequiredDocument> {
        let mut out = self.attachments.required.clone();
        let signature = RequiredDocument {
            document_type: crate::codes::AttachmentType::ConsentSignature,
            when: RequiredWhen::EachSignedConsent,
        };
        if self.consent.signature_required && !out.contains(&signature) {
            out.push(signature);
        }
        out
    }

    /// Whether the council asks for a document in this case (of any type).
    pub fn requires_documents_when(&self, when: RequiredWhen) -> bool {
        self.required_documents().iter().any(|r| r.when == when)
    }

    /// The council's override for a rule.
    pub fn rule(&self, id: &str) -> Option<&RuleOverride> {
        self.rules.get(id)
    }

    /// The council's requirement for a field pattern, if it sets one.
    pub fn field(&self, pattern: &str) -> Option<FieldRequirement> {
        self.fields.get(pattern).copied()
    }
}
