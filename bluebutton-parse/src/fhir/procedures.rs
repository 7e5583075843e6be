//! Procedure.

use super::datatypes::{coded_all, coded_at, identifiers, narrative, notes};
use super::extensions::{hl7_coded_all, own_coded, own_coded_all, own_dated, own_time, own_value};
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::events::PROCEDURE_METHOD;
use bluebutton_model::{Procedure, Source};

/// Maps a Procedure into `procedures` (unless a result group holds it).
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    if ctx.is_consumed(res.obj) {
        return;
    }
    let source = ctx.source(res);
    let procedure = procedure(ctx, res.obj, source);
    ctx.record.procedures.push(procedure);
}

/// One Procedure resource as a model procedure, with its provenance.
pub(super) fn procedure<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, source: Source) -> Procedure {
    let status = o.string("status");
    let mut performers = Vec::new();
    for p in o.objects("performer") {
        if let Some(actor) = p.obj("actor") {
            let mut participant = ctx.participant(o, actor);
            participant.function = coded_at(p, "function");
            participant.time = own_time(ctx, actor, "participation-time").or(participant.time);
            if participant != Default::default() {
                performers.push(participant);
            }
        }
    }
    let locations = o
        .obj("location")
        .and_then(|l| ctx.location(o, l))
        .into_iter()
        .collect();
    let mut reasons = coded_all(o, "reasonCode");
    for r in o.objects("reasonReference") {
        if let Some(target) = ctx.target(o, r) {
            reasons.extend(coded_at(target, "code"));
        }
    }
    let mut devices: Vec<_> = o
        .objects("focalDevice")
        .filter_map(|d| d.obj("manipulated"))
        .filter_map(|m| {
            let target = ctx.target(o, m);
            target.and_then(|t| coded_at(t, "type")).or_else(|| {
                m.string("display").map(|d| bluebutton_model::Coded {
                    original_text: Some(d),
                    ..Default::default()
                })
            })
        })
        .collect();
    // Devices used (`usedCode`), after the devices acted on.
    devices.extend(coded_all(o, "usedCode"));
    let mut procedure = Procedure {
        ids: identifiers(o),
        negated: status.as_deref() == Some("not-done"),
        status,
        negation_reason: coded_at(o, "statusReason"),
        code: coded_at(o, "code"),
        period: ctx.time_choice(o, "performed"),
        body_sites: coded_all(o, "bodySite"),
        methods: hl7_coded_all(o, PROCEDURE_METHOD),
        priority: own_coded(o, "priority"),
        specimens: own_coded_all(o, "specimen"),
        value: own_value(ctx, o, "procedure-value"),
        reasons,
        reason_times: own_dated(ctx, o, "reason-time"),
        devices,
        performers,
        locations,
        authors: ctx.participant_at(o, "recorder").into_iter().collect(),
        notes: notes(o),
        text: narrative(o),
        source,
        ..Default::default()
    };
    procedure.authors = ctx.authors(o, std::mem::take(&mut procedure.authors));
    procedure.encounter_ids = ctx.encounter_ids(o, "encounter");
    procedure
}
