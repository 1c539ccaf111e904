//! The pack as one self-contained HTML document: what the panel should know first (errors, the
//! warnings with the SENCo's justifications), the two charts each followed by its table, every
//! section in the profile's order, the documents, and the summary for parents. Every text is
//! escaped; the charts are the SVG text of `chart::svg::to_svg`, nothing else is drawn.

use std::fmt::Write;

use super::documents::Document;
use super::issues::Concern;
use super::page::{document as page, escape};
use super::parent::Summary;
use super::{Pack, Row, Section, COST_CHART_ID, TIMELINE_ID};
use crate::chart::{svg::to_svg, Chart, Table};
use crate::text::Catalogue;

/// "Label: answer", or "Question? Answer".
fn joined(label: &str) -> &'static str {
    if label.ends_with('?') {
        " "
    } else {
        ": "
    }
}

fn summary_list(out: &mut String, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    out.push_str(r#"<dl class="pack-list">"#);
    for r in rows {
        let _ = write!(
            out,
            r#"<div class="pack-row"><dt>{}</dt><dd>{}</dd></div>"#,
            escape(&r.question),
            escape(&r.answer)
        );
    }
    out.push_str("</dl>");
}

/// A text of the catalogue, escaped for HTML.
fn words(id: &str, texts: &Catalogue) -> String {
    escape(texts.get(id))
}

fn section(out: &mut String, s: &Section, documents: &[Document], texts: &Catalogue) {
    let _ = write!(
        out,
        r#"<section class="pack-part" aria-labelledby="part-{id}"><h2 id="part-{id}">{title}</h2>"#,
        id = escape(&s.id),
        title = escape(&s.title)
    );
    let is_documents = s.id == "attachments";
    let documents_shown = is_documents && !documents.is_empty();
    if s.is_empty() && !documents_shown {
        let _ = write!(out, "<p>{}</p>", words("pack.not-answered", texts));
    }
    summary_list(out, &s.rows);
    if is_documents {
        documents_table(out, documents, texts);
    } else if !s.items.is_empty() {
        out.push_str(r#"<dl class="pack-list">"#);
        for item in &s.items {
            let _ = write!(
                out,
                r#"<div class="pack-row"><dt>{}</dt><dd><ul class="pack-item">"#,
                escape(&item.name)
            );
            for r in &item.rows {
                let _ = write!(
                    out,
                    r#"<li><span class="pack-label">{}{}</span>{}</li>"#,
                    escape(&r.question),
                    joined(&r.question),
                    escape(&r.answer)
                );
            }
            out.push_str("</ul></dd></div>");
        }
        out.push_str("</dl>");
    }
    if !s.totals.is_empty() {
        let _ = write!(out, "<h3>{}</h3>", words("pack.totals.title", texts));
        summary_list(out, &s.totals);
    }
    out.push_str("</section>");
}

fn documents_table(out: &mut String, documents: &[Document], texts: &Catalogue) {
    if documents.is_empty() {
        let _ = write!(out, "<p>{}</p>", words("pack.documents.none", texts));
        return;
    }
    let _ = write!(
        out,
        r#"<div class="pack-scroll" role="region" aria-label="{c}" tabindex="0"><table class="pack-table"><caption>{c}</caption><thead><tr>"#,
        c = words("pack.documents.caption", texts)
    );
    for h in ["document", "type", "date", "size", "checksum"] {
        let _ = write!(
            out,
            r#"<th scope="col">{}</th>"#,
            words(&format!("pack.documents.{h}"), texts)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for d in documents {
        let _ = write!(
            out,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td class="pack-hash">{}</td></tr>"#,
            escape(&d.name),
            escape(&d.kind),
            escape(&d.date),
            escape(&d.size),
            escape(&d.short_hash)
        );
    }
    out.push_str("</tbody></table></div>");
}

/// A chart's table, its text alternative: the first cell of each row names it.
pub fn table(out: &mut String, t: &Table) {
    let _ = write!(
        out,
        r#"<div class="pack-scroll" role="region" aria-label="{c}" tabindex="0"><table class="pack-table"><caption>{c}</caption><thead><tr>"#,
        c = escape(&t.caption)
    );
    for h in &t.head {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (n, cell) in row.iter().enumerate() {
            if n == 0 {
                let _ = write!(out, r#"<th scope="row">{}</th>"#, escape(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

fn chart(out: &mut String, heading: &str, chart: Option<&Chart>, id: &str, missing: &str) {
    let _ = write!(out, "<h3>{}</h3>", escape(heading));
    match chart {
        Some(c) => {
            out.push_str(r#"<figure class="pack-chart">"#);
            out.push_str(&to_svg(c, id));
            out.push_str("</figure>");
            table(out, &c.table);
        }
        None => {
            let _ = write!(out, "<p>{}</p>", escape(missing));
        }
    }
}

fn concerns(out: &mut String, heading: &str, list: &[Concern], error: bool, texts: &Catalogue) {
    if list.is_empty() {
        return;
    }
    let _ = write!(out, "<h3>{}</h3>", escape(heading));
    for c in list {
        let _ = write!(
            out,
            r#"<div class="pack-concern{}"><p><strong>{}</strong> <span class="pack-where">({})</span></p>"#,
            if error { " pack-error" } else { "" },
            escape(&c.message),
            escape(&c.section)
        );
        if !error {
            match &c.justification {
                Some(j) => {
                    let _ = write!(
                        out,
                        r#"<p><span class="pack-label">{}</span>{}</p>"#,
                        words("pack.concern.explanation", texts),
                        escape(j)
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<p>{}</p>",
                        words("pack.concern.no-explanation", texts)
                    );
                }
            }
        }
        out.push_str("</div>");
    }
}

/// The summary for parents, its title a heading of `level` (1 on a page of its own, 2 in the
/// pack) and its parts one level below.
pub fn parent_body(s: &Summary, level: u8) -> String {
    let sub = level.saturating_add(1);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<h{level} id="parent-summary">{}</h{level}><p>{}</p>"#,
        escape(&s.title),
        escape(&s.intro)
    );
    for p in &s.parts {
        let _ = write!(out, "<h{sub}>{}</h{sub}>", escape(&p.heading));
        for para in &p.paragraphs {
            let _ = write!(out, "<p>{}</p>", escape(para));
        }
        if !p.list.is_empty() {
            out.push_str("<ul>");
            for item in &p.list {
                let _ = write!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul>");
        }
    }
    out
}

/// The running header of every printed page: the child's initials, the reference and the
/// council.
fn running(p: &Pack) -> String {
    let texts = &p.texts;
    let mut parts = Vec::new();
    if !p.initials.is_empty() {
        parts.push(texts.format("pack.header.child", &[("initials", &p.initials)]));
    }
    if let Some(r) = &p.reference {
        parts.push(texts.format("pack.header.reference", &[("reference", r)]));
    }
    parts.push(p.council.clone());
    escape(&parts.join(&texts.format("display.joiner", &[])))
}

/// The pack as one HTML document.
pub fn document(p: &Pack) -> String {
    let texts = &p.texts;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<span class="pack-caption">{}</span><h1>{}</h1>"#,
        escape(&p.council),
        escape(&texts.format("pack.title", &[("child", &p.child)]))
    );
    let mut facts = Vec::new();
    if let Some(r) = &p.reference {
        facts.push(Row::new(
            texts.format("pack.fact.reference", &[]),
            r.clone(),
        ));
    }
    if let Some(d) = &p.sent {
        facts.push(Row::new(texts.format("pack.fact.sent", &[]), d.clone()));
    }
    if !p.school.is_empty() {
        facts.push(Row::new(
            texts.format("pack.fact.school", &[]),
            p.school.clone(),
        ));
    }
    summary_list(&mut out, &facts);
    let (class, status) = if p.complete {
        ("pack-status", texts.format("pack.status.complete", &[]))
    } else {
        (
            "pack-status pack-incomplete",
            texts.format(
                "pack.status.incomplete",
                &[(
                    "things",
                    &Catalogue::english().plural(
                        i64::try_from(p.errors.len()).unwrap_or(i64::MAX),
                        "word.thing",
                    ),
                )],
            ),
        )
    };
    let _ = write!(out, r#"<p class="{class}">{}</p>"#, escape(&status));

    let _ = write!(
        out,
        r#"<section class="pack-part pack-first" aria-labelledby="part-know"><h2 id="part-know">{}</h2>"#,
        words("pack.know.title", texts)
    );
    if p.errors.is_empty() && p.warnings.is_empty() {
        let _ = write!(out, "<p>{}</p>", words("pack.know.nothing", texts));
    }
    concerns(
        &mut out,
        &texts.format("pack.know.errors", &[]),
        &p.errors,
        true,
        texts,
    );
    concerns(
        &mut out,
        &texts.format("pack.know.warnings", &[]),
        &p.warnings,
        false,
        texts,
    );
    chart(
        &mut out,
        &texts.format("pack.chart.cost.title", &[]),
        p.cost_chart.as_ref(),
        COST_CHART_ID,
        &texts.format("pack.chart.cost.none", &[]),
    );
    chart(
        &mut out,
        &texts.format("pack.chart.timeline.title", &[]),
        p.timeline.as_ref(),
        TIMELINE_ID,
        &texts.format("pack.chart.timeline.none", &[]),
    );
    out.push_str("</section>");

    for s in &p.sections {
        section(&mut out, s, &p.documents, texts);
    }
    if !p.sections.iter().any(|s| s.id == "attachments") && !p.documents.is_empty() {
        let _ = write!(
            out,
            r#"<section class="pack-part" aria-labelledby="part-documents"><h2 id="part-documents">{}</h2>"#,
            words("pack.documents.title", texts)
        );
        documents_table(&mut out, &p.documents, texts);
        out.push_str("</section>");
    }
    out.push_str(r#"<section class="pack-part pack-parent" aria-labelledby="parent-summary">"#);
    out.push_str(&parent_body(&p.parent, 2));
    out.push_str("</section>");
    let title = texts.format(
        "pack.page-title",
        &[("council", &p.council), ("initials", &p.initials)],
    );
    page(&title, &running(p), &out)
}
