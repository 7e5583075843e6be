//! Small C-CDA documents built around test sections, shared by the section tests.

use bluebutton_parse::model::HealthRecord;

/// A minimal valid C-CDA R2.1 CCD around `body` (a structured body's components).
pub fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>
<recordTarget><patientRole><id root="1.2.3" extension="p1"/><patient><name><given>Zed</given></name></patient></patientRole></recordTarget>
<component><structuredBody>{body}</structuredBody></component>
</ClinicalDocument>"#
    )
}

/// A section component with a template, a LOINC code, a narrative and entries.
pub fn section(template: &str, code: &str, narrative: &str, entries: &str) -> String {
    format!(
        r#"<component><section><templateId root="{template}" extension="2015-08-01"/><code code="{code}" codeSystem="2.16.840.1.113883.6.1"/><title>T</title>
<text>{narrative}</text>{entries}</section></component>"#
    )
}

/// The record of a document made of `body`.
pub fn parse(body: &str) -> HealthRecord {
    bluebutton_parse::parse_ccda(doc(body).as_bytes()).unwrap()
}
