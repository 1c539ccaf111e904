//! Drafts, pure: what is saved in browser storage and under which key, and reading it back
//! (expired, broken or foreign drafts are refused with a reason, never half-restored). The
//! widget's `store.rs` does the storage calls, and encrypts what it stores (`crypto.rs`); this
//! is tested natively.
//!
//! A draft holds a child's personal data. It is kept per profile and per form instance, expires
//! (the profile's `drafts.expiryDays`), and is deleted after a successful send and on "Start
//! again". The person can choose not to save on this device.

use sen_core::json::{FromJson, ToJson};
use sen_core::text::Message;
use sen_core::wire::{read_leniently, Lenient};
use serde_json::Value;

/// The format of a saved draft (changes when its shape does).
pub const DRAFT_VERSION: u32 = 1;

/// What is saved.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draft {
    /// `DRAFT_VERSION`.
    pub draft_version: u32,
    /// The profile the answers were given under.
    pub profile: String,
    /// Unix milliseconds.
    pub saved_at: u64,
    pub expires_at: u64,
    /// The application document as the form holds it.
    pub document: Value,
    /// The key of a send that has started, reused by every retry and after a reload while
    /// the body is the same.
    pub idempotency_key: Option<String>,
    /// The fingerprint of the body the key was made for (`submit::machine::fingerprint`).
    pub body_fingerprint: Option<u64>,
}

/// Why a draft was not restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Past its expiry: it is deleted.
    Expired,
    /// Saved under another profile.
    OtherProfile(String),
    /// Not a draft this version can read: why, worded in the form's language when shown.
    Unreadable(Message),
}

impl Draft {
    /// The draft as stored (compact JSON).
    pub fn to_text(&self) -> String {
        self.text_with(&self.document)
    }

    /// The draft as stored, with `document` as its document: the text [`Draft::to_text`] writes
    /// for a draft holding it, without a copy of the document (175 KB of JSON at 500 provision
    /// rows) and written by serde_json straight into bytes, not through `Display`.
    pub fn text_with(&self, document: &Value) -> String {
        let envelope = Draft {
            profile: self.profile.clone(),
            document: Value::Null,
            idempotency_key: self.idempotency_key.clone(),
            ..*self
        };
        let Value::Object(fields) = sen_core::json::to_value(&envelope) else {
            return String::new();
        };
        let mut out = Vec::with_capacity(4096);
        out.push(b'{');
        for (n, (key, value)) in fields.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            let value = if key == "document" { document } else { value };
            let _ = serde_json::to_writer(&mut out, key);
            out.push(b':');
            let _ = serde_json::to_writer(&mut out, value);
        }
        out.push(b'}');
        String::from_utf8(out).unwrap_or_default()
    }
}

impl Refusal {
    /// Why, in the words of `texts`.
    pub fn words(&self, texts: &sen_core::text::Catalogue) -> String {
        match self {
            Refusal::Expired => texts.get("widget.draft.expired").to_owned(),
            Refusal::OtherProfile(p) => texts.format("widget.draft.other-form", &[("form", p)]),
            Refusal::Unreadable(why) => {
                texts.format("widget.draft.unreadable", &[("why", &why.words(texts))])
            }
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(&sen_core::text::Catalogue::english()))
    }
}

/// The storage key of one form instance's draft. The instance is the element's `id` (or
/// "form"), so two forms on one page keep separate drafts.
pub fn storage_key(profile: &str, instance: &str) -> String {
    format!("sen-support-form/v{DRAFT_VERSION}/{profile}/{instance}")
}

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// A draft of `document` saved at `now_ms`, expiring after `expiry_days`, with the key of a send
/// that has started and its body's fingerprint: `(key, fingerprint)`.
pub fn new(
    profile: &str,
    document: Value,
    key: (Option<String>, Option<u64>),
    now_ms: u64,
    expiry_days: i64,
) -> Draft {
    let days = u64::try_from(expiry_days.max(1)).unwrap_or(1);
    Draft {
        draft_version: DRAFT_VERSION,
        profile: profile.to_owned(),
        saved_at: now_ms,
        expires_at: now_ms.saturating_add(days.saturating_mul(DAY_MS)),
        document,
        idempotency_key: key.0,
        body_fingerprint: key.1,
    }
}

/// JSON text as a value, or why it cannot be read.
fn parse(text: &str) -> Result<Value, Refusal> {
    sen_core::json::text::parse(text)
        .map_err(|e| Refusal::Unreadable(sen_core::wire::syntax_error(&e).text()))
}

/// Reads a saved draft for `profile` at `now_ms`.
pub fn read(text: &str, profile: &str, now_ms: u64) -> Result<Draft, Refusal> {
    read_value(&parse(text)?, profile, now_ms)
}

/// Reads a saved draft already parsed.
fn read_value(value: &Value, profile: &str, now_ms: u64) -> Result<Draft, Refusal> {
    let draft: Draft =
        sen_core::json::from_value(value).map_err(|e| Refusal::Unreadable(e.text()))?;
    if draft.draft_version != DRAFT_VERSION {
        return Err(Refusal::Unreadable(
            Message::new("widget.draft.version").data("version", draft.draft_version),
        ));
    }
    if !draft.document.is_object() {
        return Err(Refusal::Unreadable(Message::new("widget.draft.not-object")));
    }
    if draft.profile != profile {
        return Err(Refusal::OtherProfile(draft.profile));
    }
    if now_ms >= draft.expires_at {
        return Err(Refusal::Expired);
    }
    Ok(draft)
}

