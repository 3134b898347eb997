//! 开放数据: what `/data/` publishes and how it is described.
//!
//! [`csv_columns`] is the one list of `projects.csv`'s columns: the render
//! stage writes the header and every cell from it, and the data dictionary
//! page (数据说明, `/data/`) lists it, so the file and its description cannot
//! drift apart. Each project is exported as an [`ExportProject`]: the record,
//! the names its codes stand for, and the status the pages show (derived once,
//! by the site model), and [`OpenData`] holds every record of the JSON files
//! (`records`). Pure: no I/O; the files themselves are written by
//! `render::opendata`.

mod assets;
mod funds;
mod records;

use serde::Serialize;

pub use assets::{ASSETS_CSV, ASSETS_JSON, AssetRecord, asset_columns};
pub use funds::FundRecord;
pub use records::{CaseRecord, GroupRecord, ProjectRecord};

use super::{Model, Page, PageData, display};
use crate::domain::project::{FundLevel, FundingSource, NotGiven, NoticeLevel, Target};
use crate::domain::{Keyword, Money, Project, Status};

/// Site path of the project table (CSV, UTF-8 with BOM).
pub const PROJECTS_CSV: &str = "data/projects.csv";
/// Site path of the projects as JSON.
pub const PROJECTS_JSON: &str = "data/projects.json";
/// Site path of the advisory groups as JSON.
pub const GROUPS_JSON: &str = "data/groups.json";
/// Site path of the typical cases as JSON.
pub const CASES_JSON: &str = "data/cases.json";
/// Site path of the fund batches (资金批次) with their allocations, as JSON.
pub const FUNDS_JSON: &str = "data/funds.json";
/// Path of the data dictionary page.
pub const PAGE_PATH: &str = "data/";

/// One project as open data publishes it.
pub struct ExportProject<'a> {
    /// The record.
    project: &'a Project,
    /// The names its codes stand for.
    names: Names<'a>,
    /// The derived status, the same the pages show.
    status: Status,
}

impl<'a> ExportProject<'a> {
    /// The project as `projects.json` lists it.
    pub fn record(&self) -> ProjectRecord<'a> {
        records::project(self)
    }

    /// The project exported.
    pub(crate) fn project(&self) -> &'a Project {
        self.project
    }
}

/// Everything the open-data files hold, each list sorted by id.
pub struct OpenData<'a> {
    /// Every project: a row of `projects.csv` ([`Column::cell`]) and a
    /// record of `projects.json` ([`ExportProject::record`]).
    pub projects: Vec<ExportProject<'a>>,
    /// `groups.json`.
    pub groups: Vec<GroupRecord<'a>>,
    /// `cases.json`.
    pub cases: Vec<CaseRecord<'a>>,
    /// `assets.json`, and the rows of `assets.csv` ([`Column::asset_cell`]).
    pub assets: Vec<AssetRecord<'a>>,
    /// `funds.json`.
    pub funds: Vec<FundRecord<'a>>,
}

/// The names (from the county file, the taxonomy and the groups) that a
/// project's codes stand for. A code that resolves to nothing (only possible
/// in content that failed its checks) stands for itself.
struct Names<'a> {
    /// 县: the county's name.
    county: &'a str,
    /// 乡镇: the township's name.
    township: Option<&'a str>,
    /// 村: the villages' names, in the record's order.
    villages: Vec<&'a str>,
    /// 项目类型: the taxonomy's name of the type.
    project_type: &'a str,
    /// 产业顾问组: the group's name.
    advisory_group: Option<&'a str>,
}

/// One column of `projects.csv`, as the data dictionary describes it.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Header cell, exactly as written in the file.
    pub header: String,
    /// Excel's column letter (A, B, … AA …).
    pub letter: String,
    /// What the column holds.
    pub meaning: String,
    /// Unit or format; empty for plain text.
    pub unit: &'static str,
    #[serde(skip)]
    field: Field,
}

/// Where a column's cell comes from.
#[derive(Debug, Clone, Copy)]
enum Field {
    Id,
    Name,
    County,
    Township,
    Villages,
    Year,
    ProjectType,
    SubType,
    ConstructionNature,
    Origin,
    Content,
    PeriodFrom,
    PeriodTo,
    Implementer,
    ResponsibleUnit,
    ResponsiblePerson,
    Source(FundingSource, Option<FundLevel>),
    Total,
    HouseholdsLifted,
    PersonsLifted,
    HouseholdsMonitored,
    Linkage,
    Targets,
    AdvisoryGroup,
    NoticeStart(NoticeLevel),
    NoticeEnd(NoticeLevel),
    ApprovedBy,
    DocNo,
    ApprovedOn,
    WarehousedOn,
    Status,
    StatusCode,
    /// A column of `assets.csv`.
    Asset(assets::AssetField),
}

