//! `gongshi import`: a county's project ledger (Excel or CSV) → one project
//! file per row under `content/projects/<year>/<id>.yaml`.
//!
//! Ledgers are laid out for people: a title row, Chinese headers (sometimes on
//! two rows under a merged 资金来源 header), merged cells, dates typed as Excel
//! dates or as text, amounts in 万元, a 合计 row at the bottom. The importer
//! finds the header row, maps columns by their header names
//! ([`columns::HEADERS`]), and converts each row on its own. A bad row is
//! reported with its row number and column and nothing is written for it;
//! good rows are written. An existing project file is never replaced unless
//! `force` is set, and `dry_run` writes nothing. Each file is checked with the
//! loader before it is written, so an import never leaves a file that `check`
//! would reject on its own.

mod columns;
mod procedure;
mod record;
mod row;
mod sheet;
mod value;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use columns::Field;
pub use sheet::SheetError;
use sheet::{Cell, Grid};

/// Options of `gongshi import`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Report what would be written, write nothing.
    pub dry_run: bool,
    /// Replace existing project files of the same id.
    pub force: bool,
}

/// What happened to one good row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new file was written (or would be, under `dry_run`).
    New,
    /// An existing file was replaced (or would be), under `force`.
    Replaced,
    /// The existing file already holds exactly this.
    Unchanged,
}

/// One imported row.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Spreadsheet row number (1-based, as Excel shows it).
    pub row: usize,
    /// Project id.
    pub id: String,
    /// The file, relative to the site root.
    pub path: String,
    /// What happened.
    pub outcome: Outcome,
}

/// One problem of one row; nothing was written for that row.
#[derive(Debug, Clone)]
pub struct RowProblem {
    /// Spreadsheet row number.
    pub row: usize,
    /// The column header as written in the ledger, when one column is at fault.
    pub column: Option<String>,
    /// Chinese message.
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Good rows.
    pub imported: Vec<Imported>,
    /// Problems of bad rows, in row order.
    pub problems: Vec<RowProblem>,
    /// Headers that name no known column (ignored).
    pub ignored_columns: Vec<String>,
}

/// Why nothing could be imported (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The site root has no `content/`.
    #[error("站点目录 {0} 下没有 content/ 文件夹")]
    NoContent(PathBuf),
    /// The ledger could not be read.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// No row looks like a header row.
    #[error("台账前 20 行中找不到表头行（至少要有“项目编号”“项目名称”等 3 个可识别的列名）")]
    NoHeader,
    /// Columns every project needs are absent.
    #[error("台账缺少以下列：{}（可用的列名见 README 的“导入台账”一节）", .0.join("、"))]
    MissingColumns(Vec<&'static str>),
    /// The site has no county the projects could belong to.
    #[error("无法确定项目所属的县：请在 content/site.yaml 中写 county，或只保留一个县文件")]
    NoCounty,
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] crate::Error),
}

/// Imports the ledger at `file` into the site at `root`.
pub fn import(root: &Path, file: &Path, options: ImportOptions) -> Result<ImportReport, ImportError> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(ImportError::NoContent(root.to_path_buf()));
    }
    let grid = sheet::read(file)?;
    let (header_row, headers) = find_header(&grid).ok_or(ImportError::NoHeader)?;
    let mut report = ImportReport::default();
    let mut mapped: Vec<(usize, Field, String)> = Vec::new();
    for (col, h) in headers.iter().enumerate() {
        match (h, h.as_deref().and_then(columns::field)) {
            (Some(h), Some(f)) => mapped.push((col, f, h.clone())),
            (Some(h), None) => report.ignored_columns.push(h.clone()),
            (None, _) => {}
        }
    }
    check_columns(&mapped)?;

    let (content, _) = crate::load::load(root)?;
    let county_id = content.site.as_ref().and_then(|s| s.county.as_ref()).map(|c| c.value.clone());
    let county = match county_id {
        Some(id) => content.county(&id),
        None if content.counties.len() == 1 => content.counties.first(),
        None => None,
    }
    .ok_or(ImportError::NoCounty)?;
    let site = row::Site { county, types: &content.taxonomy };
    let existing: BTreeMap<String, PathBuf> =
        crate::scaffold::project_ids(&content_dir)?.into_iter().map(|(id, p)| (id.to_lowercase(), p)).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();

    for (i, cells) in grid.iter().enumerate().skip(header_row + 1) {
        let number = i + 1;
        if cells.iter().all(Cell::is_empty) || is_total_row(cells, &mapped) {
            continue;
        }
        let row = row::Row {
            cells: mapped.iter().map(|(c, f, h)| (*f, h.as_str(), cells.get(*c).unwrap_or(&Cell::Empty))).collect(),
            problems: Vec::new(),
        };
        let problem = |column: Option<String>, message: String| RowProblem { row: number, column, message };
        let draft = match record::convert(row, &site) {
            Ok(d) => d,
            Err(problems) => {
                report.problems.extend(problems.into_iter().map(|p| problem(p.column, p.message)));
                continue;
            }
        };
        let id_header = mapped.iter().find(|(_, f, _)| *f == Field::Id).map(|(_, _, h)| h.clone());
        if let Some(first) = seen.insert(draft.id.to_lowercase(), number) {
            report.problems.push(problem(id_header, format!("项目编号 {} 与第 {first} 行重复", draft.id)));
            continue;
        }
        let path = existing.get(&draft.id.to_lowercase()).cloned().unwrap_or_else(|| {
            content_dir.join("projects").join(draft.year.to_string()).join(format!("{}.yaml", draft.id))
        });
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        // The loader's own reading of the new file: what `check` would say of it alone.
        let errors: Vec<String> = crate::load::check_file(&rel, draft.yaml.as_bytes())
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.severity() == crate::diag::Severity::Error)
            .map(|d| d.message)
            .collect();
        if !errors.is_empty() {
            report.problems.extend(errors.into_iter().map(|m| problem(None, m)));
            continue;
        }
        let outcome = match std::fs::read_to_string(&path) {
            Ok(old) if old == draft.yaml => Outcome::Unchanged,
            Ok(_) if !options.force => {
                report.problems.push(problem(
                    id_header,
                    format!("项目 {} 已存在（{rel}），未覆盖；确认要用台账内容替换时加 --force", draft.id),
                ));
                continue;
            }
            Ok(_) => Outcome::Replaced,
            Err(_) => Outcome::New,
        };
        if !options.dry_run && outcome != Outcome::Unchanged {
            write(&path, &draft.yaml)?;
        }
        report.imported.push(Imported { row: number, id: draft.id, path: rel, outcome });
    }
    Ok(report)
}

