//! "Demographic" → `patient` (and Part A/B effective dates → `coverage`); "Emergency
//! Contact" → `patient.contacts`.

use super::values::text_coded;
use super::{entries, keep_note, Ctx, Entry, Section};
use crate::text::Trimmed;
use bluebutton_model::{
    Address, Coded, Coverage, Identifier, Interval, PersonName, RelatedPerson, Telecom,
};

/// A person's name as found, split into given names and a family name.
pub(super) fn person_name(text: &str) -> PersonName {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (given, family) = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => (
            rest.iter().map(|w| (*w).to_string()).collect(),
            Some((*last).to_string()),
        ),
        _ => (Vec::new(), None),
    };
    PersonName {
        given,
        family,
        text: Some(text.to_string()),
        ..Default::default()
    }
}

/// An address as one text line.
pub(super) fn address_text(text: &str) -> Address {
    Address {
        text: Some(text.to_string()),
        ..Default::default()
    }
}

/// A telecom of `system` (`phone`, `email`) and optional use.
pub(super) fn telecom(system: &str, value: &str, usage: Option<&str>) -> Telecom {
    Telecom {
        system: Some(system.to_string()),
        value: Some(value.to_string()),
        usage: usage.map(str::to_string),
        null_flavor: None,
    }
}

/// Fills an address from `Address Line 1/2`, `City`, `State`, `Zip`; false for other labels.
fn address_field(address: &mut Address, key: &[u8], value: &str) -> bool {
    match key {
        b"address line 1" | b"address line 2" | b"address line 3" => {
            address.lines.push(value.to_string())
        }
        b"city" => address.city = Some(value.to_string()),
        b"state" => address.state = Some(value.to_string()),
        b"zip" | b"zip code" => address.postal_code = Some(value.to_string()),
        _ => return false,
    }
    true
}

/// The "Demographic" section.
pub(super) fn patient(ctx: &mut Ctx, section: &Section<'_>) {
    let mut kept = Vec::new();
    let list = entries(ctx, section, &[], &mut kept);
    let mut address = Address::default();
    for (field, key, value) in list.iter().flat_map(Entry::valued) {
        if address_field(&mut address, key.as_bytes(), value) {
            continue;
        }
        match key.as_bytes() {
            b"name" => ctx.record.patient.name = Some(person_name(value)),
            b"date of birth" | b"dob" => {
                ctx.record.patient.birth_time = ctx.date(section.title, field);
            }
            b"gender" | b"sex" => ctx.record.patient.gender = Some(text_coded(value)),
            b"phone number" | b"phone" | b"home phone" => {
                ctx.record
                    .patient
                    .telecoms
                    .push(telecom("phone", value, None));
            }
            b"email" | b"email address" => {
                ctx.record
                    .patient
                    .telecoms
                    .push(telecom("email", value, None));
            }
            b"medicare number" | b"medicare id" | b"medicare beneficiary identifier" | b"mbi" => {
                ctx.record.patient.ids.push(Identifier {
                    value: Some(value.to_string()),
                    kind: Some(Box::new(text_coded(field.label))),
                    ..Default::default()
                });
            }
            k if k.starts_with(b"part ") && k.ends_with(b" effective date") => {
                let part = field
                    .label
                    .get(..field.label.len().saturating_sub(" effective date".len()))
                    .unwrap_or(field.label)
                    .trimmed();
                let start = ctx.date(section.title, field);
                ctx.record.coverage.push(Coverage {
                    kind: Some(Coded {
                        display: Some(format!("Medicare {part}")),
                        original_text: Some(field.label.to_string()),
                        ..Default::default()
                    }),
                    period: start.map(|low| Interval {
                        low: Some(low),
                        ..Default::default()
                    }),
                    source: section.source(field.line),
                    ..Default::default()
                });
            }
            _ => {
                ctx.warn(
                    bluebutton_model::WarningCode::UnmappedElement,
                    field.line,
                    format!(
                        "section '{}': label '{}' has no place in the patient; kept in a note",
                        section.title, field.label
                    ),
                );
                kept.push(field.as_note());
            }
        }
    }
    if address != Address::default() {
        ctx.record.patient.addresses.push(address);
    }
    keep_note(ctx, section, section.line, kept);
}

/// The "Emergency Contact" section.
pub(super) fn contacts(ctx: &mut Ctx, section: &Section<'_>) {
    let mut kept = Vec::new();
    // Not `each_entry`: labels with no place go to the section's note with the unplaced lines.
    for entry in entries(ctx, section, &["contact name"], &mut kept).iter() {
        let mut person = RelatedPerson {
            kind: Some("emergency contact".into()),
            ..Default::default()
        };
        let mut address = Address::default();
        for (field, key, value) in entry.valued() {
            if address_field(&mut address, key.as_bytes(), value) {
                continue;
            }
            match key.as_bytes() {
                b"contact name" => person.name = Some(person_name(value)),
                b"address type" => address.usage = Some(value.to_string()),
                b"relationship" => person.relationship = Some(text_coded(value)),
                b"home phone" => person.telecoms.push(telecom("phone", value, Some("home"))),
                b"work phone" => person.telecoms.push(telecom("phone", value, Some("work"))),
                b"mobile phone" | b"cell phone" => {
                    person
                        .telecoms
                        .push(telecom("phone", value, Some("mobile")));
                }
                b"email address" | b"email" => person.telecoms.push(telecom("email", value, None)),
                _ => {
                    ctx.warn(
                        bluebutton_model::WarningCode::UnmappedElement,
                        field.line,
                        format!(
                            "section '{}': label '{}' has no place in a contact; kept in a note",
                            section.title, field.label
                        ),
                    );
                    kept.push(field.as_note());
                }
            }
        }
        if address != Address::default() {
            person.addresses.push(address);
        }
        ctx.record.patient.contacts.push(person);
    }
    keep_note(ctx, section, section.line, kept);
}
