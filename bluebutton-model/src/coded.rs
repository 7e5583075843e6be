//! Coded values, identifiers, quantities and polymorphic observation values.

use crate::macros::model;
use crate::time::{Interval, PartialDateTime};

model! {
    /// One code from one code system, as found (a C-CDA `translation`, one FHIR `Coding`).
    pub struct Coding {
        /// The code itself (`@code`, `Coding.code`).
        pub code: Option<String>,
        /// The code system as found: an OID (C-CDA) or a URI (FHIR).
        pub system: Option<String>,
        /// The code system's name as the source gives it (`@codeSystemName`).
        pub system_name: Option<String>,
        /// The code system version (`@codeSystemVersion`, `Coding.version`).
        pub system_version: Option<String>,
        /// The human-readable meaning (`@displayName`, `Coding.display`).
        pub display: Option<String>,
        /// Why the code is absent (`@nullFlavor`: NI, UNK, ASKU, NA, OTH, ...), kept as such.
        pub null_flavor: Option<String>,
    }
}

model! {
    /// A coded concept: the primary code, its translations, and the text it was coded from
    /// (C-CDA CD/CE/CV/CO, FHIR CodeableConcept, or a label from a text report).
    pub struct Coded {
        /// The code itself (`@code`, first `Coding.code`).
        pub code: Option<String>,
        /// The code system as found: an OID (C-CDA) or a URI (FHIR).
        pub system: Option<String>,
        /// The code system's name as the source gives it (`@codeSystemName`).
        pub system_name: Option<String>,
        /// The code system version (`@codeSystemVersion`, `Coding.version`).
        pub system_version: Option<String>,
        /// The human-readable meaning (`@displayName`, `Coding.display`).
        pub display: Option<String>,
        /// The text the concept was coded from: `originalText`, resolved through its narrative
        /// reference when it has one; `CodeableConcept.text`; the label of a text report.
        pub original_text: Option<String>,
        /// Why the code is absent (`@nullFlavor`), kept as such and never replaced by a value.
        pub null_flavor: Option<String>,
        /// Equivalent codes in other systems (`translation`, further `Coding`s).
        pub translations: Vec<Coding>,
        /// Qualifiers that refine the concept (`qualifier/name` = `qualifier/value`).
        pub qualifiers: Vec<Qualifier>,
    }
}

model! {
    /// A coded concept with the time the source gives it: an indication and when it
    /// holds (C-CDA Indication `value` and `effectiveTime`).
    pub struct DatedCode {
        /// The concept.
        pub code: Option<Coded>,
        /// When it holds.
        pub time: Option<Interval>,
    }
}

model! {
    /// A name/value pair that refines a coded concept (laterality, severity, ...).
    pub struct Qualifier {
        /// What is qualified (`qualifier/name`).
        pub name: Option<Coding>,
        /// The qualifying value (`qualifier/value`).
        pub value: Option<Coding>,
    }
}

model! {
    /// An identifier: a namespace and a value (C-CDA `id`, FHIR `Identifier`).
    pub struct Identifier {
        /// The namespace: C-CDA `@root` (an OID or UUID), FHIR `Identifier.system`.
        pub system: Option<String>,
        /// The value within the namespace: C-CDA `@extension`, FHIR `Identifier.value`.
        pub value: Option<String>,
        /// The assigning authority's name (`@assigningAuthorityName`, `assigner.display`).
        pub assigner: Option<String>,
        /// What kind of identifier this is (FHIR `Identifier.type`: MR, SS, MB, NPI, ...).
        // Never in C-CDA, whose records hold many identifiers: boxed, so an identifier stays small.
        pub kind: Option<Box<Coded>>,
        /// Why the identifier is absent or masked (`@nullFlavor`, e.g. MSK).
        pub null_flavor: Option<String>,
    }
}

model! {
    /// A measured amount with its unit; the value keeps the source's decimal text exactly
    /// ("7.10" stays "7.10").
    pub struct Quantity {
        /// The decimal value as written in the source.
        pub value: Option<String>,
        /// The unit as written (UCUM for C-CDA PQ, `Quantity.unit` or `.code` for FHIR).
        pub unit: Option<String>,
        /// The unit's code system (FHIR `Quantity.system`, usually UCUM).
        pub unit_system: Option<String>,
        /// `<`, `<=`, `>=` or `>` when the value is a bound rather than a measurement.
        pub comparator: Option<String>,
        /// Why the value is absent (`@nullFlavor`).
        pub null_flavor: Option<String>,
        /// The same amount in other units (`translation`, PQR).
        pub translations: Vec<Coding>,
    }
}

model! {
    /// A range of quantities (C-CDA IVL_PQ, FHIR Range).
    pub struct QuantityRange {
        /// The lower bound.
        pub low: Option<Quantity>,
        /// The upper bound.
        pub high: Option<Quantity>,
    }
}

