//! Immunizations, procedures, encounters and social history sections: one model item per
//! `<entry>`, with the facts of MODEL-NOTES §3.4, §3.7, §3.8 and §3.9, and unknown entries
//! kept with a warning that holds no patient data.

use std::path::Path;

use bluebutton_parse::model::{ValueKind, WarningCode};

mod common;
use common::{parse, section};

const IMMUNIZATIONS: &str = "2.16.840.1.113883.10.20.22.2.2.1";
const PROCEDURES: &str = "2.16.840.1.113883.10.20.22.2.7.1";
const ENCOUNTERS: &str = "2.16.840.1.113883.10.20.22.2.22.1";
const SOCIAL: &str = "2.16.840.1.113883.10.20.22.2.17";

const IMMUNIZATION: &str = r##"<entry><substanceAdministration classCode="SBADM" moodCode="EVN" negationInd="false">
  <templateId root="2.16.840.1.113883.10.20.22.4.52" extension="2015-08-01"/>
  <id root="e6f1ba43-c0ed-4b9b-9f12-f435d8ad8f92"/>
  <statusCode code="completed"/>
  <effectiveTime value="20100815"/>
  <repeatNumber value="2"/>
  <routeCode code="C28161" codeSystem="2.16.840.1.113883.3.26.1.1" displayName="Intramuscular injection"/>
  <approachSiteCode code="368208006" codeSystem="2.16.840.1.113883.6.96" displayName="Left upper arm"/>
  <doseQuantity value="50" unit="ug"/>
  <consumable><manufacturedProduct classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.54" extension="2014-06-09"/>
    <manufacturedMaterial>
      <code code="140" codeSystem="2.16.840.1.113883.12.292" displayName="Influenza, seasonal, injectable, preservative free">
        <translation code="49281-0703-55" codeSystem="2.16.840.1.113883.6.69"/>
      </code>
      <lotNumberText>1</lotNumberText>
    </manufacturedMaterial>
    <manufacturerOrganization><name>Health LS - Immuno Inc.</name></manufacturerOrganization>
  </manufacturedProduct></consumable>
  <performer><assignedEntity><id root="2.16.840.1.113883.4.6" extension="1234567890"/></assignedEntity></performer>
  <entryRelationship typeCode="CAUS"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.9" extension="2014-06-09"/>
    <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
    <value xsi:type="CD" code="247472004" codeSystem="2.16.840.1.113883.6.96" displayName="Hives"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="INT">
    <templateId root="2.16.840.1.113883.10.20.22.4.20" extension="2014-06-09"/>
    <code code="171044003" codeSystem="2.16.840.1.113883.6.96" displayName="immunization education"/>
    <text><reference value="#imm-instr"/></text>
  </act></entryRelationship>
</substanceAdministration></entry>"##;

const REFUSED: &str = r#"<entry><substanceAdministration classCode="SBADM" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.52" extension="2015-08-01"/>
  <statusCode code="completed"/><effectiveTime value="2011"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code code="88" codeSystem="2.16.840.1.113883.12.292"/></manufacturedMaterial></manufacturedProduct></consumable>
  <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.53"/>
    <code code="PATOBJ" codeSystem="2.16.840.1.113883.5.8" displayName="patient objection"/>
  </observation></entryRelationship>
</substanceAdministration></entry>"#;

