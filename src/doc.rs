//! The application document the widget holds, as a JSON value, and the few edits a form makes
//! to it: read, write or remove the value at a JSON Pointer, add and remove list items. Empty
//! objects left behind by a removal are pruned, so clearing an answer gives the same document
//! as never answering it. Pure, so it is tested natively.

use serde_json::{Map, Value};

/// The segments of a JSON Pointer, unescaped (`~1` → `/`, `~0` → `~`).
fn segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The value at a pointer, if any.
pub fn get<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    doc.pointer(pointer)
}

/// The text at a pointer ("" when absent or not text).
pub fn text(doc: &Value, pointer: &str) -> String {
    match get(doc, pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Writes a value at a pointer, creating objects on the way. List items must exist already;
/// a write into a missing item does nothing.
pub fn set(doc: &mut Value, pointer: &str, value: Value) {
    let segs = segments(pointer);
    let Some((last, parents)) = segs.split_last() else {
        *doc = value;
        return;
    };
    let mut at = doc;
    for seg in parents {
        at = match at {
            Value::Object(map) => map
                .entry(seg.clone())
                .or_insert_with(|| Value::Object(Map::new())),
            Value::Array(items) => match seg.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(item) => item,
                None => return,
            },
            other => {
                *other = Value::Object(Map::new());
                match other {
                    Value::Object(map) => map
                        .entry(seg.clone())
                        .or_insert_with(|| Value::Object(Map::new())),
                    _ => return,
                }
            }
        };
    }
    match at {
        Value::Object(map) => {
            map.insert(last.clone(), value);
        }
        Value::Array(items) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                *slot = value;
            }
        }
        other => {
            let mut map = Map::new();
            map.insert(last.clone(), value);
            *other = Value::Object(map);
        }
    }
}

/// Removes the value at a pointer and prunes objects it leaves empty (not list items).
pub fn remove(doc: &mut Value, pointer: &str) {
    let segs = segments(pointer);
    remove_in(doc, &segs);
}

fn remove_in(at: &mut Value, segs: &[String]) {
    let Some((first, rest)) = segs.split_first() else {
        return;
    };
    match at {
        Value::Object(map) => {
            if rest.is_empty() {
                map.remove(first);
                return;
            }
            let now_empty = match map.get_mut(first) {
                Some(child) => {
                    remove_in(child, rest);
                    matches!(child, Value::Object(m) if m.is_empty())
                }
                None => false,
            };
            if now_empty {
                map.remove(first);
            }
        }
        Value::Array(items) => {
            if let Some(child) = first.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                remove_in(child, rest);
            }
        }
        _ => {}
    }
}

/// Writes text, or removes the answer when the text is blank.
pub fn set_text(doc: &mut Value, pointer: &str, text: &str) {
    if text.trim().is_empty() {
        remove(doc, pointer);
    } else {
        set(doc, pointer, Value::String(text.to_owned()));
    }
}

/// The number of items in the list at a pointer.
pub fn len(doc: &Value, pointer: &str) -> usize {
    get(doc, pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// Appends an item to the list at a pointer (creating the list) and returns its index.
pub fn push(doc: &mut Value, pointer: &str, item: Value) -> usize {
    let n = len(doc, pointer);
    if n == 0 {
        set(doc, pointer, Value::Array(vec![item]));
        return 0;
    }
    if let Some(Value::Array(items)) = doc.pointer_mut(pointer) {
        items.push(item);
    }
    n
}

/// Removes item `index` of the list at a pointer; an emptied list is removed.
pub fn remove_item(doc: &mut Value, pointer: &str, index: usize) {
    let emptied = match doc.pointer_mut(pointer) {
        Some(Value::Array(items)) if index < items.len() => {
            items.remove(index);
            items.is_empty()
        }
        _ => false,
    };
    if emptied {
        remove(doc, pointer);
    }
}

/// The next free id with a prefix in a list whose items have `id`s: `o1`, `o2`, …
pub fn next_id(doc: &Value, pointer: &str, prefix: &str) -> String {
    let highest = get(doc, pointer)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("id").and_then(Value::as_str))
                .filter_map(|id| id.strip_prefix(prefix))
                .filter_map(|n| n.parse::<u32>().ok())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    format!("{prefix}{}", highest.saturating_add(1))
}

/// A pointer's key after removing item `index` of `list`: keys inside that item are dropped
/// (`None`), keys inside later items move down by one, others stay.
pub fn shift_after_removal(key: &str, list: &str, index: usize) -> Option<String> {
    let Some(rest) = key.strip_prefix(list).and_then(|r| r.strip_prefix('/')) else {
        return Some(key.to_owned());
    };
    let (n, tail) = rest.split_once('/').unwrap_or((rest, ""));
    let Ok(n) = n.parse::<usize>() else {
        return Some(key.to_owned());
    };
    match n.cmp(&index) {
        std::cmp::Ordering::Less => Some(key.to_owned()),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => {
            let sep = if tail.is_empty() { "" } else { "/" };
            Some(format!("{list}/{}{sep}{tail}", n.saturating_sub(1)))
        }
    }
}

/// A pointer as an element id, unique within one widget: `/child/dob` → `f-child-dob`.
pub fn field_id(pointer: &str) -> String {
    let mut id = String::from("f");
    for c in pointer.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_and_remove_prune_empty_objects() {
        let mut d = json!({});
        set(&mut d, "/setting/senco/name", json!("Jo"));
        assert_eq!(d, json!({"setting": {"senco": {"name": "Jo"}}}));
        set_text(&mut d, "/setting/senco/name", "  ");
        assert_eq!(d, json!({}));
    }

    #[test]
    fn lists() {
        let mut d = json!({});
        assert_eq!(push(&mut d, "/outcomes", json!({"id": "o1"})), 0);
        assert_eq!(push(&mut d, "/outcomes", json!({"id": "o2"})), 1);
        assert_eq!(next_id(&d, "/outcomes", "o"), "o3");
        set(&mut d, "/outcomes/1/text", json!("Read"));
        set(&mut d, "/outcomes/7/text", json!("ignored"));
        assert_eq!(len(&d, "/outcomes"), 2);
        remove_item(&mut d, "/outcomes", 0);
        assert_eq!(d, json!({"outcomes": [{"id": "o2", "text": "Read"}]}));
        remove_item(&mut d, "/outcomes", 0);
        assert_eq!(d, json!({}));
    }

    #[test]
    fn keys_shift_when_an_item_goes() {
        assert_eq!(
            shift_after_removal("/outcomes/0/text", "/outcomes", 1).as_deref(),
            Some("/outcomes/0/text")
        );
        assert_eq!(
            shift_after_removal("/outcomes/1/text", "/outcomes", 1),
            None
        );
        assert_eq!(
            shift_after_removal("/outcomes/3/text", "/outcomes", 1).as_deref(),
            Some("/outcomes/2/text")
        );
        assert_eq!(
            shift_after_removal("/child/dob", "/outcomes", 1).as_deref(),
            Some("/child/dob")
        );
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(
            field_id("/provisionMap/rows/3/hourlyRatePence"),
            "f-provisionMap-rows-3-hourlyRatePence"
        );
    }
}
