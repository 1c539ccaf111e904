//! What kind of file some bytes are, from their signature ("magic numbers") and, for the
//! office formats, the names inside the archive. The file's name decides only between the two
//! kinds of plain text (a CSV file and a text file have the same bytes).

use super::zip;
use crate::codes::FileKind;

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
const WORD_STREAM: &[u8] = b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Text a person could have written: UTF-8 (a byte-order mark allowed) without control
/// characters other than tab, line breaks and form feed.
fn is_text(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).is_ok_and(|t| {
        t.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    })
}

/// The kind of file `bytes` are, or `None` if they are none of the kinds a document may be
/// (an empty file, a program, an archive of something else…). `name` only tells a CSV file
/// from a text file.
pub fn sniff(bytes: &[u8], name: &str) -> Option<FileKind> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if bytes.is_empty() {
        None
    } else if contains(head, b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(PNG) {
        Some(FileKind::Png)
    } else if bytes.starts_with(JPEG) {
        Some(FileKind::Jpeg)
    } else if bytes.get(4..8) == Some(b"ftyp") {
        let brand = bytes.get(8..12).unwrap_or_default();
        HEIC_BRANDS.contains(&brand).then_some(FileKind::Heic)
    } else if bytes.starts_with(OLE) {
        contains(bytes, WORD_STREAM).then_some(FileKind::Doc)
    } else if bytes.starts_with(ZIP) {
        office(bytes)
    } else if bytes.starts_with(b"{\\rtf") {
        Some(FileKind::Rtf)
    } else if is_text(bytes) {
        let csv = name.to_ascii_lowercase().ends_with(".csv");
        Some(if csv { FileKind::Csv } else { FileKind::Txt })
    } else {
        None
    }
}

/// A DOCX, XLSX or ODT archive, by the parts inside it.
fn office(bytes: &[u8]) -> Option<FileKind> {
    if bytes.get(30..30 + ODT_MIMETYPE.len()) == Some(ODT_MIMETYPE) {
        return Some(FileKind::Odt);
    }
    let names = zip::names(bytes);
    let has = |n: &[u8]| names.contains(&n);
    if has(b"word/document.xml") {
        Some(FileKind::Docx)
    } else if has(b"xl/workbook.xml") {
        Some(FileKind::Xlsx)
    } else {
        None
    }
}

/// Whether a PDF is encrypted (a password to open it, or restrictions the panel's software may
/// refuse): its trailer names an `/Encrypt` dictionary.
pub fn is_password_protected_pdf(bytes: &[u8]) -> bool {
    contains(bytes, b"/Encrypt")
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
