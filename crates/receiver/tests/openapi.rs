//! The published contract: the committed `schema/openapi.json` is what the code generates and
//! what `GET /openapi.json` answers; every reference in it resolves; the report it describes
//! is the one the core gives (every snapshot, and a live 422), as are the other answers'
//! bodies; and README's protocol tables name the same statuses for the same operations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use sen_receiver::{router, AppState, Config};
use serde_json::Value;
use tower::ServiceExt;

const COMMITTED: &str = include_str!("../../../schema/openapi.json");
const README: &str = include_str!("../../../README.md");

fn document() -> Value {
    serde_json::from_str(COMMITTED).unwrap()
}

#[test]
fn the_committed_document_is_what_the_code_generates() {
    assert!(
        COMMITTED == sen_receiver::openapi::text(),
        "schema/openapi.json is stale: run `cargo run -p sen-receiver -- --print-openapi > schema/openapi.json`"
    );
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
}

/// What the router answers to one request.
async fn answer(request: Request<Body>) -> (u16, axum::http::HeaderMap, Vec<u8>) {
    answer_with(&Config::default(), request).await
}

/// What the router set up by `config` answers to one request.
async fn answer_with(
    config: &Config,
    request: Request<Body>,
) -> (u16, axum::http::HeaderMap, Vec<u8>) {
    let at = UNIX_EPOCH + Duration::from_secs(common::SCENARIO_DAY);
    let state = AppState::new(
        common::store_with_s01_documents(common::Backend::Sqlite).await,
        Arc::new(move || at),
        None,
    );
    let response = router(state, config).oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, body.to_vec())
}

#[tokio::test]
async fn the_receiver_serves_the_committed_document() {
    let (status, headers, body) =
        answer(Request::get("/openapi.json").body(Body::empty()).unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(String::from_utf8(body).unwrap(), COMMITTED);
}

/// Every `$ref` under `value`.
fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if k == "$ref" => out.push(s),
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| refs(i, out)),
        _ => {}
    }
}

fn resolve<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference
        .strip_prefix('#')
        .unwrap_or_else(|| panic!("{reference} is not inside the document"));
    doc.pointer(pointer)
        .unwrap_or_else(|| panic!("{reference} does not resolve"))
}

#[test]
fn every_reference_resolves_and_the_application_schema_is_embedded_whole() {
    let doc = document();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 50, "{}", all.len());
    for r in all {
        resolve(&doc, r);
    }
    // Each definition of the application's schema is a component, unchanged but for where
    // its references point: none clashes with a name of the answers.
    let application: Value =
        serde_json::from_str(include_str!("../../../schema/application.schema.json")).unwrap();
    let defs = application["$defs"].as_object().unwrap();
    for (name, def) in defs {
        let rehomed = def
            .to_string()
            .replace("\"#/$defs/", "\"#/components/schemas/");
        assert_eq!(
            doc["components"]["schemas"][name].to_string(),
            rehomed,
            "{name}"
        );
    }
    assert_eq!(
        doc["components"]["schemas"]["Application"]["properties"],
        serde_json::from_str::<Value>(
            &application["properties"]
                .to_string()
                .replace("\"#/$defs/", "\"#/components/schemas/")
        )
        .unwrap()
    );
    assert_eq!(
        doc.pointer("/paths/~1applications/post/requestBody/content/application~1json/schema/$ref"),
        Some(&Value::from("#/components/schemas/Application"))
    );
}

#[test]
fn every_path_parameter_is_declared_by_each_operation_on_its_path() {
    let doc = document();
    let mut seen = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let names: Vec<&str> = path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split('}').next())
            .collect();
        for (method, operation) in item.as_object().unwrap() {
            let declared: Vec<&str> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path" && p["required"] == true)
                .filter_map(|p| p["name"].as_str())
                .collect();
            assert_eq!(declared, names, "{method} {path}");
            seen += names.len();
        }
    }
    assert_eq!(
        seen, 7,
        "PUT and OPTIONS /attachments/{{sha256}}, and the staff API's reference (four) and sha256"
    );
}

