//! CarePlan and ServiceRequest (planned care), Goal, and CareTeam.

use super::datatypes::{coded, coded_all, coded_at, identifiers, narrative, notes};
use super::extensions::{bound_code, function, own_coded, own_dated, own_planned};
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::care::PRIORITY;
use crate::fhir_out::extensions::url;
use bluebutton_model::{CareTeamMember, Coded, Goal, Participant, PlannedActivity, Source};

/// Maps a CarePlan or ServiceRequest into `plan_of_care`.
pub(super) fn plan<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let is_plan = res.kind == "CarePlan";
    let mut performers = Vec::new();
    for p in o.objects("performer") {
        let mut party = ctx.participant(o, p);
        party.function = function(Some(p)).or(party.function);
        performers.push(party);
    }
    performers.retain(|p| *p != Default::default());
    // A ServiceRequest's `locationReference`, a CarePlan's `location` extensions.
    let own_location = url("location");
    let places = o.objects("locationReference").chain(
        o.objects("extension")
            .filter(|e| e.str("url") == Some(own_location.as_str()))
            .filter_map(|e| e.obj("valueReference")),
    );
    let mut locations = Vec::new();
    for place in places {
        locations.extend(ctx.location(o, place));
    }
    let mut reasons = coded_all(o, "reasonCode");
    reasons.extend(
        coded_all(o, "addresses")
            .into_iter()
            .filter(|c| *c != Coded::default()),
    );
    for r in o.objects("reasonReference").chain(o.objects("addresses")) {
        if let Some(target) = ctx.target(o, r) {
            reasons.extend(coded_at(target, "code"));
        }
    }
    let code = if is_plan {
        o.objects("category").next().map(coded).or_else(|| {
            o.string("title").map(|t| Coded {
                original_text: Some(t),
                ..Default::default()
            })
        })
    } else {
        coded_at(o, "code")
    };
    let time = if is_plan {
        ctx.period_at(o, "period")
    } else {
        ctx.time_choice(o, "occurrence")
            .or_else(|| ctx.instant_at(o, "authoredOn"))
    };
    let author_key = if is_plan { "author" } else { "requester" };
    let mut activity = PlannedActivity {
        ids: identifiers(o),
        kind: Some(
            if is_plan {
                "care-plan"
            } else {
                "service-request"
            }
            .to_string(),
        ),
        mood: o.string("intent"),
        status: o.string("status"),
        negated: o.bool("doNotPerform").unwrap_or(false),
        code,
        time,
        priority: bound_code(o, "priority", PRIORITY),
        route: own_coded(o, "route"),
        reasons,
        body_sites: coded_all(o, "bodySite"),
        performers,
        locations,
        authors: ctx.participant_at(o, author_key).into_iter().collect(),
        notes: notes(o)
            .into_iter()
            .chain(o.string("description"))
            .chain(
                o.objects("activity")
                    .filter_map(|a| a.obj("detail"))
                    .filter_map(|d| d.obj("code").map(coded))
                    .filter_map(|c| c.display.or(c.original_text)),
            )
            .collect(),
        text: narrative(o),
        source: ctx.source(res),
        components: own_planned(ctx, o, "plan-component"),
        reason_times: own_dated(ctx, o, "reason-time"),
        ..Default::default()
    };
    activity.authors = ctx.authors(o, std::mem::take(&mut activity.authors));
    activity.encounter_ids = ctx.encounter_ids(o, "encounter");
    ctx.record.plan_of_care.push(activity);
}

/// Maps a Goal into `goals`.
pub(super) fn goal<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut targets = Vec::new();
    let mut due = None;
    for t in o.objects("target") {
        targets.extend(ctx.value(t, "detail"));
        if due.is_none() {
            due = ctx.date_at(t, "dueDate");
        }
    }
    let start = ctx.date_at(o, "startDate");
    let time = (start.is_some() || due.is_some()).then(|| bluebutton_model::Interval {
        low: start,
        high: due,
        ..Default::default()
    });
    let mut goal = Goal {
        ids: identifiers(o),
        status: o.string("lifecycleStatus"),
        code: coded_at(o, "description"),
        time,
        targets,
        priority: coded_at(o, "priority"),
        achievement: coded_at(o, "achievementStatus"),
        // FHIR goals do not nest.
        components: Vec::new(),
        authors: ctx.participant_at(o, "expressedBy").into_iter().collect(),
        notes: notes(o),
        text: narrative(o),
        source: ctx.source(res),
    };
    goal.authors = ctx.authors(o, std::mem::take(&mut goal.authors));
    ctx.record.goals.push(goal);
}

/// Maps a CareTeam into `care_team`: one member per participant, with its own provenance
/// (a team with none still gives one entry, with its name).
pub(super) fn team<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let team = o.string("name");
    let status = o.string("status");
    let mut members = Vec::new();
    for p in o.objects("participant") {
        members.push(CareTeamMember {
            ids: identifiers(o),
            status: status.clone(),
            team: team.clone(),
            // A `#id` member is contained in the team, not in the participant element.
            member: p
                .obj("member")
                .map(|m| ctx.participant(o, m))
                .filter(|m| *m != Participant::default()),
            role: p.objects("role").next().map(coded),
            period: ctx.period_at(p, "period"),
            source: member_source(ctx, res, p),
            ..Default::default()
        });
    }
    if members.is_empty() {
        members.push(CareTeamMember {
            ids: identifiers(o),
            status,
            team,
            source: ctx.source(res),
            ..Default::default()
        });
    }
    if let Some(first) = members.first_mut() {
        first.text = narrative(o);
    }
    ctx.record.care_team.extend(members);
}

/// A care-team member's provenance: the team's, with the template ids and fixed codes of
/// the writer's `source-template` extension on the member's `participant` element when it
/// has one.
fn member_source<'a>(ctx: &Ctx<'a>, res: &Resource<'a>, participant: &Object<'_>) -> Source {
    let mut source = ctx.source(res);
    let (codes, template_ids) = super::extensions::source_template(participant);
    if !codes.is_empty() || !template_ids.is_empty() {
        source.codes = codes;
        source.template_ids = template_ids;
    }
    source
}