fn write(path: &Path, text: &str) -> Result<(), crate::Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    }
    std::fs::write(path, text).map_err(|e| crate::Error::io(path, e))
}

/// The header row (0-based) and the header of each column: the first of the
/// first 20 rows with at least three known headers. When the next row names
/// known columns under a merged group header (资金来源 → 中央衔接资金 …), the
/// two rows are read as one header.
fn find_header(grid: &Grid) -> Option<(usize, Vec<Option<String>>)> {
    let known = |row: &[Cell]| row.iter().filter_map(value::text).filter(|t| columns::field(t).is_some()).count();
    let at = grid.iter().take(20).position(|r| known(r) >= 3)?;
    let top: Vec<Option<String>> = grid[at].iter().map(value::text).collect();
    let Some(below) = grid.get(at + 1) else { return Some((at, top)) };
    // A known header below a cell that names no known column (a merged group header or nothing).
    let is_sub_header = below.iter().enumerate().any(|(c, cell)| {
        value::text(cell).is_some_and(|t| columns::field(&t).is_some())
            && top.get(c).and_then(|t| t.as_deref()).is_none_or(|t| columns::field(t).is_none())
    });
    if !is_sub_header {
        return Some((at, top));
    }
    let width = top.len().max(below.len());
    let merged = (0..width)
        .map(|c| {
            let lower = below.get(c).and_then(value::text).filter(|t| columns::field(t).is_some());
            lower.or_else(|| top.get(c).cloned().flatten())
        })
        .collect();
    Some((at + 1, merged))
}

/// Every project needs these; absent columns are reported before any row.
fn check_columns(mapped: &[(usize, Field, String)]) -> Result<(), ImportError> {
    let has = |f: Field| mapped.iter().any(|(_, g, _)| *g == f);
    let has_source = mapped.iter().any(|(_, f, _)| matches!(f, Field::Source(..)));
    let needs: [(bool, &'static str); 13] = [
        (has(Field::Id), "项目编号"),
        (has(Field::Name), "项目名称"),
        (has(Field::Type), "项目类型"),
        (has(Field::Nature), "建设性质"),
        (has(Field::Content), "建设内容"),
        (
            has(Field::Period) || (has(Field::PeriodFrom) && has(Field::PeriodTo)),
            "实施期限（或计划开工时间和计划完工时间）",
        ),
        (has(Field::Implementer), "实施主体"),
        (has(Field::ResponsibleUnit), "责任单位"),
        (has(Field::ResponsiblePerson), "责任人"),
        (has_source, "资金来源金额（如 中央衔接资金、自筹资金）"),
        (
            has(Field::HouseholdsLifted) && has(Field::PersonsLifted) && has(Field::HouseholdsMonitored),
            "带动脱贫户数、带动脱贫人口数、带动监测户数",
        ),
        (has(Field::Linkage), "联农带农机制"),
        (has(Field::Targets) || has(Field::TargetIndicator), "绩效目标"),
    ];
    let missing: Vec<&'static str> = needs.iter().filter(|(ok, _)| !ok).map(|(_, n)| *n).collect();
    if missing.is_empty() { Ok(()) } else { Err(ImportError::MissingColumns(missing)) }
}

/// A 合计/小计 row (its 序号, 编号 or 名称 says so).
fn is_total_row(cells: &[Cell], mapped: &[(usize, Field, String)]) -> bool {
    mapped.iter().filter(|(_, f, _)| matches!(f, Field::Seq | Field::Id | Field::Name)).any(|(c, _, _)| {
        cells.get(*c).and_then(value::text).is_some_and(|t| {
            let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            t.starts_with("合计") || t.starts_with("小计") || t.starts_with("总计")
        })
    })
}
