//! Printing the evidence pack: on check your answers and on the confirmation the widget's host
//! element is marked printable (`data-sen-print`), and two constructed stylesheets adopted by
//! the document (a strict CSP allows them; nothing is added to the page's `<head>`) make the
//! printed page the pack alone, whether printed by the widget's button or by the browser's own
//! print: in print every element of the host page that neither is nor holds a printable form
//! is hidden, and A4 pages carry the child's initials and the reference in their margins. On
//! screen they change nothing, and while no form is printable they match nothing.

use std::cell::RefCell;
use std::fmt::Write;

use leptos::prelude::*;
use sen_core::text::Catalogue;
use web_sys::CssStyleSheet;

use crate::route::Page;
use crate::state::Form;

/// The attribute a printable form's host element carries.
pub const ATTRIBUTE: &str = "data-sen-print";

/// The host page in print while a form is printable: everything hidden but the forms marked
/// and what holds them, and what holds them without its own margins, borders and background.
const PAGE_AROUND: &str = "@media print{\
html:has([data-sen-print]) body *:not([data-sen-print]):not(:has([data-sen-print])){display:none!important}\
html:has([data-sen-print]),html:has([data-sen-print]) body,html:has([data-sen-print]) body :has([data-sen-print]){margin:0!important;padding:0!important;border:0!important;background:none!important;box-shadow:none!important;max-width:none!important;min-height:0!important;width:auto!important;float:none!important;position:static!important}\
}";

thread_local! {
    static SHEETS: RefCell<Option<(CssStyleSheet, CssStyleSheet)>> = const { RefCell::new(None) };
}

/// `text` as a CSS string, quotes included: a quote, a backslash and every control character
/// escaped as hexadecimal, so no text typed in the form can end the string or the rule.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len().saturating_add(2));
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' || c.is_control() {
            let _ = write!(out, "\\{:x} ", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// The `@page` rules of a printed pack: A4, and in its margins the child's initials (left) and,
/// once sent, the reference (right).
pub fn page_rules(initials: &str, reference: Option<&str>, texts: &Catalogue) -> String {
    let child = if initials.is_empty() {
        String::new()
    } else {
        texts.format("pack.header.child", &[("initials", &initials)])
    };
    let mut boxes = format!(
        "@top-left{{content:{};font:9pt Arial,sans-serif;color:#505a5f}}",
        css_string(&child)
    );
    if let Some(r) = reference.filter(|r| !r.is_empty()) {
        let _ = write!(
            boxes,
            "@top-right{{content:{};font:9pt Arial,sans-serif;color:#505a5f}}",
            css_string(&texts.format("pack.header.reference", &[("reference", &r)]))
        );
    }
    format!("@page{{size:A4;margin:18mm 15mm 15mm;{boxes}}}")
}

/// The two sheets (made once, adopted by the document once): the host page around the pack,
/// and the pages' rules (empty while no form is printable).
fn sheets() -> Option<(CssStyleSheet, CssStyleSheet)> {
    SHEETS.with(|cell| {
        if let Some(s) = cell.borrow().as_ref() {
            return Some(s.clone());
        }
        let around = CssStyleSheet::new().ok()?;
        around.replace_sync(PAGE_AROUND).ok()?;
        let pages = CssStyleSheet::new().ok()?;
        let document = web_sys::window()?.document()?;
        // After the page's own adopted sheets, which stay.
        let adopted = document.adopted_style_sheets();
        adopted.push(&around);
        adopted.push(&pages);
        document.set_adopted_style_sheets(&adopted);
        *cell.borrow_mut() = Some((around.clone(), pages.clone()));
        Some((around, pages))
    })
}

/// Marks `form` printable (with these page rules) or not.
fn mark(form: Form, rules: Option<String>) {
    // (Also while the form goes: its values may be gone already.)
    let Some(host) = form.host.try_get_value().flatten() else {
        return;
    };
    match rules {
        Some(rules) => {
            let Some((_, pages)) = sheets() else { return };
            // The pages' rules are those of the form marked last.
            let _ = pages.replace_sync(&rules);
            let _ = host.set_attribute(ATTRIBUTE, "");
        }
        None => {
            let _ = host.remove_attribute(ATTRIBUTE);
            let any_left = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&format!("[{ATTRIBUTE}]")).ok().flatten())
                .is_some();
            if !any_left {
                if let Some((_, pages)) = sheets() {
                    let _ = pages.replace_sync("");
                }
            }
        }
    }
}

/// Keeps `form` printable on the pages that are the pack (check your answers, the
/// confirmation) and only there; unmarked when the form goes.
pub fn watch(form: Form) {
    Effect::new(move |_| {
        let page = form.page.get();
        let rules = match &page {
            Page::Answers => Some(None),
            Page::Sent(reference) => Some(Some(reference.clone())),
            _ => None,
        }
        .map(|reference| {
            let initials = form.doc.with_untracked(sen_core::pack::initials);
            form.texts
                .with_value(|t| page_rules(&initials, reference.as_deref(), t))
        });
        mark(form, rules);
    });
    on_cleanup(move || mark(form, None));
}

/// The browser's print dialog (or, headless, its print to PDF), once every item of a list
/// drawn a piece at a time is there: at once when all are, else in the next task (the items
/// forced out are drawn in this task's microtasks; a print called now would come first).
pub fn print() {
    let now = || {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    if crate::components::paced::draw_all() {
        set_timeout(now, std::time::Duration::ZERO);
    } else {
        now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_cannot_leave_its_css_string() {
        assert_eq!(css_string("A.E."), "\"A.E.\"");
        assert_eq!(css_string(r#"a"}b\c"#), r#""a\22 }b\5c c""#);
        assert_eq!(css_string("x\ny"), "\"x\\a y\"");
        assert_eq!(css_string("Zoë"), "\"Zoë\"");
    }

    #[test]
    fn the_reference_is_in_the_margin_once_sent() {
        let before = page_rules("A.E.", None, &Catalogue::english());
        assert!(before.contains("size:A4"), "{before}");
        assert!(
            before.contains(r#"@top-left{content:"Child: A.E.""#),
            "{before}"
        );
        assert!(!before.contains("@top-right"), "{before}");
        let after = page_rules("A.E.", Some("SEN-2025-000001"), &Catalogue::english());
        assert!(
            after.contains(r#"@top-right{content:"Reference: SEN-2025-000001""#),
            "{after}"
        );
        let en = Catalogue::english();
        assert_eq!(page_rules("", Some(""), &en), page_rules("", None, &en));
    }
}
