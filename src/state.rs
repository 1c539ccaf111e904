//! The state of one widget instance, shared by its pages: the document being written, the
//! profile, the core's latest report, what has been touched, and where the person is. Every
//! field is an arena handle, so `Form` is `Copy` and travels through the component tree as a
//! context. Two instances on a page each have their own `Form`.
//!
//! This module holds state and the edits pages make to it; it does no side effect of its own
//! and imports none of the modules that use it. What happens around the state lives above it:
//! saving, restoring, importing and forgetting drafts (`drafts/driver.rs`), the other tabs
//! (`drafts/tabs.rs`), attached files (`files.rs`), sending (`submit/driver.rs`), focus
//! (`focus.rs`) and the host's events (`events.rs`). Where a change here needs one of them
//! (focus on a newly opened page), the layer above installs it as a plain function at mount
//! (`Form::page_opened`).

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use sen_core::codes::FundingSource;
use sen_core::model::ProvisionRow;
use sen_core::{cost, Profile, Report, Severity};
use serde_json::Value;
use web_sys::ShadowRoot;

use crate::check;
use crate::doc;
use crate::drafts::draft::{self, Draft};
use crate::drafts::store;
use crate::input::{self, Conversion};
use crate::route::Page;
use crate::shelf::Files;
use crate::submit::machine::Submission;
use crate::submit::policy::Policy;

/// Where sending has got to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sending {
    Idle,
    InFlight,
    /// Not sent yet: trying again in this many seconds.
    Retrying(u64),
    /// Not sent yet: this many attached files are still uploading.
    WaitingForFiles(usize),
    Failed(String),
}

/// What another tab did with the draft (`drafts/tabs.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    /// Saved newer answers, at this time (Unix milliseconds).
    Saved(u64),
    /// Deleted it (sent, "Start again", saving turned off).
    Deleted,
}

/// A message at the top of the task list about the saved answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Answers were restored from this device.
    Restored,
    /// A new application was started with the school's details remembered on this device.
    SchoolFilledIn,
    /// Answers were loaded from a file.
    Imported,
    /// Answers were loaded from a file, but these values in it could not be read.
    ImportedPartly(Vec<sen_core::wire::Unread>),
    /// The person started again.
    StartedAgain,
    /// The answers another tab saved were loaded (`drafts/tabs.rs`).
    FromOtherTab,
    /// A file could not be loaded.
    Problem(String),
}