#[test]
fn immunization_activity_maps_vaccine_dose_and_related() {
    let narrative = r#"<paragraph ID="imm-instr">Possible flu-like symptoms</paragraph>"#;
    let r = parse(&section(
        IMMUNIZATIONS,
        "11369-6",
        narrative,
        &format!("{IMMUNIZATION}{REFUSED}"),
    ));
    assert_eq!(r.immunizations.len(), 2);
    let i = &r.immunizations[0];
    let vaccine = i.vaccine.as_ref().unwrap();
    assert_eq!(vaccine.code.as_deref(), Some("140"));
    assert_eq!(vaccine.translations.len(), 1);
    assert_eq!(i.status.as_deref(), Some("completed"));
    assert!(!i.negated);
    assert!(i.time.is_some());
    assert_eq!(i.dose_number, Some(2));
    assert_eq!(i.lot_number.as_deref(), Some("1"));
    assert_eq!(i.manufacturer.as_deref(), Some("Health LS - Immuno Inc."));
    assert_eq!(i.route.as_ref().unwrap().code.as_deref(), Some("C28161"));
    assert_eq!(i.site.as_ref().unwrap().code.as_deref(), Some("368208006"));
    assert_eq!(i.dose.as_ref().unwrap().value.as_deref(), Some("50"));
    assert_eq!(i.performers.len(), 1);
    assert_eq!(i.reactions.len(), 1);
    assert_eq!(
        i.reactions[0]
            .manifestation
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("247472004")
    );
    assert_eq!(i.instructions.len(), 1);
    assert_eq!(
        i.instructions[0].original_text.as_deref(),
        Some("Possible flu-like symptoms")
    );
    assert_eq!(i.source.section_code.as_deref(), Some("11369-6"));
    assert!(i.source.line > 0);

    let refused = &r.immunizations[1];
    assert!(refused.negated);
    assert_eq!(
        refused.refusal_reason.as_ref().unwrap().code.as_deref(),
        Some("PATOBJ")
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert!(r.notes.is_empty());
}

const PROCEDURE: &str = r##"<entry><procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
  <id root="d68b7e32-7810-4f5b-9cc2-acd54b0fd85d"/>
  <code code="73761001" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscopy"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20120512"/><high value="20120512"/></effectiveTime>
  <priorityCode code="CR" codeSystem="2.16.840.1.113883.5.7"/>
  <methodCode code="129303008" codeSystem="2.16.840.1.113883.6.96"/>
  <targetSiteCode code="302508007" codeSystem="2.16.840.1.113883.6.96" displayName="Colon"/>
  <specimen typeCode="SPC"><specimenRole classCode="SPEC"><specimenPlayingEntity><code code="309226005" codeSystem="2.16.840.1.113883.6.96"/></specimenPlayingEntity></specimenRole></specimen>
  <performer><assignedEntity><id root="2.16.840.1.113883.19" extension="1234"/></assignedEntity></performer>
  <participant typeCode="DEV"><participantRole classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
    <playingDevice><code code="90412006" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscope"/></playingDevice>
  </participantRole></participant>
  <participant typeCode="LOC"><participantRole classCode="SDLOC">
    <templateId root="2.16.840.1.113883.10.20.22.4.32"/>
    <code code="1160-1" codeSystem="2.16.840.1.113883.6.259" displayName="Urgent Care Center"/>
    <playingEntity classCode="PLC"><name>Community Urgent Care Center</name></playingEntity>
  </participantRole></participant>
  <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.19" extension="2014-06-09"/>
    <code code="404684003" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="271737000" codeSystem="2.16.840.1.113883.6.96" displayName="Anemia"/>
  </observation></entryRelationship>
</procedure></entry>"##;

const PROCEDURE_OBS: &str = r#"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.13" extension="2014-06-09"/>
  <code code="274025005" codeSystem="2.16.840.1.113883.6.96" displayName="Colonic polypectomy"/>
  <statusCode code="completed"/><effectiveTime value="20120512"/>
  <value xsi:type="CD" code="X" codeSystem="2.16.840.1.113883.6.96"/>
</observation></entry>"#;

const PROCEDURE_NOT_DONE: &str = r#"<entry><act classCode="ACT" moodCode="EVN" negationInd="true">
  <templateId root="2.16.840.1.113883.10.20.22.4.12" extension="2014-06-09"/>
  <code code="183932001" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="completed"/>
  <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.24.3.88" extension="2017-08-01"/>
    <code code="77301-0" codeSystem="2.16.840.1.113883.6.1"/>
    <value xsi:type="CD" code="183944003" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
</act></entry>"#;

#[test]
fn procedures_by_kind_with_sites_devices_locations_and_reasons() {
    let entries = format!("{PROCEDURE}{PROCEDURE_OBS}{PROCEDURE_NOT_DONE}");
    let r = parse(&section(PROCEDURES, "47519-4", "Procedures", &entries));
    assert_eq!(r.procedures.len(), 3);
    let p = &r.procedures[0];
    assert_eq!(p.kind.as_deref(), Some("procedure"));
    assert_eq!(p.code.as_ref().unwrap().code.as_deref(), Some("73761001"));
    assert_eq!(p.status.as_deref(), Some("completed"));
    assert!(p.period.is_some());
    assert_eq!(p.priority.as_ref().unwrap().code.as_deref(), Some("CR"));
    assert_eq!(p.methods.len(), 1);
    assert_eq!(p.body_sites[0].code.as_deref(), Some("302508007"));
    assert_eq!(p.specimens[0].code.as_deref(), Some("309226005"));
    assert_eq!(p.devices[0].code.as_deref(), Some("90412006"));
    assert_eq!(p.locations.len(), 1);
    assert_eq!(
        p.locations[0].name.as_deref(),
        Some("Community Urgent Care Center")
    );
    assert_eq!(
        p.locations[0].kind.as_ref().unwrap().code.as_deref(),
        Some("1160-1")
    );
    assert_eq!(p.reasons[0].code.as_deref(), Some("271737000"));
    assert_eq!(p.performers.len(), 1);

    let o = &r.procedures[1];
    assert_eq!(o.kind.as_deref(), Some("observation"));
    assert_eq!(o.value.as_ref().unwrap().kind, ValueKind::Coded);

    let a = &r.procedures[2];
    assert_eq!(a.kind.as_deref(), Some("act"));
    assert!(a.negated);
    assert_eq!(
        a.negation_reason.as_ref().unwrap().code.as_deref(),
        Some("183944003")
    );
    assert!(a.reasons.is_empty());
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

const ENCOUNTER: &str = r#"<entry><encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49" extension="2015-08-01"/>
  <id root="2a620155-9d11-439e-92b3-5d9815ff4de8"/>
  <code code="99213" codeSystem="2.16.840.1.113883.6.12" displayName="Office outpatient visit 15 minutes"/>
  <effectiveTime value="20120806"/>
  <sdtc:dischargeDispositionCode code="01" codeSystem="2.16.840.1.113883.12.112"/>
  <performer><assignedEntity><id root="2.16.840.1.113883.4.6" extension="1"/><code code="59058001" codeSystem="2.16.840.1.113883.6.96"/></assignedEntity></performer>
  <participant typeCode="LOC"><participantRole classCode="SDLOC">
    <templateId root="2.16.840.1.113883.10.20.22.4.32"/>
    <code code="1160-1" codeSystem="2.16.840.1.113883.6.259"/>
    <playingEntity classCode="PLC"><name>Good Health Clinic</name></playingEntity>
  </participantRole></participant>
  <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.19" extension="2014-06-09"/>
    <code code="404684003" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="233604007" codeSystem="2.16.840.1.113883.6.96" displayName="Pneumonia"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="SUBJ"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.80" extension="2015-08-01"/>
    <code code="29308-4" codeSystem="2.16.840.1.113883.6.1"/>
    <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
      <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <effectiveTime><low value="20120806"/></effectiveTime>
      <value xsi:type="CD" code="233604007" codeSystem="2.16.840.1.113883.6.96" displayName="Pneumonia">
        <translation code="J18.9" codeSystem="2.16.840.1.113883.6.90"/>
      </value>
    </observation></entryRelationship>
  </act></entryRelationship>
</encounter></entry>"#;

#[test]
fn encounter_activity_maps_locations_diagnoses_and_reasons() {
    let entries = format!("{ENCOUNTER}<entry/>");
    let r = parse(&section(ENCOUNTERS, "46240-8", "Encounters", &entries));
    assert_eq!(r.encounters.len(), 2);
    let e = &r.encounters[0];
    assert_eq!(e.code.as_ref().unwrap().code.as_deref(), Some("99213"));
    assert_eq!(e.mood.as_deref(), Some("EVN"));
    assert!(e.period.is_some());
    assert_eq!(e.performers.len(), 1);
    assert_eq!(e.locations[0].name.as_deref(), Some("Good Health Clinic"));
    assert_eq!(e.reasons[0].code.as_deref(), Some("233604007"));
    assert_eq!(
        e.discharge_disposition.as_ref().unwrap().code.as_deref(),
        Some("01")
    );
    assert_eq!(e.diagnoses.len(), 1);
    let d = &e.diagnoses[0];
    let code = d.code.as_ref().unwrap();
    assert_eq!(code.code.as_deref(), Some("233604007"));
    assert_eq!(code.translations[0].code.as_deref(), Some("J18.9"));
    assert!(d.period.is_some());
    assert!(d.source.line > 0);
    // The empty entry is kept as an item, with a warning.
    assert_eq!(
        r.encounters[1].source.section_code.as_deref(),
        Some("46240-8")
    );
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, WarningCode::MissingElement);
}

#[test]
fn social_history_observations_one_per_entry() {
    let entries = r#"<entry><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.78" extension="2014-06-09"/>
        <code code="72166-2" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
        <effectiveTime value="20140501"/>
        <value xsi:type="CD" code="449868002" codeSystem="2.16.840.1.113883.6.96" displayName="Current every day smoker"/>
      </observation></entry>
      <entry><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.85" extension="2014-06-09"/>
        <code code="11367-0" codeSystem="2.16.840.1.113883.6.1"/>
        <effectiveTime><low value="2005"/><high value="2009"/></effectiveTime>
        <value xsi:type="CD" code="8517006" codeSystem="2.16.840.1.113883.6.96"/>
      </observation></entry>
      <entry><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.15.3.8"/>
        <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
        <value xsi:type="CD" code="77386006" codeSystem="2.16.840.1.113883.6.96"/>
      </observation></entry>
      <entry><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.200" extension="2016-06-01"/>
        <code code="76689-9" codeSystem="2.16.840.1.113883.6.1"/>
        <value xsi:type="CD" code="F" codeSystem="2.16.840.1.113883.5.1"/>
      </observation></entry>
      <entry><observation classCode="OBS" moodCode="EVN">
        <templateId root="9.8.7"/>
        <code code="160573003" codeSystem="2.16.840.1.113883.6.96"/>
        <value xsi:type="PQ" value="12" unit="/wk"/>
      </observation></entry>"#;
    let r = parse(&section(SOCIAL, "29762-2", "Social", entries));
    assert_eq!(r.social_history.len(), 5);
    let codes: Vec<_> = r
        .social_history
        .iter()
        .map(|o| o.code.as_ref().and_then(|c| c.code.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            Some("72166-2"),
            Some("11367-0"),
            Some("ASSERTION"),
            Some("76689-9"),
            Some("160573003")
        ]
    );
    let smoking = &r.social_history[0];
    assert_eq!(smoking.value.as_ref().unwrap().kind, ValueKind::Coded);
    assert!(smoking.time.is_some());
    assert_eq!(smoking.source.section_code.as_deref(), Some("29762-2"));
    assert!(r.social_history[1].time.as_ref().unwrap().high.is_some());
    assert_eq!(
        r.social_history[4].value.as_ref().unwrap().kind,
        ValueKind::Quantity
    );
    // Only the unknown template is warned about, without its value.
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].code, WarningCode::UnknownEntry);
    assert!(!r.warnings[0].message.contains("12"));
    assert!(r.notes.is_empty());
}

