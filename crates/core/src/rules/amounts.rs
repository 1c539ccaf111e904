//! F-05: no amount of money above the council's bound (`funding.maxAmountPence`, £10,000,000
//! unless the profile sets another). Every amount the document states is an integer of pence
//! under a key ending in `Pence`; one above the bound is refused, never summed or saturated.

use serde_json::Value;

use super::field_specs::label_for_in;
use super::{money, Ctx, Finding};
use crate::json::At;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    walk(ctx, ctx.doc, &At::Root, out);
}

/// Every value of the document, where it is kept as a chain on the stack: its pointer is
/// written only for an amount over the bound, which most values are not.
fn walk(ctx: &Ctx<'_>, v: &Value, at: &At<'_>, out: &mut Vec<Finding>) {
    match v {
        Value::Object(map) => {
            for (k, item) in map {
                let here = At::Key(at, k);
                let over = item
                    .as_i64()
                    .is_some_and(|n| n > ctx.profile.funding.max_amount_pence);
                if k.ends_with("Pence") && over {
                    let pointer = here.pointer();
                    out.push(Finding::new(
                        "F-05",
                        pointer.clone(),
                        ctx.say_with(
                            "rule.F-05.above-bound",
                            &[
                                ("label", &label_for_in(&pointer, ctx.profile, ctx.texts)),
                                ("max", &money(ctx.profile.funding.max_amount_pence)),
                            ],
                        ),
                    ));
                }
                walk(ctx, item, &here, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(ctx, item, &At::Index(at, i), out);
            }
        }
        _ => {}
    }
}
