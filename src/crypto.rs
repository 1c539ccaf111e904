//! Encryption at rest: what the widget keeps on the device is sealed with AES-GCM (WebCrypto)
//! before it is stored. Each write gets a new 256-bit key, made non-extractable (no script can
//! read it out, only ask the browser to use it), and a new random 96-bit IV. The key is kept
//! only in IndexedDB (a `CryptoKey` is structured-cloneable), beside or apart from the
//! ciphertext (`drafts/store.rs`); deleting the key makes every copy of what it sealed unreadable.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, SubtleCrypto};

const AES_GCM: &str = "AES-GCM";

fn crypto() -> Option<web_sys::Crypto> {
    web_sys::window()?.crypto().ok()
}

/// A fresh key: an idempotency key, a stored record's id (a version 4 UUID from the browser's cryptographic random source).
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for b in bytes.iter_mut() {
            // Only where WebCrypto is missing; the key needs uniqueness, not secrecy.
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    crate::submit::policy::uuid_v4(bytes)
}

fn subtle() -> Option<SubtleCrypto> {
    Some(crypto()?.subtle())
}

/// Text sealed under its own key: `{ key, iv, data }` (a `CryptoKey`, a `Uint8Array` of 12
/// bytes and an `ArrayBuffer`), as stored in IndexedDB.
pub struct Sealed {
    pub key: CryptoKey,
    pub iv: Uint8Array,
    pub data: js_sys::ArrayBuffer,
}

fn get(record: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(record, &name.into())
        .ok()
        .filter(|v| !v.is_undefined())
}

impl Sealed {
    /// The record stored.
    pub fn to_record(&self) -> Object {
        let record = Object::new();
        let _ = Reflect::set(&record, &"key".into(), &self.key);
        let _ = Reflect::set(&record, &"iv".into(), &self.iv);
        let _ = Reflect::set(&record, &"data".into(), &self.data);
        record
    }

    /// A stored record, if it is one.
    pub fn from_record(record: &JsValue) -> Option<Sealed> {
        Some(Sealed {
            key: get(record, "key")?.dyn_into().ok()?,
            iv: get(record, "iv")?.dyn_into().ok()?,
            data: get(record, "data")?.dyn_into().ok()?,
        })
    }
}

/// Seals `text` under a new non-extractable key and a new random IV.
pub async fn seal(text: &str) -> Result<Sealed, JsValue> {
    seal_bytes(&Uint8Array::from(text.as_bytes())).await
}

/// Seals bytes (a `Uint8Array` or an `ArrayBuffer`, left where they are: an attached file
/// is not copied into the WebAssembly's memory for it) under a new non-extractable key and a
/// new random IV.
pub async fn seal_bytes(data: &Object) -> Result<Sealed, JsValue> {
    let subtle = subtle().ok_or(JsValue::NULL)?;
    let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
    let made =
        subtle.generate_key_with_object(&AesKeyGenParams::new(AES_GCM, 256), false, &usages)?;
    let key: CryptoKey = JsFuture::from(made).await?.dyn_into()?;
    let iv = Uint8Array::new_with_length(12);
    crypto()
        .ok_or(JsValue::NULL)?
        .get_random_values_with_js_u8_array(&iv)?;
    let params = AesGcmParams::new(AES_GCM, &iv);
    let sealed = subtle.encrypt_with_object_and_buffer_source(&params, &key, data)?;
    let data = JsFuture::from(sealed).await?.dyn_into()?;
    Ok(Sealed { key, iv, data })
}

/// The bytes a record holds, or `None` if it cannot be opened (not a record, another key, or
/// altered: AES-GCM refuses a changed ciphertext).
pub async fn open_bytes(sealed: &Sealed) -> Option<js_sys::ArrayBuffer> {
    let params = AesGcmParams::new(AES_GCM, &sealed.iv);
    let opened = subtle()?
        .decrypt_with_object_and_buffer_source(&params, &sealed.key, &sealed.data)
        .ok()?;
    JsFuture::from(opened).await.ok()?.dyn_into().ok()
}

/// The text a record holds, or `None` if it cannot be opened.
pub async fn open(sealed: &Sealed) -> Option<String> {
    let bytes = open_bytes(sealed).await?;
    String::from_utf8(Uint8Array::new(&bytes).to_vec()).ok()
}

/// The SHA-256 of some bytes, as 64 lowercase hex digits (WebCrypto's digest).
pub async fn sha256(data: &Object) -> Option<String> {
    let digest = subtle()?
        .digest_with_str_and_buffer_source("SHA-256", data)
        .ok()?;
    let bytes = Uint8Array::new(&JsFuture::from(digest).await.ok()?).to_vec();
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
