//! The report as text for a terminal: grouped by section, in report order.

use sen_core::report::{Report, Severity};
use sen_core::rules::money;
use sen_core::Profile;

pub fn render(report: &Report, profile: &Profile) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "{} (profile {} {}), checked on {}\n",
        profile.name, report.profile, report.profile_version, report.today
    ));
    if report.complete {
        s.push_str("Complete: yes\n");
    } else {
        s.push_str(&format!(
            "Complete: no \u{2014} {} errors, {} warnings need a justification\n",
            report.counts.errors, report.counts.unjustified_warnings
        ));
    }
    let t = &report.totals;
    if !t.not_worked_out.is_empty() {
        s.push_str(&format!(
            "Provision map: totals not worked out until the figures at {} can be costed\n",
            t.not_worked_out.join(", ")
        ));
    } else {
        s.push_str(&format!(
            "Provision map: total {}, school contribution {}, top-up requested {} (threshold {})\n",
            money(t.total_pence),
            money(t.school_contribution_pence),
            money(t.requested_top_up_pence),
            money(t.threshold_pence)
        ));
    }
    for section in &report.sections {
        s.push_str(&format!(
            "\n{} \u{2014} {}\n",
            section.title,
            section.status.as_str()
        ));
        for i in report.issues_in(&section.id) {
            let sev = match i.severity {
                Severity::Error => "ERROR",
                Severity::Warning if i.justified => "WARN*",
                Severity::Warning => "WARN",
                Severity::Info => "INFO",
            };
            s.push_str(&format!(
                "  {sev:<6}{:<6}{}\n        {}\n",
                i.rule_id, i.pointer, i.message
            ));
        }
    }
    if report.issues.iter().any(|i| i.justified) {
        s.push_str("\nWARN* = a warning answered with a justification\n");
    }
    s
}
