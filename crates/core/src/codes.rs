//! DfE and council code lists (domain.md §5) as enums. Each code has its wire spelling and a
//! plain-English label for the widget's radios and selects.

/// Declares a code list: an enum whose variants serialise as the given code strings.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
                 serde::Serialize, serde::Deserialize,
                 crate::json::FromJson, crate::json::ToJson)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            $( #[serde(rename = $code)] $variant ),+
        }
        impl $name {
            /// Every code, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every code with its label, in display order (for radios and selects).
            pub const OPTIONS: &'static [(&'static str, &'static str)] = &[$(($code, $label)),+];
            /// The code as it appears in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            /// A label for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            /// Looks a code up by its JSON spelling.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.code() == code)
            }
        }
    };
}

code_list! {
    /// What the setting asks the council for (domain.md §1.A).
    RequestType {
        TopUpFunding = "TOP_UP_FUNDING" => "Top-up funding (Element 3)",
        Outreach = "OUTREACH" => "Outreach support",
        EpInvolvement = "EP_INVOLVEMENT" => "Educational psychologist involvement",
        SpecialistTeaching = "SPECIALIST_TEACHING" => "Specialist teaching",
        HltaSupport = "HLTA_SUPPORT" => "HLTA support",
        Advice = "ADVICE" => "Advice",
        ResourcedProvision = "RESOURCED_PROVISION" => "Resourced provision",
        Ehcna = "EHCNA" => "Education, health and care needs assessment",
    }
}

code_list! {
    /// School phase.
    Phase {
        EarlyYears = "EY" => "Early years",
        Primary = "PRIMARY" => "Primary",
        Secondary = "SECONDARY" => "Secondary",
        AllThrough = "ALL_THROUGH" => "All-through",
        Post16 = "POST16" => "Post-16",
    }
}

code_list! {
    /// Type of setting (eligibility, domain.md V-04).
    SettingType {
        Mainstream = "MAINSTREAM" => "Mainstream maintained school",
        Academy = "ACADEMY" => "Mainstream academy or free school",
        Elp = "ELP" => "Enhanced learning provision",
        Arp = "ARP" => "Additionally resourced provision",
        Special = "SPECIAL" => "Special school",
        Ap = "AP" => "Alternative provision",
        EyPvi = "EY_PVI" => "Early years private, voluntary or independent setting",
    }
}

code_list! {
    /// Sex as recorded in the school census and SEN2.
    Sex {
        Female = "F" => "Female",
        Male = "M" => "Male",
    }
}

code_list! {
    /// National curriculum year (domain.md §5.8).
    Ncy {
        E1 = "E1" => "Early years 1",
        E2 = "E2" => "Early years 2",
        N1 = "N1" => "Nursery 1",
        N2 = "N2" => "Nursery 2",
        R = "R" => "Reception",
        Y1 = "1" => "Year 1",
        Y2 = "2" => "Year 2",
        Y3 = "3" => "Year 3",
        Y4 = "4" => "Year 4",
        Y5 = "5" => "Year 5",
        Y6 = "6" => "Year 6",
        Y7 = "7" => "Year 7",
        Y8 = "8" => "Year 8",
        Y9 = "9" => "Year 9",
        Y10 = "10" => "Year 10",
        Y11 = "11" => "Year 11",
        Y12 = "12" => "Year 12",
        Y13 = "13" => "Year 13",
        Y14 = "14" => "Year 14",
        X = "X" => "Not following the national curriculum",
    }
}

impl Ncy {
    /// The year as a number where Reception is 0 and N2 is -1; `None` for `X`.
    pub fn ordinal(self) -> Option<i32> {
        match self {
            Ncy::E1 => Some(-4),
            Ncy::E2 => Some(-3),
            Ncy::N1 => Some(-2),
            Ncy::N2 => Some(-1),
            Ncy::R => Some(0),
            Ncy::X => None,
            other => other.code().parse().ok(),
        }
    }

    /// The NCY for a year number (Reception = 0), if it is on the list.
    pub fn from_ordinal(n: i32) -> Option<Ncy> {
        Ncy::ALL.iter().copied().find(|c| c.ordinal() == Some(n))
    }
}

code_list! {
    /// The four broad areas of need (SEND Code of Practice 6.28–6.35).
    AreaOfNeed {
        Ci = "CI" => "Communication and interaction",
        Cl = "CL" => "Cognition and learning",
        Semh = "SEMH" => "Social, emotional and mental health",
        Sp = "SP" => "Sensory and/or physical",
    }
}

