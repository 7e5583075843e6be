//! Facts that used to be dropped: every supply order of a medication, the interpretation
//! of a severity observation, and the encounter an entry refers to by its `id` alone.

mod common;
use bluebutton_parse::model::Identifier;
use common::{parse, section};

const ALLERGIES: &str = "2.16.840.1.113883.10.20.22.2.6.1";
const MEDICATIONS: &str = "2.16.840.1.113883.10.20.22.2.1.1";
const PROBLEMS: &str = "2.16.840.1.113883.10.20.22.2.5.1";
const RESULTS: &str = "2.16.840.1.113883.10.20.22.2.3.1";
const PLAN: &str = "2.16.840.1.113883.10.20.22.2.10";

fn supply_order(id: &str, quantity: &str) -> String {
    format!(
        r#"<entryRelationship typeCode="REFR"><supply classCode="SPLY" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.17" extension="2014-06-09"/>
  <id root="1.2.3.4" extension="{id}"/><statusCode code="completed"/>
  <effectiveTime xsi:type="IVL_TS"><low value="20130101"/><high value="20131231"/></effectiveTime>
  <repeatNumber value="3"/><quantity value="{quantity}"/>
</supply></entryRelationship>"#
    )
}

fn encounter_reference(id: &str) -> String {
    format!(
        r#"<entryRelationship typeCode="SUBJ"><encounter classCode="ENC" moodCode="EVN"><id root="9.8.7" extension="{id}"/></encounter></entryRelationship>"#
    )
}

/// System and value of each identifier.
fn linked(ids: &[Identifier]) -> Vec<(Option<&str>, Option<&str>)> {
    ids.iter()
        .map(|i| (i.system.as_deref(), i.value.as_deref()))
        .collect()
}

