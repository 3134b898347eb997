//! The mask choice of a QR code, made fast.
//!
//! ISO/IEC 18004 has the encoder try all eight mask patterns and keep the
//! one with the lowest penalty (long runs, 2×2 blocks, finder-like
//! patterns, dark/light balance), so that a code never looks like a finder
//! pattern or a blank area to a reader. qrcodegen does exactly that, module
//! by module, and at 10,000 projects that choice was a tenth of a build's
//! CPU. Here the code is encoded once with mask 0, unmasked, and each mask's
//! matrix is scored on 64-bit rows and columns with qrcodegen's own penalty
//! rules; the caller then encodes with the winning mask. The choice equals
//! qrcodegen's (tested on codes of many versions below), so the printed
//! codes are the ones qrcodegen would have drawn.

use qrcodegen::{QrCode, QrCodeEcc};

/// Codes up to this size (version 11) fit a row in a `u64`.
pub const MAX_SIZE: i32 = 64;

const N1: i32 = 3;
const N2: i32 = 3;
const N3: i32 = 40;
const N4: i32 = 10;

/// The matrix as rows and columns of bits (bit x of row y is module (x, y)).
#[derive(Clone)]
struct Bits {
    rows: Vec<u64>,
    cols: Vec<u64>,
}

impl Bits {
    fn new(size: i32) -> Self {
        Bits { rows: vec![0; size as usize], cols: vec![0; size as usize] }
    }

    fn put(&mut self, x: i32, y: i32, dark: bool) {
        let (rx, ry) = (1u64 << x, 1u64 << y);
        if dark {
            self.rows[y as usize] |= rx;
            self.cols[x as usize] |= ry;
        } else {
            self.rows[y as usize] &= !rx;
            self.cols[x as usize] &= !ry;
        }
    }
}

/// The mask (0–7) qrcodegen would choose for the code whose mask-0 encoding
/// is `code0` (same text, error-correction level and version); `None` for
/// codes larger than [`MAX_SIZE`].
#[cfg(test)]
pub fn best(code0: &QrCode) -> Option<u8> {
    choose(code0).map(|(mask, _)| mask)
}

/// [`best`] with the winning matrix as bit rows (bit x of row y is module
/// (x, y), set when dark), so the caller need not encode again.
pub fn choose(code0: &QrCode) -> Option<(u8, Vec<u64>)> {
    let size = code0.size();
    if size > MAX_SIZE || code0.mask().value() != 0 {
        return None;
    }
    let data = data_modules(code0.version().value(), size);
    let ecl = match code0.error_correction_level() {
        QrCodeEcc::Low => 1,
        QrCodeEcc::Medium => 0,
        QrCodeEcc::Quartile => 3,
        QrCodeEcc::High => 2,
    };
    let (pat_rows, pat_cols) = patterns();
    let mut masked0 = Bits::new(size);
    for y in 0..size {
        for x in 0..size {
            masked0.put(x, y, code0.get_module(x, y));
        }
    }
    // Mask k's matrix is mask 0's with the data modules where the two
    // patterns differ flipped, and its own format bits.
    let mut best = (i32::MAX, 0u8, Vec::new());
    let mut m = masked0.clone();
    for mask in 0u8..8 {
        for (i, (row, out)) in masked0.rows.iter().zip(&mut m.rows).enumerate() {
            let flip = (pat_rows[0][i % 12] ^ pat_rows[usize::from(mask)][i % 12]) & data.rows[i];
            *out = row ^ flip;
        }
        for (i, (col, out)) in masked0.cols.iter().zip(&mut m.cols).enumerate() {
            let flip = (pat_cols[0][i % 12] ^ pat_cols[usize::from(mask)][i % 12]) & data.cols[i];
            *out = col ^ flip;
        }
        format_bits(&mut m, size, ecl, mask);
        let score = penalty(&m, size);
        if score < best.0 {
            best = (score, mask, m.rows.clone());
        }
    }
    Some((best.1, best.2))
}

/// Per mask, 12 lines of bits that repeat across the matrix.
type Periodic = [[u64; 12]; 8];

