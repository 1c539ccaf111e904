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
    let css = format!("{}\n{}", for_shadow_root(&govuk), minify(&widget));
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    if let Err(e) = std::fs::write(Path::new(&out).join("widget.css"), css) {
        eprintln!("cannot write the stylesheet: {e}");
        std::process::exit(1)
    }
}

/// The govuk-frontend stylesheet, ready for a shadow root.
fn for_shadow_root(css: &str) -> String {
    let css = css.trim_start_matches("@charset \"UTF-8\";");
    let css = drop_blocks(css, "@font-face{");
    let css = css.replace(":root{", ":host{");
    rem_to_px(&css)
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
