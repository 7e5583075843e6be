//! Coverage (CARIN, BB2 and US Core), into `coverage`.

use super::datatypes::{coded_at, coded_value, identifiers, named, narrative};
use super::extensions::{own_party, own_related_person};
use super::{Ctx, Resource};
use crate::fhir_out::extensions::url;
use bluebutton_model::{Coded, Coverage, NamedValue, Value, ValueKind};

/// Maps a Coverage into `coverage`: classes (group, plan, ...) as labelled values, the
/// plan's name from the `plan` class, extensions, costs to the beneficiary and the
/// writer's `coverage-detail` extensions as details; the covered party from the writer's
/// `beneficiary` extension.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut classes = Vec::new();
    let mut plan_name = None;
    for c in o.objects("class") {
        let kind = coded_at(c, "type");
        let is_plan = kind.as_ref().and_then(|k| k.code.as_deref()) == Some("plan");
        if is_plan && plan_name.is_none() {
            plan_name = c.string("name");
        }
        classes.push(NamedValue {
            name: kind,
            value: Some(coded_value(Coded {
                code: c.string("value"),
                display: c.string("name"),
                ..Default::default()
            })),
            ..Default::default()
        });
    }
    let mut details = ctx.extensions(o);
    for cost in o.objects("costToBeneficiary") {
        let Some(value) = ctx.value(cost, "value") else {
            continue;
        };
        details.push(NamedValue {
            name: coded_at(cost, "type"),
            value: Some(value),
            ..Default::default()
        });
    }
    // Details whose value is no amount (the writer's `coverage-detail` extensions).
    let detail = url("coverage-detail");
    for e in o
        .objects("extension")
        .filter(|e| e.str("url") == Some(detail.as_str()))
    {
        let part = |name: &str| e.objects("extension").find(|p| p.str("url") == Some(name));
        let name = part("name").and_then(|p| coded_at(p, "valueCodeableConcept"));
        let value = part("value").and_then(|p| ctx.value(p, "value"));
        if value.is_some() {
            details.push(NamedValue {
                name,
                value,
                ..Default::default()
            });
        }
    }
    if let Some(order) = o.int("order") {
        details.push(named(
            "order",
            Value {
                kind: ValueKind::Integer,
                integer: Some(order),
                ..Default::default()
            },
        ));
    }
    if let Some(network) = o.string("network") {
        details.push(named("network", super::datatypes::text_value(network)));
    }
    let payer = o
        .objects("payor")
        .next()
        .map(|p| ctx.organization(o, p))
        .filter(|p| *p != Default::default());
    let subscriber = o
        .obj("subscriber")
        .or_else(|| o.obj("policyHolder"))
        .map(|s| ctx.related_person(o, s))
        .filter(|s| *s != Default::default());
    let coverage = Coverage {
        ids: identifiers(o),
        status: o.string("status"),
        kind: coded_at(o, "type"),
        plan_name,
        payer,
        subscriber_id: o.string("subscriberId"),
        subscriber,
        relationship: coded_at(o, "relationship"),
        period: ctx.period_at(o, "period"),
        classes,
        details,
        guarantor: own_party(ctx, o, "guarantor"),
        beneficiary: own_related_person(ctx, o, "beneficiary"),
        text: narrative(o),
        source: ctx.source(res),
        ..Default::default()
    };
    ctx.record.coverage.push(coverage);
}
