//! The figures an application carries that nobody types: each provision row's annual cost and
//! staff ratio, the map's subtotals and totals, the amount of top-up requested, and the APDR
//! cycle numbers, the request's length in terms. The widget fills them in before it checks or sends, so the totals in the JSON
//! always equal the sum of the rows. (`sen-check` does not: a document made elsewhere has its
//! stated figures checked.)

use crate::codes::RequestType;
use crate::cost;
use crate::model::{Application, FundingSubtotals, ProvisionRow};
use crate::profile::FundingPolicy;

fn non_zero(v: i64) -> Option<i64> {
    (v != 0).then_some(v)
}

/// A staff-time row's ratio of adults to pupils, `1:3`, from its two numbers.
fn staff_ratio(row: &ProvisionRow) -> Option<String> {
    if !cost::is_staff_time(row) {
        return None;
    }
    Some(format!("{}:{}", row.adults?, row.group_size?))
}

/// The media type of a file, from the ending of its name (what a browser would say of it).
pub fn media_type(filename: &str) -> Option<&'static str> {
    let (_, ending) = filename.rsplit_once('.')?;
    Some(match ending.to_ascii_lowercase().as_str() {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "doc" => "application/msword",
        "odt" => "application/vnd.oasis.opendocument.text",
        "rtf" => "application/rtf",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "heic" => "image/heic",
        _ => return None,
    })
}

/// How many school terms (a third of a year each) the days from `start` to `end`, both
/// included, come to, to the nearest whole term and at least one; `None` if `end` is before
/// `start`. 6 May 2025 to 5 May 2026 is 3 terms.
pub fn terms_between(start: crate::Date, end: crate::Date) -> Option<i64> {
    let days = start.days_until(end).checked_add(1).filter(|d| *d > 0)?;
    // days ÷ (365.25 ÷ 3), rounded half up: (days × 12 + 730) ÷ 1461.
    let terms = days.checked_mul(12)?.checked_add(730)? / 1461;
    Some(terms.max(1))
}

/// What is known from other answers and so is asked once: the relationship and parental
/// responsibility of a parent who gave consent (their own answers in Parents and carers), and a
/// document's file type (from its name).
fn from_other_answers(app: &mut Application) {
    let parents: Vec<(String, Option<crate::codes::Relationship>, Option<bool>)> = app
        .parents
        .iter()
        .flatten()
        .filter_map(|p| Some((p.id.clone()?, p.relationship, p.has_parental_responsibility)))
        .collect();
    for c in app.consents.iter_mut().flatten() {
        if c.given_by_young_person == Some(true) {
            continue;
        }
        let who = c.given_by_person_id.as_deref();
        if let Some((_, relationship, pr)) =
            parents.iter().find(|(id, _, _)| Some(id.as_str()) == who)
        {
            c.relationship = *relationship;
            c.has_parental_responsibility = *pr;
        }
    }
    // A document whose bytes were read (it has a checksum) keeps the type its bytes gave: a
    // JPEG named .png is a JPEG. Only one listed by name alone takes the type its name says.
    for a in app.attachments.iter_mut().flatten() {
        if a.sha256.is_some() && a.mime_type.is_some() {
            continue;
        }
        if let Some(t) = a.filename.as_deref().and_then(media_type) {
            a.mime_type = Some(t.to_owned());
        }
    }
    if let Some(r) = app.request.as_mut() {
        let day =
            |d: &Option<crate::model::DateText>| d.as_ref().and_then(|d| crate::Date::parse(&d.0));
        if let (Some(start), Some(end)) = (day(&r.start_date), day(&r.end_date)) {
            r.duration_terms = terms_between(start, end);
        }
    }
}

/// Whether the council's profile gives this answer, so the form does not ask it: the version of
/// the privacy notice a consent acknowledges is the council's current one.
pub fn is_from_profile(pattern: &str, profile: &crate::Profile) -> bool {
    pattern == "/consents/*/privacyNoticeVersion"
        && profile.consent.privacy_notice_version.is_some()
}

/// Fills in what the council's profile gives (see [`is_from_profile`]), over any other value:
/// the person was shown this council's notice.
pub fn from_profile(app: &mut Application, profile: &crate::Profile) {
    if let Some(version) = &profile.consent.privacy_notice_version {
        for c in app.consents.iter_mut().flatten() {
            c.privacy_notice_version = Some(version.clone());
        }
    }
}

