//! `--attachments DIR`: the files themselves. Each attachment's file is found in DIR by its
//! `filename`, or named by its `sha256`; it is read a chunk at a time, hashed (SHA-256) and
//! checked by the core's `FileCheck` against the profile's policy, then compared with what the
//! application says of it (`files::stored::compare`, shared with the receiver).

use sen_core::text::Catalogue;
use std::io::Read;
use std::path::{Path, PathBuf};

use sen_core::files::stored::{self, hex, is_sha256, FoundFile};
use sen_core::files::FileCheck;
use sen_core::model::Attachment;
use sen_core::profile::AttachmentPolicy;
use sen_core::report::Issue;
use sha2::{Digest, Sha256};

/// How much of a file is read at a time.
const CHUNK: usize = 64 * 1024;

/// The file in `dir` an attachment names: by its file name (a plain name only, never a path
/// out of the folder), else by its SHA-256.
fn file_for(dir: &Path, a: &Attachment) -> Option<PathBuf> {
    let by_name = a
        .filename
        .as_deref()
        .filter(|n| Path::new(n).file_name().and_then(|f| f.to_str()) == Some(n))
        .map(|n| dir.join(n));
    let by_hash = a
        .sha256
        .as_deref()
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| is_sha256(h))
        .map(|h| dir.join(h));
    [by_name, by_hash]
        .into_iter()
        .flatten()
        .find(|p| p.is_file())
}

/// Reads a file through the hash and the checks.
fn read(path: &Path, name: &str) -> std::io::Result<FoundFile> {
    let mut file = std::fs::File::open(path)?;
    let mut hash = Sha256::new();
    let mut check = FileCheck::new(name);
    let mut buffer = vec![0; CHUNK];
    loop {
        let n = file.read(&mut buffer)?;
        let Some(chunk) = buffer.get(..n).filter(|c| !c.is_empty()) else {
            break;
        };
        hash.update(chunk);
        check.update(chunk);
    }
    Ok(FoundFile {
        sha256: hex(&hash.finalize()),
        facts: check.finish(),
    })
}

/// The issues of the application's attachments against their files in `dir`; an error (the
/// folder or a file cannot be read) as a message.
pub fn check(
    dir: &Path,
    attachments: &[Attachment],
    policy: &AttachmentPolicy,
) -> Result<Vec<Issue>, String> {
    let texts = Catalogue::english();
    if !dir.is_dir() {
        return Err(texts.format("cli.error.attachments-folder", &[("path", &dir.display())]));
    }
    let mut unreadable = None;
    let issues = stored::compare(attachments, policy, |a| {
        let path = file_for(dir, a)?;
        match read(&path, a.filename.as_deref().unwrap_or_default()) {
            Ok(found) => Some(found),
            Err(e) => {
                unreadable.get_or_insert(texts.format(
                    "cli.error.read",
                    &[("path", &path.display()), ("error", &e)],
                ));
                None
            }
        }
    });
    match unreadable {
        Some(e) => Err(e),
        None => Ok(issues),
    }
}
