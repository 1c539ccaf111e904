//! The Standard Webhooks secret shared with the case system: `whsec_` and the key in base64
//! (24 to 64 bytes), read from a file (`--forward-secret-file`), never from the command line,
//! where every user of the machine could read it.

use base64::Engine;

/// The key applications are signed with.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

/// The fewest and most bytes a key may have (the Standard Webhooks specification's).
const LEAST: usize = 24;
const MOST: usize = 64;

impl Secret {
    /// A secret from its text (`whsec_…`; surrounding white space ignored), or why not.
    pub fn parse(text: &str) -> Result<Secret, String> {
        let Some(encoded) = text.trim().strip_prefix("whsec_") else {
            return Err(
                "the secret must start with whsec_ (whsec_ and the key in base64)".to_owned(),
            );
        };
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| "the secret after whsec_ is not base64".to_owned())?;
        if !(LEAST..=MOST).contains(&key.len()) {
            return Err(format!(
                "the secret's key must be {LEAST} to {MOST} bytes, not {}",
                key.len()
            ));
        }
        Ok(Secret(key))
    }

    /// The secret in a file, or why it cannot be used (the file named, never its content).
    pub fn from_file(path: &std::path::Path) -> Result<Secret, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the forward secret {}: {e}", path.display()))?;
        Secret::parse(&text).map_err(|e| {
            format!(
                "the forward secret in {} cannot be used: {e}",
                path.display()
            )
        })
    }

    pub(crate) fn key(&self) -> &[u8] {
        &self.0
    }
}

/// Never the key.
impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_secret_is_whsec_and_base64_of_24_to_64_bytes() {
        let key = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        assert_eq!(
            Secret::parse(&format!(" whsec_{key}\n")).unwrap().key(),
            [7u8; 32]
        );
        assert!(Secret::parse(&key).unwrap_err().contains("whsec_"));
        assert!(Secret::parse("whsec_not*base64")
            .unwrap_err()
            .contains("base64"));
        let short = base64::engine::general_purpose::STANDARD.encode([7u8; 8]);
        assert!(Secret::parse(&format!("whsec_{short}"))
            .unwrap_err()
            .contains("24 to 64 bytes, not 8"));
    }
}
