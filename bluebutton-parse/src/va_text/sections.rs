//! The report's section headers, across versions 12 to 12.6, and how each lays out entries.

use super::blocks::Layout;
use crate::text::Trimmed;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionKind {
    /// The report banner (`MY HEALTHEVET PERSONAL INFORMATION REPORT`).
    Banner,
    /// The closing banner.
    End,
    /// Self-entered demographics (`DEMOGRAPHICS` in v12).
    SelfDemographics,
    /// VA demographics, per treating facility.
    VaDemographics,
    /// Self-entered health care providers.
    Providers,
    /// Self-entered treatment facilities.
    Facilities,
    /// Self-entered health insurance.
    Insurance,
    /// VA appointments, future and past.
    Appointments,
    /// VA admissions and discharges.
    Admissions,
    /// VA medication history.
    VaMedications,
    /// Self-entered medications and supplements.
    SelfMedications,
    /// VA allergies.
    VaAllergies,
    /// Self-entered allergies.
    SelfAllergies,
    /// VA problem list.
    Problems,
    /// Self-entered medical events.
    MedicalEvents,
    /// VA immunizations.
    VaImmunizations,
    /// Self-entered immunizations.
    SelfImmunizations,
    /// VA laboratory results.
    Labs,
    /// VA pathology reports.
    Pathology,
    /// Self-entered labs and tests.
    SelfLabs,
    /// VA vitals and readings.
    VaVitals,
    /// Self-entered vitals and readings.
    SelfVitals,
    /// VA notes.
    ClinicalNotes,
    /// VA radiology and EKG reports.
    ImagingReports,
    /// Self-entered family health history.
    Family,
    /// VA wellness reminders (a table).
    Reminders,
    /// Self-entered My Goals, current or completed.
    Goals,
    /// Self-entered military health history.
    Military,
    /// A known section with no model home, kept whole as a note.
    WholeReport,
    /// A header the reader does not know.
    Unknown,
}

/// The kind of a section from its header text (any case).
pub(crate) fn kind(title: &str) -> SectionKind {
    let upper = title.trimmed().to_ascii_uppercase();
    let name = upper.strip_prefix("SELF REPORTED ").unwrap_or(&upper);
    match name {
        "MY HEALTHEVET PERSONAL INFORMATION REPORT" => SectionKind::Banner,
        "END OF MY HEALTHEVET PERSONAL INFORMATION REPORT" => SectionKind::End,
        "DEMOGRAPHICS" => SectionKind::SelfDemographics,
        "VA DEMOGRAPHICS" => SectionKind::VaDemographics,
        "HEALTH CARE PROVIDERS" => SectionKind::Providers,
        "TREATMENT FACILITIES" => SectionKind::Facilities,
        "HEALTH INSURANCE" => SectionKind::Insurance,
        "VA APPOINTMENTS" => SectionKind::Appointments,
        "VA ADMISSIONS AND DISCHARGES" => SectionKind::Admissions,
        "VA MEDICATION HISTORY" => SectionKind::VaMedications,
        "MEDICATIONS AND SUPPLEMENTS" => SectionKind::SelfMedications,
        "VA ALLERGIES" => SectionKind::VaAllergies,
        "ALLERGIES" | "ALLERGIES/ADVERSE REACTIONS" => SectionKind::SelfAllergies,
        "VA PROBLEM LIST" => SectionKind::Problems,
        "MEDICAL EVENTS" => SectionKind::MedicalEvents,
        "VA IMMUNIZATIONS" => SectionKind::VaImmunizations,
        "IMMUNIZATIONS" => SectionKind::SelfImmunizations,
        "VA LABORATORY RESULTS" => SectionKind::Labs,
        "VA PATHOLOGY REPORTS" => SectionKind::Pathology,
        "LABS AND TESTS" => SectionKind::SelfLabs,
        "VA VITALS AND READINGS" => SectionKind::VaVitals,
        "VITALS AND READINGS" => SectionKind::SelfVitals,
        "VA NOTES" => SectionKind::ClinicalNotes,
        "VA RADIOLOGY REPORTS" | "VA ELECTROCARDIOGRAM (EKG) REPORTS" => {
            SectionKind::ImagingReports
        }
        "FAMILY HEALTH HISTORY" => SectionKind::Family,
        "VA WELLNESS REMINDERS" => SectionKind::Reminders,
        "MILITARY HEALTH HISTORY" => SectionKind::Military,
        "MY GOALS: CURRENT GOALS" | "MY GOALS: COMPLETED GOALS" => SectionKind::Goals,
        "DOWNLOAD REQUEST SUMMARY"
        | "MY HEALTHEVET ACCOUNT SUMMARY"
        | "DOD MILITARY SERVICE INFORMATION"
        | "ACTIVITY JOURNAL"
        | "FOOD JOURNAL" => SectionKind::WholeReport,
        _ => SectionKind::Unknown,
    }
}

