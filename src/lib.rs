//! esops: Elasticsearch index lifecycle operations kept in Git and carried out safely.
//!
//! The binary (`src/main.rs`) is a thin shell around this library; see `DESIGN.md` in the
//! shared folder for the layout.

pub mod audit;
pub mod cli;
pub mod commands;
pub mod connect;
pub mod es;
pub mod es_units;
pub mod exit;
pub mod glob;
pub mod lifecycle;
pub mod pipeline_test;
pub mod printer;
pub mod reconcile;
pub mod render;
pub mod resources;
pub mod sandbox;
pub mod suggest;
