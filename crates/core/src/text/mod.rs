//! One catalogue for every text the core shows: rule messages, the CLI's report and the rest,
//! each keyed by a stable id (`rule.V-31.who`, `cli.report.complete`) with named placeholders
//! (`"Select who gave consent {n}"`). English, from `messages/en.json`, is compiled in (read
//! once, the first time a text is asked for, into a table sorted by id); another
//! language's file or a profile's `texts` lie over it, and any text they do not give falls back
//! to English, text by text. An overlay is checked as it is read: JSON, one object of strings,
//! ids the English catalogue has, and no placeholder the English text lacks; anything else is
//! refused with the id at fault, never a panic.

mod message;
mod pseudo;

use std::collections::BTreeMap;
use std::fmt::{self, Display, Write as _};

pub use message::{Arg, Message};
pub use pseudo::{pseudo_catalogue_json, pseudo_localise};

/// The English texts, sorted by id, read once from `messages/en.json` (minified by `build.rs`).
fn english_table() -> &'static [(String, String)] {
    static TABLE: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        // The reader every document goes through (no second JSON parser in the wasm); its
        // objects iterate in key order, so the table comes out sorted.
        let v = crate::json_text::parse(include_str!(concat!(env!("OUT_DIR"), "/english.json")))
            .unwrap_or_default();
        let serde_json::Value::Object(map) = v else {
            return Vec::new();
        };
        map.into_iter()
            .filter_map(|(k, v)| match v {
                serde_json::Value::String(s) => Some((k, s)),
                _ => None,
            })
            .collect()
    })
}

/// The English text of an id, or `None` if the catalogue has no such id.
pub fn english(id: &str) -> Option<&'static str> {
    let t = english_table();
    t.binary_search_by(|(k, _)| k.as_bytes().cmp(id.as_bytes()))
        .ok()
        .and_then(|i| t.get(i))
        .map(|(_, text)| text.as_str())
}

/// An English text with its placeholders filled: for words not yet given a catalogue to come
/// from (the widget's, the pack's and the CLI's before `--lang` is read).
pub fn say(id: &str, args: &[(&str, &dyn Display)]) -> String {
    fill(english(id).unwrap_or(id), args)
}

/// Every id and its English text, in id order.
pub fn english_texts() -> impl Iterator<Item = (&'static str, &'static str)> {
    english_table()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The English texts with the texts of other languages or a profile laid over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    overlay: BTreeMap<String, String>,
}

/// Why an overlay was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The id at fault; empty when the whole overlay is at fault.
    pub id: String,
    pub problem: String,
}

impl Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.id.is_empty() {
            write!(f, "the texts could not be read: {}", self.problem)
        } else {
            write!(f, "the text \u{2018}{}\u{2019}: {}", self.id, self.problem)
        }
    }
}

impl std::error::Error for TextError {}

fn refuse(id: &str, problem: impl Into<String>) -> TextError {
    TextError {
        id: id.to_owned(),
        problem: problem.into(),
    }
}

impl Catalogue {
    /// The English catalogue alone.
    pub fn english() -> Self {
        Catalogue::default()
    }

    /// The text of an id: the overlay's, else English; an id the catalogue lacks is shown as
    /// itself (a test keeps every id the code uses in `messages/en.json`).
    pub fn get<'a>(&'a self, id: &'a str) -> &'a str {
        self.overlay
            .get(id)
            .map(String::as_str)
            .or_else(|| english(id))
            .unwrap_or(id)
    }

