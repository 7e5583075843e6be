//! Observation and DiagnosticReport.
//!
//! A DiagnosticReport becomes a group of the observations its `result`s name; an
//! Observation with `hasMember`s (a vital-signs or lab panel) becomes a group of its
//! members (a panel among a report's results brings its members along; a panel among a
//! panel's members stays a group of its own). Other observations go by category: `vital-signs` to `vitals` and
//! `laboratory` (and any other) to `results`, each as a group of one; `social-history`,
//! `sdoh` and `survey` to `social_history`; `functional-status` to `functional_status`;
//! `cognitive-status` to `mental_status`.

use super::datatypes::{
    attachment, coded, coded_all, coded_at, codes, identifiers, narrative, notes, quantity_at,
    range,
};
use super::extensions::{own_coded, own_observations, own_parties, own_period};
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::extensions::url;
use bluebutton_model::{
    Coded, Encounter, Observation, ObservationGroup, Procedure, ReferenceRange, Source, Value,
    ValueKind,
};

/// Where an observation belongs in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Destination {
    Vitals,
    Results,
    Social,
    Functional,
    Mental,
}

/// The record list an Observation belongs in, by its category codes.
fn destination(o: &Object<'_>) -> Destination {
    let mut found = Destination::Results;
    for code in codes(o, "category") {
        found = match code {
            "vital-signs" => return Destination::Vitals,
            "social-history" | "sdoh" | "survey" => Destination::Social,
            "functional-status" | "disability-status" => Destination::Functional,
            "cognitive-status" | "mental-status" => Destination::Mental,
            _ => continue,
        };
    }
    found
}

/// Before mapping: marks the observations that reports and panels group, and keeps their
/// provenance for when they are mapped inside those.
pub(super) fn prepare<'a>(ctx: &mut Ctx<'a>, resources: &[Resource<'a>]) {
    for res in resources {
        if res.kind == "Condition" && is_concern(res.obj) {
            for target in evidence_targets(ctx, res.obj) {
                ctx.consume(target);
            }
            continue;
        }
        let key = match res.kind {
            "DiagnosticReport" => "result",
            "Observation" => "hasMember",
            _ => continue,
        };
        for r in res.obj.objects(key) {
            let Some(reference) = r.str("reference") else {
                continue;
            };
            match ctx.index.resolve(res.obj, reference) {
                // A panel inside a panel is a group of its own (and panels cannot loop).
                Some(target) if key == "hasMember" && is_panel(target) => {}
                Some(target) => ctx.consume(target),
                None => {}
            }
        }
    }
    // The procedures and encounters a group holds (its `group-procedure` and
    // `group-encounter` extensions) are mapped with it.
    let held = [url("group-procedure"), url("group-encounter")];
    for res in resources {
        if !matches!(res.kind, "DiagnosticReport" | "Observation") {
            continue;
        }
        let targets = res
            .obj
            .objects("extension")
            .filter(|e| e.str("url").is_some_and(|u| held.iter().any(|h| h == u)))
            .filter_map(|e| e.obj("valueReference")?.str("reference"))
            .filter_map(|r| ctx.index.resolve(res.obj, r));
        for target in targets.collect::<Vec<_>>() {
            ctx.consume(target);
        }
    }
    for res in resources {
        let grouped = matches!(res.kind, "Observation" | "Procedure" | "Encounter");
        if grouped && ctx.is_consumed(res.obj) {
            let source = ctx.source(res);
            ctx.sources
                .insert(std::ptr::from_ref(res.obj) as usize, source);
        }
    }
}

/// Maps an Observation (unless a report or panel maps it).
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    if ctx.is_consumed(o) {
        return;
    }
    let destination = destination(o);
    if is_panel(o) {
        let mut members = Vec::new();
        members_of(ctx, o, &mut members);
        let panel = observation(ctx, o, ctx.source(res));
        let (procedures, encounters) = held(ctx, o);
        let group = ObservationGroup {
            procedures,
            encounters,
            ids: panel.ids,
            status: panel.status,
            code: panel.code,
            categories: panel.categories,
            time: panel.time,
            performers: panel.performers,
            participants: panel.participants,
            authors: panel.authors,
            observations: members,
            notes: panel.notes,
            text: panel.text,
            source: panel.source,
            ..Default::default()
        };
        match destination {
            Destination::Vitals => ctx.record.vitals.push(group),
            _ => ctx.record.results.push(group),
        }
        return;
    }
    let obs = observation(ctx, o, ctx.source(res));
    match destination {
        Destination::Vitals | Destination::Results => {
            let group = ObservationGroup {
                source: obs.source.clone(),
                observations: vec![obs],
                ..Default::default()
            };
            if destination == Destination::Vitals {
                ctx.record.vitals.push(group);
            } else {
                ctx.record.results.push(group);
            }
        }
        Destination::Social => ctx.record.social_history.push(obs),
        Destination::Functional => ctx.record.functional_status.push(obs),
        Destination::Mental => ctx.record.mental_status.push(obs),
    }
}