/// The places where `value` does not follow `schema`, a small strict reading of JSON Schema
/// (types, enums and constants, properties, no other keys, required keys, items, references).
fn problems(doc: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return problems(doc, resolve(doc, r), value, at, out);
    }
    if let Some(choices) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = choices
            .iter()
            .filter(|c| {
                let mut p = Vec::new();
                problems(doc, c, value, at, &mut p);
                p.is_empty()
            })
            .count();
        if fits != 1 {
            out.push(format!("{at}: fits {fits} of oneOf"));
        }
        return;
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let fits = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => false,
        });
        if !fits {
            out.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(only) = schema.get("const") {
        if value != only {
            out.push(format!("{at}: {value} is not {only}"));
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            out.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    if let (Some(map), Some(properties)) = (
        value.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for (k, v) in map {
            match properties.get(k) {
                Some(s) => problems(doc, s, v, &format!("{at}/{k}"), out),
                None => out.push(format!("{at}/{k}: not in the schema")),
            }
        }
        for k in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !map.contains_key(k) {
                out.push(format!("{at}/{k}: missing"));
            }
        }
    }
    if let (Some(items), Some(schema)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            problems(doc, schema, item, &format!("{at}/{i}"), out);
        }
    }
}

fn assert_fits(doc: &Value, component: &str, value: &Value, what: &str) {
    let mut out = Vec::new();
    problems(
        doc,
        &doc["components"]["schemas"][component],
        value,
        "",
        &mut out,
    );
    assert!(out.is_empty(), "{what} against {component}: {out:#?}");
}

#[test]
fn every_report_of_the_scenarios_fits_the_report_schema() {
    let doc = document();
    let dir = common::repository().join("tests/snapshots");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let report: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_fits(&doc, "Report", &report, &path.display().to_string());
        seen += 1;
    }
    assert!(seen >= 20, "{seen}");
    // The strict reading does refuse what differs.
    let mut changed: Value = serde_json::from_slice(
        &std::fs::read(dir.join("S01-complete-valid.stockton-one-point.json")).unwrap(),
    )
    .unwrap();
    changed["counts"]["extra"] = 1.into();
    changed["issues"] = serde_json::json!([{"ruleId": 1}]);
    let mut out = Vec::new();
    problems(
        &doc,
        &doc["components"]["schemas"]["Report"],
        &changed,
        "",
        &mut out,
    );
    assert!(
        out.iter().any(|p| p == "/counts/extra: not in the schema"),
        "{out:?}"
    );
    assert!(
        out.iter()
            .any(|p| p.starts_with("/issues/0/ruleId: 1 is not")),
        "{out:?}"
    );
    assert!(
        out.iter().any(|p| p == "/issues/0/message: missing"),
        "{out:?}"
    );
}

fn post(body: String, key: &str) -> Request<Body> {
    Request::post("/applications")
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body))
        .unwrap()
}

/// The schemas (each of a `oneOf`) the document gives for `status` of `method path`, as JSON.
fn response_schemas(doc: &Value, path: &str, method: &str, status: u16) -> Vec<Value> {
    let content = &doc["paths"][path][method]["responses"][status.to_string()]["content"]
        ["application/json"]["schema"];
    let resolved = match content.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(doc, r),
        None => content,
    };
    match resolved.get("oneOf").and_then(Value::as_array) {
        Some(choices) => choices.clone(),
        None => vec![content.clone()],
    }
}

