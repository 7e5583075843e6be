//! Results and vital signs sections: one observation group per `<entry>`, every value
//! type, interpretations, reference ranges, specimens, comments and narrative references.

use std::path::Path;

use bluebutton_parse::model::{ValueKind, WarningCode};

mod common;
use common::{parse, section};

const RESULTS: &str = "2.16.840.1.113883.10.20.22.2.3.1";
const VITALS: &str = "2.16.840.1.113883.10.20.22.2.4.1";

const PANEL: &str = r##"<entry typeCode="DRIV"><organizer classCode="BATTERY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.1" extension="2015-08-01"/>
  <id root="7d5a02b0-67a4-11db-bd13-0800200c9a66"/>
  <code code="57021-8" codeSystem="2.16.840.1.113883.6.1" displayName="CBC W Auto Differential panel"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20150622"/><high value="20150622"/></effectiveTime>
  <author><time value="20150622"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="111"/></assignedAuthor></author>
  <specimen><specimenRole><specimenPlayingEntity><code code="122555007" codeSystem="2.16.840.1.113883.6.96" displayName="Venous blood specimen"/></specimenPlayingEntity></specimenRole></specimen>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.2" extension="2015-08-01"/>
    <id root="107c2dc0-67a5-11db-bd13-0800200c9a66"/>
    <code code="718-7" codeSystem="2.16.840.1.113883.6.1" displayName="Hemoglobin">
      <originalText><reference value="#res1name"/></originalText>
      <translation code="HGB" codeSystem="1.2.3.4" displayName="Local HGB"/>
    </code>
    <text><reference value="#res1"/></text>
    <statusCode code="completed"/>
    <effectiveTime value="20150622"/>
    <value xsi:type="PQ" value="13.20" unit="g/dL"/>
    <interpretationCode code="N" codeSystem="2.16.840.1.113883.5.83"/>
    <interpretationCode code="A" codeSystem="2.16.840.1.113883.5.83"/>
    <methodCode code="0031" codeSystem="2.16.840.1.113883.5.84"/>
    <targetSiteCode code="368208006" codeSystem="2.16.840.1.113883.6.96"/>
    <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.64"/><code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
      <text><reference value="#c1"/></text></act></entryRelationship>
    <referenceRange><observationRange><text>M 13-18 g/dl; F 12-16 g/dl</text>
      <value xsi:type="IVL_PQ"><low value="12.0" unit="g/dL"/><high value="16.0" unit="g/dL"/></value>
      <interpretationCode code="N" codeSystem="2.16.840.1.113883.5.83"/></observationRange></referenceRange>
    <referenceRange><observationRange><value xsi:type="CD" code="260385009" codeSystem="2.16.840.1.113883.6.96" displayName="Negative"/></observationRange></referenceRange>
  </observation></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.2"/>
    <code code="5778-6" codeSystem="2.16.840.1.113883.6.1"/>
    <statusCode code="active"/>
    <value xsi:type="CD" code="371244009" codeSystem="2.16.840.1.113883.6.96"><originalText><reference value="#res2"/></originalText></value>
  </observation></component>
  <component><act classCode="ACT" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.64"/><text>Panel comment</text></act></component>
</organizer></entry>"##;

const PANEL_NARRATIVE: &str = r##"<table><tbody><tr ID="res1"><td ID="res1name">HGB</td><td>13.2</td></tr>
<tr><td ID="res2">Yellow</td></tr></tbody></table><paragraph ID="c1">Drawn late</paragraph>"##;

