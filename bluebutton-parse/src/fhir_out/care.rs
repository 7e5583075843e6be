//! Goal, CarePlan (plan of care), CareTeam, Device and FamilyMemberHistory.

use super::datatypes::{
    annotations, concept, concept_opt, date_only, date_time, identifiers, int32, name_text, period,
    put_required_code, put_time, quantity_opt, range, ratio, required_concept,
};
use super::extensions::{self as ext, put_bound_code, put_extensions};
use super::json::{Obj, J};
use super::patient::gender;
use super::Writer;
use bluebutton_model::{Coded, Goal, PlannedActivity, Value, ValueKind};

const US_CORE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/";

/// Writes goals, the plan of care, the care team, devices and family history.
pub(super) fn write(w: &mut Writer<'_>) {
    for (i, g) in w.record.goals.iter().enumerate() {
        goal(w, &format!("goals/{i}"), g);
    }
    plans(w);
    teams(w);
    devices(w);
    family(w);
}

/// A goal, and its component goals as Goals of their own.
fn goal(w: &mut Writer<'_>, key: &str, g: &Goal) {
    let url = w.url(key);
    let mut o = Writer::profiled("Goal", &url, &[&format!("{US_CORE}us-core-goal")]);
    let status = match g.status.as_deref().unwrap_or_default() {
        "proposed" => Some("proposed"),
        "planned" => Some("planned"),
        "accepted" => Some("accepted"),
        "active" => Some("active"),
        "on-hold" | "suspended" => Some("on-hold"),
        "completed" => Some("completed"),
        "cancelled" | "aborted" => Some("cancelled"),
        "entered-in-error" | "nullified" => Some("entered-in-error"),
        "rejected" => Some("rejected"),
        _ => None,
    };
    o.put_all("identifier", identifiers(&g.ids));
    put_required_code(&mut o, "lifecycleStatus", status);
    let due = g
        .time
        .as_ref()
        .and_then(|t| t.high.as_ref())
        .and_then(date_only);
    let start = g
        .time
        .as_ref()
        .and_then(|t| t.low.as_ref().or(t.value.as_ref()))
        .and_then(date_only);
    let targets: Vec<J> = g
        .targets
        .iter()
        .filter_map(|v| {
            let mut x = Obj::new();
            put_detail(&mut x, v, w.ucum);
            x.put("dueDate", due.clone().map(J::Str));
            x.some()
        })
        .collect();
    o.put("achievementStatus", concept_opt(g.achievement.as_ref()))
        .put("priority", concept_opt(g.priority.as_ref()))
        .put("description", required_concept(g.code.as_ref()))
        .put("subject", w.subject())
        .put("startDate", start.map(J::Str));
    if targets.is_empty() {
        if let Some(d) = due {
            let mut x = Obj::new();
            x.put("dueDate", J::Str(d));
            o.put("target", J::Arr(vec![J::Obj(x)]));
        }
    } else {
        o.put("target", J::Arr(targets));
    }
    o.put("expressedBy", w.recorder(&g.authors))
        .put_all("note", annotations(&g.notes));
    put_extensions(&mut o, ext::source_template(&g.source));
    w.authored(&url, &g.authors);
    w.push(&url, o);
    for (j, c) in g.components.iter().enumerate() {
        goal(w, &format!("{key}/components/{j}"), c);
    }
}

/// A goal target's `detail[x]`.
fn put_detail(x: &mut Obj, v: &Value, ucum: bool) {
    match v.kind {
        ValueKind::Quantity => {
            x.put("detailQuantity", quantity_opt(v.quantity.as_ref(), ucum));
        }
        ValueKind::Range => {
            x.put("detailRange", v.range.as_ref().and_then(|r| range(r, ucum)));
        }
        ValueKind::Ratio => {
            x.put("detailRatio", v.ratio.as_ref().and_then(|r| ratio(r, ucum)));
        }
        ValueKind::Coded => {
            x.put("detailCodeableConcept", concept_opt(v.coded.as_ref()));
        }
        ValueKind::Text => {
            x.put_str("detailString", v.text.as_deref());
        }
        ValueKind::Integer => {
            x.put("detailInteger", v.integer.and_then(|n| int32(n, false)));
        }
        ValueKind::Boolean => {
            x.put("detailBoolean", v.boolean.map(J::Bool));
        }
        ValueKind::Time | ValueKind::Attachment | ValueKind::Absent => {}
    }
}