fn component_of(schema: &Value) -> String {
    schema["$ref"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned()
}

/// An answer `got` with `body` is the status `case` expects, with a body of the component it
/// names among the schemas the document gives for that status, and fits it.
fn assert_answer_fits(doc: &Value, case: (&str, &str, u16, &str), got: u16, body: &[u8]) {
    let (path, method, status, component) = case;
    assert_eq!(
        got,
        status,
        "{method} {path}: {}",
        String::from_utf8_lossy(body)
    );
    let value: Value = serde_json::from_slice(body).unwrap();
    let schemas = response_schemas(doc, path, method, status);
    assert!(
        schemas.iter().any(|s| component_of(s) == component),
        "{method} {path} {status}: {schemas:?}"
    );
    assert_fits(doc, component, &value, &format!("{method} {path} {status}"));
}

#[tokio::test]
async fn the_answers_on_the_wire_fit_their_schemas() {
    let doc = document();
    let s01 = common::s01().to_owned();
    let mut incomplete: Value = serde_json::from_str(&s01).unwrap();
    incomplete.as_object_mut().unwrap().remove("consents");
    let (document_bytes, _) = common::s01_documents()
        .into_iter()
        .map(|(_, b)| (b, ()))
        .next()
        .unwrap();
    let sha = sen_receiver::http::sha256_hex(&document_bytes);
    let cases: Vec<(Request<Body>, &str, &str, u16, &str)> = vec![
        (
            post(s01.clone(), "wire-key-000001"),
            "/applications",
            "post",
            201,
            "Accepted",
        ),
        (
            post(incomplete.to_string(), "wire-key-000002"),
            "/applications",
            "post",
            422,
            "Report",
        ),
        (
            post("{".to_owned(), "wire-key-000003"),
            "/applications",
            "post",
            400,
            "ErrorAnswer",
        ),
        (
            Request::put(format!("/attachments/{sha}"))
                .body(Body::from(document_bytes.clone()))
                .unwrap(),
            "/attachments/{sha256}",
            "put",
            200,
            "StoredFile",
        ),
        (
            Request::put(format!("/attachments/{}", "0".repeat(64)))
                .body(Body::from(document_bytes))
                .unwrap(),
            "/attachments/{sha256}",
            "put",
            422,
            "ErrorAnswer",
        ),
        (
            Request::get("/readyz").body(Body::empty()).unwrap(),
            "/readyz",
            "get",
            200,
            "Readiness",
        ),
    ];
    for (request, path, method, status, component) in cases {
        let (got, _, body) = answer(request).await;
        let case = (path, method, status, component);
        assert_answer_fits(&doc, case, got, &body);
    }
}

/// The operations and statuses README's sen-receiver tables give: `METHOD /path STATUS`. A
/// row naming an operation (`` `PUT /attachments/{sha256}?profile=ID` ``) starts it; the rows
/// after it, until the next one named, are more of its answers.
fn readme_statuses() -> BTreeSet<String> {
    let start = README
        .find("\n## sen-receiver\n")
        .expect("README has ## sen-receiver");
    let rest = &README[start + 1..];
    let section = &rest[..rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3)];
    let mut out = BTreeSet::new();
    let mut operation: Option<String> = None;
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if !line.starts_with('|') || cells.len() < 4 || cells[1].starts_with("---") {
            if !line.starts_with('|') {
                operation = None;
            }
            continue;
        }
        if cells[1] == "request" {
            continue;
        }
        let named = cells[1].split('`').skip(1).step_by(2).find_map(|code| {
            let (method, path) = code.split_once(' ')?;
            ["GET", "POST", "PUT", "OPTIONS"]
                .contains(&method)
                .then(|| format!("{method} {}", path.split('?').next().unwrap_or(path)))
        });
        if named.is_some() {
            operation = named;
        }
        let op = operation
            .clone()
            .unwrap_or_else(|| panic!("a README row names no operation: {line}"));
        let answer = cells[2..].join("|");
        for status in answer.split("**").skip(1).step_by(2) {
            if status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit()) {
                out.insert(format!("{op} {status}"));
            }
        }
    }
    out
}

#[test]
fn readme_protocol_tables_give_the_statuses_of_the_document() {
    let doc = document();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for status in operation["responses"].as_object().unwrap().keys() {
                documented.insert(format!("{} {path} {status}", method.to_ascii_uppercase()));
            }
        }
    }
    let readme = readme_statuses();
    let only_readme: Vec<&String> = readme.difference(&documented).collect();
    let only_document: Vec<&String> = documented.difference(&readme).collect();
    assert!(
        only_readme.is_empty() && only_document.is_empty(),
        "README's tables and schema/openapi.json disagree:\n only in README: {only_readme:#?}\n only in the document: {only_document:#?}"
    );
}

