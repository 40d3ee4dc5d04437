//! The sandbox: an in-memory emulation of the slice of the Elasticsearch REST API that esops uses,
//! served over HTTP(S) on loopback.
//!
//! Tests start one on a random port; users get it as `esops sandbox` and `--sandbox`.
//! Where it differs from Elasticsearch, our tests lie: its behaviour follows
//! `../shared/reference/es-api.md` and Elasticsearch's own YAML REST tests (`tests/conformance.rs`).

pub mod error;
pub mod http;
pub mod settings;
pub mod state;
pub mod units;
pub mod version;

pub use error::{EsError, EsResult};
pub use version::EsVersion;