/// The mask patterns as bit rows (`[mask][y % 12]`, bit x) and columns
/// (`[mask][x % 12]`, bit y): every pattern repeats every 12 rows and columns.
fn patterns() -> &'static (Periodic, Periodic) {
    static PATTERNS: std::sync::OnceLock<(Periodic, Periodic)> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        let (mut rows, mut cols) = ([[0u64; 12]; 8], [[0u64; 12]; 8]);
        for mask in 0..8u8 {
            for i in 0..12 {
                for j in 0..64 {
                    if pattern(mask, j, i) {
                        rows[usize::from(mask)][i as usize] |= 1 << j;
                    }
                    if pattern(mask, i, j) {
                        cols[usize::from(mask)][i as usize] |= 1 << j;
                    }
                }
            }
        }
        (rows, cols)
    })
}

/// qrcodegen's mask patterns: true where the module is inverted.
fn pattern(mask: u8, x: i32, y: i32) -> bool {
    match mask {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3) % 2 == 0,
        _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
    }
}

/// The modules a mask applies to: all but the function patterns (finders
/// with separators, timing, alignment, format and version information).
fn data_modules(version: u8, size: i32) -> Bits {
    let mut func = Bits::new(size);
    let mut mark = |x: i32, y: i32| {
        if (0..size).contains(&x) && (0..size).contains(&y) {
            func.put(x, y, true);
        }
    };
    for i in 0..size {
        mark(6, i);
        mark(i, 6);
    }
    for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
        for dy in -4..=4 {
            for dx in -4..=4 {
                mark(cx + dx, cy + dy);
            }
        }
    }
    let align = alignment_positions(version, size);
    let n = align.len();
    for (i, &ax) in align.iter().enumerate() {
        for (j, &ay) in align.iter().enumerate() {
            // The three finder corners have no alignment pattern.
            let corner = (i == 0 && (j == 0 || j == n - 1)) || (i == n - 1 && j == 0);
            if !corner {
                for dy in -2..=2 {
                    for dx in -2..=2 {
                        mark(ax + dx, ay + dy);
                    }
                }
            }
        }
    }
    for i in 0..=8 {
        mark(8, i);
        mark(i, 8);
    }
    for i in 0..8 {
        mark(size - 1 - i, 8);
        mark(8, size - 1 - i);
    }
    if version >= 7 {
        for i in 0..18 {
            mark(size - 11 + i % 3, i / 3);
            mark(i / 3, size - 11 + i % 3);
        }
    }
    let full = if size == 64 { u64::MAX } else { (1u64 << size) - 1 };
    Bits { rows: func.rows.iter().map(|r| !r & full).collect(), cols: func.cols.iter().map(|c| !c & full).collect() }
}

/// qrcodegen's alignment pattern centres for a version.
fn alignment_positions(version: u8, size: i32) -> Vec<i32> {
    if version == 1 {
        return Vec::new();
    }
    let n = i32::from(version) / 7 + 2;
    let step = (i32::from(version) * 8 + n * 3 + 5) / (n * 4 - 4) * 2;
    let mut out: Vec<i32> = (0..n - 1).map(|i| size - 7 - i * step).collect();
    out.push(6);
    out.reverse();
    out
}

/// Draws the format information of (`ecl`, `mask`), as qrcodegen does.
fn format_bits(m: &mut Bits, size: i32, ecl: u32, mask: u8) {
    let data = ecl << 3 | u32::from(mask);
    let mut rem = data;
    for _ in 0..10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    }
    let bits = (data << 10 | rem) ^ 0x5412;
    let bit = |i: i32| bits >> i & 1 == 1;
    for i in 0..6 {
        m.put(8, i, bit(i));
    }
    m.put(8, 7, bit(6));
    m.put(8, 8, bit(7));
    m.put(7, 8, bit(8));
    for i in 9..15 {
        m.put(14 - i, 8, bit(i));
    }
    for i in 0..8 {
        m.put(size - 1 - i, 8, bit(i));
    }
    for i in 8..15 {
        m.put(8, size - 15 + i, bit(i));
    }
    m.put(8, size - 8, true);
}

