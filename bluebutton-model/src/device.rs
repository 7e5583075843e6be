//! Medical equipment and implants.

use crate::coded::{Coded, DatedCode, Identifier};
use crate::macros::model;
use crate::party::Participant;
use crate::provenance::Source;
use crate::time::{Interval, PartialDateTime};

model! {
    /// Medical equipment or an implanted device (C-CDA Non-Medicinal Supply Activity,
    /// Product Instance with UDI, FHIR Device, CMS implantable device).
    pub struct MedicalDevice {
        /// Identifiers, including the UDI device identifier.
        pub ids: Vec<Identifier>,
        /// Status as found.
        pub status: Option<String>,
        /// True when the source says the device is NOT present.
        pub negated: bool,
        /// The kind of device.
        pub code: Option<Coded>,
        /// The group the device is listed under, with the group's time (C-CDA Medical
        /// Equipment Organizer `code` and `effectiveTime`: implants, ...).
        pub group: Option<DatedCode>,
        /// The device's name as written.
        pub name: Option<String>,
        /// The full UDI carrier string.
        pub udi: Option<String>,
        /// Manufacturer.
        pub manufacturer: Option<String>,
        /// Model.
        pub model: Option<String>,
        /// Lot number.
        pub lot_number: Option<String>,
        /// Serial number.
        pub serial_number: Option<String>,
        /// Expiry date.
        pub expiry: Option<PartialDateTime>,
        /// When it was used or implanted.
        pub time: Option<Interval>,
        /// Body sites.
        pub body_sites: Vec<Coded>,
        /// The procedure that implanted or used the device (C-CDA Procedure Activity
        /// Procedure `code`, when a device participant describes the device itself).
        pub procedure: Option<Coded>,
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
