//! Provision rows pasted from a spreadsheet or read from a CSV file: the costed provision map a
//! school keeps in its council's Excel template or a provision-mapping tool, turned into the
//! model's rows, each with the problems found in it, before anything in the application changes.
//!
//! - Text: tab-separated (what Excel and LibreOffice put on the clipboard) or CSV (comma or
//!   semicolon, chosen by which the text uses; `sep=;` as a first line is obeyed). Quoted cells
//!   may hold tabs, line breaks and doubled quotes; a UTF-8 BOM is ignored; `\r\n`, `\n` and
//!   `\r` all end a row.
//! - Columns are matched by their headings, ignoring case, spaces and punctuation, with the
//!   names councils' templates use ([`column_for`]). Without a heading row the project's own
//!   template order is used ([`DEFAULT_ORDER`]). Title rows above the headings, blank rows and
//!   a "Total" row are skipped.
//! - Problems name the row (as the spreadsheet numbers it: the heading row counts) and the
//!   column (as the spreadsheet names it): "Row 4, 'Hourly rate': 'abc' is not an amount of
//!   money". A cell that cannot be read leaves its answer empty; nothing is guessed.
//! - Problems and notes are worded from the catalogue given ([`read_in`]): `paste.*`, English
//!   by [`read`].

use crate::codes::{Frequency, FundingSource, ProvisionArea, ProvisionCategory, StaffRole};
use crate::cost;
use crate::date::Date;
use crate::model::{DataPoint, DateText, ProvisionRow, SessionsPerWeek, SHORT_TEXT_MAX};
use crate::text::{Catalogue, Message};

/// At most this many rows are read from one paste or file.
pub const MAX_ROWS: usize = 500;

/// What a column of the spreadsheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Intervention,
    Area,
    Category,
    Staff,
    Adults,
    GroupSize,
    Ratio,
    Sessions,
    Minutes,
    /// Minutes a week in all (one session a week of that length is recorded).
    WeeklyMinutes,
    /// Hours a week in all.
    WeeklyHours,
    Weeks,
    HourlyRate,
    FixedCost,
    Quantity,
    /// The spreadsheet's own annual cost (compared, not copied: the form works costs out).
    StatedCost,
    Funding,
    StartDate,
    EndDate,
    Outcomes,
    /// The entry data's value ("32"); its measure and date may have columns of their own.
    EntryData,
    EntryMeasure,
    EntryDate,
    ExitData,
    ExitMeasure,
    ExitDate,
    Impact,
    ImpactNotes,
}

use Column as C;

/// The columns in the project's own template, in order, with the catalogue ids of their
/// headings ("Provision", "Area of need"…): the order used when the pasted rows have no heading
/// row, and the names problems give a column the spreadsheet did not name.
pub const DEFAULT_ORDER: &[(Column, &str)] = &[
    (C::Intervention, "paste.column.provision"),
    (C::Area, "paste.column.area"),
    (C::Category, "paste.column.category"),
    (C::Staff, "paste.column.staff"),
    (C::Ratio, "paste.column.ratio"),
    (C::Sessions, "paste.column.sessions"),
    (C::Minutes, "paste.column.minutes"),
    (C::Weeks, "paste.column.weeks"),
    (C::HourlyRate, "paste.column.hourly-rate"),
    (C::FixedCost, "paste.column.fixed-cost"),
    (C::Quantity, "paste.column.quantity"),
    (C::StatedCost, "paste.column.annual-cost"),
    (C::Funding, "paste.column.funding"),
    (C::StartDate, "paste.column.start-date"),
    (C::EndDate, "paste.column.end-date"),
    (C::Outcomes, "paste.column.outcomes"),
    (C::EntryData, "paste.column.entry-data"),
    (C::ExitData, "paste.column.exit-data"),
];

