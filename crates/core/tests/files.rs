#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Documents checked from their bytes (`sen_core::files`): one real file of each kind, a
//! program named .pdf, an empty file, a password-protected PDF, the size and number limits, the
//! same file twice; and no bytes at all can make the checks panic.

use proptest::prelude::*;
use sen_core::codes::FileKind;
use sen_core::files::{check_file, check_set, media_type, megabytes, sniff};
use sen_core::profile::AttachmentPolicy;
use sen_core::report::Severity;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/files")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn each_kind_is_known_from_its_bytes() {
    for (name, kind, media) in [
        ("report.pdf", FileKind::Pdf, "application/pdf"),
        ("protected.pdf", FileKind::Pdf, "application/pdf"),
        (
            "plan.docx",
            FileKind::Docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "map.xlsx",
            FileKind::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "notes.odt",
            FileKind::Odt,
            "application/vnd.oasis.opendocument.text",
        ),
        ("legacy.doc", FileKind::Doc, "application/msword"),
        ("photo.jpg", FileKind::Jpeg, "image/jpeg"),
        ("chart.png", FileKind::Png, "image/png"),
        ("photo.heic", FileKind::Heic, "image/heic"),
        ("notes.txt", FileKind::Txt, "text/plain"),
        ("rows.csv", FileKind::Csv, "text/csv"),
        ("letter.rtf", FileKind::Rtf, "application/rtf"),
    ] {
        let bytes = fixture(name);
        assert_eq!(sniff(&bytes, name), Some(kind), "{name}");
        assert_eq!(media_type(kind), media, "{name}");
        // The name does not decide: the same bytes under another name are the same kind
        // (apart from text, where only the name tells CSV from TXT).
        if !matches!(kind, FileKind::Txt | FileKind::Csv) {
            assert_eq!(sniff(&bytes, "renamed.bin"), Some(kind), "{name} renamed");
        }
    }
}

#[test]
fn a_program_named_pdf_is_refused_with_the_kinds_allowed() {
    let (kind, problems) = check_file(
        "program.pdf",
        &fixture("program.pdf"),
        &AttachmentPolicy::default(),
    );
    assert_eq!(kind, None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Error);
    assert_eq!(
        problems[0].message,
        "The selected file must be a PDF, DOCX, XLSX, ODT, DOC, JPG, PNG, HEIC, TXT, CSV or RTF"
    );
    let narrow = AttachmentPolicy {
        allowed_types: vec![FileKind::Pdf, FileKind::Jpeg],
        ..AttachmentPolicy::default()
    };
    let (kind, problems) = check_file("plan.docx", &fixture("plan.docx"), &narrow);
    assert_eq!(kind, Some(FileKind::Docx), "the kind is still said");
    assert_eq!(
        problems[0].message,
        "The selected file must be a PDF or JPG"
    );
}

#[test]
fn an_empty_file_a_big_file_and_a_protected_pdf() {
    let policy = AttachmentPolicy::default();
    let (_, p) = check_file("empty.pdf", &fixture("empty.pdf"), &policy);
    assert_eq!(p[0].message, "The selected file is empty");
    let (_, p) = check_file("report.pdf", &fixture("report.pdf"), &policy);
    assert!(p.is_empty(), "{p:?}");
    let small = AttachmentPolicy {
        max_bytes: 512,
        ..AttachmentPolicy::default()
    };
    let (_, p) = check_file("report.pdf", &fixture("report.pdf"), &small);
    assert_eq!(p[0].message, "The selected file must be smaller than 1KB");
    assert_eq!(p[0].severity, Severity::Error);
    let (_, p) = check_file("protected.pdf", &fixture("protected.pdf"), &policy);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Warning);
    assert!(p[0]
        .message
        .starts_with("The selected PDF is protected with a password"));
    assert_eq!(megabytes(10 * 1024 * 1024), "10MB");
    assert_eq!(megabytes(1536 * 1024), "1536KB");
}

#[test]
fn the_same_file_twice_and_too_many_files() {
    let policy = AttachmentPolicy {
        max_files: 2,
        ..AttachmentPolicy::default()
    };
    let files = [
        ("report.pdf", "AB12"),
        ("plan.docx", "cd34"),
        ("report copy.pdf", "ab12"),
    ];
    let problems = check_set(&files, &policy);
    let messages: Vec<(usize, &str)> = problems
        .iter()
        .map(|(i, p)| (*i, p.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                2,
                "The selected file is the same as report.pdf, which is already attached"
            ),
            (2, "You can attach up to 2 files"),
        ]
    );
    assert!(check_set(&files[..2], &policy).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    /// Random bytes, and random bytes behind each signature, never panic the checks.
    #[test]
    fn no_bytes_panic_the_checks(
        head in prop::sample::select(vec![&b""[..], b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x00\x00\x00\x18ftyp", b"{\\rtf", b"\xff\xd8\xff"]),
        tail in prop::collection::vec(any::<u8>(), 0..4096),
        zip_end in any::<bool>(),
    ) {
        let mut bytes = head.to_vec();
        bytes.extend(&tail);
        if zip_end {
            // A central directory end record pointing anywhere.
            bytes.extend([0x50, 0x4b, 0x05, 0x06]);
            bytes.extend(tail.iter().take(18));
        }
        let _ = sniff(&bytes, "x.csv");
        let _ = check_file("x.pdf", &bytes, &AttachmentPolicy::default());
    }
}
