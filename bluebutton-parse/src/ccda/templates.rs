//! Template ids (OIDs) the reader recognises, and the section kinds they name.
//!
//! Each list holds the C-CDA template, then its CCD R1 / IHE / HITSP ancestors that
//! C-CDA documents still carry.

/// Sections whose entries map to `allergies`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const ALLERGY_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.6",
    "2.16.840.1.113883.10.20.22.2.6.1",
    "2.16.840.1.113883.10.20.1.2",
    "2.16.840.1.113883.3.88.11.83.102",
    "1.3.6.1.4.1.19376.1.5.3.1.3.13",
];
/// Sections whose entries map to `medications` (including discharge, admission and
/// administered medications).
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const MEDICATION_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.1",
    "2.16.840.1.113883.10.20.22.2.1.1",
    "2.16.840.1.113883.10.20.1.8",
    "2.16.840.1.113883.10.20.22.2.11",
    "2.16.840.1.113883.10.20.22.2.11.1",
    "2.16.840.1.113883.10.20.22.2.44",
    "2.16.840.1.113883.10.20.22.2.38",
    "2.16.840.1.113883.3.88.11.83.112",
    "1.3.6.1.4.1.19376.1.5.3.1.3.19",
];
/// Sections whose entries map to `problems` (including Past Medical History, the
/// Hospital Admission, Hospital Discharge, Preoperative, Postoperative and Postprocedure
/// Diagnosis sections, Complications and Procedure Findings).
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const PROBLEM_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.5",
    "2.16.840.1.113883.10.20.22.2.5.1",
    "2.16.840.1.113883.10.20.1.11",
    "2.16.840.1.113883.10.20.22.2.20",
    "2.16.840.1.113883.3.88.11.83.103",
    "1.3.6.1.4.1.19376.1.5.3.1.3.6",
    "2.16.840.1.113883.10.20.22.2.43",
    "2.16.840.1.113883.10.20.22.2.24",
    "2.16.840.1.113883.10.20.22.2.34",
    "2.16.840.1.113883.10.20.22.2.35",
    "2.16.840.1.113883.10.20.22.2.36",
    "2.16.840.1.113883.10.20.22.2.37",
    "2.16.840.1.113883.10.20.22.2.28",
];
/// Sections whose entries map to `results`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const RESULT_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.3",
    "2.16.840.1.113883.10.20.22.2.3.1",
    "2.16.840.1.113883.10.20.1.14",
    "2.16.840.1.113883.3.88.11.83.122",
    "1.3.6.1.4.1.19376.1.5.3.1.3.28",
];
/// Sections whose entries map to `vitals`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const VITAL_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.4",
    "2.16.840.1.113883.10.20.22.2.4.1",
    "2.16.840.1.113883.10.20.1.16",
    "2.16.840.1.113883.3.88.11.83.119",
    "1.3.6.1.4.1.19376.1.5.3.1.1.5.3.2",
];
/// Sections whose entries map to `immunizations`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const IMMUNIZATION_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.2",
    "2.16.840.1.113883.10.20.22.2.2.1",
    "2.16.840.1.113883.10.20.1.6",
    "2.16.840.1.113883.3.88.11.83.117",
    "1.3.6.1.4.1.19376.1.5.3.1.3.23",
];
/// Sections whose entries map to `procedures`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const PROCEDURE_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.7",
    "2.16.840.1.113883.10.20.22.2.7.1",
    "2.16.840.1.113883.10.20.1.12",
    "2.16.840.1.113883.3.88.11.83.108",
    "1.3.6.1.4.1.19376.1.5.3.1.3.12",
];
/// Sections whose entries map to `encounters`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const ENCOUNTER_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.22",
    "2.16.840.1.113883.10.20.22.2.22.1",
    "2.16.840.1.113883.10.20.1.3",
    "2.16.840.1.113883.3.88.11.83.127",
    "1.3.6.1.4.1.19376.1.5.3.1.1.5.3.3",
];
/// Sections whose entries map to `social_history`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const SOCIAL_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.17",
    "2.16.840.1.113883.10.20.1.15",
    "2.16.840.1.113883.3.88.11.83.126",
    "1.3.6.1.4.1.19376.1.5.3.1.3.16",
];

// Functional and mental status, family history, medical equipment, advance directives,
// payers: sections and their entries.

/// Sections whose entries map to `functional_status` (R1.1 also puts cognitive status
/// here).
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const FUNCTIONAL_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.14",
    "2.16.840.1.113883.10.20.1.5",
    "2.16.840.1.113883.3.88.11.83.109",
];
/// Sections whose entries map to `mental_status`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const MENTAL_SECTIONS: &[&str] = &["2.16.840.1.113883.10.20.22.2.56"];
/// Sections whose entries map to `family_history`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const FAMILY_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.15",
    "2.16.840.1.113883.10.20.1.4",
    "2.16.840.1.113883.3.88.11.83.125",
    "1.3.6.1.4.1.19376.1.5.3.1.3.15",
];
/// Sections whose entries map to `medical_equipment` (Medical Equipment, Procedure
/// Implants).
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const EQUIPMENT_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.23",
    "2.16.840.1.113883.10.20.1.7",
    "2.16.840.1.113883.10.20.22.2.40",
    "2.16.840.1.113883.3.88.11.83.128",
    "1.3.6.1.4.1.19376.1.5.3.1.1.5.3.5",
];
/// Sections whose entries map to `advance_directives`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const DIRECTIVE_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.21",
    "2.16.840.1.113883.10.20.22.2.21.1",
    "2.16.840.1.113883.10.20.1.1",
    "2.16.840.1.113883.3.88.11.83.116",
    "1.3.6.1.4.1.19376.1.5.3.1.3.35",
];
/// Sections whose entries map to `payers`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const PAYER_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.18",
    "2.16.840.1.113883.10.20.1.9",
    "2.16.840.1.113883.3.88.11.83.101",
    "1.3.6.1.4.1.19376.1.5.3.1.1.5.3.7",
];
/// See [`ALLERGY_CODES`].
pub(crate) const FUNCTIONAL_CODES: &[&str] = &["47420-5"];
/// See [`ALLERGY_CODES`].
pub(crate) const MENTAL_CODES: &[&str] = &["10190-7"];
/// See [`ALLERGY_CODES`].
pub(crate) const FAMILY_CODES: &[&str] = &["10157-6"];
/// See [`ALLERGY_CODES`].
pub(crate) const EQUIPMENT_CODES: &[&str] = &["46264-8", "55122-6"];
/// See [`ALLERGY_CODES`].
pub(crate) const DIRECTIVE_CODES: &[&str] = &["42348-3"];
/// See [`ALLERGY_CODES`].
pub(crate) const PAYER_CODES: &[&str] = &["48768-6"];

