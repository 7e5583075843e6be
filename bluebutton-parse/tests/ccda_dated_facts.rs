//! Times and codes that used to have no home: an Indication's time beside its code, a
//! Problem Status Observation's time, a Prognosis Observation, a Result Organizer's participants, a Medical
//! Equipment Organizer's code and time, a CCD Advance Directive Status Observation's code,
//! a diagnosis act's location, and the text of a narrative element marked deleted that an
//! entry still names.

use std::path::Path;

use bluebutton_parse::model::HealthRecord;

mod common;
use common::{parse, section};

const MEDICATIONS: &str = "2.16.840.1.113883.10.20.22.2.1.1";
const PROCEDURES: &str = "2.16.840.1.113883.10.20.22.2.7.1";
const ENCOUNTERS: &str = "2.16.840.1.113883.10.20.22.2.22.1";
const PLAN: &str = "2.16.840.1.113883.10.20.22.2.10";
const PROBLEMS: &str = "2.16.840.1.113883.10.20.22.2.5.1";
const RESULTS: &str = "2.16.840.1.113883.10.20.22.2.3.1";
const EQUIPMENT: &str = "2.16.840.1.113883.10.20.22.2.23";
const DIRECTIVES: &str = "2.16.840.1.113883.10.20.22.2.21.1";
const ADMISSION_DX: &str = "2.16.840.1.113883.10.20.22.2.43";