/// The plan of care: a care plan (an entry read from a FHIR CarePlan) as a CarePlan whose
/// category is its code; any other planned activity (a planned procedure, encounter,
/// observation, act, ...) as a ServiceRequest, FHIR's resource for one planned service.
fn plans(w: &mut Writer<'_>) {
    for (i, a) in w.record.plan_of_care.iter().enumerate() {
        let url = w.url(&format!("plan_of_care/{i}"));
        let status = match a.status.as_deref().unwrap_or_default() {
            "draft" => "draft",
            "active" | "new" => "active",
            "on-hold" | "suspended" | "held" => "on-hold",
            "revoked" | "cancelled" | "aborted" => "revoked",
            "completed" => "completed",
            "entered-in-error" | "nullified" => "entered-in-error",
            _ => "unknown",
        };
        let care_plan = a.kind.as_deref() == Some("care-plan");
        let mut o = if care_plan {
            care_plan_resource(w, &url, a, status)
        } else {
            service_request(w, &url, a, status)
        };
        // Each reason's time, with its code.
        put_extensions(&mut o, ext::dated_all("reason-time", &a.reason_times));
        put_extensions(&mut o, ext::source_template(&a.source));
        w.authored(&url, &a.authors);
        w.push(&url, o);
    }
}

/// A planned activity's intent: FHIR's intents as found; C-CDA `PRP` proposal, `RQO`,
/// `ARQ`, `APT` order, `PRMS` directive; a plan of care's other entries (`INT`, none) are
/// plans.
fn intent(mood: Option<&str>, care_plan: bool) -> &'static str {
    match mood.unwrap_or_default() {
        "proposal" | "PRP" => "proposal",
        "order" | "RQO" | "ARQ" | "APT" => "order",
        "option" => "option",
        "directive" | "PRMS" if !care_plan => "directive",
        "original-order" if !care_plan => "original-order",
        "reflex-order" if !care_plan => "reflex-order",
        "filler-order" if !care_plan => "filler-order",
        "instance-order" if !care_plan => "instance-order",
        _ => "plan",
    }
}

/// A care plan as a CarePlan.
fn care_plan_resource(w: &Writer<'_>, url: &str, a: &PlannedActivity, status: &str) -> Obj {
    let mut o = Writer::profiled("CarePlan", url, &[&format!("{US_CORE}us-core-careplan")]);
    // The activities it groups and where it takes place have no element on a CarePlan.
    put_extensions(&mut o, components(w, a));
    put_extensions(
        &mut o,
        a.locations
            .iter()
            .filter_map(|l| w.location(l))
            .map(|r| ext::reference("location", r)),
    );
    o.put_all("identifier", identifiers(&a.ids))
        .put_str("status", Some(status))
        .put_str("intent", Some(intent(a.mood.as_deref(), true)))
        .put_all("category", a.code.iter().filter_map(concept))
        .put("subject", w.subject())
        .put("encounter", w.encounter_of(&a.encounter_ids))
        .put("period", a.time.as_ref().and_then(period))
        .put("author", a.authors.iter().find_map(|p| w.party(p)))
        .put_all("note", annotations(&a.notes));
    o
}

/// FHIR's code system of a request's priority.
pub(crate) const PRIORITY: &str = "http://hl7.org/fhir/request-priority";

/// The activities a plan groups, as `plan-component` extensions.
fn components(w: &Writer<'_>, a: &PlannedActivity) -> Vec<J> {
    let url = ext::url("plan-component");
    a.components
        .iter()
        .filter_map(|c| ext::planned(w, &url, c))
        .collect()
}

/// A planned activity as a ServiceRequest.
fn service_request(w: &Writer<'_>, url: &str, a: &PlannedActivity, status: &str) -> Obj {
    let mut o = Writer::profiled(
        "ServiceRequest",
        url,
        &[&format!("{US_CORE}us-core-servicerequest")],
    );
    let priority = a.priority.as_ref().and_then(|p| {
        let words = [p.code.as_deref(), p.display.as_deref()];
        words.into_iter().flatten().find_map(|w| {
            Some(match w.trim().to_ascii_lowercase().as_str() {
                "routine" | "r" => "routine",
                "urgent" | "ur" => "urgent",
                "asap" | "a" => "asap",
                "stat" | "s" | "em" => "stat",
                _ => return None,
            })
        })
    });
    // A route and the activities it groups have no element on a ServiceRequest.
    put_extensions(
        &mut o,
        ext::coded("route", a.route.as_ref())
            .into_iter()
            .chain(components(w, a)),
    );
    o.put_all("identifier", identifiers(&a.ids))
        .put_str("status", Some(status))
        .put_str("intent", Some(intent(a.mood.as_deref(), false)));
    put_bound_code(&mut o, "priority", priority, a.priority.as_ref(), PRIORITY);
    if a.negated {
        o.put("doNotPerform", J::Bool(true));
    }
    o.put(
        "code",
        concept_opt(a.code.as_ref()).or_else(|| concept_opt(a.product.as_ref())),
    )
    .put("quantityQuantity", quantity_opt(a.dose.as_ref(), w.ucum))
    .put("subject", w.subject())
    .put("encounter", w.encounter_of(&a.encounter_ids));
    put_time(&mut o, "occurrence", a.time.as_ref());
    o.put("requester", a.authors.iter().find_map(|p| w.party(p)))
        .put_all(
            "performer",
            a.performers
                .iter()
                .filter_map(|p| ext::with_function(w.party(p), p.function.as_ref())),
        )
        .put_all("reasonCode", a.reasons.iter().filter_map(concept))
        .put_all(
            "locationReference",
            a.locations.iter().filter_map(|l| w.location(l)),
        )
        .put_all("bodySite", a.body_sites.iter().filter_map(concept))
        .put_all("note", annotations(&a.notes));
    o
}

