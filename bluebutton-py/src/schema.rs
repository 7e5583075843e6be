//! `json_schema()`, and the type definitions the stub generator reads.

use bluebutton_model::{Detection, HealthRecord};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use schemars::generate::SchemaSettings;

/// The JSON Schema (draft 2020-12) of `HealthRecord.to_dict()`, as a dict.
///
/// Generated from the Rust model, like the CLI's `schema` output.
#[pyfunction]
pub(crate) fn json_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    loads(py, &bluebutton_model::json_schema())
}

/// Every model type's JSON Schema by type name, `HealthRecord` and `Detection` included.
///
/// Private: `tools/gen_stubs.py` writes the `.pyi` stubs from it.
#[pyfunction(name = "_definitions")]
pub(crate) fn definitions(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    generator.subschema_for::<HealthRecord>();
    generator.subschema_for::<Detection>();
    loads(py, &generator.take_definitions(true))
}

fn loads<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| PyValueError::new_err(format!("cannot serialize the schema: {e}")))?;
    py.import("json")?.getattr("loads")?.call1((text,))
}
