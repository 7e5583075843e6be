//! The FHIR reader on small hand-written resources: exact amounts, date precision,
//! references (bundle-local, `Type/id`, contained), NDJSON lines, reports and panels,
//! embedded C-CDA, renewed prescriptions, Provenance authors, contained parties of
//! backbone elements, devices in use and planned care (appointments, device, nutrition
//! and communication requests, each written and read again), and errors.

use base64::Engine;
use bluebutton_parse::model::{FormatKind, Precision, ValueKind, WarningCode};
use bluebutton_parse::{parse, ErrorKind};

#[test]
fn amounts_keep_their_decimal_text() {
    let eob = br#"{"resourceType": "ExplanationOfBenefit", "status": "active",
        "total": [{"category": {"coding": [{"code": "submitted"}]}, "amount": {"value": 12.50, "currency": "USD"}}],
        "payment": {"amount": {"value": 100.00}},
        "item": [{"sequence": 1, "quantity": {"value": 2.000},
            "adjudication": [{"category": {"coding": [{"code": "eligible"}]}, "amount": {"value": 0.10}},
                             {"category": {"coding": [{"code": "eligpercent"}]}, "value": 80.0}]}]}"#;
    let record = parse(eob).unwrap();
    assert_eq!(record.format.kind, FormatKind::FhirJson);
    let claim = &record.claims[0];
    let total = claim.totals[0].amount.as_ref().unwrap();
    assert_eq!(total.value.as_deref(), Some("12.50"));
    assert_eq!(total.currency.as_deref(), Some("USD"));
    let payment = claim.totals[1].amount.as_ref().unwrap();
    assert_eq!(payment.value.as_deref(), Some("100.00"));
    let item = &claim.items[0];
    assert_eq!(
        item.quantity.as_ref().unwrap().value.as_deref(),
        Some("2.000")
    );
    let eligible = item.amounts[0].amount.as_ref().unwrap();
    assert_eq!(eligible.value.as_deref(), Some("0.10"));
    let percent = item.details[0].value.as_ref().unwrap();
    assert_eq!(
        percent.quantity.as_ref().unwrap().value.as_deref(),
        Some("80.0")
    );
    let json = serde_json::to_string(&record).unwrap();
    assert!(json.contains(r#""value":"12.50""#), "{json}");
}

#[test]
fn dates_keep_precision_and_zone() {
    let condition = br#"{"resourceType": "Condition", "code": {"text": "x"},
        "onsetDateTime": "2013-05", "abatementDateTime": "2014",
        "recordedDate": "2013-05-01T10:30:00-05:00"}"#;
    let record = parse(condition).unwrap();
    let problem = &record.problems[0];
    let period = problem.period.as_ref().unwrap();
    let low = period.low.as_ref().unwrap();
    assert_eq!(low.value.as_deref(), Some("2013-05"));
    assert_eq!(low.precision, Some(Precision::Month));
    let high = period.high.as_ref().unwrap();
    assert_eq!(high.precision, Some(Precision::Year));
    let recorded = problem.recorded.as_ref().unwrap();
    assert_eq!(recorded.value.as_deref(), Some("2013-05-01T10:30:00-05:00"));
    assert_eq!(recorded.precision, Some(Precision::Second));
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
}

#[test]
fn a_bad_date_is_kept_raw_and_the_warning_does_not_echo_it() {
    let record =
        parse(br#"{"resourceType": "Condition", "recordedDate": "May 5th 1961"}"#).unwrap();
    let recorded = record.problems[0].recorded.as_ref().unwrap();
    assert_eq!(recorded.raw.as_deref(), Some("May 5th 1961"));
    assert_eq!(recorded.value, None);
    let warning = &record.warnings[0];
    assert_eq!(warning.code, WarningCode::InvalidDate);
    assert!(
        warning.message.contains("recordedDate"),
        "{}",
        warning.message
    );
    assert!(!warning.message.contains("1961"), "{}", warning.message);
    assert_eq!((warning.line, warning.column), (Some(1), Some(1)));
}

#[test]
fn references_resolve_by_full_url_and_by_type_and_id() {
    let bundle = br#"{"resourceType": "Bundle", "type": "collection", "timestamp": "2021-02-03T04:05:06Z",
      "entry": [
        {"fullUrl": "urn:uuid:org-1", "resource": {"resourceType": "Organization", "name": "Acme Clinic",
            "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "123"}]}},
        {"fullUrl": "http://example.org/fhir/Practitioner/p2",
         "resource": {"resourceType": "Practitioner", "id": "p2", "name": [{"family": "Doe", "given": ["Jo"]}]}},
        {"resource": {"resourceType": "ExplanationOfBenefit", "provider": {"reference": "urn:uuid:org-1"},
          "careTeam": [{"sequence": 1, "provider": {"reference": "Practitioner/p2/_history/3"},
                        "role": {"coding": [{"code": "rendering"}]}}],
          "item": [{"sequence": 1, "careTeamSequence": [1]}],
          "insurer": {"display": "Medicare"}}},
        {"resource": {"resourceType": "Location", "name": "Annex"}}
      ]}"#;
    let record = parse(bundle).unwrap();
    assert_eq!(
        record.document.created.as_ref().unwrap().value.as_deref(),
        Some("2021-02-03T04:05:06Z")
    );
    let claim = &record.claims[0];
    let provider = claim
        .provider
        .as_ref()
        .unwrap()
        .organization
        .as_ref()
        .unwrap();
    assert_eq!(provider.name.as_deref(), Some("Acme Clinic"));
    assert_eq!(provider.ids[0].value.as_deref(), Some("123"));
    let rendering = &claim.care_team[0];
    assert_eq!(
        rendering.name.as_ref().unwrap().family.as_deref(),
        Some("Doe")
    );
    assert_eq!(
        rendering.function.as_ref().unwrap().code.as_deref(),
        Some("rendering")
    );
    assert_eq!(claim.items[0].provider.as_ref(), Some(rendering));
    assert_eq!(
        claim.insurer.as_ref().unwrap().name.as_deref(),
        Some("Medicare")
    );
    assert_eq!(claim.source.path.as_deref(), Some("entry[2]"));
    assert_eq!(claim.source.line, 7);
    // The two party resources are read into the claim, not kept whole as well; the
    // place nothing refers to is kept whole, with a warning.
    assert_eq!(record.other.len(), 1);
    assert!(record.other[0]
        .content
        .as_deref()
        .unwrap()
        .starts_with(r#"{"resourceType": "Location""#));
    assert_eq!(record.warnings.len(), 1, "{:?}", record.warnings);
    assert!(record.warnings[0].message.contains("1 Location"));
}

#[test]
fn contained_resources_resolve_and_missing_ones_warn() {
    let request = br##"{"resourceType": "MedicationRequest", "status": "active", "intent": "order",
        "contained": [{"resourceType": "Medication", "id": "med1",
            "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"}]}}],
        "medicationReference": {"reference": "#med1"},
        "requester": {"reference": "#nobody"},
        "dosageInstruction": [{"text": "1 tab daily", "timing": {"repeat": {"frequency": 1, "period": 1.0, "periodUnit": "d"}},
            "doseAndRate": [{"doseQuantity": {"value": 0.5, "unit": "tablet"}}]}]}"##;
    let record = parse(request).unwrap();
    let med = &record.medications[0];
    assert_eq!(
        med.product.as_ref().unwrap().code.as_deref(),
        Some("197361")
    );
    assert_eq!(med.mood.as_deref(), Some("order"));
    assert_eq!(med.sig.as_deref(), Some("1 tab daily"));
    assert_eq!(med.dose.as_ref().unwrap().value.as_deref(), Some("0.5"));
    let frequency = med.frequency.as_ref().unwrap();
    assert_eq!(frequency.count, Some(1));
    assert_eq!(
        frequency.period.as_ref().unwrap().value.as_deref(),
        Some("1.0")
    );
    assert!(record.other.is_empty());
    assert_eq!(record.warnings.len(), 1, "{:?}", record.warnings);
    assert_eq!(record.warnings[0].code, WarningCode::UnresolvedLink);
}

