//! The summary for parents: in plain English, what the school is asking the council for and
//! why, the support the child gets now, what the parent has agreed to, who will see the
//! information, how to take consent back, what happens next and who to contact. Short
//! sentences and everyday words (the test suite measures it with the Flesch reading ease
//! formula); amounts in pounds, no tables.

use serde_json::Value;

use crate::codes::{ConsentScope, RequestType};
use crate::cost::{money, Totals};
use crate::display::{date, item_name, referred, text_at};
use crate::profile::Profile;

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
fn asked_for(t: RequestType, child: &str) -> String {
    match t {
        RequestType::TopUpFunding => format!("extra money to pay for {child}'s support"),
        RequestType::Outreach => "help from the council's outreach team".to_owned(),
        RequestType::EpInvolvement => "time with an educational psychologist".to_owned(),
        RequestType::SpecialistTeaching => "help from a specialist teacher".to_owned(),
        RequestType::HltaSupport => "help from a higher level teaching assistant".to_owned(),
        RequestType::Advice => "advice for the school".to_owned(),
        RequestType::ResourcedProvision => {
            "a place in a special class in a mainstream school (a resourced provision)".to_owned()
        }
        RequestType::Ehcna => {
            "an education, health and care needs assessment, the first step to an EHC plan"
                .to_owned()
        }
    }
}

/// What a consent lets the school do, in a parent's words.
fn agreed_to(s: ConsentScope, child: &str, council: &str) -> String {
    match s {
        ConsentScope::ShareWithPanel => format!("share this application with the {council}"),
        ConsentScope::ShareWithNamedAgencies => {
            "share it with the other services named in it".to_owned()
        }
        ConsentScope::EpInvolvement => {
            format!("ask an educational psychologist to work with {child}")
        }
        ConsentScope::Outreach => {
            format!("ask the council's outreach team to work with {child} and the school")
        }
        ConsentScope::EhcnaRequest => {
            "ask the council for an education, health and care needs assessment".to_owned()
        }
        ConsentScope::TrainingSampleAnonymised => {
            "use the paperwork, with names taken out, to train staff".to_owned()
        }
    }
}

/// Who sees the information because of a consent, beyond the school and the council.
fn seen_by(s: ConsentScope) -> Option<&'static str> {
    match s {
        ConsentScope::ShareWithNamedAgencies => Some("the other services named in it"),
        ConsentScope::EpInvolvement => Some("an educational psychologist"),
        ConsentScope::Outreach => Some("the council's outreach team"),
        _ => None,
    }
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
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

fn first_name(doc: &Value) -> String {
    text_at(doc, "/child/preferredName")
        .or_else(|| text_at(doc, "/child/legalForename"))
        .unwrap_or_else(|| "your child".to_owned())
}

/// A length of time in minutes, in words: "10 minutes", "1 hour", "2 hours".
fn minutes_words(m: i64) -> String {
    match m {
        60 => "1 hour".to_owned(),
        m if m > 60 && m % 60 == 0 => format!("{} hours", m / 60),
        1 => "1 minute".to_owned(),
        m => format!("{m} minutes"),
    }
}

/// One provision row in words: what it is, how often and with whom.
fn support_line(row: &Value, n: usize) -> String {
    let name = item_name("/provisionMap/rows", n, row);
    let typed = crate::json::from_value::<crate::model::ProvisionRow>(row).unwrap_or_default();
    let mut how = Vec::new();
    if let Some(s) = typed
        .sessions_per_week
        .and_then(|s| crate::cost::sessions(&s).ok())
    {
        let mut often = s.words();
        if let Some(m) = typed.session_minutes.filter(|m| *m > 0) {
            often.push_str(&format!(" of {}", minutes_words(m)));
        }
        how.push(often);
    }
    match typed.group_size {
        Some(1) => how.push("one to one with an adult".to_owned()),
        Some(g) if g > 1 => how.push(format!("in a group of {g}")),
        _ => {}
    }
    if how.is_empty() {
        name
    } else {
        format!("{name}: {}", how.join(", "))
    }
}

fn asking(doc: &Value, profile: &Profile, totals: &Totals, child: &str, school: &str) -> Part {
    let asks: Vec<String> = codes(doc, "/requestType", RequestType::from_code)
        .into_iter()
        .map(|t| asked_for(t, child))
        .collect();
    let mut part = Part::new("What the school is asking for");
    if asks.is_empty() {
        part = part.say(format!(
            "{school} has not said yet what it is asking the council for."
        ));
    } else {
        part = part.say(format!(
            "{school} is asking the {} for {}.",
            profile.name,
            and_list(&asks)
        ));
    }
    let amount = doc
        .pointer("/request/amountRequestedPence")
        .and_then(Value::as_i64)
        .filter(|a| *a > 0);
    if let Some(a) = amount {
        part = part.say(format!("The school is asking for {}.", money(a)));
        if totals.school_contribution_pence > 0 && totals.not_worked_out.is_empty() {
            part = part.say(format!(
                "The school pays the first {} of {child}'s support itself.",
                money(totals.school_contribution_pence)
            ));
        }
    }
    if let Some(why) = text_at(doc, "/request/summary") {
        part = part.say("This is why, in the school's words:");
        part.list.push(why);
    }
    part
}

