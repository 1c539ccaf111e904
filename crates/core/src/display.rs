//! Answers as people read them, on the widget's check-your-answers page and in the evidence
//! pack: labels for codes, Yes and No, pounds and pence, dates in words, what ids refer to by
//! name.

use serde_json::Value;

use crate::cost::money;
use crate::form::{options_for, Options};
use crate::rules::field_specs::Kind;
use crate::text::Catalogue;

/// The functions of this module in the words of a catalogue: `Words(&texts).answer(…)`; the
/// free functions are the same in English.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a>(pub &'a Catalogue);

/// `2016-05-14` → `14 May 2016`; anything else as it is.
pub fn date(text: &str) -> String {
    Words(&Catalogue::english()).date(text)
}

/// The items of a list that other answers refer to by id (outcomes, provision rows, parents,
/// documents), each with the name people know it by: "Outcome 2: By July…", the intervention,
/// "Sam Example (Mother)", the file name. Ids stay in the document.
pub fn references(doc: &Value, list: &str) -> Vec<(String, String)> {
    Words(&Catalogue::english()).references(doc, list)
}

/// What people call item `n` (from 0) of a list.
pub fn item_name(list: &str, n: usize, item: &Value) -> String {
    Words(&Catalogue::english()).item_name(list, n, item)
}

/// A line about one item of a list, for its "add another" summary: what it is and, where it
/// helps, its dates, status, measures or result, in words.
pub fn item_summary(doc: &Value, list: &str, item: &Value) -> String {
    Words(&Catalogue::english()).item_summary(doc, list, item)
}

/// The name of what an id refers to, for reading; outcomes by their number only (their text is
/// shown with them).
pub fn referred(doc: &Value, list: &str, id: &str) -> String {
    Words(&Catalogue::english()).referred(doc, list, id)
}

/// A file's size as people read it: "596 bytes", "12KB", "1.5MB" (megabytes of 1,048,576
/// bytes, to one decimal place, as the size limits are given).
pub fn file_size(bytes: u64) -> String {
    Words(&Catalogue::english()).file_size(bytes)
}

/// An answer for reading, with ids shown as the names of what they refer to.
pub fn answer_in(doc: &Value, pattern: &str, kind: Kind, value: &Value) -> String {
    Words(&Catalogue::english()).answer_in(doc, pattern, kind, value)
}

/// A local authority the profile names, by its name ("Stockton-on-Tees"), where the answer is
/// one's code.
pub fn local_authority(profile: &crate::Profile, pattern: &str, value: &Value) -> Option<String> {
    Words(&Catalogue::english()).local_authority(profile, pattern, value)
}

/// An answer for reading.
pub fn answer(pattern: &str, kind: Kind, value: &Value) -> String {
    Words(&Catalogue::english()).answer(pattern, kind, value)
}

/// The text at a JSON Pointer, trimmed, if there is any.
pub fn text_at(value: &Value, pointer: &str) -> Option<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn text(item: &Value, key: &str) -> Option<String> {
    text_at(item, &format!("/{key}"))
}

/// What people call item `n` (from 0) of a list.
/// A line about one item of a list, for its "add another" summary: what it is and, where it
/// helps, its dates, status, measures or result, in words.
/// The list whose items an answer at this pattern refers to by id.
fn referred_list(pattern: &str) -> Option<&'static str> {
    match options_for(pattern) {
        Some(Options::Outcomes) => Some("/outcomes"),
        Some(Options::ProvisionRows) => Some("/provisionMap/rows"),
        Some(Options::Parents) => Some("/parents"),
        Some(Options::Attachments) => Some("/attachments"),
        _ => None,
    }
}

