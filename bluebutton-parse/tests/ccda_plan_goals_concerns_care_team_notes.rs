//! Plan of care, goals, health concerns, care team and notes: one model item per `<entry>`
//! (one per member for care teams), with the facts of MODEL-NOTES §3.10–3.12, §3.21 and
//! §3.22; Note Activities reach `notes` from any section; unknown entries are kept with a
//! warning that holds no patient data.

use std::path::Path;

use bluebutton_parse::model::{ValueKind, WarningCode};

mod common;
use common::{parse, section};

const PLAN: &str = "2.16.840.1.113883.10.20.22.2.10";
const INTERVENTIONS: &str = "2.16.840.1.113883.10.20.21.2.3";
const OUTCOMES: &str = "2.16.840.1.113883.10.20.22.2.61";
const GOALS: &str = "2.16.840.1.113883.10.20.22.2.60";
const CONCERNS: &str = "2.16.840.1.113883.10.20.22.2.58";
const CARE_TEAM: &str = "2.16.840.1.113883.10.20.22.2.500";
const NOTES: &str = "2.16.840.1.113883.10.20.22.2.65";
const PROCEDURES: &str = "2.16.840.1.113883.10.20.22.2.7.1";
const PHYSICAL_EXAM: &str = "2.16.840.1.113883.10.20.2.10";

const PLANNED_PROCEDURE: &str = r##"<entry><procedure classCode="PROC" moodCode="RQO">
  <templateId root="2.16.840.1.113883.10.20.22.4.41" extension="2014-06-09"/>
  <id root="9a6d1bac-17d3-4195-89c4-1121bc809b5a"/>
  <code code="73761001" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscopy"/>
  <statusCode code="active"/>
  <effectiveTime value="20130613"/>
  <priorityCode code="R" codeSystem="2.16.840.1.113883.5.7"/>
  <targetSiteCode code="71854001" codeSystem="2.16.840.1.113883.6.96" displayName="Colon"/>
  <performer><assignedEntity><id root="2.16.840.1.113883.4.6" extension="1234567890"/></assignedEntity></performer>
  <author><time value="20130601"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="99"/></assignedAuthor></author>
  <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.19" extension="2014-06-09"/>
    <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="428283002" codeSystem="2.16.840.1.113883.6.96" displayName="History of polyp of colon"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="INT">
    <templateId root="2.16.840.1.113883.10.20.22.4.20" extension="2014-06-09"/>
    <code code="409073007" codeSystem="2.16.840.1.113883.6.96" displayName="Instruction"/>
    <text><reference value="#prep"/></text>
  </act></entryRelationship>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.143"/>
    <code code="225773000" codeSystem="2.16.840.1.113883.6.96"/>
    <priorityCode code="255216001" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
</procedure></entry>"##;

const PLANNED_MEDICATION: &str = r#"<entry><substanceAdministration classCode="SBADM" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.42" extension="2014-06-09"/>
  <statusCode code="active"/>
  <routeCode code="C38288" codeSystem="2.16.840.1.113883.3.26.1.1" displayName="Oral"/>
  <doseQuantity value="1"/>
  <consumable><manufacturedProduct><manufacturedMaterial>
    <code code="197380" codeSystem="2.16.840.1.113883.6.88" displayName="Atenolol 25 MG Oral Tablet"/>
  </manufacturedMaterial></manufacturedProduct></consumable>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.143"/>
    <code code="225773000" codeSystem="2.16.840.1.113883.6.96"/>
    <priorityCode code="255216001" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
</substanceAdministration></entry>"#;

const HANDOFF: &str = r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.141"/>
  <code code="432138007" codeSystem="2.16.840.1.113883.6.96" displayName="handoff communication"/>
  <participant typeCode="IRCP"><participantRole>
    <code code="163W00000X" codeSystem="2.16.840.1.113883.6.101" displayName="Registered nurse"/>
    <playingEntity><name><given>Nurse</given><family>Florence</family></name></playingEntity>
  </participantRole></participant>
</act></entry>"#;

