//! MedicationStatement, or MedicationRequest when the source's mood is an order or a
//! plan; a fill of a prescription as a MedicationDispense; a supply order the resource
//! itself does not hold (every order of a statement, a request's orders after the first)
//! as a MedicationRequest of intent `order`; a product the record knows more of than its
//! code (form, identifiers, manufacturer, lot) as a Medication.

use super::datatypes::{
    annotations, code_text, concept, concept_opt, date_time_opt, first_point, identifiers, int32,
    period, put_time, quantity_opt, range, ratio, reference, required_concept,
};
use super::extensions::{self as ext, put_bound_code, put_extensions};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Frequency, Interval, Medication, MedicationOrder, Organization};

/// FHIR's code system of `Timing.repeat.when`.
pub(crate) const EVENT_TIMING: &str = "http://hl7.org/fhir/event-timing";
const REQUEST_PROFILE: &str =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest";

/// Writes every medication.
pub(super) fn write(w: &mut Writer<'_>) {
    for (i, m) in w.record.medications.iter().enumerate() {
        let url = w.url(&format!("medications/{i}"));
        let is_request = intent(m.mood.as_deref());
        // The supply orders written as MedicationRequests of their own: a request's
        // orders after the first (the first is its `dispenseRequest`), every order of a
        // statement.
        let orders: Vec<&MedicationOrder> = match is_request {
            Some(_) => m.orders.iter().collect(),
            None => m.order.iter().chain(&m.orders).collect(),
        };
        let order_urls: Vec<String> = (0..orders.len())
            .map(|k| w.url(&format!("medications/{i}/orders/{k}")))
            .collect();
        let mut o = match is_request {
            Some(intent) => request(w, &url, m, intent),
            None => statement(w, &url, m),
        };
        if is_request.is_none() {
            o.put_all("basedOn", order_urls.iter().map(|u| reference(u)));
        }
        // Facts with no element: the vehicle, the clinical status and each indication's
        // time (`reason-time`, with its code).
        put_extensions(
            &mut o,
            ext::coded("medication-vehicle", m.vehicle.as_ref())
                .into_iter()
                .chain(ext::coded(
                    "medication-clinical-status",
                    m.clinical_status.as_ref(),
                ))
                .chain(ext::dated_all("reason-time", &m.indication_times)),
        );
        // Who gives it and who monitors it: `performer` and `monitor` extensions naming
        // each party (neither a MedicationStatement nor a MedicationRequest has an element
        // for them).
        put_extensions(
            &mut o,
            ext::parties(w, &ext::url("performer"), &m.performers),
        );
        put_extensions(&mut o, ext::parties(w, &ext::url("monitor"), &m.monitors));
        put_extensions(&mut o, ext::source_template(&m.source));
        w.authored(&url, &m.authors);
        w.push(&url, o);
        for (order, order_url) in orders.into_iter().zip(&order_urls) {
            let prior = is_request.map(|_| url.as_str());
            let o = supply_order(w, order_url, m, order, prior);
            w.push(order_url, o);
        }
        for (j, d) in m.dispenses.iter().enumerate() {
            let dispense_url = w.url(&format!("medications/{i}/dispenses/{j}"));
            let mut o = Writer::resource("MedicationDispense", &dispense_url);
            o.put_all("identifier", identifiers(&d.ids))
                .put_str("status", Some(dispense_status(d.status.as_deref())))
                .put(
                    "medicationCodeableConcept",
                    concept_opt(d.product.as_ref()).unwrap_or_else(|| medication(m)),
                )
                .put("subject", w.subject())
                .put("authorizingPrescription", J::Arr(vec![reference(&url)]))
                .put("quantity", quantity_opt(d.quantity.as_ref(), w.ucum))
                .put("daysSupply", quantity_opt(d.days_supply.as_ref(), w.ucum));
            put_dispense_times(&mut o, d.time.as_ref());
            w.push(&dispense_url, o);
        }
    }
}

/// A fill's time: a span from preparation to hand-over as `whenPrepared` and
/// `whenHandedOver`, a single time as `whenHandedOver`.
fn put_dispense_times(o: &mut Obj, time: Option<&Interval>) {
    let Some(t) = time else { return };
    match (&t.low, &t.high) {
        (Some(low), Some(high)) => {
            o.put("whenPrepared", date_time_opt(Some(low)))
                .put("whenHandedOver", date_time_opt(Some(high)));
        }
        _ => {
            o.put(
                "whenHandedOver",
                first_point(t).and_then(|p| date_time_opt(Some(p))),
            );
        }
    }
}