/// An Indication with a value and, when `low` is given, an `effectiveTime/low`.
fn indication(code: &str, low: Option<&str>) -> String {
    let time = low.map_or(String::new(), |low| {
        format!(r#"<effectiveTime><low value="{low}"/></effectiveTime>"#)
    });
    format!(
        r#"<entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.19"/>
  <code code="404684003" codeSystem="2.16.840.1.113883.6.96" displayName="Finding"/>
  <statusCode code="completed"/>{time}
  <value xsi:type="CD" code="{code}" codeSystem="2.16.840.1.113883.6.96"/>
</observation></entryRelationship>"#
    )
}

fn corpus(path: &str) -> HealthRecord {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(path);
    bluebutton_parse::parse(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_medications_dated_indication_keeps_its_time_beside_its_code() {
    let rels = format!(
        "{}{}",
        indication("32398004", Some("20110113")),
        indication("25064002", None)
    );
    let entry = format!(
        r#"<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16"/><statusCode code="completed"/>
  <consumable><manufacturedProduct><templateId root="2.16.840.1.113883.10.20.22.4.23"/>
    <manufacturedMaterial><code code="896001" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial>
  </manufacturedProduct></consumable>{rels}
</substanceAdministration></entry>"#
    );
    let r = parse(&section(MEDICATIONS, "10160-0", "Meds", &entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let med = &r.medications[0];
    let codes: Vec<_> = med
        .indications
        .iter()
        .map(|c| c.code.as_deref().unwrap())
        .collect();
    assert_eq!(codes, ["32398004", "25064002"]);
    // Only the dated indication has a time, next to the same code.
    assert_eq!(med.indication_times.len(), 1);
    let dated = &med.indication_times[0];
    assert_eq!(dated.code.as_ref(), Some(&med.indications[0]));
    let low = dated.time.as_ref().unwrap().low.as_ref().unwrap();
    assert_eq!(low.value.as_deref(), Some("2011-01-13"));
}

#[test]
fn procedures_encounters_and_plans_keep_their_reasons_times() {
    let rson = indication("233604007", Some("20120806"));
    let procedure = format!(
        r#"<entry><procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14"/>
  <code code="80146002" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>{rson}
</procedure></entry>"#
    );
    let encounter = format!(
        r#"<entry><encounter classCode="ENC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.49"/>
  <code code="99222" codeSystem="2.16.840.1.113883.6.12"/>{rson}
</encounter></entry>"#
    );
    let planned = format!(
        r#"<entry><procedure classCode="PROC" moodCode="RQO">
  <templateId root="2.16.840.1.113883.10.20.22.4.41"/>
  <code code="73761001" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="active"/>{rson}
</procedure></entry>"#
    );
    let body = [
        section(PROCEDURES, "47519-4", "Procedures", &procedure),
        section(ENCOUNTERS, "46240-8", "Encounters", &encounter),
        section(PLAN, "18776-5", "Plan", &planned),
    ]
    .concat();
    let r = parse(&body);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let times = [
        (&r.procedures[0].reasons, &r.procedures[0].reason_times),
        (&r.encounters[0].reasons, &r.encounters[0].reason_times),
        (&r.plan_of_care[0].reasons, &r.plan_of_care[0].reason_times),
    ];
    for (reasons, dated) in times {
        assert_eq!(reasons[0].code.as_deref(), Some("233604007"));
        assert_eq!(dated.len(), 1);
        assert_eq!(dated[0].code.as_ref(), Some(&reasons[0]));
        let low = dated[0].time.as_ref().unwrap().low.as_ref().unwrap();
        assert_eq!(low.value.as_deref(), Some("2012-08-06"));
    }
}

#[test]
fn a_problems_status_keeps_its_time_and_its_prognosis_is_kept() {
    let entry = r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3"/><id root="1.2.3" extension="c1"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/><statusCode code="completed"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
    <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>
    <value xsi:type="CD" code="233604007" codeSystem="2.16.840.1.113883.6.96"/>
    <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.6"/>
      <code code="33999-4" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <effectiveTime><low value="20080103"/><high value="20090227"/></effectiveTime>
      <value xsi:type="CD" code="413322009" codeSystem="2.16.840.1.113883.6.96"/>
    </observation></entryRelationship>
    <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.113"/>
      <code code="75328-5" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="completed"/>
      <effectiveTime value="20130606"/><value xsi:type="ST">Good</value>
    </observation></entryRelationship>
  </observation></entryRelationship>
</act></entry>"#;
    let r = parse(&section(PROBLEMS, "11450-4", "Problems", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let p = &r.problems[0];
    assert_eq!(
        p.clinical_status.as_ref().unwrap().code.as_deref(),
        Some("413322009")
    );
    assert_eq!(p.prognoses.len(), 1);
    let prognosis = &p.prognoses[0];
    assert_eq!(
        prognosis.code.as_ref().unwrap().code.as_deref(),
        Some("75328-5")
    );
    assert_eq!(
        prognosis.value.as_ref().unwrap().text.as_deref(),
        Some("Good")
    );
    let given = prognosis.time.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(given.value.as_deref(), Some("2013-06-06"));
    let time = p.status_time.as_ref().unwrap();
    assert_eq!(
        time.low.as_ref().unwrap().value.as_deref(),
        Some("2008-01-03")
    );
    assert_eq!(
        time.high.as_ref().unwrap().value.as_deref(),
        Some("2009-02-27")
    );
}

#[test]
fn a_result_organizers_participants_are_kept_with_their_times() {
    let entry = r#"<entry><organizer classCode="BATTERY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.1"/><statusCode code="completed"/>
  <code code="57021-8" codeSystem="2.16.840.1.113883.6.1"/>
  <participant typeCode="VRF"><time value="20071105"/><participantRole>
    <id root="1.2.3" extension="36"/>
    <playingEntity><name><given>David</given><family>Ford</family></name></playingEntity>
  </participantRole></participant>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.2"/><statusCode code="completed"/>
    <code code="718-7" codeSystem="2.16.840.1.113883.6.1"/>
    <value xsi:type="PQ" value="13.2" unit="g/dL"/>
  </observation></component>
</organizer></entry>"#;
    let r = parse(&section(RESULTS, "30954-2", "Results", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let group = &r.results[0];
    assert_eq!(group.participants.len(), 1);
    let verifier = &group.participants[0];
    assert_eq!(
        verifier.function.as_ref().unwrap().code.as_deref(),
        Some("VRF")
    );
    assert_eq!(verifier.ids[0].value.as_deref(), Some("36"));
    let time = verifier.time.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(time.value.as_deref(), Some("2007-11-05"));
}

#[test]
fn an_equipment_organizers_code_and_time_are_each_devices_group() {
    let supply = |high: &str| {
        format!(
            r#"<component><supply classCode="SPLY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.50"/><statusCode code="completed"/>
  <effectiveTime xsi:type="IVL_TS"><high value="{high}"/></effectiveTime>
  <participant typeCode="PRD"><participantRole classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
    <playingDevice><code code="14106009" codeSystem="2.16.840.1.113883.6.96"/></playingDevice>
  </participantRole></participant>
</supply></component>"#
        )
    };
    let entry = format!(
        r#"<entry><organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.135"/>
  <code code="40388003" codeSystem="2.16.840.1.113883.6.96" displayName="Implant"/>
  <statusCode code="completed"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20070103"/><high nullFlavor="UNK"/></effectiveTime>
  {}{}
</organizer></entry>"#,
        supply("20120703"),
        supply("20130101")
    );
    let r = parse(&section(EQUIPMENT, "46264-8", "Equipment", &entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.medical_equipment.len(), 2);
    for d in &r.medical_equipment {
        let group = d.group.as_ref().unwrap();
        assert_eq!(
            group.code.as_ref().unwrap().code.as_deref(),
            Some("40388003")
        );
        let low = group.time.as_ref().unwrap().low.as_ref().unwrap();
        assert_eq!(low.value.as_deref(), Some("2007-01-03"));
        // The device's own time stays its own.
        let own = d.time.as_ref().unwrap();
        assert!(own.low.is_none());
        assert!(own.high.is_some());
    }
}

#[test]
fn a_ccd_directive_status_is_kept_coded_beside_the_acts_status() {
    let entry = r#"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.1.17"/>
  <code code="304251008" codeSystem="2.16.840.1.113883.6.96" displayName="Resuscitation"/>
  <statusCode code="completed"/>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.1.37"/>
    <code code="33999-4" codeSystem="2.16.840.1.113883.6.1" displayName="Status"/>
    <statusCode code="completed"/>
    <value xsi:type="CE" code="15240007" codeSystem="2.16.840.1.113883.6.96" displayName="Current and verified"/>
  </observation></entryRelationship>
</observation></entry>"#;
    let r = parse(&section(DIRECTIVES, "42348-3", "Directives", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let d = &r.advance_directives[0];
    assert_eq!(d.status.as_deref(), Some("completed"));
    let status = d.clinical_status.as_ref().unwrap();
    assert_eq!(status.code.as_deref(), Some("15240007"));
    assert_eq!(status.display.as_deref(), Some("Current and verified"));
}

#[test]
fn an_admission_diagnosis_keeps_its_location() {
    let entry = r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.34"/>
  <code code="46241-6" codeSystem="2.16.840.1.113883.6.1"/><statusCode code="active"/>
  <participant typeCode="LOC"><participantRole classCode="SDLOC">
    <templateId root="2.16.840.1.113883.10.20.22.4.32"/>
    <code code="1160-1" codeSystem="2.16.840.1.113883.6.259" displayName="Urgent Care Center"/>
    <playingEntity classCode="PLC"><name>Community Hospital</name></playingEntity>
  </participantRole></participant>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
    <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/><statusCode code="completed"/>
    <value xsi:type="CD" code="36228007" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
</act></entry>"#;
    let r = parse(&section(ADMISSION_DX, "46241-6", "Admission", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let p = &r.problems[0];
    assert_eq!(p.locations.len(), 1);
    let kind = p.locations[0].kind.as_ref().unwrap();
    assert_eq!(kind.code.as_deref(), Some("1160-1"));
    assert_eq!(p.locations[0].name.as_deref(), Some("Community Hospital"));
}

#[test]
fn an_entry_naming_deleted_narrative_gets_its_text() {
    let narrative = r#"<paragraph ID="shown">Glucose</paragraph>
<content ID="lab-1" revised="delete">Result Observation Text Not Available</content>"#;
    let entry = r##"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.2"/><statusCode code="completed"/>
  <code code="2345-7" codeSystem="2.16.840.1.113883.6.1"/>
  <text><reference value="#lab-1"/></text>
  <value xsi:type="PQ" value="155" unit="mg/dL"/>
</observation></entry>"##;
    let r = parse(&section(RESULTS, "30954-2", narrative, entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let o = &r.results[0].observations[0];
    assert_eq!(
        o.text.as_deref(),
        Some("Result Observation Text Not Available")
    );
}

#[test]
fn corpus_dated_indications_statuses_participants_and_groups() {
    let r = corpus("ccda/amida/CCDA_NullFlavorSample_v1.xml");
    let dated: Vec<_> = r
        .medications
        .iter()
        .flat_map(|m| &m.indication_times)
        .collect();
    assert!(dated.iter().any(|d| {
        let c = d.code.as_ref().and_then(|c| c.code.as_deref());
        let low = d.time.as_ref().and_then(|t| t.low.as_ref());
        c == Some("32398004") && low.and_then(|l| l.value.as_deref()) == Some("2011-01-13")
    }));

    let r = corpus("ccda/amida/DRE_demo-r1.5_bluebutton-04-partial.xml");
    assert!(r.problems.iter().any(|p| {
        let low = p.status_time.as_ref().and_then(|t| t.low.as_ref());
        low.and_then(|l| l.value.as_deref()) == Some("2008-01-03")
    }));

    let r = corpus("ccda/hl7-c-cda-examples/Transfer_Summary_Transfer_Summary.xml");
    let prognoses: Vec<_> = r
        .problems
        .iter()
        .flat_map(|p| &p.prognoses)
        .filter_map(|o| o.code.as_ref()?.code.as_deref())
        .collect();
    assert_eq!(prognoses, ["75328-5"]);

    let r = corpus("ccda/chb-sample-ccdas/Vitera/Vitera_CCDA_SMART_Sample.xml");
    let times: Vec<_> = r
        .results
        .iter()
        .flat_map(|g| &g.participants)
        .filter_map(|p| p.time.as_ref()?.value.as_ref()?.value.as_deref())
        .collect();
    assert!(times.contains(&"2007-11-05"), "{times:?}");

    let r = corpus("ccda/hl7-c-cda-examples/Transfer_Summary_Transfer_Summary.xml");
    assert!(r.medical_equipment.iter().any(|d| {
        let g = d.group.as_ref();
        let code = g.and_then(|g| g.code.as_ref()?.code.as_deref());
        let low = g.and_then(|g| g.time.as_ref()?.low.as_ref()?.value.as_deref());
        code == Some("40388003") && low == Some("2007-01-03")
    }));

    let r = corpus("c32/amida/C32.xml");
    let statuses: Vec<_> = r
        .advance_directives
        .iter()
        .filter_map(|d| d.clinical_status.as_ref()?.code.as_deref())
        .collect();
    assert!(statuses.contains(&"15240007"), "{statuses:?}");

    let r = corpus("c32/amida/c32_sample.xml");
    let texts: Vec<_> = r
        .results
        .iter()
        .flat_map(|g| &g.observations)
        .filter_map(|o| o.text.as_deref())
        .collect();
    assert!(texts.contains(&"Result Observation Text Not Available"));
}
