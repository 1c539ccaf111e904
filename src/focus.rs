//! Moving focus inside the shadow root. Fragment links cannot reach into a shadow root, so the
//! error summary's links, Change links and page changes move focus in code. Ids are scoped to
//! the root, so two widgets on a page may use the same ids.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::doc::field_id;
use crate::route::page_of;
use crate::state::Form;

/// The id of every page's main heading (focused when a page opens).
pub const HEADING_ID: &str = "page-heading";

/// The error summary's element id (focus moves to it when it appears).
pub const SUMMARY_ID: &str = "error-summary";

/// The element with an id in this widget's root. `None` once the widget is unmounted (a
/// focus move scheduled for the next frame may outlive it).
pub fn element(form: Form, id: &str) -> Option<web_sys::HtmlElement> {
    form.root
        .try_with_value(|r| {
            r.as_ref()?
                .get_element_by_id(id)?
                .dyn_into::<web_sys::HtmlElement>()
                .ok()
        })
        .flatten()
}

fn focus_now(form: Form, id: &str) -> bool {
    match element(form, id) {
        Some(e) => {
            let _ = e.focus();
            true
        }
        None => false,
    }
}

/// Whether nothing inside the widget has focus (it went to the page, or was on an element a
/// re-render removed).
fn nothing_focused(form: Form) -> bool {
    form.root
        .try_with_value(|r| r.as_ref().map(|r| r.active_element().is_none()))
        .flatten()
        .unwrap_or(false)
}

/// Runs `focus` once the page has rendered: in a task queued after the render (Leptos redraws
/// in queued tasks, first come first served), so focus lands before the next key press is
/// handled; and once more at the next frame if nothing in the widget has focus then. Never at a
/// later frame over a focus the person has moved themselves: a quick Tab after a page change
/// must not be undone.
fn after_render(form: Form, focus: impl Fn() -> bool + 'static) {
    leptos::task::spawn_local(async move {
        let done = focus();
        request_animation_frame(move || {
            if !done || nothing_focused(form) {
                focus();
            }
        });
    });
}

/// Focuses an element by id once the page has rendered.
pub fn id(form: Form, id: &str) {
    let id = id.to_owned();
    after_render(form, move || focus_now(form, &id));
}

/// Focuses the field a pointer names, opening the page that holds it if need be. A pointer to
/// a whole list item or list focuses the nearest control that is there. `#id` names an element.
pub fn field(form: Form, pointer: &str) {
    if let Some(id) = pointer.strip_prefix('#') {
        focus_now(form, id);
        return;
    }
    let target = field_id(pointer);
    if focus_now(form, &target) {
        return;
    }
    let page = page_of(pointer);
    if form.page.try_get_untracked().is_some_and(|p| p != page) {
        form.page.set(page);
        form.show_all.set(true);
    }
    let pointer = pointer.to_owned();
    after_render(form, move || {
        // The field itself, else the nearest enclosing thing that has an id (a list's add
        // button, an item's first field), else the heading.
        let mut p = pointer.as_str();
        loop {
            if focus_now(form, &field_id(p)) {
                return true;
            }
            match p.rfind('/') {
                Some(cut) if cut > 0 => p = p.get(..cut).unwrap_or(""),
                _ => break,
            }
        }
        focus_now(form, "first-field") || focus_now(form, HEADING_ID)
    });
}

/// Focuses the new page's heading (and so scrolls the widget's top into view).
pub fn top(form: Form) {
    id(form, HEADING_ID);
}

/// Focuses the error summary once it shows.
pub fn summary(form: Form) {
    id(form, SUMMARY_ID);
}
