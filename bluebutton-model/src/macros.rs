//! The one place where model types get their derives.
//!
//! Every model struct and enum is declared through [`model!`], so serde, JSON Schema and the
//! optional binding derives (uniffi, pyo3, tsify) are applied uniformly: a field added to the
//! model reaches every binding without any hand-written glue.

/// Declares a model struct or a unit-only enum with the model's derives.
///
/// Struct fields whose value equals the type's default (`None`, an empty list, `false`, an
/// empty string) are left out of the JSON form and read back as the default.
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "pyo3", pyo3::pyclass(get_all, frozen, module = "bluebutton"))]
        #[serde(default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(skip_serializing_if = "crate::macros::is_default")]
                pub $field: $ty,
            )*
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($body:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "pyo3", pyo3::pyclass(eq, eq_int, frozen, module = "bluebutton"))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($body)* }
    };
}

pub(crate) use model;

/// True when `value` is its type's default; used to leave such fields out of the JSON form.
pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}
