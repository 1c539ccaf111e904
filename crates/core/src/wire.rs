//! The boundary: JSON text in, a typed [`Application`] (or a clear error) out. One document
//! shape serves the CLI, the widget's POST and the receiver. Unknown fields are rejected with a
//! message naming them and where they are; nesting is bounded by serde_json's recursion limit.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
#[cfg(feature = "error-paths")]
use serde_path_to_error::Segment;

use crate::date::Date;
use crate::model::{Application, SCHEMA_VERSION};
use crate::profile::Profile;
use crate::report::Report;

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// JSON Pointer to the offending value ("" for the document or a syntax error).
    pub pointer: String,
    /// 1-based line and column in the input, where known.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        if !self.pointer.is_empty() {
            write!(f, "at {}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// Converts a serde path into a JSON Pointer.
#[cfg(feature = "error-paths")]
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut p = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => p.push_str(&format!("/{index}")),
            Segment::Map { key } => p.push_str(&format!("/{}", crate::rules::escape(key))),
            Segment::Enum { variant } => p.push_str(&format!("/{}", crate::rules::escape(variant))),
            Segment::Unknown => p.push_str("/?"),
        }
    }
    p
}

/// A serde_json error in plain words.
fn plain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if e.is_eof() {
        "the JSON ends too early: it looks cut off".to_owned()
    } else if text.starts_with("recursion limit exceeded") {
        "the JSON is nested too deeply".to_owned()
    } else if text.starts_with("invalid length") && text.contains("expected struct") {
        "expected an object, not a list".to_owned()
    } else {
        tidy(&text)
    }
}

/// serde's messages, made shorter and plainer.
fn tidy(message: &str) -> String {
    let m = message.split(" at line ").next().unwrap_or(message);
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let name = rest.split(", expected").next().unwrap_or(rest);
        return format!("unknown field {name}: it is not part of this document's schema");
    }
    m.replace("expected struct ", "expected an object: ")
}

/// Deserialises JSON text into `T` with the path and position of the first problem. Objects
/// only where the type has a struct: serde would otherwise read a list positionally into a
/// struct, so the result is serialised again and compared with the input.
pub fn from_json<T: DeserializeOwned + Serialize>(json: &str) -> Result<T, ParseError> {
    let input: Value = serde_json::from_str(json).map_err(|e| ParseError {
        pointer: String::new(),
        line: e.line(),
        column: e.column(),
        message: plain(&e),
    })?;
    if !input.is_object() {
        return Err(ParseError {
            pointer: String::new(),
            line: 1,
            column: 1,
            message: format!(
                "the document must be a JSON object, not {}",
                kind_of(&input)
            ),
        });
    }
    let typed: T = typed_reading(json, &input)?;
    let output = serde_json::to_value(&typed).unwrap_or(Value::Null);
    match first_difference(&input, &output, String::new()) {
        None => Ok(typed),
        Some((pointer, message)) => Err(ParseError {
            pointer,
            line: 0,
            column: 0,
            message,
        }),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Where the typed reading of the input differs from the input (nulls stand for absent).
fn first_difference(input: &Value, output: &Value, at: String) -> Option<(String, String)> {
    match (input, output) {
        (Value::Object(i), Value::Object(o)) => {
            i.iter().filter(|(_, v)| !v.is_null()).find_map(|(k, v)| {
                let p = format!("{at}/{}", crate::rules::escape(k));
                match o.get(k) {
                    Some(ov) => first_difference(v, ov, p),
                    None => Some((
                        p,
                        "this value is not read by this schema version".to_owned(),
                    )),
                }
            })
        }
        (Value::Array(i), Value::Array(o)) if i.len() == o.len() => i
            .iter()
            .zip(o)
            .enumerate()
            .find_map(|(n, (a, b))| first_difference(a, b, format!("{at}/{n}"))),
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (a, b) if a == b => None,
        (a, b) => Some((at, format!("expected {}, not {}", kind_of(b), kind_of(a)))),
    }
}

/// Typed reading with the JSON Pointer of the first problem (`error-paths` feature: the CLI and
/// the receiver). It costs ~300 KB of wasm, so the widget, whose documents it builds itself,
/// reads without it and reports line and column only.
#[cfg(feature = "error-paths")]
fn typed_reading<T: DeserializeOwned>(json: &str, _input: &Value) -> Result<T, ParseError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let pointer = if inner.is_syntax() || inner.is_eof() {
            String::new()
        } else {
            pointer_of(e.path())
        };
        ParseError {
            pointer,
            line: inner.line(),
            column: inner.column(),
            message: plain(inner),
        }
    })?;
    de.end().map_err(|e| ParseError {
        pointer: String::new(),
        line: e.line(),
        column: e.column(),
        message: "there is more text after the end of the JSON document".to_owned(),
    })?;
    Ok(value)
}

