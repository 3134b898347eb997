//! gongshi (公示): a static publication-site generator for the project
//! warehouses (项目库) of China's poverty-alleviated counties.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! content/ ──load──▶ Content + diagnostics ──validate──▶ more diagnostics
//!                                  │ (any error: check exits 1, build stops)
//!                                  ▼
//!                        site (SiteModel) ──render──▶ files ──output──▶ output/
//! ```
//!
//! The CLI (`src/main.rs`) is a thin layer over [`pipeline`]. Nothing below it
//! reads the clock: `--today` arrives as a parameter.

pub mod agenda;
pub mod diag;
pub mod domain;
pub mod error;
pub mod escape;
pub(crate) mod format;
pub mod hex;
pub mod import;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod privacy;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
mod suggest;
#[cfg(test)]
pub(crate) mod testing;
pub mod validate;

pub use error::Error;
