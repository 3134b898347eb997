//! One ledger row → the YAML text of one project file, or the row's problems.
//!
//! Names are turned into ids through the county file (乡镇 and 村 by name or
//! id) and the taxonomy (项目类型 by name or key); notices and approval are
//! read in [`super::procedure`].

use super::columns::Field;
use super::procedure;
use super::row::{Draft, Problem, Row, Site, q};
use super::sheet::Cell;
use super::value::{self, CellError};
use crate::domain::county::Village;
use crate::domain::project::{FundLevel, FundingSource};
use crate::domain::{County, Keyword, Money};

/// Converts `row`; `Err` holds every problem found (the row is then not written).
pub(crate) fn convert(mut row: Row<'_>, site: &Site<'_>) -> Result<Draft, Vec<Problem>> {
    let county = site.county;
    let id = row.req_text(Field::Id, "项目编号");
    if let Some(i) = &id
        && !crate::domain::RecordId::is_valid(i)
    {
        let h = row.header(Field::Id).map(str::to_owned);
        row.problem(h.as_deref(), format!("项目编号“{i}”不合规：只能用字母、数字、- 和 _"));
    }
    let name = row.req_text(Field::Name, "项目名称");
    if let Some(c) = row.opt_text(Field::County)
        && c != county.id.value
        && c != county.name
    {
        let h = row.header(Field::County).map(str::to_owned);
        row.problem(h.as_deref(), format!("所属县“{c}”不是本站点的县（{}）", county.name));
    }
    let year = row
        .read(Field::Year, |c| value::count(c).map(|y| y as i32))
        .or_else(|| id.as_deref().and_then(crate::scaffold::year_in));
    if year.is_none() {
        row.problem(
            row.header(Field::Year).map(str::to_owned).as_deref(),
            "无法确定项目库年度：请填写年度列，或在项目编号中写年份".into(),
        );
    }
    let project_type = row.req(Field::Type, "项目类型", |c| {
        let t = value::text(c).unwrap_or_default();
        site.types.iter().find(|p| p.key == t || p.name == t).map(|p| p.key.clone()).ok_or_else(|| {
            let names: Vec<_> = site.types.iter().map(|p| p.name.as_str()).collect();
            CellError::UnknownType { text: t.clone(), known: names.join("、") }
        })
    });
    let sub_type = row.opt_text(Field::SubType);
    let nature = row.req(Field::Nature, "建设性质", |c| {
        let t = value::text(c).unwrap_or_default();
        let key = match t.as_str() {
            "新建" | "new" => "new",
            "续建" | "continued" => "continued",
            "改扩建" | "改建" | "扩建" | "renovation" => "renovation",
            _ => {
                return Err(CellError::NotOneOf {
                    what: "建设性质", text: t, choices: "新建、续建 或 改扩建"
                });
            }
        };
        Ok(key)
    });
    let origin = row
        .read(Field::Origin, |c| {
            let t = value::text(c).unwrap_or_default();
            match t.as_str() {
                "村级申报" | "村级" | "村" | "village" => Ok("village"),
                "乡镇提出" | "乡镇级" | "乡镇" | "township" => Ok("township"),
                "县级提出" | "县级" | "县" | "county" => Ok("county"),
                _ => Err(CellError::NotOneOf {
                    what: "项目来源", text: t, choices: "村级申报、乡镇提出 或 县级提出"
                }),
            }
        })
        .unwrap_or("village");
    let township = if origin == "county" {
        row.read(Field::Township, |c| township(county, c))
    } else {
        row.req(Field::Township, "乡镇", |c| township(county, c))
    };
    let villages: Vec<&Village> = match (township, row.find(Field::Villages)) {
        (Some(t), Some(_)) => row.read(Field::Villages, |c| villages(county, t, c)).unwrap_or_default(),
        _ => Vec::new(),
    };
    let content = row.req_text(Field::Content, "建设内容");
    let period = period(&mut row);
    let implementer = row.req_text(Field::Implementer, "实施主体");
    let unit = row.req_text(Field::ResponsibleUnit, "责任单位");
    let person = row.req_text(Field::ResponsiblePerson, "责任人");
    let funding = funding(&mut row);
    let lifted = row.req(Field::HouseholdsLifted, "带动脱贫户数", value::count);
    let persons = row.req(Field::PersonsLifted, "带动脱贫人口数", value::count);
    let monitored = row.req(Field::HouseholdsMonitored, "带动监测户数", value::count);
    let linkage = row.req_text(Field::Linkage, "联农带农机制");
    let targets = targets(&mut row);
    let group = row.opt_text(Field::AdvisoryGroup);
    let notices = procedure::notices(&mut row, county, township, &villages);
    let approval = procedure::approval(&mut row, county);
    let warehoused = row.read(Field::WarehousedOn, value::date);

    if !row.problems.is_empty() {
        return Err(row.problems);
    }
    let (Some(id), Some(name), Some(year), Some(project_type), Some(nature)) = (id, name, year, project_type, nature)
    else {
        return Err(row.problems);
    };
    // The ledger file is not named, so the same row from .xlsx and .csv gives the same file.
    let mut y = "# 由 gongshi import 从项目库台账导入；以后请直接修改本文件\n".to_owned();
    y += &format!("id: {id}\nname: {}\ncounty: {}\nyear: {year}\ntype: {project_type}\n", q(&name), county.id.value);
    if let Some(s) = sub_type {
        y += &format!("sub_type: {}\n", q(&s));
    }
    y += &format!("construction_nature: {nature}\norigin: {origin}\n");
    if let Some(t) = township {
        let ids: Vec<&str> = villages.iter().map(|v| v.id.value.as_str()).collect();
        y += &format!("location: {{township: {}, villages: [{}]}}\n", t.id.value, ids.join(", "));
    }
    y += &format!("content: {}\n", q(&content.unwrap_or_default()));
    if let Some(((fy, fm), (ty, tm))) = period {
        y += &format!("implementation_period: {{from: {fy}-{fm:02}, to: {ty}-{tm:02}}}\n");
    }
    y += &format!("implementer: {}\n", q(&implementer.unwrap_or_default()));
    y += &format!("responsible_unit: {}\n", q(&unit.unwrap_or_default()));
    y += &format!("responsible_person: {}\n", q(&person.unwrap_or_default()));
    if let Some((total, sources)) = funding {
        y += &format!("funding:\n  total: {}\n  sources:\n", total.wan_exact());
        for (s, level, amount) in sources {
            let level = level.map(|l| format!(", level: {}", l.key())).unwrap_or_default();
            y += &format!("    - {{source: {}{level}, amount: {}}}\n", s.key(), amount.wan_exact());
        }
    }
    y += &format!(
        "beneficiaries: {{households_lifted: {}, persons_lifted: {}, households_monitored: {}}}\n",
        lifted.unwrap_or(0),
        persons.unwrap_or(0),
        monitored.unwrap_or(0)
    );
    y += &format!("linkage_mechanism: {}\nperformance_targets:\n", q(&linkage.unwrap_or_default()));
    for (indicator, v, u) in targets {
        y += &format!("  - {{indicator: {}, value: {v}, unit: {}}}\n", q(&indicator), q(&u));
    }
    if let Some(g) = group {
        y += &format!("advisory_group: {g}\n");
    }
    if !notices.is_empty() {
        y += "notices:\n";
        for n in notices {
            y += &n;
        }
    }
    if let Some(a) = approval {
        y += &a;
    }
    if let Some(w) = warehoused {
        y += &format!("warehoused_on: {w}\n");
    }
    Ok(Draft { id, year, yaml: y })
}

