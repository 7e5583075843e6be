//! The VA My HealtheVet Blue Button text reader over the seven corpus reports
//! (versions 12 to 12.6): every file parses with every section header recognised, entry
//! counts match an independent count of the raw text, spot checks on version 12.5.1, and
//! line endings do not change the record.

use bluebutton_parse::model::{FormatKind, HealthRecord, Precision, ValueKind, WarningCode};
use bluebutton_parse::parse;
use std::path::{Path, PathBuf};

const FILES: &[&str] = &[
    "VA_My_HealtheVet_Blue_Button_Sample_Version_12.txt",
    "VA_My_HealtheVet_Blue_Button_Sample_Version_12_2.txt",
    "VA_My_HealtheVet_Blue_Button_Sample_Version_12_3.txt",
    "VA_My_HealtheVet_Blue_Button_Sample_Version_12_4.txt",
    "VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt",
    "VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt",
    "VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.txt",
];

fn corpus_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/va-text")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    let path = corpus_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parsed(name: &str) -> HealthRecord {
    parse(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The report's lines, ending at `\r\n`, `\r\r\n`, `\n` or `\r`.
fn raw_lines(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes)
        .replace("\r\r\n", "\n")
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    text.split('\n').map(str::to_string).collect()
}

/// A banner header's title, by the simplest possible rule.
fn header(line: &str) -> Option<String> {
    let t = line.trim_end();
    if t.starts_with("-----") && t.ends_with("---") {
        let inner = t.trim_matches('-').trim();
        if inner.chars().any(|c| c.is_ascii_alphabetic())
            && !inner.contains("---")
            && !inner.starts_with(':')
        {
            return Some(inner.to_ascii_uppercase());
        }
    }
    None
}

/// Counts of entry-leading label lines per record list, scanning the raw text.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    allergies: usize,
    medications: usize,
    problems: usize,
    immunizations: usize,
    encounters: usize,
    results: usize,
    vitals: usize,
    family: usize,
    coverage: usize,
    care_team: usize,
    reminders: usize,
    goals: usize,
    clinical_notes: usize,
    military: usize,
}

fn count_raw(bytes: &[u8]) -> Counts {
    let mut counts = Counts::default();
    let mut section = String::new();
    // Wellness reminders are table rows: after the rule under the column headings, up to
    // the first blank line.
    let mut table = 0;
    for line in raw_lines(bytes) {
        if let Some(title) = header(&line) {
            section = title.trim_start_matches("SELF REPORTED ").to_string();
            table = 0;
            continue;
        }
        if section == "VA WELLNESS REMINDERS" {
            match table {
                0 if line.starts_with("Wellness Reminder") => table = 1,
                1 if line.starts_with("-----") => table = 2,
                2 if line.trim().is_empty() => table = 3,
                2 => counts.reminders += 1,
                _ => {}
            }
            continue;
        }
        let starts = |label: &str| line.starts_with(label);
        let s = section.as_str();
        // The self-entered blood type is a result; it shares its line with other fields.
        let blood_type = line
            .split_once("Blood Type:")
            .and_then(|(_, after)| after.trim_start().split("  ").next())
            .is_some_and(|value| !value.trim().is_empty());
        if s == "DEMOGRAPHICS" && blood_type {
            counts.results += 1;
        }
        match s {
            "VA ALLERGIES" | "ALLERGIES" | "ALLERGIES/ADVERSE REACTIONS"
                if starts("Allergy Name:") =>
            {
                counts.allergies += 1
            }
            "VA MEDICATION HISTORY" if starts("Medication:") => counts.medications += 1,
            "MEDICATIONS AND SUPPLEMENTS" if starts("Category:") => counts.medications += 1,
            "VA PROBLEM LIST" if starts("Problem:") => counts.problems += 1,
            "MEDICAL EVENTS" if starts("Medical Event:") => counts.problems += 1,
            "VA IMMUNIZATIONS" | "IMMUNIZATIONS" if starts("Immunization:") => {
                counts.immunizations += 1
            }
            "VA APPOINTMENTS" if starts("Date/Time:") => counts.encounters += 1,
            "VA ADMISSIONS AND DISCHARGES" if starts("Admission Date:") => counts.encounters += 1,
            "VA LABORATORY RESULTS" if starts("Lab Test:") => counts.results += 1,
            "VA PATHOLOGY REPORTS" if starts("Type of Report:") => counts.results += 1,
            "LABS AND TESTS" if starts("Test Name:") => counts.results += 1,
            "VA VITALS AND READINGS" if starts("Vital Sign:") => counts.vitals += 1,
            "VITALS AND READINGS" if starts("Measurement Type:") => counts.vitals += 1,
            "FAMILY HEALTH HISTORY" if starts("Relationship:") => counts.family += 1,
            "VA NOTES" if starts("Note Title:") => counts.clinical_notes += 1,
            "MILITARY HEALTH HISTORY" if starts("Event Title:") => counts.military += 1,
            "VA RADIOLOGY REPORTS" | "VA ELECTROCARDIOGRAM (EKG) REPORTS"
                if starts("Procedure/Test Name:") =>
            {
                counts.clinical_notes += 1
            }
            "MY GOALS: CURRENT GOALS" | "MY GOALS: COMPLETED GOALS" if starts("MY GOAL:") => {
                counts.goals += 1
            }
            "HEALTH INSURANCE" if starts("Health Insurance Company:") => counts.coverage += 1,
            "HEALTH CARE PROVIDERS" if starts("Provider Name:") => counts.care_team += 1,
            "TREATMENT FACILITIES" if starts("Facility Name:") => counts.care_team += 1,
            _ => {}
        }
    }
    counts
}