code_list! {
    /// Area of need of a provision row: the four areas, or catch-up (not SEN).
    ProvisionArea {
        Ci = "CI" => "Communication and interaction",
        Cl = "CL" => "Cognition and learning",
        Semh = "SEMH" => "Social, emotional and mental health",
        Sp = "SP" => "Sensory and/or physical",
        CatchUp = "CATCH_UP" => "Catch-up (not SEN)",
    }
}

code_list! {
    /// SEN provision (school census): K SEN support, E EHC plan, N no SEN.
    SenProvision {
        K = "K" => "SEN support",
        E = "E" => "Education, health and care plan",
        N = "N" => "No special educational need",
    }
}

code_list! {
    /// DfE SEN type (school census and SEN2, domain.md §5.2).
    SenType {
        Spld = "SPLD" => "Specific learning difficulty",
        Mld = "MLD" => "Moderate learning difficulty",
        Sld = "SLD" => "Severe learning difficulty",
        Pmld = "PMLD" => "Profound and multiple learning difficulty",
        Semh = "SEMH" => "Social, emotional and mental health",
        Slcn = "SLCN" => "Speech, language and communication needs",
        Asd = "ASD" => "Autistic spectrum disorder",
        Hi = "HI" => "Hearing impairment",
        Vi = "VI" => "Vision impairment",
        Msi = "MSI" => "Multi-sensory impairment",
        Pd = "PD" => "Physical disability",
        Ds = "DS" => "Down syndrome",
        Oth = "OTH" => "Other difficulty or disability",
        Nsa = "NSA" => "SEN support but no specialist assessment of type of need",
    }
}

impl SenType {
    /// The broad area a need type belongs to (domain.md §5.2). `None` where any area is allowed
    /// (OTH) or none applies (NSA); DS is cognition and learning unless a profile says otherwise.
    pub fn area(self) -> Option<AreaOfNeed> {
        use SenType::*;
        match self {
            Spld | Mld | Sld | Pmld | Ds => Some(AreaOfNeed::Cl),
            Semh => Some(AreaOfNeed::Semh),
            Slcn | Asd => Some(AreaOfNeed::Ci),
            Hi | Vi | Msi | Pd => Some(AreaOfNeed::Sp),
            Oth | Nsa => None,
        }
    }
}

code_list! {
    /// State of an assess-plan-do-review cycle.
    CycleStatus {
        Completed = "COMPLETED" => "Completed",
        InProgress = "IN_PROGRESS" => "In progress",
    }
}

code_list! {
    /// Review status of one outcome at the end of a cycle (domain.md §5.7).
    ReviewStatus {
        Achieved = "ACHIEVED" => "Achieved",
        PartiallyAchieved = "PARTIALLY_ACHIEVED" => "Partially achieved",
        NotAchieved = "NOT_ACHIEVED" => "Not achieved",
        CarriedForward = "CARRIED_FORWARD" => "Carried forward",
        Discontinued = "DISCONTINUED" => "Discontinued",
    }
}

code_list! {
    /// What a provision-map row costs (domain.md §3.1).
    ProvisionCategory {
        StaffTime = "STAFF_TIME" => "Staff time",
        SlaService = "SLA_SERVICE" => "Bought-in service (SLA)",
        Resource = "RESOURCE" => "Resource or equipment",
        Training = "TRAINING" => "Training",
        Other = "OTHER" => "Other",
    }
}

code_list! {
    /// Staff roles for provision-map rows (domain.md §5.5).
    StaffRole {
        Teacher = "TEACHER" => "Teacher",
        SpecialistTeacher = "SPECIALIST_TEACHER" => "Specialist teacher",
        Senco = "SENCO" => "SENCo",
        Hlta = "HLTA" => "Higher level teaching assistant",
        TaL1 = "TA_L1" => "Teaching assistant level 1",
        TaL2 = "TA_L2" => "Teaching assistant level 2",
        TaL3 = "TA_L3" => "Teaching assistant level 3",
        TaL4 = "TA_L4" => "Teaching assistant level 4",
        Lsa = "LSA" => "Learning support assistant",
        LearningMentor = "LEARNING_MENTOR" => "Learning mentor",
        Elsa = "ELSA" => "Emotional literacy support assistant",
        SupervisoryAssistant = "SUPERVISORY_ASSISTANT" => "Supervisory (lunchtime) assistant",
        Therapist = "THERAPIST" => "Therapist or therapy assistant",
        ExternalSla = "EXTERNAL_SLA" => "External provider (SLA)",
        Other = "OTHER" => "Other",
    }
}

