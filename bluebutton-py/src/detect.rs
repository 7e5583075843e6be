//! `detect()`.

use bluebutton_model::Detection;
use pyo3::prelude::*;

use crate::input::with_bytes;

/// Names what an input is, without parsing it.
///
/// Never raises for bad input: empty, malformed or unknown data is a `Detection` whose
/// `kind` says so (with `line` and `column` for malformed XML).
///
/// Args:
///     data: The input's bytes, or its text (a str is encoded as UTF-8).
///
/// Returns:
///     Detection: `kind` (an InputKind), a short `description`, and `version`,
///     `document_type`, `line` and `column` where known.
///
/// Raises:
///     TypeError: `data` is not bytes, bytearray or str.
#[pyfunction]
#[pyo3(signature = (data, /), text_signature = "(data, /)")]
pub(crate) fn detect(data: &Bound<'_, PyAny>) -> PyResult<Detection> {
    with_bytes(data, bluebutton_parse::detect)
}
