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
    let mut end = text.len().min(BANNER_SPAN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default().to_ascii_lowercase();
    let has = |needle: &str| head.contains(needle);
    if has("my healthevet") && (has("personal information report") || has("blue button")) {
        return report(
            InputKind::VaText,
            banner_version(&head),
            "a VA My HealtheVet Blue Button text report",
        );
    }
    if has("mymedicare.gov") && (has("personal health information") || has("blue button")) {
        return report(
            InputKind::CmsText,
            banner_version(&head),
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

/// The version in `Produced by the Blue Button (v12.5)`, from the lowercased head.
fn banner_version(head: &str) -> Option<String> {
    let at = head.find("blue button (v")?;
    let version: String = head
        .get(at + 14..)?
        .chars()
        .take(12)
        .take_while(|c| c.is_ascii_digit() || *c == '.')
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
