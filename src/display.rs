//! Answers as people read them: the core's wording (`sen_core::display`), so check your answers
//! and the evidence pack say the same.

pub use sen_core::display::*;