#[test]
fn unknown_entries_are_kept_with_a_warning() {
    let unknown = r#"<entry><act classCode="ACT" moodCode="EVN"><templateId root="9.9.9"/>
        <code code="SECRET-CODE"/><text>Private words</text></act></entry>"#;
    let body = [
        section(IMMUNIZATIONS, "11369-6", "x", unknown),
        section(PROCEDURES, "47519-4", "x", unknown),
        section(ENCOUNTERS, "46240-8", "x", unknown),
        section(SOCIAL, "29762-2", "x", unknown),
    ]
    .concat();
    let r = parse(&body);
    assert_eq!(r.immunizations.len(), 1);
    assert_eq!(r.procedures.len(), 1);
    assert_eq!(r.procedures[0].kind.as_deref(), Some("act"));
    assert_eq!(
        r.procedures[0].code.as_ref().unwrap().code.as_deref(),
        Some("SECRET-CODE")
    );
    assert_eq!(r.encounters.len(), 1);
    assert_eq!(r.social_history.len(), 1);
    let unknown: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::UnknownEntry)
        .collect();
    assert_eq!(unknown.len(), 4, "{:?}", r.warnings);
    for w in &r.warnings {
        assert!(!w.message.contains("SECRET") && !w.message.contains("Private"));
    }
}

