//! Insurance: payers and enrollment.

use crate::coded::{Coded, Identifier, NamedValue};
use crate::macros::model;
use crate::party::{Organization, Participant, RelatedPerson};
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// An insurance policy or plan enrollment (C-CDA Coverage Activity / Policy Activity in
    /// `payers`; FHIR Coverage and CMS text plans in `coverage`).
    pub struct Coverage {
        /// Identifiers (policy, member or plan ids).
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The kind of coverage (Medicare Part A/B/C/D, PPO, self-pay, ...).
        pub kind: Option<Coded>,
        /// The plan's name.
        pub plan_name: Option<String>,
        /// The payer.
        pub payer: Option<Organization>,
        /// The subscriber or member id.
        pub subscriber_id: Option<String>,
        /// The policy holder or subscriber.
        pub subscriber: Option<RelatedPerson>,
        /// The patient's relationship to the subscriber.
        pub relationship: Option<Coded>,
        /// The covered party as the source names them (C-CDA Covered Party participant:
        /// member id, relationship, name, address, birth date; FHIR `beneficiary`).
        pub beneficiary: Option<RelatedPerson>,
        /// Who is financially responsible (C-CDA Guarantor performer).
        pub guarantor: Option<Participant>,
        /// When the coverage is in force.
        pub period: Option<Interval>,
        /// Plan classes: group, plan, contract, PBP, RxBIN, ... (FHIR `class`).
        pub classes: Vec<NamedValue>,
        /// Further labelled facts (FHIR extensions, text-report fields).
        pub details: Vec<NamedValue>,
        /// Comments.
        pub notes: Vec<String>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}
