//! Documents attached as evidence, checked the same way in the browser, by `sen-check` and by
//! the receiver: what kind of file it is, decided from its bytes and not its name
//! ([`sniff`]); an empty file; the council's size limit, number of files and kinds allowed
//! (the profile's `attachments`); the same file twice (by its SHA-256); and a PDF protected
//! with a password, which the panel cannot open (a warning). The checks read a file whole
//! ([`check_file`]) or in chunks as it arrives ([`FileCheck`]), with the same answer. What an
//! application says of its files is compared with the files themselves by [`stored`].

mod check;
mod find;
mod sniff;
pub mod stored;
mod stream;
mod text;
mod zip;

pub use check::{
    check_file, check_file_in, check_set, check_set_in, megabytes, FileProblem, ProblemKind,
};
pub use sniff::{is_password_protected_pdf, media_type, sniff};
pub use stream::{FileCheck, FileFacts, TAIL_LEN};
