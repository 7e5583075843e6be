//! Which FHIR version a JSON input is, from the window.
//!
//! FHIR resources rarely say their version. In order, detection trusts:
//! 1. a `fhirVersion` element (CapabilityStatement, or a `meta` extension);
//! 2. the CMS Blue Button 2.0 API's own marks: its v1 API served STU3 (links under
//!    `/v1/fhir/`, hashed `mbi-hash`/`hicn-hash` identifiers that v2 dropped), its v2 API
//!    R4 (links under `/v2/fhir/`);
//! 3. R4-only URLs: code systems under `http://terminology.hl7.org/` (moved there in R4),
//!    profiles of R4-only guides (CARIN Blue Button, the insurance card guide);
//! 4. elements that STU3 has and R4 renamed or removed, read in an object whose
//!    `resourceType` is known (`Coverage.grouping`, `ExplanationOfBenefit.information`...);
//! 5. code systems that R4 moved away from `http://hl7.org/fhir/` (`v2/`, `v3/`, `ex-*`
//!    but the eight example systems R4 kept there, `claimcareteamrole`,
//!    `benefit-category`), which only STU3 and earlier use;
//! 6. otherwise R4, the version most servers send today (the description says so).

/// A FHIR version and why detection believes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Version {
    /// `R4`, `R4B`, `R5`, `STU3` or `DSTU2`.
    pub name: &'static str,
    /// Why, when it is worth saying.
    pub evidence: Option<&'static str>,
}

/// The evidence for STU3 from an STU3-only element (the description names it).
pub(super) const STU3_ELEMENT: &str = "by an element only STU3 has";

const BLUE_BUTTON: &str = "bluebutton.cms.gov";
const BB2_V1: &[&str] = &[
    "bluebutton.cms.gov/resources/identifier/mbi-hash",
    "bluebutton.cms.gov/resources/identifier/hicn-hash",
];
const R4_URLS: &[&str] = &[
    "http://terminology.hl7.org/",
    "http://hl7.org/fhir/us/carin-bb/",
    "http://hl7.org/fhir/us/insurance-card/",
];
const STU3_SYSTEMS: &[&str] = &[
    "http://hl7.org/fhir/v2/",
    "http://hl7.org/fhir/v3/",
    "http://hl7.org/fhir/claimcareteamrole",
    "http://hl7.org/fhir/benefit-category",
    "/fhir-server-stu3/",
    "/stu3/",
    "/dstu3/",
];

/// Where STU3 kept its example code systems (`ex-*`); R4 moved them to
/// `http://terminology.hl7.org/CodeSystem/` except [`R4_EXAMPLE_SYSTEMS`].
const EXAMPLE_SYSTEMS: &str = "http://hl7.org/fhir/ex-";

/// The example code systems R4 itself still names under `http://hl7.org/fhir/ex-` (the
/// financial module's), which say nothing about the version.
const R4_EXAMPLE_SYSTEMS: &[&str] = &[
    "claimitemtype",
    "fdi",
    "onsettype",
    "oralprostho",
    "pharmaservice",
    "servicemodifier",
    "serviceproduct",
    "udi",
];

/// Whether the window names an example code system only STU3 and earlier keep under
/// `http://hl7.org/fhir/ex-`.
fn has_stu3_example_system(window: &str) -> bool {
    window.match_indices(EXAMPLE_SYSTEMS).any(|(at, m)| {
        let rest = window.get(at + m.len()..).unwrap_or_default();
        let name = rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .next()
            .unwrap_or_default();
        !R4_EXAMPLE_SYSTEMS.contains(&name)
    })
}

/// Elements of STU3 resources that R4 renamed or removed, by resource type.
const STU3_ONLY: &[(&str, &[&str])] = &[
    ("AllergyIntolerance", &["assertedDate", "lastOccurrence"]),
    ("CarePlan", &["definition", "context"]),
    ("Condition", &["assertedDate", "context"]),
    ("Coverage", &["grouping", "sequence"]),
    ("DiagnosticReport", &["codedDiagnosis", "image", "context"]),
    ("DocumentReference", &["indexed", "class", "created"]),
    ("Encounter", &["incomingReferral"]),
    (
        "ExplanationOfBenefit",
        &[
            "information",
            "organization",
            "employmentImpacted",
            "hospitalization",
            "totalCost",
            "unallocDeductable",
            "totalBenefit",
        ],
    ),
    ("Immunization", &["notGiven", "practitioner", "explanation"]),
    ("MedicationRequest", &["definition", "context"]),
    ("MedicationStatement", &["taken"]),
    ("Observation", &["comment", "context"]),
    ("Patient", &["animal"]),
    ("Procedure", &["notDone", "definition", "context"]),
];

