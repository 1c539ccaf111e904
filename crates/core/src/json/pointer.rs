//! JSON Pointers (RFC 6901): one reference token escaped and unescaped, and a pointer built one
//! token at a time. The reader's [`super::At`], the rules and the loaded-file reader all build
//! their pointers here.

/// Escapes one JSON Pointer reference token: `~` as `~0`, `/` as `~1`.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The token an escaped reference token stands for (`~1` as `/`, then `~0` as `~`).
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Builds a JSON Pointer from a base and one more token.
pub fn ptr(base: &str, token: impl std::fmt::Display) -> String {
    format!("{base}/{}", escape(&token.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape() {
        assert_eq!(
            ptr("/review/outcomeStatus", "a/b~c"),
            "/review/outcomeStatus/a~1b~0c"
        );
        assert_eq!(ptr("/rows", 3), "/rows/3");
    }

    #[test]
    fn unescape_undoes_escape() {
        for token in ["a/b~c", "~1", "~01", "/~/", ""] {
            assert_eq!(unescape(&escape(token)), token);
        }
        assert_eq!(unescape("~01"), "~1");
    }
}
