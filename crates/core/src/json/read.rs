//! The reading half: [`FromJson`] for the leaf types, and the helpers derived code calls.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{kind_of, At, Message, ReadError};

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError>;

    /// The keys of the objects this type is read from, as `(Rust name, wire name)`: a struct's
    /// fields in declaration order, then the keys of each field's type (derived; a list, an
    /// optional value or a map has its items' keys, a leaf none).
    fn keys(_out: &mut Vec<(&'static str, &'static str)>) {}
}

/// "expected {expected}, not {kind}": `expected` is the catalogue id of what was wanted.
fn wrong(v: &Value, at: At<'_>, expected: &'static str) -> ReadError {
    ReadError::at(
        at,
        Message::new("read.expected")
            .text("expected", Message::new(expected))
            .text("kind", kind_of(v)),
    )
}

impl FromJson for String {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| wrong(v, at, "read.kind.text"))
    }
}

impl FromJson for bool {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        v.as_bool().ok_or_else(|| wrong(v, at, "read.kind.bool"))
    }
}

/// A whole number in `i64`, however it is written (`30`, `-0`, `30.0`, `3e1`); a fraction or a
/// number too large is refused.
fn whole(v: &Value, at: At<'_>) -> Result<i64, ReadError> {
    let Value::Number(n) = v else {
        return Err(wrong(v, at, "read.kind.whole"));
    };
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    let f = n.as_f64().filter(|_| n.is_f64());
    match f {
        Some(f) if f.fract() != 0.0 => Err(ReadError::at(at, Message::new("read.fraction"))),
        // Within i64's range (−2^63 ≤ f < 2^63), so the cast is exact.
        Some(f) if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) => {
            Ok(f as i64)
        }
        _ => Err(ReadError::at(at, Message::new("read.too-large"))),
    }
}

impl FromJson for i64 {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        whole(v, at)
    }
}

/// Whole numbers of narrower types: out of range is an error, not a wrap.
macro_rules! narrow_whole {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
                let n = whole(v, at)?;
                <$t>::try_from(n).map_err(|_| {
                    ReadError::at(
                        at,
                        Message::new("read.range")
                            .data("min", <$t>::MIN)
                            .data("max", <$t>::MAX),
                    )
                })
            }
        }
    )*};
}
narrow_whole!(u8, u16, u32, u64, usize, i32);

impl FromJson for f64 {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        v.as_f64().ok_or_else(|| wrong(v, at, "read.kind.number"))
    }
}

/// Any JSON, kept as it is (a document held inside another).
impl FromJson for Value {
    fn from_json(v: &Value, _: At<'_>) -> Result<Self, ReadError> {
        Ok(v.clone())
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        if v.is_null() {
            Ok(None)
        } else {
            T::from_json(v, at).map(Some)
        }
    }

    fn keys(out: &mut Vec<(&'static str, &'static str)>) {
        T::keys(out);
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        let items = v.as_array().ok_or_else(|| wrong(v, at, "read.kind.list"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_json(item, At::Index(&at, i)))
            .collect()
    }

    fn keys(out: &mut Vec<(&'static str, &'static str)>) {
        T::keys(out);
    }
}

/// An object whose keys are read as `K` (text, or a code).
impl<K: FromJson + Ord, T: FromJson> FromJson for BTreeMap<K, T> {
    fn from_json(v: &Value, at: At<'_>) -> Result<Self, ReadError> {
        let map = object(v, at)?;
        // Inserted one by one: collecting would sort first, a copy of the sort per map type.
        let mut out = BTreeMap::new();
        for (k, item) in map {
            let here = At::Key(&at, k);
            let key = K::from_json(&Value::String(k.clone()), here)?;
            out.insert(key, T::from_json(item, here)?);
        }
        Ok(out)
    }

    fn keys(out: &mut Vec<(&'static str, &'static str)>) {
        T::keys(out);
    }
}

/// The object a struct is read from.
pub fn object<'v>(v: &'v Value, at: At<'_>) -> Result<&'v Map<String, Value>, ReadError> {
    v.as_object()
        .ok_or_else(|| wrong(v, at, "read.kind.object"))
}

/// The catalogue id of the message about a key the struct does not have.
pub const UNKNOWN_FIELD: &str = "read.unknown-field";

/// A key the struct does not have.
pub fn unknown(at: At<'_>, key: &str) -> ReadError {
    ReadError::at(at, Message::new(UNKNOWN_FIELD).data("key", key))
}

/// A field of a struct being filled in: what derived code reads a present value into. Through
/// `dyn` so that each field costs a call, not a copy of its reader.
pub trait Fill {
    fn fill(&mut self, v: &Value, at: At<'_>) -> Result<(), ReadError>;
}

impl<T: FromJson> Fill for T {
    fn fill(&mut self, v: &Value, at: At<'_>) -> Result<(), ReadError> {
        *self = T::from_json(v, at)?;
        Ok(())
    }
}

/// Reads a present value into its field. Never inlined: inlined, the compiler would see through
/// the `dyn` and copy every field's reader into its struct's.
#[inline(never)]
pub fn fill(slot: &mut dyn Fill, v: &Value, at: At<'_>) -> Result<(), ReadError> {
    slot.fill(v, at)
}

/// A required field's value, or the error that it is missing.
pub fn required<T>(value: Option<T>, key: &str, at: At<'_>) -> Result<T, ReadError> {
    value.ok_or_else(|| ReadError::at(At::Key(&at, key), Message::new("read.required")))
}

/// The position of a text value among `names` (a code list or a unit enum).
pub fn choice(v: &Value, at: At<'_>, names: &[&str]) -> Result<usize, ReadError> {
    let text = v.as_str().ok_or_else(|| wrong(v, at, "read.kind.text"))?;
    names.iter().position(|n| *n == text).ok_or_else(|| {
        let shown: String = text.chars().take(40).collect();
        let list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        ReadError::at(
            at,
            Message::new("read.not-one-of")
                .data("value", shown)
                .data("choices", list),
        )
    })
}