/// How a kind of section lays out its entries.
pub(crate) fn layout(kind: SectionKind) -> Layout<'static> {
    let (starts, free_body): (&'static [&'static str], bool) = match kind {
        SectionKind::Providers => (&["Provider Name"], false),
        SectionKind::Facilities => (&["Facility Name"], false),
        SectionKind::Insurance => (&["Health Insurance Company"], false),
        SectionKind::Appointments => (&["Date/Time"], false),
        SectionKind::Admissions => (&["Admission Date"], true),
        SectionKind::VaMedications => (&["Medication"], false),
        SectionKind::SelfMedications => (&["Category"], false),
        SectionKind::VaAllergies | SectionKind::SelfAllergies => (&["Allergy Name"], false),
        SectionKind::Problems => (&["Problem"], false),
        SectionKind::MedicalEvents => (&["Medical Event"], false),
        SectionKind::VaImmunizations | SectionKind::SelfImmunizations => (&["Immunization"], false),
        SectionKind::Labs => (&["Lab Test"], true),
        SectionKind::Pathology => (&["Type of Report"], true),
        SectionKind::SelfLabs => (&["Test Name"], false),
        SectionKind::VaVitals => (&["Vital Sign"], false),
        SectionKind::SelfVitals => (&["Measurement Type"], false),
        SectionKind::ClinicalNotes => (&["Date/Time"], true),
        SectionKind::ImagingReports => (&["Procedure/Test Name"], true),
        SectionKind::Family => (&["Relationship"], false),
        SectionKind::Goals => (&["MY GOAL"], false),
        SectionKind::Military => (&["Event Title"], false),
        SectionKind::SelfDemographics => (&["Contact First Name"], false),
        SectionKind::VaDemographics => (&["VA Treating Facility"], false),
        _ => (&[], false),
    };
    let reset_context = kind == SectionKind::VaDemographics;
    Layout {
        starts,
        free_body,
        reset_context,
    }
}

/// The title of a banner header such as `------ VA ALLERGIES ------`, if the line is one.
///
/// A header starts at column 1 with at least five dashes, ends with dashes, and holds a
/// title with at least one letter between them.
pub(crate) fn header_title(line: &str) -> Option<&str> {
    if !line.starts_with("-----") {
        return None;
    }
    let trimmed = line.trimmed_end();
    if !trimmed.ends_with("---") {
        return None;
    }
    let inner = trimmed.trim_matches('-').trimmed();
    if inner.is_empty() || !inner.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // Titles are words, not tables: no runs of dashes inside.
    if inner.contains("---") || inner.starts_with(':') {
        return None;
    }
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_every_version_map() {
        assert_eq!(
            kind("ALLERGIES/ADVERSE REACTIONS"),
            SectionKind::SelfAllergies
        );
        assert_eq!(kind("SELF REPORTED ALLERGIES"), SectionKind::SelfAllergies);
        assert_eq!(
            kind("DoD Military Service Information"),
            SectionKind::WholeReport
        );
        assert_eq!(kind("IMMUNIZATIONS"), SectionKind::SelfImmunizations);
        assert_eq!(kind("SOMETHING NEW"), SectionKind::Unknown);
    }

    #[test]
    fn headers_are_recognised() {
        assert_eq!(
            header_title("--------------- VA ALLERGIES ---------------"),
            Some("VA ALLERGIES")
        );
        assert_eq!(
            header_title(
                "------------------ SELF REPORTED TREATMENT FACILITIES--------------------"
            ),
            Some("SELF REPORTED TREATMENT FACILITIES")
        );
        assert_eq!(
            header_title("------ : ------ : ------ 150 H     N/A  -----  N/A"),
            None
        );
        assert_eq!(header_title("-----------------------------"), None);
        assert_eq!(header_title("   ---- INDENTED ----"), None);
    }
}