/// Maps a DiagnosticReport into `results`, as a group of its results.
pub(super) fn report<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut observations = Vec::new();
    for r in o.objects("result") {
        if let Some(target) = ctx.target(o, r) {
            let source = grouped_source(ctx, target);
            observations.push(observation(ctx, target, source));
            if is_panel(target) {
                members_of(ctx, target, &mut observations);
            }
        }
    }
    let mut performers: Vec<_> = o
        .objects("performer")
        .chain(o.objects("resultsInterpreter"))
        .map(|p| ctx.participant(o, p))
        .collect();
    performers.retain(|p| *p != Default::default());
    let text = o
        .objects("presentedForm")
        .map(attachment)
        .find(|a| a.encoding.is_none() && a.data.is_some())
        .and_then(|a| a.data)
        .or_else(|| narrative(o));
    let group = ObservationGroup {
        ids: identifiers(o),
        status: o.string("status"),
        code: coded_at(o, "code"),
        categories: coded_all(o, "category"),
        time: ctx.time_choice(o, "effective"),
        specimen: specimen(ctx, o),
        performers,
        participants: own_parties(ctx, o, o, &url("participant")),
        authors: ctx.authors(o, Vec::new()),
        observations,
        conclusion: o.string("conclusion").or_else(|| {
            o.objects("conclusionCode")
                .next()
                .map(coded)
                .and_then(|c| c.display)
        }),
        text,
        source: ctx.source(res),
        ..Default::default()
    };
    let (procedures, encounters) = held(ctx, o);
    ctx.record.results.push(ObservationGroup {
        procedures,
        encounters,
        ..group
    });
}

/// The procedures and encounters a group's resource holds (its `group-procedure` and
/// `group-encounter` extensions), with their provenance.
fn held<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> (Vec<Procedure>, Vec<Encounter>) {
    let (procedure, encounter) = (url("group-procedure"), url("group-encounter"));
    let (mut procedures, mut encounters) = (Vec::new(), Vec::new());
    for e in o.objects("extension") {
        let kind = e.str("url");
        let Some(target) = e.obj("valueReference").and_then(|r| ctx.target(o, r)) else {
            continue;
        };
        let source = grouped_source(ctx, target);
        if kind == Some(procedure.as_str()) {
            procedures.push(super::procedures::procedure(ctx, target, source));
        } else if kind == Some(encounter.as_str()) {
            encounters.push(super::encounters::encounter(ctx, target, source));
        }
    }
    (procedures, encounters)
}

/// Whether a Condition is a health concern (category `health-concern`).
pub(super) fn is_concern(o: &Object<'_>) -> bool {
    super::datatypes::codes(o, "category").any(|c| c == "health-concern")
}

/// The Observations (not panels) a Condition's `evidence.detail` names.
fn evidence_targets<'a>(ctx: &Ctx<'a>, condition: &'a Object<'a>) -> Vec<&'a Object<'a>> {
    condition
        .objects("evidence")
        .flat_map(|e| e.objects("detail"))
        .filter_map(|d| ctx.index.resolve(condition, d.str("reference")?))
        .filter(|t| t.str("resourceType") == Some("Observation") && !is_panel(t))
        .collect()
}

/// The observations a health concern's evidence names, with their provenance.
pub(super) fn evidence<'a>(ctx: &mut Ctx<'a>, condition: &'a Object<'a>) -> Vec<Observation> {
    let mut out = Vec::new();
    for target in evidence_targets(ctx, condition) {
        let source = grouped_source(ctx, target);
        out.push(observation(ctx, target, source));
    }
    out
}

