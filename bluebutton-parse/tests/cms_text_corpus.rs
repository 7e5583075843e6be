//! The CMS MyMedicare.gov Blue Button text files of the shared corpus
//! (`cms-text/`): every file parses with no unknown section, every list holds as many
//! entries as the raw text has entry labels, every claim amount equals its source text,
//! and line endings do not change the record.

use bluebutton_parse::model::{FormatKind, HealthRecord, WarningCode};
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cms-text")
}

fn files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus cms-text directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    assert_eq!(
        out.len(),
        11,
        "expected the 11 CMS text files of the corpus"
    );
    out
}

fn read(path: &Path) -> (String, HealthRecord) {
    let bytes = std::fs::read(path).expect("read corpus file");
    let record =
        bluebutton_parse::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (String::from_utf8(bytes).expect("ASCII corpus"), record)
}

/// The input's lines, whatever their endings, trimmed.
fn raw_lines(text: &str) -> Vec<&str> {
    text.split(['\r', '\n']).map(str::trim).collect()
}

/// How many lines start with `label` (case-sensitive, as the report writes it).
fn count(lines: &[&str], label: &str) -> usize {
    lines.iter().filter(|l| l.starts_with(label)).count()
}

#[test]
fn every_file_parses_with_no_unknown_section() {
    for path in files() {
        let (_, record) = read(&path);
        assert_eq!(
            record.format.kind,
            FormatKind::CmsText,
            "{}",
            path.display()
        );
        let unknown: Vec<_> = record
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::UnknownSection)
            .collect();
        assert!(unknown.is_empty(), "{}: {unknown:?}", path.display());
        assert!(record.document.created.is_some(), "{}", path.display());
        assert!(record.patient.name.is_some(), "{}", path.display());
    }
}

#[test]
fn list_lengths_equal_independent_counts_from_the_raw_text() {
    for path in files() {
        let (text, r) = read(&path);
        let l = raw_lines(&text);
        let name = path.display().to_string();
        let part_d = count(&l, "Drug Code:");
        assert_eq!(
            r.allergies.len(),
            count(&l, "Allergy Name:"),
            "{name} allergies"
        );
        assert_eq!(
            r.problems.len(),
            count(&l, "Condition Name:"),
            "{name} problems"
        );
        assert_eq!(
            r.medical_equipment.len(),
            count(&l, "Device Name:"),
            "{name} devices"
        );
        assert_eq!(
            r.immunizations.len(),
            count(&l, "Immunization Name:"),
            "{name} immunizations"
        );
        assert_eq!(
            r.results.len(),
            count(&l, "Test/Lab Type:"),
            "{name} results"
        );
        assert_eq!(
            r.vitals.len(),
            count(&l, "Vital Statistic Type:"),
            "{name} vitals"
        );
        assert_eq!(
            r.medications.len(),
            count(&l, "Drug Name:") - part_d,
            "{name} medications"
        );
        assert_eq!(
            r.care_team.len(),
            count(&l, "Provider Name:") + count(&l, "Pharmacy Name:") - part_d,
            "{name} care team"
        );
        assert_eq!(
            r.patient.contacts.len(),
            count(&l, "Contact Name:"),
            "{name} contacts"
        );
        assert_eq!(
            r.plan_of_care.len(),
            count(&l, "Next Eligible Date:"),
            "{name} preventive"
        );
        assert_eq!(
            r.family_history.len(),
            count(&l, "Family Member:"),
            "{name} family"
        );
        let family_conditions: usize = r.family_history.iter().map(|f| f.observations.len()).sum();
        assert_eq!(
            family_conditions + r.plan_of_care.len(),
            count(&l, "Description:"),
            "{name} family conditions"
        );
        assert_eq!(
            r.coverage.len(),
            count(&l, "Contract ID/Plan ID:")
                + count(&l, "Employer Plan:")
                + count(&l, "MSP Type:")
                + count(&l, "Part A Effective Date:")
                + count(&l, "Part B Effective Date:"),
            "{name} coverage"
        );
        assert_eq!(r.claims.len(), count(&l, "Claim Number:"), "{name} claims");
        let items: usize = r.claims.iter().map(|c| c.items.len()).sum();
        assert_eq!(
            items,
            count(&l, "Line number:") + part_d,
            "{name} claim lines"
        );
        let diagnoses: usize = r.claims.iter().map(|c| c.diagnoses.len()).sum();
        assert_eq!(diagnoses, count(&l, "Diagnosis Code"), "{name} diagnoses");
        let modifiers: usize = r
            .claims
            .iter()
            .flat_map(|c| &c.items)
            .map(|i| i.modifiers.len())
            .sum();
        let modifier_lines = l
            .iter()
            .filter(|x| x.starts_with("Modifier ") && !x.ends_with(':'))
            .count();
        assert_eq!(modifiers, modifier_lines, "{name} modifiers");
        assert!(r.warnings.is_empty(), "{name}: {:?}", r.warnings);
    }
}

