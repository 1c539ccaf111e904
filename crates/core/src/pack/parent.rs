//! The summary for parents: in plain English, what the school is asking the council for and
//! why, the support the child gets now, what the parent has agreed to, who will see the
//! information, how to take consent back, what happens next and who to contact. Short
//! sentences and everyday words (the test suite measures it with the Flesch reading ease
//! formula); amounts in pounds, no tables.

use serde_json::Value;

use crate::codes::{ConsentScope, RequestType};
use crate::cost::{money, Totals};
use crate::display::{text_at, Words};
use crate::profile::Profile;
use crate::text::Catalogue;

/// One part of the summary: a heading, paragraphs, then a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub list: Vec<String>,
}

impl Part {
    fn new(heading: impl Into<String>) -> Part {
        Part {
            heading: heading.into(),
            paragraphs: Vec::new(),
            list: Vec::new(),
        }
    }

    fn say(mut self, paragraph: impl Into<String>) -> Part {
        self.paragraphs.push(paragraph.into());
        self
    }
}

/// The summary for parents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub intro: String,
    pub parts: Vec<Part>,
}

impl Summary {
    /// Every text of the summary, a heading, paragraph or list item a line.
    pub fn text(&self) -> String {
        let mut lines = vec![self.title.clone(), self.intro.clone()];
        for p in &self.parts {
            lines.push(p.heading.clone());
            lines.extend(p.paragraphs.iter().cloned());
            lines.extend(p.list.iter().cloned());
        }
        lines.join("\n")
    }
}

/// What the school asks for, in the words a parent would use.
fn asked_for(t: RequestType, child: &str, texts: &Catalogue) -> String {
    texts.format(
        &format!("parent.asked-for.{}", t.code()),
        &[("child", &child)],
    )
}

/// What a consent lets the school do, in a parent's words.
fn agreed_to(s: ConsentScope, child: &str, council: &str, texts: &Catalogue) -> String {
    texts.format(
        &format!("parent.agreed-to.{}", s.code()),
        &[("child", &child), ("council", &council)],
    )
}

/// Who sees the information because of a consent, beyond the school and the council.
fn seen_by(s: ConsentScope, texts: &Catalogue) -> Option<String> {
    match s {
        ConsentScope::ShareWithNamedAgencies
        | ConsentScope::EpInvolvement
        | ConsentScope::Outreach => Some(
            texts
                .get(&format!("parent.seen-by.{}", s.code()))
                .to_owned(),
        ),
        _ => None,
    }
}

fn codes<T: Copy>(doc: &Value, pointer: &str, from: fn(&str) -> Option<T>) -> Vec<T> {
    doc.pointer(pointer)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .filter_map(from)
                .collect()
        })
        .unwrap_or_default()
}

fn first_name(doc: &Value, texts: &Catalogue) -> String {
    text_at(doc, "/child/preferredName")
        .or_else(|| text_at(doc, "/child/legalForename"))
        .unwrap_or_else(|| texts.get("parent.your-child").to_owned())
}

/// A length of time in minutes, in words: "10 minutes", "1 hour", "2 hours".
fn minutes_words(m: i64, texts: &Catalogue) -> String {
    if m >= 60 && m % 60 == 0 {
        texts.plural(m / 60, "word.hour")
    } else {
        texts.plural(m, "word.minute")
    }
}

/// One provision row in words: what it is, how often and with whom.
fn support_line(row: &Value, n: usize, texts: &Catalogue) -> String {
    let name = Words(texts).item_name("/provisionMap/rows", n, row);
    let typed = crate::json::from_value::<crate::model::ProvisionRow>(row).unwrap_or_default();
    let mut how = Vec::new();
    if let Some(s) = typed
        .sessions_per_week
        .and_then(|s| crate::cost::sessions(&s).ok())
    {
        let mut often = s.words_in(texts);
        if let Some(m) = typed.session_minutes.filter(|m| *m > 0) {
            often.push_str(
                &texts.format("parent.support.of", &[("length", &minutes_words(m, texts))]),
            );
        }
        how.push(often);
    }
    match typed.group_size {
        Some(1) => how.push(texts.get("parent.support.one-to-one").to_owned()),
        Some(g) if g > 1 => how.push(texts.format("parent.support.group", &[("n", &g)])),
        _ => {}
    }
    if how.is_empty() {
        name
    } else {
        let how = how.join(texts.get("list.separator"));
        texts.format("parent.support.line", &[("name", &name), ("how", &how)])
    }
}

