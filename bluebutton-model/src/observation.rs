//! Observations and groups of them: results, vital signs, social history, functional and
//! mental status.

use crate::coded::{Coded, Identifier, ReferenceRange, Value};
use crate::encounter::Encounter;
use crate::macros::model;
use crate::party::Participant;
use crate::procedure::Procedure;
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// One observation (C-CDA Result / Vital Sign / Social History / Functional Status
    /// observation, FHIR Observation, a text-report result line).
    pub struct Observation {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The mood as found (`EVN`, `INT`, `GOL`, ...), when not a plain event.
        pub mood: Option<String>,
        /// True when the source says this was NOT observed.
        pub negated: bool,
        /// Categories (FHIR `category`: laboratory, vital-signs, social-history, ...).
        pub categories: Vec<Coded>,
        /// What was observed (`code`: LOINC, SNOMED).
        pub code: Option<Coded>,
        /// When it was observed (`effectiveTime`, `effective[x]`).
        pub time: Option<Interval>,
        /// The observed value.
        pub value: Option<Value>,
        /// Interpretations (normal, high, low, abnormal, ...).
        pub interpretations: Vec<Coded>,
        /// Reference ranges.
        pub reference_ranges: Vec<ReferenceRange>,
        /// The method used.
        pub method: Option<Coded>,
        /// Body sites.
        pub body_sites: Vec<Coded>,
        /// The specimen.
        pub specimen: Option<Coded>,
        /// Who performed it.
        pub performers: Vec<Participant>,
        /// Authors and recorders.
        pub authors: Vec<Participant>,
        /// Other participants: a caregiver, an informant, a device (C-CDA entry
        /// `participant`; the participation's type code is the `function`).
        pub participants: Vec<Participant>,
        /// Parts of the observation (FHIR `component`, nested C-CDA observations).
        pub components: Vec<Observation>,
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

model! {
    /// A group of observations made together: a lab panel or battery, a set of vital signs
    /// (C-CDA Result / Vital Signs Organizer, FHIR DiagnosticReport). A lone observation
    /// forms a group of one, with no group code.
    pub struct ObservationGroup {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// What the group is (panel code).
        pub code: Option<Coded>,
        /// Categories.
        pub categories: Vec<Coded>,
        /// When the group was observed.
        pub time: Option<Interval>,
        /// The specimen.
        pub specimen: Option<Coded>,
        /// Who performed it.
        pub performers: Vec<Participant>,
        /// Authors.
        pub authors: Vec<Participant>,
        /// Other participants: a verifier, a responsible lab, a device (C-CDA organizer
        /// `participant`; the participation's type code is the `function`).
        pub participants: Vec<Participant>,
        /// The observations.
        pub observations: Vec<Observation>,
        /// The procedures that produced the observations (HITSP C83 and IHE place them
        /// among a result organizer's components).
        pub procedures: Vec<Procedure>,
        /// The encounters the observations were made in, when the group holds them among its
        /// components (an Encounter Activity inside a C-CDA Result Organizer).
        pub encounters: Vec<Encounter>,
        /// A conclusion or report text (FHIR `conclusion`, pathology text).
        pub conclusion: Option<String>,
        /// Comments.
        pub notes: Vec<String>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}