/// The resource type, if it is one whose STU3-only elements detection knows.
pub(super) fn stu3_resource(resource_type: &[u8]) -> Option<&'static str> {
    STU3_ONLY
        .iter()
        .map(|(resource, _)| *resource)
        .find(|r| r.as_bytes() == resource_type)
}

/// `(resource, element)` when `key` is an element only STU3's `resource` has.
pub(super) fn stu3_only(resource: &str, key: &[u8]) -> Option<(&'static str, &'static str)> {
    let (resource, elements) = STU3_ONLY.iter().find(|(r, _)| *r == resource)?;
    let element = elements.iter().find(|e| e.as_bytes() == key)?;
    Some((resource, element))
}

/// The FHIR version of the window's JSON; `declared` is a `fhirVersion` value if any,
/// `stu3_element` an STU3-only element the JSON scan met.
pub(super) fn version(
    window: &str,
    declared: Option<&str>,
    stu3_element: Option<(&str, &str)>,
) -> Version {
    let v = |name, evidence| Version {
        name,
        evidence: Some(evidence),
    };
    if let Some(name) = declared.and_then(from_number) {
        return v(name, "by its fhirVersion");
    }
    let blue_button = window.contains(BLUE_BUTTON);
    if (blue_button && window.contains("/v1/fhir/")) || BB2_V1.iter().any(|m| window.contains(m)) {
        return v("STU3", "Blue Button 2.0 API v1");
    }
    if blue_button && window.contains("/v2/fhir/") {
        return Version {
            name: "R4",
            evidence: None,
        };
    }
    if R4_URLS.iter().any(|m| window.contains(m)) {
        return Version {
            name: "R4",
            evidence: None,
        };
    }
    if stu3_element.is_some() {
        return v("STU3", STU3_ELEMENT);
    }
    if STU3_SYSTEMS.iter().any(|m| window.contains(m)) || has_stu3_example_system(window) {
        return v("STU3", "by its pre-R4 code system URLs");
    }
    v("R4", "no version marker found; taken as R4")
}

/// A release name from a `fhirVersion` number such as `4.0.1`.
fn from_number(number: &str) -> Option<&'static str> {
    let mut parts = number.trim().split('.');
    let major: u32 = parts.next()?.parse().ok()?;
    let minor: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some(match (major, minor) {
        (0, _) | (1, _) => "DSTU2",
        (3, _) => "STU3",
        (4, 0) => "R4",
        (4, 1..=3) => "R4B",
        (4, _) | (5, _) => "R5",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version_of(window: &str, declared: Option<&str>) -> Version {
        version(window, declared, None)
    }

    #[test]
    fn labels_every_stu3_element() {
        for (resource, elements) in STU3_ONLY {
            for element in *elements {
                assert!(
                    stu3_only(resource, element.as_bytes()).is_some(),
                    "{resource}.{element}"
                );
            }
        }
    }

    #[test]
    fn trusts_a_declared_version() {
        assert_eq!(version_of("", Some("4.0.1")).name, "R4");
        assert_eq!(version_of("", Some("3.0.2")).name, "STU3");
        assert_eq!(version_of("", Some("1.0.2")).name, "DSTU2");
        assert_eq!(version_of("", Some("4.3.0")).name, "R4B");
        assert_eq!(version_of("", Some("5.0.0")).name, "R5");
        assert_eq!(version_of("", Some("x")).name, "R4");
    }

    #[test]
    fn reads_blue_button_and_code_system_marks() {
        let v1 = r#""url": "https://sandbox.bluebutton.cms.gov/v1/fhir/Patient""#;
        assert_eq!(version_of(v1, None).name, "STU3");
        let v2 = r#""url": "https://sandbox.bluebutton.cms.gov/v2/fhir/Patient""#;
        assert_eq!(version_of(v2, None).name, "R4");
        let stu3_example = r#""system": "http://hl7.org/fhir/ex-claimtype""#;
        assert_eq!(version_of(stu3_example, None).name, "STU3");
        let r4_example =
            r#""url": "http://hl7.org/fhir/ex-onsettype", "system": "http://hl7.org/fhir/ex-udi""#;
        assert_eq!(version_of(r4_example, None).name, "R4");
        let old = r#""system": "http://hl7.org/fhir/v3/ActCode""#;
        assert_eq!(version_of(old, None).name, "STU3");
        let new = r#""system": "http://terminology.hl7.org/CodeSystem/v3-ActCode""#;
        assert_eq!(version_of(new, None).name, "R4");
        assert!(version_of("{}", None).evidence.is_some());
    }
}