/// Functional, cognitive and mental status entries: Functional Status Organizer and
/// Observation, Functional Status Problem Observation (R1.1), Assessment Scale
/// Observation and its Supporting Observation, Caregiver Characteristics, Cognitive
/// Status Problem Observation (R1.1), Mental (R1.1: Cognitive) Status Observation and
/// Organizer, Number of Pressure Ulcers, Highest Pressure Ulcer Stage, Pressure Ulcer
/// Observation, Longitudinal Care Wound Observation, Sensory Status, Self-Care
/// Activities, Problem Observation (functional problems), Result Organizer and
/// Observation (R1.1 cognitive organizers carry them); CCD Functional Status
/// (Result Organizer, Result Observation, Problem Act, Problem Observation).
pub(crate) const STATUS_ENTRIES: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.66",
    "2.16.840.1.113883.10.20.22.4.67",
    "2.16.840.1.113883.10.20.22.4.68",
    "2.16.840.1.113883.10.20.22.4.69",
    "2.16.840.1.113883.10.20.22.4.86",
    "2.16.840.1.113883.10.20.22.4.72",
    "2.16.840.1.113883.10.20.22.4.73",
    "2.16.840.1.113883.10.20.22.4.74",
    "2.16.840.1.113883.10.20.22.4.75",
    "2.16.840.1.113883.10.20.22.4.76",
    "2.16.840.1.113883.10.20.22.4.77",
    "2.16.840.1.113883.10.20.22.4.70",
    "2.16.840.1.113883.10.20.22.4.114",
    "2.16.840.1.113883.10.20.22.4.127",
    "2.16.840.1.113883.10.20.22.4.128",
    "2.16.840.1.113883.10.20.22.4.4",
    "2.16.840.1.113883.10.20.22.4.1",
    "2.16.840.1.113883.10.20.22.4.2",
    "2.16.840.1.113883.10.20.1.32",
    "2.16.840.1.113883.10.20.1.31",
    "2.16.840.1.113883.10.20.1.27",
    "2.16.840.1.113883.10.20.1.28",
];
/// Family History Organizer; CCD Family History Organizer; IHE Family History
/// Organizer; HITSP Family History.
pub(crate) const FAMILY_ORGANIZER: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.45",
    "2.16.840.1.113883.10.20.1.23",
    "1.3.6.1.4.1.19376.1.5.3.1.4.15",
    "2.16.840.1.113883.3.88.11.83.18",
];
/// Family History Observation; CCD Family History Observation; IHE Family History
/// Observation.
pub(crate) const FAMILY_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.46",
    "2.16.840.1.113883.10.20.1.22",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.3",
];
/// Family History Death Observation; CCD Family History Cause of Death Observation.
pub(crate) const FAMILY_DEATH: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.47",
    "2.16.840.1.113883.10.20.1.42",
];
/// Non-Medicinal Supply Activity; CCD Supply Activity.
pub(crate) const SUPPLY_ACTIVITY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.50",
    "2.16.840.1.113883.10.20.1.34",
];
/// Medical Equipment Organizer.
pub(crate) const EQUIPMENT_ORGANIZER: &[&str] = &["2.16.840.1.113883.10.20.22.4.135"];
/// The FDA's root for UDIs in `id/@root`; the extension is the full UDI.
pub(crate) const UDI_ROOT: &str = "2.16.840.1.113883.3.3719";
/// Advance Directive Observation; CCD Advance Directive Observation; IHE Advance
/// Directive Observation; HITSP Advance Directive.
pub(crate) const DIRECTIVE_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.48",
    "2.16.840.1.113883.10.20.1.17",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.7",
    "2.16.840.1.113883.3.88.11.83.12",
];
/// Advance Directive Organizer.
pub(crate) const DIRECTIVE_ORGANIZER: &[&str] = &["2.16.840.1.113883.10.20.22.4.108"];
/// CCD Advance Directive Status Observation.
pub(crate) const DIRECTIVE_STATUS: &[&str] = &["2.16.840.1.113883.10.20.1.37"];
/// Coverage Activity; CCD Coverage Activity; IHE Coverage Entry.
pub(crate) const COVERAGE_ACTIVITY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.60",
    "2.16.840.1.113883.10.20.1.20",
    "1.3.6.1.4.1.19376.1.5.3.1.4.17",
];
/// Policy Activity; CCD Policy Activity; IHE Payer Entry; HITSP Insurance Provider;
/// Planned Coverage.
pub(crate) const POLICY_ACTIVITY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.61",
    "2.16.840.1.113883.10.20.1.26",
    "1.3.6.1.4.1.19376.1.5.3.1.4.18",
    "2.16.840.1.113883.3.88.11.83.5",
    "2.16.840.1.113883.10.20.22.4.129",
];
/// CCD Authorization Activity.
pub(crate) const AUTHORIZATION: &[&str] = &["2.16.840.1.113883.10.20.1.19"];
/// Sections whose entries map to `plan_of_care`: Plan of Treatment / Plan of Care (R2.1,
/// R1.1), Assessment and Plan, Instructions, Planned Procedure, CCD Plan of Care, IHE Care
/// Plan; the Care Plan
/// document's Interventions and Health Status Evaluations and Outcomes sections.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const PLAN_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.10",
    "2.16.840.1.113883.10.20.22.2.9",
    "2.16.840.1.113883.10.20.22.2.45",
    "2.16.840.1.113883.10.20.22.2.30",
    "2.16.840.1.113883.10.20.1.10",
    "1.3.6.1.4.1.19376.1.5.3.1.3.31",
    "2.16.840.1.113883.10.20.21.2.3",
    "2.16.840.1.113883.10.20.22.2.61",
    "2.16.840.1.113883.3.88.11.83.124",
];
/// Sections whose entries go to several lists, each where its statement belongs (their
/// narrative is kept as a note too): Procedure Anesthesia, Procedure Indications,
/// Procedure Specimens Taken, Nutrition, Assessment, Reason for Referral, Hospital
/// Discharge Instructions, Physical Findings of Skin; the Diagnostic Imaging Report's
/// DICOM Object Catalog and Findings.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const MIXED_SECTIONS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.2.25",
    "2.16.840.1.113883.10.20.22.2.29",
    "2.16.840.1.113883.10.20.22.2.31",
    "2.16.840.1.113883.10.20.22.2.57",
    "2.16.840.1.113883.10.20.22.2.8",
    "1.3.6.1.4.1.19376.1.5.3.1.3.1",
    "2.16.840.1.113883.10.20.22.2.41",
    "2.16.840.1.113883.10.20.22.2.63",
    "2.16.840.1.113883.10.20.6.1.1",
    "2.16.840.1.113883.10.20.6.1.2",
];
/// See [`ALLERGY_CODES`]: the Diagnostic Imaging Report's sections, which carry no
/// template but a DICOM (DCM) code: History (also LOINC 11329-0), Request, Current and
/// Prior Procedure Descriptions, Previous Findings, Findings, Impressions,
/// Recommendations, Conclusions, Addendum, Indications for Procedure, Patient
/// Presentation, Summary, Complications, DICOM Object Catalog.
pub(crate) const MIXED_CODES: &[&str] = &[
    "121060", "11329-0", "121062", "121064", "121066", "121068", "121070", "121072", "121074",
    "121076", "121078", "121109", "121110", "121111", "121113", "121181",
];
/// Sections whose entries map to `goals`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const GOAL_SECTIONS: &[&str] = &["2.16.840.1.113883.10.20.22.2.60"];
/// Sections whose entries map to `health_concerns`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const CONCERN_SECTIONS: &[&str] = &["2.16.840.1.113883.10.20.22.2.58"];
/// Sections whose entries map to `care_team`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const CARE_TEAM_SECTIONS: &[&str] = &["2.16.840.1.113883.10.20.22.2.500"];
/// Notes sections (their code is the note type); Note Activities map to `notes`.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const NOTE_SECTIONS: &[&str] = &["2.16.840.1.113883.10.20.22.2.65"];
/// The CCD Purpose section, whose entries say why the document was made.
#[cfg(test)] // Matched by `section_template`; the list is its test's.
pub(crate) const PURPOSE_SECTIONS: &[&str] = &["2.16.840.1.113883.10.20.1.13"];
/// See [`ALLERGY_CODES`].
pub(crate) const PURPOSE_CODES: &[&str] = &["48764-5"];
/// CCD Purpose Activity.
pub(crate) const PURPOSE_ACTIVITY: &[&str] = &["2.16.840.1.113883.10.20.1.30"];

