//! The one integration-test binary: fixtures, CLI contract and (later) builds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod check;
mod cli;
mod fuzz_regress;
mod robust;
mod support;
