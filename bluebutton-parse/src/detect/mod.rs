//! Format detection from the start of the input.
//!
//! [`detect`] names what an input is by reading at most its first [`WINDOW`] bytes (64 KiB),
//! never the whole of a big file, and without parsing it:
//!
//! 1. byte-order marks and UTF-16 are recognised, and a whole input of white space is
//!    [`InputKind::Empty`] (the only check that may look past the window: it stops at the
//!    first byte that is not white space);
//! 2. magic numbers name PDFs, archives and images; control characters name binary data;
//! 3. markup is checked for HTML, then scanned for well-formedness (`xml_scan`) while the
//!    CDA probe (`cda`) collects the root element, the header's `templateId`s, whether a
//!    `recordTarget` and a body are there; the scan of a `ClinicalDocument` stops at its
//!    body (the header is all detection needs; the reader checks the rest), other XML is
//!    scanned to the end of the window. Once a header has named a C-CDA document
//!    template, the kind is settled and the scan only follows the tags below the root's
//!    grandchildren (the patient's and authors' details) to find the body: their
//!    well-formedness, like the body's, is the reader's to check;
//! 4. JSON is scanned for syntax while `json` collects the top-level `resourceType`, and
//!    whether a second resource follows on the next line (NDJSON); `fhir` tells R4 from STU3;
//! 5. other text is checked for the VA and CMS Blue Button banners (`text`).
//!
//! Why 64 KiB: every header fact detection needs comes before the body in a CDA document
//! (schema order: `templateId`s, then `recordTarget`, then `component`). In the corpus the
//! body starts at most 38 KB into a file (a VA C32 with a long header), and FHIR's
//! `resourceType`, Bundle links and code-system URLs sit in the first few KB. The window
//! keeps detection at a few tens of microseconds on any input, however large; a problem
//! past it is left for the reader, which sees the whole input.

mod cda;
mod fhir;
mod json;
mod refusal;
mod sniff;
mod text;
mod xml_scan;

use bluebutton_model::{Detection, InputKind};
pub(crate) use refusal::refusal;

/// How much of the input detection reads: 64 KiB (see the module docs for why).
pub(crate) const WINDOW: usize = 64 * 1024;

/// Names the format of `input` from its first bytes (at most 64 KiB).
///
/// Never fails and never panics: anything that is not a known format gets a kind that
/// says what it is instead (HTML, PDF, other JSON or XML, text, binary).
///
/// ```
/// use bluebutton_parse::{detect, InputKind};
/// let d = detect(br#"{"resourceType": "Patient", "id": "1"}"#);
/// assert_eq!(d.kind, InputKind::FhirJson);
/// assert_eq!(d.version.as_deref(), Some("R4"));
/// assert_eq!(detect(b"  \n").kind, InputKind::Empty);
/// ```
pub fn detect(input: &[u8]) -> Detection {
    let (encoding, body) = sniff::encoding(input);
    if sniff::is_blank(encoding, body) {
        let description = if input.is_empty() {
            "an empty input"
        } else {
            "an input of white space only"
        };
        return found(InputKind::Empty, description);
    }
    if let Some(magic) = sniff::magic(encoding, body) {
        return magic;
    }
    // Long white space before the content does not use up the window: whole lines of it
    // are skipped, and counted back into any position.
    let skip = sniff::blank_lines(encoding, body);
    let (skipped, rest) = body.split_at(skip);
    let complete = rest.len() <= WINDOW;
    let window = rest.get(..WINDOW).unwrap_or(rest);
    let text = sniff::decode(encoding, window, complete);
    let lossy = matches!(text, std::borrow::Cow::Owned(_));
    if let Some(binary) = sniff::binary(&text, lossy) {
        return binary;
    }
    let trimmed = text.trim_start();
    let mut detection = match trimmed.as_bytes().first() {
        Some(b'<') => cda::detect_markup(&text, complete),
        Some(b'{' | b'[') if !trimmed.starts_with("{\\rtf") => {
            json::detect_json(&text, complete, || sniff::decode(encoding, rest, true))
        }
        _ => text::detect_text(&text),
    };
    if let Some(line) = detection.line.filter(|_| skip > 0) {
        let skipped = std::str::from_utf8(skipped).unwrap_or_default();
        let (lines, _) = position(skipped, skipped.len());
        detection.line = Some(line.saturating_add(lines - 1));
    }
    detection
}

/// A detection of `kind` with a description and nothing else.
fn found(kind: InputKind, description: impl Into<String>) -> Detection {
    Detection {
        kind,
        description: description.into(),
        ..Default::default()
    }
}

/// 1-based line and column of byte `offset` in `text`.
///
/// The column counts bytes of the (UTF-8) text, as the model's `Source.column` does. A
/// line ends at `\n`, `\r\n` or a lone `\r`, as XML counts them.
pub(super) fn position(text: &str, offset: usize) -> (u32, u32) {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let before = bytes.get(..end).unwrap_or_default();
    let (mut line, mut line_start) = (1u32, 0usize);
    for (i, &b) in before.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if ends_line {
            line = line.saturating_add(1);
            line_start = i + 1;
        }
    }
    let column = u32::try_from(end - line_start + 1).unwrap_or(u32::MAX);
    (line, column)
}

/// Where `needle` first occurs in `haystack` (a vectorised search: the PDF check runs it
/// over the first KiB of every input).
pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(position("abc", 0), (1, 1));
        assert_eq!(position("abc", 2), (1, 3));
        assert_eq!(position("a\nbc", 3), (2, 2));
        assert_eq!(position("a\r\nbc", 4), (2, 2));
        assert_eq!(position("a\rbc", 2), (2, 1));
        assert_eq!(position("é<", 2), (1, 3));
        assert_eq!(position("ab", 99), (1, 3));
    }

    #[test]
    fn long_leading_white_space_keeps_positions() {
        let mut input = "\r\n".repeat(40_000).into_bytes();
        input.extend_from_slice(b"<?xml version='1.0'?>\n<a>\n  <b></a>");
        let d = detect(&input);
        assert_eq!(d.kind, InputKind::MalformedXml);
        assert_eq!((d.line, d.column), (Some(40_003), Some(6)));
        let mut document = vec![b' '; 100_000];
        document.extend_from_slice(b"\n<section xmlns='urn:hl7-org:v3'/>");
        assert_eq!(detect(&document).kind, InputKind::CdaFragment);
    }

    #[test]
    fn finds_bytes() {
        assert_eq!(find(b"abcabc", b"ca"), Some(2));
        assert_eq!(find(b"abc", b"x"), None);
    }
}
