//! Many FHIR inputs into one record per patient (`FhirPatients`, `parse_fhir_folder`):
//! the corpus bulk-data export, routed and counted independently from its NDJSON lines; a
//! folder of Synthea Bundles against reading each Bundle alone; reference forms; a large
//! NDJSON stream read through a `BufRead`; errors naming the file and line.

use bluebutton_parse::model::{FormatKind, HealthRecord, Source, WarningCode};
use bluebutton_parse::{parse, parse_fhir_folder, ErrorKind, FhirFilesError, FhirPatients};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

fn corpus(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/fhir")
        .join(folder)
}

/// The patient id a resource's `patient`, `subject` or `beneficiary` names as
/// `Patient/<id>`.
fn patient_ref(resource: &Value) -> Option<String> {
    ["patient", "subject", "beneficiary"].iter().find_map(|m| {
        let r = resource[m]["reference"].as_str()?;
        r.strip_prefix("Patient/").map(str::to_string)
    })
}

/// Every entry of a record's lists that the bulk files feed, with its list's name.
fn entries(record: &HealthRecord) -> Vec<(&'static str, &Source)> {
    let mut out: Vec<(&'static str, &Source)> = Vec::new();
    out.extend(record.allergies.iter().map(|e| ("allergies", &e.source)));
    out.extend(record.problems.iter().map(|e| ("problems", &e.source)));
    out.extend(
        record
            .health_concerns
            .iter()
            .map(|e| ("health_concerns", &e.source)),
    );
    out.extend(
        record
            .immunizations
            .iter()
            .map(|e| ("immunizations", &e.source)),
    );
    out.extend(record.other.iter().map(|e| ("other", &e.source)));
    out
}

#[test]
fn bulk_export_gives_every_resource_to_its_patient() {
    let dir = corpus("bulk-ndjson-10-patients");
    // Independently: which patient each (file, line) names, and the Patients by id.
    let mut owner: BTreeMap<(String, u32), Option<String>> = BTreeMap::new();
    let mut expected: BTreeMap<Option<String>, usize> = BTreeMap::new();
    let mut families: BTreeMap<String, String> = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut total = 0;
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).expect("read");
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line).expect("line");
            total += 1;
            if v["resourceType"] == "Patient" {
                let id = v["id"].as_str().unwrap().to_string();
                let family = v["name"][0]["family"].as_str().unwrap().to_string();
                families.insert(id, family);
                continue;
            }
            let patient = patient_ref(&v);
            *expected.entry(patient.clone()).or_default() += 1;
            owner.insert((name.clone(), i as u32 + 1), patient);
        }
    }
    let records = parse_fhir_folder(&dir).expect("bulk folder");
    // One record per Patient, and one for the resources of no patient (Organization and
    // Practitioner here: nothing in this export refers to them).
    assert_eq!(records.len(), families.len() + 1);
    let mut seen_patients = BTreeSet::new();
    let mut reached = 0;
    for record in &records {
        assert_eq!(record.format.kind, FormatKind::FhirNdjson);
        assert_eq!(record.format.version.as_deref(), Some("R4"));
        let list = entries(record);
        let owners: BTreeSet<&Option<String>> = list
            .iter()
            .map(|(_, s)| {
                let key = (s.file.clone().expect("file"), s.line);
                owner.get(&key).expect("an entry from a known line")
            })
            .collect();
        assert_eq!(owners.len(), 1, "one patient's entries per record");
        let patient = (*owners.iter().next().unwrap()).clone();
        assert_eq!(list.len(), expected[&patient], "{patient:?}");
        reached += list.len();
        match &patient {
            Some(id) => {
                let name = record.patient.name.as_ref().expect("patient name");
                assert_eq!(name.family.as_ref(), Some(&families[id]));
                assert!(seen_patients.insert(id.clone()));
                assert!(record.other.is_empty());
            }
            None => {
                assert_eq!(record.patient, Default::default());
                let kinds: BTreeSet<_> = record
                    .other
                    .iter()
                    .filter_map(|o| o.kind.as_deref())
                    .collect();
                assert_eq!(kinds, BTreeSet::from(["Organization", "Practitioner"]));
                assert!(record
                    .warnings
                    .iter()
                    .any(|w| w.code == WarningCode::MissingElement
                        && w.message.starts_with("this record has no patient")));
            }
        }
    }
    assert_eq!(seen_patients.len(), families.len());
    assert_eq!(
        reached + families.len(),
        total,
        "every resource reached a record"
    );
}