/// LOINC section codes used when a section carries no template id this reader knows.
pub(crate) const ALLERGY_CODES: &[&str] = &["48765-2"];
/// See [`ALLERGY_CODES`].
pub(crate) const MEDICATION_CODES: &[&str] = &["10160-0", "10183-2", "42346-7", "29549-3"];
/// See [`ALLERGY_CODES`].
pub(crate) const PROBLEM_CODES: &[&str] = &[
    "11450-4", "11348-0", "46241-6", "11535-2", "10219-4", "10218-6", "59769-0", "55109-3",
    "59776-5",
];
/// See [`ALLERGY_CODES`].
pub(crate) const RESULT_CODES: &[&str] = &["30954-2"];
/// See [`ALLERGY_CODES`].
pub(crate) const VITAL_CODES: &[&str] = &["8716-3"];
/// See [`ALLERGY_CODES`].
pub(crate) const IMMUNIZATION_CODES: &[&str] = &["11369-6"];
/// See [`ALLERGY_CODES`].
pub(crate) const PROCEDURE_CODES: &[&str] = &["47519-4"];
/// See [`ALLERGY_CODES`].
pub(crate) const ENCOUNTER_CODES: &[&str] = &["46240-8"];
/// See [`ALLERGY_CODES`].
pub(crate) const SOCIAL_CODES: &[&str] = &["29762-2"];
/// See [`ALLERGY_CODES`]: Plan of Care / Treatment, Interventions, Health Status
/// Evaluations and Outcomes, Assessment and Plan, Instructions, Planned Procedure.
pub(crate) const PLAN_CODES: &[&str] = &[
    "18776-5", "62387-6", "11383-7", "51847-2", "69730-0", "59772-4",
];
/// See [`ALLERGY_CODES`].
pub(crate) const GOAL_CODES: &[&str] = &["61146-7"];
/// See [`ALLERGY_CODES`].
pub(crate) const CONCERN_CODES: &[&str] = &["75310-3"];
/// See [`ALLERGY_CODES`].
pub(crate) const CARE_TEAM_CODES: &[&str] = &["85847-2"];