/// qrcodegen's penalty score (`get_penalty_score`), on bit rows.
fn penalty(m: &Bits, size: i32) -> i32 {
    let mut result: i32 = m.rows.iter().chain(&m.cols).map(|&line| line_penalty(line, size)).sum();
    let inner = (1u64 << (size - 1)) - 1;
    for pair in m.rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let same = !(a ^ b) & !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & inner;
        result += same.count_ones() as i32 * N2;
    }
    let dark: i32 = m.rows.iter().map(|r| r.count_ones() as i32).sum();
    let total = size * size;
    let k = ((dark * 20 - total * 10).abs() + total - 1) / total - 1;
    result + k * N4
}

/// Runs of five or more, and finder-like patterns, in one row or column:
/// qrcodegen's run loop, taken a whole run at a time.
fn line_penalty(line: u64, size: i32) -> i32 {
    let mut result = 0;
    let mut history = [0i32; 7];
    let add = |history: &mut [i32; 7], mut run: i32| {
        if history[0] == 0 {
            run += size; // the light border before the line
        }
        // Shifted one by one, not with copy_within: the overlapping copy
        // through memory stalled on every run.
        *history = [run, history[0], history[1], history[2], history[3], history[4], history[5]];
    };
    let count = |h: &[i32; 7]| {
        let n = h[1];
        let core = n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n;
        i32::from(core && h[0] >= n * 4 && h[6] >= n) + i32::from(core && h[6] >= n * 4 && h[0] >= n)
    };
    let (mut color, mut run, mut x) = (false, 0, 0);
    while x < size {
        let dark = line >> x & 1 == 1;
        let rest = if dark { !(line >> x) } else { line >> x };
        let len = (rest.trailing_zeros() as i32).min(size - x);
        if len >= 5 {
            result += N1 + (len - 5);
        }
        if dark == color {
            run += len;
        } else {
            add(&mut history, run);
            if !color {
                result += count(&history) * N3;
            }
            color = dark;
            run = len;
        }
        x += len;
    }
    if color {
        add(&mut history, run);
        run = 0;
    }
    add(&mut history, run + size);
    result + count(&history) * N3
}

#[cfg(test)]
mod tests {
    use qrcodegen::{Mask, QrSegment, Version};

    use super::*;

    fn with_mask(text: &str, ecl: QrCodeEcc, mask: Option<Mask>) -> QrCode {
        let segs = QrSegment::make_segments(text);
        QrCode::encode_segments_advanced(&segs, ecl, Version::MIN, Version::MAX, mask, true).unwrap()
    }

    #[test]
    fn chooses_what_qrcodegen_chooses() {
        let eccs = [QrCodeEcc::Low, QrCodeEcc::Medium, QrCodeEcc::Quartile, QrCodeEcc::High];
        let mut versions = std::collections::BTreeSet::new();
        let mut masks = std::collections::BTreeSet::new();
        for i in 0..400usize {
            // URLs of many lengths: versions 1 to 11.
            let text = format!("https://x.gov.cn/{}/projects/QL-{i:04}/", "p".repeat(i % 190));
            let ecl = eccs[i % 4];
            let auto = with_mask(&text, ecl, None);
            if auto.size() > MAX_SIZE {
                continue;
            }
            let chosen = best(&with_mask(&text, ecl, Some(Mask::new(0)))).unwrap();
            assert_eq!(chosen, auto.mask().value(), "{text} at {ecl:?}");
            versions.insert(auto.version().value());
            masks.insert(chosen);
        }
        assert!(versions.len() >= 8 && versions.contains(&7), "versions tried: {versions:?}");
        assert!(masks.len() >= 6, "masks chosen: {masks:?}");
    }

    #[test]
    fn large_codes_are_left_to_qrcodegen() {
        let text = "x".repeat(400);
        let code = with_mask(&text, QrCodeEcc::Medium, Some(Mask::new(0)));
        assert!(code.size() > MAX_SIZE);
        assert_eq!(best(&code), None);
    }
}