/// One instance's state.
#[derive(Clone, Copy)]
pub struct Form {
    pub doc: RwSignal<Value>,
    pub profile: StoredValue<Profile>,
    /// Every text the form shows: the language's catalogue (`messages-url`) with the profile's
    /// `texts` over it, English where neither gives one.
    pub texts: StoredValue<sen_core::text::Catalogue>,
    /// Why the language's catalogue could not be used (English is shown then).
    pub texts_problem: StoredValue<Option<String>>,
    pub today: StoredValue<String>,
    pub endpoint: StoredValue<String>,
    /// What the host adds to each POST (CSRF token, its own headers).
    pub request: StoredValue<crate::config::RequestSettings, LocalStorage>,
    pub report: RwSignal<Option<Report>>,
    /// The answers as the core last read them (for which questions are required now).
    pub app: StoredValue<Option<sen_core::Application>>,
    /// The document the report is of: a recheck of the same answers keeps the report.
    pub checked: StoredValue<Option<Value>>,
    /// Text typed that could not be read as a value: pointer → (text, message).
    pub unread: RwSignal<BTreeMap<String, (String, String)>>,
    /// Fields left after a change: their messages show from then on.
    pub touched: RwSignal<BTreeSet<String>>,
    /// Continue was pressed on this page: all its messages and the summary show.
    pub show_all: RwSignal<bool>,
    pub page: RwSignal<Page>,
    /// Each provision row's cost and funding source, kept as the rows are typed.
    pub rows: RwSignal<Vec<(Option<i64>, Option<FundingSource>)>>,
    pub sending: RwSignal<Sending>,
    /// The application's way to being sent, with its idempotency key (kept for every retry,
    /// "Try again" and a reload while the body is the same; a changed body gets a new one).
    pub submission: StoredValue<Submission>,
    /// Errors the backend reported (a 422 with the core's report): (pointer, message).
    pub server_errors: RwSignal<Vec<(String, String)>>,
    pub root: StoredValue<Option<ShadowRoot>, LocalStorage>,
    /// Where this form's draft is kept, and under which key.
    pub place: StoredValue<store::Where>,
    pub draft_key: StoredValue<String>,
    /// The person's choice to keep a draft on this device.
    pub save_here: RwSignal<bool>,
    pub notice: RwSignal<Option<Notice>>,
    /// Why the last save failed, if it did.
    pub save_problem: RwSignal<Option<&'static str>>,
    /// Bumped by each change; a save runs when it has not moved for a moment.
    pub edits: RwSignal<u64>,
    /// Answers changed since the last save (or restore).
    pub dirty: RwSignal<bool>,
    /// When the draft was last stored (Unix milliseconds).
    pub saved_at: RwSignal<Option<u64>>,
    pub host: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    /// The person chose to remember the school's details on this device (`drafts/school.rs`).
    pub remember_school: RwSignal<bool>,
    /// Another tab on this form saved its answers (at this time): this tab does not save its
    /// own until the person chooses (`drafts/tabs.rs`).
    pub newer: RwSignal<Option<Told>>,
    /// Where other tabs on this form are told of a save.
    pub channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    /// The next change to the answers is not the person's (they were loaded): no save for it.
    pub quiet: StoredValue<bool>,
    /// The attached files: their bytes and states (`shelf.rs`; what is done with them is
    /// `files.rs`).
    pub files: Files,
    /// What is done once a page is opened with `go` (focus on its heading: `focus::top`,
    /// installed by `mount.rs`; nothing until then).
    pub page_opened: StoredValue<fn(Form)>,
}

/// What a form starts from: the texts of its language, and what was kept on this device, read
/// by the drafts driver (`drafts/driver.rs`, `start`).
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// The texts of the language asked for (`messages-url`), or why they could not be read.
    pub messages: Option<Result<sen_core::text::Catalogue, String>>,
    /// The draft of this form, restored.
    pub draft: Option<Draft>,
    /// The school's details remembered on this device (`/setting`), for a new application.
    pub school: Option<Value>,
}