/// Headings as [`key`] writes them, and their columns. A heading matches the longest name it
/// equals or (for names of five letters or more) starts with: "Hourly rate (inc. on-costs)"
/// is an hourly rate, "Staff:pupil ratio" a ratio and not a staff role.
const HEADINGS: &[(&str, Column)] = &[
    ("provision", C::Intervention),
    ("intervention", C::Intervention),
    ("provisionintervention", C::Intervention),
    ("interventionprovision", C::Intervention),
    ("nameofintervention", C::Intervention),
    ("nameofprovision", C::Intervention),
    ("interventionname", C::Intervention),
    ("provisionname", C::Intervention),
    ("strategy", C::Intervention),
    ("description", C::Intervention),
    ("activity", C::Intervention),
    ("area", C::Area),
    ("areaofneed", C::Area),
    ("broadarea", C::Area),
    ("needarea", C::Area),
    ("primaryarea", C::Area),
    ("category", C::Category),
    ("type", C::Category),
    ("typeofcost", C::Category),
    ("costtype", C::Category),
    ("typeofprovision", C::Category),
    ("staff", C::Staff),
    ("staffrole", C::Staff),
    ("role", C::Staff),
    ("deliveredby", C::Staff),
    ("whodelivers", C::Staff),
    ("ledby", C::Staff),
    ("provider", C::Staff),
    ("adults", C::Adults),
    ("numberofadults", C::Adults),
    ("noofadults", C::Adults),
    ("groupsize", C::GroupSize),
    ("pupils", C::GroupSize),
    ("pupilsingroup", C::GroupSize),
    ("numberofpupils", C::GroupSize),
    ("noofpupils", C::GroupSize),
    ("sizeofgroup", C::GroupSize),
    ("ratio", C::Ratio),
    ("staffpupilratio", C::Ratio),
    ("adultpupilratio", C::Ratio),
    ("staffratio", C::Ratio),
    ("adulttopupilratio", C::Ratio),
    ("stafftopupilratio", C::Ratio),
    ("frequency", C::Sessions),
    ("sessions", C::Sessions),
    ("sessionsperweek", C::Sessions),
    ("sessionsaweek", C::Sessions),
    ("timesperweek", C::Sessions),
    ("timesaweek", C::Sessions),
    ("howoften", C::Sessions),
    ("numberofsessionsperweek", C::Sessions),
    ("noofsessionsperweek", C::Sessions),
    ("sessionlength", C::Minutes),
    ("lengthofsession", C::Minutes),
    ("sessionminutes", C::Minutes),
    ("minutes", C::Minutes),
    ("mins", C::Minutes),
    ("minutespersession", C::Minutes),
    ("durationmins", C::Minutes),
    ("durationminutes", C::Minutes),
    ("durationofsession", C::Minutes),
    ("minutesperweek", C::WeeklyMinutes),
    ("minsperweek", C::WeeklyMinutes),
    ("totalminutesperweek", C::WeeklyMinutes),
    ("hoursperweek", C::WeeklyHours),
    ("weeklyhours", C::WeeklyHours),
    ("weeks", C::Weeks),
    ("numberofweeks", C::Weeks),
    ("noofweeks", C::Weeks),
    ("durationweeks", C::Weeks),
    ("hourlyrate", C::HourlyRate),
    ("rate", C::HourlyRate),
    ("costperhour", C::HourlyRate),
    ("rateperhour", C::HourlyRate),
    ("hourlycost", C::HourlyRate),
    ("fixedcost", C::FixedCost),
    ("unitcost", C::FixedCost),
    ("costperunit", C::FixedCost),
    ("costperitem", C::FixedCost),
    ("costpersession", C::FixedCost),
    ("price", C::FixedCost),
    ("quantity", C::Quantity),
    ("qty", C::Quantity),
    ("numberofunits", C::Quantity),
    ("cost", C::StatedCost),
    ("annualcost", C::StatedCost),
    ("totalcost", C::StatedCost),
    ("total", C::StatedCost),
    ("costperyear", C::StatedCost),
    ("yearlycost", C::StatedCost),
    ("funding", C::Funding),
    ("fundedby", C::Funding),
    ("whopays", C::Funding),
    ("fundingsource", C::Funding),
    ("sourceoffunding", C::Funding),
    ("fundingstream", C::Funding),
    ("startdate", C::StartDate),
    ("start", C::StartDate),
    ("datestarted", C::StartDate),
    ("from", C::StartDate),
    ("enddate", C::EndDate),
    ("end", C::EndDate),
    ("dateended", C::EndDate),
    ("finishdate", C::EndDate),
    ("to", C::EndDate),
    ("until", C::EndDate),
    ("outcome", C::Outcomes),
    ("outcomes", C::Outcomes),
    ("linkedoutcomes", C::Outcomes),
    ("outcomenumbers", C::Outcomes),
    ("targets", C::Outcomes),
    ("entrydata", C::EntryData),
    ("entry", C::EntryData),
    ("baseline", C::EntryData),
    ("startdata", C::EntryData),
    ("entrymeasure", C::EntryMeasure),
    ("baselinemeasure", C::EntryMeasure),
    ("entrydate", C::EntryDate),
    ("baselinedate", C::EntryDate),
    ("dateofentrydata", C::EntryDate),
    ("exitdata", C::ExitData),
    ("exitmeasure", C::ExitMeasure),
    ("exitdate", C::ExitDate),
    ("dateofexitdata", C::ExitDate),
    ("exit", C::ExitData),
    ("enddata", C::ExitData),
    ("impact", C::Impact),
    ("impactnotes", C::ImpactNotes),
    ("impactcomments", C::ImpactNotes),
];

/// One row read from the spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedRow {
    /// The row's number as the spreadsheet shows it (the heading row counts).
    pub number: usize,
    /// The row as the model holds it (without an id: the form gives it one).
    pub row: ProvisionRow,
    /// The cost the form works out ([`cost::row_cost`]), if it can.
    pub cost_pence: Option<i64>,
    /// The spreadsheet's own annual cost, if it has one.
    pub stated_pence: Option<i64>,
    /// What could not be read or is missing, in plain English, naming row and column.
    pub problems: Vec<String>,
}

impl PastedRow {
    /// Whether the spreadsheet states a cost different from the one the form works out.
    pub fn cost_differs(&self) -> bool {
        matches!((self.stated_pence, self.cost_pence), (Some(s), Some(c)) if s != c)
    }
}

/// Everything read from one paste or file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pasted {
    pub rows: Vec<PastedRow>,
    /// Whether a heading row was found (else [`DEFAULT_ORDER`] was used).
    pub headings: bool,
    /// Columns that were not used, as the spreadsheet names them.
    pub unused: Vec<String>,
    /// Rows left out and why (title rows, totals, rows past [`MAX_ROWS`]).
    pub notes: Vec<String>,
}

impl Pasted {
    /// Every problem of every row, in row order.
    pub fn problems(&self) -> impl Iterator<Item = &String> {
        self.rows.iter().flat_map(|r| r.problems.iter())
    }
}

/// A heading or code as it is matched: ASCII letters and digits only, lower case.
pub fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The column a heading names, if any.
pub fn column_for(heading: &str) -> Option<Column> {
    let k = key(heading);
    if k.is_empty() {
        return None;
    }
    HEADINGS
        .iter()
        .filter(|(name, _)| k == *name || (name.len() >= 5 && k.starts_with(name)))
        .max_by_key(|(name, _)| name.len())
        .map(|(_, c)| *c)
}

/// Reads pasted text or a CSV file, its problems and notes in English. `outcomes` are the
/// application's outcomes as (id, text), in order: a cell "1, 3" links the first and third.
pub fn read(text: &str, outcomes: &[(String, String)]) -> Pasted {
    read_in(text, outcomes, &Catalogue::english())
}

