//! Sections whose entries go to several lists: a procedure note's Anesthesia, Procedure
//! Indications and Procedure Specimens Taken sections, Nutrition and Assessment. Each
//! entry lands where its statement belongs, with the section as its source, and the
//! section's narrative stays a note.

use std::path::Path;

mod common;
use common::{parse, section};

const ANESTHESIA: &str = "2.16.840.1.113883.10.20.22.2.25";
const INDICATIONS: &str = "2.16.840.1.113883.10.20.22.2.29";
const NUTRITION: &str = "2.16.840.1.113883.10.20.22.2.57";
const ASSESSMENT: &str = "2.16.840.1.113883.10.20.22.2.8";

#[test]
fn operative_note_anesthesia_and_indications_are_mapped() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/ccda/hl7-c-cda-examples/Operative_Note_Operative_Note.xml");
    let r = bluebutton_parse::parse(&std::fs::read(path).unwrap()).unwrap();
    let in_section =
        |code: &str, s: &bluebutton_parse::model::Source| s.section_code.as_deref() == Some(code);
    // Procedure Anesthesia (59774-0): the anesthesia procedure and the drug given.
    let procedure = r
        .procedures
        .iter()
        .find(|p| in_section("59774-0", &p.source))
        .unwrap();
    assert!(procedure.code.is_some());
    let drug = r
        .medications
        .iter()
        .find(|m| in_section("59774-0", &m.source))
        .unwrap();
    assert!(drug.product.is_some());
    assert!(drug.route.is_some());
    // Procedure Indications (59768-2): the Indication is a problem.
    let indication = r
        .problems
        .iter()
        .find(|p| in_section("59768-2", &p.source))
        .unwrap();
    assert!(indication.code.as_ref().unwrap().code.is_some());
    // The narratives stay notes.
    for code in ["59774-0", "59768-2", "59773-2"] {
        assert!(
            r.notes.iter().any(|n| in_section(code, &n.source)),
            "{code}"
        );
    }
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn entries_go_where_their_statement_belongs() {
    let anesthesia = r#"<entry><procedure classCode="PROC" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.14"/>
  <code code="73761001" codeSystem="2.16.840.1.113883.6.96"/>
</procedure></entry>
<entry><substanceAdministration classCode="SBADM" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.16"/>
  <routeCode code="C38276" codeSystem="2.16.840.1.113883.3.26.1.1"/>
  <consumable><manufacturedProduct><manufacturedMaterial><code code="153475" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial></manufacturedProduct></consumable>
</substanceAdministration></entry>"#;
    let indications = r#"<entry><observation classCode="COND" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.19"/>
  <code code="404684003" codeSystem="2.16.840.1.113883.6.96"/>
  <value xsi:type="CE" code="414992000" codeSystem="2.16.840.1.113883.6.96"/>
</observation></entry>"#;
    let nutrition = r#"<entry><observation classCode="OBS" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.124"/>
  <code code="75305-3" codeSystem="2.16.840.1.113883.6.1"/>
  <value xsi:type="CD" code="248324001" codeSystem="2.16.840.1.113883.6.96"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.138"/>
    <code code="75303-8" codeSystem="2.16.840.1.113883.6.1"/>
    <value xsi:type="CD" code="386619000" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
</observation></entry>"#;
    // A diagnosis act, an observation with no template (a result), an image (no list) and
    // a comment on the section.
    let assessment = r#"<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.33"/>
  <code code="11535-2" codeSystem="2.16.840.1.113883.6.1"/>
  <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
    <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
    <code code="282291009" codeSystem="2.16.840.1.113883.6.96"/>
    <value xsi:type="CD" code="44054006" codeSystem="2.16.840.1.113883.6.96"/>
  </observation></entryRelationship>
</act></entry>
<entry><observation classCode="OBS" moodCode="EVN">
  <code code="8302-2" codeSystem="2.16.840.1.113883.6.1"/>
  <value xsi:type="PQ" value="170" unit="cm"/>
</observation></entry>
<entry><observationMedia classCode="OBS" moodCode="EVN"><value mediaType="image/png" representation="B64">AA==</value></observationMedia></entry>
<entry><act classCode="ACT" moodCode="EVN">
  <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
  <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/>
  <text>Seen with her daughter.</text>
</act></entry>"#;
    let body = [
        section(ANESTHESIA, "59774-0", "General anesthesia", anesthesia),
        section(INDICATIONS, "59768-2", "Rectal bleeding", indications),
        section(NUTRITION, "61144-2", "Well nourished", nutrition),
        section(ASSESSMENT, "51848-0", "Diabetes", assessment),
    ]
    .concat();
    let r = parse(&body);
    let code = |c: Option<&bluebutton_parse::model::Coded>| c.and_then(|c| c.code.clone());
    let section_of = |s: &bluebutton_parse::model::Source| s.section_code.clone();

    assert_eq!(r.procedures.len(), 1);
    assert_eq!(
        code(r.procedures[0].code.as_ref()).as_deref(),
        Some("73761001")
    );
    assert_eq!(
        section_of(&r.procedures[0].source).as_deref(),
        Some("59774-0")
    );
    assert_eq!(r.medications.len(), 1);
    assert_eq!(
        code(r.medications[0].product.as_ref()).as_deref(),
        Some("153475")
    );
    assert_eq!(
        code(r.medications[0].route.as_ref()).as_deref(),
        Some("C38276")
    );

    let problems: Vec<_> = r
        .problems
        .iter()
        .map(|p| {
            (
                section_of(&p.source),
                code(p.kind.as_ref()),
                code(p.code.as_ref()),
            )
        })
        .collect();
    let owned = |s: &str| Some(s.to_owned());
    assert_eq!(
        problems,
        [
            (owned("59768-2"), owned("404684003"), owned("414992000")),
            (owned("51848-0"), owned("282291009"), owned("44054006")),
        ]
    );
    // The diagnosis act names what the problem is.
    assert_eq!(
        code(r.problems[1].categories.first()).as_deref(),
        Some("11535-2")
    );

    let status = &r.functional_status[0];
    assert_eq!(code(status.code.as_ref()).as_deref(), Some("75305-3"));
    assert_eq!(section_of(&status.source).as_deref(), Some("61144-2"));
    assert_eq!(
        code(status.components[0].code.as_ref()).as_deref(),
        Some("75303-8")
    );

    let result = &r.results[0];
    assert_eq!(section_of(&result.source).as_deref(), Some("51848-0"));
    assert_eq!(
        code(result.observations[0].code.as_ref()).as_deref(),
        Some("8302-2")
    );
    let image = &r.other[0];
    assert_eq!(image.kind.as_deref(), Some("entry"));
    assert_eq!(section_of(&image.source).as_deref(), Some("51848-0"));
    let comment = &r.other[1];
    assert_eq!(comment.kind.as_deref(), Some("comment"));
    assert_eq!(comment.text.as_deref(), Some("Seen with her daughter."));
    assert!(r.procedures.iter().all(|p| p.code.is_some()));

    let notes: Vec<_> = r
        .notes
        .iter()
        .map(|n| (section_of(&n.source), n.text.clone()))
        .collect();
    assert_eq!(
        notes,
        [
            (owned("59774-0"), owned("General anesthesia")),
            (owned("59768-2"), owned("Rectal bleeding")),
            (owned("61144-2"), owned("Well nourished")),
            (owned("51848-0"), owned("Diabetes")),
        ]
    );
    // An untemplated observation is a result, said once.
    let unknown: Vec<_> = r.warnings.iter().map(|w| w.code).collect();
    assert_eq!(
        unknown,
        [bluebutton_parse::model::WarningCode::UnknownEntry],
        "{:?}",
        r.warnings
    );
}

