//! AllergyIntolerance.

use super::datatypes::{coded_all, coded_at, identifiers, narrative, notes};
use super::extensions::{bound_code, own_coded, own_coded_all, own_period};
use super::{Ctx, Resource};
use crate::fhir_out::clinical::{CRITICALITY, REACTION_SEVERITY};
use bluebutton_model::{Allergy, Coded, Reaction};

/// Maps an AllergyIntolerance into `allergies`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut reactions = Vec::new();
    for r in o.objects("reaction") {
        let manifestations = coded_all(r, "manifestation");
        let period = match own_period(ctx, r, "reaction-period") {
            Some(p) => Some(p),
            None => ctx.instant_at(r, "onset"),
        };
        let base = Reaction {
            severity: bound_code(r, "severity", REACTION_SEVERITY),
            severity_interpretations: own_coded_all(r, "severity-interpretation"),
            period,
            text: r.string("description"),
            ..Default::default()
        };
        if manifestations.is_empty() {
            reactions.push(base.clone());
        }
        for m in manifestations {
            reactions.push(Reaction {
                manifestation: Some(m),
                ..base.clone()
            });
        }
    }
    let mut allergy = Allergy {
        ids: identifiers(o),
        clinical_status: coded_at(o, "clinicalStatus"),
        verification_status: coded_at(o, "verificationStatus"),
        kind: own_coded(o, "allergy-kind").or_else(|| {
            o.string("type").map(|t| Coded {
                code: Some(t),
                system: Some("http://hl7.org/fhir/allergy-intolerance-type".into()),
                ..Default::default()
            })
        }),
        severity: own_coded(o, "severity"),
        severity_interpretations: own_coded_all(o, "severity-interpretation"),
        concern_period: own_period(ctx, o, "concern-period"),
        categories: o.strings("category"),
        allergen: coded_at(o, "code"),
        period: ctx.time_choice(o, "onset"),
        criticality: bound_code(o, "criticality", CRITICALITY),
        reactions,
        authors: ctx.participant_at(o, "recorder").into_iter().collect(),
        notes: notes(o),
        text: narrative(o),
        source: ctx.source(res),
        ..Default::default()
    };
    allergy.authors = ctx.authors(o, std::mem::take(&mut allergy.authors));
    allergy.encounter_ids = ctx.encounter_ids(o, "encounter");
    ctx.record.allergies.push(allergy);
}
