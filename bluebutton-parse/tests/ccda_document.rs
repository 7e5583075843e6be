//! What the record's `document` gathers beyond the header's basics: the purposes a CCD
//! Purpose section gives, and the codes of the documented service events.

use bluebutton_parse::model::WarningCode;

mod common;
use common::{parse, section};

#[test]
fn the_purpose_section_gives_the_document_purpose() {
    let entry = r#"<entry typeCode="DRIV"><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.1.30"/>
  <code code="23745001" codeSystem="2.16.840.1.113883.6.96" displayName="Documentation procedure"/>
  <statusCode code="completed"/>
  <entryRelationship typeCode="RSON"><act classCode="ACT" moodCode="EVN">
    <code code="308292007" codeSystem="2.16.840.1.113883.6.96" displayName="Transfer of care"/>
    <statusCode code="completed"/>
  </act></entryRelationship>
</act></entry>
<entry><act classCode="ACT" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.1.30"/></act></entry>"#;
    let r = parse(&section(
        "2.16.840.1.113883.10.20.1.13",
        "48764-5",
        "Transfer of care",
        entry,
    ));
    let purposes = &r.document.purposes;
    assert_eq!(purposes.len(), 1);
    assert_eq!(purposes[0].code.as_deref(), Some("308292007"));
    assert!(r.notes.is_empty());
    // The activity with no reason is reported, by position only.
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, WarningCode::MissingElement);
    assert!(r.warnings[0].line.is_some());
}

#[test]
fn service_event_codes_are_kept() {
    let xml = r#"<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
<templateId root="2.16.840.1.113883.10.20.22.1.7"/>
<recordTarget><patientRole><id root="1.2.3" extension="p1"/></patientRole></recordTarget>
<documentationOf><serviceEvent classCode="PROC">
  <code code="29881" codeSystem="2.16.840.1.113883.6.12" displayName="Arthroscopy, knee"/>
  <effectiveTime><low value="20120101"/></effectiveTime>
</serviceEvent></documentationOf>
<documentationOf><serviceEvent classCode="PROC">
  <code code="29888" codeSystem="2.16.840.1.113883.6.12"/>
</serviceEvent></documentationOf>
<documentationOf><serviceEvent classCode="PCPR"><code nullFlavor="NI"/></serviceEvent></documentationOf>
<component><structuredBody/></component>
</ClinicalDocument>"#;
    let r = bluebutton_parse::parse_ccda(xml.as_bytes()).unwrap();
    let codes: Vec<_> = r
        .document
        .service_codes
        .iter()
        .map(|c| c.code.as_deref())
        .collect();
    assert_eq!(codes, [Some("29881"), Some("29888"), None]);
    assert_eq!(
        r.document.service_codes[2].null_flavor.as_deref(),
        Some("NI")
    );
    assert!(r.document.service_period.is_some());
}
