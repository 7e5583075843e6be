//! `bluebutton.ParseError`: the one exception parsing raises, and the one function that
//! builds it from the core error.
//!
//! The message is the core error's, which by the core's rule carries no patient data: only
//! formats, tag names and positions.

use bluebutton_model::InputKind;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

pyo3::create_exception!(
    bluebutton,
    ParseError,
    PyValueError,
    "The input could not be read as a health record.\n\n\
     A ValueError subclass. Attributes:\n\
     \x20   kind: what went wrong, a stable snake_case slug (`empty`, `not_a_health_record`,\n\
     \x20       `malformed`, `incomplete`, `unsupported_version`, `unsupported_format`,\n\
     \x20       `limit_exceeded`, `encoding`).\n\
     \x20   line: 1-based line of the problem, or None.\n\
     \x20   column: 1-based column of the problem, or None.\n\
     \x20   input_kind: what the input was detected as (an InputKind)."
);

/// The Python `ParseError` for a core error, with `kind`, `line`, `column` and `input_kind`.
pub(crate) fn parse_error(py: Python<'_>, err: &bluebutton_parse::ParseError) -> PyErr {
    with_message(py, err.to_string(), err)
}

/// The Python `ParseError` for a core error in one file of several; the message names the
/// file.
pub(crate) fn file_parse_error(
    py: Python<'_>,
    file: &str,
    err: &bluebutton_parse::ParseError,
) -> PyErr {
    with_message(py, format!("{file}: {err}"), err)
}

/// The Python `ParseError` with `message` and the attributes of `err`.
fn with_message(py: Python<'_>, message: String, err: &bluebutton_parse::ParseError) -> PyErr {
    let py_err = ParseError::new_err(message);
    match set_attributes(py, py_err.value(py), err) {
        Ok(()) => py_err,
        Err(failure) => failure,
    }
}

fn set_attributes(
    py: Python<'_>,
    value: &Bound<'_, pyo3::exceptions::PyBaseException>,
    err: &bluebutton_parse::ParseError,
) -> PyResult<()> {
    value.setattr("kind", err.kind().slug())?;
    value.setattr("line", err.line())?;
    value.setattr("column", err.column())?;
    let input: InputKind = err.input();
    value.setattr("input_kind", Bound::new(py, input)?)?;
    Ok(())
}
