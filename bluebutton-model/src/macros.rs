//! The one place where model types get their derives.
//!
//! Every model struct and enum is declared through [`model!`], so serde, JSON Schema and the
//! optional binding derives (uniffi, pyo3, tsify) are applied uniformly: a field added to the
//! model reaches every binding without any hand-written glue.

/// Declares a model struct or a unit-only enum with the model's derives.
///
/// Struct fields that hold nothing (`None`, an empty list, `false`, an empty string, a struct
/// with nothing in it) are left out of the JSON form and read back as the default. Enum
/// fields are always written.
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
        #[cfg_attr(feature = "pyo3", pyo3::pyclass(get_all, frozen, eq, module = "bluebutton"))]
        #[serde(default)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(skip_serializing_if = "crate::macros::Empty::is_empty")]
                #[cfg_attr(feature = "tsify", tsify(optional))]
                pub $field: $ty,
            )*
        }

        impl crate::macros::IsDefault for $name {
            fn is_default(&self) -> bool {
                true $( && crate::macros::IsDefault::is_default(&self.$field) )*
            }
        }

        impl crate::macros::Empty for $name {
            fn is_empty(&self) -> bool {
                crate::macros::IsDefault::is_default(self)
            }
        }

        impl crate::Prune for $name {
            fn prune(&mut self) {
                $( crate::Prune::prune(&mut self.$field); )*
            }

            fn holds_nothing(&self) -> bool {
                crate::macros::IsDefault::is_default(self)
            }
        }

        #[cfg(feature = "pyo3")]
        crate::python::py_struct_methods!($name);
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($body:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "pyo3", pyo3::pyclass(eq, eq_int, frozen, hash, module = "bluebutton"))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($body)* }

        impl crate::macros::Empty for $name {
            fn is_empty(&self) -> bool {
                false
            }
        }

        impl crate::macros::IsDefault for $name {
            fn is_default(&self) -> bool {
                *self == Self::default()
            }
        }

        impl crate::Prune for $name {}

        #[cfg(feature = "pyo3")]
        crate::python::py_enum_methods!($name);
    };
}

pub(crate) use model;

/// Whether a value equals its type's default, checked field by field (the same as
/// `*self == Self::default()`, without building the default: model structs are large, and
/// serialisation and pruning ask this of every part of a record).
pub(crate) trait IsDefault {
    /// True when `self` equals the default.
    fn is_default(&self) -> bool;
}

impl<T> IsDefault for Option<T> {
    fn is_default(&self) -> bool {
        self.is_none()
    }
}

impl<T> IsDefault for Vec<T> {
    fn is_default(&self) -> bool {
        self.is_empty()
    }
}

impl IsDefault for String {
    fn is_default(&self) -> bool {
        self.is_empty()
    }
}

impl IsDefault for bool {
    fn is_default(&self) -> bool {
        !*self
    }
}

impl IsDefault for u32 {
    fn is_default(&self) -> bool {
        *self == 0
    }
}

/// Whether a field holds nothing and can be left out of the JSON form.
pub(crate) trait Empty {
    /// True when there is nothing to write.
    fn is_empty(&self) -> bool;
}

impl<T> Empty for Option<T> {
    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

impl<T> Empty for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl Empty for String {
    fn is_empty(&self) -> bool {
        String::is_empty(self)
    }
}

impl Empty for bool {
    fn is_empty(&self) -> bool {
        !*self
    }
}

impl Empty for u32 {
    fn is_empty(&self) -> bool {
        *self == 0
    }
}

/// Removes the parts of a record that hold nothing: list items and optional parts equal to
/// their default (what would be an empty object, `{}`, in JSON). Readers build items as
/// they meet elements; an element that turned out to say nothing (an empty `<addr/>`, a
/// FHIR object with no usable member) leaves no trace after pruning. Values of plain types
/// (text, numbers, flags) are never removed: `Some(false)` and `Some("")` say something.
pub trait Prune {
    /// Prunes what `self` holds.
    fn prune(&mut self) {}

    /// True for a model object equal to its default (never for plain values).
    fn holds_nothing(&self) -> bool {
        false
    }
}

impl Prune for String {}
impl Prune for bool {}
impl Prune for u32 {}
impl Prune for i64 {}

impl<T: Prune> Prune for Option<T> {
    fn prune(&mut self) {
        if let Some(v) = self {
            v.prune();
            if v.holds_nothing() {
                *self = None;
            }
        }
    }
}

impl<T: Prune> Prune for Vec<T> {
    fn prune(&mut self) {
        for item in self.iter_mut() {
            item.prune();
        }
        self.retain(|item| !item.holds_nothing());
    }
}

impl<T: Prune> Prune for Box<T> {
    fn prune(&mut self) {
        (**self).prune();
    }

    fn holds_nothing(&self) -> bool {
        (**self).holds_nothing()
    }
}

#[cfg(test)]
mod tests {
    use super::IsDefault;
    use crate::{Coded, Medication, MedicationOrder, Observation, Value, ValueKind};

    /// The field-by-field check agrees with comparing against the default, down to a
    /// nested field and an enum.
    #[test]
    fn is_default_agrees_with_equality() {
        let check = |m: &Medication| assert_eq!(m.is_default(), *m == Medication::default());
        let mut m = Medication::default();
        check(&m);
        m.order = Some(MedicationOrder::default());
        check(&m);
        m.order = None;
        m.source.line = 3;
        check(&m);
        m.source.line = 0;
        m.negated = true;
        check(&m);
        m.negated = false;
        m.product = Some(Coded::default());
        check(&m);

        let mut o = Observation {
            value: Some(Value::default()),
            ..Observation::default()
        };
        assert_eq!(o.is_default(), o == Observation::default());
        let value = Value {
            kind: ValueKind::Text,
            ..Value::default()
        };
        assert!(!value.is_default());
        assert_ne!(value, Value::default());
        o.value = None;
        assert!(o.is_default());
    }
}
