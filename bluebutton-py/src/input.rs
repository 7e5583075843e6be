//! The input argument: `bytes`, `bytearray` or `str`, read with the GIL released.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

/// Runs `f` on the bytes of `data` with the GIL released. `str` is encoded as UTF-8.
pub(crate) fn with_bytes<R: Send>(
    data: &Bound<'_, PyAny>,
    f: impl FnOnce(&[u8]) -> R + Send,
) -> PyResult<R> {
    let py = data.py();
    if let Ok(bytes) = data.cast::<PyBytes>() {
        // `bytes` is immutable and `data` keeps it alive while the GIL is released.
        let slice = bytes.as_bytes();
        return Ok(py.detach(|| f(slice)));
    }
    if let Ok(text) = data.cast::<PyString>() {
        let text = text.to_cow()?;
        return Ok(py.detach(|| f(text.as_bytes())));
    }
    if let Ok(array) = data.cast::<PyByteArray>() {
        // A bytearray may change while the GIL is released, so read a copy.
        let copy = array.to_vec();
        return Ok(py.detach(|| f(&copy)));
    }
    let type_name = data.get_type().name()?;
    Err(PyTypeError::new_err(format!(
        "expected bytes, bytearray or str, got {type_name}"
    )))
}
