//! Immunizations, given and refused.

use crate::allergy::Reaction;
use crate::coded::{Coded, Identifier, Quantity};
use crate::macros::model;
use crate::party::Participant;
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// A vaccination given, or refused (C-CDA Immunization Activity, FHIR Immunization).
    pub struct Immunization {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The mood as found (`EVN` given, `INT` planned).
        pub mood: Option<String>,
        /// True when the vaccine was NOT given (refused, contraindicated).
        pub negated: bool,
        /// Why it was not given (Immunization Refusal Reason).
        pub refusal_reason: Option<Coded>,
        /// The vaccine (CVX with translations).
        pub vaccine: Option<Coded>,
        /// When it was given.
        pub time: Option<Interval>,
        /// Dose.
        pub dose: Option<Quantity>,
        /// Route.
        pub route: Option<Coded>,
        /// Body site.
        pub site: Option<Coded>,
        /// Which dose in the series (`repeatNumber`, `protocolApplied.doseNumber`).
        pub dose_number: Option<i64>,
        /// Lot number.
        pub lot_number: Option<String>,
        /// Manufacturer's name.
        pub manufacturer: Option<String>,
        /// True when reported by the patient rather than recorded by the giver.
        pub reported: Option<bool>,
        /// Who gave it.
        pub performers: Vec<Participant>,
        /// Reactions.
        pub reactions: Vec<Reaction>,
        /// Instructions given.
        pub instructions: Vec<Coded>,
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