/// A `#id` reference inside a backbone element (a care-team participant, a claim's
/// payee) names a resource contained in the resource itself.
#[test]
fn contained_parties_of_backbone_elements_resolve() {
    let team = br##"{"resourceType": "CareTeam", "status": "active",
        "contained": [{"resourceType": "Practitioner", "id": "pr1", "name": [{"family": "Dietician"}]}],
        "participant": [{"member": {"reference": "#pr1"}}]}"##;
    let record = parse(team).unwrap();
    let member = record.care_team[0].member.as_ref().unwrap();
    let name = member.name.as_ref().unwrap();
    assert_eq!(name.family.as_deref(), Some("Dietician"));
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);

    let eob = br##"{"resourceType": "ExplanationOfBenefit", "status": "active",
        "contained": [{"resourceType": "Organization", "id": "org1", "name": "Payee Clinic"}],
        "payee": {"type": {"coding": [{"code": "provider"}]}, "party": {"reference": "#org1"}}}"##;
    let record = parse(eob).unwrap();
    let payee = record.claims[0].payee.as_ref().unwrap();
    let org = payee.organization.as_ref().unwrap();
    assert_eq!(org.name.as_deref(), Some("Payee Clinic"));
    assert_eq!(
        payee.function.as_ref().unwrap().code.as_deref(),
        Some("provider")
    );
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
}

#[test]
fn ndjson_lines_are_the_provenance() {
    let ndjson = b"{\"resourceType\":\"Immunization\",\"status\":\"completed\",\"vaccineCode\":{\"coding\":[{\"code\":\"140\"}]}}\n\n{\"resourceType\":\"Immunization\",\"status\":\"not-done\"}\r\n{\"resourceType\":\"AllergyIntolerance\",\"code\":{\"text\":\"peanut\"}}\n";
    let record = parse(ndjson).unwrap();
    assert_eq!(record.format.kind, FormatKind::FhirNdjson);
    let lines: Vec<u32> = record.immunizations.iter().map(|i| i.source.line).collect();
    assert_eq!(lines, [1, 3]);
    assert!(record.immunizations[1].negated);
    assert_eq!(record.allergies[0].source.line, 4);
    assert_eq!(record.allergies[0].source.column, 1);
}

#[test]
fn a_malformed_ndjson_line_is_an_error_at_its_line() {
    let ndjson = b"{\"resourceType\":\"Patient\"}\n{\"resourceType\":\"Patient\"}\n{\"resourceType\":\"Patient\",}\n";
    let error = parse(ndjson).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Malformed);
    assert_eq!((error.line(), error.column()), (Some(3), Some(27)));
}

#[test]
fn malformed_json_has_a_line_and_column() {
    let error = parse(b"{\"resourceType\": \"Patient\",\n  \"id\": 01\n}").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Malformed);
    assert_eq!(error.line(), Some(2));
    // Past detection's window, the reader finds the error itself.
    let mut big = String::from("{\"resourceType\": \"Bundle\", \"entry\": [\n");
    for _ in 0..2000 {
        big.push_str("{\"resource\": {\"resourceType\": \"Basic\", \"id\": \"abcdefghij\"}},\n");
    }
    big.push_str("{\"resource\": {\"resourceType\": \"Basic\", \"n\": 01}}]}\n");
    let error = parse(big.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Malformed);
    assert_eq!((error.line(), error.column()), (Some(2002), Some(45)));
    assert!(
        error.to_string().ends_with("(line 2002, column 45)"),
        "{error}"
    );
}

