//! Sections whose entries belong in several lists: a procedure note's Anesthesia,
//! Procedure Indications and Procedure Specimens Taken sections, Nutrition, Assessment,
//! Reason for Referral, Hospital Discharge Instructions, Physical Findings of Skin, and the
//! Diagnostic Imaging Report's sections (MODEL-NOTES §3.4, §3.22). Each entry goes where
//! its statement belongs, told by its template, else by its element (a Comment Activity,
//! or a statement no list holds, is kept in `other`); the section stays its `source`, and
//! its narrative is kept as a note as well.

use bluebutton_model::{HealthRecord, Observation, ObservationGroup, OtherItem};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::{map_group, observation, Expected};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{Statement, StatementKind};
use crate::ccda::templates::{self as t};
use crate::ccda::{encounters, immunizations, medications, plan_of_care, problems, procedures};
use crate::ccda::{functional_status, results, vitals};

/// The list an entry of a mixed section goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Home {
    /// A Medication Activity (or any other `substanceAdministration` or `supply`).
    Medication,
    /// An Immunization Activity.
    Immunization,
    /// A problem concern, problem observation or diagnosis act.
    Problem,
    /// An Indication: the condition a procedure is done for, kept as a problem.
    Indication,
    /// A procedure activity (or any other `procedure` or `act`).
    Procedure,
    /// A Diagnostic Imaging Report's Procedure Context or Study Act.
    ImagingProcedure,
    /// A Vital Signs Organizer.
    Vitals,
    /// A result organizer or observation (or any other `observation` or `organizer`).
    Result,
    /// A Diagnostic Imaging Report's text, code or quantity observation.
    ImagingResult,
    /// A Nutritional Status Observation or a functional status entry.
    Status,
    /// An Encounter Activity (or any other `encounter`).
    Encounter,
    /// A planned activity, instruction or referral.
    Plan,
    /// A Comment Activity: a remark on the section, kept in `other`.
    Comment,
    /// No clinical statement, or one with no list (`observationMedia`).
    Other,
}

/// Where a statement belongs: by its template, else by its element.
fn home(s: &Statement) -> Home {
    let problem = [t::PROBLEM_CONCERN, t::PROBLEM_OBSERVATION, t::DIAGNOSIS_ACT];
    let procedure = [
        t::PROCEDURE_PROCEDURE,
        t::PROCEDURE_ACT,
        t::PROCEDURE_OBSERVATION,
    ];
    let result = [t::RESULT_ORGANIZER, t::RESULT_OBSERVATION];
    let any = |lists: &[&[&str]]| lists.iter().any(|roots| s.has_template(roots));
    let by_template = if s.has_template(t::COMMENT) {
        Some(Home::Comment)
    } else if s.has_template(t::INDICATION) {
        Some(Home::Indication)
    } else if any(&problem) {
        Some(Home::Problem)
    } else if s.has_template(t::IMMUNIZATION_ACTIVITY) && !s.has_template(t::MEDICATION_ACTIVITY) {
        Some(Home::Immunization)
    } else if any(&[t::MEDICATION_ACTIVITY, t::MEDICATION_WRAPPERS]) {
        Some(Home::Medication)
    } else if any(&procedure) {
        Some(Home::Procedure)
    } else if s.has_template(t::DIR_PROCEDURE) {
        Some(Home::ImagingProcedure)
    } else if s.has_template(t::VITAL_ORGANIZER) {
        Some(Home::Vitals)
    } else if any(&result) {
        Some(Home::Result)
    } else if s.has_template(t::DIR_OBSERVATION) {
        Some(Home::ImagingResult)
    } else if any(&[t::NUTRITION_STATUS, t::STATUS_ENTRIES]) {
        Some(Home::Status)
    } else if s.has_template(t::ENCOUNTER_ACTIVITY) {
        Some(Home::Encounter)
    } else if plan_of_care::is_plan_entry(s) {
        Some(Home::Plan)
    } else {
        None
    };
    by_template.unwrap_or(match s.kind {
        StatementKind::SubstanceAdministration | StatementKind::Supply => Home::Medication,
        StatementKind::Procedure | StatementKind::Act => Home::Procedure,
        StatementKind::Observation | StatementKind::Organizer => Home::Result,
        StatementKind::Encounter => Home::Encounter,
        StatementKind::Other => Home::Other,
    })
}

/// The Diagnostic Imaging Report's observations, each a group of one.
const IMAGING: Expected = Expected {
    section: "imaging report",
    organizer: &[],
    observation: t::DIR_OBSERVATION,
};

/// Maps one entry of a mixed section into the list it belongs in.
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
    rec: &mut HealthRecord,
) {
    let home = entry.statement.as_deref().map_or(Home::Other, home);
    match home {
        Home::Medication => medications::push(res, entry, section, &mut rec.medications),
        Home::Immunization => rec
            .immunizations
            .push(immunizations::map(res, entry, section)),
        Home::Problem => problems::push(res, entry, section, &mut rec.problems),
        Home::Procedure => procedures::push(res, entry, section, &mut rec.procedures),
        Home::Vitals => rec.vitals.push(vitals::map(res, entry, section)),
        Home::Result => rec.results.push(results::map(res, entry, section)),
        Home::ImagingResult => rec.results.push(imaging_result(res, entry, section)),
        Home::Plan => rec
            .plan_of_care
            .push(plan_of_care::map(res, entry, section)),
        Home::Encounter => rec.encounters.push(encounters::map(res, entry, section)),
        Home::Status => rec.functional_status.push(status(res, entry, section)),
        Home::Indication | Home::ImagingProcedure | Home::Comment | Home::Other => {
            let at = entry.position();
            match entry.statement {
                Some(s) if home == Home::Indication => {
                    let source = section.source_of(&s, Reading::ByRole);
                    rec.problems.push(problems::from_statement(res, s, source));
                }
                Some(s) if home == Home::ImagingProcedure => {
                    let source = section.source_of(&s, Reading::ByRole);
                    rec.procedures
                        .push(procedures::from_statement(res, s, source));
                }
                statement => rec.other.push(OtherItem {
                    kind: Some(
                        if home == Home::Comment {
                            "comment"
                        } else {
                            "entry"
                        }
                        .to_owned(),
                    ),
                    text: statement.and_then(|s| res.text(s.text, s.at)),
                    source: section.source(at, Vec::new()),
                    ..OtherItem::default()
                }),
            }
        }
    }
}

/// A Nutritional Status Observation (with its Nutrition Assessments as components), or a
/// functional status entry.
fn status(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Observation {
    match entry.statement {
        Some(s) if s.has_template(t::NUTRITION_STATUS) => {
            let source = section.source_of(&s, Reading::Whole);
            let mut o = observation(res, s);
            o.source = source;
            o
        }
        statement => functional_status::map(
            res,
            EntryRead {
                at: entry.at,
                statement,
            },
            section,
        ),
    }
}

/// A Diagnostic Imaging Report observation (a finding, impression, measurement), as a
/// group of one; what supports it (measurements, image references) are its components.
fn imaging_result(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> ObservationGroup {
    map_group(res, entry, section, &IMAGING)
}