    /// The text of an id with its placeholders filled: `format("rule.V-31.who", &[("n", &2)])`.
    /// A placeholder with no value given stays as it is written.
    pub fn format(&self, id: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(id), args)
    }

    /// A count with its noun: `{id}.one` for 1, else `{id}.other`, `{n}` filled with the count.
    pub fn plural(&self, n: i64, id: &str) -> String {
        let form = if n == 1 { "one" } else { "other" };
        self.format(&format!("{id}.{form}"), &[("n", &n)])
    }

    /// "a", "a or b", "a, b or c", in this catalogue's words.
    pub fn or_list(&self, items: &[String]) -> String {
        self.joined(items, "list.or")
    }

    /// "a", "a and b", "a, b and c", in this catalogue's words.
    pub fn and_list(&self, items: &[String]) -> String {
        self.joined(items, "list.and")
    }

    fn joined(&self, items: &[String], id: &str) -> String {
        match items.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => self.format(
                id,
                &[
                    ("rest", &rest.join(self.get("list.separator"))),
                    ("last", last),
                ],
            ),
        }
    }

    /// This catalogue with another laid over it: each of its texts wins.
    pub fn over(mut self, other: &Catalogue) -> Self {
        for (k, v) in &other.overlay {
            self.overlay.insert(k.clone(), v.clone());
        }
        self
    }

    /// This catalogue with the texts of a JSON object laid over it (another language's file).
    pub fn with_json(self, json: &str) -> Result<Self, TextError> {
        let value = crate::json_text::parse(json).map_err(|e| refuse("", e.to_string()))?;
        let serde_json::Value::Object(map) = value else {
            return Err(refuse(
                "",
                "it must be one JSON object of texts keyed by id",
            ));
        };
        let mut texts = BTreeMap::new();
        for (id, v) in map {
            let serde_json::Value::String(s) = v else {
                return Err(refuse(&id, "must be text"));
            };
            texts.insert(id, s);
        }
        self.with_texts(&texts)
    }

    /// This catalogue with texts laid over it (a profile's `texts`), each checked.
    pub fn with_texts(mut self, texts: &BTreeMap<String, String>) -> Result<Self, TextError> {
        for (id, text) in texts {
            check_text(id, text)?;
            self.overlay.insert(id.clone(), text.clone());
        }
        Ok(self)
    }

    /// How many texts this catalogue gives over English.
    pub fn overlaid(&self) -> usize {
        self.overlay.len()
    }
}

/// Checks one overlay text against English: the id exists, and every placeholder it names is
/// one the English text has.
pub fn check_text(id: &str, text: &str) -> Result<(), TextError> {
    let Some(base) = english(id) else {
        return Err(refuse(id, "there is no such text in the catalogue"));
    };
    let known = placeholders(base);
    if let Some(p) = placeholders(text).into_iter().find(|p| !known.contains(p)) {
        return Err(refuse(
            id,
            format!("the placeholder {{{p}}} is not in the English text"),
        ));
    }
    Ok(())
}

/// The placeholders a text names, `{n}` → `n`, in order of first use.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for piece in Pieces(text) {
        if let Piece::Slot(name) = piece {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// A text with its placeholders filled.
pub fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for piece in Pieces(text) {
        match piece {
            Piece::Literal(s) => out.push_str(s),
            Piece::Slot(name) => match args.iter().find(|(k, _)| *k == name) {
                Some((_, v)) => {
                    let _ = write!(out, "{v}");
                }
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// Part of a text: literal, or a placeholder's name.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Literal(&'a str),
    Slot(&'a str),
}

/// A text split into literals and placeholders. A placeholder is `{` a name of ASCII letters,
/// digits and `_` `}`; any other brace is literal.
pub(crate) struct Pieces<'a>(pub(crate) &'a str);

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let rest = self.0;
        if rest.is_empty() {
            return None;
        }
        if let Some(name) = slot_at(rest) {
            self.0 = rest.get(name.len() + 2..).unwrap_or("");
            return Some(Piece::Slot(name));
        }
        // A literal runs to the next brace that opens a placeholder (or the end).
        let mut end = rest.len();
        for (i, c) in rest.char_indices().skip(1) {
            if c == '{' && rest.get(i..).and_then(slot_at).is_some() {
                end = i;
                break;
            }
        }
        let (lit, after) = rest.split_at(end);
        self.0 = after;
        Some(Piece::Literal(lit))
    }
}

/// The placeholder's name if the text starts with one.
fn slot_at(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('{')?;
    let close = inner.find('}')?;
    let name = inner.get(..close)?;
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then_some(name)
}

#[cfg(test)]
mod tests;
