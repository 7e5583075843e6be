//! Writing records as FHIR R4 Bundles, over the shared corpus.
//!
//! - FHIR R4 files (the corpus, and with `--ignored` the R4 examples): read → `to_fhir` →
//!   read again keeps every code (system-normalised),
//!   every date and every amount (decimal text and unit) of the first record, walked
//!   from both records' JSON.
//! - Every other file (C-CDA, C32, VA and CMS text): the Bundle is valid JSON, every entry
//!   has a unique `urn:uuid:` `fullUrl` matching its resource's id, every reference in the
//!   Bundle resolves to an entry, every resource but the Patient, the people,
//!   organizations, places and medication products, and the Provenances (which target
//!   entries) refers to the Patient, and the FHIR reader reads the Bundle back without
//!   an unresolved link; read back, it keeps every code and date outside the fields not
//!   written (authors, their times and every supply order included).
//! - C-CDA, C32, VA and CMS text: the document header (the Composition) is read back
//!   into the same fields, every code, date, name and identifier at its field path; a
//!   header with every field set comes back whole.

use bluebutton_parse::model::{
    Address, Attachment, Coded, Document, Encounter, FormatKind, HealthRecord, Identifier,
    Interval, Organization, PartialDateTime, Participant, PersonName, Precision, SourceFormat,
    Telecom, WarningCode,
};
use bluebutton_parse::{parse, to_fhir, to_fhir_pretty};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod corpus_files;

use corpus_files::all_files as files;

