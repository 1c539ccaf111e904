//! The drafts driver: what is done with the answers kept on this device, on top of the form's
//! state (`state.rs`), which knows nothing of it. A form starts from what was kept (`start`:
//! the draft restored, or refused and deleted, and the school's details); a change saves the
//! draft once typing pauses, and at once when the page is hidden (`save_soon`, `flush`); the
//! person's choices save, forget, replace, start again, load a file or download one; and the
//! choice between this tab's answers and the newer ones another tab saved (`tabs.rs`).

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use sen_core::Profile;
use serde_json::Value;

use crate::clock::now_ms;
use crate::drafts::{draft, file_store, school, store, tabs};
use crate::route::Page;
use crate::state::{Form, Notice, Start, Told};
use crate::submit::machine::Submission;
use crate::submit::policy::Policy;

/// What was kept on this device, as text, read before the form starts.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    /// The texts of the language asked for (`messages-url`), or why they could not be read.
    pub messages: Option<Result<sen_core::text::Catalogue, String>>,
    /// The draft of this form (under `draft::storage_key`).
    pub draft: Option<String>,
    /// The school's details (under `school::KEY`).
    pub school: Option<String>,
}

/// A new form for a profile, from the text of the draft saved on this device for the same
/// profile and instance (`saved.draft`, read by the caller with `store::load` under
/// `draft::storage_key`), which is restored, and the school's details if they were remembered
/// (`saved.school`). A draft that is expired, foreign or unreadable is not restored, and not
/// kept.
pub fn start(
    profile: Profile,
    today: String,
    config: &crate::config::Config,
    saved: Saved,
) -> Form {
    let key = draft::storage_key(&profile.id, &config.instance);
    let draft = match saved
        .draft
        .map(|text| draft::read(&text, &profile.id, now_ms()))
    {
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            let _ = store::remove(config.drafts, &key);
            None
        }
        None => None,
    };
    let start = Start {
        messages: saved.messages,
        draft,
        school: school::read(saved.school.as_deref()),
    };
    Form::new(profile, today, config, start)
}

impl Form {
    /// Saves the draft now (when the person keeps one on this device). A form with no answers
    /// yet leaves nothing on the device. Returns the write under way (already settled when
    /// nothing is kept); its outcome is also shown to the person and told to the page.
    pub fn save_draft(&self) -> store::Pending {
        let nothing = || js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
        let Some(true) = self.save_here.try_get_untracked() else {
            return nothing();
        };
        self.dirty.set(false);
        let answered = self.doc.with_untracked(|d| {
            d.as_object().is_some_and(|o| {
                o.keys()
                    .any(|k| !sen_core::sections::ENVELOPE_KEYS.contains(&k.as_str()))
            })
        });
        if !answered {
            return self.forget_draft();
        }
        let Some(text) = self.doc.try_with_untracked(|d| {
            self.profile.with_value(|p| {
                let saved = draft::new(
                    &p.id,
                    Value::Null,
                    self.submission.with_value(|s| (s.key.clone(), s.body)),
                    now_ms(),
                    p.drafts.expiry_days,
                );
                saved.text_with(d)
            })
        }) else {
            return nothing();
        };
        let key = self.draft_key.get_value();
        let pending = store::save(self.place.get_value(), &key, &text);
        let form = *self;
        let outcome = wasm_bindgen_futures::JsFuture::from(pending.clone());
        leptos::task::spawn_local(async move {
            let stored = outcome.await;
            if form.save_here.try_get_untracked().is_none() {
                return; // unmounted meanwhile
            }
            match stored {
                Ok(_) => {
                    let at = now_ms();
                    form.save_problem.set(None);
                    form.saved_at.set(Some(at));
                    tabs::tell_others(form, Told::Saved(at));
                    crate::events::draft_saved(form);
                }
                Err(why) => form.save_problem.set(Some(store::problem(&why))),
            }
        });
        pending
    }

    /// Saves the draft if the answers changed since it was last saved (the page is being
    /// hidden or left).
    pub fn flush(&self) {
        // Newer answers saved in another tab are not overwritten until the person chooses.
        let told = self.newer.try_get_untracked().flatten().is_some();
        if self.dirty.try_get_untracked() == Some(true) && !told {
            if self.remember_school.try_get_untracked() == Some(true) {
                let _ = self
                    .doc
                    .try_with_untracked(|d| school::remember(self.place.get_value(), d));
            }
            let _ = self.save_draft();
        }
    }

    /// The answers changed: save the draft once typing pauses.
    pub fn save_soon(&self) {
        self.dirty.set(true);
        let Some(n) = self.edits.try_get_untracked().map(|n| n.wrapping_add(1)) else {
            return;
        };
        self.edits.set(n);
        let form = *self;
        set_timeout(
            move || {
                if form.edits.try_get_untracked() == Some(n) {
                    form.flush();
                }
            },
            std::time::Duration::from_millis(600),
        );
    }

