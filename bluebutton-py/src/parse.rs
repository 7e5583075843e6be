//! `parse()` and `parse_file()`.

use std::path::PathBuf;

use bluebutton_model::HealthRecord;
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;

use crate::error::parse_error;
use crate::input::with_bytes;

/// Reads a health record in any supported format.
///
/// The format (C-CDA, C32, VA or CMS text, FHIR R4 JSON) is detected from the input itself.
/// The GIL is released while parsing.
///
/// Args:
///     data: The document's bytes, or its text (a str is encoded as UTF-8).
///
/// Returns:
///     HealthRecord: The record; `to_dict()` gives the same data as the CLI's JSON.
///
/// Raises:
///     ParseError: The input is empty, malformed, or not a supported health record.
///     TypeError: `data` is not bytes, bytearray or str.
///
/// Example:
///     >>> import bluebutton
///     >>> rec = bluebutton.parse(open("record.xml", "rb").read())  # doctest: +SKIP
///     >>> rec.format.kind  # doctest: +SKIP
///     FormatKind.Ccda
#[pyfunction]
#[pyo3(signature = (data, /), text_signature = "(data, /)")]
pub(crate) fn parse(data: &Bound<'_, PyAny>) -> PyResult<HealthRecord> {
    let py = data.py();
    with_bytes(data, bluebutton_parse::parse)?.map_err(|e| parse_error(py, &e))
}

/// Reads the health record in a file, in any supported format.
///
/// The GIL is released while reading and parsing.
///
/// Args:
///     path: The file's path (str or os.PathLike).
///
/// Returns:
///     HealthRecord: The record.
///
/// Raises:
///     ParseError: The file is empty, malformed, or not a supported health record.
///     OSError: The file cannot be read (FileNotFoundError, PermissionError, ...).
#[pyfunction]
#[pyo3(signature = (path, /), text_signature = "(path, /)")]
pub(crate) fn parse_file(py: Python<'_>, path: PathBuf) -> PyResult<HealthRecord> {
    let result = py.detach(|| std::fs::read(&path).map(|bytes| bluebutton_parse::parse(&bytes)));
    match result {
        Ok(parsed) => parsed.map_err(|e| parse_error(py, &e)),
        Err(io) => Err(os_error(&io, &path)),
    }
}

/// An `OSError` with errno and file name, so Python picks the subclass
/// (`FileNotFoundError`, `PermissionError`, `IsADirectoryError`, ...).
fn os_error(err: &std::io::Error, path: &std::path::Path) -> PyErr {
    match err.raw_os_error() {
        Some(errno) => {
            let text = err.to_string();
            let strerror = text
                .strip_suffix(&format!(" (os error {errno})"))
                .unwrap_or(&text)
                .to_string();
            PyOSError::new_err((errno, strerror, path.as_os_str().to_os_string()))
        }
        None => PyOSError::new_err(err.to_string()),
    }
}
