//! Problems and medications facts that used to be lost: diagnosis sections (admission,
//! discharge, preoperative, postoperative, postprocedure), complications and procedure
//! findings read as problems, every problem of a concern
//! kept, and a medication's status observation, type of medication (or activity code)
//! and the problem of a Problem Concern Act given as its reason.

mod common;
use common::{parse, section};

const ADMISSION_DX: &str = "2.16.840.1.113883.10.20.22.2.43";
const MEDICATIONS: &str = "2.16.840.1.113883.10.20.22.2.1.1";

fn problem_observation(code: &str, translation: &str) -> String {
    format!(
        r#"<entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
  <code code="282291009" codeSystem="2.16.840.1.113883.6.96" displayName="Diagnosis"/>
  <statusCode code="completed"/><effectiveTime><low value="20130610"/></effectiveTime>
  <value xsi:type="CD" code="{code}" codeSystem="2.16.840.1.113883.6.96">
    <translation code="{translation}" codeSystem="2.16.840.1.113883.6.103"/>
  </value>
</observation></entryRelationship>"#
    )
}

#[test]
fn diagnosis_sections_give_one_problem_per_diagnosis() {
    let one = problem_observation("36228007", "95.09");
    let two = format!(
        "{}{}",
        problem_observation("233604007", "486"),
        problem_observation("195967001", "493.90")
    );
    let act = |rels: &str| {
        format!(
            r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.34"/><id root="1.2.3" extension="a1"/>
  <code code="46241-6" codeSystem="2.16.840.1.113883.6.1" displayName="Hospital Admission Diagnosis"/>
  <statusCode code="active"/>{rels}
  <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.64"/><code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
    <text>checked</text></act></entryRelationship>
</act></entry>"#
        )
    };
    let entries = format!("{}{}", act(&one), act(&two));
    let r = parse(&section(ADMISSION_DX, "46241-6", "Admission", &entries));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.problems.len(), 3);
    let codes: Vec<_> = r
        .problems
        .iter()
        .map(|p| p.code.as_ref().unwrap().code.as_deref().unwrap())
        .collect();
    assert_eq!(codes, ["36228007", "233604007", "195967001"]);
    let first = &r.problems[0];
    let value = first.code.as_ref().unwrap();
    assert_eq!(value.translations[0].code.as_deref(), Some("95.09"));
    assert_eq!(
        first.kind.as_ref().unwrap().code.as_deref(),
        Some("282291009")
    );
    assert_eq!(first.categories[0].code.as_deref(), Some("46241-6"));
    assert_eq!(first.concern_ids[0].value.as_deref(), Some("a1"));
    assert_eq!(first.status.as_deref(), Some("active"));
    assert_eq!(first.notes, ["checked"]);
    assert_eq!(first.source.section_code.as_deref(), Some("46241-6"));
    // Two diagnoses in one act: two problems, each with the act's facts.
    let (second, third) = (&r.problems[1], &r.problems[2]);
    assert_eq!(second.categories, third.categories);
    assert_eq!(second.concern_ids, third.concern_ids);
    assert_eq!(second.notes, ["checked"]);
    assert_eq!(third.notes, ["checked"]);
    assert_ne!(second.source.line, third.source.line);
    // No narrative note for a section whose entries were mapped.
    assert!(r.notes.is_empty());
}

