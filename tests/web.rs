//! Component tests: the widget mounted in a real browser (headless Chromium, through
//! wasm-bindgen-test), driven by DOM events. Run with
//! `cargo test -p sen-support-form --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use sen_support_form::drafts::store::{self, Where};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

async fn mounted(profile: &str) -> (HtmlElement, sen_support_form::Mounted) {
    mounted_as(profile, &format!("test-{}", js_sys::Math::random())).await
}

/// Mounts with a given instance name (the draft's key).
/// Mounts a form and waits until it has started (it reads its saved draft first).
async fn mounted_as(profile: &str, instance: &str) -> (HtmlElement, sen_support_form::Mounted) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let config = js_sys::Object::new();
    js_sys::Reflect::set(&config, &"profile".into(), &profile.into()).unwrap();
    js_sys::Reflect::set(&config, &"today".into(), &"2025-04-30".into()).unwrap();
    js_sys::Reflect::set(&config, &"endpoint".into(), &"/nowhere".into()).unwrap();
    js_sys::Reflect::set(&config, &"instance".into(), &instance.into()).unwrap();
    let mounted = sen_support_form::mount(host.clone(), config.into());
    for _ in 0..200 {
        settle().await;
        if host
            .shadow_root()
            .is_some_and(|r| r.query_selector(".app-root").ok().flatten().is_some())
        {
            break;
        }
    }
    (host, mounted)
}

fn root(host: &HtmlElement) -> ShadowRoot {
    host.shadow_root()
        .expect("the widget attaches an open shadow root")
}

fn el(root: &ShadowRoot, id: &str) -> HtmlElement {
    root.get_element_by_id(id)
        .unwrap_or_else(|| panic!("#{id} is not on the page"))
        .dyn_into()
        .unwrap()
}

fn text(root: &ShadowRoot, id: &str) -> String {
    el(root, id).text_content().unwrap_or_default()
}

/// Lets the widget's effects run: a tick, then a macrotask.
/// Lets the widget's tasks and effects run (a timer is later than every microtask).
async fn settle() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
}

fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn leave(input: &HtmlInputElement) {
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn task_list_shows_the_profiles_sections() {
    let (host, _m) = mounted("stockton-one-point").await;
    settle().await;
    let r = root(&host);
    assert_eq!(text(&r, "page-heading"), "Apply for SEN support");
    assert_eq!(
        r.query_selector_all(".govuk-task-list__item")
            .unwrap()
            .length(),
        17
    );
    assert_eq!(text(&r, "task-child-status"), "Not started");
    // Croydon asks fewer sections.
    let (host2, _m2) = mounted("croydon-lss").await;
    settle().await;
    let n = root(&host2)
        .query_selector_all(".govuk-task-list__item")
        .unwrap()
        .length();
    assert!(n > 0);
}

#[wasm_bindgen_test]
async fn errors_show_after_continue_or_leaving_not_while_typing() {
    let (host, _m) = mounted("stockton-one-point").await;
    settle().await;
    let r = root(&host);
    el(&r, "task-child").click();
    settle().await;
    assert_eq!(
        text(&r, "page-heading"),
        "The child or young person: name and date of birth"
    );
    let postcode: HtmlInputElement = el(&r, "f-child-upn").dyn_into().unwrap();
    type_into(&postcode, "not a upn");
    settle().await;
    assert!(
        r.get_element_by_id("f-child-upn-error").is_none(),
        "a message showed while typing"
    );
    leave(&postcode);
    settle().await;
    assert_eq!(postcode.value(), "not a upn", "cleared on leaving");
    let message = text(&r, "f-child-upn-error");
    assert!(message.starts_with("Error:"), "{message}");
    assert!(
        r.get_element_by_id("error-summary").is_none(),
        "summary before Continue"
    );
    el(&r, "continue").click();
    settle().await;
    assert!(r.get_element_by_id("error-summary").is_some());
    let now: HtmlInputElement = el(&r, "f-child-upn").dyn_into().unwrap();
    assert_eq!(
        (postcode.is_connected(), now.value()),
        (true, "not a upn".to_owned()),
        "the answer was cleared"
    );
}

#[wasm_bindgen_test]
async fn provision_row_cost_follows_each_keystroke() {
    let (host, _m) = mounted("stockton-one-point").await;
    settle().await;
    let r = root(&host);
    el(&r, "task-provision").click();
    settle().await;
    el(&r, "f-provisionMap-rows").click();
    settle().await;
    assert_eq!(
        text(&r, "page-heading"),
        "Provision 1: what it is and what it costs"
    );
    // Choosing staff time reveals the questions its cost needs.
    el(&r, "f-provisionMap-rows-0-category").click();
    settle().await;
    for (id, v) in [
        ("f-provisionMap-rows-0-hourlyRatePence", "17.20"),
        ("f-provisionMap-rows-0-sessionMinutes", "10"),
        ("f-provisionMap-rows-0-sessionsPerWeek", "5"),
        ("f-provisionMap-rows-0-weeks", "38"),
        ("f-provisionMap-rows-0-groupSize", "1"),
    ] {
        type_into(&el(&r, id).dyn_into().unwrap(), v);
    }
    settle().await;
    // 17.20 × 10/60 × 5 × 38 = 544.666… → £544.67 (half-up to the penny)
    assert_eq!(text(&r, "row-cost"), "£544.67");
    assert_eq!(text(&r, "totals-total"), "£544.67");
    assert_eq!(text(&r, "totals-top-up"), "£0.00");
    type_into(
        &el(&r, "f-provisionMap-rows-0-weeks").dyn_into().unwrap(),
        "380",
    );
    settle().await;
    assert_eq!(text(&r, "row-cost"), "£5,446.67");
}

#[wasm_bindgen_test]
async fn unmount_removes_the_ui() {
    let (host, m) = mounted("ehcna-request").await;
    settle().await;
    let r = root(&host);
    assert!(r.get_element_by_id("page-heading").is_some());
    m.unmount();
    settle().await;
    assert!(r.get_element_by_id("page-heading").is_none());
}

#[wasm_bindgen_test]
async fn a_draft_is_saved_and_restored_and_start_again_clears_it() {
    let instance = format!("draft-{}", js_sys::Math::random());
    let (host, first) = mounted_as("stockton-one-point", &instance).await;
    settle().await;
    let r = root(&host);
    el(&r, "task-child").click();
    settle().await;
    type_into(&el(&r, "f-child-legalForename").dyn_into().unwrap(), "Alex");
    // The save waits for a pause in typing; it goes to IndexedDB.
    let key = format!("sen-support-form/v1/stockton-one-point/{instance}");
    let mut saved = None;
    for _ in 0..100 {
        settle().await;
        saved = store::load(Where::Local, &key).await;
        if saved.is_some() {
            break;
        }
    }
    assert!(
        saved
            .as_deref()
            .is_some_and(|s| s.contains("\"legalForename\":\"Alex\"")),
        "{saved:?}"
    );
    first.unmount();

    let (host2, _second) = mounted_as("stockton-one-point", &instance).await;
    settle().await;
    let r2 = root(&host2);
    assert_eq!(text(&r2, "notice-title"), "Important");
    assert_eq!(text(&r2, "task-child-status"), "In progress");
    el(&r2, "start-again").click();
    settle().await;
    assert_eq!(text(&r2, "task-child-status"), "Not started");
    settle().await;
    let gone = store::load(Where::Local, &key).await;
    assert_eq!(gone, None);
}

#[wasm_bindgen_test]
async fn sealed_text_opens_only_with_its_own_key_and_unaltered() {
    use sen_support_form::crypto::{self, Sealed};
    let a = crypto::seal("Zephyrine Example").await.unwrap();
    let b = crypto::seal("Zephyrine Example").await.unwrap();
    assert_eq!(crypto::open(&a).await.as_deref(), Some("Zephyrine Example"));
    // A new 96-bit IV and a new key no script can read out, for each write.
    assert_eq!(a.iv.length(), 12);
    assert_ne!(a.iv.to_vec(), b.iv.to_vec());
    assert!(!a.key.extractable());
    assert_eq!(a.key.type_(), "secret");
    let bytes = js_sys::Uint8Array::new(&b.data).to_vec();
    assert!(!String::from_utf8_lossy(&bytes).contains("Zephyrine"));
    // Another record's key cannot open it.
    let crossed = Sealed {
        key: b.key.clone(),
        iv: a.iv.clone(),
        data: a.data.clone(),
    };
    assert_eq!(crypto::open(&crossed).await, None);
    // Nor can anything open it once a byte is changed.
    let view = js_sys::Uint8Array::new(&a.data);
    view.set_index(0, view.get_index(0) ^ 1);
    assert_eq!(crypto::open(&a).await, None);
}

#[wasm_bindgen_test]
async fn what_is_stored_is_sealed_and_reads_back() {
    let key = format!("sen-support-form/test/{}", js_sys::Math::random());
    wasm_bindgen_futures::JsFuture::from(store::save(Where::Local, &key, "Zephyrine Example"))
        .await
        .unwrap();
    assert_eq!(
        store::load(Where::Local, &key).await.as_deref(),
        Some("Zephyrine Example")
    );
    wasm_bindgen_futures::JsFuture::from(store::remove(Where::Local, &key))
        .await
        .unwrap();
    assert_eq!(store::load(Where::Local, &key).await, None);
}

#[wasm_bindgen_test]
async fn an_attached_file_is_kept_sealed_beside_its_draft_and_deleted_with_it() {
    use sen_support_form::crypto;
    use sen_support_form::drafts::file_store;
    use wasm_bindgen_futures::JsFuture;
    let bytes = js_sys::Uint8Array::from(&b"abc"[..]).buffer();
    // WebCrypto's SHA-256, as 64 lowercase hex digits (FIPS 180-2's example).
    let sha = crypto::sha256(&bytes).await.unwrap();
    assert_eq!(
        sha,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let draft = format!("sen-support-form/test/{}", js_sys::Math::random());
    JsFuture::from(file_store::put(Where::Local, &draft, &sha, bytes.clone()))
        .await
        .unwrap();
    let (back, stored) = file_store::get(Where::Local, &draft, &sha).await.unwrap();
    assert_eq!(js_sys::Uint8Array::new(&back).to_vec(), b"abc");
    assert!(!stored, "not confirmed by the backend yet");
    JsFuture::from(file_store::mark_stored(Where::Local, &draft, &sha))
        .await
        .unwrap();
    assert!(file_store::get(Where::Local, &draft, &sha).await.unwrap().1);
    // A tab's draft keeps its files in memory only.
    assert!(file_store::get(Where::Session, &draft, &sha)
        .await
        .is_none());
    // The draft's files go with it; another draft's stay.
    let other = format!("{draft}-other");
    JsFuture::from(file_store::put(Where::Local, &other, &sha, bytes.clone()))
        .await
        .unwrap();
    JsFuture::from(file_store::remove_all(&draft))
        .await
        .unwrap();
    assert!(file_store::get(Where::Local, &draft, &sha).await.is_none());
    assert!(file_store::get(Where::Local, &other, &sha).await.is_some());
    JsFuture::from(file_store::remove(&other, &sha))
        .await
        .unwrap();
    assert!(file_store::get(Where::Local, &other, &sha).await.is_none());
}

#[wasm_bindgen_test]
async fn supporting_documents_is_a_file_upload_with_the_councils_limits() {
    let (host, _m) = mounted("stockton-one-point").await;
    let r = root(&host);
    el(&r, "task-attachments").click();
    settle().await;
    let input: HtmlInputElement = el(&r, "f-attachments").dyn_into().unwrap();
    assert_eq!(input.type_(), "file");
    assert!(input.multiple());
    assert!(
        input.accept().contains("image/heic"),
        "a phone offers its camera"
    );
    let label = r
        .query_selector("label[for=f-attachments]")
        .unwrap()
        .unwrap();
    assert_eq!(label.text_content().unwrap(), "Attach documents");
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("f-attachments-hint")
    );
    assert!(text(&r, "f-attachments-hint").contains("smaller than 10MB"));
    assert_eq!(text(&r, "no-files"), "No documents attached yet.");
}
