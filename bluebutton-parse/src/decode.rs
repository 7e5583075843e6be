//! Input bytes to text, shared by the XML and text readers: byte-order marks and UTF-16.
//!
//! What each reader does with input that has no byte-order mark (an XML declaration, a
//! guess from zero bytes) stays with that reader.

/// The byte order of UTF-16 input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ByteOrder {
    /// Little-endian (`FF FE` mark).
    Little,
    /// Big-endian (`FE FF` mark).
    Big,
}

/// A byte-order mark at the start of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bom {
    /// `EF BB BF`.
    Utf8,
    /// `FF FE` or `FE FF`.
    Utf16(ByteOrder),
}

/// The byte-order mark the input starts with, if any, and the bytes after it.
pub(crate) fn split_bom(input: &[u8]) -> (Option<Bom>, &[u8]) {
    if let Some(rest) = input.strip_prefix(b"\xEF\xBB\xBF") {
        (Some(Bom::Utf8), rest)
    } else if let Some(rest) = input.strip_prefix(b"\xFF\xFE") {
        (Some(Bom::Utf16(ByteOrder::Little)), rest)
    } else if let Some(rest) = input.strip_prefix(b"\xFE\xFF") {
        (Some(Bom::Utf16(ByteOrder::Big)), rest)
    } else {
        (None, input)
    }
}

/// UTF-16 code units to text; unpaired surrogates become U+FFFD. A trailing odd byte is
/// not a unit and is left out. The flag is true when anything was replaced or left out.
pub(crate) fn utf16(input: &[u8], order: ByteOrder) -> (String, bool) {
    let unit = match order {
        ByteOrder::Little => u16::from_le_bytes,
        ByteOrder::Big => u16::from_be_bytes,
    };
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
mod tests {
    use super::*;

    #[test]
    fn boms_are_split_off() {
        assert_eq!(split_bom(b"\xEF\xBB\xBFab"), (Some(Bom::Utf8), &b"ab"[..]));
        assert_eq!(
            split_bom(b"\xFF\xFEa\0"),
            (Some(Bom::Utf16(ByteOrder::Little)), &b"a\0"[..])
        );
        assert_eq!(
            split_bom(b"\xFE\xFF\0a"),
            (Some(Bom::Utf16(ByteOrder::Big)), &b"\0a"[..])
        );
        assert_eq!(split_bom(b"ab"), (None, &b"ab"[..]));
    }

    #[test]
    fn utf16_units_surrogates_and_odd_bytes() {
        assert_eq!(utf16(b"a\0b\0", ByteOrder::Little), ("ab".into(), false));
        assert_eq!(utf16(b"\0a\0b", ByteOrder::Big), ("ab".into(), false));
        // An unpaired high surrogate is replaced.
        assert_eq!(
            utf16(b"\0\xD8a\0", ByteOrder::Little),
            ("\u{FFFD}a".into(), true)
        );
        // A trailing odd byte is left out, and flagged.
        assert_eq!(utf16(b"a\0b", ByteOrder::Little), ("a".into(), true));
    }
}
