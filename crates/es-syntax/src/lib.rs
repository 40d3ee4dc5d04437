//! Elasticsearch's value syntax, shared by esops's core and its sandbox: time values and byte
//! sizes as Elasticsearch parses them (`units`) and its simple wildcard patterns (`glob`).
//!
//! A crate of its own so that both sides use one parser without the core depending on the
//! emulator (or the other way round).

pub mod glob;
pub mod units;
