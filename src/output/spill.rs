//! Writers of the staging folder's streamed files: one that holds the
//! bytes until they are many ([`Spill`]), one that hashes them on the way
//! ([`Hashing`]).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use sha2::{Digest as _, Sha256};

use super::recycle::{clear, create_new};

/// Files larger than this are not held in memory while streamed, and are
/// written even when unchanged: only a few open-data files get this big.
pub(super) const SPILL_AT: usize = 4 << 20;

/// Holds streamed bytes until they pass [`SPILL_AT`], then goes on to disk.
pub(super) struct Spill<'a> {
    pub(super) path: &'a Path,
    /// The bytes so far, while under the limit.
    pub(super) held: Option<Vec<u8>>,
    pub(super) file: Option<fs::File>,
}

impl Write for Spill<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(held) = &mut self.held {
            if held.len() + buf.len() <= SPILL_AT {
                held.extend_from_slice(buf);
                return Ok(buf.len());
            }
            // Never written over: a recycled file may be shared with the live output.
            clear(self.path)?;
            let mut file = create_new(self.path)?;
            file.write_all(held)?;
            self.held = None;
            self.file = Some(file);
        }
        match &mut self.file {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("spilled without a file")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

/// A writer that hashes what passes through it.
pub(super) struct Hashing<W> {
    pub(super) inner: W,
    pub(super) hasher: Sha256,
    /// Bytes through so far.
    pub(super) len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
