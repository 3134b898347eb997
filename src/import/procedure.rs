//! The procedure columns of a ledger row: notices (公示) and approval (批复).
//!
//! Issuers and boards come from the county file: a village notice is issued
//! by the villages' 村民委员会 on their boards, a township notice by the
//! 乡镇人民政府 on its board. An approval without 批复单位 is issued by the
//! county's leading group's office (领导小组办公室).

use super::columns::Field;
use super::row::{Row, q};
use super::value;
use crate::domain::County;
use crate::domain::county::Village;

pub(crate) fn notices(
    row: &mut Row<'_>,
    county: &County,
    township: Option<&crate::domain::Township>,
    villages: &[&Village],
) -> Vec<String> {
    let mut out = Vec::new();
    let levels = [
        (Field::VillageNotice, Field::VillageNoticeStart, Field::VillageNoticeEnd, "village"),
        (Field::TownshipNotice, Field::TownshipNoticeStart, Field::TownshipNoticeEnd, "township"),
    ];
    for (whole, start, end, level) in levels {
        let Some((s, e, h)) = notice_dates(row, whole, start, end) else { continue };
        // A township or village that failed to read was reported already.
        let unread = |f: Field| row.find(f).is_some();
        if (level == "village" && villages.is_empty() && unread(Field::Villages))
            || (township.is_none() && unread(Field::Township))
        {
            continue;
        }
        let (issuer, boards) = match (level, township) {
            ("village", _) if villages.is_empty() => {
                row.problem(Some(&h), "有村级公示，但没有填写村".into());
                continue;
            }
            ("village", _) => (
                format!("{}村民委员会", villages.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join("、")),
                villages.iter().map(|v| v.board.clone()).collect::<Vec<_>>(),
            ),
            (_, Some(t)) => (format!("{}人民政府", t.name), vec![t.board.clone()]),
            (_, None) => {
                row.problem(Some(&h), format!("有乡镇级公示，但没有填写{}的乡镇", county.name));
                continue;
            }
        };
        let boards: Vec<String> = boards.iter().map(|b| q(b)).collect();
        out.push(format!(
            "  - level: {level}\n    issuer: {}\n    boards: [{}]\n    start: {s}\n    end: {e}\n",
            q(&issuer),
            boards.join(", ")
        ));
    }
    out
}

fn notice_dates(
    row: &mut Row<'_>,
    whole: Field,
    start: Field,
    end: Field,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate, String)> {
    if let Some((h, c)) = row.find(whole) {
        let t = value::text(c).unwrap_or_default();
        let parsed = value::split_range(&t).and_then(|(a, b)| Some((value::parse_date(&a)?, value::parse_date(&b)?)));
        return match parsed {
            Some((s, e)) => Some((s, e, h.to_owned())),
            None => {
                row.problem(Some(h), format!("公示时间“{t}”应写成 2026年3月1日至2026年3月11日"));
                None
            }
        };
    }
    if row.find(start).is_none() && row.find(end).is_none() {
        return None;
    }
    let h = row.header(end).or(row.header(start)).unwrap_or("").to_owned();
    let s = row.req(start, "公示开始日期", value::date);
    let e = row.req(end, "公示结束日期", value::date);
    Some((s?, e?, h))
}

pub(crate) fn approval(row: &mut Row<'_>, county: &County) -> Option<String> {
    let doc = row.opt_text(Field::ApprovalDocNo);
    let date = row.read(Field::ApprovalDate, value::date);
    if doc.is_none() && date.is_none() {
        return None;
    }
    let doc = doc.or_else(|| {
        let h = row.header(Field::ApprovalDocNo).map(str::to_owned);
        row.problem(h.as_deref(), "有批复日期但批复文号为空".into());
        None
    })?;
    let date = date.or_else(|| {
        let h = row.header(Field::ApprovalDate).map(str::to_owned);
        row.problem(h.as_deref(), "有批复文号但批复日期为空".into());
        None
    })?;
    let by = row.opt_text(Field::ApprovalBy).unwrap_or_else(|| format!("{}办公室", county.leading_group));
    Some(format!("approval: {{by: {}, doc_no: {}, date: {date}}}\n", q(&by), q(&doc)))
}

/// How far every project of a ledger has come (`--stage`): an allocation or
/// implementation table lists projects long past approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// 已入库: approved by the county.
    Approved,
    /// 资金已下达.
    Funded,
    /// 已开工.
    Started,
}

/// The stage with the documents it is written with.
#[derive(Debug, Clone)]
pub(crate) struct StagePlan {
    pub(crate) stage: Stage,
    /// 批复单位 (the county's leading group's office).
    pub(crate) by: String,
    pub(crate) doc_no: String,
    pub(crate) date: chrono::NaiveDate,
    /// The day the funded/started stage was reached (the approval's day unless said).
    pub(crate) stage_date: chrono::NaiveDate,
    /// The document that allocated the funds (the title's 文号), for `funded`.
    pub(crate) funded_ref: Option<String>,
}

impl StagePlan {
    /// `approval:` (when the row has none of its own) and the `events:` of the stage.
    pub(crate) fn yaml(&self, has_approval: bool) -> String {
        let mut y = String::new();
        if !has_approval {
            y += &format!("approval: {{by: {}, doc_no: {}, date: {}}}\n", q(&self.by), q(&self.doc_no), self.date);
        }
        if self.stage >= Stage::Funded {
            y += "events:\n";
            let reference = self.funded_ref.as_ref().map(|r| format!(", ref: {}", q(r))).unwrap_or_default();
            y += &format!("  - {{type: funded, date: {}{reference}}}\n", self.stage_date);
        }
        if self.stage >= Stage::Started {
            y += &format!("  - {{type: started, date: {}}}\n", self.stage_date);
        }
        y
    }
}
