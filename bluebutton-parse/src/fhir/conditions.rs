//! Condition (problems, encounter diagnoses, health concerns) and FamilyMemberHistory.

use super::datatypes::{code_in, coded_all, coded_at, coded_value, identifiers, narrative, notes};
use super::extensions::{own_coded, own_observations, own_period};
use super::{Ctx, Resource};
use crate::fhir_out::extensions::url;
use bluebutton_model::{
    Concern, FamilyMember, Interval, Observation, Problem, Quantity, RelatedPerson, ValueKind,
};

/// Maps a Condition: a `health-concern` into `health_concerns`, any other into `problems`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut period = ctx.time_choice(o, "onset").unwrap_or_default();
    if let Some(end) = ctx.time_choice(o, "abatement") {
        period.high = end.value.or(end.high).or(end.low);
    }
    if let Some(onset) = period.value.take() {
        period.low = Some(onset);
    }
    let onset_age = ctx
        .value(o, "onset")
        .filter(|v| v.kind == ValueKind::Quantity)
        .and_then(|v| v.quantity);
    let period = Some(period).filter(|p| *p != Interval::default());
    if super::observations::is_concern(o) {
        let mut concern = Concern {
            observations: super::observations::evidence(ctx, o),
            ids: identifiers(o),
            status: o
                .obj("clinicalStatus")
                .and_then(|c| c.objects("coding").find_map(|c| c.string("code"))),
            code: coded_at(o, "code"),
            period,
            authors: ctx.participant_at(o, "recorder").into_iter().collect(),
            notes: notes(o),
            text: narrative(o),
            source: ctx.source(res),
            ..Default::default()
        };
        concern.authors = ctx.authors(o, std::mem::take(&mut concern.authors));
        ctx.record.health_concerns.push(concern);
        return;
    }
    let mut problem = Problem {
        ids: identifiers(o),
        clinical_status: coded_at(o, "clinicalStatus"),
        verification_status: coded_at(o, "verificationStatus"),
        categories: coded_all(o, "category"),
        code: coded_at(o, "code"),
        period,
        recorded: ctx.date_at(o, "recordedDate"),
        body_sites: coded_all(o, "bodySite"),
        onset_age: onset_age.filter(|q: &Quantity| q.value.is_some()),
        severity: coded_at(o, "severity"),
        concern_period: own_period(ctx, o, "concern-period"),
        health_status: own_coded(o, "health-status"),
        status_time: own_period(ctx, o, "status-time"),
        prognoses: own_observations(ctx, o, o, "prognosis"),
        authors: ctx
            .participant_at(o, "recorder")
            .into_iter()
            .chain(ctx.participant_at(o, "asserter"))
            .collect(),
        notes: notes(o),
        text: narrative(o),
        source: ctx.source(res),
        ..Default::default()
    };
    // Where it was found: the `location` extensions' References.
    let own_location = url("location");
    for place in o
        .objects("extension")
        .filter(|e| e.str("url") == Some(own_location.as_str()))
        .filter_map(|e| e.obj("valueReference"))
    {
        problem.locations.extend(ctx.location(o, place));
    }
    problem.authors = ctx.authors(o, std::mem::take(&mut problem.authors));
    problem.encounter_ids = ctx.encounter_ids(o, "encounter");
    ctx.record.problems.push(problem);
}

/// Maps a FamilyMemberHistory into `family_history`.
pub(super) fn family<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut observations = Vec::new();
    for c in o.objects("condition") {
        let components = own_observations(ctx, o, c, "observation-component");
        // A condition whose observation had a code of its own: the condition is the
        // observation's coded value, its onset the observation's time.
        let observation = match own_coded(c, "observation-code") {
            Some(code) => Observation {
                code: Some(code),
                value: coded_at(c, "code").map(coded_value),
                time: ctx.time_choice(c, "onset"),
                ..Default::default()
            },
            None => Observation {
                code: coded_at(c, "code"),
                value: ctx.value(c, "onset"),
                ..Default::default()
            },
        };
        observations.push(Observation {
            components,
            notes: notes(c),
            ..observation
        });
    }
    let deceased = match o.choice("deceased") {
        Some(("Boolean", super::json::Json::Bool(b))) => Some(*b),
        Some(_) => Some(true),
        None => None,
    };
    let member = FamilyMember {
        ids: identifiers(o),
        status: o.string("status"),
        relative: Some(RelatedPerson {
            relationship: coded_at(o, "relationship"),
            name: o.string("name").map(|n| bluebutton_model::PersonName {
                text: Some(n),
                ..Default::default()
            }),
            gender: coded_at(o, "sex")
                .or_else(|| code_in(o, "gender", "http://hl7.org/fhir/administrative-gender")),
            birth_time: ctx.date_at(o, "bornDate"),
            ..Default::default()
        }),
        deceased,
        deceased_time: ctx.date_at(o, "deceasedDate"),
        observations,
        text: narrative(o),
        source: ctx.source(res),
    };
    ctx.record.family_history.push(member);
}