fn count_record(r: &HealthRecord) -> Counts {
    Counts {
        allergies: r.allergies.len(),
        medications: r.medications.len(),
        problems: r.problems.len(),
        immunizations: r.immunizations.len(),
        encounters: r.encounters.len(),
        results: r.results.len(),
        vitals: r.vitals.len(),
        family: r.family_history.len(),
        coverage: r.coverage.len(),
        care_team: r.care_team.len(),
        reminders: r.plan_of_care.len(),
        goals: r.goals.len(),
        military: r
            .social_history
            .iter()
            .filter(|o| {
                o.categories
                    .iter()
                    .any(|c| c.display.as_deref() == Some("military-history"))
            })
            .count(),
        clinical_notes: r
            .notes
            .iter()
            .filter(|n| n.kind.as_deref() == Some("note"))
            .count(),
    }
}

#[test]
fn every_report_parses_with_every_section_known() {
    for name in FILES {
        let record = parsed(name);
        assert_eq!(record.format.kind, FormatKind::VaText, "{name}");
        assert!(
            record
                .format
                .version
                .as_deref()
                .is_some_and(|v| v.starts_with("12")),
            "{name}"
        );
        assert!(record.document.created.is_some(), "{name}: banner date");
        let unknown: Vec<_> = record
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::UnknownSection)
            .collect();
        assert!(unknown.is_empty(), "{name}: {unknown:?}");
        assert!(record.patient.name.is_some(), "{name}: patient name");
        assert!(
            !record.allergies.is_empty()
                && !record.medications.is_empty()
                && !record.results.is_empty(),
            "{name}"
        );
        // Every entry knows where it came from.
        for a in &record.allergies {
            assert!(
                a.source.line > 0 && a.source.column == 1 && a.source.section.is_some(),
                "{name}"
            );
            assert!(a.source.label.is_some(), "{name}: allergy source label");
        }
    }
}

#[test]
fn entry_counts_match_the_raw_text() {
    for name in FILES {
        let bytes = read(name);
        let expected = count_raw(&bytes);
        let record = parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(count_record(&record), expected, "{name}");
        assert!(
            expected.allergies > 0 && expected.medications > 0,
            "{name}: the raw count found nothing"
        );
    }
}

#[test]
fn entry_lines_point_at_their_leading_label() {
    let bytes = read(FILES[5]);
    let lines = raw_lines(&bytes);
    let record = parse(&bytes).unwrap();
    let at = |line: u32| lines.get(line as usize - 1).cloned().unwrap_or_default();
    for a in &record.allergies {
        assert!(
            at(a.source.line).starts_with("Allergy Name:"),
            "line {}",
            a.source.line
        );
    }
    for m in &record.medications {
        assert!(
            at(m.source.line).starts_with("Medication:"),
            "line {}",
            m.source.line
        );
    }
    for w in &record.warnings {
        assert!(w.line.is_some(), "{w:?}");
    }
}

