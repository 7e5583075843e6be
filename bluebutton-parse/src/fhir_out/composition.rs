//! The document a record was read from (C-CDA, C32, a VA or CMS text report) as a
//! Composition: its type, title, date, language, confidentiality, authors, custodian,
//! attesters (the legal authenticator and the other authenticators), the service it
//! documents, its encounter, and a section per record list (with the list's C-CDA
//! section LOINC code) referring to the entries written for it. The header facts the
//! Composition has no element for are extensions: the set id, version number and further
//! document ids, informants, recipients and other participants, purposes, a non-XML
//! body, and the function and time of each party (on its Reference).

use super::datatypes::{
    absent, attachment, code_text, concept, date_time, first_point, identifier, period,
    put_required_code, required_concept,
};
use super::extensions::{self as ext, put_bound_code, put_extensions};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Document, FormatKind, Participant};

/// HL7 v3 Confidentiality codes, the values `Composition.confidentiality` takes.
const CONFIDENTIALITY: &[&str] = &["U", "L", "M", "N", "R", "V"];

/// The code system of `Composition.confidentiality`.
pub(crate) const V3_CONFIDENTIALITY: &str =
    "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

/// HL7's extension (FHIR R4 core) for a clinical document's version number
/// (`valueString`, on the Composition).
pub(crate) const VERSION_NUMBER: &str =
    "http://hl7.org/fhir/StructureDefinition/composition-clinicaldocument-versionNumber";

/// Writes the Composition of a record read from a clinical document or a text report, or
/// of any record whose document header holds something (a FHIR Composition read).
pub(super) fn write(w: &mut Writer<'_>) {
    let record = w.record;
    let d = &record.document;
    let from_document = matches!(
        record.format.kind,
        FormatKind::Ccda | FormatKind::C32 | FormatKind::VaText | FormatKind::CmsText
    );
    if !from_document && *d == Document::default() {
        return;
    }
    let url = w.url("document");
    let mut o = Writer::resource("Composition", &url);
    o.put_str(
        "language",
        d.language.as_deref().and_then(code_text).as_deref(),
    );
    put_extensions(&mut o, extensions(w, d));
    o.put_str("status", Some("final"))
        .put("type", required_concept(d.code.as_ref()))
        .put("subject", w.subject());
    if d.encounter.is_some() {
        o.put(
            "encounter",
            super::datatypes::reference(&w.url("document/encounter")),
        );
    }
    match d.created.as_ref().and_then(date_time) {
        Some(t) => {
            o.put("date", J::Str(t));
        }
        None => {
            o.put("_date", absent(None));
        }
    }
    // Each author with its function and time on its Reference.
    let authors: Vec<J> = d
        .authors
        .iter()
        .filter_map(|p| ext::participation(w.party(p), p))
        .collect();
    o.put(
        "author",
        if authors.is_empty() {
            J::Arr(vec![absent(None)])
        } else {
            J::Arr(authors)
        },
    );
    // Required: a record without a title says so (a data-absent-reason).
    put_required_code(&mut o, "title", d.title.as_deref());
    // FHIR's code when the source's is one of them; the source's own coding (or a code
    // from elsewhere, or words only) as `alternate-codes` on `_confidentiality`.
    let confidentiality = d
        .confidentiality
        .as_ref()
        .and_then(|c| c.code.as_deref())
        .map(str::trim)
        .filter(|c| CONFIDENTIALITY.contains(c));
    put_bound_code(
        &mut o,
        "confidentiality",
        confidentiality,
        d.confidentiality.as_ref(),
        V3_CONFIDENTIALITY,
    );
    let attesters = d
        .legal_authenticator
        .iter()
        .map(|p| ("legal", p))
        .chain(d.authenticators.iter().map(|p| ("professional", p)))
        .filter_map(|(mode, p)| attester(w, mode, p));
    o.put_all("attester", attesters).put(
        "custodian",
        d.custodian.as_ref().and_then(|org| w.organization(org)),
    );
    let mut event = Obj::new();
    event
        .put_all("code", d.service_codes.iter().filter_map(concept))
        .put("period", d.service_period.as_ref().and_then(period))
        .put_all(
            "detail",
            d.service_performers
                .iter()
                .filter_map(|p| ext::participation(w.party(p), p)),
        );
    o.put_all("event", event.some())
        .put_all("section", sections(w));
    let mut entry = Obj::new();
    entry
        .put_str("fullUrl", Some(&url))
        .put("resource", J::Obj(o));
    // Right after the Patient (the first entry).
    let at = w.entries.len().min(1);
    w.entries.insert(at, J::Obj(entry));
}

