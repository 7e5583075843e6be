//! Encounter.

use super::datatypes::{coded_all, coded_at, identifiers, narrative};
use super::extensions::{own_dated, own_parties};
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::extensions::url;
use bluebutton_model::{Encounter, Participant, Problem, Source};

/// Maps an Encounter into `encounters` (unless a result group holds it).
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    if ctx.is_consumed(res.obj) {
        return;
    }
    let source = ctx.source(res);
    let encounter = encounter(ctx, res.obj, source);
    ctx.record.encounters.push(encounter);
}

/// One Encounter resource as a model encounter, with its provenance.
pub(super) fn encounter<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, source: Source) -> Encounter {
    let mut performers = Vec::new();
    for p in o.objects("participant") {
        // `individual` is optional: a participant may be known only by its type or time.
        let mut participant = match p.obj("individual") {
            Some(individual) => ctx.participant(o, individual),
            None => Participant::default(),
        };
        participant.function = p.objects("type").next().map(super::datatypes::coded);
        participant.time = ctx.period_at(p, "period");
        if participant != Default::default() {
            performers.push(participant);
        }
    }
    let mut locations = Vec::new();
    for l in o.objects("location") {
        if let Some(place) = l.obj("location") {
            locations.extend(ctx.location(o, place));
        }
    }
    let mut diagnoses = Vec::new();
    for d in o.objects("diagnosis") {
        let Some(condition) = d.obj("condition") else {
            continue;
        };
        let target = ctx.target(o, condition);
        diagnoses.push(Problem {
            code: target.and_then(|t| coded_at(t, "code")).or_else(|| {
                condition
                    .string("display")
                    .map(|t| bluebutton_model::Coded {
                        original_text: Some(t),
                        ..Default::default()
                    })
            }),
            kind: coded_at(d, "use"),
            ..Default::default()
        });
    }
    let mut reasons = coded_all(o, "reasonCode");
    for r in o.objects("reasonReference") {
        if let Some(target) = ctx.target(o, r) {
            reasons.extend(coded_at(target, "code"));
        }
    }
    let code = o
        .objects("type")
        .next()
        .map(super::datatypes::coded)
        .or_else(|| o.obj("class").map(super::datatypes::coding_as_coded));
    Encounter {
        ids: identifiers(o),
        status: o.string("status"),
        code,
        period: ctx.period_at(o, "period"),
        performers,
        locations,
        participants: own_parties(ctx, o, o, &url("participant")),
        diagnoses,
        reasons,
        reason_times: own_dated(ctx, o, "reason-time"),
        discharge_disposition: o
            .obj("hospitalization")
            .and_then(|h| coded_at(h, "dischargeDisposition")),
        priority: coded_at(o, "priority"),
        authors: ctx.authors(o, Vec::new()),
        text: narrative(o),
        source,
        ..Default::default()
    }
}
