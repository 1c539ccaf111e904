//! "Remember your school's details on this device": a single GOV.UK checkbox on the school's
//! section, offered where drafts are kept on this device. Ticking it keeps the school's details
//! (`drafts/school.rs`) now and as they change; clearing it deletes them.

use leptos::prelude::*;

use crate::drafts::store::Where;
use crate::state::use_form;

#[component]
pub fn RememberSchool() -> impl IntoView {
    let form = use_form();
    let place = form.place.get_value();
    (place == Where::Local).then(|| {
        view! {
            <div class="govuk-form-group">
                <div class="govuk-checkboxes govuk-checkboxes--small">
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id="remember-school" type="checkbox"
                            aria-describedby="remember-school-hint"
                            prop:checked=move || form.remember_school.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.remember_school.set(on);
                                let _ = if on {
                                    form.doc.with_untracked(|d| crate::drafts::school::remember(place, d))
                                } else {
                                    crate::drafts::school::forget(place)
                                };
                            } />
                        <label class="govuk-label govuk-checkboxes__label" for="remember-school">
                            {form.text("widget.school.remember")}
                        </label>
                        <div class="govuk-hint govuk-checkboxes__hint" id="remember-school-hint">
                            {form.text("widget.school.remember-hint")}
                        </div>
                    </div>
                </div>
            </div>
        }
    })
}
