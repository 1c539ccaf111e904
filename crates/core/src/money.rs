//! Figures as people read them: whole numbers with thousands grouped and pence as pounds.

/// A whole number with thousands separated, for reading: `1234567` → `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Pence as pounds, for reading: `902242` → `£9,022.42`.
pub fn money(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    format!("{sign}£{}.{:02}", grouped(abs / 100), abs % 100)
}
