//! Where a ledger's header is and what each column holds; what each row below
//! it is (a project, a 合计/小计 row, a section row such as 一、产业项目).
//!
//! Published ledgers put a title and a unit line above the header, write the
//! header on one or two rows with merged group headers (资金来源及规模 over
//! 中央/省级/市县, 绩效目标 over 产出指标/效益指标/满意度指标), and put a 合计
//! row directly under the header or at the end, its cells often merged over
//! several columns ("合计" over 序号 and 项目名称, "18个" over the next ones).
//! XLSX merges arrive filled (every cell of a region holds its value), CSV
//! ones empty; both are read alike here.

use super::columns::{self, Field};
use super::sheet::{Cell, Grid};
use super::value;

/// One column of the ledger.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// 0-based column index.
    pub(crate) index: usize,
    /// The header as the report names it: `group/sub` under a group header.
    pub(crate) header: String,
    /// What it holds, if recognised.
    pub(crate) field: Option<Field>,
}

/// The header of a ledger.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The rows above the header with text (title, unit line), in order.
    pub(crate) above: Vec<String>,
    /// The last header row (0-based); data starts below it.
    pub(crate) last_header_row: usize,
    /// Every column with a header.
    pub(crate) columns: Vec<Column>,
}

/// What a row below the header is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RowKind {
    /// Nothing written.
    Empty,
    /// 合计 / 小计 / 总计, also "XX区合计" and merged "18个".
    Total,
    /// A section title between projects (一、产业项目), with its label.
    Section(String),
    /// A project.
    Project,
}

/// The rows searched for a header.
const SEARCH_ROWS: usize = 20;

/// The header, or `None` when no row of the first 20 names a project name
/// column or at least three known columns.
pub(crate) fn find(grid: &Grid) -> Option<Layout> {
    let fields = |row: &[Cell]| {
        let mut found: Vec<Field> = row.iter().filter_map(value::text).filter_map(|t| columns::field(&t)).collect();
        found.dedup();
        found.sort_by_key(|f| format!("{f:?}"));
        found.dedup();
        found
    };
    let rows = || grid.iter().take(SEARCH_ROWS);
    let at = rows()
        .position(|r| {
            if is_total(r) && has_figures(r) {
                return false;
            }
            let f = fields(r);
            (f.contains(&Field::Name) && f.len() >= 2) || f.len() >= 3
        })
        // Else the first row of at least three words, so that the report can
        // say how each of its headers was read.
        .or_else(|| {
            rows().position(|r| {
                let words: std::collections::BTreeSet<String> = r.iter().filter_map(value::text).collect();
                !has_figures(r) && words.len() >= 3
            })
        })?;
    // Headers as the report names them: "项目\n名称" (a wrapped cell) is 项目名称.
    let header_text = |c: &Cell| value::text(c).map(|t| t.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    let top: Vec<Option<String>> = grid[at].iter().map(header_text).collect();
    let above = grid[..at]
        .iter()
        .filter_map(|r| {
            let mut texts: Vec<String> = r.iter().filter_map(value::text).collect();
            texts.dedup();
            (!texts.is_empty()).then(|| texts.join(" "))
        })
        .collect();
    let below = grid.get(at + 1).filter(|b| is_sub_header(&top, b));
    let width = top.len().max(below.map_or(0, Vec::len));
    let mut columns = Vec::new();
    let mut group: Option<String> = None;
    for c in 0..width {
        let upper = top.get(c).cloned().flatten();
        let lower = below.and_then(|b| b.get(c)).and_then(header_text);
        if upper.is_some() {
            group = upper.clone();
        }
        match (upper, lower) {
            (u, Some(l)) if u.as_deref() != Some(l.as_str()) => {
                let g = group.clone().unwrap_or_default();
                columns.push(Column { index: c, header: format!("{g}/{l}"), field: columns::sub_field(&l) });
            }
            (Some(u), _) => columns.push(Column { index: c, field: columns::field(&u), header: u }),
            (None, Some(l)) => columns.push(Column { index: c, field: columns::field(&l), header: l }),
            (None, None) => {}
        }
    }
    Some(Layout { above, last_header_row: at + usize::from(below.is_some()), columns })
}

/// Whether `below` is a second header row under `top`: it holds no number,
/// nothing under the 项目名称 header (a data row names its project there), and
/// names a known column (or a fund level: 中央, 省级) where `top` says
/// something else (a group header, or nothing under a merge).
fn is_sub_header(top: &[Option<String>], below: &[Cell]) -> bool {
    if has_figures(below) {
        return false;
    }
    let top_at = |c: usize| top.get(c).cloned().flatten();
    let name_col = top.iter().position(|t| t.as_deref().and_then(columns::field) == Some(Field::Name));
    let text_at = |c: usize| below.get(c).and_then(value::text);
    if name_col.is_some_and(|c| text_at(c).is_some_and(|t| Some(&t) != top_at(c).as_ref())) {
        return false;
    }
    below.iter().enumerate().any(|(c, cell)| {
        value::text(cell).is_some_and(|t| top_at(c).as_deref() != Some(t.as_str()) && columns::sub_field(&t).is_some())
    })
}

/// What `row` is, given the ledger's columns.
pub(crate) fn kind(row: &[Cell], columns: &[Column]) -> RowKind {
    if row.iter().all(Cell::is_empty) {
        return RowKind::Empty;
    }
    if is_total(row) {
        return RowKind::Total;
    }
    let mut texts: Vec<String> = row.iter().filter_map(value::text).collect();
    texts.dedup();
    let first = texts.first().cloned().unwrap_or_default();
    if let Some(label) = section_label(&first) {
        return RowKind::Section(label);
    }
    // A title alone on its row (its number in 序号, or nothing), no amount.
    let has_amount = columns.iter().any(|c| {
        matches!(c.field, Some(Field::Total | Field::Source(..))) && row.get(c.index).and_then(value::text).is_some()
    });
    let distinct: std::collections::BTreeSet<&String> = texts.iter().collect();
    if !has_amount && distinct.len() <= 2 && texts.len() <= 2 {
        let label = texts.last().cloned().unwrap_or_default();
        return RowKind::Section(section_label(&label).unwrap_or(label));
    }
    RowKind::Project
}

/// A 合计/小计/总计 row: a cell that says so (also "XX区合计", "全县合计（18个）").
pub(crate) fn is_total(row: &[Cell]) -> bool {
    row.iter().filter_map(value::text).any(|t| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let head = t.split(['（', '(']).next().unwrap_or_default();
        ["合计", "小计", "总计"]
            .iter()
            .any(|w| head.starts_with(w) || (head.ends_with(w) && head.chars().count() <= 12))
    })
}

