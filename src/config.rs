//! What a host page tells the widget: the profile (a built-in id or the URL of a council's
//! profile JSON) and the endpoint applications are POSTed to.

use sen_core::text::{say, Catalogue};
use sen_core::Profile;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The widget's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub profile: Option<String>,
    pub profile_url: Option<String>,
    /// A catalogue of texts in another language (`messages-url`), laid over English.
    pub messages_url: Option<String>,
    pub endpoint: String,
    /// Where attached files are PUT (`attachments-endpoint`); beside `endpoint` when absent
    /// (`attach::default_endpoint`).
    pub attachments_endpoint: Option<String>,
    /// The date the rules treat as today (`YYYY-MM-DD`); the browser's date when absent. For
    /// demonstrations and tests that replay a dated scenario.
    pub today: Option<String>,
    /// Where drafts are kept: the `drafts` attribute (`local`, `session` or `none`).
    pub drafts: crate::drafts::store::Where,
    /// Names this form's draft among others on the page: the element's `id`, else `form`.
    pub instance: String,
    /// How each POST proves it comes from the council's page.
    pub request: RequestSettings,
}

/// What a host adds to each POST: a CSRF token read from one of its `<meta>` tags at the moment
/// of sending (`csrf-meta`, sent as `csrf-header`), and headers from its own hook.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequestSettings {
    /// The `name` of the `<meta>` whose `content` is the token.
    pub csrf_meta: Option<String>,
    /// The header it goes in (`X-CSRF-Token` unless the host says otherwise).
    pub csrf_header: String,
    /// `headers({ endpoint, idempotencyKey, attempt })`, returning an object of header names
    /// and values, or a promise of one.
    pub headers: Option<js_sys::Function>,
}

/// The header a CSRF token is sent in when the host names none.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

fn field(obj: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

impl Config {
    /// Reads `{ profile, profileUrl, messagesUrl, endpoint, attachmentsEndpoint, today, drafts, instance, csrfMeta, csrfHeader,
    /// headers }`; missing keys are absent.
    pub fn from_js(obj: &JsValue) -> Config {
        Config {
            profile: field(obj, "profile"),
            profile_url: field(obj, "profileUrl"),
            messages_url: field(obj, "messagesUrl"),
            endpoint: field(obj, "endpoint").unwrap_or_default(),
            attachments_endpoint: field(obj, "attachmentsEndpoint"),
            today: field(obj, "today").filter(|t| sen_core::Date::parse(t).is_some()),
            drafts: crate::drafts::store::Where::from_attribute(field(obj, "drafts").as_deref()),
            instance: field(obj, "instance").unwrap_or_else(|| "form".to_owned()),
            request: RequestSettings {
                csrf_meta: field(obj, "csrfMeta"),
                csrf_header: field(obj, "csrfHeader")
                    .filter(|h| valid_header_name(h))
                    .unwrap_or_else(|| CSRF_HEADER.to_owned()),
                headers: js_sys::Reflect::get(obj, &JsValue::from_str("headers"))
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
            },
        }
    }
}

/// An HTTP header name (a token: letters, digits and ``!#$%&'*+-.^_`|~``).
pub fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A built-in profile by id, or why not.
pub fn builtin_profile(id: Option<&str>) -> Result<Profile, String> {
    match id {
        Some(id) => sen_core::profile::builtin(id).map_err(|e| e.to_string()),
        None => Err(say("widget.config.no-profile", &[])),
    }
}

/// The text of a JSON file from a URL, or why not (`what` names it in the reason).
async fn fetch_text(url: &str, what: &str) -> Result<String, String> {
    let failed = |why: &str| {
        let why = say(why, &[]);
        say(
            "widget.config.not-loaded",
            &[("what", &what), ("url", &url), ("why", &why)],
        )
    };
    let window = web_sys::window().ok_or_else(|| failed("widget.config.no-window"))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| failed("widget.config.request-failed"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| failed("widget.config.not-response"))?;
    if !response.ok() {
        return Err(failed(&format!("HTTP {}", response.status())));
    }
    JsFuture::from(
        response
            .text()
            .map_err(|_| failed("widget.config.no-text"))?,
    )
    .await
    .ok()
    .and_then(|t| t.as_string())
    .ok_or_else(|| failed("widget.config.no-text"))
}

/// A council's profile from a URL, or why not.
pub async fn fetch_profile(url: &str) -> Result<Profile, String> {
    let what = say("widget.config.profile", &[]);
    let text = fetch_text(url, &what).await?;
    Profile::from_json(&text).map_err(|e| {
        let why = e.to_string();
        say(
            "widget.config.not-loaded",
            &[("what", &what), ("url", &url), ("why", &why)],
        )
    })
}

/// A catalogue of texts from a URL laid over English, or why not (English is used then).
pub async fn fetch_messages(url: &str) -> Result<Catalogue, String> {
    let what = say("widget.config.texts", &[]);
    let english = |why: String| say("widget.config.english-shown", &[("why", &why)]);
    let text = fetch_text(url, &what).await.map_err(english)?;
    Catalogue::english().with_json(&text).map_err(|e| {
        let why = e.to_string();
        english(say(
            "widget.config.not-loaded",
            &[("what", &what), ("url", &url), ("why", &why)],
        ))
    })
}
