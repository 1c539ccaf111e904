//! A crate's import graph, read from its sources as text, and the cycles in it. Shared by the
//! layer tests of the core (`crates/core/tests/layers.rs`) and of the widget
//! (`tests/layers.rs`), which include this file with `#[path = …] mod import_graph;`.
//!
//! Every `.rs` file under `src/` is read as text; each path it names through `crate::` (or the
//! crate's own name), `super::` or `self::` is resolved to the module it lands in (inline
//! `mod x { … }` blocks, `use` groups in braces and the root's re-exports included), which gives
//! one edge per pair of modules. How fine a module is, is the caller's choice (`Grain`). The
//! strongly connected components of that graph (Tarjan) are the cycles, each described with the
//! files and lines that make its edges.

// Each test that includes this file uses only part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Where each edge comes from: (file, line) for the first few uses.
pub type Graph = BTreeMap<String, BTreeMap<String, Vec<(String, usize)>>>;

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Ident(String),
    Punct(char),
    PathSep,
}

/// Tokens with their lines, comments, strings and character literals left out.
pub fn tokens(source: &str) -> Vec<(Token, usize)> {
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

/// Every `.rs` file under `dir`, in order.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

/// The root's re-exports (`pub use date::Date;` in `lib.rs`): name to the module path it
/// comes from.
fn root_reexports(lib: &str) -> BTreeMap<String, Vec<String>> {
    let toks = tokens(lib);
    let mut names = BTreeMap::new();
    for i in 0..toks.len() {
        if toks[i].0 == Token::Ident("pub".into())
            && toks.get(i + 1).map(|t| &t.0) == Some(&Token::Ident("use".into()))
        {
            for (mut path, _) in first_segments(&toks, i + 2) {
                if let Some(name) = path.pop() {
                    if !path.is_empty() {
                        names.insert(name, path);
                    }
                }
            }
        }
    }
    names
}

/// How fine the graph's modules are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    /// Top-level modules: `crate::rules::fields::x` lands in `rules`, and every file under
    /// `src/rules/` is `rules`.
    TopLevel,
    /// Files: each `.rs` file is a module of its own (a `mod.rs` is its folder's), and a path
    /// lands in the longest module it names: `crate::drafts::store::Where` in `drafts::store`,
    /// `crate::drafts::Thing` in `drafts`.
    Files,
}

/// The graph's name of the module at `path` (`None` for the root, or for a path that names no
/// module of the crate: a macro's helper, say).
fn node(path: &[String], grain: Grain, known: &BTreeSet<Vec<String>>) -> Option<String> {
    match grain {
        Grain::TopLevel => path
            .first()
            .filter(|first| known.contains(&vec![(*first).clone()]))
            .cloned(),
        Grain::Files => (1..=path.len())
            .rev()
            .map(|n| &path[..n])
            .find(|prefix| known.contains(*prefix))
            .map(|prefix| prefix.join("::")),
    }
}

/// Every module of the crate whose sources are under `src` (`lib.rs` its root), and every edge
/// between them its sources make. `names` are the words a path to the crate's root starts with
/// (`crate`, and the crate's own name where its files use it).
pub fn graph(src: &Path, names: &[&str], grain: Grain) -> (BTreeSet<String>, Graph) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let reexports = root_reexports(&fs::read_to_string(src.join("lib.rs")).unwrap());
    let known: BTreeSet<Vec<String>> = files
        .iter()
        .map(|f| module_of(src, f))
        .filter(|m| !m.is_empty())
        .collect();
    let mut modules = BTreeSet::new();
    let mut edges: Graph = BTreeMap::new();
    for file in &files {
        let base = module_of(src, file);
        let Some(from) = node(&base, grain, &known) else {
            continue; // lib.rs: the root only declares and re-exports.
        };
        modules.insert(from.clone());
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
                    w if starts_path && names.contains(&w) => Some((Vec::new(), i + 1)),
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
                            if let Some(module) = reexports.get(first) {
                                whole.splice(..1, module.iter().cloned());
                            }
                            let Some(target) = node(&whole, grain, &known) else {
                                continue;
                            };
                            if target != from {
                                let places = edges
                                    .entry(from.clone())
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
    (modules, edges)
}

/// Tarjan's strongly connected components of more than one module.
pub fn cycles(modules: &BTreeSet<String>, edges: &Graph) -> Vec<Vec<String>> {
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

pub fn describe(component: &[String], edges: &Graph) -> String {
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

/// A small crate's sources written to a new temporary directory, for testing this reading:
/// `files` are (path under `src/`, text). Returns that `src`; `remove_crate` deletes it all.
pub fn write_crate(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let src = std::env::temp_dir()
        .join(format!("{name}-{}", std::process::id()))
        .join("src");
    for (path, text) in files {
        let at = src.join(path);
        fs::create_dir_all(at.parent().unwrap()).unwrap();
        fs::write(at, text).unwrap();
    }
    src
}

/// Deletes what `write_crate` wrote.
pub fn remove_crate(src: &Path) {
    fs::remove_dir_all(src.parent().unwrap()).unwrap();
}