#[test]
fn sections_found_by_code_alone() {
    let body = r#"<component><section><code code="46240-8" codeSystem="2.16.840.1.113883.6.1"/><title>Encounters</title><text>t</text>
        <entry><encounter classCode="ENC" moodCode="EVN"><code code="AMB"/></encounter></entry></section></component>
        <component><section><templateId root="2.16.840.1.113883.10.20.1.6"/><code code="11369-6"/><title>Immunizations</title><text>None recorded</text></section></component>"#;
    let r = parse(body);
    assert_eq!(r.encounters.len(), 1);
    assert!(r.immunizations.is_empty());
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.notes[0].text.as_deref(), Some("None recorded"));
}

#[test]
fn amida_ccd_sections() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/ccda/amida/CCD_1.xml");
    let r = bluebutton_parse::parse(&std::fs::read(path).unwrap()).unwrap();
    assert!(!r.immunizations.is_empty());
    assert!(!r.procedures.is_empty());
    assert!(!r.encounters.is_empty());
    assert!(!r.social_history.is_empty());
    for i in &r.immunizations {
        assert!(i.vaccine.is_some() && i.time.is_some());
    }
    for p in &r.procedures {
        assert!(p.code.is_some() && p.kind.is_some());
    }
    for e in &r.encounters {
        assert!(e.code.is_some());
    }
    for o in &r.social_history {
        assert!(o.code.is_some());
    }
    assert!(r.notes.iter().all(|n| !matches!(
        n.code.as_ref().and_then(|c| c.code.as_deref()),
        Some("11369-6" | "47519-4" | "46240-8" | "29762-2")
    )));
}