/// Allergy Concern Act; CCD Problem Act; IHE Allergy Concern; HITSP Allergy.
pub(crate) const ALLERGY_CONCERN: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.30",
    "2.16.840.1.113883.10.20.1.27",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5.3",
    "2.16.840.1.113883.3.88.11.83.6",
];
/// Allergy – Intolerance Observation; CCD Alert Observation; IHE Allergy Intolerance.
pub(crate) const ALLERGY_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.7",
    "2.16.840.1.113883.10.20.1.18",
    "1.3.6.1.4.1.19376.1.5.3.1.4.6",
];
/// Allergy – Intolerance Observation alone (C-CDA, whose `value` is the allergy type).
pub(crate) const CCDA_ALLERGY_OBSERVATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.7"];
/// Problem Concern Act; CCD Problem Act; IHE Problem Concern; HITSP Condition.
pub(crate) const PROBLEM_CONCERN: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.3",
    "2.16.840.1.113883.10.20.1.27",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5.2",
    "2.16.840.1.113883.3.88.11.83.7",
];
/// Problem Observation; CCD Problem Observation; IHE Problem Entry.
pub(crate) const PROBLEM_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.4",
    "2.16.840.1.113883.10.20.1.28",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5",
];
/// Diagnosis acts that wrap Problem Observations: Hospital Admission Diagnosis, Hospital
/// Discharge Diagnosis, Preoperative Diagnosis, Postprocedure Diagnosis, Encounter
/// Diagnosis.
pub(crate) const DIAGNOSIS_ACT: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.34",
    "2.16.840.1.113883.10.20.22.4.33",
    "2.16.840.1.113883.10.20.22.4.65",
    "2.16.840.1.113883.10.20.22.4.51",
    "2.16.840.1.113883.10.20.22.4.80",
];
/// Medication Activity; CCD Medication Activity; IHE Medication; HITSP Medication.
pub(crate) const MEDICATION_ACTIVITY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.16",
    "2.16.840.1.113883.10.20.1.24",
    "1.3.6.1.4.1.19376.1.5.3.1.4.7",
    "2.16.840.1.113883.3.88.11.83.8",
];
/// Discharge Medication and Admission Medication acts, which wrap a Medication Activity.
pub(crate) const MEDICATION_WRAPPERS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.35",
    "2.16.840.1.113883.10.20.22.4.36",
];

/// Result Organizer; CCD Result Organizer.
pub(crate) const RESULT_ORGANIZER: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.1",
    "2.16.840.1.113883.10.20.1.32",
];
/// Result Observation; CCD Result Observation; IHE Simple Observation; HITSP Result.
pub(crate) const RESULT_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.2",
    "2.16.840.1.113883.10.20.1.31",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13",
    "2.16.840.1.113883.3.88.11.83.15",
    "2.16.840.1.113883.3.88.11.83.15.1",
];
/// Vital Signs Organizer; CCD Vital Signs Organizer; IHE Vital Signs Organizer.
pub(crate) const VITAL_ORGANIZER: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.26",
    "2.16.840.1.113883.10.20.1.35",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.1",
];
/// Vital Sign Observation; CCD Result Observation; IHE Vital Sign Observation; HITSP
/// Vital Sign.
pub(crate) const VITAL_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.27",
    "2.16.840.1.113883.10.20.1.31",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.2",
    "2.16.840.1.113883.3.88.11.83.14",
];

/// Immunization Activity; CCD Medication Activity; IHE Immunization; HITSP Immunization.
pub(crate) const IMMUNIZATION_ACTIVITY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.52",
    "2.16.840.1.113883.10.20.1.24",
    "1.3.6.1.4.1.19376.1.5.3.1.4.12",
    "2.16.840.1.113883.3.88.11.83.13",
];
/// CCD Medication Series Number Observation (an immunization's dose number).
pub(crate) const SERIES_NUMBER: &[&str] = &["2.16.840.1.113883.10.20.1.46"];
/// Immunization Refusal Reason.
pub(crate) const IMMUNIZATION_REFUSAL: &[&str] = &["2.16.840.1.113883.10.20.22.4.53"];
/// Procedure Activity Procedure; CCD Procedure Activity; IHE Procedure Entry; HITSP
/// Procedure.
pub(crate) const PROCEDURE_PROCEDURE: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.14",
    "2.16.840.1.113883.10.20.1.29",
    "1.3.6.1.4.1.19376.1.5.3.1.4.19",
    "2.16.840.1.113883.3.88.11.83.17",
];
/// Procedure Activity Act.
pub(crate) const PROCEDURE_ACT: &[&str] = &["2.16.840.1.113883.10.20.22.4.12"];
/// Procedure Activity Observation.
pub(crate) const PROCEDURE_OBSERVATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.13"];
/// Service Delivery Location; CCD Location.
pub(crate) const SERVICE_LOCATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.32",
    "2.16.840.1.113883.10.20.1.45",
];
/// Product Instance (a device used in or implanted by a procedure).
pub(crate) const PRODUCT_INSTANCE: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.37",
    "2.16.840.1.113883.10.20.1.52",
];
/// Encounter Activity; CCD Encounter Activity; IHE Encounter; HITSP Encounter.
pub(crate) const ENCOUNTER_ACTIVITY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.49",
    "2.16.840.1.113883.10.20.1.21",
    "1.3.6.1.4.1.19376.1.5.3.1.4.14",
    "2.16.840.1.113883.3.88.11.83.16",
];
/// Smoking Status, Tobacco Use, Social History Observation (and CCD 1.33), Pregnancy
/// Observation, Birth Sex, Gender Identity, Sexual Orientation, Occupation, Industry,
/// Disability Status, Tribal Affiliation, Pregnancy Intention, Caregiver
/// Characteristics, Cultural and Religious Observation, Home Environment, Assessment
/// Scale Observation (SDOH screening); IHE Social History; HITSP Social History.
pub(crate) const SOCIAL_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.78",
    "2.16.840.1.113883.10.20.22.4.85",
    "2.16.840.1.113883.10.20.22.4.38",
    "2.16.840.1.113883.10.20.1.33",
    "2.16.840.1.113883.10.20.15.3.8",
    "2.16.840.1.113883.10.20.22.4.200",
    "2.16.840.1.113883.10.20.34.3.45",
    "2.16.840.1.113883.10.20.22.4.501",
    "2.16.840.1.113883.10.20.22.4.503",
    "2.16.840.1.113883.10.20.22.4.504",
    "2.16.840.1.113883.10.20.22.4.505",
    "2.16.840.1.113883.10.20.22.4.506",
    "2.16.840.1.113883.10.20.22.4.281",
    "2.16.840.1.113883.10.20.22.4.72",
    "2.16.840.1.113883.10.20.22.4.111",
    "2.16.840.1.113883.10.20.22.4.109",
    "2.16.840.1.113883.10.20.22.4.69",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.4",
    "2.16.840.1.113883.3.88.11.83.19",
];

