//! What every layer of the core reads and none decides: the rules' catalogue of ids and default
//! severities (`catalogue`), the field table (`fields`: kinds, default requirement, label ids,
//! council evidence) and the order of the document's keys (`order`). Below profiles, costs and
//! the rules, so a profile can be checked against the catalogue and the field table and the
//! engine can sit on top of both.

pub mod catalogue;
pub mod fields;
pub mod order;
