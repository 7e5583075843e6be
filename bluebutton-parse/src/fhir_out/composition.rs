//! The document a record was read from (C-CDA, C32) as a Composition: its type, title,
//! date, authors, custodian, legal authenticator, confidentiality, the service it
//! documents, its encounter, and a section per record list (with the list's C-CDA
//! section LOINC code) referring to the entries written for it.

use super::datatypes::{absent, concept, date_time, period, put_required_code, required_concept};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::FormatKind;

/// HL7 v3 Confidentiality codes, the values `Composition.confidentiality` takes.
const CONFIDENTIALITY: &[&str] = &["U", "L", "M", "N", "R", "V"];

/// Writes the Composition of a record read from a clinical document.
pub(super) fn write(w: &mut Writer<'_>) {
    let record = w.record;
    let d = &record.document;
    if !matches!(record.format.kind, FormatKind::Ccda | FormatKind::C32) {
        return;
    }
    let url = w.url("document");
    let mut o = Writer::resource("Composition", &url);
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
    let authors: Vec<J> = d.authors.iter().filter_map(|p| w.party(p)).collect();
    o.put(
        "author",
        if authors.is_empty() {
            J::Arr(vec![absent(None)])
        } else {
            J::Arr(authors)
        },
    );
    let title = d
        .title
        .as_deref()
        .or_else(|| d.code.as_ref().and_then(|c| c.display.as_deref()));
    put_required_code(&mut o, "title", title);
    let confidentiality = d
        .confidentiality
        .as_ref()
        .and_then(|c| c.code.as_deref())
        .map(str::trim)
        .filter(|c| CONFIDENTIALITY.contains(c));
    o.put_str("confidentiality", confidentiality);
    if let Some(party) = d.legal_authenticator.as_ref().and_then(|p| w.party(p)) {
        let mut a = Obj::new();
        a.put_str("mode", Some("legal"))
            .put(
                "time",
                d.legal_authenticator
                    .as_ref()
                    .and_then(|p| p.time.as_ref())
                    .and_then(super::datatypes::first_point)
                    .and_then(date_time)
                    .map(J::Str),
            )
            .put("party", party);
        o.put("attester", J::Arr(vec![J::Obj(a)]));
    }
    o.put(
        "custodian",
        d.custodian.as_ref().and_then(|org| w.organization(org)),
    );
    let mut event = Obj::new();
    event
        .put_all("code", d.service_codes.iter().filter_map(concept))
        .put("period", d.service_period.as_ref().and_then(period))
        .put_all(
            "detail",
            d.service_performers.iter().filter_map(|p| w.party(p)),
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
