//! Procedures.

use crate::coded::{Coded, DatedCode, Identifier, Value};
use crate::macros::model;
use crate::party::{Location, Participant};
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// A procedure (C-CDA Procedure Activity Procedure / Act / Observation, C32 procedure,
    /// FHIR Procedure).
    pub struct Procedure {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Which C-CDA variant: `procedure`, `act` or `observation`.
        pub kind: Option<String>,
        /// Status as found.
        pub status: Option<String>,
        /// The mood as found, when not a plain event.
        pub mood: Option<String>,
        /// True when the procedure was NOT done.
        pub negated: bool,
        /// Why it was not done.
        pub negation_reason: Option<Coded>,
        /// The procedure code.
        pub code: Option<Coded>,
        /// When it was done.
        pub period: Option<Interval>,
        /// Body sites (`targetSiteCode`).
        pub body_sites: Vec<Coded>,
        /// Methods (`methodCode`).
        pub methods: Vec<Coded>,
        /// The result, for the observation variant.
        pub value: Option<Value>,
        /// Reasons or indications.
        pub reasons: Vec<Coded>,
        /// The reasons the source dates, each with its time (an Indication's
        /// `effectiveTime`: when the condition was noted or began); their codes are also in
        /// `reasons`.
        pub reason_times: Vec<DatedCode>,
        /// Devices used or implanted.
        pub devices: Vec<Coded>,
        /// Specimens taken.
        pub specimens: Vec<Coded>,
        /// Priority.
        pub priority: Option<Coded>,
        /// Who performed it.
        pub performers: Vec<Participant>,
        /// Where it was done.
        pub locations: Vec<Location>,
        /// Authors.
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