#[test]
fn stu3_stays_unsupported() {
    let error = parse(br#"{"resourceType": "Patient", "fhirVersion": "3.0.2"}"#).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnsupportedVersion);
}

#[test]
fn reports_group_their_results_and_categories_choose_the_list() {
    let bundle = br#"{"resourceType": "Bundle", "type": "searchset", "entry": [
      {"fullUrl": "urn:uuid:o1", "resource": {"resourceType": "Observation", "status": "final",
          "category": [{"coding": [{"code": "laboratory"}]}], "code": {"coding": [{"code": "2951-2"}]},
          "valueQuantity": {"value": 140.0, "unit": "mmol/L"}}},
      {"resource": {"resourceType": "DiagnosticReport", "status": "final", "code": {"coding": [{"code": "24323-8"}]},
          "result": [{"reference": "urn:uuid:o1"}, {"reference": "Observation/o2"}]}},
      {"resource": {"resourceType": "Observation", "id": "o2", "code": {"coding": [{"code": "2823-3"}]},
          "valueQuantity": {"value": 4.10}}},
      {"resource": {"resourceType": "Observation", "category": [{"coding": [{"code": "vital-signs"}]}],
          "code": {"coding": [{"code": "8867-4"}]}, "effectiveDateTime": "2020-01-02", "valueQuantity": {"value": 72}}},
      {"resource": {"resourceType": "Observation", "category": [{"coding": [{"code": "social-history"}]}],
          "code": {"coding": [{"code": "72166-2"}]}, "valueCodeableConcept": {"text": "Never smoker"}}}
    ]}"#;
    let record = parse(bundle).unwrap();
    assert_eq!(record.results.len(), 1);
    let report = &record.results[0];
    assert_eq!(
        report.code.as_ref().unwrap().code.as_deref(),
        Some("24323-8")
    );
    let values: Vec<_> = report
        .observations
        .iter()
        .map(|o| {
            o.value
                .as_ref()
                .unwrap()
                .quantity
                .as_ref()
                .unwrap()
                .value
                .clone()
                .unwrap()
        })
        .collect();
    assert_eq!(values, ["140.0", "4.10"]);
    assert_eq!(
        report.observations[1].source.path.as_deref(),
        Some("entry[2]")
    );
    assert_eq!(record.vitals.len(), 1);
    assert_eq!(
        record.vitals[0].observations[0]
            .time
            .as_ref()
            .unwrap()
            .value
            .as_ref()
            .unwrap()
            .precision,
        Some(Precision::Day)
    );
    assert_eq!(record.social_history.len(), 1);
    let smoking = record.social_history[0].value.as_ref().unwrap();
    assert_eq!(smoking.kind, ValueKind::Coded);
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
}

#[test]
fn an_embedded_ccda_is_read_into_the_same_record() {
    let ccda = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/sample-ccd.xml"
    ))
    .unwrap();
    let alone = parse(&ccda).unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(&ccda);
    let document = format!(
        r#"{{"resourceType": "DocumentReference", "status": "current",
            "type": {{"coding": [{{"system": "http://loinc.org", "code": "34133-9"}}]}},
            "content": [{{"attachment": {{"contentType": "application/xml", "data": "{data}"}}}}]}}"#
    );
    let record = parse(document.as_bytes()).unwrap();
    assert_eq!(record.format.kind, FormatKind::FhirJson);
    assert_eq!(
        record
            .notes
            .iter()
            .filter(|n| n.source.section_code.as_deref() == Some("DocumentReference"))
            .count(),
        1
    );
    assert_eq!(record.allergies.len(), alone.allergies.len());
    assert!(!record.allergies.is_empty());
    for allergy in &record.allergies {
        assert_eq!(
            allergy.source.path.as_deref(),
            Some("content[0].attachment")
        );
        assert!(allergy.source.line > 1);
    }
    assert_eq!(record.patient, alone.patient);
    let note = record
        .notes
        .iter()
        .find(|n| n.kind.as_deref() == Some("document"))
        .unwrap();
    assert_eq!(
        note.attachments[0].data, None,
        "the document was read, not repeated"
    );
}

#[test]
fn embedded_fhir_is_not_read_again() {
    let inner = base64::engine::general_purpose::STANDARD
        .encode(br#"{"resourceType": "Patient", "id": "x"}"#);
    let binary = format!(
        r#"{{"resourceType": "Binary", "contentType": "application/fhir+json", "data": "{inner}"}}"#
    );
    let record = parse(binary.as_bytes()).unwrap();
    assert_eq!(record.patient, Default::default());
    assert_eq!(record.notes.len(), 1);
    assert!(record.notes[0].attachments[0]
        .data
        .as_deref()
        .unwrap()
        .contains("Patient"));
    assert_eq!(record.warnings[0].code, WarningCode::UnmappedElement);
}

#[test]
fn a_bundle_entry_without_a_resource_wrapper_is_read_with_a_warning() {
    let bundle =
        br#"{"resourceType": "Bundle", "entry": [{"resourceType": "Coverage", "status": "active",
        "class": [{"type": {"coding": [{"code": "plan"}]}, "value": "P1", "name": "Gold"}]}]}"#;
    let record = parse(bundle).unwrap();
    assert_eq!(record.coverage[0].plan_name.as_deref(), Some("Gold"));
    assert_eq!(record.warnings[0].code, WarningCode::MissingElement);
    assert_eq!(record.warnings[0].path.as_deref(), Some("entry[0]"));
}

#[test]
fn deep_nesting_is_refused() {
    let mut input = br#"{"resourceType": "Patient", "x": "#.to_vec();
    input.extend(std::iter::repeat_n(b'[', 10_000));
    let error = parse(&input).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::LimitExceeded);
}