/// Whether a row holds a number (an amount, a count, "18个"): no header row does.
fn has_figures(row: &[Cell]) -> bool {
    row.iter().any(|c| match c {
        Cell::Number(_) | Cell::Date(_) => true,
        Cell::Text(t) => t.chars().any(|c| c.is_ascii_digit()),
        Cell::Empty => false,
    })
}

/// `一、产业项目` / `（二）乡村建设项目` / `三.` → the label after the numbering.
fn section_label(t: &str) -> Option<String> {
    let t = t.trim();
    let rest = t.trim_start_matches(['（', '(']);
    let numerals = "一二三四五六七八九十";
    let n = rest.chars().take_while(|c| numerals.contains(*c)).count();
    if n == 0 {
        return None;
    }
    let rest: String = rest.chars().skip(n).collect();
    let rest = rest.trim_start_matches(['）', ')', '、', '.', '．', ' ']);
    (rest.len() < t.len() - n * 3).then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).into()) }).collect()
    }

    #[test]
    fn totals_and_sections() {
        assert!(is_total(&row(&["合计", "合计", "18个", "18个", "1200"])));
        assert!(is_total(&row(&["", "青岭县合计", "", "1200"])));
        assert!(is_total(&row(&["小 计", "", "", "1200"])));
        assert!(!is_total(&row(&["1", "青岭县石桥镇白岩村茶园建设项目", "", "1200"])));
        assert_eq!(section_label("一、产业项目"), Some("产业项目".into()));
        assert_eq!(section_label("（二）乡村建设项目"), Some("乡村建设项目".into()));
        assert_eq!(section_label("十里村道路"), None);
    }

    #[test]
    fn a_merged_total_row_under_the_header_is_no_header() {
        let grid = vec![
            row(&["青岭县2024年项目库", "青岭县2024年项目库", "青岭县2024年项目库"]),
            row(&["合计", "合计", "合计", "18个"]),
            row(&["序号", "项目名称", "资金规模（万元）", "建设内容"]),
            row(&["合计", "合计", "18个", ""]),
        ];
        let layout = find(&grid).unwrap();
        assert_eq!(layout.last_header_row, 2);
        assert_eq!(layout.above, ["青岭县2024年项目库", "合计 18个"]);
    }

    #[test]
    fn two_header_rows_with_a_group_read_as_group_and_sub() {
        let grid = vec![
            row(&["序号", "项目名称", "资金来源及规模（万元）", "", "", "绩效目标", ""]),
            row(&["", "", "合计", "中央", "省级", "产出指标", "满意度"]),
        ];
        let layout = find(&grid).unwrap();
        assert_eq!(layout.last_header_row, 1);
        let read: Vec<(&str, bool)> = layout.columns.iter().map(|c| (c.header.as_str(), c.field.is_some())).collect();
        assert_eq!(
            read,
            [
                ("序号", true),
                ("项目名称", true),
                ("资金来源及规模（万元）/合计", true),
                ("资金来源及规模（万元）/中央", true),
                ("资金来源及规模（万元）/省级", true),
                ("绩效目标/产出指标", true),
                ("绩效目标/满意度", false),
            ]
        );
    }
}
