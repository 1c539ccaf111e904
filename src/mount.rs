//! Mounting into a host element: an open shadow root styled by one constructed stylesheet
//! shared by every instance (govuk-frontend made ready for a shadow root by build.rs), nothing
//! added to the host page's `<head>`, and the element's own content left visible until the
//! widget is ready, and wherever it cannot start.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::app::{App, Unavailable};
use crate::config::Config;

const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

fn sheet() -> Option<CssStyleSheet> {
    SHEET.with(|cell| {
        if let Some(s) = cell.borrow().as_ref() {
            return Some(s.clone());
        }
        let s = CssStyleSheet::new().ok()?;
        s.replace_sync(STYLES).ok()?;
        *cell.borrow_mut() = Some(s.clone());
        Some(s)
    })
}

/// The host's shadow root (made once; a remount reuses and empties it).
fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    let root = match host.shadow_root() {
        Some(r) => {
            r.set_inner_html("");
            r
        }
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    if let Some(s) = sheet() {
        root.set_adopted_style_sheets(&js_sys::Array::of1(&s));
    }
    Ok(root)
}

/// A mounted widget; dropping its handle removes the UI.
#[wasm_bindgen]
pub struct Mounted {
    handle: Rc<RefCell<Option<Box<dyn Any>>>>,
}

#[wasm_bindgen]
impl Mounted {
    /// Removes the widget's UI (the custom element does this when it leaves the page).
    pub fn unmount(&self) {
        self.handle.borrow_mut().take();
    }
}

fn browser_today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month().saturating_add(1),
        now.get_date()
    )
}

fn render(
    host: &HtmlElement,
    slot: &Rc<RefCell<Option<Box<dyn Any>>>>,
    config: &Config,
    profile: Result<sen_core::Profile, String>,
    saved: crate::drafts::driver::Saved,
) {
    if crate::failure::has_stopped() {
        // The widget failed on this page before this form started: its own content stays.
        crate::events::error_on(host, &sen_core::text::say(crate::failure::EARLIER, &[]));
        return;
    }
    let Ok(root) = shadow_root(host) else {
        // Another script gave the element a shadow root: its own content stays.
        crate::events::error_on(host, &sen_core::text::say("widget.mount.shadow-root", &[]));
        return;
    };
    let Some(container) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .filter(|c| root.append_child(c).is_ok())
    else {
        // The page broke document.createElement, say: not a blank form, but the message.
        crate::failure::show(&root, "", &sen_core::text::Catalogue::english());
        crate::events::error_on(host, &sen_core::text::say("widget.mount.no-page", &[]));
        return;
    };
    let handle: Box<dyn Any> = match profile {
        Ok(profile) => {
            let config = config.clone();
            let today = config.today.clone().unwrap_or_else(browser_today);
            let host = host.clone();
            let root = root.clone();
            Box::new(leptos::mount::mount_to(container, move || {
                let form = crate::drafts::driver::start(profile, today, &config, saved);
                form.root.set_value(Some(root));
                form.host.set_value(Some(host));
                // Each page opened takes focus to its heading.
                form.page_opened.set_value(crate::focus::top);
                crate::failure::register(form);
                // Printable on the pages that are the evidence pack (`print.rs`).
                crate::print::watch(form);
                view! { <App form=form /> }
            }))
        }
        Err(message) => {
            crate::events::error_on(host, &message);
            Box::new(leptos::mount::mount_to(
                container,
                move || view! { <Unavailable message=message /> },
            ))
        }
    };
    *slot.borrow_mut() = Some(handle);
}

/// Mounts the widget in `element` with a configuration object `{ profile, profileUrl,
/// messagesUrl, endpoint, today, drafts, instance }` (the custom element passes its attributes). The profile
/// (fetched first when given by URL), the draft saved on this device and any school details
/// remembered there are read, then the form
/// starts; the element's own content stays visible meanwhile.
#[wasm_bindgen]
pub fn mount(element: HtmlElement, config: JsValue) -> Mounted {
    let config = Config::from_js(&config);
    let slot: Rc<RefCell<Option<Box<dyn Any>>>> = Rc::new(RefCell::new(None));
    let task_slot = slot.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let profile = match config.profile_url.clone() {
            Some(url) => crate::config::fetch_profile(&url).await,
            None => crate::config::builtin_profile(config.profile.as_deref()),
        };
        let draft = match &profile {
            Ok(p) => {
                let key = crate::drafts::draft::storage_key(&p.id, &config.instance);
                crate::drafts::store::load(config.drafts, &key).await
            }
            Err(_) => None,
        };
        let school = match config.drafts {
            crate::drafts::store::Where::Local => {
                crate::drafts::store::load(config.drafts, crate::drafts::school::KEY).await
            }
            _ => None,
        };
        let messages = match config.messages_url.clone() {
            Some(url) => Some(crate::config::fetch_messages(&url).await),
            None => None,
        };
        let saved = crate::drafts::driver::Saved {
            messages,
            draft,
            school,
        };
        // Unmounted (and its handle freed) before it was ready: nothing to show.
        if Rc::strong_count(&task_slot) > 1 {
            render(&element, &task_slot, &config, profile, saved);
        }
    });
    Mounted { handle: slot }
}
