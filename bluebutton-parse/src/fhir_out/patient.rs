//! Patient (US Core Patient): demographics, with the US Core race and ethnicity extensions.

use super::datatypes::{
    address, code_text, concept, concept_opt, date_only, date_time, human_name, identifiers,
    system_uri, telecom,
};
use super::extensions::put_bound_code;
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Coded, Patient};

/// FHIR's administrative gender code system.
pub(crate) const GENDER: &str = "http://hl7.org/fhir/administrative-gender";
const PROFILE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
const RACE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
const ETHNICITY: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
const BIRTH_PLACE: &str = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace";
const RELIGION: &str = "http://hl7.org/fhir/StructureDefinition/patient-religion";
/// How well and in which mode the patient uses a language (on `communication`).
const PROFICIENCY: &str = "http://hl7.org/fhir/StructureDefinition/patient-proficiency";
/// The CDC Race and Ethnicity code system.
const CDC_RACE: &str = "urn:oid:2.16.840.1.113883.6.238";
/// The OMB race categories (US Core `ombCategory`); other codes are `detailed`.
const OMB_RACE: &[&str] = &[
    "1002-5", "2028-9", "2054-5", "2076-8", "2106-3", "UNK", "ASKU",
];
/// The OMB ethnicity categories.
const OMB_ETHNICITY: &[&str] = &["2135-2", "2186-5", "UNK", "ASKU"];

/// Writes the record's patient as the Bundle's first entry (always: every other resource
/// refers to it).
pub(super) fn write(w: &mut Writer<'_>) {
    let p = &w.record.patient;
    let url = w.patient.clone();
    let mut o = Writer::profiled("Patient", &url, &[PROFILE]);
    let mut extensions = Vec::new();
    extensions.extend(race_extension(RACE, &p.race, OMB_RACE));
    extensions.extend(race_extension(ETHNICITY, &p.ethnicity, OMB_ETHNICITY));
    if let Some(place) = p.birth_place.as_ref().and_then(address) {
        let mut e = Obj::new();
        e.put_str("url", Some(BIRTH_PLACE))
            .put("valueAddress", place);
        extensions.push(J::Obj(e));
    }
    if let Some(religion) = concept_opt(p.religion.as_ref()) {
        let mut e = Obj::new();
        e.put_str("url", Some(RELIGION))
            .put("valueCodeableConcept", religion);
        extensions.push(J::Obj(e));
    }
    o.put_all("extension", extensions)
        .put_all("identifier", identifiers(&p.ids))
        .put_all(
            "name",
            p.name.iter().chain(&p.other_names).filter_map(human_name),
        )
        .put_all("telecom", p.telecoms.iter().filter_map(telecom));
    put_bound_code(
        &mut o,
        "gender",
        gender(p.gender.as_ref()),
        p.gender.as_ref(),
        GENDER,
    );
    o.put(
        "birthDate",
        p.birth_time.as_ref().and_then(date_only).map(J::Str),
    );
    deceased(&mut o, p);
    o.put_all("address", p.addresses.iter().filter_map(address))
        .put("maritalStatus", concept_opt(p.marital_status.as_ref()))
        .put_all("contact", p.contacts.iter().filter_map(contact))
        .put_all(
            "communication",
            p.languages.iter().filter_map(|l| {
                let code = l.code.as_deref().and_then(code_text)?;
                let parts: Vec<J> = [("level", l.proficiency.as_ref()), ("type", l.mode.as_ref())]
                    .into_iter()
                    .filter_map(|(url, c)| {
                        let mut x = Obj::new();
                        x.put_str("url", Some(url))
                            .put("valueCoding", c.and_then(super::datatypes::first_coding)?);
                        x.some()
                    })
                    .collect();
                let mut c = Obj::new();
                if !parts.is_empty() {
                    let mut proficiency = Obj::new();
                    proficiency
                        .put_str("url", Some(PROFICIENCY))
                        .put("extension", J::Arr(parts));
                    c.put("extension", J::Arr(vec![J::Obj(proficiency)]));
                }
                c.put(
                    "language",
                    super::datatypes::fixed_concept("urn:ietf:bcp:47", &code, None),
                );
                if let Some(preferred) = l.preferred {
                    c.put("preferred", J::Bool(preferred));
                }
                c.some()
            }),
        );
    w.push(&url, o);
}

