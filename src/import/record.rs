//! One ledger row → the YAML text of one project file, or the row's problems.
//!
//! Names are turned into ids through the county file (乡镇 and 村 by name or
//! id, or split from one 实施地点 cell) and the taxonomy (项目类型 by name or
//! key, or from the section row above); notices and approval are read in
//! [`super::procedure`], money in [`super::funding`], targets in
//! [`super::targets`]. What the row does not give is never invented: its key
//! is left out and listed under `not_given`.

use super::columns::Field;
use super::place::{self, Place};
use super::row::{Draft, Problem, Row, q};
use super::sheet::Cell;
use super::value::{self, CellError};
use super::{funding, period, procedure, targets};
use crate::domain::county::Village;
use crate::domain::disclosure::NotGiven;
use crate::domain::{County, Keyword};

/// What a row needs from the site, the ledger's title and the options.
pub(crate) struct Site<'a> {
    pub(crate) county: &'a County,
    pub(crate) types: &'a [crate::domain::content::ProjectType],
    /// The year when neither a column nor the id gives it (`--year`, else the title).
    pub(crate) year: Option<i32>,
    /// The fund of a single money column when no cell names it (`--fund`, else the title).
    pub(crate) fund: Option<super::funding::Fund>,
    /// The ledger's unit line says 单位：元.
    pub(crate) amounts_in_yuan: bool,
    /// The stage every row has reached (`--stage`), with its documents.
    pub(crate) stage: Option<&'a super::procedure::StagePlan>,
}