#[test]
fn spot_checks_on_version_12_5_1() {
    let r = parsed(FILES[5]);
    assert_eq!(r.format.version.as_deref(), Some("12.5"));
    assert_eq!(
        r.document.created.as_ref().and_then(|d| d.value.as_deref()),
        Some("2013-07-03T09:56")
    );

    let name = r.patient.name.as_ref().unwrap();
    assert_eq!(name.given, vec!["ONE", "A"]);
    assert_eq!(name.family.as_deref(), Some("MHVTESTVETERAN"));
    let birth = r.patient.birth_time.as_ref().unwrap();
    assert_eq!(birth.value.as_deref(), Some("1948-03-01"));
    assert_eq!(birth.precision, Some(Precision::Day));
    assert_eq!(
        r.patient.gender.as_ref().and_then(|g| g.display.as_deref()),
        Some("Male")
    );
    assert!(r
        .patient
        .contacts
        .iter()
        .any(|c| c.kind.as_deref() == Some("ECON")));
    assert!(r
        .patient
        .contacts
        .iter()
        .any(|c| c.kind.as_deref() == Some("NOK")));

    let allergy = &r.allergies[0];
    assert_eq!(
        allergy.allergen.as_ref().and_then(|c| c.display.as_deref()),
        Some("IMIPRAMINE")
    );
    assert_eq!(
        allergy.reactions[0]
            .manifestation
            .as_ref()
            .and_then(|c| c.display.as_deref()),
        Some("ANAPHYLAXIS")
    );
    assert_eq!(allergy.source.label.as_deref(), Some("VA"));
    assert_eq!(allergy.source.section.as_deref(), Some("VA ALLERGIES"));
    let self_allergy = r
        .allergies
        .iter()
        .find(|a| a.source.label.as_deref() == Some("Self-Entered"))
        .unwrap();
    assert_eq!(
        self_allergy
            .severity
            .as_ref()
            .and_then(|c| c.display.as_deref()),
        Some("Mild")
    );

    let med = &r.medications[0];
    assert_eq!(
        med.product_name.as_deref(),
        Some("HCTZ 25/TRIAMTERENE 37.5MG TAB")
    );
    assert_eq!(
        med.sig.as_deref(),
        Some("TAKE ONE-HALF TABLET (12.5/18.75 MG) BY MOUTH EVERY DAY")
    );
    assert_eq!(med.status.as_deref(), Some("Active"));
    assert_eq!(med.ids[0].value.as_deref(), Some("11532051"));
    let order = med.order.as_ref().unwrap();
    assert_eq!(order.refills_remaining, Some(3));
    assert_eq!(
        order.quantity.as_ref().and_then(|q| q.value.as_deref()),
        Some("45")
    );
    assert_eq!(
        order.days_supply.as_ref().and_then(|q| q.value.as_deref()),
        Some("90")
    );
    let fill = &med.dispenses[0];
    assert_eq!(
        fill.pharmacy.as_ref().and_then(|p| p.name.as_deref()),
        Some("PORTLAND PHARMACY")
    );
    assert_eq!(
        fill.time
            .as_ref()
            .and_then(|t| t.value.as_ref())
            .and_then(|d| d.value.as_deref()),
        Some("2012-12-11")
    );
    // A wrapped instruction is joined.
    let wrapped = r
        .medications
        .iter()
        .find(|m| m.ids.first().and_then(|i| i.value.as_deref()) == Some("11181487A"))
        .unwrap();
    assert_eq!(wrapped.sig.as_deref(), Some("TAKE ONE-HALF TABLET BY MOUTH EVERY DAY FOR BLOOD PRESSURE -- AVOID GRAPEFRUIT JUICE --"));

    // The first laboratory result (the blood type from the demographics comes first).
    let lab = r
        .results
        .iter()
        .find(|g| g.code.is_some())
        .expect("a laboratory result");
    assert_eq!(
        lab.code.as_ref().and_then(|c| c.display.as_deref()),
        Some("Potassium")
    );
    let obs = &lab.observations[0];
    let value = obs.value.as_ref().unwrap();
    assert_eq!(value.kind, ValueKind::Quantity);
    let q = value.quantity.as_ref().unwrap();
    assert_eq!(
        (q.value.as_deref(), q.unit.as_deref()),
        (Some("6.5"), Some("mmol/L"))
    );
    let range = &obs.reference_ranges[0];
    assert_eq!(
        range.low.as_ref().and_then(|q| q.value.as_deref()),
        Some("3.5")
    );
    assert_eq!(
        range.high.as_ref().and_then(|q| q.value.as_deref()),
        Some("5.0")
    );
    assert_eq!(
        obs.interpretations[0].display.as_deref(),
        Some("Critical High")
    );
    let micro = r
        .results
        .iter()
        .find(|g| {
            g.categories
                .iter()
                .any(|c| c.display.as_deref() == Some("Microbiology"))
        })
        .unwrap();
    assert!(micro
        .conclusion
        .as_deref()
        .is_some_and(|c| c.contains("ANTIBIOTIC SUSCEPTIBILITY")));

    let future = &r.encounters[0];
    assert_eq!(future.mood.as_deref(), Some("APT"));
    assert_eq!(
        future
            .period
            .as_ref()
            .and_then(|p| p.value.as_ref())
            .and_then(|d| d.value.as_deref()),
        Some("2013-12-09T08:00")
    );
    assert!(future
        .locations
        .iter()
        .any(|l| l.name.as_deref() == Some("PORTLAND")));
    let past = r
        .encounters
        .iter()
        .find(|e| e.status.as_deref() == Some("CANCELLED"))
        .unwrap();
    assert_eq!(past.mood.as_deref(), Some("EVN"));
    let admission = r.encounters.iter().find(|e| e.text.is_some()).unwrap();
    assert!(admission
        .text
        .as_deref()
        .is_some_and(|t| t.contains("DISCHARGE SUMMARY")));

    assert!(r.notes.iter().any(|n| n.kind.as_deref() == Some("note")
        && n.title.as_deref() == Some("CARDIOLOGY - FOLLOW-UP")));
    assert!(r
        .notes
        .iter()
        .any(|n| n.title.as_deref() == Some("DoD Military Service Information")));
    let family = &r.family_history[0];
    assert!(family
        .observations
        .iter()
        .any(|o| o.code.as_ref().and_then(|c| c.display.as_deref()) == Some("Back Pain")));
}