/// The header facts the Composition has no element for: the version number (HL7's
/// extension), the set id and the document ids after the first (the Bundle's
/// `identifier`), purposes, informants, recipients and other participants, and a
/// non-XML body (the project's).
fn extensions(w: &Writer<'_>, d: &Document) -> Vec<J> {
    let mut out = Vec::new();
    out.extend(
        d.version_number
            .map(|n| ext::extension(VERSION_NUMBER, "String", J::Str(n.to_string()))),
    );
    out.extend(
        d.set_id
            .as_ref()
            .and_then(identifier)
            .map(|i| ext::identifier("set-id", i)),
    );
    out.extend(
        d.ids
            .iter()
            .filter_map(identifier)
            .skip(1)
            .map(|i| ext::identifier("document-identifier", i)),
    );
    out.extend(ext::coded_all("purpose", &d.purposes));
    for (name, parties) in [
        ("informant", &d.informants),
        ("recipient", &d.recipients),
        ("participant", &d.participants),
    ] {
        out.extend(ext::parties(w, &ext::url(name), parties));
    }
    out.extend(
        d.body
            .as_ref()
            .and_then(attachment)
            .map(|a| ext::extension(&ext::url("document-body"), "Attachment", a)),
    );
    out
}

/// An attester of `mode` (`legal`, `professional`): when it attested (a point in time;
/// a span is the `participation-time` on its party) and the party with its function.
/// One known only by its time has no party.
fn attester(w: &Writer<'_>, mode: &str, p: &Participant) -> Option<J> {
    let point = p
        .time
        .as_ref()
        .filter(|t| t.low.is_none() && t.high.is_none())
        .and_then(first_point)
        .and_then(date_time);
    let rest = Participant {
        time: p.time.clone().filter(|_| point.is_none()),
        ..p.clone()
    };
    let party = ext::participation(w.party(p), &rest);
    if point.is_none() && party.is_none() {
        return None;
    }
    let mut a = Obj::new();
    a.put_str("mode", Some(mode))
        .put("time", point.map(J::Str))
        .put("party", party);
    a.some()
}

/// The record lists a section is written for: the list, the C-CDA section's LOINC code
/// and title.
const SECTIONS: &[(&str, &str, &str)] = &[
    ("allergies", "48765-2", "Allergies and adverse reactions"),
    ("medications", "10160-0", "Medications"),
    ("problems", "11450-4", "Problems"),
    ("procedures", "47519-4", "Procedures"),
    ("results", "30954-2", "Results"),
    ("vitals", "8716-3", "Vital signs"),
    ("immunizations", "11369-6", "Immunizations"),
    ("encounters", "46240-8", "Encounters"),
    ("social_history", "29762-2", "Social history"),
    ("plan_of_care", "18776-5", "Plan of care"),
    ("goals", "61146-7", "Goals"),
    ("health_concerns", "75310-3", "Health concerns"),
    ("functional_status", "47420-5", "Functional status"),
    ("mental_status", "10190-7", "Mental status"),
    ("family_history", "10157-6", "Family history"),
    ("medical_equipment", "46264-8", "Medical equipment"),
    ("advance_directives", "42348-3", "Advance directives"),
    ("payers", "48768-6", "Payers"),
    ("notes", "34109-9", "Notes"),
];

/// A section per record list that has entries, each referring to the entries written
/// for the list (the entries made from it included: fills, members, diagnoses).
fn sections(w: &Writer<'_>) -> Vec<J> {
    let keys = w.keys.borrow();
    let mut lists: Vec<Vec<J>> = vec![Vec::new(); SECTIONS.len()];
    for entry in &w.entries {
        let J::Obj(e) = entry else { continue };
        let Some(J::Str(url)) = e.get("fullUrl") else {
            continue;
        };
        let list = keys
            .get(url)
            .and_then(|k| k.split('/').next())
            .and_then(|l| SECTIONS.iter().position(|(name, _, _)| *name == l));
        if let Some(slot) = list.and_then(|i| lists.get_mut(i)) {
            slot.push(super::datatypes::reference(url));
        }
    }
    SECTIONS
        .iter()
        .zip(lists)
        .filter(|(_, entries)| !entries.is_empty())
        .map(|((_, code, title), entries)| {
            let mut s = Obj::new();
            s.put_str("title", Some(title))
                .put("code", super::datatypes::fixed_concept(LOINC, code, None))
                .put("entry", J::Arr(entries));
            J::Obj(s)
        })
        .collect()
}

/// The LOINC system URI.
const LOINC: &str = "http://loinc.org";
