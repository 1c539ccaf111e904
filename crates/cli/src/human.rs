//! The report as text for a terminal: grouped by section, in report order, worded from the
//! message catalogue (`cli.report.*`), so `--lang` shows it in another language.

use sen_core::report::{Report, SectionStatus, Severity};
use sen_core::rules::money;
use sen_core::text::Catalogue;
use sen_core::Profile;

pub fn render(report: &Report, profile: &Profile, texts: &Catalogue) -> String {
    let mut s = texts.format(
        "cli.report.heading",
        &[
            ("council", &profile.name),
            ("profile", &report.profile),
            ("version", &report.profile_version),
            ("today", &report.today),
        ],
    );
    s.push('\n');
    if report.complete {
        s.push_str(texts.get("cli.report.complete"));
    } else {
        s.push_str(&texts.format(
            "cli.report.incomplete",
            &[
                ("errors", &report.counts.errors),
                ("warnings", &report.counts.unjustified_warnings),
            ],
        ));
    }
    s.push('\n');
    let t = &report.totals;
    if !t.not_worked_out.is_empty() {
        s.push_str(&texts.format(
            "cli.report.totals-not-worked-out",
            &[("pointers", &t.not_worked_out.join(", "))],
        ));
    } else {
        s.push_str(&texts.format(
            "cli.report.totals",
            &[
                ("total", &money(t.total_pence)),
                ("contribution", &money(t.school_contribution_pence)),
                ("top_up", &money(t.requested_top_up_pence)),
                ("threshold", &money(t.threshold_pence)),
            ],
        ));
    }
    s.push('\n');
    for section in &report.sections {
        s.push('\n');
        s.push_str(&texts.format(
            "cli.report.section",
            &[
                ("title", &section.title),
                ("status", &texts.get(status_id(section.status))),
            ],
        ));
        s.push('\n');
        for i in report.issues_in(&section.id) {
            let sev = texts.get(match i.severity {
                Severity::Error => "cli.report.error",
                Severity::Warning if i.justified => "cli.report.justified",
                Severity::Warning => "cli.report.warning",
                Severity::Info => "cli.report.info",
            });
            s.push_str(&format!(
                "  {sev:<6}{:<6}{}\n        {}\n",
                i.rule_id, i.pointer, i.message
            ));
        }
    }
    if report.issues.iter().any(|i| i.justified) {
        s.push('\n');
        s.push_str(texts.get("cli.report.justified-key"));
        s.push('\n');
    }
    s
}

fn status_id(status: SectionStatus) -> &'static str {
    match status {
        SectionStatus::NotStarted => "cli.status.not-started",
        SectionStatus::InProgress => "cli.status.in-progress",
        SectionStatus::Complete => "cli.status.complete",
        SectionStatus::HasErrors => "cli.status.has-errors",
    }
}
