//! Converts the optional `calendar.yaml`: the holiday arrangements per year.
//!
//! The file is checked on its own here, since every rule is about the file
//! itself: a year given twice, a date outside its entry's year, a day both a
//! holiday and a 调休 working day, a holiday that ends before it starts.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::reader::{Ctx, req_text};
use super::yaml::Node;
use crate::diag::{Code, Pos};
use crate::domain::calendar::{Calendar, CalendarYear, Holiday};
use crate::domain::date::zh;
use crate::format::Shape;

/// Reads `calendar.yaml`: a list of `{year, holidays, workdays}`.
pub(crate) fn read(ctx: &mut Ctx, root: &Node) -> Calendar {
    let entries = ctx.list(root, entry);
    let mut years: BTreeMap<i32, Pos> = BTreeMap::new();
    let mut kept = Vec::new();
    for e in entries {
        if let Some(first) = years.get(&e.year.value) {
            ctx.report(
                Code::InvalidValue,
                e.year.pos,
                format!("{}年的节假日安排已在第 {} 行写过", e.year.value, first.line),
                Some("每年只写一次：把两处合并为一项"),
            );
            continue;
        }
        years.insert(e.year.value, e.year.pos);
        kept.push(e);
    }
    check_days(ctx, &kept);
    Calendar::new(kept)
}

fn entry(ctx: &mut Ctx, node: &Node) -> Option<CalendarYear> {
    let mut m = ctx.map(node, Shape::CalendarYear)?;
    let year = m.get(ctx, "year").and_then(|n| ctx.year(n));
    let holidays = m.get(ctx, "holidays").map(|n| ctx.list(n, holiday)).unwrap_or_default();
    let workdays = m.get(ctx, "workdays").map(|n| ctx.list(n, |c, d| c.date(d))).unwrap_or_default();
    m.finish(ctx);
    let year = year?;
    let outside = |d: NaiveDate| d.year() != year.value;
    let mut kept_holidays = Vec::new();
    for h in holidays {
        // 元旦 of the next year belongs to the next year's arrangement; a
        // holiday starting at the year's end may still run into January.
        if outside(h.from.value) || h.to.year() > year.value + 1 {
            let pos = if outside(h.from.value) { h.from.pos } else { h.to.pos };
            ctx.report(
                Code::InvalidValue,
                pos,
                format!("{}放假日期不在{}年内", h.name, year.value),
                Some("每年的节假日安排只写该年的日期；下一年的元旦等写在下一年的一项中"),
            );
            continue;
        }
        kept_holidays.push(h);
    }
    let workdays = workdays
        .into_iter()
        .filter(|d| {
            let ok = !outside(d.value);
            if !ok {
                ctx.report(
                    Code::InvalidValue,
                    d.pos,
                    format!("调休上班日{}不在{}年内", zh(d.value), year.value),
                    Some("每年的节假日安排只写该年的日期"),
                );
            }
            ok
        })
        .collect();
    Some(CalendarYear { year, holidays: kept_holidays, workdays })
}

fn holiday(ctx: &mut Ctx, node: &Node) -> Option<Holiday> {
    let mut m = ctx.map(node, Shape::Holiday)?;
    let name = req_text(ctx, &mut m, "name");
    let from = m.get(ctx, "from").and_then(|n| ctx.date(n));
    let to = m.get(ctx, "to").and_then(|n| ctx.date(n));
    m.finish(ctx);
    let from = from?;
    let to = to.unwrap_or_else(|| from.clone());
    if to.value < from.value {
        ctx.report(
            Code::InvalidValue,
            to.pos,
            format!("{name}放假的最后一天（{}）早于第一天（{}）", zh(to.value), zh(from.value)),
            Some("from 写放假第一天，to 写最后一天"),
        );
        return None;
    }
    Some(Holiday { name, from, to })
}

/// A day both off and on cannot be: reported at the 调休 working day.
fn check_days(ctx: &mut Ctx, years: &[CalendarYear]) {
    let mut off: BTreeMap<NaiveDate, &str> = BTreeMap::new();
    for h in years.iter().flat_map(|y| &y.holidays) {
        for day in h.days() {
            off.entry(day).or_insert(&h.name);
        }
    }
    for d in years.iter().flat_map(|y| &y.workdays) {
        if let Some(name) = off.get(&d.value) {
            ctx.report(
                Code::InvalidValue,
                d.pos,
                format!("{}既写为{name}放假日，又写为调休上班日", zh(d.value)),
                Some("核对国务院办公厅的节假日安排通知，删去其中一处"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::file::{Parser, read_file};
    use super::super::{FileKind, Record};
    use crate::diag::{Code, Diagnostic, Pos};
    use crate::domain::Calendar;
    use chrono::NaiveDate;

    fn load(text: &str) -> (Calendar, Vec<Diagnostic>) {
        match read_file("content/calendar.yaml", text.as_bytes(), FileKind::Calendar, Parser::Fresh) {
            (Some(Record::Calendar(c)), d) => (c, d),
            (_, d) => panic!("no calendar: {d:#?}"),
        }
    }

    fn at(d: &[Diagnostic]) -> Vec<(Code, &str, Pos)> {
        d.iter().map(|d| (d.code, d.location.file.as_ref(), d.location.pos.unwrap())).collect()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_good_file_loads() {
        let (c, diags) = load(
            "- year: 2026\n  holidays:\n    - {name: 春节, from: 2026-02-15, to: 2026-02-23}\n    - {name: 清明节, from: 2026-04-04}\n  workdays: [2026-02-14, 2026-02-28]\n",
        );
        assert_eq!(at(&diags), []);
        assert!(c.covers(2026) && !c.covers(2025));
        assert!(c.is_working_day(d(2026, 2, 14)) && !c.is_working_day(d(2026, 2, 23)));
        assert!(!c.is_working_day(d(2026, 4, 4)));
        assert_eq!(c.years[0].holidays[1].to.value, d(2026, 4, 4));
    }

    #[test]
    fn bad_entries_are_reported_where_they_stand() {
        let text = "\
- year: 2026
  holidays:
    - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
    - {name: 春节, from: 2026-02-23, to: 2026-02-15}
    - {name: 国庆节, from: 2026-10-01, to: 2026-10-07}
  workdays: [2025-12-28, 2026-10-07]
- year: 2026
";
        let (c, diags) = load(text);
        let file = "content/calendar.yaml";
        assert_eq!(
            at(&diags),
            [
                (Code::InvalidValue, file, Pos::new(4, 40)),
                (Code::InvalidValue, file, Pos::new(3, 24)),
                (Code::InvalidValue, file, Pos::new(6, 14)),
                (Code::InvalidValue, file, Pos::new(7, 9)),
                (Code::InvalidValue, file, Pos::new(6, 26)),
            ],
            "{diags:#?}"
        );
        assert!(diags[3].message.contains("第 1 行"), "{}", diags[3].message);
        // What was wrong is left out; the rest still counts.
        assert!(!c.is_working_day(d(2026, 10, 2)));
        assert!(c.is_working_day(d(2026, 2, 16)));
    }

    #[test]
    fn unknown_keys_and_a_missing_year_are_reported() {
        let (c, diags) = load("- yaer: 2026\n  workdays: [2026-02-14]\n");
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownField], "{diags:#?}");
        assert!(!c.covers(2026));
    }
}
