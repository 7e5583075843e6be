//! HL7 C-CDA (and any CDA R2 `ClinicalDocument`) into the record.
//!
//! One pass over quick-xml events by recursive descent: each reader function consumes its
//! element and dispatches on child names (inside the root element, a light tokenizer gives
//! the events: see `xml::markup`). The header maps to `document` and `patient`;
//! allergies, medications, problems, results, vital signs, immunizations, procedures,
//! encounters, social history, functional and mental status, family history, medical
//! equipment, advance directives, payers, plan of care, goals, health concerns, care teams
//! and notes are mapped entry by entry (one model item per `<entry>`; organizers of
//! devices, directives and policies, and care teams, give one item per member; a concern
//! or diagnosis act one problem per problem observation); Note Activities map to notes
//! wherever they are; a CCD Purpose section gives the document's purposes; the entries of
//! sections that hold several kinds (procedure-note, nutrition, assessment, imaging
//! report, ...) go where each belongs, their narrative kept as a note too; every other
//! section is kept as a note with its narrative as plain text.

mod advance_directives;
mod allergies;
mod care_team;
mod context;
mod datatypes;
mod document;
mod encounters;
mod external;
mod family_history;
mod fixed_codes;
mod functional_status;
mod goals;
mod health_concerns;
mod immunizations;
mod medical_equipment;
mod medications;
mod mental_status;
mod mixed;
mod narrative;
mod notes;
mod observations;
mod participants;
mod patient;
mod payers;
mod plan_of_care;
mod problems;
mod procedures;
mod purpose;
mod related;
mod results;
mod section;
mod social_history;
mod statement;
mod subject;
mod templates;
mod vitals;

use bluebutton_model::{HealthRecord, InputKind, WarningCode};

use crate::error::{ErrorKind, ParseError};
use crate::xml::{lossy, to_utf8, Decoded};
use context::{warning, Cx};

/// Reads a C-CDA document.
///
/// # Errors
/// As [`parse_into`].
pub(crate) fn parse(input: &[u8]) -> Result<HealthRecord, ParseError> {
    let mut record = HealthRecord::default();
    parse_into(input, &mut record)?;
    Ok(record)
}

/// Reads a C-CDA document into `record`, a default record. The record is filled in place
/// rather than returned: it is large, and each move of it copies several kilobytes.
///
/// # Errors
/// [`ErrorKind::Malformed`] (with a position) for XML that is not well-formed,
/// [`ErrorKind::LimitExceeded`] for entity declarations or excessive nesting,
/// [`ErrorKind::Incomplete`] for a bare section or a stub with neither patient nor
/// templated body, [`ErrorKind::NotAHealthRecord`] for other XML, and
/// [`ErrorKind::Encoding`] for an unsupported declared encoding. `record` is then left
/// partly filled.
pub(crate) fn parse_into(input: &[u8], record: &mut HealthRecord) -> Result<(), ParseError> {
    let decoded = to_utf8(input).map_err(|e| {
        ParseError::new(
            ErrorKind::Encoding,
            InputKind::Ccda,
            format!("the declared encoding {:?} is not supported", e.declared),
        )
    })?;
    match read(&decoded, record) {
        // Not UTF-8 after all: repair the bytes (with a warning) and read them instead,
        // into a fresh record.
        Err(e) if e.kind() == ErrorKind::Encoding => match lossy(&decoded.bytes) {
            Some(repaired) => {
                *record = HealthRecord::default();
                read(&repaired, record)
            }
            None => Err(e),
        },
        result => result,
    }
}

fn read(decoded: &Decoded<'_>, record: &mut HealthRecord) -> Result<(), ParseError> {
    let mut cx = Cx::new(&decoded.bytes);
    if let Some(issue) = decoded.issue.clone() {
        let mut w = warning(
            WarningCode::InvalidEncoding,
            issue.message,
            issue.position.unwrap_or((1, 1)),
        );
        if issue.position.is_none() {
            w.line = None;
            w.column = None;
        }
        cx.warnings.push(w);
    }
    let root = cx.r.root()?;
    if root.local() == "section" {
        return Err(cx.r.error_at(
            ErrorKind::Incomplete,
            "this is a bare C-CDA <section>, not a whole clinical document",
            root.offset(),
        ));
    }
    if !root.is("ClinicalDocument") {
        return Err(cx.r.error_at(
            ErrorKind::NotAHealthRecord,
            format!(
                "the root element <{}> is not a CDA ClinicalDocument",
                root.local()
            ),
            root.offset(),
        ));
    }
    let complete = document::read_document(&mut cx, &root, record)?;
    cx.r.finish()?;
    if !complete.has_patient && !complete.has_body {
        return Err(cx.r.error_at(
            ErrorKind::Incomplete,
            "the ClinicalDocument has neither a patient (recordTarget) nor a body with templated sections: a header-only or stub document",
            root.offset(),
        ));
    }
    record.warnings = cx.warnings;
    Ok(())
}