#[test]
fn every_supply_order_of_a_medication_is_kept() {
    let entry = format!(
        r#"<entry><substanceAdministration classCode="SBADM" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.16" extension="2014-06-09"/>
  <statusCode code="active"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code code="197361" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
  {}{}{}
</substanceAdministration></entry>"#,
        supply_order("rx1", "30"),
        supply_order("rx2", "60"),
        supply_order("rx3", "90"),
    );
    let r = parse(&section(MEDICATIONS, "10160-0", "Medications", &entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let m = &r.medications[0];
    let first = m.order.as_ref().unwrap();
    assert_eq!(first.ids[0].value.as_deref(), Some("rx1"));
    assert_eq!(
        first.quantity.as_ref().unwrap().value.as_deref(),
        Some("30")
    );
    let further: Vec<_> = m
        .orders
        .iter()
        .map(|o| {
            (
                o.ids[0].value.as_deref(),
                o.quantity.as_ref().and_then(|q| q.value.as_deref()),
                o.repeat_number,
            )
        })
        .collect();
    assert_eq!(
        further,
        [
            (Some("rx2"), Some("60"), Some(3)),
            (Some("rx3"), Some("90"), Some(3))
        ]
    );
}

#[test]
fn severity_interpretations_are_kept_on_allergies_and_reactions() {
    let severity = |code: &str, interpretation: &str| {
        format!(
            r#"<entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.8"/>
  <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/><statusCode code="completed"/>
  <value xsi:type="CD" code="{code}" codeSystem="2.16.840.1.113883.6.96"/>
  <interpretationCode code="{interpretation}" codeSystem="2.16.840.1.113883.1.11.78"/>
</observation></entryRelationship>"#
        )
    };
    let entry = format!(
        r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30"/><statusCode code="active"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.7"/>
    <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/><statusCode code="completed"/>
    <value xsi:type="CD" code="416098002" codeSystem="2.16.840.1.113883.6.96"/>
    <participant typeCode="CSM"><participantRole classCode="MANU"><playingEntity classCode="MMAT">
      <code code="7980" codeSystem="2.16.840.1.113883.6.88"/></playingEntity></participantRole></participant>
    {}
    <entryRelationship typeCode="MFST" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.9"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/><statusCode code="completed"/>
      <value xsi:type="CD" code="247472004" codeSystem="2.16.840.1.113883.6.96"/>
      {}
    </observation></entryRelationship>
  </observation></entryRelationship>
</act></entry>"#,
        severity("24484000", "H"),
        severity("6736007", "N"),
    );
    let r = parse(&section(ALLERGIES, "48765-2", "Allergies", &entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let a = &r.allergies[0];
    assert_eq!(
        a.severity.as_ref().unwrap().code.as_deref(),
        Some("24484000")
    );
    assert_eq!(a.severity_interpretations.len(), 1);
    assert_eq!(a.severity_interpretations[0].code.as_deref(), Some("H"));
    let reaction = &a.reactions[0];
    assert_eq!(
        reaction.severity.as_ref().unwrap().code.as_deref(),
        Some("6736007")
    );
    let interpretation = &reaction.severity_interpretations[0];
    assert_eq!(interpretation.code.as_deref(), Some("N"));
    assert_eq!(
        interpretation.system.as_deref(),
        Some("2.16.840.1.113883.1.11.78")
    );
}

#[test]
fn an_encounter_named_by_its_id_alone_is_kept_as_the_entry_link() {
    let link = encounter_reference("enc-1");
    let medications = format!(
        r#"<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code code="197361" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
  {link}
</substanceAdministration></entry>"#
    );
    let problems = format!(
        r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3"/><statusCode code="active"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
    <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96"/>
    {link}
  </observation></entryRelationship>
</act></entry>"#
    );
    let results = format!(
        r#"<entry><organizer classCode="BATTERY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.1"/><statusCode code="completed"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.2"/>
    <code code="718-7" codeSystem="2.16.840.1.113883.6.1"/>
    <value xsi:type="PQ" value="13.2" unit="g/dL"/>
    {link}
  </observation></component>
</organizer></entry>"#
    );
    let plan = format!(
        r#"<entry><observation classCode="OBS" moodCode="RQO">
  <templateId root="2.16.840.1.113883.10.20.22.4.44"/>
  <code code="718-7" codeSystem="2.16.840.1.113883.6.1"/>
  {link}
</observation></entry>"#
    );
    // An encounter with content of its own is no reference.
    let planned_visit = r#"<entry><act classCode="ACT" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.39"/>
  <code code="409073007" codeSystem="2.16.840.1.113883.6.96"/>
  <entryRelationship typeCode="COMP"><encounter classCode="ENC" moodCode="INT">
    <id root="9.8.7" extension="enc-2"/><effectiveTime value="20240101"/>
  </encounter></entryRelationship>
</act></entry>"#;
    // The concern and its observation naming the same encounter: one link.
    let allergies = format!(
        r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.30"/><statusCode code="active"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.7"/>
    <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
    <value xsi:type="CD" code="416098002" codeSystem="2.16.840.1.113883.6.96"/>
    {link}
  </observation></entryRelationship>
  {link}
</act></entry>"#
    );
    let body = [
        section(ALLERGIES, "48765-2", "Allergies", &allergies),
        section(MEDICATIONS, "10160-0", "Medications", &medications),
        section(PROBLEMS, "11450-4", "Problems", &problems),
        section(RESULTS, "30954-2", "Results", &results),
        section(PLAN, "18776-5", "Plan", &format!("{plan}{planned_visit}")),
    ]
    .concat();
    let r = parse(&body);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let expected = [(Some("9.8.7"), Some("enc-1"))];
    assert_eq!(linked(&r.allergies[0].encounter_ids), expected);
    assert_eq!(linked(&r.medications[0].encounter_ids), expected);
    assert_eq!(linked(&r.problems[0].encounter_ids), expected);
    let observation = &r.results[0].observations[0];
    assert_eq!(linked(&observation.encounter_ids), expected);
    assert!(observation.components.is_empty());
    let planned = &r.plan_of_care[0];
    assert_eq!(linked(&planned.encounter_ids), expected);
    assert!(planned.components.is_empty());
    let visit = &r.plan_of_care[1];
    assert!(visit.encounter_ids.is_empty());
    assert_eq!(visit.components[0].kind.as_deref(), Some("encounter"));
    assert_eq!(
        linked(&visit.components[0].ids),
        [(Some("9.8.7"), Some("enc-2"))]
    );
}
