//! The pure rules core of SEN Support Form.
//!
//! One core, three front doors: the browser widget, the `sen-check` CLI and the reference
//! receiver all ask this crate whether an application is complete. It does no I/O, reads no
//! clock and draws no random numbers: "today" is an argument. It never panics on user input:
//! any JSON in gives a [`report::Report`] or a clear [`wire::ParseError`] out.

// The derives in `sen-json-derive` name this crate as `::sen_core`, from inside it too.
extern crate self as sen_core;

pub mod api;
pub mod chart;
pub mod codes;
pub mod cost;
pub mod date;
pub mod derive;
pub mod display;
pub mod files;
pub mod flags;
pub mod form;
pub mod json;
pub mod json_text;
pub mod model;
pub mod money;
pub mod pack;
pub mod paste;
pub mod prefill;
pub mod profile;
pub mod questions;
pub mod report;
pub mod rules;
pub mod sample;
pub mod sections;
pub mod spec;
pub mod text;
pub mod totals;
pub mod wire;

pub use date::Date;
pub use model::Application;
pub use profile::Profile;
pub use report::{Report, Severity};
