//! placeholder
use crate::diag::Diagnostic;
use crate::domain::Content;
pub(super) fn check(_content: &Content) -> Vec<Diagnostic> {
    Vec::new()
}
