//! The documents sent with the application, as the pack lists them: name, type, date, size and
//! a short checksum (the first 12 hexadecimal characters of its SHA-256, enough for a person to
//! match the file they hold with the one the application names).

use crate::text::Catalogue;
use serde_json::Value;

use crate::codes::AttachmentType;

/// How many characters of the SHA-256 the pack shows.
pub const SHORT_HASH_LEN: usize = 12;

/// One document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file's name ("Document 2" when it has none).
    pub name: String,
    /// Its type, in words.
    pub kind: String,
    /// The document's own date, in words.
    pub date: String,
    /// Its size, in words.
    pub size: String,
    /// The start of its SHA-256.
    pub short_hash: String,
}

/// The first [`SHORT_HASH_LEN`] characters of a checksum, in lower case.
pub fn short_hash(sha256: &str) -> String {
    sha256
        .chars()
        .take(SHORT_HASH_LEN)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn text<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

/// The documents the application lists, in its order.
pub fn of(doc: &Value, texts: &Catalogue) -> Vec<Document> {
    let Some(items) = doc.pointer("/attachments").and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .map(|(n, item)| Document {
            name: crate::display::Words(texts).item_name("/attachments", n, item),
            kind: text(item, "type")
                .map(|t| {
                    AttachmentType::from_code(t)
                        .map_or_else(|| t.to_owned(), |a| a.label_in(texts).to_owned())
                })
                .unwrap_or_default(),
            date: text(item, "documentDate")
                .map(|d| crate::display::Words(texts).date(d))
                .unwrap_or_default(),
            size: item
                .get("sizeBytes")
                .and_then(Value::as_u64)
                .map(|b| crate::display::Words(texts).file_size(b))
                .unwrap_or_default(),
            short_hash: text(item, "sha256").map(short_hash).unwrap_or_default(),
        })
        .collect()
}
