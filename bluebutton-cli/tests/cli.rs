//! The `bluebutton` command, run as a user would.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A corpus path, relative to the repository root (as the command is run from there).
fn corpus(path: &str) -> String {
    format!("../shared/corpus/{path}")
}

fn bluebutton(args: &[&str]) -> Output {
    run(args, None)
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bluebutton"))
        .args(args)
        .current_dir(repo())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bluebutton");
    // Written from a thread while the output is read, so neither side blocks; `detect`
    // reads only the start of its input and may close the pipe early, which is fine.
    let writer = stdin.map(|input| {
        let mut pipe = child.stdin.take().expect("stdin");
        let input = input.to_vec();
        std::thread::spawn(move || match pipe.write_all(&input) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("write stdin: {e}"),
            _ => {}
        })
    });
    let output = child.wait_with_output().expect("wait");
    if let Some(writer) = writer {
        writer.join().expect("stdin writer");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text:.300}"))
}

/// Top-level keys every record has.
const RECORD_KEYS: &[&str] = &["format", "document", "patient", "allergies", "medications"];

fn assert_record(value: &Value) {
    for key in RECORD_KEYS {
        assert!(value.get(key).is_some(), "no {key} in {value:.200}");
    }
}

#[test]
fn parses_the_example() {
    let out = bluebutton(&["parse", "examples/sample-ccd.xml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "one compact record");
    let record = json(&text);
    assert_record(&record);
    assert_eq!(record["format"]["kind"], "ccda");
}

#[test]
fn writes_fhir_bundles() {
    let out = bluebutton(&["parse", "--to", "fhir", "examples/sample-ccd.xml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "one compact Bundle");
    let bundle = json(&text);
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    assert_eq!(bundle["entry"][0]["resource"]["resourceType"], "Patient");
    let entries = bundle["entry"].as_array().expect("entries");
    assert!(entries.len() > 5, "{}", entries.len());
    // --pretty indents the same Bundle; the default target is the record.
    let pretty = bluebutton(&[
        "parse",
        "--to",
        "fhir",
        "--pretty",
        "examples/sample-ccd.xml",
    ]);
    assert!(stdout(&pretty).starts_with("{\n  \"resourceType\": \"Bundle\""));
    assert_eq!(json(&stdout(&pretty)), bundle);
    let record = bluebutton(&["parse", "--to", "record", "examples/sample-ccd.xml"]);
    assert_record(&json(&stdout(&record)));
    // ndjson: one Bundle per file read, in input order; a failing file is reported.
    let (sample, broken) = ("examples/sample-ccd.xml", corpus("bad/broken.xml"));
    let fhir = corpus("fhir/us-core/patient-child-example.json");
    let out = bluebutton(&[
        "parse", "--to", "fhir", "--format", "ndjson", sample, &broken, &fhir,
    ]);
    assert_eq!(out.status.code(), Some(1), "one input fails");
    let lines: Vec<Value> = stdout(&out).lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], bundle);
    assert!(lines.iter().all(|b| b["resourceType"] == "Bundle"));
    assert!(stderr(&out).starts_with(&format!("bluebutton: {broken}: ")));
    let bad = bluebutton(&["parse", "--to", "xml", sample]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn pretty_output_is_the_golden_form() {
    let out = bluebutton(&["parse", "--pretty", "examples/sample-ccd.xml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let golden = std::fs::read_to_string(repo().join("testdata/golden/sample-ccd.json"))
        .expect("golden file");
    assert_eq!(stdout(&out), golden);
}

#[test]
fn a_bad_file_fails_with_its_name_and_position() {
    let path = corpus("bad/broken.xml");
    let out = bluebutton(&["parse", &path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("bluebutton: {path}: ")), "{err}");
    assert!(err.contains("(line 2, column 10)"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_missing_file_fails() {
    let out = bluebutton(&["parse", "no-such-file.xml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("bluebutton: no-such-file.xml: "));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["parse"][..],
        &["frobnicate"][..],
        &["parse", "--format", "yaml", "x.xml"][..],
        &["parse", "--pretty", "--format", "ndjson", "x.xml"][..],
        &["parse", "--jobs", "many", "x.xml"][..],
        &["detect", "--format", "xml", "x.xml"][..],
    ] {
        let out = bluebutton(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["detect", "--help"][..],
        &["parse", "--help"][..],
        &["schema", "--help"][..],
    ] {
        let out = bluebutton(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stdout(&out).contains("Usage:"), "{args:?}");
    }
    let parse_help = stdout(&bluebutton(&["parse", "--help"]));
    for flag in ["--format", "--pretty", "--jobs"] {
        assert!(parse_help.contains(flag), "{flag}");
    }
}

#[test]
fn reads_standard_input() {
    let bytes = std::fs::read(repo().join(corpus("ccda/hl7-c-cda-examples/CCD_2_CCD.xml")))
        .expect("corpus file");
    let out = run(&["parse", "-"], Some(&bytes));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_record(&json(&stdout(&out)));

    let pdf = std::fs::read(repo().join(corpus(
        "bad/VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.pdf",
    )))
    .expect("corpus file");
    let out = run(&["detect", "-"], Some(&pdf));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("-\tpdf\t1.6\t"),
        "{}",
        stdout(&out)
    );
    let out = run(&["parse", "-"], Some(&pdf));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("bluebutton: -: this is a PDF document"));
}

#[test]
fn parses_fhir_json_and_ndjson_and_refuses_stu3() {
    let eob = corpus("fhir/carin-bb/cb956de_ExplanationOfBenefit_InpatientEOBExample1.json");
    let out = bluebutton(&["parse", &eob]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record = json(&stdout(&out));
    assert_record(&record);
    assert_eq!(record["format"]["kind"], "fhir_json");
    assert_eq!(record["claims"].as_array().map(Vec::len), Some(1));
    let ndjson = corpus("fhir/bulk-ndjson-10-patients/Immunization.000.ndjson");
    let out = bluebutton(&["parse", &ndjson]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record = json(&stdout(&out));
    assert_eq!(record["format"]["kind"], "fhir_ndjson");
    assert!(record["immunizations"]
        .as_array()
        .is_some_and(|i| i.len() > 100));
    let out = bluebutton(&[
        "parse",
        &corpus("fhir/cms-bb2-api-v1-stu3/patient_read_v1.json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("FHIR STU3 is not supported"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn detect_walks_folders_in_sorted_order() {
    let out = bluebutton(&["detect", &corpus("c32")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10, "{text}");
    let paths: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    for line in &lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line}");
        assert_eq!(fields[1], "c32", "{line}");
    }
}

#[test]
fn detect_prints_json_lines() {
    let out = bluebutton(&["detect", "--format", "json", &corpus("bad")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Value> = text.lines().map(json).collect();
    assert_eq!(lines.len(), 18);
    for line in &lines {
        assert!(line["path"]
            .as_str()
            .unwrap()
            .starts_with("../shared/corpus/bad/"));
        assert!(line["kind"].is_string() && line["description"].is_string());
    }
    let broken = lines
        .iter()
        .find(|l| l["path"].as_str().unwrap().ends_with("broken.xml"))
        .expect("broken.xml");
    assert_eq!(broken["kind"], "malformed_xml");
    assert_eq!(
        (broken["line"].as_u64(), broken["column"].as_u64()),
        (Some(2), Some(10))
    );
}

/// The files of a folder that `parse` reads, in the order it reads them.
fn readable_files(folder: &str) -> Vec<String> {
    let out = bluebutton(&["detect", "--format", "json", &corpus(folder)]);
    stdout(&out)
        .lines()
        .map(json)
        .filter(|d| d["kind"] == "ccda")
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ndjson_keeps_input_order_with_jobs() {
    let folder = "ccda/hl7-c-cda-examples";
    let readable = readable_files(folder);
    assert!(readable.len() > 5);
    // Two files that fail, between and after the folder's, to check failures keep order too.
    let (broken, text_file) = (corpus("bad/broken.xml"), corpus("bad/example.txt"));
    let run = |jobs: &[&str]| {
        let mut args = vec!["parse", "--format", "ndjson"];
        args.extend_from_slice(jobs);
        let folder_path = corpus(folder);
        args.extend([broken.as_str(), folder_path.as_str(), text_file.as_str()]);
        bluebutton(&args)
    };
    let serial = run(&[]);
    let parallel = run(&["--jobs", "2"]);
    let many = run(&["-j", "0"]);
    assert_eq!(stdout(&serial), stdout(&parallel));
    assert_eq!(stdout(&serial), stdout(&many));
    assert_eq!(parallel.status.code(), Some(1), "two inputs fail");
    let failures: Vec<String> = stderr(&parallel).lines().map(str::to_owned).collect();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(failures[0].starts_with(&format!("bluebutton: {broken}: ")));
    assert!(failures[1].starts_with(&format!("bluebutton: {text_file}: ")));
    assert_eq!(
        stderr(&serial),
        stderr(&parallel),
        "failures in the same order"
    );
    let text = stdout(&parallel);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), readable.len());
    // Line i is file i's record.
    for (line, path) in lines.iter().zip(&readable) {
        let alone = bluebutton(&["parse", "--format", "ndjson", path]);
        assert_eq!(stdout(&alone).trim_end(), *line, "{path}");
        assert_record(&json(line));
    }
}

#[test]
fn several_files_make_one_json_array() {
    let a = corpus("ccda/hl7-c-cda-examples/CCD_2_CCD.xml");
    let bad = corpus("bad/example.txt");
    let b = corpus("ccda/hl7-c-cda-examples/CCD_1_CCD.XML");
    for pretty in [false, true] {
        let mut args = vec!["parse", "--jobs", "2", &a, &bad, &b];
        if pretty {
            args.push("--pretty");
        }
        let out = bluebutton(&args);
        assert_eq!(out.status.code(), Some(1), "example.txt fails");
        assert!(stderr(&out).starts_with(&format!("bluebutton: {bad}: ")));
        let array = json(&stdout(&out));
        let records = array.as_array().expect("an array");
        assert_eq!(records.len(), 2);
        records.iter().for_each(assert_record);
    }
    let out = bluebutton(&["parse", &bad, &bad]);
    assert_eq!(stdout(&out), "[]\n");
}

#[test]
fn schema_is_json() {
    let out = bluebutton(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema = json(&stdout(&out));
    assert!(schema["$schema"].is_string());
    assert!(schema["properties"]["allergies"].is_object());
    assert!(stdout(&out).lines().count() > 10, "pretty");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bluebutton"))
        .args(["parse", "--format", "ndjson", &corpus("ccda")])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    // The reader is dropped here: the pipe closes after one line.
    let output = child.wait_with_output().expect("wait");
    assert!(!first.is_empty());
    let err = stderr(&output);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?}",
        output.status
    );
}

#[test]
fn summary_gives_an_overview_and_reports_failures() {
    let example = "examples/sample-ccd.xml";
    let bad = corpus("bad/broken.xml");
    let out = bluebutton(&["summary", example, &bad]);
    assert_eq!(out.status.code(), Some(1), "broken.xml fails");
    assert!(stderr(&out).starts_with(&format!("bluebutton: {bad}: ")));
    let text = stdout(&out);
    let record: serde_json::Value = json(&stdout(&bluebutton(&["parse", example])));
    assert!(text.starts_with(&format!("{example}\n")), "{text}");
    assert!(text.contains("  format    C-CDA, R2.1, CCD\n"), "{text}");
    // Every non-empty section of the record is counted.
    for (key, value) in record.as_object().expect("a record") {
        if let Some(list) = value
            .as_array()
            .filter(|l| !l.is_empty() && key != "warnings")
        {
            assert!(
                text.contains(&format!("{key} {}", list.len())),
                "{key}: {text}"
            );
        }
    }
    assert!(text.contains("  warnings  none\n"), "{text}");
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = bluebutton(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        for command in ["detect", "parse", "summary", "schema"] {
            assert!(script.contains(command), "{shell}: no {command}");
        }
    }
    assert_eq!(bluebutton(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn a_gigabyte_file_is_refused_in_bounded_memory() {
    // A sparse 1 GiB file (no disk space used), parsed with the address space capped at
    // 512 MiB: reading it whole would abort, so success shows it was refused unread.
    let dir = std::env::temp_dir().join(format!("bluebutton-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.xml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(1 << 30).unwrap();
    drop(file);
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 524288 && exec \"$0\" parse \"$1\"")
        .arg(env!("CARGO_BIN_EXE_bluebutton"))
        .arg(&path)
        .output()
        .expect("run bluebutton under sh");
    std::fs::remove_dir_all(&dir).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("larger than 256 MiB"), "{stderr}");
    assert!(stderr.contains("huge.xml"), "{stderr}");
}

#[test]
fn fhir_patients_prints_one_record_per_patient() {
    let folder = corpus("fhir/bulk-ndjson-10-patients");
    let bulk = repo().join(&folder);
    // Counted here: the Patients, and the Conditions and Immunizations (every one names
    // its patient).
    let mut patients = 0;
    let mut clinical = 0;
    for entry in std::fs::read_dir(&bulk).expect("bulk folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        match path.file_name().unwrap().to_str().unwrap() {
            n if n.starts_with("Patient.") => patients += lines,
            n if n.starts_with("Condition.") || n.starts_with("Immunization.") => clinical += lines,
            _ => {}
        }
    }
    let out = bluebutton(&["parse", "--fhir-patients", "--format", "ndjson", &folder]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records: Vec<Value> = stdout(&out).lines().map(json).collect();
    // One per patient, and a last one for the Organizations and Practitioners, which no
    // resource of this export refers to.
    assert_eq!(records.len(), patients + 1);
    let mut reached = 0;
    for (i, record) in records.iter().enumerate() {
        assert_record(record);
        assert_eq!(record["format"]["kind"], "fhir_ndjson");
        assert_eq!(
            record["patient"] != serde_json::json!({}),
            i < patients,
            "{i}"
        );
        for list in ["problems", "immunizations"] {
            reached += record[list].as_array().map_or(0, Vec::len);
        }
    }
    assert_eq!(reached, clinical);
    // `--format json`: the same records, as one array.
    let out = bluebutton(&["parse", "--fhir-patients", &folder]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&stdout(&out)), Value::Array(records));
}

#[test]
fn fhir_patients_reports_a_broken_line_and_prints_nothing() {
    let dir = std::env::temp_dir().join(format!("bluebutton-bulk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("Patient.ndjson"),
        "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("Condition.ndjson"),
        "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/a\"}}\n{\"resourceType\":\n",
    )
    .expect("write");
    std::fs::write(dir.join("notes.txt"), "not FHIR, and not read").expect("write");
    let folder = dir.display().to_string();
    let out = bluebutton(&["parse", "--fhir-patients", &folder]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(stdout(&out), "");
    let condition = dir.join("Condition.ndjson").display().to_string();
    assert!(
        err.starts_with(&format!("bluebutton: {condition}: malformed JSON")),
        "{err}"
    );
    assert!(err.contains("(line 2, column"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Without the broken line, the folder reads (the text file is left out).
    std::fs::write(
        dir.join("Condition.ndjson"),
        "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/a\"},\"code\":{\"text\":\"x\"}}\n",
    )
    .expect("write");
    let out = bluebutton(&["parse", "--fhir-patients", "--format", "ndjson", &folder]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    let records: Vec<Value> = stdout(&out).lines().map(json).collect();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["problems"][0]["source"]["line"], 1);
}