#[test]
fn every_claim_amount_equals_its_source_text() {
    let mut seen = 0;
    for path in files() {
        let (text, r) = read(&path);
        let expected: Vec<String> = raw_lines(&text)
            .iter()
            .filter_map(|l| l.split_once(':'))
            .map(|(_, v)| v.trim())
            .filter(|v| v.starts_with('$'))
            .map(|v| v.replace(['$', ','], ""))
            .collect();
        let actual: Vec<String> = r
            .claims
            .iter()
            .flat_map(|c| {
                c.totals
                    .iter()
                    .chain(c.items.iter().flat_map(|i| &i.amounts))
            })
            .map(|a| {
                let m = a.amount.as_ref().expect("amount");
                assert_eq!(m.currency.as_deref(), Some("USD"));
                m.value.clone().expect("value")
            })
            .collect();
        assert_eq!(actual, expected, "{}", path.display());
        seen += actual.len();
    }
    assert!(seen > 100, "only {seen} amounts");
}

#[test]
fn spot_checks_on_cms_sample() {
    let (_, r) = read(&corpus_dir().join("cms_sample.txt"));
    let created = r.document.created.as_ref().unwrap();
    assert_eq!(created.value.as_deref(), Some("2013-03-16T05:10"));
    let name = r.patient.name.as_ref().unwrap();
    assert_eq!(name.family.as_deref(), Some("DOE"));
    assert_eq!(name.given, vec!["JOHN".to_string()]);
    assert_eq!(
        r.patient.birth_time.as_ref().unwrap().value.as_deref(),
        Some("1910-01-01")
    );
    assert_eq!(r.patient.addresses[0].postal_code.as_deref(), Some("00001"));
    assert_eq!(r.patient.contacts.len(), 2);
    assert_eq!(r.patient.contacts[0].telecoms.len(), 4);

    let allergy = &r.allergies[0];
    assert_eq!(
        allergy.allergen.as_ref().unwrap().original_text.as_deref(),
        Some("Antibotic")
    );
    assert_eq!(allergy.categories, vec!["Drugs".to_string()]);
    assert_eq!(
        allergy.source.section.as_deref(),
        Some("Self Reported Allergies")
    );
    assert_eq!(allergy.source.label.as_deref(), Some("Self-Entered"));
    assert_eq!(allergy.source.column, 1);
    assert!(allergy
        .notes
        .iter()
        .any(|n| n == "Treatment: Allergy Shots"));

    let vital = &r.vitals[0].observations[0];
    let t = vital.time.as_ref().unwrap().value.as_ref().unwrap();
    assert_eq!(t.value.as_deref(), Some("2011-07-22T15:00"));
    assert_eq!(
        vital.value.as_ref().unwrap().text.as_deref(),
        Some("120/80")
    );

    let claim = &r.claims[0];
    assert_eq!(claim.ids[0].value.as_deref(), Some("1234567890000"));
    assert_eq!(
        claim.kind.as_ref().unwrap().original_text.as_deref(),
        Some("PartB")
    );
    assert_eq!(claim.diagnoses.len(), 4);
    assert_eq!(claim.totals.len(), 4);
    assert_eq!(
        claim.totals[2].amount.as_ref().unwrap().value.as_deref(),
        Some("27.20")
    );
    let line = &claim.items[0];
    assert_eq!(line.sequence, Some(1));
    assert_eq!(
        line.service.as_ref().unwrap().code.as_deref(),
        Some("98941")
    );
    assert_eq!(line.modifiers[0].code.as_deref(), Some("AT"));
    assert_eq!(
        line.place.as_ref().unwrap().display.as_deref(),
        Some("Office")
    );
    assert_eq!(line.provider.as_ref().unwrap().ids.len(), 2);

    let part_d = &r.claims[3];
    assert_eq!(
        part_d.kind.as_ref().unwrap().original_text.as_deref(),
        Some("Part D")
    );
    assert_eq!(part_d.ids[0].value.as_deref(), Some("123456789012"));
    let drug = part_d.items[0].service.as_ref().unwrap();
    assert_eq!(drug.code.as_deref(), Some("00093013505"));
    assert_eq!(drug.display.as_deref(), Some("CARVEDILOL"));
    assert_eq!(part_d.care_team.len(), 1);

    let plan = &r.coverage[2];
    assert_eq!(
        plan.plan_name.as_deref(),
        Some("A Medicare Plan Plus (HMO)")
    );
    assert_eq!(plan.ids[0].value.as_deref(), Some("H9999"));
    let pharmacy = r.care_team.iter().find(|m| {
        m.member
            .as_ref()
            .and_then(|p| p.organization.as_ref())
            .is_some()
    });
    assert!(pharmacy.is_some());
    let brother = &r.family_history[0];
    let relative = brother.relative.as_ref().unwrap();
    assert_eq!(
        relative
            .relationship
            .as_ref()
            .unwrap()
            .original_text
            .as_deref(),
        Some("Brother")
    );
    assert_eq!(
        relative.birth_time.as_ref().unwrap().value.as_deref(),
        Some("1915-01-10")
    );
    assert_eq!(brother.observations.len(), 7);
    let first = &brother.observations[0];
    assert_eq!(
        first.categories[0].original_text.as_deref(),
        Some("Allergy")
    );
    assert_eq!(
        brother.observations[3].categories[0]
            .original_text
            .as_deref(),
        Some("Condition")
    );
    assert!(r.notes.is_empty(), "{:?}", r.notes);
}

