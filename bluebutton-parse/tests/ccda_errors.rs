//! The C-CDA reader on broken, hostile, incomplete and oddly encoded input: typed errors
//! with positions, never a panic, never patient data in messages.

use std::path::{Path, PathBuf};

use bluebutton_parse::model::WarningCode;
use bluebutton_parse::{parse_ccda, ErrorKind};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/bad")
        .join(name)
}

fn read_bad(name: &str) -> Vec<u8> {
    std::fs::read(bad(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A minimal valid document around `body` (a structured body's components).
fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sdtc="urn:hl7-org:sdtc">
<templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>
<recordTarget><patientRole><id root="1.2.3" extension="p1"/><patient><name><given>Zed</given></name></patient></patientRole></recordTarget>
<component><structuredBody>{body}</structuredBody></component>
</ClinicalDocument>"#
    )
}

fn allergies_section(entries: &str) -> String {
    format!(
        r#"<component><section><templateId root="2.16.840.1.113883.10.20.22.2.6.1"/><code code="48765-2"/><title>Allergies</title>
<text><content ID="a1">Peanut</content></text>{entries}</section></component>"#
    )
}

#[test]
fn bare_section_is_incomplete() {
    let err = parse_ccda(&read_bad("CCD_Vitals.xml")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Incomplete);
    assert!(err.line().is_some() && err.column().is_some());
}

#[test]
fn header_only_stubs_are_incomplete() {
    for name in [
        "US_Realm_Header_V3_Example.xml",
        "Diagnosis_Reference_Example.xml",
    ] {
        let err = parse_ccda(&read_bad(name)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Incomplete, "{name}: {err}");
    }
}

#[test]
fn broken_tag_is_malformed_with_its_position() {
    // Line 57 opens `<templateId` and never closes it; a comment follows at line 59.
    let err = parse_ccda(&read_bad("NT_BadXml_r11_v2.xml")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed, "{err}");
    assert_eq!(err.line(), Some(59), "{err}");
    assert!(err.column().is_some());
    assert!(err.message().contains("templateId"), "{err}");
}

#[test]
fn not_a_clinical_document() {
    let err = parse_ccda(b"<?xml version='1.0'?><note><to>x</to></note>").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAHealthRecord);
    let err = parse_ccda(b"   ").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
}

#[test]
fn truncated_and_mismatched_documents_are_malformed() {
    let full = doc(&allergies_section(""));
    let cut = &full.as_bytes()[..full.len() / 2];
    let err = parse_ccda(cut).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(err.line().is_some());

    let swapped = full.replace("</title>", "</titel>");
    let err = parse_ccda(swapped.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert_eq!(err.line(), Some(5));

    let trailing = format!("{full}<ClinicalDocument/>");
    assert_eq!(
        parse_ccda(trailing.as_bytes()).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}

#[test]
fn entity_declarations_are_refused() {
    let lol = r#"<?xml version="1.0"?>
<!DOCTYPE ClinicalDocument [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol2;</title></ClinicalDocument>"#;
    let err = parse_ccda(lol.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    assert_eq!(err.line(), Some(2));
}

#[test]
fn undefined_entities_are_malformed_not_expanded() {
    let d =
        doc(&allergies_section("")).replace("<title>Allergies</title>", "<title>&nbsp;</title>");
    assert_eq!(
        parse_ccda(d.as_bytes()).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}

#[test]
fn deep_nesting_is_refused_anywhere() {
    let deep = format!(
        "<paragraph>{}{}</paragraph>",
        "<content>".repeat(400),
        "</content>".repeat(400)
    );
    let d = doc(&allergies_section("")).replace("<content ID=\"a1\">Peanut</content>", &deep);
    assert_eq!(
        parse_ccda(d.as_bytes()).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    // Also inside content the reader skips without looking.
    let skipped = format!("<component><section><templateId root=\"2.16.840.1.113883.10.20.22.2.3.1\"/><entry>{}{}</entry></section></component>",
        "<organizer>".repeat(400), "</organizer>".repeat(400));
    let d = doc(&skipped);
    assert_eq!(
        parse_ccda(d.as_bytes()).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn repeated_attributes_that_are_read_are_malformed() {
    let d = doc(&allergies_section("")).replace(
        "<code code=\"48765-2\"/>",
        "<code code=\"48765-2\" code=\"x\"/>",
    );
    assert_eq!(
        parse_ccda(d.as_bytes()).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}

#[test]
fn latin1_and_utf16_documents_decode() {
    let d = doc(&allergies_section("")).replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    );
    let latin1: Vec<u8> = d
        .replace("Zed", "Zo\u{e9}")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    let r = parse_ccda(&latin1).unwrap();
    assert_eq!(r.patient.name.unwrap().given, vec!["Zo\u{e9}"]);

    let d = doc(&allergies_section("")).replace("Zed", "Zo\u{e9}");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(d.encode_utf16().flat_map(u16::to_le_bytes));
    let r = parse_ccda(&utf16).unwrap();
    assert_eq!(r.patient.name.unwrap().given, vec!["Zo\u{e9}"]);
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning() {
    let mut bytes = doc(&allergies_section("")).into_bytes();
    let at = bytes.windows(3).position(|w| w == b"Zed").unwrap();
    bytes[at + 1] = 0xFF;
    let r = parse_ccda(&bytes).unwrap();
    assert_eq!(r.patient.name.unwrap().given, vec!["Z\u{FFFD}d"]);
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::InvalidEncoding)
        .unwrap();
    assert_eq!(w.line, Some(4));
}

#[test]
fn prefixed_namespaces_are_read() {
    let d = r#"<?xml version="1.0"?>
<v3:ClinicalDocument xmlns:v3="urn:hl7-org:v3" xmlns:ext="urn:hl7-org:sdtc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <v3:templateId root="2.16.840.1.113883.10.20.22.1.2"/>
 <v3:recordTarget><v3:patientRole><v3:patient>
  <v3:raceCode code="2106-3"/><ext:raceCode code="2028-9"/><v3:ethnicGroupCode code="2186-5"/>
 </v3:patient></v3:patientRole></v3:recordTarget>
 <v3:component><v3:structuredBody><v3:component><v3:section>
  <v3:templateId root="2.16.840.1.113883.10.20.22.2.5.1"/>
  <v3:entry><v3:act><v3:templateId root="2.16.840.1.113883.10.20.22.4.3"/>
   <v3:entryRelationship typeCode="SUBJ"><v3:observation><v3:templateId root="2.16.840.1.113883.10.20.22.4.4"/>
    <v3:value xsi:type="CD" code="59621000" codeSystem="2.16.840.1.113883.6.96"/>
   </v3:observation></v3:entryRelationship></v3:act></v3:entry>
 </v3:section></v3:component></v3:structuredBody></v3:component>
</v3:ClinicalDocument>"#;
    let r = bluebutton_parse::parse(d.as_bytes()).unwrap();
    assert_eq!(r.format.document_type.as_deref(), Some("CCD"));
    let race: Vec<_> = r
        .patient
        .race
        .iter()
        .map(|c| c.code.as_deref().unwrap())
        .collect();
    assert_eq!(race, ["2106-3", "2028-9"]);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(
        r.problems[0].code.as_ref().unwrap().code.as_deref(),
        Some("59621000")
    );
}

#[test]
fn unknown_and_empty_entries_still_become_items() {
    let entries = r##"<entry><observation classCode="OBS" moodCode="EVN"><templateId root="9.9.9"/>
        <value xsi:type="CD" code="91935009" codeSystem="2.16.840.1.113883.6.96"><originalText><reference value="#a1"/></originalText></value>
        </observation></entry><entry/>"##;
    let r = parse_ccda(doc(&allergies_section(entries)).as_bytes()).unwrap();
    assert_eq!(r.allergies.len(), 2);
    let kind = r.allergies[0].kind.as_ref().unwrap();
    assert_eq!(kind.code.as_deref(), Some("91935009"));
    assert_eq!(kind.original_text.as_deref(), Some("Peanut"));
    assert_eq!(r.allergies[0].source.template_ids, vec!["9.9.9"]);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::UnknownEntry));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::MissingElement));
}

#[test]
fn messages_never_quote_patient_data() {
    const SENTINEL: &str = "SENTINEL7";
    let entries = format!(
        r##"<entry><act><templateId root="2.16.840.1.113883.10.20.22.4.30"/><effectiveTime><low value="{SENTINEL}"/></effectiveTime>
        <entryRelationship typeCode="SUBJ"><observation><templateId root="2.16.840.1.113883.10.20.22.4.7"/>
        <text><reference value="#{SENTINEL}"/></text>
        <value xsi:type="INT" value="{SENTINEL}"/></observation></entryRelationship></act></entry>"##
    );
    let d = doc(&allergies_section(&entries)).replace("Zed", SENTINEL);
    let r = parse_ccda(d.as_bytes()).unwrap();
    assert!(r.warnings.len() >= 3, "{:?}", r.warnings);
    for w in &r.warnings {
        assert!(!w.message.contains(SENTINEL), "{}", w.message);
    }
    let broken = d.replace("</patient>", "</patients>");
    let err = parse_ccda(broken.as_bytes()).unwrap_err();
    assert!(!err.to_string().contains(SENTINEL), "{err}");
}

#[test]
fn no_panic_on_any_prefix_of_the_sample() {
    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample-ccd.xml"))
            .unwrap();
    for end in (0..sample.len()).step_by(97) {
        if let Err(e) = parse_ccda(&sample[..end]) {
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::Malformed | ErrorKind::Incomplete | ErrorKind::NotAHealthRecord
                ),
                "{e}"
            );
        }
    }
}