code_list! {
    /// How often a session happens (display only; sessionsPerWeek is what is costed).
    Frequency {
        Daily = "DAILY" => "Daily",
        NPerWeek = "N_PER_WEEK" => "A number of times a week",
        Weekly = "WEEKLY" => "Weekly",
        Fortnightly = "FORTNIGHTLY" => "Fortnightly",
        HalfTermly = "HALF_TERMLY" => "Half-termly",
        Termly = "TERMLY" => "Termly",
        OneOff = "ONE_OFF" => "One-off",
    }
}

code_list! {
    /// Who pays for a provision-map row (Element 2, pupil premium, Element 3...).
    FundingSource {
        NotionalSen = "NOTIONAL_SEN" => "Notional SEN budget (Element 2)",
        PupilPremium = "PUPIL_PREMIUM" => "Pupil premium",
        TopUpRequested = "TOP_UP_REQUESTED" => "Top-up requested (Element 3)",
        OtherGrant = "OTHER_GRANT" => "Other grant",
        FreeService = "FREE_SERVICE" => "Free service (no cost to the school)",
    }
}

code_list! {
    /// Impact of a provision that has ended.
    Impact {
        Good = "GOOD" => "Good",
        Some = "SOME" => "Some",
        Limited = "LIMITED" => "Limited",
        None = "NONE" => "None",
        TooEarly = "TOO_EARLY" => "Too early to tell",
    }
}

code_list! {
    /// Specialist and outside-agency services (domain.md §5.4).
    ServiceType {
        Ep = "EP" => "Educational psychology",
        Salt = "SALT" => "Speech and language therapy",
        Ot = "OT" => "Occupational therapy",
        Physio = "PHYSIO" => "Physiotherapy",
        Camhs = "CAMHS" => "CAMHS or emotional wellbeing service",
        Paediatrician = "PAEDIATRICIAN" => "Community paediatrics",
        SchoolNurse = "SCHOOL_NURSE" => "School nursing",
        SpecialistTeacherCl = "SPECIALIST_TEACHER_CL" => "Specialist teacher (learning support)",
        AutismTeam = "AUTISM_TEAM" => "Communication and autism team",
        SemhOutreach = "SEMH_OUTREACH" => "SEMH outreach or behaviour support",
        SensoryHi = "SENSORY_HI" => "Teacher of the deaf",
        SensoryVi = "SENSORY_VI" => "Qualified teacher of visual impairment",
        PdSupport = "PD_SUPPORT" => "Physical disability support service",
        OutreachEmsArp = "OUTREACH_EMS_ARP" => "Enhanced mainstream or ARP outreach",
        Portage = "PORTAGE" => "Portage",
        EarlyHelp = "EARLY_HELP" => "Early help",
        SocialCare = "SOCIAL_CARE" => "Social care",
        VirtualSchool = "VIRTUAL_SCHOOL" => "Virtual school",
        HospitalCommunityTeaching = "HOSPITAL_COMMUNITY_TEACHING" => "Hospital and community teaching",
        SendcoMentor = "SENDCO_MENTOR" => "SENDCo mentor",
        Counsellor = "COUNSELLOR" => "Counsellor",
        PrivateProfessional = "PRIVATE_PROFESSIONAL" => "Private professional",
        Other = "OTHER" => "Other",
    }
}

code_list! {
    /// Where a specialist involvement stands.
    SpecialistStatus {
        Referred = "REFERRED" => "Referred",
        Waiting = "WAITING" => "Waiting",
        Active = "ACTIVE" => "Active",
        Discharged = "DISCHARGED" => "Discharged",
    }
}

code_list! {
    /// How the pupil's views were gathered.
    VoiceMethod {
        Conversation = "CONVERSATION" => "Conversation",
        OnePageProfile = "ONE_PAGE_PROFILE" => "One-page profile",
        Drawings = "DRAWINGS" => "Drawings",
        Symbols = "SYMBOLS" => "Symbols",
        Advocate = "ADVOCATE" => "Through an advocate",
        Other = "OTHER" => "Other",
    }
}

code_list! {
    /// A parent's or carer's relationship to the child (domain.md §1.M).
    Relationship {
        Mother = "MOTHER" => "Mother",
        Father = "FATHER" => "Father",
        StepParent = "STEP_PARENT" => "Step-parent",
        Guardian = "GUARDIAN" => "Guardian",
        SpecialGuardian = "SPECIAL_GUARDIAN" => "Special guardian",
        FosterCarer = "FOSTER_CARER" => "Foster carer",
        LaCorporateParent = "LA_CORPORATE_PARENT" => "Local authority (corporate parent)",
        Other = "OTHER" => "Other",
    }
}