/// `medication[x]`: a reference to a Medication entry when the record knows more of the
/// product than its code (its form, identifiers, manufacturer or lot), else the concept.
fn medication_key(w: &Writer<'_>, m: &Medication) -> (&'static str, J) {
    if m.form.is_none()
        && m.product_ids.is_empty()
        && m.manufacturer.is_none()
        && m.lot_number.is_none()
    {
        return ("medicationCodeableConcept", medication(m));
    }
    let manufacturer = m.manufacturer.as_ref().and_then(|name| {
        w.organization(&Organization {
            name: Some(name.clone()),
            ..Default::default()
        })
    });
    let key = serde_json::to_string(&(
        &m.product,
        &m.product_name,
        &m.form,
        &m.product_ids,
        &m.manufacturer,
        &m.lot_number,
    ))
    .unwrap_or_default();
    let url = w.shared("Medication", &key, |url| {
        let mut o = Writer::resource("Medication", url);
        let mut batch = Obj::new();
        batch.put_str("lotNumber", m.lot_number.as_deref());
        o.put_all("identifier", identifiers(&m.product_ids))
            .put("code", medication(m))
            .put("manufacturer", manufacturer)
            .put("form", concept_opt(m.form.as_ref()))
            .put("batch", batch.some());
        o
    });
    ("medicationReference", reference(&url))
}

/// The medication concept: the product code, else its name as text, else absent.
fn medication(m: &Medication) -> J {
    concept_opt(m.product.as_ref())
        .or_else(|| {
            let mut o = Obj::new();
            o.put_str("text", m.product_name.as_deref());
            o.some()
        })
        .unwrap_or_else(|| required_concept(m.product.as_ref()))
}

/// The MedicationRequest intent of a mood: FHIR's intents as found; C-CDA `RQO` order,
/// `INT` plan, `PRP` proposal, `PRMS` directive. Any other mood (`EVN`, none) is a
/// statement.
fn intent(mood: Option<&str>) -> Option<&'static str> {
    Some(match mood? {
        "proposal" | "PRP" => "proposal",
        "plan" | "INT" => "plan",
        "directive" | "PRMS" => "directive",
        "order" | "RQO" => "order",
        "original-order" => "original-order",
        "reflex-order" => "reflex-order",
        "filler-order" => "filler-order",
        "instance-order" => "instance-order",
        "option" => "option",
        _ => return None,
    })
}

/// A MedicationStatement.
fn statement(w: &Writer<'_>, url: &str, m: &Medication) -> Obj {
    let mut o = Writer::resource("MedicationStatement", url);
    let status = if m.negated {
        "not-taken"
    } else {
        match m.status.as_deref().unwrap_or_default() {
            "active" => "active",
            "completed" => "completed",
            "intended" | "new" => "intended",
            "stopped" | "aborted" | "cancelled" => "stopped",
            "on-hold" | "suspended" | "held" => "on-hold",
            "entered-in-error" | "nullified" => "entered-in-error",
            "not-taken" => "not-taken",
            _ => "unknown",
        }
    };
    let (key, drug) = medication_key(w, m);
    o.put_all("identifier", identifiers(&m.ids))
        .put_str("status", Some(status))
        .put_all("statusReason", m.negation_reason.iter().filter_map(concept))
        .put("category", concept_opt(m.kind.as_ref()))
        .put(key, drug)
        .put("subject", w.subject())
        .put("context", w.encounter_of(&m.encounter_ids));
    put_time(&mut o, "effective", m.period.as_ref());
    o.put("informationSource", w.recorder(&m.authors))
        .put_all("reasonCode", m.indications.iter().filter_map(concept))
        .put_all("note", annotations(&m.notes))
        .put_all("dosage", dosage(m, w.ucum, false));
    o
}

