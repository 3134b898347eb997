//! `gongshi import`: a county's project ledger (Excel or CSV) → one project
//! file per row under `content/projects/<year>/<id>.yaml`.
//!
//! Ledgers are laid out for people and published as they are: a title row
//! (naming county, year, fund, document), one or two header rows with merged
//! group headers, 合计/小计 and section rows, merged cells, dates typed as
//! Excel dates or as text, amounts in 万元. The importer finds the header
//! ([`layout`]), maps columns by their header names ([`columns::HEADERS`]),
//! and converts each project row on its own ([`record`]). Only a name column
//! and an amount column are needed: what a ledger does not give is left out
//! of the record and listed under `not_given`, never invented; what is derived
//! (ids, the year from the title, the fund from the title) is said in the
//! report. A bad row is reported with its row number and column and nothing is
//! written for it; good rows are written. An existing project file is never
//! replaced unless `force` is set, and `dry_run` writes nothing. Each file is
//! checked with the loader before it is written, so an import never leaves a
//! file that `check` would reject on its own.

mod columns;
mod funding;
mod ids;
mod layout;
mod period;
mod place;
mod procedure;
mod record;
mod report;
mod row;
mod sheet;
mod targets;
mod title;
mod value;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use columns::Field;
use layout::{Column, RowKind};
pub use report::{ImportError, ImportOptions, ImportReport, Imported, Outcome, RowNote, RowProblem, SheetError, Stage};
use sheet::Cell;

/// Imports the ledger at `file` into the site at `root`.
pub fn import(root: &Path, file: &Path, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(ImportError::NoContent(root.to_path_buf()));
    }
    if options.stage.is_some() && (options.approval_doc.is_none() || options.approval_date.is_none()) {
        return Err(ImportError::StageNeedsApproval);
    }
    let option_fund = match &options.fund {
        Some(f) => Some(title::fund(f).ok_or_else(|| ImportError::UnknownFund(f.clone()))?),
        None => None,
    };
    let grid = sheet::read(file)?;
    let layout = layout::find(&grid).ok_or(ImportError::NoHeader)?;
    let mut report = ImportReport::default();
    let columns: Vec<&Column> = layout.columns.iter().filter(|c| c.field.is_some()).collect();
    report.ignored_columns = layout.columns.iter().filter(|c| c.field.is_none()).map(|c| c.header.clone()).collect();
    check_columns(&layout.columns)?;
    let title = title::read(&layout.above);

    let (content, _) = crate::load::load(root)?;
    let county = county(&content, &title).ok_or(ImportError::NoCounty)?;
    let plan =
        options.stage.zip(options.approval_doc.clone()).zip(options.approval_date).map(|((stage, doc), date)| {
            procedure::StagePlan {
                stage,
                by: format!("{}办公室", county.leading_group),
                doc_no: doc,
                date,
                stage_date: options.stage_date.unwrap_or(date),
                funded_ref: title.doc_no.clone(),
            }
        });
    let site = record::Site {
        county,
        types: &content.taxonomy,
        year: options.year.or(title.year),
        fund: option_fund.or(title.fund),
        amounts_in_yuan: title.amounts_in_yuan,
        stage: plan.as_ref(),
    };
    report.derived = derived(&layout.columns, &title, options, option_fund.is_some());
    if let Some(other) =
        content.counties.iter().find(|c| c.id.value != county.id.value && title.text.contains(c.name.as_str()))
    {
        report.derived.push(format!("标题写的是{}，项目按本站点的县{}导入", other.name, county.name));
    }
    if county.townships.is_empty()
        && let Some(c) =
            columns.iter().find(|c| matches!(c.field, Some(Field::Place | Field::Township | Field::Villages)))
    {
        report.derived.push(format!("{}的县文件没有乡镇名单：「{}」按原文写入 place", county.name, c.header));
    }
    let mut ids = ids::IdMaker::new(options.id_prefix.as_deref(), &county.id.value, &content.projects);
    if let Some(c) = columns.iter().find(|c| c.field == Some(Field::Id)) {
        grid.iter()
            .skip(layout.last_header_row + 1)
            .filter_map(|r| r.get(c.index).and_then(value::text))
            .for_each(|id| ids.reserve(&id));
    }
    let existing: BTreeMap<String, PathBuf> =
        crate::scaffold::project_ids(&content_dir)?.into_iter().map(|(id, p)| (id.to_lowercase(), p)).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut section: Option<String> = None;

    for (i, cells) in grid.iter().enumerate().skip(layout.last_header_row + 1) {
        let number = i + 1;
        match layout::kind(cells, &layout.columns) {
            RowKind::Empty => continue,
            RowKind::Total => {
                report.skipped.push((number, "合计/小计行".into()));
                continue;
            }
            RowKind::Section(label) => {
                report.skipped.push((number, format!("分类行“{label}”")));
                section = Some(label);
                continue;
            }
            RowKind::Project => {}
        }
        let row = row::Row {
            cells: columns
                .iter()
                .filter_map(|c| Some((c.field?, c.header.as_str(), cells.get(c.index).unwrap_or(&Cell::Empty))))
                .collect(),
            problems: Vec::new(),
            section: section.as_deref(),
            notes: Vec::new(),
        };
        let problem = |column: Option<String>, message: String| RowProblem { row: number, column, message };
        let draft = match record::convert(row, &site) {
            Ok(d) => d,
            Err(problems) => {
                report.problems.extend(problems.into_iter().map(|p| problem(p.column, p.message)));
                continue;
            }
        };
        let id_header = columns.iter().find(|c| c.field == Some(Field::Id)).map(|c| c.header.clone());
        let id = draft.id.clone().unwrap_or_else(|| ids.id(draft.year, &draft.name));
        if let Some(first) = seen.insert(id.to_lowercase(), number) {
            let what = if draft.id.is_some() { "项目编号" } else { "同年度同名项目，生成的编号" };
            report.problems.push(problem(id_header, format!("{what} {id} 与第 {first} 行重复")));
            continue;
        }
        let yaml = format!("# 由 gongshi import 从项目库台账导入；以后请直接修改本文件\nid: {id}\n{}", draft.body);
        let path = existing
            .get(&id.to_lowercase())
            .cloned()
            .unwrap_or_else(|| content_dir.join("projects").join(draft.year.to_string()).join(format!("{id}.yaml")));
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        // The loader's own reading of the new file: what `check` would say of it alone.
        let errors: Vec<String> = crate::load::check_file(&rel, yaml.as_bytes())
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
            Ok(old) if old == yaml => Outcome::Unchanged,
            Ok(_) if !options.force => {
                report.problems.push(problem(
                    id_header,
                    format!("项目 {id} 已存在（{rel}），未覆盖；确认要用台账内容替换时加 --force"),
                ));
                continue;
            }
            Ok(_) => Outcome::Replaced,
            Err(_) => Outcome::New,
        };
        if !options.dry_run && outcome != Outcome::Unchanged {
            write(&path, &yaml)?;
        }
        report.notes.extend(draft.notes.into_iter().map(|message| RowNote { row: number, message }));
        report.imported.push(Imported {
            row: number,
            id,
            is_id_generated: draft.id.is_none(),
            name: draft.name,
            path: rel,
            outcome,
            not_given: draft.not_given,
        });
    }
    Ok(report)
}