/// Converts `row`; `Err` holds every problem found (the row is then not written).
pub(crate) fn convert(mut row: Row<'_>, site: &Site<'_>) -> Result<Draft, Vec<Problem>> {
    let county = site.county;
    let mut not_given: Vec<NotGiven> = Vec::new();
    let id = ledger_id(&mut row);
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
        .or_else(|| id.as_deref().and_then(crate::scaffold::year_in))
        .or(site.year);
    if year.is_none() {
        row.problem(
            row.header(Field::Year).map(str::to_owned).as_deref(),
            "无法确定项目库年度：请填写年度列，或在标题或项目编号中写年份，或用 --year 指定".into(),
        );
    }
    let project_type = project_type(&mut row, site);
    let sub_type = row.opt_text(Field::SubType);
    let nature = row.read(Field::Nature, |c| {
        let t = value::text(c).unwrap_or_default();
        match t.as_str() {
            "新建" | "new" => Ok("new"),
            "续建" | "continued" => Ok("continued"),
            "改扩建" | "改建" | "扩建" | "renovation" => Ok("renovation"),
            _ => Err(CellError::NotOneOf { what: "建设性质", text: t, choices: "新建、续建 或 改扩建" }),
        }
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
    let place = place(&mut row, county, origin);
    let content = row.opt_text(Field::Content);
    let period = read_period(&mut row, year);
    let (implementer, person_in_unit) = implementer(&mut row);
    let unit = row.opt_text(Field::ResponsibleUnit);
    let person = row.opt_text(Field::ResponsiblePerson).or(person_in_unit);
    let funding = funding::read(&mut row, site.fund, site.amounts_in_yuan);
    let lifted = row.read(Field::HouseholdsLifted, value::count);
    let persons = row.read(Field::PersonsLifted, value::count);
    let monitored = row.read(Field::HouseholdsMonitored, value::count);
    let households = row.read(Field::Households, value::count);
    let linkage = row.opt_text(Field::Linkage);
    let targets = targets::read(&mut row);
    let group = row.opt_text(Field::AdvisoryGroup);
    let (township, villages) = match &place {
        Some(Place::Located(t, v)) => (Some(*t), v.clone()),
        _ => (None, Vec::new()),
    };
    let notices = procedure::notices(&mut row, county, township, &villages);
    let approval = procedure::approval(&mut row, county);
    let warehoused = row.read(Field::WarehousedOn, value::date);

    if !row.problems.is_empty() {
        return Err(row.problems);
    }
    let (Some(name), Some(year), Some(project_type), Some((total, sources))) = (name, year, project_type, funding)
    else {
        return Err(row.problems);
    };
    let mut y = format!("name: {}\ncounty: {}\nyear: {year}\ntype: {project_type}\n", q(&name), county.id.value);
    if let Some(s) = sub_type {
        y += &format!("sub_type: {}\n", q(&s));
    }
    match nature {
        Some(n) => y += &format!("construction_nature: {n}\n"),
        None => not_given.push(NotGiven::ConstructionNature),
    }
    y += &format!("origin: {origin}\n");
    match &place {
        Some(Place::Located(t, v)) => {
            let ids: Vec<&str> = v.iter().map(|v| v.id.value.as_str()).collect();
            y += &format!("location: {{township: {}, villages: [{}]}}\n", t.id.value, ids.join(", "));
        }
        Some(Place::Text(t, _)) => y += &format!("place: {}\n", q(t)),
        None => not_given.push(NotGiven::Location),
    }
    match &content {
        Some(c) => y += &format!("content: {}\n", q(c)),
        None => not_given.push(NotGiven::Content),
    }
    match period {
        Some(((fy, fm), (ty, tm))) => {
            y += &format!("implementation_period: {{from: {fy}-{fm:02}, to: {ty}-{tm:02}}}\n")
        }
        None => not_given.push(NotGiven::ImplementationPeriod),
    }
    let mut text_key = |key: NotGiven, v: Option<String>, y: &mut String| match v {
        Some(v) => *y += &format!("{}: {}\n", key.key(), q(&v)),
        None => not_given.push(key),
    };
    text_key(NotGiven::Implementer, implementer, &mut y);
    text_key(NotGiven::ResponsibleUnit, unit, &mut y);
    text_key(NotGiven::ResponsiblePerson, person, &mut y);
    y += &format!("funding:\n  total: {}\n  sources:\n", total.wan_exact());
    for (s, level, amount) in sources {
        let level = level.map(|l| format!(", level: {}", l.key())).unwrap_or_default();
        y += &format!("    - {{source: {}{level}, amount: {}}}\n", s.key(), amount.wan_exact());
    }
    let counts = [
        (NotGiven::HouseholdsLifted, lifted),
        (NotGiven::PersonsLifted, persons),
        (NotGiven::HouseholdsMonitored, monitored),
    ];
    let mut given: Vec<String> = counts.iter().filter_map(|(k, v)| v.map(|v| format!("{}: {v}", k.key()))).collect();
    not_given.extend(counts.iter().filter(|(_, v)| v.is_none()).map(|(k, _)| *k));
    if let Some(h) = households {
        given.push(format!("households: {h}"));
    }
    if !given.is_empty() {
        y += &format!("beneficiaries: {{{}}}\n", given.join(", "));
    }
    match linkage {
        Some(l) => y += &format!("linkage_mechanism: {}\n", q(&l)),
        None => not_given.push(NotGiven::LinkageMechanism),
    }
    if targets.is_empty() {
        not_given.push(NotGiven::PerformanceTargets);
    } else {
        y += "performance_targets:\n";
        for t in &targets {
            y += &format!("  - {}\n", t.yaml());
        }
    }
    if let Some(g) = group {
        y += &format!("advisory_group: {g}\n");
    }
    if !notices.is_empty() {
        y += "notices:\n";
        for n in &notices {
            y += n;
        }
    }
    if let Some(a) = &approval {
        y += a;
    }
    if let Some(w) = warehoused {
        y += &format!("warehoused_on: {w}\n");
    }
    if let Some(plan) = site.stage {
        y += &plan.yaml(approval.is_some());
        if notices.is_empty() {
            not_given.push(NotGiven::Notices);
        }
    }
    if !not_given.is_empty() {
        not_given.sort();
        let keys: Vec<&str> = not_given.iter().map(|k| k.key()).collect();
        y += &format!("not_given: [{}]\n", keys.join(", "));
    }
    Ok(Draft { id, name, year, body: y, not_given, notes: row.notes })
}

/// The row's 项目编号, if it gives one. An empty cell, or a bare number (a
/// 编号 column that only counts rows: "3" would become the address
/// /projects/3/ in every year), gets a generated id instead, said in a note.
fn ledger_id(row: &mut Row<'_>) -> Option<String> {
    let h = row.header(Field::Id)?.to_owned();
    match row.opt_text(Field::Id) {
        None => {
            row.note(format!("「{h}」为空，编号按县、年度和行序生成"));
            None
        }
        Some(i) if i.chars().all(|c| c.is_ascii_digit()) => {
            row.note(format!("「{h}」“{i}”只是序号，编号按县、年度和行序生成"));
            None
        }
        Some(i) => Some(i),
    }
}

/// 项目类型 from its column (name, key, or a name sharing its first words:
/// 产业项目 → 产业发展), else from the section row above.
fn project_type(row: &mut Row<'_>, site: &Site<'_>) -> Option<String> {
    let matching = |t: &str| -> Option<String> {
        if let Some(p) = site.types.iter().find(|p| p.key == t || p.name == t) {
            return Some(p.key.clone());
        }
        let label = t.trim_end_matches("项目").trim_end_matches("类");
        let shared = |name: &str| label.chars().zip(name.chars()).take_while(|(a, b)| a == b).count();
        let best = site.types.iter().max_by_key(|p| shared(&p.name))?;
        (shared(&best.name) >= 2).then(|| best.key.clone())
    };
    if row.find(Field::Type).is_some() {
        return row.read(Field::Type, |c| {
            let t = value::text(c).unwrap_or_default();
            matching(&t).ok_or_else(|| {
                let names: Vec<_> = site.types.iter().map(|p| p.name.as_str()).collect();
                CellError::UnknownType { text: t.clone(), known: names.join("、") }
            })
        });
    }
    if let Some(key) = row.section.and_then(matching) {
        return Some(key);
    }
    let h = row.header(Field::Type).map(str::to_owned);
    let names: Vec<_> = site.types.iter().map(|p| p.name.as_str()).collect();
    let why = match row.section {
        Some(s) => format!("分类行“{s}”对应不到项目类型"),
        None => "项目类型为空".into(),
    };
    row.problem(
        h.as_deref(),
        format!("{why}：请加“项目类型”列或分类行（如 一、产业发展），可用：{}", names.join("、")),
    );
    None
}

/// 实施地点: separate 乡镇 and 村 columns (names from the county file, as
/// before), or one cell split by the county's names; text as written when a
/// name is not the county's or the county file has no townships.
fn place<'c>(row: &mut Row<'_>, county: &'c County, origin: &str) -> Option<Place<'c>> {
    if county.townships.is_empty() {
        let parts: Vec<String> =
            [Field::Place, Field::Township, Field::Villages].iter().filter_map(|f| row.opt_text(*f)).collect();
        return (!parts.is_empty()).then(|| Place::Text(parts.concat(), String::new()));
    }
    if row.has(Field::Township) {
        // A township left empty is not given, unless villages are named without one.
        let township = if origin == "county" || row.find(Field::Villages).is_none() {
            row.read(Field::Township, |c| township(county, c))
        } else {
            row.req(Field::Township, "乡镇", |c| township(county, c))
        }?;
        let villages: Vec<&Village> = match row.find(Field::Villages) {
            Some(_) => row.read(Field::Villages, |c| villages(township, c)).unwrap_or_default(),
            None => Vec::new(),
        };
        return Some(Place::Located(township, villages));
    }
    let (h, text) = row.find(Field::Place).map(|(h, c)| (h.to_owned(), value::text(c).unwrap_or_default()))?;
    let found = place::split(county, &text);
    if let Place::Text(t, why) = &found {
        row.note(format!("「{h}」“{t}”无法对应到县文件的乡镇和村（{why}），已原样写入 place"));
    }
    Some(found)
}

fn township<'c>(county: &'c County, c: &Cell) -> Result<&'c crate::domain::Township, CellError> {
    let t = value::text(c).unwrap_or_default();
    county.townships.iter().find(|x| x.id.value == t || x.name == t).ok_or(CellError::UnknownTownship(t))
}

