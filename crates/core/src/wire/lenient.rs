//! Reading a file of answers leniently: everything that can be read is kept, and each value
//! that cannot is taken out and named: where it was in the file, what it held, and why it could
//! not be read. The strict reader ([`super::application_from_value`]) stops at the first
//! problem; a person loading a file needs to see all of them, and keep everything else.
//!
//! How: the reader is context-free (a value reads the same wherever it sits), so a part of the
//! document can be read alone, wrapped in its ancestors (objects with one key, lists with one
//! item). A part that reads is kept whole; a part whose problem is the part itself is recorded
//! and left out; any other part is split into its keys or items and each is read the same way.
//! Each level reads only the parts below it that failed, so the work is the document's size
//! times its depth, and the document is never edited in place: the pointers recorded are the
//! file's own, whatever was left out before them.

use serde_json::{Map, Value};

use super::ParseError;
use crate::json::pointer::escape;
use crate::json::{self, Message, UNKNOWN_FIELD};
use crate::model::Application;

/// At most this many values are named one by one. Past it, the rest of the part of the file
/// being read is not loaded, and that is said once for it and once for all the parts after it.
pub const MAX_UNREAD: usize = 500;

/// How many characters of a value are quoted back.
const TEXT_MAX: usize = 200;

/// What kind of thing could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnreadKind {
    /// A value of the wrong kind, or not one of the choices.
    Value,
    /// A key the document does not have: no question asks for it.
    Unknown,
    /// Not read because too many values before it could not be read.
    Rest,
}

/// One value that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// Where it is in the file (JSON Pointer). For the parts left out past [`MAX_UNREAD`] as a
    /// whole, "" (the document).
    pub pointer: String,
    /// Where it would be in the kept document: the same as `pointer` unless list items before
    /// it were left out, which moves it up its list.
    pub kept_pointer: String,
    /// The value as the file had it: text as it is, anything else as compact JSON; cut short
    /// (with "…") past 200 characters.
    pub text: String,
    /// Why it could not be read, in the reader's words, in English.
    pub message: String,
    /// Why, as a catalogue text, to word in another language.
    pub problem: Message,
    pub kind: UnreadKind,
}

/// What a lenient reading gives: the readable part of the document, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient {
    /// The document without the values that could not be read; it reads.
    pub kept: Value,
    /// What was left out, in document order (an object's keys sorted, as the value holds them).
    pub unread: Vec<Unread>,
}

/// Reads as much of an application document as can be read. A document that is not an
/// object, or that names another schema version, is refused as a whole (its answers would be
/// read as something they are not); anything else gives back what reads and what does not.
pub fn read_leniently(value: &Value) -> Result<Lenient, ParseError> {
    let Value::Object(root) = value else {
        return Err(super::not_an_object(value, (0, 0)));
    };
    if let Some(version) = root.get("schemaVersion") {
        let mut alone = Map::new();
        alone.insert("schemaVersion".to_owned(), version.clone());
        super::application_from_value(&Value::Object(alone))?;
    }
    if super::application_from_value(value).is_ok() {
        return Ok(Lenient {
            kept: value.clone(),
            unread: Vec::new(),
        });
    }
    let mut reader = Reader::default();
    let mut kept = Map::new();
    let mut not_loaded: Vec<&str> = Vec::new();
    for (key, part) in root {
        let mut path = vec![Seg::Key(key)];
        if reader.full {
            // Past the limit: a part that reads is kept whole, any other is left out.
            match probe(&path, part) {
                Probe::Reads => {
                    kept.insert(key.clone(), part.clone());
                }
                _ => not_loaded.push(key),
            }
            continue;
        }
        if let Some(v) = reader.settle(&mut path, part) {
            kept.insert(key.clone(), v);
        }
        if reader.full {
            let here = pointer(&path, Side::File);
            let problem = Message::new("read.rest").data("max", MAX_UNREAD);
            reader.unread.push(Unread {
                kept_pointer: here.clone(),
                pointer: here,
                text: String::new(),
                message: problem.english(),
                problem,
                kind: UnreadKind::Rest,
            });
        }
    }
    if !not_loaded.is_empty() {
        let mut names = String::new();
        for k in &not_loaded {
            if !names.is_empty() {
                names.push_str(", ");
            }
            names.push('\u{2018}');
            names.push_str(k);
            names.push('\u{2019}');
            if names.len() > TEXT_MAX * 4 {
                break; // enough to quote: `cut` shortens it anyway
            }
        }
        let problem = Message::new(if not_loaded.len() == 1 {
            "read.rest-parts.one"
        } else {
            "read.rest-parts.other"
        })
        .data("max", MAX_UNREAD)
        .data("n", not_loaded.len());
        reader.unread.push(Unread {
            pointer: String::new(),
            kept_pointer: String::new(),
            text: cut(&names),
            message: problem.english(),
            problem,
            kind: UnreadKind::Rest,
        });
    }
    Ok(Lenient {
        kept: Value::Object(kept),
        unread: reader.unread,
    })
}