#[test]
fn a_document_bundle_fills_the_document_facts() {
    let bundle = br#"{"resourceType": "Bundle", "type": "document",
      "identifier": {"system": "urn:ietf:rfc:3986", "value": "urn:uuid:d1"},
      "entry": [
        {"fullUrl": "urn:uuid:c1", "resource": {"resourceType": "Composition", "status": "final",
          "type": {"coding": [{"system": "http://loinc.org", "code": "60591-5"}]},
          "date": "2020-12-11T14:30:00+01:00", "title": "Patient Summary", "confidentiality": "N",
          "author": [{"reference": "urn:uuid:org"}],
          "section": [
            {"title": "Problems", "code": {"coding": [{"code": "11450-4"}]}, "entry": [{"reference": "urn:uuid:p1"}],
             "text": {"div": "<div>problem list</div>"}},
            {"title": "Plan", "code": {"coding": [{"code": "18776-5"}]}, "text": {"div": "<div>rest</div>"}}]}},
        {"fullUrl": "urn:uuid:org", "resource": {"resourceType": "Organization", "name": "Clinic"}},
        {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Condition", "code": {"text": "asthma"}}}
      ]}"#;
    let record = parse(bundle).unwrap();
    let document = &record.document;
    assert_eq!(document.title.as_deref(), Some("Patient Summary"));
    assert_eq!(
        document.code.as_ref().unwrap().code.as_deref(),
        Some("60591-5")
    );
    assert_eq!(
        document.created.as_ref().unwrap().precision,
        Some(Precision::Second)
    );
    assert_eq!(
        document.confidentiality.as_ref().unwrap().code.as_deref(),
        Some("N")
    );
    assert_eq!(document.ids[0].value.as_deref(), Some("urn:uuid:d1"));
    let author = document.authors[0].organization.as_ref().unwrap();
    assert_eq!(author.name.as_deref(), Some("Clinic"));
    assert_eq!(record.problems.len(), 1);
    // Only the section without entries is kept as a note.
    assert_eq!(record.notes.len(), 1);
    assert_eq!(record.notes[0].title.as_deref(), Some("Plan"));
    assert_eq!(
        record.notes[0].source.path.as_deref(),
        Some("entry[0].section[1]")
    );
}

#[test]
fn a_compositions_attesters_and_event_are_the_header_parties() {
    let bundle = br#"{"resourceType": "Bundle", "type": "document", "entry": [
        {"fullUrl": "urn:uuid:c1", "resource": {"resourceType": "Composition", "status": "final",
          "type": {"text": "Summary"}, "date": "2020-12-11", "title": "Summary",
          "author": [{"display": "Someone"}],
          "attester": [
            {"mode": "professional", "party": {"reference": "urn:uuid:pr2"}},
            {"mode": "legal", "time": "2020-12-12T09:00:00Z", "party": {"reference": "urn:uuid:role"}}],
          "event": [{"code": [{"coding": [{"system": "http://snomed.info/sct", "code": "308335008"}]}],
            "period": {"start": "2020-12-01", "end": "2020-12-10"},
            "detail": [{"reference": "urn:uuid:pr2"}, {"reference": "urn:uuid:org"},
                       {"reference": "urn:uuid:proc"}]}]}},
        {"fullUrl": "urn:uuid:pr1", "resource": {"resourceType": "Practitioner", "name": [{"family": "Legal"}]}},
        {"fullUrl": "urn:uuid:role", "resource": {"resourceType": "PractitionerRole",
          "practitioner": {"reference": "urn:uuid:pr1"}, "organization": {"reference": "urn:uuid:org"},
          "code": [{"coding": [{"system": "http://nucc.org/provider-taxonomy", "code": "207Q00000X"}]}]}},
        {"fullUrl": "urn:uuid:pr2", "resource": {"resourceType": "Practitioner",
          "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}],
          "name": [{"family": "Other"}]}},
        {"fullUrl": "urn:uuid:org", "resource": {"resourceType": "Organization", "name": "Clinic"}},
        {"fullUrl": "urn:uuid:proc", "resource": {"resourceType": "Procedure", "status": "completed",
          "identifier": [{"value": "p-1"}], "code": {"text": "surgery"}}}
    ]}"#;
    let record = parse(bundle).unwrap();
    let document = &record.document;
    let legal = document.legal_authenticator.as_ref().unwrap();
    assert_eq!(
        legal.name.as_ref().unwrap().family.as_deref(),
        Some("Legal")
    );
    assert_eq!(
        legal.role.as_ref().unwrap().code.as_deref(),
        Some("207Q00000X")
    );
    assert_eq!(
        legal.organization.as_ref().unwrap().name.as_deref(),
        Some("Clinic")
    );
    let time = legal.time.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(time.value.as_deref(), Some("2020-12-12T09:00:00Z"));
    assert_eq!(document.authenticators.len(), 1);
    let other = &document.authenticators[0];
    assert_eq!(other.ids[0].value.as_deref(), Some("1234567893"));
    assert_eq!(other.time, None);
    assert_eq!(document.service_codes[0].code.as_deref(), Some("308335008"));
    let period = document.service_period.as_ref().unwrap();
    assert_eq!(
        period.low.as_ref().unwrap().value.as_deref(),
        Some("2020-12-01")
    );
    assert_eq!(
        period.high.as_ref().unwrap().value.as_deref(),
        Some("2020-12-10")
    );
    // The Procedure an event detail names is no performer.
    let performers = &document.service_performers;
    assert_eq!(performers.len(), 2, "{performers:?}");
    assert_eq!(
        performers[0].name.as_ref().unwrap().family.as_deref(),
        Some("Other")
    );
    let org = performers[1].organization.as_ref().unwrap();
    assert_eq!(org.name.as_deref(), Some("Clinic"));
    // The people and organization are read into the header, not kept whole.
    assert!(record.other.is_empty(), "{:?}", record.other);
    assert_eq!(record.procedures.len(), 1);
}