fn villages<'c>(township: &'c crate::domain::Township, c: &Cell) -> Result<Vec<&'c Village>, CellError> {
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

/// 实施期限 from one cell, from 计划开工/完工时间, or from 实施期限(月)
/// counted from the start month (January of the project year when no start
/// is given, said in the report). A period that cannot be read is not given.
fn read_period(row: &mut Row<'_>, year: Option<i32>) -> Option<(period::Month, period::Month)> {
    let (from, to) = match written_period(row) {
        Some(p) => p,
        None if row.find(Field::PeriodMonths).is_some() => {
            let h = row.header(Field::PeriodMonths).unwrap_or_default().to_owned();
            let months = row.read(Field::PeriodMonths, value::count)?;
            let start = match row.find(Field::PeriodFrom) {
                Some(_) => row.read(Field::PeriodFrom, value::month)?,
                None => {
                    let y = year?;
                    row.note(format!("「{h}」只写了月数，实施期限从 {y} 年 1 月起算"));
                    (y, 1)
                }
            };
            let Some(p) = period::from_months(start, months as u32) else {
                row.problem(Some(&h), format!("实施期限 {months} 个月无法换算成起止年月"));
                return None;
            };
            p
        }
        None if row.find(Field::PeriodFrom).is_some() || row.find(Field::PeriodTo).is_some() => (
            row.req(Field::PeriodFrom, "计划开工时间", value::month)?,
            row.req(Field::PeriodTo, "计划完工时间", value::month)?,
        ),
        None => return None,
    };
    if from > to {
        let h = row.header(Field::PeriodTo).or(row.header(Field::Period)).map(str::to_owned);
        row.problem(h.as_deref(), "完工时间早于开工时间".into());
        return None;
    }
    Some((from, to))
}

