//! Reading the model and profiles from a `serde_json::Value`, and writing the model back.
//!
//! The types derive [`FromJson`] and [`ToJson`] (crate `sen-json-derive`) from the same
//! `#[serde(...)]` attributes the JSON Schema is generated from. One reader serves the CLI, the
//! receiver and the widget, so they accept and refuse the same documents; it refuses unknown
//! fields, treats `null` like an absent optional answer, and names the JSON Pointer of the first
//! problem. It replaced serde's derived deserialisers, which were the largest part of the
//! widget's download (see BENCHMARKS.md).

pub mod pointer;
mod read;
mod write;

/// JSON text to a value (`json_text`, a layer below the catalogue, which reads its files with it).
pub use crate::json_text as text;

pub use read::{choice, fill, object, required, unknown, Fill, FromJson, UNKNOWN_FIELD};
pub use write::{put, ToJson};

pub use crate::text::Message;

/// The derives, under the traits' names (as serde does).
pub use sen_json_derive::{FromJson, ToJson};

/// Where a value sits in the document: a chain on the stack, turned into a JSON Pointer only
/// when something is wrong.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The JSON Pointer (RFC 6901) of this place.
    pub fn pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut here = self;
        loop {
            match here {
                At::Root => break,
                At::Key(parent, key) => {
                    segments.push(pointer::escape(key));
                    here = parent;
                }
                At::Index(parent, i) => {
                    segments.push(i.to_string());
                    here = parent;
                }
            }
        }
        segments.iter().rev().fold(String::new(), |mut p, s| {
            p.push('/');
            p.push_str(s);
            p
        })
    }
}

/// The first problem found while reading, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// JSON Pointer of the offending value ("" for the document itself).
    pub pointer: String,
    /// The problem in English (what the CLI and the receiver say).
    pub message: String,
    /// The problem as a catalogue text, to word in another language.
    pub problem: Message,
}

/// `/pointer: message`, or the message alone for the document itself.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.pointer.is_empty() {
            write!(f, "{}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

impl ReadError {
    pub fn at(at: At<'_>, problem: Message) -> Self {
        ReadError {
            pointer: at.pointer(),
            message: problem.english(),
            problem,
        }
    }

    /// The error as [`Display`](std::fmt::Display) shows it, as a catalogue text.
    pub fn text(&self) -> Message {
        if self.pointer.is_empty() {
            self.problem.clone()
        } else {
            Message::new("read.where")
                .data("pointer", &self.pointer)
                .text("problem", self.problem.clone())
        }
    }
}

/// How a JSON value is described in a message ("a list"), as a catalogue text.
pub fn kind_of(v: &serde_json::Value) -> Message {
    use serde_json::Value;
    Message::new(match v {
        Value::Null => "read.kind.null",
        Value::Bool(_) => "read.kind.bool",
        Value::Number(_) => "read.kind.number",
        Value::String(_) => "read.kind.text",
        Value::Array(_) => "read.kind.list",
        Value::Object(_) => "read.kind.object",
    })
}

/// Reads a whole document.
pub fn from_value<T: FromJson>(v: &serde_json::Value) -> Result<T, ReadError> {
    T::from_json(v, At::Root)
}

/// Writes a whole document.
pub fn to_value<T: ToJson>(v: &T) -> serde_json::Value {
    v.to_json()
}