fn township<'c>(county: &'c County, c: &Cell) -> Result<&'c crate::domain::Township, CellError> {
    let t = value::text(c).unwrap_or_default();
    county.townships.iter().find(|x| x.id.value == t || x.name == t).ok_or(CellError::UnknownTownship(t))
}

fn villages<'c>(
    county: &'c County,
    township: &'c crate::domain::Township,
    c: &Cell,
) -> Result<Vec<&'c Village>, CellError> {
    let _ = county;
    let t = value::text(c).unwrap_or_default();
    let names = t.split(['、', '，', ',', ';', '；', ' ', '\n']).map(str::trim).filter(|s| !s.is_empty());
    names
        .map(|n| {
            township
                .villages
                .iter()
                .find(|v| v.id.value == n || v.name == n || v.name == format!("{n}村"))
                .ok_or_else(|| CellError::UnknownVillage { village: n.to_owned(), township: township.name.clone() })
        })
        .collect()
}

type Month = (i32, u32);

fn period(row: &mut Row<'_>) -> Option<(Month, Month)> {
    let (from, to) = if let Some((h, c)) = row.find(Field::Period) {
        let t = value::text(c).unwrap_or_default();
        let Some((a, b)) = value::split_range(&t) else {
            row.problem(Some(h), format!("实施期限“{t}”应写成 2026年5月-2026年11月"));
            return None;
        };
        let (a, b) = (value::month(&Cell::Text(a)), value::month(&Cell::Text(b)));
        match (a, b) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                row.problem(Some(h), e.to_string());
                return None;
            }
        }
    } else if row.header(Field::Period).is_some() && row.header(Field::PeriodFrom).is_none() {
        let h = row.header(Field::Period).map(str::to_owned);
        row.problem(h.as_deref(), "实施期限为空".into());
        return None;
    } else {
        (
            row.req(Field::PeriodFrom, "计划开工时间", value::month)?,
            row.req(Field::PeriodTo, "计划完工时间", value::month)?,
        )
    };
    if from > to {
        let h = row.header(Field::PeriodTo).or(row.header(Field::Period)).map(str::to_owned);
        row.problem(h.as_deref(), "完工时间早于开工时间".into());
        return None;
    }
    Some((from, to))
}