#[test]
fn line_endings_do_not_change_the_record() {
    for name in [FILES[0], FILES[3], FILES[5]] {
        let bytes = read(name);
        let original = parse(&bytes).unwrap();
        let lf = raw_lines(&bytes).join("\n");
        let crlf = raw_lines(&bytes).join("\r\n");
        assert_eq!(parse(lf.as_bytes()).unwrap(), original, "{name}: LF");
        assert_eq!(parse(crlf.as_bytes()).unwrap(), original, "{name}: CRLF");
    }
}

const TINY: &str = "--------------- MY HEALTHEVET PERSONAL INFORMATION REPORT ---------------\n\
                  Produced by the VA Blue Button (v12.5)\n\
                  03 Jul 2013 @ 0956\n\
\n\
------------------------- VA SPACESHIP LOG --------------------------\n\
Source: VA\n\
Zorblat: Qwertyuiop\n\
\n\
---------------------------- VA ALLERGIES -------------------------\n\
Source: VA\n\
\n\
Allergy Name:        PEANUTS\n\
Reaction:            HIVES\n\
\n\
Xylophonic secret words\n\
\n\
-------------- END OF MY HEALTHEVET PERSONAL INFORMATION REPORT ----------\n";

#[test]
fn goal_tasks_are_component_goals() {
    let name = "VA_My_HealtheVet_Blue_Button_Sample_Version_12_6.txt";
    let r = parsed(name);
    let task_lines = raw_lines(&read(name))
        .iter()
        .filter(|l| l.trim_start().starts_with("Task:"))
        .count();
    let tasks: Vec<_> = r.goals.iter().flat_map(|g| &g.components).collect();
    assert!(task_lines > 0);
    assert_eq!(tasks.len(), task_lines);
    let snack = tasks
        .iter()
        .find(|t| {
            t.code.as_ref().and_then(|c| c.display.as_deref()) == Some("Prepare healthy snack.")
        })
        .unwrap();
    let time = snack.time.as_ref().unwrap();
    assert_eq!(
        time.low.as_ref().and_then(|d| d.value.as_deref()),
        Some("2013-04-09")
    );
    // `Task End Date: None Entered` is no date.
    assert_eq!(time.high, None);
    assert!(snack
        .notes
        .iter()
        .any(|n| n == "Task Repeats: Every Monday, Wednesday, Friday"));
    assert!(snack
        .notes
        .iter()
        .any(|n| n.starts_with("Task Description: Each night")));
    let achievement = |t: &&bluebutton_model::Goal| {
        t.achievement
            .as_ref()
            .and_then(|a| a.display.clone())
            .unwrap_or_default()
    };
    assert_eq!(achievement(snack), "Not Finished Yet");
    assert!(tasks
        .iter()
        .any(|t| achievement(t) == "Completed 10 Apr 2013"));
    // The tasks are no longer repeated in the goal's own notes.
    for goal in &r.goals {
        assert!(
            goal.notes.iter().all(|n| !n.starts_with("Task")),
            "{:?}",
            goal.notes
        );
    }
}

#[test]
fn refills_remaining_are_not_fills_allowed() {
    let name = "VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt";
    let r = parsed(name);
    let mut written: Vec<i64> = raw_lines(&read(name))
        .iter()
        .filter_map(|l| l.trim().strip_prefix("Refills Remaining:"))
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    let mut read: Vec<i64> = r
        .medications
        .iter()
        .filter_map(|m| m.order.as_ref()?.refills_remaining)
        .collect();
    assert!(!written.is_empty());
    written.sort_unstable();
    read.sort_unstable();
    assert_eq!(read, written);
    for m in &r.medications {
        assert_eq!(m.order.as_ref().and_then(|o| o.repeat_number), None);
    }
}

