//! Bad and hostile input: every `bad/` corpus file, and a table of edge cases, must give
//! a typed error with a message (and a position for malformed XML), never a panic, never
//! a hang, never an empty "success".
//!
//! Some cases get past detection and are refused by the C-CDA reader (a DOCTYPE with
//! entities, deep nesting, a document cut in its body, invalid UTF-8); they are marked
//! `(reader)` below.

use bluebutton_parse::model::WarningCode;
use bluebutton_parse::{detect, parse, ErrorKind, InputKind, ParseError};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus(path: &str) -> Vec<u8> {
    let full = repo().join("../shared/corpus").join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Names and identifiers in [`SMALL_CCD`] that no error message may repeat.
const PATIENT_DATA: &[&str] = &["Zyxwut", "Qorvanis", "p-98765", "19470312"];

/// A small, complete C-CDA R2.1 CCD, for cutting and corrupting.
const SMALL_CCD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <realmCode code="US"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>
  <id root="2.16.840.1.113883.19.5" extension="doc-1"/>
  <code code="34133-9" codeSystem="2.16.840.1.113883.6.1"/>
  <title>Summary</title>
  <effectiveTime value="20240101"/>
  <recordTarget>
    <patientRole>
      <id root="2.16.840.1.113883.19.5" extension="p-98765"/>
      <patient>
        <name><given>Zyxwut</given><family>Qorvanis</family></name>
        <birthTime value="19470312"/>
      </patient>
    </patientRole>
  </recordTarget>
  <component>
    <structuredBody>
      <component>
        <section>
          <templateId root="2.16.840.1.113883.10.20.22.2.6.1" extension="2015-08-01"/>
          <code code="48765-2" codeSystem="2.16.840.1.113883.6.1"/>
          <title>Allergies</title>
          <text>No known allergies</text>
        </section>
      </component>
    </structuredBody>
  </component>
</ClinicalDocument>
"#;

/// The start of [`SMALL_CCD`] up to its body, and its end, to wrap other content in.
fn header() -> &'static str {
    let at = SMALL_CCD.find("<component>").expect("body");
    SMALL_CCD.get(..at).expect("header")
}

/// [`SMALL_CCD`] cut `delta` bytes after the start of `marker`.
fn cut(marker: &str, delta: usize) -> Vec<u8> {
    let at = SMALL_CCD.find(marker).expect("marker") + delta;
    SMALL_CCD.as_bytes()[..at].to_vec()
}

