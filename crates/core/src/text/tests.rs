use std::collections::BTreeMap;

use super::*;

#[test]
fn fills_named_placeholders() {
    assert_eq!(
        fill("Select who gave consent {n}", &[("n", &2)]),
        "Select who gave consent 2"
    );
    assert_eq!(
        fill("{a} and {b}, {a}", &[("a", &"x"), ("b", &"y")]),
        "x and y, x"
    );
    // Not placeholders: left as written.
    assert_eq!(fill("{} {a b} {", &[]), "{} {a b} {");
    assert_eq!(fill("{missing}", &[]), "{missing}");
    assert_eq!(fill("é{n}é", &[("n", &1)]), "é1é");
    assert_eq!(placeholders("{n} of {m} {n}"), vec!["n", "m"]);
}

#[test]
fn english_table_is_sorted_and_unique() {
    assert!(english_table().windows(2).all(|w| match w {
        [a, b] => a.0 < b.0,
        _ => true,
    }));
    for (id, text) in english_texts() {
        assert_eq!(english(id), Some(text));
    }
    assert_eq!(english("no.such.text"), None);
}

#[test]
fn overlays_win_text_by_text_and_fall_back_to_english() {
    let (id, en) = english_texts().next().unwrap();
    let other = english_texts().nth(1).unwrap();
    let json = serde_json::json!({ id: "Testun" }).to_string();
    let c = Catalogue::english().with_json(&json).unwrap();
    assert_eq!(c.get(id), "Testun");
    assert_eq!(c.get(other.0), other.1);
    assert_ne!(en, "Testun");
    let mut texts = BTreeMap::new();
    texts.insert(id.to_owned(), "Profile".to_owned());
    let c = c.with_texts(&texts).unwrap();
    assert_eq!(c.get(id), "Profile");
    assert_eq!(Catalogue::english().get("no.such.text"), "no.such.text");
}

#[test]
fn bad_overlays_are_refused_with_the_id() {
    let (id, _) = english_texts().next().unwrap();
    let e = Catalogue::english().with_json("not json").unwrap_err();
    assert_eq!(e.id, "");
    assert!(
        e.to_string().starts_with("the texts could not be read"),
        "{e}"
    );
    assert!(Catalogue::english().with_json("[1]").is_err());
    let e = Catalogue::english()
        .with_json(&serde_json::json!({ id: 3 }).to_string())
        .unwrap_err();
    assert_eq!(e.id, id);
    assert_eq!(e.problem, "must be text");
    let e = Catalogue::english()
        .with_json(&serde_json::json!({ id: "x {nope}" }).to_string())
        .unwrap_err();
    assert_eq!(e.id, id);
    assert!(e.to_string().contains("{nope}"), "{e}");
    let e = Catalogue::english()
        .with_json(r#"{"no.such.text": "x"}"#)
        .unwrap_err();
    assert_eq!(e.id, "no.such.text");
    let e = Catalogue::english()
        .with_json(&format!(r#"{{"{id}": "a", "{id}": "b"}}"#))
        .unwrap_err();
    assert!(e.to_string().contains("twice"), "{e}");
}

#[test]
fn pseudo_texts_are_accented_longer_and_keep_placeholders() {
    let p = pseudo_localise("Select who gave consent {n}");
    assert!(p.starts_with("[Šéļéçţ ŵĥö ĝáṽé çöñšéñţ {n} "), "{p}");
    assert!(p.ends_with('\u{b7}') || p.ends_with(']'));
    let grown = p.chars().count() as f64 / "Select who gave consent {n}".len() as f64;
    assert!((1.35..=1.5).contains(&grown), "{grown}");
    assert_eq!(placeholders(&p), vec!["n"]);
    assert!(!p.chars().any(|c| c.is_ascii_alphabetic() && c != 'n'));
    assert_eq!(pseudo_localise(""), "");
    assert_eq!(pseudo_localise("a"), "[á \u{b7}]");
}