#[test]
fn imaging_report_findings_and_procedures_are_mapped() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/ccda/chb-sample-ccdas/HL7/DIR.sample.xml");
    let r = bluebutton_parse::parse(&std::fs::read(path).unwrap()).unwrap();
    // History, Findings and Impressions each hold one text observation: a result each,
    // under its section.
    let found: Vec<_> = r
        .results
        .iter()
        .map(|g| {
            let o = &g.observations[0];
            (
                g.source.section_code.as_deref(),
                o.code.as_ref().and_then(|c| c.code.as_deref()),
                o.value
                    .as_ref()
                    .and_then(|v| v.text.is_some().then_some("text")),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (Some("11329-0"), Some("121060"), Some("text")),
            (Some("121070"), Some("121071"), Some("text")),
            (Some("121072"), Some("121073"), Some("text")),
        ]
    );
    // The finding's measurement, and the image it was measured on, are its components.
    let size = &r.results[1].observations[0].components[0];
    assert_eq!(
        size.code.as_ref().unwrap().code.as_deref(),
        Some("246120007")
    );
    let quantity = size.value.as_ref().unwrap().quantity.as_ref().unwrap();
    assert_eq!(
        (quantity.value.as_deref(), quantity.unit.as_deref()),
        (Some("45"), Some("mm"))
    );
    let image = &size.components[0];
    assert_eq!(
        image.code.as_ref().unwrap().code.as_deref(),
        Some("1.2.840.10008.5.1.4.1.1.1")
    );
    // The DICOM study and the procedure context are procedures.
    let procedures: Vec<_> = r
        .procedures
        .iter()
        .map(|p| {
            (
                p.source.section_code.as_deref(),
                p.code.as_ref().and_then(|c| c.code.as_deref()),
            )
        })
        .collect();
    assert_eq!(
        procedures,
        [
            (Some("121181"), Some("113014")),
            (Some("121072"), Some("70548"))
        ]
    );
    assert!(!r.procedures[0].ids.is_empty());
    assert!(r.procedures[1].period.is_some());
    // Every section stays a note.
    for code in ["121181", "121109", "11329-0", "121070", "121072"] {
        assert!(
            r.notes
                .iter()
                .any(|n| n.source.section_code.as_deref() == Some(code)),
            "{code}"
        );
    }
}

#[test]
fn referrals_and_discharge_instructions_are_plans() {
    let referral = r#"<entry><act classCode="PCPR" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.140"/>
  <code code="44383000" codeSystem="2.16.840.1.113883.6.96"/>
  <statusCode code="active"/>
</act></entry>"#;
    let instruction = r#"<entry><act classCode="ACT" moodCode="INT">
  <templateId root="2.16.840.1.113883.10.20.22.4.20"/>
  <code code="311401005" codeSystem="2.16.840.1.113883.6.96"/>
  <text>Keep the wound dry.</text>
</act></entry>"#;
    let body = [
        section(
            "1.3.6.1.4.1.19376.1.5.3.1.3.1",
            "42349-1",
            "Consult cardiology",
            referral,
        ),
        section(
            "2.16.840.1.113883.10.20.22.2.41",
            "8653-8",
            "Keep the wound dry.",
            instruction,
        ),
    ]
    .concat();
    let r = parse(&body);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let plans: Vec<_> = r
        .plan_of_care
        .iter()
        .map(|a| (a.kind.as_deref(), a.source.section_code.as_deref()))
        .collect();
    assert_eq!(
        plans,
        [
            (Some("referral"), Some("42349-1")),
            (Some("instruction"), Some("8653-8"))
        ]
    );
    assert_eq!(r.notes.len(), 2);
}
