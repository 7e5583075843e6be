//! Advance directives.

use crate::coded::{Attachment, Coded, Identifier, Value};
use crate::macros::model;
use crate::party::Participant;
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// An advance directive (C-CDA Advance Directive Observation / Organizer, FHIR
    /// Consent or DocumentReference).
    pub struct AdvanceDirective {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The directive's status (CCD Advance Directive Status Observation: current and
        /// verified, superseded, ...).
        pub clinical_status: Option<Coded>,
        /// True when the source says the directive does NOT exist.
        pub negated: bool,
        /// The kind of directive (`code`).
        pub code: Option<Coded>,
        /// What it says (`value`).
        pub value: Option<Value>,
        /// When it is in force.
        pub period: Option<Interval>,
        /// Who verified it.
        pub verifiers: Vec<Participant>,
        /// Who keeps the document.
        pub custodian: Option<Participant>,
        /// The directive documents (`reference/externalDocument`, attachments).
        pub documents: Vec<Attachment>,
        /// Authors.
        pub authors: Vec<Participant>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}
