//! Byte-level sniffing: byte-order marks, white space, magic numbers, decoding the window
//! to text, and telling binary data from text.

use super::{find, found};
use bluebutton_model::{Detection, InputKind};
use std::borrow::Cow;

/// The character encoding of the input, from its byte-order mark or first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    /// UTF-8 (or a single-byte encoding declared in the XML declaration).
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
}

/// The input's encoding, and its bytes after any byte-order mark.
///
/// UTF-16 without a mark is recognised from two ASCII characters with zero high bytes
/// (`<\0?\0`, `\0<\0?`), as XML's appendix F suggests.
pub(super) fn encoding(input: &[u8]) -> (Encoding, &[u8]) {
    match input {
        [0xEF, 0xBB, 0xBF, rest @ ..] => (Encoding::Utf8, rest),
        [0xFF, 0xFE, rest @ ..] => (Encoding::Utf16Le, rest),
        [0xFE, 0xFF, rest @ ..] => (Encoding::Utf16Be, rest),
        [0, a, 0, b, ..] if is_ascii_char(*a) && is_ascii_char(*b) => (Encoding::Utf16Be, input),
        [a, 0, b, 0, ..] if is_ascii_char(*a) && is_ascii_char(*b) => (Encoding::Utf16Le, input),
        _ => (Encoding::Utf8, input),
    }
}

fn is_ascii_char(b: u8) -> bool {
    b != 0 && b.is_ascii()
}

/// XML's white space, plus form feed.
fn is_space(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0A | 0x0D | 0x0C)
}

/// Whether the input holds nothing but white space.
///
/// This is the one check that may read past the window; it stops at the first byte that
/// is not white space, so it is linear only in the leading white space.
pub(super) fn is_blank(encoding: Encoding, body: &[u8]) -> bool {
    match encoding {
        Encoding::Utf8 => body.iter().all(|&b| is_space(u32::from(b))),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            body.len() % 2 == 0
                && body
                    .chunks_exact(2)
                    .all(|u| is_space(u32::from(unit(encoding, u))))
        }
    }
}

/// How many bytes of whole lines of white space to skip before the content: none when
/// there are less than 1 KiB of them (or the input is UTF-16), else up to the last line
/// break before the content.
pub(super) fn blank_lines(encoding: Encoding, body: &[u8]) -> usize {
    if encoding != Encoding::Utf8 {
        return 0;
    }
    let lead = body
        .iter()
        .position(|&b| !is_space(u32::from(b)))
        .unwrap_or(body.len());
    if lead < 1024 {
        return 0;
    }
    body.get(..lead)
        .and_then(|blank| blank.iter().rposition(|&b| b == b'\n' || b == b'\r'))
        .map_or(0, |at| at + 1)
}

fn unit(encoding: Encoding, pair: &[u8]) -> u16 {
    let (a, b) = match pair {
        [a, b] => (*a, *b),
        _ => (0, 0),
    };
    match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([a, b]),
        _ => u16::from_le_bytes([a, b]),
    }
}

/// Formats known by their first bytes: PDF, archives, images, office files.
pub(super) fn magic(encoding: Encoding, body: &[u8]) -> Option<Detection> {
    if encoding != Encoding::Utf8 {
        return None;
    }
    // PDF readers accept up to 1 KiB of junk before the header.
    let head = body.get(..1024).unwrap_or(body);
    if let Some(at) = find(head, b"%PDF-") {
        let version: String = body
            .get(at + 5..)
            .unwrap_or_default()
            .iter()
            .take(8)
            .take_while(|b| b.is_ascii_digit() || **b == b'.')
            .map(|&b| char::from(b))
            .collect();
        return Some(Detection {
            kind: InputKind::Pdf,
            version: (!version.is_empty()).then_some(version),
            description: "a PDF document".into(),
            ..Default::default()
        });
    }
    let what = if body.starts_with(b"PK\x03\x04") || body.starts_with(b"PK\x05\x06") {
        ZIP
    } else if body.starts_with(&[0x1F, 0x8B]) {
        "gzip-compressed data"
    } else if body.starts_with(b"\x89PNG") {
        "a PNG image"
    } else if body.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if body.starts_with(b"GIF87a") || body.starts_with(b"GIF89a") {
        "a GIF image"
    } else if body.starts_with(b"II*\0") || body.starts_with(b"MM\0*") {
        "a TIFF image"
    } else if body.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "a Microsoft Office document (OLE compound file)"
    } else if body.get(128..132) == Some(b"DICM") {
        "a DICOM image"
    } else {
        return None;
    };
    Some(found(InputKind::Binary, what))
}

/// The description of a ZIP archive (the refusal adds a hint for it).
pub(super) const ZIP: &str = "a ZIP archive";

