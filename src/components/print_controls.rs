//! Keeping a copy of the application: "Print or save as PDF" (the browser's print of the pack:
//! `print.rs` makes the printed page the pack alone), "Download a copy" (the evidence pack as
//! one self-contained HTML file, `sen_core::pack::html::document`, as `sen-check --pack` writes
//! it) and "Download the summary for parents" (`pack::parent::html`). Files are named by the
//! child's initials and the date, never their name. None of it is printed.

use leptos::prelude::*;
use sen_core::pack::{self, Pack, Sent};

use crate::state::{use_form, Form};

/// The pack of the answers as they are now; `reference` once sent (sent today).
fn pack_now(form: Form, reference: Option<&str>) -> Option<Pack> {
    let today = form.today.get_value();
    let sent = reference.filter(|r| !r.is_empty()).map(|r| Sent {
        reference: r.to_owned(),
        date: sen_core::date::Date::parse(&today),
    });
    form.report.with_untracked(|report| {
        let report = report.as_ref()?;
        form.doc.with_untracked(|d| {
            form.profile.with_value(|p| {
                form.texts
                    .with_value(|t| Some(Pack::new_in(d, p, report, sent.as_ref(), t)))
            })
        })
    })
}

/// A file name for what is downloaded: `{what}-{initials}-{date}.html` ("evidence-pack-AE-2025-04-30.html").
pub fn file_name(what: &str, initials: &str, date: &str) -> String {
    let letters: String = initials.chars().filter(char::is_ascii_alphabetic).collect();
    let mut parts = vec![what.to_owned()];
    if !letters.is_empty() {
        parts.push(letters);
    }
    if !date.is_empty() {
        parts.push(date.to_owned());
    }
    format!("{}.html", parts.join("-"))
}

fn download(form: Form, reference: Option<&str>, parents: bool) {
    let Some(p) = pack_now(form, reference) else {
        return;
    };
    let (what, text) = if parents {
        ("summary-for-parents", pack::parent::html(&p.parent))
    } else {
        ("evidence-pack", pack::html::document(&p))
    };
    let name = file_name(what, &p.initials, &form.today.get_value());
    let _ = crate::drafts::store::download_as(&name, &text, "text/html");
}

/// A button of the group: `link` for one that reads as a link.
fn button(id: &'static str, text: String, link: bool, press: Box<dyn Fn()>) -> AnyView {
    let class = if link {
        "app-link-button"
    } else {
        "govuk-button govuk-button--secondary"
    };
    view! { <button type="button" class=class id=id on:click=move |_| press()>{text}</button> }
        .into_any()
}

/// The buttons; `reference` on the confirmation.
#[component]
pub fn PrintControls(#[prop(optional)] reference: Option<String>) -> impl IntoView {
    let form = use_form();
    let (pack_ref, parent_ref) = (reference.clone(), reference);
    let buttons = vec![
        button(
            "print-pack",
            form.text("widget.print.print"),
            false,
            Box::new(crate::print::print),
        ),
        button(
            "download-pack",
            form.text("widget.print.download"),
            false,
            Box::new(move || download(form, pack_ref.as_deref(), false)),
        ),
        button(
            "download-parent",
            form.text("widget.print.download-parent"),
            true,
            Box::new(move || download(form, parent_ref.as_deref(), true)),
        ),
    ];
    view! {
        <div class="app-no-print" id="keep-a-copy">
            <h2 class="govuk-heading-m">{form.text("widget.print.keep")}</h2>
            <p class="govuk-body">{form.text("widget.print.keep-hint")}</p>
            <div class="govuk-button-group">{buttons}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_by_initials_and_date_only() {
        assert_eq!(
            file_name("evidence-pack", "A.E.", "2025-04-30"),
            "evidence-pack-AE-2025-04-30.html"
        );
        assert_eq!(
            file_name("summary-for-parents", "", "2025-04-30"),
            "summary-for-parents-2025-04-30.html"
        );
        // Nothing typed can put a path or a quote in the name.
        assert_eq!(file_name("evidence-pack", "/.\"", ""), "evidence-pack.html");
    }
}
