//! How the index files code what they hold: varints (LEB128), the shard
//! of a term, JSON strings and a term shard file's script.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use super::rows::script;

/// The shard of a term: FNV-1a over its code points, masked.
pub fn shard_of(term: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for c in term.chars() {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize & (shards - 1)
}

/// The varint at the start of `bytes` and its length in bytes.
pub(super) fn read_varint(bytes: &[u8]) -> (u32, usize) {
    let mut v = 0u32;
    for (i, b) in bytes.iter().enumerate() {
        v |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return (v, i + 1);
        }
    }
    (v, bytes.len())
}

/// Appends one term's postings of a later run of records (`postings`, its
/// first record coded from −1, its last record `next` − 1) to the term's
/// postings so far (`into`, the last record `*into_next` − 1): only the
/// later run's first record number is coded again, as a delta.
pub(super) fn append(into_next: &mut u32, into: &mut Vec<u8>, next: u32, postings: &[u8]) {
    // `first` is the record number + 1 of the later run's first record.
    let (first, len) = read_varint(postings);
    varint(into, first - *into_next);
    into.extend_from_slice(&postings[len..]);
    *into_next = next;
}

pub(super) fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A term shard file: its terms (sorted) with their postings.
pub(super) fn shard_script<'t>(shard: usize, terms: impl Iterator<Item = (&'t str, &'t [u8])>) -> Vec<u8> {
    let mut coded = String::from("{");
    for (term, postings) in terms {
        if coded.len() > 1 {
            coded.push(',');
        }
        coded.push_str(&json_str(term));
        coded.push(':');
        coded.push_str(&json_str(&B64.encode(postings)));
    }
    coded.push('}');
    script(&format!("t/{shard:x}"), &coded)
}

pub(super) fn json_str(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}
