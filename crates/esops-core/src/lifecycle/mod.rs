//! Index lifecycle logic that needs no cluster: families and dates in index names, retention,
//! rollover, and the ILM state of indices.
//! Pure functions from data to data; "now" is always passed in.

pub mod date_format;
pub mod family;
pub mod ilm;
pub mod index_action;
pub mod name_date;
pub mod retention;
pub mod rollover;