/// Reads pasted text or a CSV file, its problems and notes in the words of `texts`.
pub fn read_in(text: &str, outcomes: &[(String, String)], texts: &Catalogue) -> Pasted {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (text, delim) = match sep_line(text) {
        Some((rest, d)) => (rest, d),
        None => (text, delimiter(text)),
    };
    let records = split(text, delim);
    let mut out = Pasted::default();
    let heading_at = records
        .iter()
        .take(10)
        .position(|r| r.iter().filter(|c| column_for(c).is_some()).count() >= 2);
    let mut columns: Vec<Option<(Column, String)>> = Vec::new();
    let first = match heading_at {
        Some(h) => {
            out.headings = true;
            let above: Vec<usize> = records
                .iter()
                .take(h)
                .enumerate()
                .filter(|(_, r)| !blank(r))
                .map(|(i, _)| i.saturating_add(1))
                .collect();
            if let (Some(a), Some(b)) = (above.first(), above.last()) {
                out.notes.push(if a == b {
                    texts.format("paste.above-row", &[("row", a)])
                } else {
                    texts.format("paste.above-rows", &[("first", a), ("last", b)])
                });
            }
            for cell in records.get(h).map(Vec::as_slice).unwrap_or(&[]) {
                let name = cell.trim().to_owned();
                match column_for(&name) {
                    Some(c) if !columns.iter().flatten().any(|(d, _)| *d == c) => {
                        columns.push(Some((c, name)))
                    }
                    _ => {
                        if !name.is_empty() {
                            out.unused.push(name);
                        }
                        columns.push(None);
                    }
                }
            }
            h.saturating_add(1)
        }
        None => {
            columns = DEFAULT_ORDER
                .iter()
                .map(|(c, id)| Some((*c, texts.get(id).to_owned())))
                .collect();
            let widest = records.iter().map(Vec::len).max().unwrap_or(0);
            for n in DEFAULT_ORDER.len()..widest {
                let used = records
                    .iter()
                    .any(|r| r.get(n).is_some_and(|c| !c.trim().is_empty()));
                if used {
                    out.unused
                        .push(texts.format("paste.column-n", &[("n", &n.saturating_add(1))]));
                }
            }
            0
        }
    };
    for (i, record) in records.iter().enumerate().skip(first) {
        if blank(record) {
            continue;
        }
        let number = i.saturating_add(1);
        if out.rows.len() >= MAX_ROWS {
            out.notes
                .push(texts.format("paste.max-rows", &[("max", &MAX_ROWS), ("row", &number)]));
            break;
        }
        if is_total(record, &columns) {
            out.notes
                .push(texts.format("paste.total-row", &[("row", &number)]));
            continue;
        }
        out.rows
            .push(read_row(number, record, &columns, outcomes, texts));
    }
    out
}

/// A first line `sep=;` (Excel's hint) names the delimiter.
fn sep_line(text: &str) -> Option<(&str, char)> {
    let rest = text.strip_prefix("sep=")?;
    let mut chars = rest.chars();
    let d = chars.next()?;
    let after = chars.as_str();
    let after = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .or_else(|| after.strip_prefix('\r'))?;
    Some((after, d))
}

/// Tab if the text has one outside quotes; else semicolon or comma, whichever it has more of.
fn delimiter(text: &str) -> char {
    let (mut tabs, mut commas, mut semis, mut quoted) = (0usize, 0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => tabs = tabs.saturating_add(1),
            ',' if !quoted => commas = commas.saturating_add(1),
            ';' if !quoted => semis = semis.saturating_add(1),
            _ => {}
        }
    }
    if tabs > 0 || (commas == 0 && semis == 0) {
        '\t'
    } else if semis > commas {
        ';'
    } else {
        ','
    }
}

/// How a cell ended.
enum Stop<'a> {
    Cell(&'a str),
    Row(&'a str),
    End,
}

/// The rows and cells of delimited text.
fn split(text: &str, delim: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut rest = text;
    // Enough rows for MAX_ROWS after title and blank rows; the rest is not read.
    let limit = MAX_ROWS.saturating_mul(4);
    loop {
        let (cell, stop) = read_cell(rest, delim);
        record.push(cell);
        match stop {
            Stop::Cell(r) => rest = r,
            Stop::Row(r) => {
                records.push(std::mem::take(&mut record));
                rest = r;
                if records.len() > limit {
                    break;
                }
            }
            Stop::End => {
                records.push(record);
                break;
            }
        }
    }
    records
}

/// One cell from the start of `s`. A quoted cell ends at its closing quote (`""` is a quote);
/// anything after it up to the delimiter is kept as typed. An opening quote that is never
/// closed is an ordinary character.
fn read_cell(s: &str, delim: char) -> (String, Stop<'_>) {
    let mut cell = String::new();
    let mut rest = s;
    if let Some(body) = s.strip_prefix('"') {
        let mut chars = body.char_indices().peekable();
        let mut closed = None;
        while let Some((i, c)) = chars.next() {
            if c == '"' {
                if matches!(chars.peek(), Some((_, '"'))) {
                    chars.next();
                    cell.push('"');
                } else {
                    closed = Some(i.saturating_add(1));
                    break;
                }
            } else {
                cell.push(c);
            }
        }
        match closed.and_then(|at| body.get(at..)) {
            Some(after) => rest = after,
            None => cell.clear(),
        }
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| *c == delim || *c == '\n' || *c == '\r');
    match end {
        None => {
            cell.push_str(rest);
            (cell, Stop::End)
        }
        Some((at, c)) => {
            cell.push_str(rest.get(..at).unwrap_or(""));
            let after = rest.get(at.saturating_add(c.len_utf8())..).unwrap_or("");
            let stop = if c == delim {
                Stop::Cell(after)
            } else if c == '\r' {
                Stop::Row(after.strip_prefix('\n').unwrap_or(after))
            } else {
                Stop::Row(after)
            };
            (cell, stop)
        }
    }
}

fn blank(record: &[String]) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}

