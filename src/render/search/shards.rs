//! The term shard files (`t/<n>.js`), written from the index's pieces
//! (分片复用).
//!
//! The index is a run of *pieces*, each the postings of consecutive records
//! (a batch's, or those added one by one), and a term's postings in a shard
//! file are its postings in every piece, in order, each piece's first record
//! coded again as a delta from the previous piece's last
//! ([`Builder::merge`](super::index::Builder::merge) does the same). So a
//! shard file is a function of the shard count and, for each piece, the
//! terms it has in that shard: each piece's part of a shard gets a digest,
//! and a shard whose parts all have the digests they had last time is put
//! in place from the last build, not merged, coded and hashed again
//! ([`crate::render::Sink::reuse`]). After one project is edited, only the
//! shards of its terms are written: at 10,000 projects, a few hundred of
//! 2,048.
//!
//! A batch's pieces are kept split by shard ([`encode`]), so a kept piece's
//! digests are read without decoding its postings, and a shard that is
//! written decodes only that piece's part of it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest as _, Sha256};

use super::coding::{append, shard_of, shard_script};
use crate::Error;
use crate::render::Sink;
use crate::render::reuse::RenderKey;

/// A term, its next record number (last record + 1) and its postings.
pub(super) type Term = (String, u32, Vec<u8>);

/// Characters indexed per term shard: a shard then holds about 32 KB
/// (each character gives a single's and a pair's postings, about 6 bytes
/// of a shard file in all: 9.2 million characters made 57 MB at 10,000
/// projects).
/// The count follows from the characters, not the postings' bytes, since
/// those depend (a little) on how the records were batched.
const SHARD_CHARS: u64 = 5120;
/// At most this many shards, however large the site.
const MAX_SHARDS: usize = 1 << 14;

/// The postings of a run of consecutive records.
pub(super) enum Piece {
    /// Indexed in this build: the characters indexed, and its terms in any order.
    Built(u64, Vec<Term>),
    /// Kept from an earlier build ([`encode`]).
    Kept(Kept),
}

/// A kept piece: the memo it is in and where its parts are.
pub(super) struct Kept {
    memo: Arc<Vec<u8>>,
    /// The shard count it was split for, and its size ([`Piece::size`]).
    shards: usize,
    size: u64,
    /// Each non-empty shard's part: shard, digest, bytes in `memo`.
    parts: Vec<(u32, [u8; 32], Range<usize>)>,
}

/// What a kept piece's bytes start with.
#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    shards: u32,
    size: u64,
    /// Shard, digest and length of each part, in shard order.
    parts: Vec<(u32, [u8; 32], u64)>,
}

impl Kept {
    /// The piece encoded in `memo[range]`; `None` when it is not whole.
    pub(super) fn decode(memo: &Arc<Vec<u8>>, range: Range<usize>) -> Option<Kept> {
        let bytes = memo.get(range.clone())?;
        let (header, rest) = postcard::take_from_bytes::<Header>(bytes).ok()?;
        let mut at = range.end - rest.len();
        let mut parts = Vec::with_capacity(header.parts.len());
        for (shard, digest, len) in header.parts {
            let end = at.checked_add(usize::try_from(len).ok()?)?;
            parts.push((shard, digest, at..end));
            at = end;
        }
        (at == range.end).then(|| Kept {
            memo: Arc::clone(memo),
            shards: header.shards as usize,
            size: header.size,
            parts,
        })
    }
}

impl Piece {
    /// The characters indexed: the shard count follows from the sum over
    /// the pieces.
    fn size(&self) -> u64 {
        match self {
            Piece::Built(chars, _) => *chars,
            Piece::Kept(k) => k.size,
        }
    }
}

/// Where a part's terms are.
enum Source {
    Terms(Vec<Term>),
    Kept(Arc<Vec<u8>>, Range<usize>),
}

