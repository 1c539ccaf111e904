//! The event sent for an application stored: a Standard Webhooks payload, fixed when the
//! application is stored (the same bytes at every attempt).
//!
//! `{"type":"application.received","timestamp":RECEIVED_AT,"data":{"reference",
//! "receivedAt","profile","application":{…},"report":{…},"documents":[metadata]}}`.

use crate::store::{NamedDocument, Stored};

/// The event's type.
pub const TYPE: &str = "application.received";

/// The event for an application as stored, with the core's report on it and the metadata of
/// the documents it names.
pub fn body(app: &Stored, report: &sen_core::Report, documents: &[NamedDocument]) -> String {
    let application = serde_json::from_str::<serde_json::Value>(&app.body)
        .unwrap_or_else(|_| serde_json::Value::String(app.body.clone()));
    let documents: Vec<serde_json::Value> = documents
        .iter()
        .map(|d| {
            serde_json::json!({
                "sha256": d.sha256,
                "filename": d.filename,
                "type": d.attachment_type,
                "sizeBytes": d.size_bytes,
            })
        })
        .collect();
    serde_json::json!({
        "type": TYPE,
        "timestamp": app.received_at,
        "data": {
            "reference": app.reference,
            "receivedAt": app.received_at,
            "profile": app.profile,
            "application": application,
            "report": serde_json::to_value(report).unwrap_or(serde_json::Value::Null),
            "documents": documents,
        }
    })
    .to_string()
}