impl Form {
    /// A new instance for a profile, with the draft saved on this device for the same profile
    /// and instance restored (`start.draft`); a new application starts with the school's
    /// details if they were remembered (`start.school`).
    pub fn new(
        profile: Profile,
        today: String,
        config: &crate::config::Config,
        start: Start,
    ) -> Form {
        let place = config.drafts;
        let key = draft::storage_key(&profile.id, &config.instance);
        let save_here = profile.drafts.save_by_default && place != store::Where::Nowhere;
        let school = start.school;
        let (mut document, sent_as, mut notice) = match start.draft {
            Some(d) => (
                d.document,
                (d.idempotency_key, d.body_fingerprint),
                Some(Notice::Restored),
            ),
            None => (Value::Object(serde_json::Map::new()), (None, None), None),
        };
        if let (Some(setting), Value::Object(doc)) = (&school, &mut document) {
            if notice.is_none() {
                doc.insert("setting".to_owned(), setting.clone());
                notice = Some(Notice::SchoolFilledIn);
            }
        }
        let (language, texts_problem) = match start.messages {
            Some(Ok(c)) => (c, None),
            Some(Err(why)) => (sen_core::text::Catalogue::english(), Some(why)),
            None => (sen_core::text::Catalogue::english(), None),
        };
        let texts = profile.catalogue(language);
        let form = Form {
            doc: RwSignal::new(document),
            profile: StoredValue::new(profile),
            texts: StoredValue::new(texts),
            texts_problem: StoredValue::new(texts_problem),
            today: StoredValue::new(today),
            endpoint: StoredValue::new(config.endpoint.clone()),
            request: StoredValue::new_local(config.request.clone()),
            report: RwSignal::new(None),
            app: StoredValue::new(None),
            checked: StoredValue::new(None),
            unread: RwSignal::new(BTreeMap::new()),
            touched: RwSignal::new(BTreeSet::new()),
            show_all: RwSignal::new(false),
            page: RwSignal::new(Page::Tasks),
            rows: RwSignal::new(Vec::new()),
            sending: RwSignal::new(Sending::Idle),
            submission: StoredValue::new(Submission::new(Policy::default(), sent_as.0, sent_as.1)),
            server_errors: RwSignal::new(Vec::new()),
            root: StoredValue::new_local(None),
            host: StoredValue::new_local(None),
            place: StoredValue::new(place),
            draft_key: StoredValue::new(key),
            save_here: RwSignal::new(save_here),
            notice: RwSignal::new(notice),
            // Nowhere to keep a key: said before the first save fails.
            save_problem: RwSignal::new(
                (save_here && !store::can_keep(place)).then_some(store::NO_SAFE_PLACE),
            ),
            remember_school: RwSignal::new(school.is_some()),
            edits: RwSignal::new(0),
            dirty: RwSignal::new(false),
            saved_at: RwSignal::new(None),
            newer: RwSignal::new(None),
            channel: StoredValue::new_local(None),
            quiet: StoredValue::new(false),
            files: Files::new(
                config
                    .attachments_endpoint
                    .clone()
                    .unwrap_or_else(|| crate::attach::default_endpoint(&config.endpoint)),
            ),
            page_opened: StoredValue::new((|_| {}) as fn(Form)),
        };
        form.stamp_envelope();
        form.recheck();
        form
    }

    /// The envelope the widget fills in itself: schema version, profile, council, scheme.
    pub fn stamp_envelope(&self) {
        let (id, council) = self
            .profile
            .with_value(|p| (p.id.clone(), p.council_id.clone()));
        self.doc.update(|d| {
            doc::set(
                d,
                "/schemaVersion",
                Value::from(sen_core::model::SCHEMA_VERSION),
            );
            doc::set(d, "/profile", Value::from(id.clone()));
            doc::set(d, "/councilId", Value::from(council));
            doc::set(d, "/schemeId", Value::from(id));
        });
    }

    /// The text of a catalogue id in this form's language.
    pub fn text(&self, id: &str) -> String {
        self.texts.with_value(|t| t.get(id).to_owned())
    }

    /// The text of a catalogue id with its placeholders filled.
    pub fn say(&self, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.texts.with_value(|t| t.format(id, args))
    }

    /// Asks the core again and refreshes the report and the live row costs. The report is of
    /// the document alone (the profile, its texts and today stay as the form started), so the
    /// answers already checked are not checked again; and row costs that come back unchanged
    /// are not set, so the provision map is not drawn again for them.
    pub fn recheck(&self) {
        let same = self
            .doc
            .with_untracked(|d| self.checked.with_value(|c| c.as_ref() == Some(d)));
        if same {
            return;
        }
        let today = self.today.get_value();
        let result = self.doc.with_untracked(|d| {
            self.profile
                .with_value(|p| self.texts.with_value(|t| check::run(d, p, &today, t)))
                .map(|checked| (checked, d.clone()))
        });
        let Some((checked, doc)) = result else {
            self.checked.set_value(None);
            return;
        };
        self.checked.set_value(Some(doc));
        if self.rows.with_untracked(|r| *r != checked.rows) {
            self.rows.set(checked.rows);
        }
        self.app.set_value(Some(checked.app));
        self.report.set(Some(checked.report));
    }

