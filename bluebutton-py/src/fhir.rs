//! `to_fhir()`: a record written as a FHIR R4 Bundle.

use bluebutton_model::HealthRecord;
use pyo3::prelude::*;

/// Writes a record as a FHIR R4 Bundle (type `collection`), as JSON text.
///
/// Every entry has a `urn:uuid:` `fullUrl` and refers to the Patient entry; codes keep
/// their codes (C-CDA OIDs become FHIR system URIs), dates keep their precision, and
/// decimals keep their exact text. What has no FHIR home is left out (see the README).
/// The GIL is released while writing.
///
/// Args:
///     record: The record, from `parse()` or `parse_file()`.
///     indent: Indent the JSON by two spaces (any value but None and 0), or write it
///         compact (None, the default).
///
/// Returns:
///     str: The Bundle's JSON; `json.loads()` gives it as a dict.
///
/// Example:
///     >>> import bluebutton, json
///     >>> rec = bluebutton.parse_file("record.xml")  # doctest: +SKIP
///     >>> json.loads(bluebutton.to_fhir(rec))["resourceType"]  # doctest: +SKIP
///     'Bundle'
#[pyfunction]
#[pyo3(signature = (record, /, indent = None), text_signature = "(record, /, indent=None)")]
pub(crate) fn to_fhir(py: Python<'_>, record: &HealthRecord, indent: Option<u32>) -> String {
    py.detach(|| match indent {
        Some(n) if n > 0 => bluebutton_parse::to_fhir_pretty(record),
        _ => bluebutton_parse::to_fhir(record),
    })
}
