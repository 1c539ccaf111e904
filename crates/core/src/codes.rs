//! DfE and council code lists (domain.md §5) as enums. Each code has its wire spelling and a
//! label for the widget's radios and selects, from the message catalogue
//! (`code.<List>.<CODE>` in `messages/en.json`).

/// Declares a code list: an enum whose variants serialise as the given code strings. Each
/// code's label is the catalogue's text `code.<List>.<CODE>` (`code.SenType.SEMH`).
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
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
            /// Every code with its English label, in display order (for radios and selects).
            pub fn options() -> &'static [(&'static str, &'static str)] {
                static OPTIONS: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
                    std::sync::OnceLock::new();
                OPTIONS.get_or_init(|| Self::ALL.iter().map(|c| (c.code(), c.label())).collect())
            }
            /// The code as it appears in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            /// The catalogue's id of this code's label.
            pub fn label_id(self) -> &'static str {
                match self { $($name::$variant => concat!("code.", stringify!($name), ".", $code)),+ }
            }
            /// A label for people, in English.
            pub fn label(self) -> &'static str {
                crate::text::english(self.label_id()).unwrap_or(self.code())
            }
            /// A label for people, in the words of `texts`.
            pub fn label_in(self, texts: &crate::text::Catalogue) -> &str {
                texts.get(self.label_id())
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
        TopUpFunding = "TOP_UP_FUNDING",
        Outreach = "OUTREACH",
        EpInvolvement = "EP_INVOLVEMENT",
        SpecialistTeaching = "SPECIALIST_TEACHING",
        HltaSupport = "HLTA_SUPPORT",
        Advice = "ADVICE",
        ResourcedProvision = "RESOURCED_PROVISION",
        Ehcna = "EHCNA",
    }
}

code_list! {
    /// School phase.
    Phase {
        EarlyYears = "EY",
        Primary = "PRIMARY",
        Secondary = "SECONDARY",
        AllThrough = "ALL_THROUGH",
        Post16 = "POST16",
    }
}

code_list! {
    /// Type of setting (eligibility, domain.md V-04).
    SettingType {
        Mainstream = "MAINSTREAM",
        Academy = "ACADEMY",
        Elp = "ELP",
        Arp = "ARP",
        Special = "SPECIAL",
        Ap = "AP",
        EyPvi = "EY_PVI",
    }
}

code_list! {
    /// Sex as recorded in the school census and SEN2.
    Sex {
        Female = "F",
        Male = "M",
    }
}

code_list! {
    /// National curriculum year (domain.md §5.8).
    Ncy {
        E1 = "E1",
        E2 = "E2",
        N1 = "N1",
        N2 = "N2",
        R = "R",
        Y1 = "1",
        Y2 = "2",
        Y3 = "3",
        Y4 = "4",
        Y5 = "5",
        Y6 = "6",
        Y7 = "7",
        Y8 = "8",
        Y9 = "9",
        Y10 = "10",
        Y11 = "11",
        Y12 = "12",
        Y13 = "13",
        Y14 = "14",
        X = "X",
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
        Ci = "CI",
        Cl = "CL",
        Semh = "SEMH",
        Sp = "SP",
    }
}

code_list! {
    /// Area of need of a provision row: the four areas, or catch-up (not SEN).
    ProvisionArea {
        Ci = "CI",
        Cl = "CL",
        Semh = "SEMH",
        Sp = "SP",
        CatchUp = "CATCH_UP",
    }
}

code_list! {
    /// SEN provision (school census): K SEN support, E EHC plan, N no SEN.
    SenProvision {
        K = "K",
        E = "E",
        N = "N",
    }
}

code_list! {
    /// DfE SEN type (school census and SEN2, domain.md §5.2).
    SenType {
        Spld = "SPLD",
        Mld = "MLD",
        Sld = "SLD",
        Pmld = "PMLD",
        Semh = "SEMH",
        Slcn = "SLCN",
        Asd = "ASD",
        Hi = "HI",
        Vi = "VI",
        Msi = "MSI",
        Pd = "PD",
        Ds = "DS",
        Oth = "OTH",
        Nsa = "NSA",
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
        Completed = "COMPLETED",
        InProgress = "IN_PROGRESS",
    }
}

code_list! {
    /// Review status of one outcome at the end of a cycle (domain.md §5.7).
    ReviewStatus {
        Achieved = "ACHIEVED",
        PartiallyAchieved = "PARTIALLY_ACHIEVED",
        NotAchieved = "NOT_ACHIEVED",
        CarriedForward = "CARRIED_FORWARD",
        Discontinued = "DISCONTINUED",
    }
}

code_list! {
    /// What a provision-map row costs (domain.md §3.1).
    ProvisionCategory {
        StaffTime = "STAFF_TIME",
        SlaService = "SLA_SERVICE",
        Resource = "RESOURCE",
        Training = "TRAINING",
        Other = "OTHER",
    }
}

code_list! {
    /// Staff roles for provision-map rows (domain.md §5.5).
    StaffRole {
        Teacher = "TEACHER",
        SpecialistTeacher = "SPECIALIST_TEACHER",
        Senco = "SENCO",
        Hlta = "HLTA",
        TaL1 = "TA_L1",
        TaL2 = "TA_L2",
        TaL3 = "TA_L3",
        TaL4 = "TA_L4",
        Lsa = "LSA",
        LearningMentor = "LEARNING_MENTOR",
        Elsa = "ELSA",
        SupervisoryAssistant = "SUPERVISORY_ASSISTANT",
        Therapist = "THERAPIST",
        ExternalSla = "EXTERNAL_SLA",
        Other = "OTHER",
    }
}

