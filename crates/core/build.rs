//! Compiles the English catalogue (`messages/en.json`) into the core: checked (one JSON object
//! of strings; anything else stops the build with the id at fault), sorted by id and minified
//! into `OUT_DIR/english.json`, which `text` includes and reads once. A generated static table
//! of `(&str, &str)` was measured too: 3.9 KB more gzip in the widget (BENCHMARKS.md).

use std::path::Path;

fn main() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../messages/en.json");
    println!("cargo:rerun-if-changed={}", source.display());
    let text = match std::fs::read_to_string(&source) {
        Ok(t) => t,
        Err(e) => fail(&format!("cannot read {}: {e}", source.display())),
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => fail(&format!("messages/en.json is not JSON: {e}")),
    };
    let Some(object) = value.as_object() else {
        fail("messages/en.json must be one object of texts keyed by id");
    };
    let mut entries: Vec<(&String, &str)> = Vec::new();
    for (id, v) in object {
        match v.as_str() {
            Some(s) => entries.push((id, s)),
            None => fail(&format!(
                "messages/en.json: the text \u{2018}{id}\u{2019} is not a string"
            )),
        }
    }
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let sorted: serde_json::Map<String, serde_json::Value> = entries
        .into_iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.to_owned())))
        .collect();
    let out = serde_json::Value::Object(sorted).to_string();
    let Ok(dir) = std::env::var("OUT_DIR") else {
        fail("OUT_DIR is not set");
    };
    if let Err(e) = std::fs::write(Path::new(&dir).join("english.json"), out) {
        fail(&format!("cannot write the English table: {e}"));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
