//! The pseudo-locale `qps-ploc`: every English text with its letters accented and padded about
//! 40% longer inside brackets (`[Šéļéçţ ŵĥö ĝåṽé çöñšéñţ {n} ···]`), its placeholders intact.
//! A text shown without brackets and accents was not taken from the catalogue; one clipped loses
//! its closing bracket. `sen-check --pseudo-locale` writes `messages/qps-ploc.json` from it.

use super::{english_texts, Piece, Pieces};

/// A letter's accented twin (ASCII letters only; everything else is kept).
fn accent(c: char) -> char {
    const LOWER: [char; 26] = [
        'á', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'í', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    let table = if c.is_ascii_lowercase() {
        &LOWER
    } else if c.is_ascii_uppercase() {
        &UPPER
    } else {
        return c;
    };
    let i = usize::from(c.to_ascii_lowercase() as u8).saturating_sub(usize::from(b'a'));
    table.get(i).copied().unwrap_or(c)
}

/// One text pseudo-localised: accented, bracketed, about 40% longer; placeholders kept.
pub fn pseudo_localise(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut body = String::with_capacity(text.len() * 2);
    for piece in Pieces(text) {
        match piece {
            Piece::Literal(s) => body.extend(s.chars().map(accent)),
            Piece::Slot(name) => {
                body.push('{');
                body.push_str(name);
                body.push('}');
            }
        }
    }
    // "[", " " and "]" count toward the 40%; at least one dot of padding.
    let longer = text.chars().count().saturating_mul(2).div_ceil(5);
    let dots = longer.saturating_sub(3).max(1);
    let mut out = String::with_capacity(body.len() + dots * 2 + 4);
    out.push('[');
    out.push_str(&body);
    out.push(' ');
    out.extend(std::iter::repeat_n('\u{b7}', dots));
    out.push(']');
    out
}

/// `messages/qps-ploc.json`: every English text pseudo-localised, in id order, two-space
/// indented, with a final newline.
pub fn pseudo_catalogue_json() -> String {
    let map: serde_json::Map<String, serde_json::Value> = english_texts()
        .map(|(id, text)| {
            (
                id.to_owned(),
                serde_json::Value::String(pseudo_localise(text)),
            )
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&serde_json::Value::Object(map)).unwrap_or_default();
    s.push('\n');
    s
}
