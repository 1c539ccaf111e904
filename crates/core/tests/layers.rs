//! The core's modules form layers: no import cycle between its top-level modules.
//!
//! Every `.rs` file under `src/` is read as text; each path it names through `crate::`,
//! `sen_core::`, `super::` or `self::` is resolved to the top-level module it lands in (inline
//! `mod x { … }` blocks, `use` groups in braces and the root's re-exports included), which gives
//! one edge per pair of top-level modules. The strongly connected components of that graph
//! (Tarjan) are the cycles; the test fails naming each one with the files and lines that make
//! its edges.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Where each edge comes from: (file, line) for the first few uses.
type Graph = BTreeMap<String, BTreeMap<String, Vec<(String, usize)>>>;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Punct(char),
    PathSep,
}

/// Tokens with their lines, comments, strings and character literals left out.
fn tokens(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || (next == Some('#') && raw_string_at(&chars, i)))
        {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some('\n') => {
                        line += 1;
                        j += 1;
                    }
                    Some(_) => j += 1,
                }
            }
            i = j;
        } else if c == '"' || (c == 'b' && next == Some('"')) {
            let mut j = if c == 'b' { i + 2 } else { i + 1 };
            while let Some(&d) = chars.get(j) {
                if d == '\\' {
                    j += 2;
                    continue;
                }
                if d == '\n' {
                    line += 1;
                }
                j += 1;
                if d == '"' {
                    break;
                }
            }
            i = j;
        } else if c == '\'' {
            // A character literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while chars.get(j).is_some_and(|&d| d != '\'') {
                    j += 1;
                }
                i = j + 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push((Token::Ident(word), line));
        } else if c == ':' && next == Some(':') {
            out.push((Token::PathSep, line));
            i += 2;
        } else {
            out.push((Token::Punct(c), line));
            i += 1;
        }
    }
    out
}