    /// Writes what was typed into a field.
    pub fn write(&self, pointer: &str, conversion: Conversion, text: &str, label: &str) {
        match self
            .texts
            .with_value(|t| input::parse(conversion, text, label, t))
        {
            Ok(value) => {
                self.unread.update(|u| {
                    u.remove(pointer);
                });
                self.doc.update(|d| match value {
                    Some(v) => doc::set(d, pointer, v),
                    None => doc::remove(d, pointer),
                });
            }
            Err(message) => {
                self.unread.update(|u| {
                    u.insert(pointer.to_owned(), (text.to_owned(), message));
                });
                self.doc.update(|d| doc::remove(d, pointer));
            }
        }
        self.after_write(pointer);
    }

    /// Writes a value chosen (radios, checkboxes, dates), or removes it. It replaces any
    /// value a loaded file had there that could not be read.
    pub fn write_value(&self, pointer: &str, value: Option<Value>) {
        if self.unread.with_untracked(|u| u.contains_key(pointer)) {
            self.unread.update(|u| {
                u.remove(pointer);
            });
        }
        self.doc.update(|d| match value {
            Some(v) => doc::set(d, pointer, v),
            None => doc::remove(d, pointer),
        });
        self.after_write(pointer);
    }

    /// Keeps a provision row's live cost in step with a keystroke in it: only that row is
    /// read again.
    fn after_write(&self, pointer: &str) {
        let Some(rest) = pointer.strip_prefix("/provisionMap/rows/") else {
            return;
        };
        let Some(index) = rest.split('/').next().and_then(|n| n.parse::<usize>().ok()) else {
            return;
        };
        let costed = self.doc.with_untracked(|d| {
            d.pointer(&format!("/provisionMap/rows/{index}"))
                .and_then(|row| sen_core::json::from_value::<ProvisionRow>(row).ok())
                .map(|row| (cost::row_cost(&row), row.funding_source))
        });
        self.rows.update(|rows| {
            if rows.len() <= index {
                rows.resize(index.saturating_add(1), (None, None));
            }
            if let Some(slot) = rows.get_mut(index) {
                *slot = costed.unwrap_or((None, None));
            }
        });
    }

    /// The text a field shows when its page opens: what was typed if it could not be read,
    /// else the document's value.
    pub fn initial(&self, pointer: &str, conversion: Conversion) -> String {
        if let Some((text, _)) = self.unread.with_untracked(|u| u.get(pointer).cloned()) {
            return text;
        }
        self.doc
            .with_untracked(|d| input::show(conversion, doc::get(d, pointer)))
    }

    /// A field has been left after a change: check again and show its message.
    pub fn touch(&self, pointer: &str) {
        self.touched.update(|t| {
            t.insert(pointer.to_owned());
        });
        self.recheck();
    }

    /// The error shown by a field, if its messages are showing.
    pub fn message(&self, pointer: &str) -> Option<String> {
        let showing = self.show_all.get() || self.touched.with(|t| t.contains(pointer));
        if !showing {
            return None;
        }
        if let Some((_, m)) = self.unread.with(|u| u.get(pointer).cloned()) {
            return Some(m);
        }
        if let Some((_, m)) = self
            .server_errors
            .with(|e| e.iter().find(|(p, _)| p == pointer).cloned())
        {
            return Some(m);
        }
        self.report.with(|r| {
            r.as_ref().and_then(|r| {
                r.issues
                    .iter()
                    .find(|i| i.severity == Severity::Error && i.pointer == pointer)
                    .map(|i| i.message.clone())
            })
        })
    }

