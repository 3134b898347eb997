//! The one integration-test binary: fixtures, CLI contract and (later) builds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod announcement;
mod architecture;
mod build;
mod check;
mod cli;
mod crash;
mod docs;
mod exact;
mod fuzz_regress;
mod hostile;
mod import;
mod import_ledgers;
mod import_real;
mod import_site;
mod incremental;
mod life;
mod new;
mod opendata;
mod portal;
mod published;
mod robust;
mod schema;
mod search;
mod serve;
mod support;
