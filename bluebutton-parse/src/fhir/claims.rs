//! ExplanationOfBenefit of every CMS Blue Button 2.0 type (carrier, inpatient,
//! outpatient, PDE, DME, HHA, hospice, SNF) and CARIN profile (inpatient and outpatient
//! institutional, professional, pharmacy, oral), into `claims`.
//!
//! Amounts keep the decimal text the source wrote. Adjudications become amounts by
//! category (both codings kept: the HL7 / CARIN category and BB2's variable name);
//! `supportingInfo` and extensions become labelled details.

use super::datatypes::{
    coded_all, coded_at, coded_value, identifiers, money, named, notes, quantity_at, text_value,
};
use super::json::Object;
use super::{Ctx, Resource};
use crate::fhir_out::financial::{ITEM_NET, ITEM_UNIT_PRICE};
use bluebutton_model::{
    Claim, ClaimAmount, ClaimDiagnosis, ClaimItem, ClaimProcedure, Coded, NamedValue, Participant,
    Value, ValueKind,
};

/// Maps an ExplanationOfBenefit into `claims`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let care_team = care_team(ctx, o);
    let mut claim = Claim {
        ids: identifiers(o),
        status: o.string("status"),
        kind: coded_at(o, "type"),
        subtype: coded_at(o, "subType"),
        outcome: o.string("outcome"),
        billable_period: ctx.period_at(o, "billablePeriod"),
        created: ctx.date_at(o, "created"),
        provider: ctx.participant_at(o, "provider"),
        facility: o.obj("facility").and_then(|f| ctx.location(o, f)),
        insurer: ctx.organization_at(o, "insurer"),
        payee: payee(ctx, o),
        diagnoses: diagnoses(ctx, o),
        procedures: procedures(ctx, o),
        notes: o
            .objects("processNote")
            .filter_map(|n| n.string("text"))
            .chain(o.string("disposition"))
            .chain(notes(o))
            .collect(),
        source: ctx.source(res),
        ..Default::default()
    };
    claim.items = o
        .objects("item")
        .map(|item| self::item(ctx, item, &care_team))
        .collect();
    claim.totals = o.objects("adjudication").map(amount).collect();
    claim.totals.extend(o.objects("total").map(amount));
    if let Some(payment) = o.obj("payment") {
        claim.totals.extend(payment_amounts(payment));
        if let Some(date) = ctx.date_at(payment, "date") {
            claim.details.push(NamedValue {
                name: Some(label("payment.date")),
                time: Some(date),
                ..Default::default()
            });
        }
    }
    for balance in o.objects("benefitBalance") {
        let category = coded_at(balance, "category");
        for f in balance.objects("financial") {
            if let Some(m) = f.obj("usedMoney").or_else(|| f.obj("allowedMoney")) {
                claim.totals.push(ClaimAmount {
                    category: coded_at(f, "type").or_else(|| category.clone()),
                    amount: Some(money(m)),
                    ..Default::default()
                });
            } else if let Some(v) = ctx.value(f, "used").or_else(|| ctx.value(f, "allowed")) {
                claim.details.push(NamedValue {
                    name: coded_at(f, "type"),
                    value: Some(v),
                    ..Default::default()
                });
            }
        }
    }
    claim.care_team = care_team.into_iter().map(|(_, p)| p).collect();
    claim.details.extend(supporting_info(ctx, o));
    claim.details.extend(ctx.extensions(o));
    if let Some(kind) = o.string("use") {
        claim.details.push(named("use", text_value(kind)));
    }
    if let Some(referral) = o.obj("referral") {
        let text = referral
            .string("display")
            .or_else(|| referral.obj("identifier").and_then(|i| i.string("value")))
            .or_else(|| referral.string("reference"));
        if let Some(text) = text {
            claim.details.push(named("referral", text_value(text)));
        }
    }
    for insurance in o.objects("insurance") {
        if let Some(coverage) = insurance.obj("coverage") {
            let text = coverage
                .string("display")
                .or_else(|| coverage.string("reference"));
            if let Some(text) = text {
                claim
                    .details
                    .push(named("insurance.coverage", text_value(text)));
            }
        }
    }
    ctx.record.claims.push(claim);
}

/// A label for a detail named by a FHIR element path.
fn label(element: &str) -> Coded {
    Coded {
        code: Some(element.to_string()),
        ..Default::default()
    }
}

/// The care team, with each member's sequence number; the role is the member's
/// `function`, the qualification (specialty) its `role`.
fn care_team<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> Vec<(Option<i64>, Participant)> {
    let mut team = Vec::new();
    for member in o.objects("careTeam") {
        let Some(provider) = member.obj("provider") else {
            continue;
        };
        let mut p = ctx.participant(o, provider);
        p.function = coded_at(member, "role");
        p.role = coded_at(member, "qualification").or(p.role.take());
        team.push((member.int("sequence"), p));
    }
    team
}

/// The payee: its party, with the payee type as its function.
fn payee<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> Option<Participant> {
    let payee = o.obj("payee")?;
    // A `#id` party is contained in the resource, not in the payee element.
    let mut p = payee
        .obj("party")
        .map(|r| ctx.participant(o, r))
        .unwrap_or_default();
    p.function = coded_at(payee, "type");
    Some(p).filter(|p| *p != Participant::default())
}

