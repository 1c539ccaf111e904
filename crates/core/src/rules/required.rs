//! Which answers a person must give, for a profile and the answers so far: the field table's
//! requirement (F-01) and the answers that rule families demand in some cases (a staff-time
//! row's rate and time, a completed cycle's review, the declarations, …). The form shows every
//! other question as "(optional)". `tests/optional_matches_rules.rs` checks this against what
//! the rules actually report when an answer is left empty, both ways.

use super::field_specs::{is_required, pattern_of, spec_for};
use super::{apdr, involvement, list};
use crate::model::Application;
use crate::profile::{Mode, Profile, RequiredWhen};
use crate::report::Severity;
use crate::sections;

/// The severity a rule's finding has under a profile, if the rule runs at all: the profile's
/// override, else the finding's own choice (`chosen`), else the catalogue's for the profile's
/// mode; in EHCNA mode a council evidence criterion is at most a warning.
pub fn severity(rule: &str, profile: &Profile, chosen: Option<Severity>) -> Option<Severity> {
    let def = super::catalogue::get(rule)?;
    let over = profile.rule(rule);
    if over.and_then(|o| o.enabled) == Some(false) {
        return None;
    }
    let base = match profile.mode {
        Mode::Panel => def.panel,
        Mode::Ehcna => def.ehcna,
    }?;
    let mut s = over.and_then(|o| o.severity).or(chosen).unwrap_or(base);
    if profile.mode == Mode::Ehcna && def.evidence && s == Severity::Error {
        s = Severity::Warning;
    }
    Some(s)
}

/// [`severity`] for a finding at `pointer`: in EHCNA mode nothing at a council's evidence is
/// more than a warning (`field_specs::COUNCIL_EVIDENCE`), whichever rule finds it.
pub fn severity_at(
    rule: &str,
    pointer: &str,
    profile: &Profile,
    chosen: Option<Severity>,
) -> Option<Severity> {
    let s = severity(rule, profile, chosen)?;
    let capped = profile.mode == Mode::Ehcna
        && s == Severity::Error
        && super::field_specs::is_council_evidence(pointer);
    Some(if capped { Severity::Warning } else { s })
}

fn is_error(rule: &str, pointer: &str, profile: &Profile) -> bool {
    severity_at(rule, pointer, profile, None) == Some(Severity::Error)
}

