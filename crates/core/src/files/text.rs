//! Whether a file is text a person could have written, decided chunk by chunk: UTF-8 (a
//! byte-order mark allowed) without control characters other than tab, line breaks and form
//! feed. A character split between two chunks is read whole.

#[derive(Debug, Clone)]
pub(super) struct TextScan {
    /// Nothing seen so far rules text out.
    text: bool,
    /// The first bytes of a character whose last bytes are still to come (at most 3).
    pending: Vec<u8>,
}

/// Whether a character may be in text.
fn allowed(c: char) -> bool {
    // The byte-order mark (U+FEFF) is a format character, not a control character.
    !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}')
}

/// How many bytes a UTF-8 sequence starting with `lead` has.
fn sequence_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

impl TextScan {
    pub(super) fn new() -> TextScan {
        TextScan {
            text: true,
            pending: Vec::new(),
        }
    }

    pub(super) fn update(&mut self, mut chunk: &[u8]) {
        if !self.text {
            return;
        }
        if let Some(&lead) = self.pending.first() {
            let missing = sequence_len(lead).saturating_sub(self.pending.len());
            let (end, rest) = chunk.split_at(missing.min(chunk.len()));
            self.pending.extend_from_slice(end);
            chunk = rest;
            if self.pending.len() < sequence_len(lead) {
                return;
            }
            let whole = std::mem::take(&mut self.pending);
            self.read(&whole);
            if !self.text || !self.pending.is_empty() {
                // A complete sequence that is not a character.
                self.text = false;
                return;
            }
        }
        self.read(chunk);
    }

    /// Reads bytes that start at a character boundary; an unfinished last character waits.
    fn read(&mut self, bytes: &[u8]) {
        match std::str::from_utf8(bytes) {
            Ok(t) => self.text &= t.chars().all(allowed),
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                self.text &= std::str::from_utf8(valid).is_ok_and(|t| t.chars().all(allowed));
                if e.error_len().is_some() {
                    self.text = false;
                } else {
                    self.pending = rest.to_vec();
                }
            }
        }
    }

    /// Whether everything fed was text (a character left unfinished at the end is not).
    pub(super) fn is_text(&self) -> bool {
        self.text && self.pending.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(bytes: &[u8]) -> bool {
        let mut t = TextScan::new();
        t.update(bytes);
        t.is_text()
    }

    #[test]
    fn text_split_anywhere_reads_the_same() {
        let samples: [&[u8]; 7] = [
            "\u{feff}Costs: £544.67 — 1:1 €\u{1f600}\r\n\tok".as_bytes(),
            b"caf\xc3",
            b"caf\xc3\xa9",
            b"\xe2\x82",
            b"\xe2\x82A",
            b"bell\x07",
            b"\xff",
        ];
        for s in samples {
            let expected = std::str::from_utf8(s).is_ok_and(|t| t.chars().all(allowed));
            assert_eq!(whole(s), expected, "{s:?}");
            for a in 0..=s.len() {
                for b in a..=s.len() {
                    let mut t = TextScan::new();
                    t.update(&s[..a]);
                    t.update(&s[a..b]);
                    t.update(&s[b..]);
                    assert_eq!(t.is_text(), expected, "{s:?} split at {a}, {b}");
                }
            }
        }
    }
}
