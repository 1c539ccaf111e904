//! Every answer of a section as people read it, the rows the widget's check-your-answers page
//! shows: only what was answered, computed values left out, a "Which of these apply?" question
//! as one row, each list item as one row of its answers under its name, each provision row with
//! its cost a year and how it is worked out, and the provision map's totals. An APDR cycle's
//! review of each outcome is a row of its own here (check your answers asks it on its own page).

use serde_json::Value;

use super::{Item, Row, Section};
use crate::cost::{money, Totals};
use crate::display::Words;
use crate::flags::{group_of, FlagGroup};
use crate::form::{fields_under, item_fields, ListDef, LISTS};
use crate::profile::Profile;
use crate::rules::field_specs::{label_for_in, spec_for};
use crate::sections::{self, SectionDef};
use crate::text::Catalogue;

/// Every section the profile asks, in its order.
pub fn sections(
    doc: &Value,
    profile: &Profile,
    totals: &Totals,
    texts: &Catalogue,
) -> Vec<Section> {
    profile
        .sections
        .iter()
        .filter_map(|id| sections::by_id(id))
        .map(|def| section(doc, profile, def, totals, texts))
        .collect()
}

/// One section's answers.
pub fn section(
    doc: &Value,
    profile: &Profile,
    def: &SectionDef,
    totals: &Totals,
    texts: &Catalogue,
) -> Section {
    let direct: Vec<String> = def
        .keys
        .iter()
        .flat_map(|k| {
            fields_under(&format!("/{k}"))
                .map(|f| f.pattern.to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let items = LISTS
        .iter()
        .filter(|l| def.keys.contains(&sections::top_key(l.pointer)))
        .flat_map(|list| list_items(doc, profile, list, totals, texts))
        .collect();
    Section {
        id: def.id.to_owned(),
        title: profile.section_title_in(def.id, texts),
        rows: answered(doc, profile, direct, texts),
        items,
        totals: if def.id == "provision" {
            totals_rows(totals, texts)
        } else {
            Vec::new()
        },
    }
}

/// The answered fields among `pointers`, as rows. Yes/no answers asked as one question
/// (`flags`) are one row: the boxes ticked, or "None of these".
pub fn answered(
    doc: &Value,
    profile: &Profile,
    pointers: Vec<String>,
    texts: &Catalogue,
) -> Vec<Row> {
    answered_at(doc, profile, pointers, texts)
        .into_iter()
        .map(|(row, _)| row)
        .collect()
}

/// [`answered`], each row with the pointer of the field it answers (a "Which of these apply?"
/// question's: its first box), for a link back to it: the rows of the widget's check your
/// answers page.
pub fn answered_at(
    doc: &Value,
    profile: &Profile,
    pointers: Vec<String>,
    texts: &Catalogue,
) -> Vec<(Row, String)> {
    let mut groups_done: Vec<String> = Vec::new();
    pointers
        .into_iter()
        .filter_map(|ptr| {
            let spec = spec_for(&ptr)?;
            if let Some(group) = group_of(spec.pattern) {
                let parent = ptr.rsplit_once('/').map_or("", |(a, _)| a);
                let key = format!("{parent} {}", group.question);
                if groups_done.contains(&key) {
                    return None;
                }
                groups_done.push(key);
                return flag_row(doc, &ptr, group, texts);
            }
            let v = doc.pointer(&ptr)?;
            let shown = Words(texts)
                .local_authority(profile, spec.pattern, v)
                .unwrap_or_else(|| Words(texts).answer_in(doc, spec.pattern, spec.kind, v));
            Some((Row::new(label_for_in(&ptr, profile, texts), shown), ptr))
        })
        .collect()
}

/// A "Which of these apply?" question as one row, if any of its answers is given, with the
/// pointer of its first box.
pub fn flag_row(
    doc: &Value,
    pointer: &str,
    group: &FlagGroup,
    texts: &Catalogue,
) -> Option<(Row, String)> {
    let fields = group.fields_beside(pointer);
    let answers: Vec<(Option<bool>, String)> = fields
        .iter()
        .map(|(p, _)| {
            (
                doc.pointer(p).and_then(Value::as_bool),
                group.words_in(p, texts),
            )
        })
        .collect();
    if answers.iter().all(|(a, _)| a.is_none()) {
        return None;
    }
    let yes: Vec<String> = answers
        .iter()
        .filter(|(a, _)| *a == Some(true))
        .map(|(_, w)| w.clone())
        .collect();
    let shown = if yes.is_empty() {
        group.none_in(texts)
    } else {
        yes.join(texts.get("list.separator"))
    };
    let first = fields
        .into_iter()
        .next()
        .map(|(p, _)| p)
        .unwrap_or_default();
    Some((Row::new(group.question_in(texts), shown), first))
}

/// An attached file's details taken from the file rather than asked (its name is the item's
/// name; its size is shown in words).
fn from_the_file(pattern: &str) -> bool {
    pattern
        .strip_prefix("/attachments/*/")
        .is_some_and(|f| !matches!(f, "type" | "documentDate"))
}

/// The items of one list, each with its answers.
fn list_items(
    doc: &Value,
    profile: &Profile,
    list: &ListDef,
    totals: &Totals,
    texts: &Catalogue,
) -> Vec<Item> {
    let Some(values) = doc.pointer(list.pointer).and_then(Value::as_array) else {
        return Vec::new();
    };
    values
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let ptrs: Vec<String> = item_fields(list)
                .filter(|f| !f.pattern.contains("/review/outcome"))
                .filter(|f| !from_the_file(f.pattern))
                .map(|f| f.pattern.replacen('*', &i.to_string(), 1))
                .collect();
            let mut rows = answered(doc, profile, ptrs, texts);
            match list.pointer {
                "/provisionMap/rows" => rows.insert(0, row_cost(item, totals, i, texts)),
                "/apdrCycles" => rows.extend(reviewed_outcomes(doc, item, texts)),
                "/attachments" => {
                    if let Some(size) = item.get("sizeBytes").and_then(Value::as_u64) {
                        rows.push(Row::new(
                            texts.format("pack.answers.size", &[]),
                            Words(texts).file_size(size),
                        ));
                    }
                }
                _ => {}
            }
            // An outcome's text is one of its answers: its number is enough as its name.
            let name = if list.pointer == "/outcomes" {
                texts.format("display.outcome", &[("n", &i.saturating_add(1))])
            } else {
                Words(texts).item_name(list.pointer, i, item)
            };
            Item { name, rows }
        })
        .collect()
}

/// A provision row's cost a year and how it is worked out.
fn row_cost(item: &Value, totals: &Totals, i: usize, texts: &Catalogue) -> Row {
    let row = crate::json::from_value::<crate::model::ProvisionRow>(item).unwrap_or_default();
    let cost = totals
        .row_costs_pence
        .get(i)
        .copied()
        .flatten()
        .map_or_else(|| texts.format("pack.answers.not-worked-out", &[]), money);
    let working = crate::cost::working_in(&row, texts)
        .map(|w| texts.format("pack.answers.working", &[("working", &w)]))
        .unwrap_or_default();
    Row::new(
        texts.format("pack.answers.cost-a-year", &[]),
        texts.format(
            "pack.answers.cost",
            &[("cost", &cost), ("working", &working)],
        ),
    )
}

/// What a cycle's review found for each outcome, with its evidence.
fn reviewed_outcomes(doc: &Value, cycle: &Value, texts: &Catalogue) -> Vec<Row> {
    let Some(found) = cycle
        .pointer("/review/outcomeStatus")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    found
        .iter()
        .filter_map(|(id, status)| {
            let status = status.as_str()?;
            let label = crate::codes::ReviewStatus::from_code(status)
                .map_or_else(|| status.to_owned(), |s| s.label_in(texts).to_owned());
            let evidence = cycle
                .pointer(&format!("/review/outcomeEvidence/{id}"))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(|e| texts.format("pack.answers.evidence", &[("evidence", &e)]))
                .unwrap_or_default();
            Some(Row::new(
                texts.format(
                    "pack.answers.review-of",
                    &[("outcome", &Words(texts).referred(doc, "/outcomes", id))],
                ),
                texts.format(
                    "pack.answers.review",
                    &[("status", &label), ("evidence", &evidence)],
                ),
            ))
        })
        .collect()
}

/// The provision map's totals, with the words check your answers uses.
pub fn totals_rows(t: &Totals, texts: &Catalogue) -> Vec<Row> {
    if !t.not_worked_out.is_empty() {
        return vec![Row::new(
            texts.format("pack.totals.title", &[]),
            texts.format("pack.totals.not-worked-out", &[]),
        )];
    }
    let s = &t.subtotals;
    let mut rows = vec![Row::new(
        texts.format("pack.totals.total", &[]),
        money(t.total_pence),
    )];
    use crate::codes::FundingSource as F;
    for (source, pence) in [
        (F::NotionalSen, s.notional_sen_pence),
        (F::TopUpRequested, s.top_up_requested_pence),
        (F::PupilPremium, s.pupil_premium_pence),
        (F::OtherGrant, s.other_grant_pence),
        (F::FreeService, s.free_service_pence),
    ] {
        if pence != 0 {
            rows.push(Row::new(
                texts.format(
                    "pack.totals.paid-by",
                    &[("source", &source.label_in(texts))],
                ),
                money(pence),
            ));
        }
    }
    rows.push(Row::new(
        texts.format("pack.totals.threshold", &[]),
        money(t.threshold_pence),
    ));
    rows.push(Row::new(
        texts.format("pack.totals.school-contribution", &[]),
        money(t.school_contribution_pence),
    ));
    rows.push(Row::new(
        texts.format("pack.totals.top-up", &[]),
        money(t.requested_top_up_pence),
    ));
    rows
}
