//! Plans of care, goals and health concerns.

use crate::coded::{Coded, DatedCode, Identifier, Quantity, Value};
use crate::macros::model;
use crate::observation::Observation;
use crate::party::{Location, Participant};
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// A planned, ordered or proposed activity (C-CDA Plan of Care / Care Plan entries:
    /// planned act, encounter, procedure, observation, medication, supply, immunization,
    /// instruction; interventions; FHIR CarePlan activity, ServiceRequest).
    pub struct PlannedActivity {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// What kind of activity: `act`, `encounter`, `procedure`, `observation`,
        /// `medication`, `supply`, `immunization`, `instruction`, `intervention`, ...
        pub kind: Option<String>,
        /// The mood as found (`INT`, `RQO`, `PRP`, `PRMS`, `APT`, `ARQ`; FHIR `intent`).
        pub mood: Option<String>,
        /// Status as found.
        pub status: Option<String>,
        /// True when the activity is NOT to be done.
        pub negated: bool,
        /// What is planned.
        pub code: Option<Coded>,
        /// When it is planned.
        pub time: Option<Interval>,
        /// A planned value or target.
        pub value: Option<Value>,
        /// The product, for planned medications, supplies and immunizations.
        pub product: Option<Coded>,
        /// The planned dose, for planned medications and immunizations.
        pub dose: Option<Quantity>,
        /// The planned route, for planned medications and immunizations.
        pub route: Option<Coded>,
        /// Body sites (`targetSiteCode`, `approachSiteCode`).
        pub body_sites: Vec<Coded>,
        /// Priority.
        pub priority: Option<Coded>,
        /// Reasons.
        pub reasons: Vec<Coded>,
        /// The reasons the source dates, each with its time (an Indication's
        /// `effectiveTime`: when the condition was noted or began); their codes are also in
        /// `reasons`.
        pub reason_times: Vec<DatedCode>,
        /// Who is to perform it.
        pub performers: Vec<Participant>,
        /// Where it is to take place (a planned encounter's Service Delivery Location).
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
        /// What the activity groups or refers to: an intervention's activities, an
        /// outcome's progress, a planned activity's instructions.
        pub components: Vec<PlannedActivity>,
        /// Where the entry came from.
        pub source: Source,
    }
}

model! {
    /// A goal (C-CDA Goal Observation, FHIR Goal).
    pub struct Goal {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found (`statusCode`, FHIR `lifecycleStatus`).
        pub status: Option<String>,
        /// What the goal is (`code`, `description`).
        pub code: Option<Coded>,
        /// When it starts and is due.
        pub time: Option<Interval>,
        /// Targets (`value`, `target.detail[x]`).
        pub targets: Vec<Value>,
        /// Priority.
        pub priority: Option<Coded>,
        /// Progress towards the goal (`achievementStatus`, Goal progress).
        pub achievement: Option<Coded>,
        /// Authors.
        pub authors: Vec<Participant>,
        /// Comments.
        pub notes: Vec<String>,
        /// The entry's narrative text.
        pub text: Option<String>,
        /// Component goals (C-CDA Goal Observations inside a goal), with their own targets.
        pub components: Vec<Goal>,
        /// Where the entry came from.
        pub source: Source,
    }
}

model! {
    /// A health concern (C-CDA Health Concern Act and the observations it groups).
    pub struct Concern {
        /// Identifiers.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// True when the concern is asserted absent (`negationInd`: no known health
        /// concerns).
        pub negated: bool,
        /// What the concern is, when coded on the act.
        pub code: Option<Coded>,
        /// When it was a concern.
        pub period: Option<Interval>,
        /// The observations the concern groups.
        pub observations: Vec<Observation>,
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
