//! The codes an entry's template fixes (a concern act's `CONC`, a severity observation's
//! `SEV`, an allergy observation's `ASSERTION`, a drug vehicle's role): they say what a
//! statement is, which its place in the model already tells, so no field holds them.
//! They are kept in `source.codes` for provenance and faithful re-writing.
//!
//! Told by the statement's class and code (cheap: no template lists for most), and only
//! where the mappers leave the code unmapped: a subsidiary observation's code is the
//! fallback for its value, so it is kept only when the observation has a value; and
//! sections whose mappers keep related observations whole (with their codes) keep only
//! their comments' codes here.

use bluebutton_model::{Coded, Coding};

use crate::ccda::statement::{Statement, StatementKind};
use crate::ccda::templates::{any_of, DRUG_VEHICLE, INDICATION, PRIORITY, PROBLEM_OBSERVATION};

/// How a section's mapper reads the statements related to an entry's root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// By role: the value of a severity, status, indication, ... observation is mapped,
    /// its code is not (allergies, problems, medications, encounters, ...).
    ByRole,
    /// Whole: related observations and acts are mapped with their own codes (results,
    /// vital signs, social history, status sections, family history, health concerns);
    /// only a Comment Activity is read for its text alone.
    Whole,
    /// Plans: an Indication and an activity's first Priority Preference are read for
    /// their value and a Comment Activity for its text; every other related statement
    /// whole.
    Plan,
}

/// The fixed codes of `s` and of the statements related to it, in document order.
pub(crate) fn fixed_codes(s: &Statement, reading: Reading) -> Vec<Coding> {
    let mut out = Vec::new();
    collect(s, Place::Root, reading, &mut out);
    out
}

/// Where a statement is in the entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The entry's root statement.
    Root,
    /// Related to another statement.
    Nested,
    /// The first Priority Preference of a planned activity with no priority code: the
    /// one whose value (else priority code, else code) is the activity's priority.
    FirstPriority,
}

fn collect(s: &Statement, place: Place, reading: Reading, out: &mut Vec<Coding>) {
    let nested = place != Place::Root;
    let fixed = match reading {
        Reading::ByRole => is_fixed(s, nested),
        Reading::Whole => nested && is_comment(s),
        Reading::Plan => {
            let indication = || !s.values.is_empty() && s.has_template(INDICATION);
            let priority = || !s.values.is_empty() || s.priority.is_some();
            nested
                && (is_comment(s) || indication() || (place == Place::FirstPriority && priority()))
        }
    };
    if let Some(cd) = s.code.as_ref().filter(|_| fixed) {
        push(&cd.coded, out);
    }
    if reading == Reading::ByRole {
        product_and_participants(s, out);
    }
    let mut priority_open = reading == Reading::Plan && s.priority.is_none();
    for rel in &s.relationships {
        let first = priority_open && rel.statement.has_template(PRIORITY);
        priority_open &= !first;
        let place = if first {
            Place::FirstPriority
        } else {
            Place::Nested
        };
        collect(&rel.statement, place, reading, out);
    }
}

/// A Comment Activity (its code, `48767-8`, is fixed; its text is the comment).
fn is_comment(s: &Statement) -> bool {
    s.kind == StatementKind::Act && s.code_value() == Some("48767-8")
}

/// A product manufacturer's industry class, and a drug vehicle's role code (in the
/// order CDA puts `consumable` and `participant`).
fn product_and_participants(s: &Statement, out: &mut Vec<Coding>) {
    if let Some(kind) = s
        .dosing
        .as_ref()
        .and_then(|d| d.product.as_ref())
        .and_then(|p| p.manufacturer_kind.as_ref())
    {
        // The model keeps only the manufacturer's name.
        push(kind, out);
    }
    for p in &s.participants {
        if let Some(role) = p.role_code.as_ref() {
            if any_of(&p.template_ids, DRUG_VEHICLE) {
                push(&role.coded, out);
            }
        }
    }
}

