//! Readers for every Blue Button format into one typed record.
//!
//! [`detect`] names what an input is from its first bytes; [`parse`] reads it into a
//! [`HealthRecord`]. Everything the reader cannot map is kept (narrative as notes, unknown
//! content in `other`) and whatever was odd is listed in the record's `warnings`.
//!
//! Primary items:
//! - [`parse`]: bytes in, [`HealthRecord`] out.
//! - [`detect`]: bytes in, a [`Detection`] out.
//! - [`ParseError`] with an [`ErrorKind`], and a line and column where they apply.
//! - [`to_fhir`]: a [`HealthRecord`] out as a FHIR R4 Bundle.
//! - [`FhirPatients`] and [`parse_fhir_folder`]: many FHIR inputs (a bulk-data NDJSON
//!   export, a folder of resources and Bundles) read into one record per patient.
//!
//! # Quick start
//! ```
//! let xml = include_bytes!("../../examples/sample-ccd.xml");
//! let record = bluebutton_parse::parse(xml).unwrap();
//! assert_eq!(record.format.kind, bluebutton_parse::model::FormatKind::Ccda);
//! assert!(!record.allergies.is_empty());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// No panics on input: a parse error or a warning instead (tests may unwrap).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic
    )
)]

mod ccda;
mod cms_text;
mod decode;
mod detect;
mod error;
mod fhir;
mod fhir_out;
mod text;
mod va_text;
mod xml;

pub use bluebutton_model as model;
pub use bluebutton_model::{Detection, HealthRecord, InputKind};
use bluebutton_model::{FormatKind, Prune};
pub use detect::detect;
pub use error::{ErrorKind, ParseError};
pub use fhir::bulk::{parse_fhir_folder, FhirFilesError, FhirPatientRecords, FhirPatients};
pub use fhir_out::{to_fhir, to_fhir_pretty};

/// The largest input [`parse`] reads: 256 MiB. A record takes a few times its input's size
/// in memory, so larger inputs are refused ([`ErrorKind::LimitExceeded`]) before anything
/// is read, keeping memory bounded whatever arrives. Real records are far smaller (the
/// largest C-CDA documents seen are tens of megabytes).
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// Reads a health record in any supported format.
///
/// The format is detected from the input itself (see [`detect`]).
///
/// # Errors
/// A [`ParseError`] when the input is not a health record, is malformed, or is a format or
/// version this library does not read, or is larger than [`MAX_INPUT_BYTES`].
pub fn parse(input: &[u8]) -> Result<HealthRecord, ParseError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(ParseError::too_large(detect(input).kind));
    }
    let detection = detect(input);
    // The C-CDA reader fills this record in place: the record is large, and each move of
    // it (through a `Result`, into a tuple) copies several kilobytes.
    let mut record = HealthRecord::default();
    let kind = match detection.kind {
        InputKind::Ccda => {
            ccda::parse_into(input, &mut record)?;
            FormatKind::Ccda
        }
        // C32 and C62 are CDA documents too: the same reader maps what they share with
        // C-CDA (header, allergies, medications, problems) and keeps the rest as notes.
        InputKind::C32 => {
            ccda::parse_into(input, &mut record)?;
            FormatKind::C32
        }
        InputKind::VaText => {
            record = va_text::parse(input)?;
            FormatKind::VaText
        }
        InputKind::CmsText => {
            record = cms_text::parse(input)?;
            FormatKind::CmsText
        }
        InputKind::FhirJson | InputKind::FhirNdjson if reads_fhir(&detection) => {
            let ndjson = detection.kind == InputKind::FhirNdjson;
            record = fhir::parse(input, ndjson)?;
            if ndjson {
                FormatKind::FhirNdjson
            } else {
                FormatKind::FhirJson
            }
        }
        _ => return Err(detect::refusal(&detection)),
    };
    record.format.kind = kind;
    record.format.version = detection.version;
    record.format.document_type = detection.document_type;
    // Whatever a reader built from elements that turned out to say nothing goes here, in
    // one place for every format.
    record.prune();
    Ok(record)
}

/// Whether a FHIR input is a version the FHIR reader reads (R4, R4B, or unmarked).
fn reads_fhir(detection: &Detection) -> bool {
    matches!(detection.version.as_deref(), Some("R4" | "R4B") | None)
}

/// Reads input as C-CDA without running detection first (for tests and tools that already
/// know the format). Not part of the stable API.
#[doc(hidden)]
pub fn parse_ccda(input: &[u8]) -> Result<HealthRecord, ParseError> {
    parse_as(input, FormatKind::Ccda)
}

/// Reads input with the reader of `format`, without running detection first (for fuzzing
/// each reader directly, and tests). Not part of the stable API.
#[doc(hidden)]
pub fn parse_as(input: &[u8], format: FormatKind) -> Result<HealthRecord, ParseError> {
    let mut record = match format {
        FormatKind::Ccda | FormatKind::C32 => ccda::parse(input)?,
        FormatKind::VaText => va_text::parse(input)?,
        FormatKind::CmsText => cms_text::parse(input)?,
        FormatKind::FhirJson => fhir::parse(input, false)?,
        FormatKind::FhirNdjson => fhir::parse(input, true)?,
    };
    record.format.kind = format;
    record.prune();
    Ok(record)
}
