//! The commands added for county staff (`new`, `schema`, `import`, `serve`):
//! each takes its parsed flags, calls the library and returns the exit status.
//! Only this layer and `main.rs` print.

pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod schema;
pub(crate) mod serve;
