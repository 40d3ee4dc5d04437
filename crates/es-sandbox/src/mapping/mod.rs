//! The data plane: mappings and document parsing as Elasticsearch does them.
//!
//! An index's mapping stays the JSON `GET _mapping` shows ([`crate::state::Index::mappings`]);
//! this module checks mappings when they are defined ([`types::validate`], [`types::check_merge`],
//! [`limits::check`]) and parses every indexed document against them
//! ([`document::parse_document`]): dynamic mapping with ES's rules and `dynamic_templates`, each
//! field type's parsing and coercion, `dynamic`, `ignore_malformed`, `ignore_above` and the
//! `index.mapping.*` limits, and refusals with ES's errors (`document_parsing_exception` in
//! 8.x/9.x, `mapper_parsing_exception` in 7.17).

pub mod api;
pub mod document;
mod dynamic;
pub mod limits;
pub mod types;
mod values;

#[cfg(test)]
mod tests;

pub use document::{ParsedDocument, RequestedTemplates, parse_document};
pub use limits::Limits;