fn asking(
    doc: &Value,
    profile: &Profile,
    totals: &Totals,
    child: &str,
    school: &str,
    texts: &Catalogue,
) -> Part {
    let asks: Vec<String> = codes(doc, "/requestType", RequestType::from_code)
        .into_iter()
        .map(|t| asked_for(t, child, texts))
        .collect();
    let mut part = Part::new(texts.get("parent.asking.title"));
    if asks.is_empty() {
        part = part.say(texts.format("parent.asking.nothing", &[("school", &school)]));
    } else {
        part = part.say(texts.format(
            "parent.asking.for",
            &[
                ("school", &school),
                ("council", &profile.name),
                ("asks", &texts.and_list(&asks)),
            ],
        ));
    }
    let amount = doc
        .pointer("/request/amountRequestedPence")
        .and_then(Value::as_i64)
        .filter(|a| *a > 0);
    if let Some(a) = amount {
        part = part.say(texts.format("parent.asking.amount", &[("amount", &money(a))]));
        if totals.school_contribution_pence > 0 && totals.not_worked_out.is_empty() {
            part = part.say(texts.format(
                "parent.asking.school-pays",
                &[
                    ("amount", &money(totals.school_contribution_pence)),
                    ("child", &child),
                ],
            ));
        }
    }
    if let Some(why) = text_at(doc, "/request/summary") {
        part = part.say(texts.get("parent.asking.why"));
        part.list.push(why);
    }
    part
}

fn support(doc: &Value, child: &str, texts: &Catalogue) -> Part {
    let rows: Vec<String> = doc
        .pointer("/provisionMap/rows")
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .enumerate()
                .map(|(n, r)| support_line(r, n, texts))
                .collect()
        })
        .unwrap_or_default();
    let mut part = Part::new(texts.format("parent.support.title", &[("child", &child)]));
    if rows.is_empty() {
        part = part.say(texts.get("parent.support.none"));
    } else {
        part = part.say(texts.format("parent.support.intro", &[("child", &child)]));
        part.list = rows;
    }
    part
}

fn consents(
    doc: &Value,
    child: &str,
    council: &str,
    texts: &Catalogue,
) -> (Part, Vec<ConsentScope>) {
    let mut part = Part::new(texts.get("parent.consent.title"));
    let mut all = Vec::new();
    let list = doc
        .pointer("/consents")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for c in &list {
        let who = c
            .get("givenByPersonId")
            .and_then(Value::as_str)
            .map(|id| Words(texts).referred(doc, "/parents", id))
            .unwrap_or_else(|| texts.get("parent.consent.you").to_owned());
        let on = c
            .get("date")
            .and_then(Value::as_str)
            .map(|d| texts.format("parent.consent.on", &[("date", &Words(texts).date(d))]))
            .unwrap_or_default();
        if c.get("withdrawn").and_then(Value::as_bool) == Some(true) {
            let when = c
                .get("withdrawnDate")
                .and_then(Value::as_str)
                .map(|d| {
                    texts.format(
                        "parent.consent.withdrawn-on",
                        &[("date", &Words(texts).date(d))],
                    )
                })
                .unwrap_or_default();
            part = part.say(texts.format(
                "parent.consent.withdrawn",
                &[("who", &who), ("when", &when)],
            ));
            continue;
        }
        let scopes = codes(c, "/scopes", ConsentScope::from_code);
        if scopes.is_empty() {
            continue;
        }
        part = part.say(texts.format("parent.consent.agreed", &[("on", &on), ("who", &who)]));
        part.list
            .extend(scopes.iter().map(|s| agreed_to(*s, child, council, texts)));
        all.extend(scopes);
    }
    if all.is_empty() {
        part = part.say(texts.get("parent.consent.none"));
    }
    (part, all)
}