/// CCD Plan of Care Activity (one template for every element: the element tells which).
pub(crate) const CCD_PLAN_ACTIVITY: &[&str] = &["2.16.840.1.113883.10.20.1.25"];
/// Planned Act.
pub(crate) const PLANNED_ACT: &[&str] = &["2.16.840.1.113883.10.20.22.4.39"];
/// Planned Encounter.
pub(crate) const PLANNED_ENCOUNTER: &[&str] = &["2.16.840.1.113883.10.20.22.4.40"];
/// Planned Procedure.
pub(crate) const PLANNED_PROCEDURE: &[&str] = &["2.16.840.1.113883.10.20.22.4.41"];
/// Planned Medication Activity.
pub(crate) const PLANNED_MEDICATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.42"];
/// Planned Supply.
pub(crate) const PLANNED_SUPPLY: &[&str] = &["2.16.840.1.113883.10.20.22.4.43"];
/// Planned Observation.
pub(crate) const PLANNED_OBSERVATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.44"];
/// Planned Immunization Activity.
pub(crate) const PLANNED_IMMUNIZATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.120"];
/// Planned Coverage.
pub(crate) const PLANNED_COVERAGE: &[&str] = &["2.16.840.1.113883.10.20.22.4.129"];
/// Nutrition Recommendation.
pub(crate) const NUTRITION_RECOMMENDATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.130"];
/// Nutritional Status Observation (its Nutrition Assessments are related observations).
pub(crate) const NUTRITION_STATUS: &[&str] = &["2.16.840.1.113883.10.20.22.4.124"];
/// Diagnostic Imaging Report observations: Text Observation, Code Observations, Quantity
/// Measurement Observation.
pub(crate) const DIR_OBSERVATION: &[&str] = &[
    "2.16.840.1.113883.10.20.6.2.12",
    "2.16.840.1.113883.10.20.6.2.13",
    "2.16.840.1.113883.10.20.6.2.14",
];
/// Diagnostic Imaging Report acts: Procedure Context (the imaging procedure done), Study
/// Act (the DICOM study it produced).
pub(crate) const DIR_PROCEDURE: &[&str] = &[
    "2.16.840.1.113883.10.20.6.2.5",
    "2.16.840.1.113883.10.20.6.2.6",
];
/// Handoff Communication Participants.
pub(crate) const HANDOFF: &[&str] = &["2.16.840.1.113883.10.20.22.4.141"];
/// Patient Referral Act.
pub(crate) const REFERRAL: &[&str] = &["2.16.840.1.113883.10.20.22.4.140"];
/// Intervention Act and Planned Intervention Act.
pub(crate) const INTERVENTION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.131",
    "2.16.840.1.113883.10.20.22.4.146",
];
/// Outcome Observation.
pub(crate) const OUTCOME: &[&str] = &["2.16.840.1.113883.10.20.22.4.144"];
/// Progress Toward Goal Observation.
pub(crate) const GOAL_PROGRESS: &[&str] = &["2.16.840.1.113883.10.20.22.4.110"];
/// Goal Observation.
pub(crate) const GOAL_OBSERVATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.121"];
/// Health Concern Act and Risk Concern Act.
pub(crate) const HEALTH_CONCERN: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.132",
    "2.16.840.1.113883.10.20.22.4.136",
];
/// Care Team Organizer.
pub(crate) const CARE_TEAM_ORGANIZER: &[&str] = &["2.16.840.1.113883.10.20.22.4.500"];
/// Care Team Member Act.
pub(crate) const CARE_TEAM_MEMBER: &[&str] = &["2.16.840.1.113883.10.20.22.4.500.1"];
/// Entry Reference (an `act` holding only the `id` of an entry elsewhere).
pub(crate) const ENTRY_REFERENCE: &[&str] = &["2.16.840.1.113883.10.20.22.4.122"];
/// Note Activity.
pub(crate) const NOTE_ACTIVITY: &[&str] = &["2.16.840.1.113883.10.20.22.4.202"];

