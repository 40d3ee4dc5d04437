//! Elasticsearch's value syntax, shared by esops's core and its sandbox: time values and byte
//! sizes as Elasticsearch parses them (`units`), its simple wildcard patterns (`glob`), its cron
//! expressions (`cron`, the SLM schedule syntax) and its cluster setting namespaces (`settings`).
//!
//! A crate of its own so that both sides use one parser without the core depending on the
//! emulator (or the other way round).

pub mod cron;
pub mod glob;
pub mod settings;
pub mod units;
