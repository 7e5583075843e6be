//! The demo document `examples/sample-ccd.xml`, field by field: header, patient, the three
//! mapped sections, and the results section kept as a note.

use std::path::Path;

use bluebutton_parse::model::{FormatKind, HealthRecord, Precision};

fn sample() -> HealthRecord {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample-ccd.xml");
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.len() < 20_000, "the demo file should stay small");
    bluebutton_parse::parse(&bytes).unwrap()
}

#[test]
fn header() {
    let r = sample();
    assert_eq!(r.format.kind, FormatKind::Ccda);
    assert_eq!(r.format.version.as_deref(), Some("R2.1"));
    assert_eq!(r.format.document_type.as_deref(), Some("CCD"));
    assert_eq!(r.format.template_ids.len(), 4);
    let d = &r.document;
    assert_eq!(d.ids[0].value.as_deref(), Some("DEMO-CCD-0001"));
    assert_eq!(
        d.set_id.as_ref().unwrap().value.as_deref(),
        Some("DEMO-SET-1")
    );
    assert_eq!(d.version_number, Some(1));
    assert_eq!(d.code.as_ref().unwrap().code.as_deref(), Some("34133-9"));
    assert_eq!(d.title.as_deref(), Some("Continuity of Care Document"));
    let created = d.created.as_ref().unwrap();
    assert_eq!(created.value.as_deref(), Some("2024-03-15T09:30:00-05:00"));
    assert_eq!(created.precision, Some(Precision::Second));
    assert_eq!(
        d.confidentiality.as_ref().unwrap().code.as_deref(),
        Some("N")
    );
    assert_eq!(d.language.as_deref(), Some("en-US"));
    assert_eq!(d.authors.len(), 2);
    assert_eq!(d.authors[0].name.as_ref().unwrap().prefix, vec!["Dr."]);
    assert_eq!(
        d.authors[1].device.as_deref(),
        Some("Demo EHR; Demo EHR 1.0")
    );
    assert_eq!(
        d.custodian.as_ref().unwrap().name.as_deref(),
        Some("Example Family Clinic")
    );
    assert!(d.legal_authenticator.as_ref().unwrap().time.is_some());
    let service = d.service_period.as_ref().unwrap();
    assert_eq!(
        service.low.as_ref().unwrap().value.as_deref(),
        Some("2023-01-01")
    );
    assert_eq!(
        d.service_performers[0]
            .function
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("PCP")
    );
}

#[test]
fn patient() {
    let p = sample().patient;
    assert_eq!(p.ids.len(), 2);
    assert_eq!(p.ids[1].null_flavor.as_deref(), Some("MSK"));
    let name = p.name.unwrap();
    assert_eq!(
        (name.given, name.family.as_deref()),
        (vec!["Ada".to_owned(), "Quinn".to_owned()], Some("Sample"))
    );
    assert_eq!(p.gender.unwrap().code.as_deref(), Some("F"));
    assert_eq!(p.birth_time.unwrap().precision, Some(Precision::Day));
    assert_eq!(p.deceased, Some(false));
    assert_eq!(p.religion.unwrap().null_flavor.as_deref(), Some("UNK"));
    let race: Vec<_> = p.race.iter().filter_map(|c| c.code.as_deref()).collect();
    assert_eq!(race, ["2106-3", "2028-9"]);
    assert_eq!(p.ethnicity.len(), 1);
    assert_eq!(p.languages[0].preferred, Some(true));
    assert_eq!(p.telecoms[0].system.as_deref(), Some("phone"));
    assert_eq!(p.telecoms[1].system.as_deref(), Some("email"));
    assert_eq!(
        p.telecoms[1].value.as_deref(),
        Some("ada.sample@example.org")
    );
    assert_eq!(p.contacts[0].kind.as_deref(), Some("ECON"));
    assert_eq!(
        p.contacts[0].relationship.as_ref().unwrap().code.as_deref(),
        Some("SIS")
    );
    assert_eq!(p.birth_place.unwrap().city.as_deref(), Some("Harbor City"));
    assert_eq!(
        p.provider_organization.unwrap().name.as_deref(),
        Some("Example Family Clinic")
    );
}