/// One step of a path: a key, or a list item by its index in the file and in what is kept.
#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index { file: usize, kept: usize },
}

#[derive(Clone, Copy)]
enum Side {
    File,
    Kept,
}

/// The JSON Pointer of a path, with the file's list indices or the kept ones.
fn pointer(path: &[Seg<'_>], side: Side) -> String {
    let mut p = String::new();
    for seg in path {
        p.push('/');
        let token = match (seg, side) {
            (Seg::Key(k), _) => escape(k),
            (Seg::Index { file, .. }, Side::File) => file.to_string(),
            (Seg::Index { kept, .. }, Side::Kept) => kept.to_string(),
        };
        p.push_str(&token);
    }
    p
}

/// The value at `path` inside the smallest document that holds it: each key an object with
/// that key alone, each list item a list of that item alone.
fn wrapped(path: &[Seg<'_>], value: &Value) -> Value {
    let mut inner = value.clone();
    for seg in path.iter().rev() {
        inner = match seg {
            Seg::Key(k) => {
                let mut map = Map::new();
                map.insert((*k).to_owned(), inner);
                Value::Object(map)
            }
            Seg::Index { .. } => Value::Array(vec![inner]),
        };
    }
    inner
}

/// How a part reads alone.
enum Probe {
    Reads,
    /// The part itself cannot be read: why.
    Itself(json::ReadError),
    /// Something inside it cannot be read.
    Inside,
}

fn probe(path: &[Seg<'_>], value: &Value) -> Probe {
    match json::from_value::<Application>(&wrapped(path, value)) {
        Ok(_) => Probe::Reads,
        Err(e) => {
            // Reference tokens never hold a '/' (it is escaped), so the '/'s count them.
            let depth = e.pointer.matches('/').count();
            if depth > path.len() && (value.is_object() || value.is_array()) {
                Probe::Inside
            } else {
                Probe::Itself(e)
            }
        }
    }
}

/// The value as it is quoted back: text as it is, anything else as compact JSON, cut short.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => cut(s),
        other => cut(&other.to_string()),
    }
}

fn cut(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(TEXT_MAX).collect();
    if chars.next().is_some() {
        out.push('\u{2026}');
    }
    out
}

#[derive(Default)]
struct Reader {
    unread: Vec<Unread>,
    /// [`MAX_UNREAD`] values have been recorded: stop splitting.
    full: bool,
}

impl Reader {
    /// The readable part of the value at `path`, or `None` when it is left out.
    fn settle<'a>(&mut self, path: &mut Vec<Seg<'a>>, value: &'a Value) -> Option<Value> {
        match probe(path, value) {
            Probe::Reads => Some(value.clone()),
            Probe::Itself(e) => {
                self.record(path, value, e);
                None
            }
            Probe::Inside => match value {
                Value::Object(map) => {
                    let mut kept = Map::new();
                    for (key, child) in map {
                        if self.full {
                            break;
                        }
                        path.push(Seg::Key(key));
                        if let Some(v) = self.settle(path, child) {
                            kept.insert(key.clone(), v);
                        }
                        path.pop();
                    }
                    Some(Value::Object(kept))
                }
                Value::Array(items) => {
                    let mut kept = Vec::new();
                    for (file, item) in items.iter().enumerate() {
                        if self.full {
                            break;
                        }
                        path.push(Seg::Index {
                            file,
                            kept: kept.len(),
                        });
                        if let Some(v) = self.settle(path, item) {
                            kept.push(v);
                        }
                        path.pop();
                    }
                    Some(Value::Array(kept))
                }
                // `probe` says "inside" only of objects and lists.
                _ => None,
            },
        }
    }

    fn record(&mut self, path: &[Seg<'_>], value: &Value, e: json::ReadError) {
        if self.unread.len() >= MAX_UNREAD {
            self.full = true;
            return;
        }
        let (kind, message, problem) = match path.last() {
            Some(Seg::Key(key)) if e.problem.id == UNKNOWN_FIELD => {
                let name: String = key.chars().take(40).collect();
                let problem = Message::new("read.unknown-question").data("name", name);
                (UnreadKind::Unknown, problem.english(), problem)
            }
            _ => (UnreadKind::Value, e.message, e.problem),
        };
        self.unread.push(Unread {
            pointer: pointer(path, Side::File),
            kept_pointer: pointer(path, Side::Kept),
            text: shown(value),
            message,
            problem,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use serde_json::json;

    fn s01() -> Value {
        serde_json::from_str(include_str!(
            "../../../../tests/fixtures/scenarios/S01-complete-valid.json"
        ))
        .unwrap()
    }

    fn pointers(l: &Lenient) -> Vec<&str> {
        l.unread.iter().map(|u| u.pointer.as_str()).collect()
    }

    fn reads(v: &Value) {
        if let Err(e) = super::super::application_from_value(v) {
            panic!("the kept document does not read: {e}");
        }
    }

    #[test]
    fn a_valid_document_is_kept_as_it_is() {
        let doc = s01();
        let l = read_leniently(&doc).unwrap();
        assert!(l.unread.is_empty());
        assert_eq!(l.kept, doc);
        let empty = read_leniently(&json!({})).unwrap();
        assert_eq!(empty.kept, json!({}));
        assert!(empty.unread.is_empty());
    }

    #[test]
    fn one_unknown_field() {
        let doc = json!({"child": {"legalForename": "Alex", "favouriteColour": "blue"}});
        let l = read_leniently(&doc).unwrap();
        assert_eq!(
            l.unread,
            vec![Unread {
                pointer: "/child/favouriteColour".into(),
                kept_pointer: "/child/favouriteColour".into(),
                text: "blue".into(),
                message: "this form has no question called \u{2018}favouriteColour\u{2019}".into(),
                problem: Message::new("read.unknown-question").data("name", "favouriteColour"),
                kind: UnreadKind::Unknown,
            }]
        );
        assert_eq!(l.kept, json!({"child": {"legalForename": "Alex"}}));
    }

    #[test]
    fn a_bad_code_in_a_list_item() {
        let doc = json!({"parents": [
            {"id": "p1", "forename": "Sam", "relationship": "MOTHER"},
            {"id": "p2", "forename": "Ade", "relationship": "AUNT"}
        ]});
        let l = read_leniently(&doc).unwrap();
        assert_eq!(pointers(&l), ["/parents/1/relationship"]);
        let u = &l.unread[0];
        assert_eq!(u.text, "AUNT");
        assert_eq!(u.kind, UnreadKind::Value);
        assert!(
            u.message.starts_with("`AUNT` is not one of `MOTHER`"),
            "{}",
            u.message
        );
        assert_eq!(
            l.kept,
            json!({"parents": [
                {"id": "p1", "forename": "Sam", "relationship": "MOTHER"},
                {"id": "p2", "forename": "Ade"}
            ]})
        );
    }

    #[test]
    fn a_number_as_text() {
        let doc = json!({"child": {"attendancePct12m": "93.4", "upn": "P823123400101"}});
        let l = read_leniently(&doc).unwrap();
        assert_eq!(pointers(&l), ["/child/attendancePct12m"]);
        assert_eq!(l.unread[0].text, "93.4");
        assert_eq!(l.unread[0].message, "expected a number, not text");
        assert_eq!(l.kept, json!({"child": {"upn": "P823123400101"}}));
    }

    #[test]
    fn every_problem_in_every_section_with_the_file_s_pointers() {
        let doc = json!({
            "requestType": ["TOP_UP_FUNDING", "MONEY", "OUTREACH"],
            "assessments": [7, {"date": "2024-09-12", "score": 78}, {"measure": "NFER", "value": 78}],
            "parents": [{"id": "p1", "hasParentalResponsibility": "yes"}],
            "colour": {"of": "the sky"},
            "child": ["Alex"],
            "sen": {"provision": "K"}
        });
        let l = read_leniently(&doc).unwrap();
        assert_eq!(
            pointers(&l),
            [
                "/assessments/0",
                "/assessments/1/score",
                "/assessments/2/value",
                "/child",
                "/colour",
                "/parents/0/hasParentalResponsibility",
                "/requestType/1",
            ]
        );
        // The first assessment was left out: the later ones move up in what is kept.
        let kept: Vec<&str> = l.unread.iter().map(|u| u.kept_pointer.as_str()).collect();
        assert_eq!(kept[1], "/assessments/0/score");
        assert_eq!(kept[2], "/assessments/1/value");
        assert_eq!(l.unread[0].text, "7");
        assert_eq!(l.unread[0].message, "expected an object, not a number");
        assert_eq!(l.unread[3].text, "[\"Alex\"]");
        assert_eq!(l.unread[4].kind, UnreadKind::Unknown);
        assert_eq!(l.unread[4].text, "{\"of\":\"the sky\"}");
        assert_eq!(l.unread[5].text, "yes");
        assert_eq!(
            l.kept,
            json!({
                "requestType": ["TOP_UP_FUNDING", "OUTREACH"],
                "assessments": [{"date": "2024-09-12"}, {"measure": "NFER"}],
                "parents": [{"id": "p1"}],
                "sen": {"provision": "K"}
            })
        );
        reads(&l.kept);
    }

    #[test]
    fn s01_with_three_problems_keeps_the_rest() {
        let mut doc = s01();
        doc["child"]["favouriteColour"] = json!("blue");
        doc["parents"][0]["relationship"] = json!("AUNT");
        doc["child"]["attendancePct12m"] = json!("ninety");
        let l = read_leniently(&doc).unwrap();
        assert_eq!(
            pointers(&l),
            [
                "/child/attendancePct12m",
                "/child/favouriteColour",
                "/parents/0/relationship",
            ]
        );
        let texts: Vec<&str> = l.unread.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, ["ninety", "blue", "AUNT"]);
        let mut expected = s01();
        expected["child"]
            .as_object_mut()
            .unwrap()
            .remove("attendancePct12m");
        expected["parents"][0]
            .as_object_mut()
            .unwrap()
            .remove("relationship");
        assert_eq!(l.kept, expected);
        reads(&l.kept);
    }

    #[test]
    fn another_schema_version_or_not_an_object_is_refused() {
        let e = read_leniently(&json!({"schemaVersion": "2.0", "child": {}})).unwrap_err();
        assert_eq!(e.pointer, "/schemaVersion");
        let e = read_leniently(&json!({"schemaVersion": 1, "child": {}})).unwrap_err();
        assert_eq!(e.pointer, "/schemaVersion");
        let e = read_leniently(&json!(["child"])).unwrap_err();
        assert_eq!(e.message, "the document must be a JSON object, not a list");
    }

    #[test]
    fn long_values_are_cut_short_and_keys_escaped() {
        let long = "x".repeat(300);
        let l = read_leniently(&json!({"child": {"a/b~c": long}})).unwrap();
        assert_eq!(pointers(&l), ["/child/a~1b~0c"]);
        assert_eq!(l.unread[0].text.chars().count(), 201);
        assert!(l.unread[0].text.ends_with('\u{2026}'));
    }

    #[test]
    fn thousands_of_problems_stop_at_the_limit_and_say_so() {
        let items: Vec<Value> = (0..5000)
            .map(|i| json!({"date": "2024-09-12", "value": i, "measure": "m"}))
            .collect();
        let mut doc = json!({"assessments": items, "child": {"legalForename": "Alex"}});
        for i in 0..3000 {
            doc[format!("extra{i:04}")] = json!(i);
        }
        doc["sen"] = json!({"provision": "NOPE"});
        let started = std::time::Instant::now();
        let l = read_leniently(&doc).unwrap();
        let took = started.elapsed();
        assert_eq!(l.unread.len(), MAX_UNREAD + 2, "{took:?}");
        assert_eq!(l.unread[0].pointer, "/assessments/0/value");
        assert_eq!(l.unread[MAX_UNREAD - 1].pointer, "/assessments/499/value");
        let rest = &l.unread[MAX_UNREAD];
        assert_eq!(
            (rest.pointer.as_str(), rest.kind),
            ("/assessments", UnreadKind::Rest)
        );
        let others = &l.unread[MAX_UNREAD + 1];
        assert_eq!(
            (others.pointer.as_str(), others.kind),
            ("", UnreadKind::Rest)
        );
        // 3,000 unknown keys and `sen` were not loaded, and are counted; `child` reads.
        assert!(
            others.message.contains("3001 more parts"),
            "{}",
            others.message
        );
        assert_eq!(l.kept["child"], json!({"legalForename": "Alex"}));
        // The 501st item's readable answers were read before the limit was met.
        assert_eq!(l.kept["assessments"].as_array().unwrap().len(), 501);
        assert!(l.kept.get("sen").is_none());
        reads(&l.kept);
    }
}
