//! Builds the widget's stylesheet: govuk-frontend's compiled CSS (from the npm package, not
//! rewritten by hand) made to work inside a shadow root, followed by the widget's own rules.
//!
//! - `rem` → `px` (×16): `rem` follows the host page's root font size, which a widget cannot
//!   reset; `px` keeps GOV.UK sizes whatever the council's page does.
//! - `:root` → `:host`: the custom properties live on the widget's host element.
//! - `@font-face` and `@charset` dropped: fonts are not loaded inside shadow trees, and the
//!   GDS Transport font is licensed for GOV.UK only; text falls back to Arial as GOV.UK's
//!   own stack says.

// Build-time code over the npm package's stylesheet, not user data.
#![allow(clippy::indexing_slicing, clippy::string_slice)]

use std::path::Path;

const GOVUK_CSS: &str = "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css";
const WIDGET_CSS: &str = "src/style/widget.css";

fn main() {
    println!("cargo:rerun-if-changed={GOVUK_CSS}");
    println!("cargo:rerun-if-changed={WIDGET_CSS}");
    println!("cargo:rerun-if-changed=build.rs");
    // The override classes kept are those the source uses.
    println!("cargo:rerun-if-changed=src");
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_owned());
    let read = |rel: &str| {
        std::fs::read_to_string(Path::new(&root).join(rel)).unwrap_or_else(|e| {
            eprintln!(
                "cannot read {rel}: {e}\nRun scripts/setup.sh (it runs `npm ci`) before building the widget."
            );
            std::process::exit(1)
        })
    };
    let govuk = read(GOVUK_CSS);
    let widget = read(WIDGET_CSS);
    let overrides = used_overrides(Path::new(&root));
    let css = format!(
        "{}\n{}",
        for_shadow_root(&govuk, &overrides),
        minify(&widget)
    );
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    if let Err(e) = std::fs::write(Path::new(&out).join("widget.css"), css) {
        eprintln!("cannot write the stylesheet: {e}");
        std::process::exit(1)
    }
}

/// govuk-frontend components the widget never renders: their rules are left out of the
/// stylesheet (every selector of a rule must name one of them for the rule to go).
const UNUSED_COMPONENTS: &[&str] = &[
    "govuk-accordion",
    "govuk-breadcrumbs",
    "govuk-cookie-banner",
    "govuk-exit-this-page",
    "govuk-feedback",
    // The enhanced upload (govuk-frontend's JavaScript); the plain `.govuk-file-upload` is used.
    "govuk-file-upload-button",
    "govuk-footer",
    "govuk-generic-header",
    "govuk-header",
    "govuk-language-navigation",
    "govuk-main-wrapper",
    "govuk-pagination",
    "govuk-password-input",
    "govuk-phase-banner",
    "govuk-service-navigation",
    "govuk-skip-link",
    "govuk-tabs",
    "govuk-template",
    "govuk-width-container",
    "govuk-grid-row",
    "govuk-grid-column",
];

/// The govuk-frontend stylesheet, ready for a shadow root, with only the override classes in
/// `overrides`.
fn for_shadow_root(css: &str, overrides: &[String]) -> String {
    let css = css.trim_start_matches("@charset \"UTF-8\";");
    let css = drop_blocks(css, "@font-face{");
    let css = css.replace(":root{", ":host{");
    let css = drop_unused(&css, overrides);
    rem_to_px(&css)
}

/// The index just past the `}` closing the block whose `{` is at `open`.
fn block_end(css: &str, open: usize) -> usize {
    let bytes = css.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = open;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(_) if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    bytes.len()
}

/// The override classes (`govuk-!-margin-bottom-6`, …) the widget's source uses.
fn used_overrides(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                for (at, _) in text.match_indices("govuk-!-") {
                    let name: String = text[at..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '!')
                        .collect();
                    if !found.contains(&name) {
                        found.push(name);
                    }
                }
            }
        }
    }
    found
}

/// Whether a selector names an unused component (`.govuk-tabs`, `.govuk-tabs__list`, …) or
/// an override class (`.govuk-\!-margin-top-0`) the widget does not use.
fn names_unused(selector: &str, overrides: &[String]) -> bool {
    if let Some(at) = selector.find(".govuk-\\!-") {
        let name: String = selector[at + 1..]
            .chars()
            .filter(|c| *c != '\\')
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '!')
            .collect();
        if !overrides.contains(&name) {
            return true;
        }
    }
    UNUSED_COMPONENTS.iter().any(|name| {
        let needle = format!(".{name}");
        selector.match_indices(&needle).any(|(at, _)| {
            let rest = &selector[at + needle.len()..];
            rest.is_empty()
                || rest.starts_with("__")
                || rest.starts_with("--")
                || !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
    })
}

/// Splits a selector list at top-level commas.
fn selectors(prelude: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in prelude.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&prelude[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&prelude[start..]);
    out
}

/// Leaves out the rules of unused components and override classes, inside @media and
/// @supports too.
fn drop_unused(css: &str, overrides: &[String]) -> String {
    let mut out = String::with_capacity(css.len());
    let mut i = 0;
    while let Some(rel) = css[i..].find('{') {
        let open = i + rel;
        let prelude = &css[i..open];
        let end = block_end(css, open);
        let body = &css[open + 1..end.saturating_sub(1)];
        if prelude.starts_with("@media") || prelude.starts_with("@supports") {
            let inner = drop_unused(body, overrides);
            if !inner.is_empty() {
                out.push_str(prelude);
                out.push('{');
                out.push_str(&inner);
                out.push('}');
            }
        } else if prelude.starts_with('@')
            || !selectors(prelude)
                .iter()
                .all(|s| names_unused(s, overrides))
        {
            out.push_str(&css[i..end]);
        }
        i = end;
    }
    out.push_str(&css[i..]);
    out
}

/// Removes every `prefix…}` block (blocks without nesting).
fn drop_blocks(css: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find(prefix) {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => rest = &rest[start + end + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// `1.1875rem` → `19px`.
fn rem_to_px(css: &str) -> String {
    let bytes = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let mut i = 0;
    let mut copied = 0;
    while let Some(pos) = css[i..].find("rem") {
        let at = i + pos;
        let mut start = at;
        while start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
            start -= 1;
        }
        let before_ok =
            start == 0 || !(bytes[start - 1].is_ascii_alphabetic() || bytes[start - 1] == b'_');
        let after = bytes.get(at + 3).copied().unwrap_or(b';');
        let after_ok = !(after.is_ascii_alphanumeric() || after == b'-' || after == b'_');
        let number = &css[start..at];
        match number.parse::<f64>() {
            Ok(n) if start < at && before_ok && after_ok => {
                out.push_str(&css[copied..start]);
                let px = n * 16.0;
                let text = format!("{px:.4}");
                let text = text.trim_end_matches('0').trim_end_matches('.');
                out.push_str(if text.is_empty() { "0" } else { text });
                out.push_str("px");
                copied = at + 3;
            }
            _ => {}
        }
        i = at + 3;
    }
    out.push_str(&css[copied..]);
    out
}

/// Drops comments and line breaks from the widget's own (small, hand-written) CSS.
fn minify(css: &str) -> String {
    let no_comments = drop_comments(css);
    no_comments
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("")
}

fn drop_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("*/") {
            Some(end) => &rest[start + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}
