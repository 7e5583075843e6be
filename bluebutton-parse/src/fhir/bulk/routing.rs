//! Which patient a resource belongs to, and which shared resources a patient's resources
//! refer to.

use super::super::json::{Json, Object};
use super::Stored;
use std::collections::{HashMap, HashSet};

/// Resource types that name no patient and that clinical resources refer to; they are read
/// for reference resolution into every record that refers to them.
pub(super) const SHARED: &[&str] = &[
    "Endpoint",
    "HealthcareService",
    "Location",
    "Medication",
    "Organization",
    "OrganizationAffiliation",
    "Practitioner",
    "PractitionerRole",
    "Substance",
];

/// The Reference members that name a resource's patient, in the order they are tried.
const PATIENT_MEMBERS: [&str; 3] = ["patient", "subject", "beneficiary"];

/// The shared resources that `parts` refer to, directly or through shared ones, in the
/// order first met.
pub(super) fn needed(
    shared: &[Stored],
    by_ref: &HashMap<String, usize>,
    parts: &[Stored],
) -> Vec<usize> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut queue: Vec<&str> = parts
        .iter()
        .flat_map(|p| p.refs.iter().map(AsRef::as_ref))
        .collect();
    queue.reverse();
    while let Some(reference) = queue.pop() {
        let Some(index) = find_shared(by_ref, reference) else {
            continue;
        };
        if !seen.insert(index) {
            continue;
        }
        out.push(index);
        if let Some(s) = shared.get(index) {
            queue.extend(s.refs.iter().rev().map(AsRef::as_ref));
        }
    }
    out
}

/// The shared resource a reference names: by `fullUrl`, or by its `Type/id` (of an
/// absolute or versioned reference too).
fn find_shared(by_ref: &HashMap<String, usize>, reference: &str) -> Option<usize> {
    if let Some(&i) = by_ref.get(reference) {
        return Some(i);
    }
    let (kind, id) = type_and_id(reference)?;
    by_ref.get(&format!("{kind}/{id}")).copied()
}

/// The resource type and id of a literal reference (`Type/id`, `…/Type/id`,
/// `Type/id/_history/n`).
pub(in crate::fhir) fn type_and_id(reference: &str) -> Option<(&str, &str)> {
    let path = reference
        .split_once("/_history/")
        .map_or(reference, |(p, _)| p);
    let mut parts = path.rsplit('/');
    let id = parts.next().filter(|id| !id.is_empty())?;
    let kind = parts.next()?;
    Some((kind, id))
}

/// The key of the patient a reference names: the Patient's id, or a whole `urn:`
/// reference (matched against the Patients' `fullUrl`s later). `None` for references to
/// other types and for conditional references.
pub(super) fn patient_key(reference: &str) -> Option<String> {
    if reference.starts_with("urn:") {
        return Some(reference.to_string());
    }
    match type_and_id(reference)? {
        ("Patient", id) if !id.contains('?') => Some(id.to_string()),
        _ => None,
    }
}

/// The key of the patient a resource names by its `patient`, `subject` or `beneficiary`
/// Reference (one whose `type`, when given, is Patient), else by a participant's `actor`
/// (an Appointment's patient) that is a Patient by its `type` or its `Patient/id` form.
pub(super) fn patient_of(o: &Object<'_>) -> Option<String> {
    let named = PATIENT_MEMBERS.iter().find_map(|member| {
        let reference = o.obj(member)?;
        if reference.str("type").is_some_and(|t| t != "Patient") {
            return None;
        }
        patient_key(reference.str("reference")?)
    });
    named.or_else(|| {
        o.objects("participant")
            .filter_map(|p| p.obj("actor"))
            .find_map(|actor| {
                let reference = actor.str("reference")?;
                let typed = match actor.str("type") {
                    Some(t) => t == "Patient",
                    None => type_and_id(reference).is_some_and(|(kind, _)| kind == "Patient"),
                };
                typed.then(|| patient_key(reference)).flatten()
            })
    })
}

/// The references of a resource that may name a shared resource: bundle-local ones and
/// those to a [`SHARED`] type (contained `#id` ones resolve inside the resource).
pub(super) fn references(o: &Object<'_>, out: &mut Vec<Box<str>>) {
    for (key, value) in &o.members {
        match value {
            Json::String(r) if key == "reference" => {
                let shared = r.starts_with("urn:")
                    || type_and_id(r).is_some_and(|(kind, _)| SHARED.contains(&kind));
                if shared {
                    out.push(r.as_ref().into());
                }
            }
            _ => values(value, out),
        }
    }
}

/// The references inside a JSON value.
fn values(value: &Json<'_>, out: &mut Vec<Box<str>>) {
    match value {
        Json::Object(o) => references(o, out),
        Json::Array(items) => items.iter().for_each(|v| values(v, out)),
        _ => {}
    }
}
