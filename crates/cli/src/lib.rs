//! The `sen-check` command, as a library so that its tests can call its parts.

pub mod args;
pub mod attachments;
pub mod human;
pub mod pack;
pub mod schema;
pub mod today;