/// A MedicationRequest (US Core).
fn request(w: &Writer<'_>, url: &str, m: &Medication, intent: &str) -> Obj {
    let mut o = Writer::profiled("MedicationRequest", url, &[REQUEST_PROFILE]);
    let status = request_status(m.status.as_deref());
    let order = m.order.as_ref();
    let authored = order
        .and_then(|o| o.time.as_ref())
        .and_then(|t| t.value.as_ref())
        .and_then(|t| date_time_opt(Some(t)));
    o.put_all("identifier", identifiers(&m.ids))
        .put_str("status", Some(status))
        .put_all("statusReason", m.negation_reason.iter().filter_map(concept))
        .put_str("intent", Some(intent))
        .put_all("category", m.kind.iter().filter_map(concept));
    if m.negated {
        o.put("doNotPerform", J::Bool(true));
    }
    let (key, drug) = medication_key(w, m);
    o.put(key, drug)
        .put("subject", w.subject())
        .put("encounter", w.encounter_of(&m.encounter_ids))
        .put("authoredOn", authored)
        .put(
            "requester",
            m.prescriber
                .as_ref()
                .or(m.order.as_ref().and_then(|o| o.prescriber.as_ref()))
                .and_then(|p| ext::with_time(w.party(p), p.time.as_ref())),
        )
        .put("recorder", w.recorder(&m.authors))
        .put_all("reasonCode", m.indications.iter().filter_map(concept))
        .put_all("note", annotations(&m.notes))
        .put_all("dosageInstruction", dosage(m, w.ucum, true));
    let mut dispense = Obj::new();
    // The order's span, else (for an order without a time of its own, whose time would
    // be `authoredOn`) the medication's.
    let order_time = order.and_then(|o| o.time.as_ref());
    let validity = match order_time {
        Some(t) => Some(t).filter(|t| t.low.is_some() || t.high.is_some()),
        None => m
            .period
            .as_ref()
            .filter(|t| t.low.is_some() || t.high.is_some()),
    };
    dispense
        .put("validityPeriod", validity.and_then(period))
        .put(
            "numberOfRepeatsAllowed",
            order
                .and_then(|o| o.repeat_number)
                .or(m.repeat_number)
                .and_then(|n| int32(n, false).filter(|_| n >= 0)),
        )
        .put(
            "quantity",
            quantity_opt(order.and_then(|o| o.quantity.as_ref()), w.ucum),
        )
        .put(
            "expectedSupplyDuration",
            quantity_opt(order.and_then(|o| o.days_supply.as_ref()), w.ucum),
        );
    put_extensions(
        &mut dispense,
        ext::coded_all(
            "supply-instruction",
            order.into_iter().flat_map(|o| &o.instructions),
        ),
    );
    o.put("dispenseRequest", dispense.some());
    o
}

/// A request's status (FHIR's codes; C-CDA `completed`, `active`, `aborted`, ...).
fn request_status(status: Option<&str>) -> &'static str {
    match status.unwrap_or_default() {
        "active" => "active",
        "on-hold" | "suspended" | "held" => "on-hold",
        "cancelled" | "aborted" => "cancelled",
        "completed" => "completed",
        "entered-in-error" | "nullified" => "entered-in-error",
        "stopped" => "stopped",
        "draft" | "new" => "draft",
        _ => "unknown",
    }
}

/// A supply order of a medication as a MedicationRequest of intent `order` for the same
/// drug, with only what the order says: its identifiers, status, time (`authoredOn`
/// for a point, the dispense request's validity period for a span), prescriber, fills
/// allowed, quantity and days of supply. A further order of a request names the
/// request as its `priorPrescription`; a statement names its orders as `basedOn`.
fn supply_order(
    w: &Writer<'_>,
    url: &str,
    m: &Medication,
    order: &MedicationOrder,
    prior: Option<&str>,
) -> Obj {
    let mut o = Writer::profiled("MedicationRequest", url, &[REQUEST_PROFILE]);
    let (key, drug) = medication_key(w, m);
    let time = order.time.as_ref();
    o.put_all("identifier", identifiers(&order.ids))
        .put_str("status", Some(request_status(order.status.as_deref())))
        .put_str("intent", Some("order"))
        .put(key, drug)
        .put("subject", w.subject())
        .put(
            "authoredOn",
            time.and_then(|t| t.value.as_ref())
                .and_then(|t| date_time_opt(Some(t))),
        )
        .put(
            "requester",
            order
                .prescriber
                .as_ref()
                .and_then(|p| ext::with_time(w.party(p), p.time.as_ref())),
        )
        .put("priorPrescription", prior.map(reference));
    let mut dispense = Obj::new();
    dispense
        .put(
            "validityPeriod",
            time.filter(|t| t.low.is_some() || t.high.is_some())
                .and_then(period),
        )
        .put(
            "numberOfRepeatsAllowed",
            order
                .repeat_number
                .and_then(|n| int32(n, false).filter(|_| n >= 0)),
        )
        .put("quantity", quantity_opt(order.quantity.as_ref(), w.ucum))
        .put(
            "expectedSupplyDuration",
            quantity_opt(order.days_supply.as_ref(), w.ucum),
        );
    put_extensions(
        &mut dispense,
        ext::coded_all("supply-instruction", &order.instructions),
    );
    o.put("dispenseRequest", dispense.some());
    o
}

