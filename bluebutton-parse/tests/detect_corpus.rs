//! Detection over the whole corpus (`../shared/corpus`): every file is named as the kind
//! its folder says, except the files listed below, which are something else (each with
//! the reason). Every `bad/` file has its own expected kind, and malformed XML its
//! position.

use bluebutton_parse::{detect, Detection, InputKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

/// Every file under `folder` (relative to the corpus), sorted, as corpus-relative paths.
fn files(folder: &str) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            if entry.is_dir() {
                walk(&entry, out);
            } else {
                out.push(entry);
            }
        }
    }
    let root = corpus();
    let mut out = Vec::new();
    walk(&root.join(folder), &mut out);
    let files: Vec<String> = out
        .iter()
        .map(|p| {
            p.strip_prefix(&root)
                .expect("under the corpus")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert!(!files.is_empty(), "no files under {folder}");
    files
}

fn detect_file(path: &str) -> Detection {
    let bytes = std::fs::read(corpus().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    detect(&bytes)
}

/// Files under `ccda/` that are not C-CDA documents, and why.
const CCDA_EXCEPTIONS: &[(&str, InputKind, &str)] = &[(
    "ccda/chb-sample-ccdas/Kareo/Kareo_CCD_export_Joey_Miller.ccd",
    InputKind::C32,
    "a HITSP C32 (C32/C83 templates, no C-CDA template) filed with the C-CDA samples",
)];

/// HL7 example stubs under `ccda/`: a body with templated sections but no header (no
/// document template, no recordTarget), so detection can name neither version nor
/// document type; the C-CDA reader still reads their sections.
const HEADERLESS_STUBS: &[&str] = &[
    "ccda/hl7-c-cda-examples/Health_Concerns_Link_to_Problems_Section_C-CDA2.1_.xml",
    "ccda/hl7-c-cda-examples/Health_Concerns_Link_to_Problems_Section_with_linkHTML_C-CDA2.1_.xml",
    "ccda/hl7-c-cda-examples/Intervention_Planned_Referral_and_Note_Completeting_Referral_C-CDAR2.1_.xml",
    "ccda/hl7-c-cda-examples/Planned_Encounter_-_Reason_for_Referral_C-CDAR2.1_.xml",
];

/// The ONC negative-test files are well-formed, complete C-CDA documents whose errors are
/// in their content (a bad document type id, gender code, a missing patient name...):
/// detection names them C-CDA, with the version and document type their templates say.
const NEGATIVE_TESTING: &[(&str, &str, &str)] = &[
    ("NT_Bad_DocTypeId_r11_v2.xml", "R1.1", "CCD"),
    ("NT_Bad_GenderCode_r11_v2.xml", "R1.1", "CCD"),
    ("NT_CP_Sample1_r21_v5.xml", "R2.1", "Care Plan"),
    ("NT_CP_Sample2_r21_v4.xml", "R2.1", "Care Plan"),
    ("NT_CP_Sample3_r21_v4.xml", "R2.1", "Care Plan"),
    ("NT_Missing_PatientName_r11_v2.xml", "R1.1", "CCD"),
    ("NT_USCDI_Sample1_r21_v4.xml", "R2.1", "CCD"),
    ("NT_USCDI_Sample2_r21_v4.xml", "R2.1", "CCD"),
    ("NT_USCDI_Sample4_r21_v4.xml", "R2.1", "CCD"),
    ("NT_USCDI_Sample5_r21_v4.xml", "R2.1", "CCD"),
];

/// Every `bad/` file: its kind, and the 1-based line and column of malformed XML.
/// A 1-based line and column.
type Position = Option<(u32, u32)>;

const BAD: &[(&str, InputKind, Position)] = &[
    (
        "170.315_b1_toc_amb_ccd_r21_sample2_v11.html",
        InputKind::Html,
        None,
    ),
    ("CCD_Vitals.xml", InputKind::CdaFragment, None),
    // A stub with no header and no identifiable section: detection hands it to the
    // C-CDA reader (it reads only the start), which refuses it as incomplete.
    ("Diagnosis_Reference_Example.xml", InputKind::Ccda, None),
    (
        "NT_BadXml_r11_v2.xml",
        InputKind::MalformedXml,
        Some((59, 4)),
    ),
    ("Test_File", InputKind::Empty, None),
    (
        "US_Realm_Header_V3_Example.xml",
        InputKind::CdaHeaderOnly,
        None,
    ),
    (
        "VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.pdf",
        InputKind::Pdf,
        None,
    ),
    ("broken.xml", InputKind::MalformedXml, Some((2, 10))),
    ("bulk-export-log.ndjson", InputKind::Json, None),
    ("empty.xml", InputKind::Xml, None),
    ("empty_no_declaration.xml", InputKind::Xml, None),
    ("example.json", InputKind::Json, None),
    ("example.txt", InputKind::Text, None),
    ("file_0.xml", InputKind::Xml, None),
    ("format_x.txt", InputKind::Text, None),
    ("g9_json_all-data_jeremy.txt", InputKind::Text, None),
    ("kinsights-sample-timmy.bb.html", InputKind::Html, None),
    ("userinfo_v2.json", InputKind::Json, None),
];

/// Checks what every detection must satisfy, whatever its kind.
fn check_common(path: &str, d: &Detection) {
    assert!(!d.description.is_empty(), "{path}: empty description");
    assert!(
        d.description.len() < 200,
        "{path}: long description {:?}",
        d.description
    );
    let positioned = d.line.is_some() || d.column.is_some();
    let malformed = d.kind == InputKind::MalformedXml || (d.kind == InputKind::Json && positioned);
    assert_eq!(positioned, malformed, "{path}: position on a {:?}", d.kind);
}

/// Tallies kinds for the failure message, so a mismatch shows the whole picture.
fn tally(detections: &[(String, Detection)]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for (_, d) in detections {
        let key = format!("{:?} {}", d.kind, d.version.as_deref().unwrap_or("-"));
        *counts.entry(key).or_default() += 1;
    }
    counts
}

#[test]
fn ccda_folder_is_ccda() {
    let detections: Vec<(String, Detection)> = files("ccda")
        .into_iter()
        .map(|p| {
            let d = detect_file(&p);
            (p, d)
        })
        .collect();
    let mut wrong = Vec::new();
    for (path, d) in &detections {
        check_common(path, d);
        let expected = CCDA_EXCEPTIONS
            .iter()
            .find(|(p, _, _)| p == path)
            .map_or(InputKind::Ccda, |(_, kind, _)| *kind);
        if d.kind != expected {
            wrong.push(format!(
                "{path}: {:?}, expected {expected:?} ({})",
                d.kind, d.description
            ));
        }
        if d.kind == InputKind::Ccda && HEADERLESS_STUBS.contains(&path.as_str()) {
            if d.version.is_some() || d.document_type.is_some() {
                wrong.push(format!("{path}: a headerless stub with a version or type"));
            }
        } else if d.kind == InputKind::Ccda {
            let version = d.version.as_deref().unwrap_or_default();
            if !["R1.1", "R2.0", "R2.1"].contains(&version) {
                wrong.push(format!("{path}: C-CDA version {version:?}"));
            }
            if d.document_type.is_none() {
                wrong.push(format!("{path}: no document type"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}\n{:?}", tally(&detections));
    for (path, _, _) in CCDA_EXCEPTIONS {
        assert!(
            detections.iter().any(|(p, _)| p == path),
            "{path} is not in the corpus"
        );
    }
}

#[test]
fn ccda_versions_and_document_types_follow_the_templates() {
    for (file, version, document_type) in NEGATIVE_TESTING {
        let path = format!("ccda/onc-cures-test-data/negative-testing/{file}");
        let d = detect_file(&path);
        assert_eq!(d.kind, InputKind::Ccda, "{path}: {}", d.description);
        assert_eq!(d.version.as_deref(), Some(*version), "{path}");
        assert_eq!(d.document_type.as_deref(), Some(*document_type), "{path}");
    }
    assert_eq!(
        files("ccda/onc-cures-test-data/negative-testing").len(),
        NEGATIVE_TESTING.len(),
        "a negative-testing file has no expectation"
    );
    // HL7's own examples: 2014-06-09 extensions are R2.0, 2015-08-01 R2.1, none R1.1.
    let examples = [
        ("CCD_1_CCD.XML", "R2.0", "CCD"),
        ("Care_Plan_Care_Plan.xml", "R1.1", "Care Plan"),
        (
            "Consult_Document_Closing_Referral_C-CDAR2.1_.xml",
            "R2.1",
            "Consultation Note",
        ),
        (
            "Consultation_Note_Consultation_Note.xml",
            "R2.0",
            "Consultation Note",
        ),
        (
            "Discharge_Summary_Discharge_Summary.xml",
            "R2.0",
            "Discharge Summary",
        ),
        (
            "Operative_Note_Operative_Note.xml",
            "R2.0",
            "Operative Note",
        ),
        ("PROBLEMS_in_Empty_C-CDA_2.1_C-CDAR2.1_.xml", "R2.1", "CCD"),
        (
            "Procedure_Note_Procedure_Note.xml",
            "R2.0",
            "Procedure Note",
        ),
        ("Progress_Note_Progress_Note.xml", "R2.0", "Progress Note"),
        (
            "Transfer_Summary_Transfer_Summary.xml",
            "R2.0",
            "Transfer Summary",
        ),
        (
            "CDA_with_Embedded_PDF_1_Unstructured_Document_embed.xml",
            "R2.1",
            "Unstructured Document",
        ),
    ];
    for (file, version, document_type) in examples {
        let path = format!("ccda/hl7-c-cda-examples/{file}");
        let d = detect_file(&path);
        assert_eq!(
            (d.kind, d.version.as_deref(), d.document_type.as_deref()),
            (InputKind::Ccda, Some(version), Some(document_type)),
            "{path}: {}",
            d.description
        );
    }
}

#[test]
fn c32_folder_is_c32() {
    for path in files("c32") {
        let d = detect_file(&path);
        check_common(&path, &d);
        assert_eq!(d.kind, InputKind::C32, "{path}: {}", d.description);
        assert!(d.document_type.is_some(), "{path}");
    }
    let c62 = detect_file("c32/worldvista-nwhin/VA_CHDRONE_c62_10292010.xml");
    assert_eq!(
        c62.document_type.as_deref(),
        Some("C62 Unstructured Document")
    );
}

#[test]
fn va_text_folder_is_va_text_with_its_version() {
    for path in files("va-text") {
        let d = detect_file(&path);
        check_common(&path, &d);
        assert_eq!(d.kind, InputKind::VaText, "{path}: {}", d.description);
        let version = d.version.unwrap_or_else(|| panic!("{path}: no version"));
        assert!(version.starts_with("12"), "{path}: version {version}");
        // The version in the banner matches the file name (12_5_1 says v12.5 inside).
        let stem = path.trim_end_matches(".txt").replace('_', ".");
        assert!(
            stem.contains(&format!("Version.{version}")),
            "{path}: {version}"
        );
    }
}

#[test]
fn cms_text_folder_is_cms_text() {
    for path in files("cms-text") {
        let d = detect_file(&path);
        check_common(&path, &d);
        assert_eq!(d.kind, InputKind::CmsText, "{path}: {}", d.description);
        assert_eq!(d.version.as_deref(), Some("2.0"), "{path}");
    }
}

#[test]
fn fhir_folder_is_fhir_r4_except_the_stu3_api() {
    let mut stu3 = 0;
    for path in files("fhir") {
        let d = detect_file(&path);
        check_common(&path, &d);
        let expected_kind = if path.ends_with(".ndjson") {
            InputKind::FhirNdjson
        } else {
            InputKind::FhirJson
        };
        let expected_version = if path.starts_with("fhir/cms-bb2-api-v1-stu3/") {
            stu3 += 1;
            "STU3"
        } else {
            "R4"
        };
        assert_eq!(d.kind, expected_kind, "{path}: {}", d.description);
        assert_eq!(
            d.version.as_deref(),
            Some(expected_version),
            "{path}: {}",
            d.description
        );
        assert!(d.document_type.is_some(), "{path}: no resource type");
    }
    assert_eq!(stu3, 8, "the STU3 folder holds 8 files");
}

#[test]
fn every_bad_file_has_its_kind() {
    let found = files("bad");
    let names: Vec<&str> = found.iter().map(|p| p.trim_start_matches("bad/")).collect();
    let expected: Vec<&str> = BAD.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(
        names, expected,
        "the table must list every bad/ file, in order"
    );
    for (name, kind, position) in BAD {
        let path = format!("bad/{name}");
        let d = detect_file(&path);
        check_common(&path, &d);
        assert_eq!(d.kind, *kind, "{path}: {}", d.description);
        assert_eq!(
            d.line.zip(d.column),
            *position,
            "{path}: position ({})",
            d.description
        );
        // Only a file the table names as C-CDA may look like a record from its start; the
        // reader refuses it (see tests/bad_input.rs).
        assert!(!d.is_health_record() || *kind == InputKind::Ccda, "{path}");
    }
}

#[test]
fn detection_reads_only_the_start_of_big_files() {
    let mut checked = 0;
    for folder in ["ccda", "c32", "va-text", "fhir"] {
        for path in files(folder) {
            let bytes = std::fs::read(corpus().join(&path)).expect("read");
            if bytes.len() <= 128 * 1024 {
                continue;
            }
            // Whatever lies past the window does not change the detection.
            let mut spoiled = bytes.clone();
            spoiled.truncate(100 * 1024);
            spoiled.extend_from_slice(b"<<< not well-formed }{ \0\0\0");
            assert_eq!(detect(&bytes), detect(&spoiled), "{path}");
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} big files");
}

/// UTF-16 (with or without a byte-order mark) and a UTF-8 byte-order mark do not change
/// what a file is.
#[test]
fn encodings_do_not_change_the_detection() {
    let samples = [
        "ccda/hl7-c-cda-examples/Discharge_Summary_Discharge_Summary.xml",
        "c32/amida/C32.xml",
        "va-text/VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.txt",
        "cms-text/cms_sample.txt",
        "fhir/us-core/patient-child-example.json",
        "bad/CCD_Vitals.xml",
    ];
    for path in samples {
        let bytes = std::fs::read(corpus().join(path)).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}');
        let expected = detect(&bytes);
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let variants = [
            (
                "UTF-8 BOM",
                [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            ),
            ("UTF-16LE BOM", [&[0xFF, 0xFE][..], &le].concat()),
            ("UTF-16BE BOM", [&[0xFE, 0xFF][..], &be].concat()),
            ("UTF-16LE", le.clone()),
            ("UTF-16BE", be.clone()),
        ];
        for (name, variant) in variants {
            let d = detect(&variant);
            assert_eq!(
                (d.kind, d.version.as_deref(), d.document_type.as_deref()),
                (
                    expected.kind,
                    expected.version.as_deref(),
                    expected.document_type.as_deref()
                ),
                "{path} in {name}: {}",
                d.description
            );
        }
    }
}

/// Namespace prefixes, comments, processing instructions and white space before the root.
#[test]
fn prefixes_and_prologs_do_not_change_the_detection() {
    let path = "ccda/hl7-c-cda-examples/Progress_Note_Progress_Note.xml";
    let bytes = std::fs::read(corpus().join(path)).expect("read");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let root = text
        .find("<ClinicalDocument")
        .expect("a ClinicalDocument root");
    let body = text.get(root..).expect("root");
    // Every element in the v3 namespace gets a prefix: `cda:` (and `v3:`).
    for prefix in ["cda", "v3"] {
        let prefixed = body
            .replace(
                "xmlns=\"urn:hl7-org:v3\"",
                &format!("xmlns:{prefix}=\"urn:hl7-org:v3\""),
            )
            .replace("</", "\u{1}")
            .replace("<!--", "\u{2}")
            .replace('<', &format!("<{prefix}:"))
            .replace('\u{1}', &format!("</{prefix}:"))
            .replace('\u{2}', "<!--")
            .replace(&format!("<{prefix}:sdtc:"), "<sdtc:")
            .replace(&format!("</{prefix}:sdtc:"), "</sdtc:");
        let input = format!(
            "\n\n  <?xml-stylesheet type=\"text/xsl\" href=\"CDA.xsl\"?>\n<!-- a comment -->\n{prefixed}"
        );
        let d = detect(input.as_bytes());
        assert_eq!(d.kind, InputKind::Ccda, "{prefix}: {}", d.description);
        assert_eq!(
            d.document_type.as_deref(),
            Some("Progress Note"),
            "{prefix}"
        );
    }
}

#[test]
fn the_corpus_tally() {
    // The whole corpus, by kind: a summary that fails loudly if a folder changes.
    let mut all = Vec::new();
    for folder in ["bad", "c32", "ccda", "cms-text", "fhir", "va-text"] {
        for path in files(folder) {
            let d = detect_file(&path);
            all.push((path, d));
        }
    }
    let counts = tally(&all);
    let total: usize = counts.values().sum();
    assert_eq!(total, 501, "{counts:#?}");
    assert_eq!(counts.get("FhirJson STU3"), Some(&8), "{counts:#?}");
    assert_eq!(counts.get("FhirNdjson R4"), Some(&6), "{counts:#?}");
}
