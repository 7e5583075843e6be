//! Extensions the Bundle writes for facts FHIR R4 has no element for: HL7's where one
//! exists (`alternate-codes`: the source's own code next to a code FHIR binds to its own
//! list; `procedure-method`; `event-performerFunction`: a party's function on its
//! Reference), else the project's own, all under [`BASE`] (each listed in the README
//! with its value type). The FHIR reader reads them back into the same model fields.

use super::datatypes::{coding, concept, period, put_time, put_value, quantity_opt};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{
    Coded, DatedCode, Interval, Observation, Participant, PlannedActivity, Qualifier, Source, Value,
};

/// The base URL of the project's own extensions: each is `BASE` + a kebab-case name.
const BASE: &str = "https://github.com/bluebutton-rs/bluebutton-rs/fhir/StructureDefinition/";

/// HL7's extension (FHIR Extensions Pack) holding the source's own codes for an element
/// FHIR binds to its own code list: `valueCodeableConcept`, on the `_element`.
pub(crate) const ALTERNATE_CODES: &str = "http://hl7.org/fhir/StructureDefinition/alternate-codes";

/// The project's extension `name`, as its full URL.
pub(crate) fn url(name: &str) -> String {
    format!("{BASE}{name}")
}

/// One extension with a value of type `kind` (`CodeableConcept`, `Period`, ...).
pub(super) fn extension(url: &str, kind: &str, value: J) -> J {
    let mut o = Obj::new();
    o.put_str("url", Some(url))
        .put(&format!("value{kind}"), value);
    J::Obj(o)
}

/// The project's extension `name` holding a coded value as a CodeableConcept.
pub(super) fn coded(name: &str, c: Option<&Coded>) -> Option<J> {
    concept(c?).map(|v| extension(&url(name), "CodeableConcept", v))
}

/// The project's extension `name` once per coded value.
pub(super) fn coded_all<'c>(
    name: &'c str,
    codes: impl IntoIterator<Item = &'c Coded> + 'c,
) -> impl Iterator<Item = J> + 'c {
    codes.into_iter().filter_map(move |c| coded(name, Some(c)))
}

/// The project's extension `name` holding an interval as a Period.
pub(super) fn interval(name: &str, i: Option<&Interval>) -> Option<J> {
    period(i?).map(|v| extension(&url(name), "Period", v))
}

/// The project's extension `name` holding a code with its time (a dated reason, a
/// device's group): complex, with the parts `code` (CodeableConcept) and `time` (Period).
/// Nothing when the code has neither.
pub(super) fn dated(name: &str, d: &DatedCode) -> Option<J> {
    let mut parts: Vec<J> = Vec::new();
    parts.extend(coded_part("code", d.code.as_ref()));
    if let Some(p) = d.time.as_ref().and_then(period) {
        parts.push(extension("time", "Period", p));
    }
    if parts.is_empty() {
        return None;
    }
    let mut o = Obj::new();
    o.put_str("url", Some(&url(name)))
        .put("extension", J::Arr(parts));
    o.some()
}

/// The project's extension `name` once per dated code.
pub(super) fn dated_all<'c>(
    name: &'c str,
    codes: impl IntoIterator<Item = &'c DatedCode> + 'c,
) -> impl Iterator<Item = J> + 'c {
    codes.into_iter().filter_map(move |d| dated(name, d))
}

/// HL7's extension `url` holding a coded value as a CodeableConcept.
pub(super) fn hl7_coded(url: &str, c: &Coded) -> Option<J> {
    concept(c).map(|v| extension(url, "CodeableConcept", v))
}

/// Adds `extensions` to the object's `extension` array.
pub(super) fn put_extensions(o: &mut Obj, extensions: impl IntoIterator<Item = J>) {
    for e in extensions {
        o.append("extension", e);
    }
}

/// Puts a code FHIR binds to its own list: `key` holds FHIR's code (when the source's
/// maps to one) and `_key` the source's own code as an `alternate-codes` extension, unless
/// the source's code is FHIR's code in `system`.
pub(super) fn put_bound_code(
    o: &mut Obj,
    key: &str,
    fhir: Option<&str>,
    source: Option<&Coded>,
    system: &str,
) {
    o.put_str(key, fhir);
    let same = source.is_some_and(|s| {
        s.code.as_deref() == fhir
            && s.system.as_deref() == Some(system)
            && s.translations.is_empty()
    });
    if same {
        return;
    }
    if let Some(e) = source.and_then(|s| hl7_coded(ALTERNATE_CODES, s)) {
        let mut element = Obj::new();
        element.put("extension", J::Arr(vec![e]));
        o.put(&format!("_{key}"), J::Obj(element));
    }
}

