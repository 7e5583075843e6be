//! The typed error for an input that [`crate::parse`] will not read, from its detection:
//! what the input is, why it cannot be read, and what to bring instead.

use super::{cda, sniff, text};
use crate::error::{ErrorKind, ParseError};
use bluebutton_model::{Detection, InputKind};

/// The formats this library reads, for hints.
const FORMATS: &str = "C-CDA or C32 XML, FHIR R4 JSON, or a VA or CMS Blue Button text file";

/// The error for an input that [`crate::parse`] will not read, from its detection.
pub(crate) fn refusal(detection: &Detection) -> ParseError {
    let d = detection;
    let what = d.description.as_str();
    let not_a_record = |hint: &str| {
        (
            ErrorKind::NotAHealthRecord,
            format!("this is {what}, not a health record; {hint}"),
        )
    };
    let not_read_yet = |format: &str| {
        (
            ErrorKind::UnsupportedFormat,
            format!("{format} is recognised but not read yet by this version of the library"),
        )
    };
    let (kind, message) = match d.kind {
        InputKind::Empty => (ErrorKind::Empty, format!("nothing to read: this is {what}")),
        InputKind::Html if what == cda::CDA_RENDERING => not_a_record(
            "an HTML rendering of a C-CDA loses its coded data: parse the C-CDA XML file it \
             was generated from instead",
        ),
        InputKind::Html => not_a_record(&format!(
            "save the record itself ({FORMATS}) rather than the web page"
        )),
        InputKind::Pdf => not_a_record(&format!(
            "a PDF is for people to read: download the same record as data ({FORMATS}) instead"
        )),
        InputKind::Json if d.line.is_some() => (ErrorKind::Malformed, what.to_string()),
        InputKind::Json => not_a_record(
            "FHIR JSON has a resourceType at its root (a resource, or a Bundle of them)",
        ),
        InputKind::Xml if what.starts_with("FHIR XML") => not_a_record(
            "this library reads FHIR JSON: ask the server for JSON (for example with \
             _format=json)",
        ),
        InputKind::Xml => not_a_record(
            "a C-CDA or C32 document has a <ClinicalDocument> root in the urn:hl7-org:v3 \
             namespace",
        ),
        InputKind::Text if what == text::EMBEDDED_FHIR => not_a_record(
            "save the JSON response body by itself, without the request and header lines",
        ),
        InputKind::Text => not_a_record(&format!("bring the record itself: {FORMATS}")),
        InputKind::Binary if what == sniff::ZIP => not_a_record(
            "unzip it (an IHE XDM package or a download bundle) and parse the documents inside",
        ),
        InputKind::Binary => not_a_record(&format!("bring the record itself: {FORMATS}")),
        InputKind::Unknown => (
            ErrorKind::NotAHealthRecord,
            format!(
                "the format of this input was not recognised; bring the record itself: {FORMATS}"
            ),
        ),
        InputKind::MalformedXml => (ErrorKind::Malformed, what.to_string()),
        InputKind::CdaFragment => (
            ErrorKind::Incomplete,
            format!("this is {what}; parse the whole <ClinicalDocument> it was taken from"),
        ),
        InputKind::CdaHeaderOnly => (
            ErrorKind::Incomplete,
            format!(
                "this is {what}; a health record needs a recordTarget (the patient) and a body"
            ),
        ),
        InputKind::FhirJson | InputKind::FhirNdjson => match d.version.as_deref() {
            Some("R4" | "R4B") | None if d.kind == InputKind::FhirNdjson => {
                not_read_yet("FHIR R4 NDJSON (bulk data)")
            }
            Some("R4" | "R4B") | None => not_read_yet("FHIR R4 JSON"),
            Some(version) => (
                ErrorKind::UnsupportedVersion,
                format!(
                    "FHIR {version} is not supported; this library reads FHIR R4 (for the CMS \
                     Blue Button 2.0 API, use its v2 endpoints)"
                ),
            ),
        },
        InputKind::C32 => not_read_yet("HITSP C32 / HL7 CCD R1 XML"),
        InputKind::VaText => not_read_yet("the VA My HealtheVet Blue Button text report"),
        InputKind::CmsText => not_read_yet("the CMS MyMedicare.gov Blue Button text file"),
        InputKind::Ccda => (
            ErrorKind::UnsupportedFormat,
            "HL7 C-CDA is read by parse, not refused".to_string(),
        ),
    };
    let error = ParseError::new(kind, d.kind, message);
    match (d.line, d.column) {
        (Some(line), Some(column)) => error.at(line, column),
        _ => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect;

    fn refuse(input: &[u8]) -> ParseError {
        refusal(&detect(input))
    }

    #[test]
    fn maps_each_kind_to_an_error() {
        assert_eq!(refuse(b"").kind(), ErrorKind::Empty);
        assert_eq!(
            refuse(b"<html><body/></html>").kind(),
            ErrorKind::NotAHealthRecord
        );
        assert_eq!(refuse(b"%PDF-1.4\n").kind(), ErrorKind::NotAHealthRecord);
        assert_eq!(refuse(b"<a><b></a>").kind(), ErrorKind::Malformed);
        assert_eq!(refuse(b"{\"a\":").kind(), ErrorKind::Malformed);
        let stu3 = refuse(br#"{"resourceType":"CapabilityStatement","fhirVersion":"3.0.2"}"#);
        assert_eq!(stu3.kind(), ErrorKind::UnsupportedVersion);
        assert!(stu3
            .message()
            .starts_with("FHIR STU3 is not supported; this library reads FHIR R4"));
        let r4 = refuse(br#"{"resourceType":"Patient"}"#);
        assert_eq!(r4.kind(), ErrorKind::UnsupportedFormat);
        assert!(r4.message().contains("recognised but not read yet"));
    }

    #[test]
    fn malformed_xml_carries_its_position() {
        let e = refuse(b"<?xml version=\"1.0\"?>\n<a>\n  <b></a>");
        assert_eq!((e.line(), e.column()), (Some(3), Some(6)));
        assert!(e.to_string().contains("(line 3, column 6)"), "{e}");
    }
}