impl Source {
    fn terms(&self) -> Result<std::borrow::Cow<'_, [Term]>, Error> {
        match self {
            Source::Terms(t) => Ok(std::borrow::Cow::Borrowed(t)),
            Source::Kept(memo, range) => {
                postcard::from_bytes::<Vec<(String, u32, serde_bytes::ByteBuf)>>(&memo[range.clone()])
                    .map(|terms| terms.into_iter().map(|(t, next, postings)| (t, next, postings.into_vec())).collect())
                    .map(std::borrow::Cow::Owned)
                    .map_err(|e| Error::io(std::path::Path::new(super::DIR), std::io::Error::other(e)))
            }
        }
    }
}

/// A piece split for this build's shard count: its non-empty parts, in
/// shard order, each with its digest.
pub(super) struct Split {
    size: u64,
    parts: Vec<(u32, [u8; 32], Source)>,
    /// Whether it was split now (not as kept), so what is kept of it is new.
    pub(super) new: bool,
}

impl Split {
    fn of(piece: Piece, shards: usize) -> Result<Split, Error> {
        let size = piece.size();
        let terms = match piece {
            Piece::Kept(k) if k.shards == shards => {
                let parts = k.parts.into_iter().map(|(s, d, r)| (s, d, Source::Kept(Arc::clone(&k.memo), r))).collect();
                return Ok(Split { size, parts, new: false });
            }
            Piece::Kept(k) => {
                let mut all = Vec::new();
                for (_, _, range) in k.parts {
                    all.extend(Source::Kept(Arc::clone(&k.memo), range).terms()?.into_owned());
                }
                all
            }
            Piece::Built(_, terms) => terms,
        };
        // On every thread: after one edit, splitting the one batch indexed
        // anew (a few hundred thousand terms) was the end of a rebuild's
        // critical path, with nothing else left to run beside it.
        let mut terms: Vec<(usize, Term)> = terms.into_par_iter().map(|t| (shard_of(&t.0, shards), t)).collect();
        terms.par_sort_unstable_by(|a, b| (a.0, &a.1.0).cmp(&(b.0, &b.1.0)));
        let mut parts: Vec<(u32, [u8; 32], Source)> = Vec::new();
        for (shard, term) in terms {
            match parts.last_mut() {
                Some((s, _, Source::Terms(t))) if *s as usize == shard => t.push(term),
                _ => parts.push((shard as u32, [0; 32], Source::Terms(vec![term]))),
            }
        }
        parts.par_iter_mut().for_each(|(_, digest, source)| {
            if let Source::Terms(t) = source {
                *digest = digest_of(t);
            }
        });
        Ok(Split { size, parts, new: true })
    }
}

/// The digest of a part's terms (sorted by term).
fn digest_of(terms: &[Term]) -> [u8; 32] {
    let mut h = Sha256::new();
    for (term, next, postings) in terms {
        h.update((term.len() as u64).to_le_bytes());
        h.update(term.as_bytes());
        h.update(next.to_le_bytes());
        h.update((postings.len() as u64).to_le_bytes());
        h.update(postings);
    }
    h.finalize().into()
}

/// Terms as kept, each one's postings one run of bytes (`serde_bytes`):
/// the same bytes as the tuple's own encoding, read back without a call
/// per byte.
struct Coded<'a>(&'a [Term]);

impl serde::Serialize for Coded<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|(t, next, postings)| (t, next, serde_bytes::Bytes::new(postings))))
    }
}