/// The period written in one cell (实施期限, 时间进度); a text that is no
/// period ("已完工") is noted and left to the other columns.
fn written_period(row: &mut Row<'_>) -> Option<(period::Month, period::Month)> {
    let (h, c) = row.find(Field::Period)?;
    if let Cell::Date(d) = c {
        let m = value::month(&Cell::Date(*d)).ok()?;
        return Some((m, m));
    }
    let t = value::text(c).unwrap_or_default();
    let parsed = period::parse(&t);
    if parsed.is_none() {
        row.note(format!("「{h}」“{t}”不是起止年月，未作为实施期限"));
    }
    parsed
}

/// 实施主体 and, from 实施单位及责任人, the person: "红水乡人民政府 杨某某" or
/// "红水乡人民政府（杨某某）".
fn implementer(row: &mut Row<'_>) -> (Option<String>, Option<String>) {
    if let Some(t) = row.opt_text(Field::Implementer) {
        return (Some(t), None);
    }
    let Some(t) = row.opt_text(Field::ImplementerAndPerson) else { return (None, None) };
    let (unit, person) = split_unit_person(&t);
    (Some(unit), person)
}

/// A unit and a person written in one cell; the person is a trailing name of
/// two to four characters, after a space or in brackets.
pub(crate) fn split_unit_person(t: &str) -> (String, Option<String>) {
    let t = t.trim();
    let is_name = |p: &str| (2..=4).contains(&p.chars().count()) && p.chars().all(|c| !c.is_ascii() && c != '、');
    if let Some(open) = t.rfind(['（', '('])
        && t.ends_with(['）', ')'])
    {
        let inner = t[open..].trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
        if is_name(inner) && open > 0 {
            return (t[..open].trim().to_owned(), Some(inner.to_owned()));
        }
    }
    if let Some((unit, person)) = t.rsplit_once([' ', '　', '/', '、'])
        && is_name(person.trim())
        && !unit.trim().is_empty()
    {
        return (unit.trim().to_owned(), Some(person.trim().to_owned()));
    }
    (t.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_and_person_in_one_cell() {
        let split = |t: &str| split_unit_person(t);
        assert_eq!(split("红水乡人民政府 杨某某"), ("红水乡人民政府".into(), Some("杨某某".into())));
        assert_eq!(split("红水乡人民政府（杨某某）"), ("红水乡人民政府".into(), Some("杨某某".into())));
        assert_eq!(split("红水乡人民政府"), ("红水乡人民政府".into(), None));
        assert_eq!(split("县农业农村局（县乡村振兴服务中心）"), ("县农业农村局（县乡村振兴服务中心）".into(), None));
    }
}