fn who_sees(council: &str, scopes: &[ConsentScope], texts: &Catalogue) -> Part {
    let mut who = vec![
        texts.get("parent.sees.school").to_owned(),
        texts.get("parent.sees.council").to_owned(),
        texts.format("parent.sees.panel", &[("council", &council)]),
    ];
    for s in scopes {
        if let Some(w) = seen_by(*s, texts) {
            if !who.contains(&w) {
                who.push(w);
            }
        }
    }
    Part::new(texts.get("parent.sees.title"))
        .say(texts.format("parent.sees.who", &[("who", &texts.and_list(&who))]))
        .say(texts.get("parent.sees.privacy"))
}

fn senco(doc: &Value, school: &str, texts: &Catalogue) -> String {
    match text_at(doc, "/setting/senco/name") {
        Some(n) => texts.format("parent.senco.named", &[("name", &n)]),
        None => texts.format("parent.senco.at", &[("school", &school)]),
    }
}

fn withdraw(doc: &Value, school: &str, texts: &Catalogue) -> Part {
    Part::new(texts.get("parent.withdraw.title"))
        .say(texts.get("parent.withdraw.any-time"))
        .say(texts.format(
            "parent.withdraw.tell",
            &[("senco", &senco(doc, school, texts))],
        ))
        .say(texts.get("parent.withdraw.after"))
}

fn next(profile: &Profile, texts: &Catalogue) -> Part {
    let words = profile
        .next_steps
        .clone()
        .unwrap_or_else(|| texts.get("parent.next.words").to_owned());
    Part::new(texts.get("parent.next.title")).say(words)
}

fn contact(doc: &Value, profile: &Profile, school: &str, texts: &Catalogue) -> Part {
    let mut part = Part::new(texts.get("parent.contact.title"));
    match &profile.contact {
        Some(c) => {
            part = part.say(texts.format("parent.contact.council", &[("name", &c.name)]));
            for (what, value) in [
                ("email", &c.email),
                ("telephone", &c.telephone),
                ("web", &c.web),
                ("address", &c.address),
            ] {
                if let Some(v) = value {
                    part.list
                        .push(texts.format(&format!("parent.contact.{what}"), &[("value", v)]));
                }
            }
            part = part.say(texts.format(
                "parent.contact.also",
                &[("senco", &senco(doc, school, texts))],
            ));
        }
        None => {
            part = part.say(texts.format(
                "parent.contact.ask",
                &[("senco", &senco(doc, school, texts))],
            ));
        }
    }
    let school_ways: Vec<String> = [
        ("email", text_at(doc, "/setting/senco/email")),
        ("telephone", text_at(doc, "/setting/senco/phone")),
    ]
    .into_iter()
    .filter_map(|(what, v)| {
        v.map(|v| texts.format(&format!("parent.contact.senco-{what}"), &[("value", &v)]))
    })
    .collect();
    part.list.extend(school_ways);
    part
}

/// The summary for parents of an application under a profile, in English.
pub fn summary(doc: &Value, profile: &Profile, totals: &Totals) -> Summary {
    summary_in(doc, profile, totals, &Catalogue::english())
}

/// [`summary`] in the words of `texts`.
pub fn summary_in(doc: &Value, profile: &Profile, totals: &Totals, texts: &Catalogue) -> Summary {
    let child = first_name(doc, texts);
    let school =
        text_at(doc, "/setting/name").unwrap_or_else(|| texts.get("parent.the-school").to_owned());
    let (agreed, scopes) = consents(doc, &child, &profile.name, texts);
    Summary {
        title: texts.format("parent.title", &[("child", &child)]),
        intro: texts.format("parent.intro", &[("school", &school)]),
        parts: vec![
            asking(doc, profile, totals, &child, &school, texts),
            support(doc, &child, texts),
            agreed,
            who_sees(&profile.name, &scopes, texts),
            withdraw(doc, &school, texts),
            next(profile, texts),
            contact(doc, profile, &school, texts),
        ],
    }
}

/// The summary as a page of its own: one self-contained HTML document.
pub fn html(summary: &Summary) -> String {
    super::page::document(&summary.title, "", &super::html::parent_body(summary, 1))
}
