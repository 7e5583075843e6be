//! Self-entered and VA demographics: the patient, addresses, phones, e-mail, emergency
//! contacts, next of kin and guardians.

use super::blocks::{Blocks, Entry, Field};
use super::sections::SectionKind;
use super::{notes, Ctx, Fields};
use bluebutton_model::{
    Address, Coded, Note, Observation, ObservationGroup, Organization, Participant, PersonName,
    RelatedPerson, Telecom,
};

/// Text as a display-only code.
pub(crate) fn coded(text: String) -> Coded {
    Coded {
        display: Some(text),
        ..Default::default()
    }
}

/// A participant named by a person and/or an organization; `None` when both are absent.
pub(crate) fn participant(
    person: Option<String>,
    organization: Option<String>,
) -> Option<Participant> {
    if person.is_none() && organization.is_none() {
        return None;
    }
    Some(Participant {
        name: person.map(|t| PersonName {
            text: Some(t),
            ..Default::default()
        }),
        organization: organization.map(|n| Organization {
            name: Some(n),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// A phone number or e-mail address.
pub(crate) fn telecom(system: &str, value: String, usage: &str) -> Telecom {
    Telecom {
        system: Some(system.to_string()),
        value: Some(value),
        usage: (!usage.is_empty()).then(|| usage.to_string()),
        ..Default::default()
    }
}

/// Labels of an address's parts in one layout.
pub(crate) struct AddressLabels<'a> {
    pub(crate) lines: &'a [&'a str],
    pub(crate) city: &'a str,
    pub(crate) state: &'a str,
    pub(crate) district: &'a str,
    pub(crate) postal: &'a [&'a str],
    pub(crate) country: &'a str,
    pub(crate) province: &'a str,
}

/// Takes an address from fields; `None` when it has no parts.
pub(crate) fn address(
    fields: &mut Fields<'_>,
    labels: &AddressLabels<'_>,
    usage: &str,
) -> Option<Address> {
    let lines: Vec<String> = labels.lines.iter().filter_map(|l| fields.take(l)).collect();
    let mut address = Address {
        usage: None,
        lines,
        city: fields.take(labels.city),
        district: if labels.district.is_empty() {
            None
        } else {
            fields.take(labels.district)
        },
        state: fields.take(labels.state),
        postal_code: fields.take_any(labels.postal),
        country: fields.take(labels.country),
        ..Default::default()
    };
    if let Some(province) = fields.take(labels.province) {
        address.state.get_or_insert(province);
    }
    if address == Address::default() {
        return None;
    }
    address.usage = (!usage.is_empty()).then(|| usage.to_string());
    Some(address)
}

/// Takes the usual phone fields.
fn phones(fields: &mut Fields<'_>, out: &mut Vec<Telecom>) {
    for (label, system, usage) in [
        ("Home Phone Number", "phone", "HP"),
        ("Work Phone Number", "phone", "WP"),
        ("Cell Phone Number", "phone", "MC"),
        ("Pager Number", "pager", ""),
        ("FAX Number", "fax", ""),
        ("Email Address", "email", ""),
    ] {
        if let Some(value) = fields.take(label) {
            out.push(telecom(system, value, usage));
        }
    }
}

/// The patient's self-entered current occupation as a social-history observation (LOINC
/// 11341-5, History of Occupation), the report's label kept as the code's text.
fn occupation(ctx: &Ctx<'_>, text: String, line: u32) -> Observation {
    Observation {
        code: Some(Coded {
            code: Some("11341-5".into()),
            system: Some("http://loinc.org".into()),
            display: Some("History of Occupation".into()),
            original_text: Some("Current Occupation".into()),
            ..Default::default()
        }),
        value: Some(super::text_value(text)),
        source: ctx.source(line),
        ..Default::default()
    }
}

/// The patient's self-entered blood type as a one-observation result (LOINC 882-1, ABO and
/// Rh group), the report's label kept as the code's text.
fn blood_type(ctx: &Ctx<'_>, text: String, line: u32) -> ObservationGroup {
    ObservationGroup {
        observations: vec![Observation {
            code: Some(Coded {
                code: Some("882-1".into()),
                system: Some("http://loinc.org".into()),
                display: Some("ABO and Rh group [Type] in Blood".into()),
                original_text: Some("Blood Type".into()),
                ..Default::default()
            }),
            value: Some(super::text_value(text)),
            source: ctx.source(line),
            ..Default::default()
        }],
        source: ctx.source(line),
        ..Default::default()
    }
}

/// Reads a demographics section.
pub(crate) fn read(ctx: &mut Ctx<'_>, kind: SectionKind, at: u32, parsed: &Blocks) {
    let mut leftovers: Vec<String> = Vec::new();
    if kind == SectionKind::SelfDemographics {
        // The patient's own fields are the preamble; entries are emergency contacts.
        let preamble = Entry {
            line: at,
            fields: parsed.preamble.clone(),
            ..Default::default()
        };
        let mut fields = Fields::new(&preamble);
        fields.take("Source");
        patient(ctx, &mut fields);
        if let Some((text, line)) = fields.take_at("Current Occupation") {
            let occupation = occupation(ctx, text, line);
            ctx.record.social_history.push(occupation);
        }
        if let Some((text, line)) = fields.take_at("Blood Type") {
            let group = blood_type(ctx, text, line);
            ctx.record.results.push(group);
        }
        let labels = AddressLabels {
            lines: &[
                "Mailing or Destination Address",
                "Mailing or Destination Address2",
            ],
            city: "Mailing or Destination City",
            state: "Mailing or Destination State",
            district: "",
            postal: &["Mailing or Destination Zip/Postal Code"],
            country: "Mailing or Destination Country",
            province: "Mailing or Destination Province",
        };
        if let Some(a) = address(&mut fields, &labels, "HP") {
            ctx.record.patient.addresses.push(a);
        }
        phones(&mut fields, &mut ctx.record.patient.telecoms);
        leftovers.extend(fields.rest());
        for entry in &parsed.entries {
            let mut fields = Fields::new(entry);
            let given = fields.take("Contact First Name");
            let family = fields.take("Contact Last Name");
            let mut person = RelatedPerson {
                kind: Some("ECON".to_string()),
                relationship: fields.take("Relationship").map(coded),
                name: name(given, None, family),
                ..Default::default()
            };
            let labels = AddressLabels {
                lines: &["Address Line 1", "Address Line 2"],
                city: "City",
                state: "State",
                district: "",
                postal: &["Zip/Post Code", "Zip/Postal Code"],
                country: "Country",
                province: "Province",
            };
            person.addresses.extend(address(&mut fields, &labels, ""));
            phones(&mut fields, &mut person.telecoms);
            fields.take("Extension");
            leftovers.extend(fields.rest());
            ctx.record.patient.contacts.push(person);
        }
    } else {
        let preamble = Entry {
            line: at,
            fields: parsed.preamble.clone(),
            ..Default::default()
        };
        let mut pre = Fields::new(&preamble);
        pre.take("Source");
        leftovers.extend(pre.rest());
        for entry in &parsed.entries {
            va_facility(ctx, entry, &mut leftovers);
        }
    }
    if !leftovers.is_empty() {
        let note = Note {
            kind: Some("report".to_string()),
            title: Some(ctx.section.clone()),
            text: Some(leftovers.join("\n")),
            source: ctx.source(at),
            ..Default::default()
        };
        notes::push(ctx, note);
    }
}

/// A name from its parts; `None` when all are empty.
fn name(
    given: Option<String>,
    middle: Option<String>,
    family: Option<String>,
) -> Option<PersonName> {
    let given: Vec<String> = given.into_iter().chain(middle).collect();
    (!given.is_empty() || family.is_some()).then(|| PersonName {
        given,
        family,
        ..Default::default()
    })
}

/// Fills the patient's own facts that are still empty.
fn patient(ctx: &mut Ctx<'_>, fields: &mut Fields<'_>) {
    let given = fields.take("First Name");
    let middle = fields.take_any(&["Middle Initial", "Middle Name"]);
    let family = fields.take("Last Name");
    let suffix = fields.take("Suffix");
    let alias = fields.take("Alias");
    let gender = fields.take("Gender");
    let birth = fields.take_at("Date of Birth");
    let marital = fields.take("Marital Status");
    let religion = fields.take("Religion");
    let ethnicity = fields.take("Ethnicity");
    let birth_place = fields.take("Place of Birth");
    let birth_time = ctx.date(birth, "Date of Birth");
    let p = &mut ctx.record.patient;
    // The banner's one-line name is only a fallback for the structured one.
    let unstructured = p
        .name
        .as_ref()
        .is_none_or(|n| n.given.is_empty() && n.family.is_none());
    if unstructured {
        if let Some(mut n) = name(given, middle, family) {
            n.suffix.extend(suffix);
            n.usage = Some("L".to_string());
            p.name = Some(n);
        }
    }
    if let Some(alias) = alias {
        p.other_names.push(PersonName {
            text: Some(alias),
            usage: Some("A".to_string()),
            ..Default::default()
        });
    }
    if p.gender.is_none() {
        p.gender = gender.map(coded);
    }
    if p.birth_time.is_none() {
        p.birth_time = birth_time;
    }
    if p.marital_status.is_none() {
        p.marital_status = marital.map(coded);
    }
    if p.religion.is_none() {
        p.religion = religion.map(coded);
    }
    if p.ethnicity.is_empty() {
        p.ethnicity.extend(ethnicity.map(coded));
    }
    if p.birth_place.is_none() {
        p.birth_place = birth_place.map(|t| Address {
            text: Some(t),
            ..Default::default()
        });
    }
}

/// Reads one VA treating facility's block: patient facts, permanent address, next of kin,
/// emergency contact and guardian.
fn va_facility(ctx: &mut Ctx<'_>, entry: &Entry, leftovers: &mut Vec<String>) {
    // Split the fields by the heading they sit under.
    let mut groups: Vec<(Option<&str>, Vec<Field<'_>>)> = Vec::new();
    for field in &entry.fields {
        match groups.last_mut() {
            Some((context, fields)) if *context == field.context => fields.push(field.clone()),
            _ => groups.push((field.context, vec![field.clone()])),
        }
    }
    for (context, group) in groups {
        let block = Entry {
            line: entry.line,
            fields: group,
            ..Default::default()
        };
        let mut fields = Fields::new(&block);
        let heading = context.unwrap_or_default();
        let contact_kind = if heading.contains("NEXT OF KIN") {
            Some("NOK")
        } else if heading.contains("EMERGENCY CONTACT") {
            Some("ECON")
        } else if heading.contains("GUARDIAN") {
            Some("GUARD")
        } else {
            None
        };
        let labels = AddressLabels {
            lines: &["Street Address", "Street Address 2", "Street Address 3"],
            city: "City",
            state: "State",
            district: "County",
            postal: &["Zip Code"],
            country: "Country",
            province: "Province",
        };
        if let Some(kind) = contact_kind {
            let person_name = fields.take("Name");
            let mut person = RelatedPerson {
                kind: Some(kind.to_string()),
                name: person_name.map(|t| PersonName {
                    text: Some(t),
                    ..Default::default()
                }),
                ..Default::default()
            };
            person.addresses.extend(address(&mut fields, &labels, ""));
            phones(&mut fields, &mut person.telecoms);
            // Each treating facility repeats the same contacts; keep one of each.
            if person.name.is_some() && !ctx.record.patient.contacts.contains(&person) {
                ctx.record.patient.contacts.push(person);
            }
        } else if heading.contains("ADDRESS") {
            let address = address(&mut fields, &labels, "HP");
            let mut telecoms = Vec::new();
            phones(&mut fields, &mut telecoms);
            let p = &mut ctx.record.patient;
            if let Some(address) = address {
                if !p.addresses.contains(&address) {
                    p.addresses.push(address);
                }
            }
            for t in telecoms {
                if !p
                    .telecoms
                    .iter()
                    .any(|x| x.value == t.value && x.system == t.system)
                {
                    p.telecoms.push(t);
                }
            }
        } else {
            patient(ctx, &mut fields);
        }
        leftovers.extend(fields.rest());
    }
}
