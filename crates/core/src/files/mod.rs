//! Documents attached as evidence, checked the same way in the browser, by `sen-check` and by
//! the receiver: what kind of file it is, decided from its bytes and not its name
//! ([`sniff`]); an empty file; the council's size limit, number of files and kinds allowed
//! (the profile's `attachments`); the same file twice (by its SHA-256); and a PDF protected
//! with a password, which the panel cannot open (a warning).

mod check;
mod sniff;
mod zip;

pub use check::{check_file, check_set, megabytes, FileProblem};
pub use sniff::{is_password_protected_pdf, media_type, sniff};
