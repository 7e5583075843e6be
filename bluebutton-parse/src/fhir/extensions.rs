//! The extensions the FHIR writer uses for facts FHIR R4 has no element for, read back
//! into the same model fields: HL7's `alternate-codes` on a bound code's `_element`, and
//! the project's own extensions (under the writer's base URL).

use super::datatypes::{attachment, code_in, coded, coding, identifier, quantity_at};
use super::json::Object;
use super::Ctx;
use crate::fhir_out::extensions::{url, ALTERNATE_CODES, PERFORMER_FUNCTION};
use bluebutton_model::{
    Attachment, Coded, Coding, DatedCode, Identifier, Interval, Observation, Participant,
    PlannedActivity, Qualifier, RelatedPerson, Value,
};

/// The extensions of `o` whose URL is `url`.
fn with_url<'s, 'a>(o: &'s Object<'a>, url: &'s str) -> impl Iterator<Item = &'s Object<'a>> + 's {
    o.objects("extension")
        .filter(move |e| e.str("url") == Some(url))
}

/// Every CodeableConcept of the project's extension `name`.
pub(super) fn own_coded_all(o: &Object<'_>, name: &str) -> Vec<Coded> {
    let url = url(name);
    with_url(o, &url)
        .filter_map(|e| e.obj("valueCodeableConcept"))
        .map(coded)
        .collect()
}

/// The first CodeableConcept of the project's extension `name`.
pub(super) fn own_coded(o: &Object<'_>, name: &str) -> Option<Coded> {
    own_coded_all(o, name).into_iter().next()
}

/// Every CodeableConcept of HL7's extension `url`.
pub(super) fn hl7_coded_all(o: &Object<'_>, url: &str) -> Vec<Coded> {
    with_url(o, url)
        .filter_map(|e| e.obj("valueCodeableConcept"))
        .map(coded)
        .collect()
}

/// The string of the extension `url` (HL7's, or the project's full URL).
pub(super) fn string_of(o: &Object<'_>, url: &str) -> Option<String> {
    with_url(o, url).find_map(|e| e.string("valueString"))
}

/// The Attachment of the project's extension `name`.
pub(super) fn own_attachment(o: &Object<'_>, name: &str) -> Option<Attachment> {
    let url = url(name);
    let a = with_url(o, &url).find_map(|e| e.obj("valueAttachment"))?;
    Some(attachment(a))
}

/// The Period of the project's extension `name`.
pub(super) fn own_period(ctx: &mut Ctx<'_>, o: &Object<'_>, name: &str) -> Option<Interval> {
    let url = url(name);
    let p = with_url(o, &url).find_map(|e| e.obj("valuePeriod"))?;
    Some(ctx.period(p))
}

/// The dated codes of the project's extension `name` (complex: `code` and `time`).
pub(super) fn own_dated(ctx: &mut Ctx<'_>, o: &Object<'_>, name: &str) -> Vec<DatedCode> {
    let url = url(name);
    let mut out = Vec::new();
    for e in with_url(o, &url) {
        let mut d = DatedCode::default();
        for part in e.objects("extension") {
            match part.str("url") {
                Some("code") => d.code = part.obj("valueCodeableConcept").map(coded),
                Some("time") => d.time = part.obj("valuePeriod").map(|p| ctx.period(p)),
                _ => {}
            }
        }
        out.push(d);
    }
    out
}

/// A code FHIR binds to its own list: the source's own code kept in the `_key` element's
/// `alternate-codes` extension, else FHIR's code in `system`.
pub(super) fn bound_code(o: &Object<'_>, key: &str, system: &str) -> Option<Coded> {
    o.obj(&format!("_{key}"))
        .and_then(|e| hl7_coded_all(e, ALTERNATE_CODES).into_iter().next())
        .or_else(|| code_in(o, key, system))
}

/// The observations held in the project's extension `name` on `element` (the resource
/// `o` or a part of it; complex: `code`, `value[x]`, `time`, `interpretation`,
/// `participant`, `author`, nested `component`).
pub(super) fn own_observations<'a>(
    ctx: &mut Ctx<'a>,
    o: &'a Object<'a>,
    element: &Object<'a>,
    name: &str,
) -> Vec<Observation> {
    let url = url(name);
    let mut out = Vec::new();
    for e in with_url(element, &url) {
        out.push(observation(ctx, o, e));
    }
    out
}

/// One observation of a complex extension in the resource `o`.
fn observation<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, e: &Object<'a>) -> Observation {
    let mut obs = Observation {
        participants: own_parties(ctx, o, e, "participant"),
        authors: own_parties(ctx, o, e, "author"),
        ..Default::default()
    };
    for part in e.objects("extension") {
        match part.str("url") {
            Some("code") => obs.code = part.obj("valueCodeableConcept").map(coded),
            Some("value") => obs.value = ctx.value(part, "value"),
            Some("time") => obs.time = part.obj("valuePeriod").map(|p| ctx.period(p)),
            Some("interpretation") => obs
                .interpretations
                .extend(part.obj("valueCodeableConcept").map(coded)),
            Some("component") => obs.components.push(observation(ctx, o, part)),
            _ => {}
        }
    }
    obs
}

/// The function of the party a Reference names (`event-performerFunction`).
pub(super) fn function(reference: Option<&Object<'_>>) -> Option<Coded> {
    hl7_coded_all(reference?, PERFORMER_FUNCTION)
        .into_iter()
        .next()
}

/// The value of the project's extension `name`.
pub(super) fn own_value(ctx: &mut Ctx<'_>, o: &Object<'_>, name: &str) -> Option<Value> {
    let url = url(name);
    let e = with_url(o, &url).next()?;
    ctx.value(e, "value")
}