    /// The errors of a page, in form order: (pointer, message). Text that could not be read
    /// comes first for its field.
    pub fn page_errors(&self, within: &dyn Fn(&str) -> bool) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self.unread.with(|u| {
            u.iter()
                .filter(|(p, _)| within(p))
                .map(|(p, (_, m))| (p.clone(), m.clone()))
                .collect()
        });
        self.report.with(|r| {
            if let Some(r) = r {
                for i in &r.issues {
                    if i.severity == Severity::Error
                        && within(&i.pointer)
                        && !out.iter().any(|(p, _)| *p == i.pointer)
                    {
                        out.push((i.pointer.clone(), i.message.clone()));
                    }
                }
            }
        });
        out
    }

    /// Whether Continue stays on a page: an error on it, or text that could not be read.
    /// Errors whose answer may lie in a later section (an attachment not added yet) do not
    /// hold a person here; they show on the task list and before sending.
    pub fn blocks(&self, within: &dyn Fn(&str) -> bool) -> bool {
        if self.unread.with_untracked(|u| u.keys().any(|p| within(p))) {
            return true;
        }
        self.report.with_untracked(|r| {
            r.as_ref().is_some_and(|r| {
                r.issues.iter().any(|i| {
                    i.severity == Severity::Error
                        && within(&i.pointer)
                        && !sen_core::rules::catalogue::waits_for_later_sections(&i.rule_id)
                        && !is_whole_list(&i.pointer)
                })
            })
        })
    }

    /// Moves to a page with its messages hidden until Continue (then focus moves to its
    /// heading: `page_opened`).
    pub fn go(&self, page: Page) {
        self.show_all.set(false);
        self.page.set(page);
        self.recheck();
        if let Some(opened) = self.page_opened.try_get_value() {
            opened(*self);
        }
    }

    /// Adds an item to a list and opens it.
    pub fn add_item(&self, list: &'static sen_core::form::ListDef) {
        let index = self.doc.try_update(|d| {
            let mut item = serde_json::Map::new();
            if let Some(prefix) = list.id_prefix {
                item.insert(
                    "id".into(),
                    Value::from(doc::next_id(d, list.pointer, prefix)),
                );
            }
            doc::push(d, list.pointer, Value::Object(item))
        });
        if let Some(index) = index {
            self.go(Page::Item {
                list,
                index,
                part: 0,
            });
        }
    }

    /// Removes an item of a list; what was typed and touched moves with the items after it.
    pub fn remove_item(&self, list: &'static sen_core::form::ListDef, index: usize) {
        self.doc
            .update(|d| doc::remove_item(d, list.pointer, index));
        let shift = |k: &String| doc::shift_after_removal(k, list.pointer, index);
        self.unread.update(|u| {
            *u = std::mem::take(u)
                .into_iter()
                .filter_map(|(k, v)| shift(&k).map(|k| (k, v)))
                .collect();
        });
        self.touched.update(|t| {
            *t = std::mem::take(t).iter().filter_map(shift).collect();
        });
        self.recheck();
    }

    /// Whether a question must be answered, for the profile and the answers as last checked.
    pub fn required(&self, pointer: &str) -> bool {
        self.app.with_value(|app| {
            self.profile.with_value(|p| {
                let blank = sen_core::Application::default();
                sen_core::form::is_required_now(pointer, app.as_ref().unwrap_or(&blank), p)
            })
        })
    }

    /// A section's status on the task list: the core's, except that a section with text
    /// that could not be read (typed, or from a loaded file) has a problem.
    pub fn section_status(&self, id: &str) -> Option<sen_core::report::SectionStatus> {
        let unread = self
            .unread
            .with(|u| u.keys().any(|p| sen_core::sections::section_of(p) == id));
        if unread {
            return Some(sen_core::report::SectionStatus::HasErrors);
        }
        self.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.sections.iter().find(|s| s.id == id).map(|s| s.status))
        })
    }

    /// The label of a field (the profile's wording first).
    pub fn label(&self, pointer: &str) -> String {
        self.profile.with_value(|p| {
            self.texts
                .with_value(|t| sen_core::rules::field_specs::label_for_in(pointer, p, t))
        })
    }
}

/// Whether a message is about a whole "add another" list (none added yet, or too few): it does
/// not hold a person on the section's page, whichever list it is, so that every section with a
/// list behaves alike; it shows on the task list and before sending.
fn is_whole_list(pointer: &str) -> bool {
    sen_core::form::LISTS.iter().any(|l| l.pointer == pointer)
}

/// The instance's state, from context (every page is rendered under `App`, which provides it).
pub fn use_form() -> Form {
    expect_context::<Form>()
}
