//! The description of `content/calendar.yaml`: the official holiday
//! arrangements (国务院办公厅 节假日安排), one entry a year.

// Never constructed: these types exist only to be described by schemars.
#![allow(dead_code)]

use schemars::JsonSchema;

use super::values::{Date, Text, Year};

/// 一年的节假日安排（国务院办公厅关于某年部分节假日安排的通知）
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct CalendarYear {
    /// 年度，如 2026；每年只写一次
    year: Year,
    /// 法定节假日（放假）：每个节日的名称和起止日期，日期须在本年度内
    holidays: Option<Vec<Holiday>>,
    /// 调休上班日（周末上班），如 [2026-01-04, 2026-02-14]；日期须在本年度内，且不能同时是放假日
    // The full-record drift test builds its example from the first examples;
    // a workday equal to the example holiday would be refused.
    #[schemars(example = ["2026-02-14"])]
    workdays: Option<Vec<Date>>,
}

/// 一个节日的放假安排
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Holiday {
    /// 节日名称，如：春节
    name: Text,
    /// 放假第一天
    from: Date,
    /// 放假最后一天；只放一天时可省略
    to: Option<Date>,
}
