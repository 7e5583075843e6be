//! The Blue Button health record model.
//!
//! One typed record for every Blue Button format: HL7 C-CDA, HITSP C32, VA My HealtheVet
//! and CMS MyMedicare.gov text reports, and FHIR R4. This crate holds only the types and
//! their serde form; `bluebutton-parse` reads formats into it.
//!
//! Primary types:
//! - [`HealthRecord`]: the whole record; its JSON keys are always present.
//! - [`Coded`], [`PartialDateTime`], [`Interval`], [`Quantity`], [`Value`]: the value types
//!   every section shares.
//! - [`Source`] and [`Warning`]: provenance, and what the parser found odd.
//!
//! Optional features add binding derives: `uniffi`, `pyo3` and `tsify`.
//!
//! # Quick start
//! ```
//! use bluebutton_model::{HealthRecord, Allergy, Coded};
//!
//! let mut record = HealthRecord::default();
//! record.allergies.push(Allergy {
//!     allergen: Some(Coded { code: Some("7980".into()), display: Some("Penicillin G".into()), ..Default::default() }),
//!     ..Default::default()
//! });
//! let json = serde_json::to_value(&record).unwrap();
//! assert_eq!(json["allergies"][0]["allergen"]["code"], "7980");
//! assert_eq!(json["problems"], serde_json::json!([]));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod macros;

mod allergy;
mod care;
mod care_team;
mod claim;
mod coded;
mod coverage;
mod detection;
mod device;
mod directive;
mod encounter;
mod family;
mod header;
mod immunization;
mod medication;
mod note;
mod observation;
mod party;
mod problem;
mod procedure;
mod provenance;
#[cfg(feature = "pyo3")]
mod python;
mod record;
mod time;

pub use allergy::{Allergy, Reaction};
pub use care::{Concern, Goal, PlannedActivity};
pub use care_team::CareTeamMember;
pub use claim::{Claim, ClaimAmount, ClaimDiagnosis, ClaimItem, ClaimProcedure};
pub use coded::{
    Attachment, Coded, Coding, DatedCode, Identifier, Money, NamedValue, Qualifier, Quantity,
    QuantityRange, Ratio, ReferenceRange, Value, ValueKind,
};
pub use coverage::Coverage;
pub use detection::{Detection, InputKind};
pub use device::MedicalDevice;
pub use directive::AdvanceDirective;
pub use encounter::Encounter;
pub use family::FamilyMember;
pub use header::{Document, FormatKind, Language, Patient, SourceFormat};
pub use immunization::Immunization;
pub use macros::Prune;
pub use medication::{Dispense, Medication, MedicationOrder};
pub use note::{Note, OtherItem};
pub use observation::{Observation, ObservationGroup};
pub use party::{Address, Location, Organization, Participant, PersonName, RelatedPerson, Telecom};
pub use problem::Problem;
pub use procedure::Procedure;
pub use provenance::{Source, Warning, WarningCode};
pub use record::HealthRecord;
pub use time::{Frequency, FrequencyPart, Interval, PartialDateTime, Precision};

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("bluebutton_model");

/// The JSON Schema (draft 2020-12) of [`HealthRecord`]'s JSON form, generated from the types.
pub fn json_schema() -> schemars::Schema {
    schemars::schema_for!(HealthRecord)
}
