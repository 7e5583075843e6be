//! Self-reported sections: conditions → `problems`, allergies → `allergies`, implantable
//! devices → `medical_equipment`, immunizations → `immunizations`, labs and tests →
//! `results`, vital statistics → `vitals`, drugs → `medications`, family medical history →
//! `family_history`, and preventive services → `plan_of_care`. Labels with no field of their own are kept in the entry's `notes` as
//! `Label: value`.

use super::values::text_coded;
use super::{at, between, each_entry, Ctx, Section};
use bluebutton_model::{
    Allergy, Immunization, MedicalDevice, Medication, Observation, ObservationGroup, Organization,
    Participant, PersonName, PlannedActivity, Problem, Quantity, Reaction, Value, ValueKind,
};

/// A performer or author known only by a name that may be a person or a place.
fn named_participant(name: &str, function: &str) -> Participant {
    Participant {
        name: Some(PersonName {
            text: Some(name.to_string()),
            ..Default::default()
        }),
        function: Some(text_coded(function)),
        ..Default::default()
    }
}

/// "Self Reported Medical Conditions".
pub(super) fn conditions(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "condition name", |ctx, entry| {
        let mut item = Problem {
            source: section.source(entry.line),
            ..Default::default()
        };
        let (mut low, mut high) = (None, None);
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "condition name" => item.code = Some(text_coded(&value)),
                "medical condition start date" => low = ctx.date(section.title, field),
                "medical condition end date" => high = ctx.date(section.title, field),
                "comments" => item.notes.push(value),
                _ => item.notes.push(field.as_note()),
            }
        }
        item.period = between(low, high);
        ctx.record.problems.push(item);
    });
}

/// "Self Reported Allergies".
pub(super) fn allergies(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "allergy name", |ctx, entry| {
        let mut item = Allergy {
            source: section.source(entry.line),
            ..Default::default()
        };
        let (mut low, mut high) = (None, None);
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "allergy name" => item.allergen = Some(text_coded(&value)),
                "type" => item.categories.push(value),
                "reaction" => item.reactions.push(Reaction {
                    manifestation: Some(text_coded(&value)),
                    ..Default::default()
                }),
                "severity" => item.severity = Some(text_coded(&value)),
                "first episode date" => low = ctx.date(section.title, field),
                "last episode date" => high = ctx.date(section.title, field),
                "comments" => item.notes.push(value),
                _ => item.notes.push(field.as_note()),
            }
        }
        item.period = between(low, high);
        ctx.record.allergies.push(item);
    });
}

/// "Self Reported Implantable Device".
pub(super) fn devices(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "device name", |ctx, entry| {
        let mut item = MedicalDevice {
            source: section.source(entry.line),
            ..Default::default()
        };
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "device name" => item.name = Some(value),
                "date implanted" => item.time = at(ctx.date(section.title, field)),
                "comments" => item.notes.push(value),
                _ => item.notes.push(field.as_note()),
            }
        }
        ctx.record.medical_equipment.push(item);
    });
}

/// "Self Reported Immunizations".
pub(super) fn immunizations(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "immunization name", |ctx, entry| {
        let mut item = Immunization {
            reported: Some(true),
            source: section.source(entry.line),
            ..Default::default()
        };
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "immunization name" => item.vaccine = Some(text_coded(&value)),
                "date administered" => item.time = at(ctx.date(section.title, field)),
                "method" => item.route = Some(text_coded(&value)),
                "comments" => item.notes.push(value),
                _ => item.notes.push(field.as_note()),
            }
        }
        ctx.record.immunizations.push(item);
    });
}

/// A reading as a quantity when it is a plain number, else as text.
fn reading(value: &str) -> Value {
    let numeric = !value.is_empty()
        && value.bytes().filter(|b| *b == b'.').count() <= 1
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.bytes().any(|b| b.is_ascii_digit());
    if numeric {
        Value {
            kind: ValueKind::Quantity,
            quantity: Some(Quantity {
                value: Some(value.to_string()),
                ..Default::default()
            }),
            ..Default::default()
        }
    } else {
        Value {
            kind: ValueKind::Text,
            text: Some(value.to_string()),
            ..Default::default()
        }
    }
}

/// "Self Reported Labs and Tests": one group holding one observation per entry.
pub(super) fn labs(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "test/lab type", |ctx, entry| {
        let mut group = ObservationGroup {
            source: section.source(entry.line),
            ..Default::default()
        };
        let mut obs = Observation {
            source: section.source(entry.line),
            ..Default::default()
        };
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "test/lab type" => {
                    group.code = Some(text_coded(&value));
                    obs.code = Some(text_coded(&value));
                }
                "date taken" => {
                    let time = at(ctx.date(section.title, field));
                    group.time = time.clone();
                    obs.time = time;
                }
                "administered by" => group.performers.push(Participant {
                    organization: Some(Organization {
                        name: Some(value),
                        ..Default::default()
                    }),
                    function: Some(text_coded(field.label)),
                    ..Default::default()
                }),
                "requesting doctor" => group.authors.push(named_participant(&value, field.label)),
                "results" => obs.value = Some(reading(&value)),
                "comments" => obs.notes.push(value),
                _ => group.notes.push(field.as_note()),
            }
        }
        group.observations.push(obs);
        ctx.record.results.push(group);
    });
}