fn corpus(folder: &str) -> PathBuf {
    corpus_files::corpus_dir().join(folder)
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

/// Record keys the Bundle deliberately leaves out (see the README): the source format
/// (the record read back is FHIR's) and warnings. (The document header is the
/// Composition, and what the record kept whole, `other`, is written as Basic resources:
/// both are compared like every other list.)
const LEFT_OUT: &[&str] = &["format", "warnings"];

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

/// What a FHIR file's record compared with the record of its Bundle read again.
#[derive(Default)]
struct RoundTrip {
    files: usize,
    attached: usize,
    codes: usize,
    dates: usize,
    amounts: usize,
    lost: BTreeMap<String, Vec<String>>,
}

impl RoundTrip {
    /// Reads a FHIR file, writes its record as a Bundle, reads that, and notes every code,
    /// date and amount of the first record the second lacks.
    fn check(&mut self, name: &str, bytes: &[u8]) {
        let first = parse(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bundle = to_fhir(&first);
        let second = parse(bundle.as_bytes()).unwrap_or_else(|e| panic!("{name}: re-read: {e}"));
        if from_attached_document(&first) {
            // A C-CDA attached to a DocumentReference is read into the record: its
            // facts are C-CDA facts, checked as such by the test below.
            self.attached += 1;
            return;
        }
        let (a, b) = (facts(&first), facts(&second));
        let mut lost = Vec::new();
        lost.extend(a.codes.difference(&b.codes).map(|c| format!("code {c:?}")));
        lost.extend(
            a.amounts
                .difference(&b.amounts)
                .map(|m| format!("amount {m}")),
        );
        // The one deliberate exception: FHIR has no hour or minute precision and wants a
        // zone with a time, so such a time is written (and read back) as its date.
        let second: BTreeSet<&str> = b.dates.iter().map(|(d, _)| d.as_str()).collect();
        for (d, fits) in &a.dates {
            let kept = if *fits { d.as_str() } else { &d[..10] };
            if !second.contains(kept) {
                lost.push(format!("date {d}"));
            }
        }
        if !lost.is_empty() {
            self.lost.insert(name.to_string(), lost);
        }
        self.codes += a.codes.len();
        self.amounts += a.amounts.len();
        self.dates += a.dates.len();
        self.files += 1;
    }
}

#[test]
fn fhir_files_keep_every_code_date_and_amount_through_a_round_trip() {
    let mut paths = Vec::new();
    files(&corpus("fhir"), &mut paths);
    let mut seen = RoundTrip::default();
    for path in paths
        .iter()
        .filter(|p| !p.display().to_string().contains("stu3"))
    {
        seen.check(
            &path.display().to_string(),
            &std::fs::read(path).expect("read"),
        );
    }
    let RoundTrip {
        files: read,
        attached,
        codes,
        dates,
        amounts,
        lost,
    } = seen;
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

/// The same round trip over files never seen: every example of the FHIR R4 specification
/// (the folder `BLUEBUTTON_FHIR_EXAMPLES` names; `scripts/test-all.sh` fetches the npm
/// package `hl7.fhir.r4.examples`), but the ones that are no health record (the
/// package's `package.json`).
#[test]
#[ignore = "needs BLUEBUTTON_FHIR_EXAMPLES: scripts/test-all.sh runs it"]
fn unseen_fhir_examples_keep_every_code_date_and_amount_through_a_round_trip() {
    let dir = std::env::var("BLUEBUTTON_FHIR_EXAMPLES").expect("BLUEBUTTON_FHIR_EXAMPLES");
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    let mut seen = RoundTrip::default();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let bytes = std::fs::read(path).expect("read");
        if parse(&bytes).is_ok() {
            seen.check(&path.display().to_string(), &bytes);
        }
    }
    eprintln!(
        "{} files: {} codes, {} dates and {} amounts compared",
        seen.files, seen.codes, seen.dates, seen.amounts
    );
    assert!(seen.files > 5000, "{}", seen.files);
    assert!(seen.codes > 1000 && seen.dates > 300 && seen.amounts > 300);
    assert!(
        seen.lost.is_empty(),
        "lost in the round trip: {:#?}",
        seen.lost
    );
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
            // `#id`: a resource the entry contains.
            let contained = reference.strip_prefix('#').is_some_and(|id| {
                r["contained"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|x| x["id"] == id))
            });
            assert!(
                contained || urls.contains(&reference),
                "{name}: unresolved {reference}"
            );
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

/// Every name (given and family) and identifier (system and value) in a header, with the
/// field path it is at (list positions left out).
fn names_and_ids(v: &Value, path: &str, out: &mut BTreeSet<(String, String)>) {
    match v {
        Value::Object(o) => {
            if path.ends_with("name") && (o.contains_key("family") || o.contains_key("given")) {
                out.insert((
                    path.to_string(),
                    format!("name {:?} {:?}", o.get("given"), o.get("family")),
                ));
            }
            if path.ends_with("ids") || path.ends_with("set_id") {
                if let Some(value) = o.get("value").and_then(Value::as_str) {
                    // A UUID namespace is written as a `urn:uuid:` URI, in lower case.
                    let system = o.get("system").and_then(Value::as_str).map(|s| {
                        let s = normalise(s);
                        s.strip_prefix("urn:uuid:")
                            .unwrap_or(&s)
                            .to_ascii_lowercase()
                    });
                    let fact = format!("id {}|{value}", system.unwrap_or_default());
                    out.insert((path.to_string(), fact));
                }
            }
            for (k, child) in o {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                names_and_ids(child, &p, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| names_and_ids(c, path, out)),
        _ => {}
    }
}

/// Every code, date (at day precision), name and identifier of a record's document
/// header, with the field path it is at.
fn header_facts(record: &HealthRecord) -> BTreeSet<(String, String)> {
    let header = serde_json::to_value(&record.document).expect("JSON");
    let mut dated = BTreeSet::new();
    located(&header, "", &mut dated);
    // A time is compared by the element it belongs to: a point is written as a Period
    // from it to it, read back as both ends.
    let mut facts: BTreeSet<(String, String)> = dated
        .into_iter()
        .map(|(p, v)| {
            let at = [".low", ".high", ".value", ".center"]
                .iter()
                .find_map(|part| p.strip_suffix(part))
                .map_or(p.clone(), str::to_string);
            (at, v)
        })
        .collect();
    names_and_ids(&header, "", &mut facts);
    facts
}

/// A document's header (C-CDA, C32, VA and CMS text) comes back from its Bundle's
/// Composition into the same fields: every code and date (a point in time without a
/// zone is written as the day) and every name and identifier, each at its field path
/// (the document ids, the set id and version, the type, confidentiality, every party with
/// its role, function and time, the documented service, purposes, the encounter).
#[test]
fn the_document_header_comes_back_in_its_fields() {
    let mut paths = Vec::new();
    for folder in ["ccda", "c32", "va-text", "cms-text"] {
        files(&corpus(folder), &mut paths);
    }
    let (mut compared, mut versions) = (0, 0);
    let mut unexpected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &paths {
        let Ok(first) = parse(&std::fs::read(path).expect("read")) else {
            continue;
        };
        let second = parse(to_fhir(&first).as_bytes()).expect("re-read");
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let after = header_facts(&second);
        for (p, v) in header_facts(&first) {
            compared += 1;
            if !after.contains(&(p.clone(), v.clone())) {
                unexpected
                    .entry(p)
                    .or_default()
                    .insert(format!("{name}: {v}"));
            }
        }
        let (d, again) = (&first.document, &second.document);
        versions += usize::from(d.version_number.is_some());
        let same = d.version_number == again.version_number
            && d.language == again.language
            && d.title == again.title
            && d.body == again.body;
        if !same {
            unexpected
                .entry("version, language, title or body".into())
                .or_default()
                .insert(name.to_string());
        }
    }
    eprintln!("{compared} codes, dates, names and ids of document headers compared");
    assert!(compared > 5000 && versions > 50, "{compared}, {versions}");
    assert!(unexpected.is_empty(), "lost: {unexpected:#?}");
}

/// A party with every field the Bundle holds for it: identifier, name, role, function,
/// organization, address, telecom and time.
fn full_party(family: &str, time: Interval) -> Participant {
    Participant {
        ids: vec![Identifier {
            system: Some("http://hl7.org/fhir/sid/us-npi".into()),
            value: Some(format!("npi-{family}")),
            ..Default::default()
        }],
        name: Some(PersonName {
            given: vec!["Ann".into()],
            family: Some(family.into()),
            ..Default::default()
        }),
        role: Some(code("http://nucc.org/provider-taxonomy", "207Q00000X")),
        function: Some(code(
            "http://terminology.hl7.org/CodeSystem/v3-ParticipationFunction",
            "PCP",
        )),
        organization: Some(Organization {
            name: Some(format!("{family} Clinic")),
            ..Default::default()
        }),
        addresses: vec![Address {
            lines: vec!["1 Main St".into()],
            city: Some("Portland".into()),
            ..Default::default()
        }],
        telecoms: vec![Telecom {
            system: Some("phone".into()),
            value: Some("tel:+1-555-0100".into()),
            usage: Some("work".into()),
            ..Default::default()
        }],
        time: Some(time),
        ..Default::default()
    }
}

fn code(system: &str, code: &str) -> Coded {
    Coded {
        code: Some(code.into()),
        system: Some(system.into()),
        ..Default::default()
    }
}

fn day(value: &str) -> Option<PartialDateTime> {
    Some(PartialDateTime {
        value: Some(value.into()),
        precision: Some(Precision::Day),
        ..Default::default()
    })
}

fn point(value: &str) -> Interval {
    Interval {
        value: day(value),
        ..Default::default()
    }
}

fn span(low: &str, high: &str) -> Interval {
    Interval {
        low: day(low),
        high: day(high),
        ..Default::default()
    }
}

/// A header with every field set (in FHIR's own forms: system URIs, a point in time a
/// legal authenticator signed at, spans for the other parties) comes back from the
/// Bundle whole: every field equal, the encounter's provenance aside (it describes where
/// it was read from).
#[test]
fn a_header_with_every_field_set_comes_back_whole() {
    let id = |value: &str| Identifier {
        system: Some("urn:ietf:rfc:3986".into()),
        value: Some(format!("urn:uuid:{value}")),
        ..Default::default()
    };
    let document = Document {
        ids: vec![
            id("0c7f9a2e-0000-4000-8000-000000000001"),
            id("0c7f9a2e-0000-4000-8000-000000000002"),
        ],
        set_id: Some(id("0c7f9a2e-0000-4000-8000-000000000003")),
        version_number: Some(3),
        code: Some(code("http://loinc.org", "34133-9")),
        title: Some("Summary".into()),
        created: Some(PartialDateTime {
            value: Some("2021-04-05T10:20:30Z".into()),
            precision: Some(Precision::Second),
            ..Default::default()
        }),
        confidentiality: Some(code("urn:oid:2.16.840.1.113883.5.25", "N")),
        language: Some("en-US".into()),
        authors: vec![full_party("Author", point("2021-04-05"))],
        custodian: Some(Organization {
            name: Some("Keeper".into()),
            ..Default::default()
        }),
        legal_authenticator: Some(full_party("Legal", point("2021-04-06"))),
        authenticators: vec![
            full_party("Other", span("2021-04-06", "2021-04-07")),
            // Known only by when it signed (a null flavor).
            Participant {
                time: Some(point("2021-04-08")),
                ..Default::default()
            },
        ],
        informants: vec![full_party("Informant", span("2021-03-01", "2021-03-02"))],
        recipients: vec![full_party("Recipient", point("2021-04-09"))],
        participants: vec![full_party("Participant", span("2021-01-01", "2021-02-01"))],
        service_period: Some(span("2021-03-01", "2021-04-01")),
        service_codes: vec![code("http://snomed.info/sct", "308335008")],
        service_performers: vec![full_party("Performer", span("2021-03-02", "2021-03-03"))],
        purposes: vec![code("http://snomed.info/sct", "308292007")],
        encounter: Some(Encounter {
            ids: vec![id("0c7f9a2e-0000-4000-8000-000000000004")],
            status: Some("finished".into()),
            code: Some(code("http://snomed.info/sct", "185349003")),
            period: Some(span("2021-03-01", "2021-03-05")),
            performers: vec![full_party("Attending", span("2021-03-01", "2021-03-05"))],
            ..Default::default()
        }),
        body: Some(Attachment {
            media_type: Some("text/plain".into()),
            data: Some("The whole document.".into()),
            ..Default::default()
        }),
    };
    let record = HealthRecord {
        format: SourceFormat {
            kind: FormatKind::Ccda,
            ..Default::default()
        },
        document,
        ..Default::default()
    };
    let again = parse(to_fhir(&record).as_bytes()).expect("the Bundle reads");
    let mut header = again.document;
    if let Some(e) = header.encounter.as_mut() {
        e.source = Default::default();
    }
    assert_eq!(header, record.document);
    assert!(again.encounters.is_empty(), "{:?}", again.encounters);
}