/// The care team: one CareTeam per team name (members without one form one team), each
/// member a `participant` with its provenance (`source-template`).
fn teams(w: &mut Writer<'_>) {
    let mut names: Vec<Option<&str>> = Vec::new();
    for m in &w.record.care_team {
        if !names.contains(&m.team.as_deref()) {
            names.push(m.team.as_deref());
        }
    }
    for (i, name) in names.into_iter().enumerate() {
        let url = w.url(&format!("care_team/{i}"));
        let mut o = Writer::profiled("CareTeam", &url, &[&format!("{US_CORE}us-core-careteam")]);
        let members: Vec<J> = w
            .record
            .care_team
            .iter()
            .filter(|m| m.team.as_deref() == name)
            .filter_map(|m| {
                let p = m.member.as_ref()?;
                let mut x = Obj::new();
                x.put_all(
                    "role",
                    m.role
                        .iter()
                        .chain(&p.role)
                        .chain(&p.function)
                        .find_map(concept),
                )
                .put("member", w.party(p)?)
                .put("period", m.period.as_ref().and_then(period));
                // Each member's provenance, on its own `participant` element.
                put_extensions(&mut x, ext::source_template(&m.source));
                x.some()
            })
            .collect();
        o.put_str("name", name)
            .put("subject", w.subject())
            .put("participant", J::Arr(members));
        w.push(&url, o);
    }
}

/// Medical equipment and implants as Devices (US Core Implantable Device).
fn devices(w: &mut Writer<'_>) {
    for (i, d) in w.record.medical_equipment.iter().enumerate() {
        let url = w.url(&format!("medical_equipment/{i}"));
        let mut o = Writer::profiled(
            "Device",
            &url,
            &[&format!("{US_CORE}us-core-implantable-device")],
        );
        let status = match d.status.as_deref().unwrap_or_default() {
            "active" | "completed" => Some("active"),
            "inactive" => Some("inactive"),
            "entered-in-error" | "nullified" => Some("entered-in-error"),
            _ => None,
        };
        let mut udi = Obj::new();
        udi.put_str("carrierHRF", d.udi.as_deref());
        let name = d.name.as_deref().map(|n| {
            let mut x = Obj::new();
            x.put_str("name", Some(n))
                .put_str("type", Some("user-friendly-name"));
            J::Obj(x)
        });
        // When and where it was used, the procedure that used it and its group (the
        // organizer's code and time) have no element on a Device.
        put_extensions(
            &mut o,
            ext::interval("device-use-period", d.time.as_ref())
                .into_iter()
                .chain(ext::coded_all("body-site", &d.body_sites))
                .chain(ext::coded("device-procedure", d.procedure.as_ref()))
                .chain(d.group.as_ref().and_then(|g| ext::dated("device-group", g))),
        );
        o.put_all("identifier", identifiers(&d.ids))
            .put_all("udiCarrier", udi.some())
            .put_str("status", status)
            .put_str("manufacturer", d.manufacturer.as_deref())
            .put(
                "expirationDate",
                d.expiry.as_ref().and_then(date_time).map(J::Str),
            )
            .put_str("lotNumber", d.lot_number.as_deref())
            .put_str("serialNumber", d.serial_number.as_deref())
            .put_all("deviceName", name)
            .put_str("modelNumber", d.model.as_deref())
            .put("type", concept_opt(d.code.as_ref()))
            .put("patient", w.subject())
            .put_all("note", annotations(&d.notes));
        put_extensions(&mut o, ext::source_template(&d.source));
        w.authored(&url, &d.authors);
        w.push(&url, o);
    }
}

