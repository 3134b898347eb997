//! How the index files code what they hold: varints (LEB128), the shard
//! of a term, JSON strings and a term shard file's script.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use super::rows::{SCRIPT_TAIL, script_head};

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
///
/// Written straight into the file's bytes: after one edit a rebuild writes
/// a few hundred shards of thousands of terms, and making each term's JSON
/// string and base64 apart was a tenth of the search index's time.
pub(super) fn shard_script<'t>(shard: usize, terms: impl Iterator<Item = (&'t str, &'t [u8])>) -> Vec<u8> {
    let name = format!("t/{shard:x}");
    let mut out = script_head(&name).into_bytes();
    out.push(b'{');
    let mut encoded = String::new();
    for (n, (term, postings)) in terms.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        push_json_str(&mut out, term);
        out.push(b':');
        encoded.clear();
        B64.encode_string(postings, &mut encoded);
        // Base64 needs no escaping: only its quotes.
        out.push(b'"');
        out.extend_from_slice(encoded.as_bytes());
        out.push(b'"');
    }
    out.push(b'}');
    out.extend_from_slice(SCRIPT_TAIL);
    out
}

/// `s` as a JSON string.
pub(super) fn json_str(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    push_json_str(&mut out, s);
    // serde_json writes valid UTF-8 for a `str`.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file is what the one-value-at-a-time coding made: the script
    /// head, a JSON object of each term's base64 postings, the tail.
    #[test]
    fn a_shard_script_is_its_terms_as_a_json_object_in_the_loader_call() {
        // In term order, as a shard gives them (and a JSON map keeps them).
        let terms = [("a\"b", &[][..]), ("x", &[7u8][..]), ("青岭", &[1u8, 2, 200][..])];
        let bytes = shard_script(10, terms.iter().copied());
        let text = String::from_utf8(bytes).unwrap();
        let object: serde_json::Map<String, serde_json::Value> =
            terms.iter().map(|(t, p)| ((*t).to_owned(), serde_json::Value::from(B64.encode(p)))).collect();
        let want = format!("gongshiSearch(\"t/a\",{});\n", serde_json::Value::from(object));
        assert_eq!(text, want);
        assert_eq!(json_str("a\"\n青"), serde_json::Value::from("a\"\n青").to_string());
    }
}