/// A row whose provision cell says "Total" (or "Subtotal", "Grand total") and which has no
/// hours or rate: the spreadsheet's sum, not a provision.
fn is_total(record: &[String], columns: &[Option<(Column, String)>]) -> bool {
    let cell = |want: Column| {
        columns
            .iter()
            .position(|c| c.as_ref().is_some_and(|(k, _)| *k == want))
            .and_then(|i| record.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let name = key(cell(C::Intervention));
    let named_total = ["total", "totals", "subtotal", "grandtotal", "totalcost"]
        .iter()
        .any(|t| name == *t)
        || (name.is_empty()
            && record
                .iter()
                .any(|c| ["total", "totals", "grandtotal"].contains(&key(c).as_str())));
    named_total && cell(C::HourlyRate).is_empty() && cell(C::Minutes).is_empty()
}

/// A cell's text for a message: quoted, and cut short when long.
fn shown(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("'{short}…'")
    } else {
        format!("'{short}'")
    }
}

/// "'abc' is not an amount of money …": what a cell should have held (`what`, a catalogue id).
fn not_a(text: &str, what: &'static str) -> Message {
    Message::new("paste.not-a")
        .data("cell", shown(text))
        .text("what", Message::new(what))
}

/// Words that mean "nothing here" in a number column.
fn nothing(text: &str) -> bool {
    matches!(
        key(text).as_str(),
        "" | "na" | "none" | "nil" | "notapplicable"
    ) && !text.trim().starts_with('0')
}

fn read_row(
    number: usize,
    record: &[String],
    columns: &[Option<(Column, String)>],
    outcomes: &[(String, String)],
    texts: &Catalogue,
) -> PastedRow {
    let mut row = ProvisionRow {
        is_ordinarily_available: Some(false),
        ..ProvisionRow::default()
    };
    let mut problems = Vec::new();
    let mut stated = None;
    let mut bad: Vec<Column> = Vec::new();
    let mut weekly_minutes = None;
    for (i, column) in columns.iter().enumerate() {
        let Some((column, name)) = column else {
            continue;
        };
        let text = record.get(i).map(|s| s.trim()).unwrap_or("");
        if text.is_empty() {
            continue;
        }
        let result = read_cell_into(*column, text, &mut row, outcomes, &mut stated);
        let result = match (result, *column) {
            (Ok(Some(m)), C::WeeklyMinutes) => {
                weekly_minutes = Some(m);
                Ok(None)
            }
            (Ok(Some(h)), C::WeeklyHours) => {
                weekly_minutes = Some(h.saturating_mul(60));
                Ok(None)
            }
            (r, _) => r.map(|_| None::<i64>),
        };
        if let Err(why) = result {
            bad.push(*column);
            problems.push(texts.format(
                "paste.cell",
                &[
                    ("row", &number),
                    ("column", name),
                    ("why", &why.words(texts)),
                ],
            ));
        }
    }
    if let Some(m) = weekly_minutes {
        if row.session_minutes.is_none() && row.sessions_per_week.is_none() {
            row.session_minutes = Some(m);
            row.sessions_per_week = Some(1.0.into());
        }
    }
    // A zero in the column a row does not use ("£0.00" fixed cost on a staff-time row).
    if row.hourly_rate_pence.is_some_and(|r| r > 0) && row.fixed_cost_pence == Some(0) {
        row.fixed_cost_pence = None;
    }
    if row.fixed_cost_pence.is_some_and(|r| r > 0) && row.hourly_rate_pence == Some(0) {
        row.hourly_rate_pence = None;
    }
    if row.category.is_none() {
        row.category = if row.hourly_rate_pence.is_some() {
            Some(ProvisionCategory::StaffTime)
        } else if row.fixed_cost_pence.is_some() {
            Some(if row.staff_role.is_some() {
                ProvisionCategory::SlaService
            } else {
                ProvisionCategory::Resource
            })
        } else if row.session_minutes.is_some() || row.staff_role.is_some() {
            Some(ProvisionCategory::StaffTime)
        } else {
            None
        };
    }
    let name_of = |want: Column| {
        columns
            .iter()
            .flatten()
            .find(|(c, _)| *c == want)
            .map(|(_, n)| n.clone())
            .or_else(|| {
                DEFAULT_ORDER
                    .iter()
                    .find(|(c, _)| *c == want)
                    .map(|(_, id)| texts.get(id).to_owned())
            })
            .unwrap_or_default()
    };
    if row.intervention.is_none() && !bad.contains(&C::Intervention) {
        problems.push(texts.format(
            "paste.no-provision",
            &[("row", &number), ("column", &name_of(C::Intervention))],
        ));
    }
    let cost_pence = cost::row_cost(&row);
    if cost_pence.is_none() {
        let staff = cost::is_staff_time(&row);
        let needed: &[(Column, bool)] = if staff {
            &[
                (C::HourlyRate, row.hourly_rate_pence.is_none()),
                (C::Minutes, row.session_minutes.is_none()),
                (C::Sessions, row.sessions_per_week.is_none()),
                (C::Weeks, row.weeks.is_none()),
                (
                    C::Ratio,
                    row.group_size.is_none() && row.charge_full_group_cost != Some(true),
                ),
            ]
        } else {
            &[(C::FixedCost, row.fixed_cost_pence.is_none())]
        };
        let missing: Vec<String> = needed
            .iter()
            .filter(|(c, m)| {
                *m && !bad.contains(c) && !(*c == C::Ratio && bad.contains(&C::GroupSize))
            })
            .map(|(c, _)| texts.format("paste.quoted", &[("column", &name_of(*c))]))
            .collect();
        if !missing.is_empty() {
            problems.push(texts.format(
                "paste.cost-without",
                &[("row", &number), ("columns", &texts.and_list(&missing))],
            ));
        } else if bad.is_empty() {
            problems.push(texts.format("paste.cost-figures", &[("row", &number)]));
        }
    }
    PastedRow {
        number,
        row,
        cost_pence,
        stated_pence: stated,
        problems,
    }
}

/// Reads one cell into the row. `Ok(Some(n))` hands back a number the caller combines
/// (weekly minutes or hours).
fn read_cell_into(
    column: Column,
    text: &str,
    row: &mut ProvisionRow,
    outcomes: &[(String, String)],
    stated: &mut Option<i64>,
) -> Result<Option<i64>, Message> {
    match column {
        C::Intervention => {
            row.intervention = Some(text.to_owned());
            too_long(text)?;
        }
        C::Area => row.area = Some(area(text).ok_or_else(|| not_a(text, "paste.what.area"))?),
        C::Category => {
            row.category = Some(category(text).ok_or_else(|| not_a(text, "paste.what.category"))?)
        }
        C::Staff => {
            row.staff_role = Some(staff_role(text).ok_or_else(|| not_a(text, "paste.what.staff"))?)
        }
        C::Adults => row.adults = whole_or_nothing(text)?,
        C::GroupSize => row.group_size = whole_or_nothing(text)?,
        C::Ratio => {
            let (adults, pupils) = ratio(text).ok_or_else(|| not_a(text, "paste.what.ratio"))?;
            row.adults = row.adults.or(Some(adults));
            row.group_size = row.group_size.or(Some(pupils));
            row.staff_ratio = Some(format!("{adults}:{pupils}"));
        }
        C::Sessions => {
            if !nothing(text) {
                let (n, f) = sessions(text).ok_or_else(|| not_a(text, "paste.what.sessions"))?;
                row.sessions_per_week = Some(n);
                row.frequency = f;
            }
        }
        C::Minutes => {
            if !nothing(text) {
                row.session_minutes =
                    Some(minutes(text).ok_or_else(|| not_a(text, "paste.what.minutes"))?);
            }
        }
        C::WeeklyMinutes => {
            if !nothing(text) {
                return minutes(text)
                    .map(Some)
                    .ok_or_else(|| not_a(text, "paste.what.weekly-minutes"));
            }
        }
        C::WeeklyHours => {
            if !nothing(text) {
                let m = minutes(&format!("{text} hours"))
                    .ok_or_else(|| not_a(text, "paste.what.hours"))?;
                row.session_minutes = row.session_minutes.or(Some(m));
                row.sessions_per_week = row.sessions_per_week.or(Some(1.0.into()));
            }
        }
        C::Weeks => {
            if !nothing(text) {
                let t = text.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ' ');
                row.weeks = Some(whole(t).ok_or_else(|| not_a(text, "paste.what.weeks"))?);
            }
        }
        C::HourlyRate => row.hourly_rate_pence = money_or_nothing(text, false)?,
        C::FixedCost => row.fixed_cost_pence = money_or_nothing(text, false)?,
        C::StatedCost => *stated = money_or_nothing(text, true)?,
        C::Quantity => row.quantity = whole_or_nothing(text)?,
        C::Funding => {
            row.funding_source =
                Some(funding(text).ok_or_else(|| not_a(text, "paste.what.funding"))?)
        }
        C::StartDate => row.start_date = Some(date_cell(text)?),
        C::EndDate => row.end_date = Some(date_cell(text)?),
        C::Outcomes => {
            if !nothing(text) {
                row.linked_outcome_ids = Some(outcome_ids(text, outcomes)?);
            }
        }
        C::EntryData
        | C::EntryMeasure
        | C::EntryDate
        | C::ExitData
        | C::ExitMeasure
        | C::ExitDate => {
            let point = if matches!(column, C::EntryData | C::EntryMeasure | C::EntryDate) {
                row.entry_data.get_or_insert_with(DataPoint::default)
            } else {
                row.exit_data.get_or_insert_with(DataPoint::default)
            };
            match column {
                C::EntryDate | C::ExitDate => point.date = Some(date_cell(text)?),
                C::EntryMeasure | C::ExitMeasure => point.measure = Some(text.to_owned()),
                _ => point.value = Some(text.to_owned()),
            }
            too_long(text)?;
        }
        C::Impact => {
            let k = key(text);
            let found = crate::codes::Impact::ALL
                .iter()
                .copied()
                .find(|c| key(c.code()) == k || key(c.label()) == k);
            row.impact = Some(found.ok_or_else(|| not_a(text, "paste.what.impact"))?);
        }
        C::ImpactNotes => row.impact_notes = Some(text.to_owned()),
    }
    Ok(None)
}

