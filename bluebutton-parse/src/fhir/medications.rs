//! MedicationRequest, MedicationStatement, MedicationDispense and
//! MedicationAdministration, with the Medication they reference.

use super::datatypes::{
    coded, coded_all, coded_at, identifiers, narrative, notes, quantity_at, range, ratio,
};
use super::extensions::{hl7_coded_all, own_coded, own_dated, own_parties};
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::extensions::{url, ALTERNATE_CODES};
use crate::fhir_out::medications::EVENT_TIMING;
use bluebutton_model::{Coded, Dispense, Frequency, Interval, Medication, Quantity};

/// Maps a medication resource into `medications`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut m = Medication {
        ids: identifiers(o),
        status: o.string("status"),
        mood: o.string("intent"),
        indications: coded_all(o, "reasonCode"),
        // MedicationStatement.category (one), MedicationRequest.category (a list).
        kind: coded_all(o, "category").into_iter().next(),
        notes: notes(o),
        text: narrative(o),
        source: ctx.source(res),
        ..Default::default()
    };
    m.vehicle = own_coded(o, "medication-vehicle");
    m.clinical_status = own_coded(o, "medication-clinical-status");
    m.monitors = own_parties(ctx, o, o, &url("monitor"));
    m.performers = own_parties(ctx, o, o, &url("performer"));
    m.indication_times = own_dated(ctx, o, "reason-time");
    product(ctx, o, &mut m);
    m.negated = matches!(m.status.as_deref(), Some("not-taken" | "not-done"))
        || o.bool("doNotPerform") == Some(true);
    if m.negated {
        m.negation_reason = o.objects("statusReason").next().map(coded);
    }
    let dosages: Vec<&Object<'a>> = o
        .objects("dosageInstruction")
        .chain(o.objects("dosage"))
        .collect();
    if let Some(d) = dosages.first() {
        dosage(ctx, d, &mut m);
    }
    m.period = ctx.time_choice(o, "effective").or(m.period);
    match res.kind {
        "MedicationRequest" => {
            let order = ctx.supply_order(o);
            m.authors.extend(ctx.participant_at(o, "recorder"));
            m.repeat_number = order.repeat_number;
            m.prescriber.clone_from(&order.prescriber);
            m.order = Some(order);
            m.orders = ctx.further_orders(o);
        }
        "MedicationStatement" => {
            m.authors.extend(ctx.participant_at(o, "informationSource"));
            let mut orders = ctx.further_orders(o).into_iter();
            m.order = orders.next();
            m.orders = orders.collect();
        }
        "MedicationDispense" => {
            let performer = o
                .objects("performer")
                .find_map(|p| p.obj("actor"))
                .map(|a| ctx.participant(o, a));
            let pharmacy = performer.as_ref().and_then(|p| p.organization.clone());
            let time = dispense_time(ctx, o);
            m.dispenses.push(Dispense {
                ids: identifiers(o),
                status: o.string("status"),
                time: time.clone(),
                quantity: quantity_at(o, "quantity"),
                days_supply: quantity_at(o, "daysSupply"),
                pharmacy,
                performer: performer.filter(|p| p.organization.is_none()),
                ..Default::default()
            });
            m.period = m.period.or(time);
            let prescriber = o
                .objects("authorizingPrescription")
                .next()
                .and_then(|r| ctx.target(o, r))
                .and_then(|r| ctx.participant_at(r, "requester"));
            m.prescriber = prescriber;
        }
        _ => {
            for p in o.objects("performer") {
                if let Some(actor) = p.obj("actor") {
                    let mut participant = ctx.participant(o, actor);
                    participant.function = coded_at(p, "function");
                    if participant != Default::default() {
                        m.performers.push(participant);
                    }
                }
            }
        }
    }
    m.authors = ctx.authors(o, std::mem::take(&mut m.authors));
    m.encounter_ids = match res.kind {
        "MedicationStatement" | "MedicationAdministration" => ctx.encounter_ids(o, "context"),
        _ => ctx.encounter_ids(o, "encounter"),
    };
    ctx.record.medications.push(m);
}