/// Fills in the computed figures from the answers.
pub fn fill(app: &mut Application, funding: &FundingPolicy) {
    from_other_answers(app);
    if let Some(cycles) = app.apdr_cycles.as_mut() {
        for (n, cycle) in cycles.iter_mut().enumerate() {
            cycle.cycle_no = i64::try_from(n).ok().map(|n| n.saturating_add(1));
        }
    }
    let totals = cost::totals(app, funding);
    let top_up = app
        .request_type
        .as_ref()
        .is_some_and(|t| t.contains(&RequestType::TopUpFunding));
    if let Some(request) = app.request.as_mut() {
        request.amount_requested_pence = top_up.then_some(totals.requested_top_up_pence);
    }
    let Some(map) = app.provision_map.as_mut() else {
        return;
    };
    if let Some(rows) = map.rows.as_mut() {
        for (row, c) in rows.iter_mut().zip(&totals.row_costs_pence) {
            row.annual_cost_pence = *c;
            row.staff_ratio = staff_ratio(row);
        }
    }
    let s = &totals.subtotals;
    let subtotals = FundingSubtotals {
        notional_sen_pence: non_zero(s.notional_sen_pence),
        pupil_premium_pence: non_zero(s.pupil_premium_pence),
        top_up_requested_pence: non_zero(s.top_up_requested_pence),
        other_grant_pence: non_zero(s.other_grant_pence),
        free_service_pence: non_zero(s.free_service_pence),
    };
    map.subtotals = (subtotals != FundingSubtotals::default()).then_some(subtotals);
    map.total_pence = Some(totals.total_pence);
    map.school_contribution_pence = Some(totals.school_contribution_pence);
    map.other_funding_pence = non_zero(totals.other_funding_pence);
    map.requested_top_up_pence = Some(totals.requested_top_up_pence);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire;

    #[test]
    fn refills_s01_exactly() {
        let text = include_str!("../../../tests/fixtures/scenarios/S01-complete-valid.json");
        let Ok(original) = wire::parse_application(text) else {
            unreachable!("S01 parses")
        };
        let mut blank = original.clone();
        if let Some(map) = blank.provision_map.as_mut() {
            map.subtotals = None;
            map.total_pence = None;
            map.school_contribution_pence = None;
            map.requested_top_up_pence = None;
            for row in map.rows.iter_mut().flatten() {
                row.annual_cost_pence = None;
            }
        }
        for c in blank.apdr_cycles.iter_mut().flatten() {
            c.cycle_no = None;
        }
        for row in blank
            .provision_map
            .iter_mut()
            .flat_map(|m| m.rows.iter_mut().flatten())
        {
            row.staff_ratio = None;
        }
        if let Some(r) = blank.request.as_mut() {
            r.amount_requested_pence = None;
        }
        for c in blank.consents.iter_mut().flatten() {
            c.relationship = None;
            c.has_parental_responsibility = None;
        }
        for a in blank.attachments.iter_mut().flatten() {
            a.mime_type = None;
        }
        assert_ne!(blank, original);
        let profile = crate::profile::builtin("stockton-one-point");
        let Ok(profile) = profile else { unreachable!() };
        fill(&mut blank, &profile.funding);
        assert_eq!(blank, original);
    }

    #[test]
    fn a_documents_type_from_its_bytes_is_kept_and_one_by_name_alone_follows_its_name() {
        let read = crate::model::Attachment {
            filename: Some("photo.png".into()),
            sha256: Some("ab".repeat(32)),
            mime_type: Some("image/jpeg".into()),
            ..Default::default()
        };
        let listed = crate::model::Attachment {
            filename: Some("plan.docx".into()),
            mime_type: Some("application/pdf".into()),
            ..Default::default()
        };
        let mut app = Application {
            attachments: Some(vec![read.clone(), listed]),
            ..Default::default()
        };
        fill(&mut app, &crate::profile::FundingPolicy::default());
        let types: Vec<_> = app
            .attachments
            .iter()
            .flatten()
            .map(|a| a.mime_type.as_deref())
            .collect();
        assert_eq!(
            types,
            vec![
                Some("image/jpeg"),
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            ]
        );
    }

    #[test]
    fn terms_from_dates() {
        let d = |t: &str| crate::Date::parse(t).unwrap();
        assert_eq!(terms_between(d("2025-05-06"), d("2026-05-05")), Some(3));
        assert_eq!(terms_between(d("2025-09-01"), d("2025-12-19")), Some(1));
        assert_eq!(terms_between(d("2025-09-01"), d("2026-04-01")), Some(2));
        assert_eq!(terms_between(d("2025-09-01"), d("2025-09-01")), Some(1));
        assert_eq!(terms_between(d("2025-09-02"), d("2025-09-01")), None);
        assert_eq!(terms_between(d("2025-09-01"), d("2027-08-31")), Some(6));
    }

    #[test]
    fn no_map_stays_none() {
        let mut app = Application::default();
        fill(&mut app, &FundingPolicy::default());
        assert_eq!(app, Application::default());
    }
}
