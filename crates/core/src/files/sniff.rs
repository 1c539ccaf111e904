//! What kind of file some bytes are, from their signature ("magic numbers") and, for the
//! office formats, the names inside the archive. The file's name decides only between the two
//! kinds of plain text (a CSV file and a text file have the same bytes).
//!
//! The first [`HEAD_LEN`] bytes give the signature ([`signature`]); the signature says what
//! else must be read of the rest of the file ([`super::stream::FileCheck`] reads it as it
//! comes): a Word stream's name in an OLE container, the ZIP directory at an archive's end,
//! whether a file with no signature is text all through.

use super::find::contains;
use super::zip;
use crate::codes::FileKind;

/// How much of a file's start decides its signature: a PDF's `%PDF-` may follow some bytes.
pub(super) const HEAD_LEN: usize = 1024;

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG: &[u8] = &[0xff, 0xd8, 0xff];
const OLE: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP: &[u8] = &[b'P', b'K', 0x03, 0x04];
/// HEIF brands of photos from phones (ISO/IEC 23008-12).
const HEIC_BRANDS: &[&[u8]] = &[
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
];
const ODT_MIMETYPE: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";
/// "WordDocument" as an OLE stream name (UTF-16LE): a Word 97-2003 document, not a
/// spreadsheet or a presentation in the same container.
pub(super) const WORD_STREAM: &[u8] = b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
/// A PDF's trailer names an `/Encrypt` dictionary when it is encrypted.
pub(super) const PDF_ENCRYPT: &[u8] = b"/Encrypt";

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signature {
    Pdf,
    Png,
    Jpeg,
    /// An ISO media file: a HEIC photo when its brand is one (else a video or the like).
    Heif {
        photo: bool,
    },
    /// An OLE container: a Word 97-2003 document when it holds a Word stream.
    Ole,
    /// A ZIP archive: DOCX, XLSX or ODT by the parts inside it.
    Zip,
    Rtf,
    /// No signature: text if it is text all through, else nothing a document may be.
    Unsigned,
}

/// The signature of a file from its first bytes (at most [`HEAD_LEN`] of them; fewer only when
/// the file is shorter).
pub(super) fn signature(head: &[u8]) -> Signature {
    if contains(head, b"%PDF-") {
        Signature::Pdf
    } else if head.starts_with(PNG) {
        Signature::Png
    } else if head.starts_with(JPEG) {
        Signature::Jpeg
    } else if head.get(4..8) == Some(b"ftyp") {
        let brand = head.get(8..12).unwrap_or_default();
        Signature::Heif {
            photo: HEIC_BRANDS.contains(&brand),
        }
    } else if head.starts_with(OLE) {
        Signature::Ole
    } else if head.starts_with(ZIP) {
        Signature::Zip
    } else if head.starts_with(b"{\\rtf") {
        Signature::Rtf
    } else {
        Signature::Unsigned
    }
}

/// A DOCX, XLSX or ODT archive, by the parts inside it: `head` is the archive's start, `tail`
/// its end from offset `base`.
pub(super) fn office(head: &[u8], tail: &[u8], base: u64) -> Option<FileKind> {
    if head.get(30..30 + ODT_MIMETYPE.len()) == Some(ODT_MIMETYPE) {
        return Some(FileKind::Odt);
    }
    let names = zip::names(tail, base);
    let has = |n: &[u8]| names.contains(&n);
    if has(b"word/document.xml") {
        Some(FileKind::Docx)
    } else if has(b"xl/workbook.xml") {
        Some(FileKind::Xlsx)
    } else {
        None
    }
}

/// Whether a file's name says CSV (which only tells a CSV file from a text file).
pub(super) fn csv_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".csv")
}

/// The kind of file `bytes` are, or `None` if they are none of the kinds a document may be
/// (an empty file, a program, an archive of something else…). `name` only tells a CSV file
/// from a text file. The same answer as [`super::FileCheck`] gives for the bytes in chunks.
pub fn sniff(bytes: &[u8], name: &str) -> Option<FileKind> {
    super::FileCheck::whole(name, bytes).kind
}

/// Whether a PDF is encrypted (a password to open it, or restrictions the panel's software may
/// refuse): its trailer names an `/Encrypt` dictionary.
pub fn is_password_protected_pdf(bytes: &[u8]) -> bool {
    contains(bytes, PDF_ENCRYPT)
}

/// The media type a browser and a backend know the kind by.
pub fn media_type(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Pdf => "application/pdf",
        FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind::Odt => "application/vnd.oasis.opendocument.text",
        FileKind::Doc => "application/msword",
        FileKind::Jpeg => "image/jpeg",
        FileKind::Png => "image/png",
        FileKind::Heic => "image/heic",
        FileKind::Txt => "text/plain",
        FileKind::Csv => "text/csv",
        FileKind::Rtf => "application/rtf",
    }
}