/// A dispense's time: from `whenPrepared` to `whenHandedOver` when it has both, else
/// the one it has.
fn dispense_time<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> Option<Interval> {
    match (
        ctx.date_at(o, "whenPrepared"),
        ctx.date_at(o, "whenHandedOver"),
    ) {
        (Some(low), Some(high)) => Some(Interval {
            low: Some(low),
            high: Some(high),
            ..Default::default()
        }),
        (one, other) => other.or(one).map(|t| Interval {
            value: Some(t),
            ..Default::default()
        }),
    }
}

/// The drug: `medicationCodeableConcept`, or the Medication `medicationReference` names
/// (code, form, manufacturer, lot), or the reference's display.
fn product<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, m: &mut Medication) {
    if let Some(c) = coded_at(o, "medicationCodeableConcept") {
        m.product = Some(c);
        return;
    }
    let Some(reference) = o.obj("medicationReference") else {
        return;
    };
    match ctx.target(o, reference) {
        Some(med) => {
            m.product = coded_at(med, "code");
            m.form = coded_at(med, "form");
            m.product_ids = identifiers(med);
            m.manufacturer = med
                .obj("manufacturer")
                .map(|r| ctx.organization(med, r))
                .and_then(|org| org.name);
            m.lot_number = med.obj("batch").and_then(|b| b.string("lotNumber"));
        }
        None => {
            m.product = reference.string("display").map(|d| Coded {
                original_text: Some(d),
                ..Default::default()
            });
        }
    }
}

/// The first Dosage: sig, timing, as-needed, site, route, dose and rate.
fn dosage(ctx: &mut Ctx<'_>, d: &Object<'_>, m: &mut Medication) {
    m.sig = d.string("text");
    m.instructions = coded_all(d, "additionalInstruction");
    match d.choice("asNeeded") {
        Some(("Boolean", super::json::Json::Bool(b))) => m.as_needed = Some(*b),
        Some(("CodeableConcept", super::json::Json::Object(c))) => {
            m.as_needed = Some(true);
            m.preconditions.push(coded(c));
        }
        _ => {}
    }
    m.route = coded_at(d, "route");
    m.site = coded_at(d, "site");
    m.max_dose = d.obj("maxDosePerPeriod").map(ratio);
    // MedicationAdministration.dosage has `dose` and `rate[x]` directly.
    m.dose = quantity_at(d, "dose");
    for dr in d.objects("doseAndRate").take(1) {
        m.dose = quantity_at(dr, "doseQuantity").or(m.dose.take());
        m.dose_range = dr.obj("doseRange").map(range);
        m.rate = quantity_at(dr, "rateQuantity");
    }
    m.rate = m.rate.take().or_else(|| quantity_at(d, "rateQuantity"));
    if let Some(timing) = d.obj("timing") {
        let (frequency, bounds) = self::timing(ctx, timing);
        m.frequency = Some(frequency).filter(|f| *f != Frequency::default());
        m.period = bounds;
    }
}

/// A Timing: its repeat as a frequency, and its bounds.
fn timing(ctx: &mut Ctx<'_>, t: &Object<'_>) -> (Frequency, Option<Interval>) {
    let mut f = Frequency {
        text: t.obj("code").and_then(|c| c.string("text")),
        ..Default::default()
    };
    let Some(r) = t.obj("repeat") else {
        return (f, None);
    };
    let unit = r.string("periodUnit");
    let q = |value: Option<&str>| {
        value.map(|v| Quantity {
            value: Some(v.to_string()),
            unit: unit.clone(),
            ..Default::default()
        })
    };
    f.period = q(r.number("period"));
    f.period_max = q(r.number("periodMax"));
    f.count = r.int("frequency");
    f.event = r
        .objects("_when")
        .next()
        .and_then(|e| hl7_coded_all(e, ALTERNATE_CODES).into_iter().next())
        .or_else(|| {
            r.strings("when").into_iter().next().map(|w| Coded {
                code: Some(w),
                system: Some(EVENT_TIMING.into()),
                ..Default::default()
            })
        });
    let bounds = ctx.period_at(r, "boundsPeriod");
    (f, bounds)
}
