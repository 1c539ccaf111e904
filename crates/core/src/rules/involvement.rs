//! TODO
use super::{Ctx, Finding};

pub fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Finding>) {}
