//! What the panel should know before it reads the answers: the warnings still open, each with
//! the SENCo's justification where one is given (`validation.warningsAcknowledged`), and the
//! errors that stop the application being complete.

use crate::model::Application;
use crate::profile::Profile;
use crate::report::{Issue, Report, Severity};
use crate::text::Catalogue;

/// A warning or an error, where it is and, for a warning, the SENCo's justification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concern {
    /// The section's title.
    pub section: String,
    /// The core's message.
    pub message: String,
    /// The justification given for a warning.
    pub justification: Option<String>,
}

fn concern(
    issue: &Issue,
    profile: &Profile,
    justification: Option<String>,
    texts: &Catalogue,
) -> Concern {
    Concern {
        section: profile.section_title_in(&issue.section, texts),
        message: issue.message.clone(),
        justification,
    }
}

/// The justification the application gives for a warning: the first acknowledgement of its
/// rule at its pointer (or at no pointer) with words in it, as the rules count it.
pub fn justification(app: &Application, issue: &Issue) -> Option<String> {
    app.validation
        .as_ref()?
        .warnings_acknowledged
        .as_deref()?
        .iter()
        .filter(|a| a.covers(&issue.rule_id, &issue.pointer))
        .find_map(|a| {
            a.justification
                .as_deref()
                .map(str::trim)
                .filter(|j| !j.is_empty())
                .map(str::to_owned)
        })
}

/// The warnings of the report, each with its justification if any.
pub fn warnings(
    report: &Report,
    app: &Application,
    profile: &Profile,
    texts: &Catalogue,
) -> Vec<Concern> {
    report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .map(|i| concern(i, profile, justification(app, i), texts))
        .collect()
}

/// The errors of the report.
pub fn errors(report: &Report, profile: &Profile, texts: &Catalogue) -> Vec<Concern> {
    report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| concern(i, profile, None, texts))
        .collect()
}
