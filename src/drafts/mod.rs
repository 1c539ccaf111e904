//! Drafts: the answers kept on this device while they are written. `draft.rs` is the format
//! (pure), `store.rs` the browser's storage, `file_store.rs` the attached files kept with a
//! draft, `school.rs` the school's details remembered for the next application, `tabs.rs`
//! two tabs on one draft, and `driver.rs` what is done with them on top of the form's state.

pub mod draft;
pub mod driver;
pub mod file_store;
pub mod school;
pub mod store;
pub mod tabs;