/// The project's extension `name` (or, inside another, the part `name`) holding an
/// observation FHIR has no element for (a component's own components, a relative's
/// condition's further observations): complex, with the parts `code`, `value[x]`,
/// `time` (a Period), `interpretation`, `participant` and `author` (References, see
/// [`party`]) and `component` (the same, nested).
pub(super) fn observation(w: &Writer<'_>, url: &str, obs: &Observation) -> Option<J> {
    let ucum = w.ucum;
    let mut parts: Vec<J> = Vec::new();
    parts.extend(coded_part("code", obs.code.as_ref()));
    if let Some(v) = &obs.value {
        let mut x = Obj::new();
        x.put_str("url", Some("value"));
        if put_value(&mut x, "value", v, ucum) {
            parts.push(J::Obj(x));
        }
    }
    if let Some(p) = obs.time.as_ref().and_then(period) {
        parts.push(extension("time", "Period", p));
    }
    parts.extend(
        obs.interpretations
            .iter()
            .filter_map(|c| coded_part("interpretation", Some(c))),
    );
    parts.extend(parties(w, "participant", &obs.participants));
    parts.extend(parties(w, "author", &obs.authors));
    parts.extend(
        obs.components
            .iter()
            .filter_map(|c| observation(w, "component", c)),
    );
    if parts.is_empty() {
        return None;
    }
    let mut o = Obj::new();
    o.put_str("url", Some(url)).put("extension", J::Arr(parts));
    o.some()
}

/// A part of a complex extension holding a coded value.
fn coded_part(name: &str, c: Option<&Coded>) -> Option<J> {
    concept(c?).map(|v| extension(name, "CodeableConcept", v))
}

/// HL7's extension for the function of a party named by a Reference
/// (`valueCodeableConcept`, on the Reference).
pub(crate) const PERFORMER_FUNCTION: &str =
    "http://hl7.org/fhir/StructureDefinition/event-performerFunction";

/// A Reference to a party with the party's function as `event-performerFunction`.
pub(super) fn with_function(reference: Option<J>, function: Option<&Coded>) -> Option<J> {
    let mut reference = reference?;
    if let (J::Obj(r), Some(e)) = (
        &mut reference,
        function.and_then(|f| hl7_coded(PERFORMER_FUNCTION, f)),
    ) {
        r.append("extension", e);
    }
    Some(reference)
}

/// The project's extension `name` holding a value as `value[x]`.
pub(super) fn value(name: &str, v: Option<&Value>, ucum: bool) -> Option<J> {
    let mut o = Obj::new();
    o.put_str("url", Some(&url(name)));
    put_value(&mut o, "value", v?, ucum).then_some(J::Obj(o))
}

/// The project's extension `name` holding a Reference.
pub(super) fn reference(name: &str, reference: J) -> J {
    extension(&url(name), "Reference", reference)
}

/// The project's extension `name` (or, inside another, the part `name`) holding a
/// planned activity a plan groups (an intervention's activities, an outcome's progress):
/// complex, with the parts `kind`, `mood`, `status` (strings), `negated`, `code`,
/// `time` (a Period), `value[x]`, `product`, `dose`, `route`, `body-site`, `priority`,
/// `reason`, `note`, `performer` and `author` (References, see [`party`]) and
/// `component` (the same, nested).
pub(super) fn planned(w: &Writer<'_>, url: &str, a: &PlannedActivity) -> Option<J> {
    let ucum = w.ucum;
    let mut parts: Vec<J> = Vec::new();
    for (name, text) in [("kind", &a.kind), ("mood", &a.mood), ("status", &a.status)] {
        parts.extend(
            text.as_deref()
                .and_then(J::str)
                .map(|t| extension(name, "String", t)),
        );
    }
    if a.negated {
        parts.push(extension("negated", "Boolean", J::Bool(true)));
    }
    parts.extend(coded_part("code", a.code.as_ref()));
    if let Some(p) = a.time.as_ref().and_then(period) {
        parts.push(extension("time", "Period", p));
    }
    if let Some(v) = &a.value {
        let mut x = Obj::new();
        x.put_str("url", Some("value"));
        if put_value(&mut x, "value", v, ucum) {
            parts.push(J::Obj(x));
        }
    }
    parts.extend(coded_part("product", a.product.as_ref()));
    if let Some(q) = quantity_opt(a.dose.as_ref(), ucum) {
        parts.push(extension("dose", "Quantity", q));
    }
    parts.extend(coded_part("route", a.route.as_ref()));
    parts.extend(
        a.body_sites
            .iter()
            .filter_map(|c| coded_part("body-site", Some(c))),
    );
    parts.extend(coded_part("priority", a.priority.as_ref()));
    parts.extend(
        a.reasons
            .iter()
            .filter_map(|c| coded_part("reason", Some(c))),
    );
    parts.extend(
        a.notes
            .iter()
            .filter_map(|n| J::str(n).map(|t| extension("note", "String", t))),
    );
    parts.extend(parties(w, "performer", &a.performers));
    parts.extend(parties(w, "author", &a.authors));
    parts.extend(
        a.components
            .iter()
            .filter_map(|c| planned(w, "component", c)),
    );
    if parts.is_empty() {
        return None;
    }
    let mut o = Obj::new();
    o.put_str("url", Some(url)).put("extension", J::Arr(parts));
    o.some()
}

