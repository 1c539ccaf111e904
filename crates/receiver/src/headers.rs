//! The headers every answer carries, whatever answers it (an application's handler, a
//! refusal by a limit, a static file, a 404): a Content-Security-Policy that lets the demo
//! pages load the widget from `/pkg` and nothing from elsewhere, no MIME sniffing, no
//! referrer, no framing; and `Cache-Control: no-store` on the API's answers.

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every answer. The demo pages under `www/` load the widget
/// (`/pkg/sen-support-form.js` and its wasm) and `www/portal.js` from this origin and post to
/// it; the widget needs `'wasm-unsafe-eval'` to compile its WebAssembly and adopts its styles
/// as a constructed stylesheet (`style-src 'self'` suffices); nothing inline, nothing from
/// another origin, no plugins, no `<base>`, no form posts, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The security headers, as (name, value), set on every answer.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
];

/// `router` with the security headers on every answer it gives.
pub(crate) fn secure(mut router: Router) -> Router {
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// `router` with `Cache-Control: no-store` on every answer: an application's reference or
/// report must not be kept by a browser or a proxy.
pub(crate) fn no_store(router: Router) -> Router {
    router.layer(SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ))
}