/// Lists whose entries must be the same whether a Bundle is read alone or in a folder.
fn lists(record: &HealthRecord) -> Value {
    let mut v = serde_json::to_value(record).unwrap();
    clear_files(&mut v);
    let keep = [
        "patient",
        "allergies",
        "problems",
        "medications",
        "results",
        "vitals",
        "immunizations",
        "procedures",
        "encounters",
        "claims",
        "social_history",
    ];
    Value::Object(keep.iter().map(|k| (k.to_string(), v[k].take())).collect())
}

fn clear_files(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove("file");
            o.values_mut().for_each(clear_files);
        }
        Value::Array(items) => items.iter_mut().for_each(clear_files),
        _ => {}
    }
}

#[test]
fn folder_of_bundles_reads_each_patient_as_its_bundle_alone() {
    let dir = corpus("synthea");
    let records = parse_fhir_folder(&dir).expect("synthea folder");
    let mut bundles: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    bundles.sort();
    let mut compared = 0;
    for path in &bundles {
        let bytes = std::fs::read(path).unwrap();
        let alone = parse(&bytes).unwrap();
        if alone.patient == Default::default() {
            continue;
        }
        let name = path.display().to_string();
        let record = records
            .iter()
            .find(|r| r.patient == alone.patient)
            .unwrap_or_else(|| panic!("{name}: no record"));
        assert_eq!(lists(record), lists(&alone), "{name}");
        assert!(record
            .problems
            .iter()
            .all(|p| p.source.file.as_deref() == Some(name.as_str())));
        compared += 1;
    }
    assert_eq!(compared, 3);
}

#[test]
fn references_of_every_form_reach_their_patient() {
    let bundle = r#"{"resourceType":"Bundle","type":"collection","entry":[
      {"fullUrl":"urn:uuid:p-1","resource":{"resourceType":"Patient","id":"x","gender":"female"}},
      {"fullUrl":"urn:uuid:dr-1","resource":{"resourceType":"Practitioner","id":"dr","name":[{"family":"Doc"}]}},
      {"resource":{"resourceType":"Condition","subject":{"reference":"urn:uuid:p-1"},
        "asserter":{"reference":"urn:uuid:dr-1"},"code":{"text":"a"}}},
      {"resource":{"resourceType":"Immunization","status":"completed",
        "patient":{"reference":"http://example.org/fhir/Patient/x/_history/2"},"vaccineCode":{"text":"b"}}},
      {"resource":{"resourceType":"Coverage","status":"active","beneficiary":{"reference":"Patient/y"}}},
      {"resource":{"resourceType":"Appointment","status":"booked","participant":[
        {"actor":{"reference":"urn:uuid:dr-1"},"status":"accepted"},
        {"actor":{"reference":"urn:uuid:p-1","type":"Patient"},"status":"accepted"}]}},
      {"resource":{"resourceType":"Appointment","status":"booked","participant":[
        {"actor":{"reference":"Patient/y"},"status":"accepted"}]}},
      {"resource":{"resourceType":"Observation","status":"final","code":{"text":"c"}}},
      {"resource":{"resourceType":"Organization","id":"o","name":"Unreferenced"}}
    ]}"#;
    let mut reader = FhirPatients::new();
    reader.add_json("bundle.json", bundle.as_bytes()).unwrap();
    let records: Vec<HealthRecord> = reader.records().collect();
    assert_eq!(records.len(), 3);
    let (x, y, none) = (&records[0], &records[1], &records[2]);
    assert_eq!(
        x.patient.gender.as_ref().and_then(|g| g.code.as_deref()),
        Some("female")
    );
    assert_eq!((x.problems.len(), x.immunizations.len()), (1, 1));
    // An Appointment names its patient among its participants.
    assert_eq!(x.plan_of_care.len(), 1);
    assert_eq!(records[1].plan_of_care.len(), 1);
    // The shared Practitioner resolves in the record that refers to it, and is not kept
    // whole in it.
    let asserter = x.problems[0].authors.first().expect("asserter");
    assert_eq!(
        asserter.name.as_ref().unwrap().family.as_deref(),
        Some("Doc")
    );
    assert!(x.other.is_empty());
    assert_eq!(x.problems[0].source.path.as_deref(), Some("entry[2]"));
    assert_eq!(x.problems[0].source.file.as_deref(), Some("bundle.json"));
    assert_eq!(x.problems[0].source.line, 4);
    // Patient/y has no Patient resource: its own record, with a warning.
    assert_eq!(y.coverage.len(), 1);
    assert!(y
        .warnings
        .iter()
        .any(|w| w.message.contains("Patient resource is not in the input")));
    // The Observation with no subject and the unreferenced Organization.
    assert_eq!(
        none.results.len() + none.vitals.len() + none.social_history.len(),
        1
    );
    assert_eq!(none.other.len(), 1);
    assert_eq!(none.other[0].kind.as_deref(), Some("Organization"));
}