/// True when the statement's own `code` is one its template fixes and no mapper reads.
fn is_fixed(s: &Statement, nested: bool) -> bool {
    let Some(code) = s.code_value() else {
        return false;
    };
    match (s.kind, code) {
        // Problem and allergy concern acts, Discharge Medication, Comment Activity,
        // Coverage Activity; Substance Administered Act, Drug Monitoring Act.
        (StatementKind::Act, "CONC" | "48765-2" | "10183-2" | "48767-8" | "48768-6") => true,
        (StatementKind::Act, "416118004" | "395170001") => true,
        // An Encounter Diagnosis act inside an encounter (at a problems entry's root, its
        // code is the problem's category).
        (StatementKind::Act, "29308-4") => nested,
        // An assertion (an allergy observation's: its value is the allergy type), save a
        // problem observation's, whose code is the problem's kind; Age Observation; CCD
        // Medication Series Number Observation.
        (StatementKind::Observation, "ASSERTION") => !s.has_template(PROBLEM_OBSERVATION),
        (StatementKind::Observation, "445518008" | "397659008" | "30973-2") => true,
        // Immunization Activity; Medication Free Text Sig.
        (StatementKind::SubstanceAdministration, "IMMUNIZ" | "76662-6") => true,
        // Advance Directive Organizer.
        (StatementKind::Organizer, "45473-6") => true,
        // Severity, status, criticality and health status observations, Priority
        // Preference, the reason a medication was not given: their value is mapped, their
        // code only when they have none.
        (
            StatementKind::Observation,
            "SEV" | "33999-4" | "82606-5" | "11323-3" | "225773000" | "77301-0",
        ) => nested && !s.values.is_empty(),
        // An Indication's code says whether the reason is a finding, a symptom, a
        // diagnosis...; its value is the reason.
        (StatementKind::Observation, _) => {
            nested && !s.values.is_empty() && s.has_template(INDICATION)
        }
        _ => false,
    }
}

/// True when the entry root `s` has a code its template fixes (read by role).
pub(crate) fn has_fixed_code(s: &Statement) -> bool {
    is_fixed(s, false)
}

/// A coded element's own code as kept in `source.codes` (code, system and display).
pub(crate) fn coding_of(c: &Coded) -> Coding {
    coding(c.code.as_ref(), c.system.as_ref(), c.display.as_ref())
}

/// Keeps a coded element's code and translations (code, system and display).
fn push(c: &Coded, out: &mut Vec<Coding>) {
    if c.code.is_some() {
        out.push(coding_of(c));
    }
    for t in &c.translations {
        if t.code.is_some() {
            out.push(coding(
                t.code.as_ref(),
                t.system.as_ref(),
                t.display.as_ref(),
            ));
        }
    }
}

