#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! `sen-check --attachments DIR` through the real binary: the files an application names,
//! found in a folder by name or by hash, hashed, checked and compared with what the
//! application says of them; problems in the report and the exit code, a folder or a file that
//! cannot be read a clear error. The application is a copy of S01 whose attachments carry the
//! SHA-256 and size of the files in `tests/fixtures/files/s01/`.

mod common;

use std::path::{Path, PathBuf};

use common::{code, repo, run, stderr, temp};
use sen_core::report::Report;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn documents_dir() -> PathBuf {
    repo().join("tests/fixtures/files/s01")
}

fn sha256(bytes: &[u8]) -> String {
    sen_core::files::stored::hex(&Sha256::digest(bytes))
}

/// S01 with each attachment's hash and size those of its file.
fn s01_with_documents() -> Value {
    let mut app = common::scenario("S01-complete-valid");
    for a in app["attachments"].as_array_mut().unwrap() {
        let bytes = std::fs::read(documents_dir().join(a["filename"].as_str().unwrap())).unwrap();
        a["sha256"] = sha256(&bytes).into();
        a["sizeBytes"] = bytes.len().into();
    }
    app
}

/// A new empty folder for this test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sen-check-files-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A folder with S01's documents, each under the name `rename` gives it.
fn copy_documents(name: &str, rename: impl Fn(&str, &[u8]) -> String) -> PathBuf {
    let dir = folder(name);
    for entry in std::fs::read_dir(documents_dir()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let file = path.file_name().unwrap().to_str().unwrap().to_owned();
        std::fs::write(dir.join(rename(&file, &bytes)), &bytes).unwrap();
    }
    dir
}

/// `sen-check --json --attachments dir` on `app`.
fn check(app: &Value, dir: &Path, name: &str) -> std::process::Output {
    let file = temp(&format!("{name}.json"), app.to_string().as_bytes());
    run(&[
        "--profile",
        "stockton-one-point",
        "--today",
        "2025-04-30",
        "--json",
        "--attachments",
        dir.to_str().unwrap(),
        file.to_str().unwrap(),
    ])
}

fn errors(o: &std::process::Output) -> Vec<(String, String)> {
    let report: Report = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    report
        .issues
        .iter()
        .filter(|i| i.severity == sen_core::Severity::Error)
        .map(|i| (i.pointer.clone(), i.message.clone()))
        .collect()
}

#[test]
fn the_documents_found_by_name_or_by_hash_complete_the_application() {
    let app = s01_with_documents();
    let o = check(&app, &documents_dir(), "by-name");
    assert_eq!(code(&o), 0, "{:?}", errors(&o));
    let by_hash = copy_documents("by-hash", |_, bytes| sha256(bytes));
    let o = check(&app, &by_hash, "by-hash");
    assert_eq!(code(&o), 0, "{:?}", errors(&o));
    // The text report says so too.
    let file = temp("text.json", app.to_string().as_bytes());
    let o = run(&[
        "--today",
        "2025-04-30",
        "--attachments",
        documents_dir().to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Complete: yes"));
    let _ = std::fs::remove_dir_all(by_hash);
}

#[test]
fn files_missing_changed_or_described_wrongly_are_errors_at_their_pointers() {
    let dir = copy_documents("wrong", |name, _| name.to_owned());
    std::fs::remove_file(dir.join("ep-report.pdf")).unwrap();
    let mut changed = std::fs::read(dir.join("apdr-records.pdf")).unwrap();
    changed.extend_from_slice(b"% a line added after it was attached\n");
    std::fs::write(dir.join("apdr-records.pdf"), &changed).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/files/program.pdf"),
        dir.join("consent-signed.pdf"),
    )
    .unwrap();
    let mut app = s01_with_documents();
    app["attachments"][1]["mimeType"] = "image/jpeg".into();
    app["attachments"][0]["sizeBytes"] = 1.into();
    let o = check(&app, &dir, "wrong");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let size = std::fs::metadata(dir.join("sen-support-plan.pdf"))
        .unwrap()
        .len();
    let changed_size = changed.len();
    let program_size = std::fs::metadata(dir.join("consent-signed.pdf"))
        .unwrap()
        .len();
    assert_eq!(
        errors(&o),
        [
            (
                "/attachments/0/sizeBytes".to_owned(),
                format!("The file sen-support-plan.pdf is {size} bytes, not 1 bytes: attach it again")
            ),
            (
                "/attachments/1/mimeType".to_owned(),
                "The file costed-provision-map.pdf is a PDF file (application/pdf), not image/jpeg: attach it again".to_owned()
            ),
            (
                "/attachments/2/sha256".to_owned(),
                "The file ep-report.pdf has not been received: attach it again".to_owned()
            ),
            (
                "/attachments/3/sizeBytes".to_owned(),
                format!("The file apdr-records.pdf is {changed_size} bytes, not {} bytes: attach it again", changed_size - 37)
            ),
            (
                "/attachments/3/sha256".to_owned(),
                "The file apdr-records.pdf is not the one attached (its SHA-256 checksum differs): attach it again".to_owned()
            ),
            (
                "/attachments/4/sizeBytes".to_owned(),
                format!("The file consent-signed.pdf is {program_size} bytes, not 604 bytes: attach it again")
            ),
            (
                "/attachments/4/sha256".to_owned(),
                "The file consent-signed.pdf is not the one attached (its SHA-256 checksum differs): attach it again".to_owned()
            ),
            (
                "/attachments/4/sha256".to_owned(),
                "The selected file must be a PDF, DOCX, XLSX, ODT, DOC, JPG, PNG, HEIC, TXT, CSV or RTF".to_owned()
            ),
        ]
    );
    // In field order, as every report: a document's size before its checksum.
    // Without --attachments the files are not looked at.
    let file = temp("no-files.json", app.to_string().as_bytes());
    let o = run(&["--today", "2025-04-30", "--json", file.to_str().unwrap()]);
    assert!(
        errors(&o).iter().all(|(p, _)| !p.ends_with("/sizeBytes")),
        "{:?}",
        errors(&o)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_name_is_never_a_path_out_of_the_folder() {
    let dir = folder("outside");
    let mut app = s01_with_documents();
    let outside = documents_dir().join("ep-report.pdf");
    app["attachments"][2]["filename"] = format!("../{}", outside.display()).into();
    app["attachments"][2]
        .as_object_mut()
        .unwrap()
        .remove("sha256");
    let o = check(&app, &dir, "outside");
    assert_eq!(code(&o), 1);
    assert!(errors(&o).iter().any(|(p, _)| p == "/attachments/2/sha256"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_folder_or_a_file_that_cannot_be_read_is_a_clear_error() {
    let app = s01_with_documents();
    let nowhere = std::env::temp_dir().join("sen-check-no-such-folder");
    let o = check(&app, &nowhere, "nowhere");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains(&format!(
            "cannot read the attachments folder {}",
            nowhere.display()
        )),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    // A file that is there but cannot be read (reading /proc/self/mem from its start fails).
    let dir = copy_documents("unreadable", |name, _| name.to_owned());
    std::fs::remove_file(dir.join("ep-report.pdf")).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", dir.join("ep-report.pdf")).unwrap();
    let o = check(&app, &dir, "unreadable");
    assert_eq!(code(&o), 2, "{}", String::from_utf8_lossy(&o.stdout));
    assert!(
        stderr(&o).contains(&format!(
            "cannot read {}",
            dir.join("ep-report.pdf").display()
        )),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(dir);
}
