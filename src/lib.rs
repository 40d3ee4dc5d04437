//! esops: Elasticsearch index lifecycle operations kept in Git and carried out safely.
//!
//! The binary (`src/main.rs`) is a thin shell around this library; see `DESIGN.md` in the
//! shared folder for the layout.

pub mod audit;
pub mod cli;
pub mod commands;
pub mod connect;
pub mod es;
pub mod exit;
pub mod lifecycle;
pub mod printer;
pub mod render;
pub mod resources;
// The sandbox answers refusals as `EsError` values on its normal path (they are HTTP responses,
// not exceptional failures), so the size of the error variant does not matter there.
#[allow(clippy::result_large_err)]
pub mod sandbox;