/// `deceasedDateTime` when the time is known, else `deceasedBoolean`.
fn deceased(o: &mut Obj, p: &Patient) {
    match p.deceased_time.as_ref().and_then(date_time) {
        Some(t) => {
            o.put("deceasedDateTime", J::Str(t));
        }
        None => {
            if let Some(d) = p.deceased {
                o.put("deceasedBoolean", J::Bool(d));
            }
        }
    }
}

/// An administrative gender as FHIR's code: FHIR's own codes as found, HL7 v3 `F`, `M`,
/// `UN` as `female`, `male`, `other`, `UNK` as `unknown`; anything else is left out.
pub(super) fn gender(g: Option<&Coded>) -> Option<&'static str> {
    let g = g?;
    let code = g.code.as_deref().or(g.null_flavor.as_deref())?;
    Some(match code.trim().to_ascii_lowercase().as_str() {
        "f" | "female" => "female",
        "m" | "male" => "male",
        "un" | "other" => "other",
        "unk" | "unknown" => "unknown",
        _ => return None,
    })
}

/// A US Core race or ethnicity extension: OMB categories as `ombCategory`, other CDC codes
/// as `detailed` (each code's translations as `code-translation` extensions on its
/// Coding), and the required `text` (the original text, else the displays or codes).
fn race_extension(url: &str, codes: &[Coded], omb: &[&str]) -> Option<J> {
    if codes.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let mut texts = Vec::new();
    let translation = super::extensions::url("code-translation");
    let translations = |c: &Coded| -> Vec<J> {
        c.translations
            .iter()
            .filter_map(super::datatypes::coding)
            .map(|t| {
                let mut e = Obj::new();
                e.put_str("url", Some(&translation)).put("valueCoding", t);
                J::Obj(e)
            })
            .collect()
    };
    for c in codes {
        if let Some(code) = c.code.as_deref().and_then(code_text) {
            let kind = if omb.contains(&code.as_str()) {
                "ombCategory"
            } else {
                "detailed"
            };
            let mut coding = Obj::new();
            let system = c.system.as_deref().and_then(system_uri);
            // The code's translations: the project's `code-translation` extensions (a
            // further coding would be one more race).
            coding
                .put_all("extension", translations(c))
                .put_str("system", Some(system.as_deref().unwrap_or(CDC_RACE)))
                .put_str("code", Some(&code))
                .put_str("display", c.display.as_deref());
            let mut e = Obj::new();
            e.put_str("url", Some(kind))
                .put("valueCoding", J::Obj(coding));
            parts.push(J::Obj(e));
        } else {
            // A concept without a code: its translations as parts of their own.
            parts.extend(translations(c));
        }
        texts.extend(
            c.original_text
                .as_deref()
                .or(c.display.as_deref())
                .or(c.code.as_deref())
                .map(str::to_string),
        );
    }
    texts.dedup();
    let text = texts.join(", ");
    let mut t = Obj::new();
    t.put_str("url", Some("text"))
        .put_str("valueString", Some(&text));
    if !t.has("valueString") {
        return None;
    }
    parts.push(J::Obj(t));
    let mut o = Obj::new();
    o.put_str("url", Some(url)).put("extension", J::Arr(parts));
    o.some()
}

/// A guardian, emergency contact or next of kin as `Patient.contact`.
fn contact(c: &bluebutton_model::RelatedPerson) -> Option<J> {
    let mut o = Obj::new();
    o.put_all("relationship", c.relationship.iter().filter_map(concept))
        .put("name", c.name.as_ref().and_then(human_name))
        .put_all("telecom", c.telecoms.iter().filter_map(telecom))
        .put("address", c.addresses.iter().find_map(address));
    put_bound_code(
        &mut o,
        "gender",
        gender(c.gender.as_ref()),
        c.gender.as_ref(),
        GENDER,
    );
    o.some()
}
