//! Free text: clinical notes, narrative-only sections, and whatever has no other home.

use crate::coded::{Attachment, Coded, Identifier};
use crate::macros::model;
use crate::party::Participant;
use crate::provenance::Source;
use crate::time::Interval;

model! {
    /// A note: a narrative-only or unknown section, a Note Activity, a VA progress note,
    /// a FHIR DocumentReference, or a text-report section with no structured home.
    pub struct Note {
        /// Identifiers (a Note Activity's `id`s).
        pub ids: Vec<Identifier>,
        /// What kind of note: `section` (a section's narrative), `note` (a Note Activity or
        /// clinical note), `report` (a text-report section).
        pub kind: Option<String>,
        /// The note's or section's code (LOINC).
        pub code: Option<Coded>,
        /// The title.
        pub title: Option<String>,
        /// The plain text, with tables and lists rendered readably.
        pub text: Option<String>,
        /// When it was written or what it covers.
        pub time: Option<Interval>,
        /// Authors.
        pub authors: Vec<Participant>,
        /// Attached content.
        pub attachments: Vec<Attachment>,
        /// Documents the note refers to (`reference/externalDocument/id`).
        pub related_documents: Vec<Identifier>,
        /// Where the note came from.
        pub source: Source,
    }
}

model! {
    /// Something the source holds that has no place in the model, kept whole.
    pub struct OtherItem {
        /// What it is (a FHIR resource type, a C-CDA element or template name).
        pub kind: Option<String>,
        /// Its code, when it has one.
        pub code: Option<Coded>,
        /// Its title, when it has one.
        pub title: Option<String>,
        /// Its text, when it has some.
        pub text: Option<String>,
        /// The original content (a FHIR resource as JSON text, an XML fragment).
        pub content: Option<String>,
        /// Where it came from.
        pub source: Source,
    }
}