/// A short field holds at most [`SHORT_TEXT_MAX`] characters. Longer text is kept (nothing
/// typed is thrown away) and said to be too long.
fn too_long(text: &str) -> Result<(), Message> {
    let n = text.chars().count();
    let max = usize::try_from(SHORT_TEXT_MAX).unwrap_or(usize::MAX);
    if n > max {
        return Err(Message::new("paste.too-long")
            .data("n", cost::grouped(u64::try_from(n).unwrap_or(u64::MAX)))
            .data("max", max));
    }
    Ok(())
}

fn whole(text: &str) -> Option<i64> {
    let t: String = text.chars().filter(|c| *c != ',' && *c != ' ').collect();
    let t = t
        .strip_suffix(".0")
        .or_else(|| t.strip_suffix(".00"))
        .unwrap_or(&t);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 9 {
        return None;
    }
    t.parse().ok()
}

fn whole_or_nothing(text: &str) -> Result<Option<i64>, Message> {
    if nothing(text) {
        return Ok(None);
    }
    whole(text)
        .map(Some)
        .ok_or_else(|| not_a(text, "paste.what.whole"))
}

/// A decimal number of sensible size: digits with at most one point.
fn decimal(text: &str) -> Option<f64> {
    let t = text.trim();
    let ok = !t.is_empty()
        && t.len() <= 12
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|b| *b == b'.').count() <= 1
        && t.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// An amount of money in pence: "£17.20", "17.2", "1,720.00", "£ 6,536". When `round`, more