/// Runs `parse` on another thread and fails if it takes longer than 20 s (an entity
/// expansion or a runaway loop would).
fn parse_in_time(input: &[u8]) -> Result<bluebutton_parse::HealthRecord, ParseError> {
    let input = input.to_vec();
    let (sender, receiver) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || {
            let result = parse(&input);
            let _ = sender.send(result);
        })
        .expect("spawn");
    match receiver.recv_timeout(Duration::from_secs(20)) {
        Ok(result) => {
            let _ = worker.join();
            result
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("parse took longer than 20 s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("parse panicked"),
    }
}

/// `input` is refused with `kind`, a message, a position when malformed, and no patient
/// data.
fn check_refused(input: &[u8], kind: ErrorKind) -> ParseError {
    let error = match parse_in_time(input) {
        Ok(_) => panic!(
            "parsed without an error; expected {kind:?} (detected as {:?})",
            detect(input).kind
        ),
        Err(e) => e,
    };
    assert_eq!(error.kind(), kind, "{error}");
    assert!(
        !error.message().trim().is_empty(),
        "{kind:?} with no message"
    );
    assert!(!error.to_string().is_empty());
    if kind == ErrorKind::Malformed {
        assert!(
            error.line().is_some() && error.column().is_some(),
            "no position: {error}"
        );
    }
    let text = error.to_string();
    for datum in PATIENT_DATA {
        assert!(!text.contains(datum), "patient data in the error: {text}");
    }
    error
}

/// `bad_input!(name(input) => ErrorKind::X, ...)`: one test per case, each checking that
/// `parse(input)` is refused with that kind (see [`check_refused`]).
macro_rules! bad_input {
    ($($(#[$meta:meta])* $name:ident($input:expr) => $kind:expr),+ $(,)?) => {
        $(
            $(#[$meta])*
            #[test]
            fn $name() {
                let input = $input;
                check_refused(AsRef::<[u8]>::as_ref(&input), $kind);
            }
        )+
    };
}

/// Deterministic pseudo-random bytes.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 56) as u8
        })
        .collect()
}

const LAUGHS: &str = r#"<!DOCTYPE ClinicalDocument [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"#;

/// A C-CDA with a DOCTYPE before it and `&entity;` as the patient's given name.
fn with_doctype(doctype: &str, entity: &str) -> String {
    let document = SMALL_CCD
        .split_once("?>\n")
        .map_or(SMALL_CCD, |(_, rest)| rest)
        .replace("Zyxwut", &format!("&{entity};"));
    format!("<?xml version=\"1.0\"?>\n{doctype}{document}")
}

/// The header, then `depth` nested elements inside the body.
fn deep_body(depth: usize) -> String {
    let mut xml = String::from(header());
    xml.push_str("<component><structuredBody>");
    xml.push_str(&"<component><section>".repeat(depth / 2));
    xml.push_str(&"</section></component>".repeat(depth / 2));
    xml.push_str("</structuredBody></component></ClinicalDocument>");
    xml
}

/// A header whose recordTarget nests `depth` elements.
fn deep_header(depth: usize) -> String {
    let at = SMALL_CCD.find("<recordTarget>").expect("recordTarget");
    let mut xml = String::from(&SMALL_CCD[..at]);
    xml.push_str("<recordTarget>");
    xml.push_str(&"<patientRole>".repeat(depth));
    xml.push_str(&"</patientRole>".repeat(depth));
    xml.push_str("</recordTarget><component><structuredBody/></component></ClinicalDocument>");
    xml
}

fn invalid_utf8() -> Vec<u8> {
    let marked = SMALL_CCD.replace("No known allergies", "No known \u{1}allergies");
    marked
        .into_bytes()
        .into_iter()
        .map(|b| if b == 1 { 0xFF } else { b })
        .collect()
}

fn utf16le(text: &str) -> Vec<u8> {
    [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

bad_input! {
    empty(b"") => ErrorKind::Empty,
    whitespace(b" \r\n\t \n") => ErrorKind::Empty,
    byte_order_mark_only(b"\xEF\xBB\xBF") => ErrorKind::Empty,
    utf16_whitespace(utf16le("  \r\n ")) => ErrorKind::Empty,
    nul_filled([0u8; 4096]) => ErrorKind::NotAHealthRecord,
    random_binary(noise(8192, 7)) => ErrorKind::NotAHealthRecord,
    random_binary_after_a_tag([b"<ClinicalDocument>".to_vec(), noise(4096, 11)].concat()) => ErrorKind::NotAHealthRecord,
    zip_archive(b"PK\x03\x04\x14\x00\x00\x00\x08\x00") => ErrorKind::NotAHealthRecord,
    pdf_header(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n") => ErrorKind::NotAHealthRecord,
    html_page(b"<!DOCTYPE html>\n<html><body>Blue Button</body></html>") => ErrorKind::NotAHealthRecord,
    plain_text(b"Dear patient,\nyour records are attached.\n") => ErrorKind::NotAHealthRecord,
    other_xml(b"<?xml version='1.0'?><note><to>x</to></note>") => ErrorKind::NotAHealthRecord,
    fhir_xml(br#"<Patient xmlns="http://hl7.org/fhir"><id value="1"/></Patient>"#) => ErrorKind::NotAHealthRecord,
    json_array(b"[1, 2, 3]") => ErrorKind::NotAHealthRecord,
    other_json(br#"{"access_token": "x", "token_type": "bearer"}"#) => ErrorKind::NotAHealthRecord,
    lone_angle_bracket(b"<") => ErrorKind::Malformed,
    xml_declaration_only(b"<?xml version=\"1.0\"?>\n") => ErrorKind::Malformed,
    unclosed_comment(b"<?xml version=\"1.0\"?>\n<!-- never closed") => ErrorKind::Malformed,
    mismatched_tags(b"<ClinicalDocument><title></code></ClinicalDocument>") => ErrorKind::Malformed,
    bare_ampersand(b"<ClinicalDocument><title>A & B</title></ClinicalDocument>") => ErrorKind::Malformed,
    json_cut(br#"{"resourceType": "Pat"#) => ErrorKind::Malformed,
    json_trailing_comma(b"{\"resourceType\": \"Patient\",\n}") => ErrorKind::Malformed,
    fhir_stu3(br#"{"resourceType": "CapabilityStatement", "fhirVersion": "3.0.2"}"#) => ErrorKind::UnsupportedVersion,
    fhir_dstu2(br#"{"resourceType": "CapabilityStatement", "fhirVersion": "1.0.2"}"#) => ErrorKind::UnsupportedVersion,
    bare_section(br#"<section xmlns="urn:hl7-org:v3"><title>Vitals</title></section>"#) => ErrorKind::Incomplete,
    header_without_body(format!("{}</ClinicalDocument>", header())) => ErrorKind::Incomplete,
    cut_at_1(cut("<?xml", 1)) => ErrorKind::Malformed,
    cut_in_declaration(cut("encoding", 3)) => ErrorKind::Malformed,
    cut_in_root_tag(cut("<ClinicalDocument", 10)) => ErrorKind::Malformed,
    cut_in_template_id(cut("<templateId", 30)) => ErrorKind::Malformed,
    cut_in_attribute_value(cut("extension=\"POCD", 13)) => ErrorKind::Malformed,
    cut_in_record_target(cut("<patient>", 4)) => ErrorKind::Malformed,
    cut_before_body(cut("<component>", 0)) => ErrorKind::Malformed,
    /// (reader) Detection stops at the body; the reader must find the cut.
    cut_in_body(cut("<title>Allergies", 9)) => ErrorKind::Malformed,
    /// (reader)
    cut_before_root_end(cut("</ClinicalDocument>", 5)) => ErrorKind::Malformed,
    /// A billion laughs under a non-CDA root: refused by detection, nothing expanded.
    billion_laughs_other_root(format!("{LAUGHS}<lolz>&lol9;</lolz>")) => ErrorKind::NotAHealthRecord,
    /// (reader) A billion laughs in a C-CDA: the DOCTYPE is refused, nothing expanded.
    billion_laughs(with_doctype(LAUGHS, "lol9")) => ErrorKind::LimitExceeded,
    /// (reader) An external entity: refused, nothing fetched or read.
    external_entity(with_doctype(
        "<!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n",
        "xxe",
    )) => ErrorKind::LimitExceeded,
    /// 100,000 nested elements that are not CDA: refused by detection.
    deep_other_xml(format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000))) => ErrorKind::NotAHealthRecord,
    deep_json("[".repeat(100_000)) => ErrorKind::NotAHealthRecord,
    /// (reader) 100,000 nested sections in a C-CDA body: the depth cap, no stack overflow.
    deep_body_100k(deep_body(100_000)) => ErrorKind::LimitExceeded,
    /// (reader) 100,000 nested elements in the header (past detection's own depth cap).
    deep_header_100k(deep_header(100_000)) => ErrorKind::LimitExceeded,
}

/// (reader) A byte that is not UTF-8 in a UTF-8 ClinicalDocument: the reader may refuse
/// it (`Encoding`) or repair it, but then it must say so in a warning, never silently.
#[test]
fn invalid_utf8_in_a_document_is_never_silent() {
    let input = invalid_utf8();
    assert_eq!(detect(&input).kind, InputKind::Ccda);
    match parse_in_time(&input) {
        Err(e) => assert_eq!(e.kind(), ErrorKind::Encoding, "{e}"),
        Ok(record) => {
            let warning = record
                .warnings
                .iter()
                .find(|w| w.code == WarningCode::InvalidEncoding)
                .expect("an invalid-encoding warning");
            for datum in PATIENT_DATA {
                assert!(!warning.message.contains(datum), "{}", warning.message);
            }
        }
    }
}

#[test]
fn the_small_document_is_a_ccd() {
    let d = detect(SMALL_CCD.as_bytes());
    assert_eq!(d.kind, InputKind::Ccda, "{}", d.description);
    assert_eq!(d.document_type.as_deref(), Some("CCD"));
}

#[test]
fn an_external_entity_is_never_read() {
    let input = with_doctype(
        "<!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n",
        "xxe",
    );
    let hostname = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let hostname = hostname.trim();
    match parse_in_time(input.as_bytes()) {
        Err(e) => {
            if !hostname.is_empty() {
                assert!(!e.to_string().contains(hostname), "{e}");
            }
        }
        Ok(record) => {
            let json = serde_json::to_string(&record).expect("json");
            assert!(
                hostname.is_empty() || !json.contains(hostname),
                "entity read"
            );
            panic!("a DOCTYPE with an external entity was accepted");
        }
    }
}

/// What parsing each `bad/` file must give: the error kind, a word its message must
/// hold, and the position of malformed XML.
/// A 1-based line and column.
type Position = Option<(u32, u32)>;

const BAD: &[(&str, ErrorKind, &str, Position)] = &[
    (
        "170.315_b1_toc_amb_ccd_r21_sample2_v11.html",
        ErrorKind::NotAHealthRecord,
        "HTML",
        None,
    ),
    ("CCD_Vitals.xml", ErrorKind::Incomplete, "section", None),
    (
        "Diagnosis_Reference_Example.xml",
        ErrorKind::Incomplete,
        "recordTarget",
        Some((3, 1)),
    ),
    (
        "NT_BadXml_r11_v2.xml",
        ErrorKind::Malformed,
        "templateId",
        Some((59, 4)),
    ),
    ("Test_File", ErrorKind::Empty, "white space", None),
    (
        "US_Realm_Header_V3_Example.xml",
        ErrorKind::Incomplete,
        "body",
        None,
    ),
    (
        "VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.pdf",
        ErrorKind::NotAHealthRecord,
        "PDF",
        None,
    ),
    (
        "broken.xml",
        ErrorKind::Malformed,
        "not well-formed",
        Some((2, 10)),
    ),
    (
        "bulk-export-log.ndjson",
        ErrorKind::NotAHealthRecord,
        "resourceType",
        None,
    ),
    ("empty.xml", ErrorKind::NotAHealthRecord, "<empty>", None),
    (
        "empty_no_declaration.xml",
        ErrorKind::NotAHealthRecord,
        "<empty>",
        None,
    ),
    ("example.json", ErrorKind::NotAHealthRecord, "JSON", None),
    ("example.txt", ErrorKind::NotAHealthRecord, "text", None),
    (
        "file_0.xml",
        ErrorKind::NotAHealthRecord,
        "<document>",
        None,
    ),
    ("format_x.txt", ErrorKind::NotAHealthRecord, "text", None),
    (
        "g9_json_all-data_jeremy.txt",
        ErrorKind::NotAHealthRecord,
        "FHIR JSON",
        None,
    ),
    (
        "kinsights-sample-timmy.bb.html",
        ErrorKind::NotAHealthRecord,
        "HTML",
        None,
    ),
    (
        "userinfo_v2.json",
        ErrorKind::NotAHealthRecord,
        "JSON",
        None,
    ),
];

#[test]
fn every_bad_file_is_refused_with_a_clear_error() {
    let dir = repo().join("../shared/corpus/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("bad/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let listed: Vec<&str> = BAD.iter().map(|(name, ..)| *name).collect();
    assert_eq!(
        names, listed,
        "the table must list every bad/ file, in order"
    );
    for (name, kind, word, position) in BAD {
        let bytes = corpus(&format!("bad/{name}"));
        let error = parse_in_time(&bytes).expect_err(name);
        assert_eq!(error.kind(), *kind, "{name}: {error}");
        assert_eq!(error.input(), detect(&bytes).kind, "{name}");
        assert!(error.message().contains(word), "{name}: {error}");
        assert_eq!(
            error.line().zip(error.column()),
            *position,
            "{name}: {error}"
        );
        if let Some((line, column)) = position {
            let suffix = format!("(line {line}, column {column})");
            assert!(error.to_string().ends_with(&suffix), "{name}: {error}");
        }
    }
}

/// FHIR is read in R4 (JSON and NDJSON); other FHIR versions are refused with a clear
/// error.
#[test]
fn fhir_r4_is_read_and_other_versions_refused() {
    for (path, kind) in [
        (
            "fhir/us-core/patient-child-example.json",
            bluebutton_parse::model::FormatKind::FhirJson,
        ),
        (
            "fhir/bulk-ndjson-10-patients/Patient.000.ndjson",
            bluebutton_parse::model::FormatKind::FhirNdjson,
        ),
    ] {
        let record = parse(&corpus(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(record.format.kind, kind, "{path}");
        assert!(record.patient.name.is_some(), "{path}");
    }
    let path = "fhir/cms-bb2-api-v1-stu3/patient_read_v1.json";
    let error = parse(&corpus(path)).expect_err(path);
    assert_eq!(
        error.kind(),
        ErrorKind::UnsupportedVersion,
        "{path}: {error}"
    );
    assert!(
        error
            .message()
            .contains("FHIR STU3 is not supported; this library reads FHIR R4"),
        "{path}: {error}"
    );
}

fn sample() -> &'static [u8] {
    static SAMPLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| {
        let path = repo().join("examples/sample-ccd.xml");
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    })
}

/// Whatever detection says, it says it consistently.
fn check_detection(input: &[u8]) {
    let d = detect(input);
    assert!(!d.description.is_empty());
    let positioned = d.line.is_some() && d.column.is_some();
    assert_eq!(d.line.is_some(), d.column.is_some());
    if d.kind == InputKind::MalformedXml {
        assert!(positioned, "{d:?}");
    }
    // Only a C-CDA goes on to a reader: everything else is refused, never an empty success.
    if d.kind != InputKind::Ccda {
        assert!(parse(input).is_err(), "{d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn detect_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check_detection(&bytes);
    }

    #[test]
    fn detect_never_panics_on_markup(text in "[<>/?!\\[\\]a-zA-Z:= \"'&;#x{}\\n\\r\\t-]{0,400}") {
        check_detection(text.as_bytes());
    }

    #[test]
    fn detect_never_panics_on_json(text in "[\\[\\]{}:,\" \\n\\\\a-z0-9.eE+-]{0,400}") {
        check_detection(text.as_bytes());
    }

    #[test]
    fn parse_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn parse_never_panics_on_sample_prefixes(cut in any::<proptest::sample::Index>()) {
        let sample = sample();
        let prefix = &sample[..cut.index(sample.len() + 1)];
        check_detection(prefix);
        let _ = parse(prefix);
    }

    #[test]
    fn parse_never_panics_on_corrupted_samples(
        at in any::<proptest::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut corrupted = sample().to_vec();
        if !corrupted.is_empty() {
            let i = at.index(corrupted.len());
            corrupted[i] = byte;
        }
        check_detection(&corrupted);
        let _ = parse(&corrupted);
    }
}