/// The window decoded to text.
///
/// UTF-8 is borrowed when valid. Invalid UTF-8 is decoded as a single-byte encoding when
/// an XML declaration names one (ISO-8859-1, windows-1252...), else lossily: detection
/// only needs the markup, and the reader reports the encoding problem.
pub(super) fn decode(encoding: Encoding, window: &[u8], complete: bool) -> Cow<'_, str> {
    match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let units = window.chunks_exact(2).map(|u| unit(encoding, u));
            Cow::Owned(
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect(),
            )
        }
        // A vectorised check first (most inputs are valid); the standard library's finds
        // where and how an invalid one breaks.
        Encoding::Utf8 => {
            match simdutf8::basic::from_utf8(window).or_else(|_| std::str::from_utf8(window)) {
                Ok(text) => Cow::Borrowed(text),
                Err(e) if e.error_len().is_none() && !complete => {
                    // The window ends inside a character: drop its first bytes.
                    let valid = window.get(..e.valid_up_to()).unwrap_or_default();
                    Cow::Borrowed(std::str::from_utf8(valid).unwrap_or_default())
                }
                Err(_) if declares_single_byte(window) => {
                    Cow::Owned(window.iter().map(|&b| char::from(b)).collect())
                }
                Err(_) => String::from_utf8_lossy(window),
            }
        }
    }
}

/// Whether the input starts with an XML declaration naming an encoding other than UTF-8.
fn declares_single_byte(window: &[u8]) -> bool {
    let start = window
        .iter()
        .position(|&b| !is_space(u32::from(b)))
        .unwrap_or(0);
    let rest = window.get(start..).unwrap_or_default();
    if !rest.starts_with(b"<?xml") {
        return false;
    }
    let decl = rest
        .get(..find(rest, b"?>").unwrap_or(0))
        .unwrap_or_default()
        .to_ascii_lowercase();
    find(&decl, b"encoding").is_some()
        && find(&decl, b"utf-8").is_none()
        && find(&decl, b"utf8").is_none()
}

/// How much of the text the binary check reads (as `git` and `file` do, the start is
/// enough to tell).
const BINARY_SPAN: usize = 8 * 1024;

/// How many bytes of `chunk` (at most 255 bytes) are control characters other than white
/// space and form feed.
fn count_controls(chunk: &[u8]) -> u8 {
    chunk.iter().fold(0u8, |n, &b| {
        let control =
            (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C) | (b == 0x7F);
        n.wrapping_add(u8::from(control))
    })
}

/// Binary data: a NUL, or more than one character in ten a control character or (when
/// `lossy`, the window having had undecodable bytes) a replacement character, in the
/// first 8 KiB.
pub(super) fn binary(text: &str, lossy: bool) -> Option<Detection> {
    let mut end = text.len().min(BINARY_SPAN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = text.get(..end).unwrap_or_default();
    let bytes = text.as_bytes();
    if memchr::memchr(0, bytes).is_some() {
        return Some(found(
            InputKind::Binary,
            "binary data (it contains NUL bytes)",
        ));
    }
    // Counted into bytes over fixed 128-byte chunks (a count that cannot wrap), which the
    // compiler unrolls into wide vector adds; the short rest byte by byte.
    let chunks = bytes.chunks_exact(128);
    let rest = chunks.remainder();
    let controls: usize = chunks
        .map(|chunk| usize::from(count_controls(chunk)))
        .sum::<usize>()
        + usize::from(count_controls(rest));
    let (replaced, total) = if lossy {
        let replaced = text.matches(char::REPLACEMENT_CHARACTER).count();
        (replaced, text.chars().count())
    } else {
        (0, bytes.len())
    };
    ((controls + replaced) * 10 > total).then(|| found(InputKind::Binary, "binary data"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_byte_order_marks() {
        assert_eq!(
            encoding(b"\xEF\xBB\xBF<a/>"),
            (Encoding::Utf8, &b"<a/>"[..])
        );
        assert_eq!(encoding(b"\xFF\xFE<\0").0, Encoding::Utf16Le);
        assert_eq!(encoding(b"\xFE\xFF\0<").0, Encoding::Utf16Be);
        assert_eq!(encoding(b"<\0?\0").0, Encoding::Utf16Le);
        assert_eq!(encoding(b"\0<\0?").0, Encoding::Utf16Be);
        assert_eq!(encoding(b"\0\0\0\0").0, Encoding::Utf8);
    }

    #[test]
    fn blank_inputs() {
        assert!(is_blank(Encoding::Utf8, b""));
        assert!(is_blank(Encoding::Utf8, b" \r\n\t"));
        assert!(!is_blank(Encoding::Utf8, b" x"));
        assert!(is_blank(Encoding::Utf16Le, b" \0\n\0"));
        assert!(!is_blank(Encoding::Utf16Le, b" \0x\0"));
    }

    #[test]
    fn skips_long_blank_lines() {
        assert_eq!(blank_lines(Encoding::Utf8, b"\n\n<a/>"), 0);
        let mut long = vec![b'\n'; 2000];
        long.extend_from_slice(b"  <a/>");
        assert_eq!(blank_lines(Encoding::Utf8, &long), 2000);
        assert_eq!(blank_lines(Encoding::Utf16Le, &long), 0);
    }

    #[test]
    fn decodes_single_byte_declarations() {
        let latin = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>";
        assert!(decode(Encoding::Utf8, latin, true).ends_with("<a>é</a>"));
        let cut = "<a>é".as_bytes();
        let cut = &cut[..cut.len() - 1];
        assert_eq!(decode(Encoding::Utf8, cut, false), "<a>");
    }

    #[test]
    fn tells_binary_from_text() {
        assert!(binary("plain text\n", false).is_none());
        assert!(binary("a\0b", false).is_some());
        assert!(binary("\u{1}\u{2}\u{3}abc", false).is_some());
        assert!(binary("\u{fffd}\u{fffd}ab", true).is_some());
        assert!(binary("\u{fffd}\u{fffd}ab", false).is_none());
    }
}
