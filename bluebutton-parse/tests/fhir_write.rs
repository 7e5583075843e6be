//! Writing records as FHIR R4 Bundles, over the shared corpus.
//!
//! - FHIR R4 files: read → `to_fhir` → read again keeps every code (system-normalised),
//!   every date and every amount (decimal text and unit) of the first record, walked
//!   from both records' JSON.
//! - Every other file (C-CDA, C32, VA and CMS text): the Bundle is valid JSON, every entry
//!   has a unique `urn:uuid:` `fullUrl` matching its resource's id, every reference in the
//!   Bundle resolves to an entry, every resource but the Patient, the people,
//!   organizations, places and medication products, and the Provenances (which target
//!   entries) refers to the Patient, and the FHIR reader reads the Bundle back without
//!   an unresolved link; read back, it keeps every code and date outside the fields not
//!   written (authors, their times and every supply order included).
//! - C-CDA and C32: the Composition's legal authenticator and documented service (codes,
//!   period, performers) are read back into the same header fields.

use bluebutton_parse::model::{HealthRecord, Participant, WarningCode};
use bluebutton_parse::{parse, to_fhir, to_fhir_pretty};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn corpus(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(folder)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("corpus folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
    out.sort();
}

/// A code system named as FHIR names it: the OIDs C-CDA uses for the systems FHIR has a
/// canonical URI for, with or without `urn:oid:`, as that URI; any other OID without
/// `urn:oid:`.
fn normalise(system: &str) -> String {
    let bare = system.strip_prefix("urn:oid:").unwrap_or(system);
    let uri = match bare {
        "2.16.840.1.113883.6.96" => "http://snomed.info/sct",
        "2.16.840.1.113883.6.1" => "http://loinc.org",
        "2.16.840.1.113883.6.88" => "http://www.nlm.nih.gov/research/umls/rxnorm",
        "2.16.840.1.113883.12.292" => "http://hl7.org/fhir/sid/cvx",
        "2.16.840.1.113883.6.90" => "http://hl7.org/fhir/sid/icd-10-cm",
        "2.16.840.1.113883.6.103" => "http://hl7.org/fhir/sid/icd-9-cm",
        "2.16.840.1.113883.6.12" => "http://www.ama-assn.org/go/cpt",
        "2.16.840.1.113883.6.69" => "http://hl7.org/fhir/sid/ndc",
        "2.16.840.1.113883.6.8" => "http://unitsofmeasure.org",
        "2.16.840.1.113883.6.101" => "http://nucc.org/provider-taxonomy",
        "2.16.840.1.113883.5.1" => "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender",
        "2.16.840.1.113883.5.4" => "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "2.16.840.1.113883.5.2" => "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus",
        "2.16.840.1.113883.5.111" => "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
        "2.16.840.1.113883.5.83" => {
            "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
        }
        _ => bare,
    };
    uri.to_string()
}

/// Record keys the Bundle deliberately leaves out (see the README): the document header
/// beyond its identifier and date, and warnings. (What the record kept whole, `other`, is
/// written as Basic resources and compared like every other list.)
const LEFT_OUT: &[&str] = &["format", "document", "warnings"];

/// Every (system, code) and every date of a record, walked from its JSON.
#[derive(Default)]
struct Facts {
    codes: BTreeSet<(String, String)>,
    /// Each date's value and whether FHIR can hold it as it is (a date, or a time with
    /// seconds and a zone).
    dates: BTreeSet<(String, bool)>,
    /// Every amount: a quantity's or money's decimal text with its unit or currency.
    amounts: BTreeSet<String>,
}

fn walk(v: &Value, path: &str, out: &mut Facts) {
    match v {
        Value::Object(o) => {
            if let (Some(code), system) = (o.get("code").and_then(Value::as_str), o.get("system")) {
                let system = system.and_then(Value::as_str).map(normalise);
                out.codes
                    .insert((system.unwrap_or_default(), code.trim().to_string()));
            }
            if let (Some(p), Some(d)) = (
                o.get("precision").and_then(Value::as_str),
                o.get("value").and_then(Value::as_str),
            ) {
                let zoned = d.ends_with('Z') || d.len() > 19 && d[19..].contains(['+', '-']);
                let fits = matches!(p, "year" | "month" | "day")
                    || matches!(p, "second" | "subsecond") && zoned;
                out.dates.insert((d.to_string(), fits));
            }
            if let (Some(v), None) = (o.get("value").and_then(Value::as_str), o.get("precision")) {
                let unit = o.get("unit").or(o.get("currency")).and_then(Value::as_str);
                if let Some(unit) = unit {
                    out.amounts.insert(format!("{v} {unit}"));
                }
            }
            // A labelled detail whose value the reader could not read (a `valueHumanName`,
            // `valueAnnotation`: kind `absent`) has nothing to write.
            if o.contains_key("name") && o.get("value").is_some_and(|v| v["kind"] == "absent") {
                return;
            }
            for (k, child) in o {
                if path.is_empty() && LEFT_OUT.contains(&k.as_str()) {
                    continue;
                }
                walk(child, k, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| walk(c, path, out)),
        _ => {}
    }
}

/// Keys whose values are people or organizations: a Bundle names them by a Reference,
/// which holds one identifier (the person's first, else their organization's first), so
/// only that identifier is compared.
const PARTIES: &[&str] = &[
    "care_team",
    "provider",
    "payee",
    "performers",
    "authors",
    "prescriber",
    "member",
];

/// Cuts every party's identifiers to the one its Reference holds.
fn first_ids_only(v: &mut Value, in_party: bool) {
    match v {
        Value::Object(o) => {
            if in_party {
                let own = o.get("ids").and_then(Value::as_array).map_or(0, Vec::len);
                if let Some(Value::Array(ids)) = o.get_mut("ids") {
                    ids.truncate(1);
                }
                if let Some(Value::Array(ids)) =
                    o.get_mut("organization").and_then(|org| org.get_mut("ids"))
                {
                    ids.truncate(usize::from(own == 0));
                }
            }
            for (k, child) in o.iter_mut() {
                first_ids_only(child, PARTIES.contains(&k.as_str()));
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|c| first_ids_only(c, in_party)),
        _ => {}
    }
}

fn facts(record: &HealthRecord) -> Facts {
    let mut out = Facts::default();
    let mut json = serde_json::to_value(record).expect("record JSON");
    first_ids_only(&mut json, false);
    walk(&json, "", &mut out);
    out
}

#[test]
fn fhir_files_keep_every_code_date_and_amount_through_a_round_trip() {
    let mut paths = Vec::new();
    files(&corpus("fhir"), &mut paths);
    let (mut read, mut codes, mut dates, mut amounts, mut attached) = (0, 0, 0, 0, 0);
    let mut lost: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in paths
        .iter()
        .filter(|p| !p.display().to_string().contains("stu3"))
    {
        let name = path.display().to_string();
        let first =
            parse(&std::fs::read(path).expect("read")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bundle = to_fhir(&first);
        let second = parse(bundle.as_bytes()).unwrap_or_else(|e| panic!("{name}: re-read: {e}"));
        if from_attached_document(&first) {
            // A C-CDA attached to a DocumentReference is read into the record: its
            // facts are C-CDA facts, checked as such by the test below.
            attached += 1;
            continue;
        }
        let (a, b) = (facts(&first), facts(&second));
        for c in a.codes.difference(&b.codes) {
            lost.entry(name.clone())
                .or_default()
                .push(format!("code {c:?}"));
        }
        for m in a.amounts.difference(&b.amounts) {
            lost.entry(name.clone())
                .or_default()
                .push(format!("amount {m}"));
        }
        // The one deliberate exception: FHIR has no hour or minute precision and wants a
        // zone with a time, so such a time is written (and read back) as its date.
        let second: BTreeSet<&str> = b.dates.iter().map(|(d, _)| d.as_str()).collect();
        for (d, fits) in &a.dates {
            let kept = if *fits { d.as_str() } else { &d[..10] };
            if !second.contains(kept) {
                lost.entry(name.clone())
                    .or_default()
                    .push(format!("date {d}"));
            }
        }
        codes += a.codes.len();
        amounts += a.amounts.len();
        dates += a.dates.len();
        read += 1;
    }
    eprintln!("{read} files: {codes} codes, {dates} dates and {amounts} amounts compared; {attached} with attached documents");
    assert!(
        read > 150 && attached >= 1,
        "{read} read, {attached} with attached documents"
    );
    assert!(
        codes > 2000 && dates > 900 && amounts > 100,
        "{codes} codes, {dates} dates, {amounts} amounts"
    );
    assert!(lost.is_empty(), "lost in the round trip: {lost:#?}");
}

/// Whether any entry of the record was read from a document attached to a resource (its
/// source path runs through an `attachment`).
fn from_attached_document(record: &HealthRecord) -> bool {
    fn walk(v: &Value) -> bool {
        match v {
            Value::Object(o) => {
                let path = o.get("source").and_then(|s| s["path"].as_str());
                path.is_some_and(|p| p.contains("attachment")) || o.values().any(walk)
            }
            Value::Array(a) => a.iter().any(walk),
            _ => false,
        }
    }
    walk(&serde_json::to_value(record).expect("record JSON"))
}

/// The structural checks every Bundle passes; returns its number of entries.
fn check_bundle(name: &str, text: &str) -> usize {
    let bundle: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(bundle["resourceType"], "Bundle", "{name}");
    assert_eq!(bundle["type"], "collection", "{name}");
    let entries = bundle["entry"].as_array().expect("entries");
    let mut urls = BTreeSet::new();
    for e in entries {
        let url = e["fullUrl"].as_str().expect("fullUrl");
        let id = e["resource"]["id"].as_str().expect("id");
        assert_eq!(url.strip_prefix("urn:uuid:"), Some(id), "{name}");
        assert!(urls.insert(url.to_string()), "{name}: duplicate {url}");
    }
    let patient = entries[0]["fullUrl"].as_str().expect("patient");
    assert_eq!(entries[0]["resource"]["resourceType"], "Patient", "{name}");
    for e in entries.iter().skip(1) {
        let r = &e["resource"];
        let to_patient = ["subject", "patient", "beneficiary"]
            .iter()
            .any(|k| r[k]["reference"] == patient);
        // The people, organizations, places and products the entries name are no
        // patient's; a Provenance is about the entries it targets.
        let party = SHARED_RESOURCES.contains(&r["resourceType"].as_str().unwrap_or_default());
        let provenance = r["resourceType"] == "Provenance"
            && r["target"].as_array().is_some_and(|t| !t.is_empty());
        assert!(
            to_patient || party || provenance,
            "{name}: {} has no patient",
            r["resourceType"]
        );
        let mut refs = Vec::new();
        references(r, &mut refs);
        for reference in refs {
            assert!(urls.contains(&reference), "{name}: unresolved {reference}");
        }
    }
    entries.len()
}

/// The resources written for the people, organizations, places and medication products
/// entries refer to.
const SHARED_RESOURCES: &[&str] = &[
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Location",
    "Medication",
];

fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(r) = o.get("reference").and_then(Value::as_str) {
                out.push(r.to_string());
            }
            o.values().for_each(|c| references(c, out));
        }
        Value::Array(a) => a.iter().for_each(|c| references(c, out)),
        _ => {}
    }
}

#[test]
fn every_other_format_writes_a_bundle_whose_references_resolve() {
    let mut paths = Vec::new();
    for folder in ["ccda", "c32", "va-text", "cms-text"] {
        files(&corpus(folder), &mut paths);
    }
    let (mut written, mut entries) = (0, 0);
    for path in &paths {
        let name = path.display().to_string();
        let Ok(record) = parse(&std::fs::read(path).expect("read")) else {
            continue;
        };
        let text = to_fhir(&record);
        entries += check_bundle(&name, &text);
        let pretty = to_fhir_pretty(&record);
        let same: Value = serde_json::from_str(&pretty).expect("pretty JSON");
        assert_eq!(
            same,
            serde_json::from_str::<Value>(&text).expect("JSON"),
            "{name}"
        );
        let again = parse(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: re-read: {e}"));
        let unresolved: Vec<_> = again
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::UnresolvedLink)
            .map(|w| w.message.clone())
            .collect();
        assert!(unresolved.is_empty(), "{name}: {unresolved:?}");
        written += 1;
    }
    assert!(written > 290, "{written}");
    assert!(entries > 10_000, "{entries}");
}

/// Where each (system, code) and date of a record sits: the field path with list
/// positions left out (`allergies.reactions.severity`). Planned procedures and
/// immunizations (a mood other than an event) are not events in FHIR and are left out, as
/// are negated advance directives.
fn located(v: &Value, path: &str, out: &mut BTreeSet<(String, String)>) {
    match v {
        Value::Object(o) => {
            if let Some(code) = o.get("code").and_then(Value::as_str) {
                let system = o.get("system").and_then(Value::as_str).map(normalise);
                let fact = format!("{}|{}", system.unwrap_or_default(), code.trim());
                out.insert((path.to_string(), fact));
            }
            if let (Some(_), Some(d)) = (o.get("precision"), o.get("value").and_then(Value::as_str))
            {
                // Compared at day precision (see the FHIR round trip's exception); a date
                // that is no calendar date (June 31st) has no FHIR form and is not written.
                let day = d.get(..10).unwrap_or(d);
                if is_calendar_date(day) {
                    out.insert((path.to_string(), day.to_string()));
                }
            }
            for (k, child) in o {
                if path.is_empty() && LEFT_OUT.contains(&k.as_str()) {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                located(child, &p, out);
            }
        }
        Value::Array(a) => {
            // A negated advance directive (the patient has none) is no document.
            let planned = |c: &Value| {
                matches!(path, "procedures" | "immunizations")
                    && c["mood"].as_str().is_some_and(|m| m != "EVN")
                    || path == "advance_directives" && c["negated"] == true
            };
            a.iter()
                .filter(|c| !planned(c))
                .for_each(|c| located(c, path, out));
        }
        _ => {}
    }
}

/// Whether `YYYY`, `YYYY-MM` or `YYYY-MM-DD` names a real year, month or day.
fn is_calendar_date(d: &str) -> bool {
    let n = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<u32>().ok());
    let (Some(year), month, day) = (n(0..4), n(5..7), n(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        Some(2) if leap => 29,
        Some(2) => 28,
        Some(4 | 6 | 9 | 11) => 30,
        _ => 31,
    };
    month.is_none_or(|m| (1..=12).contains(&m)) && day.is_none_or(|x| (1..=days).contains(&x))
}

/// The Bundle of every other format, read back, keeps every code and date (at day
/// precision) of the record. (An entry's provenance, `source`, is its `source-template`
/// extension: its codes are compared like any other; its positions and section name
/// describe the input and hold no code or date.)
#[test]
fn other_formats_keep_every_code_and_date_that_has_a_fhir_home() {
    let mut paths = Vec::new();
    for folder in ["ccda", "c32", "va-text", "cms-text"] {
        files(&corpus(folder), &mut paths);
    }
    let (mut compared, mut placed) = (0, 0);
    let mut unexpected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &paths {
        let Ok(first) = parse(&std::fs::read(path).expect("read")) else {
            continue;
        };
        let second = parse(to_fhir(&first).as_bytes()).expect("re-read");
        let mut a = BTreeSet::new();
        located(&serde_json::to_value(&first).expect("JSON"), "", &mut a);
        let mut b = BTreeSet::new();
        located(&serde_json::to_value(&second).expect("JSON"), "", &mut b);
        let kept: BTreeSet<&String> = b.iter().map(|(_, v)| v).collect();
        for (p, v) in &a {
            compared += 1;
            // An author's codes and time and a supply order's are kept at their own place
            // (an encounter diagnosis is read back as a problem).
            let own_place = p.contains("authors") || p.starts_with("medications.order");
            if own_place {
                let at = p
                    .strip_prefix("encounters.diagnoses.")
                    .map_or(p.clone(), |rest| format!("problems.{rest}"));
                placed += 1;
                if !b.contains(&(at, v.clone())) {
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    unexpected
                        .entry(p.clone())
                        .or_default()
                        .insert(format!("{name}: {v} (not at its place)"));
                }
                continue;
            }
            if !kept.contains(v) {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                unexpected
                    .entry(p.clone())
                    .or_default()
                    .insert(format!("{name}: {v}"));
            }
        }
    }
    eprintln!("{compared} facts compared ({placed} of authors and supply orders at their place)");
    assert!(compared > 25_000, "{compared}");
    assert!(placed > 800, "{placed}");
    assert!(unexpected.is_empty(), "lost: {unexpected:#?}");
}

/// Whether a party is named: by a person's given or family name, or by an identifier
/// value (a party known by null flavors only is not written).
fn is_named(p: &Participant) -> bool {
    p.name
        .as_ref()
        .is_some_and(|n| n.family.is_some() || !n.given.is_empty())
        || p.ids.iter().any(|i| i.value.is_some())
}

/// The header parties and service the Composition holds: the named legal authenticator
/// (with the time it signed) and the documented service's codes, period and named
/// performers.
fn header_parties(record: &HealthRecord) -> Value {
    let d = &record.document;
    let performers: Vec<&Participant> = d
        .service_performers
        .iter()
        .filter(|p| is_named(p))
        .collect();
    serde_json::json!({
        "legal_authenticator": d.legal_authenticator.as_ref().filter(|p| is_named(p)),
        "service_codes": d.service_codes,
        "service_period": d.service_period,
        "service_performers": performers,
    })
}

/// The given and family names of a record's header parties, in order.
fn header_names(record: &HealthRecord) -> Vec<(Vec<String>, Option<String>)> {
    let d = &record.document;
    d.legal_authenticator
        .iter()
        .chain(&d.service_performers)
        .filter_map(|p| p.name.as_ref())
        .filter(|n| n.family.is_some() || !n.given.is_empty())
        .map(|n| (n.given.clone(), n.family.clone()))
        .collect()
}

/// What the Composition has no place for: a performer's function and time
/// (`event.detail` is a bare Reference) and the legal authenticator's function.
const NOT_IN_COMPOSITION: &[&str] = &[
    "service_performers.function",
    "service_performers.time",
    "legal_authenticator.function",
];

/// A C-CDA or C32 document's named legal authenticator and documented service come back
/// from its Bundle's Composition into their fields, with every code and date written for
/// them (a point in time without a zone is written as the day, as start and end) and
/// every person's given and family names.
#[test]
fn the_legal_authenticator_and_documented_service_come_back_in_their_fields() {
    let mut paths = Vec::new();
    for folder in ["ccda", "c32"] {
        files(&corpus(folder), &mut paths);
    }
    let (mut compared, mut names) = (0, 0);
    let mut unexpected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &paths {
        let Ok(first) = parse(&std::fs::read(path).expect("read")) else {
            continue;
        };
        let second = parse(to_fhir(&first).as_bytes()).expect("re-read");
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let (mut a, mut b) = (BTreeSet::new(), BTreeSet::new());
        located(&header_parties(&first), "", &mut a);
        located(&header_parties(&second), "", &mut b);
        // Each fact's field: the first part of its path.
        let field = |p: &str| p.split('.').next().unwrap_or_default().to_string();
        let b: BTreeSet<(String, String)> = b.into_iter().map(|(p, v)| (field(&p), v)).collect();
        for (p, v) in &a {
            if NOT_IN_COMPOSITION.iter().any(|n| p.starts_with(n)) {
                continue;
            }
            compared += 1;
            if !b.contains(&(field(p), v.clone())) {
                unexpected
                    .entry(p.clone())
                    .or_default()
                    .insert(format!("{name}: {v}"));
            }
        }
        let before = header_names(&first);
        names += before.len();
        if before != header_names(&second) {
            unexpected
                .entry("names".into())
                .or_default()
                .insert(name.to_string());
        }
    }
    eprintln!("{compared} codes and dates and {names} names of header parties compared");
    assert!(compared > 500 && names > 200, "{compared}, {names}");
    assert!(unexpected.is_empty(), "lost: {unexpected:#?}");
}
