//! The evidence pack: the application as a panel reads it, for the panel, the parents and the
//! school. [`Pack::new`] gathers it from the application (as the JSON value every front door
//! holds), the profile and the report: the council, the reference and the date it was sent
//! when it has been, every section the profile asks in its order with every answer as people
//! read it (the rows check your answers shows), the documents, the warnings still open with the
//! SENCo's justifications, the errors, the two charts and the summary for parents.
//! [`html::document`] writes it as one self-contained HTML file; [`parent::html`] writes the
//! parents' summary as a page of its own.

pub mod answers;
pub mod documents;
pub mod html;
pub mod issues;
mod page;
pub mod parent;

use serde_json::Value;

use crate::chart::{self, Chart};
use crate::date::Date;
use crate::display::text_at;
use crate::profile::Profile;
use crate::report::Report;
use crate::text::Catalogue;

/// The width the pack draws its charts at: the text width of an A4 page at 96 pixels an inch.
pub const CHART_WIDTH: i64 = 640;

/// The id the provision map chart has in the pack (its title is `{id}-title`).
pub const COST_CHART_ID: &str = "pack-cost";

/// The id the timeline has in the pack.
pub const TIMELINE_ID: &str = "pack-timeline";

/// A question (or label) and its answer as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub question: String,
    pub answer: String,
}

impl Row {
    pub fn new(question: impl Into<String>, answer: impl Into<String>) -> Row {
        Row {
            question: question.into(),
            answer: answer.into(),
        }
    }
}

/// One item of an "add another" list: its name and its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub name: String,
    pub rows: Vec<Row>,
}

/// One section of the form, as check your answers shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The section's id (`provision`).
    pub id: String,
    /// Its title, relabelled where the profile says.
    pub title: String,
    /// The answers asked directly in the section.
    pub rows: Vec<Row>,
    /// The items of its lists, each as one row.
    pub items: Vec<Item>,
    /// The provision map's totals (only in the provision section).
    pub totals: Vec<Row>,
}

impl Section {
    /// Nothing answered in it.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.items.is_empty()
    }
}

/// When and under what reference the application was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The council's (or the receiver's) reference.
    pub reference: String,
    /// The day it was sent.
    pub date: Option<Date>,
}

/// The evidence pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The scheme's name from the profile ("Stockton-on-Tees One Point Panel").
    pub council: String,
    /// The reference, once sent.
    pub reference: Option<String>,
    /// The date it was sent, in words.
    pub sent: Option<String>,
    /// The child's name as the application gives it.
    pub child: String,
    /// The child's initials, for the page headers ("A.E.").
    pub initials: String,
    /// The school's name.
    pub school: String,
    /// Whether the report finds it complete.
    pub complete: bool,
    /// Every section the profile asks, in its order.
    pub sections: Vec<Section>,
    pub documents: Vec<documents::Document>,
    /// Warnings still open, each with the SENCo's justification where one is given.
    pub warnings: Vec<issues::Concern>,
    /// Errors: what still stops the application being complete.
    pub errors: Vec<issues::Concern>,
    /// The costed provision map as a chart (none while a figure cannot be worked out).
    pub cost_chart: Option<Chart>,
    /// The graduated approach as a timeline (none without dates).
    pub timeline: Option<Chart>,
    /// The summary for parents.
    pub parent: parent::Summary,
    /// The words the pack is written in (English unless made with [`Pack::new_in`]).
    pub texts: Catalogue,
}

/// The child's name as people use it: the preferred name (else the legal first name) and the
/// surname.
pub fn child_name(doc: &Value) -> String {
    let first =
        text_at(doc, "/child/preferredName").or_else(|| text_at(doc, "/child/legalForename"));
    let name = [first, text_at(doc, "/child/legalSurname")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        "the child".to_owned()
    } else {
        name
    }
}

/// The child's initials from their legal names: "A.E.".
pub fn initials(doc: &Value) -> String {
    ["/child/legalForename", "/child/legalSurname"]
        .iter()
        .filter_map(|p| text_at(doc, p))
        .filter_map(|n| n.chars().next())
        .map(|c| format!("{}.", c.to_ascii_uppercase()))
        .collect()
}

impl Pack {
    /// The pack of an application (as a JSON value), checked under `profile` with `report`;
    /// `sent` once it has been sent.
    pub fn new(doc: &Value, profile: &Profile, report: &Report, sent: Option<&Sent>) -> Pack {
        Pack::new_in(doc, profile, report, sent, &Catalogue::english())
    }

    /// [`Pack::new`] in the words of `texts` (a language's catalogue, the profile's texts).
    pub fn new_in(
        doc: &Value,
        profile: &Profile,
        report: &Report,
        sent: Option<&Sent>,
        texts: &Catalogue,
    ) -> Pack {
        let app = crate::wire::application_from_value(doc).unwrap_or_default();
        let totals = crate::cost::totals(&app, &profile.funding);
        Pack {
            council: profile.name.clone(),
            reference: sent.map(|s| s.reference.clone()),
            sent: sent
                .and_then(|s| s.date)
                .map(|d| crate::date::human_in(d, texts)),
            child: child_name(doc),
            initials: initials(doc),
            school: text_at(doc, "/setting/name").unwrap_or_default(),
            complete: report.complete,
            sections: answers::sections(doc, profile, &totals, texts),
            documents: documents::of(doc, texts),
            warnings: issues::warnings(report, &app, profile, texts),
            errors: issues::errors(report, profile, texts),
            cost_chart: chart::cost::of_application_in(&app, profile, CHART_WIDTH, texts),
            timeline: chart::timeline::chart_in(&app, CHART_WIDTH, texts),
            parent: parent::summary_in(doc, profile, &totals, texts),
            texts: texts.clone(),
        }
    }
}