/// The index of the list item a pointer is in: `/provisionMap/rows/3/weeks` → 3.
fn index_in(pointer: &str, list: &str) -> Option<usize> {
    pointer
        .strip_prefix(list)?
        .strip_prefix('/')?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// Whether leaving the field at `pointer` empty, the other answers as they are, is an error.
pub fn is_required_now(pointer: &str, app: &Application, profile: &Profile) -> bool {
    if !profile.has_section(sections::section_of(pointer)) {
        return false;
    }
    let by_table = spec_for(pointer).is_some_and(|s| is_required(s, profile));
    if by_table && is_error("F-01", pointer, profile) {
        return true;
    }
    let pattern = pattern_of(pointer);
    let Some((rule, needed)) = demanded(&pattern, pointer, app, profile) else {
        return false;
    };
    needed && is_error(rule, pointer, profile)
}

/// The rule that demands an answer at this pattern, and whether it does for these answers.
fn demanded(
    pattern: &str,
    pointer: &str,
    app: &Application,
    profile: &Profile,
) -> Option<(&'static str, bool)> {
    let row = || {
        let rows = app.provision_map.as_ref().and_then(|m| m.rows.as_ref());
        index_in(pointer, "/provisionMap/rows").and_then(|i| list(rows).get(i))
    };
    let cycle =
        || index_in(pointer, "/apdrCycles").and_then(|i| list(app.apdr_cycles.as_ref()).get(i));
    let consent =
        || index_in(pointer, "/consents").and_then(|i| list(app.consents.as_ref()).get(i));
    let field = pattern.rsplit('/').next().unwrap_or_default();
    Some(match pattern {
        // V-61: the columns a row needs for its kind of cost.
        "/provisionMap/rows/*/staffRole"
        | "/provisionMap/rows/*/groupSize"
        | "/provisionMap/rows/*/sessionMinutes"
        | "/provisionMap/rows/*/sessionsPerWeek"
        | "/provisionMap/rows/*/weeks"
        | "/provisionMap/rows/*/hourlyRatePence"
        | "/provisionMap/rows/*/fixedCostPence" => {
            let Some(r) = row() else {
                return Some(("V-61", false));
            };
            let staff = r.category.map(|_| crate::cost::is_staff_time(r));
            let needed = match (staff, field) {
                (None, _) => false,
                (Some(staff), "fixedCostPence") => !staff,
                (Some(staff), "groupSize") => staff && r.charge_full_group_cost != Some(true),
                (Some(staff), _) => staff,
            };
            ("V-61", needed)
        }
        "/provisionMap/rows/*/chargeFullGroupJustification" => (
            "V-61",
            row().is_some_and(|r| r.charge_full_group_cost == Some(true)),
        ),
        // V-55: every row serves an outcome.
        "/provisionMap/rows/*/linkedOutcomeIds" => ("V-55", row().is_some()),
        // V-17: a completed cycle has its review.
        "/apdrCycles/*/actualReviewDate"
        | "/apdrCycles/*/review/impactSummary"
        | "/apdrCycles/*/review/nextSteps" => ("V-17", cycle().is_some_and(apdr::completed)),
        // V-23, where the council asks for the child's views at every review.
        "/apdrCycles/*/review/pupilVoice" => (
            "V-23",
            profile.apdr.pupil_voice_every_cycle && cycle().is_some_and(apdr::completed),
        ),
        // V-22, V-23: views in words, unless attached.
        "/parentViews/text" => (
            "V-22",
            !app.parent_views
                .as_ref()
                .is_some_and(|v| involvement::given(None, v.attachment_id.as_ref())),
        ),
        "/pupilVoice/text" => (
            "V-23",
            !app.pupil_voice
                .as_ref()
                .is_some_and(|v| involvement::given(None, v.attachment_id.as_ref())),
        ),
        // V-98: both declarations signed, named and dated.
        "/declarations/senco/signed"
        | "/declarations/senco/name"
        | "/declarations/senco/date"
        | "/declarations/headteacher/signed"
        | "/declarations/headteacher/name"
        | "/declarations/headteacher/date" => ("V-98", true),
        // V-31: who gave consent, unless the young person did.
        "/consents/*/givenByPersonId" => (
            "V-31",
            consent().is_some_and(|c| c.given_by_young_person != Some(true)),
        ),
        // V-35: when the application was discussed, where the council asks.
        "/consents/*/discussedWithParentDate" => (
            "V-35",
            profile.consent.discussed_date_required
                && consent().is_some_and(|c| super::date(c.date.as_ref()).is_some()),
        ),
        // V-39: the privacy notice, and its current version where the council names one.
        "/consents/*/privacyNoticeAcknowledged" => {
            ("V-39", consent().is_some_and(|c| c.withdrawn != Some(true)))
        }
        "/consents/*/privacyNoticeVersion" => (
            "V-39",
            profile.consent.privacy_notice_version.is_some()
                && consent().is_some_and(|c| c.withdrawn != Some(true)),
        ),
        // V-40: the signed form attached, where the council asks for it.
        "/consents/*/signatureAttachmentId" => (
            "V-40",
            profile.requires_documents_when(RequiredWhen::EachSignedConsent)
                && consent().is_some_and(|c| c.method.is_some_and(|m| m.is_signature())),
        ),
        // D-01: a specialist's report said to be attached, where the council asks for it.
        "/specialists/*/reportAttachmentId" => (
            "D-01",
            profile.requires_documents_when(RequiredWhen::EachSpecialistReport)
                && index_in(pointer, "/specialists")
                    .and_then(|i| list(app.specialists.as_ref()).get(i))
                    .is_some_and(|s| s.report_attached == Some(true)),
        ),
        _ => return None,
    })
}