const WAN: &str = "万元，两位小数";
const DATE: &str = "日期，YYYY-MM-DD";
const MONTH: &str = "年月，YYYY-MM";

/// Every column of `projects.csv`, in file order: the header row and each
/// project's row are written from this list, and `/data/` lists it.
///
/// The funding columns are one per source (per level for 衔接资金) of the
/// content format's vocabulary, in its order, so each can be summed in Excel.
pub fn csv_columns() -> Vec<Column> {
    use Field as F;
    let mut list: Vec<(String, String, &'static str, Field)> = Vec::new();
    let mut add = |header: &str, meaning: &str, unit: &'static str, field: Field| {
        list.push((header.to_owned(), meaning.to_owned(), unit, field));
    };
    add("项目编号", "项目的永久编号，也是项目网页地址的一部分", "", F::Id);
    add("项目名称", "项目全称", "", F::Name);
    add("县", "项目所在县（名称）", "", F::County);
    add("乡镇", "实施地点所在乡镇（名称）；县级提出的项目可能为空", "", F::Township);
    add("村", "实施地点所在行政村（名称），多个村以顿号“、”分隔", "", F::Villages);
    add("年度", "项目库年度", "年份，YYYY", F::Year);
    add("项目类型", "项目类型（名称）", "", F::ProjectType);
    add("子类型", "项目子类型", "", F::SubType);
    add("建设性质", "新建、续建或改扩建", "", F::ConstructionNature);
    add("申报层级", "谁提出项目：村级申报、乡镇提出或县级提出", "", F::Origin);
    add("建设内容及规模", "建设内容及规模", "", F::Content);
    add("实施期限起", "计划实施期限的起始月份", MONTH, F::PeriodFrom);
    add("实施期限止", "计划实施期限的结束月份", MONTH, F::PeriodTo);
    add("实施主体", "实施主体", "", F::Implementer);
    add("责任单位", "责任单位", "", F::ResponsibleUnit);
    add("责任人", "责任人", "", F::ResponsiblePerson);
    for &source in FundingSource::ALL {
        let levels: Vec<Option<FundLevel>> = match source {
            // The last: 衔接资金 whose level the ledger did not give.
            FundingSource::BridgingFund => FundLevel::ALL.iter().copied().map(Some).chain([None]).collect(),
            _ => vec![None],
        };
        for level in levels {
            let (header, meaning) = source_column(source, level);
            add(&header, &meaning, WAN, F::Source(source, level));
        }
    }
    add("资金总额（万元）", "项目资金总额，等于以上各资金来源列之和", WAN, F::Total);
    add("带动脱贫户", "带动脱贫户数", "户", F::HouseholdsLifted);
    add("带动脱贫人口", "带动脱贫人口数", "人", F::PersonsLifted);
    add("监测对象户", "带动监测对象户数", "户", F::HouseholdsMonitored);
    add("联农带农机制", "联农带农机制", "", F::Linkage);
    add("绩效目标", "绩效目标，每项为“指标：数值单位”，多项以分号“；”分隔", "", F::Targets);
    add("产业顾问组", "服务本项目的产业顾问组（名称）", "", F::AdvisoryGroup);
    for &level in NoticeLevel::ALL {
        let name = level.label();
        add(
            &format!("{name}公示开始"),
            &format!("{name}公示的第一天（以最近一次{name}公示为准）；未进行{name}公示的为空"),
            DATE,
            F::NoticeStart(level),
        );
        add(
            &format!("{name}公示结束"),
            &format!("{name}公示的最后一天（以最近一次{name}公示为准）"),
            DATE,
            F::NoticeEnd(level),
        );
    }
    add("批复单位", "审定批复项目的单位", "", F::ApprovedBy);
    add("批复文号", "批复文件的文号", "", F::DocNo);
    add("批复日期", "批复日期", DATE, F::ApprovedOn);
    add("入库日期", "纳入项目库的日期", DATE, F::WarehousedOn);
    add("状态", "项目在数据生成日的状态，由公示、批复和实施日期得出", "", F::Status);
    add("状态代码", "状态的英文代码，与 projects.json 的 status 相同", "", F::StatusCode);
    list.into_iter()
        .enumerate()
        .map(|(i, (header, meaning, unit, field))| Column { header, letter: excel_letter(i), meaning, unit, field })
        .collect()
}

