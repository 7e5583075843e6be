//! Functional and mental status, family history, medical equipment, advance directives
//! and payers sections: the facts of MODEL-NOTES §3.13–§3.18, one item per entry (or per
//! member of a device / directive organizer and per policy of a Coverage Activity), and
//! unknown entries kept with a warning that holds no patient data.

use std::path::Path;

use bluebutton_parse::model::{ValueKind, WarningCode};

mod common;
use common::{parse, section};

const FUNCTIONAL: &str = "2.16.840.1.113883.10.20.22.2.14";
const MENTAL: &str = "2.16.840.1.113883.10.20.22.2.56";
const FAMILY: &str = "2.16.840.1.113883.10.20.22.2.15";
const EQUIPMENT: &str = "2.16.840.1.113883.10.20.22.2.23";
const DIRECTIVES: &str = "2.16.840.1.113883.10.20.22.2.21.1";
const PAYERS: &str = "2.16.840.1.113883.10.20.22.2.18";

const FUNCTIONAL_ORGANIZER: &str = r##"<entry><organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.66" extension="2014-06-09"/>
  <id root="a7bc1062-8649-42a0-833d-ekd65bd013c9"/>
  <code code="d5" codeSystem="2.16.840.1.113883.6.254" displayName="Self-Care"/>
  <statusCode code="completed"/>
  <effectiveTime value="20130311"/>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.67" extension="2014-06-09"/>
    <id root="c6b5a04b-2bf4-49d1-8336-636a3813df0a"/>
    <code code="46008-9" codeSystem="2.16.840.1.113883.6.1" displayName="Bathing"/>
    <text><reference value="#fs1"/></text>
    <statusCode code="completed"/>
    <effectiveTime value="20130311"/>
    <value xsi:type="CD" code="371153006" codeSystem="2.16.840.1.113883.6.96" displayName="Independent"/>
    <entryRelationship typeCode="REFR"><supply classCode="SPLY" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.50" extension="2014-06-09"/>
      <id root="c6b5a04b-2bf4-49d1-8336-636a3813df0d"/>
      <effectiveTime value="20130311"/>
      <participant typeCode="PRD"><participantRole classCode="MANU">
        <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
        <playingDevice><code code="87405001" codeSystem="2.16.840.1.113883.6.96" displayName="cane"/></playingDevice>
      </participantRole></participant>
    </supply></entryRelationship>
  </observation></component>
</organizer></entry>"##;

const ASSESSMENT: &str = r#"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.69"/>
  <id root="c6b5a04b-2bf4-49d1-8336-636a3813df0b"/>
  <code code="9269-2" codeSystem="2.16.840.1.113883.6.1" displayName="Glasgow coma score total"/>
  <derivationExpr>Text description of the calculation</derivationExpr>
  <statusCode code="completed"/>
  <effectiveTime value="20130311"/>
  <value xsi:type="INT" value="7"/>
  <entryRelationship typeCode="COMP"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.86"/>
    <code code="9267-6" codeSystem="2.16.840.1.113883.6.1" displayName="Glasgow coma score eye opening"/>
    <statusCode code="completed"/>
    <value xsi:type="CD" code="LA6556-0" codeSystem="2.16.840.1.113883.6.1" displayName="Eyes open spontaneously"/>
  </observation></entryRelationship>
</observation></entry>"#;

const CAREGIVER: &str = r#"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.72"/>
  <id root="c6b5a04b-2bf4-49d1-8336-636a3813df0c"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code="422615001" codeSystem="2.16.840.1.113883.6.96" displayName="caregiver difficulty providing physical care"/>
  <participant typeCode="IND">
    <participantRole classCode="CAREGIVER"><code code="MTH" codeSystem="2.16.840.1.113883.5.111"/></participantRole>
  </participant>
</observation></entry>"#;

const UNKNOWN: &str = r#"<entry><act classCode="ACT" moodCode="EVN"><templateId root="9.9.9"/>
  <code code="SECRET-CODE"/><text>Private words</text></act></entry>"#;

