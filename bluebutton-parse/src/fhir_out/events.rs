//! Immunization, Procedure and Encounter (with its diagnoses as Conditions).

use super::clinical::condition;
use super::datatypes::{
    absent, annotations, concept, concept_opt, date_time_opt, first_point, identifiers, int32,
    period, put_time, quantity_opt, reference, required_concept,
};
use super::extensions::{self as ext, put_extensions};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Encounter, Participant, Procedure};

/// HL7's extension for the method of a procedure (`valueCodeableConcept`).
pub(crate) const PROCEDURE_METHOD: &str =
    "http://hl7.org/fhir/StructureDefinition/procedure-method";
const US_CORE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/";

/// Writes immunizations, procedures and encounters.
pub(super) fn write(w: &mut Writer<'_>) {
    immunizations(w);
    procedures(w);
    let encounters = w.record.encounters.iter().enumerate();
    for (i, e) in encounters {
        encounter(w, &format!("encounters/{i}"), e);
    }
    if let Some(e) = &w.record.document.encounter {
        encounter(w, "document/encounter", e);
    }
}

/// Whether a mood is a plain event (given, done, happened).
fn is_event(mood: Option<&str>) -> bool {
    matches!(mood, None | Some("EVN"))
}

/// Performers as `{ "function", "actor" }` parts, each actor with its time
/// (`participation-time`: FHIR's performer has none). A performer known only by its
/// function or time has an actor marked unknown (FHIR requires one).
fn actors(w: &Writer<'_>, performers: &[Participant]) -> Vec<J> {
    performers
        .iter()
        .filter_map(|p| {
            let known_by_role = p.function.is_some() || p.time.is_some();
            let actor = w.party(p).or_else(|| known_by_role.then(|| absent(None)));
            let mut o = Obj::new();
            o.put("function", concept_opt(p.function.as_ref()))
                .put("actor", ext::with_time(actor, p.time.as_ref())?);
            o.some()
        })
        .collect()
}

/// Encounter participants as `{ "type", "period", "individual" }` parts (`individual` is
/// optional: a participant known only by its type or time keeps those).
fn participants(w: &Writer<'_>, performers: &[Participant]) -> Vec<J> {
    performers
        .iter()
        .filter_map(|p| {
            let mut o = Obj::new();
            o.put_all("type", p.function.iter().filter_map(concept))
                .put("period", p.time.as_ref().and_then(period))
                .put("individual", w.party(p));
            o.some()
        })
        .collect()
}

/// Immunizations given or refused; planned ones (a mood other than an event) are not
/// immunizations in FHIR and are left out.
fn immunizations(w: &mut Writer<'_>) {
    for (i, m) in w.record.immunizations.iter().enumerate() {
        if !is_event(m.mood.as_deref()) {
            continue;
        }
        let url = w.url(&format!("immunizations/{i}"));
        let mut o = Writer::profiled(
            "Immunization",
            &url,
            &[&format!("{US_CORE}us-core-immunization")],
        );
        let status = if m.negated {
            "not-done"
        } else if matches!(m.status.as_deref(), Some("entered-in-error" | "nullified")) {
            "entered-in-error"
        } else {
            "completed"
        };
        // Instructions given with the vaccine have no element.
        put_extensions(&mut o, ext::coded_all("instruction", &m.instructions));
        o.put_all("identifier", identifiers(&m.ids))
            .put_str("status", Some(status))
            .put("statusReason", concept_opt(m.refusal_reason.as_ref()))
            .put("vaccineCode", required_concept(m.vaccine.as_ref()))
            .put("patient", w.subject())
            .put("encounter", w.encounter_of(&m.encounter_ids));
        // occurrence[x] is required: the time, or else the text `unknown` marked with a
        // data-absent-reason (a value, not only the extension, so that validators that
        // look for one of the choices accept it).
        match m
            .time
            .as_ref()
            .and_then(first_point)
            .and_then(|t| date_time_opt(Some(t)))
        {
            Some(t) => {
                o.put("occurrenceDateTime", t);
            }
            None => {
                o.put_str("occurrenceString", Some("unknown"))
                    .put("_occurrenceString", absent(None));
            }
        }
        if let Some(reported) = m.reported {
            o.put("primarySource", J::Bool(!reported));
        }
        o.put(
            "manufacturer",
            m.manufacturer.as_ref().and_then(|name| {
                w.organization(&bluebutton_model::Organization {
                    name: Some(name.clone()),
                    ..Default::default()
                })
            }),
        )
        .put_str("lotNumber", m.lot_number.as_deref())
        .put("site", concept_opt(m.site.as_ref()))
        .put("route", concept_opt(m.route.as_ref()))
        .put("doseQuantity", quantity_opt(m.dose.as_ref(), w.ucum))
        .put_all("performer", actors(w, &m.performers))
        .put_all("note", annotations(&m.notes));
        if let Some(n) = m.dose_number.and_then(|n| int32(n, true)) {
            let mut p = Obj::new();
            p.put("doseNumberPositiveInt", n);
            o.put("protocolApplied", J::Arr(vec![J::Obj(p)]));
        }
        put_extensions(&mut o, ext::source_template(&m.source));
        w.authored(&url, &m.authors);
        w.push(&url, o);
    }
}

