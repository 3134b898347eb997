//! Open data: `/data/projects.csv` (UTF-8 with BOM, so Excel opens it),
//! `/data/projects.json`, `/data/groups.json`, `/data/cases.json`, `/data/funds.json`, and the
//! asset ledger's `/data/assets.csv` and `/data/assets.json`. All public
//! fields plus the derived status; never private contacts or objectors.
//!
//! The CSV is for a clerk with Excel: names instead of codes, one column per
//! funding source, dates Excel recognises; its columns are defined once in
//! `site::opendata`, which the data dictionary page (`/data/`) lists too. The
//! JSON keeps the content's codes and adds the names beside them.

use std::io::{self, Write};

use serde::Serialize;

use crate::Error;
use crate::render::Sink;
use crate::render::reuse::BuildKey;
use crate::site::SiteModel;
use crate::site::opendata::{self, AssetRecord, ExportProject, ProjectRecord};

/// Writes every open-data file into `sink`, each serialized straight into
/// its file: `projects.json` alone is about 150 MB at 50,000 projects.
///
/// Statuses and names come from the site model, so a row says what the
/// project's page says.
///
/// The projects' lines are made a batch at a time; with a `build_key`,
/// in a rebuild, each batch's bytes are kept as a memo under the inputs of
/// its projects ([`BuildKey::open_data_batch`]), so a rebuild after one
/// edit serializes one batch again, not 10,000 records.
pub fn write(model: &SiteModel<'_>, sink: &dyn Sink, build_key: Option<&BuildKey>) -> Result<(), Error> {
    let data = model.open_data();
    sink.stream(opendata::CASES_JSON, &mut |w| pretty(w, &data.cases))?;
    sink.stream(opendata::GROUPS_JSON, &mut |w| pretty(w, &data.groups))?;
    sink.stream(opendata::FUNDS_JSON, &mut |w| pretty(w, &data.funds))?;
    // Only a rebuild keeps the projects' lines: a build into an empty folder
    // would write 40 MB of them at 10,000 projects to save the next build
    // 0.2 s, and the first rebuild keeps them anyway. Under `serve` they are
    // kept in memory, which they take up after the first edit anyway, and
    // the first edit then need not make them all.
    let build_key = build_key.filter(|_| sink.replaces_output() || sink.keeps_memos_in_memory());
    let inputs = build_key.map(|_| model.open_data_inputs(&data));
    let batches = Batches { projects: &data.projects, inputs: inputs.as_deref(), build_key, sink };
    let columns = opendata::csv_columns();
    sink.stream(opendata::PROJECTS_CSV, &mut |out| {
        super::attachment::bom_csv(out, |w| w.write_record(columns.iter().map(|c| c.header.as_str())))?;
        batches.each(opendata::PROJECTS_CSV, out, &|projects| csv_rows(projects, &columns))
    })?;
    sink.stream(opendata::PROJECTS_JSON, &mut |out| {
        if data.projects.is_empty() {
            return out.write_all(b"[]\n");
        }
        // serde_json's pretty array: "[\n", the elements at one indent
        // joined by ",\n", "\n]". A batch's part is its own pretty array
        // without the brackets.
        out.write_all(b"[\n")?;
        batches.each(opendata::PROJECTS_JSON, out, &|projects| {
            let records: Vec<ProjectRecord<'_>> = projects.iter().map(ExportProject::record).collect();
            pretty_part(&records)
        })?;
        out.write_all(b"\n]\n")
    })?;
    sink.stream(opendata::ASSETS_CSV, &mut |w| asset_csv(w, &data.assets))?;
    sink.stream(opendata::ASSETS_JSON, &mut |w| pretty(w, &data.assets))
}

/// Projects per batch of an open-data file's lines.
const BATCH: usize = 256;

/// The projects of the open-data files, a batch at a time.
struct Batches<'d, 'a> {
    projects: &'d [ExportProject<'a>],
    /// Each project's input digest, when its lines may be kept.
    inputs: Option<&'d [crate::site::InputKey]>,
    build_key: Option<&'d BuildKey>,
    sink: &'d dyn Sink,
}

impl Batches<'_, '_> {
    /// Writes each batch's part of `file`, made by `make` or kept from an
    /// earlier build; JSON parts are joined by ",\n".
    fn each(
        &self,
        file: &str,
        out: &mut dyn Write,
        make: &dyn Fn(&[ExportProject<'_>]) -> io::Result<Vec<u8>>,
    ) -> io::Result<()> {
        for (n, projects) in self.projects.chunks(BATCH).enumerate() {
            if n > 0 && file == opendata::PROJECTS_JSON {
                out.write_all(b",\n")?;
            }
            let key = self.build_key.zip(self.inputs).map(|(b, inputs)| {
                let start = n * BATCH;
                b.open_data_batch(file, &inputs[start..start + projects.len()])
            });
            if let Some(kept) = key.as_ref().and_then(|k| self.sink.memo(k)) {
                out.write_all(&kept)?;
                continue;
            }
            let part = make(projects)?;
            out.write_all(&part)?;
            if let Some(key) = &key {
                self.sink.keep_memo(key, &part);
            }
        }
        Ok(())
    }
}

/// The elements of a pretty JSON array of `items` (not empty), as they
/// stand in a longer one: each at one indent, joined by ",\n".
fn pretty_part<T: Serialize>(items: &[T]) -> io::Result<Vec<u8>> {
    let array = serde_json::to_vec_pretty(items)?;
    let inner = array.strip_prefix(b"[\n").and_then(|a| a.strip_suffix(b"\n]"));
    inner.map(<[u8]>::to_vec).ok_or_else(|| io::Error::other("not a pretty JSON array"))
}

/// The rows of `projects.csv` for `projects`.
fn csv_rows(projects: &[ExportProject<'_>], columns: &[opendata::Column]) -> io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for e in projects {
        w.write_record(columns.iter().map(|c| c.cell(e)))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// `assets.csv`: the header and each row from [`opendata::asset_columns`].
fn asset_csv(out: &mut dyn Write, assets: &[AssetRecord<'_>]) -> io::Result<()> {
    let columns = opendata::asset_columns();
    super::attachment::bom_csv(out, |w| {
        w.write_record(columns.iter().map(|c| c.header.as_str()))?;
        for a in assets {
            w.write_record(columns.iter().map(|c| c.asset_cell(a)))?;
        }
        Ok(())
    })
}

fn pretty<T: Serialize>(w: &mut dyn Write, v: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, v)?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of `projects.json` joined as `write` joins them are the
    /// pretty array of all the records at once.
    #[test]
    fn batches_of_a_pretty_array_join_into_the_whole() {
        let items: Vec<serde_json::Value> = (0..7)
            .map(|i| serde_json::json!({ "id": format!("P-{i}"), "n": [i, i + 1], "sub": { "x": "名" } }))
            .collect();
        for per in [1, 2, 3, 7] {
            let mut joined = b"[\n".to_vec();
            for (n, chunk) in items.chunks(per).enumerate() {
                if n > 0 {
                    joined.extend_from_slice(b",\n");
                }
                joined.extend(pretty_part(chunk).unwrap());
            }
            joined.extend_from_slice(b"\n]");
            assert_eq!(String::from_utf8(joined).unwrap(), serde_json::to_string_pretty(&items).unwrap(), "{per}");
        }
    }
}
