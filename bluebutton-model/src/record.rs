//! The health record: every section of every format, in one type.

use crate::allergy::Allergy;
use crate::care::{Concern, Goal, PlannedActivity};
use crate::care_team::CareTeamMember;
use crate::claim::Claim;
use crate::coverage::Coverage;
use crate::device::MedicalDevice;
use crate::directive::AdvanceDirective;
use crate::encounter::Encounter;
use crate::family::FamilyMember;
use crate::header::{Document, Patient, SourceFormat};
use crate::immunization::Immunization;
use crate::medication::Medication;
use crate::note::{Note, OtherItem};
use crate::observation::{Observation, ObservationGroup};
use crate::problem::Problem;
use crate::procedure::Procedure;
use crate::provenance::Warning;

/// One patient's health record, whatever format it came from.
///
/// Every key of its JSON form is always present (lists may be empty), so consumers can
/// rely on the shape. Entries keep their source location in `source`; whatever the parser
/// found odd is listed in `warnings`.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(
    feature = "pyo3",
    pyo3::pyclass(get_all, frozen, module = "bluebutton")
)]
pub struct HealthRecord {
    /// What the input was.
    pub format: SourceFormat,
    /// Facts about the document.
    pub document: Document,
    /// The patient's demographics.
    pub patient: Patient,
    /// Allergies and intolerances.
    pub allergies: Vec<Allergy>,
    /// Medications.
    pub medications: Vec<Medication>,
    /// Problems, conditions and diagnoses.
    pub problems: Vec<Problem>,
    /// Procedures.
    pub procedures: Vec<Procedure>,
    /// Results: lab panels and their observations.
    pub results: Vec<ObservationGroup>,
    /// Vital signs, grouped as measured together.
    pub vitals: Vec<ObservationGroup>,
    /// Immunizations, given and refused.
    pub immunizations: Vec<Immunization>,
    /// Encounters.
    pub encounters: Vec<Encounter>,
    /// Social history: smoking, tobacco, pregnancy, birth sex, occupation, SDOH.
    pub social_history: Vec<Observation>,
    /// Planned and ordered care.
    pub plan_of_care: Vec<PlannedActivity>,
    /// Goals.
    pub goals: Vec<Goal>,
    /// Health concerns.
    pub health_concerns: Vec<Concern>,
    /// Functional status.
    pub functional_status: Vec<Observation>,
    /// Mental and cognitive status.
    pub mental_status: Vec<Observation>,
    /// Family history.
    pub family_history: Vec<FamilyMember>,
    /// Medical equipment and implants.
    pub medical_equipment: Vec<MedicalDevice>,
    /// Advance directives.
    pub advance_directives: Vec<AdvanceDirective>,
    /// Insurance as a clinical document lists it (C-CDA Payers section).
    pub payers: Vec<Coverage>,
    /// Insurance enrollment (FHIR Coverage, CMS plans).
    pub coverage: Vec<Coverage>,
    /// Claims and explanations of benefit.
    pub claims: Vec<Claim>,
    /// Care-team members and providers.
    pub care_team: Vec<CareTeamMember>,
    /// Notes and narrative-only or unknown sections.
    pub notes: Vec<Note>,
    /// What has no place in the model, kept whole.
    pub other: Vec<OtherItem>,
    /// What the parser found odd or could not map.
    pub warnings: Vec<Warning>,
}

impl crate::Prune for HealthRecord {
    /// Prunes every section (the record's own keys always stay).
    fn prune(&mut self) {
        // Destructured without `..`, so that a new field cannot be forgotten here.
        let HealthRecord {
            format,
            document,
            patient,
            allergies,
            medications,
            problems,
            procedures,
            results,
            vitals,
            immunizations,
            encounters,
            social_history,
            plan_of_care,
            goals,
            health_concerns,
            functional_status,
            mental_status,
            family_history,
            medical_equipment,
            advance_directives,
            payers,
            coverage,
            claims,
            care_team,
            notes,
            other,
            warnings,
        } = self;
        format.prune();
        document.prune();
        patient.prune();
        allergies.prune();
        medications.prune();
        problems.prune();
        procedures.prune();
        results.prune();
        vitals.prune();
        immunizations.prune();
        encounters.prune();
        social_history.prune();
        plan_of_care.prune();
        goals.prune();
        health_concerns.prune();
        functional_status.prune();
        mental_status.prune();
        family_history.prune();
        medical_equipment.prune();
        advance_directives.prune();
        payers.prune();
        coverage.prune();
        claims.prune();
        care_team.prune();
        notes.prune();
        other.prune();
        warnings.prune();
    }
}