#[test]
fn allergy_with_reaction_severity_and_narrative_text() {
    let r = sample();
    assert_eq!(r.allergies.len(), 1);
    let a = &r.allergies[0];
    assert_eq!(a.status.as_deref(), Some("active"));
    assert_eq!(a.kind.as_ref().unwrap().code.as_deref(), Some("416098002"));
    let allergen = a.allergen.as_ref().unwrap();
    assert_eq!(allergen.code.as_deref(), Some("7982"));
    assert_eq!(
        allergen.original_text.as_deref(),
        Some("Penicillin G benzathine")
    );
    assert_eq!(
        a.period.as_ref().unwrap().low.as_ref().unwrap().precision,
        Some(Precision::Month)
    );
    assert_eq!(
        a.criticality.as_ref().unwrap().code.as_deref(),
        Some("CRITH")
    );
    let reaction = &a.reactions[0];
    assert_eq!(
        reaction
            .manifestation
            .as_ref()
            .unwrap()
            .original_text
            .as_deref(),
        Some("Hives")
    );
    assert_eq!(
        reaction.severity.as_ref().unwrap().code.as_deref(),
        Some("6736007")
    );
    assert_eq!(
        a.text.as_deref(),
        Some("Penicillin G benzathine | Hives | Moderate | Active")
    );
    assert_eq!(a.source.section_code.as_deref(), Some("48765-2"));
    assert_eq!(a.source.section.as_deref(), Some("Allergies"));
    assert!(a.source.line > 100 && a.source.column > 1);
    assert!(a
        .source
        .template_ids
        .contains(&"2.16.840.1.113883.10.20.22.4.30:2015-08-01".to_owned()));
}

#[test]
fn medications_with_schedule_dose_route_and_order() {
    let r = sample();
    assert_eq!(r.medications.len(), 2);
    let m = &r.medications[0];
    assert_eq!(m.product.as_ref().unwrap().code.as_deref(), Some("314076"));
    assert_eq!(
        m.product.as_ref().unwrap().original_text.as_deref(),
        Some("Lisinopril 10 MG Oral Tablet")
    );
    let f = m.frequency.as_ref().unwrap();
    assert_eq!(f.period.as_ref().unwrap().value.as_deref(), Some("24"));
    assert_eq!(f.institution_specified, Some(true));
    assert_eq!(m.route.as_ref().unwrap().code.as_deref(), Some("C38288"));
    assert_eq!(m.dose.as_ref().unwrap().value.as_deref(), Some("1"));
    assert_eq!(m.form.as_ref().unwrap().code.as_deref(), Some("C48542"));
    assert_eq!(m.indications[0].code.as_deref(), Some("38341003"));
    let order = m.order.as_ref().unwrap();
    assert_eq!(order.repeat_number, Some(3));
    assert_eq!(
        order.quantity.as_ref().unwrap().value.as_deref(),
        Some("90")
    );
    assert_eq!(
        order.instructions[0].original_text.as_deref(),
        Some("Take in the morning.")
    );
    assert!(m.prescriber.is_some());

    let prn = &r.medications[1];
    assert_eq!(prn.as_needed, Some(true));
    assert_eq!(prn.preconditions[0].code.as_deref(), Some("56018004"));
    let f = prn.frequency.as_ref().unwrap();
    assert_eq!(f.period_max.as_ref().unwrap().value.as_deref(), Some("6"));
    assert_eq!(
        prn.max_dose
            .as_ref()
            .unwrap()
            .denominator
            .as_ref()
            .unwrap()
            .unit
            .as_deref(),
        Some("d")
    );
}

#[test]
fn problems_active_and_resolved() {
    let r = sample();
    assert_eq!(r.problems.len(), 2);
    let htn = &r.problems[0];
    let code = htn.code.as_ref().unwrap();
    assert_eq!(code.code.as_deref(), Some("59621000"));
    assert_eq!(
        code.original_text.as_deref(),
        Some("Essential hypertension")
    );
    assert_eq!(code.translations[0].code.as_deref(), Some("I10"));
    assert_eq!(htn.kind.as_ref().unwrap().code.as_deref(), Some("55607006"));
    assert_eq!(htn.onset_age.as_ref().unwrap().unit.as_deref(), Some("a"));
    assert!(htn.recorded.is_some());

    let pneumonia = &r.problems[1];
    assert_eq!(pneumonia.status.as_deref(), Some("completed"));
    assert_eq!(
        pneumonia.clinical_status.as_ref().unwrap().code.as_deref(),
        Some("413322009")
    );
    assert_eq!(
        pneumonia.code.as_ref().unwrap().translations[0]
            .code
            .as_deref(),
        Some("J18.9")
    );
    assert!(pneumonia.period.as_ref().unwrap().high.is_some());
}

#[test]
fn other_sections_are_notes_and_nothing_is_odd() {
    let r = sample();
    assert_eq!(r.notes.len(), 1);
    let note = &r.notes[0];
    assert_eq!(note.kind.as_deref(), Some("section"));
    assert_eq!(note.title.as_deref(), Some("Results"));
    assert_eq!(note.code.as_ref().unwrap().code.as_deref(), Some("30954-2"));
    assert_eq!(
        note.text.as_deref(),
        Some("No results in the reporting period.")
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}
