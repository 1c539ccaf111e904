//! `Authorization: Bearer KEY`: the key's name if it is a key made here and not revoked, else
//! 401 with `WWW-Authenticate: Bearer` (RFC 6750).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use crate::answer::error;
use crate::http::Receiver;

fn unauthorised(message: &str, challenge: &'static str) -> Response {
    let mut answer = error(StatusCode::UNAUTHORIZED, "unauthorized", message);
    answer.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    answer
}

/// The name of the key the request carries, or the answer to give.
pub(crate) async fn key_name(receiver: &Receiver, headers: &HeaderMap) -> Result<String, Response> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key.trim());
    let Some(key) = presented.filter(|k| !k.is_empty()) else {
        return Err(unauthorised(
            "send a staff API key: Authorization: Bearer KEY (sen-receiver keys create NAME)",
            "Bearer realm=\"sen-receiver staff\"",
        ));
    };
    let keys = receiver
        .state
        .store()
        .key_hashes()
        .await
        .map_err(|_| super::unavailable())?;
    crate::keys::holder(&keys, key).ok_or_else(|| {
        unauthorised(
            "this key is not one of the receiver's, or it has been revoked",
            "Bearer realm=\"sen-receiver staff\", error=\"invalid_token\"",
        )
    })
}