#[test]
fn a_specimen_holding_only_its_type_is_read_into_the_report() {
    let bundle = br#"{"resourceType": "Bundle", "entry": [
        {"fullUrl": "urn:uuid:s1", "resource": {"resourceType": "Specimen", "id": "s1",
          "type": {"coding": [{"system": "http://snomed.info/sct", "code": "119297000"}]},
          "subject": {"reference": "urn:uuid:pt"}}},
        {"fullUrl": "urn:uuid:s2", "resource": {"resourceType": "Specimen", "id": "s2",
          "type": {"coding": [{"system": "http://snomed.info/sct", "code": "122555007"}]},
          "collection": {"collectedDateTime": "2020-01-02"}}},
        {"fullUrl": "urn:uuid:r1", "resource": {"resourceType": "DiagnosticReport", "status": "final",
          "code": {"text": "panel"}, "specimen": [{"reference": "urn:uuid:s1"}]}},
        {"fullUrl": "urn:uuid:r2", "resource": {"resourceType": "DiagnosticReport", "status": "final",
          "code": {"text": "panel"}, "specimen": [{"reference": "urn:uuid:s2"}]}},
        {"fullUrl": "urn:uuid:s3", "resource": {"resourceType": "Specimen", "id": "s3",
          "type": {"coding": [{"system": "http://snomed.info/sct", "code": "258580003"}]}}},
        {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Procedure", "status": "completed",
          "reasonReference": [{"reference": "urn:uuid:s3"}]}}
    ]}"#;
    let record = parse(bundle).unwrap();
    let types: Vec<_> = record
        .results
        .iter()
        .map(|g| g.specimen.as_ref().unwrap().code.as_deref())
        .collect();
    assert_eq!(types, [Some("119297000"), Some("122555007")]);
    // The Specimen that holds more than its type (its collection) is kept whole, as is
    // one nothing reads as a specimen.
    assert_eq!(record.other.len(), 2, "{:?}", record.other);
    let content: Vec<&str> = record
        .other
        .iter()
        .map(|o| o.content.as_deref().unwrap())
        .collect();
    assert!(content[0].contains("\"id\": \"s2\""), "{content:?}");
    assert!(content[1].contains("\"id\": \"s3\""), "{content:?}");
}

#[test]
fn utf16_input_is_read() {
    let text = r#"{"resourceType": "Patient", "name": [{"family": "Zoë"}]}"#;
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let record = parse(&bytes).unwrap();
    let name = record.patient.name.as_ref().unwrap();
    assert_eq!(name.family.as_deref(), Some("Zoë"));
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
}

#[test]
fn references_that_loop_do_not_recurse() {
    let bundle = br#"{"resourceType": "Bundle", "entry": [
        {"resource": {"resourceType": "PractitionerRole", "id": "a", "practitioner": {"reference": "PractitionerRole/a", "display": "Dr. Loop"}}},
        {"resource": {"resourceType": "Procedure", "status": "completed", "performer": [{"actor": {"reference": "PractitionerRole/a"}}]}},
        {"resource": {"resourceType": "Observation", "id": "o", "hasMember": [{"reference": "Observation/o"}]}}
    ]}"#;
    let record = parse(bundle).unwrap();
    let performer = &record.procedures[0].performers[0];
    assert_eq!(
        performer.name.as_ref().unwrap().text.as_deref(),
        Some("Dr. Loop")
    );
    assert_eq!(record.results.len(), 1);
}

/// Cut or damaged FHIR never panics: every prefix length step and a few byte flips of
/// real files give a record or an error.
#[test]
fn damaged_fhir_never_panics() {
    let files = [
        "fhir/cms-bb2-api-v2/eob_read_carrier_v2.json",
        "fhir/us-core/medicationrequest-contained-oral-axid.json",
        "fhir/bulk-ndjson-10-patients/AllergyIntolerance.000.ndjson",
    ];
    for file in files {
        let path = format!("{}/../../shared/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        let step = (bytes.len() / 97).max(1);
        let mut malformed = 0;
        for cut in (1..bytes.len()).step_by(step) {
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0x20;
            for input in [&bytes[..cut], &flipped[..]] {
                if let Err(e) = parse(input) {
                    if e.kind() == ErrorKind::Malformed {
                        malformed += 1;
                        assert!(e.line().is_some() && e.column().is_some(), "{file}: {e}");
                    }
                }
            }
        }
        assert!(malformed > 50, "{file}: {malformed}");
    }
}

#[test]
fn renewals_are_orders_of_the_first_prescription_and_loops_lose_nothing() {
    let bundle = br#"{"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:a", "resource": {"resourceType": "MedicationRequest", "status": "active",
          "intent": "order", "medicationCodeableConcept": {"text": "A"},
          "dosageInstruction": [{"text": "1 daily"}]}},
        {"fullUrl": "urn:uuid:b", "resource": {"resourceType": "MedicationRequest", "status": "active",
          "intent": "order", "medicationCodeableConcept": {"text": "A"}, "authoredOn": "2020-02-01",
          "priorPrescription": {"reference": "urn:uuid:a"}}},
        {"fullUrl": "urn:uuid:c", "resource": {"resourceType": "MedicationRequest", "status": "active",
          "intent": "order", "medicationCodeableConcept": {"text": "A"}, "authoredOn": "2020-03-01",
          "priorPrescription": {"reference": "urn:uuid:b"}}},
        {"fullUrl": "urn:uuid:d", "resource": {"resourceType": "MedicationRequest", "status": "active",
          "intent": "order", "medicationCodeableConcept": {"text": "D"},
          "priorPrescription": {"reference": "urn:uuid:e"}}},
        {"fullUrl": "urn:uuid:e", "resource": {"resourceType": "MedicationRequest", "status": "active",
          "intent": "order", "medicationCodeableConcept": {"text": "E"},
          "priorPrescription": {"reference": "urn:uuid:d"}}}
      ]}"#;
    let record = parse(bundle).unwrap();
    let products: Vec<_> = record
        .medications
        .iter()
        .map(|m| m.product.as_ref().and_then(|p| p.original_text.as_deref()))
        .collect();
    // B renews A and C renews B: both are A's further orders, in order. D and E renew
    // each other: each stays a medication of its own.
    assert_eq!(products, [Some("A"), Some("D"), Some("E")]);
    let times: Vec<_> = record.medications[0]
        .orders
        .iter()
        .map(|o| {
            o.time
                .as_ref()
                .and_then(|t| t.value.as_ref())
                .and_then(|v| v.value.as_deref())
        })
        .collect();
    assert_eq!(times, [Some("2020-02-01"), Some("2020-03-01")]);
    assert!(record.other.is_empty());
}

