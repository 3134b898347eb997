//! What one build keeps for the next in the same process.

use std::path::PathBuf;

use super::{MadeSpare, SparePlan};

/// What one build keeps for the next in the same process (`serve`), so the
/// next need not read it back: the parse cache ([`crate::load::cache`]);
/// for a preview also the files' typed readings and the output's state.
#[derive(Debug)]
pub struct Memory {
    /// The running program's identity (see [`program_identity`]).
    pub(super) program: Vec<u8>,
    pub(super) parsed: Option<crate::load::ParseCache>,
    /// The output folder of a build that keeps its state beside it
    /// (`build`): a changed parse cache is written there after the load
    /// rather than kept here, and what the last build left there is read.
    pub(super) on_disk: Option<PathBuf>,
    /// The thread writing the parse cache there.
    pub(super) parsed_writing: Option<std::thread::JoinHandle<()>>,
    /// The thread reading what the last build left there.
    pub(super) last_output: Option<std::thread::JoinHandle<crate::output::LastOutput>>,
    /// Whether the last output's published pages are checked
    /// (`published-removed`); not for a preview, which publishes nothing.
    pub(super) check_published: bool,
    /// Whether the output's state is kept here rather than beside it
    /// ([`crate::output::Remembered`]): for a folder only this process writes.
    pub(super) keeps_output: bool,
    pub(super) output: Option<crate::output::Remembered>,
    /// Each record file's typed reading, when kept ([`crate::load::Reads`]).
    pub(super) reads: Option<crate::load::Reads>,
}

impl Default for Memory {
    fn default() -> Memory {
        Memory {
            program: program_identity(),
            parsed: None,
            on_disk: None,
            parsed_writing: None,
            last_output: None,
            check_published: true,
            keeps_output: false,
            output: None,
            reads: None,
        }
    }
}

impl Memory {
    /// For `serve`'s rebuilds into its own folder: removing a project there
    /// is no removal from the published site, and nothing but this process
    /// writes there, so what the last build wrote is kept in memory.
    pub fn for_preview() -> Memory {
        Memory {
            check_published: false,
            keeps_output: true,
            reads: Some(crate::load::Reads::default()),
            ..Memory::default()
        }
    }

    /// As [`Memory::for_preview`], trusting a record file's metadata once it
    /// is older than a load by `settled` (see [`crate::load::Reads`]).
    pub fn for_preview_settling_after(settled: std::time::Duration) -> Memory {
        Memory { reads: Some(crate::load::Reads::settling_after(settled)), ..Memory::for_preview() }
    }

    /// The spare to make for the last build's output while nothing is
    /// being built, when it has none (see [`crate::output::SparePlan`]).
    pub fn spare_plan(&self) -> Option<SparePlan> {
        self.output.as_ref().filter(|_| self.keeps_output)?.spare_plan()
    }

    /// Makes ahead what the next build would make first from the kept
    /// output's state ([`crate::output::Remembered::prepare`]): for `serve`,
    /// after the reload, while nothing is being built.
    pub fn prepare(&mut self) {
        if let Some(output) = &mut self.output {
            output.prepare();
        }
    }

    /// Tells the next build which paths a file watcher saw change since the
    /// last build began, `None` when it cannot tell ([`crate::load::Reads::saw`]).
    pub fn saw(&mut self, paths: Option<Vec<PathBuf>>) {
        if let Some(reads) = &mut self.reads {
            reads.saw(paths);
        }
    }

    /// Takes a spare made from [`Memory::spare_plan`] for the next build.
    pub fn take_spare(&mut self, made: MadeSpare) {
        if let Some(output) = &mut self.output {
            output.take_spare(made);
        }
    }
}

/// The running program, for what is kept between builds (parse cache,
/// render keys): a rebuilt gongshi may parse or render the same input
/// otherwise. Its version, path, size and modification time change with
/// every build of it, and reading them costs one stat. Empty when it cannot
/// be told; then nothing is kept.
pub fn program_identity() -> Vec<u8> {
    let identity = || -> Option<Vec<u8>> {
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(&exe).ok()?;
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        let mut id = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
        id.push(0);
        id.extend_from_slice(exe.to_string_lossy().as_bytes());
        id.push(0);
        id.extend_from_slice(&meta.len().to_le_bytes());
        id.extend_from_slice(&modified.as_nanos().to_le_bytes());
        Some(id)
    };
    identity().unwrap_or_default()
}
