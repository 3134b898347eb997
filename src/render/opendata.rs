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
use crate::site::SiteModel;
use crate::site::opendata::{self, AssetRecord, ExportProject, ProjectRecord};

/// Writes every open-data file into `sink`, each serialized straight into
/// its file: `projects.json` alone is about 150 MB at 50,000 projects.
///
/// Statuses and names come from the site model, so a row says what the
/// project's page says.
pub fn write(model: &SiteModel<'_>, sink: &dyn Sink) -> Result<(), Error> {
    let data = model.open_data();
    sink.stream(opendata::CASES_JSON, &mut |w| pretty(w, &data.cases))?;
    sink.stream(opendata::GROUPS_JSON, &mut |w| pretty(w, &data.groups))?;
    sink.stream(opendata::FUNDS_JSON, &mut |w| pretty(w, &data.funds))?;
    sink.stream(opendata::PROJECTS_CSV, &mut |w| csv(w, &data.projects))?;
    let records: Vec<ProjectRecord<'_>> = data.projects.iter().map(ExportProject::record).collect();
    sink.stream(opendata::PROJECTS_JSON, &mut |w| pretty(w, &records))?;
    sink.stream(opendata::ASSETS_CSV, &mut |w| asset_csv(w, &data.assets))?;
    sink.stream(opendata::ASSETS_JSON, &mut |w| pretty(w, &data.assets))
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

/// `projects.csv`: the header and each row from the one column list the
/// data dictionary page shows ([`opendata::csv_columns`]).
fn csv(out: &mut dyn Write, projects: &[ExportProject<'_>]) -> io::Result<()> {
    let columns = opendata::csv_columns();
    super::attachment::bom_csv(out, |w| {
        w.write_record(columns.iter().map(|c| c.header.as_str()))?;
        for e in projects {
            w.write_record(columns.iter().map(|c| c.cell(e)))?;
        }
        Ok(())
    })
}