code_list! {
    /// How often a session happens (display only; sessionsPerWeek is what is costed).
    Frequency {
        Daily = "DAILY",
        NPerWeek = "N_PER_WEEK",
        Weekly = "WEEKLY",
        Fortnightly = "FORTNIGHTLY",
        HalfTermly = "HALF_TERMLY",
        Termly = "TERMLY",
        OneOff = "ONE_OFF",
    }
}

code_list! {
    /// Who pays for a provision-map row (Element 2, pupil premium, Element 3...).
    FundingSource {
        NotionalSen = "NOTIONAL_SEN",
        PupilPremium = "PUPIL_PREMIUM",
        TopUpRequested = "TOP_UP_REQUESTED",
        OtherGrant = "OTHER_GRANT",
        FreeService = "FREE_SERVICE",
    }
}

code_list! {
    /// Impact of a provision that has ended.
    Impact {
        Good = "GOOD",
        Some = "SOME",
        Limited = "LIMITED",
        None = "NONE",
        TooEarly = "TOO_EARLY",
    }
}

code_list! {
    /// Specialist and outside-agency services (domain.md §5.4).
    ServiceType {
        Ep = "EP",
        Salt = "SALT",
        Ot = "OT",
        Physio = "PHYSIO",
        Camhs = "CAMHS",
        Paediatrician = "PAEDIATRICIAN",
        SchoolNurse = "SCHOOL_NURSE",
        SpecialistTeacherCl = "SPECIALIST_TEACHER_CL",
        AutismTeam = "AUTISM_TEAM",
        SemhOutreach = "SEMH_OUTREACH",
        SensoryHi = "SENSORY_HI",
        SensoryVi = "SENSORY_VI",
        PdSupport = "PD_SUPPORT",
        OutreachEmsArp = "OUTREACH_EMS_ARP",
        Portage = "PORTAGE",
        EarlyHelp = "EARLY_HELP",
        SocialCare = "SOCIAL_CARE",
        VirtualSchool = "VIRTUAL_SCHOOL",
        HospitalCommunityTeaching = "HOSPITAL_COMMUNITY_TEACHING",
        SendcoMentor = "SENDCO_MENTOR",
        Counsellor = "COUNSELLOR",
        PrivateProfessional = "PRIVATE_PROFESSIONAL",
        Other = "OTHER",
    }
}

code_list! {
    /// Where a specialist involvement stands.
    SpecialistStatus {
        Referred = "REFERRED",
        Waiting = "WAITING",
        Active = "ACTIVE",
        Discharged = "DISCHARGED",
    }
}

code_list! {
    /// How the pupil's views were gathered.
    VoiceMethod {
        Conversation = "CONVERSATION",
        OnePageProfile = "ONE_PAGE_PROFILE",
        Drawings = "DRAWINGS",
        Symbols = "SYMBOLS",
        Advocate = "ADVOCATE",
        Other = "OTHER",
    }
}

code_list! {
    /// A parent's or carer's relationship to the child (domain.md §1.M).
    Relationship {
        Mother = "MOTHER",
        Father = "FATHER",
        StepParent = "STEP_PARENT",
        Guardian = "GUARDIAN",
        SpecialGuardian = "SPECIAL_GUARDIAN",
        FosterCarer = "FOSTER_CARER",
        LaCorporateParent = "LA_CORPORATE_PARENT",
        Other = "OTHER",
    }
}

code_list! {
    /// How consent was recorded.
    ConsentMethod {
        WetSignatureScanned = "WET_SIGNATURE_SCANNED",
        ESignature = "E_SIGNATURE",
        VerbalRecordedByStaff = "VERBAL_RECORDED_BY_STAFF",
        Email = "EMAIL",
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
        ShareWithPanel = "SHARE_WITH_PANEL",
        ShareWithNamedAgencies = "SHARE_WITH_NAMED_AGENCIES",
        EpInvolvement = "EP_INVOLVEMENT",
        Outreach = "OUTREACH",
        EhcnaRequest = "EHCNA_REQUEST",
        TrainingSampleAnonymised = "TRAINING_SAMPLE_ANONYMISED",
    }
}

code_list! {
    /// Types of attached document (domain.md §1.Q).
    AttachmentType {
        SenSupportPlan = "SEN_SUPPORT_PLAN",
        ApdrRecord = "APDR_RECORD",
        ProvisionMap = "PROVISION_MAP",
        SupportTimetable = "SUPPORT_TIMETABLE",
        ProfessionalReport = "PROFESSIONAL_REPORT",
        AssessmentData = "ASSESSMENT_DATA",
        Pep = "PEP",
        Eha = "EHA",
        RiskAssessment = "RISK_ASSESSMENT",
        PupilVoice = "PUPIL_VOICE",
        ParentViews = "PARENT_VIEWS",
        ConsentSignature = "CONSENT_SIGNATURE",
        Quote = "QUOTE",
        Other = "OTHER",
    }
}

code_list! {
    /// The kinds of file a document may be, decided from its bytes (`files::sniff`). The label
    /// is the short name people know the kind by ("The selected file must be a PDF or DOCX").
    FileKind {
        Pdf = "PDF",
        Docx = "DOCX",
        Xlsx = "XLSX",
        Odt = "ODT",
        Doc = "DOC",
        Jpeg = "JPEG",
        Png = "PNG",
        Heic = "HEIC",
        Txt = "TXT",
        Csv = "CSV",
        Rtf = "RTF",
    }
}

code_list! {
    /// A SENCo's national award status.
    NasencoStatus {
        Achieved = "ACHIEVED",
        InProgress = "IN_PROGRESS",
        NotStarted = "NOT_STARTED",
        NotRequired = "NOT_REQUIRED",
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
