//! Self-reported sections: conditions → `problems`, allergies → `allergies`, implantable
//! devices → `medical_equipment`, immunizations → `immunizations`, labs and tests →
//! `results`, vital statistics → `vitals`, drugs → `medications`, family medical history →
//! `family_history`, and preventive services → `plan_of_care`. Labels with no field of their own are kept in the entry's `notes` as
//! `Label: value`.

use super::values::text_coded;
use super::{at, between, date, each_entry, push_default, Ctx, Section};
use bluebutton_model::{
    Observation, ObservationGroup, Organization, Participant, PersonName, Quantity, Reaction,
    Value, ValueKind,
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
    each_entry(
        ctx,
        section,
        "condition name",
        |r| &mut r.problems,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.problems) else {
                return;
            };
            item.source = section.source(entry.line);
            let (mut low, mut high) = (None, None);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"condition name" => item.code = Some(text_coded(value)),
                    b"medical condition start date" => {
                        low = date(&mut record.warnings, section.title, field)
                    }
                    b"medical condition end date" => {
                        high = date(&mut record.warnings, section.title, field)
                    }
                    b"comments" => item.notes.push(value.to_string()),
                    _ => item.notes.push(field.as_note()),
                }
            }
            item.period = between(low, high);
        },
    );
}

/// "Self Reported Allergies".
pub(super) fn allergies(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "allergy name",
        |r| &mut r.allergies,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.allergies) else {
                return;
            };
            item.source = section.source(entry.line);
            let (mut low, mut high) = (None, None);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"allergy name" => item.allergen = Some(text_coded(value)),
                    b"type" => item.categories.push(value.to_string()),
                    b"reaction" => item.reactions.push(Reaction {
                        manifestation: Some(text_coded(value)),
                        ..Default::default()
                    }),
                    b"severity" => item.severity = Some(text_coded(value)),
                    b"first episode date" => low = date(&mut record.warnings, section.title, field),
                    b"last episode date" => high = date(&mut record.warnings, section.title, field),
                    b"comments" => item.notes.push(value.to_string()),
                    _ => item.notes.push(field.as_note()),
                }
            }
            item.period = between(low, high);
        },
    );
}

/// "Self Reported Implantable Device".
pub(super) fn devices(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "device name",
        |r| &mut r.medical_equipment,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.medical_equipment) else {
                return;
            };
            item.source = section.source(entry.line);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"device name" => item.name = Some(value.to_string()),
                    b"date implanted" => {
                        item.time = at(date(&mut record.warnings, section.title, field))
                    }
                    b"comments" => item.notes.push(value.to_string()),
                    _ => item.notes.push(field.as_note()),
                }
            }
        },
    );
}

/// "Self Reported Immunizations".
pub(super) fn immunizations(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "immunization name",
        |r| &mut r.immunizations,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.immunizations) else {
                return;
            };
            item.reported = Some(true);
            item.source = section.source(entry.line);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"immunization name" => item.vaccine = Some(text_coded(value)),
                    b"date administered" => {
                        item.time = at(date(&mut record.warnings, section.title, field))
                    }
                    b"method" => item.route = Some(text_coded(value)),
                    b"comments" => item.notes.push(value.to_string()),
                    _ => item.notes.push(field.as_note()),
                }
            }
        },
    );
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
    each_entry(
        ctx,
        section,
        "test/lab type",
        |r| &mut r.results,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(group) = push_default(&mut record.results) else {
                return;
            };
            group.source = section.source(entry.line);
            let mut obs = Observation {
                source: section.source(entry.line),
                ..Default::default()
            };
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"test/lab type" => {
                        group.code = Some(text_coded(value));
                        obs.code = Some(text_coded(value));
                    }
                    b"date taken" => {
                        let time = at(date(&mut record.warnings, section.title, field));
                        group.time = time.clone();
                        obs.time = time;
                    }
                    b"administered by" => group.performers.push(Participant {
                        organization: Some(Organization {
                            name: Some(value.to_string()),
                            ..Default::default()
                        }),
                        function: Some(text_coded(field.label)),
                        ..Default::default()
                    }),
                    b"requesting doctor" => {
                        group.authors.push(named_participant(value, field.label))
                    }
                    b"results" => obs.value = Some(reading(value)),
                    b"comments" => obs.notes.push(value.to_string()),
                    _ => group.notes.push(field.as_note()),
                }
            }
            group.observations.push(obs);
        },
    );
}

