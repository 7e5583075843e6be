//! Reading a record, and its JSON form.

use crate::error::BlueButtonError;
use bluebutton_model::HealthRecord;

/// Reads a health record in any supported format (C-CDA, C32, VA or CMS text, FHIR JSON);
/// the format is detected from the bytes.
///
/// Throws `BlueButtonError` (Kotlin `BlueButtonException`) when the input is empty, not a
/// health record, malformed, incomplete, unsupported or over a safety limit.
#[uniffi::export]
pub fn parse(data: Vec<u8>) -> Result<HealthRecord, BlueButtonError> {
    bluebutton_parse::parse(&data).map_err(BlueButtonError::from)
}

/// Reads a health record from text; the same as [`parse`] on its UTF-8 bytes.
#[uniffi::export]
pub fn parse_string(text: String) -> Result<HealthRecord, BlueButtonError> {
    bluebutton_parse::parse(text.as_bytes()).map_err(BlueButtonError::from)
}

/// The record's JSON form: pretty-printed with two-space indents and a final newline, the
/// same bytes as the golden files and the other bindings. Fields that hold nothing are left
/// out; the record's top-level keys are always present.
#[uniffi::export]
pub fn record_to_json(record: HealthRecord) -> String {
    to_json(&record)
}

/// Reads a health record (as [`parse`]) and returns its JSON form (as [`record_to_json`]),
/// without building the record's Kotlin or Swift objects.
#[uniffi::export]
pub fn parse_to_json(data: Vec<u8>) -> Result<String, BlueButtonError> {
    let record = bluebutton_parse::parse(&data)?;
    Ok(to_json(&record))
}

/// The record as a FHIR R4 Bundle (type `collection`), pretty-printed JSON: the same
/// output as `bluebutton parse FILE --to fhir --pretty`.
#[uniffi::export]
pub fn record_to_fhir(record: HealthRecord) -> String {
    bluebutton_parse::to_fhir_pretty(&record)
}

fn to_json(record: &HealthRecord) -> String {
    // The model is plain structs, unit enums, strings, integers and booleans: serde_json
    // fails only on non-string map keys or a failing writer, and neither can occur here.
    #[allow(clippy::expect_used)]
    let mut json = serde_json::to_string_pretty(record).expect("the model always serializes");
    json.push('\n');
    json
}
