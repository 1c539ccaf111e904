//! The single application (domain.md §1), as it travels on the wire: camelCase JSON, every field
//! optional so that a partial draft parses, unknown fields rejected. Money is integer pence and
//! dates are ISO `YYYY-MM-DD` strings (kept as text so a half-typed date survives in a draft; the
//! rules report dates that are not real).
//!
//! Field-level checks (lengths, formats, ranges) are declared here with `validator`; the
//! cross-field evidence rules live in `rules/`.

mod apdr;
mod application;
mod child;
mod consent;
mod evidence;
mod people;
mod provision;
mod request;
mod sessions;
mod setting;
mod text;

pub use apdr::*;
pub use application::*;
pub use child::*;
pub use consent::*;
pub use evidence::*;
pub use people::*;
pub use provision::*;
pub use request::*;
pub use sessions::*;
pub use setting::*;
pub use text::*;
