//! The 附件 of a 项目库公告: its 明细表 as a spreadsheet (`mingxibiao.xlsx`)
//! and as CSV (`mingxibiao.csv`), written next to its page from the rows of
//! the site model ([`DetailTable`]), the same rows the page shows.
//!
//! Both are deterministic: the spreadsheet's creation date is the
//! announcement's date, and the writer stamps no other time.

use std::io::{self, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use serde::Serialize;

use crate::Error;
use crate::render::Sink;
use crate::site::{Attachment, AttachmentFormat, Cell, Sheet};

/// An attachment as the page lists it: its link, name, format and size.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// Site path.
    pub url: String,
    /// 附件名称.
    pub title: String,
    /// Format label.
    pub format: &'static str,
    /// Size in words (`8.4 KB`).
    pub size: String,
}

/// Writes `attachments`, each a form of `table`, into `sink` and says what
/// was written, for the page to list with their sizes.
pub fn write(attachments: &[Attachment], table: &Sheet, sink: &dyn Sink) -> Result<Vec<Written>, Error> {
    attachments
        .iter()
        .map(|att| {
            let bytes = match att.format {
                AttachmentFormat::Xlsx => {
                    xlsx(table).map_err(|source| Error::Spreadsheet { path: att.url.clone(), source })?
                }
                AttachmentFormat::Csv => {
                    let mut out = Vec::new();
                    csv(&mut out, table).map_err(|source| Error::io(&att.url, source))?;
                    out
                }
            };
            sink.write(&att.url, &bytes)?;
            Ok(Written {
                url: att.url.clone(),
                title: att.title.clone(),
                format: att.format_label,
                size: size(bytes.len()),
            })
        })
        .collect()
}

/// The 明细表 as an `.xlsx` workbook: the title in the first row, the header
/// in the second, then one row a project; amounts as numbers in 万元 with
/// four decimals (six where an amount is finer). Set up to print landscape on A4, one page wide, the header
/// repeated on every page.
pub fn xlsx(t: &Sheet) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = t.date;
    let created = ExcelDateTime::from_ymd(u16::try_from(y).unwrap_or(1900), m, d)?;
    book.set_properties(&DocProperties::new().set_title(&t.title).set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name("明细表")?;
    sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let text =
        Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(rust_xlsxwriter::FormatBorder::Thin);
    // Four decimals always, six (to the 分) where the amount has them.
    let wan = text.clone().set_num_format("0.0000##");
    let header = &t.header;
    let last = u16::try_from(header.len().saturating_sub(1)).unwrap_or(0);
    sheet.merge_range(0, 0, 0, last, &t.title, &title)?;
    for (col, h) in (0u16..).zip(header) {
        sheet.write_string_with_format(1, col, *h, &head)?;
        sheet.set_column_width(col, width(h))?;
    }
    sheet.set_repeat_rows(1, 1)?;
    sheet.set_freeze_panes(2, 0)?;
    for (row, cells) in (2u32..).zip(&t.rows) {
        for (col, cell) in (0u16..).zip(cells.iter().cloned()) {
            match cell {
                Cell::Text(s) => sheet.write_string_with_format(row, col, s, &text)?,
                Cell::Wan(n, _) => sheet.write_number_with_format(row, col, n, &wan)?,
                Cell::Count(n) => sheet.write_number_with_format(row, col, n as f64, &text)?,
            };
        }
    }
    book.save_to_buffer()
}

/// Column width (in characters) by header: the long texts wide, codes narrow.
fn width(header: &str) -> f64 {
    match header {
        "序号" => 5.0,
        "调整类型" | "建设性质" => 8.0,
        "项目名称" | "建设任务" | "筹资方式（万元）" | "绩效目标" | "利益联结机制" => 30.0,
        "资金规模（万元）" | "计划投资（万元）" | "已分配（万元）" | "已支付（万元）" | "分配金额（万元）" => {
            12.0
        }
        "开工" | "竣工" | "验收" | "支付进度" => 8.0,
        _ => 16.0,
    }
}

/// The 明细表 as CSV, UTF-8 with a byte-order mark like `/data/projects.csv`
/// (so Excel and WPS open it as UTF-8): the header row, then one row a
/// project; amounts in 万元, exact, with at least four decimals.
pub fn csv(out: &mut dyn Write, t: &Sheet) -> io::Result<()> {
    bom_csv(out, |w| {
        w.write_record(&t.header)?;
        for cells in &t.rows {
            w.write_record(cells.iter().cloned().map(|c| match c {
                Cell::Text(s) => s,
                Cell::Wan(_, exact) => exact,
                Cell::Count(n) => n.to_string(),
            }))?;
        }
        Ok(())
    })
}

/// A CSV file as the site writes every one: UTF-8 with a byte-order mark, so
/// Excel and WPS open it as UTF-8; `fill` writes the records.
pub(crate) fn bom_csv(
    out: &mut dyn Write,
    fill: impl FnOnce(&mut csv::Writer<&mut dyn Write>) -> csv::Result<()>,
) -> io::Result<()> {
    out.write_all(&[0xEF, 0xBB, 0xBF])?;
    let mut w = csv::Writer::from_writer(out);
    fill(&mut w).map_err(io::Error::other)?;
    w.flush()
}

/// A file size as a reader takes it in: bytes below 1 KB, else KB or MB
/// with one decimal.
pub fn size(bytes: usize) -> String {
    match bytes {
        0..1024 => format!("{bytes} 字节"),
        1024..1_048_576 => format!("{:.1} KB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_bytes_kb_or_mb() {
        assert_eq!(size(512), "512 字节");
        assert_eq!(size(8602), "8.4 KB");
        assert_eq!(size(3 * 1_048_576), "3.0 MB");
    }
}