/// Whether an Observation is a panel (has `hasMember`s).
fn is_panel(o: &Object<'_>) -> bool {
    o.get("hasMember").is_some()
}

/// The members of a panel that are not panels themselves, into `out`.
fn members_of<'a>(ctx: &mut Ctx<'a>, panel: &'a Object<'a>, out: &mut Vec<Observation>) {
    for r in panel.objects("hasMember") {
        if let Some(target) = ctx.target(panel, r).filter(|t| !is_panel(t)) {
            let source = grouped_source(ctx, target);
            out.push(observation(ctx, target, source));
        }
    }
}

/// The members of a Specimen that reading it as a specimen type reads (its subject is
/// the record's patient): a Specimen holding no others is read whole.
const SPECIMEN_MEMBERS: &[&str] = &["resourceType", "id", "type", "subject"];

/// The specimen type of the first `specimen` reference; a Specimen holding nothing more
/// is read whole.
fn specimen<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> Option<Coded> {
    let r = o.objects("specimen").next()?;
    match ctx.target(o, r) {
        Some(s) => {
            let type_only = s.str("resourceType") == Some("Specimen")
                && s.members
                    .iter()
                    .all(|(k, _)| SPECIMEN_MEMBERS.contains(&k.as_ref()));
            if type_only {
                ctx.read_whole(s);
            }
            coded_at(s, "type")
        }
        None => r.string("display").map(|d| Coded {
            original_text: Some(d),
            ..Default::default()
        }),
    }
}

/// The provenance of a resource another maps (an observation a report or panel groups,
/// a Composition's encounter); none for a contained one.
pub(super) fn grouped_source(ctx: &Ctx<'_>, o: &Object<'_>) -> Source {
    ctx.sources
        .get(&(std::ptr::from_ref(o) as usize))
        .cloned()
        .unwrap_or_default()
}

/// One Observation resource as a model observation, with its provenance.
fn observation<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>, source: Source) -> Observation {
    let mut performers: Vec<_> = o
        .objects("performer")
        .map(|p| ctx.participant(o, p))
        .collect();
    performers.retain(|p| *p != Default::default());
    let components = o
        .objects("component")
        .map(|c| Observation {
            code: coded_at(c, "code"),
            value: value(ctx, c),
            interpretations: coded_all(c, "interpretation"),
            reference_ranges: reference_ranges(c),
            time: own_period(ctx, c, "component-time"),
            components: own_observations(ctx, o, c, "observation-component"),
            participants: own_parties(ctx, o, c, &url("participant")),
            authors: own_parties(ctx, o, c, &url("author")),
            ..Default::default()
        })
        .collect();
    Observation {
        ids: identifiers(o),
        status: o.string("status"),
        categories: coded_all(o, "category"),
        code: coded_at(o, "code"),
        time: ctx.time_choice(o, "effective"),
        value: value(ctx, o),
        interpretations: coded_all(o, "interpretation"),
        reference_ranges: reference_ranges(o),
        method: coded_at(o, "method"),
        body_sites: coded_at(o, "bodySite").into_iter().collect(),
        specimen: specimen(ctx, o),
        performers,
        authors: ctx.authors(o, Vec::new()),
        participants: own_parties(ctx, o, o, &url("participant")),
        components,
        notes: notes(o),
        encounter_ids: ctx.encounter_ids(o, "encounter"),
        text: narrative(o),
        source,
        ..Default::default()
    }
}

/// `value[x]`, or the `dataAbsentReason` code as the value's null flavor.
fn value(ctx: &mut Ctx<'_>, o: &Object<'_>) -> Option<Value> {
    ctx.value(o, "value").or_else(|| {
        let reason = coded_at(o, "dataAbsentReason")?;
        Some(Value {
            kind: ValueKind::Absent,
            null_flavor: reason.code.or(reason.original_text),
            ..Default::default()
        })
    })
}

/// The reference ranges of an observation or component.
fn reference_ranges(o: &Object<'_>) -> Vec<ReferenceRange> {
    o.objects("referenceRange")
        .map(|r| ReferenceRange {
            low: quantity_at(r, "low"),
            high: quantity_at(r, "high"),
            text: r.string("text"),
            meaning: coded_at(r, "type"),
            applies_to: coded_all(r, "appliesTo"),
            age: r.obj("age").map(range),
            normal: own_coded(r, "normal-value"),
        })
        .collect()
}