#[test]
fn encounter_priority_and_other_participants() {
    let entry = r#"<entry><encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49"/>
  <code code="99222" codeSystem="2.16.840.1.113883.6.12"/>
  <priorityCode code="UB-04.FL-14.2" codeSystem="2.16.840.1.113883.6.21" displayName="Urgent"/>
  <effectiveTime value="20120806"/>
  <participant typeCode="ORG"><participantRole classCode="ROL">
    <code code="UB-04.FL-15.2" codeSystem="2.16.840.1.113883.6.21" displayName="Clinic or Physician Referral"/>
  </participantRole></participant>
  <participant typeCode="LOC"><participantRole classCode="SDLOC">
    <templateId root="2.16.840.1.113883.10.20.22.4.32"/>
    <playingEntity classCode="PLC"><name>Ward</name></playingEntity>
  </participantRole></participant>
</encounter></entry>"#;
    let r = parse(&section(ENCOUNTERS, "46240-8", "Encounters", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let e = &r.encounters[0];
    assert_eq!(
        e.priority.as_ref().unwrap().code.as_deref(),
        Some("UB-04.FL-14.2")
    );
    assert_eq!(e.locations.len(), 1);
    assert_eq!(e.participants.len(), 1);
    let origin = &e.participants[0];
    assert_eq!(
        origin.function.as_ref().unwrap().code.as_deref(),
        Some("ORG")
    );
    assert_eq!(
        origin.role.as_ref().unwrap().code.as_deref(),
        Some("UB-04.FL-15.2")
    );
}

#[test]
fn a_problem_a_procedure_refers_to_is_its_reason() {
    let entry = r#"<entry><procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14"/>
  <code code="99395" codeSystem="2.16.840.1.113883.6.12"/>
  <statusCode code="completed"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
    <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="V70.0" codeSystem="2.16.840.1.113883.6.103"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="RSON"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.3"/>
    <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
    <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
      <value xsi:type="CD" code="38341003" codeSystem="2.16.840.1.113883.6.96"/>
    </observation></entryRelationship>
  </act></entryRelationship>
</procedure></entry>"#;
    let r = parse(&section(PROCEDURES, "47519-4", "Procedures", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let reasons: Vec<_> = r.procedures[0]
        .reasons
        .iter()
        .map(|c| c.code.as_deref().unwrap())
        .collect();
    assert_eq!(reasons, ["V70.0", "38341003"]);
}
