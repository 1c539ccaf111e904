#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The file checks on a stream (`sen_core::files::FileCheck`): fed in chunks of any sizes, they
//! give what `check_file` gives for the whole bytes, for every fixture document and for files
//! larger than what the checker keeps (a ZIP directory, `/Encrypt` and the Word stream's name
//! far into the file, across chunk boundaries); and the comparison of an application's
//! attachments with the files found (`files::stored`), in the report's shape.

use proptest::prelude::*;
use sen_core::codes::FileKind;
use sen_core::files::stored::{self, FoundFile};
use sen_core::files::{check_file, FileCheck, FileFacts, ProblemKind, TAIL_LEN};
use sen_core::model::Attachment;
use sen_core::profile::AttachmentPolicy;
use sen_core::report::{SectionStatus, Severity};

fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/files")
}

/// Every fixture document (`tests/fixtures/files/` and `s01/`), by name.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in [fixtures_dir(), fixtures_dir().join("s01")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_file() && !name.ends_with(".py") {
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 19, "{} fixtures", out.len());
    out
}

/// A ZIP archive of stored (uncompressed) entries, its central directory at the end.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let header = |sig: &[u8], out: &mut Vec<u8>| {
            out.extend(sig);
            out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version … crc
            out.extend((data.len() as u32).to_le_bytes());
            out.extend((data.len() as u32).to_le_bytes());
            out.extend((name.len() as u16).to_le_bytes());
            out.extend([0, 0]);
        };
        header(b"PK\x03\x04", &mut out);
        out.extend(name.as_bytes());
        out.extend(*data);
        directory.extend(b"PK\x01\x02");
        directory.extend([20, 0]);
        header(&[], &mut directory);
        directory.extend([0; 10]); // comment length, disk, attributes
        directory.extend(offset.to_le_bytes());
        directory.extend(name.as_bytes());
    }
    let start = out.len() as u32;
    let count = entries.len() as u16;
    out.extend(&directory);
    out.extend(b"PK\x05\x06\0\0\0\0");
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend([0, 0]);
    out
}

/// Documents larger than what the checker keeps of them, with what decides their kind far in.
fn large_documents() -> Vec<(&'static str, Vec<u8>, Option<FileKind>, bool)> {
    let filler = vec![b'x'; 3 * TAIL_LEN];
    let docx = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/media/scan.bin", &filler),
        ("word/document.xml", b"<w:document/>"),
    ]);
    let xlsx = zip(&[("xl/media/big.bin", &filler), ("xl/workbook.xml", b"<w/>")]);
    let other_zip = zip(&[("readme.txt", &filler)]);
    let mut encrypted = b"%PDF-1.4\n".to_vec();
    encrypted.extend(&filler);
    encrypted.extend(b"trailer << /Encrypt 9 0 R >>\n%%EOF\n");
    let mut plain_pdf = b"%PDF-1.4\n".to_vec();
    plain_pdf.extend(&filler);
    let mut doc = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    doc.extend(&filler);
    doc.extend(b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0");
    let mut not_doc = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    not_doc.extend(&filler);
    let mut text = "Notes — £5\n".repeat(100_000).into_bytes();
    let long_text = text.clone();
    text.push(0x07); // a control character at the very end
    vec![
        ("big.docx", docx, Some(FileKind::Docx), false),
        ("big.xlsx", xlsx, Some(FileKind::Xlsx), false),
        ("other.zip", other_zip, None, false),
        ("encrypted.pdf", encrypted, Some(FileKind::Pdf), true),
        ("plain.pdf", plain_pdf, Some(FileKind::Pdf), false),
        ("big.doc", doc, Some(FileKind::Doc), false),
        ("sheet.xls", not_doc, None, false),
        ("notes.txt", long_text, Some(FileKind::Txt), false),
        ("bell.txt", text, None, false),
    ]
}

