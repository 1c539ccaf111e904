//! A text worded later: a catalogue id and its arguments, kept by whatever finds a problem (the
//! JSON reader, the lenient reader) and worded by whatever shows it, in that one's catalogue:
//! English for the CLI and the receiver, the form's language in the widget.

use std::fmt::Display;

use super::Catalogue;

/// A catalogue id with its named arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Data shown as it is: what a document held, a key, a figure.
    Data(String),
    /// Another text of the catalogue, worded in the same catalogue.
    Text(Message),
}

impl Message {
    /// The text of `id`, with no arguments yet.
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// This message with `{name}` filled by data.
    pub fn data(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push((name, Arg::Data(value.to_string())));
        self
    }

    /// This message with `{name}` filled by another text of the catalogue.
    pub fn text(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((name, Arg::Text(value)));
        self
    }

    /// The message in the words of `texts`.
    pub fn words(&self, texts: &Catalogue) -> String {
        let worded: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Data(d) => d.clone(),
                    Arg::Text(m) => m.words(texts),
                };
                (*name, value)
            })
            .collect();
        let args: Vec<(&str, &dyn Display)> = worded
            .iter()
            .map(|(name, value)| (*name, value as &dyn Display))
            .collect();
        texts.format(self.id, &args)
    }

    /// The message in English.
    pub fn english(&self) -> String {
        self.words(&Catalogue::english())
    }
}
