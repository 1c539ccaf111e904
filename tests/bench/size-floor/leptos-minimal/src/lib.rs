//! A text input, a checkbox, an "add another" list, a derived total and a conditional: the
//! smallest form that uses what the widget uses from Leptos (signals, memos, events, For, Show).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// A small form: a text input with a signal, a checkbox, a list with add-another, a derived total.
#[component]
fn App() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let agree = RwSignal::new(false);
    let rows = RwSignal::new(Vec::<i64>::new());
    let total = Memo::new(move |_| rows.with(|r| r.iter().sum::<i64>()));
    view! {
        <div class="govuk-form-group">
            <label class="govuk-label" for="name">"Name"</label>
            <input class="govuk-input" id="name" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev)) />
            <input type="checkbox" prop:checked=move || agree.get()
                on:change=move |ev| agree.set(event_target_checked(&ev)) />
            <button on:click=move |_| rows.update(|r| r.push(100))>"Add"</button>
            <ul>
                <For each=move || rows.get().into_iter().enumerate() key=|(i, _)| *i let:row>
                    <li>{row.1}</li>
                </For>
            </ul>
            <p>"Total: " {move || total.get()}</p>
            <Show when=move || agree.get()><p>"Agreed"</p></Show>
        </div>
    }
}

#[wasm_bindgen]
pub fn start(el: web_sys::HtmlElement) {
    let handle = mount_to(el, App);
    handle.forget();
}