/// An imported file: an exported draft, or a bare application document (as `sen-check`
/// reads). Returns the document to continue from, read leniently: what reads is kept, and each
/// value that does not is named (`Lenient::unread`). A file of another schema version is
/// refused as a whole.
pub fn import(text: &str, profile: &str) -> Result<Lenient, Refusal> {
    let value = parse(text)?;
    let document = if value.get("draftVersion").is_some() {
        // An export is not refused for its age: the person chose the file.
        read_value(&value, profile, 0)?.document
    } else {
        match value.get("profile").and_then(Value::as_str) {
            Some(p) if p != profile => return Err(Refusal::OtherProfile(p.to_owned())),
            _ if value.is_object() => value,
            _ => {
                return Err(Refusal::Unreadable(Message::new(
                    "widget.draft.file-not-object",
                )))
            }
        }
    };
    read_leniently(&document).map_err(|e| Refusal::Unreadable(e.problem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_and_expiry() {
        let d = new(
            "stockton-one-point",
            json!({"child": {"legalForename": "Alex"}}),
            (Some("k".into()), Some((1 << 53) - 1)),
            1000,
            30,
        );
        let text = d.to_text();
        assert!(text.contains(r#""bodyFingerprint":9007199254740991"#));
        assert_eq!(read(&text, "stockton-one-point", 2000), Ok(d.clone()));
        // A draft saved before fingerprints were kept still reads.
        let mut older: Value = serde_json::from_str(&text).unwrap();
        older.as_object_mut().unwrap().remove("bodyFingerprint");
        let read_back = read(&older.to_string(), "stockton-one-point", 2000);
        assert_eq!(read_back.map(|d| d.body_fingerprint), Ok(None));
        assert_eq!(
            read(&text, "stockton-one-point", d.expires_at),
            Err(Refusal::Expired)
        );
        assert_eq!(
            read(&text, "croydon-lss", 2000),
            Err(Refusal::OtherProfile("stockton-one-point".into()))
        );
        assert!(matches!(read("{", "x", 0), Err(Refusal::Unreadable(_))));
        assert!(matches!(
            read(r#"{"draftVersion": 9}"#, "x", 0),
            Err(Refusal::Unreadable(_))
        ));
    }

    #[test]
    fn the_text_is_the_drafts_json_without_a_copy_of_its_document() {
        let s01: Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/scenarios/S01-complete-valid.json"
        ))
        .unwrap();
        for key in [(Some("k\"ey".to_owned()), Some(42)), (None, None)] {
            let whole = new("stockton-one-point", s01.clone(), key.clone(), 1000, 30);
            let text = whole.to_text();
            // As the value the derive writes, printed: the format drafts were saved in before.
            assert_eq!(text, sen_core::json::to_value(&whole).to_string());
            let bare = new("stockton-one-point", Value::Null, key, 1000, 30);
            assert_eq!(bare.text_with(&s01), text);
            assert_eq!(read(&text, "stockton-one-point", 2000), Ok(whole));
        }
    }

    #[test]
    fn keys_are_per_profile_and_instance() {
        assert_ne!(storage_key("a", "first"), storage_key("a", "second"));
        assert_ne!(storage_key("a", "form"), storage_key("b", "form"));
    }

    #[test]
    fn imports_exports_and_bare_documents() {
        let d = new("p", json!({"child": {}}), (None, None), 0, 1);
        let text = d.to_text();
        // Saved at 0 with a day to live: an export is loaded whatever its age.
        assert_eq!(import(&text, "p").map(|l| l.kept), Ok(json!({"child": {}})));
        assert_eq!(
            import(r#"{"profile": "p", "sen": {}}"#, "p").map(|l| l.kept),
            Ok(json!({"profile": "p", "sen": {}}))
        );
        assert_eq!(
            import(r#"{"profile": "q"}"#, "p"),
            Err(Refusal::OtherProfile("q".into()))
        );
        assert!(import("[1]", "p").is_err());
        assert!(import("not json", "p").is_err());
    }

    #[test]
    fn an_import_keeps_what_reads_and_names_what_does_not() {
        let l = import(
            r#"{"child": {"legalForename": "Alex", "favouriteColour": "blue", "sex": "X"}}"#,
            "p",
        )
        .unwrap();
        assert_eq!(l.kept, json!({"child": {"legalForename": "Alex"}}));
        let unread: Vec<(&str, &str)> = l
            .unread
            .iter()
            .map(|u| (u.pointer.as_str(), u.text.as_str()))
            .collect();
        assert_eq!(
            unread,
            [("/child/favouriteColour", "blue"), ("/child/sex", "X")]
        );
        // The same inside an exported draft.
        let d = new("p", json!({"sen": {"provision": "Q"}}), (None, None), 0, 1);
        let l = import(&d.to_text(), "p").unwrap();
        assert_eq!(l.kept, json!({"sen": {}}));
        assert_eq!(l.unread.len(), 1);
        // Another schema version is refused as a whole.
        assert!(matches!(
            import(r#"{"schemaVersion": "2.0", "child": {}}"#, "p"),
            Err(Refusal::Unreadable(_))
        ));
    }
}