/// The diagnoses: code (ICD-9 or ICD-10 by its system), types, present on admission.
fn diagnoses<'a>(ctx: &mut Ctx<'a>, o: &'a Object<'a>) -> Vec<ClaimDiagnosis> {
    let mut out = Vec::new();
    for d in o.objects("diagnosis") {
        let code = coded_at(d, "diagnosisCodeableConcept").or_else(|| {
            let r = d.obj("diagnosisReference")?;
            ctx.target(o, r).and_then(|c| coded_at(c, "code"))
        });
        out.push(ClaimDiagnosis {
            sequence: d.int("sequence"),
            code,
            kinds: coded_all(d, "type"),
            on_admission: coded_at(d, "onAdmission"),
        });
    }
    out
}

/// The claim-level procedures.
fn procedures(ctx: &mut Ctx<'_>, o: &Object<'_>) -> Vec<ClaimProcedure> {
    let mut out = Vec::new();
    for p in o.objects("procedure") {
        out.push(ClaimProcedure {
            sequence: p.int("sequence"),
            code: coded_at(p, "procedureCodeableConcept"),
            time: ctx.date_at(p, "date"),
        });
    }
    out
}

/// An adjudication or total: its category, amount and reason.
fn amount(o: &Object<'_>) -> ClaimAmount {
    ClaimAmount {
        category: coded_at(o, "category"),
        amount: o.obj("amount").map(money),
        reason: coded_at(o, "reason"),
    }
}

/// The payment's amount and adjustment, each labelled with the payment type.
fn payment_amounts(payment: &Object<'_>) -> Vec<ClaimAmount> {
    let kind = coded_at(payment, "type");
    let mut out = Vec::new();
    if let Some(m) = payment.obj("amount") {
        out.push(ClaimAmount {
            category: kind.clone().or_else(|| Some(label("payment.amount"))),
            amount: Some(money(m)),
            ..Default::default()
        });
    }
    if let Some(m) = payment.obj("adjustment") {
        out.push(ClaimAmount {
            category: Some(label("payment.adjustment")),
            amount: Some(money(m)),
            reason: coded_at(payment, "adjustmentReason"),
        });
    }
    out
}

/// `supportingInfo`: each as its category (with BB2's variable coding) and its value,
/// code or time.
fn supporting_info(ctx: &mut Ctx<'_>, o: &Object<'_>) -> Vec<NamedValue> {
    let mut out = Vec::new();
    for info in o.objects("supportingInfo") {
        let value = ctx
            .value(info, "value")
            .or_else(|| coded_at(info, "code").map(coded_value));
        let mut time = ctx.date_at(info, "timingDate");
        let mut value = value;
        if let Some(period) = ctx.period_at(info, "timingPeriod") {
            if value.is_none() {
                value = Some(Value {
                    kind: ValueKind::Time,
                    time: Some(Box::new(period)),
                    ..Default::default()
                });
            } else {
                time = period.low;
            }
        }
        out.push(NamedValue {
            name: coded_at(info, "category"),
            value,
            time,
        });
    }
    out
}

/// One claim line.
fn item<'a>(
    ctx: &mut Ctx<'a>,
    o: &'a Object<'a>,
    care_team: &[(Option<i64>, Participant)],
) -> ClaimItem {
    let provider = o
        .array("careTeamSequence")
        .iter()
        .find_map(|s| match s {
            super::json::Json::Number(n) => n.parse::<i64>().ok(),
            _ => None,
        })
        .and_then(|seq| care_team.iter().find(|(s, _)| *s == Some(seq)))
        .map(|(_, p)| p.clone());
    let mut amounts: Vec<ClaimAmount> = Vec::new();
    let mut details = ctx.extensions(o);
    for adjudication in o.objects("adjudication") {
        if adjudication.obj("amount").is_some() || adjudication.number("value").is_none() {
            amounts.push(amount(adjudication));
        } else if let Some(value) = adjudication.number("value") {
            details.push(NamedValue {
                name: coded_at(adjudication, "category"),
                value: Some(Value {
                    kind: ValueKind::Quantity,
                    quantity: Some(bluebutton_model::Quantity {
                        value: Some(value.to_string()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
    }
    for (key, name) in [("unitPrice", ITEM_UNIT_PRICE), ("net", ITEM_NET)] {
        if let Some(m) = o.obj(key) {
            amounts.push(ClaimAmount {
                category: Some(label(name)),
                amount: Some(money(m)),
                ..Default::default()
            });
        }
    }
    if let Some(category) = coded_at(o, "category") {
        details.push(NamedValue {
            name: Some(label("item.category")),
            value: Some(coded_value(category)),
            ..Default::default()
        });
    }
    for detail in o.objects("detail") {
        if let Some(product) = coded_at(detail, "productOrService") {
            details.push(NamedValue {
                name: Some(label("item.detail")),
                value: Some(coded_value(product)),
                ..Default::default()
            });
        }
    }
    let period = ctx
        .time_choice(o, "serviced")
        .filter(|p| *p != Default::default());
    ClaimItem {
        sequence: o.int("sequence"),
        service: coded_at(o, "productOrService"),
        modifiers: coded_all(o, "modifier"),
        revenue: coded_at(o, "revenue"),
        quantity: quantity_at(o, "quantity"),
        period,
        place: coded_at(o, "locationCodeableConcept"),
        provider,
        amounts,
        details,
    }
}
