//! Dates and times that keep their precision, intervals, and dosing schedules.

use crate::coded::{Coded, Quantity, QuantityRange};
use crate::macros::model;

model! {
    /// How much of a date/time the source gave.
    pub enum Precision {
        /// `YYYY`.
        #[default]
        Year,
        /// `YYYY-MM`.
        Month,
        /// `YYYY-MM-DD`.
        Day,
        /// `YYYY-MM-DDThh`.
        Hour,
        /// `YYYY-MM-DDThh:mm`.
        Minute,
        /// `YYYY-MM-DDThh:mm:ss`.
        Second,
        /// `YYYY-MM-DDThh:mm:ss.fff`.
        Subsecond,
    }
}

model! {
    /// A date or date-time exactly as precise as the source, never padded with invented parts.
    pub struct PartialDateTime {
        /// ISO 8601 text truncated to the source precision, with the zone offset when the
        /// source gave one: `2013`, `2013-05`, `2013-05-01`, `2013-05-01T10:30-05:00`.
        pub value: Option<String>,
        /// How much of the date/time the source gave; absent when `value` is absent.
        pub precision: Option<Precision>,
        /// Why the time is absent (`@nullFlavor`: UNK, NI, ...), kept as such.
        pub null_flavor: Option<String>,
        /// The source text when it could not be read as a date (a warning says so).
        pub raw: Option<String>,
    }
}

model! {
    /// A point or interval in time (C-CDA TS / IVL_TS, FHIR dateTime / Period).
    pub struct Interval {
        /// A single point (`effectiveTime/@value`, FHIR `dateTime`).
        pub value: Option<PartialDateTime>,
        /// The start (`low`, `Period.start`).
        pub low: Option<PartialDateTime>,
        /// The end (`high`, `Period.end`); absent for ongoing.
        pub high: Option<PartialDateTime>,
        /// The middle of the interval (`center`).
        pub center: Option<PartialDateTime>,
        /// The length of the interval (`width`).
        // Rarely given: boxed, so that an interval stays small.
        pub width: Option<Box<Quantity>>,
        /// Why the whole interval is absent (`@nullFlavor`).
        pub null_flavor: Option<String>,
    }
}

model! {
    /// A repeating schedule: C-CDA PIVL_TS / EIVL_TS / SXPR_TS, FHIR `Timing`.
    pub struct Frequency {
        /// The time between repetitions (`period`: `6 h`); the low end when a range is given.
        pub period: Option<Quantity>,
        /// The upper end of a period range ("every 4-6 hours": 6 h).
        pub period_max: Option<Quantity>,
        /// Repetitions per period (FHIR `Timing.repeat.frequency`).
        pub count: Option<i64>,
        /// True when the schedule is "n times a day" at times the institution chooses
        /// (`@institutionSpecified`) rather than a strict interval.
        pub institution_specified: Option<bool>,
        /// The calendar alignment (`@alignment`).
        pub alignment: Option<String>,
        /// When the schedule's repetitions happen (`phase`).
        pub phase: Option<Interval>,
        /// An event the timing is tied to (EIVL_TS `event`: HS, AC, PC, ...; `Timing.repeat.when`).
        pub event: Option<Coded>,
        /// The offset from that event (EIVL_TS `offset`).
        pub offset: Option<QuantityRange>,
        /// Further schedule parts (SXPR_TS `comp`, several `effectiveTime`s), as text-free
        /// frequencies of their own.
        pub parts: Vec<FrequencyPart>,
        /// The schedule as text (`Timing.code.text`, a text report's "Instructions").
        pub text: Option<String>,
    }
}

model! {
    /// One component of a combined schedule (SXPR_TS `comp`).
    pub struct FrequencyPart {
        /// The period between repetitions.
        pub period: Option<Quantity>,
        /// The event the part is tied to.
        pub event: Option<Coded>,
        /// When the part's repetitions happen.
        pub phase: Option<Interval>,
        /// How the part combines with the previous ones (`@operator`: I, E, A, H, P).
        pub operator: Option<String>,
    }
}
