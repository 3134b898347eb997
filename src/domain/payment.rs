//! 资金支付: money paid out to a project (报账支付), a project key of its own
//! file so that the project and the fund facts both use it without a cycle.

use chrono::NaiveDate;

use super::{At, Money};
use crate::diag::Pos;

/// 资金支付: one payment to a project.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Payment {
    /// 支付日期.
    pub date: At<NaiveDate>,
    /// Amount (万元).
    pub amount: At<Money>,
    /// 支付凭证号.
    pub reference: Option<String>,
    /// Where the item starts.
    pub pos: Pos,
}
