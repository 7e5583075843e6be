//! Immunization.

use super::datatypes::{coded_at, identifiers, narrative, notes, quantity_at};
use super::extensions::{own_coded_all, own_time};
use super::{Ctx, Resource};
use bluebutton_model::{Immunization, Reaction};

/// Maps an Immunization into `immunizations`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
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
    let mut reactions = Vec::new();
    for r in o.objects("reaction") {
        reactions.push(Reaction {
            period: ctx.instant_at(r, "date"),
            text: r.obj("detail").and_then(|d| d.string("display")),
            ..Default::default()
        });
    }
    let manufacturer = o
        .obj("manufacturer")
        .map(|m| ctx.organization(o, m))
        .and_then(|m| m.name);
    let mut immunization = Immunization {
        ids: identifiers(o),
        negated: status.as_deref() == Some("not-done"),
        status,
        refusal_reason: coded_at(o, "statusReason"),
        vaccine: coded_at(o, "vaccineCode"),
        time: ctx.time_choice(o, "occurrence"),
        dose: quantity_at(o, "doseQuantity"),
        route: coded_at(o, "route"),
        site: coded_at(o, "site"),
        dose_number: o
            .objects("protocolApplied")
            .find_map(|p| p.int("doseNumberPositiveInt")),
        lot_number: o.string("lotNumber"),
        manufacturer,
        reported: o
            .bool("primarySource")
            .map(|primary| !primary)
            .or_else(|| o.obj("reportOrigin").map(|_| true)),
        performers,
        reactions,
        instructions: own_coded_all(o, "instruction"),
        notes: notes(o),
        text: narrative(o),
        source: ctx.source(res),
        ..Default::default()
    };
    immunization.authors = ctx.authors(o, Vec::new());
    immunization.encounter_ids = ctx.encounter_ids(o, "encounter");
    ctx.record.immunizations.push(immunization);
}