    /// Deletes the draft from this device (after any save already under way), and the files
    /// kept with it.
    pub fn forget_draft(&self) -> store::Pending {
        tabs::tell_others(*self, Told::Deleted);
        let key = self.draft_key.get_value();
        let _ = file_store::remove_all(&key);
        store::remove(self.place.get_value(), &key)
    }

    /// The person chose whether to keep a draft on this device.
    pub fn choose_saving(&self, keep: bool) {
        self.save_here.set(keep);
        if keep {
            let _ = self.save_draft();
            crate::files::keep_all(*self);
        } else {
            let _ = self.forget_draft();
            self.save_problem.set(None);
        }
    }

    /// Replaces the answers with a saved draft's (and its send key with the fingerprint of the
    /// body it was made for), as if just restored.
    pub fn replace_answers(&self, document: Value, key: Option<String>, body: Option<u64>) {
        self.quiet.set_value(true);
        self.doc.set(document);
        self.submission
            .set_value(Submission::new(Policy::default(), key, body));
        self.unread.set(BTreeMap::new());
        self.touched.set(BTreeSet::new());
        self.server_errors.set(Vec::new());
        self.stamp_envelope();
        crate::files::resume(*self);
    }

    /// Clears every answer and the draft.
    pub fn start_again(&self) {
        let _ = self.forget_draft();
        self.doc.set(Value::Object(serde_json::Map::new()));
        self.submission.update_value(|s| s.reset());
        self.unread.set(BTreeMap::new());
        self.touched.set(BTreeSet::new());
        self.server_errors.set(Vec::new());
        crate::files::forget(*self);
        self.stamp_envelope();
        self.notice.set(Some(Notice::StartedAgain));
        self.go(Page::Tasks);
    }

    /// Continues from a file: an exported draft or an application document. What reads is
    /// kept; each value that does not is listed in the notice, and where the form asks for it,
    /// put back in its field as text with a message.
    pub fn import(&self, text: &str) {
        let id = self.profile.with_value(|p| p.id.clone());
        match draft::import(text, &id) {
            Ok(loaded) => {
                let (in_fields, touched) = self.profile.with_value(|p| {
                    self.texts
                        .with_value(|t| crate::loaded::in_fields(&loaded.unread, p, t))
                });
                self.doc.set(loaded.kept);
                self.unread.set(in_fields);
                self.touched.set(touched);
                self.server_errors.set(Vec::new());
                self.stamp_envelope();
                self.notice.set(Some(if loaded.unread.is_empty() {
                    Notice::Imported
                } else {
                    Notice::ImportedPartly(loaded.unread)
                }));
                let _ = self.save_draft();
                crate::files::resume(*self);
                self.go(Page::Tasks);
            }
            Err(refusal) => {
                let why = self.texts.with_value(|t| refusal.words(t));
                self.notice.set(Some(Notice::Problem(
                    self.say("widget.draft.not-loaded", &[("why", &why)]),
                )));
                crate::focus::top(*self);
            }
        }
    }

    /// The answers as a file to keep.
    pub fn export(&self) {
        let text = self.doc.with_untracked(|d| {
            self.profile.with_value(|p| {
                let saved = draft::new(
                    &p.id,
                    d.clone(),
                    (None, None),
                    now_ms(),
                    p.drafts.expiry_days,
                );
                serde_json::to_string_pretty(&sen_core::json::to_value(&saved)).unwrap_or_default()
            })
        });
        let name = self
            .profile
            .with_value(|p| format!("{}-answers.json", p.id));
        let _ = store::download(&name, &text);
    }

    /// "Load the newer answers": the draft another tab saved replaces this tab's answers.
    pub fn load_newer(&self) {
        let form = *self;
        leptos::task::spawn_local(async move {
            let place = form.place.get_value();
            let text = store::load(place, &form.draft_key.get_value()).await;
            let Some(id) = form.profile.try_with_value(|p| p.id.clone()) else {
                return; // unmounted meanwhile
            };
            let Some(Ok(draft)) = text.map(|t| draft::read(&t, &id, now_ms())) else {
                form.newer.set(None);
                form.notice.set(Some(Notice::Problem(
                    form.text("widget.other-tab.not-loaded"),
                )));
                form.go(Page::Tasks);
                return;
            };
            form.replace_answers(
                draft.document,
                draft.idempotency_key,
                draft.body_fingerprint,
            );
            form.newer.set(None);
            form.dirty.set(false);
            form.notice.set(Some(Notice::FromOtherTab));
            form.go(Page::Tasks);
        });
    }

    /// "Keep the answers in this tab": they are saved over the other tab's.
    pub fn keep_mine(&self) {
        self.newer.set(None);
        let _ = self.save_draft();
    }
}