#[test]
fn provenance_authors_replace_the_recorder_and_other_agents_keep_it_whole() {
    let bundle = br#"{"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:dr", "resource": {"resourceType": "Practitioner", "name": [{"family": "Grey"}]}},
        {"fullUrl": "urn:uuid:c1", "resource": {"resourceType": "Condition", "code": {"text": "one"},
          "recorder": {"display": "Someone"}}},
        {"fullUrl": "urn:uuid:c2", "resource": {"resourceType": "Condition", "code": {"text": "two"}}},
        {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Provenance",
          "target": [{"reference": "urn:uuid:c1"}], "recorded": "2021-01-02T03:04:05Z",
          "agent": [{"type": {"coding": [{"code": "author"}]}, "who": {"reference": "urn:uuid:dr"}}]}},
        {"fullUrl": "urn:uuid:p2", "resource": {"resourceType": "Provenance",
          "target": [{"reference": "urn:uuid:c2"}], "occurredDateTime": "2020",
          "agent": [{"type": {"coding": [{"code": "author"}]}, "who": {"reference": "urn:uuid:dr"}},
                    {"type": {"coding": [{"code": "transmitter"}]}, "who": {"display": "Hub"}}]}}
      ]}"#;
    let record = parse(bundle).unwrap();
    let family = |i: usize| {
        let a = &record.problems[i].authors;
        assert_eq!(a.len(), 1);
        a[0].name.as_ref().and_then(|n| n.family.clone())
    };
    assert_eq!(family(0), Some("Grey".to_string()));
    assert_eq!(family(1), Some("Grey".to_string()));
    let time = |i: usize| {
        let t = record.problems[i].authors[0]
            .time
            .as_ref()
            .and_then(|t| t.value.as_ref());
        t.and_then(|v| v.value.clone())
    };
    assert_eq!(time(0).as_deref(), Some("2021-01-02T03:04:05Z"));
    assert_eq!(time(1).as_deref(), Some("2020"));
    // The Provenance with a transmitter is also kept whole; the Practitioner, read into
    // the authors, is not.
    let kinds: Vec<_> = record.other.iter().map(|o| o.kind.as_deref()).collect();
    assert_eq!(kinds, [Some("Provenance")]);
}

#[test]
fn a_compositions_encounter_language_and_attester_without_a_party_are_header_facts() {
    let bundle = br#"{"resourceType": "Bundle", "type": "document", "entry": [
        {"fullUrl": "urn:uuid:c1", "resource": {"resourceType": "Composition", "status": "final",
          "language": "es", "type": {"text": "Summary"}, "date": "2020-12-11", "title": "Summary",
          "author": [{"display": "Someone"}], "encounter": {"reference": "urn:uuid:e1"},
          "attester": [{"mode": "legal", "time": "2020-12-12"}]}},
        {"fullUrl": "urn:uuid:e1", "resource": {"resourceType": "Encounter", "status": "finished",
          "class": {"code": "IMP"}, "identifier": [{"value": "visit-1"}],
          "period": {"start": "2020-12-01"}}},
        {"fullUrl": "urn:uuid:e2", "resource": {"resourceType": "Encounter", "status": "finished",
          "class": {"code": "AMB"}, "identifier": [{"value": "visit-2"}]}}
    ]}"#;
    let record = parse(bundle).unwrap();
    let document = &record.document;
    assert_eq!(document.language.as_deref(), Some("es"));
    // The Composition's encounter is the document's, not an entry of `encounters`.
    let encounter = document.encounter.as_ref().unwrap();
    assert_eq!(encounter.ids[0].value.as_deref(), Some("visit-1"));
    assert_eq!(record.encounters.len(), 1);
    assert_eq!(
        record.encounters[0].ids[0].value.as_deref(),
        Some("visit-2")
    );
    // An attester known only by when it signed.
    let legal = document.legal_authenticator.as_ref().unwrap();
    assert_eq!(legal.name, None);
    let time = legal.time.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(time.value.as_deref(), Some("2020-12-12"));
}

/// The record written as a FHIR Bundle and read again.
fn written_and_read(
    record: &bluebutton_parse::model::HealthRecord,
) -> bluebutton_parse::model::HealthRecord {
    parse(bluebutton_parse::to_fhir(record).as_bytes()).unwrap()
}

#[test]
fn a_device_use_statement_is_the_device_it_names_as_used() {
    let bundle = br#"{"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:d1", "resource": {"resourceType": "Device", "id": "d1",
            "type": {"coding": [{"system": "http://snomed.info/sct", "code": "14106009", "display": "Cardiac pacemaker"}]},
            "udiCarrier": [{"deviceIdentifier": "09504000059118", "carrierHRF": "(01)09504000059118"}],
            "manufacturer": "Acme"}},
        {"resource": {"resourceType": "DeviceUseStatement", "id": "u1", "status": "active",
            "identifier": [{"system": "urn:x", "value": "u-1"}],
            "device": {"reference": "urn:uuid:d1"},
            "timingPeriod": {"start": "2019-03-04", "end": "2020-05"},
            "bodySite": {"coding": [{"system": "http://snomed.info/sct", "code": "80891009", "display": "Heart"}]},
            "source": {"display": "Dr Who"},
            "note": [{"text": "checked yearly"}]}},
        {"resource": {"resourceType": "DeviceUseStatement", "status": "completed",
            "device": {"display": "Crutches"}, "timingDateTime": "2018-01-02"}}]}"#;
    let record = parse(bundle).unwrap();
    assert!(record.other.is_empty(), "{:?}", record.other);
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
    // The statements, the first with everything its Device says (read into it, not an
    // entry of its own).
    assert_eq!(record.medical_equipment.len(), 2);
    let used = &record.medical_equipment[0];
    assert_eq!(
        used.source.section_code.as_deref(),
        Some("DeviceUseStatement")
    );
    assert_eq!(used.status.as_deref(), Some("active"));
    assert_eq!(
        used.code.as_ref().unwrap().code.as_deref(),
        Some("14106009")
    );
    assert_eq!(used.udi.as_deref(), Some("(01)09504000059118"));
    assert_eq!(used.manufacturer.as_deref(), Some("Acme"));
    let ids: Vec<_> = used.ids.iter().filter_map(|i| i.value.as_deref()).collect();
    assert_eq!(ids, ["u-1", "09504000059118"]);
    let time = used.time.as_ref().unwrap();
    assert_eq!(
        time.low.as_ref().unwrap().value.as_deref(),
        Some("2019-03-04")
    );
    assert_eq!(
        time.high.as_ref().unwrap().value.as_deref(),
        Some("2020-05")
    );
    assert_eq!(used.body_sites[0].code.as_deref(), Some("80891009"));
    let author = used.authors[0].name.as_ref().unwrap();
    assert_eq!(author.text.as_deref(), Some("Dr Who"));
    assert_eq!(used.notes, ["checked yearly"]);
    let crutches = &record.medical_equipment[1];
    assert_eq!(crutches.name.as_deref(), Some("Crutches"));
    let when = crutches.time.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(when.value.as_deref(), Some("2018-01-02"));

    let again = written_and_read(&record);
    for (a, b) in record
        .medical_equipment
        .iter()
        .zip(&again.medical_equipment)
    {
        assert_eq!((&a.code, &a.body_sites), (&b.code, &b.body_sites));
        assert_eq!((&a.name, &a.udi), (&b.name, &b.udi));
    }
    assert_eq!(used.time, again.medical_equipment[0].time);
    // A point in time is written as a Period from it to itself.
    let back = again.medical_equipment[1].time.as_ref().unwrap();
    assert_eq!(
        (&back.low, &back.high),
        (&Some(when.clone()), &Some(when.clone()))
    );
}