const CCD_PLAN_ENCOUNTER: &str = r#"<entry><encounter classCode="ENC" moodCode="PRMS">
  <templateId root="2.16.840.1.113883.10.20.1.25"/>
  <code code="99213" codeSystem="2.16.840.1.113883.6.12"/>
  <effectiveTime><center value="20240105"/></effectiveTime>
</encounter></entry>"#;

const GOAL_IN_PLAN: &str = r#"<entry><observation classCode="OBS" moodCode="GOL">
  <templateId root="2.16.840.1.113883.10.20.22.4.121" extension="2015-08-01"/>
  <code code="289169006" codeSystem="2.16.840.1.113883.6.96" displayName="Weight loss"/>
  <statusCode code="active"/>
</observation></entry>"#;

const UNKNOWN_PLAN: &str = r#"<entry><act classCode="ACT" moodCode="INT">
  <templateId root="1.2.3.4.5"/>
  <code code="Z1" codeSystem="1.2.3"/>
</act></entry>"#;

#[test]
fn plan_of_care_entries_by_template_and_element() {
    let narrative = r#"<paragraph ID="prep">Clear liquids the day before</paragraph>"#;
    let entries = [
        PLANNED_PROCEDURE,
        PLANNED_MEDICATION,
        HANDOFF,
        CCD_PLAN_ENCOUNTER,
        GOAL_IN_PLAN,
        UNKNOWN_PLAN,
    ]
    .concat();
    let r = parse(&section(PLAN, "18776-5", narrative, &entries));
    let kinds: Vec<_> = r
        .plan_of_care
        .iter()
        .map(|a| a.kind.as_deref().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "procedure",
            "medication",
            "handoff",
            "encounter",
            "goal",
            "act"
        ]
    );
    let p = &r.plan_of_care[0];
    assert_eq!(p.mood.as_deref(), Some("RQO"));
    assert_eq!(p.status.as_deref(), Some("active"));
    assert_eq!(p.code.as_ref().unwrap().code.as_deref(), Some("73761001"));
    assert_eq!(p.priority.as_ref().unwrap().code.as_deref(), Some("R"));
    assert_eq!(p.reasons[0].code.as_deref(), Some("428283002"));
    assert_eq!(p.body_sites[0].code.as_deref(), Some("71854001"));
    assert_eq!(p.performers.len(), 1);
    assert_eq!(p.authors.len(), 1);
    assert!(p.time.is_some());
    assert_eq!(p.ids.len(), 1);
    assert_eq!(p.source.section_code.as_deref(), Some("18776-5"));
    let instruction = &p.components[0];
    assert_eq!(instruction.kind.as_deref(), Some("instruction"));
    assert_eq!(
        instruction.text.as_deref(),
        Some("Clear liquids the day before")
    );
    // The patient's priority preference, beside the order's own priority.
    let preference = &p.components[1];
    assert_eq!(preference.kind.as_deref(), Some("priority"));
    assert_eq!(
        preference.priority.as_ref().unwrap().code.as_deref(),
        Some("255216001")
    );

    let m = &r.plan_of_care[1];
    assert_eq!(m.product.as_ref().unwrap().code.as_deref(), Some("197380"));
    assert_eq!(
        m.priority.as_ref().unwrap().code.as_deref(),
        Some("255216001")
    );
    assert_eq!(m.route.as_ref().unwrap().code.as_deref(), Some("C38288"));
    assert_eq!(m.dose.as_ref().unwrap().value.as_deref(), Some("1"));
    assert!(m.components.is_empty());

    let h = &r.plan_of_care[2];
    let to = &h.performers[0];
    assert_eq!(
        to.role.as_ref().unwrap().code.as_deref(),
        Some("163W00000X")
    );
    assert_eq!(to.function.as_ref().unwrap().code.as_deref(), Some("IRCP"));
    assert_eq!(
        to.name.as_ref().unwrap().family.as_deref(),
        Some("Florence")
    );

    let e = &r.plan_of_care[3];
    assert_eq!(e.mood.as_deref(), Some("PRMS"));
    assert!(e.time.is_some());

    assert_eq!(r.plan_of_care[4].mood.as_deref(), Some("GOL"));
    assert!(r.goals.is_empty());

    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].code, WarningCode::UnknownEntry);
    assert!(!r.warnings[0].message.contains("Z1"));
}