/// than two decimal places are rounded half-up to the penny (a spreadsheet's own total);
/// otherwise they are refused, since a rate is never rounded silently.
pub fn pence(text: &str, round: bool) -> Option<i64> {
    let t: String = text
        .trim()
        .trim_start_matches('£')
        .trim_end_matches("GBP")
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    let t = t.trim_start_matches('£');
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return None;
    }
    if whole.len() > 12 || frac.len() > 12 || (frac.len() > 2 && !round) {
        return None;
    }
    let pounds: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut chars = frac.chars().map(|c| i64::from(c.to_digit(10).unwrap_or(0)));
    let tens = chars.next().unwrap_or(0);
    let units = chars.next().unwrap_or(0);
    let up = i64::from(chars.next().is_some_and(|d| d >= 5));
    pounds.checked_mul(100)?.checked_add(tens * 10 + units + up)
}

fn money_or_nothing(text: &str, round: bool) -> Result<Option<i64>, Message> {
    if nothing(text) || matches!(text.trim(), "-" | "–" | "£-" | "£ -") {
        return Ok(None);
    }
    pence(text, round)
        .map(Some)
        .ok_or_else(|| not_a(text, "paste.what.money"))
}

/// "1:3", "1 : 3", "1 to 3", "2:6", "1-1", or a single number (pupils to one adult).
fn ratio(text: &str) -> Option<(i64, i64)> {
    let t = text.trim();
    let sep = [":", " to ", "-", "/"].iter().find_map(|s| t.split_once(s));
    let (a, p) = match sep {
        Some((a, p)) => (whole(a.trim())?, whole(p.trim())?),
        None => (1, whole(t)?),
    };
    (a >= 1 && p >= 1).then_some((a, p))
}

/// Sessions a week from a number or words: "3", "0.5", "Daily", "Fortnightly", "3 x weekly",
/// "Twice a week", "2 times per week".
fn sessions(text: &str) -> Option<(SessionsPerWeek, Option<Frequency>)> {
    let k = key(text);
    let one_in = |weeks| SessionsPerWeek::Fraction { sessions: 1, weeks };
    let word = match k.as_str() {
        "daily" | "everyday" => Some((5.0.into(), Frequency::Daily)),
        "weekly" | "onceaweek" | "onceweekly" | "onceperweek" => {
            Some((1.0.into(), Frequency::Weekly))
        }
        "twiceweekly" | "twiceaweek" | "twiceperweek" => Some((2.0.into(), Frequency::NPerWeek)),
        "fortnightly" | "everyfortnight" | "everytwoweeks" => {
            Some((0.5.into(), Frequency::Fortnightly))
        }
        "halftermly" | "onceahalfterm" => Some((one_in(6), Frequency::HalfTermly)),
        "termly" | "onceaterm" => Some((one_in(13), Frequency::Termly)),
        _ => None,
    };
    if let Some((n, f)) = word {
        return Some((n, Some(f)));
    }
    if let Some(f) = SessionsPerWeek::parse_fraction(text) {
        return Some((f, None));
    }
    let t = text.trim();
    let cut = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let n = decimal(t.get(..cut)?)?;
    let rest = key(t.get(cut..)?);
    let per_week = [
        "",
        "x",
        "xweekly",
        "xaweek",
        "xperweek",
        "xpw",
        "pw",
        "perweek",
        "aweek",
        "times",
        "timesaweek",
        "timesperweek",
        "timesweekly",
        "sessions",
        "sessionsaweek",
        "sessionsperweek",
        "weekly",
    ];
    let per_day = [
        "xdaily",
        "xaday",
        "xperday",
        "timesaday",
        "timesdaily",
        "daily",
        "aday",
    ];
    if per_week.contains(&rest.as_str()) {
        Some((n.into(), (!rest.is_empty()).then_some(Frequency::NPerWeek)))
    } else if per_day.contains(&rest.as_str()) {
        Some(((n * 5.0).into(), Some(Frequency::Daily)))
    } else {
        None
    }
}

/// Minutes from "30", "30 mins", "45 minutes", "1 hour", "1.5 hours", "1hr".
fn minutes(text: &str) -> Option<i64> {
    let t = text.trim();
    let cut = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let n = decimal(t.get(..cut)?)?;
    let unit = key(t.get(cut..)?);
    let m = match unit.as_str() {
        "" | "m" | "min" | "mins" | "minute" | "minutes" => n,
        "h" | "hr" | "hrs" | "hour" | "hours" => n * 60.0,
        _ => return None,
    };
    // Whole minutes only; in range, so the cast is exact.
    (m.fract() == 0.0 && m <= 100_000.0).then_some(m as i64)
}