/// The header and meaning of one funding column. The headers are the ones
/// `gongshi import` reads, so an exported table can be edited and imported.
fn source_column(source: FundingSource, level: Option<FundLevel>) -> (String, String) {
    let name = match source {
        FundingSource::BridgingFund => {
            return match level {
                Some(level) => (
                    format!("{}衔接资金（万元）", level.label()),
                    format!("财政衔接推进乡村振兴补助资金中的{}资金；项目无此来源的为空", level.label()),
                ),
                None => (
                    "衔接资金（万元）".to_owned(),
                    "财政衔接推进乡村振兴补助资金中未公布级次的部分；项目无此来源的为空".to_owned(),
                ),
            };
        }
        FundingSource::IntegratedAgriFund => "统筹整合资金",
        FundingSource::EastWestFund => "东西部协作资金",
        FundingSource::DesignatedAssistanceFund => "定点帮扶资金",
        FundingSource::WorkForRelief => "以工代赈资金",
        FundingSource::LocalBond => "地方政府债券",
        FundingSource::BankCredit => "金融信贷",
        FundingSource::SelfRaised => "自筹资金",
        FundingSource::Donation => "社会捐赠",
        FundingSource::BalanceFund => "结余资金",
        FundingSource::Other => "其他资金",
    };
    (format!("{name}（万元）"), format!("{}；项目无此来源的为空", source.label()))
}

/// Excel's letter for the column at `index` (0 → A, 26 → AA).
fn excel_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl Column {
    /// This column's cell for one project.
    pub fn cell(&self, e: &ExportProject<'_>) -> String {
        let p = e.project;
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let month = |m: Option<(i32, u32)>| m.map(|(y, m)| format!("{y:04}-{m:02}")).unwrap_or_default();
        match self.field {
            Field::Id => p.id.value.clone(),
            Field::Name => p.name.clone(),
            Field::County => e.names.county.to_owned(),
            Field::Township => e.names.township.unwrap_or_default().to_owned(),
            Field::Villages => e.names.villages.join("、"),
            Field::Year => p.year.value.to_string(),
            Field::ProjectType => e.names.project_type.to_owned(),
            Field::SubType => p.sub_type.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
            Field::ConstructionNature => p.construction_nature.map(Keyword::label).unwrap_or_default().to_owned(),
            Field::Origin => p.origin.label().to_owned(),
            Field::Content if p.is_not_given(NotGiven::Content) => display::NOT_GIVEN.to_owned(),
            Field::Content => p.content.clone(),
            Field::PeriodFrom => month(p.implementation_period.map(|(from, _)| from)),
            Field::PeriodTo => month(p.implementation_period.map(|(_, to)| to)),
            Field::Implementer => display::given(p.implementer.as_deref()),
            Field::ResponsibleUnit => display::given(p.responsible_unit.as_deref()),
            Field::ResponsiblePerson => display::given(p.responsible_person.as_deref()),
            Field::Source(source, level) => {
                let lines: Vec<Money> = p
                    .funding
                    .iter()
                    .flat_map(|f| &f.sources)
                    .filter(|l| l.source == source && l.level == level)
                    .map(|l| l.amount)
                    .collect();
                if lines.is_empty() { String::new() } else { wan_cell(lines.into_iter().sum()) }
            }
            Field::Total => p.funding.as_ref().map(|f| wan_cell(f.total.value)).unwrap_or_default(),
            Field::HouseholdsLifted => count(p.beneficiaries.households_lifted),
            Field::PersonsLifted => count(p.beneficiaries.persons_lifted),
            Field::HouseholdsMonitored => count(p.beneficiaries.households_monitored),
            Field::Linkage => display::given(p.linkage_mechanism.as_deref()),
            Field::Targets if p.is_not_given(NotGiven::PerformanceTargets) => display::NOT_GIVEN.to_owned(),
            Field::Targets => p
                .performance_targets
                .iter()
                .map(|t| match t {
                    Target::Indicator { indicator, value, unit, .. } => {
                        format!("{indicator}：{value}{}", unit.as_deref().unwrap_or(""))
                    }
                    Target::Text(text) => text.clone(),
                })
                .collect::<Vec<_>>()
                .join("；"),
            Field::AdvisoryGroup => e.names.advisory_group.unwrap_or_default().to_owned(),
            Field::NoticeStart(level) => date(p.effective_notice(level).map(|n| *n.start)),
            Field::NoticeEnd(level) => date(p.effective_notice(level).map(|n| *n.end)),
            Field::ApprovedBy => p.approval.as_ref().map(|a| a.by.clone()).unwrap_or_default(),
            Field::DocNo => p.approval.as_ref().map(|a| a.doc_no.clone()).unwrap_or_default(),
            Field::ApprovedOn => date(p.approval.as_ref().map(|a| *a.date)),
            Field::WarehousedOn => date(p.warehoused_date()),
            Field::Status => e.status.label().to_owned(),
            Field::StatusCode => e.status.key().to_owned(),
            Field::Asset(_) => String::new(),
        }
    }
}