#[test]
fn an_appointment_is_a_planned_activity_with_its_people_and_place() {
    let bundle = br#"{"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:loc", "resource": {"resourceType": "Location", "name": "South Wing"}},
        {"resource": {"resourceType": "Appointment", "status": "booked",
            "serviceType": [{"coding": [{"system": "http://example.org/service-type", "code": "52", "display": "General Discussion"}]}],
            "reasonCode": [{"coding": [{"system": "http://snomed.info/sct", "code": "413095006"}]}],
            "description": "Discuss results", "comment": "Bring the films",
            "start": "2013-12-10T09:00:00Z", "end": "2013-12-10T11:00:00Z",
            "participant": [
                {"actor": {"reference": "Patient/example", "display": "Peter"}, "status": "accepted"},
                {"type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "ATND"}]}],
                 "actor": {"reference": "Practitioner/example", "display": "Dr Adam Careful"}, "status": "accepted"},
                {"actor": {"reference": "urn:uuid:loc"}, "status": "accepted"}]}},
        {"resource": {"resourceType": "Appointment", "status": "proposed",
            "requestedPeriod": [{"start": "2016-06-02", "end": "2016-06-09"}]}}]}"#;
    let record = parse(bundle).unwrap();
    assert!(record.other.is_empty(), "{:?}", record.other);
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
    let visit = &record.plan_of_care[0];
    assert_eq!(visit.kind.as_deref(), Some("appointment"));
    assert_eq!(visit.status.as_deref(), Some("booked"));
    assert_eq!(visit.code.as_ref().unwrap().code.as_deref(), Some("52"));
    assert_eq!(visit.reasons[0].code.as_deref(), Some("413095006"));
    let time = visit.time.as_ref().unwrap();
    assert_eq!(
        time.low.as_ref().unwrap().value.as_deref(),
        Some("2013-12-10T09:00:00Z")
    );
    assert_eq!(
        time.high.as_ref().unwrap().value.as_deref(),
        Some("2013-12-10T11:00:00Z")
    );
    // The patient is the record's; the practitioner performs, in the location.
    assert_eq!(visit.performers.len(), 1);
    let doctor = &visit.performers[0];
    assert_eq!(
        doctor.name.as_ref().unwrap().text.as_deref(),
        Some("Dr Adam Careful")
    );
    assert_eq!(
        doctor.function.as_ref().unwrap().code.as_deref(),
        Some("ATND")
    );
    assert_eq!(visit.locations[0].name.as_deref(), Some("South Wing"));
    assert_eq!(visit.notes, ["Discuss results", "Bring the films"]);
    let asked = record.plan_of_care[1].time.as_ref().unwrap();
    assert_eq!(
        asked.high.as_ref().unwrap().value.as_deref(),
        Some("2016-06-09")
    );

    let again = written_and_read(&record);
    for (a, b) in record.plan_of_care.iter().zip(&again.plan_of_care) {
        assert_eq!(
            (&a.code, &a.time, &a.reasons),
            (&b.code, &b.time, &b.reasons)
        );
        assert_eq!(a.locations, b.locations);
    }
}

#[test]
fn a_device_request_is_a_planned_activity_for_its_device() {
    let request = br##"{"resourceType": "DeviceRequest", "status": "active", "intent": "original-order",
        "priority": "urgent",
        "contained": [{"resourceType": "Device", "id": "pump",
            "type": {"coding": [{"system": "http://snomed.info/sct", "code": "69805005", "display": "Insulin pump"}]}}],
        "codeReference": {"reference": "#pump"},
        "occurrenceTiming": {"repeat": {"boundsPeriod": {"start": "2013-05-08", "end": "2014-05-08"}}},
        "authoredOn": "2013-05-08T09:33:27+07:00",
        "requester": {"display": "Dr Careful"},
        "reasonCode": [{"coding": [{"system": "http://snomed.info/sct", "code": "44054006"}]}]}"##;
    let record = parse(request).unwrap();
    assert!(
        record.other.is_empty() && record.warnings.is_empty(),
        "{record:?}"
    );
    let order = &record.plan_of_care[0];
    assert_eq!(order.kind.as_deref(), Some("device-request"));
    assert_eq!(order.mood.as_deref(), Some("original-order"));
    assert_eq!(
        order.code.as_ref().unwrap().code.as_deref(),
        Some("69805005")
    );
    assert_eq!(
        order.priority.as_ref().unwrap().code.as_deref(),
        Some("urgent")
    );
    let time = order.time.as_ref().unwrap();
    assert_eq!(
        time.low.as_ref().unwrap().value.as_deref(),
        Some("2013-05-08")
    );
    assert_eq!(
        time.high.as_ref().unwrap().value.as_deref(),
        Some("2014-05-08")
    );
    assert_eq!(order.reasons[0].code.as_deref(), Some("44054006"));
    assert_eq!(
        order.authors[0].name.as_ref().unwrap().text.as_deref(),
        Some("Dr Careful")
    );

    let again = written_and_read(&record);
    let back = &again.plan_of_care[0];
    assert_eq!(
        (&order.code, &order.time, &order.reasons),
        (&back.code, &back.time, &back.reasons)
    );
    assert_eq!(
        order.priority.as_ref().unwrap().code,
        back.priority.as_ref().unwrap().code
    );
}

