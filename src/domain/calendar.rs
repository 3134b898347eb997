//! 工作日历: which days are working days, from the official holiday
//! arrangements (国务院办公厅 节假日安排) of `content/calendar.yaml`.
//!
//! Deadlines in working days (项目库公告 within 20 working days of approval,
//! 政府信息公开条例 Art. 26; an announcement's objection period) are counted
//! here and nowhere else. A year the content does not give falls back to
//! "Monday to Friday" ([`Calendar::covers`] lets messages say so).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::At;

/// One year's arrangement (一年的节假日安排), as written.
#[derive(Debug, Clone)]
pub struct CalendarYear {
    /// The year the arrangement is for.
    pub year: At<i32>,
    /// 法定节假日（放假）.
    pub holidays: Vec<Holiday>,
    /// 调休上班日: weekend days that are working days.
    pub workdays: Vec<At<NaiveDate>>,
}

/// One holiday (放假), both ends inclusive.
#[derive(Debug, Clone)]
pub struct Holiday {
    /// 节日名称, e.g. 春节.
    pub name: String,
    /// First day off.
    pub from: At<NaiveDate>,
    /// Last day off (`from` when the file gives no `to`).
    pub to: At<NaiveDate>,
}

impl Holiday {
    /// Every day of the holiday, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.value.iter_days().take_while(|d| *d <= self.to.value)
    }
}

/// The working-day calendar: the arrangements of the years the content gives.
/// The default is empty: every Monday to Friday is a working day.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// The arrangements, sorted by year.
    pub years: Vec<CalendarYear>,
    /// Every listed holiday day.
    days_off: BTreeSet<NaiveDate>,
    /// Every listed 调休 working day.
    days_on: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// The calendar of these arrangements (checked by the loader: a day is
    /// never both off and on).
    pub fn new(mut years: Vec<CalendarYear>) -> Calendar {
        years.sort_by_key(|y| y.year.value);
        let days_off = years.iter().flat_map(|y| &y.holidays).flat_map(Holiday::days).collect();
        let days_on = years.iter().flat_map(|y| &y.workdays).map(|d| d.value).collect();
        Calendar { years, days_off, days_on }
    }

    /// Whether `day` is a working day: Monday to Friday unless a listed
    /// holiday, Saturday and Sunday only when a listed 调休 working day.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.days_off.contains(&day) {
            return false;
        }
        self.days_on.contains(&day) || !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The `n`-th working day after `date`, `date` itself not counted:
    /// "within 20 working days of D" means on or before `add_working_days(D, 20)`.
    /// `n = 0` gives `date` itself.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        for _ in 0..n {
            day = day.succ_opt().unwrap_or(NaiveDate::MAX);
            while !self.is_working_day(day) && day < NaiveDate::MAX {
                day = day.succ_opt().unwrap_or(NaiveDate::MAX);
            }
        }
        day
    }

    /// Whether the content gave the arrangement of `year`; when not, only
    /// weekends are days off (messages say 某年未提供节假日安排，只按周末计算).
    pub fn covers(&self, year: i32) -> bool {
        self.years.iter().any(|y| y.year.value == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(date: NaiveDate) -> At<NaiveDate> {
        At::new(date, Pos::new(1, 1))
    }

    fn holiday(name: &str, from: NaiveDate, to: NaiveDate) -> Holiday {
        Holiday { name: name.into(), from: at(from), to: at(to) }
    }

    /// The real 2026 arrangement (国务院办公厅, 2025-11-04).
    fn cal_2026() -> Calendar {
        Calendar::new(vec![CalendarYear {
            year: At::new(2026, Pos::new(1, 1)),
            holidays: vec![
                holiday("元旦", d(2026, 1, 1), d(2026, 1, 3)),
                holiday("春节", d(2026, 2, 15), d(2026, 2, 23)),
                holiday("清明节", d(2026, 4, 4), d(2026, 4, 6)),
                holiday("劳动节", d(2026, 5, 1), d(2026, 5, 5)),
                holiday("端午节", d(2026, 6, 19), d(2026, 6, 21)),
                holiday("中秋节", d(2026, 9, 25), d(2026, 9, 27)),
                holiday("国庆节", d(2026, 10, 1), d(2026, 10, 7)),
            ],
            workdays: [d(2026, 1, 4), d(2026, 2, 14), d(2026, 2, 28), d(2026, 5, 9), d(2026, 9, 20), d(2026, 10, 10)]
                .into_iter()
                .map(at)
                .collect(),
        }])
    }

    #[test]
    fn weekdays_weekends_holidays_and_makeup_days() {
        let c = cal_2026();
        assert!(c.is_working_day(d(2026, 2, 13)), "a plain Friday");
        assert!(c.is_working_day(d(2026, 2, 14)), "调休 Saturday");
        assert!(!c.is_working_day(d(2026, 2, 16)), "春节 Monday");
        assert!(!c.is_working_day(d(2026, 3, 7)), "a plain Saturday");
        assert!(c.is_working_day(d(2026, 1, 4)), "调休 Sunday");
        assert!(!c.is_working_day(d(2026, 1, 2)), "元旦 Friday");
    }

    #[test]
    fn counting_over_a_makeup_saturday_and_spring_festival() {
        let c = cal_2026();
        assert_eq!(c.add_working_days(d(2026, 2, 13), 0), d(2026, 2, 13));
        assert_eq!(c.add_working_days(d(2026, 2, 13), 1), d(2026, 2, 14));
        // 2/14 is the last working day before 春节; 2/24 the first after it.
        assert_eq!(c.add_working_days(d(2026, 2, 13), 2), d(2026, 2, 24));
        // Counted from a day off, the first working day is the next one.
        assert_eq!(c.add_working_days(d(2026, 2, 15), 1), d(2026, 2, 24));
    }

    #[test]
    fn twenty_working_days_over_national_day() {
        let c = cal_2026();
        // From Tue 2026-09-22: 9/23, 9/24, (中秋 9/25–27 off), 9/28, 9/29, 9/30 = 5;
        // (国庆 10/1–7 off), 10/8, 10/9, 10/10 (调休 Sat) = 8; then 10/12–16 = 13,
        // 10/19–23 = 18, 10/26, 10/27 = 20.
        assert_eq!(c.add_working_days(d(2026, 9, 22), 20), d(2026, 10, 27));
        // 9/20 (调休 Sunday) counts too.
        assert_eq!(c.add_working_days(d(2026, 9, 19), 1), d(2026, 9, 20));
    }

    #[test]
    fn a_year_not_given_counts_only_weekends() {
        let c = cal_2026();
        assert!(c.covers(2026) && !c.covers(2027) && !Calendar::default().covers(2026));
        // 2027-01-01 is a Friday: without the 2027 arrangement it is a working day.
        assert!(c.is_working_day(d(2027, 1, 1)));
        assert_eq!(Calendar::default().add_working_days(d(2026, 2, 13), 2), d(2026, 2, 17));
    }
}
