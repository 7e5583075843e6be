//! Allergies and intolerances.

use crate::coded::{Coded, Identifier};
use crate::macros::model;
use crate::party::Participant;
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// An allergy or intolerance (C-CDA Allergy Concern Act + Allergy Intolerance
    /// Observation, C32 alert, FHIR AllergyIntolerance, text-report allergy).
    pub struct Allergy {
        /// Identifiers of the allergy observation.
        pub ids: Vec<Identifier>,
        /// Identifiers of the concern act that wraps it.
        pub concern_ids: Vec<Identifier>,
        /// The concern's status as found (`statusCode`: active, completed, ...).
        pub status: Option<String>,
        /// The concern's period (when it was tracked).
        pub concern_period: Option<Interval>,
        /// The clinical status (Allergy Status Observation, FHIR `clinicalStatus`).
        pub clinical_status: Option<Coded>,
        /// The verification status (FHIR `verificationStatus`).
        pub verification_status: Option<Coded>,
        /// True when the source says the patient does NOT have this allergy (`negationInd`).
        pub negated: bool,
        /// The kind of allergy (observation `value`: drug allergy, food intolerance, ...).
        pub kind: Option<Coded>,
        /// Categories (FHIR `category`: food, medication, environment, biologic).
        pub categories: Vec<String>,
        /// The substance (`participant/participantRole/playingEntity/code`).
        pub allergen: Option<Coded>,
        /// The substance's name as written (`playingEntity/name`), when the source gives one.
        pub allergen_name: Option<String>,
        /// When the allergy began and ended (observation `effectiveTime`).
        pub period: Option<Interval>,
        /// Criticality (Criticality Observation, FHIR `criticality`).
        pub criticality: Option<Coded>,
        /// Overall severity (Severity Observation on the allergy itself).
        pub severity: Option<Coded>,
        /// Interpretations of the overall severity (the Severity Observation's
        /// `interpretationCode`: normal, abnormal, ...).
        pub severity_interpretations: Vec<Coded>,
        /// Reactions.
        pub reactions: Vec<Reaction>,
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

model! {
    /// A reaction to a substance (C-CDA Reaction Observation, FHIR `reaction`).
    pub struct Reaction {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// The reaction (`value`, `manifestation`).
        pub manifestation: Option<Coded>,
        /// Its severity.
        pub severity: Option<Coded>,
        /// Interpretations of its severity (the Severity Observation's `interpretationCode`).
        pub severity_interpretations: Vec<Coded>,
        /// When it happened.
        pub period: Option<Interval>,
        /// True when the source says this reaction did NOT occur.
        pub negated: bool,
        /// Status as found.
        pub status: Option<String>,
        /// The reaction's narrative text or description.
        pub text: Option<String>,
    }
}