/// An amount in 万元 as a spreadsheet reads it: a plain number with at least
/// two decimals (`120.00`, `35.50`) and never rounded, so that the funding
/// columns add up to the total exactly (`575.0389` keeps its four decimals).
pub fn wan_cell(m: Money) -> String {
    m.wan_at_least_2dp()
}

/// A count, or 未公布 when the source did not give it (never 0 or empty).
fn count(n: Option<u64>) -> String {
    n.map_or_else(|| display::NOT_GIVEN.to_owned(), |n| n.to_string())
}

/// `/data/`: the data dictionary (数据说明).
#[derive(Debug, Clone, Serialize)]
pub struct DataView {
    /// The files, with their site paths.
    pub files: Vec<DataFile>,
    /// Every column of `projects.csv`, in file order.
    pub columns: Vec<Column>,
    /// Number of rows (projects) in `projects.csv`.
    pub project_count: usize,
    /// Every column of `assets.csv`, in file order.
    pub asset_columns: Vec<Column>,
    /// Number of rows (assets) in `assets.csv`.
    pub asset_count: usize,
}

/// One open-data file.
#[derive(Debug, Clone, Serialize)]
pub struct DataFile {
    /// Site path.
    pub url: &'static str,
    /// File name shown.
    pub name: &'static str,
    /// Format.
    pub format: &'static str,
    /// What it holds.
    pub description: &'static str,
}

fn files() -> Vec<DataFile> {
    vec![
        DataFile {
            url: PROJECTS_CSV,
            name: "projects.csv",
            format: "CSV（UTF-8，带 BOM）",
            description: "项目表：每个项目一行，可直接用 Excel 或 WPS 打开、筛选和求和；各列见下表",
        },
        DataFile {
            url: PROJECTS_JSON,
            name: "projects.json",
            format: "JSON",
            description: "项目的全部公开字段：代码（如 county、type）与名称（如 county_name、type_name）并列，另含每次公示的公开栏、异议及处理、实施进展",
        },
        DataFile {
            url: GROUPS_JSON,
            name: "groups.json",
            format: "JSON",
            description: "产业顾问组：成员（不含个人联系方式）、认定、会商、到岗服务、计划总结与评价",
        },
        DataFile {
            url: CASES_JSON,
            name: "cases.json",
            format: "JSON",
            description: "典型案例：所属县、产业、年度、成效指标、图片及关联项目",
        },
        DataFile {
            url: FUNDS_JSON,
            name: "funds.json",
            format: "JSON",
            description: "资金批次：资金来源、下达文件文号、下达单位和日期、资金规模、分配结果公告及日期，以及分配到每个项目的金额",
        },
    ]
}

/// Every open-data record, built when asked for: they hold every project.
pub(crate) fn open_data<'a>(m: &Model<'a>) -> OpenData<'a> {
    let mut projects: Vec<&Project> = m.content.projects.iter().map(|p| &**p).collect();
    projects.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    OpenData {
        projects: projects.into_iter().map(|p| export(m, p)).collect(),
        groups: records::groups(&m.content.groups),
        cases: records::cases(&m.content.cases),
        assets: assets::records(m),
        funds: funds::funds(m.content, m.today),
    }
}

/// Project `p` as open data publishes it.
fn export<'a>(m: &Model<'a>, p: &'a Project) -> ExportProject<'a> {
    let content = m.content;
    let county = content.county(&p.county);
    let township = county.zip(p.township_id()).and_then(|(c, t)| c.township(t));
    let villages = p
        .location
        .iter()
        .flat_map(|l| &l.villages)
        .map(|v| township.and_then(|t| t.village(v)).map_or(v.value.as_str(), |v| v.name.as_str()))
        .collect();
    let names = Names {
        county: county.map_or(p.county.value.as_str(), |c| c.name.as_str()),
        township: township.map(|t| t.name.as_str()).or(p.township_id()),
        villages,
        project_type: content.project_type(&p.project_type).map_or(p.project_type.value.as_str(), |t| t.name.as_str()),
        advisory_group: p
            .advisory_group
            .as_ref()
            .map(|g| content.group(g).map_or(g.value.as_str(), |g| g.name.as_str())),
    };
    ExportProject { project: p, names, status: m.status(p) }
}

/// `/data/`: the data dictionary.
pub(super) fn data_page<'a>(m: &Model<'a>, pages: &mut Vec<Page>) {
    let mut files = files();
    files.extend(assets::files());
    let view = DataView {
        files,
        columns: csv_columns(),
        project_count: m.content.projects.len(),
        asset_columns: asset_columns(),
        asset_count: assets::records(m).len(),
    };
    pages.push(m.page(PAGE_PATH, "开放数据：数据说明", vec![], PageData::Data(view)));
}

#[cfg(test)]
mod tests;
