//! The checks on a file fed to them in chunks, as it arrives (the receiver, streaming an
//! upload to storage) or as it is read (`sen-check`): the same answer whatever the chunks, in
//! memory bounded whatever the file's size. [`check_file`](super::check_file) is this on the
//! whole bytes.
//!
//! Kept: the first [`HEAD_LEN`] bytes (the signature), then only what the signature needs of
//! the rest: for a ZIP archive its last [`TAIL_LEN`] bytes (the central directory), for a PDF
//! whether `/Encrypt` has been seen, for an OLE container whether the Word stream's name has,
//! for a file with no signature whether it is text so far. Hashing is the caller's: the core
//! stays free of it (the receiver and `sen-check` use `sha2`; the browser has its own).

use super::find::Finder;
use super::sniff::{csv_name, office, signature, Signature, HEAD_LEN, PDF_ENCRYPT, WORD_STREAM};
use super::text::TextScan;
use crate::codes::FileKind;

/// How much of a ZIP archive's end is kept: its central directory must lie there. The end
/// record and its comment take at most 65,557 bytes; the rest holds a directory of some 2,800
/// entries, where a document has tens.
pub const TAIL_LEN: usize = 256 * 1024;

/// What the checks found in a whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    /// The kind of file, from its bytes; `None` if it is no kind a document may be.
    pub kind: Option<FileKind>,
    /// Its size in bytes.
    pub size: u64,
    /// A PDF that names an `/Encrypt` dictionary (the panel may not be able to open it).
    pub password_protected: bool,
}

impl FileFacts {
    /// The facts of the same bytes under another name: only text's kind depends on the name
    /// (a CSV file and a text file have the same bytes).
    pub fn named(&self, name: &str) -> FileFacts {
        let kind = match self.kind {
            Some(FileKind::Txt | FileKind::Csv) if csv_name(name) => Some(FileKind::Csv),
            Some(FileKind::Txt | FileKind::Csv) => Some(FileKind::Txt),
            other => other,
        };
        FileFacts {
            kind,
            ..self.clone()
        }
    }
}

/// What the rest of the file is read for, once its signature is known.
#[derive(Debug, Clone)]
enum Scan {
    /// The needle's presence (`/Encrypt` in a PDF, the Word stream in an OLE container).
    Find(Finder),
    /// A ZIP archive's last bytes.
    Tail(Vec<u8>),
    Text(TextScan),
    /// The signature alone decides.
    Nothing,
}

impl Scan {
    fn for_signature(signature: Signature) -> Scan {
        match signature {
            Signature::Pdf => Scan::Find(Finder::new(PDF_ENCRYPT)),
            Signature::Ole => Scan::Find(Finder::new(WORD_STREAM)),
            Signature::Zip => Scan::Tail(Vec::new()),
            Signature::Unsigned => Scan::Text(TextScan::new()),
            Signature::Png | Signature::Jpeg | Signature::Heif { .. } | Signature::Rtf => {
                Scan::Nothing
            }
        }
    }

    fn update(&mut self, chunk: &[u8]) {
        match self {
            Scan::Find(f) => f.update(chunk),
            Scan::Text(t) => t.update(chunk),
            Scan::Tail(tail) => {
                if chunk.len() >= TAIL_LEN {
                    tail.clear();
                    let from = chunk.len() - TAIL_LEN;
                    tail.extend_from_slice(chunk.get(from..).unwrap_or_default());
                } else {
                    tail.extend_from_slice(chunk);
                    // Trimmed now and then, not at every chunk: at most twice the tail is held.
                    if tail.len() > 2 * TAIL_LEN {
                        tail.drain(..tail.len() - TAIL_LEN);
                    }
                }
            }
            Scan::Nothing => {}
        }
    }

    fn found(&self) -> bool {
        matches!(self, Scan::Find(f) if f.found())
    }
}

/// The checks on one file, fed its bytes in order by [`update`](FileCheck::update), in chunks
/// of any size; [`finish`](FileCheck::finish) gives what they found.
#[derive(Debug, Clone)]
pub struct FileCheck {
    csv_name: bool,
    size: u64,
    head: Vec<u8>,
    /// Set once the head is complete: the signature and what the rest is read for.
    rest: Option<(Signature, Scan)>,
}

impl FileCheck {
    /// The checks on a file called `name` (the name only tells a CSV file from a text file).
    pub fn new(name: &str) -> FileCheck {
        FileCheck {
            csv_name: csv_name(name),
            size: 0,
            head: Vec::new(),
            rest: None,
        }
    }

    /// What the checks find in the whole of `bytes`.
    pub fn whole(name: &str, bytes: &[u8]) -> FileFacts {
        let mut check = FileCheck::new(name);
        check.update(bytes);
        check.finish()
    }

    /// Reads the next bytes of the file.
    pub fn update(&mut self, chunk: &[u8]) {
        self.size = self
            .size
            .saturating_add(u64::try_from(chunk.len()).unwrap_or(u64::MAX));
        let mut chunk = chunk;
        if self.rest.is_none() {
            let room = HEAD_LEN.saturating_sub(self.head.len());
            let (start, after) = chunk.split_at(room.min(chunk.len()));
            self.head.extend_from_slice(start);
            chunk = after;
            if self.head.len() < HEAD_LEN {
                return;
            }
            self.start();
        }
        if let Some((_, scan)) = &mut self.rest {
            scan.update(chunk);
        }
    }

    /// The head is complete (or the file ended before it was): the signature decides what the
    /// rest is read for, and the head is read for it first.
    fn start(&mut self) {
        let signature = signature(&self.head);
        let mut scan = Scan::for_signature(signature);
        scan.update(&self.head);
        self.rest = Some((signature, scan));
    }

    /// The bytes read so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// What the checks found in the whole file.
    pub fn finish(mut self) -> FileFacts {
        if self.rest.is_none() {
            self.start();
        }
        let size = self.size;
        let Some((signature, scan)) = self.rest else {
            return FileFacts {
                kind: None,
                size,
                password_protected: false,
            };
        };
        let kind = if size == 0 {
            None
        } else {
            match (signature, &scan) {
                (Signature::Pdf, _) => Some(FileKind::Pdf),
                (Signature::Png, _) => Some(FileKind::Png),
                (Signature::Jpeg, _) => Some(FileKind::Jpeg),
                (Signature::Heif { photo }, _) => photo.then_some(FileKind::Heic),
                (Signature::Ole, scan) => scan.found().then_some(FileKind::Doc),
                (Signature::Zip, Scan::Tail(tail)) => {
                    let mut tail = tail.as_slice();
                    if let Some(extra) = tail.len().checked_sub(TAIL_LEN) {
                        tail = tail.get(extra..).unwrap_or_default();
                    }
                    let base = size.saturating_sub(u64::try_from(tail.len()).unwrap_or(0));
                    office(&self.head, tail, base)
                }
                (Signature::Rtf, _) => Some(FileKind::Rtf),
                (Signature::Unsigned, Scan::Text(text)) if text.is_text() => {
                    Some(if self.csv_name {
                        FileKind::Csv
                    } else {
                        FileKind::Txt
                    })
                }
                _ => None,
            }
        };
        FileFacts {
            kind,
            size,
            password_protected: kind == Some(FileKind::Pdf) && scan.found(),
        }
    }
}
