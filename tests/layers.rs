//! The widget's modules form layers: no import cycle between them.
//!
//! The same reading of the sources as the core's layer test (`import_graph.rs`, shared with
//! `crates/core/tests/layers.rs`), with **each file a module**: `src/drafts/store.rs` is
//! `drafts::store`, `src/components/mod.rs` is `components`, and a path lands in the longest
//! module it names (`crate::drafts::store::Where` in `drafts::store`). So `drafts::driver` may
//! use `state` while `state` uses `drafts::draft`, but no file may reach, through any chain of
//! `crate::`, `super::` and `self::` paths, back to itself. The test fails naming each cycle
//! with the files and lines that make its edges.
//!
//! A method call names no module: the `impl Form` blocks that files above `state` add (the
//! drafts driver's saving, the tabs' choices) are called with method syntax, which the graph
//! cannot see. So a second test holds `state.rs` to calling none of them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "../crates/core/tests/layers/import_graph.rs"]
mod import_graph;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use import_graph::{
    cycles, describe, graph, remove_crate, rust_files, tokens, write_crate, Grain, Token,
};

/// The words a path to the widget's root starts with.
const ROOT: [&str; 2] = ["crate", "sen_support_form"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_import_cycle_between_the_widgets_modules() {
    let (modules, edges) = graph(&src(), &ROOT, Grain::Files);
    assert!(modules.len() > 40, "the widget's modules were not found");
    assert!(
        modules.contains("state") && modules.contains("components::radios"),
        "files are modules"
    );
    let found = cycles(&modules, &edges);
    let text: String = found.iter().map(|c| describe(c, &edges)).collect();
    assert!(
        found.is_empty(),
        "import cycles between the widget's modules:\n{text}"
    );
}

/// The methods an `impl Form { … }` block in `text` defines.
fn methods_of_form(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < toks.len() {
        let opens = toks[i].0 == Token::Ident("impl".into())
            && toks[i + 1].0 == Token::Ident("Form".into())
            && toks[i + 2].0 == Token::Punct('{');
        if !opens {
            i += 1;
            continue;
        }
        let mut depth = 0;
        let mut j = i + 2;
        while let Some((tok, _)) = toks.get(j) {
            match tok {
                Token::Punct('{') => depth += 1,
                Token::Punct('}') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Token::Ident(word) if word == "fn" && depth == 1 => {
                    if let Some((Token::Ident(name), _)) = toks.get(j + 1) {
                        found.push(name.clone());
                    }
                }
                _ => {}
            }
            j += 1;
        }
        i = j;
    }
    found
}

/// The methods `text` calls (`.name(`), with their lines.
fn method_calls(text: &str) -> Vec<(String, usize)> {
    let toks = tokens(text);
    toks.windows(3)
        .filter_map(|w| match (&w[0].0, &w[1], &w[2].0) {
            (Token::Punct('.'), (Token::Ident(name), line), Token::Punct('(')) => {
                Some((name.clone(), *line))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn state_calls_no_method_the_layers_above_it_add() {
    let src = src();
    let state = src.join("state.rs");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let above: BTreeSet<String> = files
        .iter()
        .filter(|f| **f != state)
        .flat_map(|f| methods_of_form(&fs::read_to_string(f).unwrap()))
        .collect();
    let own = methods_of_form(&fs::read_to_string(&state).unwrap());
    assert!(
        own.contains(&"write".to_string()),
        "state's methods were not found"
    );
    let calls: Vec<String> = method_calls(&fs::read_to_string(&state).unwrap())
        .into_iter()
        .filter(|(name, _)| above.contains(name))
        .map(|(name, line)| format!("state.rs:{line}: .{name}()"))
        .collect();
    assert!(
        calls.is_empty(),
        "state.rs calls methods that modules above it add to Form ({above:?}):\n{}",
        calls.join("\n")
    );
}

#[test]
fn files_are_modules_and_cycles_inside_a_folder_are_found() {
    // a::x -> a::y through super::, a::y -> a::x through crate:: and a group; b -> a through
    // a name a's mod.rs declares itself; a::y -> b through the root's re-export; b's self::
    // path stays in b (an inline module is no file). By top-level modules, a and b would be
    // the cycle instead.
    let src = write_crate(
        "sen-widget-layers",
        &[
            ("lib.rs", "pub mod a; pub mod b;\npub use b::Thing;\n"),
            ("a/mod.rs", "pub mod x; pub mod y;\npub struct Here;\n"),
            ("a/x.rs", "use super::y::g;\npub fn f() {}\n"),
            ("a/y.rs", "use crate::{a::x::{self, f}, Thing};\npub fn g() {}\n"),
            (
                "b.rs",
                "use crate::a::Here;\nuse self::inner::T;\nmod inner { pub struct T; }\npub struct Thing;\n",
            ),
        ],
    );
    let (modules, edges) = graph(&src, &ROOT, Grain::Files);
    let (top, top_edges) = graph(&src, &ROOT, Grain::TopLevel);
    remove_crate(&src);
    assert_eq!(
        modules.iter().map(String::as_str).collect::<Vec<_>>(),
        ["a", "a::x", "a::y", "b"]
    );
    assert_eq!(
        cycles(&modules, &edges),
        vec![vec!["a::x".to_string(), "a::y".to_string()]]
    );
    let y: Vec<&String> = edges["a::y"].keys().collect();
    assert_eq!(y, ["a::x", "b"], "a group, and the root's re-export");
    let b: Vec<&String> = edges["b"].keys().collect();
    assert_eq!(b, ["a"], "a name in a folder's mod.rs lands in the folder");
    assert_eq!(
        cycles(&top, &top_edges),
        vec![vec!["a".to_string(), "b".to_string()]],
        "by top-level modules"
    );
}