#[test]
fn result_organizer_maps_panel_and_observations() {
    let r = parse(&section(RESULTS, "30954-2", PANEL_NARRATIVE, PANEL));
    assert_eq!(r.results.len(), 1);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let g = &r.results[0];
    assert_eq!(g.code.as_ref().unwrap().code.as_deref(), Some("57021-8"));
    assert_eq!(g.ids.len(), 1);
    assert_eq!(g.status.as_deref(), Some("completed"));
    assert!(g.time.as_ref().unwrap().low.is_some());
    assert_eq!(
        g.specimen.as_ref().unwrap().code.as_deref(),
        Some("122555007")
    );
    assert_eq!(g.authors.len(), 1);
    assert_eq!(g.notes, vec!["Panel comment"]);
    assert_eq!(g.source.section_code.as_deref(), Some("30954-2"));
    assert!(g.source.line > 0 && g.source.column > 0);
    assert_eq!(g.observations.len(), 2);

    let o = &g.observations[0];
    let code = o.code.as_ref().unwrap();
    assert_eq!(code.code.as_deref(), Some("718-7"));
    assert_eq!(code.original_text.as_deref(), Some("HGB"));
    assert_eq!(code.translations[0].code.as_deref(), Some("HGB"));
    assert_eq!(o.text.as_deref(), Some("HGB | 13.2"));
    assert_eq!(o.status.as_deref(), Some("completed"));
    assert_eq!(o.mood, None);
    assert!(o.time.as_ref().unwrap().value.is_some());
    let v = o.value.as_ref().unwrap();
    assert_eq!(v.kind, ValueKind::Quantity);
    let q = v.quantity.as_ref().unwrap();
    assert_eq!(q.value.as_deref(), Some("13.20"));
    assert_eq!(q.unit.as_deref(), Some("g/dL"));
    assert_eq!(o.interpretations.len(), 2);
    assert_eq!(o.interpretations[1].code.as_deref(), Some("A"));
    assert_eq!(o.method.as_ref().unwrap().code.as_deref(), Some("0031"));
    assert_eq!(o.body_sites[0].code.as_deref(), Some("368208006"));
    assert_eq!(o.notes, vec!["Drawn late"]);
    assert_eq!(o.reference_ranges.len(), 2);
    let rr = &o.reference_ranges[0];
    assert_eq!(rr.low.as_ref().unwrap().value.as_deref(), Some("12.0"));
    assert_eq!(rr.high.as_ref().unwrap().value.as_deref(), Some("16.0"));
    assert_eq!(rr.text.as_deref(), Some("M 13-18 g/dl; F 12-16 g/dl"));
    assert_eq!(rr.meaning.as_ref().unwrap().code.as_deref(), Some("N"));
    assert_eq!(
        o.reference_ranges[1]
            .normal
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("260385009")
    );
    assert_eq!(
        o.source.template_ids,
        vec!["2.16.840.1.113883.10.20.22.4.2:2015-08-01"]
    );

    let o2 = &g.observations[1];
    let v2 = o2.value.as_ref().unwrap();
    assert_eq!(v2.kind, ValueKind::Coded);
    assert_eq!(
        v2.coded.as_ref().unwrap().original_text.as_deref(),
        Some("Yellow")
    );
    assert_eq!(o2.status.as_deref(), Some("active"));
}

fn one_value(xml: &str) -> bluebutton_parse::model::Value {
    let entry = format!(
        r#"<entry><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.2"/>
        <code code="1-8" codeSystem="2.16.840.1.113883.6.1"/>{xml}</observation></entry>"#
    );
    let r = parse(&section(
        RESULTS,
        "30954-2",
        r##"<content ID="t1">See report</content>"##,
        &entry,
    ));
    assert_eq!(r.results.len(), 1);
    let g = &r.results[0];
    assert_eq!(
        g.code, None,
        "a bare observation forms a group with no code"
    );
    assert_eq!(g.observations.len(), 1);
    g.observations[0].value.clone().unwrap()
}