/// Family history as FamilyMemberHistory: each observation a `condition` (a coded value
/// is the condition; otherwise the observation's code is, and its value the onset).
fn family(w: &mut Writer<'_>) {
    for (i, f) in w.record.family_history.iter().enumerate() {
        let url = w.url(&format!("family_history/{i}"));
        let mut o = Writer::resource("FamilyMemberHistory", &url);
        let status = match f.status.as_deref().unwrap_or_default() {
            "partial" => Some("partial"),
            "completed" => Some("completed"),
            "entered-in-error" | "nullified" => Some("entered-in-error"),
            "health-unknown" => Some("health-unknown"),
            _ => None,
        };
        let relative = f.relative.as_ref();
        o.put_all("identifier", identifiers(&f.ids));
        put_required_code(&mut o, "status", status);
        o.put("patient", w.subject())
            .put_str(
                "name",
                relative
                    .and_then(|r| r.name.as_ref())
                    .and_then(name_text)
                    .as_deref(),
            )
            .put(
                "relationship",
                required_concept(relative.and_then(|r| r.relationship.as_ref())),
            )
            .put("sex", relative.and_then(|r| sex(r.gender.as_ref())))
            .put(
                "bornDate",
                relative
                    .and_then(|r| r.birth_time.as_ref())
                    .and_then(date_only)
                    .map(J::Str),
            );
        match f.deceased_time.as_ref().and_then(date_only) {
            Some(d) => {
                o.put("deceasedDate", J::Str(d));
            }
            None => {
                o.put("deceasedBoolean", f.deceased.map(J::Bool));
            }
        }
        let conditions = f.observations.iter().map(|obs| {
            let mut x = Obj::new();
            let coded_value = obs
                .value
                .as_ref()
                .filter(|v| v.kind == ValueKind::Coded)
                .and_then(|v| v.coded.as_ref());
            // The observation's own code when its value is the condition, and its
            // further observations (age at onset, death), have no element.
            put_extensions(
                &mut x,
                ext::coded(
                    "observation-code",
                    obs.code.as_ref().filter(|_| coded_value.is_some()),
                )
                .into_iter()
                .chain(
                    obs.components
                        .iter()
                        .filter_map(|c| ext::observation(w, &ext::url("observation-component"), c)),
                ),
            );
            match coded_value {
                Some(c) => {
                    x.put("code", required_concept(Some(c)));
                    x.put("onsetPeriod", obs.time.as_ref().and_then(period));
                }
                None => {
                    x.put("code", required_concept(obs.code.as_ref()));
                    if let Some(v) = &obs.value {
                        put_onset(&mut x, v, w.ucum);
                    }
                }
            }
            x.put_all("note", annotations(&obs.notes));
            J::Obj(x)
        });
        o.put_all("condition", conditions);
        put_extensions(&mut o, ext::source_template(&f.source));
        w.push(&url, o);
    }
}

/// A family condition's `onset[x]` from a value: an age, a range, a period or text.
fn put_onset(x: &mut Obj, v: &Value, ucum: bool) {
    match v.kind {
        ValueKind::Quantity => {
            x.put("onsetAge", quantity_opt(v.quantity.as_ref(), ucum));
        }
        ValueKind::Range => {
            x.put("onsetRange", v.range.as_ref().and_then(|r| range(r, ucum)));
        }
        ValueKind::Time => {
            x.put("onsetPeriod", v.time.as_deref().and_then(period));
        }
        ValueKind::Text => {
            x.put_str("onsetString", v.text.as_deref());
        }
        _ => {}
    }
}

/// A relative's sex: the source's own code first (so it reads back as the code), then
/// FHIR's administrative gender (the extensible binding) when it is another code.
fn sex(g: Option<&Coded>) -> Option<J> {
    const SYSTEM: &str = "http://hl7.org/fhir/administrative-gender";
    let fhir = gender(g);
    let is_fhir =
        g.is_some_and(|g| g.system.as_deref() == Some(SYSTEM) && g.code.as_deref() == fhir);
    match (concept_opt(g), fhir) {
        (Some(J::Obj(mut own)), Some(code)) if !is_fhir => {
            let mut coding = Obj::new();
            coding
                .put_str("system", Some(SYSTEM))
                .put_str("code", Some(code));
            own.append("coding", J::Obj(coding));
            Some(J::Obj(own))
        }
        (Some(own), _) => Some(own),
        (None, code) => code.map(|c| super::datatypes::fixed_concept(SYSTEM, c, None)),
    }
}