/// Reaction Observation.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const REACTION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.9",
    "2.16.840.1.113883.10.20.1.54",
];
/// Severity Observation.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const SEVERITY: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.8",
    "2.16.840.1.113883.10.20.1.55",
];
/// Allergy Status Observation, Problem Status, CCD Alert / Problem / Medication Status.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const STATUS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.28",
    "2.16.840.1.113883.10.20.22.4.6",
    "2.16.840.1.113883.10.20.1.39",
    "2.16.840.1.113883.10.20.1.50",
    "2.16.840.1.113883.10.20.1.47",
];
/// Criticality Observation.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const CRITICALITY: &[&str] = &["2.16.840.1.113883.10.20.22.4.145"];
/// Comment Activity.
pub(crate) const COMMENT: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.64",
    "2.16.840.1.113883.10.20.1.40",
];
/// Age Observation.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const AGE: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.31",
    "2.16.840.1.113883.10.20.1.38",
];
/// Prognosis Observation.
pub(crate) const PROGNOSIS: &[&str] = &["2.16.840.1.113883.10.20.22.4.113"];
/// Health Status Observation.
pub(crate) const HEALTH_STATUS: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.5",
    "2.16.840.1.113883.10.20.1.51",
];
/// Priority Preference.
pub(crate) const PRIORITY: &[&str] = &["2.16.840.1.113883.10.20.22.4.143"];
/// Indication.
pub(crate) const INDICATION: &[&str] = &["2.16.840.1.113883.10.20.22.4.19"];
/// Instruction; CCD Patient Instruction.
pub(crate) const INSTRUCTION: &[&str] = &[
    "2.16.840.1.113883.10.20.22.4.20",
    "2.16.840.1.113883.10.20.1.49",
];
/// HITSP C83 Type of Medication (prescription, over-the-counter).
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const MEDICATION_TYPE: &[&str] = &["2.16.840.1.113883.3.88.11.83.8.1"];
/// Medication Free Text Sig.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const FREE_TEXT_SIG: &[&str] = &["2.16.840.1.113883.10.20.22.4.147"];
/// Medication Supply Order.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const SUPPLY_ORDER: &[&str] = &["2.16.840.1.113883.10.20.22.4.17"];
/// Medication Dispense.
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const DISPENSE: &[&str] = &["2.16.840.1.113883.10.20.22.4.18"];
/// Drug Vehicle.
pub(crate) const DRUG_VEHICLE: &[&str] = &["2.16.840.1.113883.10.20.22.4.24"];
/// Drug Monitoring Act (who monitors a medication, and when).
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const DRUG_MONITORING: &[&str] = &["2.16.840.1.113883.10.20.22.4.123"];
/// Reason (QRDA), used for "medication not taken because".
#[cfg(test)] // Matched by `related::template_role`; the list is its test's.
pub(crate) const NEGATION_REASON: &[&str] = &["2.16.840.1.113883.10.20.24.3.88"];

/// The root part of a template id written as `root` or `root:extension`.
pub(crate) fn root_of(template_id: &str) -> &str {
    let end = template_id.bytes().position(|b| b == b':');
    end.and_then(|i| template_id.get(..i))
        .unwrap_or(template_id)
}

/// True when any of `template_ids` has its root in `roots`.
pub(crate) fn any_of(template_ids: &[String], roots: &[&str]) -> bool {
    template_ids.iter().any(|t| {
        roots
            .iter()
            .any(|root| has_root(t.as_bytes(), root.as_bytes()))
    })
}

/// True when template id `t` (`root` or `root:extension`) has the root `root`. Compared as
/// a prefix, without splitting (this runs for every statement and section), and the bytes
/// that usually differ first: where the root ends, then its last digit (OIDs of one length
/// mostly differ only at the end).
fn has_root(t: &[u8], root: &[u8]) -> bool {
    let ends_there = t.len() == root.len() || t.get(root.len()) == Some(&b':');
    ends_there
        && t.get(..root.len())
            .is_some_and(|head| head.last() == root.last() && head == root)
}

/// The kind of section a template id (`root` or `root:extension`) marks: the kind of the
/// `*_SECTIONS` list holding its root (the tests hold this table to those lists). Kinds are
/// declared in precedence order, so the least wins when a section carries templates of two
/// kinds. One lookup per template id instead of comparing it with every root of every
/// list: the roots share a few prefixes, and their short tails are matched by length and
/// bytes.
fn section_template(template_id: &str) -> Option<SectionKind> {
    let root = root_of(template_id);
    // C-CDA (R1.1 and R2.1).
    if let Some(tail) = root.strip_prefix("2.16.840.1.113883.10.20.22.2.") {
        return Some(match tail {
            "6" | "6.1" => SectionKind::Allergies,
            "1" | "1.1" | "11" | "11.1" | "44" | "38" => SectionKind::Medications,
            "5" | "5.1" | "20" | "43" | "24" | "34" | "35" | "36" | "37" | "28" => {
                SectionKind::Problems
            }
            "3" | "3.1" => SectionKind::Results,
            "4" | "4.1" => SectionKind::Vitals,
            "2" | "2.1" => SectionKind::Immunizations,
            "7" | "7.1" => SectionKind::Procedures,
            "22" | "22.1" => SectionKind::Encounters,
            "17" => SectionKind::SocialHistory,
            "14" => SectionKind::FunctionalStatus,
            "56" => SectionKind::MentalStatus,
            "15" => SectionKind::FamilyHistory,
            "23" | "40" => SectionKind::MedicalEquipment,
            "21" | "21.1" => SectionKind::AdvanceDirectives,
            "18" => SectionKind::Payers,
            "10" | "9" | "45" | "30" | "61" => SectionKind::PlanOfCare,
            "60" => SectionKind::Goals,
            "58" => SectionKind::HealthConcerns,
            "500" => SectionKind::CareTeam,
            "65" => SectionKind::Notes,
            "25" | "29" | "31" | "57" | "8" | "41" | "63" => SectionKind::Mixed,
            _ => return None,
        });
    }
    // CCD (C32).
    if let Some(tail) = root.strip_prefix("2.16.840.1.113883.10.20.1.") {
        return Some(match tail {
            "2" => SectionKind::Allergies,
            "8" => SectionKind::Medications,
            "11" => SectionKind::Problems,
            "14" => SectionKind::Results,
            "16" => SectionKind::Vitals,
            "6" => SectionKind::Immunizations,
            "12" => SectionKind::Procedures,
            "3" => SectionKind::Encounters,
            "15" => SectionKind::SocialHistory,
            "5" => SectionKind::FunctionalStatus,
            "4" => SectionKind::FamilyHistory,
            "7" => SectionKind::MedicalEquipment,
            "1" => SectionKind::AdvanceDirectives,
            "9" => SectionKind::Payers,
            "10" => SectionKind::PlanOfCare,
            "13" => SectionKind::Purpose,
            _ => return None,
        });
    }
    // HITSP C83.
    if let Some(tail) = root.strip_prefix("2.16.840.1.113883.3.88.11.83.") {
        return Some(match tail {
            "102" => SectionKind::Allergies,
            "112" => SectionKind::Medications,
            "103" => SectionKind::Problems,
            "122" => SectionKind::Results,
            "119" => SectionKind::Vitals,
            "117" => SectionKind::Immunizations,
            "108" => SectionKind::Procedures,
            "127" => SectionKind::Encounters,
            "126" => SectionKind::SocialHistory,
            "109" => SectionKind::FunctionalStatus,
            "125" => SectionKind::FamilyHistory,
            "128" => SectionKind::MedicalEquipment,
            "116" => SectionKind::AdvanceDirectives,
            "101" => SectionKind::Payers,
            "124" => SectionKind::PlanOfCare,
            _ => return None,
        });
    }
    // IHE Patient Care Coordination.
    if let Some(tail) = root.strip_prefix("1.3.6.1.4.1.19376.1.5.3.1.") {
        return Some(match tail {
            "3.13" => SectionKind::Allergies,
            "3.19" => SectionKind::Medications,
            "3.6" => SectionKind::Problems,
            "3.28" => SectionKind::Results,
            "1.5.3.2" => SectionKind::Vitals,
            "3.23" => SectionKind::Immunizations,
            "3.12" => SectionKind::Procedures,
            "1.5.3.3" => SectionKind::Encounters,
            "3.16" => SectionKind::SocialHistory,
            "3.15" => SectionKind::FamilyHistory,
            "1.5.3.5" => SectionKind::MedicalEquipment,
            "3.35" => SectionKind::AdvanceDirectives,
            "1.5.3.7" => SectionKind::Payers,
            "3.31" => SectionKind::PlanOfCare,
            "3.1" => SectionKind::Mixed,
            _ => return None,
        });
    }
    Some(match root {
        "2.16.840.1.113883.10.20.21.2.3" => SectionKind::PlanOfCare,
        "2.16.840.1.113883.10.20.6.1.1" | "2.16.840.1.113883.10.20.6.1.2" => SectionKind::Mixed,
        _ => return None,
    })
}

