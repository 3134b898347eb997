//! One ledger row as the importer reads it: its cells by column, the
//! problems found so far, and what a converted row becomes. The conversion
//! itself is [`super::record`]; the procedure columns are [`super::procedure`].

use super::columns::Field;
use super::sheet::Cell;
use super::value::{self, CellError};

/// One problem of one row: the column's header as written (if one) and the message.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) column: Option<String>,
    pub(crate) message: String,
}

/// A row turned into a project file.
pub(crate) struct Draft {
    /// The 项目编号 of the ledger; `None` when it gives none (one is generated).
    pub(crate) id: Option<String>,
    pub(crate) name: String,
    pub(crate) year: i32,
    /// The file after its `id:` line.
    pub(crate) body: String,
    /// The project keys the row did not give (`not_given`).
    pub(crate) not_given: Vec<crate::domain::disclosure::NotGiven>,
    /// What was derived rather than read, or read loosely (warnings of the report).
    pub(crate) notes: Vec<String>,
}

/// The row with its columns: `(field, header, cell)`.
pub(crate) struct Row<'a> {
    pub(crate) cells: Vec<(Field, &'a str, &'a Cell)>,
    pub(crate) problems: Vec<Problem>,
    /// The label of the section row above (一、产业项目 → 产业项目).
    pub(crate) section: Option<&'a str>,
    pub(crate) notes: Vec<String>,
}

impl<'a> Row<'a> {
    pub(crate) fn find(&self, f: Field) -> Option<(&'a str, &'a Cell)> {
        self.cells.iter().find(|(g, _, c)| *g == f && !c.is_empty()).map(|(_, h, c)| (*h, *c))
    }

    pub(crate) fn header(&self, f: Field) -> Option<&'a str> {
        self.cells.iter().find(|(g, _, _)| *g == f).map(|(_, h, _)| *h)
    }

    /// Whether the ledger has a column for `f` at all.
    pub(crate) fn has(&self, f: Field) -> bool {
        self.header(f).is_some()
    }

    pub(crate) fn note(&mut self, message: String) {
        self.notes.push(message);
    }

    pub(crate) fn problem(&mut self, column: Option<&str>, message: String) {
        self.problems.push(Problem { column: column.map(str::to_owned), message });
    }

    /// A required text; reports an empty cell.
    pub(crate) fn req_text(&mut self, f: Field, what: &str) -> Option<String> {
        match self.find(f) {
            Some((_, c)) => value::text(c),
            None => {
                let h = self.header(f).map(str::to_owned);
                self.problem(h.as_deref(), format!("{what}为空"));
                None
            }
        }
    }

    pub(crate) fn opt_text(&self, f: Field) -> Option<String> {
        self.find(f).and_then(|(_, c)| value::text(c))
    }

    /// Reads a cell with `read`, reporting its error under the column's header.
    pub(crate) fn read<T>(&mut self, f: Field, read: impl Fn(&Cell) -> Result<T, CellError>) -> Option<T> {
        let (h, c) = self.find(f)?;
        read(c).map_err(|e| self.problem(Some(h), e.to_string())).ok()
    }

    pub(crate) fn req<T>(&mut self, f: Field, what: &str, read: impl Fn(&Cell) -> Result<T, CellError>) -> Option<T> {
        if self.find(f).is_none() {
            let h = self.header(f).map(str::to_owned);
            self.problem(h.as_deref(), format!("{what}为空"));
            return None;
        }
        self.read(f, read)
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
pub(crate) fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}