/// The site's county; else the one the title names; else the only one.
fn county<'c>(content: &'c crate::domain::Content, title: &title::Title) -> Option<&'c crate::domain::County> {
    let named = || content.counties.iter().find(|c| !c.name.is_empty() && title.text.contains(c.name.as_str()));
    match content.site.as_ref().and_then(|s| s.county.as_ref()) {
        Some(id) => content.county(&id.value),
        None => named().or_else(|| content.counties.first().filter(|_| content.counties.len() == 1)),
    }
}

fn write(path: &Path, text: &str) -> Result<(), crate::Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    }
    std::fs::write(path, text).map_err(|e| crate::Error::io(path, e))
}

/// Only a name and an amount are needed; without them, every header is
/// listed with how it was read and the known header nearest to it.
fn check_columns(columns: &[Column]) -> Result<(), ImportError> {
    let has = |p: fn(Field) -> bool| columns.iter().any(|c| c.field.is_some_and(p));
    let mut missing = Vec::new();
    if !has(|f| f == Field::Name) {
        missing.push("项目名称列");
    }
    if !has(|f| matches!(f, Field::Total | Field::Source(..))) {
        missing.push("金额列（如 总投资、资金规模、本次分配金额、中央衔接资金）");
    }
    if missing.is_empty() {
        return Ok(());
    }
    let read = columns
        .iter()
        .map(|c| match c.field {
            Some(f) => format!("{} → {}", c.header, columns::usual_name(f)),
            None => {
                let last = c.header.rsplit('/').next().unwrap_or(&c.header);
                let hint = columns::nearest(last).map(|n| format!("（是否应为“{n}”？）")).unwrap_or_default();
                format!("{} → 未识别{hint}", c.header)
            }
        })
        .collect();
    Err(ImportError::Unmapped { missing, read })
}

/// What the import derives for every row, said once.
fn derived(columns: &[Column], title: &title::Title, options: &ImportOptions, fund_option: bool) -> Vec<String> {
    let header = |f: Field| columns.iter().find(|c| c.field == Some(f)).map(|c| c.header.as_str());
    let mut out = Vec::new();
    if header(Field::Id).is_none() {
        out.push("台账没有项目编号列：编号按县、年度和行序生成（见下面每行的编号），编号即网址，发布后不要再改".into());
    }
    if header(Field::Year).is_none() {
        match (options.year, title.year) {
            (Some(y), _) => out.push(format!("年度取自 --year：{y}")),
            (None, Some(y)) => out.push(format!("年度取自标题“{}”：{y}", title.text)),
            (None, None) => {}
        }
    }
    if !fund_option && let Some((s, level)) = title.fund {
        let level = level.map(|l| format!("（{}）", crate::domain::Keyword::label(l))).unwrap_or_default();
        out.push(format!("没有写明来源的金额按标题“{}”记为{}{level}", title.text, crate::domain::Keyword::label(s)));
    }
    for f in [Field::Implementer, Field::ImplementerAndPerson] {
        if let Some(h) = header(f).filter(|h| h.contains("实施单位")) {
            out.push(format!("实施主体取自「{h}」列"));
        }
    }
    let in_yuan = columns.iter().filter(|c| matches!(c.field, Some(Field::Total | Field::Source(..)))).any(|c| {
        let h: String = c.header.chars().filter(|c| !c.is_whitespace()).collect();
        h.ends_with("（元）") || h.ends_with("(元)")
    });
    if in_yuan || title.amounts_in_yuan {
        out.push("台账金额以元为单位，已换算为万元（精确到分）".into());
    }
    if let Some(h) = header(Field::ImplementerAndPerson) {
        out.push(format!("「{h}」中单位后的人名记为责任人"));
    }
    if let Some(stage) = options.stage {
        let what = match stage {
            Stage::Approved => "已入库",
            Stage::Funded => "资金已下达",
            Stage::Started => "已开工",
        };
        out.push(format!(
            "按 --stage，每个项目记为{what}（批复 {}），入库前的公示未记录，列入 not_given",
            options.approval_doc.as_deref().unwrap_or_default()
        ));
    }
    out
}
