//! Lower-case hex of digests (十六进制): the manifest's lines, the render
//! keys' file, the memos' names and a keyed view's stand-in all write
//! SHA-256 digests this way, many thousands per build.
//!
//! By hand, not `format!("{:02x}")` per byte (32 formatter calls a digest
//! showed in profiles) and not a crate: none of the hex crates is among
//! the dependencies, and this is the whole of it.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Appends the hex of `bytes` to `out`.
pub fn push(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() * 2);
    for b in bytes {
        out.extend([DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]]);
    }
}

/// The hex of `bytes`.
pub fn string(bytes: &[u8]) -> String {
    bytes
        .iter()
        .flat_map(|b| [char::from(DIGITS[usize::from(b >> 4)]), char::from(DIGITS[usize::from(b & 15)])])
        .collect()
}

/// The hex of a SHA-256 digest, without allocating.
pub fn digest(bytes: &[u8; 32]) -> [u8; 64] {
    let mut out = [0u8; 64];
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 15)];
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn digests_are_written_as_format_writes_lower_case_hex() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 37 + 5) as u8);
        let want: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(super::string(&bytes), want);
        assert_eq!(super::digest(&bytes).as_slice(), want.as_bytes());
        let mut out = b"x".to_vec();
        super::push(&mut out, &bytes[..3]);
        assert_eq!(out, format!("x{}", &want[..6]).into_bytes());
    }
}