/// A qualifier of a coded concept as the project's `code-qualifier` extension (on the
/// CodeableConcept): complex, with the parts `name` and `value` (Coding).
pub(super) fn qualifier(q: &Qualifier) -> Option<J> {
    let parts: Vec<J> = [("name", &q.name), ("value", &q.value)]
        .into_iter()
        .filter_map(|(name, c)| {
            c.as_ref()
                .and_then(coding)
                .map(|v| extension(name, "Coding", v))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut o = Obj::new();
    o.put_str("url", Some(&url("code-qualifier")))
        .put("extension", J::Arr(parts));
    o.some()
}

/// The project's extension `name` holding an Identifier (already written as FHIR's).
pub(super) fn identifier(name: &str, identifier: J) -> J {
    extension(&url(name), "Identifier", identifier)
}

/// A Reference to a party with when the party took part (a prescriber's signature) as
/// the project's `participation-time` extension (on the Reference): `valueDateTime` for
/// a point, `valuePeriod` for a span.
pub(super) fn with_time(reference: Option<J>, time: Option<&Interval>) -> Option<J> {
    let mut reference = reference?;
    let mut e = Obj::new();
    e.put_str("url", Some(&url("participation-time")));
    put_time(&mut e, "value", time);
    if let (J::Obj(r), true) = (
        &mut reference,
        e.has("valueDateTime") || e.has("valuePeriod"),
    ) {
        r.append("extension", J::Obj(e));
    }
    Some(reference)
}

/// An entry's provenance as the project's `source-template` extension (on the resource):
/// complex, with the parts `code` (Coding: each code its source templates fix, in order)
/// and `template` (string: each template id). Nothing when the entry has neither.
pub(super) fn source_template(s: &Source) -> Option<J> {
    let mut parts: Vec<J> = s
        .codes
        .iter()
        .filter_map(coding)
        .map(|c| extension("code", "Coding", c))
        .collect();
    parts.extend(
        s.template_ids
            .iter()
            .filter_map(|t| J::str(t).map(|t| extension("template", "String", t))),
    );
    if parts.is_empty() {
        return None;
    }
    let mut o = Obj::new();
    o.put_str("url", Some(&url("source-template")))
        .put("extension", J::Arr(parts));
    o.some()
}

/// The project's extension `url` (or, inside another, the part `url`) naming a party by
/// a Reference (`reference`, the writer's for `p`, empty when it names no one) with the
/// party's function (`event-performerFunction`) and time (`participation-time`) on it.
pub(super) fn party(url: &str, reference: Option<J>, p: &Participant) -> Option<J> {
    participation(reference, p).map(|r| extension(url, "Reference", r))
}

/// A Reference to a party (`reference`, the writer's for `p`, empty when it names no
/// one) with the party's function (`event-performerFunction`) and time
/// (`participation-time`) on it; nothing when it says nothing.
pub(super) fn participation(reference: Option<J>, p: &Participant) -> Option<J> {
    // A party known only by its function or time: a Reference with only those.
    let reference = reference.unwrap_or_else(|| J::Obj(Obj::new()));
    let reference = with_time(
        with_function(Some(reference), p.function.as_ref()),
        p.time.as_ref(),
    )?;
    let known = !matches!(&reference, J::Obj(r) if r.is_empty());
    known.then_some(reference)
}

/// The extensions `url` naming each of `parties` (see [`party`]).
pub(super) fn parties(w: &Writer<'_>, url: &str, parties: &[Participant]) -> Vec<J> {
    parties
        .iter()
        .filter_map(|p| party(url, w.party(p), p))
        .collect()
}
