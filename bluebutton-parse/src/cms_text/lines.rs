//! The report as a stream of lines: decoding (UTF-8 or UTF-16), 1-based line numbers for
//! any line ending, separators, and `Label: value` splits.

/// One input line without its ending.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// The line's text, untrimmed.
    pub text: &'a str,
}

/// Splits text into lines; `\n`, `\r\n` and a lone `\r` each end a line.
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut number = 1u32;
    let mut i = 0usize;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'\n') => {
                out.push(Line {
                    number,
                    text: text.get(start..i).unwrap_or(""),
                });
                number = number.saturating_add(1);
                i += 1;
                start = i;
            }
            Some(b'\r') => {
                out.push(Line {
                    number,
                    text: text.get(start..i).unwrap_or(""),
                });
                number = number.saturating_add(1);
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line {
            number,
            text: text.get(start..).unwrap_or(""),
        });
    }
    out
}

/// True for a `-----` separator line.
pub(crate) fn is_separator(trimmed: &str) -> bool {
    trimmed.len() >= 5 && trimmed.bytes().all(|b| b == b'-')
}

/// Splits `Label: value` at the first colon; `None` when there is no colon or no label.
pub(crate) fn split_label(trimmed: &str) -> Option<(&str, &str)> {
    let (label, value) = trimmed.split_once(':')?;
    let label = label.trim();
    if label.is_empty() {
        return None;
    }
    Some((label, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_numbers() {
        let lines = split_lines("a\r\nb\rc\nd");
        let got: Vec<(u32, &str)> = lines.iter().map(|l| (l.number, l.text)).collect();
        assert_eq!(got, vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        assert_eq!(split_lines("x\n").len(), 1);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn labels_and_separators() {
        assert_eq!(
            split_label("Address Type:Home"),
            Some(("Address Type", "Home"))
        );
        assert_eq!(split_label("Time: 3:00 PM"), Some(("Time", "3:00 PM")));
        assert_eq!(split_label("Comments: "), Some(("Comments", "")));
        assert_eq!(split_label("no colon here"), None);
        assert_eq!(split_label(": value"), None);
        assert!(is_separator("--------------------------------"));
        assert!(!is_separator("---"));
        assert!(!is_separator("-- x --"));
    }
}

/// The input as text: UTF-8 (with or without a byte-order mark) or UTF-16 (with a
/// byte-order mark, or recognised by its zero bytes). The flag is true when invalid
/// sequences were replaced.
pub(crate) fn decode(input: &[u8]) -> (String, bool) {
    if let Some(rest) = input.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = input.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = input.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    match input {
        [a, 0, ..] if *a != 0 => utf16(input, u16::from_le_bytes),
        [0, b, ..] if *b != 0 => utf16(input, u16::from_be_bytes),
        _ => utf8(input),
    }
}

fn utf8(input: &[u8]) -> (String, bool) {
    match std::str::from_utf8(input) {
        Ok(t) => (t.to_string(), false),
        Err(_) => (String::from_utf8_lossy(input).into_owned(), true),
    }
}

fn utf16(input: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let mut replaced = input.len() % 2 == 1;
    let units = input.chunks_exact(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    let text: String = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                replaced = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    (text, replaced)
}

#[cfg(test)]
mod decode_tests {
    use super::decode;

    #[test]
    fn utf8_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFab"), ("ab".to_string(), false));
        assert_eq!(decode(b"\xFF\xFEa\0b\0"), ("ab".to_string(), false));
        assert_eq!(decode(b"\0a\0b"), ("ab".to_string(), false));
        assert_eq!(decode(b"a\0b\0"), ("ab".to_string(), false));
        assert!(decode(b"a\xFFb").1);
    }
}
