//! Sessions a week: a number as typed (`5`, `0.5`, `0.3333`), or a fraction for a frequency a
//! decimal cannot give exactly: `"1/3"` is one session every three weeks, `"1/13"` one a term.

use serde_json::Value;

use crate::json::{At, FromJson, Message, ReadError, ToJson};

/// How many sessions a week a provision row has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SessionsPerWeek {
    /// A number, costed exactly as it was written.
    Number(f64),
    /// `sessions` every `weeks` weeks, written `"1/3"`.
    Fraction { sessions: u32, weeks: u32 },
}

impl From<f64> for SessionsPerWeek {
    fn from(n: f64) -> Self {
        SessionsPerWeek::Number(n)
    }
}

impl SessionsPerWeek {
    /// The number, near enough for comparisons (costs use the exact value: `cost::sessions`).
    pub fn as_f64(&self) -> f64 {
        match *self {
            SessionsPerWeek::Number(n) => n,
            SessionsPerWeek::Fraction { sessions, weeks } => {
                f64::from(sessions) / f64::from(weeks.max(1))
            }
        }
    }

    /// Reads `"1/3"` (spaces allowed around the numbers): whole sessions, 1 or more weeks.
    pub fn parse_fraction(text: &str) -> Option<Self> {
        let (s, w) = text.split_once('/')?;
        let whole = |t: &str| {
            let t = t.trim();
            (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u32>().ok())
                .flatten()
        };
        let (sessions, weeks) = (whole(s)?, whole(w)?);
        (weeks >= 1).then_some(SessionsPerWeek::Fraction { sessions, weeks })
    }
}

impl FromJson for SessionsPerWeek {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        match v {
            Value::Number(_) => f64::from_json(v, at).map(SessionsPerWeek::Number),
            Value::String(t) => Self::parse_fraction(t)
                .ok_or_else(|| ReadError::at(at, Message::new("read.sessions.text"))),
            _ => Err(ReadError::at(
                at,
                Message::new("read.sessions.kind").text("kind", crate::json::kind_of(v)),
            )),
        }
    }
}

impl ToJson for SessionsPerWeek {
    fn to_json(&self) -> Value {
        match *self {
            SessionsPerWeek::Number(n) => n.to_json(),
            SessionsPerWeek::Fraction { sessions, weeks } => {
                Value::String(format!("{sessions}/{weeks}"))
            }
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for SessionsPerWeek {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SessionsPerWeek".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number of sessions a week, or a fraction of whole numbers for a frequency a decimal cannot give exactly: \"1/3\" is one session every three weeks.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*[0-9]+\\s*/\\s*0*[1-9][0-9]*\\s*$" }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_read_and_write_back() {
        assert_eq!(
            SessionsPerWeek::parse_fraction(" 1 / 3 "),
            Some(SessionsPerWeek::Fraction {
                sessions: 1,
                weeks: 3
            })
        );
        for bad in ["1/0", "1.5/3", "/3", "1/", "a/b", "-1/3", "1/3/4"] {
            assert_eq!(SessionsPerWeek::parse_fraction(bad), None, "{bad}");
        }
        let f = SessionsPerWeek::Fraction {
            sessions: 2,
            weeks: 13,
        };
        assert_eq!(f.to_json(), Value::String("2/13".into()));
    }
}
