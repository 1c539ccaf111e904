//! The receiver's contract as an OpenAPI 3.1 document, generated from the handlers'
//! annotations (`#[utoipa::path]` on each), the answers' shapes below, and the application's
//! JSON Schema (`schema/application.schema.json`, from the model's types), embedded whole:
//! its definitions become `components/schemas`. Served at `GET /openapi.json`, printed by
//! `sen-receiver --print-openapi`, committed as `schema/openapi.json`; a test fails when the
//! committed file is not what this generates, or when README's protocol tables say other
//! statuses.

use std::sync::OnceLock;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value};
use utoipa::{OpenApi, ToSchema};

use crate::answer;

/// The application document's JSON Schema, as `sen-check --print-schema` writes it.
const APPLICATION_SCHEMA: &str = include_str!("../../../schema/application.schema.json");

/// An error: what kind of problem (`kind`, stable, for code) and what to do about it
/// (`message`, for people).
#[allow(dead_code)]
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(title = "Error")]
pub struct ErrorAnswer {
    pub error: ErrorDetail,
}

/// The error itself.
#[allow(dead_code)]
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    /// Stable, for code: `idempotency-key`, `content-type`, `document`, `profile`, `in-flight`,
    /// `timeout`, `busy`, `database`, `internal`, `sha256`, `query`, `too-large`, `file-type`,
    /// `empty`, `hash-mismatch`, `virus`, `scanner`, `storage`, `body`.
    #[schema(example = "idempotency-key")]
    pub kind: String,
    /// For people: what is wrong and what to do.
    pub message: String,
}

/// Why an application was refused with 422: the core's report when it is not complete, or an
/// error (the key was used for another body, the profile cannot be used).
#[allow(dead_code)]
#[derive(ToSchema)]
#[serde(untagged)]
pub enum Refusal {
    Report(Box<Report>),
    Error(ErrorAnswer),
}

/// An application stored: its reference.
#[allow(dead_code)]
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    #[schema(example = "SSF-3F2A9C01BE", pattern = "^SSF-[0-9A-F]{10}$")]
    pub reference: String,
}

/// A document stored (or stored already).
#[allow(dead_code)]
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(rename_all = "camelCase")]
pub struct StoredFile {
    /// Its SHA-256, as in the address.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    pub size_bytes: u64,
    /// The media type of the kind its bytes are.
    #[schema(example = "application/pdf")]
    pub mime_type: Option<String>,
    /// The kind its bytes are: `PDF`, `DOCX`, `XLSX`, `ODT`, `DOC`, `JPEG`, `PNG`, `HEIC`,
    /// `TXT`, `CSV`, `RTF`.
    #[schema(example = "PDF")]
    pub kind: Option<String>,
}

/// Whether the receiver takes applications now.
#[allow(dead_code)]
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Readiness {
    pub status: ReadinessStatus,
}

/// `ready`, or `unavailable` (the database does not answer).
#[allow(dead_code)]
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum ReadinessStatus {
    Ready,
    Unavailable,
}

/// The rules core's report (`sen_core::Report`): the same bytes as `sen-check --json` and
/// the widget's check. Its schema and those of its parts are derived from the core's types
/// (schemars, the core's `schema` feature) and put among the components by `document()`; here
/// only its name, for the answers that refer to it.
pub struct Report;

impl utoipa::PartialSchema for Report {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::Object::new().into()
    }
}

impl ToSchema for Report {
    fn name() -> std::borrow::Cow<'static, str> {
        "Report".into()
    }
}

/// The report's schema and each of its parts', from the core's types, as components.
fn report_schemas() -> Map<String, Value> {
    let mut root =
        serde_json::to_value(schemars::schema_for!(sen_core::Report)).unwrap_or_default();
    rehome_refs(&mut root);
    components_of(root, "Report")
}

/// A JSON Schema's definitions and the schema itself (as `name`), as components.
fn components_of(root: Value, name: &str) -> Map<String, Value> {
    let mut out = Map::new();
    let Value::Object(mut root) = root else {
        return out;
    };
    if let Some(Value::Object(defs)) = root.remove("$defs") {
        out.extend(defs);
    }
    // Its `$id` would make the references inside resolve against another document.
    root.remove("$id");
    root.remove("$schema");
    out.insert(name.to_owned(), Value::Object(root));
    out
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "sen-receiver",
        description = "The submission protocol of SEN Support Form's reference receiver: documents first, one PUT each, named by their SHA-256; then the application, re-checked with the rules core and stored once per Idempotency-Key. Every answer carries Content-Security-Policy, X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer and X-Frame-Options: DENY; the API's answers Cache-Control: no-store. For pages on an --allow-origin origin, the API's answers carry Access-Control-Allow-Origin and expose Retry-After, and a preflight (OPTIONS) allows POST and PUT with Content-Type, Idempotency-Key and the --allow-header names.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    paths(
        crate::http::receive,
        crate::upload::put,
        crate::http::healthz,
        crate::ready::readyz,
        openapi_json,
        crate::staff::list::list,
        crate::staff::read::application,
        crate::staff::read::document,
        crate::staff::read::pack,
        crate::staff::status::set_status,
    ),
    components(schemas(
        ErrorAnswer, ErrorDetail, Refusal, Accepted, StoredFile, Readiness, ReadinessStatus,
        crate::staff::shapes::StaffPage, crate::staff::shapes::StaffListed,
        crate::staff::shapes::StatusName, crate::staff::shapes::StaffStatus,
        crate::staff::shapes::StatusChange, crate::staff::shapes::StaffDocument,
        crate::staff::shapes::StaffApplication, crate::staff::shapes::StaffDelivery,
        crate::staff::shapes::DeliveryStateName
    )),
    modifiers(&StaffKey),
    tags(
        (name = "submission", description = "What the widget sends"),
        (name = "service", description = "What operators and load balancers ask"),
        (name = "staff", description = "For the panel and the council's systems, with --staff-api and a key (sen-receiver keys create NAME); every read and change audited"),
    )
)]
struct ApiDoc;

