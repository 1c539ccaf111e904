//! The Standard Webhooks signature: `v1,` and the base64 of the HMAC-SHA256, under the shared
//! secret, of `{webhook-id}.{webhook-timestamp}.{body}`.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Secret;

/// The `webhook-signature` of a body sent with this id at this time (seconds since 1970).
pub fn signature(secret: &Secret, id: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let mac = Hmac::<Sha256>::new_from_slice(secret.key()).map(|mut mac| {
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.finalize().into_bytes()
    });
    match mac {
        Ok(bytes) => format!(
            "v1,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn signs_as_another_implementation_does() {
        // The specification's example secret, id and body; the signature as Python's hmac and
        // hashlib compute it.
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = br#"{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485","type":"website"}}"#;
        assert_eq!(
            signature(&secret, "msg_loFOjxBNrRLzqYUf", 1_674_087_231, body),
            "v1,XpeEE+a0xmYmYyKhv04m0+sDq8DjcwFNm3UVHnPhfJk="
        );
    }
}