#[test]
fn every_value_type() {
    let v = one_value(r#"<value xsi:type="IVL_PQ"><high value="0.5" unit="mg/dL"/></value>"#);
    assert_eq!(v.kind, ValueKind::Range);
    let range = v.range.unwrap();
    assert_eq!(range.low, None);
    assert_eq!(range.high.unwrap().value.as_deref(), Some("0.5"));

    let v =
        one_value(r#"<value xsi:type="CO" code="LA6576-8" codeSystem="2.16.840.1.113883.6.1"/>"#);
    assert_eq!(v.kind, ValueKind::Coded);
    assert_eq!(v.source_type.as_deref(), Some("CO"));

    let v = one_value(r#"<value xsi:type="ST">  Positive   for A </value>"#);
    assert_eq!(v.kind, ValueKind::Text);
    assert_eq!(v.text.as_deref(), Some("Positive for A"));

    let v = one_value(r##"<value xsi:type="ED"><reference value="#t1"/></value>"##);
    assert_eq!(v.text.as_deref(), Some("See report"));

    let v = one_value(r#"<value xsi:type="ED" nullFlavor="TRC"/>"#);
    assert_eq!(v.kind, ValueKind::Absent);
    assert_eq!(v.attachment, None);
    assert_eq!(v.null_flavor.as_deref(), Some("TRC"));

    let v = one_value(r#"<value xsi:type="INT" value="7"/>"#);
    assert_eq!((v.kind, v.integer), (ValueKind::Integer, Some(7)));

    let v = one_value(r#"<value xsi:type="REAL" value="1.050"/>"#);
    assert_eq!(v.kind, ValueKind::Quantity);
    assert_eq!(v.quantity.unwrap().value.as_deref(), Some("1.050"));

    let v = one_value(r#"<value xsi:type="BL" value="false"/>"#);
    assert_eq!((v.kind, v.boolean), (ValueKind::Boolean, Some(false)));

    let v = one_value(r#"<value xsi:type="TS" value="20200102"/>"#);
    assert_eq!(v.kind, ValueKind::Time);

    let v = one_value(
        r#"<value xsi:type="RTO_PQ_PQ"><numerator value="1"/><denominator value="64"/></value>"#,
    );
    assert_eq!(v.kind, ValueKind::Ratio);
    assert_eq!(
        v.ratio.unwrap().denominator.unwrap().value.as_deref(),
        Some("64")
    );
}

#[test]
fn empty_coded_elements_are_dropped() {
    let entry = r#"<entry><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.2"/>
        <code code="1-8" codeSystem="2.16.840.1.113883.6.1"/><value xsi:type="PQ" value="1" unit="1"/>
        <interpretationCode/><methodCode/><targetSiteCode/>
        <referenceRange><observationRange><value xsi:type="PQ" value="5" unit="mg"/></observationRange></referenceRange>
        </observation></entry>"#;
    let r = parse(&section(RESULTS, "30954-2", "x", entry));
    let o = &r.results[0].observations[0];
    assert!(o.interpretations.is_empty() && o.body_sites.is_empty());
    assert_eq!(o.method, None);
    // A lone quantity as a range is kept as its text.
    assert_eq!(o.reference_ranges[0].text.as_deref(), Some("5 mg"));
    assert_eq!(o.reference_ranges[0].low, None);
}

#[test]
fn vital_signs_organizer() {
    let entries = r##"<entry><organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.26" extension="2015-08-01"/>
      <id root="c6f88320-67ad-11db-bd13-0800200c9a66"/>
      <code code="46680005" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <effectiveTime value="20150622"/>
      <component><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.27"/>
        <code code="8480-6" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
        <effectiveTime value="20150622"/><value xsi:type="PQ" value="120" unit="mm[Hg]"/>
        <interpretationCode code="N" codeSystem="2.16.840.1.113883.5.83"/></observation></component>
      <component><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.27"/>
        <code code="29463-7" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
        <value xsi:type="PQ" value="190.0" unit="[lb_av]"/></observation></component>
    </organizer></entry>
    <entry><organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.1.35"/>
      <code code="46680005" codeSystem="2.16.840.1.113883.6.96"/>
      <component><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.1.31"/>
        <code code="8310-5" codeSystem="2.16.840.1.113883.6.1"/><value xsi:type="PQ" value="37.0" unit="Cel"/></observation></component>
    </organizer></entry>"##;
    let r = parse(&section(VITALS, "8716-3", "Vitals table", entries));
    assert_eq!(r.vitals.len(), 2);
    assert!(r.results.is_empty());
    assert!(r.notes.is_empty());
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let g = &r.vitals[0];
    assert_eq!(g.code.as_ref().unwrap().code.as_deref(), Some("46680005"));
    assert_eq!(g.observations.len(), 2);
    let w = g.observations[1].value.as_ref().unwrap();
    assert_eq!(w.quantity.as_ref().unwrap().value.as_deref(), Some("190.0"));
    assert_eq!(
        w.quantity.as_ref().unwrap().unit.as_deref(),
        Some("[lb_av]")
    );
    assert_eq!(g.observations[0].interpretations.len(), 1);
    // No organizer time is invented from the observations.
    assert_eq!(r.vitals[1].time, None);
    assert_eq!(r.vitals[1].observations.len(), 1);
}

#[test]
fn unknown_entries_are_kept_with_a_warning() {
    let entries = r#"<entry><act classCode="ACT" moodCode="EVN"><templateId root="9.9.9"/>
        <code code="X"/><entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">
        <code code="2345-7" codeSystem="2.16.840.1.113883.6.1"/><value xsi:type="PQ" value="99" unit="mg/dL"/></observation></entryRelationship>
        <entryRelationship typeCode="COMP"><encounter classCode="ENC" moodCode="EVN"/></entryRelationship></act></entry>
        <entry/>"#;
    let r = parse(&section(RESULTS, "30954-2", "x", entries));
    assert_eq!(r.results.len(), 2);
    assert_eq!(r.results[0].observations.len(), 1);
    assert_eq!(r.results[1].observations.len(), 0);
    let codes: Vec<_> = r.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&WarningCode::UnknownEntry), "{codes:?}");
    assert!(codes.contains(&WarningCode::UnmappedElement), "{codes:?}");
    assert!(codes.contains(&WarningCode::MissingElement), "{codes:?}");
    for w in &r.warnings {
        assert!(!w.message.contains("mg/dL") && !w.message.contains("99"));
    }
}

#[test]
fn sections_found_by_code_alone_and_empty_sections_stay_notes() {
    let body = r#"<component><section><code code="8716-3" codeSystem="2.16.840.1.113883.6.1"/><title>Vitals</title><text>t</text>
        <entry><observation classCode="OBS" moodCode="EVN"><code code="8867-4"/><value xsi:type="PQ" value="60" unit="/min"/></observation></entry></section></component>
        <component><section><templateId root="2.16.840.1.113883.10.20.22.2.3.1"/><code code="30954-2"/><title>Results</title><text>None recorded</text></section></component>"#;
    let r = parse(body);
    assert_eq!(r.vitals.len(), 1);
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.notes[0].text.as_deref(), Some("None recorded"));
    assert!(r
        .warnings
        .iter()
        .all(|w| w.code != WarningCode::UnmappedElement));
}

#[test]
fn hl7_ccd_results_and_vitals() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/ccda/hl7-c-cda-examples/CCD_2_CCD.xml");
    let r = bluebutton_parse::parse(&std::fs::read(path).unwrap()).unwrap();
    assert!(!r.results.is_empty() && !r.vitals.is_empty());
    for g in r.results.iter().chain(&r.vitals) {
        assert!(!g.observations.is_empty());
        for o in &g.observations {
            assert!(o.code.is_some() && o.value.is_some());
        }
    }
    assert!(r.notes.iter().all(|n| !matches!(
        n.code.as_ref().and_then(|c| c.code.as_deref()),
        Some("30954-2" | "8716-3")
    )));
}

#[test]
fn a_procedure_in_a_results_organizer_is_kept_with_its_group() {
    let entry = r#"<entry><organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.1.32"/>
  <code code="79301008" codeSystem="2.16.840.1.113883.6.96" displayName="Electrolytes measurement"/>
  <statusCode code="completed"/>
  <component><procedure classCode="PROC" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.1.29"/>
    <code code="79301008" codeSystem="2.16.840.1.113883.6.96"/>
    <statusCode code="completed"/>
    <priorityCode code="S" codeSystem="2.16.840.1.113883.5.7" displayName="Stat"/>
    <effectiveTime><low value="20090608120900-0500"/></effectiveTime>
  </procedure></component>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.1.31"/>
    <code code="2951-2" codeSystem="2.16.840.1.113883.6.1"/>
    <value xsi:type="PQ" value="140" unit="mmol/L"/>
  </observation></component>
</organizer></entry>"#;
    let r = parse(&section(RESULTS, "30954-2", "Results", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.results.len(), 1);
    assert_eq!(r.results[0].observations.len(), 1);
    assert!(r.procedures.is_empty());
    let p = &r.results[0].procedures[0];
    assert_eq!(p.code.as_ref().unwrap().code.as_deref(), Some("79301008"));
    assert_eq!(p.priority.as_ref().unwrap().code.as_deref(), Some("S"));
    assert!(p.period.as_ref().unwrap().low.is_some());
    assert!(p.source.line > 0);
    assert_eq!(p.source.template_ids, ["2.16.840.1.113883.10.20.1.29"]);
}