/// What the checker finds when fed `bytes` cut at the sizes given (cycled, zeros allowed).
fn chunked(name: &str, bytes: &[u8], sizes: &[usize]) -> FileFacts {
    let mut check = FileCheck::new(name);
    let mut rest = bytes;
    let mut sizes = sizes.iter().cycle();
    while !rest.is_empty() {
        let n = (*sizes.next().unwrap()).min(rest.len());
        let (chunk, after) = rest.split_at(n);
        check.update(chunk);
        rest = after;
        // Zero-sized chunks alone never end the loop: force progress.
        if n == 0 {
            let (chunk, after) = rest.split_at(1);
            check.update(chunk);
            rest = after;
        }
    }
    check.finish()
}

#[test]
fn large_documents_are_known_by_what_lies_far_into_them() {
    for (name, bytes, kind, protected) in large_documents() {
        let facts = FileCheck::whole(name, &bytes);
        assert_eq!(facts.kind, kind, "{name}");
        assert_eq!(facts.password_protected, protected, "{name}");
        assert_eq!(facts.size, bytes.len() as u64, "{name}");
        // A byte at a time: every boundary is crossed.
        if bytes.len() < 2_000_000 {
            assert_eq!(chunked(name, &bytes, &[1]), facts, "{name} byte by byte");
        }
        assert_eq!(chunked(name, &bytes, &[65_536]), facts, "{name} in 64 KiB");
        assert_eq!(
            chunked(name, &bytes, &[7, 4093]),
            facts,
            "{name} in odd chunks"
        );
    }
}

