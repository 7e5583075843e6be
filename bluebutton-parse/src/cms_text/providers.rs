//! "Providers" and "Pharmacies" → `care_team` (pharmacies and facilities as members with an
//! organization).
//! Labels with no field of their own are kept in the member's `text` as `Label: value` lines.

use super::demographics::{address_text, telecom};
use super::values::text_coded;
use super::{each_entry, push_default, Ctx, Section};
use bluebutton_model::{CareTeamMember, Organization, Participant, PersonName};

/// Joins leftover `Label: value` lines into a member's text.
fn text_of(lines: Vec<String>) -> Option<String> {
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// True for a provider type that names a person (`PHY`, "Physician & Other Healthcare
/// Professional"); other types (`HOS`, `NHC`, "Hospital", "Dialysis Facility", ...) name a
/// facility.
fn is_person_type(kind: &str) -> bool {
    kind.eq_ignore_ascii_case("PHY") || kind.to_ascii_lowercase().contains("physician")
}

/// "Providers": physicians as members with a name, facilities as members with an
/// organization.
pub(super) fn providers(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "provider name",
        |r| &mut r.care_team,
        |ctx, entry| {
            let mut member = Participant::default();
            let Some(item) = push_default(&mut ctx.record.care_team) else {
                return;
            };
            item.source = section.source(entry.line);
            let mut name = None;
            let mut addresses = Vec::new();
            let mut rest = Vec::new();
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"provider name" => name = Some(value.to_string()),
                    b"provider address" => addresses.push(address_text(value)),
                    b"type" => item.role = Some(text_coded(value)),
                    b"specialty" => member.role = Some(text_coded(value)),
                    b"phone" | b"phone number" | b"provider phone" => {
                        member.telecoms.push(telecom("phone", value, None));
                    }
                    _ => rest.push(field.as_note()),
                }
            }
            let person = item
                .role
                .as_ref()
                .and_then(|r| r.original_text.as_deref())
                .is_some_and(is_person_type);
            if person {
                member.name = name.map(|text| PersonName {
                    text: Some(text),
                    ..Default::default()
                });
                member.addresses = addresses;
            } else if name.is_some() || !addresses.is_empty() {
                member.organization = Some(Organization {
                    name,
                    addresses,
                    ..Default::default()
                });
            }
            item.member = Some(member);
            item.text = text_of(rest);
        },
    );
}

/// "Pharmacies".
pub(super) fn pharmacies(ctx: &mut Ctx, section: &Section<'_>) {
    each_entry(
        ctx,
        section,
        "pharmacy name",
        |r| &mut r.care_team,
        |ctx, entry| {
            let mut org = Organization {
                kind: Some(text_coded("Pharmacy")),
                ..Default::default()
            };
            let mut rest = Vec::new();
            for (field, key, value) in entry.valued() {
                match key.as_bytes() {
                    b"pharmacy name" => org.name = Some(value.to_string()),
                    b"pharmacy phone" => org.telecoms.push(telecom("phone", value, None)),
                    b"pharmacy address" => org.addresses.push(address_text(value)),
                    _ => rest.push(field.as_note()),
                }
            }
            ctx.record.care_team.push(CareTeamMember {
                member: Some(Participant {
                    organization: Some(org),
                    ..Default::default()
                }),
                role: Some(text_coded("Pharmacy")),
                text: text_of(rest),
                source: section.source(entry.line),
                ..Default::default()
            });
        },
    );
}