/// "Self Reported Vital Statistics": one group holding one observation per entry.
pub(super) fn vitals(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "vital statistic type", |ctx, entry| {
        let mut obs = Observation {
            source: section.source(entry.line),
            ..Default::default()
        };
        let mut date: Option<(u32, String)> = None;
        let mut time: Option<String> = None;
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "vital statistic type" => obs.code = Some(text_coded(&value)),
                "date" => date = Some((field.line, value)),
                "time" => time = Some(value),
                "reading" | "reading/value" => obs.value = Some(reading(&value)),
                "comments" => obs.notes.push(value),
                _ => obs.notes.push(field.as_note()),
            }
        }
        let when = match (date, time) {
            (Some((line, d)), Some(t)) => {
                let both = format!("{d} {t}");
                match super::values::parse_date(&both) {
                    Some(dt) => Some(dt),
                    None => {
                        obs.notes.push(format!("Time: {t}"));
                        ctx.date_text(section.title, line, "Date", &d)
                    }
                }
            }
            (Some((line, d)), None) => ctx.date_text(section.title, line, "Date", &d),
            (None, Some(t)) => {
                obs.notes.push(format!("Time: {t}"));
                None
            }
            (None, None) => None,
        };
        obs.time = at(when);
        ctx.record.vitals.push(ObservationGroup {
            time: obs.time.clone(),
            source: obs.source.clone(),
            observations: vec![obs],
            ..Default::default()
        });
    });
}

/// "Drugs".
pub(super) fn drugs(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "drug name", |ctx, entry| {
        let mut item = Medication {
            source: section.source(entry.line),
            ..Default::default()
        };
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "drug name" => {
                    item.product = Some(text_coded(&value));
                    item.product_name = Some(value);
                }
                "supply" => item.sig = Some(value),
                "comments" => item.notes.push(value),
                _ => item.notes.push(field.as_note()),
            }
        }
        ctx.record.medications.push(item);
    });
}

/// "Preventive Services" → `plan_of_care` (Medicare-covered preventive services).
pub(super) fn preventive(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "description", |ctx, entry| {
        let mut item = PlannedActivity {
            kind: Some("preventive service".into()),
            source: section.source(entry.line),
            ..Default::default()
        };
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "description" => item.code = Some(text_coded(&value)),
                "next eligible date" => {
                    item.time =
                        ctx.date(section.title, field)
                            .map(|low| bluebutton_model::Interval {
                                low: Some(low),
                                ..Default::default()
                            });
                }
                _ => item.notes.push(field.as_note()),
            }
        }
        ctx.record.plan_of_care.push(item);
    });
}

/// "Family Medical History" → `family_history`: one member per `Family Member`, each
/// `Description` an observation in the category of the `Type` line above it (Allergy,
/// Condition). `DOD` is the relative's death date; the member's own `Type` and `Age` are
/// kept in its `text`.
pub(super) fn family(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(ctx, section, "family member", |ctx, entry| {
        let mut relative = bluebutton_model::RelatedPerson::default();
        let mut member = bluebutton_model::FamilyMember {
            source: section.source(entry.line),
            ..Default::default()
        };
        let mut category: Option<String> = None;
        let mut seen_description = false;
        let mut text = Vec::new();
        for (field, key, value) in entry.valued() {
            match key.as_str() {
                "family member" => relative.relationship = Some(text_coded(&value)),
                "dob" => relative.birth_time = ctx.date(section.title, field),
                "dod" => {
                    member.deceased = Some(true);
                    member.deceased_time = ctx.date(section.title, field);
                }
                "type" if !seen_description && category.is_none() && !is_category(&value) => {
                    text.push(field.as_note());
                }
                "type" => category = Some(value),
                "description" => {
                    seen_description = true;
                    member.observations.push(Observation {
                        code: Some(text_coded(&value)),
                        categories: category.iter().map(|c| text_coded(c)).collect(),
                        source: section.source(field.line),
                        ..Default::default()
                    });
                }
                _ => text.push(field.as_note()),
            }
        }
        member.relative = Some(relative);
        member.text = (!text.is_empty()).then(|| text.join("\n"));
        ctx.record.family_history.push(member);
    });
}

/// The `Type` values that head a list of descriptions.
fn is_category(value: &str) -> bool {
    ["allergy", "condition", "allergies", "conditions"]
        .iter()
        .any(|c| value.eq_ignore_ascii_case(c))
}
