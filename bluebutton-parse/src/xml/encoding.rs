//! Input bytes to UTF-8: byte-order marks, UTF-16 and single-byte Latin encodings.
//!
//! The XML reader works on UTF-8 only, so other encodings are transcoded once, up front.
//! Invalid sequences are replaced (U+FFFD) and reported as one warning; positions reported
//! later refer to the UTF-8 text.

use std::borrow::Cow;

use super::position::LineIndex;
use crate::decode::{split_bom, Bom, ByteOrder};

/// What decoding found worth a warning: a message and the byte offset it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EncodingIssue {
    /// What was wrong; never quotes the input.
    pub message: String,
    /// 1-based line and column in the original bytes, when known.
    pub position: Option<(u32, u32)>,
}

/// Why the input could not be decoded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnsupportedEncoding {
    /// The declared encoding's name, as declared (an encoding label, not patient data).
    pub declared: String,
}

/// The input as UTF-8, plus what decoding had to repair.
pub(crate) struct Decoded<'a> {
    /// UTF-8 bytes without a byte-order mark.
    pub bytes: Cow<'a, [u8]>,
    /// Repairs made, if any.
    pub issue: Option<EncodingIssue>,
}

/// Decodes `input` to UTF-8 from its byte-order mark or XML declaration.
///
/// Input declared (or defaulting) as UTF-8 is passed through unchecked: the XML reader
/// validates it as it goes, and [`lossy`] repairs it if that fails.
///
/// # Errors
/// [`UnsupportedEncoding`] when the declaration names an encoding other than UTF-8,
/// UTF-16, US-ASCII, ISO-8859-1 or windows-1252 and the bytes are not valid UTF-8.
pub(crate) fn to_utf8(input: &[u8]) -> Result<Decoded<'_>, UnsupportedEncoding> {
    match split_bom(input) {
        (Some(Bom::Utf8), rest) => return Ok(borrowed(rest)),
        (Some(Bom::Utf16(order)), rest) => return Ok(utf16(rest, order)),
        (None, _) => {}
    }
    if input.starts_with(b"<\0") {
        return Ok(utf16(input, ByteOrder::Little));
    }
    if input.starts_with(b"\0<") {
        return Ok(utf16(input, ByteOrder::Big));
    }
    let Some(label) = declared_encoding(input) else {
        return Ok(borrowed(input));
    };
    match label.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" | "utf-16" | "utf16" => Ok(borrowed(input)),
        _ if std::str::from_utf8(input).is_ok() => Ok(borrowed(input)),
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "latin-1" | "l1"
        | "windows-1252" | "cp1252" | "us-ascii" | "ascii" | "iso-8859-15" => Ok(Decoded {
            bytes: Cow::Owned(windows_1252(input).into_bytes()),
            issue: None,
        }),
        _ => Err(UnsupportedEncoding {
            declared: label.chars().take(40).collect(),
        }),
    }
}

fn borrowed(input: &[u8]) -> Decoded<'_> {
    Decoded {
        bytes: Cow::Borrowed(input),
        issue: None,
    }
}

/// Input that should be UTF-8 but is not: invalid sequences replaced, with one issue
/// naming the first. `None` when the input is valid UTF-8 after all.
pub(crate) fn lossy(input: &[u8]) -> Option<Decoded<'static>> {
    let e = std::str::from_utf8(input).err()?;
    let position = LineIndex::new(input).locate(e.valid_up_to());
    Some(Decoded {
        bytes: Cow::Owned(String::from_utf8_lossy(input).into_owned().into_bytes()),
        issue: Some(EncodingIssue {
            message: "input is not valid UTF-8; invalid bytes were replaced".into(),
            position: Some(position),
        }),
    })
}

/// UTF-16 to UTF-8; unlike the text readers, a trailing odd byte is kept as U+FFFD.
fn utf16(input: &[u8], order: ByteOrder) -> Decoded<'static> {
    let (mut text, replaced) = crate::decode::utf16(input, order);
    if input.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Decoded {
        bytes: Cow::Owned(text.into_bytes()),
        issue: replaced.then(|| EncodingIssue {
            message: "input is not valid UTF-16; invalid units were replaced".into(),
            position: None,
        }),
    }
}

/// The `encoding` pseudo-attribute of a leading XML declaration.
fn declared_encoding(input: &[u8]) -> Option<&str> {
    let start = input.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = input.get(start..)?;
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(rest, b"?>")?;
    let decl = std::str::from_utf8(rest.get(..end)?).ok()?;
    let (_, after) = decl.split_once("encoding")?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let (value, _) = after.strip_prefix(quote)?.split_once(quote)?;
    Some(value)
}

/// Windows-1252 (a superset of ISO-8859-1's printable range) to UTF-8.
fn windows_1252(input: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    input
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or('\u{FFFD}'),
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_bom_stripped() {
        let d = to_utf8(b"<a/>").unwrap();
        assert!(matches!(d.bytes, Cow::Borrowed(_)));
        let d = to_utf8(b"\xEF\xBB\xBF<a/>").unwrap();
        assert_eq!(&*d.bytes, b"<a/>");
    }

    #[test]
    fn latin1_is_transcoded() {
        let d = to_utf8(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>Jos\xE9 \x80</a>").unwrap();
        assert_eq!(
            std::str::from_utf8(&d.bytes).unwrap(),
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>Jos\u{e9} \u{20ac}</a>"
        );
        assert!(d.issue.is_none());
    }

    #[test]
    fn utf16_with_bom_is_transcoded() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("<a>é</a>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(&*to_utf8(&le).unwrap().bytes, "<a>é</a>".as_bytes());
        let mut be = vec![0xFE, 0xFF];
        be.extend("<a>é</a>".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(&*to_utf8(&be).unwrap().bytes, "<a>é</a>".as_bytes());
    }

    #[test]
    fn odd_utf16_byte_is_kept_as_a_replacement() {
        let d = to_utf8(b"\xFF\xFE<\0a\0>").unwrap();
        assert_eq!(std::str::from_utf8(&d.bytes).unwrap(), "<a\u{FFFD}");
        assert!(d.issue.is_some());
    }

    #[test]
    fn invalid_utf8_is_replaced_with_an_issue() {
        assert!(lossy(b"<a/>").is_none());
        let d = lossy(b"<a>\n ok \xFF</a>").unwrap();
        assert_eq!(
            std::str::from_utf8(&d.bytes).unwrap(),
            "<a>\n ok \u{FFFD}</a>"
        );
        assert_eq!(d.issue.unwrap().position, Some((2, 5)));
    }

    #[test]
    fn unknown_declared_encoding_is_refused() {
        let err = to_utf8(b"<?xml version='1.0' encoding='Shift_JIS'?><a>\x82\xA0</a>")
            .err()
            .unwrap();
        assert_eq!(err.declared, "Shift_JIS");
    }
}
