//! placeholder
use crate::diag::Diagnostic;
use crate::domain::Content;
pub(super) fn check(_content: &Content, _today: chrono::NaiveDate) -> Vec<Diagnostic> {
    Vec::new()
}