/// Procedures done or not done; planned ones are left out (they are requests in FHIR).
fn procedures(w: &mut Writer<'_>) {
    for (i, p) in w.record.procedures.iter().enumerate() {
        procedure(w, &format!("procedures/{i}"), p);
    }
}

/// A procedure done or not done as a Procedure entry at `key`, and its `fullUrl`; none
/// for a planned one.
pub(super) fn procedure(w: &mut Writer<'_>, key: &str, p: &Procedure) -> Option<String> {
    if !is_event(p.mood.as_deref()) {
        return None;
    }
    let url = w.url(key);
    let mut o = Writer::profiled("Procedure", &url, &[&format!("{US_CORE}us-core-procedure")]);
    let status = if p.negated {
        "not-done"
    } else {
        match p.status.as_deref().unwrap_or_default() {
            "preparation" => "preparation",
            "in-progress" | "active" => "in-progress",
            "not-done" | "cancelled" => "not-done",
            "on-hold" | "suspended" | "held" => "on-hold",
            "stopped" | "aborted" => "stopped",
            "completed" => "completed",
            "entered-in-error" | "nullified" => "entered-in-error",
            _ => "unknown",
        }
    };
    // The methods (HL7's `procedure-method`), and the priority, specimens, result (of
    // the observation variant) and each reason's time (`reason-time`), which have no
    // element.
    put_extensions(
        &mut o,
        p.methods
            .iter()
            .filter_map(|m| ext::hl7_coded(PROCEDURE_METHOD, m))
            .chain(ext::coded("priority", p.priority.as_ref()))
            .chain(ext::coded_all("specimen", &p.specimens))
            .chain(ext::value("procedure-value", p.value.as_ref(), w.ucum))
            .chain(ext::dated_all("reason-time", &p.reason_times)),
    );
    o.put_all("identifier", identifiers(&p.ids))
        .put_str("status", Some(status))
        .put("statusReason", concept_opt(p.negation_reason.as_ref()))
        .put("code", required_concept(p.code.as_ref()))
        .put("subject", w.subject())
        .put("encounter", w.encounter_of(&p.encounter_ids));
    put_time(&mut o, "performed", p.period.as_ref());
    o.put("recorder", w.recorder(&p.authors))
        .put_all("performer", actors(w, &p.performers))
        .put("location", p.locations.iter().find_map(|l| w.location(l)))
        .put_all("reasonCode", p.reasons.iter().filter_map(concept))
        .put_all("bodySite", p.body_sites.iter().filter_map(concept))
        .put_all("note", annotations(&p.notes))
        // Devices used, as codes (`usedCode`).
        .put_all("usedCode", p.devices.iter().filter_map(concept));
    put_extensions(&mut o, ext::source_template(&p.source));
    w.authored(&url, &p.authors);
    w.push(&url, o);
    Some(url)
}