/// Generates NDJSON lines on the fly: one Patient per patient, then Conditions round-robin
/// over the patients. Only the current line is ever held.
struct Generator {
    patients: usize,
    lines: usize,
    next: usize,
    current: Vec<u8>,
    at: usize,
    produced: usize,
}

impl Read for Generator {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.current.len() {
            if self.next == self.lines {
                return Ok(0);
            }
            let n = self.next;
            self.current = if n < self.patients {
                format!(r#"{{"resourceType":"Patient","id":"p{n}"}}"#)
            } else {
                format!(
                    r#"{{"resourceType":"Condition","id":"c{n}","subject":{{"reference":"Patient/p{}"}},"code":{{"coding":[{{"system":"http://snomed.info/sct","code":"{n}"}}]}}}}"#,
                    n % self.patients
                )
            }
            .into_bytes();
            self.current.push(b'\n');
            self.at = 0;
            self.next += 1;
        }
        let rest = &self.current[self.at..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        self.produced += n;
        Ok(n)
    }
}

/// A `BufRead` that records the most it ever held buffered.
struct Watched<R> {
    inner: R,
    most_buffered: usize,
}

impl<R: BufRead> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf)
    }
}

impl<R: BufRead> BufRead for Watched<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let buf = self.inner.fill_buf()?;
        self.most_buffered = self.most_buffered.max(buf.len());
        Ok(buf)
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
    }
}

#[test]
fn large_ndjson_streams_through_a_bufread() {
    let (patients, lines) = (10, 50_000);
    let generator = Generator {
        patients,
        lines,
        next: 0,
        current: Vec::new(),
        at: 0,
        produced: 0,
    };
    let mut watched = Watched {
        inner: std::io::BufReader::with_capacity(8 * 1024, generator),
        most_buffered: 0,
    };
    let mut reader = FhirPatients::new();
    reader.add_ndjson("big.ndjson", &mut watched).unwrap();
    let produced = watched.inner.get_ref().produced;
    assert!(produced > 5_000_000, "{produced}");
    assert!(
        watched.most_buffered <= 8 * 1024,
        "{}",
        watched.most_buffered
    );
    let mut conditions = 0;
    for (i, record) in reader.records().enumerate() {
        assert_eq!(record.problems.len(), (lines - patients) / patients);
        for p in &record.problems {
            // Line n+1 holds Condition c<n>, of patient n % patients.
            let code: usize = p
                .code
                .as_ref()
                .unwrap()
                .code
                .as_deref()
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(p.source.line as usize, code + 1);
            assert_eq!(code % patients, i);
        }
        conditions += record.problems.len();
    }
    assert_eq!(conditions + patients, lines);
}

