//! Facts that used to be lost: the codes templates fix (kept in `source.codes`), an
//! allergy type given twice, an encounter among a result organizer's components, an
//! encounter diagnosis's age at onset and status, a CCD immunization's series number,
//! a planned encounter's location, and who monitors a medication.

mod common;
use common::{parse, section};

const ALLERGIES: &str = "2.16.840.1.113883.10.20.22.2.6.1";
const RESULTS: &str = "2.16.840.1.113883.10.20.22.2.3.1";
const ENCOUNTERS: &str = "2.16.840.1.113883.10.20.22.2.22.1";
const IMMUNIZATIONS: &str = "2.16.840.1.113883.10.20.22.2.2.1";
const MEDICATIONS: &str = "2.16.840.1.113883.10.20.22.2.1.1";
const PLAN: &str = "2.16.840.1.113883.10.20.22.2.10";

/// The codes of a `source.codes` list.
fn codes(source: &bluebutton_parse::model::Source) -> Vec<&str> {
    source
        .codes
        .iter()
        .filter_map(|c| c.code.as_deref())
        .collect()
}

fn allergy_entry(observation_code: &str) -> String {
    format!(
        r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30" extension="2015-08-01"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/><statusCode code="active"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.7" extension="2014-06-09"/>
    {observation_code}
    <value xsi:type="CD" code="419511003" codeSystem="2.16.840.1.113883.6.96" displayName="Propensity to adverse reactions to drug"/>
    <participant typeCode="CSM"><participantRole classCode="MANU"><playingEntity classCode="MMAT">
      <code code="7980" codeSystem="2.16.840.1.113883.6.88"/></playingEntity></participantRole></participant>
    <entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.8"/>
      <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/>
      <value xsi:type="CD" code="6736007" codeSystem="2.16.840.1.113883.6.96"/>
    </observation></entryRelationship>
  </observation></entryRelationship>
</act></entry>"#
    )
}