#[test]
fn a_reader_stops_at_the_limit() {
    let policy = AttachmentPolicy {
        max_bytes: 1000,
        ..AttachmentPolicy::default()
    };
    let mut check = FileCheck::new("report.pdf");
    check.update(&[b'%'; 1000]);
    assert_eq!(check.over_limit(&policy), None);
    check.update(b"x");
    let p = check.over_limit(&policy).unwrap();
    assert_eq!(p.kind, ProblemKind::TooLarge);
    assert_eq!(p.message, "The selected file must be smaller than 1KB");
    assert_eq!(check.size(), 1001);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every fixture, cut into random chunks, gives the kind and problems of the whole bytes.
    #[test]
    fn chunked_and_whole_agree_on_every_fixture(
        sizes in prop::collection::vec(prop_oneof![0usize..12, 0usize..1500], 1..12),
        max_bytes in prop::sample::select(vec![1u64, 100, 600, 10 * 1024 * 1024]),
    ) {
        let policy = AttachmentPolicy { max_bytes, ..AttachmentPolicy::default() };
        for (name, bytes) in fixtures() {
            let facts = chunked(&name, &bytes, &sizes);
            let (kind, problems) = check_file(&name, &bytes, &policy);
            prop_assert_eq!(facts.kind, kind, "{}", name);
            prop_assert_eq!(facts.problems(&policy), problems, "{}", name);
            prop_assert_eq!(facts.size, bytes.len() as u64);
        }
    }

    /// Random bytes behind each signature, in random chunks, agree with the whole bytes.
    #[test]
    fn chunked_and_whole_agree_on_random_bytes(
        head in prop::sample::select(vec![&b""[..], b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x00\x00\x00\x18ftypheic", b"{\\rtf", b"\xef\xbb\xbf"]),
        tail in prop::collection::vec(any::<u8>(), 0..3000),
        text in "[a-z£€\u{1f600} ,\n]{0,600}",
        needle in prop::sample::select(vec![&b""[..], b"/Encrypt", b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", b"\xe2\x82\xac"]),
        at in any::<prop::sample::Index>(),
        sizes in prop::collection::vec(prop_oneof![0usize..12, 0usize..700], 1..8),
    ) {
        let mut bytes = head.to_vec();
        bytes.extend(text.as_bytes());
        if tail.len() % 3 == 0 {
            bytes.extend(&tail);
        }
        let at = head.len() + at.index(bytes.len() - head.len() + 1);
        bytes.splice(at..at, needle.iter().copied());
        let whole = FileCheck::whole("x.csv", &bytes);
        prop_assert_eq!(chunked("x.csv", &bytes, &sizes), whole);
    }

    /// The large documents in random chunks.
    #[test]
    fn chunked_and_whole_agree_on_large_documents(
        sizes in prop::collection::vec(1usize..200_000, 1..6),
    ) {
        for (name, bytes, kind, _) in large_documents() {
            prop_assert_eq!(chunked(name, &bytes, &sizes).kind, kind, "{}", name);
        }
    }
}

fn attachment(name: &str, sha256: &str, size: u64, mime: &str) -> Attachment {
    Attachment {
        id: Some("a1".into()),
        filename: Some(name.into()),
        sha256: Some(sha256.into()),
        size_bytes: Some(size),
        mime_type: Some(mime.into()),
        ..Attachment::default()
    }
}

fn found(sha256: &str, kind: Option<FileKind>, size: u64) -> FoundFile {
    FoundFile {
        sha256: sha256.into(),
        facts: FileFacts {
            kind,
            size,
            password_protected: false,
        },
    }
}

const H1: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const H2: &str = "2222222222222222222222222222222222222222222222222222222222222222";

#[test]
fn attachments_are_compared_with_the_files_found() {
    let policy = AttachmentPolicy {
        allowed_types: vec![FileKind::Pdf, FileKind::Jpeg],
        ..AttachmentPolicy::default()
    };
    let list = [
        attachment("report.pdf", H1, 611, "application/pdf"),
        attachment("missing.pdf", H2, 600, "application/pdf"),
        attachment("photo.pdf", H1, 10, "application/pdf"),
        attachment(
            "plan.docx",
            &H1.to_ascii_uppercase(),
            368,
            "application/pdf",
        ),
        Attachment {
            size_bytes: None,
            mime_type: None,
            ..attachment("other.pdf", H2, 0, "")
        },
    ];
    let mut asked = Vec::new();
    let issues = stored::compare(&list, &policy, |a| {
        asked.push(a.filename.clone().unwrap());
        match a.filename.as_deref() {
            Some("report.pdf") => Some(found(H1, Some(FileKind::Pdf), 611)),
            Some("photo.pdf") => Some(found(H1, Some(FileKind::Jpeg), 22)),
            Some("plan.docx") => Some(found(H1, Some(FileKind::Docx), 368)),
            Some("other.pdf") => Some(found(H1, Some(FileKind::Pdf), 611)),
            _ => None,
        }
    });
    assert_eq!(asked.len(), 5, "each attachment looked for once");
    let got: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.pointer.as_str(), i.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("/attachments/1/sha256", "The file missing.pdf has not been received: attach it again"),
            ("/attachments/2/sizeBytes", "The file photo.pdf is 22 bytes, not 10 bytes: attach it again"),
            ("/attachments/2/mimeType", "The file photo.pdf is a JPG file (image/jpeg), not application/pdf: attach it again"),
            ("/attachments/3/sha256", "The selected file must be a PDF or JPG"),
            ("/attachments/3/mimeType", "The file plan.docx is a DOCX file (application/vnd.openxmlformats-officedocument.wordprocessingml.document), not application/pdf: attach it again"),
            ("/attachments/4/sha256", "The file other.pdf is not the one attached (its SHA-256 checksum differs): attach it again"),
        ]
    );
    assert!(issues.iter().all(|i| i.severity == Severity::Error
        && i.section == "attachments"
        && i.rule_id == stored::RULE));
    // A media type's parameters and case do not matter; an agreeing file gives nothing.
    let fine = [attachment(
        "report.pdf",
        H1,
        611,
        "Application/PDF; name=report.pdf",
    )];
    assert!(stored::compare(&fine, &policy, |_| Some(found(
        H1,
        Some(FileKind::Pdf),
        611
    )))
    .is_empty());
}

#[test]
fn an_empty_or_protected_file_found_is_said_in_the_widget_s_words() {
    let policy = AttachmentPolicy::default();
    let list = [attachment("empty.pdf", H1, 0, "application/pdf")];
    let issues = stored::compare(&list, &policy, |_| Some(found(H1, None, 0)));
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].message, "The selected file is empty");
    let protected = FoundFile {
        sha256: H1.into(),
        facts: FileFacts {
            kind: Some(FileKind::Pdf),
            size: 943,
            password_protected: true,
        },
    };
    let list = [attachment("protected.pdf", H1, 943, "application/pdf")];
    let issues = stored::compare(&list, &policy, |_| Some(protected.clone()));
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].severity, Severity::Warning);
}