type Source = (FundingSource, Option<FundLevel>, Money);

fn funding(row: &mut Row<'_>) -> Option<(Money, Vec<Source>)> {
    let mut sources = Vec::new();
    let before = row.problems.len();
    let columns: Vec<(Field, &str, &Cell)> = row.cells.clone();
    for (f, h, c) in columns {
        if let Field::Source(s, level) = f
            && !c.is_empty()
        {
            match value::money(c) {
                Ok(m) if m == Money::ZERO => {}
                Ok(m) => sources.push((s, level, m)),
                Err(e) => row.problem(Some(h), e.to_string()),
            }
        }
    }
    let sum = sources.iter().fold(Money::ZERO, |a, (_, _, m)| a + *m);
    let total = row.read(Field::Total, value::money);
    if row.problems.len() > before {
        return None;
    }
    if sources.is_empty() {
        row.problem(None, "没有填写任何资金来源金额（如 中央衔接资金、自筹资金）".into());
        return None;
    }
    match total {
        Some(t) if t != sum => {
            let h = row.header(Field::Total).map(str::to_owned);
            row.problem(
                h.as_deref(),
                format!("总投资 {} 万元与各来源之和 {} 万元不符", t.wan_exact(), sum.wan_exact()),
            );
            None
        }
        _ => Some((sum, sources)),
    }
}

fn targets(row: &mut Row<'_>) -> Vec<(String, String, String)> {
    if let Some(indicator) = row.opt_text(Field::TargetIndicator) {
        let v = row.req_text(Field::TargetValue, "指标值").unwrap_or_default();
        let u = row.req_text(Field::TargetUnit, "指标单位").unwrap_or_default();
        if !value::is_number(&v) {
            let h = row.header(Field::TargetValue).map(str::to_owned);
            row.problem(h.as_deref(), format!("指标值“{v}”应为数字"));
        }
        return vec![(indicator, v, u)];
    }
    let Some((h, c)) = row.find(Field::Targets) else {
        let h = row.header(Field::Targets).or(row.header(Field::TargetIndicator)).map(str::to_owned);
        row.problem(h.as_deref(), "绩效目标为空".into());
        return Vec::new();
    };
    let t = value::text(c).unwrap_or_default();
    let mut found = Vec::new();
    for item in t.split(['；', ';', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
        match split_target(item) {
            Some(x) => found.push(x),
            None => row.problem(Some(h), format!("绩效目标“{item}”应写成“指标 数值 单位”，如 新建厂房面积600平方米")),
        }
    }
    found
}

/// `新建厂房面积600平方米` → (新建厂房面积, 600, 平方米): the last number splits the text.
fn split_target(item: &str) -> Option<(String, String, String)> {
    let chars: Vec<char> = item.chars().collect();
    let end = chars.iter().rposition(|c| c.is_ascii_digit())? + 1;
    let mut start = end;
    while start > 0 && (chars[start - 1].is_ascii_digit() || chars[start - 1] == '.') {
        start -= 1;
    }
    let indicator: String = chars[..start].iter().collect::<String>().trim_end_matches(['：', ':', ' ']).to_owned();
    let number: String = chars[start..end].iter().collect();
    let unit: String = chars[end..].iter().collect::<String>().trim().to_owned();
    (!indicator.is_empty() && !unit.is_empty() && value::is_number(&number)).then_some((indicator, number, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_at_the_last_number() {
        assert_eq!(split_target("新建厂房面积600平方米"), Some(("新建厂房面积".into(), "600".into(), "平方米".into())));
        assert_eq!(split_target("硬化道路：1.2公里"), Some(("硬化道路".into(), "1.2".into(), "公里".into())));
        assert_eq!(split_target("带动增收"), None);
    }
}
