//! Reading a ledger file into a grid of cells: `.xlsx`/`.xls`/`.ods` through
//! calamine (merged cells filled from their top-left cell, Excel dates as
//! dates), `.csv` as UTF-8 (with or without BOM) or GBK/GB18030 (what Excel
//! on a Chinese Windows saves as "CSV").

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use chrono::NaiveDate;

/// One cell as the importer sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing written.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number cell.
    Number(f64),
    /// A cell Excel stores as a date.
    Date(NaiveDate),
}

impl Cell {
    /// Whether nothing is written (blank text counts as nothing).
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// Rows of cells; row `i` is spreadsheet row `i + 1`.
pub(crate) type Grid = Vec<Vec<Cell>>;

/// Why a ledger could not be read at all; the library's own cause is kept
/// as the source (printed by [`crate::error::report`] as a technical detail).
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file extension is not one we read.
    #[error("不支持的台账格式 {0}：请用 .xlsx、.xls、.ods 或 .csv")]
    Format(String),
    /// The file could not be opened or read.
    #[error("无法读取台账 {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The spreadsheet library could not parse the workbook.
    #[error(
        "无法读取台账 {}：文件已损坏，或不是真正的 Excel/WPS 表格文件，可以在表格软件中打开后另存为 .xlsx 再试",
        path.display()
    )]
    Workbook {
        /// The file.
        path: PathBuf,
        /// The cause, in the library's (English) words.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The workbook has no worksheet.
    #[error("无法读取台账 {}：工作簿中没有工作表", path.display())]
    NoSheet {
        /// The file.
        path: PathBuf,
    },
    /// CSV bytes in neither UTF-8 nor GBK.
    #[error("无法读取台账 {}：文件既不是 UTF-8 也不是 GBK 编码", path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
    },
    /// A CSV file that does not parse.
    #[error("无法读取台账 {}：CSV 文件格式有误", path.display())]
    Csv {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: csv::Error,
    },
}

/// Reads the first worksheet of a spreadsheet, or a CSV file.
pub(crate) fn read(path: &Path) -> Result<Grid, SheetError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let io = |source| SheetError::Io { path: path.to_path_buf(), source };
    match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path).map_err(io)?;
            read_csv(path, &bytes)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            // Open it first, so a missing or locked file is said in Chinese
            // rather than in the spreadsheet library's English.
            std::fs::File::open(path).map_err(io)?;
            read_workbook(path)
        }
        _ => Err(SheetError::Format(path.display().to_string())),
    }
}

fn read_workbook(path: &Path) -> Result<Grid, SheetError> {
    let broken =
        |e: Box<dyn std::error::Error + Send + Sync>| SheetError::Workbook { path: path.to_path_buf(), source: e };
    let mut book = calamine::open_workbook_auto(path).map_err(|e| broken(e.into()))?;
    let name = book.sheet_names().first().cloned().ok_or_else(|| SheetError::NoSheet { path: path.to_path_buf() })?;
    let range = book.worksheet_range(&name).map_err(|e| broken(e.into()))?;
    let merged = match &mut book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).map_err(|e| broken(e.into()))?,
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).map_err(|e| broken(e.into()))?,
        _ => Vec::new(),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let (height, width) = range.get_size();
    let mut grid: Grid = vec![vec![Cell::Empty; first_col as usize + width]; first_row as usize + height];
    for (r, row) in range.rows().enumerate() {
        for (c, data) in row.iter().enumerate() {
            grid[first_row as usize + r][first_col as usize + c] = cell(data);
        }
    }
    // A merged cell holds its value in the top-left cell only; every cell of
    // the region means that value (a township written once for five rows).
    for m in merged {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let Some(value) = grid.get(r0).and_then(|row| row.get(c0)).cloned() else { continue };
        for r in r0..=(m.end.0 as usize).min(grid.len().saturating_sub(1)) {
            for c in c0..=(m.end.1 as usize).min(grid[r].len().saturating_sub(1)) {
                grid[r][c] = value.clone();
            }
        }
    }
    Ok(grid)
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        Data::String(s) => Cell::Text(s.trim().to_owned()),
        Data::DateTime(d) => d.as_datetime().map_or_else(|| Cell::Number(d.as_f64()), |dt| Cell::Date(dt.date())),
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map_or_else(|_| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// Decodes CSV bytes: UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK).
pub(crate) fn read_csv(path: &Path, bytes: &[u8]) -> Result<Grid, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => {
            let (t, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                return Err(SheetError::Encoding { path: path.to_path_buf() });
            }
            t.into_owned()
        }
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut grid = Grid::new();
    for record in reader.records() {
        let record = record.map_err(|source| SheetError::Csv { path: path.to_path_buf(), source })?;
        grid.push(
            record
                .iter()
                .map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f.trim().to_owned()) })
                .collect(),
        );
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_bom_and_in_gbk_read_alike() {
        let utf8 = "项目编号,项目名称\nQL-1,白岩村茶厂\n";
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), utf8.as_bytes()].concat();
        let (gbk, _, _) = encoding_rs::GBK.encode(utf8);
        let a = read_csv(Path::new("a.csv"), utf8.as_bytes()).unwrap();
        assert_eq!(a[1][1], Cell::Text("白岩村茶厂".into()));
        assert_eq!(read_csv(Path::new("a.csv"), &with_bom).unwrap(), a);
        assert_eq!(read_csv(Path::new("a.csv"), &gbk).unwrap(), a);
    }
}