#[test]
fn interventions_and_outcomes_keep_what_they_group() {
    let intervention = r#"<entry><act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.131" extension="2015-08-01"/>
      <code code="362956003" codeSystem="2.16.840.1.113883.6.96" displayName="procedure/intervention"/>
      <statusCode code="completed"/>
      <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.12" extension="2014-06-09"/>
        <code code="385763009" codeSystem="2.16.840.1.113883.6.96" displayName="Hospice care"/>
      </act></entryRelationship>
      <entryRelationship typeCode="RSON"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.122"/>
        <id root="b6d2a2c4-goal"/>
        <code nullFlavor="NP"/>
      </act></entryRelationship>
    </act></entry>"#;
    let outcome = r#"<entry><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.144"/>
      <code code="44250-9" codeSystem="2.16.840.1.113883.6.1"/>
      <value xsi:type="CD" code="396275006" codeSystem="2.16.840.1.113883.6.96" displayName="Oxygen saturation above 92%"/>
      <entryRelationship typeCode="SPRT"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.110"/>
        <code code="390801001" codeSystem="2.16.840.1.113883.6.96"/>
        <value xsi:type="CD" code="390802008" codeSystem="2.16.840.1.113883.6.96" displayName="Goal achieved"/>
      </observation></entryRelationship>
    </observation></entry>"#;
    let body = [
        section(INTERVENTIONS, "62387-6", "", intervention),
        section(OUTCOMES, "11383-7", "", outcome),
    ]
    .concat();
    let r = parse(&body);
    assert_eq!(r.plan_of_care.len(), 2);
    let i = &r.plan_of_care[0];
    assert_eq!(i.kind.as_deref(), Some("intervention"));
    assert_eq!(i.mood.as_deref(), Some("EVN"));
    let parts: Vec<_> = i.components.iter().map(|c| c.kind.as_deref()).collect();
    assert_eq!(parts, [Some("act"), Some("reference")]);
    assert_eq!(
        i.components[0].code.as_ref().unwrap().code.as_deref(),
        Some("385763009")
    );
    assert_eq!(i.components[1].ids.len(), 1);
    let o = &r.plan_of_care[1];
    assert_eq!(o.kind.as_deref(), Some("outcome"));
    let value = o.value.as_ref().unwrap();
    assert_eq!(value.kind, ValueKind::Coded);
    let progress = &o.components[0];
    assert_eq!(progress.kind.as_deref(), Some("progress"));
    assert_eq!(
        progress
            .value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("390802008")
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

const GOAL: &str = r##"<entry><observation classCode="OBS" moodCode="GOL">
  <templateId root="2.16.840.1.113883.10.20.22.4.121" extension="2022-06-01"/>
  <id root="3700b3b0-fbed-11e2-b778-0800200c9a66"/>
  <code code="8480-6" codeSystem="2.16.840.1.113883.6.1" displayName="Systolic blood pressure"/>
  <text><reference value="#goal1"/></text>
  <statusCode code="active"/>
  <effectiveTime><low value="20130902"/><high value="20131231"/></effectiveTime>
  <value xsi:type="IVL_PQ"><high value="140" unit="mm[Hg]"/></value>
  <author><time value="20130730"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="5"/></assignedAuthor></author>
  <entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="GOL">
    <templateId root="2.16.840.1.113883.10.20.22.4.121"/>
    <code code="8462-4" codeSystem="2.16.840.1.113883.6.1" displayName="Diastolic blood pressure"/>
    <value xsi:type="IVL_PQ"><high value="90" unit="mm[Hg]"/></value>
  </observation></entryRelationship>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.143"/>
    <code code="225773000" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="394849002" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.110"/>
    <code code="390801001" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="390802008" codeSystem="2.16.840.1.113883.6.96" displayName="Goal achieved"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
    <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
    <text>Patient agrees</text>
  </act></entryRelationship>
</observation></entry>"##;

#[test]
fn goal_observation_with_targets_components_priority_and_progress() {
    let narrative = r#"<paragraph ID="goal1">Blood pressure under 140/90</paragraph>"#;
    let r = parse(&section(GOALS, "61146-7", narrative, GOAL));
    assert_eq!(r.goals.len(), 1);
    let g = &r.goals[0];
    assert_eq!(g.code.as_ref().unwrap().code.as_deref(), Some("8480-6"));
    assert_eq!(g.text.as_deref(), Some("Blood pressure under 140/90"));
    assert_eq!(g.status.as_deref(), Some("active"));
    let time = g.time.as_ref().unwrap();
    assert!(time.low.is_some() && time.high.is_some());
    assert_eq!(g.targets.len(), 1);
    assert_eq!(g.targets[0].kind, ValueKind::Range);
    assert_eq!(g.components.len(), 1);
    assert_eq!(
        g.components[0].code.as_ref().unwrap().code.as_deref(),
        Some("8462-4")
    );
    assert_eq!(g.components[0].targets.len(), 1);
    assert_eq!(
        g.priority.as_ref().unwrap().code.as_deref(),
        Some("394849002")
    );
    assert_eq!(
        g.achievement.as_ref().unwrap().code.as_deref(),
        Some("390802008")
    );
    assert_eq!(g.authors.len(), 1);
    assert_eq!(g.notes, ["Patient agrees"]);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn goals_section_found_by_code_alone() {
    let body = format!(
        r#"<component><section><code code="61146-7" codeSystem="2.16.840.1.113883.6.1"/><title>Goals</title><text>x</text>{GOAL}</section></component>"#
    );
    let r = parse(&body);
    assert_eq!(r.goals.len(), 1);
    assert!(r.notes.is_empty());
}

#[test]
fn health_concerns_group_observations() {
    let concern = r#"<entry><act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.132" extension="2015-08-01"/>
      <id root="4eab0e52-dd7d-4285-99eb-72d32ddb195c"/>
      <code code="75310-3" codeSystem="2.16.840.1.113883.6.1" displayName="Health Concern"/>
      <statusCode code="active"/>
      <effectiveTime><low value="20130616"/></effectiveTime>
      <author><time value="20130616"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="7"/></assignedAuthor></author>
      <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.4" extension="2015-08-01"/>
        <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
        <effectiveTime><low value="20130610"/></effectiveTime>
        <value xsi:type="CD" code="233604007" codeSystem="2.16.840.1.113883.6.96" displayName="Pneumonia"/>
      </observation></entryRelationship>
      <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.3" extension="2015-08-01"/>
        <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
        <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
          <code code="55607006" codeSystem="2.16.840.1.113883.6.96"/>
          <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96" displayName="Asthma"/>
        </observation></entryRelationship>
      </act></entryRelationship>
      <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
        <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
        <text>Follow up</text>
      </act></entryRelationship>
    </act></entry>"#;
    let health_status = r#"<entry><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.5"/>
      <code code="11323-3" codeSystem="2.16.840.1.113883.6.1"/>
      <value xsi:type="CD" code="81323004" codeSystem="2.16.840.1.113883.6.96" displayName="Alive and well"/>
    </observation></entry>"#;
    let comment = r#"<entry><act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
      <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
      <text>Unsure</text>
    </act></entry>"#;
    let r = parse(&section(
        CONCERNS,
        "75310-3",
        "",
        &[concern, health_status, comment].concat(),
    ));
    assert_eq!(r.health_concerns.len(), 3);
    let c = &r.health_concerns[0];
    assert_eq!(c.status.as_deref(), Some("active"));
    assert!(c.period.as_ref().unwrap().low.is_some());
    assert_eq!(c.ids.len(), 1);
    assert_eq!(c.authors.len(), 1);
    assert_eq!(c.notes, ["Follow up"]);
    assert_eq!(c.observations.len(), 2);
    let pneumonia = &c.observations[0];
    assert_eq!(
        pneumonia
            .value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("233604007")
    );
    let nested = &c.observations[1].components[0];
    assert_eq!(
        nested
            .value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("195967001")
    );
    let hs = &r.health_concerns[1];
    assert_eq!(hs.observations.len(), 1);
    assert_eq!(
        hs.observations[0].code.as_ref().unwrap().code.as_deref(),
        Some("11323-3")
    );
    assert!(!c.negated);
    assert_eq!(r.health_concerns[2].text.as_deref(), Some("Unsure"));
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].code, WarningCode::UnknownEntry);
    assert!(!r.warnings[0].message.contains("Unsure"));
}

#[test]
fn no_known_health_concerns() {
    let body = r##"<component><section>
      <templateId root="2.16.840.1.113883.10.20.22.2.58" extension="2015-08-01"/>
      <code code="75310-3" codeSystem="2.16.840.1.113883.6.1"/><title>Health Concerns</title>
      <text ID="hc1">No known health concerns</text>
      <entry><act classCode="ACT" moodCode="EVN" negationInd="true">
        <templateId root="2.16.840.1.113883.10.20.22.4.132" extension="2015-08-01"/>
        <code code="75310-3" codeSystem="2.16.840.1.113883.6.1"/>
        <text><reference value="#hc1"/></text>
        <statusCode code="active"/>
      </act></entry></section></component>"##;
    let r = parse(body);
    assert_eq!(r.health_concerns.len(), 1);
    let c = &r.health_concerns[0];
    assert!(c.negated);
    assert_eq!(c.text.as_deref(), Some("No known health concerns"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn care_team_organizer_one_item_per_member() {
    let narrative = r#"<paragraph ID="team1">Diabetes team</paragraph>"#;
    let member = |npi: &str, function: &str| {
        format!(
            r#"<component><act classCode="PCPR" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.500.1" extension="2019-07-01"/>
          <id root="1.5.5" extension="{npi}"/>
          <code code="85847-2" codeSystem="2.16.840.1.113883.6.1"/>
          <statusCode code="active"/>
          <effectiveTime xsi:type="IVL_TS"><low value="20181008"/></effectiveTime>
          <performer typeCode="PRF">
            <sdtc:functionCode code="{function}" codeSystem="2.16.840.1.113883.5.88"/>
            <assignedEntity><id root="2.16.840.1.113883.4.6" extension="{npi}"/>
              <assignedPerson><name><given>A</given><family>B</family></name></assignedPerson>
            </assignedEntity>
          </performer>
        </act></component>"#
        )
    };
    let team = format!(
        r##"<entry><organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.500" extension="2019-07-01"/>
      <id root="c37b6e41"/>
      <code code="86744-0" codeSystem="2.16.840.1.113883.6.1"><originalText><reference value="#team1"/></originalText></code>
      <statusCode code="active"/>
      <effectiveTime><low value="20181008"/></effectiveTime>
      {}{}
      <component><act classCode="PCPR" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.500.1" extension="2019-07-01"/>
        <statusCode code="active"/>
        <participant typeCode="IND"><participantRole classCode="IND">
          <code code="MTH" codeSystem="2.16.840.1.113883.5.111"/>
          <playingEntity><name><given>M</given></name></playingEntity>
        </participantRole></participant>
      </act></component>
      <component><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.500.2"/>
        <code code="86744-0" codeSystem="2.16.840.1.113883.6.1"/>
        <value xsi:type="CD" code="LA28865-6" codeSystem="2.16.840.1.113883.6.1"/>
      </observation></component>
    </organizer></entry>"##,
        member("111", "PCP"),
        member("222", "ATTPHYS")
    );
    let empty_team = r#"<entry><organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.500" extension="2019-07-01"/>
      <id root="d1"/>
      <code code="86744-0" codeSystem="2.16.840.1.113883.6.1"/>
      <statusCode code="completed"/>
    </organizer></entry>"#;
    let r = parse(&section(
        CARE_TEAM,
        "85847-2",
        narrative,
        &format!("{team}{empty_team}"),
    ));
    assert_eq!(r.care_team.len(), 4);
    let first = &r.care_team[0];
    assert_eq!(first.team.as_deref(), Some("Diabetes team"));
    assert_eq!(first.status.as_deref(), Some("active"));
    assert!(first.period.is_some());
    assert_eq!(first.role.as_ref().unwrap().code.as_deref(), Some("PCP"));
    let m = first.member.as_ref().unwrap();
    assert_eq!(m.ids[0].value.as_deref(), Some("111"));
    assert_eq!(m.name.as_ref().unwrap().family.as_deref(), Some("B"));
    assert_eq!(
        r.care_team[1].role.as_ref().unwrap().code.as_deref(),
        Some("ATTPHYS")
    );
    let related = r.care_team[2].member.as_ref().unwrap();
    assert_eq!(related.role.as_ref().unwrap().code.as_deref(), Some("MTH"));
    assert_eq!(related.name.as_ref().unwrap().given, vec!["M".to_owned()]);
    assert_eq!(r.care_team[2].team.as_deref(), Some("Diabetes team"));
    let empty = &r.care_team[3];
    assert!(empty.member.is_none());
    assert_eq!(empty.status.as_deref(), Some("completed"));
    assert_eq!(empty.ids.len(), 1);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

const NOTE_ACTIVITY: &str = r##"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.202" extension="2016-11-01"/>
  <id root="9b4f5d2e"/>
  <code code="34109-9" codeSystem="2.16.840.1.113883.6.1" displayName="Note">
    <translation code="11488-4" codeSystem="2.16.840.1.113883.6.1" displayName="Consult note"/>
  </code>
  <text><reference value="#note1"/></text>
  <statusCode code="completed"/>
  <effectiveTime value="20160908"/>
  <author><time value="20160909"/><assignedAuthor><id root="2.16.840.1.113883.4.6" extension="8"/></assignedAuthor></author>
  <reference typeCode="REFR"><externalDocument classCode="DOCCLIN" moodCode="EVN"><id root="2.16.840.1.113883.19" extension="doc-7"/></externalDocument></reference>
</act></entry>"##;

#[test]
fn note_activity_in_a_notes_section() {
    let narrative = r#"<paragraph ID="note1">Seen in consultation.</paragraph>"#;
    let r = parse(&section(NOTES, "11488-4", narrative, NOTE_ACTIVITY));
    assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
    let n = &r.notes[0];
    assert_eq!(n.kind.as_deref(), Some("note"));
    assert_eq!(n.title.as_deref(), Some("T"));
    assert_eq!(n.text.as_deref(), Some("Seen in consultation."));
    let code = n.code.as_ref().unwrap();
    assert_eq!(code.code.as_deref(), Some("34109-9"));
    assert_eq!(code.translations[0].code.as_deref(), Some("11488-4"));
    assert!(n.time.is_some());
    assert_eq!(n.authors.len(), 1);
    assert_eq!(n.ids.len(), 1);
    assert_eq!(n.related_documents[0].value.as_deref(), Some("doc-7"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn note_activity_as_an_entry_of_other_sections() {
    let narrative = r#"<paragraph ID="note1">Procedure went well.</paragraph>"#;
    let procedure = r#"<entry><procedure classCode="PROC" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
      <code code="73761001" codeSystem="2.16.840.1.113883.6.96"/>
    </procedure></entry>"#;
    let other = r#"<entry><observation classCode="OBS" moodCode="EVN"><code code="X" codeSystem="1.2"/></observation></entry>"#;
    let body = [
        section(
            PROCEDURES,
            "47519-4",
            narrative,
            &format!("{procedure}{NOTE_ACTIVITY}"),
        ),
        section(
            PHYSICAL_EXAM,
            "29545-1",
            narrative,
            &format!("{NOTE_ACTIVITY}{other}<entry/>"),
        ),
    ]
    .concat();
    let r = parse(&body);
    assert_eq!(r.procedures.len(), 1);
    let kinds: Vec<_> = r.notes.iter().map(|n| n.kind.as_deref()).collect();
    assert_eq!(kinds, [Some("note"), Some("note"), Some("section")]);
    for n in &r.notes {
        assert_eq!(n.text.as_deref(), Some("Procedure went well."), "{n:?}");
    }
    assert_eq!(r.notes[0].source.section_code.as_deref(), Some("47519-4"));
    // Only the unmapped entries of the physical exam section are reported, once.
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert_eq!(r.warnings[0].code, WarningCode::UnmappedElement);
    assert!(r.warnings[0].message.contains("2 entries"));
}

#[test]
fn note_activities_inside_entries() {
    let narrative = r#"<paragraph ID="note1">Follow-up visit note.</paragraph>"#;
    let nested = NOTE_ACTIVITY
        .trim_start_matches("<entry>")
        .trim_end_matches("</entry>");
    let encounter = format!(
        r#"<entry><encounter classCode="ENC" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.49" extension="2015-08-01"/>
      <code code="99213" codeSystem="2.16.840.1.113883.6.12"/>
      <entryRelationship typeCode="COMP">{nested}</entryRelationship>
    </encounter></entry>"#
    );
    let unmapped = format!(
        r#"<entry><act classCode="ACT" moodCode="EVN"><code code="Y" codeSystem="1.2"/>
      <entryRelationship typeCode="COMP">{nested}</entryRelationship></act></entry>"#
    );
    let body = [
        section(
            "2.16.840.1.113883.10.20.22.2.22.1",
            "46240-8",
            narrative,
            &encounter,
        ),
        section(PHYSICAL_EXAM, "29545-1", narrative, &unmapped),
    ]
    .concat();
    let r = parse(&body);
    assert_eq!(r.encounters.len(), 1);
    let kinds: Vec<_> = r.notes.iter().map(|n| n.kind.as_deref()).collect();
    assert_eq!(kinds, [Some("note"), Some("note"), Some("section")]);
    assert_eq!(r.notes[0].text.as_deref(), Some("Follow-up visit note."));
    assert_eq!(r.notes[0].source.section_code.as_deref(), Some("46240-8"));
    assert_eq!(r.notes[1].source.section_code.as_deref(), Some("29545-1"));
    // The act around the second note is not mapped: one warning for its section.
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(r.warnings[0].message.contains("1 entries"));
}

#[test]
fn care_plan_document_sections() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/ccda/hl7-c-cda-examples/Care_Plan_Care_Plan.xml");
    let r = bluebutton_parse::parse(&std::fs::read(path).unwrap()).unwrap();
    assert!(!r.plan_of_care.is_empty());
    assert!(!r.goals.is_empty());
    assert!(!r.health_concerns.is_empty());
    assert!(r
        .plan_of_care
        .iter()
        .any(|a| a.kind.as_deref() == Some("intervention") && !a.components.is_empty()));
    assert!(r
        .plan_of_care
        .iter()
        .any(|a| a.kind.as_deref() == Some("outcome")));
    // The closing entry is an untemplated act, kept generically with a warning.
    assert_eq!(
        r.plan_of_care.last().and_then(|a| a.kind.as_deref()),
        Some("act")
    );
    let unknown: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::UnknownEntry)
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
}

#[test]
fn instructions_and_assessment_and_plan_sections_are_plans() {
    let instruction = r##"<entry><act classCode="ACT" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.20"/>
  <code code="225967005" codeSystem="2.16.840.1.113883.11.20.9.34" displayName="Self-care education"/>
  <text><reference value="#i1"/></text><statusCode code="completed"/>
</act></entry>"##;
    let planned = r#"<entry><act classCode="ACT" moodCode="RQO">
  <templateId root="2.16.840.1.113883.10.20.22.4.39"/>
  <code code="409073007" codeSystem="2.16.840.1.113883.6.96" displayName="Education"/>
  <statusCode code="active"/>
</act></entry>"#;
    let body = format!(
        "{}{}",
        section(
            "2.16.840.1.113883.10.20.22.2.45",
            "69730-0",
            r#"<content ID="i1">Asthma handout</content>"#,
            instruction
        ),
        section("2.16.840.1.113883.10.20.22.2.9", "51847-2", "Plan", planned)
    );
    let r = parse(&body);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert!(r.notes.is_empty());
    assert_eq!(r.plan_of_care.len(), 2);
    let i = &r.plan_of_care[0];
    assert_eq!(i.kind.as_deref(), Some("instruction"));
    assert_eq!(i.code.as_ref().unwrap().code.as_deref(), Some("225967005"));
    assert_eq!(
        r.plan_of_care[1].source.section_code.as_deref(),
        Some("51847-2")
    );
}
