//! Today's date from the system clock (UTC). Only the CLI reads the clock; the core never does.

use sen_core::Date;

pub fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_days_since_epoch(i64::try_from(secs / 86_400).ok()?)
}