/// "Self Reported Vital Statistics": one group holding one observation per entry.
pub(super) fn vitals(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "vital statistic type",
        |r| &mut r.vitals,
        |ctx, entry| {
            let mut obs = Observation {
                source: section.source(entry.line),
                ..Default::default()
            };
            let mut date: Option<(u32, &str)> = None;
            let mut time: Option<&str> = None;
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"vital statistic type" => obs.code = Some(text_coded(value)),
                    b"date" => date = Some((field.line, value)),
                    b"time" => time = Some(value),
                    b"reading" | b"reading/value" => obs.value = Some(reading(value)),
                    b"comments" => obs.notes.push(value.to_string()),
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
                            ctx.date_text(section.title, line, "Date", d)
                        }
                    }
                }
                (Some((line, d)), None) => ctx.date_text(section.title, line, "Date", d),
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
        },
    );
}

/// "Drugs".
pub(super) fn drugs(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "drug name",
        |r| &mut r.medications,
        |ctx, entry| {
            // Built in place: a medication is large, and moving one in would copy it.
            let Some(item) = push_default(&mut ctx.record.medications) else {
                return;
            };
            item.source = section.source(entry.line);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"drug name" => {
                        item.product = Some(text_coded(value));
                        item.product_name = Some(value.to_string());
                    }
                    b"supply" => item.sig = Some(value.to_string()),
                    b"comments" => item.notes.push(value.to_string()),
                    _ => item.notes.push(field.as_note()),
                }
            }
        },
    );
}

/// "Preventive Services" → `plan_of_care` (Medicare-covered preventive services).
pub(super) fn preventive(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "description",
        |r| &mut r.plan_of_care,
        |ctx, entry| {
            let record = &mut *ctx.record;
            let Some(item) = push_default(&mut record.plan_of_care) else {
                return;
            };
            item.kind = Some("preventive service".into());
            item.source = section.source(entry.line);
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"description" => item.code = Some(text_coded(value)),
                    b"next eligible date" => {
                        item.time = date(&mut record.warnings, section.title, field).map(|low| {
                            bluebutton_model::Interval {
                                low: Some(low),
                                ..Default::default()
                            }
                        });
                    }
                    _ => item.notes.push(field.as_note()),
                }
            }
        },
    );
}

/// "Family Medical History" → `family_history`: one member per `Family Member`, each
/// `Description` an observation in the category of the `Type` line above it (Allergy,
/// Condition). `DOD` is the relative's death date; the member's own `Type` and `Age` are
/// kept in its `text`.
pub(super) fn family(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "family member",
        |r| &mut r.family_history,
        |ctx, entry| {
            let mut relative = bluebutton_model::RelatedPerson::default();
            let mut member = bluebutton_model::FamilyMember {
                source: section.source(entry.line),
                ..Default::default()
            };
            let mut category: Option<String> = None;
            let mut seen_description = false;
            let mut text = Vec::new();
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"family member" => relative.relationship = Some(text_coded(value)),
                    b"dob" => relative.birth_time = ctx.date(section.title, field),
                    b"dod" => {
                        member.deceased = Some(true);
                        member.deceased_time = ctx.date(section.title, field);
                    }
                    b"type" if !seen_description && category.is_none() && !is_category(value) => {
                        text.push(field.as_note());
                    }
                    b"type" => category = Some(value.to_string()),
                    b"description" => {
                        seen_description = true;
                        member.observations.push(Observation {
                            code: Some(text_coded(value)),
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
        },
    );
}

/// The `Type` values that head a list of descriptions.
fn is_category(value: &str) -> bool {
    ["allergy", "condition", "allergies", "conditions"]
        .iter()
        .any(|c| value.eq_ignore_ascii_case(c))
}
