//! Where each entry came from, and what the parser found odd.

use crate::coded::Coding;
use crate::macros::model;

model! {
    /// Where an entry came from in its source file.
    pub struct Source {
        /// The section's code as found (C-CDA section LOINC code, FHIR resource type).
        pub section_code: Option<String>,
        /// The section's title or a text report's section header.
        pub section: Option<String>,
        /// 1-based line of the entry's first element or line in the input.
        pub line: u32,
        /// 1-based column (in bytes) of the entry's first element in the input.
        pub column: u32,
        /// The entry's template ids (`root` or `root:extension`) or FHIR profiles.
        pub template_ids: Vec<String>,
        /// A path inside structured input: a Bundle entry (`entry[3]`) or an NDJSON line.
        pub path: Option<String>,
        /// The file the entry came from when a record is read from several files.
        pub file: Option<String>,
        /// The source a text report names for the entry (VA `Source: VA`, `Self-Entered`).
        pub label: Option<String>,
        /// The codes of the acts and observations this entry was read through whose
        /// meaning its template fixes (a concern act's `CONC`, a severity observation's
        /// `SEV`), in document order, for provenance and faithful re-writing.
        pub codes: Vec<Coding>,
    }
}

model! {
    /// What kind of oddity a warning reports. Messages never quote patient data.
    pub enum WarningCode {
        /// Something else; the message says what.
        #[default]
        Other,
        /// A section the parser does not know; its narrative was kept as a note.
        UnknownSection,
        /// An entry whose template the parser does not know; kept in `other`.
        UnknownEntry,
        /// An element or field that has no place in the model; kept in `other` or dropped
        /// as the message says.
        UnmappedElement,
        /// A narrative reference (`#id`) that names no element in the section text.
        UnresolvedReference,
        /// A date or time that could not be read; its text is kept in `raw`.
        InvalidDate,
        /// A number that could not be read.
        InvalidNumber,
        /// A required element is missing.
        MissingElement,
        /// An attribute value outside its value set.
        InvalidValue,
        /// Text that was not valid in its declared encoding and was replaced.
        InvalidEncoding,
        /// A reference to another resource or entry that does not resolve.
        UnresolvedLink,
        /// An input line a text parser could not place.
        UnrecognizedLine,
    }
}

model! {
    /// A recoverable oddity met while reading: a code, a message and a location.
    pub struct Warning {
        /// What kind of oddity this is.
        pub code: WarningCode,
        /// A human-readable explanation citing tags, template ids and positions, never
        /// patient data.
        pub message: String,
        /// 1-based line in the input, when known.
        pub line: Option<u32>,
        /// 1-based column in the input, when known.
        pub column: Option<u32>,
        /// A path inside structured input (`entry[3].resource.code`), when known.
        pub path: Option<String>,
    }
}