#[test]
fn medication_status_and_type_are_kept() {
    let entry = r#"<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.1.24"/>
  <templateId root="2.16.840.1.113883.3.88.11.83.8"/>
  <statusCode code="completed"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code code="197361" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.3.88.11.83.8.1"/>
    <code code="73639000" codeSystem="2.16.840.1.113883.6.96" displayName="Prescription drug"/>
  </observation></entryRelationship>
  <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.1.47"/>
    <code code="33999-4" codeSystem="2.16.840.1.113883.6.1" displayName="Status"/>
    <value xsi:type="CE" code="421139008" codeSystem="2.16.840.1.113883.6.96" displayName="On Hold"/>
  </observation></entryRelationship>
</substanceAdministration></entry>
<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code code="1191" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <code code="329505003" codeSystem="2.16.840.1.113883.6.96" displayName="Over-the-counter product"/>
  </observation></entryRelationship>
</substanceAdministration></entry>
<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16"/>
  <code code="182904002" codeSystem="2.16.840.1.113883.6.96" displayName="Drug treatment unknown"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code nullFlavor="NA"/></manufacturedMaterial></manufacturedProduct></consumable>
</substanceAdministration></entry>"#;
    let r = parse(&section(MEDICATIONS, "10160-0", "Medications", entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let m = &r.medications[0];
    assert_eq!(m.kind.as_ref().unwrap().code.as_deref(), Some("73639000"));
    let status = m.clinical_status.as_ref().unwrap();
    assert_eq!(status.code.as_deref(), Some("421139008"));
    assert_eq!(m.status.as_deref(), Some("completed"));
    let otc = &r.medications[1];
    assert_eq!(
        otc.kind.as_ref().unwrap().code.as_deref(),
        Some("329505003")
    );
    assert!(otc.clinical_status.is_none());
    // The activity's own code, when it has one, is the kind too.
    let unknown = r.medications[2].kind.as_ref().unwrap();
    assert_eq!(unknown.code.as_deref(), Some("182904002"));
}

#[test]
fn every_problem_of_a_concern_is_kept() {
    let entry = format!(
        r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.3"/><id root="1.2.3" extension="c1"/>
  <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/><statusCode code="active"/>
  {}{}
</act></entry>"#,
        problem_observation("29857009", "786.50"),
        problem_observation("194828000", "413.9")
    );
    let r = parse(&section(
        "2.16.840.1.113883.10.20.22.2.5.1",
        "11450-4",
        "Problems",
        &entry,
    ));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.problems.len(), 2);
    let last = &r.problems[1];
    assert_eq!(
        last.code.as_ref().unwrap().code.as_deref(),
        Some("194828000")
    );
    assert_eq!(last.concern_ids[0].value.as_deref(), Some("c1"));
    assert_eq!(last.status.as_deref(), Some("active"));
    // A concern act's code is not a category.
    assert!(last.categories.is_empty());
}

#[test]
fn a_problem_concern_as_a_medication_reason_is_an_indication() {
    let entry = format!(
        r#"<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code code="1191" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
  <entryRelationship typeCode="RSON"><act classCode="ACT" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.3"/>
    <code code="CONC" codeSystem="2.16.840.1.113883.5.6"/>
    {}
  </act></entryRelationship>
</substanceAdministration></entry>"#,
        problem_observation("55607006", "346.9")
    );
    let r = parse(&section(MEDICATIONS, "10160-0", "Medications", &entry));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let indication = &r.medications[0].indications[0];
    assert_eq!(indication.code.as_deref(), Some("55607006"));
    assert_eq!(indication.translations[0].code.as_deref(), Some("346.9"));
}

#[test]
fn complications_and_procedure_findings_are_problems() {
    let entry = r#"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
  <code code="409586006" codeSystem="2.16.840.1.113883.6.96" displayName="Complaint"/>
  <statusCode code="completed"/>
  <value xsi:type="CD" code="195967001" codeSystem="2.16.840.1.113883.6.96"/>
</observation></entry>"#;
    let body = format!(
        "{}{}",
        section(
            "2.16.840.1.113883.10.20.22.2.37",
            "55109-3",
            "Complications",
            entry,
        ),
        section(
            "2.16.840.1.113883.10.20.22.2.28",
            "59776-5",
            "Findings",
            entry,
        )
    );
    let r = parse(&body);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.problems.len(), 2);
    assert_eq!(
        r.problems[1].source.section_code.as_deref(),
        Some("59776-5")
    );
    let p = &r.problems[0];
    assert_eq!(p.kind.as_ref().unwrap().code.as_deref(), Some("409586006"));
    assert_eq!(p.code.as_ref().unwrap().code.as_deref(), Some("195967001"));
    assert_eq!(p.source.section_code.as_deref(), Some("55109-3"));
}
