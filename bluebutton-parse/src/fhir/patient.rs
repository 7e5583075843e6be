//! Patient: demographics, with the US Core race and ethnicity extensions; the US Core
//! birth-sex extension becomes a social-history observation.

use super::datatypes::{addresses, coded, coded_at, human_name, identifiers, names, telecoms};
use super::extensions::bound_code;
use super::{Ctx, Resource};
use crate::fhir_out::patient::GENDER;
use bluebutton_model::{Coded, Language, RelatedPerson};

const RACE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
const ETHNICITY: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
const BIRTH_PLACE: &str = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace";
const RELIGION: &str = "http://hl7.org/fhir/StructureDefinition/patient-religion";
const BIRTH_SEX: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";

/// The patient-proficiency extension on `Patient.communication`.
const PROFICIENCY: &str = "http://hl7.org/fhir/StructureDefinition/patient-proficiency";

/// Maps the record's Patient.
pub(super) fn map<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>) {
    let o = res.obj;
    let (name, other_names) = names(ctx, o);
    let mut p = bluebutton_model::Patient {
        ids: identifiers(o),
        name,
        other_names,
        gender: bound_code(o, "gender", GENDER),
        birth_time: ctx.date_at(o, "birthDate"),
        marital_status: coded_at(o, "maritalStatus"),
        addresses: addresses(ctx, o),
        telecoms: telecoms(o),
        ..Default::default()
    };
    match o.choice("deceased") {
        Some(("Boolean", super::json::Json::Bool(b))) => p.deceased = Some(*b),
        Some(("DateTime", super::json::Json::String(t))) => {
            p.deceased = Some(true);
            p.deceased_time = Some(ctx.date(t, "deceasedDateTime"));
        }
        _ => {}
    }
    for ext in o.objects("extension") {
        match ext.str("url") {
            Some(RACE) => p.race.extend(omb_codes(ext)),
            Some(ETHNICITY) => p.ethnicity.extend(omb_codes(ext)),
            Some(BIRTH_PLACE) => {
                p.birth_place = ext
                    .obj("valueAddress")
                    .map(|a| super::datatypes::address(ctx, a));
            }
            Some(RELIGION) => p.religion = coded_at(ext, "valueCodeableConcept"),
            Some(BIRTH_SEX) => {
                if let Some(sex) = ext.string("valueCode") {
                    let observation = birth_sex(sex, ctx.source(res));
                    ctx.record.social_history.push(observation);
                }
            }
            _ => {}
        }
    }
    for c in o.objects("communication") {
        // The patient-proficiency extension: how well (`level`) and in which mode
        // (`type`: expressed, received, written...) the patient uses the language.
        let proficiency = |part: &str| {
            c.objects("extension")
                .filter(|e| e.str("url") == Some(PROFICIENCY))
                .flat_map(|e| e.objects("extension"))
                .filter(|e| e.str("url") == Some(part))
                .find_map(|e| e.obj("valueCoding"))
                .map(super::datatypes::coding_as_coded)
        };
        p.languages.push(Language {
            code: c
                .obj("language")
                .and_then(|l| l.objects("coding").find_map(|c| c.string("code"))),
            mode: proficiency("type"),
            proficiency: proficiency("level"),
            preferred: c.bool("preferred"),
        });
    }
    for c in o.objects("contact") {
        let contact = RelatedPerson {
            relationship: o_first(c, "relationship"),
            name: c.obj("name").map(|n| human_name(ctx, n)),
            gender: bound_code(c, "gender", GENDER),
            addresses: c
                .obj("address")
                .map(|a| super::datatypes::address(ctx, a))
                .into_iter()
                .collect(),
            telecoms: telecoms(c),
            ..Default::default()
        };
        p.contacts.push(contact);
    }
    p.provider_organization = ctx.organization_at(o, "managingOrganization");
    ctx.record.patient = p;
}

/// The US Core birth-sex extension as the social-history observation C-CDA uses for it
/// (LOINC 76689-9, "Sex assigned at birth").
fn birth_sex(sex: String, source: bluebutton_model::Source) -> bluebutton_model::Observation {
    bluebutton_model::Observation {
        code: Some(Coded {
            code: Some("76689-9".into()),
            system: Some("http://loinc.org".into()),
            display: Some("Sex assigned at birth".into()),
            ..Default::default()
        }),
        value: Some(super::datatypes::coded_value(Coded {
            code: Some(sex),
            system: Some("http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender".into()),
            ..Default::default()
        })),
        source,
        ..Default::default()
    }
}

/// The first CodeableConcept of an array member.
fn o_first(o: &super::json::Object<'_>, key: &str) -> Option<Coded> {
    o.objects(key).next().map(coded)
}

/// The codes of a US Core race or ethnicity extension: `ombCategory` then `detailed`
/// codings (with the translations of their `code-translation` extensions), then a
/// concept of the extension's own `code-translation` parts (a concept without a code),
/// the first with the extension's `text` as original text.
fn omb_codes(ext: &super::json::Object<'_>) -> Vec<Coded> {
    let text = ext
        .objects("extension")
        .find(|e| e.str("url") == Some("text"))
        .and_then(|e| e.string("valueString"));
    let translation = crate::fhir_out::extensions::url("code-translation");
    let mut out: Vec<Coded> = ext
        .objects("extension")
        .filter(|e| matches!(e.str("url"), Some("ombCategory" | "detailed")))
        .filter_map(|e| e.obj("valueCoding"))
        .map(|c| Coded {
            translations: c
                .objects("extension")
                .filter(|e| e.str("url") == Some(translation.as_str()))
                .filter_map(|e| e.obj("valueCoding"))
                .map(super::datatypes::coding)
                .collect(),
            ..super::datatypes::coding_as_coded(c)
        })
        .collect();
    // The translations of a concept without a code: parts of their own.
    let loose: Vec<_> = ext
        .objects("extension")
        .filter(|e| e.str("url") == Some(translation.as_str()))
        .filter_map(|e| e.obj("valueCoding"))
        .map(super::datatypes::coding)
        .collect();
    if !loose.is_empty() {
        out.push(Coded {
            translations: loose,
            ..Default::default()
        });
    }
    match out.first_mut() {
        Some(first) => first.original_text = text,
        None if text.is_some() => out.push(Coded {
            original_text: text,
            ..Default::default()
        }),
        None => {}
    }
    out
}
