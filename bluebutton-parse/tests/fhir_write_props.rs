//! Property: any record written as FHIR (`to_fhir`) and read back (`parse`) keeps every
//! code (code and system, an OID and its FHIR URI counted as one), every date and every
//! amount (a quantity's or money's decimal text and unit) of the input at the same place
//! in the record, or at a documented equivalent:
//!
//! - a time FHIR cannot hold (hour or minute precision, or a time without a zone) is
//!   kept as its date; a FHIR `date` element (a birth date, a goal's start and due
//!   dates, a relative's birth and death dates, a coverage's subscriber's and covered
//!   party's birth dates, a claim's supporting info date) keeps at
//!   most the day, as does a claim line serviced at one time (`servicedDate`);
//! - an encounter's diagnoses (the document's encounter's too) are Conditions of their
//!   own: their dates are read back into `problems`;
//! - a problem's kind is one more of its categories;
//! - a relative's condition (a coded value) without a code of its own is read back as
//!   the condition's code, its time as its onset;
//! - a medication's fills are MedicationDispenses of their own, whose product is read
//!   back as a medication's product.
//!
//! An entry's encounter (its encounter identifiers: the first is the Reference's, the
//! others `encounter-identifier` extensions on it) is compared too, as an
//! identifier (system and value); authors (with their function and time, written as
//! Provenances) and supply orders (MedicationRequests of their own) are compared at
//! their own places like every other code and date.

mod arbitrary;

use bluebutton_parse::model::{
    Address, AdvanceDirective, CareTeamMember, Claim, ClaimAmount, Coded, Coding, Concern,
    Coverage, Dispense, Encounter, HealthRecord, Identifier, Interval, Medication, MedicationOrder,
    Money, Note, Observation, ObservationGroup, Organization, PartialDateTime, Participant,
    PersonName, PlannedActivity, Precision, Problem, Procedure, Quantity, RelatedPerson, Source,
};
use bluebutton_parse::{parse, to_fhir};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// A code system as FHIR names it (the writer's OID ↔ URI table for the systems the
/// strategies use, `urn:oid:` dropped from any other OID).
fn normalise(system: &str) -> String {
    let bare = system.strip_prefix("urn:oid:").unwrap_or(system);
    match bare {
        "2.16.840.1.113883.6.96" => "http://snomed.info/sct",
        "2.16.840.1.113883.6.1" => "http://loinc.org",
        "2.16.840.1.113883.6.88" => "http://www.nlm.nih.gov/research/umls/rxnorm",
        "2.16.840.1.113883.12.292" => "http://hl7.org/fhir/sid/cvx",
        "2.16.840.1.113883.6.90" => "http://hl7.org/fhir/sid/icd-10-cm",
        "2.16.840.1.113883.6.12" => "http://www.ama-assn.org/go/cpt",
        "2.16.840.1.113883.6.69" => "http://hl7.org/fhir/sid/ndc",
        "2.16.840.1.113883.5.1" => "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender",
        other => other,
    }
    .to_string()
}

/// Paths whose dates FHIR holds as a `date` (at most a day).
const DATE_ONLY: &[&str] = &[
    "patient.birth_time",
    "claims.items.period.value",
    "goals.time",
    "family_history.relative.birth_time",
    "family_history.deceased_time",
    "claims.details.time",
    "coverage.subscriber.birth_time",
    "coverage.beneficiary.birth_time",
];

/// The date FHIR keeps of a model date at `path`.
fn kept_date(path: &str, value: &str, precision: &str) -> String {
    let zoned = value.ends_with('Z') || value.get(19..).is_some_and(|z| z.contains(['+', '-']));
    let whole = matches!(precision, "year" | "month" | "day")
        || matches!(precision, "second" | "subsecond") && zoned;
    if whole && !DATE_ONLY.iter().any(|p| path.starts_with(p)) {
        value.to_string()
    } else {
        value.get(..10).unwrap_or(value).to_string()
    }
}

