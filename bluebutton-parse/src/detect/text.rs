//! Text: the VA My HealtheVet and CMS MyMedicare.gov Blue Button reports are known by the
//! banner in their first lines; other text is only described.

use super::found;
use bluebutton_model::{Detection, InputKind};

/// How far into a text the banner may be: the reports put it on their first lines.
const BANNER_SPAN: usize = 8 * 1024;

/// The description of text with FHIR JSON inside it (the refusal adds a hint).
pub(super) const EMBEDDED_FHIR: &str =
    "plain text with FHIR JSON inside it (for example a log of HTTP requests and responses)";

/// Detects VA and CMS text reports, or describes other text.
pub(super) fn detect_text(text: &str) -> Detection {
    let head = text.as_bytes();
    let head = head.get(..BANNER_SPAN).unwrap_or(head);
    let has = |needle: &str| find_folded(head, needle).is_some();
    if has("my healthevet") && (has("personal information report") || has("blue button")) {
        return report(
            InputKind::VaText,
            banner_version(head),
            "a VA My HealtheVet Blue Button text report",
        );
    }
    if has("mymedicare.gov") && (has("personal health information") || has("blue button")) {
        return report(
            InputKind::CmsText,
            banner_version(head),
            "a CMS MyMedicare.gov Blue Button text file",
        );
    }
    let description = if text.trim_start().starts_with("{\\rtf") {
        "an RTF document"
    } else if text.contains("\"resourceType\"") {
        EMBEDDED_FHIR
    } else if has("blue button") {
        "plain text that mentions Blue Button, in no known report format"
    } else {
        "plain text in no known report format"
    };
    found(InputKind::Text, description)
}

/// Where `needle` (lower case) first occurs in `haystack` in any ASCII case: candidates
/// are found with `memchr2` on the needle's first byte in both cases, then compared.
fn find_folded(haystack: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(found) = haystack
        .get(from..)
        .and_then(|h| memchr::memchr2(first, first.to_ascii_uppercase(), h))
    {
        let at = from + found;
        let after = haystack.get(at + 1..at + needle.len());
        if after.is_some_and(|a| a.eq_ignore_ascii_case(rest)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn report(kind: InputKind, version: Option<String>, what: &str) -> Detection {
    let description = match &version {
        Some(v) => format!("{what} (version {v})"),
        None => what.to_string(),
    };
    Detection {
        kind,
        version,
        description,
        ..Default::default()
    }
}

/// The version in `Produced by the Blue Button (v12.5)`, in any case.
fn banner_version(head: &[u8]) -> Option<String> {
    const MARK: &str = "blue button (v";
    let at = find_folded(head, MARK)?;
    let version: String = head
        .get(at + MARK.len()..)?
        .iter()
        .take(12)
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .map(|&b| char::from(b))
        .collect();
    let version = version.trim_end_matches('.');
    (!version.is_empty()).then(|| version.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_banners_and_versions() {
        let va = "---- MY HEALTHEVET PERSONAL INFORMATION REPORT ----\n  Produced by the VA Blue Button (v12.5)\n";
        let d = detect_text(va);
        assert_eq!(
            (d.kind, d.version.as_deref()),
            (InputKind::VaText, Some("12.5"))
        );
        let cms = "-----\nMYMEDICARE.GOV PERSONAL HEALTH INFORMATION\r\n\r\nProduced by the Blue Button (v2.0)\r\n";
        let d = detect_text(cms);
        assert_eq!(
            (d.kind, d.version.as_deref()),
            (InputKind::CmsText, Some("2.0"))
        );
    }

    #[test]
    fn describes_other_text() {
        assert_eq!(detect_text("hello").kind, InputKind::Text);
        assert_eq!(
            detect_text("GET /Patient\n{\"resourceType\": \"Bundle\"}").description,
            EMBEDDED_FHIR
        );
    }
}
