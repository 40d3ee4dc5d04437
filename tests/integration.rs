//! esops's integration tests, one binary (one link instead of one per file): each module drives
//! the real `esops` binary, or the sandbox library, against a sandbox on a random loopback port —
//! or against a real cluster when `ESOPS_TEST_URL` is set (see `common`).
//!
//! Run one module with `cargo test --test integration MODULE::`, e.g. `conformance::`.

mod common;

mod audit;
mod aws;
mod bootstrap;
mod cli;
mod client;
mod conformance;
mod connect;
mod context;
mod data_stream_lifecycle;
mod docs;
mod export;
mod fleet;
mod ilm;
mod ilm_verbs;
mod opensearch;
mod pipeline;
mod python_logs;
mod reconcile;
mod release;
mod reliability;
mod retention;
mod rollover;
mod sandbox_command;
mod sandbox_compat;
mod sandbox_flows;
mod sandbox_smoke;
mod selection;
mod snapshots;
mod transport;
mod validate;