/// The Dosage of a medication (one), when it says anything.
fn dosage(m: &Medication, ucum: bool, request: bool) -> Option<J> {
    let mut d = Obj::new();
    d.put_str("text", m.sig.as_deref())
        .put_all(
            "additionalInstruction",
            m.instructions.iter().filter_map(concept),
        )
        // A request's period is when the dosing applies: the timing's bounds.
        .put(
            "timing",
            timing(m.frequency.as_ref(), m.period.as_ref().filter(|_| request)),
        );
    match m.as_needed {
        Some(b) if m.preconditions.is_empty() => {
            d.put("asNeededBoolean", J::Bool(b));
        }
        _ => {
            d.put(
                "asNeededCodeableConcept",
                m.preconditions.iter().find_map(concept),
            );
        }
    }
    d.put("site", concept_opt(m.site.as_ref()))
        .put("route", concept_opt(m.route.as_ref()));
    let mut amount = Obj::new();
    match (&m.dose, &m.dose_range) {
        (Some(q), _) => {
            amount.put("doseQuantity", quantity_opt(Some(q), ucum));
        }
        (None, Some(r)) => {
            amount.put("doseRange", range(r, ucum));
        }
        _ => {}
    }
    amount.put("rateQuantity", quantity_opt(m.rate.as_ref(), ucum));
    d.put_all("doseAndRate", amount.some()).put(
        "maxDosePerPeriod",
        m.max_dose.as_ref().and_then(|r| ratio(r, ucum)),
    );
    d.some()
}

/// FHIR's event-timing codes (HL7 v3 TimingEvent and FHIR's own), for `repeat.when`.
const WHEN: &[&str] = &[
    "HS",
    "WAKE",
    "C",
    "CM",
    "CD",
    "CV",
    "AC",
    "ACM",
    "ACD",
    "ACV",
    "PC",
    "PCM",
    "PCD",
    "PCV",
    "MORN",
    "MORN.early",
    "MORN.late",
    "NOON",
    "AFT",
    "AFT.early",
    "AFT.late",
    "EVE",
    "EVE.early",
    "EVE.late",
    "NIGHT",
    "PHS",
];

/// A schedule as a Timing: `repeat.period` and `periodUnit` when the unit is one of
/// FHIR's (`s`, `min`, `h`, `d`, `wk`, `mo`, `a`), `frequency`, `when` (an event FHIR
/// names), `boundsPeriod` from `bounds`, and the text as `code.text`.
fn timing(f: Option<&Frequency>, bounds: Option<&Interval>) -> Option<J> {
    let mut repeat = Obj::new();
    repeat.put("boundsPeriod", bounds.and_then(period));
    let mut o = Obj::new();
    if let Some(f) = f {
        if let Some(p) = &f.period {
            let unit = p.unit.as_deref().and_then(code_text);
            let unit = unit
                .as_deref()
                .filter(|u| ["s", "min", "h", "d", "wk", "mo", "a"].contains(u));
            let value = p.value.as_deref().and_then(J::decimal);
            if let (Some(unit), Some(value)) = (unit, value) {
                repeat
                    .put("period", value)
                    .put_str("periodUnit", Some(unit));
                if let Some(max) = f.period_max.as_ref().and_then(|q| q.value.as_deref()) {
                    repeat.put("periodMax", J::decimal(max));
                }
            }
        }
        let when = f
            .event
            .as_ref()
            .and_then(|e| e.code.as_deref())
            .map(str::trim)
            .filter(|w| WHEN.contains(w));
        repeat.put("frequency", f.count.and_then(|n| int32(n, true)));
        // `when` is a list: its one code, and the source's own code in `_when`.
        let mut one = Obj::new();
        put_bound_code(&mut one, "when", when, f.event.as_ref(), EVENT_TIMING);
        if let Some(code) = one.get("when").cloned() {
            repeat.put("when", J::Arr(vec![code]));
        }
        if let Some(element) = one.get("_when").cloned() {
            repeat.put("_when", J::Arr(vec![element]));
        }
        if let Some(text) = f.text.as_deref() {
            let mut code = Obj::new();
            code.put_str("text", Some(text));
            o.put("code", code.some());
        }
    }
    o.put("repeat", repeat.some());
    o.some()
}

/// A dispense's status (FHIR's codes; C-CDA `completed`, `active`, `aborted`).
fn dispense_status(status: Option<&str>) -> &'static str {
    match status.unwrap_or_default() {
        "preparation" => "preparation",
        "in-progress" | "active" => "in-progress",
        "cancelled" | "aborted" => "cancelled",
        "on-hold" | "suspended" => "on-hold",
        "completed" => "completed",
        "entered-in-error" | "nullified" => "entered-in-error",
        "stopped" => "stopped",
        "declined" => "declined",
        _ => "unknown",
    }
}
