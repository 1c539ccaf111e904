//! The writing half: [`ToJson`] for the leaf types, and the helper derived code calls.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// A type written as a JSON value.
pub trait ToJson {
    fn to_json(&self) -> Value;

    /// Whether a field holding this is left out (an absent optional answer).
    fn is_absent(&self) -> bool {
        false
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}
numbers!(i64, i32, u8, u16, u32, u64, usize, f64);

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_json)
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(T::to_json).collect())
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}

/// Puts a field into an object, leaving absent answers out. Through `dyn` so that each field
/// costs a call, not a copy of its writer.
#[inline(never)]
pub fn put(map: &mut Map<String, Value>, key: &str, value: &dyn ToJson) {
    if !value.is_absent() {
        map.insert(key.to_owned(), value.to_json());
    }
}