/// A split piece as kept: a [`Header`], then each part's terms.
pub(super) fn encode(split: &Split, shards: usize) -> Result<Vec<u8>, Error> {
    let err = |e| Error::io(std::path::Path::new(super::DIR), std::io::Error::other(e));
    let mut bodies = Vec::with_capacity(split.parts.len());
    for (_, _, source) in &split.parts {
        bodies.push(match source {
            Source::Kept(memo, range) => memo[range.clone()].to_vec(),
            Source::Terms(t) => postcard::to_stdvec(&Coded(t)).map_err(err)?,
        });
    }
    let header = Header {
        shards: shards as u32,
        size: split.size,
        parts: split.parts.iter().zip(&bodies).map(|((s, d, _), b)| (*s, *d, b.len() as u64)).collect(),
    };
    let mut out = postcard::to_stdvec(&header).map_err(err)?;
    for b in bodies {
        out.extend(b);
    }
    Ok(out)
}

/// The shard count for pieces of `chars` characters in all.
fn shard_count(chars: u64) -> usize {
    let wanted = usize::try_from(chars.div_ceil(SHARD_CHARS)).unwrap_or(MAX_SHARDS);
    wanted.next_power_of_two().clamp(1, MAX_SHARDS)
}

/// Writes the shard files of `pieces` (in record order) into `sink`; with
/// a `seed` (the build's, [`crate::render::reuse::BuildKey::search_seed`]),
/// a shard whose parts are unchanged is put in place from the last build.
/// Returns the shard count and the pieces as split, to keep.
pub(super) fn write(
    sink: &dyn Sink,
    seed: Option<&RenderKey>,
    pieces: Vec<Piece>,
) -> Result<(usize, Vec<Split>), Error> {
    let shards = shard_count(pieces.iter().map(Piece::size).sum());
    let splits = pieces.into_par_iter().map(|p| Split::of(p, shards)).collect::<Result<Vec<_>, Error>>()?;
    let mut members: Vec<Vec<(usize, usize)>> = vec![Vec::new(); shards];
    for (i, split) in splits.iter().enumerate() {
        for (j, (shard, ..)) in split.parts.iter().enumerate() {
            members[*shard as usize].push((i, j));
        }
    }
    // On every thread: on one the shards were a fifth of a rebuild's
    // critical path at 10,000 projects.
    members.par_iter().enumerate().try_for_each(|(shard, members)| {
        let path = format!("{}t/{shard:x}.js", super::DIR);
        let key = seed.map(|seed| {
            let mut h = Sha256::new();
            h.update(seed);
            h.update((shards as u64).to_le_bytes());
            h.update((shard as u64).to_le_bytes());
            for &(i, j) in members {
                h.update(splits[i].parts[j].1);
            }
            let key: RenderKey = h.finalize().into();
            key
        });
        if let Some(key) = &key
            && sink.reuse(&path, key)?
        {
            return Ok(());
        }
        // Every part's terms first, so the merge borrows them, not copies.
        let parts = members.iter().map(|&(i, j)| splits[i].parts[j].2.terms()).collect::<Result<Vec<_>, Error>>()?;
        let mut merged: BTreeMap<&str, (u32, Vec<u8>)> = BTreeMap::new();
        for part in &parts {
            for (term, next, postings) in part.iter() {
                let into = merged.entry(term.as_str()).or_default();
                append(&mut into.0, &mut into.1, *next, postings);
            }
        }
        let bytes = shard_script(shard, merged.iter().map(|(t, (_, p))| (*t, p.as_slice())));
        sink.write(&path, &bytes)?;
        if let Some(key) = key {
            sink.remember(&path, key, bytes.len() as u64);
        }
        Ok::<(), Error>(())
    })?;
    Ok((shards, splits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_kept_in_the_bytes_their_tuples_give_and_read_back() {
        let terms: Vec<Term> = vec![("青".into(), 3, vec![1, 2, 0, 200]), ("青岭".into(), 9, Vec::new())];
        let coded = postcard::to_stdvec(&Coded(&terms)).unwrap();
        assert_eq!(coded, postcard::to_stdvec(&terms).unwrap());
        let memo = Arc::new(coded);
        let source = Source::Kept(Arc::clone(&memo), 0..memo.len());
        assert_eq!(source.terms().unwrap().as_ref(), terms.as_slice());
    }
}