/// The party the Reference of the project's extension `name` names, with its function.
pub(super) fn own_party<'a>(
    ctx: &mut Ctx<'a>,
    o: &'a Object<'a>,
    name: &str,
) -> Option<Participant> {
    let url = url(name);
    let r = with_url(o, &url).find_map(|e| e.obj("valueReference"))?;
    let mut party = ctx.participant(o, r);
    party.function = function(Some(r)).or(party.function);
    Some(party).filter(|p| *p != Participant::default())
}

/// The person the Reference of the project's extension `name` names, as a related
/// person.
pub(super) fn own_related_person<'a>(
    ctx: &mut Ctx<'a>,
    o: &'a Object<'a>,
    name: &str,
) -> Option<RelatedPerson> {
    let url = url(name);
    let r = with_url(o, &url).find_map(|e| e.obj("valueReference"))?;
    Some(ctx.related_person(o, r)).filter(|p| *p != RelatedPerson::default())
}

/// The planned activities held in the project's extension `name` on the resource `o`
/// (complex: see the writer's `planned`).
pub(super) fn own_planned<'a>(
    ctx: &mut Ctx<'a>,
    o: &'a Object<'a>,
    name: &str,
) -> Vec<PlannedActivity> {
    let url = url(name);
    let mut out = Vec::new();
    for e in with_url(o, &url) {
        out.push(planned(ctx, o, e));
    }
    out
}

/// One planned activity of a complex extension in the resource `o`.
fn planned<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, e: &Object<'a>) -> PlannedActivity {
    let mut a = PlannedActivity {
        performers: own_parties(ctx, o, e, "performer"),
        authors: own_parties(ctx, o, e, "author"),
        ..Default::default()
    };
    for part in e.objects("extension") {
        let concept = || part.obj("valueCodeableConcept").map(coded);
        match part.str("url") {
            Some("kind") => a.kind = part.string("valueString"),
            Some("mood") => a.mood = part.string("valueString"),
            Some("status") => a.status = part.string("valueString"),
            Some("negated") => a.negated = part.bool("valueBoolean").unwrap_or(false),
            Some("code") => a.code = concept(),
            Some("time") => a.time = part.obj("valuePeriod").map(|p| ctx.period(p)),
            Some("value") => a.value = ctx.value(part, "value"),
            Some("product") => a.product = concept(),
            Some("dose") => a.dose = quantity_at(part, "valueQuantity"),
            Some("route") => a.route = concept(),
            Some("body-site") => a.body_sites.extend(concept()),
            Some("priority") => a.priority = concept(),
            Some("reason") => a.reasons.extend(concept()),
            Some("note") => a.notes.extend(part.string("valueString")),
            Some("component") => a.components.push(planned(ctx, o, part)),
            _ => {}
        }
    }
    a
}

/// The qualifiers of a CodeableConcept (the writer's `code-qualifier` extensions).
pub(super) fn qualifiers(o: &Object<'_>) -> Vec<Qualifier> {
    let url = url("code-qualifier");
    with_url(o, &url)
        .map(|e| {
            let part = |name: &str| {
                e.objects("extension")
                    .find(|p| p.str("url") == Some(name))
                    .and_then(|p| p.obj("valueCoding"))
                    .map(coding)
            };
            Qualifier {
                name: part("name"),
                value: part("value"),
            }
        })
        .collect()
}

/// The Identifiers of the project's extension `name`.
pub(super) fn own_identifiers(o: &Object<'_>, name: &str) -> Vec<Identifier> {
    let url = url(name);
    with_url(o, &url)
        .filter_map(|e| e.obj("valueIdentifier"))
        .map(identifier)
        .collect()
}

/// The time of the project's extension `name`: `valueDateTime` (a point) or
/// `valuePeriod`.
pub(super) fn own_time(ctx: &mut Ctx<'_>, o: &Object<'_>, name: &str) -> Option<Interval> {
    let url = url(name);
    let e = with_url(o, &url).next()?;
    ctx.time_choice(e, "value")
}

/// Whether an extension URL is one of the project's own.
pub(super) fn is_own(extension_url: &str) -> bool {
    extension_url.starts_with(&url(""))
}

/// The fixed codes and template ids of the project's `source-template` extension (an
/// entry's provenance; complex: `code` Codings and `template` strings, in order).
pub(super) fn source_template(o: &Object<'_>) -> (Vec<Coding>, Vec<String>) {
    let url = url("source-template");
    let (mut codes, mut templates) = (Vec::new(), Vec::new());
    for part in with_url(o, &url).flat_map(|e| e.objects("extension")) {
        match part.str("url") {
            Some("code") => codes.extend(part.obj("valueCoding").map(coding)),
            Some("template") => templates.extend(part.string("valueString")),
            _ => {}
        }
    }
    (codes, templates)
}

/// The parties of the extension `url` (the project's full URL, or a part's name inside a
/// complex extension) on `element` (the resource `o` or a part of it): each a Reference
/// with the party's function and time.
pub(super) fn own_parties<'a>(
    ctx: &mut Ctx<'a>,
    o: &'a Object<'a>,
    element: &Object<'a>,
    url: &str,
) -> Vec<Participant> {
    element
        .objects("extension")
        .filter(|e| e.str("url") == Some(url))
        .filter_map(|e| e.obj("valueReference"))
        .map(|r| {
            let mut party = ctx.participant(o, r);
            party.function = function(Some(r)).or(party.function);
            party.time = own_time(ctx, r, "participation-time").or(party.time);
            party
        })
        .filter(|p| *p != Participant::default())
        .collect()
}
