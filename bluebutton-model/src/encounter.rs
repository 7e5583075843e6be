//! Encounters: visits, admissions, appointments.

use crate::coded::{Coded, DatedCode, Identifier};
use crate::macros::model;
use crate::party::{Location, Participant};
use crate::problem::Problem;
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// An encounter (C-CDA Encounter Activity, encompassing encounter, FHIR Encounter,
    /// VA admission or appointment).
    pub struct Encounter {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The mood as found (`EVN` happened, `APT` appointment, `INT` planned).
        pub mood: Option<String>,
        /// The kind of encounter (CPT, SNOMED, ActEncounterCode).
        pub code: Option<Coded>,
        /// When it happened.
        pub period: Option<Interval>,
        /// Priority (`priorityCode`: emergency, urgent, elective; UB-04 admission type).
        pub priority: Option<Coded>,
        /// Who took part.
        pub performers: Vec<Participant>,
        /// Where it happened.
        pub locations: Vec<Location>,
        /// Other participants: where the patient came from (`ORG`, with the admission source
        /// as its role), a referrer, an escort (C-CDA entry `participant`; the
        /// participation's type code is the `function`).
        pub participants: Vec<Participant>,
        /// Diagnoses made (Encounter Diagnosis).
        pub diagnoses: Vec<Problem>,
        /// Reasons for the visit.
        pub reasons: Vec<Coded>,
        /// The reasons the source dates, each with its time (an Indication's
        /// `effectiveTime`: when the condition was noted or began); their codes are also in
        /// `reasons`.
        pub reason_times: Vec<DatedCode>,
        /// Where the patient went afterwards (`dischargeDispositionCode`).
        pub discharge_disposition: Option<Coded>,
        /// Authors.
        pub authors: Vec<Participant>,
        /// Comments.
        pub notes: Vec<String>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}