#[tokio::test]
async fn cross_origin_answers_carry_the_headers_the_document_names() {
    let doc = document();
    let config = Config {
        allow_origins: vec!["https://council.example".to_owned()],
        ..Config::default()
    };
    for (path, uri, method) in [
        ("/applications", "/applications".to_owned(), "POST"),
        (
            "/attachments/{sha256}",
            format!("/attachments/{}", "a".repeat(64)),
            "PUT",
        ),
    ] {
        let preflight = Request::builder()
            .method("OPTIONS")
            .uri(&uri)
            .header("origin", "https://council.example")
            .header("access-control-request-method", method)
            .header(
                "access-control-request-headers",
                "content-type,idempotency-key",
            )
            .body(Body::empty())
            .unwrap();
        let (status, headers, _) = answer_with(&config, preflight).await;
        let documented = &doc["paths"][path]["options"]["responses"][status.to_string()];
        assert!(
            documented.is_object(),
            "OPTIONS {path}: {status} is not documented"
        );
        for name in documented["headers"].as_object().unwrap().keys() {
            assert!(
                headers.contains_key(name.as_str()),
                "OPTIONS {path}: {name}"
            );
        }
    }
    // An answer to the page (here a refusal: no key) carries both documented CORS headers.
    let request = Request::post("/applications")
        .header("origin", "https://council.example")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let (status, headers, _) = answer_with(&config, request).await;
    assert_eq!(status, 400);
    let documented = doc["paths"]["/applications"]["post"]["responses"]["400"]["headers"]
        .as_object()
        .unwrap();
    for name in documented
        .keys()
        .filter(|n| n.starts_with("Access-Control"))
    {
        assert!(headers.contains_key(name.as_str()), "{name}: {headers:?}");
    }
    assert!(headers["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("retry-after"));
}

#[tokio::test]
async fn an_application_over_the_limit_is_answered_as_documented() {
    let doc = document();
    let config = Config {
        max_body_bytes: 10,
        ..Config::default()
    };
    let (status, headers, _) =
        answer_with(&config, post(common::s01().to_owned(), "wire-key-000413")).await;
    assert_eq!(status, 413);
    let documented = doc["paths"]["/applications"]["post"]["responses"]["413"]["content"]
        .as_object()
        .unwrap();
    let content_type = headers["content-type"].to_str().unwrap();
    assert!(
        documented
            .keys()
            .any(|k| content_type.starts_with(k.as_str())),
        "{content_type} is not one of {:?}",
        documented.keys().collect::<Vec<_>>()
    );
}

/// The staff API's answers fit their schemas: a page, an application with its report, a
/// status set, and the errors (401, 422).
#[tokio::test]
async fn the_staff_answers_fit_their_schemas() {
    let doc = document();
    let at = UNIX_EPOCH + Duration::from_secs(common::SCENARIO_DAY);
    let store = common::store_with_s01_documents(common::Backend::Sqlite).await;
    let key = sen_receiver::keys::generate().unwrap();
    let hash = sen_receiver::keys::hash(&key);
    assert!(store
        .add_key("panel", &hash, "2025-04-30T10:00:00Z")
        .await
        .unwrap());
    let state = AppState::new(store, Arc::new(move || at), None);
    let config = Config {
        staff_api: true,
        ..Config::default()
    };
    let app = router(state, &config);
    let stored = app
        .clone()
        .oneshot(post(common::s01().to_owned(), "staff-wire-0001"))
        .await
        .unwrap();
    let body = stored.into_body().collect().await.unwrap().to_bytes();
    let reference = serde_json::from_slice::<Value>(&body).unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = format!("Bearer {key}");
    let with_key = |r: axum::http::request::Builder| r.header("authorization", bearer.as_str());
    let one = format!("/staff/applications/{reference}");
    let status_path = format!("/staff/applications/{reference}/status");
    let cases: Vec<(Request<Body>, &str, &str, u16, &str)> = vec![
        (
            with_key(Request::get("/staff/applications"))
                .body(Body::empty())
                .unwrap(),
            "/staff/applications",
            "get",
            200,
            "StaffPage",
        ),
        (
            with_key(Request::get(&one)).body(Body::empty()).unwrap(),
            "/staff/applications/{reference}",
            "get",
            200,
            "StaffApplication",
        ),
        (
            with_key(Request::put(&status_path))
                .body(Body::from(
                    r#"{"status":"agreed","amountPence":120000,"note":"Panel 12 May"}"#,
                ))
                .unwrap(),
            "/staff/applications/{reference}/status",
            "put",
            200,
            "StaffStatus",
        ),
        (
            with_key(Request::put(&status_path))
                .body(Body::from(r#"{"status":"agreed"}"#))
                .unwrap(),
            "/staff/applications/{reference}/status",
            "put",
            422,
            "ErrorAnswer",
        ),
        (
            Request::get("/staff/applications")
                .body(Body::empty())
                .unwrap(),
            "/staff/applications",
            "get",
            401,
            "ErrorAnswer",
        ),
    ];
    for (request, path, method, status, component) in cases {
        let response = app.clone().oneshot(request).await.unwrap();
        let got = response.status().as_u16();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let case = (path, method, status, component);
        assert_answer_fits(&doc, case, got, &body);
    }
}
