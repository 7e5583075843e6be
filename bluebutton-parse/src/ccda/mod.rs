//! HL7 C-CDA (placeholder: the C-CDA reader replaces this).

use crate::error::ParseError;
use bluebutton_model::HealthRecord;

/// Reads a C-CDA document.
pub(crate) fn parse(_input: &[u8]) -> Result<HealthRecord, ParseError> {
    Ok(HealthRecord::default())
}