#[test]
fn a_broken_line_names_its_file_and_line() {
    let text = concat!(
        r#"{"resourceType":"Patient","id":"a"}"#,
        "\n\n",
        r#"{"resourceType":"Condition","subject":{"reference":"Patient/a"}"#,
        "\n"
    );
    let mut reader = FhirPatients::new();
    let error = reader
        .add_ndjson("Condition.ndjson", text.as_bytes())
        .unwrap_err();
    assert_eq!(error.file(), "Condition.ndjson");
    let FhirFilesError::Parse {
        error: parse_error, ..
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!(parse_error.kind(), ErrorKind::Malformed);
    assert_eq!(parse_error.line(), Some(3));
    let message = error.to_string();
    assert!(
        message.starts_with("Condition.ndjson: malformed JSON"),
        "{message}"
    );
    assert!(message.contains("line 3"), "{message}");
}

#[test]
fn stu3_and_other_json_are_refused_with_their_file() {
    let stu3 = std::fs::read_dir(corpus("cms-bb2-api-v1-stu3"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let mut reader = FhirPatients::new();
    let error = reader.add_file(&stu3).unwrap_err();
    let FhirFilesError::Parse { error: e, file } = &error else {
        panic!("{error}");
    };
    assert_eq!(e.kind(), ErrorKind::UnsupportedVersion);
    assert_eq!(file, &stu3.display().to_string());
    let error = reader
        .add_json("userinfo.json", br#"{"sub": "x"}"#)
        .unwrap_err();
    assert!(error.to_string().starts_with("userinfo.json: "), "{error}");
    let missing = reader
        .add_file(Path::new("no-such-file.ndjson"))
        .unwrap_err();
    assert!(matches!(missing, FhirFilesError::Io { .. }), "{missing}");
}

#[test]
fn an_attached_documents_entries_and_warnings_name_their_file() {
    use base64::Engine;
    // A C-CDA whose allergy entry has a template the reader does not know: one entry, and
    // warnings about it.
    let ccda = r#"<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>
<recordTarget><patientRole><id root="1.2.3" extension="p1"/><patient><name><given>Zed</given></name></patient></patientRole></recordTarget>
<component><structuredBody><component><section><templateId root="2.16.840.1.113883.10.20.22.2.6.1"/><code code="48765-2"/><title>Allergies</title>
<text>Peanut</text><entry><observation classCode="OBS" moodCode="EVN"><templateId root="9.9.9"/></observation></entry></section></component></structuredBody></component>
</ClinicalDocument>"#;
    let data = base64::engine::general_purpose::STANDARD.encode(ccda);
    let document = format!(
        r#"{{"resourceType": "DocumentReference", "subject": {{"reference": "Patient/a"}},
            "content": [{{"attachment": {{"contentType": "application/xml", "data": "{data}"}}}}]}}"#
    );
    let alone = parse(document.as_bytes()).unwrap();
    assert_eq!(alone.allergies.len(), 1);
    assert!(!alone.warnings.is_empty());
    for w in &alone.warnings {
        let path = w.path.as_deref().unwrap_or_default();
        assert!(path.starts_with("content[0].attachment"), "{w:?}");
    }

    let mut reader = FhirPatients::new();
    reader
        .add_json(
            "export/patient.json",
            br#"{"resourceType": "Patient", "id": "a"}"#,
        )
        .unwrap();
    reader
        .add_json("export/notes.json", document.as_bytes())
        .unwrap();
    let records: Vec<HealthRecord> = reader.records().collect();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.allergies.len(), 1);
    let source = &record.allergies[0].source;
    assert_eq!(source.file.as_deref(), Some("export/notes.json"));
    assert_eq!(
        source.path.as_deref(),
        alone.allergies[0].source.path.as_deref()
    );
    assert_eq!(record.warnings.len(), alone.warnings.len());
    for (w, alone) in record.warnings.iter().zip(&alone.warnings) {
        let inner = alone.path.as_deref().unwrap_or_default();
        assert_eq!(
            w.path.as_deref(),
            Some(format!("export/notes.json#{inner}").as_str()),
            "{w:?}"
        );
    }
}

#[test]
fn files_on_disk_are_indexed_not_held_and_read_the_same() {
    let dir = std::env::temp_dir().join(format!("bluebutton-indexed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // NDJSON of 7 patients and their Conditions, with a byte order mark, CRLF line ends
    // and a blank line; a Bundle (with a byte order mark) of entries with `fullUrl`s and a
    // shared Practitioner; a line whose bytes are not UTF-8.
    let mut generated = String::new();
    Generator {
        patients: 7,
        lines: 3_000,
        next: 0,
        current: Vec::new(),
        at: 0,
        produced: 0,
    }
    .read_to_string(&mut generated)
    .unwrap();
    let ndjson = format!("\u{feff}{}", generated.replacen('\n', "\n\n", 1)).replace('\n', "\r\n");
    let bundle = r#"{"resourceType":"Bundle","type":"collection","entry":[
      {"fullUrl":"urn:uuid:p-1","resource":{"resourceType":"Patient","id":"x"}},
      {"fullUrl":"urn:uuid:dr-1","resource":{"resourceType":"Practitioner","id":"dr","name":[{"family":"Doc"}]}},
      {"resource":{"resourceType":"Condition","subject":{"reference":"urn:uuid:p-1"},
        "asserter":{"reference":"urn:uuid:dr-1"},"code":{"text":"a"}}},
      {"resource":{"resourceType":"Condition","subject":{"reference":"Patient/p3"},"code":{"text":"b"}}},
      {"resource":{"resourceType":"Observation","status":"final","code":{"text":"c"}}}
    ]}"#;
    let bundle = format!("\u{feff}{bundle}");
    let mut latin1 =
        br#"{"resourceType":"Condition","subject":{"reference":"Patient/p1"},"code":{"text":"caf"#
            .to_vec();
    latin1.extend(b"\xE9\"}}\n");
    let inputs: [(&str, &[u8]); 3] = [
        ("a.ndjson", ndjson.as_bytes()),
        ("b.json", bundle.as_bytes()),
        ("c.ndjson", &latin1),
    ];
    let mut from_files = FhirPatients::new();
    let mut from_memory = FhirPatients::new();
    for (name, bytes) in inputs {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        from_files.add_file(&path).unwrap();
        let name = path.display().to_string();
        match name.ends_with(".json") {
            true => from_memory.add_json(&name, bytes).unwrap(),
            false => from_memory.add_ndjson(&name, bytes).unwrap(),
        }
    }
    // Only the resource that is not UTF-8 as found keeps its (decoded) text.
    let replaced = String::from_utf8_lossy(latin1.trim_ascii_end()).len();
    assert_eq!(from_files.held_text_bytes(), replaced);
    assert!(from_memory.held_text_bytes() > ndjson.len() / 2);
    let records: Vec<Value> = from_files
        .records()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    let expected: Vec<Value> = from_memory
        .records()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(records.len(), 9);
    assert_eq!(records, expected);

    // A file that changed before its records were built: what can no longer be read is
    // left out, with a warning.
    let path = dir.join("a.ndjson");
    let mut reader = FhirPatients::new();
    reader.add_file(&path).unwrap();
    std::fs::write(&path, &ndjson.as_bytes()[..ndjson.len() / 2]).unwrap();
    let records: Vec<HealthRecord> = reader.records().collect();
    assert_eq!(records.len(), 7);
    let problems: usize = records.iter().map(|r| r.problems.len()).sum();
    assert!(problems > 0 && problems < 3_000 - 7, "{problems}");
    assert!(records.iter().any(|r| r
        .warnings
        .iter()
        .any(|w| w.message.contains("could not be read again"))));
    std::fs::remove_dir_all(&dir).unwrap();
}