/// The kinds of section this reader maps entry by entry, the kinds told by template in
/// precedence order (see [`section_template`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SectionKind {
    /// Allergies and intolerances.
    Allergies,
    /// Medications (also discharge, admission and administered).
    Medications,
    /// Problems (also past medical history).
    Problems,
    /// Results: lab panels and their observations.
    Results,
    /// Vital signs.
    Vitals,
    /// Immunizations.
    Immunizations,
    /// Procedures.
    Procedures,
    /// Encounters.
    Encounters,
    /// Social history observations.
    SocialHistory,
    /// Functional status (and R1.1 cognitive status).
    FunctionalStatus,
    /// Mental status.
    MentalStatus,
    /// Family history.
    FamilyHistory,
    /// Medical equipment and implants.
    MedicalEquipment,
    /// Advance directives.
    AdvanceDirectives,
    /// Payers.
    Payers,
    /// Plan of care / treatment, interventions and outcomes.
    PlanOfCare,
    /// Goals.
    Goals,
    /// Health concerns.
    HealthConcerns,
    /// Care teams.
    CareTeam,
    /// Notes (Note Activities).
    Notes,
    /// The document's purpose.
    Purpose,
    /// Sections whose entries go to several lists (anesthesia, procedure indications,
    /// nutrition, assessment, imaging findings, ...); their narrative is kept as a note
    /// too.
    Mixed,
    /// Everything else: kept as a note.
    Other,
}

impl SectionKind {
    /// True when the section's narrative is kept as a note even when its entries are
    /// mapped.
    pub(crate) fn keeps_note(self) -> bool {
        matches!(self, SectionKind::Mixed | SectionKind::Other)
    }