/// The documented equivalent place of a fact at `path` after a round trip.
fn place(path: &str) -> String {
    let diagnosis = path
        .strip_prefix("encounters.diagnoses.")
        .or_else(|| path.strip_prefix("document.encounter.diagnoses."));
    if let Some(rest) = diagnosis {
        if !rest.starts_with("code") {
            return place(&format!("problems.{rest}"));
        }
    }
    if let Some(rest) = path.strip_prefix("problems.kind") {
        return format!("problems.categories{rest}");
    }
    if let Some(rest) = path.strip_prefix("medications.dispenses.") {
        if rest.starts_with("product") {
            return format!("medications.{rest}");
        }
    }
    path.to_string()
}

/// Every code, date and amount of a record as (place, fact), list positions left out.
fn facts(v: &Value, path: &str, input: bool, out: &mut BTreeSet<(String, String)>) {
    match v {
        Value::Object(o) => {
            if path.ends_with("encounter_ids") {
                let system = o.get("system").and_then(Value::as_str).map(normalise);
                let value = o.get("value").and_then(Value::as_str).unwrap_or_default();
                let at = if input { place(path) } else { path.to_string() };
                out.insert((
                    at,
                    format!("encounter {}|{value}", system.unwrap_or_default()),
                ));
            }
            if let Some(code) = o.get("code").and_then(Value::as_str) {
                let system = o.get("system").and_then(Value::as_str).map(normalise);
                let at = concept_place(path);
                let at = if input { place(&at) } else { at };
                let system = system.unwrap_or_default();
                out.insert((at, format!("{system}|{}", code.trim())));
            }
            // An amount: a quantity (with its unit) or money (with its currency), its
            // decimal text exactly.
            if let (Some(v), None) = (o.get("value").and_then(Value::as_str), o.get("precision")) {
                let unit = o.get("unit").or(o.get("currency")).and_then(Value::as_str);
                if let Some(unit) = unit {
                    let at = if input { place(path) } else { path.to_string() };
                    out.insert((at, format!("{v} {unit}")));
                }
            }
            if let (Some(p), Some(d)) = (
                o.get("precision").and_then(Value::as_str),
                o.get("value").and_then(Value::as_str),
            ) {
                let at = strip_time_part(path);
                let (at, date) = if input {
                    (place(&at), kept_date(path, d, p))
                } else {
                    (at, d.to_string())
                };
                out.insert((at, date));
            }
            for (k, child) in o {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                facts(child, &p, input, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| facts(c, path, input, out)),
        _ => {}
    }
}

/// A code's place without `.translations`: a concept's codes, first or not, belong to
/// the concept (a status is written with FHIR's code first and the source's after it).
fn concept_place(path: &str) -> String {
    path.strip_suffix(".translations")
        .unwrap_or(path)
        .to_string()
}

/// A time's place without its part of the interval (`period.low`, `period.value`): the
/// writer turns single points and periods into FHIR's choice of both, so a time is
/// compared by the element it belongs to.
fn strip_time_part(path: &str) -> String {
    for part in [".low", ".high", ".value", ".center"] {
        if let Some(p) = path.strip_suffix(part) {
            return p.to_string();
        }
    }
    path.to_string()
}

/// A relative's condition without a code of its own is a FamilyMemberHistory condition
/// whose code is the coded value and whose onset is the time: read back, the coded value
/// is the code and the time the value.
fn family_equivalent(record: &mut Value) {
    let Some(members) = record["family_history"].as_array_mut() else {
        return;
    };
    for o in members
        .iter_mut()
        .filter_map(|m| m["observations"].as_array_mut())
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        if o.contains_key("code") || o["value"]["kind"] != "coded" {
            continue;
        }
        if let Some(code) = o
            .get_mut("value")
            .and_then(|v| v.get_mut("coded"))
            .map(Value::take)
        {
            o.insert("code".into(), code);
        }
        match o.remove("time") {
            Some(time) => {
                o.insert(
                    "value".into(),
                    serde_json::json!({ "kind": "time", "time": time }),
                );
            }
            None => {
                o.remove("value");
            }
        }
    }
}

/// The facts of a record lost in a round trip.
fn lost(record: &HealthRecord) -> Vec<(String, String)> {
    let bundle = to_fhir(record);
    let again = parse(bundle.as_bytes()).expect("the Bundle reads");
    let mut input = serde_json::to_value(record).expect("JSON");
    family_equivalent(&mut input);
    let mut a = BTreeSet::new();
    facts(&input, "", true, &mut a);
    let mut b = BTreeSet::new();
    facts(
        &serde_json::to_value(&again).expect("JSON"),
        "",
        false,
        &mut b,
    );
    a.difference(&b).cloned().collect()
}

/// Runs on a thread of its own with room to spare: in a debug build the value trees of a
/// whole record nest deep enough to come close to a test thread's 2 MiB stack.
#[test]
fn any_record_keeps_every_code_date_and_amount_through_fhir() {
    let check = || {
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        });
        let result = runner.run(&arbitrary::record(), |record| {
            let lost = lost(&record);
            let json = serde_json::to_string(&record).expect("JSON");
            prop_assert!(lost.is_empty(), "lost: {lost:?}\nin: {json}");
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    };
    std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(check)
        .expect("spawn")
        .join()
        .expect("the property holds");
}

fn at(value: &str, precision: Precision) -> Option<PartialDateTime> {
    Some(PartialDateTime {
        value: Some(value.into()),
        precision: Some(precision),
        ..Default::default()
    })
}

fn snomed(code: &str) -> Option<Coded> {
    Some(Coded {
        code: Some(code.into()),
        system: Some("2.16.840.1.113883.6.96".into()),
        ..Default::default()
    })
}

fn with_gender(mut record: HealthRecord) -> HealthRecord {
    record.patient.gender = Some(Coded {
        code: Some("F".into()),
        system: Some("2.16.840.1.113883.5.1".into()),
        ..Default::default()
    });
    record
}

/// Regression: a fill from preparation to hand-over kept only its start.
#[test]
fn a_fill_keeps_both_ends_of_its_time() {
    let record = with_gender(HealthRecord {
        medications: vec![Medication {
            product: snomed("10"),
            dispenses: vec![Dispense {
                time: Some(Interval {
                    low: at("2020-01-02", Precision::Day),
                    high: at("2020-01-05", Precision::Day),
                    ..Default::default()
                }),
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
}

/// Regression: a claim-level amount with a reason lost the reason (a total has none).
#[test]
fn a_claim_amount_keeps_its_reason() {
    let record = with_gender(HealthRecord {
        claims: vec![Claim {
            totals: vec![ClaimAmount {
                category: snomed("1"),
                amount: Some(Money {
                    value: Some("10.00".into()),
                    currency: Some("USD".into()),
                }),
                reason: snomed("2"),
            }],
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
}

/// Regression: a vital sign with a category of its own was read back as a result.
#[test]
fn a_vital_sign_with_its_own_category_stays_a_vital_sign() {
    let record = with_gender(HealthRecord {
        vitals: vec![ObservationGroup {
            observations: vec![Observation {
                categories: vec![snomed("3").unwrap_or_default()],
                code: snomed("4"),
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
}

/// Regression: an order not to give a medication (`doNotPerform`) lost its reason.
#[test]
fn a_medication_not_to_give_keeps_its_reason() {
    let record = with_gender(HealthRecord {
        medications: vec![Medication {
            mood: Some("INT".into()),
            negated: true,
            negation_reason: snomed("5"),
            product: snomed("6"),
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
}

fn span(from: &str, to: &str) -> Option<Interval> {
    Some(Interval {
        low: at(from, Precision::Day),
        high: at(to, Precision::Day),
        ..Default::default()
    })
}

/// Regression: a CarePlan's author was written as a list (R4's is one Reference) and
/// not read back; a ServiceRequest's body sites were not read back.
#[test]
fn a_plan_keeps_its_author_and_a_planned_service_its_body_sites() {
    let author = Participant {
        name: Some(PersonName {
            family: Some("Lee".into()),
            ..Default::default()
        }),
        role: snomed("7"),
        ..Default::default()
    };
    let record = with_gender(HealthRecord {
        plan_of_care: vec![
            PlannedActivity {
                kind: Some("care-plan".into()),
                code: snomed("8"),
                authors: vec![author],
                ..Default::default()
            },
            PlannedActivity {
                mood: Some("RQO".into()),
                code: snomed("9"),
                body_sites: vec![snomed("10").unwrap_or_default()],
                ..Default::default()
            },
        ],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
}

/// Regression: a health concern's observations (its evidence) were read back as
/// results.
#[test]
fn a_concern_keeps_its_observations() {
    let record = with_gender(HealthRecord {
        health_concerns: vec![Concern {
            code: snomed("11"),
            observations: vec![Observation {
                code: snomed("12"),
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert!(again.results.is_empty());
}

/// Regression: a note written over a span was read back from its date (the start) only.
#[test]
fn a_note_keeps_both_ends_of_its_time() {
    let record = with_gender(HealthRecord {
        notes: vec![Note {
            text: Some("Seen.".into()),
            time: span("2021-03-01", "2021-03-04"),
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
}

/// An advance directive is written as a US Core ADI DocumentReference and read back as
/// an advance directive (not a note).
#[test]
fn an_advance_directive_stays_an_advance_directive() {
    let record = with_gender(HealthRecord {
        advance_directives: vec![AdvanceDirective {
            code: snomed("304251008"),
            period: span("2019-01-01", "2029-01-01"),
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert_eq!(again.advance_directives.len(), 1);
    assert!(again.notes.is_empty());
}

fn author(family: &str, time: Option<Interval>) -> Participant {
    Participant {
        name: Some(PersonName {
            family: Some(family.into()),
            ..Default::default()
        }),
        function: snomed("13"),
        time,
        ..Default::default()
    }
}

fn npi(value: &str) -> Identifier {
    Identifier {
        system: Some("2.16.840.1.113883.19.5".into()),
        value: Some(value.into()),
        ..Default::default()
    }
}

/// Each author of an entry is a Provenance naming the entry: every author comes back
/// with their function and time, and the first is also the resource's own recorder.
#[test]
fn an_entry_keeps_every_author_with_their_time() {
    let record = with_gender(HealthRecord {
        problems: vec![Problem {
            code: snomed("14"),
            authors: vec![
                author("Lee", span("2020-01-02", "2020-01-03")),
                author("Kim", Some(point("2020-02-03T04:05:06Z"))),
            ],
            ..Default::default()
        }],
        vitals: vec![ObservationGroup {
            observations: vec![Observation {
                code: snomed("15"),
                authors: vec![author("Roe", Some(point("2019")))],
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
    let bundle: Value = serde_json::from_str(&to_fhir(&record)).expect("JSON");
    let resources: Vec<&Value> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .collect();
    let provenances: Vec<_> = resources
        .iter()
        .filter(|r| r["resourceType"] == "Provenance")
        .collect();
    assert_eq!(provenances.len(), 3);
    assert_eq!(provenances[1]["recorded"], "2020-02-03T04:05:06Z");
    assert!(provenances[0]["_recorded"]["extension"].is_array());
    let condition = resources
        .iter()
        .find(|r| r["resourceType"] == "Condition")
        .expect("Condition");
    assert!(condition["recorder"]["reference"].is_string());
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert_eq!(again.problems[0].authors.len(), 2);
    assert_eq!(
        again.problems[0].authors[1].time,
        record.problems[0].authors[1].time
    );
    let code = |c: &Option<Coded>| c.as_ref().and_then(|c| c.code.clone());
    assert_eq!(
        code(&again.problems[0].authors[0].function),
        Some("13".into())
    );
    assert_eq!(again.vitals[0].observations[0].authors.len(), 1);
}

fn point(value: &str) -> Interval {
    let precision = match value.len() {
        4 => Precision::Year,
        10 => Precision::Day,
        _ => Precision::Second,
    };
    Interval {
        value: at(value, precision),
        ..Default::default()
    }
}

/// An entry's encounter is a Reference to the Encounter written for the record's
/// encounter with that identifier (and holds the identifier); an encounter the record
/// does not hold is its identifier alone. Both come back as the entry's encounter.
#[test]
fn an_entry_keeps_its_encounter() {
    let record = with_gender(HealthRecord {
        encounters: vec![Encounter {
            ids: vec![npi("E1")],
            code: snomed("16"),
            ..Default::default()
        }],
        problems: vec![
            Problem {
                code: snomed("17"),
                encounter_ids: vec![npi("E1")],
                ..Default::default()
            },
            Problem {
                code: snomed("18"),
                encounter_ids: vec![npi("E2")],
                ..Default::default()
            },
        ],
        ..Default::default()
    });
    let bundle: Value = serde_json::from_str(&to_fhir(&record)).expect("JSON");
    let entries = bundle["entry"].as_array().expect("entries");
    let encounter = entries
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Encounter")
        .expect("Encounter");
    let conditions: Vec<_> = entries
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "Condition")
        .map(|e| &e["resource"]["encounter"])
        .collect();
    assert_eq!(conditions[0]["reference"], encounter["fullUrl"]);
    assert_eq!(conditions[0]["identifier"]["value"], "E1");
    assert!(conditions[1].get("reference").is_none());
    assert_eq!(conditions[1]["identifier"]["value"], "E2");
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    let ids: Vec<_> = again.problems.iter().map(|p| &p.encounter_ids).collect();
    let values = |ids: &[Identifier]| ids.iter().map(|i| i.value.clone()).collect::<Vec<_>>();
    assert_eq!(values(ids[0]), [Some("E1".to_string())]);
    assert_eq!(values(ids[1]), [Some("E2".to_string())]);
}

fn order(when: Interval, quantity: &str) -> MedicationOrder {
    MedicationOrder {
        time: Some(when),
        quantity: Some(Quantity {
            value: Some(quantity.into()),
            unit: Some("mg".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Every supply order is written: a statement's as MedicationRequests it is `basedOn`,
/// a request's after the first (its dispense request) as MedicationRequests whose
/// `priorPrescription` is the request. Each comes back as an order of the same
/// medication, in order, and is no medication of its own.
#[test]
fn a_medication_keeps_every_supply_order() {
    let orders = [
        order(point("2020-01-01"), "10"),
        order(span("2020-02-01", "2020-03-01").unwrap_or_default(), "20"),
        order(point("2020-04-01"), "30"),
    ];
    let record = with_gender(HealthRecord {
        medications: vec![
            Medication {
                product: snomed("19"),
                order: orders.first().cloned(),
                orders: orders.iter().skip(1).cloned().collect(),
                ..Default::default()
            },
            Medication {
                mood: Some("INT".into()),
                product: snomed("20"),
                order: orders.first().cloned(),
                orders: orders.iter().skip(1).cloned().collect(),
                ..Default::default()
            },
            // An order with nothing but its supply orders: a request that is itself no
            // more than a supply order.
            Medication {
                mood: Some("RQO".into()),
                product: snomed("21"),
                order: orders.first().cloned(),
                orders: orders.iter().skip(1).cloned().collect(),
                ..Default::default()
            },
        ],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert_eq!(again.medications.len(), 3);
    for (m, before) in again.medications.iter().zip(&record.medications) {
        let time = |o: &MedicationOrder| o.time.clone();
        assert_eq!(
            m.order.as_ref().and_then(time),
            before.order.as_ref().and_then(time)
        );
        assert_eq!(
            m.orders.iter().map(time).collect::<Vec<_>>(),
            before.orders.iter().map(time).collect::<Vec<_>>()
        );
    }
}

/// The people, organizations and products the entries refer to are read into the
/// entries, and not also kept whole in `other`.
#[test]
fn a_bundle_read_back_keeps_nothing_twice() {
    let clinician = Participant {
        organization: Some(Organization {
            name: Some("Acme Clinic".into()),
            ..Default::default()
        }),
        ..author("Lee", None)
    };
    let record = with_gender(HealthRecord {
        medications: vec![Medication {
            product: snomed("21"),
            form: snomed("22"),
            authors: vec![clinician.clone()],
            ..Default::default()
        }],
        procedures: vec![Procedure {
            code: snomed("23"),
            performers: vec![clinician],
            ..Default::default()
        }],
        ..Default::default()
    });
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert!(again.other.is_empty(), "{:?}", again.other);
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    assert_eq!(
        again.procedures[0].performers[0].organization,
        record.procedures[0].performers[0].organization
    );
    let form = again.medications[0].form.as_ref();
    assert_eq!(form.and_then(|f| f.code.as_deref()), Some("22"));
}

/// A code FHIR binds to its own list is FHIR's code, with the source's own code in HL7's
/// `alternate-codes` extension on the `_element`; read back, the source's code returns.
/// Facts with no element are the project's extensions, all under one base URL.
#[test]
fn bound_codes_and_facts_without_an_element_come_back_from_extensions() {
    let record = with_gender(HealthRecord {
        allergies: vec![bluebutton_parse::model::Allergy {
            allergen: snomed("24"),
            kind: snomed("419511003"),
            severity: snomed("6736007"),
            ..Default::default()
        }],
        ..Default::default()
    });
    let bundle: Value = serde_json::from_str(&to_fhir(&record)).expect("JSON");
    let patient = &bundle["entry"][0]["resource"];
    assert_eq!(patient["gender"], "female");
    let alternate = &patient["_gender"]["extension"][0];
    assert_eq!(
        alternate["url"],
        "http://hl7.org/fhir/StructureDefinition/alternate-codes"
    );
    assert_eq!(alternate["valueCodeableConcept"]["coding"][0]["code"], "F");
    let allergy = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "AllergyIntolerance")
        .expect("AllergyIntolerance");
    let urls: Vec<&str> = allergy["extension"]
        .as_array()
        .expect("extensions")
        .iter()
        .filter_map(|e| e["url"].as_str())
        .collect();
    let base = "https://github.com/bluebutton-rs/bluebutton-rs/fhir/StructureDefinition/";
    assert_eq!(
        urls,
        [format!("{base}allergy-kind"), format!("{base}severity")]
    );
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert_eq!(
        again.patient.gender,
        record.patient.gender.map(|g| Coded {
            system: Some("http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender".into()),
            ..g
        })
    );
    assert_eq!(
        again.allergies[0]
            .kind
            .as_ref()
            .and_then(|k| k.code.as_deref()),
        Some("419511003")
    );
    assert_eq!(
        again.allergies[0]
            .severity
            .as_ref()
            .and_then(|k| k.code.as_deref()),
        Some("6736007")
    );
}

/// An entry's template ids and the codes its templates fix come back as they were, in
/// order (`source-template`); its position fields describe the Bundle.
#[test]
fn an_entry_keeps_its_template_ids_and_fixed_codes() {
    let fixed = |code: &str| Coding {
        code: Some(code.into()),
        system: Some("2.16.840.1.113883.5.6".into()),
        ..Default::default()
    };
    let source = Source {
        template_ids: vec![
            "2.16.840.1.113883.10.20.22.4.3:2015-08-01".into(),
            "2.16.840.1.113883.10.20.22.4.4".into(),
        ],
        codes: vec![fixed("CONC"), fixed("ASSERTION")],
        line: 12,
        ..Default::default()
    };
    let record = with_gender(HealthRecord {
        problems: vec![Problem {
            code: snomed("13"),
            source: source.clone(),
            ..Default::default()
        }],
        ..Default::default()
    });
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    let read = &again.problems.first().expect("the problem").source;
    assert_eq!(read.template_ids, source.template_ids);
    let codes: Vec<_> = read.codes.iter().map(|c| c.code.as_deref()).collect();
    assert_eq!(codes, [Some("CONC"), Some("ASSERTION")]);
    assert_eq!(read.section_code.as_deref(), Some("Condition"));
    assert_ne!(read.line, 12);
}

/// The resources of a Bundle written for `record`.
fn resources_of(record: &HealthRecord) -> Vec<Value> {
    let bundle: Value = serde_json::from_str(&to_fhir(record)).expect("JSON");
    bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["resource"].clone())
        .collect()
}

/// A coverage's covered party and subscriber are RelatedPersons (the covered party named
/// by the `beneficiary` extension: `beneficiary` names the Patient), read back into the
/// same fields and not kept whole as well.
#[test]
fn a_coverage_keeps_its_covered_party_and_subscriber() {
    // Codes and identifiers with the systems FHIR names them by, as they are read back.
    let person = |family: &str, relationship: &str| RelatedPerson {
        ids: vec![Identifier {
            system: Some("http://hl7.org/fhir/sid/us-npi".into()),
            value: Some(family.into()),
            ..Default::default()
        }],
        relationship: Some(Coded {
            code: Some(relationship.into()),
            system: Some("http://snomed.info/sct".into()),
            ..Default::default()
        }),
        name: Some(PersonName {
            family: Some(family.into()),
            given: vec!["Ann".into()],
            ..Default::default()
        }),
        gender: Some(Coded {
            code: Some("female".into()),
            system: Some("http://hl7.org/fhir/administrative-gender".into()),
            ..Default::default()
        }),
        birth_time: at("1970-01-02", Precision::Day),
        addresses: vec![Address {
            lines: vec!["1 Main St".into()],
            city: Some("Boston".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let record = with_gender(HealthRecord {
        payers: vec![Coverage {
            subscriber: Some(person("Roe", "25")),
            beneficiary: Some(person("Doe", "26")),
            ..Default::default()
        }],
        ..Default::default()
    });
    let resources = resources_of(&record);
    let coverage = resources
        .iter()
        .find(|r| r["resourceType"] == "Coverage")
        .expect("Coverage");
    let patient = &resources[0];
    assert_eq!(patient["resourceType"], "Patient");
    let named = |r: &Value| {
        let url = r["reference"].as_str().expect("a reference");
        resources
            .iter()
            .find(|x| url.ends_with(x["id"].as_str().unwrap_or("-")))
            .expect("resolves")
            .clone()
    };
    assert_eq!(named(&coverage["beneficiary"])["resourceType"], "Patient");
    assert_eq!(named(&coverage["subscriber"])["name"][0]["family"], "Roe");
    let covered = named(&coverage["extension"][0]["valueReference"]);
    assert_eq!(covered["resourceType"], "RelatedPerson");
    assert_eq!(covered["birthDate"], "1970-01-02");

    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert!(again.other.is_empty(), "{:?}", again.other);
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    // Read back, a person's kind is the resource type that held them.
    let unkind = |p: Option<&RelatedPerson>| p.cloned().map(|p| RelatedPerson { kind: None, ..p });
    let c = &again.coverage[0];
    assert_eq!(unkind(c.beneficiary.as_ref()), record.payers[0].beneficiary);
    assert_eq!(unkind(c.subscriber.as_ref()), record.payers[0].subscriber);
}

/// A result group without a code that holds more than its observation (its performers,
/// a procedure, several observations) is a DiagnosticReport whose code is data-absent:
/// read back, it is one group again, without a code.
#[test]
fn a_group_without_a_code_keeps_what_it_holds() {
    let record = with_gender(HealthRecord {
        results: vec![ObservationGroup {
            performers: vec![Participant {
                function: None,
                ..author("Lee", None)
            }],
            procedures: vec![Procedure {
                code: snomed("27"),
                ..Default::default()
            }],
            observations: vec![
                Observation {
                    code: snomed("28"),
                    ..Default::default()
                },
                Observation {
                    code: snomed("29"),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }],
        ..Default::default()
    });
    assert_eq!(lost(&record), []);
    let resources = resources_of(&record);
    let report = resources
        .iter()
        .find(|r| r["resourceType"] == "DiagnosticReport")
        .expect("DiagnosticReport");
    assert!(report["code"]["extension"].is_array(), "{report}");
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    assert_eq!(again.results.len(), 1);
    let g = &again.results[0];
    assert_eq!(g.code, None);
    assert_eq!((g.observations.len(), g.procedures.len()), (2, 1));
    assert_eq!(g.performers[0].name, record.results[0].performers[0].name);
    assert!(again.procedures.is_empty());
}

/// Each care-team member's provenance is the `source-template` extension on its own
/// `participant` element of the one CareTeam: read back, each member has its own.
#[test]
fn each_care_team_member_keeps_its_own_provenance() {
    let member = |family: &str, template: &str| CareTeamMember {
        team: Some("Blue team".into()),
        member: Some(author(family, None)),
        source: Source {
            template_ids: vec![template.into()],
            codes: vec![Coding {
                code: Some(template.into()),
                system: Some("2.16.840.1.113883.5.6".into()),
                ..Default::default()
            }],
            ..Default::default()
        },
        ..Default::default()
    };
    let record = with_gender(HealthRecord {
        care_team: vec![member("Lee", "1.2.3"), member("Kim", "4.5.6")],
        ..Default::default()
    });
    let teams: Vec<_> = resources_of(&record)
        .into_iter()
        .filter(|r| r["resourceType"] == "CareTeam")
        .collect();
    assert_eq!(teams.len(), 1);
    let again = parse(to_fhir(&record).as_bytes()).expect("reads");
    let kept: Vec<_> = again
        .care_team
        .iter()
        .map(|m| (&m.source.template_ids, m.source.codes.len()))
        .collect();
    assert_eq!(
        kept,
        [
            (&vec!["1.2.3".to_string()], 1),
            (&vec!["4.5.6".to_string()], 1)
        ]
    );
}
