//! Python methods shared by every model class (`pyo3` feature only).
//!
//! `#[pymethods]` must live in the crate that defines the class, so the [`model!`] macro
//! expands [`py_struct_methods!`] and [`py_enum_methods!`] for each type it declares, and
//! [`HealthRecord`], which is declared by hand, gets the same methods below. The bodies are
//! the generic functions here: the JSON form is serde's, so `to_dict()` is exactly
//! `json.loads` of the CLI's output.
//!
//! [`model!`]: crate::macros::model

use std::fmt::Write as _;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde::Serialize;
use serde_json::Value;

use crate::record::HealthRecord;

/// Adds `to_dict()`, `to_json()` and `__repr__` to a model struct.
macro_rules! py_struct_methods {
    ($name:ident) => {
        #[pyo3::pymethods]
        impl $name {
            /// The value as plain Python data: dicts, lists, str, int and bool.
            ///
            /// Equal to `json.loads(self.to_json())`: fields that hold nothing are left out.
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::python::to_dict(py, self)
            }

            /// The JSON form; `indent` spaces per level pretty-prints it (the CLI uses 2).
            #[pyo3(signature = (indent = None))]
            fn to_json(&self, indent: Option<usize>) -> pyo3::PyResult<String> {
                crate::python::to_json(self, indent)
            }

            fn __repr__(&self) -> pyo3::PyResult<String> {
                crate::python::repr(stringify!($name), self)
            }
        }

        /// A boxed value (a rarely set part, kept out of line) is the same Python class.
        impl<'py> pyo3::IntoPyObject<'py> for Box<$name> {
            type Target = $name;
            type Output = pyo3::Bound<'py, $name>;
            type Error = pyo3::PyErr;

            fn into_pyobject(self, py: pyo3::Python<'py>) -> pyo3::PyResult<Self::Output> {
                pyo3::Bound::new(py, *self)
            }
        }
    };
}

/// Adds `value` (the JSON name) and `__str__` to a model enum.
macro_rules! py_enum_methods {
    ($name:ident) => {
        #[pyo3::pymethods]
        impl $name {
            /// The name used in the JSON form and in `to_dict()` (`"ccda"`, `"va_text"`).
            #[getter]
            fn value(&self) -> pyo3::PyResult<String> {
                crate::python::enum_value(self)
            }

            fn __str__(&self) -> pyo3::PyResult<String> {
                crate::python::enum_value(self)
            }
        }
    };
}

pub(crate) use py_enum_methods;
pub(crate) use py_struct_methods;

#[pymethods]
impl HealthRecord {
    /// The record as plain Python data: dicts, lists, str, int and bool.
    ///
    /// Equal to `json.loads(self.to_json())` and to the CLI's JSON output; every top-level
    /// key is present, nested fields that hold nothing are left out.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, self)
    }

    /// The JSON form; `indent` spaces per level pretty-prints it (the CLI uses 2).
    #[pyo3(signature = (indent = None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json(self, indent)
    }

    fn __repr__(&self) -> PyResult<String> {
        repr("HealthRecord", self)
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        *self == *other
    }
}

/// The JSON text of `value`, compact or indented by `indent` spaces.
pub(crate) fn to_json<T: Serialize>(value: &T, indent: Option<usize>) -> PyResult<String> {
    let Some(width) = indent else {
        return serde_json::to_string(value).map_err(json_error);
    };
    let spaces = vec![b' '; width];
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(&spaces);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer).map_err(json_error)?;
    String::from_utf8(out).map_err(|_| PyValueError::new_err("JSON output is not UTF-8"))
}

/// `json.loads` of the JSON text: key order and omitted fields match the JSON form exactly.
pub(crate) fn to_dict<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let text = to_json(value, None)?;
    let loads = LOADS.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((text,))
}

/// The JSON name of an enum value.
pub(crate) fn enum_value<T: Serialize>(value: &T) -> PyResult<String> {
    match serde_json::to_value(value).map_err(json_error)? {
        Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

/// Field names whose text is shown in a repr: codes and formats, not patient data.
const SHOWN: &[&str] = &[
    "kind",
    "code",
    "system",
    "version",
    "document_type",
    "precision",
];

/// `Name(field=..., ...)` over the fields that hold something: lists as `[n]`, codes and
/// format names as text, nested values by their codes, other text as `…`.
pub(crate) fn repr<T: Serialize>(name: &str, value: &T) -> PyResult<String> {
    let text = to_json(value, None)?;
    let fields: Fields = serde_json::from_str(&text).map_err(json_error)?;
    let mut out = format!("{name}(");
    let mut first = true;
    for (key, value) in &fields.0 {
        let Some(shown) = summary(key, value, true) else {
            continue;
        };
        if !first {
            out.push_str(", ");
        }
        first = false;
        let _ = write!(out, "{key}={shown}");
    }
    out.push(')');
    Ok(out)
}

/// One field's repr text, or `None` when it holds nothing.
fn summary(key: &str, value: &Value, nested: bool) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Array(items) if items.is_empty() => None,
        Value::Object(map) if map.is_empty() => None,
        Value::Array(items) => Some(format!("[{}]", items.len())),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if SHOWN.contains(&key) => Some(format!("'{s}'")),
        Value::String(_) => Some("…".to_string()),
        Value::Object(map) if nested => {
            let parts: Vec<String> = SHOWN
                .iter()
                .filter_map(|k| {
                    let v = map.get(*k)?;
                    summary(k, v, false).map(|s| format!("{k}={s}"))
                })
                .collect();
            if parts.is_empty() {
                Some("{…}".to_string())
            } else {
                Some(format!("{{{}}}", parts.join(", ")))
            }
        }
        Value::Object(_) => Some("{…}".to_string()),
    }
}

/// The top-level fields of a JSON object, in document order.
struct Fields(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

fn json_error(err: serde_json::Error) -> PyErr {
    PyValueError::new_err(format!("cannot serialize to JSON: {err}"))
}
