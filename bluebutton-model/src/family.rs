//! Family history.

use crate::coded::Identifier;
use crate::macros::model;
use crate::observation::Observation;
use crate::party::RelatedPerson;
use crate::provenance::Source;
use crate::time::PartialDateTime;

model! {
    /// A relative and what is known of their health (C-CDA Family History Organizer,
    /// FHIR FamilyMemberHistory).
    pub struct FamilyMember {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The relative (relationship, name, gender, birth).
        pub relative: Option<RelatedPerson>,
        /// True when the relative is deceased.
        pub deceased: Option<bool>,
        /// When the relative died (`sdtc:deceasedTime`, FHIR `deceasedDate`).
        pub deceased_time: Option<PartialDateTime>,
        /// Conditions and findings (Family History Observation, `condition`).
        pub observations: Vec<Observation>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}