#[test]
fn functional_status_organizers_scales_and_caregivers() {
    let narrative = r#"<content ID="fs1">Bathes without help</content>"#;
    let r = parse(&section(
        FUNCTIONAL,
        "47420-5",
        narrative,
        &format!("{FUNCTIONAL_ORGANIZER}{ASSESSMENT}{CAREGIVER}"),
    ));
    assert_eq!(r.functional_status.len(), 3);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    // The organizer keeps its code, time and ids; its observation is a component.
    let o = &r.functional_status[0];
    assert_eq!(o.code.as_ref().unwrap().code.as_deref(), Some("d5"));
    assert_eq!(o.ids.len(), 1);
    assert!(o.time.is_some());
    assert_eq!(o.source.section_code.as_deref(), Some("47420-5"));
    assert!(o.source.template_ids[0].starts_with("2.16.840.1.113883.10.20.22.4.66"));
    let bathing = &o.components[0];
    assert_eq!(
        bathing.code.as_ref().unwrap().code.as_deref(),
        Some("46008-9")
    );
    assert_eq!(
        bathing
            .value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("371153006")
    );
    assert_eq!(bathing.text.as_deref(), Some("Bathes without help"));
    // The assistive device (Non-Medicinal Supply Activity) is a participant.
    let cane = &bathing.participants[0];
    assert_eq!(
        cane.role.as_ref().unwrap().code.as_deref(),
        Some("87405001")
    );
    assert_eq!(cane.function.as_ref().unwrap().code.as_deref(), Some("PRD"));
    assert!(cane.time.is_some());

    // The assessment scale: its score, and its supporting observation as a component.
    let scale = &r.functional_status[1];
    let score = scale.value.as_ref().unwrap();
    assert_eq!(score.kind, ValueKind::Integer);
    assert_eq!(score.integer, Some(7));
    assert_eq!(
        scale.components[0].code.as_ref().unwrap().code.as_deref(),
        Some("9267-6")
    );

    // The caregiver: the relationship as the participant's role, IND as its function.
    let caregiver = &r.functional_status[2].participants[0];
    assert_eq!(
        caregiver.role.as_ref().unwrap().code.as_deref(),
        Some("MTH")
    );
    assert_eq!(
        caregiver.function.as_ref().unwrap().code.as_deref(),
        Some("IND")
    );
}