#[test]
fn a_nutrition_order_is_a_planned_diet_with_its_instructions() {
    let order = br#"{"resourceType": "NutritionOrder", "status": "active", "intent": "order",
        "dateTime": "2014-09-17",
        "orderer": {"display": "Dr Dietician"},
        "oralDiet": {"type": [{"coding": [{"system": "http://snomed.info/sct", "code": "160670007", "display": "Diabetic diet"}]}],
            "instruction": "Low sugar"},
        "supplement": [{"type": {"coding": [{"system": "http://snomed.info/sct", "code": "442971000124100"}]},
            "instruction": "With meals"}]}"#;
    let record = parse(order).unwrap();
    assert!(
        record.other.is_empty() && record.warnings.is_empty(),
        "{record:?}"
    );
    let diet = &record.plan_of_care[0];
    assert_eq!(diet.kind.as_deref(), Some("nutrition-order"));
    assert_eq!(diet.mood.as_deref(), Some("order"));
    assert_eq!(
        diet.code.as_ref().unwrap().code.as_deref(),
        Some("160670007")
    );
    let when = diet.time.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(when.value.as_deref(), Some("2014-09-17"));
    assert_eq!(diet.notes, ["Low sugar", "With meals"]);
    assert_eq!(
        diet.authors[0].name.as_ref().unwrap().text.as_deref(),
        Some("Dr Dietician")
    );

    let again = written_and_read(&record);
    let back = &again.plan_of_care[0];
    assert_eq!(
        (&diet.code, &diet.time, &diet.notes),
        (&back.code, &back.time, &back.notes)
    );
}

#[test]
fn a_communication_request_is_a_planned_message() {
    let request = br#"{"resourceType": "CommunicationRequest", "status": "active", "doNotPerform": true,
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/communication-category", "code": "instruction"}]}],
        "priority": "routine",
        "payload": [{"contentString": "Please call the clinic"}],
        "occurrencePeriod": {"start": "2016-06-10T11:01:10-08:00", "end": "2016-06-10T11:15:33-08:00"},
        "sender": {"display": "Clinic"},
        "reasonCode": [{"text": "Results ready"}]}"#;
    let record = parse(request).unwrap();
    assert!(
        record.other.is_empty() && record.warnings.is_empty(),
        "{record:?}"
    );
    let message = &record.plan_of_care[0];
    assert_eq!(message.kind.as_deref(), Some("communication-request"));
    assert!(message.negated);
    assert_eq!(
        message.code.as_ref().unwrap().code.as_deref(),
        Some("instruction")
    );
    assert_eq!(
        message.priority.as_ref().unwrap().code.as_deref(),
        Some("routine")
    );
    assert_eq!(message.notes, ["Please call the clinic"]);
    let time = message.time.as_ref().unwrap();
    assert_eq!(
        time.low.as_ref().unwrap().value.as_deref(),
        Some("2016-06-10T11:01:10-08:00")
    );
    assert_eq!(
        message.performers[0].name.as_ref().unwrap().text.as_deref(),
        Some("Clinic")
    );
    assert_eq!(
        message.reasons[0].original_text.as_deref(),
        Some("Results ready")
    );

    let again = written_and_read(&record);
    let back = &again.plan_of_care[0];
    assert_eq!(
        (&message.code, &message.time, &message.reasons),
        (&back.code, &back.time, &back.reasons)
    );
    assert!(back.negated);
}

#[test]
fn a_performer_known_only_by_its_function_keeps_it() {
    let procedure = br#"{"resourceType": "Procedure", "status": "completed",
        "code": {"text": "x-ray"},
        "performer": [{"function": {"coding": [{"system": "http://snomed.info/sct", "code": "17561000", "display": "Cardiologist"}]},
            "actor": {"reference": "Practitioner/not-in-the-input"}}]}"#;
    let record = parse(procedure).unwrap();
    let function = |r: &bluebutton_parse::model::HealthRecord| {
        r.procedures[0].performers[0]
            .function
            .as_ref()
            .and_then(|f| f.code.clone())
    };
    assert_eq!(function(&record).as_deref(), Some("17561000"));
    let again = written_and_read(&record);
    assert_eq!(function(&again), function(&record));
}

#[test]
fn an_encounter_participant_known_only_by_its_type_keeps_it() {
    let encounter = br#"{"resourceType": "Encounter", "status": "finished", "class": {"code": "IMP"},
        "participant": [{"type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "PART"}]}],
            "individual": {"reference": "RelatedPerson/not-in-the-input"}},
          {"type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "ESC"}]}],
            "period": {"start": "2020-01-02"}}]}"#;
    let record = parse(encounter).unwrap();
    let types = |r: &bluebutton_parse::model::HealthRecord| -> Vec<Option<String>> {
        r.encounters[0]
            .performers
            .iter()
            .map(|p| p.function.as_ref().and_then(|f| f.code.clone()))
            .collect()
    };
    assert_eq!(
        types(&record),
        [Some("PART".to_string()), Some("ESC".to_string())]
    );
    let again = written_and_read(&record);
    assert_eq!(types(&again), types(&record));
    assert_eq!(
        again.encounters[0].performers[1].time,
        record.encounters[0].performers[1].time
    );
}

#[test]
fn a_device_use_statement_naming_no_device_warns_once() {
    let statement = br##"{"resourceType": "DeviceUseStatement", "status": "active",
        "device": {"reference": "#missing", "display": "Walker"}}"##;
    let record = parse(statement).unwrap();
    assert_eq!(record.medical_equipment.len(), 1);
    assert_eq!(record.warnings.len(), 1, "{:?}", record.warnings);
}