impl Words<'_> {
    /// A code's label in these words: the catalogue's `code.{List}.{CODE}` whose English is the
    /// label given (English itself needs no look-up).
    fn code_text(&self, code: &str, english: &str) -> String {
        if self.0.overlaid() == 0 {
            return english.to_owned();
        }
        let tail = format!(".{code}");
        crate::text::english_texts()
            .find(|(id, en)| id.starts_with("code.") && id.ends_with(&tail) && *en == english)
            .map_or_else(|| english.to_owned(), |(id, _)| self.0.get(id).to_owned())
    }

    /// [`date`] in these words.
    pub fn date(&self, text: &str) -> String {
        crate::Date::parse(text)
            .map_or_else(|| text.to_owned(), |d| crate::date::human_in(d, self.0))
    }

    /// A code's label for people, in these words.
    pub fn code_label(&self, pattern: &str, code: &str) -> String {
        match options_for(pattern) {
            Some(Options::Codes(codes)) => codes
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(c, l)| self.code_text(c, l))
                .unwrap_or_else(|| code.to_owned()),
            _ => code.to_owned(),
        }
    }

    /// [`references`] in these words.
    pub fn references(&self, doc: &Value, list: &str) -> Vec<(String, String)> {
        let Some(items) = doc.pointer(list).and_then(Value::as_array) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(n, item)| {
                let id = item.get("id")?.as_str()?.to_owned();
                Some((id, self.item_name(list, n, item)))
            })
            .collect()
    }

    /// [`item_name`] in these words.
    pub fn item_name(&self, list: &str, n: usize, item: &Value) -> String {
        let number = n.saturating_add(1);
        match list {
            "/outcomes" => match text(item, "text") {
                Some(t) => self
                    .0
                    .format("display.outcome.named", &[("n", &number), ("text", &t)]),
                None => self.0.format("display.outcome", &[("n", &number)]),
            },
            "/provisionMap/rows" => text(item, "intervention")
                .unwrap_or_else(|| self.0.format("display.provision", &[("n", &number)])),
            "/parents" => {
                let name = [text(item, "forename"), text(item, "surname")]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                let who = if name.is_empty() {
                    self.0.format("display.parent", &[("n", &number)])
                } else {
                    name
                };
                match item.get("relationship").and_then(Value::as_str) {
                    Some(r) => self.0.format(
                        "display.parent.relationship",
                        &[
                            ("who", &who),
                            (
                                "relationship",
                                &self.code_label("/parents/*/relationship", r),
                            ),
                        ],
                    ),
                    None => who,
                }
            }
            "/attachments" => text(item, "filename")
                .unwrap_or_else(|| self.0.format("display.document", &[("n", &number)])),
            _ => match crate::form::LISTS.iter().find(|l| l.pointer == list) {
                Some(l) => self.0.format(
                    &format!("display.list.{}", l.item.replace(' ', "-")),
                    &[("n", &number)],
                ),
                None => self
                    .0
                    .format("display.item", &[("item", &list), ("n", &number)]),
            },
        }
    }

    /// [`item_summary`] in these words.
    pub fn item_summary(&self, doc: &Value, list: &str, item: &Value) -> String {
        let t = |key: &str| text(item, key);
        let d = |key: &str| item.get(key).and_then(Value::as_str).map(|x| self.date(x));
        let code = |key: &str| {
            item.get(key)
                .and_then(Value::as_str)
                .map(|c| self.code_label(&format!("{list}/*/{key}"), c))
        };
        let parts: Vec<String> = match list {
            "/outcomes" => {
                let m = item.get("measure");
                // The number as the document has it (no float formatting in the widget).
                let num = |k: &str| {
                    m.and_then(|m| m.get(k))
                        .filter(|v| v.is_number())
                        .map(Value::to_string)
                };
                let unit = m.and_then(|m| text(m, "unit")).unwrap_or_default();
                let measure = match (num("baseline"), num("target")) {
                    (Some(b), Some(g)) => Some(
                        self.0
                            .format(
                                "display.measure",
                                &[("baseline", &b), ("target", &g), ("unit", &unit)],
                            )
                            .trim_end()
                            .to_owned(),
                    ),
                    _ => None,
                };
                let by = d("byDate").map(|x| self.0.format("display.by", &[("date", &x)]));
                let mut line =
                    vec![t("text").unwrap_or_else(|| self.0.format("display.not-described", &[]))];
                let detail: Vec<String> = [measure, by].into_iter().flatten().collect();
                if !detail.is_empty() {
                    line.push(self.0.format(
                        "display.detail",
                        &[(
                            "detail",
                            &detail.join(&self.0.format("list.separator", &[])),
                        )],
                    ));
                }
                vec![line.join(" ")]
            }
            "/apdrCycles" => {
                let dates = match (
                    d("startDate"),
                    d("actualReviewDate").or_else(|| d("plannedReviewDate")),
                ) {
                    (Some(a), Some(b)) => Some(
                        self.0
                            .format("display.from-to", &[("from", &a), ("to", &b)]),
                    ),
                    (Some(a), None) => Some(self.0.format("display.from", &[("from", &a)])),
                    _ => None,
                };
                let results = item
                    .pointer("/review/outcomeStatus")
                    .and_then(Value::as_object)
                    .map(|m| {
                        m.iter()
                            .filter_map(|(id, s)| {
                                let s = s.as_str()?;
                                Some(
                                    self.0.format(
                                        "display.outcome-result",
                                        &[
                                            ("outcome", &self.referred(doc, "/outcomes", id)),
                                            (
                                                "result",
                                                &self
                                                    .code_label(
                                                        "/apdrCycles/*/review/outcomeStatus",
                                                        s,
                                                    )
                                                    .to_ascii_lowercase(),
                                            ),
                                        ],
                                    ),
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(&self.0.format("list.separator", &[]))
                    })
                    .filter(|r| !r.is_empty());
                [dates, code("status"), results]
                    .into_iter()
                    .flatten()
                    .collect()
            }
            "/assessments" => [
                t("measure"),
                t("value").map(|v| self.0.format("display.result", &[("value", &v)])),
                d("date"),
            ]
            .into_iter()
            .flatten()
            .collect(),
            "/parentMeetings" => [d("date"), t("purpose")].into_iter().flatten().collect(),
            "/specialists" => [t("professionalName"), code("type"), code("status")]
                .into_iter()
                .flatten()
                .collect(),
            "/consents" => {
                let who = item
                    .get("givenByPersonId")
                    .and_then(Value::as_str)
                    .map(|id| {
                        self.0.format(
                            "display.given-by",
                            &[("who", &self.referred(doc, "/parents", id))],
                        )
                    });
                [
                    who,
                    d("date").map(|x| self.0.format("display.on", &[("date", &x)])),
                    code("method"),
                ]
                .into_iter()
                .flatten()
                .collect()
            }
            "/attachments" => [t("filename"), code("type"), d("documentDate")]
                .into_iter()
                .flatten()
                .collect(),
            "/parents" => vec![self.item_name(list, 0, item)],
            "/sen/diagnoses" => [t("condition"), t("diagnosedBy"), d("date")]
                .into_iter()
                .flatten()
                .collect(),
            "/child/previousSettings" => [t("name"), d("from"), d("to")]
                .into_iter()
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        let line = parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(&self.0.format("display.joiner", &[]));
        // An unnamed parent ("Parent or carer 1 (Mother)") is not an answer yet.
        let unnamed = self.0.format("display.parent", &[("n", &"")]);
        if line.is_empty() || line.starts_with(unnamed.trim_end()) {
            self.0.format("display.not-answered", &[])
        } else {
            line
        }
    }

    /// [`referred`] in these words.
    pub fn referred(&self, doc: &Value, list: &str, id: &str) -> String {
        let items = doc.pointer(list).and_then(Value::as_array);
        let found = items.and_then(|items| {
            items
                .iter()
                .enumerate()
                .find(|(_, item)| item.get("id").and_then(Value::as_str) == Some(id))
        });
        match (list, found) {
            ("/outcomes", Some((n, _))) => self
                .0
                .format("display.outcome", &[("n", &n.saturating_add(1))]),
            (_, Some((n, item))) => self.item_name(list, n, item),
            (_, None) => self.0.format("display.not-found", &[]),
        }
    }

    /// [`file_size`] in these words.
    pub fn file_size(&self, bytes: u64) -> String {
        const MIB: u64 = 1024 * 1024;
        if bytes < 1024 {
            self.0
                .plural(i64::try_from(bytes).unwrap_or(i64::MAX), "word.byte")
        } else if bytes < MIB {
            self.0
                .format("display.kilobytes", &[("n", &bytes.div_ceil(1024))])
        } else {
            let tenths = bytes.saturating_mul(10).saturating_add(MIB / 2) / MIB;
            let n = if tenths.is_multiple_of(10) {
                (tenths / 10).to_string()
            } else {
                format!("{}.{}", tenths / 10, tenths % 10)
            };
            self.0.format("display.megabytes", &[("n", &n)])
        }
    }

    /// [`answer_in`] in these words.
    pub fn answer_in(&self, doc: &Value, pattern: &str, kind: Kind, value: &Value) -> String {
        if let Some(list) = referred_list(pattern) {
            let ids: Vec<&str> = match value {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !ids.is_empty() {
                return ids
                    .into_iter()
                    .map(|id| self.referred(doc, list, id))
                    .collect::<Vec<_>>()
                    .join(&self.0.format("list.separator", &[]));
            }
        }
        self.answer(pattern, kind, value)
    }

    pub fn local_authority(
        &self,
        profile: &crate::Profile,
        pattern: &str,
        value: &Value,
    ) -> Option<String> {
        if pattern != "/child/residentLaCode" {
            return None;
        }
        profile
            .local_authority_name(value.as_str()?)
            .map(str::to_owned)
    }

    /// [`answer`] in these words.
    pub fn answer(&self, pattern: &str, kind: Kind, value: &Value) -> String {
        match (kind, value) {
            (_, Value::Bool(b)) => self
                .0
                .format(if *b { "display.yes" } else { "display.no" }, &[]),
            (Kind::Money, Value::Number(n)) => n.as_i64().map(money).unwrap_or_default(),
            (Kind::Date, Value::String(s)) => self.date(s),
            (Kind::Choice | Kind::Choices, Value::String(s)) => self.code_label(pattern, s),
            (_, Value::Array(items)) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) if matches!(kind, Kind::Choice | Kind::Choices) => {
                        self.code_label(pattern, s)
                    }
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(&self.0.format("list.separator", &[])),
            (_, Value::String(s)) => s.clone(),
            (_, Value::Number(n)) => {
                format!("{n}{}", crate::form::unit_of(pattern).unwrap_or_default())
            }
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_answers() {
        assert_eq!(date("2016-05-14"), "14 May 2016");
        assert_eq!(file_size(596), "596 bytes");
        assert_eq!(file_size(1), "1 byte");
        assert_eq!(file_size(1025), "2KB");
        assert_eq!(file_size(10 * 1024 * 1024), "10MB");
        assert_eq!(file_size(1_572_864), "1.5MB");
        assert_eq!(answer("/child/sex", Kind::Choice, &json!("M")), "Male");
        assert_eq!(answer("/x", Kind::YesNo, &json!(true)), "Yes");
        assert_eq!(
            answer("/child/attendancePct12m", Kind::Number, &json!(93.4)),
            "93.4%"
        );
        assert_eq!(
            answer(
                "/setting/notionalSenBudgetPence",
                Kind::Money,
                &json!(600000)
            ),
            "£6,000.00"
        );
        let doc = json!({
            "outcomes": [{"id": "o1", "text": "Read 45 words a minute"}, {"id": "o3"}],
            "parents": [{"id": "p1", "forename": "Sam", "surname": "Example", "relationship": "MOTHER"}],
            "attachments": [{"id": "a5", "filename": "consent-signed.pdf"}]
        });
        assert_eq!(
            answer_in(
                &doc,
                "/provisionMap/rows/*/linkedOutcomeIds",
                Kind::Choices,
                &json!(["o1", "o3"])
            ),
            "Outcome 1, Outcome 2"
        );
        assert_eq!(
            answer_in(
                &doc,
                "/consents/*/givenByPersonId",
                Kind::Choice,
                &json!("p1")
            ),
            "Sam Example (Mother)"
        );
        assert_eq!(
            answer_in(
                &doc,
                "/consents/*/signatureAttachmentId",
                Kind::Text,
                &json!("a5")
            ),
            "consent-signed.pdf"
        );
        let cycle = json!({"startDate": "2024-09-09", "actualReviewDate": "2024-12-13", "status": "COMPLETED",
            "review": {"outcomeStatus": {"o1": "PARTIALLY_ACHIEVED"}}});
        assert_eq!(
            item_summary(&doc, "/apdrCycles", &cycle),
            "9 September 2024 to 13 December 2024 · Completed · Outcome 1: partially achieved"
        );
        let outcome = json!({"text": "Read 45 words a minute", "measure": {"baseline": 32, "target": 45, "unit": "words a minute"}, "byDate": "2024-12-13"});
        assert_eq!(
            item_summary(&doc, "/outcomes", &outcome),
            "Read 45 words a minute (from 32 to 45 words a minute, by 13 December 2024)"
        );
        assert_eq!(
            item_summary(&doc, "/parents", &json!({})),
            "Not answered yet"
        );
        assert_eq!(
            references(&doc, "/outcomes"),
            vec![
                (
                    "o1".to_owned(),
                    "Outcome 1: Read 45 words a minute".to_owned()
                ),
                ("o3".to_owned(), "Outcome 2".to_owned())
            ]
        );
        assert_eq!(
            answer(
                "/requestType",
                Kind::Choices,
                &json!(["TOP_UP_FUNDING", "OUTREACH"])
            ),
            "Top-up funding (Element 3), Outreach support"
        );
    }
}