#[test]
fn current_occupation_is_social_history() {
    let r = parsed("VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt");
    let occupations: Vec<_> = r
        .social_history
        .iter()
        .filter(|o| o.code.as_ref().and_then(|c| c.code.as_deref()) == Some("11341-5"))
        .collect();
    assert_eq!(occupations.len(), 1);
    assert_eq!(
        occupations[0]
            .value
            .as_ref()
            .and_then(|v| v.text.as_deref()),
        Some("Truck Driver")
    );
    assert!(occupations[0].source.line > 0);
    assert!(r.notes.iter().all(|n| !n
        .text
        .as_deref()
        .unwrap_or_default()
        .contains("Current Occupation")));
}

#[test]
fn blood_types_are_results() {
    let mut seen = 0;
    for name in FILES {
        let lines = raw_lines(&read(name));
        // The value after the label, up to the next run of two spaces, straight from the text.
        let expected: Vec<(u32, String)> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, line)| {
                let after = line.split_once("Blood Type:")?.1.trim_start();
                let value = after.split("  ").next()?.trim();
                let n = u32::try_from(i + 1).ok()?;
                (!value.is_empty()).then(|| (n, value.to_string()))
            })
            .collect();
        let r = parsed(name);
        let found: Vec<(u32, String)> = r
            .results
            .iter()
            .flat_map(|g| &g.observations)
            .filter(|o| o.code.as_ref().and_then(|c| c.code.as_deref()) == Some("882-1"))
            .map(|o| {
                let text = o.value.as_ref().and_then(|v| v.text.clone());
                (o.source.line, text.unwrap_or_default())
            })
            .collect();
        assert_eq!(found, expected, "{name}");
        seen += found.len();
    }
    assert!(seen > 0, "no blood type in the VA corpus");
}

#[test]
fn unknown_sections_and_lines_are_kept_and_warned() {
    let r = parse(TINY.as_bytes()).unwrap();
    let unknown = r
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::UnknownSection)
        .unwrap();
    assert_eq!(unknown.line, Some(5));
    let note = r
        .notes
        .iter()
        .find(|n| n.title.as_deref() == Some("VA SPACESHIP LOG"))
        .unwrap();
    assert!(note
        .text
        .as_deref()
        .is_some_and(|t| t.contains("Qwertyuiop")));
    assert_eq!(note.kind.as_deref(), Some("report"));

    let stray = r
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::UnrecognizedLine)
        .unwrap();
    assert_eq!(stray.line, Some(15));
    assert_eq!(r.allergies.len(), 1);
    assert!(r.allergies[0]
        .notes
        .iter()
        .any(|n| n.contains("Xylophonic")));
    // Warnings cite lines and sections, never the report's data.
    for w in &r.warnings {
        for secret in ["Qwertyuiop", "Xylophonic", "PEANUTS", "Zorblat"] {
            assert!(!w.message.contains(secret), "{w:?}");
        }
    }
}

#[test]
fn truncated_and_odd_input_never_panics() {
    let bytes = read(FILES[5]);
    for cut in (0..bytes.len()).step_by(997) {
        let _ = parse(bytes.get(..cut).unwrap());
    }
    let mut invalid = TINY.as_bytes().to_vec();
    invalid.extend_from_slice(&[0xff, 0xfe, b'\n']);
    let r = parse(&invalid).unwrap();
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::InvalidEncoding));
}

mod shuffled {
    use super::{raw_lines, read, FILES};
    use proptest::prelude::*;

    fn corpus_lines() -> &'static [String] {
        static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        LINES.get_or_init(|| raw_lines(&read(FILES[6])))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Real report lines in any order, after the banner, never panic the reader, and
        /// every warning has a line.
        #[test]
        fn reordered_report_lines_never_panic(picks in prop::collection::vec(any::<prop::sample::Index>(), 0..400)) {
            let lines = corpus_lines();
            let mut text = lines[..4].join("\n");
            for pick in picks {
                text.push('\n');
                text.push_str(pick.get(lines).as_str());
            }
            let record = bluebutton_parse::parse(text.as_bytes());
            prop_assert!(record.is_ok(), "{:?}", record.err());
            if let Ok(record) = record {
                prop_assert!(record.warnings.iter().all(|w| w.line.is_some()));
            }
        }
    }
}