code_list! {
    /// How consent was recorded.
    ConsentMethod {
        WetSignatureScanned = "WET_SIGNATURE_SCANNED" => "Signed on paper (scanned)",
        ESignature = "E_SIGNATURE" => "Electronic signature",
        VerbalRecordedByStaff = "VERBAL_RECORDED_BY_STAFF" => "Verbal, recorded by staff",
        Email = "EMAIL" => "By email",
    }
}

impl ConsentMethod {
    /// Whether this method produces a signature that can be attached.
    pub fn is_signature(self) -> bool {
        matches!(
            self,
            ConsentMethod::WetSignatureScanned | ConsentMethod::ESignature
        )
    }
}

code_list! {
    /// What a consent covers (consent must be specific: UK GDPR Art 4(11)).
    ConsentScope {
        ShareWithPanel = "SHARE_WITH_PANEL" => "Share this application with the panel",
        ShareWithNamedAgencies = "SHARE_WITH_NAMED_AGENCIES" => "Share with the named agencies",
        EpInvolvement = "EP_INVOLVEMENT" => "Educational psychologist involvement",
        Outreach = "OUTREACH" => "Outreach support",
        EhcnaRequest = "EHCNA_REQUEST" => "Request an EHC needs assessment",
        TrainingSampleAnonymised = "TRAINING_SAMPLE_ANONYMISED" => "Use anonymised paperwork for training",
    }
}

code_list! {
    /// Types of attached document (domain.md §1.Q).
    AttachmentType {
        SenSupportPlan = "SEN_SUPPORT_PLAN" => "SEN support plan",
        ApdrRecord = "APDR_RECORD" => "Assess, plan, do, review record",
        ProvisionMap = "PROVISION_MAP" => "Provision map",
        SupportTimetable = "SUPPORT_TIMETABLE" => "Support timetable",
        ProfessionalReport = "PROFESSIONAL_REPORT" => "Professional report",
        AssessmentData = "ASSESSMENT_DATA" => "Assessment data",
        Pep = "PEP" => "Personal education plan",
        Eha = "EHA" => "Early help assessment",
        RiskAssessment = "RISK_ASSESSMENT" => "Risk assessment",
        PupilVoice = "PUPIL_VOICE" => "Pupil voice",
        ParentViews = "PARENT_VIEWS" => "Parent views",
        ConsentSignature = "CONSENT_SIGNATURE" => "Signed consent",
        Quote = "QUOTE" => "Quote",
        Other = "OTHER" => "Other",
    }
}

code_list! {
    /// The kinds of file a document may be, decided from its bytes (`files::sniff`). The label
    /// is the short name people know the kind by ("The selected file must be a PDF or DOCX").
    FileKind {
        Pdf = "PDF" => "PDF",
        Docx = "DOCX" => "DOCX",
        Xlsx = "XLSX" => "XLSX",
        Odt = "ODT" => "ODT",
        Doc = "DOC" => "DOC",
        Jpeg = "JPEG" => "JPG",
        Png = "PNG" => "PNG",
        Heic = "HEIC" => "HEIC",
        Txt = "TXT" => "TXT",
        Csv = "CSV" => "CSV",
        Rtf = "RTF" => "RTF",
    }
}

code_list! {
    /// A SENCo's national award status.
    NasencoStatus {
        Achieved = "ACHIEVED" => "Achieved",
        InProgress = "IN_PROGRESS" => "In progress",
        NotStarted = "NOT_STARTED" => "Not started",
        NotRequired = "NOT_REQUIRED" => "Not required",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_json() {
        for c in SenType::ALL {
            let json = serde_json::to_string(c).unwrap_or_default();
            let back: Option<SenType> = serde_json::from_str(&json).ok();
            assert_eq!(back, Some(*c));
            assert_eq!(SenType::from_code(c.code()), Some(*c));
        }
    }

    #[test]
    fn ncy_ordinals() {
        assert_eq!(Ncy::R.ordinal(), Some(0));
        assert_eq!(Ncy::Y4.ordinal(), Some(4));
        assert_eq!(Ncy::N2.ordinal(), Some(-1));
        assert_eq!(Ncy::X.ordinal(), None);
        assert_eq!(Ncy::from_ordinal(12), Some(Ncy::Y12));
        assert_eq!(Ncy::from_ordinal(15), None);
    }

    #[test]
    fn need_types_map_to_areas() {
        assert_eq!(SenType::Spld.area(), Some(AreaOfNeed::Cl));
        assert_eq!(SenType::Asd.area(), Some(AreaOfNeed::Ci));
        assert_eq!(SenType::Nsa.area(), None);
    }
}
