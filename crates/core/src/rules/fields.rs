//! Field-level checks: required answers (F-01, from the field table and the profile) and the
//! `validator` declarations on the model (lengths, formats, ranges), turned into issues whose
//! words name the field.

use serde_json::Value;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

use super::field_specs::{
    self, is_required, label_for_in, label_in_sentence_in, missing_message, the, Kind, FIELDS,
};
use super::{is_answered, ptr, Ctx, Finding};
use crate::json::At;
use crate::spec::order::wire_name;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    required(ctx, out);
    if let Err(errors) = ctx.app.validate() {
        walk(ctx, &errors, "", out);
    }
}

/// F-01: every required field of every item present in the document is answered.
fn required(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for spec in FIELDS.iter().filter(|s| is_required(s, ctx.profile)) {
        let mut pointers = Vec::new();
        expand(
            doc,
            spec.pattern.trim_start_matches('/'),
            &At::Root,
            &|v| !is_answered(v),
            &mut pointers,
        );
        for (pointer, _) in pointers {
            let message = missing_message(
                ctx.texts,
                spec.kind,
                &label_in_sentence_in(&pointer, ctx.profile, ctx.texts),
            );
            out.push(Finding::new("F-01", pointer, message));
        }
    }
}

/// Expands a pattern over the document: `*` visits every index of the list that is there.
/// Yields each concrete pointer with its value (absent when not answered) that is `wanted`;
/// the place is kept as a chain on the stack and its pointer written only for those.
fn expand<'a>(
    value: &'a Value,
    rest: &str,
    at: &At<'_>,
    wanted: &dyn Fn(Option<&Value>) -> bool,
    out: &mut Vec<(String, Option<&'a Value>)>,
) {
    let (head, tail) = match rest.split_once('/') {
        Some((h, t)) => (h, Some(t)),
        None => (rest, None),
    };
    if head == "*" {
        if let Value::Array(items) = value {
            for (i, item) in items.iter().enumerate() {
                let here = At::Index(at, i);
                match tail {
                    Some(t) => expand(item, t, &here, wanted, out),
                    None if wanted(Some(item)) => out.push((here.pointer(), Some(item))),
                    None => {}
                }
            }
        }
        return;
    }
    let child = value.get(head);
    let here = At::Key(at, head);
    match (tail, child) {
        (None, c) if wanted(c) => out.push((here.pointer(), c)),
        (None, _) => {}
        (Some(t), Some(c)) => expand(c, t, &here, wanted, out),
        // A parent object that is absent: its required leaves are missing, unless the path
        // goes through a list (nothing to visit).
        (Some(t), None) => {
            if !t.contains('*') && wanted(None) {
                out.push((format!("{}/{t}", here.pointer()), None));
            }
        }
    }
}

fn walk(ctx: &Ctx<'_>, errors: &ValidationErrors, base: &str, out: &mut Vec<Finding>) {
    for (field, kind) in errors.errors() {
        let p = ptr(base, wire_name(field));
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    if let Some(f) = finding(ctx, e, &p) {
                        out.push(f);
                    }
                }
            }
            ValidationErrorsKind::Struct(inner) => walk(ctx, inner, &p, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    walk(ctx, inner, &ptr(&p, i), out);
                }
            }
        }
    }
}

fn finding(ctx: &Ctx<'_>, e: &ValidationError, pointer: &str) -> Option<Finding> {
    let profile = ctx.profile;
    let label = label_for_in(pointer, profile, ctx.texts);
    let l = label_in_sentence_in(pointer, profile, ctx.texts);
    let with_label = |id: &str| ctx.say_with(id, &[("label", &label)]);
    let kind = field_specs::spec_for(pointer).map(|s| s.kind);
    let (rule, message) = match e.code.as_ref() {
        "length" => {
            let max = e.params.get("max").and_then(Value::as_u64).unwrap_or(0);
            (
                "F-02",
                ctx.say_with("rule.F-02.length", &[("label", &label), ("max", &max)]),
            )
        }
        "F-02" => ("F-02", with_label("rule.F-02.entries")),
        "F-03" if kind == Some(Kind::Phone) => (
            "F-03",
            ctx.say_with("rule.F-03.phone", &[("label", &the(ctx.texts, &l))]),
        ),
        "F-03" => (
            "F-03",
            ctx.say_with("rule.F-03.email", &[("label", &the(ctx.texts, &l))]),
        ),
        "F-04" => {
            let n = match kind {
                Some(Kind::Digits(n)) => n,
                _ => 0,
            };
            (
                "F-04",
                ctx.say_with("rule.F-04.digits", &[("label", &label), ("n", &n)]),
            )
        }
        "F-05" => ("F-05", with_label("rule.F-05.negative")),
        "F-06" => ("F-06", with_label("rule.F-06.date")),
        "V-96" => ("V-96", with_label("rule.V-96.postcode")),
        "V-97" => ("V-97", with_label("rule.V-97.percentage")),
        _ => return None,
    };
    Some(Finding::new(rule, pointer, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names() {
        assert_eq!(wire_name("attendance_pct12m"), "attendancePct12m");
        assert_eq!(wire_name("setting_type"), "type");
        assert_eq!(wire_name("dob"), "dob");
    }

    #[test]
    fn expands_patterns() {
        let doc = serde_json::json!({"parents": [{"surname": "A"}, {}], "child": {}});
        let mut out = Vec::new();
        expand(&doc, "parents/*/surname", &At::Root, &|_| true, &mut out);
        let ps: Vec<_> = out.iter().map(|(p, v)| (p.as_str(), v.is_some())).collect();
        assert_eq!(
            ps,
            vec![("/parents/0/surname", true), ("/parents/1/surname", false)]
        );
        out.clear();
        expand(&doc, "setting/senco/name", &At::Root, &|_| true, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].0, "/setting/senco/name");
    }
}
