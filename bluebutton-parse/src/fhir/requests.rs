//! Appointment, DeviceRequest, NutritionOrder and CommunicationRequest: planned care, into
//! `plan_of_care` as CarePlan and ServiceRequest are (`care`).

use super::datatypes::{coded, coded_all, coded_at, identifiers, narrative, notes};
use super::extensions::bound_code;
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::care::PRIORITY;
use bluebutton_model::{Coded, Interval, Participant, PlannedActivity};

/// Maps an Appointment, DeviceRequest, NutritionOrder or CommunicationRequest into
/// `plan_of_care`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut activity = match res.kind {
        "Appointment" => appointment(ctx, o),
        "DeviceRequest" => device_request(ctx, o),
        "NutritionOrder" => nutrition_order(ctx, o),
        _ => communication_request(ctx, o),
    };
    activity.ids = identifiers(o);
    activity.status = o.string("status");
    activity.mood = o.string("intent");
    activity.reasons.extend(reasons(ctx, o));
    activity.notes.extend(notes(o));
    activity.authors = ctx.authors(o, std::mem::take(&mut activity.authors));
    activity.encounter_ids = ctx.encounter_ids(o, "encounter");
    activity.text = narrative(o);
    activity.source = ctx.source(res);
    ctx.record.plan_of_care.push(activity);
}

/// An Appointment: its service (type, else the appointment's type or its service
/// category), from `start` to `end` (else its first requested period), its participants but the patient as performers and
/// its places as locations.
fn appointment<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> PlannedActivity {
    let code = o
        .objects("serviceType")
        .next()
        .map(coded)
        .or_else(|| coded_at(o, "appointmentType"))
        .or_else(|| o.objects("serviceCategory").next().map(coded));
    let (low, high) = (ctx.date_at(o, "start"), ctx.date_at(o, "end"));
    let time = match (low, high) {
        (None, None) => o
            .objects("requestedPeriod")
            .next()
            .map(|p| ctx.period(p))
            .filter(|p| *p != Interval::default()),
        (low, high) => Some(Interval {
            low,
            high,
            ..Default::default()
        }),
    };
    let mut performers = Vec::new();
    let mut locations = Vec::new();
    for p in o.objects("participant") {
        let Some(actor) = p.obj("actor") else {
            continue;
        };
        match kind_of(ctx, o, actor) {
            Some("Patient") => {}
            Some("Location") => locations.extend(ctx.location(o, actor)),
            _ => {
                let mut party = ctx.participant(o, actor);
                party.function = p.objects("type").next().map(coded);
                performers.push(party);
            }
        }
    }
    performers.retain(|p| *p != Participant::default());
    PlannedActivity {
        kind: Some("appointment".to_string()),
        code,
        time,
        performers,
        locations,
        notes: [o.string("description"), o.string("comment")]
            .into_iter()
            .flatten()
            .chain(o.string("patientInstruction"))
            .collect(),
        ..Default::default()
    }
}

/// A DeviceRequest: the device asked for (its code, or the kind of the Device it names),
/// when it is to be used, by whom, asked for by its requester.
fn device_request<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> PlannedActivity {
    let code = coded_at(o, "codeCodeableConcept").or_else(|| {
        let r = o.obj("codeReference")?;
        match ctx.target(o, r) {
            Some(device) => coded_at(device, "type"),
            None => display(r),
        }
    });
    let time = ctx
        .scheduled(o, "occurrence")
        .or_else(|| ctx.instant_at(o, "authoredOn"));
    PlannedActivity {
        kind: Some("device-request".to_string()),
        code,
        time,
        priority: bound_code(o, "priority", PRIORITY),
        performers: ctx.participant_at(o, "performer").into_iter().collect(),
        authors: ctx.participant_at(o, "requester").into_iter().collect(),
        ..Default::default()
    }
}

/// A NutritionOrder: the diet (oral diet type, else the first supplement's or the
/// enteral formula's type), ordered when `dateTime` says, with each part's instructions.
fn nutrition_order<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> PlannedActivity {
    let diet = o.obj("oralDiet");
    let supplements = || o.objects("supplement");
    let formula = o.obj("enteralFormula");
    let code = diet
        .and_then(|d| d.objects("type").next().map(coded))
        .or_else(|| supplements().find_map(|s| coded_at(s, "type")))
        .or_else(|| formula.and_then(|f| coded_at(f, "baseFormulaType")));
    let instructions = diet
        .and_then(|d| d.string("instruction"))
        .into_iter()
        .chain(supplements().filter_map(|s| s.string("instruction")))
        .chain(formula.and_then(|f| f.string("administrationInstruction")));
    PlannedActivity {
        kind: Some("nutrition-order".to_string()),
        code,
        time: ctx.instant_at(o, "dateTime"),
        authors: ctx.participant_at(o, "orderer").into_iter().collect(),
        notes: instructions.collect(),
        ..Default::default()
    }
}

/// A CommunicationRequest: its category, when it is to be sent, by its sender, what it
/// says (text payloads) as notes, asked for by its requester.
fn communication_request<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> PlannedActivity {
    let time = ctx
        .time_choice(o, "occurrence")
        .or_else(|| ctx.instant_at(o, "authoredOn"));
    PlannedActivity {
        kind: Some("communication-request".to_string()),
        negated: o.bool("doNotPerform").unwrap_or(false),
        code: o.objects("category").next().map(coded),
        time,
        priority: bound_code(o, "priority", PRIORITY),
        performers: ctx.participant_at(o, "sender").into_iter().collect(),
        authors: ctx.participant_at(o, "requester").into_iter().collect(),
        notes: o
            .objects("payload")
            .filter_map(|p| p.string("contentString"))
            .collect(),
        ..Default::default()
    }
}

/// The reasons: `reasonCode`, and the code of each resource `reasonReference` names.
fn reasons<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> Vec<Coded> {
    let mut out = coded_all(o, "reasonCode");
    for r in o.objects("reasonReference") {
        if let Some(target) = ctx.target(o, r) {
            out.extend(coded_at(target, "code"));
        }
    }
    out
}

/// The resource type a Reference names: the resolved resource's, else the `Type/id`
/// reference's type, else the reference's `type`.
fn kind_of<'a>(ctx: &Ctx<'a>, o: &'a Object<'a>, r: &'a Object<'a>) -> Option<&'a str> {
    let written = r.str("reference");
    if let Some(target) = written.and_then(|w| ctx.index.resolve(o, w)) {
        return target.str("resourceType");
    }
    let typed = written.and_then(|s| s.split("/_history/").next()?.rsplit('/').nth(1));
    typed.or_else(|| r.str("type"))
}

/// A Reference's display text as a code's text (a device named by no resource of the
/// input).
fn display(reference: &Object<'_>) -> Option<Coded> {
    let text = reference.string("display")?;
    Some(Coded {
        original_text: Some(text),
        ..Default::default()
    })
}
