//! AllergyIntolerance.

use super::datatypes::{coded_all, coded_at, identifiers, narrative, notes};
use super::{Ctx, Resource};
use bluebutton_model::{Allergy, Coded, Reaction};

/// Maps an AllergyIntolerance into `allergies`.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let mut reactions = Vec::new();
    for r in o.objects("reaction") {
        let manifestations = coded_all(r, "manifestation");
        let period = ctx.instant_at(r, "onset");
        let severity = r.string("severity").map(|s| Coded {
            code: Some(s),
            system: Some("http://hl7.org/fhir/reaction-event-severity".into()),
            ..Default::default()
        });
        let text = r.string("description");
        let base = Reaction {
            severity,
            period,
            text,
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
        kind: o.string("type").map(|t| Coded {
            code: Some(t),
            system: Some("http://hl7.org/fhir/allergy-intolerance-type".into()),
            ..Default::default()
        }),
        categories: o.strings("category"),
        allergen: coded_at(o, "code"),
        period: ctx.time_choice(o, "onset"),
        criticality: o.string("criticality").map(|c| Coded {
            code: Some(c),
            system: Some("http://hl7.org/fhir/allergy-intolerance-criticality".into()),
            ..Default::default()
        }),
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
