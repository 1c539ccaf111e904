//! The core's modules form layers: no import cycle between its top-level modules.
//!
//! Every `.rs` file under `src/` is read as text; each path it names through `crate::`,
//! `sen_core::`, `super::` or `self::` is resolved to the top-level module it lands in (inline
//! `mod x { … }` blocks, `use` groups in braces and the root's re-exports included), which gives
//! one edge per pair of top-level modules. The strongly connected components of that graph
//! (Tarjan) are the cycles; the test fails naming each one with the files and lines that make
//! its edges. The reading is `layers/import_graph.rs`, which the widget's `tests/layers.rs`
//! shares.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "layers/import_graph.rs"]
mod import_graph;

use std::path::Path;

use import_graph::{cycles, describe, graph, remove_crate, write_crate, Grain};

/// The words a path to the core's root starts with.
const ROOT: [&str; 2] = ["crate", "sen_core"];

#[test]
fn no_import_cycle_between_the_cores_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (modules, edges) = graph(&src, &ROOT, Grain::TopLevel);
    assert!(modules.len() > 10, "the core's modules were not found");
    let found = cycles(&modules, &edges);
    let text: String = found.iter().map(|c| describe(c, &edges)).collect();
    assert!(
        found.is_empty(),
        "import cycles between the core's modules:\n{text}"
    );
}

#[test]
fn the_check_finds_a_cycle_and_resolves_paths() {
    // a -> b through a group, b -> c through super:: in a nested file, c -> a through the
    // root's re-export-free path in an inline module; a -> Thing (c) through the re-export.
    let src = write_crate(
        "sen-core-layers",
        &[
            (
                "lib.rs",
                "pub mod a; pub mod b; pub mod c;\npub use c::Thing;\n",
            ),
            (
                "a.rs",
                "use crate::{b::{x, y}, Thing};\n// crate::d::nothing in a comment\nconst S: &str = \"crate::d\";\n",
            ),
            ("b/mod.rs", "mod inner;\n"),
            ("b/inner.rs", "use super::super::c::f;\n"),
            ("c.rs", "mod tests { use super::super::a; }\nfn f() {}\n"),
            ("d.rs", "use self::e;\nmod e {}\n"),
        ],
    );
    let (modules, edges) = graph(&src, &ROOT, Grain::TopLevel);
    let found = cycles(&modules, &edges);
    remove_crate(&src);
    assert_eq!(
        found,
        vec![vec!["a".to_string(), "b".to_string(), "c".to_string()]]
    );
    let a: Vec<&String> = edges["a"].keys().collect();
    assert_eq!(
        a,
        ["b", "c"],
        "a's edges: the group and the re-export, not the comment or string"
    );
    assert!(!edges.contains_key("d"), "self:: stays inside its module");
}