fn coding(code: Option<&String>, system: Option<&String>, display: Option<&String>) -> Coding {
    Coding {
        code: code.cloned(),
        system: system.cloned(),
        display: display.cloned(),
        ..Coding::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ccda::context::Cx;
    use crate::ccda::statement::read_statement;

    fn statement(xml: &str) -> Box<Statement> {
        let mut cx = Cx::new(xml.as_bytes());
        let root = cx.r.root().unwrap();
        let kind = StatementKind::of(&root).unwrap();
        read_statement(&mut cx, &root, kind).unwrap()
    }

    fn codes(s: &Statement, reading: Reading) -> Vec<String> {
        fixed_codes(s, reading)
            .into_iter()
            .map(|c| c.code.unwrap_or_default())
            .collect()
    }

    const CONCERN: &str = r#"<act classCode="ACT" moodCode="EVN">
      <templateId root="2.16.840.1.113883.10.20.22.4.3"/>
      <code code="CONC" codeSystem="2.16.840.1.113883.5.6" displayName="Concern"/>
      <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
        <templateId root="2.16.840.1.113883.10.20.22.4.4"/>
        <code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/>
        <value xsi:type="CD" code="233604007" codeSystem="2.16.840.1.113883.6.96"/>
        <entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.6"/>
          <code code="33999-4" codeSystem="2.16.840.1.113883.6.1"/>
          <value xsi:type="CD" code="55561003" codeSystem="2.16.840.1.113883.6.96"/>
        </observation></entryRelationship>
        <entryRelationship typeCode="SUBJ"><observation classCode="OBS" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.8"/>
          <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/>
        </observation></entryRelationship>
        <entryRelationship typeCode="SUBJ" inversionInd="true"><act classCode="ACT" moodCode="EVN">
          <templateId root="2.16.840.1.113883.10.20.22.4.64"/>
          <code code="48767-8" codeSystem="2.16.840.1.113883.6.1"/><text>note</text>
        </act></entryRelationship>
      </observation></entryRelationship>
    </act>"#;

    #[test]
    fn keeps_template_fixed_codes_a_mapper_reading_by_role_leaves_unmapped() {
        let s = statement(CONCERN);
        // A problem observation's code is the problem's kind; a severity observation
        // without a value has its code mapped as the severity.
        assert_eq!(codes(&s, Reading::ByRole), ["CONC", "33999-4", "48767-8"]);
        let first = &fixed_codes(&s, Reading::ByRole)[0];
        assert_eq!(first.system.as_deref(), Some("2.16.840.1.113883.5.6"));
        assert_eq!(first.display.as_deref(), Some("Concern"));
    }

    #[test]
    fn keeps_only_comment_codes_when_related_statements_are_read_whole() {
        let s = statement(CONCERN);
        assert_eq!(codes(&s, Reading::Whole), ["48767-8"]);
    }

    #[test]
    fn a_plan_keeps_its_first_priority_preferences_code_and_its_indications() {
        let preference = r#"<entryRelationship typeCode="REFR"><observation classCode="OBS" moodCode="EVN">
            <templateId root="2.16.840.1.113883.10.20.22.4.143"/>
            <code code="225773000" codeSystem="2.16.840.1.113883.6.96"/>
            <value xsi:type="CD" code="394848005" codeSystem="2.16.840.1.113883.6.96"/>
          </observation></entryRelationship>"#;
        let s = statement(&format!(
            r#"<encounter classCode="ENC" moodCode="INT">
              <templateId root="2.16.840.1.113883.10.20.22.4.40"/>
              {preference}{preference}
              <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
                <templateId root="2.16.840.1.113883.10.20.22.4.19"/>
                <code code="409586006" codeSystem="2.16.840.1.113883.6.96"/>
                <value xsi:type="CD" code="38341003" codeSystem="2.16.840.1.113883.6.96"/>
              </observation></entryRelationship>
            </encounter>"#
        ));
        // The second preference is mapped whole, as a component with its code.
        assert_eq!(codes(&s, Reading::Plan), ["225773000", "409586006"]);
    }

    #[test]
    fn a_subsidiary_observation_at_the_root_keeps_its_code() {
        let s = statement(
            r#"<observation classCode="OBS" moodCode="EVN">
              <templateId root="2.16.840.1.113883.10.20.22.4.8"/>
              <code code="SEV" codeSystem="2.16.840.1.113883.5.4"/>
              <value xsi:type="CD" code="24484000" codeSystem="2.16.840.1.113883.6.96"/>
            </observation>"#,
        );
        assert!(codes(&s, Reading::ByRole).is_empty());
    }

    #[test]
    fn keeps_a_wrapper_act_code_with_its_translations_a_vehicle_role_and_a_manufacturer_class() {
        let s = statement(
            r#"<act classCode="ACT" moodCode="EVN">
              <templateId root="2.16.840.1.113883.10.20.22.4.35"/>
              <code code="10183-2" codeSystem="2.16.840.1.113883.6.1">
                <translation code="75311-1" codeSystem="2.16.840.1.113883.6.1"/></code>
              <entryRelationship typeCode="SUBJ"><substanceAdministration classCode="SBADM" moodCode="EVN">
                <templateId root="2.16.840.1.113883.10.20.22.4.16"/>
                <consumable><manufacturedProduct><manufacturedMaterial><code code="197361" codeSystem="2.16.840.1.113883.6.88"/></manufacturedMaterial>
                  <manufacturerOrganization><name>Maker</name><standardIndustryClassCode code="2834" codeSystem="2.16.840.1.113883.6.299"/></manufacturerOrganization>
                </manufacturedProduct></consumable>
                <participant typeCode="CSM"><participantRole classCode="MANU">
                  <templateId root="2.16.840.1.113883.10.20.22.4.24"/>
                  <code code="412307009" codeSystem="2.16.840.1.113883.6.96"/>
                  <playingEntity classCode="MMAT"><code code="324049" codeSystem="2.16.840.1.113883.6.88"/></playingEntity>
                </participantRole></participant>
                <entryRelationship typeCode="RSON"><observation classCode="OBS" moodCode="EVN">
                  <templateId root="2.16.840.1.113883.10.20.22.4.19"/>
                  <code code="404684003" codeSystem="2.16.840.1.113883.6.96"/>
                  <value xsi:type="CD" code="38341003" codeSystem="2.16.840.1.113883.6.96"/>
                </observation></entryRelationship>
              </substanceAdministration></entryRelationship>
            </act>"#,
        );
        assert_eq!(
            codes(&s, Reading::ByRole),
            ["10183-2", "75311-1", "2834", "412307009", "404684003"]
        );
    }
}
