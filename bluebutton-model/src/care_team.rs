//! Care-team members.

use crate::coded::{Coded, Identifier};
use crate::macros::model;
use crate::party::Participant;
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// A member of the patient's care team (C-CDA Care Team Organizer / Member Act,
    /// FHIR CareTeam participant, VA and CMS providers).
    pub struct CareTeamMember {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// The team's name, when the member belongs to a named team.
        pub team: Option<String>,
        /// The member.
        pub member: Option<Participant>,
        /// The member's role on the team.
        pub role: Option<Coded>,
        /// When the member was on the team.
        pub period: Option<Interval>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Where the entry came from.
        pub source: Source,
    }
}
