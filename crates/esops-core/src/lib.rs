//! esops's core: declared resources and their validation, plan and apply, audit, retention and
//! rollover selection, and the only HTTP client layer (`es`).
//!
//! Pure where it can be (data in, data out, "now" passed in); it never prints except through
//! `printer`, and it never depends on the sandbox: the compiler keeps that boundary, since
//! `es-sandbox` is not among this crate's dependencies.

pub mod audit;
pub mod connect;
pub mod es;
pub mod exit;
pub mod fleet;
pub mod lifecycle;
pub mod pipeline_test;
pub mod printer;
pub mod reconcile;
pub mod render;
pub mod resources;
pub mod suggest;
