//! The boundary: JSON text in, a typed [`Application`] (or a clear error) out. One document
//! shape serves the CLI, the widget's POST and the receiver. Unknown fields are rejected with a
//! message naming them and where they are; nesting is bounded by serde_json's recursion limit.

use std::fmt;

use serde_json::Value;

use crate::json::{FromJson, Message};
use crate::model::{Application, SCHEMA_VERSION};

pub mod lenient;
pub use lenient::{read_leniently, Lenient, Unread, UnreadKind};

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// JSON Pointer to the offending value ("" for the document or a syntax error).
    pub pointer: String,
    /// 1-based line and column in the input, where known.
    pub line: usize,
    pub column: usize,
    /// The problem in English (what the CLI and the receiver say).
    pub message: String,
    /// The problem as a catalogue text, to word in another language.
    pub problem: Message,
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

impl ParseError {
    /// A problem at a place in the document, or at a line and column of its text.
    pub fn new(pointer: String, (line, column): (usize, usize), problem: Message) -> Self {
        ParseError {
            pointer,
            line,
            column,
            message: problem.english(),
            problem,
        }
    }

    /// The error as [`Display`](fmt::Display) shows it, as a catalogue text.
    pub fn text(&self) -> Message {
        let mut m = self.problem.clone();
        if !self.pointer.is_empty() {
            m = Message::new("read.at")
                .data("pointer", &self.pointer)
                .text("problem", m);
        }
        if self.line > 0 {
            m = Message::new("read.line")
                .data("line", self.line)
                .data("column", self.column)
                .text("problem", m);
        }
        m
    }
}

/// serde_json's words for a syntax error, and the catalogue's ids for them (English the same).
const SYNTAX: &[(&str, &str)] = &[
    ("expected value", "read.syntax.value"),
    ("expected `,` or `}`", "read.syntax.object-comma"),
    ("expected `,` or `]`", "read.syntax.list-comma"),
    ("expected `:`", "read.syntax.colon"),
    ("expected `\"`", "read.syntax.quote"),
    ("key must be a string", "read.syntax.key"),
    ("trailing characters", "read.syntax.trailing"),
    ("trailing comma", "read.syntax.trailing-comma"),
    ("invalid number", "read.syntax.number"),
    ("number out of range", "read.syntax.range"),
    ("invalid escape", "read.syntax.escape"),
];

/// A JSON syntax error in plain words (the line and column are reported apart).
fn plain(e: &serde_json::Error) -> Message {
    let text = e.to_string();
    let m = text.split(" at line ").next().unwrap_or(&text);
    if let Some(key) = m
        .strip_prefix("the key `")
        .and_then(|k| k.strip_suffix(crate::json_text::REPEATED_KEY))
        .and_then(|k| k.strip_suffix("` "))
    {
        Message::new("read.repeated-key").data("key", key)
    } else if e.is_eof() {
        Message::new("read.cut-off")
    } else if text.starts_with("recursion limit exceeded") {
        Message::new("read.too-deep")
    } else {
        let detail = match SYNTAX.iter().find(|(words, _)| *words == m) {
            Some((_, id)) => Message::new(id),
            None => Message::new("read.syntax.other").data("detail", m),
        };
        Message::new("read.syntax").text("detail", detail)
    }
}

/// A JSON syntax error with its line and column, in plain words.
pub fn syntax_error(e: &serde_json::Error) -> ParseError {
    ParseError::new(String::new(), (e.line(), e.column()), plain(e))
}

/// Reads JSON text into `T`: a syntax error with its line and column, then the typed reading
/// (`crate::json`) with the JSON Pointer of the first problem.
pub fn from_json<T: FromJson>(json: &str) -> Result<T, ParseError> {
    let input: Value = crate::json_text::parse(json).map_err(|e| syntax_error(&e))?;
    if !input.is_object() {
        return Err(not_an_object(&input, (1, 1)));
    }
    from_value(&input)
}

/// "the document must be a JSON object, not a list".
pub(crate) fn not_an_object(value: &Value, at: (usize, usize)) -> ParseError {
    ParseError::new(
        String::new(),
        at,
        Message::new("read.not-an-object").text("kind", crate::json::kind_of(value)),
    )
}

/// Reads a value already parsed.
fn from_value<T: FromJson>(value: &Value) -> Result<T, ParseError> {
    crate::json::from_value(value).map_err(|e| ParseError {
        pointer: e.pointer,
        line: 0,
        column: 0,
        message: e.message,
        problem: e.problem,
    })
}

/// Reads an application document. A partial draft parses; a schema version other than this
/// build's, an unknown field or a value of the wrong type does not.
pub fn parse_application(json: &str) -> Result<Application, ParseError> {
    check_version(from_json(json)?)
}

/// Reads an application the widget holds as a JSON value (no line numbers: there is no text);
/// the schema version is checked as for text.
pub fn application_from_value(value: &Value) -> Result<Application, ParseError> {
    check_version(from_value(value)?)
}

fn check_version(app: Application) -> Result<Application, ParseError> {
    if let Some(v) = &app.schema_version {
        if v != SCHEMA_VERSION {
            return Err(ParseError::new(
                "/schemaVersion".to_owned(),
                (0, 0),
                Message::new("read.version")
                    .data("version", v.chars().take(40).collect::<String>())
                    .data("supported", SCHEMA_VERSION),
            ));
        }
    }
    Ok(app)
}

/// The document as JSON text (compact), in the wire shape.
pub fn to_json(app: &Application) -> String {
    to_value(app).to_string()
}

/// The document as a JSON value, in the wire shape (absent answers left out).
pub fn to_value(app: &Application) -> Value {
    crate::json::to_value(app)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_a_draft() {
        assert_eq!(parse_application("{}"), Ok(Application::default()));
    }

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
    fn a_key_named_twice_is_refused_where_it_is() {
        let e = parse_application("{\"consents\": [],\n \"consents\": []}").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.message, "the key `consents` appears twice in one object");
        let e = parse_application(r#"{"child": {"upn": "A", "upn": "B"}}"#).unwrap_err();
        assert!(e.message.contains("`upn`"), "{}", e.message);
        assert!(parse_application(r#"{"parents": [{"id": "a"}, {"id": "a"}]}"#).is_ok());
    }

    #[test]
    fn trailing_text_is_refused() {
        assert!(parse_application("{} {}").is_err());
    }
}