/// A date as English spreadsheets show it (dd/mm/yyyy, d/m/yy, 9 Sep 2024, 09-Sep-24) or ISO
/// (a time after it, as CSV exports add, is ignored).
fn date(text: &str) -> Option<Date> {
    let t = text.trim();
    let t = match t.split_once([' ', 'T']) {
        Some((d, _)) if d.len() == 10 && d.get(4..5) == Some("-") => d,
        _ => t,
    };
    let parts: Vec<&str> = t
        .split(['/', '-', '.', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<u32> {
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else {
        let m = num(b).or_else(|| month(b))?;
        let y = num(c)?;
        let y = if c.len() == 2 {
            y.saturating_add(2000)
        } else {
            y
        };
        if c.len() != 2 && c.len() != 4 {
            return None;
        }
        (y, m, num(a)?)
    };
    Date::new(i32::try_from(y).ok()?, m, d)
}

fn month(name: &str) -> Option<u32> {
    let k = key(name);
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let at = months
        .iter()
        .position(|m| k.starts_with(m) && k.len() >= 3)?;
    u32::try_from(at).ok().map(|n| n.saturating_add(1))
}

fn date_cell(text: &str) -> Result<DateText, Message> {
    date(text)
        .map(|d| DateText(d.to_string()))
        .ok_or_else(|| not_a(text, "paste.what.date"))
}

/// Outcome ids from "1, 3", "1;3", "1 and 3", "Outcome 2", "o2", or an outcome's text.
fn outcome_ids(text: &str, outcomes: &[(String, String)]) -> Result<Vec<String>, Message> {
    let by_text = |t: &str| {
        let k = key(t);
        (k.len() >= 8)
            .then(|| {
                outcomes
                    .iter()
                    .find(|(_, o)| key(o) == k || key(o).starts_with(&k))
                    .map(|(id, _)| id.clone())
            })
            .flatten()
    };
    if let Some(id) = by_text(text) {
        return Ok(vec![id]);
    }
    let mut ids: Vec<String> = Vec::new();
    let spaced = text.replace(" and ", ",").replace('&', ",");
    for part in spaced
        .split([',', ';', '\n', '/', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let k = key(part);
        let digits = k
            .strip_prefix("outcome")
            .or_else(|| k.strip_prefix("o"))
            .unwrap_or(&k);
        let found = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n: usize = digits.parse().unwrap_or(0);
            match n.checked_sub(1).and_then(|i| outcomes.get(i)) {
                Some((id, _)) => id.clone(),
                None if outcomes.is_empty() => {
                    return Err(Message::new("paste.no-outcomes")
                        .data("cell", shown(text))
                        .data("n", n))
                }
                None => {
                    return Err(Message::new(if outcomes.len() == 1 {
                        "paste.no-such-outcome.one"
                    } else {
                        "paste.no-such-outcome.other"
                    })
                    .data("n", n)
                    .data("count", outcomes.len()))
                }
            }
        } else {
            by_text(part).ok_or_else(|| not_a(part, "paste.what.outcome"))?
        };
        if !ids.contains(&found) {
            ids.push(found);
        }
    }
    Ok(ids)
}

/// A code list value from its code, its label, or one of `more` (keys as [`key`] writes them).
fn code_of<T: Copy>(
    text: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    more: &[(&str, T)],
) -> Option<T> {
    let k = key(text);
    if k.is_empty() {
        return None;
    }
    all.iter()
        .copied()
        .find(|c| key(code(*c)) == k || key(label(*c)) == k)
        .or_else(|| more.iter().find(|(m, _)| *m == k).map(|(_, c)| *c))
}

fn area(text: &str) -> Option<ProvisionArea> {
    use ProvisionArea as A;
    code_of(
        text,
        A::ALL,
        A::code,
        A::label,
        &[
            ("ci", A::Ci),
            ("communication", A::Ci),
            ("communicationinteraction", A::Ci),
            ("cognitionlearning", A::Cl),
            ("cognition", A::Cl),
            ("learning", A::Cl),
            ("socialemotionalmentalhealth", A::Semh),
            ("socialemotionalandmentalhealth", A::Semh),
            ("sensoryphysical", A::Sp),
            ("sensoryandphysical", A::Sp),
            ("physicalandsensory", A::Sp),
            ("physicalsensory", A::Sp),
            ("ps", A::Sp),
            ("sensory", A::Sp),
            ("physical", A::Sp),
            ("catchup", A::CatchUp),
            ("notsen", A::CatchUp),
        ],
    )
}

fn category(text: &str) -> Option<ProvisionCategory> {
    use ProvisionCategory as P;
    code_of(
        text,
        P::ALL,
        P::code,
        P::label,
        &[
            ("staff", P::StaffTime),
            ("staffing", P::StaffTime),
            ("stafftime", P::StaffTime),
            ("sla", P::SlaService),
            ("service", P::SlaService),
            ("tradedservice", P::SlaService),
            ("traded", P::SlaService),
            ("boughtinservice", P::SlaService),
            ("resources", P::Resource),
            ("equipment", P::Resource),
            ("resourceequipment", P::Resource),
        ],
    )
}

fn staff_role(text: &str) -> Option<StaffRole> {
    use StaffRole as S;
    let k = key(text);
    let found = code_of(
        text,
        S::ALL,
        S::code,
        S::label,
        &[
            ("ta", S::TaL2),
            ("teachingassistant", S::TaL2),
            ("classroomassistant", S::TaL2),
            ("hlta", S::Hlta),
            ("higherlevelteachingassistant", S::Hlta),
            ("classteacher", S::Teacher),
            ("sendco", S::Senco),
            ("learningsupportassistant", S::Lsa),
            ("lunchtimesupervisor", S::SupervisoryAssistant),
            ("middaysupervisor", S::SupervisoryAssistant),
            ("middaysupervisoryassistant", S::SupervisoryAssistant),
            ("mta", S::SupervisoryAssistant),
            ("supervisoryassistant", S::SupervisoryAssistant),
            ("therapist", S::Therapist),
            ("therapyassistant", S::Therapist),
            ("salt", S::Therapist),
            ("speechandlanguagetherapist", S::Therapist),
            ("occupationaltherapist", S::Therapist),
            ("external", S::ExternalSla),
            ("sla", S::ExternalSla),
            ("externalprovider", S::ExternalSla),
            ("ep", S::ExternalSla),
            ("educationalpsychologist", S::ExternalSla),
            ("outreach", S::ExternalSla),
        ],
    );
    if found.is_some() {
        return found;
    }
    // "TA level 3", "Teaching assistant (level 3)", "TA3", "Level 2 TA", "TA grade 2".
    let ta = ["teachingassistant", "ta"]
        .iter()
        .any(|p| k.starts_with(p) || k.ends_with(p));
    let digits: Vec<u32> = k.chars().filter_map(|c| c.to_digit(10)).collect();
    if ta {
        return match digits.as_slice() {
            [1] => Some(S::TaL1),
            [2] => Some(S::TaL2),
            [3] => Some(S::TaL3),
            [4] => Some(S::TaL4),
            _ => None,
        };
    }
    None
}

fn funding(text: &str) -> Option<FundingSource> {
    use FundingSource as F;
    code_of(
        text,
        F::ALL,
        F::code,
        F::label,
        &[
            ("notionalsen", F::NotionalSen),
            ("notional", F::NotionalSen),
            ("notionalsenbudget", F::NotionalSen),
            ("school", F::NotionalSen),
            ("schoolbudget", F::NotionalSen),
            ("senbudget", F::NotionalSen),
            ("element2", F::NotionalSen),
            ("e2", F::NotionalSen),
            ("pp", F::PupilPremium),
            ("topup", F::TopUpRequested),
            ("la", F::TopUpRequested),
            ("localauthority", F::TopUpRequested),
            ("highneeds", F::TopUpRequested),
            ("highneedsfunding", F::TopUpRequested),
            ("hnf", F::TopUpRequested),
            ("element3", F::TopUpRequested),
            ("e3", F::TopUpRequested),
            ("topupelement3", F::TopUpRequested),
            ("grant", F::OtherGrant),
            ("other", F::OtherGrant),
            ("free", F::FreeService),
            ("nocost", F::FreeService),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_match_by_their_words() {
        assert_eq!(
            column_for("Provision / intervention"),
            Some(C::Intervention)
        );
        assert_eq!(column_for("Staff:pupil ratio"), Some(C::Ratio));
        assert_eq!(column_for("Staff role"), Some(C::Staff));
        assert_eq!(column_for("Duration (mins)"), Some(C::Minutes));
        assert_eq!(
            column_for("Hourly rate (inc. on-costs)"),
            Some(C::HourlyRate)
        );
        assert_eq!(column_for("Cost per hour (£)"), Some(C::HourlyRate));
        assert_eq!(column_for("Total cost"), Some(C::StatedCost));
        assert_eq!(column_for("Minutes per week"), Some(C::WeeklyMinutes));
        assert_eq!(column_for("Outcome(s)"), Some(C::Outcomes));
        assert_eq!(column_for("Notes"), None);
        assert_eq!(column_for("Tomorrow"), None);
    }

    #[test]
    fn money_dates_and_codes() {
        assert_eq!(pence("£17.20", false), Some(1720));
        assert_eq!(pence("17.2", false), Some(1720));
        assert_eq!(pence("1,720.00", false), Some(172_000));
        assert_eq!(pence("£ 6,536", false), Some(653_600));
        assert_eq!(pence("17.205", false), None);
        assert_eq!(pence("544.6666667", true), Some(54467));
        assert_eq!(pence("abc", false), None);
        assert_eq!(pence("-5", false), None);
        assert_eq!(
            date("09/09/2024").map(|d| d.to_string()).as_deref(),
            Some("2024-09-09")
        );
        assert_eq!(
            date("9/9/24").map(|d| d.to_string()).as_deref(),
            Some("2024-09-09")
        );
        assert_eq!(
            date("2025-07-18").map(|d| d.to_string()).as_deref(),
            Some("2025-07-18")
        );
        assert_eq!(
            date("18 July 2025").map(|d| d.to_string()).as_deref(),
            Some("2025-07-18")
        );
        assert_eq!(
            date("09-Sep-24").map(|d| d.to_string()).as_deref(),
            Some("2024-09-09")
        );
        assert_eq!(date("31/02/2025"), None);
        assert_eq!(staff_role("TA"), Some(StaffRole::TaL2));
        assert_eq!(
            staff_role("Teaching assistant (level 3)"),
            Some(StaffRole::TaL3)
        );
        assert_eq!(staff_role("HLTA"), Some(StaffRole::Hlta));
        assert_eq!(staff_role("Level 1 TA"), Some(StaffRole::TaL1));
        assert_eq!(
            funding("Notional SEN budget"),
            Some(FundingSource::NotionalSen)
        );
        assert_eq!(funding("School"), Some(FundingSource::NotionalSen));
        assert_eq!(funding("Top-up"), Some(FundingSource::TopUpRequested));
        assert_eq!(funding("LA"), Some(FundingSource::TopUpRequested));
        assert_eq!(funding("High needs"), Some(FundingSource::TopUpRequested));
        assert_eq!(area("C&I"), Some(ProvisionArea::Ci));
        assert_eq!(
            area("Social, emotional and mental health"),
            Some(ProvisionArea::Semh)
        );
        assert_eq!(ratio("1:3"), Some((1, 3)));
        assert_eq!(ratio("2 : 6"), Some((2, 6)));
        assert_eq!(ratio("0:3"), None);
        assert_eq!(sessions("3 x weekly").map(|s| s.0), Some(3.0.into()));
        assert_eq!(sessions("Fortnightly").map(|s| s.0), Some(0.5.into()));
        assert_eq!(sessions("twice a week").map(|s| s.0), Some(2.0.into()));
        assert_eq!(sessions("often"), None);
        let third = SessionsPerWeek::Fraction {
            sessions: 1,
            weeks: 3,
        };
        assert_eq!(sessions("1/3").map(|s| s.0), Some(third));
        let term = SessionsPerWeek::Fraction {
            sessions: 1,
            weeks: 13,
        };
        assert_eq!(sessions("Termly").map(|s| s.0), Some(term));
        assert_eq!(minutes("1.5 hours"), Some(90));
        assert_eq!(minutes("20 mins"), Some(20));
        assert_eq!(minutes("20.5"), None);
    }

    #[test]
    fn cells_split_like_spreadsheets_quote_them() {
        let text = "a\t\"b\tc\"\t\"d\r\ne\"\t\"say \"\"hi\"\"\"\r\nx\ty\r\n";
        let rows = split(text, delimiter(text));
        assert_eq!(
            rows,
            vec![
                vec!["a", "b\tc", "d\r\ne", "say \"hi\""],
                vec!["x", "y"],
                vec![""]
            ]
        );
        assert_eq!(split("\"open\tx", '\t'), vec![vec!["\"open", "x"]]);
        assert_eq!(delimiter("a;b;\"c,d\"\n"), ';');
        assert_eq!(delimiter("a,b,c\n"), ',');
        assert_eq!(delimiter("just one column\n"), '\t');
    }
}
