//! The widget asks the core; it never decides completeness itself. The document it holds is
//! read as the core's typed application, its computed figures are filled in, and the core's
//! report comes back: the same report `sen-check --json` prints for the same document.

use sen_core::codes::FundingSource;
use sen_core::text::Catalogue;
use sen_core::{derive, rules, wire, Application, Date, Profile, Report};
use serde_json::Value;

/// The application as it will be sent: read from the widget's value, figures filled in.
pub fn application(doc: &Value, profile: &Profile) -> Option<Application> {
    let mut app = wire::application_from_value(doc).ok()?;
    derive::fill(&mut app, &profile.funding);
    derive::from_profile(&mut app, profile);
    Some(app)
}

/// Each provision row's cost and funding source, in row order.
pub type RowCosts = Vec<(Option<i64>, Option<FundingSource>)>;

/// What the core says of the answers: the report, each provision row's cost and funding source
/// for the live totals, and the application as read (which questions are required now).
pub struct Checked {
    pub report: Report,
    pub rows: RowCosts,
    pub app: Application,
}

/// Asks the core about the answers.
pub fn run(doc: &Value, profile: &Profile, today: &str, texts: &Catalogue) -> Option<Checked> {
    let today = Date::parse(today)?;
    let app = application(doc, profile)?;
    let report = rules::check_in(&app, profile, today, texts);
    let sources = app
        .provision_map
        .as_ref()
        .and_then(|m| m.rows.as_ref())
        .map(|rows| rows.iter().map(|r| r.funding_source).collect::<Vec<_>>())
        .unwrap_or_default();
    let rows = report
        .totals
        .row_costs_pence
        .iter()
        .copied()
        .zip(sources)
        .collect();
    Some(Checked { report, rows, app })
}

/// The JSON document sent to the endpoint: the wire shape the CLI and receiver read.
pub fn document(doc: &Value, profile: &Profile) -> Option<String> {
    application(doc, profile).map(|app| sen_core::wire::to_json(&app))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s01_checks_complete_as_the_cli_says() {
        let text = include_str!("../tests/fixtures/scenarios/S01-complete-valid.json");
        let doc: Value = serde_json::from_str(text).unwrap();
        let profile = sen_core::profile::builtin("stockton-one-point").unwrap();
        let Checked { report, rows, .. } =
            run(&doc, &profile, "2025-04-30", &Catalogue::english()).unwrap();
        let cli = sen_core::api::check(
            text,
            sen_core::api::ProfileChoice::Builtin("stockton-one-point"),
            "2025-04-30",
        )
        .unwrap();
        assert_eq!(report, cli);
        assert!(report.complete);
        assert_eq!(rows.len(), 7);
        let sent: Value = serde_json::from_str(&document(&doc, &profile).unwrap()).unwrap();
        assert!(
            numbers_as_f64(sent) == numbers_as_f64(doc),
            "the sent document differs from S01"
        );
    }

    /// 32 and 32.0 are the same number to JSON readers (and to JavaScript).
    fn numbers_as_f64(v: Value) -> Value {
        match v {
            Value::Number(n) => n.as_f64().map(Value::from).unwrap_or(Value::Null),
            Value::Array(a) => Value::Array(a.into_iter().map(numbers_as_f64).collect()),
            Value::Object(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect())
            }
            other => other,
        }
    }
}