/// The staff API's security scheme: `Authorization: Bearer KEY`.
struct StaffKey;

impl utoipa::Modify for StaffKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "staffKey",
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(
                            "A key made with sen-receiver keys create NAME (sen_ and 64 hexadecimal digits), not revoked",
                        ))
                        .build(),
                ),
            );
        }
    }
}

/// Replaces every `#/$defs/` reference under `value` by one to `#/components/schemas/`.
fn rehome_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "$ref" => {
                        if let Some(name) = s.strip_prefix("#/$defs/") {
                            *s = format!("#/components/schemas/{name}");
                        }
                    }
                    _ => rehome_refs(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rehome_refs),
        _ => {}
    }
}

/// The application's schema and each of its definitions, as components.
fn application_schemas() -> Map<String, Value> {
    let mut root: Value = serde_json::from_str(APPLICATION_SCHEMA).unwrap_or_default();
    rehome_refs(&mut root);
    components_of(root, "Application")
}

/// The headers a cross-origin page's answers carry, named once in `components/headers`.
fn cors_headers() -> Value {
    json!({
        "Access-Control-Allow-Origin": {
            "description": "The page's origin, when it is one of --allow-origin (absent otherwise)",
            "schema": {"type": "string"}
        },
        "Access-Control-Expose-Headers": {
            "description": "retry-after, so that a cross-origin page can honour a 503's wait",
            "schema": {"type": "string"}
        }
    })
}

/// A CORS preflight for `methods` on a path, answered by the receiver's CORS layer.
fn preflight(methods: &str) -> Value {
    json!({
        "tags": ["submission"],
        "summary": "CORS preflight",
        "description": format!("A page on an --allow-origin origin asks whether it may {methods} with Content-Type, Idempotency-Key and the --allow-header names. Without --allow-origin there is no preflight: only the same origin may send."),
        "operationId": format!("preflight_{}", methods.to_ascii_lowercase()),
        "responses": {
            "200": {
                "description": "Allowed: Access-Control-Allow-Origin, -Methods and -Headers say what",
                "headers": {
                    "Access-Control-Allow-Origin": {"$ref": "#/components/headers/Access-Control-Allow-Origin"},
                    "Access-Control-Allow-Methods": {"schema": {"type": "string"}, "description": "POST,PUT"},
                    "Access-Control-Allow-Headers": {"schema": {"type": "string"}, "description": "content-type,idempotency-key and the --allow-header names"}
                }
            }
        }
    })
}

/// Adds the CORS headers to every answer of the operations a cross-origin page may call, and
/// their preflights.
fn add_cors(doc: &mut Value) {
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert("headers".to_owned(), cors_headers());
    }
    for (path, method) in [("/applications", "post"), ("/attachments/{sha256}", "put")] {
        let Some(item) = doc.pointer_mut(&format!("/paths/{}", path.replace('/', "~1"))) else {
            continue;
        };
        if let Some(Value::Object(responses)) = item.pointer_mut(&format!("/{method}/responses")) {
            for response in responses.values_mut() {
                let Some(answer) = response.as_object_mut() else {
                    continue;
                };
                let headers = answer
                    .entry("headers")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Some(headers) = headers.as_object_mut() {
                    for name in [
                        "Access-Control-Allow-Origin",
                        "Access-Control-Expose-Headers",
                    ] {
                        headers.insert(
                            name.to_owned(),
                            json!({"$ref": format!("#/components/headers/{name}")}),
                        );
                    }
                }
            }
        }
        // The preflight names the same path parameters as the operation it asks about.
        let in_path: Vec<Value> = item
            .pointer(&format!("/{method}/parameters"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "path")
            .cloned()
            .collect();
        let mut options = preflight(&method.to_ascii_uppercase());
        if let (false, Some(o)) = (in_path.is_empty(), options.as_object_mut()) {
            o.insert("parameters".to_owned(), Value::Array(in_path));
        }
        if let Some(item) = item.as_object_mut() {
            item.insert("options".to_owned(), options);
        }
    }
}

/// The document, as a JSON value.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    if let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
        // The report's, in the place of its name.
        schemas.extend(report_schemas());
        for (name, schema) in application_schemas() {
            // A name the answers use is kept for them; the test finds any clash.
            schemas.entry(name).or_insert(schema);
        }
    }
    add_cors(&mut doc);
    doc
}

/// The document as pretty JSON with a trailing newline, as committed.
pub fn text() -> String {
    let mut s = serde_json::to_string_pretty(&document()).unwrap_or_default();
    s.push('\n');
    s
}

/// The receiver's own contract.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "service",
    responses((status = 200, description = "This document", content_type = "application/json")),
)]
pub(crate) async fn openapi_json() -> Response {
    static TEXT: OnceLock<String> = OnceLock::new();
    answer::json(StatusCode::OK, TEXT.get_or_init(text).clone())
}