#[test]
fn issues_added_to_a_report_count_and_keep_its_order() {
    let s01 = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/scenarios/S01-complete-valid.json"),
    )
    .unwrap();
    let mut report = sen_core::api::check(
        &s01,
        sen_core::api::ProfileChoice::FromDocument,
        "2025-04-30",
    )
    .unwrap();
    assert!(report.complete);
    let before = report.clone();
    stored::add_to_report(&mut report, Vec::new());
    assert_eq!(report, before, "no issues, no change");
    let app = sen_core::wire::parse_application(&s01).unwrap();
    let list = app.attachments.clone().unwrap();
    // Every document S01 names is found as it describes it, but the educational
    // psychologist's report (a3), which was never received.
    let issues = stored::compare(&list, &AttachmentPolicy::default(), |a| {
        (a.id.as_deref() != Some("a3")).then(|| {
            found(
                a.sha256.as_deref().unwrap(),
                Some(FileKind::Pdf),
                a.size_bytes.unwrap(),
            )
        })
    });
    assert_eq!(issues.len(), 1);
    let warnings = report.counts.warnings;
    stored::add_to_report(&mut report, issues);
    assert!(!report.complete);
    assert_eq!(report.counts.errors, 1);
    assert_eq!(report.counts.warnings, warnings);
    let section = report
        .sections
        .iter()
        .find(|s| s.id == "attachments")
        .unwrap();
    assert_eq!(
        (section.errors, section.status),
        (1, SectionStatus::HasErrors)
    );
    let place = report
        .issues
        .iter()
        .position(|i| i.pointer == "/attachments/2/sha256")
        .unwrap();
    // In section order: after every issue of an earlier section, before any of a later one.
    let index = |s: &str| sen_core::sections::index_of(s);
    for (n, i) in report.issues.iter().enumerate() {
        if n < place {
            assert!(index(&i.section) <= index("attachments"), "{i:?}");
        } else if n > place {
            assert!(index(&i.section) >= index("attachments"), "{i:?}");
        }
    }
    // The report reads back as the widget reads a 422.
    let json = sen_core::api::report_json(&report);
    assert!(json.contains("\"/attachments/2/sha256\""));
}

#[test]
fn text_is_csv_by_the_name_the_application_gives_it() {
    let policy = AttachmentPolicy {
        allowed_types: vec![FileKind::Csv],
        ..AttachmentPolicy::default()
    };
    let text = found(H1, Some(FileKind::Txt), 43);
    let list = [attachment("rows.csv", H1, 43, "text/csv")];
    assert!(stored::compare(&list, &policy, |_| Some(text.clone())).is_empty());
    let list = [attachment("rows.txt", H1, 43, "text/csv")];
    let issues = stored::compare(&list, &policy, |_| Some(text.clone()));
    let pointers: Vec<&str> = issues.iter().map(|i| i.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/attachments/0/sha256", "/attachments/0/mimeType"]
    );
    assert_eq!(text.facts.named("a.CSV").kind, Some(FileKind::Csv));
    let pdf = found(H1, Some(FileKind::Pdf), 1).facts;
    assert_eq!(pdf.named("a.csv"), pdf);
}

#[test]
fn hashes_are_named_in_lowercase_hex() {
    let lower = format!("ab{}", &H1[2..]);
    assert!(stored::is_sha256(H1));
    assert!(stored::is_sha256(&lower));
    assert!(!stored::is_sha256(&lower.to_ascii_uppercase()));
    assert!(!stored::is_sha256(&H1[1..]));
    assert!(!stored::is_sha256(&format!("{}g", &H1[1..])));
    assert_eq!(stored::hex(&[0x00, 0xab, 0x7f]), "00ab7f");
}