/// An encounter as an Encounter entry at `key`, with its diagnoses as
/// encounter-diagnosis Conditions.
pub(super) fn encounter(w: &mut Writer<'_>, key: &str, e: &Encounter) {
    let url = w.url(key);
    let mut diagnoses = Vec::new();
    for (j, d) in e.diagnoses.iter().enumerate() {
        let d_url = w.url(&format!("{key}/diagnoses/{j}"));
        let mut c = condition(w, &d_url, d, "encounter-diagnosis");
        c.put("encounter", reference(&url));
        w.push(&d_url, c);
        let mut x = Obj::new();
        x.put("condition", reference(&d_url));
        diagnoses.push(J::Obj(x));
    }
    let mut o = Writer::profiled("Encounter", &url, &[&format!("{US_CORE}us-core-encounter")]);
    let status = match (e.status.as_deref().unwrap_or_default(), e.mood.as_deref()) {
        (_, Some("APT" | "ARQ" | "INT" | "PRP" | "RQO")) => "planned",
        ("planned", _) => "planned",
        ("arrived", _) => "arrived",
        ("triaged", _) => "triaged",
        ("in-progress" | "active", _) => "in-progress",
        ("onleave", _) => "onleave",
        ("finished" | "completed", _) => "finished",
        ("cancelled" | "aborted", _) => "cancelled",
        ("entered-in-error" | "nullified", _) => "entered-in-error",
        _ => "unknown",
    };
    o.put_all("identifier", identifiers(&e.ids))
        .put_str("status", Some(status));
    // class is required: an HL7 ActCode encounter code is the class; otherwise it is
    // not known.
    let act_code = e.code.as_ref().filter(|c| {
        c.system
            .as_deref()
            .and_then(super::datatypes::system_uri)
            .as_deref()
            == Some("http://terminology.hl7.org/CodeSystem/v3-ActCode")
    });
    match act_code
        .and_then(|c| c.code.as_deref())
        .and_then(super::datatypes::code_text)
    {
        Some(code) => {
            let mut class = Obj::new();
            class
                .put_str(
                    "system",
                    Some("http://terminology.hl7.org/CodeSystem/v3-ActCode"),
                )
                .put_str("code", Some(&code))
                .put_str("display", act_code.and_then(|c| c.display.as_deref()));
            o.put("class", J::Obj(class));
        }
        None => {
            o.put("class", absent(None));
        }
    }
    o.put_all("type", e.code.iter().filter_map(concept))
        .put("priority", concept_opt(e.priority.as_ref()))
        .put("subject", w.subject())
        .put_all("participant", participants(w, &e.performers))
        .put("period", e.period.as_ref().and_then(period))
        .put_all("reasonCode", e.reasons.iter().filter_map(concept))
        .put_all("diagnosis", diagnoses);
    if let Some(d) = concept_opt(e.discharge_disposition.as_ref()) {
        let mut h = Obj::new();
        h.put("dischargeDisposition", d);
        o.put("hospitalization", h.some());
    }
    o.put_all(
        "location",
        e.locations.iter().filter_map(|l| {
            let mut x = Obj::new();
            x.put("location", w.location(l)?);
            x.some()
        }),
    );
    // Participants other than performers (a referrer, an escort): `participant`
    // extensions.
    put_extensions(
        &mut o,
        ext::parties(w, &ext::url("participant"), &e.participants),
    );
    // Each reason's time, with its code.
    put_extensions(&mut o, ext::dated_all("reason-time", &e.reason_times));
    put_extensions(&mut o, ext::source_template(&e.source));
    w.authored(&url, &e.authors);
    w.push(&url, o);
}