#[test]
fn mental_status_and_r11_cognitive_status_stay_in_their_sections() {
    let mental = r#"<entry><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.74"/><templateId root="2.16.840.1.113883.10.20.22.4.74" extension="2015-08-01"/>
      <id root="1"/><code code="75275-8" codeSystem="2.16.840.1.113883.6.1" displayName="Cognitive function"/>
      <statusCode code="completed"/><effectiveTime value="20150622"/>
      <value xsi:type="CD" code="386807006" codeSystem="2.16.840.1.113883.6.96" displayName="Memory impairment"/>
    </observation></entry>"#;
    let cognitive_problem = r#"<entry><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.73"/>
      <id root="2"/><code code="373930000" codeSystem="2.16.840.1.113883.6.96"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="371632003" codeSystem="2.16.840.1.113883.6.96" displayName="Coma"/>
    </observation></entry>"#;
    let body = [
        section(MENTAL, "10190-7", "x", mental),
        section(FUNCTIONAL, "47420-5", "x", cognitive_problem),
    ]
    .concat();
    let r = parse(&body);
    assert_eq!(r.mental_status.len(), 1);
    assert_eq!(r.functional_status.len(), 1);
    let m = &r.mental_status[0];
    assert_eq!(m.code.as_ref().unwrap().code.as_deref(), Some("75275-8"));
    assert_eq!(m.source.section_code.as_deref(), Some("10190-7"));
    assert_eq!(
        r.functional_status[0]
            .value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("371632003")
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

const FAMILY_ORGANIZER: &str = r#"<entry><organizer classCode="CLUSTER" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.45" extension="2015-08-01"/>
  <id root="d42ebf70-5c89-11db-b0de-0800200c9a66"/>
  <statusCode code="completed"/>
  <subject><relatedSubject classCode="PRS">
    <code code="FTH" codeSystem="2.16.840.1.113883.5.111" displayName="Father"/>
    <subject>
      <sdtc:id root="2.16.840.1.113883.19.5.99999.3" extension="rel-1"/>
      <administrativeGenderCode code="M" codeSystem="2.16.840.1.113883.5.1"/>
      <birthTime value="1912"/>
      <sdtc:deceasedInd value="true"/>
      <sdtc:deceasedTime value="1969"/>
    </subject>
  </relatedSubject></subject>
  <component><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.46" extension="2015-08-01"/>
    <id root="d42ebf70-5c89-11db-b0de-0800200c9a67"/>
    <code code="64572001" codeSystem="2.16.840.1.113883.6.96" displayName="Condition"/>
    <statusCode code="completed"/>
    <effectiveTime value="1967"/>
    <value xsi:type="CD" code="22298006" codeSystem="2.16.840.1.113883.6.96" displayName="Myocardial infarction"/>
    <entryRelationship typeCode="CAUS"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.47"/>
      <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
      <statusCode code="completed"/>
      <value xsi:type="CD" code="419099009" codeSystem="2.16.840.1.113883.6.96" displayName="Dead"/>
    </observation></entryRelationship>
    <entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.31"/>
      <code code="445518008" codeSystem="2.16.840.1.113883.6.96" displayName="Age At Onset"/>
      <statusCode code="completed"/>
      <value xsi:type="PQ" value="57" unit="a"/>
    </observation></entryRelationship>
  </observation></component>
</organizer></entry>"#;

/// An R1.1 / C32 style observation placed directly in the section, with its relative.
const FAMILY_OBSERVATION: &str = r#"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.1.22"/>
  <id root="d42ebf70-5c89-11db-b0de-0800200c9a68"/>
  <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code="46635009" codeSystem="2.16.840.1.113883.6.96" displayName="Diabetes mellitus type 1"/>
  <subject><relatedSubject classCode="PRS">
    <code code="MTH" codeSystem="2.16.840.1.113883.5.111"/>
    <subject><administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/></subject>
  </relatedSubject></subject>
</observation></entry>"#;

#[test]
fn family_history_relatives_conditions_onset_and_death() {
    let r = parse(&section(
        FAMILY,
        "10157-6",
        "x",
        &format!("{FAMILY_ORGANIZER}{FAMILY_OBSERVATION}"),
    ));
    assert_eq!(r.family_history.len(), 2);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    let father = &r.family_history[0];
    assert_eq!(father.ids.len(), 1);
    assert_eq!(father.status.as_deref(), Some("completed"));
    let rel = father.relative.as_ref().unwrap();
    assert_eq!(
        rel.relationship.as_ref().unwrap().code.as_deref(),
        Some("FTH")
    );
    assert_eq!(rel.kind.as_deref(), Some("PRS"));
    assert_eq!(rel.ids[0].value.as_deref(), Some("rel-1"));
    assert_eq!(rel.gender.as_ref().unwrap().code.as_deref(), Some("M"));
    assert_eq!(
        rel.birth_time.as_ref().unwrap().value.as_deref(),
        Some("1912")
    );
    assert_eq!(father.deceased, Some(true));
    assert_eq!(
        father.deceased_time.as_ref().unwrap().value.as_deref(),
        Some("1969")
    );
    let condition = &father.observations[0];
    assert_eq!(
        condition
            .value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("22298006")
    );
    // Age at onset and the death observation are components of the condition.
    let onset = condition
        .components
        .iter()
        .find(|c| c.code.as_ref().unwrap().code.as_deref() == Some("445518008"))
        .unwrap();
    let age = onset.value.as_ref().unwrap().quantity.as_ref().unwrap();
    assert_eq!(
        (age.value.as_deref(), age.unit.as_deref()),
        (Some("57"), Some("a"))
    );
    assert_eq!(condition.components.len(), 2);

    let mother = &r.family_history[1];
    let rel = mother.relative.as_ref().unwrap();
    assert_eq!(
        rel.relationship.as_ref().unwrap().code.as_deref(),
        Some("MTH")
    );
    assert_eq!(mother.deceased, None);
    assert_eq!(mother.observations.len(), 1);
    assert_eq!(
        mother.observations[0]
            .value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("46635009")
    );
}

const SUPPLY: &str = r#"<supply classCode="SPLY" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.50" extension="2014-06-09"/>
  <id root="39b5f1b4-a8e1-4ad7-8849-0deab10c97b1"/>
  <statusCode code="completed"/>
  <effectiveTime xsi:type="IVL_TS"><high value="20130703"/></effectiveTime>
  <quantity value="1"/>
  <participant typeCode="PRD"><participantRole classCode="MANU">
    <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
    <id root="2.16.840.1.113883.3.3719" extension="(01)51022222233336(11)141231(17)150707(10)A213B1(21)1234"/>
    <playingDevice>
      <code code="14106009" codeSystem="2.16.840.1.113883.6.96" displayName="Cardiac pacemaker"/>
      <manufacturerModelName>Model X</manufacturerModelName>
    </playingDevice>
    <scopingEntity><id root="eb936010-7b17-11db-9fe1-0800200c9b65"/><desc>Good Health Durable Medical Equipment</desc></scopingEntity>
  </participantRole></participant>
</supply>"#;

#[test]
fn medical_equipment_supplies_implants_and_organizers() {
    let implant = r#"<entry><procedure classCode="PROC" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.14" extension="2014-06-09"/>
      <id root="d5b614bd-01ce-410d-8726-e1fd01dcc72a"/>
      <code code="103716009" codeSystem="2.16.840.1.113883.6.96" displayName="Stent Placement"/>
      <statusCode code="completed"/><effectiveTime value="20130512"/>
      <targetSiteCode code="28273000" codeSystem="2.16.840.1.113883.6.96" displayName="bile duct"/>
      <participant typeCode="DEV"><participantRole classCode="MANU">
        <templateId root="2.16.840.1.113883.10.20.22.4.37"/>
        <id root="2.16.840.1.113883.3.3719" extension="(01)00643169007222(17)160128(21)BLC200461H"/>
        <playingDevice><code code="228002" codeSystem="2.16.840.1.113883.3.3719" displayName="Biliary stent"/></playingDevice>
      </participantRole></participant>
    </procedure></entry>"#;
    let organizer = format!(
        r#"<entry><organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.135"/>
      <id root="3e414708-0e61-4d48-8863-484a2d473a02"/>
      <code code="40388003" codeSystem="2.16.840.1.113883.6.96" displayName="Implant"/>
      <statusCode code="completed"/>
      <effectiveTime xsi:type="IVL_TS"><low value="20070103"/></effectiveTime>
      <component>{SUPPLY}</component><component>{SUPPLY}</component>
    </organizer></entry>"#
    );
    let body = format!("<entry>{SUPPLY}</entry>{implant}{organizer}");
    let r = parse(&section(EQUIPMENT, "46264-8", "x", &body));
    assert_eq!(r.medical_equipment.len(), 4);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    let d = &r.medical_equipment[0];
    assert_eq!(d.code.as_ref().unwrap().code.as_deref(), Some("14106009"));
    assert_eq!(
        d.udi.as_deref(),
        Some("(01)51022222233336(11)141231(17)150707(10)A213B1(21)1234")
    );
    assert_eq!(
        d.manufacturer.as_deref(),
        Some("Good Health Durable Medical Equipment")
    );
    assert_eq!(d.model.as_deref(), Some("Model X"));
    assert_eq!(d.status.as_deref(), Some("completed"));
    assert!(d.time.as_ref().unwrap().high.is_some());
    // The supply's id and the device's UDI id are both kept.
    assert_eq!(d.ids.len(), 2);

    let implant = &r.medical_equipment[1];
    assert_eq!(
        implant.code.as_ref().unwrap().code.as_deref(),
        Some("228002")
    );
    assert_eq!(
        implant.udi.as_deref(),
        Some("(01)00643169007222(17)160128(21)BLC200461H")
    );
    assert_eq!(implant.body_sites[0].code.as_deref(), Some("28273000"));
    assert_eq!(
        implant.procedure.as_ref().unwrap().code.as_deref(),
        Some("103716009")
    );
    assert!(implant.time.as_ref().unwrap().value.is_some());

    // The organizer gives one device per component, which keep their own times.
    for d in &r.medical_equipment[2..] {
        assert_eq!(d.code.as_ref().unwrap().code.as_deref(), Some("14106009"));
        assert!(d.time.as_ref().unwrap().high.is_some());
        assert!(d.source.template_ids[0].starts_with("2.16.840.1.113883.10.20.22.4.50"));
    }
}

const DIRECTIVE: &str = r#"<observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.48"/><templateId root="2.16.840.1.113883.10.20.22.4.48" extension="2015-08-01"/>
  <id root="9b54c3c9-1673-49c7-aef9-b037ed72ed27"/>
  <code code="75278-2" codeSystem="2.16.840.1.113883.6.1" displayName="Advance directive status"/>
  <statusCode code="completed"/>
  <effectiveTime><low value="20110219"/><high nullFlavor="NA"/></effectiveTime>
  <value xsi:type="CD" code="304253006" codeSystem="2.16.840.1.113883.6.96" displayName="Do not resuscitate"/>
  <participant typeCode="VRF">
    <time value="20110219"/>
    <participantRole><id root="20cf14fb-b65c-4c8c-a54d-b0cca834c18c"/>
      <playingEntity><name><prefix>Dr.</prefix><given>Patricia</given><family>Primary</family></name></playingEntity>
    </participantRole>
  </participant>
  <participant typeCode="CST">
    <participantRole classCode="AGNT">
      <addr><city>Portland</city><state>OR</state></addr>
      <telecom use="WP" value="tel:+1(555)555-1004"/>
      <playingEntity><name>Good Health Clinic</name></playingEntity>
    </participantRole>
  </participant>
  <reference typeCode="REFR"><externalDocument>
    <id root="b50b7910-7ffb-4f4c-bbe4-177ed68cbbf3"/>
    <text mediaType="application/pdf"><reference value="AdvanceDirective.b50b7910.pdf"/></text>
  </externalDocument></reference>
</observation>"#;

#[test]
fn advance_directives_with_verifiers_custodian_and_documents() {
    let organizer = format!(
        r#"<entry><organizer classCode="CLUSTER" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.108"/>
      <id root="af6ebdf2-d996-11e2-a5b8-f23c91aec05e"/>
      <code code="45473-6" codeSystem="2.16.840.1.113883.6.1" displayName="advance directive - living will"/>
      <statusCode code="completed"/>
      <author><time value="20130801"/><assignedAuthor><id root="1.2.3" extension="nurse"/></assignedAuthor></author>
      <component>{DIRECTIVE}</component><component>{DIRECTIVE}</component>
    </organizer></entry>"#
    );
    let body = format!("<entry>{DIRECTIVE}</entry>{organizer}");
    let r = parse(&section(DIRECTIVES, "42348-3", "x", &body));
    assert_eq!(r.advance_directives.len(), 3);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    let d = &r.advance_directives[0];
    assert_eq!(d.code.as_ref().unwrap().code.as_deref(), Some("75278-2"));
    assert_eq!(
        d.value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("304253006")
    );
    assert_eq!(d.status.as_deref(), Some("completed"));
    assert!(d.period.as_ref().unwrap().low.is_some());
    let verifier = &d.verifiers[0];
    assert_eq!(
        verifier.function.as_ref().unwrap().code.as_deref(),
        Some("VRF")
    );
    assert_eq!(
        verifier.name.as_ref().unwrap().family.as_deref(),
        Some("Primary")
    );
    assert!(verifier.time.is_some());
    let custodian = d.custodian.as_ref().unwrap();
    assert_eq!(
        custodian.name.as_ref().unwrap().text.as_deref(),
        Some("Good Health Clinic")
    );
    assert_eq!(custodian.addresses[0].city.as_deref(), Some("Portland"));
    assert_eq!(custodian.telecoms.len(), 1);
    let doc = &d.documents[0];
    assert_eq!(doc.media_type.as_deref(), Some("application/pdf"));
    assert_eq!(
        doc.reference.as_deref(),
        Some("AdvanceDirective.b50b7910.pdf")
    );
    assert!(d.authors.is_empty());

    // The organizer's observations each become a directive and take its author.
    for d in &r.advance_directives[1..] {
        assert_eq!(d.authors.len(), 1);
        assert_eq!(d.documents.len(), 1);
    }
}

const POLICY: &str = r#"<act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.61" extension="2015-08-01"/>
  <id root="3e676a50-7aac-11db-9fe1-0800200c9a66"/>
  <code code="SELF" codeSystem="2.16.840.1.113883.5.110"/>
  <statusCode code="completed"/>
  <performer typeCode="PRF">
    <templateId root="2.16.840.1.113883.10.20.22.4.87"/>
    <assignedEntity>
      <id root="2.16.840.1.113883.6.300" extension="60054"/>
      <code code="PAYOR" codeSystem="2.16.840.1.113883.5.110"/>
      <telecom value="tel:(781)555-1515" use="WP"/>
      <representedOrganization><name>Good Health Insurance</name></representedOrganization>
    </assignedEntity>
  </performer>
  <performer typeCode="PRF">
    <templateId root="2.16.840.1.113883.10.20.22.4.88"/>
    <assignedEntity>
      <code code="GUAR" codeSystem="2.16.840.1.113883.5.111"/>
      <assignedPerson><name><given>Adam</given><family>Everyman</family></name></assignedPerson>
    </assignedEntity>
  </performer>
  <participant typeCode="COV">
    <templateId root="2.16.840.1.113883.10.20.22.4.89"/>
    <time><low value="20110101"/><high value="20121231"/></time>
    <participantRole classCode="PAT">
      <id root="1.2.3.4" extension="1138345"/>
      <code code="SELF" codeSystem="2.16.840.1.113883.5.111" displayName="Self"/>
      <playingEntity><name><given>Frank</given><family>Everyman</family></name><sdtc:birthTime value="19750501"/></playingEntity>
    </participantRole>
  </participant>
  <participant typeCode="HLD">
    <templateId root="2.16.840.1.113883.10.20.22.4.90"/>
    <participantRole><id root="1.2.3.4" extension="1138345"/><addr><city>Blue Bell</city></addr></participantRole>
  </participant>
  <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.1.19"/>
    <id root="f4dce790-8328-11db-9fe1-0800200c9a66"/>
    <code nullFlavor="NA"/>
    <entryRelationship typeCode="SUBJ"><procedure classCode="PROC" moodCode="PRMS">
      <code code="73761001" codeSystem="2.16.840.1.113883.6.96" displayName="Colonoscopy"/>
    </procedure></entryRelationship>
  </act></entryRelationship>
  <entryRelationship typeCode="REFR"><act classCode="ACT" moodCode="DEF">
    <id root="1.2.3.5"/><code nullFlavor="NI"/><text>Gold plan</text>
  </act></entryRelationship>
</act>"#;

#[test]
fn payers_one_coverage_per_policy_with_parties() {
    let coverage = format!(
        r#"<entry><act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.60" extension="2015-08-01"/>
      <id root="1fe2cdd0-7aad-11db-9fe1-0800200c9a66"/>
      <code code="48768-6" codeSystem="2.16.840.1.113883.6.1"/>
      <statusCode code="completed"/>
      <entryRelationship typeCode="COMP"><sequenceNumber value="1"/>{POLICY}</entryRelationship>
      <entryRelationship typeCode="COMP"><sequenceNumber value="2"/>{POLICY}</entryRelationship>
    </act></entry>"#
    );
    let r = parse(&section(PAYERS, "48768-6", "x", &coverage));
    assert_eq!(r.payers.len(), 2);
    assert!(r.coverage.is_empty());
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    let c = &r.payers[0];
    // The Coverage Activity's id, then the policy's.
    assert_eq!(c.ids.len(), 2);
    assert_eq!(c.status.as_deref(), Some("completed"));
    assert_eq!(c.kind.as_ref().unwrap().code.as_deref(), Some("SELF"));
    let payer = c.payer.as_ref().unwrap();
    assert_eq!(payer.name.as_deref(), Some("Good Health Insurance"));
    assert_eq!(payer.ids[0].value.as_deref(), Some("60054"));
    assert_eq!(payer.kind.as_ref().unwrap().code.as_deref(), Some("PAYOR"));
    assert_eq!(payer.telecoms.len(), 1);
    let guarantor = c.guarantor.as_ref().unwrap();
    assert_eq!(
        guarantor.name.as_ref().unwrap().family.as_deref(),
        Some("Everyman")
    );
    assert_eq!(c.subscriber_id.as_deref(), Some("1138345"));
    assert_eq!(
        c.relationship.as_ref().unwrap().code.as_deref(),
        Some("SELF")
    );
    let covered = c.beneficiary.as_ref().unwrap();
    assert_eq!(covered.name.as_ref().unwrap().given, ["Frank"]);
    assert_eq!(
        covered.birth_time.as_ref().unwrap().value.as_deref(),
        Some("1975-05-01")
    );
    assert!(c.period.as_ref().unwrap().high.is_some());
    let holder = c.subscriber.as_ref().unwrap();
    assert_eq!(holder.ids[0].value.as_deref(), Some("1138345"));
    assert_eq!(holder.addresses[0].city.as_deref(), Some("Blue Bell"));
    let auth = &c.details[0];
    assert_eq!(
        auth.value
            .as_ref()
            .unwrap()
            .coded
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("73761001")
    );
    assert_eq!(c.plan_name.as_deref(), Some("Gold plan"));
    assert_eq!(r.payers[1], {
        let mut second = c.clone();
        second.source = r.payers[1].source.clone();
        second
    });
}

#[test]
fn unknown_entries_are_kept_with_a_warning() {
    let body = [
        section(FUNCTIONAL, "47420-5", "x", UNKNOWN),
        section(MENTAL, "10190-7", "x", UNKNOWN),
        section(FAMILY, "10157-6", "x", UNKNOWN),
        section(EQUIPMENT, "46264-8", "x", UNKNOWN),
        section(DIRECTIVES, "42348-3", "x", UNKNOWN),
        section(PAYERS, "48768-6", "x", UNKNOWN),
    ]
    .concat();
    let r = parse(&body);
    assert_eq!(r.functional_status.len(), 1);
    assert_eq!(r.mental_status.len(), 1);
    assert_eq!(r.family_history.len(), 1);
    assert_eq!(r.medical_equipment.len(), 1);
    assert_eq!(
        r.medical_equipment[0]
            .code
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("SECRET-CODE")
    );
    assert_eq!(r.advance_directives.len(), 1);
    assert_eq!(r.payers.len(), 1);
    let unknown: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::UnknownEntry)
        .collect();
    assert_eq!(unknown.len(), 6, "{:?}", r.warnings);
    for w in &r.warnings {
        assert!(!w.message.contains("SECRET") && !w.message.contains("Private"));
    }
    assert!(r.notes.is_empty());
}

#[test]
fn sections_found_by_code_alone() {
    let body = r#"<component><section><code code="10157-6" codeSystem="2.16.840.1.113883.6.1"/><title>Family history</title><text>t</text>
        <entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.22.4.45"/>
          <subject><relatedSubject classCode="PRS"><code code="BRO"/></relatedSubject></subject></organizer></entry></section></component>
        <component><section><code code="48768-6"/><title>Payers</title><text>None</text></section></component>"#;
    let r = parse(body);
    assert_eq!(r.family_history.len(), 1);
    assert_eq!(
        r.family_history[0]
            .relative
            .as_ref()
            .unwrap()
            .relationship
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("BRO")
    );
    assert!(r.payers.is_empty());
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.notes[0].text.as_deref(), Some("None"));
}

#[test]
fn c32_sections() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/c32/amida/C32.xml");
    let r = bluebutton_parse::parse(&std::fs::read(path).unwrap()).unwrap();
    assert!(!r.family_history.is_empty());
    for f in &r.family_history {
        assert!(f.relative.as_ref().unwrap().relationship.is_some());
        assert!(!f.observations.is_empty());
    }
    assert!(!r.payers.is_empty());
    for c in &r.payers {
        assert!(c.payer.is_some());
    }
    assert!(!r.advance_directives.is_empty());
    for d in &r.advance_directives {
        assert!(d.code.is_some());
    }
}
