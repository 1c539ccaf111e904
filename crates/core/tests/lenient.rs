#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Reading a damaged file of answers leniently: random damage never panics, what is kept always
//! reads, and what is reported lies exactly where the damage was.

use proptest::prelude::*;
use sen_core::wire::{application_from_value, read_leniently, UnreadKind};
use serde_json::{Map, Value};

mod common;
use common::{any_json, typed_application};

/// The JSON Pointer of every value in a document (not the document itself).
fn places(v: &Value, here: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let p = format!("{here}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                places(child, &p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{here}/{i}");
                out.push(p.clone());
                places(child, &p, out);
            }
        }
        _ => {}
    }
}

/// One piece of damage: a value replaced by any JSON, or a key no question asks for added to
/// an object.
#[derive(Debug, Clone)]
enum Damage {
    Replace(usize, Value),
    Unknown(usize, String, Value),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any_json()).prop_map(|(i, v)| Damage::Replace(i, v)),
        (any::<usize>(), "zz[a-z]{1,6}", any_json()).prop_map(|(i, k, v)| Damage::Unknown(i, k, v)),
    ]
}

/// Applies the damage; returns the places damaged.
fn apply(doc: &mut Value, damages: &[Damage]) -> Vec<String> {
    let mut damaged = Vec::new();
    for d in damages {
        let mut all = Vec::new();
        places(doc, "", &mut all);
        let objects: Vec<String> = std::iter::once(String::new())
            .chain(all.iter().cloned())
            .filter(|p| doc.pointer(p).is_some_and(Value::is_object))
            .collect();
        match d {
            Damage::Replace(i, v) if !all.is_empty() => {
                let p = all[i % all.len()].clone();
                *doc.pointer_mut(&p).unwrap() = v.clone();
                damaged.push(p);
            }
            Damage::Unknown(i, k, v) => {
                let p = objects[i % objects.len()].clone();
                doc.pointer_mut(&p)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert(k.clone(), v.clone());
                damaged.push(format!("{p}/{k}"));
            }
            Damage::Replace(..) => {}
        }
    }
    damaged
}

fn within(pointer: &str, place: &str) -> bool {
    pointer == place || pointer.starts_with(&format!("{place}/"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn damage_is_reported_where_it_is_and_the_rest_reads(
        doc in typed_application(),
        damages in prop::collection::vec(damage(), 0..6),
    ) {
        prop_assume!(application_from_value(&doc).is_ok());
        let original = doc.clone();
        let mut doc = doc;
        let damaged = apply(&mut doc, &damages);
        let l = read_leniently(&doc).expect("only the schema version or a non-object is refused");
        if let Err(e) = application_from_value(&l.kept) {
            panic!("what was kept does not read: {e}");
        }
        for u in &l.unread {
            prop_assert!(u.kind != UnreadKind::Rest, "{u:?}");
            prop_assert!(
                damaged.iter().any(|d| within(&u.pointer, d)),
                "{} was reported but not damaged ({damaged:?})", u.pointer
            );
            prop_assert!(doc.pointer(&u.pointer).is_some(), "{} is not in the file", u.pointer);
            // A value left out of an object: its place in what is kept is that object, without it.
            let (parent, key) = u.kept_pointer.rsplit_once('/').unwrap();
            if key.parse::<usize>().is_err() {
                let kept_parent = l.kept.pointer(parent);
                prop_assert!(
                    kept_parent.is_some_and(|p| p.is_object() && p.get(key).is_none()),
                    "{} (kept as {}) is not in place in {}", u.pointer, u.kept_pointer, l.kept
                );
            }
        }
        if l.unread.is_empty() {
            prop_assert_eq!(&l.kept, &doc);
        }
        if damaged.is_empty() {
            prop_assert_eq!(&l.kept, &original);
        }
    }

    #[test]
    fn any_object_never_panics_and_what_is_kept_reads(
        entries in prop::collection::btree_map("[a-zA-Z]{1,12}", any_json(), 0..6),
        shaped in common::shaped(),
    ) {
        for doc in [Value::Object(entries.into_iter().collect::<Map<_, _>>()), shaped] {
            if let Ok(l) = read_leniently(&doc) {
                if let Err(e) = application_from_value(&l.kept) {
                    panic!("what was kept does not read: {e}");
                }
                for u in &l.unread {
                    prop_assert!(doc.pointer(&u.pointer).is_some(), "{} is not in the file", u.pointer);
                }
            }
        }
    }

    #[test]
    fn any_json_never_panics(doc in any_json()) {
        let _ = read_leniently(&doc);
    }
}
