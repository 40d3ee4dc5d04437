//! esops: Elasticsearch index lifecycle operations kept in Git and carried out safely.
//!
//! This crate is the command layer: the clap definitions (`cli`) and one module per subcommand
//! (`commands`). The logic lives in `esops-core` (which never depends on the emulator) and the
//! emulated cluster in `es-sandbox`; only this layer and the tests use both.

pub mod cli;
pub mod commands;
