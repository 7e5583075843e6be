//! Problems, conditions and diagnoses.

use crate::coded::{Coded, Identifier, Quantity};
use crate::macros::model;
use crate::observation::Observation;
use crate::party::{Location, Participant};
use crate::provenance::Source;
use crate::time::{Interval, PartialDateTime};

model! {
    /// A problem, condition or diagnosis (C-CDA Problem Concern Act + Problem Observation,
    /// C32 condition, FHIR Condition, text-report problem).
    pub struct Problem {
        /// Identifiers of the problem observation.
        pub ids: Vec<Identifier>,
        /// Identifiers of the concern act that wraps it.
        pub concern_ids: Vec<Identifier>,
        /// The concern's status as found (`statusCode`).
        pub status: Option<String>,
        /// The concern's period.
        pub concern_period: Option<Interval>,
        /// The clinical status (Problem Status Observation, FHIR `clinicalStatus`).
        pub clinical_status: Option<Coded>,
        /// When the clinical status holds (the Problem Status Observation's
        /// `effectiveTime`).
        pub status_time: Option<Interval>,
        /// The verification status (FHIR `verificationStatus`).
        pub verification_status: Option<Coded>,
        /// True when the source says the patient does NOT have this problem.
        pub negated: bool,
        /// The kind of problem (observation `code`: problem, diagnosis, symptom, ...).
        pub kind: Option<Coded>,
        /// Categories (FHIR `category`).
        pub categories: Vec<Coded>,
        /// The problem itself (observation `value`: SNOMED with ICD translations).
        pub code: Option<Coded>,
        /// Onset (`low`) and resolution (`high`).
        pub period: Option<Interval>,
        /// When it was recorded.
        pub recorded: Option<PartialDateTime>,
        /// Body sites.
        pub body_sites: Vec<Coded>,
        /// Where the problem was found or diagnosed (a diagnosis act's Service Delivery
        /// Location: the facility of an admission diagnosis).
        pub locations: Vec<Location>,
        /// Age at onset (Age Observation).
        pub onset_age: Option<Quantity>,
        /// Severity.
        pub severity: Option<Coded>,
        /// Health status (Health Status Observation).
        pub health_status: Option<Coded>,
        /// The expected course of the problem, each prognosis with when it was given
        /// (C-CDA Prognosis Observation).
        pub prognoses: Vec<Observation>,
        /// Priority (Priority Preference).
        pub priority: Option<Coded>,
        /// Authors and recorders.
        pub authors: Vec<Participant>,
        /// Comments.
        pub notes: Vec<String>,
        /// Identifiers of the encounter the entry belongs to (a related `encounter` that
        /// holds only its `id`).
        pub encounter_ids: Vec<Identifier>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}
