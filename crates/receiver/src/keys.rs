//! The staff API's keys: made from 32 random bytes from the operating system, shown once as
//! `sen_` and 64 hexadecimal digits, and kept only as the SHA-256 of that text. A request's
//! key is hashed and compared with every key's hash in constant time (`subtle`), so that how
//! long the check takes says nothing about how close a guess was.

use subtle::ConstantTimeEq;

use crate::store::staff::KeyHash;

/// What every key starts with.
pub const PREFIX: &str = "sen_";

/// A new key; `None` if the operating system gives no random bytes.
pub fn generate() -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).ok()?;
    Some(format!("{PREFIX}{}", sen_core::files::stored::hex(&bytes)))
}

/// The SHA-256 a key is kept as.
pub fn hash(key: &str) -> String {
    crate::http::sha256_hex(key.as_bytes())
}

/// A key's name: 1 to 64 letters, digits, `-`, `_` or `.`.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The name of the key that `key` is, if it is one and not revoked. Every hash is compared,
/// whichever matches.
pub fn holder(keys: &[KeyHash], key: &str) -> Option<String> {
    let presented = hash(key);
    let mut found = None;
    for k in keys {
        let same: bool = presented.as_bytes().ct_eq(k.sha256.as_bytes()).into();
        if same && !k.revoked {
            found = Some(k.name.clone());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn keys_are_new_each_time_and_found_only_by_themselves() {
        let a = generate().unwrap();
        let b = generate().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(PREFIX) && a.len() == PREFIX.len() + 64, "{a}");
        let keys = vec![
            KeyHash {
                name: "panel".into(),
                sha256: hash(&a),
                revoked: false,
            },
            KeyHash {
                name: "old".into(),
                sha256: hash(&b),
                revoked: true,
            },
        ];
        assert_eq!(holder(&keys, &a).as_deref(), Some("panel"));
        assert_eq!(holder(&keys, &b), None);
        assert_eq!(holder(&keys, "sen_0000"), None);
        assert_eq!(holder(&keys, &hash(&a)), None);
    }

    #[test]
    fn names_are_short_and_plain() {
        assert!(valid_name("case-management.prod_1"));
        assert!(!valid_name(""));
        assert!(!valid_name("a b"));
        assert!(!valid_name(&"x".repeat(65)));
    }
}