#[test]
fn line_endings_do_not_change_the_record() {
    let bytes = std::fs::read(corpus_dir().join("cms_sample.txt")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let lf = bluebutton_parse::parse(text.as_bytes()).unwrap();
    let crlf = bluebutton_parse::parse(text.replace('\n', "\r\n").as_bytes()).unwrap();
    let cr = bluebutton_parse::parse(text.replace('\n', "\r").as_bytes()).unwrap();
    assert_eq!(lf, crlf);
    assert_eq!(lf, cr);
}

#[test]
fn every_entry_has_a_source() {
    for path in files() {
        let (_, r) = read(&path);
        let sources = r
            .allergies
            .iter()
            .map(|x| &x.source)
            .chain(r.problems.iter().map(|x| &x.source))
            .chain(r.medications.iter().map(|x| &x.source))
            .chain(r.immunizations.iter().map(|x| &x.source))
            .chain(r.results.iter().map(|x| &x.source))
            .chain(r.vitals.iter().map(|x| &x.source))
            .chain(r.medical_equipment.iter().map(|x| &x.source))
            .chain(r.care_team.iter().map(|x| &x.source))
            .chain(r.coverage.iter().map(|x| &x.source))
            .chain(r.claims.iter().map(|x| &x.source))
            .chain(r.family_history.iter().map(|x| &x.source))
            .chain(r.plan_of_care.iter().map(|x| &x.source));
        for s in sources {
            assert!(
                s.section.is_some() && s.line > 0 && s.column == 1,
                "{}: {s:?}",
                path.display()
            );
        }
    }
}

const HEADER: &str = "--------------------------------\nMYMEDICARE.GOV PERSONAL HEALTH INFORMATION\n\n--------------------------------\n**********CONFIDENTIAL***********\nProduced by the Blue Button (v2.0)\n03/16/2013 5:10 AM\n";

#[test]
fn unknown_sections_and_stray_lines_are_kept_with_warnings_that_quote_no_data() {
    let input = format!(
        "{HEADER}--------------------------------\nSecret Section\n--------------------------------\nSource: Self-Entered\nWho: ZEBULON QUUX\n--------------------------------\nSelf Reported Allergies\n--------------------------------\nSource: Self-Entered\nAllergy Name: Pollen\nstray text XYZZY\nFirst Episode Date: 99/99/2013\nFavourite Colour: Blue\n"
    );
    let r = bluebutton_parse::parse(input.as_bytes()).unwrap();
    let codes: Vec<_> = r.warnings.iter().map(|w| (w.code, w.line)).collect();
    assert_eq!(
        codes,
        vec![
            (WarningCode::UnknownSection, Some(9)),
            (WarningCode::UnrecognizedLine, Some(18)),
            (WarningCode::InvalidDate, Some(19)),
        ]
    );
    for w in &r.warnings {
        for secret in ["ZEBULON", "QUUX", "XYZZY", "99/99", "Pollen"] {
            assert!(!w.message.contains(secret), "{}", w.message);
        }
    }
    let note = r
        .notes
        .iter()
        .find(|n| n.title.as_deref() == Some("Secret Section"))
        .unwrap();
    assert!(note.text.as_deref().unwrap().contains("ZEBULON QUUX"));
    assert!(r
        .notes
        .iter()
        .any(|n| n.text.as_deref() == Some("stray text XYZZY")));
    let allergy = &r.allergies[0];
    assert_eq!(
        allergy
            .period
            .as_ref()
            .unwrap()
            .low
            .as_ref()
            .unwrap()
            .raw
            .as_deref(),
        Some("99/99/2013")
    );
    assert!(allergy.notes.iter().any(|n| n == "Favourite Colour: Blue"));
}

#[test]
fn empty_and_truncated_inputs_do_not_panic() {
    for cut in [10, 50, 100, 140, 160, HEADER.len()] {
        let input = HEADER.get(..cut).unwrap();
        if let Ok(r) = bluebutton_parse::parse(input.as_bytes()) {
            assert!(r.claims.is_empty());
        }
    }
    let text = std::fs::read_to_string(corpus_dir().join("cms_sample.txt")).unwrap();
    for cut in (0..text.len()).step_by(997) {
        if let Ok(r) = bluebutton_parse::parse(text.get(..cut).unwrap().as_bytes()) {
            assert_eq!(r.format.kind, FormatKind::CmsText);
        }
    }
}

#[test]
fn utf16_and_byte_order_marks_do_not_change_the_record() {
    let text = std::fs::read_to_string(corpus_dir().join("cms_sample.txt")).unwrap();
    let expected = bluebutton_parse::parse(text.as_bytes()).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut le_bom = b"\xFF\xFE".to_vec();
    le_bom.extend_from_slice(&le);
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for input in [bom, le, le_bom, be] {
        assert_eq!(bluebutton_parse::parse(&input).unwrap(), expected);
    }
}

#[test]
fn claim_lines_listed_after_all_summaries_join_their_claims() {
    let input = format!(
        "{HEADER}--------------------------------\nClaim Summary\n--------------------------------\nSource: MyMedicare.gov\nClaim Number: 111\nAmount Charged: $1,000.00\nClaim Type: PartB\n\nClaim Number: 222\nAmount Charged: $2.00\nClaim Type: Outpatient\n--------------------------------\nClaim Lines for Claim Number: 111\n--------------------------------\nLine number:  1\nSubmitted Amount/Charges:  $1,000.00\n--------------------------------\nClaim Lines for Claim Number: 222\n--------------------------------\nLine number:  1\nSubmitted Amount/Charges:  $2.00\nLine number:  2\nSubmitted Amount/Charges:  $0.00\n"
    );
    let r = bluebutton_parse::parse(input.as_bytes()).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let summary: Vec<(Option<&str>, usize)> = r
        .claims
        .iter()
        .map(|c| (c.ids[0].value.as_deref(), c.items.len()))
        .collect();
    assert_eq!(summary.len(), 2);
    assert!(summary.contains(&(Some("111"), 1)));
    assert!(summary.contains(&(Some("222"), 2)));
    let total = &r.claims.iter().find(|c| c.items.len() == 1).unwrap().totals[0];
    assert_eq!(
        total.amount.as_ref().unwrap().value.as_deref(),
        Some("1000.00")
    );
}

#[test]
fn a_relatives_death_date_is_read() {
    let input = format!(
        "{HEADER}--------------------------------\nFamily Medical History\n--------------------------------\nSource: Self-Entered\nFamily Member: Father\nDOB: 01/02/1930\nDOD: 03/04/2001\nType: Condition\nDescription: Diabetes\n\nFamily Member: Mother\nDOD: \n"
    );
    let r = bluebutton_parse::parse(input.as_bytes()).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let [father, mother] = &r.family_history[..] else {
        panic!("{:?}", r.family_history);
    };
    assert_eq!(father.deceased, Some(true));
    assert_eq!(
        father
            .deceased_time
            .as_ref()
            .and_then(|d| d.value.as_deref()),
        Some("2001-03-04")
    );
    assert_eq!(father.text, None);
    assert_eq!((mother.deceased, &mother.deceased_time), (None, &None));
}

#[test]
fn a_field_between_separators_is_no_title() {
    let input = format!(
        "{HEADER}--------------------------------\nClaim Summary\n--------------------------------\nSource: MyMedicare.gov\n--------------------------------\nClaim Number: 333\n--------------------------------\nClaim Type: PartB\n"
    );
    let r = bluebutton_parse::parse(input.as_bytes()).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.claims.len(), 1);
    assert_eq!(r.claims[0].ids[0].value.as_deref(), Some("333"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any mix of the report's own lines (and junk) parses without panicking, and every
    /// warning has a line.
    #[test]
    fn shuffled_report_lines_never_panic(
        picks in proptest::collection::vec(0usize..24, 0..120),
    ) {
        const PARTS: [&str; 24] = [
            "--------------------------------", "", "Claim Summary", "Claim Lines for Claim Number: 1",
            "Claim Number: 1", "Line number:  x", "Line number:  2", "Amount Charged: $1,0.0",
            "Submitted Amount/Charges: $5.00", "Self Reported Allergies", "Allergy Name: A",
            "First Episode Date: 2/30/20", "Drugs", "Drug Name: B", "Unknown Title", "stray",
            "Source: Self-Entered", "Family Medical History", "Type: Allergy", "Description: C",
            "Demographic", "Date of Birth: 1/1/1910 25:00 PM", "Plans", "Plan Period: x - current",
        ];
        let mut text = String::from(HEADER);
        for p in picks {
            text.push_str(PARTS[p]);
            text.push('\n');
        }
        let r = bluebutton_parse::parse(text.as_bytes()).unwrap();
        for w in &r.warnings {
            proptest::prop_assert!(w.line.is_some(), "{:?}", w);
        }
    }
}
