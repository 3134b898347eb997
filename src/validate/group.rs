//! placeholder
use crate::diag::Diagnostic;
use crate::domain::{Content, Rules};
pub(super) fn check(_content: &Content, _rules: &Rules, _today: chrono::NaiveDate) -> Vec<Diagnostic> {
    Vec::new()
}