model! {
    /// A ratio of two quantities (C-CDA RTO, FHIR Ratio).
    pub struct Ratio {
        /// The numerator.
        pub numerator: Option<Quantity>,
        /// The denominator.
        pub denominator: Option<Quantity>,
    }
}

model! {
    /// An amount of money kept as exact decimal text, never a float.
    pub struct Money {
        /// The decimal amount as written, without currency symbols or thousands separators.
        pub value: Option<String>,
        /// ISO 4217 currency code when given (FHIR `Money.currency`); text reports are USD.
        pub currency: Option<String>,
    }
}

model! {
    /// Data carried inline or by reference (C-CDA ED, FHIR Attachment).
    pub struct Attachment {
        /// The MIME type (`@mediaType`, `contentType`).
        pub media_type: Option<String>,
        /// The content: decoded text, or base64 exactly as found when it is binary.
        pub data: Option<String>,
        /// `base64` when `data` is base64-encoded binary content.
        pub encoding: Option<String>,
        /// Where the content lives (`reference/@value`, `Attachment.url`).
        pub reference: Option<String>,
        /// A title for the content (`Attachment.title`).
        pub title: Option<String>,
    }
}

model! {
    /// The kind of value an observation carries (C-CDA `xsi:type`, FHIR `value[x]`).
    pub enum ValueKind {
        /// No value: only a null flavor, or nothing at all.
        #[default]
        Absent,
        /// A physical quantity (PQ, REAL, `valueQuantity`): see `quantity`.
        Quantity,
        /// A range (IVL_PQ, `valueRange`): see `range`.
        Range,
        /// A ratio (RTO, `valueRatio`): see `ratio`.
        Ratio,
        /// A coded value (CD, CE, CO, `valueCodeableConcept`): see `coded`.
        Coded,
        /// Text (ST, `valueString`): see `text`.
        Text,
        /// An integer (INT, `valueInteger`): see `integer`.
        Integer,
        /// A boolean (BL, `valueBoolean`): see `boolean`.
        Boolean,
        /// A point or interval in time (TS, IVL_TS, `valueDateTime`, `valuePeriod`): see `time`.
        Time,
        /// Encapsulated data (ED, `valueAttachment`): see `attachment`.
        Attachment,
    }
}

model! {
    /// A polymorphic observation value. `kind` says which one of the other fields holds it.
    pub struct Value {
        /// Which field holds the value.
        pub kind: ValueKind,
        /// The source's type name as found (`PQ`, `CD`, `ST`, `valueQuantity`, ...).
        pub source_type: Option<String>,
        /// A physical quantity.
        pub quantity: Option<Quantity>,
        /// A range of quantities.
        // Rare beside quantities and codes: boxed, so that a value stays small.
        pub range: Option<Box<QuantityRange>>,
        /// A ratio.
        // Rare beside quantities and codes: boxed, so that a value stays small.
        pub ratio: Option<Box<Ratio>>,
        /// A coded value.
        pub coded: Option<Coded>,
        /// A text value (also the resolved text of a narrative reference).
        pub text: Option<String>,
        /// An integer value.
        pub integer: Option<i64>,
        /// A boolean value.
        pub boolean: Option<bool>,
        /// A point or interval in time.
        // Rare beside quantities and codes: boxed, so that a value stays small.
        pub time: Option<Box<Interval>>,
        /// Encapsulated data.
        // Rare beside quantities and codes: boxed, so that a value stays small.
        pub attachment: Option<Box<Attachment>>,
        /// Why the value is absent (`@nullFlavor`).
        pub null_flavor: Option<String>,
    }
}

model! {
    /// A reference range for an observation value.
    pub struct ReferenceRange {
        /// The lower limit.
        pub low: Option<Quantity>,
        /// The upper limit.
        pub high: Option<Quantity>,
        /// The range as text (`observationRange/text`, `referenceRange.text`).
        pub text: Option<String>,
        /// A coded normal value (`observationRange/value` of type CD).
        pub normal: Option<Coded>,
        /// What the range means (`interpretationCode`, `referenceRange.type`).
        pub meaning: Option<Coded>,
        /// Who the range applies to (age, sex), as coded or text conditions.
        pub applies_to: Vec<Coded>,
        /// The age range it applies to.
        pub age: Option<QuantityRange>,
    }
}

model! {
    /// A labelled value with no dedicated field: a text-report line or a FHIR
    /// `supportingInfo` entry, kept so nothing is lost.
    pub struct NamedValue {
        /// The label or category.
        pub name: Option<Coded>,
        /// The value.
        pub value: Option<Value>,
        /// When it applies.
        pub time: Option<PartialDateTime>,
    }
}
