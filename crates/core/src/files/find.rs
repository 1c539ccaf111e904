//! Finding a run of bytes in a file read in chunks: a match that straddles two chunks is
//! found as surely as one inside a chunk.

/// Whether `needle` occurs in `haystack` (an empty needle never does).
pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return false;
    };
    let mut at = 0;
    while let Some(tail) = haystack.get(at..) {
        let Some(found) = tail.iter().position(|&b| b == first) else {
            return false;
        };
        let start = at + found + 1;
        match haystack.get(start..start.saturating_add(rest.len())) {
            Some(next) if next == rest => return true,
            Some(_) => at = start,
            None => return false,
        }
    }
    false
}

/// Looks for `needle` in the bytes fed to it, chunk by chunk. It keeps only the last
/// `needle.len() - 1` bytes seen, so a file of any size is searched in that memory.
#[derive(Debug, Clone)]
pub(super) struct Finder {
    needle: &'static [u8],
    /// The end of what was fed so far, shorter than the needle.
    carry: Vec<u8>,
    found: bool,
}

impl Finder {
    pub(super) fn new(needle: &'static [u8]) -> Finder {
        Finder {
            needle,
            carry: Vec::new(),
            found: false,
        }
    }

    pub(super) fn update(&mut self, chunk: &[u8]) {
        if self.found || self.needle.is_empty() {
            return;
        }
        let keep = self.needle.len() - 1;
        // A match across the boundary starts in the carry and ends in the chunk's first bytes.
        let mut edge = std::mem::take(&mut self.carry);
        edge.extend(chunk.iter().take(keep));
        if contains(&edge, self.needle) || contains(chunk, self.needle) {
            self.found = true;
            return;
        }
        let source = if chunk.len() >= keep { chunk } else { &edge };
        let from = source.len().saturating_sub(keep);
        self.carry = source.get(from..).unwrap_or_default().to_vec();
    }

    pub(super) fn found(&self) -> bool {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_within_and_across_chunks() {
        assert!(contains(b"xx/Encrypt", b"/Encrypt"));
        assert!(!contains(b"/Encryp", b"/Encrypt"));
        assert!(!contains(b"abc", b""));
        assert!(contains(b"aab", b"ab"));
        let text = b"....../Encrypt 3 0 R....";
        for split in 0..text.len() {
            for second in split..text.len() {
                let mut f = Finder::new(b"/Encrypt");
                f.update(&text[..split]);
                f.update(&text[split..second]);
                f.update(&text[second..]);
                assert!(f.found(), "split at {split} and {second}");
            }
        }
        let mut f = Finder::new(b"/Encrypt");
        for b in b"/Encryp /Encryp t" {
            f.update(&[*b]);
        }
        assert!(!f.found());
    }
}