/// Typed reading without paths (see the `error-paths` version): from the value already
/// parsed, so the build holds one deserialiser per type (from a value), not a second one from
/// text.
#[cfg(not(feature = "error-paths"))]
fn typed_reading<T: DeserializeOwned>(_json: &str, input: &Value) -> Result<T, ParseError> {
    T::deserialize(input).map_err(|e| ParseError {
        pointer: String::new(),
        line: 0,
        column: 0,
        message: tidy(&e.to_string()),
    })
}

/// Reads an application document. A partial draft parses; a schema version other than this
/// build's, an unknown field or a value of the wrong type does not.
pub fn parse_application(json: &str) -> Result<Application, ParseError> {
    check_version(from_json(json)?)
}

/// Reads an application the widget holds as a JSON value. The widget builds the value itself,
/// so this reads it as it is (no line numbers, no round trip); the schema version is checked as
/// for text.
pub fn application_from_value(value: &Value) -> Result<Application, ParseError> {
    use serde::Deserialize;
    let app = Application::deserialize(value).map_err(|e| ParseError {
        pointer: String::new(),
        line: 0,
        column: 0,
        message: tidy(&e.to_string()),
    })?;
    check_version(app)
}

fn check_version(app: Application) -> Result<Application, ParseError> {
    if let Some(v) = &app.schema_version {
        if v != SCHEMA_VERSION {
            return Err(ParseError {
                pointer: "/schemaVersion".to_owned(),
                line: 0,
                column: 0,
                message: format!(
                    "schema version \u{2018}{}\u{2019} is not supported: this build reads version {SCHEMA_VERSION}",
                    v.chars().take(40).collect::<String>()
                ),
            });
        }
    }
    Ok(app)
}

/// Parses and checks in one step.
pub fn check_json(json: &str, profile: &Profile, today: Date) -> Result<Report, ParseError> {
    parse_application(json).map(|app| crate::rules::check(&app, profile, today))
}

/// The document as JSON text (compact), in the wire shape.
pub fn to_json(app: &Application) -> String {
    serde_json::to_string(app).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_a_draft() {
        assert_eq!(parse_application("{}"), Ok(Application::default()));
    }

    #[cfg(feature = "error-paths")]
    #[test]
    fn unknown_fields_are_named() {
        let e = parse_application(r#"{"child": {"favouriteColour": "blue"}}"#).unwrap_err();
        assert_eq!(e.pointer, "/child/favouriteColour");
        assert!(e.message.contains("`favouriteColour`"), "{}", e.message);
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = parse_application("{\n  \"child\": {\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("cut off"), "{}", e.message);
        let e = parse_application("{\"a\" 1}").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.column > 0);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let e = parse_application(&deep).unwrap_err();
        assert!(e.message.contains("nested too deeply"), "{}", e.message);
    }

    #[cfg(feature = "error-paths")]
    #[test]
    fn wrong_types_point_at_the_field() {
        let e = parse_application(r#"{"parents": [{}, {"relationship": "AUNT"}]}"#).unwrap_err();
        assert_eq!(e.pointer, "/parents/1/relationship");
        let e = parse_application("[]").unwrap_err();
        assert_eq!(e.message, "the document must be a JSON object, not a list");
        let e = parse_application(r#"{"child": ["Ada", "Lovelace"]}"#).unwrap_err();
        assert_eq!(e.pointer, "/child");
        assert_eq!(e.message, "expected an object, not a list");
    }

    #[test]
    fn schema_version_must_match() {
        let e = parse_application(r#"{"schemaVersion": "2.0"}"#).unwrap_err();
        assert_eq!(e.pointer, "/schemaVersion");
        assert!(parse_application(r#"{"schemaVersion": "1.0"}"#).is_ok());
    }

    #[test]
    fn trailing_text_is_refused() {
        assert!(parse_application("{} {}").is_err());
    }
}