    /// The kind named by a section's template ids or, when none of them is known, its LOINC
    /// code.
    pub(crate) fn classify(template_ids: &[String], code: Option<&str>) -> SectionKind {
        let by_template = template_ids
            .iter()
            .filter_map(|id| section_template(id))
            .min();
        if let Some(kind) = by_template {
            return kind;
        }
        // No template known (none, or only unknown or mistyped ones): the LOINC code says.
        match code {
            Some(c) if ALLERGY_CODES.contains(&c) => SectionKind::Allergies,
            Some(c) if MEDICATION_CODES.contains(&c) => SectionKind::Medications,
            Some(c) if PROBLEM_CODES.contains(&c) => SectionKind::Problems,
            Some(c) if RESULT_CODES.contains(&c) => SectionKind::Results,
            Some(c) if VITAL_CODES.contains(&c) => SectionKind::Vitals,
            Some(c) if IMMUNIZATION_CODES.contains(&c) => SectionKind::Immunizations,
            Some(c) if PROCEDURE_CODES.contains(&c) => SectionKind::Procedures,
            Some(c) if ENCOUNTER_CODES.contains(&c) => SectionKind::Encounters,
            Some(c) if SOCIAL_CODES.contains(&c) => SectionKind::SocialHistory,
            Some(c) if FUNCTIONAL_CODES.contains(&c) => SectionKind::FunctionalStatus,
            Some(c) if MENTAL_CODES.contains(&c) => SectionKind::MentalStatus,
            Some(c) if FAMILY_CODES.contains(&c) => SectionKind::FamilyHistory,
            Some(c) if EQUIPMENT_CODES.contains(&c) => SectionKind::MedicalEquipment,
            Some(c) if DIRECTIVE_CODES.contains(&c) => SectionKind::AdvanceDirectives,
            Some(c) if PAYER_CODES.contains(&c) => SectionKind::Payers,
            Some(c) if PLAN_CODES.contains(&c) => SectionKind::PlanOfCare,
            Some(c) if GOAL_CODES.contains(&c) => SectionKind::Goals,
            Some(c) if CONCERN_CODES.contains(&c) => SectionKind::HealthConcerns,
            Some(c) if CARE_TEAM_CODES.contains(&c) => SectionKind::CareTeam,
            Some(c) if PURPOSE_CODES.contains(&c) => SectionKind::Purpose,
            Some(c) if MIXED_CODES.contains(&c) => SectionKind::Mixed,
            _ => SectionKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The section kinds told by template, in precedence order, as `classify` asked
    /// [`any_of`] list by list before [`section_template`].
    const SECTIONS_BY_TEMPLATE: [(&[&str], SectionKind); 22] = [
        (ALLERGY_SECTIONS, SectionKind::Allergies),
        (MEDICATION_SECTIONS, SectionKind::Medications),
        (PROBLEM_SECTIONS, SectionKind::Problems),
        (RESULT_SECTIONS, SectionKind::Results),
        (VITAL_SECTIONS, SectionKind::Vitals),
        (IMMUNIZATION_SECTIONS, SectionKind::Immunizations),
        (PROCEDURE_SECTIONS, SectionKind::Procedures),
        (ENCOUNTER_SECTIONS, SectionKind::Encounters),
        (SOCIAL_SECTIONS, SectionKind::SocialHistory),
        (FUNCTIONAL_SECTIONS, SectionKind::FunctionalStatus),
        (MENTAL_SECTIONS, SectionKind::MentalStatus),
        (FAMILY_SECTIONS, SectionKind::FamilyHistory),
        (EQUIPMENT_SECTIONS, SectionKind::MedicalEquipment),
        (DIRECTIVE_SECTIONS, SectionKind::AdvanceDirectives),
        (PAYER_SECTIONS, SectionKind::Payers),
        (PLAN_SECTIONS, SectionKind::PlanOfCare),
        (GOAL_SECTIONS, SectionKind::Goals),
        (CONCERN_SECTIONS, SectionKind::HealthConcerns),
        (CARE_TEAM_SECTIONS, SectionKind::CareTeam),
        (NOTE_SECTIONS, SectionKind::Notes),
        (PURPOSE_SECTIONS, SectionKind::Purpose),
        (MIXED_SECTIONS, SectionKind::Mixed),
    ];

    /// The kind by the lists, as `classify` found it: the first list with a root among
    /// `template_ids`.
    fn section_by_lists(template_ids: &[String]) -> Option<SectionKind> {
        SECTIONS_BY_TEMPLATE
            .iter()
            .find(|(roots, _)| any_of(template_ids, roots))
            .map(|(_, kind)| *kind)
    }

    /// The lookup agrees with the lists for every root, with and without an extension, and
    /// for ids that merely start with a root or are a root cut short; and for every pair of
    /// roots the first kind in list order wins, as it did.
    #[test]
    fn section_template_matches_the_section_lists() {
        let by_lookup = |ids: &[String]| ids.iter().filter_map(|id| section_template(id)).min();
        let mut all = Vec::new();
        for (roots, kind) in SECTIONS_BY_TEMPLATE {
            for root in roots {
                assert_eq!(section_template(root), Some(kind), "{root}");
                let ids = [
                    root.to_string(),
                    format!("{root}:2015-08-01"),
                    format!("{root}:"),
                    format!("{root}1"),
                    format!("{root}.1"),
                    format!("{root}0:2015-08-01"),
                    root[..root.len() - 1].to_string(),
                    root[1..].to_string(),
                ];
                for id in ids {
                    let one = [id];
                    assert_eq!(by_lookup(&one), section_by_lists(&one), "{one:?}");
                }
                all.push(root.to_string());
                all.push(format!("{root}:2015-08-01"));
            }
        }
        for a in &all {
            for b in &all {
                let pair = [a.clone(), b.clone()];
                assert_eq!(by_lookup(&pair), section_by_lists(&pair), "{pair:?}");
            }
        }
        for id in ["2.16.840.1.113883.", "1.3.6.1.4.1.19376.1.5.3.1.", ""] {
            assert_eq!(section_template(id), None);
        }
    }

    #[test]
    fn classifies_by_template_then_code() {
        let t = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.6.1:2015-08-01"]), None),
            SectionKind::Allergies
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.20"]), Some("11348-0")),
            SectionKind::Problems
        );
        assert_eq!(
            SectionKind::classify(&[], Some("10160-0")),
            SectionKind::Medications
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.3.1"]), Some("48765-2")),
            SectionKind::Results
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.1.16"]), None),
            SectionKind::Vitals
        );
        assert_eq!(
            SectionKind::classify(&[], Some("8716-3")),
            SectionKind::Vitals
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.17"]), Some("30954-2")),
            SectionKind::SocialHistory
        );
        assert_eq!(
            SectionKind::classify(&[], Some("11369-6")),
            SectionKind::Immunizations
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.1.9"]), None),
            SectionKind::Payers
        );
        assert_eq!(
            SectionKind::classify(&[], Some("10157-6")),
            SectionKind::FamilyHistory
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.21.1"]), None),
            SectionKind::AdvanceDirectives
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.10"]), Some("47519-4")),
            SectionKind::PlanOfCare
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.21.2.3"]), None),
            SectionKind::PlanOfCare
        );
        assert_eq!(
            SectionKind::classify(&[], Some("61146-7")),
            SectionKind::Goals
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.58"]), None),
            SectionKind::HealthConcerns
        );
        assert_eq!(
            SectionKind::classify(&[], Some("85847-2")),
            SectionKind::CareTeam
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.65"]), Some("11488-4")),
            SectionKind::Notes
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.22.2.8"]), Some("51848-0")),
            SectionKind::Mixed
        );
        assert_eq!(
            SectionKind::classify(&t(&["2.16.840.1.113883.10.20.2.10"]), Some("29545-1")),
            SectionKind::Other
        );
        assert_eq!(
            SectionKind::classify(&t(&["1.2.3.4.5"]), Some("61146-7")),
            SectionKind::Goals
        );
        assert_eq!(
            SectionKind::classify(&t(&["1.2.3.4.5"]), Some("121070")),
            SectionKind::Mixed
        );
        assert_eq!(
            SectionKind::classify(&t(&["1.2.3.4.5"]), Some("29545-1")),
            SectionKind::Other
        );
    }
}
