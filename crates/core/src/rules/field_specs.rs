//! The field table (`spec::fields`) as a profile makes it: a field's label for people (the
//! profile's relabel first), the label inside a sentence, and whether a field is required or
//! hidden.

pub use crate::spec::fields::*;

use crate::profile::{FieldRequirement, Profile};
use crate::text::Catalogue;

/// A field's label for people, relabelled where the profile says, else derived from its key.
pub fn label_for(pointer: &str, profile: &Profile) -> String {
    label_for_in(pointer, profile, &Catalogue::english())
}

/// [`label_for`], from `texts` where the profile does not relabel the field.
pub fn label_for_in(pointer: &str, profile: &Profile, texts: &Catalogue) -> String {
    let pattern = pattern_of(pointer);
    if let Some(l) = profile.label(&pattern) {
        return l.to_owned();
    }
    match FIELDS.iter().find(|f| f.pattern == pattern) {
        Some(f) => texts.get(&f.label_id()).to_owned(),
        None => humanise(pointer.rsplit('/').next().unwrap_or(pointer)),
    }
}

/// A field's label as it stands inside a sentence ("Enter the SENCo's name" needs "SENCo's
/// name", "Enter child's date of birth" needs "child's…"): the first letter in lower case
/// unless the first word is an abbreviation or a name (see [`super::lower_first_keeping`]). A
/// label the profile wrote keeps a first word that is part of the council's name.
pub fn label_in_sentence(pointer: &str, profile: &Profile) -> String {
    label_in_sentence_in(pointer, profile, &Catalogue::english())
}

/// [`label_in_sentence`], from `texts` where the profile does not relabel the field.
pub fn label_in_sentence_in(pointer: &str, profile: &Profile, texts: &Catalogue) -> String {
    let label = label_for_in(pointer, profile, texts);
    let names = if profile.label(&pattern_of(pointer)).is_some() {
        profile.name.as_str()
    } else {
        ""
    };
    super::lower_first_keeping(&label, names)
}

/// Whether a field is required under a profile.
pub fn is_required(spec: &FieldSpec, profile: &Profile) -> bool {
    match profile.field(spec.pattern) {
        Some(FieldRequirement::Required) => true,
        Some(FieldRequirement::Optional | FieldRequirement::Hidden) => false,
        None => spec.required,
    }
}

/// Whether a field is asked at all under a profile.
pub fn is_hidden(pattern: &str, profile: &Profile) -> bool {
    profile.field(pattern) == Some(FieldRequirement::Hidden)
}