#[test]
fn an_allergy_keeps_its_concern_assertion_and_severity_codes_in_its_source() {
    let entry = allergy_entry(r#"<code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>"#);
    let r = parse(&section(ALLERGIES, "48765-2", "Allergies", &entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let a = &r.allergies[0];
    assert_eq!(codes(&a.source), ["CONC", "ASSERTION", "SEV"]);
    assert_eq!(a.kind.as_ref().unwrap().code.as_deref(), Some("419511003"));
    assert_eq!(
        a.severity.as_ref().unwrap().code.as_deref(),
        Some("6736007")
    );
}

#[test]
fn an_allergy_typed_in_both_code_and_value_takes_the_value_as_its_type() {
    let entry = allergy_entry(r#"<code code="416098002" codeSystem="2.16.840.1.113883.6.96"/>"#);
    let r = parse(&section(ALLERGIES, "48765-2", "Allergies", &entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let a = &r.allergies[0];
    assert_eq!(a.kind.as_ref().unwrap().code.as_deref(), Some("419511003"));
    assert_eq!(a.allergen.as_ref().unwrap().code.as_deref(), Some("7980"));
    // The code in the slot the template fixes to ASSERTION, in document order.
    assert_eq!(codes(&a.source), ["CONC", "416098002", "SEV"]);
}

#[test]
fn an_encounter_among_a_result_organizers_components_is_kept() {
    let entry = r#"<entry><organizer classCode="BATTERY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.1" extension="2015-08-01"/>
  <code code="24357-6" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.2" extension="2015-08-01"/>
    <code code="5811-5" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
    <value xsi:type="PQ" value="1.015" unit="1"/></observation></component>
  <component><encounter classCode="ENC" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.49"/>
    <id root="1.2.3.4" extension="e1"/>
    <code code="3" codeSystem="1.2.3.4.5" displayName="Hospital Encounter"/>
    <effectiveTime><low value="20100805081900-0500"/><high value="20100805083000-0500"/></effectiveTime>
  </encounter></component>
</organizer></entry>"#;
    let r = parse(&section(RESULTS, "30954-2", "Results", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let g = &r.results[0];
    assert_eq!(g.observations.len(), 1);
    let e = &g.encounters[0];
    assert_eq!(e.code.as_ref().unwrap().code.as_deref(), Some("3"));
    assert_eq!(e.ids[0].value.as_deref(), Some("e1"));
    let period = e.period.as_ref().unwrap();
    assert_eq!(
        period.low.as_ref().unwrap().value.as_deref(),
        Some("2010-08-05T08:19:00-05:00")
    );
}

#[test]
fn an_encounter_diagnosis_is_read_with_its_act_and_its_code_kept_in_the_source() {
    let entry = r#"<entry><encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49" extension="2015-08-01"/>
  <code code="99213" codeSystem="2.16.840.1.113883.6.12"/>
  <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.80" extension="2015-08-01"/>
    <code code="29308-4" codeSystem="2.16.840.1.113883.6.1" displayName="Diagnosis"/>
    <statusCode code="active"/>
    <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
      <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
      <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96"/>
    </observation></entryRelationship>
    <entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.31"/>
      <code code="445518008" codeSystem="2.16.840.1.113883.6.96"/>
      <value xsi:type="PQ" value="57" unit="a"/>
    </observation></entryRelationship>
  </act></entryRelationship>
</encounter></entry>"#;
    let r = parse(&section(ENCOUNTERS, "46240-8", "Encounters", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let e = &r.encounters[0];
    assert_eq!(e.diagnoses.len(), 1, "the age observation is no diagnosis");
    let d = &e.diagnoses[0];
    assert_eq!(d.code.as_ref().unwrap().code.as_deref(), Some("195967001"));
    assert_eq!(d.status.as_deref(), Some("active"));
    assert_eq!(d.onset_age.as_ref().unwrap().value.as_deref(), Some("57"));
    assert!(d.categories.is_empty());
    assert_eq!(codes(&e.source), ["29308-4", "445518008"]);
}

#[test]
fn a_ccd_series_number_is_the_dose_number_and_the_activity_code_is_kept() {
    let entry = r#"<entry><substanceAdministration classCode="SBADM" moodCode="EVN" negationInd="false">
  <templateId root="2.16.840.1.113883.10.20.1.24"/>
  <code code="IMMUNIZ" codeSystem="2.16.840.1.113883.5.4"/>
  <consumable><manufacturedProduct><manufacturedMaterial>
    <code code="88" codeSystem="2.16.840.1.113883.12.292"/></manufacturedMaterial></manufacturedProduct></consumable>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.1.46"/>
    <code code="30973-2" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
    <value xsi:type="INT" value="2"/>
  </observation></entryRelationship>
</substanceAdministration></entry>"#;
    let r = parse(&section(IMMUNIZATIONS, "11369-6", "Immunizations", entry));
    let i = &r.immunizations[0];
    assert_eq!(i.dose_number, Some(2));
    assert_eq!(codes(&i.source), ["IMMUNIZ", "30973-2"]);
}

#[test]
fn a_discharge_medications_wrapper_code_and_sig_code_are_kept() {
    let entry = r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.35" extension="2016-03-01"/>
  <code code="10183-2" codeSystem="2.16.840.1.113883.6.1">
    <translation code="75311-1" codeSystem="2.16.840.1.113883.6.1"/></code>
  <statusCode code="completed"/>
  <entryRelationship typeCode="SUBJ"><substanceAdministration classCode="SBADM" moodCode="INT">
    <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
    <statusCode code="active"/>
    <consumable><manufacturedProduct><manufacturedMaterial>
      <code code="197361" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
    <entryRelationship typeCode="COMP"><substanceAdministration classCode="SBADM" moodCode="INT">
      <templateId root="2.16.840.1.113883.10.20.22.4.147"/>
      <code code="76662-6" codeSystem="2.16.840.1.113883.6.1"/>
      <text>one tablet daily</text>
      <consumable><manufacturedProduct><manufacturedLabeledDrug nullFlavor="NA"/></manufacturedProduct></consumable>
    </substanceAdministration></entryRelationship>
  </substanceAdministration></entryRelationship>
</act></entry>"#;
    let r = parse(&section(
        MEDICATIONS,
        "10183-2",
        "Discharge medications",
        entry,
    ));
    let m = &r.medications[0];
    assert_eq!(m.sig.as_deref(), Some("one tablet daily"));
    assert_eq!(codes(&m.source), ["10183-2", "75311-1", "76662-6"]);
}

#[test]
fn a_planned_encounters_service_delivery_location_is_kept_with_its_type() {
    let entry = r#"<entry><encounter classCode="ENC" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.40" extension="2014-06-09"/>
  <code code="185349003" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="active"/>
  <participant typeCode="LOC"><participantRole classCode="SDLOC">
    <templateId root="2.16.840.1.113883.10.20.22.4.32"/>
    <code code="1117-1" codeSystem="2.16.840.1.113883.6.259" displayName="Family Medicine Clinic"/>
    <playingEntity classCode="PLC"><name>Clinic</name></playingEntity>
  </participantRole></participant>
</encounter></entry>"#;
    let r = parse(&section(PLAN, "18776-5", "Plan", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let a = &r.plan_of_care[0];
    assert_eq!(a.kind.as_deref(), Some("encounter"));
    let l = &a.locations[0];
    assert_eq!(l.kind.as_ref().unwrap().code.as_deref(), Some("1117-1"));
    assert_eq!(l.name.as_deref(), Some("Clinic"));
}

#[test]
fn a_drug_monitoring_act_names_who_monitors_the_medication_and_when() {
    let entry = r#"<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <statusCode code="active"/>
  <consumable><manufacturedProduct><manufacturedMaterial>
    <code code="197361" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
  <entryRelationship typeCode="COMP"><act classCode="ACT" moodCode="INT">
    <templateId root="2.16.840.1.113883.10.20.22.4.123"/>
    <code code="395170001" codeSystem="2.16.840.1.113883.6.96" displayName="Medication monitoring"/>
    <statusCode code="completed"/>
    <effectiveTime xsi:type="IVL_TS"><low value="20130615"/><high value="20130715"/></effectiveTime>
    <participant typeCode="RESP"><participantRole classCode="ASSIGNED">
      <id root="2.3.4" extension="m1"/>
      <playingEntity classCode="PSN"><name><given>Penny</given><family>Puffer</family></name></playingEntity>
    </participantRole></participant>
  </act></entryRelationship>
</substanceAdministration></entry>"#;
    let r = parse(&section(MEDICATIONS, "10160-0", "Medications", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let m = &r.medications[0];
    let who = &m.monitors[0];
    assert_eq!(who.name.as_ref().unwrap().family.as_deref(), Some("Puffer"));
    assert_eq!(who.function.as_ref().unwrap().code.as_deref(), Some("RESP"));
    let time = who.time.as_ref().unwrap();
    assert_eq!(
        time.low.as_ref().unwrap().value.as_deref(),
        Some("2013-06-15")
    );
    assert_eq!(
        time.high.as_ref().unwrap().value.as_deref(),
        Some("2013-07-15")
    );
    assert_eq!(codes(&m.source), ["395170001"]);
}
