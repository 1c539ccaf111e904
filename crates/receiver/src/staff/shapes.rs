//! The staff API's answers and the status change it takes, as the OpenAPI document describes
//! them (`crate::openapi`); the handlers write the same fields.
#![allow(dead_code)]

use utoipa::ToSchema;

/// A page of applications, in the order they were stored.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StaffPage {
    pub applications: Vec<StaffListed>,
    /// Give as `since` for the applications after this page (opaque; also after the last
    /// page, for those stored later).
    #[schema(example = "c19")]
    pub next: String,
    /// More applications follow now.
    pub more: bool,
}

/// An application in a page.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StaffListed {
    #[schema(example = "SSF-3F2A9C01BE")]
    pub reference: String,
    #[schema(example = "2025-04-30T10:15:00Z")]
    pub received_at: String,
    /// The profile it was checked against.
    pub profile: String,
    pub status: StatusName,
    pub delivery: Option<StaffDelivery>,
}

/// Where an application's delivery to case management (`--forward-url`) stands; null if it
/// was stored while delivery was off.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StaffDelivery {
    pub state: DeliveryStateName,
    /// Attempts made so far.
    pub attempts: u64,
    #[schema(example = "2025-04-30T10:15:02Z")]
    pub last_attempt_at: Option<String>,
    /// The HTTP status the webhook last answered (null: no answer, see `lastError`).
    #[schema(example = 500)]
    pub last_status: Option<u16>,
    /// Why the last attempt had no answer (connection refused, no answer within 10 s).
    pub last_error: Option<String>,
    pub delivered_at: Option<String>,
}

/// `pending`: not yet answered with a 2xx (tried again until it is); `delivered`: answered 2xx.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub enum DeliveryStateName {
    Pending,
    Delivered,
}

/// Where an application stands with the panel.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub enum StatusName {
    Received,
    UnderReview,
    MoreInformationNeeded,
    Agreed,
    Declined,
}

/// The status the panel set (only `status`, `received`, until it sets one).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StaffStatus {
    pub status: StatusName,
    /// With `agreed`: the amount agreed, in pence.
    pub amount_pence: Option<u64>,
    pub note: Option<String>,
    pub changed_at: Option<String>,
    /// The name of the key that set it.
    pub changed_by: Option<String>,
}

/// A status to set.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: StatusName,
    /// Required with `agreed`, refused with any other status: the amount, in pence.
    pub amount_pence: Option<u64>,
    /// At most 2,000 characters.
    pub note: Option<String>,
}

/// A document the application names.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StaffDocument {
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    pub filename: Option<String>,
    /// The attachment type's code (`PROFESSIONAL_REPORT`).
    #[serde(rename = "type")]
    pub attachment_type: Option<String>,
    pub size_bytes: Option<u64>,
    /// Its bytes are stored (`GET …/documents/{sha256}` answers them).
    pub stored: bool,
    #[schema(example = "application/pdf")]
    pub mime_type: Option<String>,
}

/// One application for staff.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StaffApplication {
    pub reference: String,
    pub received_at: String,
    pub profile: String,
    pub status: StaffStatus,
    /// The application document as it was received.
    #[schema(value_type = Object)]
    pub application: serde_json::Value,
    /// The core's report, re-run under its profile counting from the day it was received, or
    /// from `--today` when the receiver has one (null if it can no longer be, with
    /// `reportError` saying why).
    pub report: Option<crate::openapi::Report>,
    pub report_error: Option<String>,
    pub documents: Vec<StaffDocument>,
    pub delivery: Option<StaffDelivery>,
}