fn raw_string_at(chars: &[char], i: usize) -> bool {
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

/// The module path a file is: `src/rules/mod.rs` is `rules`, `src/rules/fields.rs` is
/// `rules::fields`, `src/lib.rs` is the root.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first segments of every path named at `at` (which points just past a `::`): one
/// identifier, or each item of a `{…}` group.
fn first_segments(toks: &[(Token, usize)], at: usize) -> Vec<(Vec<String>, usize)> {
    let mut found = Vec::new();
    match toks.get(at) {
        Some((Token::Ident(name), line)) => {
            let mut path = vec![name.clone()];
            let mut j = at + 1;
            while toks.get(j).map(|t| &t.0) == Some(&Token::PathSep) {
                match toks.get(j + 1) {
                    Some((Token::Ident(more), _)) => {
                        path.push(more.clone());
                        j += 2;
                    }
                    Some((Token::Punct('{'), _)) => {
                        for (rest, line) in first_segments(toks, j + 1) {
                            let mut whole = path.clone();
                            whole.extend(rest);
                            found.push((whole, line));
                        }
                        return found;
                    }
                    _ => break,
                }
            }
            found.push((path, *line));
        }
        Some((Token::Punct('{'), _)) => {
            // Each item at depth 1 of the group.
            let mut depth = 0;
            let mut j = at;
            let mut item_start = true;
            while let Some((tok, _)) = toks.get(j) {
                match tok {
                    Token::Punct('{') => {
                        depth += 1;
                        if depth == 1 {
                            item_start = true;
                        }
                    }
                    Token::Punct('}') => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Token::Punct(',') if depth == 1 => item_start = true,
                    Token::Ident(_) if depth == 1 && item_start => {
                        item_start = false;
                        found.extend(first_segments(toks, j));
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {}
    }
    found
}

/// The root's re-exports (`pub use date::Date;` in `lib.rs`): name to module.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let toks = tokens(lib);
    let mut names = BTreeMap::new();
    for i in 0..toks.len() {
        if toks[i].0 == Token::Ident("pub".into())
            && toks.get(i + 1).map(|t| &t.0) == Some(&Token::Ident("use".into()))
        {
            for (path, _) in first_segments(&toks, i + 2) {
                if let (Some(module), Some(name)) = (path.first(), path.last()) {
                    names.insert(name.clone(), module.clone());
                }
            }
        }
    }
    names
}

/// Every edge between top-level modules the sources under `src` make.
fn graph(src: &Path) -> (BTreeSet<String>, Graph) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let reexports = root_reexports(&fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut modules = BTreeSet::new();
    let mut edges: Graph = BTreeMap::new();
    for file in &files {
        let base = module_of(src, file);
        let Some(top) = base.first().cloned() else {
            continue; // lib.rs: the root only declares and re-exports.
        };
        modules.insert(top.clone());
        let text = fs::read_to_string(file).unwrap();
        let toks = tokens(&text);
        let shown = file
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // Inline modules: the path inside `mod x { … }` is the file's plus `x`.
        let mut inline: Vec<(String, i32)> = Vec::new();
        let mut depth = 0;
        let mut i = 0;
        while i < toks.len() {
            let (tok, _) = &toks[i];
            match tok {
                Token::Punct('{') => depth += 1,
                Token::Punct('}') => {
                    depth -= 1;
                    if inline.last().is_some_and(|(_, d)| *d == depth) {
                        inline.pop();
                    }
                }
                Token::Ident(word) if word == "mod" => {
                    if let (Some((Token::Ident(name), _)), Some((Token::Punct('{'), _))) =
                        (toks.get(i + 1), toks.get(i + 2))
                    {
                        inline.push((name.clone(), depth));
                    }
                }
                _ => {}
            }
            let starts_path = i == 0 || toks[i - 1].0 != Token::PathSep;
            if let Token::Ident(word) = tok {
                let mut current: Vec<String> = base.clone();
                current.extend(inline.iter().map(|(n, _)| n.clone()));
                let resolved: Option<(Vec<String>, usize)> = match word.as_str() {
                    "crate" | "sen_core" if starts_path => Some((Vec::new(), i + 1)),
                    "self" if starts_path => Some((current.clone(), i + 1)),
                    "super" if starts_path => {
                        let mut at = current.clone();
                        let mut j = i;
                        while toks.get(j).map(|t| &t.0) == Some(&Token::Ident("super".into()))
                            && toks.get(j + 1).map(|t| &t.0) == Some(&Token::PathSep)
                        {
                            at.pop();
                            j += 2;
                        }
                        Some((at, j.saturating_sub(1)))
                    }
                    _ => None,
                };
                if let Some((prefix, sep)) = resolved {
                    if toks.get(sep).map(|t| &t.0) == Some(&Token::PathSep) {
                        for (rest, line) in first_segments(&toks, sep + 1) {
                            let mut whole = prefix.clone();
                            whole.extend(rest);
                            let Some(first) = whole.first() else { continue };
                            let target = reexports.get(first).cloned().unwrap_or(first.clone());
                            if target != top && target != "self" && target != "super" {
                                let places = edges
                                    .entry(top.clone())
                                    .or_default()
                                    .entry(target)
                                    .or_default();
                                if places.len() < 3 {
                                    places.push((shown.clone(), line));
                                }
                            }
                        }
                    }
                }
            }
            i += 1;
        }
    }
    // Only edges to modules that exist (not `crate::Something` the root re-exports under
    // another name, nor a macro's helper).
    for targets in edges.values_mut() {
        targets.retain(|t, _| modules.contains(t));
    }
    (modules, edges)
}

/// Tarjan's strongly connected components of more than one module.
fn cycles(modules: &BTreeSet<String>, edges: &Graph) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a Graph,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on_stack: BTreeSet<String>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit(s: &mut State, v: &str) {
        s.index.insert(v.to_string(), s.next);
        s.low.insert(v.to_string(), s.next);
        s.next += 1;
        s.stack.push(v.to_string());
        s.on_stack.insert(v.to_string());
        let targets: Vec<String> = s
            .edges
            .get(v)
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default();
        for w in targets {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let low = s.low[v].min(s.low[&w]);
                s.low.insert(v.to_string(), low);
            } else if s.on_stack.contains(&w) {
                let low = s.low[v].min(s.index[&w]);
                s.low.insert(v.to_string(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                let done = w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for m in modules {
        if !s.index.contains_key(m) {
            visit(&mut s, m);
        }
    }
    s.found.sort();
    s.found
}

fn describe(component: &[String], edges: &Graph) -> String {
    let mut text = format!("cycle: {}\n", component.join(", "));
    for from in component {
        for (to, places) in edges.get(from).into_iter().flatten() {
            if component.contains(to) {
                let at: Vec<String> = places.iter().map(|(f, l)| format!("{f}:{l}")).collect();
                text.push_str(&format!("  {from} -> {to} ({})\n", at.join(", ")));
            }
        }
    }
    text
}

#[test]
fn no_import_cycle_between_the_cores_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (modules, edges) = graph(&src);
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
    let dir = std::env::temp_dir().join(format!("sen-core-layers-{}", std::process::id()));
    let src = dir.join("src");
    fs::create_dir_all(src.join("b")).unwrap();
    fs::write(
        src.join("lib.rs"),
        "pub mod a; pub mod b; pub mod c;\npub use c::Thing;\n",
    )
    .unwrap();
    // a -> b through a group, b -> c through super:: in a nested file, c -> a through the
    // root's re-export-free path in an inline module; a -> Thing (c) through the re-export.
    fs::write(
        src.join("a.rs"),
        "use crate::{b::{x, y}, Thing};\n// crate::d::nothing in a comment\nconst S: &str = \"crate::d\";\n",
    )
    .unwrap();
    fs::write(src.join("b/mod.rs"), "mod inner;\n").unwrap();
    fs::write(src.join("b/inner.rs"), "use super::super::c::f;\n").unwrap();
    fs::write(
        src.join("c.rs"),
        "mod tests { use super::super::a; }\nfn f() {}\n",
    )
    .unwrap();
    fs::write(src.join("d.rs"), "use self::e;\nmod e {}\n").unwrap();
    let (modules, edges) = graph(&src);
    let found = cycles(&modules, &edges);
    fs::remove_dir_all(&dir).unwrap();
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
