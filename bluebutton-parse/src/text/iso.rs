//! ISO 8601 text for the dates the text readers find, written digit by digit.

/// Separators written before each part: year, month, day, hour, minute, second.
const SEPARATORS: [&str; 6] = ["", "-", "-", "T", ":", ":"];

/// ISO 8601 text from date-time parts, widest first: year, month, day, hour, minute,
/// second (`[2013, 7, 3, 9, 56]` gives `2013-07-03T09:56`). The year is zero-padded to
/// four digits and the other parts to two; each part must fit its width.
pub(crate) fn iso(parts: &[u32]) -> String {
    let mut out = String::with_capacity(19);
    for (i, (&part, separator)) in parts.iter().zip(SEPARATORS).enumerate() {
        out.push_str(separator);
        push_padded(&mut out, part, if i == 0 { 4 } else { 2 });
    }
    out
}

/// Appends the last `width` (at most four) decimal digits of `n`, zero-padded.
fn push_padded(out: &mut String, n: u32, width: usize) {
    // Least significant first.
    let mut digits = [b'0'; 4];
    let mut rest = n;
    for digit in digits.iter_mut().take(width) {
        *digit = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    for &digit in digits.iter().take(width).rev() {
        out.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_pad_like_format() {
        assert_eq!(iso(&[2013]), "2013");
        assert_eq!(iso(&[987, 1]), "0987-01");
        assert_eq!(iso(&[2013, 7, 3]), "2013-07-03");
        assert_eq!(iso(&[2013, 7, 3, 9, 56]), "2013-07-03T09:56");
        assert_eq!(iso(&[2013, 12, 31, 23, 5, 9]), "2013-12-31T23:05:09");
        for (y, m) in [(1000, 10), (9999, 12), (1948, 3)] {
            assert_eq!(iso(&[y, m]), format!("{y:04}-{m:02}"));
        }
    }
}
