//! `GET /staff/applications?since=CURSOR&status=S&limit=N`: a page of references in the order
//! they were stored, and the cursor for the next. The cursor is the place of the last one
//! listed; applications stored later come after it, so a client that keeps the cursor misses
//! none and sees none twice.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;

use crate::answer::{error, json};
use crate::http::Receiver;

/// The most applications in a page, and how many unless `limit` says.
pub const MAX_PAGE: i64 = 100;
pub const DEFAULT_PAGE: i64 = 50;

/// The statuses the panel may set, as the API names them.
pub const STATUSES: &[&str] = &[
    "received",
    "underReview",
    "moreInformationNeeded",
    "agreed",
    "declined",
];

/// A cursor as given out: `c` and the place in hexadecimal.
fn cursor(seq: i64) -> String {
    format!("c{seq:x}")
}

fn place_of(cursor: &str) -> Option<i64> {
    i64::from_str_radix(cursor.strip_prefix('c')?, 16)
        .ok()
        .filter(|s| *s >= 0)
}

fn bad_query(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, "query", message)
}

/// `since`, `status` and `limit` from the query, each at most once; `None` if it has more.
fn read_query(uri: &Uri) -> Option<[Option<String>; 3]> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri).ok()?;
    let mut out: [Option<String>; 3] = [None, None, None];
    for (name, value) in pairs {
        let slot = ["since", "status", "limit"]
            .iter()
            .position(|n| *n == name)
            .and_then(|i| out.get_mut(i))?;
        if slot.replace(value).is_some() {
            return None;
        }
    }
    Some(out)
}

/// Applications in the order they were stored, a page at a time.
#[utoipa::path(
    get,
    path = "/staff/applications",
    tag = "staff",
    security(("staffKey" = [])),
    params(
        ("since" = Option<String>, Query, description = "The `next` of the page before (opaque); without it, from the first application"),
        ("status" = Option<String>, Query, description = "Only applications with this status: received, underReview, moreInformationNeeded, agreed or declined"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Applications in a page (default 50, at most 100)"),
    ),
    responses(
        (status = 200, description = "A page (audited: the references listed)", body = crate::staff::shapes::StaffPage),
        (status = 400, description = "A cursor, status or limit that cannot be read", body = crate::openapi::ErrorAnswer),
        (status = 401, description = "No key, or a key that is unknown or revoked (WWW-Authenticate: Bearer)", body = crate::openapi::ErrorAnswer),
        (status = 503, description = "The database is unavailable", body = crate::openapi::ErrorAnswer),
    )
)]
pub(crate) async fn list(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let key = match super::auth::key_name(&receiver, &headers).await {
        Ok(k) => k,
        Err(answer) => return answer,
    };
    let Some([since, status, limit]) = read_query(&uri) else {
        return bad_query("the query cannot be read: since, status and limit, each once");
    };
    let since = match since.as_deref() {
        None | Some("") => 0,
        Some(c) => match place_of(c) {
            Some(p) => p,
            None => return bad_query("since must be the next of a page given before"),
        },
    };
    if let Some(s) = status.as_deref() {
        if !STATUSES.contains(&s) {
            return bad_query(
                "status must be received, underReview, moreInformationNeeded, agreed or declined",
            );
        }
    }
    let limit = match limit.as_deref().map(str::parse::<i64>) {
        None => DEFAULT_PAGE,
        Some(Ok(n)) if (1..=MAX_PAGE).contains(&n) => n,
        Some(_) => return bad_query("limit must be a number from 1 to 100"),
    };
    let store = receiver.state.store();
    let Ok(mut rows) = store.page(since, status.as_deref(), limit + 1).await else {
        return super::unavailable();
    };
    let more = rows.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = rows.last().map_or(since, |r| r.seq);
    let listed: Vec<&str> = rows.iter().map(|r| r.reference.as_str()).collect();
    if let Err(answer) = super::audit(&receiver, &key, "list", None, Some(listed.join(","))).await {
        return answer;
    }
    let Ok(deliveries) = store
        .deliveries(rows.iter().map(|r| r.reference.clone()).collect())
        .await
    else {
        return super::unavailable();
    };
    let applications: Vec<serde_json::Value> = rows
        .iter()
        .zip(deliveries)
        .map(|(r, delivery)| {
            serde_json::json!({
                "reference": r.reference,
                "receivedAt": r.received_at,
                "profile": r.profile,
                "status": r.status,
                "delivery": crate::store::delivery::DeliveryState::json_of(delivery),
            })
        })
        .collect();
    let body =
        serde_json::json!({ "applications": applications, "next": cursor(next), "more": more });
    json(StatusCode::OK, body.to_string())
}