fn support(doc: &Value, child: &str) -> Part {
    let rows: Vec<String> = doc
        .pointer("/provisionMap/rows")
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .enumerate()
                .map(|(n, r)| support_line(r, n))
                .collect()
        })
        .unwrap_or_default();
    let mut part = Part::new(format!("The support {child} gets now"));
    if rows.is_empty() {
        part = part.say("The school has not listed the support yet.");
    } else {
        part = part.say(format!("At school, {child} gets this support:"));
        part.list = rows;
    }
    part
}

fn consents(doc: &Value, child: &str, council: &str) -> (Part, Vec<ConsentScope>) {
    let mut part = Part::new("What you have agreed to");
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
            .map(|id| referred(doc, "/parents", id))
            .unwrap_or_else(|| "You".to_owned());
        let on = c
            .get("date")
            .and_then(Value::as_str)
            .map(|d| format!("On {}, ", date(d)))
            .unwrap_or_default();
        if c.get("withdrawn").and_then(Value::as_bool) == Some(true) {
            let when = c
                .get("withdrawnDate")
                .and_then(Value::as_str)
                .map(|d| format!(" on {}", date(d)))
                .unwrap_or_default();
            part = part.say(format!("{who} took back their consent{when}."));
            continue;
        }
        let scopes = codes(c, "/scopes", ConsentScope::from_code);
        if scopes.is_empty() {
            continue;
        }
        part = part.say(format!("{on}{who} agreed that the school can:"));
        part.list
            .extend(scopes.iter().map(|s| agreed_to(*s, child, council)));
        all.extend(scopes);
    }
    if all.is_empty() {
        part = part.say(
            "The application does not record your consent yet. The school must ask you before it sends it.",
        );
    }
    (part, all)
}

fn who_sees(council: &str, scopes: &[ConsentScope]) -> Part {
    let mut who = vec![
        "the school's SEN team".to_owned(),
        "the council's staff who deal with it".to_owned(),
        format!("the members of the {council}"),
    ];
    for s in scopes {
        if let Some(w) = seen_by(*s) {
            if !who.iter().any(|x| x == w) {
                who.push(w.to_owned());
            }
        }
    }
    Part::new("Who will see this information")
        .say(format!(
            "The application will be seen by {}.",
            and_list(&who)
        ))
        .say("The council's privacy notice says how it keeps and uses it.")
}

fn senco(doc: &Value, school: &str) -> String {
    match text_at(doc, "/setting/senco/name") {
        Some(n) => format!("the school's SENCo, {n}"),
        None => format!("the SENCo at {school}"),
    }
}

fn withdraw(doc: &Value, school: &str) -> Part {
    Part::new("If you change your mind")
        .say("You can take back your consent at any time.")
        .say(format!("Tell {}, or the council.", senco(doc, school)))
        .say("After that, nothing more will be shared. It does not undo what was shared before.")
}

fn next(profile: &Profile) -> Part {
    let words = profile.next_steps.clone().unwrap_or_else(|| {
        "The council will look at the application. It will tell you and the school what it decides."
            .to_owned()
    });
    Part::new("What happens next").say(words)
}

fn contact(doc: &Value, profile: &Profile, school: &str) -> Part {
    let mut part = Part::new("Who to contact");
    match &profile.contact {
        Some(c) => {
            part = part.say(format!("You can contact {} at the council.", c.name));
            for (what, value) in [
                ("Email", &c.email),
                ("Telephone", &c.telephone),
                ("Web", &c.web),
                ("Address", &c.address),
            ] {
                if let Some(v) = value {
                    part.list.push(format!("{what}: {v}"));
                }
            }
            part = part.say(format!("You can also ask {}.", senco(doc, school)));
        }
        None => {
            part = part.say(format!(
                "Ask {}. They can put you in touch with the council.",
                senco(doc, school)
            ));
        }
    }
    let school_ways: Vec<String> = [
        ("Email", text_at(doc, "/setting/senco/email")),
        ("Telephone", text_at(doc, "/setting/senco/phone")),
    ]
    .into_iter()
    .filter_map(|(what, v)| v.map(|v| format!("The SENCo's {}: {v}", what.to_ascii_lowercase())))
    .collect();
    part.list.extend(school_ways);
    part
}

/// The summary for parents of an application under a profile.
pub fn summary(doc: &Value, profile: &Profile, totals: &Totals) -> Summary {
    let child = first_name(doc);
    let school = text_at(doc, "/setting/name").unwrap_or_else(|| "The school".to_owned());
    let (agreed, scopes) = consents(doc, &child, &profile.name);
    Summary {
        title: format!("About the application for {child}: a summary for parents and carers"),
        intro: format!(
            "This page tells you in plain words what {school} is asking for, what you have agreed to and what happens next."
        ),
        parts: vec![
            asking(doc, profile, totals, &child, &school),
            support(doc, &child),
            agreed,
            who_sees(&profile.name, &scopes),
            withdraw(doc, &school),
            next(profile),
            contact(doc, profile, &school),
        ],
    }
}

/// The summary as a page of its own: one self-contained HTML document.
pub fn html(summary: &Summary) -> String {
    super::page::document(&summary.title, "", &super::html::parent_body(summary, 1))
}
